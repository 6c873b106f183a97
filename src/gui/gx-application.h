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

G_END_DECLS
