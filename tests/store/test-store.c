/* test-store.c: the workspace, JSON and CSV (issue 3)
 *
 * Expected values were read by hand from the files in tests/data:
 *   haidian  applications.new_received.total 1521, disclosure.fees 19656.3836,
 *            review_litigation.review.total 125, litigation_after_review.total 42
 *            (26 + 0 + 0 + 19 = 45: one group_total error)
 *   miyun    new_received.total 572, fees 254.38, review 6 4 2 3 15,
 *            litigation_after_review 6 1 0 2 9
 *   pinggu   new_received.total 289, fees 8157.19, carried_forward.total 2
 *   anding   new_received.total 13, fees 0, carried_forward.total 0
 *   beidaihe new_received "| 4 | 4 |" (total 4), carried_over blank,
 *            results_total blank, fees 0
 */
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-csv.h"
#include "gx-json.h"
#include "gx-store.h"
#include "gx-prose.h"
#include "gx-check.h"
#include "gx-review.h"
#include "../gx-test-fs.h"

static const char *const sample_files[] = {
  "pinggu-2022.txt", "miyun-2021.txt", "beidaihe-2022-pipes.txt", "anding-2022.txt",
  "haidian-2022.txt",
};

typedef struct
{
  char *dir;
  char *db_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gx-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "ws", "workspace.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gx_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static GBytes *
sample_bytes (const char *name)
{
  g_autofree char *path = sample_path (name);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize size;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static char *
hash_bytes (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
}

static GxReport *
read_sample (const char *name)
{
  g_autoptr(GBytes) bytes = sample_bytes (name);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
cell_value (GxReport   *report,
            const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);

  g_assert_cmpint (cell, >=, 0);
  g_assert_cmpint (gx_report_get_cell (report, cell, NULL), ==, GX_CELL_VALUE);
  return gx_report_get_value (report, cell);
}

static gboolean
cell_blank (GxReport   *report,
            const char *path)
{
  return gx_report_is_blank (report, gx_schema_find_cell_by_path (path));
}

#define W(n) ((gint64) (n) * GX_VALUE_SCALE)

/* Imports the five samples in one batch; returns their ids in the order of
 * sample_files. */
static void
import_samples (GxStore *store,
                gint64   ids[5])
{
  g_autoptr(GError) error = NULL;

  gx_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sample_files); i++)
    {
      g_autoptr(GBytes) bytes = sample_bytes (sample_files[i]);
      g_autofree char *hash = hash_bytes (bytes);
      g_autoptr(GxReport) report = read_sample (sample_files[i]);
      GxImportOutcome outcome;

      g_assert_true (gx_store_put_report (store, report, hash, FALSE, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
      g_assert_cmpint (gx_report_get_id (report), >, 0);
      ids[i] = gx_report_get_id (report);
    }
  gx_store_commit (store, &error);
  g_assert_no_error (error);
}

static GxStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  GxStore *store = gx_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* Everything in the file, as text: reports with their times, every cell. */
static char *
dump_database (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  GString *out = g_string_new (NULL);
  const char *queries[] = {
    "SELECT id, issuer, year, source, content_hash, format_version, imported_at, updated_at, "
    "n_errors, n_warnings, n_notes FROM reports ORDER BY id",
    "SELECT * FROM cells ORDER BY report_id, row",
    "SELECT * FROM invalid_cells ORDER BY report_id, cell",
    "SELECT report_id, path, value, raw FROM cell_values ORDER BY report_id, cell",
  };

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &s, NULL), ==, SQLITE_OK);
      while (sqlite3_step (s) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (s); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (s, c) ?: (const guchar *) "NULL");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (s);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), ==, SQLITE_OK);
  if (sqlite3_step (s) == SQLITE_ROW)
    v = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  sqlite3_close (db);
  return v;
}

/* Tests ----------------------------------------------------------------------- */

