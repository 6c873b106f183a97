/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-editor-window.c: the form editor, one window a report
 *
 * The window owns the editing session: its copy of the report, the
 * connection to the workspace, the draft and the questions (unsaved
 * changes, typed totals).  The form does the editing.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-dialogs.h"
#include "gx-docx-writer.h"
#include "gx-editor-window.h"
#include "gx-frozen-header.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-schema.h"
#include "gx-workspace.h"

/* a change reaches the draft at most this long after it was made */
#define DRAFT_DELAY_MS 700

/* GtkAlertDialog (GTK 4.10) when the GTK built against has it and the
 * version pins allow it; GtkMessageDialog (deprecated in 4.10) otherwise */
#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= G_ENCODE_VERSION (4, 10)
#define GX_USE_ALERT_DIALOG 1
#endif

struct _GxEditorWindow
{
  GtkApplicationWindow parent_instance;

  /* template */
  GxEditorForm *form;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GtkImage *message_icon;
  GtkWidget *overwrite_button;
  GtkImage *status_icon;
  GtkLabel *status_label;
  GtkLabel *saved_label;
  GtkWidget *findings_box;
  GtkMenuButton *findings_button;
  GtkOverlay *overlay;
  GtkScrolledWindow *scroller;
  GtkWidget *frozen_header;

  char *workspace;
  GxWorkspace *store;
  GxReport *report;
  gboolean modified;
  gboolean last_carry_forward;

  GxDraft *draft;
  guint draft_source;

  /* the "save the changes?" question while it is asked */
  GtkWidget *close_dialog;      /* GtkMessageDialog (GTK 4.8) */
  GCancellable *close_cancellable;   /* GtkAlertDialog (GTK ≥ 4.10) */
  gboolean close_asking;
  gboolean close_confirmed;

  /* "changed by someone else" while it is asked (gx_dialogs_ask()) */
  GObject *conflict_question;
  gboolean conflict_then_close;   /* asked by the Save of the close question */
};

enum {
  SAVED,
  DRAFT_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxEditorWindow, gx_editor_window, GTK_TYPE_APPLICATION_WINDOW)

/* Helpers ------------------------------------------------------------------- */

static void
ensure_style (void)
{
  static GdkDisplay *styled;
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || display == styled)
    return;
  styled = display;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/GxReports/editor/editor.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
update_title (GxEditorWindow *self)
{
  g_autofree char *title = NULL;
  const char *issuer = gx_report_get_issuer (self->report);
  int year = gx_report_get_year (self->report);

  if (gx_report_get_id (self->report) == 0 && (issuer == NULL || *issuer == '\0'))
    title = g_strdup (_("New Report"));
  else
    /* Translators: window title of the editor: issuer and year */
    title = g_strdup_printf (_("%s %d — Edit Report"), issuer ? issuer : "", year);
  if (self->modified)
    {
      char *marked = g_strconcat ("• ", title, NULL);

      g_free (title);
      title = marked;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_status (GxEditorWindow *self)
{
  GPtrArray *findings = gx_report_get_findings (self->report);
  guint n_errors = 0, n_warnings = 0, n_dismissed = 0;
  g_autofree char *text = NULL;

  /* what is left to look at: dismissed findings are counted apart */
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (gx_finding_get_severity (f) == GX_SEVERITY_NOTE)
        continue;
      if (gx_finding_get_review (f) == GX_REVIEW_DISMISSED)
        n_dismissed++;
      else if (gx_finding_get_severity (f) == GX_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
    }
  GtkWidget *icon = GTK_WIDGET (self->status_icon);
  GtkWidget *label = GTK_WIDGET (self->status_label);

  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  if (n_errors == 0 && n_warnings == 0)
    {
      text = g_strdup (_("The tables tie out"));
      gtk_image_set_from_icon_name (self->status_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
    }
  else
    {
      const char *style = n_errors > 0 ? "error" : "warning";

      text = g_strdup_printf (_("Errors: %u · Warnings: %u"), n_errors, n_warnings);
      gtk_image_set_from_icon_name (self->status_icon, n_errors > 0 ? "dialog-error-symbolic"
                                                                  : "dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, style);
      gtk_widget_add_css_class (label, style);
    }
  if (n_dismissed > 0)
    {
      g_autofree char *with = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u dismissed)",
                                                            "%s (%u dismissed)", n_dismissed),
                                               text, n_dismissed);

      g_free (text);
      text = g_steal_pointer (&with);
    }
  gtk_label_set_text (self->status_label, text);
  gtk_label_set_text (self->saved_label, self->modified ? _("Unsaved changes") : "");
}

/* Reviews -------------------------------------------------------------------- */

static void show_message (GxEditorWindow *self,
                          const char     *message,
                          gboolean        error,
                          gboolean        offer_overwrite);

static void
review_button_clicked_cb (GtkButton *button,
                          gpointer   user_data)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (user_data);
  GxFinding *finding = g_object_get_data (G_OBJECT (button), "gx-finding");
  GtkEditable *note = g_object_get_data (G_OBJECT (button), "gx-note");
  GxReviewState state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "gx-state"));
  g_autoptr(GError) error = NULL;

  if (!gx_editor_window_review_finding (self, finding, state, gtk_editable_get_text (note), &error))
    show_message (self, error->message, TRUE, FALSE);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
}

