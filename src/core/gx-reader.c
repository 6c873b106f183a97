/* gx-reader.c: where a file that is opened, dropped or imported goes
 *
 * gx_reader_read_bytes() caps the size and picks the reader by content,
 * never by the name: "%PDF-" → PDF (gx-pdf-reader.c); a ZIP archive with
 * word/document.xml → Word (gx-docx-reader.c); an OLE compound file →
 * Word 97–2003 (gx-doc-reader.c; other OLE files refused); otherwise the text is
 * decoded (gx-text.c: BOM, UTF-16, UTF-8, GB18030) and markup in its first
 * KBs makes it a web page (gx-html-reader.c), columns kept as runs of
 * spaces (pdftotext -layout) text read by its geometry
 * (gx-layout-reader.c), anything else plain text (gx-text-reader.c).
 * Each reader cuts its file into a GxDocument; the assembler maps it onto
 * the template (gx-assembler.c).  Every error
 * message starts with the name of the file.
 */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#ifdef G_OS_WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

/* Windows opens files as text (CRLF turned into LF) unless told not to */
#ifndef O_BINARY
#define O_BINARY 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif

#include <libxml/parser.h>
#include <gsf/gsf-utils.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-shared-memory.h>
#include <poppler.h>

#include "gx-assembler.h"
#include "gx-doc-reader.h"
#include "gx-docx-reader.h"
#include "gx-html-reader.h"
#include "gx-layout-reader.h"
#include "gx-pdf-reader.h"
#include "gx-reader.h"
#include "gx-text-reader.h"
#include "gx-text.h"

G_DEFINE_QUARK (gx-reader-error-quark, gx_reader_error)

/* libgsf registers its types without a lock (two threads reading .docx
 * files at once: "cannot register existing type 'GsfInput'", then a
 * crash), and libxml2 wants its parser set up before concurrent use; so
 * all of it is done once, before the first file is read. */
void
gx_reader_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      xmlInitParser ();
      gsf_init ();
      g_type_ensure (GSF_INPUT_TYPE);
      g_type_ensure (GSF_INFILE_TYPE);
      g_type_ensure (GSF_INPUT_MEMORY_TYPE);
      g_type_ensure (GSF_INFILE_ZIP_TYPE);
      g_type_ensure (GSF_SHARED_MEMORY_TYPE);
      g_type_ensure (POPPLER_TYPE_DOCUMENT);
      g_type_ensure (POPPLER_TYPE_PAGE);
      g_once_init_leave (&done, 1);
    }
}

/* "%PDF-" may follow some junk; readers look in the first KB. */
static gboolean
is_pdf (const char *bytes,
        gsize       len)
{
  gsize limit = MIN (len, 1024);

  for (gsize i = 0; i + 5 <= limit; i++)
    if (bytes[i] == '%' && memcmp (bytes + i, "%PDF-", 5) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_zip (const char *bytes,
        gsize       len)
{
  return len >= 4 && memcmp (bytes, "PK\x03\x04", 4) == 0;
}

/* Word 97-2003 (.doc), Excel 97-2003 (.xls): OLE compound files */
static gboolean
is_ole (const char *bytes,
        gsize       len)
{
  return len >= 8 && memcmp (bytes, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0;
}

static void
set_too_large_error (GError    **error,
                     const char *name,
                     guint64     size)
{
  /* IEC units: the cap reads "64.0 MiB", as the README says, not "67.1 MB" */
  g_autofree char *size_text = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit = g_format_size_full (GX_READER_MAX_FILE_SIZE, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_TOO_LARGE,
               _("%s: the file is too large (%s; a report is at most %s)"),
               name, size_text, limit);
}

GxReport *
gx_reader_read_bytes (GBytes      *data,
                      const char  *source_name,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GxDocument) doc = NULL;
  g_autofree char *text = NULL;
  const char *bytes;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);

  if (source_name == NULL)
    source_name = "?";
  gx_reader_init ();

  bytes = g_bytes_get_data (data, &len);
  if (len > GX_READER_MAX_FILE_SIZE)
    {
      set_too_large_error (error, source_name, len);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                   _("%s: the file is empty"), source_name);
      return NULL;
    }

  if (is_pdf (bytes, len))
    doc = gx_pdf_reader_parse (data, source_name, error);
  else if (is_zip (bytes, len))
    doc = gx_docx_reader_parse (bytes, len, source_name, error);
  else if (is_ole (bytes, len))
    doc = gx_doc_reader_parse (bytes, len, source_name, error);
  else
    {
      const char *encoding = NULL;
      gsize text_len;

      text = gx_text_decode (bytes, len, &encoding, &local_error);
      if (text == NULL)
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_TEXT,
                       _("%s: not a report: %s"), source_name, local_error->message);
          return NULL;
        }
      text_len = strlen (text);
      if (gx_html_reader_sniff (text, text_len))
        doc = gx_html_reader_parse (text, text_len, bytes, len, encoding, source_name, error);
      else if (gx_layout_reader_sniff (text, text_len))   /* pdftotext -layout */
        doc = gx_layout_reader_parse (text, text_len, source_name, error);
      else
        doc = gx_text_reader_parse (g_steal_pointer (&text), source_name);
    }

  if (doc == NULL)
    return NULL;
  return gx_document_assemble (doc, error);
}

