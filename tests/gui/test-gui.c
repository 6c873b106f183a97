/* test-gui.c: the main window, driven through its API under Xvfb
 *
 * Expectations are read by hand from the samples (tests/data/):
 *   年度: Miyun 2021, the others 2022
 *   本年新收 totals: Beidaihe 4, Anding 13, Pinggu 289, Miyun 572, Haidian 1521
 *   problems: Haidian (复议后起诉 26+0+0+19 = 45, 总计 42), Beidaihe (balance,
 *   results_sum, ambiguous layout); Pinggu, Miyun and Anding tie out.
 */
#include "gx-rates.h"
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <gtk/gtk.h>

#include "gx-reader.h"
#include "gx-review.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "editor/gx-editor-window.h"
#include "gx-window-private.h"
#include "../gx-test-fs.h"

static const char *const samples[] = {
  "anding-2022.txt",
  "beidaihe-2022-pipes.txt",
  "haidian-2022.txt",
  "miyun-2021.txt",
  "pinggu-2022.txt",
};

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

static void
wait_for_import (GxWindow *window)
{
  while (gx_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

static GFile *
sample_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  return g_file_new_for_path (path);
}

static void
import_samples (Fixture *fx)
{
  GFile *files[G_N_ELEMENTS (samples)];

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    files[i] = sample_file (samples[i]);
  gx_window_import_files (fx->window, files, G_N_ELEMENTS (samples));
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_object_unref (files[i]);
  wait_for_import (fx->window);
}

static GxReport *
visible_report (Fixture *fx,
                guint    position)
{
  GListModel *visible = gx_report_list_get_visible (gx_window_get_report_list (fx->window));
  GxReport *report = g_list_model_get_item (visible, position);

  g_assert_nonnull (report);
  g_object_unref (report);   /* the model keeps it */
  return report;
}

static gint64
new_received (GxReport *report)
{
  return gx_report_get_count (report, (guint) gx_schema_find_cell (GX_SECTION_APPLICATIONS,
                                                                   "new_received", "total"));
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->tmpdir = g_dir_make_tmp ("gx-gui-XXXXXX", &error);
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
  wait_for_import (fx->window);
  gtk_window_destroy (GTK_WINDOW (fx->window));
  drain ();
  g_assert_finalize_object (fx->window);

  gx_test_remove_tree (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

/* Tests ----------------------------------------------------------------------- */

static void
test_window_opens (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fx->window)));
  g_assert_cmpstr (gx_window_get_page (fx->window), ==, "empty");
  g_assert_cmpuint (gx_report_list_get_n_visible (gx_window_get_report_list (fx->window)), ==, 0);
  g_assert_true (gtk_widget_get_mapped (fx->window->empty_page));
}

static void
test_import_samples (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *failures = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  import_samples (fx);

  failures = gx_window_dup_failures_text (fx->window);
  g_assert_cmpstr (failures, ==, "");
  g_assert_cmpuint (gx_importer_get_n_added (gx_window_get_importer (fx->window)), ==, 5);
  g_assert_cmpuint (gx_report_list_get_n_visible (gx_window_get_report_list (fx->window)), ==, 5);
  g_assert_cmpstr (gx_window_get_page (fx->window), ==, "reports");

  /* the worker wrote them: a second connection sees all five */
  store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  stored = gx_workspace_list_summaries (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 5);

  /* importing the same files again adds nothing */
  import_samples (fx);
  g_assert_cmpuint (gx_importer_get_n_added (gx_window_get_importer (fx->window)), ==, 0);
  g_assert_cmpuint (gx_importer_get_n_present (gx_window_get_importer (fx->window)), ==, 5);
  g_assert_cmpuint (gx_report_list_get_n_visible (gx_window_get_report_list (fx->window)), ==, 5);
}

static void
test_reopen_workspace (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxReportList *list = gx_window_get_report_list (fx->window);

  import_samples (fx);
  /* what the app does at start: the list comes from the summaries */
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);

  gx_report_list_sort_by (list, "new", GTK_SORT_DESCENDING);
  g_assert_cmpint (new_received (visible_report (fx, 0)), ==, 1521);
  g_assert_cmpuint (gx_report_get_n_errors (visible_report (fx, 0)), ==, 1);
}

