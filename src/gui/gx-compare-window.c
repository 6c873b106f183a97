/* gx-compare-window.c: the years of one issuer side by side
 *
 * The tables are GtkGrids rebuilt whenever the issuer changes: a handful of
 * years by some fifty rows is small, and a grid lines the years up without
 * any list machinery.  Columns: the label, then per year its value and
 * (from the second year on) the difference to the year before.  Row and
 * column labels come from the template (gx-schema.c).
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-compare-window.h"
#include "gx-schema.h"

struct _GxCompareWindow
{
  GtkWindow parent_instance;

  /* template children */
  GtkDropDown *issuer_dropdown;
  GtkStack *stack;
  GtkLabel *empty_label;
  GtkWidget *figures_box;
  GtkLabel *heading_label;
  GtkWidget *rates_box;
  GxRateChart *chart;

  GxStore *store;
  GtkStringList *issuers;
  char *issuer;
  GPtrArray *reports;         /* GxReport, by year */
  GtkWidget *figures_grid;
  GtkWidget *rates_grid;
  GHashTable *texts;          /* "c<cell>/<year>", "d…", "r<rate>/<year>", "rd…" → GtkLabel */
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (GxCompareWindow, gx_compare_window, GTK_TYPE_WINDOW)

/* Helpers ------------------------------------------------------------------- */

/* grid columns: 0 the label; year i at value_column (i), its difference
 * at value_column (i) + 1 (none for the first year) */
static int
value_column (guint i)
{
  return i == 0 ? 1 : (int) (2 * i);
}

static char *
section_heading (GxSection section)
{
  const GxSchemaSection *s = gx_schema_section (section);

  if (gx_schema_prefers_chinese ())
    return g_strdup_printf ("%s、%s", s->number_zh, s->label_zh);
  return g_strdup (s->label_en);
}

static char *
row_label (const GxSchemaRow *row)
{
  if (gx_schema_prefers_chinese ())
    return g_strconcat (row->prefix_zh ? row->prefix_zh : "", row->label_zh, NULL);
  return g_strdup (row->label_en);
}

static char *
group_label (const GxSchemaGroup *group)
{
  if (gx_schema_prefers_chinese ())
    return g_strconcat (group->prefix_zh ? group->prefix_zh : "", group->label_zh, NULL);
  return g_strdup (group->label_en);
}

static char *
format_difference (gint64 difference)
{
  g_autofree char *text = gx_value_format (ABS (difference));

  if (difference > 0)
    return g_strconcat ("+", text, NULL);
  if (difference < 0)
    return g_strconcat ("−", text, NULL);
  return g_strdup ("0");
}

static GtkWidget *
attach_label (GtkGrid    *grid,
              const char *text,
              int         column,
              int         row,
              int         width,
              const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, width, 1);
  return label;
}

static void
remember (GxCompareWindow *self,
          GtkWidget       *label,
          const char      *kind,
          guint            what,
          int              year)
{
  g_hash_table_insert (self->texts, g_strdup_printf ("%s%u/%d", kind, what, year), label);
}

static GtkGrid *
new_table (GxCompareWindow *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_widget_add_css_class (grid, "compare-table");

  /* the header: years, and the differences to the year before */
  for (guint i = 0; i < self->reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (self->reports, i);
      g_autofree char *year = g_strdup_printf ("%d", gx_report_get_year (report));
      GtkWidget *label = attach_label (GTK_GRID (grid), year, value_column (i), 0, 1, "heading");

      gtk_widget_set_size_request (label, 72, -1);
      if (i > 0)
        {
          label = attach_label (GTK_GRID (grid), _("Change"), value_column (i) + 1, 0, 1, "heading");
          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_tooltip_text (label, _("Difference to the year before"));
        }
    }
  return GTK_GRID (grid);
}

static gboolean
any_report_has_cell (GxCompareWindow *self,
                     guint            cell)
{
  for (guint i = 0; i < self->reports->len; i++)
    if (gx_report_has_cell (g_ptr_array_index (self->reports, i), cell))
      return TRUE;
  return FALSE;
}

