/* gx-text-reader.h: the plain-text layouts (cell per line, pipes) */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Cuts decoded UTF-8 text (LF line ends) into prose lines and table rows.
 * @text is cut in place (its line ends become NULs). */
GxDocument *gx_text_reader_parse (char       *text,
                                  const char *source_name);

G_END_DECLS
