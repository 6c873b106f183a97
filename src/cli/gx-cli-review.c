/* gx-cli-review.c: what the app's reviewers do, for scripts
 *
 *   review [--db WS] ID                      the findings of report ID, with their decisions
 *   review [--db WS] ID KEY (--confirm|--dismiss|--reopen) [--note TEXT]
 *   review [--db WS] --decisions             every decision recorded
 *   merge  [--db WS] ALIAS CANONICAL         two spellings of one issuer
 *   merge  [--db WS] --undo ALIAS
 *   merge  [--db WS]                         the merges made
 *   link   [--db WS] PARENT CHILD…           PARENT is the roll-up of its units
 *   link   [--db WS] --clear PARENT
 *   link   [--db WS] PARENT                  the units of PARENT
 *
 * A finding is named by its key (gx_finding_dup_key(): "rule/section.row.
 * column", as `review ID` prints it).  Exit status: 0 done, 2 no such
 * report or finding, 3 usage, 4 the workspace could not be opened or
 * written.
 */
#include "gx-config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "gx-cli.h"
#include "gx-core.h"
#include "gx-check.h"
#include "gx-review.h"
#include "gx-workspace.h"

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

/* The workspace of a command: it must exist (nothing is made here). */
static GxWorkspace *
open_existing (const char *command,
               const char *db,
               gboolean    read_only)
{
  g_autofree char *path = db ? g_strdup (db) : gx_workspace_default_location ();
  g_autoptr(GError) error = NULL;
  GxWorkspace *store;

  if (!gx_cli_workspace_exists (path))
    {
      gx_cli_printerr (_("%s: %s: no workspace there\n"), command, path);
      return NULL;
    }
  if (read_only)
    return gx_cli_open_store_read_only (command, path);
  store = gx_workspace_open (path, FALSE, &error);
  if (store == NULL)
    gx_cli_printerr ("%s: %s\n", command, error->message);
  return store;
}

