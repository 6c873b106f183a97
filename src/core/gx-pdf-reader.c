/* gx-pdf-reader.c: PDF documents with a text layer (poppler-glib)
 *
 * A PDF has no tables, only characters at positions.  Here the characters
 * of each page become lines: characters whose vertical centres agree, in
 * x order, cut into chunks where the gap is wider than half the line
 * height (the padding between two table cells always is; the space
 * between two words of prose is not), each chunk with its box.  Page
 * numbers in the margins are dropped.  The sections, prose and tables are
 * then read from the positions by gx-geometry.c.
 */
#include "gx-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "gx-geometry.h"
#include "gx-pdf-reader.h"
#include "gx-reader.h"

#define MAX_PAGES  1000
#define MAX_GLYPHS (1024 * 1024)   /* a report has some 20,000 characters */

typedef PopplerDocument GxPopplerDocument;
typedef PopplerPage GxPopplerPage;

typedef struct
{
  gunichar c;
  double x1, y1, x2, y2;
} Glyph;

/* poppler-glib 22.x declares no autoptr cleanups of its own */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPopplerPage, g_object_unref)

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

/* Lines of one page ---------------------------------------------------------------- */

static void
cut_line (GArray  *glyphs,
          guint    from,
          guint    to,
          double   page_top,
          GArray  *lines)
{
  GxGeoLine line;
  GString *text = g_string_new (NULL);
  double height = 0, chunk_x1 = 0, prev_x2 = 0, chunk_y1 = 0, chunk_y2 = 0;

  /* the glyphs of the line, left to right */
  qsort (&g_array_index (glyphs, Glyph, from), to - from, sizeof (Glyph), compare_glyph_x);

  gx_geo_line_init (&line);
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
          gx_geo_line_add_chunk (&line, text->str, (gssize) text->len, chunk_x1, prev_x2,
                                 chunk_y1 + page_top, chunk_y2 + page_top);
          g_string_truncate (text, 0);
        }
      if (text->len == 0)
        {
          chunk_x1 = g->x1;
          chunk_y1 = g->y1;
          chunk_y2 = g->y2;
          prev_x2 = g->x2;
        }
      g_string_append_unichar (text, g->c);
      prev_x2 = MAX (prev_x2, g->x2);
      chunk_y1 = MIN (chunk_y1, g->y1);
      chunk_y2 = MAX (chunk_y2, g->y2);
    }
  if (text->len > 0)
    gx_geo_line_add_chunk (&line, text->str, (gssize) text->len, chunk_x1, prev_x2,
                           chunk_y1 + page_top, chunk_y2 + page_top);
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
      GxGeoLine *line = &g_array_index (lines, GxGeoLine, k - 1);
      double y = (line->y1 + line->y2) / 2 - page_top;
      g_autofree char *t = gx_geo_line_text (line);

      if ((y < height * 0.08 || y > height * 0.90) && gx_geo_is_page_number (t))
        g_array_remove_index (lines, k - 1);
    }

  for (guint k = first_line; k < lines->len; k++)
    right = MAX (right, g_array_index (lines, GxGeoLine, k).xmax);
  for (guint k = first_line; k < lines->len; k++)
    {
      GxGeoLine *line = &g_array_index (lines, GxGeoLine, k);

      line->page = page_no;
      line->page_right = right;
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
  double top = 0;
  guint n_pages, n_glyphs = 0;

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

  lines = gx_geo_lines_new ();
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

  return gx_geometry_read (lines, GX_GEO_SAME_X_ACROSS_PAGES, source_name, error);
}
