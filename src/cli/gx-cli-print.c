/* gx-cli-print.c: gxreports-cli print — summary sheets and roll-ups to PDF
 *
 *   print [--db WS] [--year Y] [--issuer TEXT] [--rollup] [--landscape] -o OUT.pdf
 *
 * One summary sheet per selected report, or with --rollup one sheet of their
 * sums.  The same drawing code as the print dialog (src/print/gx-sheet.c).
 * Exit status (gx-cli.h): 0 written; 2 no report matches the selection or the
 * PDF could not be written; 3 usage; 4 the workspace could not be opened or
 * read.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-cli.h"
#include "gx-print-job.h"
#include "gx-sheet-pdf.h"
#include "gx-workspace.h"

int
gx_cli_print (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GxSheetJob) job = NULL;
  g_autofree char *db = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *scope = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean rollup = FALSE;
  gboolean landscape = FALSE;
  int year = 0;
  guint n_pages;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("Only the reports of this year"), N_("YEAR") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("Only the reports whose issuer contains this text"), N_("TEXT") },
    { "rollup", 0, 0, G_OPTION_ARG_NONE, &rollup,
      N_("One roll-up sheet of the sums of the selected reports instead of one sheet each"), NULL },
    { "landscape", 0, 0, G_OPTION_ARG_NONE, &landscape,
      N_("A4 landscape instead of portrait"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PDF file to write"), N_("OUT.pdf") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("— print summary sheets or a roll-up to PDF"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Writes one summary sheet per report of the workspace (all of "
                                  "them, or those of --year and --issuer), or with --rollup one "
                                  "sheet of their sums checked by the same rules, with the list "
                                  "of the reports included.  A4 portrait unless --landscape.\n"
                                  "Exit status: 0 written, 2 no report matches or the PDF could "
                                  "not be written, 3 usage, 4 the workspace could not be opened."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("print: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (rest && rest[0])
    {
      gx_cli_printerr (_("print: unexpected argument “%s”\n"), rest[0]);
      return GX_EXIT_USAGE;
    }
  if (output == NULL || *output == '\0')
    {
      gx_cli_printerr ("%s\n", _("print: -o OUT.pdf is needed"));
      return GX_EXIT_USAGE;
    }
  if (year < 0 || year > 9999)
    {
      gx_cli_printerr (_("print: %d is not a year\n"), year);
      return GX_EXIT_USAGE;
    }

  path = db ? g_strdup (db) : gx_workspace_default_location ();
  /* opening would create an empty workspace: refuse a path with none */
  if (!gx_cli_workspace_exists (path))
    {
      gx_cli_printerr (_("print: %s: no workspace there\n"), path);
      return GX_EXIT_WORKSPACE;
    }
  store = gx_cli_open_store_read_only ("print", path);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;

  ids = gx_workspace_find_ids (store, year, issuer && *issuer ? issuer : NULL, &error);
  if (ids == NULL)
    {
      gx_cli_printerr ("print: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  if (ids->len == 0)
    {
      gx_cli_printerr ("%s\n", _("print: no report matches the selection"));
      return GX_EXIT_UNREADABLE;
    }

  if (issuer && *issuer && year != 0)
    /* Translators: the title of a roll-up: “海淀” 2022 */
    scope = g_strdup_printf (_("Reports of %d whose issuer contains “%s”"), year, issuer);
  else if (issuer && *issuer)
    scope = g_strdup_printf (_("Reports whose issuer contains “%s”"), issuer);

  job = gx_print_job_new_from_store (store, &g_array_index (ids, gint64, 0), ids->len,
                                     rollup, scope, &error);
  if (job == NULL)
    {
      gx_cli_printerr ("print: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }

  n_pages = gx_sheet_job_write_pdf (job, output, landscape, &error);
  if (n_pages == 0)
    {
      gx_cli_printerr ("print: %s\n", error->message);
      return GX_EXIT_UNREADABLE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u page\n", "%s: %u pages\n", n_pages),
           output, n_pages);
  return GX_EXIT_OK;
}
