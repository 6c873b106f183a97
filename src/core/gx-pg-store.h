/* gx-pg-store.h: the workspace on a PostgreSQL server
 *
 * The same operations, schema and semantics as the SQLite workspace
 * (gx-store.h), on a database several clerks share: a libpq connection
 * string (a URI "postgresql://clerk@db.example/gxreports" or a conninfo
 * "host=db.example dbname=gxreports"); the password comes from libpq's own
 * ways (~/.pgpass, PGPASSWORD, PGSERVICE …), or from this process's memory
 * (gx_backend_set_password(): what the app asked for), and never appears in a
 * message (a location with a password in it is refused, so that it is
 * neither kept in the list of recent workspaces nor logged).  It
 * implements GxBackend.  One GxPgStore is one connection: use it from one thread.
 *
 * Several writers at once: every write transaction (a batch, or one put,
 * save, removal, decision, merge or link) takes the workspace's write lock
 * (a transaction-scoped advisory lock) first, so the checks of a put (the
 * content hash, the issuer and year, the neighbours' counts) see every
 * write committed before and nobody writes in between; the content hash
 * is also UNIQUE (INSERT … ON CONFLICT).  Readers take no lock.
 */
#pragma once

#include <gio/gio.h>

#include "gx-report.h"
#include "gx-backend.h"
#include "gx-review.h"

G_BEGIN_DECLS

#define GX_TYPE_PG_STORE (gx_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (GxPgStore, gx_pg_store, GX, PG_STORE, GObject)

/* @location without its password, for messages and titles:
 * "postgresql://clerk@db.example:5432/gxreports". */
char       *gx_pg_location_display     (const char *location);

/* Connects, makes the schema in an empty database or migrates an older
 * one (under a lock, in one transaction); a database of a newer schema is
 * refused with GX_BACKEND_ERROR_TOO_NEW and left untouched.  A server that
 * asks for a password not found, or refuses the one given, is
 * GX_BACKEND_ERROR_NEEDS_PASSWORD. */
GxPgStore  *gx_pg_store_open           (const char   *location,
                                        gboolean      read_only,
                                        GError      **error);
gboolean    gx_pg_store_is_read_only   (GxPgStore    *self);
/* The location as given (it holds no password: refused when it does). */
const char *gx_pg_store_get_location   (GxPgStore    *self);
/* The location for messages (gx_pg_location_display()). */
const char *gx_pg_store_get_display    (GxPgStore    *self);
/* Changes with every committed write, of any client (a counter in the
 * database); -1 on error. */
gint64      gx_pg_store_get_data_version (GxPgStore *self,
                                          GError   **error);

gboolean    gx_pg_store_begin          (GxPgStore    *self,
                                        GError      **error);
gboolean    gx_pg_store_commit         (GxPgStore    *self,
                                        GError      **error);
void        gx_pg_store_rollback       (GxPgStore    *self);
gboolean    gx_pg_store_savepoint      (GxPgStore    *self,
                                        GError      **error);
gboolean    gx_pg_store_release_savepoint (GxPgStore *self,
                                           GError   **error);
void        gx_pg_store_rollback_to_savepoint (GxPgStore *self);

gboolean    gx_pg_store_put_report     (GxPgStore       *self,
                                        GxReport        *report,
                                        const char      *content_hash,
                                        gboolean         replace,
                                        GxImportOutcome *outcome,
                                        GError         **error);
gboolean    gx_pg_store_queue_put      (GxPgStore         *self,
                                        GxReport          *report,
                                        const char        *content_hash,
                                        gboolean           replace,
                                        GxBackendPutDone   done,
                                        gpointer           user_data,
                                        GError           **error);
gboolean    gx_pg_store_flush_puts     (GxPgStore         *self,
                                        GError           **error);
gint64      gx_pg_store_find_hash      (GxPgStore    *self,
                                        const char   *content_hash,
                                        GError      **error);
gboolean    gx_pg_store_save_report    (GxPgStore    *self,
                                        GxReport     *report,
                                        GError      **error);
/* A report with its cells, issuer, year, source and prose, unchecked. */
GxReport   *gx_pg_store_load_cells     (GxPgStore    *self,
                                        gint64        id,
                                        GError      **error);
GxReport   *gx_pg_store_load_report    (GxPgStore    *self,
                                        gint64        id,
                                        GError      **error);