static void
test_sorting (Fixture       *fx,
              gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  static const gint64 new_ascending[] = { 4, 13, 289, 572, 1521 };

  import_samples (fx);

  gx_report_list_sort_by (list, "year", GTK_SORT_ASCENDING);
  g_assert_cmpint (gx_report_get_year (visible_report (fx, 0)), ==, 2021);
  g_assert_nonnull (strstr (gx_report_get_issuer (visible_report (fx, 0)), "密云"));
  for (guint i = 1; i < 5; i++)
    g_assert_cmpint (gx_report_get_year (visible_report (fx, i)), ==, 2022);

  gx_report_list_sort_by (list, "year", GTK_SORT_DESCENDING);
  g_assert_cmpint (gx_report_get_year (visible_report (fx, 4)), ==, 2021);

  gx_report_list_sort_by (list, "new", GTK_SORT_ASCENDING);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (new_received (visible_report (fx, i)), ==, new_ascending[i]);
  g_assert_nonnull (strstr (gx_report_get_issuer (visible_report (fx, 0)), "北戴河"));

  gx_report_list_sort_by (list, "new", GTK_SORT_DESCENDING);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (new_received (visible_report (fx, i)), ==, new_ascending[4 - i]);

  /* every column sorts */
  static const char *const ids[] = { "issuer", "results", "carried", "review", "litigation", "problems" };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gx_report_list_sort_by (list, ids[i], GTK_SORT_ASCENDING);
      g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);
    }
  gx_report_list_sort_by (list, "problems", GTK_SORT_DESCENDING);
  g_assert_nonnull (strstr (gx_report_get_issuer (visible_report (fx, 0)), "北戴河"));
}

static void
test_problems_filter_and_search (Fixture       *fx,
                                 gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  gboolean haidian = FALSE, beidaihe = FALSE;

  import_samples (fx);

  /* through the action, as the toggle button and Ctrl+E do */
  gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.only-problems", NULL);
  g_assert_true (fx->window->only_problems);

  /* Haidian and Beidaihe have errors; Miyun's text says 引发行政诉讼20件 but
   * its parts and its table add to 18 (a prose_mismatch warning).  A
   * reviewer who dismisses that warning leaves the two with errors. */
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 3);
  gx_window_set_search (fx->window, "密云");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_report_list_select (list, 0);
  {
    GxReportDetail *detail = gx_window_get_report_detail (fx->window);
    GPtrArray *findings = gx_report_get_findings (gx_report_detail_get_report (detail));
    GxFinding *prose = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < findings->len; i++)
      if (g_str_equal (gx_finding_get_rule (g_ptr_array_index (findings, i)), "prose_mismatch") &&
          gx_finding_get_severity (g_ptr_array_index (findings, i)) == GX_SEVERITY_WARNING)
        prose = g_ptr_array_index (findings, i);
    g_assert_nonnull (prose);
    g_assert_true (gx_report_detail_review_finding (detail, prose, GX_REVIEW_DISMISSED,
                                                    "二审案件另计", &error));
    g_assert_no_error (error);
  }
  drain ();
  gx_window_set_search (fx->window, NULL);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *issuer = gx_report_get_issuer (visible_report (fx, i));

      haidian |= strstr (issuer, "海淀") != NULL;
      beidaihe |= strstr (issuer, "北戴河") != NULL;
    }
  g_assert_true (haidian && beidaihe);

  gx_window_set_search (fx->window, "北戴河");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);

  gx_window_set_only_problems (fx->window, FALSE);
  gx_window_set_search (fx->window, "北京市");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 4);
  gx_window_set_search (fx->window, "");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);
}

static void
test_haidian_detail (Fixture       *fx,
                     gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  int cell = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "litigation_after_review", "total");
  int ok_cell = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "total");
  g_autofree char *text = NULL;
  GListModel *findings;
  GtkWidget *widget;
  guint position = G_MAXUINT;

  import_samples (fx);
  gx_window_set_search (fx->window, "海淀");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_report_list_select (list, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));

  g_assert_nonnull (gx_report_detail_get_report (detail));
  g_assert_cmpint (gx_report_get_year (gx_report_detail_get_report (detail)), ==, 2022);

  /* 复议后起诉 总计: 42 shown, marked as an error, the message as tooltip */
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), ==, "42");
  g_assert_true (gtk_widget_has_css_class (widget, "finding-error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (widget));
  g_assert_false (gtk_widget_has_css_class (widget, "finding-focus"));

  /* a cell that ties out is plain */
  widget = gx_report_detail_get_cell_widget (detail, (guint) ok_cell);
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), ==, "1521");
  g_assert_false (gtk_widget_has_css_class (widget, "finding-error"));
  g_assert_null (gtk_widget_get_tooltip_text (widget));

  /* one error: group_total on the litigation after review */
  findings = gx_report_detail_get_findings (detail);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GxFinding) finding = g_list_model_get_item (findings, i);

      if (gx_finding_get_severity (finding) == GX_SEVERITY_ERROR)
        {
          g_assert_cmpuint (position, ==, G_MAXUINT);
          g_assert_cmpstr (gx_finding_get_rule (finding), ==, "group_total");
          g_assert_cmpint (gx_finding_get_cell (finding), ==, cell);
          position = i;
        }
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  /* activating it brings the cell forward */
  gx_report_detail_activate_finding (detail, position);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_cmpint (gx_report_detail_get_focus_cell (detail), ==, cell);
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_true (gtk_widget_has_css_class (widget, "finding-focus"));
  g_assert_true (gtk_widget_get_mapped (widget));

  /* section 三 shows its 25 rows */
  text = g_strdup (gtk_widget_get_tooltip_text (widget));
  g_assert_nonnull (text);

  /* the rates under the tables (issue 19): 公开率 = (予以公开 309 + 部分公开
   * 115) / （七）总计 1521 = 27.9%, the figures in the tooltip */
  widget = gx_report_detail_get_rate_widget (detail, GX_RATE_DISCLOSED);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (widget)), ==, "27.9%");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (widget), "424 / 1521"));
  g_assert_true (gtk_widget_get_visible (widget));
}

