/* gx-store.h: the workspace, one SQLite file of reports
 *
 * One GxStore is one connection: use it from one thread only.  A worker
 * thread that writes opens its own GxStore on the same path (WAL mode).
 */
#pragma once

#include <gio/gio.h>

#include "gx-backend.h"
#include "gx-report.h"

G_BEGIN_DECLS

#define GX_STORE_ERROR (gx_store_error_quark ())

/* the domain of GX_BACKEND_ERROR (the same quark), with its codes */
typedef enum {
  GX_STORE_ERROR_SQLITE = GX_BACKEND_ERROR_FAILED,   /* the database said no; message has its text */
  GX_STORE_ERROR_TOO_NEW = GX_BACKEND_ERROR_TOO_NEW, /* made by a newer GxReports: refused, untouched */
  GX_STORE_ERROR_NOT_FOUND = GX_BACKEND_ERROR_NOT_FOUND,  /* no report with that id */
  GX_STORE_ERROR_CHANGED = GX_BACKEND_ERROR_CHANGED,  /* saved meanwhile by another connection */
} GxStoreError;

#define GX_TYPE_STORE (gx_store_get_type ())
/* implements GxBackend (gx-backend.h) */
G_DECLARE_FINAL_TYPE (GxStore, gx_store, GX, STORE, GObject)

GQuark      gx_store_error_quark   (void);

/* $XDG_DATA_HOME/gxreports/workspace.db */
char       *gx_store_default_path  (void);

/* Opens or creates the workspace (creating parent folders), migrating an
 * older schema inside a transaction.  A workspace from a newer version is
 * refused with GX_STORE_ERROR_TOO_NEW and not altered. */
GxStore    *gx_store_open          (const char   *path,
                                    GError      **error);
/* Opens the workspace for reading (list, export, print, check --db): never
 * takes the write lock, so it answers while an import writes, and works in
 * a folder one cannot write (then, when SQLite cannot make the -shm file
 * there, the file is read as it is, without locks:
 * gx_store_is_unlocked()).  A workspace that does not exist yet, or of an
 * older version, is opened as gx_store_open() does (made or migrated),
 * except one of version 4, read as it is (every report at revision 1).
 * Writes through it fail.  Meant for a process with no other connection to
 * the workspace (the command line). */
GxStore    *gx_store_open_read_only (const char  *path,
                                     GError     **error);
gboolean    gx_store_is_read_only  (GxStore      *self);
/* Whether @path is an SQLite database (a workspace to open rather than a
 * report to import), asked of SQLite: a header read of our own would drop
 * the locks of this process's connections to it. */
gboolean    gx_store_is_sqlite_file (const char  *path);
gboolean    gx_store_is_unlocked   (GxStore      *self);
/* SQLite's PRAGMA data_version: changes when another connection (another
 * process, the importer's thread, an editor window) commits a change.
 * Cheap enough to poll every second.  -1 on error. */
gint64      gx_store_get_data_version (GxStore    *self,
                                       GError    **error);
const char *gx_store_get_path      (GxStore      *self);

/* Batches: every put between begin and commit is one transaction. */
gboolean    gx_store_begin         (GxStore      *self,
                                    GError      **error);
gboolean    gx_store_commit        (GxStore      *self,
                                    GError      **error);
void        gx_store_rollback      (GxStore      *self);

/* Inside a batch: a unit of several puts that goes in whole or not at all
 * (a JSON file of several reports). */
gboolean    gx_store_savepoint             (GxStore  *self,
                                            GError  **error);
gboolean    gx_store_release_savepoint     (GxStore  *self,
                                            GError  **error);
void        gx_store_rollback_to_savepoint (GxStore  *self);

/* Adds an imported report.  @content_hash identifies the source content
 * (e.g. SHA-256 of the file bytes); NULL hashes the values.  Sets the id of
 * @report on success. */
gboolean    gx_store_put_report    (GxStore         *self,
                                    GxReport        *report,
                                    const char      *content_hash,
                                    gboolean         replace,
                                    GxImportOutcome *outcome,
                                    GError         **error);
/* The content hash the workspace knows a file by: SHA-256 of the bytes, in
 * hex.  Importers compute it in their reader threads. */
char       *gx_store_content_hash  (const void      *data,
                                    gsize            len);
/* The id of the report imported from content with this hash, 0 when there
 * is none, -1 on error.  Lets an importer skip reading a file it has. */
gint64      gx_store_find_hash     (GxStore         *self,
                                    const char      *content_hash,
                                    GError         **error);
/* Writes an edited report: updates the row of its id, or inserts it when
 * the id is 0 (then sets it).  One transaction unless inside a batch. */
gboolean    gx_store_save_report   (GxStore      *self,
                                    GxReport     *report,
                                    GError      **error);
