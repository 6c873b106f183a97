/* fuzz-prose.c: libFuzzer target for the checks of a report's text
 *
 * The bytes, decoded as a text file is, are the prose of a report whose
 * tables are filled (gx-prose.c: prose_mismatch; gx-sections.c: the
 * sections, fees, period and headings).  The first byte picks the year
 * (2019–2024, so both forms) and whether the tables are filled; the rest
 * is the text.
 */
#include "fuzz-common.h"

#include "gx-sections.h"

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
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) prose = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  const char *encoding = NULL;
  int year;
  GxFormat format;

  if (size < 1)
    return 0;
  text = gx_text_decode ((const char *) data + 1, size - 1, &encoding, &error);
  if (text == NULL)
    return 0;

  year = 2019 + data[0] % 6;
  format = year >= 2021 ? GX_FORMAT_2021 : GX_FORMAT_2019;
  report = g_object_new (GX_TYPE_REPORT,
                         "issuer", "北京市测试区人民政府",
                         "year", year,
                         "source", "fuzz.txt",
                         "format-version", gx_format_to_version (format),
                         NULL);
  if (data[0] & 0x80)
    {
      /* figures of every cell of the form, not all tying out */
      for (guint i = 0; i < gx_schema_n_cells (); i++)
        if (gx_schema_cell_in_format (i, format))
          gx_report_set_count (report, i, (gint64) ((i * 7919u) % 300u));
    }
  gx_report_set_prose (report, text);

  rules = gx_rules_check (report);
  prose = gx_prose_check (report);
  g_assert_cmpuint (gx_report_get_findings (report)->len, <=, rules->len + prose->len);
  sections = gx_sections_check (report);   /* the same again: no state kept */
  for (guint i = 0; i < prose->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (prose, i);

      g_assert_true (g_utf8_validate (gx_finding_get_message (finding), -1, NULL));
    }
  json = fuzz_json (report, TRUE);
  return 0;
}