/* A report with rows the reader could not place: the row is shown red, each
 * cell with the message (unread, an error) as its tooltip. */
static void
test_unread_detail (Fixture       *fx,
                    gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  g_autoptr(GFile) file = sample_file ("real-layouts/unread-rows.html");
  static const char *const columns[] = {
    "natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total",
  };
  int read_cell = gx_schema_find_cell (GX_SECTION_DISCLOSURE, "licensing", "decisions");
  GtkWidget *widget;

  gx_window_import_files (fx->window, &file, 1);
  wait_for_import (fx->window);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_report_list_select (list, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_cmpuint (gx_report_get_n_errors (gx_report_detail_get_report (detail)), >=, 3);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      int cell = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "unavailable_not_held", columns[c]);
      const char *tooltip;

      widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
      g_assert_nonnull (widget);
      g_assert_true (gtk_widget_has_css_class (widget, "finding-error"));
      tooltip = gtk_widget_get_tooltip_text (widget);
      g_assert_nonnull (tooltip);
      g_assert_nonnull (strstr (tooltip, "could not be read"));
    }
  /* a row that was read (and is in no sum the blank rows break) is not red */
  widget = gx_report_detail_get_cell_widget (detail, (guint) read_cell);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), ==, "321");
  g_assert_false (gtk_widget_has_css_class (widget, "finding-error"));
}

/* checks/empty-five.txt: its one finding is about the text (section 五
 * says only 无).  The detail pane lists it; it marks no cell (规章 was its
 * placeholder up to workspace version 3), and activating it focuses none. */
