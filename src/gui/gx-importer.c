/* gx-importer.c: the import worker
 *
 * The worker thread runs the one import pipeline (gx-import.c) on its own
 * connection to the workspace; the main thread only
 * ever sees reports once the batch that holds them is committed.  Progress
 * is coalesced: while one progress update waits in the main loop, newer
 * figures overwrite it instead of queueing more idles, so a fast import can
 * never flood the main loop.
 */
#include "gx-config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "gx-importer.h"
#include "gx-workspace.h"

#define DEFAULT_BATCH_SIZE GX_IMPORT_DEFAULT_BATCH_SIZE

struct _GxImporter
{
  GObject parent_instance;

  char *workspace_path;
  guint batch_size;
  gboolean running;

  GPtrArray *failures;        /* char *, NULL-terminated */
  GPtrArray *conflicts;       /* GFile: a new version of a report the workspace has */
  gboolean replace;
  guint n_replaced;
  guint n_added;
  int n_present;       /* counted by the worker */
  guint n_processed;
  guint n_total;
};

typedef struct
{
  /* set before the thread starts, read-only afterwards */
  GxImporter *importer;       /* strong */
  char *workspace_path;
  GPtrArray *inputs;          /* GFile */
  guint batch_size;
  GMainContext *context;

  /* shared with the main thread */
  GMutex lock;
  guint done;
  guint total;
  char *current;
  gboolean progress_queued;
  GPtrArray *added;           /* GxReport, committed, not yet announced */
  GPtrArray *failed;          /* char *, not yet announced */
  GPtrArray *conflicts;       /* char *, path or URI, not yet announced */
  gboolean delivery_queued;

  /* the worker's own */
  gboolean replace;
  GHashTable *replaced;       /* ids replaced in the batch being committed */
  guint n_replaced;
} ImportJob;

enum {
  PROP_0,
  PROP_WORKSPACE_PATH,
  PROP_RUNNING,
  N_PROPS
};

enum {
  PROGRESS,
  REPORTS_ADDED,
  FILE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxImporter, gx_importer, G_TYPE_OBJECT)

/* The job ---------------------------------------------------------------- */

static void
import_job_clear (ImportJob *job)
{
  g_clear_object (&job->importer);
  g_free (job->workspace_path);
  g_ptr_array_unref (job->inputs);
  g_main_context_unref (job->context);
  g_mutex_clear (&job->lock);
  g_free (job->current);
  g_ptr_array_unref (job->added);
  g_ptr_array_unref (job->failed);
  g_ptr_array_unref (job->conflicts);
  g_hash_table_unref (job->replaced);
}

static ImportJob *
import_job_ref (ImportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
import_job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) import_job_clear);
}

/* Main-thread side: announcements ---------------------------------------- */

static gboolean
progress_in_main_cb (gpointer data)
{
  ImportJob *job = data;
  g_autofree char *current = NULL;
  guint done, total;

  g_mutex_lock (&job->lock);
  done = job->done;
  total = job->total;
  current = g_strdup (job->current);
  job->progress_queued = FALSE;
  g_mutex_unlock (&job->lock);

  job->importer->n_processed = done;
  job->importer->n_total = total;
  g_signal_emit (job->importer, signals[PROGRESS], 0, done, total, current);

  return G_SOURCE_REMOVE;
}

static void
deliver_pending (ImportJob *job)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  GxImporter *self = job->importer;

  g_mutex_lock (&job->lock);
  added = g_steal_pointer (&job->added);
  failed = g_steal_pointer (&job->failed);
  conflicts = g_steal_pointer (&job->conflicts);
  job->added = g_ptr_array_new_with_free_func (g_object_unref);
  job->failed = g_ptr_array_new_with_free_func (g_free);
  job->conflicts = g_ptr_array_new_with_free_func (g_free);
  job->delivery_queued = FALSE;
  g_mutex_unlock (&job->lock);

  for (guint i = 0; i < conflicts->len; i++)
    {
      const char *where = g_ptr_array_index (conflicts, i);

      g_ptr_array_add (self->conflicts, strstr (where, "://") ? g_file_new_for_uri (where)
                                                              : g_file_new_for_path (where));
    }

  for (guint i = 0; i < failed->len; i++)
    {
      const char *message = g_ptr_array_index (failed, i);

      g_ptr_array_insert (self->failures, (int) self->failures->len - 1,
                          g_strdup (message));
      g_signal_emit (self, signals[FILE_FAILED], 0, message);
    }

  if (added->len > 0)
    {
      self->n_added += added->len;
      g_signal_emit (self, signals[REPORTS_ADDED], 0, added);
    }
}

static gboolean
deliver_in_main_cb (gpointer data)
{
  deliver_pending (data);
  return G_SOURCE_REMOVE;
}

/* Worker side ------------------------------------------------------------- */

