/* bench-print.c: the roll-up of 1,000 reports to PDF (target: 2 s)
 *
 *   bench-print DATA_DIR [N [KEEP.pdf]]
 *
 * Fills a temporary workspace with N (default 1000) reports made from the
 * five samples (issuer numbered, so they are N distinct reports), then times,
 * in the same run:
 *   baseline 1: gx_workspace_rollup() alone (the one SQL query);
 *   baseline 2: the summary sheet of one report to PDF;
 *   measured:   the roll-up of all N to PDF, as `gxreports-cli print
 *               --rollup` does it (query, member list, rules, layout, PDF).
 * Each is run 3 times; the best and the median are printed.
 */
#include "gx-config.h"

#include <stdlib.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-print-job.h"
#include "gx-reader.h"
#include "gx-rules.h"
#include "gx-sheet-pdf.h"
#include "gx-workspace.h"

#define RUNS 3

static const char *const samples[] = {
  "anding-2022.txt",
  "beidaihe-2022-pipes.txt",
  "haidian-2022.txt",
  "miyun-2021.txt",
  "pinggu-2022.txt",
};

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report_times (const char *what,
              double     *times)
{
  qsort (times, RUNS, sizeof (double), compare_double);
  g_print ("%-44s best %8.1f ms   median %8.1f ms\n", what, times[0] * 1000, times[RUNS / 2] * 1000);
}

static void
cleanup_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) base = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *pdf = NULL;
  guint n = 1000;
  double rollup_query[RUNS], one_sheet[RUNS], rollup_pdf[RUNS];
  guint rollup_pages = 0;
  gint64 t0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-print DATA_DIR [N]\n");
      return 2;
    }
  if (argc > 2)
    n = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  if (n == 0)
    n = 1000;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_build_filename (argv[1], samples[i], NULL);
      GxReport *report = gx_reader_read_path (path, &error);

      if (report == NULL)
        {
          g_printerr ("bench-print: %s\n", error->message);
          return 1;
        }
      g_ptr_array_add (base, report);
    }

  dir = g_dir_make_tmp ("gx-bench-print-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "ws.db", NULL);
  pdf = g_build_filename (dir, "out.pdf", NULL);
  store = gx_workspace_open (db, FALSE, &error);
  g_assert_no_error (error);

  t0 = g_get_monotonic_time ();
  g_assert_true (gx_workspace_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GxReport) report = gx_report_copy (base->pdata[i % base->len]);
      g_autofree char *issuer = g_strdup_printf ("%s（%04u）", gx_report_get_issuer (report), i);
      g_autofree char *hash = g_strdup_printf ("bench-print-%u", i);
      g_autoptr(GPtrArray) findings = gx_rules_check (report);
      GxImportOutcome outcome;

      gx_report_set_issuer (report, issuer);
      if (!gx_backend_put_report (gx_workspace_get_backend (store), report, hash, FALSE, &outcome, &error))
        {
          g_printerr ("bench-print: %s\n", error->message);
          return 1;
        }
    }
  g_assert_true (gx_workspace_commit (store, &error));
  g_print ("workspace of %u reports filled in %.1f ms\n", n,
           (g_get_monotonic_time () - t0) / 1000.0);

  ids = gx_workspace_find_ids (store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GxReport) sum = NULL;
      g_autoptr(GxSheetJob) one = NULL;
      g_autoptr(GxSheetJob) job = NULL;

      t0 = g_get_monotonic_time ();
      sum = gx_workspace_rollup (store, &g_array_index (ids, gint64, 0), ids->len, &error);
      g_assert_no_error (error);
      rollup_query[r] = (g_get_monotonic_time () - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      one = gx_print_job_new_from_store (store, &g_array_index (ids, gint64, 0), 1, FALSE, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gx_sheet_job_write_pdf (one, pdf, FALSE, &error), >, 0);
      g_assert_no_error (error);
      one_sheet[r] = (g_get_monotonic_time () - t0) / 1e6;

      t0 = g_get_monotonic_time ();
      job = gx_print_job_new_from_store (store, &g_array_index (ids, gint64, 0), ids->len, TRUE, NULL, &error);
      g_assert_no_error (error);
      rollup_pages = gx_sheet_job_write_pdf (job, pdf, FALSE, &error);
      g_assert_no_error (error);
      rollup_pdf[r] = (g_get_monotonic_time () - t0) / 1e6;
    }

  report_times ("baseline: roll-up query alone", rollup_query);
  report_times ("baseline: one summary sheet to PDF", one_sheet);
  {
    g_autofree char *what = g_strdup_printf ("roll-up of %u reports to PDF (%u pages)", n, rollup_pages);

    report_times (what, rollup_pdf);
    qsort (rollup_pdf, RUNS, sizeof (double), compare_double);
    g_print ("target 2000 ms: %s\n", rollup_pdf[RUNS / 2] <= 2.0 ? "met" : "MISSED");
  }

  if (argc > 3)
    {
      g_autoptr(GxSheetJob) job =
        gx_print_job_new_from_store (store, &g_array_index (ids, gint64, 0), ids->len, TRUE, NULL, &error);

      g_assert_no_error (error);
      gx_sheet_job_write_pdf (job, argv[3], FALSE, &error);
      g_assert_no_error (error);
    }

  g_clear_object (&store);
  cleanup_dir (dir);
  return 0;
}
