/* test-reader.c: the five samples read exactly, their variants, and refusals */
#include <string.h>

#include "gx-core.h"
#include "gx-json.h"
#include "test-samples.h"

/* Helpers ------------------------------------------------------------------ */

static char *
load_sample (const char *name,
             gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, len, &error);
  g_assert_no_error (error);
  return text;
}

static GxReport *
read_text (const char *text,
           gssize      len,
           const char *name,
           GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);

  return gx_reader_read_bytes (bytes, name, error);
}

/* Replaces the one occurrence of @old in @text (asserting there is one). */
static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *hit = strstr (text, old);

  g_assert_nonnull (hit);
  g_assert_null (strstr (hit + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (hit - text), text, new, hit + strlen (old));
}

static char *
replace_all (const char *text,
             const char *old,
             const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), >, 1);
  return g_strjoinv (new, parts);
}

static GxReport *
read_sample (const SampleReport *sample)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", sample->file, NULL);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The samples, cell by cell ------------------------------------------------- */

static void
test_sample (gconstpointer data)
{
  const SampleReport *sample = data;
  g_autoptr(GxReport) report = read_sample (sample);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_cmpstr (gx_report_get_issuer (report), ==, sample->issuer);
  g_assert_cmpint (gx_report_get_year (report), ==, sample->year);
  g_assert_cmpstr (gx_report_get_source (report), ==, sample->file);
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2021");
  assert_cells (report, sample->rows);

  findings = gx_rules_check (report);
  g_assert_true (findings == gx_report_get_findings (report) || findings->len == gx_report_get_findings (report)->len);
  g_clear_pointer (&findings, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&report));
}

static void
test_sample_findings_clean (void)
{
  /* Pinggu, Miyun and Anding tie out: not a single finding, not even a note */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GxReport) report = read_sample (&samples[i]);
      g_autoptr(GPtrArray) findings = gx_rules_check (report);

      g_assert_cmpstr (samples[i].file, !=, "haidian-2022.txt");
      if (findings->len > 0)
        g_error ("%s: unexpected finding %s", samples[i].file,
                 gx_finding_get_message (g_ptr_array_index (findings, 0)));
    }
}

static void
test_sample_findings_haidian (void)
{
  g_autoptr(GxReport) report = read_sample (&samples[3]);
  g_autoptr(GPtrArray) findings = gx_rules_check (report);
  const ExpectedFinding errors[] = {
    { "group_total", "review_litigation.litigation_after_review.total", "45", "42" },
  };
  GxFinding *f;
  guint n_cells;
  const guint *cells;

  assert_findings (report, GX_SEVERITY_ERROR, errors, G_N_ELEMENTS (errors));
  assert_findings (report, GX_SEVERITY_WARNING, NULL, 0);
  assert_findings (report, GX_SEVERITY_NOTE, NULL, 0);

  /* the finding involves the four parts and the total: what the UI highlights */
  f = g_ptr_array_index (findings, 0);
  cells = gx_finding_get_cells (f, &n_cells);
  g_assert_cmpuint (n_cells, ==, 5);
  g_assert_cmpuint (cells[0], ==, (guint) gx_schema_find_cell_by_path ("review_litigation.litigation_after_review.total"));
  /* the total was read from line 434 of the file */
  g_assert_cmpuint (gx_report_get_cell_line (report, cells[0]), ==, 434);
}

static guint
count_rule (GPtrArray  *findings,
            const char *rule)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += g_strcmp0 (gx_finding_get_rule (g_ptr_array_index (findings, i)), rule) == 0;
  return n;
}

/* mostly_blank: 9 in 10 cells of the form blank.  The 2021 form has 200:
 * 180 blank is a warning (saying 180 of 200), 179 is not; a 2019 report
 * counts its own cells, without the two （六） rows its form leaves blank. */