/* a finding's message: takes the focus to its first cell */
static void
finding_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (user_data);
  GxFinding *finding = g_object_get_data (G_OBJECT (button), "gx-finding");
  guint n_cells;
  const guint *cells = gx_finding_get_cells (finding, &n_cells);

  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER)));
  for (guint i = 0; i < n_cells; i++)
    if (cells[i] < gx_schema_n_cells () && gx_editor_form_get_cell_entry (self->form, cells[i]) != NULL)
      {
        gx_editor_form_focus_cell (self->form, cells[i]);
        return;
      }
}

/* The popover lists the errors and warnings: each one takes you to its
 * cell, and, once the report is in the workspace, can be confirmed or
 * dismissed with a note (reopened once decided).  Built when shown:
 * findings change with every edit; as tall as the window allows. */
static void
findings_popover_show_cb (GtkPopover     *popover,
                          GxEditorWindow *self)
{
  GPtrArray *findings = gx_report_get_findings (self->report);
  GtkWidget *scroller = gtk_popover_get_child (popover);
  gboolean saved = gx_report_get_id (self->report) > 0;
  int window_height = gtk_widget_get_height (GTK_WIDGET (self));
  int window_width = gtk_widget_get_width (GTK_WIDGET (self));
  GtkWidget *child;
  guint n = 0;

  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              MAX (160, window_height - 140));
  gtk_widget_set_size_request (self->findings_box, CLAMP (window_width - 80, 280, 460), -1);

  while ((child = gtk_widget_get_first_child (self->findings_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->findings_box), child);

  if (!saved)
    {
      GtkWidget *label = gtk_label_new (_("Save the report to confirm or dismiss its findings."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->findings_box), label);
    }

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (findings, i);
      static const struct { const char *label; GxReviewState state; } actions[] = {
        { N_("_Confirm"), GX_REVIEW_CONFIRMED },
        { N_("_Dismiss"), GX_REVIEW_DISMISSED },
        { N_("_Reopen"), GX_REVIEW_OPEN },
      };
      GxReviewState review = gx_finding_get_review (finding);
      GtkWidget *row, *message, *label, *note, *buttons;
      const char *state_text;

      if (gx_finding_get_severity (finding) == GX_SEVERITY_NOTE)
        continue;
      n++;
      row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_add_css_class (row, "finding-row");

      label = gtk_label_new (gx_finding_get_message (finding));
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      message = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (message), label);
      gtk_widget_add_css_class (message, "flat");
      gtk_widget_set_tooltip_text (message, _("Go to the cell"));
      g_object_set_data_full (G_OBJECT (message), "gx-finding", g_object_ref (finding), g_object_unref);
      g_signal_connect (message, "clicked", G_CALLBACK (finding_clicked_cb), self);
      gtk_box_append (GTK_BOX (row), message);

      if (saved)
        {
          switch (review)
            {
            case GX_REVIEW_CONFIRMED:
              state_text = _("Confirmed");
              break;
            case GX_REVIEW_DISMISSED:
              state_text = _("Dismissed");
              break;
            case GX_REVIEW_OPEN:
            default:
              state_text = _("Not reviewed");
            }
          gtk_box_append (GTK_BOX (row), gtk_label_new (state_text));
          gtk_widget_set_halign (gtk_widget_get_last_child (row), GTK_ALIGN_START);
          gtk_widget_add_css_class (gtk_widget_get_last_child (row), "dim-label");

          note = gtk_entry_new ();
          gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note (why)"));
          if (gx_finding_get_review_note (finding) != NULL)
            gtk_editable_set_text (GTK_EDITABLE (note), gx_finding_get_review_note (finding));
          gtk_box_append (GTK_BOX (row), note);

          /* the decisions that change something: Reopen once decided */
          buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
          gtk_widget_set_halign (buttons, GTK_ALIGN_END);
          for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
            {
              GtkWidget *button;

              if (actions[a].state == review)
                continue;
              button = gtk_button_new_with_mnemonic (_(actions[a].label));
              g_object_set_data_full (G_OBJECT (button), "gx-finding", g_object_ref (finding), g_object_unref);
              g_object_set_data (G_OBJECT (button), "gx-note", note);
              g_object_set_data (G_OBJECT (button), "gx-state", GINT_TO_POINTER (actions[a].state));
              g_signal_connect (button, "clicked", G_CALLBACK (review_button_clicked_cb), self);
              gtk_box_append (GTK_BOX (buttons), button);
            }
          gtk_box_append (GTK_BOX (row), buttons);
        }
      gtk_box_append (GTK_BOX (self->findings_box), row);
    }

  if (n == 0)
    {
      if (!saved)
        while ((child = gtk_widget_get_first_child (self->findings_box)) != NULL)
          gtk_box_remove (GTK_BOX (self->findings_box), child);
      gtk_box_append (GTK_BOX (self->findings_box), gtk_label_new (_("The tables tie out")));
    }
}

static void
show_message (GxEditorWindow *self,
              const char     *message,
              gboolean        error,
              gboolean        offer_overwrite)
{
  GtkWidget *bar = gtk_revealer_get_child (self->message_revealer);

  gtk_label_set_text (self->message_label, message);
  /* the line is ellipsized when the message is long */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->message_label), message);
  gtk_image_set_from_icon_name (self->message_icon,
                                error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  if (error)
    gtk_widget_add_css_class (bar, "error");
  else
    gtk_widget_remove_css_class (bar, "error");
  gtk_widget_set_visible (self->overwrite_button, offer_overwrite);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
}

static void
hide_message (GxEditorWindow *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_label_set_text (self->message_label, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->message_label), NULL);
  gtk_widget_set_visible (self->overwrite_button, FALSE);
}

static void
update_actions (GxEditorWindow *self)
{
  GxEditHistory *history = gx_editor_form_get_history (self->form);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", gx_edit_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.redo", gx_edit_history_can_redo (history));
}

