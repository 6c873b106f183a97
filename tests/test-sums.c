/* test-sums.c: the table of sums (gx-sums.c), read against the national form
 *
 * The expectations are read off the printed forms (国办公开办函〔2021〕30号,
 * 〔2019〕60号), not computed from the template.
 */
#include <string.h>

#include "gx-core.h"

static guint
cell (const char *section,
      const char *row,
      const char *column)
{
  int index = gx_schema_find_cell (gx_schema_section_from_key (section), row, column);

  g_assert_cmpint (index, >=, 0);
  return (guint) index;
}

#define APP(row, column) cell ("applications", row, column)
#define REV(row, column) cell ("review_litigation", row, column)

/* the 21 result rows of the printed 2021 form, （一） to （六）3. */
static const char *const result_rows[] = {
  "granted", "partially_granted",
  "withheld_state_secret", "withheld_prohibited_by_law", "withheld_safety_stability",
  "withheld_third_party", "withheld_internal_affairs", "withheld_process_info",
  "withheld_enforcement_file", "withheld_inquiry",
  "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
  "not_processed_petition", "not_processed_duplicate", "not_processed_publication",
  "not_processed_excessive", "not_processed_confirmation",
  "other_no_correction", "other_no_fee", "other_misc",
};

/* the sum of @rule whose subject is @subject */
static const GxSum *
find_sum (GxFormat    format,
          const char *rule,
          guint       subject)
{
  guint n_sums;
  const GxSum *sums = gx_sums_for_format (format, &n_sums);
  const GxSum *found = NULL;

  for (guint i = 0; i < n_sums; i++)
    if (g_str_equal (sums[i].entry->rule, rule) && sums[i].subject == subject)
      {
        g_assert_null (found);
        found = &sums[i];
      }
  g_assert_nonnull (found);
  return found;
}

static gboolean
has_cell (const guint *cells,
          guint        n_cells,
          guint        cell)
{
  for (guint i = 0; i < n_cells; i++)
    if (cells[i] == cell)
      return TRUE;
  return FALSE;
}

static void
count_rules (GxFormat  format,
             guint    *counts)
{
  guint n_sums;
  const GxSum *sums = gx_sums_for_format (format, &n_sums);
  const char *const rules[] = { "balance", "results_sum", "row_total", "group_total" };

  memset (counts, 0, 4 * sizeof (guint));
  for (guint i = 0; i < n_sums; i++)
    for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
      counts[r] += g_str_equal (sums[i].entry->rule, rules[r]);
}

/* how many sums each rule has: 7 columns of 三, its 25 rows, the 3 groups
 * of 四 — in both forms (the 2019 form has the 25 rows too, two of them
 * blank by its form) */
static void
test_counts (void)
{
  guint n_entries;
  guint counts[4];

  gx_sums_entries (&n_entries);
  g_assert_cmpuint (n_entries, ==, 4);
  for (guint f = 0; f < 2; f++)
    {
      guint n_sums;

      gx_sums_for_format (f == 0 ? GX_FORMAT_2021 : GX_FORMAT_2019, &n_sums);
      g_assert_cmpuint (n_sums, ==, 7 + 7 + 25 + 3);
      count_rules (f == 0 ? GX_FORMAT_2021 : GX_FORMAT_2019, counts);
      g_assert_cmpuint (counts[0], ==, 7);
      g_assert_cmpuint (counts[1], ==, 7);
      g_assert_cmpuint (counts[2], ==, 25);
      g_assert_cmpuint (counts[3], ==, 3);
    }
}

