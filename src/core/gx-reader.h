/* gx-reader.h: turning a file into a GxReport
 *
 * gx_reader_read_bytes() picks the reader by content (magic bytes, then
 * markup), never by the extension: PDF (gx-pdf-reader.c), Word .docx
 * (gx-docx-reader.c), HTML (gx-html-reader.c), else the plain-text layouts
 * of the samples (gx-text-reader.c).  Every reader ends in gx-assembler.c,
 * which maps labelled rows of cells onto the template.
 */
#pragma once

#include <gio/gio.h>

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_READER_ERROR (gx_reader_error_quark ())

typedef enum {
  GX_READER_ERROR_IO,          /* could not be read at all */
  GX_READER_ERROR_TOO_LARGE,   /* over the size cap */
  GX_READER_ERROR_NOT_TEXT,    /* binary data, unknown encoding */
  GX_READER_ERROR_NOT_REPORT,  /* readable, but not an annual report */
  GX_READER_ERROR_MALFORMED,   /* a report whose tables cannot be read */
  GX_READER_ERROR_LIMIT,       /* a safety cap: decompressed size, nesting, cells */
  GX_READER_ERROR_ENCRYPTED,   /* a password-protected PDF */
  GX_READER_ERROR_NO_TEXT,     /* a PDF without a text layer (scanned pages) */
  GX_READER_ERROR_UNSUPPORTED, /* a format we know but do not read (.doc, .xlsx) */
} GxReaderError;

/* Files larger than this are refused before they are read. */
#define GX_READER_MAX_FILE_SIZE (64 * 1024 * 1024)
/* A .docx whose text part expands to more than this is refused (zip bombs). */
#define GX_READER_MAX_EXPANDED_SIZE (64 * 1024 * 1024)

GQuark    gx_reader_error_quark (void);

/* Sets up libxml2, libgsf and poppler once (their types registered, the
 * XML parser initialised) so that files can be read in several threads at
 * once.  Call it from the main thread before starting workers; any number
 * of calls is fine, and gx_reader_read_bytes() calls it too. */
void      gx_reader_init        (void);

/* @source_name is what messages and GxReport:source call the file
 * (usually its basename).  Error messages start with it. */
GxReport *gx_reader_read_bytes  (GBytes      *data,
                                 const char  *source_name,
                                 GError     **error);
GxReport *gx_reader_read_path   (const char  *path,
                                 GError     **error);
GxReport *gx_reader_read_file   (GFile       *file,
                                 GCancellable *cancellable,
                                 GError     **error);

/* The bytes of a file, for importers that also hash them.  Refuses what is
 * not a regular file (GX_READER_ERROR_IO) and files past
 * GX_READER_MAX_FILE_SIZE (GX_READER_ERROR_TOO_LARGE), with messages that
 * start with the file's name.  The path variant reads a local file with
 * one open(), fstat() and read(); the GFile one takes any file GIO opens
 * (a drop from a network share). */
GBytes   *gx_reader_load_path   (const char  *path,
                                 GError     **error);
GBytes   *gx_reader_load_file   (GFile       *file,
                                 GCancellable *cancellable,
                                 GError     **error);

/* What gx_reader_walk() finds: a regular file to read (@error NULL), or
 * something it cannot take (@error says what, without the path). */
typedef void (*GxReaderWalkFunc) (const char   *path,
                                  const GError *error,
                                  gpointer      user_data);

/* Walks @path for the importers and check, so that the app and the command
 * line take the same files: a folder is walked recursively in name order
 * (strcmp), skipping hidden entries and backups (name~); symbolic links are
 * followed, to files and to folders.  @func gets every regular file, and
 * an error for a FIFO, device or socket inside a folder, a broken link, a
 * loop of links, a link back to a folder being walked (a loop), a folder
 * that cannot be read, or folders nested deeper than 64.  @path itself,
 * when it is no folder, always goes to @func as a file (its reader then
 * says what is wrong with it), except when it does not exist.  Stops
 * early when @cancellable is cancelled. */
void      gx_reader_walk        (const char        *path,
                                 GCancellable      *cancellable,
                                 GxReaderWalkFunc   func,
                                 gpointer           user_data);

G_END_DECLS