static void
test_samples_reopen (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxStore *store = open_store (f->db_path);
  gint64 ids[5];

  import_samples (store, ids);
  g_assert_finalize_object (store);

  store = open_store (f->db_path);
  for (guint i = 0; i < G_N_ELEMENTS (sample_files); i++)
    {
      g_autoptr(GxReport) expected = read_sample (sample_files[i]);
      GxReport *loaded = gx_store_load_report (store, ids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpint (gx_report_get_id (loaded), ==, ids[i]);
      g_assert_cmpstr (gx_report_get_issuer (loaded), ==, gx_report_get_issuer (expected));
      g_assert_cmpint (gx_report_get_year (loaded), ==, gx_report_get_year (expected));
      g_assert_cmpstr (gx_report_get_source (loaded), ==, sample_files[i]);
      g_assert_true (gx_report_values_equal (loaded, expected));
      for (guint c = 0; c < gx_schema_n_cells (); c++)
        {
          g_assert_cmpint (gx_report_get_cell_flags (loaded, c), ==, gx_report_get_cell_flags (expected, c));
          g_assert_cmpint (gx_report_get_cell_line (loaded, c), ==, gx_report_get_cell_line (expected, c));
        }
      g_ptr_array_unref (gx_rules_check (expected));
      /* a loaded report has its prose checked too (issue 8) */
      g_ptr_array_unref (gx_prose_check (expected));
      g_assert_cmpuint (gx_report_get_n_errors (loaded), ==, gx_report_get_n_errors (expected));
      g_assert_cmpuint (gx_report_get_n_warnings (loaded), ==, gx_report_get_n_warnings (expected));
      g_assert_cmpuint (gx_report_get_n_notes (loaded), ==, gx_report_get_n_notes (expected));
      g_assert_finalize_object (loaded);
    }

  /* values read by hand from the files */
  {
    g_autoptr(GxReport) pinggu = gx_store_load_report (store, ids[0], NULL);
    g_autoptr(GxReport) miyun = gx_store_load_report (store, ids[1], NULL);
    g_autoptr(GxReport) beidaihe = gx_store_load_report (store, ids[2], NULL);
    g_autoptr(GxReport) anding = gx_store_load_report (store, ids[3], NULL);
    g_autoptr(GxReport) haidian = gx_store_load_report (store, ids[4], NULL);
    int inferred = 0;

    g_assert_cmpstr (gx_report_get_issuer (haidian), ==, "北京市海淀区人民政府");
    g_assert_cmpint (gx_report_get_year (haidian), ==, 2022);
    g_assert_cmpint (cell_value (haidian, "applications.new_received.total"), ==, W (1521));
    g_assert_cmpint (cell_value (haidian, "disclosure.fees.amount_wan"), ==, G_GINT64_CONSTANT (19656383600));
    g_assert_cmpint (cell_value (haidian, "review_litigation.review.total"), ==, W (125));
    g_assert_cmpint (cell_value (haidian, "review_litigation.litigation_after_review.total"), ==, W (42));
    g_assert_cmpint (cell_value (haidian, "review_litigation.litigation_after_review.pending"), ==, W (19));
    g_assert_cmpuint (gx_report_get_n_errors (haidian), ==, 1);

    g_assert_cmpstr (gx_report_get_issuer (miyun), ==, "北京市密云区人民政府");
    g_assert_cmpint (gx_report_get_year (miyun), ==, 2021);
    g_assert_cmpint (cell_value (miyun, "applications.new_received.total"), ==, W (572));
    g_assert_cmpint (cell_value (miyun, "disclosure.fees.amount_wan"), ==, G_GINT64_CONSTANT (254380000));
    g_assert_cmpint (cell_value (miyun, "review_litigation.review.upheld"), ==, W (6));
    g_assert_cmpint (cell_value (miyun, "review_litigation.review.total"), ==, W (15));
    g_assert_cmpint (cell_value (miyun, "review_litigation.litigation_after_review.total"), ==, W (9));

    g_assert_cmpint (cell_value (pinggu, "applications.new_received.total"), ==, W (289));
    g_assert_cmpint (cell_value (pinggu, "disclosure.fees.amount_wan"), ==, G_GINT64_CONSTANT (8157190000));
    g_assert_cmpint (cell_value (pinggu, "applications.carried_forward.total"), ==, W (2));

    g_assert_cmpint (cell_value (anding, "applications.new_received.total"), ==, W (13));
    g_assert_cmpint (cell_value (anding, "disclosure.fees.amount_wan"), ==, 0);
    g_assert_cmpint (cell_value (anding, "applications.carried_forward.total"), ==, 0);

    g_assert_cmpstr (gx_report_get_issuer (beidaihe), ==, "北戴河区人民政府办公室");
    g_assert_cmpint (cell_value (beidaihe, "applications.new_received.total"), ==, W (4));
    g_assert_true (cell_blank (beidaihe, "applications.carried_over.total"));
    g_assert_true (cell_blank (beidaihe, "applications.results_total.total"));
    g_assert_cmpint (cell_value (beidaihe, "disclosure.fees.amount_wan"), ==, 0);
    /* the "| 4 | 4 |" row: columns inferred, and the flag survives the store */
    for (guint c = 0; c < 7; c++)
      if (gx_report_get_cell_flags (beidaihe, gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received",
                                                                    gx_schema_application_columns (NULL)[c].key))
          & GX_CELL_FLAG_INFERRED)
        inferred++;
    g_assert_cmpint (inferred, >, 0);
    g_assert_cmpuint (gx_report_get_n_warnings (beidaihe), >, 0);
  }

  /* every cell of every report is a row */
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM cell_values"), ==, 5 * 200);
  g_assert_cmpint (query_int (f->db_path, "PRAGMA user_version"), ==, 5);
}

static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxStore *store = open_store (f->db_path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 ids[5];

  import_samples (store, ids);
  g_assert_finalize_object (store);
  before = dump_database (f->db_path);

  store = open_store (f->db_path);
  gx_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sample_files); i++)
    {
      g_autoptr(GBytes) bytes = sample_bytes (sample_files[i]);
      g_autofree char *hash = hash_bytes (bytes);
      g_autoptr(GxReport) report = read_sample (sample_files[i]);
      GxImportOutcome outcome = GX_IMPORT_ADDED;

      g_assert_cmpint (gx_store_find_hash (store, hash, NULL), ==, ids[i]);
      /* even with --replace: the same content is not written again */
      g_assert_true (gx_store_put_report (store, report, hash, TRUE, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, GX_IMPORT_ALREADY_PRESENT);
      g_assert_cmpint (gx_report_get_id (report), ==, ids[i]);
    }
  gx_store_commit (store, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  after = dump_database (f->db_path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_conflict_replace (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxStore *store = open_store (f->db_path);
  g_autoptr(GBytes) bytes = sample_bytes ("haidian-2022.txt");
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  g_autoptr(GBytes) new_bytes = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GxReport) loaded = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GxImportOutcome outcome;
  gint64 ids[5];

  import_samples (store, ids);

  /* a corrected version: 复议后起诉 总计 42 → 45 */
  g_assert_cmpuint (g_string_replace (text, "\t19\n\t42\n", "\t19\n\t45\n", 1), ==, 1);
  new_bytes = g_bytes_new (text->str, text->len);
  hash = hash_bytes (new_bytes);
  report = gx_reader_read_bytes (new_bytes, "haidian-2022-v2.txt", &error);
  g_assert_no_error (error);

  g_assert_finalize_object (store);
  before = dump_database (f->db_path);
  store = open_store (f->db_path);
  g_assert_true (gx_store_put_report (store, report, hash, FALSE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, GX_IMPORT_CONFLICT);
  g_assert_finalize_object (store);
  after = dump_database (f->db_path);
  g_assert_cmpstr (before, ==, after);

  store = open_store (f->db_path);
  g_assert_true (gx_store_put_report (store, report, hash, TRUE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (outcome, ==, GX_IMPORT_REPLACED);
  g_assert_cmpint (gx_report_get_id (report), ==, ids[4]);

  loaded = gx_store_load_report (store, ids[4], &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell_value (loaded, "review_litigation.litigation_after_review.total"), ==, W (45));
  g_assert_cmpstr (gx_report_get_source (loaded), ==, "haidian-2022-v2.txt");
  g_assert_cmpuint (gx_report_get_n_errors (loaded), ==, 0);
  g_assert_cmpint (gx_store_find_hash (store, hash, NULL), ==, ids[4]);
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 5);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM cell_values"), ==, 5 * 200);
}

/* @json (gx_json_write_reports(), one finding a line) without the
 * findings of @rule. */
static char *
drop_findings_of (const char *json,
                  const char *rule)
{
  g_auto(GStrv) lines = g_strsplit (json, "\n", -1);
  g_autofree char *needle = g_strdup_printf ("{\"rule\": \"%s\"", rule);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], needle) == NULL)
        {
          g_ptr_array_add (kept, g_strdup (lines[i]));
          continue;
        }
      /* the last finding of the list: the one before loses its comma */
      if (!g_str_has_suffix (lines[i], ",") && kept->len > 0)
        {
          char *last = g_ptr_array_index (kept, kept->len - 1);

          if (g_str_has_suffix (last, ","))
            last[strlen (last) - 1] = '\0';
        }
    }
  /* "findings": [ followed by ] */
  for (guint i = 0; i + 1 < kept->len; i++)
    {
      char *line = g_ptr_array_index (kept, i);
      const char *next = g_ptr_array_index (kept, i + 1);

      if (g_str_has_suffix (line, "\"findings\": [") && g_str_has_prefix (next + strspn (next, " "), "]"))
        {
          char *joined = g_strconcat (line, next + strspn (next, " "), NULL);

          g_ptr_array_remove_index (kept, i + 1);
          g_free (kept->pdata[i]);
          kept->pdata[i] = joined;
        }
    }
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("\n", (char **) kept->pdata);
}

