/* gx-open-workspace-dialog.c: what Open Workspace asks (gx-open-workspace-dialog.h) */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-backend.h"
#include "gx-dialogs.h"
#include "gx-open-workspace-dialog.h"
#include "gx-pg-store.h"
#include "gx-recent.h"

#define LOCATION_KEY "gx-location"

struct _GxOpenWorkspaceDialog
{
  GtkWindow parent_instance;

  /* template children */
  GtkListBox *recent_list;
  GtkEntry *server_entry;
  GtkStack *hint_stack;
  GtkLabel *error_label;

  gboolean clearing;   /* one of the two choices is being cleared for the other */
};

enum {
  SIGNAL_OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxOpenWorkspaceDialog, gx_open_workspace_dialog, GTK_TYPE_WINDOW)

/* Helpers -------------------------------------------------------------------- */

static void
show_error (GxOpenWorkspaceDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_stack_set_visible_child_name (self->hint_stack, message ? "error" : "hint");
}

static void
update_open (GxOpenWorkspaceDialog *self)
{
  gboolean typed = gtk_entry_get_text_length (self->server_entry) > 0;
  gboolean selected = gtk_list_box_get_selected_row (self->recent_list) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.open", typed || selected);
}

/* "/home/clerk/Documents" as "~/Documents" */
static char *
folder_shown (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  if (n > 1 && g_str_has_prefix (folder, home) && (folder[n] == '/' || folder[n] == '\0'))
    return g_strconcat ("~", folder + n, NULL);
  return g_steal_pointer (&folder);
}

static GtkWidget *
recent_row (const char *location)
{
  gboolean server = gx_backend_location_is_postgres (location);
  gboolean missing = !server && !g_file_test (location, G_FILE_TEST_EXISTS);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (server ? "network-server-symbolic"
                                                         : "text-x-generic-symbolic");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *label;

  if (server)
    {
      title = gx_pg_location_display (location);
      subtitle = g_strdup (_("PostgreSQL database"));
    }
  else
    {
      g_autofree char *folder = folder_shown (location);

      title = g_path_get_basename (location);
      /* Translators: a recent workspace file that is not there any more;
       * %s is its folder */
      subtitle = missing ? g_strdup_printf (_("Not found in %s"), folder) : g_steal_pointer (&folder);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), icon);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (texts), label);
  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (texts), label);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, server ? title : location);
  /* a file that is gone cannot be opened, but is still shown */
  gtk_widget_set_sensitive (row, !missing);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), !missing);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), !missing);
  g_object_set_data_full (G_OBJECT (row), LOCATION_KEY, g_strdup (location), g_free);
  return row;
}

static void
fill_recent (GxOpenWorkspaceDialog *self,
             GSettings             *settings)
{
  g_auto(GStrv) recent = gx_recent_dup_workspaces (settings);
  GtkWidget *placeholder = gtk_label_new (_("No workspace opened yet"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->recent_list, placeholder);
  for (guint i = 0; recent[i] != NULL; i++)
    gtk_list_box_append (self->recent_list, recent_row (recent[i]));
}

/* Gives @location to ::open and closes. */
static void
choose (GxOpenWorkspaceDialog *self,
        const char            *location)
{
  g_autofree char *chosen = g_strdup (location);

  g_object_ref (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[SIGNAL_OPEN], 0, chosen);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

/* What is wrong with the typed @location, or NULL. */
static const char *
typed_problem (const char *location)
{
  if (!gx_backend_location_is_postgres (location))
    return _("Type the address of a PostgreSQL database (postgresql://user@host/database, or host=… dbname=…); for a file, use Choose File….");
  if (gx_backend_location_has_password (location))
    return _("Leave the password out of the address: it is asked for when the server needs it, and never kept.");
  return NULL;
}

/* Callbacks ------------------------------------------------------------------ */

static void
recent_activated_cb (GxOpenWorkspaceDialog *self,
                     GtkListBoxRow         *row)
{
  choose (self, gx_open_workspace_dialog_get_row_location (row));
}

static void
recent_selected_cb (GxOpenWorkspaceDialog *self,
                    GtkListBoxRow         *row)
{
  /* a workspace chosen in the list is the one to open: the typed one goes */
  if (row != NULL && !self->clearing)
    {
      self->clearing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->server_entry), "");
      show_error (self, NULL);
      self->clearing = FALSE;
    }
  update_open (self);
}

