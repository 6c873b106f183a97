/* test-store-shared.c: a workspace shared by several processes, and files
 * that are not what they seem (issue "Never lose a report")
 *
 *   /shared/app-and-cli        a process with the window's connection open,
 *                              whose second thread opens the workspace and
 *                              imports (as the app's importer does), while
 *                              "gxreports-cli list" and "import" run: the
 *                              -wal survives and nothing is lost, 20 runs
 *   /shared/create-30          30 processes make the same new workspace
 *   /shared/list-while-writing "list" and "export" answer within 1 s while
 *                              another connection holds a write transaction
 *   /shared/fifo               a FIFO, given or in a folder: an error
 *                              within 1 s (check and import), list works
 *   /shared/read-only-folder   a workspace in a folder one cannot write
 *   /shared/added-after-commit a batch that fails prints no "added"
 *   /shared/messages           damaged header, link loops, a newline in a
 *                              file name, the file name said once
 *
 * Every child runs under "timeout", so a hang fails the test instead of
 * stopping the suite.
 */
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-store.h"
#include "gx-test-gen.h"
#include "../gx-test-fs.h"

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

/* Helpers --------------------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gx-shared-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "workspace.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gx_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Runs gxreports-cli (under "timeout 20") with the NULL-terminated
 * arguments; returns its exit status, its output, and how long it took. */
static int
run_cli_timed (char       **out,
               char       **err,
               double      *seconds,
               const char  *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, "timeout");
  g_ptr_array_add (argv, "20");
  g_ptr_array_add (argv, (char *) g_getenv ("GX_CLI"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  if (seconds)
    *seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), !=, 124);   /* timed out: it hung */
  return WEXITSTATUS (status);
}

#define run_cli(out, err, ...) run_cli_timed (out, err, NULL, __VA_ARGS__, NULL)

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  value = sqlite3_column_int (s, 0);
  sqlite3_finalize (s);
  sqlite3_close (db);
  return value;
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

