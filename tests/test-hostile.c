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
#include <fcntl.h>
#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-utils.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-csv.h"
#include "gx-json.h"
#include "gx-store.h"
#include "gx-rates.h"
#include "gx-review.h"
#include "gx-test-fs.h"

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

/* The peak a .docx of a 60 MB document.xml may take, resident, in KB (the
 * tree took some 400 MB; see README) */
#define DOCX_PEAK_KB (120 * 1024)

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

  g_assert_cmpint (query_int (db_path, "PRAGMA user_version"), ==, 5);
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
  gx_test_remove_tree (dir);
}

/* A workspace of version 3 (tests/data/workspace-v3.sql): the 2019 report
 * kept （六）其他处理 in other_handling; version 4 keeps it in other_misc
 * (report-schema.md), other_no_correction and other_no_fee blank, and the
 * decisions on findings follow them (the one on other_handling's total, the
 * one on a finding about the text, which has no cell now). */
static void
test_migrate_v3 (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "v3.db", NULL);
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "workspace-v3.sql", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  GxStore *store;
  GxReport *miyun = NULL;
  int misc_person = cell_of ("applications.other_misc.natural_person");
  int misc_commercial = cell_of ("applications.other_misc.commercial");
  int misc_total = cell_of ("applications.other_misc.total");
  int no_fee_total = cell_of ("applications.other_no_fee.total");
  int no_correction = cell_of ("applications.other_no_correction.natural_person");

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  exec_sql (db_path, sql);
  g_assert_cmpint (query_int (db_path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (query_int (db_path, "SELECT value FROM cell_values WHERE report_id = 1 "
                              "AND path = 'applications.other_handling.total'"), ==, 57000000);

  store = gx_store_open (db_path, &error);
  g_assert_no_error (error);
  all = gx_store_load_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < all->len; i++)
    if (strstr (gx_report_get_issuer (g_ptr_array_index (all, i)), "密云"))
      miyun = g_ptr_array_index (all, i);
  g_assert_nonnull (miyun);
  g_assert_cmpstr (gx_report_get_format_version (miyun), ==, "2019");
  /* 57 0 0 0 0 0 57 in the file, 0 made '1O' by hand */
  g_assert_cmpint (gx_report_get_count (miyun, (guint) misc_person), ==, 57);
  g_assert_cmpint (gx_report_get_count (miyun, (guint) misc_total), ==, 57);
  g_assert_true (gx_report_get_cell (miyun, (guint) misc_commercial, NULL) == GX_CELL_INVALID);
  raw = gx_report_dup_text (miyun, (guint) misc_commercial);
  g_assert_cmpstr (raw, ==, "1O");
  g_assert_true (gx_report_is_blank (miyun, (guint) no_fee_total));
  g_assert_true (gx_report_is_blank (miyun, (guint) no_correction));
  /* the decision on the text finding of the other report follows it */
  {
    g_autoptr(GxReport) anding = gx_store_load_report (store, 2, &error);
    GPtrArray *findings;
    guint seen = 0;

    g_assert_no_error (error);
    g_assert_nonnull (strstr (gx_report_get_issuer (anding), "安定镇"));
    findings = gx_report_get_findings (anding);
    for (guint j = 0; j < findings->len; j++)
      {
        GxFinding *f = g_ptr_array_index (findings, j);

        if (g_strcmp0 (gx_finding_get_rule (f), "section_missing_content") != 0)
          continue;
        g_assert_false (gx_finding_has_cell (f));
        g_assert_cmpint (gx_finding_get_review (f), ==, GX_REVIEW_DISMISSED);
        g_assert_cmpstr (gx_finding_get_review_note (f), ==, "已另行报送");
        seen++;
      }
    g_assert_cmpuint (seen, ==, 1);
  }
  g_assert_finalize_object (store);

  g_assert_cmpint (query_int (db_path, "PRAGMA user_version"), ==, 5);
  g_assert_cmpint (query_int (db_path, "SELECT value FROM cell_values WHERE report_id = 1 "
                              "AND path = 'applications.other_misc.total'"), ==, 57000000);
  g_assert_cmpint (query_int (db_path, "SELECT COUNT (*) FROM cell_values WHERE row = 'other_handling'"), ==, 0);
  g_assert_cmpint (query_int (db_path, "SELECT COUNT (*) FROM cell_values WHERE report_id = 1 "
                              "AND row IN ('other_no_correction', 'other_no_fee') AND value IS NULL"), ==, 14);
  /* the 2021 report is as it was */
  g_assert_cmpint (query_int (db_path, "SELECT COUNT (*) FROM cell_values WHERE report_id = 2 "
                              "AND row LIKE 'other_%'"), ==, 21);
  key = query_text (db_path, "SELECT group_concat (finding_key, ' ') FROM "
                    "(SELECT finding_key FROM reviews ORDER BY finding_key)");
  g_assert_cmpstr (key, ==, "row_total/applications.other_misc.total section_missing_content");

  /* opened again: not migrated twice */
  store = gx_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (query_int (db_path, "SELECT value FROM cell_values WHERE report_id = 1 "
                              "AND path = 'applications.other_misc.total'"), ==, 57000000);
  gx_test_remove_tree (dir);
}