/* Runs @func on the thread that owns @context.  Not g_main_context_invoke():
 * when that context is idle, it runs the function at once in the calling
 * thread — here the worker, which then ran main-thread code (signals to the
 * window) and, holding the job lock, deadlocked on it. */
static void
run_in_context (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[gxreports] importer delivery");
  g_source_attach (source, context);
}

static void
job_set_progress (ImportJob  *job,
                  guint       done,
                  const char *current)
{
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->done = done;
  g_free (job->current);
  job->current = g_strdup (current);
  queue = !job->progress_queued;
  job->progress_queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    run_in_context (job->context, progress_in_main_cb, import_job_ref (job), import_job_unref);
}

static void
job_queue_delivery_locked (ImportJob *job)
{
  if (job->delivery_queued)
    return;
  job->delivery_queued = TRUE;
  run_in_context (job->context, deliver_in_main_cb, import_job_ref (job), import_job_unref);
}

static void
job_fail (ImportJob  *job,
          const char *message)
{
  g_mutex_lock (&job->lock);
  g_ptr_array_add (job->failed, g_strdup (message));
  job_queue_delivery_locked (job);
  g_mutex_unlock (&job->lock);
}

static void
job_commit_batch (ImportJob *job,
                  GPtrArray *batch)
{
  g_mutex_lock (&job->lock);
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (job->added, g_object_ref (g_ptr_array_index (batch, i)));
  if (batch->len > 0)
    job_queue_delivery_locked (job);
  g_mutex_unlock (&job->lock);
  g_ptr_array_set_size (batch, 0);
}

static void
import_progress_cb (guint       done,
                    guint       total,
                    const char *current,
                    gpointer    user_data)
{
  ImportJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->total = total;
  g_mutex_unlock (&job->lock);
  job_set_progress (job, done, current);
}

static void
import_result_cb (const GxImportResult *result,
                  gpointer              user_data)
{
  ImportJob *job = user_data;

  if (result->report == NULL)
    job_fail (job, result->error->message);
  else if (result->outcome == GX_IMPORT_ALREADY_PRESENT)
    g_atomic_int_inc (&job->importer->n_present);
  else if (result->outcome == GX_IMPORT_REPLACED)
    {
      /* its row is in the list already: the window brings it up to date */
      g_hash_table_add (job->replaced, g_memdup2 (&result->id, sizeof result->id));
      job->n_replaced++;
    }
  else if (result->outcome == GX_IMPORT_CONFLICT)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s: the workspace already holds a different report of %s for %d"),
                         result->name, gx_report_get_issuer (result->report),
                         gx_report_get_year (result->report));
      job_fail (job, message);
      g_mutex_lock (&job->lock);
      g_ptr_array_add (job->conflicts, g_strdup (result->path));
      job_queue_delivery_locked (job);
      g_mutex_unlock (&job->lock);
    }
}

static void
import_committed_cb (GPtrArray *reports,
                     gpointer   user_data)
{
  ImportJob *job = user_data;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  /* new rows for the reports added; those replaced have theirs */
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      gint64 id = gx_report_get_id (report);

      if (!g_hash_table_contains (job->replaced, &id))
        g_ptr_array_add (batch, g_object_ref (report));
    }
  g_hash_table_remove_all (job->replaced);
  job_commit_batch (job, batch);
}

