/* test-workspace-watch.c: an open workspace follows what other clients
 * write, without being asked (issue 15: LISTEN/NOTIFY → the list model)
 *
 * Two GxWorkspace on one PostgreSQL database of a server of the test's own
 * (gx-test-pg.h; skipped with a message without the server binaries): one
 * writes, the other only runs its main context and must say what changed.
 * A SQLite workspace is not told (it is polled): it says so.
 *
 * Figures read by hand from the samples: Miyun 2021 new_received.total
 * 572, Pinggu 2022 289.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "gx-test-pg.h"
#include "../gx-test-fs.h"

#define W(n) ((gint64) (n) * GX_VALUE_SCALE)
/* how long a test waits for a change to arrive */
#define WAIT_MS 5000

static GxTestPg *server;
static char *server_skip;

typedef struct
{
  char *dir;
  char *location;
  guint n_changes;          /* ::items-changed of the watching workspace */
  guint n_elsewhere;        /* its ::changed-elsewhere */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gx-watch-XXXXXX", &error);
  g_assert_no_error (error);
  if (g_strcmp0 (data, "sqlite") == 0)
    f->location = g_build_filename (f->dir, "workspace.db", NULL);
  else if (server != NULL)
    {
      f->location = gx_test_pg_new_db (server, TRUE, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gx_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->location);
}

static gboolean
have_server (Fixture *f)
{
  if (f->location == NULL)
    {
      g_test_skip (server_skip);
      return FALSE;
    }
  return TRUE;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_changes++;
}

static void
changed_elsewhere_cb (GxWorkspace *ws,
                      Fixture     *f)
{
  f->n_elsewhere++;
}

static GxWorkspace *
open_ws (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GxWorkspace *ws = gx_workspace_open (f->location, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ws);
  return ws;
}

/* The workspace that watches: its list read (that starts the watch), its
 * signals counted. */
static GxWorkspace *
open_watching (Fixture *f)
{
  GxWorkspace *ws = open_ws (f);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ws)), ==, 0);
  g_signal_connect (ws, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_signal_connect (ws, "changed-elsewhere", G_CALLBACK (changed_elsewhere_cb), f);
  return ws;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context, nothing else, until @ws lists @n reports or
 * WAIT_MS passed; whether it did. */
static gboolean
run_until_n_items (GxWorkspace *ws,
                   guint        n)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_list_model_get_n_items (G_LIST_MODEL (ws)) != n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return g_list_model_get_n_items (G_LIST_MODEL (ws)) == n;
}

/* Runs the main context for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* Whether row @position of @ws is @summary itself. */
static gboolean
item_is (GxWorkspace *ws,
         guint        position,
         GxReport    *summary)
{
  g_autoptr(GxReport) row = g_list_model_get_item (G_LIST_MODEL (ws), position);

  return row == summary;
}

