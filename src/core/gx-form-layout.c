/* gx-form-layout.c: the official tables of sections 二, 三 and 四 as grids
 *
 * Everything comes from the template: the rows of the form, their groups
 * (the merged cells of section 三 and the titles of section 二), the column
 * groups (法人或其他组织) and the fields of section 四.  The only text this
 * file adds is what the form prints around the template: 信息内容, the
 * balance note in the corner of section 三 and 申请人情况.
 */
#include "gx-config.h"

#include <string.h>

#include "gx-form-layout.h"

#define MAX_LEVELS 4

/* the corner cell of section 三 in the official form */
#define APPLICATIONS_NOTE "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#define APPLICANTS_HEAD "申请人情况"
#define CONTENT_HEAD "信息内容"

typedef struct
{
  GxFormTable *table;
  int *grid;          /* n_rows × n_cols: index into cells, or -1 */
} Builder;

static void
layout_cell_clear (gpointer data)
{
  GxLayoutCell *cell = data;

  g_free (cell->text);
}

static GxLayoutCell *
add_cell (GxFormTable *table,
          GxLayoutKind kind,
          guint        row,
          guint        rowspan,
          guint        col,
          guint        colspan,
          const char  *text)
{
  GxLayoutCell cell = { 0 };

  cell.kind = kind;
  cell.row = row;
  cell.rowspan = rowspan;
  cell.col = col;
  cell.colspan = colspan;
  cell.text = g_strdup (text);
  cell.cell = -1;
  cell.schema_row = -1;
  cell.group = -1;
  g_array_append_val (table->cells, cell);
  table->n_rows = MAX (table->n_rows, row + rowspan);
  return &g_array_index (table->cells, GxLayoutCell, table->cells->len - 1);
}

static void
add_value (GxFormTable *table,
           guint        row,
           guint        col,
           guint        colspan,
           guint        cell)
{
  add_cell (table, GX_LAYOUT_VALUE, row, 1, col, colspan, NULL)->cell = (int) cell;
}

static char *
row_label (const GxSchemaRow *row)
{
  return g_strconcat (row->prefix_zh ? row->prefix_zh : "", row->label_zh, NULL);
}

static char *
group_label (int group)
{
  const GxSchemaGroup *g = gx_schema_group ((guint) group);

  return g_strconcat (g->prefix_zh ? g->prefix_zh : "", g->label_zh, NULL);
}

/* the groups enclosing @group, outermost first; returns how many */
static guint
group_chain (int  group,
             int *chain)
{
  int tmp[MAX_LEVELS];
  guint n = 0;

  while (group >= 0 && n < MAX_LEVELS)
    {
      tmp[n++] = group;
      group = gx_schema_group ((guint) group)->parent;
    }
  for (guint i = 0; i < n; i++)
    chain[i] = tmp[n - 1 - i];
  return n;
}

/* 二: a title row per article (第二十条第（一）项), a header row (信息内容 and
 * the fields), then the rows.  The fields of the report's form share the
 * three value columns: one field spans all three, two take 1 + 2. */
static void
build_disclosure (GxFormTable *table)
{
  static const double widths[] = { 0.34, 0.22, 0.22, 0.22 };
  const GxSchemaSection *s = gx_schema_section (GX_SECTION_DISCLOSURE);
  int prev_group = -2;
  guint r = 0;

  table->n_cols = G_N_ELEMENTS (widths);
  table->widths = g_memdup2 (widths, sizeof widths);
  table->keep_with_next = g_new0 (guint8, s->n_rows * 3);

  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      const GxSchemaRow *row = gx_schema_row (i);
      g_autofree char *label = NULL;
      guint cols[16];
      guint n = gx_schema_row_format_columns (row, table->format, cols);

      if (n == 0)
        continue;   /* a row of the other national form */

      if (row->group != prev_group)
        {
          if (row->group >= 0)
            {
              g_autofree char *title = group_label (row->group);

              add_cell (table, GX_LAYOUT_TITLE, r, 1, 0, 4, title)->group = row->group;
              table->keep_with_next[r++] = TRUE;
            }
          add_cell (table, GX_LAYOUT_HEAD, r, 1, 0, 1, CONTENT_HEAD);
          for (guint c = 0; c < n; c++)
            add_cell (table, GX_LAYOUT_HEAD, r, 1, 1 + c, c + 1 == n ? 3 - c : 1,
                      row->columns[cols[c]].label_zh);
          table->keep_with_next[r++] = TRUE;
          prev_group = row->group;
        }

      label = row_label (row);
      add_cell (table, GX_LAYOUT_LABEL, r, 1, 0, 1, label)->schema_row = (int) row->index;
      for (guint c = 0; c < n; c++)
        add_value (table, r, 1 + c, c + 1 == n ? 3 - c : 1, row->first_cell + cols[c]);
      r++;
    }
}

/* The 2019 form prints （六）其他处理 as one row: the rows its form leaves
 * blank (GX_ROW_FLAG_BLANK_IN_2019) are not drawn, and the row that keeps
 * the values (3.其他, other_misc) stands for its group, under the group's
 * own label, one level up. */
