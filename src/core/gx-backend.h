/* gx-backend.h: where a workspace keeps its reports
 *
 * A GxBackend is one connection to one workspace's storage: the SQLite
 * file (GxStore, gx-store.h) or a PostgreSQL database.  Everything a
 * workspace (GxWorkspace, gx-workspace.h) needs of its storage is stated
 * here and nothing of how it is stored: no SQL, no file.  Use one
 * connection from one thread only; a worker thread opens its own with
 * gx_backend_open() on the same location.
 *
 * The contract every backend keeps:
 *
 * - Identity.  A report has an id > 0, given when it is first stored and
 *   never reused for another report.  Lists of reports are ordered by
 *   issuer (as written), then year, then id.
 * - Content hash.  A report put from a file carries the hash of the file's
 *   bytes (gx_backend_content_hash(): SHA-256 in lower-case hex); a report
 *   from no file, a NULL hash, is known by a hash of its values.  One hash,
 *   one report: putting content whose hash is there already changes
 *   nothing (GX_IMPORT_ALREADY_PRESENT, the id that report's).
 * - Issuer and year.  The issuer key of a report is its issuer normalised
 *   (gx_issuer_normalize()) and then followed through the user's merges
 *   (gx_backend_set_issuer_alias(): one level deep).  A workspace holds at
 *   most one report for an issuer key and a year: a put of another report
 *   of the same key and year is GX_IMPORT_ALREADY_PRESENT when its figures
 *   are the same (every cell, blank or not), GX_IMPORT_CONFLICT when they
 *   differ and @replace is FALSE (nothing written), and GX_IMPORT_REPLACED
 *   with @replace (the report keeps its id, takes the new cells, issuer,
 *   source and hash).  Reports without issuer or year never conflict.
 * - Review decisions are kept by issuer key, year and finding key
 *   (gx_finding_dup_key()), so they survive re-imports and replacements;
 *   merging two spellings makes the decisions of either apply to both.
 * - Cached counts.  Every write (put, save, remove, review, merge, link)
 *   leaves the stored error/warning/note counts of the report, of the same
 *   issuer's next year and of its roll-ups equal to gx_check_report() of
 *   them (gx-check.h): list_summaries() reads them and never checks.
 * - Checked on load.  load_report() and load_all() give reports checked
 *   with gx_check_report() against this backend; load_cells() gives the
 *   cells alone.
 * - Revisions: no lost update.  A stored report has a revision, 1 when it
 *   is first stored and one more on every write of its content: a save
 *   (save_report()) and a replacement by an import (put_report() with
 *   @replace).  Rewrites of the cached counts (a decision, a merge, a link,
 *   a neighbour's change) leave it.  load_report(), load_cells() and
 *   load_all() give reports with their revision (gx_report_get_revision()).
 *   save_report() of a report whose revision is not 0 writes only when the
 *   stored report is still at that revision (compared in the write itself:
 *   of two clients that loaded the same revision, one saves), and then
 *   sets the revision written on @report; otherwise it fails with
 *   GX_BACKEND_ERROR_CHANGED, writes nothing and leaves @report as it was,
 *   so that saving it again fails again.  Revision 0 (a report not loaded
 *   from the workspace, or whose user chose to overwrite:
 *   gx_report_set_revision (report, 0)) writes over whatever is stored.
 * - Batches.  Between begin() and commit() every write is one transaction;
 *   a savepoint inside one makes a unit that goes in whole or not at all.
 *   Outside a batch every write is its own transaction.
 * - Puts answered later.  queue_put() is put_report() whose answer may
 *   come later: the backend may send the put on and go on before the
 *   storage has answered (PostgreSQL: several puts on their way to the
 *   server while the caller reads the next files).  The answers come in
 *   the order of the puts, each once, through the callback, and every one
 *   has come when flush_puts() returns TRUE; any other call of the backend
 *   (commit() too) first takes the answers still due and gives them, so
 *   what it does comes after the puts.  A put that failed gives no answer:
 *   its error comes from flush_puts() or whichever call took the answers,
 *   and the batch is to be rolled back; rollback() drops answers still due
 *   unsaid.  The outcome of each put is the one put_report() would have
 *   given, the puts taken one after the other in their order.
 * - Errors are in GX_BACKEND_ERROR: NOT_FOUND for an id that is not there,
 *   TOO_NEW for a workspace made by a newer GxReports (opened for nothing,
 *   never altered), FAILED for anything the storage refused (the message
 *   names the workspace and says what could not be done), NEEDS_PASSWORD
 *   when a server asked for a password that was not found or was refused
 *   (gx_backend_set_password(), then open again).
 * - Change counter.  get_data_version() changes when another connection
 *   commits a change; cheap enough to poll every second.
 * - Being told.  A backend that can be told of other connections' commits
 *   (PostgreSQL: LISTEN/NOTIFY) gives a watch (create_watch(), optional):
 *   a GSource that dispatches once for a burst of them, never for this
 *   connection's own.  Without one (SQLite), poll get_data_version().
 */
