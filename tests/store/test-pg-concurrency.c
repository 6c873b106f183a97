/* test-pg-concurrency.c: several clerks importing into one PostgreSQL
 * workspace at once
 *
 * 1,000 report files (gx-test-gen.c: each its own content, issuer and
 * year) in four overlapping sets of 500 (from file 0, 167, 334 and 500).
 * Four "gxreports-cli import --db postgresql://…" run at once on a new
 * database (so they also race to make the schema): each ends with status
 * 0, and the workspace holds exactly the 1,000 distinct reports, each once,
 * with every cell of its form and the values its file gives.  Then the same
 * on another new database with one of the four killed with SIGKILL in the
 * middle of its import: the other three end with status 0, and every
 * report in the workspace is one of the files, whole (its cells, its
 * values), once; every file of the three is in.  The killed import run
 * again completes the 1,000.
 *
 * Needs the PostgreSQL server binaries (gx-test-pg.h); skipped without.
 */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <libpq-fe.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-backend.h"
#include "gx-test-gen.h"
#include "gx-test-pg.h"
#include "../gx-test-fs.h"

#define N_FILES 1000
#define N_PROCESSES 4
#define SET_SIZE 500

static const guint set_start[N_PROCESSES] = { 0, 167, 334, 500 };

typedef struct
{
  char *dir;
  GPtrArray *paths;
  GPtrArray *hashes;        /* of each path */
  GHashTable *expected;     /* content hash → GxReport read from the file */
  GxTestPg *server;
  char *skip;
} Shared;

static Shared shared;

static GPid
spawn_import (const char *location,
              guint       set,
              int        *out_fd)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("GX_CLI"));
  g_ptr_array_add (argv, "import");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) location);
  for (guint i = set_start[set]; i < set_start[set] + SET_SIZE && i < N_FILES; i++)
    g_ptr_array_add (argv, g_ptr_array_index (shared.paths, i));
  g_ptr_array_add (argv, NULL);

  g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, out_fd, NULL, &error);
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

/* The rest of a child's output (its last line says what it did). */
static char *
read_all (int fd)
{
  GString *text = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (text, buffer, n);
  close (fd);
  return g_string_free (text, FALSE);
}

static PGresult *
query (PGconn     *conn,
       const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  return res;
}

/* Checks the workspace at @location; returns the hashes of the reports
 * in it (each one of the files, once, whole). */
static GHashTable *
verify_workspace (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PGconn *conn = PQconnectdb (location);
  PGresult *res;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  /* one report an issuer and year */
  res = query (conn, "SELECT issuer, year FROM reports GROUP BY 1, 2 HAVING COUNT (*) > 1");
  g_assert_cmpint (PQntuples (res), ==, 0);
  PQclear (res);

  backend = gx_backend_open (location, TRUE, &error);
  g_assert_no_error (error);
  res = query (conn, "SELECT r.id, r.content_hash, "
                     "(SELECT COUNT (*) FROM cell_values c WHERE c.report_id = r.id) FROM reports r");
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 id = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      const char *hash = PQgetvalue (res, i, 1);
      GxReport *expected = g_hash_table_lookup (shared.expected, hash);
      g_autoptr(GxReport) loaded = NULL;

      g_assert_nonnull (expected);                           /* one of the files */
      g_assert_false (g_hash_table_contains (seen, hash));   /* once */
      g_hash_table_add (seen, g_strdup (hash));
      g_assert_cmpint (atoi (PQgetvalue (res, i, 2)), ==,
                       (int) gx_schema_n_cells_in_format (gx_report_get_format (expected)));
      loaded = gx_backend_load_cells (backend, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gx_report_get_issuer (loaded), ==, gx_report_get_issuer (expected));
      g_assert_cmpint (gx_report_get_year (loaded), ==, gx_report_get_year (expected));
      g_assert_true (gx_report_values_equal (loaded, expected));
    }
  PQclear (res);
  PQfinish (conn);
  return seen;
}

static void
test_four_importers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GPid pids[N_PROCESSES];
  int fds[N_PROCESSES];
  gint64 start;

  if (shared.server == NULL)
    {
      g_test_skip (shared.skip);
      return;
    }
  location = gx_test_pg_new_db (shared.server, TRUE, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  for (guint k = 0; k < N_PROCESSES; k++)
    pids[k] = spawn_import (location, k, &fds[k]);
  for (guint k = 0; k < N_PROCESSES; k++)
    {
      g_autofree char *out = read_all (fds[k]);
      int status = wait_child (pids[k]);

      g_assert_true (WIFEXITED (status));
      if (WEXITSTATUS (status) != 0)
        g_error ("import %u ended with %d: %s", k, WEXITSTATUS (status), out);
      /* every file added or already there */
      g_assert_nonnull (strstr (out, "500 files: "));
      g_assert_nonnull (strstr (out, "0 in conflict; 0 unreadable"));
    }
  g_test_message ("4 imports of 500 files at once: %.2f s", (g_get_monotonic_time () - start) / 1e6);

  seen = verify_workspace (location);
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_FILES);
}

