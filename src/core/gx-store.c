/* gx-store.c: the workspace, one SQLite file of reports
 *
 * Schema (user_version 1):
 *
 *   reports    one row a report: issuer, year, source, content_hash (UNIQUE),
 *              format_version, imported_at, updated_at, and n_errors,
 *              n_warnings, n_notes, a cache recomputed with gx_rules_check()
 *              on every write (findings themselves are never stored).
 *   cell_keys  the template: cell number → section, row, col and path, the
 *              keys of report-schema.md ("applications", "new_received",
 *              "total").  Written from gx-schema.c when the workspace is made.
 *   cells      one row for every cell of every report, blank ones included:
 *              (report_id, cell) → value (fixed point, NULL when blank or
 *              invalid), raw (text of an invalid cell), flags (INFERRED),
 *              line.  WITHOUT ROWID, clustered on (report_id, cell), so a
 *              report is one contiguous range and a sum over any selection
 *              is one GROUP BY.
 *   cell_values a view joining cells to their keys, for SQL by hand:
 *              SELECT path, SUM(value) FROM cell_values WHERE … GROUP BY path.
 *
 * Cells are keyed by a small integer rather than by three text columns:
 * that keeps 2,000,000 rows (10,000 reports) to a few seconds of import,
 * while cell_keys keeps the names in the database itself.
 *
 * The connection runs in WAL mode with synchronous=NORMAL and foreign keys
 * on; every statement is prepared once and reused.  A workspace whose
 * user_version is newer than ours is refused before anything is written.
 */
#include "gx-config.h"

#include <string.h>
#include <errno.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gx-store.h"
#include "gx-rules.h"

#define STORE_VERSION 1

typedef enum {
  STMT_FIND_HASH,
  STMT_FIND_ISSUER_YEAR,
  STMT_INSERT_REPORT,
  STMT_UPDATE_REPORT_IMPORT,
  STMT_UPDATE_REPORT_SAVE,
  STMT_DELETE_CELLS,
  STMT_INSERT_CELL,
  STMT_DELETE_REPORT,
  STMT_LOAD_REPORT,
  STMT_LOAD_CELLS,
  STMT_LOAD_ALL_REPORTS,
  STMT_LOAD_ALL_CELLS,
  STMT_SUMMARIES,
  STMT_FIND_IDS,
  STMT_ROLLUP,
  STMT_REPORT_EXISTS,
  N_STMTS
} StmtId;

static const char *const stmt_sql[N_STMTS] = {
  [STMT_FIND_HASH] =
    "SELECT id FROM reports WHERE content_hash = ?1",
  [STMT_FIND_ISSUER_YEAR] =
    "SELECT id FROM reports WHERE issuer = ?1 AND year = ?2 ORDER BY id LIMIT 1",
  [STMT_INSERT_REPORT] =
    "INSERT INTO reports (issuer, year, source, content_hash, format_version, "
    "imported_at, updated_at, n_errors, n_warnings, n_notes) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9)",
  [STMT_UPDATE_REPORT_IMPORT] =
    "UPDATE reports SET issuer = ?1, year = ?2, source = ?3, content_hash = ?4, "
    "format_version = ?5, imported_at = ?6, updated_at = ?6, n_errors = ?7, "
    "n_warnings = ?8, n_notes = ?9 WHERE id = ?10",
  [STMT_UPDATE_REPORT_SAVE] =
    "UPDATE reports SET issuer = ?1, year = ?2, source = ?3, format_version = ?4, "
    "updated_at = ?5, n_errors = ?6, n_warnings = ?7, n_notes = ?8 WHERE id = ?9",
  [STMT_DELETE_CELLS] =
    "DELETE FROM cells WHERE report_id = ?1",
  [STMT_INSERT_CELL] =
    "INSERT INTO cells (report_id, cell, value, raw, flags, line) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_DELETE_REPORT] =
    "DELETE FROM reports WHERE id = ?1",
  [STMT_LOAD_REPORT] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes "
    "FROM reports WHERE id = ?1",
  [STMT_LOAD_CELLS] =
    "SELECT cell, value, raw, flags, line FROM cells WHERE report_id = ?1",
  [STMT_LOAD_ALL_REPORTS] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes "
    "FROM reports ORDER BY issuer, year, id",
  [STMT_LOAD_ALL_CELLS] =
    "SELECT report_id, cell, value, raw, flags, line FROM cells",
  [STMT_SUMMARIES] =
    "SELECT r.id, r.issuer, r.year, r.source, r.format_version, "
    "r.n_errors, r.n_warnings, r.n_notes, c.cell, c.value, c.raw "
    "FROM reports r LEFT JOIN cells c ON c.report_id = r.id "
    "AND c.cell IN (SELECT value FROM json_each (?1)) "
    "ORDER BY r.issuer, r.year, r.id",
  [STMT_FIND_IDS] =
    "SELECT id FROM reports WHERE (?1 = 0 OR year = ?1) "
    "AND (?2 IS NULL OR instr (issuer, ?2) > 0) ORDER BY issuer, year, id",
  [STMT_ROLLUP] =
    "SELECT cell, SUM (value), COUNT (value) FROM cells "
    "WHERE report_id IN (SELECT value FROM json_each (?1)) GROUP BY cell",
  [STMT_REPORT_EXISTS] =
    "SELECT 1 FROM reports WHERE id = ?1",
};

