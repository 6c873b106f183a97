/* gx-application.h: the GxReports application
 *
 * `gxreports` opens the default workspace; `gxreports FILE...` imports the
 * report files and folders given, or opens the workspace (an SQLite file)
 * among them instead of the default one.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_APPLICATION (gx_application_get_type ())
G_DECLARE_FINAL_TYPE (GxApplication, gx_application, GX, APPLICATION, GtkApplication)

GxApplication *gx_application_new          (void);

/* TRUE when @file looks like a workspace (an SQLite database). */
gboolean       gx_application_is_workspace (GFile *file);

/* Chooses GTK's renderer before GTK starts, unless GSK_RENDERER is set:
 * the cairo renderer.  GxReports draws tables of text; many of the
 * machines it runs on (office PCs, virtual desktops on UOS and Kylin) have
 * no GPU driver, where GL means Mesa's llvmpipe rendering in software on
 * the same cores the import worker needs (measured: the longest main-loop
 * stall while importing 1,000 files was 160 ms with llvmpipe, under 50 ms
 * with cairo). */
void           gx_application_choose_renderer (void);

G_END_DECLS