static gboolean
row_drawn (const GxSchemaRow *row,
           GxFormat           format)
{
  return gx_schema_row_in_format (row, format) &&
         !(format == GX_FORMAT_2019 && (row->flags & GX_ROW_FLAG_BLANK_IN_2019));
}

static gboolean
stands_for_group (const GxSchemaRow *row,
                  GxFormat           format)
{
  const GxSchemaSection *s = gx_schema_section (row->section);

  if (format != GX_FORMAT_2019 || row->group < 0 || !row_drawn (row, format))
    return FALSE;
  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      const GxSchemaRow *other = gx_schema_row (i);

      if (other != row && other->group == row->group && row_drawn (other, format))
        return FALSE;
    }
  return TRUE;
}

/* 三: the balance note in the corner, 申请人情况 over the columns (法人或其他组织
 * over five of them), the result rows under merged group cells
 * (三、本年度办理结果 → （三）不予公开 → 1.属于国家秘密). */
static void
build_applications (GxFormTable *table)
{
  const GxSchemaSection *s = gx_schema_section (GX_SECTION_APPLICATIONS);
  guint n_values;
  const GxSchemaColumn *columns = gx_schema_application_columns (&n_values);
  guint n_levels = 0;
  guint first = 3;
  guint n_body = 0;
  int (*levels)[MAX_LEVELS];
  guint r;

  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      int chain[MAX_LEVELS];
      const GxSchemaRow *row = gx_schema_row (i);

      if (row_drawn (row, table->format))
        {
          int group = stands_for_group (row, table->format)
                      ? gx_schema_group ((guint) row->group)->parent : row->group;

          n_levels = MAX (n_levels, group_chain (group, chain));
          n_body++;
        }
    }
  n_levels = MIN (n_levels, MAX_LEVELS - 1);

  table->n_cols = n_levels + 1 + n_values;
  table->n_head_rows = first;
  table->widths = g_new0 (double, table->n_cols);
  {
    /* the label area 42 %: the merged columns narrow, the row labels wide */
    static const double level_widths[] = { 0.05, 0.10, 0.10, 0.10 };
    double used = 0;

    for (guint k = 0; k < n_levels; k++)
      used += table->widths[k] = level_widths[k];
    table->widths[n_levels] = 0.42 - used;
    for (guint c = 0; c < n_values; c++)
      table->widths[n_levels + 1 + c] = 0.58 / n_values;
  }

  add_cell (table, GX_LAYOUT_HEAD, 0, 3, 0, n_levels + 1, APPLICATIONS_NOTE);
  add_cell (table, GX_LAYOUT_HEAD, 0, 1, n_levels + 1, n_values, APPLICANTS_HEAD);
  for (guint c = 0; c < n_values; c++)
    {
      guint col = n_levels + 1 + c;

      if (columns[c].group_zh == NULL)
        {
          add_cell (table, GX_LAYOUT_HEAD, 1, 2, col, 1, columns[c].label_zh);
          continue;
        }
      if (c == 0 || g_strcmp0 (columns[c - 1].group_zh, columns[c].group_zh) != 0)
        {
          guint run = 1;

          while (c + run < n_values && g_strcmp0 (columns[c + run].group_zh, columns[c].group_zh) == 0)
            run++;
          add_cell (table, GX_LAYOUT_HEAD, 1, 1, col, run, columns[c].group_zh);
        }
      add_cell (table, GX_LAYOUT_HEAD, 2, 1, col, 1, columns[c].label_zh);
    }

  /* the group of every body row at every level, to merge runs */
  levels = g_malloc_n (MAX (n_body, 1), sizeof *levels);
  r = 0;
  for (guint i = s->first_row; i < s->first_row + s->n_rows; i++)
    {
      const GxSchemaRow *row = gx_schema_row (i);
      g_autofree char *label = NULL;
      int chain[MAX_LEVELS];
      guint depth;
      int group = row->group;

      if (!row_drawn (row, table->format))
        continue;   /* a row of the other national form */
      if (stands_for_group (row, table->format))
        {
          label = group_label (row->group);
          group = gx_schema_group ((guint) row->group)->parent;
        }
      else
        label = row_label (row);
      depth = MIN (group_chain (group, chain), n_levels);
      for (guint k = 0; k < MAX_LEVELS; k++)
        levels[r][k] = k < depth ? chain[k] : -1;

      add_cell (table, GX_LAYOUT_LABEL, first + r, 1, depth, n_levels + 1 - depth, label)->schema_row =
        (int) row->index;
      for (guint c = 0; c < row->n_columns; c++)
        add_value (table, first + r, n_levels + 1 + c, 1, row->first_cell + c);
      r++;
    }

  /* a merged cell for each run of rows in the same group at a level; the
   * rows of a sub-group (（三）不予公开 and its eight reasons) are kept on
   * one page */
  table->keep_with_next = g_new0 (guint8, table->n_rows);
  for (guint k = 0; k < n_levels; k++)
    for (guint a = 0; a < n_body;)
      {
        guint b = a + 1;

        if (levels[a][k] < 0)
          {
            a++;
            continue;
          }
        while (b < n_body && levels[b][k] == levels[a][k] &&
               (k == 0 || levels[b][k - 1] == levels[a][k - 1]))
          b++;
        {
          g_autofree char *label = group_label (levels[a][k]);

          add_cell (table, GX_LAYOUT_LABEL, first + a, b - a, k, 1, label)->group = levels[a][k];
        }
        if (k > 0)
          for (guint r = a; r + 1 < b; r++)
            table->keep_with_next[first + r] = TRUE;
        a = b;
      }
  g_free (levels);
}

