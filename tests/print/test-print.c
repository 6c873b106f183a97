/* test-print.c: summary sheets and roll-ups, written to PDF and read back
 *
 * The PDFs are read with `pdftotext -raw` (content-stream order: a cell's
 * text comes out whole, a row's cells one after the other) and poppler-glib
 * (pages, paper size).  Expectations are figures read by hand from the
 * samples, or sums computed here from the values the reader gave.
 *
 * Layout rules the page counts rely on (documented in gx-sheet.h):
 * every sheet starts on a new page; a summary sheet of a report without
 * findings takes 2 A4 portrait pages (二 and the top of 三 on the first,
 * the rest of 三 under a repeated header, 四 and the findings on the second).
 */
#include "gx-rates.h"
#include "gx-config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "gx-core.h"
#include "gx-print-job.h"
#include "gx-prose.h"
#include "gx-reader.h"
#include "gx-rules.h"
#include "gx-sheet-pdf.h"
#include "gx-sheet.h"
#include "gx-workspace.h"

#define SHEET_PAGES_PORTRAIT 2

/* poppler-glib 22.12 has no autoptr cleanups of its own */
typedef PopplerDocument TestPdf;
typedef PopplerPage TestPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdfPage, g_object_unref)

static const char *const samples[] = {
  "anding-2022.txt",
  "beidaihe-2022-pipes.txt",
  "haidian-2022.txt",
  "miyun-2021.txt",
  "pinggu-2022.txt",
};

/* Helpers ----------------------------------------------------------------- */

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
}

static GxReport *
read_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sample_path (name);
  GxReport *report = gx_reader_read_path (path, &error);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  findings = gx_rules_check (report);
  return report;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gx-print-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static GDateTime *
fixed_date (void)
{
  return g_date_time_new_local (2023, 3, 15, 9, 0, 0);
}

/* pdftotext -raw, pages split at form feeds */
static char **
pdf_pages_text (const char *pdf)
{
  const char *tool = g_getenv ("GX_PDFTOTEXT");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { tool ? tool : "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strsplit (out, "\f", -1);
}

static char *
pdf_text (const char *pdf)
{
  g_auto(GStrv) pages = pdf_pages_text (pdf);

  return g_strjoinv ("\n", pages);
}

/* the text without any white space: wrapped cells come out whole */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;
  gsize len = strlen (needle);

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + len, needle))
    n++;
  return n;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  g_autofree char *t = squeeze (text);
  g_autofree char *n = squeeze (needle);

  if (strstr (t, n) == NULL)
    g_error ("“%s” is not in the PDF text:\n%s", needle, text);
}

static PopplerDocument *
open_pdf (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (pdf, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static guint
write_pdf (GxSheetJob *job,
           const char *pdf,
           gboolean    landscape)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) date = fixed_date ();
  guint n;

  gx_sheet_job_set_date (job, date);
  n = gx_sheet_job_write_pdf (job, pdf, landscape, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  return n;
}

static char *
cell_count_text (GxReport *report,
                 const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);

  g_assert_cmpint (cell, >=, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT, gx_report_get_count (report, (guint) cell));
}

