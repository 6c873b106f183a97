/* gx-check.c: the one recipe for a checked report (see gx-check.h) */
#include "gx-config.h"

#include "gx-check.h"
#include "gx-crosscheck.h"
#include "gx-prose.h"
#include "gx-review.h"

/* Whether @rule is one of the checks across reports (redone every time:
 * the other reports may have changed). */
static gboolean
is_across_rule (const char *rule)
{
  return g_strcmp0 (rule, GX_RULE_CARRYOVER) == 0 ||
         g_strcmp0 (rule, GX_RULE_STOCK) == 0 ||
         g_strcmp0 (rule, GX_RULE_HIERARCHY) == 0;
}

/* Drops the findings across reports of an earlier check. */
static void
drop_across (GxReport *report)
{
  GPtrArray *findings = gx_report_get_findings (report);
  g_autoptr(GPtrArray) kept = NULL;
  gboolean any = FALSE;

  for (guint i = 0; i < findings->len && !any; i++)
    any = is_across_rule (gx_finding_get_rule (g_ptr_array_index (findings, i)));
  if (!any)
    return;
  /* kept holds its own references: setting the findings empties the
   * report's array (and drops its references) before taking them */
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (!is_across_rule (gx_finding_get_rule (f)))
        g_ptr_array_add (kept, g_object_ref (f));
    }
  gx_report_set_findings (report, kept);
}

void
gx_check_update_counts (GxReport *report)
{
  guint counts[3];

  g_return_if_fail (GX_IS_REPORT (report));

  gx_review_count_open (report, counts);
  gx_report_set_counts (report, counts[GX_SEVERITY_ERROR], counts[GX_SEVERITY_WARNING],
                        counts[GX_SEVERITY_NOTE]);
}

gboolean
gx_check_report_full (GxReport      *report,
                      GxBackend     *store,
                      GxCheckFlags   flags,
                      GxRulesFlags   rules,
                      GError       **error)
{
  gboolean reuse;

  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  g_return_val_if_fail (store == NULL || GX_IS_BACKEND (store), FALSE);

  /* a decision may concern a blank cell: every note is built then */
  if (store != NULL && gx_backend_has_reviews (store))
    rules = GX_RULES_ALL;
  reuse = (flags & GX_CHECK_REUSE) && gx_report_is_checked (report) &&
          (rules != GX_RULES_ALL || gx_report_get_n_unlisted_notes (report) == 0);

  if (reuse)
    drop_across (report);
  else
    {
      g_ptr_array_unref (gx_rules_check_full (report, rules));
      g_ptr_array_unref (gx_prose_check (report));
      gx_report_set_checked (report);
    }

  if (store != NULL)
    {
      g_autoptr(GPtrArray) across = gx_backend_check_across (store, report, error);

      if (across == NULL)
        return FALSE;
      if (gx_backend_has_reviews (store))
        {
          if (!gx_backend_apply_reviews (store, report, error))
            return FALSE;
        }
      else
        {
          /* no decision anywhere: every finding is open */
          GPtrArray *findings = gx_report_get_findings (report);

          for (guint i = 0; i < findings->len; i++)
            gx_finding_set_review (g_ptr_array_index (findings, i), GX_REVIEW_OPEN, NULL);
        }
    }
  gx_check_update_counts (report);
  return TRUE;
}

gboolean
gx_check_report (GxReport  *report,
                 GxBackend *store,
                 GError   **error)
{
  return gx_check_report_full (report, store, GX_CHECK_DEFAULT, GX_RULES_ALL, error);
}
