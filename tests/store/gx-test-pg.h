/* gx-test-pg.h: a PostgreSQL 15 server of a test's own
 *
 * gx_test_pg_start() makes a database cluster with initdb in a new
 * temporary folder and starts it with pg_ctl: Unix socket in that folder
 * only (no TCP), a free port number, trust authentication for the user
 * "gx", fsync off.  Run as root, the server runs as the user "postgres"
 * (PostgreSQL refuses root).  gx_test_pg_stop() stops it and removes the
 * folder.  The binaries are looked for in $GX_PG_BINDIR, then
 * /usr/lib/postgresql/15/bin; without them gx_test_pg_start() returns
 * NULL and says why in @why (for g_test_skip()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GxTestPg GxTestPg;

GxTestPg   *gx_test_pg_start     (char       **why);
/* "host=/tmp/gx-pg-XXXXXX port=N user=gx dbname=postgres" */
const char *gx_test_pg_conninfo  (GxTestPg    *pg);
/* Creates a new empty database and returns the conninfo of it (a libpq
 * URI when @as_uri). */
char       *gx_test_pg_new_db    (GxTestPg    *pg,
                                  gboolean     as_uri,
                                  GError     **error);
/* Creates the role @role (letters, digits, _) with @password, a new
 * database of its own, and makes the server ask that role for its
 * password (scram-sha-256, a pg_hba.conf line before the trust of the
 * others); returns the conninfo of that database as @role (a libpq URI
 * when @as_uri), without the password. */
char       *gx_test_pg_new_password_db (GxTestPg    *pg,
                                        const char  *role,
                                        const char  *password,
                                        gboolean     as_uri,
                                        GError     **error);
/* Runs one SQL command of psql's on @conninfo; its output, or NULL and
 * @error. */
char       *gx_test_pg_psql      (GxTestPg    *pg,
                                  const char  *conninfo,
                                  const char  *sql,
                                  GError     **error);
/* Runs the SQL file @path with psql on @conninfo in one transaction; its
 * output, or NULL and @error. */
char       *gx_test_pg_psql_file (GxTestPg    *pg,
                                  const char  *conninfo,
                                  const char  *path,
                                  GError     **error);
void        gx_test_pg_stop      (GxTestPg    *pg);

G_END_DECLS
