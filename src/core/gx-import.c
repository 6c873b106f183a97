/* gx-import.c: the one import pipeline (see gx-import.h)
 *
 * A file on its way in is a Slot.  Reader threads fill it (bytes, hash,
 * the report or the JSON file's reports, read and checked); the thread
 * that runs the import takes the slots in order, a batch at a time, and
 * hands each slot back to the pool once written, to be freed there (a
 * report and its findings take a while to free).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-import.h"
#include "gx-json.h"
#include "gx-prose.h"
#include "gx-reader.h"
#include "gx-rules.h"

/* Files read ahead of the batch being gathered: bounds the memory. */
#define IMPORT_WINDOW     64
#define MAX_FOLDER_DEPTH  64

typedef struct
{
  char *path;
  char *name;
  GFile *file;          /* a file GIO opens that is not local; NULL for a path */
  GBytes *bytes;        /* kept only while nothing was read of them */
  char *hash;
  GxReport *report;
  GPtrArray *reports;   /* of a JSON file */
  GError *error;        /* the file could not be read */
  gboolean json;
  gboolean done;
  gboolean written;     /* back in the pool to be freed there */
} Slot;

typedef struct
{
  Slot *slot;
  GxReport *report;     /* NULL: the slot's error, or not answered yet */
  GxImportOutcome outcome;
  gint64 id;
  gboolean same_content;
  gboolean answered;    /* FALSE: a put whose answer is due (gx_backend_queue_put()) */
} Staged;

typedef struct
{
  char *path;
  GFile *file;
} Input;

struct _GxImport
{
  GxBackend *backend;
  gboolean replace;
  guint batch_size;
  gint64 batch_max_usec;      /* 0: a batch is only as long as batch_size */
  GxImportCallbacks callbacks;
  gpointer user_data;
  GArray *inputs;             /* Input */

  /* while running */
  GCancellable *cancellable;
  GHashTable *known_hashes;   /* content already in the workspace at the start */
  GThreadPool *pool;
  GQueue slots;               /* Slot, in the order found, being read */
  GPtrArray *batch;           /* Slot, read, to be written together */
  gint64 batch_started;
  GArray *staged;             /* Staged, of the batch being written */
  GQueue awaiting;            /* indexes into staged of the puts not answered yet, in order */
  GPtrArray *added;           /* GxReport added or replaced by the batch */
  GMutex lock;
  GCond cond;
  Slot *awaited;              /* the slot the running thread waits for */
  GxImportCounts counts;
  GxImportCounts batch_counts;
  guint n_taken;
  GError *failure;            /* the workspace failed */
};

guint
gx_import_n_threads (void)
{
  const char *env = g_getenv ("GX_THREADS");
  guint64 n = env ? g_ascii_strtoull (env, NULL, 10) : 0;

  return n > 0 ? (guint) MIN (n, 64) : MAX (1u, (guint) g_get_num_processors ());
}

static void
input_clear (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_clear_object (&input->file);
}

static void
staged_clear (gpointer data)
{
  g_clear_object (&((Staged *) data)->report);
}

static void
slot_free (Slot *slot)
{
  g_free (slot->path);
  g_free (slot->name);
  g_clear_object (&slot->file);
  g_clear_pointer (&slot->bytes, g_bytes_unref);
  g_free (slot->hash);
  g_clear_object (&slot->report);
  g_clear_pointer (&slot->reports, g_ptr_array_unref);
  g_clear_error (&slot->error);
  g_free (slot);
}

/* A JSON export (report-schema.md): by its name, or its first character. */
static gboolean
looks_like_json (const char *name,
                 GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return g_str_has_suffix (name, ".json") || (i < size && (data[i] == '[' || data[i] == '{'));
}

/* Reads the report(s) of the slot's bytes: a JSON export's reports, to be
 * checked by the workspace's put, or a report file's report, checked here
 * once (the blank-cell notes counted, built when a report is opened). */
static void
slot_read_bytes (Slot *slot)
{
  gsize size;
  const char *data = g_bytes_get_data (slot->bytes, &size);

  if (slot->json)
    slot->reports = gx_json_read_reports (data, (gssize) size, slot->name, &slot->error);
  else
    {
      slot->report = gx_reader_read_bytes (slot->bytes, slot->name, &slot->error);
      if (slot->report != NULL)
        {
          g_ptr_array_unref (gx_rules_check_full (slot->report, GX_RULES_NO_BLANK_CELLS));
          g_ptr_array_unref (gx_prose_check (slot->report));
          gx_report_set_checked (slot->report);
        }
    }
}

