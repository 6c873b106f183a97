/* test-schema.c: the template has every key of report-schema.md, once */
#include "gx-core.h"

static void
test_counts (void)
{
  g_assert_cmpuint (gx_schema_section (GX_SECTION_DISCLOSURE)->n_rows, ==, 6);
  g_assert_cmpuint (gx_schema_section (GX_SECTION_APPLICATIONS)->n_rows, ==, 25);
  g_assert_cmpuint (gx_schema_section (GX_SECTION_REVIEW_LITIGATION)->n_rows, ==, 3);
  /* 3+3+1+1+1+1 disclosure fields, 25×7 applications, 3×5 review */
  g_assert_cmpuint (gx_schema_n_cells (), ==, 10 + 175 + 15);
}

static void
test_paths_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      const GxSchemaCell *c = gx_schema_cell (i);

      g_assert_false (g_hash_table_contains (seen, c->path));
      g_hash_table_add (seen, (gpointer) c->path);
      g_assert_cmpint (gx_schema_find_cell_by_path (c->path), ==, (int) i);
    }
  g_assert_cmpint (gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "total"),
                   ==, gx_schema_find_cell_by_path ("applications.new_received.total"));
  g_assert_cmpint (gx_schema_find_cell_by_path ("disclosure.fees.amount_wan"), >=, 0);
  g_assert_cmpint (gx_schema_find_cell_by_path ("review_litigation.litigation_after_review.pending"), >=, 0);
  g_assert_cmpint (gx_schema_find_cell_by_path ("applications.nonsense.total"), ==, -1);
}

static void
test_values (void)
{
  gint64 v;
  g_autofree char *s1 = NULL, *s2 = NULL;

  g_assert_true (gx_value_parse ("1521", &v));
  g_assert_cmpint (v, ==, 1521 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse (" １，２３４ ", &v));
  g_assert_cmpint (v, ==, 1234 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse ("19656.3836", &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (196563836));
  g_assert_true (gx_value_parse ("-3", &v));
  g_assert_cmpint (v, ==, -3 * GX_VALUE_SCALE);
  g_assert_false (gx_value_parse ("1.23456", &v));
  g_assert_false (gx_value_parse ("abc", &v));
  g_assert_false (gx_value_parse ("", &v));
  g_assert_false (gx_value_parse ("12件", &v));
  s1 = gx_value_format (G_GINT64_CONSTANT (196563836));
  g_assert_cmpstr (s1, ==, "19656.3836");
  s2 = gx_value_format (81571900);
  g_assert_cmpstr (s2, ==, "8157.19");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema/counts", test_counts);
  g_test_add_func ("/schema/paths-unique", test_paths_unique);
  g_test_add_func ("/schema/values", test_values);
  return g_test_run ();
}
