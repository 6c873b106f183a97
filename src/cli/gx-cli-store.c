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
 * Without --db the workspace is gx_store_default_path().  Exit status (see
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
#include "gx-json.h"
#include "gx-prose.h"
#include "gx-store.h"

/* Files imported between two commits: a killed import keeps what was
 * committed, and every file is wholly in or wholly out. */
#define IMPORT_BATCH_SIZE 256

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

static GxStore *
open_store (const char *command,
            const char *db,
            gboolean    must_exist)
{
  g_autofree char *path = db ? g_strdup (db) : gx_store_default_path ();
  g_autoptr(GError) error = NULL;
  GxStore *store;

  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gx_cli_printerr (_("%s: %s: no workspace there\n"), command, path);
      return NULL;
    }
  store = gx_store_open (path, &error);
  if (store == NULL)
    gx_cli_printerr ("%s: %s\n", command, error->message);
  return store;
}

/* Import ---------------------------------------------------------------------- */

/* A file on its way in.  Reader threads fill it (bytes, hash, the report
 * read and checked); the main thread, which owns the workspace connection,
 * takes the files in order. */
typedef struct
{
  char *path;
  GBytes *bytes;
  char *hash;
  GxReport *report;
  GError *error;        /* the file could not be read */
  gboolean json;
  gboolean done;
  gboolean written;     /* back in the pool to be freed there */
} ImportSlot;

/* Files read ahead of the one being written: bounds the memory. */
#define IMPORT_WINDOW 64

typedef struct
{
  GxStore *store;
  gboolean replace;
  GHashTable *known_hashes;   /* content already in the workspace at the start */
  GThreadPool *pool;
  GQueue slots;               /* ImportSlot, in the order given */
  GMutex lock;
  GCond cond;
  ImportSlot *awaited;        /* the slot the main thread waits for */
  guint in_batch;
  guint n_files;
  guint n_added;
  guint n_present;
  guint n_replaced;
  guint n_conflicts;
  guint n_errors;
  gboolean workspace_failed;
} Import;

