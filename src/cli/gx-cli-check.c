/* gx-cli-check.c: gxreports-cli check [--json] [--notes] FILE...
 *
 * Reads each file, runs the rules and prints the findings (or, with
 * --json, one JSON array of the reports in the shape of report-schema.md,
 * findings included).  A file that cannot be read is reported on stderr
 * and the others are still checked.
 *
 * Exit status: 0 every file read and no error finding, 1 some report has an
 * error finding, 2 some file could not be read as a report.
 */
#include "gx-config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "gx-cli.h"
#include "gx-core.h"
#include "gx-json.h"

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
  if (line > 0)
    /* TRANSLATORS: after a finding: where in the file the value is */
    g_print (_(" (line %u)"), line);
  g_print ("\n");
}

static void
print_report (GxReport *report,
              gboolean  with_notes)
{
  GPtrArray *findings = gx_report_get_findings (report);
  guint n_notes = gx_report_get_n_notes (report);

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

      if (gx_finding_get_severity (finding) == GX_SEVERITY_NOTE && !with_notes)
        continue;
      print_finding (report, finding);
    }
  if (n_notes > 0 && !with_notes)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u blank cell read as 0 (--notes lists it)\n",
                          "  %u blank cells read as 0 (--notes lists them)\n", n_notes),
             n_notes);
}

int
gx_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) files = NULL;
  gboolean json = FALSE;
  gboolean notes = FALSE;
  gboolean unreadable = FALSE;
  gboolean any_error = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the reports and their findings as JSON (the shape of report-schema.md)"), NULL },
    { "notes", 0, 0, G_OPTION_ARG_NONE, &notes,
      N_("List every note (blank cells) too"), NULL },
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

  for (guint i = 0; files[i]; i++)
    {
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GxReport) report = gx_reader_read_path (files[i], &read_error);
      g_autoptr(GPtrArray) findings = NULL;

      if (report == NULL)
        {
          gx_cli_printerr ("%s\n", read_error->message);
          unreadable = TRUE;
          continue;
        }

      findings = gx_rules_check (report);
      if (gx_report_get_n_errors (report) > 0)
        any_error = TRUE;

      /* Only --json keeps the reports: checking thousands of files must
       * not grow with their number. */
      if (json)
        g_ptr_array_add (reports, g_steal_pointer (&report));
      else
        print_report (report, notes);
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
