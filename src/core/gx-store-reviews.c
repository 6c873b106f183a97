/* gx-store-reviews.c: merged spellings of issuers, and review decisions */
#include "gx-config.h"

#include <string.h>
#include <errno.h>
#include <sqlite3.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gx-check.h"
#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-store-private.h"

/* Issuers, roll-ups, checks across reports ---------------------------------- */

/* The canonical key of a normalised key: itself unless it is an alias. */
static char *
canonical_of (GxStore     *self,
              const char  *key,
              GError     **error)
{
  sqlite3_stmt *s;
  char *canonical = NULL;
  int rc;

  if (key == NULL)
    return NULL;
  if (!(s = store_stmt (self, STMT_CANONICAL, error)))
    return NULL;
  sqlite3_bind_text (s, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (s);
  if (rc == SQLITE_ROW)
    canonical = g_strdup ((const char *) sqlite3_column_text (s, 0));
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return canonical ? canonical : g_strdup (key);
}

char *
gx_store_dup_issuer_key (GxStore    *self,
                         const char *issuer)
{
  g_autofree char *key = gx_issuer_normalize (issuer);
  char *canonical;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  if (key == NULL)
    return NULL;
  canonical = canonical_of (self, key, NULL);
  return canonical ? canonical : g_steal_pointer (&key);
}

gboolean
gx_store_set_issuer_alias (GxStore     *self,
                           const char  *alias,
                           const char  *canonical,
                           GError     **error)
{
  g_autofree char *alias_key = gx_issuer_normalize (alias);
  g_autofree char *target_key = gx_issuer_normalize (canonical);
  g_autofree char *target = NULL;
  g_autofree char *before = NULL;
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  if (alias_key == NULL)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: an issuer name is needed to merge issuers"), self->path);
      return FALSE;
    }
  if (!(before = canonical_of (self, alias_key, error)))
    return FALSE;
  if (!store_savepoint (self, error))
    return FALSE;

  if (!(s = store_stmt (self, STMT_DELETE_ALIAS, error)))
    goto fail;
  sqlite3_bind_text (s, 1, alias_key, -1, SQLITE_STATIC);
  if (!store_step_done (self, s, _("cannot merge the issuers"), error))
    goto fail;

  if (target_key != NULL && g_strcmp0 (target_key, alias_key) != 0)
    {
      if (!(target = canonical_of (self, target_key, error)))
        goto fail;
      if (g_strcmp0 (target, alias_key) != 0)
        {
          /* whatever was merged into @alias follows it */
          if (!(s = store_stmt (self, STMT_REPOINT_ALIASES, error)))
            goto fail;
          sqlite3_bind_text (s, 1, alias_key, -1, SQLITE_STATIC);
          sqlite3_bind_text (s, 2, target, -1, SQLITE_STATIC);
          if (!store_step_done (self, s, _("cannot merge the issuers"), error))
            goto fail;
          if (!(s = store_stmt (self, STMT_INSERT_ALIAS, error)))
            goto fail;
          sqlite3_bind_text (s, 1, alias_key, -1, SQLITE_STATIC);
          sqlite3_bind_text (s, 2, target, -1, SQLITE_STATIC);
          if (!store_step_done (self, s, _("cannot merge the issuers"), error))
            goto fail;
        }
    }
  /* whose year is whose changed: carryover, stock and the decisions of
   * the issuers on both sides are counted again */
  if (!store_refresh_issuer_group (self, target, error) ||
      !store_refresh_issuer_group (self, alias_key, error) ||
      (g_strcmp0 (before, alias_key) != 0 && g_strcmp0 (before, target) != 0 &&
       !store_refresh_issuer_group (self, before, error)))
    goto fail;
  return store_release (self, error);

fail:
  store_rollback_to (self);
  return FALSE;
}

GHashTable *
gx_store_load_aliases (GxStore  *self,
                       GError  **error)
{
  g_autoptr(GHashTable) aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  if (!(s = store_stmt (self, STMT_LOAD_ALIASES, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_hash_table_insert (aliases, g_strdup ((const char *) sqlite3_column_text (s, 0)),
                         g_strdup ((const char *) sqlite3_column_text (s, 1)));
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&aliases);
}

GPtrArray *
gx_store_list_issuers (GxStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) issuers = g_ptr_array_new_with_free_func (gx_backend_issuer_free);
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);
  if (!(s = store_stmt (self, STMT_LIST_ISSUERS, error)))
    return NULL;
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxStoreIssuer *issuer = g_new0 (GxStoreIssuer, 1);

      issuer->name = g_strdup ((const char *) sqlite3_column_text (s, 0));
      issuer->key = g_strdup ((const char *) sqlite3_column_text (s, 1));
      issuer->n_reports = (guint) sqlite3_column_int (s, 2);
      g_ptr_array_add (issuers, issuer);
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      store_sqlite_error (self, error, _("cannot read the workspace"));
      return NULL;
    }
  return g_steal_pointer (&issuers);
}

gint64
gx_store_find_report (GxStore     *self,
                      const char  *issuer,
                      int          year,
                      gint64       except_id,
                      GError     **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), -1);
  key = gx_store_dup_issuer_key (self, issuer);
  if (key == NULL || year <= 0)
    return 0;
  if (!(s = store_stmt (self, STMT_FIND_REPORT_KEY, error)))
    return -1;
  sqlite3_bind_text (s, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 2, year);
  sqlite3_bind_int64 (s, 3, except_id);
  return store_find_one_id (self, s, error);
}

