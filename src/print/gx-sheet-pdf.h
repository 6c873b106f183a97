/* gx-sheet-pdf.h: writing a GxSheetJob to a PDF file (cairo-pdf) */
#pragma once

#include "gx-sheet.h"

G_BEGIN_DECLS

/* Lays @job out on A4 (landscape when @landscape) and writes every page to
 * @path.  Returns the number of pages written, 0 with @error set when the
 * file cannot be written. */
guint gx_sheet_job_write_pdf (GxSheetJob  *job,
                              const char  *path,
                              gboolean     landscape,
                              GError     **error);

G_END_DECLS