static gboolean
parse_id (const char *command,
          const char *text,
          gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      gx_cli_printerr (_("%s: “%s” is not a report id\n"), command, text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/* An error of the workspace: 2 when it names something not there. */
static int
store_failure (const char   *command,
               const GError *error)
{
  gx_cli_printerr ("%s: %s\n", command, error->message);
  return g_error_matches (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND)
         ? GX_EXIT_UNREADABLE : GX_EXIT_WORKSPACE;
}

/* "KEY<TAB>severity<TAB>decision<TAB>note<TAB>message" */
static void
print_finding_line (GString   *out,
                    GxFinding *finding)
{
  g_autofree char *key = gx_finding_dup_key (finding);
  g_autofree char *note = gx_cli_escape (gx_finding_get_review_note (finding));
  g_autofree char *message = gx_cli_escape (gx_finding_get_message (finding));

  g_string_append_printf (out, "%s\t%s\t%s\t%s\t%s\n", key,
                          gx_severity_to_key (gx_finding_get_severity (finding)),
                          gx_review_state_to_key (gx_finding_get_review (finding)), note, message);
}

/* Review ---------------------------------------------------------------------- */

int
gx_cli_review (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autofree char *db = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean confirm = FALSE, dismiss = FALSE, reopen = FALSE, decisions = FALSE;
  guint n_rest, n_states;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
      N_("The finding is right: the report must be corrected"), NULL },
    { "dismiss", 0, 0, G_OPTION_ARG_NONE, &dismiss,
      N_("The finding was looked at and the report is accepted as it is"), NULL },
    { "reopen", 0, 0, G_OPTION_ARG_NONE, &reopen,
      N_("Forget the decision on the finding"), NULL },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("Why (kept with the decision)"), N_("TEXT") },
    { "decisions", 0, 0, G_OPTION_ARG_NONE, &decisions,
      N_("List every decision recorded in the workspace"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("ID [KEY]") },
    { NULL }
  };

  context = make_context (_("[ID [KEY]] — review the findings of a report"),
                          _("With an id alone, lists the report's findings: key, severity, "
                            "decision, note, message.\n"
                            "With a key and --confirm, --dismiss or --reopen, records the decision.\n"
                            "Exit status: 0 done, 2 no such report or finding, 3 usage, "
                            "4 the workspace could not be opened or written."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("review: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  n_rest = rest ? g_strv_length (rest) : 0;
  n_states = (confirm ? 1 : 0) + (dismiss ? 1 : 0) + (reopen ? 1 : 0);
  if (decisions ? n_rest != 0 || n_states != 0 || note != NULL
                : n_rest == 0 || n_rest > 2 || (n_rest == 2) != (n_states == 1) || n_states > 1 ||
                  (note != NULL && n_rest != 2))
    {
      gx_cli_printerr ("%s\n", _("review: give an id to list its findings, an id, a key and one of "
                                 "--confirm, --dismiss, --reopen to decide, or --decisions"));
      return GX_EXIT_USAGE;
    }
  if (!decisions && !parse_id ("review", rest[0], &id))
    return GX_EXIT_USAGE;

  if (!(store = open_existing ("review", db, n_states == 0)))
    return GX_EXIT_WORKSPACE;

  if (decisions)
    {
      g_autoptr(GPtrArray) reports = gx_workspace_load_all (store, &error);

      if (reports == NULL)
        return store_failure ("review", error);
      for (guint i = 0; i < reports->len; i++)
        {
          GxReport *report = g_ptr_array_index (reports, i);
          GPtrArray *findings = gx_report_get_findings (report);
          g_autofree char *issuer = gx_cli_escape (gx_report_get_issuer (report));

          for (guint k = 0; k < findings->len; k++)
            {
              GxFinding *finding = g_ptr_array_index (findings, k);

              if (gx_finding_get_review (finding) == GX_REVIEW_OPEN)
                continue;
              g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%d\t",
                                      gx_report_get_id (report), issuer, gx_report_get_year (report));
              print_finding_line (out, finding);
            }
        }
      g_print ("%s", out->str);
      return GX_EXIT_OK;
    }

  {
    g_autoptr(GxReport) report = gx_workspace_load_report (store, id, &error);
    GPtrArray *findings;
    GxFinding *found = NULL;
    GxReviewState state = confirm ? GX_REVIEW_CONFIRMED : dismiss ? GX_REVIEW_DISMISSED : GX_REVIEW_OPEN;

    if (report == NULL)
      return store_failure ("review", error);
    findings = gx_report_get_findings (report);
    if (n_rest == 1)
      {
        for (guint k = 0; k < findings->len; k++)
          print_finding_line (out, g_ptr_array_index (findings, k));
        g_print ("%s", out->str);
        return GX_EXIT_OK;
      }

    for (guint k = 0; k < findings->len && found == NULL; k++)
      {
        g_autofree char *key = gx_finding_dup_key (g_ptr_array_index (findings, k));

        if (g_strcmp0 (key, rest[1]) == 0)
          found = g_ptr_array_index (findings, k);
      }
    if (found == NULL)
      {
        gx_cli_printerr (_("review: report #%s has no finding “%s” (“review %s” lists them)\n"),
                         rest[0], rest[1], rest[0]);
        return GX_EXIT_UNREADABLE;
      }
    if (!gx_workspace_set_review (store, report, found, state, note, &error))
      return store_failure ("review", error);
    /* TRANSLATORS: "#4 group_total/review_litigation.…: dismissed" */
    g_print (_("#%s %s: %s\n"), rest[0], rest[1], gx_review_state_to_key (state));
  }
  return GX_EXIT_OK;
}

/* Merge ----------------------------------------------------------------------- */

int
gx_cli_merge (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean undo = FALSE;
  guint n_rest;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo,
      N_("Undo the merge of ALIAS"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("[ALIAS [CANONICAL]]") },
    { NULL }
  };

  context = make_context (_("[ALIAS CANONICAL] — merge two spellings of one issuer"),
                          _("Reports of ALIAS count as reports of CANONICAL for carryover, stock "
                            "and reviews.  Without names, lists the merges made.\n"
                            "Exit status: 0 done, 3 usage, 4 the workspace could not be opened or written."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("merge: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  n_rest = rest ? g_strv_length (rest) : 0;
  if (undo ? n_rest != 1 : (n_rest != 0 && n_rest != 2))
    {
      gx_cli_printerr ("%s\n", _("merge: give ALIAS and CANONICAL, --undo ALIAS, or nothing to list the merges"));
      return GX_EXIT_USAGE;
    }
  if (!(store = open_existing ("merge", db, n_rest == 0)))
    return GX_EXIT_WORKSPACE;

  if (n_rest == 0)
    {
      g_autoptr(GHashTable) aliases = gx_workspace_load_aliases (store, &error);
      g_autoptr(GList) keys = NULL;

      if (aliases == NULL)
        return store_failure ("merge", error);
      keys = g_list_sort (g_hash_table_get_keys (aliases), (GCompareFunc) g_strcmp0);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          g_autofree char *alias = gx_cli_escape (l->data);
          g_autofree char *canonical = gx_cli_escape (g_hash_table_lookup (aliases, l->data));

          g_print ("%s\t%s\n", alias, canonical);
        }
      return GX_EXIT_OK;
    }

  if (!gx_workspace_merge_issuers (store, rest[0], undo ? NULL : rest[1], &error))
    return store_failure ("merge", error);
  if (undo)
    g_print (_("%s: merge undone\n"), rest[0]);
  else
    /* TRANSLATORS: "密云区政府 → 北京市密云区人民政府: merged" */
    g_print (_("%s → %s: merged\n"), rest[0], rest[1]);
  return GX_EXIT_OK;
}

/* Link ------------------------------------------------------------------------ */

int
gx_cli_link (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *db = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean clear = FALSE;
  guint n_rest;
  gint64 parent;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo); default: $XDG_DATA_HOME/gxreports/workspace.db"), N_("WS") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear,
      N_("PARENT is no roll-up any more"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, N_("PARENT [CHILD…]") },
    { NULL }
  };

  context = make_context (_("PARENT [CHILD…] — mark a report as the roll-up of others"),
                          _("PARENT's every cell must equal the sum over its CHILDren (the hierarchy "
                            "check); the set given replaces the one PARENT had.  With PARENT alone, "
                            "lists its children.\n"
                            "Exit status: 0 done, 2 no such report, 3 usage, "
                            "4 the workspace could not be opened or written."),
                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      gx_cli_printerr ("link: %s\n", error->message);
      return GX_EXIT_USAGE;
    }
  n_rest = rest ? g_strv_length (rest) : 0;
  if (n_rest == 0 || (clear && n_rest != 1))
    {
      gx_cli_printerr ("%s\n", _("link: give PARENT and its CHILDren, --clear PARENT, or PARENT alone to list them"));
      return GX_EXIT_USAGE;
    }
  if (!parse_id ("link", rest[0], &parent))
    return GX_EXIT_USAGE;
  for (guint i = 1; i < n_rest; i++)
    {
      gint64 child;

      if (!parse_id ("link", rest[i], &child))
        return GX_EXIT_USAGE;
      g_array_append_val (children, child);
    }
  if (!(store = open_existing ("link", db, n_rest == 1 && !clear)))
    return GX_EXIT_WORKSPACE;

  if (n_rest == 1 && !clear)
    {
      g_autoptr(GxReport) report = gx_workspace_load_report (store, parent, &error);
      g_autoptr(GArray) ids = NULL;

      if (report == NULL)
        return store_failure ("link", error);
      if (!(ids = gx_workspace_get_children (store, parent, &error)))
        return store_failure ("link", error);
      for (guint i = 0; i < ids->len; i++)
        g_print ("%" G_GINT64_FORMAT "\n", g_array_index (ids, gint64, i));
      return GX_EXIT_OK;
    }

  {
    /* the parent must be there, cleared or not */
    g_autoptr(GxReport) report = gx_workspace_load_report (store, parent, &error);

    if (report == NULL)
      return store_failure ("link", error);
  }
  for (guint i = 0; i < children->len; i++)
    {
      g_autoptr(GxReport) child = gx_workspace_load_report (store, g_array_index (children, gint64, i), &error);

      if (child == NULL)
        return store_failure ("link", error);
    }
  if (!gx_workspace_set_children (store, parent, (const gint64 *) (gpointer) children->data,
                              children->len, &error))
    return store_failure ("link", error);
  if (children->len == 0)
    g_print (_("#%s: no roll-up any more\n"), rest[0]);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "#%s: the roll-up of %u report\n",
                          "#%s: the roll-up of %u reports\n", children->len),
             rest[0], children->len);
  return GX_EXIT_OK;
}
