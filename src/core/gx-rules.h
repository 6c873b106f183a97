/* gx-rules.h: the consistency rules (勾稽关系) of ../shared/report-schema.md
 *
 * Rules on one report live in gx-rules.c: balance, results_sum, row_total,
 * group_total, count_value, blank_cell, mostly_blank, ambiguous_layout,
 * and what the reader said of a row (unread, form_variant).
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

/* Rule keys, as they appear in JSON and on the command line. */
#define GX_RULE_BALANCE          "balance"
#define GX_RULE_RESULTS_SUM      "results_sum"
#define GX_RULE_ROW_TOTAL        "row_total"
#define GX_RULE_GROUP_TOTAL      "group_total"
#define GX_RULE_COUNT_VALUE      "count_value"
#define GX_RULE_BLANK_CELL       "blank_cell"
#define GX_RULE_MOSTLY_BLANK     "mostly_blank"
#define GX_RULE_AMBIGUOUS_LAYOUT "ambiguous_layout"
#define GX_RULE_UNREAD           "unread"
#define GX_RULE_FORM_VARIANT     "form_variant"
#define GX_RULE_CARRYOVER        "carryover"
#define GX_RULE_PROSE_MISMATCH   "prose_mismatch"

/* mostly_blank: a report whose tables have at least this share of their
 * cells blank (9 in 10: 180 of the 200 cells of the 2021 form) gets a
 * warning that counts them, rather than passing as clean with a hundred
 * blank_cell notes. */
#define GX_RULES_MOSTLY_BLANK_SHARE 0.9

/* Runs every single-report rule; stores the findings in @report (see
 * gx_report_get_findings()) and returns them (transfer: container).
 * Findings come in a stable order: by rule, then by cell. */
GPtrArray *gx_rules_check (GxReport *report);

typedef enum {
  GX_RULES_ALL            = 0,
  /* blank_cell notes counted (gx_report_get_n_unlisted_notes()), not
   * built: a report may have a hundred, and a list or an import that only
   * counts them need not make them */
  GX_RULES_NO_BLANK_CELLS = 1 << 0,
} GxRulesFlags;

/* gx_rules_check(), leaving out what @flags says. */
GPtrArray *gx_rules_check_full (GxReport     *report,
                                GxRulesFlags  flags);

G_END_DECLS
