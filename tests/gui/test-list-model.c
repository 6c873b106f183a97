/* test-list-model.c: the window's list is the workspace's list
 *
 * The report list sits on the window's GxWorkspace (a GListModel of
 * summaries): a change made anywhere through it — an editor's save, a
 * removal, a review decision in the detail pane, a save that re-checks the
 * same issuer's next year — shows in the list at once, with no refresh
 * and no main-loop iteration in between, and the report selected stays
 * selected (its row keeps its object).
 *
 * Read by hand from the samples (tests/data/):
 *   Haidian 2022: one error, group_total on 复议后起诉 (26+0+0+19 = 45 ≠ 42);
 *     本年新收 1521.
 *   Miyun 2021: the prose warning and a note; with its 2020 report
 *     (miyun-2020-format2019.txt, carried forward 25 in all against 41
 *     carried over in 2021) two carryover warnings more (the total and
 *     natural persons): 3 warnings.
 *   The reports with errors or warnings: Haidian, Beidaihe, Miyun.
 */
#include "gx-config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-review.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "editor/gx-editor-window.h"
#include "gx-window-private.h"

#define HAIDIAN "北京市海淀区人民政府"
#define MIYUN "北京市密云区人民政府"

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
  guint n_changes;    /* ::items-changed of the workspace's list */
} Fixture;

/* Helpers -------------------------------------------------------------------- */

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
import_files (Fixture            *fx,
              const char * const *names,
              guint               n_names)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_names; i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", names[i], NULL);

      g_ptr_array_add (files, g_file_new_for_path (path));
    }
  gx_window_import_files (fx->window, (GFile **) files->pdata, files->len);
  while (gx_window_get_importing (fx->window))
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *fx)
{
  fx->n_changes++;
}

/* Selects the report of @issuer and @year and returns its row's object */
static GxReport *
select_report (Fixture    *fx,
               const char *issuer,
               int         year)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GListModel *visible = gx_report_list_get_visible (list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

      if (g_strcmp0 (gx_report_get_issuer (report), issuer) == 0 && gx_report_get_year (report) == year)
        {
          gx_report_list_select (list, i);
          drain ();
          g_assert_true (gx_report_list_get_selected (list) == report);
          return report;   /* the workspace's list keeps it */
        }
    }
  g_assert_not_reached ();
}

static GxFinding *
find_in_detail (GxReportDetail *detail,
                const char     *rule)
{
  GListModel *findings = gx_report_detail_get_findings (detail);

  for (guint k = 0; k < g_list_model_get_n_items (findings); k++)
    {
      g_autoptr(GxFinding) f = g_list_model_get_item (findings, k);

      if (g_strcmp0 (gx_finding_get_rule (f), rule) == 0)
        return g_steal_pointer (&f);
    }
  g_assert_not_reached ();
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->tmpdir = g_dir_make_tmp ("gx-list-model-XXXXXX", &error);
  g_assert_no_error (error);
  fx->workspace = g_build_filename (fx->tmpdir, "workspace.db", NULL);

  fx->window = g_object_ref (gx_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1200, 800);
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_signal_connect (gx_window_get_store (fx->window), "items-changed",
                    G_CALLBACK (items_changed_cb), fx);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fx->workspace, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fx->workspace, "-shm", NULL);

  g_signal_handlers_disconnect_by_data (gx_window_get_store (fx->window), fx);
  gtk_window_destroy (GTK_WINDOW (fx->window));
  drain ();
  g_assert_finalize_object (fx->window);

  g_remove (fx->workspace);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

/* Tests ----------------------------------------------------------------------- */

/* The list shows the workspace's own model; the rows an import added are
 * summaries like any other (a few cells, not the whole report). */
