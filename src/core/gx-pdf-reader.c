/* gx-pdf-reader.c: PDF documents with a text layer (poppler-glib)
 *
 * A PDF has no tables, only characters at positions.  Here the characters
 * of each page become lines: characters whose vertical centres agree, in
 * x order, cut into chunks where the gap is wider than half the line
 * height (the padding between two table cells usually is; the space
 * between two words of prose is not), each chunk with its box.  Page
 * numbers in the margins are dropped, and so are running heads and feet
 * (gx_geo_lines_finish()).  Glyph boxes far higher than wide (a web page
 * printed by Chromium) are first brought down to the glyphs' size.  The
 * sections, prose and tables are then read from the positions by
 * gx-geometry.c.
 *
 * Narrow cells with little padding (a web page printed to PDF: "217" and
 * "1" 3 pt apart in two neighbouring columns) defeat the gap alone.  Where
 * a page holds table rows, it is also drawn in grey levels with its text
 * masked out, and the vertical rules left (cell borders: long, thin runs
 * of ink) cut chunks too, however close the glyphs on either side.
 */
#include "gx-config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <poppler.h>

#include "gx-geometry.h"
#include "gx-pdf-reader.h"
#include "gx-reader.h"

#define MAX_PAGES  1000
#define MAX_GLYPHS (1024 * 1024)   /* a report has some 20,000 characters */

#define RULE_SCALE      2.0     /* pixels a point when a page is drawn for its rules */
#define RULE_MAX_PIXELS (4 * 1024 * 1024)   /* a larger page is drawn smaller */
#define RULE_MIN_LENGTH 6.0     /* points: shorter runs of ink are not rules */
#define RULE_INK        48      /* of 255: a pixel at least this dark is ink */

#define GLYPH_TALL      1.6     /* height / width of a Chinese character's box: too high */
#define GLYPH_HEIGHT    1.3     /* … brought down to this */

typedef PopplerDocument GxPopplerDocument;
typedef PopplerPage GxPopplerPage;

typedef struct
{
  gunichar c;
  double x1, y1, x2, y2;
} Glyph;

/* A vertical rule of a table: its x and the y-range it runs over, in the
 * page's points */
typedef struct
{
  double x, y1, y2;
} Rule;

/* The text of one page between the two cuts of its lines */
typedef struct
{
  GArray *glyphs;   /* Glyph, by their vertical centres; NULL: no page */
  double top, width, height;
  gboolean table;   /* it holds rows of a table */
  gboolean split_numbers;   /* digits set apart inside a chunk: two cells? */
} PageText;

#define PAGE(pages, p) (&g_array_index ((pages), PageText, (p)))

static void
page_text_clear (gpointer data)
{
  g_clear_pointer (&((PageText *) data)->glyphs, g_array_unref);
}

/* What cuts the lines of a page besides gaps */
typedef struct
{
  GArray *rules;    /* Rule: the page's vertical rules */
  GArray *starts;   /* double: the x where cells of the page's table rows begin */
  guint split_numbers;   /* out: chunks in which two digits are set apart */
} PageCuts;

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
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
compare_glyph_x (gconstpointer a,
                 gconstpointer b)
{
  const Glyph *ga = a, *gb = b;

  return ga->x1 < gb->x1 ? -1 : ga->x1 > gb->x1;
}

/* Lines of one page ---------------------------------------------------------------- */

/* TRUE if a rule runs between x1 and x2 at height y */
static gboolean
rule_between (GArray *rules,
              double  x1,
              double  x2,
              double  y)
{
  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const Rule *r = &g_array_index (rules, Rule, i);

      if (r->x >= x1 - 0.5 && r->x <= x2 + 0.5 && r->y1 <= y && r->y2 >= y)
        return TRUE;
    }
  return FALSE;
}

static gboolean
number_glyph (gunichar c)
{
  return (c >= '0' && c <= '9') || c == '.' || c == ',';
}

/* Where the chunk of glyphs [a, b) is to be cut when a label and the
 * number of the next cell run together ("行政规范性文件8": a borderless
 * table whose label fills its column): the number is cut off when it
 * begins where other cells of the page's table rows begin.  @b when not. */
