/* gx-print-ui-private.h: the GtkPrintOperation of gx_print_ui_run(), for
 * tests (GTK_PRINT_OPERATION_ACTION_EXPORT to a PDF) */
#pragma once

#include <gtk/gtk.h>

#include "gx-sheet.h"

G_BEGIN_DECLS

/* A print operation that prints @job (transfer full): A4 portrait by
 * default, pages laid out in ::begin-print for the paper chosen, drawn in
 * ::draw-page. */
GtkPrintOperation *gx_print_operation_new (GxSheetJob *job);

G_END_DECLS
