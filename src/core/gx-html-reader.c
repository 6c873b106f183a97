/* gx-html-reader.c: web pages, and the flow shared by the marked-up readers
 *
 * The flow (GxFlow) collects prose lines and table grids in reading order.
 * Tables: a <table> that holds another table is page layout, and its cells
 * are read as running text; any other table becomes a grid, its merged
 * cells expanded (a label spanning columns is repeated in each, so that the
 * values that follow it line up; a value is kept in its first column only,
 * the others it covers being span cells, which a row with more cells than
 * its template row has columns drops: gx_doc_row_add_span()).
 *
 * Finding the report on a page: links alone on a line are navigation and
 * are dropped; the report starts at the last title ("XX2022年政府信息公开
 * 工作年度报告") before its first section heading and ends at the date
 * under its signature, when it has one.  Footers and sidebars fall outside.
 *
 * HTML is parsed by libxml2 without network access, errors or warnings;
 * the walk over the tree is capped in depth, table nesting and cells.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "gx-html-reader.h"
#include "gx-reader.h"
#include "gx-schema.h"
#include "gx-sections.h"
#include "gx-text.h"

/* The flow ------------------------------------------------------------------ */

typedef struct
{
  char *text;
  guint line;
  gboolean span;      /* a position a value's colspan covers beyond its first */
} FlowCell;

struct _GxFlowRow
{
  guint line;
  gboolean collapsed;
  GArray *cells;      /* FlowCell */
};

typedef struct
{
  char *text;         /* a prose line, or NULL for a row */
  guint line;
  gboolean is_link;
  GxFlowRow *row;
} FlowItem;

struct _GxFlow
{
  char *source_name;
  char *page_title;   /* a web page's own title (<title>), or NULL */
  GArray *items;      /* FlowItem */
  guint n_cells;
  gboolean too_many_cells;
};

typedef enum {
  GRID_UNSET,
  GRID_CELL,          /* a cell, or a column its colspan covers */
  GRID_COVERED,       /* a position a rowspan (w:vMerge) covers: empty */
} GridState;

typedef struct
{
  char *text;         /* GRID_CELL only */
  guint line;
  guint8 state;
  gboolean origin;    /* the cell itself, not a position its span covers */
} GridCell;

struct _GxGrid
{
  GxFlow *flow;
  GPtrArray *rows;    /* GArray of GridCell */
  GArray *row_lines;  /* guint */
  guint pending[GX_READER_MAX_COLUMNS];   /* rows a rowspan still covers */
};

static void
flow_cell_clear (gpointer data)
{
  FlowCell *cell = data;

  g_free (cell->text);
}

static void
flow_item_clear (gpointer data)
{
  FlowItem *item = data;

  g_free (item->text);
  if (item->row)
    {
      g_array_unref (item->row->cells);
      g_free (item->row);
    }
}

GxFlow *
gx_flow_new (const char *source_name)
{
  GxFlow *flow = g_new0 (GxFlow, 1);

  flow->source_name = g_strdup (source_name ? source_name : "?");
  flow->items = g_array_new (FALSE, TRUE, sizeof (FlowItem));
  g_array_set_clear_func (flow->items, flow_item_clear);
  return flow;
}

void
gx_flow_free (GxFlow *flow)
{
  if (flow == NULL)
    return;
  g_array_unref (flow->items);
  g_free (flow->source_name);
  g_free (flow->page_title);
  g_free (flow);
}

const char *
gx_flow_get_source_name (GxFlow *flow)
{
  return flow->source_name;
}

static gboolean
is_space_char (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0x00A0 || c == 0x200B || c == 0xFEFF;
}

char *
gx_flow_clean_text (const char *text,
                    gssize      len)
{
  const char *end = text + (len < 0 ? (gssize) strlen (text) : len);
  GString *s = g_string_sized_new (end - text);
  gboolean space = FALSE;

  for (const char *p = text; p < end && *p; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        c = (guchar) *p++;
      else
        {
          c = g_utf8_get_char_validated (p, end - p);
          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              p++;   /* not UTF-8: drop the byte */
              continue;
            }
          p = g_utf8_next_char (p);
        }

      if (is_space_char (c))
        {
          space = TRUE;
          continue;
        }
      if (space && s->len > 0)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_unichar (s, c);
    }

  /* an ideographic space at either end is indentation */
  while (g_str_has_prefix (s->str, "\u3000") || s->str[0] == ' ')
    g_string_erase (s, 0, s->str[0] == ' ' ? 1 : 3);
  while (s->len > 0 && (s->str[s->len - 1] == ' ' || g_str_has_suffix (s->str, "\u3000")))
    g_string_truncate (s, s->len - (s->str[s->len - 1] == ' ' ? 1 : 3));
  return g_string_free (s, FALSE);
}