static void
test_text_finding_detail (Fixture       *fx,
                          gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  g_autoptr(GFile) file = sample_file ("checks/empty-five.txt");
  g_autoptr(GxFinding) finding = NULL;
  GListModel *findings;
  GtkWidget *widget;

  gx_window_import_files (fx->window, &file, 1);
  wait_for_import (fx->window);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_report_list_select (list, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));

  findings = gx_report_detail_get_findings (detail);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  finding = g_list_model_get_item (findings, 0);
  g_assert_cmpstr (gx_finding_get_rule (finding), ==, "section_missing_content");
  g_assert_false (gx_finding_has_cell (finding));

  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      widget = gx_report_detail_get_cell_widget (detail, i);
      if (widget == NULL)
        continue;
      g_assert_false (gtk_widget_has_css_class (widget, "finding-warning"));
      g_assert_false (gtk_widget_has_css_class (widget, "finding-error"));
    }
  gx_report_detail_activate_finding (detail, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_cmpint (gx_report_detail_get_focus_cell (detail), ==, -1);
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
copy_sample (const char *name,
             const char *dest)
{
  g_autoptr(GFile) src = sample_file (name);
  g_autoptr(GFile) dst = g_file_new_for_path (dest);
  g_autoptr(GError) error = NULL;

  g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_drop_folder (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fx->tmpdir, "dropped", NULL);
  g_autofree char *sub = g_build_filename (folder, "2022", NULL);
  g_autofree char *path = NULL;
  g_autofree char *failures = NULL;
  g_autoptr(GFile) file = NULL;
  GValue value = G_VALUE_INIT;
  GSList *list = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  path = g_build_filename (folder, "miyun.txt", NULL);
  copy_sample ("miyun-2021.txt", path);
  g_free (path);
  path = g_build_filename (sub, "haidian.txt", NULL);
  copy_sample ("haidian-2022.txt", path);
  g_free (path);
  path = g_build_filename (sub, "notes.txt", NULL);
  write_file (path, "这不是年度报告。\nNot a report at all.\n");
  g_free (path);
  path = g_build_filename (sub, ".hidden.txt", NULL);
  write_file (path, "hidden files are skipped");

  file = g_file_new_for_path (folder);
  list = g_slist_prepend (list, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  g_assert_true (gx_window_drop_value (fx->window, &value));
  g_value_unset (&value);
  g_slist_free (list);

  wait_for_import (fx->window);

  g_assert_cmpuint (gx_report_list_get_n_visible (gx_window_get_report_list (fx->window)), ==, 2);
  g_assert_cmpuint (gx_importer_get_n_total (gx_window_get_importer (fx->window)), ==, 3);
  /* the failed file is listed, with its name */
  failures = gx_window_dup_failures_text (fx->window);
  g_assert_nonnull (strstr (failures, "notes.txt"));
  g_assert_null (strstr (failures, "hidden"));
  g_assert_cmpuint (g_strv_length ((char **) gx_importer_get_failures (gx_window_get_importer (fx->window))), ==, 1);
}

static void
cancel_on_first_batch_cb (GxImporter *importer,
                          GPtrArray  *reports,
                          GxWindow   *window)
{
  gx_window_cancel_import (window);
}

static void
test_cancel_import (Fixture       *fx,
                    gconstpointer  data)
{
  const guint n_files = 300;
  g_autofree char *folder = g_build_filename (fx->tmpdir, "many", NULL);
  g_autofree char *template = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) anding = sample_file ("anding-2022.txt");
  GxImporter *importer = gx_window_get_importer (fx->window);
  GListModel *reports;
  gulong handler;
  guint n;

  g_file_load_contents (anding, NULL, &template, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GString) text = g_string_new (template);
      g_autofree char *name = g_strdup_printf ("安定镇第%u", i);
      g_autofree char *fname = g_strdup_printf ("%03u.txt", i);
      g_autofree char *path = g_build_filename (folder, fname, NULL);

      /* a different issuer each: 300 distinct reports */
      g_string_replace (text, "安定镇", name, 0);
      write_file (path, text->str);
    }

  gx_importer_set_batch_size (importer, 10);
  handler = g_signal_connect (importer, "reports-added",
                              G_CALLBACK (cancel_on_first_batch_cb), fx->window);
  file = g_file_new_for_path (folder);
  gx_window_import_files (fx->window, &file, 1);
  wait_for_import (fx->window);
  g_signal_handler_disconnect (importer, handler);

  /* some batches went in, not all; list, importer and workspace agree */
  reports = gx_report_list_get_reports (gx_window_get_report_list (fx->window));
  n = g_list_model_get_n_items (reports);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, n_files);
  g_assert_cmpuint (n % 10, ==, 0);
  g_assert_cmpuint (gx_importer_get_n_added (importer), ==, n);

  store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  stored = gx_workspace_list_summaries (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, n);

  /* each committed report is whole */
  for (guint i = 0; i < stored->len; i++)
    {
      g_autoptr(GxReport) report = gx_workspace_load_report (store, gx_report_get_id (g_ptr_array_index (stored, i)), &error);

      g_assert_no_error (error);
      g_assert_cmpint (new_received (report), ==, 13);
    }

  /* the rest can be imported afterwards */
  gx_importer_set_batch_size (importer, 200);
  gx_window_import_files (fx->window, &file, 1);
  wait_for_import (fx->window);
  g_assert_cmpuint (g_list_model_get_n_items (reports), ==, n_files);
}

static void
test_bad_files (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *empty = g_build_filename (fx->tmpdir, "empty.txt", NULL);
  g_autofree char *binary = g_build_filename (fx->tmpdir, "image.png", NULL);
  g_autofree char *failures = NULL;
  GFile *files[3];

  write_file (empty, "");
  g_file_set_contents (binary, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 16, NULL);
  files[0] = g_file_new_for_path (empty);
  files[1] = g_file_new_for_path (binary);
  files[2] = g_file_new_build_filename (fx->tmpdir, "missing.txt", NULL);
  gx_window_import_files (fx->window, files, 3);
  for (guint i = 0; i < 3; i++)
    g_object_unref (files[i]);
  wait_for_import (fx->window);

  failures = gx_window_dup_failures_text (fx->window);
  g_assert_nonnull (strstr (failures, "empty.txt"));
  g_assert_nonnull (strstr (failures, "image.png"));
  g_assert_nonnull (strstr (failures, "missing.txt"));
  g_assert_cmpstr (gx_window_get_page (fx->window), ==, "empty");
}

/* Enter on Haidian opens the editor; correcting 复议后起诉 总计 to 45 and
 * saving clears the error in the list.  Ctrl+N opens an empty report. */
