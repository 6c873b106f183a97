/* gx-text-reader.h: the plain-text layouts (cell per line, pipes) */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Cuts decoded UTF-8 text (LF line ends) into prose lines and table rows. */
GxDocument *gx_text_reader_parse (const char *text,
                                  const char *source_name);

G_END_DECLS