static char *
export_json (GxStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = gx_store_load_all (store, &error);

  g_assert_no_error (error);
  return gx_json_write_reports (reports, TRUE);
}

static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *without_prose = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  GxStore *store = open_store (f->db_path);
  GxStore *other;
  gint64 ids[5];

  import_samples (store, ids);
  first = export_json (store);
  {
    /* JSON carries no prose: what the round trip must give is the export
     * of the same reports checked without their text */
    g_autoptr(GPtrArray) all = gx_store_load_all (store, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      {
        gx_report_set_prose (g_ptr_array_index (all, i), NULL);
        g_assert_true (gx_check_report (g_ptr_array_index (all, i), GX_BACKEND (store), &error));
        g_assert_no_error (error);
      }
    without_prose = gx_json_write_reports (all, TRUE);
  }
  g_assert_finalize_object (store);

  /* the export checks as the list does: Miyun's prose warning is there */
  g_assert_nonnull (strstr (first, "{\"rule\": \"prose_mismatch\", \"severity\": \"warning\", \"section\": \"review_litigation\", "
                                   "\"row\": \"litigation_direct\", \"column\": \"total\", \"expected\": 20, \"actual\": 18"));
  g_assert_null (strstr (without_prose, "prose_mismatch"));

  /* the shape of report-schema.md, exact decimals, blanks as null */
  g_assert_true (g_str_has_prefix (first, "[\n  {\n    \"issuer\": "));
  g_assert_nonnull (strstr (first, "\"fees\": {\"amount_wan\": 19656.3836}"));
  g_assert_nonnull (strstr (first, "\"fees\": {\"amount_wan\": 8157.19}"));
  g_assert_nonnull (strstr (first, "\"review\": {\"upheld\": 67, \"corrected\": 15, \"other\": 7, \"pending\": 36, \"total\": 125}"));
  g_assert_nonnull (strstr (first, "\"rule\": \"group_total\", \"severity\": \"error\", \"section\": \"review_litigation\", "
                                   "\"row\": \"litigation_after_review\", \"column\": \"total\", \"expected\": 45, \"actual\": 42"));
  g_assert_nonnull (strstr (first, "\"carried_over\": {\"natural_person\": null"));
  g_assert_nonnull (strstr (first, "\"rule\": \"ambiguous_layout\", \"severity\": \"warning\", \"section\": \"applications\", "
                                   "\"row\": \"new_received\", \"column\": null, \"expected\": null, \"actual\": null"));

  reports = gx_json_read_reports (first, -1, "export.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 5);

  other = open_store (other_path);
  gx_store_begin (other, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      GxImportOutcome outcome;

      g_assert_true (gx_store_put_report (other, g_ptr_array_index (reports, i), NULL, FALSE, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
    }
  gx_store_commit (other, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (other);

  other = open_store (other_path);
  second = export_json (other);
  g_assert_finalize_object (other);
  g_assert_cmpstr (without_prose, ==, second);
}

static void
assert_json_refused (const char *json,
                     int         code,
                     const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = gx_json_read_reports (json, -1, "in.json", &error);

  g_assert_null (reports);
  g_assert_error (error, GX_JSON_ERROR, code);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "in.json: "));
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_json_refuse (void)
{
  g_autoptr(GxReport) haidian = read_sample ("haidian-2022.txt");
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *good = NULL;
  g_autoptr(GString) s = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *again = NULL;

  g_ptr_array_add (one, haidian);
  gx_report_set_invalid (haidian, gx_schema_find_cell_by_path ("applications.granted.commercial"), "十三\"件\"");
  g_ptr_array_unref (gx_rules_check (haidian));
  good = gx_json_write_reports (one, TRUE);
  g_assert_nonnull (strstr (good, "\"commercial\": \"十三\\\"件\\\"\""));

  /* invalid text comes back as the same invalid cell */
  back = gx_json_read_reports (good, -1, "in.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_raw (g_ptr_array_index (back, 0),
                                      gx_schema_find_cell_by_path ("applications.granted.commercial")), ==, "十三\"件\"");
  again = gx_json_write_reports (back, TRUE);
  g_assert_cmpstr (good, ==, again);

  assert_json_refused ("[{\"issuer\": ", GX_JSON_ERROR_SYNTAX, "not valid JSON");
  assert_json_refused ("42", GX_JSON_ERROR_SHAPE, "expected an array");

  s = g_string_new (good);
  g_string_replace (s, "\"granted\": {\"natural_person\": 288, \"commercial\": \"十三\\\"件\\\"\", ",
                    "\"granted\": {\"natural_person\": 288, ", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "report 1: applications.granted.commercial: missing");
  g_string_assign (s, good);
  g_string_replace (s, "\"total\": 1521", "\"total\": true", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "applications.new_received.total: expected a number");
  g_string_assign (s, good);
  g_string_replace (s, "\"total\": 1521", "\"total\": 1521.0000001", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "applications.new_received.total: not a number with at most 6 decimals");
  g_string_assign (s, good);
  g_string_replace (s, "\"total\": 1521", "\"total\": 1000000000", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "applications.new_received.total: too large: at most 999999999");
  g_string_assign (s, good);
  g_string_replace (s, "\"year\": 2022", "\"year\": \"2022\"", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "year");
  g_string_assign (s, good);
  g_string_replace (s, "\"issuer\":", "\"isuer\":", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "issuer: missing");
  g_string_assign (s, good);
  g_string_replace (s, "\"licensing\": {\"decisions\": 66739}", "\"licensing\": {\"decisions\": 66739, \"extra\": 1}", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "disclosure.licensing.extra: unknown key");
  g_string_assign (s, good);
  g_string_replace (s, "\"severity\": \"error\"", "\"severity\": \"fatal\"", 1);
  assert_json_refused (s->str, GX_JSON_ERROR_SHAPE, "findings[0].severity");
  /* the second report of an array is named */
  {
    g_autofree char *body = g_strndup (good + 2, strlen (good) - 5);
    g_autoptr(GString) second = g_string_new (body);
    g_autofree char *two = NULL;

    g_string_replace (second, "\"fees\": {\"amount_wan\": 19656.3836}", "\"fees\": {\"amount_wan\": [1]}", 0);
    two = g_strdup_printf ("[\n%s,\n%s\n]\n", body, second->str);
    assert_json_refused (two, GX_JSON_ERROR_SHAPE, "report 2: disclosure.fees.amount_wan: expected a number");
  }
}

/* A small RFC 4180 reader, for the test only. */
static GPtrArray *
parse_csv (const char *text,
           gsize       length)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;
  gsize i = 0;

  while (i < length)
    {
      char c = text[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < length && text[i + 1] == '"')
            g_string_append_c (field, '"'), i++;
          else if (c == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, c);
        }
      else if (c == '"')
        quoted = TRUE;
      else if (c == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          i++;
        }
      else
        g_string_append_c (field, c);
      i++;
    }
  g_assert_cmpuint (field->len, ==, 0);   /* every line ends in CRLF */
  g_string_free (field, TRUE);
  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  return rows;
}