static void
test_edit_from_list (Fixture       *fx,
                     gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  int cell = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "litigation_after_review", "total");
  g_autoptr(GError) error = NULL;
  GxEditorWindow *editor, *again, *blank;
  GxReport *item;

  import_samples (fx);
  gx_window_set_only_problems (fx->window, TRUE);
  /* Haidian, Beidaihe, and Miyun with its prose warning */
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 3);
  gx_window_set_search (fx->window, "海淀");
  gx_report_list_select (list, 0);
  item = gx_report_list_get_selected (list);
  g_assert_cmpuint (gx_report_get_n_errors (item), ==, 1);

  /* Enter on the row */
  g_signal_emit_by_name (gx_report_list_get_column_view (list), "activate", 0);
  editor = g_hash_table_lookup (fx->window->editors, &(gint64) { gx_report_get_id (item) });
  g_assert_nonnull (editor);
  g_assert_cmpint (gx_editor_window_get_report_id (editor), ==, gx_report_get_id (item));
  /* a second Edit brings the same editor forward */
  again = gx_window_edit_report (fx->window, gx_report_get_id (item));
  g_assert_true (again == editor);

  g_assert_true (gx_editor_form_set_cell_text (gx_editor_window_get_form (editor), (guint) cell, "45", &error));
  g_assert_no_error (error);
  g_assert_true (gx_editor_window_save (editor, &error));
  g_assert_no_error (error);
  drain ();

  /* the row now ties out: the problems filter leaves Beidaihe and Miyun */
  g_assert_cmpuint (gx_report_get_n_errors (item), ==, 0);
  g_assert_cmpint (gx_report_get_count (item, (guint) cell), ==, 45);
  gx_window_set_search (fx->window, NULL);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
  g_assert_cmpuint (g_hash_table_size (fx->window->editors), ==, 0);

  /* Ctrl+N */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.new-report", NULL));
  blank = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GX_IS_EDITOR_WINDOW (l->data))
      blank = l->data;
  g_assert_nonnull (blank);
  g_assert_cmpint (gx_editor_window_get_report_id (blank), ==, 0);
  gtk_window_destroy (GTK_WINDOW (blank));
  drain ();
}

/* Puts a sample into the workspace through a connection of its own, as
 * another process would. */
static gint64
put_elsewhere (GxWorkspace    *other,
               const char *name)
{
  g_autoptr(GFile) file = sample_file (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_file (file, NULL, &error);
  GxImportOutcome outcome;

  g_assert_no_error (error);
  g_assert_true (gx_backend_put_report (gx_workspace_get_backend (other), report, NULL, FALSE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
  return gx_report_get_id (report);
}

/* Runs the main loop until the list shows @n reports; fails after 5 s
 * (the window looks twice a second). */
static void
wait_for_n_reports (Fixture *fx,
                    guint    n)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (gx_report_list_get_n_visible (list) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, n);
}

static guint
position_of (Fixture *fx,
             gint64   id)
{
  GListModel *visible = gx_report_list_get_visible (gx_window_get_report_list (fx->window));

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    if (gx_report_get_id (visible_report (fx, i)) == id)
      return i;
  g_assert_not_reached ();
}

static void
assert_no_error_dialog (void)
{
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    g_assert_false (GTK_IS_MESSAGE_DIALOG (l->data));
}

/* Another process adds and removes reports: the list follows, and a
 * removed report's detail closes without an error. */
static void
test_external_changes (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) other = gx_workspace_open (fx->workspace, FALSE, &error);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  GxReportList *list = gx_window_get_report_list (fx->window);
  gint64 anding, haidian, pinggu;

  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);

  anding = put_elsewhere (other, "anding-2022.txt");
  haidian = put_elsewhere (other, "haidian-2022.txt");
  pinggu = put_elsewhere (other, "pinggu-2022.txt");
  wait_for_n_reports (fx, 3);
  g_assert_cmpstr (gx_window_get_page (fx->window), ==, "reports");

  /* Haidian shown, then removed elsewhere: the row and the detail go */
  gx_report_list_select (list, position_of (fx, haidian));
  drain ();
  g_assert_nonnull (gx_report_detail_get_report (detail));
  g_assert_cmpint (gx_report_get_id (gx_report_detail_get_report (detail)), ==, haidian);
  g_assert_true (gx_workspace_remove_report (other, haidian, &error));
  g_assert_no_error (error);
  wait_for_n_reports (fx, 2);
  g_assert_true (gx_report_detail_get_report (detail) == NULL ||
                 gx_report_get_id (gx_report_detail_get_report (detail)) != haidian);
  assert_no_error_dialog ();

  /* Pinggu removed elsewhere and clicked before the window looked: no
   * error dialog, the list catches up at once */
  g_assert_true (gx_workspace_remove_report (other, pinggu, &error));
  g_assert_no_error (error);
  gx_report_list_select (list, position_of (fx, pinggu));
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  g_assert_cmpint (gx_report_get_id (visible_report (fx, 0)), ==, anding);
  drain ();
  assert_no_error_dialog ();
  g_assert_true (gx_report_detail_get_report (detail) == NULL ||
                 gx_report_get_id (gx_report_detail_get_report (detail)) == anding);
}