GBytes *
gx_reader_load_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);

  /* a local file: without blocking on a FIFO, regular files only */
  if (g_file_peek_path (file) != NULL)
    return gx_reader_load_path (g_file_peek_path (file), error);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                   "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                   _("%s: not a regular file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > GX_READER_MAX_FILE_SIZE)
    {
      set_too_large_error (error, name, (guint64) g_file_info_get_size (info));
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                   "%s: %s", name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

GxReport *
gx_reader_read_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GBytes) bytes = gx_reader_load_file (file, cancellable, error);

  return bytes ? gx_reader_read_bytes (bytes, name, error) : NULL;
}

/* Whether @path is a symbolic link whose target is missing. */
static gboolean
is_broken_link (const char *path)
{
#ifdef S_ISLNK
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
#else
  return FALSE;
#endif
}

static void
set_not_regular_error (GError     **error,
                       const char  *name,
                       mode_t       mode)
{
  if (S_ISDIR (mode))
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                 _("%s: a folder, not a file"), name);
#ifdef S_ISFIFO
  else if (S_ISFIFO (mode))
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                 _("%s: not a regular file (a named pipe); only regular files are read"), name);
#endif
  else
    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                 _("%s: not a regular file (a device or socket); only regular files are read"), name);
}

/* The checks of gx_reader_load_file(), without GIO: the command line reads
 * thousands of files, and a GFile and its GFileInfo cost more than reading
 * a report's text does. */
GBytes *
gx_reader_load_path (const char  *path,
                     GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *contents = NULL;
  struct stat st;
  gsize len = 0, size;
  int fd;

  /* O_NONBLOCK: opening a FIFO would wait for a writer, forever */
  fd = g_open (path, O_RDONLY | O_BINARY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0)
    {
      if (errno == ELOOP)
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                       _("%s: a loop of symbolic links"), name);
          goto fail;
        }
      if (errno == ENOENT && is_broken_link (path))
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                       _("%s: a broken symbolic link"), name);
          goto fail;
        }
      goto io_error;
    }
  if (fstat (fd, &st) != 0)
    goto io_error;
  if (!S_ISREG (st.st_mode))
    {
      set_not_regular_error (error, name, st.st_mode);
      goto fail;
    }
#ifdef F_SETFL
  /* a regular file ignores O_NONBLOCK; cleared all the same */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
#endif
  if ((guint64) st.st_size > GX_READER_MAX_FILE_SIZE)
    {
      set_too_large_error (error, name, (guint64) st.st_size);
      goto fail;
    }

  /* the size may change while we read: read to the end, within the cap */
  size = (gsize) st.st_size + 1;
  contents = g_malloc (size);
  for (;;)
    {
      gssize n;

      if (len == size)
        {
          if (size > GX_READER_MAX_FILE_SIZE)
            {
              set_too_large_error (error, name, len);
              goto fail;
            }
          size *= 2;
          contents = g_realloc (contents, size);
        }
      n = read (fd, contents + len, size - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto io_error;
      if (n == 0)
        break;
      len += (gsize) n;
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&contents), len);

