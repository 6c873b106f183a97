/* test-layouts.c: reports laid out as offices really publish them
 *
 * The fixtures in tests/data/real-layouts/ (made by make-layouts.py, values
 * made up and listed there) each reproduce layout features of real
 * published reports: merged value cells, rows missing or merged, damaged
 * labels, headings worded otherwise or missing, Word and WPS markup, a
 * Markdown copy of a PDF, the 2019 form with units in its cells.  Values
 * are asserted cell by cell as written in the fixtures, and so are the
 * notes and errors the reader gives.
 */
#include <string.h>

#include "gx-core.h"
#include "test-samples.h"

static GxReport *
read_layout (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "real-layouts", name, NULL);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_ptr_array_unref (gx_rules_check (report));
  return report;
}

static void
assert_cell (GxReport   *report,
             const char *path,
             const char *value)   /* NULL: blank */
{
  int cell = gx_schema_find_cell_by_path (path);

  g_assert_cmpint (cell, >=, 0);
  if (value == NULL)
    {
      if (!gx_report_is_blank (report, (guint) cell))
        g_error ("%s: expected blank, got %s", path, gx_report_get_raw (report, (guint) cell));
      return;
    }
  if (gx_report_get_cell (report, (guint) cell, NULL) != GX_CELL_VALUE)
    g_error ("%s: expected %s, got “%s”", path, value, gx_report_get_raw (report, (guint) cell));
  {
    g_autofree char *got = gx_value_format (gx_report_get_value (report, (guint) cell));

    if (strcmp (got, value) != 0)
      g_error ("%s: expected %s, got %s", path, value, got);
  }
}

/* "applications.granted" = 8,1,0,0,0,0,9 */
static void
assert_app_row (GxReport   *report,
                const char *row,
                const int   v[7])
{
  static const char *const columns[] = {
    "natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total",
  };

  for (guint c = 0; c < 7; c++)
    {
      g_autofree char *path = g_strdup_printf ("applications.%s.%s", row, columns[c]);
      g_autofree char *value = g_strdup_printf ("%d", v[c]);

      assert_cell (report, path, value);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The findings other than blank_cell, as "rule row" strings, sorted. */
static char *
findings_summary (GxReport *report)
{
  GPtrArray *findings = gx_report_get_findings (report);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (gx_finding_get_rule (f), "blank_cell") == 0)
        continue;
      g_autofree char *path = finding_path (f);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s", gx_finding_get_rule (f), path));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s%s", i ? "; " : "", (char *) g_ptr_array_index (lines, i));
  return g_string_free (out, FALSE);
}

static const char *
message_of (GxReport   *report,
            const char *rule,
            const char *path)
{
  GPtrArray *findings = gx_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *p = finding_path (f);

      if (strcmp (gx_finding_get_rule (f), rule) == 0 && strcmp (p, path) == 0)
        return gx_finding_get_message (f);
    }
  g_error ("no %s finding at %s", rule, path);
  return NULL;
}

/* The values every fixture of the 2021 form shares (make-layouts.py). */
static const int new_received[7] = { 20, 1, 0, 1, 0, 0, 22 };
static const int granted[7] = { 8, 1, 0, 0, 0, 0, 9 };
static const int partially[7] = { 3, 0, 0, 0, 0, 0, 3 };
static const int one[7] = { 1, 0, 0, 0, 0, 0, 1 };
static const int zero[7] = { 0, 0, 0, 0, 0, 0, 0 };
static const int not_held[7] = { 5, 0, 0, 1, 0, 0, 6 };
static const int results_total[7] = { 21, 1, 0, 1, 0, 0, 23 };
static const int carried_over[7] = { 2, 0, 0, 0, 0, 0, 2 };

