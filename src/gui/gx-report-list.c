/* gx-report-list.c: the list of reports of the workspace */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-crosscheck.h"
#include "gx-report-list.h"
#include "gx-schema.h"

typedef enum {
  VALUE_CELL,          /* one cell of the report */
  VALUE_LITIGATION,    /* the two litigation totals together */
} ValueKind;

typedef struct {
  const char *id;
  const char *title;   /* N_() */
  ValueKind kind;
  GxSection section;
  const char *row_key;
} NumberColumn;

static const NumberColumn number_columns[] = {
  { "new",        N_("New"),           VALUE_CELL, GX_SECTION_APPLICATIONS, "new_received" },
  { "results",    N_("Results total"), VALUE_CELL, GX_SECTION_APPLICATIONS, "results_total" },
  { "carried",    N_("Carried forward"), VALUE_CELL, GX_SECTION_APPLICATIONS, "carried_forward" },
  { "review",     N_("Reviews"),       VALUE_CELL, GX_SECTION_REVIEW_LITIGATION, "review" },
  { "litigation", N_("Lawsuits"),      VALUE_LITIGATION, GX_SECTION_REVIEW_LITIGATION, NULL },
};

struct _GxReportList
{
  GtkWidget parent_instance;

  GtkWidget *stack;           /* the list, or what says nothing matches */
  GtkWidget *scroller;
  GtkLabel *nothing_label;
  GtkColumnView *column_view;

  GListModel *reports;        /* the workspace's list (or an empty one) */
  GtkCustomFilter *search_filter;
  GtkCustomFilter *problems_filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel *sort_model;
  GtkSingleSelection *selection;

  gboolean only_problems;

  /* the search: its text as typed, and normalised as issuers are
   * (gx_issuer_normalize(), case folded) */
  char *search;
  char *search_key;
  int year;                   /* only the reports of this year; 0: all */
  /* the user's merges of issuer spellings (normalised): alias → canonical,
   * and canonical → a GPtrArray of its aliases */
  GHashTable *aliases;
  GHashTable *spellings;

  /* the report the user selected last (0: none): selected again when a
   * search or filter that hid it shows it again */
  gint64 wanted_id;
  gboolean refiltering;
};

static GQuark issuer_key_quark;

typedef struct {
  char *issuer;     /* the issuer the key was made of */
  char *key;        /* gx_issuer_normalize(), case folded */
} IssuerKey;

enum {
  PROP_0,
  PROP_SELECTED_REPORT,
  PROP_N_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REPORTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxReportList, gx_report_list, GTK_TYPE_WIDGET)

/* Values --------------------------------------------------------------------- */

static gint64
column_value (const NumberColumn *column,
              GxReport           *report)
{
  static int litigation_cells[2] = { -1, -1 };

  if (column->kind == VALUE_LITIGATION)
    {
      if (litigation_cells[0] < 0)
        {
          litigation_cells[0] = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION,
                                                     "litigation_direct", "total");
          litigation_cells[1] = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION,
                                                     "litigation_after_review", "total");
        }
      return gx_report_get_count (report, (guint) litigation_cells[0]) +
             gx_report_get_count (report, (guint) litigation_cells[1]);
    }

  return gx_report_get_count (report,
                              (guint) gx_schema_find_cell (column->section, column->row_key, "total"));
}

/* the closures of the sort expressions: called with the item first */
static gint64
number_column_key (GxReport *report,
                   gpointer  user_data)
{
  return report ? column_value (user_data, report) : 0;
}

static gint64
problems_key (GxReport *report,
              gpointer  user_data)
{
  if (report == NULL)
    return 0;
  /* errors weigh more than any number of warnings */
  return (gint64) gx_report_get_n_errors (report) * G_GINT64_CONSTANT (1000000000) +
         gx_report_get_n_warnings (report);
}

static gboolean
has_problems (GxReport *report)
{
  return gx_report_get_n_errors (report) + gx_report_get_n_warnings (report) > 0;
}

