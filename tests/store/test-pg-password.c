/* test-pg-password.c: a PostgreSQL workspace whose server asks for a
 * password (issue 15)
 *
 * The server of the test's own (gx-test-pg.h) asks the role "clerk" for
 * its password; ~/.pgpass and PGPASSWORD are kept out of the way.  Opening
 * without the password fails with GX_BACKEND_ERROR_NEEDS_PASSWORD, a
 * wrong one too (with the server's words, never the password), the one
 * given with gx_backend_set_password() opens it, from another thread too,
 * and only on that location; forgotten, it is asked for again.  Skipped
 * with a message when the server binaries are absent.
 */
#include <string.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-backend.h"
#include "gx-test-pg.h"

#define PASSWORD "Qx7-secret-pw"

static GxTestPg *server;
static char *server_skip;
static char *tmpdir;

/* No ~/.pgpass, no PGPASSWORD: the password comes from the test alone. */
static void
isolate_libpq (void)
{
  g_autofree char *pgpass = g_build_filename (tmpdir, "no-pgpass", NULL);

  g_setenv ("PGPASSFILE", pgpass, TRUE);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("PGSERVICE");
}

static void
test_location_has_password (void)
{
  g_assert_true (gx_backend_location_has_password ("postgresql://clerk:pw@db.example/gxreports"));
  g_assert_true (gx_backend_location_has_password ("host=db.example dbname=gx password=pw"));
  g_assert_true (gx_backend_location_has_password ("postgresql://clerk@db.example/gx?password=pw"));
  g_assert_false (gx_backend_location_has_password ("postgresql://clerk@db.example/gxreports"));
  g_assert_false (gx_backend_location_has_password ("host=db.example dbname=gx sslmode=require"));
  g_assert_false (gx_backend_location_has_password ("/home/clerk/password=pw.db"));
  g_assert_false (gx_backend_location_has_password (NULL));
}

static void
test_password_table (void)
{
  const char *a = "postgresql://clerk@db.example/a";
  const char *b = "postgresql://clerk@db.example/b";
  char *copy;

  g_assert_false (gx_backend_has_password (a));
  g_assert_null (gx_backend_dup_password (a));
  gx_backend_set_password (a, "one");
  gx_backend_set_password (a, "two");
  g_assert_true (gx_backend_has_password (a));
  g_assert_false (gx_backend_has_password (b));
  copy = gx_backend_dup_password (a);
  g_assert_cmpstr (copy, ==, "two");
  gx_backend_password_free (copy);
  gx_backend_set_password (a, NULL);
  g_assert_false (gx_backend_has_password (a));
  g_assert_null (gx_backend_dup_password (a));
}

static void
assert_needs_password (const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = gx_backend_open (location, FALSE, &error);

  g_assert_null (backend);
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NEEDS_PASSWORD);
  g_assert_null (strstr (error->message, PASSWORD));
  g_assert_null (strstr (error->message, "wrong-one"));
}

typedef struct {
  const char *location;
  gint64 n_reports;
} Worker;

static gpointer
worker_open (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = gx_backend_open (worker->location, FALSE, &error);
  g_autoptr(GPtrArray) summaries = NULL;

  g_assert_no_error (error);
  summaries = gx_backend_list_summaries (backend, &error);
  g_assert_no_error (error);
  worker->n_reports = summaries->len;
  return NULL;
}

static void
test_needs_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *respelled = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  Worker worker = { 0 };
  GThread *thread;

  if (server == NULL)
    {
      g_test_skip (server_skip);
      return;
    }
  location = gx_test_pg_new_password_db (server, "clerk", PASSWORD, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (location, PASSWORD));

  /* none found: libpq's own error, said as NEEDS_PASSWORD */
  assert_needs_password (location);

  /* a wrong one: asked again, with the server's words */
  gx_backend_set_password (location, "wrong-one");
  {
    g_autoptr(GxBackend) none = gx_backend_open (location, FALSE, &error);

    g_assert_null (none);
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NEEDS_PASSWORD);
    g_assert_nonnull (strstr (error->message, "password authentication failed"));
    g_assert_null (strstr (error->message, "wrong-one"));
    g_clear_error (&error);
  }

  /* the right one: the workspace is made and opened */
  gx_backend_set_password (location, PASSWORD);
  backend = gx_backend_open (location, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backend);
  g_assert_cmpstr (gx_backend_get_location (backend), ==, location);
  report = gx_report_new ();
  gx_report_set_issuer (report, "北京市测试区人民政府");
  gx_report_set_year (report, 2023);
  g_assert_true (gx_backend_save_report (backend, report, &error));
  g_assert_no_error (error);

  /* a worker thread's own connection on the same location gets it */
  worker.location = location;
  worker.n_reports = -1;
  thread = g_thread_new ("gx-test-worker", worker_open, &worker);
  g_thread_join (thread);
  g_assert_cmpint (worker.n_reports, ==, 1);

  /* the password is the location's: the same database by another
   * spelling is asked for it */
  respelled = g_strdup_printf ("%s connect_timeout=10", location);
  assert_needs_password (respelled);

  /* forgotten: asked for again; the open connection goes on */
  gx_backend_set_password (location, NULL);
  assert_needs_password (location);
  summaries = gx_backend_list_summaries (backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);

  /* libpq's own ways still count: PGPASSWORD */
  g_setenv ("PGPASSWORD", PASSWORD, TRUE);
  {
    g_autoptr(GxBackend) again = gx_backend_open (location, TRUE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }
  g_unsetenv ("PGPASSWORD");

  /* a location holding the password is refused, not connected */
  {
    g_autofree char *with_password = g_strdup_printf ("%s password=%s", location, PASSWORD);
    g_autoptr(GxBackend) none = gx_backend_open (with_password, FALSE, &error);

    g_assert_null (none);
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
    g_assert_null (strstr (error->message, PASSWORD));
    g_clear_error (&error);
  }
}

/* A server that lets the role in without a password never says
 * NEEDS_PASSWORD: a database that is not there is FAILED. */
static void
test_trust_fails_plainly (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GxBackend) backend = NULL;

  if (server == NULL)
    {
      g_test_skip (server_skip);
      return;
    }
  location = gx_test_pg_new_db (server, FALSE, &error);
  g_assert_no_error (error);
  missing = g_strdup_printf ("%s_missing", location);
  backend = gx_backend_open (missing, FALSE, &error);
  g_assert_null (backend);
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("gx-pg-password-XXXXXX", NULL);
  isolate_libpq ();
  server = gx_test_pg_start (&server_skip);
  if (server == NULL)
    g_test_message ("PostgreSQL tests skipped: %s", server_skip);

  g_test_add_func ("/pg-password/location-has-password", test_location_has_password);
  g_test_add_func ("/pg-password/password-table", test_password_table);
  g_test_add_func ("/pg-password/needs-password", test_needs_password);
  g_test_add_func ("/pg-password/trust-fails-plainly", test_trust_fails_plainly);

  status = g_test_run ();
  gx_test_pg_stop (server);
  g_rmdir (tmpdir);
  g_free (tmpdir);
  g_free (server_skip);
  return status;
}