static int
column_of (GPtrArray  *header,
           const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_strcmp0 (g_ptr_array_index (header, i), name) == 0)
      return (int) i;
  return -1;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxStore *store = open_store (f->db_path);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) zh_rows = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *csv = NULL;
  g_autofree char *zh = NULL;
  GPtrArray *header, *haidian = NULL, *beidaihe = NULL;
  gsize length, zh_length;
  gint64 ids[5];

  import_samples (store, ids);
  reports = gx_store_load_all (store, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* a hostile issuer: a comma, quotes, a formula */
  gx_report_set_issuer (g_ptr_array_index (reports, 0), "=HYPERLINK(\"x\"),政府");

  csv = gx_csv_write_reports (reports, GX_CSV_HEADER_KEYS, &length);
  g_assert_cmpmem (csv, 3, "\xEF\xBB\xBF", 3);
  rows = parse_csv (csv + 3, length - 3);
  g_assert_cmpuint (rows->len, ==, 1 + 5);
  header = g_ptr_array_index (rows, 0);
  /* the 200 cells of the 2021 form, then the 26 only the 2019 form has */
  g_assert_cmpuint (header->len, ==, 3 + 200 + 26);
  g_assert_cmpstr (g_ptr_array_index (header, 3 + 199), ==, "review_litigation.litigation_after_review.total");
  g_assert_cmpstr (g_ptr_array_index (header, 3 + 200), ==, "disclosure.regulations.made");
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "issuer");
  g_assert_cmpstr (g_ptr_array_index (header, 1), ==, "year");
  g_assert_cmpstr (g_ptr_array_index (header, 2), ==, "source");
  g_assert_cmpstr (g_ptr_array_index (header, 3), ==, "disclosure.regulations.issued");
  g_assert_cmpint (column_of (header, "applications.new_received.total"), >, 3);

  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);

      g_assert_cmpuint (row->len, ==, 3 + 200 + 26);
      if (g_strcmp0 (g_ptr_array_index (row, 0), "北京市海淀区人民政府") == 0)
        haidian = row;
      if (g_strcmp0 (g_ptr_array_index (row, 0), "北戴河区人民政府办公室") == 0)
        beidaihe = row;
    }
  g_assert_nonnull (haidian);
  g_assert_nonnull (beidaihe);
  g_assert_cmpstr (g_ptr_array_index (haidian, 1), ==, "2022");
  g_assert_cmpstr (g_ptr_array_index (haidian, 2), ==, "haidian-2022.txt");
  g_assert_cmpstr (g_ptr_array_index (haidian, column_of (header, "applications.new_received.total")), ==, "1521");
  g_assert_cmpstr (g_ptr_array_index (haidian, column_of (header, "disclosure.fees.amount_wan")), ==, "19656.3836");
  g_assert_cmpstr (g_ptr_array_index (haidian, column_of (header, "review_litigation.litigation_after_review.total")), ==, "42");
  g_assert_cmpstr (g_ptr_array_index (beidaihe, column_of (header, "applications.new_received.total")), ==, "4");
  g_assert_cmpstr (g_ptr_array_index (beidaihe, column_of (header, "applications.results_total.total")), ==, "");
  /* the hostile issuer (reports are ordered by issuer: 北京市大兴… first) */
  g_assert_cmpstr (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (rows, 1), 0), ==, "'=HYPERLINK(\"x\"),政府");

  /* Chinese header: same columns, every name different */
  zh = gx_csv_write_reports (reports, GX_CSV_HEADER_CHINESE, &zh_length);
  zh_rows = parse_csv (zh + 3, zh_length - 3);
  header = g_ptr_array_index (zh_rows, 0);
  g_assert_cmpuint (header->len, ==, 3 + 200 + 26);
  g_assert_cmpstr (g_ptr_array_index (header, 0), ==, "发布机关");
  g_assert_cmpstr (g_ptr_array_index (header, 1), ==, "年度");
  g_assert_cmpstr (g_ptr_array_index (header, 3), ==, "规章·本年制发件数");
  g_assert_cmpint (column_of (header, "一、本年新收政府信息公开申请数量·总计"), ==,
                   column_of ((GPtrArray *) g_ptr_array_index (rows, 0), "applications.new_received.total"));
  g_assert_cmpint (column_of (header, "（三）不予公开·1.属于国家秘密·法人或其他组织·商业企业"), ==,
                   column_of ((GPtrArray *) g_ptr_array_index (rows, 0), "applications.withheld_state_secret.commercial"));
  g_assert_cmpint (column_of (header, "行政诉讼·复议后起诉·总计"), ==,
                   column_of ((GPtrArray *) g_ptr_array_index (rows, 0), "review_litigation.litigation_after_review.total"));
  for (guint i = 0; i < header->len; i++)
    {
      g_assert_false (g_hash_table_contains (seen, g_ptr_array_index (header, i)));
      g_hash_table_add (seen, g_ptr_array_index (header, i));
    }
}

