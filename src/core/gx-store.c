/* gx-store.c: the workspace, one SQLite file of reports
 *
 * Schema (STORE_VERSION; the migrations below say what each version added):
 *
 *   reports    one row a report: issuer, year, source, content_hash (UNIQUE),
 *              format_version, imported_at, updated_at, and n_errors,
 *              n_warnings, n_notes, a cache of the findings not dismissed,
 *              recomputed with gx_check_report() on every write, that of
 *              the next year and of the roll-ups included (findings
 *              themselves are never stored).
 *   row_keys   the rows of the template: row number → section and row key.
 *   cell_keys  every cell: cell number → row number, column index, section,
 *              row, col and path, the keys of report-schema.md
 *              ("applications", "new_received", "total").  Both are written
 *              from gx-schema.c when the workspace is made.
 *   cells      one row for every row of the template of every report:
 *              (report_id, row) → v0 … v6, the values of its columns in
 *              fixed point (NULL when blank or invalid), flags (8 bits a
 *              column: INFERRED) and lines (the source line of each cell,
 *              "120 121 …").  WITHOUT ROWID, clustered on (report_id, row).
 *   invalid_cells  the raw text of cells that are not numbers:
 *              (report_id, cell) → raw.
 *   cell_values  a view with one row a cell (report_id, cell, section, row,
 *              col, path, value, raw, number), for SQL by hand:
 *              SELECT path, SUM(value) FROM cell_values WHERE … GROUP BY path.
 *              value is fixed point ×1,000,000 since user_version 3
 *              (×10,000 before); number (version 3) is value as a decimal.
 *
 * Why rows, not cells: 10,000 reports are 2,000,000 cells, and SQLite
 * inserts about half a million rows a second on a modest machine; one row a
 * template row (34 a report) takes a sixth of that.  A sum over any
 * selection is still one GROUP BY, on the cells table or on the view.
 *
 * The connection runs in WAL mode with synchronous=NORMAL and foreign keys
 * on; every statement is prepared once and reused.  A workspace whose
 * user_version is newer than ours is refused before anything is written.
 */
#include "gx-config.h"

#include <string.h>
#include <errno.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gx-store.h"
#include "gx-rules.h"
#include "gx-review.h"
#include "gx-crosscheck.h"
#include "gx-prose.h"
#include "gx-check.h"
#include "gx-store-private.h"

#define STORE_VERSION 4

typedef enum {
  STMT_FIND_HASH,
  STMT_ALL_HASHES,
  STMT_FIND_ISSUER_YEAR,
  STMT_INSERT_REPORT,
  STMT_UPDATE_REPORT_IMPORT,
  STMT_UPDATE_REPORT_SAVE,
  STMT_DELETE_CELLS,
  STMT_SAVEPOINT,
  STMT_RELEASE,
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
  STMT_REPORT_EXISTS,
  STMT_LOAD_PROSE,
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
  N_STMTS
} StmtId;

static const char *const stmt_sql[N_STMTS] = {
  [STMT_FIND_HASH] =
    "SELECT id FROM reports WHERE content_hash = ?1",
  [STMT_ALL_HASHES] =
    "SELECT content_hash FROM reports WHERE content_hash IS NOT NULL",
  [STMT_FIND_ISSUER_YEAR] =
    "SELECT id FROM reports WHERE issuer = ?1 AND year = ?2 ORDER BY id LIMIT 1",
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
    "n_errors = ?15, n_warnings = ?16, n_notes = ?17 WHERE id = ?18",
  [STMT_UPDATE_REPORT_SAVE] =
    "UPDATE reports SET issuer = ?1, year = ?2, source = ?3, "
    "format_version = ?5, updated_at = ?6, issuer_key = ?7, prose = ?8, "
    "sum_new_received = ?9, sum_results_total = ?10, sum_carried_forward = ?11, "
    "sum_review = ?12, sum_litigation_direct = ?13, sum_litigation_after_review = ?14, "
    "n_errors = ?15, n_warnings = ?16, n_notes = ?17 WHERE id = ?18",
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
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes "
    "FROM reports WHERE id = ?1",
  [STMT_LOAD_CELLS] =
    "SELECT row, v0, v1, v2, v3, v4, v5, v6, flags, lines FROM cells WHERE report_id = ?1",
  [STMT_LOAD_ALL_REPORTS] =
    "SELECT id, issuer, year, source, format_version, n_errors, n_warnings, n_notes "
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

struct _GxStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS];
  sqlite3_stmt *insert_cells[2];   /* insert_cells_stmt(): the 2021 form, the 2019 one */
  gboolean in_batch;
  int has_reviews;            /* -1 unknown; writes skip looking them up while 0 */
  gboolean read_only;         /* gx_store_open_read_only(): writes fail */
  gboolean unlocked;          /* read as it is, without locks (read-only folder) */
  sqlite3_stmt *data_version_stmt;

};

G_DEFINE_FINAL_TYPE_WITH_CODE (GxStore, gx_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GX_TYPE_BACKEND, gx_store_backend_init))

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

/* The statement kept in *@slot (prepared from @sql the first time), reset
 * and with its bindings cleared. */
static sqlite3_stmt *
cached_stmt (GxStore        *self,
             sqlite3_stmt  **slot,
             const char     *sql,
             GError        **error)
{
  if (*slot == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK)
        {
          sqlite_error (self, error, _("cannot prepare a query"));
          return NULL;
        }
      return *slot;
    }
  sqlite3_reset (*slot);
  sqlite3_clear_bindings (*slot);
  return *slot;
}

/* The prepared statement @id, reset and with its bindings cleared. */
static sqlite3_stmt *
stmt (GxStore  *self,
      StmtId    id,
      GError  **error)
{
  return cached_stmt (self, &self->stmts[id], stmt_sql[id], error);
}