static void
set_modified (GxEditorWindow *self,
              gboolean        modified)
{
  self->modified = modified;
  update_title (self);
  update_status (self);
}

static gboolean
write_draft_cb (gpointer user_data)
{
  GxEditorWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->draft_source = 0;
  if (self->modified && !gx_editor_window_write_draft (self, &error))
    g_warning ("Could not keep the draft: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
schedule_draft (GxEditorWindow *self)
{
  /* not pushed back by later changes: no change waits longer than this */
  if (self->draft_source == 0)
    self->draft_source = g_timeout_add (DRAFT_DELAY_MS, write_draft_cb, self);
}

static void
cancel_draft (GxEditorWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
}

static void
set_report (GxEditorWindow *self,
            GxReport       *report)
{
  g_set_object (&self->report, report);
  gx_editor_form_set_report (self->form, report);
  update_actions (self);
  set_modified (self, FALSE);
}

static void
set_store (GxEditorWindow *self,
           GxWorkspace    *store)
{
  self->workspace = g_strdup (gx_workspace_get_location (store));
  self->store = g_object_ref (store);
  gx_editor_form_set_store (self->form, self->store);
}

static gboolean
open_store (GxEditorWindow  *self,
            const char      *workspace,
            GError         **error)
{
  g_autoptr(GxWorkspace) store = gx_workspace_open (workspace, FALSE, error);

  if (store != NULL)
    set_store (self, store);
  return store != NULL;
}

/* A save was refused because someone else saved the report meanwhile ------ */

static void ask_conflict (GxEditorWindow *self,
                          gboolean        then_close);

/* Says why a save failed; a report changed by someone else meanwhile is a
 * question (reload or overwrite) rather than an error. */
static void
save_failed (GxEditorWindow *self,
             const GError   *error,
             gboolean        then_close)
{
  if (g_error_matches (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_CHANGED))
    ask_conflict (self, then_close);
  else
    show_message (self, error->message, TRUE, FALSE);
}

/* Saves over what someone else saved, as the user chose. */
static void
overwrite (GxEditorWindow *self,
           gboolean        then_close)
{
  g_autoptr(GError) error = NULL;
  gint64 loaded_at = gx_report_get_revision (self->report);

  gx_report_set_revision (self->report, 0);
  if (!gx_editor_window_save (self, &error))
    {
      /* not saved after all: the next save must not overwrite unasked */
      if (gx_report_get_revision (self->report) == 0)
        gx_report_set_revision (self->report, loaded_at);
      save_failed (self, error, then_close);
      return;
    }
  if (then_close)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
conflict_answered_cb (GtkWindow *parent,
                      guint      answer,
                      gpointer   user_data)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (user_data);
  gboolean then_close = self->conflict_then_close;
  g_autoptr(GError) error = NULL;

  if (self->conflict_question == NULL)
    return;   /* the window went away meanwhile */
  self->conflict_question = NULL;
  self->conflict_then_close = FALSE;
  switch (answer)
    {
    case GX_EDITOR_CONFLICT_RELOAD:
      if (!gx_editor_window_reload (self, &error))
        show_message (self, error->message, TRUE, FALSE);
      break;
    case GX_EDITOR_CONFLICT_OVERWRITE:
      overwrite (self, then_close);
      break;
    case GX_EDITOR_CONFLICT_CANCEL:
    default:
      show_message (self, _("Not saved: someone else changed this report since you opened it. Save again to reload it or overwrite their changes."),
                    FALSE, FALSE);
      gx_editor_form_refocus (self->form);
      break;
    }
}

static void
ask_conflict (GxEditorWindow *self,
              gboolean        then_close)
{
  const char *labels[] = { _("_Reload"), _("_Cancel"), _("_Overwrite"), NULL };

  G_STATIC_ASSERT (GX_EDITOR_CONFLICT_RELOAD == 0 && GX_EDITOR_CONFLICT_CANCEL == 1 &&
                   GX_EDITOR_CONFLICT_OVERWRITE == 2);
  self->conflict_then_close = then_close;
  if (self->conflict_question != NULL)
    return;
  /* the workspace's list shows what is stored now (the main window's
   * list, when the editor is on its workspace) */
  gx_workspace_reload (self->store, NULL);
  self->conflict_question =
    gx_dialogs_ask (GTK_WINDOW (self), _("This report was changed by someone else since you opened it"),
                    _("Reload shows the report as it is stored now, without your changes (Undo brings them back). Overwrite saves your version in place of theirs."),
                    labels, GX_EDITOR_CONFLICT_CANCEL, GX_EDITOR_CONFLICT_CANCEL,
                    conflict_answered_cb, g_object_ref (self), g_object_unref);
}

/* Callbacks ----------------------------------------------------------------- */

static void
form_changed_cb (GxEditorForm   *form,
                 GxEditorWindow *self)
{
  hide_message (self);
  update_actions (self);
  set_modified (self, TRUE);
  schedule_draft (self);
}

static void
form_refused_cb (GxEditorForm   *form,
                 const char     *message,
                 GxEditorWindow *self)
{
  show_message (self, message, TRUE, FALSE);
}

/* The answer to "save the changes?".  The window may go away in here
 * (closed): it is kept alive to the end of the function, and the question,
 * whatever it is, is gone before anything else happens. */
static void
close_answered (GxEditorWindow *self,
                int             response)
{
  g_autoptr(GxEditorWindow) alive = g_object_ref (self);
  g_autoptr(GError) error = NULL;

  self->close_asking = FALSE;
  switch (response)
    {
    case GTK_RESPONSE_ACCEPT:
      if (!gx_editor_window_save (self, &error))
        {
          /* changed by someone else: closes once overwritten */
          save_failed (self, error, TRUE);
          return;
        }
      break;
    case GTK_RESPONSE_REJECT:
      cancel_draft (self);
      gx_draft_remove (self->draft);
      break;
    default:
      gx_editor_form_refocus (self->form);
      return;
    }
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

#ifdef GX_USE_ALERT_DIALOG
static void
close_chosen_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GxEditorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  int button = gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (source), result, &error);
  static const int responses[] = { GTK_RESPONSE_REJECT, GTK_RESPONSE_CANCEL, GTK_RESPONSE_ACCEPT };

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->close_asking)
    return;   /* answered otherwise (gx_editor_window_answer_close) or window gone */
  g_clear_object (&self->close_cancellable);
  close_answered (self, button >= 0 && button < (int) G_N_ELEMENTS (responses)
                        ? responses[button] : GTK_RESPONSE_CANCEL);
}
#else
static void
close_response_cb (GtkDialog *dialog,
                   int        response,
                   gpointer   user_data)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (user_data);

  /* The dialog goes first.  It is finalized only once its ::response is
   * over, when this window may be gone (saved and closed): it must not
   * know this window by then, or it disconnects from a finalized object
   * ("instance with invalid (NULL) class pointer"). */
  g_signal_handlers_disconnect_by_func (dialog, close_response_cb, self);
  self->close_dialog = NULL;
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_answered (self, response);
}
#endif

