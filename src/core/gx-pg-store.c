/* gx-pg-store.c: the workspace on a PostgreSQL server (gx-pg-store.h)
 *
 * Schema (PG_STORE_VERSION, kept in gx_workspace.schema_version): the
 * tables of the SQLite workspace at its version 5 (gx-store.c says what
 * each holds), with PostgreSQL's types:
 *
 *   gx_workspace  one row: schema_version, data_version (a counter every
 *              write transaction increments: gx_pg_store_get_data_version()).
 *   reports    id (identity), issuer, year, source, content_hash UNIQUE,
 *              format_version, imported_at, updated_at, issuer_key, prose,
 *              the list's cached figures and counts, and revision (1, +1 on
 *              every save or replacement of the report: gx-backend.h).
 *              Text compared and ordered byte by byte (COLLATE "C"), as
 *              SQLite does, so that lists and exports come in the same
 *              order from both.
 *   report_cells  the cells of a report in one row (version 2): an element
 *              of its arrays rows, v0 … v6, flags, lines a row of SQLite's
 *              `cells` (the same values; `copy` moves them as those rows).
 *   row_keys, cell_keys, invalid_cells, reviews, issuer_aliases,
 *   report_children, and the view cell_values: as in SQLite.
 *
 * Every value is a bound parameter of a prepared statement; the SQL text
 * is constant (the table names of `copy` are ours).  Writers: see
 * gx-pg-store.h (the write lock, the unique hash).  An import's put of a
 * new report is one round trip: its SAVEPOINT (with the RELEASE of the one
 * before) and one statement that asks what the put must know (the hash,
 * the issuer and year, the issuer's years before and after) and adds the
 * report with its cells (as arrays) when all are "none", as the check
 * assumed (put_new()); otherwise the put goes on from those answers with
 * a statement more (put_report_inner()); reports go in the batches of the
 * importer, one transaction each, and the importer's puts of new reports
 * go to the server one after the other without waiting for the answers
 * ("Puts sent ahead" below); `copy` uses COPY.  Statements are planned
 * once a connection; the tables are analysed when a client has about
 * doubled them, which makes every client plan again.
 */
#include "gx-config.h"

#include <string.h>
#include <errno.h>
#include <libpq-fe.h>
#include <glib/gi18n-lib.h>

#include "gx-pg-store.h"
#include "gx-rules.h"
#include "gx-review.h"
#include "gx-crosscheck.h"
#include "gx-prose.h"
#include "gx-check.h"
#include "gx-schema.h"

#define PG_STORE_VERSION 2
/* pg_advisory_xact_lock (GX_LOCK_CLASS, …): "GxRe" */
#define GX_LOCK_CLASS "1199076965"
#define GX_LOCK_MIGRATE "1"
#define GX_LOCK_WRITE "2"
#define MAX_COLUMNS 7
#define MAX_PARAMS 24
/* puts sent ahead at most before their answers are read */
#define WINDOW_MAX 32

typedef enum {
  STMT_FIND_HASH,
  STMT_ALL_HASHES,
  STMT_INSERT_REPORT,
  STMT_UPDATE_REPORT_IMPORT,
  STMT_UPDATE_REPORT_SAVE,
  STMT_DELETE_CELLS,
  STMT_INSERT_INVALID,
  STMT_DELETE_INVALID,
  STMT_LOAD_INVALID,
  STMT_LOAD_ALL_INVALID,
  STMT_DELETE_REPORT,
  STMT_LOAD_REPORT,
  STMT_LOAD_CELLS,
  STMT_LOAD_ALL_REPORTS,
  STMT_LOAD_ALL_CELLS,
  STMT_SUMMARIES,
  STMT_WRITE_SUMMARY,
  STMT_FIND_IDS,
  STMT_ROLLUP,
  STMT_LOAD_PROSE,
  STMT_LOAD_PROSE_EXISTS,
  STMT_DELETE_REVIEW,
  STMT_INSERT_REVIEW,
  STMT_LOAD_REVIEWS,
  STMT_CANONICAL,
  STMT_DELETE_ALIAS,
  STMT_INSERT_ALIAS,
  STMT_REPOINT_ALIASES,
  STMT_LOAD_ALIASES,
  STMT_LIST_ISSUERS,
  STMT_FIND_REPORT_KEY,
  STMT_DELETE_CHILDREN,
  STMT_INSERT_CHILD,
  STMT_LOAD_CHILDREN,
  STMT_LOAD_PARENTS,
  STMT_ISSUER_GROUP,
  STMT_HAS_REVIEWS,
  STMT_DATA_VERSION,
  STMT_INSERT_CELLS,
  STMT_PUT_LOOKUP,
  STMT_INSERT_REPORT_CELLS,
  STMT_PUT_NEW,
  N_STMTS
} StmtId;

#define REPORT_ROW "issuer = $1, year = $2, source = $3, format_version = $5, " \
  "issuer_key = $7, prose = $8, sum_new_received = $9, sum_results_total = $10, " \
  "sum_carried_forward = $11, sum_review = $12, sum_litigation_direct = $13, " \
  "sum_litigation_after_review = $14, n_errors = $15, n_warnings = $16, n_notes = $17, " \
  "revision = revision + 1"

/* the cells of a report: one row of report_cells, a row of the template
 * an element of each array */
#define CELL_ROWS "unnest (c.rows, c.v0, c.v1, c.v2, c.v3, c.v4, c.v5, c.v6, c.flags, c.lines) " \
  "AS u (row, v0, v1, v2, v3, v4, v5, v6, flags, lines)"

static const char *const stmt_sql[N_STMTS] = {
  [STMT_FIND_HASH] =
    "SELECT id FROM reports WHERE content_hash = $1",
  [STMT_ALL_HASHES] =
    "SELECT content_hash FROM reports WHERE content_hash IS NOT NULL",
  /* a second import of the same content by another client (which the
   * write lock already orders) adds nothing: RETURNING gives no row */
  [STMT_INSERT_REPORT] =
    "INSERT INTO reports (issuer, year, source, content_hash, format_version, "
    "imported_at, updated_at, issuer_key, prose, "
    "sum_new_received, sum_results_total, sum_carried_forward, "
    "sum_review, sum_litigation_direct, sum_litigation_after_review, "
    "n_errors, n_warnings, n_notes) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
    "ON CONFLICT (content_hash) DO NOTHING RETURNING id",
  [STMT_UPDATE_REPORT_IMPORT] =
    "UPDATE reports SET " REPORT_ROW ", content_hash = $4, imported_at = $6, updated_at = $6 "
    "WHERE id = $18",
  [STMT_UPDATE_REPORT_SAVE] =
    /* $4 (the content hash) stays what it was */
    "UPDATE reports SET " REPORT_ROW ", updated_at = $6 WHERE id = $18 AND $4::text IS NULL "
    "AND ($19::bigint IS NULL OR revision = $19) RETURNING revision",
  [STMT_DELETE_CELLS] =
    "DELETE FROM report_cells WHERE report_id = $1",
  [STMT_INSERT_INVALID] =
    "INSERT INTO invalid_cells (report_id, cell, raw) VALUES ($1, $2, $3)",
  [STMT_DELETE_INVALID] =
    "DELETE FROM invalid_cells WHERE report_id = $1",
  [STMT_LOAD_INVALID] =
    "SELECT cell, raw FROM invalid_cells WHERE report_id = $1",
  [STMT_LOAD_ALL_INVALID] =
    "SELECT report_id, cell, raw FROM invalid_cells ORDER BY report_id",
  [STMT_DELETE_REPORT] =
    "DELETE FROM reports WHERE id = $1",
  [STMT_LOAD_REPORT] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes, prose, revision "
    "FROM reports WHERE id = $1",
  [STMT_LOAD_CELLS] =
    "SELECT u.* FROM report_cells c, " CELL_ROWS " WHERE c.report_id = $1",
  [STMT_LOAD_ALL_REPORTS] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes, prose, revision "
    "FROM reports ORDER BY issuer, year, id",
  [STMT_LOAD_ALL_CELLS] =
    "SELECT c.report_id, u.* FROM report_cells c, " CELL_ROWS " ORDER BY c.report_id",
  [STMT_SUMMARIES] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes, "
    "sum_new_received, sum_results_total, sum_carried_forward, sum_review, "
    "sum_litigation_direct, sum_litigation_after_review "
    "FROM reports ORDER BY issuer, year, id",
  [STMT_WRITE_SUMMARY] =
    "UPDATE reports SET sum_new_received = $2, sum_results_total = $3, sum_carried_forward = $4, "
    "sum_review = $5, sum_litigation_direct = $6, sum_litigation_after_review = $7, "
    "n_errors = $8, n_warnings = $9, n_notes = $10 WHERE id = $1",
  [STMT_FIND_IDS] =
    "SELECT id FROM reports WHERE ($1::integer = 0 OR year = $1) "
    "AND ($2::text IS NULL OR strpos (issuer, $2) > 0) ORDER BY issuer, year, id",
  [STMT_ROLLUP] =
    /* SUM of bigint is numeric: never overflows here, checked when read */
    "SELECT u.row, SUM (u.v0), COUNT (u.v0), SUM (u.v1), COUNT (u.v1), SUM (u.v2), COUNT (u.v2), "
    "SUM (u.v3), COUNT (u.v3), SUM (u.v4), COUNT (u.v4), SUM (u.v5), COUNT (u.v5), "
    "SUM (u.v6), COUNT (u.v6) "
    "FROM report_cells c, " CELL_ROWS " WHERE c.report_id = ANY ($1::bigint[]) GROUP BY u.row",
  [STMT_LOAD_PROSE] =
    "SELECT prose FROM reports WHERE id = $1",
  [STMT_LOAD_PROSE_EXISTS] =
    "SELECT id FROM reports WHERE id = $1",
  [STMT_DELETE_REVIEW] =
    "DELETE FROM reviews v WHERE v.year = $2 AND v.finding_key = $3 AND COALESCE ("
    "(SELECT canonical FROM issuer_aliases a WHERE a.alias = v.issuer_key), v.issuer_key) = $1",
  [STMT_INSERT_REVIEW] =
    "INSERT INTO reviews (issuer_key, year, finding_key, state, note, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (issuer_key, year, finding_key) DO UPDATE "
    "SET state = EXCLUDED.state, note = EXCLUDED.note, updated_at = EXCLUDED.updated_at",
  [STMT_LOAD_REVIEWS] =
    "SELECT finding_key, state, note FROM ("
    "SELECT finding_key, state, note, updated_at FROM reviews WHERE issuer_key = $1 AND year = $2 "
    "UNION ALL SELECT v.finding_key, v.state, v.note, v.updated_at "
    "FROM issuer_aliases a JOIN reviews v ON v.issuer_key = a.alias "
    "WHERE a.canonical = $1 AND v.year = $2) s ORDER BY updated_at, finding_key",
  [STMT_CANONICAL] =
    "SELECT canonical FROM issuer_aliases WHERE alias = $1",
  [STMT_DELETE_ALIAS] =
    "DELETE FROM issuer_aliases WHERE alias = $1",
  [STMT_INSERT_ALIAS] =
    "INSERT INTO issuer_aliases (alias, canonical) VALUES ($1, $2) "
    "ON CONFLICT (alias) DO UPDATE SET canonical = EXCLUDED.canonical",
  [STMT_REPOINT_ALIASES] =
    "UPDATE issuer_aliases SET canonical = $2 WHERE canonical = $1",
  [STMT_LOAD_ALIASES] =
    "SELECT alias, canonical FROM issuer_aliases",
  [STMT_LIST_ISSUERS] =
    "SELECT r.issuer, MIN (COALESCE (a.canonical, r.issuer_key)) AS key, COUNT (*) FROM reports r "
    "LEFT JOIN issuer_aliases a ON a.alias = r.issuer_key "
    "WHERE r.issuer_key IS NOT NULL GROUP BY r.issuer ORDER BY key, r.issuer",
  [STMT_FIND_REPORT_KEY] =
    /* $1 a normalised key, followed through the merges here */
    "WITH k AS (SELECT COALESCE ((SELECT canonical FROM issuer_aliases WHERE alias = $1), $1) AS key) "
    "SELECT MIN (id) FROM ("
    "SELECT r.id FROM k JOIN reports r ON r.issuer_key = k.key WHERE r.year = $2 AND r.id != $3 "
    "UNION ALL SELECT r.id FROM k JOIN issuer_aliases a ON a.canonical = k.key "
    "JOIN reports r ON r.issuer_key = a.alias WHERE r.year = $2 AND r.id != $3) s",
  /* a put's questions at once: the report of this content ($1), and the
   * reports of the issuer's key ($2, after the merges) for the year ($3)
   * and the years before and after */
  [STMT_PUT_LOOKUP] =
    "WITH k AS (SELECT COALESCE ((SELECT canonical FROM issuer_aliases WHERE alias = $2), $2) AS key), "
    "y AS (SELECT r.id, r.year FROM k JOIN reports r ON r.issuer_key = k.key "
    "WHERE r.year BETWEEN $3::integer - 1 AND $3::integer + 1 "
    "UNION ALL SELECT r.id, r.year FROM k JOIN issuer_aliases a ON a.canonical = k.key "
    "JOIN reports r ON r.issuer_key = a.alias WHERE r.year BETWEEN $3::integer - 1 AND $3::integer + 1) "
    "SELECT (SELECT id FROM reports WHERE content_hash = $1), "
    "(SELECT MIN (id) FROM y WHERE year = $3::integer), "
    "(SELECT MIN (id) FROM y WHERE year = $3::integer - 1), "
    "(SELECT MIN (id) FROM y WHERE year = $3::integer + 1)",
  /* a new report and its cells in one statement (the arrays of
   * STMT_INSERT_CELLS from $18) */
  [STMT_INSERT_REPORT_CELLS] =
    "WITH r AS (INSERT INTO reports (issuer, year, source, content_hash, format_version, "
    "imported_at, updated_at, issuer_key, prose, "
    "sum_new_received, sum_results_total, sum_carried_forward, "
    "sum_review, sum_litigation_direct, sum_litigation_after_review, "
    "n_errors, n_warnings, n_notes) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) "
    "ON CONFLICT (content_hash) DO NOTHING RETURNING id), "
    "c AS (INSERT INTO report_cells (report_id, rows, v0, v1, v2, v3, v4, v5, v6, flags, lines) "
    "SELECT r.id, $18::integer[], $19::bigint[], $20::bigint[], $21::bigint[], "
    "$22::bigint[], $23::bigint[], $24::bigint[], $25::bigint[], $26::bigint[], $27::text[] FROM r) "
    "SELECT id FROM r",
  /* an import's put of a report that looks new, in one statement: the
   * questions of STMT_PUT_LOOKUP (issuer $1, year $2, hash $4, key $7),
   * then the report and its cells as STMT_INSERT_REPORT_CELLS, added only
   * when the answers are all "none" (the check of the report assumed that:
   * no report of the years before and after) */
  [STMT_PUT_NEW] =
    "WITH k AS (SELECT COALESCE ((SELECT canonical FROM issuer_aliases WHERE alias = $7::text), "
    "$7::text) AS key), "
    "y AS (SELECT r.id, r.year FROM k JOIN reports r ON r.issuer_key = k.key "
    "WHERE r.year BETWEEN $2::integer - 1 AND $2::integer + 1 "
    "UNION ALL SELECT r.id, r.year FROM k JOIN issuer_aliases a ON a.canonical = k.key "
    "JOIN reports r ON r.issuer_key = a.alias WHERE r.year BETWEEN $2::integer - 1 AND $2::integer + 1), "
    "l AS (SELECT (SELECT id FROM reports WHERE content_hash = $4::text) AS same, "
    "(SELECT MIN (id) FROM y WHERE year = $2::integer) AS existing, "
    "(SELECT MIN (id) FROM y WHERE year = $2::integer - 1) AS previous, "
    "(SELECT MIN (id) FROM y WHERE year = $2::integer + 1) AS next), "
    "r AS (INSERT INTO reports (issuer, year, source, content_hash, format_version, "
    "imported_at, updated_at, issuer_key, prose, "
    "sum_new_received, sum_results_total, sum_carried_forward, "
    "sum_review, sum_litigation_direct, sum_litigation_after_review, "
    "n_errors, n_warnings, n_notes) "
    "SELECT $1::text, $2::integer, $3::text, $4::text, $5::text, $6::text, $6::text, $7::text, $8::text, "
    "$9::bigint, $10::bigint, $11::bigint, $12::bigint, $13::bigint, $14::bigint, "
    "$15::integer, $16::integer, $17::integer FROM l "
    "WHERE l.same IS NULL AND l.existing IS NULL AND l.previous IS NULL AND l.next IS NULL "
    "ON CONFLICT (content_hash) DO NOTHING RETURNING id), "
    "c AS (INSERT INTO report_cells (report_id, rows, v0, v1, v2, v3, v4, v5, v6, flags, lines) "
    "SELECT r.id, $18::integer[], $19::bigint[], $20::bigint[], $21::bigint[], "
    "$22::bigint[], $23::bigint[], $24::bigint[], $25::bigint[], $26::bigint[], $27::text[] FROM r) "
    "SELECT l.same, l.existing, l.previous, l.next, (SELECT id FROM r), (SELECT key FROM k) FROM l",
  [STMT_DELETE_CHILDREN] =
    "DELETE FROM report_children WHERE parent_id = $1",
  [STMT_INSERT_CHILD] =
    "INSERT INTO report_children (parent_id, child_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
  [STMT_LOAD_CHILDREN] =
    "SELECT child_id FROM report_children WHERE parent_id = $1 ORDER BY child_id",
  [STMT_LOAD_PARENTS] =
    "SELECT parent_id FROM report_children WHERE child_id = $1 ORDER BY parent_id",
  [STMT_ISSUER_GROUP] =
    "SELECT id FROM reports WHERE issuer_key = $1 "
    "OR issuer_key IN (SELECT alias FROM issuer_aliases WHERE canonical = $1) ORDER BY id",
  [STMT_HAS_REVIEWS] =
    "SELECT EXISTS (SELECT 1 FROM reviews)",
  [STMT_DATA_VERSION] =
    "SELECT data_version FROM gx_workspace",
  /* every row of a report at once, its columns as arrays (one row of
   * the table: a row a template row cost the server more than the rest
   * of the put) */
  [STMT_INSERT_CELLS] =
    "INSERT INTO report_cells (report_id, rows, v0, v1, v2, v3, v4, v5, v6, flags, lines) "
    "VALUES ($1, $2::integer[], $3::bigint[], $4::bigint[], $5::bigint[], "
    "$6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[])",
};

