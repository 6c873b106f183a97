/* gx-store-backend.c: GxStore as a GxBackend (gx-backend.h), each
 * operation the gx_store_ function of the same name */
#include "gx-config.h"

#include "gx-review.h"
#include "gx-store-private.h"

static const char *
store_get_location (GxBackend *backend)
{
  return gx_store_get_path (GX_STORE (backend));
}

static gboolean
store_is_read_only (GxBackend *backend)
{
  return gx_store_is_read_only (GX_STORE (backend));
}

static gint64
store_get_data_version (GxBackend *backend, GError **error)
{
  return gx_store_get_data_version (GX_STORE (backend), error);
}

static gboolean
store_begin (GxBackend *backend, GError **error)
{
  return gx_store_begin (GX_STORE (backend), error);
}

static gboolean
store_commit (GxBackend *backend, GError **error)
{
  return gx_store_commit (GX_STORE (backend), error);
}

static void
store_rollback (GxBackend *backend)
{
  gx_store_rollback (GX_STORE (backend));
}

static gboolean
store_savepoint (GxBackend *backend, GError **error)
{
  return gx_store_savepoint (GX_STORE (backend), error);
}

static gboolean
store_release_savepoint (GxBackend *backend, GError **error)
{
  return gx_store_release_savepoint (GX_STORE (backend), error);
}

static void
store_rollback_to_savepoint (GxBackend *backend)
{
  gx_store_rollback_to_savepoint (GX_STORE (backend));
}

static gboolean
store_put_report (GxBackend *backend, GxReport *report, const char *content_hash, gboolean replace, GxImportOutcome *outcome, GError **error)
{
  return gx_store_put_report (GX_STORE (backend), report, content_hash, replace, outcome, error);
}

static gint64
store_find_hash (GxBackend *backend, const char *content_hash, GError **error)
{
  return gx_store_find_hash (GX_STORE (backend), content_hash, error);
}

static GHashTable *
store_dup_hashes (GxBackend *backend, GError **error)
{
  return gx_store_dup_hashes (GX_STORE (backend), error);
}

static gboolean
store_save_report (GxBackend *backend, GxReport *report, GError **error)
{
  return gx_store_save_report (GX_STORE (backend), report, error);
}

static GxReport *
store_load_report (GxBackend *backend, gint64 id, GError **error)
{
  return gx_store_load_report (GX_STORE (backend), id, error);
}

static GxReport *
store_load_cells (GxBackend *backend, gint64 id, GError **error)
{
  return gx_store_load_cells (GX_STORE (backend), id, error);
}

static gboolean
store_remove_report (GxBackend *backend, gint64 id, GError **error)
{
  return gx_store_remove_report (GX_STORE (backend), id, error);
}

static GPtrArray *
store_load_all (GxBackend *backend, GError **error)
{
  return gx_store_load_all (GX_STORE (backend), error);
}

static GPtrArray *
store_list_summaries (GxBackend *backend, GError **error)
{
  return gx_store_list_summaries (GX_STORE (backend), error);
}

static GArray *
store_find_ids (GxBackend *backend, int year, const char *issuer_contains, GError **error)
{
  return gx_store_find_ids (GX_STORE (backend), year, issuer_contains, error);
}

static GxReport *
store_rollup (GxBackend *backend, const gint64 *ids, guint n_ids, GError **error)
{
  return gx_store_rollup (GX_STORE (backend), ids, n_ids, error);
}

static gboolean
store_set_issuer_alias (GxBackend *backend, const char *alias, const char *canonical, GError **error)
{
  return gx_store_set_issuer_alias (GX_STORE (backend), alias, canonical, error);
}

static char *
store_dup_issuer_key (GxBackend *backend, const char *issuer)
{
  return gx_store_dup_issuer_key (GX_STORE (backend), issuer);
}

static GHashTable *
store_load_aliases (GxBackend *backend, GError **error)
{
  return gx_store_load_aliases (GX_STORE (backend), error);
}

static GPtrArray *
store_list_issuers (GxBackend *backend, GError **error)
{
  return gx_store_list_issuers (GX_STORE (backend), error);
}

static gint64
store_find_report (GxBackend *backend, const char *issuer, int year, gint64 except_id, GError **error)
{
  return gx_store_find_report (GX_STORE (backend), issuer, year, except_id, error);
}

static gboolean
store_set_children (GxBackend *backend, gint64 parent_id, const gint64 *child_ids, guint n_children, GError **error)
{
  return gx_store_set_children (GX_STORE (backend), parent_id, child_ids, n_children, error);
}

static GArray *
store_get_children (GxBackend *backend, gint64 parent_id, GError **error)
{
  return gx_store_get_children (GX_STORE (backend), parent_id, error);
}

static GArray *
store_get_parents (GxBackend *backend, gint64 child_id, GError **error)
{
  return gx_store_get_parents (GX_STORE (backend), child_id, error);
}

static gboolean
store_set_review (GxBackend *backend, GxReport *report, GxFinding *finding, int state, const char *note, GError **error)
{
  return gx_store_set_review (GX_STORE (backend), report, finding, (GxReviewState) state, note, error);
}

static gboolean
store_apply_reviews (GxBackend *backend, GxReport *report, GError **error)
{
  return gx_store_apply_reviews (GX_STORE (backend), report, error);
}

static gboolean
store_has_reviews (GxBackend *backend)
{
  return gx_store_has_reviews (GX_STORE (backend));
}

void
gx_store_backend_init (GxBackendInterface *iface)
{
  iface->get_location = store_get_location;
  iface->is_read_only = store_is_read_only;
  iface->get_data_version = store_get_data_version;
  iface->begin = store_begin;
  iface->commit = store_commit;
  iface->rollback = store_rollback;
  iface->savepoint = store_savepoint;
  iface->release_savepoint = store_release_savepoint;
  iface->rollback_to_savepoint = store_rollback_to_savepoint;
  iface->put_report = store_put_report;
  iface->find_hash = store_find_hash;
  iface->dup_hashes = store_dup_hashes;
  iface->save_report = store_save_report;
  iface->load_report = store_load_report;
  iface->load_cells = store_load_cells;
  iface->remove_report = store_remove_report;
  iface->load_all = store_load_all;
  iface->list_summaries = store_list_summaries;
  iface->find_ids = store_find_ids;
  iface->rollup = store_rollup;
  iface->set_issuer_alias = store_set_issuer_alias;
  iface->dup_issuer_key = store_dup_issuer_key;
  iface->load_aliases = store_load_aliases;
  iface->list_issuers = store_list_issuers;
  iface->find_report = store_find_report;
  iface->set_children = store_set_children;
  iface->get_children = store_get_children;
  iface->get_parents = store_get_parents;
  iface->set_review = store_set_review;
  iface->apply_reviews = store_apply_reviews;
  iface->has_reviews = store_has_reviews;
}