static void
ask_before_closing (GxEditorWindow *self)
{
  const char *question = _("Save the changes to this report?");
  const char *detail = _("If you close without saving, the changes are lost.");

  if (self->close_asking)
    {
      if (self->close_dialog != NULL)
        gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }
  self->close_asking = TRUE;
#ifdef GX_USE_ALERT_DIALOG
  {
    g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", question);
    const char *buttons[] = { _("Close _Without Saving"), _("_Cancel"), _("_Save"), NULL };

    gtk_alert_dialog_set_detail (dialog, detail);
    gtk_alert_dialog_set_buttons (dialog, buttons);
    gtk_alert_dialog_set_cancel_button (dialog, 1);
    gtk_alert_dialog_set_default_button (dialog, 2);
    self->close_cancellable = g_cancellable_new ();
    gtk_alert_dialog_choose (dialog, GTK_WINDOW (self), self->close_cancellable,
                             close_chosen_cb, g_object_ref (self));
  }
#else
  {
    GtkWidget *dialog;
    GtkWidget *button;

    dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
    button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("Close _Without Saving"),
                                    GTK_RESPONSE_REJECT);
    gtk_widget_add_css_class (button, "destructive-action");
    gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
    button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Save"), GTK_RESPONSE_ACCEPT);
    gtk_widget_add_css_class (button, "suggested-action");
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
    g_signal_connect (dialog, "response", G_CALLBACK (close_response_cb), self);
    self->close_dialog = dialog;
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

static gboolean
gx_editor_window_close_request (GtkWindow *window)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (window);

  /* what is being typed counts (a refused text does not) */
  gx_editor_form_flush_input (self->form);
  if (self->modified && !self->close_confirmed)
    {
      ask_before_closing (self);
      return TRUE;
    }

  cancel_draft (self);
  if (self->modified)
    gx_draft_remove (self->draft);
  return GTK_WINDOW_CLASS (gx_editor_window_parent_class)->close_request (window);
}

/* Actions ---------------------------------------------------------------------- */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!gx_editor_window_save (self, &error))
    save_failed (self, error, FALSE);
}

/* Export as Word: the report as it stands in the editor, saved or not */
static void
export_docx_chosen_cb (GtkWindow *parent,
                       GFile     *file,
                       gpointer   user_data)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (parent);
  g_autoptr(GError) error = NULL;

  if (!gx_editor_window_export_docx (self, file, &error))
    show_message (self, error->message, TRUE, FALSE);
}

static void
export_docx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (widget);
  g_autofree char *title = gx_docx_title (self->report);
  g_autofree char *name = g_strconcat (title, ".docx", NULL);

  gx_dialogs_save_file (GTK_WINDOW (self), _("Export as Word Document"), _("_Export"), NULL, name,
                        export_docx_chosen_cb, NULL);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gx_editor_form_undo (GX_EDITOR_WINDOW (widget)->form);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gx_editor_form_redo (GX_EDITOR_WINDOW (widget)->form);
}

static void
fill_totals_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (widget);

  if (g_str_equal (action_name, "editor.fill-totals-overwrite"))
    gx_editor_window_fill_totals (self, self->last_carry_forward, TRUE);
  else
    gx_editor_window_fill_totals (self, g_str_equal (action_name, "editor.fill-totals-carry"), FALSE);
  /* from a button of the toolbar or of the message: back to the cell */
  gx_editor_form_refocus (self->form);
}

static void
dismiss_message_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  hide_message (GX_EDITOR_WINDOW (widget));
}

/* GObject ---------------------------------------------------------------------- */