/* Overflow ------------------------------------------------------------------- */

static int
run_cli (const char *const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GX_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* haidian-2022.txt with its first count of 本年新收 (自然人, 1448) replaced */
static char *
write_haidian_with (const char *dir,
                    const char *name,
                    const char *count)
{
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "data", "haidian-2022.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) s = NULL;
  g_autofree char *replacement = g_strdup_printf ("一、本年新收政府信息公开申请数量\n\t%s\n\t60\n", count);
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  s = g_string_new (text);
  g_assert_cmpuint (g_string_replace (s, "一、本年新收政府信息公开申请数量\n\t1448\n\t60\n", replacement, 1), ==, 1);
  g_assert_true (g_file_set_contents (path, s->str, (gssize) s->len, NULL));
  return path;
}

static GxFinding *
find_finding (GxReport   *report,
              const char *rule,
              const char *path)
{
  GPtrArray *findings = gx_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (gx_finding_get_rule (f), rule) == 0 &&
          (path == NULL || gx_finding_get_cell (f) == (guint) cell_of (path)))
        return f;
    }
  return NULL;
}

/* A 20-digit count is "too large", named with its file and cell; the sums
 * it takes part in are not checked (no wrapped "-44674407370955.16"). */
static void
test_count_too_large (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_haidian_with (dir, "big.txt", "99999999999999999999");
  g_autofree char *max = write_haidian_with (dir, "max.txt", "999999999");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_path (path, &error);
  g_autoptr(GxReport) at_max = NULL;
  GxFinding *f;
  gint64 v;

  g_assert_no_error (error);
  g_ptr_array_unref (gx_rules_check (report));
  f = find_finding (report, "count_value", "applications.new_received.natural_person");
  g_assert_nonnull (f);
  g_assert_cmpstr (gx_finding_get_message (f), ==,
                   "New applications received this year · Natural persons: “99999999999999999999” is too large: at most 999,999,999");
  g_assert_null (find_finding (report, "row_total", "applications.new_received.total"));

  /* the whole check, as a user runs it: the file and the cell named */
  g_assert_cmpint (run_cli ((const char *const[]) { "check", path, NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (out, "big.txt"));
  g_assert_nonnull (strstr (out, "“99999999999999999999” is too large: at most 999,999,999"));
  g_assert_null (strstr (out, "not a count"));
  g_assert_null (strstr (out, "= -"));

  /* 999,999,999 is kept, and its row total (1521 − 1448 + 999999999) is
   * computed exactly */
  at_max = gx_reader_read_path (max, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (gx_rules_check (at_max));
  g_assert_cmpint (gx_report_get_count (at_max, (guint) cell_of ("applications.new_received.natural_person")), ==, 999999999);
  f = find_finding (at_max, "row_total", "applications.new_received.total");
  g_assert_nonnull (f);
  g_assert_cmpint (gx_finding_get_expected (f), ==, G_GINT64_CONSTANT (1000000072) * GX_VALUE_SCALE);
  g_assert_nonnull (strstr (gx_finding_get_message (f), "= 1000000072, but"));

  g_assert_cmpint (gx_value_parse_full ("999999999", &v), ==, GX_VALUE_PARSE_OK);
  g_assert_cmpint (gx_value_parse_full ("1000000000", &v), ==, GX_VALUE_PARSE_TOO_LARGE);
  g_assert_cmpint (gx_value_parse_full ("999,999,999.5", &v), ==, GX_VALUE_PARSE_TOO_LARGE);
  g_assert_cmpint (gx_value_parse_full ("-1000000000", &v), ==, GX_VALUE_PARSE_TOO_LARGE);
  /* still a number for the readers' layout */
  g_assert_true (gx_value_parse ("99999999999999999999", NULL));
  g_assert_false (gx_value_parse ("99999999999999999999", &v));
  gx_test_remove_tree (dir);
}

/* Values set past the maximum by other code (not from text) are refused by
 * count_value and sums stay out of it; rates give none. */
static void
test_rules_overflow (void)
{
  g_autoptr(GxReport) report = gx_report_new ();
  GPtrArray *findings;
  double rate;

  gx_report_set_year (report, 2022);
  gx_report_set_value (report, (guint) cell_of ("applications.granted.total"), G_MAXINT64 / 2);
  gx_report_set_value (report, (guint) cell_of ("applications.partially_granted.total"), G_MAXINT64 / 2 + 10);
  gx_report_set_value (report, (guint) cell_of ("applications.results_total.total"), 5 * GX_VALUE_SCALE);
  findings = gx_rules_check (report);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      /* no sum wrapped round to a negative number */
      g_assert_null (strstr (gx_finding_get_message (f), "= -"));
      g_assert_null (strstr (gx_finding_get_message (f), "is -"));
      g_assert_cmpint (gx_finding_get_expected (f), >=, 0);
      g_assert_cmpint (gx_finding_get_actual (f), >=, 0);
    }
  g_ptr_array_unref (findings);
  g_assert_nonnull (find_finding (report, "count_value", "applications.granted.total"));
  g_assert_nonnull (strstr (gx_finding_get_message (find_finding (report, "count_value", "applications.granted.total")),
                            "too large: at most 999,999,999"));
  g_assert_false (gx_rate_compute (report, GX_RATE_DISCLOSED, NULL, NULL, &rate));
}

static GxReport *
report_with_total (const char *issuer,
                   gint64      fixed)
{
  GxReport *report = gx_report_new ();

  gx_report_set_issuer (report, issuer);
  gx_report_set_year (report, 2022);
  gx_report_set_value (report, (guint) cell_of ("applications.new_received.total"), fixed);
  return report;
}

/* A roll-up at the maximum is exact; one whose sum passes what a value
 * holds is refused with a message (SQLite's SUM() says "integer overflow"). */
static void
test_rollup_overflow (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *db_path = g_build_filename (dir, "ws.db", NULL);
  g_autoptr(GError) error = NULL;
  GxStore *store = gx_store_open (db_path, &error);
  const char *names[] = { "甲", "乙", "丙" };
  gint64 ids[3], big[2];
  GxReport *sum;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GxReport) r = report_with_total (names[i], GX_VALUE_MAX);

      g_assert_true (gx_store_put_report (store, r, NULL, FALSE, NULL, &error));
      g_assert_no_error (error);
      ids[i] = gx_report_get_id (r);
    }
  sum = gx_store_rollup (store, ids, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_count (sum, (guint) cell_of ("applications.new_received.total")), ==,
                   G_GINT64_CONSTANT (2999999997));
  g_assert_finalize_object (sum);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GxReport) r = report_with_total (i ? "丁" : "戊", G_MAXINT64 / 2 + 1);

      g_assert_true (gx_store_put_report (store, r, NULL, FALSE, NULL, &error));
      g_assert_no_error (error);
      big[i] = gx_report_get_id (r);
    }
  sum = gx_store_rollup (store, big, 2, &error);
  g_assert_null (sum);
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, "cannot add up the 2 reports"));
  g_assert_nonnull (strstr (error->message, db_path));
  g_clear_error (&error);
  g_assert_finalize_object (store);

  /* print --rollup says so too, and writes nothing */
  {
    g_autofree char *pdf = g_build_filename (dir, "sum.pdf", NULL);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run_cli ((const char *const[]) { "print", "--db", db_path, "--issuer", "戊", "--rollup", "-o", pdf, NULL },
                              &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli ((const char *const[]) { "print", "--db", db_path, "--rollup", "-o", pdf, NULL },
                              &out, &err), !=, 0);
    g_assert_nonnull (strstr (err, "cannot add up the 5 reports"));
  }
  gx_test_remove_tree (dir);
}