static void
test_mostly_blank (void)
{
  g_autoptr(GxReport) report = gx_report_new ();
  g_autoptr(GxReport) old_form = gx_report_new ();
  GPtrArray *findings;
  guint filled = 0;

  findings = gx_rules_check (report);
  g_assert_cmpuint (count_rule (findings, "mostly_blank"), ==, 1);
  g_assert_nonnull (strstr (gx_finding_get_message (g_ptr_array_index (findings, 0)),
                            "200 of their 200 cells are blank"));
  g_ptr_array_unref (findings);

  for (guint cell = 0; filled < 20; cell++)
    if (gx_schema_cell_in_format (cell, GX_FORMAT_2021))
      {
        gx_report_set_count (report, cell, 0);
        filled++;
      }
  findings = gx_rules_check (report);
  g_assert_cmpuint (count_rule (findings, "mostly_blank"), ==, 1);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (gx_finding_get_rule (f), "mostly_blank") != 0)
        continue;
      g_assert_cmpint (gx_finding_get_severity (f), ==, GX_SEVERITY_WARNING);
      g_assert_false (gx_finding_has_cell (f));
      g_assert_nonnull (strstr (gx_finding_get_message (f), "180 of their 200 cells are blank"));
    }
  g_ptr_array_unref (findings);

  for (guint cell = 0; filled < 21; cell++)
    if (gx_schema_cell_in_format (cell, GX_FORMAT_2021) && gx_report_is_blank (report, cell))
      {
        gx_report_set_count (report, cell, 0);
        filled++;
      }
  findings = gx_rules_check (report);
  g_assert_cmpuint (count_rule (findings, "mostly_blank"), ==, 0);
  g_ptr_array_unref (findings);

  /* 2019: 3×6 + 2×2 + 23×7 + 15 = 198 cells its form fills */
  gx_report_set_format_version (old_form, "2019");
  findings = gx_rules_check (old_form);
  g_assert_cmpuint (count_rule (findings, "mostly_blank"), ==, 1);
  g_assert_nonnull (strstr (gx_finding_get_message (g_ptr_array_index (findings, 0)),
                            "198 of their 198 cells are blank"));
  g_ptr_array_unref (findings);
}

static void
test_sample_messages_zh (void)
{
  g_autoptr(GxReport) report = read_sample (&samples[3]);
  g_autoptr(GPtrArray) findings = NULL;
  const char *message;

  gx_schema_set_prefers_chinese (TRUE);
  findings = gx_rules_check (report);
  gx_schema_set_prefers_chinese (-1);

  message = gx_finding_get_message (g_ptr_array_index (findings, 0));
  /* The labels are Chinese; the sentence is translated by gettext when a
   * catalogue is installed, so only the labels and figures are asserted. */
  g_assert_nonnull (strstr (message, "复议后起诉"));
  g_assert_nonnull (strstr (message, "结果维持+结果纠正+其他结果+尚未审结"));
  g_assert_nonnull (strstr (message, "45"));
  g_assert_nonnull (strstr (message, "42"));
}

static void
test_sample_findings_beidaihe (void)
{
  g_autoptr(GxReport) report = read_sample (&samples[4]);
  g_autoptr(GPtrArray) findings = gx_rules_check (report);
  const ExpectedFinding errors[] = {
    /* 4 new + 0 carried over, but the results total was left blank */
    { "balance", "applications.results_total.natural_person", "4", "0" },
    { "balance", "applications.results_total.total", "4", "0" },
    /* 予以公开 4, but (七)总计 blank */
    { "results_sum", "applications.results_total.natural_person", "4", "0" },
    { "results_sum", "applications.results_total.total", "4", "0" },
  };
  const ExpectedFinding warnings[] = {
    { "ambiguous_layout", "applications.new_received", NULL, NULL },
    { "ambiguous_layout", "applications.granted", NULL, NULL },
    { "ambiguous_layout", "review_litigation.review", NULL, NULL },
    /* 184 of 200 blank: at least 9 in 10 */
    { "mostly_blank", "-", NULL, NULL },
  };
  GxFinding *mostly_blank = NULL;

  assert_findings (report, GX_SEVERITY_ERROR, errors, G_N_ELEMENTS (errors));
  assert_findings (report, GX_SEVERITY_WARNING, warnings, G_N_ELEMENTS (warnings));
  /* 200 cells, 16 of them given (10 in section 二, 2+2 in 三, 2 in 四) */
  g_assert_cmpuint (gx_report_get_n_notes (report), ==, 184);
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (gx_finding_get_rule (g_ptr_array_index (findings, i)), "mostly_blank") == 0)
      mostly_blank = g_ptr_array_index (findings, i);
  g_assert_nonnull (mostly_blank);
  g_assert_false (gx_finding_has_cell (mostly_blank));
  g_assert_nonnull (strstr (gx_finding_get_message (mostly_blank), "184 of their 200 cells are blank"));
}