/* A report whose every rule holds, different for each @k. */
static GxReport *
make_consistent_report (guint k)
{
  GxReport *report = gx_report_new ();
  g_autofree char *issuer = g_strdup_printf ("测试区第%02u单位", k);
  g_autofree char *source = g_strdup_printf ("generated-%02u.txt", k);
  const GxSchemaSection *s;
  const GxSchemaRow *total_row, *new_row;
  gint64 column_sums[8] = { 0 };
  guint result_index = 0;

  gx_report_set_issuer (report, issuer);
  gx_report_set_year (report, 2022);
  gx_report_set_source (report, source);

  s = gx_schema_section (GX_SECTION_DISCLOSURE);
  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      const GxSchemaRow *r = gx_schema_row (i);

      for (guint c = 0; c < r->n_columns; c++)
        if (gx_report_has_cell (report, r->first_cell + c))
          gx_report_set_count (report, r->first_cell + c, k * 10 + i + c);
    }

  /* result rows: small numbers, row totals, column sums as results_total,
   * new_received = results_total, nothing carried */
  s = gx_schema_section (GX_SECTION_APPLICATIONS);
  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      const GxSchemaRow *r = gx_schema_row (i);
      gint64 row_total = 0;

      if (!(r->flags & GX_ROW_FLAG_RESULT) || !gx_schema_row_in_format (r, GX_FORMAT_2021))
        continue;
      g_assert_cmpuint (r->n_columns, ==, 7);
      for (guint c = 0; c < 6; c++)
        {
          gint64 v = (result_index + c + k) % 5;

          gx_report_set_count (report, r->first_cell + c, v);
          row_total += v;
          column_sums[c] += v;
        }
      gx_report_set_count (report, r->first_cell + 6, row_total);
      column_sums[6] += row_total;
      result_index++;
    }
  total_row = gx_schema_find_row (GX_SECTION_APPLICATIONS, "results_total");
  new_row = gx_schema_find_row (GX_SECTION_APPLICATIONS, "new_received");
  for (guint c = 0; c < 7; c++)
    {
      gx_report_set_count (report, total_row->first_cell + c, column_sums[c]);
      gx_report_set_count (report, new_row->first_cell + c, column_sums[c]);
      gx_report_set_count (report, gx_schema_find_row (GX_SECTION_APPLICATIONS, "carried_over")->first_cell + c, 0);
      gx_report_set_count (report, gx_schema_find_row (GX_SECTION_APPLICATIONS, "carried_forward")->first_cell + c, 0);
    }

  s = gx_schema_section (GX_SECTION_REVIEW_LITIGATION);
  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      const GxSchemaRow *r = gx_schema_row (i);
      gint64 total = 0;
      int t = gx_schema_row_column_index (r, "total");

      for (guint c = 0; c < r->n_columns; c++)
        if ((int) c != t)
          {
            gx_report_set_count (report, r->first_cell + c, (k + c + i) % 4);
            total += (k + c + i) % 4;
          }
      gx_report_set_count (report, r->first_cell + (guint) t, total);
    }
  return report;
}

/* label and values of a table row, as -raw prints them, without spaces */
static char *
row_needle (GxReport          *report,
            const GxSchemaRow *r)
{
  GString *s = g_string_new (NULL);

  if (r->section != GX_SECTION_REVIEW_LITIGATION)
    {
      g_string_append (s, r->prefix_zh);
      g_string_append (s, r->label_zh);
    }
  for (guint c = 0; c < r->n_columns; c++)
    if (gx_report_has_cell (report, r->first_cell + c))
      g_string_append_printf (s, "%" G_GINT64_FORMAT, gx_report_get_count (report, r->first_cell + c));
  return g_string_free (s, FALSE);
}

/* Tests --------------------------------------------------------------------- */

static void
test_font (void)
{
  const char *family = gx_sheet_font_family ();

  g_assert_nonnull (family);
  /* fonts-noto-cjk is installed on the build machines */
  g_assert_cmpstr (family, !=, "Sans");
  g_test_message ("CJK family: %s", family);
}

/* The rates under the tables (issue 19): Pinggu 2022, read by hand:
 * 予以公开 112, 部分公开 29, （七）总计 294: 公开率 141 / 294 = 48.0%. */
static void
rates_row_cb (guint       sheet,
              guint       page,
              const char *table,
              const char *label,
              double      top,
              double      bottom,
              double      content_bottom,
              gpointer    user_data)
{
  GPtrArray *labels = user_data;

  if (g_strcmp0 (table, "rates") == 0 && label != NULL)
    g_ptr_array_add (labels, g_strdup (label));
}

