/* gx-xlsx-writer.h: reports as an Excel workbook (.xlsx), with libxlsxwriter
 *
 * Three sheets:
 *   报告      one row a report: issuer, year, source, then one column a cell,
 *            the columns and Chinese headers of the CSV export (gx-csv.h);
 *            the header row (and issuer and year) frozen; numbers stored as
 *            numbers (fees in 万元 with their four decimals), blank cells
 *            empty, the raw text of an invalid cell as text.
 *   汇总      the roll-up: one row a cell with its label, its key, the
 *            =SUM() of its column over the rows of 报告 (with the exact sum
 *            as the cached result) and the =COUNT() of reports giving it.
 *   审核结果  the findings: report, rule, cell, severity, message and the
 *            review decision with its note.  Blank-cell notes are left out
 *            (the cells are blank in 报告).
 * The sheets are Chinese documents like the official form: their names and
 * headers are not translated; findings keep the language of their messages.
 */
#pragma once

#include <gio/gio.h>

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_XLSX_SHEET_REPORTS  "报告"
#define GX_XLSX_SHEET_ROLLUP   "汇总"
#define GX_XLSX_SHEET_FINDINGS "审核结果"

/* Writes @reports (GxReport, with their findings as computed, e.g. by
 * gx_store_check_report()) to @path, replaced as a whole. */
gboolean gx_xlsx_write_reports (GPtrArray   *reports,
                                const char  *path,
                                GError     **error);

G_END_DECLS
