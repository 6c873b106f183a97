/* gx-backend.c: where a workspace keeps its reports (see gx-backend.h) */
#include "gx-config.h"

#include <string.h>
#include <libpq-fe.h>
#include <glib/gi18n-lib.h>

#include "gx-backend.h"
#include "gx-crosscheck.h"
#include "gx-store.h"
#include "gx-pg-store.h"

G_DEFINE_INTERFACE (GxBackend, gx_backend, G_TYPE_OBJECT)

/* the domain GxStore has always used, so that its errors and those of
 * every backend are matched alike */
GQuark
gx_backend_error_quark (void)
{
  return g_quark_from_static_string ("gx-store-error-quark");
}

static void
gx_backend_default_init (GxBackendInterface *iface)
{
}

gboolean
gx_backend_location_is_postgres (const char *location)
{
  static const char *const keywords[] = {
    "host=", "hostaddr=", "dbname=", "user=", "port=", "service=", "password=",
  };

  if (location == NULL)
    return FALSE;
  if (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"))
    return TRUE;
  /* a libpq conninfo: keyword=value pairs ("host=db dbname=gx"), a
   * keyword first */
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_str_has_prefix (location, keywords[i]))
      return TRUE;
  return FALSE;
}

gboolean
gx_backend_location_has_password (const char *location)
{
  PQconninfoOption *options;
  gboolean has_password = FALSE;

  if (!gx_backend_location_is_postgres (location))
    return FALSE;
  /* a location libpq cannot read holds nothing it would send */
  options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword; o++)
    if (strcmp (o->keyword, "password") == 0 && o->val != NULL && *o->val != '\0')
      has_password = TRUE;
  PQconninfoFree (options);
  return has_password;
}

/* Passwords given in this process (gx_backend_set_password()): location →
 * password, behind a lock, since worker threads open their own
 * connections. */
static GMutex passwords_lock;
static GHashTable *passwords;

void
gx_backend_password_free (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}

void
gx_backend_set_password (const char *location,
                         const char *password)
{
  g_return_if_fail (location != NULL);

  g_mutex_lock (&passwords_lock);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) gx_backend_password_free);
  if (password != NULL)
    g_hash_table_insert (passwords, g_strdup (location), g_strdup (password));
  else
    g_hash_table_remove (passwords, location);
  g_mutex_unlock (&passwords_lock);
}

gboolean
gx_backend_has_password (const char *location)
{
  gboolean found;

  g_return_val_if_fail (location != NULL, FALSE);

  g_mutex_lock (&passwords_lock);
  found = passwords != NULL && g_hash_table_contains (passwords, location);
  g_mutex_unlock (&passwords_lock);
  return found;
}

char *
gx_backend_dup_password (const char *location)
{
  char *password = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  g_mutex_lock (&passwords_lock);
  if (passwords != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, location));
  g_mutex_unlock (&passwords_lock);
  return password;
}

GxBackend *
gx_backend_open (const char  *location,
                 gboolean     read_only,
                 GError     **error)
{
  GxStore *store;

  g_return_val_if_fail (location != NULL, NULL);

  if (gx_backend_location_is_postgres (location))
    {
      GxPgStore *pg = gx_pg_store_open (location, read_only, error);

      return pg ? GX_BACKEND (pg) : NULL;
    }
  store = read_only ? gx_store_open_read_only (location, error) : gx_store_open (location, error);
  return store ? GX_BACKEND (store) : NULL;
}

char *
gx_backend_content_hash (const void *data,
                         gsize       len)
{
  return gx_store_content_hash (data, len);
}

void
gx_backend_issuer_free (gpointer data)
{
  GxBackendIssuer *issuer = data;

  if (issuer == NULL)
    return;
  g_free (issuer->name);
  g_free (issuer->key);
  g_free (issuer);
}

#define IFACE(self) GX_BACKEND_GET_IFACE (self)

const char *
gx_backend_get_location (GxBackend *self)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->get_location (self);
}

gboolean
gx_backend_is_read_only (GxBackend *self)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->is_read_only (self);
}

gint64
gx_backend_get_data_version (GxBackend  *self,
                             GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), -1);
  return IFACE (self)->get_data_version (self, error);
}

GSource *
gx_backend_create_watch (GxBackend *self)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  if (IFACE (self)->create_watch == NULL)
    return NULL;
  return IFACE (self)->create_watch (self);
}

gboolean
gx_backend_begin (GxBackend  *self,
                  GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->begin (self, error);
}

gboolean
gx_backend_commit (GxBackend  *self,
                   GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->commit (self, error);
}

void
gx_backend_rollback (GxBackend *self)
{
  g_return_if_fail (GX_IS_BACKEND (self));
  IFACE (self)->rollback (self);
}

gboolean
gx_backend_savepoint (GxBackend  *self,
                      GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->savepoint (self, error);
}

gboolean
gx_backend_release_savepoint (GxBackend  *self,
                              GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->release_savepoint (self, error);
}

void
gx_backend_rollback_to_savepoint (GxBackend *self)
{
  g_return_if_fail (GX_IS_BACKEND (self));
  IFACE (self)->rollback_to_savepoint (self);
}

gboolean
gx_backend_put_report (GxBackend        *self,
                       GxReport         *report,
                       const char       *content_hash,
                       gboolean          replace,
                       GxImportOutcome  *outcome,
                       GError          **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  return IFACE (self)->put_report (self, report, content_hash, replace, outcome, error);
}

