/* gx-pdf-reader.c: PDF documents with a text layer (poppler-glib)
 *
 * A PDF has no tables, only characters at positions.  We rebuild:
 *
 *  - lines: characters whose vertical centres agree, in x order, cut into
 *    chunks where the gap is wider than half the line height (the padding
 *    between two table cells always is; the space between two words of
 *    prose is not);
 *  - the sections: by their headings.  Outside sections 二, 三 and 四 the
 *    lines are prose, joined into paragraphs when a line runs to the right
 *    margin and the next follows closely;
 *  - table rows: a line that carries values (or, in section 三, starts
 *    with the numbering of a row) anchors a row.  A label wrapped in its
 *    cell spreads over the lines around its anchor: the lines between two
 *    anchors are shared out so that both labels are labels of the
 *    template (top-aligned cells put them below, centred cells on both
 *    sides);
 *  - columns: a row with all its values puts them in order.  A row with
 *    fewer is placed by the x-positions of the columns, taken from a full
 *    row of the same table or from its header cells; when neither tells,
 *    only the order is kept and the assembler infers the columns, which
 *    the ambiguous_layout rule reports.
 *
 * A table continued on the next page simply goes on: repeated header rows
 * carry no values and page numbers in the margins are dropped.
 */
#include "gx-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "gx-html-reader.h"
#include "gx-pdf-reader.h"
#include "gx-reader.h"
#include "gx-schema.h"
#include "gx-text.h"

#define MAX_PAGES  1000
#define MAX_GLYPHS (1024 * 1024)   /* a report has some 20,000 characters */
#define MAX_WRAP   12   /* lines of a wrapped label on either side of its anchor */
#define MAX_SEARCHED_ANCHORS 400   /* a section has some 40 rows: beyond, labels are not searched */

typedef PopplerDocument GxPopplerDocument;
typedef PopplerPage GxPopplerPage;

typedef struct
{
  gunichar c;
  double x1, y1, x2, y2;
} Glyph;

typedef struct
{
  char *text;
  double x1, x2;
  gboolean value;     /* a number or a blank mark */
} Chunk;

typedef struct
{
  GArray *chunks;     /* Chunk */
  double y1, y2;      /* y grows downwards; pages are stacked */
  double xmax;
  double page_right;  /* rightmost text on the page */
  guint page;
  guint number;       /* running line number, 1-based */
} Line;

/* What a line opens: a section table, the prose after the tables */
typedef enum {
  HEADING_NONE = -2,
  REGION_PROSE = -1,      /* before the first section */
  REGION_END = GX_N_SECTIONS,
} Region;

/* Helpers ----------------------------------------------------------------------- */

static void
chunk_clear (gpointer data)
{
  g_free (((Chunk *) data)->text);
}

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_clear_pointer (&line->chunks, g_array_unref);
}

/* poppler-glib 22.x declares no autoptr cleanups of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPopplerPage, g_object_unref)

#define CHUNK(line, i) (&g_array_index ((line)->chunks, Chunk, (i)))

static gboolean
is_value_text (const char *text)
{
  static const char *const markers[] = { "/", "／", "-", "－", "—", "——", "无" };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strcmp (text, markers[i]) == 0)
      return TRUE;
  return gx_value_parse (text, NULL);
}

static char *
line_text (const Line *line)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < line->chunks->len; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, CHUNK (line, i)->text);
    }
  return g_string_free (s, FALSE);
}

static int
compare_glyph_y (gconstpointer a,
                 gconstpointer b)
{
  const Glyph *ga = a, *gb = b;
  double ya = (ga->y1 + ga->y2) / 2, yb = (gb->y1 + gb->y2) / 2;

  return ya < yb ? -1 : ya > yb ? 1 : (ga->x1 < gb->x1 ? -1 : ga->x1 > gb->x1);
}

static int
compare_glyph_x (gconstpointer a,
                 gconstpointer b)
{
  const Glyph *ga = a, *gb = b;

  return ga->x1 < gb->x1 ? -1 : ga->x1 > gb->x1;
}

/* "- 3 -", "3", "第3页", "3/12": a page number */
static gboolean
is_page_number (const char *text)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^[-—–\\s]*(第\\s*)?\\d{1,4}(\\s*页)?(\\s*/\\s*\\d{1,4}|\\s*共\\s*\\d{1,4}\\s*页)?[-—–\\s]*$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (regex, text, 0, NULL);
}

