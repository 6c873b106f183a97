/* gx-window-private.h: what gx-window.c, gx-window-actions.c and
 * gx-window-dnd.c share */
#pragma once

#include "gx-compare-window.h"
#include "gx-window.h"

G_BEGIN_DECLS

struct _GxWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkToggleButton *search_button;
  GtkDropDown *year_dropdown;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkRevealer *progress_revealer;
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkRevealer *result_revealer;
  GtkLabel *result_label;
  GtkImage *result_icon;
  GtkExpander *failures_expander;
  GtkLabel *failures_label;
  GtkStack *main_stack;
  GtkWidget *empty_page;
  GtkPaned *reports_paned;    /* the list over the report shown */
  GxReportList *report_list;
  GxReportDetail *report_detail;

  GSettings *settings;

  GxWorkspace *store;             /* the main thread's connection */
  GHashTable *editors;        /* report id → its open GxEditorWindow */
  GxImporter *importer;
  GCancellable *import_cancellable;
  GPtrArray *import_queue;    /* GFile: given while an import ran */
  guint pulse_id;
  GPtrArray *pending_rows;    /* GxReport: committed, not yet listed */
  guint rows_idle;
  /* the importer is done, the last rows are still being listed: the import
   * ends (result shown, next import started) once they are */
  gboolean finish_pending;
  gboolean finish_cancelled;

  gboolean only_problems;

  /* the year selector: the years it offers after "All Years" */
  GArray *years;
  guint years_idle;
  gboolean setting_years;

  /* changes other processes make to the workspace (gx-window.c) */
  guint watch_id;
  gint64 data_version;
};

/* gx-window-actions.c */
void gx_window_class_add_actions (GtkWidgetClass *widget_class);
void gx_window_update_actions    (GxWindow       *self);

/* gx-window-dnd.c */
void gx_window_setup_dnd         (GxWindow       *self);
/* what the drop handler does with a GDK_TYPE_FILE_LIST value */
gboolean gx_window_drop_value    (GxWindow       *self,
                                  const GValue   *value);

/* gx-window.c */
void gx_window_show_error        (GxWindow       *self,
                                  const char     *primary,
                                  const char     *secondary);
/* A message in the bar under the header (what an export wrote) */
void gx_window_show_notice       (GxWindow       *self,
                                  const char     *text);
/* the selected report, or every report shown when none is selected */
GArray *gx_window_dup_target_ids (GxWindow       *self);
/* every report the list shows (after search and filter) */
GArray *gx_window_dup_visible_ids (GxWindow      *self);
/* the years of the reports the list shows, latest first, each once (int) */
GArray *gx_window_dup_visible_years (GxWindow    *self);
/* what Print Roll-up adds up for @year: the reports shown of that year */
GArray *gx_window_dup_rollup_ids (GxWindow       *self,
                                  int             year);

/* Looks whether another process (or connection) changed the workspace and
 * brings the list up to date; the timer of the window calls it twice a
 * second, and so does the window getting the focus. */
void gx_window_check_workspace (GxWindow *self);
/* Reads the workspace's list again (gx_workspace_reload()) and the
 * issuer merges. */
void gx_window_sync_workspace  (GxWindow *self);

/* Reads the issuer merges again, which the search matches. */
void gx_window_load_aliases    (GxWindow *self);
/* Shows the report selected in the list, loaded from the workspace (or
 * nothing when none is selected). */
void gx_window_show_selected   (GxWindow *self);

/* Stores where the dividers of the list and of the findings are (the
 * window does when it is closed). */
void gx_window_save_layout (GxWindow *self);

/* gx-window-editing.c */
void gx_window_class_add_editing_actions (GtkWidgetClass *widget_class);
void gx_window_init_editing              (GxWindow       *self);

/* gx-window-open.c */
void gx_window_class_add_open_actions (GtkWidgetClass *widget_class);

/* gx-window-compare.c */
void gx_window_class_add_compare_actions (GtkWidgetClass *widget_class);
void gx_window_init_compare              (GxWindow       *self);
GxCompareWindow *gx_window_open_compare  (GxWindow       *self);

G_END_DECLS
