/* gx-docx-writer.h: one report as a Word document (.docx)
 *
 * A title line (issuer, year, 政府信息公开工作年度报告), then sections 二, 三
 * and 四 as Word tables in the layout of the report's national form
 * (gx-form-layout.h): merged header cells, the row hierarchy of section 三,
 * ruled borders, widths that fit A4 portrait, 宋体 (SimSun) named in every
 * run, numbers right-aligned, blank cells blank.  GxReports' own Word
 * reader reads the document back to the same cells, issuer and year.
 */
#pragma once

#include <gio/gio.h>

#include "gx-report.h"

G_BEGIN_DECLS

/* The document's title line: "北京市海淀区人民政府2022年政府信息公开工作年度报告". */
char     *gx_docx_title                (GxReport    *report);

/* The whole .docx (a ZIP archive) in memory. */
GBytes   *gx_docx_write_report         (GxReport    *report,
                                        GError     **error);

/* Writes it to @path (replaced as a whole, never half-written). */
gboolean  gx_docx_write_report_to_file (GxReport    *report,
                                        const char  *path,
                                        GError     **error);

G_END_DECLS
