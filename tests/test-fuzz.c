/* test-fuzz.c: what the fuzz targets of fuzz/ found, one test each
 *
 * Each input in tests/data/fuzz/ is the small file that reproduced a
 * crash, undefined behaviour, critical or bad message, named after the
 * target that found it.  Some fail only under the sanitizers (the
 * ASan/UBSan pass of build-aux/test.sh), as the fuzzer saw them.
 */
#include <string.h>

#include "gx-core.h"
#include "gx-json.h"
#include "gx-prose.h"

static GBytes *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "fuzz", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static int
cell_of (const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);

  g_assert_cmpint (cell, >=, 0);
  return cell;
}

static GError *
json_refusal (const char *name)
{
  g_autoptr(GBytes) bytes = load (name);
  GError *error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GPtrArray) reports = gx_json_read_reports (data, (gssize) len, name, &error);

  g_assert_null (reports);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, name));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  return error;
}

/* fuzz-reader (commit 331cb06): an empty line inside a table section went
 * to line_as_row(), which read text[strlen (text) - 1], the byte before
 * the line (UBSan: pointer overflow).  The report reads as without it. */
static void
test_text_empty_line (void)
{
  g_autoptr(GBytes) bytes = load ("text-empty-line.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, "text-empty-line.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "北京市测试区人民政府");
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  g_assert_cmpint (gx_report_get_count (report, (guint) cell_of ("disclosure.licensing.decisions")), ==, 120);
  g_assert_cmpint (gx_report_get_count (report, (guint) cell_of ("disclosure.normative_documents.in_force")), ==, 12);
  g_assert_cmpint (gx_report_get_count (report, (guint) cell_of ("applications.new_received.total")), ==, 30);
}

/* fuzz-text: text laid out with spaces (pdftotext -layout) whose lines
 * grow wider: the right margin of each page was found with
 * MAX (right, g_array_index (lines, GxGeoLine, j++).xmax), which went up
 * twice for a line wider than those before it, and wrote past the end of
 * the lines (ASan: heap-buffer-overflow in read_lines()). */
static void
test_text_layout_widest_line (void)
{
  g_autoptr(GBytes) bytes = load ("text-layout-widest-line.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, "text-layout-widest-line.txt", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "北京市测试区测试局");
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  g_assert_cmpint (gx_report_get_count (report, (guint) cell_of ("disclosure.licensing.decisions")), ==, 120);
}

/* fuzz-json: "[}]" closed the array on a brace, leaving an element of no
 * text; json-glib parsed it to no node, and reading it raised a critical
 * (json_node_get_node_type: assertion 'JSON_NODE_IS_VALID (node)'). */
static void
test_json_empty_element (void)
{
  g_autoptr(GError) error = json_refusal ("json-empty-element.json");

  g_assert_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "json-empty-element.json: report 1 (line 1): not valid JSON: no value");
}

/* fuzz-json: json-glib quotes the token it stopped at in its message, and
 * a "\ud800" there is no UTF-8 (ED A0 80): the message was not text. */
static void
test_json_surrogate_in_error (void)
{
  g_autoptr(GError) error = json_refusal ("json-surrogate-in-error.json");

  g_assert_error (error, GX_JSON_ERROR, GX_JSON_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "report 1 (line 1): not valid JSON: "));
  g_assert_nonnull (strstr (error->message, "unexpected string constant"));
}

/* A lone high surrogate followed by a space ("\ud800 ") is taken by
 * json-glib as the bytes ED A0 80: an issuer or a cell's text that is no
 * UTF-8 went into the report (and the workspace).  Refused, naming the key. */
static void
test_json_surrogate_text (void)
{
  g_autoptr(GError) issuer = json_refusal ("json-surrogate-issuer.json");
  g_autoptr(GError) cell = json_refusal ("json-surrogate-cell.json");

  g_assert_error (issuer, GX_JSON_ERROR, GX_JSON_ERROR_SHAPE);
  g_assert_cmpstr (issuer->message, ==,
                   "json-surrogate-issuer.json: report 1: issuer: not valid Unicode text (a \\u escape of half a surrogate pair?)");
  g_assert_error (cell, GX_JSON_ERROR, GX_JSON_ERROR_SHAPE);
  g_assert_cmpstr (cell->message, ==,
                   "json-surrogate-cell.json: report 1: disclosure.licensing.decisions: not valid Unicode text (a \\u escape of half a surrogate pair?)");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz/text/empty-line-in-table", test_text_empty_line);
  g_test_add_func ("/fuzz/text/layout-widest-line", test_text_layout_widest_line);
  g_test_add_func ("/fuzz/json/empty-element", test_json_empty_element);
  g_test_add_func ("/fuzz/json/surrogate-in-error", test_json_surrogate_in_error);
  g_test_add_func ("/fuzz/json/surrogate-text", test_json_surrogate_text);

  return g_test_run ();
}
