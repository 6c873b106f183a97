/* gx-geometry.c: a report rebuilt from positioned text (PDF glyphs, the
 * character columns of `pdftotext -layout`)
 *
 *  - the sections: by their headings.  Outside sections 二, 三 and 四 the
 *    lines are prose, joined into paragraphs when a line runs to the right
 *    margin and the next follows closely;
 *  - the tables of sections 三 and 四 (geo_table()): on each page, the
 *    value columns are the x-ranges that the values of the table occupy
 *    (a number wrapped inside a narrow cell stays in its column), or, when
 *    a page does not fill every column, the x-ranges of the deepest header
 *    cells.  A row is a band of y that its values span (a number wrapped
 *    over two lines widens the band); every label piece inside that band
 *    and in the x-range of the row's label is part of the label, and the
 *    pieces between two bands go to the row whose label they continue:
 *    a label starts at its numbering ("5.", "（二）"), so the pieces above
 *    a numbered piece continue the row above, and pieces left of a row's
 *    label (the cells of merged group labels, a vertical label) are not
 *    part of it.  A value whose column cannot be told, or two values in
 *    one column, leave the row with its values in order for the assembler
 *    to flag; a label piece or a row is never dropped silently;
 *  - section 二, and tables the above cannot lay out (emit_table()): a
 *    line that carries values anchors a row; a wrapped label spreads over
 *    the lines around its anchor, shared out so that labels are labels of
 *    the template; values go in order when all are there, else by the
 *    x-positions of a full row or of the header cells.
 *
 * A table continued on the next page simply goes on: repeated header rows
 * carry no values and page numbers are dropped by the readers.
 */
#include "gx-config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gx-geometry.h"
#include "gx-html-reader.h"
#include "gx-reader.h"
#include "gx-schema.h"
#include "gx-sections.h"
#include "gx-text.h"

#define MAX_WRAP   12   /* lines of a wrapped label on either side of its anchor */
#define MAX_SEARCHED_ANCHORS 400   /* a section has some 40 rows: beyond, labels are not searched */
#define MAX_COLUMNS 32
#define MAX_PAGE_ITEMS 2000   /* label pieces or rows on a page of a table */

/* What a line opens: a section table, the prose after the tables */
typedef enum {
  HEADING_NONE = -2,
  REGION_PROSE = -1,      /* before the first section */
  REGION_END = GX_N_SECTIONS,
} Region;

typedef GxGeoChunk Chunk;
typedef GxGeoLine Line;
#define CHUNK(line, i) GX_GEO_CHUNK (line, i)

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

GArray *
gx_geo_lines_new (void)
{
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));

  g_array_set_clear_func (lines, line_clear);
  return lines;
}

void
gx_geo_line_init (GxGeoLine *line)
{
  memset (line, 0, sizeof *line);
  line->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
  g_array_set_clear_func (line->chunks, chunk_clear);
}

gboolean
gx_geo_is_value_text (const char *text)
{
  static const char *const markers[] = { "/", "／", "-", "－", "—", "——", "无" };

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (strcmp (text, markers[i]) == 0)
      return TRUE;
  return gx_value_parse (text, NULL);
}

/* "4." or "4、" alone: the numbering of a row label set apart from its
 * words ("4.   保护第三方合法权益"), never a value */
static gboolean
is_numbering (const char *text)
{
  const char *p = text;

  while (g_ascii_isdigit (*p) && p - text < 2)
    p++;
  if (p == text)
    return FALSE;
  return strcmp (p, ".") == 0 || strcmp (p, "．") == 0 || strcmp (p, "、") == 0;
}

void
gx_geo_line_add_chunk (GxGeoLine  *line,
                       const char *text,
                       gssize      len,
                       double      x1,
                       double      x2,
                       double      y1,
                       double      y2)
{
  Chunk chunk = { g_strndup (text, len < 0 ? strlen (text) : (gsize) len), x1, x2, y1, y2, FALSE };
  Chunk *last = line->chunks->len > 0 ? CHUNK (line, line->chunks->len - 1) : NULL;

  chunk.value = !is_numbering (chunk.text) && gx_geo_is_value_text (chunk.text);
  /* the words of a label after its numbering join it */
  if (!chunk.value && last != NULL && is_numbering (last->text))
    {
      char *joined = g_strconcat (last->text, chunk.text, NULL);

      g_free (last->text);
      g_free (chunk.text);
      last->text = joined;
      last->x2 = MAX (last->x2, x2);
      last->y1 = MIN (last->y1, y1);
      last->y2 = MAX (last->y2, y2);
      return;
    }
  g_array_append_val (line->chunks, chunk);
}

char *
gx_geo_line_text (const GxGeoLine *line)
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

#define line_text gx_geo_line_text
#define is_value_text gx_geo_is_value_text

gboolean
gx_geo_is_page_number (const char *text)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("^[-—–\\s]*(第\\s*)?\\d{1,4}(\\s*页)?(\\s*/\\s*\\d{1,4}|\\s*共\\s*\\d{1,4}\\s*页)?[-—–\\s]*$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_match (regex, text, 0, NULL);
}

/* Running heads and feet ------------------------------------------------------------- */

/* How many lines at the top and at the bottom of a page may be running
 * heads and feet (pdftotext sets a head's date below the page's first
 * line of text when its font is smaller) */
#define RUNNING_LINES 3

/* The text of a chunk with each run of digits as one "#" ("3/6" and "4/6"
 * alike) */
