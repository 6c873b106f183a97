/* fuzz-json.c: libFuzzer target for the JSON import (gx-json.c)
 *
 * Any bytes give reports or a GError naming the file.  Reports read are
 * checked as `import` checks them, and their JSON read back must give the
 * same JSON again (export → import → export is the identity).
 */
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char name[] = "fuzz.json";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = gx_json_read_reports ((const char *) data, (gssize) size, name, &error);
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  if (reports == NULL)
    {
      fuzz_assert_refusal (error, name);
      return 0;
    }
  g_assert_null (error);

  /* what import does: the rules without the notes of blank cells, the prose */
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);

      g_ptr_array_unref (gx_rules_check_full (report, GX_RULES_NO_BLANK_CELLS));
      g_ptr_array_unref (gx_prose_check (report));
    }

  json = gx_json_write_reports (reports, FALSE);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  again = gx_json_read_reports (json, -1, "again.json", &error);
  if (again == NULL)
    g_error ("the JSON written does not read back: %s\n%s", error->message, json);
  g_assert_cmpuint (again->len, ==, reports->len);
  json_again = gx_json_write_reports (again, FALSE);
  if (strcmp (json, json_again) != 0)
    g_error ("the JSON written reads back as other JSON:\n%s\n---\n%s", json, json_again);
  for (guint i = 0; i < reports->len; i++)
    g_assert_true (gx_report_values_equal (g_ptr_array_index (reports, i),
                                           g_ptr_array_index (again, i)));
  return 0;
}