io_error:
  {
    int saved_errno = errno;

    g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                 "%s: %s", name, g_strerror (saved_errno));
  }
fail:
  if (fd >= 0)
    close (fd);
  return NULL;
}

GxReport *
gx_reader_read_path (const char  *path,
                     GError     **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GBytes) bytes = gx_reader_load_path (path, error);

  return bytes ? gx_reader_read_bytes (bytes, name, error) : NULL;
}

/* Walking folders ---------------------------------------------------------------- */

#define WALK_MAX_DEPTH 64

typedef struct
{
  GCancellable *cancellable;
  GxReaderWalkFunc func;
  gpointer user_data;
  GArray *ancestors;        /* WalkId: the folders being walked */
} Walk;

typedef struct
{
  guint64 dev;
  guint64 ino;
} WalkId;

static void
walk_error (Walk       *walk,
            const char *path,
            const char *format,
            ...) G_GNUC_PRINTF (3, 4);

static void
walk_error (Walk       *walk,
            const char *path,
            const char *format,
            ...)
{
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, format);
  error = g_error_new_valist (GX_READER_ERROR, GX_READER_ERROR_IO, format, args);
  va_end (args);
  walk->func (path, error, walk->user_data);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
walk_path (Walk       *walk,
           const char *path,
           gboolean    named,
           guint       depth)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  GStatBuf st;
  WalkId id;

  if (g_cancellable_is_cancelled (walk->cancellable))
    return;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP)
        walk_error (walk, path, "%s", _("a loop of symbolic links"));
      else if (saved_errno == ENOENT && is_broken_link (path))
        walk_error (walk, path, "%s", _("a broken symbolic link"));
      else if (saved_errno == ENOENT)
        walk_error (walk, path, "%s", _("no such file or folder"));
      else if (named)
        walk->func (path, NULL, walk->user_data);   /* the reader says why */
      else
        walk_error (walk, path, "%s", g_strerror (saved_errno));
      return;
    }
  if (!S_ISDIR (st.st_mode))
    {
      if (named || S_ISREG (st.st_mode))
        walk->func (path, NULL, walk->user_data);
#ifdef S_ISFIFO
      else if (S_ISFIFO (st.st_mode))
        walk_error (walk, path, "%s", _("not a regular file (a named pipe); skipped"));
#endif
      else
        walk_error (walk, path, "%s", _("not a regular file (a device or socket); skipped"));
      return;
    }

  id.dev = (guint64) st.st_dev;
  id.ino = (guint64) st.st_ino;
#ifndef G_OS_WIN32
  for (guint i = 0; i < walk->ancestors->len; i++)
    {
      WalkId *a = &g_array_index (walk->ancestors, WalkId, i);

      if (a->dev == id.dev && a->ino == id.ino)
        {
          walk_error (walk, path, "%s", _("a symbolic link back to a folder above it (a loop); skipped"));
          return;
        }
    }
#endif
  if (depth >= WALK_MAX_DEPTH)
    {
      walk_error (walk, path, _("folders nested deeper than %d; skipped"), WALK_MAX_DEPTH);
      return;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      /* GLib's message names the folder again */
      walk_error (walk, path, _("cannot read the folder: %s"),
                  error->code == G_FILE_ERROR_ACCES ? g_strerror (EACCES) : error->message);
      return;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.' && !g_str_has_suffix (name, "~"))
      g_ptr_array_add (names, g_strdup (name));
  g_clear_pointer (&dir, g_dir_close);
  g_ptr_array_sort (names, compare_names);

  g_array_append_val (walk->ancestors, id);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      if (g_cancellable_is_cancelled (walk->cancellable))
        break;
      walk_path (walk, child, FALSE, depth + 1);
    }
  g_array_set_size (walk->ancestors, walk->ancestors->len - 1);
}

void
gx_reader_walk (const char       *path,
                GCancellable     *cancellable,
                GxReaderWalkFunc  func,
                gpointer          user_data)
{
  Walk walk = { cancellable, func, user_data, g_array_new (FALSE, FALSE, sizeof (WalkId)) };

  g_return_if_fail (path != NULL);
  g_return_if_fail (func != NULL);

  walk_path (&walk, path, TRUE, 0);
  g_array_unref (walk.ancestors);
}
