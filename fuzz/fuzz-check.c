/* fuzz-check.c: libFuzzer target for the whole of `check`, with the
 * checks across reports and a workspace
 *
 * The input is up to four files separated by a line "@@@@"; each is read
 * as `check` reads a file (gx_reader_read_bytes(): any format), then the
 * rules and the prose checks.  The first byte says how many of them are
 * in the workspace (an in-memory SQLite database: imported, the first one
 * the roll-up of the others, the second one's issuer merged into the
 * first's, a finding dismissed); the rest are checked as `check --db
 * --json` checks files: against the workspace (carryover, stock,
 * hierarchy, reviews), then among themselves (gx_crosscheck_reports()).
 */
#include "fuzz-common.h"

#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-store.h"

#define MAX_FILES 4

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static GxReport *
read_file (const uint8_t *data,
           size_t         size,
           guint          n)
{
  g_autofree char *name = g_strdup_printf ("fuzz-%u.txt", n);
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_bytes (bytes, name, &error);

  if (report == NULL)
    {
      fuzz_assert_refusal (error, name);
      return NULL;
    }
  g_ptr_array_unref (gx_rules_check_full (report, GX_RULES_ALL));
  g_ptr_array_unref (gx_prose_check (report));
  return report;
}

static void
fill_workspace (GxStore   *store,
                GPtrArray *stored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < stored->len; i++)
    {
      GxReport *report = g_ptr_array_index (stored, i);
      GxImportOutcome outcome;
      gint64 id;

      g_assert_true (gx_store_put_report (store, report, NULL, FALSE, &outcome, &error));
      g_assert_no_error (error);
      id = gx_report_get_id (report);
      g_assert_true (outcome == GX_IMPORT_CONFLICT || id > 0);
      if (outcome == GX_IMPORT_ADDED)
        g_array_append_val (ids, id);
    }
  if (ids->len >= 2)
    {
      gint64 parent = g_array_index (ids, gint64, 0);

      g_assert_true (gx_store_set_children (store, parent, &g_array_index (ids, gint64, 1),
                                            ids->len - 1, &error));
    }
  if (stored->len >= 2)
    {
      const char *canonical = gx_report_get_issuer (g_ptr_array_index (stored, 0));
      const char *alias = gx_report_get_issuer (g_ptr_array_index (stored, 1));
      g_autofree char *a = gx_issuer_normalize (alias);
      g_autofree char *c = gx_issuer_normalize (canonical);

      if (a != NULL && c != NULL && strcmp (a, c) != 0)
        g_assert_true (gx_store_set_issuer_alias (store, alias, canonical, &error));
      g_assert_no_error (error);
    }
  if (ids->len >= 1)
    {
      g_autoptr(GxReport) first = gx_store_load_report (store, g_array_index (ids, gint64, 0), &error);
      GPtrArray *findings;

      g_assert_no_error (error);
      findings = gx_report_get_findings (first);
      if (findings->len > 0)
        g_assert_true (gx_store_set_review (store, first, g_ptr_array_index (findings, 0),
                                            GX_REVIEW_DISMISSED, "fuzz", &error));
      g_assert_no_error (error);
    }
}

static const uint8_t *
find (const uint8_t *p,
      const uint8_t *end,
      const char    *needle)
{
  size_t n = strlen (needle);

  for (; (size_t) (end - p) >= n; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char separator[] = "\n@@@@\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) checked = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  g_autofree char *json = NULL;
  const uint8_t *p, *end;
  guint n_stored, n = 0;

  if (size < 1)
    return 0;
  n_stored = data[0] % (MAX_FILES + 1);
  p = data + 1;
  end = data + size;
  while (p <= end && n < MAX_FILES)
    {
      const uint8_t *next = find (p, end, separator);
      const uint8_t *stop = next != NULL ? next : end;
      GxReport *report = read_file (p, (size_t) (stop - p), n);

      if (report != NULL)
        g_ptr_array_add (n < n_stored ? stored : checked, report);
      n++;
      if (next == NULL)
        break;
      p = next + strlen (separator);
    }

  store = gx_store_open (":memory:", &error);
  g_assert_no_error (error);
  fill_workspace (store, stored);
  aliases = gx_store_load_aliases (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < checked->len; i++)
    {
      GxReport *report = g_ptr_array_index (checked, i);
      g_autoptr(GPtrArray) across = gx_store_check_across (store, report, &error);

      g_assert_no_error (error);
      g_assert_nonnull (across);
      g_assert_true (gx_store_apply_reviews (store, report, &error));
    }
  gx_crosscheck_reports (checked, aliases);
  for (guint i = 0; i < checked->len; i++)
    g_assert_true (gx_store_apply_reviews (store, g_ptr_array_index (checked, i), &error));
  g_assert_no_error (error);

  /* the children of the roll-up against their parent, as the app does */
  if (stored->len >= 2)
    {
      g_autoptr(GPtrArray) children = g_ptr_array_new ();
      g_autoptr(GPtrArray) hierarchy = NULL;

      for (guint i = 1; i < stored->len; i++)
        g_ptr_array_add (children, g_ptr_array_index (stored, i));
      hierarchy = gx_crosscheck_hierarchy (g_ptr_array_index (stored, 0), children);
      g_assert_nonnull (hierarchy);
    }

  json = gx_json_write_reports (checked, TRUE);
  g_assert_true (g_utf8_validate (json, -1, NULL));
  return 0;
}
