/* gx-rates.c: rates of one report, and differences between two
 *
 * The definitions are in gx-rates.h.  Rows are found through the template:
 * the 无法提供 and 不予处理 rows are those of the groups "unavailable" and
 * "not_processed" in gx-schema.c, so no row key is spelled here that the
 * template does not define.
 */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-rates.h"

/* Helpers ------------------------------------------------------------------- */

typedef struct {
  gint64 sum;
  gboolean ok;      /* every cell added was in the form and a number */
} Sum;

static void
add_cell (GxReport   *report,
          Sum        *sum,
          GxSection   section,
          const char *row_key,
          const char *column_key)
{
  int cell = gx_schema_find_cell (section, row_key, column_key);

  if (cell < 0 || !gx_report_has_cell (report, (guint) cell) ||
      gx_report_get_raw (report, (guint) cell) != NULL)
    {
      sum->ok = FALSE;
      return;
    }
  /* a blank cell reads as 0 (and is a note of its own); a value count_value
   * refuses as too large, or a sum that would overflow, gives no rate */
  if (!gx_value_in_range (gx_report_get_value (report, (guint) cell)) ||
      __builtin_add_overflow (sum->sum, gx_report_get_count (report, (guint) cell), &sum->sum))
    sum->ok = FALSE;
}

/* Adds the 总计 column of every row of section 三 under the group @group_key
 * that the report's form has. */
static void
add_group_totals (GxReport   *report,
                  Sum        *sum,
                  const char *group_key)
{
  const GxSchemaSection *section = gx_schema_section (GX_SECTION_APPLICATIONS);
  guint n_rows = 0;

  for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);

      if (row->group < 0 || g_strcmp0 (gx_schema_group ((guint) row->group)->key, group_key) != 0)
        continue;
      if (!gx_schema_row_in_format (row, gx_report_get_format (report)))
        continue;
      add_cell (report, sum, GX_SECTION_APPLICATIONS, row->key, "total");
      n_rows++;
    }
  if (n_rows == 0)
    sum->ok = FALSE;
}

/* API ------------------------------------------------------------------------ */

const char *
gx_rate_to_key (GxRate rate)
{
  static const char *const keys[GX_N_RATES] = {
    "disclosed", "unavailable", "not_processed", "review_corrected", "litigation_corrected",
  };

  g_return_val_if_fail (rate < GX_N_RATES, NULL);
  return keys[rate];
}