/* Lines of one page ---------------------------------------------------------------- */

static void
cut_line (GArray  *glyphs,
          guint    from,
          guint    to,
          double   page_top,
          GArray  *lines)
{
  Line line = { 0, };
  GString *text = g_string_new (NULL);
  double height = 0, chunk_x1 = 0, prev_x2 = 0;

  /* the glyphs of the line, left to right */
  qsort (&g_array_index (glyphs, Glyph, from), to - from, sizeof (Glyph), compare_glyph_x);

  line.chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  g_array_set_clear_func (line.chunks, chunk_clear);
  line.y1 = G_MAXDOUBLE;
  line.y2 = -G_MAXDOUBLE;
  for (guint i = from; i < to; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);

      line.y1 = MIN (line.y1, g->y1 + page_top);
      line.y2 = MAX (line.y2, g->y2 + page_top);
      height = MAX (height, g->y2 - g->y1);
    }

  for (guint i = from; i < to; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);

      if (text->len > 0 && g->x1 - prev_x2 > height * 0.5)
        {
          Chunk chunk = { g_strdup (text->str), chunk_x1, prev_x2, FALSE };

          chunk.value = is_value_text (chunk.text);
          g_array_append_val (line.chunks, chunk);
          g_string_truncate (text, 0);
        }
      if (text->len == 0)
        chunk_x1 = g->x1;
      g_string_append_unichar (text, g->c);
      prev_x2 = MAX (prev_x2, g->x2);
      if (text->len == 0)
        prev_x2 = g->x2;
    }
  if (text->len > 0)
    {
      Chunk chunk = { g_strdup (text->str), chunk_x1, prev_x2, FALSE };

      chunk.value = is_value_text (chunk.text);
      g_array_append_val (line.chunks, chunk);
    }
  g_string_free (text, TRUE);
  line.xmax = prev_x2;
  g_array_append_val (lines, line);
}

static void
page_lines (PopplerPage *page,
            guint        page_no,
            double       page_top,
            GArray      *lines,
            guint       *n_glyphs)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  guint n_rects = 0, i = 0, first_line = lines->len;
  double width, height, right = 0;
  guint start = 0;

  poppler_page_get_size (page, &width, &height);
  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return;

  for (const char *p = text; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      Glyph g = { c, rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2 };

      if (g_unichar_isspace (c) || c == 0x3000 || c == 0xA0 || g.y2 <= g.y1 ||
          !isfinite (g.x1) || !isfinite (g.y1) || !isfinite (g.x2) || !isfinite (g.y2))
        continue;
      if (++*n_glyphs > MAX_GLYPHS)
        return;
      g_array_append_val (glyphs, g);
    }
  if (glyphs->len == 0)
    return;

  /* lines: glyphs whose vertical centres lie within 40% of a line height */
  g_array_sort (glyphs, compare_glyph_y);
  for (guint k = 1; k <= glyphs->len; k++)
    {
      Glyph *a = &g_array_index (glyphs, Glyph, start);
      double yc_a = (a->y1 + a->y2) / 2, h = a->y2 - a->y1;

      if (k < glyphs->len)
        {
          Glyph *b = &g_array_index (glyphs, Glyph, k);
          double yc_b = (b->y1 + b->y2) / 2;

          if (yc_b - yc_a <= MAX (h, b->y2 - b->y1) * 0.4)
            continue;
        }
      cut_line (glyphs, start, k, page_top, lines);
      start = k;
    }

  /* page numbers in the top and bottom margins are not text of the report */
  for (guint k = lines->len; k > first_line; k--)
    {
      Line *line = &g_array_index (lines, Line, k - 1);
      double y = (line->y1 + line->y2) / 2 - page_top;
      g_autofree char *t = line_text (line);

      if ((y < height * 0.08 || y > height * 0.90) && is_page_number (t))
        g_array_remove_index (lines, k - 1);
    }

  for (guint k = first_line; k < lines->len; k++)
    right = MAX (right, g_array_index (lines, Line, k).xmax);
  for (guint k = first_line; k < lines->len; k++)
    {
      Line *line = &g_array_index (lines, Line, k);

      line->page = page_no;
      line->page_right = right;
    }
}

