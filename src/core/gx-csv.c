/* gx-csv.c: CSV export for spreadsheets (Excel, WPS)
 *
 * Values: a blank cell is an empty field, a number is written in its exact
 * decimal form (19656.3836), the raw text of an invalid cell as is.  Text
 * that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a carriage return) gets a leading apostrophe, except numbers.
 */
#include "gx-config.h"

#include <string.h>

#include "gx-csv.h"

#define N_META 3

/* The order of the cell columns: the cells of the 2021 form first, in the
 * order of the template, then those only the 2019 form has, so that the
 * columns of today's reports keep their places. */
static guint
cell_at (guint position)
{
  static guint *order;

  if (g_once_init_enter (&order))
    {
      guint *o = g_new (guint, gx_schema_n_cells ());
      guint n = 0;

      for (guint pass = 0; pass < 2; pass++)
        for (guint c = 0; c < gx_schema_n_cells (); c++)
          if (gx_schema_cell_in_format (c, GX_FORMAT_2021) == (pass == 0))
            o[n++] = c;
      g_once_init_leave (&order, o);
    }
  return order[position];
}

guint
gx_csv_n_columns (void)
{
  return N_META + gx_schema_n_cells ();
}

int
gx_csv_column_cell (guint column)
{
  g_return_val_if_fail (column < gx_csv_n_columns (), -1);
  return column < N_META ? -1 : (int) cell_at (column - N_META);
}

/* "规章·本年制发件数", "（三）不予公开·1.属于国家秘密·法人或其他组织·商业企业",
 * "行政诉讼·复议后起诉·总计": the row as the official table numbers it, which
 * is unique without the section. */
static char *
chinese_cell_name (const GxSchemaCell *cell)
{
  const GxSchemaSection *section = gx_schema_section (cell->section);
  const GxSchemaRow *row = cell->row;
  GString *s = g_string_new (NULL);

  if (row->group >= 0)
    {
      const GxSchemaGroup *group = gx_schema_group ((guint) row->group);

      /* the sub-groups of 本年度办理结果: 不予公开, 无法提供 … */
      if (group->parent >= 0)
        g_string_append_printf (s, "%s%s·", group->prefix_zh, group->label_zh);
      else if (section->id == GX_SECTION_REVIEW_LITIGATION)
        g_string_append_printf (s, "%s·", group->label_zh);
    }
  g_string_append_printf (s, "%s%s", row->prefix_zh, row->label_zh);
  if (cell->column->group_zh)
    g_string_append_printf (s, "·%s", cell->column->group_zh);
  g_string_append_printf (s, "·%s", cell->column->label_zh);
  return g_string_free (s, FALSE);
}

char *
gx_csv_column_name (guint       column,
                    GxCsvHeader header)
{
  static const char *meta_keys[N_META] = { "issuer", "year", "source" };
  static const char *meta_zh[N_META] = { "发布机关", "年度", "来源文件" };

  g_return_val_if_fail (column < gx_csv_n_columns (), NULL);

  if (column < N_META)
    return g_strdup (header == GX_CSV_HEADER_CHINESE ? meta_zh[column] : meta_keys[column]);
  if (header == GX_CSV_HEADER_CHINESE)
    return chinese_cell_name (gx_schema_cell (cell_at (column - N_META)));
  return g_strdup (gx_schema_cell (cell_at (column - N_META))->path);
}

static void
append_field (GString    *out,
              const char *text,
              gboolean    is_number)
{
  gboolean quote;

  if (text == NULL || *text == '\0')
    return;

  quote = strpbrk (text, ",\"\r\n") != NULL || text[0] == ' ' ||
          text[strlen (text) - 1] == ' ';
  if (quote)
    g_string_append_c (out, '"');
  if (!is_number && strchr ("=+-@\t\r", text[0]) != NULL)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
append_text_field (GString    *out,
                   const char *text)
{
  g_autofree char *valid = NULL;

  if (text && !g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  append_field (out, text, FALSE);
}

char *
gx_csv_write_reports (GPtrArray   *reports,
                      GxCsvHeader  header,
                      gsize       *length)
{
  guint n_columns = gx_csv_n_columns ();
  guint n_cells = gx_schema_n_cells ();
  GString *out;

  g_return_val_if_fail (reports != NULL, NULL);

  out = g_string_sized_new (2048 + reports->len * 1024);
  g_string_append (out, "\xEF\xBB\xBF");

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *name = gx_csv_column_name (c, header);

      if (c > 0)
        g_string_append_c (out, ',');
      append_text_field (out, name);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);

      append_text_field (out, gx_report_get_issuer (report));
      g_string_append_c (out, ',');
      if (gx_report_get_year (report) > 0)
        g_string_append_printf (out, "%d", gx_report_get_year (report));
      g_string_append_c (out, ',');
      append_text_field (out, gx_report_get_source (report));

      for (guint position = 0; position < n_cells; position++)
        {
          guint cell = cell_at (position);
          gint64 value;

          g_string_append_c (out, ',');
          switch (gx_report_get_cell (report, cell, &value))
            {
            case GX_CELL_VALUE:
              {
                g_autofree char *text = gx_value_format (value);
                append_field (out, text, TRUE);
              }
              break;
            case GX_CELL_INVALID:
              append_text_field (out, gx_report_get_raw (report, cell));
              break;
            case GX_CELL_BLANK:
            default:
              break;
            }
        }
      g_string_append (out, "\r\n");
    }

  if (length)
    *length = out->len;
  return g_string_free (out, FALSE);
}