/* The bytes of a workspace file, to show it untouched.  Only called while
 * this process has no connection to it: closing a descriptor of our own
 * would drop that connection's locks (the program itself never does it). */
static void
file_snapshot (const char *path,
               GBytes    **bytes)
{
  char *data;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  *bytes = g_bytes_new_take (data, size);
}

static void
set_user_version (const char *path,
                  int         version,
                  gboolean    wal)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("%sCREATE TABLE IF NOT EXISTS future (x); PRAGMA user_version = %d;",
                                          wal ? "PRAGMA journal_mode=WAL;" : "", version);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
assert_refused_untouched (const char *path,
                          int         version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *vtext = g_strdup_printf ("%d", version);
  GStatBuf st_before, st_after;
  GxStore *store;

  file_snapshot (path, &before);
  g_assert_cmpint (g_stat (path, &st_before), ==, 0);

  store = gx_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, vtext));
  g_assert_nonnull (strstr (error->message, " 5"));

  file_snapshot (path, &after);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_cmpint (g_stat (path, &st_after), ==, 0);
  g_assert_cmpint (st_before.st_mtime, ==, st_after.st_mtime);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, version);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.db", NULL);
  GxStore *store = open_store (f->db_path);
  gint64 ids[5];

  /* a real workspace, moved on by a future version */
  import_samples (store, ids);
  g_assert_finalize_object (store);
  set_user_version (f->db_path, 7, TRUE);
  assert_refused_untouched (f->db_path, 7);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 5);

  /* a rollback-journal database of version 99 */
  set_user_version (plain, 99, FALSE);
  assert_refused_untouched (plain, 99);
}

static void
test_not_a_workspace (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  GxStore *store;

  g_assert_true (g_file_set_contents (path, "这不是数据库 — not a database at all, just text\n", -1, NULL));
  file_snapshot (path, &before);
  store = gx_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE);
  g_assert_true (g_str_has_prefix (error->message, path));
  file_snapshot (path, &after);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_rollup_and_selection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids_2022 = NULL;
  g_autoptr(GArray) ids_hd = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  GxStore *store = open_store (f->db_path);
  GxReport *sum;
  gint64 ids[5];

  import_samples (store, ids);

  all = gx_store_find_ids (store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);
  ids_2022 = gx_store_find_ids (store, 2022, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids_2022->len, ==, 4);
  ids_hd = gx_store_find_ids (store, 0, "海淀", &error);
  g_assert_cmpuint (ids_hd->len, ==, 1);
  g_assert_cmpint (g_array_index (ids_hd, gint64, 0), ==, ids[4]);

  /* 289 + 572 + 4 + 13 + 1521; fees 8157.19 + 254.38 + 0 + 0 + 19656.3836 */
  sum = gx_store_rollup (store, (const gint64 *) (gpointer) all->data, all->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_id (sum), ==, 0);
  g_assert_cmpint (cell_value (sum, "applications.new_received.total"), ==, W (2399));
  g_assert_cmpint (cell_value (sum, "disclosure.fees.amount_wan"), ==, G_GINT64_CONSTANT (28067953600));
  /* 125 + 15 + 9 from haidian and miyun, and the others */
  g_assert_cmpint (cell_value (sum, "review_litigation.review.upheld"), >=, W (67 + 6));
  g_assert_finalize_object (sum);

  sum = gx_store_rollup (store, (const gint64 *) (gpointer) ids_2022->data, ids_2022->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell_value (sum, "applications.new_received.total"), ==, W (289 + 4 + 13 + 1521));
  g_assert_finalize_object (sum);

  /* a cell blank in every report stays blank */
  sum = gx_store_rollup (store, &ids[2], 1, &error);
  g_assert_no_error (error);
  g_assert_true (cell_blank (sum, "applications.results_total.total"));
  g_assert_cmpint (cell_value (sum, "applications.new_received.total"), ==, W (4));
  g_assert_finalize_object (sum);

  sum = gx_store_rollup (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (cell_blank (sum, "applications.new_received.total"));
  g_assert_finalize_object (sum);

  summaries = gx_store_list_summaries (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 5);
  for (guint i = 0; i < summaries->len; i++)
    {
      GxReport *r = g_ptr_array_index (summaries, i);

      if (gx_report_get_id (r) != ids[4])
        continue;
      g_assert_cmpstr (gx_report_get_issuer (r), ==, "北京市海淀区人民政府");
      g_assert_cmpint (cell_value (r, "applications.new_received.total"), ==, W (1521));
      g_assert_cmpint (cell_value (r, "applications.results_total.total"), ==, W (1521));
      g_assert_cmpint (cell_value (r, "applications.carried_forward.total"), ==, W (103));
      g_assert_cmpint (cell_value (r, "review_litigation.litigation_after_review.total"), ==, W (42));
      g_assert_true (cell_blank (r, "applications.granted.total"));
      g_assert_cmpuint (gx_report_get_n_errors (r), ==, 1);
    }
  g_clear_pointer (&summaries, g_ptr_array_unref);
  g_assert_finalize_object (store);
}