struct _GxPgStore
{
  GObject parent_instance;

  char *location;
  char *display;
  PGconn *conn;
  gboolean prepared[N_STMTS];
  gboolean read_only;
  gboolean in_batch;          /* gx_pg_store_begin() … commit/rollback */
  guint depth;                /* write units open (write_begin()) */
  gboolean in_snapshot;       /* a read transaction of ours */
  char *pending_release;      /* "RELEASE gx_put_0", sent with the next command */
  gint64 n_added;             /* reports this connection added since it last analysed */
  gint64 analysed;            /* how many reports there were then, as far as it knows */
  /* what the put being written looked up at once (put_lookup()): the
   * issuer's reports of the years before and after */
  gboolean lookup_valid;
  char *lookup_issuer;
  int lookup_year;
  gint64 lookup_previous;
  gint64 lookup_next;
  int has_reviews;            /* -1 unknown */
  /* puts sent ahead, their answers not read yet (Queued, oldest first;
   * the connection is in pipeline mode while there are any) */
  GQueue window;
  /* COPY in progress */
  guint copy_columns;
  gboolean copy_cells;        /* into the temporary table of `cells` rows */
};

static void gx_pg_store_backend_init (GxBackendInterface *iface);
static gboolean settle (GxPgStore *self, gboolean answer, GError **error);

G_DEFINE_FINAL_TYPE_WITH_CODE (GxPgStore, gx_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GX_TYPE_BACKEND, gx_pg_store_backend_init))

/* Parameters ----------------------------------------------------------------- */

typedef struct
{
  const char *values[MAX_PARAMS];
  char numbers[MAX_PARAMS][24];
  int n;
} Params;

static void
p_text (Params *p, const char *text)
{
  g_assert (p->n < MAX_PARAMS);
  p->values[p->n++] = text;
}

static void
p_int (Params *p, gint64 value)
{
  g_assert (p->n < MAX_PARAMS);
  g_snprintf (p->numbers[p->n], sizeof p->numbers[p->n], "%" G_GINT64_FORMAT, value);
  p->values[p->n] = p->numbers[p->n];
  p->n++;
}

static void
p_null (Params *p)
{
  p_text (p, NULL);
}

/* Errors ---------------------------------------------------------------------- */

/* The server's message, on one line. */
static char *
server_message (PGconn         *conn,
                const PGresult *res)
{
  const char *text = res ? PQresultErrorMessage (res) : NULL;
  char *message;

  if (text == NULL || *text == '\0')
    text = conn ? PQerrorMessage (conn) : "?";
  message = g_strstrip (g_strdup (text));
  for (char *c = message; *c; c++)
    if (*c == '\n')
      *c = ' ';
  return message;
}

static gboolean
pg_error (GxPgStore       *self,
          const PGresult  *res,
          GError         **error,
          const char      *what)
{
  g_autofree char *message = server_message (self->conn, res);

  g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
               /* TRANSLATORS: "postgresql://clerk@db/ws: cannot add the report: …" */
               _("%s: %s: %s"), self->display, what, message);
  return FALSE;
}

static gboolean
is_state (const PGresult *res,
          const char     *sqlstate)
{
  const char *state = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;

  return g_strcmp0 (state, sqlstate) == 0;
}

/* Statements ------------------------------------------------------------------ */

/* Statement @id is prepared on this connection (once: "gx<id>"). */
static gboolean
prepare (GxPgStore  *self,
         StmtId      id,
         GError    **error)
{
  char name[16];
  PGresult *res;

  if (self->prepared[id])
    return TRUE;
  if (!settle (self, TRUE, error))
    return FALSE;
  g_snprintf (name, sizeof name, "gx%d", (int) id);
  res = PQprepare (self->conn, name, stmt_sql[id], 0, NULL);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      pg_error (self, res, error, _("cannot prepare a query"));
      PQclear (res);
      return FALSE;
    }
  PQclear (res);
  self->prepared[id] = TRUE;
  return TRUE;
}

/* Runs statement @id with @n_values @values; a result of @expect, or
 * NULL and @error. */
static PGresult *
run_values (GxPgStore          *self,
            StmtId              id,
            int                 n_values,
            const char *const  *values,
            ExecStatusType      expect,
            const char         *what,
            GError            **error)
{
  char name[16];
  PGresult *res;

  g_snprintf (name, sizeof name, "gx%d", (int) id);
  if (!settle (self, TRUE, error) || !prepare (self, id, error))
    return NULL;
  res = PQexecPrepared (self->conn, name, n_values, values, NULL, NULL, 0);
  if (PQresultStatus (res) != expect)
    {
      pg_error (self, res, error, what);
      PQclear (res);
      return NULL;
    }
  return res;
}

static PGresult *
run (GxPgStore       *self,
     StmtId           id,
     const Params    *p,
     ExecStatusType   expect,
     const char      *what,
     GError         **error)
{
  return run_values (self, id, p ? p->n : 0, p ? p->values : NULL, expect, what, error);
}