/* The worker: the pipeline the command line runs too (gx-import.h), on a
 * connection of its own. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  const GxImportCallbacks callbacks = { import_progress_cb, import_result_cb, import_committed_cb };
  g_autoptr(GxWorkspace) workspace = NULL;
  g_autoptr(GxImport) import = NULL;
  g_autoptr(GError) error = NULL;

  workspace = gx_workspace_open (job->workspace_path, FALSE, &error);
  if (workspace == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import = gx_workspace_new_import (workspace, job->replace);
  gx_import_set_batch_size (import, job->batch_size);
  /* the list fills in at least four times a second */
  gx_import_set_batch_time (import, 250);
  gx_import_set_callbacks (import, &callbacks, job);
  for (guint i = 0; i < job->inputs->len; i++)
    gx_import_add_file (import, g_ptr_array_index (job->inputs, i));
  if (!gx_import_run (import, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GxImporter *self = g_task_get_source_object (outer);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* whatever is still queued reaches the window before the result does */
  deliver_pending (job);
  self->n_replaced = job->n_replaced;
  progress_in_main_cb (import_job_ref (job));
  import_job_unref (job);

  self->running = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/* GObject ------------------------------------------------------------------ */

static void
gx_importer_finalize (GObject *object)
{
  GxImporter *self = GX_IMPORTER (object);

  g_free (self->workspace_path);
  g_ptr_array_unref (self->failures);
  g_ptr_array_unref (self->conflicts);

  G_OBJECT_CLASS (gx_importer_parent_class)->finalize (object);
}

static void
gx_importer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GxImporter *self = GX_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_PATH:
      g_value_set_string (value, self->workspace_path);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_importer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GxImporter *self = GX_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_WORKSPACE_PATH:
      g_free (self->workspace_path);
      self->workspace_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_importer_class_init (GxImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gx_importer_finalize;
  object_class->get_property = gx_importer_get_property;
  object_class->set_property = gx_importer_set_property;

  properties[PROP_WORKSPACE_PATH] =
    g_param_spec_string ("workspace-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxImporter::progress:
   * @done: files finished so far
   * @total: files found (0 while folders are still being walked)
   * @current: (nullable): the file being read
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * GxImporter::reports-added:
   * @reports: (element-type GxReport): the reports of a committed batch,
   *   with their workspace ids and findings
   */
  signals[REPORTS_ADDED] =
    g_signal_new ("reports-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * GxImporter::file-failed:
   * @message: why a file did not go in; names the file
   */
  signals[FILE_FAILED] =
    g_signal_new ("file-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gx_importer_init (GxImporter *self)
{
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->failures = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->failures, NULL);
  self->conflicts = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Public API ----------------------------------------------------------------- */

GxImporter *
gx_importer_new (const char *workspace_path)
{
  g_return_val_if_fail (workspace_path != NULL, NULL);

  return g_object_new (GX_TYPE_IMPORTER, "workspace-path", workspace_path, NULL);
}

const char *
gx_importer_get_workspace_path (GxImporter *self)
{
  g_return_val_if_fail (GX_IS_IMPORTER (self), NULL);
  return self->workspace_path;
}

gboolean
gx_importer_get_running (GxImporter *self)
{
  g_return_val_if_fail (GX_IS_IMPORTER (self), FALSE);
  return self->running;
}

void
gx_importer_set_batch_size (GxImporter *self,
                            guint       batch_size)
{
  g_return_if_fail (GX_IS_IMPORTER (self));
  self->batch_size = MAX (batch_size, 1);
}

void
gx_importer_import_async (GxImporter          *self,
                          GFile              **files,
                          guint                n_files,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) worker = NULL;
  ImportJob *job;

  g_return_if_fail (GX_IS_IMPORTER (self));
  g_return_if_fail (files != NULL || n_files == 0);
  g_return_if_fail (!self->running);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, gx_importer_import_async);

  self->running = TRUE;
  self->n_added = 0;
  self->n_present = 0;
  self->n_processed = 0;
  self->n_total = 0;
  self->n_replaced = 0;
  g_ptr_array_set_size (self->conflicts, 0);
  g_ptr_array_set_size (self->failures, 0);
  g_ptr_array_add (self->failures, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  job = g_atomic_rc_box_new0 (ImportJob);
  job->importer = g_object_ref (self);
  job->workspace_path = g_strdup (self->workspace_path);
  job->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (job->inputs, g_object_ref (files[i]));
  job->batch_size = self->batch_size;
  job->context = g_main_context_ref_thread_default ();
  g_mutex_init (&job->lock);
  job->added = g_ptr_array_new_with_free_func (g_object_unref);
  job->failed = g_ptr_array_new_with_free_func (g_free);
  job->conflicts = g_ptr_array_new_with_free_func (g_free);
  job->replace = self->replace;
  job->replaced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  worker = g_task_new (self, cancellable, import_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (worker, import_thread);
  g_task_set_task_data (worker, job, import_job_unref);
  /* a cancelled import still reports what it committed */
  g_task_set_return_on_cancel (worker, FALSE);
  g_task_run_in_thread (worker, import_thread);
}

gboolean
gx_importer_import_finish (GxImporter    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
gx_importer_get_n_added (GxImporter *self)
{
  return self->n_added;
}

guint
gx_importer_get_n_present (GxImporter *self)
{
  return (guint) g_atomic_int_get (&self->n_present);
}

guint
gx_importer_get_n_processed (GxImporter *self)
{
  return self->n_processed;
}

guint
gx_importer_get_n_total (GxImporter *self)
{
  return self->n_total;
}

const char * const *
gx_importer_get_failures (GxImporter *self)
{
  g_return_val_if_fail (GX_IS_IMPORTER (self), NULL);
  return (const char * const *) self->failures->pdata;
}

void
gx_importer_set_replace (GxImporter *self,
                         gboolean    replace)
{
  g_return_if_fail (GX_IS_IMPORTER (self));
  self->replace = replace;
}

GPtrArray *
gx_importer_get_conflicts (GxImporter *self)
{
  g_return_val_if_fail (GX_IS_IMPORTER (self), NULL);
  return self->conflicts;
}

guint
gx_importer_get_n_replaced (GxImporter *self)
{
  g_return_val_if_fail (GX_IS_IMPORTER (self), 0);
  return self->n_replaced;
}
