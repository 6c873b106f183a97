/* test-backend.c: every operation of GxBackend, the same test functions
 * run against the SQLite file (GxStore) and a PostgreSQL database
 * (GxPgStore) on a server of the test's own (gx-test-pg.h; skipped with a
 * message when the server binaries are absent).
 *
 * Expected values read by hand from tests/data (see test-store.c):
 *   haidian  new_received.total 1521, one group_total error
 *   miyun    new_received.total 572 (year 2021)
 *   pinggu   new_received.total 289, carried_forward.total 2
 *   anding   new_received.total 13
 *   beidaihe new_received.total 4, results_total blank
 */
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "gx-core.h"
#include "gx-backend.h"
#include "gx-store.h"
#include "gx-pg-store.h"
#include "gx-review.h"
#include "gx-check.h"
#include "gx-crosscheck.h"
#include "gx-test-pg.h"
#include "../gx-test-fs.h"

#define W(n) ((gint64) (n) * GX_VALUE_SCALE)

static const char *const sample_files[] = {
  "pinggu-2022.txt", "miyun-2021.txt", "beidaihe-2022-pipes.txt", "anding-2022.txt",
  "haidian-2022.txt",
};
enum { PINGGU, MIYUN, BEIDAIHE, ANDING, HAIDIAN };

static GxTestPg *server;
static char *server_skip;

typedef struct
{
  char *dir;
  char *location;   /* a file, or a PostgreSQL database of its own */
} Fixture;

static gboolean
is_pg (gconstpointer data)
{
  return g_strcmp0 (data, "postgresql") == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gx-backend-XXXXXX", &error);
  g_assert_no_error (error);
  if (!is_pg (data))
    f->location = g_build_filename (f->dir, "workspace.db", NULL);
  else if (server != NULL)
    {
      /* every other database by URI, the others by conninfo */
      static guint n;

      f->location = gx_test_pg_new_db (server, n++ % 2 == 0, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gx_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->location);
}

/* FALSE (and the test skipped) when there is no server for it. */
static gboolean
have_backend (Fixture *f)
{
  if (f->location == NULL)
    {
      g_test_skip (server_skip);
      return FALSE;
    }
  return TRUE;
}

static GxBackend *
open_backend (Fixture  *f,
              gboolean  read_only)
{
  g_autoptr(GError) error = NULL;
  GxBackend *backend = gx_backend_open (f->location, read_only, &error);

  g_assert_no_error (error);
  g_assert_nonnull (backend);
  return backend;
}

static GBytes *
sample_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize size;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, size);
}

static GxReport *
read_sample (guint i,
             char **hash)
{
  g_autoptr(GBytes) bytes = sample_bytes (sample_files[i]);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_bytes (bytes, sample_files[i], &error);
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  if (hash)
    *hash = gx_backend_content_hash (data, size);
  return report;
}

static gint64
cell_value (GxReport   *report,
            const char *path)
{
  int cell = gx_schema_find_cell_by_path (path);
  gint64 value = 0;

  g_assert_cmpint (cell, >=, 0);
  g_assert_cmpint (gx_report_get_cell (report, (guint) cell, &value), ==, GX_CELL_VALUE);
  return value;
}