static char *
running_key (const Chunk *chunk)
{
  GString *key = g_string_new (NULL);

  for (const char *p = chunk->text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        {
          if (key->len == 0 || key->str[key->len - 1] != '#')
            g_string_append_c (key, '#');
          continue;
        }
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

static gboolean
has_letter (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Is line @k among the RUNNING_LINES first (@bottom FALSE) or last lines
 * of its page, the page's lines being [@first, @end)? */
static gboolean
in_margin (guint    k,
           guint    first,
           guint    end,
           gboolean bottom)
{
  return bottom ? k + RUNNING_LINES >= end : k < first + RUNNING_LINES;
}

/* Drops the running heads (@bottom FALSE) or feet: lines near the top or
 * bottom of a page whose every chunk (digits aside) is near the top or
 * bottom of more than half of the pages, and of two at least.  A line of
 * numbers alone is left: it may be a row of a table. */
static void
drop_running (GArray  *lines,
              gboolean bottom)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) drop = g_array_new (FALSE, FALSE, sizeof (guint));
  guint pages = 0;

  /* on how many pages each chunk is in the margin */
  for (guint first = 0, end; first < lines->len; first = end)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (end = first; end < lines->len &&
           g_array_index (lines, Line, end).page == g_array_index (lines, Line, first).page; end++)
        ;
      pages++;
      for (guint k = first; k < end; k++)
        {
          const Line *line = &g_array_index (lines, Line, k);

          if (!in_margin (k, first, end, bottom))
            continue;
          for (guint c = 0; c < line->chunks->len; c++)
            {
              char *key = running_key (CHUNK (line, c));

              if (!g_hash_table_add (seen, key))
                continue;
              g_hash_table_insert (counts, g_strdup (key),
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
            }
        }
    }
  if (pages < 2)
    return;

  for (guint first = 0, end; first < lines->len; first = end)
    {
      for (end = first; end < lines->len &&
           g_array_index (lines, Line, end).page == g_array_index (lines, Line, first).page; end++)
        ;
      for (guint k = first; k < end; k++)
        {
          const Line *line = &g_array_index (lines, Line, k);
          gboolean running = in_margin (k, first, end, bottom), letter = FALSE;

          for (guint c = 0; running && c < line->chunks->len; c++)
            {
              g_autofree char *key = running_key (CHUNK (line, c));
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

              running = n >= 2 && n * 2 > pages;
              letter |= has_letter (key);
            }
          if (running && letter)
            g_array_append_val (drop, k);
        }
    }
  for (guint i = drop->len; i > 0; i--)
    g_array_remove_index (lines, g_array_index (drop, guint, i - 1));
}

void
gx_geo_lines_finish (GArray *lines)
{
  drop_running (lines, FALSE);
  drop_running (lines, TRUE);

  /* each page's right margin, for prose lines that run on */
  for (guint k = 0; k < lines->len; )
    {
      guint j = k;
      double right = 0;

      for (; j < lines->len && g_array_index (lines, Line, j).page == g_array_index (lines, Line, k).page; j++)
        right = MAX (right, g_array_index (lines, Line, j).xmax);
      for (; k < j; k++)
        g_array_index (lines, Line, k).page_right = right;
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
  if (gx_sections_key_follows_tables (key) || (g_str_has_suffix (key, "总体情况") && n <= 12))
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

/* Section 二: a row whose first number pdftotext set beside the first line
 * of its wrapped label, the others on the next line ("行政规范性 62" over
 * "文件   33   440"), when the two lines' labels make a row's label and the
 * first alone does not: the numbers of @b join @a, its words stay. */
static void
join_split_values (GxFormat  format,
                   Line     *a,
                   Line     *b)
{
  guint na = 0, nb = 0;
  double a_right = -G_MAXDOUBLE, b_left = G_MAXDOUBLE;
  g_autoptr(GString) label_a = g_string_new (NULL);
  g_autoptr(GString) label_b = g_string_new (NULL);
  const GxSchemaRow *row;

  if (a->page != b->page || b->y1 - a->y2 > (a->y2 - a->y1) * 1.25)
    return;
  for (guint i = 0; i < a->chunks->len; i++)
    if (CHUNK (a, i)->value)
      na++, a_right = MAX (a_right, CHUNK (a, i)->x2);
    else if (na > 0)
      return;   /* words after the numbers */
    else
      g_string_append (label_a, CHUNK (a, i)->text);
  for (guint i = 0; i < b->chunks->len; i++)
    if (CHUNK (b, i)->value)
      nb++, b_left = MIN (b_left, CHUNK (b, i)->x1);
    else if (nb > 0)
      return;
    else
      g_string_append (label_b, CHUNK (b, i)->text);
  if (na == 0 || nb == 0 || na + nb != 3 || a_right >= b_left ||
      label_a->len == 0 || label_b->len == 0 ||
      match_label (GX_SECTION_DISCLOSURE, format, label_a->str, &row) > 0)
    return;
  g_string_append (label_a, label_b->str);
  if (match_label (GX_SECTION_DISCLOSURE, format, label_a->str, &row) == 0)
    return;
  for (guint i = 0; i < b->chunks->len; )
    if (CHUNK (b, i)->value)
      {
        Chunk moved = *CHUNK (b, i);

        moved.text = g_strdup (moved.text);
        g_array_append_val (a->chunks, moved);
        g_array_remove_index (b->chunks, i);
      }
    else
      i++;
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

  if (section == GX_SECTION_DISCLOSURE)
    for (guint l = 0; l + 1 < lines->len; l++)
      join_split_values (format, g_ptr_array_index (lines, l), g_ptr_array_index (lines, l + 1));

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


/* Tables by geometry (sections 三 and 四) ---------------------------------------- */

/* A label piece: the text of one line inside the label columns (the
 * chunks of a cell on one line joined). */
typedef struct
{
  GString *text;
  double x1, x2, y1, y2;
  guint line;
  int band;           /* the row it labels, -1 */
} Piece;

/* A row: the band of y its values span. */
typedef struct
{
  GPtrArray *values;  /* const Chunk * */
  double y1, y2;
  guint line;
  int leaf;           /* the piece that starts its label, -1 */
  double lx1, lx2;    /* the x-range of its label */
  gboolean top_numbered;
} Band;

/* The value columns of a page of the table: x-ranges, left to right. */
typedef struct
{
  guint n;
  double x1[MAX_COLUMNS], x2[MAX_COLUMNS];
} GeoColumns;

static void
piece_clear (gpointer data)
{
  Piece *piece = data;

  g_string_free (piece->text, TRUE);
}

static void
band_clear (gpointer data)
{
  Band *band = data;

  g_ptr_array_unref (band->values);
}

static double
y_overlap (double a1, double a2,
           double b1, double b2)
{
  return MIN (a2, b2) - MAX (a1, b1);
}

static gboolean
x_overlaps (double a1, double a2,
            double b1, double b2)
{
  return a1 < b2 && b1 < a2;
}

static gboolean
piece_numbered (const Piece *piece)
{
  return gx_text_numbering_prefix (piece->text->str) > 0;
}

/* "1." with no words: a numbering set on a line of its own */
static gboolean
piece_bare_numbering (const Piece *piece)
{
  gsize n = gx_text_numbering_prefix (piece->text->str);

  return n > 0 && piece->text->str[n] == '\0';
}

/* The x-ranges the values occupy, merged where they overlap. */
static guint
value_clusters (GArray     *bands,
                GeoColumns *columns)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  guint n = 0;

  for (guint b = 0; b < bands->len; b++)
    {
      Band *band = &g_array_index (bands, Band, b);

      for (guint i = 0; i < band->values->len; i++)
        {
          const Chunk *chunk = g_ptr_array_index (band->values, i);
          double r[2] = { chunk->x1, chunk->x2 };

          g_array_append_vals (ranges, r, 1);
        }
    }
  if (ranges->len == 0)
    return 0;
  g_array_sort (ranges, compare_double);   /* by x1 */
  for (guint i = 0; i < ranges->len; i++)
    {
      double *r = (double *) (gpointer) (ranges->data + i * sizeof (double) * 2);

      if (n > 0 && r[0] <= columns->x2[n - 1])
        columns->x2[n - 1] = MAX (columns->x2[n - 1], r[1]);
      else if (n == MAX_COLUMNS)
        return MAX_COLUMNS + 1;
      else
        {
          columns->x1[n] = r[0];
          columns->x2[n] = r[1];
          n++;
        }
    }
  columns->n = n;
  return n;
}

/* The column of a value: the one whose range holds its centre, or between
 * the midpoints to its neighbours. */
static int
column_of (const GeoColumns *columns,
           const Chunk      *chunk)
{
  double c = (chunk->x1 + chunk->x2) / 2;

  for (guint k = 0; k < columns->n; k++)
    {
      double left = k == 0 ? -G_MAXDOUBLE : (columns->x2[k - 1] + columns->x1[k]) / 2;
      double right = k + 1 == columns->n ? G_MAXDOUBLE : (columns->x2[k] + columns->x1[k + 1]) / 2;

      if (c >= left && c < right)
        return (int) k;
    }
  return -1;
}

/* The header cells of a page: the non-value chunks above its first row
 * in the value columns.  A cell's words broken one or two characters a
 * line, and the cells of the levels below a merged header, lie under it:
 * the deepest pieces, those with no other piece below them whose centre
 * they cover, are the columns. */
static gboolean
header_columns (GPtrArray  *header,
                guint       n_wanted,
                GeoColumns *columns)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (double) * 4);   /* x1 x2 y1 y2 */
  guint n = 0;

  for (guint i = 0; i < header->len; i++)
    {
      const Chunk *chunk = g_ptr_array_index (header, i);
      double c[4] = { chunk->x1, chunk->x2, chunk->y1, chunk->y2 };

      g_array_append_vals (cells, c, 1);
    }

  for (guint k = 0; k < cells->len; k++)
    {
      double *c = (double *) (gpointer) (cells->data + k * sizeof (double) * 4);
      gboolean parent = FALSE;

      for (guint j = 0; j < cells->len && !parent; j++)
        {
          double *d = (double *) (gpointer) (cells->data + j * sizeof (double) * 4);
          double centre = (d[0] + d[1]) / 2;

          /* lines of a cell may overlap a little: below is below the middle */
          parent = j != k && (d[2] + d[3]) / 2 > (c[2] + c[3]) / 2 + (c[3] - c[2]) * 0.5 &&
                   centre > c[0] && centre < c[1];
        }
      if (parent)
        continue;
      if (n == MAX_COLUMNS)
        return FALSE;
      columns->x1[n] = c[0];
      columns->x2[n] = c[1];
      n++;
    }
  if (n != n_wanted)
    return FALSE;
  /* left to right, and not overlapping */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && columns->x1[j] < columns->x1[j - 1]; j--)
      {
        double t1 = columns->x1[j], t2 = columns->x2[j];

        columns->x1[j] = columns->x1[j - 1], columns->x2[j] = columns->x2[j - 1];
        columns->x1[j - 1] = t1, columns->x2[j - 1] = t2;
      }
  for (guint i = 1; i < n; i++)
    if (columns->x1[i] < columns->x2[i - 1])
      return FALSE;
  columns->n = n;
  return TRUE;
}

