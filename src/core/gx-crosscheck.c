/* gx-crosscheck.c: checks across reports: carryover, stock and hierarchy */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-crosscheck.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-text.h"

/* Helpers -------------------------------------------------------------------- */

static gboolean
cell_usable (GxReport *report,
             guint     cell)
{
  return gx_report_has_cell (report, cell) &&
         gx_report_get_cell (report, cell, NULL) != GX_CELL_INVALID;
}

/* "北京市平谷区人民政府 2021", or the source file when the report has no issuer */
static char *
describe_report (GxReport *report)
{
  const char *issuer = gx_report_get_issuer (report);

  if (issuer == NULL || *issuer == '\0')
    issuer = gx_report_get_source (report) ? gx_report_get_source (report) : "?";
  if (gx_report_get_year (report) > 0)
    return g_strdup_printf ("%s %d", issuer, gx_report_get_year (report));
  return g_strdup (issuer);
}

/* "上年结转 · 自然人" */
static char *
describe_cell (GxReport *report,
               guint     cell)
{
  const GxSchemaCell *c = gx_schema_cell (cell);
  guint columns[16];

  if (gx_schema_row_format_columns (c->row, gx_report_get_format (report), columns) == 1)
    return g_strdup (gx_schema_row_label (c->row));
  return g_strdup_printf ("%s · %s", gx_schema_row_label (c->row),
                          gx_schema_column_label (c->column));
}

/* Issuers ---------------------------------------------------------------------- */

char *
gx_issuer_normalize (const char *issuer)
{
  g_autofree char *folded = NULL;
  GString *s;

  if (issuer == NULL)
    return NULL;
  folded = gx_text_fold_width (issuer);
  s = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF)
        continue;
      if (c == 0xFF08 || c == 0x3014)       /* （ 〔 */
        g_string_append_c (s, '(');
      else if (c == 0xFF09 || c == 0x3015)  /* ） 〕 */
        g_string_append_c (s, ')');
      else if (c == 0x00B7 || c == 0x30FB)  /* · ・ */
        continue;
      else
        g_string_append_unichar (s, c);
    }
  /* 人民政府 → 政府: the same body under its short name */
  {
    const char *full = "人民政府";
    char *at;

    while ((at = strstr (s->str, full)) != NULL)
      g_string_erase (s, at - s->str, strlen ("人民"));
  }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

char *
gx_issuer_key (const char *issuer,
               GHashTable *aliases)
{
  char *key = gx_issuer_normalize (issuer);
  const char *canonical;

  if (key && aliases && (canonical = g_hash_table_lookup (aliases, key)) != NULL)
    {
      g_free (key);
      key = g_strdup (canonical);
    }
  return key;
}

/* Findings ---------------------------------------------------------------------- */

void
gx_crosscheck_add_findings (GxReport  *report,
                            GPtrArray *findings)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) keys = NULL;
  GPtrArray *current;

  g_return_if_fail (GX_IS_REPORT (report));
  if (findings == NULL || findings->len == 0)
    return;

  current = gx_report_get_findings (report);
  all = g_ptr_array_new_with_free_func (g_object_unref);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < current->len; i++)
    {
      GxFinding *f = g_ptr_array_index (current, i);

      g_ptr_array_add (all, g_object_ref (f));
      g_hash_table_add (keys, gx_finding_dup_key (f));
    }
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);
      char *key = gx_finding_dup_key (f);

      if (g_hash_table_contains (keys, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (keys, key);
      g_ptr_array_add (all, g_object_ref (f));
    }
  gx_report_set_findings (report, all);
}

