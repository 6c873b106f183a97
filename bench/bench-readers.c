/* bench-readers.c: reports per second for each reader (issue 7)
 *
 *   bench-readers DATA_DIR [SECONDS]
 *
 * Reads the Haidian report as plain text, as a web page, as a Word document
 * and as a PDF (tests/data and tests/data/formats), each over and over for
 * SECONDS (default 2), through gx_reader_read_bytes() and the rules, as an
 * import does.  The baseline, timed in the same run on the same bytes, is
 * hashing them (SHA-256): what merely touching the file costs.
 */
#include <stdlib.h>

#include "gx-core.h"

typedef struct
{
  const char *label;
  const char *path;
} Input;

static double
run (GBytes     *bytes,
     const char *name,
     double      seconds,
     gboolean    baseline,
     guint      *n_out)
{
  gint64 start = g_get_monotonic_time ();
  gint64 now = start;
  guint n = 0;

  while (n < 5 || (now - start) < seconds * G_USEC_PER_SEC)
    {
      if (baseline)
        {
          g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

          g_assert_nonnull (sum);
        }
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, name, &error);
          g_autoptr(GPtrArray) findings = NULL;

          if (report == NULL)
            g_error ("%s", error->message);
          findings = gx_rules_check (report);
        }
      n++;
      now = g_get_monotonic_time ();
    }
  *n_out = n;
  return n / ((now - start) / (double) G_USEC_PER_SEC);
}

int
main (int argc, char **argv)
{
  const Input inputs[] = {
    { "text", "haidian-2022.txt" },
    { "HTML", "formats/haidian-2022.html" },
    { "HTML (GBK)", "formats/pinggu-2022-gbk.html" },
    { "docx", "formats/haidian-2022.docx" },
    { "PDF", "formats/haidian-2022.pdf" },
  };
  double seconds = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 2.0;

  if (argc < 2)
    {
      g_printerr ("usage: %s DATA_DIR [SECONDS]\n", argv[0]);
      return 2;
    }

  g_print ("%-12s %10s %14s %16s %10s\n", "reader", "size", "reports/s", "baseline hash/s", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = g_build_filename (argv[1], inputs[i].path, NULL);
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *size = NULL;
      char *data;
      gsize len;
      guint n, n_base;
      double rate, base;

      if (!g_file_get_contents (path, &data, &len, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (data, len);
      size = g_strdup_printf ("%.1f KB", len / 1024.0);

      run (bytes, name, 0.2, FALSE, &n);   /* warm up caches */
      base = run (bytes, name, seconds / 4, TRUE, &n_base);
      rate = run (bytes, name, seconds, FALSE, &n);
      g_print ("%-12s %10s %14.1f %16.1f %9.0fx\n", inputs[i].label, size, rate, base, base / rate);
    }
  return 0;
}
