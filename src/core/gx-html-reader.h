/* gx-html-reader.h: web pages, and the flow of lines and table grids that
 * the HTML, .docx and PDF readers share
 *
 * A page as a government site publishes it holds the report among
 * navigation, breadcrumbs, lists of other reports and a footer.  The
 * readers of marked-up formats put what they find, in reading order, into
 * a GxFlow: prose lines, and tables whose merged cells (rowspan/colspan,
 * w:gridSpan/w:vMerge) are expanded into a grid.  gx_flow_to_document()
 * then keeps the report only (from its title to its signature) and hands
 * it to the assembler as a GxDocument.
 */
#pragma once

#include "gx-assembler.h"

G_BEGIN_DECLS

/* Safety caps shared by the marked-up readers. */
#define GX_READER_MAX_DEPTH       256      /* element nesting */
#define GX_READER_MAX_TABLE_DEPTH 16       /* tables inside tables */
#define GX_READER_MAX_CELLS       200000   /* table cells in one file */
#define GX_READER_MAX_COLUMNS     256      /* columns of one table */

typedef struct _GxFlow GxFlow;
typedef struct _GxGrid GxGrid;

GxFlow     *gx_flow_new              (const char *source_name);
void        gx_flow_free             (GxFlow     *flow);
const char *gx_flow_get_source_name  (GxFlow     *flow);

/* A prose line.  White space is collapsed, the line trimmed; an empty line
 * is dropped.  @is_link: all of the line is the text of hyperlinks
 * (navigation), which is never part of a report. */
void        gx_flow_add_line         (GxFlow     *flow,
                                      const char *text,
                                      guint       line,
                                      gboolean    is_link);

/* A table: rows of cells, added left to right.  A cell spanning several
 * columns gives its text to each of them when it is a label, to the first
 * only when it is a value; the cells a rowspan covers are empty.  A row
 * made of one cell only (a heading across the table) becomes a prose line. */
GxGrid     *gx_flow_begin_table      (GxFlow     *flow);
void        gx_grid_begin_row        (GxGrid     *grid,
                                      guint       line);
void        gx_grid_add_cell         (GxGrid     *grid,
                                      const char *text,
                                      guint       line,
                                      guint       colspan,
                                      guint       rowspan);
/* @n empty, covered positions (w:gridBefore, a w:vMerge continuation). */
void        gx_grid_add_covered      (GxGrid     *grid,
                                      guint       n);
void        gx_flow_end_table        (GxFlow     *flow,
                                      GxGrid     *grid);

/* A row whose cell positions the reader has worked out itself (PDF);
 * @collapsed as for gx_document_add_row(). */
typedef struct _GxFlowRow GxFlowRow;
GxFlowRow  *gx_flow_add_row          (GxFlow     *flow,
                                      guint       line,
                                      gboolean    collapsed);
void        gx_flow_row_add_cell     (GxFlowRow  *row,
                                      const char *text,
                                      guint       line);

/* Whether a cap was hit; the reader then refuses the file. */
gboolean    gx_flow_check_limits     (GxFlow     *flow,
                                      GError    **error);

/* The report part of the flow, as a document for the assembler. */
GxDocument *gx_flow_to_document      (GxFlow     *flow,
                                      GError    **error);

/* White space collapsed (NBSP and ASCII white space), trimmed (also of
 * U+3000).  Returns a new string. */
char       *gx_flow_clean_text       (const char *text,
                                      gssize      len);

/* Does decoded text look like HTML (in its first KBs)? */
gboolean    gx_html_reader_sniff     (const char *text,
                                      gsize       len);

/* @text: the page decoded to UTF-8 (gx_text_decode()); @raw, @raw_len: the
 * bytes as read, re-decoded when @encoding (what gx_text_decode() found) is
 * a guess and the page declares another charset. */
GxDocument *gx_html_reader_parse     (const char *text,
                                      gsize       len,
                                      const char *raw,
                                      gsize       raw_len,
                                      const char *encoding,
                                      const char *source_name,
                                      GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxFlow, gx_flow_free)

G_END_DECLS
