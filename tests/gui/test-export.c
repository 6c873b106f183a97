/* test-export.c: Export as Word and Export as Excel in the main window and
 * the editor (issue 18), driven through their API under Xvfb
 *
 * What the menu items do once the file chooser answers: the window writes
 * the selected report as .docx and the reports the list shows as .xlsx;
 * the editor writes the report as it stands, unsaved changes included.
 * Values are the hand-read ones of tests/test-samples.h.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "../test-samples.h"
#include "editor/gx-editor-window.h"
#include "gx-window-private.h"
#include "../gx-test-fs.h"

typedef struct {
  char *tmpdir;
  char *workspace;
  GxWindow *window;
} Fixture;

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* GtkFileDialog (GTK >= 4.10, the condition of src/gui/gx-dialogs.c)
 * shows no chooser widget a test can reach */
#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= G_ENCODE_VERSION (4, 10)
#define GX_TEST_FILE_DIALOG 1
#endif

/* GTK 4.8's chooser widget starts GIO's folder monitor, which keeps its
 * buffers for the life of the process: LeakSanitizer would count them */
#if defined (__SANITIZE_ADDRESS__)
#define GX_TEST_ASAN 1
#elif defined (__has_feature)
#if __has_feature (address_sanitizer)
#define GX_TEST_ASAN 1
#endif
#endif

#if !defined (GX_TEST_FILE_DIALOG) && !defined (GX_TEST_ASAN)
static GtkWidget *
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
          return l->data;
      g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
    }
  return NULL;
}
#endif

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GFile *files[G_N_ELEMENTS (samples)];

  fx->tmpdir = g_dir_make_tmp ("gx-export-XXXXXX", &error);
  g_assert_no_error (error);
  fx->workspace = g_build_filename (fx->tmpdir, "workspace.db", NULL);
  fx->window = g_object_ref (gx_window_new (NULL));
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", samples[i].file, NULL);

      files[i] = g_file_new_for_path (path);
    }
  gx_window_import_files (fx->window, files, G_N_ELEMENTS (samples));
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_object_unref (files[i]);
  while (gx_window_get_importing (fx->window))
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_object_unref (fx->window);
  drain ();
  gx_test_remove_tree (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!gx_window_export_finish (GX_WINDOW (object), result, error) && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed without an error");
  g_object_set_data (object, "gx-test-done", GINT_TO_POINTER (1));
}

/* Export as JSON from the menu: the chooser (GTK 4.8's own dialog under
 * Xvfb) is modal over the window, opens in the last export folder with the
 * workspace's name, and accepting it writes the file there. */
static void
test_window_chooser (Fixture       *fx,
                     gconstpointer  data)
{
#if defined (GX_TEST_FILE_DIALOG)
  g_test_skip ("GtkFileDialog shows no chooser the test can reach");
#elif defined (GX_TEST_ASAN)
  g_test_skip ("GIO's folder monitor outlives the test under LeakSanitizer");
#else
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = g_build_filename (fx->tmpdir, "workspace.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *current_name = NULL;
  g_autofree char *current_path = NULL;
  g_autoptr(GFile) current = NULL;
  GtkWidget *chooser;
  gint64 deadline;

  g_settings_set_string (settings, "last-export-folder", fx->tmpdir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "win.export-json", NULL));
  chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export as JSON");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (fx->window));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* the dialog loads its folder in the background */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser))) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  g_assert_nonnull (current);
  current_path = g_file_get_path (current);
  g_assert_cmpstr (current_path, ==, fx->tmpdir);
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (current_name, ==, "workspace.json");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  drain ();
  /* the chooser went with its answer */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      g_assert_false (GTK_IS_FILE_CHOOSER_DIALOG (l->data) && gtk_widget_get_visible (l->data));
  }
  /* written whole (g_file_replace_contents), the five reports in it */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "北京市平谷区人民政府"));
  g_assert_nonnull (strstr (contents, "北戴河区人民政府办公室"));
#endif
}