static guint
number_tail (GArray *glyphs,
             guint   a,
             guint   b,
             GArray *starts)
{
  guint k = b;
  const Glyph *first;

  while (k > a && number_glyph (g_array_index (glyphs, Glyph, k - 1).c))
    k--;
  if (k == a || k == b || starts == NULL)
    return b;
  first = &g_array_index (glyphs, Glyph, k);
  /* a number after a label's Chinese character */
  if (first->c < '0' || first->c > '9' || g_array_index (glyphs, Glyph, k - 1).c < 0x2E80)
    return b;
  for (guint i = 0; i < starts->len; i++)
    if (fabs (g_array_index (starts, double, i) - first->x1) <= 1.0)
      return k;
  return b;
}

static void
add_chunk (GxGeoLine *line,
           GArray    *glyphs,
           guint      a,
           guint      b,
           double     page_top)
{
  GString *text = g_string_new (NULL);
  double x2 = 0, y1 = G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  for (guint i = a; i < b; i++)
    {
      const Glyph *g = &g_array_index (glyphs, Glyph, i);

      g_string_append_unichar (text, g->c);
      x2 = MAX (x2, g->x2);
      y1 = MIN (y1, g->y1);
      y2 = MAX (y2, g->y2);
    }
  gx_geo_line_add_chunk (line, text->str, (gssize) text->len,
                         g_array_index (glyphs, Glyph, a).x1, x2, y1 + page_top, y2 + page_top);
  line->xmax = MAX (line->xmax, x2);
  g_string_free (text, TRUE);
}

/* The glyphs [a, b) as a chunk; in a table, a chunk of nothing but digits
 * set a little apart ("1000" over four cells 16 pt wide, no border
 * between them) as the numbers of neighbouring cells: digits of one number
 * touch. */
static void
add_numbers (GxGeoLine *line,
             GArray    *glyphs,
             guint      a,
             guint      b,
             double     page_top,
             double     height)
{
  guint from = a;

  for (guint i = a; i < b; i++)
    if (!number_glyph (g_array_index (glyphs, Glyph, i).c))
      {
        add_chunk (line, glyphs, a, b, page_top);
        return;
      }
  for (guint i = a + 1; i <= b; i++)
    if (i == b ||
        g_array_index (glyphs, Glyph, i).x1 - g_array_index (glyphs, Glyph, i - 1).x2 > height * 0.2)
      {
        add_chunk (line, glyphs, from, i, page_top);
        from = i;
      }
}

/* The glyphs [from, to) of one line, cut into chunks where the gap is
 * wide, where a rule of @cuts runs, and where a number runs on from a
 * label (number_tail()). */
static void
cut_line (GArray         *glyphs,
          guint           from,
          guint           to,
          double          page_top,
          PageCuts       *cuts,
          GArray         *lines)
{
  GxGeoLine line;
  double height = 0, prev_x2 = 0, yc;
  guint start = from;

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
  yc = (line.y1 + line.y2) / 2 - page_top;

  for (guint i = from; i <= to; i++)
    {
      const Glyph *g = i < to ? &g_array_index (glyphs, Glyph, i) : NULL;

      if (i > start &&
          (g == NULL || g->x1 - prev_x2 > height * 0.5 ||
           rule_between (cuts ? cuts->rules : NULL, prev_x2, g->x1, yc)))
        {
          guint tail = number_tail (glyphs, start, i, cuts ? cuts->starts : NULL);

          if (cuts != NULL && cuts->starts != NULL)
            {
              add_numbers (&line, glyphs, start, tail, page_top, height);
              if (tail < i)
                add_numbers (&line, glyphs, tail, i, page_top, height);
            }
          else
            add_chunk (&line, glyphs, start, i, page_top);
          start = i;
        }
      if (g == NULL)
        break;
      /* "217 1": digits a little apart, as two numbers in neighbouring
       * narrow cells are (digits of one number touch) */
      if (i > start && cuts != NULL && g->x1 - prev_x2 > height * 0.2 &&
          number_glyph (g->c) && number_glyph (g_array_index (glyphs, Glyph, i - 1).c))
        cuts->split_numbers++;
      prev_x2 = i == start ? g->x2 : MAX (prev_x2, g->x2);
    }
  g_array_append_val (lines, line);
}

