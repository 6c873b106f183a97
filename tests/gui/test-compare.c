/* test-compare.c: comparing years, the rate chart, and reviewing findings
 * in the main window (issue 8), driven through their API under Xvfb
 *
 * Expectations computed by hand from the samples (tests/data/):
 *   Haidian 2022: results_total 1521, granted 309 + partially 115 = 424
 *     → 公开率 27.9%; review 67 15 7 36 125 → 复议纠错率 15/89 = 16.9%;
 *     复议后起诉 26+0+0+19 = 45 ≠ 42: the one group_total error.
 *   Miyun 2021: results_total 588, 167 + 101 = 268 → 45.6%;
 *     review 6 4 2 3 15 → 4/12 = 33.3%.
 *   The comparison makes Miyun's 2021 figures the 2021 report of Haidian's
 *   issuer: 公开率 45.6% → 27.9% is −17.7 points (27.876 − 45.578),
 *   复议纠错率 33.3% → 16.9% is −16.5 points (16.854 − 33.333),
 *   results_total 588 → 1521 is +933.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-rates.h"
#include "gx-reader.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "gx-window-private.h"
#include "editor/gx-frozen-header.h"
#include "../gx-test-fs.h"

typedef struct {
  char *tmpdir;
  char *workspace;
  GxWindow *window;
} Fixture;

/* Helpers -------------------------------------------------------------------- */

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static GxReport *
read_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
save (Fixture  *fx,
      GxReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_workspace_save_report (gx_window_get_store (fx->window), report, &error));
  g_assert_no_error (error);
}

/* the samples in the workspace, and the list reloaded from it */
static char *
save_samples (Fixture *fx)
{
  g_autoptr(GxReport) haidian = read_sample ("haidian-2022.txt");
  g_autoptr(GxReport) miyun = read_sample ("miyun-2021.txt");
  g_autoptr(GxReport) pinggu = read_sample ("pinggu-2022.txt");
  g_autoptr(GError) error = NULL;
  char *issuer = g_strdup (gx_report_get_issuer (haidian));

  gx_report_set_issuer (miyun, issuer);   /* 2021 of the same issuer */
  save (fx, haidian);
  save (fx, miyun);
  save (fx, pinggu);
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  drain ();
  return issuer;
}

