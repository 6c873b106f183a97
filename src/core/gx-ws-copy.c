/* gx-ws-copy.c: a whole workspace from one place to another (gx-ws-copy.h)
 *
 * Both ends are first opened as workspaces (gx_backend_open(): the source
 * checked and, when old, migrated; the target made or migrated), so that
 * both have the same tables (gx_ws_tables()).  Then the rows go across as
 * they are, as text: from an SQLite file with a connection of SQLite's
 * own in one read transaction, to it in one BEGIN IMMEDIATE transaction;
 * from PostgreSQL in one REPEATABLE READ snapshot, to it with COPY inside
 * one transaction that holds the workspace's write lock.
 */
#include "gx-config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>

#include "gx-ws-copy.h"
#include "gx-backend.h"
#include "gx-pg-store.h"

typedef struct
{
  gboolean pg;
  const char *location;
  GxPgStore *store;          /* PostgreSQL */
  sqlite3 *db;               /* SQLite */
  sqlite3_stmt *insert;      /* SQLite target: the table being written */
  guint n_columns;
  guint64 n_rows;
} End;

static gboolean
sqlite_failed (End         *end,
               const char  *what,
               GError     **error)
{
  g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED, _("%s: %s: %s"),
               end->location, what, end->db ? sqlite3_errmsg (end->db) : "?");
  return FALSE;
}