static GPtrArray *
generate (Fixture    *f,
          const char *sub,
          guint       n)
{
  g_autofree char *data_dir = g_test_build_filename (G_TEST_DIST, "data", NULL);
  g_autofree char *out_dir = g_build_filename (f->dir, sub, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *paths = gx_test_generate_reports (data_dir, out_dir, n, &error);

  g_assert_no_error (error);
  return paths;
}

static void
put_file (GxStore    *store,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_path (path, &error);
  GxImportOutcome outcome;

  g_assert_no_error (error);
  g_assert_true (gx_store_put_report (store, report, NULL, FALSE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
}

/* 1. The app and the CLI ---------------------------------------------------------- */

typedef struct
{
  const char *db_path;
  GPtrArray *paths;
  guint first, n;
} ImporterArgs;

/* What the app's importer thread does: its own connection, a batch. */
static gpointer
importer_thread (gpointer data)
{
  ImporterArgs *args = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (args->db_path, &error);

  g_assert_no_error (error);
  g_assert_true (gx_store_begin (store, &error));
  for (guint i = args->first; i < args->first + args->n; i++)
    put_file (store, g_ptr_array_index (args->paths, i));
  g_assert_true (gx_store_commit (store, &error));
  g_assert_no_error (error);
  return NULL;
}

static void
test_app_and_cli (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = generate (f, "in", 20 * 4 + 20);
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  for (guint run = 0; run < 20; run++)
    {
      g_autofree char *db = g_strdup_printf ("%s/run-%u.db", f->dir, run);
      g_autofree char *count = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) listed = NULL;
      ImporterArgs args = { db, paths, run * 4, 4 };
      GxStore *window;
      GThread *thread;

      g_free (wal);
      g_free (shm);
      wal = g_strconcat (db, "-wal", NULL);
      shm = g_strconcat (db, "-shm", NULL);

      /* the window: its connection open, a report in the workspace */
      window = gx_store_open (db, &error);
      g_assert_no_error (error);
      listed = gx_store_list_summaries (window, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (listed->len, ==, 0);
      g_clear_pointer (&listed, g_ptr_array_unref);

      /* the importer thread opens the workspace and writes, while the
       * command line lists and imports */
      thread = g_thread_new ("importer", importer_thread, &args);
      g_assert_cmpint (run_cli (&out, &err, "list", "--db", db), ==, 0);
      g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (&out, &err, "import", "--db", db,
                                (const char *) g_ptr_array_index (paths, 80 + run)), ==, 0);
      g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
      g_thread_join (thread);

      /* the window's locks held: the CLI, last to close, did not take the
       * WAL away under it */
      g_assert_cmpint (run_cli (&out, &err, "list", "--db", db), ==, 0);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
      count = g_strdup_printf ("\n%u reports\n", 5u);
      g_assert_nonnull (strstr (out, count));
      g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

      /* the window sees every report, and so does the next process */
      listed = gx_store_list_summaries (window, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (listed->len, ==, 5);
      put_file (window, g_ptr_array_index (paths, 100 - 1 - run));
      g_assert_finalize_object (window);
      g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM reports"), ==, 6);
      g_assert_cmpint (query_int (db, "SELECT COUNT(*) FROM cells") % 6, ==, 0);
    }
}

/* 2. 30 processes make one new workspace ------------------------------------------- */

static void
test_create_30 (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = generate (f, "in", 30);
  g_autofree char *go = g_build_filename (f->dir, "go", NULL);
  GPid pids[30];
  int fd;

  /* all 30 wait at a FIFO and start together when it is opened */
  g_assert_cmpint (mkfifo (go, 0600), ==, 0);
  for (guint i = 0; i < 30; i++)
    {
      const char *argv[] = { "sh", "-c", "read x < \"$1\"; shift; exec timeout 60 \"$@\"", "sh",
                             go, g_getenv ("GX_CLI"), "import", "--db", f->db_path,
                             g_ptr_array_index (paths, i), NULL };
      g_autoptr(GError) error = NULL;

      g_spawn_async (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD |
                     G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, &pids[i], &error);
      g_assert_no_error (error);
    }
  g_usleep (G_USEC_PER_SEC / 2);
  fd = open (go, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  for (guint i = 0; i < 30; i++)
    {
      int status = 0;

      while (waitpid (pids[i], &status, 0) < 0 && errno == EINTR)
        ;
      g_spawn_close_pid (pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 30);
  g_assert_cmpint (query_int (f->db_path, "PRAGMA user_version"), ==, 5);
}

/* 3. Reading while another process writes --------------------------------------- */

static void
test_list_while_writing (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = generate (f, "in", 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  GxStore *writer;
  double seconds = 0;

  writer = gx_store_open (f->db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    put_file (writer, g_ptr_array_index (paths, i));

  /* an import in the middle of a long batch */
  g_assert_true (gx_store_begin (writer, &error));
  for (guint i = 3; i < 8; i++)
    put_file (writer, g_ptr_array_index (paths, i));

  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_nonnull (strstr (out, "\n3 reports\n"));   /* what is committed */
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "export", "--db", f->db_path,
                                  "--format", "csv", "-o", csv, NULL), ==, 0);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_true (gx_store_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path), ==, 0);
  g_assert_nonnull (strstr (out, "\n8 reports\n"));
  g_assert_finalize_object (writer);
}

/* 4. FIFOs ------------------------------------------------------------------------- */

static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *fifo = g_build_filename (folder, "pipe.txt", NULL);
  g_autofree char *anding = sample_path ("anding-2022.txt");
  g_autofree char *copy = g_build_filename (folder, "anding-2022.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gsize len;
  double seconds = 0;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_true (g_file_get_contents (anding, &text, &len, NULL));
  g_assert_true (g_file_set_contents (copy, text, (gssize) len, NULL));

  /* given directly */
  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "check", fifo, NULL), ==, 2);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_nonnull (strstr (err, "pipe.txt: not a regular file (a named pipe)"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "import", "--db", f->db_path, fifo, NULL), ==, 2);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_nonnull (strstr (err, "pipe.txt: error: not a regular file (a named pipe)"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* inside a folder: the other file is still taken */
  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "check", folder, NULL), ==, 2);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_nonnull (strstr (err, "pipe.txt: not a regular file (a named pipe); skipped"));
  g_assert_nonnull (strstr (out, "anding-2022.txt: "));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "import", "--db", f->db_path, folder, NULL), ==, 2);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_nonnull (strstr (err, "pipe.txt: error: not a regular file (a named pipe); skipped"));
  g_assert_nonnull (strstr (out, "anding-2022.txt: added as #1"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* the workspace is free: list answers at once */
  g_assert_cmpint (run_cli_timed (&out, &err, &seconds, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_cmpfloat (seconds, <, 1.0);
  g_assert_nonnull (strstr (out, "\n1 report\n"));
}

/* 5. A workspace in a folder one cannot write ---------------------------------------- */

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *db = g_build_filename (folder, "workspace.db", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *anding = sample_path ("anding-2022.txt");
  g_autofree char *miyun = sample_path ("miyun-2021.txt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", db, anding, miyun), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* root writes anywhere: the command runs as nobody then */
  if (geteuid () == 0)
    {
      if (setpriv == NULL)
        {
          g_test_skip ("running as root without setpriv: a folder cannot be made read-only");
          return;
        }
      g_ptr_array_add (argv, setpriv);
      g_ptr_array_add (argv, "--reuid=65534");
      g_ptr_array_add (argv, "--regid=65534");
      g_ptr_array_add (argv, "--clear-groups");
      g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
    }
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  g_ptr_array_add (argv, "timeout");
  g_ptr_array_add (argv, "20");
  g_ptr_array_add (argv, (char *) g_getenv ("GX_CLI"));
  g_ptr_array_add (argv, "list");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) != 0)
    g_printerr ("%s", err);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市密云区人民政府\t2021\t"));
  g_assert_nonnull (strstr (out, "\n2 reports\n"));
  g_assert_nonnull (strstr (err, "its folder cannot be written"));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
}

/* 6. "added" only once the batch is committed -------------------------------------- */

static void
test_added_after_commit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = generate (f, "in", 5);
  g_autofree char *in_dir = g_build_filename (f->dir, "in", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issuer = gx_test_generated_issuer (4);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_finalize_object (gx_store_open (f->db_path, &error));
  g_assert_no_error (error);
  /* the workspace refuses the last file of the batch (a disk that fills
   * up, as far as the import can tell) */
  sql = g_strdup_printf ("CREATE TRIGGER refuse BEFORE INSERT ON reports "
                         "WHEN NEW.issuer = '%s' BEGIN SELECT RAISE (ABORT, 'refused by the test'); END",
                         issuer);
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, in_dir), ==, 4);
  g_assert_null (strstr (out, "added"));
  g_assert_nonnull (strstr (err, "refused by the test"));
  g_assert_nonnull (strstr (err, "the files of the last batch were not imported"));
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 0);
}