GxReport   *gx_store_load_report   (GxStore      *self,
                                    gint64        id,
                                    GError      **error);
gboolean    gx_store_remove_report (GxStore      *self,
                                    gint64        id,
                                    GError      **error);

/* Every report with all its cells, ordered by issuer then year. */
GPtrArray  *gx_store_load_all      (GxStore      *self,
                                    GError      **error);

/* For the main window's list (100,000 reports in well under a second):
 * GxReports that carry their id, issuer, year, source, the error/warning/
 * note counts (a cache kept up to date on every write, never the truth) and
 * only these cells: applications.new_received.total,
 * applications.results_total.total, applications.carried_forward.total and
 * the total of each row of review_litigation.  Load the whole report with
 * gx_store_load_report() before showing or checking it. */
GPtrArray  *gx_store_list_summaries (GxStore     *self,
                                     GError     **error);

/* The content hashes of every report (a set of strings), so that readers
 * in other threads can skip files that are there already. */
GHashTable *gx_store_dup_hashes    (GxStore      *self,
                                    GError      **error);

/* Ids of the reports matching a selection, ordered by issuer then year.
 * @year 0 and @issuer_contains NULL match everything. */
GArray     *gx_store_find_ids      (GxStore      *self,
                                    int           year,
                                    const char   *issuer_contains,
                                    GError      **error);

/* The roll-up of several reports: a new GxReport (id 0) whose every cell is
 * the sum of that cell over @ids, computed in one SQL query.  A cell blank
 * in every report stays blank.  Issuer and year are left for the caller. */
GxReport   *gx_store_rollup        (GxStore      *self,
                                    const gint64 *ids,
                                    guint         n_ids,
                                    GError      **error);

/* Checks across reports, issuers, roll-ups ---------------------------------- */

/* Merges two spellings of one issuer: reports whose issuer normalises
 * (gx_issuer_normalize()) to @alias count as reports of @canonical for
 * carryover and reviews.  @canonical NULL undoes the merge of @alias.
 * Aliases stay one level deep: what pointed at @alias points at
 * @canonical's own canonical name afterwards. */
gboolean    gx_store_set_issuer_alias (GxStore     *self,
                                       const char  *alias,
                                       const char  *canonical,
                                       GError     **error);
/* The normalised canonical key of @issuer (after the user's merges);
 * NULL for no issuer.  Never fails: on a database error the normalised
 * name is returned. */
char       *gx_store_dup_issuer_key   (GxStore     *self,
                                       const char  *issuer);
/* Every alias → canonical (both normalised), for gx_crosscheck_reports();
 * a new GHashTable of strings. */
GHashTable *gx_store_load_aliases     (GxStore     *self,
                                       GError     **error);
/* The issuers of the workspace, as written in the reports, ordered by
 * their canonical key: a GPtrArray of GxStoreIssuer (free with
 * g_ptr_array_unref). */
typedef GxBackendIssuer GxStoreIssuer;
GPtrArray  *gx_store_list_issuers     (GxStore     *self,
                                       GError     **error);

/* The id of the report of @issuer (matched by canonical key) for @year,
 * 0 when there is none, -1 on error.  @except_id: a report id to skip (0:
 * none), e.g. the report being checked. */
gint64      gx_store_find_report      (GxStore     *self,
                                       const char  *issuer,
                                       int          year,
                                       gint64       except_id,
                                       GError     **error);

/* Marks @parent_id as the roll-up of @child_ids (replacing the set it had;
 * n_children 0 clears it).  A report is not its own child. */
gboolean    gx_store_set_children     (GxStore      *self,
                                       gint64        parent_id,
                                       const gint64 *child_ids,
                                       guint         n_children,
                                       GError      **error);
/* The children (ids) of @parent_id, ascending; empty when it is no
 * roll-up, NULL on error. */
GArray     *gx_store_get_children     (GxStore      *self,
                                       gint64        parent_id,
                                       GError      **error);
/* The reports @child_id is a child of. */
GArray     *gx_store_get_parents      (GxStore      *self,
                                       gint64        child_id,
                                       GError      **error);

/* carryover against the previous year's report of the same issuer in the
 * workspace, and hierarchy when @report (by its id) has children.  Adds
 * the findings to @report and returns them (transfer: container). */
GPtrArray  *gx_store_check_across     (GxStore      *self,
                                       GxReport     *report,
                                       GError      **error);
/* Every finding of a report in the workspace: the one recipe,
 * gx_check_report() of gx-check.h.  gx_store_load_report() and
 * gx_store_load_all() do this already; call it after editing a report. */
gboolean    gx_store_check_report     (GxStore      *self,
                                       GxReport     *report,
                                       GError      **error);
/* Whether any decision is recorded (then every blank-cell note is built:
 * a decision may concern one). */
gboolean    gx_store_has_reviews      (GxStore      *self);

G_END_DECLS
