/* gx-report-detail.c: the statistical tables of one report, and its findings
 *
 * The three tables are GtkGrids built from the layout of the official form
 * (gx-form-layout.c) once per national form; showing another report only
 * restyles their value cells.  The cells keep nothing: what a cell looks
 * like is computed from the report and from self->marks whenever it is
 * restyled.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-report-detail.h"
#include "gx-dialogs.h"
#include "gx-rates.h"
#include "gx-schema.h"
#include "gx-form-layout.h"

typedef struct {
  GxSeverity severity;        /* the worst finding of the cell */
  GString *messages;          /* their messages, one a line */
} CellMark;

struct _GxReportDetail
{
  GtkWidget parent_instance;

  GtkStack *stack;
  GtkPaned *paned;
  GtkScrolledWindow *tables_scroller;
  GtkWidget *tables_box;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkLabel *disclosure_heading;
  GtkLabel *applications_heading;
  GtkLabel *review_heading;
  GtkGrid *disclosure_grid;
  GtkGrid *applications_grid;
  GtkGrid *review_grid;
  GtkLabel *findings_heading;
  GtkListView *findings_view;
  GtkGrid *rates_grid;
  GtkWidget *legend;
  GtkLabel *rate_values[GX_N_RATES];

  GListStore *findings;                /* GxFinding: all of the report */
  GtkFilterListModel *listed;          /* those listed (dismissed hidden) */
  GtkCustomFilter *review_filter;
  GtkCheckButton *show_dismissed_button;
  GxWorkspace *store;                      /* where reviews are recorded */
  gboolean show_dismissed;

  GxReport *report;
  GxFormat format;                     /* the form the grids are built for */
  CellMark *marks;                     /* one per cell; messages NULL: none */
  int focus_cell;
  GHashTable *cell_widgets;            /* cell + 1 → its GtkInscription */
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
      guint subject = gx_finding_get_cell (finding);
      /* a finding about a whole row (unread, ambiguous_layout) is about
       * each of its cells, blank or not */
      gboolean whole_row = subject < gx_schema_n_cells () &&
                           gx_finding_get_column_key (finding) == NULL;

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
          /* the blank operands of a sum are not what is wrong: only the
           * cell the finding is about, and the cells holding a value, are
           * tinted (a blank cell keeps the colour of its blank_cell note) */
          if (!whole_row && cells[c] != subject &&
              gx_report_is_blank (self->report, cells[c]))
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

/* Sets the tooltip only when it changes: in GTK 4.8 each set asks the
 * display server where the pointer is (a round trip for each of the 200
 * cells of a report shown). */
static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
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
      set_tooltip (widget, NULL);
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
      set_tooltip (widget, mark->messages->str);
    }
  else
    set_tooltip (widget, NULL);

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