/* Numbers --------------------------------------------------------------------- */

static void
test_thousands_separators (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_haidian_with (dir, "comma.txt", "1,3");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;
  GxFinding *f;
  gint64 v;

  g_assert_true (gx_value_parse ("1,234", &v));
  g_assert_cmpint (v, ==, 1234 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse ("1,234,567", &v));
  g_assert_cmpint (v, ==, 1234567 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse ("１，２３４", &v));
  g_assert_cmpint (v, ==, 1234 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse ("12,345.5", &v));
  g_assert_cmpint (v, ==, 12345500000);
  g_assert_false (gx_value_parse ("1,3", &v));
  g_assert_false (gx_value_parse ("1，3", &v));
  g_assert_false (gx_value_parse ("1,2345", &v));
  g_assert_false (gx_value_parse ("12,34,567", &v));
  g_assert_false (gx_value_parse ("1234,567", &v));
  g_assert_false (gx_value_parse ("1,234,", &v));
  g_assert_false (gx_value_parse (",123", &v));

  /* in a report: not 13, a count_value naming the text as written */
  report = gx_reader_read_path (path, &error);
  g_assert_no_error (error);
  g_ptr_array_unref (gx_rules_check (report));
  g_assert_true (gx_report_get_cell (report, (guint) cell_of ("applications.new_received.natural_person"), NULL)
                 == GX_CELL_INVALID);
  f = find_finding (report, "count_value", "applications.new_received.natural_person");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (gx_finding_get_message (f), "“1,3” is not a count"));
  gx_test_remove_tree (dir);
}

