/* gx-rules.c: the consistency rules on one report
 *
 * Every rule of ../shared/report-schema.md that needs only one report is
 * here, one function a rule (the four sums one function over the table of
 * gx-sums.c, which says which cells add up to which).  Cells are looked up
 * in the template by key, never by position, so the rules read like the
 * table in the schema.
 *
 * An arithmetic check is skipped when one of its cells holds something that
 * is not a valid value (count_value reports that cell): a typo then gives
 * one finding, not one per sum it takes part in.
 */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-rules.h"
#include "gx-sums.h"

typedef struct
{
  GxReport *report;
  GxFormat format;
  GPtrArray *findings;
  /* every cell, read once: the rules look at each many times */
  GxCellValue *cells;
  gboolean *valid;        /* cell_is_valid() */
  gboolean *in_format;    /* a cell of the report's form */
} Check;

static gboolean
cell_is_valid (const GxCellValue *cell,
               GxValueKind        kind)
{
  if (cell->state == GX_CELL_INVALID)
    return FALSE;
  if (cell->state == GX_CELL_BLANK)
    return TRUE;
  if (!gx_value_in_range (cell->value))
    return FALSE;
  switch (kind)
    {
    case GX_VALUE_AMOUNT:
      return cell->value >= 0;
    case GX_VALUE_CHANGE:
      return gx_value_is_whole (cell->value);
    case GX_VALUE_COUNT:
    default:
      return cell->value >= 0 && gx_value_is_whole (cell->value);
    }
}

/* "予以公开 · 自然人": how a message names a cell's place. */
static char *
describe_cell (Check *check,
               guint  cell)
{
  const GxSchemaCell *c = gx_schema_cell (cell);
  guint columns[16];

  if (gx_schema_row_format_columns (c->row, check->format, columns) == 1)
    return g_strdup (gx_schema_row_label (c->row));
  return g_strdup_printf ("%s · %s", gx_schema_row_label (c->row),
                          gx_schema_column_label (c->column));
}

static const char *
operator_joiner (void)
{
  return "+";
}

/* Adds one finding for a sum that does not hold: @total should equal the sum
 * of @parts.  @what names the sum in the message. */
static void
check_sum (Check       *check,
           const char  *rule,
           const guint *parts,
           guint        n_parts,
           const guint *rhs,
           guint        n_rhs,
           guint        subject,
           const char  *context)
{
  gint64 left = 0, right = 0;
  g_autoptr(GString) left_names = NULL;
  g_autoptr(GString) right_names = NULL;
  g_autofree char *left_s = NULL;
  g_autofree char *right_s = NULL;
  g_autofree char *message = NULL;
  GxFinding *finding;

  /* valid cells are within ±GX_VALUE_MAX, so 30 of them cannot overflow;
   * the sums are checked all the same */
  for (guint i = 0; i < n_parts; i++)
    {
      if (!check->valid[parts[i]] ||
          __builtin_add_overflow (left, check->cells[parts[i]].value, &left))
        return;
    }
  for (guint i = 0; i < n_rhs; i++)
    {
      if (!check->valid[rhs[i]] ||
          __builtin_add_overflow (right, check->cells[rhs[i]].value, &right))
        return;
    }

  if (left == right)
    return;

  left_s = gx_value_format (left);
  right_s = gx_value_format (right);
  left_names = g_string_new (NULL);
  right_names = g_string_new (NULL);

  if (g_strcmp0 (rule, GX_RULE_BALANCE) == 0)
    {
      /* 自然人：本年新收+上年结转 = 7，但办理结果总计+结转下年度 = 5 */
      message = g_strdup_printf (_("%s: new applications + carried over = %s, but results total + carried forward = %s"),
                                 context, left_s, right_s);
    }
  else
    {
      for (guint i = 0; i < n_parts; i++)
        {
          const GxSchemaCell *c = gx_schema_cell (parts[i]);
          const char *name;

          if (g_strcmp0 (rule, GX_RULE_ROW_TOTAL) == 0 || g_strcmp0 (rule, GX_RULE_GROUP_TOTAL) == 0)
            name = gx_schema_column_label (c->column);
          else
            name = gx_schema_row_label (c->row);
          if (i > 0)
            g_string_append (left_names, operator_joiner ());
          g_string_append (left_names, name);
        }
      if (g_strcmp0 (rule, GX_RULE_ROW_TOTAL) == 0 || g_strcmp0 (rule, GX_RULE_GROUP_TOTAL) == 0)
        g_string_append (right_names, gx_schema_column_label (gx_schema_cell (subject)->column));
      else
        {
          /* "（七）总计": the bare label would read like the 总计 column */
          const GxSchemaRow *row = gx_schema_cell (subject)->row;

          if (gx_schema_prefers_chinese ())
            g_string_append (right_names, row->prefix_zh);
          g_string_append (right_names, gx_schema_row_label (row));
        }

      if (g_strcmp0 (rule, GX_RULE_RESULTS_SUM) == 0)
        /* the 21 names would drown the message */
        message = g_strdup_printf (_("%s: the result rows add up to %s, but %s is %s"),
                                   context, left_s, right_names->str, right_s);
      else
        message = g_strdup_printf (_("%s: %s = %s, but %s is %s"),
                                   context, left_names->str, left_s, right_names->str, right_s);
    }

  finding = gx_finding_new (rule, GX_SEVERITY_ERROR, subject, FALSE, message);
  gx_finding_set_values (finding, left, right);
  for (guint i = 0; i < n_parts; i++)
    gx_finding_add_cell (finding, parts[i]);
  for (guint i = 0; i < n_rhs; i++)
    gx_finding_add_cell (finding, rhs[i]);
  g_ptr_array_add (check->findings, finding);
}