static gboolean
run_done (GxPgStore     *self,
          StmtId         id,
          const Params  *p,
          const char    *what,
          GError       **error)
{
  PGresult *res = run (self, id, p, PGRES_COMMAND_OK, what, error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* A command of constant text (no values). */
static gboolean
exec (GxPgStore   *self,
      const char  *sql,
      GError     **error)
{
  g_autofree char *with_release = NULL;
  PGresult *res;

  if (!settle (self, TRUE, error))
    return FALSE;
  /* the RELEASE of the last write unit of a batch goes with the next
   * command of the transaction: one round trip fewer a report */
  if (self->pending_release != NULL)
    {
      with_release = g_strconcat (self->pending_release, ";", sql, NULL);
      sql = with_release;
      g_clear_pointer (&self->pending_release, g_free);
    }
  res = PQexec (self->conn, sql);
  ExecStatusType status = PQresultStatus (res);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    pg_error (self, res, error, _("cannot update the workspace"));
  PQclear (res);
  return ok;
}

static gint64
get_int (const PGresult *res,
         int             row,
         int             col)
{
  if (PQgetisnull (res, row, col))
    return 0;
  return g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

static const char *
get_text (const PGresult *res,
          int             row,
          int             col)
{
  return PQgetisnull (res, row, col) ? NULL : PQgetvalue (res, row, col);
}

/* The first column of the first row as an id, 0 when none. */
static gint64
one_id (GxPgStore     *self,
        StmtId         id,
        const Params  *p,
        GError       **error)
{
  PGresult *res = run (self, id, p, PGRES_TUPLES_OK, _("cannot read the workspace"), error);
  gint64 value;

  if (res == NULL)
    return -1;
  value = PQntuples (res) > 0 ? get_int (res, 0, 0) : 0;
  PQclear (res);
  return value;
}

static GArray *
ids_of (GxPgStore     *self,
        StmtId         id,
        const Params  *p,
        GError       **error)
{
  PGresult *res = run (self, id, p, PGRES_TUPLES_OK, _("cannot read the workspace"), error);
  GArray *ids;

  if (res == NULL)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 value = get_int (res, i, 0);

      g_array_append_val (ids, value);
    }
  PQclear (res);
  return ids;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Transactions ------------------------------------------------------------- */

/* A batch (gx_pg_store_begin()) takes the write lock alone; its commit
 * changes the data version and notifies only when the batch wrote
 * something: the server gave the transaction an id at its first write.  An
 * import whose files were all there already tells nobody to read the list
 * again. */
static const char batch_lock_sql[] =
  "SELECT pg_advisory_xact_lock (" GX_LOCK_CLASS ", " GX_LOCK_WRITE ")";

static const char batch_changed_sql[] =
  "WITH w AS (UPDATE gx_workspace SET data_version = data_version + 1"
  " WHERE txid_current_if_assigned () IS NOT NULL RETURNING 1)"
  " SELECT pg_notify ('gxreports_changed', '') FROM w";

/* The start of a write of its own (outside a batch): the write lock, and
 * the data version every other client sees change (with a notification
 * for those that listen). */
static const char write_lock_sql_begin[] =
  "BEGIN;"
  "SELECT pg_advisory_xact_lock (" GX_LOCK_CLASS ", " GX_LOCK_WRITE ");"
  "UPDATE gx_workspace SET data_version = data_version + 1;"
  "NOTIFY gxreports_changed";

static gboolean
read_only_error (GxPgStore  *self,
                 GError    **error)
{
  g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
               _("%s: %s: %s"), self->display, _("cannot update the workspace"),
               _("the workspace is open for reading only"));
  return FALSE;
}

/* A write unit: all or nothing, a transaction of its own outside a batch,
 * a savepoint inside. */
static gboolean
write_begin (GxPgStore  *self,
             GError    **error)
{
  char sql[48];

  if (self->read_only)
    return read_only_error (self, error);
  if (!self->in_batch && self->depth == 0)
    {
      if (!exec (self, write_lock_sql_begin, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  else
    {
      g_snprintf (sql, sizeof sql, "SAVEPOINT gx_put_%u", self->depth);
      if (!exec (self, sql, error))
        return FALSE;
    }
  self->depth++;
  return TRUE;
}

static gboolean
write_end (GxPgStore  *self,
           GError    **error)
{
  char sql[48];

  g_return_val_if_fail (self->depth > 0, FALSE);
  self->depth--;
  self->lookup_valid = FALSE;
  if (!self->in_batch && self->depth == 0)
    {
      if (!exec (self, "COMMIT", error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      return TRUE;
    }
  g_snprintf (sql, sizeof sql, "RELEASE gx_put_%u", self->depth);
  if (self->depth == 0)
    {
      g_free (self->pending_release);
      self->pending_release = g_strdup (sql);
      return TRUE;
    }
  return exec (self, sql, error);
}

static void
write_abort (GxPgStore *self)
{
  char sql[64];

  g_return_if_fail (self->depth > 0);
  self->depth--;
  self->lookup_valid = FALSE;
  if (!self->in_batch && self->depth == 0)
    {
      exec (self, "ROLLBACK", NULL);
      return;
    }
  g_snprintf (sql, sizeof sql, "ROLLBACK TO gx_put_%u", self->depth);
  exec (self, sql, NULL);
  g_snprintf (sql, sizeof sql, "RELEASE gx_put_%u", self->depth);
  exec (self, sql, NULL);
}

/* Schema --------------------------------------------------------------------- */

static const char migration_1[] =
  "CREATE TABLE gx_workspace ("
  "  id integer PRIMARY KEY CHECK (id = 1),"
  "  schema_version integer NOT NULL,"
  "  data_version bigint NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE reports ("
  "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
  "  issuer text COLLATE \"C\","
  "  year integer,"
  "  source text COLLATE \"C\","
  "  content_hash text COLLATE \"C\" UNIQUE,"
  "  format_version text COLLATE \"C\" NOT NULL,"
  "  imported_at text COLLATE \"C\" NOT NULL,"
  "  updated_at text COLLATE \"C\" NOT NULL,"
  "  n_errors integer NOT NULL DEFAULT 0,"
  "  n_warnings integer NOT NULL DEFAULT 0,"
  "  n_notes integer NOT NULL DEFAULT 0,"
  "  sum_new_received bigint, sum_results_total bigint, sum_carried_forward bigint,"
  "  sum_review bigint, sum_litigation_direct bigint, sum_litigation_after_review bigint,"
  "  issuer_key text COLLATE \"C\","
  "  prose text,"
  "  revision bigint NOT NULL DEFAULT 1"
  ");"
  /* the text of a report, a few KB: stored as it is, not compressed on
   * every import */
  "ALTER TABLE reports ALTER COLUMN prose SET STORAGE EXTERNAL;"
  "CREATE INDEX reports_issuer_year ON reports (issuer, year);"
  "CREATE INDEX reports_issuer_key_year ON reports (issuer_key, year);"
  "CREATE TABLE row_keys ("
  "  row integer PRIMARY KEY,"
  "  section text NOT NULL,"
  "  row_key text NOT NULL,"
  "  UNIQUE (section, row_key)"
  ");"
  "CREATE TABLE cell_keys ("
  "  cell integer PRIMARY KEY,"
  "  row integer NOT NULL REFERENCES row_keys (row),"
  "  col_index integer NOT NULL,"
  "  section text NOT NULL,"
  "  row_key text NOT NULL,"
  "  col text NOT NULL,"
  "  path text NOT NULL UNIQUE,"
  "  formats integer NOT NULL,"
  "  UNIQUE (row, col_index)"
  ");"
  "CREATE TABLE cells ("
  "  report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  row integer NOT NULL,"
  "  v0 bigint, v1 bigint, v2 bigint, v3 bigint, v4 bigint, v5 bigint, v6 bigint,"
  "  flags bigint NOT NULL DEFAULT 0,"
  "  lines text,"
  "  PRIMARY KEY (report_id, row)"
  ");"
  "CREATE TABLE invalid_cells ("
  "  report_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  cell integer NOT NULL,"
  "  raw text NOT NULL,"
  "  PRIMARY KEY (report_id, cell)"
  ");"
  "CREATE TABLE reviews ("
  "  issuer_key text COLLATE \"C\" NOT NULL,"
  "  year integer NOT NULL,"
  "  finding_key text COLLATE \"C\" NOT NULL,"
  "  state text NOT NULL,"
  "  note text,"
  "  updated_at text COLLATE \"C\" NOT NULL,"
  "  PRIMARY KEY (issuer_key, year, finding_key)"
  ");"
  "CREATE TABLE issuer_aliases ("
  "  alias text COLLATE \"C\" PRIMARY KEY,"
  "  canonical text COLLATE \"C\" NOT NULL"
  ");"
  "CREATE TABLE report_children ("
  "  parent_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  child_id bigint NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (parent_id, child_id),"
  "  CHECK (parent_id != child_id)"
  ");"
  "CREATE INDEX report_children_child ON report_children (child_id);"
  "CREATE VIEW cell_values AS"
  "  SELECT c.report_id, k.cell, k.section, k.row_key AS row, k.col, k.path,"
  "    CASE k.col_index WHEN 0 THEN c.v0 WHEN 1 THEN c.v1 WHEN 2 THEN c.v2 WHEN 3 THEN c.v3"
  "      WHEN 4 THEN c.v4 WHEN 5 THEN c.v5 ELSE c.v6 END AS value,"
  "    i.raw,"
  "    CASE k.col_index WHEN 0 THEN c.v0 WHEN 1 THEN c.v1 WHEN 2 THEN c.v2 WHEN 3 THEN c.v3"
  "      WHEN 4 THEN c.v4 WHEN 5 THEN c.v5 ELSE c.v6 END / 1000000.0 AS number"
  "  FROM cells c JOIN reports r ON r.id = c.report_id"
  "  JOIN cell_keys k ON k.row = c.row"
  "    AND (k.formats & CASE r.format_version WHEN '2019' THEN 2 ELSE 1 END) != 0"
  "  LEFT JOIN invalid_cells i ON i.report_id = c.report_id AND i.cell = k.cell;"
  "INSERT INTO gx_workspace (id, schema_version) VALUES (1, 0);";

/* Version 2: the cells of a report are one row of arrays, an element a
 * template row (in the order of the template) where version 1 had a row
 * of `cells` each: the server's work of a put was mostly those rows and
 * their foreign keys.  The values are those of the columns of before
 * (fixed point, NULL for a blank); the view cell_values keeps its columns
 * and meaning.  A row is stored as it is up to a page (toast_tuple_target):
 * no compression on every import. */
/* The rows of a table laid out as version 1's cells (a row a template
 * row) into report_cells, a report a row: the migration and the copy into
 * a database. */
#define INSERT_REPORT_CELLS_FROM(table) \
  "INSERT INTO report_cells (report_id, rows, v0, v1, v2, v3, v4, v5, v6, flags, lines)" \
  " SELECT report_id, array_agg (row ORDER BY row), array_agg (v0 ORDER BY row)," \
  " array_agg (v1 ORDER BY row), array_agg (v2 ORDER BY row), array_agg (v3 ORDER BY row)," \
  " array_agg (v4 ORDER BY row), array_agg (v5 ORDER BY row), array_agg (v6 ORDER BY row)," \
  " array_agg (flags ORDER BY row), array_agg (lines ORDER BY row)" \
  " FROM " table " GROUP BY report_id"

static const char migration_2[] =
  "CREATE TABLE report_cells ("
  "  report_id bigint PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,"
  "  rows integer[] NOT NULL,"
  "  v0 bigint[] NOT NULL, v1 bigint[] NOT NULL, v2 bigint[] NOT NULL, v3 bigint[] NOT NULL,"
  "  v4 bigint[] NOT NULL, v5 bigint[] NOT NULL, v6 bigint[] NOT NULL,"
  "  flags bigint[] NOT NULL,"
  "  lines text[] NOT NULL"
  ") WITH (toast_tuple_target = 8160);"
  INSERT_REPORT_CELLS_FROM ("cells") ";"
  "DROP VIEW cell_values;"
  "DROP TABLE cells;"
  "CREATE VIEW cell_values AS"
  "  SELECT c.report_id, k.cell, k.section, k.row_key AS row, k.col, k.path,"
  "    CASE k.col_index WHEN 0 THEN u.v0 WHEN 1 THEN u.v1 WHEN 2 THEN u.v2 WHEN 3 THEN u.v3"
  "      WHEN 4 THEN u.v4 WHEN 5 THEN u.v5 ELSE u.v6 END AS value,"
  "    i.raw,"
  "    CASE k.col_index WHEN 0 THEN u.v0 WHEN 1 THEN u.v1 WHEN 2 THEN u.v2 WHEN 3 THEN u.v3"
  "      WHEN 4 THEN u.v4 WHEN 5 THEN u.v5 ELSE u.v6 END / 1000000.0 AS number"
  "  FROM report_cells c JOIN reports r ON r.id = c.report_id"
  "  CROSS JOIN LATERAL unnest (c.rows, c.v0, c.v1, c.v2, c.v3, c.v4, c.v5, c.v6)"
  "    AS u (row, v0, v1, v2, v3, v4, v5, v6)"
  "  JOIN cell_keys k ON k.row = u.row"
  "    AND (k.formats & CASE r.format_version WHEN '2019' THEN 2 ELSE 1 END) != 0"
  "  LEFT JOIN invalid_cells i ON i.report_id = c.report_id AND i.cell = k.cell;"
  "ANALYZE report_cells;";
G_STATIC_ASSERT (GX_VALUE_SCALE == 1000000);

static gboolean
exec_params (GxPgStore          *self,
             const char         *sql,
             const Params       *p,
             const char         *what,
             GError            **error)
{
  PGresult *res = PQexecParams (self->conn, sql, p->n, NULL, p->values, NULL, NULL, 0);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  if (!ok)
    pg_error (self, res, error, what);
  PQclear (res);
  return ok;
}

static gboolean
fill_cell_keys (GxPgStore  *self,
                GError    **error)
{
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      const char *section = gx_schema_section (row->section)->key;
      Params p = { 0 };

      p_int (&p, r);
      p_text (&p, section);
      p_text (&p, row->key);
      if (!exec_params (self, "INSERT INTO row_keys (row, section, row_key) VALUES ($1, $2, $3)",
                        &p, _("cannot create the workspace"), error))
        return FALSE;
      for (guint c = 0; c < row->n_columns; c++)
        {
          const GxSchemaCell *cell = gx_schema_cell (row->first_cell + c);
          Params q = { 0 };

          p_int (&q, cell->index);
          p_int (&q, r);
          p_int (&q, c);
          p_text (&q, section);
          p_text (&q, row->key);
          p_text (&q, cell->column->key);
          p_text (&q, cell->path);
          p_int (&q, (gx_schema_cell_in_format (cell->index, GX_FORMAT_2021) ? 1 : 0) |
                     (gx_schema_cell_in_format (cell->index, GX_FORMAT_2019) ? 2 : 0));
          if (!exec_params (self, "INSERT INTO cell_keys (cell, row, col_index, section, row_key, col, path, formats) "
                            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", &q,
                            _("cannot create the workspace"), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The schema version of the database: 0 when it has no workspace yet. */
static gboolean
read_version (GxPgStore  *self,
              int        *version,
              GError    **error)
{
  PGresult *res = PQexec (self->conn, "SELECT to_regclass ('gx_workspace') IS NOT NULL");
  gboolean exists;

  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      pg_error (self, res, error, _("cannot read the workspace version"));
      PQclear (res);
      return FALSE;
    }
  exists = strcmp (PQgetvalue (res, 0, 0), "t") == 0;
  PQclear (res);
  *version = 0;
  if (!exists)
    return TRUE;
  res = PQexec (self->conn, "SELECT schema_version FROM gx_workspace");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      pg_error (self, res, error, _("cannot read the workspace version"));
      PQclear (res);
      return FALSE;
    }
  if (PQntuples (res) > 0)
    *version = (int) get_int (res, 0, 0);
  PQclear (res);
  return TRUE;
}

static gboolean
too_new_error (GxPgStore  *self,
               int         version,
               GError    **error)
{
  g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_TOO_NEW,
               _("%s: this workspace was made by a newer version of GxReports (workspace version %d, this program knows up to %d); it was not changed"),
               self->display, version, PG_STORE_VERSION);
  return FALSE;
}

static gboolean
migrate_locked (GxPgStore  *self,
                GError    **error)
{
  int version = 0;
  Params p = { 0 };

  /* a transaction begun after the lock was taken sees the tables another
   * client made meanwhile */
  if (!exec (self, "BEGIN", error))
    return FALSE;
  if (!read_version (self, &version, error))
    goto fail;
  if (version > PG_STORE_VERSION)
    {
      exec (self, "ROLLBACK", NULL);
      return too_new_error (self, version, error);
    }
  if (version == PG_STORE_VERSION)
    return exec (self, "COMMIT", error);
  if (version < 1)
    {
      if (!exec (self, migration_1, error) || !fill_cell_keys (self, error))
        goto fail;
    }
  if (version < 2 && !exec (self, migration_2, error))
    goto fail;
  /* Later migrations go here: if (version < 3) { … } */

  p_int (&p, PG_STORE_VERSION);
  if (!exec_params (self, "UPDATE gx_workspace SET schema_version = $1", &p,
                    _("cannot update the workspace"), error) ||
      !exec (self, "COMMIT", error))
    goto fail;
  return TRUE;

fail:
  exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* One client migrates at a time (a lock of the session, released however
 * the client ends); the version is read again under it. */
static gboolean
migrate (GxPgStore  *self,
         GError    **error)
{
  gboolean ok;

  if (!exec (self, "SELECT pg_advisory_lock (" GX_LOCK_CLASS ", " GX_LOCK_MIGRATE ")", error))
    return FALSE;
  ok = migrate_locked (self, error);
  exec (self, "SELECT pg_advisory_unlock (" GX_LOCK_CLASS ", " GX_LOCK_MIGRATE ")", NULL);
  return ok;
}

/* The workspace names its cells; they must be those of this template. */
static gboolean
check_cell_keys (GxPgStore  *self,
                 GError    **error)
{
  PGresult *res = PQexec (self->conn, "SELECT cell, row, col_index, path FROM cell_keys");
  int n;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      pg_error (self, res, error, _("cannot read the workspace"));
      PQclear (res);
      return FALSE;
    }
  n = PQntuples (res);
  for (int i = 0; i < n; i++)
    {
      gint64 cell = get_int (res, i, 0);
      const char *path = get_text (res, i, 3);
      const GxSchemaCell *sc = cell >= 0 && (guint64) cell < gx_schema_n_cells ()
                               ? gx_schema_cell ((guint) cell) : NULL;

      if (sc == NULL || g_strcmp0 (sc->path, path) != 0 ||
          get_int (res, i, 1) != (gint64) sc->row->index ||
          get_int (res, i, 2) != (gint64) sc->column_index)
        {
          g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                       _("%s: the workspace does not have the cells of this version's template (%s)"),
                       self->display, path ? path : "?");
          PQclear (res);
          return FALSE;
        }
    }
  PQclear (res);
  if ((guint) n != gx_schema_n_cells ())
    {
      g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                   _("%s: the workspace does not have the cells of this version's template (%u of %u)"),
                   self->display, (guint) n, gx_schema_n_cells ());
      return FALSE;
    }
  return TRUE;
}

/* Locations ------------------------------------------------------------------- */

char *
gx_pg_location_display (const char *location)
{
  PQconninfoOption *options;
  const char *user = NULL, *host = NULL, *port = NULL, *dbname = NULL, *service = NULL;
  GString *text;

  g_return_val_if_fail (location != NULL, NULL);

  options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return g_strdup ("postgresql://?");
  for (PQconninfoOption *o = options; o->keyword; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (strcmp (o->keyword, "user") == 0)
        user = o->val;
      else if (strcmp (o->keyword, "host") == 0)
        host = o->val;
      else if (strcmp (o->keyword, "port") == 0)
        port = o->val;
      else if (strcmp (o->keyword, "dbname") == 0)
        dbname = o->val;
      else if (strcmp (o->keyword, "service") == 0)
        service = o->val;
    }
  /* never the password: only these parts */
  text = g_string_new ("postgresql://");
  if (user)
    g_string_append_printf (text, "%s@", user);
  if (host && host[0] != '/')
    g_string_append (text, host);
  if (port)
    g_string_append_printf (text, ":%s", port);
  g_string_append_printf (text, "/%s", dbname ? dbname : "");
  if (host && host[0] == '/')
    g_string_append_printf (text, "?host=%s", host);
  if (service)
    g_string_append_printf (text, "%sservice=%s", host && host[0] == '/' ? "&" : "?", service);
  PQconninfoFree (options);
  return g_string_free (text, FALSE);
}

/* Reports ---------------------------------------------------------------------- */

/* The revision a report is loaded at (gx_report_get_revision()): every
 * content write of a report adds one to it; a save whose report was loaded
 * at another revision is refused (GX_BACKEND_ERROR_CHANGED) rather than
 * lose the other client's change. */
static void
set_revision (GxReport   *report,
              const char *text)
{
  gx_report_set_revision (report, text ? MAX (g_ascii_strtoll (text, NULL, 10), 0) : 0);
}

/* Fills @report from row @i of a reports query (id, issuer, year, source,
 * format_version, n_errors, n_warnings, n_notes). */
static void
report_from_row (GxReport       *report,
                 const PGresult *res,
                 int             i)
{
  gx_report_set_id (report, get_int (res, i, 0));
  gx_report_set_issuer (report, get_text (res, i, 1));
  gx_report_set_year (report, (int) CLAMP (get_int (res, i, 2), 0, 9999));
  gx_report_set_source (report, get_text (res, i, 3));
  gx_report_set_format_version (report, get_text (res, i, 4));
  gx_report_set_counts (report, (guint) get_int (res, i, 5), (guint) get_int (res, i, 6),
                        (guint) get_int (res, i, 7));
}

/* The cells of one template row from (row, v0 … v6, flags, lines) at
 * column @col of row @i. */
static void
row_from_result (GxReport       *report,
                 const PGresult *res,
                 int             i,
                 int             col)
{
  gint64 r = get_int (res, i, col);
  const GxSchemaRow *row;
  const char *lines;
  gint64 flags;

  if (r < 0 || (guint64) r >= gx_schema_n_rows ())
    return;
  row = gx_schema_row ((guint) r);
  flags = get_int (res, i, col + 1 + MAX_COLUMNS);
  lines = get_text (res, i, col + 2 + MAX_COLUMNS);

  for (guint c = 0; c < row->n_columns && c < MAX_COLUMNS; c++)
    {
      guint cell = row->first_cell + c;

      if (!PQgetisnull (res, i, col + 1 + (int) c))
        gx_report_set_value (report, cell, get_int (res, i, col + 1 + (int) c));
      else
        gx_report_set_blank (report, cell);
      gx_report_set_cell_flags (report, cell, (GxCellFlags) ((flags >> (8 * c)) & 0xff));
      if (lines)
        {
          char *end = NULL;
          guint64 line = g_ascii_strtoull (lines, &end, 10);

          if (end != lines)
            {
              gx_report_set_cell_line (report, cell, (guint) MIN (line, G_MAXUINT32));
              lines = end;
            }
        }
    }
}

static void
invalid_from_result (GxReport       *report,
                     const PGresult *res,
                     int             i,
                     int             col)
{
  gint64 cell = get_int (res, i, col);

  if (cell >= 0 && (guint64) cell < gx_schema_n_cells ())
    gx_report_set_invalid (report, (guint) cell, get_text (res, i, col + 1));
}

/* SHA-256 of the values, for reports that come from no file (the same
 * digest as the SQLite workspace's, so that `copy` keeps what they are). */
static char *
hash_values (GxReport *report)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *year = g_strdup_printf ("%d", gx_report_get_year (report));

  g_checksum_update (sum, (const guchar *) "gxreports-values\n", -1);
  g_checksum_update (sum, (const guchar *) (gx_report_get_issuer (report) ?: ""), -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) year, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      g_autofree char *text = gx_report_dup_text (report, i);
      char state = (char) ('0' + gx_report_get_cell (report, i, NULL));

      g_checksum_update (sum, (const guchar *) &state, 1);
      g_checksum_update (sum, (const guchar *) text, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static const char *const summary_paths[] = {
  "applications.new_received.total",
  "applications.results_total.total",
  "applications.carried_forward.total",
  "review_litigation.review.total",
  "review_litigation.litigation_direct.total",
  "review_litigation.litigation_after_review.total",
};

#define N_SUMMARY G_N_ELEMENTS (summary_paths)

static int
summary_cell (guint i)
{
  static int cells[N_SUMMARY];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint k = 0; k < N_SUMMARY; k++)
        cells[k] = gx_schema_find_cell_by_path (summary_paths[k]);
      g_once_init_leave (&initialized, 1);
    }
  return cells[i];
}

static gboolean check_full (GxPgStore     *self,
                            GxReport      *report,
                            GxCheckFlags   flags,
                            GxRulesFlags   rules,
                            GError       **error);
static gboolean refresh_neighbours (GxPgStore   *self,
                                    const char  *issuer,
                                    int          year,
                                    gint64       id,
                                    GArray      *parents,
                                    GError     **error);
static gboolean refresh_summary (GxPgStore  *self,
                                 gint64      id,
                                 GError    **error);
static gboolean refresh_issuer_group (GxPgStore   *self,
                                      const char  *key,
                                      GError     **error);

/* Appends the list's figures of @report and its counts of findings not
 * dismissed (N_SUMMARY + 3 parameters); @recheck as in gx-store.c. */
static gboolean
add_summary (GxPgStore  *self,
             Params     *p,
             GxReport   *report,
             gboolean    recheck,
             GError    **error)
{
  guint counts[3];

  if (recheck &&
      !check_full (self, report, GX_CHECK_REUSE, GX_RULES_NO_BLANK_CELLS, error))
    return FALSE;
  gx_review_count_open (report, counts);
  for (guint k = 0; k < N_SUMMARY; k++)
    {
      gint64 value;

      if (gx_report_get_cell (report, (guint) summary_cell (k), &value) == GX_CELL_VALUE)
        p_int (p, value);
      else
        p_null (p);
    }
  p_int (p, counts[GX_SEVERITY_ERROR]);
  p_int (p, counts[GX_SEVERITY_WARNING]);
  p_int (p, counts[GX_SEVERITY_NOTE]);
  return TRUE;
}

static gboolean
write_summary (GxPgStore  *self,
               gint64      id,
               GxReport   *report,
               GError    **error)
{
  Params p = { 0 };

  p_int (&p, id);
  return add_summary (self, &p, report, FALSE, error) &&
         run_done (self, STMT_WRITE_SUMMARY, &p, _("cannot write the report"), error);
}

/* $1…$17 of STMT_INSERT_REPORT and STMT_UPDATE_REPORT_*; @issuer_key is
 * kept by the caller. */
static gboolean
add_report_row (GxPgStore   *self,
                Params      *p,
                GxReport    *report,
                const char  *content_hash,
                const char  *now,
                const char  *issuer_key,
                GError     **error)
{
  p_text (p, gx_report_get_issuer (report));
  if (gx_report_get_year (report) > 0)
    p_int (p, gx_report_get_year (report));
  else
    p_null (p);
  p_text (p, gx_report_get_source (report));
  p_text (p, content_hash);
  p_text (p, gx_report_get_format_version (report));
  p_text (p, now);
  p_text (p, issuer_key);
  p_text (p, gx_report_get_prose (report));
  return add_summary (self, p, report, TRUE, error);
}

static void
append_line_number (GString *lines,
                    gboolean separator,
                    guint    line)
{
  char digits[12];
  int n = 0;

  do
    digits[n++] = (char) ('0' + line % 10);
  while ((line /= 10) > 0);
  if (separator)
    g_string_append_c (lines, ' ');
  while (n > 0)
    g_string_append_c (lines, digits[--n]);
}

#define N_CELL_ARRAYS 10

/* The cells of @report as the arrays of STMT_INSERT_CELLS: row, v0 … v6,
 * flags, lines (text of PostgreSQL arrays, values as numbers). */
static void
cell_arrays (GxReport  *report,
             GString   *arrays[N_CELL_ARRAYS],
             gboolean  *any_invalid)
{
  GxFormat format = gx_report_get_format (report);
  g_autofree GxCellValue *cells = g_new (GxCellValue, gx_schema_n_cells ());
  gboolean first = TRUE;

  *any_invalid = FALSE;
  for (guint a = 0; a < N_CELL_ARRAYS; a++)
    arrays[a] = g_string_new ("{");
  gx_report_get_cells (report, cells);
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      gint64 flags = 0;

      if (!gx_schema_row_in_format (row, format))
        continue;
      if (!first)
        for (guint a = 0; a < N_CELL_ARRAYS; a++)
          g_string_append_c (arrays[a], ',');
      first = FALSE;
      g_string_append_printf (arrays[0], "%u", r);
      /* digits and spaces only: quoted as one element */
      g_string_append_c (arrays[9], '"');
      for (guint c = 0; c < MAX_COLUMNS; c++)
        {
          guint cell = row->first_cell + c;

          if (c < row->n_columns && cells[cell].state == GX_CELL_VALUE)
            g_string_append_printf (arrays[1 + c], "%" G_GINT64_FORMAT, cells[cell].value);
          else
            g_string_append (arrays[1 + c], "NULL");
          if (c >= row->n_columns)
            continue;
          if (cells[cell].state == GX_CELL_INVALID)
            *any_invalid = TRUE;
          flags |= (gint64) (cells[cell].flags & 0xff) << (8 * c);
          append_line_number (arrays[9], c > 0, gx_report_get_cell_line (report, cell));
        }
      g_string_append_c (arrays[9], '"');
      g_string_append_printf (arrays[8], "%" G_GINT64_FORMAT, flags);
    }
  for (guint a = 0; a < N_CELL_ARRAYS; a++)
    g_string_append_c (arrays[a], '}');
}

static void
cell_arrays_free (GString *arrays[N_CELL_ARRAYS])
{
  for (guint a = 0; a < N_CELL_ARRAYS; a++)
    g_string_free (arrays[a], TRUE);
}

/* The raw text of the cells of @report that are not numbers. */
static gboolean
write_invalid (GxPgStore  *self,
               gint64      id,
               GxReport   *report,
               GError    **error)
{
  for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
    {
      Params p = { 0 };

      if (gx_report_get_cell (report, cell, NULL) != GX_CELL_INVALID)
        continue;
      p_int (&p, id);
      p_int (&p, cell);
      p_text (&p, gx_report_get_raw (report, cell));
      if (!run_done (self, STMT_INSERT_INVALID, &p, _("cannot write the report"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_cells (GxPgStore  *self,
             gint64      id,
             GxReport   *report,
             gboolean    replace_existing,
             GError    **error)
{
  GString *arrays[N_CELL_ARRAYS];
  const char *values[1 + N_CELL_ARRAYS];
  char number[24];
  gboolean any_invalid;
  PGresult *res;

  if (replace_existing)
    {
      Params p = { 0 };

      p_int (&p, id);
      if (!run_done (self, STMT_DELETE_CELLS, &p, _("cannot write the report"), error) ||
          !run_done (self, STMT_DELETE_INVALID, &p, _("cannot write the report"), error))
        return FALSE;
    }
  cell_arrays (report, arrays, &any_invalid);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, id);
  values[0] = number;
  for (guint a = 0; a < N_CELL_ARRAYS; a++)
    values[1 + a] = arrays[a]->str;
  res = run_values (self, STMT_INSERT_CELLS, G_N_ELEMENTS (values), values, PGRES_COMMAND_OK,
                    _("cannot write the report"), error);
  cell_arrays_free (arrays);
  if (res == NULL)
    return FALSE;
  PQclear (res);
  return !any_invalid || write_invalid (self, id, report, error);
}

/* A new report with its cells (one statement); its id, 0 when the same
 * content is there already (ON CONFLICT), -1 on error. */
static gint64
insert_report (GxPgStore  *self,
               Params     *p,
               GxReport   *report,
               GError    **error)
{
  GString *arrays[N_CELL_ARRAYS];
  const char *values[17 + N_CELL_ARRAYS];
  gboolean any_invalid;
  PGresult *res;
  gint64 id = 0;

  g_assert (p->n == 17);
  cell_arrays (report, arrays, &any_invalid);
  for (int i = 0; i < 17; i++)
    values[i] = p->values[i];
  for (guint a = 0; a < N_CELL_ARRAYS; a++)
    values[17 + a] = arrays[a]->str;
  res = run_values (self, STMT_INSERT_REPORT_CELLS, G_N_ELEMENTS (values), values, PGRES_TUPLES_OK,
                    _("cannot add the report"), error);
  cell_arrays_free (arrays);
  if (res == NULL)
    return -1;
  if (PQntuples (res) == 1)
    id = get_int (res, 0, 0);
  PQclear (res);
  if (id > 0 && any_invalid && !write_invalid (self, id, report, error))
    return -1;
  if (id > 0)
    self->n_added++;
  return id;
}

static void
notice_cb (void       *user_data,
           const char *message)
{
  g_debug ("PostgreSQL: %s", message);
}

/* A connection to @location.  libpq finds the password itself (~/.pgpass,
 * PGPASSWORD, a service file) unless one was given in this process
 * (gx_backend_set_password()): that one is a parameter after the
 * location's own, and so goes first.  sslmode and the rest are libpq's. */
static PGconn *
connect_location (const char *location)
{
  char *password = gx_backend_dup_password (location);
  const char *keywords[] = { "dbname", password ? "password" : NULL, NULL };
  const char *values[] = { location, password, NULL };
  PGconn *conn;

  /* expand_dbname: the location is a URI or a conninfo
   * (gx_backend_location_is_postgres()) */
  conn = PQconnectdbParams (keywords, values, 1);
  gx_backend_password_free (password);
  return conn;
}

/* GObject --------------------------------------------------------------------- */

static void
gx_pg_store_finalize (GObject *object)
{
  GxPgStore *self = GX_PG_STORE (object);

  if (self->conn)
    {
      settle (self, FALSE, NULL);
      PQfinish (self->conn);
    }
  g_free (self->location);
  g_free (self->display);
  g_free (self->pending_release);
  g_free (self->lookup_issuer);

  G_OBJECT_CLASS (gx_pg_store_parent_class)->finalize (object);
}

static void
gx_pg_store_class_init (GxPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_pg_store_finalize;
}

static void
gx_pg_store_init (GxPgStore *self)
{
  self->has_reviews = -1;
}

/* Public API ------------------------------------------------------------------ */

GxPgStore *
gx_pg_store_open (const char  *location,
                  gboolean     read_only,
                  GError     **error)
{
  g_autoptr(GxPgStore) self = NULL;
  g_autofree char *parse_error = NULL;
  PQconninfoOption *options;
  int version = 0;

  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (GX_TYPE_PG_STORE, NULL);
  self->location = g_strdup (location);
  self->display = gx_pg_location_display (location);

  /* a malformed location is said so before connecting; a password in it
   * is refused, so that it is never kept or shown */
  {
    char *message = NULL;

    options = PQconninfoParse (location, &message);
    if (options == NULL)
      {
        g_autofree char *text = g_strstrip (g_strdup (message ? message : "?"));

        PQfreemem (message);
        g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                     _("%s: cannot open the workspace: %s"), self->display, text);
        return NULL;
      }
    PQconninfoFree (options);
    if (gx_backend_location_has_password (location))
      {
        g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                     _("%s: the workspace's address holds a password; give it in ~/.pgpass or PGPASSWORD instead, so that it is not kept with the list of workspaces"),
                     self->display);
        return NULL;
      }
  }

  self->conn = connect_location (location);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = server_message (self->conn, NULL);

      /* the server asked for a password: none was found, or it refused
       * the one given (a failure after the password, a database that is
       * not there, is said so too: the message has the server's words) */
      if (self->conn != NULL &&
          (PQconnectionNeedsPassword (self->conn) || PQconnectionUsedPassword (self->conn)))
        g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NEEDS_PASSWORD,
                     _("%s: the server asks for a password (give it in ~/.pgpass or PGPASSWORD): %s"),
                     self->display, message);
      else
        g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                     _("%s: cannot open the workspace: %s"), self->display, message);
      return NULL;
    }
  /* the server's notices (an ANALYZE of a table of someone else's is
   * skipped with a warning) are for the debug log, not the terminal */
  PQsetNoticeProcessor (self->conn, notice_cb, NULL);
  if (PQsetClientEncoding (self->conn, "UTF8") != 0 ||
      !exec (self, "SET client_min_messages = warning; SET plan_cache_mode = force_generic_plan", error))
    {
      pg_error (self, NULL, error, _("cannot open the workspace"));
      return NULL;
    }
  if (!read_version (self, &version, error))
    return NULL;
  if (version > PG_STORE_VERSION)
    {
      too_new_error (self, version, error);
      return NULL;
    }
  if (version < PG_STORE_VERSION && !migrate (self, error))
    return NULL;
  if (!check_cell_keys (self, error))
    return NULL;
  if (read_only)
    {
      if (!exec (self, "SET default_transaction_read_only = on", error))
        return NULL;
      self->read_only = TRUE;
    }
  return g_steal_pointer (&self);
}

gboolean
gx_pg_store_is_read_only (GxPgStore *self)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  return self->read_only;
}

const char *
gx_pg_store_get_location (GxPgStore *self)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  return self->location;
}

const char *
gx_pg_store_get_display (GxPgStore *self)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  return self->display;
}

