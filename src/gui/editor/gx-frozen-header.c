/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-frozen-header.c: the header rows of a table stay in view
 *
 * Everything is worked out when a frame is drawn, from the allocations of
 * that frame: which table's header has left the view, where it goes (it
 * slides out with the last rows of its table), and whether the focused
 * cell has landed under it.
 */
#include "gx-config.h"

#include "gx-frozen-header.h"

typedef struct {
  GtkWidget *table;
  GtkWidget *first_body;
  GdkPaintable *paintable;    /* what the table draws now */
} Table;

struct _GxFrozenHeader
{
  GtkWidget parent_instance;

  GtkScrolledWindow *scroller;
  GArray *tables;             /* Table */
  graphene_rect_t shown;      /* the header drawn, in our coordinates */
  gboolean reveal_focus;      /* the focus moved: keep it out from under */
};

G_DEFINE_FINAL_TYPE (GxFrozenHeader, gx_frozen_header, GTK_TYPE_WIDGET)

/* Helpers --------------------------------------------------------------------- */

static void
table_clear (gpointer data)
{
  Table *table = data;

  g_clear_object (&table->paintable);
}

/* the table whose header is frozen now: its bounds and its header height */
static Table *
frozen_table (GxFrozenHeader  *self,
              graphene_rect_t *bounds,
              float           *header_height)
{
  for (guint i = 0; i < self->tables->len; i++)
    {
      Table *table = &g_array_index (self->tables, Table, i);
      graphene_point_t body;

      if (!gtk_widget_get_mapped (table->table) ||
          !gtk_widget_compute_bounds (table->table, GTK_WIDGET (self), bounds) ||
          !gtk_widget_compute_point (table->first_body, table->table,
                                     &GRAPHENE_POINT_INIT (0, 0), &body))
        continue;
      /* the header is out of view, rows of the table are still in it */
      if (bounds->origin.y < 0 && bounds->origin.y + bounds->size.height > 0)
        {
          *header_height = body.y;
          return table;
        }
    }
  return NULL;
}

/* Callbacks ------------------------------------------------------------------- */

static void
redraw_cb (gpointer        instance,
           GxFrozenHeader *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_changed_cb (GtkWindow      *window,
                  GParamSpec     *pspec,
                  GxFrozenHeader *self)
{
  self->reveal_focus = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget ------------------------------------------------------------------- */

static void
gx_frozen_header_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  GxFrozenHeader *self = GX_FROZEN_HEADER (widget);
  graphene_rect_t bounds;
  float header_height = 0;
  float y;
  Table *table = frozen_table (self, &bounds, &header_height);
  gboolean reveal = self->reveal_focus;
  GdkRGBA background = { 1, 1, 1, 1 };

  self->reveal_focus = FALSE;
  self->shown = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  if (table == NULL)
    return;

  /* at the top, then out with the last row of its table */
  y = MIN (0, bounds.origin.y + bounds.size.height - header_height);
  self->shown = GRAPHENE_RECT_INIT (MAX (0, bounds.origin.x), 0,
                                    MIN (bounds.size.width, gtk_widget_get_width (widget)),
                                    MAX (0, y + header_height));
  if (self->shown.size.height <= 0)
    return;

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "theme_bg_color", &background))
    gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "window_bg_color", &background);
G_GNUC_END_IGNORE_DEPRECATIONS
  background.alpha = 1;

  gtk_snapshot_push_clip (snapshot, &self->shown);
  gtk_snapshot_append_color (snapshot, &background, &self->shown);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (bounds.origin.x, y));
  gdk_paintable_snapshot (table->paintable, snapshot, bounds.size.width, bounds.size.height);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);

  /* a cell that got the focus under the header comes out from under it */
  if (reveal)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
      graphene_point_t point;

      if (focus != NULL && gtk_widget_is_ancestor (focus, table->table) &&
          gtk_widget_compute_point (focus, widget, &GRAPHENE_POINT_INIT (0, 0), &point) &&
          point.y < self->shown.size.height)
        {
          GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

          gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) -
                                                 (self->shown.size.height - point.y));
        }
    }
}