/* The read-only open: no write lock, writes refused ------------------------------- */

static void
test_read_only_open (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = generate (f, "in", 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GxReport) report = NULL;
  GxStore *writer, *reader;
  GxImportOutcome outcome;
  gint64 start;

  writer = gx_store_open (f->db_path, &error);
  g_assert_no_error (error);
  put_file (writer, g_ptr_array_index (paths, 0));
  g_assert_true (gx_store_begin (writer, &error));
  put_file (writer, g_ptr_array_index (paths, 1));

  /* opened and read at once, while the writer holds its transaction */
  start = g_get_monotonic_time ();
  reader = gx_store_open_read_only (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_is_read_only (reader));
  g_assert_false (gx_store_is_unlocked (reader));
  listed = gx_store_list_summaries (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  /* it notices the writer's commit (what the app polls) */
  {
    gint64 before = gx_store_get_data_version (reader, &error);

    g_assert_no_error (error);
    g_assert_true (gx_store_commit (writer, &error));
    g_assert_no_error (error);
    g_assert_cmpint (gx_store_get_data_version (reader, &error), !=, before);
    g_clear_pointer (&listed, g_ptr_array_unref);
    listed = gx_store_list_summaries (reader, &error);
    g_assert_cmpuint (listed->len, ==, 2);
  }

  /* a write through it is refused with a message, nothing changes */
  report = gx_reader_read_path (g_ptr_array_index (paths, 2), &error);
  g_assert_no_error (error);
  g_assert_false (gx_store_put_report (reader, report, NULL, FALSE, &outcome, &error));
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "readonly"));
  g_clear_error (&error);

  g_assert_finalize_object (reader);
  g_assert_finalize_object (writer);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 2);

  /* a path with no workspace yet: made, as gx_store_open() does */
  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.db", NULL);

    reader = gx_store_open_read_only (fresh, &error);
    g_assert_no_error (error);
    g_assert_false (gx_store_is_read_only (reader));
    g_assert_finalize_object (reader);
    g_assert_cmpint (query_int (fresh, "PRAGMA user_version"), ==, 5);
  }
}

