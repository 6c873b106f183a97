/* gx-report-detail.c: the statistical tables of one report, and its findings
 *
 * The three tables are built once from the template (gx-schema.c) as lists
 * of GxTableRow; showing another report only rebinds them.  The cells show
 * in the tables keep nothing: what a cell looks like is computed from the
 * report and from self->marks whenever it is bound.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-report-detail.h"
#include "gx-rates.h"
#include "gx-schema.h"
#include "gx-table-row.h"

typedef struct {
  GxSeverity severity;        /* the worst finding of the cell */
  GString *messages;          /* their messages, one a line */
} CellMark;

struct _GxReportDetail
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkScrolledWindow *tables_scroller;
  GtkWidget *tables_box;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkLabel *disclosure_heading;
  GtkLabel *applications_heading;
  GtkLabel *review_heading;
  GtkColumnView *disclosure_view;
  GtkColumnView *applications_view;
  GtkColumnView *review_view;
  GtkLabel *findings_heading;
  GtkListView *findings_view;
  GtkGrid *rates_grid;
  GtkLabel *rate_values[GX_N_RATES];

  GListStore *tables[GX_N_SECTIONS];   /* GxTableRow */
  GListStore *findings;                /* GxFinding: all of the report */
  GtkFilterListModel *listed;          /* those listed (dismissed hidden) */
  GtkCustomFilter *review_filter;
  GtkCheckButton *show_dismissed_button;
  GxStore *store;                      /* where reviews are recorded */
  gboolean show_dismissed;

  GxReport *report;
  GxFormat format;                     /* the form the table rows are built for */
  CellMark *marks;                     /* one per cell; messages NULL: none */
  int focus_cell;
  GHashTable *cell_widgets;            /* cell + 1 → bound GtkWidget */
  guint scroll_tick;
};

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REVIEWED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxReportDetail, gx_report_detail, GTK_TYPE_WIDGET)

#define CELL_KEY(cell) GUINT_TO_POINTER ((cell) + 1)

/* Helpers ------------------------------------------------------------------- */

static void
clear_marks (GxReportDetail *self)
{
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    if (self->marks[i].messages != NULL)
      {
        g_string_free (self->marks[i].messages, TRUE);
        self->marks[i].messages = NULL;
      }
}

static void
compute_marks (GxReportDetail *self)
{
  GPtrArray *findings;

  clear_marks (self);
  if (self->report == NULL)
    return;

  findings = gx_report_get_findings (self->report);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (findings, i);
      guint n_cells;
      const guint *cells = gx_finding_get_cells (finding, &n_cells);
      GxSeverity severity = gx_finding_get_severity (finding);

      /* a dismissed finding marks no cell unless asked for */
      if (!self->show_dismissed && gx_finding_get_review (finding) == GX_REVIEW_DISMISSED)
        continue;
      /* a finding about the text (section 五, the period …) has no cell */
      if (!gx_finding_has_cell (finding))
        continue;
      for (guint c = 0; c < n_cells; c++)
        {
          CellMark *mark;

          if (cells[c] >= gx_schema_n_cells ())
            continue;
          mark = &self->marks[cells[c]];
          if (mark->messages == NULL)
            {
              mark->messages = g_string_new (gx_finding_get_message (finding));
              mark->severity = severity;
            }
          else
            {
              g_string_append_c (mark->messages, '\n');
              g_string_append (mark->messages, gx_finding_get_message (finding));
              mark->severity = MAX (mark->severity, severity);
            }
        }
    }
}