/* clicks on the picture go nowhere; elsewhere they reach the form */
static gboolean
gx_frozen_header_contains (GtkWidget *widget,
                           double     x,
                           double     y)
{
  GxFrozenHeader *self = GX_FROZEN_HEADER (widget);

  return graphene_rect_contains_point (&self->shown, &GRAPHENE_POINT_INIT (x, y));
}

static void
gx_frozen_header_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (gx_frozen_header_parent_class)->root (widget);
  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (focus_changed_cb), widget, 0);
}

static void
gx_frozen_header_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), focus_changed_cb, widget);
  GTK_WIDGET_CLASS (gx_frozen_header_parent_class)->unroot (widget);
}

static void
gx_frozen_header_dispose (GObject *object)
{
  GxFrozenHeader *self = GX_FROZEN_HEADER (object);

  if (self->tables != NULL)
    for (guint i = 0; i < self->tables->len; i++)
      g_signal_handlers_disconnect_by_func (g_array_index (self->tables, Table, i).paintable,
                                            redraw_cb, self);
  g_clear_pointer (&self->tables, g_array_unref);
  if (self->scroller != NULL)
    {
      g_signal_handlers_disconnect_by_func (gtk_scrolled_window_get_vadjustment (self->scroller),
                                            redraw_cb, self);
      g_signal_handlers_disconnect_by_func (gtk_scrolled_window_get_hadjustment (self->scroller),
                                            redraw_cb, self);
      g_clear_weak_pointer (&self->scroller);
    }

  G_OBJECT_CLASS (gx_frozen_header_parent_class)->dispose (object);
}

static void
gx_frozen_header_class_init (GxFrozenHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_frozen_header_dispose;
  widget_class->snapshot = gx_frozen_header_snapshot;
  widget_class->contains = gx_frozen_header_contains;
  widget_class->root = gx_frozen_header_root;
  widget_class->unroot = gx_frozen_header_unroot;
  gtk_widget_class_set_css_name (widget_class, "gxfrozenheader");
}

static void
gx_frozen_header_init (GxFrozenHeader *self)
{
  self->tables = g_array_new (FALSE, TRUE, sizeof (Table));
  g_array_set_clear_func (self->tables, table_clear);
}

/* Public API --------------------------------------------------------------------- */

GtkWidget *
gx_frozen_header_new (GtkScrolledWindow *scroller)
{
  GxFrozenHeader *self;

  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scroller), NULL);

  self = g_object_new (GX_TYPE_FROZEN_HEADER, NULL);
  g_set_weak_pointer (&self->scroller, scroller);
  g_signal_connect (gtk_scrolled_window_get_vadjustment (scroller), "value-changed",
                    G_CALLBACK (redraw_cb), self);
  g_signal_connect (gtk_scrolled_window_get_hadjustment (scroller), "value-changed",
                    G_CALLBACK (redraw_cb), self);
  return GTK_WIDGET (self);
}

void
gx_frozen_header_add_table (GxFrozenHeader *self,
                            GtkWidget      *table,
                            GtkWidget      *first_body)
{
  Table entry = { table, first_body, gtk_widget_paintable_new (table) };

  g_return_if_fail (GX_IS_FROZEN_HEADER (self));
  g_return_if_fail (gtk_widget_is_ancestor (first_body, table));

  g_signal_connect (entry.paintable, "invalidate-contents", G_CALLBACK (redraw_cb), self);
  g_array_append_val (self->tables, entry);
}

int
gx_frozen_header_get_height (GxFrozenHeader *self)
{
  g_return_val_if_fail (GX_IS_FROZEN_HEADER (self), 0);
  return (int) self->shown.size.height;
}

void
gx_frozen_header_clear_tables (GxFrozenHeader *self)
{
  g_return_if_fail (GX_IS_FROZEN_HEADER (self));

  for (guint i = 0; i < self->tables->len; i++)
    g_signal_handlers_disconnect_by_func (g_array_index (self->tables, Table, i).paintable,
                                          redraw_cb, self);
  g_array_set_size (self->tables, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
