/* test-workspace.c: GxWorkspace, its list of reports and the one import
 *
 * The counts below were read by hand from `gxreports-cli list` of the
 * samples: Miyun 2021 alone has 0 errors, 1 warning, 1 note; with Miyun
 * 2020 beside it, carryover adds two warnings (3); Haidian 2022 has one
 * error.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-import.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "../gx-test-fs.h"

typedef struct
{
  char *dir;
  char *db;
  GArray *changes;   /* guint triples: position, removed, added */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gx-workspace-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "workspace.db", NULL);
  f->changes = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gx_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_array_unref (f->changes);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_array_append_val (f->changes, position);
  g_array_append_val (f->changes, removed);
  g_array_append_val (f->changes, added);
}

/* The one signal since the last call was (position, removed, added). */
static void
assert_one_change (Fixture *f,
                   guint    position,
                   guint    removed,
                   guint    added)
{
  g_assert_cmpuint (f->changes->len, ==, 3);
  g_assert_cmpuint (g_array_index (f->changes, guint, 0), ==, position);
  g_assert_cmpuint (g_array_index (f->changes, guint, 1), ==, removed);
  g_assert_cmpuint (g_array_index (f->changes, guint, 2), ==, added);
  g_array_set_size (f->changes, 0);
}

static GxReport *
item (GxWorkspace *ws,
      guint        position)
{
  /* the model keeps its own reference */
  GxReport *report = g_list_model_get_item (G_LIST_MODEL (ws), position);

  g_object_unref (report);
  return report;
}