const char *
gx_rate_to_label (GxRate rate)
{
  switch (rate)
    {
    case GX_RATE_DISCLOSED:
      /* Translators: 公开率 */
      return _("Disclosure rate");
    case GX_RATE_UNAVAILABLE:
      /* Translators: 无法提供率 */
      return _("Cannot-provide rate");
    case GX_RATE_NOT_PROCESSED:
      /* Translators: 不予处理率 */
      return _("Not-processed rate");
    case GX_RATE_REVIEW_CORRECTED:
      /* Translators: 复议纠错率 */
      return _("Review correction rate");
    case GX_RATE_LITIGATION_CORRECTED:
      /* Translators: 诉讼纠错率 */
      return _("Litigation correction rate");
    case GX_N_RATES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
gx_rate_to_formula (GxRate rate)
{
  switch (rate)
    {
    case GX_RATE_DISCLOSED:
      return _("(Disclosed + partially disclosed) / total of results");
    case GX_RATE_UNAVAILABLE:
      return _("Cannot be provided (all three rows) / total of results");
    case GX_RATE_NOT_PROCESSED:
      return _("Not processed (all five rows) / total of results");
    case GX_RATE_REVIEW_CORRECTED:
      return _("Administrative review: corrected / (total − pending)");
    case GX_RATE_LITIGATION_CORRECTED:
      return _("Litigation (without and after review): corrected / (total − pending)");
    case GX_N_RATES:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
gx_rate_compute (GxReport *report,
                 GxRate    rate,
                 gint64   *numerator,
                 gint64   *denominator,
                 double   *value)
{
  Sum num = { 0, TRUE };
  Sum den = { 0, TRUE };
  Sum pending = { 0, TRUE };
  const GxSection s3 = GX_SECTION_APPLICATIONS;
  const GxSection s4 = GX_SECTION_REVIEW_LITIGATION;
  gboolean ok;

  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  g_return_val_if_fail (rate < GX_N_RATES, FALSE);

  switch (rate)
    {
    case GX_RATE_DISCLOSED:
      add_cell (report, &num, s3, "granted", "total");
      add_cell (report, &num, s3, "partially_granted", "total");
      add_cell (report, &den, s3, "results_total", "total");
      break;
    case GX_RATE_UNAVAILABLE:
      add_group_totals (report, &num, "unavailable");
      add_cell (report, &den, s3, "results_total", "total");
      break;
    case GX_RATE_NOT_PROCESSED:
      add_group_totals (report, &num, "not_processed");
      add_cell (report, &den, s3, "results_total", "total");
      break;
    case GX_RATE_REVIEW_CORRECTED:
      add_cell (report, &num, s4, "review", "corrected");
      add_cell (report, &den, s4, "review", "total");
      add_cell (report, &pending, s4, "review", "pending");
      break;
    case GX_RATE_LITIGATION_CORRECTED:
      add_cell (report, &num, s4, "litigation_direct", "corrected");
      add_cell (report, &num, s4, "litigation_after_review", "corrected");
      add_cell (report, &den, s4, "litigation_direct", "total");
      add_cell (report, &den, s4, "litigation_after_review", "total");
      add_cell (report, &pending, s4, "litigation_direct", "pending");
      add_cell (report, &pending, s4, "litigation_after_review", "pending");
      break;
    case GX_N_RATES:
    default:
      g_assert_not_reached ();
    }

  /* concluded cases only: the pending ones have no outcome yet */
  if (__builtin_sub_overflow (den.sum, pending.sum, &den.sum))
    den.ok = FALSE;
  ok = num.ok && den.ok && pending.ok && den.sum > 0;

  if (numerator != NULL)
    *numerator = num.sum;
  if (denominator != NULL)
    *denominator = den.sum;
  if (value != NULL)
    *value = ok ? (double) num.sum / (double) den.sum : 0.0;
  return ok;
}

char *
gx_rate_format_value (double value)
{
  /* Translators: a rate in percent with one decimal: "27.9%" */
  return g_strdup_printf (_("%.1f%%"), value * 100.0);
}

char *
gx_rate_format (GxReport *report,
                GxRate    rate)
{
  double value;

  if (!gx_rate_compute (report, rate, NULL, NULL, &value))
    return g_strdup ("—");
  return gx_rate_format_value (value);
}

gboolean
gx_rates_cell_difference (GxReport *from,
                          GxReport *to,
                          guint     cell,
                          gint64   *difference)
{
  g_return_val_if_fail (GX_IS_REPORT (from), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (to), FALSE);
  g_return_val_if_fail (cell < gx_schema_n_cells (), FALSE);

  if (!gx_report_has_cell (from, cell) || !gx_report_has_cell (to, cell) ||
      gx_report_get_raw (from, cell) != NULL || gx_report_get_raw (to, cell) != NULL)
    return FALSE;
  {
    gint64 d;

    if (__builtin_sub_overflow (gx_report_get_value (to, cell), gx_report_get_value (from, cell), &d))
      return FALSE;
    if (difference != NULL)
      *difference = d;
  }
  return TRUE;
}

GArray *
gx_rates_differences (GxReport *from,
                      GxReport *to)
{
  GArray *differences;

  g_return_val_if_fail (GX_IS_REPORT (from), NULL);
  g_return_val_if_fail (GX_IS_REPORT (to), NULL);

  differences = g_array_new (FALSE, FALSE, sizeof (GxCellDifference));
  for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
    {
      GxCellDifference d = { cell, 0, 0, 0 };

      if (!gx_rates_cell_difference (from, to, cell, &d.difference) || d.difference == 0)
        continue;
      d.from = gx_report_get_value (from, cell);
      d.to = gx_report_get_value (to, cell);
      g_array_append_val (differences, d);
    }
  return differences;
}
