/* gx-pdf-reader.c: stub */
#include "gx-config.h"
#include <glib/gi18n-lib.h>
#include "gx-pdf-reader.h"
#include "gx-reader.h"
GxDocument *
gx_pdf_reader_parse (GBytes *data, const char *source_name, GError **error)
{
  g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_UNSUPPORTED, "%s: PDF", source_name);
  return NULL;
}
