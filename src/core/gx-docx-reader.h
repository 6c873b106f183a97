/* gx-docx-reader.h: Word documents (.docx) */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Reads word/document.xml of the ZIP archive @data: paragraphs and tables
 * (w:gridSpan, w:vMerge), text split across runs joined, tracked deletions
 * left out.  The expanded part is capped (GX_READER_MAX_EXPANDED_SIZE). */
GxDocument *gx_docx_reader_parse (const char  *data,
                                  gsize        len,
                                  const char  *source_name,
                                  GError     **error);

G_END_DECLS
