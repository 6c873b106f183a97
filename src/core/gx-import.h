/* gx-import.h: the one import pipeline, for the app and the command line
 *
 * Files and folders (walked by gx_reader_walk(); a folder GIO opens that is
 * not local, by GIO) are read and checked by a pool of reader threads (one
 * a core, or GX_THREADS), hashed, and skipped unread when their content is
 * in the workspace already.  The thread that runs the import owns the
 * backend and writes the files in the order they were found, a batch at a
 * time (gx_import_set_batch_size(), and gx_import_set_batch_time() for the
 * app, which shows each batch), each batch one transaction: it waits for files
 * only outside a transaction.  A JSON export (report-schema.md) goes in
 * all or none.  What happened to each file is said once its batch is
 * committed (a file that could not be read: at once, committed or not).
 * A put the workspace refuses, or a failed commit, stops the import: the
 * open batch is rolled back and gx_import_run() fails.
 */
#pragma once

#include <gio/gio.h>

#include "gx-backend.h"

G_BEGIN_DECLS

/* What happened to one file (or, for a JSON export, to one of its reports). */
typedef struct
{
  const char      *path;          /* as given or found by the walk; a URI for a file GIO opens */
  const char      *name;          /* its display name (the base name) */
  GxReport        *report;        /* NULL when the file could not be read */
  GxImportOutcome  outcome;
  gint64           id;            /* the report's id in the workspace (0 for a conflict) */
  gboolean         same_content;  /* ALREADY_PRESENT: this very content, or a JSON export's report
                                   * (else another file with the same figures) */
  const GError    *error;         /* the file could not be read (reader's message, names the file) */
} GxImportResult;

typedef struct
{
  /* @done files of @total (0 while folders are walked) are through;
   * @current: (nullable) the file being taken */
  void (*progress)  (guint done, guint total, const char *current, gpointer user_data);
  /* a file's result: after its batch is committed, or at once for a file
   * that could not be read */
  void (*result)    (const GxImportResult *result, gpointer user_data);
  /* the reports added or replaced by a committed batch (element-type GxReport) */
  void (*committed) (GPtrArray *reports, gpointer user_data);
} GxImportCallbacks;

typedef struct
{
  guint files;
  guint added;
  guint present;
  guint replaced;
  guint conflicts;
  guint unreadable;
} GxImportCounts;

typedef struct _GxImport GxImport;

#define GX_IMPORT_DEFAULT_BATCH_SIZE 256

GxImport *gx_import_new            (GxBackend               *backend,
                                    gboolean                 replace);
void      gx_import_free           (GxImport                *self);
void      gx_import_set_batch_size (GxImport                *self,
                                    guint                    batch_size);
/* A batch gathers for @msec at most (0, the default: only batch_size
 * counts; fewer, larger transactions are faster). */
void      gx_import_set_batch_time (GxImport                *self,
                                    guint                    msec);
void      gx_import_set_callbacks  (GxImport                *self,
                                    const GxImportCallbacks *callbacks,
                                    gpointer                 user_data);
/* Inputs, taken in the order added. */
void      gx_import_add_path       (GxImport                *self,
                                    const char              *path);
void      gx_import_add_file       (GxImport                *self,
                                    GFile                   *file);
/* Runs the import in the calling thread.  Cancelling stops between two
 * files and rolls the open batch back (then FALSE, G_IO_ERROR_CANCELLED).
 * FALSE with @error when the workspace failed. */
gboolean  gx_import_run            (GxImport                *self,
                                    GCancellable            *cancellable,
                                    GError                 **error);
const GxImportCounts *gx_import_get_counts (GxImport        *self);

/* How many files are read at once: GX_THREADS, or one a core. */
guint     gx_import_n_threads      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxImport, gx_import_free)

G_END_DECLS
