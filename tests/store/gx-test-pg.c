/* gx-test-pg.c: a PostgreSQL 15 server of a test's own (gx-test-pg.h) */
#include <string.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <pwd.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "gx-test-pg.h"
#include "../gx-test-fs.h"

struct _GxTestPg
{
  char *bindir;
  char *dir;         /* the temporary folder: data/, the socket, the log */
  char *data;
  guint port;
  gboolean as_postgres;   /* we are root: the server runs as "postgres" */
  char *conninfo;
  guint n_dbs;
  int watchdog;      /* the write end of the watchdog's stdin */
};

static char *
find_bindir (void)
{
  const char *env = g_getenv ("GX_PG_BINDIR");
  const char *candidates[] = { env, "/usr/lib/postgresql/15/bin" };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *initdb = NULL;

      if (candidates[i] == NULL || *candidates[i] == '\0')
        continue;
      initdb = g_build_filename (candidates[i], "initdb", NULL);
      if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (candidates[i]);
    }
  return NULL;
}

/* A TCP port nobody listens on now (the server listens on no TCP port,
 * but the number names its socket). */
static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) any = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (any, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, address, FALSE, NULL) ||
      !(bound = g_socket_get_local_address (socket, NULL)))
    return 54320 + (guint) (getpid () % 1000);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Runs @tool of the server's bindir with @args (NULL-terminated), as the
 * server's user. */
static gboolean
run_tool (GxTestPg     *pg,
          const char   *tool,
          const char  **args,
          char        **out,
          GError      **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  int status = 0;

  if (pg->as_postgres)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg->bindir, tool, NULL));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (pg->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH,
                     NULL, NULL, &stdout_text, &stderr_text, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_EXIT_ERROR, 1, "%s failed: %s%s", tool,
                   stderr_text ? stderr_text : "", stdout_text ? stdout_text : "");
      return FALSE;
    }
  if (out)
    *out = g_steal_pointer (&stdout_text);
  return TRUE;
}

/* A shell that waits for the end of its stdin, which comes when this
 * process ends however it ends (an assertion aborts it), and then stops
 * the server and removes the folder. */
static void
start_watchdog (GxTestPg *pg)
{
  g_autofree char *pg_ctl = g_build_filename (pg->bindir, "pg_ctl", NULL);
  const char *argv[] = {
    "sh", "-c",
    "read _ignored; $1 \"$2\" stop -w -m immediate -D \"$3\" >/dev/null 2>&1; rm -rf \"$4\"",
    "gx-test-pg-watchdog", pg->as_postgres ? "runuser -u postgres --" : "", pg_ctl, pg->data,
    pg->dir, NULL,
  };
  g_autoptr(GError) error = NULL;

  pg->watchdog = -1;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                                 &pg->watchdog, NULL, NULL, &error))
    g_printerr ("# no watchdog for the test server: %s\n", error->message);
}

GxTestPg *
gx_test_pg_start (char **why)
{
  g_autoptr(GError) error = NULL;
  GxTestPg *pg;
  g_autofree char *port = NULL;
  g_autofree char *options = NULL;
  g_autofree char *log = NULL;

  g_return_val_if_fail (why != NULL, NULL);

  pg = g_new0 (GxTestPg, 1);
  pg->watchdog = -1;
  if (!(pg->bindir = find_bindir ()))
    {
      *why = g_strdup ("no PostgreSQL server binaries (initdb) in $GX_PG_BINDIR or "
                       "/usr/lib/postgresql/15/bin: install the Debian package postgresql "
                       "(build-aux/install-deps.sh)");
      g_free (pg);
      return NULL;
    }
  pg->as_postgres = geteuid () == 0;
  if (pg->as_postgres && getpwnam ("postgres") == NULL)
    {
      *why = g_strdup ("running as root and there is no user \"postgres\" to run the server as");
      g_free (pg->bindir);
      g_free (pg);
      return NULL;
    }
  /* short: the socket's path must fit in sun_path */
  pg->dir = g_dir_make_tmp ("gx-pg-XXXXXX", &error);
  if (pg->dir == NULL)
    {
      *why = g_strdup_printf ("cannot make a temporary folder: %s", error->message);
      gx_test_pg_stop (pg);
      return NULL;
    }
  if (pg->as_postgres)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (chown (pg->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          *why = g_strdup_printf ("cannot give %s to the user postgres", pg->dir);
          gx_test_pg_stop (pg);
          return NULL;
        }
    }
  pg->data = g_build_filename (pg->dir, "data", NULL);
  pg->port = free_port ();
  port = g_strdup_printf ("%u", pg->port);
  log = g_build_filename (pg->dir, "server.log", NULL);

  {
    const char *args[] = { "-D", pg->data, "-U", "gx", "--auth=trust", "-E", "UTF8",
                           "--locale=C.UTF-8", "--no-sync", NULL };

    if (!run_tool (pg, "initdb", args, NULL, &error))
      {
        *why = g_strdup_printf ("initdb: %s", error->message);
        gx_test_pg_stop (pg);
        return NULL;
      }
  }
  options = g_strdup_printf ("-c listen_addresses='' -c unix_socket_directories='%s' -p %u "
                             "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                             "-c max_connections=60",
                             pg->dir, pg->port);
  {
    const char *args[] = { "start", "-w", "-t", "60", "-D", pg->data, "-l", log, "-o", options, NULL };

    if (!run_tool (pg, "pg_ctl", args, NULL, &error))
      {
        g_autofree char *log_text = NULL;

        g_file_get_contents (log, &log_text, NULL, NULL);
        *why = g_strdup_printf ("pg_ctl start: %s\n%s", error->message, log_text ? log_text : "");
        g_clear_pointer (&pg->data, g_free);   /* nothing to stop */
        gx_test_pg_stop (pg);
        return NULL;
      }
  }
  pg->conninfo = g_strdup_printf ("host=%s port=%u user=gx dbname=postgres", pg->dir, pg->port);
  start_watchdog (pg);
  return pg;
}

