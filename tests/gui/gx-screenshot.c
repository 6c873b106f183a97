/* gx-screenshot.c: renders the main window to a PNG for the README
 *
 *   gx-screenshot MODE OUT.png DATADIR
 *
 * MODE: empty (a new workspace), samples (the five samples imported),
 * haidian (and Haidian selected, its error activated), miyun (searched for
 * by its short name 密云区政府, selected: the official form, the legend and
 * the findings with the sentence of the text they read).  Run under Xvfb; run
 * with LANG=C.UTF-8 LANGUAGE=zh_CN GX_LOCALEDIR=<build>/po for Chinese.
 */
#include "gx-config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-window.h"

static const char *const samples[] = {
  "anding-2022.txt", "beidaihe-2022-pipes.txt", "haidian-2022.txt",
  "miyun-2021.txt", "pinggu-2022.txt",
};

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
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *workspace = NULL;
  const char *localedir = g_getenv ("GX_LOCALEDIR");
  GxWindow *window;
  const char *mode;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 4)
    {
      g_printerr ("usage: %s empty|samples|haidian|miyun OUT.png DATADIR\n", argv[0]);
      return 2;
    }
  mode = argv[1];
  gtk_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/GxReports/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  tmpdir = g_dir_make_tmp ("gx-shot-XXXXXX", &error);
  g_assert_no_error (error);
  workspace = g_build_filename (tmpdir, "workspace.db", NULL);

  window = gx_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 820);
  if (!gx_window_open_workspace (window, workspace, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));

  if (g_strcmp0 (mode, "empty") != 0)
    {
      GFile *files[G_N_ELEMENTS (samples)];

      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        files[i] = g_file_new_build_filename (argv[3], samples[i], NULL);
      gx_window_import_files (window, files, G_N_ELEMENTS (samples));
      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        g_object_unref (files[i]);
      while (gx_window_get_importing (window))
        g_main_context_iteration (NULL, TRUE);
    }

  if (g_strcmp0 (mode, "haidian") == 0)
    {
      GxReportList *list = gx_window_get_report_list (window);
      GListModel *visible = gx_report_list_get_visible (list);
      GListModel *findings;

      for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
        {
          g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

          if (strstr (gx_report_get_issuer (report), "海淀"))
            gx_report_list_select (list, i);
        }
      findings = gx_report_detail_get_findings (gx_window_get_report_detail (window));
      for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
        {
          g_autoptr(GxFinding) finding = g_list_model_get_item (findings, i);

          if (gx_finding_get_severity (finding) == GX_SEVERITY_ERROR)
            {
              gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
              gx_report_detail_activate_finding (gx_window_get_report_detail (window), i);
              break;
            }
        }
    }

  if (g_strcmp0 (mode, "miyun") == 0)
    {
      GxReportList *list = gx_window_get_report_list (window);

      gx_window_set_search (window, "密云区政府");
      gx_report_list_select (list, 0);
    }

  g_object_set_data (G_OBJECT (window), "out", argv[2]);
  g_timeout_add (1000, render_cb, window);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (workspace);
  return 0;
}
