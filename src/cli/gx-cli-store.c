/* gx-cli-store.c: the workspace subcommands of gxreports-cli
 *
 *   import [--db WS] [--replace] PATH…   files and folders (recursively);
 *          report files, and JSON files as written by export
 *   list   [--db WS]
 *   export [--db WS] --format json|csv|docx|xlsx [--header keys|zh]
 *          [--id N] [--year Y] [--issuer TEXT] [-o OUT]
 *          (docx: one report, the official tables in Word; xlsx: the
 *          reports, a roll-up with SUM formulas and the findings)
 *   remove [--db WS] ID…
 *
 * Without --db the workspace is gx_workspace_default_location().  Exit status (see
 * gx-cli.h): 0 done; 2 some input was not taken (a file could not be read,
 * a conflict without --replace, an unknown id); 3 usage; 4 the workspace
 * could not be opened or written.
 */
#include "gx-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gx-cli.h"
#include "gx-core.h"
#include "gx-csv.h"
#include "gx-docx-writer.h"
#include "gx-xlsx-writer.h"
#include "gx-import.h"
#include "gx-json.h"
#include "gx-prose.h"
#include "gx-workspace.h"

/* Helpers --------------------------------------------------------------------- */

static GOptionContext *
make_context (const char         *parameter,
              const char         *summary,
              const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  return context;
}

static GxWorkspace *
open_store (const char *command,
            const char *db,
            gboolean    must_exist,
            gboolean    read_only)
{
  g_autofree char *path = db ? g_strdup (db) : gx_workspace_default_location ();
  g_autoptr(GError) error = NULL;
  GxWorkspace *store;

  if (must_exist && !gx_cli_workspace_exists (path))
    {
      gx_cli_printerr (_("%s: %s: no workspace there\n"), command, path);
      return NULL;
    }
  /* reading takes no write lock: it answers while an import writes */
  if (read_only)
    return gx_cli_open_store_read_only (command, path);
  store = gx_workspace_open (path, FALSE, &error);
  if (store == NULL)
    gx_cli_printerr ("%s: %s\n", command, error->message);
  return store;
}

/* Import ---------------------------------------------------------------------- */

/* A reader's message starts with the file's name; after the path it
 * would say it twice. */
static const char *
without_name (const char *message,
              const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  gsize n = strlen (name);

  if (strncmp (message, name, n) == 0 && strncmp (message + n, ": ", 2) == 0)
    return message + n + 2;
  return message;
}

/* One line a file (a report of a JSON file), once its batch is committed
 * (gx-import.h: the pipeline the app runs too). */
static void
import_result_cb (const GxImportResult *result,
                  gpointer              user_data)
{
  g_autofree char *shown = gx_cli_escape (result->path);
  GxReport *report = result->report;
  long long id = (long long) result->id;

  if (report == NULL)
    {
      gx_cli_printerr (_("%s: error: %s\n"), shown, without_name (result->error->message, result->path));
      return;
    }
  switch (result->outcome)
    {
    case GX_IMPORT_ADDED:
      g_print (_("%s: added as #%lld (%s, %d)\n"), shown, id,
               gx_report_get_issuer (report) ?: "?", gx_report_get_year (report));
      break;
    case GX_IMPORT_ALREADY_PRESENT:
      /* the same content, or only the same figures (another file of the
       * same report) */
      if (result->same_content)
        g_print (_("%s: already present (#%lld)\n"), shown, id);
      else
        g_print (_("%s: already present (same figures as report #%lld)\n"), shown, id);
      break;
    case GX_IMPORT_REPLACED:
      g_print (_("%s: replaced #%lld (%s, %d)\n"), shown, id,
               gx_report_get_issuer (report) ?: "?", gx_report_get_year (report));
      break;
    case GX_IMPORT_CONFLICT:
    default:
      g_print (_("%s: conflict: the workspace has another report of %s, %d; use --replace to replace it\n"),
               shown, gx_report_get_issuer (report) ?: "?", gx_report_get_year (report));
      break;
    }
}

