/* gx-rate-chart.c: the rates of one issuer over the years, as lines
 *
 * Nothing but numbers is kept: the years and, per rate and year, the value
 * or a gap.  Text (axis labels, legend) is laid out with Pango in the
 * widget's font, so Chinese labels use the system's CJK font.
 */
#include "gx-config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "gx-rate-chart.h"

struct _GxRateChart
{
  GtkDrawingArea parent_instance;

  GArray *years;                  /* int */
  GArray *values[GX_N_RATES];     /* double; NAN: not computed */
  double y_max;
  double y_step;
};

G_DEFINE_FINAL_TYPE (GxRateChart, gx_rate_chart, GTK_TYPE_DRAWING_AREA)

#define MARGIN 12.0
#define TICK_GAP 6.0
#define LEGEND_SWATCH 18.0

/* The GNOME palette: blue, green, orange, purple, red */
static const char *const rate_colors[GX_N_RATES] = {
  "#1c71d8", "#26a269", "#e66100", "#813d9c", "#c01c28",
};

/* Helpers ------------------------------------------------------------------- */

static PangoLayout *
make_layout (GxRateChart *self,
             cairo_t     *cr,
             const char  *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_cairo_update_layout (cr, layout);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* the axis step: 2% for small rates, 10% up to 100%, 50% above (figures
 * that do not tie out can give that) */
static double
y_step_for (double max)
{
  return max <= 0.1 ? 0.02 : max <= 1.0 ? 0.1 : 0.5;
}

static void
update_y_max (GxRateChart *self)
{
  double max = 0.0;

  for (guint r = 0; r < GX_N_RATES; r++)
    for (guint i = 0; i < self->values[r]->len; i++)
      {
        double v = g_array_index (self->values[r], double, i);

        if (!isnan (v))
          max = MAX (max, v);
      }
  self->y_step = y_step_for (max);
  self->y_max = MAX (ceil (max / self->y_step - 1e-9), 1) * self->y_step;
  if (max <= 0.1)
    self->y_max = 0.1;
}

static void
get_foreground (GxRateChart *self,
                GdkRGBA     *color)
{
  /* gtk_widget_get_color() is 4.10 (the condition of gx-dialogs.c); the
   * style context's color is 4.8's way */
#if GTK_CHECK_VERSION (4, 10, 0) && GDK_VERSION_MAX_ALLOWED >= G_ENCODE_VERSION (4, 10)
  gtk_widget_get_color (GTK_WIDGET (self), color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
#endif
}

/* an axis label: whole percents ("50%") */
static char *
format_tick (double value)
{
  /* Translators: a tick of the chart's percent axis: "50%" */
  return g_strdup_printf (_("%.0f%%"), value * 100.0);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  gx_rate_chart_draw (GX_RATE_CHART (area), cr, width, height);
}

/* GObject -------------------------------------------------------------------- */

static void
gx_rate_chart_finalize (GObject *object)
{
  GxRateChart *self = GX_RATE_CHART (object);

  g_array_unref (self->years);
  for (guint r = 0; r < GX_N_RATES; r++)
    g_array_unref (self->values[r]);

  G_OBJECT_CLASS (gx_rate_chart_parent_class)->finalize (object);
}

static void
gx_rate_chart_class_init (GxRateChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gx_rate_chart_finalize;
  gtk_widget_class_set_css_name (widget_class, "gxratechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gx_rate_chart_init (GxRateChart *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint r = 0; r < GX_N_RATES; r++)
    self->values[r] = g_array_new (FALSE, FALSE, sizeof (double));
  self->y_max = 0.1;
  self->y_step = 0.02;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self), 480);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 240);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Rates over the years"), -1);
}

/* Public API ------------------------------------------------------------------ */

GtkWidget *
gx_rate_chart_new (void)
{
  return g_object_new (GX_TYPE_RATE_CHART, NULL);
}

