/* gx-store-private.h: what the files of GxStore share
 *
 *   gx-store.c          the connection: opening, locks, batches, statements
 *   gx-store-schema.c   the tables, and the migrations from older versions
 *   gx-store-reports.c  reports in and out, the content hash, the list's cache
 *   gx-store-reviews.c  issuer merges and review decisions
 *   gx-store-rollups.c  roll-ups and the hierarchy of reports
 *   gx-store-backend.c  GxStore as a GxBackend
 */
#pragma once

#include <sqlite3.h>

#include "gx-store.h"

G_BEGIN_DECLS

#define STORE_VERSION 5
/* the oldest version a read-only open reads without migrating it
 * (store_read_as_current()) */
#define STORE_VERSION_READABLE 4

typedef enum {
  STMT_FIND_HASH,
  STMT_ALL_HASHES,
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


/* GxBackend on GxStore (gx-store-backend.c) */
void      gx_store_backend_init (GxBackendInterface *iface);

/* A report with its cells, issuer, year, source and prose, unchecked. */
GxReport *gx_store_load_cells   (GxStore  *self,
                                 gint64    id,
                                 GError  **error);

/* Shared by the files of GxStore */
/* gx-store.c */
gboolean store_sqlite_error (GxStore *self, GError **error, const char *what);
gboolean store_exec (GxStore *self, const char *sql, GError **error);
sqlite3_stmt *store_cached_stmt (GxStore *self, sqlite3_stmt **slot, const char *sql, GError **error);
sqlite3_stmt *store_stmt (GxStore *self, StmtId id, GError **error);
gboolean store_step_done (GxStore *self, sqlite3_stmt *s, const char *what, GError **error);
void store_bind_text_or_null (sqlite3_stmt *s, int index, const char *text);
char *store_now_iso8601 (void);
int store_read_user_version (sqlite3 *db, int *version);
char *store_ids_to_json (const gint64 *ids, guint n_ids);
gboolean store_savepoint (GxStore *self, GError **error);
gboolean store_release (GxStore *self, GError **error);
void store_rollback_to (GxStore *self);

/* gx-store-schema.c */
gboolean store_too_new_error (const char *path, int version, GError **error);
gboolean store_migrate (GxStore *self, GError **error);
gboolean store_read_as_current (GxStore *self, int version, GError **error);
gboolean store_check_cell_keys (GxStore *self, GError **error);

/* gx-store-reports.c */
void store_report_from_row (GxReport *report, sqlite3_stmt *s);
void store_revision_from_row (GxReport *report, sqlite3_stmt *s);
gboolean store_write_summary (GxStore *self, gint64 id, GxReport *report, GError **error);
gint64 store_find_one_id (GxStore *self, sqlite3_stmt *s, GError **error);
gboolean store_load_cells_into (GxStore *self, GxReport *report, gint64 id, GError **error);
GArray *store_step_ids (GxStore *self, sqlite3_stmt *s, GError **error);
gboolean store_refresh_summary (GxStore *self, gint64 id, GError **error);
gboolean store_refresh_neighbours (GxStore *self, const char *issuer, int year, gint64 id, GArray *parents, GError **error);
gboolean store_refresh_issuer_group (GxStore *self, const char *key, GError **error);

/* gx-store-reviews.c */
gboolean store_has_reviews (GxStore *self);

#define MAX_COLUMNS 7


G_END_DECLS