/* Label matching (as the assembler does it) --------------------------------------- */

static GHashTable *label_rows[GX_N_SECTIONS];

static void
labels_init (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    label_rows[s] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);

      /* the first row of a label wins (rows of both forms come first) */
      g_hash_table_insert (label_rows[row->section], gx_text_label_key (row->label_zh, NULL), (gpointer) row);
      for (guint v = 0; row->variants && row->variants[v]; v++)
        g_hash_table_insert (label_rows[row->section], gx_text_label_key (row->variants[v], NULL), (gpointer) row);
    }
  g_once_init_leave (&initialized, 1);
}

/* 2: @text is the label of a row of @section; 1: it is, with a
 * parenthetical cut short; 0: it is not. */
static int
match_label (GxSection           section,
             GxFormat            format,
             const char         *text,
             const GxSchemaRow **row_out)
{
  g_autofree char *key = NULL;
  const GxSchemaRow *row;
  gboolean had_prefix;
  int score = 2;
  char *paren;

  *row_out = NULL;
  if (strlen (text) > 400)
    return 0;
  key = gx_text_label_key (text, &had_prefix);
  row = g_hash_table_lookup (label_rows[section], key);
  if (row == NULL && (paren = strchr (key, '(')) != NULL && paren != key)
    {
      *paren = '\0';
      row = g_hash_table_lookup (label_rows[section], key);
      score = 1;
    }
  if (row == NULL || ((row->flags & GX_ROW_FLAG_NEEDS_PREFIX) && !had_prefix) ||
      !gx_schema_row_in_format (row, format))
    return 0;
  *row_out = row;
  return score;
}

static Region
heading_region (const Line *line)
{
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  glong n;

  for (guint i = 0; i < line->chunks->len; i++)
    if (CHUNK (line, i)->value)
      return HEADING_NONE;
  text = line_text (line);
  if (strlen (text) > 200)
    return HEADING_NONE;
  key = gx_text_label_key (text, NULL);
  n = g_utf8_strlen (key, -1);
  if (n == 0 || n > 40)
    return HEADING_NONE;
  if (strstr (key, "主动公开政府信息情况"))
    return (Region) GX_SECTION_DISCLOSURE;
  if (strstr (key, "收到和处理政府信息公开申请"))
    return (Region) GX_SECTION_APPLICATIONS;
  if (strstr (key, "行政复议") && strstr (key, "行政诉讼") && strstr (key, "情况"))
    return (Region) GX_SECTION_REVIEW_LITIGATION;
  if (g_str_has_prefix (key, "存在的主要问题") || g_str_has_prefix (key, "其他需要报告的事项") ||
      (g_str_has_suffix (key, "总体情况") && n <= 12))
    return REGION_END;
  return HEADING_NONE;
}

/* Tables ---------------------------------------------------------------------------- */

typedef struct
{
  Line *line;
  int label;          /* index of the label chunk on the anchor line, -1 if none */
  double lx1, lx2;    /* its column */
} Anchor;

static gboolean
in_column (const Chunk *chunk,
           double       x1,
           double       x2)
{
  double c = (chunk->x1 + chunk->x2) / 2;

  return fabs (chunk->x1 - x1) < 3 || (c >= x1 && c <= x2);
}

/* The chunks of @line in the column [x1, x2], joined. */
static void
append_column_text (GString    *out,
                    const Line *line,
                    double      x1,
                    double      x2)
{
  for (guint i = 0; i < line->chunks->len; i++)
    if (in_column (CHUNK (line, i), x1, x2))
      g_string_append (out, CHUNK (line, i)->text);
}

