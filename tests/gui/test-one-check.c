/* test-one-check.c: every view of a report shows the same findings
 *
 * The five samples (tests/data), Miyun's 2020 report (the year before
 * miyun-2021.txt: carryover, read by hand: 2021 carried over 41, 2020
 * carried forward 25) and Anding's 2021 report (stock: 20 normative
 * documents in force + 0 issued − 0 repealed ≠ 0 in force in 2022) are
 * imported in the window.  In the detail pane, Haidian's one error
 * (group_total on 复议后起诉: 26+0+0+19 = 45 ≠ 42) is dismissed and Miyun
 * 2021's carryover warning on the total is confirmed, each with a note.
 * Then the findings — rule, cell, severity, decision — must be the same
 * in: the counts of the list the window shows, the detail pane's model,
 * `gxreports-cli export -f json`, `gxreports-cli check --db --json` of the
 * same files, and the text of `gxreports-cli print` (pdftotext).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "gx-core.h"
#include "gx-review.h"
#include "gx-window-private.h"
#include "../gx-test-fs.h"

static const char *const files[] = {
  "pinggu-2022.txt", "miyun-2021.txt", "anding-2022.txt", "haidian-2022.txt",
  "beidaihe-2022-pipes.txt", "checks/stock-2021.txt",
  /* last: the list has Miyun 2021 already when its year before arrives */
  "miyun-2020-format2019.txt",
};

#define DISMISS_NOTE "录入笔误，原件如此"
#define CONFIRM_NOTE "asked the office"

typedef struct {
  char *tmpdir;
  char *workspace;
  GxWindow *window;
} Fixture;

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GFile *gfiles[G_N_ELEMENTS (files)];

  fx->tmpdir = g_dir_make_tmp ("gx-one-check-XXXXXX", &error);
  g_assert_no_error (error);
  fx->workspace = g_build_filename (fx->tmpdir, "workspace.db", NULL);
  fx->window = g_object_ref (gx_window_new (NULL));
  g_assert_true (gx_window_open_workspace (fx->window, fx->workspace, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx->window));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);

      gfiles[i] = g_file_new_for_path (path);
    }
  gx_window_import_files (fx->window, gfiles, G_N_ELEMENTS (files));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (gfiles[i]);
  while (gx_window_get_importing (fx->window))
    g_main_context_iteration (NULL, TRUE);
  drain ();
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  g_object_unref (fx->window);
  drain ();
  gx_test_remove_tree (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

/* "rule section.row.column severity decision[: note]" */
static char *
describe (const char *rule,
          const char *section,
          const char *row,
          const char *column,
          const char *severity,
          const char *decision,
          const char *note)
{
  return g_strdup_printf ("%s %s.%s.%s %s %s%s%s", rule, section, row, column ? column : "-",
                          severity, decision, note ? ": " : "", note ? note : "");
}

static char *
describe_finding (GxFinding *f)
{
  return describe (gx_finding_get_rule (f), gx_finding_get_section_key (f),
                   gx_finding_get_row_key (f), gx_finding_get_column_key (f),
                   gx_severity_to_key (gx_finding_get_severity (f)),
                   gx_review_state_to_key (gx_finding_get_review (f)),
                   gx_finding_get_review_note (f));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
sorted_text (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static char *
report_key (const char *issuer,
            int         year)
{
  return g_strdup_printf ("%s %d", issuer, year);
}

/* Selects each report of the list in turn: what the detail pane lists
 * (dismissed findings shown), by report. */
static GHashTable *
findings_of_detail (Fixture *fx)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  GListModel *visible = gx_report_list_get_visible (list);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gx_report_detail_set_show_dismissed (detail, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) item = g_list_model_get_item (visible, i);
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      GListModel *findings;

      gx_report_list_select (list, i);
      drain ();
      g_assert_cmpint (gx_report_get_id (gx_report_detail_get_report (detail)), ==, gx_report_get_id (item));
      findings = gx_report_detail_get_findings (detail);
      for (guint k = 0; k < g_list_model_get_n_items (findings); k++)
        {
          g_autoptr(GxFinding) f = g_list_model_get_item (findings, k);

          g_ptr_array_add (lines, describe_finding (f));
        }
      g_hash_table_insert (out, report_key (gx_report_get_issuer (item), gx_report_get_year (item)),
                           sorted_text (lines));
    }
  return out;
}

/* The findings of a JSON array of reports (report-schema.md), by report. */
static GHashTable *
findings_of_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *reports;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  reports = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (reports); i++)
    {
      JsonObject *report = json_array_get_object_element (reports, i);
      JsonArray *findings = json_object_get_array_member (report, "findings");
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      for (guint k = 0; k < json_array_get_length (findings); k++)
        {
          JsonObject *f = json_array_get_object_element (findings, k);
          gboolean decided = json_object_has_member (f, "review");

          g_ptr_array_add (lines, describe (json_object_get_string_member (f, "rule"),
                                            json_object_get_string_member (f, "section"),
                                            json_object_get_string_member (f, "row"),
                                            json_object_get_string_member_with_default (f, "column", NULL),
                                            json_object_get_string_member (f, "severity"),
                                            decided ? json_object_get_string_member (f, "review") : "open",
                                            decided ? json_object_get_string_member_with_default (f, "review_note", NULL) : NULL));
        }
      g_hash_table_insert (out, report_key (json_object_get_string_member (report, "issuer"),
                                            (int) json_object_get_int_member (report, "year")),
                           sorted_text (lines));
    }
  return out;
}

