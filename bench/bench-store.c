/* bench-store.c: importing 10,000 reports into a new workspace
 *
 * The files are made from the five samples (tests/store/gx-test-gen.c).
 * Measured in one run, on the same files:
 *
 *   baseline   read every file and hash it (SHA-256): the floor of any import
 *   reader     … and parse it with gx_reader_read_bytes()
 *   store      gx_store_put_report() of the 10,000 reports already parsed,
 *              batches of 256, into a new workspace: the workspace alone
 *   import     read + hash + parse + put, as "gxreports-cli import" does
 *   reimport   the same 10,000 files again: all already present (hash only)
 *   rollup     one SQL sum of every cell over the 10,000 reports
 *
 * Usage: bench-store [N] [DATA_DIR]; prints one line per phase and exits 0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-store.h"
#include "gx-test-gen.h"
#include "../tests/gx-test-fs.h"

#define BATCH 256

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1e6;
}

static void
report_line (const char *phase,
             guint       n,
             double      seconds,
             const char *note)
{
  printf ("%-10s %6u reports  %7.3f s  %8.0f reports/s  %s\n", phase, n, seconds,
          seconds > 0 ? n / seconds : 0.0, note);
  fflush (stdout);
}

static GBytes *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize size;

  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (data, size);
}

static char *
hash_of (GBytes *bytes)
{
  gsize size;
  const guchar *data = g_bytes_get_data (bytes, &size);

  return gx_store_content_hash (data, size);
}

/* Puts the reports (or reads them first when @paths), as the CLI does. */
static guint
import_all (GxStore   *store,
            GPtrArray *paths,
            GPtrArray *reports,
            GPtrArray *hashes,
            guint      counts[4])
{
  g_autoptr(GError) error = NULL;
  guint n = paths ? paths->len : reports->len;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GxReport) report = NULL;
      g_autofree char *hash = NULL;
      GxImportOutcome outcome;

      if (i % BATCH == 0 && !gx_store_begin (store, &error))
        g_error ("%s", error->message);

      if (paths)
        {
          g_autoptr(GBytes) bytes = load (g_ptr_array_index (paths, i));
          g_autofree char *name = g_path_get_basename (g_ptr_array_index (paths, i));
          gint64 id;

          hash = hash_of (bytes);
          id = gx_store_find_hash (store, hash, &error);
          if (id < 0)
            g_error ("%s", error->message);
          if (id > 0)
            {
              counts[GX_IMPORT_ALREADY_PRESENT]++;
              goto next;
            }
          report = gx_reader_read_bytes (bytes, name, &error);
          if (report == NULL)
            g_error ("%s", error->message);
        }
      else
        {
          report = g_object_ref (g_ptr_array_index (reports, i));
          hash = g_strdup (g_ptr_array_index (hashes, i));
        }

      if (!gx_store_put_report (store, report, hash, FALSE, &outcome, &error))
        g_error ("%s", error->message);
      counts[outcome]++;

    next:
      if ((i + 1) % BATCH == 0 || i + 1 == n)
        if (!gx_store_commit (store, &error))
          g_error ("%s", error->message);
    }
  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *in_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 10000;
  guint counts[4] = { 0 };
  char note[128];
  gint64 start;
  double t;

  if (argc > 2)
    data_dir = g_strdup (argv[2]);
  else if (g_getenv ("GX_TEST_DATA"))
    data_dir = g_strdup (g_getenv ("GX_TEST_DATA"));
  else
    data_dir = g_build_filename ("tests", "data", NULL);

  dir = g_dir_make_tmp ("gx-bench-XXXXXX", &error);
  g_assert_no_error (error);
  in_dir = g_build_filename (dir, "in", NULL);
  paths = gx_test_generate_reports (data_dir, in_dir, n, &error);
  if (paths == NULL)
    g_error ("%s", error->message);
  printf ("# %u report files made from the samples in %s\n", n, data_dir);

  /* baseline: read and hash */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = load (g_ptr_array_index (paths, i));

      g_ptr_array_add (hashes, hash_of (bytes));
    }
  report_line ("baseline", n, seconds_since (start), "read + SHA-256 of each file");

  /* reader */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GBytes) bytes = load (g_ptr_array_index (paths, i));
      g_autofree char *name = g_path_get_basename (g_ptr_array_index (paths, i));
      GxReport *report = gx_reader_read_bytes (bytes, name, &error);

      if (report == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (reports, report);
    }
  report_line ("reader", n, seconds_since (start), "read + parse (gx_reader_read_bytes)");

  /* the workspace alone */
  {
    g_autofree char *db = g_build_filename (dir, "store.db", NULL);
    GxStore *store = gx_store_open (db, &error);

    g_assert_no_error (error);
    memset (counts, 0, sizeof counts);
    start = g_get_monotonic_time ();
    import_all (store, NULL, reports, hashes, counts);
    t = seconds_since (start);
    g_snprintf (note, sizeof note, "put of parsed reports: %u added, %u cells written",
                counts[GX_IMPORT_ADDED], counts[GX_IMPORT_ADDED] * gx_schema_n_cells ());
    report_line ("store", n, t, note);
    g_object_unref (store);
  }

  /* the whole import, then again */
  {
    g_autofree char *db = g_build_filename (dir, "import.db", NULL);
    GxStore *store = gx_store_open (db, &error);
    g_autoptr(GArray) ids = NULL;
    GxReport *sum;

    g_assert_no_error (error);
    memset (counts, 0, sizeof counts);
    start = g_get_monotonic_time ();
    import_all (store, paths, NULL, NULL, counts);
    t = seconds_since (start);
    g_snprintf (note, sizeof note, "read + hash + parse + put: %u added", counts[GX_IMPORT_ADDED]);
    report_line ("import", n, t, note);

    memset (counts, 0, sizeof counts);
    start = g_get_monotonic_time ();
    import_all (store, paths, NULL, NULL, counts);
    t = seconds_since (start);
    g_snprintf (note, sizeof note, "same files again: %u already present",
                counts[GX_IMPORT_ALREADY_PRESENT]);
    report_line ("reimport", n, t, note);

    ids = gx_store_find_ids (store, 0, NULL, &error);
    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    sum = gx_store_rollup (store, (const gint64 *) (gpointer) ids->data, ids->len, &error);
    g_assert_no_error (error);
    report_line ("rollup", ids->len, seconds_since (start), "one SQL sum of every cell");
    g_object_unref (sum);

    start = g_get_monotonic_time ();
    {
      g_autoptr(GPtrArray) list = gx_store_list_summaries (store, &error);

      g_assert_no_error (error);
      report_line ("summaries", list->len, seconds_since (start), "gx_store_list_summaries");
    }
    g_object_unref (store);
  }

  gx_test_remove_tree (dir);
  return 0;
}