static char *
compose_label (const Anchor *anchor,
               Line        **above,
               guint         n_above,
               guint         t,
               Line        **below,
               guint         s)
{
  GString *out = g_string_new (NULL);

  for (guint i = n_above - t; i < n_above; i++)
    append_column_text (out, above[i], anchor->lx1, anchor->lx2);
  g_string_append (out, CHUNK (anchor->line, anchor->label)->text);
  for (guint i = 0; i < s; i++)
    append_column_text (out, below[i], anchor->lx1, anchor->lx2);
  return g_string_free (out, FALSE);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Where the @n value columns of a table are: the centres of the values of
 * a row that gives all of them, or else the left edges (left-aligned
 * headers) or the centres (centred headers) of the header cells. */
typedef struct
{
  guint n;
  gboolean lefts;     /* pos[] are left edges, not centres */
  double pos[32];
} Columns;

static gboolean
cluster (GArray  *xs,
         double   tolerance,
         guint    n,
         double  *out)
{
  double *v = (double *) (gpointer) xs->data;
  guint k = 0;

  g_array_sort (xs, compare_double);
  for (guint i = 0; i < xs->len; )
    {
      guint j = i;

      while (j < xs->len && v[j] - v[i] < tolerance)
        j++;
      if (k == n)
        return FALSE;
      out[k++] = v[i];
      i = j;
    }
  return k == n;
}

static gboolean
find_columns (GPtrArray *header,
              GArray    *anchors,
              guint      n,
              double     value_left,
              Columns   *columns)
{
  g_autoptr(GArray) lefts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) centres = g_array_new (FALSE, FALSE, sizeof (double));

  columns->n = n;
  for (guint a = 0; a < anchors->len; a++)
    {
      Line *line = g_array_index (anchors, Anchor, a).line;
      guint k = 0;

      for (guint i = 0; i < line->chunks->len; i++)
        if (CHUNK (line, i)->value)
          k++;
      if (k != n)
        continue;
      k = 0;
      for (guint i = 0; i < line->chunks->len; i++)
        if (CHUNK (line, i)->value)
          columns->pos[k++] = (CHUNK (line, i)->x1 + CHUNK (line, i)->x2) / 2;
      columns->lefts = FALSE;
      return TRUE;
    }

  for (guint h = 0; h < header->len; h++)
    {
      Line *line = g_ptr_array_index (header, h);

      for (guint i = 0; i < line->chunks->len; i++)
        {
          Chunk *chunk = CHUNK (line, i);
          double c = (chunk->x1 + chunk->x2) / 2;

          if (chunk->x2 >= value_left - 2)
            {
              g_array_append_val (lefts, chunk->x1);
              g_array_append_val (centres, c);
            }
        }
    }
  if (lefts->len < n)
    return FALSE;
  columns->lefts = TRUE;
  if (cluster (lefts, 3, n, columns->pos))
    return TRUE;
  columns->lefts = FALSE;
  return cluster (centres, 4, n, columns->pos);
}

/* The value cells of @line: in order when all are there, by column
 * otherwise (blanks as ""), or in order with *@collapsed set when the
 * columns cannot be told. */