struct _GxStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS];
  gboolean in_batch;

  /* cell numbers in the database ↔ indexes of gx_schema_cell() */
  GArray *db_to_schema;    /* int, -1 when the template no longer has it */
  int *schema_to_db;
};

G_DEFINE_FINAL_TYPE (GxStore, gx_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gx-store-error-quark, gx_store_error)

/* Helpers -------------------------------------------------------------------- */

static gboolean
sqlite_error (GxStore     *self,
              GError     **error,
              const char  *what)
{
  g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
               /* TRANSLATORS: "workspace.db: cannot add the report: disk I/O error" */
               _("%s: %s: %s"), self->path, what,
               self->db ? sqlite3_errmsg (self->db) : "?");
  return FALSE;
}

static gboolean
exec (GxStore     *self,
      const char  *sql,
      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE, "%s: %s",
                   self->path, message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* The prepared statement @id, reset and with its bindings cleared. */
static sqlite3_stmt *
stmt (GxStore  *self,
      StmtId    id,
      GError  **error)
{
  sqlite3_stmt *s = self->stmts[id];

  if (s == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                              &self->stmts[id], NULL) != SQLITE_OK)
        {
          sqlite_error (self, error, _("cannot prepare a query"));
          return NULL;
        }
      return self->stmts[id];
    }
  sqlite3_reset (s);
  sqlite3_clear_bindings (s);
  return s;
}