static void
style_cell (GxReportDetail *self,
            GtkWidget      *widget,
            int             cell)
{
  static const char *const severity_classes[] = {
    [GX_SEVERITY_NOTE] = "finding-note",
    [GX_SEVERITY_WARNING] = "finding-warning",
    [GX_SEVERITY_ERROR] = "finding-error",
  };
  g_autofree char *text = NULL;
  const CellMark *mark;

  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    gtk_widget_remove_css_class (widget, severity_classes[i]);
  gtk_widget_remove_css_class (widget, "finding-focus");
  gtk_widget_remove_css_class (widget, "invalid");
  gtk_widget_remove_css_class (widget, "inferred");

  if (cell < 0 || self->report == NULL)
    {
      gtk_inscription_set_text (GTK_INSCRIPTION (widget), NULL);
      gtk_widget_set_tooltip_text (widget, NULL);
      return;
    }

  text = gx_report_dup_text (self->report, (guint) cell);
  gtk_inscription_set_text (GTK_INSCRIPTION (widget), text);
  if (gx_report_get_raw (self->report, (guint) cell) != NULL)
    gtk_widget_add_css_class (widget, "invalid");
  if (gx_report_get_cell_flags (self->report, (guint) cell) & GX_CELL_FLAG_INFERRED)
    gtk_widget_add_css_class (widget, "inferred");

  mark = &self->marks[cell];
  if (mark->messages != NULL)
    {
      gtk_widget_add_css_class (widget, severity_classes[mark->severity]);
      gtk_widget_set_tooltip_text (widget, mark->messages->str);
    }
  else
    gtk_widget_set_tooltip_text (widget, NULL);

  if (cell == self->focus_cell)
    gtk_widget_add_css_class (widget, "finding-focus");
}

static void
restyle_all_cells (GxReportDetail *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->cell_widgets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    style_cell (self, value, (int) GPOINTER_TO_UINT (key) - 1);
}

static void
rebind_tables (GxReportDetail *self)
{
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tables[s]));

      g_list_model_items_changed (G_LIST_MODEL (self->tables[s]), 0, n, n);
    }
}

static void
scroll_to_widget (GxReportDetail *self,
                  GtkWidget      *widget)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->tables_scroller);
  GtkAdjustment *hadj = gtk_scrolled_window_get_hadjustment (self->tables_scroller);
  graphene_rect_t bounds;
  double top, page;

  if (!gtk_widget_compute_bounds (widget, self->tables_box, &bounds))
    return;

  /* the box is the child of the viewport: its coordinates are scroll
   * positions; keep a margin of context around the cell */
  top = gtk_adjustment_get_value (vadj);
  page = gtk_adjustment_get_page_size (vadj);
  if (bounds.origin.y < top || bounds.origin.y + bounds.size.height > top + page)
    gtk_adjustment_set_value (vadj, bounds.origin.y - page / 3);

  top = gtk_adjustment_get_value (hadj);
  page = gtk_adjustment_get_page_size (hadj);
  if (bounds.origin.x < top || bounds.origin.x + bounds.size.width > top + page)
    gtk_adjustment_set_value (hadj, bounds.origin.x - page / 3);
}

/* after the next layout, when positions and adjustments are current */
static gboolean
scroll_to_focus_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  GxReportDetail *self = GX_REPORT_DETAIL (widget);
  GtkWidget *cell_widget = NULL;

  self->scroll_tick = 0;
  if (self->focus_cell >= 0)
    cell_widget = g_hash_table_lookup (self->cell_widgets, CELL_KEY ((guint) self->focus_cell));
  if (cell_widget != NULL)
    scroll_to_widget (self, cell_widget);
  return G_SOURCE_REMOVE;
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
group_label (const GxSchemaGroup *group)
{
  if (gx_schema_prefers_chinese ())
    return g_strconcat (group->prefix_zh ? group->prefix_zh : "", group->label_zh, NULL);
  return g_strdup (group->label_en);
}

static guint
group_depth (int group)
{
  guint depth = 0;

  while (group >= 0 && gx_schema_group ((guint) group)->parent >= 0)
    {
      group = gx_schema_group ((guint) group)->parent;
      depth++;
    }
  return depth;
}