static void
place_values (GPtrArray     *cells,
              const Line    *line,
              guint          n_columns,
              const Columns *columns,
              gboolean      *collapsed)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  const char *slots[32] = { NULL, };

  for (guint i = 0; i < line->chunks->len; i++)
    if (CHUNK (line, i)->value)
      g_ptr_array_add (values, CHUNK (line, i));

  *collapsed = FALSE;
  if (values->len == n_columns || n_columns == 0 || n_columns > 32 || values->len > n_columns)
    {
      for (guint i = 0; i < values->len; i++)
        g_ptr_array_add (cells, ((Chunk *) g_ptr_array_index (values, i))->text);
      *collapsed = values->len < n_columns;
      return;
    }

  if (columns != NULL && columns->n == n_columns)
    {
      double pitch = G_MAXDOUBLE;
      gboolean ok = TRUE;

      for (guint c = 1; c < n_columns; c++)
        pitch = MIN (pitch, fabs (columns->pos[c] - columns->pos[c - 1]));
      for (guint i = 0; i < values->len && ok; i++)
        {
          Chunk *chunk = g_ptr_array_index (values, i);
          int column = -1;

          if (columns->lefts)
            {
              /* the last column whose left edge the value starts after */
              for (guint c = 0; c < n_columns; c++)
                if (chunk->x1 >= columns->pos[c] - 3)
                  column = (int) c;
              if (column >= 0 && chunk->x1 > columns->pos[column] + pitch * 1.5)
                column = -1;
            }
          else
            {
              double x = (chunk->x1 + chunk->x2) / 2, best = G_MAXDOUBLE;

              for (guint c = 0; c < n_columns; c++)
                if (fabs (columns->pos[c] - x) < best)
                  best = fabs (columns->pos[c] - x), column = (int) c;
              if (best > pitch * 0.6)
                column = -1;
            }
          if (column < 0 || slots[column] != NULL)
            ok = FALSE;
          else
            slots[column] = chunk->text;
        }
      if (ok)
        {
          for (guint c = 0; c < n_columns; c++)
            g_ptr_array_add (cells, (gpointer) (slots[c] ? slots[c] : ""));
          return;
        }
    }

  /* the columns are not known: only the order */
  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (cells, ((Chunk *) g_ptr_array_index (values, i))->text);
  *collapsed = TRUE;
}

/* The 2019 form (reports for 2019 and 2020) is told by the column headers
 * of its section 二, as the assembler tells it. */
static GxFormat
detect_format (GPtrArray *lines)
{
  static const char *const markers_2019[] = {
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
  };

  for (guint l = 0; l < lines->len; l++)
    {
      Line *line = g_ptr_array_index (lines, l);

      for (guint i = 0; i < line->chunks->len; i++)
        for (guint m = 0; m < G_N_ELEMENTS (markers_2019); m++)
          if (strstr (CHUNK (line, i)->text, markers_2019[m]) != NULL)
            return GX_FORMAT_2019;
    }
  return GX_FORMAT_2021;
}

/* The form, from the lines of section 二 starting at @from. */
static GxFormat
detect_format_from (GArray *lines,
                    guint   from)
{
  g_autoptr(GPtrArray) section = g_ptr_array_new ();

  for (guint l = from; l < lines->len; l++)
    {
      Line *line = &g_array_index (lines, Line, l);

      if (heading_region (line) != HEADING_NONE)
        break;
      g_ptr_array_add (section, line);
    }
  return detect_format (section);
}

