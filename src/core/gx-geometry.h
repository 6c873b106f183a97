/* gx-geometry.h: a report rebuilt from positioned text
 *
 * The PDF reader (glyph boxes from poppler) and the reader of text a PDF
 * converter made (`pdftotext -layout`: character columns as x, lines as y)
 * both cut their input into lines of chunks, each chunk a run of text with
 * its box.  From there the reading is shared: the section headings, prose
 * paragraphs, and the tables, whose columns come from the x-ranges of
 * their values and header cells and whose rows are bands of y that
 * gather everything inside one cell (label pieces, wrapped digits).
 */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

typedef struct
{
  char *text;
  double x1, x2;
  double y1, y2;
  gboolean value;     /* a number or a blank mark */
} GxGeoChunk;

typedef struct
{
  GArray *chunks;     /* GxGeoChunk, left to right */
  double y1, y2;      /* y grows downwards; pages are stacked */
  double xmax;
  double page_right;  /* rightmost text on the page */
  guint page;
  guint number;       /* running line number, 1-based (set by the reader) */
} GxGeoLine;

typedef enum {
  /* the x of one page is the x of every page (PDF); pdftotext lays out
   * every page on its own */
  GX_GEO_SAME_X_ACROSS_PAGES = 1 << 0,
} GxGeoFlags;

#define GX_GEO_CHUNK(line, i) (&g_array_index ((line)->chunks, GxGeoChunk, (i)))

/* An array of GxGeoLine that clears its lines. */
GArray     *gx_geo_lines_new       (void);
void        gx_geo_line_init       (GxGeoLine  *line);
void        gx_geo_line_add_chunk  (GxGeoLine  *line,
                                    const char *text,
                                    gssize      len,
                                    double      x1,
                                    double      x2,
                                    double      y1,
                                    double      y2);
char       *gx_geo_line_text       (const GxGeoLine *line);

/* A number or a mark the form uses for "nothing" ("/", "—", "无"). */
gboolean    gx_geo_is_value_text   (const char *text);
/* "- 3 -", "3", "第3页", "3/12" */
gboolean    gx_geo_is_page_number  (const char *text);

/* Once every page's lines are in @lines (each line's page set): drops
 * running heads and feet, a first or last line of a page that comes back
 * on most pages (digits aside: "3/6"), and sets each line's page_right. */
void        gx_geo_lines_finish    (GArray     *lines);

/* The document of @lines (in reading order, pages stacked). */
GxDocument *gx_geometry_read       (GArray      *lines,
                                    GxGeoFlags   flags,
                                    const char  *source_name,
                                    GError     **error);

G_END_DECLS
