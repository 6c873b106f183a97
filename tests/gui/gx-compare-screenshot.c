/* gx-compare-screenshot.c: renders the comparison view to a PNG for the
 * README (data/screenshots/compare*.png)
 *
 *   gx-compare-screenshot OUT.png DATADIR
 *
 * Compares three years of a demonstration issuer made of the samples:
 * Miyun 2020 (the 2019 form), Miyun 2021 and Haidian 2022 (the 2021 form).  Run under Xvfb; with LANGUAGE=zh_CN
 * GX_LOCALEDIR=<build>/po for Chinese.
 */
#include "gx-config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-compare-window.h"
#include "gx-reader.h"

static gboolean done;

static gboolean
render_cb (gpointer data)
{
  GtkWidget *window = data;
  const char *out = g_object_get_data (G_OBJECT (window), "out");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, out);
  done = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  /* a demonstration issuer made of three samples, so that the figures
   * change from year to year: not any government's real series */
  static const char *const samples[] = { "miyun-2020-format2019.txt", "miyun-2021.txt",
                                         "haidian-2022.txt" };
  static const int years[] = { 2020, 2021, 2022 };
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *workspace = NULL;
  g_autofree char *issuer = NULL;
  const char *localedir = g_getenv ("GX_LOCALEDIR");
  GxCompareWindow *window;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 3)
    {
      g_printerr ("usage: %s OUT.png DATADIR\n", argv[0]);
      return 2;
    }
  gtk_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/GxReports/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  tmpdir = g_dir_make_tmp ("gx-shot-XXXXXX", &error);
  g_assert_no_error (error);
  workspace = g_build_filename (tmpdir, "workspace.db", NULL);
  store = gx_workspace_open (workspace, FALSE, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_build_filename (argv[2], samples[i], NULL);
      g_autoptr(GxReport) report = gx_reader_read_path (path, &error);

      if (report == NULL)
        g_error ("%s", error->message);
      gx_report_set_issuer (report, "示例区人民政府（演示）");
      gx_report_set_year (report, years[i]);
      if (!gx_workspace_save_report (store, report, &error))
        g_error ("%s", error->message);
      g_free (issuer);
      issuer = g_strdup (gx_report_get_issuer (report));
    }

  window = gx_compare_window_new (store, issuer);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 820);
  gtk_window_present (GTK_WINDOW (window));

  g_object_set_data (G_OBJECT (window), "out", argv[1]);
  g_timeout_add (1000, render_cb, window);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_unlink (workspace);
  g_autofree char *wal = g_strconcat (workspace, "-wal", NULL);
  g_autofree char *shm = g_strconcat (workspace, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (tmpdir);
  return 0;
}
