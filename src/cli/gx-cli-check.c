/* gx-cli-check.c: gxreports-cli check [--json] [--notes] [--db WS] FILE...
 *
 * Reads each file, runs the rules and the prose checks, then carryover
 * among the files given (same issuer, consecutive years), and prints the
 * findings (or, with --json, one JSON array of the reports in the shape of
 * report-schema.md, findings included).  With --db, each report is also
 * checked against the previous year in that workspace, with the issuer
 * merges made there, and the decisions recorded there are shown (dismissed
 * findings hidden unless --dismissed, and never counted: the exit status
 * follows the errors not dismissed).  A file that cannot be read is
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
#include "gx-sections.h"
#include "gx-workspace.h"
#include "gx-check.h"

static void
print_finding (GString   *out,
               GxReport  *report,
               GxFinding *finding)
{
  const GxSchemaCell *cell = gx_finding_has_cell (finding)
                             ? gx_schema_cell (gx_finding_get_cell (finding)) : NULL;
  guint line = cell ? gx_report_get_cell_line (report, cell->index) : 0;
  g_autofree char *where = NULL;

  if (cell == NULL)
    /* the prose, or the tables as a whole (mostly_blank), not a cell */
    where = g_strdup (gx_sections_is_text_rule (gx_finding_get_rule (finding)) ? "text" : "tables");
  else if (gx_finding_get_column_key (finding) != NULL)
    where = g_strdup (cell->path);
  else
    where = g_strdup_printf ("%s.%s", gx_schema_section (cell->section)->key, cell->row->key);

  g_string_append_printf (out, "  %-8s %-17s %-56s %s", gx_severity_to_label (gx_finding_get_severity (finding)),
           gx_finding_get_rule (finding), where, gx_finding_get_message (finding));
  if (line > 0 && g_strcmp0 (gx_finding_get_rule (finding), GX_RULE_PROSE_MISMATCH) != 0)
    /* TRANSLATORS: after a finding: where in the file the value is */
    g_string_append_printf (out, _(" (line %u)"), line);
  switch (gx_finding_get_review (finding))
    {
    case GX_REVIEW_CONFIRMED:
      /* TRANSLATORS: after a finding a reviewer confirmed */
      g_string_append_printf (out, " [%s%s%s]", _("confirmed"),
               gx_finding_get_review_note (finding) ? _(": ") : "",
               gx_finding_get_review_note (finding) ? gx_finding_get_review_note (finding) : "");
      break;
    case GX_REVIEW_DISMISSED:
      g_string_append_printf (out, " [%s%s%s]", _("dismissed"),
               gx_finding_get_review_note (finding) ? _(": ") : "",
               gx_finding_get_review_note (finding) ? gx_finding_get_review_note (finding) : "");
      break;
    case GX_REVIEW_OPEN:
    default:
      break;
    }
  g_string_append_c (out, '\n');
}

static void
print_report (GString  *out,
              GxReport *report,
              gboolean  with_notes,
              gboolean  with_dismissed)
{
  GPtrArray *findings = gx_report_get_findings (report);
  guint n_notes = gx_report_get_n_notes (report);
  /* blank cells checked without building their notes are counted */
  guint n_blank = gx_report_get_n_unlisted_notes (report), n_dismissed = 0;

  g_string_append_printf (out, "%s: %s %d — ", gx_report_get_source (report),
           gx_report_get_issuer (report), gx_report_get_year (report));
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", gx_report_get_n_errors (report)),
           gx_report_get_n_errors (report));
  g_string_append (out, ", ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", gx_report_get_n_warnings (report)),
           gx_report_get_n_warnings (report));
  g_string_append (out, ", ");
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);
  g_string_append_c (out, '\n');

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
      print_finding (out, report, finding);
    }
  if (n_blank > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                          "  %u blank cell read as 0 (--notes lists it)\n",
                          "  %u blank cells read as 0 (--notes lists them)\n", n_blank),
             n_blank);
  if (n_dismissed > 0)
    g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                          "  %u dismissed finding not shown (--dismissed lists it)\n",
                          "  %u dismissed findings not shown (--dismissed lists them)\n", n_dismissed),
             n_dismissed);
}

#define WINDOW 64

typedef struct
{
  char *path;
  GxReport *report;
  GError *error;
  gboolean done;
} Slot;

