/* gx-window-dnd.c: dropping report files and folders on the window
 *
 * The drop handler only hands the files to the importer; folders are walked
 * by its worker, never on the main thread.
 */
#include "gx-config.h"

#include "gx-window-private.h"

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  return gx_window_drop_value (GX_WINDOW (user_data), value);
}

static GdkDragAction
enter_cb (GtkDropTarget *target,
          double         x,
          double         y,
          gpointer       user_data)
{
  gtk_widget_add_css_class (GTK_WIDGET (user_data), "drop-highlight");
  return GDK_ACTION_COPY;
}

static void
leave_cb (GtkDropTarget *target,
          gpointer       user_data)
{
  gtk_widget_remove_css_class (GTK_WIDGET (user_data), "drop-highlight");
}

gboolean
gx_window_drop_value (GxWindow     *self,
                      const GValue *value)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *list;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-highlight");

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;

  gx_window_import_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

void
gx_window_setup_dnd (GxWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (enter_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
