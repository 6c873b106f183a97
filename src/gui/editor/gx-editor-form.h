/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-editor-form.h: the editable form of one report, laid out like the
 * official tables
 *
 * Issuer and year, then sections 二, 三 and 四 as grids of entries built
 * from the template (gx-schema.c).  Every change goes through the form:
 * it is validated, recorded in the undo history, written to the report and
 * checked again (gx_check_report) so that the cells of each finding are
 * highlighted at once.
 */
#pragma once

#include <gtk/gtk.h>

#include "gx-edit-history.h"
#include "gx-report.h"
#include "gx-schema.h"
#include "gx-workspace.h"

G_BEGIN_DECLS

#define GX_TYPE_EDITOR_FORM (gx_editor_form_get_type ())
G_DECLARE_FINAL_TYPE (GxEditorForm, gx_editor_form, GX, EDITOR_FORM, GtkWidget)

GtkWidget     *gx_editor_form_new              (void);

/* Edits @report in place (the editor passes its own copy); clears the
 * history and the "computed" marks. */
void           gx_editor_form_set_report       (GxEditorForm *self,
                                                GxReport     *report);
GxReport      *gx_editor_form_get_report       (GxEditorForm *self);
/* Where the review decisions of the report are (they hide dismissed
 * findings), or NULL. */
void           gx_editor_form_set_store        (GxEditorForm *self,
                                                GxWorkspace      *store);
void           gx_editor_form_recheck          (GxEditorForm *self);
GxEditHistory *gx_editor_form_get_history      (GxEditorForm *self);

GtkWidget     *gx_editor_form_get_cell_entry   (GxEditorForm *self,
                                                guint         cell);
GtkWidget     *gx_editor_form_get_issuer_entry (GxEditorForm *self);
/* The grid of a section, and its first entry (what lies above it is the
 * header). */
GtkWidget     *gx_editor_form_get_table        (GxEditorForm *self,
                                                GxSection     section,
                                                GtkWidget   **first_body);
GtkWidget     *gx_editor_form_get_year_entry   (GxEditorForm *self);

/* The cell with the keyboard focus, or the last one that had it; -1. */
int            gx_editor_form_get_focus_cell   (GxEditorForm *self);
void           gx_editor_form_focus_cell       (GxEditorForm *self,
                                                guint         cell);
/* The focus back where it was in the form (the last cell, or the issuer
 * of a report with no cell visited yet), its text selected. */
void           gx_editor_form_refocus          (GxEditorForm *self);
/* Spreadsheet movement from the focused cell: @rows down, @columns across
 * (Tab wraps to the next row).  FALSE at an edge. */
gboolean       gx_editor_form_move             (GxEditorForm *self,
                                                int           rows,
                                                int           columns);

/* Validates @text as the value of @cell and records it as one step. */
gboolean       gx_editor_form_set_cell_text    (GxEditorForm *self,
                                                guint         cell,
                                                const char   *text,
                                                GError      **error);
void           gx_editor_form_blank_cell       (GxEditorForm *self,
                                                guint         cell);
/* Values separated by tabs or spaces (lines: the rows below), from @cell
 * to the right, as one step.  Refuses the whole paste if one value is not
 * valid.  Returns the number of cells written, -1 when refused. */
int            gx_editor_form_paste_text       (GxEditorForm *self,
                                                guint         cell,
                                                const char   *text,
                                                GError      **error);
/* Reads the clipboard and pastes it at the focused cell. */
void           gx_editor_form_paste_clipboard  (GxEditorForm *self);

/* Fills the 总计 column, the （七）总计 row and the totals of section 四
 * (and 结转下年度 from the balance when @carry_forward) as one step.  Only
 * blank cells and cells filled before by this function are written, unless
 * @overwrite_typed.  Returns the number of cells written; @n_kept: totals
 * typed by the user that differ from the sum and were kept. */
guint          gx_editor_form_fill_totals      (GxEditorForm *self,
                                                gboolean      carry_forward,
                                                gboolean      overwrite_typed,
                                                guint        *n_kept);
/* Makes the issuer, the year and every cell of the form those of @other
 * (the report as stored, reloaded) as one step, which Undo takes back;
 * what is being typed is dropped, and no cell is computed afterwards.
 * Returns the number of fields changed. */
guint          gx_editor_form_take_values      (GxEditorForm *self,
                                                GxReport     *other);
gboolean       gx_editor_form_is_computed      (GxEditorForm *self,
                                                guint         cell);
void           gx_editor_form_set_computed     (GxEditorForm *self,
                                                guint         cell,
                                                gboolean      computed);

/* Commits the edit in progress, as leaving its cell does (a refused text
 * gives way to the value kept, with ::refused). */
void           gx_editor_form_flush_input      (GxEditorForm *self);

gboolean       gx_editor_form_undo             (GxEditorForm *self);
gboolean       gx_editor_form_redo             (GxEditorForm *self);

/* "自然人 · 一、本年新收政府信息公开申请数量" */
char          *gx_editor_form_dup_cell_name    (guint         cell);

G_END_DECLS