/* In a reader thread: everything that needs no workspace. */
static void
read_slot (gpointer data,
           gpointer user_data)
{
  Slot *slot = data;
  GxImport *self = user_data;

  if (slot->written)
    {
      slot_free (slot);
      return;
    }

  if (slot->file != NULL)
    slot->bytes = gx_reader_load_file (slot->file, self->cancellable, &slot->error);
  else
    slot->bytes = gx_reader_load_path (slot->path, &slot->error);
  if (slot->bytes != NULL)
    {
      gsize size;
      const char *bytes = g_bytes_get_data (slot->bytes, &size);

      slot->hash = gx_backend_content_hash (bytes, size);
      slot->json = looks_like_json (slot->name, slot->bytes);
      /* content there already: nothing to read */
      if (!g_hash_table_contains (self->known_hashes, slot->hash))
        {
          slot_read_bytes (slot);
          g_clear_pointer (&slot->bytes, g_bytes_unref);
        }
    }

  g_mutex_lock (&self->lock);
  slot->done = TRUE;
  if (self->awaited == slot)
    g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Counts the outcome of staged file @index (answered). */
static void
count_staged (GxImport *self,
              guint     index)
{
  Staged *staged = &g_array_index (self->staged, Staged, index);

  if (staged->report == NULL)
    {
      self->batch_counts.unreadable++;
      return;
    }
  switch (staged->outcome)
    {
    case GX_IMPORT_ADDED:
      self->batch_counts.added++;
      g_ptr_array_add (self->added, g_object_ref (staged->report));
      break;
    case GX_IMPORT_REPLACED:
      self->batch_counts.replaced++;
      g_ptr_array_add (self->added, g_object_ref (staged->report));
      break;
    case GX_IMPORT_ALREADY_PRESENT:
      self->batch_counts.present++;
      break;
    case GX_IMPORT_CONFLICT:
    default:
      self->batch_counts.conflicts++;
      break;
    }
}

static void
stage (GxImport        *self,
       Slot            *slot,
       GxReport        *report,
       GxImportOutcome  outcome,
       gint64           id,
       gboolean         same_content)
{
  Staged staged = { slot, report ? g_object_ref (report) : NULL, outcome, id, same_content, TRUE };

  g_array_append_val (self->staged, staged);
  count_staged (self, self->staged->len - 1);
}

/* What a put of @report says (with @hash, the file's: NULL for a report of
 * an export), staged as @staged. */
static void
staged_answer (GxImport        *self,
               Staged          *staged,
               GxReport        *report,
               const char      *hash,
               GxImportOutcome  outcome)
{
  staged->report = g_object_ref (report);
  staged->outcome = outcome;
  staged->id = outcome == GX_IMPORT_CONFLICT ? 0 : gx_report_get_id (report);
  if (outcome == GX_IMPORT_ALREADY_PRESENT)
    staged->same_content = hash == NULL || gx_backend_find_hash (self->backend, hash, NULL) == staged->id;
  staged->answered = TRUE;
}

/* A report put together with others (an export's): answered at once. */
static gboolean
put (GxImport    *self,
     Slot        *slot,
     GxReport    *report,
     GError     **error)
{
  Staged staged = { slot, NULL, GX_IMPORT_ADDED, 0, FALSE, FALSE };
  GxImportOutcome outcome;

  if (!gx_backend_put_report (self->backend, report, NULL, self->replace, &outcome, error))
    return FALSE;
  staged_answer (self, &staged, report, NULL, outcome);
  g_array_append_val (self->staged, staged);
  count_staged (self, self->staged->len - 1);
  return TRUE;
}

/* The answer to a file's put (put_queued()), in the order of the puts. */
static void
put_done (GxReport        *report,
          GxImportOutcome  outcome,
          gpointer         user_data)
{
  GxImport *self = user_data;
  guint index = GPOINTER_TO_UINT (g_queue_pop_head (&self->awaiting));
  Staged *staged = &g_array_index (self->staged, Staged, index);

  g_assert (!staged->answered);
  staged_answer (self, staged, report, staged->slot->hash, outcome);
  count_staged (self, index);
}

/* The report of a file, its answer perhaps later (the files read on
 * meanwhile). */
static gboolean
put_queued (GxImport  *self,
            Slot      *slot,
            GError   **error)
{
  Staged staged = { slot, NULL, GX_IMPORT_ADDED, 0, FALSE, FALSE };

  g_array_append_val (self->staged, staged);
  g_queue_push_tail (&self->awaiting, GUINT_TO_POINTER (self->staged->len - 1));
  return gx_backend_queue_put (self->backend, slot->report, slot->hash, self->replace,
                               put_done, self, error);
}

/* In a transaction: one file read.  FALSE when the workspace failed. */
static gboolean
write_slot (GxImport  *self,
            Slot      *slot,
            GError   **error)
{
  gint64 existing;

  /* content already there (perhaps from an earlier file of this run),
   * for what was not read; a report read is looked up by the put, which
   * says GX_IMPORT_ALREADY_PRESENT */
  existing = slot->bytes != NULL ? gx_backend_find_hash (self->backend, slot->hash, error) : 0;
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    {
      g_autoptr(GxReport) shell = gx_report_new ();

      gx_report_set_id (shell, existing);
      stage (self, slot, shell, GX_IMPORT_ALREADY_PRESENT, existing, TRUE);
      return TRUE;
    }
  if (slot->bytes != NULL)
    {
      /* content known at the start but gone meanwhile: read it now */
      slot_read_bytes (slot);
      if (slot->report == NULL && slot->reports == NULL)
        {
          stage (self, slot, NULL, GX_IMPORT_ADDED, 0, FALSE);
          return TRUE;
        }
    }

  if (slot->reports != NULL)
    {
      /* the reports of an export: all or none */
      guint n_staged = self->staged->len, n_added = self->added->len;
      GxImportCounts before = self->batch_counts;

      if (!gx_backend_savepoint (self->backend, error))
        return FALSE;
      for (guint i = 0; i < slot->reports->len; i++)
        if (!put (self, slot, g_ptr_array_index (slot->reports, i), error))
          {
            gx_backend_rollback_to_savepoint (self->backend);
            g_array_set_size (self->staged, n_staged);
            g_ptr_array_set_size (self->added, n_added);
            self->batch_counts = before;
            return FALSE;
          }
      return gx_backend_release_savepoint (self->backend, error);
    }
  return put_queued (self, slot, error);
}

static void
counts_add (GxImportCounts       *to,
            const GxImportCounts *from)
{
  to->added += from->added;
  to->present += from->present;
  to->replaced += from->replaced;
  to->conflicts += from->conflicts;
  to->unreadable += from->unreadable;
}

/* Says what happened to the files of the batch: everything once it is
 * committed, only the files that could not be read when it was not. */
static void
deliver (GxImport *self,
         gboolean  committed)
{
  for (guint i = 0; i < self->staged->len; i++)
    {
      Staged *staged = &g_array_index (self->staged, Staged, i);
      GxImportResult result = {
        staged->slot->path, staged->slot->name, staged->report, staged->outcome,
        staged->id, staged->same_content, staged->report ? NULL : staged->slot->error,
      };

      if (!staged->answered)
        continue;   /* never put: the batch failed first */
      if ((committed || staged->report == NULL) && self->callbacks.result)
        self->callbacks.result (&result, self->user_data);
    }
  if (committed)
    counts_add (&self->counts, &self->batch_counts);
  else
    self->counts.unreadable += self->batch_counts.unreadable;
  if (committed && self->added->len > 0 && self->callbacks.committed)
    self->callbacks.committed (self->added, self->user_data);
}

/* Writes the batch gathered, in one transaction, then says what happened
 * to its files. */
static void
write_batch (GxImport *self)
{
  gboolean in_transaction = FALSE, committed = FALSE;
  GxImportCounts none = { 0 };

  self->batch_counts = none;
  for (guint i = 0; i < self->batch->len && self->failure == NULL; i++)
    {
      Slot *slot = g_ptr_array_index (self->batch, i);

      if (g_cancellable_is_cancelled (self->cancellable))
        break;
      if (slot->error != NULL && slot->report == NULL && slot->reports == NULL)
        {
          stage (self, slot, NULL, GX_IMPORT_ADDED, 0, FALSE);
          continue;
        }
      if (!in_transaction && !gx_backend_begin (self->backend, &self->failure))
        break;
      in_transaction = TRUE;
      write_slot (self, slot, &self->failure);
    }

  if (in_transaction)
    {
      if (self->failure != NULL || g_cancellable_is_cancelled (self->cancellable))
        gx_backend_rollback (self->backend);
      else if (gx_backend_flush_puts (self->backend, &self->failure) &&
               gx_backend_commit (self->backend, &self->failure))
        committed = TRUE;
      else
        gx_backend_rollback (self->backend);
    }
  else
    committed = self->failure == NULL && !g_cancellable_is_cancelled (self->cancellable);

  deliver (self, committed);
  g_queue_clear (&self->awaiting);
  g_array_set_size (self->staged, 0);
  g_ptr_array_set_size (self->added, 0);

  for (guint i = 0; i < self->batch->len; i++)
    {
      Slot *slot = g_ptr_array_index (self->batch, i);

      slot->written = TRUE;
      g_thread_pool_push (self->pool, slot, NULL);
    }
  g_ptr_array_set_size (self->batch, 0);
}

static gboolean
stopped (GxImport *self)
{
  return self->failure != NULL || g_cancellable_is_cancelled (self->cancellable);
}

/* The oldest file, once read, into the batch (no transaction is open
 * while it waits). */
static void
next_slot (GxImport *self)
{
  Slot *slot = g_queue_pop_head (&self->slots);

  g_mutex_lock (&self->lock);
  self->awaited = slot;
  while (!slot->done)
    g_cond_wait (&self->cond, &self->lock);
  self->awaited = NULL;
  g_mutex_unlock (&self->lock);

  if (stopped (self))
    {
      slot->written = TRUE;
      g_thread_pool_push (self->pool, slot, NULL);
      return;
    }
  self->n_taken++;
  if (self->callbacks.progress)
    self->callbacks.progress (self->n_taken, self->counts.files, slot->name, self->user_data);
  if (self->batch->len == 0)
    self->batch_started = g_get_monotonic_time ();
  g_ptr_array_add (self->batch, slot);
  if (self->batch->len >= self->batch_size ||
      (self->batch_max_usec > 0 && g_get_monotonic_time () - self->batch_started > self->batch_max_usec))
    write_batch (self);
}

static void
queue_slot (GxImport   *self,
            const char *path,
            GFile      *file,
            const GError *error)
{
  Slot *slot = g_new0 (Slot, 1);

  self->counts.files++;
  slot->path = g_strdup (path);
  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      slot->file = g_object_ref (file);
      slot->name = basename ? g_filename_display_name (basename) : g_strdup (path);
    }
  else
    slot->name = g_path_get_basename (path);
  g_queue_push_tail (&self->slots, slot);
  if (error != NULL)
    {
      /* said in order with the files around it, naming the file as a
       * reader's message does */
      slot->error = g_error_new (error->domain, error->code, "%s: %s", slot->name, error->message);
      slot->done = TRUE;
    }
  else
    g_thread_pool_push (self->pool, slot, NULL);

  while (g_queue_get_length (&self->slots) > IMPORT_WINDOW && !stopped (self))
    next_slot (self);
}

