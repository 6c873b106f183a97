/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-editor-screenshot.c: renders the form editor to a PNG for the README
 *
 *   gx-editor-screenshot MODE OUT.png
 *
 * MODE: clean (Anding's report, every total tying out), errors (two totals
 * broken and a refused value, scrolled into section 三 with its header rows
 * frozen, the highlight and the counts showing).  The window has its
 * default size (it fits a 1366×768 screen).  Run under Xvfb; with
 * LANG=C.UTF-8 LANGUAGE=zh_CN GX_LOCALEDIR=<build>/po for Chinese.  With
 * GX_SHOT_HOLD=SECONDS it stays that long after writing OUT.png, for
 * `import -window root` (what the README's pictures are):
 *
 *   xvfb-run -s "-screen 0 1366x768x24" sh -c \
 *     'GX_SHOT_HOLD=4 gx-editor-screenshot errors /tmp/x.png & sleep 3; import -window root shot.png'
 */
#include "gx-config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-editor-window.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "../test-samples.h"

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
  done = TRUE;
  if (node == NULL)
    {
      g_printerr ("nothing was drawn: %s not written\n", out);
      return G_SOURCE_REMOVE;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_save_to_png (texture, out);
  done = TRUE;
  return G_SOURCE_REMOVE;
}

static gint64
store_anding (const char *workspace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = gx_workspace_open (workspace, FALSE, &error);
  g_autoptr(GxReport) report = gx_report_new ();

  g_assert_no_error (error);
  gx_report_set_issuer (report, "北京市大兴区安定镇人民政府");
  gx_report_set_year (report, 2022);
  for (guint r = 0; anding_rows[r] != NULL; r++)
    {
      g_auto(GStrv) words = NULL;
      guint cells[16];
      guint n_columns = sample_row (anding_rows[r], GX_FORMAT_2021, cells, &words);

      for (guint c = 0; c < n_columns; c++)
        gx_report_set_text (report, cells[c], g_str_equal (words[c + 1], "_") ? "" : words[c + 1]);
    }
  g_assert_true (gx_workspace_save_report (store, report, &error));
  return gx_report_get_id (report);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *workspace = NULL;
  const char *localedir = g_getenv ("GX_LOCALEDIR");
  GxEditorWindow *editor;
  GxEditorForm *form;
  gboolean scroll_into_applications = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc != 3)
    {
      g_printerr ("usage: %s clean|errors|findings OUT.png\n", argv[0]);
      return 2;
    }
  tmpdir = g_dir_make_tmp ("gx-editor-shot-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_STATE_HOME", tmpdir, TRUE);
  gtk_init ();

  workspace = g_build_filename (tmpdir, "workspace.db", NULL);
  editor = gx_editor_window_new (NULL, workspace, store_anding (workspace), &error);
  g_assert_no_error (error);
  form = gx_editor_window_get_form (editor);

  if (g_str_equal (argv[1], "errors") || g_str_equal (argv[1], "findings"))
    {
      guint total = (guint) gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "total");
      guint review = (guint) gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "review", "total");
      guint person = (guint) gx_schema_find_cell (GX_SECTION_APPLICATIONS, "granted", "natural_person");
      GtkWidget *entry = gx_editor_form_get_cell_entry (form, person);

      gx_editor_form_set_cell_text (form, total, "14", NULL);
      gx_editor_form_set_cell_text (form, review, "2", NULL);
      /* typing that is refused: the message names the cell and what was
       * typed, the cell keeps its value */
      gx_editor_form_focus_cell (form, person);
      gtk_editable_set_text (GTK_EDITABLE (entry), "1O0");
      gx_editor_form_flush_input (form);
      scroll_into_applications = TRUE;
    }
  else
    gx_editor_form_focus_cell (form, (guint) gx_schema_find_cell (GX_SECTION_APPLICATIONS,
                                                                   "granted", "natural_person"));

  g_object_set_data_full (G_OBJECT (editor), "out", g_strdup (argv[2]), g_free);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  if (scroll_into_applications)
    {
      /* rows of 三 under its frozen header rows */
      GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (form), GTK_TYPE_SCROLLED_WINDOW);
      GtkWidget *table = gx_editor_form_get_table (form, GX_SECTION_APPLICATIONS, NULL);
      GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      graphene_point_t top;

      if (gtk_widget_compute_point (table, scroller, &GRAPHENE_POINT_INIT (0, 0), &top))
        gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + top.y + 2);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
    }
  if (g_str_equal (argv[1], "findings"))
    gx_editor_window_show_findings (editor);
  /* after the message has faded in */
  g_timeout_add (600, render_cb, editor);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  if (g_getenv ("GX_SHOT_HOLD") != NULL)
    {
      gint64 end = g_get_monotonic_time () + g_ascii_strtoll (g_getenv ("GX_SHOT_HOLD"), NULL, 10) * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE), g_usleep (10000);
    }

  gtk_window_destroy (GTK_WINDOW (editor));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_remove (workspace);
  return 0;
}