/* The 2019 form --------------------------------------------------------------- */

static void
test_format_2019 (void)
{
  const SampleReport miyun2019 = { "miyun-2020-format2019.txt", "北京市密云区人民政府", 2020, miyun2019_rows };
  g_autoptr(GxReport) report = read_sample (&miyun2019);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  g_assert_cmpint (gx_report_get_format (report), ==, GX_FORMAT_2019);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "北京市密云区人民政府");
  g_assert_cmpint (gx_report_get_year (report), ==, 2020);
  assert_cells (report, miyun2019_rows);

  /* it ties out; 本年增/减 may be negative; the result rows of the 2019
   * form add up to （七）总计; the two rows its single （六） row does not
   * have are blank without a note */
  findings = gx_rules_check (report);
  if (findings->len > 0)
    g_error ("unexpected finding %s", gx_finding_get_message (g_ptr_array_index (findings, 0)));

  /* the cells the 2019 form does not have are not the report's */
  g_assert_false (gx_report_has_cell (report, gx_schema_find_cell_by_path ("applications.other_handling.total")));
  g_assert_true (gx_report_has_cell (report, gx_schema_find_cell_by_path ("applications.other_misc.total")));
  g_assert_false (gx_report_has_cell (report, gx_schema_find_cell_by_path ("disclosure.fees.amount_wan")));
  g_assert_true (gx_report_has_cell (report, gx_schema_find_cell_by_path ("disclosure.procurement.amount_wan")));
}

/* tests/data/format2019-v3-export.json: `check --json` of
 * miyun-2020-format2019.txt by the program of workspace version 3, whose
 * 2019 form had （六）其他处理 as the row other_handling.  It is read as it
 * is read now: the row's values in other_misc (57 … 57), the two rows
 * before it blank; written again, in the keys of today. */
static void
test_format_2019_legacy_json (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format2019-v3-export.json", NULL);
  g_autofree char *data = NULL;
  g_autofree char *json = NULL;
  g_autofree char *both = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  GxReport *report;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_nonnull (strstr (data, "\"other_handling\": {\"natural_person\": 57,"));
  reports = gx_json_read_reports (data, (gssize) len, "format2019-v3-export.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  assert_cells (report, miyun2019_rows);
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);

  json = gx_json_write_reports (reports, FALSE);
  g_assert_null (strstr (json, "other_handling"));
  g_assert_nonnull (strstr (json, "\"other_no_fee\": {\"natural_person\": null,"));
  g_assert_nonnull (strstr (json, "\"other_misc\": {\"natural_person\": 57,"));

  /* both the old row and the new ones: the old key is not taken then */
  both = replace_once (json, "\"other_no_fee\"", "\"other_handling\"");
  refused = gx_json_read_reports (both, -1, "both.json", &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "applications.other_no_fee"));
}

static void
test_format_2019_rules (void)
{
  gsize len;
  g_autofree char *text = load_sample ("miyun-2020-format2019.txt", &len);
  /* a fractional change, and （六）其他处理 off by one */
  g_autofree char *a = replace_once (text, "\t-3\n", "\t-3.5\n");
  g_autofree char *b = replace_once (a, "\t（六）其他处理\n\t57\n", "\t（六）其他处理\n\t58\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = read_text (b, -1, "miyun-2019-broken.txt", &error);
  g_autoptr(GPtrArray) findings = NULL;
  const ExpectedFinding errors[] = {
    { "count_value", "disclosure.licensing.change", NULL, NULL },
    { "row_total", "applications.other_misc.total", "58", "57" },
    { "results_sum", "applications.results_total.natural_person", "576", "575" },
  };

  g_assert_no_error (error);
  findings = gx_rules_check (report);
  assert_findings (report, GX_SEVERITY_ERROR, errors, G_N_ELEMENTS (errors));
  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (errors));
}

