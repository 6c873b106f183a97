/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-frozen-header.h: the header rows of a table stay in view while its
 * rows scroll under them (a spreadsheet's frozen panes)
 *
 * An overlay on a scrolled window: when the header of a table added here
 * has scrolled out of view while rows of the table are still in view, the
 * header is drawn at the top of the view, as the table draws it.  It is a
 * picture: clicks on it do nothing, and a cell that gets the focus under
 * it is scrolled out from under it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_FROZEN_HEADER (gx_frozen_header_get_type ())
G_DECLARE_FINAL_TYPE (GxFrozenHeader, gx_frozen_header, GX, FROZEN_HEADER, GtkWidget)

/* For the view of @scroller; put the widget over it in a GtkOverlay. */
GtkWidget *gx_frozen_header_new        (GtkScrolledWindow *scroller);
/* @table's header is what lies above @first_body (its first row of cells). */
void       gx_frozen_header_add_table  (GxFrozenHeader    *self,
                                        GtkWidget         *table,
                                        GtkWidget         *first_body);
/* Forgets the tables added (before they are destroyed or rebuilt). */
void       gx_frozen_header_clear_tables (GxFrozenHeader  *self);
/* The height of the header drawn at the last frame, 0 when none. */
int        gx_frozen_header_get_height (GxFrozenHeader    *self);

G_END_DECLS