static gboolean
import_flush (Import *import)
{
  g_autoptr(GError) error = NULL;

  if (import->in_batch == 0)
    return TRUE;
  import->in_batch = 0;
  if (!gx_store_commit (import->store, &error))
    {
      gx_cli_printerr ("import: %s\n", error->message);
      import->workspace_failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* A JSON file of reports (what "export --format json" writes): each report
 * is put with a hash of its values; a report of the same issuer and year
 * with the same values counts as already present. */
static gboolean
looks_like_json (const char *path,
                 GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  gsize i = 0;

  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  return g_str_has_suffix (path, ".json") || (i < size && (data[i] == '[' || data[i] == '{'));
}

static void import_outcome (Import          *import,
                            const char      *path,
                            GxReport        *report,
                            GxImportOutcome  outcome);

static void
import_json (Import     *import,
             const char *path,
             const char *name,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  reports = gx_json_read_reports (data, (gssize) size, name, &error);
  if (reports == NULL)
    {
      gx_cli_printerr (_("%s: error: %s\n"), path, error->message);
      import->n_errors++;
      return;
    }
  /* a JSON file is one unit: all its reports or none */
  if (!gx_store_savepoint (import->store, &error))
    goto failed;
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      GxImportOutcome outcome;

      if (!gx_store_put_report (import->store, report, NULL, import->replace, &outcome, &error))
        {
          gx_store_rollback_to_savepoint (import->store);
          goto failed;
        }
      if (outcome == GX_IMPORT_CONFLICT)
        {
          GArray *ids = gx_store_find_ids (import->store, gx_report_get_year (report),
                                           gx_report_get_issuer (report), NULL);

          for (guint k = 0; ids && k < ids->len; k++)
            {
              g_autoptr(GxReport) other =
                gx_store_load_report (import->store, g_array_index (ids, gint64, k), NULL);

              if (other && g_strcmp0 (gx_report_get_issuer (other), gx_report_get_issuer (report)) == 0 &&
                  gx_report_values_equal (other, report))
                {
                  gx_report_set_id (report, gx_report_get_id (other));
                  outcome = GX_IMPORT_ALREADY_PRESENT;
                  break;
                }
            }
          g_clear_pointer (&ids, g_array_unref);
        }
      import_outcome (import, path, report, outcome);
    }
  if (!gx_store_release_savepoint (import->store, &error))
    goto failed;
  return;

failed:
  gx_cli_printerr (_("%s: error: %s\n"), path, error->message);
  import->workspace_failed = TRUE;
}

static void
import_outcome (Import          *import,
                const char      *path,
                GxReport        *report,
                GxImportOutcome  outcome)
{
  switch (outcome)
    {
    case GX_IMPORT_ADDED:
      g_print (_("%s: added as #%lld (%s, %d)\n"), path,
               (long long) gx_report_get_id (report), gx_report_get_issuer (report) ?: "?",
               gx_report_get_year (report));
      import->n_added++;
      break;
    case GX_IMPORT_ALREADY_PRESENT:
      g_print (_("%s: already present (#%lld)\n"), path,
               (long long) gx_report_get_id (report));
      import->n_present++;
      break;
    case GX_IMPORT_REPLACED:
      g_print (_("%s: replaced #%lld (%s, %d)\n"), path,
               (long long) gx_report_get_id (report), gx_report_get_issuer (report) ?: "?",
               gx_report_get_year (report));
      import->n_replaced++;
      break;
    case GX_IMPORT_CONFLICT:
    default:
      g_print (_("%s: conflict: the workspace has another report of %s, %d; use --replace to replace it\n"),
               path, gx_report_get_issuer (report) ?: "?", gx_report_get_year (report));
      import->n_conflicts++;
      break;
    }
}

static void
import_slot_free (ImportSlot *slot)
{
  g_free (slot->path);
  g_clear_pointer (&slot->bytes, g_bytes_unref);
  g_free (slot->hash);
  g_clear_object (&slot->report);
  g_clear_error (&slot->error);
  g_free (slot);
}

/* In a reader thread: everything that needs no workspace. */
static void
read_slot (gpointer data,
           gpointer user_data)
{
  ImportSlot *slot = data;
  Import *import = user_data;
  g_autofree char *name = NULL;

  /* A report and its findings take a while to free: the thread that
   * writes the workspace hands them back here. */
  if (slot->written)
    {
      import_slot_free (slot);
      return;
    }

  name = g_path_get_basename (slot->path);

  if ((slot->bytes = gx_reader_load_path (slot->path, &slot->error)) != NULL)
    {
      slot->hash = gx_store_content_hash (g_bytes_get_data (slot->bytes, NULL),
                                          g_bytes_get_size (slot->bytes));
      slot->json = looks_like_json (slot->path, slot->bytes);
      /* content there already, or JSON (read by the main thread): no report */
      if (!slot->json && !g_hash_table_contains (import->known_hashes, slot->hash))
        {
          slot->report = gx_reader_read_bytes (slot->bytes, name, &slot->error);
          if (slot->report != NULL)
            {
              /* the workspace counts blank cells; their notes are built
               * when a report is opened */
              g_ptr_array_unref (gx_rules_check_full (slot->report, GX_RULES_NO_BLANK_CELLS));
              g_ptr_array_unref (gx_prose_check (slot->report));
              gx_report_set_checked (slot->report);
            }
        }
    }

  g_mutex_lock (&import->lock);
  slot->done = TRUE;
  if (import->awaited == slot)
    g_cond_signal (&import->cond);
  g_mutex_unlock (&import->lock);
}

/* In the main thread: the oldest file, into the workspace. */
static void
import_next_slot (Import *import)
{
  g_autoptr(GError) error = NULL;
  ImportSlot *slot = g_queue_pop_head (&import->slots);
  const char *path = slot->path;
  g_autofree char *name = g_path_get_basename (path);
  GxImportOutcome outcome;
  gint64 existing;

  g_mutex_lock (&import->lock);
  import->awaited = slot;
  while (!slot->done)
    g_cond_wait (&import->cond, &import->lock);
  import->awaited = NULL;
  g_mutex_unlock (&import->lock);

  if (import->workspace_failed)
    goto out;

  if (slot->bytes == NULL)
    {
      gx_cli_printerr (_("%s: error: %s\n"), path, slot->error->message);
      import->n_errors++;
      goto out;
    }

  if (import->in_batch == 0)
    {
      if (!gx_store_begin (import->store, &error))
        {
          gx_cli_printerr ("import: %s\n", error->message);
          import->workspace_failed = TRUE;
          goto out;
        }
    }
  import->in_batch++;

  /* Content already there (perhaps from an earlier file of this run), for
   * what was not read; a report read is looked up by gx_store_put_report(),
   * which says GX_IMPORT_ALREADY_PRESENT */
  existing = slot->report != NULL ? 0 : gx_store_find_hash (import->store, slot->hash, &error);
  if (existing < 0)
    {
      gx_cli_printerr ("import: %s\n", error->message);
      import->workspace_failed = TRUE;
      goto out;
    }
  if (existing > 0)
    {
      g_print (_("%s: already present (#%lld)\n"), path, (long long) existing);
      import->n_present++;
      goto done;
    }

  if (slot->json)
    {
      import_json (import, path, name, slot->bytes);
      goto done;
    }

  if (slot->report == NULL)
    {
      /* a file whose content was known at the start but is gone meanwhile */
      if (slot->error == NULL)
        slot->report = gx_reader_read_bytes (slot->bytes, name, &slot->error);
      if (slot->report == NULL)
        {
          gx_cli_printerr (_("%s: error: %s\n"), path, slot->error->message);
          import->n_errors++;
          goto done;
        }
    }

  if (!gx_store_put_report (import->store, slot->report, slot->hash, import->replace, &outcome, &error))
    {
      gx_cli_printerr (_("%s: error: %s\n"), path, error->message);
      import->workspace_failed = TRUE;
      goto out;
    }

  import_outcome (import, path, slot->report, outcome);

done:
  if (import->in_batch >= IMPORT_BATCH_SIZE)
    import_flush (import);
out:
  slot->written = TRUE;
  g_thread_pool_push (import->pool, slot, NULL);
}

/* Queues @path for reading; writes the oldest files once enough are ahead. */
static void
import_file (Import     *import,
             const char *path)
{
  ImportSlot *slot = g_new0 (ImportSlot, 1);

  import->n_files++;
  slot->path = g_strdup (path);
  g_queue_push_tail (&import->slots, slot);
  g_thread_pool_push (import->pool, slot, NULL);

  while (g_queue_get_length (&import->slots) > IMPORT_WINDOW && !import->workspace_failed)
    import_next_slot (import);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Walks @path: a file is imported, a folder is walked in name order.
 * Hidden entries and symbolic links to folders are skipped inside folders
 * (a link loop would never end). */
static void
import_path (Import     *import,
             const char *path,
             gboolean    named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (import->workspace_failed)
    return;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gx_cli_printerr (_("%s: error: no such file or folder\n"), path);
      import->n_files++;
      import->n_errors++;
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      import_file (import, path);
      return;
    }
  if (!named && g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return;

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      gx_cli_printerr (_("%s: error: %s\n"), path, error->message);
      import->n_files++;
      import->n_errors++;
      return;
    }
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len && !import->workspace_failed; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);

      import_path (import, child, FALSE);
    }
}