static void
assert_same_findings (GHashTable *expected,
                      GHashTable *got,
                      const char *where)
{
  GHashTableIter iter;
  gpointer key, value;

  g_test_message ("%s", where);
  g_assert_cmpuint (g_hash_table_size (got), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_test_message ("%s", (const char *) key);
      g_assert_cmpstr (g_hash_table_lookup (got, key), ==, value);
    }
}

static char *
run_cli (int        *status,
         const char *const *args)
{
  const char *cli = g_getenv ("GX_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
  return out;
}

static GxFinding *
find_in_detail (GxReportDetail *detail,
                const char     *rule,
                const char     *path)
{
  GListModel *findings = gx_report_detail_get_findings (detail);

  for (guint k = 0; k < g_list_model_get_n_items (findings); k++)
    {
      g_autoptr(GxFinding) f = g_list_model_get_item (findings, k);
      g_autofree char *where = g_strdup_printf ("%s.%s.%s", gx_finding_get_section_key (f),
                                                gx_finding_get_row_key (f),
                                                gx_finding_get_column_key (f) ? gx_finding_get_column_key (f) : "-");

      if (g_strcmp0 (gx_finding_get_rule (f), rule) == 0 && g_strcmp0 (where, path) == 0)
        return g_steal_pointer (&f);
    }
  g_assert_not_reached ();
}

static void
select_report (Fixture    *fx,
               const char *issuer,
               int         year)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GListModel *visible = gx_report_list_get_visible (list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

      if (g_strcmp0 (gx_report_get_issuer (report), issuer) == 0 && gx_report_get_year (report) == year)
        {
          gx_report_list_select (list, i);
          drain ();
          return;
        }
    }
  g_assert_not_reached ();
}