void
gx_flow_add_line (GxFlow     *flow,
                  const char *text,
                  guint       line,
                  gboolean    is_link)
{
  FlowItem item = { gx_flow_clean_text (text, -1), line, is_link, NULL };

  if (item.text[0] == '\0')
    {
      g_free (item.text);
      return;
    }
  g_array_append_val (flow->items, item);
}

GxFlowRow *
gx_flow_add_row (GxFlow   *flow,
                 guint     line,
                 gboolean  collapsed)
{
  FlowItem item = { NULL, line, FALSE, g_new0 (GxFlowRow, 1) };

  item.row->line = line;
  item.row->collapsed = collapsed;
  item.row->cells = g_array_new (FALSE, FALSE, sizeof (FlowCell));
  g_array_set_clear_func (item.row->cells, flow_cell_clear);
  g_array_append_val (flow->items, item);
  return item.row;
}

void
gx_flow_row_add_cell (GxFlowRow  *row,
                      const char *text,
                      guint       line)
{
  FlowCell cell = { g_strdup (text), line, FALSE };

  g_array_append_val (row->cells, cell);
}

static void
flow_row_add_span (GxFlowRow *row,
                   guint      line)
{
  FlowCell cell = { g_strdup (""), line, TRUE };

  g_array_append_val (row->cells, cell);
}

/* Tables ---------------------------------------------------------------------- */

/* A number, or a mark the form uses for "nothing": a value, not a label. */
static gboolean
is_value_like (const char *text)
{
  static const char *const markers[] = { "", "/", "／", "-", "－", "—", "——", "无", "\\" };

  static const char *const units[] = { "万元", "元", "件", "个", "项" };
  const char *p = text;
  gsize len;
  gboolean digit = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strcmp (text, markers[i]) == 0)
      return TRUE;
  if (gx_value_parse (text, NULL))
    return TRUE;

  /* a number the value parser does not take as it stands, but a value all
   * the same: more decimals than the form keeps (5949.088667), or a unit
   * (1690.9913万元, 19件).  A merged value cell is one value. */
  len = strlen (text);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_has_suffix (text, units[i]))
      {
        len -= strlen (units[i]);
        break;
      }
  if (*p == '-' || *p == '+')
    p++;
  for (; p < text + len; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != '.' && *p != ',' && *p != ' ')
        return FALSE;
    }
  return digit;
}

static void
grid_cell_clear (gpointer data)
{
  GridCell *cell = data;

  g_free (cell->text);
}

GxGrid *
gx_flow_begin_table (GxFlow *flow)
{
  GxGrid *grid = g_new0 (GxGrid, 1);

  grid->flow = flow;
  grid->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  grid->row_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  return grid;
}

static GArray *
grid_current_row (GxGrid *grid)
{
  if (grid->rows->len == 0)
    gx_grid_begin_row (grid, 0);
  return g_ptr_array_index (grid->rows, grid->rows->len - 1);
}

/* Counts a position; FALSE once the cap is reached (nothing more is kept). */
static gboolean
grid_count (GxGrid *grid)
{
  if (grid->flow->too_many_cells)
    return FALSE;
  if (++grid->flow->n_cells > GX_READER_MAX_CELLS)
    {
      grid->flow->too_many_cells = TRUE;
      return FALSE;
    }
  return TRUE;
}

static GridCell *
grid_cell_at (GArray *row,
              guint   column)
{
  if (row->len <= column)
    g_array_set_size (row, column + 1);
  return &g_array_index (row, GridCell, column);
}

