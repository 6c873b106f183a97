/* test-hostile.c: values, limits and hostile input (issue 17)
 *
 *   scale      six decimals (GX_VALUE_SCALE 10^6): the fee of a real report
 *              (5949.088667 万元) and 19656.3836 round-trip byte for byte in
 *              JSON and CSV; a workspace of version 2 (×10000, made by the
 *              code before, tests/data/workspace-v2.sql) is migrated
 *   overflow   counts beyond 999,999,999 are "too large"; sums never wrap
 *   numbers    thousands separators: groups of exactly three digits
 *   json       nesting, size, binary data: refused before parsing
 *   docx       several threads at once; memory of a huge document.xml;
 *              entity expansion (billion laughs)
 */
#include <string.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-utils.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-csv.h"
#include "gx-json.h"
#include "gx-store.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static int
cell_of (const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);

  g_assert_cmpint (cell, >=, 0);
  return cell;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gx-hostile-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static gint64
query_int (const char *db_path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (s, 0);
  sqlite3_finalize (s);
  sqlite3_close (db);
  return v;
}

static char *
query_text (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  char *v;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &s, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_ROW);
  v = g_strdup ((const char *) sqlite3_column_text (s, 0));
  sqlite3_finalize (s);
  sqlite3_close (db);
  return v;
}