static void
assert_review (GxReport *report)
{
  assert_cell (report, "review_litigation.review.upheld", "2");
  assert_cell (report, "review_litigation.review.corrected", "1");
  assert_cell (report, "review_litigation.review.other", "0");
  assert_cell (report, "review_litigation.review.pending", "1");
  assert_cell (report, "review_litigation.review.total", "4");
  assert_cell (report, "review_litigation.litigation_direct.upheld", "1");
  assert_cell (report, "review_litigation.litigation_direct.total", "1");
  assert_cell (report, "review_litigation.litigation_after_review.other", "1");
  assert_cell (report, "review_litigation.litigation_after_review.total", "1");
}

static void
assert_applications (GxReport *report)
{
  assert_app_row (report, "new_received", new_received);
  assert_app_row (report, "carried_over", carried_over);
  assert_app_row (report, "granted", granted);
  assert_app_row (report, "partially_granted", partially);
  assert_app_row (report, "withheld_state_secret", zero);
  assert_app_row (report, "withheld_prohibited_by_law", one);
  assert_app_row (report, "withheld_process_info", one);
  assert_app_row (report, "unavailable_not_held", not_held);
  assert_app_row (report, "unavailable_needs_creation", one);
  assert_app_row (report, "not_processed_petition", one);
  assert_app_row (report, "results_total", results_total);
  assert_app_row (report, "carried_forward", one);
}

/* Merged value cells (colspan over the value columns) are one value; a
 * section found by its header cells when its heading is missing; a heading
 * worded otherwise (四、…行政复议与行政诉讼情况); WPS <colgroup>; &nbsp;
 * inside a label; a 4th table in section 六 ignored. */
static void
test_merged_cells (void)
{
  g_autoptr(GxReport) report = read_layout ("merged-cells.html");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_issuer (report), ==, "示例县文化旅游局");
  g_assert_cmpint (gx_report_get_year (report), ==, 2023);
  assert_cell (report, "disclosure.regulations.issued", "1");
  assert_cell (report, "disclosure.regulations.in_force", "4");
  assert_cell (report, "disclosure.normative_documents.repealed", "2");
  assert_cell (report, "disclosure.licensing.decisions", "321");
  assert_cell (report, "disclosure.punishment.decisions", "45");
  assert_cell (report, "disclosure.enforcement.decisions", "7");
  assert_cell (report, "disclosure.fees.amount_wan", "12.5");
  assert_applications (report);
  assert_app_row (report, "other_misc", one);
  assert_review (report);
  g_assert_cmpstr (summary, ==, "");
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
}

/* A town's report: no 规章 row (blank, a note names it), 规范性文件 and a
 * typo in a header, a typo in a row label (placed by its neighbours, the
 * label quoted), （六）其他处理 as one row (to 3.其他, a note), Word
 * markup (MsoNormal, <o:p>). */
static void
test_town_variant (void)
{
  g_autoptr(GxReport) report = read_layout ("town-variant.html");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_issuer (report), ==, "示例镇人民政府");
  assert_cell (report, "disclosure.regulations.issued", NULL);
  assert_cell (report, "disclosure.regulations.in_force", NULL);
  assert_cell (report, "disclosure.normative_documents.issued", "6");
  assert_cell (report, "disclosure.normative_documents.in_force", "30");
  assert_cell (report, "disclosure.fees.amount_wan", "12.5");
  assert_applications (report);
  assert_app_row (report, "other_misc", one);
  assert_cell (report, "applications.other_no_correction.total", NULL);
  assert_cell (report, "applications.other_no_fee.total", NULL);
  assert_review (report);

  g_assert_cmpstr (summary, ==,
                   "form_variant applications.other_misc; "
                   "form_variant applications.other_no_correction; "
                   "form_variant applications.other_no_fee; "
                   "form_variant applications.withheld_prohibited_by_law; "
                   "form_variant disclosure.regulations");
  g_assert_nonnull (strstr (message_of (report, "form_variant", "applications.withheld_prohibited_by_law"),
                            "2.其他法律行政止公开"));
  g_assert_nonnull (strstr (message_of (report, "form_variant", "applications.other_misc"),
                            "（六）其他处理"));
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
}

/* Two rows whose labels are not the form's, in a gap of three rows: the
 * alignment cannot tell where they go, so the three rows are unread
 * (errors quoting both source lines), blank; the rest is read. */
