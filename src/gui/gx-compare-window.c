/* gx-compare-window.c: the years of one issuer side by side
 *
 * The tables are GtkGrids rebuilt whenever the issuer changes: a handful of
 * years by some fifty rows is small, and a grid lines the years up without
 * any list machinery.  Columns: the label, then per year its value and
 * (from the second year on) the difference to the year before.  Row and
 * column labels come from the template (gx-schema.c).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-compare-window.h"
#include "gx-dialogs.h"
#include "editor/gx-frozen-header.h"
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
  GtkOverlay *figures_overlay;
  GtkScrolledWindow *figures_scroller;
  GtkWidget *export_button;
  GtkWidget *print_button;
  GtkWidget *frozen_header;   /* the years stay in view over the figures */

  GxWorkspace *store;
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

  gx_frozen_header_clear_tables (GX_FROZEN_HEADER (self->frozen_header));
  if (self->figures_grid != NULL)
    gtk_box_remove (GTK_BOX (self->figures_box), self->figures_grid);
  self->figures_grid = GTK_WIDGET (grid);
  gtk_box_append (GTK_BOX (self->figures_box), self->figures_grid);
  /* the row of years is the header kept in view */
  gx_frozen_header_add_table (GX_FROZEN_HEADER (self->frozen_header), self->figures_grid,
                              gtk_grid_get_child_at (grid, 0, 1));
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
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_widget_set_sensitive (self->print_button, FALSE);
}

/* The comparison as rows of text, as the tables show it: the figures
 * (a header row of years and changes, section headings, lines), an empty
 * row, then the rates.  What is exported and printed. */
static void
append_grid_rows (GPtrArray *rows,
                  GtkGrid   *grid,
                  guint      n_columns,
                  gboolean   rates)
{
  for (int r = 0; ; r++)
    {
      GPtrArray *row = g_ptr_array_new ();
      gboolean any = FALSE;

      for (guint c = 0; c < n_columns; c++)
        {
          GtkWidget *child = gtk_grid_get_child_at (grid, (int) c, r);
          const char *text = GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;

          any |= child != NULL;
          /* the rates' labels start with the bullet of their colour */
          if (rates && c == 0 && text != NULL && g_str_has_prefix (text, "● "))
            text += strlen ("● ");
          g_ptr_array_add (row, g_strdup (text ? text : ""));
        }
      g_ptr_array_add (row, NULL);
      if (!any)
        {
          g_strfreev ((char **) g_ptr_array_free (row, FALSE));
          return;
        }
      if (rates && r == 0)
        {
          /* the rates repeat the header of years: say what they are */
          g_free (g_ptr_array_index (row, 0));
          row->pdata[0] = g_strdup (_("Rates"));
        }
      g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
    }
}

static guint
n_grid_columns (GxCompareWindow *self)
{
  guint n = self->reports->len;

  return n == 0 ? 1 : (guint) value_column (n - 1) + (n > 1 ? 2 : 1);
}

static void
print_begin_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                gpointer           user_data);
static void
print_draw_cb (GtkPrintOperation *op,
               GtkPrintContext   *context,
               int                page,
               gpointer           user_data);

/* Print layout: a title, then the rows; the header row of years is
 * repeated at the top of every page. */
#define PRINT_FONT_SIZE 8.5
#define PRINT_LINE (PRINT_FONT_SIZE * 1.6)

typedef struct {
  char *title;
  GPtrArray *rows;      /* GStrv */
  guint n_columns;
  guint rows_per_page;
} PrintData;

static void
print_data_free (PrintData *data)
{
  g_free (data->title);
  g_ptr_array_unref (data->rows);
  g_free (data);
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
  g_autoptr(GPtrArray) summaries = gx_workspace_list_summaries (self->store, &error);
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
  /* an empty drop-down says "(None)": the page says there are no reports */
  gtk_widget_set_visible (GTK_WIDGET (self->issuer_dropdown), names->len > 1);
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
print_begin_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintData *data = user_data;
  double height = gtk_print_context_get_height (context);
  guint body = data->rows->len > 0 ? data->rows->len - 1 : 0;

  /* the title and the header row take three lines of every page */
  data->rows_per_page = MAX (1, (guint) (height / PRINT_LINE) - 3);
  gtk_print_operation_set_n_pages (op, (int) MAX (1, (body + data->rows_per_page - 1) / data->rows_per_page));
}

