/* gx-text-reader.h: the plain-text layouts (cell per line, pipes) */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Cuts decoded UTF-8 text (LF line ends) into prose lines and table rows.
 * Takes @text (g_malloc()ed), cuts it in place (line ends and cell
 * separators become NULs) and hands it to the document, whose lines and
 * cells point into it. */
GxDocument *gx_text_reader_parse (char       *text,
                                  const char *source_name);

G_END_DECLS