static void
gx_editor_window_dispose (GObject *object)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (object);

  cancel_draft (self);
  /* the form says nothing more to a window going away */
  if (self->form != NULL)
    g_signal_handlers_disconnect_by_data (self->form, self);
  /* an open popover would keep its grab of the pointer */
  if (self->findings_button != NULL)
    gtk_menu_button_popdown (self->findings_button);
  self->close_asking = FALSE;
  if (self->close_dialog != NULL)
    {
      GtkWidget *dialog = g_steal_pointer (&self->close_dialog);

      g_signal_handlers_disconnect_matched (dialog, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (self->close_cancellable != NULL)
    {
      g_cancellable_cancel (self->close_cancellable);
      g_clear_object (&self->close_cancellable);
    }
  /* the question goes unanswered: its answer finds no question */
  if (self->conflict_question != NULL)
    gx_dialogs_answer (g_steal_pointer (&self->conflict_question), GX_EDITOR_CONFLICT_CANCEL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_EDITOR_WINDOW);
  g_clear_object (&self->report);
  g_clear_object (&self->store);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (gx_editor_window_parent_class)->dispose (object);
}

static void
gx_editor_window_finalize (GObject *object)
{
  GxEditorWindow *self = GX_EDITOR_WINDOW (object);

  g_free (self->workspace);

  G_OBJECT_CLASS (gx_editor_window_parent_class)->finalize (object);
}

static void
gx_editor_window_class_init (GxEditorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gx_editor_window_dispose;
  object_class->finalize = gx_editor_window_finalize;
  window_class->close_request = gx_editor_window_close_request;

  /* the report was written to the workspace: its id */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* the draft on disk is up to date */
  signals[DRAFT_WRITTEN] = g_signal_new ("draft-written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GX_TYPE_EDITOR_FORM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/GxReports/editor/gx-editor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, form);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, message_icon);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, overwrite_button);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, saved_label);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, findings_box);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, findings_button);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, overlay);
  gtk_widget_class_bind_template_child (widget_class, GxEditorWindow, scroller);
  gtk_widget_class_bind_template_callback (widget_class, findings_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_refused_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "editor.fill-totals", NULL, fill_totals_action);
  gtk_widget_class_install_action (widget_class, "editor.fill-totals-carry", NULL, fill_totals_action);
  gtk_widget_class_install_action (widget_class, "editor.fill-totals-overwrite", NULL, fill_totals_action);
  gtk_widget_class_install_action (widget_class, "editor.dismiss-message", NULL, dismiss_message_action);
  gtk_widget_class_install_action (widget_class, "editor.export-docx", NULL, export_docx_action);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *trigger,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                                                          gtk_named_action_new (action)));
}

static void
gx_editor_window_init (GxEditorWindow *self)
{
  GtkEventController *controller;

  ensure_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the header rows of 三 and 四 stay in view while their rows scroll */
  self->frozen_header = gx_frozen_header_new (self->scroller);
  for (GxSection section = GX_SECTION_APPLICATIONS; section <= GX_SECTION_REVIEW_LITIGATION; section++)
    {
      GtkWidget *first_body;
      GtkWidget *table = gx_editor_form_get_table (self->form, section, &first_body);

      gx_frozen_header_add_table (GX_FROZEN_HEADER (self->frozen_header), table, first_body);
    }
  gtk_overlay_add_overlay (self->overlay, self->frozen_header);

  /* before the entries: their own bindings would take Ctrl+Z for their text */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>s", "editor.save");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>z", "editor.undo");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control><Shift>z", "editor.redo");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>y", "editor.redo");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>w", "window.close");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>t", "editor.fill-totals");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control><Shift>t", "editor.fill-totals-carry");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_actions (self);
}

/* Public API ------------------------------------------------------------------ */

GxEditorWindow *
gx_editor_window_new (GtkApplication  *application,
                      const char      *workspace_path,
                      gint64           report_id,
                      GError         **error)
{
  g_autoptr(GxWorkspace) store = NULL;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (workspace_path != NULL, NULL);

  store = gx_workspace_open (workspace_path, FALSE, error);
  if (store == NULL)
    return NULL;
  return gx_editor_window_new_for_workspace (application, store, report_id, error);
}

GxEditorWindow *
gx_editor_window_new_for_workspace (GtkApplication  *application,
                                    GxWorkspace     *store,
                                    gint64           report_id,
                                    GError         **error)
{
  GxEditorWindow *self;
  g_autoptr(GxReport) report = NULL;
  const char *workspace_path;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GX_IS_WORKSPACE (store), NULL);

  /* like every toplevel, owned by GTK until destroyed */
  self = g_object_new (GX_TYPE_EDITOR_WINDOW, "application", application, NULL);
  set_store (self, store);
  workspace_path = self->workspace;

  if (report_id > 0)
    {
      g_autoptr(GxReport) stored = gx_workspace_load_report (self->store, report_id, error);

      if (stored == NULL)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
      if (gx_report_get_format (stored) != GX_FORMAT_2021)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s %d” follows the 2019 national form; the editor edits reports in the current (2021) form. Correct the source file and import it again."),
                       gx_report_get_issuer (stored), gx_report_get_year (stored));
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
      report = gx_report_copy (stored);
      gx_report_set_id (report, report_id);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      report = gx_report_new ();
      gx_report_set_format_version (report, GX_REPORT_FORMAT_2021);
      /* a report is about the year before it is published */
      gx_report_set_year (report, g_date_time_get_year (now) - 1);
    }

  self->draft = gx_draft_new (workspace_path, report_id);
  set_report (self, report);
  /* a new report starts with its issuer, a report to correct in its
   * first cell */
  if (report_id > 0)
    gx_editor_form_move (self->form, 0, 0);
  gtk_window_set_focus (GTK_WINDOW (self), report_id > 0
                        ? gx_editor_form_get_cell_entry (self->form, (guint) gx_editor_form_get_focus_cell (self->form))
                        : gx_editor_form_get_issuer_entry (self->form));
  return self;
}