void
gx_grid_begin_row (GxGrid *grid,
                   guint   line)
{
  GArray *row;

  if (grid->flow->too_many_cells)
    return;
  row = g_array_new (FALSE, TRUE, sizeof (GridCell));

  g_array_set_clear_func (row, grid_cell_clear);
  g_ptr_array_add (grid->rows, row);
  g_array_append_val (grid->row_lines, line);

  /* the positions covered by a rowspan from above */
  for (guint c = 0; c < GX_READER_MAX_COLUMNS; c++)
    if (grid->pending[c] > 0)
      {
        grid->pending[c]--;
        if (grid_count (grid))
          {
            GridCell *cell = grid_cell_at (row, c);

            cell->state = GRID_COVERED;
            cell->line = line;
          }
      }
}

static guint
grid_next_free (GArray *row)
{
  guint c = 0;

  while (c < row->len && g_array_index (row, GridCell, c).state != GRID_UNSET)
    c++;
  return c;
}

void
gx_grid_add_cell (GxGrid     *grid,
                  const char *text,
                  guint       line,
                  guint       colspan,
                  guint       rowspan)
{
  GArray *row;
  g_autofree char *clean = NULL;
  gboolean repeat;
  guint start;

  if (grid->flow->too_many_cells)
    return;
  row = grid_current_row (grid);
  clean = gx_flow_clean_text (text, -1);
  repeat = !is_value_like (clean);
  start = grid_next_free (row);

  colspan = CLAMP (colspan, 1, GX_READER_MAX_COLUMNS);
  rowspan = MAX (rowspan, 1);

  for (guint c = start; c < start + colspan && c < GX_READER_MAX_COLUMNS; c++)
    {
      GridCell *cell = grid_cell_at (row, c);

      if (cell->state != GRID_UNSET || !grid_count (grid))
        break;   /* overlapping spans: the earlier cell keeps the position */
      cell->state = GRID_CELL;
      cell->text = g_strdup (c == start || repeat ? clean : "");
      cell->line = line;
      cell->origin = c == start;
      grid->pending[c] = MIN (rowspan - 1, G_MAXUINT16);
    }
}

void
gx_grid_add_covered (GxGrid *grid,
                     guint   n)
{
  GArray *row;
  guint start;

  if (grid->flow->too_many_cells)
    return;
  row = grid_current_row (grid);
  start = grid_next_free (row);

  for (guint c = start; c < start + n && c < GX_READER_MAX_COLUMNS; c++)
    {
      GridCell *cell;

      if (!grid_count (grid))
        break;
      cell = grid_cell_at (row, c);
      cell->state = GRID_COVERED;
      cell->line = g_array_index (grid->row_lines, guint, grid->row_lines->len - 1);
    }
}

void
gx_flow_end_table (GxFlow *flow,
                   GxGrid *grid)
{
  for (guint r = 0; r < grid->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (grid->rows, r);
      guint line = g_array_index (grid->row_lines, guint, r);
      guint n_origins = 0, n_text = 0;
      const char *only = NULL;
      GxFlowRow *out;

      for (guint c = 0; c < row->len; c++)
        {
          GridCell *cell = &g_array_index (row, GridCell, c);

          if (cell->origin)
            {
              n_origins++;
              only = cell->text;
            }
          if (cell->text && cell->text[0])
            n_text++;
        }
      if (n_text == 0)
        continue;
      if (n_origins == 1 && only && only[0])
        {
          /* one cell across the table: a heading or a line of text */
          gx_flow_add_line (flow, only, line, FALSE);
          continue;
        }

      out = gx_flow_add_row (flow, line, FALSE);
      for (guint c = 0; c < row->len; c++)
        {
          GridCell *cell = &g_array_index (row, GridCell, c);

          if (cell->state == GRID_CELL && !cell->origin && cell->text && cell->text[0] == '\0')
            flow_row_add_span (out, cell->line);
          else
            gx_flow_row_add_cell (out, cell->text ? cell->text : "", cell->state != GRID_UNSET ? cell->line : line);
        }
    }

  g_ptr_array_unref (grid->rows);
  g_array_unref (grid->row_lines);
  g_free (grid);
}

gboolean
gx_flow_check_limits (GxFlow  *flow,
                      GError **error)
{
  if (flow->too_many_cells)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                   _("%s: the tables hold more than %u cells (a report has a few hundred)"),
                   flow->source_name, GX_READER_MAX_CELLS);
      return FALSE;
    }
  return TRUE;
}