static void
import (GxWorkspace *ws,
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

/* items-changed on add, on the neighbour re-checked, on save, on remove */
static void
test_list_model (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) ws = gx_workspace_open (f->db, FALSE, &error);
  g_autoptr(GxReport) haidian = NULL;
  GListModel *model;
  int cell;

  g_assert_no_error (error);
  model = G_LIST_MODEL (ws);
  g_assert_true (g_list_model_get_item_type (model) == GX_TYPE_REPORT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_signal_connect (ws, "items-changed", G_CALLBACK (items_changed_cb), f);

  import (ws, "haidian-2022.txt");
  assert_one_change (f, 0, 0, 1);
  import (ws, "miyun-2021.txt");
  /* ordered by issuer: 北京市密云区 before 北京市海淀区 */
  assert_one_change (f, 0, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpint (gx_report_get_year (item (ws, 0)), ==, 2021);
  g_assert_cmpuint (gx_report_get_n_warnings (item (ws, 0)), ==, 1);

  /* the year before arrives: Miyun 2021's carryover changes, so its row
   * is said to have changed with the new one */
  import (ws, "miyun-2020-format2019.txt");
  assert_one_change (f, 0, 1, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpint (gx_report_get_year (item (ws, 0)), ==, 2020);
  g_assert_cmpint (gx_report_get_year (item (ws, 1)), ==, 2021);
  g_assert_cmpuint (gx_report_get_n_warnings (item (ws, 1)), ==, 3);

  /* a save changes the row of the report saved, and no other */
  haidian = gx_workspace_load_report (ws, gx_report_get_id (item (ws, 2)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_get_n_errors (haidian), ==, 1);
  cell = gx_schema_find_cell_by_path ("applications.new_received.total");
  g_assert_cmpint (cell, >=, 0);
  gx_report_set_value (haidian, (guint) cell, gx_report_get_value (haidian, (guint) cell) + GX_VALUE_SCALE);
  g_assert_true (gx_workspace_save_report (ws, haidian, &error));
  g_assert_no_error (error);
  assert_one_change (f, 2, 1, 1);
  g_assert_cmpint (gx_report_get_value (item (ws, 2), (guint) cell), ==,
                   gx_report_get_value (haidian, (guint) cell));

  /* saving it again as it is changes nothing anyone sees */
  g_assert_true (gx_workspace_save_report (ws, haidian, &error));
  g_assert_cmpuint (f->changes->len, ==, 0);

  /* removing Miyun 2020 takes its row and gives 2021 its warning back */
  g_assert_true (gx_workspace_remove_report (ws, gx_report_get_id (item (ws, 0)), &error));
  g_assert_no_error (error);
  assert_one_change (f, 0, 2, 1);
  g_assert_cmpint (gx_report_get_year (item (ws, 0)), ==, 2021);
  g_assert_cmpuint (gx_report_get_n_warnings (item (ws, 0)), ==, 1);
}

typedef struct
{
  GString *log;
  guint n_committed;
} Log;

static void
log_result_cb (const GxImportResult *result,
               gpointer              user_data)
{
  Log *log = user_data;
  g_autofree char *base = g_path_get_basename (result->path);

  if (result->report == NULL)
    g_string_append_printf (log->log, "%s unreadable\n", base);
  else
    g_string_append_printf (log->log, "%s %d #%" G_GINT64_FORMAT "\n", base,
                            result->outcome, result->id);
}

static void
log_committed_cb (GPtrArray *reports,
                  gpointer   user_data)
{
  ((Log *) user_data)->n_committed += reports->len;
}

static char *
run_cli (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

/* The app (GxImporter runs gx_import with its batch size, 200) and the
 * command line take a folder alike: the same files in the same order, the
 * same outcomes, the same reports with the same counts. */
static void
test_import_same (Fixture       *f,
                  gconstpointer  data)
{
  const char *cli = g_getenv ("GX_CLI");
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "in", NULL);
  g_autofree char *app_db = g_build_filename (f->dir, "app.db", NULL);
  const char *samples[] = {
    "haidian-2022.txt", "miyun-2021.txt", "miyun-2020-format2019.txt", "anding-2022.txt",
    "pinggu-2022.txt", "format2019-v3-export.json",
  };
  g_autoptr(GxWorkspace) ws = NULL;
  g_autoptr(GxImport) import = NULL;
  g_autofree char *cli_out = NULL, *cli_list = NULL, *app_list = NULL;
  const GxImportCallbacks callbacks = { NULL, log_result_cb, log_committed_cb };
  Log log = { g_string_new (NULL), 0 };
  const GxImportCounts *counts;

  if (cli == NULL)
    {
      g_test_skip ("GX_CLI is not set");
      g_string_free (log.log, TRUE);
      return;
    }
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", samples[i], NULL);
      g_autofree char *to = g_build_filename (folder, samples[i], NULL);
      g_autofree char *text = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &text, &len, NULL));
      g_assert_true (g_file_set_contents (to, text, (gssize) len, NULL));
    }
  {
    /* a file read twice, and one no reader takes */
    g_autofree char *copy = g_build_filename (folder, "zz-haidian-copy.txt", NULL);
    g_autofree char *bad = g_build_filename (folder, "empty.txt", NULL);
    g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "haidian-2022.txt", NULL);
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (from, &text, NULL, NULL));
    g_assert_true (g_file_set_contents (copy, text, -1, NULL));
    g_assert_true (g_file_set_contents (bad, "", 0, NULL));
  }

  {
    const char *argv[] = { cli, "import", "--db", f->db, folder, NULL };

    cli_out = run_cli (argv);
  }
  g_assert_nonnull (strstr (cli_out, "8 files: 5 reports added, 2 already present, 0 replaced, 0 in conflict; 1 unreadable"));

  ws = gx_workspace_open (app_db, FALSE, &error);
  g_assert_no_error (error);
  import = gx_workspace_new_import (ws, FALSE);
  gx_import_set_batch_size (import, 200);
  gx_import_set_callbacks (import, &callbacks, &log);
  gx_import_add_path (import, folder);
  g_assert_true (gx_import_run (import, NULL, &error));
  g_assert_no_error (error);
  counts = gx_import_get_counts (import);
  g_assert_cmpuint (counts->files, ==, 8);
  g_assert_cmpuint (counts->added, ==, 5);
  g_assert_cmpuint (counts->present, ==, 2);
  g_assert_cmpuint (counts->unreadable, ==, 1);
  g_assert_cmpuint (log.n_committed, ==, 5);
  /* in name order: the export holds Miyun 2020, so its text file has the
   * same figures (present, #2); the copy is present as Haidian's #3 */
  g_assert_cmpstr (log.log->str, ==,
                   "anding-2022.txt 0 #1\n"
                   "empty.txt unreadable\n"
                   "format2019-v3-export.json 0 #2\n"
                   "haidian-2022.txt 0 #3\n"
                   "miyun-2020-format2019.txt 1 #2\n"
                   "miyun-2021.txt 0 #4\n"
                   "pinggu-2022.txt 0 #5\n"
                   "zz-haidian-copy.txt 1 #3\n");
  g_string_free (log.log, TRUE);

  {
    const char *argv_cli[] = { cli, "list", "--db", f->db, NULL };
    const char *argv_app[] = { cli, "list", "--db", app_db, NULL };

    cli_list = run_cli (argv_cli);
    app_list = run_cli (argv_app);
  }
  g_assert_cmpstr (app_list, ==, cli_list);
  g_assert_nonnull (strstr (app_list, "\n5 reports"));
}

