/* fuzz-reader.c: libFuzzer target for the reader and the rules
 *
 * Any bytes must give either a report or a GError naming the file, never a
 * crash, a hang, undefined behaviour or a leak.  A report that comes back
 * must also survive the rules and the JSON writer.
 */
#include <stdint.h>

#include "gx-core.h"
#include "gx-json.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, "fuzz.txt", &error);

  if (report == NULL)
    {
      /* a refusal must say which file */
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.txt"));
      return 0;
    }

  {
    g_autoptr(GPtrArray) findings = gx_rules_check (report);
    g_autoptr(GPtrArray) reports = g_ptr_array_new ();
    g_autofree char *json = NULL;

    g_assert_true (findings->len == gx_report_get_findings (report)->len);

    g_ptr_array_add (reports, report);
    json = gx_json_write_reports (reports, TRUE);
    g_assert_true (g_utf8_validate (json, -1, NULL));
  }
  return 0;
}