/* Finding the report in the flow --------------------------------------------- */

typedef enum {
  FLOW_NONE,
  FLOW_SECTION,   /* 一、总体情况 … 四、行政复议、行政诉讼情况 */
  FLOW_END,       /* 五、存在的主要问题及改进情况, 六、其他需要报告的事项 */
} FlowHeading;

static FlowHeading
flow_heading (const char *text)
{
  g_autofree char *key = NULL;
  glong n;

  if (strlen (text) > 240)
    return FLOW_NONE;
  key = gx_text_label_key (text, NULL);
  n = g_utf8_strlen (key, -1);
  if (n == 0 || n > 40)
    return FLOW_NONE;
  if ((g_str_has_suffix (key, "总体情况") && n <= 12) ||
      strstr (key, "主动公开政府信息情况") != NULL ||
      strstr (key, "收到和处理政府信息公开申请情况") != NULL ||
      (strstr (key, "行政复议") != NULL && strstr (key, "行政诉讼") != NULL && strstr (key, "情况") != NULL))
    return FLOW_SECTION;
  if (gx_sections_key_follows_tables (key))
    return FLOW_END;
  return FLOW_NONE;
}

static GRegex *
title_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("(?:19|20)\\d\\d\\s*年\\s*度?.{0,16}?政府信息公开",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static GRegex *
date_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^\\s*(?:19|20)\\d\\d\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

static gboolean
is_title_line (const char *text)
{
  g_autofree char *folded = NULL;

  if (g_utf8_strlen (text, 256) > 60)
    return FALSE;
  folded = gx_text_fold_width (text);
  return g_regex_match (title_regex (), folded, 0, NULL);
}

/* A line that is a title and nothing else: an issuer (no punctuation of a
 * sentence), the year, 政府信息公开, then at most the rest of
 * 工作年度报告 (the title may go on in the next line).  Preferred to a
 * sentence of the preamble that names the report. */
static gboolean
is_title_alone (const char *text)
{
  static GRegex *regex;
  g_autofree char *folded = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^\\s*[^，。、；：《》“”（）,.;:()\\s]{0,40}\\s*(?:19|20)\\d\\d\\s*年\\s*度?\\s*政府信息公开"
                                            "\\s*(?:工\\s*作?)?\\s*(?:年\\s*度?)?\\s*(?:报\\s*告?)?\\s*$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  if (g_utf8_strlen (text, 256) > 60)
    return FALSE;
  folded = gx_text_fold_width (text);
  return g_regex_match (regex, folded, 0, NULL);
}

static gboolean
is_title_sentence (const char *text)
{
  g_autofree char *folded = gx_text_fold_width (text);

  return strstr (folded, "报告") != NULL && g_regex_match (title_regex (), folded, 0, NULL);
}

static gboolean
is_date_line (const char *text)
{
  g_autofree char *folded = NULL;

  if (strlen (text) > 64)
    return FALSE;
  folded = gx_text_fold_width (text);
  return g_regex_match (date_regex (), folded, 0, NULL);
}

GxDocument *
gx_flow_to_document (GxFlow  *flow,
                     GError **error)
{
  g_autoptr(GxDocument) doc = NULL;
  g_autoptr(GArray) keep = g_array_new (FALSE, FALSE, sizeof (guint));
  guint start = 0, end, first_heading = G_MAXUINT, last_end = G_MAXUINT;
  const char *page_title = NULL;

  if (!gx_flow_check_limits (flow, error))
    return NULL;

  /* navigation (links alone on a line) is never part of a report */
  for (guint i = 0; i < flow->items->len; i++)
    if (!g_array_index (flow->items, FlowItem, i).is_link)
      g_array_append_val (keep, i);

#define ITEM(k) (&g_array_index (flow->items, FlowItem, g_array_index (keep, guint, (k))))

  end = keep->len;
  for (guint k = 0; k < keep->len; k++)
    {
      FlowItem *item = ITEM (k);
      FlowHeading heading;

      if (item->text == NULL)
        continue;
      heading = flow_heading (item->text);
      if (heading == FLOW_SECTION && first_heading == G_MAXUINT)
        first_heading = k;
      else if (heading == FLOW_END && first_heading != G_MAXUINT)
        last_end = k;
    }

  if (first_heading != G_MAXUINT)
    {
      guint title = G_MAXUINT, sentence = G_MAXUINT;

      /* a document that opens with its title (a PDF, its text); else the
       * title nearest the first section (a web page opens with the site) */
      for (guint k = 0; k < MIN (first_heading, 3) && title == G_MAXUINT; k++)
        if (ITEM (k)->text != NULL && is_title_alone (ITEM (k)->text))
          title = k;
      for (guint k = first_heading; k > 0 && title == G_MAXUINT; k--)
        {
          FlowItem *item = ITEM (k - 1);

          if (item->text != NULL && is_title_alone (item->text))
            title = k - 1;
        }
      for (guint k = first_heading; k > 0 && title == G_MAXUINT; k--)
        {
          FlowItem *item = ITEM (k - 1);

          if (item->text != NULL && is_title_line (item->text))
            {
              title = k - 1;
              break;
            }
        }
      if (title == G_MAXUINT)
        for (guint k = 0; k < first_heading; k++)
          {
            FlowItem *item = ITEM (k);

            if (item->text != NULL && is_title_sentence (item->text))
              {
                sentence = k;
                break;
              }
          }

      if (title == G_MAXUINT && sentence == G_MAXUINT && flow->page_title != NULL &&
          is_title_line (flow->page_title))
        page_title = flow->page_title;
      if (title != G_MAXUINT)
        {
          g_autofree char *folded = gx_text_fold_width (ITEM (title)->text);

          start = title;
          /* "北京市平谷区人民政府" above "2022年政府信息公开工作年度报告" */
          if (g_ascii_isdigit (folded[0]) && title > 0 && ITEM (title - 1)->text != NULL &&
              g_utf8_strlen (ITEM (title - 1)->text, 64) <= 30)
            start = title - 1;
        }
      else if (sentence != G_MAXUINT)
        start = sentence;
      else
        start = first_heading;
    }

  if (last_end != G_MAXUINT)
    for (guint k = keep->len; k > last_end; k--)
      {
        FlowItem *item = ITEM (k - 1);

        if (item->text != NULL && is_date_line (item->text))
          {
            end = k;
            break;
          }
      }

  doc = gx_document_new (flow->source_name);
  /* the text has no title of its own (the page shows it in the browser's
   * title bar only): the page's title stands first, as the title */
  if (page_title != NULL)
    gx_document_add_line (doc, page_title, 0);
  for (guint k = start; k < end; k++)
    {
      FlowItem *item = ITEM (k);

      if (item->text != NULL)
        gx_document_add_line (doc, item->text, item->line);
      else
        {
          GxDocRow *row = gx_document_add_row (doc, item->line, item->row->collapsed);

          for (guint c = 0; c < item->row->cells->len; c++)
            {
              FlowCell *cell = &g_array_index (item->row->cells, FlowCell, c);

              if (cell->span)
                gx_doc_row_add_span (row, cell->line);
              else
                gx_doc_row_add_cell (row, cell->text, cell->line);
            }
        }
    }
#undef ITEM
  return g_steal_pointer (&doc);
}

/* HTML -------------------------------------------------------------------------- */

gboolean
gx_html_reader_sniff (const char *text,
                      gsize       len)
{
  static const char *const tags[] = { "<!doctype html", "<html", "<table", "<body", "<head", "<meta", "<div", "<p" };
  gsize limit = MIN (len, 4096);
  const char *lt;

  for (gsize i = 0; i < limit; i = (gsize) (lt - text) + 1)
    {
      if ((lt = memchr (text + i, '<', limit - i)) == NULL)
        break;
      i = (gsize) (lt - text);
      for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
        {
          gsize n = strlen (tags[t]);

          if (i + n <= len && g_ascii_strncasecmp (text + i, tags[t], n) == 0 &&
              (i + n == len || !g_ascii_isalnum (text[i + n])))
            return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  GxFlow *flow;
  GString *line;          /* the prose line being gathered */
  guint line_no;
  gsize link_bytes;       /* of the line, inside <a href> */
  gsize text_bytes;       /* of the line, outside links */
  guint table_depth;
  char *attachment;       /* the first link to a report's file, or NULL */
  GError *error;
} HtmlWalk;

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (const xmlNode     *node,
         const char *const *names)
{
  if (node->type != XML_ELEMENT_NODE || node->name == NULL)
    return FALSE;
  for (guint i = 0; names[i]; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The page's own title, in its <head>: <meta name="ArticleTitle"> (a
 * site's article pages give it), else <title>; NULL when none.  Used only
 * when the text shows no title (gx_flow_to_document()). */
static char *
page_title_of (xmlNode *root)
{
  g_autofree char *title = NULL;

  for (xmlNode *head = root ? root->children : NULL; head != NULL; head = head->next)
    {
      if (!name_is (head, "head"))
        continue;
      for (xmlNode *node = head->children; node != NULL; node = node->next)
        {
          if (name_is (node, "meta"))
            {
              g_autofree xmlChar *name = xmlGetProp (node, (const xmlChar *) "name");

              if (name != NULL && g_ascii_strcasecmp ((const char *) name, "ArticleTitle") == 0)
                {
                  g_autofree xmlChar *content = xmlGetProp (node, (const xmlChar *) "content");

                  if (content != NULL)
                    return gx_flow_clean_text ((const char *) content, -1);
                }
            }
          else if (name_is (node, "title") && title == NULL)
            {
              g_autofree xmlChar *content = xmlNodeGetContent (node);

              if (content != NULL)
                title = gx_flow_clean_text ((const char *) content, -1);
            }
        }
    }
  return g_steal_pointer (&title);
}

static const char *const skipped_elements[] = {
  "script", "style", "noscript", "head", "template", "title", "select", "textarea",
  "iframe", "object", "embed", "svg", "math", "button", NULL
};

static const char *const block_elements[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "legend", "li", "main", "menu",
  "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul", NULL
};

static guint
node_line (const xmlNode *node)
{
  long line = xmlGetLineNo ((xmlNode *) node);

  return line > 0 ? (guint) line : 0;
}

static void
walk_flush (HtmlWalk *w)
{
  if (w->line->len > 0)
    gx_flow_add_line (w->flow, w->line->str, w->line_no,
                      w->link_bytes > 0 && w->text_bytes == 0);
  g_string_truncate (w->line, 0);
  w->line_no = 0;
  w->link_bytes = w->text_bytes = 0;
}

static void
walk_set_depth_error (HtmlWalk *w)
{
  if (w->error == NULL)
    g_set_error (&w->error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                 _("%s: the page nests its elements more than %u deep"),
                 gx_flow_get_source_name (w->flow), GX_READER_MAX_DEPTH);
}

/* A link to a document file whose name or text says it is a report
 * ("…年度报告.doc", "年报.pdf"): what it shows, or its file name. */
static char *
report_file_link (const xmlNode *node)
{
  static const char *const extensions[] = { ".doc", ".docx", ".wps", ".pdf" };
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  const char *shown;
  char *query;
  gboolean file = FALSE;

  for (xmlAttr *a = node->properties; a && path == NULL; a = a->next)
    if (a->name && g_ascii_strcasecmp ((const char *) a->name, "href") == 0)
      {
        xmlChar *href = xmlNodeGetContent ((const xmlNode *) a);

        path = g_strdup (href ? (const char *) href : "");
        xmlFree (href);
      }
  if (path == NULL)
    return NULL;
  if ((query = strpbrk (path, "?#")) != NULL)
    *query = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    file |= strlen (path) > strlen (extensions[i]) &&
            g_ascii_strcasecmp (path + strlen (path) - strlen (extensions[i]), extensions[i]) == 0;
  if (!file)
    return NULL;
  {
    xmlChar *content = xmlNodeGetContent (node);

    text = gx_flow_clean_text ((const char *) content, -1);
    xmlFree (content);
  }
  shown = text[0] ? text : path;
  if (strstr (shown, "报告") == NULL && strstr (shown, "年报") == NULL &&
      strstr (path, "报告") == NULL && strstr (path, "年报") == NULL)
    return NULL;
  return g_strdup (shown);
}

static gboolean
has_href (const xmlNode *node)
{
  for (xmlAttr *a = node->properties; a; a = a->next)
    if (a->name && g_ascii_strcasecmp ((const char *) a->name, "href") == 0)
      return TRUE;
  return FALSE;
}

/* Does @node hold a table anywhere below it? */
static gboolean
contains_table (const xmlNode *node,
                guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    return FALSE;
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "table"))
        return TRUE;
      if (contains_table (child, depth + 1))
        return TRUE;
    }
  return FALSE;
}

/* All the text of a cell; paragraphs and line breaks become spaces. */
static void
gather_text (HtmlWalk      *w,
             const xmlNode *node,
             GString       *out,
             guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    {
      walk_set_depth_error (w);
      return;
    }
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content)
            g_string_append (out, (const char *) child->content);
        }
      else if (child->type == XML_ELEMENT_NODE && !name_in (child, skipped_elements))
        {
          gboolean block = name_is (child, "br") || name_in (child, block_elements);

          if (block)
            g_string_append_c (out, ' ');
          gather_text (w, child, out, depth + 1);
          if (block)
            g_string_append_c (out, ' ');
        }
    }
}