/* Runs a prepared statement that returns nothing. */
static gboolean
step_done (GxStore      *self,
           sqlite3_stmt *s,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (s);

  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return sqlite_error (self, error, what);
  return TRUE;
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

#define MAX_COLUMNS 7

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
  "  n_notes INTEGER NOT NULL DEFAULT 0,"
  /* the figures the main window lists (summary_paths), fixed point, NULL
   * when blank: a cache written with the cells, never read as the truth */
  "  sum_new_received INTEGER, sum_results_total INTEGER, sum_carried_forward INTEGER,"
  "  sum_review INTEGER, sum_litigation_direct INTEGER, sum_litigation_after_review INTEGER"
  ");"
  "CREATE INDEX reports_issuer_year ON reports (issuer, year);"
  "CREATE TABLE row_keys ("
  "  row INTEGER PRIMARY KEY,"
  "  section TEXT NOT NULL,"
  "  row_key TEXT NOT NULL,"
  "  UNIQUE (section, row_key)"
  ");"
  "CREATE TABLE cell_keys ("
  "  cell INTEGER PRIMARY KEY,"
  "  row INTEGER NOT NULL REFERENCES row_keys (row),"
  "  col_index INTEGER NOT NULL,"
  "  section TEXT NOT NULL,"
  "  row_key TEXT NOT NULL,"
  "  col TEXT NOT NULL,"
  "  path TEXT NOT NULL UNIQUE,"
  "  formats INTEGER NOT NULL,"   /* bit 0: the 2021 form, bit 1: the 2019 form */
  "  UNIQUE (row, col_index)"
  ");"
  "CREATE TABLE cells ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  row INTEGER NOT NULL,"
  "  v0 INTEGER, v1 INTEGER, v2 INTEGER, v3 INTEGER, v4 INTEGER, v5 INTEGER, v6 INTEGER,"
  "  flags INTEGER NOT NULL DEFAULT 0,"
  "  lines TEXT,"
  "  PRIMARY KEY (report_id, row)"
  ") WITHOUT ROWID;"
  "CREATE TABLE invalid_cells ("
  "  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  cell INTEGER NOT NULL,"
  "  raw TEXT NOT NULL,"
  "  PRIMARY KEY (report_id, cell)"
  ") WITHOUT ROWID;"
  "CREATE VIEW cell_values AS"
  "  SELECT c.report_id, k.cell, k.section, k.row_key AS row, k.col, k.path,"
  "    CASE k.col_index WHEN 0 THEN c.v0 WHEN 1 THEN c.v1 WHEN 2 THEN c.v2 WHEN 3 THEN c.v3"
  "      WHEN 4 THEN c.v4 WHEN 5 THEN c.v5 ELSE c.v6 END AS value,"
  "    i.raw"
  "  FROM cells c JOIN reports r ON r.id = c.report_id"
  "  JOIN cell_keys k ON k.row = c.row"
  "    AND (k.formats & CASE r.format_version WHEN '2019' THEN 2 ELSE 1 END) != 0"
  "  LEFT JOIN invalid_cells i ON i.report_id = c.report_id AND i.cell = k.cell;";

/* user_version 2: reviews, issuer aliases, roll-up links; the issuer key and the
 * prose of every report.
 *
 *   reports.issuer_key  gx_issuer_normalize() of the issuer, filled by C
 *              (below for the reports already there, on every write after).
 *   reports.prose  the text outside the tables (for the prose checks).
 *   reviews    (issuer_key, year, finding_key) → state, note: the decision
 *              on a finding, kept by issuer and year, not by report id, so
 *              that it survives re-import and replacement.
 *   issuer_aliases  alias → canonical, both normalised: names the user
 *              merged (always one level: the canonical is no alias).
 *   report_children  parent_id → child_id: the parent is the roll-up of its
 *              children (hierarchy). */
static const char migration_2[] =
  "ALTER TABLE reports ADD COLUMN issuer_key TEXT;"
  "ALTER TABLE reports ADD COLUMN prose TEXT;"
  "CREATE INDEX reports_issuer_key_year ON reports (issuer_key, year);"
  "CREATE TABLE reviews ("
  "  issuer_key TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  finding_key TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  note TEXT,"
  "  updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (issuer_key, year, finding_key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE issuer_aliases ("
  "  alias TEXT PRIMARY KEY,"
  "  canonical TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE report_children ("
  "  parent_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  child_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (parent_id, child_id),"
  "  CHECK (parent_id != child_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX report_children_child ON report_children (child_id);";

/* user_version 3: values keep six decimals (GX_VALUE_SCALE 10^4 → 10^6): every
 * stored fixed-point value is multiplied by 100, the cells and the list's
 * cached figures.  A value so large that ×100 would not fit (beyond
 * ±92,233,720,368,547,758, never a real figure: it is far past the
 * maximum a cell keeps now) is kept as its text in invalid_cells instead,
 * where count_value says it is too large, rather than lost.  The view
 * cell_values gains `number`, the value as a decimal number, for SQL that
 * should not depend on the scale. */
#define V2_MAX "92233720368547758"
#define SCALE_UP(v) v " = CASE WHEN " v " BETWEEN -" V2_MAX " AND " V2_MAX " THEN " v " * 100 END"
static const char migration_3[] =
  "INSERT OR IGNORE INTO invalid_cells (report_id, cell, raw)"
  "  SELECT report_id, cell, printf ('%d', value / 10000) ||"
  "    CASE WHEN value % 10000 != 0 THEN printf ('.%04d', abs (value % 10000)) ELSE '' END"
  "  FROM cell_values WHERE value NOT BETWEEN -" V2_MAX " AND " V2_MAX ";"
  "UPDATE cells SET " SCALE_UP ("v0") ", " SCALE_UP ("v1") ", " SCALE_UP ("v2") ", "
  SCALE_UP ("v3") ", " SCALE_UP ("v4") ", " SCALE_UP ("v5") ", " SCALE_UP ("v6") ";"
  "UPDATE reports SET " SCALE_UP ("sum_new_received") ", " SCALE_UP ("sum_results_total") ", "
  SCALE_UP ("sum_carried_forward") ", " SCALE_UP ("sum_review") ", "
  SCALE_UP ("sum_litigation_direct") ", " SCALE_UP ("sum_litigation_after_review") ";"
  "DROP VIEW cell_values;"
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
  "  LEFT JOIN invalid_cells i ON i.report_id = c.report_id AND i.cell = k.cell;";
#undef SCALE_UP
#undef V2_MAX
G_STATIC_ASSERT (GX_VALUE_SCALE == 1000000);

/* Issue 12/19: the 2019 form's single （六）其他处理 row is kept in
 * other_misc (report-schema.md: a single （六） row goes to 3.其他), with
 * other_no_correction and other_no_fee blank; other_handling is in no form
 * any more (its row number stays, so that the rows after it keep theirs).
 * The values of a 2019 report move from the one row to the other, the raw
 * text of its invalid cells too, and the review decisions follow their
 * findings.  Findings about the text, attached up to version 3 to the first
 * row of section 二, have no cell now: their review key is the rule alone
 * (gx_finding_dup_key()). */
#define OTHER_ROW(key) "(SELECT row FROM row_keys WHERE section = 'applications' AND row_key = '" key "')"
static const char migration_4[] =
  "UPDATE cell_keys SET formats = 0 WHERE section = 'applications' AND row_key = 'other_handling';"
  "UPDATE cell_keys SET formats = 3 WHERE section = 'applications'"
  "  AND row_key IN ('other_no_correction', 'other_no_fee', 'other_misc');"
  "INSERT OR REPLACE INTO cells (report_id, row, v0, v1, v2, v3, v4, v5, v6, flags, lines)"
  "  SELECT c.report_id, " OTHER_ROW ("other_misc") ", c.v0, c.v1, c.v2, c.v3, c.v4, c.v5, c.v6,"
  "    c.flags, c.lines"
  "  FROM cells c JOIN reports r ON r.id = c.report_id"
  "  WHERE r.format_version = '2019' AND c.row = " OTHER_ROW ("other_handling") ";"
  "INSERT OR IGNORE INTO cells (report_id, row)"
  "  SELECT r.id, k.row FROM reports r JOIN row_keys k ON k.section = 'applications'"
  "    AND k.row_key IN ('other_no_correction', 'other_no_fee')"
  "  WHERE r.format_version = '2019';"
  "DELETE FROM cells WHERE row = " OTHER_ROW ("other_handling") ";"
  "UPDATE OR REPLACE invalid_cells SET cell = ("
  "    SELECT m.cell FROM cell_keys h JOIN cell_keys m ON m.section = 'applications'"
  "      AND m.row_key = 'other_misc' AND m.col_index = h.col_index"
  "    WHERE h.cell = invalid_cells.cell)"
  "  WHERE cell IN (SELECT cell FROM cell_keys WHERE section = 'applications' AND row_key = 'other_handling');"
  "UPDATE OR IGNORE reviews SET finding_key ="
  "    replace (finding_key, 'applications.other_handling', 'applications.other_misc')"
  "  WHERE instr (finding_key, 'applications.other_handling') > 0;"
  "UPDATE OR IGNORE reviews SET finding_key = substr (finding_key, 1, instr (finding_key, '/') - 1)"
  "  WHERE finding_key IN ('section_missing_content/disclosure.regulations',"
  "    'fee_contradiction/disclosure.regulations', 'period_year/disclosure.regulations',"
  "    'section_headings/disclosure.regulations');";
#undef OTHER_ROW

static gboolean
fill_issuer_keys (GxStore  *self,
                  GError  **error)
{
  sqlite3_stmt *rs = NULL;
  sqlite3_stmt *us = NULL;
  gboolean ok = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT id, issuer FROM reports", -1, &rs, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE reports SET issuer_key = ?1 WHERE id = ?2",
                          -1, &us, NULL) != SQLITE_OK)
    ok = sqlite_error (self, error, _("cannot update the workspace"));
  while (ok && (rc = sqlite3_step (rs)) == SQLITE_ROW)
    {
      g_autofree char *key = gx_issuer_normalize ((const char *) sqlite3_column_text (rs, 1));

      sqlite3_reset (us);
      bind_text_or_null (us, 1, key);
      sqlite3_bind_int64 (us, 2, sqlite3_column_int64 (rs, 0));
      if (sqlite3_step (us) != SQLITE_DONE)
        ok = sqlite_error (self, error, _("cannot update the workspace"));
    }
  if (ok && rc != SQLITE_DONE)
    ok = sqlite_error (self, error, _("cannot update the workspace"));
  sqlite3_finalize (rs);
  sqlite3_finalize (us);
  return ok;
}