static void
print_row (cairo_t    *cr,
           PangoLayout *layout,
           char      **cells,
           guint       n_columns,
           double      width,
           double      y,
           gboolean    bold)
{
  double label_width = width * 0.38;
  double column_width = n_columns > 1 ? (width - label_width) / (n_columns - 1) : 0;
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, PRINT_FONT_SIZE * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
    {
      double x = c == 0 ? 0 : label_width + (c - 1) * column_width;
      double w = c == 0 ? label_width : column_width;

      pango_layout_set_width (layout, (int) ((w - 4) * PANGO_SCALE));
      pango_layout_set_alignment (layout, c == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      pango_layout_set_text (layout, cells[c], -1);
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
print_draw_cb (GtkPrintOperation *op,
               GtkPrintContext   *context,
               int                page,
               gpointer           user_data)
{
  PrintData *data = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  guint first = 1 + (guint) page * data->rows_per_page;
  double y = 0;

  if (data->rows->len == 0)
    return;
  cairo_set_source_rgb (cr, 0, 0, 0);
  {
    char *title[] = { data->title, NULL };
    print_row (cr, layout, title, 1, width / 0.38, y, TRUE);
  }
  y += 2 * PRINT_LINE;
  /* the years on every page */
  print_row (cr, layout, g_ptr_array_index (data->rows, 0), data->n_columns, width, y, TRUE);
  y += PRINT_LINE;
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, y - 2);
  cairo_line_to (cr, width, y - 2);
  cairo_stroke (cr);
  for (guint r = first; r < data->rows->len && r < first + data->rows_per_page; r++)
    {
      print_row (cr, layout, g_ptr_array_index (data->rows, r), data->n_columns, width, y, FALSE);
      y += PRINT_LINE;
    }
}

static void
export_chosen_cb (GtkWindow *parent,
                  GFile     *file,
                  gpointer   user_data)
{
  GxCompareWindow *self = GX_COMPARE_WINDOW (parent);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only a local file can be written."));
  if (path == NULL || !gx_compare_window_write_csv (self, path, &error))
    gx_dialogs_alert (parent, GX_DIALOGS_ERROR, _("The comparison could not be exported"),
                      error->message);
}

static void
export_clicked_cb (GxCompareWindow *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->reports->len == 0)
    return;
  /* Translators: the file name Export offers: "北京市海淀区人民政府 — years.csv" */
  name = g_strdup_printf (_("%s — years.csv"), self->issuer);
  g_strdelimit (name, "/\\", '_');
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    folder = g_file_new_for_path (documents);
  gx_dialogs_save_file (GTK_WINDOW (self), _("Export the Comparison as CSV"), _("_Export"),
                        folder, name, export_chosen_cb, NULL);
}

static void
print_clicked_cb (GxCompareWindow *self)
{
  g_autoptr(GtkPrintOperation) op = NULL;
  g_autoptr(GError) error = NULL;

  if (self->reports->len == 0)
    return;
  op = gx_compare_window_print_operation_new (self);
  gtk_print_operation_set_allow_async (op, TRUE);
  gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, GTK_WINDOW (self), &error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  print_clicked_cb (GX_COMPARE_WINDOW (widget));
}

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

  if (self->frozen_header != NULL)
    gx_frozen_header_clear_tables (GX_FROZEN_HEADER (self->frozen_header));
  self->frozen_header = NULL;
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
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, figures_overlay);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, figures_scroller);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, GxCompareWindow, print_button);
  gtk_widget_class_bind_template_callback (widget_class, issuer_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
  gtk_widget_class_install_action (widget_class, "compare.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "compare.print", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_compare_window_init (GxCompareWindow *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->frozen_header = gx_frozen_header_new (self->figures_scroller);
  gtk_overlay_add_overlay (self->figures_overlay, self->frozen_header);

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
gx_compare_window_new (GxWorkspace    *store,
                       const char *issuer)
{
  GxCompareWindow *self;

  g_return_val_if_fail (GX_IS_WORKSPACE (store), NULL);

  self = g_object_new (GX_TYPE_COMPARE_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (load_issuers (self))
    {
      if (issuer == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->issuers)) > 0)
        issuer = gtk_string_list_get_string (self->issuers, 0);
      if (issuer != NULL)
        gx_compare_window_set_issuer (self, issuer);
      else
        show_empty (self, _("No reports: the workspace is empty. Import the reports of two or more years of an issuer to compare them."));
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

  ids = gx_workspace_find_ids (self->store, 0, self->issuer, &error);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(GxReport) report = gx_workspace_load_report (self->store, g_array_index (ids, gint64, i), &error);

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
  gtk_widget_set_sensitive (self->export_button, TRUE);
  gtk_widget_set_sensitive (self->print_button, TRUE);
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

GPtrArray *
gx_compare_window_dup_rows (GxCompareWindow *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_columns;

  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), rows);

  if (self->reports->len == 0 || self->figures_grid == NULL)
    return rows;
  n_columns = n_grid_columns (self);
  append_grid_rows (rows, GTK_GRID (self->figures_grid), n_columns, FALSE);
  /* the header's corner: whose years these are */
  if (rows->len > 0)
    {
      char **header = g_ptr_array_index (rows, 0);

      g_free (header[0]);
      header[0] = g_strdup (self->issuer);
    }
  if (self->rates_grid != NULL)
    {
      char **blank = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        blank[c] = g_strdup ("");
      g_ptr_array_add (rows, blank);
      append_grid_rows (rows, GTK_GRID (self->rates_grid), n_columns, TRUE);
    }
  return rows;
}

static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
gx_compare_window_write_csv (GxCompareWindow  *self,
                             const char       *path,
                             GError          **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  /* UTF-8 with a BOM, as the other CSV exports, for Excel and WPS */
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rows = gx_compare_window_dup_rows (self);
  if (rows->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("There is nothing to export: no reports are compared."));
      return FALSE;
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_field (out, cells[c]);
        }
      g_string_append (out, "\r\n");
    }
  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}

GtkPrintOperation *
gx_compare_window_print_operation_new (GxCompareWindow *self)
{
  GtkPrintOperation *op;
  PrintData *data;

  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);

  data = g_new0 (PrintData, 1);
  data->title = g_strdup (gtk_label_get_text (self->heading_label));
  data->rows = gx_compare_window_dup_rows (self);
  data->n_columns = n_grid_columns (self);
  op = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (op, data->title);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_object_set_data_full (G_OBJECT (op), "gx-print-data", data, (GDestroyNotify) print_data_free);
  g_signal_connect (op, "begin-print", G_CALLBACK (print_begin_cb), data);
  g_signal_connect (op, "draw-page", G_CALLBACK (print_draw_cb), data);
  return op;
}

GtkWidget *
gx_compare_window_get_frozen_header (GxCompareWindow *self)
{
  g_return_val_if_fail (GX_IS_COMPARE_WINDOW (self), NULL);
  return self->frozen_header;
}