static void
walk_cb (const char   *path,
         const GError *error,
         gpointer      user_data)
{
  GxImport *self = user_data;

  if (!stopped (self))
    queue_slot (self, path, NULL, error);
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *ia = *(GFileInfo **) a;
  GFileInfo *ib = *(GFileInfo **) b;

  return strcmp (g_file_info_get_name (ia), g_file_info_get_name (ib));
}

/* A file or folder GIO opens that is not local (a network share): its
 * regular files, in name order, hidden entries and backups skipped, as
 * gx_reader_walk() does. */
static void
walk_gio (GxImport *self,
          GFile    *file,
          gboolean  explicit,
          guint     depth)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GFileType type;

  if (stopped (self))
    return;
  type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, self->cancellable);
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      /* a file given always goes to the reader, which says what is wrong
       * with it; inside folders only regular files count */
      if (explicit || type == G_FILE_TYPE_REGULAR)
        queue_slot (self, uri, file, NULL);
      return;
    }
  if (depth > MAX_FOLDER_DEPTH)
    return;

  enumerator = g_file_enumerate_children (file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_BACKUP,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          self->cancellable, &error);
  if (enumerator == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        queue_slot (self, uri, file, error);
      return;
    }
  infos = g_ptr_array_new_with_free_func (g_object_unref);
  for (;;)
    {
      GFileInfo *info = g_file_enumerator_next_file (enumerator, self->cancellable, &error);

      if (info == NULL)
        break;
      if (g_file_info_get_is_hidden (info) || g_file_info_get_is_backup (info))
        g_object_unref (info);
      else
        g_ptr_array_add (infos, info);
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    queue_slot (self, uri, file, error);

  g_ptr_array_sort (infos, compare_infos);
  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        walk_gio (self, child, FALSE, depth + 1);
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *child_uri = g_file_get_uri (child);

          queue_slot (self, child_uri, child, NULL);
        }
    }
}