/* Callbacks ----------------------------------------------------------------- */

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

      gx_dialogs_alert (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GX_DIALOGS_ERROR,
                        _("The review could not be recorded"), error->message);
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

  /* a word, not a pencil: it records a decision, it edits nothing */
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("Review…"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_widget_set_tooltip_text (menu_button,
                               _("Confirm this finding, or dismiss it (it then no longer counts), with a note saying why"));
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
  GtkWidget *where = gtk_label_new (NULL);
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
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_wrap (GTK_LABEL (where), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (where), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_box_append (GTK_BOX (text), label);
  gtk_box_append (GTK_BOX (text), where);
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
  GtkWidget *where = gtk_widget_get_next_sibling (label);
  GtkWidget *review = gtk_widget_get_next_sibling (where);
  g_autofree char *where_text = NULL;
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
  gtk_widget_remove_css_class (icon, "severity-error");
  gtk_widget_remove_css_class (icon, "severity-warning");
  gtk_widget_remove_css_class (icon, "severity-note");
  gtk_widget_add_css_class (icon, gx_finding_get_severity (finding) == GX_SEVERITY_ERROR ? "severity-error"
                                  : gx_finding_get_severity (finding) == GX_SEVERITY_WARNING ? "severity-warning"
                                  : "severity-note");
  gtk_widget_set_tooltip_text (icon, gx_severity_to_label (gx_finding_get_severity (finding)));
  gtk_label_set_text (GTK_LABEL (label), gx_finding_get_message (finding));
  where_text = self->report ? gx_report_detail_dup_finding_source (self->report, finding) : NULL;
  gtk_label_set_text (GTK_LABEL (where), where_text ? where_text : "");
  gtk_widget_set_visible (where, where_text != NULL);
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

/* What the colours of the cells mean, under the title */
static void
build_legend (GxReportDetail *self)
{
  static const struct {
    const char *css;
    const char *text;
  } keys[] = {
    { "finding-error", N_("Error: does not add up, or not a number") },
    { "finding-warning", N_("Warning: check against the source") },
    { "finding-note", N_("Note: left blank (read as 0), or as the source has it") },
  };
  GtkWidget *legend = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

  gtk_widget_add_css_class (legend, "legend");
  gtk_widget_set_margin_top (legend, 6);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkWidget *key = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *label = gtk_label_new (_(keys[i].text));

      gtk_widget_add_css_class (swatch, "legend-swatch");
      gtk_widget_add_css_class (swatch, keys[i].css);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (key), swatch);
      gtk_box_append (GTK_BOX (key), label);
      gtk_box_append (GTK_BOX (legend), key);
    }
  gtk_box_insert_child_after (GTK_BOX (self->tables_box), legend,
                              GTK_WIDGET (self->subtitle_label));
  self->legend = legend;
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

/* The official tables -------------------------------------------------------- */

/* The text of a header, title or label cell of gx-form-layout.c in the
 * language of the interface: the layout spells the form in Chinese, and
 * names the schema row or group a cell stands for. */
static char *
localized_text (const GxLayoutCell *cell)
{
  guint n;
  const GxSchemaColumn *columns;

  if (gx_schema_prefers_chinese () || cell->text == NULL || *cell->text == '\0')
    return g_strdup (cell->text);
  if (cell->schema_row >= 0)
    return g_strdup (gx_schema_row_label (gx_schema_row ((guint) cell->schema_row)));
  if (cell->group >= 0)
    return group_label (gx_schema_group ((guint) cell->group));

  /* a column's label, or the label over a group of columns */
  columns = gx_schema_application_columns (&n);
  for (guint c = 0; c < n; c++)
    {
      if (g_strcmp0 (columns[c].label_zh, cell->text) == 0)
        return g_strdup (columns[c].label_en);
      if (g_strcmp0 (columns[c].group_zh, cell->text) == 0)
        return g_strdup (columns[c].group_en);
    }
  columns = gx_schema_review_fields (&n);
  for (guint c = 0; c < n; c++)
    if (g_strcmp0 (columns[c].label_zh, cell->text) == 0)
      return g_strdup (columns[c].label_en);
  {
    const GxSchemaSection *s = gx_schema_section (GX_SECTION_DISCLOSURE);

    for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
      {
        const GxSchemaRow *row = gx_schema_row (r);

        for (guint c = 0; c < row->n_columns; c++)
          if (g_strcmp0 (row->columns[c].label_zh, cell->text) == 0)
            return g_strdup (row->columns[c].label_en);
      }
  }
  /* what the form prints around the template */
  if (strcmp (cell->text, "信息内容") == 0)
    return g_strdup (_("Item"));
  if (strcmp (cell->text, "申请人情况") == 0)
    return g_strdup (_("Applicants"));
  if (g_str_has_prefix (cell->text, "（本列数据的勾稽关系为"))
    return g_strdup (_("(In each column: new applications + carried over = results total + carried forward)"));
  return g_strdup (cell->text);
}

/* The width the form gives a column, in pixels: the tables are as wide as
 * a printed sheet's proportions say, the labels wrap within */
#define FORM_WIDTH 1040

static void
build_grid (GxReportDetail *self,
            GtkGrid        *grid,
            GxSection       section,
            GxFormat        format)
{
  g_autoptr(GxFormTable) table = gx_form_table_new (section, format);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);

  for (guint i = 0; i < table->cells->len; i++)
    {
      const GxLayoutCell *cell = &g_array_index (table->cells, GxLayoutCell, i);
      GtkWidget *widget;
      int width = 0;

      for (guint c = cell->col; c < cell->col + cell->colspan && c < table->n_cols; c++)
        width += (int) (table->widths[c] * FORM_WIDTH);

      if (cell->kind == GX_LAYOUT_VALUE)
        {
          widget = gtk_inscription_new (NULL);
          gtk_inscription_set_xalign (GTK_INSCRIPTION (widget), 1.0);
          gtk_inscription_set_yalign (GTK_INSCRIPTION (widget), 0.5);
          gtk_inscription_set_min_chars (GTK_INSCRIPTION (widget), 4);
          gtk_widget_add_css_class (widget, "numeric");
          gtk_widget_add_css_class (widget, "cell");
          if (cell->cell >= 0)
            g_hash_table_insert (self->cell_widgets, CELL_KEY ((guint) cell->cell), widget);
        }
      else
        {
          g_autofree char *text = localized_text (cell);

          widget = gtk_label_new (text);
          gtk_label_set_wrap (GTK_LABEL (widget), TRUE);
          /* between words (and between Chinese characters): an English
           * header is never cut inside a word */
          gtk_label_set_wrap_mode (GTK_LABEL (widget), PANGO_WRAP_WORD);
          /* the column's width decides where it wraps, not the text */
          gtk_label_set_max_width_chars (GTK_LABEL (widget), 1);
          gtk_label_set_xalign (GTK_LABEL (widget), cell->kind == GX_LAYOUT_LABEL ? 0.0 : 0.5);
          gtk_label_set_justify (GTK_LABEL (widget), cell->kind == GX_LAYOUT_LABEL
                                                       ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_CENTER);
          gtk_widget_add_css_class (widget, cell->kind == GX_LAYOUT_HEAD ? "form-head"
                                            : cell->kind == GX_LAYOUT_TITLE ? "form-title"
                                            : "form-label");
          if (cell->group >= 0)
            gtk_widget_add_css_class (widget, "table-heading");
        }
      gtk_widget_add_css_class (widget, "form-cell");
      gtk_widget_set_size_request (widget, MAX (width, 24), -1);
      gtk_grid_attach (grid, widget, (int) cell->col, (int) cell->row,
                       (int) cell->colspan, (int) cell->rowspan);
    }
}