static void
test_rates (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "pinggu.pdf", NULL);
  g_autoptr(GxReport) report = read_sample ("pinggu-2022.txt");
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  gx_sheet_job_add_report (job, report);
  g_assert_cmpuint (write_pdf (job, pdf, FALSE), ==, SHEET_PAGES_PORTRAIT);
  gx_sheet_job_foreach_row (job, rates_row_cb, labels);
  g_assert_cmpuint (labels->len, ==, GX_N_RATES);
  for (guint r = 0; r < GX_N_RATES; r++)
    g_assert_cmpstr (labels->pdata[r], ==, gx_rate_to_label ((GxRate) r));

  text = pdf_text (pdf);
  assert_contains (text, gx_rate_to_label (GX_RATE_DISCLOSED));
  assert_contains (text, "48.0%");
  assert_contains (text, "141 / 294");
}

static void
test_haidian (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "haidian.pdf", NULL);
  g_autoptr(GxReport) report = read_sample ("haidian-2022.txt");
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autoptr(TestPdf) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  GPtrArray *findings;
  GxFinding *group_total = NULL;
  guint n;

  gx_sheet_job_add_report (job, report);
  n = write_pdf (job, pdf, FALSE);
  g_assert_cmpuint (n, ==, SHEET_PAGES_PORTRAIT);

  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n);
  {
    g_autoptr(TestPdfPage) page = poppler_document_get_page (doc, 0);
    double w, h;

    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat_with_epsilon (w, 595.28, 0.5);
    g_assert_cmpfloat_with_epsilon (h, 841.89, 0.5);
  }

  text = pdf_text (pdf);
  flat = squeeze (text);
  assert_contains (text, "北京市海淀区人民政府");
  assert_contains (text, "2022年政府信息公开工作年度报告数据汇总");
  /* the new applications row, whole and in order: 1448 … 1521 */
  assert_contains (text, "一、本年新收政府信息公开申请数量 1448 60 2 2 1 8 1521");
  /* 复议后起诉: 26 0 0 19 and the total 42 where 45 was due */
  assert_contains (text, "26 0 0 19");
  assert_contains (text, "42");
  assert_contains (text, "45");

  findings = gx_report_get_findings (report);
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (gx_finding_get_rule (findings->pdata[i]), GX_RULE_GROUP_TOTAL) == 0)
      group_total = findings->pdata[i];
  g_assert_nonnull (group_total);
  g_assert_cmpint (gx_finding_get_expected (group_total), ==, 45 * GX_VALUE_SCALE);
  g_assert_cmpint (gx_finding_get_actual (group_total), ==, 42 * GX_VALUE_SCALE);
  assert_contains (text, gx_finding_get_message (group_total));
  /* numbered ① in the list and on the cell */
  g_assert_cmpuint (count_occurrences (flat, "①"), >=, 2);

  /* footer: page n/m, source file, print date */
  assert_contains (text, "Page 1 of 2");
  assert_contains (text, "Page 2 of 2");
  assert_contains (text, "haidian-2022.txt");
  assert_contains (text, "2023-03-15");

  rm_rf (dir);
}

static void
test_beidaihe_findings (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "beidaihe.pdf", NULL);
  g_autoptr(GxReport) report = read_sample ("beidaihe-2022-pipes.txt");
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *blank_line = NULL;
  GPtrArray *findings = gx_report_get_findings (report);
  gboolean saw_balance = FALSE, saw_results_sum = FALSE;
  guint n_blank = 0;
  const char *a_blank_message = NULL;

  gx_sheet_job_add_report (job, report);
  write_pdf (job, pdf, FALSE);
  text = pdf_text (pdf);
  flat = squeeze (text);

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = findings->pdata[i];
      const char *rule = gx_finding_get_rule (f);

      if (g_strcmp0 (rule, GX_RULE_BLANK_CELL) == 0)
        {
          n_blank++;
          a_blank_message = gx_finding_get_message (f);
          continue;
        }
      saw_balance |= g_strcmp0 (rule, GX_RULE_BALANCE) == 0;
      saw_results_sum |= g_strcmp0 (rule, GX_RULE_RESULTS_SUM) == 0;
      /* every error and warning is listed */
      assert_contains (text, gx_finding_get_message (f));
    }
  g_assert_true (saw_balance);
  g_assert_true (saw_results_sum);

  /* the blank cells are a count, not a list */
  g_assert_cmpuint (n_blank, >, 10);
  blank_line = g_strdup_printf ("Notes: %u cells were left blank", n_blank);
  assert_contains (text, blank_line);
  {
    g_autofree char *m = squeeze (a_blank_message);

    g_assert_null (strstr (flat, m));
  }
  rm_rf (dir);
}

