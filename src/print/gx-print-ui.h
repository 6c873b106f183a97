/* gx-print-ui.h: printing from the app (GtkPrintOperation with dialog and
 * preview).  Implemented in src/print/gx-print-ui.c on top of the same
 * drawing code the CLI uses. */
#pragma once

#include <gtk/gtk.h>

#include "gx-workspace.h"

G_BEGIN_DECLS

/* Prints one summary sheet per report of @ids, or, when @rollup, one
 * roll-up sheet of their sums.  Shows the print dialog (with preview) over
 * @parent.  Errors are shown to the user, not returned. */
void gx_print_ui_run (GtkWindow    *parent,
                      GxWorkspace      *store,
                      const gint64 *ids,
                      guint         n_ids,
                      gboolean      rollup);

G_END_DECLS