static void
emit_table (GxFlow    *flow,
            GxSection  section,
            GxFormat   format,
            GPtrArray *lines)
{
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree gboolean *is_anchor = g_new0 (gboolean, lines->len + 1);
  g_autofree gboolean *label_only = g_new0 (gboolean, lines->len + 1);
  g_autofree gboolean *header_row = g_new0 (gboolean, lines->len + 1);
  g_autofree gboolean *consumed = g_new0 (gboolean, lines->len + 1);
  double value_left = G_MAXDOUBLE;
  Columns columns;
  gboolean have_columns;
  guint n_wide = section == GX_SECTION_APPLICATIONS ? 7 : section == GX_SECTION_REVIEW_LITIGATION ? 15 : 0;

  for (guint l = 0; l < lines->len; l++)
    {
      Line *line = g_ptr_array_index (lines, l);

      for (guint i = 0; i < line->chunks->len; i++)
        if (CHUNK (line, i)->value)
          value_left = MIN (value_left, CHUNK (line, i)->x1);
    }

  for (guint l = 0; l < lines->len; l++)
    {
      Line *line = g_ptr_array_index (lines, l);
      gboolean has_value = FALSE, in_values = FALSE;
      int label = -1;

      for (guint i = 0; i < line->chunks->len; i++)
        {
          Chunk *chunk = CHUNK (line, i);

          if (chunk->value)
            has_value = TRUE;
          else if (chunk->x2 < value_left - 1)
            label = (int) i;
          else
            in_values = TRUE;
        }
      if (has_value ||
          (section == GX_SECTION_APPLICATIONS && !in_values && label >= 0 &&
           gx_text_numbering_prefix (CHUNK (line, label)->text) > 0))
        {
          Anchor anchor = { line, label, 0, 0 };

          if (label >= 0)
            {
              anchor.lx1 = CHUNK (line, label)->x1;
              anchor.lx2 = CHUNK (line, label)->x2;
            }
          g_array_append_val (anchors, anchor);
          is_anchor[l] = TRUE;
        }
      else if (in_values)
        {
          if (anchors->len == 0)
            g_ptr_array_add (header, line);
          header_row[l] = TRUE;
        }
      else
        label_only[l] = TRUE;
    }

  have_columns = n_wide > 0 && find_columns (header, anchors, n_wide, value_left, &columns);

  {
    g_autoptr(GPtrArray) pending = g_ptr_array_new ();   /* label lines above the next anchor */
    guint a = 0;

    for (guint l = 0; l < lines->len; l++)
      {
        Anchor *anchor;
        g_autoptr(GPtrArray) below = g_ptr_array_new ();
        g_autoptr(GPtrArray) values = g_ptr_array_new ();
        const GxSchemaRow *row = NULL;
        g_autofree char *label = NULL;
        guint best_s = 0, n_columns;
        int best = -1;
        GxFlowRow *out;
        gboolean collapsed;

        if (!is_anchor[l])
          {
            Line *line = g_ptr_array_index (lines, l);

            if (label_only[l] && !consumed[l] && pending->len < MAX_WRAP)
              g_ptr_array_add (pending, line);
            if (header_row[l] && section == GX_SECTION_DISCLOSURE)
              {
                /* "信息内容 本年制发件数 …": the assembler tells the form by them */
                GxFlowRow *out = gx_flow_add_row (flow, line->number, TRUE);

                for (guint i = 0; i < line->chunks->len; i++)
                  gx_flow_row_add_cell (out, CHUNK (line, i)->text, line->number);
              }
            continue;
          }
        anchor = &g_array_index (anchors, Anchor, a++);
        for (guint k = l + 1; k < lines->len && !is_anchor[k] && below->len < MAX_WRAP; k++)
          if (label_only[k])
            g_ptr_array_add (below, g_ptr_array_index (lines, k));

        if (anchor->label >= 0 && anchors->len <= MAX_SEARCHED_ANCHORS)
          {
            for (guint t = 0; t <= pending->len; t++)
              for (guint s = 0; s <= below->len; s++)
                {
                  g_autofree char *text = compose_label (anchor, (Line **) pending->pdata, pending->len, t,
                                                         (Line **) below->pdata, s);
                  const GxSchemaRow *match;
                  int score = match_label (section, format, text, &match);

                  /* the best match; among equals, the fewest lines */
                  if (score > best)
                    {
                      best = score, best_s = s, row = match;
                      g_free (label);
                      label = g_steal_pointer (&text);
                    }
                }
          }

        /* the lines below that this label did not take wait for the next */
        g_ptr_array_set_size (pending, 0);
        for (guint k = l + 1, taken = 0; k < lines->len && !is_anchor[k] && best > 0 && taken < best_s; k++)
          if (label_only[k])
            {
              consumed[k] = TRUE;
              taken++;
            }

        if (row != NULL && best > 0)
          {
            guint indices[32];

            n_columns = gx_schema_row_format_columns (row, format, indices);
          }
        else if (anchor->label < 0 && section == GX_SECTION_REVIEW_LITIGATION)
          n_columns = 15;   /* the three rows of section 四 as one line */
        else
          n_columns = 0;
        place_values (values, anchor->line, n_columns,
                      have_columns && n_columns == n_wide ? &columns : NULL, &collapsed);

        out = gx_flow_add_row (flow, anchor->line->number, collapsed);
        if (best > 0)
          gx_flow_row_add_cell (out, label, anchor->line->number);
        else
          for (guint i = 0; i < anchor->line->chunks->len; i++)
            if (!CHUNK (anchor->line, i)->value)
              gx_flow_row_add_cell (out, CHUNK (anchor->line, i)->text, anchor->line->number);
        for (guint i = 0; i < values->len; i++)
          gx_flow_row_add_cell (out, g_ptr_array_index (values, i), anchor->line->number);
      }
  }
}

