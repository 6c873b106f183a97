/* gx-window-editing.c: New report, Edit, and what a saved edit changes in
 * the main window
 *
 * The form editor (src/gui/editor/) is a window of its own.  One editor a
 * report: editing a report already open brings its window forward.  When
 * an editor saves, the report's row in the list is refreshed from the
 * workspace (its figures and error counts), or added for a new report.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "editor/gx-editor-window.h"
#include "gx-review.h"
#include "gx-window-private.h"

static GxReport *
find_listed (GxWindow *self,
             gint64    id)
{
  GListModel *reports = gx_report_list_get_reports (self->report_list);

  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(GxReport) item = g_list_model_get_item (reports, i);

      if (gx_report_get_id (item) == id)
        return item;   /* the list keeps it alive */
    }
  return NULL;
}

static void
editor_saved_cb (GxEditorWindow *editor,
                 gint64          id,
                 gpointer        user_data)
{
  GxWindow *self = GX_WINDOW (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) saved = NULL;
  guint counts[3];
  GxReport *item;

  if (self->store == NULL)
    return;
  saved = gx_workspace_load_report (self->store, id, &error);
  if (saved == NULL)
    {
      gx_window_show_error (self, _("The saved report could not be read back"), error->message);
      return;
    }
  /* gx_workspace_load_report() has checked it and applied the reviews: the
   * list counts what is not dismissed */
  gx_review_count_open (saved, counts);

  item = find_listed (self, id);
  if (item == NULL)
    {
      g_autoptr(GPtrArray) added = g_ptr_array_new ();

      gx_report_set_counts (saved, counts[GX_SEVERITY_ERROR], counts[GX_SEVERITY_WARNING],
                            counts[GX_SEVERITY_NOTE]);
      g_ptr_array_add (added, saved);
      gx_report_list_add_reports (self->report_list, added);
    }
  else
    {
      gx_report_set_issuer (item, gx_report_get_issuer (saved));
      gx_report_set_year (item, gx_report_get_year (saved));
      gx_report_copy_cells_from (item, saved);
      gx_report_set_counts (item, counts[GX_SEVERITY_ERROR], counts[GX_SEVERITY_WARNING],
                            counts[GX_SEVERITY_NOTE]);
      gx_report_list_report_changed (self->report_list, item);
      if (gx_report_list_get_selected (self->report_list) == item)
        gx_report_detail_set_report (self->report_detail, saved);
    }
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

  editor = gx_editor_window_new (gtk_window_get_application (GTK_WINDOW (self)),
                                 gx_workspace_get_location (self->store), id, &error);
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
