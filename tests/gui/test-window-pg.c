/* test-window-pg.c: an open window on a PostgreSQL workspace follows what
 * another client writes by itself (issue 15: LISTEN/NOTIFY → the list),
 * on a server of the test's own (tests/store/gx-test-pg.h; skipped with a
 * message without the server binaries).
 *
 * Read by hand from the samples: five reports, Miyun's issuer
 * 北京市密云区人民政府 (2021).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-schema.h"
#include "gx-workspace.h"
#include "gx-window-private.h"
#include "gx-test-pg.h"

#define WAIT_MS 5000

static const char *const samples[] = {
  "anding-2022.txt", "beidaihe-2022-pipes.txt", "haidian-2022.txt", "miyun-2021.txt",
  "pinggu-2022.txt",
};

static GxTestPg *server;
static char *server_skip;

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until @list shows @n rows or WAIT_MS passed. */
static gboolean
run_until_visible (GxReportList *list,
                   guint         n)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (gx_report_list_get_n_visible (list) != n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return gx_report_list_get_n_visible (list) == n;
}

static void
test_follows_other_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GxWorkspace) other = NULL;
  char *paths[G_N_ELEMENTS (samples) + 1] = { NULL };
  GxReportList *list;
  GxWindow *window;
  GxImportCounts counts;

  if (server == NULL)
    {
      g_test_skip (server_skip);
      return;
    }
  location = gx_test_pg_new_db (server, TRUE, &error);
  g_assert_no_error (error);

  window = g_object_ref (gx_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_assert_true (gx_window_open_workspace (window, location, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  list = gx_window_get_report_list (window);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);
  g_assert_true (gx_workspace_is_watching (gx_window_get_store (window)));

  /* another clerk imports: the list shows it, nobody asked */
  other = gx_workspace_open (location, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    paths[i] = g_test_build_filename (G_TEST_DIST, "..", "data", samples[i], NULL);
  g_assert_true (gx_workspace_import (other, (const char *const *) paths, FALSE, NULL, NULL,
                                      &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_free (paths[i]);
  g_assert_true (run_until_visible (list, 5));

  /* and merges an old spelling into Miyun's: the search finds it by that
   * spelling (the window read the merges again) */
  gx_window_set_search (window, "密云县府");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);
  g_assert_true (gx_workspace_merge_issuers (other, "密云县府", "北京市密云区人民政府", &error));
  g_assert_no_error (error);
  g_assert_true (run_until_visible (list, 1));
  {
    g_autoptr(GxReport) row = g_list_model_get_item (gx_report_list_get_visible (list), 0);

    g_assert_cmpstr (gx_report_get_issuer (row), ==, "北京市密云区人民政府");
  }

  /* and removes it: gone from the list */
  gx_window_set_search (window, "");
  g_assert_true (run_until_visible (list, 5));
  {
    g_autoptr(GArray) ids = gx_workspace_find_ids (other, 2021, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_true (gx_workspace_remove_report (other, g_array_index (ids, gint64, 0), &error));
    g_assert_no_error (error);
  }
  g_assert_true (run_until_visible (list, 4));

  /* the window's own import (the watch held meanwhile, let go after) */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "miyun-2021.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    gx_window_import_files (window, &file, 1);
    while (gx_window_get_importing (window))
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);
    g_assert_true (gx_workspace_is_watching (gx_window_get_store (window)));
  }

  g_clear_object (&other);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("gx-window-pg-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  gx_schema_set_prefers_chinese (0);
  server = gx_test_pg_start (&server_skip);
  if (server == NULL)
    g_test_message ("PostgreSQL tests skipped: %s", server_skip);

  g_test_add_func ("/gui/postgresql/follows-other-client", test_follows_other_client);

  status = g_test_run ();
  gx_test_pg_stop (server);
  g_free (server_skip);
  g_rmdir (state);
  return status;
}