/* balance, results_sum, row_total and group_total: the sums of the
 * report's form, as gx-sums.c states them.  A sum down the columns is named
 * by its column (自然人), one across a row by its row. */
static void
rule_sums (Check *check)
{
  guint n_sums;
  const GxSum *sums = gx_sums_for_format (check->format, &n_sums);

  for (guint i = 0; i < n_sums; i++)
    {
      const GxSum *sum = &sums[i];
      const char *context = sum->entry->shape == GX_SUM_DOWN
                            ? gx_schema_column_label (sum->column)
                            : gx_schema_row_label (sum->row);

      check_sum (check, sum->entry->rule, sum->left, sum->n_left,
                 sum->right, sum->n_right, sum->subject, context);
    }
}

/* count_value: whole numbers >= 0; fees >= 0 (6 decimals is enforced when
 * the text is read: a value with more cannot be stored and stays invalid);
 * nothing beyond GX_VALUE_MAX (999,999,999), so that no sum overflows. */
static void
rule_count_value (Check *check)
{
  guint n = gx_schema_n_cells ();

  for (guint cell = 0; cell < n; cell++)
    {
      const GxSchemaCell *c = gx_schema_cell (cell);
      g_autofree char *where = NULL;
      g_autofree char *text = NULL;
      g_autofree char *message = NULL;
      GxValueParse parsed;

      if (!check->in_format[cell] || check->valid[cell])
        continue;

      where = describe_cell (check, cell);
      text = gx_report_dup_text (check->report, cell);
      if (check->cells[cell].state == GX_CELL_VALUE)
        parsed = gx_value_in_range (check->cells[cell].value) ? GX_VALUE_PARSE_OK : GX_VALUE_PARSE_TOO_LARGE;
      else
        parsed = gx_value_parse_full (text, NULL);

      if (parsed == GX_VALUE_PARSE_TOO_LARGE)
        message = g_strdup_printf (_("%s: “%s” is too large: at most %s"),
                                   where, text, "999,999,999");
      else if (c->column->kind == GX_VALUE_AMOUNT)
        message = g_strdup_printf (_("%s: “%s” is not an amount (a number ≥ 0 with at most 6 decimals)"),
                                   where, text);
      else if (c->column->kind == GX_VALUE_CHANGE)
        message = g_strdup_printf (_("%s: “%s” is not a whole number"), where, text);
      else
        message = g_strdup_printf (_("%s: “%s” is not a count (a whole number ≥ 0)"),
                                   where, text);
      g_ptr_array_add (check->findings,
                       gx_finding_new (GX_RULE_COUNT_VALUE, GX_SEVERITY_ERROR, cell, FALSE, message));
    }
}

