/* gx-report-detail.h: the statistical tables of one report, and its findings
 *
 * Sections 二, 三 and 四 drawn read-only as the official form (the grids of
 * gx-form-layout.c, which the Word export and the printed sheets share:
 * section 二 as its small tables, the header groups and merged row groups
 * of section 三, the three header rows of section 四).  Cells involved in a finding carry the CSS class
 * finding-error/finding-warning/finding-note and the messages as tooltip;
 * activating a finding scrolls its cell into view and marks it finding-focus.
 */
#pragma once

#include <gtk/gtk.h>

#include "gx-report.h"
#include "gx-review.h"
#include "gx-workspace.h"

G_BEGIN_DECLS

#define GX_TYPE_REPORT_DETAIL (gx_report_detail_get_type ())
G_DECLARE_FINAL_TYPE (GxReportDetail, gx_report_detail, GX, REPORT_DETAIL, GtkWidget)

GtkWidget  *gx_report_detail_new              (void);

/* @report: (nullable): a whole report whose findings are computed */
void        gx_report_detail_set_report       (GxReportDetail *self,
                                               GxReport       *report);
GxReport   *gx_report_detail_get_report       (GxReportDetail *self);

/* The findings listed below the tables (a GListModel of GxFinding):
 * without the dismissed ones unless show-dismissed. */
GListModel *gx_report_detail_get_findings     (GxReportDetail *self);
/* Brings the cell of finding @position into view and highlights it. */
void        gx_report_detail_activate_finding (GxReportDetail *self,
                                               guint           position);
/* the cell highlighted by the last activated finding, or -1 */
int         gx_report_detail_get_focus_cell   (GxReportDetail *self);

/* The widget currently showing @cell, or NULL (for tests). */
GtkWidget  *gx_report_detail_get_cell_widget  (GxReportDetail *self,
                                               guint           cell);

/* Reviews: the workspace the decisions are recorded in (the
 * main window's connection), or NULL: then findings cannot be reviewed. */
/* The label showing @rate (a GxRate of gx-rates.h) under the tables, for
 * tests. */
GtkWidget  *gx_report_detail_get_rate_widget  (GxReportDetail *self,
                                               guint           rate);
void        gx_report_detail_set_store        (GxReportDetail *self,
                                               GxWorkspace        *store);
/* Records a decision on @finding (of the report shown) and updates the
 * list and the cells: a dismissed finding is hidden unless show-dismissed. */
gboolean    gx_report_detail_review_finding   (GxReportDetail *self,
                                               GxFinding      *finding,
                                               GxReviewState   state,
                                               const char     *note,
                                               GError        **error);
void        gx_report_detail_set_show_dismissed (GxReportDetail *self,
                                                 gboolean        show_dismissed);
gboolean    gx_report_detail_get_show_dismissed (GxReportDetail *self);

/* What a finding's row says under its message: the sentence of the text
 * it read, or the line of the source its cell's value came from
 * ("Line 434 of the source"); NULL when neither is known. */
char       *gx_report_detail_dup_finding_source (GxReport  *report,
                                                 GxFinding *finding);

/* The legend of the cell colours (for tests) */
GtkWidget  *gx_report_detail_get_legend       (GxReportDetail *self);

/* The divider between the tables and the findings (the window keeps its
 * position in GSettings). */
GtkPaned   *gx_report_detail_get_paned        (GxReportDetail *self);

G_END_DECLS
