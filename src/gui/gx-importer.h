/* gx-importer.h: importing report files into the workspace, off the main thread
 *
 * One GxImporter runs one import at a time: a worker thread runs the
 * import pipeline the command line runs (gx-import.h: reader threads, the
 * same order, skips and batches, JSON exports) on a connection of its own.  Progress, committed reports and the files
 * that failed come back to the main thread as signals.
 *
 * Cancelling stops between two files and rolls the open batch back: the
 * workspace then holds exactly the batches announced by ::reports-added.
 */
#pragma once

#include <gio/gio.h>

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_TYPE_IMPORTER (gx_importer_get_type ())
G_DECLARE_FINAL_TYPE (GxImporter, gx_importer, GX, IMPORTER, GObject)

GxImporter  *gx_importer_new              (const char          *workspace_path);

const char  *gx_importer_get_workspace_path (GxImporter        *self);
gboolean     gx_importer_get_running      (GxImporter          *self);

/* Batches are committed after this many reports (or sooner when a batch
 * has been open for a quarter of a second). */
void         gx_importer_set_batch_size   (GxImporter          *self,
                                           guint                batch_size);

/* @files: files and folders; folders are walked recursively (hidden entries
 * are skipped).  Only one import may run at a time. */
void         gx_importer_import_async     (GxImporter          *self,
                                           GFile              **files,
                                           guint                n_files,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* FALSE with G_IO_ERROR_CANCELLED when cancelled, or with the error that
 * stopped the whole import (the workspace could not be opened).  Files that
 * failed one by one do not make the import fail: see get_failures(). */
gboolean     gx_importer_import_finish    (GxImporter          *self,
                                           GAsyncResult        *result,
                                           GError             **error);

/* About the last import (valid once it finished, also after a cancel). */
guint        gx_importer_get_n_added      (GxImporter          *self);
guint        gx_importer_get_n_present    (GxImporter          *self);
guint        gx_importer_get_n_processed  (GxImporter          *self);
guint        gx_importer_get_n_total      (GxImporter          *self);
/* Whether the next imports replace a report of the same issuer and year
 * by the new version (GX_IMPORT_REPLACED) instead of refusing it. */
void         gx_importer_set_replace      (GxImporter          *self,
                                           gboolean             replace);
/* The files of the last import that hold a new version of a report the
 * workspace has (element-type GFile; owned by the importer). */
GPtrArray   *gx_importer_get_conflicts    (GxImporter          *self);
guint        gx_importer_get_n_replaced   (GxImporter          *self);
/* One message per file that did not go in; each names its file. */
const char * const *gx_importer_get_failures (GxImporter       *self);

G_END_DECLS