gint64
gx_pg_store_get_data_version (GxPgStore  *self,
                              GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), -1);
  return one_id (self, STMT_DATA_VERSION, NULL, error);
}

gboolean
gx_pg_store_begin (GxPgStore  *self,
                   GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch && self->depth == 0, FALSE);

  if (self->read_only)
    return read_only_error (self, error);
  if (!exec (self, "BEGIN", error))
    return FALSE;
  if (!exec (self, batch_lock_sql, error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  self->in_batch = TRUE;
  return TRUE;
}

gboolean
gx_pg_store_commit (GxPgStore  *self,
                    GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  ok = exec (self, batch_changed_sql, error) && exec (self, "COMMIT", error);
  if (!ok)
    exec (self, "ROLLBACK", NULL);
  self->in_batch = FALSE;
  self->depth = 0;
  /* the statements are planned once: when the workspace has grown well
   * past what the planner last knew of it, its statistics are renewed,
   * which makes every client plan its statements again (the lookups
   * keep using their indexes as the tables grow) */
  if (ok && self->n_added > MAX (200, self->analysed))
    {
      exec (self, "ANALYZE reports, report_cells (report_id)", NULL);
      self->analysed += self->n_added;
      self->n_added = 0;
    }
  return ok;
}

void
gx_pg_store_rollback (GxPgStore *self)
{
  g_return_if_fail (GX_IS_PG_STORE (self));

  settle (self, FALSE, NULL);
  g_clear_pointer (&self->pending_release, g_free);
  if (self->in_batch)
    exec (self, "ROLLBACK", NULL);
  self->in_batch = FALSE;
  self->depth = 0;
  self->has_reviews = -1;
}

gboolean
gx_pg_store_savepoint (GxPgStore  *self,
                       GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);
  return exec (self, "SAVEPOINT gx_unit", error);
}

gboolean
gx_pg_store_release_savepoint (GxPgStore  *self,
                               GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  return exec (self, "RELEASE gx_unit", error);
}

void
gx_pg_store_rollback_to_savepoint (GxPgStore *self)
{
  g_return_if_fail (GX_IS_PG_STORE (self));
  exec (self, "ROLLBACK TO gx_unit", NULL);
  exec (self, "RELEASE gx_unit", NULL);
}

gint64
gx_pg_store_find_hash (GxPgStore   *self,
                       const char  *content_hash,
                       GError     **error)
{
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), -1);
  g_return_val_if_fail (content_hash != NULL, -1);

  p_text (&p, content_hash);
  return one_id (self, STMT_FIND_HASH, &p, error);
}

/* Inside a batch, a put's write_begin() (the RELEASE of the put before
 * and its own SAVEPOINT) and its lookup (STMT_PUT_LOOKUP or STMT_PUT_NEW
 * with @values) go to the server together, in one round trip (libpq's pipeline mode); the
 * lookup's answer, or NULL and @error (then no savepoint was made when
 * *@begun is FALSE). */