void
gx_rate_chart_set_reports (GxRateChart *self,
                           GPtrArray   *reports)
{
  g_return_if_fail (GX_IS_RATE_CHART (self));

  g_array_set_size (self->years, 0);
  for (guint r = 0; r < GX_N_RATES; r++)
    g_array_set_size (self->values[r], 0);

  for (guint i = 0; reports != NULL && i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      int year = gx_report_get_year (report);

      g_array_append_val (self->years, year);
      for (guint r = 0; r < GX_N_RATES; r++)
        {
          double value;

          if (!gx_rate_compute (report, r, NULL, NULL, &value))
            value = NAN;
          g_array_append_val (self->values[r], value);
        }
    }
  update_y_max (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
gx_rate_chart_get_n_years (GxRateChart *self)
{
  g_return_val_if_fail (GX_IS_RATE_CHART (self), 0);
  return self->years->len;
}

gboolean
gx_rate_chart_get_value (GxRateChart *self,
                         GxRate       rate,
                         guint        index,
                         double      *value)
{
  double v;

  g_return_val_if_fail (GX_IS_RATE_CHART (self), FALSE);
  g_return_val_if_fail (rate < GX_N_RATES, FALSE);

  if (index >= self->years->len)
    return FALSE;
  v = g_array_index (self->values[rate], double, index);
  if (value != NULL)
    *value = v;
  return !isnan (v);
}

double
gx_rate_chart_get_y_max (GxRateChart *self)
{
  g_return_val_if_fail (GX_IS_RATE_CHART (self), 0);
  return self->y_max;
}

void
gx_rate_chart_get_rate_color (GxRate   rate,
                              GdkRGBA *color)
{
  g_return_if_fail (rate < GX_N_RATES);
  gdk_rgba_parse (color, rate_colors[rate]);
}

void
gx_rate_chart_draw (GxRateChart *self,
                    cairo_t     *cr,
                    int          width,
                    int          height)
{
  GdkRGBA fg;
  double legend_w = 0, label_w = 0, text_h = 0, w, h;
  double left, right, top, bottom, plot_w, plot_h;
  guint n = self->years->len;
  guint n_steps = (guint) round (self->y_max / self->y_step);

  g_return_if_fail (GX_IS_RATE_CHART (self));

  get_foreground (self, &fg);
  cairo_save (cr);

  if (n == 0)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, _("No years to compare"));

      text_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, (width - w) / 2, (height - h) / 2);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
      return;
    }

  /* measure: the legend on the right, the percentages on the left */
  for (guint r = 0; r < GX_N_RATES; r++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, gx_rate_to_label (r));

      text_size (layout, &w, &h);
      legend_w = MAX (legend_w, w);
      text_h = MAX (text_h, h);
    }
  legend_w += LEGEND_SWATCH + TICK_GAP + 2 * MARGIN;
  for (guint s = 0; s <= n_steps; s++)
    {
      g_autofree char *text = format_tick (self->y_max * s / n_steps);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, text);

      text_size (layout, &w, &h);
      label_w = MAX (label_w, w);
    }

  left = MARGIN + label_w + TICK_GAP;
  right = width - legend_w;
  top = MARGIN + text_h / 2;
  bottom = height - MARGIN - text_h - TICK_GAP;
  plot_w = right - left;
  plot_h = bottom - top;
  if (plot_w < 20 || plot_h < 20)
    {
      cairo_restore (cr);
      return;
    }

  /* grid and y labels */
  cairo_set_line_width (cr, 1.0);
  for (guint s = 0; s <= n_steps; s++)
    {
      double y = round (bottom - plot_h * s / n_steps) + 0.5;
      g_autofree char *text = format_tick (self->y_max * s / n_steps);
      g_autoptr(PangoLayout) layout = make_layout (self, cr, text);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, s == 0 ? 0.6 : 0.15);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);

      text_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
      cairo_move_to (cr, left - TICK_GAP - w, y - h / 2);
      pango_cairo_show_layout (cr, layout);
    }

  /* x positions: evenly spread, half a slot in from each side */
#define X_OF(i) (left + plot_w * ((i) + 0.5) / n)
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (self->years, int, i));
      g_autoptr(PangoLayout) layout = make_layout (self, cr, text);
      double x = round (X_OF (i)) + 0.5;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);

      text_size (layout, &w, &h);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.75);
      cairo_move_to (cr, x - w / 2, bottom + TICK_GAP);
      pango_cairo_show_layout (cr, layout);
    }

  /* one line a rate; a gap where it is not computed */
  for (guint r = 0; r < GX_N_RATES; r++)
    {
      GdkRGBA color;
      gboolean drawing = FALSE;

      gx_rate_chart_get_rate_color (r, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < n; i++)
        {
          double v = g_array_index (self->values[r], double, i);
          double x = X_OF (i), y = bottom - plot_h * v / self->y_max;

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (cr);

      for (guint i = 0; i < n; i++)
        {
          double v = g_array_index (self->values[r], double, i);

          if (isnan (v))
            continue;
          cairo_arc (cr, X_OF (i), bottom - plot_h * v / self->y_max, 4.0, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
#undef X_OF

  /* legend */
  for (guint r = 0; r < GX_N_RATES; r++)
    {
      g_autoptr(PangoLayout) layout = make_layout (self, cr, gx_rate_to_label (r));
      double x = right + MARGIN, y = top + r * (text_h + 8);
      GdkRGBA color;

      gx_rate_chart_get_rate_color (r, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_set_line_width (cr, 2.5);
      cairo_move_to (cr, x, y + text_h / 2);
      cairo_line_to (cr, x + LEGEND_SWATCH, y + text_h / 2);
      cairo_stroke (cr);
      cairo_arc (cr, x + LEGEND_SWATCH / 2, y + text_h / 2, 3.5, 0, 2 * G_PI);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, x + LEGEND_SWATCH + TICK_GAP, y);
      pango_cairo_show_layout (cr, layout);
    }

  cairo_restore (cr);
}
