/* gx-layout-reader.c: text a PDF converter made, read by its geometry
 *
 * `pdftotext -layout` (and a copy pasted out of a PDF viewer) keeps the
 * page's columns as runs of spaces.  Each line becomes a line of chunks:
 * runs of text set apart by two spaces or more (and single numbers set
 * apart by one), with the character column as x and the line as y; a form
 * feed starts a page.  pdftotext gives every character one column; a
 * monospaced viewer gives CJK characters two: both are measured and the
 * one under which the values line up in fewer, narrower columns is taken.
 * The rest is gx-geometry.c, as for a PDF.
 */
#include "gx-config.h"

#include <string.h>

#include "gx-geometry.h"
#include "gx-layout-reader.h"

#define SNIFF_ROWS 5

/* The numbers of a line set apart by runs of two spaces or more. */
static guint
count_spaced_numbers (const char *line,
                      const char *end)
{
  guint n = 0, spaces = 2;

  for (const char *p = line; p < end; )
    {
      if (*p == ' ')
        {
          spaces++;
          p++;
          continue;
        }
      if (spaces >= 2 && g_ascii_isdigit (*p))
        {
          const char *q = p;

          while (q < end && (g_ascii_isdigit (*q) || *q == '.' || *q == ','))
            q++;
          if (q == end || *q == ' ')
            n++;
          p = q;
        }
      else
        while (p < end && *p != ' ')
          p++;
      spaces = 0;
    }
  return n;
}

/* The numbers that end a line, each set apart by a space or more
 * ("…申请数量 1448 60 2 2 1 8 1521": a table squeezed to the page, whose
 * columns pdftotext sets one space apart) */
static guint
count_trailing_numbers (const char *line,
                        const char *end)
{
  const char *p = end;
  guint n = 0;

  for (;;)
    {
      const char *q;

      while (p > line && p[-1] == ' ')
        p--;
      q = p;
      while (q > line && (g_ascii_isdigit (q[-1]) || q[-1] == '.' || q[-1] == ','))
        q--;
      if (q == p || !g_ascii_isdigit (*q) || (q > line && q[-1] != ' '))
        return n;
      n++;
      p = q;
    }
}

gboolean
gx_layout_reader_sniff (const char *text,
                        gsize       len)
{
  const char *end = text + len;
  guint rows = 0;

  if (memchr (text, '\t', len) != NULL)
    return FALSE;   /* the cell-per-line layout */
  for (const char *line = text; line < end && rows < SNIFF_ROWS; )
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *stop = nl ? nl : end;

      if (memchr (line, '|', (gsize) (stop - line)) == NULL &&
          (count_spaced_numbers (line, stop) >= 3 || count_trailing_numbers (line, stop) >= 3))
        rows++;
      line = nl ? nl + 1 : end;
    }
  return rows >= SNIFF_ROWS;
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == 0x3000 || c == 0xA0 || c == '\r';
}