#pragma once

#include <gio/gio.h>

#include "gx-report.h"
#include "gx-finding.h"

G_BEGIN_DECLS

#define GX_BACKEND_ERROR (gx_backend_error_quark ())

typedef enum {
  GX_BACKEND_ERROR_FAILED,         /* the storage said no; message has its text */
  GX_BACKEND_ERROR_TOO_NEW,        /* made by a newer GxReports: refused, untouched */
  GX_BACKEND_ERROR_NOT_FOUND,      /* no report with that id */
  GX_BACKEND_ERROR_NOT_SUPPORTED,  /* a kind of workspace this build cannot open */
  GX_BACKEND_ERROR_CHANGED,        /* save: the report was saved by another client since it
                                    * was loaded ("Revisions" above; revision 0 to overwrite) */
  GX_BACKEND_ERROR_NEEDS_PASSWORD, /* open: the server asked for a password libpq did not
                                    * find (~/.pgpass, PGPASSWORD), or refused the one
                                    * given; the message has the server's words */
} GxBackendError;

typedef enum {
  GX_IMPORT_ADDED,            /* new report */
  GX_IMPORT_ALREADY_PRESENT,  /* the same content (hash) is there already, or a report
                               * of the same issuer and year with the same figures
                               * (the id set is that report's) */
  GX_IMPORT_REPLACED,         /* same issuer and year, replaced on request */
  GX_IMPORT_CONFLICT,         /* same issuer and year, other figures, not replaced */
} GxImportOutcome;

/* An issuer of the workspace (gx_backend_list_issuers()). */
typedef struct {
  char *name;        /* as written in the reports */
  char *key;         /* normalised canonical key (after merges) */
  guint n_reports;
} GxBackendIssuer;

/* The review states of gx-review.h, repeated as a plain int so that this
 * header stays below it: GX_REVIEW_OPEN 0, CONFIRMED 1, DISMISSED 2. */

/* The answer to gx_backend_queue_put(): @report's id is set unless the
 * outcome is GX_IMPORT_CONFLICT, as by gx_backend_put_report(). */
typedef void (*GxBackendPutDone) (GxReport        *report,
                                  GxImportOutcome  outcome,
                                  gpointer         user_data);

#define GX_TYPE_BACKEND (gx_backend_get_type ())
G_DECLARE_INTERFACE (GxBackend, gx_backend, GX, BACKEND, GObject)

struct _GxBackendInterface
{
  GTypeInterface parent_iface;

  const char *(*get_location)      (GxBackend *self);
  gboolean    (*is_read_only)      (GxBackend *self);
  gint64      (*get_data_version)  (GxBackend *self, GError **error);

  gboolean    (*begin)             (GxBackend *self, GError **error);
  gboolean    (*commit)            (GxBackend *self, GError **error);
  void        (*rollback)          (GxBackend *self);
  gboolean    (*savepoint)         (GxBackend *self, GError **error);
  gboolean    (*release_savepoint) (GxBackend *self, GError **error);
  void        (*rollback_to_savepoint) (GxBackend *self);