static char *
search_key (const char *text)
{
  g_autofree char *normal = gx_issuer_normalize (text);

  return normal ? g_utf8_casefold (normal, -1) : NULL;
}

static void
issuer_key_free (gpointer data)
{
  IssuerKey *key = data;

  g_free (key->issuer);
  g_free (key->key);
  g_free (key);
}

/* The normalised issuer of @report, kept on it until its issuer changes:
 * the search runs over every report at each key typed. */
static const char *
report_issuer_key (GxReport *report)
{
  const char *issuer = gx_report_get_issuer (report);
  IssuerKey *key = g_object_get_qdata (G_OBJECT (report), issuer_key_quark);

  if (key == NULL || g_strcmp0 (key->issuer, issuer) != 0)
    {
      key = g_new0 (IssuerKey, 1);
      key->issuer = g_strdup (issuer);
      key->key = search_key (issuer);
      g_object_set_qdata_full (G_OBJECT (report), issuer_key_quark, key, issuer_key_free);
    }
  return key->key;
}

/* Whether @report's issuer, one of the spellings merged with it, or its
 * year holds what was searched for. */
static gboolean
search_matches (GxReportList *self,
                GxReport     *report)
{
  const char *key;
  const char *canonical;
  GPtrArray *spellings;
  char year[16];

  if (self->search == NULL)
    return TRUE;
  /* a year, or its first digits (202 for the 2020s): not any digit in it */
  g_snprintf (year, sizeof year, "%d", gx_report_get_year (report));
  if (strlen (self->search) >= 3 && strspn (self->search, "0123456789") == strlen (self->search) &&
      g_str_has_prefix (year, self->search))
    return TRUE;
  if (self->search_key == NULL)
    return FALSE;
  key = report_issuer_key (report);
  if (key == NULL)
    return FALSE;
  if (strstr (key, self->search_key) != NULL)
    return TRUE;
  if (self->aliases == NULL)
    return FALSE;

  canonical = g_hash_table_lookup (self->aliases, key);
  if (canonical == NULL)
    canonical = key;
  else if (strstr (canonical, self->search_key) != NULL)
    return TRUE;
  spellings = g_hash_table_lookup (self->spellings, canonical);
  for (guint i = 0; spellings != NULL && i < spellings->len; i++)
    if (strstr (g_ptr_array_index (spellings, i), self->search_key) != NULL)
      return TRUE;
  return FALSE;
}

/* Callbacks ------------------------------------------------------------------- */

static gboolean
problems_filter_match_cb (gpointer item,
                          gpointer user_data)
{
  GxReportList *self = user_data;

  return !self->only_problems || has_problems (item);
}

static gboolean
search_filter_match_cb (gpointer item,
                        gpointer user_data)
{
  GxReportList *self = user_data;

  if (self->year != 0 && gx_report_get_year (item) != self->year)
    return FALSE;
  return search_matches (self, item);
}

/* The tooltips of the rows are asked for when shown, never set in a bind:
 * in GTK 4.8 setting one asks the display server where the pointer is, a
 * round trip for every row a list change rebinds (an import's slice of
 * rows stalled the window 60-110 ms on it). */
static char *problems_text (GxReport *report);

/* @user_data: the GtkListItem (it holds its child: it outlives the handler) */
static gboolean
query_issuer_tooltip_cb (GtkWidget  *widget,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  GxReport *report = gtk_list_item_get_item (user_data);

  if (report == NULL || gx_report_get_issuer (report) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, gx_report_get_issuer (report));
  return TRUE;
}

static gboolean
query_problems_tooltip_cb (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip,
                           gpointer    user_data)
{
  GxReport *report = gtk_list_item_get_item (user_data);
  g_autofree char *text = NULL;

  if (report == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text = problems_text (report));
  return TRUE;
}

static void
setup_text_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (label), 18);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_issuer_tooltip_cb), item);
  gtk_list_item_set_child (item, label);
}

