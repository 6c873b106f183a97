/* gx-application.c: the GxReports application */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-application.h"
#include "gx-store.h"
#include "gx-workspace.h"
#include "editor/gx-editor-window.h"
#include "gx-window.h"

struct _GxApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (GxApplication, gx_application, GTK_TYPE_APPLICATION)

/* Helpers ------------------------------------------------------------------- */

static GxWindow *
ensure_window (GxApplication *self,
               const char    *workspace)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *default_path = NULL;

  if (window != NULL && GX_IS_WINDOW (window) && workspace == NULL)
    return GX_WINDOW (window);

  window = GTK_WINDOW (gx_window_new (self));
  if (workspace == NULL)
    workspace = default_path = gx_workspace_default_location ();

  /* the window first: a server's password, or why the workspace could
   * not be opened, is asked or said over it */
  gtk_window_present (window);
  gx_window_open_location (GX_WINDOW (window), workspace);
  return GX_WINDOW (window);
}

/* Actions ------------------------------------------------------------------- */

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *authors[] = { "The GxReports developers", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("GxReports"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Reads the annual reports on government information disclosure, checks their tables and keeps them in a workspace."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: put your names here, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* closing the windows lets them save their state and stop imports */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_entries[] = {
  { "about", about_activated },
  { "quit", quit_activated },
};

/* GApplication vfuncs ---------------------------------------------------------- */

static void
gx_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  G_APPLICATION_CLASS (gx_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);

  gtk_css_provider_load_from_resource (provider, "/com/example/GxReports/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_window_set_default_icon_name (APPLICATION_ID);
}

/* Editing sessions that ended without saving (a crash) are offered back
 * once the window shows its workspace. */
static void
offer_drafts (GxWindow *window)
{
  GxWorkspace *store = gx_window_get_store (window);

  if (store != NULL)
    gx_editor_restore_drafts_for_workspace (GTK_WINDOW (window), store);
}

static void
gx_application_activate (GApplication *application)
{
  GxWindow *window = ensure_window (GX_APPLICATION (application), NULL);

  gtk_window_present (GTK_WINDOW (window));
  offer_drafts (window);
}

static void
gx_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  GxApplication *self = GX_APPLICATION (application);
  g_autoptr(GPtrArray) reports = g_ptr_array_new ();
  g_autofree char *workspace = NULL;
  GxWindow *window;

  for (int i = 0; i < n_files; i++)
    {
      /* gxreports postgresql://clerk@db.example/gxreports */
      if (workspace == NULL &&
          (g_file_has_uri_scheme (files[i], "postgresql") || g_file_has_uri_scheme (files[i], "postgres")))
        workspace = g_file_get_uri (files[i]);
      else if (workspace == NULL && gx_application_is_workspace (files[i]))
        workspace = g_file_get_path (files[i]);
      else
        g_ptr_array_add (reports, files[i]);
    }

  window = ensure_window (self, workspace);
  if (reports->len > 0)
    gx_window_import_files (window, (GFile **) reports->pdata, reports->len);
  gtk_window_present (GTK_WINDOW (window));
  offer_drafts (window);
}

static void
gx_application_class_init (GxApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = gx_application_startup;
  app_class->activate = gx_application_activate;
  app_class->open = gx_application_open;
}

static void
gx_application_init (GxApplication *self)
{
}

/* Public API ------------------------------------------------------------------- */

void
gx_application_choose_renderer (void)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
}

GxApplication *
gx_application_new (void)
{
  return g_object_new (GX_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/com/example/GxReports",
                       NULL);
}

gboolean
gx_application_is_workspace (GFile *file)
{
  static const char magic[16] = "SQLite format 3";   /* with its NUL */
  g_autoptr(GFileInputStream) stream = NULL;
  char header[16];
  gsize n_read = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* a local file is asked of SQLite: it may be the workspace this process
   * has open, whose locks a read of our own would drop when closed */
  if (g_file_peek_path (file) != NULL)
    return gx_store_is_sqlite_file (g_file_peek_path (file));

  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read, NULL, NULL))
    return FALSE;
  return n_read == sizeof header && memcmp (header, magic, sizeof header) == 0;
}
