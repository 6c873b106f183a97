/* gx-store.c: the workspace as one SQLite file: the connection
 *
 * Opening (made, migrated or refused), locks, batches and the statements,
 * prepared once and reused.  What the file holds: gx-store-schema.c.
 */
#include "gx-config.h"

#include <string.h>
#include <errno.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gx-check.h"
#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-store-private.h"

static const char *const stmt_sql[N_STMTS] = {
  [STMT_FIND_HASH] =
    "SELECT id FROM reports WHERE content_hash = ?1",
  [STMT_ALL_HASHES] =
    "SELECT content_hash FROM reports WHERE content_hash IS NOT NULL",
  /* the three write the whole row at once (bind_report_row()); the
   * content hash (?4) stays what it was when a report is saved */
  [STMT_INSERT_REPORT] =
    "INSERT INTO reports (issuer, year, source, content_hash, format_version, "
    "imported_at, updated_at, issuer_key, prose, "
    "sum_new_received, sum_results_total, sum_carried_forward, "
    "sum_review, sum_litigation_direct, sum_litigation_after_review, "
    "n_errors, n_warnings, n_notes) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
  [STMT_UPDATE_REPORT_IMPORT] =
    "UPDATE reports SET issuer = ?1, year = ?2, source = ?3, content_hash = ?4, "
    "format_version = ?5, imported_at = ?6, updated_at = ?6, issuer_key = ?7, prose = ?8, "
    "sum_new_received = ?9, sum_results_total = ?10, sum_carried_forward = ?11, "
    "sum_review = ?12, sum_litigation_direct = ?13, sum_litigation_after_review = ?14, "
    "n_errors = ?15, n_warnings = ?16, n_notes = ?17, revision = revision + 1 WHERE id = ?18",
  /* user_version 5: ?19 the revision the report was loaded at, NULL to
   * overwrite; compared in the one statement that writes */
  [STMT_UPDATE_REPORT_SAVE] =
    "UPDATE reports SET issuer = ?1, year = ?2, source = ?3, "
    "format_version = ?5, updated_at = ?6, issuer_key = ?7, prose = ?8, "
    "sum_new_received = ?9, sum_results_total = ?10, sum_carried_forward = ?11, "
    "sum_review = ?12, sum_litigation_direct = ?13, sum_litigation_after_review = ?14, "
    "n_errors = ?15, n_warnings = ?16, n_notes = ?17, revision = revision + 1 "
    "WHERE id = ?18 AND (?19 IS NULL OR revision = ?19) RETURNING revision",
  [STMT_DELETE_CELLS] =
    "DELETE FROM cells WHERE report_id = ?1",
  [STMT_SAVEPOINT] = "SAVEPOINT gx_put",
  [STMT_RELEASE] = "RELEASE gx_put",
  [STMT_INSERT_INVALID] =
    "INSERT INTO invalid_cells (report_id, cell, raw) VALUES (?1, ?2, ?3)",
  [STMT_DELETE_INVALID] =
    "DELETE FROM invalid_cells WHERE report_id = ?1",
  [STMT_LOAD_INVALID] =
    "SELECT cell, raw FROM invalid_cells WHERE report_id = ?1",
  [STMT_LOAD_ALL_INVALID] =
    "SELECT report_id, cell, raw FROM invalid_cells",
  [STMT_DELETE_REPORT] =
    "DELETE FROM reports WHERE id = ?1",
  [STMT_LOAD_REPORT] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes, revision "
    "FROM reports WHERE id = ?1",
  [STMT_LOAD_CELLS] =
    "SELECT row, v0, v1, v2, v3, v4, v5, v6, flags, lines FROM cells WHERE report_id = ?1",
  [STMT_LOAD_ALL_REPORTS] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes, revision "
    "FROM reports ORDER BY issuer, year, id",
  [STMT_LOAD_ALL_CELLS] =
    "SELECT report_id, row, v0, v1, v2, v3, v4, v5, v6, flags, lines FROM cells",
  [STMT_SUMMARIES] =
    "SELECT r.id, r.issuer, r.year, r.source, r.format_version, "
    "r.n_errors, r.n_warnings, r.n_notes, sum_new_received, sum_results_total, "
    "sum_carried_forward, sum_review, sum_litigation_direct, sum_litigation_after_review "
    "FROM reports r ORDER BY r.issuer, r.year, r.id",
  [STMT_WRITE_SUMMARY] =
    "UPDATE reports SET sum_new_received = ?2, sum_results_total = ?3, sum_carried_forward = ?4, "
    "sum_review = ?5, sum_litigation_direct = ?6, sum_litigation_after_review = ?7, "
    "n_errors = ?8, n_warnings = ?9, n_notes = ?10 WHERE id = ?1",
  [STMT_FIND_IDS] =
    "SELECT id FROM reports WHERE (?1 = 0 OR year = ?1) "
    "AND (?2 IS NULL OR instr (issuer, ?2) > 0) ORDER BY issuer, year, id",
  [STMT_ROLLUP] =
    "SELECT row, SUM (v0), COUNT (v0), SUM (v1), COUNT (v1), SUM (v2), COUNT (v2), "
    "SUM (v3), COUNT (v3), SUM (v4), COUNT (v4), SUM (v5), COUNT (v5), SUM (v6), COUNT (v6) "
    "FROM cells WHERE report_id IN (SELECT value FROM json_each (?1)) GROUP BY row",
  [STMT_REPORT_EXISTS] =
    "SELECT 1 FROM reports WHERE id = ?1",
  /* user_version 2 */
  [STMT_LOAD_PROSE] =
    "SELECT prose FROM reports WHERE id = ?1",
  [STMT_DELETE_REVIEW] =
    "DELETE FROM reviews WHERE year = ?2 AND finding_key = ?3 AND COALESCE ("
    "(SELECT canonical FROM issuer_aliases a WHERE a.alias = reviews.issuer_key), "
    "reviews.issuer_key) = ?1",
  [STMT_INSERT_REVIEW] =
    "INSERT INTO reviews (issuer_key, year, finding_key, state, note, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_LOAD_REVIEWS] =
    /* ?1 is a canonical key: looked up in the primary key, for it and
     * each of its merged spellings */
    "SELECT finding_key, state, note FROM ("
    "SELECT finding_key, state, note, updated_at FROM reviews WHERE issuer_key = ?1 AND year = ?2 "
    "UNION ALL SELECT v.finding_key, v.state, v.note, v.updated_at "
    "FROM issuer_aliases a CROSS JOIN reviews v ON v.issuer_key = a.alias "
    "WHERE a.canonical = ?1 AND v.year = ?2) ORDER BY updated_at",
  [STMT_CANONICAL] =
    "SELECT canonical FROM issuer_aliases WHERE alias = ?1",
  [STMT_DELETE_ALIAS] =
    "DELETE FROM issuer_aliases WHERE alias = ?1",
  [STMT_INSERT_ALIAS] =
    "INSERT OR REPLACE INTO issuer_aliases (alias, canonical) VALUES (?1, ?2)",
  [STMT_REPOINT_ALIASES] =
    "UPDATE issuer_aliases SET canonical = ?2 WHERE canonical = ?1",
  [STMT_LOAD_ALIASES] =
    "SELECT alias, canonical FROM issuer_aliases",
  [STMT_LIST_ISSUERS] =
    "SELECT r.issuer, COALESCE (a.canonical, r.issuer_key), COUNT (*) FROM reports r "
    "LEFT JOIN issuer_aliases a ON a.alias = r.issuer_key "
    "WHERE r.issuer_key IS NOT NULL GROUP BY r.issuer ORDER BY 2, r.issuer",
  /* ORDER BY +r.id: sort the few matches, so that SQLite scans the small
   * (issuer_key, year) index rather than the whole table in id order (5 ms
   * a call at 1,000 reports; once per report of an .xlsx export) */
  [STMT_FIND_REPORT_KEY] =
    /* ?1 is a canonical key: its reports and those of its merged
     * spellings, each looked up in reports_issuer_key_year (an import
     * asks this twice a report) */
    "SELECT MIN (id) FROM ("
    "SELECT id FROM reports WHERE issuer_key = ?1 AND year = ?2 AND id != ?3 "
    "UNION ALL SELECT r.id FROM issuer_aliases a CROSS JOIN reports r ON r.issuer_key = a.alias "
    "WHERE a.canonical = ?1 AND r.year = ?2 AND r.id != ?3)",
  [STMT_DELETE_CHILDREN] =
    "DELETE FROM report_children WHERE parent_id = ?1",
  [STMT_INSERT_CHILD] =
    "INSERT OR IGNORE INTO report_children (parent_id, child_id) VALUES (?1, ?2)",
  [STMT_LOAD_CHILDREN] =
    "SELECT child_id FROM report_children WHERE parent_id = ?1 ORDER BY child_id",
  [STMT_LOAD_PARENTS] =
    "SELECT parent_id FROM report_children WHERE child_id = ?1 ORDER BY parent_id",
  /* the reports of one canonical issuer key, with its merged spellings */
  [STMT_ISSUER_GROUP] =
    "SELECT id FROM reports WHERE issuer_key = ?1 "
    "OR issuer_key IN (SELECT alias FROM issuer_aliases WHERE canonical = ?1) ORDER BY id",
};

