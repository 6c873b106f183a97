/* gx-draft.h: the draft of an editing session, kept on disk while editing
 *
 * $XDG_STATE_HOME/gxreports/drafts/<workspace hash>-<report>.json holds the
 * report being edited (the JSON interchange format) and the cells filled by
 * Fill totals.  It is written atomically a moment after every change and
 * removed when the report is saved or the changes are discarded: a draft
 * that is still there at the next start is the work of a session that
 * ended without either (a crash), and is offered for restoration.
 */
#pragma once

#include <glib-object.h>

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_TYPE_DRAFT (gx_draft_get_type ())
G_DECLARE_FINAL_TYPE (GxDraft, gx_draft, GX, DRAFT, GObject)

/* $XDG_STATE_HOME/gxreports/drafts */
char        *gx_draft_dir            (void);

/* A new draft for editing report @report_id (0: a new report). */
GxDraft     *gx_draft_new            (const char     *workspace,
                                      gint64          report_id);
const char  *gx_draft_get_path       (GxDraft        *self);
const char  *gx_draft_get_workspace  (GxDraft        *self);
gint64       gx_draft_get_report_id  (GxDraft        *self);
/* the report takes an id (saved as new): the next write goes to its name */
void         gx_draft_set_report_id  (GxDraft        *self,
                                      gint64          report_id);
/* of a draft read back by gx_draft_list(): the report (with the revision
 * it was loaded at, 0 when unknown) and the cells that Fill totals wrote
 * (GArray of guint) */
GxReport    *gx_draft_get_report     (GxDraft        *self);
GArray      *gx_draft_get_computed   (GxDraft        *self);
GDateTime   *gx_draft_get_written    (GxDraft        *self);

gboolean     gx_draft_write          (GxDraft        *self,
                                      GxReport       *report,
                                      const gboolean *computed,
                                      GError        **error);
void         gx_draft_remove         (GxDraft        *self);

/* The drafts of @workspace left by sessions that are over, oldest first
 * (GPtrArray of GxDraft).  Unreadable drafts are skipped. */
GPtrArray   *gx_draft_list           (const char     *workspace);

G_END_DECLS