/* A draft's session; on @store (the main window's) when the draft is of
 * its workspace, else on a connection of its own. */
static GxEditorWindow *
new_from_draft (GtkApplication  *application,
                GxDraft         *draft,
                GxWorkspace     *store,
                GError         **error)
{
  GxEditorWindow *self;
  GxReport *saved = gx_draft_get_report (draft);
  g_autoptr(GxReport) report = NULL;
  GArray *computed;
  gint64 report_id;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GX_IS_DRAFT (draft), NULL);
  g_return_val_if_fail (saved != NULL, NULL);

  self = g_object_new (GX_TYPE_EDITOR_WINDOW, "application", application, NULL);
  if (store != NULL &&
      g_strcmp0 (gx_workspace_get_location (store), gx_draft_get_workspace (draft)) == 0)
    set_store (self, store);
  else if (!open_store (self, gx_draft_get_workspace (draft), error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  /* the stored report keeps what the editor does not edit (source, prose);
   * it may have been removed since: then the draft becomes a new report */
  report_id = gx_draft_get_report_id (draft);
  if (report_id > 0)
    {
      g_autoptr(GxReport) stored = gx_workspace_load_report (self->store, report_id, NULL);

      if (stored != NULL)
        {
          report = gx_report_copy (stored);
          gx_report_set_id (report, report_id);
          /* the edits were made on the revision the draft says: a save is
           * refused when someone else saved the report since */
          if (gx_report_get_revision (saved) > 0)
            gx_report_set_revision (report, gx_report_get_revision (saved));
        }
    }
  if (report == NULL)
    {
      report = gx_report_new ();
      gx_report_set_format_version (report, GX_REPORT_FORMAT_2021);
      gx_report_set_source (report, gx_report_get_source (saved));
    }
  gx_report_set_issuer (report, gx_report_get_issuer (saved));
  gx_report_set_year (report, gx_report_get_year (saved));
  gx_report_copy_cells_from (report, saved);

  self->draft = g_object_ref (draft);
  if (gx_report_get_id (report) != report_id)
    gx_draft_set_report_id (self->draft, 0);
  set_report (self, report);

  computed = gx_draft_get_computed (draft);
  for (guint i = 0; i < computed->len; i++)
    gx_editor_form_set_computed (self->form, g_array_index (computed, guint, i), TRUE);

  /* restored work is unsaved work */
  set_modified (self, TRUE);
  return self;
}

GxEditorWindow *
gx_editor_window_new_from_draft (GtkApplication  *application,
                                 GxDraft         *draft,
                                 GError         **error)
{
  return new_from_draft (application, draft, NULL, error);
}

GxEditorForm *
gx_editor_window_get_form (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  return self->form;
}

GxReport *
gx_editor_window_get_report (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  return self->report;
}

gint64
gx_editor_window_get_report_id (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), 0);
  return gx_report_get_id (self->report);
}

gboolean
gx_editor_window_get_modified (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);
  return self->modified;
}

/* A report typed in is saved even when the workspace has another of its
 * issuer (spelled alike or merged) and year, as the user asked; but that
 * is said, since an import would have called it a conflict. */
static void
say_same_year (GxEditorWindow *self)
{
  GxReport *report = self->report;
  g_autofree char *message = NULL;
  gint64 other;

  if (gx_report_get_year (report) <= 0)
    return;
  other = gx_backend_find_report (gx_workspace_get_backend (self->store), gx_report_get_issuer (report),
                                  gx_report_get_year (report), gx_report_get_id (report), NULL);
  if (other <= 0)
    return;
  /* TRANSLATORS: "… another report of 北京市平谷区人民政府 for 2022 (#12) …" */
  message = g_strdup_printf (_("Saved. The workspace has another report of %s for %d (#%lld): if they are the same report, remove one of them."),
                             gx_report_get_issuer (report), gx_report_get_year (report), (long long) other);
  show_message (self, message, FALSE, FALSE);
}

gboolean
gx_editor_window_save (GxEditorWindow  *self,
                       GError         **error)
{
  const char *issuer;

  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);

  gx_editor_form_flush_input (self->form);
  issuer = gx_report_get_issuer (self->report);
  if (issuer == NULL || *issuer == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The report needs an issuer before it can be saved"));
      gtk_widget_grab_focus (gx_editor_form_get_issuer_entry (self->form));
      return FALSE;
    }

  /* a report with errors is saved too (work in progress); the workspace
   * checks it for the list (gx_check_report()) */
  if (!gx_workspace_save_report (self->store, self->report, error))
    return FALSE;

  cancel_draft (self);
  gx_draft_remove (self->draft);
  gx_draft_set_report_id (self->draft, gx_report_get_id (self->report));
  gx_edit_history_seal (gx_editor_form_get_history (self->form));
  set_modified (self, FALSE);
  gtk_label_set_text (self->saved_label, _("Saved"));
  say_same_year (self);
  g_signal_emit (self, signals[SAVED], 0, gx_report_get_id (self->report));
  return TRUE;
}

