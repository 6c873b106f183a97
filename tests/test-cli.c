/* test-cli.c: gxreports-cli check, as scripts use it (exit codes, JSON) */
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "gx-core.h"

static int
run_cli (const char *const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("GX_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
test_exit_codes (void)
{
  g_autofree char *pinggu = sample ("pinggu-2022.txt");
  g_autofree char *haidian = sample ("haidian-2022.txt");
  g_autofree char *novel = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("gx-cli-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;

  /* a report that ties out: 0 */
  g_assert_cmpint (run_cli ((const char *[]) { "check", pinggu, NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "北京市平谷区人民政府 2022"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* an error finding: 1, and the finding is printed */
  g_assert_cmpint (run_cli ((const char *[]) { "check", pinggu, haidian, NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "group_total"));
  g_assert_nonnull (strstr (out, "review_litigation.litigation_after_review.total"));
  g_assert_nonnull (strstr (out, "45"));
  g_assert_nonnull (strstr (out, "(line 434)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* an unreadable file: 2, named on stderr, the others still checked */
  novel = g_build_filename (tmpdir, "novel.txt", NULL);
  g_assert_true (g_file_set_contents (novel, "从前有座山，山里有座庙。\n", -1, NULL));
  g_assert_cmpint (run_cli ((const char *[]) { "check", novel, haidian, NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "novel.txt"));
  g_assert_nonnull (strstr (out, "haidian-2022.txt"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* usage errors: 3 */
  g_assert_cmpint (run_cli ((const char *[]) { "check", NULL }, &out, &err), ==, 3);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "frobnicate", NULL }, &out, &err), ==, 3);

  g_unlink (novel);
  g_rmdir (tmpdir);
}

static void
test_json (void)
{
  g_autofree char *haidian = sample ("haidian-2022.txt");
  g_autofree char *beidaihe = sample ("beidaihe-2022-pipes.txt");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *reports, *findings;
  JsonObject *h, *b, *f, *group;

  g_assert_cmpint (run_cli ((const char *[]) { "check", "--json", haidian, beidaihe, NULL }, &out, &err), ==, 1);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  reports = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (reports), ==, 2);

  h = json_array_get_object_element (reports, 0);
  g_assert_cmpstr (json_object_get_string_member (h, "issuer"), ==, "北京市海淀区人民政府");
  g_assert_cmpint (json_object_get_int_member (h, "year"), ==, 2022);
  g_assert_cmpstr (json_object_get_string_member (h, "source"), ==, "haidian-2022.txt");
  group = json_object_get_object_member (json_object_get_object_member (h, "applications"), "new_received");
  g_assert_cmpint (json_object_get_int_member (group, "total"), ==, 1521);
  group = json_object_get_object_member (json_object_get_object_member (h, "review_litigation"), "litigation_after_review");
  g_assert_cmpint (json_object_get_int_member (group, "total"), ==, 42);
  /* the fee exactly as printed, not 19656.383600000001 */
  g_assert_nonnull (strstr (out, "\"amount_wan\": 19656.3836}"));

  findings = json_object_get_array_member (h, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  f = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (f, "rule"), ==, "group_total");
  g_assert_cmpstr (json_object_get_string_member (f, "severity"), ==, "error");
  g_assert_cmpstr (json_object_get_string_member (f, "section"), ==, "review_litigation");
  g_assert_cmpstr (json_object_get_string_member (f, "row"), ==, "litigation_after_review");
  g_assert_cmpstr (json_object_get_string_member (f, "column"), ==, "total");
  g_assert_cmpint (json_object_get_int_member (f, "expected"), ==, 45);
  g_assert_cmpint (json_object_get_int_member (f, "actual"), ==, 42);

  /* Beidaihe: blank cells are null, every key present */
  b = json_array_get_object_element (reports, 1);
  group = json_object_get_object_member (json_object_get_object_member (b, "applications"), "results_total");
  g_assert_cmpuint (json_object_get_size (group), ==, 7);
  g_assert_true (json_object_get_null_member (group, "total"));
  group = json_object_get_object_member (json_object_get_object_member (b, "applications"), "new_received");
  g_assert_cmpint (json_object_get_int_member (group, "natural_person"), ==, 4);
  g_assert_true (json_object_get_null_member (group, "commercial"));
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i]; i++)
    n += strstr (lines[i], needle) != NULL;
  return n;
}

/* Without --notes the blank cells are only counted (their notes are not
 * built); the count is the same as the notes --notes lists. */
static void
test_notes (void)
{
  g_autofree char *beidaihe = sample ("beidaihe-2022-pipes.txt");
  g_autofree char *plain = NULL, *listed = NULL, *err = NULL;
  g_autofree char *plain_summary = NULL, *listed_summary = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "check", beidaihe, NULL }, &plain, &err), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "check", "--notes", beidaihe, NULL }, &listed, &err), ==, 1);

  plain_summary = g_strndup (plain, strcspn (plain, "\n"));
  listed_summary = g_strndup (listed, strcspn (listed, "\n"));
  g_assert_cmpstr (plain_summary, ==, listed_summary);
  g_assert_nonnull (strstr (plain_summary, "184 notes"));
  g_assert_nonnull (strstr (plain, "184 blank cells read as 0"));
  g_assert_cmpuint (count_lines_with (plain, "blank_cell"), ==, 0);
  g_assert_cmpuint (count_lines_with (listed, "blank_cell"), ==, 184);
  g_assert_null (strstr (listed, "blank cells read as 0"));
  /* the other findings are the same either way: 4 errors, 3 warnings */
  g_assert_cmpuint (count_lines_with (plain, "  error "), ==, 4);
  g_assert_cmpuint (count_lines_with (listed, "  error "), ==, 4);
  g_assert_cmpuint (count_lines_with (plain, "ambiguous_layout"), ==, 3);
  g_assert_cmpuint (count_lines_with (listed, "ambiguous_layout"), ==, 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/check/exit-codes", test_exit_codes);
  g_test_add_func ("/cli/check/json", test_json);
  g_test_add_func ("/cli/check/notes", test_notes);
  return g_test_run ();
}
