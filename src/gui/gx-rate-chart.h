/* gx-rate-chart.h: the rates of one issuer over the years, as lines
 *
 * A GtkDrawingArea drawn with cairo: one line a rate (gx-rates.h), years
 * along the x axis, percent up the y axis, a legend on the right.  A rate
 * that cannot be computed for a year leaves a gap in its line.
 */
#pragma once

#include <gtk/gtk.h>

#include "gx-rates.h"

G_BEGIN_DECLS

#define GX_TYPE_RATE_CHART (gx_rate_chart_get_type ())
G_DECLARE_FINAL_TYPE (GxRateChart, gx_rate_chart, GX, RATE_CHART, GtkDrawingArea)

GtkWidget *gx_rate_chart_new          (void);

/* @reports: GxReports of one issuer, ordered by year (may be empty) */
void       gx_rate_chart_set_reports  (GxRateChart *self,
                                       GPtrArray   *reports);
guint      gx_rate_chart_get_n_years  (GxRateChart *self);
/* the plotted value of @rate in year @index; FALSE: a gap */
gboolean   gx_rate_chart_get_value    (GxRateChart *self,
                                       GxRate       rate,
                                       guint        index,
                                       double      *value);
/* the top of the y axis, as a fraction (0.5 = 50%) */
double     gx_rate_chart_get_y_max    (GxRateChart *self);

/* What the drawing area draws, on any cairo context (tests, printing). */
void       gx_rate_chart_draw         (GxRateChart *self,
                                       cairo_t     *cr,
                                       int          width,
                                       int          height);

/* the colour of the line of @rate */
void       gx_rate_chart_get_rate_color (GxRate     rate,
                                         GdkRGBA   *color);

G_END_DECLS