static gboolean
fill_cell_keys (GxStore  *self,
                GError  **error)
{
  sqlite3_stmt *rs = NULL;
  sqlite3_stmt *cs = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO row_keys (row, section, row_key) VALUES (?1, ?2, ?3)",
                          -1, &rs, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db,
                          "INSERT INTO cell_keys (cell, row, col_index, section, row_key, col, path, formats) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &cs, NULL) != SQLITE_OK)
    ok = sqlite_error (self, error, _("cannot create the workspace"));

  for (guint r = 0; ok && r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      const char *section = gx_schema_section (row->section)->key;

      sqlite3_reset (rs);
      sqlite3_bind_int (rs, 1, (int) r);
      sqlite3_bind_text (rs, 2, section, -1, SQLITE_STATIC);
      sqlite3_bind_text (rs, 3, row->key, -1, SQLITE_STATIC);
      if (sqlite3_step (rs) != SQLITE_DONE)
        ok = sqlite_error (self, error, _("cannot create the workspace"));
      for (guint c = 0; ok && c < row->n_columns; c++)
        {
          const GxSchemaCell *cell = gx_schema_cell (row->first_cell + c);

          sqlite3_reset (cs);
          sqlite3_bind_int (cs, 1, (int) cell->index);
          sqlite3_bind_int (cs, 2, (int) r);
          sqlite3_bind_int (cs, 3, (int) c);
          sqlite3_bind_text (cs, 4, section, -1, SQLITE_STATIC);
          sqlite3_bind_text (cs, 5, row->key, -1, SQLITE_STATIC);
          sqlite3_bind_text (cs, 6, cell->column->key, -1, SQLITE_STATIC);
          sqlite3_bind_text (cs, 7, cell->path, -1, SQLITE_STATIC);
          sqlite3_bind_int (cs, 8, (gx_schema_cell_in_format (cell->index, GX_FORMAT_2021) ? 1 : 0) |
                                   (gx_schema_cell_in_format (cell->index, GX_FORMAT_2019) ? 2 : 0));
          if (sqlite3_step (cs) != SQLITE_DONE)
            ok = sqlite_error (self, error, _("cannot create the workspace"));
        }
    }
  sqlite3_finalize (rs);
  sqlite3_finalize (cs);
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
  if (version < 2)
    {
      if (!exec (self, migration_2, error) || !fill_issuer_keys (self, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (version < 3)
    {
      if (!exec (self, migration_3, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (version < 4)
    {
      if (!exec (self, migration_4, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  /* Later migrations go here: if (version < 5) { … } */

  if (!exec (self, "PRAGMA user_version = " G_STRINGIFY (STORE_VERSION), error) || !exec (self, "COMMIT", error))
    {
      exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/* The workspace names its cells; they must be the cells of this template,
 * at the same numbers (a later template change comes with a migration). */
static gboolean
check_cell_keys (GxStore  *self,
                 GError  **error)
{
  sqlite3_stmt *s = NULL;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT cell, row, col_index, path FROM cell_keys",
                          -1, &s, NULL) != SQLITE_OK)
    return sqlite_error (self, error, _("cannot read the workspace"));
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      int cell = sqlite3_column_int (s, 0);
      const char *path = (const char *) sqlite3_column_text (s, 3);
      const GxSchemaCell *sc = cell >= 0 && (guint) cell < gx_schema_n_cells ()
                               ? gx_schema_cell ((guint) cell) : NULL;

      if (sc == NULL || g_strcmp0 (sc->path, path) != 0 ||
          sqlite3_column_int (s, 1) != (int) sc->row->index ||
          sqlite3_column_int (s, 2) != (int) sc->column_index)
        {
          g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                       _("%s: the workspace does not have the cells of this version's template (%s)"),
                       self->path, path ? path : "?");
          sqlite3_finalize (s);
          return FALSE;
        }
      n++;
    }
  sqlite3_finalize (s);
  if (rc != SQLITE_DONE)
    return sqlite_error (self, error, _("cannot read the workspace"));
  if (n != gx_schema_n_cells ())
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: the workspace does not have the cells of this version's template (%u of %u)"),
                   self->path, n, gx_schema_n_cells ());
      return FALSE;
    }
  return TRUE;
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

/* Sets the cells of one template row from (row, v0 … v6, flags, lines)
 * columns starting at @col.  Invalid cells are set afterwards from
 * invalid_cells.  @only_cell >= 0: set that cell only (summaries). */
static void
row_from_stmt (GxReport     *report,
               sqlite3_stmt *s,
               int           col,
               int           only_cell)
{
  int r = sqlite3_column_int (s, col);
  const GxSchemaRow *row;
  const char *lines;
  gint64 flags;

  if (r < 0 || (guint) r >= gx_schema_n_rows ())
    return;
  row = gx_schema_row ((guint) r);
  flags = sqlite3_column_int64 (s, col + 1 + MAX_COLUMNS);
  lines = (const char *) sqlite3_column_text (s, col + 2 + MAX_COLUMNS);

  for (guint c = 0; c < row->n_columns && c < MAX_COLUMNS; c++)
    {
      guint cell = row->first_cell + c;

      if (only_cell >= 0 && (guint) only_cell != cell)
        continue;
      if (sqlite3_column_type (s, col + 1 + (int) c) != SQLITE_NULL)
        gx_report_set_value (report, cell, sqlite3_column_int64 (s, col + 1 + (int) c));
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
invalid_from_stmt (GxReport     *report,
                   sqlite3_stmt *s,
                   int           col)
{
  int cell = sqlite3_column_int (s, col);

  if (cell >= 0 && (guint) cell < gx_schema_n_cells ())
    gx_report_set_invalid (report, (guint) cell, (const char *) sqlite3_column_text (s, col + 1));
}

/* Nettle's SHA-256 uses the CPU's SHA instructions where there are some:
 * an eighth of the time of GLib's, which showed in importing thousands of
 * files.  Same digest, so workspaces made before know their files. */
char *
gx_store_content_hash (const void *data,
                       gsize       len)
{
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx ctx;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *text = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_init (&ctx);
  sha256_update (&ctx, len, data);
  sha256_digest (&ctx, SHA256_DIGEST_SIZE, digest);
  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0x0f];
    }
  text[2 * SHA256_DIGEST_SIZE] = '\0';
  return text;
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

/* The list's figures of @report into its row of reports (see migration_1). */
static gboolean has_reviews (GxStore *self);
static gboolean refresh_neighbours (GxStore     *self,
                                    const char  *issuer,
                                    int          year,
                                    gint64       id,
                                    GArray      *parents,
                                    GError     **error);
static gboolean refresh_summary (GxStore  *self,
                                 gint64    id,
                                 GError  **error);
static gboolean refresh_issuer_group (GxStore     *self,
                                      const char  *key,
                                      GError     **error);

void
gx_review_count_open (GxReport *report,
                      guint     counts[3])
{
  GPtrArray *findings = gx_report_get_findings (report);

  counts[0] = counts[1] = counts[2] = 0;
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (gx_finding_get_review (f) != GX_REVIEW_DISMISSED)
        counts[gx_finding_get_severity (f)]++;
    }
  /* notes not built cannot have been reviewed */
  counts[GX_SEVERITY_NOTE] += gx_report_get_n_unlisted_notes (report);
}

/* The cache of @report's row in reports: binds the list figures of @report
 * (N_SUMMARY parameters from @first) and its counts of the findings that
 * are not dismissed (the 3 after).  @recheck: @report is checked here
 * with the one recipe (gx_check_report_full(): across reports and the
 * decisions recorded included); otherwise its findings are those of the
 * recipe already (a report loaded, a decision just set on it). */
static gboolean
bind_summary (GxStore       *self,
              sqlite3_stmt  *s,
              int            first,
              GxReport      *report,
              gboolean       recheck,
              GError       **error)
{
  guint counts[3];

  /* a reader thread may have run the rules and the prose already */
  if (recheck &&
      !gx_check_report_full (report, GX_BACKEND (self), GX_CHECK_REUSE, GX_RULES_NO_BLANK_CELLS, error))
    return FALSE;
  gx_review_count_open (report, counts);

  for (guint k = 0; k < N_SUMMARY; k++)
    {
      gint64 value;

      if (gx_report_get_cell (report, (guint) summary_cell (k), &value) == GX_CELL_VALUE)
        sqlite3_bind_int64 (s, first + (int) k, value);
      else
        sqlite3_bind_null (s, first + (int) k);
    }
  sqlite3_bind_int (s, first + N_SUMMARY, (int) counts[GX_SEVERITY_ERROR]);
  sqlite3_bind_int (s, first + N_SUMMARY + 1, (int) counts[GX_SEVERITY_WARNING]);
  sqlite3_bind_int (s, first + N_SUMMARY + 2, (int) counts[GX_SEVERITY_NOTE]);
  return TRUE;
}

/* Rewrites the list figures and counts of report @id, checked already
 * (after a decision, or a neighbour's change). */
static gboolean
write_summary (GxStore   *self,
               gint64     id,
               GxReport  *report,
               GError   **error)
{
  sqlite3_stmt *s;

  if (!(s = stmt (self, STMT_WRITE_SUMMARY, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  return bind_summary (self, s, 2, report, FALSE, error) &&
         step_done (self, s, _("cannot write the report"), error);
}

/* Binds ?1…?17 of STMT_INSERT_REPORT and STMT_UPDATE_REPORT_*: the whole
 * row of @report, written in one statement. */
static gboolean
bind_report_row (GxStore       *self,
                 sqlite3_stmt  *s,
                 GxReport      *report,
                 const char    *content_hash,
                 const char    *now,
                 GError       **error)
{
  char *issuer_key = gx_issuer_normalize (gx_report_get_issuer (report));

  bind_text_or_null (s, 1, gx_report_get_issuer (report));
  if (gx_report_get_year (report) > 0)
    sqlite3_bind_int (s, 2, gx_report_get_year (report));
  else
    sqlite3_bind_null (s, 2);
  bind_text_or_null (s, 3, gx_report_get_source (report));
  bind_text_or_null (s, 4, content_hash);
  sqlite3_bind_text (s, 5, gx_report_get_format_version (report), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 6, now, -1, SQLITE_TRANSIENT);
  if (issuer_key)
    sqlite3_bind_text (s, 7, issuer_key, -1, g_free);
  else
    sqlite3_bind_null (s, 7);
  bind_text_or_null (s, 8, gx_report_get_prose (report));
  return bind_summary (self, s, 9, report, TRUE, error);
}

/* " 434": printf is most of the cost of writing a report's cells */
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

/* The columns of a row of `cells`: report_id, row, v0…v6, flags, lines */
#define CELLS_PARAMS 11

/* INSERT of every row of @format into `cells`, prepared once, reset and
 * with its bindings cleared (all NULL). */
static sqlite3_stmt *
insert_cells_stmt (GxStore   *self,
                   GxFormat   format,
                   GError   **error)
{
  sqlite3_stmt **slot = &self->insert_cells[format == GX_FORMAT_2019 ? 1 : 0];
  g_autoptr(GString) sql = NULL;
  guint n_rows = 0;

  if (*slot != NULL)
    return cached_stmt (self, slot, NULL, error);

  sql = g_string_new ("INSERT INTO cells (report_id, row, v0, v1, v2, v3, v4, v5, v6, flags, lines) VALUES ");
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    if (gx_schema_row_in_format (gx_schema_row (r), format))
      g_string_append (sql, n_rows++ ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return cached_stmt (self, slot, sql->str, error);
}

static gboolean
write_cells (GxStore   *self,
             gint64     id,
             GxReport  *report,
             gboolean   replace_existing,
             GError   **error)
{
  sqlite3_stmt *s;
  GString *lines = g_string_sized_new (64);
  gboolean any_invalid = FALSE;

  if (replace_existing)
    {
      StmtId deletes[] = { STMT_DELETE_CELLS, STMT_DELETE_INVALID };

      for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
        {
          if (!(s = stmt (self, deletes[i], error)))
            goto fail;
          sqlite3_bind_int64 (s, 1, id);
          if (!step_done (self, s, _("cannot write the report"), error))
            goto fail;
        }
    }

  /* every row of the report's form in one statement: one statement per
   * row cost more than the rows themselves */
  {
    GxFormat format = gx_report_get_format (report);
    guint n_rows = 0;
    g_autofree GxCellValue *cells = g_new (GxCellValue, gx_schema_n_cells ());
    g_autofree gsize *line_starts = g_new (gsize, gx_schema_n_rows () + 1);

    if (!(s = insert_cells_stmt (self, format, error)))
      goto fail;
    gx_report_get_cells (report, cells);
    for (guint r = 0; r < gx_schema_n_rows (); r++)
      {
        const GxSchemaRow *row = gx_schema_row (r);
        int base = (int) n_rows * CELLS_PARAMS;
        gint64 flags = 0;

        if (!gx_schema_row_in_format (row, format))
          continue;   /* a row of the other national form */
        sqlite3_bind_int64 (s, base + 1, id);
        sqlite3_bind_int (s, base + 2, (int) r);
        line_starts[n_rows] = lines->len;
        for (guint c = 0; c < MAX_COLUMNS; c++)
          {
            guint cell = row->first_cell + c;

            if (c >= row->n_columns)
              continue;   /* NULL, as bindings start */
            switch (cells[cell].state)
              {
              case GX_CELL_VALUE:
                sqlite3_bind_int64 (s, base + 3 + (int) c, cells[cell].value);
                break;
              case GX_CELL_INVALID:
                any_invalid = TRUE;
                break;
              case GX_CELL_BLANK:
              default:
                break;
              }
            flags |= (gint64) (cells[cell].flags & 0xff) << (8 * c);
            append_line_number (lines, c > 0, gx_report_get_cell_line (report, cell));
          }
        sqlite3_bind_int64 (s, base + 10, flags);
        n_rows++;
      }
    line_starts[n_rows] = lines->len;
    /* the lines of every row are in one string now, which no longer moves */
    for (guint k = 0; k < n_rows; k++)
      sqlite3_bind_text (s, (int) k * CELLS_PARAMS + 11, lines->str + line_starts[k],
                         (int) (line_starts[k + 1] - line_starts[k]), SQLITE_STATIC);
    if (!step_done (self, s, _("cannot write the report"), error))
      goto fail;
  }

  if (any_invalid)
    {
      if (!(s = stmt (self, STMT_INSERT_INVALID, error)))
        goto fail;
      for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
        {
          if (gx_report_get_cell (report, cell, NULL) != GX_CELL_INVALID)
            continue;
          sqlite3_bind_int64 (s, 1, id);
          sqlite3_bind_int (s, 2, (int) cell);
          sqlite3_bind_text (s, 3, gx_report_get_raw (report, cell), -1, SQLITE_STATIC);
          if (!step_done (self, s, _("cannot write the report"), error))
            goto fail;
        }
    }
  g_string_free (lines, TRUE);
  return TRUE;

fail:
  g_string_free (lines, TRUE);
  return FALSE;
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
  sqlite3_stmt *s = stmt (self, STMT_SAVEPOINT, error);

  return s != NULL && step_done (self, s, _("cannot update the workspace"), error);
}

static gboolean
release (GxStore *self, GError **error)
{
  sqlite3_stmt *s = stmt (self, STMT_RELEASE, error);

  return s != NULL && step_done (self, s, _("cannot update the workspace"), error);
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
    return too_new_error (self->path, version, error);
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
        return sqlite_error (self, error, _("cannot open the workspace"));
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
  rc = read_user_version (self->db, version);
  if (rc == SQLITE_OK)
    return TRUE;
  if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
    return first_read_error (self, rc, error);

  /* a WAL workspace in a folder we cannot write: its -shm cannot be made.
   * Without a -wal file everything is in the main file. */
  uri = file_uri (self->path, "immutable=1");
  if (!open_connection (self, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, error))
    return FALSE;
  rc = read_user_version (self->db, version);
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
      if (version == STORE_VERSION)
        {
          self->read_only = TRUE;
          if (!exec (self, "PRAGMA foreign_keys = ON", error) ||
              !check_cell_keys (self, error))
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
  rc = read_user_version (self->db, &version);
  if (rc != SQLITE_OK)
    {
      first_read_error (self, rc, error);
      return NULL;
    }
  if (!check_version (self, version, error))
    return NULL;

  if (!set_wal (self, error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* Reading needs no write lock: only an old workspace is migrated (under
   * the write lock, where migrate() reads the version again: another
   * process may have just made or migrated it). */
  if (version < STORE_VERSION && !migrate (self, error))
    return NULL;
  if (!check_cell_keys (self, error))
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
  is_db = read_user_version (db, &version) == SQLITE_OK;
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

  if (!(s = cached_stmt (self, &self->data_version_stmt, "PRAGMA data_version", error)))
    return -1;
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  if (rc != SQLITE_ROW)
    sqlite_error (self, error, _("cannot read the workspace"));
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
load_prose_into (GxStore   *self,
                 GxReport  *report,
                 gint64     id,
                 GError   **error)
{
  sqlite3_stmt *s;
  int rc;

  if (!(s = stmt (self, STMT_LOAD_PROSE, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    gx_report_set_prose (report, (const char *) sqlite3_column_text (s, 0));
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sqlite_error (self, error, _("cannot read the report"));
  return TRUE;
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
          /* the same figures from other content (the text re-encoded, the
           * .docx of the same report): there already, no conflict (with
           * --replace, the new source replaces the old one all the same) */
          g_autoptr(GxReport) other = gx_store_load_cells (self, existing, error);

          if (other == NULL)
            return FALSE;
          if (g_strcmp0 (gx_report_get_issuer (other), gx_report_get_issuer (report)) == 0 &&
              gx_report_get_year (other) == gx_report_get_year (report) &&
              gx_report_values_equal (other, report))
            {
              gx_report_set_id (report, existing);
              *outcome = GX_IMPORT_ALREADY_PRESENT;
              return TRUE;
            }
        }
      if (existing > 0 && !replace)
        {
          *outcome = GX_IMPORT_CONFLICT;
          return TRUE;
        }
    }

  now = now_iso8601 ();
  /* replacing: the report is checked as the one it replaces (its units) */
  if (existing > 0)
    gx_report_set_id (report, existing);

  if (!(s = stmt (self, existing > 0 ? STMT_UPDATE_REPORT_IMPORT : STMT_INSERT_REPORT, error)))
    return FALSE;
  if (!bind_report_row (self, s, report, hash, now, error))
    {
      sqlite3_reset (s);
      return FALSE;
    }
  if (existing > 0)
    sqlite3_bind_int64 (s, 18, existing);
  if (!step_done (self, s, _("cannot add the report"), error))
    return FALSE;
  id = existing > 0 ? existing : sqlite3_last_insert_rowid (self->db);

  if (!write_cells (self, id, report, existing > 0, error))
    return FALSE;

  gx_report_set_id (report, id);
  *outcome = existing > 0 ? GX_IMPORT_REPLACED : GX_IMPORT_ADDED;
  /* the next year's carryover, and the roll-ups it is a unit of */
  if (existing > 0)
    {
      g_autoptr(GArray) parents = gx_store_get_parents (self, id, error);

      return parents != NULL &&
             refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
                                 id, parents, error);
    }
  return refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
                             id, NULL, error);
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
  now = now_iso8601 ();

  if (!savepoint (self, error))
    return FALSE;

  if (id == 0)
    {
      if (!(s = stmt (self, STMT_INSERT_REPORT, error)) ||
          !bind_report_row (self, s, report, NULL, now, error) ||
          !step_done (self, s, _("cannot add the report"), error))
        goto fail;
      id = sqlite3_last_insert_rowid (self->db);
      if (!write_cells (self, id, report, FALSE, error))
        goto fail;
      gx_report_set_id (report, id);
    }
  else
    {
      if (!(s = stmt (self, STMT_UPDATE_REPORT_SAVE, error)) ||
          !bind_report_row (self, s, report, NULL, now, error))
        goto fail;
      sqlite3_bind_int64 (s, 18, id);
      if (!step_done (self, s, _("cannot save the report"), error))
        goto fail;
      if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                       _("%s: there is no report #%lld"), self->path, (long long) id);
          goto fail;
        }
      if (!write_cells (self, id, report, TRUE, error))
        goto fail;
    }
  {
    g_autoptr(GArray) parents = gx_store_get_parents (self, id, error);

    if (parents == NULL ||
        !refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
                             id, parents, error))
      goto fail;
  }
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
    row_from_stmt (report, s, 0, -1);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return sqlite_error (self, error, _("cannot read the report"));

  if (!(s = stmt (self, STMT_LOAD_INVALID, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    invalid_from_stmt (report, s, 0);
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
                   _("%s: there is no report #%lld"), self->path, (long long) id);
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

  if (!load_cells_into (self, report, id, error) ||
      !load_prose_into (self, report, id, error) ||
      !gx_store_check_report (self, report, error))
    return NULL;
  return g_steal_pointer (&report);
}

gboolean
gx_store_remove_report (GxStore  *self,
                        gint64    id,
                        GError  **error)
{
  g_autoptr(GxReport) gone = NULL;
  g_autoptr(GArray) parents = NULL;
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);

  /* who it was: the next year's carryover and its roll-ups change */
  if (!(gone = gx_store_load_cells (self, id, error)) ||
      !(parents = gx_store_get_parents (self, id, error)))
    return FALSE;
  if (!savepoint (self, error))
    return FALSE;
  if (!(s = stmt (self, STMT_DELETE_REPORT, error)))
    goto fail;
  sqlite3_bind_int64 (s, 1, id);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot remove the report"));
      sqlite3_reset (s);
      goto fail;
    }
  sqlite3_reset (s);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no report #%lld"), self->path, (long long) id);
      goto fail;
    }
  if (!refresh_neighbours (self, gx_report_get_issuer (gone), gx_report_get_year (gone),
                           id, parents, error))
    goto fail;
  return release (self, error);

fail:
  rollback_to (self);
  return FALSE;
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

  for (guint pass = 0; pass < 2; pass++)
    {
      gint64 current_id = -1;
      GxReport *current = NULL;

      if (!(s = stmt (self, pass == 0 ? STMT_LOAD_ALL_CELLS : STMT_LOAD_ALL_INVALID, error)))
        goto fail;
      while ((rc = sqlite3_step (s)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (s, 0);

          if (id != current_id)
            {
              current_id = id;
              current = g_hash_table_lookup (by_id, &id);
            }
          if (current == NULL)
            continue;
          if (pass == 0)
            row_from_stmt (current, s, 1, -1);
          else
            invalid_from_stmt (current, s, 1);
        }
      sqlite3_reset (s);
      if (rc != SQLITE_DONE)
        {
          sqlite_error (self, error, _("cannot read the workspace"));
          goto fail;
        }
    }

  /* every report checked as the list, the detail and the sheets check it
   * (across reports, the decisions), in the same read transaction */
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);

      if (!load_prose_into (self, report, gx_report_get_id (report), error) ||
          !gx_check_report (report, GX_BACKEND (self), error))
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


GPtrArray *
gx_store_list_summaries (GxStore  *self,
                         GError  **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  if (!(s = stmt (self, STMT_SUMMARIES, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxReport *report = gx_report_new ();

      report_from_row (report, s);
      for (guint k = 0; k < N_SUMMARY; k++)
        if (sqlite3_column_type (s, 8 + (int) k) != SQLITE_NULL)
          gx_report_set_value (report, (guint) summary_cell (k), sqlite3_column_int64 (s, 8 + (int) k));
      g_ptr_array_add (reports, report);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&reports);
}

/* The ids a bound statement selects (its first column), in order. */
static GArray *
step_ids (GxStore       *self,
          sqlite3_stmt  *s,
          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

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

GHashTable *
gx_store_dup_hashes (GxStore  *self,
                     GError  **error)
{
  g_autoptr(GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  if (!(s = stmt (self, STMT_ALL_HASHES, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_hash_table_add (hashes, g_strdup ((const char *) sqlite3_column_text (s, 0)));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&hashes);
}

GArray *
gx_store_find_ids (GxStore     *self,
                   int          year,
                   const char  *issuer_contains,
                   GError     **error)
{
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  if (!(s = stmt (self, STMT_FIND_IDS, error)))
    return NULL;
  sqlite3_bind_int (s, 1, year);
  bind_text_or_null (s, 2, issuer_contains && *issuer_contains ? issuer_contains : NULL);
  return step_ids (self, s, error);
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
      int r = sqlite3_column_int (s, 0);
      const GxSchemaRow *row;

      if (r < 0 || (guint) r >= gx_schema_n_rows ())
        continue;
      row = gx_schema_row ((guint) r);
      for (guint c = 0; c < row->n_columns && c < MAX_COLUMNS; c++)
        if (sqlite3_column_int64 (s, 2 + 2 * (int) c) > 0)
          gx_report_set_value (report, row->first_cell + c, sqlite3_column_int64 (s, 1 + 2 * (int) c));
    }
  if (rc != SQLITE_DONE && strstr (sqlite3_errmsg (self->db), "integer overflow") != NULL)
    {
      /* SUM() of integers refuses to overflow (a cell holds at most
       * 999,999,999, so this takes thousands of reports at the maximum, or
       * values written by something else) */
      sqlite3_reset (s);
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: cannot add up the %u reports: a sum is beyond what a value can hold (%s)"),
                   self->path, n_ids, "9,223,372,036,854");
      return NULL;
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

/* Issuers, roll-ups, checks across reports ---------------------------------- */

/* The canonical key of a normalised key: itself unless it is an alias. */
static char *
canonical_of (GxStore     *self,
              const char  *key,
              GError     **error)
{
  sqlite3_stmt *s;
  char *canonical = NULL;
  int rc;

  if (key == NULL)
    return NULL;
  if (!(s = stmt (self, STMT_CANONICAL, error)))
    return NULL;
  sqlite3_bind_text (s, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    canonical = g_strdup ((const char *) sqlite3_column_text (s, 0));
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return canonical ? canonical : g_strdup (key);
}

char *
gx_store_dup_issuer_key (GxStore    *self,
                         const char *issuer)
{
  g_autofree char *key = gx_issuer_normalize (issuer);
  char *canonical;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  if (key == NULL)
    return NULL;
  canonical = canonical_of (self, key, NULL);
  return canonical ? canonical : g_steal_pointer (&key);
}

gboolean
gx_store_set_issuer_alias (GxStore     *self,
                           const char  *alias,
                           const char  *canonical,
                           GError     **error)
{
  g_autofree char *alias_key = gx_issuer_normalize (alias);
  g_autofree char *target_key = gx_issuer_normalize (canonical);
  g_autofree char *target = NULL;
  g_autofree char *before = NULL;
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  if (alias_key == NULL)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: an issuer name is needed to merge issuers"), self->path);
      return FALSE;
    }
  if (!(before = canonical_of (self, alias_key, error)))
    return FALSE;
  if (!savepoint (self, error))
    return FALSE;

  if (!(s = stmt (self, STMT_DELETE_ALIAS, error)))
    goto fail;
  sqlite3_bind_text (s, 1, alias_key, -1, SQLITE_STATIC);
  if (!step_done (self, s, _("cannot merge the issuers"), error))
    goto fail;

  if (target_key != NULL && g_strcmp0 (target_key, alias_key) != 0)
    {
      if (!(target = canonical_of (self, target_key, error)))
        goto fail;
      if (g_strcmp0 (target, alias_key) != 0)
        {
          /* whatever was merged into @alias follows it */
          if (!(s = stmt (self, STMT_REPOINT_ALIASES, error)))
            goto fail;
          sqlite3_bind_text (s, 1, alias_key, -1, SQLITE_STATIC);
          sqlite3_bind_text (s, 2, target, -1, SQLITE_STATIC);
          if (!step_done (self, s, _("cannot merge the issuers"), error))
            goto fail;
          if (!(s = stmt (self, STMT_INSERT_ALIAS, error)))
            goto fail;
          sqlite3_bind_text (s, 1, alias_key, -1, SQLITE_STATIC);
          sqlite3_bind_text (s, 2, target, -1, SQLITE_STATIC);
          if (!step_done (self, s, _("cannot merge the issuers"), error))
            goto fail;
        }
    }
  /* whose year is whose changed: carryover, stock and the decisions of
   * the issuers on both sides are counted again */
  if (!refresh_issuer_group (self, target, error) ||
      !refresh_issuer_group (self, alias_key, error) ||
      (g_strcmp0 (before, alias_key) != 0 && g_strcmp0 (before, target) != 0 &&
       !refresh_issuer_group (self, before, error)))
    goto fail;
  return release (self, error);

fail:
  rollback_to (self);
  return FALSE;
}

GHashTable *
gx_store_load_aliases (GxStore  *self,
                       GError  **error)
{
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  if (!(s = stmt (self, STMT_LOAD_ALIASES, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_hash_table_insert (aliases, g_strdup ((const char *) sqlite3_column_text (s, 0)),
                         g_strdup ((const char *) sqlite3_column_text (s, 1)));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&aliases);
}

GPtrArray *
gx_store_list_issuers (GxStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) issuers = g_ptr_array_new_with_free_func (gx_backend_issuer_free);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  if (!(s = stmt (self, STMT_LIST_ISSUERS, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxStoreIssuer *issuer = g_new0 (GxStoreIssuer, 1);

      issuer->name = g_strdup ((const char *) sqlite3_column_text (s, 0));
      issuer->key = g_strdup ((const char *) sqlite3_column_text (s, 1));
      issuer->n_reports = (guint) sqlite3_column_int (s, 2);
      g_ptr_array_add (issuers, issuer);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&issuers);
}

gint64
gx_store_find_report (GxStore     *self,
                      const char  *issuer,
                      int          year,
                      gint64       except_id,
                      GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), -1);
  key = gx_store_dup_issuer_key (self, issuer);
  if (key == NULL || year <= 0)
    return 0;
  if (!(s = stmt (self, STMT_FIND_REPORT_KEY, error)))
    return -1;
  sqlite3_bind_text (s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 2, year);
  sqlite3_bind_int64 (s, 3, except_id);
  return find_one_id (self, s, error);
}

gboolean
gx_store_set_children (GxStore       *self,
                       gint64         parent_id,
                       const gint64  *child_ids,
                       guint          n_children,
                       GError       **error)
{
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (child_ids != NULL || n_children == 0, FALSE);

  for (guint i = 0; i < n_children; i++)
    if (child_ids[i] == parent_id)
      {
        g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                     _("%s: report #%lld cannot be a part of itself"),
                     self->path, (long long) parent_id);
        return FALSE;
      }
  if (!savepoint (self, error))
    return FALSE;
  if (!(s = stmt (self, STMT_DELETE_CHILDREN, error)))
    goto fail;
  sqlite3_bind_int64 (s, 1, parent_id);
  if (!step_done (self, s, _("cannot link the reports"), error))
    goto fail;
  for (guint i = 0; i < n_children; i++)
    {
      int rc;

      if (!(s = stmt (self, STMT_INSERT_CHILD, error)))
        goto fail;
      sqlite3_bind_int64 (s, 1, parent_id);
      sqlite3_bind_int64 (s, 2, child_ids[i]);
      rc = sqlite3_step (s);
      sqlite3_reset (s);
      if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                       _("%s: there is no report #%lld"), self->path,
                       (long long) (parent_id));
          goto fail;
        }
      if (rc != SQLITE_DONE)
        {
          sqlite_error (self, error, _("cannot link the reports"));
          goto fail;
        }
    }
  /* the roll-up's hierarchy findings are counted in the list */
  if (!refresh_summary (self, parent_id, error))
    goto fail;
  return release (self, error);

fail:
  rollback_to (self);
  return FALSE;
}

static GArray *
load_ids (GxStore  *self,
          StmtId    id,
          gint64    arg,
          GError  **error)
{
  sqlite3_stmt *s;

  if (!(s = stmt (self, id, error)))
    return NULL;
  sqlite3_bind_int64 (s, 1, arg);
  return step_ids (self, s, error);
}

GArray *
gx_store_get_children (GxStore  *self,
                       gint64    parent_id,
                       GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  return load_ids (self, STMT_LOAD_CHILDREN, parent_id, error);
}

GArray *
gx_store_get_parents (GxStore  *self,
                      gint64    child_id,
                      GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  return load_ids (self, STMT_LOAD_PARENTS, child_id, error);
}

GxReport *
gx_store_load_cells (GxStore  *self,
                     gint64    id,
                     GError  **error)
{
  g_autoptr(GxReport) report = gx_report_new ();
  sqlite3_stmt *s;
  int rc;

  if (!(s = stmt (self, STMT_LOAD_REPORT, error)))
    return NULL;
  sqlite3_bind_int64 (s, 1, id);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    report_from_row (report, s);
  sqlite3_reset (s);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no report #%lld"), self->path, (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite_error (self, error, _("cannot read the report"));
      return NULL;
    }
  if (!load_cells_into (self, report, id, error))
    return NULL;
  return g_steal_pointer (&report);
}

GPtrArray *
gx_store_check_across (GxStore   *self,
                       GxReport  *report,
                       GError   **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  return gx_backend_check_across (GX_BACKEND (self), report, error);
}

gboolean
gx_store_check_report (GxStore   *self,
                       GxReport  *report,
                       GError   **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  return gx_check_report (report, GX_BACKEND (self), error);
}

/* Rewrites the cached counts of report @id, checked again. */
static gboolean
refresh_summary (GxStore  *self,
                 gint64    id,
                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GxReport) report = gx_store_load_report (self, id, &local_error);

  /* no such report: no counts to rewrite */
  if (report == NULL && g_error_matches (local_error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND))
    return TRUE;
  if (report == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return write_summary (self, id, report, error);
}

/* After report @id of @issuer and @year was written or removed: the
 * counts of the same issuer's next year (its carryover and stock) and of
 * the roll-ups @parents (their hierarchy) are those of the recipe again. */
static gboolean
refresh_neighbours (GxStore     *self,
                    const char  *issuer,
                    int          year,
                    gint64       id,
                    GArray      *parents,
                    GError     **error)
{
  if (issuer != NULL && year > 0 && year < 9999)
    {
      gint64 next = gx_store_find_report (self, issuer, year + 1, id, error);

      if (next < 0 || (next > 0 && !refresh_summary (self, next, error)))
        return FALSE;
    }
  for (guint i = 0; parents != NULL && i < parents->len; i++)
    if (!refresh_summary (self, g_array_index (parents, gint64, i), error))
      return FALSE;
  return TRUE;
}

/* The counts of every report of the canonical issuer key @key (and its
 * merged spellings), after a merge changed whose year is whose. */
static gboolean
refresh_issuer_group (GxStore     *self,
                      const char  *key,
                      GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *s;

  if (key == NULL)
    return TRUE;
  if (!(s = stmt (self, STMT_ISSUER_GROUP, error)))
    return FALSE;
  sqlite3_bind_text (s, 1, key, -1, SQLITE_TRANSIENT);
  if (!(ids = step_ids (self, s, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!refresh_summary (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

gboolean
gx_store_has_reviews (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  /* another process may have recorded one since; inside our own write
   * transaction nobody else can */
  if (!self->in_batch)
    self->has_reviews = -1;
  return has_reviews (self);
}

/* Reviews (gx-review.h) ------------------------------------------------------ */

static gboolean
has_reviews (GxStore *self)
{
  if (self->has_reviews < 0)
    {
      sqlite3_stmt *s = NULL;

      self->has_reviews = 1;   /* when in doubt, look them up */
      if (sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM reviews)", -1, &s, NULL) == SQLITE_OK &&
          sqlite3_step (s) == SQLITE_ROW)
        self->has_reviews = sqlite3_column_int (s, 0);
      sqlite3_finalize (s);
    }
  return self->has_reviews > 0;
}

/* The issuer under which decisions on @report are kept: its normalised
 * issuer, or "#id" for a report in the workspace without one. */
static char *
review_issuer_key (GxReport *report)
{
  char *key = gx_issuer_normalize (gx_report_get_issuer (report));

  if (key == NULL && gx_report_get_id (report) > 0)
    key = g_strdup_printf ("#%" G_GINT64_FORMAT, gx_report_get_id (report));
  return key;
}

gboolean
gx_store_set_review (GxStore        *self,
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
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  g_return_val_if_fail (GX_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (state <= GX_REVIEW_DISMISSED, FALSE);

  issuer_key = review_issuer_key (report);
  if (issuer_key == NULL)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: a report without issuer must be saved before its findings are reviewed"),
                   self->path);
      return FALSE;
    }
  if (!(canonical = canonical_of (self, issuer_key, error)))
    return FALSE;
  finding_key = gx_finding_dup_key (finding);
  if (note != NULL && *note == '\0')
    note = NULL;

  if (!savepoint (self, error))
    return FALSE;
  if (!(s = stmt (self, STMT_DELETE_REVIEW, error)))
    goto fail;
  sqlite3_bind_text (s, 1, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 2, gx_report_get_year (report));
  sqlite3_bind_text (s, 3, finding_key, -1, SQLITE_STATIC);
  if (!step_done (self, s, _("cannot record the review"), error))
    goto fail;
  if (state != GX_REVIEW_OPEN)
    {
      now = now_iso8601 ();
      if (!(s = stmt (self, STMT_INSERT_REVIEW, error)))
        goto fail;
      sqlite3_bind_text (s, 1, issuer_key, -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 2, gx_report_get_year (report));
      sqlite3_bind_text (s, 3, finding_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, gx_review_state_to_key (state), -1, SQLITE_STATIC);
      bind_text_or_null (s, 5, note);
      sqlite3_bind_text (s, 6, now, -1, SQLITE_STATIC);
      if (!step_done (self, s, _("cannot record the review"), error))
        goto fail;
    }
  gx_finding_set_review (finding, state, note);
  /* a dismissed finding counts nowhere */
  gx_check_update_counts (report);
  self->has_reviews = -1;
  /* the list counts what is not dismissed */
  if (gx_report_get_id (report) > 0 &&
      !write_summary (self, gx_report_get_id (report), report, error))
    goto fail;
  if (!release (self, error))
    return FALSE;
  return TRUE;

fail:
  rollback_to (self);
  return FALSE;
}

gboolean
gx_store_apply_reviews (GxStore   *self,
                        GxReport  *report,
                        GError   **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  g_autofree char *issuer_key = NULL;
  g_autofree char *canonical = NULL;
  GPtrArray *findings;
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
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

  if (!(s = stmt (self, STMT_LOAD_REVIEWS, error)))
    return FALSE;
  sqlite3_bind_text (s, 1, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 2, gx_report_get_year (report));
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxFinding *f = g_hash_table_lookup (by_key, sqlite3_column_text (s, 0));
      GxReviewState state;

      if (f && gx_review_state_from_key ((const char *) sqlite3_column_text (s, 1), &state))
        gx_finding_set_review (f, state, (const char *) sqlite3_column_text (s, 2));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return sqlite_error (self, error, _("cannot read the reviews"));
  return TRUE;
}
