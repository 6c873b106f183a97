/* gx-table-row.h: one line of a statistical table in the detail pane
 *
 * Either a heading (三、本年度办理结果, （三）不予公开) or a row of the
 * template; in section 二 a line shows one field of a row.  The line holds
 * no values: the cells are read from the report being shown.
 */
#pragma once

#include <glib-object.h>

#include "gx-schema.h"

G_BEGIN_DECLS

#define GX_TYPE_TABLE_ROW (gx_table_row_get_type ())
G_DECLARE_FINAL_TYPE (GxTableRow, gx_table_row, GX, TABLE_ROW, GObject)

GxTableRow        *gx_table_row_new_heading    (const char        *label,
                                                guint              depth);
/* @column: the one field this line shows, or -1 for all the columns */
GxTableRow        *gx_table_row_new            (const GxSchemaRow *row,
                                                int                column);

gboolean           gx_table_row_is_heading     (GxTableRow        *self);
const char        *gx_table_row_get_label      (GxTableRow        *self);
guint              gx_table_row_get_depth      (GxTableRow        *self);
const GxSchemaRow *gx_table_row_get_schema_row (GxTableRow        *self);
int                gx_table_row_get_column     (GxTableRow        *self);
/* the cell index shown in value column @n, or -1 */
int                gx_table_row_get_cell       (GxTableRow        *self,
                                                guint              n);

G_END_DECLS
