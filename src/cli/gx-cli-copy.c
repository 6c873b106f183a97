/* gx-cli-copy.c: `gxreports-cli copy --from WS --to WS` (gx-ws-copy.h) */
#include "gx-config.h"

#include <glib/gi18n.h>

#include "gx-cli.h"
#include "gx-backend.h"
#include "gx-pg-store.h"
#include "gx-ws-copy.h"

/* A workspace as the user named it, without a password. */
static char *
shown (const char *location)
{
  if (gx_backend_location_is_postgres (location))
    return gx_pg_location_display (location);
  return gx_cli_escape (location);
}

int
gx_cli_copy (int    argc,
             char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *from_shown = NULL;
  g_autofree char *to_shown = NULL;
  GxWsCopyCounts counts = { 0 };
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("The workspace to copy: a file, or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo)"),
      N_("WS") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_("The workspace to copy into: a new file, or an empty PostgreSQL database (postgresql://user@host/db or a libpq conninfo)"), N_("WS") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Copies a whole workspace — its reports, review decisions, issuer merges and roll-ups — "
      "between an SQLite file and a PostgreSQL database, in either direction.  The target must "
      "be new or empty; it is written in one transaction, all or nothing.\n\n"
      "The password of a database comes from ~/.pgpass or PGPASSWORD, never from the command line."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("copy: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  if (from == NULL || to == NULL || argc > 1)
    {
      gx_cli_printerr ("%s", _("copy: give --from WS and --to WS, and nothing else\n"));
      return GX_EXIT_USAGE;
    }
  if (!gx_ws_copy (from, to, &counts, &error))
    {
      gx_cli_printerr ("copy: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  from_shown = shown (from);
  to_shown = shown (to);
  g_print (_("%s → %s: %llu reports, %llu review decisions, %llu issuer merges, %llu roll-up links\n"),
           from_shown, to_shown, (unsigned long long) counts.n_reports,
           (unsigned long long) counts.n_reviews, (unsigned long long) counts.n_aliases,
           (unsigned long long) counts.n_links);
  return GX_EXIT_OK;
}
