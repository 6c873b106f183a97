/* gx-workspace.c: the only way to a workspace (see gx-workspace.h) */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-check.h"
#include "gx-store.h"
#include "gx-workspace.h"

struct _GxWorkspace
{
  GObject parent_instance;

  GxBackend *backend;
  GPtrArray *summaries;   /* GxReport, the list */
  gboolean loaded;        /* the list is read the first time it is asked for */
  GSource *watch;         /* other connections' commits (gx_backend_create_watch()) */
  gboolean held;          /* gx_workspace_hold_watch() */
  gboolean missed;        /* a commit told of while held */
};

enum {
  CHANGED_ELSEWHERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void gx_workspace_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GxWorkspace, gx_workspace, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gx_workspace_list_model_init))

/* Whether two summaries have the same figures (a summary has no other
 * cells: comparing every cell of 100,000 would cost more than reading) */
static gboolean
same_cells (GxReport *a,
            GxReport *b)
{
  for (guint k = 0; k < GX_REPORT_N_SUMMARY_CELLS; k++)
    {
      guint cell = gx_report_summary_cell (k);
      gint64 x = 0, y = 0;

      if (gx_report_get_cell (a, cell, &x) != gx_report_get_cell (b, cell, &y) || x != y)
        return FALSE;
    }
  return TRUE;
}

/* Whether two summaries show the same: same report, same issuer, year,
 * source, counts and cells. */
static gboolean
same_summary (GxReport *a,
              GxReport *b)
{
  return gx_report_get_id (a) == gx_report_get_id (b) &&
         gx_report_get_year (a) == gx_report_get_year (b) &&
         g_strcmp0 (gx_report_get_issuer (a), gx_report_get_issuer (b)) == 0 &&
         g_strcmp0 (gx_report_get_source (a), gx_report_get_source (b)) == 0 &&
         gx_report_get_n_errors (a) == gx_report_get_n_errors (b) &&
         gx_report_get_n_warnings (a) == gx_report_get_n_warnings (b) &&
         gx_report_get_n_notes (a) == gx_report_get_n_notes (b) &&
         same_cells (a, b);
}

/* Brings @listed up to what @fresh (the same report) says. */
static void
update_summary (GxReport *listed,
                GxReport *fresh)
{
  gx_report_set_issuer (listed, gx_report_get_issuer (fresh));
  gx_report_set_year (listed, gx_report_get_year (fresh));
  gx_report_set_source (listed, gx_report_get_source (fresh));
  gx_report_set_format_version (listed, gx_report_get_format_version (fresh));
  gx_report_copy_cells_from (listed, fresh);
  gx_report_set_counts (listed, gx_report_get_n_errors (fresh), gx_report_get_n_warnings (fresh),
                        gx_report_get_n_notes (fresh));
}

/* GListModel ---------------------------------------------------------------- */

static GType
list_get_item_type (GListModel *model)
{
  return GX_TYPE_REPORT;
}

/* The list, read the first time it is asked for (the command line
 * mostly never asks); a workspace that cannot be read lists nothing. */
static void
ensure_loaded (GxWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->loaded && !gx_workspace_reload (self, &error))
    g_warning ("%s", error->message);
}

static guint
list_get_n_items (GListModel *model)
{
  ensure_loaded (GX_WORKSPACE (model));
  return GX_WORKSPACE (model)->summaries->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  GxWorkspace *self = GX_WORKSPACE (model);

  ensure_loaded (self);
  if (position >= self->summaries->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->summaries, position));
}

static void
gx_workspace_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* GObject -------------------------------------------------------------------- */

static void
gx_workspace_finalize (GObject *object)
{
  GxWorkspace *self = GX_WORKSPACE (object);

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  g_clear_object (&self->backend);
  g_ptr_array_unref (self->summaries);

  G_OBJECT_CLASS (gx_workspace_parent_class)->finalize (object);
}

