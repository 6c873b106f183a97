/* gx-store-schema.c: the tables of the workspace file and their migrations
 *
 * Schema (STORE_VERSION; the migrations below say what each version added):
 *
 *   reports    one row a report: issuer, year, source, content_hash (UNIQUE),
 *              format_version, imported_at, updated_at, revision (version
 *              5: +1 on every save or replacement), and n_errors,
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
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gx-check.h"
#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-store-private.h"

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
  "  n_notes INTEGER NOT NULL DEFAULT 0,"
  /* the figures the main window lists (gx_report_summary_cell()), fixed point, NULL
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

/* Version 4: the 2019 form's single （六）其他处理 row is kept in
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

/* Version 5: reports.revision, 1 for a report as first stored, one more on
 * every save and every replacement by an import (not on a rewrite of the
 * list's cached counts): a save of a report loaded at another revision is
 * refused (GX_BACKEND_ERROR_CHANGED) instead of losing the change someone
 * else saved meanwhile.  The reports already there start at 1. */
static const char migration_5[] =
  "ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;";

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
    ok = store_sqlite_error (self, error, _("cannot update the workspace"));
  while (ok && (rc = sqlite3_step (rs)) == SQLITE_ROW)
    {
      g_autofree char *key = gx_issuer_normalize ((const char *) sqlite3_column_text (rs, 1));

      sqlite3_reset (us);
      store_bind_text_or_null (us, 1, key);
      sqlite3_bind_int64 (us, 2, sqlite3_column_int64 (rs, 0));
      if (sqlite3_step (us) != SQLITE_DONE)
        ok = store_sqlite_error (self, error, _("cannot update the workspace"));
    }
  if (ok && rc != SQLITE_DONE)
    ok = store_sqlite_error (self, error, _("cannot update the workspace"));
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
    ok = store_sqlite_error (self, error, _("cannot create the workspace"));

  for (guint r = 0; ok && r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      const char *section = gx_schema_section (row->section)->key;

      sqlite3_reset (rs);
      sqlite3_bind_int (rs, 1, (int) r);
      sqlite3_bind_text (rs, 2, section, -1, SQLITE_STATIC);
      sqlite3_bind_text (rs, 3, row->key, -1, SQLITE_STATIC);
      if (sqlite3_step (rs) != SQLITE_DONE)
        ok = store_sqlite_error (self, error, _("cannot create the workspace"));
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
            ok = store_sqlite_error (self, error, _("cannot create the workspace"));
        }
    }
  sqlite3_finalize (rs);
  sqlite3_finalize (cs);
  return ok;
}

gboolean
store_too_new_error (const char  *path,
                     int          version,
                     GError     **error)
{
  g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_TOO_NEW,
               _("%s: this workspace was made by a newer version of GxReports (workspace version %d, this program knows up to %d); it was not changed"),
               path, version, STORE_VERSION);
  return FALSE;
}

gboolean
store_migrate (GxStore  *self,
               GError  **error)
{
  int version = 0;

  /* BEGIN IMMEDIATE takes the write lock, so no other process migrates
   * at the same time; the version is read again under the lock. */
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (store_read_user_version (self->db, &version) != SQLITE_OK)
    {
      store_sqlite_error (self, error, _("cannot read the workspace version"));
      store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  if (version > STORE_VERSION)
    {
      store_exec (self, "ROLLBACK", NULL);
      return store_too_new_error (self->path, version, error);
    }
  if (version == STORE_VERSION)
    return store_exec (self, "COMMIT", error);

  if (version < 1)
    {
      if (!store_exec (self, migration_1, error) || !fill_cell_keys (self, error))
        {
          store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (version < 2)
    {
      if (!store_exec (self, migration_2, error) || !fill_issuer_keys (self, error))
        {
          store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (version < 3)
    {
      if (!store_exec (self, migration_3, error))
        {
          store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (version < 4)
    {
      if (!store_exec (self, migration_4, error))
        {
          store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  if (version < 5)
    {
      if (!store_exec (self, migration_5, error))
        {
          store_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  /* Later migrations go here: if (version < 6) { … } */

  if (!store_exec (self, "PRAGMA user_version = " G_STRINGIFY (STORE_VERSION), error) || !store_exec (self, "COMMIT", error))
    {
      store_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

/* A read-only connection to a workspace of version 4 reads it as it is,
 * without migrating it (which a folder one cannot write would not allow):
 * every report at revision 1, through a view of the connection's own
 * (TEMP, so the file is not touched; found before main.reports). */
gboolean
store_read_as_current (GxStore  *self,
                       int       version,
                       GError  **error)
{
  G_STATIC_ASSERT (STORE_VERSION == 5 && STORE_VERSION_READABLE == 4);

  if (version >= STORE_VERSION)
    return TRUE;
  g_return_val_if_fail (version == STORE_VERSION_READABLE && self->read_only, FALSE);
  return store_exec (self, "CREATE TEMP VIEW reports AS SELECT *, 1 AS revision FROM main.reports", error);
}

/* The workspace names its cells; they must be the cells of this template,
 * at the same numbers (a later template change comes with a migration). */
gboolean
store_check_cell_keys (GxStore  *self,
                       GError  **error)
{
  sqlite3_stmt *s = NULL;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT cell, row, col_index, path FROM cell_keys",
                          -1, &s, NULL) != SQLITE_OK)
    return store_sqlite_error (self, error, _("cannot read the workspace"));
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
    return store_sqlite_error (self, error, _("cannot read the workspace"));
  if (n != gx_schema_n_cells ())
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE,
                   _("%s: the workspace does not have the cells of this version's template (%u of %u)"),
                   self->path, n, gx_schema_n_cells ());
      return FALSE;
    }
  return TRUE;
}