static void
test_unread_rows (void)
{
  g_autoptr(GxReport) report = read_layout ("unread-rows.html");
  const char *message;

  assert_app_row (report, "granted", granted);
  assert_app_row (report, "not_processed_petition", one);
  assert_app_row (report, "results_total", results_total);
  assert_cell (report, "applications.unavailable_not_held.total", NULL);
  assert_cell (report, "applications.unavailable_needs_creation.natural_person", NULL);
  message = message_of (report, "unread", "applications.unavailable_not_held");
  g_assert_nonnull (strstr (message, "（见附注一） | 5 | 0 | 0 | 1 | 0 | 0 | 6"));
  g_assert_nonnull (strstr (message, "（见附注二）"));
  message_of (report, "unread", "applications.unavailable_needs_creation");
  message_of (report, "unread", "applications.unavailable_unclear");
  /* three unread rows, and the sums they break */
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 6);
}

/* The fee with 6 decimals in a cell merged over three columns. */
static void
test_fee_6_decimals (void)
{
  g_autoptr(GxReport) report = NULL;

  report = read_layout ("fee-6-decimals.html");
  assert_cell (report, "disclosure.fees.amount_wan", "3021.405217");
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
}

/* Every count printed with its unit (22件), section 四's row of values
 * (no label) too: read as the numbers, nothing unread. */
static void
test_units_in_cells (void)
{
  g_autoptr(GxReport) report = read_layout ("units-in-cells.html");

  assert_app_row (report, "new_received", new_received);
  assert_app_row (report, "granted", granted);
  assert_app_row (report, "results_total", results_total);
  assert_app_row (report, "carried_over", carried_over);
  assert_review (report);
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
}

/* Whatever the scale: the merged fee cell is one value, never three. */
static void
test_fee_merged_one_value (void)
{
  g_autoptr(GxReport) report = read_layout ("fee-6-decimals.html");
  g_autofree char *summary = findings_summary (report);

  assert_app_row (report, "new_received", new_received);
  assert_review (report);
  if (GX_VALUE_SCALE < 1000000)
    g_assert_cmpstr (summary, ==, "count_value disclosure.fees.amount_wan");
  else
    g_assert_cmpstr (summary, ==, "");
}

/* The 2019 form in a web page: value cells merged over two columns, units
 * in cells (2841.5万元, 210件), a single （六）其他处理 row. */
static void
test_format2019_units (void)
{
  g_autoptr(GxReport) report = read_layout ("format2019-units.html");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  assert_cell (report, "disclosure.normative_documents.made", "5");
  assert_cell (report, "disclosure.normative_documents.total_published", "40");
  assert_cell (report, "disclosure.licensing.previous_items", "30");
  assert_cell (report, "disclosure.licensing.change", "2");
  assert_cell (report, "disclosure.punishment.change", "-3");
  assert_cell (report, "disclosure.punishment.decisions", "210");
  assert_cell (report, "disclosure.fees.previous_items", "3");
  assert_cell (report, "disclosure.fees.change", "0");
  assert_cell (report, "disclosure.procurement.items", "17");
  assert_cell (report, "disclosure.procurement.amount_wan", "2841.5");
  /* the 2019 form's single row is kept in 3.其他; no note: it is the form */
  assert_app_row (report, "other_misc", one);
  assert_cell (report, "applications.other_no_correction.total", NULL);
  assert_cell (report, "applications.other_no_fee.natural_person", NULL);
  assert_app_row (report, "results_total", results_total);
  assert_review (report);
  g_assert_cmpstr (summary, ==, "");
}

/* The 2019 form on a grid of five columns: 本年新公开数量 and the values
 * under it merged over two columns, and values merged over two columns in
 * the middle of a row, not under the header cell merged so (上一年项目数量
 * over columns 2-3 where the header has it in column 2).  The positions a
 * merged value covers are no values of their own.  The form's one row
 * （六）其他处理 left all blank is still that row, not a missing one. */