/* White space out: pdftotext breaks lines where the sheet wraps them. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
test_same_everywhere (Fixture       *fx,
                      gconstpointer  data)
{
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  GListModel *reports = gx_report_list_get_reports (gx_window_get_report_list (fx->window));
  g_autoptr(GHashTable) reference = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) check_args = g_ptr_array_new_with_free_func (g_free);
  const char *pdftotext = g_getenv ("GX_PDFTOTEXT");
  g_autofree char *pdf = g_build_filename (fx->tmpdir, "sheets.pdf", NULL);
  int status;

  g_assert_cmpuint (g_list_model_get_n_items (reports), ==, G_N_ELEMENTS (files));

  /* the decisions, made in the detail pane as a reviewer makes them */
  gx_report_detail_set_show_dismissed (detail, TRUE);
  select_report (fx, "北京市海淀区人民政府", 2022);
  {
    g_autoptr(GxFinding) f = find_in_detail (detail, "group_total", "review_litigation.litigation_after_review.total");

    g_assert_true (gx_report_detail_review_finding (detail, f, GX_REVIEW_DISMISSED, DISMISS_NOTE, &error));
    g_assert_no_error (error);
  }
  select_report (fx, "北京市密云区人民政府", 2021);
  {
    g_autoptr(GxFinding) f = find_in_detail (detail, "carryover", "applications.carried_over.total");

    g_assert_true (gx_report_detail_review_finding (detail, f, GX_REVIEW_CONFIRMED, CONFIRM_NOTE, &error));
    g_assert_no_error (error);
  }
  drain ();

  reference = findings_of_detail (fx);
  /* what was read by hand is there */
  g_assert_nonnull (strstr (g_hash_table_lookup (reference, "北京市海淀区人民政府 2022"),
                            "group_total review_litigation.litigation_after_review.total error dismissed: " DISMISS_NOTE));
  g_assert_nonnull (strstr (g_hash_table_lookup (reference, "北京市密云区人民政府 2021"),
                            "carryover applications.carried_over.total warning confirmed: " CONFIRM_NOTE));
  g_assert_nonnull (strstr (g_hash_table_lookup (reference, "北京市密云区人民政府 2021"),
                            "carryover applications.carried_over.natural_person warning open"));
  g_assert_nonnull (strstr (g_hash_table_lookup (reference, "北京市密云区人民政府 2021"),
                            "prose_mismatch review_litigation.litigation_direct.total warning open"));
  g_assert_nonnull (strstr (g_hash_table_lookup (reference, "北京市大兴区安定镇人民政府 2022"),
                            "stock disclosure.normative_documents.in_force warning open"));

  /* the list's counts (the model the window shows): what is not
   * dismissed, carryover and stock included */
  for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
    {
      g_autoptr(GxReport) item = g_list_model_get_item (reports, i);
      g_autofree char *key = report_key (gx_report_get_issuer (item), gx_report_get_year (item));
      g_auto(GStrv) lines = g_strsplit (g_hash_table_lookup (reference, key), "\n", -1);
      guint counts[3] = { 0, 0, 0 };

      for (guint k = 0; lines[k] != NULL && lines[k][0] != '\0'; k++)
        {
          g_auto(GStrv) words = g_strsplit (lines[k], " ", 4);
          GxSeverity severity;

          g_assert_true (gx_severity_from_key (words[2], &severity));
          if (!g_str_has_prefix (words[3], "dismissed"))
            counts[severity]++;
        }
      g_test_message ("list: %s", key);
      g_assert_cmpuint (gx_report_get_n_errors (item), ==, counts[GX_SEVERITY_ERROR]);
      g_assert_cmpuint (gx_report_get_n_warnings (item), ==, counts[GX_SEVERITY_WARNING]);
      g_assert_cmpuint (gx_report_get_n_notes (item), ==, counts[GX_SEVERITY_NOTE]);
    }
  /* Haidian's only error is dismissed: not a report with problems; Miyun
   * 2021 is (its carryover warnings) */
  gx_window_set_only_problems (fx->window, TRUE);
  drain ();
  {
    GListModel *visible = gx_report_list_get_visible (gx_window_get_report_list (fx->window));
    gboolean haidian = FALSE, miyun = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
      {
        g_autoptr(GxReport) item = g_list_model_get_item (visible, i);

        haidian |= g_strcmp0 (gx_report_get_issuer (item), "北京市海淀区人民政府") == 0;
        miyun |= g_strcmp0 (gx_report_get_issuer (item), "北京市密云区人民政府") == 0 &&
                 gx_report_get_year (item) == 2021;
      }
    g_assert_false (haidian);
    g_assert_true (miyun);
  }
  gx_window_set_only_problems (fx->window, FALSE);
  drain ();

  /* the JSON export */
  {
    const char *args[] = { "export", "--db", fx->workspace, "--format", "json", NULL };
    g_autofree char *out = run_cli (&status, args);
    g_autoptr(GHashTable) got = NULL;

    g_assert_cmpint (status, ==, 0);
    got = findings_of_json (out);
    assert_same_findings (reference, got, "export -f json");
  }

  /* check --db --json of the same files */
  g_ptr_array_add (check_args, g_strdup ("check"));
  g_ptr_array_add (check_args, g_strdup ("--json"));
  g_ptr_array_add (check_args, g_strdup ("--db"));
  g_ptr_array_add (check_args, g_strdup (fx->workspace));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_ptr_array_add (check_args, data_path (files[i]));
  g_ptr_array_add (check_args, NULL);
  {
    g_autofree char *out = run_cli (&status, (const char *const *) check_args->pdata);
    g_autoptr(GHashTable) got = NULL;

    /* 北戴河's errors are open */
    g_assert_cmpint (status, ==, 1);
    got = findings_of_json (out);
    assert_same_findings (reference, got, "check --db --json");
  }
  /* Haidian alone: its one error is dismissed, so no error (exit 0) */
  {
    g_autofree char *haidian = data_path ("haidian-2022.txt");
    const char *args[] = { "check", "--db", fx->workspace, haidian, NULL };
    g_autofree char *out = run_cli (&status, args);

    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "haidian-2022.txt: 北京市海淀区人民政府 2022 — 0 errors, 0 warnings, 0 notes\n"));
    g_assert_nonnull (strstr (out, "1 dismissed finding not shown"));
  }

  /* the printed sheets */
  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext is not installed: the printed sheets are not read");
      return;
    }
  {
    const char *args[] = { "print", "--db", fx->workspace, "-o", pdf, NULL };
    g_free (run_cli (&status, args));
    g_assert_cmpint (status, ==, 0);
  }
  {
    const char *argv[] = { pdftotext, "-enc", "UTF-8", pdf, "-", NULL };
    g_autofree char *text = NULL;
    g_autofree char *flat = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &text, NULL, &status, &error);
    g_assert_no_error (error);
    flat = squeeze (text);

    /* every sheet's counts are the list's */
    for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
      {
        g_autoptr(GxReport) item = g_list_model_get_item (reports, i);
        g_autofree char *counts = g_strdup_printf ("%u error%s, %u warning%s, %u note%s",
                                                   gx_report_get_n_errors (item),
                                                   gx_report_get_n_errors (item) == 1 ? "" : "s",
                                                   gx_report_get_n_warnings (item),
                                                   gx_report_get_n_warnings (item) == 1 ? "" : "s",
                                                   gx_report_get_n_notes (item),
                                                   gx_report_get_n_notes (item) == 1 ? "" : "s");
        g_autofree char *flat_counts = squeeze (counts);

        g_test_message ("sheet counts of %s %d: %s", gx_report_get_issuer (item),
                        gx_report_get_year (item), counts);
        g_assert_nonnull (strstr (flat, flat_counts));
      }

    /* every error and warning the detail lists is printed, with its
     * decision; the dismissed one is not (only counted) */
    for (guint i = 0; i < g_list_model_get_n_items (reports); i++)
      {
        g_autoptr(GxReport) item = g_list_model_get_item (reports, i);
        GxReportList *list = gx_window_get_report_list (fx->window);
        GListModel *visible = gx_report_list_get_visible (list);
        GListModel *findings;

        select_report (fx, gx_report_get_issuer (item), gx_report_get_year (item));
        g_assert_cmpuint (g_list_model_get_n_items (visible), ==, G_N_ELEMENTS (files));
        findings = gx_report_detail_get_findings (detail);
        for (guint k = 0; k < g_list_model_get_n_items (findings); k++)
          {
            g_autoptr(GxFinding) f = g_list_model_get_item (findings, k);
            g_autofree char *message = squeeze (gx_finding_get_message (f));

            if (gx_finding_get_severity (f) == GX_SEVERITY_NOTE)
              continue;
            if (gx_finding_get_review (f) == GX_REVIEW_DISMISSED)
              g_assert_null (strstr (flat, message));
            else
              g_assert_nonnull (strstr (flat, message));
          }
      }
    g_assert_nonnull (strstr (flat, "confirmed:" "askedtheoffice"));
    g_assert_nonnull (strstr (flat, "1dismissedfindingnotshown."));
  }
}