  gboolean    (*put_report)        (GxBackend *self, GxReport *report, const char *content_hash,
                                    gboolean replace, GxImportOutcome *outcome, GError **error);
  gint64      (*find_hash)         (GxBackend *self, const char *content_hash, GError **error);
  GHashTable *(*dup_hashes)        (GxBackend *self, GError **error);
  gboolean    (*save_report)       (GxBackend *self, GxReport *report, GError **error);
  GxReport   *(*load_report)       (GxBackend *self, gint64 id, GError **error);
  GxReport   *(*load_cells)        (GxBackend *self, gint64 id, GError **error);
  gboolean    (*remove_report)     (GxBackend *self, gint64 id, GError **error);
  GPtrArray  *(*load_all)          (GxBackend *self, GError **error);
  GPtrArray  *(*list_summaries)    (GxBackend *self, GError **error);
  GArray     *(*find_ids)          (GxBackend *self, int year, const char *issuer_contains,
                                    GError **error);
  GxReport   *(*rollup)            (GxBackend *self, const gint64 *ids, guint n_ids,
                                    GError **error);

  gboolean    (*set_issuer_alias)  (GxBackend *self, const char *alias, const char *canonical,
                                    GError **error);
  char       *(*dup_issuer_key)    (GxBackend *self, const char *issuer);
  GHashTable *(*load_aliases)      (GxBackend *self, GError **error);
  GPtrArray  *(*list_issuers)      (GxBackend *self, GError **error);
  gint64      (*find_report)       (GxBackend *self, const char *issuer, int year,
                                    gint64 except_id, GError **error);

  gboolean    (*set_children)      (GxBackend *self, gint64 parent_id, const gint64 *child_ids,
                                    guint n_children, GError **error);
  GArray     *(*get_children)      (GxBackend *self, gint64 parent_id, GError **error);
  GArray     *(*get_parents)       (GxBackend *self, gint64 child_id, GError **error);

  gboolean    (*set_review)        (GxBackend *self, GxReport *report, GxFinding *finding,
                                    int state, const char *note, GError **error);
  gboolean    (*apply_reviews)     (GxBackend *self, GxReport *report, GError **error);
  gboolean    (*has_reviews)       (GxBackend *self);

  /* optional: NULL when the backend cannot be told (see "Being told") */
  GSource    *(*create_watch)      (GxBackend *self);
  /* optional: NULL for a backend that answers every put at once (see
   * "Puts answered later") */
  gboolean    (*queue_put)         (GxBackend *self, GxReport *report, const char *content_hash,
                                    gboolean replace, GxBackendPutDone done, gpointer user_data,
                                    GError **error);
  gboolean    (*flush_puts)        (GxBackend *self, GError **error);
};

GQuark      gx_backend_error_quark      (void);

/* Opens (creating or migrating) the workspace at @location: a path is an
 * SQLite file (GxStore); "postgresql://…", "postgres://…" or a libpq
 * conninfo ("host=… dbname=…") is a PostgreSQL database.  @read_only:
 * never take a write lock (list, export, print, check --db); writes
 * through it fail. */
GxBackend  *gx_backend_open             (const char  *location,
                                         gboolean     read_only,
                                         GError     **error);
/* Whether @location names a PostgreSQL database rather than a file. */
gboolean    gx_backend_location_is_postgres (const char *location);
/* Whether @location is a PostgreSQL location holding a password
 * ("postgresql://clerk:secret@db/ws", "password=secret …"): such a
 * location is refused, so that it is never kept (recent workspaces) or
 * shown. */
gboolean    gx_backend_location_has_password (const char *location);

/* The password of the PostgreSQL workspace at @location for this process
 * only: kept in memory (never written anywhere, never in a message), and
 * given to the server by every connection opened on that very @location
 * afterwards, from any thread (a worker's own gx_backend_open() too).  It
 * goes before ~/.pgpass and PGPASSWORD.  NULL forgets it (and wipes it). */
void        gx_backend_set_password     (const char  *location,
                                         const char  *password);