static void
gx_workspace_class_init (GxWorkspaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_workspace_finalize;

  /**
   * GxWorkspace::changed-elsewhere:
   *
   * The list followed changes another connection committed (its
   * ::items-changed said which rows); what else a caller keeps of the
   * workspace (the merges of issuers …) may have changed too.
   */
  signals[CHANGED_ELSEWHERE] =
    g_signal_new ("changed-elsewhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gx_workspace_init (GxWorkspace *self)
{
  self->summaries = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Other connections' commits, as the backend tells them: the list follows
 * them by itself. */
static void
follow (GxWorkspace *self)
{
  /* a handler of ::items-changed may drop the last other reference */
  g_autoptr(GxWorkspace) alive = g_object_ref (self);
  g_autoptr(GError) error = NULL;

  if (!gx_workspace_reload (self, &error))
    {
      /* gone for a moment: the next change tries again */
      g_debug ("workspace not listed: %s", error->message);
      return;
    }
  g_signal_emit (self, signals[CHANGED_ELSEWHERE], 0);
}

static gboolean
watch_cb (gpointer data)
{
  GxWorkspace *self = data;

  if (self->held)
    self->missed = TRUE;
  else
    follow (self);
  return G_SOURCE_CONTINUE;
}

/* Once the list is read, a backend that can tell of other connections'
 * commits is watched on this thread's main context.  Only when this
 * thread may run that context: a worker's workspace on the default
 * context (the app's main thread runs it) is never watched, since the
 * callback would use the connection from another thread. */
static void
start_watch (GxWorkspace *self)
{
  GMainContext *context = g_main_context_ref_thread_default ();

  if (g_main_context_acquire (context))
    {
      self->watch = gx_backend_create_watch (self->backend);
      if (self->watch != NULL)
        {
          g_source_set_callback (self->watch, watch_cb, self, NULL);
          g_source_attach (self->watch, context);
        }
      g_main_context_release (context);
    }
  g_main_context_unref (context);
}

/* After a change made through the workspace: the list says what changed
 * (when anyone has asked for it). */
static gboolean
changed (GxWorkspace  *self,
         GError      **error)
{
  return !self->loaded || gx_workspace_reload (self, error);
}

/* Public API ------------------------------------------------------------------ */

char *
gx_workspace_default_location (void)
{
  return g_build_filename (g_get_user_data_dir (), "gxreports", "workspace.db", NULL);
}

GxWorkspace *
gx_workspace_open (const char  *location,
                   gboolean     read_only,
                   GError     **error)
{
  g_autoptr(GxWorkspace) self = NULL;
  GxBackend *backend;

  g_return_val_if_fail (location != NULL, NULL);

  backend = gx_backend_open (location, read_only, error);
  if (backend == NULL)
    return NULL;
  self = g_object_new (GX_TYPE_WORKSPACE, NULL);
  self->backend = backend;
  return g_steal_pointer (&self);
}

const char *
gx_workspace_get_location (GxWorkspace *self)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_get_location (self->backend);
}

gboolean
gx_workspace_is_read_only (GxWorkspace *self)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  return gx_backend_is_read_only (self->backend);
}

GxBackend *
gx_workspace_get_backend (GxWorkspace *self)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return self->backend;
}

gint64
gx_workspace_get_data_version (GxWorkspace *self)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), -1);
  return gx_backend_get_data_version (self->backend, NULL);
}

gboolean
gx_workspace_is_watching (GxWorkspace *self)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  return self->watch != NULL && !g_source_is_destroyed (self->watch);
}

void
gx_workspace_hold_watch (GxWorkspace *self,
                         gboolean     hold)
{
  g_return_if_fail (GX_IS_WORKSPACE (self));

  self->held = hold;
  if (!hold && self->missed)
    {
      self->missed = FALSE;
      follow (self);
    }
}

gboolean
gx_workspace_reload (GxWorkspace  *self,
                     GError      **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) updated = NULL;
  g_autofree gint64 *ids = NULL;
  GPtrArray *old;
  guint prefix = 0, suffix = 0, n_old, n_new;

  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);

  fresh = gx_backend_list_summaries (self->backend, error);
  if (fresh == NULL)
    return FALSE;
  g_ptr_array_set_free_func (fresh, g_object_unref);
  if (!self->loaded)
    {
      /* nobody has seen the list yet: nothing changed for anyone */
      g_ptr_array_unref (self->summaries);
      self->summaries = g_steal_pointer (&fresh);
      self->loaded = TRUE;
      start_watch (self);
      return TRUE;
    }

  /* a report listed already keeps its row's object, brought up to date
   * in place: what a view has selected, or a caller holds, stays the
   * same object */
  old = self->summaries;
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  updated = g_hash_table_new (NULL, NULL);
  ids = g_new (gint64, old->len + 1);
  for (guint i = 0; i < old->len; i++)
    {
      ids[i] = gx_report_get_id (g_ptr_array_index (old, i));
      g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (old, i));
    }
  for (guint i = 0; i < fresh->len; i++)
    {
      GxReport *summary = g_ptr_array_index (fresh, i);
      gint64 id = gx_report_get_id (summary);
      GxReport *listed = g_hash_table_lookup (by_id, &id);

      if (listed == NULL)
        continue;
      if (!same_summary (listed, summary))
        {
          update_summary (listed, summary);
          g_hash_table_add (updated, listed);
        }
      g_ptr_array_index (fresh, i) = g_object_ref (listed);
      g_object_unref (summary);
    }

  /* the rows that changed lie between what stayed the same at both ends:
   * one items-changed for them (a save changes a report and its next
   * year, usually side by side) */
  n_old = old->len;
  n_new = fresh->len;
  while (prefix < n_old && prefix < n_new &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (fresh, prefix) &&
         !g_hash_table_contains (updated, g_ptr_array_index (old, prefix)))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_ptr_array_index (old, n_old - 1 - suffix) == g_ptr_array_index (fresh, n_new - 1 - suffix) &&
         !g_hash_table_contains (updated, g_ptr_array_index (old, n_old - 1 - suffix)))
    suffix++;

  self->summaries = g_steal_pointer (&fresh);
  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                n_old - prefix - suffix, n_new - prefix - suffix);
  g_ptr_array_unref (old);
  return TRUE;
}