/* The document ----------------------------------------------------------------------- */

GxDocument *
gx_pdf_reader_parse (GBytes      *data,
                     const char  *source_name,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GxPopplerDocument) pdf = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GxFlow) flow = NULL;
  g_autoptr(GPtrArray) table = g_ptr_array_new ();
  g_autoptr(GString) paragraph = g_string_new (NULL);
  const Line *paragraph_last = NULL;
  guint paragraph_line = 0;
  Region region = REGION_PROSE;
  GxFormat format = GX_FORMAT_2021;
  double top = 0;
  guint n_pages, n_glyphs = 0;

  labels_init ();
  pdf = poppler_document_new_from_bytes (data, NULL, &local_error);
  if (pdf == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_ENCRYPTED,
                     _("%s: the PDF is protected by a password; remove the protection and import it again"),
                     source_name);
      else
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                     _("%s: a damaged PDF (%s)"), source_name, local_error->message);
      return NULL;
    }

  n_pages = (guint) MAX (poppler_document_get_n_pages (pdf), 0);
  if (n_pages > MAX_PAGES)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                   _("%s: the PDF has %u pages; a report has at most %u"),
                   source_name, n_pages, MAX_PAGES);
      return NULL;
    }

  lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (lines, line_clear);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autoptr(GxPopplerPage) page = poppler_document_get_page (pdf, (int) p);
      double width, height;

      if (page == NULL)
        continue;
      poppler_page_get_size (page, &width, &height);
      page_lines (page, p, top, lines, &n_glyphs);
      if (n_glyphs > MAX_GLYPHS)
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                       _("%s: the PDF holds more than %u characters of text"),
                       source_name, MAX_GLYPHS);
          return NULL;
        }
      /* pages are stacked, well apart */
      top += (isfinite (height) ? MAX (height, 0) : 0) + 1000;
    }

  if (n_glyphs < 20)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NO_TEXT,
                   _("%s: the PDF has no text, only images (a scan?); it would have to be recognised (OCR) first"),
                   source_name);
      return NULL;
    }

  flow = gx_flow_new (source_name);
  for (guint l = 0; l <= lines->len; l++)
    {
      Line *line = l < lines->len ? &g_array_index (lines, Line, l) : NULL;
      Region heading = line ? heading_region (line) : REGION_END;
      g_autofree char *text = NULL;

      if (heading != HEADING_NONE)
        {
          if (paragraph->len > 0)
            gx_flow_add_line (flow, paragraph->str, paragraph_line, FALSE);
          g_string_truncate (paragraph, 0);
          paragraph_last = NULL;
          /* the table of a section ends at the next heading */
          if (region >= 0 && region < (Region) GX_N_SECTIONS)
            emit_table (flow, (GxSection) region, format, table);
          g_ptr_array_set_size (table, 0);
          region = heading;
          if (region == (Region) GX_SECTION_DISCLOSURE)
            format = detect_format_from (lines, l + 1);
          if (line == NULL)
            break;
          line->number = l + 1;
          text = line_text (line);
          gx_flow_add_line (flow, text, line->number, FALSE);
          continue;
        }

      line->number = l + 1;
      if (region >= 0 && region < (Region) GX_N_SECTIONS)
        {
          g_ptr_array_add (table, line);
          continue;
        }

      /* prose: a line that runs to the right margin goes on in the next */
      text = line_text (line);
      if (paragraph->len > 0 && paragraph_last != NULL &&
          paragraph_last->page == line->page &&
          paragraph_last->xmax >= paragraph_last->page_right - (paragraph_last->y2 - paragraph_last->y1) * 1.5 &&
          line->y1 - paragraph_last->y2 < (line->y2 - line->y1) * 1.2)
        {
          g_string_append (paragraph, text);
          paragraph_last = line;
          continue;
        }
      if (paragraph->len > 0)
        gx_flow_add_line (flow, paragraph->str, paragraph_line, FALSE);
      g_string_assign (paragraph, text);
      paragraph_line = line->number;
      paragraph_last = line;
    }

  return gx_flow_to_document (flow, error);
}
