/* gx-csv.h: CSV export for spreadsheets (Excel, WPS)
 *
 * One row a report, one column a cell, in the order of the template:
 * issuer, year and source first, then applications.new_received.total and
 * the rest, named by their keys (report-schema.md) or by their Chinese
 * labels.  UTF-8 with a byte-order mark (so Excel and WPS do not take it
 * for GBK), CRLF line ends, RFC 4180 quoting.
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

typedef enum {
  GX_CSV_HEADER_KEYS,      /* issuer,year,source,disclosure.regulations.issued,… */
  GX_CSV_HEADER_CHINESE,   /* 发布机关,年度,来源文件,规章·本年制发件数,… */
} GxCsvHeader;

/* The header of column @column (0 = issuer, 1 = year, 2 = source, then
 * cell column - 3), as text owned by the caller. */
char  *gx_csv_column_name  (guint        column,
                            GxCsvHeader  header);
guint  gx_csv_n_columns    (void);
/* The template cell of column @column, or -1 for issuer, year and source
 * (the .xlsx export keeps the CSV's columns). */
int    gx_csv_column_cell  (guint        column);

/* The whole file, BOM included; @length receives its size in bytes. */
char  *gx_csv_write_reports (GPtrArray   *reports,
                             GxCsvHeader  header,
                             gsize       *length);

G_END_DECLS
