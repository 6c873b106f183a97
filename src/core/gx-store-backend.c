/* gx-store-backend.c: GxStore as a GxBackend (gx-backend.h), each
 * operation the gx_store_ function of the same name */
#include "gx-config.h"

#include "gx-review.h"
#include "gx-store-private.h"

static const char *
backend_get_location (GxBackend *backend)
{
  return gx_store_get_path (GX_STORE (backend));
}

static gboolean
backend_is_read_only (GxBackend *backend)
{
  return gx_store_is_read_only (GX_STORE (backend));
}

static gint64
backend_get_data_version (GxBackend *backend, GError **error)
{
  return gx_store_get_data_version (GX_STORE (backend), error);
}

static gboolean
backend_begin (GxBackend *backend, GError **error)
{
  return gx_store_begin (GX_STORE (backend), error);
}

static gboolean
backend_commit (GxBackend *backend, GError **error)
{
  return gx_store_commit (GX_STORE (backend), error);
}

static void
backend_rollback (GxBackend *backend)
{
  gx_store_rollback (GX_STORE (backend));
}

static gboolean
backend_savepoint (GxBackend *backend, GError **error)
{
  return gx_store_savepoint (GX_STORE (backend), error);
}

static gboolean
backend_release_savepoint (GxBackend *backend, GError **error)
{
  return gx_store_release_savepoint (GX_STORE (backend), error);
}

static void
backend_rollback_to_savepoint (GxBackend *backend)
{
  gx_store_rollback_to_savepoint (GX_STORE (backend));
}

static gboolean
backend_put_report (GxBackend *backend, GxReport *report, const char *content_hash, gboolean replace, GxImportOutcome *outcome, GError **error)
{
  return gx_store_put_report (GX_STORE (backend), report, content_hash, replace, outcome, error);
}

static gint64
backend_find_hash (GxBackend *backend, const char *content_hash, GError **error)
{
  return gx_store_find_hash (GX_STORE (backend), content_hash, error);
}

static GHashTable *
backend_dup_hashes (GxBackend *backend, GError **error)
{
  return gx_store_dup_hashes (GX_STORE (backend), error);
}

static gboolean
backend_save_report (GxBackend *backend, GxReport *report, GError **error)
{
  return gx_store_save_report (GX_STORE (backend), report, error);
}

static GxReport *
backend_load_report (GxBackend *backend, gint64 id, GError **error)
{
  return gx_store_load_report (GX_STORE (backend), id, error);
}

static GxReport *
backend_load_cells (GxBackend *backend, gint64 id, GError **error)
{
  return gx_store_load_cells (GX_STORE (backend), id, error);
}

static gboolean
backend_remove_report (GxBackend *backend, gint64 id, GError **error)
{
  return gx_store_remove_report (GX_STORE (backend), id, error);
}

static GPtrArray *
backend_load_all (GxBackend *backend, GError **error)
{
  return gx_store_load_all (GX_STORE (backend), error);
}

static GPtrArray *
backend_list_summaries (GxBackend *backend, GError **error)
{
  return gx_store_list_summaries (GX_STORE (backend), error);
}

static GArray *
backend_find_ids (GxBackend *backend, int year, const char *issuer_contains, GError **error)
{
  return gx_store_find_ids (GX_STORE (backend), year, issuer_contains, error);
}

static GxReport *
backend_rollup (GxBackend *backend, const gint64 *ids, guint n_ids, GError **error)
{
  return gx_store_rollup (GX_STORE (backend), ids, n_ids, error);
}

static gboolean
backend_set_issuer_alias (GxBackend *backend, const char *alias, const char *canonical, GError **error)
{
  return gx_store_set_issuer_alias (GX_STORE (backend), alias, canonical, error);
}

static char *
backend_dup_issuer_key (GxBackend *backend, const char *issuer)
{
  return gx_store_dup_issuer_key (GX_STORE (backend), issuer);
}

static GHashTable *
backend_load_aliases (GxBackend *backend, GError **error)
{
  return gx_store_load_aliases (GX_STORE (backend), error);
}

static GPtrArray *
backend_list_issuers (GxBackend *backend, GError **error)
{
  return gx_store_list_issuers (GX_STORE (backend), error);
}

static gint64
backend_find_report (GxBackend *backend, const char *issuer, int year, gint64 except_id, GError **error)
{
  return gx_store_find_report (GX_STORE (backend), issuer, year, except_id, error);
}

static gboolean
backend_set_children (GxBackend *backend, gint64 parent_id, const gint64 *child_ids, guint n_children, GError **error)
{
  return gx_store_set_children (GX_STORE (backend), parent_id, child_ids, n_children, error);
}

static GArray *
backend_get_children (GxBackend *backend, gint64 parent_id, GError **error)
{
  return gx_store_get_children (GX_STORE (backend), parent_id, error);
}

static GArray *
backend_get_parents (GxBackend *backend, gint64 child_id, GError **error)
{
  return gx_store_get_parents (GX_STORE (backend), child_id, error);
}

static gboolean
backend_set_review (GxBackend *backend, GxReport *report, GxFinding *finding, int state, const char *note, GError **error)
{
  return gx_store_set_review (GX_STORE (backend), report, finding, (GxReviewState) state, note, error);
}

static gboolean
backend_apply_reviews (GxBackend *backend, GxReport *report, GError **error)
{
  return gx_store_apply_reviews (GX_STORE (backend), report, error);
}

static gboolean
backend_has_reviews (GxBackend *backend)
{
  return gx_store_has_reviews (GX_STORE (backend));
}

void
gx_store_backend_init (GxBackendInterface *iface)
{
  iface->get_location = backend_get_location;
  iface->is_read_only = backend_is_read_only;
  iface->get_data_version = backend_get_data_version;
  iface->begin = backend_begin;
  iface->commit = backend_commit;
  iface->rollback = backend_rollback;
  iface->savepoint = backend_savepoint;
  iface->release_savepoint = backend_release_savepoint;
  iface->rollback_to_savepoint = backend_rollback_to_savepoint;
  iface->put_report = backend_put_report;
  iface->find_hash = backend_find_hash;
  iface->dup_hashes = backend_dup_hashes;
  iface->save_report = backend_save_report;
  iface->load_report = backend_load_report;
  iface->load_cells = backend_load_cells;
  iface->remove_report = backend_remove_report;
  iface->load_all = backend_load_all;
  iface->list_summaries = backend_list_summaries;
  iface->find_ids = backend_find_ids;
  iface->rollup = backend_rollup;
  iface->set_issuer_alias = backend_set_issuer_alias;
  iface->dup_issuer_key = backend_dup_issuer_key;
  iface->load_aliases = backend_load_aliases;
  iface->list_issuers = backend_list_issuers;
  iface->find_report = backend_find_report;
  iface->set_children = backend_set_children;
  iface->get_children = backend_get_children;
  iface->get_parents = backend_get_parents;
  iface->set_review = backend_set_review;
  iface->apply_reviews = backend_apply_reviews;
  iface->has_reviews = backend_has_reviews;
}
