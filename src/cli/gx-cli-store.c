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
            gboolean    must_exist,
            gboolean    read_only)
{
  g_autofree char *path = db ? g_strdup (db) : gx_store_default_path ();
  g_autoptr(GError) error = NULL;
  GxStore *store;

  if (must_exist && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gx_cli_printerr (_("%s: %s: no workspace there\n"), command, path);
      return NULL;
    }
  /* reading takes no write lock: it answers while an import writes */
  if (read_only)
    return gx_cli_open_store_read_only (command, path);
  store = gx_store_open (path, &error);
  if (store == NULL)
    gx_cli_printerr ("%s: %s\n", command, error->message);
  return store;
}

/* Import ---------------------------------------------------------------------- */

/* A file on its way in.  Reader threads fill it (bytes, hash, the report
 * or the JSON file's reports, read and checked); the main thread, which
 * owns the workspace connection, takes the files in order, a batch at a
 * time: it waits for files only outside a transaction, and says what
 * happened to a file only once its batch is committed. */
typedef struct
{
  char *path;
  GBytes *bytes;        /* kept only while nothing was read of them */
  char *hash;
  GxReport *report;
  GPtrArray *reports;   /* of a JSON file */
  GError *error;        /* the file could not be read */
  gboolean json;
  gboolean done;
  gboolean written;     /* back in the pool to be freed there */
} ImportSlot;

/* Files read ahead of the batch being gathered: bounds the memory. */
#define IMPORT_WINDOW 64

typedef struct
{
  guint added;
  guint present;
  guint replaced;
  guint conflicts;
  guint errors;
} ImportCounts;

/* A line of output, printed once the batch is committed (or, for a file
 * that could not be read, even when it is not). */
typedef struct
{
  char *text;
  gboolean to_stderr;
  gboolean committed_only;
} ImportLine;

typedef struct
{
  GxStore *store;
  gboolean replace;
  GHashTable *known_hashes;   /* content already in the workspace at the start */
  GThreadPool *pool;
  GQueue slots;               /* ImportSlot, in the order given, being read */
  GPtrArray *batch;           /* ImportSlot, read, to be written together */
  GMutex lock;
  GCond cond;
  ImportSlot *awaited;        /* the slot the main thread waits for */
  GArray *lines;              /* ImportLine of the batch being written */
  ImportCounts total;
  ImportCounts staged;        /* of the batch being written */
  guint n_files;
  gboolean workspace_failed;
} Import;

static void
import_line_clear (gpointer data)
{
  g_free (((ImportLine *) data)->text);
}

static void import_say (Import     *import,
                        gboolean    to_stderr,
                        gboolean    committed_only,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

static void
import_say (Import     *import,
            gboolean    to_stderr,
            gboolean    committed_only,
            const char *format,
            ...)
{
  ImportLine line = { NULL, to_stderr, committed_only };
  va_list args;

  va_start (args, format);
  line.text = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (import->lines, line);
}

/* Prints the lines of the batch: all of them once it is committed, only
 * those about files that could not be read when it was not. */
static void
import_print_lines (Import   *import,
                    gboolean  committed)
{
  for (guint i = 0; i < import->lines->len; i++)
    {
      ImportLine *line = &g_array_index (import->lines, ImportLine, i);

      if (line->committed_only && !committed)
        continue;
      if (line->to_stderr)
        gx_cli_printerr ("%s", line->text);
      else
        g_print ("%s", line->text);
    }
  g_array_set_size (import->lines, 0);
}

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

static void
import_outcome (Import          *import,
                const char      *path,
                GxReport        *report,
                const char      *hash,
                GxImportOutcome  outcome)
{
  gint64 id = gx_report_get_id (report);

  switch (outcome)
    {
    case GX_IMPORT_ADDED:
      import_say (import, FALSE, TRUE, _("%s: added as #%lld (%s, %d)\n"), path,
                  (long long) id, gx_report_get_issuer (report) ?: "?",
                  gx_report_get_year (report));
      import->staged.added++;
      break;
    case GX_IMPORT_ALREADY_PRESENT:
      /* the same content, or only the same figures (another file of the
       * same report) */
      if (hash != NULL && gx_store_find_hash (import->store, hash, NULL) != id)
        import_say (import, FALSE, TRUE, _("%s: already present (same figures as report #%lld)\n"),
                    path, (long long) id);
      else
        import_say (import, FALSE, TRUE, _("%s: already present (#%lld)\n"), path, (long long) id);
      import->staged.present++;
      break;
    case GX_IMPORT_REPLACED:
      import_say (import, FALSE, TRUE, _("%s: replaced #%lld (%s, %d)\n"), path,
                  (long long) id, gx_report_get_issuer (report) ?: "?",
                  gx_report_get_year (report));
      import->staged.replaced++;
      break;
    case GX_IMPORT_CONFLICT:
    default:
      import_say (import, FALSE, TRUE,
                  _("%s: conflict: the workspace has another report of %s, %d; use --replace to replace it\n"),
                  path, gx_report_get_issuer (report) ?: "?", gx_report_get_year (report));
      import->staged.conflicts++;
      break;
    }
}

/* The reports of a JSON file, as one unit: all of them or none.  FALSE
 * when the workspace failed. */
static gboolean
import_json (Import     *import,
             const char *path,
             GPtrArray  *reports)
{
  g_autoptr(GError) error = NULL;

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
      import_outcome (import, path, report, NULL, outcome);
    }
  if (!gx_store_release_savepoint (import->store, &error))
    goto failed;
  return TRUE;

failed:
  gx_cli_printerr (_("%s: error: %s\n"), path, error->message);
  return FALSE;
}