static guint
span_attribute (const xmlNode *node,
                const char    *name,
                guint          zero_means)
{
  g_autofree xmlChar *value = xmlGetProp ((xmlNode *) node, (const xmlChar *) name);
  gint64 n;

  if (value == NULL)
    return 1;
  n = g_ascii_strtoll ((const char *) value, NULL, 10);
  if (n == 0 && g_ascii_isdigit (value[0]))
    return zero_means;
  return (guint) CLAMP (n, 1, 65534);
}

static void
walk_rows (HtmlWalk      *w,
           const xmlNode *node,
           GxGrid        *grid,
           guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    {
      walk_set_depth_error (w);
      return;
    }
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (name_is (child, "tr"))
        {
          gx_grid_begin_row (grid, node_line (child));
          for (const xmlNode *td = child->children; td; td = td->next)
            if (name_is (td, "td") || name_is (td, "th"))
              {
                g_autoptr(GString) text = g_string_new (NULL);

                gather_text (w, td, text, depth + 2);
                gx_grid_add_cell (grid, text->str, node_line (td),
                                  span_attribute (td, "colspan", 1),
                                  span_attribute (td, "rowspan", 65534));
              }
        }
      else if (name_is (child, "thead") || name_is (child, "tbody") || name_is (child, "tfoot") ||
               name_is (child, "form"))
        walk_rows (w, child, grid, depth + 1);
    }
}