/* （七）总计 · 自然人 = the 自然人 cells of the 21 result rows */
static void
test_results_sum (void)
{
  for (guint f = 0; f < 2; f++)
    {
      GxFormat format = f == 0 ? GX_FORMAT_2021 : GX_FORMAT_2019;
      const GxSum *sum = find_sum (format, "results_sum", APP ("results_total", "natural_person"));

      g_assert_cmpuint (sum->n_left, ==, 21);
      for (guint i = 0; i < G_N_ELEMENTS (result_rows); i++)
        g_assert_true (has_cell (sum->left, sum->n_left, APP (result_rows[i], "natural_person")));
      /* the retired （六）其他处理 row is in no form */
      g_assert_false (has_cell (sum->left, sum->n_left, APP ("other_handling", "natural_person")));
      g_assert_cmpuint (sum->n_right, ==, 1);
      g_assert_cmpuint (sum->right[0], ==, APP ("results_total", "natural_person"));
      g_assert_cmpstr (sum->column->key, ==, "natural_person");
      /* Fill Totals writes it */
      g_assert_cmpint (sum->fill_cell, ==, (int) APP ("results_total", "natural_person"));

      /* in the 总计 column it is checked, and left to the row's total */
      sum = find_sum (format, "results_sum", APP ("results_total", "total"));
      g_assert_cmpuint (sum->n_left, ==, 21);
      g_assert_true (has_cell (sum->left, sum->n_left, APP ("other_misc", "total")));
      g_assert_cmpint (sum->fill_cell, ==, -1);
    }
  /* the 2019 form's rows blank by its form are operands all the same */
  g_assert_true (gx_schema_find_row (GX_SECTION_APPLICATIONS, "other_no_fee")->flags &
                 GX_ROW_FLAG_BLANK_IN_2019);
}

/* 一 + 二 = （七） + 四, column by column; 结转下年度 the cell filled */
static void
test_balance (void)
{
  const GxSum *sum = find_sum (GX_FORMAT_2021, "balance", APP ("results_total", "commercial"));

  g_assert_cmpuint (sum->n_left, ==, 2);
  g_assert_cmpuint (sum->left[0], ==, APP ("new_received", "commercial"));
  g_assert_cmpuint (sum->left[1], ==, APP ("carried_over", "commercial"));
  g_assert_cmpuint (sum->n_right, ==, 2);
  g_assert_cmpuint (sum->right[0], ==, APP ("results_total", "commercial"));
  g_assert_cmpuint (sum->right[1], ==, APP ("carried_forward", "commercial"));
  g_assert_cmpint (sum->fill_cell, ==, (int) APP ("carried_forward", "commercial"));
  g_assert_cmpint (sum->entry->fill, ==, GX_SUM_FILL_CARRY_FORWARD);

  sum = find_sum (GX_FORMAT_2019, "balance", APP ("results_total", "total"));
  g_assert_cmpuint (sum->right[1], ==, APP ("carried_forward", "total"));
  g_assert_cmpint (sum->fill_cell, ==, -1);
}

/* a row's 总计 = its other columns */
static void
test_row_totals (void)
{
  const GxSum *sum = find_sum (GX_FORMAT_2021, "row_total", APP ("granted", "total"));

  g_assert_cmpuint (sum->n_left, ==, 6);
  g_assert_cmpuint (sum->left[0], ==, APP ("granted", "natural_person"));
  g_assert_cmpuint (sum->left[5], ==, APP ("granted", "other_org"));
  g_assert_cmpstr (sum->row->key, ==, "granted");
  g_assert_cmpint (sum->fill_cell, ==, (int) APP ("granted", "total"));

  sum = find_sum (GX_FORMAT_2019, "group_total", REV ("litigation_after_review", "total"));
  g_assert_cmpuint (sum->n_left, ==, 4);
  g_assert_cmpuint (sum->left[0], ==, REV ("litigation_after_review", "upheld"));
  g_assert_cmpuint (sum->left[1], ==, REV ("litigation_after_review", "corrected"));
  g_assert_cmpuint (sum->left[2], ==, REV ("litigation_after_review", "other"));
  g_assert_cmpuint (sum->left[3], ==, REV ("litigation_after_review", "pending"));
}

/* what Fill Totals relies on: every cell of the table is a cell of the
 * form, no cell is filled by two sums, and the cells a sum adds
 * up come before the cell it fills (it fills in the order of the cells) */