G_DEFINE_FINAL_TYPE_WITH_CODE (GxStore, gx_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GX_TYPE_BACKEND, gx_store_backend_init))

G_DEFINE_QUARK (gx-store-error-quark, gx_store_error)

/* Helpers -------------------------------------------------------------------- */

gboolean
store_sqlite_error (GxStore     *self,
                    GError     **error,
                    const char  *what)
{
  g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
               /* TRANSLATORS: "workspace.db: cannot add the report: disk I/O error" */
               _("%s: %s: %s"), self->path, what,
               self->db ? sqlite3_errmsg (self->db) : "?");
  return FALSE;
}

gboolean
store_exec (GxStore     *self,
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

/* The statement kept in *@slot (prepared from @sql the first time), reset
 * and with its bindings cleared. */
sqlite3_stmt *
store_cached_stmt (GxStore        *self,
                   sqlite3_stmt  **slot,
                   const char     *sql,
                   GError        **error)
{
  if (*slot == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
        {
          store_sqlite_error (self, error, _("cannot prepare a query"));
          return NULL;
        }
      return *slot;
    }
  sqlite3_reset (*slot);
  sqlite3_clear_bindings (*slot);
  return *slot;
}

/* The prepared statement @id, reset and with its bindings cleared. */
sqlite3_stmt *
store_stmt (GxStore  *self,
            StmtId    id,
            GError  **error)
{
  return store_cached_stmt (self, &self->stmts[id], stmt_sql[id], error);
}

/* Runs a prepared statement that returns nothing. */
gboolean
store_step_done (GxStore      *self,
                 sqlite3_stmt *s,
                 const char   *what,
                 GError      **error)
{
  int rc = sqlite3_step (s);

  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return store_sqlite_error (self, error, what);
  return TRUE;
}

void
store_bind_text_or_null (sqlite3_stmt *s,
                         int           index,
                         const char   *text)
{
  if (text)
    sqlite3_bind_text (s, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (s, index);
}

char *
store_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

int
store_read_user_version (sqlite3 *db,
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
char *
store_ids_to_json (const gint64 *ids,
                   guint         n_ids)
{
  GString *s = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (s, ']');
  return g_string_free (s, FALSE);
}

/* Savepoints make every put and save all-or-nothing, inside a batch or
 * alone. */
gboolean
store_savepoint (GxStore *self, GError **error)
{
  sqlite3_stmt *s = store_stmt (self, STMT_SAVEPOINT, error);

  return s != NULL && store_step_done (self, s, _("cannot update the workspace"), error);
}

gboolean
store_release (GxStore *self, GError **error)
{
  sqlite3_stmt *s = store_stmt (self, STMT_RELEASE, error);

  return s != NULL && store_step_done (self, s, _("cannot update the workspace"), error);
}

void
store_rollback_to (GxStore *self)
{
  store_exec (self, "ROLLBACK TO gx_put", NULL);
  store_exec (self, "RELEASE gx_put", NULL);
}

/* GObject --------------------------------------------------------------------- */

static void
gx_store_finalize (GObject *object)
{
  GxStore *self = GX_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->insert_cells); i++)
    sqlite3_finalize (self->insert_cells[i]);
  sqlite3_finalize (self->data_version_stmt);
  if (self->db)
    sqlite3_close (self->db);
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
  self->has_reviews = -1;
}

/* Public API ------------------------------------------------------------------ */

char *
gx_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "gxreports", "workspace.db", NULL);
}

