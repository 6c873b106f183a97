/* test-rates.c: the rates of a report and the differences between two
 *
 * Expectations computed by hand from the samples (tests/data/):
 *   Haidian 2022: results_total 1521, granted 309, partially 115 → 424/1521;
 *     无法提供 858+12+1 = 871; 不予处理 63+14+0+0+0 = 77;
 *     复议 67 15 7 36 125 → 15/(125−36) = 15/89;
 *     诉讼 direct 39 1 13 32 85, after review 26 0 0 19 42
 *       → (1+0)/(85+42−32−19) = 1/76.
 *   Miyun 2021: results_total 588, granted 167, partially 101 → 268/588;
 *     无法提供 216+10+3 = 229; 不予处理 5; 复议 6 4 2 3 15 → 4/12;
 *     诉讼 6 3 1 1 11 and 6 1 0 2 9 → 4/17.
 */
#include "gx-core.h"
#include "gx-rates.h"

static GxReport *
read_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
assert_rate (GxReport *report,
             GxRate    rate,
             gint64    numerator,
             gint64    denominator,
             const char *text)
{
  gint64 n = -1, d = -1;
  double value = -1;
  g_autofree char *formatted = NULL;

  g_assert_true (gx_rate_compute (report, rate, &n, &d, &value));
  g_assert_cmpint (n, ==, numerator);
  g_assert_cmpint (d, ==, denominator);
  g_assert_cmpfloat_with_epsilon (value, (double) numerator / denominator, 1e-12);
  formatted = gx_rate_format (report, rate);
  g_assert_cmpstr (formatted, ==, text);
}

static void
test_haidian (void)
{
  g_autoptr(GxReport) report = read_sample ("haidian-2022.txt");

  assert_rate (report, GX_RATE_DISCLOSED, 424, 1521, "27.9%");
  assert_rate (report, GX_RATE_UNAVAILABLE, 871, 1521, "57.3%");
  assert_rate (report, GX_RATE_NOT_PROCESSED, 77, 1521, "5.1%");
  assert_rate (report, GX_RATE_REVIEW_CORRECTED, 15, 89, "16.9%");
  assert_rate (report, GX_RATE_LITIGATION_CORRECTED, 1, 76, "1.3%");
}

static void
test_miyun (void)
{
  g_autoptr(GxReport) report = read_sample ("miyun-2021.txt");

  assert_rate (report, GX_RATE_DISCLOSED, 268, 588, "45.6%");
  assert_rate (report, GX_RATE_UNAVAILABLE, 229, 588, "38.9%");
  assert_rate (report, GX_RATE_NOT_PROCESSED, 5, 588, "0.9%");
  assert_rate (report, GX_RATE_REVIEW_CORRECTED, 4, 12, "33.3%");
  assert_rate (report, GX_RATE_LITIGATION_CORRECTED, 4, 17, "23.5%");
}

static void
test_zero_denominator (void)
{
  g_autoptr(GxReport) report = gx_report_new ();
  int review_total = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "review", "total");
  int review_pending = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "review", "pending");
  int results_total = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "results_total", "total");

  /* an empty report: nothing can be computed, nothing is divided */
  for (GxRate r = 0; r < GX_N_RATES; r++)
    {
      g_autofree char *text = gx_rate_format (report, r);
      double value = -1;

      g_assert_false (gx_rate_compute (report, r, NULL, NULL, &value));
      g_assert_cmpfloat (value, ==, 0.0);
      g_assert_cmpstr (text, ==, "—");
      g_assert_nonnull (gx_rate_to_label (r));
      g_assert_nonnull (gx_rate_to_formula (r));
      g_assert_nonnull (gx_rate_to_key (r));
    }

  /* every review still pending: total − pending = 0 */
  gx_report_set_count (report, (guint) review_total, 4);
  gx_report_set_count (report, (guint) review_pending, 4);
  g_assert_false (gx_rate_compute (report, GX_RATE_REVIEW_CORRECTED, NULL, NULL, NULL));

  /* an invalid cell is not a number to divide by */
  gx_report_set_invalid (report, (guint) results_total, "x");
  g_assert_false (gx_rate_compute (report, GX_RATE_DISCLOSED, NULL, NULL, NULL));
}

static void
test_format_2019 (void)
{
  g_autoptr(GxReport) report = read_sample ("miyun-2020-format2019.txt");

  /* the 2019 form has the same rows for these rates */
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  for (GxRate r = 0; r < GX_N_RATES; r++)
    {
      gint64 d = 0;

      gx_rate_compute (report, r, NULL, &d, NULL);
      g_assert_cmpint (d, >=, 0);
    }
}

static void
test_differences (void)
{
  g_autoptr(GxReport) haidian = read_sample ("haidian-2022.txt");
  g_autoptr(GxReport) changed = gx_report_copy (haidian);
  g_autoptr(GxReport) miyun = read_sample ("miyun-2021.txt");
  g_autoptr(GxReport) old_form = read_sample ("miyun-2020-format2019.txt");
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) two = NULL;
  int granted = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "granted", "total");
  int review = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "review", "total");
  int in_force = gx_schema_find_cell (GX_SECTION_DISCLOSURE, "regulations", "in_force");
  int results_total = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "results_total", "total");
  gint64 d = 0;
  GxCellDifference *first, *second;

  none = gx_rates_differences (haidian, changed);
  g_assert_cmpuint (none->len, ==, 0);

  gx_report_set_count (changed, (guint) granted, 300);      /* 309 → 300 */
  gx_report_set_count (changed, (guint) review, 130);       /* 125 → 130 */
  two = gx_rates_differences (haidian, changed);
  g_assert_cmpuint (two->len, ==, 2);
  first = &g_array_index (two, GxCellDifference, 0);
  second = &g_array_index (two, GxCellDifference, 1);
  g_assert_cmpuint (first->cell, ==, (guint) granted);
  g_assert_cmpint (first->from, ==, 309 * GX_VALUE_SCALE);
  g_assert_cmpint (first->to, ==, 300 * GX_VALUE_SCALE);
  g_assert_cmpint (first->difference, ==, -9 * GX_VALUE_SCALE);
  g_assert_cmpuint (second->cell, ==, (guint) review);
  g_assert_cmpint (second->difference, ==, 5 * GX_VALUE_SCALE);

  /* Miyun 2021 → Haidian 2022 results_total: 1521 − 588 */
  g_assert_true (gx_rates_cell_difference (miyun, haidian, (guint) results_total, &d));
  g_assert_cmpint (d, ==, (1521 - 588) * GX_VALUE_SCALE);

  /* a row of one form only cannot be compared */
  g_assert_false (gx_rates_cell_difference (old_form, miyun, (guint) in_force, &d));
  gx_report_set_invalid (changed, (guint) granted, "三百");
  g_assert_false (gx_rates_cell_difference (haidian, changed, (guint) granted, &d));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rates/haidian", test_haidian);
  g_test_add_func ("/rates/miyun", test_miyun);
  g_test_add_func ("/rates/zero-denominator", test_zero_denominator);
  g_test_add_func ("/rates/format-2019", test_format_2019);
  g_test_add_func ("/rates/differences", test_differences);
  return g_test_run ();
}