/* Extends band @b's label with piece @p when it lies in the label's
 * x-range (a piece left of it is a group label or a vertical label). */
static gboolean
band_take_piece (GArray *bands,
                 GArray *pieces,
                 int     b,
                 guint   p)
{
  Band *band = &g_array_index (bands, Band, b);
  Piece *piece = &g_array_index (pieces, Piece, p);

  if (band->leaf < 0)
    {
      band->leaf = (int) p;
      band->lx1 = piece->x1;
      band->lx2 = piece->x2;
      band->top_numbered = piece_numbered (piece);
    }
  else if (!x_overlaps (piece->x1, piece->x2, band->lx1, band->lx2))
    return FALSE;
  band->lx1 = MIN (band->lx1, piece->x1);
  band->lx2 = MAX (band->lx2, piece->x2);
  piece->band = b;
  return TRUE;
}

/* The pieces between two rows (@prev above, @next below, -1 for none):
 * the pieces up to the last numbered one continue the label above, the
 * rest start or continue the label below. */
static void
share_run (GArray *bands,
           GArray *pieces,
           GArray *run,
           int     prev,
           int     next)
{
  guint len = run->len, split;
  int last_numbered = -1;
  Band *next_band = next >= 0 ? &g_array_index (bands, Band, next) : NULL;
  Band *prev_band = prev >= 0 ? &g_array_index (bands, Band, prev) : NULL;

  if (len == 0)
    return;
  for (guint i = 0; i < len; i++)
    {
      Piece *piece = &g_array_index (pieces, Piece, g_array_index (run, guint, i));

      if (piece_numbered (piece) &&
          (next_band == NULL || next_band->leaf < 0 ||
           x_overlaps (piece->x1, piece->x2, next_band->lx1, next_band->lx2)))
        last_numbered = (int) i;
    }

  if (next_band != NULL && next_band->leaf >= 0 &&
      piece_bare_numbering (&g_array_index (pieces, Piece, next_band->leaf)))
    {
      /* "1." on the line of the values, its words on the line just above
       * (a baseline a little off): those words are the row's */
      const Piece *numbering = &g_array_index (pieces, Piece, next_band->leaf);
      double h = numbering->y2 - numbering->y1;

      for (split = len; split > 0; split--)
        {
          Piece *piece = &g_array_index (pieces, Piece, g_array_index (run, guint, split - 1));

          if (piece_numbered (piece) || numbering->y1 - piece->y2 > h * 0.25 ||
              piece->x1 < numbering->x1 - h * 0.5 || piece->x1 > numbering->x2 + h * 2)
            break;
        }
      for (guint i = split; i < len; i++)
        {
          Piece *piece = &g_array_index (pieces, Piece, g_array_index (run, guint, i));

          next_band->lx2 = MAX (next_band->lx2, piece->x2);
        }
    }
  else if (next_band == NULL || (next_band->leaf >= 0 && next_band->top_numbered))
    split = len;
  else if (last_numbered >= 0)
    split = (guint) last_numbered;
  else if (prev_band == NULL || prev_band->leaf < 0 || next_band->leaf < 0)
    split = 0;
  else
    {
      /* unnumbered labels, centred in their cells: the nearer row */
      double prev_c = (prev_band->y1 + prev_band->y2) / 2, next_c = (next_band->y1 + next_band->y2) / 2;

      for (split = 0; split < len; split++)
        {
          Piece *piece = &g_array_index (pieces, Piece, g_array_index (run, guint, split));
          double c = (piece->y1 + piece->y2) / 2;

          if (next_c - c <= c - prev_c)
            break;
        }
    }

  if (prev_band != NULL && prev_band->leaf >= 0)
    for (guint i = 0; i < split; i++)
      band_take_piece (bands, pieces, prev, g_array_index (run, guint, i));
  if (next_band != NULL)
    {
      /* a label that starts here is taken from its first piece on; when
       * the row has its own label, pieces above it join it only when
       * they are in its x-range */
      for (guint i = split; i < len; i++)
        band_take_piece (bands, pieces, next, g_array_index (run, guint, i));
    }
}