/* Emits the headings of @group and its ancestors not yet shown. */
static void
add_group_headings (GListStore *store,
                    int         group,
                    int        *shown,
                    guint      *n_shown)
{
  int chain[8];
  guint n = 0;

  for (int g = group; g >= 0 && n < G_N_ELEMENTS (chain); g = gx_schema_group ((guint) g)->parent)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < *n_shown; i++)
        seen |= shown[i] == g;
      if (!seen)
        chain[n++] = g;
    }

  while (n > 0)
    {
      int g = chain[--n];
      g_autofree char *label = group_label (gx_schema_group ((guint) g));
      g_autoptr(GxTableRow) heading = gx_table_row_new_heading (label, group_depth (g));

      g_list_store_append (store, heading);
      shown[(*n_shown)++] = g;
    }
}

static void
build_table_rows (GxReportDetail *self,
                  GxFormat        format)
{
  self->format = format;
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);
      GListStore *store = self->tables[s];
      int shown[32];
      guint n_shown = 0;

      g_list_store_remove_all (store);
      for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
        {
          const GxSchemaRow *row = gx_schema_row (r);

          if (!gx_schema_row_in_format (row, format))
            continue;   /* a row of the other national form */
          if (row->group >= 0 && n_shown < G_N_ELEMENTS (shown) - 8)
            add_group_headings (store, row->group, shown, &n_shown);

          if (s == GX_SECTION_DISCLOSURE)
            {
              /* section 二 mixes tables of different fields: one line a field */
              for (guint c = 0; c < row->n_columns; c++)
                {
                  g_autoptr(GxTableRow) line = NULL;

                  if (!gx_schema_column_in_format (&row->columns[c], format))
                    continue;
                  line = gx_table_row_new (row, (int) c);
                  g_list_store_append (store, line);
                }
            }
          else
            {
              g_autoptr(GxTableRow) line = gx_table_row_new (row, -1);
              g_list_store_append (store, line);
            }
        }
    }
}

/* Callbacks ----------------------------------------------------------------- */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 12);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), GPOINTER_TO_UINT (user_data));
  gtk_list_item_set_child (item, label);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GxTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gx_table_row_get_column (row) > 0 ? NULL : gx_table_row_get_label (row);

  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_set_margin_start (label, 16 * (int) gx_table_row_get_depth (row));
  if (gx_table_row_is_heading (row))
    gtk_widget_add_css_class (label, "table-heading");
  else
    gtk_widget_remove_css_class (label, "table-heading");
}

static void
bind_field_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GxTableRow *row = gtk_list_item_get_item (item);
  const GxSchemaRow *schema_row = gx_table_row_get_schema_row (row);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = NULL;

  if (schema_row != NULL && gx_table_row_get_column (row) >= 0)
    text = gx_schema_column_label (&schema_row->columns[gx_table_row_get_column (row)]);
  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

static void
setup_value_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 1.0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 5);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 8);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "cell");
  gtk_list_item_set_child (item, label);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_value_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GxReportDetail *self = g_object_get_data (G_OBJECT (factory), "gx-detail");
  guint n = GPOINTER_TO_UINT (user_data);
  GxTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *widget = gtk_list_item_get_child (item);
  int cell = gx_table_row_get_cell (row, n);

  g_object_set_data (G_OBJECT (widget), "gx-cell", GINT_TO_POINTER (cell + 1));
  if (cell >= 0)
    g_hash_table_insert (self->cell_widgets, CELL_KEY ((guint) cell), widget);
  style_cell (self, widget, cell);
}

static void
unbind_value_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GxReportDetail *self = g_object_get_data (G_OBJECT (factory), "gx-detail");
  GtkWidget *widget = gtk_list_item_get_child (item);
  int cell = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "gx-cell")) - 1;

  if (cell >= 0 && g_hash_table_lookup (self->cell_widgets, CELL_KEY ((guint) cell)) == widget)
    g_hash_table_remove (self->cell_widgets, CELL_KEY ((guint) cell));
  g_object_set_data (G_OBJECT (widget), "gx-cell", NULL);
}