static void
select_issuer (Fixture    *fx,
               const char *issuer)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GListModel *visible = gx_report_list_get_visible (list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

      if (g_strcmp0 (gx_report_get_issuer (report), issuer) == 0 &&
          gx_report_get_year (report) == 2022)
        {
          gx_report_list_select (list, i);
          drain ();
          return;
        }
    }
  g_assert_not_reached ();
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->tmpdir = g_dir_make_tmp ("gx-compare-XXXXXX", &error);
  g_assert_no_error (error);
  fx->workspace = g_build_filename (fx->tmpdir, "workspace.db", NULL);

  fx->window = g_object_ref (gx_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  drain ();
  g_assert_finalize_object (fx->window);

  gx_test_remove_tree (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

/* Comparison ------------------------------------------------------------------ */

static void
test_compare_years (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *issuer = save_samples (fx);
  guint results_total = (guint) gx_schema_find_cell (GX_SECTION_APPLICATIONS, "results_total", "total");
  guint review_total = (guint) gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "review", "total");
  GxCompareWindow *compare;
  GPtrArray *reports;

  /* for the selected report's issuer, through the window's action */
  select_issuer (fx, issuer);
  compare = gx_window_open_compare (fx->window);
  g_assert_nonnull (compare);
  g_object_ref (compare);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (compare));

  g_assert_cmpstr (gx_compare_window_get_issuer (compare), ==, issuer);
  reports = gx_compare_window_get_reports (compare);
  g_assert_cmpuint (reports->len, ==, 2);   /* Pinggu is another issuer */
  g_assert_cmpint (gx_report_get_year (g_ptr_array_index (reports, 0)), ==, 2021);
  g_assert_cmpint (gx_report_get_year (g_ptr_array_index (reports, 1)), ==, 2022);

  /* the figures, and the change to the year before */
  g_assert_cmpstr (gx_compare_window_get_cell_text (compare, results_total, 2021, FALSE), ==, "588");
  g_assert_cmpstr (gx_compare_window_get_cell_text (compare, results_total, 2022, FALSE), ==, "1521");
  g_assert_cmpstr (gx_compare_window_get_cell_text (compare, results_total, 2022, TRUE), ==, "+933");
  g_assert_null (gx_compare_window_get_cell_text (compare, results_total, 2021, TRUE));
  g_assert_cmpstr (gx_compare_window_get_cell_text (compare, review_total, 2021, FALSE), ==, "15");
  g_assert_cmpstr (gx_compare_window_get_cell_text (compare, review_total, 2022, TRUE), ==, "+110");

  /* the rates */
  g_assert_cmpstr (gx_compare_window_get_rate_text (compare, GX_RATE_DISCLOSED, 2021, FALSE), ==, "45.6%");
  g_assert_cmpstr (gx_compare_window_get_rate_text (compare, GX_RATE_DISCLOSED, 2022, FALSE), ==, "27.9%");
  g_assert_cmpstr (gx_compare_window_get_rate_text (compare, GX_RATE_DISCLOSED, 2022, TRUE), ==, "-17.7 pp");
  g_assert_cmpstr (gx_compare_window_get_rate_text (compare, GX_RATE_REVIEW_CORRECTED, 2021, FALSE), ==, "33.3%");
  g_assert_cmpstr (gx_compare_window_get_rate_text (compare, GX_RATE_REVIEW_CORRECTED, 2022, FALSE), ==, "16.9%");
  g_assert_cmpstr (gx_compare_window_get_rate_text (compare, GX_RATE_REVIEW_CORRECTED, 2022, TRUE), ==, "-16.5 pp");

  /* another issuer, one year */
  g_assert_true (gx_compare_window_set_issuer (compare, "北京市平谷区人民政府"));
  g_assert_cmpuint (gx_compare_window_get_reports (compare)->len, ==, 1);
  g_assert_cmpuint (gx_rate_chart_get_n_years (gx_compare_window_get_chart (compare)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (compare));
  drain ();
  g_assert_finalize_object (compare);
}

/* Issue 16 (item 19): an empty workspace says so; the comparison is
 * exported as CSV and printed, the years kept in view while scrolling */
static void
test_compare_empty (Fixture       *fx,
                    gconstpointer  data)
{
  GxCompareWindow *compare = g_object_ref (gx_compare_window_new (gx_window_get_store (fx->window), NULL));
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *child;
  GtkWidget *stack = NULL;

  gtk_window_present (GTK_WINDOW (compare));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (compare));
  rows = gx_compare_window_dup_rows (compare);
  g_assert_cmpuint (rows->len, ==, 0);
  /* the page says there are no reports; no "(None)" drop-down */
  for (child = gtk_window_get_child (GTK_WINDOW (compare)); child != NULL && stack == NULL;
       child = gtk_widget_get_first_child (child))
    if (GTK_IS_STACK (child))
      stack = child;
  g_assert_nonnull (stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (gtk_stack_get_visible_child (GTK_STACK (stack)))),
                                   "No reports"));
  {
    GtkWidget *header = gtk_window_get_titlebar (GTK_WINDOW (compare));
    gboolean dropdown_shown = FALSE;

    for (GtkWidget *w = gtk_widget_get_first_child (header); w != NULL; w = gtk_widget_get_next_sibling (w))
      for (GtkWidget *v = gtk_widget_get_first_child (w); v != NULL; v = gtk_widget_get_next_sibling (v))
        for (GtkWidget *x = gtk_widget_get_first_child (v); x != NULL; x = gtk_widget_get_next_sibling (x))
          dropdown_shown |= GTK_IS_DROP_DOWN (x) && gtk_widget_get_mapped (x);
    g_assert_false (dropdown_shown);
  }

  gtk_window_destroy (GTK_WINDOW (compare));
  drain ();
  g_assert_finalize_object (compare);
}