/* Variants of Haidian: the same values and the same one finding ----------- */

static void
assert_same_as_haidian (const char *text,
                        gssize      len,
                        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = read_text (text, len, name, &error);
  g_autoptr(GPtrArray) findings = NULL;
  const ExpectedFinding errors[] = {
    { "group_total", "review_litigation.litigation_after_review.total", "45", "42" },
  };

  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "北京市海淀区人民政府");
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  assert_cells (report, haidian_rows);
  findings = gx_rules_check (report);
  assert_findings (report, GX_SEVERITY_ERROR, errors, 1);
  g_assert_cmpuint (findings->len, ==, 1);
}

static void
test_variant_gb18030 (void)
{
  gsize len, out_len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  g_autofree char *gb = g_convert (text, len, "GB18030", "UTF-8", NULL, &out_len, NULL);

  g_assert_nonnull (gb);
  g_assert_false (g_utf8_validate (gb, out_len, NULL));
  assert_same_as_haidian (gb, out_len, "haidian-gb18030.txt");
}

static void
test_variant_utf16 (void)
{
  gsize len, out_len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  g_autofree char *le = g_convert (text, len, "UTF-16LE", "UTF-8", NULL, &out_len, NULL);
  g_autofree char *be = g_convert (text, len, "UTF-16BE", "UTF-8", NULL, NULL, NULL);
  g_autofree char *with_bom = g_malloc (out_len + 2);
  g_autofree char *be_bom = g_malloc (out_len + 2);

  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, le, out_len);
  assert_same_as_haidian (with_bom, out_len + 2, "haidian-utf16le.txt");

  memcpy (be_bom, "\xfe\xff", 2);
  memcpy (be_bom + 2, be, out_len);
  assert_same_as_haidian (be_bom, out_len + 2, "haidian-utf16be.txt");
}

static void
test_variant_bom_crlf (void)
{
  gsize len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  g_autofree char *crlf = replace_all (text, "\n", "\r\n");
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", crlf, NULL);

  assert_same_as_haidian (crlf, -1, "haidian-crlf.txt");
  assert_same_as_haidian (bom, -1, "haidian-bom.txt");
}

static void
test_variant_full_width (void)
{
  gsize len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  g_autoptr(GString) wide = g_string_new (NULL);

  /* every digit and the decimal point full-width: １９６５６．３８３６ */
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_unichar (wide, 0xFF10 + (*p - '0'));
      else if (*p == '.' && g_ascii_isdigit (p[1]))
        g_string_append_unichar (wide, 0xFF0E);
      else
        g_string_append_c (wide, *p);
    }
  assert_same_as_haidian (wide->str, -1, "haidian-wide.txt");
}

static void
test_variant_thousands (void)
{
  gsize len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  g_autofree char *a = replace_all (text, "\t1448\n", "\t1,448\n");
  g_autofree char *b = replace_all (a, "\t1521\n", "\t1,521\n");
  g_autofree char *c = replace_once (b, "\t66739\n", "\t66,739\n");

  assert_same_as_haidian (c, -1, "haidian-thousands.txt");
}

static void
test_variant_headings (void)
{
  gsize len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  const char *headings[] = {
    "三、收到和处理政府信息公开申请情况",
    "（三）收到和处理政府信息公开申请情况",
    "(三) 收到和处理政府信息公开申请情况",
    "3、收到和处理政府信息公开申请情况",
    "收到和处理政府信息公开申请情况",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_autofree char *variant = replace_once (text, "2、 收到和处理政府信息公开申请情况", headings[i]);

      assert_same_as_haidian (variant, -1, "haidian-heading.txt");
    }
}

static void
test_variant_title_in_sentence (void)
{
  gsize len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  /* no title lines: the issuer and year only in the first sentence */
  g_autofree char *variant = replace_once (text, "北京市海淀区人民政府2022年政府信息公开\n工作年度报告\n",
                                           "根据《条例》规定，现向社会公布北京市海淀区人民政府2022年政府信息公开工作年度报告。本报告由总体情况等部分组成，所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n");

  assert_same_as_haidian (variant, -1, "haidian-sentence.txt");
}