/* The workspace version SQLite reads from a file's header (user_version)
 * can be anything in a damaged file: a version this far beyond ours was
 * never written by any GxReports. */
#define STORE_VERSION_PLAUSIBLE 1000

static gboolean
damaged_error (const char  *path,
               const char  *detail,
               GError     **error)
{
  g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
               /* TRANSLATORS: "ws.db: not a GxReports workspace, or a damaged one (file is not a database)" */
               _("%s: not a GxReports workspace, or a damaged one (%s)"), path, detail);
  return FALSE;
}

/* An error of the first read of a connection: a file that is no SQLite
 * database (or whose header is damaged) says so in words. */
static gboolean
first_read_error (GxStore  *self,
                  int       rc,
                  GError  **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return damaged_error (self->path, sqlite3_errstr (rc), error);
    default:
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot open the workspace: %s"), self->path, sqlite3_errmsg (self->db));
      return FALSE;
    }
}

static gboolean
check_version (GxStore  *self,
               int       version,
               GError  **error)
{
  if (version < 0 || version > STORE_VERSION_PLAUSIBLE)
    {
      g_autofree char *detail =
        /* TRANSLATORS: why a file is taken for a damaged workspace */
        g_strdup_printf (_("its header gives workspace version %d, which no GxReports wrote"), version);

      return damaged_error (self->path, detail, error);
    }
  if (version > STORE_VERSION)
    return store_too_new_error (self->path, version, error);
  return TRUE;
}