static void walk_node (HtmlWalk *w, const xmlNode *node, gboolean in_link, guint depth);

static void
walk_table (HtmlWalk      *w,
            const xmlNode *node,
            gboolean       in_link,
            guint          depth)
{
  GxGrid *grid;

  walk_flush (w);
  if (w->table_depth >= GX_READER_MAX_TABLE_DEPTH)
    {
      if (w->error == NULL)
        g_set_error (&w->error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                     _("%s: the page nests tables more than %u deep"),
                     gx_flow_get_source_name (w->flow), GX_READER_MAX_TABLE_DEPTH);
      return;
    }

  if (contains_table (node, depth))
    {
      /* page layout: its cells are running text */
      w->table_depth++;
      walk_node (w, node, in_link, depth);
      w->table_depth--;
      return;
    }

  for (const xmlNode *child = node->children; child; child = child->next)
    if (name_is (child, "caption"))
      {
        g_autoptr(GString) text = g_string_new (NULL);

        gather_text (w, child, text, depth + 1);
        gx_flow_add_line (w->flow, text->str, node_line (child), FALSE);
      }

  grid = gx_flow_begin_table (w->flow);
  walk_rows (w, node, grid, depth + 1);
  gx_flow_end_table (w->flow, grid);
}

static void
walk_node (HtmlWalk      *w,
           const xmlNode *node,
           gboolean       in_link,
           guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    {
      walk_set_depth_error (w);
      return;
    }

  for (const xmlNode *child = node->children; child && w->error == NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          const char *content = (const char *) child->content;
          gsize n;

          if (content == NULL)
            continue;
          n = strlen (content);
          if (w->line->len == 0)
            {
              /* leading white space does not start a line */
              gsize skip = 0;

              while (skip < n && g_ascii_isspace (content[skip]))
                skip++;
              if (skip == n)
                continue;
              w->line_no = node_line (child);
            }
          g_string_append_len (w->line, content, n);
          if (in_link)
            w->link_bytes += n;
          else
            {
              /* white space between links is not text of its own */
              for (gsize i = 0; i < n; i++)
                if (!g_ascii_isspace (content[i]))
                  {
                    w->text_bytes += n;
                    break;
                  }
            }
          continue;
        }
      if (child->type != XML_ELEMENT_NODE || name_in (child, skipped_elements))
        continue;

      if (name_is (child, "br"))
        {
          walk_flush (w);
          continue;
        }
      if (name_is (child, "table"))
        {
          walk_table (w, child, in_link, depth + 1);
          continue;
        }
      if (name_in (child, block_elements))
        {
          walk_flush (w);
          walk_node (w, child, in_link, depth + 1);
          walk_flush (w);
          continue;
        }
      if (w->attachment == NULL && name_is (child, "a"))
        w->attachment = report_file_link (child);
      walk_node (w, child, in_link || (name_is (child, "a") && has_href (child)), depth + 1);
    }
}