gboolean
gx_editor_window_reload (GxEditorWindow  *self,
                         GError         **error)
{
  g_autoptr(GxReport) stored = NULL;
  gint64 id;

  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);

  id = gx_report_get_id (self->report);
  if (id == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The report is not in the workspace yet: there is nothing to reload"));
      return FALSE;
    }
  stored = gx_workspace_load_report (self->store, id, error);
  if (stored == NULL)
    return FALSE;
  if (gx_report_get_format (stored) != GX_FORMAT_2021)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s %d” follows the 2019 national form now; the editor edits reports in the current (2021) form. Your changes were kept."),
                   gx_report_get_issuer (stored), gx_report_get_year (stored));
      return FALSE;
    }

  /* the values as one step of the history: Undo brings the user's back */
  gx_editor_form_take_values (self->form, stored);
  /* and what the form does not edit */
  gx_report_set_source (self->report, gx_report_get_source (stored));
  gx_report_set_prose (self->report, gx_report_get_prose (stored));
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      gx_report_set_cell_flags (self->report, i, gx_report_get_cell_flags (stored, i));
      gx_report_set_cell_line (self->report, i, gx_report_get_cell_line (stored, i));
    }
  gx_report_set_revision (self->report, gx_report_get_revision (stored));
  gx_editor_form_recheck (self->form);

  /* what is shown is what is stored */
  cancel_draft (self);
  gx_draft_remove (self->draft);
  hide_message (self);
  update_actions (self);
  set_modified (self, FALSE);
  return TRUE;
}

guint
gx_editor_window_fill_totals (GxEditorWindow *self,
                              gboolean        carry_forward,
                              gboolean        overwrite_typed)
{
  guint n_kept = 0;
  guint written;

  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), 0);

  self->last_carry_forward = carry_forward;
  written = gx_editor_form_fill_totals (self->form, carry_forward, overwrite_typed, &n_kept);
  if (n_kept > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u total you typed differs from the sum and was kept.",
                                      "%u totals you typed differ from the sums and were kept.",
                                      n_kept), n_kept);
      show_message (self, message, FALSE, TRUE);
    }
  else if (written == 0)
    show_message (self, _("The totals are already filled in."), FALSE, FALSE);
  return written;
}

gboolean
gx_editor_window_write_draft (GxEditorWindow  *self,
                              GError         **error)
{
  g_autofree gboolean *computed = NULL;
  guint n = gx_schema_n_cells ();

  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);

  /* what is committed: an edit in progress stays in its cell */
  computed = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    computed[i] = gx_editor_form_is_computed (self->form, i);
  if (!gx_draft_write (self->draft, self->report, computed, error))
    return FALSE;
  g_signal_emit (self, signals[DRAFT_WRITTEN], 0);
  return TRUE;
}

const char *
gx_editor_window_get_draft_path (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  return gx_draft_get_path (self->draft);
}

const char *
gx_editor_window_get_message (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->message_revealer))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

gboolean
gx_editor_window_review_finding (GxEditorWindow  *self,
                                 GxFinding       *finding,
                                 int              state,
                                 const char      *note,
                                 GError         **error)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);
  g_return_val_if_fail (GX_IS_FINDING (finding), FALSE);

  if (gx_report_get_id (self->report) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Save the report before reviewing its findings."));
      return FALSE;
    }
  if (!gx_workspace_set_review (self->store, self->report, finding, (GxReviewState) state, note, error))
    return FALSE;
  gx_editor_form_recheck (self->form);
  update_status (self);
  return TRUE;
}

const char *
gx_editor_window_get_status (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

GtkWidget *
gx_editor_window_get_close_dialog (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  return self->close_dialog;
}

GtkWidget *
gx_editor_window_get_frozen_header (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);
  return self->frozen_header;
}

GtkWidget *
gx_editor_window_show_findings (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), NULL);

  /* built as it is shown: shown again, it lists what is now */
  gtk_menu_button_popdown (self->findings_button);
  gtk_menu_button_popup (self->findings_button);
  return self->findings_box;
}

gboolean
gx_editor_window_is_asking_to_close (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);
  return self->close_asking;
}

void
gx_editor_window_answer_close (GxEditorWindow *self,
                               int             response)
{
  g_return_if_fail (GX_IS_EDITOR_WINDOW (self));
  g_return_if_fail (self->close_asking);

  if (self->close_dialog != NULL)
    {
      gtk_dialog_response (GTK_DIALOG (self->close_dialog), response);
      return;
    }
  /* the GtkAlertDialog goes away unanswered; the answer is this one */
  if (self->close_cancellable != NULL)
    {
      g_cancellable_cancel (self->close_cancellable);
      g_clear_object (&self->close_cancellable);
    }
  close_answered (self, response);
}

gboolean
gx_editor_window_is_asking_conflict (GxEditorWindow *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);
  return self->conflict_question != NULL;
}

void
gx_editor_window_answer_conflict (GxEditorWindow         *self,
                                  GxEditorConflictAnswer  answer)
{
  g_return_if_fail (GX_IS_EDITOR_WINDOW (self));
  g_return_if_fail (self->conflict_question != NULL);

  gx_dialogs_answer (self->conflict_question, answer);
}

/* "Restore the unsaved changes?" answered: @response as the buttons give
 * it (GTK_RESPONSE_ACCEPT restore, _REJECT discard, _CANCEL later) */
static void
restore_answered (GtkApplication *application,
                  GxWorkspace    *store,
                  GPtrArray      *drafts,
                  int             response)
{
  for (guint i = 0; i < drafts->len; i++)
    {
      GxDraft *draft = g_ptr_array_index (drafts, i);

      if (response == GTK_RESPONSE_ACCEPT)
        {
          g_autoptr(GError) error = NULL;
          GxEditorWindow *editor = new_from_draft (application, draft, store, &error);

          if (editor != NULL)
            gtk_window_present (GTK_WINDOW (editor));
          else
            g_warning ("Could not restore %s: %s", gx_draft_get_path (draft), error->message);
        }
      else if (response == GTK_RESPONSE_REJECT)
        gx_draft_remove (draft);
    }
}

