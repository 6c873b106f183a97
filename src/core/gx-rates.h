/* gx-rates.h: rates of one report, and differences between two
 *
 * GTK-free.  The rates of the comparison view and its chart:
 *
 *   公开率      (granted.total + partially_granted.total) / results_total.total
 *   无法提供率  Σ unavailable_*.total / results_total.total
 *   不予处理率  Σ not_processed_*.total / results_total.total
 *   复议纠错率  review.corrected / (review.total − review.pending)
 *   诉讼纠错率  (litigation_direct.corrected + litigation_after_review.corrected)
 *               / (litigation_direct.total + litigation_after_review.total
 *                  − litigation_direct.pending − litigation_after_review.pending)
 *
 * All rows and cells are section 三 / 四 of the template (gx-schema.c).  A
 * rate whose denominator is 0 or negative, or one of whose cells is not a
 * number (invalid text) or not in the report's form, is not computed: it is
 * shown as "—", never divided.
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

typedef enum {
  GX_RATE_DISCLOSED,             /* 公开率 */
  GX_RATE_UNAVAILABLE,           /* 无法提供率 */
  GX_RATE_NOT_PROCESSED,         /* 不予处理率 */
  GX_RATE_REVIEW_CORRECTED,      /* 复议纠错率 */
  GX_RATE_LITIGATION_CORRECTED,  /* 诉讼纠错率 */
  GX_N_RATES
} GxRate;

/* "disclosed", "unavailable", "not_processed", "review_corrected",
 * "litigation_corrected" */
const char *gx_rate_to_key      (GxRate      rate);
/* translated: "Disclosure rate" (公开率) … */
const char *gx_rate_to_label    (GxRate      rate);
/* translated: how the rate is computed, for a tooltip */
const char *gx_rate_to_formula  (GxRate      rate);

/* Computes @rate of @report.  Returns FALSE when it cannot be computed
 * (zero denominator, invalid cell, a row not in the report's form); then
 * @numerator/@denominator are still set to what was summed.  @value: the
 * rate as a fraction (0.279 for 27.9%).  All out parameters may be NULL. */
gboolean    gx_rate_compute     (GxReport   *report,
                                 GxRate      rate,
                                 gint64     *numerator,
                                 gint64     *denominator,
                                 double     *value);
/* "27.9%" with one decimal, or "—" when not computed */
char       *gx_rate_format      (GxReport   *report,
                                 GxRate      rate);
/* "27.9%" for 0.279 */
char       *gx_rate_format_value (double     value);

/* The difference @to − @from of @cell (fixed point, GX_VALUE_SCALE).
 * FALSE when the cell is not in both reports' forms or is invalid text in
 * either: there is nothing to compare.  A blank cell counts as 0. */
gboolean    gx_rates_cell_difference (GxReport *from,
                                      GxReport *to,
                                      guint     cell,
                                      gint64   *difference);

typedef struct {
  guint cell;          /* index into gx_schema_cell() */
  gint64 from;         /* fixed point */
  gint64 to;
  gint64 difference;   /* to − from */
} GxCellDifference;

/* Every comparable cell whose value differs, in template order: a GArray
 * of GxCellDifference. */
GArray     *gx_rates_differences (GxReport *from,
                                  GxReport *to);

G_END_DECLS