static void
review_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  GtkListItem *item = user_data;
  GxReportDetail *self = g_object_get_data (G_OBJECT (button), "gx-detail");
  GxReviewState state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "gx-state"));
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "gx-note");
  g_autofree char *note = g_strdup (gtk_editable_get_text (entry));
  GxFinding *finding = gtk_list_item_get_item (item);
  g_autoptr(GError) error = NULL;

  gtk_popover_popdown (GTK_POPOVER (popover));
  if (finding == NULL)
    return;
  if (!gx_report_detail_review_finding (self, finding, state, note, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                                  GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s",
                                                  _("The review could not be recorded"));

      gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
      g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static GtkWidget *
review_button (GxReportDetail *self,
               GtkListItem    *item,
               const char     *label,
               GxReviewState   state)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_object_set_data (G_OBJECT (button), "gx-detail", self);
  g_object_set_data (G_OBJECT (button), "gx-state", GINT_TO_POINTER (state));
  g_signal_connect (button, "clicked", G_CALLBACK (review_clicked_cb), item);
  return button;
}

/* the review popover: a note, and Confirm / Dismiss / Reopen */
static GtkWidget *
review_menu_button (GxReportDetail *self,
                    GtkListItem    *item)
{
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note (why it is right or not)"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 36);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (buttons), review_button (self, item, _("_Confirm"), GX_REVIEW_CONFIRMED));
  gtk_box_append (GTK_BOX (buttons), review_button (self, item, _("_Dismiss"), GX_REVIEW_DISMISSED));
  gtk_box_append (GTK_BOX (buttons), review_button (self, item, _("_Reopen"), GX_REVIEW_OPEN));
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data (G_OBJECT (popover), "gx-note", entry);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "document-edit-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_widget_set_tooltip_text (menu_button, _("Review: confirm or dismiss this finding"));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (menu_button, "flat");
  return menu_button;
}

static void
setup_finding_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GxReportDetail *self = user_data;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *review = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (review), 0);
  gtk_label_set_wrap (GTK_LABEL (review), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (review), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (review, "dim-label");
  gtk_widget_add_css_class (review, "caption");
  gtk_box_append (GTK_BOX (text), label);
  gtk_box_append (GTK_BOX (text), review);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), review_menu_button (self, item));
  gtk_list_item_set_child (item, box);
}

/* "Dismissed: within the rounding of the source" */
static char *
review_text (GxFinding *finding)
{
  const char *note = gx_finding_get_review_note (finding);
  const char *state;

  switch (gx_finding_get_review (finding))
    {
    case GX_REVIEW_CONFIRMED:
      state = _("Confirmed");
      break;
    case GX_REVIEW_DISMISSED:
      state = _("Dismissed");
      break;
    case GX_REVIEW_OPEN:
    default:
      return NULL;
    }
  if (note == NULL || *note == '\0')
    return g_strdup (state);
  /* Translators: a review and its note: "Dismissed: rounding in the source" */
  return g_strdup_printf (_("%s: %s"), state, note);
}

static void
bind_finding_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GxFinding *finding = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *label = gtk_widget_get_first_child (text);
  GtkWidget *review = gtk_widget_get_next_sibling (label);
  GtkWidget *menu_button = gtk_widget_get_next_sibling (text);
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  GtkEditable *entry = g_object_get_data (G_OBJECT (popover), "gx-note");
  g_autofree char *review_line = review_text (finding);
  GxReportDetail *self = user_data;
  const char *icon_name;

  switch (gx_finding_get_severity (finding))
    {
    case GX_SEVERITY_ERROR:
      icon_name = "dialog-error-symbolic";
      break;
    case GX_SEVERITY_WARNING:
      icon_name = "dialog-warning-symbolic";
      break;
    case GX_SEVERITY_NOTE:
    default:
      icon_name = "dialog-information-symbolic";
      break;
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_widget_set_tooltip_text (icon, gx_severity_to_label (gx_finding_get_severity (finding)));
  gtk_label_set_text (GTK_LABEL (label), gx_finding_get_message (finding));
  gtk_label_set_text (GTK_LABEL (review), review_line ? review_line : "");
  gtk_widget_set_visible (review, review_line != NULL);
  gtk_editable_set_text (entry, gx_finding_get_review_note (finding) ? gx_finding_get_review_note (finding) : "");
  gtk_widget_set_sensitive (menu_button, self->store != NULL && self->report != NULL &&
                                         gx_report_get_id (self->report) > 0);
  if (gx_finding_get_review (finding) == GX_REVIEW_DISMISSED)
    gtk_widget_add_css_class (box, "dim-label");
  else
    gtk_widget_remove_css_class (box, "dim-label");
}