/* checks/empty-five.txt: its one finding (section 五 says only 无) is about
 * the text, and has no cell: listed with its number ①, and no cell or row
 * of the tables carries the number. */
static void
test_text_finding (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "empty-five.pdf", NULL);
  g_autoptr(GxReport) report = read_sample ("checks/empty-five.txt");
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autoptr(GPtrArray) prose = gx_prose_check (report);
  g_autofree char *text = NULL;
  GPtrArray *findings = gx_report_get_findings (report);
  GxFinding *f;

  g_assert_cmpuint (findings->len, ==, 1);
  f = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (gx_finding_get_rule (f), ==, "section_missing_content");
  g_assert_false (gx_finding_has_cell (f));

  gx_sheet_job_add_report (job, report);
  write_pdf (job, pdf, FALSE);
  text = pdf_text (pdf);
  assert_contains (text, gx_finding_get_message (f));
  g_assert_cmpuint (count_occurrences (text, "①"), ==, 1);
  rm_rf (dir);
}

static void
test_landscape (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "landscape.pdf", NULL);
  g_autoptr(GxReport) report = read_sample ("haidian-2022.txt");
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autoptr(TestPdf) doc = NULL;
  g_autoptr(TestPdfPage) page = NULL;
  g_autofree char *text = NULL;
  double w, h;
  guint n;

  gx_sheet_job_add_report (job, report);
  n = write_pdf (job, pdf, TRUE);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 841.89, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 595.28, 0.5);
  text = pdf_text (pdf);
  assert_contains (text, "一、本年新收政府信息公开申请数量 1448 60 2 2 1 8 1521");
  assert_contains (text, "26 0 0 19 42");
  rm_rf (dir);
}

typedef struct
{
  guint n_rows;
  guint n_cut;
  GHashTable *app_pages;   /* sheet → bitmask of pages holding rows of 三 */
} RowCheck;

static void
check_row_cb (guint       sheet,
              guint       page,
              const char *table,
              const char *label,
              double      top,
              double      bottom,
              double      content_bottom,
              gpointer    user_data)
{
  RowCheck *check = user_data;

  check->n_rows++;
  if (bottom > content_bottom + 0.01 || top < 0 || bottom <= top)
    check->n_cut++;
  /* the sheet's pages */
  g_assert_cmpuint (page / SHEET_PAGES_PORTRAIT, ==, sheet);
  if (g_strcmp0 (table, "applications") == 0)
    {
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (check->app_pages, GUINT_TO_POINTER (sheet)));

      mask |= 1u << (page % SHEET_PAGES_PORTRAIT);
      g_hash_table_insert (check->app_pages, GUINT_TO_POINTER (sheet), GUINT_TO_POINTER (mask));
    }
}