/* The glyphs of a page, sorted by their vertical centres, as lines */
static void
cut_lines (GArray   *glyphs,
           double    page_top,
           PageCuts *cuts,
           GArray   *lines)
{
  guint start = 0;

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
      cut_line (glyphs, start, k, page_top, cuts, lines);
      start = k;
    }
}

/* Lines [first, end) that look like rows of a table: a label, then
 * values */
static guint
table_rows (GArray *lines,
            guint   first,
            guint   end)
{
  guint rows = 0;

  for (guint k = first; k < end; k++)
    {
      GxGeoLine *line = &g_array_index (lines, GxGeoLine, k);
      gboolean values = FALSE;

      for (guint c = 1; c < line->chunks->len; c++)
        values |= GX_GEO_CHUNK (line, c)->value;
      rows += values;
    }
  return rows;
}

/* Adds the x where the second and later chunks of lines [first, end)
 * begin: the cells of tables after their labels */
static void
cell_starts (GArray *lines,
             guint   first,
             guint   end,
             GArray *starts)
{
  for (guint k = first; k < end; k++)
    {
      GxGeoLine *line = &g_array_index (lines, GxGeoLine, k);

      for (guint c = 1; c < line->chunks->len; c++)
        g_array_append_val (starts, GX_GEO_CHUNK (line, c)->x1);
    }
}

/* How dark a pixel of an RGB24 surface is (0 white … 255 black), when it
 * is grey: coloured ink (a red seal, a tinted cell) is no rule */
static int
grey_ink (guint32 pixel)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;
  int lo = MIN (r, MIN (g, b)), hi = MAX (r, MAX (g, b));

  return hi - lo > 60 ? 0 : 255 - (r + g + b) / 3;
}

/* The vertical rules of a page: it is drawn with its text masked out, and
 * a rule is a run of ink at least RULE_MIN_LENGTH long and thin (no ink
 * two points to either side along most of it). */
static GArray *
page_rules (PopplerPage *page,
            GArray      *glyphs,
            double       width,
            double       height)
{
  GArray *rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  double scale = RULE_SCALE;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint32 *data;
  int w, h, stride, min_run, side;
  g_autofree guint8 *ink = NULL;

  if (!isfinite (width) || !isfinite (height) || width < 1 || height < 1 ||
      width > 14400 || height > 14400)
    return rules;
  if (width * height * scale * scale > RULE_MAX_PIXELS)
    scale = sqrt (RULE_MAX_PIXELS / (width * height));
  w = (int) ceil (width * scale);
  h = (int) ceil (height * scale);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return rules;
    }
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);

  /* the text masked out: what is left is drawn lines, fills and images */
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (guint i = 0; i < glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (glyphs, Glyph, i);

      cairo_rectangle (cr, g->x1 - 0.25, g->y1 - 0.25, g->x2 - g->x1 + 0.5, g->y2 - g->y1 + 0.5);
    }
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = (guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  /* a thin line drawn between two pixel columns greys both: their
   * darkness adds up */
  ink = g_malloc ((gsize) w * (gsize) h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int d = grey_ink (data[(gsize) y * stride + x]);
        int next = x + 1 < w ? grey_ink (data[(gsize) y * stride + x + 1]) : 0;

        ink[(gsize) y * w + x] = d >= RULE_INK || (d > 0 && d + next >= RULE_INK);
      }
  cairo_surface_destroy (surface);

  min_run = MAX (2, (int) (RULE_MIN_LENGTH * scale));
  side = MAX (2, (int) lround (2 * scale));
  for (int x = side; x < w - side; x++)
    for (int y = 0; y < h; )
      {
        int y2 = y, beside = 0;

        if (!ink[(gsize) y * w + x])
          {
            y++;
            continue;
          }
        while (y2 < h && ink[(gsize) y2 * w + x])
          y2++;
        if (y2 - y >= min_run)
          {
            for (int k = y; k < y2; k++)
              beside += ink[(gsize) k * w + x - side] || ink[(gsize) k * w + x + side];
            if (beside * 2 < y2 - y)
              {
                Rule rule = { (x + 0.5) / scale, y / scale, y2 / scale };

                g_array_append_val (rules, rule);
              }
          }
        y = y2;
      }
  return rules;
}

