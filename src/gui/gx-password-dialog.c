/* gx-password-dialog.c: the password a server asks for (gx-password-dialog.h) */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-password-dialog.h"
#include "gx-pg-store.h"

struct _GxPasswordDialog
{
  GtkWindow parent_instance;

  /* template children */
  GtkLabel *prompt_label;
  GtkLabel *message_label;
  GtkPasswordEntry *password_entry;

  char *location;
};

enum {
  SIGNAL_PASSWORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxPasswordDialog, gx_password_dialog, GTK_TYPE_WINDOW)

/* Actions -------------------------------------------------------------------- */

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GxPasswordDialog *self = GX_PASSWORD_DIALOG (widget);
  GtkEditable *entry = GTK_EDITABLE (self->password_entry);

  /* the handler may close the dialog */
  g_object_ref (self);
  g_signal_emit (self, signals[SIGNAL_PASSWORD], 0, gtk_editable_get_text (entry));
  gtk_editable_set_text (entry, "");
  g_object_unref (self);
}

/* GObject -------------------------------------------------------------------- */

static void
gx_password_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GX_TYPE_PASSWORD_DIALOG);
  G_OBJECT_CLASS (gx_password_dialog_parent_class)->dispose (object);
}

static void
gx_password_dialog_finalize (GObject *object)
{
  GxPasswordDialog *self = GX_PASSWORD_DIALOG (object);

  g_free (self->location);
  G_OBJECT_CLASS (gx_password_dialog_parent_class)->finalize (object);
}

static void
gx_password_dialog_class_init (GxPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_password_dialog_dispose;
  object_class->finalize = gx_password_dialog_finalize;

  /**
   * GxPasswordDialog::password:
   * @password: what was typed (the dialog's own: copy it to keep it)
   */
  signals[SIGNAL_PASSWORD] = g_signal_new ("password", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                           G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/GxReports/gx-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxPasswordDialog, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, GxPasswordDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, GxPasswordDialog, password_entry);

  gtk_widget_class_install_action (widget_class, "password.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_password_dialog_init (GxPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_name (GTK_WIDGET (self), "gx-password");
}

/* Public API ------------------------------------------------------------------- */

GxPasswordDialog *
gx_password_dialog_new (GtkWindow  *parent,
                        const char *location,
                        const char *message)
{
  GxPasswordDialog *self;
  g_autofree char *shown = NULL;
  g_autofree char *prompt = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (GX_TYPE_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->location = g_strdup (location);
  shown = gx_pg_location_display (location);
  if (message == NULL)
    /* Translators: %s is the address of the workspace's database,
     * postgresql://clerk@db.example/gxreports */
    prompt = g_strdup_printf (_("The server of the workspace %s asks for a password."), shown);
  else
    /* Translators: %s is the address of the workspace's database; the
     * server's own words follow */
    prompt = g_strdup_printf (_("The server of the workspace %s refused the connection:"), shown);
  gtk_label_set_text (self->prompt_label, prompt);
  if (message != NULL)
    gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
  return self;
}

const char *
gx_password_dialog_get_location (GxPasswordDialog *self)
{
  g_return_val_if_fail (GX_IS_PASSWORD_DIALOG (self), NULL);
  return self->location;
}

const char *
gx_password_dialog_get_message (GxPasswordDialog *self)
{
  g_return_val_if_fail (GX_IS_PASSWORD_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

GtkEditable *
gx_password_dialog_get_entry (GxPasswordDialog *self)
{
  g_return_val_if_fail (GX_IS_PASSWORD_DIALOG (self), NULL);
  return GTK_EDITABLE (self->password_entry);
}