/* Runs the main context until ::items-changed came or WAIT_MS passed. */
static void
run_until_changed (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (f->n_changes == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
import_sample (GxWorkspace *ws,
               const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  const char *paths[] = { path, NULL };
  GxImportCounts counts;

  g_assert_true (gx_workspace_import (ws, paths, FALSE, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 1);
}

static gint64
summary_value (GxReport   *summary,
               const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);
  gint64 value = 0;

  g_assert_cmpint (cell, >=, 0);
  gx_report_get_cell (summary, (guint) cell, &value);
  return value;
}

/* another client's import, save and removal reach the list by themselves */
static void
test_follows (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) watching = NULL;
  g_autoptr(GxWorkspace) writer = NULL;
  g_autoptr(GxReport) listed = NULL;
  g_autoptr(GxReport) report = NULL;
  int new_received = gx_schema_find_cell_by_path ("applications.new_received.total");
  gint64 id;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  g_assert_true (gx_workspace_is_watching (watching));
  writer = open_ws (f);

  /* an import */
  import_sample (writer, "miyun-2021.txt");
  g_assert_true (run_until_n_items (watching, 1));
  g_assert_cmpuint (f->n_changes, >=, 1);
  g_assert_cmpuint (f->n_elsewhere, >=, 1);
  listed = g_list_model_get_item (G_LIST_MODEL (watching), 0);
  g_assert_cmpstr (gx_report_get_issuer (listed), ==, "北京市密云区人民政府");
  g_assert_cmpint (gx_report_get_year (listed), ==, 2021);
  g_assert_cmpint (summary_value (listed, "applications.new_received.total"), ==, W (572));
  id = gx_report_get_id (listed);

  /* a save: the same row's object, brought up to date */
  report = gx_workspace_load_report (writer, id, &error);
  g_assert_no_error (error);
  gx_report_set_value (report, (guint) new_received, W (600));
  f->n_changes = 0;
  g_assert_true (gx_workspace_save_report (writer, report, &error));
  g_assert_no_error (error);
  run_until_changed (f);
  g_assert_cmpuint (f->n_changes, >=, 1);
  g_assert_true (item_is (watching, 0, listed));
  g_assert_cmpint (summary_value (listed, "applications.new_received.total"), ==, W (600));

  /* a second report, then the first removed */
  import_sample (writer, "pinggu-2022.txt");
  g_assert_true (run_until_n_items (watching, 2));
  g_assert_true (gx_workspace_remove_report (writer, id, &error));
  g_assert_no_error (error);
  g_assert_true (run_until_n_items (watching, 1));
  {
    g_autoptr(GxReport) left = g_list_model_get_item (G_LIST_MODEL (watching), 0);

    g_assert_cmpint (summary_value (left, "applications.new_received.total"), ==, W (289));
    g_assert_null (gx_workspace_find_summary (watching, id, NULL));
  }

  g_clear_object (&writer);
  g_clear_object (&listed);
  g_clear_object (&report);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* an import that finds every file there already wrote nothing: nobody is
 * told to read the list again, and the data version stays */
static void
test_nothing_written (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) watching = NULL;
  g_autoptr(GxWorkspace) writer = NULL;
  g_autofree char *path = NULL;
  const char *paths[2] = { NULL, NULL };
  GxImportCounts counts;
  gint64 version;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  writer = open_ws (f);
  import_sample (writer, "miyun-2021.txt");
  g_assert_true (run_until_n_items (watching, 1));
  run_for (400);
  f->n_changes = f->n_elsewhere = 0;
  version = gx_workspace_get_data_version (writer);

  path = g_test_build_filename (G_TEST_DIST, "data", "miyun-2021.txt", NULL);
  paths[0] = path;
  g_assert_true (gx_workspace_import (writer, paths, FALSE, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.present, ==, 1);
  run_for (600);
  g_assert_cmpuint (f->n_elsewhere, ==, 0);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_cmpint (gx_workspace_get_data_version (writer), ==, version);

  /* a batch that writes is still told */
  import_sample (writer, "pinggu-2022.txt");
  g_assert_true (run_until_n_items (watching, 2));
  g_assert_cmpuint (f->n_elsewhere, >=, 1);
  g_assert_cmpint (gx_workspace_get_data_version (writer), >, version);

  g_clear_object (&writer);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* its own writes are not news: the workspace said what changed when it
 * wrote, the watch stays quiet */
static void
test_own_writes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GxWorkspace) watching = NULL;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  import_sample (watching, "miyun-2021.txt");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watching)), ==, 1);
  g_assert_cmpuint (f->n_changes, ==, 1);
  run_for (500);
  g_assert_cmpuint (f->n_elsewhere, ==, 0);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* A notification that arrived while the workspace ran a query of its own
 * is read by libpq with that query's answer (the socket is quiet
 * afterwards); it is told all the same. */
static void
test_told_after_own_query (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) watching = NULL;
  g_autoptr(GxWorkspace) writer = NULL;
  g_autoptr(GArray) ids = NULL;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  writer = open_ws (f);
  import_sample (writer, "miyun-2021.txt");
  /* the notification is on its way to the watching connection's socket;
   * a query of the workspace's own reads it before the main context
   * runs */
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  ids = gx_workspace_find_ids (watching, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watching)), ==, 0);
  g_assert_true (run_until_n_items (watching, 1));
  g_assert_cmpuint (f->n_elsewhere, ==, 1);

  g_clear_object (&writer);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* a burst of commits is followed once or a few times, not once each */
