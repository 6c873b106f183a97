/* test-store-crash.c: an import killed at any moment leaves each file
 * wholly in the workspace or wholly out
 *
 * 1,000 report files (made from the samples by gx-test-gen.c) are imported
 * by "gxreports-cli import" in a child process, which is killed with
 * SIGKILL at a random moment, 20 times.  Every other run starts from a new
 * workspace; the others continue on the workspace of the run before, so
 * kills also land among "already present" files.  After each kill:
 * PRAGMA integrity_check is "ok", foreign keys hold, and every report in
 * the workspace is one of the files, with all its 200 cells and the values
 * the reader gives for that file.  Run with --seed to repeat a sequence.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-store.h"
#include "gx-test-gen.h"
#include "../gx-test-fs.h"

#define N_FILES 1000
#define N_KILLS 20

typedef struct
{
  char *dir;
  char *in_dir;
  GPtrArray *paths;
  GHashTable *expected;     /* content hash → GxReport read from the file */
} Crash;

static Crash crash;

static void
remove_workspace (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_remove (p);
    }
}

static GPid
spawn_import (const char *db)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("GX_CLI"));
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  g_ptr_array_add (argv, crash.in_dir);
  g_ptr_array_add (argv, NULL);

  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static int
wait_child (GPid pid)
{
  int status = 0;

  while (waitpid (pid, &status, 0) < 0)
    ;
  g_spawn_close_pid (pid);
  return status;
}

/* Checks the workspace; returns how many of the files are in it. */
static guint
verify_workspace (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  GxStore *store;
  guint n_present = 0;
  int rc;

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    return 0;

  /* read-write, so that SQLite recovers the WAL as any next user would */
  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (s, 0), ==, "ok");
  sqlite3_finalize (s);

  /* a workspace killed before its creation committed has no tables yet */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  rc = sqlite3_column_int (s, 0);
  sqlite3_finalize (s);
  if (rc == 0)
    {
      sqlite3_close (db);
      return 0;
    }
  g_assert_cmpint (rc, ==, 5);   /* the version of this program (5: reports.revision) */

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_DONE);
  sqlite3_finalize (s);

  store = gx_store_open (db_path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT r.id, r.content_hash, "
                                       "(SELECT COUNT(*) FROM cell_values c WHERE c.report_id = r.id) "
                                       "FROM reports r", -1, &s, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (s, 0);
      const char *hash = (const char *) sqlite3_column_text (s, 1);
      GxReport *expected;
      g_autoptr(GxReport) loaded = NULL;

      g_assert_nonnull (hash);
      expected = g_hash_table_lookup (crash.expected, hash);
      g_assert_nonnull (expected);                          /* one of the files */
      g_assert_false (g_hash_table_contains (seen, hash));  /* once */
      g_hash_table_add (seen, g_strdup (hash));
      g_assert_cmpint (sqlite3_column_int (s, 2), ==,
                       (int) gx_schema_n_cells_in_format (gx_report_get_format (expected)));

      loaded = gx_store_load_report (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gx_report_get_issuer (loaded), ==, gx_report_get_issuer (expected));
      g_assert_cmpint (gx_report_get_year (loaded), ==, gx_report_get_year (expected));
      g_assert_true (gx_report_values_equal (loaded, expected));
      n_present++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (s);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_finalize_object (store);

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  return n_present;
}

static void
test_kill_import (void)
{
  g_autofree char *full_db = g_build_filename (crash.dir, "full.db", NULL);
  g_autofree char *db = NULL;
  gint64 start, duration;
  guint n_partial = 0;
  int status;

  /* one run to the end: how long a whole import takes */
  start = g_get_monotonic_time ();
  status = wait_child (spawn_import (full_db));
  duration = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (verify_workspace (full_db), ==, N_FILES);
  g_test_message ("a whole import of %d files takes %.2f s", N_FILES, duration / 1e6);

  for (guint i = 0; i < N_KILLS; i++)
    {
      gint64 delay = g_test_rand_int_range (0, (gint32) MIN (duration * 11 / 10, G_MAXINT32 - 1));
      guint present;
      GPid pid;

      if (i % 2 == 0)
        {
          g_free (db);
          db = g_strdup_printf ("%s/run-%02u.db", crash.dir, i);
          remove_workspace (db);
        }
      pid = spawn_import (db);
      g_usleep ((gulong) delay);
      kill (pid, SIGKILL);
      status = wait_child (pid);

      present = verify_workspace (db);
      g_test_message ("run %u: killed after %.3f s (%s), %u of %d files in the workspace",
                      i, delay / 1e6, WIFSIGNALED (status) ? "killed" : "had finished",
                      present, N_FILES);
      if (present > 0 && present < N_FILES)
        n_partial++;
    }
  /* the kills did land in the middle of imports (not only before or after) */
  g_assert_cmpuint (n_partial, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  crash.dir = g_dir_make_tmp ("gx-crash-XXXXXX", &error);
  g_assert_no_error (error);
  crash.in_dir = g_build_filename (crash.dir, "in", NULL);
  data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  crash.paths = gx_test_generate_reports (data_dir, crash.in_dir, N_FILES, &error);
  g_assert_no_error (error);

  crash.expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < crash.paths->len; i++)
    {
      const char *path = g_ptr_array_index (crash.paths, i);
      char *data;
      gsize size;
      GxReport *report;

      g_file_get_contents (path, &data, &size, &error);
      g_assert_no_error (error);
      report = gx_reader_read_path (path, &error);
      g_assert_no_error (error);
      g_hash_table_insert (crash.expected,
                           g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size),
                           report);
      g_free (data);
    }
  g_assert_cmpuint (g_hash_table_size (crash.expected), ==, N_FILES);

  g_test_add_func ("/store/crash/kill-import", test_kill_import);
  ret = g_test_run ();

  gx_test_remove_tree (crash.dir);
  g_hash_table_unref (crash.expected);
  g_ptr_array_unref (crash.paths);
  g_free (crash.in_dir);
  g_free (crash.dir);
  return ret;
}