/* Each rule broken once, on Pinggu (which ties out) ---------------------- */

typedef struct
{
  const char *name;
  const char *old;
  const char *new;
  GxSeverity severity;
  ExpectedFinding findings[2];
  guint n_findings;
  guint n_notes;
} Break;

static const Break breaks[] = {
  { "balance", "\t四、结转下年度继续办理\n\t2\n\t0\n\t0\n\t0\n\t0\n\t0\n\t2\n",
    "\t四、结转下年度继续办理\n\t3\n\t0\n\t0\n\t0\n\t0\n\t0\n\t3\n", GX_SEVERITY_ERROR,
    { { "balance", "applications.results_total.natural_person", "291", "292" },
      { "balance", "applications.results_total.total", "296", "297" } }, 2, 0 },
  { "results_sum", "\t（一）予以公开\n\t111\n\t1\n\t0\n\t0\n\t0\n\t0\n\t112\n",
    "\t（一）予以公开\n\t112\n\t1\n\t0\n\t0\n\t0\n\t0\n\t113\n", GX_SEVERITY_ERROR,
    { { "results_sum", "applications.results_total.natural_person", "290", "289" },
      { "results_sum", "applications.results_total.total", "295", "294" } }, 2, 0 },
  { "row_total", "\t0\n\t112\n\n\t\n\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\t27\n\t2\n\t0\n\t0\n\t0\n\t0\n\t29\n",
    "\t0\n\t113\n\n\t\n\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\t27\n\t2\n\t0\n\t0\n\t0\n\t0\n\t28\n",
    GX_SEVERITY_ERROR,
    { { "row_total", "applications.granted.total", "112", "113" },
      { "row_total", "applications.partially_granted.total", "29", "28" } }, 2, 0 },
  { "group_total", "\t6\n\t0\n\t3\n\t2\n\t11\n", "\t6\n\t0\n\t3\n\t2\n\t12\n", GX_SEVERITY_ERROR,
    { { "group_total", "review_litigation.review.total", "11", "12" } }, 1, 0 },
  { "count_value-letters", "\t284\n\t5\n", "\t284\n\tabc\n", GX_SEVERITY_ERROR,
    { { "count_value", "applications.new_received.commercial", NULL, NULL } }, 1, 0 },
  { "count_value-negative", "\t90\n\t4\n\t256\n", "\t90\n\t-4\n\t256\n", GX_SEVERITY_ERROR,
    { { "count_value", "disclosure.normative_documents.repealed", NULL, NULL } }, 1, 0 },
  { "count_value-fraction", "\t90\n\t4\n\t256\n", "\t90\n\t4.5\n\t256\n", GX_SEVERITY_ERROR,
    { { "count_value", "disclosure.normative_documents.repealed", NULL, NULL } }, 1, 0 },
  { "count_value-7-decimals", "\t8157.19\n", "\t8157.1934567\n", GX_SEVERITY_ERROR,
    { { "count_value", "disclosure.fees.amount_wan", NULL, NULL } }, 1, 0 },
  { "blank_cell", "\t规章\n\t0\n", "\t规章\n\t\n", GX_SEVERITY_NOTE,
    { { "blank_cell", "disclosure.regulations.issued", NULL, NULL } }, 1, 1 },
  { "ambiguous_layout", "\t1.属于国家秘密\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n\t0\n",
    "\t1.属于国家秘密\n\t0\n\t0\n\t0\n\t0\n\t0\n", GX_SEVERITY_WARNING,
    { { "ambiguous_layout", "applications.withheld_state_secret", NULL, NULL } }, 1, 2 },
};

static void
test_break_rule (gconstpointer data)
{
  const Break *b = data;
  gsize len;
  g_autofree char *text = load_sample ("pinggu-2022.txt", &len);
  g_autofree char *broken = replace_once (text, b->old, b->new);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = read_text (broken, -1, "pinggu-broken.txt", &error);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  findings = gx_rules_check (report);
  assert_findings (report, b->severity, b->findings, b->n_findings);
  /* and nothing else */
  for (GxSeverity s = GX_SEVERITY_NOTE; s <= GX_SEVERITY_ERROR; s++)
    if (s != b->severity && s != GX_SEVERITY_NOTE)
      assert_findings (report, s, NULL, 0);
  g_assert_cmpuint (gx_report_get_n_notes (report), ==, b->n_notes);
}