static void
test_sixty_reports (void)
{
  const guint n_reports = 60;
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "sixty.pdf", NULL);
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TestPdf) doc = NULL;
  g_auto(GStrv) pages = NULL;
  g_autoptr(GHashTable) app_pages = g_hash_table_new (NULL, NULL);
  RowCheck check = { 0, 0, app_pages };
  guint n;

  for (guint k = 0; k < n_reports; k++)
    {
      GxReport *report = make_consistent_report (k + 1);
      g_autoptr(GPtrArray) findings = gx_rules_check (report);

      /* the generator makes reports without findings */
      g_assert_cmpuint (findings->len, ==, 0);
      gx_sheet_job_add_report (job, report);
      g_ptr_array_add (reports, report);
    }

  n = write_pdf (job, pdf, FALSE);
  g_assert_cmpuint (n, ==, n_reports * SHEET_PAGES_PORTRAIT);
  doc = open_pdf (pdf);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) n);

  /* pagination: every row inside the content area of one page */
  gx_sheet_job_foreach_row (job, check_row_cb, &check);
  g_assert_cmpuint (check.n_cut, ==, 0);
  g_assert_cmpuint (check.n_rows, >, n_reports * 30);

  /* the PDF: every row of every report, label and values together, on
   * exactly one page of its report; the header of 三 on every page that
   * holds rows of 三 */
  pages = pdf_pages_text (pdf);
  g_assert_cmpuint (g_strv_length (pages), >=, n);
  for (guint k = 0; k < n_reports; k++)
    {
      GxReport *report = reports->pdata[k];
      g_autofree char *p0 = squeeze (pages[k * SHEET_PAGES_PORTRAIT]);
      g_autofree char *p1 = squeeze (pages[k * SHEET_PAGES_PORTRAIT + 1]);
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (app_pages, GUINT_TO_POINTER (k)));

      g_assert_nonnull (strstr (p0, gx_report_get_issuer (report)));
      g_assert_nonnull (strstr (p0, "Page1of2"));
      g_assert_nonnull (strstr (p1, "Page2of2"));
      for (guint i = 0; i < gx_schema_n_rows (); i++)
        {
          const GxSchemaRow *r = gx_schema_row (i);
          g_autofree char *needle = NULL;
          guint on0, on1;

          if (!gx_schema_row_in_format (r, GX_FORMAT_2021))
            continue;
          needle = row_needle (report, r);
          on0 = count_occurrences (p0, needle);
          on1 = count_occurrences (p1, needle);

          if (on0 + on1 != 1)
            g_error ("report %u: row “%s” found %u + %u times", k, needle, on0, on1);
        }
      g_assert_cmpuint (mask, ==, 3);   /* 三 runs over both pages … */
      g_assert_nonnull (strstr (p0, "申请人情况"));
      g_assert_nonnull (strstr (p1, "申请人情况")); /* … and its header repeats */
      g_assert_nonnull (strstr (p1, "Noerrorsorwarnings."));
    }
  rm_rf (dir);
}

static GxWorkspace *
store_with_samples (const char *dir,
                    GPtrArray  *read)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "ws.db", NULL);
  GxWorkspace *store = gx_workspace_open (db, FALSE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GxReport) report = read_sample (samples[i]);
      GxImportOutcome outcome;

      g_assert_true (gx_backend_put_report (gx_workspace_get_backend (store), report, NULL, FALSE, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
      if (read)
        g_ptr_array_add (read, g_object_ref (report));
    }
  return store;
}