/* Runs an export as the menu does after the chooser; returns its error. */
static GError *
run_export (Fixture        *fx,
            GxWindowExport  format,
            const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  g_object_set_data (G_OBJECT (fx->window), "gx-test-done", NULL);
  gx_window_export (fx->window, format, file, export_done_cb, &error);
  while (g_object_get_data (G_OBJECT (fx->window), "gx-test-done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static gboolean
has_action (GtkWidget  *widget,
            const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  GType owner;
  const char *action;
  const GVariantType *parameter_type;
  const char *property;

  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action, &parameter_type, &property); i++)
    if (strcmp (action, name) == 0)
      return TRUE;
  return FALSE;
}

static guint
visible_position (Fixture    *fx,
                  const char *issuer)
{
  GListModel *visible = gx_report_list_get_visible (gx_window_get_report_list (fx->window));

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

      if (g_strcmp0 (gx_report_get_issuer (report), issuer) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_window_docx (Fixture       *fx,
                  gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  g_autofree char *path = g_build_filename (fx->tmpdir, "haidian.docx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) back = NULL;

  /* five reports shown, none selected: which one is meant is not known */
  gx_report_list_select (list, GTK_INVALID_LIST_POSITION);
  drain ();
  error = run_export (fx, GX_WINDOW_EXPORT_DOCX, path);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* the selected report */
  gx_report_list_select (list, visible_position (fx, "北京市海淀区人民政府"));
  drain ();
  error = run_export (fx, GX_WINDOW_EXPORT_DOCX, path);
  g_assert_no_error (error);
  back = gx_reader_read_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (back), ==, "北京市海淀区人民政府");
  g_assert_cmpint (gx_report_get_year (back), ==, 2022);
  assert_cells (back, haidian_rows);
}

static void
test_window_xlsx (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fx->tmpdir, "shown.xlsx", NULL);
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  int status;

  /* the list narrowed by the search: the reports it shows */
  g_assert_true (has_action (GTK_WIDGET (fx->window), "win.export-xlsx"));
  g_assert_true (has_action (GTK_WIDGET (fx->window), "win.export-docx"));
  gx_window_set_search (fx->window, "北京市");
  drain ();
  g_assert_cmpuint (gx_report_list_get_n_visible (gx_window_get_report_list (fx->window)), ==, 4);
  error = run_export (fx, GX_WINDOW_EXPORT_XLSX, path);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed: the workbook's sheets are not read");
      return;
    }
  {
    const char *argv[] = { unzip, "-p", path, "xl/worksheets/sheet1.xml", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &sheet, NULL, &status, &error);
    g_assert_no_error (error);
  }
  /* the four Beijing reports, not 北戴河区 */
  g_assert_nonnull (strstr (sheet, "北京市海淀区人民政府"));
  g_assert_nonnull (strstr (sheet, "北京市平谷区人民政府"));
  g_assert_null (strstr (sheet, "北戴河区人民政府办公室"));
  /* haidian's fee, a number */
  g_assert_nonnull (strstr (sheet, "<v>19656.3836</v>"));
}

static void
test_editor_docx (Fixture       *fx,
                  gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  g_autofree char *path = g_build_filename (fx->tmpdir, "edited.docx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) back = NULL;
  GxEditorWindow *editor;
  GxReport *selected;
  int cell = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "litigation_after_review", "total");

  gx_report_list_select (list, visible_position (fx, "北京市海淀区人民政府"));
  selected = gx_report_list_get_selected (list);
  editor = gx_editor_window_new (NULL, fx->workspace, gx_report_get_id (selected), &error);
  g_assert_no_error (error);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));

  /* 复议后起诉 总计 corrected to 45 in the editor, not saved */
  gx_report_set_count (gx_editor_window_get_report (editor), (guint) cell, 45);
  g_assert_true (gx_editor_window_export_docx (editor, file, &error));
  g_assert_no_error (error);
  back = gx_reader_read_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_count (back, (guint) cell), ==, 45);
  g_assert_cmpstr (gx_report_get_issuer (back), ==, "北京市海淀区人民政府");
  /* the button's action is the editor's (not activated: it opens a chooser) */
  g_assert_true (has_action (GTK_WIDGET (editor), "editor.export-docx"));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
  drain ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add ("/export/window-docx", Fixture, NULL, fixture_setup, test_window_docx, fixture_teardown);
  g_test_add ("/export/window-chooser", Fixture, NULL, fixture_setup, test_window_chooser, fixture_teardown);
  g_test_add ("/export/window-xlsx", Fixture, NULL, fixture_setup, test_window_xlsx, fixture_teardown);
  g_test_add ("/export/editor-docx", Fixture, NULL, fixture_setup, test_editor_docx, fixture_teardown);
  return g_test_run ();
}