/* Refusals ------------------------------------------------------------------ */

static void
assert_refused (const char *data,
                gssize      len,
                const char *name,
                int         code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  GxReport *report = read_text (data, len, name, &error);

  g_assert_null (report);
  g_assert_error (error, GX_READER_ERROR, code);
  /* every message names the file */
  g_assert_true (g_str_has_prefix (error->message, name));
  if (fragment && strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in “%s”", fragment, error->message);
}

static void
test_refuse_not_reports (void)
{
  static const char novel[] =
    "第一章\n\n"
    "天色已晚，城里的灯一盏一盏亮了起来。他站在桥上，望着河水。\n"
    "“明天还来吗？”她问。\n"
    "他没有回答，只是把手里的信又折了一遍。2022年的冬天格外冷。\n";
  guchar binary[512];

  for (guint i = 0; i < sizeof binary; i++)
    binary[i] = (guchar) ((i * 131 + 7) % 256);

  assert_refused ("", 0, "empty.txt", GX_READER_ERROR_NOT_REPORT, "empty");
  assert_refused (novel, -1, "novel.txt", GX_READER_ERROR_NOT_REPORT, "not an annual report");
  assert_refused ((const char *) binary, sizeof binary, "image.png", GX_READER_ERROR_NOT_TEXT, NULL);
  assert_refused ("\xff\xff\xff\xfe\x80\x80", 6, "garbage.bin", GX_READER_ERROR_NOT_TEXT, NULL);
}

/* The finding of @rule on the row @path ("applications.granted"), or NULL. */
static GxFinding *
find_row_finding (GxReport   *report,
                  const char *rule,
                  const char *path)
{
  GPtrArray *findings = gx_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *p = finding_path (f);

      if (strcmp (gx_finding_get_rule (f), rule) == 0 && strcmp (p, path) == 0)
        return f;
    }
  return NULL;
}

/* A file cut in the middle of section 三 is read: the rows it gives, and
 * the rest unread (errors), never a clean report. */
static void
test_unread_truncated (void)
{
  gsize len;
  g_autofree char *text = load_sample ("haidian-2022.txt", &len);
  /* cut in the middle of section 三 */
  const char *cut = strstr (text, "\t（四）无法提供");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  GxFinding *f;

  g_assert_nonnull (cut);
  report = read_text (text, cut - text, "haidian-truncated.txt", &error);
  g_assert_no_error (error);
  findings = gx_rules_check (report);
  /* what was there is read */
  g_assert_cmpint (gx_report_get_count (report, gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "total")), ==, 1521);
  /* what was not is unread, blank */
  f = find_row_finding (report, "unread", "applications.unavailable_not_held");
  g_assert_nonnull (f);
  g_assert_cmpint (gx_finding_get_severity (f), ==, GX_SEVERITY_ERROR);
  g_assert_true (gx_report_is_blank (report, gx_schema_find_cell (GX_SECTION_APPLICATIONS, "unavailable_not_held", "total")));
  g_assert_nonnull (find_row_finding (report, "unread", "applications.carried_forward"));
  g_assert_nonnull (find_row_finding (report, "unread", "review_litigation.review"));
  g_assert_null (find_row_finding (report, "unread", "applications.withheld_inquiry"));
  g_assert_null (find_row_finding (report, "form_variant", "applications.carried_forward"));
}

/* A row with more values than columns: that row is unread, quoting its
 * line; the others are read. */