static void
test_burst (Fixture       *f,
            gconstpointer  data)
{
  static const char *const samples[] = {
    "pinggu-2022.txt", "miyun-2021.txt", "beidaihe-2022-pipes.txt", "anding-2022.txt",
    "haidian-2022.txt",
  };
  g_autoptr(GxWorkspace) watching = NULL;
  g_autoptr(GxWorkspace) writer = NULL;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  writer = open_ws (f);
  /* five transactions */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    import_sample (writer, samples[i]);
  g_assert_true (run_until_n_items (watching, 5));
  run_for (300);
  g_assert_cmpuint (f->n_elsewhere, >=, 1);
  g_assert_cmpuint (f->n_elsewhere, <, 5);

  g_clear_object (&writer);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* held (the app's own import), commits are noted; let go, caught up */
static void
test_hold (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GxWorkspace) watching = NULL;
  g_autoptr(GxWorkspace) writer = NULL;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  writer = open_ws (f);
  gx_workspace_hold_watch (watching, TRUE);
  import_sample (writer, "miyun-2021.txt");
  run_for (500);
  g_assert_cmpuint (f->n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watching)), ==, 0);
  gx_workspace_hold_watch (watching, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (watching)), ==, 1);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->n_elsewhere, ==, 1);

  g_clear_object (&writer);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* a connection lost: the watch says so once and goes (the caller polls
 * from then on); the main context does not spin on a dead socket */
static void
test_connection_lost (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) watching = NULL;
  g_autofree char *out = NULL;
  gint64 end;
  guint n_iterations = 0;

  if (!have_server (f))
    return;
  watching = open_watching (f);
  g_assert_true (gx_workspace_is_watching (watching));
  out = gx_test_pg_psql (server, f->location,
                         "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                         "WHERE datname = current_database () AND pid <> pg_backend_pid ()",
                         &error);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  while (gx_workspace_is_watching (watching) && g_get_monotonic_time () < end)
    {
      guint tick = g_timeout_add (20, tick_cb, NULL);

      g_main_context_iteration (NULL, TRUE);
      g_source_remove (tick);
    }
  g_assert_false (gx_workspace_is_watching (watching));
  /* nothing left to dispatch: an iteration that does not block finds
   * nothing ready, again and again */
  for (guint i = 0; i < 100; i++)
    if (g_main_context_iteration (NULL, FALSE))
      n_iterations++;
  g_assert_cmpuint (n_iterations, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&watching));
}

/* SQLite is not told: the caller polls (gx_workspace_get_data_version()) */
static void
test_sqlite_polled (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GxWorkspace) ws = open_watching (f);

  g_assert_false (gx_workspace_is_watching (ws));
  g_assert_cmpint (gx_workspace_get_data_version (ws), >=, 0);
  g_assert_finalize_object (g_steal_pointer (&ws));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  server = gx_test_pg_start (&server_skip);
  if (server == NULL)
    g_test_message ("PostgreSQL tests skipped: %s", server_skip);

#define ADD(name, fn) \
  g_test_add ("/workspace-watch/postgresql/" name, Fixture, "postgresql", fixture_set_up, fn, \
              fixture_tear_down)
  ADD ("follows", test_follows);
  ADD ("own-writes", test_own_writes);
  ADD ("nothing-written", test_nothing_written);
  ADD ("told-after-own-query", test_told_after_own_query);
  ADD ("burst", test_burst);
  ADD ("hold", test_hold);
  ADD ("connection-lost", test_connection_lost);
#undef ADD
  g_test_add ("/workspace-watch/sqlite/polled", Fixture, "sqlite", fixture_set_up,
              test_sqlite_polled, fixture_tear_down);

  status = g_test_run ();
  gx_test_pg_stop (server);
  g_free (server_skip);
  return status;
}