int
gx_cli_import (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) paths = NULL;
  gboolean replace = FALSE;
  Import import = { 0 };
  guint n_files;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace (default: $XDG_DATA_HOME/gxreports/workspace.db)"), N_("WS") },
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

  store = open_store ("import", db, FALSE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;

  import.store = store;
  import.replace = replace;
  import.known_hashes = gx_store_dup_hashes (store, &error);
  if (import.known_hashes == NULL)
    {
      gx_cli_printerr ("import: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  g_mutex_init (&import.lock);
  g_cond_init (&import.cond);
  g_queue_init (&import.slots);
  gx_reader_init ();
  import.pool = g_thread_pool_new (read_slot, &import, (int) gx_cli_n_threads (), FALSE, NULL);

  for (guint i = 0; paths[i] && !import.workspace_failed; i++)
    import_path (&import, paths[i], TRUE);
  while (!g_queue_is_empty (&import.slots))
    import_next_slot (&import);   /* after a workspace failure, only frees */

  g_thread_pool_free (import.pool, FALSE, TRUE);
  g_hash_table_unref (import.known_hashes);
  g_mutex_clear (&import.lock);
  g_cond_clear (&import.cond);

  if (import.workspace_failed)
    {
      if (import.in_batch > 0)
        gx_store_rollback (store);
      gx_cli_printerr ("%s\n", _("import: stopped; the files of the last batch were not imported"));
      return GX_EXIT_WORKSPACE;
    }
  if (!import_flush (&import))
    return GX_EXIT_WORKSPACE;

  n_files = import.n_files;
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u file: ", "%u files: ", n_files), n_files);
  g_print (_("%u reports added, %u already present, %u replaced, %u in conflict; %u unreadable\n"),
           import.n_added, import.n_present, import.n_replaced, import.n_conflicts,
           import.n_errors);

  return import.n_errors > 0 || import.n_conflicts > 0 ? GX_EXIT_UNREADABLE : GX_EXIT_OK;
}

/* List ------------------------------------------------------------------------ */

int
gx_cli_list (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace (default: $XDG_DATA_HOME/gxreports/workspace.db)"), N_("WS") },
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

  store = open_store ("list", db, TRUE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;
  reports = gx_store_list_summaries (store, &error);
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

      g_print ("%" G_GINT64_FORMAT "\t%s\t%d\t%u\t%u\t%u\t%s\n", gx_report_get_id (r),
               gx_report_get_issuer (r) ?: "", gx_report_get_year (r),
               gx_report_get_n_errors (r), gx_report_get_n_warnings (r),
               gx_report_get_n_notes (r), gx_report_get_source (r) ?: "");
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
export_publish (GxStore    *store,
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
      /* the findings as the workspace has them: across reports, with the
       * reviewers' decisions */
      ok = TRUE;
      for (guint i = 0; ok && i < reports->len; i++)
        ok = gx_store_check_report (store, g_ptr_array_index (reports, i), &error);
      ok = ok && gx_xlsx_write_reports (reports, target, &error);
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
  g_autoptr(GxStore) store = NULL;
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
      N_("The workspace (default: $XDG_DATA_HOME/gxreports/workspace.db)"), N_("WS") },
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

  store = open_store ("export", db, TRUE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;
  reports = gx_store_load_all (store, &error);
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
  g_autoptr(GxStore) store = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean missing = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      N_("The workspace (default: $XDG_DATA_HOME/gxreports/workspace.db)"), N_("WS") },
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

  store = open_store ("remove", db, TRUE);
  if (store == NULL)
    return GX_EXIT_WORKSPACE;
  if (!gx_store_begin (store, &error))
    {
      gx_cli_printerr ("remove: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GError) remove_error = NULL;
      guint64 id = g_ascii_strtoull (ids[i], NULL, 10);

      if (gx_store_remove_report (store, (gint64) id, &remove_error))
        g_print (_("#%s: removed\n"), ids[i]);
      else if (g_error_matches (remove_error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_FOUND))
        {
          gx_cli_printerr ("remove: %s\n", remove_error->message);
          missing = TRUE;
        }
      else
        {
          gx_cli_printerr ("remove: %s\n", remove_error->message);
          gx_store_rollback (store);
          return GX_EXIT_WORKSPACE;
        }
    }
  if (!gx_store_commit (store, &error))
    {
      gx_cli_printerr ("remove: %s\n", error->message);
      return GX_EXIT_WORKSPACE;
    }
  return missing ? GX_EXIT_UNREADABLE : GX_EXIT_OK;
}