static void
test_compare_export_print (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *issuer = save_samples (fx);
  GxCompareWindow *compare = g_object_ref (gx_compare_window_new (gx_window_get_store (fx->window), issuer));
  g_autofree char *csv = g_build_filename (fx->tmpdir, "compare.csv", NULL);
  g_autofree char *pdf = g_build_filename (fx->tmpdir, "compare.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkPrintOperation) op = NULL;
  GtkAdjustment *vadjustment;
  GtkWidget *frozen;
  GtkWidget *scroller;
  char **header;
  int n_pages = 0;

  gtk_window_set_default_size (GTK_WINDOW (compare), 1000, 700);
  gtk_window_present (GTK_WINDOW (compare));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (compare));

  rows = gx_compare_window_dup_rows (compare);
  header = g_ptr_array_index (rows, 0);
  /* the issuer, 2021, 2022 and its change */
  g_assert_cmpstr (header[0], ==, issuer);
  g_assert_cmpstr (header[1], ==, "2021");
  g_assert_cmpstr (header[2], ==, "2022");
  g_assert_cmpstr (header[3], ==, "Change");
  g_assert_null (header[4]);

  g_assert_true (gx_compare_window_write_csv (compare, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  /* 办理结果总计 588 → 1521, +933; 公开率 45.6% → 27.9% */
  g_assert_nonnull (strstr (contents, ",588,1521,+933\r\n"));
  g_assert_nonnull (strstr (contents, ",45.6%,27.9%,-17.7 pp\r\n"));
  expected = g_strdup_printf ("\xEF\xBB\xBF%s,2021,2022,Change\r\n", issuer);
  g_assert_true (g_str_has_prefix (contents, expected));

  /* printed to a PDF, the years on every page */
  op = gx_compare_window_print_operation_new (compare);
  gtk_print_operation_set_export_filename (op, pdf);
  g_assert_cmpint (gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_object_get (op, "n-pages", &n_pages, NULL);
  g_assert_cmpint (n_pages, >=, 1);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* scrolled down, the row of years is drawn over the figures */
  frozen = gx_compare_window_get_frozen_header (compare);
  /* over the scrolled figures, in their overlay */
  scroller = gtk_overlay_get_child (GTK_OVERLAY (gtk_widget_get_parent (frozen)));
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >, gtk_adjustment_get_page_size (vadjustment) + 200);
  g_assert_cmpint (gx_frozen_header_get_height (GX_FROZEN_HEADER (frozen)), ==, 0);
  gtk_adjustment_set_value (vadjustment, 300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (compare));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (compare));
  g_assert_cmpint (gx_frozen_header_get_height (GX_FROZEN_HEADER (frozen)), >, 10);

  gtk_window_destroy (GTK_WINDOW (compare));
  drain ();
  g_assert_finalize_object (compare);
}

static guint
count_colored (cairo_surface_t *surface,
               guint32          rgb)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + 4 * x);

        if (rgb == 0 ? (pixel >> 24) != 0 : (pixel >> 24) == 0xff && (pixel & 0xffffff) == rgb)
          n++;
      }
  return n;
}

static void
test_chart (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *issuer = save_samples (fx);
  GxCompareWindow *compare = g_object_ref (gx_compare_window_new (gx_window_get_store (fx->window), issuer));
  GxRateChart *chart = gx_compare_window_get_chart (compare);
  cairo_surface_t *surface;
  cairo_t *cr;
  double value = 0;
  guint painted, blue;

  gtk_window_present (GTK_WINDOW (compare));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (chart));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >, 200);

  g_assert_cmpuint (gx_rate_chart_get_n_years (chart), ==, 2);
  g_assert_true (gx_rate_chart_get_value (chart, GX_RATE_DISCLOSED, 0, &value));
  g_assert_cmpfloat_with_epsilon (value, 268.0 / 588.0, 1e-9);
  g_assert_true (gx_rate_chart_get_value (chart, GX_RATE_DISCLOSED, 1, &value));
  g_assert_cmpfloat_with_epsilon (value, 424.0 / 1521.0, 1e-9);
  /* the largest rate is 无法提供率 2022, 871/1521 = 57.3%: the axis goes to 60% */
  g_assert_cmpfloat_with_epsilon (gx_rate_chart_get_y_max (chart), 0.6, 1e-9);

  /* drawn on an image: axes, lines and legend leave paint, and the line of
   * 公开率 is there in its colour (#1c71d8) */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  g_assert_cmpuint (count_colored (surface, 0), ==, 0);
  cr = cairo_create (surface);
  gx_rate_chart_draw (chart, cr, 600, 300);
  cairo_destroy (cr);
  painted = count_colored (surface, 0);
  blue = count_colored (surface, 0x1c71d8);
  g_assert_cmpuint (painted, >, 3000);
  g_assert_cmpuint (blue, >, 100);
  cairo_surface_destroy (surface);

  gtk_window_destroy (GTK_WINDOW (compare));
  drain ();
  g_assert_finalize_object (compare);
}

