/* gx-doc-reader.h: Word 97–2003 documents (.doc) */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Reads an OLE compound file.  A Word 97–2003 binary document (a
 * "WordDocument" stream) is read into paragraphs and tables as the .docx
 * reader reads its XML; any other OLE file (.xls, .ppt, a password-
 * protected .docx) is refused with a message saying what it is.  Every
 * offset of the file is checked against the sizes of its streams. */
GxDocument *gx_doc_reader_parse (const char  *data,
                                 gsize        len,
                                 const char  *source_name,
                                 GError     **error);

G_END_DECLS
