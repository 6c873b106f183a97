/* gx-sums.c: the sums of the national form, stated once
 *
 * Which cells add up to which, by the keys of the template (gx-schema.c),
 * for both forms: the rules check these sums (gx-rules.c) and the editor's
 * Fill Totals writes their totals (gx-editor-form.c).  In the order the
 * rules report them.
 */
#include "gx-config.h"

#include "gx-rules.h"
#include "gx-sums.h"

#define KEYS(...) (const char *const[]) { __VA_ARGS__, NULL }

static const GxSumEntry entries[] = {
  /* balance: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度, in each
   * column; Fill Totals writes 结转下年度 from the others when asked */
  { GX_RULE_BALANCE, GX_SECTION_APPLICATIONS, GX_SUM_DOWN, NULL,
    KEYS ("new_received", "carried_over"),
    KEYS ("results_total", "carried_forward"),
    "carried_forward", GX_SUM_FILL_CARRY_FORWARD, "total" },
  /* results_sum: the 21 result rows add up to （七）总计, in each column.
   * The 2019 form's single （六） row is other_misc; other_no_correction and
   * other_no_fee are blank there by the form (GX_ROW_FLAG_BLANK_IN_2019);
   * the retired other_handling row is in no form, so in no sum. */
  { GX_RULE_RESULTS_SUM, GX_SECTION_APPLICATIONS, GX_SUM_DOWN, NULL,
    KEYS ("granted", "partially_granted",
          "withheld_state_secret", "withheld_prohibited_by_law",
          "withheld_safety_stability", "withheld_third_party",
          "withheld_internal_affairs", "withheld_process_info",
          "withheld_enforcement_file", "withheld_inquiry",
          "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
          "not_processed_petition", "not_processed_duplicate",
          "not_processed_publication", "not_processed_excessive",
          "not_processed_confirmation",
          "other_no_correction", "other_no_fee", "other_misc"),
    KEYS ("results_total"),
    "results_total", GX_SUM_FILL_ALWAYS, "total" },
  /* row_total: in every row of section 三, 总计 = the six applicant columns */
  { GX_RULE_ROW_TOTAL, GX_SECTION_APPLICATIONS, GX_SUM_ACROSS, "total",
    NULL, NULL, NULL, GX_SUM_FILL_ALWAYS, NULL },
  /* group_total: in every row of section 四, 总计 = the four outcomes */
  { GX_RULE_GROUP_TOTAL, GX_SECTION_REVIEW_LITIGATION, GX_SUM_ACROSS, "total",
    NULL, NULL, NULL, GX_SUM_FILL_ALWAYS, NULL },
};

static const GxSchemaRow *
find_row (const GxSumEntry *entry,
          const char       *key)
{
  const GxSchemaRow *row = gx_schema_find_row (entry->section, key);

  if (row == NULL)
    g_error ("gx-sums.c: %s: no row %s in the template", entry->rule, key);
  return row;
}

/* The cells of @keys in column @c, the rows not in @format left out. */
static guint *
down_cells (const GxSumEntry  *entry,
            const char *const *keys,
            guint              c,
            GxFormat           format,
            guint             *n_cells)
{
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const GxSchemaRow *row = find_row (entry, keys[i]);
      guint cell = row->first_cell + c;

      if (!gx_schema_row_in_format (row, format))
        continue;
      g_assert (c < row->n_columns);
      g_array_append_val (cells, cell);
    }
  *n_cells = cells->len;
  return (guint *) g_array_free (cells, FALSE);
}

static void
expand_down (const GxSumEntry *entry,
             GxFormat          format,
             GArray           *sums)
{
  const GxSchemaRow *fill_row = find_row (entry, entry->fill_row);
  guint columns[16];
  guint n_columns = gx_schema_row_format_columns (fill_row, format, columns);

  for (guint i = 0; i < n_columns; i++)
    {
      guint c = columns[i];
      const GxSchemaColumn *column = &fill_row->columns[c];
      GxSum sum = { entry, NULL, 0, NULL, 0, 0, NULL, column, -1 };

      sum.left = down_cells (entry, entry->left_rows, c, format, &sum.n_left);
      sum.right = down_cells (entry, entry->right_rows, c, format, &sum.n_right);
      g_assert (sum.n_right > 0);
      sum.subject = sum.right[0];
      if (entry->fill != GX_SUM_FILL_NEVER &&
          g_strcmp0 (column->key, entry->fill_skip_column) != 0)
        sum.fill_cell = (int) (fill_row->first_cell + c);
      g_array_append_val (sums, sum);
    }
}

static void
expand_across (const GxSumEntry *entry,
               GxFormat          format,
               GArray           *sums)
{
  const GxSchemaSection *section = gx_schema_section (entry->section);

  for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      int total = gx_schema_row_column_index (row, entry->total_column);
      guint columns[16];
      guint n_columns = gx_schema_row_format_columns (row, format, columns);
      guint *left, *right;
      GxSum sum = { entry, NULL, 0, NULL, 0, 0, row, NULL, -1 };

      if (n_columns == 0)
        continue;   /* not a row of @format */
      if (total < 0)
        g_error ("gx-sums.c: %s: no column %s in row %s", entry->rule,
                 entry->total_column, row->key);
      left = g_new (guint, n_columns);
      for (guint i = 0; i < n_columns; i++)
        if (columns[i] != (guint) total)
          left[sum.n_left++] = row->first_cell + columns[i];
      right = g_new (guint, 1);
      right[0] = row->first_cell + (guint) total;
      sum.left = left;
      sum.right = right;
      sum.n_right = 1;
      sum.subject = right[0];
      if (entry->fill != GX_SUM_FILL_NEVER)
        sum.fill_cell = (int) right[0];
      g_array_append_val (sums, sum);
    }
}

static GArray *
expand (GxFormat format)
{
  GArray *sums = g_array_new (FALSE, FALSE, sizeof (GxSum));

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (entries[i].shape == GX_SUM_DOWN)
        expand_down (&entries[i], format, sums);
      else
        expand_across (&entries[i], format, sums);
    }
  return sums;
}

const GxSumEntry *
gx_sums_entries (guint *n_entries)
{
  if (n_entries != NULL)
    *n_entries = G_N_ELEMENTS (entries);
  return entries;
}

const GxSum *
gx_sums_for_format (GxFormat  format,
                    guint    *n_sums)
{
  /* lives as long as the program, like the template */
  static GArray *by_format[2];
  static gsize initialized = 0;
  GArray *sums;

  g_return_val_if_fail (format == GX_FORMAT_2021 || format == GX_FORMAT_2019, NULL);

  if (g_once_init_enter (&initialized))
    {
      by_format[0] = expand (GX_FORMAT_2021);
      by_format[1] = expand (GX_FORMAT_2019);
      g_once_init_leave (&initialized, 1);
    }
  sums = by_format[format == GX_FORMAT_2019];
  if (n_sums != NULL)
    *n_sums = sums->len;
  return (const GxSum *) (gpointer) sums->data;
}