gboolean    gx_pg_store_remove_report  (GxPgStore    *self,
                                        gint64        id,
                                        GError      **error);
GPtrArray  *gx_pg_store_load_all       (GxPgStore    *self,
                                        GError      **error);
GPtrArray  *gx_pg_store_list_summaries (GxPgStore    *self,
                                        GError      **error);
GHashTable *gx_pg_store_dup_hashes     (GxPgStore    *self,
                                        GError      **error);
GArray     *gx_pg_store_find_ids       (GxPgStore    *self,
                                        int           year,
                                        const char   *issuer_contains,
                                        GError      **error);
GxReport   *gx_pg_store_rollup         (GxPgStore    *self,
                                        const gint64 *ids,
                                        guint         n_ids,
                                        GError      **error);
gboolean    gx_pg_store_set_issuer_alias (GxPgStore  *self,
                                          const char *alias,
                                          const char *canonical,
                                          GError    **error);
char       *gx_pg_store_dup_issuer_key (GxPgStore    *self,
                                        const char   *issuer);
GHashTable *gx_pg_store_load_aliases   (GxPgStore    *self,
                                        GError      **error);
GPtrArray  *gx_pg_store_list_issuers   (GxPgStore    *self,
                                        GError      **error);
gint64      gx_pg_store_find_report    (GxPgStore    *self,
                                        const char   *issuer,
                                        int           year,
                                        gint64        except_id,
                                        GError      **error);
gboolean    gx_pg_store_set_children   (GxPgStore    *self,
                                        gint64        parent_id,
                                        const gint64 *child_ids,
                                        guint         n_children,
                                        GError      **error);
GArray     *gx_pg_store_get_children   (GxPgStore    *self,
                                        gint64        parent_id,
                                        GError      **error);
GArray     *gx_pg_store_get_parents    (GxPgStore    *self,
                                        gint64        child_id,
                                        GError      **error);
gboolean    gx_pg_store_has_reviews    (GxPgStore    *self);
gboolean    gx_pg_store_set_review     (GxPgStore    *self,
                                        GxReport     *report,
                                        GxFinding    *finding,
                                        GxReviewState state,
                                        const char   *note,
                                        GError      **error);
gboolean    gx_pg_store_apply_reviews  (GxPgStore    *self,
                                        GxReport     *report,
                                        GError      **error);

/* Whole tables, for `copy` (gx-ws-copy.c) ----------------------------------- */

/* The tables a workspace is made of, in an order that keeps the foreign
 * keys (reports first), and their columns as both backends name them. */
typedef struct {
  const char *table;
  const char *columns;   /* "id, issuer, …" */
  guint n_columns;
  const char *order;     /* ORDER BY of a dump */
} GxWsTable;

const GxWsTable *gx_ws_tables         (guint *n_tables);

/* Calls @row for every row of @table (values as text, NULL for NULL), in
 * one read transaction of the caller's (gx_pg_store_begin_snapshot()). */
typedef gboolean (*GxWsRowFunc) (const char *const *values,
                                 gpointer           user_data,
                                 GError           **error);
gboolean    gx_pg_store_begin_snapshot (GxPgStore    *self,
                                        GError      **error);
void        gx_pg_store_end_snapshot   (GxPgStore    *self);
gboolean    gx_pg_store_dump_table     (GxPgStore       *self,
                                        const GxWsTable *table,
                                        GxWsRowFunc      row,
                                        gpointer         user_data,
                                        GError         **error);
/* Inside a batch (gx_pg_store_begin()): appends rows to @table with COPY;
 * start, then put rows, then end. */
gboolean    gx_pg_store_copy_in_start  (GxPgStore       *self,
                                        const GxWsTable *table,
                                        GError         **error);
gboolean    gx_pg_store_copy_in_row    (GxPgStore          *self,
                                        const char *const  *values,
                                        GError            **error);
gboolean    gx_pg_store_copy_in_end    (GxPgStore    *self,
                                        GError      **error);
/* After rows were copied in with their ids: new reports get ids after
 * them. */
gboolean    gx_pg_store_reset_ids      (GxPgStore    *self,
                                        GError      **error);
/* The number of reports, -1 on error. */
gint64      gx_pg_store_count_reports  (GxPgStore    *self,
                                        GError      **error);

G_END_DECLS