/* one line of the figures: the label, then every year's value and change */
static void
add_cell_line (GxCompareWindow *self,
               GtkGrid         *grid,
               int             *line,
               const char      *text,
               guint            depth,
               guint            cell)
{
  GtkWidget *label = attach_label (grid, text, 0, *line, 1, NULL);

  gtk_widget_set_margin_start (label, 16 * depth);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_width_chars (GTK_LABEL (label), 36);
  gtk_widget_set_tooltip_text (label, text);

  for (guint i = 0; i < self->reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (self->reports, i);
      g_autofree char *value = NULL;
      GtkWidget *widget;
      gint64 difference;

      if (gx_report_has_cell (report, cell))
        value = gx_report_dup_text (report, cell);
      else
        value = g_strdup ("—");   /* a row of the other national form */
      widget = attach_label (grid, value, value_column (i), *line, 1, NULL);
      if (gx_report_get_raw (report, cell) != NULL)
        gtk_widget_add_css_class (widget, "invalid");
      remember (self, widget, "c", cell, gx_report_get_year (report));

      if (i == 0)
        continue;
      if (gx_rates_cell_difference (g_ptr_array_index (self->reports, i - 1), report, cell, &difference))
        {
          g_autofree char *text_difference = format_difference (difference);

          widget = attach_label (grid, text_difference, value_column (i) + 1, *line, 1, "dim-label");
          remember (self, widget, "d", cell, gx_report_get_year (report));
        }
    }
  (*line)++;
}

static void
add_heading_line (GxCompareWindow *self,
                  GtkGrid         *grid,
                  int             *line,
                  const char      *text,
                  guint            depth,
                  gboolean         section)
{
  GtkWidget *label = attach_label (grid, text, 0, *line, 1, section ? "heading" : NULL);

  gtk_widget_set_margin_start (label, 16 * depth);
  if (section)
    gtk_widget_set_margin_top (label, 12);
  else
    gtk_widget_add_css_class (label, "dim-label");
  (*line)++;
}

/* the headings of @group and its ancestors not shown yet */
static void
add_group_headings (GxCompareWindow *self,
                    GtkGrid         *grid,
                    int             *line,
                    int              group,
                    guint32         *shown)
{
  int chain[8];
  guint n = 0;

  for (int g = group; g >= 0 && g < 32 && n < G_N_ELEMENTS (chain); g = gx_schema_group ((guint) g)->parent)
    if (!(*shown & (1u << g)))
      chain[n++] = g;

  while (n > 0)
    {
      int g = chain[--n];
      g_autofree char *text = group_label (gx_schema_group ((guint) g));
      guint depth = 0;

      for (int p = gx_schema_group ((guint) g)->parent; p >= 0; p = gx_schema_group ((guint) p)->parent)
        depth++;
      add_heading_line (self, grid, line, text, depth, FALSE);
      *shown |= 1u << g;
    }
}

static void
build_figures (GxCompareWindow *self)
{
  GtkGrid *grid = new_table (self);
  int line = 1;

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);
      g_autofree char *heading = section_heading (s);
      guint32 shown = 0;

      add_heading_line (self, grid, &line, heading, 0, TRUE);
      for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
        {
          const GxSchemaRow *row = gx_schema_row (r);
          g_autofree char *label = row_label (row);
          guint depth = row->group >= 0 ? row->depth : 0;

          if (s == GX_SECTION_DISCLOSURE)
            {
              /* section 二: every field of the row */
              for (guint c = 0; c < row->n_columns; c++)
                {
                  g_autofree char *text = NULL;

                  /* the fields of the latest year's form: the fields of
                   * the other form would be a column of "—" */
                  if (!gx_report_has_cell (g_ptr_array_index (self->reports, self->reports->len - 1),
                                           row->first_cell + c))
                    continue;
                  text = g_strdup_printf ("%s · %s", label, gx_schema_column_label (&row->columns[c]));
                  add_cell_line (self, grid, &line, text, 0, row->first_cell + c);
                }
              continue;
            }

          /* sections 三 and 四: the 总计 column */
          {
            int cell = gx_schema_find_cell (s, row->key, "total");

            if (cell < 0 || !any_report_has_cell (self, (guint) cell))
              continue;
            if (row->group >= 0)
              add_group_headings (self, grid, &line, row->group, &shown);
            add_cell_line (self, grid, &line, label, depth, (guint) cell);
          }
        }
    }

  if (self->figures_grid != NULL)
    gtk_box_remove (GTK_BOX (self->figures_box), self->figures_grid);
  self->figures_grid = GTK_WIDGET (grid);
  gtk_box_append (GTK_BOX (self->figures_box), self->figures_grid);
}