/* The Import dialog's .json: a JSON export goes in whole, as on the
 * command line; a JSON file that is not one puts nothing in. */
static void
test_import_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("gx-one-json-XXXXXX", &error);
  g_autofree char *source_ws = g_build_filename (tmpdir, "source.db", NULL);
  g_autofree char *workspace = g_build_filename (tmpdir, "workspace.db", NULL);
  g_autofree char *json = g_build_filename (tmpdir, "export.json", NULL);
  g_autofree char *broken = g_build_filename (tmpdir, "broken.json", NULL);
  g_autofree char *haidian = data_path ("haidian-2022.txt");
  g_autofree char *pinggu = data_path ("pinggu-2022.txt");
  g_autofree char *text = NULL;
  GxWindow *window;
  GListModel *reports;
  GFile *gfiles[2];
  gboolean seen_haidian = FALSE, seen_pinggu = FALSE;
  int status;

  g_assert_no_error (error);
  {
    const char *args[] = { "import", "--db", source_ws, haidian, pinggu, NULL };
    g_free (run_cli (&status, args));
    g_assert_cmpint (status, ==, 0);
  }
  {
    const char *args[] = { "export", "--db", source_ws, "--format", "json", "-o", json, NULL };
    g_free (run_cli (&status, args));
    g_assert_cmpint (status, ==, 0);
  }
  /* the same export cut short: not JSON any more */
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  text[strlen (text) / 2] = '\0';
  g_assert_true (g_file_set_contents (broken, text, -1, NULL));

  window = g_object_ref (gx_window_new (NULL));
  g_assert_true (gx_window_open_workspace (window, workspace, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  gfiles[0] = g_file_new_for_path (json);
  gfiles[1] = g_file_new_for_path (broken);
  gx_window_import_files (window, gfiles, 2);
  g_object_unref (gfiles[0]);
  g_object_unref (gfiles[1]);
  while (gx_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  drain ();

  reports = gx_report_list_get_reports (gx_window_get_report_list (window));
  g_assert_cmpuint (g_list_model_get_n_items (reports), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GxReport) item = g_list_model_get_item (reports, i);

      seen_haidian |= g_strcmp0 (gx_report_get_issuer (item), "北京市海淀区人民政府") == 0;
      seen_pinggu |= g_strcmp0 (gx_report_get_issuer (item), "北京市平谷区人民政府") == 0;
      /* checked as the workspace checks: Haidian's one error */
      if (g_strcmp0 (gx_report_get_issuer (item), "北京市海淀区人民政府") == 0)
        g_assert_cmpuint (gx_report_get_n_errors (item), ==, 1);
    }
  g_assert_true (seen_haidian && seen_pinggu);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  drain ();
  gx_test_remove_tree (tmpdir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  gx_schema_set_prefers_chinese (0);

  g_test_add ("/one-check/same-everywhere", Fixture, NULL, fixture_setup, test_same_everywhere, fixture_teardown);
  g_test_add_func ("/one-check/import-json", test_import_json);
  return g_test_run ();
}
