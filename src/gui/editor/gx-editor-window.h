/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-editor-window.h: the form editor, one window a report
 *
 * Opens a report of a workspace (or a new one) in a GxEditorForm, checks it
 * live, saves it with gx_workspace_save_report() in one transaction and keeps a
 * draft on disk while there are unsaved changes (see gx-draft.h).
 */
#pragma once

#include <gtk/gtk.h>

#include "gx-draft.h"
#include "gx-editor-form.h"
#include "gx-report.h"
#include "gx-workspace.h"

G_BEGIN_DECLS

/* The answers to the question a save puts when someone else saved the
 * report since it was opened (GX_BACKEND_ERROR_CHANGED), as its buttons
 * come. */
typedef enum {
  GX_EDITOR_CONFLICT_RELOAD,     /* show the report as stored (your changes stay in Undo) */
  GX_EDITOR_CONFLICT_CANCEL,     /* leave it unsaved */
  GX_EDITOR_CONFLICT_OVERWRITE,  /* save yours in place of theirs */
} GxEditorConflictAnswer;

#define GX_TYPE_EDITOR_WINDOW (gx_editor_window_get_type ())
G_DECLARE_FINAL_TYPE (GxEditorWindow, gx_editor_window, GX, EDITOR_WINDOW, GtkApplicationWindow)

/* Opens report @report_id of the workspace at @workspace_path for editing,
 * or a new report when @report_id is 0.  NULL with @error when the
 * workspace cannot be opened or has no such report.  @application may be
 * NULL (tests).  The window is not shown: present it. */
GxEditorWindow *gx_editor_window_new            (GtkApplication *application,
                                                 const char     *workspace_path,
                                                 gint64          report_id,
                                                 GError        **error);
/* The same on @store, the caller's connection (the main window's): what
 * the editor saves or decides shows in @store's list at once. */
GxEditorWindow *gx_editor_window_new_for_workspace (GtkApplication *application,
                                                    GxWorkspace    *store,
                                                    gint64          report_id,
                                                    GError        **error);
/* Opens the editing session a draft holds (unsaved, its draft kept). */
GxEditorWindow *gx_editor_window_new_from_draft (GtkApplication *application,
                                                 GxDraft        *draft,
                                                 GError        **error);

GxEditorForm   *gx_editor_window_get_form       (GxEditorWindow *self);
/* the report being edited (the editor's own copy) */
GxReport       *gx_editor_window_get_report     (GxEditorWindow *self);
gint64          gx_editor_window_get_report_id  (GxEditorWindow *self);
gboolean        gx_editor_window_get_modified   (GxEditorWindow *self);

/* Writes the report to the workspace (one transaction), even with errors;
 * removes the draft.  Emits ::saved.  Fails with GX_BACKEND_ERROR_CHANGED
 * when someone else saved the report since it was opened (or reloaded):
 * then Save (the action, Ctrl+S, and the Save of the close question) asks
 * whether to reload or overwrite. */
gboolean        gx_editor_window_save           (GxEditorWindow *self,
                                                 GError        **error);
/* Shows the report as it is stored now: its values become one step of the
 * history (Undo brings the edits back), the report is unmodified at the
 * stored revision, the draft removed.  What Reload of that question does. */
gboolean        gx_editor_window_reload         (GxEditorWindow *self,
                                                 GError        **error);
/* Whether that question is asked, and its answer (tests). */
gboolean        gx_editor_window_is_asking_conflict (GxEditorWindow        *self);
void            gx_editor_window_answer_conflict    (GxEditorWindow        *self,
                                                     GxEditorConflictAnswer answer);
/* Fill totals as the toolbar does it: shows the notice when typed totals
 * were kept.  Returns the number of cells written. */
guint           gx_editor_window_fill_totals    (GxEditorWindow *self,
                                                 gboolean        carry_forward,
                                                 gboolean        overwrite_typed);
/* Export as Word: the report as it stands in the editor, saved
 * or not, as a .docx (gx-docx-writer.h). */
gboolean        gx_editor_window_export_docx    (GxEditorWindow *self,
                                                 GFile          *file,
                                                 GError        **error);
/* Writes the draft now (it is otherwise written a moment after a change). */
gboolean        gx_editor_window_write_draft    (GxEditorWindow *self,
                                                 GError        **error);
const char     *gx_editor_window_get_draft_path (GxEditorWindow *self);

/* The message bar (refused input, notices), the status line (counts of
 * errors and warnings), and the "unsaved changes" question that closing
 * with unsaved changes puts (NULL when none is open). */
const char     *gx_editor_window_get_message    (GxEditorWindow *self);
const char     *gx_editor_window_get_status     (GxEditorWindow *self);

/* Records a decision on @finding (a finding of the edited report, which
 * must be in the workspace) and checks again: a dismissed finding is no
 * longer marked nor counted.  The Findings popover does this. */
gboolean        gx_editor_window_review_finding (GxEditorWindow *self,
                                                 GxFinding      *finding,
                                                 int             state,
                                                 const char     *note,
                                                 GError        **error);
/* The GxFrozenHeader over the form (gx-frozen-header.h). */
GtkWidget      *gx_editor_window_get_frozen_header (GxEditorWindow *self);
/* Opens the Findings popover (what its button does) and returns the box
 * that lists them. */
GtkWidget      *gx_editor_window_show_findings    (GxEditorWindow *self);
/* The GtkMessageDialog asking (GTK 4.8), else NULL. */
GtkWidget      *gx_editor_window_get_close_dialog (GxEditorWindow *self);
/* Whether the "save the changes?" question is asked, and its answer as
 * the dialog's buttons give it (GTK_RESPONSE_ACCEPT save, _REJECT close
 * without saving, _CANCEL), whichever dialog GTK has. */
gboolean        gx_editor_window_is_asking_to_close (GxEditorWindow *self);
void            gx_editor_window_answer_close     (GxEditorWindow *self,
                                                   int             response);

/* Called by the main window once a workspace is open: when editing
 * sessions of @workspace_path ended without saving or discarding (a crash),
 * asks whether to restore them and opens an editor for each one restored.
 * Returns the question, already shown, modal to @parent (a
 * GtkMessageDialog on GTK 4.8, a GtkAlertDialog on GTK ≥ 4.10), or NULL
 * when there is no draft. */
GObject        *gx_editor_restore_drafts        (GtkWindow      *parent,
                                                 const char     *workspace_path);
/* The same for @store's workspace: the editors restored save through
 * @store (the main window's), so its list follows them. */
GObject        *gx_editor_restore_drafts_for_workspace (GtkWindow   *parent,
                                                        GxWorkspace *store);
/* Answers that question as its buttons do: GTK_RESPONSE_ACCEPT restore,
 * GTK_RESPONSE_REJECT discard, GTK_RESPONSE_CANCEL later. */
void            gx_editor_answer_restore        (GObject        *question,
                                                 int             response);

G_END_DECLS