/* JSON ------------------------------------------------------------------------- */

static void
assert_json_error (const char *data,
                   gssize      len,
                   int         code,
                   const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = gx_json_read_reports (data, len, "x.json", &error);

  g_assert_null (reports);
  g_assert_error (error, GX_JSON_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "x.json: "));
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” not in “%s”", part, error->message);
}

/* 100,000 "[" crashed json-glib's recursive parser: refused from a scan,
 * with the line; the other files of the import go in. */
static void
test_json_deep (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *inner = NULL, *open_70 = NULL, *close_70 = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *deep_path = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *db_path = g_build_filename (dir, "ws.db", NULL);
  g_autofree char *sample = g_test_build_filename (G_TEST_DIST, "data", "haidian-2022.txt", NULL);
  g_autofree char *out = NULL, *err = NULL;

  assert_json_error (deep, -1, GX_JSON_ERROR_SYNTAX, "line 1: nested more than 64 levels deep");
  /* deep inside a report, on line 3 */
  open_70 = g_strnfill (70, '[');
  close_70 = g_strnfill (70, ']');
  inner = g_strdup_printf ("[\n{\"issuer\": \"x\",\n \"year\": %s1%s}]", open_70, close_70);
  assert_json_error (inner, -1, GX_JSON_ERROR_SYNTAX, "line 3: nested more than 64 levels deep");

  g_assert_true (g_file_set_contents (deep_path, deep, -1, NULL));
  run_cli ((const char *const[]) { "import", "--db", db_path, deep_path, sample, NULL }, &out, &err);
  g_assert_nonnull (strstr (err, "deep.json: "));
  g_assert_nonnull (strstr (err, "line 1: nested more than 64 levels deep"));
  g_assert_nonnull (strstr (out, "haidian-2022.txt: added"));
  g_assert_cmpint (query_int (db_path, "SELECT COUNT(*) FROM reports"), ==, 1);
  gx_test_remove_tree (dir);
}