static void
test_save_and_remove (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxStore *store = open_store (f->db_path);
  GxReport *report;
  GxReport *fresh;
  int cell = gx_schema_find_cell_by_path ("review_litigation.litigation_after_review.total");
  gint64 ids[5];

  import_samples (store, ids);

  /* an edit: 42 → 45 ties the group out */
  report = gx_store_load_report (store, ids[4], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 1);
  gx_report_set_count (report, cell, 45);
  gx_report_set_invalid (report, gx_schema_find_cell_by_path ("disclosure.licensing.decisions"), "约六万");
  g_assert_true (gx_store_save_report (store, report, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (report);
  g_assert_finalize_object (store);

  store = open_store (f->db_path);
  report = gx_store_load_report (store, ids[4], &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell_value (report, "review_litigation.litigation_after_review.total"), ==, W (45));
  g_assert_cmpstr (gx_report_get_raw (report, gx_schema_find_cell_by_path ("disclosure.licensing.decisions")), ==, "约六万");
  /* the invalid cell is a count_value error now, 复议后起诉 no longer */
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 1);
  g_assert_cmpstr (gx_finding_get_rule (g_ptr_array_index (gx_report_get_findings (report), 0)), ==, "count_value");

  /* a new report typed in: id 0 → inserted */
  fresh = gx_report_copy (report);
  gx_report_set_year (fresh, 2023);
  g_assert_true (gx_store_save_report (store, fresh, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_id (fresh), >, ids[4]);
  g_assert_finalize_object (fresh);
  g_assert_finalize_object (report);

  /* remove: the cells go with the report */
  g_assert_true (gx_store_remove_report (store, ids[4], &error));
  g_assert_no_error (error);
  g_assert_false (gx_store_remove_report (store, ids[4], &error));
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (gx_store_load_report (store, ids[4], &error));
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_finalize_object (store);

  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM cell_values WHERE report_id = %" G_GINT64_FORMAT, ids[4]);

    g_assert_cmpint (query_int (f->db_path, sql), ==, 0);
  }
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM cell_values"), ==, 5 * 200);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 5);
}

/* The command line ----------------------------------------------------------- */

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GX_CLI");
  const char *arg;
  int status = -1;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
copy_sample (const char *name,
             const char *dir)
{
  g_autoptr(GBytes) bytes = sample_bytes (name);
  g_autofree char *to = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *in = g_build_filename (f->dir, "in", "sub", NULL);
  g_autofree char *top = g_build_filename (f->dir, "in", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "in", "broken.bin", NULL);
  g_autofree char *json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *json2 = g_build_filename (f->dir, "out2.json", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *db2 = g_build_filename (f->dir, "second.db", NULL);
  g_autofree char *first_json = NULL, *second_json = NULL, *csv_text = NULL;
  char *out = NULL, *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (in, 0700), ==, 0);
  for (guint i = 0; i < 3; i++)
    copy_sample (sample_files[i], top);
  for (guint i = 3; i < 5; i++)
    copy_sample (sample_files[i], in);

  /* usage */
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "import", "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "--replace"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", "--db", f->db_path, "--format", "xml", NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* import a folder recursively */
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, top, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "haidian-2022.txt: added as #"));
  g_assert_nonnull (strstr (out, "5 files: 5 reports added, 0 already present"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* again: all present; and a file that is no report → 2, the rest is done */
  g_assert_true (g_file_set_contents (bad, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, NULL));
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, top, NULL), ==, 2);
  g_assert_nonnull (strstr (out, "pinggu-2022.txt: already present (#"));
  g_assert_nonnull (strstr (out, "6 files: 0 reports added, 5 already present, 0 replaced, 0 in conflict; 1 unreadable"));
  g_assert_nonnull (strstr (err, "broken.bin"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市海淀区人民政府\t2022\t1\t0\t0\thaidian-2022.txt\n"));
  g_assert_nonnull (strstr (out, "5 reports"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (&out, &err, "export", "--db", f->db_path, "--format", "json", "-o", json, NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", "--db", f->db_path, "--format", "csv", "--year", "2021", "-o", csv, NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBFissuer,year,source,disclosure.regulations.issued,"));
  g_assert_nonnull (strstr (csv_text, "\r\n北京市密云区人民政府,2021,miyun-2021.txt,"));
  g_assert_null (strstr (csv_text, "海淀"));

  /* JSON into a second workspace and out again: the same bytes */
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", db2, json, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 file: 5 reports added"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "export", "--db", db2, "--format", "json", "-o", json2, NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_true (g_file_get_contents (json, &first_json, NULL, NULL));
  g_assert_true (g_file_get_contents (json2, &second_json, NULL, NULL));
  /* but for the findings of the prose, which JSON does not carry (the
   * export checks as the list does: Miyun's prose warning is in it) */
  g_assert_nonnull (strstr (first_json, "\"rule\": \"prose_mismatch\""));
  g_assert_null (strstr (second_json, "\"rule\": \"prose_mismatch\""));
  {
    g_autofree char *first_no_prose = drop_findings_of (first_json, "prose_mismatch");

    g_assert_cmpstr (first_no_prose, ==, second_json);
  }

  /* remove */
  g_assert_cmpint (run_cli (&out, &err, "remove", "--db", db2, "1", "999", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "#1: removed"));
  g_assert_nonnull (strstr (err, "999"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "remove", "--db", db2, "x1", NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* a workspace that cannot be opened: 4, and the file names */
  g_assert_cmpint (run_cli (&out, &err, "import", "--db", bad, top, NULL), ==, 4);
  g_assert_nonnull (strstr (err, bad));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", json2 /* exists, not a db */, NULL), ==, 4);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  {
    g_autofree char *missing = g_build_filename (f->dir, "nothing.db", NULL);

    g_assert_cmpint (run_cli (&out, &err, "export", "--db", missing, "--format", "csv", NULL), ==, 4);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  }

  /* conflict without --replace: 2; with it: replaced */
  {
    g_autoptr(GBytes) bytes = sample_bytes ("miyun-2021.txt");
    g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
    g_autofree char *v2 = g_build_filename (f->dir, "miyun-2021-v2.txt", NULL);

    g_autofree char *same = g_build_filename (f->dir, "miyun-2021-gbk.txt", NULL);
    g_autofree char *gbk = NULL;
    gsize gbk_len = 0;
    char *cell;

    /* the same figures in other bytes (another encoding, a line added):
     * already present, not a conflict (exit 0) */
    g_string_append (text, "\n（更正版）\n");
    gbk = g_convert (text->str, (gssize) text->len, "GB18030", "UTF-8", NULL, &gbk_len, NULL);
    g_assert_nonnull (gbk);
    g_assert_true (g_file_set_contents (same, gbk, (gssize) gbk_len, NULL));
    g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, same, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "miyun-2021-gbk.txt: already present (same figures as report #"));
    g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

    /* other figures (本年新收, 自然人 559 → 558): a conflict */
    cell = strstr (text->str, "\t559\n");
    g_assert_nonnull (cell);
    cell[3] = '8';
    g_assert_true (g_file_set_contents (v2, text->str, (gssize) text->len, NULL));
    g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, v2, NULL), ==, 2);
    g_assert_nonnull (strstr (out, "conflict"));
    g_assert_nonnull (strstr (out, "--replace"));
    g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, "--replace", v2, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "replaced #"));
    g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  }
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT(*) FROM reports"), ==, 5);
}

