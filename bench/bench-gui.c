/* bench-gui.c: the main window's two budgets (issue 4)
 *
 *   bench-gui open DATADIR N [LOCATION]
 *                                 a workspace of N reports opens with a usable
 *                                 list in <= 1 s and <= 250 MB resident; with
 *                                 LOCATION (a new empty PostgreSQL database,
 *                                 bench-open-pg.sh) there, in <= 1.5 s
 *   bench-gui import DATADIR N    importing N files stalls the main loop
 *                                 <= 50 ms at the longest
 *
 * "open" generates the workspace in a child process first (so its memory
 * does not count), then times window creation, gx_window_open_workspace()
 * and the first frame of the list.
 */
#include "gx-config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-reader.h"
#include "gx-rules.h"
#include "gx-application.h"
#include "gx-window.h"

static const char *const samples[] = {
  "anding-2022.txt", "beidaihe-2022-pipes.txt", "haidian-2022.txt",
  "miyun-2021.txt", "pinggu-2022.txt",
};

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static void
setup_env (const char *argv0)
{
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("NO_AT_BRIDGE", "1", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  /* the renderer the app itself chooses (gx-application.h) */
  gx_application_choose_renderer ();
}

static int
generate (const char *datadir,
          const char *path,
          guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = gx_workspace_open (path, FALSE, &error);
  GxReport *models[G_N_ELEMENTS (samples)];

  if (store == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *file = g_build_filename (datadir, samples[i], NULL);
      models[i] = gx_reader_read_path (file, &error);
      if (models[i] == NULL)
        g_error ("%s", error->message);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GxReport) report = gx_report_copy (models[i % G_N_ELEMENTS (samples)]);
      g_autoptr(GPtrArray) findings = NULL;
      g_autofree char *issuer = g_strdup_printf ("%s（%u）", gx_report_get_issuer (report), i);
      g_autofree char *hash = g_strdup_printf ("bench-%u", i);
      GxImportOutcome outcome;

      gx_report_set_issuer (report, issuer);
      gx_report_set_year (report, 2015 + (int) (i % 9));
      findings = gx_rules_check (report);
      if (i % 5000 == 0 && !gx_workspace_begin (store, &error))
        g_error ("%s", error->message);
      if (!gx_backend_put_report (gx_workspace_get_backend (store), report, hash, FALSE, &outcome, &error))
        g_error ("%s", error->message);
      if ((i % 5000 == 4999 || i == n - 1) && !gx_workspace_commit (store, &error))
        g_error ("%s", error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_object_unref (models[i]);
  return 0;
}

static int
bench_open (const char *argv0,
            const char *datadir,
            guint       n,
            const char *location)
{
  g_autofree char *dir = g_dir_make_tmp ("gx-bench-XXXXXX", NULL);
  g_autofree char *path = location ? g_strdup (location) : g_build_filename (dir, "workspace.db", NULL);
  gint64 budget = location ? 3 * G_USEC_PER_SEC / 2 : G_USEC_PER_SEC;
  g_autofree char *n_text = g_strdup_printf ("%u", n);
  const char *gen_argv[] = { argv0, "generate", datadir, path, n_text, NULL };
  g_autoptr(GError) error = NULL;
  gint64 t0, t1, t2;
  GxWindow *window;
  int status = 0;
  long rss;
  gboolean ok;

  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("generating: %s", error ? error->message : "failed");
  g_print ("generated %u reports in %.1f s\n", n, (g_get_monotonic_time () - t0) / 1e6);

  t0 = g_get_monotonic_time ();
  gtk_init ();
  window = gx_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 820);
  t1 = g_get_monotonic_time ();
  if (!gx_window_open_workspace (window, path, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  t2 = g_get_monotonic_time ();
  rss = resident_kb ();

  g_print ("open-workspace-%u: %.3f s to a drawn list (%.3f s GTK start-up + %.3f s open and draw)\n",
           n, (t2 - t0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  g_print ("open-workspace-%u: %ld MB resident; %u rows listed\n", n, rss / 1024,
           gx_report_list_get_n_visible (gx_window_get_report_list (window)));

  /* sorting the whole list by a number column, as a click on its header */
  t1 = g_get_monotonic_time ();
  gx_report_list_sort_by (gx_window_get_report_list (window), "new", GTK_SORT_DESCENDING);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_print ("open-workspace-%u: sort by 本年新收 %.3f s\n", n, (g_get_monotonic_time () - t1) / 1e6);

  ok = (t2 - t0) <= budget && rss <= 250 * 1024 &&
       gx_report_list_get_n_visible (gx_window_get_report_list (window)) == n;
  gtk_window_destroy (GTK_WINDOW (window));
  if (location == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (dir);
  g_print ("%s: budget %.1f s and 250 MB\n", ok ? "PASS" : "FAIL", budget / 1e6);
  return ok ? 0 : 1;
}

typedef struct {
  gint64 last;
  gint64 longest;
  gint64 longest_at;
} StallMeter;

static gint64 bench_t0;

static void
added_cb (GxImporter *importer, GPtrArray *reports, gpointer data)
{
  if (g_getenv ("GX_BENCH_VERBOSE"))
    g_print ("  batch of %u at %.1f ms\n", reports->len, (g_get_monotonic_time () - bench_t0) / 1e3);
}

static gboolean
stall_tick_cb (gpointer data)
{
  StallMeter *meter = data;
  gint64 now = g_get_monotonic_time ();

  if (meter->last != 0 && now - meter->last > meter->longest)
    {
      meter->longest = now - meter->last;
      meter->longest_at = now - bench_t0;
    }
  meter->last = now;
  return G_SOURCE_CONTINUE;
}

static int
bench_import (const char *datadir,
              guint       n)
{
  g_autofree char *dir = g_dir_make_tmp ("gx-bench-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "reports", NULL);
  g_autofree char *path = g_build_filename (dir, "workspace.db", NULL);
  g_autofree char *anding = g_build_filename (datadir, "anding-2022.txt", NULL);
  g_autofree char *template = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  StallMeter meter = { 0, 0 };
  GxWindow *window;
  gint64 t0, elapsed;
  guint tick, n_listed;
  gboolean ok;

  if (!g_file_get_contents (anding, &template, NULL, &error))
    g_error ("%s", error->message);
  g_mkdir_with_parents (folder, 0700);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GString) text = g_string_new (template);
      g_autofree char *issuer = g_strdup_printf ("安定镇第%u", i);
      g_autofree char *name = g_strdup_printf ("%05u.txt", i);
      g_autofree char *fpath = g_build_filename (folder, name, NULL);

      g_string_replace (text, "安定镇", issuer, 0);
      if (!g_file_set_contents (fpath, text->str, (gssize) text->len, &error))
        g_error ("%s", error->message);
    }

  gtk_init ();
  window = gx_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 820);
  if (!gx_window_open_workspace (window, path, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* a 1 ms timer: the longest gap between two ticks is the longest stall */
  tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_tick_cb, &meter, NULL);
  file = g_file_new_for_path (folder);
  t0 = bench_t0 = g_get_monotonic_time ();
  g_signal_connect (gx_window_get_importer (window), "reports-added", G_CALLBACK (added_cb), NULL);
  gx_window_import_files (window, &file, 1);
  while (gx_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - t0;
  g_source_remove (tick);

  n_listed = gx_report_list_get_n_visible (gx_window_get_report_list (window));
  g_print ("import-%u: %.2f s for %u files (%u listed), longest main-loop stall %.1f ms (ending at %.0f ms)\n",
           n, elapsed / 1e6, n, n_listed, meter.longest / 1e3, meter.longest_at / 1e3);
  ok = meter.longest <= 50 * 1000 && n_listed == n;
  g_print ("%s: budget 50 ms\n", ok ? "PASS" : "FAIL");
  gtk_window_destroy (GTK_WINDOW (window));
  return ok ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  setup_env (argv[0]);
  if (argc == 5 && g_str_equal (argv[1], "generate"))
    return generate (argv[2], argv[3], (guint) atoi (argv[4]));
  if ((argc == 4 || argc == 5) && g_str_equal (argv[1], "open"))
    return bench_open (argv[0], argv[2], (guint) atoi (argv[3]), argc == 5 ? argv[4] : NULL);
  if (argc == 4 && g_str_equal (argv[1], "import"))
    return bench_import (argv[2], (guint) atoi (argv[3]));
  g_printerr ("usage: %s open DATADIR N [LOCATION] | import DATADIR N\n", argv[0]);
  return 2;
}