/* Sections 二, 三 and 四 as the official form of @format has them */
static void
build_forms (GxReportDetail *self,
             GxFormat        format)
{
  GtkGrid *grids[GX_N_SECTIONS] = {
    self->disclosure_grid, self->applications_grid, self->review_grid,
  };
  GtkLabel *headings[GX_N_SECTIONS] = {
    self->disclosure_heading, self->applications_heading, self->review_heading,
  };

  self->format = format;
  g_hash_table_remove_all (self->cell_widgets);
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      g_autofree char *heading = section_heading (s);

      gtk_label_set_text (headings[s], heading);
      gtk_accessible_update_property (GTK_ACCESSIBLE (grids[s]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
      build_grid (self, grids[s], (GxSection) s, format);
    }
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
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, paned);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, tables_scroller);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, tables_box);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, disclosure_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, applications_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, review_heading);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, disclosure_grid);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, applications_grid);
  gtk_widget_class_bind_template_child (widget_class, GxReportDetail, review_grid);
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

  build_forms (self, GX_FORMAT_2021);

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
  build_legend (self);
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
    build_forms (self, gx_report_get_format (report));
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

  restyle_all_cells (self);
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
                            GxWorkspace        *store)
{
  g_return_if_fail (GX_IS_REPORT_DETAIL (self));
  g_return_if_fail (store == NULL || GX_IS_WORKSPACE (store));

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
  if (!gx_workspace_set_review (self->store, self->report, finding, state, note, error))
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

char *
gx_report_detail_dup_finding_source (GxReport  *report,
                                     GxFinding *finding)
{
  const char *quote;
  guint cell;
  guint line;

  g_return_val_if_fail (GX_IS_REPORT (report), NULL);
  g_return_val_if_fail (GX_IS_FINDING (finding), NULL);

  quote = gx_finding_get_quote (finding);
  if (quote != NULL)
    {
      glong len = g_utf8_strlen (quote, -1);
      g_autofree char *cut = NULL;

      /* a paragraph without a full stop is read as one sentence */
      if (len > 160)
        {
          g_autofree char *head = g_utf8_substring (quote, 0, 159);
          cut = g_strconcat (head, "…", NULL);
        }
      /* Translators: under a finding about the text: the sentence read */
      return g_strdup_printf (_("The text: “%s”"), cut ? cut : quote);
    }

  /* a finding about the text as a whole, or of no cell, has no line */
  if (!gx_finding_has_cell (finding))
    return NULL;
  cell = gx_finding_get_cell (finding);
  line = gx_report_get_cell_line (report, cell);
  if (line == 0)
    return NULL;
  /* Translators: under a finding: where its value was read, "源文件第434行" */
  return g_strdup_printf (_("Line %u of the source"), line);
}

GtkWidget *
gx_report_detail_get_legend (GxReportDetail *self)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), NULL);
  return self->legend;
}

GtkPaned *
gx_report_detail_get_paned (GxReportDetail *self)
{
  g_return_val_if_fail (GX_IS_REPORT_DETAIL (self), NULL);
  return self->paned;
}
