/* gxreports-cli: the command-line tool
 *
 * Subcommand names, options, exit codes (gx-cli.h) and the JSON shape are
 * used by other offices' scripts: extend them, never rename.
 */
#include "gx-config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gx-cli.h"
#include "gx-workspace.h"
#include "gx-backend.h"

typedef struct
{
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "check",  gx_cli_check,  N_("Read report files and list the totals that do not tie out") },
  { "import", gx_cli_import, N_("Import report files and folders into a workspace") },
  { "list",   gx_cli_list,   N_("List the reports of a workspace") },
  { "export", gx_cli_export, N_("Export a workspace as JSON or CSV") },
  { "remove", gx_cli_remove, N_("Remove reports from a workspace") },
  { "print",  gx_cli_print,  N_("Print summary sheets or a roll-up to PDF") },
  { "review", gx_cli_review, N_("List the findings of a report, confirm or dismiss one") },
  { "merge",  gx_cli_merge,  N_("Merge two spellings of one issuer") },
  { "link",   gx_cli_link,   N_("Mark a report as the roll-up of others") },
  { "copy",   gx_cli_copy,   N_("Copy a whole workspace between a file and a PostgreSQL database") },
};

void
gx_cli_printerr (const char *format,
                 ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("gxreports-cli: %s", message);
}

guint
gx_cli_n_threads (void)
{
  const char *env = g_getenv ("GX_THREADS");
  guint64 n = env ? g_ascii_strtoull (env, NULL, 10) : 0;

  return n > 0 ? (guint) MIN (n, 64) : MAX (1u, (guint) g_get_num_processors ());
}

GxWorkspace *
gx_cli_open_store_read_only (const char *command,
                             const char *path)
{
  g_autoptr(GError) error = NULL;
  GxWorkspace *store = gx_workspace_open (path, TRUE, &error);

  if (store == NULL)
    {
      gx_cli_printerr ("%s: %s\n", command, error->message);
      return NULL;
    }
  if (gx_workspace_is_unlocked (store))
    gx_cli_printerr (_("%s: %s: its folder cannot be written, so the workspace was read as it is, without locking\n"),
                     command, path);
  return store;
}

gboolean
gx_cli_workspace_exists (const char *location)
{
  /* a database is there or not: connecting says */
  return gx_backend_location_is_postgres (location) || g_file_test (location, G_FILE_TEST_IS_REGULAR);
}

char *
gx_cli_escape (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

static void
usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: gxreports-cli COMMAND [OPTION…] [FILE…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “gxreports-cli COMMAND --help” for the options of a command."));
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("GX_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* Reports are Chinese: under a plain C/POSIX locale, print UTF-8 rather
   * than question marks (scripts read our output as UTF-8). */
  if (!g_get_charset (NULL))
    setlocale (LC_CTYPE, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? GX_EXIT_USAGE : GX_EXIT_OK;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("gxreports-cli %s\n", PACKAGE_VERSION);
      return GX_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].run (argc - 1, argv + 1);

  gx_cli_printerr (_("unknown command “%s”\n"), argv[1]);
  usage (stderr);
  return GX_EXIT_USAGE;
}