/* The charset a page declares in its first KBs, or NULL. */
static char *
declared_charset (const char *raw,
                  gsize       len)
{
  gsize limit = MIN (len, 4096);

  for (gsize i = 0; i + 8 < limit; i++)
    if (g_ascii_strncasecmp (raw + i, "charset=", 8) == 0)
      {
        gsize a = i + 8, b;

        while (a < limit && (raw[a] == '"' || raw[a] == '\'' || raw[a] == ' '))
          a++;
        b = a;
        while (b < limit && (g_ascii_isalnum (raw[b]) || raw[b] == '-' || raw[b] == '_'))
          b++;
        if (b > a)
          return g_ascii_strdown (raw + a, b - a);
      }
  return NULL;
}

GxDocument *
gx_html_reader_parse (const char *text,
                      gsize       len,
                      const char *raw,
                      gsize       raw_len,
                      const char *encoding,
                      const char *source_name,
                      GError    **error)
{
  g_autoptr(GxFlow) flow = gx_flow_new (source_name);
  g_autofree char *redecoded = NULL;
  g_autofree char *charset = NULL;
  htmlDocPtr html;
  xmlNode *root;
  HtmlWalk w = { 0, };

  /* gx_text_decode() falls back to GB18030 for what is not UTF-8; a page
   * that declares another charset (Big5, windows-1252…) is read in it. */
  if (raw != NULL && g_strcmp0 (encoding, "GB18030") == 0 &&
      (charset = declared_charset (raw, raw_len)) != NULL &&
      !g_str_has_prefix (charset, "gb") && strcmp (charset, "x-gbk") != 0 &&
      strcmp (charset, "cp936") != 0 && strcmp (charset, "utf-8") != 0 && strcmp (charset, "utf8") != 0)
    {
      gsize out_len = 0;

      redecoded = g_convert (raw, raw_len, "UTF-8", charset, NULL, &out_len, NULL);
      if (redecoded != NULL && memchr (redecoded, '\0', out_len) == NULL)
        {
          text = redecoded;
          len = out_len;
        }
    }

  if (len > G_MAXINT)
    len = G_MAXINT;

  xmlInitParser ();
  /* The text is UTF-8 whatever the page declares: the encoding given here
   * overrides a <meta charset>.  No network, no messages on stderr. */
  html = htmlReadMemory (text, (int) len, NULL, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_COMPACT);
  if (html == NULL || (root = xmlDocGetRootElement (html)) == NULL)
    {
      if (html)
        xmlFreeDoc (html);
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: the web page could not be read"), source_name);
      return NULL;
    }

  flow->page_title = page_title_of (root);
  w.flow = flow;
  w.line = g_string_new (NULL);
  walk_node (&w, (xmlNode *) html, FALSE, 0);
  walk_flush (&w);
  g_string_free (w.line, TRUE);
  xmlFreeDoc (html);

  if (w.error != NULL)
    {
      g_free (w.attachment);
      g_propagate_error (error, w.error);
      return NULL;
    }
  {
    GxDocument *doc = gx_flow_to_document (flow, error);

    if (doc != NULL && w.attachment != NULL)
      gx_document_set_attachment (doc, w.attachment);
    g_free (w.attachment);
    return doc;
  }
}