typedef struct
{
  GMutex lock;
  GCond cond;
  Slot *awaited;      /* the slot the main thread waits for, or NULL */
  GxRulesFlags rules;
} Work;

/* What the walk of a folder given finds (gx_reader_walk()): a file to
 * check, or what cannot be checked there (a FIFO, a loop of links), as a
 * slot that is done already. */
static void
collect_cb (const char   *path,
            const GError *error,
            gpointer      user_data)
{
  GArray *slots = user_data;
  Slot slot = { g_strdup (path), NULL, NULL, FALSE };

  if (error != NULL)
    {
      slot.error = g_error_new (error->domain, error->code, "%s: %s", path, error->message);
      slot.done = TRUE;
    }
  g_array_append_val (slots, slot);
}

static void
slot_clear (gpointer data)
{
  Slot *slot = data;

  g_free (slot->path);
  g_clear_object (&slot->report);
  g_clear_error (&slot->error);
}

/* In a worker thread: what needs no workspace. */
static void
check_file (gpointer data,
            gpointer user_data)
{
  Slot *slot = data;
  Work *work = user_data;
  GError *error = NULL;
  GxReport *report = gx_reader_read_path (slot->path, &error);

  if (report != NULL)
    {
      g_ptr_array_unref (gx_rules_check_full (report, work->rules));
      g_ptr_array_unref (gx_prose_check (report));
      gx_report_set_checked (report);
    }

  g_mutex_lock (&work->lock);
  slot->report = report;
  slot->error = error;
  slot->done = TRUE;
  /* the printing thread takes the files in order: wake it only for the
   * one it waits for */
  if (work->awaited == slot)
    g_cond_signal (&work->cond);
  g_mutex_unlock (&work->lock);
}

/* What carryover and stock need of a report: who, when, the rows 上年结转
 * and 结转下年度, 规章 and 行政规范性文件 (a sparse GxReport of 20 cells). */
static GxReport *
carryover_skeleton (GxReport *report)
{
  static const struct { GxSection section; const char *row; } rows[] = {
    { GX_SECTION_APPLICATIONS, "carried_over" },
    { GX_SECTION_APPLICATIONS, "carried_forward" },
    { GX_SECTION_DISCLOSURE, "regulations" },
    { GX_SECTION_DISCLOSURE, "normative_documents" },
  };
  GxReport *skeleton = g_object_new (GX_TYPE_REPORT,
                                     "issuer", gx_report_get_issuer (report),
                                     "year", gx_report_get_year (report),
                                     "source", gx_report_get_source (report),
                                     "format-version", gx_report_get_format_version (report),
                                     NULL);

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      const GxSchemaRow *row = gx_schema_find_row (rows[r].section, rows[r].row);

      for (guint c = 0; c < row->n_columns; c++)
        {
          guint cell = row->first_cell + c;
          gint64 value;

          switch (gx_report_get_cell (report, cell, &value))
            {
            case GX_CELL_VALUE:
              gx_report_set_value (skeleton, cell, value);
              break;
            case GX_CELL_INVALID:
              gx_report_set_invalid (skeleton, cell, gx_report_get_raw (report, cell));
              break;
            case GX_CELL_BLANK:
            default:
              break;
            }
        }
    }
  return skeleton;
}