static void
bind_issuer_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GxReport *report = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (label), gx_report_get_issuer (report));
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), 1.0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (label), 3);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_year_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GxReport *report = gtk_list_item_get_item (item);
  char text[16];

  g_snprintf (text, sizeof text, "%d", gx_report_get_year (report));
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
bind_number_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GxReport *report = gtk_list_item_get_item (item);
  char text[32];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, column_value (user_data, report));
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
setup_problems_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (query_problems_tooltip_cb), item);
  gtk_list_item_set_child (item, box);
}

/* "2 errors, 1 warning", "OK" */
static char *
problems_text (GxReport *report)
{
  guint n_errors = gx_report_get_n_errors (report);
  guint n_warnings = gx_report_get_n_warnings (report);

  if (n_errors > 0 && n_warnings > 0)
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
      g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings), n_warnings);
      /* Translators: "2 errors, 1 warning" */
      return g_strdup_printf (_("%s, %s"), errors, warnings);
    }
  if (n_errors > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  if (n_warnings > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings), n_warnings);
  return g_strdup (_("OK"));
}

static void
bind_problems_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GxReport *report = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  guint n_errors = gx_report_get_n_errors (report);
  guint n_warnings = gx_report_get_n_warnings (report);
  g_autofree char *text = problems_text (report);

  gtk_widget_remove_css_class (box, "error");
  gtk_widget_remove_css_class (box, "warning");
  gtk_widget_remove_css_class (box, "success");

  if (n_errors > 0)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-error-symbolic");
      gtk_widget_add_css_class (box, "error");
    }
  else if (n_warnings > 0)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
      gtk_widget_add_css_class (box, "warning");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (icon), "emblem-ok-symbolic");
      gtk_widget_add_css_class (box, "success");
    }
  gtk_inscription_set_text (GTK_INSCRIPTION (label), text);
}

static void
selection_changed_cb (GxReportList *self)
{
  GxReport *selected = gx_report_list_get_selected (self);

  /* a report hidden by the search stays the one wanted back */
  if (!self->refiltering)
    self->wanted_id = selected ? gx_report_get_id (selected) : 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_REPORT]);
}

static void
update_nothing_shown (GxReportList *self)
{
  guint n_all = g_list_model_get_n_items (self->reports);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  g_autofree char *text = NULL;
  g_autofree char *year = NULL;

  if (n_shown > 0 || n_all == 0)
    {
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->scroller);
      return;
    }

  if (self->year != 0)
    year = g_strdup_printf ("%d", self->year);
  if (self->search != NULL && year != NULL)
    /* Translators: the list is empty: "No report of 2021 matches “密云”" */
    text = g_strdup_printf (_("No report of %s matches “%s”."), year, self->search);
  else if (self->search != NULL)
    text = g_strdup_printf (_("No report matches “%s”."), self->search);
  else if (year != NULL && self->only_problems)
    text = g_strdup_printf (_("No report of %s has errors or warnings."), year);
  else if (year != NULL)
    text = g_strdup_printf (_("No report of %s."), year);
  else
    text = g_strdup (_("No report has errors or warnings."));
  gtk_label_set_text (self->nothing_label, text);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), GTK_WIDGET (self->nothing_label));
}

static void
n_items_changed_cb (GxReportList *self)
{
  update_nothing_shown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_VISIBLE]);
}

/* After the search or a filter changed: the report the user had selected
 * is selected again if it is shown. */
static void
refilter (GxReportList  *self,
          GtkFilter     *filter,
          GtkFilterChange change)
{
  GListModel *visible = G_LIST_MODEL (self->sort_model);

  self->refiltering = TRUE;
  gtk_filter_changed (filter, change);
  if (self->wanted_id != 0 && gx_report_list_get_selected (self) == NULL)
    for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
      {
        g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

        if (gx_report_get_id (report) == self->wanted_id)
          {
            gtk_single_selection_set_selected (self->selection, i);
            break;
          }
      }
  self->refiltering = FALSE;
  update_nothing_shown (self);
}

/* Building the columns -------------------------------------------------------- */

