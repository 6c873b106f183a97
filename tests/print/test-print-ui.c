/* test-print-ui.c: the GtkPrintOperation of the app's Print action, run with
 * GTK_PRINT_OPERATION_ACTION_EXPORT to a PDF and read back.  Needs a display
 * (Xvfb in CI); skipped without one. */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "gx-core.h"
#include "gx-print-ui-private.h"
#include "gx-reader.h"
#include "gx-rules.h"
#include "gx-sheet.h"

typedef PopplerDocument TestPdf;
typedef PopplerPage TestPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdfPage, g_object_unref)

static gboolean have_display;

static GxSheetJob *
haidian_job (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "haidian-2022.txt", NULL);
  g_autoptr(GxReport) report = gx_reader_read_path (path, &error);
  g_autoptr(GPtrArray) findings = NULL;
  GxSheetJob *job = gx_sheet_job_new ();

  g_assert_no_error (error);
  findings = gx_rules_check (report);
  gx_sheet_job_add_report (job, report);
  return job;
}

static char *
pdf_text (const char *pdf)
{
  const char *tool = g_getenv ("GX_PDFTOTEXT");
  const char *argv[] = { tool ? tool : "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  return out;
}

static void
export (GtkPageOrientation orientation,
        int               *n_pages,
        double            *width,
        double            *height,
        char             **text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-print-ui-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "export.pdf", NULL);
  g_autofree char *uri = NULL;
  g_autoptr(GtkPrintOperation) op = gx_print_operation_new (haidian_job ());
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_copy (gtk_print_operation_get_default_page_setup (op));
  g_autoptr(TestPdf) doc = NULL;
  g_autoptr(TestPdfPage) page = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  gtk_page_setup_set_orientation (setup, orientation);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_export_filename (op, pdf);
  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  uri = g_filename_to_uri (pdf, NULL, &error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (doc);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, width, height);
  *text = pdf_text (pdf);
  g_unlink (pdf);
  g_rmdir (dir);
}

static void
test_export_portrait (void)
{
  g_autofree char *text = NULL;
  int n_pages;
  double w, h;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  export (GTK_PAGE_ORIENTATION_PORTRAIT, &n_pages, &w, &h, &text);
  /* A4 portrait by default, paginated as the CLI does it: 2 pages */
  g_assert_cmpfloat_with_epsilon (w, 595.28, 1.0);
  g_assert_cmpfloat_with_epsilon (h, 841.89, 1.0);
  g_assert_cmpint (n_pages, ==, 2);
  g_assert_nonnull (strstr (text, "北京市海淀区人民政府"));
  g_assert_nonnull (strstr (text, "一、本年新收政府信息公开申请数量 1448 60 2 2 1 8 1521"));
  g_assert_nonnull (strstr (text, "Page 2 of 2"));
}

static void
test_export_landscape (void)
{
  g_autofree char *text = NULL;
  int n_pages;
  double w, h;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  export (GTK_PAGE_ORIENTATION_LANDSCAPE, &n_pages, &w, &h, &text);
  g_assert_cmpfloat (w, >, h);
  g_assert_cmpint (n_pages, >=, 2);
  g_assert_nonnull (strstr (text, "26 0 0 19 42"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);
  have_display = gtk_init_check ();
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  g_test_add_func ("/print-ui/export-portrait", test_export_portrait);
  g_test_add_func ("/print-ui/export-landscape", test_export_landscape);
  return g_test_run ();
}