GPtrArray *
gx_crosscheck_carryover (GxReport *previous,
                         GxReport *current)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  const GxSchemaRow *over, *forward;
  g_autofree char *prev_name = NULL;
  g_autofree char *cur_name = NULL;

  g_return_val_if_fail (GX_IS_REPORT (previous), findings);
  g_return_val_if_fail (GX_IS_REPORT (current), findings);

  over = gx_schema_find_row (GX_SECTION_APPLICATIONS, "carried_over");
  forward = gx_schema_find_row (GX_SECTION_APPLICATIONS, "carried_forward");
  g_return_val_if_fail (over && forward, findings);

  prev_name = describe_report (previous);
  cur_name = describe_report (current);

  for (guint c = 0; c < over->n_columns; c++)
    {
      guint this_cell = over->first_cell + c;
      int last_cell = gx_schema_row_column_index (forward, over->columns[c].key);
      gint64 this_value, last_value;
      g_autofree char *this_s = NULL;
      g_autofree char *last_s = NULL;
      g_autofree char *where = NULL;
      g_autofree char *message = NULL;
      GxFinding *finding;

      if (last_cell < 0)
        continue;
      last_cell += (int) forward->first_cell;
      if (!cell_usable (current, this_cell) || !cell_usable (previous, (guint) last_cell))
        continue;
      /* a column blank in both says nothing */
      if (gx_report_is_blank (current, this_cell) && gx_report_is_blank (previous, (guint) last_cell))
        continue;
      this_value = gx_report_get_value (current, this_cell);
      last_value = gx_report_get_value (previous, (guint) last_cell);
      if (this_value == last_value)
        continue;

      this_s = gx_value_format (this_value);
      last_s = gx_value_format (last_value);
      where = describe_cell (current, this_cell);
      /* TRANSLATORS: carryover: "上年结转 · 自然人: 北京市平谷区人民政府 2022
       * carried over 23, but 北京市平谷区人民政府 2021 carried forward 25" */
      message = g_strdup_printf (_("%s: %s carried over %s, but %s carried forward %s"),
                                 where, cur_name, this_s, prev_name, last_s);
      finding = gx_finding_new (GX_RULE_CARRYOVER, GX_SEVERITY_WARNING, this_cell, FALSE, message);
      gx_finding_set_values (finding, last_value, this_value);
      g_ptr_array_add (findings, finding);
    }
  return findings;
}

/* The value of @cell of @report in whole units, or FALSE when it is not
 * there to compare (not in the form, or invalid text). */
static gboolean
stock_value (GxReport *report,
             int       cell,
             gint64   *value)
{
  if (cell < 0 || !cell_usable (report, (guint) cell))
    return FALSE;
  *value = gx_report_get_value (report, (guint) cell);
  return TRUE;
}

