/* gx-table-row.c: one line of a statistical table in the detail pane */
#include "gx-config.h"

#include "gx-table-row.h"

struct _GxTableRow
{
  GObject parent_instance;

  char *label;
  guint depth;
  const GxSchemaRow *row;
  int column;
};

G_DEFINE_FINAL_TYPE (GxTableRow, gx_table_row, G_TYPE_OBJECT)

static void
gx_table_row_finalize (GObject *object)
{
  GxTableRow *self = GX_TABLE_ROW (object);

  g_free (self->label);

  G_OBJECT_CLASS (gx_table_row_parent_class)->finalize (object);
}

static void
gx_table_row_class_init (GxTableRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_table_row_finalize;
}

static void
gx_table_row_init (GxTableRow *self)
{
  self->column = -1;
}

GxTableRow *
gx_table_row_new_heading (const char *label,
                          guint       depth)
{
  GxTableRow *self = g_object_new (GX_TYPE_TABLE_ROW, NULL);

  self->label = g_strdup (label);
  self->depth = depth;
  return self;
}

GxTableRow *
gx_table_row_new (const GxSchemaRow *row,
                  int                column)
{
  GxTableRow *self = g_object_new (GX_TYPE_TABLE_ROW, NULL);

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (column < (int) row->n_columns, NULL);

  self->row = row;
  self->column = column;
  self->depth = row->depth;
  self->label = g_strconcat (row->prefix_zh && gx_schema_prefers_chinese () ? row->prefix_zh : "",
                             gx_schema_row_label (row), NULL);
  return self;
}

gboolean
gx_table_row_is_heading (GxTableRow *self)
{
  g_return_val_if_fail (GX_IS_TABLE_ROW (self), FALSE);
  return self->row == NULL;
}

const char *
gx_table_row_get_label (GxTableRow *self)
{
  g_return_val_if_fail (GX_IS_TABLE_ROW (self), NULL);
  return self->label;
}

guint
gx_table_row_get_depth (GxTableRow *self)
{
  g_return_val_if_fail (GX_IS_TABLE_ROW (self), 0);
  return self->depth;
}

const GxSchemaRow *
gx_table_row_get_schema_row (GxTableRow *self)
{
  g_return_val_if_fail (GX_IS_TABLE_ROW (self), NULL);
  return self->row;
}

int
gx_table_row_get_column (GxTableRow *self)
{
  g_return_val_if_fail (GX_IS_TABLE_ROW (self), -1);
  return self->column;
}

int
gx_table_row_get_cell (GxTableRow *self,
                       guint       n)
{
  g_return_val_if_fail (GX_IS_TABLE_ROW (self), -1);

  if (self->row == NULL)
    return -1;
  if (self->column >= 0)
    return n == 0 ? (int) self->row->first_cell + self->column : -1;
  if (n >= self->row->n_columns)
    return -1;
  return (int) (self->row->first_cell + n);
}
