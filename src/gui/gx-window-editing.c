/* gx-window-editing.c: New report, Edit, and what a saved edit changes in
 * the main window
 *
 * The form editor (src/gui/editor/) is a window of its own.  One editor a
 * report: editing a report already open brings its window forward.  The
 * editor saves through the window's GxWorkspace, whose list the window
 * shows: the row follows without the window doing anything.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "editor/gx-editor-window.h"
#include "gx-window-private.h"

/* The editor saved through the window's workspace, whose list has its
 * row already: the report shown is read again when it is this one. */
static void
editor_saved_cb (GxEditorWindow *editor,
                 gint64          id,
                 gpointer        user_data)
{
  GxWindow *self = GX_WINDOW (user_data);
  GxReport *shown = gx_report_detail_get_report (self->report_detail);

  if (shown != NULL && gx_report_get_id (shown) == id)
    gx_window_show_selected (self);
  gx_window_update_actions (self);
}

static void
editor_destroyed_cb (GtkWidget *editor,
                     gpointer   user_data)
{
  GxWindow *self = GX_WINDOW (user_data);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == editor)
      g_hash_table_iter_remove (&iter);
}

GxEditorWindow *
gx_window_edit_report (GxWindow *self,
                       gint64    id)
{
  g_autoptr(GError) error = NULL;
  GxEditorWindow *editor;

  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  if (id > 0 && (editor = g_hash_table_lookup (self->editors, &id)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (editor));
      return editor;
    }

  /* the window's own connection: what the editor saves shows in the list */
  editor = gx_editor_window_new_for_workspace (gtk_window_get_application (GTK_WINDOW (self)),
                                               self->store, id, &error);
  if (editor == NULL)
    {
      gx_window_show_error (self, _("The report cannot be edited"), error->message);
      return NULL;
    }
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "destroy", G_CALLBACK (editor_destroyed_cb), self, 0);
  if (id > 0)
    g_hash_table_insert (self->editors, g_memdup2 (&id, sizeof id), editor);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
new_report_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gx_window_edit_report (GX_WINDOW (widget), 0);
}

static void
edit_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  GxReport *item = gx_report_list_get_selected (self->report_list);

  if (item != NULL && gx_report_get_id (item) > 0)
    gx_window_edit_report (self, gx_report_get_id (item));
}

/* Enter or a double click on a row of the list */
static void
list_activate_cb (GtkColumnView *view,
                  guint          position,
                  gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "win.edit-report", NULL);
}

void
gx_window_class_add_editing_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-report", NULL, new_report_action);
  gtk_widget_class_install_action (widget_class, "win.edit-report", NULL, edit_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-report", NULL);
}

void
gx_window_init_editing (GxWindow *self)
{
  self->editors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_signal_connect_object (gx_report_list_get_column_view (self->report_list), "activate",
                           G_CALLBACK (list_activate_cb), self, 0);
}
