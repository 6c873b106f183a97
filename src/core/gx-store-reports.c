/* gx-store-reports.c: reports in and out of the workspace file, the content
 * hash, and the cache of counts the list reads */
#include "gx-config.h"

#include <string.h>
#include <errno.h>
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gx-check.h"
#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-store-private.h"

/* Reports --------------------------------------------------------------------- */

/* Fills @report from the current row of a reports query (columns: id,
 * issuer, year, source, format_version, n_errors, n_warnings, n_notes;
 * STMT_LOAD_REPORT and STMT_LOAD_ALL_REPORTS have the revision after
 * them: store_revision_from_row()). */
void
store_report_from_row (GxReport     *report,
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

void
store_revision_from_row (GxReport     *report,
                         sqlite3_stmt *s)
{
  gx_report_set_revision (report, MAX (sqlite3_column_int64 (s, 8), 0));
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

/* the figures the list shows (gx_report_summary_cell()) */
#define N_SUMMARY GX_REPORT_N_SUMMARY_CELLS

static int
summary_cell (guint i)
{
  return (int) gx_report_summary_cell (i);
}

/* The list's figures of @report into its row of reports (see migration_1). */

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
gboolean
store_write_summary (GxStore   *self,
                     gint64     id,
                     GxReport  *report,
                     GError   **error)
{
  sqlite3_stmt *s;

  if (!(s = store_stmt (self, STMT_WRITE_SUMMARY, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  return bind_summary (self, s, 2, report, FALSE, error) &&
         store_step_done (self, s, _("cannot write the report"), error);
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

  store_bind_text_or_null (s, 1, gx_report_get_issuer (report));
  if (gx_report_get_year (report) > 0)
    sqlite3_bind_int (s, 2, gx_report_get_year (report));
  else
    sqlite3_bind_null (s, 2);
  store_bind_text_or_null (s, 3, gx_report_get_source (report));
  store_bind_text_or_null (s, 4, content_hash);
  sqlite3_bind_text (s, 5, gx_report_get_format_version (report), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 6, now, -1, SQLITE_TRANSIENT);
  if (issuer_key)
    sqlite3_bind_text (s, 7, issuer_key, -1, g_free);
  else
    sqlite3_bind_null (s, 7);
  store_bind_text_or_null (s, 8, gx_report_get_prose (report));
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
    return store_cached_stmt (self, slot, NULL, error);

  sql = g_string_new ("INSERT INTO cells (report_id, row, v0, v1, v2, v3, v4, v5, v6, flags, lines) VALUES ");
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    if (gx_schema_row_in_format (gx_schema_row (r), format))
      g_string_append (sql, n_rows++ ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  return store_cached_stmt (self, slot, sql->str, error);
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
          if (!(s = store_stmt (self, deletes[i], error)))
            goto fail;
          sqlite3_bind_int64 (s, 1, id);
          if (!store_step_done (self, s, _("cannot write the report"), error))
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
    if (!store_step_done (self, s, _("cannot write the report"), error))
      goto fail;
  }

  if (any_invalid)
    {
      if (!(s = store_stmt (self, STMT_INSERT_INVALID, error)))
        goto fail;
      for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
        {
          if (gx_report_get_cell (report, cell, NULL) != GX_CELL_INVALID)
            continue;
          sqlite3_bind_int64 (s, 1, id);
          sqlite3_bind_int (s, 2, (int) cell);
          sqlite3_bind_text (s, 3, gx_report_get_raw (report, cell), -1, SQLITE_STATIC);
          if (!store_step_done (self, s, _("cannot write the report"), error))
            goto fail;
        }
    }
  g_string_free (lines, TRUE);
  return TRUE;

fail:
  g_string_free (lines, TRUE);
  return FALSE;
}

gint64
store_find_one_id (GxStore       *self,
                   sqlite3_stmt  *s,
                   GError       **error)
{
  int rc = sqlite3_step (s);
  gint64 id = 0;

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (s, 0);
  else if (rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
      id = -1;
    }
  sqlite3_reset (s);
  return id;
}

gint64
gx_store_find_hash (GxStore     *self,
                    const char  *content_hash,
                    GError     **error)
{
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), -1);
  g_return_val_if_fail (content_hash != NULL, -1);

  if (!(s = store_stmt (self, STMT_FIND_HASH, error)))
    return -1;
  sqlite3_bind_text (s, 1, content_hash, -1, SQLITE_STATIC);
  return store_find_one_id (self, s, error);
}

static gboolean
load_prose_into (GxStore   *self,
                 GxReport  *report,
                 gint64     id,
                 GError   **error)
{
  sqlite3_stmt *s;
  int rc;

  if (!(s = store_stmt (self, STMT_LOAD_PROSE, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    gx_report_set_prose (report, (const char *) sqlite3_column_text (s, 0));
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return store_sqlite_error (self, error, _("cannot read the report"));
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
      /* a report of the same issuer (its key, after merges) and year */
      existing = gx_store_find_report (self, gx_report_get_issuer (report),
                                       gx_report_get_year (report), 0, error);
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
          if (gx_report_get_year (other) == gx_report_get_year (report) &&
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

  now = store_now_iso8601 ();
  /* replacing: the report is checked as the one it replaces (its units) */
  if (existing > 0)
    gx_report_set_id (report, existing);

  if (!(s = store_stmt (self, existing > 0 ? STMT_UPDATE_REPORT_IMPORT : STMT_INSERT_REPORT, error)))
    return FALSE;
  if (!bind_report_row (self, s, report, hash, now, error))
    {
      sqlite3_reset (s);
      return FALSE;
    }
  if (existing > 0)
    sqlite3_bind_int64 (s, 18, existing);
  if (!store_step_done (self, s, _("cannot add the report"), error))
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
             store_refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
                                       id, parents, error);
    }
  return store_refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
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

  if (!store_savepoint (self, error))
    return FALSE;
  if (!put_report_inner (self, report, content_hash, replace, outcome, error))
    {
      store_rollback_to (self);
      return FALSE;
    }
  return store_release (self, error);
}

gboolean
gx_store_save_report (GxStore   *self,
                      GxReport  *report,
                      GError   **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *s = NULL;
  gint64 id;
  gint64 revision = gx_report_get_revision (report);
  gint64 new_revision = 1;   /* a new report's */

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  /* A report typed in or edited by hand has no source content: it is
   * stored without a content hash (id 0: added even when another report of
   * the same issuer and year is there; the user asked for it). */
  id = gx_report_get_id (report);
  now = store_now_iso8601 ();

  if (!store_savepoint (self, error))
    return FALSE;

  if (id == 0)
    {
      if (!(s = store_stmt (self, STMT_INSERT_REPORT, error)) ||
          !bind_report_row (self, s, report, NULL, now, error) ||
          !store_step_done (self, s, _("cannot add the report"), error))
        goto fail;
      id = sqlite3_last_insert_rowid (self->db);
      if (!write_cells (self, id, report, FALSE, error))
        goto fail;
      gx_report_set_id (report, id);
    }
  else
    {
      int rc;

      if (!(s = store_stmt (self, STMT_UPDATE_REPORT_SAVE, error)) ||
          !bind_report_row (self, s, report, NULL, now, error))
        goto fail;
      sqlite3_bind_int64 (s, 18, id);
      if (revision > 0)
        sqlite3_bind_int64 (s, 19, revision);
      rc = sqlite3_step (s);
      if (rc == SQLITE_ROW)
        {
          new_revision = sqlite3_column_int64 (s, 0);
          rc = sqlite3_step (s);
        }
      else if (rc == SQLITE_DONE)
        new_revision = 0;   /* no row written */
      sqlite3_reset (s);
      if (rc != SQLITE_DONE)
        {
          store_sqlite_error (self, error, _("cannot save the report"));
          goto fail;
        }
      if (new_revision == 0)
        {
          sqlite3_stmt *e;
          gint64 there;

          if (!(e = store_stmt (self, STMT_REPORT_EXISTS, error)))
            goto fail;
          sqlite3_bind_int64 (e, 1, id);
          there = store_find_one_id (self, e, error);
          if (there < 0)
            goto fail;
          if (there == 0)
            g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                         _("%s: there is no report #%lld"), self->path, (long long) id);
          else
            /* nothing of it written; the report keeps the revision it was
             * loaded at, so that saving it again is refused again until it
             * is reloaded or its revision set to 0 (overwrite) */
            g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_CHANGED,
                         _("%s: report #%lld was changed by someone else since it was opened"),
                         self->path, (long long) id);
          goto fail;
        }
      if (!write_cells (self, id, report, TRUE, error))
        goto fail;
    }
  {
    g_autoptr(GArray) parents = gx_store_get_parents (self, id, error);

    if (parents == NULL ||
        !store_refresh_neighbours (self, gx_report_get_issuer (report), gx_report_get_year (report),
                                   id, parents, error))
      goto fail;
  }
  if (!store_release (self, error))
    return FALSE;
  gx_report_set_revision (report, new_revision);
  return TRUE;

fail:
  if (s)
    sqlite3_reset (s);
  store_rollback_to (self);
  return FALSE;
}

gboolean
store_load_cells_into (GxStore   *self,
                       GxReport  *report,
                       gint64     id,
                       GError   **error)
{
  sqlite3_stmt *s;
  int rc;

  if (!(s = store_stmt (self, STMT_LOAD_CELLS, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    row_from_stmt (report, s, 0, -1);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return store_sqlite_error (self, error, _("cannot read the report"));

  if (!(s = store_stmt (self, STMT_LOAD_INVALID, error)))
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    invalid_from_stmt (report, s, 0);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return store_sqlite_error (self, error, _("cannot read the report"));
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

  if (!(s = store_stmt (self, STMT_LOAD_REPORT, error)))
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
      store_sqlite_error (self, error, _("cannot read the report"));
      sqlite3_reset (s);
      return NULL;
    }
  store_report_from_row (report, s);
  store_revision_from_row (report, s);
  sqlite3_reset (s);

  if (!store_load_cells_into (self, report, id, error) ||
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
  if (!store_savepoint (self, error))
    return FALSE;
  if (!(s = store_stmt (self, STMT_DELETE_REPORT, error)))
    goto fail;
  sqlite3_bind_int64 (s, 1, id);
  if (sqlite3_step (s) != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot remove the report"));
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
  if (!store_refresh_neighbours (self, gx_report_get_issuer (gone), gx_report_get_year (gone),
                                 id, parents, error))
    goto fail;
  return store_release (self, error);

fail:
  store_rollback_to (self);
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
  if (own_transaction && !store_exec (self, "BEGIN", error))
    return NULL;

  if (!(s = store_stmt (self, STMT_LOAD_ALL_REPORTS, error)))
    goto fail;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxReport *report = gx_report_new ();

      store_report_from_row (report, s);
      store_revision_from_row (report, s);
      g_ptr_array_add (reports, report);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
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

      if (!(s = store_stmt (self, pass == 0 ? STMT_LOAD_ALL_CELLS : STMT_LOAD_ALL_INVALID, error)))
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
          store_sqlite_error (self, error, _("cannot read the workspace"));
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
    store_exec (self, "COMMIT", NULL);

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
    store_exec (self, "ROLLBACK", NULL);
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

  if (!(s = store_stmt (self, STMT_SUMMARIES, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxReport *report = gx_report_new ();

      store_report_from_row (report, s);
      for (guint k = 0; k < N_SUMMARY; k++)
        if (sqlite3_column_type (s, 8 + (int) k) != SQLITE_NULL)
          gx_report_set_value (report, (guint) summary_cell (k), sqlite3_column_int64 (s, 8 + (int) k));
      g_ptr_array_add (reports, report);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&reports);
}

/* The ids a bound statement selects (its first column), in order. */
GArray *
store_step_ids (GxStore       *self,
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
      store_sqlite_error (self, error, _("cannot read the workspace"));
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

  if (!(s = store_stmt (self, STMT_ALL_HASHES, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_hash_table_add (hashes, g_strdup ((const char *) sqlite3_column_text (s, 0)));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
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

  if (!(s = store_stmt (self, STMT_FIND_IDS, error)))
    return NULL;
  sqlite3_bind_int (s, 1, year);
  store_bind_text_or_null (s, 2, issuer_contains && *issuer_contains ? issuer_contains : NULL);
  return store_step_ids (self, s, error);
}

/* Rewrites the cached counts of report @id, checked again. */
gboolean
store_refresh_summary (GxStore  *self,
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
  return store_write_summary (self, id, report, error);
}

/* After report @id of @issuer and @year was written or removed: the
 * counts of the same issuer's next year (its carryover and stock) and of
 * the roll-ups @parents (their hierarchy) are those of the recipe again. */
gboolean
store_refresh_neighbours (GxStore     *self,
                          const char  *issuer,
                          int          year,
                          gint64       id,
                          GArray      *parents,
                          GError     **error)
{
  if (issuer != NULL && year > 0 && year < 9999)
    {
      gint64 next = gx_store_find_report (self, issuer, year + 1, id, error);

      if (next < 0 || (next > 0 && !store_refresh_summary (self, next, error)))
        return FALSE;
    }
  for (guint i = 0; parents != NULL && i < parents->len; i++)
    if (!store_refresh_summary (self, g_array_index (parents, gint64, i), error))
      return FALSE;
  return TRUE;
}

/* The counts of every report of the canonical issuer key @key (and its
 * merged spellings), after a merge changed whose year is whose. */
gboolean
store_refresh_issuer_group (GxStore     *self,
                            const char  *key,
                            GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *s;

  if (key == NULL)
    return TRUE;
  if (!(s = store_stmt (self, STMT_ISSUER_GROUP, error)))
    return FALSE;
  sqlite3_bind_text (s, 1, key, -1, SQLITE_TRANSIENT);
  if (!(ids = store_step_ids (self, s, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!store_refresh_summary (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  return TRUE;
}