/* The workspace knows a file by the SHA-256 of its bytes: the fast hash
 * must give the digest GLib gives (the one workspaces made before hold),
 * also for lengths around SHA-256's 64-byte blocks. */
static void
test_content_hash (void)
{
  g_autoptr(GBytes) bytes = sample_bytes ("haidian-2022.txt");
  gsize len;
  const guchar *data = g_bytes_get_data (bytes, &len);
  static const gsize lengths[] = { 0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths) + 1; i++)
    {
      gsize n = i < G_N_ELEMENTS (lengths) ? lengths[i] : len;
      g_autofree char *ours = gx_store_content_hash (data, n);
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, n);

      g_assert_cmpstr (ours, ==, glib);
    }
  {
    /* read by hand: `printf '' | sha256sum` */
    g_autofree char *empty = gx_store_content_hash ("", 0);

    g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}

/* The id "FILE: added as #N" names. */
static char *
added_id (const char *out,
          const char *file)
{
  g_autofree char *needle = g_strdup_printf ("%s: added as #", file);
  const char *at = strstr (out, needle);

  g_assert_nonnull (at);
  at += strlen (needle);
  return g_strndup (at, strspn (at, "0123456789"));
}

/* review, merge and link from the command line (issue 14).  Hand-read:
 * Haidian's one error is group_total on 复议后起诉 (45 ≠ 42); Miyun 2021
 * carried over 41 where 2020 carried forward 25 (two carryover warnings,
 * natural persons and total) beside its prose warning; Haidian as the
 * roll-up of Miyun 2021 differs in (nearly) every cell. */
static void
test_cli_review_merge_link (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *haidian = sample_path ("haidian-2022.txt");
  g_autofree char *miyun = sample_path ("miyun-2021.txt");
  g_autofree char *miyun_2020 = sample_path ("miyun-2020-format2019.txt");
  g_autofree char *respelled = g_build_filename (f->dir, "miyun-2020-respelled.txt", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *h = NULL;
  g_autofree char *m = NULL;
  g_autofree char *line = NULL;
  const char *key = "group_total/review_litigation.litigation_after_review.total";

  /* Miyun 2020 under another spelling of its issuer */
  g_assert_true (g_file_get_contents (miyun_2020, &text, NULL, NULL));
  {
    g_autoptr(GString) s = g_string_new (text);

    g_string_replace (s, "北京市密云区人民政府", "密云区政府", 0);
    g_assert_true (g_file_set_contents (respelled, s->str, -1, NULL));
  }

  g_assert_cmpint (run_cli (&out, &err, "import", "--db", f->db_path, haidian, miyun, respelled, NULL), ==, 0);
  h = added_id (out, "haidian-2022.txt");
  m = added_id (out, "miyun-2021.txt");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* review: the findings with their keys, then a decision */
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, h, NULL), ==, 0);
  line = g_strdup_printf ("%s\terror\topen\t\tLitigation after review: ", key);
  g_assert_nonnull (strstr (out, line));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, h, key, "--dismiss",
                            "--note", "typo in the source", NULL), ==, 0);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("#%s %s: dismissed\n", h, key);
  g_assert_cmpstr (out, ==, line);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  /* counted nowhere: the list, check --db (exit 0) */
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市海淀区人民政府\t2022\t0\t0\t0\thaidian-2022.txt\n"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "check", "--db", f->db_path, haidian, NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, "--decisions", NULL), ==, 0);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s\t北京市海淀区人民政府\t2022\t%s\terror\tdismissed\ttypo in the source\t", h, key);
  g_assert_true (g_str_has_prefix (out, line));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  /* reopened: an error again */
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, h, key, "--reopen", NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "check", "--db", f->db_path, haidian, NULL), ==, 1);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, "--decisions", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  /* no such finding, no such report: 2; what to do unsaid: 3 */
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, h, "balance/x", "--confirm", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "balance/x"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, "999", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, h, key, NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* merge: the two spellings of Miyun make a pair of years, and the list
   * counts the carryover warnings of 2021 at once */
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市密云区人民政府\t2021\t0\t1\t1\tmiyun-2021.txt\n"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "merge", "--db", f->db_path, "密云区政府", "北京市密云区人民政府", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "密云区政府 → 北京市密云区人民政府: merged\n");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "merge", "--db", f->db_path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "密云区政府\t北京市密云区政府\n");
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市密云区人民政府\t2021\t0\t3\t1\tmiyun-2021.txt\n"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "merge", "--db", f->db_path, "--undo", "密云区政府", NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市密云区人民政府\t2021\t0\t1\t1\tmiyun-2021.txt\n"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "merge", "--db", f->db_path, "密云区政府", NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);

  /* link: Haidian as the roll-up of Miyun 2021 — hierarchy warnings in
   * the list until cleared */
  g_assert_cmpint (run_cli (&out, &err, "link", "--db", f->db_path, h, m, NULL), ==, 0);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("#%s: the roll-up of 1 report\n", h);
  g_assert_cmpstr (out, ==, line);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "link", "--db", f->db_path, h, NULL), ==, 0);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("%s\n", m);
  g_assert_cmpstr (out, ==, line);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "review", "--db", f->db_path, h, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "hierarchy/applications.new_received.total\twarning\topen\t"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_null (strstr (out, "\t北京市海淀区人民政府\t2022\t1\t0\t0\thaidian-2022.txt\n"));
  g_assert_nonnull (strstr (out, "\t北京市海淀区人民政府\t2022\t1\t"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "link", "--db", f->db_path, "--clear", h, NULL), ==, 0);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "list", "--db", f->db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\t北京市海淀区人民政府\t2022\t1\t0\t0\thaidian-2022.txt\n"));
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "link", "--db", f->db_path, h, "999", NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "link", "--db", f->db_path, h, h, NULL), ==, 2);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (&out, &err, "link", "--db", f->db_path, "x", NULL), ==, 3);
  g_clear_pointer (&out, g_free); g_clear_pointer (&err, g_free);
}

