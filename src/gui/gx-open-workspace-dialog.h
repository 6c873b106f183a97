/* gx-open-workspace-dialog.h: what Open Workspace (Ctrl+O) asks
 *
 * The recent workspaces (gx-recent.h: files and servers alike, most recent
 * first; a file that is not there any more is listed, greyed out), Choose
 * File… (the file chooser of gx-dialogs.c) and an entry for the location
 * of a PostgreSQL server (a postgresql:// URI or a libpq conninfo, never
 * with a password).  The location chosen is given by ::open, and the
 * dialog then closes; Cancel closes it with nothing.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_OPEN_WORKSPACE_DIALOG (gx_open_workspace_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GxOpenWorkspaceDialog, gx_open_workspace_dialog, GX, OPEN_WORKSPACE_DIALOG,
                      GtkWindow)

/* Lists the recent workspaces of @settings ("recent-workspaces"). */
GxOpenWorkspaceDialog *gx_open_workspace_dialog_new (GtkWindow *parent,
                                                     GSettings *settings);

/* For tests: the list of recent workspaces (a row's location is
 * gx_open_workspace_dialog_get_row_location()), the server entry. */
GtkListBox  *gx_open_workspace_dialog_get_recent_list   (GxOpenWorkspaceDialog *self);
const char  *gx_open_workspace_dialog_get_row_location  (GtkListBoxRow         *row);
GtkEditable *gx_open_workspace_dialog_get_server_entry  (GxOpenWorkspaceDialog *self);
/* What the dialog says is wrong with what was typed; NULL when nothing. */
const char  *gx_open_workspace_dialog_get_error         (GxOpenWorkspaceDialog *self);

G_END_DECLS