/* Whether a password was given for @location with gx_backend_set_password(). */
gboolean    gx_backend_has_password     (const char  *location);
/* A copy of that password (NULL when none), for the backend that
 * connects; free it with gx_backend_password_free(), which wipes it. */
char       *gx_backend_dup_password     (const char  *location);
void        gx_backend_password_free    (char        *password);

/* The content hash the workspace knows a file by: SHA-256 of the bytes, in
 * lower-case hex.  Importers compute it in their reader threads. */
char       *gx_backend_content_hash     (const void  *data,
                                         gsize        len);

/* The path or the connection string it was opened with. */
const char *gx_backend_get_location     (GxBackend   *self);
gboolean    gx_backend_is_read_only     (GxBackend   *self);
/* Changes when another connection commits a change; -1 on error. */
gint64      gx_backend_get_data_version (GxBackend   *self,
                                         GError     **error);

/* A new source (its callback a GSourceFunc) dispatched, on the main
 * context it is attached to, once for a burst of changes committed by
 * other connections (a moment after the first, so that a burst is one);
 * or NULL when this backend cannot be told (then poll
 * gx_backend_get_data_version()).  The connection is still this thread's
 * alone: attach it to this thread's context.  When the connection is lost
 * it dispatches a last time and is destroyed (g_source_is_destroyed()):
 * poll then. */
GSource    *gx_backend_create_watch     (GxBackend   *self);

/* Batches: every write between begin and commit is one transaction. */
gboolean    gx_backend_begin            (GxBackend   *self,
                                         GError     **error);
gboolean    gx_backend_commit           (GxBackend   *self,
                                         GError     **error);
void        gx_backend_rollback         (GxBackend   *self);
/* Inside a batch: a unit of several puts that goes in whole or not at all
 * (a JSON file of several reports). */
gboolean    gx_backend_savepoint        (GxBackend   *self,
                                         GError     **error);
gboolean    gx_backend_release_savepoint (GxBackend  *self,
                                          GError    **error);
void        gx_backend_rollback_to_savepoint (GxBackend *self);

/* Adds an imported report (see "Content hash" and "Issuer and year"
 * above); sets the id of @report on success. */
gboolean    gx_backend_put_report       (GxBackend       *self,
                                         GxReport        *report,
                                         const char      *content_hash,
                                         gboolean         replace,
                                         GxImportOutcome *outcome,
                                         GError         **error);
/* gx_backend_put_report() answered through @done, perhaps later (see
 * "Puts answered later"): @report is kept until answered.  FALSE and
 * @error when this or an earlier put failed. */
gboolean    gx_backend_queue_put        (GxBackend        *self,
                                         GxReport         *report,
                                         const char       *content_hash,
                                         gboolean          replace,
                                         GxBackendPutDone  done,
                                         gpointer          user_data,
                                         GError          **error);
/* Every answer due, given before it returns TRUE. */
gboolean    gx_backend_flush_puts       (GxBackend        *self,
                                         GError          **error);
/* The id of the report of this content hash, 0 when none, -1 on error. */
gint64      gx_backend_find_hash        (GxBackend   *self,
                                         const char  *content_hash,
                                         GError     **error);
/* Every content hash (a set of strings). */
GHashTable *gx_backend_dup_hashes       (GxBackend   *self,
                                         GError     **error);
/* Writes an edited report: the row of its id, or a new report when the id
 * is 0 (then sets it); refused with GX_BACKEND_ERROR_CHANGED when the
 * stored report is no longer at the revision of @report ("Revisions"). */
gboolean    gx_backend_save_report      (GxBackend   *self,
                                         GxReport    *report,
                                         GError     **error);
/* A report, checked (gx_check_report()). */
GxReport   *gx_backend_load_report      (GxBackend   *self,
                                         gint64       id,
                                         GError     **error);
/* A report with its cells, issuer, year, source and prose, unchecked. */
GxReport   *gx_backend_load_cells       (GxBackend   *self,
                                         gint64       id,
                                         GError     **error);