static gboolean
sqlite_exec (End         *end,
             const char  *sql,
             const char  *what,
             GError     **error)
{
  if (sqlite3_exec (end->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_failed (end, what, error);
  return TRUE;
}

static void
end_clear (End *end)
{
  if (end->insert)
    sqlite3_finalize (end->insert);
  if (end->db)
    sqlite3_close (end->db);
  g_clear_object (&end->store);
  end->insert = NULL;
  end->db = NULL;
}

/* Opens @end as a workspace (made or migrated), then the connection the
 * rows go through. */
static gboolean
end_open (End         *end,
          const char  *location,
          gboolean     source,
          GError     **error)
{
  g_autoptr(GxBackend) backend = NULL;

  end->location = location;
  end->pg = gx_backend_location_is_postgres (location);
  if (source && !end->pg && !g_file_test (location, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND,
                   _("%s: there is no workspace there"), location);
      return FALSE;
    }
  if (!(backend = gx_backend_open (location, source, error)))
    return FALSE;
  if (!source)
    {
      g_autoptr(GPtrArray) reports = gx_backend_list_summaries (backend, error);
      g_autoptr(GHashTable) aliases = NULL;

      if (reports == NULL || !(aliases = gx_backend_load_aliases (backend, error)))
        return FALSE;
      if (reports->len > 0 || g_hash_table_size (aliases) > 0 || gx_backend_has_reviews (backend))
        {
          g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                       _("%s: the workspace to copy into is not empty (%u reports); copy into a new one"),
                       location, reports->len);
          return FALSE;
        }
    }
  if (end->pg)
    {
      end->store = GX_PG_STORE (g_steal_pointer (&backend));
      return TRUE;
    }
  /* the file: through a connection of SQLite's, once the workspace
   * connection is closed */
  g_clear_object (&backend);
  if (sqlite3_open_v2 (location, &end->db,
                       (source ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    return sqlite_failed (end, _("cannot open the workspace"), error);
  sqlite3_busy_timeout (end->db, 10000);
  if (!source && !sqlite_exec (end, "PRAGMA foreign_keys = ON", _("cannot open the workspace"), error))
    return FALSE;
  return TRUE;
}

/* The target's side --------------------------------------------------------- */

static gboolean
target_begin (End     *end,
              GError **error)
{
  if (end->pg)
    return gx_pg_store_begin (end->store, error);
  if (!sqlite_exec (end, "BEGIN IMMEDIATE", _("cannot update the workspace"), error))
    return FALSE;
  /* under the write lock: still empty? */
  {
    sqlite3_stmt *s = NULL;
    gint64 n = -1;

    if (sqlite3_prepare_v2 (end->db, "SELECT COUNT (*) FROM reports", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step (s) == SQLITE_ROW)
      n = sqlite3_column_int64 (s, 0);
    sqlite3_finalize (s);
    if (n != 0)
      {
        sqlite3_exec (end->db, "ROLLBACK", NULL, NULL, NULL);
        if (n < 0)
          return sqlite_failed (end, _("cannot read the workspace"), error);
        g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                     _("%s: the workspace to copy into is not empty (%u reports); copy into a new one"),
                     end->location, (guint) n);
        return FALSE;
      }
  }
  return TRUE;
}

static gboolean
target_table_start (End              *end,
                    const GxWsTable  *table,
                    GError          **error)
{
  end->n_columns = table->n_columns;
  end->n_rows = 0;
  if (end->pg)
    return gx_pg_store_copy_in_start (end->store, table, error);
  {
    g_autoptr(GString) sql = g_string_new (NULL);

    /* the table and its columns are our constants; the values are bound */
    g_string_printf (sql, "INSERT INTO %s (%s) VALUES (", table->table, table->columns);
    for (guint c = 0; c < table->n_columns; c++)
      g_string_append (sql, c ? ", ?" : "?");
    g_string_append_c (sql, ')');
    if (sqlite3_prepare_v2 (end->db, sql->str, -1, &end->insert, NULL) != SQLITE_OK)
      return sqlite_failed (end, _("cannot update the workspace"), error);
  }
  return TRUE;
}

static gboolean
target_row_cb (const char *const  *values,
               gpointer            user_data,
               GError            **error)
{
  End *end = user_data;

  end->n_rows++;
  if (end->pg)
    return gx_pg_store_copy_in_row (end->store, values, error);
  sqlite3_reset (end->insert);
  for (guint c = 0; c < end->n_columns; c++)
    {
      /* as text: the columns' affinity makes numbers of the integers */
      if (values[c])
        sqlite3_bind_text (end->insert, (int) c + 1, values[c], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (end->insert, (int) c + 1);
    }
  if (sqlite3_step (end->insert) != SQLITE_DONE)
    return sqlite_failed (end, _("cannot update the workspace"), error);
  return TRUE;
}

static gboolean
target_table_end (End     *end,
                  GError **error)
{
  if (end->pg)
    return gx_pg_store_copy_in_end (end->store, error);
  sqlite3_finalize (end->insert);
  end->insert = NULL;
  return TRUE;
}

static gboolean
target_commit (End     *end,
               GError **error)
{
  if (end->pg)
    return gx_pg_store_reset_ids (end->store, error) && gx_pg_store_commit (end->store, error);
  return sqlite_exec (end, "COMMIT", _("cannot update the workspace"), error);
}

static void
target_rollback (End *end)
{
  if (end->pg)
    gx_pg_store_rollback (end->store);
  else if (end->db && !sqlite3_get_autocommit (end->db))
    sqlite3_exec (end->db, "ROLLBACK", NULL, NULL, NULL);
}

/* The source's side --------------------------------------------------------- */

static gboolean
source_begin (End     *end,
              GError **error)
{
  if (end->pg)
    return gx_pg_store_begin_snapshot (end->store, error);
  return sqlite_exec (end, "BEGIN", _("cannot read the workspace"), error);
}

static void
source_end (End *end)
{
  if (end->pg)
    gx_pg_store_end_snapshot (end->store);
  else if (end->db && !sqlite3_get_autocommit (end->db))
    sqlite3_exec (end->db, "COMMIT", NULL, NULL, NULL);
}

static gboolean
source_dump (End              *end,
             const GxWsTable  *table,
             GxWsRowFunc       row,
             gpointer          user_data,
             GError          **error)
{
  g_autofree char *sql = NULL;
  g_autofree const char **values = NULL;
  sqlite3_stmt *s = NULL;
  gboolean ok = TRUE;
  int rc;

  if (end->pg)
    return gx_pg_store_dump_table (end->store, table, row, user_data, error);
  sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", table->columns, table->table, table->order);
  if (sqlite3_prepare_v2 (end->db, sql, -1, &s, NULL) != SQLITE_OK)
    return sqlite_failed (end, _("cannot read the workspace"), error);
  values = g_new0 (const char *, table->n_columns + 1);
  while (ok && (rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      for (guint c = 0; c < table->n_columns; c++)
        values[c] = (const char *) sqlite3_column_text (s, (int) c);
      ok = row (values, user_data, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = sqlite_failed (end, _("cannot read the workspace"), error);
  sqlite3_finalize (s);
  return ok;
}

gboolean
gx_ws_copy (const char      *from,
            const char      *to,
            GxWsCopyCounts  *counts,
            GError         **error)
{
  End source = { 0 };
  End target = { 0 };
  const GxWsTable *tables;
  guint n_tables;
  gboolean ok = FALSE;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (g_strcmp0 (from, to) == 0)
    {
      g_set_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED,
                   _("%s: a workspace cannot be copied into itself"), from);
      return FALSE;
    }
  tables = gx_ws_tables (&n_tables);
  if (!end_open (&source, from, TRUE, error) || !end_open (&target, to, FALSE, error) ||
      !source_begin (&source, error))
    goto out;
  if (!target_begin (&target, error))
    {
      source_end (&source);
      goto out;
    }
  ok = TRUE;
  for (guint t = 0; ok && t < n_tables; t++)
    {
      ok = target_table_start (&target, &tables[t], error) &&
           source_dump (&source, &tables[t], target_row_cb, &target, error);
      /* a COPY begun is ended even after an error (then its rows go with
       * the rollback) */
      if (!target_table_end (&target, ok ? error : NULL))
        ok = FALSE;
      if (ok && counts)
        {
          if (strcmp (tables[t].table, "reports") == 0)
            counts->n_reports = target.n_rows;
          else if (strcmp (tables[t].table, "reviews") == 0)
            counts->n_reviews = target.n_rows;
          else if (strcmp (tables[t].table, "issuer_aliases") == 0)
            counts->n_aliases = target.n_rows;
          else if (strcmp (tables[t].table, "report_children") == 0)
            counts->n_links = target.n_rows;
        }
    }
  source_end (&source);
  if (ok)
    ok = target_commit (&target, error);
  if (!ok)
    target_rollback (&target);

out:
  end_clear (&source);
  end_clear (&target);
  return ok;
}
