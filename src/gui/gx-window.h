/* gx-window.h: the main window: the report list, the detail pane, imports */
#pragma once

#include <gtk/gtk.h>

#include "gx-application.h"
#include "gx-importer.h"
#include "gx-open-workspace-dialog.h"
#include "gx-report-detail.h"
#include "gx-report-list.h"
#include "gx-workspace.h"

G_BEGIN_DECLS

#define GX_TYPE_WINDOW (gx_window_get_type ())
G_DECLARE_FINAL_TYPE (GxWindow, gx_window, GX, WINDOW, GtkApplicationWindow)

/* @application: (nullable): tests make windows without an application */
GxWindow       *gx_window_new               (GxApplication *application);

/* Opens (or creates) the workspace at @path (a file, or a PostgreSQL
 * location) and lists its reports; puts it first in the recent
 * workspaces. */
gboolean        gx_window_open_workspace    (GxWindow      *self,
                                             const char    *path,
                                             GError       **error);
/* What a location chosen in Open Workspace or given to the app comes to:
 * opens it, asking for the server's password when it wants one (again,
 * with the server's words, when it refused the one given), and says why
 * when it cannot.  (gx-window-open.c) */
void            gx_window_open_location     (GxWindow      *self,
                                             const char    *location);
/* Open Workspace (Ctrl+O): the dialog of the recent workspaces, Choose
 * File… and a server's location. */
GxOpenWorkspaceDialog *gx_window_show_open_dialog (GxWindow *self);
GxWorkspace        *gx_window_get_store         (GxWindow      *self);

/* The one way in for reports: the Import button, dropped files and the
 * command line all end here.  Folders are walked by the worker.  Files
 * given while an import runs are imported after it. */
void            gx_window_import_files      (GxWindow      *self,
                                             GFile        **files,
                                             guint          n_files);
void            gx_window_cancel_import     (GxWindow      *self);
gboolean        gx_window_get_importing     (GxWindow      *self);
/* Imports again, replacing, the files of the last import that held a new
 * version of a report of the workspace (what the question after such an
 * import offers). */
void            gx_window_replace_conflicts (GxWindow      *self);
GxImporter     *gx_window_get_importer      (GxWindow      *self);

GxReportList   *gx_window_get_report_list   (GxWindow      *self);
GxReportDetail *gx_window_get_report_detail (GxWindow      *self);
/* "empty" or "reports" */
const char     *gx_window_get_page          (GxWindow      *self);
/* The messages of the files that failed in the last import, one a line. */
char           *gx_window_dup_failures_text (GxWindow      *self);

/* Only the reports of @year (0: every year), as the year selector does */
void            gx_window_set_year          (GxWindow      *self,
                                             int            year);
void            gx_window_set_search        (GxWindow      *self,
                                             const char    *text);
void            gx_window_set_only_problems (GxWindow      *self,
                                             gboolean       only_problems);

/* Opens the form editor on report @id (0: a new report), or brings its
 * editor forward when one is open.  NULL (and a message to the user) when
 * the report cannot be edited.  (gx-window-editing.c) */
struct _GxEditorWindow *gx_window_edit_report (GxWindow *self,
                                               gint64    id);

/* Publishing: what Export as Word… and Export as Excel… do once
 * a file is chosen.  DOCX writes the selected report (or the one report the
 * list shows), XLSX every report the list shows; on a worker thread, then
 * @callback, which calls gx_window_export_finish().  (gx-window-actions.c) */
typedef enum {
  GX_WINDOW_EXPORT_DOCX,
  GX_WINDOW_EXPORT_XLSX,
  GX_WINDOW_EXPORT_JSON,   /* every report of the workspace */
  GX_WINDOW_EXPORT_CSV,    /* every report of the workspace */
} GxWindowExport;

void            gx_window_export            (GxWindow            *self,
                                             GxWindowExport       format,
                                             GFile               *file,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean        gx_window_export_finish     (GxWindow            *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* The name Export… offers: the report's issuer and year (Word), the
 * workspace's name with the year chosen (the others) */
char           *gx_window_dup_export_name   (GxWindow            *self,
                                             GxWindowExport       format);
/* What Export… does once a file is chosen: writes it, then says in the
 * window's message bar what it wrote and where (or shows the error). */
void            gx_window_export_to_file    (GxWindow            *self,
                                             GxWindowExport       format,
                                             GFile               *file);
/* The folder Export… opens in: the last one exported to, else the user's
 * documents folder */
GFile          *gx_window_dup_export_folder (GxWindow            *self);

G_END_DECLS