static void
import_slot_free (ImportSlot *slot)
{
  g_free (slot->path);
  g_clear_pointer (&slot->bytes, g_bytes_unref);
  g_free (slot->hash);
  g_clear_object (&slot->report);
  g_clear_pointer (&slot->reports, g_ptr_array_unref);
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
      gsize size;
      const char *bytes = g_bytes_get_data (slot->bytes, &size);

      slot->hash = gx_store_content_hash (bytes, size);
      slot->json = looks_like_json (slot->path, slot->bytes);
      /* content there already: nothing to read */
      if (!g_hash_table_contains (import->known_hashes, slot->hash))
        {
          if (slot->json)
            slot->reports = gx_json_read_reports (bytes, (gssize) size, name, &slot->error);
          else
            {
              slot->report = gx_reader_read_bytes (slot->bytes, name, &slot->error);
              if (slot->report != NULL)
                {
                  /* the workspace counts blank cells; their notes are
                   * built when a report is opened */
                  g_ptr_array_unref (gx_rules_check_full (slot->report, GX_RULES_NO_BLANK_CELLS));
                  g_ptr_array_unref (gx_prose_check (slot->report));
                  gx_report_set_checked (slot->report);
                }
            }
          g_clear_pointer (&slot->bytes, g_bytes_unref);
        }
    }

  g_mutex_lock (&import->lock);
  slot->done = TRUE;
  if (import->awaited == slot)
    g_cond_signal (&import->cond);
  g_mutex_unlock (&import->lock);
}

/* In the main thread, in a transaction: one file read.  FALSE when the
 * workspace failed. */
static gboolean
import_write_slot (Import     *import,
                   ImportSlot *slot)
{
  g_autoptr(GError) error = NULL;
  const char *path = slot->path;
  g_autofree char *shown = gx_cli_escape (path);
  GxImportOutcome outcome;
  gint64 existing;

  /* Content already there (perhaps from an earlier file of this run), for
   * what was not read; a report read is looked up by gx_store_put_report(),
   * which says GX_IMPORT_ALREADY_PRESENT */
  existing = slot->bytes != NULL ? gx_store_find_hash (import->store, slot->hash, &error) : 0;
  if (existing < 0)
    {
      gx_cli_printerr ("import: %s\n", error->message);
      return FALSE;
    }
  if (existing > 0)
    {
      import_say (import, FALSE, TRUE, _("%s: already present (#%lld)\n"), shown, (long long) existing);
      import->staged.present++;
      return TRUE;
    }

  if (slot->bytes != NULL)
    {
      /* content known at the start but gone meanwhile: read it now */
      g_autofree char *name = g_path_get_basename (path);
      gsize size;
      const char *data = g_bytes_get_data (slot->bytes, &size);

      if (slot->json)
        slot->reports = gx_json_read_reports (data, (gssize) size, name, &slot->error);
      else
        slot->report = gx_reader_read_bytes (slot->bytes, name, &slot->error);
      if (slot->report == NULL && slot->reports == NULL)
        {
          import_say (import, TRUE, FALSE, _("%s: error: %s\n"), shown,
                      without_name (slot->error->message, path));
          import->staged.errors++;
          return TRUE;
        }
    }

  if (slot->reports != NULL)
    return import_json (import, shown, slot->reports);

  if (!gx_store_put_report (import->store, slot->report, slot->hash, import->replace, &outcome, &error))
    {
      gx_cli_printerr (_("%s: error: %s\n"), shown, error->message);
      return FALSE;
    }
  import_outcome (import, shown, slot->report, slot->hash, outcome);
  return TRUE;
}

/* In the main thread: writes the batch gathered, in one transaction, and
 * then says what happened to its files. */