gboolean    gx_backend_remove_report    (GxBackend   *self,
                                         gint64       id,
                                         GError     **error);
/* Every report, checked, ordered by issuer then year. */
GPtrArray  *gx_backend_load_all         (GxBackend   *self,
                                         GError     **error);
/* For the list: reports with id, issuer, year, source, the cached counts
 * and only the cells applications.new_received.total,
 * applications.results_total.total, applications.carried_forward.total
 * and the total of each row of review_litigation. */
GPtrArray  *gx_backend_list_summaries   (GxBackend   *self,
                                         GError     **error);
/* Ids of the reports of @year (0: any) whose issuer contains
 * @issuer_contains (NULL: any), ordered by issuer then year. */
GArray     *gx_backend_find_ids         (GxBackend   *self,
                                         int          year,
                                         const char  *issuer_contains,
                                         GError     **error);
/* A new report (id 0) whose every cell is the sum of that cell over @ids;
 * a cell blank in every report stays blank.  Issuer and year are left for
 * the caller. */
GxReport   *gx_backend_rollup           (GxBackend    *self,
                                         const gint64 *ids,
                                         guint         n_ids,
                                         GError      **error);

/* Merges @alias into @canonical (NULL: undoes the merge of @alias). */
gboolean    gx_backend_set_issuer_alias (GxBackend   *self,
                                         const char  *alias,
                                         const char  *canonical,
                                         GError     **error);
/* The issuer key of @issuer; NULL for no issuer.  Never fails. */
char       *gx_backend_dup_issuer_key   (GxBackend   *self,
                                         const char  *issuer);
/* Every alias → canonical (both normalised). */
GHashTable *gx_backend_load_aliases     (GxBackend   *self,
                                         GError     **error);
/* GxBackendIssuer of every issuer, ordered by key. */
GPtrArray  *gx_backend_list_issuers     (GxBackend   *self,
                                         GError     **error);
/* The id of the report of @issuer (by key) for @year, 0 when none, -1 on
 * error; @except_id (0: none) is skipped. */
gint64      gx_backend_find_report      (GxBackend   *self,
                                         const char  *issuer,
                                         int          year,
                                         gint64       except_id,
                                         GError     **error);

/* Marks @parent_id as the roll-up of @child_ids (replacing its set;
 * n_children 0 clears it).  A report is not its own child. */
gboolean    gx_backend_set_children     (GxBackend    *self,
                                         gint64        parent_id,
                                         const gint64 *child_ids,
                                         guint         n_children,
                                         GError      **error);
/* The children of @parent_id, ascending; empty when none, NULL on error. */
GArray     *gx_backend_get_children     (GxBackend   *self,
                                         gint64       parent_id,
                                         GError     **error);
/* The roll-ups @child_id belongs to. */
GArray     *gx_backend_get_parents      (GxBackend   *self,
                                         gint64       child_id,
                                         GError     **error);

/* Records (or with GX_REVIEW_OPEN forgets) a decision on @finding of
 * @report and sets it on @finding; @state a GxReviewState. */
gboolean    gx_backend_set_review       (GxBackend   *self,
                                         GxReport    *report,
                                         GxFinding   *finding,
                                         int          state,
                                         const char  *note,
                                         GError     **error);
/* Sets the recorded decisions on the findings of @report (every other
 * finding open). */
gboolean    gx_backend_apply_reviews    (GxBackend   *self,
                                         GxReport    *report,
                                         GError     **error);
/* Whether any decision is recorded (then every blank-cell note is built:
 * a decision may concern one). */
gboolean    gx_backend_has_reviews      (GxBackend   *self);

/* Carryover and stock against the same issuer's report of the year before
 * and hierarchy over the report's children, in terms of the operations
 * above (so the same for every backend).  Adds the findings to @report and
 * returns them (transfer: container). */
GPtrArray  *gx_backend_check_across     (GxBackend   *self,
                                         GxReport    *report,
                                         GError     **error);

void        gx_backend_issuer_free      (gpointer     issuer);

G_END_DECLS