/* Where a summary goes in the list: the storage's order, issuer (bytes),
 * year, id. */
static int
compare_summaries (GxReport *a,
                   GxReport *b)
{
  int c = strcmp (gx_report_get_issuer (a) ? gx_report_get_issuer (a) : "",
                  gx_report_get_issuer (b) ? gx_report_get_issuer (b) : "");

  if (c != 0)
    return c;
  if (gx_report_get_year (a) != gx_report_get_year (b))
    return gx_report_get_year (a) < gx_report_get_year (b) ? -1 : 1;
  if (gx_report_get_id (a) != gx_report_get_id (b))
    return gx_report_get_id (a) < gx_report_get_id (b) ? -1 : 1;
  return 0;
}

/* Where @summary goes in the list (the first row after it). */
static guint
find_place (GxWorkspace *self,
            GxReport    *summary)
{
  guint low = 0, high = self->summaries->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_summaries (g_ptr_array_index (self->summaries, middle), summary) < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static int
compare_summaries_cb (gconstpointer a,
                      gconstpointer b)
{
  return compare_summaries (*(GxReport **) a, *(GxReport **) b);
}

/* Rows added this close to each other are said to have changed together,
 * the rows between them with them: one ::items-changed for a batch's rows
 * side by side, not one a row (a view redoes the rows it shows for each). */
#define ADD_GAP 64

void
gx_workspace_add_reports (GxWorkspace *self,
                          GPtrArray   *reports)
{
  g_autoptr(GPtrArray) added = NULL;
  guint run_start = 0, run_end = 0, run_added = 0;

  g_return_if_fail (GX_IS_WORKSPACE (self));
  g_return_if_fail (reports != NULL);

  /* a list nobody has read yet reads them with the rest */
  if (!self->loaded)
    return;
  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      g_autoptr(GxReport) summary = NULL;
      guint position;

      if (gx_report_get_id (report) <= 0)
        continue;
      summary = gx_report_dup_summary (report);
      if (gx_workspace_find_summary (self, gx_report_get_id (report), &position) != NULL)
        {
          GxReport *listed = g_ptr_array_index (self->summaries, position);

          /* listed already (a reload came first); a new version is
           * brought up to date in place and put at its place */
          if (same_summary (listed, summary))
            continue;
          update_summary (listed, summary);
          g_ptr_array_steal_index (self->summaries, position);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
          position = find_place (self, listed);
          g_ptr_array_insert (self->summaries, (int) position, listed);
          g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
          continue;
        }
      g_ptr_array_add (added, g_steal_pointer (&summary));
    }

  /* in order, so that each goes after the one before */
  g_ptr_array_sort (added, compare_summaries_cb);
  for (guint i = 0; i < added->len; i++)
    {
      GxReport *summary = g_ptr_array_index (added, i);
      guint position = find_place (self, summary);

      if (run_added > 0 && position > run_end + ADD_GAP)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), run_start,
                                      run_end - run_start - run_added, run_end - run_start);
          run_added = 0;
        }
      g_ptr_array_insert (self->summaries, (int) position, g_object_ref (summary));
      if (run_added == 0)
        run_start = position;
      run_end = position + 1;
      run_added++;
    }
  if (run_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), run_start,
                                run_end - run_start - run_added, run_end - run_start);
}

GxReport *
gx_workspace_find_summary (GxWorkspace *self,
                           gint64       id,
                           guint       *position)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);

  ensure_loaded (self);
  for (guint i = 0; i < self->summaries->len; i++)
    {
      GxReport *summary = g_ptr_array_index (self->summaries, i);

      if (gx_report_get_id (summary) == id)
        {
          if (position)
            *position = i;
          return summary;
        }
    }
  return NULL;
}