/* A report's row keeps its object while it is listed (a view's selection
 * stays on it); reports another connection committed go in as summaries at
 * their place, and reading the list again then finds nothing changed. */
static void
test_rows_keep_objects (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) ws = gx_workspace_open (f->db, FALSE, &error);
  g_autoptr(GxWorkspace) other = NULL;
  g_autoptr(GxReport) miyun2021 = NULL;
  g_autoptr(GPtrArray) committed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "miyun-2020-format2019.txt", NULL);
  g_autofree char *pinggu = g_test_build_filename (G_TEST_DIST, "data", "pinggu-2022.txt", NULL);
  g_autoptr(GxImport) run = NULL;
  int natural = gx_schema_find_cell_by_path ("applications.new_received.natural_person");
  int total = gx_schema_find_cell_by_path ("applications.new_received.total");
  GxReport *row;

  g_assert_no_error (error);
  import (ws, "haidian-2022.txt");
  import (ws, "miyun-2021.txt");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ws)), ==, 2);
  miyun2021 = g_object_ref (item (ws, 0));
  g_signal_connect (ws, "items-changed", G_CALLBACK (items_changed_cb), f);

  /* another connection (an import worker) adds Miyun 2020 and Pinggu */
  other = gx_workspace_open (f->db, FALSE, &error);
  g_assert_no_error (error);
  run = gx_workspace_new_import (other, FALSE);
  gx_import_add_path (run, path);
  gx_import_add_path (run, pinggu);
  g_assert_true (gx_import_run (run, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GxReport) a = gx_workspace_load_report (other, 3, &error);
    g_autoptr(GxReport) b = gx_workspace_load_report (other, 4, &error);

    g_assert_no_error (error);
    g_ptr_array_add (committed, g_steal_pointer (&a));
    g_ptr_array_add (committed, g_steal_pointer (&b));
  }
  /* the full reports become summaries, each at its place:
   * 北京市密云区 2020 first, 北京市平谷区 between 密云区 and 海淀区 */
  gx_workspace_add_reports (ws, committed);
  /* rows added close to each other change together: Miyun 2021 between
   * them is said to have changed with them (the same object) */
  assert_one_change (f, 0, 1, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ws)), ==, 4);
  g_assert_cmpint (gx_report_get_year (item (ws, 0)), ==, 2020);
  g_assert_true (item (ws, 1) == miyun2021);
  g_assert_cmpstr (gx_report_get_issuer (item (ws, 2)), ==, "北京市平谷区人民政府");
  g_assert_cmpstr (gx_report_get_issuer (item (ws, 3)), ==, "北京市海淀区人民政府");
  row = item (ws, 2);
  g_assert_cmpint (gx_report_get_count (row, (guint) total), ==, 289);
  g_assert_cmpint (gx_report_get_cell (row, (guint) natural, NULL), ==, GX_CELL_BLANK);
  /* Miyun 2021 does not know yet of its carryover: 1 warning */
  g_assert_cmpuint (gx_report_get_n_warnings (miyun2021), ==, 1);

  /* reading the list again: only Miyun 2021 changed (its carryover), in
   * place — the same object, now with 3 warnings */
  g_assert_true (gx_workspace_reload (ws, &error));
  g_assert_no_error (error);
  assert_one_change (f, 1, 1, 1);
  g_assert_true (item (ws, 1) == miyun2021);
  g_assert_cmpuint (gx_report_get_n_warnings (miyun2021), ==, 3);
  g_assert_true (gx_workspace_reload (ws, &error));
  g_assert_cmpuint (f->changes->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/workspace/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("list-model", test_list_model);
  ADD ("import-same-for-app-and-cli", test_import_same);
  ADD ("rows-keep-objects", test_rows_keep_objects);
#undef ADD

  return g_test_run ();
}