/* Symbolic links inside an imported folder: followed to files, as the
 * command line does; a loop and a FIFO are listed, not skipped silently. */
static void
test_folder_links (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fx->tmpdir, "linked", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "..", "data", "anding-2022.txt", NULL);
  g_autofree char *link = g_build_filename (folder, "anding-link.txt", NULL);
  g_autofree char *loop = g_build_filename (folder, "loop.txt", NULL);
  g_autofree char *fifo = g_build_filename (folder, "pipe.txt", NULL);
  g_autofree char *failures = NULL;
  g_autoptr(GFile) file = NULL;
  gint64 start;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (symlink (sample, link), ==, 0);
  g_assert_cmpint (symlink ("loop.txt", loop), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  file = g_file_new_for_path (folder);
  start = g_get_monotonic_time ();
  gx_window_import_files (fx->window, &file, 1);
  wait_for_import (fx->window);
  /* the FIFO is not waited on */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_assert_cmpuint (gx_report_list_get_n_visible (gx_window_get_report_list (fx->window)), ==, 1);
  g_assert_cmpint (new_received (visible_report (fx, 0)), ==, 13);
  failures = gx_window_dup_failures_text (fx->window);
  g_assert_nonnull (strstr (failures, "loop.txt: a loop of symbolic links"));
  g_assert_nonnull (strstr (failures, "pipe.txt: not a regular file (a named pipe)"));
}

/* The question win.remove-report asks (GTK 4.8: a GtkMessageDialog),
 * answered with @response. */
static gboolean
answer_question (int response)
{
  GtkWidget *question = NULL;

  drain ();
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      question = l->data;
  if (question == NULL)
    return FALSE;
  gtk_dialog_response (GTK_DIALOG (question), response);
  drain ();
  return TRUE;
}

/* Removing a report asks first; Cancel keeps it, Remove takes it out of
 * the list and of the workspace. */
static void
test_remove_report (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) other = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  GxReportList *list = gx_window_get_report_list (fx->window);
  gint64 id;

  import_samples (fx);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);
  /* nothing selected: nothing to remove */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.remove-report", NULL) &&
                  answer_question (GTK_RESPONSE_ACCEPT));
  gx_report_list_select (list, 0);
  drain ();
  id = gx_report_get_id (gx_report_list_get_selected (list));
  g_assert_cmpint (id, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.remove-report", NULL));
  if (!answer_question (GTK_RESPONSE_CANCEL))
    {
      g_test_skip ("the question is a GtkAlertDialog (GTK >= 4.10), which a test cannot answer");
      return;
    }
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.remove-report", NULL));
  g_assert_true (answer_question (GTK_RESPONSE_ACCEPT));
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 4);
  g_assert_false (gx_report_list_contains_id (list, id));

  other = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  stored = gx_workspace_list_summaries (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 4);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpint (gx_report_get_id (g_ptr_array_index (stored, i)), !=, id);
}

/* A file with a new version of a report the workspace has: the import
 * refuses it, then asks whether to replace; Remove… no, Replace does. */