static void
test_format2019_grid (void)
{
  g_autoptr(GxReport) report = read_layout ("format2019-grid.html");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  assert_cell (report, "disclosure.regulations.made", "2");
  assert_cell (report, "disclosure.regulations.published", "2");
  assert_cell (report, "disclosure.regulations.total_published", "51");
  assert_cell (report, "disclosure.normative_documents.published", "6");
  assert_cell (report, "disclosure.normative_documents.total_published", "44");
  assert_cell (report, "disclosure.licensing.previous_items", "12");
  assert_cell (report, "disclosure.licensing.change", "3");
  assert_cell (report, "disclosure.licensing.decisions", "97");
  assert_cell (report, "disclosure.other_services.decisions", "8");
  assert_cell (report, "disclosure.punishment.change", "-2");
  assert_cell (report, "disclosure.enforcement.decisions", "4");
  assert_cell (report, "disclosure.fees.previous_items", "6");
  assert_cell (report, "disclosure.fees.change", "1");
  assert_cell (report, "disclosure.procurement.items", "4");
  assert_cell (report, "disclosure.procurement.amount_wan", "25.1");
  /* （六）其他处理 is there, all blank: no note that it is missing */
  assert_cell (report, "applications.other_misc.natural_person", NULL);
  assert_cell (report, "applications.other_misc.total", NULL);
  assert_review (report);
  g_assert_null (strstr (summary, "unread"));
  g_assert_null (strstr (summary, "ambiguous_layout"));
  g_assert_null (strstr (summary, "form_variant"));
}

/* A Markdown copy of a PDF that lost a cell of section 二 ("| 规章 | 3 |
 * 40 |"): section 二 has no totals, but the documents in force include those
 * of the year, so 40 is in force, not repealed; the warning says the
 * columns were guessed, not inferred from a total. */
static void
test_pipe_disclosure (void)
{
  g_autoptr(GxReport) report = read_layout ("pipe-disclosure.md");
  g_autoptr(GPtrArray) findings = gx_rules_check (report);
  gboolean warned = FALSE;

  assert_cell (report, "disclosure.regulations.issued", "3");
  assert_cell (report, "disclosure.regulations.repealed", NULL);
  assert_cell (report, "disclosure.regulations.in_force", "40");
  assert_cell (report, "disclosure.normative_documents.repealed", "2");
  assert_cell (report, "disclosure.normative_documents.in_force", "30");
  assert_app_row (report, "results_total", results_total);
  assert_review (report);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (gx_finding_get_rule (f), GX_RULE_AMBIGUOUS_LAYOUT) != 0)
        continue;
      g_assert_cmpint (gx_finding_get_cell (f), ==, gx_schema_find_cell_by_path ("disclosure.regulations.issued"));
      g_assert_null (strstr (gx_finding_get_message (f), "row total"));
      warned = TRUE;
    }
  g_assert_true (warned);
}

/* A Markdown copy of a PDF: the title over two lines with the issuer after
 * the year, page numbers, section 二 as lines of text (行政许可 321), rows
 * whose labels went into the text above them (placed by their neighbours,
 * with a note each). */
static void
test_markdown (void)
{
  g_autoptr(GxReport) report = read_layout ("report.md");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_issuer (report), ==, "示例市科委");
  g_assert_cmpint (gx_report_get_year (report), ==, 2023);
  assert_cell (report, "disclosure.regulations.issued", "1");
  assert_cell (report, "disclosure.normative_documents.in_force", "30");
  assert_cell (report, "disclosure.licensing.decisions", "321");
  assert_cell (report, "disclosure.punishment.decisions", "45");
  assert_cell (report, "disclosure.enforcement.decisions", "7");
  assert_cell (report, "disclosure.fees.amount_wan", "12.5");
  assert_applications (report);
  assert_review (report);
  g_assert_cmpstr (summary, ==,
                   "form_variant applications.partially_granted; "
                   "form_variant applications.unavailable_needs_creation; "
                   "form_variant applications.unavailable_not_held");
  g_assert_nonnull (strstr (gx_report_get_prose (report), "年度政府信息公开工作年度报告"));
  g_assert_null (strstr (gx_report_get_prose (report), "-1-"));
}

