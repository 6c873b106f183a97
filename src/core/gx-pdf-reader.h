/* gx-pdf-reader.h: PDF documents with a text layer (poppler) */
#pragma once

#include <gio/gio.h>

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Rebuilds lines from the positions of the characters, table rows by
 * baseline and their columns by x-position.  Refuses password-protected
 * PDFs and PDFs without text (scanned pages). */
GxDocument *gx_pdf_reader_parse (GBytes      *data,
                                 const char  *source_name,
                                 GError     **error);

G_END_DECLS