static void
bind_text_or_null (sqlite3_stmt *s,
                   int           index,
                   const char   *text)
{
  if (text)
    sqlite3_bind_text (s, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (s, index);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static int
read_user_version (sqlite3 *db,
                   int     *version)
{
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &s, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (s);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (s, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (s);
  return rc;
}

/* A JSON array of integers, the one parameter of the selection queries. */
static char *
ids_to_json (const gint64 *ids,
             guint         n_ids)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Schema and migrations ------------------------------------------------------ */

static const char migration_1[] =
  "CREATE TABLE reports ("
  "  id INTEGER PRIMARY KEY,"
  "  issuer TEXT,"
  "  year INTEGER,"
  "  source TEXT,"
  "  content_hash TEXT UNIQUE,"
  "  format_version TEXT NOT NULL,"
  "  imported_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  n_errors INTEGER NOT NULL DEFAULT 0,"
  "  n_warnings INTEGER NOT NULL DEFAULT 0,"
  "  n_notes INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX reports_issuer_year ON reports (issuer, year);"
  "CREATE TABLE cell_keys ("
  "  cell INTEGER PRIMARY KEY,"
  "  section TEXT NOT NULL,"
  "  row TEXT NOT NULL,"
  "  col TEXT NOT NULL,"
  "  path TEXT NOT NULL UNIQUE,"
  "  UNIQUE (section, row, col)"
  ");"
  "CREATE TABLE cells ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  cell INTEGER NOT NULL,"
  "  value INTEGER,"
  "  raw TEXT,"
  "  flags INTEGER NOT NULL DEFAULT 0,"
  "  line INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (report_id, cell)"
  ") WITHOUT ROWID;"
  "CREATE VIEW cell_values AS"
  "  SELECT c.report_id, k.section, k.row, k.col, k.path, c.value, c.raw, c.flags, c.line"
  "  FROM cells c JOIN cell_keys k ON k.cell = c.cell;";

static gboolean
fill_cell_keys (GxStore  *self,
                GError  **error)
{
  sqlite3_stmt *s = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT OR IGNORE INTO cell_keys (cell, section, row, col, path) "
                          "VALUES (?1, ?2, ?3, ?4, ?5)", -1, &s, NULL) != SQLITE_OK)
    return sqlite_error (self, error, _("cannot create the workspace"));

  for (guint i = 0; ok && i < gx_schema_n_cells (); i++)
    {
      const GxSchemaCell *cell = gx_schema_cell (i);

      sqlite3_reset (s);
      sqlite3_bind_int (s, 1, (int) i);
      sqlite3_bind_text (s, 2, gx_schema_section (cell->section)->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 3, cell->row->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, cell->column->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 5, cell->path, -1, SQLITE_STATIC);
      if (sqlite3_step (s) != SQLITE_DONE)
        ok = sqlite_error (self, error, _("cannot create the workspace"));
    }
  sqlite3_finalize (s);
  return ok;
}

static gboolean
too_new_error (const char  *path,
               int          version,
               GError     **error)
{
  g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_TOO_NEW,
               _("%s: this workspace was made by a newer version of GxReports (workspace version %d, this program knows up to %d); it was not changed"),
               path, version, STORE_VERSION);
  return FALSE;
}