/* Tables copied out of a web page as text: cells between TABs, a merged
 * group label only in the first row of its group, section 四 as header
 * rows and one row of values. */
static void
test_copied_tables (void)
{
  g_autoptr(GxReport) report = read_layout ("copied-tables.txt");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_issuer (report), ==, "示例区市场监督管理局");
  g_assert_cmpint (gx_report_get_year (report), ==, 2023);
  assert_cell (report, "disclosure.regulations.in_force", "4");
  assert_cell (report, "disclosure.normative_documents.repealed", "2");
  assert_cell (report, "disclosure.licensing.decisions", "321");
  assert_cell (report, "disclosure.enforcement.decisions", "7");
  assert_cell (report, "disclosure.fees.amount_wan", "12.5");
  assert_applications (report);
  assert_review (report);
  /* every row found where the form has it: no note, nothing unread */
  g_assert_cmpstr (summary, ==, "");
}

/* The same tables in a spreadsheet saved as CSV: every grid column a field,
 * merged cells as a value and empty fields, a quoted label with a line
 * break, a quoted "1,321". */
static void
test_spreadsheet_csv (void)
{
  g_autoptr(GxReport) report = read_layout ("spreadsheet-tables.csv");
  g_autofree char *summary = findings_summary (report);

  g_assert_cmpstr (gx_report_get_issuer (report), ==, "示例县林业局");
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  assert_cell (report, "disclosure.regulations.issued", "1");
  assert_cell (report, "disclosure.normative_documents.in_force", "30");
  assert_cell (report, "disclosure.licensing.decisions", "1321");
  assert_cell (report, "disclosure.punishment.decisions", "45");
  assert_cell (report, "disclosure.fees.amount_wan", "12.5");
  assert_applications (report);
  assert_review (report);
  g_assert_cmpstr (summary, ==, "");
}

/* Units in a cell are converted, never a second value: 元 to 万元 for an
 * amount, 件 dropped for a count (a document of one row per line). */
static void
test_units_text (void)
{
  static const char report_text[] =
    "示例街道办事处2020年政府信息公开工作年度报告\n"
    "二、主动公开政府信息情况\n"
    "\t信息内容\n\t采购项目数量\n\t采购总金额\n\n"
    "\t政府集中采购\n\t19件\n\t16909913元\n\n"
    "\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量\n\n"
    "\t行政许可\n\t4\n\t0\n\t12件\n\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (report_text, sizeof report_text - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, "units.txt", &error);

  g_assert_no_error (error);
  g_ptr_array_unref (gx_rules_check (report));
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  assert_cell (report, "disclosure.procurement.items", "19");
  assert_cell (report, "disclosure.procurement.amount_wan", "1690.9913");
  assert_cell (report, "disclosure.licensing.decisions", "12");
  /* the tables not found are unread, never a clean report */
  message_of (report, "unread", "applications.new_received");
  message_of (report, "unread", "review_litigation.review");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add_func ("/layouts/merged-cells", test_merged_cells);
  g_test_add_func ("/layouts/town-variant", test_town_variant);
  g_test_add_func ("/layouts/unread-rows", test_unread_rows);
  g_test_add_func ("/layouts/fee-6-decimals", test_fee_6_decimals);
  g_test_add_func ("/layouts/fee-merged-one-value", test_fee_merged_one_value);
  g_test_add_func ("/layouts/format2019-units", test_format2019_units);
  g_test_add_func ("/layouts/units-in-cells", test_units_in_cells);
  g_test_add_func ("/layouts/format2019-grid", test_format2019_grid);
  g_test_add_func ("/layouts/pipe-disclosure", test_pipe_disclosure);
  g_test_add_func ("/layouts/markdown", test_markdown);
  g_test_add_func ("/layouts/units-text", test_units_text);
  g_test_add_func ("/layouts/copied-tables", test_copied_tables);
  g_test_add_func ("/layouts/spreadsheet-csv", test_spreadsheet_csv);

  return g_test_run ();
}