static gint64
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* 64 MiB of JSON: refused without building it (2.7 GB before). */
static void
test_json_huge (void)
{
  if (g_test_subprocess ())
    {
      gsize size = 64 * 1024 * 1024 - 16;
      char *data = g_malloc (size + 1);
      gint64 before, after;

      /* an array of 33 million numbers */
      data[0] = '[';
      for (gsize i = 1; i + 2 < size; i += 2)
        memcpy (data + i, "0,", 2);
      memcpy (data + size - 2, "0]", 2);
      if (size % 2)
        data[size - 3] = ' ';
      data[size] = '\0';
      before = max_rss_kb ();
      assert_json_error (data, (gssize) size, GX_JSON_ERROR_SHAPE, "report 1: (report): expected an object");

      /* one report padded to 64 MiB */
      memcpy (data, "{\"issuer\": \"", 12);
      memset (data + 12, 'x', size - 14);
      memcpy (data + size - 2, "\"}", 2);
      assert_json_error (data, (gssize) size, GX_JSON_ERROR_SHAPE, "report 1 (line 1): 64.0\xc2\xa0MiB of JSON; a report takes at most 1.0\xc2\xa0MiB");

      /* the same as an array element, on line 2 */
      memcpy (data, "[\n{\"issuer\": \"", 14);
      memcpy (data + size - 3, "\"}]", 3);
      assert_json_error (data, (gssize) size, GX_JSON_ERROR_SHAPE, "report 1 (line 2)");
      after = max_rss_kb ();
      g_free (data);
      g_printerr ("peak %" G_GINT64_FORMAT " KB over the 64 MiB file\n", after - before);
      /* the file itself is counted in before; what reading adds is small */
      if (!UNDER_ASAN)
        g_assert_cmpint (after - before, <, 32 * 1024);
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Random bytes named .json: not text, not "not valid JSON". */
static void
test_json_binary (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint8 data[4096];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  data[0] = '[';
  assert_json_error ((const char *) data, sizeof data, GX_JSON_ERROR_SYNTAX,
                     "not text (binary data, or not UTF-8): not a file of reports");
  data[0] = 0x8f;
  assert_json_error ((const char *) data, sizeof data, GX_JSON_ERROR_SYNTAX, "line 1: not text");
  /* NUL bytes in what is otherwise text, on line 2 */
  assert_json_error ("[\n\0]", 4, GX_JSON_ERROR_SYNTAX, "line 2: not text");
  /* truncated */
  assert_json_error ("[{\"issuer\": ", -1, GX_JSON_ERROR_SYNTAX, "line 1: not valid JSON: the file ends before the array is closed");
  assert_json_error ("[\n,1]", -1, GX_JSON_ERROR_SYNTAX, "line 2: not valid JSON: a “,” with nothing before it");
  assert_json_error ("[]\n]", -1, GX_JSON_ERROR_SYNTAX, "line 2: not valid JSON");
}

/* Word documents ------------------------------------------------------------------ */

static GBytes *
make_docx (const char *document_xml,
           gsize       len)
{
  GsfOutput *memory = gsf_output_memory_new ();
  g_autoptr(GError) error = NULL;
  GsfOutfile *zip = gsf_outfile_zip_new (memory, &error);
  GsfOutput *part;
  GsfOutput *word;
  GBytes *bytes;

  g_assert_no_error (error);
  word = gsf_outfile_new_child (zip, "word", TRUE);
  part = gsf_outfile_new_child (GSF_OUTFILE (word), "document.xml", FALSE);
  for (gsize done = 0; done < len;)
    {
      gsize n = MIN (len - done, 1024 * 1024);

      g_assert_true (gsf_output_write (part, n, (const guint8 *) document_xml + done));
      done += n;
    }
  gsf_output_close (part);
  gsf_output_close (word);
  gsf_output_close (GSF_OUTPUT (zip));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)),
                       (gsize) gsf_output_size (memory));
  g_object_unref (part);
  g_object_unref (word);
  g_object_unref (zip);
  g_object_unref (memory);
  return bytes;
}

