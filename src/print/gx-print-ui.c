/* gx-print-ui.c: placeholder until the printing code (issue 6) lands */
#include "gx-config.h"
#include "gx-print-ui.h"

void
gx_print_ui_run (GtkWindow *parent, GxStore *store, const gint64 *ids, guint n_ids, gboolean rollup)
{
  g_warning ("printing is not available yet");
}