static void
import_samples (GxBackend *backend,
                gint64     ids[5])
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_backend_begin (backend, &error));
  for (guint i = 0; i < G_N_ELEMENTS (sample_files); i++)
    {
      g_autofree char *hash = NULL;
      g_autoptr(GxReport) report = read_sample (i, &hash);
      GxImportOutcome outcome = GX_IMPORT_CONFLICT;

      g_assert_true (gx_backend_put_report (backend, report, hash, FALSE, &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
      ids[i] = gx_report_get_id (report);
      g_assert_cmpint (ids[i], >, 0);
    }
  g_assert_true (gx_backend_commit (backend, &error));
  g_assert_no_error (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* put, find_hash, dup_hashes, load, list_summaries, find_ids, reopen */
static void
test_put_load (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) expected_order = g_ptr_array_new ();
  g_autoptr(GHashTable) hashes = NULL;
  g_autoptr(GArray) ids_2022 = NULL;
  gint64 ids[5];

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);
  import_samples (backend, ids);

  /* the same content again: there already, the same id */
  {
    g_autofree char *hash = NULL;
    g_autoptr(GxReport) again = read_sample (HAIDIAN, &hash);
    GxImportOutcome outcome = GX_IMPORT_ADDED;

    g_assert_cmpint (gx_backend_find_hash (backend, hash, &error), ==, ids[HAIDIAN]);
    g_assert_true (gx_backend_put_report (backend, again, hash, FALSE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_ALREADY_PRESENT);
    g_assert_cmpint (gx_report_get_id (again), ==, ids[HAIDIAN]);
  }
  g_assert_cmpint (gx_backend_find_hash (backend, "no-such-hash", &error), ==, 0);
  hashes = gx_backend_dup_hashes (backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (hashes), ==, 5);

  /* reopened: the values as read by hand */
  g_clear_object (&backend);
  backend = open_backend (f, TRUE);
  g_assert_true (gx_backend_is_read_only (backend));
  {
    g_autoptr(GxReport) haidian = gx_backend_load_report (backend, ids[HAIDIAN], &error);
    g_autoptr(GxReport) beidaihe = gx_backend_load_report (backend, ids[BEIDAIHE], &error);

    g_assert_no_error (error);
    g_assert_cmpint (cell_value (haidian, "applications.new_received.total"), ==, W (1521));
    g_assert_cmpint (gx_report_get_n_errors (haidian), ==, 1);
    g_assert_cmpint (cell_value (beidaihe, "applications.new_received.total"), ==, W (4));
    g_assert_true (gx_report_is_blank (beidaihe, (guint) gx_schema_find_cell_by_path ("applications.results_total.total")));
  }

  /* the list: ordered by issuer byte by byte, then year */
  summaries = gx_backend_list_summaries (backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 5);
  for (guint i = 0; i < summaries->len; i++)
    g_ptr_array_add (expected_order, (gpointer) gx_report_get_issuer (g_ptr_array_index (summaries, i)));
  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_copy (expected_order, NULL, NULL);

    g_ptr_array_sort (sorted, compare_strings);
    for (guint i = 0; i < sorted->len; i++)
      g_assert_cmpstr (g_ptr_array_index (sorted, i), ==, g_ptr_array_index (expected_order, i));
  }
  for (guint i = 0; i < summaries->len; i++)
    {
      GxReport *s = g_ptr_array_index (summaries, i);

      if (gx_report_get_id (s) == ids[PINGGU])
        {
          g_assert_cmpint (cell_value (s, "applications.new_received.total"), ==, W (289));
          g_assert_cmpint (cell_value (s, "applications.carried_forward.total"), ==, W (2));
        }
      if (gx_report_get_id (s) == ids[HAIDIAN])
        g_assert_cmpint (gx_report_get_n_errors (s), ==, 1);
    }

  ids_2022 = gx_backend_find_ids (backend, 2022, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids_2022->len, ==, 4);
  {
    g_autoptr(GArray) miyun = gx_backend_find_ids (backend, 0, "密云", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (miyun->len, ==, 1);
    g_assert_cmpint (g_array_index (miyun, gint64, 0), ==, ids[MIYUN]);
  }

  /* load_all: every report, checked */
  {
    g_autoptr(GPtrArray) all = gx_backend_load_all (backend, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 5);
    for (guint i = 0; i < all->len; i++)
      g_assert_cmpstr (gx_report_get_issuer (g_ptr_array_index (all, i)), ==,
                       g_ptr_array_index (expected_order, i));
  }

  /* reading only: no writes */
  {
    g_autoptr(GxReport) report = read_sample (PINGGU, NULL);

    gx_report_set_id (report, 0);
    g_assert_false (gx_backend_save_report (backend, report, &error));
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
  }
}

/* the issuer and year rule: same figures, other figures, --replace */
static void
test_conflict_replace (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  gint64 ids[5];
  int cell = gx_schema_find_cell_by_path ("applications.new_received.total");
  GxImportOutcome outcome;

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);
  import_samples (backend, ids);

  {
    g_autoptr(GxReport) same = read_sample (PINGGU, NULL);

    /* other content (another hash), the same figures */
    g_assert_true (gx_backend_put_report (backend, same, "other-bytes-same-figures", FALSE,
                                          &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_ALREADY_PRESENT);
    g_assert_cmpint (gx_report_get_id (same), ==, ids[PINGGU]);
  }
  {
    g_autoptr(GxReport) other = read_sample (PINGGU, NULL);
    g_autoptr(GxReport) loaded = NULL;

    gx_report_set_value (other, (guint) cell, W (300));
    g_assert_true (gx_backend_put_report (backend, other, "pinggu-v2", FALSE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_CONFLICT);
    loaded = gx_backend_load_report (backend, ids[PINGGU], &error);
    g_assert_cmpint (cell_value (loaded, "applications.new_received.total"), ==, W (289));

    g_assert_true (gx_backend_put_report (backend, other, "pinggu-v2", TRUE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_REPLACED);
    g_assert_cmpint (gx_report_get_id (other), ==, ids[PINGGU]);
    g_clear_object (&loaded);
    loaded = gx_backend_load_report (backend, ids[PINGGU], &error);
    g_assert_cmpint (cell_value (loaded, "applications.new_received.total"), ==, W (300));
    g_assert_cmpint (gx_backend_find_hash (backend, "pinggu-v2", &error), ==, ids[PINGGU]);
  }
  {
    /* the issuer spelled otherwise (北京市平谷区人民政府 / 北京市平谷区 政府:
     * one key) in the same year: never a second report of the year, but
     * the same report when the figures are the same, a conflict when not;
     * the same for a spelling merged into it */
    g_autoptr(GxReport) spelled = read_sample (PINGGU, NULL);
    g_autoptr(GString) issuer = g_string_new (gx_report_get_issuer (spelled));

    g_assert_cmpuint (g_string_replace (issuer, "人民政府", " 政府", 0), ==, 1);
    gx_report_set_issuer (spelled, issuer->str);
    g_assert_true (gx_backend_put_report (backend, spelled, "pinggu-spelled", FALSE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_CONFLICT);
    gx_report_set_value (spelled, (guint) cell, W (300));
    g_assert_true (gx_backend_put_report (backend, spelled, "pinggu-spelled-300", FALSE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_ALREADY_PRESENT);
    g_assert_cmpint (gx_report_get_id (spelled), ==, ids[PINGGU]);

    g_assert_true (gx_backend_set_issuer_alias (backend, "平谷区政府", gx_report_get_issuer (spelled),
                                                &error));
    g_assert_no_error (error);
    gx_report_set_issuer (spelled, "平谷区政府");
    gx_report_set_value (spelled, (guint) cell, W (301));
    g_assert_true (gx_backend_put_report (backend, spelled, "pinggu-merged", FALSE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_CONFLICT);
  }
  {
    g_autoptr(GPtrArray) summaries = gx_backend_list_summaries (backend, &error);

    g_assert_cmpuint (summaries->len, ==, 5);
  }
}

/* save, remove, NOT_FOUND */
static void
test_save_remove (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GxReport) edited = NULL;
  g_autoptr(GxReport) loaded = NULL;
  gint64 ids[5];
  int cell = gx_schema_find_cell_by_path ("applications.new_received.total");

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);
  import_samples (backend, ids);

  edited = gx_backend_load_report (backend, ids[ANDING], &error);
  g_assert_no_error (error);
  gx_report_set_value (edited, (guint) cell, W (14));
  gx_report_set_invalid (edited, (guint) gx_schema_find_cell_by_path ("applications.granted.total"), "十二");
  g_assert_true (gx_backend_save_report (backend, edited, &error));
  g_assert_no_error (error);
  loaded = gx_backend_load_report (backend, ids[ANDING], &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell_value (loaded, "applications.new_received.total"), ==, W (14));
  g_assert_cmpstr (gx_report_get_raw (loaded, (guint) gx_schema_find_cell_by_path ("applications.granted.total")),
                   ==, "十二");
  g_assert_true (gx_report_values_equal (loaded, edited));

  /* a new report typed in: id 0 → a new id */
  {
    g_autoptr(GxReport) typed = gx_report_copy (loaded);

    gx_report_set_id (typed, 0);
    gx_report_set_year (typed, 2023);
    g_assert_true (gx_backend_save_report (backend, typed, &error));
    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_id (typed), >, ids[HAIDIAN]);
  }

  g_assert_true (gx_backend_remove_report (backend, ids[ANDING], &error));
  g_assert_no_error (error);
  g_assert_null (gx_backend_load_report (backend, ids[ANDING], &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (gx_backend_remove_report (backend, ids[ANDING], &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  gx_report_set_id (edited, ids[ANDING]);
  g_assert_false (gx_backend_save_report (backend, edited, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) summaries = gx_backend_list_summaries (backend, &error);

    g_assert_cmpuint (summaries->len, ==, 5);
  }
}

/* batches: rollback, units inside a batch */
static void
test_batches (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autofree char *hash0 = NULL;
  g_autofree char *hash1 = NULL;
  g_autoptr(GxReport) r0 = read_sample (PINGGU, &hash0);
  g_autoptr(GxReport) r1 = read_sample (MIYUN, &hash1);

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);

  g_assert_true (gx_backend_begin (backend, &error));
  g_assert_true (gx_backend_put_report (backend, r0, hash0, FALSE, NULL, &error));
  gx_backend_rollback (backend);
  g_assert_cmpint (gx_backend_find_hash (backend, hash0, &error), ==, 0);

  g_assert_true (gx_backend_begin (backend, &error));
  g_assert_true (gx_backend_savepoint (backend, &error));
  g_assert_true (gx_backend_put_report (backend, r0, hash0, FALSE, NULL, &error));
  gx_backend_rollback_to_savepoint (backend);
  g_assert_true (gx_backend_savepoint (backend, &error));
  g_assert_true (gx_backend_put_report (backend, r1, hash1, FALSE, NULL, &error));
  g_assert_true (gx_backend_release_savepoint (backend, &error));
  g_assert_true (gx_backend_commit (backend, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_backend_find_hash (backend, hash0, &error), ==, 0);
  g_assert_cmpint (gx_backend_find_hash (backend, hash1, &error), >, 0);
}

/* An import's puts in a batch, each outcome (PostgreSQL adds a report
 * that looks new in one statement, and goes the long way when it is not):
 * added, added beside the next year's report of its issuer (whose counts
 * follow), the same content again, a conflict, a replacement; the counts
 * the list keeps are those of a full check of every report after. */
static void
test_batch_outcomes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GBytes) bytes = sample_bytes ("miyun-2020-format2019.txt");
  g_autoptr(GxReport) miyun2020 = NULL;
  g_autoptr(GxReport) miyun2021 = NULL;
  g_autoptr(GxReport) again = NULL;
  g_autoptr(GxReport) pinggu = NULL;
  g_autoptr(GxReport) other = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *hash2021 = NULL;
  g_autofree char *hash_pinggu = NULL;
  int cell = gx_schema_find_cell_by_path ("applications.new_received.total");
  GxImportOutcome outcome;
  gint64 id2021;

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);
  miyun2020 = gx_reader_read_bytes (bytes, "miyun-2020-format2019.txt", &error);
  g_assert_no_error (error);
  miyun2021 = read_sample (MIYUN, &hash2021);
  again = read_sample (MIYUN, NULL);
  pinggu = read_sample (PINGGU, &hash_pinggu);
  other = read_sample (PINGGU, NULL);
  gx_report_set_value (other, (guint) cell, W (290));

  g_assert_true (gx_backend_begin (backend, &error));
  g_assert_true (gx_backend_put_report (backend, miyun2021, hash2021, FALSE, &outcome, &error));
  g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
  id2021 = gx_report_get_id (miyun2021);
  g_assert_true (gx_backend_put_report (backend, miyun2020, "miyun-2020", FALSE, &outcome, &error));
  g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
  g_assert_cmpint (gx_report_get_id (miyun2020), >, id2021);
  g_assert_true (gx_backend_put_report (backend, pinggu, hash_pinggu, FALSE, &outcome, &error));
  g_assert_cmpint (outcome, ==, GX_IMPORT_ADDED);
  g_assert_true (gx_backend_put_report (backend, again, hash2021, FALSE, &outcome, &error));
  g_assert_cmpint (outcome, ==, GX_IMPORT_ALREADY_PRESENT);
  g_assert_cmpint (gx_report_get_id (again), ==, id2021);
  g_assert_true (gx_backend_put_report (backend, other, "pinggu-other", FALSE, &outcome, &error));
  g_assert_cmpint (outcome, ==, GX_IMPORT_CONFLICT);
  g_assert_true (gx_backend_put_report (backend, other, "pinggu-other", TRUE, &outcome, &error));
  g_assert_cmpint (outcome, ==, GX_IMPORT_REPLACED);
  g_assert_cmpint (gx_report_get_id (other), ==, gx_report_get_id (pinggu));
  g_assert_true (gx_backend_commit (backend, &error));
  g_assert_no_error (error);

  summaries = gx_backend_list_summaries (backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 3);
  for (guint i = 0; i < summaries->len; i++)
    {
      GxReport *summary = g_ptr_array_index (summaries, i);
      g_autoptr(GxReport) full = gx_backend_load_report (backend, gx_report_get_id (summary), &error);

      g_assert_no_error (error);
      g_assert_cmpuint (gx_report_get_n_errors (summary), ==, gx_report_get_n_errors (full));
      g_assert_cmpuint (gx_report_get_n_warnings (summary), ==, gx_report_get_n_warnings (full));
      g_assert_cmpuint (gx_report_get_n_notes (summary), ==, gx_report_get_n_notes (full));
      if (gx_report_get_id (summary) == gx_report_get_id (pinggu))
        g_assert_cmpint (cell_value (full, "applications.new_received.total"), ==, W (290));
    }
}

/* Puts answered later (gx_backend_queue_put(), "Puts answered later" in
 * gx-backend.h): the outcomes and the stored counts are those of the puts
 * taken one after the other.  On PostgreSQL the puts of new reports go to
 * the server without waiting; this sequence has the cases where that
 * could go wrong: a year after one of the same issuer on its way, content
 * on its way again, a conflict, and a put that is not new (its issuer's
 * next year is stored) followed by a new one of a spelling merged into the
 * same issuer, whose year is the one before (taken in order, the second
 * makes the first's carry-over check fail). */
typedef struct
{
  GxImportOutcome outcomes[16];
  GxReport *reports[16];
  guint n;
} Answers;

static void
answered (GxReport        *report,
          GxImportOutcome  outcome,
          gpointer         user_data)
{
  Answers *answers = user_data;

  g_assert_cmpuint (answers->n, <, G_N_ELEMENTS (answers->outcomes));
  g_assert_true (report == answers->reports[answers->n]);
  answers->outcomes[answers->n++] = outcome;
}

static GxReport *
sample_as (guint        sample,
           const char  *issuer,
           int          year)
{
  GxReport *report = read_sample (sample, NULL);

  gx_report_set_issuer (report, issuer);
  gx_report_set_year (report, year);
  return report;
}

static void
test_queued_puts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GxReport) d2022 = NULL;
  g_autoptr(GxReport) alone = NULL;
  g_autoptr(GxReport) stored = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  struct { guint sample; const char *issuer; int year; const char *hash; GxImportOutcome expect; } puts[] = {
    { PINGGU, "甲区教育局", 2021, "h-a21", GX_IMPORT_ADDED },
    { ANDING, "乙区民政局", 2020, "h-b20", GX_IMPORT_ADDED },
    { HAIDIAN, "甲区教育局", 2022, "h-a22", GX_IMPORT_ADDED },        /* its year before on its way */
    { ANDING, "乙区民政局", 2020, "h-b20", GX_IMPORT_ALREADY_PRESENT }, /* the same content */
    { PINGGU, "丁区卫健委", 2021, "h-d21", GX_IMPORT_ADDED },          /* not new: 2022 stored */
    { ANDING, "丁区卫生健康委员会", 2020, "h-d20", GX_IMPORT_ADDED },  /* merged into 丁区卫健委 */
    { HAIDIAN, "丙区公安局", 2020, "h-c20", GX_IMPORT_ADDED },
    { BEIDAIHE, "乙区民政局", 2020, "h-b20x", GX_IMPORT_CONFLICT },   /* other figures */
  };
  Answers answers = { 0 };
  GxImportOutcome outcome;
  guint checked_alone[3];
  gint64 d21 = 0;

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);

  /* stored before: 丁区卫健委 2022, and the merge of the other spelling */
  d2022 = sample_as (MIYUN, "丁区卫健委", 2022);
  g_assert_true (gx_backend_put_report (backend, d2022, "h-d22", FALSE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_true (gx_backend_set_issuer_alias (backend, "丁区卫生健康委员会", "丁区卫健委", &error));
  g_assert_no_error (error);

  g_assert_true (gx_backend_begin (backend, &error));
  for (guint i = 0; i < G_N_ELEMENTS (puts); i++)
    {
      answers.reports[i] = sample_as (puts[i].sample, puts[i].issuer, puts[i].year);
      g_assert_true (gx_backend_queue_put (backend, answers.reports[i], puts[i].hash, FALSE,
                                           answered, &answers, &error));
      g_assert_no_error (error);
    }
  g_assert_true (gx_backend_flush_puts (backend, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (answers.n, ==, G_N_ELEMENTS (puts));
  g_assert_true (gx_backend_commit (backend, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (puts); i++)
    {
      g_test_message ("put %u: %s %d", i, puts[i].issuer, puts[i].year);
      g_assert_cmpint (answers.outcomes[i], ==, puts[i].expect);
      if (puts[i].expect != GX_IMPORT_CONFLICT)
        g_assert_cmpint (gx_report_get_id (answers.reports[i]), >, 0);
    }
  g_assert_cmpint (gx_report_get_id (answers.reports[3]), ==, gx_report_get_id (answers.reports[1]));
  d21 = gx_report_get_id (answers.reports[4]);

  /* 丁区 2021 is checked against the 2020 of the merged spelling: its
   * counts are not those of the report alone */
  alone = sample_as (PINGGU, "丁区卫健委", 2021);
  g_assert_true (gx_check_report (alone, NULL, &error));
  checked_alone[0] = gx_report_get_n_errors (alone);
  checked_alone[1] = gx_report_get_n_warnings (alone);
  checked_alone[2] = gx_report_get_n_notes (alone);
  stored = gx_backend_load_report (backend, d21, &error);
  g_assert_no_error (error);
  g_assert_true (gx_report_get_n_errors (stored) != checked_alone[0] ||
                 gx_report_get_n_warnings (stored) != checked_alone[1] ||
                 gx_report_get_n_notes (stored) != checked_alone[2]);

  /* every stored count is that of the report checked now */
  summaries = gx_backend_list_summaries (backend, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 7);
  for (guint i = 0; i < summaries->len; i++)
    {
      GxReport *summary = g_ptr_array_index (summaries, i);
      g_autoptr(GxReport) full = gx_backend_load_report (backend, gx_report_get_id (summary), &error);

      g_assert_no_error (error);
      g_test_message ("%s %d", gx_report_get_issuer (full), gx_report_get_year (full));
      g_assert_cmpuint (gx_report_get_n_errors (summary), ==, gx_report_get_n_errors (full));
      g_assert_cmpuint (gx_report_get_n_warnings (summary), ==, gx_report_get_n_warnings (full));
      g_assert_cmpuint (gx_report_get_n_notes (summary), ==, gx_report_get_n_notes (full));
      if (gx_report_get_id (summary) == gx_report_get_id (answers.reports[1]))
        g_assert_cmpint (cell_value (full, "applications.new_received.total"), ==, W (13));
    }
  for (guint i = 0; i < G_N_ELEMENTS (puts); i++)
    g_object_unref (answers.reports[i]);
}

static char *psql (Fixture *f, const char *sql);

/* The connection lost while puts are on their way to the server: the
 * flush says so, naming the workspace, the rollback neither hangs nor
 * crashes, and nothing of the batch is stored. */
static void
test_pg_queued_lost (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GxBackend) again = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *killed = NULL;
  Answers answers = { 0 };
  const char *issuers[] = { "甲区教育局", "乙区民政局", "丙区公安局", "丁区卫健委" };

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);
  g_assert_true (gx_backend_begin (backend, &error));
  for (guint i = 0; i < G_N_ELEMENTS (issuers); i++)
    {
      g_autofree char *hash = g_strdup_printf ("h-lost-%u", i);

      if (i == 2)
        {
          killed = psql (f, "SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
                            "WHERE datname = current_database () AND pid <> pg_backend_pid ()");
          g_assert_cmpstr (g_strstrip (killed), ==, "1");
        }
      answers.reports[i] = sample_as (ANDING, issuers[i], 2022);
      if (!gx_backend_queue_put (backend, answers.reports[i], hash, FALSE, answered, &answers, &error))
        break;
    }
  if (error == NULL)
    g_assert_false (gx_backend_flush_puts (backend, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "cannot add the report"));
  g_assert_cmpuint (answers.n, <, G_N_ELEMENTS (issuers));
  gx_backend_rollback (backend);
  g_clear_error (&error);

  again = open_backend (f, TRUE);
  summaries = gx_backend_list_summaries (again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (issuers); i++)
    g_clear_object (&answers.reports[i]);
}

/* decisions, merges, roll-ups and their parts */
static void
test_reviews_merges_links (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) backend = NULL;
  g_autoptr(GxReport) haidian = NULL;
  GxFinding *error_finding = NULL;
  gint64 ids[5];

  if (!have_backend (f))
    return;
  backend = open_backend (f, FALSE);
  import_samples (backend, ids);
  g_assert_false (gx_backend_has_reviews (backend));

  /* dismissing haidian's one error: counted nowhere, kept */
  haidian = gx_backend_load_report (backend, ids[HAIDIAN], &error);
  g_assert_no_error (error);
  for (guint i = 0; i < gx_report_get_findings (haidian)->len; i++)
    {
      GxFinding *fi = g_ptr_array_index (gx_report_get_findings (haidian), i);

      if (gx_finding_get_severity (fi) == GX_SEVERITY_ERROR)
        error_finding = fi;
    }
  g_assert_nonnull (error_finding);
  g_assert_true (gx_backend_set_review (backend, haidian, error_finding, GX_REVIEW_DISMISSED,
                                        "checked with the office", &error));
  g_assert_no_error (error);
  g_assert_true (gx_backend_has_reviews (backend));
  {
    g_autoptr(GxBackend) other = open_backend (f, TRUE);
    g_autoptr(GxReport) again = gx_backend_load_report (other, ids[HAIDIAN], &error);
    g_autoptr(GPtrArray) summaries = gx_backend_list_summaries (other, &error);
    guint dismissed = 0;

    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_n_errors (again), ==, 0);
    for (guint i = 0; i < gx_report_get_findings (again)->len; i++)
      {
        GxFinding *fi = g_ptr_array_index (gx_report_get_findings (again), i);

        if (gx_finding_get_review (fi) == GX_REVIEW_DISMISSED)
          {
            dismissed++;
            g_assert_cmpstr (gx_finding_get_review_note (fi), ==, "checked with the office");
          }
      }
    g_assert_cmpuint (dismissed, ==, 1);
    for (guint i = 0; i < summaries->len; i++)
      if (gx_report_get_id (g_ptr_array_index (summaries, i)) == ids[HAIDIAN])
        g_assert_cmpint (gx_report_get_n_errors (g_ptr_array_index (summaries, i)), ==, 0);
  }

  /* a merge: pinggu's spelling counts as anding's */
  {
    g_autoptr(GxReport) pinggu = gx_backend_load_cells (backend, ids[PINGGU], &error);
    g_autoptr(GxReport) anding = gx_backend_load_cells (backend, ids[ANDING], &error);
    g_autofree char *anding_key = gx_issuer_normalize (gx_report_get_issuer (anding));
    g_autofree char *key = NULL;
    g_autoptr(GHashTable) aliases = NULL;
    g_autoptr(GPtrArray) issuers = NULL;
    guint n_anding = 0;

    g_assert_true (gx_backend_set_issuer_alias (backend, gx_report_get_issuer (pinggu),
                                                gx_report_get_issuer (anding), &error));
    g_assert_no_error (error);
    key = gx_backend_dup_issuer_key (backend, gx_report_get_issuer (pinggu));
    g_assert_cmpstr (key, ==, anding_key);
    aliases = gx_backend_load_aliases (backend, &error);
    g_assert_cmpuint (g_hash_table_size (aliases), ==, 1);
    issuers = gx_backend_list_issuers (backend, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (issuers->len, ==, 5);
    for (guint i = 0; i < issuers->len; i++)
      n_anding += g_strcmp0 (((GxBackendIssuer *) g_ptr_array_index (issuers, i))->key, anding_key) == 0;
    g_assert_cmpuint (n_anding, ==, 2);
    /* both 2022: the merged issuer's 2022 report, other than anding's */
    g_assert_cmpint (gx_backend_find_report (backend, gx_report_get_issuer (anding), 2022, ids[ANDING], &error),
                     ==, ids[PINGGU]);
    g_assert_true (gx_backend_set_issuer_alias (backend, gx_report_get_issuer (pinggu), NULL, &error));
    g_clear_pointer (&aliases, g_hash_table_unref);
    aliases = gx_backend_load_aliases (backend, &error);
    g_assert_cmpuint (g_hash_table_size (aliases), ==, 0);
  }

  /* roll-up of pinggu and anding: 289 + 13 */
  {
    gint64 parts[] = { ids[ANDING], ids[PINGGU] };
    g_autoptr(GxReport) sum = gx_backend_rollup (backend, parts, 2, &error);
    g_autoptr(GArray) children = NULL;
    g_autoptr(GArray) parents = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (cell_value (sum, "applications.new_received.total"), ==, W (302));
    g_assert_true (gx_backend_set_children (backend, ids[HAIDIAN], parts, 2, &error));
    g_assert_no_error (error);
    children = gx_backend_get_children (backend, ids[HAIDIAN], &error);
    g_assert_cmpuint (children->len, ==, 2);
    g_assert_cmpint (g_array_index (children, gint64, 0), ==, MIN (ids[ANDING], ids[PINGGU]));
    parents = gx_backend_get_parents (backend, ids[ANDING], &error);
    g_assert_cmpuint (parents->len, ==, 1);
    g_assert_cmpint (g_array_index (parents, gint64, 0), ==, ids[HAIDIAN]);
    g_assert_false (gx_backend_set_children (backend, ids[HAIDIAN], &ids[HAIDIAN], 1, &error));
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
    g_clear_error (&error);
    {
      gint64 missing = 987654;

      g_assert_false (gx_backend_set_children (backend, ids[HAIDIAN], &missing, 1, &error));
      g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
      g_clear_error (&error);
      /* the set it had is kept */
      g_clear_pointer (&children, g_array_unref);
      children = gx_backend_get_children (backend, ids[HAIDIAN], &error);
      g_assert_cmpuint (children->len, ==, 2);
    }
    /* removing a part drops the link */
    g_assert_true (gx_backend_remove_report (backend, ids[ANDING], &error));
    g_clear_pointer (&children, g_array_unref);
    children = gx_backend_get_children (backend, ids[HAIDIAN], &error);
    g_assert_cmpuint (children->len, ==, 1);
  }
}

/* another connection's commits change the data version */
static void
test_data_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) writer = NULL;
  g_autoptr(GxBackend) reader = NULL;
  g_autoptr(GxReport) report = read_sample (MIYUN, NULL);
  gint64 before, after;

  if (!have_backend (f))
    return;
  writer = open_backend (f, FALSE);
  reader = open_backend (f, TRUE);
  before = gx_backend_get_data_version (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_backend_get_data_version (reader, &error), ==, before);
  g_assert_true (gx_backend_put_report (writer, report, NULL, FALSE, NULL, &error));
  after = gx_backend_get_data_version (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after, !=, before);
}

/* PostgreSQL only: a newer schema is refused untouched; a password in the
 * address is refused; a malformed address is said so */
static void
test_pg_refusals (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *with_password = NULL;

  if (!have_backend (f))
    return;
  {
    g_autoptr(GxBackend) backend = open_backend (f, FALSE);
    g_autoptr(GxReport) report = read_sample (MIYUN, NULL);

    g_assert_true (GX_IS_PG_STORE (backend));
    g_assert_cmpstr (gx_backend_get_location (backend), ==, f->location);
    g_assert_true (gx_backend_put_report (backend, report, NULL, FALSE, NULL, &error));
  }
  out = gx_test_pg_psql (server, f->location, "UPDATE gx_workspace SET schema_version = 99", &error);
  g_assert_no_error (error);
  g_assert_null (gx_backend_open (f->location, FALSE, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);
  g_free (out);
  out = gx_test_pg_psql (server, f->location,
                         "SELECT schema_version, (SELECT COUNT (*) FROM reports) FROM gx_workspace", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (out), ==, "99|1");

  with_password = g_strconcat (f->location, g_str_has_prefix (f->location, "postgresql:") ? "&" : " ",
                               "password=s3cret", NULL);
  g_assert_null (gx_backend_open (with_password, FALSE, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
  g_assert_null (strstr (error->message, "s3cret"));
  g_assert_nonnull (strstr (error->message, "PGPASSWORD"));
  g_clear_error (&error);

  g_assert_null (gx_backend_open ("postgresql://gx@/db?sslmode=nonsense&host=/nowhere", FALSE, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "sslmode"));
  g_clear_error (&error);
}


/* Two clerks, two connections, one report: the one who saves second is
 * told (CHANGED) and nothing of theirs is written, again and again, until
 * they reload or choose to overwrite (revision 0).  The revision moves
 * with every save and every replacement by an import, not with a decision
 * (a rewrite of the cached counts); a report removed meanwhile is
 * NOT_FOUND. */
static void
test_lost_update (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxBackend) clerk1 = NULL;
  g_autoptr(GxBackend) clerk2 = NULL;
  g_autoptr(GxReport) mine = NULL;
  g_autoptr(GxReport) theirs = NULL;
  g_autoptr(GxReport) loaded = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  guint cell = (guint) gx_schema_find_cell_by_path ("applications.new_received.total");
  guint granted = (guint) gx_schema_find_cell_by_path ("applications.granted.total");
  gint64 ids[5];

  if (!have_backend (f))
    return;
  clerk1 = open_backend (f, FALSE);
  clerk2 = open_backend (f, FALSE);
  import_samples (clerk1, ids);

  /* 安定镇 2022: 本年新收 13, 予以公开 13 */
  mine = gx_backend_load_report (clerk1, ids[ANDING], &error);
  g_assert_no_error (error);
  theirs = gx_backend_load_report (clerk2, ids[ANDING], &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (mine), ==, 1);
  g_assert_cmpint (gx_report_get_revision (theirs), ==, 1);

  gx_report_set_value (theirs, cell, W (20));
  g_assert_true (gx_backend_save_report (clerk2, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (theirs), ==, 2);
  /* saved again by the same clerk: it has the revision it wrote */
  gx_report_set_value (theirs, cell, W (21));
  g_assert_true (gx_backend_save_report (clerk2, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (theirs), ==, 3);

  /* the other clerk's save: refused, nothing of it written; once more
   * the same (no silent overwrite on a second try) */
  gx_report_set_value (mine, cell, W (30));
  gx_report_set_value (mine, granted, W (30));
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_assert_false (gx_backend_save_report (clerk1, mine, &error));
      g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_CHANGED);
      g_clear_error (&error);
      g_assert_cmpint (gx_report_get_revision (mine), ==, 1);
    }
  loaded = gx_backend_load_report (clerk1, ids[ANDING], &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell_value (loaded, "applications.new_received.total"), ==, W (21));
  g_assert_cmpint (cell_value (loaded, "applications.granted.total"), ==, W (13));
  g_assert_cmpint (gx_report_get_revision (loaded), ==, 3);
  summaries = gx_backend_list_summaries (clerk1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < summaries->len; i++)
    if (gx_report_get_id (g_ptr_array_index (summaries, i)) == ids[ANDING])
      g_assert_cmpint (cell_value (g_ptr_array_index (summaries, i), "applications.new_received.total"),
                       ==, W (21));

  /* reloaded, the clerk's edit goes through */
  gx_report_set_value (loaded, cell, W (31));
  g_assert_true (gx_backend_save_report (clerk1, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (loaded), ==, 4);

  /* or the clerk chose to overwrite theirs: revision 0 */
  gx_report_set_revision (mine, 0);
  g_assert_true (gx_backend_save_report (clerk1, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_revision (mine), ==, 5);
  g_clear_object (&loaded);
  loaded = gx_backend_load_report (clerk2, ids[ANDING], &error);
  g_assert_no_error (error);
  g_assert_cmpint (cell_value (loaded, "applications.new_received.total"), ==, W (30));
  g_assert_cmpint (cell_value (loaded, "applications.granted.total"), ==, W (30));
  g_assert_cmpint (gx_report_get_revision (loaded), ==, 5);
  /* and now the first clerk's copy is the stale one */
  g_assert_false (gx_backend_save_report (clerk2, theirs, &error));
  g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_CHANGED);
  g_clear_error (&error);

  /* a decision rewrites the cached counts of 海淀 only: no new revision */
  {
    g_autoptr(GxReport) haidian = gx_backend_load_report (clerk1, ids[HAIDIAN], &error);
    g_autoptr(GxReport) decided = gx_backend_load_report (clerk2, ids[HAIDIAN], &error);
    GPtrArray *findings = gx_report_get_findings (decided);

    g_assert_no_error (error);
    g_assert_cmpuint (findings->len, >, 0);
    g_assert_true (gx_backend_set_review (clerk2, decided, g_ptr_array_index (findings, 0),
                                          GX_REVIEW_DISMISSED, "checked", &error));
    g_assert_no_error (error);
    g_assert_true (gx_backend_save_report (clerk1, haidian, &error));
    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_revision (haidian), ==, 2);
  }

  /* a replacement by an import (--replace) is a new revision of 密云 2021 */
  {
    g_autoptr(GxReport) opened = gx_backend_load_report (clerk1, ids[MIYUN], &error);
    g_autoptr(GxReport) other = read_sample (MIYUN, NULL);
    GxImportOutcome outcome = GX_IMPORT_CONFLICT;

    g_assert_no_error (error);
    gx_report_set_value (other, cell, W (600));
    g_assert_true (gx_backend_put_report (clerk2, other, "miyun-v2", TRUE, &outcome, &error));
    g_assert_no_error (error);
    g_assert_cmpint (outcome, ==, GX_IMPORT_REPLACED);
    gx_report_set_value (opened, cell, W (700));
    g_assert_false (gx_backend_save_report (clerk1, opened, &error));
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_CHANGED);
    g_clear_error (&error);
    g_clear_object (&opened);
    opened = gx_backend_load_report (clerk1, ids[MIYUN], &error);
    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_revision (opened), ==, 2);
    g_assert_cmpint (cell_value (opened, "applications.new_received.total"), ==, W (600));
  }

  /* removed meanwhile: not there to save */
  {
    g_autoptr(GxReport) opened = gx_backend_load_report (clerk1, ids[PINGGU], &error);

    g_assert_no_error (error);
    g_assert_true (gx_backend_remove_report (clerk2, ids[PINGGU], &error));
    g_assert_no_error (error);
    g_assert_false (gx_backend_save_report (clerk1, opened, &error));
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

/* Runs the command line; its output. */
static char *
run_cli (const char *const *args,
         int                expected_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("GX_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) && expected_status == 0)
    g_error ("%s %s: %s", args[0], args[1] ? args[1] : "", err);
  g_assert_cmpint (WIFEXITED (status) ? WEXITSTATUS (status) : -1, ==, expected_status);
  return out;
}

/* `copy` from a file to PostgreSQL and back to a new file: the same JSON
 * export from all three, byte for byte (decisions, merges, roll-ups
 * included); the command line reads and writes the database with --db */
static void
test_copy_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 ids[5];

  if (!have_backend (f))
    return;
  if (g_getenv ("GX_CLI") == NULL)
    {
      g_test_skip ("GX_CLI (the command line to run) is not set: run under meson test");
      return;
    }
  first = g_build_filename (f->dir, "first.db", NULL);
  second = g_build_filename (f->dir, "second.db", NULL);
  {
    g_autoptr(GxBackend) backend = gx_backend_open (first, FALSE, &error);
    g_autoptr(GxReport) haidian = NULL;
    g_autoptr(GxReport) pinggu = NULL;
    gint64 parts[2];

    g_assert_no_error (error);
    import_samples (backend, ids);
    haidian = gx_backend_load_report (backend, ids[HAIDIAN], &error);
    for (guint i = 0; i < gx_report_get_findings (haidian)->len; i++)
      {
        GxFinding *fi = g_ptr_array_index (gx_report_get_findings (haidian), i);

        if (gx_finding_get_severity (fi) == GX_SEVERITY_ERROR)
          g_assert_true (gx_backend_set_review (backend, haidian, fi, GX_REVIEW_DISMISSED,
                                                "a note\twith a tab, a \\ and a line\nbreak", &error));
      }
    pinggu = gx_backend_load_cells (backend, ids[PINGGU], &error);
    g_assert_true (gx_backend_set_issuer_alias (backend, "北戴河区人民政府办公室",
                                                gx_report_get_issuer (pinggu), &error));
    parts[0] = ids[ANDING];
    parts[1] = ids[PINGGU];
    g_assert_true (gx_backend_set_children (backend, ids[HAIDIAN], parts, 2, &error));
    g_assert_no_error (error);
  }
  {
    const char *to_pg[] = { "copy", "--from", first, "--to", f->location, NULL };
    const char *from_pg[] = { "copy", "--from", f->location, "--to", second, NULL };
    const char *again[] = { "copy", "--from", first, "--to", f->location, NULL };
    const char *export_first[] = { "export", "--db", first, "-f", "json", NULL };
    const char *export_pg[] = { "export", "--db", f->location, "-f", "json", NULL };
    const char *export_second[] = { "export", "--db", second, "-f", "json", NULL };
    const char *list_pg[] = { "list", "--db", f->location, NULL };
    g_autofree char *out1 = run_cli (to_pg, 0);
    g_autofree char *out2 = run_cli (from_pg, 0);
    g_autofree char *out3 = run_cli (again, 4);
    g_autofree char *json_first = run_cli (export_first, 0);
    g_autofree char *json_pg = run_cli (export_pg, 0);
    g_autofree char *json_second = run_cli (export_second, 0);
    g_autofree char *list = run_cli (list_pg, 0);

    g_assert_nonnull (strstr (out1, "5 reports, 1 review decisions, 1 issuer merges, 2 roll-up links"));
    g_assert_nonnull (strstr (out2, "5 reports, 1 review decisions, 1 issuer merges, 2 roll-up links"));
    g_assert_nonnull (strstr (json_first, "\"dismissed\""));
    g_assert_cmpstr (json_pg, ==, json_first);
    g_assert_cmpstr (json_second, ==, json_first);
    g_assert_nonnull (strstr (list, "5 reports"));
  }
  /* a new report in the database after the copy takes a new id */
  {
    g_autoptr(GxBackend) backend = open_backend (f, FALSE);
    g_autoptr(GxReport) report = read_sample (MIYUN, NULL);

    gx_report_set_id (report, 0);
    gx_report_set_year (report, 2030);
    g_assert_true (gx_backend_save_report (backend, report, &error));
    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_id (report), >, ids[HAIDIAN]);
  }
}

/* psql's answer to @sql on the test's database, or "" */
static char *
psql (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *out = gx_test_pg_psql (server, f->location, sql, &error);

  g_assert_no_error (error);
  return out;
}

/* A workspace of version 1 (tests/data/pg-workspace-v1.sql: a row of
 * `cells` a template row) is migrated to version 2 (report_cells, a row
 * of arrays a report) when opened: the same rows unnested, the same view
 * cell_values, the same JSON export as the program of version 1 made of
 * it (tests/data/pg-workspace-v1.json); it then works as any other, and
 * is not migrated again. */
static void
test_pg_migrate_v1 (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *sql_path = g_test_build_filename (G_TEST_DIST, "data", "pg-workspace-v1.sql", NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "data", "pg-workspace-v1.json", NULL);
  const char *const cells_v1 = "SELECT report_id, row, v0, v1, v2, v3, v4, v5, v6, flags, lines "
                               "FROM cells ORDER BY report_id, row";
  const char *const cells_v2 = "SELECT c.report_id, u.* FROM report_cells c, unnest (c.rows, c.v0, "
                               "c.v1, c.v2, c.v3, c.v4, c.v5, c.v6, c.flags, c.lines) u "
                               "ORDER BY 1, 2";
  const char *const view = "SELECT * FROM cell_values ORDER BY report_id, cell";
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rows_before = NULL;
  g_autofree char *rows_after = NULL;
  g_autofree char *view_before = NULL;
  g_autofree char *view_after = NULL;
  g_autofree char *json_v1 = NULL;

  if (!have_backend (f))
    return;
  if (g_getenv ("GX_CLI") == NULL)
    {
      g_test_skip ("GX_CLI (the command line to run) is not set: run under meson test");
      return;
    }
  out = gx_test_pg_psql_file (server, f->location, sql_path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_get_contents (json_path, &json_v1, NULL, NULL));
  out = psql (f, "SELECT schema_version FROM gx_workspace");
  g_assert_cmpstr (g_strstrip (out), ==, "1");
  g_clear_pointer (&out, g_free);
  rows_before = psql (f, cells_v1);
  view_before = psql (f, view);
  /* 206 rows of 6 reports; 1,212 values in the view */
  {
    g_auto(GStrv) rows = g_strsplit (rows_before, "\n", -1);
    g_auto(GStrv) values = g_strsplit (view_before, "\n", -1);

    g_assert_cmpuint (g_strv_length (rows), ==, 207);
    g_assert_cmpuint (g_strv_length (values), ==, 1213);
  }

  {
    g_autoptr(GxBackend) backend = open_backend (f, FALSE);
    g_autoptr(GxReport) haidian = gx_backend_load_report (backend, 5, &error);
    g_autoptr(GxReport) miyun = NULL;
    gint64 parts[] = { 4, 1 };
    g_autoptr(GxReport) sum = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (cell_value (haidian, "applications.new_received.total"), ==, W (1521));
    sum = gx_backend_rollup (backend, parts, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cell_value (sum, "applications.new_received.total"), ==, W (13 + 289));
    g_assert_cmpint (cell_value (sum, "applications.carried_forward.total"), ==, W (2));
    /* written after the migration: a save of its own */
    miyun = gx_backend_load_report (backend, 2, &error);
    g_assert_no_error (error);
    g_assert_true (gx_backend_save_report (backend, miyun, &error));
    g_assert_no_error (error);
  }
  out = psql (f, "SELECT schema_version, to_regclass ('cells') IS NULL, "
                 "(SELECT COUNT (*) FROM report_cells) FROM gx_workspace");
  g_assert_cmpstr (g_strstrip (out), ==, "2|t|6");
  g_clear_pointer (&out, g_free);
  rows_after = psql (f, cells_v2);
  view_after = psql (f, view);
  g_assert_cmpstr (rows_after, ==, rows_before);
  g_assert_cmpstr (view_after, ==, view_before);
  {
    const char *export_pg[] = { "export", "--db", f->location, "-f", "json", NULL };
    g_autofree char *json = run_cli (export_pg, 0);

    g_assert_cmpstr (json, ==, json_v1);
  }
  /* opened again: nothing to migrate */
  {
    g_autoptr(GxBackend) backend = open_backend (f, TRUE);
    g_autoptr(GPtrArray) all = gx_backend_load_all (backend, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 6);
  }
  out = psql (f, "SELECT schema_version FROM gx_workspace");
  g_assert_cmpstr (g_strstrip (out), ==, "2");
}

int
main (int    argc,
      char **argv)
{
  const char *const kinds[] = { "sqlite", "postgresql" };
  int status;

  g_test_init (&argc, &argv, NULL);
  server = gx_test_pg_start (&server_skip);
  if (server == NULL)
    g_test_message ("PostgreSQL tests skipped: %s", server_skip);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
#define ADD(name, fn) \
      { \
        g_autofree char *path = g_strdup_printf ("/backend/%s/" name, kinds[k]); \
        g_test_add (path, Fixture, kinds[k], fixture_set_up, fn, fixture_tear_down); \
      }
      ADD ("put-load", test_put_load);
      ADD ("conflict-replace", test_conflict_replace);
      ADD ("save-remove", test_save_remove);
      ADD ("batches", test_batches);
      ADD ("batch-outcomes", test_batch_outcomes);
      ADD ("queued-puts", test_queued_puts);
      ADD ("reviews-merges-links", test_reviews_merges_links);
      ADD ("data-version", test_data_version);
      ADD ("lost-update", test_lost_update);
#undef ADD
    }
  g_test_add ("/backend/postgresql/queued-lost", Fixture, "postgresql", fixture_set_up,
              test_pg_queued_lost, fixture_tear_down);
  g_test_add ("/backend/postgresql/refusals", Fixture, "postgresql", fixture_set_up,
              test_pg_refusals, fixture_tear_down);
  g_test_add ("/backend/postgresql/copy-round-trip", Fixture, "postgresql", fixture_set_up,
              test_copy_round_trip, fixture_tear_down);
  g_test_add ("/backend/postgresql/migrate-v1", Fixture, "postgresql", fixture_set_up,
              test_pg_migrate_v1, fixture_tear_down);

  status = g_test_run ();
  gx_test_pg_stop (server);
  g_free (server_skip);
  return status;
}