/* Many reports leave dozens of cells blank: their notes are formatted only
 * when someone reads them. */
static char *
blank_cell_message (GxFinding *finding)
{
  guint cell = gx_finding_get_cell (finding);
  const GxSchemaCell *c = gx_schema_cell (cell);
  guint columns[16];
  g_autofree char *where = NULL;

  /* a one-field row is named by the row alone (行政许可) */
  if (gx_schema_row_format_columns (c->row, GX_FORMAT_2021, columns) == 1 ||
      gx_schema_row_format_columns (c->row, GX_FORMAT_2019, columns) == 1)
    where = g_strdup (gx_schema_row_label (c->row));
  else
    where = g_strdup_printf ("%s · %s", gx_schema_row_label (c->row),
                             gx_schema_column_label (c->column));
  return g_strdup_printf (_("%s: left blank, read as 0"), where);
}

/* A cell of the report's form left blank: a blank_cell note. */
static gboolean
is_blank_note (Check *check,
               guint  cell)
{
  return check->cells[cell].state == GX_CELL_BLANK && check->in_format[cell] &&
         !(check->format == GX_FORMAT_2019 &&
           (gx_schema_cell (cell)->row->flags & GX_ROW_FLAG_BLANK_IN_2019));
}

static guint
count_blank_cells (Check *check)
{
  guint n = 0;

  for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
    n += is_blank_note (check, cell);
  return n;
}

static void
rule_blank_cell (Check *check)
{
  guint n = gx_schema_n_cells ();

  for (guint cell = 0; cell < n; cell++)
    {
      GxFinding *finding;

      if (!is_blank_note (check, cell))
        continue;
      finding = gx_finding_new (GX_RULE_BLANK_CELL, GX_SEVERITY_NOTE, cell, FALSE, NULL);
      gx_finding_set_message_func (finding, blank_cell_message);
      g_ptr_array_add (check->findings, finding);
    }
}

/* mostly_blank: the tables almost all blank (GX_RULES_MOSTLY_BLANK_SHARE of
 * the cells of the report's form, the rows its form leaves blank not
 * counted).  One warning, about no cell: it is the whole tables. */
static void
rule_mostly_blank (Check *check)
{
  guint n_blank = count_blank_cells (check);
  guint n_cells = 0;
  g_autofree char *message = NULL;

  for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
    n_cells += check->in_format[cell] &&
               !(check->format == GX_FORMAT_2019 &&
                 (gx_schema_cell (cell)->row->flags & GX_ROW_FLAG_BLANK_IN_2019));
  if (n_cells == 0 || n_blank < GX_RULES_MOSTLY_BLANK_SHARE * n_cells)
    return;
  message = g_strdup_printf (_("The tables are almost all blank: %u of their %u cells are blank (read as 0); "
                               "check that the tables were read, or fill them in from the original"),
                             n_blank, n_cells);
  g_ptr_array_add (check->findings,
                   gx_finding_new_without_cell (GX_RULE_MOSTLY_BLANK, GX_SEVERITY_WARNING, message));
}

/* ambiguous_layout: one warning per row in which the reader had to guess
 * the column of at least one value. */
static void
rule_ambiguous_layout (Check *check)
{
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      GxFinding *finding = NULL;

      if (!gx_schema_row_in_format (row, check->format))
        continue;

      for (guint c = 0; c < row->n_columns; c++)
        {
          guint cell = row->first_cell + c;

          if (!(check->cells[cell].flags & GX_CELL_FLAG_INFERRED))
            continue;
          if (finding == NULL)
            {
              const char *where = gx_schema_row_label (row);
              /* section 二 has no row totals to place values by */
              g_autofree char *message =
                row->section == GX_SECTION_DISCLOSURE
                ? g_strdup_printf (_("%s: the source gave fewer values than columns and this table has no totals; their columns were guessed (from the left, keeping the documents in force no fewer than those of the year) — check them against the original"),
                                   where)
                : g_strdup_printf (_("%s: the source gave fewer values than columns; their columns were inferred from the row total — check them against the original"),
                                   where);

              finding = gx_finding_new (GX_RULE_AMBIGUOUS_LAYOUT, GX_SEVERITY_WARNING,
                                        cell, TRUE, message);
              g_ptr_array_add (check->findings, finding);
            }
          gx_finding_add_cell (finding, cell);
        }
    }
}