/* The text of a page ------------------------------------------------------------------ */

/* A Chinese character is as wide as it is high (its box a little higher,
 * 1.3 times as high with LibreOffice, 1.44 with cairo).  Some producers'
 * fonts give boxes far higher than the glyphs (Chromium's print to PDF:
 * 2.6 times the width), higher than the pitch of a table's rows, so that
 * the rows' boxes overlap and their lines and cells run together.  Where
 * the Chinese characters of a page are more than 1.6 times as high as
 * wide, every glyph box of the page is brought down about its centre to
 * 1.3 times. */
static void
fit_glyph_heights (GArray *glyphs)
{
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  double median, scale;

  for (guint i = 0; i < glyphs->len; i++)
    {
      const Glyph *g = &g_array_index (glyphs, Glyph, i);

      if (g->c >= 0x4E00 && g->c <= 0x9FFF && g->x2 - g->x1 > 0.5)
        {
          double ratio = (g->y2 - g->y1) / (g->x2 - g->x1);

          g_array_append_val (ratios, ratio);
        }
    }
  if (ratios->len < 10)
    return;
  g_array_sort (ratios, compare_double);
  median = g_array_index (ratios, double, ratios->len / 2);
  if (median <= GLYPH_TALL)
    return;
  scale = GLYPH_HEIGHT / median;
  for (guint i = 0; i < glyphs->len; i++)
    {
      Glyph *g = &g_array_index (glyphs, Glyph, i);
      double centre = (g->y1 + g->y2) / 2, half = (g->y2 - g->y1) / 2 * scale;

      g->y1 = centre - half;
      g->y2 = centre + half;
    }
}

/* The glyphs of a page that are not blank, by their vertical centres */
static GArray *
page_glyphs (PopplerPage *page,
             guint       *n_glyphs)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  GArray *glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  guint n_rects = 0, i = 0;

  if (text == NULL || !poppler_page_get_text_layout (page, &rects, &n_rects))
    return glyphs;

  for (const char *p = text; *p && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);
      Glyph g = { c, rects[i].x1, rects[i].y1, rects[i].x2, rects[i].y2 };

      if (g_unichar_isspace (c) || c == 0x3000 || c == 0xA0 || g.y2 <= g.y1 ||
          !isfinite (g.x1) || !isfinite (g.y1) || !isfinite (g.x2) || !isfinite (g.y2))
        continue;
      if (++*n_glyphs > MAX_GLYPHS)
        break;
      g_array_append_val (glyphs, g);
    }
  fit_glyph_heights (glyphs);
  g_array_sort (glyphs, compare_glyph_y);
  return glyphs;
}

/* After the lines [first, …) of page @page_no: page numbers in the top
 * and bottom margins dropped, the page noted */