int
gx_cli_check (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) files = NULL;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GString) out = g_string_sized_new (4096);   /* one report's lines */
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
      N_("Check against the reports, issuer merges and reviews of this workspace too: a file or a PostgreSQL database (postgresql://user@host/db or a libpq conninfo)"), N_("WORKSPACE") },
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
      if (!gx_cli_workspace_exists (db_path))
        {
          gx_cli_printerr (_("check: %s: there is no workspace there\n"), db_path);
          return GX_EXIT_WORKSPACE;
        }
      if (!(store = gx_cli_open_store_read_only ("check", db_path)))
        return GX_EXIT_WORKSPACE;
      if (!(aliases = gx_workspace_load_aliases (store, &error)))
        {
          gx_cli_printerr ("check: %s\n", error->message);
          return GX_EXIT_WORKSPACE;
        }
    }

  {
    g_autoptr(GArray) walked = g_array_new (FALSE, TRUE, sizeof (Slot));
    guint n;
    Slot *slots;
    g_autoptr(GPtrArray) skeletons = g_ptr_array_new_with_free_func (g_object_unref);
    Work work;
    GThreadPool *pool;

    g_mutex_init (&work.lock);
    g_cond_init (&work.cond);
    work.awaited = NULL;
    /* a plain listing only counts the blank cells: their notes need not be
     * built (JSON, --notes and a workspace's reviews need them) */
    work.rules = !json && !notes && store == NULL ? GX_RULES_NO_BLANK_CELLS : GX_RULES_ALL;
    gx_reader_init ();
    pool = g_thread_pool_new (check_file, &work, (int) gx_cli_n_threads (), FALSE, NULL);
    /* folders are walked as import walks them */
    for (guint i = 0; files[i]; i++)
      gx_reader_walk (files[i], NULL, collect_cb, walked);
    g_array_set_clear_func (walked, slot_clear);
    n = walked->len;
    slots = (Slot *) (gpointer) walked->data;
    for (guint i = 0; i < MIN (n, WINDOW); i++)
      if (!slots[i].done)
        g_thread_pool_push (pool, &slots[i], NULL);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GxReport) report = NULL;
        g_autoptr(GError) read_error = NULL;

        g_mutex_lock (&work.lock);
        work.awaited = &slots[i];
        while (!slots[i].done)
          g_cond_wait (&work.cond, &work.lock);
        work.awaited = NULL;
        report = g_steal_pointer (&slots[i].report);
        read_error = g_steal_pointer (&slots[i].error);
        g_mutex_unlock (&work.lock);
        g_clear_pointer (&slots[i].path, g_free);
        if (i + WINDOW < n && !slots[i + WINDOW].done)
          g_thread_pool_push (pool, &slots[i + WINDOW], NULL);

        if (report == NULL)
          {
            gx_cli_printerr ("%s\n", read_error->message);
            unreadable = TRUE;
            continue;
          }

        /* the workspace is this thread's: the year before, merges, reviews
         * (the one recipe, gx_check_report(): a dismissed error does not
         * count) */
        if (store != NULL)
          {
            if (!gx_check_report_full (report, store ? gx_workspace_get_backend (store) : NULL, GX_CHECK_REUSE, work.rules, &error))
              {
                gx_cli_printerr ("check: %s\n", error->message);
                g_thread_pool_free (pool, TRUE, TRUE);
                return GX_EXIT_WORKSPACE;
              }
          }

        if (json)
          g_ptr_array_add (reports, g_steal_pointer (&report));
        else
          {
            if (gx_report_get_n_errors (report) > 0)
              any_error = TRUE;
            g_string_truncate (out, 0);
            print_report (out, report, notes, dismissed);
            g_print ("%s", out->str);
            g_ptr_array_add (skeletons, carryover_skeleton (report));
          }
      }
    g_thread_pool_free (pool, FALSE, TRUE);
    g_mutex_clear (&work.lock);
    g_cond_clear (&work.cond);

    if (json)
      {
        /* carryover among the files, in each later report's findings */
        gx_crosscheck_reports (reports, aliases);
        for (guint i = 0; i < reports->len; i++)
          {
            GxReport *report = g_ptr_array_index (reports, i);

            if (store != NULL && !gx_workspace_apply_reviews (store, report, &error))
              {
                gx_cli_printerr ("check: %s\n", error->message);
                return GX_EXIT_WORKSPACE;
              }
            gx_check_update_counts (report);
            if (gx_report_get_n_errors (report) > 0)
              any_error = TRUE;
          }
      }
    else if (gx_crosscheck_reports (skeletons, aliases) > 0)
      {
        g_print ("%s\n", _("Across the files:"));
        for (guint i = 0; i < skeletons->len; i++)
          {
            GxReport *skeleton = g_ptr_array_index (skeletons, i);
            GPtrArray *findings = gx_report_get_findings (skeleton);

            if (store != NULL && !gx_workspace_apply_reviews (store, skeleton, &error))
              {
                gx_cli_printerr ("check: %s\n", error->message);
                return GX_EXIT_WORKSPACE;
              }
            for (guint k = 0; k < findings->len; k++)
              {
                GxFinding *finding = g_ptr_array_index (findings, k);

                if (gx_finding_get_review (finding) == GX_REVIEW_DISMISSED && !dismissed)
                  continue;
                g_string_truncate (out, 0);
                g_string_append_printf (out, "%s: ", gx_report_get_source (skeleton));
                print_finding (out, skeleton, finding);
                g_print ("%s", out->str);
              }
          }
      }
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
