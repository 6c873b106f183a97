/* test-open-workspace.c: Open Workspace, the recent workspaces and a
 * server's password (issue 15)
 *
 * The dialog (Ctrl+O) lists the recent workspaces of GSettings (the memory
 * backend), files and servers alike, most recent first, a file that is
 * gone greyed out, an entry holding a password never; what is typed must
 * be a server's location without a password.  A location typed there
 * opens in the window and goes first in the recent ones.  A server that
 * asks for a password (a role of the test server's, gx-test-pg.h) is
 * answered in the password dialog; a wrong password is asked again with
 * the server's words; the import's worker connection gets the password
 * too; the password is nowhere in GSettings.  The server parts are
 * skipped with a message when the server binaries are absent.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-backend.h"
#include "gx-password-dialog.h"
#include "gx-pg-store.h"
#include "gx-schema.h"
#include "gx-test-pg.h"
#include "gx-window-private.h"
#include "../gx-test-fs.h"

#define PASSWORD "Zq8-clerk-secret"

static GxTestPg *server;
static char *server_skip;
static char *tmpdir;

/* Helpers -------------------------------------------------------------------- */

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* With GX_TEST_SCREENSHOTS=DIR, the screen as it is now to DIR/@name.png
 * (to look at the dialogs; needs ImageMagick's import). */
static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("GX_TEST_SCREENSHOTS");
  g_autofree char *png = NULL;
  g_autofree char *command = NULL;

  if (dir == NULL)
    return;
  for (guint i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }
  png = g_strdup_printf ("%s/%s.png", dir, name);
  command = g_strdup_printf ("import -window root %s", png);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

static GtkWindow *
find_toplevel (GType type)
{
  GtkWindow *found = NULL;

  drain ();
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

static GxWindow *
new_window (void)
{
  GxWindow *window = g_object_ref (gx_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
end_window (GxWindow *window)
{
  while (gx_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_assert_finalize_object (window);
}

/* Ctrl+O's action, and the dialog it shows */
static GxOpenWorkspaceDialog *
open_dialog (GxWindow *window)
{
  GxOpenWorkspaceDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-workspace", NULL));
  dialog = (GxOpenWorkspaceDialog *) find_toplevel (GX_TYPE_OPEN_WORKSPACE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

/* What the dialog lists, in order; @sensitive: whether each row can be
 * chosen ('1' or '0') */
static GStrv
listed (GxOpenWorkspaceDialog *dialog,
        GString               *sensitive)
{
  GtkListBox *list = gx_open_workspace_dialog_get_recent_list (dialog);
  g_autoptr(GStrvBuilder) rows = g_strv_builder_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      g_strv_builder_add (rows, gx_open_workspace_dialog_get_row_location (row));
      if (sensitive)
        g_string_append_c (sensitive, gtk_widget_get_sensitive (GTK_WIDGET (row)) ? '1' : '0');
    }
  return g_strv_builder_end (rows);
}

static GStrv
recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_strv (settings, "recent-workspaces");
}

static void
reset_recent (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "recent-workspaces");
}

/* Types @location in the dialog's server entry and presses Open. */
static void
type_and_open (GxOpenWorkspaceDialog *dialog,
               const char            *location)
{
  gtk_editable_set_text (gx_open_workspace_dialog_get_server_entry (dialog), location);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.open", NULL));
  drain ();
}

static void
import_sample (GxWindow   *window,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gx_window_import_files (window, &file, 1);
  while (gx_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

/* Tests ---------------------------------------------------------------------- */

/* The dialog lists GSettings' recent workspaces; a row chosen opens. */
static void
test_recent_list (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *here = g_build_filename (tmpdir, "here.db", NULL);
  g_autofree char *gone = g_build_filename (tmpdir, "gone.db", NULL);
  const char *server_location = "postgresql://clerk@db.example/gxreports";
  const char *stored[] = {
    here, server_location, gone, "postgresql://clerk:hunter2@db.example/other",
    "host=db.example dbname=gx password=hunter2", NULL,
  };
  g_autoptr(GString) sensitive = g_string_new (NULL);
  g_auto(GStrv) rows = NULL;
  g_auto(GStrv) after = NULL;
  GxOpenWorkspaceDialog *dialog;
  GxWindow *window;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GxWorkspace) made = gx_workspace_open (here, FALSE, &error);

    g_assert_no_error (error);
  }
  g_settings_set_strv (settings, "recent-workspaces", stored);
  window = new_window ();
  dialog = open_dialog (window);
  screenshot ("open-workspace-recent");

  /* most recent first; the file that is gone shown greyed out; the
   * entries holding a password not at all */
  rows = listed (dialog, sensitive);
  g_assert_cmpuint (g_strv_length (rows), ==, 3);
  g_assert_cmpstr (rows[0], ==, here);
  g_assert_cmpstr (rows[1], ==, server_location);
  g_assert_cmpstr (rows[2], ==, gone);
  g_assert_cmpstr (sensitive->str, ==, "110");

  /* typed: a server's location, without a password */
  type_and_open (dialog, "/some/file.db");
  g_assert_nonnull (gx_open_workspace_dialog_get_error (dialog));
  g_assert_true (find_toplevel (GX_TYPE_OPEN_WORKSPACE_DIALOG) == GTK_WINDOW (dialog));
  type_and_open (dialog, "postgresql://clerk:hunter2@db.example/gxreports");
  g_assert_nonnull (gx_open_workspace_dialog_get_error (dialog));
  g_assert_nonnull (strstr (gx_open_workspace_dialog_get_error (dialog), "password"));
  screenshot ("open-workspace-error");
  g_assert_null (gx_window_get_store (window));

  /* the file chosen in the list opens, and goes first */
  gtk_editable_set_text (gx_open_workspace_dialog_get_server_entry (dialog), "");
  gtk_list_box_select_row (gx_open_workspace_dialog_get_recent_list (dialog),
                           gtk_list_box_get_row_at_index (gx_open_workspace_dialog_get_recent_list (dialog), 0));
  g_assert_null (gx_open_workspace_dialog_get_error (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.open", NULL));
  drain ();
  g_assert_null (find_toplevel (GX_TYPE_OPEN_WORKSPACE_DIALOG));
  g_assert_nonnull (gx_window_get_store (window));
  g_assert_cmpstr (gx_workspace_get_location (gx_window_get_store (window)), ==, here);
  after = recent ();
  g_assert_cmpstr (after[0], ==, here);
  /* what held a password is not kept either */
  for (guint i = 0; after[i] != NULL; i++)
    g_assert_null (strstr (after[i], "hunter2"));

  end_window (window);
  reset_recent ();
}

/* Every workspace opened goes first, once; ten are kept. */
static void
test_recent_order (void)
{
  GxWindow *window = new_window ();
  g_autofree char *first = g_build_filename (tmpdir, "ws-0.db", NULL);
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("ws-%u.db", i);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (gx_window_open_workspace (window, path, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gx_window_open_workspace (window, first, NULL));
  list = recent ();
  g_assert_cmpuint (g_strv_length (list), ==, 10);
  g_assert_cmpstr (list[0], ==, first);
  g_assert_true (g_str_has_suffix (list[1], "ws-11.db"));
  g_assert_true (g_str_has_suffix (list[9], "ws-3.db"));
  for (guint i = 1; list[i] != NULL; i++)
    g_assert_cmpstr (list[i], !=, first);

  end_window (window);
  reset_recent ();
}

/* A server's location typed in the dialog opens in the window. */
static void
test_open_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *shown = NULL;
  g_auto(GStrv) after = NULL;
  GxOpenWorkspaceDialog *dialog;
  GxWindow *window;

  if (server == NULL)
    {
      g_test_skip (server_skip);
      return;
    }
  location = gx_test_pg_new_db (server, TRUE, &error);
  g_assert_no_error (error);

  window = new_window ();
  dialog = open_dialog (window);
  type_and_open (dialog, location);
  g_assert_null (find_toplevel (GX_TYPE_OPEN_WORKSPACE_DIALOG));
  g_assert_nonnull (gx_window_get_store (window));
  g_assert_cmpstr (gx_workspace_get_location (gx_window_get_store (window)), ==, location);
  /* the window says which database, not a file name */
  shown = gx_pg_location_display (location);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (window->subtitle_label), shown));

  after = recent ();
  g_assert_cmpstr (after[0], ==, location);

  /* and it is listed, first, the next time */
  dialog = open_dialog (window);
  {
    g_auto(GStrv) rows = listed (dialog, NULL);

    g_assert_cmpstr (rows[0], ==, location);
  }
  gtk_window_close (GTK_WINDOW (dialog));
  drain ();
  g_assert_null (find_toplevel (GX_TYPE_OPEN_WORKSPACE_DIALOG));

  end_window (window);
  reset_recent ();
}

/* Answers the password dialog shown with @password. */
static GxPasswordDialog *
password_dialog (void)
{
  GxPasswordDialog *dialog = (GxPasswordDialog *) find_toplevel (GX_TYPE_PASSWORD_DIALOG);

  g_assert_nonnull (dialog);
  return dialog;
}

static void
answer (GxPasswordDialog *dialog,
        const char       *password)
{
  gtk_editable_set_text (gx_password_dialog_get_entry (dialog), password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.connect", NULL));
  drain ();
}

/* No trace of @secret in any key of the app's settings. */
static void
assert_not_in_settings (const char *secret)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

/* A server asking for a password: asked, answered wrong, asked again with
 * the server's words, answered right: opened; the import's own
 * connection gets in too. */
static void
test_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_auto(GStrv) after = NULL;
  GxOpenWorkspaceDialog *dialog;
  GxPasswordDialog *asked;
  GxWindow *window;

  if (server == NULL)
    {
      g_test_skip (server_skip);
      return;
    }
  location = gx_test_pg_new_password_db (server, "clerk", PASSWORD, FALSE, &error);
  g_assert_no_error (error);

  window = new_window ();
  dialog = open_dialog (window);
  type_and_open (dialog, location);
  g_assert_null (gx_window_get_store (window));

  /* asked, first without a message */
  asked = password_dialog ();
  g_assert_cmpstr (gx_password_dialog_get_location (asked), ==, location);
  g_assert_null (gx_password_dialog_get_message (asked));
  screenshot ("password");

  /* a wrong one: asked again, with the server's words */
  answer (asked, "not-the-password");
  g_assert_null (gx_window_get_store (window));
  asked = password_dialog ();
  g_assert_nonnull (gx_password_dialog_get_message (asked));
  g_assert_nonnull (strstr (gx_password_dialog_get_message (asked), "password authentication failed"));
  g_assert_null (strstr (gx_password_dialog_get_message (asked), "not-the-password"));
  g_assert_false (gx_backend_has_password (location));
  screenshot ("password-again");

  /* the right one: opened, listed first in the recent ones */
  answer (asked, PASSWORD);
  g_assert_null (find_toplevel (GX_TYPE_PASSWORD_DIALOG));
  g_assert_nonnull (gx_window_get_store (window));
  g_assert_cmpstr (gx_workspace_get_location (gx_window_get_store (window)), ==, location);
  after = recent ();
  g_assert_cmpstr (after[0], ==, location);

  /* the importer's worker opens a connection of its own on it */
  import_sample (window, "haidian-2022.txt");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gx_window_get_store (window))), ==, 1);
  {
    g_autofree char *failures = gx_window_dup_failures_text (window);

    g_assert_true (failures == NULL || *failures == '\0');
  }

  /* nowhere in the settings */
  assert_not_in_settings (PASSWORD);
  assert_not_in_settings ("not-the-password");

  end_window (window);
  gx_backend_set_password (location, NULL);
  reset_recent ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("gx-open-workspace-state-XXXXXX", NULL);
  g_autofree char *pgpass = NULL;
  int status;

  /* editor drafts stay out of the user's folders; libpq finds no password
   * of the user's (~/.pgpass, PGPASSWORD) */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  tmpdir = g_dir_make_tmp ("gx-open-workspace-XXXXXX", NULL);
  pgpass = g_build_filename (tmpdir, "no-pgpass", NULL);
  g_setenv ("PGPASSFILE", pgpass, TRUE);
  g_unsetenv ("PGPASSWORD");
  g_unsetenv ("PGSERVICE");

  gtk_test_init (&argc, &argv, NULL);
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  gx_schema_set_prefers_chinese (0);

  server = gx_test_pg_start (&server_skip);
  if (server == NULL)
    g_test_message ("PostgreSQL tests skipped: %s", server_skip);

  g_test_add_func ("/gui/open-workspace/recent-list", test_recent_list);
  g_test_add_func ("/gui/open-workspace/recent-order", test_recent_order);
  g_test_add_func ("/gui/open-workspace/server", test_open_server);
  g_test_add_func ("/gui/open-workspace/password", test_password);

  status = g_test_run ();
  gx_test_pg_stop (server);
  g_free (server_skip);
  gx_test_remove_tree (tmpdir);
  gx_test_remove_tree (state);
  g_free (tmpdir);
  return status;
}
