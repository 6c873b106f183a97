/* gx-report-list.h: the list of reports of the workspace (a GtkColumnView)
 *
 * The workspace's list (GxWorkspace, a GListModel of GxReport summaries)
 * → GtkFilterListModel (search on the issuer, "only
 * reports with problems") → GtkSortListModel (the column view's sorter) →
 * GtkSingleSelection.  Every column sorts with a GtkStringSorter or a
 * GtkNumericSorter, which precompute their keys: 100,000 rows sort fast.
 */
#pragma once

#include <gtk/gtk.h>

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_TYPE_REPORT_LIST (gx_report_list_get_type ())
G_DECLARE_FINAL_TYPE (GxReportList, gx_report_list, GX, REPORT_LIST, GtkWidget)

GtkWidget   *gx_report_list_new               (void);

/* Lists @reports (the workspace's list: a GListModel of GxReport
 * summaries; NULL: none) and follows its ::items-changed, keeping the
 * search, filters, sort and the report selected. */
void         gx_report_list_set_model         (GxReportList *self,
                                               GListModel   *reports);
gboolean     gx_report_list_contains_id       (GxReportList *self,
                                               gint64        id);

void         gx_report_list_set_search        (GxReportList *self,
                                               const char   *text);
/* The search also matches the year (2021, or 202 for the 2020s) and the spellings merged with an
 * issuer (gx_report_list_set_aliases()), as gx_issuer_normalize() folds
 * them (密云区政府 finds 北京市密云区人民政府). */
const char  *gx_report_list_get_search       (GxReportList *self);
/* Only the reports of @year (0: every year). */
void         gx_report_list_set_year         (GxReportList *self,
                                              int           year);
int          gx_report_list_get_year         (GxReportList *self);
/* The years of the reports listed, latest first (a GArray of int). */
GArray      *gx_report_list_dup_years        (GxReportList *self);
/* The workspace's merges of issuer spellings: alias → canonical, both
 * normalised (gx_workspace_load_aliases()); NULL: none.  Not kept. */
void         gx_report_list_set_aliases      (GxReportList *self,
                                              GHashTable   *aliases);
/* Whether a search or filter hides some reports */
gboolean     gx_report_list_get_filtered     (GxReportList *self);
void         gx_report_list_set_only_problems (GxReportList *self,
                                               gboolean      only_problems);

/* Column ids: "issuer", "year", "new", "results", "carried", "review",
 * "litigation", "problems". */
void         gx_report_list_sort_by           (GxReportList *self,
                                               const char   *column_id,
                                               GtkSortType   direction);

/* Every report, unfiltered (a GListModel of GxReport). */
GListModel  *gx_report_list_get_reports       (GxReportList *self);
/* What is shown, in the order shown. */
GListModel  *gx_report_list_get_visible       (GxReportList *self);
guint        gx_report_list_get_n_visible     (GxReportList *self);

GxReport    *gx_report_list_get_selected      (GxReportList *self);
void         gx_report_list_select            (GxReportList *self,
                                               guint         position);
GtkColumnView *gx_report_list_get_column_view (GxReportList *self);

G_END_DECLS