static int
compare_chunks_y (gconstpointer a,
                  gconstpointer b)
{
  const Chunk *ca = *(Chunk * const *) a, *cb = *(Chunk * const *) b;

  if (fabs (ca->y1 - cb->y1) > 0.5)
    return ca->y1 < cb->y1 ? -1 : 1;
  return ca->x1 < cb->x1 ? -1 : ca->x1 > cb->x1;
}

static int
compare_pieces (gconstpointer a,
                gconstpointer b)
{
  const Piece *pa = *(Piece * const *) a, *pb = *(Piece * const *) b;

  if (fabs (pa->y1 - pb->y1) > 0.5)
    return pa->y1 < pb->y1 ? -1 : 1;
  return pa->x1 < pb->x1 ? -1 : pa->x1 > pb->x1;
}

/* One page of a table: its rows, label pieces and value columns (n = 0
 * when they cannot be told). */
typedef struct
{
  GArray *bands;      /* Band */
  GArray *pieces;     /* Piece */
  GeoColumns columns;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->bands, g_array_unref);
  g_clear_pointer (&page->pieces, g_array_unref);
}

/* Whether band @small holds only pieces of numbers wrapped in the cells of
 * band @large next to it: a few numbers, close to a line of many, with no
 * numbered label beside them; @stacked: each under or over one of @large's
 * numbers (else in the gaps between them). */
static gboolean
wrapped_digits (Page     *page,
                guint     small_index,
                guint     large_index,
                gboolean  stacked)
{
  Band *small = &g_array_index (page->bands, Band, small_index);
  Band *large = &g_array_index (page->bands, Band, large_index);
  double h = MIN (large->y2 - large->y1, small->y2 - small->y1);
  double gap = small_index > large_index ? small->y1 - large->y2 : large->y1 - small->y2;

  if (small->values->len * 2 > large->values->len || gap >= h * 0.6)
    return FALSE;
  for (guint i = 0; i < small->values->len; i++)
    {
      const Chunk *v = g_ptr_array_index (small->values, i);
      gboolean over = FALSE;

      if (!g_ascii_isdigit (v->text[0]) || !gx_value_parse (v->text, NULL))
        return FALSE;
      for (guint j = 0; j < large->values->len && !over; j++)
        {
          const Chunk *l = g_ptr_array_index (large->values, j);

          over = x_overlaps (v->x1, v->x2, l->x1, l->x2);
        }
      if (over != stacked)
        return FALSE;
    }
  for (guint p = 0; p < page->pieces->len; p++)
    {
      Piece *piece = &g_array_index (page->pieces, Piece, p);

      if (piece_numbered (piece) &&
          y_overlap (piece->y1, piece->y2, small->y1, small->y2) > (piece->y2 - piece->y1) * 0.3)
        return FALSE;
    }
  return TRUE;
}

