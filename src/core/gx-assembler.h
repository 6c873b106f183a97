/* gx-assembler.h: from rows of cells to a GxReport
 *
 * Every reader (plain text today; HTML, .docx and PDF later) turns its file
 * into a GxDocument: the prose lines and the table rows in reading order,
 * each cell with the line (or paragraph) it came from.  The assembler then
 * finds the title, the three section headings and the labelled rows, maps
 * them onto the template (gx-schema.c) and places the values.
 */
#pragma once

#include "gx-report.h"

G_BEGIN_DECLS

typedef struct _GxDocument GxDocument;
typedef struct _GxDocRow GxDocRow;

GxDocument *gx_document_new          (const char *source_name);
void        gx_document_free         (GxDocument *doc);

/* A line of prose (title, heading, paragraph, signature). */
void        gx_document_add_line     (GxDocument *doc,
                                      const char *text,
                                      guint       line);
/* The same, for @text that lives as long as @doc (a line of the text given
 * to gx_document_take_text()). */
void        gx_document_add_line_static (GxDocument *doc,
                                         const char *text,
                                         guint       line);
/* Hands @text (g_free()d with @doc) to the document, so that lines and cells
 * may point into it instead of being copied. */
void        gx_document_take_text    (GxDocument *doc,
                                      char       *text);
/* A table row.  @collapsed: the source drops empty cells (the pipe layout),
 * so a value's position within the row is not known and only its order is. */
GxDocRow   *gx_document_add_row      (GxDocument *doc,
                                      guint       line,
                                      gboolean    collapsed);
/* Cells are added to the row last added, before any other line or row. */
void        gx_doc_row_add_cell      (GxDocRow   *row,
                                      const char *text,
                                      guint       line);
/* The same, for @text that lives as long as @doc. */
void        gx_doc_row_add_cell_static (GxDocRow   *row,
                                        const char *text,
                                        guint       line);
/* A position that a value merged over several columns covers beyond its
 * first (an HTML colspan, a Word gridSpan): an empty cell that a row with
 * more cells than its template row has columns drops before anything else. */
void        gx_doc_row_add_span      (GxDocRow   *row,
                                      guint       line);
/* Appends text to the last cell (a cell continued on the next line). */
void        gx_doc_row_append_text   (GxDocRow   *row,
                                      const char *text);
guint       gx_doc_row_get_n_cells   (GxDocRow   *row);

/* A file the page links to that may hold the report itself (an attached
 * "…年度报告.doc"), named when the page turns out to have no tables. */
void        gx_document_set_attachment (GxDocument *doc,
                                        const char *name);

/* Builds the report.  Fails with GX_READER_ERROR_NOT_REPORT when the title
 * or a section table is missing, GX_READER_ERROR_MALFORMED when a row
 * cannot be read (the message names the line). */
GxReport   *gx_document_assemble     (GxDocument *doc,
                                      GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxDocument, gx_document_free)

G_END_DECLS