static gboolean
review_filter_func (gpointer item,
                    gpointer user_data)
{
  GxReportDetail *self = user_data;

  return self->show_dismissed || gx_finding_get_review (GX_FINDING (item)) != GX_REVIEW_DISMISSED;
}

/* The rates (gx-rates.c): one column each, its name over its value, the
 * definition and the figures divided in a tooltip. */
static void
build_rates (GxReportDetail *self)
{
  for (guint r = 0; r < GX_N_RATES; r++)
    {
      GtkWidget *name = gtk_label_new (gx_rate_to_label ((GxRate) r));
      GtkWidget *value = gtk_label_new ("—");

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_set_tooltip_text (name, gx_rate_to_formula ((GxRate) r));
      gtk_grid_attach (self->rates_grid, name, (int) r, 0, 1, 1);
      gtk_grid_attach (self->rates_grid, value, (int) r, 1, 1, 1);
      self->rate_values[r] = GTK_LABEL (value);
    }
}

static void
update_rates (GxReportDetail *self)
{
  if (self->report == NULL)
    return;
  for (guint r = 0; r < GX_N_RATES; r++)
    {
      g_autofree char *text = gx_rate_format (self->report, (GxRate) r);
      g_autofree char *tooltip = NULL;
      gint64 numerator = 0, denominator = 0;

      gtk_label_set_text (self->rate_values[r], text);
      if (gx_rate_compute (self->report, (GxRate) r, &numerator, &denominator, NULL))
        {
          /* counts, as gx_rate_compute() gives them (whole units) */
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, numerator);
          g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT, denominator);

          /* TRANSLATORS: a rate's tooltip: its definition, then "= 71 / 218" */
          tooltip = g_strdup_printf (_("%s\n= %s / %s"), gx_rate_to_formula ((GxRate) r), n, d);
        }
      else
        /* TRANSLATORS: a rate's tooltip when it has nothing to divide by */
        tooltip = g_strdup_printf (_("%s\nNot computed: nothing to divide by, or a cell is not a number"),
                                   gx_rate_to_formula ((GxRate) r));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->rate_values[r]), tooltip);
    }
}

static void
update_findings_heading (GxReportDetail *self)
{
  GPtrArray *findings = self->report ? gx_report_get_findings (self->report) : NULL;
  guint counts[GX_SEVERITY_ERROR + 1] = { 0 };
  guint n_dismissed = 0;
  g_autofree char *heading = NULL;

  if (self->report == NULL)
    return;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (findings, i);

      if (gx_finding_get_review (finding) == GX_REVIEW_DISMISSED)
        n_dismissed++;
      else
        counts[gx_finding_get_severity (finding)]++;
    }

  if (findings == NULL || findings->len == 0)
    heading = g_strdup (_("Findings: the tables tie out"));
  else if (n_dismissed == 0)
    heading = g_strdup_printf (_("Findings — errors: %u, warnings: %u, notes: %u"),
                               counts[GX_SEVERITY_ERROR], counts[GX_SEVERITY_WARNING],
                               counts[GX_SEVERITY_NOTE]);
  else
    heading = g_strdup_printf (_("Findings — errors: %u, warnings: %u, notes: %u; dismissed: %u"),
                               counts[GX_SEVERITY_ERROR], counts[GX_SEVERITY_WARNING],
                               counts[GX_SEVERITY_NOTE], n_dismissed);
  gtk_label_set_text (self->findings_heading, heading);
}