/* Public API ------------------------------------------------------------------ */

GxImport *
gx_import_new (GxBackend *backend,
               gboolean   replace)
{
  GxImport *self;

  g_return_val_if_fail (GX_IS_BACKEND (backend), NULL);

  self = g_new0 (GxImport, 1);
  self->backend = g_object_ref (backend);
  self->replace = replace;
  self->batch_size = GX_IMPORT_DEFAULT_BATCH_SIZE;
  self->inputs = g_array_new (FALSE, TRUE, sizeof (Input));
  g_array_set_clear_func (self->inputs, input_clear);
  return self;
}

void
gx_import_free (GxImport *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->backend);
  g_array_unref (self->inputs);
  g_free (self);
}

void
gx_import_set_batch_size (GxImport *self,
                          guint     batch_size)
{
  g_return_if_fail (self != NULL);
  self->batch_size = MAX (batch_size, 1);
}

void
gx_import_set_batch_time (GxImport *self,
                          guint     msec)
{
  g_return_if_fail (self != NULL);
  self->batch_max_usec = (gint64) msec * G_TIME_SPAN_MILLISECOND;
}

void
gx_import_set_callbacks (GxImport                *self,
                         const GxImportCallbacks *callbacks,
                         gpointer                 user_data)
{
  g_return_if_fail (self != NULL);
  self->callbacks = *callbacks;
  self->user_data = user_data;
}