static void
server_changed_cb (GxOpenWorkspaceDialog *self)
{
  if (!self->clearing && gtk_entry_get_text_length (self->server_entry) > 0)
    {
      self->clearing = TRUE;
      gtk_list_box_unselect_all (self->recent_list);
      self->clearing = FALSE;
    }
  show_error (self, NULL);
  update_open (self);
}

static void
file_chosen_cb (GtkWindow *parent,
                GFile     *file,
                gpointer   user_data)
{
  GxOpenWorkspaceDialog *self = GX_OPEN_WORKSPACE_DIALOG (parent);
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      show_error (self, _("Only local files can be opened."));
      return;
    }
  choose (self, path);
}

/* Actions -------------------------------------------------------------------- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GxOpenWorkspaceDialog *self = GX_OPEN_WORKSPACE_DIALOG (widget);
  g_autofree char *typed = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_entry))));
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->recent_list);

  if (*typed != '\0')
    {
      const char *problem = typed_problem (typed);

      if (problem != NULL)
        {
          show_error (self, problem);
          gtk_widget_grab_focus (GTK_WIDGET (self->server_entry));
          return;
        }
      choose (self, typed);
    }
  else if (row != NULL)
    choose (self, gx_open_workspace_dialog_get_row_location (row));
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  gtk_file_filter_set_name (filter, _("Workspaces"));
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_suffix (filter, "db");
  g_list_store_append (filters, filter);
  gx_dialogs_open_file (GTK_WINDOW (widget), _("Open Workspace"), _("_Open"), NULL,
                        G_LIST_MODEL (filters), file_chosen_cb, NULL);
}

/* GObject -------------------------------------------------------------------- */

static void
gx_open_workspace_dialog_dispose (GObject *object)
{
  GxOpenWorkspaceDialog *self = GX_OPEN_WORKSPACE_DIALOG (object);

  /* the list's rows go before the entry: nothing to say then */
  if (self->recent_list != NULL)
    g_signal_handlers_disconnect_by_data (self->recent_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), GX_TYPE_OPEN_WORKSPACE_DIALOG);
  G_OBJECT_CLASS (gx_open_workspace_dialog_parent_class)->dispose (object);
}

static void
gx_open_workspace_dialog_class_init (GxOpenWorkspaceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_open_workspace_dialog_dispose;

  /**
   * GxOpenWorkspaceDialog::open:
   * @location: the path or the PostgreSQL location chosen
   */
  signals[SIGNAL_OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/GxReports/gx-open-workspace-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxOpenWorkspaceDialog, recent_list);
  gtk_widget_class_bind_template_child (widget_class, GxOpenWorkspaceDialog, server_entry);
  gtk_widget_class_bind_template_child (widget_class, GxOpenWorkspaceDialog, hint_stack);
  gtk_widget_class_bind_template_child (widget_class, GxOpenWorkspaceDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, recent_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_open_workspace_dialog_init (GxOpenWorkspaceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_name (GTK_WIDGET (self), "gx-open-workspace");
}

/* Public API ------------------------------------------------------------------- */

GxOpenWorkspaceDialog *
gx_open_workspace_dialog_new (GtkWindow *parent,
                              GSettings *settings)
{
  GxOpenWorkspaceDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GX_TYPE_OPEN_WORKSPACE_DIALOG, "transient-for", parent, NULL);
  fill_recent (self, settings);
  update_open (self);
  return self;
}

GtkListBox *
gx_open_workspace_dialog_get_recent_list (GxOpenWorkspaceDialog *self)
{
  g_return_val_if_fail (GX_IS_OPEN_WORKSPACE_DIALOG (self), NULL);
  return self->recent_list;
}

const char *
gx_open_workspace_dialog_get_row_location (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), LOCATION_KEY);
}

GtkEditable *
gx_open_workspace_dialog_get_server_entry (GxOpenWorkspaceDialog *self)
{
  g_return_val_if_fail (GX_IS_OPEN_WORKSPACE_DIALOG (self), NULL);
  return GTK_EDITABLE (self->server_entry);
}

const char *
gx_open_workspace_dialog_get_error (GxOpenWorkspaceDialog *self)
{
  g_return_val_if_fail (GX_IS_OPEN_WORKSPACE_DIALOG (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->hint_stack), "error") != 0)
    return NULL;
  return gtk_label_get_text (self->error_label);
}