static void
test_replace_on_conflict (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = g_build_filename (fx->tmpdir, "haidian-2022-corrected.txt", NULL);
  g_autoptr(GFile) original = sample_file ("haidian-2022.txt");
  g_autoptr(GFile) corrected = g_file_new_for_path (path);
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxImporter *importer;
  char *at;
  gint64 id;

  g_assert_true (g_file_load_contents (original, NULL, &text, NULL, NULL, NULL));
  /* 本年新收 总计 1521 → 1522: the same issuer and year, other figures */
  at = strstr (text, "\t1521\n");
  g_assert_nonnull (at);
  at[4] = '2';
  write_file (path, text);

  gx_window_import_files (fx->window, &original, 1);
  wait_for_import (fx->window);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  id = gx_report_get_id (visible_report (fx, 0));
  g_assert_cmpint (new_received (visible_report (fx, 0)), ==, 1521);

  gx_window_import_files (fx->window, &corrected, 1);
  wait_for_import (fx->window);
  importer = gx_window_get_importer (fx->window);
  g_assert_cmpuint (gx_importer_get_n_added (importer), ==, 0);
  g_assert_cmpuint (gx_importer_get_conflicts (importer)->len, ==, 1);
  changed = gx_window_dup_failures_text (fx->window);
  g_assert_nonnull (strstr (changed, "haidian-2022-corrected.txt: the workspace already holds a different report"));

  /* Cancel keeps the report as it was */
  if (!answer_question (GTK_RESPONSE_CANCEL))
    {
      g_test_skip ("the question is a GtkAlertDialog (GTK >= 4.10), which a test cannot answer");
      return;
    }
  g_assert_cmpint (new_received (visible_report (fx, 0)), ==, 1521);

  /* asked again by importing again; Replace takes the new version, in
   * place: one row, the same id, the new figure */
  gx_window_import_files (fx->window, &corrected, 1);
  wait_for_import (fx->window);
  g_assert_true (answer_question (GTK_RESPONSE_ACCEPT));
  wait_for_import (fx->window);
  importer = gx_window_get_importer (fx->window);
  g_assert_cmpuint (gx_importer_get_n_replaced (importer), ==, 1);
  g_assert_cmpuint (gx_importer_get_conflicts (importer)->len, ==, 0);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  g_assert_cmpint (gx_report_get_id (visible_report (fx, 0)), ==, id);
  g_assert_cmpint (new_received (visible_report (fx, 0)), ==, 1522);
  g_assert_cmpstr (gx_report_get_source (visible_report (fx, 0)), ==, "haidian-2022-corrected.txt");
  /* nothing more to ask */
  g_assert_false (answer_question (GTK_RESPONSE_ACCEPT));
}

static GtkWindow *
find_window (const char *name)
{
  GtkWindow *found = NULL;

  drain ();
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (g_strcmp0 (gtk_widget_get_name (l->data), name) == 0 && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

/* Print Roll-up adds up one year: with the samples (2021 and 2022) shown
 * it asks which year, and sums only the reports shown of the year chosen. */
static void
test_rollup_one_year (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GArray) years = NULL;
  g_autoptr(GArray) ids = NULL;
  GxReportList *list = gx_window_get_report_list (fx->window);
  GtkWindow *chooser;
  GtkDropDown *dropdown;
  GListModel *offered;

  import_samples (fx);
  years = gx_window_dup_visible_years (fx->window);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2022);
  g_assert_cmpint (g_array_index (years, int, 1), ==, 2021);
  /* 2022: Anding, Beidaihe, Haidian, Pinggu; 2021: Miyun */
  ids = gx_window_dup_rollup_ids (fx->window, 2022);
  g_assert_cmpuint (ids->len, ==, 4);
  g_clear_pointer (&ids, g_array_unref);
  ids = gx_window_dup_rollup_ids (fx->window, 2021);
  g_assert_cmpuint (ids->len, ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.print-rollup", NULL));
  chooser = find_window ("gx-rollup-year");
  g_assert_nonnull (chooser);
  dropdown = g_object_get_data (G_OBJECT (chooser), "years");
  offered = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (offered), 0), ==, "2022");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (offered), 1), ==, "2021");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  gtk_window_destroy (chooser);
  g_assert_null (find_window ("gx-rollup-year"));

  /* one year shown (the search narrows to Miyun): nothing to ask */
  gx_report_list_set_search (list, "密云");
  drain ();
  g_clear_pointer (&years, g_array_unref);
  years = gx_window_dup_visible_years (fx->window);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2021);
}

static gint64
id_of (Fixture    *fx,
       const char *issuer,
       int         year)
{
  GListModel *visible = gx_report_list_get_visible (gx_window_get_report_list (fx->window));

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      GxReport *report = visible_report (fx, i);

      if (g_strcmp0 (gx_report_get_issuer (report), issuer) == 0 && gx_report_get_year (report) == year)
        return gx_report_get_id (report);
    }
  g_assert_not_reached ();
}

/* Miyun's 2020 report under its old name (密云县) is merged into 密云区:
 * Miyun 2021 then has its year before, and carryover adds two warnings
 * (1 → 3, as `gxreports-cli merge` gives). */