void
gx_import_add_path (GxImport   *self,
                    const char *path)
{
  Input input = { g_strdup (path), NULL };

  g_return_if_fail (self != NULL && path != NULL);
  g_array_append_val (self->inputs, input);
}

void
gx_import_add_file (GxImport *self,
                    GFile    *file)
{
  g_return_if_fail (self != NULL && G_IS_FILE (file));

  if (g_file_peek_path (file) != NULL)
    gx_import_add_path (self, g_file_peek_path (file));
  else
    {
      Input input = { NULL, g_object_ref (file) };

      g_array_append_val (self->inputs, input);
    }
}

const GxImportCounts *
gx_import_get_counts (GxImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->counts;
}

gboolean
gx_import_run (GxImport      *self,
               GCancellable  *cancellable,
               GError       **error)
{
  GxImportCounts none = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->pool == NULL, FALSE);

  self->counts = none;
  self->n_taken = 0;
  self->known_hashes = gx_backend_dup_hashes (self->backend, error);
  if (self->known_hashes == NULL)
    return FALSE;
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->slots);
  self->batch = g_ptr_array_new ();
  self->staged = g_array_new (FALSE, FALSE, sizeof (Staged));
  g_queue_init (&self->awaiting);
  g_array_set_clear_func (self->staged, staged_clear);
  self->added = g_ptr_array_new_with_free_func (g_object_unref);
  gx_reader_init ();
  self->pool = g_thread_pool_new (read_slot, self, (int) gx_import_n_threads (), FALSE, NULL);

  if (self->callbacks.progress)
    self->callbacks.progress (0, 0, NULL, self->user_data);
  for (guint i = 0; i < self->inputs->len && !stopped (self); i++)
    {
      Input *input = &g_array_index (self->inputs, Input, i);

      if (input->file != NULL)
        walk_gio (self, input->file, TRUE, 0);
      else
        gx_reader_walk (input->path, cancellable, walk_cb, self);
    }
  while (!g_queue_is_empty (&self->slots))
    next_slot (self);   /* once stopped, only frees */
  if (!stopped (self))
    write_batch (self);
  else
    {
      /* the batch gathered never goes in; its unreadable files are said */
      GxImportCounts kept = { 0 };

      self->batch_counts = kept;
      for (guint i = 0; i < self->batch->len; i++)
        {
          Slot *slot = g_ptr_array_index (self->batch, i);

          if (slot->error != NULL && slot->report == NULL && slot->reports == NULL)
            stage (self, slot, NULL, GX_IMPORT_ADDED, 0, FALSE);
          slot->written = TRUE;
          g_thread_pool_push (self->pool, slot, NULL);
        }
      deliver (self, FALSE);
      g_array_set_size (self->staged, 0);
      g_ptr_array_set_size (self->batch, 0);
    }
  if (self->callbacks.progress)
    self->callbacks.progress (self->n_taken, self->counts.files, NULL, self->user_data);

  g_thread_pool_free (self->pool, FALSE, TRUE);
  self->pool = NULL;
  g_clear_pointer (&self->known_hashes, g_hash_table_unref);
  g_clear_pointer (&self->batch, g_ptr_array_unref);
  g_clear_pointer (&self->staged, g_array_unref);
  g_clear_pointer (&self->added, g_ptr_array_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  if (self->failure != NULL)
    {
      g_clear_object (&self->cancellable);
      g_propagate_error (error, g_steal_pointer (&self->failure));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_object (&self->cancellable);
      return FALSE;
    }
  g_clear_object (&self->cancellable);
  return TRUE;
}