gboolean
gx_store_has_reviews (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  /* another process may have recorded one since; inside our own write
   * transaction nobody else can */
  if (!self->in_batch)
    self->has_reviews = -1;
  return store_has_reviews (self);
}

/* Reviews (gx-review.h) ------------------------------------------------------ */

gboolean
store_has_reviews (GxStore *self)
{
  if (self->has_reviews < 0)
    {
      sqlite3_stmt *s = NULL;

      self->has_reviews = 1;   /* when in doubt, look them up */
      if (sqlite3_prepare_v2 (self->db, "SELECT EXISTS (SELECT 1 FROM reviews)", -1, &s, NULL) == SQLITE_OK &&
          sqlite3_step (s) == SQLITE_ROW)
        self->has_reviews = sqlite3_column_int (s, 0);
      sqlite3_finalize (s);
    }
  return self->has_reviews > 0;
}

/* The issuer under which decisions on @report are kept: its normalised
 * issuer, or "#id" for a report in the workspace without one. */
static char *
review_issuer_key (GxReport *report)
{
  char *key = gx_issuer_normalize (gx_report_get_issuer (report));

  if (key == NULL && gx_report_get_id (report) > 0)
    key = g_strdup_printf ("#%" G_GINT64_FORMAT, gx_report_get_id (report));
  return key;
}

gboolean
gx_store_set_review (GxStore        *self,
                     GxReport       *report,
                     GxFinding      *finding,
                     GxReviewState   state,
                     const char     *note,
                     GError        **error)
{
  g_autofree char *issuer_key = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *finding_key = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *s;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  g_return_val_if_fail (GX_IS_FINDING (finding), FALSE);
  g_return_val_if_fail (state <= GX_REVIEW_DISMISSED, FALSE);

  issuer_key = review_issuer_key (report);
  if (issuer_key == NULL)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND,
                   _("%s: a report without issuer must be saved before its findings are reviewed"),
                   self->path);
      return FALSE;
    }
  if (!(canonical = canonical_of (self, issuer_key, error)))
    return FALSE;
  finding_key = gx_finding_dup_key (finding);
  if (note != NULL && *note == '\0')
    note = NULL;

  if (!store_savepoint (self, error))
    return FALSE;
  if (!(s = store_stmt (self, STMT_DELETE_REVIEW, error)))
    goto fail;
  sqlite3_bind_text (s, 1, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 2, gx_report_get_year (report));
  sqlite3_bind_text (s, 3, finding_key, -1, SQLITE_STATIC);
  if (!store_step_done (self, s, _("cannot record the review"), error))
    goto fail;
  if (state != GX_REVIEW_OPEN)
    {
      now = store_now_iso8601 ();
      if (!(s = store_stmt (self, STMT_INSERT_REVIEW, error)))
        goto fail;
      sqlite3_bind_text (s, 1, issuer_key, -1, SQLITE_STATIC);
      sqlite3_bind_int (s, 2, gx_report_get_year (report));
      sqlite3_bind_text (s, 3, finding_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 4, gx_review_state_to_key (state), -1, SQLITE_STATIC);
      store_bind_text_or_null (s, 5, note);
      sqlite3_bind_text (s, 6, now, -1, SQLITE_STATIC);
      if (!store_step_done (self, s, _("cannot record the review"), error))
        goto fail;
    }
  gx_finding_set_review (finding, state, note);
  /* a dismissed finding counts nowhere */
  gx_check_update_counts (report);
  self->has_reviews = -1;
  /* the list counts what is not dismissed */
  if (gx_report_get_id (report) > 0 &&
      !store_write_summary (self, gx_report_get_id (report), report, error))
    goto fail;
  if (!store_release (self, error))
    return FALSE;
  return TRUE;

fail:
  store_rollback_to (self);
  return FALSE;
}

gboolean
gx_store_apply_reviews (GxStore   *self,
                        GxReport  *report,
                        GError   **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  g_autofree char *issuer_key = NULL;
  g_autofree char *canonical = NULL;
  GPtrArray *findings;
  sqlite3_stmt *s;
  int rc;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);

  findings = gx_report_get_findings (report);
  by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      gx_finding_set_review (f, GX_REVIEW_OPEN, NULL);
      g_hash_table_insert (by_key, gx_finding_dup_key (f), f);
    }

  issuer_key = review_issuer_key (report);
  if (issuer_key == NULL || findings->len == 0)
    return TRUE;
  if (!(canonical = canonical_of (self, issuer_key, error)))
    return FALSE;

  if (!(s = store_stmt (self, STMT_LOAD_REVIEWS, error)))
    return FALSE;
  sqlite3_bind_text (s, 1, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 2, gx_report_get_year (report));
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      GxFinding *f = g_hash_table_lookup (by_key, sqlite3_column_text (s, 0));
      GxReviewState state;

      if (f && gx_review_state_from_key ((const char *) sqlite3_column_text (s, 1), &state))
        gx_finding_set_review (f, state, (const char *) sqlite3_column_text (s, 2));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    return store_sqlite_error (self, error, _("cannot read the reviews"));
  return TRUE;
}