static void
import_write_batch (Import *import)
{
  g_autoptr(GError) error = NULL;
  gboolean in_transaction = FALSE;
  ImportCounts none = { 0 };

  import->staged = none;
  for (guint i = 0; i < import->batch->len && !import->workspace_failed; i++)
    {
      ImportSlot *slot = g_ptr_array_index (import->batch, i);

      if (slot->error != NULL && slot->report == NULL && slot->reports == NULL)
        {
          g_autofree char *shown = gx_cli_escape (slot->path);

          import_say (import, TRUE, FALSE, _("%s: error: %s\n"), shown,
                      without_name (slot->error->message, slot->path));
          import->staged.errors++;
          continue;
        }
      if (!in_transaction)
        {
          if (!gx_store_begin (import->store, &error))
            {
              gx_cli_printerr ("import: %s\n", error->message);
              import->workspace_failed = TRUE;
              break;
            }
          in_transaction = TRUE;
        }
      if (!import_write_slot (import, slot))
        import->workspace_failed = TRUE;
    }

  if (in_transaction && import->workspace_failed)
    gx_store_rollback (import->store);
  else if (in_transaction && !gx_store_commit (import->store, &error))
    {
      gx_cli_printerr ("import: %s\n", error->message);
      import->workspace_failed = TRUE;
    }

  import_print_lines (import, !import->workspace_failed);
  import->total.errors += import->staged.errors;
  if (!import->workspace_failed)
    {
      import->total.added += import->staged.added;
      import->total.present += import->staged.present;
      import->total.replaced += import->staged.replaced;
      import->total.conflicts += import->staged.conflicts;
    }

  for (guint i = 0; i < import->batch->len; i++)
    {
      ImportSlot *slot = g_ptr_array_index (import->batch, i);

      slot->written = TRUE;
      g_thread_pool_push (import->pool, slot, NULL);
    }
  g_ptr_array_set_size (import->batch, 0);
}

/* In the main thread: the oldest file, once read, into the batch (no
 * transaction is open while it waits). */
static void
import_next_slot (Import *import)
{
  ImportSlot *slot = g_queue_pop_head (&import->slots);

  g_mutex_lock (&import->lock);
  import->awaited = slot;
  while (!slot->done)
    g_cond_wait (&import->cond, &import->lock);
  import->awaited = NULL;
  g_mutex_unlock (&import->lock);

  g_ptr_array_add (import->batch, slot);
  if (import->batch->len >= IMPORT_BATCH_SIZE)
    import_write_batch (import);
}

/* Queues @path for reading; gathers the oldest files once enough are
 * ahead. */
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

/* What the walk of a folder finds (gx_reader_walk()). */
static void
import_walk_cb (const char   *path,
                const GError *error,
                gpointer      user_data)
{
  Import *import = user_data;

  if (import->workspace_failed)
    return;
  if (error == NULL)
    {
      import_file (import, path);
      return;
    }
  {
    ImportSlot *slot = g_new0 (ImportSlot, 1);

    /* said in order with the files around it */
    import->n_files++;
    slot->path = g_strdup (path);
    slot->error = g_error_copy (error);
    slot->done = TRUE;
    g_queue_push_tail (&import->slots, slot);
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

  store = open_store ("import", db, FALSE, FALSE);
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
  import.batch = g_ptr_array_new ();
  import.lines = g_array_new (FALSE, FALSE, sizeof (ImportLine));
  g_array_set_clear_func (import.lines, import_line_clear);
  gx_reader_init ();
  import.pool = g_thread_pool_new (read_slot, &import, (int) gx_cli_n_threads (), FALSE, NULL);

  for (guint i = 0; paths[i] && !import.workspace_failed; i++)
    gx_reader_walk (paths[i], NULL, import_walk_cb, &import);
  while (!g_queue_is_empty (&import.slots))
    import_next_slot (&import);   /* after a workspace failure, only frees */
  import_write_batch (&import);

  g_thread_pool_free (import.pool, FALSE, TRUE);
  g_hash_table_unref (import.known_hashes);
  g_ptr_array_unref (import.batch);
  g_array_unref (import.lines);
  g_mutex_clear (&import.lock);
  g_cond_clear (&import.cond);

  if (import.workspace_failed)
    {
      gx_cli_printerr ("%s\n", _("import: stopped; the files of the last batch were not imported"));
      return GX_EXIT_WORKSPACE;
    }

  n_files = import.n_files;
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u file: ", "%u files: ", n_files), n_files);
  g_print (_("%u reports added, %u already present, %u replaced, %u in conflict; %u unreadable\n"),
           import.total.added, import.total.present, import.total.replaced, import.total.conflicts,
           import.total.errors);

  return import.total.errors > 0 || import.total.conflicts > 0 ? GX_EXIT_UNREADABLE : GX_EXIT_OK;
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

  store = open_store ("list", db, TRUE, TRUE);
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
      /* the findings as the workspace has them (gx_store_load_all() checks
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

  store = open_store ("export", db, TRUE, TRUE);
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
  g_autoptr(GString) removed = g_string_new (NULL);
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

  store = open_store ("remove", db, TRUE, FALSE);
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
        g_string_append_printf (removed, _("#%s: removed\n"), ids[i]);
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
  /* said once it is so */
  g_print ("%s", removed->str);
  return missing ? GX_EXIT_UNREADABLE : GX_EXIT_OK;
}