static void
test_every_sum (void)
{
  for (guint f = 0; f < 2; f++)
    {
      GxFormat format = f == 0 ? GX_FORMAT_2021 : GX_FORMAT_2019;
      guint n_sums;
      const GxSum *sums = gx_sums_for_format (format, &n_sums);
      g_autofree guint *filled = g_new0 (guint, gx_schema_n_cells ());

      for (guint i = 0; i < n_sums; i++)
        {
          const GxSum *sum = &sums[i];

          g_assert_cmpuint (sum->n_left, >, 0);
          g_assert_cmpuint (sum->n_right, >, 0);
          g_assert_cmpuint (sum->subject, ==, sum->right[0]);
          for (guint k = 0; k < sum->n_left; k++)
            g_assert_true (gx_schema_cell_in_format (sum->left[k], format));
          for (guint k = 0; k < sum->n_right; k++)
            g_assert_true (gx_schema_cell_in_format (sum->right[k], format));
          if (sum->fill_cell < 0)
            continue;
          g_assert_true (has_cell (sum->left, sum->n_left, (guint) sum->fill_cell) ||
                         has_cell (sum->right, sum->n_right, (guint) sum->fill_cell));
          g_assert_cmpuint (++filled[sum->fill_cell], ==, 1);
          for (guint k = 0; k < sum->n_left; k++)
            g_assert_cmpuint (sum->left[k], <=, (guint) sum->fill_cell);
          for (guint k = 0; k < sum->n_right; k++)
            g_assert_cmpuint (sum->right[k], <=, (guint) sum->fill_cell);
        }
    }
}

/* the rules read the table: a 2019 report with 自然人 results one short of
 * （七）总计 gets one results_sum error on that cell, naming the column */
static void
test_rules_read_the_table (void)
{
  g_autoptr(GxReport) report = gx_report_new ();
  GPtrArray *findings;
  guint n_results_sum = 0;

  gx_report_set_format_version (report, "2019");
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    if (gx_schema_cell_in_format (i, GX_FORMAT_2019))
      gx_report_set_text (report, i, "0");
  /* 一 3 = （一） 2 + 3.其他 1 … but （七）总计 says 4 (and 四 -1 to balance) */
  gx_report_set_text (report, APP ("new_received", "natural_person"), "3");
  gx_report_set_text (report, APP ("new_received", "total"), "3");
  gx_report_set_text (report, APP ("granted", "natural_person"), "2");
  gx_report_set_text (report, APP ("granted", "total"), "2");
  gx_report_set_text (report, APP ("other_misc", "natural_person"), "1");
  gx_report_set_text (report, APP ("other_misc", "total"), "1");
  gx_report_set_text (report, APP ("results_total", "natural_person"), "3");
  gx_report_set_text (report, APP ("results_total", "total"), "3");
  findings = gx_rules_check (report);
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpstr (gx_finding_get_rule (g_ptr_array_index (findings, i)), !=, "results_sum");

  gx_report_set_text (report, APP ("results_total", "natural_person"), "4");
  gx_report_set_text (report, APP ("results_total", "total"), "4");
  findings = gx_rules_check (report);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (gx_finding_get_rule (finding), "results_sum") != 0)
        continue;
      n_results_sum++;
      g_assert_cmpuint (gx_finding_get_cell (finding), ==,
                        n_results_sum == 1 ? APP ("results_total", "natural_person")
                                           : APP ("results_total", "total"));
    }
  /* 自然人 and 总计: results add up to 3, （七） says 4 */
  g_assert_cmpuint (n_results_sum, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add_func ("/sums/counts", test_counts);
  g_test_add_func ("/sums/results-sum", test_results_sum);
  g_test_add_func ("/sums/balance", test_balance);
  g_test_add_func ("/sums/row-totals", test_row_totals);
  g_test_add_func ("/sums/every-sum", test_every_sum);
  g_test_add_func ("/sums/rules-read-the-table", test_rules_read_the_table);
  return g_test_run ();
}