static void
add_column (GxReportList       *self,
            const char         *id,
            const char         *title,
            GtkListItemFactory *factory,
            GtkSorter          *sorter,
            int                 width)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, factory);
  gboolean expand = width < 0;

  /* fixed widths: the header titles do not decide how wide numbers are;
   * the last column takes what is left, so that on a wide window the
   * numbers stay next to their issuer */
  gtk_column_view_column_set_fixed_width (column, expand ? 200 : width);

  /* gtk_column_view_column_set_id() is 4.10 */
  g_object_set_data (G_OBJECT (column), "gx-column-id", (gpointer) id);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (sorter);
}

static GtkListItemFactory *
signal_factory (GCallback setup,
                GCallback bind,
                gpointer  user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", bind, user_data);
  return factory;
}

static void
build_columns (GxReportList *self)
{
  GtkExpression *expr;
  GtkSorter *sorter;

  /* 发布机关 */
  expr = gtk_property_expression_new (GX_TYPE_REPORT, NULL, "issuer");
  sorter = GTK_SORTER (gtk_string_sorter_new (expr));
  add_column (self, "issuer", _("Issuer"),
              signal_factory (G_CALLBACK (setup_text_cb), G_CALLBACK (bind_issuer_cb), NULL),
              sorter, 320);

  /* 年度 */
  expr = gtk_property_expression_new (GX_TYPE_REPORT, NULL, "year");
  sorter = GTK_SORTER (gtk_numeric_sorter_new (expr));
  add_column (self, "year", _("Year"),
              signal_factory (G_CALLBACK (setup_number_cb), G_CALLBACK (bind_year_cb), NULL),
              sorter, 64);

  for (guint i = 0; i < G_N_ELEMENTS (number_columns); i++)
    {
      const NumberColumn *column = &number_columns[i];

      expr = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL,
                                          G_CALLBACK (number_column_key),
                                          (gpointer) column, NULL);
      sorter = GTK_SORTER (gtk_numeric_sorter_new (expr));
      add_column (self, column->id, _(column->title),
                  signal_factory (G_CALLBACK (setup_number_cb), G_CALLBACK (bind_number_cb),
                                  (gpointer) column),
                  sorter, 128);
    }

  /* 问题 */
  expr = gtk_cclosure_expression_new (G_TYPE_INT64, NULL, 0, NULL,
                                      G_CALLBACK (problems_key), NULL, NULL);
  sorter = GTK_SORTER (gtk_numeric_sorter_new (expr));
  add_column (self, "problems", _("Problems"),
              signal_factory (G_CALLBACK (setup_problems_cb), G_CALLBACK (bind_problems_cb), NULL),
              sorter, -1);
}

/* GObject / GtkWidget ------------------------------------------------------------ */

static void
gx_report_list_dispose (GObject *object)
{
  GxReportList *self = GX_REPORT_LIST (object);

  g_clear_pointer (&self->stack, gtk_widget_unparent);
  self->scroller = NULL;
  g_clear_object (&self->selection);
  if (self->reports != NULL)
    g_signal_handlers_disconnect_by_data (self->reports, self);
  g_clear_object (&self->reports);
  g_clear_pointer (&self->aliases, g_hash_table_unref);
  g_clear_pointer (&self->spellings, g_hash_table_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (gx_report_list_parent_class)->dispose (object);
}

static void
gx_report_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GxReportList *self = GX_REPORT_LIST (object);

  switch (prop_id)
    {
    case PROP_SELECTED_REPORT:
      g_value_set_object (value, gx_report_list_get_selected (self));
      break;
    case PROP_N_VISIBLE:
      g_value_set_uint (value, gx_report_list_get_n_visible (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_report_list_class_init (GxReportListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_report_list_dispose;
  object_class->get_property = gx_report_list_get_property;

  properties[PROP_SELECTED_REPORT] =
    g_param_spec_object ("selected-report", NULL, NULL, GX_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_VISIBLE] =
    g_param_spec_uint ("n-visible", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxReportList::reports-changed:
   *
   * The reports listed changed (::items-changed of the model, or another
   * model): emitted after the list's own models have followed.
   */
  signals[REPORTS_CHANGED] =
    g_signal_new ("reports-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gxreportlist");
  issuer_key_quark = g_quark_from_static_string ("gx-issuer-key");
}

static void
gx_report_list_init (GxReportList *self)
{
  GtkEveryFilter *filter;

  self->reports = G_LIST_MODEL (g_list_store_new (GX_TYPE_REPORT));

  self->search_filter = gtk_custom_filter_new (search_filter_match_cb, self, NULL);
  self->problems_filter = gtk_custom_filter_new (problems_filter_match_cb, self, NULL);

  filter = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->search_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (filter), GTK_FILTER (self->problems_filter));

  self->filter_model = gtk_filter_list_model_new (g_object_ref (self->reports),
                                                  GTK_FILTER (filter));

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, FALSE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "report-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reports"), -1);
  build_columns (self);

  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sort_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sort_model, "notify::n-items",
                           G_CALLBACK (n_items_changed_cb), self, G_CONNECT_SWAPPED);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller),
                                 GTK_WIDGET (self->column_view));

  self->nothing_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->nothing_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->nothing_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->nothing_label), "nothing-shown");

  self->stack = gtk_stack_new ();
  gtk_stack_add_child (GTK_STACK (self->stack), self->scroller);
  gtk_stack_add_child (GTK_STACK (self->stack), GTK_WIDGET (self->nothing_label));
  gtk_widget_set_parent (self->stack, GTK_WIDGET (self));
}

