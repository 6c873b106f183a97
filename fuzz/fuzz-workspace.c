/* fuzz-workspace.c: libFuzzer target for the workspace round trip
 *
 * Reports from the bytes (JSON when they start with '[' or '{', else any
 * format gx_reader_read_bytes() reads) are put into a workspace (an
 * in-memory SQLite database), loaded back and exported: what comes back
 * has the same values, issuer, year and source, and exports to the same
 * JSON and CSV as what went in; the list, the selection and the roll-up
 * of the workspace work on them; removing them leaves it empty.
 */
#include "fuzz-common.h"

#include "gx-csv.h"
#include "gx-store.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static GPtrArray *
read_reports (const uint8_t *data,
              size_t         size)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *reports;

  if (size > 0 && (data[0] == '[' || data[0] == '{'))
    {
      reports = gx_json_read_reports ((const char *) data, (gssize) size, "fuzz.json", &error);
      if (reports == NULL)
        fuzz_assert_refusal (error, "fuzz.json");
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
      GxReport *report = gx_reader_read_bytes (bytes, "fuzz.txt", &error);

      if (report == NULL)
        {
          fuzz_assert_refusal (error, "fuzz.txt");
          return NULL;
        }
      reports = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (reports, report);
    }
  return reports;
}

static char *
csv_of (GxReport *report)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  gsize len = 0;
  char *csv;

  g_ptr_array_add (one, report);
  csv = gx_csv_write_reports (one, GX_CSV_HEADER_KEYS, &len);
  g_assert_cmpuint (strlen (csv), ==, len);
  return csv;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = read_reports (data, size);
  g_autoptr(GxStore) store = NULL;

  if (reports == NULL)
    return 0;

  store = gx_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_begin (store, &error));
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      GxImportOutcome outcome;

      g_ptr_array_unref (gx_rules_check_full (report, GX_RULES_NO_BLANK_CELLS));
      g_ptr_array_unref (gx_prose_check (report));
      if (!gx_store_put_report (store, report, NULL, TRUE, &outcome, &error))
        g_error ("put: %s", error->message);
    }
  g_assert_true (gx_store_commit (store, &error));

  /* what was put last under each id comes back as it went in */
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      gint64 id = gx_report_get_id (report);
      g_autoptr(GxReport) loaded = NULL;
      g_autofree char *json_in = NULL;
      g_autofree char *json_out = NULL;
      g_autofree char *csv_in = NULL;
      g_autofree char *csv_out = NULL;
      gboolean last = TRUE;

      if (id <= 0)
        continue;
      for (guint k = i + 1; k < reports->len; k++)
        if (gx_report_get_id (g_ptr_array_index (reports, k)) == id)
          last = FALSE;
      if (!last)
        continue;
      loaded = gx_store_load_report (store, id, &error);
      if (loaded == NULL)
        g_error ("load %" G_GINT64_FORMAT ": %s", id, error->message);
      g_assert_cmpstr (gx_report_get_issuer (loaded), ==, gx_report_get_issuer (report));
      g_assert_cmpint (gx_report_get_year (loaded), ==, gx_report_get_year (report));
      g_assert_true (gx_report_values_equal (loaded, report));
      json_in = fuzz_json (report, FALSE);
      json_out = fuzz_json (loaded, FALSE);
      if (strcmp (json_in, json_out) != 0)
        g_error ("the workspace changed the report:\n%s\n---\n%s", json_in, json_out);
      csv_in = csv_of (report);
      csv_out = csv_of (loaded);
      g_assert_cmpstr (csv_in, ==, csv_out);
    }

  {
    g_autoptr(GPtrArray) all = gx_store_load_all (store, &error);
    g_autoptr(GPtrArray) summaries = gx_store_list_summaries (store, &error);
    g_autoptr(GArray) found = gx_store_find_ids (store, 0, NULL, &error);
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, summaries->len);
    g_assert_cmpuint (all->len, ==, found->len);
    json = gx_json_write_reports (all, TRUE);
    g_assert_true (g_utf8_validate (json, -1, NULL));
    if (found->len > 0)
      {
        g_autoptr(GxReport) rollup = gx_store_rollup (store, &g_array_index (found, gint64, 0),
                                                      found->len, &error);

        g_assert_no_error (error);
        g_assert_nonnull (rollup);
      }
    for (guint i = 0; i < found->len; i++)
      g_assert_true (gx_store_remove_report (store, g_array_index (found, gint64, i), &error));
    g_clear_pointer (&all, g_ptr_array_unref);
    all = gx_store_load_all (store, &error);
    g_assert_cmpuint (all->len, ==, 0);
  }
  return 0;
}