/* unread (error) and form_variant (note): what the reader said about a row
 * (GX_CELL_FLAG_UNREAD / GX_CELL_FLAG_VARIANT on its first cell), with the
 * source it quoted.  An unread finding covers every cell of its row, so the
 * row shows red. */
static void
rule_reader_rows (Check *check)
{
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      guint columns[16];
      guint n_columns = gx_schema_row_format_columns (row, check->format, columns);
      guint8 flags = 0;
      const char *quote;
      GxFinding *finding;
      g_autofree char *message = NULL;

      for (guint c = 0; c < n_columns; c++)
        flags |= check->cells[row->first_cell + columns[c]].flags;
      if (!(flags & (GX_CELL_FLAG_UNREAD | GX_CELL_FLAG_VARIANT)))
        continue;
      quote = gx_report_get_row_quote (check->report, r);

      if (flags & GX_CELL_FLAG_UNREAD)
        {
          if (quote)
            message = g_strdup_printf (_("%s: this row of the table could not be read (%s); it is left blank — fill it in from the original"),
                                       gx_schema_row_label (row), quote);
          else
            message = g_strdup_printf (_("%s: this row of the table could not be read; it is left blank — fill it in from the original"),
                                       gx_schema_row_label (row));
          finding = gx_finding_new (GX_RULE_UNREAD, GX_SEVERITY_ERROR,
                                    row->first_cell + columns[0], TRUE, message);
          for (guint c = 1; c < n_columns; c++)
            gx_finding_add_cell (finding, row->first_cell + columns[c]);
        }
      else
        {
          if (quote)
            message = g_strdup_printf (_("%s: the source departs from the national form here: %s"),
                                       gx_schema_row_label (row), quote);
          else
            message = g_strdup_printf (_("%s: the source departs from the national form here"),
                                       gx_schema_row_label (row));
          finding = gx_finding_new (GX_RULE_FORM_VARIANT, GX_SEVERITY_NOTE,
                                    row->first_cell + columns[0], TRUE, message);
        }
      g_ptr_array_add (check->findings, finding);
    }
}

GPtrArray *
gx_rules_check (GxReport *report)
{
  return gx_rules_check_full (report, GX_RULES_ALL);
}

GPtrArray *
gx_rules_check_full (GxReport     *report,
                     GxRulesFlags  flags)
{
  guint n_cells = gx_schema_n_cells ();
  g_autofree GxCellValue *cells = NULL;
  g_autofree gboolean *valid = NULL;
  g_autofree gboolean *in_format = NULL;
  Check check;

  g_return_val_if_fail (GX_IS_REPORT (report), NULL);

  check.report = report;
  check.format = gx_report_get_format (report);
  check.findings = g_ptr_array_new_with_free_func (g_object_unref);
  check.cells = cells = g_new (GxCellValue, n_cells);
  check.valid = valid = g_new (gboolean, n_cells);
  check.in_format = in_format = g_new (gboolean, n_cells);
  gx_report_get_cells (report, cells);
  for (guint i = 0; i < n_cells; i++)
    {
      const GxSchemaCell *c = gx_schema_cell (i);

      valid[i] = cell_is_valid (&cells[i], c->column->kind);
      in_format[i] = gx_schema_cell_in_format (i, check.format);
    }

  rule_sums (&check);
  rule_count_value (&check);
  rule_mostly_blank (&check);
  rule_ambiguous_layout (&check);
  rule_reader_rows (&check);
  if (!(flags & GX_RULES_NO_BLANK_CELLS))
    rule_blank_cell (&check);

  gx_report_set_n_unlisted_notes (report,
                                  (flags & GX_RULES_NO_BLANK_CELLS) ? count_blank_cells (&check) : 0);
  gx_report_set_findings (report, check.findings);
  return check.findings;
}