/* The pieces above and below the row: one over the other, column by column */
static gboolean
digits_stacked (const Band *above,
                const Band *below)
{
  if (above->values->len != below->values->len)
    return FALSE;
  for (guint i = 0; i < above->values->len; i++)
    {
      const Chunk *a = g_ptr_array_index (above->values, i);
      gboolean found = FALSE;

      for (guint j = 0; j < below->values->len && !found; j++)
        {
          const Chunk *b = g_ptr_array_index (below->values, j);

          found = x_overlaps (a->x1, a->x2, b->x1, b->x2);
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Where the values of @band lie: their first and last column, or without
 * the page's columns their left and right x.  FALSE when one is in none. */
static gboolean
band_span (const Page *page,
           const Band *band,
           double     *first,
           double     *last)
{
  *first = G_MAXDOUBLE;
  *last = -G_MAXDOUBLE;
  for (guint i = 0; i < band->values->len; i++)
    {
      const Chunk *v = g_ptr_array_index (band->values, i);
      int c = page->columns.n > 0 ? column_of (&page->columns, v) : 0;

      if (c < 0)
        return FALSE;
      *first = MIN (*first, page->columns.n > 0 ? c : v->x1);
      *last = MAX (*last, page->columns.n > 0 ? c : v->x2);
    }
  return TRUE;
}

/* Whether the values of one row lie on two lines, bands @b and @b + 1: the
 * first of them beside the first line of its label, the others on the
 * next line, or the one after a line of its label (pdftotext sets a
 * number whose baseline is a little off on a line of its own).  The two
 * lines hold different columns, the upper ones left of the lower ones,
 * and what is written beside and between them continues the label above
 * rather than starting a row. */
static gboolean
values_split (Page  *page,
              guint  b,
              guint  n_wanted)
{
  Band *top = &g_array_index (page->bands, Band, b);
  Band *below = &g_array_index (page->bands, Band, b + 1);
  double h = MIN (top->y2 - top->y1, below->y2 - below->y1);
  double first_top, last_top, first_below, last_below;
  gboolean labelled = FALSE;

  /* with the page's columns, in them; without, in x order, making the
   * whole row */
  if (below->y1 - top->y2 > h * 1.25 ||
      top->values->len + below->values->len > (page->columns.n > 0 ? page->columns.n : n_wanted) ||
      (page->columns.n == 0 && top->values->len + below->values->len != n_wanted) ||
      !band_span (page, top, &first_top, &last_top) ||
      !band_span (page, below, &first_below, &last_below))
    return FALSE;
  if (last_top >= first_below)
    return FALSE;
  for (guint p = 0; p < page->pieces->len; p++)
    {
      Piece *piece = &g_array_index (page->pieces, Piece, p);
      double ph = piece->y2 - piece->y1;

      if (y_overlap (piece->y1, piece->y2, top->y1, top->y2) > ph * 0.3)
        labelled = TRUE;
      else if (y_overlap (piece->y1, piece->y2, top->y2, below->y2) > ph * 0.3 &&
               piece_numbered (piece) && !piece_bare_numbering (piece))
        return FALSE;
    }
  return labelled;
}

/* The columns of the rows of @bands that give all @n values: the x-ranges
 * where most of them have a value, when there are @n.  pdftotext sets the
 * first value of a row whose label wraps beside the label's first line,
 * squeezed left of its column (and the others a line or two below, or on
 * the same line): such strays make more clusters than columns.  A value
 * left of the first column is in it (column_of()). */
static gboolean
full_row_columns (GArray     *bands,
                  guint       n,
                  GeoColumns *columns)
{
  g_autoptr(GArray) full = g_array_new (FALSE, FALSE, sizeof (Band));
  GeoColumns clusters = { 0 }, kept = { 0 };
  guint n_clusters;

  for (guint b = 0; b < bands->len; b++)
    if (g_array_index (bands, Band, b).values->len == n)
      g_array_append_val (full, g_array_index (bands, Band, b));
  if (full->len < 3)
    return FALSE;
  n_clusters = value_clusters (full, &clusters);
  if (n_clusters < n || n_clusters > MAX_COLUMNS)
    return FALSE;
  for (guint k = 0; k < n_clusters; k++)
    {
      guint support = 0;

      for (guint b = 0; b < full->len; b++)
        {
          Band *band = &g_array_index (full, Band, b);
          gboolean has = FALSE;

          for (guint i = 0; i < band->values->len && !has; i++)
            {
              const Chunk *v = g_ptr_array_index (band->values, i);

              has = x_overlaps (v->x1, v->x2, clusters.x1[k], clusters.x2[k]);
            }
          support += has;
        }
      if (support * 2 > full->len)
        {
          kept.x1[kept.n] = clusters.x1[k];
          kept.x2[kept.n] = clusters.x2[k];
          kept.n++;
        }
    }
  if (kept.n != n)
    return FALSE;
  *columns = kept;
  return TRUE;
}

/* Band @from joins band @into (and is removed). */
static void
merge_band (Page  *page,
            guint  into,
            guint  from)
{
  Band *large = &g_array_index (page->bands, Band, into);
  Band *small = &g_array_index (page->bands, Band, from);

  for (guint i = 0; i < small->values->len; i++)
    g_ptr_array_add (large->values, g_ptr_array_index (small->values, i));
  large->y1 = MIN (large->y1, small->y1);
  large->y2 = MAX (large->y2, small->y2);
  large->line = MIN (large->line, small->line);
  g_array_remove_index (page->bands, from);
}

/* Where the values of lines [@from, @to) begin: the leftmost value, but
 * for a value far left of where the rows of three or more values begin
 * (pdftotext squeezes the first value of a row whose label wraps beside
 * the label's first line, "…重新出具已获取信 0"): the words before it are
 * a label all the same, and the value is in the first column (column_of()) */
static double
values_left (GPtrArray *lines,
             guint      from,
             guint      to)
{
  g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (double));
  double left = G_MAXDOUBLE, floor = -G_MAXDOUBLE;

  for (guint l = from; l < to; l++)
    {
      Line *line = g_ptr_array_index (lines, l);
      guint n = 0;
      double first = G_MAXDOUBLE;

      for (guint i = 0; i < line->chunks->len; i++)
        if (CHUNK (line, i)->value)
          {
            n++;
            first = MIN (first, CHUNK (line, i)->x1);
          }
      if (n >= 3)
        g_array_append_val (firsts, first);
    }
  if (firsts->len >= 3)
    {
      g_array_sort (firsts, compare_double);
      floor = g_array_index (firsts, double, firsts->len / 2);
    }
  for (guint l = from; l < to; l++)
    {
      Line *line = g_ptr_array_index (lines, l);

      for (guint i = 0; i < line->chunks->len; i++)
        {
          Chunk *chunk = CHUNK (line, i);

          if (chunk->value && chunk->x1 >= floor - (chunk->y2 - chunk->y1) * 4)
            left = MIN (left, chunk->x1);
        }
    }
  return left;
}

/* Reads lines [@from, @to) of a table, one page: rows, labels, columns
 * (@wanted: the numbers of columns the section may have; @previous: the
 * columns of the page before, when x is the same on every page).  FALSE
 * when the page is too large to be read so. */
static gboolean
read_page (GPtrArray        *lines,
           guint             from,
           guint             to,
           const guint      *wanted,
           guint             n_wanted,
           const GeoColumns *previous,
           Page             *page)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GArray) barriers = g_array_new (FALSE, FALSE, sizeof (double));
  double value_left = G_MAXDOUBLE;
  gboolean found = FALSE;

  page->bands = g_array_new (FALSE, TRUE, sizeof (Band));
  g_array_set_clear_func (page->bands, band_clear);
  page->pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
  g_array_set_clear_func (page->pieces, piece_clear);

  value_left = values_left (lines, from, to);
  if (value_left == G_MAXDOUBLE)
    {
      /* a page of blank rows: in the columns of the page before */
      if (previous == NULL || previous->n == 0)
        return TRUE;
      value_left = previous->x1[0];
    }

  /* values into bands, label pieces, and what lies in the value columns
   * without being a value (header cells) */
  for (guint l = from; l < to; l++)
    {
      Line *line = g_ptr_array_index (lines, l);
      Piece *last_piece = NULL;

      for (guint i = 0; i < line->chunks->len; i++)
        {
          Chunk *chunk = CHUNK (line, i);
          double h = chunk->y2 - chunk->y1;

          if (chunk->value)
            {
              Band *band = page->bands->len ? &g_array_index (page->bands, Band, page->bands->len - 1) : NULL;
              double band_h;

              last_piece = NULL;
              /* the values of a row overlap in y (centred cells put them
               * between the lines of a number wrapped in its cell) */
              if (band != NULL)
                {
                  band_h = MIN (h, band->y2 - band->y1);
                  if (y_overlap (band->y1, band->y2, chunk->y1, chunk->y2) <= band_h * 0.3)
                    band = NULL;
                }
              if (band == NULL)
                {
                  Band fresh = { g_ptr_array_new (), chunk->y1, chunk->y2, line->number, -1, 0, 0, FALSE };

                  g_array_append_val (page->bands, fresh);
                  band = &g_array_index (page->bands, Band, page->bands->len - 1);
                }
              g_ptr_array_add (band->values, chunk);
              band->y1 = MIN (band->y1, chunk->y1);
              band->y2 = MAX (band->y2, chunk->y2);
            }
          else if ((chunk->x1 + chunk->x2) / 2 < value_left)
            {
              /* a piece of a label; chunks close together on a line are one */
              if (last_piece != NULL &&
                  chunk->x1 - last_piece->x2 < MIN (h, last_piece->y2 - last_piece->y1) * 0.6)
                {
                  g_string_append (last_piece->text, chunk->text);
                  last_piece->x2 = chunk->x2;
                  last_piece->y1 = MIN (last_piece->y1, chunk->y1);
                  last_piece->y2 = MAX (last_piece->y2, chunk->y2);
                  continue;
                }
              {
                Piece piece = { g_string_new (chunk->text), chunk->x1, chunk->x2, chunk->y1, chunk->y2, line->number, -1 };

                g_array_append_val (page->pieces, piece);
                last_piece = &g_array_index (page->pieces, Piece, page->pieces->len - 1);
              }
            }
          else
            {
              double c = (chunk->y1 + chunk->y2) / 2;

              last_piece = NULL;
              g_array_append_val (barriers, c);
              if (page->bands->len == 0)
                g_ptr_array_add (header, chunk);
            }
        }
    }

  /* a page of a report's table has some 40 rows: beyond, the quadratic
   * steps below are not worth it (emit_table() reads it) */
  if (page->pieces->len > MAX_PAGE_ITEMS || page->bands->len > MAX_PAGE_ITEMS)
    return FALSE;

  /* numbers wrapped in their cells, on lines of their own: "12" above
   * and "5" below the line of the row's other numbers (centred cells),
   * or "5" under "12" (top-aligned), "12" over "5" (bottom-aligned) */
  for (guint b = 1; b + 1 < page->bands->len; b++)
    if (wrapped_digits (page, b - 1, b, FALSE) && wrapped_digits (page, b + 1, b, FALSE) &&
        digits_stacked (&g_array_index (page->bands, Band, b - 1), &g_array_index (page->bands, Band, b + 1)))
      {
        merge_band (page, b, b + 1);
        merge_band (page, b, b - 1);
        b--;
      }
  for (guint b = 1; b < page->bands->len; )
    {
      if (wrapped_digits (page, b, b - 1, TRUE))
        merge_band (page, b - 1, b);
      else
        b++;
    }
  for (guint b = 0; b + 1 < page->bands->len; )
    {
      if (wrapped_digits (page, b, b + 1, TRUE))
        merge_band (page, b + 1, b);
      else
        b++;
    }

  /* the columns */
  {
    guint n = value_clusters (page->bands, &page->columns);


    for (guint w = 0; w < n_wanted && !found; w++)
      found = n == wanted[w];
    for (guint w = 0; w < n_wanted && !found; w++)
      found = header_columns (header, wanted[w], &page->columns);
    if (!found && previous != NULL && previous->n > 0)
      {
        page->columns = *previous;
        found = TRUE;
      }
    for (guint w = 0; w < n_wanted && !found; w++)
      found = full_row_columns (page->bands, wanted[w], &page->columns);
    /* the columns of this page cannot be told: its rows keep their
     * values in order, for the assembler to place and flag */
    if (!found)
      page->columns.n = 0;
  }
  for (guint b = 0; b + 1 < page->bands->len; )
    {
      if (values_split (page, b, wanted[0]))
        merge_band (page, b, b + 1);
      else
        b++;
    }

  /* a vertical label (三、本年度办理结果 down the left edge): three or more
   * pieces of one or two characters stacked at one x; part of no row */
  for (guint p = 0; p < page->pieces->len; p++)
    {
      guint n = 1, last = p;

      for (guint q = p + 1; q < page->pieces->len; q++)
        {
          Piece *a = &g_array_index (page->pieces, Piece, last);
          Piece *b = &g_array_index (page->pieces, Piece, q);
          double h = a->y2 - a->y1;

          if (g_utf8_strlen (b->text->str, 16) > 2 || g_utf8_strlen (a->text->str, 16) > 2)
            continue;
          if (b->y1 - a->y2 > h * 2.5)
            break;
          if (x_overlaps (a->x1, a->x2, b->x1, b->x2) && b->y1 >= a->y2 - h * 0.3)
            {
              n++;
              last = q;
            }
        }
      if (n < 3)
        continue;
      last = p;
      g_array_index (page->pieces, Piece, p).band = -3;
      for (guint q = p + 1; q < page->pieces->len; q++)
        {
          Piece *a = &g_array_index (page->pieces, Piece, last);
          Piece *b = &g_array_index (page->pieces, Piece, q);
          double h = a->y2 - a->y1;

          if (g_utf8_strlen (b->text->str, 16) > 2)
            continue;
          if (b->y1 - a->y2 > h * 2.5)
            break;
          if (x_overlaps (a->x1, a->x2, b->x1, b->x2) && b->y1 >= a->y2 - h * 0.3)
            {
              b->band = -3;
              last = q;
            }
        }
    }

  /* label pieces in a row's band are its own (a piece taller than the
   * row, a group label run into the row's label, when the row lies within
   * it); the rightmost starts it */
  for (guint p = 0; p < page->pieces->len; p++)
    {
      Piece *piece = &g_array_index (page->pieces, Piece, p);
      double best = 0;

      if (piece->band == -3)
        continue;
      for (guint b = 0; b < page->bands->len; b++)
        {
          Band *band = &g_array_index (page->bands, Band, b);
          double o = y_overlap (band->y1, band->y2, piece->y1, piece->y2);

          if (o > best && (o > (piece->y2 - piece->y1) * 0.3 || o >= (band->y2 - band->y1) * 0.9))
            best = o, piece->band = (int) b;
        }
    }
  for (guint b = 0; b < page->bands->len; b++)
    {
      Band *band = &g_array_index (page->bands, Band, b);
      int leaf = -1;

      for (guint p = 0; p < page->pieces->len; p++)
        {
          Piece *piece = &g_array_index (page->pieces, Piece, p);

          if (piece->band == (int) b &&
              (leaf < 0 || piece->x1 > g_array_index (page->pieces, Piece, leaf).x1 + 0.5))
            leaf = (int) p;
        }
      for (guint p = 0; p < page->pieces->len; p++)
        if (g_array_index (page->pieces, Piece, p).band == (int) b)
          g_array_index (page->pieces, Piece, p).band = -2;   /* own, not yet taken */
      if (leaf < 0)
        continue;
      band_take_piece (page->bands, page->pieces, (int) b, (guint) leaf);
      /* the other own pieces in its x-range, widening it */
      for (gboolean grew = TRUE; grew; )
        {
          grew = FALSE;
          for (guint p = 0; p < page->pieces->len; p++)
            {
              Piece *piece = &g_array_index (page->pieces, Piece, p);

              if (piece->band == -2 && y_overlap (band->y1, band->y2, piece->y1, piece->y2) > 0 &&
                  band_take_piece (page->bands, page->pieces, (int) b, p))
                grew = TRUE;
            }
        }
      /* the label starts at its topmost piece */
      {
        double top = G_MAXDOUBLE;

        for (guint p = 0; p < page->pieces->len; p++)
          {
            Piece *piece = &g_array_index (page->pieces, Piece, p);

            if (piece->band == (int) b && piece->y1 < top)
              {
                top = piece->y1;
                band->top_numbered = piece_numbered (piece);
              }
          }
      }
    }

  /* rows without values: a numbered piece, the rightmost on its line,
   * with no label column right of it close by (then it is a group label
   * spanning rows), that does not start the label of the row of values
   * below it */
  {
    guint n_bands = page->bands->len;
    gboolean added = FALSE;

    for (guint p = 0; p < page->pieces->len; p++)
      {
        Piece *piece = &g_array_index (page->pieces, Piece, p);
        double h = piece->y2 - piece->y1, c = (piece->y1 + piece->y2) / 2;
        gboolean start = piece->band == -1 && piece_numbered (piece) &&
                         g_utf8_strlen (piece->text->str, 200) < 100;   /* a label, not a note */
        int next = -1;

        gboolean right_above = FALSE, right_below = FALSE;

        for (guint q = 0; q < page->pieces->len && start; q++)
          {
            Piece *other = &g_array_index (page->pieces, Piece, q);
            double oc = (other->y1 + other->y2) / 2;

            if (q == p)
              continue;
            if (y_overlap (other->y1, other->y2, piece->y1, piece->y2) >= MIN (h, other->y2 - other->y1) * 0.5)
              {
                if (other->x1 > piece->x1)
                  start = FALSE;   /* not the rightmost on its line */
              }
            else if (fabs (oc - c) <= h * 2.5 && other->x1 >= piece->x2 - 0.5)
              {
                right_above |= oc < c;
                right_below |= oc > c;
              }
          }
        for (guint b = 0; b < n_bands; b++)
          {
            Band *band = &g_array_index (page->bands, Band, b);
            double bc = (band->y1 + band->y2) / 2;

            if (band->leaf >= 0 && fabs (bc - c) <= h * 2.5 && band->lx1 >= piece->x2 - 0.5)
              {
                right_above |= bc < c;
                right_below |= bc > c;
              }
            if (next < 0 && bc > c)
              next = (int) b;
          }
        /* labels right of it above and below: a group label between its rows */
        if (!start || (right_above && right_below))
          continue;
        if (next >= 0 &&
            (g_array_index (page->bands, Band, next).leaf < 0 ||
             (!g_array_index (page->bands, Band, next).top_numbered &&
              x_overlaps (piece->x1, piece->x2, g_array_index (page->bands, Band, next).lx1,
                          g_array_index (page->bands, Band, next).lx2))))
          {
            /* the start of the label of the row below (which has no label
             * or one that does not start with its numbering), unless
             * another starts between */
            Band *nb = &g_array_index (page->bands, Band, next);
            gboolean other_start = FALSE;

            for (guint q = p + 1; q < page->pieces->len && !other_start; q++)
              {
                Piece *other = &g_array_index (page->pieces, Piece, q);

                other_start = other->band == -1 && other->y1 >= piece->y2 - 0.5 && other->y2 <= nb->y1 + 0.5 &&
                              piece_numbered (other) && x_overlaps (other->x1, other->x2, piece->x1, piece->x2);
              }
            if (!other_start)
              continue;
          }
        {
          Band fresh = { g_ptr_array_new (), piece->y1, piece->y2, piece->line, -1, 0, 0, FALSE };

          g_array_append_val (page->bands, fresh);
          band_take_piece (page->bands, page->pieces, (int) page->bands->len - 1, p);
          added = TRUE;
        }
      }

    /* what lies beside a new row's label is that row's */
    for (guint p = 0; p < page->pieces->len && added; p++)
      {
        Piece *piece = &g_array_index (page->pieces, Piece, p);
        double best = (piece->y2 - piece->y1) * 0.3;
        int own = -1;

        if (piece->band != -1)
          continue;
        for (guint b = n_bands; b < page->bands->len; b++)
          {
            Band *band = &g_array_index (page->bands, Band, b);
            double o = y_overlap (band->y1, band->y2, piece->y1, piece->y2);

            if (o > best)
              best = o, own = (int) b;
          }
        if (own >= 0 && !band_take_piece (page->bands, page->pieces, own, p))
          piece->band = -2;
      }

    if (added)
      {
        /* the bands in y order again, and the pieces told */
        g_autofree int *order = g_new (int, page->bands->len);
        g_autofree int *rank = g_new (int, page->bands->len);
        g_autoptr(GArray) sorted = g_array_sized_new (FALSE, TRUE, sizeof (Band), page->bands->len);

        for (guint b = 0; b < page->bands->len; b++)
          order[b] = (int) b;
        for (guint i = 1; i < page->bands->len; i++)
          for (guint j = i; j > 0 &&
               g_array_index (page->bands, Band, order[j]).y1 < g_array_index (page->bands, Band, order[j - 1]).y1; j--)
            {
              int t = order[j];

              order[j] = order[j - 1];
              order[j - 1] = t;
            }
        for (guint b = 0; b < page->bands->len; b++)
          {
            rank[order[b]] = (int) b;
            g_array_append_val (sorted, g_array_index (page->bands, Band, order[b]));
          }
        for (guint p = 0; p < page->pieces->len; p++)
          {
            Piece *piece = &g_array_index (page->pieces, Piece, p);

            if (piece->band >= 0)
              piece->band = rank[piece->band];
          }
        g_array_set_clear_func (page->bands, NULL);
        g_array_unref (page->bands);
        page->bands = g_steal_pointer (&sorted);
        g_array_set_clear_func (page->bands, band_clear);
      }
  }

  /* the pieces between rows, run by run */
  {
    g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (guint));
    int run_prev = -2, run_next = -2;

    for (guint p = 0; p <= page->pieces->len; p++)
      {
        Piece *piece = p < page->pieces->len ? &g_array_index (page->pieces, Piece, p) : NULL;
        int prev = -1, next = -1;

        if (piece != NULL)
          {
            double c = (piece->y1 + piece->y2) / 2;

            if (piece->band != -1)
              continue;
            for (guint b = 0; b < page->bands->len; b++)
              {
                Band *band = &g_array_index (page->bands, Band, b);

                if ((band->y1 + band->y2) / 2 < c)
                  prev = (int) b;
                else if (next < 0)
                  next = (int) b;
              }
            /* a header repeated between the rows cuts the run */
            for (guint k = 0; k < barriers->len; k++)
              {
                double y = g_array_index (barriers, double, k);
                Band *pb = prev >= 0 ? &g_array_index (page->bands, Band, prev) : NULL;
                Band *nb = next >= 0 ? &g_array_index (page->bands, Band, next) : NULL;

                if (y < c && (pb == NULL || y > pb->y2))
                  prev = -1;
                if (y > c && (nb == NULL || y < nb->y1))
                  next = -1;
              }
          }
        if (piece == NULL || prev != run_prev || next != run_next)
          {
            share_run (page->bands, page->pieces, run, run_prev, run_next);
            g_array_set_size (run, 0);
            run_prev = prev;
            run_next = next;
          }
        if (piece != NULL)
          g_array_append_val (run, p);
      }
  }
  return TRUE;
}