GPtrArray *
gx_crosscheck_stock (GxReport *previous,
                     GxReport *current)
{
  static const char *const rows[] = { "regulations", "normative_documents" };
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *prev_name = NULL;
  g_autofree char *cur_name = NULL;
  GxFormat prev_format, cur_format;
  const char *added_key, *stock_key;
  GxSeverity severity;

  g_return_val_if_fail (GX_IS_REPORT (previous), findings);
  g_return_val_if_fail (GX_IS_REPORT (current), findings);

  prev_format = gx_report_get_format (previous);
  cur_format = gx_report_get_format (current);
  /* 现行有效 (2021) and 对外公开总数量 (2019) are not the same count: a
   * pair across the change of form says nothing */
  if (prev_format != cur_format)
    return findings;
  if (cur_format == GX_FORMAT_2019)
    {
      /* the 2019 form has no 废止 column: a document withdrawn lowers the
       * total legitimately, so a difference is only a note */
      added_key = "published";
      stock_key = "total_published";
      severity = GX_SEVERITY_NOTE;
    }
  else
    {
      added_key = "issued";
      stock_key = "in_force";
      severity = GX_SEVERITY_WARNING;
    }

  prev_name = describe_report (previous);
  cur_name = describe_report (current);

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      int c_last = gx_schema_find_cell (GX_SECTION_DISCLOSURE, rows[r], stock_key);
      int c_added = gx_schema_find_cell (GX_SECTION_DISCLOSURE, rows[r], added_key);
      int c_repealed = gx_schema_find_cell (GX_SECTION_DISCLOSURE, rows[r], "repealed");
      int c_now = gx_schema_find_cell (GX_SECTION_DISCLOSURE, rows[r], stock_key);
      gint64 last, added, repealed = 0, now, expected;
      g_autofree char *last_s = NULL;
      g_autofree char *added_s = NULL;
      g_autofree char *repealed_s = NULL;
      g_autofree char *now_s = NULL;
      g_autofree char *expected_s = NULL;
      g_autofree char *message = NULL;
      const GxSchemaRow *row;
      GxFinding *finding;

      if (!stock_value (previous, c_last, &last) ||
          !stock_value (current, c_added, &added) ||
          !stock_value (current, c_now, &now))
        continue;
      if (cur_format != GX_FORMAT_2019 && !stock_value (current, c_repealed, &repealed))
        continue;
      /* a row blank in both reports (a town has no 规章) says nothing */
      if (gx_report_is_blank (previous, (guint) c_last) && gx_report_is_blank (current, (guint) c_now))
        continue;
      expected = last + added - repealed;
      if (expected == now)
        continue;

      row = gx_schema_cell ((guint) c_now)->row;
      last_s = gx_value_format (last);
      added_s = gx_value_format (added);
      repealed_s = gx_value_format (repealed);
      now_s = gx_value_format (now);
      expected_s = gx_value_format (expected);
      if (cur_format == GX_FORMAT_2019)
        /* TRANSLATORS: stock in the 2019 form: "规范性文件: 平潭综合实验区 2019
         * published 21 in all, plus 9 published in 平潭综合实验区 2020 makes 30,
         * but 平潭综合实验区 2020 gives 21 published in all; …" */
        message = g_strdup_printf (_("%s: %s published %s in all, plus %s published in %s makes %s, "
                                     "but %s gives %s published in all; the 2019 form has no column "
                                     "for documents withdrawn, so check the totals"),
                                   gx_schema_row_label (row), prev_name, last_s, added_s, cur_name,
                                   expected_s, cur_name, now_s);
      else
        /* TRANSLATORS: stock: "行政规范性文件: 平潭综合实验区 2024 had 440 in
         * force; with 58 issued and 45 repealed in 平潭综合实验区 2025 that
         * makes 453, but 平潭综合实验区 2025 gives 546 in force; correct the
         * in-force count or the issued and repealed counts" */
        message = g_strdup_printf (_("%s: %s had %s in force; with %s issued and %s repealed in %s "
                                     "that makes %s, but %s gives %s in force; correct the in-force "
                                     "count or the issued and repealed counts"),
                                   gx_schema_row_label (row), prev_name, last_s, added_s, repealed_s,
                                   cur_name, expected_s, cur_name, now_s);
      finding = gx_finding_new (GX_RULE_STOCK, severity, (guint) c_now, FALSE, message);
      gx_finding_set_values (finding, expected, now);
      gx_finding_add_cell (finding, (guint) c_added);
      if (cur_format != GX_FORMAT_2019)
        gx_finding_add_cell (finding, (guint) c_repealed);
      g_ptr_array_add (findings, finding);
    }
  return findings;
}

/* Every check of a pair of consecutive years: carryover and stock. */
GPtrArray *
gx_crosscheck_years (GxReport *previous,
                     GxReport *current)
{
  GPtrArray *found = gx_crosscheck_carryover (previous, current);
  g_autoptr(GPtrArray) stock = gx_crosscheck_stock (previous, current);

  g_ptr_array_extend_and_steal (found, g_steal_pointer (&stock));
  return found;
}