/* Reviews ------------------------------------------------------------------------ */

static GxFinding *
listed_finding (GxReportDetail *detail,
                const char     *rule)
{
  GListModel *findings = gx_report_detail_get_findings (detail);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GxFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (gx_finding_get_rule (finding), rule) == 0)
        return finding;   /* the report keeps it */
    }
  return NULL;
}

static void
test_review_dismiss (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *issuer = save_samples (fx);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  int cell = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "litigation_after_review", "total");
  g_autoptr(GError) error = NULL;
  GxFinding *finding;
  GtkWidget *widget;

  select_issuer (fx, issuer);   /* Haidian 2022 */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  finding = listed_finding (detail, "group_total");
  g_assert_nonnull (finding);
  g_assert_cmpint (gx_finding_get_review (finding), ==, GX_REVIEW_OPEN);
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_has_css_class (widget, "finding-error"));

  /* dismissed: gone from the list and from the cell */
  g_assert_true (gx_report_detail_review_finding (detail, finding, GX_REVIEW_DISMISSED,
                                                  "复议后起诉 as printed", &error));
  g_assert_no_error (error);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_null (listed_finding (detail, "group_total"));
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_false (gtk_widget_has_css_class (widget, "finding-error"));

  /* "Show dismissed" brings it back, with its note */
  gx_report_detail_set_show_dismissed (detail, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  finding = listed_finding (detail, "group_total");
  g_assert_nonnull (finding);
  g_assert_cmpint (gx_finding_get_review (finding), ==, GX_REVIEW_DISMISSED);
  g_assert_cmpstr (gx_finding_get_review_note (finding), ==, "复议后起诉 as printed");
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_true (gtk_widget_has_css_class (widget, "finding-error"));
  gx_report_detail_set_show_dismissed (detail, FALSE);

  /* the workspace opened again keeps the decision */
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  drain ();
  select_issuer (fx, issuer);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_null (listed_finding (detail, "group_total"));
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_false (gtk_widget_has_css_class (widget, "finding-error"));

  /* and reopened, it is listed and marked again */
  gx_report_detail_set_show_dismissed (detail, TRUE);
  finding = listed_finding (detail, "group_total");
  g_assert_nonnull (finding);
  g_assert_true (gx_report_detail_review_finding (detail, finding, GX_REVIEW_OPEN, NULL, &error));
  g_assert_no_error (error);
  gx_report_detail_set_show_dismissed (detail, FALSE);
  g_assert_nonnull (listed_finding (detail, "group_total"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  g_test_add ("/compare/years", Fixture, NULL, fixture_setup, test_compare_years, fixture_teardown);
  g_test_add ("/compare/chart", Fixture, NULL, fixture_setup, test_chart, fixture_teardown);
  g_test_add ("/compare/empty", Fixture, NULL, fixture_setup, test_compare_empty, fixture_teardown);
  g_test_add ("/compare/export-print", Fixture, NULL, fixture_setup, test_compare_export_print, fixture_teardown);
  g_test_add ("/review/dismiss", Fixture, NULL, fixture_setup, test_review_dismiss, fixture_teardown);
  return g_test_run ();
}