static void
build_rates (GxCompareWindow *self)
{
  GtkGrid *grid = new_table (self);

  for (guint r = 0; r < GX_N_RATES; r++)
    {
      GdkRGBA color;
      g_autofree char *color_text = NULL;
      g_autofree char *escaped = g_markup_escape_text (gx_rate_to_label (r), -1);
      g_autofree char *markup = NULL;
      GtkWidget *label;
      int line = (int) r + 1;

      /* a bullet in the colour of the rate's line in the chart */
      gx_rate_chart_get_rate_color (r, &color);
      color_text = g_strdup_printf ("#%02x%02x%02x", (int) (color.red * 255 + 0.5),
                                    (int) (color.green * 255 + 0.5), (int) (color.blue * 255 + 0.5));
      markup = g_strdup_printf ("<span foreground=\"%s\">●</span> %s", color_text, escaped);
      label = attach_label (grid, NULL, 0, line, 1, NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_widget_set_tooltip_text (label, gx_rate_to_formula (r));

      for (guint i = 0; i < self->reports->len; i++)
        {
          GxReport *report = g_ptr_array_index (self->reports, i);
          g_autofree char *text = gx_rate_format (report, r);
          g_autofree char *tooltip = NULL;
          gint64 numerator, denominator;
          double value, previous;
          GtkWidget *widget;

          widget = attach_label (grid, text, value_column (i), line, 1, NULL);
          remember (self, widget, "r", r, gx_report_get_year (report));
          if (gx_rate_compute (report, r, &numerator, &denominator, &value))
            tooltip = g_strdup_printf ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, numerator, denominator);
          else
            tooltip = g_strdup (_("Not computed: nothing to divide by"));
          gtk_widget_set_tooltip_text (widget, tooltip);

          if (i > 0 && gx_rate_compute (report, r, NULL, NULL, &value) &&
              gx_rate_compute (g_ptr_array_index (self->reports, i - 1), r, NULL, NULL, &previous))
            {
              /* Translators: a change of a rate in percentage points: "+17.7 pp" */
              g_autofree char *change = g_strdup_printf (_("%+.1f pp"), (value - previous) * 100.0);

              widget = attach_label (grid, change, value_column (i) + 1, line, 1, "dim-label");
              remember (self, widget, "rd", r, gx_report_get_year (report));
            }
        }
    }

  if (self->rates_grid != NULL)
    gtk_box_remove (GTK_BOX (self->rates_box), self->rates_grid);
  self->rates_grid = GTK_WIDGET (grid);
  gtk_box_append (GTK_BOX (self->rates_box), self->rates_grid);
}

static gint
compare_years (gconstpointer a,
               gconstpointer b)
{
  GxReport *ra = *(GxReport **) a;
  GxReport *rb = *(GxReport **) b;

  return gx_report_get_year (ra) - gx_report_get_year (rb);
}

static void
show_empty (GxCompareWindow *self,
            const char      *text)
{
  gtk_label_set_text (self->empty_label, text);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* the issuers of the workspace, once each, in order */
static gboolean
load_issuers (GxCompareWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) summaries = gx_store_list_summaries (self->store, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (summaries == NULL)
    {
      show_empty (self, error->message);
      return FALSE;
    }
  for (guint i = 0; i < summaries->len; i++)
    {
      const char *issuer = gx_report_get_issuer (g_ptr_array_index (summaries, i));

      if (issuer != NULL && *issuer != '\0' && g_hash_table_add (seen, (gpointer) issuer))
        g_ptr_array_add (names, (gpointer) issuer);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->issuers, 0, g_list_model_get_n_items (G_LIST_MODEL (self->issuers)),
                          (const char *const *) names->pdata);
  self->updating = FALSE;
  return TRUE;
}

static void
select_issuer_in_dropdown (GxCompareWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->issuers));

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->issuer_dropdown, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->issuers, i), self->issuer) == 0)
      gtk_drop_down_set_selected (self->issuer_dropdown, i);
  self->updating = FALSE;
}

/* Callbacks ------------------------------------------------------------------ */

static void
issuer_selected_cb (GxCompareWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->issuer_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;
  gx_compare_window_set_issuer (self, gtk_string_list_get_string (self->issuers, selected));
}

static void
reload_clicked_cb (GxCompareWindow *self)
{
  gx_compare_window_reload (self);
}

/* GObject --------------------------------------------------------------------- */

static void
gx_compare_window_dispose (GObject *object)
{
  GxCompareWindow *self = GX_COMPARE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_COMPARE_WINDOW);
  self->figures_grid = NULL;
  self->rates_grid = NULL;
  g_clear_object (&self->store);
  g_clear_object (&self->issuers);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);

  G_OBJECT_CLASS (gx_compare_window_parent_class)->dispose (object);
}

static void
gx_compare_window_finalize (GObject *object)
{
  GxCompareWindow *self = GX_COMPARE_WINDOW (object);

  g_free (self->issuer);

  G_OBJECT_CLASS (gx_compare_window_parent_class)->finalize (object);
}