/* after a review or the toggle: the list, the heading and the cells */
static void
refresh_findings (GxReportDetail *self)
{
  GPtrArray *findings = self->report ? gx_report_get_findings (self->report) : NULL;

  /* rebinds every row, so that each shows its review */
  g_list_store_remove_all (self->findings);
  if (findings != NULL)
    g_list_store_splice (self->findings, 0, 0, findings->pdata, findings->len);
  gtk_filter_changed (GTK_FILTER (self->review_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_findings_heading (self);
  update_rates (self);
  compute_marks (self);
  restyle_all_cells (self);
}

static void
show_dismissed_toggled_cb (GxReportDetail *self)
{
  gx_report_detail_set_show_dismissed (self,
                                       gtk_check_button_get_active (self->show_dismissed_button));
}

static void
finding_activate_cb (GxReportDetail *self,
                     guint           position)
{
  gx_report_detail_activate_finding (self, position);
}

/* Building the tables --------------------------------------------------------- */

static GtkListItemFactory *
value_factory (GxReportDetail *self,
               guint           n)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "gx-detail", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_value_cb), GUINT_TO_POINTER (n));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_value_cb), GUINT_TO_POINTER (n));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_value_cb), GUINT_TO_POINTER (n));
  return factory;
}

static void
append_column (GtkColumnView      *view,
               const char         *title,
               GtkListItemFactory *factory,
               int                 width)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);

  /* values get fixed widths, the labels what is left */
  gtk_column_view_column_set_expand (column, width < 0);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
}

static GtkListItemFactory *
label_factory (GCallback bind,
               guint     nat_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GUINT_TO_POINTER (nat_chars));
  g_signal_connect (factory, "bind", bind, NULL);
  return factory;
}

static void
build_table_views (GxReportDetail *self)
{
  GtkColumnView *views[GX_N_SECTIONS] = {
    self->disclosure_view, self->applications_view, self->review_view,
  };
  GtkLabel *headings[GX_N_SECTIONS] = {
    self->disclosure_heading, self->applications_heading, self->review_heading,
  };
  const GxSchemaColumn *columns;
  guint n_columns;

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      g_autofree char *heading = section_heading (s);
      GtkNoSelection *selection;

      self->tables[s] = g_list_store_new (GX_TYPE_TABLE_ROW);
      selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->tables[s])));
      gtk_column_view_set_model (views[s], GTK_SELECTION_MODEL (selection));
      g_object_unref (selection);
      gtk_label_set_text (headings[s], heading);
      gtk_accessible_update_property (GTK_ACCESSIBLE (views[s]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
    }

  /* 二: 信息内容 | 项目 | 数值 */
  append_column (self->disclosure_view, _("Item"),
                 label_factory (G_CALLBACK (bind_label_cb), 22), -1);
  append_column (self->disclosure_view, _("Field"),
                 label_factory (G_CALLBACK (bind_field_cb), 16), 260);
  append_column (self->disclosure_view, _("Value"), value_factory (self, 0), 120);

  /* 三: the 25 rows × 7 columns */
  append_column (self->applications_view, _("Item"),
                 label_factory (G_CALLBACK (bind_label_cb), 26), -1);
  columns = gx_schema_application_columns (&n_columns);
  for (guint c = 0; c < n_columns; c++)
    append_column (self->applications_view, gx_schema_column_label (&columns[c]),
                   value_factory (self, c), 96);

  /* 四: 行政复议 and the two kinds of 行政诉讼, 5 fields each */
  append_column (self->review_view, _("Item"),
                 label_factory (G_CALLBACK (bind_label_cb), 26), -1);
  columns = gx_schema_review_fields (&n_columns);
  for (guint c = 0; c < n_columns; c++)
    append_column (self->review_view, gx_schema_column_label (&columns[c]),
                   value_factory (self, c), 96);

  build_table_rows (self, GX_FORMAT_2021);
}