static double
char_width (gunichar c,
            gboolean wide_cjk)
{
  if (!wide_cjk)
    return 1;
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/* TRUE if @before ends in a Chinese character and the number that ends at
 * @q is followed, a space or more on, by another number, or ends the line
 * (the first value of a row set beside its label's first line, the others
 * on the next) */
static gboolean
label_before_numbers (const char *before,
                      const char *q,
                      const char *end)
{
  const char *last;
  guint spaces = 0;

  if (*before == '\0')
    return FALSE;
  last = g_utf8_find_prev_char (before, before + strlen (before));
  if (last == NULL || g_utf8_get_char (last) < 0x2E80)
    return FALSE;
  if (q == end)
    return TRUE;
  while (q < end && *q == ' ')
    q++, spaces++;
  return spaces >= 1 && q < end && g_ascii_isdigit (*q);
}

/* Cuts one line into chunks; @y is its index in the file. */
static void
add_line (GArray     *lines,
          const char *text,
          const char *end,
          double      y,
          guint       page,
          guint       number,
          gboolean    wide_cjk)
{
  GxGeoLine line;
  const char *p = text, *chunk = NULL, *chunk_end = NULL, *token = text;
  double x = 0, chunk_x1 = 0, chunk_x2 = 0;
  guint spaces = 1;

  gx_geo_line_init (&line);
  line.y1 = y;
  line.y2 = y + 1;
  line.page = page;
  line.number = number;
  while (p <= end)
    {
      gunichar c = p < end ? g_utf8_get_char_validated (p, end - p) : ' ';
      const char *next = p < end ? g_utf8_next_char (p) : end + 1;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        c = '?', next = p + 1;
      if (is_space (c) || p == end)
        {
          spaces++;
          if (chunk != NULL && (spaces >= 2 || p == end))
            {
              gx_geo_line_add_chunk (&line, chunk, chunk_end - chunk, chunk_x1, chunk_x2, y, y + 1);
              chunk = NULL;
            }
        }
      else
        {
          /* a single space goes on a run of text, but parts two numbers */
          if (chunk != NULL && spaces == 1 && g_ascii_isdigit (*p))
            {
              const char *q = p;
              g_autofree char *before = g_strndup (token, chunk_end - token);
              g_autofree char *after = NULL;

              while (q < end && *q != ' ')
                q++;
              after = g_strndup (p, q - p);
              /* two numbers; or a label and the first of the numbers that
               * follow it ("行政规范性文件 62     33    440", "不计其 12 0") */
              if (gx_geo_is_value_text (after) &&
                  (gx_geo_is_value_text (before) || label_before_numbers (before, q, end)))
                {
                  gx_geo_line_add_chunk (&line, chunk, chunk_end - chunk, chunk_x1, chunk_x2, y, y + 1);
                  chunk = NULL;
                }
            }
          if (spaces > 0 || chunk == NULL)
            token = p;
          if (chunk == NULL)
            {
              chunk = p;
              chunk_x1 = x;
            }
          chunk_end = next;
          chunk_x2 = x + char_width (c, wide_cjk);
          spaces = 0;
        }
      if (p < end)
        x += char_width (c, wide_cjk);
      p = next;
    }
  line.xmax = chunk_x2;
  if (line.chunks->len > 0)
    g_array_append_val (lines, line);
  else
    g_array_unref (line.chunks);
}

static GArray *
read_lines (const char *text,
            gsize       len,
            gboolean    wide_cjk)
{
  GArray *lines = gx_geo_lines_new ();
  const char *end = text + len;
  guint number = 0, page = 0, page_first = 0;
  double y = 0;

  for (const char *line = text; line < end; )
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *stop = nl ? nl : end;

      number++;
      while (line < stop && *line == '\f')
        {
          page++;
          page_first = lines->len;
          line++;
        }
      add_line (lines, line, stop, y, page, number, wide_cjk);
      y++;
      line = nl ? nl + 1 : end;
      /* the page's last line, a page number, is not text of the report */
      if ((line >= end || *line == '\f') && lines->len > page_first)
        {
          GxGeoLine *last = &g_array_index (lines, GxGeoLine, lines->len - 1);
          g_autofree char *t = gx_geo_line_text (last);

          if (last->page == page && gx_geo_is_page_number (t))
            g_array_set_size (lines, lines->len - 1);
        }
    }

  /* "-3-", "第3页" anywhere are page numbers too (a bare number may be a
   * digit wrapped in its cell) */
  for (guint k = lines->len; k > 0; k--)
    {
      GxGeoLine *line = &g_array_index (lines, GxGeoLine, k - 1);
      g_autofree char *t = gx_geo_line_text (line);

      if (line->chunks->len == 1 && gx_geo_is_page_number (t) && !gx_geo_is_value_text (t))
        g_array_remove_index (lines, k - 1);
    }

  gx_geo_lines_finish (lines);
  return lines;
}

static int
compare_range (gconstpointer a,
               gconstpointer b)
{
  const double *x = a, *y = b;

  return x[0] < y[0] ? -1 : x[0] > y[0];
}

/* How much of the width the values of lines with three or more of them
 * cover, page by page: the less, the better they line up. */
static double
values_spread (GArray *lines)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  double total = 0;

  for (guint k = 0; k <= lines->len; k++)
    {
      GxGeoLine *line = k < lines->len ? &g_array_index (lines, GxGeoLine, k) : NULL;
      guint n = 0;

      if (line == NULL || (k > 0 && line->page != g_array_index (lines, GxGeoLine, k - 1).page))
        {
          double x1 = 0, x2 = -1;

          g_array_sort (ranges, compare_range);
          for (guint i = 0; i < ranges->len; i++)
            {
              double *r = (double *) (gpointer) (ranges->data + i * sizeof (double) * 2);

              if (r[0] < x2)
                x2 = MAX (x2, r[1]);
              else
                {
                  total += MAX (x2 - x1, 0);
                  x1 = r[0], x2 = r[1];
                }
            }
          total += MAX (x2 - x1, 0);
          g_array_set_size (ranges, 0);
        }
      if (line == NULL)
        break;
      for (guint i = 0; i < line->chunks->len; i++)
        n += GX_GEO_CHUNK (line, i)->value;
      if (n < 3)
        continue;
      for (guint i = 0; i < line->chunks->len; i++)
        if (GX_GEO_CHUNK (line, i)->value)
          {
            double r[2] = { GX_GEO_CHUNK (line, i)->x1, GX_GEO_CHUNK (line, i)->x2 };

            g_array_append_vals (ranges, r, 1);
          }
    }
  return total;
}

GxDocument *
gx_layout_reader_parse (const char  *text,
                        gsize        len,
                        const char  *source_name,
                        GError     **error)
{
  g_autoptr(GArray) narrow = read_lines (text, len, FALSE);
  g_autoptr(GArray) wide = NULL;
  gboolean has_wide = FALSE;

  for (const char *p = text; p < text + len && !has_wide; p++)
    has_wide = (guchar) *p >= 0xE1;   /* CJK is 3 bytes of UTF-8 from U+1100 */
  if (has_wide)
    {
      wide = read_lines (text, len, TRUE);
      if (values_spread (wide) < values_spread (narrow))
        return gx_geometry_read (wide, 0, source_name, error);
    }
  return gx_geometry_read (narrow, 0, source_name, error);
}