/* 四: 行政复议 over its five fields, 行政诉讼 over 未经复议直接起诉 and
 * 复议后起诉 with five each; one row of values. */
static void
build_review (GxFormTable *table)
{
  const GxSchemaSection *s = gx_schema_section (GX_SECTION_REVIEW_LITIGATION);
  guint n_fields;
  const GxSchemaColumn *fields = gx_schema_review_fields (&n_fields);

  table->n_cols = s->n_rows * n_fields;
  table->n_head_rows = 3;
  table->widths = g_new0 (double, table->n_cols);
  for (guint c = 0; c < table->n_cols; c++)
    table->widths[c] = 1.0 / table->n_cols;

  for (guint i = 0; i < s->n_rows; i++)
    {
      const GxSchemaRow *row = gx_schema_row (s->first_row + i);
      guint col = i * n_fields;
      /* a row without a group names itself in the top row, its fields
       * take the two rows under it */
      guint field_row = row->group < 0 ? 1 : 2;

      if (row->group < 0)
        add_cell (table, GX_LAYOUT_HEAD, 0, 1, col, n_fields, row->label_zh)->schema_row = (int) row->index;
      else
        {
          if (i == 0 || gx_schema_row (s->first_row + i - 1)->group != row->group)
            {
              guint run = 1;

              while (i + run < s->n_rows && gx_schema_row (s->first_row + i + run)->group == row->group)
                run++;
              add_cell (table, GX_LAYOUT_HEAD, 0, 1, col, run * n_fields,
                        gx_schema_group ((guint) row->group)->label_zh)->group = row->group;
            }
          add_cell (table, GX_LAYOUT_HEAD, 1, 1, col, n_fields, row->label_zh)->schema_row = (int) row->index;
        }
      for (guint f = 0; f < n_fields; f++)
        {
          int c = gx_schema_row_column_index (row, fields[f].key);

          add_cell (table, GX_LAYOUT_HEAD, field_row, 3 - field_row, col + f, 1, fields[f].label_zh);
          if (c >= 0)
            add_value (table, 3, col + f, 1, row->first_cell + (guint) c);
          else
            add_cell (table, GX_LAYOUT_LABEL, 3, 1, col + f, 1, "");
        }
    }
  table->keep_with_next = g_new0 (guint8, table->n_rows);
}

static int
compare_cells (gconstpointer a,
               gconstpointer b)
{
  const GxLayoutCell *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return x->col < y->col ? -1 : x->col > y->col;
}

GxFormTable *
gx_form_table_new (GxSection section,
                   GxFormat  format)
{
  GxFormTable *table;

  g_return_val_if_fail (section < GX_N_SECTIONS, NULL);

  table = g_new0 (GxFormTable, 1);
  table->section = section;
  table->format = format == GX_FORMAT_2019 ? GX_FORMAT_2019 : GX_FORMAT_2021;
  table->cells = g_array_new (FALSE, TRUE, sizeof (GxLayoutCell));
  g_array_set_clear_func (table->cells, layout_cell_clear);

  switch (section)
    {
    case GX_SECTION_DISCLOSURE:
      build_disclosure (table);
      break;
    case GX_SECTION_APPLICATIONS:
      build_applications (table);
      break;
    case GX_SECTION_REVIEW_LITIGATION:
    default:
      build_review (table);
      break;
    }
  g_array_sort (table->cells, compare_cells);
  return table;
}

void
gx_form_table_free (GxFormTable *table)
{
  if (table == NULL)
    return;
  g_array_unref (table->cells);
  g_free (table->widths);
  g_free (table->keep_with_next);
  g_free (table);
}

const GxLayoutCell *
gx_form_table_cell_at (GxFormTable *table,
                       guint        row,
                       guint        col,
                       gboolean    *origin)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (origin)
    *origin = FALSE;
  if (row >= table->n_rows || col >= table->n_cols)
    return NULL;
  /* a few hundred cells at most: a scan is as fast as a map */
  for (guint i = 0; i < table->cells->len; i++)
    {
      const GxLayoutCell *c = &g_array_index (table->cells, GxLayoutCell, i);

      if (c->row > row)
        break;
      if (row < c->row + c->rowspan && col >= c->col && col < c->col + c->colspan)
        {
          if (origin)
            *origin = c->row == row && c->col == col;
          return c;
        }
    }
  return NULL;
}