static void
test_one_killed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GPid pids[N_PROCESSES];
  int fds[N_PROCESSES];
  /* the first or the last: those have files of their own (0–166, 834–999) */
  guint victim = g_test_rand_bit () ? 0 : N_PROCESSES - 1;
  gulong delay = (gulong) g_test_rand_int_range (1000000, 2500000);
  int status;

  if (shared.server == NULL)
    {
      g_test_skip (shared.skip);
      return;
    }
  location = gx_test_pg_new_db (shared.server, FALSE, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < N_PROCESSES; k++)
    pids[k] = spawn_import (location, k, &fds[k]);
  g_usleep (delay);
  kill (pids[victim], SIGKILL);
  for (guint k = 0; k < N_PROCESSES; k++)
    {
      g_autofree char *out = read_all (fds[k]);

      status = wait_child (pids[k]);
      if (k == victim)
        {
          g_test_message ("import %u killed after %.2f s (%s)", k, delay / 1e6,
                          WIFSIGNALED (status) ? "in its import" : "it had finished");
          continue;
        }
      g_assert_true (WIFEXITED (status));
      if (WEXITSTATUS (status) != 0)
        g_error ("import %u ended with %d: %s", k, WEXITSTATUS (status), out);
    }

  seen = verify_workspace (location);
  /* the files of the three that ended are all in */
  for (guint k = 0; k < N_PROCESSES; k++)
    for (guint i = set_start[k]; k != victim && i < set_start[k] + SET_SIZE && i < N_FILES; i++)
      g_assert_true (g_hash_table_contains (seen, g_ptr_array_index (shared.hashes, i)));
  {
    guint own = victim == 0 ? set_start[1] : N_FILES - (set_start[2] + SET_SIZE);

    g_test_message ("%u of %d files in the workspace after the kill (%u of the %u of the killed import's own)",
                    g_hash_table_size (seen), N_FILES, g_hash_table_size (seen) - (N_FILES - own), own);
  }

  /* the killed import again: the rest comes in */
  {
    int fd;
    g_autofree char *out = NULL;
    GPid pid = spawn_import (location, victim, &fd);

    out = read_all (fd);
    status = wait_child (pid);
    g_assert_true (WIFEXITED (status));
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  }
  g_clear_pointer (&seen, g_hash_table_unref);
  seen = verify_workspace (location);
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_FILES);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *in_dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  shared.server = gx_test_pg_start (&shared.skip);
  if (shared.server == NULL)
    g_test_message ("PostgreSQL tests skipped: %s", shared.skip);
  else
    {
      shared.dir = g_dir_make_tmp ("gx-pgconc-XXXXXX", &error);
      g_assert_no_error (error);
      in_dir = g_build_filename (shared.dir, "in", NULL);
      data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
      shared.paths = gx_test_generate_reports (data_dir, in_dir, N_FILES, &error);
      g_assert_no_error (error);
      shared.hashes = g_ptr_array_new_with_free_func (g_free);
      shared.expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      for (guint i = 0; i < shared.paths->len; i++)
        {
          const char *path = g_ptr_array_index (shared.paths, i);
          g_autofree char *data = NULL;
          gsize size;
          GxReport *report;

          g_file_get_contents (path, &data, &size, &error);
          g_assert_no_error (error);
          report = gx_reader_read_path (path, &error);
          g_assert_no_error (error);
          g_ptr_array_add (shared.hashes, gx_backend_content_hash (data, size));
          g_hash_table_insert (shared.expected, g_strdup (g_ptr_array_index (shared.hashes, i)), report);
        }
      g_assert_cmpuint (g_hash_table_size (shared.expected), ==, N_FILES);
    }

  g_test_add_func ("/store/postgresql/four-importers", test_four_importers);
  g_test_add_func ("/store/postgresql/one-killed", test_one_killed);
  ret = g_test_run ();

  gx_test_pg_stop (shared.server);
  if (shared.dir)
    gx_test_remove_tree (shared.dir);
  g_clear_pointer (&shared.expected, g_hash_table_unref);
  g_clear_pointer (&shared.paths, g_ptr_array_unref);
  g_clear_pointer (&shared.hashes, g_ptr_array_unref);
  g_free (shared.dir);
  g_free (shared.skip);
  return ret;
}