static void
test_rollup_samples (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "rollup.pdf", NULL);
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GxWorkspace) store = store_with_samples (dir, read);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = gx_workspace_find_ids (store, 0, NULL, &error);
  g_autoptr(GxReport) sum = NULL;
  g_autoptr(GxSheetJob) job = NULL;
  g_autofree char *text = NULL;
  g_autofree char *total = NULL;
  int new_total = gx_schema_find_cell_by_path ("applications.new_received.total");

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 5);

  /* the sums: every cell equals the sum over the five reports as read */
  sum = gx_workspace_rollup (store, &g_array_index (ids, gint64, 0), ids->len, &error);
  g_assert_no_error (error);
  for (guint c = 0; c < gx_schema_n_cells (); c++)
    {
      gint64 expected = 0;
      gboolean all_blank = TRUE;

      for (guint i = 0; i < read->len; i++)
        {
          expected += gx_report_get_value (read->pdata[i], c);
          all_blank &= gx_report_is_blank (read->pdata[i], c);
        }
      if (gx_report_get_value (sum, c) != expected)
        g_error ("%s: roll-up %" G_GINT64_FORMAT ", sum %" G_GINT64_FORMAT,
                 gx_schema_cell (c)->path, gx_report_get_value (sum, c), expected);
      g_assert_cmpint (gx_report_is_blank (sum, c), ==, all_blank);
    }
  /* 本年新收: 289 + 572 + 4 + 13 + 1521, read by hand */
  g_assert_cmpint (gx_report_get_count (sum, (guint) new_total), ==, 2399);

  job = gx_print_job_new_from_store (store, &g_array_index (ids, gint64, 0), ids->len,
                                     TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gx_sheet_job_get_n_sheets (job), ==, 1);
  write_pdf (job, pdf, FALSE);
  text = pdf_text (pdf);

  total = cell_count_text (sum, "applications.new_received.total");
  g_assert_cmpstr (total, ==, "2399");
  assert_contains (text, "Roll-up of 5 reports");
  assert_contains (text, "2021—2022年政府信息公开工作年度报告数据汇总");
  assert_contains (text, "2399");
  /* the members, with their own error counts: Haidian has 1 (group_total) */
  assert_contains (text, "Reports included");
  for (guint i = 0; i < read->len; i++)
    {
      GxReport *r = read->pdata[i];
      g_autofree char *line = g_strdup_printf ("%s %d %s %u %u",
                                               gx_report_get_issuer (r), gx_report_get_year (r),
                                               gx_report_get_source (r),
                                               gx_report_get_n_errors (r),
                                               gx_report_get_n_warnings (r));

      assert_contains (text, line);
    }
  assert_contains (text, "北京市海淀区人民政府 2022 haidian-2022.txt 1 0");
  /* the sums are checked by the same rules: their findings are listed */
  {
    g_autoptr(GPtrArray) findings = gx_rules_check (sum);

    for (guint i = 0; i < findings->len; i++)
      if (gx_finding_get_severity (findings->pdata[i]) != GX_SEVERITY_NOTE)
        assert_contains (text, gx_finding_get_message (findings->pdata[i]));
  }
  rm_rf (dir);
}

/* Issue 16: the sign-off block ends every sheet, with the names set or a
 * line to sign on; a roll-up takes the title given. */
static void
test_signoff (void)
{
  g_autofree char *dir = tmp_dir ();
  g_autofree char *pdf = g_build_filename (dir, "signoff.pdf", NULL);
  g_autoptr(GxReport) pinggu = read_sample ("pinggu-2022.txt");
  g_autoptr(GxReport) miyun = read_sample ("miyun-2021.txt");
  g_autoptr(GxSheetJob) job = gx_sheet_job_new ();
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  g_auto(GStrv) pages = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  gx_sheet_job_add_report (job, pinggu);
  g_ptr_array_add (members, pinggu);
  g_ptr_array_add (members, miyun);
  gx_sheet_job_add_rollup (job, pinggu, members, NULL);
  /* set after the sheets were added: it still applies to them */
  gx_sheet_job_set_signoff (job, "张三", "  ", "王五");
  gx_sheet_job_set_rollup_title (job, "密云平谷两区汇总");
  n_pages = write_pdf (job, pdf, FALSE);
  pages = pdf_pages_text (pdf);
  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);

  text = pdf_text (pdf);
  g_assert_cmpuint (count_occurrences (text, "Prepared by: 张三"), ==, 2);
  g_assert_cmpuint (count_occurrences (text, "Reviewed by: ____________"), ==, 2);
  g_assert_cmpuint (count_occurrences (text, "Head of office: 王五"), ==, 2);
  g_assert_cmpuint (count_occurrences (text, "Date: ____________"), ==, 2);
  /* at the end: on the last page of the roll-up, after its members */
  assert_contains (pages[n_pages - 1], "Prepared by: 张三");
  g_assert_true (strstr (pages[n_pages - 1], "Reports included") == NULL ||
                 strstr (pages[n_pages - 1], "Reports included") <
                 strstr (pages[n_pages - 1], "Prepared by"));
  assert_contains (text, "密云平谷两区汇总");
  rm_rf (dir);
}