GPtrArray *
gx_crosscheck_hierarchy (GxReport  *parent,
                         GPtrArray *children)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *parent_name = NULL;

  g_return_val_if_fail (GX_IS_REPORT (parent), findings);
  if (children == NULL || children->len == 0)
    return findings;

  parent_name = describe_report (parent);
  for (guint cell = 0; cell < gx_schema_n_cells (); cell++)
    {
      gint64 sum = 0, value;
      gboolean usable = cell_usable (parent, cell);
      gboolean all_blank = gx_report_is_blank (parent, cell);
      g_autofree char *value_s = NULL;
      g_autofree char *sum_s = NULL;
      g_autofree char *where = NULL;
      g_autofree char *message = NULL;
      GxFinding *finding;

      for (guint i = 0; usable && i < children->len; i++)
        {
          GxReport *child = g_ptr_array_index (children, i);

          if (!cell_usable (child, cell))
            usable = FALSE;
          else
            {
              sum += gx_report_get_value (child, cell);
              all_blank = all_blank && gx_report_is_blank (child, cell);
            }
        }
      if (!usable || all_blank)
        continue;
      value = gx_report_get_value (parent, cell);
      if (value == sum)
        continue;

      value_s = gx_value_format (value);
      sum_s = gx_value_format (sum);
      where = describe_cell (parent, cell);
      /* TRANSLATORS: hierarchy: "予以公开 · 总计: 北京市海淀区人民政府 2022 gives
       * 1448, but its 2 units add up to 1450" */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %s gives %s, but its %u unit adds up to %s",
                                              "%s: %s gives %s, but its %u units add up to %s",
                                              children->len),
                                 where, parent_name, value_s, children->len, sum_s);
      finding = gx_finding_new (GX_RULE_HIERARCHY, GX_SEVERITY_WARNING, cell, FALSE, message);
      gx_finding_set_values (finding, sum, value);
      g_ptr_array_add (findings, finding);
    }
  return findings;
}

static int
compare_by_key_year (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const guint *ia = a, *ib = b;
  char **keys = user_data;
  int c = g_strcmp0 (keys[2 * *ia], keys[2 * *ib]);

  if (c != 0)
    return c;
  return GPOINTER_TO_INT (keys[2 * *ia + 1]) - GPOINTER_TO_INT (keys[2 * *ib + 1]);
}

guint
gx_crosscheck_reports (GPtrArray  *reports,
                       GHashTable *aliases)
{
  g_autofree char **keys = NULL;   /* key, year (as pointer) for each report */
  g_autofree guint *order = NULL;
  guint n_added = 0;

  g_return_val_if_fail (reports != NULL, 0);
  if (reports->len < 2)
    return 0;

  keys = g_new0 (char *, 2 * reports->len);
  order = g_new (guint, reports->len);
  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);

      keys[2 * i] = gx_issuer_key (gx_report_get_issuer (report), aliases);
      keys[2 * i + 1] = GINT_TO_POINTER (gx_report_get_year (report));
      order[i] = i;
    }
  g_qsort_with_data (order, (gint) reports->len, sizeof (guint), compare_by_key_year, keys);

  for (guint k = 1; k < reports->len; k++)
    {
      guint p = order[k - 1], c = order[k];
      int py = GPOINTER_TO_INT (keys[2 * p + 1]), cy = GPOINTER_TO_INT (keys[2 * c + 1]);

      if (keys[2 * c] == NULL || g_strcmp0 (keys[2 * p], keys[2 * c]) != 0 || py <= 0 || cy != py + 1)
        continue;
      {
        g_autoptr(GPtrArray) found = gx_crosscheck_years (g_ptr_array_index (reports, p),
                                                          g_ptr_array_index (reports, c));

        n_added += found->len;
        gx_crosscheck_add_findings (g_ptr_array_index (reports, c), found);
      }
    }
  /* two reports of one issuer and year: both are checked against the year
   * before (the sort puts only one of them next to it) */
  for (guint k = 2; k < reports->len; k++)
    {
      guint a = order[k - 1], c = order[k];

      if (keys[2 * c] == NULL || g_strcmp0 (keys[2 * a], keys[2 * c]) != 0 ||
          keys[2 * a + 1] != keys[2 * c + 1])
        continue;
      for (guint j = k - 1; j-- > 0;)
        {
          guint p = order[j];

          if (g_strcmp0 (keys[2 * p], keys[2 * c]) != 0)
            break;
          if (GPOINTER_TO_INT (keys[2 * p + 1]) == GPOINTER_TO_INT (keys[2 * c + 1]) - 1)
            {
              g_autoptr(GPtrArray) found = gx_crosscheck_years (g_ptr_array_index (reports, p),
                                                                g_ptr_array_index (reports, c));

              n_added += found->len;
              gx_crosscheck_add_findings (g_ptr_array_index (reports, c), found);
              break;
            }
        }
    }

  for (guint i = 0; i < reports->len; i++)
    g_free (keys[2 * i]);
  return n_added;
}