/* 7. Messages ---------------------------------------------------------------------- */

static void
test_messages (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *anding = sample_path ("anding-2022.txt");
  g_autofree char *folder = g_build_filename (f->dir, "folder", NULL);
  g_autofree char *sub = g_build_filename (folder, "sub", NULL);
  g_autofree char *up = g_build_filename (sub, "up", NULL);
  g_autofree char *loop = g_build_filename (folder, "loop.txt", NULL);
  g_autofree char *linked = g_build_filename (sub, "linked.txt", NULL);
  g_autofree char *newline = g_build_filename (f->dir, "two\nlines.txt", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *damaged = g_build_filename (f->dir, "damaged.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (anding, &text, &len, NULL));
  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_assert_cmpint (symlink ("loop.txt", loop), ==, 0);      /* a link to itself */
  g_assert_cmpint (symlink ("..", up), ==, 0);              /* back up: a loop */
  g_assert_cmpint (symlink (anding, linked), ==, 0);        /* a link to a report */

  /* a loop of links is called one, given or found in a folder */
  g_assert_cmpint (run_cli (&out, &err, "check", loop), ==, 2);
  g_assert_nonnull (strstr (err, "loop.txt: a loop of symbolic links"));
  g_assert_null (strstr (err, "no such file"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, folder), ==, 2);
  g_assert_nonnull (strstr (err, "loop.txt: error: a loop of symbolic links"));
  g_assert_nonnull (strstr (err, "up: error: a symbolic link back to a folder above it"));
  /* the link to a report is followed, as the app does */
  g_assert_nonnull (strstr (out, "linked.txt: added as #1"));
  g_assert_nonnull (strstr (out, "3 files: 1 reports added"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* the file name said once */
  g_assert_true (g_file_set_contents (bad, "这不是报告。\nJust notes, no tables at all.\n", -1, NULL));
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, bad), ==, 2);
  g_assert_nonnull (strstr (err, "notes.txt: error: "));
  g_assert_null (strstr (err, "notes.txt: error: notes.txt"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* a newline in a file name does not break list's lines */
  g_assert_true (g_file_set_contents (newline, text, (gssize) len, NULL));
  g_assert_cmpint (run_cli (&out, &err, "remove", "--db", f->db_path, "1"), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, newline), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path), ==, 0);
  g_assert_nonnull (strstr (out, "\ttwo\\nlines.txt\n"));
  g_assert_cmpuint (count_lines_with (out, "\n"), ==, 3);   /* heads, the report, the count */
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* a damaged header is no "newer version" */
  {
    g_autoptr(GxStore) store = gx_store_open (damaged, &error);
    g_autofree char *bytes = NULL;
    gsize size;
    GxStore *none;

    g_assert_no_error (error);
    g_clear_object (&store);
    g_assert_true (g_file_get_contents (damaged, &bytes, &size, NULL));
    memcpy (bytes + 60, "ZZZX", 4);   /* user_version 1515870808 */
    g_assert_true (g_file_set_contents (damaged, bytes, (gssize) size, NULL));
    none = gx_store_open (damaged, &error);
    g_assert_null (none);
    g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE);
    g_assert_nonnull (strstr (error->message, "not a GxReports workspace, or a damaged one"));
    g_assert_null (strstr (error->message, "newer"));
    g_clear_error (&error);

    g_assert_cmpint (run_cli (&out, &err, "list", "--db", damaged), ==, 4);
    g_assert_nonnull (strstr (err, "damaged.db: not a GxReports workspace, or a damaged one"));
    g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

    /* the rest of the header broken too: SQLite's own word for it */
    memset (bytes + 16, 'Z', 84);
    g_assert_true (g_file_set_contents (damaged, bytes, (gssize) size, NULL));
    none = gx_store_open (damaged, &error);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "not a GxReports workspace, or a damaged one"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/shared/app-and-cli", test_app_and_cli);
  ADD ("/shared/create-30", test_create_30);
  ADD ("/shared/list-while-writing", test_list_while_writing);
  ADD ("/shared/fifo", test_fifo);
  ADD ("/shared/read-only-folder", test_read_only_folder);
  ADD ("/shared/added-after-commit", test_added_after_commit);
  ADD ("/shared/read-only-open", test_read_only_open);
  ADD ("/shared/messages", test_messages);
#undef ADD

  return g_test_run ();
}
