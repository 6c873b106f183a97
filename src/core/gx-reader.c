/* gx-reader.c: where a file that is opened, dropped or imported goes
 *
 * gx_reader_read_bytes() caps the size, decodes the text (gx-text.c), lets
 * the reader for the layout cut it into rows (gx-text-reader.c) and has
 * the assembler map the rows onto the template (gx-assembler.c).  Every
 * error message starts with the name of the file.
 */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-assembler.h"
#include "gx-reader.h"
#include "gx-text-reader.h"
#include "gx-text.h"

G_DEFINE_QUARK (gx-reader-error-quark, gx_reader_error)

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

  bytes = g_bytes_get_data (data, &len);
  if (len > GX_READER_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (GX_READER_MAX_FILE_SIZE);

      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s; a report is at most %s)"),
                   source_name, size, limit);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                   _("%s: the file is empty"), source_name);
      return NULL;
    }

  text = gx_text_decode (bytes, len, NULL, &local_error);
  if (text == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_TEXT,
                   _("%s: not a report: %s"), source_name, local_error->message);
      return NULL;
    }

  doc = gx_text_reader_parse (text, source_name);
  return gx_document_assemble (doc, error);
}

GxReport *
gx_reader_read_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = g_file_get_basename (file);

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
      g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (GX_READER_MAX_FILE_SIZE);

      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s; a report is at most %s)"),
                   name, size, limit);
      return NULL;
    }

  bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_IO,
                   "%s: %s", name, local_error->message);
      return NULL;
    }
  return gx_reader_read_bytes (bytes, name, error);
}

GxReport *
gx_reader_read_path (const char  *path,
                     GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return gx_reader_read_file (file, NULL, error);
}