static void
exec_sql (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

/* Scale ---------------------------------------------------------------------- */

/* A report read from text, its fee typed as a real report prints it. */
static GxReport *
report_with_fee (const char *issuer,
                 const char *fee)
{
  GxReport *report = gx_report_new ();

  gx_report_set_issuer (report, issuer);
  gx_report_set_year (report, 2022);
  gx_report_set_text (report, (guint) cell_of ("disclosure.fees.amount_wan"), fee);
  gx_report_set_text (report, (guint) cell_of ("applications.new_received.total"), "1521");
  g_ptr_array_unref (gx_rules_check (report));
  return report;
}

static void
test_six_decimals_round_trip (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *csv = NULL;
  int fee = cell_of ("disclosure.fees.amount_wan");

  g_ptr_array_add (reports, report_with_fee ("甲", "5949.088667"));
  g_ptr_array_add (reports, report_with_fee ("乙", "19656.3836"));
  g_assert_cmpint (gx_report_get_value (g_ptr_array_index (reports, 0), (guint) fee), ==,
                   G_GINT64_CONSTANT (5949088667));
  g_assert_cmpint (gx_report_get_value (g_ptr_array_index (reports, 1), (guint) fee), ==,
                   G_GINT64_CONSTANT (19656383600));

  json = gx_json_write_reports (reports, TRUE);
  g_assert_nonnull (strstr (json, "\"amount_wan\": 5949.088667}"));
  g_assert_nonnull (strstr (json, "\"amount_wan\": 19656.3836}"));
  back = gx_json_read_reports (json, -1, "round.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 2);
  g_assert_cmpint (gx_report_get_value (g_ptr_array_index (back, 0), (guint) fee), ==,
                   G_GINT64_CONSTANT (5949088667));
  g_assert_cmpint (gx_report_get_value (g_ptr_array_index (back, 1), (guint) fee), ==,
                   G_GINT64_CONSTANT (19656383600));
  json2 = gx_json_write_reports (back, TRUE);
  g_assert_cmpstr (json, ==, json2);

  csv = gx_csv_write_reports (reports, GX_CSV_HEADER_KEYS, NULL);
  g_assert_nonnull (strstr (csv, ",5949.088667"));
  g_assert_nonnull (strstr (csv, ",19656.3836"));

  /* seven decimals: not a fee (count_value names it) */
  {
    g_autoptr(GxReport) seven = report_with_fee ("丙", "5949.0886671");
    GPtrArray *findings = gx_report_get_findings (seven);
    gboolean found = FALSE;

    g_assert_true (gx_report_get_cell (seven, (guint) fee, NULL) == GX_CELL_INVALID);
    for (guint i = 0; i < findings->len; i++)
      if (strstr (gx_finding_get_message (g_ptr_array_index (findings, i)), "“5949.0886671” is not an amount"))
        found = TRUE;
    g_assert_true (found);
  }
}

/* A workspace written by the code before this change (version 2, ×10000)
 * is migrated on open: every value exact at the new scale, the list's
 * figures too, and a value too large for ×100 kept as text. */
static void
test_migrate_v2 (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "v2.db", NULL);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "workspace-v2.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *number = NULL;
  GxStore *store;
  int fee = cell_of ("disclosure.fees.amount_wan");
  int received = cell_of ("applications.new_received.total");
  int granted = cell_of ("applications.granted.natural_person");

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  exec_sql (db_path, sql);
  g_assert_cmpint (query_int (db_path, "PRAGMA user_version"), ==, 2);
  /* as version 2 stored them: 19656.3836 → 196563836, 1521 → 15210000 */
  g_assert_cmpint (query_int (db_path, "SELECT value FROM cell_values WHERE report_id = 1 AND path = 'disclosure.fees.amount_wan'"),
                   ==, 196563836);
  g_assert_cmpint (query_int (db_path, "SELECT sum_new_received FROM reports WHERE id = 1"), ==, 15210000);
  /* a value version 2 could hold but not ×100 (set by hand: no report has one) */
  exec_sql (db_path, "UPDATE cells SET v0 = 92233720368547759 WHERE report_id = 2 AND row = "
            "(SELECT row FROM cell_keys WHERE path = 'applications.granted.natural_person')");

  store = gx_store_open (db_path, &error);
  g_assert_no_error (error);
  all = gx_store_load_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < all->len; i++)
    {
      GxReport *r = g_ptr_array_index (all, i);

      if (strstr (gx_report_get_issuer (r), "海淀"))
        {
          g_assert_cmpint (gx_report_get_value (r, (guint) fee), ==, G_GINT64_CONSTANT (19656383600));
          g_assert_cmpint (gx_report_get_count (r, (guint) received), ==, 1521);
        }
      else
        {
          g_autofree char *raw = NULL;

          g_assert_cmpint (gx_report_get_value (r, (guint) fee), ==, G_GINT64_CONSTANT (8157190000));
          g_assert_cmpint (gx_report_get_count (r, (guint) received), ==, 289);
          g_assert_true (gx_report_get_cell (r, (guint) granted, NULL) == GX_CELL_INVALID);
          raw = gx_report_dup_text (r, (guint) granted);
          g_assert_cmpstr (raw, ==, "9223372036854.7759");
        }
    }
  summaries = gx_store_list_summaries (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < summaries->len; i++)
    {
      GxReport *r = g_ptr_array_index (summaries, i);

      g_assert_cmpint (gx_report_get_count (r, (guint) received), ==,
                       strstr (gx_report_get_issuer (r), "海淀") ? 1521 : 289);
    }
  g_assert_finalize_object (store);

  g_assert_cmpint (query_int (db_path, "PRAGMA user_version"), ==, 3);
  number = query_text (db_path, "SELECT printf ('%.4f', number) FROM cell_values WHERE report_id = 1 AND path = 'disclosure.fees.amount_wan'");
  g_assert_cmpstr (number, ==, "19656.3836");
  g_assert_cmpint (query_int (db_path, "SELECT SUM (value) / 1000000 FROM cell_values WHERE path = 'applications.new_received.total'"),
                   ==, 1521 + 289);

  /* opened again: not migrated twice */
  store = gx_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (db_path, "SELECT value FROM cell_values WHERE report_id = 1 AND path = 'disclosure.fees.amount_wan'"),
                   ==, G_GINT64_CONSTANT (19656383600));
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);
  gx_reader_init ();

  g_test_add_func ("/hostile/scale/six-decimals", test_six_decimals_round_trip);
  g_test_add_func ("/hostile/scale/migrate-v2", test_migrate_v2);
  return g_test_run ();
}