/* The factory: a path is the SQLite file, a PostgreSQL location is
 * refused with a clear message while that backend is not built in. */
static void
test_backend_open (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = gx_backend_open (f->db_path, FALSE, &error);
  const char *const postgres[] = {
    "postgresql://gx@localhost/reports", "postgres://localhost/gx",
    "host=localhost dbname=gx", "dbname=gx",
  };

  g_assert_no_error (error);
  g_assert_true (GX_IS_STORE (backend));
  g_assert_cmpstr (gx_backend_get_location (backend), ==, f->db_path);
  g_assert_false (gx_backend_is_read_only (backend));
  g_assert_false (gx_backend_location_is_postgres (f->db_path));
  g_assert_false (gx_backend_location_is_postgres ("reports/host=a.db"));

  for (guint i = 0; i < G_N_ELEMENTS (postgres); i++)
    {
      g_autoptr(GError) refused = NULL;

      g_assert_true (gx_backend_location_is_postgres (postgres[i]));
      /* no server there: refused by libpq (tests/store/test-backend.c
       * runs every operation against a server of its own) */
      g_assert_null (gx_backend_open (postgres[i], TRUE, &refused));
      g_assert_error (refused, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
      g_assert_nonnull (strstr (refused->message, "postgresql://"));
    }
  /* a store's errors are the backend's */
  g_assert_null (gx_backend_load_report (backend, 4242, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND);
}

/* A workspace of version 4 (tests/data/workspace-v4.sql, made by the
 * program before reports had revisions) is migrated to version 5: nothing
 * of it changes but the new column, every report at revision 1; its
 * reports are saved as before, and a save of a report loaded before
 * another save is refused.  Opened again, it is not migrated twice. */
static void
test_migrate_v4 (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sql_path = sample_path ("workspace-v4.sql");
  g_autofree char *dir = g_path_get_dirname (f->db_path);
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) mine = NULL;
  g_autoptr(GxReport) theirs = NULL;
  int new_received = gx_schema_find_cell_by_path ("applications.new_received.total");
  char *message = NULL;
  sqlite3 *db = NULL;
  GxStore *store;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
  g_assert_cmpint (query_int (f->db_path, "PRAGMA user_version"), ==, 4);
  before = dump_database (f->db_path);

  /* read (list, export, print) without migrating: a folder one cannot
   * write keeps serving it */
  store = gx_store_open_read_only (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_is_read_only (store));
  {
    g_autoptr(GPtrArray) summaries = gx_store_list_summaries (store, &error);
    g_autoptr(GPtrArray) all = gx_store_load_all (store, &error);
    g_autoptr(GxReport) anding = gx_store_load_report (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (summaries->len, ==, 2);
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_cmpint (gx_report_get_revision (g_ptr_array_index (all, 0)), ==, 1);
    g_assert_cmpint (gx_report_get_revision (anding), ==, 1);
    g_assert_cmpint (cell_value (anding, "applications.new_received.total"), ==, W (13));
    g_assert_false (gx_store_save_report (store, anding, &error));
    g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE);
    g_clear_error (&error);
  }
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (f->db_path, "PRAGMA user_version"), ==, 4);
  after = dump_database (f->db_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  store = open_store (f->db_path);
  g_assert_cmpint (query_int (f->db_path, "PRAGMA user_version"), ==, 5);
  after = dump_database (f->db_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT (*) FROM reports WHERE revision = 1"), ==, 2);
  g_assert_cmpint (query_int (f->db_path, "SELECT COUNT (*) FROM reviews WHERE state = 'dismissed' "
                              "AND note = '已核实'"), ==, 1);

  /* 安定镇 2022: 本年新收 13 */
  mine = gx_store_load_report (store, 1, &error);
  g_assert_no_error (error);
  theirs = gx_store_load_report (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (mine), ==, 1);
  g_assert_cmpint (cell_value (mine, "applications.new_received.total"), ==, W (13));
  /* 密云 2021: the dismissed note is still dismissed */
  {
    g_autoptr(GxReport) miyun = gx_store_load_report (store, 2, &error);
    GPtrArray *findings;
    guint dismissed = 0;

    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_revision (miyun), ==, 1);
    findings = gx_report_get_findings (miyun);
    for (guint i = 0; i < findings->len; i++)
      if (gx_finding_get_review (g_ptr_array_index (findings, i)) == GX_REVIEW_DISMISSED)
        dismissed++;
    g_assert_cmpuint (dismissed, ==, 1);
  }

  gx_report_set_value (theirs, (guint) new_received, W (14));
  g_assert_true (gx_store_save_report (store, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (theirs), ==, 2);
  gx_report_set_value (mine, (guint) new_received, W (15));
  g_assert_false (gx_store_save_report (store, mine, &error));
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_CHANGED);
  g_clear_error (&error);
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (f->db_path, "SELECT value FROM cell_values WHERE report_id = 1 "
                              "AND path = 'applications.new_received.total'"), ==, W (14));

  /* opened again: not migrated twice */
  store = open_store (f->db_path);
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (f->db_path, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (f->db_path, "SELECT revision FROM reports WHERE id = 1"), ==, 2);
  g_assert_cmpint (query_int (f->db_path, "SELECT revision FROM reports WHERE id = 2"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/content-hash", test_content_hash);

#define ADD(name, fn) g_test_add ("/store/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("samples-reopen", test_samples_reopen);
  ADD ("reimport-already-present", test_reimport);
  ADD ("conflict-and-replace", test_conflict_replace);
  ADD ("json-round-trip", test_json_round_trip);
  g_test_add_func ("/store/json-refuse", test_json_refuse);
  ADD ("csv", test_csv);
  ADD ("too-new-refused-untouched", test_too_new);
  ADD ("not-a-workspace", test_not_a_workspace);
  ADD ("rollup-and-selection", test_rollup_and_selection);
  ADD ("save-and-remove", test_save_and_remove);
  ADD ("cli", test_cli);
  ADD ("cli-review-merge-link", test_cli_review_merge_link);
  ADD ("backend-open", test_backend_open);
  ADD ("migrate-v4", test_migrate_v4);
#undef ADD

  return g_test_run ();
}