/* GObject / GtkWidget ---------------------------------------------------------- */

static void
gx_report_detail_dispose (GObject *object)
{
  GxReportDetail *self = GX_REPORT_DETAIL (object);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_REPORT_DETAIL);
  g_clear_object (&self->report);
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    g_clear_object (&self->tables[s]);
  g_clear_object (&self->findings);
  g_clear_object (&self->listed);
  g_clear_object (&self->review_filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gx_report_detail_parent_class)->dispose (object);
}

static void
gx_report_detail_finalize (GObject *object)
{
  GxReportDetail *self = GX_REPORT_DETAIL (object);

  clear_marks (self);
  g_free (self->marks);
  g_hash_table_unref (self->cell_widgets);

  G_OBJECT_CLASS (gx_report_detail_parent_class)->finalize (object);
}

static void
gx_report_detail_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GxReportDetail *self = GX_REPORT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_report_detail_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GxReportDetail *self = GX_REPORT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      gx_report_detail_set_report (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_report_detail_class_init (GxReportDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_report_detail_dispose;
  object_class->finalize = gx_report_detail_finalize;
  object_class->get_property = gx_report_detail_get_property;
  object_class->set_property = gx_report_detail_set_property;

  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, GX_TYPE_REPORT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxReportDetail::reviewed:
   *
   * A finding of the shown report was confirmed, dismissed or reopened
   * (the workspace has recorded it and recounted the report's findings).
   */
  signals[REVIEWED] = g_signal_new ("reviewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/GxReports/gx-report-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, tables_scroller);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, tables_box);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, disclosure_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, applications_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, review_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, disclosure_view);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, applications_view);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, review_view);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, findings_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, findings_view);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, rates_grid);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, show_dismissed_button);
  gtk_widget_class_bind_template_callback (widget_class, finding_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_dismissed_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gxreportdetail");
}

static void
gx_report_detail_init (GxReportDetail *self)
{
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->focus_cell = -1;
  self->marks = g_new0 (CellMark, gx_schema_n_cells ());
  self->cell_widgets = g_hash_table_new (NULL, NULL);

  build_table_views (self);

  self->findings = g_list_store_new (GX_TYPE_FINDING);
  self->review_filter = gtk_custom_filter_new (review_filter_func, self, NULL);
  self->listed = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->findings)),
                                            GTK_FILTER (g_object_ref (self->review_filter)));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->listed)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->findings_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_finding_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_finding_cb), self);
  gtk_list_view_set_factory (self->findings_view, factory);
  g_object_unref (factory);

  gtk_label_set_text (self->findings_heading, _("Findings"));
  build_rates (self);
}

/* Public API ------------------------------------------------------------------ */

GtkWidget *
gx_report_detail_new (void)
{
  return g_object_new (GX_TYPE_REPORT_DETAIL, NULL);
}

void
gx_report_detail_set_report (GxReportDetail *self,
                             GxReport       *report)
{
  GPtrArray *findings;

  g_return_if_fail (GX_IS_REPORT_DETAIL (self));
  g_return_if_fail (report == NULL || GX_IS_REPORT (report));

  if (!g_set_object (&self->report, report))
    return;

  if (report != NULL && gx_report_get_format (report) != self->format)
    build_table_rows (self, gx_report_get_format (report));
  self->focus_cell = -1;
  compute_marks (self);

  g_list_store_remove_all (self->findings);
  findings = report ? gx_report_get_findings (report) : NULL;
  if (findings != NULL)
    g_list_store_splice (self->findings, 0, 0, findings->pdata, findings->len);

  if (report != NULL)
    {
      g_autofree char *title = NULL;
      g_autofree char *heading = NULL;

      /* Translators: issuer and year of a report: "北京市海淀区人民政府 2022" */
      title = g_strdup_printf (_("%s — %d"), gx_report_get_issuer (report),
                               gx_report_get_year (report));
      gtk_label_set_text (self->title_label, title);
      gtk_label_set_text (self->subtitle_label,
                          gx_report_get_source (report) ? gx_report_get_source (report) : "");

      update_findings_heading (self);
      update_rates (self);
      gtk_stack_set_visible_child_name (self->stack, "report");
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->tables_scroller), 0);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "none");

  rebind_tables (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

GxReport *
gx_report_detail_get_report (GxReportDetail *self)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), NULL);
  return self->report;
}