static void
emit_page (GxFlow    *flow,
           GxSection  section,
           Page      *page)
{
  for (guint b = 0; b < page->bands->len; b++)
    {
      Band *band = &g_array_index (page->bands, Band, b);
      g_autoptr(GPtrArray) own = g_ptr_array_new ();
      g_autoptr(GString) label = g_string_new (NULL);
      g_autofree char **cells = g_new0 (char *, page->columns.n + 1);
      g_autofree double *cell_y = g_new0 (double, page->columns.n + 1);
      g_autoptr(GStringChunk) joined = g_string_chunk_new (64);
      gboolean placed = page->columns.n > 0;
      GxFlowRow *out;

      for (guint p = 0; p < page->pieces->len; p++)
        if (g_array_index (page->pieces, Piece, p).band == (int) b)
          g_ptr_array_add (own, &g_array_index (page->pieces, Piece, p));
      g_ptr_array_sort (own, compare_pieces);
      /* a numbering below its words starts the label all the same */
      for (guint p = 1; p < own->len; p++)
        if (piece_bare_numbering (g_ptr_array_index (own, p)))
          {
            gpointer numbering = g_ptr_array_steal_index (own, p);

            g_ptr_array_insert (own, 0, numbering);
            break;
          }
      for (guint p = 0; p < own->len; p++)
        g_string_append (label, ((Piece *) g_ptr_array_index (own, p))->text->str);

      /* each value into its column; pieces of one number stacked in its
       * cell are joined top to bottom */
      g_ptr_array_sort (band->values, compare_chunks_y);
      for (guint i = 0; i < band->values->len && placed; i++)
        {
          const Chunk *chunk = g_ptr_array_index (band->values, i);
          int c = column_of (&page->columns, chunk);

          if (c < 0)
            placed = FALSE;
          else if (cells[c] == NULL)
            {
              cells[c] = chunk->text;
              cell_y[c] = chunk->y2;
            }
          else if (chunk->y1 >= cell_y[c] - (chunk->y2 - chunk->y1) * 0.3 &&
                   gx_value_parse (cells[c], NULL) && gx_value_parse (chunk->text, NULL))
            {
              g_autofree char *both = g_strconcat (cells[c], chunk->text, NULL);

              cells[c] = g_string_chunk_insert (joined, both);
              cell_y[c] = chunk->y2;
            }
          else
            placed = FALSE;   /* two values in one column */
        }

      out = gx_flow_add_row (flow, band->line, !placed);
      if (label->len > 0 || section != GX_SECTION_REVIEW_LITIGATION || !placed)
        gx_flow_row_add_cell (out, label->str, band->line);
      if (placed)
        for (guint c = 0; c < page->columns.n; c++)
          gx_flow_row_add_cell (out, cells[c] ? cells[c] : "", band->line);
      else
        {
          /* in order, left to right; a number stacked in its cell joined */
          g_autoptr(GPtrArray) tops = g_ptr_array_new ();
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

          for (guint i = 0; i < band->values->len; i++)
            {
              const Chunk *chunk = g_ptr_array_index (band->values, i);
              guint k;

              for (k = 0; k < tops->len; k++)
                {
                  const Chunk *top = g_ptr_array_index (tops, k);

                  if (x_overlaps (top->x1, top->x2, chunk->x1, chunk->x2) && chunk->y1 > top->y1)
                    break;
                }
              if (k < tops->len && gx_value_parse (chunk->text, NULL))
                {
                  char *both = g_strconcat (g_ptr_array_index (texts, k), chunk->text, NULL);

                  g_free (g_ptr_array_index (texts, k));
                  g_ptr_array_index (texts, k) = both;
                  continue;
                }
              /* left to right */
              for (k = 0; k < tops->len && ((const Chunk *) g_ptr_array_index (tops, k))->x1 < chunk->x1; k++)
                ;
              g_ptr_array_insert (tops, (gint) k, (gpointer) chunk);
              g_ptr_array_insert (texts, (gint) k, g_strdup (chunk->text));
            }
          for (guint k = 0; k < texts->len; k++)
            gx_flow_row_add_cell (out, g_ptr_array_index (texts, k), band->line);
        }
    }
}

