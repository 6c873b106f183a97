/* gx-print-job.c: the sheets of a selection of the workspace */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-print-job.h"

GxSheetJob *
gx_print_job_new_from_store (GxWorkspace       *store,
                             const gint64  *ids,
                             guint          n_ids,
                             gboolean       rollup,
                             const char    *scope,
                             GError       **error)
{
  g_autoptr(GxSheetJob) job = NULL;

  g_return_val_if_fail (GX_IS_WORKSPACE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_ids == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("No report is selected"));
      return NULL;
    }

  job = gx_sheet_job_new ();

  if (rollup)
    {
      g_autoptr(GxReport) sum = NULL;
      g_autoptr(GPtrArray) all = NULL;
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);

      sum = gx_workspace_rollup (store, ids, n_ids, error);
      if (sum == NULL)
        return NULL;
      /* the members' issuer, year, source and error counts: the list's
       * summaries carry them without loading every report */
      all = gx_workspace_list_summaries (store, error);
      if (all == NULL)
        return NULL;
      for (guint i = 0; i < n_ids; i++)
        g_hash_table_add (wanted, (gpointer) &ids[i]);
      for (guint i = 0; i < all->len; i++)
        {
          GxReport *r = g_ptr_array_index (all, i);
          gint64 id = gx_report_get_id (r);

          if (g_hash_table_contains (wanted, &id))
            g_ptr_array_add (members, r);
        }
      gx_sheet_job_add_rollup (job, sum, members, scope);
    }
  else
    {
      for (guint i = 0; i < n_ids; i++)
        {
          /* checked as every view checks it (gx_check_report(): across
           * reports, the decisions with their notes) */
          g_autoptr(GxReport) report = gx_workspace_load_report (store, ids[i], error);

          if (report == NULL)
            return NULL;
          gx_sheet_job_add_report (job, report);
        }
    }
  return g_steal_pointer (&job);
}