GListModel *
gx_report_detail_get_findings (GxReportDetail *self)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), NULL);
  return G_LIST_MODEL (self->listed);
}

void
gx_report_detail_activate_finding (GxReportDetail *self,
                                   guint           position)
{
  g_autoptr(GxFinding) finding = NULL;
  GtkWidget *widget;

  g_return_if_fail (GX_IS_REPORT_DETAIL (self));

  finding = g_list_model_get_item (G_LIST_MODEL (self->listed), position);
  if (finding == NULL)
    return;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (self->findings_view)),
                                     position);
  /* a finding about the text has no cell to go to */
  self->focus_cell = gx_finding_has_cell (finding) ? (int) gx_finding_get_cell (finding) : -1;
  restyle_all_cells (self);

  widget = self->focus_cell >= 0 ? g_hash_table_lookup (self->cell_widgets, CELL_KEY ((guint) self->focus_cell)) : NULL;
  if (widget != NULL)
    scroll_to_widget (self, widget);
  /* and once more after the next layout, which may still move it */
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_focus_cb, NULL, NULL);
}

int
gx_report_detail_get_focus_cell (GxReportDetail *self)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), -1);
  return self->focus_cell;
}

GtkWidget *
gx_report_detail_get_cell_widget (GxReportDetail *self,
                                  guint           cell)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), NULL);
  return g_hash_table_lookup (self->cell_widgets, CELL_KEY (cell));
}

void
gx_report_detail_set_store (GxReportDetail *self,
                            GxStore        *store)
{
  g_return_if_fail (GX_IS_REPORT_DETAIL (self));
  g_return_if_fail (store == NULL || GX_IS_STORE (store));

  g_set_object (&self->store, store);
}

gboolean
gx_report_detail_review_finding (GxReportDetail *self,
                                 GxFinding      *finding,
                                 GxReviewState   state,
                                 const char     *note,
                                 GError        **error)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), FALSE);
  g_return_val_if_fail (GX_IS_FINDING (finding), FALSE);

  if (self->store == NULL || self->report == NULL || gx_report_get_id (self->report) <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Only a report in the workspace can be reviewed."));
      return FALSE;
    }
  if (note != NULL && *note == '\0')
    note = NULL;
  if (!gx_store_set_review (self->store, self->report, finding, state, note, error))
    return FALSE;
  refresh_findings (self);
  g_signal_emit (self, signals[REVIEWED], 0);
  return TRUE;
}

void
gx_report_detail_set_show_dismissed (GxReportDetail *self,
                                     gboolean        show_dismissed)
{
  g_return_if_fail (GX_IS_REPORT_DETAIL (self));

  show_dismissed = !!show_dismissed;
  if (gtk_check_button_get_active (self->show_dismissed_button) != show_dismissed)
    gtk_check_button_set_active (self->show_dismissed_button, show_dismissed);
  if (self->show_dismissed == show_dismissed)
    return;
  self->show_dismissed = show_dismissed;
  refresh_findings (self);
}

gboolean
gx_report_detail_get_show_dismissed (GxReportDetail *self)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), FALSE);
  return self->show_dismissed;
}

GtkWidget *
gx_report_detail_get_rate_widget (GxReportDetail *self,
                                  guint           rate)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), NULL);
  g_return_val_if_fail (rate < GX_N_RATES, NULL);
  return GTK_WIDGET (self->rate_values[rate]);
}
