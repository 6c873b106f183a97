/* gx-window-open.c: Open Workspace (Ctrl+O)
 *
 * The dialog of recent workspaces, files and servers alike
 * (gx-open-workspace-dialog.c); a location chosen there, or given to the
 * app, is opened by gx_window_open_location(): when the server asks for a
 * password libpq did not find (GX_BACKEND_ERROR_NEEDS_PASSWORD), the
 * password is asked for (gx-password-dialog.c), kept for this process
 * only (gx_backend_set_password(), which the import's worker connection
 * uses too), and the workspace opened again; a password the server
 * refused is forgotten and asked for again, with the server's words.
 * Every workspace opened goes first in the recent ones
 * (gx_window_open_workspace(), gx-recent.c).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-backend.h"
#include "gx-open-workspace-dialog.h"
#include "gx-password-dialog.h"
#include "gx-pg-store.h"
#include "gx-window-private.h"

/* Callbacks ------------------------------------------------------------------ */

static void
password_given_cb (GxPasswordDialog *dialog,
                   const char       *password,
                   GxWindow         *self)
{
  g_autofree char *location = g_strdup (gx_password_dialog_get_location (dialog));

  gx_backend_set_password (location, password);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gx_window_open_location (self, location);
}

static void
location_chosen_cb (GxOpenWorkspaceDialog *dialog,
                    const char            *location,
                    GxWindow              *self)
{
  gx_window_open_location (self, location);
}

/* Actions -------------------------------------------------------------------- */

static void
open_workspace_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gx_window_show_open_dialog (GX_WINDOW (widget));
}

/* Public API ------------------------------------------------------------------ */

void
gx_window_class_add_open_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-workspace", NULL, open_workspace_action);
}

GxOpenWorkspaceDialog *
gx_window_show_open_dialog (GxWindow *self)
{
  GxOpenWorkspaceDialog *dialog;

  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);

  dialog = gx_open_workspace_dialog_new (GTK_WINDOW (self), self->settings);
  g_signal_connect_object (dialog, "open", G_CALLBACK (location_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
gx_window_open_location (GxWindow   *self,
                         const char *location)
{
  g_autoptr(GError) error = NULL;
  GxPasswordDialog *dialog;
  const char *why = NULL;
  gboolean refused;

  g_return_if_fail (GX_IS_WINDOW (self));
  g_return_if_fail (location != NULL);

  if (gx_window_open_workspace (self, location, &error))
    return;
  if (!g_error_matches (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NEEDS_PASSWORD))
    {
      gx_window_show_error (self, _("The workspace could not be opened"), error->message);
      return;
    }

  /* a password given before and refused now is not given again; the
   * server's words say why (the dialog names the workspace already) */
  refused = gx_backend_has_password (location);
  gx_backend_set_password (location, NULL);
  if (refused)
    {
      g_autofree char *shown = gx_pg_location_display (location);
      /* what gx_pg_store_open() puts before them */
      g_autofree char *prefix =
        g_strdup_printf (_("%s: the server asks for a password (give it in ~/.pgpass or PGPASSWORD): %s"),
                         shown, "");

      why = error->message;
      if (g_str_has_prefix (why, prefix))
        why += strlen (prefix);
    }
  dialog = gx_password_dialog_new (GTK_WINDOW (self), location, why);
  g_signal_connect_object (dialog, "password", G_CALLBACK (password_given_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
