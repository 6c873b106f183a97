/* bench-publish.c: publishing (issue 18) — 1,000 reports to .xlsx (target
 * 2 s) and one report to .docx (target 50 ms)
 *
 *   bench-publish DATA_DIR [N [GXREPORTS_CLI]]
 *
 * Makes N (default 1000) checked reports from the samples of DATA_DIR (the
 * issuer numbered, so they are N distinct rows), then times, in the same
 * run:
 *   baseline:  the CSV export of the same N reports, written to a file;
 *   measured:  the .xlsx of the N reports (reports, roll-up, findings);
 *   baseline:  reading one .docx back with GxReports' Word reader;
 *   measured:  one report (Haidian) to .docx, in memory and to a file;
 * and, given the command-line tool, end to end from a workspace of the N
 * reports (load, check across reports and reviews, write):
 *   baseline:  gxreports-cli export -f csv;
 *   measured:  gxreports-cli export -f xlsx.
 * The workbooks are timed 3 times, the document 25 times; the best and the
 * median are printed.
 */
#include "gx-config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-csv.h"
#include "gx-docx-writer.h"
#include "gx-store.h"
#include "gx-xlsx-writer.h"

static const char *const samples[] = {
  "anding-2022.txt",
  "beidaihe-2022-pipes.txt",
  "haidian-2022.txt",
  "miyun-2021.txt",
  "pinggu-2022.txt",
  "miyun-2020-format2019.txt",
};

/* seconds of `CLI export --db WS -f FORMAT -o OUT` */
static double
time_cli (const char *cli,
          const char *db,
          const char *format,
          const char *out)
{
  const char *argv[] = { cli, "export", "--db", db, "-f", format, "-o", out, NULL };
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (g_get_monotonic_time () - t0) / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report_times (const char *what,
              double     *times,
              guint       runs)
{
  qsort (times, runs, sizeof (double), compare_double);
  g_print ("%-52s best %8.2f ms   median %8.2f ms\n", what, times[0] * 1000, times[runs / 2] * 1000);
}

int
main (int    argc,
      char **argv)
{
  const char *data_dir = argc > 1 ? argv[1] : "tests/data";
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 1000;
  g_autoptr(GPtrArray) originals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-bench-publish-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "reports.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "reports.xlsx", NULL);
  g_autofree char *docx_path = g_build_filename (dir, "report.docx", NULL);
  double book[3], csv[3], docx[25], docx_file[25], read_back[25];
  GxReport *haidian = NULL;
  g_autoptr(GBytes) docx_bytes = NULL;
  struct stat st;

  g_assert_no_error (error);
  gx_reader_init ();
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, samples[i], NULL);
      GxReport *report = gx_reader_read_path (path, &error);

      g_assert_no_error (error);
      g_ptr_array_add (originals, report);
      if (g_str_has_prefix (samples[i], "haidian"))
        haidian = report;
    }
  for (guint i = 0; i < n; i++)
    {
      GxReport *report = gx_report_copy (g_ptr_array_index (originals, i % originals->len));
      g_autofree char *issuer = g_strdup_printf ("%s（%04u）", gx_report_get_issuer (report), i);

      gx_report_set_issuer (report, issuer);
      g_ptr_array_unref (gx_rules_check (report));
      g_ptr_array_add (reports, report);
    }
  g_print ("%u reports (%u cells each in the template)\n", n, gx_schema_n_cells ());

  for (guint r = 0; r < G_N_ELEMENTS (book); r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      gsize length;
      g_autofree char *text = gx_csv_write_reports (reports, GX_CSV_HEADER_CHINESE, &length);

      g_assert_true (g_file_set_contents (csv_path, text, (gssize) length, NULL));
      csv[r] = (g_get_monotonic_time () - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      g_assert_true (gx_xlsx_write_reports (reports, xlsx_path, &error));
      g_assert_no_error (error);
      book[r] = (g_get_monotonic_time () - t0) / 1e6;
    }
  report_times ("baseline: CSV of the reports to a file", csv, G_N_ELEMENTS (csv));
  report_times ("xlsx of the reports (reports, roll-up, findings)", book, G_N_ELEMENTS (book));
  if (g_stat (xlsx_path, &st) == 0)
    g_print ("  workbook: %.1f KB\n", st.st_size / 1024.0);

  for (guint r = 0; r < G_N_ELEMENTS (docx); r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = gx_docx_write_report (haidian, &error);
      g_autoptr(GxReport) back = NULL;

      g_assert_no_error (error);
      docx[r] = (g_get_monotonic_time () - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      g_assert_true (gx_docx_write_report_to_file (haidian, docx_path, &error));
      docx_file[r] = (g_get_monotonic_time () - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      back = gx_reader_read_bytes (bytes, "report.docx", &error);
      g_assert_no_error (error);
      read_back[r] = (g_get_monotonic_time () - t0) / 1e6;
      if (docx_bytes == NULL)
        docx_bytes = g_bytes_ref (bytes);
    }
  report_times ("baseline: reading the .docx back (Word reader)", read_back, G_N_ELEMENTS (read_back));
  report_times ("one report to .docx (in memory)", docx, G_N_ELEMENTS (docx));
  report_times ("one report to .docx (to a file)", docx_file, G_N_ELEMENTS (docx_file));
  g_print ("  document: %.1f KB\n", g_bytes_get_size (docx_bytes) / 1024.0);

  if (argc > 3)
    {
      g_autofree char *db = g_build_filename (dir, "workspace.db", NULL);
      g_autoptr(GxStore) store = gx_store_open (db, &error);
      double cli_csv[3], cli_xlsx[3];

      g_assert_no_error (error);
      g_assert_true (gx_store_begin (store, &error));
      for (guint i = 0; i < reports->len; i++)
        {
          g_autofree char *hash = g_strdup_printf ("bench-%u", i);
          GxImportOutcome outcome;

          g_assert_true (gx_store_put_report (store, g_ptr_array_index (reports, i), hash, FALSE,
                                              &outcome, &error));
        }
      g_assert_true (gx_store_commit (store, &error));
      g_clear_object (&store);
      for (guint r = 0; r < G_N_ELEMENTS (cli_csv); r++)
        {
          cli_csv[r] = time_cli (argv[3], db, "csv", csv_path);
          cli_xlsx[r] = time_cli (argv[3], db, "xlsx", xlsx_path);
        }
      report_times ("baseline: gxreports-cli export -f csv (workspace)", cli_csv, G_N_ELEMENTS (cli_csv));
      report_times ("gxreports-cli export -f xlsx (workspace)", cli_xlsx, G_N_ELEMENTS (cli_xlsx));
      g_unlink (db);
    }

  g_unlink (csv_path);
  g_unlink (xlsx_path);
  g_unlink (docx_path);
  g_rmdir (dir);
  return 0;
}