static void
test_unread_too_many_values (void)
{
  gsize len;
  g_autofree char *text = load_sample ("pinggu-2022.txt", &len);
  g_autofree char *extra = replace_once (text, "\t0\n\t0\n\t112\n", "\t0\n\t0\n\t112\n\t7\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = read_text (extra, -1, "pinggu-extra.txt", &error);
  g_autoptr(GPtrArray) findings = NULL;
  guint n_unread = 0;

  g_assert_no_error (error);
  findings = gx_rules_check (report);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (gx_finding_get_rule (f), "unread") != 0)
        continue;
      n_unread++;
      g_assert_cmpint (gx_finding_get_severity (f), ==, GX_SEVERITY_ERROR);
      g_assert_nonnull (strstr (gx_finding_get_message (f), "line 108"));
      g_assert_nonnull (strstr (gx_finding_get_message (f), "112 | 7"));
      /* every cell of the row is in the finding: the app tints the row */
      {
        guint n_cells = 0;

        gx_finding_get_cells (f, &n_cells);
        g_assert_cmpuint (n_cells, ==, 7);
      }
    }
  g_assert_cmpuint (n_unread, ==, 1);
  g_assert_cmpuint (gx_report_get_n_errors (report), >=, 1);
}

static void
test_refuse_no_title (void)
{
  gsize len;
  g_autofree char *text = load_sample ("anding-2022.txt", &len);
  g_autofree char *untitled = replace_once (text, "北京市大兴区安定镇人民政府\n2022年政府信息公开工作年度报告\n", "\n");

  assert_refused (untitled, -1, "untitled.txt", GX_READER_ERROR_NOT_REPORT, "issuer and year");
}

/* The model ----------------------------------------------------------------- */

static void
test_report_model (void)
{
  GxReport *report = gx_report_new ();
  int cell = gx_schema_find_cell_by_path ("applications.granted.total");
  gint64 v;
  GxReport *copy;

  g_assert_true (gx_report_is_blank (report, cell));
  gx_report_set_text (report, cell, "１２");
  g_assert_cmpint (gx_report_get_cell (report, cell, &v), ==, GX_CELL_VALUE);
  g_assert_cmpint (v, ==, 12 * GX_VALUE_SCALE);
  gx_report_set_count (report, cell, 12);
  gx_report_set_text (report, cell, "十二");
  g_assert_cmpstr (gx_report_get_raw (report, cell), ==, "十二");
  gx_report_set_text (report, cell, "");
  g_assert_true (gx_report_is_blank (report, cell));

  gx_report_set_count (report, cell, 5);
  copy = gx_report_copy (report);
  g_assert_true (gx_report_values_equal (report, copy));
  gx_report_set_count (copy, cell, 6);
  g_assert_false (gx_report_values_equal (report, copy));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (report);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_strdup_printf ("/reader/sample/%s", samples[i].file);
      g_test_add_data_func (path, &samples[i], test_sample);
    }
  g_test_add_func ("/reader/findings/clean", test_sample_findings_clean);
  g_test_add_func ("/reader/findings/haidian", test_sample_findings_haidian);
  g_test_add_func ("/reader/findings/beidaihe", test_sample_findings_beidaihe);
  g_test_add_func ("/reader/findings/chinese-labels", test_sample_messages_zh);
  g_test_add_func ("/reader/format-2019/sample", test_format_2019);
  g_test_add_func ("/reader/format-2019/rules", test_format_2019_rules);
  g_test_add_func ("/reader/findings/mostly-blank", test_mostly_blank);
  g_test_add_func ("/reader/format-2019/legacy-json", test_format_2019_legacy_json);
  g_test_add_func ("/reader/variant/gb18030", test_variant_gb18030);
  g_test_add_func ("/reader/variant/utf16", test_variant_utf16);
  g_test_add_func ("/reader/variant/bom-crlf", test_variant_bom_crlf);
  g_test_add_func ("/reader/variant/full-width", test_variant_full_width);
  g_test_add_func ("/reader/variant/thousands", test_variant_thousands);
  g_test_add_func ("/reader/variant/headings", test_variant_headings);
  g_test_add_func ("/reader/variant/title-in-sentence", test_variant_title_in_sentence);
  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rules/break/%s", breaks[i].name);
      g_test_add_data_func (path, &breaks[i], test_break_rule);
    }
  g_test_add_func ("/reader/refuse/not-reports", test_refuse_not_reports);
  g_test_add_func ("/reader/unread/truncated", test_unread_truncated);
  g_test_add_func ("/reader/unread/too-many-values", test_unread_too_many_values);
  g_test_add_func ("/reader/refuse/no-title", test_refuse_no_title);
  g_test_add_func ("/model/report", test_report_model);

  return g_test_run ();
}