/* Sections 三 and 四 by geometry, page by page; FALSE (nothing emitted)
 * when the columns of a page cannot be told. */
static gboolean
geo_table (GxFlow     *flow,
           GxSection   section,
           GPtrArray  *lines,
           GxGeoFlags  flags)
{
  static const guint applications[] = { 7 };
  static const guint review[] = { 15, 5 };
  const guint *wanted = section == GX_SECTION_APPLICATIONS ? applications : review;
  guint n_wanted = section == GX_SECTION_APPLICATIONS ? 1 : 2;
  g_autoptr(GArray) pages = g_array_new (FALSE, TRUE, sizeof (Page));
  GeoColumns previous = { 0, };
  guint from = 0, n_told = 0;
  gboolean ok = TRUE;

  if (section != GX_SECTION_APPLICATIONS && section != GX_SECTION_REVIEW_LITIGATION)
    return FALSE;
  for (guint l = 1; l <= lines->len && ok; l++)
    {
      Page page = { NULL, NULL, { 0, } };

      if (l < lines->len &&
          ((Line *) g_ptr_array_index (lines, l))->page == ((Line *) g_ptr_array_index (lines, from))->page)
        continue;
      ok = read_page (lines, from, l, wanted, n_wanted,
                      (flags & GX_GEO_SAME_X_ACROSS_PAGES) ? &previous : NULL, &page);
      if (ok && page.columns.n > 0)
        {
          previous = page.columns;
          n_told++;
        }
      g_array_append_val (pages, page);
      from = l;
    }
  /* every page of the table ends in the same number of columns */
  for (guint p = 0; p < pages->len && ok; p++)
    {
      Page *page = &g_array_index (pages, Page, p);

      ok = page->bands == NULL || page->bands->len == 0 || page->columns.n == 0 ||
           page->columns.n == previous.n;
    }
  ok = ok && n_told > 0;
  if (ok)
    for (guint p = 0; p < pages->len; p++)
      if (g_array_index (pages, Page, p).bands != NULL)
        emit_page (flow, section, &g_array_index (pages, Page, p));
  for (guint p = 0; p < pages->len; p++)
    page_clear (&g_array_index (pages, Page, p));
  return ok && lines->len > 0;
}

