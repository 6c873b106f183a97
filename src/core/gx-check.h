/* gx-check.h: the one recipe for a checked report
 *
 * Every view of a report shows the findings this gives: the list's counts
 * and "only reports with problems" (the workspace's cache is written with
 * it), the detail pane, the editor, printed sheets, the JSON, CSV and
 * Excel exports, and `check --db`.
 *
 * The recipe: the rules of one report (gx_rules_check()), its prose
 * (gx_prose_check(): prose_mismatch and the text's sections), then, in a
 * workspace, carryover and stock against the same issuer's report of the
 * year before there (after the issuer merges) and hierarchy over the
 * report's units (gx_backend_check_across()), and last the review decisions
 * recorded there (gx_backend_apply_reviews()): a decided finding keeps its
 * decision and note.  The report's counts (gx_report_get_n_errors() …)
 * are then those of the findings not dismissed (gx_review_count_open()):
 * a dismissed error does not count anywhere.
 */
#pragma once

#include "gx-report.h"
#include "gx-rules.h"
#include "gx-backend.h"

G_BEGIN_DECLS

typedef enum {
  GX_CHECK_DEFAULT = 0,
  /* the findings of the rules and the prose are kept when the report says
   * they are those of its values (gx_report_is_checked(): a reader thread
   * checked it); those across reports and the decisions are redone */
  GX_CHECK_REUSE   = 1 << 0,
} GxCheckFlags;

/* Checks @report as @store (NULL: no workspace, the file alone) sees it;
 * the findings go to gx_report_get_findings().  FALSE and @error when the
 * workspace could not be read. */
gboolean gx_check_report      (GxReport      *report,
                               GxBackend     *store,
                               GError       **error);
/* gx_check_report(), with @flags and the blank-cell notes of @rules
 * (GX_RULES_NO_BLANK_CELLS: counted, not built; built all the same when
 * the workspace has decisions, since one may concern a blank cell). */
gboolean gx_check_report_full (GxReport      *report,
                               GxBackend     *store,
                               GxCheckFlags   flags,
                               GxRulesFlags   rules,
                               GError       **error);

/* Sets the counts of @report to its findings not dismissed (after a
 * decision, or after findings were added). */
void     gx_check_update_counts (GxReport    *report);

G_END_DECLS
