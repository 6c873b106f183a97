/* gx-store-rollups.c: roll-ups (sums over reports) and the hierarchy of
 * reports (a roll-up and its units) */
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

  json = store_ids_to_json (ids, n_ids);
  if (!(s = store_stmt (self, STMT_ROLLUP, error)))
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
      store_sqlite_error (self, error, _("cannot add up the reports"));
      return NULL;
    }
  g_ptr_array_unref (gx_rules_check (report));
  return g_steal_pointer (&report);
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
  if (!store_savepoint (self, error))
    return FALSE;
  if (!(s = store_stmt (self, STMT_DELETE_CHILDREN, error)))
    goto fail;
  sqlite3_bind_int64 (s, 1, parent_id);
  if (!store_step_done (self, s, _("cannot link the reports"), error))
    goto fail;
  for (guint i = 0; i < n_children; i++)
    {
      int rc;

      if (!(s = store_stmt (self, STMT_INSERT_CHILD, error)))
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
          store_sqlite_error (self, error, _("cannot link the reports"));
          goto fail;
        }
    }
  /* the roll-up's hierarchy findings are counted in the list */
  if (!store_refresh_summary (self, parent_id, error))
    goto fail;
  return store_release (self, error);

fail:
  store_rollback_to (self);
  return FALSE;
}

static GArray *
load_ids (GxStore  *self,
          StmtId    id,
          gint64    arg,
          GError  **error)
{
  sqlite3_stmt *s;

  if (!(s = store_stmt (self, id, error)))
    return NULL;
  sqlite3_bind_int64 (s, 1, arg);
  return store_step_ids (self, s, error);
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

  if (!(s = store_stmt (self, STMT_LOAD_REPORT, error)))
    return NULL;
  sqlite3_bind_int64 (s, 1, id);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    {
      store_report_from_row (report, s);
      store_revision_from_row (report, s);
    }
  sqlite3_reset (s);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no report #%lld"), self->path, (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      store_sqlite_error (self, error, _("cannot read the report"));
      return NULL;
    }
  if (!store_load_cells_into (self, report, id, error))
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