static PGresult *
put_begin_query (GxPgStore          *self,
                 StmtId              stmt,
                 int                 n_values,
                 const char *const  *values,
                 gboolean           *begun,
                 GError            **error)
{
  char savepoint[48];
  char name[16];
  const char *commands[2];
  guint n_commands = 0;
  PGresult *answer = NULL;
  PGresult *res;
  gboolean failed = FALSE, sent;

  *begun = FALSE;
  if (!prepare (self, stmt, error))
    return NULL;
  if (PQenterPipelineMode (self->conn) != 1)
    {
      /* (a connection busy otherwise): one after the other */
      if (!write_begin (self, error))
        return NULL;
      *begun = TRUE;
      return run_values (self, stmt, n_values, values, PGRES_TUPLES_OK,
                         _("cannot read the workspace"), error);
    }

  g_snprintf (savepoint, sizeof savepoint, "SAVEPOINT gx_put_%u", self->depth);
  g_snprintf (name, sizeof name, "gx%d", (int) stmt);
  if (self->pending_release != NULL)
    commands[n_commands++] = self->pending_release;
  commands[n_commands++] = savepoint;
  sent = TRUE;
  for (guint i = 0; i < n_commands && sent; i++)
    sent = PQsendQueryParams (self->conn, commands[i], 0, NULL, NULL, NULL, NULL, 0) == 1;
  sent = sent && PQsendQueryPrepared (self->conn, name, n_values, values, NULL, NULL, 0) == 1 &&
         PQpipelineSync (self->conn) == 1;
  g_clear_pointer (&self->pending_release, g_free);
  if (!sent)
    {
      pg_error (self, NULL, error, _("cannot update the workspace"));
      PQexitPipelineMode (self->conn);
      return NULL;
    }

  /* the answers in order: the commands', the lookup's, the sync */
  for (guint i = 0; i <= n_commands; i++)
    while ((res = PQgetResult (self->conn)) != NULL)
      {
        ExecStatusType status = PQresultStatus (res);

        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
          {
            if (!failed)
              pg_error (self, status == PGRES_PIPELINE_ABORTED ? NULL : res, error,
                        i < n_commands ? _("cannot update the workspace")
                                       : _("cannot read the workspace"));
            failed = TRUE;
          }
        else if (i == n_commands - 1)
          *begun = TRUE;   /* the savepoint is there */
        if (i == n_commands && status == PGRES_TUPLES_OK && answer == NULL)
          answer = res;
        else
          PQclear (res);
      }
  res = PQgetResult (self->conn);
  if (PQresultStatus (res) != PGRES_PIPELINE_SYNC && !failed)
    {
      pg_error (self, res, error, _("cannot read the workspace"));
      failed = TRUE;
    }
  PQclear (res);
  PQexitPipelineMode (self->conn);
  if (*begun)
    self->depth++;
  if (failed)
    g_clear_pointer (&answer, PQclear);
  return answer;
}

/* @res: the answer of STMT_PUT_LOOKUP with @lookup (taken), or NULL to ask
 * it now */
