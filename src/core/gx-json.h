/* gx-json.h: the JSON interchange format of ../shared/report-schema.md */
#pragma once

#include <json-glib/json-glib.h>

#include "gx-report.h"

G_BEGIN_DECLS

#define GX_JSON_ERROR (gx_json_error_quark ())

typedef enum {
  GX_JSON_ERROR_SYNTAX,     /* not JSON at all */
  GX_JSON_ERROR_SHAPE,      /* JSON, but not reports: names the key */
} GxJsonError;

/* Limits on what is read (hostile input): the nesting (a report needs 5
 * levels) and the text of one report (one exported with its findings is
 * about 60 KB).  Files are scanned before anything is parsed, and parsed a
 * report at a time. */
#define GX_JSON_MAX_DEPTH 64
#define GX_JSON_MAX_REPORT_SIZE (1024 * 1024)

GQuark     gx_json_error_quark     (void);

/* One report object: issuer, year, source, format_version, disclosure,
 * applications, review_litigation (every key present, blanks as null), and
 * findings when @with_findings. */
JsonNode  *gx_json_from_report     (GxReport   *report,
                                    gboolean    with_findings);

/* A JSON array of reports as UTF-8 text, pretty-printed, ending in "\n".
 * Exporting the same reports twice gives the same bytes. */
char      *gx_json_write_reports   (GPtrArray  *reports,
                                    gboolean    with_findings);

/* Parses an array of reports (or one report object).  Refuses anything
 * that does not match the shape, naming the offending key:
 * "reports.json: report 3: applications.granted.total: expected a number";
 * what is not text, nested deeper than GX_JSON_MAX_DEPTH or a report
 * longer than GX_JSON_MAX_REPORT_SIZE, naming the line. */
GPtrArray *gx_json_read_reports    (const char *data,
                                    gssize      length,
                                    const char *source_name,
                                    GError    **error);

G_END_DECLS