static gboolean
migrate (GxStore  *self,
         GError  **error)
{
  int version = 0;

  /* BEGIN IMMEDIATE takes the write lock, so no other process migrates
   * at the same time; the version is read again under the lock. */
  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (read_user_version (self->db, &version) != SQLITE_OK)
    {
      sqlite_error (self, error, _("cannot read the workspace version"));
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  if (version > STORE_VERSION)
    {
      exec (self, "ROLLBACK", NULL);
      return too_new_error (self->path, version, error);
    }
  if (version == STORE_VERSION)
    return exec (self, "COMMIT", error);

  if (version < 1)
    {
      if (!exec (self, migration_1, error) || !fill_cell_keys (self, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  /* Later migrations go here: if (version < 2) { … } */

  if (!exec (self, "PRAGMA user_version = 1", error) || !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/* Reads cell_keys into the two maps.  A cell of the database unknown to
 * this template is kept in the file but not loaded. */
static gboolean
load_cell_map (GxStore  *self,
               GError  **error)
{
  sqlite3_stmt *s = NULL;
  guint n = gx_schema_n_cells ();
  int rc;

  self->schema_to_db = g_new (int, n);
  for (guint i = 0; i < n; i++)
    self->schema_to_db[i] = -1;
  self->db_to_schema = g_array_new (FALSE, FALSE, sizeof (int));

  if (sqlite3_prepare_v2 (self->db, "SELECT cell, path FROM cell_keys", -1, &s, NULL) != SQLITE_OK)
    return sqlite_error (self, error, _("cannot read the workspace"));
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      int db_cell = sqlite3_column_int (s, 0);
      const char *path = (const char *) sqlite3_column_text (s, 1);
      int schema_cell = path ? gx_schema_find_cell_by_path (path) : -1;
      int none = -1;

      if (db_cell < 0 || db_cell > 100000)
        continue;
      while (self->db_to_schema->len <= (guint) db_cell)
        g_array_append_val (self->db_to_schema, none);
      g_array_index (self->db_to_schema, int, db_cell) = schema_cell;
      if (schema_cell >= 0)
        self->schema_to_db[schema_cell] = db_cell;
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return sqlite_error (self, error, _("cannot read the workspace"));

  for (guint i = 0; i < n; i++)
    if (self->schema_to_db[i] < 0)
      {
        g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                     _("%s: the workspace has no place for the cell %s"),
                     self->path, gx_schema_cell (i)->path);
        return FALSE;
      }
  return TRUE;
}

static int
schema_cell_of (GxStore *self,
                int      db_cell)
{
  if (db_cell < 0 || (guint) db_cell >= self->db_to_schema->len)
    return -1;
  return g_array_index (self->db_to_schema, int, db_cell);
}

/* Reports --------------------------------------------------------------------- */

/* Fills @report from the current row of a reports query (columns: id,
 * issuer, year, source, format_version, n_errors, n_warnings, n_notes). */
static void
report_from_row (GxReport     *report,
                 sqlite3_stmt *s)
{
  gx_report_set_id (report, sqlite3_column_int64 (s, 0));
  gx_report_set_issuer (report, (const char *) sqlite3_column_text (s, 1));
  gx_report_set_year (report, CLAMP (sqlite3_column_int (s, 2), 0, 9999));
  gx_report_set_source (report, (const char *) sqlite3_column_text (s, 3));
  gx_report_set_format_version (report, (const char *) sqlite3_column_text (s, 4));
  gx_report_set_counts (report, (guint) sqlite3_column_int (s, 5),
                        (guint) sqlite3_column_int (s, 6), (guint) sqlite3_column_int (s, 7));
}

/* Sets one cell from (value, raw, flags, line) columns starting at @col. */
static void
cell_from_row (GxStore      *self,
               GxReport     *report,
               sqlite3_stmt *s,
               int           db_cell,
               int           col,
               gboolean      with_details)
{
  int cell = schema_cell_of (self, db_cell);

  if (cell < 0)
    return;
  if (sqlite3_column_type (s, col + 1) != SQLITE_NULL)
    gx_report_set_invalid (report, cell, (const char *) sqlite3_column_text (s, col + 1));
  else if (sqlite3_column_type (s, col) != SQLITE_NULL)
    gx_report_set_value (report, cell, sqlite3_column_int64 (s, col));
  else
    gx_report_set_blank (report, cell);
  if (with_details)
    {
      gx_report_set_cell_flags (report, cell, (GxCellFlags) sqlite3_column_int (s, col + 2));
      gx_report_set_cell_line (report, cell, (guint) MAX (0, sqlite3_column_int (s, col + 3)));
    }
}

/* SHA-256 of the values, for reports that come from no file. */
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

static gboolean
write_cells (GxStore   *self,
             gint64     id,
             GxReport  *report,
             gboolean   replace_existing,
             GError   **error)
{
  sqlite3_stmt *s;
  guint n = gx_schema_n_cells ();

  if (replace_existing)
    {
      if (!(s = stmt (self, STMT_DELETE_CELLS, error)))
        return FALSE;
      sqlite3_bind_int64 (s, 1, id);
      if (sqlite3_step (s) != SQLITE_DONE)
        return sqlite_error (self, error, _("cannot write the report"));
    }

  if (!(s = stmt (self, STMT_INSERT_CELL, error)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gint64 value;
      GxCellState state = gx_report_get_cell (report, i, &value);

      sqlite3_reset (s);
      sqlite3_bind_int64 (s, 1, id);
      sqlite3_bind_int (s, 2, self->schema_to_db[i]);
      if (state == GX_CELL_VALUE)
        sqlite3_bind_int64 (s, 3, value);
      else
        sqlite3_bind_null (s, 3);
      if (state == GX_CELL_INVALID)
        sqlite3_bind_text (s, 4, gx_report_get_raw (report, i), -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (s, 4);
      sqlite3_bind_int (s, 5, (int) gx_report_get_cell_flags (report, i));
      sqlite3_bind_int64 (s, 6, gx_report_get_cell_line (report, i));
      if (sqlite3_step (s) != SQLITE_DONE)
        return sqlite_error (self, error, _("cannot write the report"));
    }
  sqlite3_reset (s);
  return TRUE;
}

static gint64
find_one_id (GxStore       *self,
             sqlite3_stmt  *s,
             GError       **error)
{
  int rc = sqlite3_step (s);
  gint64 id = 0;

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (s, 0);
  else if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      id = -1;
    }
  sqlite3_reset (s);
  return id;
}

/* Savepoints make every put and save all-or-nothing, inside a batch or
 * alone. */
static gboolean
savepoint (GxStore *self, GError **error)
{
  return exec (self, "SAVEPOINT gx_put", error);
}

static gboolean
release (GxStore *self, GError **error)
{
  return exec (self, "RELEASE gx_put", error);
}

static void
rollback_to (GxStore *self)
{
  exec (self, "ROLLBACK TO gx_put", NULL);
  exec (self, "RELEASE gx_put", NULL);
}

/* GObject --------------------------------------------------------------------- */

static void
gx_store_finalize (GObject *object)
{
  GxStore *self = GX_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  if (self->db)
    sqlite3_close (self->db);
  g_clear_pointer (&self->db_to_schema, g_array_unref);
  g_free (self->schema_to_db);
  g_free (self->path);

  G_OBJECT_CLASS (gx_store_parent_class)->finalize (object);
}

static void
gx_store_class_init (GxStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_store_finalize;
}

static void
gx_store_init (GxStore *self)
{
}

/* Public API ------------------------------------------------------------------ */

char *
gx_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gxreports", "workspace.db", NULL);
}

/* Reads the version of an existing file without writing anything: opened
 * read-only, and only when it exists. */
static gboolean
check_existing_version (const char  *path,
                        GError     **error)
{
  sqlite3 *db = NULL;
  int version = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      rc = read_user_version (db, &version);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot open the workspace: %s"), path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_close (db);
  if (version > STORE_VERSION)
    return too_new_error (path, version, error);
  return TRUE;
}

GxStore *
gx_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(GxStore) self = NULL;
  g_autofree char *dir = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_existing_version (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (GX_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot open the workspace: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* Once more on this connection, before the first write. */
  if (read_user_version (self->db, &version) != SQLITE_OK)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot open the workspace: %s"), path, sqlite3_errmsg (self->db));
      return NULL;
    }
  if (version > STORE_VERSION)
    {
      too_new_error (path, version, error);
      return NULL;
    }

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !migrate (self, error) ||
      !load_cell_map (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
gx_store_get_path (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  return self->path;
}

gboolean
gx_store_begin (GxStore  *self,
                GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_batch = TRUE;
  return TRUE;
}

gboolean
gx_store_commit (GxStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  if (!exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      self->in_batch = FALSE;
      return FALSE;
    }
  self->in_batch = FALSE;
  return TRUE;
}

void
gx_store_rollback (GxStore *self)
{
  g_return_if_fail (GX_IS_STORE (self));

  if (self->in_batch)
    exec (self, "ROLLBACK", NULL);
  self->in_batch = FALSE;
}

gboolean
gx_store_savepoint (GxStore  *self,
                    GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  return exec (self, "SAVEPOINT gx_unit", error);
}

gboolean
gx_store_release_savepoint (GxStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  return exec (self, "RELEASE gx_unit", error);
}

void
gx_store_rollback_to_savepoint (GxStore *self)
{
  g_return_if_fail (GX_IS_STORE (self));
  exec (self, "ROLLBACK TO gx_unit", NULL);
  exec (self, "RELEASE gx_unit", NULL);
}

gint64
gx_store_find_hash (GxStore     *self,
                    const char  *content_hash,
                    GError     **error)
{
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), -1);
  g_return_val_if_fail (content_hash != NULL, -1);

  if (!(s = stmt (self, STMT_FIND_HASH, error)))
    return -1;
  sqlite3_bind_text (s, 1, content_hash, -1, SQLITE_STATIC);
  return find_one_id (self, s, error);
}

static gboolean
put_report_inner (GxStore          *self,
                  GxReport         *report,
                  const char       *hash,
                  gboolean          replace,
                  GxImportOutcome  *outcome,
                  GError          **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *s;
  gint64 existing = 0;
  gint64 id;

  existing = gx_store_find_hash (self, hash, error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      gx_report_set_id (report, existing);
      *outcome = GX_IMPORT_ALREADY_PRESENT;
      return TRUE;
    }

  existing = 0;
  if (gx_report_get_issuer (report) != NULL && gx_report_get_year (report) > 0)
    {
      if (!(s = stmt (self, STMT_FIND_ISSUER_YEAR, error)))
        return FALSE;
      sqlite3_bind_text (s, 1, gx_report_get_issuer (report), -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 2, gx_report_get_year (report));
      existing = find_one_id (self, s, error);
      if (existing < 0)
        return FALSE;
      if (existing > 0 && !replace)
        {
          *outcome = GX_IMPORT_CONFLICT;
          return TRUE;
        }
    }

  g_ptr_array_unref (gx_rules_check (report));
  now = now_iso8601 ();

  if (!(s = stmt (self, existing > 0 ? STMT_UPDATE_REPORT_IMPORT : STMT_INSERT_REPORT, error)))
    return FALSE;
  bind_text_or_null (s, 1, gx_report_get_issuer (report));
  if (gx_report_get_year (report) > 0)
    sqlite3_bind_int (s, 2, gx_report_get_year (report));
  else
    sqlite3_bind_null (s, 2);
  bind_text_or_null (s, 3, gx_report_get_source (report));
  sqlite3_bind_text (s, 4, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 5, gx_report_get_format_version (report), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 7, (int) gx_report_get_n_errors (report));
  sqlite3_bind_int (s, 8, (int) gx_report_get_n_warnings (report));
  sqlite3_bind_int (s, 9, (int) gx_report_get_n_notes (report));
  if (existing > 0)
    sqlite3_bind_int64 (s, 10, existing);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot add the report"));
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  id = existing > 0 ? existing : sqlite3_last_insert_rowid (self->db);

  if (!write_cells (self, id, report, existing > 0, error))
    return FALSE;

  gx_report_set_id (report, id);
  *outcome = existing > 0 ? GX_IMPORT_REPLACED : GX_IMPORT_ADDED;
  return TRUE;
}

gboolean
gx_store_put_report (GxStore          *self,
                     GxReport         *report,
                     const char       *content_hash,
                     gboolean          replace,
                     GxImportOutcome  *outcome,
                     GError          **error)
{
  g_autofree char *values_hash = NULL;
  GxImportOutcome dummy;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  if (outcome == NULL)
    outcome = &dummy;
  if (content_hash == NULL)
    content_hash = values_hash = hash_values (report);

  if (!savepoint (self, error))
    return FALSE;
  if (!put_report_inner (self, report, content_hash, replace, outcome, error))
    {
      rollback_to (self);
      return FALSE;
    }
  return release (self, error);
}

gboolean
gx_store_save_report (GxStore   *self,
                      GxReport  *report,
                      GError   **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *s = NULL;
  gint64 id;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  /* A report typed in or edited by hand has no source content: it is
   * stored without a content hash (id 0: added even when another report of
   * the same issuer and year is there; the user asked for it). */
  id = gx_report_get_id (report);
  g_ptr_array_unref (gx_rules_check (report));
  now = now_iso8601 ();

  if (!savepoint (self, error))
    return FALSE;

  if (id == 0)
    {
      if (!(s = stmt (self, STMT_INSERT_REPORT, error)))
        goto fail;
      bind_text_or_null (s, 1, gx_report_get_issuer (report));
      if (gx_report_get_year (report) > 0)
        sqlite3_bind_int (s, 2, gx_report_get_year (report));
      else
        sqlite3_bind_null (s, 2);
      bind_text_or_null (s, 3, gx_report_get_source (report));
      sqlite3_bind_null (s, 4);
      sqlite3_bind_text (s, 5, gx_report_get_format_version (report), -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 6, now, -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 7, (int) gx_report_get_n_errors (report));
      sqlite3_bind_int (s, 8, (int) gx_report_get_n_warnings (report));
      sqlite3_bind_int (s, 9, (int) gx_report_get_n_notes (report));
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          sqlite_error (self, error, _("cannot add the report"));
          goto fail;
        }
      id = sqlite3_last_insert_rowid (self->db);
      if (!write_cells (self, id, report, FALSE, error))
        goto fail;
      gx_report_set_id (report, id);
    }
  else
    {
      if (!(s = stmt (self, STMT_UPDATE_REPORT_SAVE, error)))
        goto fail;
      bind_text_or_null (s, 1, gx_report_get_issuer (report));
      if (gx_report_get_year (report) > 0)
        sqlite3_bind_int (s, 2, gx_report_get_year (report));
      else
        sqlite3_bind_null (s, 2);
      bind_text_or_null (s, 3, gx_report_get_source (report));
      sqlite3_bind_text (s, 4, gx_report_get_format_version (report), -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 5, now, -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 6, (int) gx_report_get_n_errors (report));
      sqlite3_bind_int (s, 7, (int) gx_report_get_n_warnings (report));
      sqlite3_bind_int (s, 8, (int) gx_report_get_n_notes (report));
      sqlite3_bind_int64 (s, 9, id);
      if (sqlite3_step (s) != SQLITE_DONE)
        {
          sqlite_error (self, error, _("cannot save the report"));
          goto fail;
        }
      if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                       _("%s: there is no report #%" G_GINT64_FORMAT), self->path, id);
          goto fail;
        }
      if (!write_cells (self, id, report, TRUE, error))
        goto fail;
    }
  sqlite3_reset (s);
  return release (self, error);

fail:
  if (s)
    sqlite3_reset (s);
  rollback_to (self);
  return FALSE;
}

static gboolean
load_cells_into (GxStore   *self,
                 GxReport  *report,
                 gint64     id,
                 GError   **error)
{
  sqlite3_stmt *s;
  int rc;

  if (!(s = stmt (self, STMT_LOAD_CELLS, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    cell_from_row (self, report, s, sqlite3_column_int (s, 0), 1, TRUE);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return sqlite_error (self, error, _("cannot read the report"));
  return TRUE;
}

GxReport *
gx_store_load_report (GxStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(GxReport) report = gx_report_new ();
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  if (!(s = stmt (self, STMT_LOAD_REPORT, error)))
    return NULL;
  sqlite3_bind_int64 (s, 1, id);
  rc = sqlite3_step (s);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (s);
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no report #%" G_GINT64_FORMAT), self->path, id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite_error (self, error, _("cannot read the report"));
      sqlite3_reset (s);
      return NULL;
    }
  report_from_row (report, s);
  sqlite3_reset (s);

  if (!load_cells_into (self, report, id, error))
    return NULL;
  g_ptr_array_unref (gx_rules_check (report));
  return g_steal_pointer (&report);
}

gboolean
gx_store_remove_report (GxStore  *self,
                        gint64    id,
                        GError  **error)
{
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);

  if (!(s = stmt (self, STMT_DELETE_REPORT, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot remove the report"));
      sqlite3_reset (s);
      return FALSE;
    }
  sqlite3_reset (s);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no report #%" G_GINT64_FORMAT), self->path, id);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
gx_store_load_all (GxStore  *self,
                   GError  **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean own_transaction = !self->in_batch;
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  /* one read transaction, so reports and cells agree */
  if (own_transaction && !exec (self, "BEGIN", error))
    return NULL;

  if (!(s = stmt (self, STMT_LOAD_ALL_REPORTS, error)))
    goto fail;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxReport *report = gx_report_new ();

      report_from_row (report, s);
      g_ptr_array_add (reports, report);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      goto fail;
    }
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      gint64 *key = g_new (gint64, 1);

      *key = gx_report_get_id (report);
      g_hash_table_insert (by_id, key, report);
    }

  if (!(s = stmt (self, STMT_LOAD_ALL_CELLS, error)))
    goto fail;
  {
    gint64 current_id = -1;
    GxReport *current = NULL;

    while ((rc = sqlite3_step (s)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (s, 0);

        if (id != current_id)
          {
            current_id = id;
            current = g_hash_table_lookup (by_id, &id);
          }
        if (current)
          cell_from_row (self, current, s, sqlite3_column_int (s, 1), 2, TRUE);
      }
  }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      goto fail;
    }

  if (own_transaction)
    exec (self, "COMMIT", NULL);

  {
    /* free the keys */
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }

  for (guint i = 0; i < reports->len; i++)
    g_ptr_array_unref (gx_rules_check (g_ptr_array_index (reports, i)));
  return g_steal_pointer (&reports);

fail:
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  if (own_transaction)
    exec (self, "ROLLBACK", NULL);
  return NULL;
}

static const char *const summary_paths[] = {
  "applications.new_received.total",
  "applications.results_total.total",
  "applications.carried_forward.total",
  "review_litigation.review.total",
  "review_litigation.litigation_direct.total",
  "review_litigation.litigation_after_review.total",
};

GPtrArray *
gx_store_list_summaries (GxStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 db_cells[G_N_ELEMENTS (summary_paths)];
  g_autofree char *json = NULL;
  GxReport *current = NULL;
  gint64 current_id = -1;
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (summary_paths); i++)
    db_cells[i] = self->schema_to_db[gx_schema_find_cell_by_path (summary_paths[i])];
  json = ids_to_json (db_cells, G_N_ELEMENTS (db_cells));

  if (!(s = stmt (self, STMT_SUMMARIES, error)))
    return NULL;
  sqlite3_bind_text (s, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (s, 0);

      if (id != current_id)
        {
          current_id = id;
          current = gx_report_new ();
          report_from_row (current, s);
          g_ptr_array_add (reports, current);
        }
      if (sqlite3_column_type (s, 8) != SQLITE_NULL)
        cell_from_row (self, current, s, sqlite3_column_int (s, 8), 9, FALSE);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&reports);
}

GArray *
gx_store_find_ids (GxStore     *self,
                   int          year,
                   const char  *issuer_contains,
                   GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  if (!(s = stmt (self, STMT_FIND_IDS, error)))
    return NULL;
  sqlite3_bind_int (s, 1, year);
  bind_text_or_null (s, 2, issuer_contains && *issuer_contains ? issuer_contains : NULL);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (s, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GxReport *
gx_store_rollup (GxStore       *self,
                 const gint64  *ids,
                 guint          n_ids,
                 GError       **error)
{
  g_autoptr(GxReport) report = gx_report_new ();
  g_autofree char *json = NULL;
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  json = ids_to_json (ids, n_ids);
  if (!(s = stmt (self, STMT_ROLLUP, error)))
    return NULL;
  sqlite3_bind_text (s, 1, json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      int cell = schema_cell_of (self, sqlite3_column_int (s, 0));

      if (cell >= 0 && sqlite3_column_int64 (s, 2) > 0)
        gx_report_set_value (report, cell, sqlite3_column_int64 (s, 1));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot add up the reports"));
      return NULL;
    }
  g_ptr_array_unref (gx_rules_check (report));
  return g_steal_pointer (&report);
}