/* "file:" URI of @path with @query, for sqlite3_open_v2 (SQLITE_OPEN_URI). */
static char *
file_uri (const char *path,
          const char *query)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);

  return g_strconcat ("file:", escaped, query ? "?" : "", query ? query : "", NULL);
}

/* Sets the journal mode to WAL.  Changing it takes an exclusive lock and
 * SQLite answers BUSY at once, without its busy handler, while another
 * process reads or makes the same new workspace: retried for a while. */
static gboolean
set_wal (GxStore  *self,
         GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gulong pause = 1000;

  for (;;)
    {
      sqlite3_stmt *s = NULL;
      int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &s, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_step (s);
      sqlite3_finalize (s);
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        return first_read_error (self, rc, error);
      if (g_get_monotonic_time () > deadline)
        return store_sqlite_error (self, error, _("cannot open the workspace"));
      g_usleep (pause + g_random_int_range (0, 1000));
      pause = MIN (pause * 2, 50000);
    }
}

/* Opens the connection: @flags for sqlite3_open_v2(); the busy timeout is
 * set before any statement runs. */
static gboolean
open_connection (GxStore     *self,
                 const char  *filename,
                 int          flags,
                 GError     **error)
{
  int rc;

  if (self->db != NULL)
    {
      for (guint i = 0; i < N_STMTS; i++)
        g_clear_pointer (&self->stmts[i], sqlite3_finalize);
      sqlite3_close (self->db);
      self->db = NULL;
    }
  rc = sqlite3_open_v2 (filename, &self->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (self->db != NULL)
    {
      sqlite3_busy_timeout (self->db, 5000);
      sqlite3_extended_result_codes (self->db, 1);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot open the workspace: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

/* Opens @path for reading only: no write lock, no -wal or -shm made when
 * the folder forbids it (then the file is read as it is, without locking:
 * nobody can write it there either). */
static gboolean
open_read_only (GxStore  *self,
                int      *version,
                GError  **error)
{
  g_autofree char *uri = NULL;
  int rc;

  if (!open_connection (self, self->path, SQLITE_OPEN_READONLY, error))
    return FALSE;
  rc = store_read_user_version (self->db, version);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
    return first_read_error (self, rc, error);

  /* a WAL workspace in a folder we cannot write: its -shm cannot be made.
   * Without a -wal file everything is in the main file. */
  uri = file_uri (self->path, "immutable=1");
  if (!open_connection (self, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error))
    return FALSE;
  rc = store_read_user_version (self->db, version);
  if (rc != SQLITE_OK)
    return first_read_error (self, rc, error);
  self->unlocked = TRUE;
  return TRUE;
}

static GxStore *
store_open (const char  *path,
            gboolean     read_only,
            GError     **error)
{
  g_autoptr(GxStore) self = NULL;
  g_autofree char *dir = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (GX_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Only SQLite ever opens the workspace file: a process's POSIX locks on
   * a file go when it closes any descriptor of it, so a read of the header
   * of our own would take the locks of this process's other connections
   * away (another thread's import, the window's connection). */
  if (read_only && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!open_read_only (self, &version, error) ||
          !check_version (self, version, error))
        return NULL;
      if (version == STORE_VERSION || version == STORE_VERSION_READABLE)
        {
          self->read_only = TRUE;
          if (!store_exec (self, "PRAGMA foreign_keys = ON", error) ||
              !store_read_as_current (self, version, error) ||
              !store_check_cell_keys (self, error))
            return NULL;
          return g_steal_pointer (&self);
        }
      /* an older (or empty) workspace is migrated once: read-write */
      self->unlocked = FALSE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot create the folder: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!open_connection (self, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error))
    return NULL;

  /* Before the first write: a workspace of a newer version is left as it
   * is (reading it makes no change to the file). */
  rc = store_read_user_version (self->db, &version);
  if (rc != SQLITE_OK)
    {
      first_read_error (self, rc, error);
      return NULL;
    }
  if (!check_version (self, version, error))
    return NULL;

  /* temp_store MEMORY: the savepoint of each file of an import batch
   * keeps the pages it is about to change in a statement journal, which
   * otherwise spills to a temporary file past 64 KB: two thirds of the
   * writes of an import of 10,000 files went there (pwrite 212,747 → 72,955). */
  if (!set_wal (self, error) ||
      !store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !store_exec (self, "PRAGMA temp_store = MEMORY", error) ||
      !store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* Reading needs no write lock: only an old workspace is migrated (under
   * the write lock, where migrate() reads the version again: another
   * process may have just made or migrated it). */
  if (version < STORE_VERSION && !store_migrate (self, error))
    return NULL;
  if (!store_check_cell_keys (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GxStore *
gx_store_open (const char  *path,
               GError     **error)
{
  return store_open (path, FALSE, error);
}

gboolean
gx_store_is_sqlite_file (const char *path)
{
  GStatBuf st;
  sqlite3 *db = NULL;
  int version = 0;
  gboolean is_db;

  g_return_val_if_fail (path != NULL, FALSE);

  /* an empty file is an empty database to SQLite, not a workspace here */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size < 100)
    return FALSE;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 1000);
  is_db = store_read_user_version (db, &version) == SQLITE_OK;
  sqlite3_close (db);
  return is_db;
}

GxStore *
gx_store_open_read_only (const char  *path,
                         GError     **error)
{
  return store_open (path, TRUE, error);
}

gboolean
gx_store_is_read_only (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  return self->read_only;
}

gboolean
gx_store_is_unlocked (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  return self->unlocked;
}

gint64
gx_store_get_data_version (GxStore  *self,
                           GError  **error)
{
  sqlite3_stmt *s;
  gint64 version = -1;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), -1);

  if (!(s = store_cached_stmt (self, &self->data_version_stmt, "PRAGMA data_version", error)))
    return -1;
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW)
    store_sqlite_error (self, error, _("cannot read the workspace"));
  return version;
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

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
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

  if (!store_exec (self, "COMMIT", error))
    {
      store_exec (self, "ROLLBACK", NULL);
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
    store_exec (self, "ROLLBACK", NULL);
  self->in_batch = FALSE;
}

gboolean
gx_store_savepoint (GxStore  *self,
                    GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  return store_exec (self, "SAVEPOINT gx_unit", error);
}

gboolean
gx_store_release_savepoint (GxStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  return store_exec (self, "RELEASE gx_unit", error);
}

void
gx_store_rollback_to_savepoint (GxStore *self)
{
  g_return_if_fail (GX_IS_STORE (self));
  store_exec (self, "ROLLBACK TO gx_unit", NULL);
  store_exec (self, "RELEASE gx_unit", NULL);
}

