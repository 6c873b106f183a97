/* gx-workspace.h: the only way to a workspace
 *
 * A GxWorkspace owns one connection to a workspace's storage (a GxBackend:
 * the SQLite file, or PostgreSQL) and is what the app, the editor, the
 * compare window, printing, export and the command line go through.  Use
 * it from one thread; a worker opens a workspace of its own on the same
 * location.
 *
 * It is a GListModel of the workspace's reports as uniform summaries
 * (gx_backend_list_summaries(): id, issuer, year, source, the counts of
 * the one check recipe, a few cells), ordered by issuer then year.  Every
 * change made through it (a report added, saved, removed, re-checked after
 * a decision, a merge of issuers, a roll-up linked, the same issuer's next
 * year whose carryover changed) emits ::items-changed for the rows that
 * changed; gx_workspace_reload() catches up with changes made by other
 * connections (another process, an import worker).  On PostgreSQL the
 * workspace is told of other connections' commits (LISTEN/NOTIFY) and,
 * once its list is read, follows them by itself while its thread's main
 * context runs (::items-changed, then ::changed-elsewhere); on SQLite a
 * caller polls gx_workspace_get_data_version().  A report's row keeps
 * its object while the report is listed: a change updates it in place
 * (so a view's selection stays on it).
 */
#pragma once

#include <gio/gio.h>

#include "gx-backend.h"
#include "gx-import.h"

G_BEGIN_DECLS

#define GX_TYPE_WORKSPACE (gx_workspace_get_type ())
G_DECLARE_FINAL_TYPE (GxWorkspace, gx_workspace, GX, WORKSPACE, GObject)

/* $XDG_DATA_HOME/gxreports/workspace.db */
char        *gx_workspace_default_location (void);

/* Opens (creating or migrating) the workspace at @location (a path, or a
 * PostgreSQL location: gx_backend_open()).  @read_only: never takes the
 * write lock (list, export, print, check --db); writes fail. */
GxWorkspace *gx_workspace_open           (const char    *location,
                                          gboolean       read_only,
                                          GError       **error);
const char  *gx_workspace_get_location   (GxWorkspace   *self);
gboolean     gx_workspace_is_read_only   (GxWorkspace   *self);
GxBackend   *gx_workspace_get_backend    (GxWorkspace   *self);
/* Changes when another connection commits a change; -1 on error. */
gint64       gx_workspace_get_data_version (GxWorkspace *self);
/* A SQLite workspace in a folder one cannot write, read without locks
 * (gx_store_is_unlocked()); FALSE for any other. */
gboolean     gx_workspace_is_unlocked    (GxWorkspace   *self);

/* Several changes as one transaction (gx_backend_begin()); the list says
 * what changed once they are committed. */
gboolean     gx_workspace_begin          (GxWorkspace   *self,
                                          GError       **error);
gboolean     gx_workspace_commit         (GxWorkspace   *self,
                                          GError       **error);
void         gx_workspace_rollback       (GxWorkspace   *self);

/* Whether the workspace follows other connections' commits by itself
 * (PostgreSQL, once the list is read, until the connection is lost);
 * otherwise a caller polls gx_workspace_get_data_version() and reloads. */
gboolean     gx_workspace_is_watching    (GxWorkspace   *self);
/* While held, other connections' commits are noted, not followed (the
 * app's own import adds its rows itself); let go, the list catches up at
 * once with what was noted. */
void         gx_workspace_hold_watch     (GxWorkspace   *self,
                                          gboolean       hold);

/* Reads the list again and says what changed (::items-changed); FALSE and
 * @error when the workspace could not be read (the list is kept). */
gboolean     gx_workspace_reload         (GxWorkspace   *self,
                                          GError       **error);
/* Reports committed by another connection (the app's import worker),
 * checked: their summaries (gx_report_dup_summary()) go into the list at
 * their place, one ::items-changed each, without reading the list again;
 * one listed already is updated.  A later gx_workspace_reload() brings
 * the rest up to date (neighbours re-checked, reports replaced). */
void         gx_workspace_add_reports    (GxWorkspace   *self,
                                          GPtrArray     *reports);
/* The summary of report @id in the list, or NULL; its position in @position. */
GxReport    *gx_workspace_find_summary   (GxWorkspace   *self,
                                          gint64         id,
                                          guint         *position);

/* An import into this workspace (gx-import.h); after gx_import_run() the
 * list is read again.  gx_workspace_import() is that, for paths. */
GxImport    *gx_workspace_new_import     (GxWorkspace   *self,
                                          gboolean       replace);
gboolean     gx_workspace_import         (GxWorkspace   *self,
                                          const char * const *paths,
                                          gboolean       replace,
                                          const GxImportCallbacks *callbacks,
                                          gpointer       user_data,
                                          GxImportCounts *counts,
                                          GError       **error);

/* A new array of the summaries as they are now in the storage (for a
 * caller that keeps its own list; gx_backend_list_summaries()). */
GPtrArray   *gx_workspace_list_summaries (GxWorkspace   *self,
                                          GError       **error);
/* Ids of the reports of @year (0: any) whose issuer contains @issuer_contains. */
GArray      *gx_workspace_find_ids       (GxWorkspace   *self,
                                          int            year,
                                          const char    *issuer_contains,
                                          GError       **error);
/* Every merged spelling → canonical (both normalised). */
GHashTable  *gx_workspace_load_aliases   (GxWorkspace   *self,
                                          GError       **error);
/* Sets the recorded decisions on the findings of @report. */
gboolean     gx_workspace_apply_reviews  (GxWorkspace   *self,
                                          GxReport      *report,
                                          GError       **error);

/* A report, checked (gx_check_report()). */
GxReport    *gx_workspace_load_report    (GxWorkspace   *self,
                                          gint64         id,
                                          GError       **error);
/* Every report, checked, ordered by issuer then year. */
GPtrArray   *gx_workspace_load_all       (GxWorkspace   *self,
                                          GError       **error);
/* Writes an edited report (a new one when its id is 0), checks it again. */
gboolean     gx_workspace_save_report    (GxWorkspace   *self,
                                          GxReport      *report,
                                          GError       **error);
gboolean     gx_workspace_remove_report  (GxWorkspace   *self,
                                          gint64         id,
                                          GError       **error);
/* Checks @report as the workspace sees it (gx_check_report()). */
gboolean     gx_workspace_check_report   (GxWorkspace   *self,
                                          GxReport      *report,
                                          GError       **error);
/* Records a decision (a GxReviewState) on @finding of @report. */
gboolean     gx_workspace_set_review     (GxWorkspace   *self,
                                          GxReport      *report,
                                          GxFinding     *finding,
                                          int            state,
                                          const char    *note,
                                          GError       **error);
/* Merges two spellings of an issuer (@canonical NULL undoes it). */
gboolean     gx_workspace_merge_issuers  (GxWorkspace   *self,
                                          const char    *alias,
                                          const char    *canonical,
                                          GError       **error);
/* Marks @parent_id as the roll-up of @child_ids (0 children: none). */
gboolean     gx_workspace_set_children   (GxWorkspace   *self,
                                          gint64         parent_id,
                                          const gint64  *child_ids,
                                          guint          n_children,
                                          GError       **error);
GArray      *gx_workspace_get_children   (GxWorkspace   *self,
                                          gint64         parent_id,
                                          GError       **error);
/* The sum of @ids, cell by cell (gx_backend_rollup()). */
GxReport    *gx_workspace_rollup         (GxWorkspace   *self,
                                          const gint64  *ids,
                                          guint          n_ids,
                                          GError       **error);

G_END_DECLS