gboolean
gx_backend_queue_put (GxBackend        *self,
                      GxReport         *report,
                      const char       *content_hash,
                      gboolean          replace,
                      GxBackendPutDone  done,
                      gpointer          user_data,
                      GError          **error)
{
  GxImportOutcome outcome;

  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  if (IFACE (self)->queue_put != NULL)
    return IFACE (self)->queue_put (self, report, content_hash, replace, done, user_data, error);
  if (!IFACE (self)->put_report (self, report, content_hash, replace, &outcome, error))
    return FALSE;
  done (report, outcome, user_data);
  return TRUE;
}

gboolean
gx_backend_flush_puts (GxBackend  *self,
                       GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->flush_puts == NULL || IFACE (self)->flush_puts (self, error);
}

gint64
gx_backend_find_hash (GxBackend   *self,
                      const char  *content_hash,
                      GError     **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), -1);
  return IFACE (self)->find_hash (self, content_hash, error);
}

GHashTable *
gx_backend_dup_hashes (GxBackend  *self,
                       GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->dup_hashes (self, error);
}

gboolean
gx_backend_save_report (GxBackend  *self,
                        GxReport   *report,
                        GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (report), FALSE);
  return IFACE (self)->save_report (self, report, error);
}

GxReport *
gx_backend_load_report (GxBackend  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->load_report (self, id, error);
}

GxReport *
gx_backend_load_cells (GxBackend  *self,
                       gint64      id,
                       GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->load_cells (self, id, error);
}

gboolean
gx_backend_remove_report (GxBackend  *self,
                          gint64      id,
                          GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->remove_report (self, id, error);
}

GPtrArray *
gx_backend_load_all (GxBackend  *self,
                     GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->load_all (self, error);
}

GPtrArray *
gx_backend_list_summaries (GxBackend  *self,
                           GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->list_summaries (self, error);
}

GArray *
gx_backend_find_ids (GxBackend   *self,
                     int          year,
                     const char  *issuer_contains,
                     GError     **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->find_ids (self, year, issuer_contains, error);
}

GxReport *
gx_backend_rollup (GxBackend     *self,
                   const gint64  *ids,
                   guint          n_ids,
                   GError       **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->rollup (self, ids, n_ids, error);
}

gboolean
gx_backend_set_issuer_alias (GxBackend   *self,
                             const char  *alias,
                             const char  *canonical,
                             GError     **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->set_issuer_alias (self, alias, canonical, error);
}

char *
gx_backend_dup_issuer_key (GxBackend  *self,
                           const char *issuer)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->dup_issuer_key (self, issuer);
}

GHashTable *
gx_backend_load_aliases (GxBackend  *self,
                         GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->load_aliases (self, error);
}

GPtrArray *
gx_backend_list_issuers (GxBackend  *self,
                         GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->list_issuers (self, error);
}

gint64
gx_backend_find_report (GxBackend   *self,
                        const char  *issuer,
                        int          year,
                        gint64       except_id,
                        GError     **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), -1);
  return IFACE (self)->find_report (self, issuer, year, except_id, error);
}

gboolean
gx_backend_set_children (GxBackend     *self,
                         gint64         parent_id,
                         const gint64  *child_ids,
                         guint          n_children,
                         GError       **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->set_children (self, parent_id, child_ids, n_children, error);
}

GArray *
gx_backend_get_children (GxBackend  *self,
                         gint64      parent_id,
                         GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->get_children (self, parent_id, error);
}

GArray *
gx_backend_get_parents (GxBackend  *self,
                        gint64      child_id,
                        GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  return IFACE (self)->get_parents (self, child_id, error);
}

gboolean
gx_backend_set_review (GxBackend   *self,
                       GxReport    *report,
                       GxFinding   *finding,
                       int          state,
                       const char  *note,
                       GError     **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->set_review (self, report, finding, state, note, error);
}

gboolean
gx_backend_apply_reviews (GxBackend  *self,
                          GxReport   *report,
                          GError    **error)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->apply_reviews (self, report, error);
}

gboolean
gx_backend_has_reviews (GxBackend *self)
{
  g_return_val_if_fail (GX_IS_BACKEND (self), FALSE);
  return IFACE (self)->has_reviews (self);
}

GPtrArray *
gx_backend_check_across (GxBackend  *self,
                         GxReport   *report,
                         GError    **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id;

  g_return_val_if_fail (GX_IS_BACKEND (self), NULL);
  g_return_val_if_fail (GX_IS_REPORT (report), NULL);

  id = gx_report_get_id (report);
  if (gx_report_get_year (report) > 1)
    {
      gint64 previous_id = gx_backend_find_report (self, gx_report_get_issuer (report),
                                                   gx_report_get_year (report) - 1, id, error);

      if (previous_id < 0)
        return NULL;
      if (previous_id > 0)
        {
          g_autoptr(GxReport) previous = gx_backend_load_cells (self, previous_id, error);
          g_autoptr(GPtrArray) carry = NULL;

          if (previous == NULL)
            return NULL;
          carry = gx_crosscheck_years (previous, report);
          g_ptr_array_extend_and_steal (found, g_steal_pointer (&carry));
        }
    }
  if (id > 0)
    {
      g_autoptr(GArray) ids = gx_backend_get_children (self, id, error);
      g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);

      if (ids == NULL)
        return NULL;
      for (guint i = 0; i < ids->len; i++)
        {
          GxReport *child = gx_backend_load_cells (self, g_array_index (ids, gint64, i), error);

          if (child == NULL)
            return NULL;
          g_ptr_array_add (children, child);
        }
      if (children->len > 0)
        {
          g_autoptr(GPtrArray) parts = gx_crosscheck_hierarchy (report, children);

          g_ptr_array_extend_and_steal (found, g_steal_pointer (&parts));
        }
    }
  gx_crosscheck_add_findings (report, found);
  return g_steal_pointer (&found);
}