/* The document ----------------------------------------------------------------------- */

GxDocument *
gx_geometry_read (GArray      *lines,
                  GxGeoFlags   flags,
                  const char  *source_name,
                  GError     **error)
{
  g_autoptr(GxFlow) flow = NULL;
  g_autoptr(GPtrArray) table = g_ptr_array_new ();
  g_autoptr(GString) paragraph = g_string_new (NULL);
  const Line *paragraph_last = NULL;
  guint paragraph_line = 0;
  Region region = REGION_PROSE;
  GxFormat format = GX_FORMAT_2021;

  labels_init ();
  flow = gx_flow_new (source_name);
  for (guint l = 0; l <= lines->len; l++)
    {
      Line *line = l < lines->len ? &g_array_index (lines, Line, l) : NULL;
      Region heading = line ? heading_region (line) : REGION_END;
      g_autofree char *text = NULL;

      if (line != NULL && line->number == 0)
        line->number = l + 1;
      if (heading != HEADING_NONE)
        {
          if (paragraph->len > 0)
            gx_flow_add_line (flow, paragraph->str, paragraph_line, FALSE);
          g_string_truncate (paragraph, 0);
          paragraph_last = NULL;
          /* the table of a section ends at the next heading */
          if (region >= 0 && region < (Region) GX_N_SECTIONS &&
              !geo_table (flow, (GxSection) region, table, flags))
            emit_table (flow, (GxSection) region, format, table);
          g_ptr_array_set_size (table, 0);
          region = heading;
          if (region == (Region) GX_SECTION_DISCLOSURE)
            format = detect_format_from (lines, l + 1);
          if (line == NULL)
            break;
          text = line_text (line);
          gx_flow_add_line (flow, text, line->number, FALSE);
          continue;
        }

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