static gboolean
put_report_inner (GxPgStore        *self,
                  GxReport         *report,
                  const char       *hash,
                  const char       *issuer_key,
                  const Params     *lookup,
                  PGresult         *res,
                  gboolean          replace,
                  GxImportOutcome  *outcome,
                  GError          **error)
{
  g_autofree char *now = NULL;
  const char *issuer = gx_report_get_issuer (report);
  int year = gx_report_get_year (report);
  gint64 existing;
  gint64 id = 0;
  Params p = { 0 };

  /* every question of the put in one round trip */
  if (res == NULL &&
      !(res = run (self, STMT_PUT_LOOKUP, lookup, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    return FALSE;
  if (get_int (res, 0, 0) > 0)
    {
      gx_report_set_id (report, get_int (res, 0, 0));
      *outcome = GX_IMPORT_ALREADY_PRESENT;
      PQclear (res);
      return TRUE;
    }
  existing = issuer != NULL && year > 0 ? get_int (res, 0, 1) : 0;
  g_free (self->lookup_issuer);
  self->lookup_issuer = g_strdup (issuer);
  self->lookup_year = year;
  self->lookup_previous = get_int (res, 0, 2);
  self->lookup_next = get_int (res, 0, 3);
  self->lookup_valid = issuer_key != NULL && year > 1 && year < 9999;
  PQclear (res);

  if (existing > 0 && !replace)
    {
      g_autoptr(GxReport) other = gx_pg_store_load_cells (self, existing, error);

      if (other == NULL)
        return FALSE;
      if (gx_report_get_year (other) == year &&
          gx_report_values_equal (other, report))
        {
          gx_report_set_id (report, existing);
          *outcome = GX_IMPORT_ALREADY_PRESENT;
          return TRUE;
        }
      *outcome = GX_IMPORT_CONFLICT;
      return TRUE;
    }

  now = now_iso8601 ();
  if (existing > 0)
    gx_report_set_id (report, existing);
  memset (&p, 0, sizeof p);
  if (!add_report_row (self, &p, report, hash, now, issuer_key, error))
    return FALSE;
  if (existing > 0)
    {
      p_int (&p, existing);
      if (!run_done (self, STMT_UPDATE_REPORT_IMPORT, &p, _("cannot add the report"), error) ||
          !write_cells (self, existing, report, TRUE, error))
        return FALSE;
      id = existing;
    }
  else
    {
      id = insert_report (self, &p, report, error);
      if (id < 0)
        return FALSE;
      if (id == 0)
        {
          /* the same content came in meanwhile (ON CONFLICT DO NOTHING) */
          existing = gx_pg_store_find_hash (self, hash, error);
          if (existing <= 0)
            return existing == 0 ? pg_error (self, NULL, error, _("cannot add the report")) : FALSE;
          gx_report_set_id (report, existing);
          *outcome = GX_IMPORT_ALREADY_PRESENT;
          return TRUE;
        }
      existing = 0;
    }

  gx_report_set_id (report, id);
  *outcome = existing > 0 ? GX_IMPORT_REPLACED : GX_IMPORT_ADDED;
  if (existing > 0)
    {
      g_autoptr(GArray) parents = gx_pg_store_get_parents (self, id, error);

      return parents != NULL &&
             refresh_neighbours (self, issuer, year, id, parents, error);
    }
  return refresh_neighbours (self, issuer, year, id, NULL, error);
}

/* Whether an import's put may take put_new(): a report of a known issuer
 * and year (the lookup of the years around it is valid, as in
 * put_report_inner()). */
static gboolean
put_may_be_new (GxReport    *report,
                const char  *issuer_key)
{
  int year = gx_report_get_year (report);

  return gx_report_get_issuer (report) != NULL && issuer_key != NULL && year > 1 && year < 9999;
}

#define PUT_NEW_N_VALUES (17 + N_CELL_ARRAYS)

/* The values of STMT_PUT_NEW for @report, checked on the assumption that
 * the workspace has no report of its issuer's years before and after (the
 * statement adds it only then): @p and @arrays hold them until sent
 * (cell_arrays_free()).  *@any_invalid: @report has cells that are not
 * numbers, for write_invalid() once added. */
static gboolean
put_new_values (GxPgStore   *self,
                GxReport    *report,
                const char  *content_hash,
                const char  *issuer_key,
                const char  *now,
                Params      *p,
                GString     *arrays[N_CELL_ARRAYS],
                const char  *values[PUT_NEW_N_VALUES],
                gboolean    *any_invalid,
                GError     **error)
{
  gboolean ok;

  g_free (self->lookup_issuer);
  self->lookup_issuer = g_strdup (gx_report_get_issuer (report));
  self->lookup_year = gx_report_get_year (report);
  self->lookup_previous = 0;
  self->lookup_next = 0;
  self->lookup_valid = TRUE;
  ok = add_report_row (self, p, report, content_hash, now, issuer_key, error);
  self->lookup_valid = FALSE;
  if (!ok)
    return FALSE;
  g_assert (p->n == 17);
  cell_arrays (report, arrays, any_invalid);
  for (int i = 0; i < 17; i++)
    values[i] = p->values[i];
  for (guint a = 0; a < N_CELL_ARRAYS; a++)
    values[17 + a] = arrays[a]->str;
  return TRUE;
}

/* An import's put of a report that is new by all appearances (the common
 * case), in one round trip where put_report_inner() takes two: the report
 * is checked as having no report of the years before and after, then its
 * savepoint and STMT_PUT_NEW go together, which adds it only when the
 * workspace has no report of its content, of its issuer and year, nor of
 * the years around it (so the check stands).  Added: NULL and *@added
 * (its id set).  Otherwise STMT_PUT_NEW's answer, whose first columns are
 * those of STMT_PUT_LOOKUP, for put_report_inner() to go on with (then
 * nothing was written but the savepoint); NULL and @error on error. */
static PGresult *
put_new (GxPgStore    *self,
         GxReport     *report,
         const char   *content_hash,
         const char   *issuer_key,
         gboolean     *added,
         gboolean     *begun,
         GError      **error)
{
  g_autofree char *now = now_iso8601 ();
  GString *arrays[N_CELL_ARRAYS];
  const char *values[PUT_NEW_N_VALUES];
  gboolean any_invalid;
  Params p = { 0 };
  PGresult *res;
  gint64 id;

  *added = FALSE;
  *begun = FALSE;
  if (!put_new_values (self, report, content_hash, issuer_key, now, &p, arrays, values,
                       &any_invalid, error))
    return NULL;
  res = put_begin_query (self, STMT_PUT_NEW, G_N_ELEMENTS (values), values, begun, error);
  cell_arrays_free (arrays);
  if (res == NULL)
    return NULL;
  if (PQntuples (res) != 1 || PQgetisnull (res, 0, 4))
    return res;
  id = get_int (res, 0, 4);
  PQclear (res);
  self->lookup_valid = TRUE;
  gx_report_set_id (report, id);
  self->n_added++;
  if ((any_invalid && !write_invalid (self, id, report, error)) ||
      !refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report), id,
                           NULL, error))
    return NULL;
  *added = TRUE;
  return NULL;
}

gboolean
gx_pg_store_put_report (GxPgStore        *self,
                        GxReport         *report,
                        const char       *content_hash,
                        gboolean          replace,
                        GxImportOutcome  *outcome,
                        GError          **error)
{
  g_autofree char *values_hash = NULL;
  g_autofree char *issuer_key = NULL;
  GxImportOutcome dummy;
  PGresult *looked_up = NULL;
  Params lookup = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  if (!settle (self, TRUE, error))
    return FALSE;
  if (outcome == NULL)
    outcome = &dummy;
  if (content_hash == NULL)
    content_hash = values_hash = hash_values (report);
  issuer_key = gx_issuer_normalize (gx_report_get_issuer (report));
  p_text (&lookup, content_hash);
  p_text (&lookup, issuer_key);
  p_int (&lookup, gx_report_get_year (report));
  if ((self->in_batch || self->depth > 0) && !self->read_only)
    {
      /* an import's put: its savepoint and its lookup at once */
      gboolean begun;

      if (put_may_be_new (report, issuer_key))
        {
          gboolean added = FALSE;

          looked_up = put_new (self, report, content_hash, issuer_key, &added, &begun, error);
          if (looked_up == NULL && !added)
            {
              if (begun)
                write_abort (self);
              return FALSE;
            }
          if (added)
            {
              *outcome = GX_IMPORT_ADDED;
              return write_end (self, error);
            }
        }
      else
        looked_up = put_begin_query (self, STMT_PUT_LOOKUP, lookup.n, lookup.values, &begun, error);
      if (looked_up == NULL)
        {
          if (begun)
            write_abort (self);
          return FALSE;
        }
    }
  else if (!write_begin (self, error))
    return FALSE;
  if (!put_report_inner (self, report, content_hash, issuer_key, &lookup, looked_up, replace,
                         outcome, error))
    {
      write_abort (self);
      return FALSE;
    }
  return write_end (self, error);
}

/* Puts sent ahead -------------------------------------------------------------
 *
 * gx_pg_store_queue_put(): inside a batch, an import's put of a report new
 * by all appearances (put_may_be_new()) is sent as STMT_PUT_NEW with a
 * sync of its own and not waited for (libpq's pipeline mode): up to
 * WINDOW_MAX such puts are on their way while the importer reads its next
 * files, and their answers are read together, in order (settle()), when
 * the window is full, before a put of the same issuer key or content as
 * one on its way, and before anything else is asked of the server.  A
 * window starts with a savepoint of its own.
 *
 * A put the server did not add (not new after all: its content, its issuer
 * and year or the years around it were there) wrote nothing and goes on as
 * put_report_inner() from its answer once the window's answers are read.
 * That is the same as taking the puts one after the other unless a put
 * after it in the window was added for the same issuer (two spellings the
 * user merged; the client compares spellings only): the answer of that one
 * could have been another, so the window is undone to its savepoint and
 * its puts are put again one by one.
 */

typedef struct
{
  GxReport *report;
  char *hash;
  char *issuer_key;           /* normalised, before merges */
  gboolean replace;
  gboolean any_invalid;
  guint n_commands;           /* commands sent before its statement (RELEASE, SAVEPOINT) */
  GxBackendPutDone done;
  gpointer user_data;
  PGresult *answer;           /* STMT_PUT_NEW's, once read */
} Queued;

static void
queued_free (gpointer data)
{
  Queued *q = data;

  g_object_unref (q->report);
  g_free (q->hash);
  g_free (q->issuer_key);
  g_clear_pointer (&q->answer, PQclear);
  g_free (q);
}

static gboolean
queued_added (const Queued *q)
{
  return PQntuples (q->answer) == 1 && !PQgetisnull (q->answer, 0, 4);
}

/* Reads the answers of @q's commands and statement and its sync; the
 * first failure into @error (the ones after it are of the failed
 * transaction). */
static void
read_queued (GxPgStore  *self,
             Queued     *q,
             GError    **error)
{
  PGresult *res;

  for (guint i = 0; i <= q->n_commands; i++)
    while ((res = PQgetResult (self->conn)) != NULL)
      {
        ExecStatusType status = PQresultStatus (res);
        gboolean is_answer = i == q->n_commands;

        if (status != (is_answer ? PGRES_TUPLES_OK : PGRES_COMMAND_OK) ||
            (is_answer && PQntuples (res) != 1))
          {
            if (error != NULL && *error == NULL)
              pg_error (self, status == PGRES_PIPELINE_ABORTED ? NULL : res, error,
                        _("cannot add the report"));
          }
        else if (is_answer && q->answer == NULL)
          {
            q->answer = res;
            continue;
          }
        PQclear (res);
      }
  res = PQgetResult (self->conn);
  if (PQresultStatus (res) != PGRES_PIPELINE_SYNC && error != NULL && *error == NULL)
    pg_error (self, res, error, _("cannot add the report"));
  PQclear (res);
}

/* Whether a put after the one at @link, of the same issuer after merges
 * or of the same content, was added. */
static gboolean
added_after (GList *link)
{
  const Queued *q = link->data;
  const char *key = PQgetvalue (q->answer, 0, 5);

  for (GList *l = link->next; l != NULL; l = l->next)
    {
      const Queued *later = l->data;

      if (queued_added (later) &&
          (g_strcmp0 (PQgetvalue (later->answer, 0, 5), key) == 0 ||
           g_strcmp0 (later->hash, q->hash) == 0))
        return TRUE;
    }
  return FALSE;
}

/* The puts of a window, from its answers (see above). */
static gboolean
answer_window (GxPgStore  *self,
               GQueue     *window,
               GError    **error)
{
  gboolean again = FALSE;

  for (GList *l = window->head; l != NULL && !again; l = l->next)
    again = !queued_added (l->data) && added_after (l);
  if (again)
    {
      if (!exec (self, "ROLLBACK TO gx_window; RELEASE gx_window", error))
        return FALSE;
      g_debug ("%s: a window of %u puts put again one by one", self->display, window->length);
    }

  for (GList *l = window->head; l != NULL; l = l->next)
    {
      Queued *q = l->data;
      GxImportOutcome outcome = GX_IMPORT_ADDED;

      if (again)
        {
          if (!gx_pg_store_put_report (self, q->report, q->hash, q->replace, &outcome, error))
            return FALSE;
        }
      else if (queued_added (q))
        {
          gint64 id = get_int (q->answer, 0, 4);

          gx_report_set_id (q->report, id);
          self->n_added++;
          if (q->any_invalid && !write_invalid (self, id, q->report, error))
            return FALSE;
        }
      else
        {
          /* nothing written: on from what the server looked up */
          if (!write_begin (self, error))
            return FALSE;
          if (!put_report_inner (self, q->report, q->hash, q->issuer_key, NULL,
                                 g_steal_pointer (&q->answer), q->replace, &outcome, error))
            {
              write_abort (self);
              return FALSE;
            }
          if (!write_end (self, error))
            return FALSE;
        }
      q->done (q->report, outcome, q->user_data);
    }
  if (!again)
    {
      /* the window's savepoint goes with the next command (and with it
       * those of the puts that went on) */
      g_free (self->pending_release);
      self->pending_release = g_strdup ("RELEASE gx_window");
    }
  return TRUE;
}

/* Reads the answers of the puts sent ahead and leaves pipeline mode; with
 * @answer, gives them (answer_window()), otherwise drops them (a rollback
 * follows).  FALSE and @error when a put failed. */
static gboolean
settle (GxPgStore  *self,
        gboolean    answer,
        GError    **error)
{
  g_autoptr(GError) failure = NULL;
  GQueue window = self->window;
  gboolean ok;

  if (g_queue_is_empty (&window))
    return TRUE;
  /* taken: whatever answering them asks of the server runs at once */
  g_queue_init (&self->window);
  for (GList *l = window.head; l != NULL; l = l->next)
    read_queued (self, l->data, &failure);
  if (PQexitPipelineMode (self->conn) != 1 && failure == NULL)
    pg_error (self, NULL, &failure, _("cannot add the report"));
  if (failure != NULL)
    ok = FALSE;
  else
    ok = !answer || answer_window (self, &window, &failure);
  g_queue_clear_full (&window, queued_free);
  if (!ok && answer)
    g_propagate_error (error, g_steal_pointer (&failure));
  return ok || !answer;
}

/* Whether a put of @issuer_key or @content_hash is on its way. */
static gboolean
window_has (GxPgStore   *self,
            const char  *issuer_key,
            const char  *content_hash)
{
  for (GList *l = self->window.head; l != NULL; l = l->next)
    {
      const Queued *q = l->data;

      if (strcmp (q->issuer_key, issuer_key) == 0 || strcmp (q->hash, content_hash) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A put answered before it returns. */
static gboolean
put_now (GxPgStore         *self,
         GxReport          *report,
         const char        *content_hash,
         gboolean           replace,
         GxBackendPutDone   done,
         gpointer           user_data,
         GError           **error)
{
  GxImportOutcome outcome;

  if (!gx_pg_store_put_report (self, report, content_hash, replace, &outcome, error))
    return FALSE;
  done (report, outcome, user_data);
  return TRUE;
}

gboolean
gx_pg_store_queue_put (GxPgStore         *self,
                       GxReport          *report,
                       const char        *content_hash,
                       gboolean           replace,
                       GxBackendPutDone   done,
                       gpointer           user_data,
                       GError           **error)
{
  g_autofree char *issuer_key = NULL;
  g_autofree char *now = NULL;
  GString *arrays[N_CELL_ARRAYS];
  const char *values[PUT_NEW_N_VALUES];
  const char *commands[2];
  char name[16];
  guint n_commands = 0;
  gboolean any_invalid, sent = TRUE;
  Params p = { 0 };
  Queued *q;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  issuer_key = gx_issuer_normalize (gx_report_get_issuer (report));
  if (content_hash == NULL || !self->in_batch || self->depth > 0 || self->read_only ||
      !put_may_be_new (report, issuer_key))
    return put_now (self, report, content_hash, replace, done, user_data, error);

  if ((self->window.length >= WINDOW_MAX || window_has (self, issuer_key, content_hash)) &&
      !settle (self, TRUE, error))
    return FALSE;
  if (!prepare (self, STMT_PUT_NEW, error))
    return FALSE;
  now = now_iso8601 ();
  /* (its check may ask the server: that takes the answers due first) */
  if (!put_new_values (self, report, content_hash, issuer_key, now, &p, arrays, values,
                       &any_invalid, error))
    return FALSE;

  if (g_queue_is_empty (&self->window))
    {
      if (PQenterPipelineMode (self->conn) != 1)
        {
          cell_arrays_free (arrays);
          return put_now (self, report, content_hash, replace, done, user_data, error);
        }
      if (self->pending_release != NULL)
        commands[n_commands++] = self->pending_release;
      commands[n_commands++] = "SAVEPOINT gx_window";
    }
  g_snprintf (name, sizeof name, "gx%d", (int) STMT_PUT_NEW);
  for (guint i = 0; i < n_commands && sent; i++)
    sent = PQsendQueryParams (self->conn, commands[i], 0, NULL, NULL, NULL, NULL, 0) == 1;
  sent = sent &&
         PQsendQueryPrepared (self->conn, name, PUT_NEW_N_VALUES, values, NULL, NULL, 0) == 1 &&
         PQpipelineSync (self->conn) == 1;
  cell_arrays_free (arrays);
  g_clear_pointer (&self->pending_release, g_free);

  q = g_new0 (Queued, 1);
  q->report = g_object_ref (report);
  q->hash = g_strdup (content_hash);
  q->issuer_key = g_steal_pointer (&issuer_key);
  q->replace = replace;
  q->any_invalid = any_invalid;
  q->n_commands = n_commands;
  q->done = done;
  q->user_data = user_data;
  g_queue_push_tail (&self->window, q);
  if (!sent)
    {
      pg_error (self, NULL, error, _("cannot add the report"));
      settle (self, FALSE, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
gx_pg_store_flush_puts (GxPgStore  *self,
                        GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  return settle (self, TRUE, error);
}

static gboolean
not_found_error (GxPgStore  *self,
                 gint64      id,
                 GError    **error)
{
  g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND,
               _("%s: there is no report #%lld"), self->display, (long long) id);
  return FALSE;
}

gboolean
gx_pg_store_save_report (GxPgStore  *self,
                         GxReport   *report,
                         GError    **error)
{
  g_autofree char *now = NULL;
  g_autofree char *issuer_key = NULL;
  Params p = { 0 };
  gint64 id;
  gint64 new_revision = 1;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  id = gx_report_get_id (report);
  now = now_iso8601 ();
  issuer_key = gx_issuer_normalize (gx_report_get_issuer (report));
  if (!write_begin (self, error))
    return FALSE;
  if (!add_report_row (self, &p, report, NULL, now, issuer_key, error))
    goto fail;
  if (id == 0)
    {
      PGresult *res = run (self, STMT_INSERT_REPORT, &p, PGRES_TUPLES_OK, _("cannot add the report"), error);

      if (res == NULL)
        goto fail;
      if (PQntuples (res) == 1)
        id = get_int (res, 0, 0);
      PQclear (res);
      if (id == 0)
        {
          pg_error (self, NULL, error, _("cannot add the report"));
          goto fail;
        }
      if (!write_cells (self, id, report, FALSE, error))
        goto fail;
      gx_report_set_id (report, id);
    }
  else
    {
      PGresult *res;

      gint64 revision = gx_report_get_revision (report);

      p_int (&p, id);
      if (revision > 0)
        p_int (&p, revision);
      else
        p_null (&p);
      if (!(res = run (self, STMT_UPDATE_REPORT_SAVE, &p, PGRES_TUPLES_OK, _("cannot save the report"), error)))
        goto fail;
      if (PQntuples (res) == 0)
        {
          Params q = { 0 };
          gint64 there;

          PQclear (res);
          p_int (&q, id);
          there = one_id (self, STMT_LOAD_PROSE_EXISTS, &q, error);
          if (there < 0)
            goto fail;
          if (there == 0)
            not_found_error (self, id, error);
          else
            /* the report keeps the revision it was loaded at: saving it
             * again is refused again until it is reloaded, or its
             * revision set to 0 (the user chose to overwrite) */
            g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_CHANGED,
                         _("%s: report #%lld was changed by someone else since it was opened"),
                         self->display, (long long) id);
          goto fail;
        }
      new_revision = get_int (res, 0, 0);
      PQclear (res);
      if (!write_cells (self, id, report, TRUE, error))
        goto fail;
    }
  {
    g_autoptr(GArray) parents = gx_pg_store_get_parents (self, id, error);

    if (parents == NULL ||
        !refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
                             id, parents, error))
      goto fail;
  }
  if (!write_end (self, error))
    return FALSE;
  /* the report now is at the revision just written (a new one at its
   * first) */
  gx_report_set_revision (report, new_revision);
  return TRUE;

fail:
  write_abort (self);
  return FALSE;
}

static gboolean
load_cells_into (GxPgStore  *self,
                 GxReport   *report,
                 gint64      id,
                 GError    **error)
{
  Params p = { 0 };
  PGresult *res;

  p_int (&p, id);
  if (!(res = run (self, STMT_LOAD_CELLS, &p, PGRES_TUPLES_OK, _("cannot read the report"), error)))
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    row_from_result (report, res, i, 0);
  PQclear (res);
  if (!(res = run (self, STMT_LOAD_INVALID, &p, PGRES_TUPLES_OK, _("cannot read the report"), error)))
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    invalid_from_result (report, res, i, 0);
  PQclear (res);
  return TRUE;
}

/* A report with its cells and prose, not checked. */
static GxReport *
load_unchecked (GxPgStore  *self,
                gint64      id,
                GError    **error)
{
  g_autoptr(GxReport) report = gx_report_new ();
  Params p = { 0 };
  PGresult *res;

  p_int (&p, id);
  if (!(res = run (self, STMT_LOAD_REPORT, &p, PGRES_TUPLES_OK, _("cannot read the report"), error)))
    return NULL;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      not_found_error (self, id, error);
      return NULL;
    }
  report_from_row (report, res, 0);
  gx_report_set_prose (report, get_text (res, 0, 8));
  set_revision (report, get_text (res, 0, 9));
  PQclear (res);
  if (!load_cells_into (self, report, id, error))
    return NULL;
  return g_steal_pointer (&report);
}

GxReport *
gx_pg_store_load_cells (GxPgStore  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  return load_unchecked (self, id, error);
}

GxReport *
gx_pg_store_load_report (GxPgStore  *self,
                         gint64      id,
                         GError    **error)
{
  g_autoptr(GxReport) report = NULL;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);

  if (!(report = load_unchecked (self, id, error)) ||
      !check_full (self, report, GX_CHECK_DEFAULT, GX_RULES_ALL, error))
    return NULL;
  return g_steal_pointer (&report);
}

gboolean
gx_pg_store_remove_report (GxPgStore  *self,
                           gint64      id,
                           GError    **error)
{
  g_autoptr(GxReport) gone = NULL;
  g_autoptr(GArray) parents = NULL;
  Params p = { 0 };
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);

  if (!write_begin (self, error))
    return FALSE;
  if (!(gone = gx_pg_store_load_cells (self, id, error)) ||
      !(parents = gx_pg_store_get_parents (self, id, error)))
    goto fail;
  p_int (&p, id);
  if (!(res = run (self, STMT_DELETE_REPORT, &p, PGRES_COMMAND_OK, _("cannot remove the report"), error)))
    goto fail;
  if (strcmp (PQcmdTuples (res), "0") == 0)
    {
      PQclear (res);
      not_found_error (self, id, error);
      goto fail;
    }
  PQclear (res);
  if (!refresh_neighbours (self, gx_report_get_issuer (gone), gx_report_get_year (gone),
                           id, parents, error))
    goto fail;
  return write_end (self, error);

fail:
  write_abort (self);
  return FALSE;
}

/* A read transaction of one snapshot (unless one is open already). */
static gboolean
snapshot_begin (GxPgStore  *self,
                gboolean   *own,
                GError    **error)
{
  *own = !self->in_batch && self->depth == 0 && !self->in_snapshot;
  if (*own)
    {
      if (!exec (self, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
        return FALSE;
      self->in_snapshot = TRUE;
    }
  return TRUE;
}

static void
snapshot_end (GxPgStore *self,
              gboolean   own)
{
  if (own)
    {
      exec (self, "COMMIT", NULL);
      self->in_snapshot = FALSE;
    }
}

GPtrArray *
gx_pg_store_load_all (GxPgStore  *self,
                      GError    **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean own;
  PGresult *res = NULL;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);

  if (!snapshot_begin (self, &own, error))
    return NULL;
  if (!(res = run (self, STMT_LOAD_ALL_REPORTS, NULL, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    goto fail;
  for (int i = 0; i < PQntuples (res); i++)
    {
      GxReport *report = gx_report_new ();

      report_from_row (report, res, i);
      gx_report_set_prose (report, get_text (res, i, 8));
      set_revision (report, get_text (res, i, 9));
      g_ptr_array_add (reports, report);
    }
  g_clear_pointer (&res, PQclear);
  /* the ids live in the reports: keys point at a copy of each */
  {
    g_autofree gint64 *ids = g_new (gint64, reports->len + 1);

    for (guint i = 0; i < reports->len; i++)
      {
        ids[i] = gx_report_get_id (g_ptr_array_index (reports, i));
        g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (reports, i));
      }
    for (guint pass = 0; pass < 2; pass++)
      {
        if (!(res = run (self, pass == 0 ? STMT_LOAD_ALL_CELLS : STMT_LOAD_ALL_INVALID, NULL,
                         PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
          goto fail;
        for (int i = 0; i < PQntuples (res); i++)
          {
            gint64 id = get_int (res, i, 0);
            GxReport *report = g_hash_table_lookup (by_id, &id);

            if (report == NULL)
              continue;
            if (pass == 0)
              row_from_result (report, res, i, 1);
            else
              invalid_from_result (report, res, i, 1);
          }
        g_clear_pointer (&res, PQclear);
      }
    g_hash_table_remove_all (by_id);
  }
  for (guint i = 0; i < reports->len; i++)
    if (!check_full (self, g_ptr_array_index (reports, i), GX_CHECK_DEFAULT, GX_RULES_ALL, error))
      goto fail;
  snapshot_end (self, own);
  return g_steal_pointer (&reports);

fail:
  if (res)
    PQclear (res);
  if (own)
    {
      exec (self, "ROLLBACK", NULL);
      self->in_snapshot = FALSE;
    }
  return NULL;
}

GPtrArray *
gx_pg_store_list_summaries (GxPgStore  *self,
                            GError    **error)
{
  GPtrArray *reports;
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);

  if (!(res = run (self, STMT_SUMMARIES, NULL, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    return NULL;
  reports = g_ptr_array_new_full ((guint) PQntuples (res), g_object_unref);
  for (int i = 0; i < PQntuples (res); i++)
    {
      GxReport *report = gx_report_new ();

      report_from_row (report, res, i);
      for (guint k = 0; k < N_SUMMARY; k++)
        if (!PQgetisnull (res, i, 8 + (int) k))
          gx_report_set_value (report, (guint) summary_cell (k), get_int (res, i, 8 + (int) k));
      g_ptr_array_add (reports, report);
    }
  PQclear (res);
  return reports;
}

GHashTable *
gx_pg_store_dup_hashes (GxPgStore  *self,
                        GError    **error)
{
  GHashTable *hashes;
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);

  if (!(res = run (self, STMT_ALL_HASHES, NULL, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    return NULL;
  hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int i = 0; i < PQntuples (res); i++)
    g_hash_table_add (hashes, g_strdup (PQgetvalue (res, i, 0)));
  PQclear (res);
  return hashes;
}

GArray *
gx_pg_store_find_ids (GxPgStore   *self,
                      int          year,
                      const char  *issuer_contains,
                      GError     **error)
{
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  p_int (&p, year);
  p_text (&p, issuer_contains && *issuer_contains ? issuer_contains : NULL);
  return ids_of (self, STMT_FIND_IDS, &p, error);
}

GxReport *
gx_pg_store_rollup (GxPgStore     *self,
                    const gint64  *ids,
                    guint          n_ids,
                    GError       **error)
{
  g_autoptr(GxReport) report = gx_report_new ();
  g_autoptr(GString) array = g_string_new ("{");
  Params p = { 0 };
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (array, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (array, '}');
  p_text (&p, array->str);
  if (!(res = run (self, STMT_ROLLUP, &p, PGRES_TUPLES_OK, _("cannot add up the reports"), error)))
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 r = get_int (res, i, 0);
      const GxSchemaRow *row;

      if (r < 0 || (guint64) r >= gx_schema_n_rows ())
        continue;
      row = gx_schema_row ((guint) r);
      for (guint c = 0; c < row->n_columns && c < MAX_COLUMNS; c++)
        {
          const char *sum = get_text (res, i, 1 + 2 * (int) c);
          char *end = NULL;
          gint64 value;

          if (get_int (res, i, 2 + 2 * (int) c) <= 0 || sum == NULL)
            continue;
          errno = 0;
          value = g_ascii_strtoll (sum, &end, 10);
          if (errno == ERANGE || end == sum || *end != '\0')
            {
              PQclear (res);
              g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                           _("%s: cannot add up the %u reports: a sum is beyond what a value can hold (%s)"),
                           self->display, n_ids, "9,223,372,036,854");
              return NULL;
            }
          gx_report_set_value (report, row->first_cell + c, value);
        }
    }
  PQclear (res);
  g_ptr_array_unref (gx_rules_check (report));
  return g_steal_pointer (&report);
}

/* Issuers, roll-ups, checks across reports ---------------------------------- */

static char *
canonical_of (GxPgStore   *self,
              const char  *key,
              GError     **error)
{
  Params p = { 0 };
  PGresult *res;
  char *canonical = NULL;

  if (key == NULL)
    return NULL;
  p_text (&p, key);
  if (!(res = run (self, STMT_CANONICAL, &p, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    return NULL;
  if (PQntuples (res) > 0)
    canonical = g_strdup (PQgetvalue (res, 0, 0));
  PQclear (res);
  return canonical ? canonical : g_strdup (key);
}

char *
gx_pg_store_dup_issuer_key (GxPgStore  *self,
                            const char *issuer)
{
  g_autofree char *key = gx_issuer_normalize (issuer);
  char *canonical;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  if (key == NULL)
    return NULL;
  canonical = canonical_of (self, key, NULL);
  return canonical ? canonical : g_steal_pointer (&key);
}

gboolean
gx_pg_store_set_issuer_alias (GxPgStore   *self,
                              const char  *alias,
                              const char  *canonical,
                              GError     **error)
{
  g_autofree char *alias_key = gx_issuer_normalize (alias);
  g_autofree char *target_key = gx_issuer_normalize (canonical);
  g_autofree char *target = NULL;
  g_autofree char *before = NULL;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  if (alias_key == NULL)
    {
      g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND,
                   _("%s: an issuer name is needed to merge issuers"), self->display);
      return FALSE;
    }
  if (!write_begin (self, error))
    return FALSE;
  if (!(before = canonical_of (self, alias_key, error)))
    goto fail;
  {
    Params p = { 0 };

    p_text (&p, alias_key);
    if (!run_done (self, STMT_DELETE_ALIAS, &p, _("cannot merge the issuers"), error))
      goto fail;
  }
  if (target_key != NULL && g_strcmp0 (target_key, alias_key) != 0)
    {
      if (!(target = canonical_of (self, target_key, error)))
        goto fail;
      if (g_strcmp0 (target, alias_key) != 0)
        {
          Params p = { 0 };

          p_text (&p, alias_key);
          p_text (&p, target);
          if (!run_done (self, STMT_REPOINT_ALIASES, &p, _("cannot merge the issuers"), error) ||
              !run_done (self, STMT_INSERT_ALIAS, &p, _("cannot merge the issuers"), error))
            goto fail;
        }
    }
  if (!refresh_issuer_group (self, target, error) ||
      !refresh_issuer_group (self, alias_key, error) ||
      (g_strcmp0 (before, alias_key) != 0 && g_strcmp0 (before, target) != 0 &&
       !refresh_issuer_group (self, before, error)))
    goto fail;
  return write_end (self, error);

fail:
  write_abort (self);
  return FALSE;
}

GHashTable *
gx_pg_store_load_aliases (GxPgStore  *self,
                          GError    **error)
{
  GHashTable *aliases;
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  if (!(res = run (self, STMT_LOAD_ALIASES, NULL, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    return NULL;
  aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < PQntuples (res); i++)
    g_hash_table_insert (aliases, g_strdup (PQgetvalue (res, i, 0)), g_strdup (PQgetvalue (res, i, 1)));
  PQclear (res);
  return aliases;
}

GPtrArray *
gx_pg_store_list_issuers (GxPgStore  *self,
                          GError    **error)
{
  GPtrArray *issuers;
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  if (!(res = run (self, STMT_LIST_ISSUERS, NULL, PGRES_TUPLES_OK, _("cannot read the workspace"), error)))
    return NULL;
  issuers = g_ptr_array_new_with_free_func (gx_backend_issuer_free);
  for (int i = 0; i < PQntuples (res); i++)
    {
      GxBackendIssuer *issuer = g_new0 (GxBackendIssuer, 1);

      issuer->name = g_strdup (get_text (res, i, 0));
      issuer->key = g_strdup (get_text (res, i, 1));
      issuer->n_reports = (guint) get_int (res, i, 2);
      g_ptr_array_add (issuers, issuer);
    }
  PQclear (res);
  return issuers;
}

gint64
gx_pg_store_find_report (GxPgStore   *self,
                         const char  *issuer,
                         int          year,
                         gint64       except_id,
                         GError     **error)
{
  g_autofree char *key = NULL;
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), -1);
  /* the put being written asked already (put_lookup()); the report it
   * writes is of neither year */
  if (self->lookup_valid && g_strcmp0 (issuer, self->lookup_issuer) == 0 &&
      (year == self->lookup_year - 1 || year == self->lookup_year + 1))
    {
      gint64 id = year < self->lookup_year ? self->lookup_previous : self->lookup_next;

      /* "none" is an answer too (the check of a new report, id 0, asks
       * for its year before with except_id 0: no round trip for it) */
      if (id == 0 || id != except_id)
        return id;
    }
  key = gx_issuer_normalize (issuer);
  if (key == NULL || year <= 0)
    return 0;
  p_text (&p, key);
  p_int (&p, year);
  p_int (&p, except_id);
  return one_id (self, STMT_FIND_REPORT_KEY, &p, error);
}

gboolean
gx_pg_store_set_children (GxPgStore     *self,
                          gint64         parent_id,
                          const gint64  *child_ids,
                          guint          n_children,
                          GError       **error)
{
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (child_ids != NULL || n_children == 0, FALSE);

  for (guint i = 0; i < n_children; i++)
    if (child_ids[i] == parent_id)
      {
        g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND,
                     _("%s: report #%lld cannot be a part of itself"),
                     self->display, (long long) parent_id);
        return FALSE;
      }
  if (!write_begin (self, error))
    return FALSE;
  p_int (&p, parent_id);
  if (!run_done (self, STMT_DELETE_CHILDREN, &p, _("cannot link the reports"), error))
    goto fail;
  for (guint i = 0; i < n_children; i++)
    {
      Params q = { 0 };
      PGresult *res;

      p_int (&q, parent_id);
      p_int (&q, child_ids[i]);
      res = PQexecParams (self->conn, stmt_sql[STMT_INSERT_CHILD], q.n, NULL, q.values, NULL, NULL, 0);
      if (is_state (res, "23503"))   /* foreign_key_violation */
        {
          PQclear (res);
          not_found_error (self, parent_id, error);
          goto fail;
        }
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          pg_error (self, res, error, _("cannot link the reports"));
          PQclear (res);
          goto fail;
        }
      PQclear (res);
    }
  if (!refresh_summary (self, parent_id, error))
    goto fail;
  return write_end (self, error);

fail:
  write_abort (self);
  return FALSE;
}

GArray *
gx_pg_store_get_children (GxPgStore  *self,
                          gint64      parent_id,
                          GError    **error)
{
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  p_int (&p, parent_id);
  return ids_of (self, STMT_LOAD_CHILDREN, &p, error);
}

GArray *
gx_pg_store_get_parents (GxPgStore  *self,
                         gint64      child_id,
                         GError    **error)
{
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), NULL);
  p_int (&p, child_id);
  return ids_of (self, STMT_LOAD_PARENTS, &p, error);
}

static gboolean
refresh_summary (GxPgStore  *self,
                 gint64      id,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GxReport) report = gx_pg_store_load_report (self, id, &local_error);

  if (report == NULL && g_error_matches (local_error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND))
    return TRUE;
  if (report == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return write_summary (self, id, report, error);
}

static gboolean
refresh_neighbours (GxPgStore   *self,
                    const char  *issuer,
                    int          year,
                    gint64       id,
                    GArray      *parents,
                    GError     **error)
{
  if (issuer != NULL && year > 0 && year < 9999)
    {
      gint64 next = gx_pg_store_find_report (self, issuer, year + 1, id, error);

      if (next < 0 || (next > 0 && !refresh_summary (self, next, error)))
        return FALSE;
    }
  for (guint i = 0; parents != NULL && i < parents->len; i++)
    if (!refresh_summary (self, g_array_index (parents, gint64, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
refresh_issuer_group (GxPgStore   *self,
                      const char  *key,
                      GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  Params p = { 0 };

  if (key == NULL)
    return TRUE;
  p_text (&p, key);
  if (!(ids = ids_of (self, STMT_ISSUER_GROUP, &p, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!refresh_summary (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

/* Reviews ------------------------------------------------------------------- */

static gboolean
has_reviews (GxPgStore *self)
{
  if (self->has_reviews < 0)
    {
      PGresult *res = run (self, STMT_HAS_REVIEWS, NULL, PGRES_TUPLES_OK, "", NULL);

      self->has_reviews = 1;   /* when in doubt, look them up */
      if (res != NULL && PQntuples (res) == 1)
        self->has_reviews = strcmp (PQgetvalue (res, 0, 0), "t") == 0;
      if (res)
        PQclear (res);
    }
  return self->has_reviews > 0;
}

gboolean
gx_pg_store_has_reviews (GxPgStore *self)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  /* another client may have recorded one since; inside our own write
   * transaction (the write lock held) nobody else can */
  if (!self->in_batch && self->depth == 0)
    self->has_reviews = -1;
  return has_reviews (self);
}

static char *
review_issuer_key (GxReport *report)
{
  char *key = gx_issuer_normalize (gx_report_get_issuer (report));

  if (key == NULL && gx_report_get_id (report) > 0)
    key = g_strdup_printf ("#%" G_GINT64_FORMAT, gx_report_get_id (report));
  return key;
}

gboolean
gx_pg_store_set_review (GxPgStore      *self,
                        GxReport       *report,
                        GxFinding      *finding,
                        GxReviewState   state,
                        const char     *note,
                        GError        **error)
{
  g_autofree char *issuer_key = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *finding_key = NULL;
  g_autofree char *now = NULL;
  Params p = { 0 };

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  g_return_val_if_fail (GX_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (state <= GX_REVIEW_DISMISSED, FALSE);

  issuer_key = review_issuer_key (report);
  if (issuer_key == NULL)
    {
      g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND,
                   _("%s: a report without issuer must be saved before its findings are reviewed"),
                   self->display);
      return FALSE;
    }
  finding_key = gx_finding_dup_key (finding);
  if (note != NULL && *note == '\0')
    note = NULL;

  if (!write_begin (self, error))
    return FALSE;
  if (!(canonical = canonical_of (self, issuer_key, error)))
    goto fail;
  p_text (&p, canonical);
  p_int (&p, gx_report_get_year (report));
  p_text (&p, finding_key);
  if (!run_done (self, STMT_DELETE_REVIEW, &p, _("cannot record the review"), error))
    goto fail;
  if (state != GX_REVIEW_OPEN)
    {
      Params q = { 0 };

      now = now_iso8601 ();
      p_text (&q, issuer_key);
      p_int (&q, gx_report_get_year (report));
      p_text (&q, finding_key);
      p_text (&q, gx_review_state_to_key (state));
      p_text (&q, note);
      p_text (&q, now);
      if (!run_done (self, STMT_INSERT_REVIEW, &q, _("cannot record the review"), error))
        goto fail;
    }
  gx_finding_set_review (finding, state, note);
  gx_check_update_counts (report);
  self->has_reviews = -1;
  if (gx_report_get_id (report) > 0 &&
      !write_summary (self, gx_report_get_id (report), report, error))
    goto fail;
  return write_end (self, error);

fail:
  write_abort (self);
  return FALSE;
}

gboolean
gx_pg_store_apply_reviews (GxPgStore  *self,
                           GxReport   *report,
                           GError    **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  g_autofree char *issuer_key = NULL;
  g_autofree char *canonical = NULL;
  GPtrArray *findings;
  Params p = { 0 };
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  findings = gx_report_get_findings (report);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      gx_finding_set_review (f, GX_REVIEW_OPEN, NULL);
      g_hash_table_insert (by_key, gx_finding_dup_key (f), f);
    }
  issuer_key = review_issuer_key (report);
  if (issuer_key == NULL || findings->len == 0)
    return TRUE;
  if (!(canonical = canonical_of (self, issuer_key, error)))
    return FALSE;
  p_text (&p, canonical);
  p_int (&p, gx_report_get_year (report));
  if (!(res = run (self, STMT_LOAD_REVIEWS, &p, PGRES_TUPLES_OK, _("cannot read the reviews"), error)))
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      GxFinding *f = g_hash_table_lookup (by_key, PQgetvalue (res, i, 0));
      GxReviewState state;

      if (f && gx_review_state_from_key (PQgetvalue (res, i, 1), &state))
        gx_finding_set_review (f, state, get_text (res, i, 2));
    }
  PQclear (res);
  return TRUE;
}

/* The one recipe (gx-check.c) with this workspace. */
static gboolean
check_full (GxPgStore     *self,
            GxReport      *report,
            GxCheckFlags   flags,
            GxRulesFlags   rules,
            GError       **error)
{
  return gx_check_report_full (report, GX_BACKEND (self), flags, rules, error);
}

/* Whole tables (copy) ---------------------------------------------------------- */

static const GxWsTable ws_tables[] = {
  { "reports",
    "id, issuer, year, source, content_hash, format_version, imported_at, updated_at, "
    "n_errors, n_warnings, n_notes, sum_new_received, sum_results_total, sum_carried_forward, "
    "sum_review, sum_litigation_direct, sum_litigation_after_review, issuer_key, prose",
    19, "id" },
  { "cells", "report_id, row, v0, v1, v2, v3, v4, v5, v6, flags, lines", 11, "report_id, row" },
  { "invalid_cells", "report_id, cell, raw", 3, "report_id, cell" },
  { "reviews", "issuer_key, year, finding_key, state, note, updated_at", 6,
    "issuer_key, year, finding_key" },
  { "issuer_aliases", "alias, canonical", 2, "alias" },
  { "report_children", "parent_id, child_id", 2, "parent_id, child_id" },
};

const GxWsTable *
gx_ws_tables (guint *n_tables)
{
  *n_tables = G_N_ELEMENTS (ws_tables);
  return ws_tables;
}

gboolean
gx_pg_store_begin_snapshot (GxPgStore  *self,
                            GError    **error)
{
  gboolean own;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_snapshot && !self->in_batch, FALSE);
  return snapshot_begin (self, &own, error);
}

void
gx_pg_store_end_snapshot (GxPgStore *self)
{
  g_return_if_fail (GX_IS_PG_STORE (self));
  snapshot_end (self, self->in_snapshot);
}

/* `cells` goes across as SQLite has it, a row a template row: here it is
 * the rows of report_cells unnested, and copied in through a temporary
 * table of those rows, one row of arrays a report made of them at the
 * end (copy_in_end()). */
static gboolean
is_cells (const GxWsTable *table)
{
  return strcmp (table->table, "cells") == 0;
}

#define CELLS_SOURCE "(SELECT c.report_id, u.* FROM report_cells c, " CELL_ROWS ") cells"
#define CELLS_STAGE "gx_copy_cells"

/* The table names and columns are our constants, never user text. */
gboolean
gx_pg_store_dump_table (GxPgStore        *self,
                        const GxWsTable  *table,
                        GxWsRowFunc       row,
                        gpointer          user_data,
                        GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", table->columns,
                                          is_cells (table) ? CELLS_SOURCE : table->table,
                                          table->order);
  g_autofree const char **values = g_new0 (const char *, table->n_columns + 1);
  PGresult *res;
  gboolean ok = TRUE;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);

  if (!settle (self, TRUE, error))
    return FALSE;
  res = PQexec (self->conn, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      pg_error (self, res, error, _("cannot read the workspace"));
      PQclear (res);
      return FALSE;
    }
  for (int i = 0; ok && i < PQntuples (res); i++)
    {
      for (guint c = 0; c < table->n_columns; c++)
        values[c] = get_text (res, i, (int) c);
      ok = row (values, user_data, error);
    }
  PQclear (res);
  return ok;
}

gboolean
gx_pg_store_copy_in_start (GxPgStore        *self,
                           const GxWsTable  *table,
                           GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("COPY %s (%s) FROM STDIN",
                                          is_cells (table) ? CELLS_STAGE : table->table,
                                          table->columns);
  PGresult *res;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (!settle (self, TRUE, error))
    return FALSE;
  if (is_cells (table) &&
      !exec (self, "CREATE TEMPORARY TABLE " CELLS_STAGE " (report_id bigint NOT NULL, "
             "row integer NOT NULL, v0 bigint, v1 bigint, v2 bigint, v3 bigint, v4 bigint, "
             "v5 bigint, v6 bigint, flags bigint NOT NULL DEFAULT 0, lines text) ON COMMIT DROP",
             error))
    return FALSE;
  self->copy_cells = is_cells (table);

  res = PQexec (self->conn, sql);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    {
      pg_error (self, res, error, _("cannot update the workspace"));
      PQclear (res);
      return FALSE;
    }
  PQclear (res);
  self->copy_columns = table->n_columns;
  return TRUE;
}

/* COPY's text format: \N for NULL, backslash escapes for the separators. */
static void
append_copy_value (GString    *line,
                   const char *value)
{
  if (value == NULL)
    {
      g_string_append (line, "\\N");
      return;
    }
  for (const char *c = value; *c; c++)
    switch (*c)
      {
      case '\\': g_string_append (line, "\\\\"); break;
      case '\t': g_string_append (line, "\\t"); break;
      case '\n': g_string_append (line, "\\n"); break;
      case '\r': g_string_append (line, "\\r"); break;
      default: g_string_append_c (line, *c); break;
      }
}

gboolean
gx_pg_store_copy_in_row (GxPgStore          *self,
                         const char *const  *values,
                         GError            **error)
{
  g_autoptr(GString) line = g_string_new (NULL);

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  for (guint c = 0; c < self->copy_columns; c++)
    {
      if (c > 0)
        g_string_append_c (line, '\t');
      append_copy_value (line, values[c]);
    }
  g_string_append_c (line, '\n');
  if (PQputCopyData (self->conn, line->str, (int) line->len) != 1)
    return pg_error (self, NULL, error, _("cannot update the workspace"));
  return TRUE;
}

gboolean
gx_pg_store_copy_in_end (GxPgStore  *self,
                         GError    **error)
{
  PGresult *res;
  gboolean ok;

  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  if (PQputCopyEnd (self->conn, NULL) != 1)
    return pg_error (self, NULL, error, _("cannot update the workspace"));
  res = PQgetResult (self->conn);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (!ok)
    pg_error (self, res, error, _("cannot update the workspace"));
  PQclear (res);
  /* drain: the end of the command */
  while ((res = PQgetResult (self->conn)) != NULL)
    PQclear (res);
  self->copy_columns = 0;
  if (ok && self->copy_cells)
    ok = exec (self, INSERT_REPORT_CELLS_FROM (CELLS_STAGE) "; DROP TABLE " CELLS_STAGE, error);
  self->copy_cells = FALSE;
  return ok;
}

gboolean
gx_pg_store_reset_ids (GxPgStore  *self,
                       GError    **error)
{
  g_return_val_if_fail (GX_IS_PG_STORE (self), FALSE);
  return exec (self, "SELECT setval (pg_get_serial_sequence ('reports', 'id'), "
               "COALESCE ((SELECT MAX (id) FROM reports), 0) + 1, false)", error);
}

gint64
gx_pg_store_count_reports (GxPgStore  *self,
                           GError    **error)
{
  PGresult *res;
  gint64 n;

  g_return_val_if_fail (GX_IS_PG_STORE (self), -1);
  if (!settle (self, TRUE, error))
    return -1;
  res = PQexec (self->conn, "SELECT COUNT (*) FROM reports");
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      pg_error (self, res, error, _("cannot read the workspace"));
      PQclear (res);
      return -1;
    }
  n = get_int (res, 0, 0);
  PQclear (res);
  return n;
}

/* Other clients' changes ----------------------------------------------------- */

/* How long a watch waits after the first notification for the rest of a
 * burst (an import commits a batch every few hundred milliseconds) */
#define WATCH_COALESCE_US (150 * G_TIME_SPAN_MILLISECOND)

/* A watch: the connection LISTENs on gxreports_changed (every write
 * transaction NOTIFYs it) and the source looks at the socket.  libpq keeps
 * a notification that arrives during one of our own queries in its queue
 * (the socket is read by then, so poll() would not say so): prepare()
 * takes the queue before every wait. */
typedef struct
{
  GSource source;
  GxPgStore *store;
  gpointer fd_tag;          /* NULL once the connection is lost */
  gboolean lost;
  gint64 noted_at;          /* when an unanswered notification came; 0: none */
  gint64 quiet_until;       /* no dispatch before (the last one's callback took long) */
} PgWatch;

/* Takes libpq's queue of notifications: another client's commit is noted
 * (our own, of this backend's pid, are not news). */
static void
watch_take_notifies (PgWatch *watch)
{
  PGconn *conn = watch->store->conn;
  PGnotify *notify;

  while ((notify = PQnotifies (conn)) != NULL)
    {
      if (notify->be_pid != PQbackendPID (conn) && watch->noted_at == 0)
        watch->noted_at = g_source_get_time (&watch->source);
      PQfreemem (notify);
    }
}

/* Whether to dispatch now; otherwise the milliseconds to wait (-1: until
 * the socket says something). */
static gboolean
watch_due (PgWatch *watch,
           int     *timeout)
{
  gint64 left;

  *timeout = -1;
  if (watch->lost)
    return TRUE;
  if (watch->noted_at == 0)
    return FALSE;
  left = MAX (watch->noted_at + WATCH_COALESCE_US, watch->quiet_until) -
         g_source_get_time (&watch->source);
  if (left <= 0)
    return TRUE;
  *timeout = (int) ((left + 999) / 1000);
  return FALSE;
}

static gboolean
watch_prepare (GSource *source,
               int     *timeout)
{
  PgWatch *watch = (PgWatch *) source;

  if (!watch->lost)
    watch_take_notifies (watch);
  return watch_due (watch, timeout);
}

static gboolean
watch_check (GSource *source)
{
  PgWatch *watch = (PgWatch *) source;
  int timeout;

  if (watch->fd_tag != NULL && g_source_query_unix_fd (source, watch->fd_tag) != 0)
    {
      /* what the server sent is read; a connection that is gone is no
       * more looked at (its socket would stay readable for ever) */
      if (!PQconsumeInput (watch->store->conn) || PQstatus (watch->store->conn) != CONNECTION_OK)
        {
          g_autofree char *message = server_message (watch->store->conn, NULL);

          g_message ("%s: no longer told of other clients' changes (%s); they are looked for "
                     "every half second instead", watch->store->display, message);
          g_source_remove_unix_fd (source, watch->fd_tag);
          watch->fd_tag = NULL;
          watch->lost = TRUE;
        }
      else
        watch_take_notifies (watch);
    }
  return watch_due (watch, &timeout);
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  PgWatch *watch = (PgWatch *) source;
  gboolean again;
  gint64 started;
  int timeout;

  /* GLib dispatches a source whose socket was readable whatever check()
   * said: what was read (check() took it) may be nothing to tell yet */
  if (!watch_due (watch, &timeout))
    return G_SOURCE_CONTINUE;
  watch->noted_at = 0;
  started = g_get_monotonic_time ();
  again = callback != NULL ? callback (user_data) : G_SOURCE_CONTINUE;
  /* while another client imports, a callback that reads a long list
   * again leaves the main context free twice as long before the next */
  watch->quiet_until = g_get_monotonic_time () + 2 * (g_get_monotonic_time () - started);
  /* a lost connection is told once, then the watch is done */
  return watch->lost ? G_SOURCE_REMOVE : again;
}

static void
watch_finalize (GSource *source)
{
  PgWatch *watch = (PgWatch *) source;

  /* a connection nobody watches any more keeps no queue of notifications */
  if (!watch->lost && PQstatus (watch->store->conn) == CONNECTION_OK)
    exec (watch->store, "UNLISTEN gxreports_changed", NULL);
  g_clear_object (&watch->store);
}

static GSourceFuncs watch_funcs = {
  watch_prepare, watch_check, watch_dispatch, watch_finalize, NULL, NULL,
};

static GSource *
create_watch (GxPgStore *self)
{
  PgWatch *watch;
  int fd;

  if (PQstatus (self->conn) != CONNECTION_OK || (fd = PQsocket (self->conn)) < 0)
    return NULL;
  /* outside a transaction: a LISTEN inside one of ours would wait for its
   * commit */
  if (!exec (self, "LISTEN gxreports_changed", NULL))
    return NULL;
  watch = (PgWatch *) g_source_new (&watch_funcs, sizeof (PgWatch));
  g_source_set_static_name (&watch->source, "GxPgStore watch");
  watch->store = g_object_ref (self);
  watch->fd_tag = g_source_add_unix_fd (&watch->source, fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
  return &watch->source;
}

/* GxBackend ------------------------------------------------------------------ */

#define PG(b) GX_PG_STORE (b)

static const char *pg_get_location (GxBackend *b) { return gx_pg_store_get_location (PG (b)); }
static gboolean pg_is_read_only (GxBackend *b) { return gx_pg_store_is_read_only (PG (b)); }
static gint64 pg_get_data_version (GxBackend *b, GError **e) { return gx_pg_store_get_data_version (PG (b), e); }
static gboolean pg_begin (GxBackend *b, GError **e) { return gx_pg_store_begin (PG (b), e); }
static gboolean pg_commit (GxBackend *b, GError **e) { return gx_pg_store_commit (PG (b), e); }
static void pg_rollback (GxBackend *b) { gx_pg_store_rollback (PG (b)); }
static gboolean pg_savepoint (GxBackend *b, GError **e) { return gx_pg_store_savepoint (PG (b), e); }
static gboolean pg_release_savepoint (GxBackend *b, GError **e) { return gx_pg_store_release_savepoint (PG (b), e); }
static void pg_rollback_to_savepoint (GxBackend *b) { gx_pg_store_rollback_to_savepoint (PG (b)); }

static gboolean
pg_put_report (GxBackend *b, GxReport *report, const char *hash, gboolean replace,
               GxImportOutcome *outcome, GError **e)
{
  return gx_pg_store_put_report (PG (b), report, hash, replace, outcome, e);
}

static gint64 pg_find_hash (GxBackend *b, const char *hash, GError **e) { return gx_pg_store_find_hash (PG (b), hash, e); }
static GHashTable *pg_dup_hashes (GxBackend *b, GError **e) { return gx_pg_store_dup_hashes (PG (b), e); }
static gboolean
pg_queue_put (GxBackend *b, GxReport *report, const char *hash, gboolean replace,
              GxBackendPutDone done, gpointer user_data, GError **e)
{
  return gx_pg_store_queue_put (PG (b), report, hash, replace, done, user_data, e);
}

static gboolean pg_flush_puts (GxBackend *b, GError **e) { return gx_pg_store_flush_puts (PG (b), e); }
static gboolean pg_save_report (GxBackend *b, GxReport *r, GError **e) { return gx_pg_store_save_report (PG (b), r, e); }
static GxReport *pg_load_report (GxBackend *b, gint64 id, GError **e) { return gx_pg_store_load_report (PG (b), id, e); }
static GxReport *pg_load_cells (GxBackend *b, gint64 id, GError **e) { return gx_pg_store_load_cells (PG (b), id, e); }
static gboolean pg_remove_report (GxBackend *b, gint64 id, GError **e) { return gx_pg_store_remove_report (PG (b), id, e); }
static GPtrArray *pg_load_all (GxBackend *b, GError **e) { return gx_pg_store_load_all (PG (b), e); }
static GPtrArray *pg_list_summaries (GxBackend *b, GError **e) { return gx_pg_store_list_summaries (PG (b), e); }

static GArray *
pg_find_ids (GxBackend *b, int year, const char *issuer_contains, GError **e)
{
  return gx_pg_store_find_ids (PG (b), year, issuer_contains, e);
}

static GxReport *
pg_rollup (GxBackend *b, const gint64 *ids, guint n_ids, GError **e)
{
  return gx_pg_store_rollup (PG (b), ids, n_ids, e);
}

static gboolean
pg_set_issuer_alias (GxBackend *b, const char *alias, const char *canonical, GError **e)
{
  return gx_pg_store_set_issuer_alias (PG (b), alias, canonical, e);
}

static char *pg_dup_issuer_key (GxBackend *b, const char *issuer) { return gx_pg_store_dup_issuer_key (PG (b), issuer); }
static GHashTable *pg_load_aliases (GxBackend *b, GError **e) { return gx_pg_store_load_aliases (PG (b), e); }
static GPtrArray *pg_list_issuers (GxBackend *b, GError **e) { return gx_pg_store_list_issuers (PG (b), e); }

static gint64
pg_find_report (GxBackend *b, const char *issuer, int year, gint64 except_id, GError **e)
{
  return gx_pg_store_find_report (PG (b), issuer, year, except_id, e);
}

static gboolean
pg_set_children (GxBackend *b, gint64 parent_id, const gint64 *child_ids, guint n, GError **e)
{
  return gx_pg_store_set_children (PG (b), parent_id, child_ids, n, e);
}

static GArray *pg_get_children (GxBackend *b, gint64 id, GError **e) { return gx_pg_store_get_children (PG (b), id, e); }
static GArray *pg_get_parents (GxBackend *b, gint64 id, GError **e) { return gx_pg_store_get_parents (PG (b), id, e); }

static gboolean
pg_set_review (GxBackend *b, GxReport *report, GxFinding *finding, int state,
               const char *note, GError **e)
{
  return gx_pg_store_set_review (PG (b), report, finding, (GxReviewState) state, note, e);
}

static gboolean pg_apply_reviews (GxBackend *b, GxReport *r, GError **e) { return gx_pg_store_apply_reviews (PG (b), r, e); }
static gboolean pg_has_reviews (GxBackend *b) { return gx_pg_store_has_reviews (PG (b)); }
static GSource *pg_create_watch (GxBackend *b) { return create_watch (PG (b)); }

static void
gx_pg_store_backend_init (GxBackendInterface *iface)
{
  iface->get_location = pg_get_location;
  iface->is_read_only = pg_is_read_only;
  iface->get_data_version = pg_get_data_version;
  iface->begin = pg_begin;
  iface->commit = pg_commit;
  iface->rollback = pg_rollback;
  iface->savepoint = pg_savepoint;
  iface->release_savepoint = pg_release_savepoint;
  iface->rollback_to_savepoint = pg_rollback_to_savepoint;
  iface->put_report = pg_put_report;
  iface->find_hash = pg_find_hash;
  iface->dup_hashes = pg_dup_hashes;
  iface->save_report = pg_save_report;
  iface->load_report = pg_load_report;
  iface->load_cells = pg_load_cells;
  iface->remove_report = pg_remove_report;
  iface->load_all = pg_load_all;
  iface->list_summaries = pg_list_summaries;
  iface->find_ids = pg_find_ids;
  iface->rollup = pg_rollup;
  iface->set_issuer_alias = pg_set_issuer_alias;
  iface->dup_issuer_key = pg_dup_issuer_key;
  iface->load_aliases = pg_load_aliases;
  iface->list_issuers = pg_list_issuers;
  iface->find_report = pg_find_report;
  iface->set_children = pg_set_children;
  iface->get_children = pg_get_children;
  iface->get_parents = pg_get_parents;
  iface->set_review = pg_set_review;
  iface->apply_reviews = pg_apply_reviews;
  iface->has_reviews = pg_has_reviews;
  iface->create_watch = pg_create_watch;
  iface->queue_put = pg_queue_put;
  iface->flush_puts = pg_flush_puts;
}
