/* gx-cli-check.c: gxreports-cli check [--json] [--notes] [--db WS] FILE...
 *
 * Reads each file, runs the rules and the prose checks, then carryover
 * among the files given (same issuer, consecutive years), and prints the
 * findings (or, with --json, one JSON array of the reports in the shape of
 * report-schema.md, findings included).  With --db, each report is also
 * checked against the previous year in that workspace, with the issuer
 * merges made there, and the decisions recorded there are shown (dismissed
 * findings hidden unless --dismissed).  A file that cannot be read is
 * reported on stderr and the others are still checked.
 *
 * Exit status: 0 every file read and no error finding, 1 some report has an
 * error finding, 2 some file could not be read as a report, 4 the --db
 * workspace could not be opened or read.
 */
#include "gx-config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "gx-cli.h"
#include "gx-core.h"
#include "gx-json.h"
#include "gx-crosscheck.h"
#include "gx-prose.h"
#include "gx-review.h"
#include "gx-store.h"

static void
print_finding (GxReport  *report,
               GxFinding *finding)
{
  const GxSchemaCell *cell = gx_schema_cell (gx_finding_get_cell (finding));
  guint line = gx_report_get_cell_line (report, cell->index);
  g_autofree char *where = NULL;

  if (gx_finding_get_column_key (finding) != NULL)
    where = g_strdup (cell->path);
  else
    where = g_strdup_printf ("%s.%s", gx_schema_section (cell->section)->key, cell->row->key);

  g_print ("  %-8s %-17s %-56s %s", gx_severity_to_label (gx_finding_get_severity (finding)),
           gx_finding_get_rule (finding), where, gx_finding_get_message (finding));
  if (line > 0 && g_strcmp0 (gx_finding_get_rule (finding), GX_RULE_PROSE_MISMATCH) != 0)
    /* TRANSLATORS: after a finding: where in the file the value is */
    g_print (_(" (line %u)"), line);
  switch (gx_finding_get_review (finding))
    {
    case GX_REVIEW_CONFIRMED:
      /* TRANSLATORS: after a finding a reviewer confirmed */
      g_print (" [%s%s%s]", _("confirmed"),
               gx_finding_get_review_note (finding) ? _(": ") : "",
               gx_finding_get_review_note (finding) ? gx_finding_get_review_note (finding) : "");
      break;
    case GX_REVIEW_DISMISSED:
      g_print (" [%s%s%s]", _("dismissed"),
               gx_finding_get_review_note (finding) ? _(": ") : "",
               gx_finding_get_review_note (finding) ? gx_finding_get_review_note (finding) : "");
      break;
    case GX_REVIEW_OPEN:
    default:
      break;
    }
  g_print ("\n");
}

static void
print_report (GxReport *report,
              gboolean  with_notes,
              gboolean  with_dismissed)
{
  GPtrArray *findings = gx_report_get_findings (report);
  guint n_notes = gx_report_get_n_notes (report);
  guint n_blank = 0, n_dismissed = 0;

  g_print ("%s: %s %d — ", gx_report_get_source (report),
           gx_report_get_issuer (report), gx_report_get_year (report));
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", gx_report_get_n_errors (report)),
           gx_report_get_n_errors (report));
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", gx_report_get_n_warnings (report)),
           gx_report_get_n_warnings (report));
  g_print (", ");
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);
  g_print ("\n");

  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (findings, i);

      if (gx_finding_get_review (finding) == GX_REVIEW_DISMISSED && !with_dismissed)
        {
          n_dismissed++;
          continue;
        }
      /* blank cells are many: listed on request; other notes always */
      if (g_strcmp0 (gx_finding_get_rule (finding), GX_RULE_BLANK_CELL) == 0 && !with_notes)
        {
          n_blank++;
          continue;
        }
      print_finding (report, finding);
    }
  if (n_blank > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u blank cell read as 0 (--notes lists it)\n",
                          "  %u blank cells read as 0 (--notes lists them)\n", n_blank),
             n_blank);
  if (n_dismissed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u dismissed finding not shown (--dismissed lists it)\n",
                          "  %u dismissed findings not shown (--dismissed lists them)\n", n_dismissed),
             n_dismissed);
}

int
gx_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) files = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  g_autofree char *db_path = NULL;
  gboolean json = FALSE;
  gboolean notes = FALSE;
  gboolean dismissed = FALSE;
  gboolean unreadable = FALSE;
  gboolean any_error = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the reports and their findings as JSON (the shape of report-schema.md)"), NULL },
    { "notes", 0, 0, G_OPTION_ARG_NONE, &notes,
      N_("List every note (blank cells) too"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Check against the reports, issuer merges and reviews of this workspace too"), N_("WORKSPACE") },
    { "dismissed", 0, 0, G_OPTION_ARG_NONE, &dismissed,
      N_("List the findings dismissed in the workspace too"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  context = g_option_context_new (_("FILE… — check annual reports"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Reads each file and lists the totals that do not tie out.\n"
                                  "Exit status: 0 no error finding, 1 some error finding, "
                                  "2 some file could not be read."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("check: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (files == NULL || files[0] == NULL)
    {
      gx_cli_printerr ("%s\n", _("check: no file given"));
      return GX_EXIT_USAGE;
    }

  if (db_path != NULL)
    {
      /* checking never makes a workspace */
      if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
        {
          gx_cli_printerr (_("check: %s: there is no workspace there\n"), db_path);
          return GX_EXIT_WORKSPACE;
        }
      if (!(store = gx_store_open (db_path, &error)) ||
          !(aliases = gx_store_load_aliases (store, &error)))
        {
          gx_cli_printerr ("check: %s\n", error->message);
          return GX_EXIT_WORKSPACE;
        }
    }

  /* The reports are kept until all are read: carryover needs the year
   * before, which may come later on the command line.  Their prose is
   * dropped once checked. */
  for (guint i = 0; files[i]; i++)
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GxReport) report = gx_reader_read_path (files[i], &read_error);

      if (report == NULL)
        {
          gx_cli_printerr ("%s\n", read_error->message);
          unreadable = TRUE;
          continue;
        }

      g_ptr_array_unref (gx_rules_check (report));
      g_ptr_array_unref (gx_prose_check (report));
      if (!json)
        gx_report_set_prose (report, NULL);
      g_ptr_array_add (reports, g_steal_pointer (&report));
    }

  gx_crosscheck_reports (reports, aliases);

  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);

      if (store != NULL)
        {
          g_autoptr(GPtrArray) across = gx_store_check_across (store, report, &error);

          if (across == NULL || !gx_store_apply_reviews (store, report, &error))
            {
              gx_cli_printerr ("check: %s\n", error->message);
              return GX_EXIT_WORKSPACE;
            }
        }
      if (gx_report_get_n_errors (report) > 0)
        any_error = TRUE;
      if (!json)
        print_report (report, notes, dismissed);
    }

  if (json)
    {
      g_autofree char *text = gx_json_write_reports (reports, TRUE);

      fputs (text, stdout);
    }

  if (unreadable)
    return GX_EXIT_UNREADABLE;
  return any_error ? GX_EXIT_FINDINGS : GX_EXIT_OK;
}