const char *
gx_test_pg_conninfo (GxTestPg *pg)
{
  return pg->conninfo;
}

char *
gx_test_pg_psql (GxTestPg    *pg,
                 const char  *conninfo,
                 const char  *sql,
                 GError     **error)
{
  const char *args[] = { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", conninfo,
                         "-c", sql, NULL };
  char *out = NULL;

  if (!run_tool (pg, "psql", args, &out, error))
    return NULL;
  return out;
}

char *
gx_test_pg_psql_file (GxTestPg    *pg,
                      const char  *conninfo,
                      const char  *path,
                      GError     **error)
{
  /* a copy in the server's folder, which psql can read as whoever runs it */
  g_autofree char *copy = g_build_filename (pg->dir, "script.sql", NULL);
  g_autofree char *text = NULL;
  const char *args[] = { "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-1", "-d", conninfo,
                         "-f", copy, NULL };
  char *out = NULL;
  gsize size;

  if (!g_file_get_contents (path, &text, &size, error) ||
      !g_file_set_contents_full (copy, text, (gssize) size, G_FILE_SET_CONTENTS_NONE, 0644, error))
    return NULL;
  if (!run_tool (pg, "psql", args, &out, error))
    out = NULL;
  g_unlink (copy);
  return out;
}

char *
gx_test_pg_new_db (GxTestPg  *pg,
                   gboolean   as_uri,
                   GError   **error)
{
  g_autofree char *name = g_strdup_printf ("gx_test_%u", ++pg->n_dbs);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autofree char *out = gx_test_pg_psql (pg, pg->conninfo, sql, error);

  if (out == NULL)
    return NULL;
  if (as_uri)
    {
      g_autofree char *host = g_uri_escape_string (pg->dir, NULL, FALSE);

      return g_strdup_printf ("postgresql://gx@:%u/%s?host=%s", pg->port, name, host);
    }
  return g_strdup_printf ("host=%s port=%u user=gx dbname=%s", pg->dir, pg->port, name);
}

/* Whether the server lets @role in without a password. */
static gboolean
lets_in_without_password (GxTestPg   *pg,
                          const char *role)
{
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=%u user=%s dbname=postgres",
                                               pg->dir, pg->port, role);
  const char *args[] = { "-X", "-q", "-w", "-d", conninfo, "-c", "SELECT 1", NULL };

  return run_tool (pg, "psql", args, NULL, NULL);
}

char *
gx_test_pg_new_password_db (GxTestPg    *pg,
                            const char  *role,
                            const char  *password,
                            gboolean     as_uri,
                            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("gx_test_%u", ++pg->n_dbs);
  g_autofree char *create_role = NULL;
  g_autofree char *create_db = NULL;
  g_autofree char *hba_path = g_build_filename (pg->data, "pg_hba.conf", NULL);
  g_autofree char *hba = NULL;
  g_autofree char *out = NULL;
  FILE *file;

  for (const char *c = role; *c; c++)
    g_return_val_if_fail (g_ascii_isalnum (*c) || *c == '_', NULL);
  g_return_val_if_fail (strchr (password, '\'') == NULL, NULL);

  create_role = g_strdup_printf ("CREATE ROLE %s LOGIN PASSWORD '%s'", role, password);
  create_db = g_strdup_printf ("CREATE DATABASE %s OWNER %s", name, role);
  if (!(out = gx_test_pg_psql (pg, pg->conninfo, create_role, error)))
    return NULL;
  g_clear_pointer (&out, g_free);
  if (!(out = gx_test_pg_psql (pg, pg->conninfo, create_db, error)))
    return NULL;
  g_clear_pointer (&out, g_free);

  /* the first line that matches decides: this role's goes first.  The
   * file is rewritten in place, so that it stays the server user's. */
  if (!g_file_get_contents (hba_path, &hba, NULL, error))
    return NULL;
  file = fopen (hba_path, "w");
  if (file == NULL)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "cannot write %s", hba_path);
      return NULL;
    }
  fprintf (file, "local all %s scram-sha-256\n%s", role, hba);
  fclose (file);
  if (!(out = gx_test_pg_psql (pg, pg->conninfo, "SELECT pg_reload_conf()", error)))
    return NULL;
  /* the server reads the file again a moment after */
  for (guint i = 0; lets_in_without_password (pg, role); i++)
    {
      if (i == 100)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "the server still lets %s in without a password", role);
          return NULL;
        }
      g_usleep (50 * 1000);
    }

  if (as_uri)
    {
      g_autofree char *host = g_uri_escape_string (pg->dir, NULL, FALSE);

      return g_strdup_printf ("postgresql://%s@:%u/%s?host=%s", role, pg->port, name, host);
    }
  return g_strdup_printf ("host=%s port=%u user=%s dbname=%s", pg->dir, pg->port, role, name);
}

void
gx_test_pg_stop (GxTestPg *pg)
{
  if (pg == NULL)
    return;
  if (pg->data)
    {
      const char *args[] = { "stop", "-w", "-m", "immediate", "-D", pg->data, NULL };
      g_autoptr(GError) error = NULL;

      if (!run_tool (pg, "pg_ctl", args, NULL, &error))
        g_printerr ("# pg_ctl stop: %s\n", error->message);
    }
  if (pg->dir)
    gx_test_remove_tree (pg->dir);
  if (pg->watchdog >= 0)
    close (pg->watchdog);
  g_free (pg->bindir);
  g_free (pg->dir);
  g_free (pg->data);
  g_free (pg->conninfo);
  g_free (pg);
}