static void
test_merge_issuers (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *path = g_build_filename (fx->tmpdir, "miyun-old-name-2020.txt", NULL);
  g_autoptr(GFile) old_name = g_file_new_for_path (path);
  g_autoptr(GFile) miyun = sample_file ("miyun-2021.txt");
  g_autoptr(GFile) miyun_2020 = sample_file ("miyun-2020-format2019.txt");
  GxReportList *list = gx_window_get_report_list (fx->window);
  GtkWindow *chooser;
  GtkDropDown *choices;
  GListModel *offered;
  guint position = G_MAXUINT;
  gint64 miyun_id;

  g_assert_true (g_file_load_contents (miyun_2020, NULL, &text, NULL, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "北京市密云区人民政府"));
  memcpy (text + strlen ("北京市密云"), "县", strlen ("县"));
  write_file (path, text);
  gx_window_import_files (fx->window, &miyun, 1);
  gx_window_import_files (fx->window, &old_name, 1);
  wait_for_import (fx->window);
  wait_for_import (fx->window);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);
  miyun_id = id_of (fx, "北京市密云区人民政府", 2021);
  g_assert_cmpuint (gx_report_get_n_warnings (visible_report (fx, position_of (fx, miyun_id))), ==, 1);

  gx_report_list_select (list, position_of (fx, id_of (fx, "北京市密云县人民政府", 2020)));
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.merge-issuer", NULL));
  chooser = find_window ("gx-merge-issuer");
  g_assert_nonnull (chooser);
  choices = g_object_get_data (G_OBJECT (chooser), "choices");
  offered = gtk_drop_down_get_model (choices);
  /* the other issuer only, not the selected report's own */
  g_assert_cmpuint (g_list_model_get_n_items (offered), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (offered), 0), ==, "北京市密云区人民政府");
  g_signal_emit_by_name (g_object_get_data (G_OBJECT (chooser), "accept"), "clicked");
  drain ();
  g_assert_null (find_window ("gx-merge-issuer"));

  position = position_of (fx, miyun_id);
  g_assert_cmpuint (gx_report_get_n_warnings (visible_report (fx, position)), ==, 3);
  /* the search finds the old spelling under the new name too */
  gx_report_list_set_search (list, "密云县");
  drain ();
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);
}

/* Haidian 2022 marked as the roll-up of the other 2022 reports shown: the
 * workspace holds the three children. */
static void
test_link_rollup (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) other = NULL;
  g_autoptr(GArray) children = NULL;
  GxReportList *list = gx_window_get_report_list (fx->window);
  gint64 haidian, expected[3];

  import_samples (fx);
  haidian = id_of (fx, "北京市海淀区人民政府", 2022);
  expected[0] = id_of (fx, "北京市大兴区安定镇人民政府", 2022);
  expected[1] = id_of (fx, "北京市平谷区人民政府", 2022);
  expected[2] = id_of (fx, "北戴河区人民政府办公室", 2022);
  gx_report_list_select (list, position_of (fx, haidian));
  drain ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.link-rollup", NULL));
  if (!answer_question (GTK_RESPONSE_ACCEPT))
    {
      g_test_skip ("the question is a GtkAlertDialog (GTK >= 4.10), which a test cannot answer");
      return;
    }
  other = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  children = gx_workspace_get_children (other, haidian, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (children->len, ==, 3);
  /* ascending ids; Miyun (2021) is not one of them */
  for (guint i = 0; i < 3; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < 3; k++)
        found |= g_array_index (children, gint64, i) == expected[k];
      g_assert_true (found);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("gx-gui-state-XXXXXX", NULL);

  /* editor drafts of these tests stay out of the user's folders */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* English labels whatever the machine's language */
  gx_schema_set_prefers_chinese (0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/window/opens", test_window_opens);
  ADD ("/gui/import/samples", test_import_samples);
  ADD ("/gui/import/reopen", test_reopen_workspace);
  ADD ("/gui/import/dropped-folder", test_drop_folder);
  ADD ("/gui/import/cancel", test_cancel_import);
  ADD ("/gui/import/bad-files", test_bad_files);
  ADD ("/gui/list/sorting", test_sorting);
  ADD ("/gui/list/problems-and-search", test_problems_filter_and_search);
  ADD ("/gui/detail/haidian", test_haidian_detail);
  ADD ("/gui/detail/unread", test_unread_detail);
  ADD ("/gui/detail/text-finding", test_text_finding_detail);
  ADD ("/gui/edit/from-list", test_edit_from_list);
  ADD ("/gui/workspace/external-changes", test_external_changes);
  ADD ("/gui/import/folder-links", test_folder_links);
  ADD ("/gui/list/remove-report", test_remove_report);
  ADD ("/gui/import/replace-on-conflict", test_replace_on_conflict);
  ADD ("/gui/print/rollup-one-year", test_rollup_one_year);
  ADD ("/gui/workspace/merge-issuers", test_merge_issuers);
  ADD ("/gui/workspace/link-rollup", test_link_rollup);
#undef ADD

  return g_test_run ();
}