int
gx_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean replace = FALSE;
  g_autoptr(GxImport) import = NULL;
  const GxImportCallbacks callbacks = { NULL, import_result_cb, NULL };
  const GxImportCounts *counts;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace a report of the same issuer and year by the new version"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &paths, NULL, N_("PATH…") },
    { NULL }
  };

  context = make_context (_("PATH… — import report files and folders into a workspace"),
                          _("Folders are walked recursively.  A file whose content is in the "
                            "workspace already is skipped; a new version of a report of the "
                            "same issuer and year is only taken with --replace.\n"
                            "Exit status: 0 every file added or already present, 2 some file "
                            "could not be read or was in conflict (the others were imported), "
                            "4 the workspace could not be opened or written."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("import: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (paths == NULL || paths[0] == NULL)
    {
      gx_cli_printerr ("%s\n", _("import: no file or folder given"));
      return GX_EXIT_USAGE;
    }

  store = open_store ("import", db, FALSE, FALSE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;

  import = gx_workspace_new_import (store, replace);
  gx_import_set_callbacks (import, &callbacks, NULL);
  for (guint i = 0; paths[i]; i++)
    gx_import_add_path (import, paths[i]);
  if (!gx_import_run (import, NULL, &error))
    {
      gx_cli_printerr ("import: %s\n", error->message);
      gx_cli_printerr ("%s\n", _("import: stopped; the files of the last batch were not imported"));
      return GX_EXIT_WORKSPACE;
    }

  counts = gx_import_get_counts (import);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u file: ", "%u files: ", counts->files), counts->files);
  g_print (_("%u reports added, %u already present, %u replaced, %u in conflict; %u unreadable\n"),
           counts->added, counts->present, counts->replaced, counts->conflicts,
           counts->unreadable);

  return counts->unreadable > 0 || counts->conflicts > 0 ? GX_EXIT_UNREADABLE : GX_EXIT_OK;
}

/* List ------------------------------------------------------------------------ */

int
gx_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = make_context (_("— list the reports of a workspace"),
                          _("One line a report: id, issuer, year, the numbers of errors, "
                            "warnings and notes, and the file it came from.\n"
                            "Exit status: 0 listed, 4 the workspace could not be opened."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("list: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (rest && rest[0])
    {
      gx_cli_printerr (_("list: unexpected argument “%s”\n"), rest[0]);
      return GX_EXIT_USAGE;
    }

  store = open_store ("list", db, TRUE, TRUE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;
  reports = gx_workspace_list_summaries (store, &error);
  if (reports == NULL)
    {
      gx_cli_printerr ("list: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }

  /* TRANSLATORS: column heads of "gxreports-cli list", tab-separated */
  g_print ("%s\n", _("ID\tISSUER\tYEAR\tERRORS\tWARNINGS\tNOTES\tSOURCE"));
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *r = g_ptr_array_index (reports, i);

      /* one line a report, whatever a file name holds */
      g_autofree char *issuer = gx_cli_escape (gx_report_get_issuer (r));
      g_autofree char *source = gx_cli_escape (gx_report_get_source (r));

      g_print ("%" G_GINT64_FORMAT "\t%s\t%d\t%u\t%u\t%u\t%s\n", gx_report_get_id (r),
               issuer, gx_report_get_year (r),
               gx_report_get_n_errors (r), gx_report_get_n_warnings (r),
               gx_report_get_n_notes (r), source);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u report\n", "%u reports\n", reports->len),
           reports->len);
  return GX_EXIT_OK;
}

/* Export ---------------------------------------------------------------------- */

/* Copies @path to standard output (a workbook or document asked for
 * without -o). */
static gboolean
copy_to_stdout (const char  *path,
                GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return FALSE;
  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot write: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* --format docx and xlsx: the publishing formats (gx-docx-writer.h,
 * gx-xlsx-writer.h).  @id: the --id given alone (to name it when it is
 * not there), else 0. */
static int
export_publish (GxWorkspace    *store,
                GPtrArray  *reports,
                const char *format,
                gint64      id,
                const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  gboolean docx = strcmp (format, "docx") == 0;
  gboolean to_stdout = output == NULL || strcmp (output, "-") == 0;
  const char *target;
  gboolean ok;

  if (docx && reports->len != 1)
    {
      if (reports->len == 0)
        {
          if (id != 0)
            gx_cli_printerr (_("export: there is no report #%lld\n"), (long long) id);
          else
            gx_cli_printerr ("%s\n", _("export: no report matches"));
          return GX_EXIT_UNREADABLE;
        }
      gx_cli_printerr (_("export: a Word document holds one report; %u reports match: choose one with --id\n"),
                       reports->len);
      return GX_EXIT_USAGE;
    }

  if (to_stdout)
    {
      int fd = g_file_open_tmp ("gxreports-export-XXXXXX", &tmp, &error);

      if (fd < 0)
        {
          gx_cli_printerr ("export: %s\n", error->message);
          return GX_EXIT_WORKSPACE;
        }
      close (fd);
      target = tmp;
    }
  else
    target = output;

  if (docx)
    ok = gx_docx_write_report_to_file (g_ptr_array_index (reports, 0), target, &error);
  else
    {
      /* the findings as the workspace has them (gx_workspace_load_all() checks
       * every report as the list and the sheets do) */
      ok = gx_xlsx_write_reports (reports, target, &error);
    }
  if (ok && to_stdout)
    ok = copy_to_stdout (target, &error);
  if (tmp != NULL)
    g_unlink (tmp);
  if (!ok)
    {
      gx_cli_printerr ("export: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  return GX_EXIT_OK;
}

int
gx_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *db = NULL;
  g_autofree char *format = NULL;
  g_autofree char *header = NULL;
  g_autofree char *output = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean no_findings = FALSE;
  GxCsvHeader csv_header = GX_CSV_HEADER_KEYS;
  int year = 0;
  gint64 id = 0;
  gsize length;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("json (the shape of report-schema.md), csv (for Excel and WPS), docx (one report's "
         "official tables in Word) or xlsx (an Excel workbook with a roll-up)"), N_("FORMAT") },
    { "id", 0, 0, G_OPTION_ARG_INT64, &id,
      N_("Only the report with this id (see list)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to this file instead of standard output"), N_("OUT") },
    { "header", 0, 0, G_OPTION_ARG_STRING, &header,
      N_("CSV column names: keys (applications.new_received.total, the default) or zh (Chinese labels)"),
      N_("keys|zh") },
    { "no-findings", 0, 0, G_OPTION_ARG_NONE, &no_findings,
      N_("JSON: leave the findings out"), NULL },
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("Only the reports of this year"), N_("YEAR") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer,
      N_("Only the reports whose issuer contains this text"), N_("TEXT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };

  context = make_context (_("— export a workspace as JSON, CSV, Word or Excel"),
                          _("JSON: an array of reports with every key, blanks as null, and "
                            "their findings.  CSV: UTF-8 with a byte-order mark, one row a "
                            "report, one column a cell, issuer and year first.  docx: one "
                            "report (--id, or a selection of one) with sections 二, 三 and 四 as "
                            "Word tables.  xlsx: the reports, a roll-up sheet of SUM formulas "
                            "and the findings.\n"
                            "Exit status: 0 exported, 2 no report matches (docx), 3 usage, 4 the "
                            "workspace could not be opened or the output not written."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("export: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (rest && rest[0])
    {
      gx_cli_printerr (_("export: unexpected argument “%s”\n"), rest[0]);
      return GX_EXIT_USAGE;
    }
  if (format == NULL || (strcmp (format, "json") != 0 && strcmp (format, "csv") != 0 &&
                         strcmp (format, "docx") != 0 && strcmp (format, "xlsx") != 0))
    {
      gx_cli_printerr ("%s\n", _("export: --format json, csv, docx or xlsx is needed"));
      return GX_EXIT_USAGE;
    }
  if (header != NULL)
    {
      if (strcmp (header, "zh") == 0)
        csv_header = GX_CSV_HEADER_CHINESE;
      else if (strcmp (header, "keys") != 0)
        {
          gx_cli_printerr ("%s\n", _("export: --header is keys or zh"));
          return GX_EXIT_USAGE;
        }
    }

  store = open_store ("export", db, TRUE, TRUE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;
  reports = gx_workspace_load_all (store, &error);
  if (reports == NULL)
    {
      gx_cli_printerr ("export: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }

  if (id != 0 || year != 0 || (issuer && *issuer))
    {
      g_autoptr(GPtrArray) selected = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < reports->len; i++)
        {
          GxReport *r = g_ptr_array_index (reports, i);

          if (id != 0 && gx_report_get_id (r) != id)
            continue;
          if (year != 0 && gx_report_get_year (r) != year)
            continue;
          if (issuer && *issuer &&
              (gx_report_get_issuer (r) == NULL || strstr (gx_report_get_issuer (r), issuer) == NULL))
            continue;
          g_ptr_array_add (selected, g_object_ref (r));
        }
      g_ptr_array_unref (reports);
      reports = g_steal_pointer (&selected);
    }

  if (strcmp (format, "docx") == 0 || strcmp (format, "xlsx") == 0)
    return export_publish (store, reports, format,
                           year == 0 && (issuer == NULL || *issuer == '\0') ? id : 0, output);

  if (strcmp (format, "json") == 0)
    {
      text = gx_json_write_reports (reports, !no_findings);
      length = strlen (text);
    }
  else
    text = gx_csv_write_reports (reports, csv_header, &length);

  if (output == NULL || strcmp (output, "-") == 0)
    {
      if (fwrite (text, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          gx_cli_printerr (_("export: cannot write: %s\n"), g_strerror (errno));
          return GX_EXIT_WORKSPACE;
        }
    }
  else if (!g_file_set_contents_full (output, text, (gssize) length,
                                      G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    {
      gx_cli_printerr ("export: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  return GX_EXIT_OK;
}

/* Remove ---------------------------------------------------------------------- */

int
gx_cli_remove (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) ids = NULL;
  g_autoptr(GString) removed = g_string_new (NULL);
  gboolean missing = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &ids, NULL, N_("ID…") },
    { NULL }
  };

  context = make_context (_("ID… — remove reports from a workspace"),
                          _("The ids are those printed by “list”.\n"
                            "Exit status: 0 removed, 2 some id was not in the workspace "
                            "(the others were removed), 3 usage, 4 the workspace could not "
                            "be opened or written."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("remove: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (ids == NULL || ids[0] == NULL)
    {
      gx_cli_printerr ("%s\n", _("remove: no id given"));
      return GX_EXIT_USAGE;
    }
  for (guint i = 0; ids[i]; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (ids[i], 10, 1, G_MAXINT64, &id, NULL))
        {
          gx_cli_printerr (_("remove: “%s” is not a report id\n"), ids[i]);
          return GX_EXIT_USAGE;
        }
    }

  store = open_store ("remove", db, TRUE, FALSE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;
  if (!gx_workspace_begin (store, &error))
    {
      gx_cli_printerr ("remove: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GError) remove_error = NULL;
      guint64 id = g_ascii_strtoull (ids[i], NULL, 10);

      if (gx_workspace_remove_report (store, (gint64) id, &remove_error))
        g_string_append_printf (removed, _("#%s: removed\n"), ids[i]);
      else if (g_error_matches (remove_error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND))
        {
          gx_cli_printerr ("remove: %s\n", remove_error->message);
          missing = TRUE;
        }
      else
        {
          gx_cli_printerr ("remove: %s\n", remove_error->message);
          gx_workspace_rollback (store);
          return GX_EXIT_WORKSPACE;
        }
    }
  if (!gx_workspace_commit (store, &error))
    {
      gx_cli_printerr ("remove: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  /* said once it is so */
  g_print ("%s", removed->str);
  return missing ? GX_EXIT_UNREADABLE : GX_EXIT_OK;
}
