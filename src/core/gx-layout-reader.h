/* gx-layout-reader.h: text a PDF converter made (`pdftotext -layout`,
 * a copy pasted out of a PDF viewer), whose columns are runs of spaces */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Does decoded @text look like a page laid out with spaces: no TABs, and
 * several lines carrying three or more numbers set apart by runs of
 * spaces? */
gboolean    gx_layout_reader_sniff (const char *text,
                                    gsize       len);

/* Reads @text (UTF-8) by the geometry of its characters: character
 * columns as x, lines as y, form feeds as page breaks (gx-geometry.c). */
GxDocument *gx_layout_reader_parse (const char  *text,
                                    gsize        len,
                                    const char  *source_name,
                                    GError     **error);

G_END_DECLS