/* The command line: the same sheets through `gxreports-cli print`. */
static int
run_cli (const char *const *args,
         char             **err_out)
{
  const char *cli = g_getenv ("GX_TEST_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "print");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *out = NULL;

  /* stdout captured: the TAP stream is ours */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, err_out, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *rollup_pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *bad_out = NULL;
  g_autoptr(GxWorkspace) store = NULL;

  if (g_getenv ("GX_TEST_CLI") == NULL)
    {
      g_test_skip ("GX_TEST_CLI is not set");
      return;
    }
  dir = tmp_dir ();
  store = store_with_samples (dir, NULL);
  g_clear_object (&store);
  db = g_build_filename (dir, "ws.db", NULL);
  pdf = g_build_filename (dir, "cli.pdf", NULL);
  rollup_pdf = g_build_filename (dir, "cli-rollup.pdf", NULL);
  missing = g_build_filename (dir, "nowhere.db", NULL);
  bad_out = g_build_filename (dir, "no-such-dir", "out.pdf", NULL);

  {
    const char *args[] = { "--db", db, "--issuer", "海淀", "--year", "2022", "-o", pdf, NULL };

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    text = pdf_text (pdf);
    assert_contains (text, "北京市海淀区人民政府");
    assert_contains (text, "1448 60 2 2 1 8 1521");
    g_clear_pointer (&text, g_free);
  }
  {
    const char *args[] = { "--db", db, "--rollup", "--landscape", "-o", rollup_pdf, NULL };
    g_autoptr(TestPdf) doc = NULL;
    g_autoptr(TestPdfPage) page = NULL;
    double w, h;

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    text = pdf_text (rollup_pdf);
    assert_contains (text, "2399");
    assert_contains (text, "北戴河区人民政府办公室");
    doc = open_pdf (rollup_pdf);
    page = poppler_document_get_page (doc, 0);
    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat (w, >, h);
  }
  {
    /* every report: one sheet each */
    const char *args[] = { "--db", db, "-o", pdf, NULL };
    g_autoptr(TestPdf) doc = NULL;

    g_assert_cmpint (run_cli (args, NULL), ==, 0);
    doc = open_pdf (pdf);
    g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 5 * SHEET_PAGES_PORTRAIT);
  }
  {
    const char *no_output[] = { "--db", db, NULL };
    const char *bad_option[] = { "--db", db, "--colour", "-o", pdf, NULL };
    const char *extra[] = { "--db", db, "-o", pdf, "stray", NULL };
    const char *no_db[] = { "--db", missing, "-o", pdf, NULL };
    const char *no_match[] = { "--db", db, "--issuer", "不存在的单位", "-o", pdf, NULL };
    const char *unwritable[] = { "--db", db, "-o", bad_out, NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (no_output, NULL), ==, 3);
    g_assert_cmpint (run_cli (bad_option, NULL), ==, 3);
    g_assert_cmpint (run_cli (extra, NULL), ==, 3);
    g_assert_cmpint (run_cli (no_db, &err), ==, 4);
    g_assert_nonnull (strstr (err, "nowhere.db"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (no_match, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no report matches"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (unwritable, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no-such-dir"));
  }
  rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add_func ("/print/font", test_font);
  g_test_add_func ("/print/haidian", test_haidian);
  g_test_add_func ("/print/rates", test_rates);
  g_test_add_func ("/print/beidaihe-findings", test_beidaihe_findings);
  g_test_add_func ("/print/text-finding", test_text_finding);
  g_test_add_func ("/print/landscape", test_landscape);
  g_test_add_func ("/print/sixty-reports", test_sixty_reports);
  g_test_add_func ("/print/rollup-samples", test_rollup_samples);
  g_test_add_func ("/print/cli", test_cli);
  g_test_add_func ("/print/signoff", test_signoff);
  return g_test_run ();
}
