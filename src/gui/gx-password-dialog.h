/* gx-password-dialog.h: the password a PostgreSQL server asks for
 *
 * Asked when opening a workspace fails with GX_BACKEND_ERROR_NEEDS_PASSWORD
 * (gx-window-open.c): says which workspace and, when a password was
 * refused, the server's words.  Connect gives the password typed by
 * ::password (the entry is emptied then); Cancel closes it with nothing.
 * The password goes nowhere else.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_PASSWORD_DIALOG (gx_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GxPasswordDialog, gx_password_dialog, GX, PASSWORD_DIALOG, GtkWindow)

/* @location: the workspace's (shown as gx_pg_location_display() gives
 * it); @message: (nullable): why it is asked again. */
GxPasswordDialog *gx_password_dialog_new          (GtkWindow        *parent,
                                                   const char       *location,
                                                   const char       *message);
const char       *gx_password_dialog_get_location (GxPasswordDialog *self);
/* The server's words shown, or NULL. */
const char       *gx_password_dialog_get_message  (GxPasswordDialog *self);
/* For tests: where the password is typed. */
GtkEditable      *gx_password_dialog_get_entry    (GxPasswordDialog *self);

G_END_DECLS
