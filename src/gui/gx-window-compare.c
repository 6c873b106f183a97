/* gx-window-compare.c: Compare Years
 *
 * Opens a GxCompareWindow on the main window's workspace connection, for
 * the issuer of the selected report (or the first issuer).  Ctrl+Shift+C.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-compare-window.h"
#include "gx-window-private.h"

GxCompareWindow *
gx_window_open_compare (GxWindow *self)
{
  GxReport *selected;
  GxCompareWindow *compare;

  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);

  if (self->store == NULL)
    return NULL;
  selected = gx_report_list_get_selected (self->report_list);
  compare = gx_compare_window_new (self->store, selected ? gx_report_get_issuer (selected) : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (compare), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (compare), TRUE);
  gtk_window_present (GTK_WINDOW (compare));
  return compare;
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gx_window_open_compare (GX_WINDOW (widget));
}

void
gx_window_class_add_compare_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare", NULL, compare_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.compare", NULL);
}

void
gx_window_init_compare (GxWindow *self)
{
}
