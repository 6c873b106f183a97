/* test-schema.c: the template has every key of report-schema.md, once */
#include "gx-core.h"

static guint
rows_in_format (GxSection section,
                GxFormat  format)
{
  const GxSchemaSection *s = gx_schema_section (section);
  guint n = 0;

  for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
    n += gx_schema_row_in_format (gx_schema_row (r), format);
  return n;
}

static void
test_counts (void)
{
  /* the 2021 form: 6 rows in 二, the 25×7 table, 3 groups of 5 */
  g_assert_cmpuint (rows_in_format (GX_SECTION_DISCLOSURE, GX_FORMAT_2021), ==, 6);
  g_assert_cmpuint (rows_in_format (GX_SECTION_APPLICATIONS, GX_FORMAT_2021), ==, 25);
  g_assert_cmpuint (rows_in_format (GX_SECTION_REVIEW_LITIGATION, GX_FORMAT_2021), ==, 3);
  /* 3+3+1+1+1+1 disclosure fields, 25×7 applications, 3×5 review */
  g_assert_cmpuint (gx_schema_n_cells_in_format (GX_FORMAT_2021), ==, 10 + 175 + 15);

  /* the 2019 form: 规章, 规范性文件 (3 fields), 行政许可, 其他对外管理服务事项,
   * 行政处罚, 行政强制 (3), 行政事业性收费 (2), 政府集中采购 (2); section 三
   * with its single （六）其他处理 row kept in other_misc, the two rows before
   * it blank by the form: the 25 rows of 2021 */
  g_assert_cmpuint (rows_in_format (GX_SECTION_DISCLOSURE, GX_FORMAT_2019), ==, 8);
  g_assert_cmpuint (rows_in_format (GX_SECTION_APPLICATIONS, GX_FORMAT_2019), ==, 25);
  g_assert_cmpuint (gx_schema_n_cells_in_format (GX_FORMAT_2019), ==, 3 * 6 + 2 * 2 + 25 * 7 + 15);

  /* shared rows keep their keys: decisions of 行政许可 in both forms */
  {
    int decisions = gx_schema_find_cell_by_path ("disclosure.licensing.decisions");

    g_assert_cmpint (decisions, >=, 0);
    g_assert_true (gx_schema_cell_in_format (decisions, GX_FORMAT_2021));
    g_assert_true (gx_schema_cell_in_format (decisions, GX_FORMAT_2019));
    g_assert_false (gx_schema_cell_in_format (gx_schema_find_cell_by_path ("applications.other_handling.total"),
                                              GX_FORMAT_2021));
    g_assert_false (gx_schema_cell_in_format (gx_schema_find_cell_by_path ("applications.other_handling.total"),
                                              GX_FORMAT_2019));
    g_assert_true (gx_schema_cell_in_format (gx_schema_find_cell_by_path ("applications.other_misc.total"),
                                             GX_FORMAT_2019));
    g_assert_true (gx_schema_find_row (GX_SECTION_APPLICATIONS, "other_no_fee")->flags & GX_ROW_FLAG_BLANK_IN_2019);
    g_assert_false (gx_schema_find_row (GX_SECTION_APPLICATIONS, "other_misc")->flags & GX_ROW_FLAG_BLANK_IN_2019);
  }
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
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL;

  g_assert_true (gx_value_parse ("1521", &v));
  g_assert_cmpint (v, ==, 1521 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse (" １，２３４ ", &v));
  g_assert_cmpint (v, ==, 1234 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse ("19656.3836", &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (19656383600));
  /* 万元 to the fen: six decimals (a real report's fee) */
  g_assert_true (gx_value_parse ("5949.088667", &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (5949088667));
  g_assert_true (gx_value_parse ("-3", &v));
  g_assert_cmpint (v, ==, -3 * GX_VALUE_SCALE);
  g_assert_true (gx_value_parse ("1.23456", &v));
  g_assert_cmpint (v, ==, G_GINT64_CONSTANT (1234560));
  g_assert_false (gx_value_parse ("1.2345678", &v));
  g_assert_cmpint (gx_value_parse_full ("1.2345678", &v), ==, GX_VALUE_PARSE_TOO_PRECISE);
  g_assert_false (gx_value_parse ("abc", &v));
  g_assert_false (gx_value_parse ("", &v));
  g_assert_false (gx_value_parse ("12件", &v));
  s1 = gx_value_format (G_GINT64_CONSTANT (19656383600));
  g_assert_cmpstr (s1, ==, "19656.3836");
  s3 = gx_value_format (G_GINT64_CONSTANT (5949088667));
  g_assert_cmpstr (s3, ==, "5949.088667");
  s4 = gx_value_format (G_GINT64_CONSTANT (-2500000));
  g_assert_cmpstr (s4, ==, "-2.5");
  s2 = gx_value_format (G_GINT64_CONSTANT (8157190000));
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