/* word/document.xml of a fixture */
static char *
fixture_document_xml (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *out = NULL;
  g_autofree char *xml_path = g_build_filename (dir, "word", "document.xml", NULL);
  char *xml = NULL;
  const char *argv[] = { "unzip", "-q", "-o", path, "word/document.xml", "-d", dir, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    {
      gx_test_remove_tree (dir);
      return NULL;
    }
  g_file_get_contents (xml_path, &xml, NULL, NULL);
  g_remove (xml_path);
  {
    g_autofree char *word = g_build_filename (dir, "word", NULL);

    g_rmdir (word);
  }
  gx_test_remove_tree (dir);
  return xml;
}

typedef struct
{
  GBytes **docs;
  guint n_docs;
  gint *go;
  guint n_read;
} Worker;

static gpointer
worker_cb (gpointer data)
{
  Worker *w = data;

  while (!g_atomic_int_get (w->go))
    ;   /* all threads start at once: the race was at the first file */
  for (guint i = 0; i < w->n_docs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("d%u.docx", i);
      g_autoptr(GxReport) report = gx_reader_read_bytes (w->docs[i], name, &error);

      g_assert_no_error (error);
      g_assert_cmpint (gx_report_get_count (report, (guint) cell_of ("applications.new_received.total")), ==, 1521);
      w->n_read++;
    }
  return NULL;
}

#define N_DOCS 8
#define N_THREADS 8

/* Two .docx files read at once crashed 9–14 runs in 30 ("cannot register
 * existing type 'GsfInput'"): the libraries are set up once before any
 * thread reads.  Every run is a new process (the race is at start-up). */
static void
test_docx_threads (void)
{
  g_autofree char *xml = fixture_document_xml ("haidian-2022.docx");
  GBytes *docs[N_DOCS];

  if (xml == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }
  for (guint i = 0; i < N_DOCS; i++)
    {
      /* eight different files: the issuer's name varies */
      g_autoptr(GString) s = g_string_new (xml);
      g_autofree char *name = g_strdup_printf ("海淀%u", i);

      g_string_replace (s, "海淀", name, 1);
      docs[i] = make_docx (s->str, s->len);
    }

  if (g_test_subprocess ())
    {
      /* no gx_reader_init() here: gx_reader_read_bytes() sees to it */
      Worker workers[N_THREADS];
      GThread *threads[N_THREADS];
      gint go = 0;

      for (guint t = 0; t < N_THREADS; t++)
        {
          workers[t] = (Worker) { docs, N_DOCS, &go, 0 };
          threads[t] = g_thread_new ("reader", worker_cb, &workers[t]);
        }
      g_atomic_int_set (&go, 1);
      for (guint t = 0; t < N_THREADS; t++)
        {
          g_thread_join (threads[t]);
          g_assert_cmpuint (workers[t].n_read, ==, N_DOCS);
        }
    }
  else
    {
      guint runs = UNDER_ASAN ? 15 : 50;
      g_autofree char *dir = make_temp_dir ();
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

      for (guint run = 0; run < runs; run++)
        {
          g_test_trap_subprocess ("/hostile/docx/threads", 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
          g_test_trap_assert_passed ();
        }

      /* and the command line: check --json of the eight files, 8 threads */
      g_ptr_array_add (args, g_strdup ("check"));
      g_ptr_array_add (args, g_strdup ("--json"));
      for (guint i = 0; i < N_DOCS; i++)
        {
          g_autofree char *path = g_strdup_printf ("%s/d%u.docx", dir, i);
          gsize len;
          const char *data = g_bytes_get_data (docs[i], &len);

          g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
          g_ptr_array_add (args, g_steal_pointer (&path));
        }
      g_ptr_array_add (args, NULL);
      g_setenv ("GX_THREADS", "8", TRUE);
      for (guint run = 0; run < 5; run++)
        {
          g_autofree char *out = NULL, *err = NULL;

          run_cli ((const char *const *) args->pdata, &out, &err);
          g_assert_cmpstr (err, ==, "");
          g_assert_nonnull (strstr (out, "海淀7"));
        }
      g_unsetenv ("GX_THREADS");
      gx_test_remove_tree (dir);
    }
  for (guint i = 0; i < N_DOCS; i++)
    g_bytes_unref (docs[i]);
}

/* One paragraph of filler as Word writes them: much markup, little text. */
static const char filler[] =
  "<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"360\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"480\"/>"
  "<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:cs=\"宋体\"/><w:sz w:val=\"24\"/></w:rPr></w:pPr>"
  "<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:cs=\"宋体\"/><w:sz w:val=\"24\"/></w:rPr>"
  "<w:t>说明</w:t></w:r></w:p>";

/* A 60 MB word/document.xml (a few hundred KB zipped) is streamed: the
 * peak stays far below the 400 MB the tree took. */
static void
test_docx_memory (void)
{
  if (g_test_subprocess ())
    {
      /* only the reading in this process: the file was made by the parent */
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) docx = gx_reader_load_path (g_getenv ("GX_TEST_BIG_DOCX"), &error);
      g_autoptr(GxReport) report = NULL;
      gint64 before, after;

      g_assert_no_error (error);
      before = max_rss_kb ();
      report = gx_reader_read_bytes (docx, "big.docx", &error);
      after = max_rss_kb ();
      g_assert_no_error (error);
      g_assert_cmpint (gx_report_get_count (report, (guint) cell_of ("applications.new_received.total")), ==, 1521);
      g_printerr ("big.docx (%" G_GSIZE_FORMAT " bytes): peak %" G_GINT64_FORMAT " KB before reading, %" G_GINT64_FORMAT " KB after\n",
                  g_bytes_get_size (docx), before, after);
      if (!UNDER_ASAN)
        g_assert_cmpint (after, <, DOCX_PEAK_KB);
      return;
    }
  else
    {
      g_autofree char *xml = fixture_document_xml ("haidian-2022.docx");
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GString) big = NULL;
      g_autoptr(GBytes) docx = NULL;
      const char *end;

      if (xml == NULL)
        {
          g_test_skip ("unzip is not installed");
          return;
        }
      /* the report, then 60 MB of filler paragraphs before w:sectPr */
      end = strstr (xml, "<w:sectPr");
      g_assert_nonnull (end);
      big = g_string_sized_new (61 * 1000 * 1000);
      g_string_append_len (big, xml, end - xml);
      while (big->len < 60 * 1000 * 1000)
        g_string_append (big, filler);
      g_string_append (big, end);
      docx = make_docx (big->str, big->len);
      g_printerr ("document.xml %" G_GSIZE_FORMAT " bytes\n", big->len);
      dir = make_temp_dir ();
      path = g_build_filename (dir, "big.docx", NULL);
      g_assert_true (g_file_set_contents (path, g_bytes_get_data (docx, NULL), (gssize) g_bytes_get_size (docx), NULL));
      g_setenv ("GX_TEST_BIG_DOCX", path, TRUE);
      g_test_trap_subprocess (NULL, 240 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("GX_TEST_BIG_DOCX");
      gx_test_remove_tree (dir);
      g_test_trap_assert_passed ();
    }
}

/* Billion laughs: the document declares entities; refused as such (it was
 * "not well-formed XML"). */
static void
test_docx_entities (void)
{
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>";
  g_autoptr(GBytes) docx = make_docx (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_bytes (docx, "laughs.docx", &error);

  g_assert_null (report);
  g_assert_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "laughs.docx: word/document.xml, line "));
  g_assert_nonnull (strstr (error->message, "their expansion was refused"));
  g_assert_null (strstr (error->message, "well-formed"));
}