static void
gx_compare_window_class_init (GxCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_compare_window_dispose;
  object_class->finalize = gx_compare_window_finalize;

  g_type_ensure (GX_TYPE_RATE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/GxReports/gx-compare-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, issuer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, figures_box);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, rates_box);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, chart);
  gtk_widget_class_bind_template_callback (widget_class, issuer_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_compare_window_init (GxCompareWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->reports = g_ptr_array_new_with_free_func (g_object_unref);
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->issuers = gtk_string_list_new (NULL);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->issuer_dropdown, expression);
  self->updating = TRUE;
  gtk_drop_down_set_model (self->issuer_dropdown, G_LIST_MODEL (self->issuers));
  self->updating = FALSE;
}

/* Public API ------------------------------------------------------------------ */

GxCompareWindow *
gx_compare_window_new (GxStore    *store,
                       const char *issuer)
{
  GxCompareWindow *self;

  g_return_val_if_fail (GX_IS_STORE (store), NULL);

  self = g_object_new (GX_TYPE_COMPARE_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (load_issuers (self))
    {
      if (issuer == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->issuers)) > 0)
        issuer = gtk_string_list_get_string (self->issuers, 0);
      if (issuer != NULL)
        gx_compare_window_set_issuer (self, issuer);
      else
        show_empty (self, _("The workspace has no reports yet. Import the reports of two or more years of an issuer to compare them."));
    }
  return self;
}

gboolean
gx_compare_window_set_issuer (GxCompareWindow *self,
                              const char      *issuer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (issuer != NULL, FALSE);

  if (self->issuer != issuer)
    {
      g_free (self->issuer);
      self->issuer = g_strdup (issuer);
    }
  select_issuer_in_dropdown (self);

  g_ptr_array_set_size (self->reports, 0);
  g_hash_table_remove_all (self->texts);

  ids = gx_store_find_ids (self->store, 0, self->issuer, &error);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(GxReport) report = gx_store_load_report (self->store, g_array_index (ids, gint64, i), &error);

      if (report == NULL)
        break;
      /* the selection matches a part of the name: keep this issuer only */
      if (g_strcmp0 (gx_report_get_issuer (report), self->issuer) == 0)
        g_ptr_array_add (self->reports, g_steal_pointer (&report));
    }
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The reports of %s could not be read: %s"),
                                               self->issuer, error->message);

      g_ptr_array_set_size (self->reports, 0);
      gx_rate_chart_set_reports (self->chart, self->reports);
      show_empty (self, text);
      return FALSE;
    }
  g_ptr_array_sort (self->reports, compare_years);

  if (self->reports->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("The workspace has no report of %s."), self->issuer);

      gx_rate_chart_set_reports (self->chart, self->reports);
      show_empty (self, text);
      return TRUE;
    }

  /* Translators: the heading of the comparison: issuer and number of years */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u year", "%s: %u years",
                                          self->reports->len),
                             self->issuer, self->reports->len);
  gtk_label_set_text (self->heading_label, heading);
  build_figures (self);
  build_rates (self);
  gx_rate_chart_set_reports (self->chart, self->reports);
  gtk_stack_set_visible_child_name (self->stack, "compare");
  return TRUE;
}

const char *
gx_compare_window_get_issuer (GxCompareWindow *self)
{
  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);
  return self->issuer;
}

void
gx_compare_window_reload (GxCompareWindow *self)
{
  g_return_if_fail (GX_IS_COMPARE_WINDOW (self));

  if (!load_issuers (self))
    return;
  if (self->issuer != NULL)
    gx_compare_window_set_issuer (self, self->issuer);
}

GPtrArray *
gx_compare_window_get_reports (GxCompareWindow *self)
{
  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);
  return self->reports;
}

GxRateChart *
gx_compare_window_get_chart (GxCompareWindow *self)
{
  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);
  return self->chart;
}

static const char *
lookup_text (GxCompareWindow *self,
             const char      *kind,
             guint            what,
             int              year)
{
  g_autofree char *key = g_strdup_printf ("%s%u/%d", kind, what, year);
  GtkLabel *label = g_hash_table_lookup (self->texts, key);

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

const char *
gx_compare_window_get_cell_text (GxCompareWindow *self,
                                 guint            cell,
                                 int              year,
                                 gboolean         difference)
{
  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);
  return lookup_text (self, difference ? "d" : "c", cell, year);
}

const char *
gx_compare_window_get_rate_text (GxCompareWindow *self,
                                 GxRate           rate,
                                 int              year,
                                 gboolean         difference)
{
  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);
  return lookup_text (self, difference ? "rd" : "r", rate, year);
}
