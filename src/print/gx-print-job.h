/* gx-print-job.h: the sheets of a selection of the workspace
 *
 * Shared by the print dialog (gx-print-ui.c) and `gxreports-cli print`.
 */
#pragma once

#include "gx-sheet.h"
#include "gx-workspace.h"

G_BEGIN_DECLS

/* One summary sheet per report of @ids (each loaded whole and checked), or,
 * when @rollup, one roll-up sheet: the sums of gx_workspace_rollup() (one query)
 * with the list of the reports summed and their own error counts.  @scope
 * names the selection on the roll-up sheet (may be NULL). */
GxSheetJob *gx_print_job_new_from_store (GxWorkspace       *store,
                                         const gint64  *ids,
                                         guint          n_ids,
                                         gboolean       rollup,
                                         const char    *scope,
                                         GError       **error);

G_END_DECLS