static void
finish_page (GArray *lines,
             guint   first,
             guint   page_no,
             double  page_top,
             double  height)
{
  for (guint k = lines->len; k > first; k--)
    {
      GxGeoLine *line = &g_array_index (lines, GxGeoLine, k - 1);
      double y = (line->y1 + line->y2) / 2 - page_top;
      g_autofree char *t = gx_geo_line_text (line);

      if ((y < height * 0.08 || y > height * 0.90) && gx_geo_is_page_number (t))
        g_array_remove_index (lines, k - 1);
    }
  for (guint k = first; k < lines->len; k++)
    g_array_index (lines, GxGeoLine, k).page = page_no;
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
  g_autoptr(GArray) first_cut = NULL;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pages = NULL;
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

  /* the lines of every page, cut where the gaps are */
  pages = g_array_new (FALSE, TRUE, sizeof (PageText));
  g_array_set_clear_func (pages, page_text_clear);
  g_array_set_size (pages, n_pages);
  first_cut = gx_geo_lines_new ();
  for (guint p = 0; p < n_pages; p++)
    {
      g_autoptr(GxPopplerPage) page = poppler_document_get_page (pdf, (int) p);
      guint first = first_cut->len;

      PAGE (pages, p)->top = top;
      if (page == NULL)
        continue;
      poppler_page_get_size (page, &PAGE (pages, p)->width, &PAGE (pages, p)->height);
      PAGE (pages, p)->glyphs = page_glyphs (page, &n_glyphs);
      if (n_glyphs > MAX_GLYPHS)
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                       _("%s: the PDF holds more than %u characters of text"),
                       source_name, MAX_GLYPHS);
          return NULL;
        }
      {
        PageCuts gaps = { NULL, NULL, 0 };

        cut_lines (PAGE (pages, p)->glyphs, top, &gaps, first_cut);
        PAGE (pages, p)->split_numbers = gaps.split_numbers > 0;
      }
      /* a page of table rows: its cells begin where the tables' columns do */
      PAGE (pages, p)->table = table_rows (first_cut, first, first_cut->len) > 0;
      if (PAGE (pages, p)->table)
        cell_starts (first_cut, first, first_cut->len, starts);
      /* pages are stacked, well apart */
      top += (isfinite (PAGE (pages, p)->height) ? MAX (PAGE (pages, p)->height, 0) : 0) + 1000;
    }

  /* the lines again, the pages of tables also cut where their rules run
   * and where the cells of the tables begin */
  lines = gx_geo_lines_new ();
  for (guint p = 0; p < n_pages; p++)
    {
      guint first = lines->len;

      if (PAGE (pages, p)->glyphs == NULL)
        continue;
      /* back in the order of their vertical centres: the first cut sorted
       * each line's glyphs by x, and a line is gathered from its first
       * glyph down (a label centred between two rows of a table would
       * start the line and draw both rows into it) */
      g_array_sort (PAGE (pages, p)->glyphs, compare_glyph_y);
      if (PAGE (pages, p)->table)
        {
          g_autoptr(GArray) rules = NULL;
          PageCuts cuts = { NULL, starts, 0 };

          /* drawing a page takes twice as long as reading its text: only
           * where digits set apart may be two cells */
          if (PAGE (pages, p)->split_numbers)
            {
              g_autoptr(GxPopplerPage) page = poppler_document_get_page (pdf, (int) p);

              rules = page_rules (page, PAGE (pages, p)->glyphs, PAGE (pages, p)->width,
                                  PAGE (pages, p)->height);
              cuts.rules = rules;
            }
          cut_lines (PAGE (pages, p)->glyphs, PAGE (pages, p)->top, &cuts, lines);
        }
      else
        cut_lines (PAGE (pages, p)->glyphs, PAGE (pages, p)->top, NULL, lines);
      finish_page (lines, first, p, PAGE (pages, p)->top, PAGE (pages, p)->height);
    }
  /* running heads and feet dropped, each page's right edge noted */
  gx_geo_lines_finish (lines);

  if (n_glyphs < 20)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NO_TEXT,
                   _("%s: the PDF has no text, only images (a scan?); it would have to be recognised (OCR) first"),
                   source_name);
      return NULL;
    }

  /* for developers: the lines as cut, with the x-range of each chunk */
  if (g_getenv ("GX_DEBUG_PDF") != NULL)
    for (guint k = 0; k < lines->len; k++)
      {
        GxGeoLine *line = &g_array_index (lines, GxGeoLine, k);

        g_printerr ("p%u y%.1f:", line->page, line->y1);
        for (guint c = 0; c < line->chunks->len; c++)
          g_printerr (" [%.1f-%.1f %s]", GX_GEO_CHUNK (line, c)->x1, GX_GEO_CHUNK (line, c)->x2,
                      GX_GEO_CHUNK (line, c)->text);
        g_printerr ("\n");
      }
  return gx_geometry_read (lines, GX_GEO_SAME_X_ACROSS_PAGES, source_name, error);
}