static void
test_import_rows_are_summaries (Fixture       *fx,
                                gconstpointer  data)
{
  GxWorkspace *store = gx_window_get_store (fx->window);
  GListModel *reports = gx_report_list_get_reports (gx_window_get_report_list (fx->window));
  int new_received = gx_schema_find_cell_by_path ("applications.new_received.total");
  int natural = gx_schema_find_cell_by_path ("applications.new_received.natural_person");
  g_autoptr(GxReport) full = NULL;
  g_autoptr(GError) error = NULL;
  GxReport *haidian = NULL;

  g_assert_true (reports == G_LIST_MODEL (store));
  import_files (fx, samples, G_N_ELEMENTS (samples));
  g_assert_cmpuint (g_list_model_get_n_items (reports), ==, 5);
  g_assert_cmpuint (fx->n_changes, >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(GxReport) item = g_list_model_get_item (reports, i);

      g_assert_true (gx_workspace_find_summary (store, gx_report_get_id (item), NULL) == item);
      if (g_strcmp0 (gx_report_get_issuer (item), HAIDIAN) == 0)
        haidian = item;
    }
  g_assert_nonnull (haidian);
  g_assert_cmpint (gx_report_get_count (haidian, (guint) new_received), ==, 1521);
  g_assert_cmpuint (gx_report_get_n_errors (haidian), ==, 1);
  /* a summary has no natural-person column; the report has one */
  g_assert_cmpint (gx_report_get_cell (haidian, (guint) natural, NULL), ==, GX_CELL_BLANK);
  full = gx_workspace_load_report (store, gx_report_get_id (haidian), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_cell (full, (guint) natural, NULL), ==, GX_CELL_VALUE);
}

/* An editor saves through the window's workspace: the row and the detail
 * follow, and the row stays selected. */
static void
test_follows_editor_save (Fixture       *fx,
                          gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  int cell = gx_schema_find_cell_by_path ("review_litigation.litigation_after_review.total");
  g_autoptr(GError) error = NULL;
  GxEditorWindow *editor;
  GxReport *item;
  guint changes;

  import_files (fx, samples, G_N_ELEMENTS (samples));
  item = select_report (fx, HAIDIAN, 2022);
  g_assert_cmpuint (gx_report_get_n_errors (gx_report_detail_get_report (detail)), ==, 1);

  editor = gx_window_edit_report (fx->window, gx_report_get_id (item));
  g_assert_nonnull (editor);
  g_assert_true (gx_editor_form_set_cell_text (gx_editor_window_get_form (editor), (guint) cell, "45", &error));
  g_assert_no_error (error);
  changes = fx->n_changes;
  g_assert_true (gx_editor_window_save (editor, &error));
  g_assert_no_error (error);

  /* no refresh, no main-loop iteration */
  g_assert_cmpuint (fx->n_changes, >, changes);
  g_assert_cmpuint (gx_report_get_n_errors (item), ==, 0);
  g_assert_cmpint (gx_report_get_count (item, (guint) cell), ==, 45);
  g_assert_cmpint (gx_report_get_count (gx_report_detail_get_report (detail), (guint) cell), ==, 45);
  g_assert_cmpuint (gx_report_get_n_errors (gx_report_detail_get_report (detail)), ==, 0);
  g_assert_true (gx_report_list_get_selected (list) == item);
  /* it has no problem left: Beidaihe and Miyun have */
  gx_window_set_only_problems (fx->window, TRUE);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);

  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
}

