/* gx-compare-window.h: the years of one issuer side by side
 *
 * Every report of the chosen issuer in the workspace, ordered by year: the
 * figures of section 二, the 总计 column of every row of section 三 and the
 * totals of section 四, each year with its difference to the year before;
 * then the rates (gx-rates.h) and a chart of them over the years.
 */
#pragma once

#include <gtk/gtk.h>

#include "gx-rates.h"
#include "gx-rate-chart.h"
#include "gx-workspace.h"

G_BEGIN_DECLS

#define GX_TYPE_COMPARE_WINDOW (gx_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (GxCompareWindow, gx_compare_window, GX, COMPARE_WINDOW, GtkWindow)

/* Reads @store (the caller's connection, on the main thread).  @issuer:
 * (nullable): the issuer shown first; NULL: the first in the workspace. */
GxCompareWindow *gx_compare_window_new             (GxWorkspace         *store,
                                                    const char      *issuer);

/* Shows every year of @issuer (exact name).  Returns FALSE, showing an
 * error, when the workspace cannot be read. */
gboolean         gx_compare_window_set_issuer      (GxCompareWindow *self,
                                                    const char      *issuer);
const char      *gx_compare_window_get_issuer      (GxCompareWindow *self);
/* re-reads the issuers and the shown years from the workspace */
void             gx_compare_window_reload          (GxCompareWindow *self);

/* The GxReports shown, ordered by year. */
GPtrArray       *gx_compare_window_get_reports     (GxCompareWindow *self);
GxRateChart     *gx_compare_window_get_chart       (GxCompareWindow *self);

/* What the tables show (for tests): the value of @cell in @year, or its
 * difference to the year before with @difference; NULL when not shown. */
const char      *gx_compare_window_get_cell_text   (GxCompareWindow *self,
                                                    guint            cell,
                                                    int              year,
                                                    gboolean         difference);
const char      *gx_compare_window_get_rate_text   (GxCompareWindow *self,
                                                    GxRate           rate,
                                                    int              year,
                                                    gboolean         difference);

/* The comparison as the tables show it, a GStrv a row: the header (the
 * issuer, then each year and its change), the figures, an empty row, the
 * rates.  Empty when nothing is compared. */
GPtrArray       *gx_compare_window_dup_rows        (GxCompareWindow *self);
/* Those rows as CSV (UTF-8 with a BOM); Export as CSV… writes it. */
gboolean         gx_compare_window_write_csv       (GxCompareWindow  *self,
                                                    const char       *path,
                                                    GError          **error);
/* Prints those rows, the header of years on every page (Print… runs it
 * with the print dialog). */
GtkPrintOperation *gx_compare_window_print_operation_new (GxCompareWindow *self);
/* The overlay that keeps the row of years in view (for tests) */
GtkWidget       *gx_compare_window_get_frozen_header (GxCompareWindow *self);

G_END_DECLS