#ifdef GX_USE_ALERT_DIALOG
static void
restore_chosen_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int button = gtk_alert_dialog_choose_finish (GTK_ALERT_DIALOG (source), result, &error);
  static const int responses[] = { GTK_RESPONSE_REJECT, GTK_RESPONSE_CANCEL, GTK_RESPONSE_ACCEPT };

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* answered by gx_editor_answer_restore() */
  restore_answered (g_object_get_data (source, "gx-application"),
                    g_object_get_data (source, "gx-workspace"),
                    g_object_get_data (source, "gx-drafts"),
                    button >= 0 && button < (int) G_N_ELEMENTS (responses)
                    ? responses[button] : GTK_RESPONSE_CANCEL);
}
#else
static void
restore_response_cb (GtkDialog *dialog,
                     int        response,
                     gpointer   user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  restore_answered (parent ? gtk_window_get_application (parent) : NULL,
                    g_object_get_data (G_OBJECT (dialog), "gx-workspace"),
                    g_object_get_data (G_OBJECT (dialog), "gx-drafts"), response);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
}
#endif

static GObject *
restore_drafts (GtkWindow   *parent,
                const char  *workspace_path,
                GxWorkspace *store)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  const char *question;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (workspace_path != NULL, NULL);

  drafts = gx_draft_list (workspace_path);
  if (drafts->len == 0)
    return NULL;

  for (guint i = 0; i < drafts->len; i++)
    {
      GxReport *report = gx_draft_get_report (g_ptr_array_index (drafts, i));
      const char *issuer = gx_report_get_issuer (report);

      if (names->len > 0)
        g_string_append_c (names, '\n');
      if (issuer == NULL || *issuer == '\0')
        g_string_append (names, _("New report"));
      else
        g_string_append_printf (names, "%s %d", issuer, gx_report_get_year (report));
    }
  question = g_dngettext (GETTEXT_PACKAGE,
                          "A report was being edited when GxReports last stopped. Restore the unsaved changes?",
                          "Reports were being edited when GxReports last stopped. Restore the unsaved changes?",
                          drafts->len);

#ifdef GX_USE_ALERT_DIALOG
  {
    GtkAlertDialog *dialog = gtk_alert_dialog_new ("%s", question);
    const char *buttons[] = { _("_Discard"), _("_Later"), _("_Restore"), NULL };
    GCancellable *cancellable = g_cancellable_new ();

    gtk_alert_dialog_set_detail (dialog, names->str);
    gtk_alert_dialog_set_buttons (dialog, buttons);
    gtk_alert_dialog_set_cancel_button (dialog, 1);
    gtk_alert_dialog_set_default_button (dialog, 2);
    g_object_set_data_full (G_OBJECT (dialog), "gx-drafts", g_steal_pointer (&drafts),
                            (GDestroyNotify) g_ptr_array_unref);
    if (store != NULL)
      g_object_set_data_full (G_OBJECT (dialog), "gx-workspace", g_object_ref (store), g_object_unref);
    if (parent != NULL && gtk_window_get_application (parent) != NULL)
      g_object_set_data_full (G_OBJECT (dialog), "gx-application",
                              g_object_ref (gtk_window_get_application (parent)), g_object_unref);
    g_object_set_data_full (G_OBJECT (dialog), "gx-cancellable", cancellable, g_object_unref);
    /* the choice holds the dialog until it is answered */
    gtk_alert_dialog_choose (dialog, parent, cancellable, restore_chosen_cb, NULL);
    g_object_unref (dialog);
    return G_OBJECT (dialog);
  }
#else
  {
    GtkWidget *dialog;
    GtkWidget *button;

    dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s", question);
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", names->str);
    button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard"), GTK_RESPONSE_REJECT);
    gtk_widget_add_css_class (button, "destructive-action");
    gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Later"), GTK_RESPONSE_CANCEL);
    button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Restore"), GTK_RESPONSE_ACCEPT);
    gtk_widget_add_css_class (button, "suggested-action");
    gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
    g_object_set_data_full (G_OBJECT (dialog), "gx-drafts", g_steal_pointer (&drafts),
                            (GDestroyNotify) g_ptr_array_unref);
    if (store != NULL)
      g_object_set_data_full (G_OBJECT (dialog), "gx-workspace", g_object_ref (store), g_object_unref);
    g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), NULL);
    gtk_window_present (GTK_WINDOW (dialog));
    return G_OBJECT (dialog);
  }
#endif
}

GObject *
gx_editor_restore_drafts (GtkWindow  *parent,
                          const char *workspace_path)
{
  return restore_drafts (parent, workspace_path, NULL);
}

GObject *
gx_editor_restore_drafts_for_workspace (GtkWindow   *parent,
                                        GxWorkspace *store)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (store), NULL);
  return restore_drafts (parent, gx_workspace_get_location (store), store);
}

void
gx_editor_answer_restore (GObject *question,
                          int      response)
{
  g_return_if_fail (G_IS_OBJECT (question));

#ifdef GX_USE_ALERT_DIALOG
  g_cancellable_cancel (g_object_get_data (question, "gx-cancellable"));
  restore_answered (g_object_get_data (question, "gx-application"),
                    g_object_get_data (question, "gx-workspace"),
                    g_object_get_data (question, "gx-drafts"), response);
#else
  gtk_dialog_response (GTK_DIALOG (question), response);
#endif
}

gboolean
gx_editor_window_export_docx (GxEditorWindow  *self,
                              GFile           *file,
                              GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (GX_IS_EDITOR_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = gx_docx_write_report (self->report, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}