/* A report removed through the workspace leaves the list and the detail. */
static void
test_follows_remove (Fixture       *fx,
                     gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  g_autoptr(GError) error = NULL;
  gint64 id;

  import_files (fx, samples, G_N_ELEMENTS (samples));
  id = gx_report_get_id (select_report (fx, HAIDIAN, 2022));
  g_assert_nonnull (gx_report_detail_get_report (detail));

  g_assert_true (gx_workspace_remove_report (gx_window_get_store (fx->window), id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 4);
  g_assert_false (gx_report_list_contains_id (list, id));
  g_assert_null (gx_report_list_get_selected (list));
  g_assert_null (gx_report_detail_get_report (detail));
  drain ();
  g_assert_cmpstr (gtk_label_get_text (fx->window->subtitle_label), ==, "workspace.db — 4 reports");
}

/* A decision in the detail pane changes what the row counts at once. */
static void
test_follows_review (Fixture       *fx,
                     gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxFinding) finding = NULL;
  GxReport *item;

  import_files (fx, samples, G_N_ELEMENTS (samples));
  item = select_report (fx, HAIDIAN, 2022);
  g_assert_cmpuint (gx_report_get_n_errors (item), ==, 1);

  finding = find_in_detail (detail, "group_total");
  g_assert_true (gx_report_detail_review_finding (detail, finding, GX_REVIEW_DISMISSED,
                                                  "the 42 is right, the parts are not", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_get_n_errors (item), ==, 0);
  g_assert_true (gx_report_list_get_selected (list) == item);

  /* Haidian has no open problem left: Beidaihe and Miyun remain */
  gx_window_set_only_problems (fx->window, TRUE);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);

  /* and back (the filter hid it: selected again) */
  gx_window_set_only_problems (fx->window, FALSE);
  g_assert_true (select_report (fx, HAIDIAN, 2022) == item);
  g_clear_object (&finding);
  /* a dismissed finding is listed when asked for */
  gx_report_detail_set_show_dismissed (detail, TRUE);
  finding = find_in_detail (detail, "group_total");
  g_assert_true (gx_report_detail_review_finding (detail, finding, GX_REVIEW_OPEN, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_get_n_errors (item), ==, 1);
  gx_window_set_only_problems (fx->window, TRUE);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 3);
}

/* Saving a report re-checks the same issuer's next year (its carryover):
 * that row follows too, and the detail showing it is read again. */
static void
test_follows_neighbour (Fixture       *fx,
                        gconstpointer  data)
{
  static const char *const miyun[] = { "miyun-2021.txt", "miyun-2020-format2019.txt" };
  GxWorkspace *store = gx_window_get_store (fx->window);
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  const GxSchemaColumn *columns;
  g_autoptr(GxReport) before = NULL;
  g_autoptr(GError) error = NULL;
  GxReport *item2021, *item2020;
  guint n_columns, changes;

  import_files (fx, miyun, G_N_ELEMENTS (miyun));
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 2);
  item2020 = select_report (fx, MIYUN, 2020);
  item2021 = select_report (fx, MIYUN, 2021);
  g_assert_cmpuint (gx_report_get_n_warnings (item2021), ==, 3);
  g_assert_cmpuint (gx_report_get_n_warnings (gx_report_detail_get_report (detail)), ==, 3);

  /* 2020 corrected: it carried forward what 2021 carried over */
  before = gx_workspace_load_report (store, gx_report_get_id (item2020), &error);
  g_assert_no_error (error);
  columns = gx_schema_application_columns (&n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      int forward = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "carried_forward", columns[i].key);
      int over = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "carried_over", columns[i].key);

      if (forward >= 0 && over >= 0 && gx_report_has_cell (before, (guint) forward))
        gx_report_set_value (before, (guint) forward,
                             gx_report_get_value (gx_report_detail_get_report (detail), (guint) over));
    }
  changes = fx->n_changes;
  g_assert_true (gx_workspace_save_report (store, before, &error));
  g_assert_no_error (error);

  /* 2021 is left with its prose warning */
  g_assert_cmpuint (fx->n_changes, >, changes);
  g_assert_cmpuint (gx_report_get_n_warnings (item2021), ==, 1);
  g_assert_cmpuint (gx_report_get_n_warnings (gx_report_detail_get_report (detail)), ==, 1);
  g_assert_true (gx_report_list_get_selected (list) == item2021);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("gx-list-model-state-XXXXXX", NULL);

  /* editor drafts of these tests stay out of the user's folders */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  gx_schema_set_prefers_chinese (0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/list-model/import-rows-are-summaries", test_import_rows_are_summaries);
  ADD ("/gui/list-model/editor-save", test_follows_editor_save);
  ADD ("/gui/list-model/remove", test_follows_remove);
  ADD ("/gui/list-model/review", test_follows_review);
  ADD ("/gui/list-model/neighbour", test_follows_neighbour);
#undef ADD

  return g_test_run ();
}