GxImport *
gx_workspace_new_import (GxWorkspace *self,
                         gboolean     replace)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_import_new (self->backend, replace);
}

gboolean
gx_workspace_import (GxWorkspace              *self,
                     const char * const       *paths,
                     gboolean                  replace,
                     const GxImportCallbacks  *callbacks,
                     gpointer                  user_data,
                     GxImportCounts           *counts,
                     GError                  **error)
{
  g_autoptr(GxImport) import = NULL;
  gboolean ok;

  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);

  import = gx_import_new (self->backend, replace);
  if (callbacks != NULL)
    gx_import_set_callbacks (import, callbacks, user_data);
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    gx_import_add_path (import, paths[i]);
  ok = gx_import_run (import, NULL, error);
  if (counts != NULL)
    *counts = *gx_import_get_counts (import);
  /* the batches committed are in, whether or not the rest went */
  if (!changed (self, ok ? error : NULL))
    return FALSE;
  return ok;
}

GxReport *
gx_workspace_load_report (GxWorkspace  *self,
                          gint64        id,
                          GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_load_report (self->backend, id, error);
}

GPtrArray *
gx_workspace_load_all (GxWorkspace  *self,
                       GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_load_all (self->backend, error);
}

gboolean
gx_workspace_save_report (GxWorkspace  *self,
                          GxReport     *report,
                          GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  if (!gx_backend_save_report (self->backend, report, error))
    return FALSE;
  return changed (self, error);
}

gboolean
gx_workspace_remove_report (GxWorkspace  *self,
                            gint64        id,
                            GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  if (!gx_backend_remove_report (self->backend, id, error))
    return FALSE;
  return changed (self, error);
}

gboolean
gx_workspace_check_report (GxWorkspace  *self,
                           GxReport     *report,
                           GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  return gx_check_report (report, self->backend, error);
}

gboolean
gx_workspace_set_review (GxWorkspace  *self,
                         GxReport     *report,
                         GxFinding    *finding,
                         int           state,
                         const char   *note,
                         GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  if (!gx_backend_set_review (self->backend, report, finding, state, note, error))
    return FALSE;
  return changed (self, error);
}

gboolean
gx_workspace_merge_issuers (GxWorkspace  *self,
                            const char   *alias,
                            const char   *canonical,
                            GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  if (!gx_backend_set_issuer_alias (self->backend, alias, canonical, error))
    return FALSE;
  return changed (self, error);
}

gboolean
gx_workspace_set_children (GxWorkspace   *self,
                           gint64         parent_id,
                           const gint64  *child_ids,
                           guint          n_children,
                           GError       **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  if (!gx_backend_set_children (self->backend, parent_id, child_ids, n_children, error))
    return FALSE;
  return changed (self, error);
}

GArray *
gx_workspace_get_children (GxWorkspace  *self,
                           gint64        parent_id,
                           GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_get_children (self->backend, parent_id, error);
}

GxReport *
gx_workspace_rollup (GxWorkspace   *self,
                     const gint64  *ids,
                     guint          n_ids,
                     GError       **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_rollup (self->backend, ids, n_ids, error);
}

gboolean
gx_workspace_is_unlocked (GxWorkspace *self)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  return GX_IS_STORE (self->backend) && gx_store_is_unlocked (GX_STORE (self->backend));
}

gboolean
gx_workspace_begin (GxWorkspace  *self,
                    GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  return gx_backend_begin (self->backend, error);
}

gboolean
gx_workspace_commit (GxWorkspace  *self,
                     GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  if (!gx_backend_commit (self->backend, error))
    return FALSE;
  return changed (self, error);
}

void
gx_workspace_rollback (GxWorkspace *self)
{
  g_return_if_fail (GX_IS_WORKSPACE (self));
  gx_backend_rollback (self->backend);
}

GPtrArray *
gx_workspace_list_summaries (GxWorkspace  *self,
                             GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_list_summaries (self->backend, error);
}

GArray *
gx_workspace_find_ids (GxWorkspace  *self,
                       int           year,
                       const char   *issuer_contains,
                       GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_find_ids (self->backend, year, issuer_contains, error);
}

GHashTable *
gx_workspace_load_aliases (GxWorkspace  *self,
                           GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), NULL);
  return gx_backend_load_aliases (self->backend, error);
}

gboolean
gx_workspace_apply_reviews (GxWorkspace  *self,
                            GxReport     *report,
                            GError      **error)
{
  g_return_val_if_fail (GX_IS_WORKSPACE (self), FALSE);
  return gx_backend_apply_reviews (self->backend, report, error);
}
