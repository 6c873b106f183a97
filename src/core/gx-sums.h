/* gx-sums.h: which cells of the template add up to which, stated once
 *
 * The sums of the national form are a table in gx-sums.c, by the keys of
 * the template (gx-schema.c).  The rules (balance, results_sum, row_total,
 * group_total, gx-rules.c) check them and the editor's Fill Totals writes
 * their totals; neither spells a sum out.  No GTK.
 */
#pragma once

#include <glib.h>

#include "gx-schema.h"

G_BEGIN_DECLS

typedef enum {
  /* in each row of the section: the total column = the row's other columns */
  GX_SUM_ACROSS,
  /* in each column: the left rows add up to the right rows */
  GX_SUM_DOWN,
} GxSumShape;

/* What Fill Totals does with a sum. */
typedef enum {
  GX_SUM_FILL_NEVER,
  GX_SUM_FILL_ALWAYS,          /* writes the fill cell */
  GX_SUM_FILL_CARRY_FORWARD,   /* only when asked to carry forward */
} GxSumFill;

/* One entry of the table: a sum stated by keys. */
typedef struct {
  const char *rule;                  /* the rule checking it: "balance" … */
  GxSection section;
  GxSumShape shape;
  /* GX_SUM_ACROSS: the column holding each row's total */
  const char *total_column;
  /* GX_SUM_DOWN: row keys, NULL-terminated: left = right in each column */
  const char *const *left_rows;
  const char *const *right_rows;
  /* GX_SUM_DOWN: the right row Fill Totals writes, the others of the
   * equation read (it may be the result of a difference) */
  const char *fill_row;
  GxSumFill fill;
  /* GX_SUM_DOWN: the column in which Fill Totals leaves the fill row's
   * cell to its row's GX_SUM_ACROSS total ("total"), or NULL */
  const char *fill_skip_column;
} GxSumEntry;

/* One sum of one form, with its cells: sum of @left = sum of @right. */
typedef struct {
  const GxSumEntry *entry;
  const guint *left;
  guint n_left;
  const guint *right;
  guint n_right;
  guint subject;                 /* the total cell a finding is about */
  /* GX_SUM_ACROSS: the row; GX_SUM_DOWN: the column (names the sum) */
  const GxSchemaRow *row;
  const GxSchemaColumn *column;
  /* the cell Fill Totals writes from the others, or -1 */
  int fill_cell;
} GxSum;

/* The table, in the order the rules check it. */
const GxSumEntry *gx_sums_entries      (guint *n_entries);

/* Every sum of @format (GX_FORMAT_2021 or GX_FORMAT_2019), in the order of
 * the table, expanded to cells: only the rows and columns of @format (the
 * 2019 form's rows flagged GX_ROW_FLAG_BLANK_IN_2019 are operands there,
 * blank by the form; the retired other_handling row is in no sum).  Built
 * once, owned by the module. */
const GxSum      *gx_sums_for_format   (GxFormat format,
                                        guint   *n_sums);

G_END_DECLS
