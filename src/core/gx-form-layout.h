/* gx-form-layout.h: the official tables of sections 二, 三 and 四 as grids
 *
 * The layout of the national form (which header cell spans which columns,
 * the title rows of section 二, the merged group cells of section 三, the
 * three header rows of section 四), built from the template (gx-schema.c)
 * for one form (2021 or 2019).  A writer turns the grid into its own
 * table markup: the Word writer (gx-docx-writer.c) into w:tbl with
 * w:gridSpan and w:vMerge.  Rows and columns are counted from 0 at the top
 * left; a cell covers rowspan × colspan grid positions, and every position
 * is covered by exactly one cell.
 */
#pragma once

#include <glib.h>

#include "gx-schema.h"

G_BEGIN_DECLS

typedef enum {
  GX_LAYOUT_HEAD,    /* a header cell: column label, 申请人情况, 行政复议 (centred) */
  GX_LAYOUT_TITLE,   /* a title row of section 二: 第二十条第（一）项 (centred) */
  GX_LAYOUT_LABEL,   /* a row label, or the merged label of a group of rows */
  GX_LAYOUT_VALUE,   /* a cell of the report */
} GxLayoutKind;

typedef struct {
  GxLayoutKind kind;
  guint row;
  guint col;
  guint rowspan;
  guint colspan;
  char *text;        /* HEAD, TITLE, LABEL: with the numbering (（三）不予公开); VALUE: NULL */
  int cell;          /* VALUE: the schema cell; -1 otherwise */
  int schema_row;    /* the schema row a LABEL names (or a HEAD, in 四); -1 otherwise */
  int group;         /* the schema group a merged LABEL names; -1 otherwise */
} GxLayoutCell;

typedef struct {
  GxSection section;
  GxFormat format;
  guint n_rows;
  guint n_cols;
  /* the first n_head_rows rows are the table's header (repeated on a new
   * page); section 二 has none, its title and header rows are body rows
   * kept with the rows under them */
  guint n_head_rows;
  double *widths;    /* n_cols fractions of the table's width, summing to 1 */
  GArray *cells;     /* GxLayoutCell, by row, then by column */
  /* n_rows flags: keep the row on the page of the next one (the title and
   * header rows of section 二, the rows of a group of section 三) */
  guint8 *keep_with_next;
} GxFormTable;

GxFormTable        *gx_form_table_new      (GxSection    section,
                                            GxFormat     format);
void                gx_form_table_free     (GxFormTable *table);

/* The cell that covers grid position (@row, @col), or NULL outside the
 * grid.  *@origin is TRUE when the position is the cell's top left. */
const GxLayoutCell *gx_form_table_cell_at  (GxFormTable *table,
                                            guint        row,
                                            guint        col,
                                            gboolean    *origin);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxFormTable, gx_form_table_free)

G_END_DECLS