/* The size cap reads as the README says it: 64 MiB, not "67.1 MB". */
static void
test_size_message (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, GX_READER_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);
  bytes = gx_reader_load_path (path, &error);
  g_assert_null (bytes);
  g_assert_error (error, GX_READER_ERROR, GX_READER_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.txt"));
  g_assert_nonnull (strstr (error->message, "a report is at most 64.0\xc2\xa0MiB"));
  gx_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add_func ("/hostile/scale/six-decimals", test_six_decimals_round_trip);
  g_test_add_func ("/hostile/scale/migrate-v2", test_migrate_v2);
  g_test_add_func ("/hostile/migrate-v3", test_migrate_v3);
  g_test_add_func ("/hostile/overflow/count-too-large", test_count_too_large);
  g_test_add_func ("/hostile/overflow/rules", test_rules_overflow);
  g_test_add_func ("/hostile/overflow/rollup", test_rollup_overflow);
  g_test_add_func ("/hostile/numbers/thousands", test_thousands_separators);
  g_test_add_func ("/hostile/json/deep", test_json_deep);
  g_test_add_func ("/hostile/json/huge", test_json_huge);
  g_test_add_func ("/hostile/json/binary", test_json_binary);
  g_test_add_func ("/hostile/docx/threads", test_docx_threads);
  g_test_add_func ("/hostile/docx/memory", test_docx_memory);
  g_test_add_func ("/hostile/docx/entities", test_docx_entities);
  g_test_add_func ("/hostile/reader/size-message", test_size_message);
  return g_test_run ();
}