/* Public API ------------------------------------------------------------------ */

GtkWidget *
gx_report_list_new (void)
{
  return g_object_new (GX_TYPE_REPORT_LIST, NULL);
}

/* The model's items-changed: the filter and sort models have followed
 * (they were connected first); a report selected stays selected (the
 * workspace keeps a row's object), one the change hid is wanted back. */
static void
reports_items_changed_cb (GxReportList *self)
{
  GListModel *visible = G_LIST_MODEL (self->sort_model);

  if (self->wanted_id != 0 && gx_report_list_get_selected (self) == NULL)
    {
      self->refiltering = TRUE;
      for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
        {
          g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

          if (gx_report_get_id (report) == self->wanted_id)
            {
              gtk_single_selection_set_selected (self->selection, i);
              break;
            }
        }
      self->refiltering = FALSE;
    }
  update_nothing_shown (self);
  g_signal_emit (self, signals[REPORTS_CHANGED], 0);
}

void
gx_report_list_set_model (GxReportList *self,
                          GListModel   *reports)
{
  g_return_if_fail (GX_IS_REPORT_LIST (self));
  g_return_if_fail (reports == NULL || G_IS_LIST_MODEL (reports));

  if (reports != NULL && reports == self->reports)
    return;
  g_signal_handlers_disconnect_by_data (self->reports, self);
  g_clear_object (&self->reports);
  self->reports = reports != NULL ? g_object_ref (reports)
                                  : G_LIST_MODEL (g_list_store_new (GX_TYPE_REPORT));
  self->wanted_id = 0;
  gtk_filter_list_model_set_model (self->filter_model, self->reports);
  g_signal_connect_object (self->reports, "items-changed",
                           G_CALLBACK (reports_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_nothing_shown (self);
  g_signal_emit (self, signals[REPORTS_CHANGED], 0);
}

gboolean
gx_report_list_contains_id (GxReportList *self,
                            gint64        id)
{
  guint n;

  g_return_val_if_fail (GX_IS_REPORT_LIST (self), FALSE);

  n = g_list_model_get_n_items (self->reports);
  for (guint pos = 0; pos < n; pos++)
    {
      g_autoptr(GxReport) item = g_list_model_get_item (self->reports, pos);

      if (gx_report_get_id (item) == id)
        return TRUE;
    }
  return FALSE;
}

void
gx_report_list_set_search (GxReportList *self,
                           const char   *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (GX_IS_REPORT_LIST (self));

  stripped = text ? g_strstrip (g_strdup (text)) : NULL;
  if (stripped != NULL && *stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (stripped, self->search) == 0)
    return;
  g_free (self->search);
  g_free (self->search_key);
  self->search = g_steal_pointer (&stripped);
  self->search_key = search_key (self->search);
  refilter (self, GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

const char *
gx_report_list_get_search (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), NULL);
  return self->search;
}

void
gx_report_list_set_year (GxReportList *self,
                         int           year)
{
  g_return_if_fail (GX_IS_REPORT_LIST (self));

  if (self->year == year)
    return;
  self->year = year;
  refilter (self, GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

int
gx_report_list_get_year (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), 0);
  return self->year;
}

static int
compare_years_desc (gconstpointer a,
                    gconstpointer b)
{
  int x = *(const int *) a, y = *(const int *) b;

  return (x < y) - (x > y);
}

GArray *
gx_report_list_dup_years (GxReportList *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  guint n;

  g_return_val_if_fail (GX_IS_REPORT_LIST (self), years);

  n = g_list_model_get_n_items (self->reports);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (self->reports, i);
      int year = gx_report_get_year (report);

      if (!g_hash_table_contains (seen, GINT_TO_POINTER (year)))
        {
          g_hash_table_add (seen, GINT_TO_POINTER (year));
          g_array_append_val (years, year);
        }
    }
  g_array_sort (years, compare_years_desc);
  return years;
}

void
gx_report_list_set_aliases (GxReportList *self,
                            GHashTable   *aliases)
{
  GHashTableIter iter;
  gpointer alias, canonical;

  g_return_if_fail (GX_IS_REPORT_LIST (self));

  g_clear_pointer (&self->aliases, g_hash_table_unref);
  g_clear_pointer (&self->spellings, g_hash_table_unref);
  if (aliases != NULL && g_hash_table_size (aliases) > 0)
    {
      /* case folded as the search is */
      self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->spellings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
      g_hash_table_iter_init (&iter, aliases);
      while (g_hash_table_iter_next (&iter, &alias, &canonical))
        {
          char *a = g_utf8_casefold (alias, -1);
          char *c = g_utf8_casefold (canonical, -1);
          GPtrArray *list = g_hash_table_lookup (self->spellings, c);

          if (list == NULL)
            {
              list = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (self->spellings, g_strdup (c), list);
            }
          g_ptr_array_add (list, g_strdup (a));
          g_hash_table_insert (self->aliases, a, c);
        }
    }
  if (self->search != NULL)
    refilter (self, GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
gx_report_list_set_only_problems (GxReportList *self,
                                  gboolean      only_problems)
{
  g_return_if_fail (GX_IS_REPORT_LIST (self));

  only_problems = !!only_problems;
  if (self->only_problems == only_problems)
    return;
  self->only_problems = only_problems;
  refilter (self, GTK_FILTER (self->problems_filter),
            only_problems ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

void
gx_report_list_sort_by (GxReportList *self,
                        const char   *column_id,
                        GtkSortType   direction)
{
  GListModel *columns;

  g_return_if_fail (GX_IS_REPORT_LIST (self));

  columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "gx-column-id"), column_id) == 0)
        {
          gtk_column_view_sort_by_column (self->column_view, column, direction);
          return;
        }
    }
  g_critical ("no column %s", column_id);
}

GListModel *
gx_report_list_get_reports (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), NULL);
  return self->reports;
}

GListModel *
gx_report_list_get_visible (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), NULL);
  return G_LIST_MODEL (self->sort_model);
}

guint
gx_report_list_get_n_visible (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
}

GxReport *
gx_report_list_get_selected (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
gx_report_list_select (GxReportList *self,
                       guint         position)
{
  g_return_if_fail (GX_IS_REPORT_LIST (self));
  gtk_single_selection_set_selected (self->selection, position);
}

gboolean
gx_report_list_get_filtered (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), FALSE);
  return self->search != NULL || self->year != 0 || self->only_problems;
}

GtkColumnView *
gx_report_list_get_column_view (GxReportList *self)
{
  g_return_val_if_fail (GX_IS_REPORT_LIST (self), NULL);
  return self->column_view;
}
