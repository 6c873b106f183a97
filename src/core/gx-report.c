/* gx-report.c: one annual report */
#include "gx-config.h"

#include <string.h>

#include "gx-report.h"

typedef struct
{
  gint64 value;
  char *raw;
  guint32 line;
  guint8 state;
  guint8 flags;
} Cell;

/* A list summary sets 6 cells, a carryover skeleton 14: past this many, a
 * report keeps every cell in one array. */
#define SPARSE_MAX 24

static const Cell blank_cell = { 0, NULL, 0, GX_CELL_BLANK, 0 };

struct _GxReport
{
  GObject parent_instance;

  gint64 id;
  gint64 revision;          /* as loaded from the workspace; 0: none (overwrite) */
  char *issuer;
  int year;
  char *source;
  const char *format_version;   /* interned */
  char *prose;

  /* Cells are kept sparse until more than a few are set: the main window
   * lists 100,000 summaries that carry six cells each. */
  Cell *cells;              /* gx_schema_n_cells() of them, or NULL */
  Cell *sparse;             /* grows up to SPARSE_MAX, or NULL */
  guint16 *sparse_index;
  guint8 n_sparse;
  guint8 sparse_capacity;
  guint64 serial;           /* bumped by every change of a cell or the prose */
  guint64 checked_serial;   /* serial + 1 when checked, 0 when not */

  GPtrArray *findings;
  guint n_errors;
  guint n_warnings;
  guint n_notes;
  guint n_unlisted_notes;   /* counted in n_notes, not in findings */
  GHashTable *row_quotes;   /* row index → quoted source text, or NULL */
};

G_DEFINE_FINAL_TYPE (GxReport, gx_report, G_TYPE_OBJECT)

/* The cell for reading: a blank one when it was never set. */
static const Cell *
peek_cell (GxReport *self,
           guint     cell)
{
  if (self->cells)
    return &self->cells[cell];
  for (guint i = 0; i < self->n_sparse; i++)
    if (self->sparse_index[i] == cell)
      return &self->sparse[i];
  return &blank_cell;
}

static void
make_dense (GxReport *self)
{
  self->cells = g_new0 (Cell, gx_schema_n_cells ());
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    self->cells[i].state = GX_CELL_BLANK;
  for (guint i = 0; i < self->n_sparse; i++)
    self->cells[self->sparse_index[i]] = self->sparse[i];   /* raw moves too */
  self->n_sparse = 0;
  self->sparse_capacity = 0;
  g_clear_pointer (&self->sparse, g_free);
  g_clear_pointer (&self->sparse_index, g_free);
}

/* The cell for writing, moving to the full array when the sparse one is
 * full. */
static Cell *
edit_cell (GxReport *self,
           guint     cell)
{
  if (self->cells == NULL)
    {
      for (guint i = 0; i < self->n_sparse; i++)
        if (self->sparse_index[i] == cell)
          return &self->sparse[i];
      if (self->n_sparse < SPARSE_MAX)
        {
          if (self->n_sparse == self->sparse_capacity)
            {
              /* 6 (a list summary), 14 (a carryover skeleton), then 24 */
              self->sparse_capacity = self->sparse_capacity ? MIN (self->sparse_capacity * 2 + 2, SPARSE_MAX) : 6;
              self->sparse = g_renew (Cell, self->sparse, self->sparse_capacity);
              self->sparse_index = g_renew (guint16, self->sparse_index, self->sparse_capacity);
            }
          self->sparse_index[self->n_sparse] = (guint16) cell;
          self->sparse[self->n_sparse] = blank_cell;
          return &self->sparse[self->n_sparse++];
        }

      make_dense (self);
    }
  return &self->cells[cell];
}

/* g_set_str() is GLib 2.76; our floor is 2.74. */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

enum {
  PROP_0,
  PROP_ID,
  PROP_ISSUER,
  PROP_YEAR,
  PROP_SOURCE,
  PROP_FORMAT_VERSION,
  PROP_PROSE,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  PROP_N_NOTES,
  N_PROPS
};


static GParamSpec *properties[N_PROPS];

static void
gx_report_finalize (GObject *object)
{
  GxReport *self = GX_REPORT (object);
  guint n = gx_schema_n_cells ();

  if (self->cells)
    for (guint i = 0; i < n; i++)
      g_free (self->cells[i].raw);
  g_free (self->cells);
  for (guint i = 0; i < self->n_sparse; i++)
    g_free (self->sparse[i].raw);
  g_free (self->sparse);
  g_free (self->sparse_index);
  g_free (self->issuer);
  g_free (self->source);
  g_free (self->prose);
  g_clear_pointer (&self->row_quotes, g_hash_table_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);   /* NULL until checked */

  G_OBJECT_CLASS (gx_report_parent_class)->finalize (object);
}

static void
gx_report_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GxReport *self = GX_REPORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_FORMAT_VERSION:
      g_value_set_string (value, self->format_version);
      break;
    case PROP_PROSE:
      g_value_set_string (value, self->prose);
      break;
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    case PROP_N_NOTES:
      g_value_set_uint (value, self->n_notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_report_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GxReport *self = GX_REPORT (object);

  switch (prop_id)
    {
    case PROP_ID:
      gx_report_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_ISSUER:
      gx_report_set_issuer (self, g_value_get_string (value));
      break;
    case PROP_YEAR:
      gx_report_set_year (self, g_value_get_int (value));
      break;
    case PROP_SOURCE:
      gx_report_set_source (self, g_value_get_string (value));
      break;
    case PROP_FORMAT_VERSION:
      gx_report_set_format_version (self, g_value_get_string (value));
      break;
    case PROP_PROSE:
      gx_report_set_prose (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_report_class_init (GxReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gx_report_finalize;
  object_class->get_property = gx_report_get_property;
  object_class->set_property = gx_report_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, 9999, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT_VERSION] =
    g_param_spec_string ("format-version", NULL, NULL, GX_REPORT_FORMAT_2021,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROSE] =
    g_param_spec_string ("prose", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_NOTES] =
    g_param_spec_uint ("n-notes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_report_init (GxReport *self)
{

  self->format_version = g_intern_static_string (GX_REPORT_FORMAT_2021);
}

GxReport *
gx_report_new (void)
{
  return g_object_new (GX_TYPE_REPORT, NULL);
}

void
gx_report_reserve_cells (GxReport *self)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (self->cells == NULL)
    make_dense (self);
}

void
gx_report_copy_cells_from (GxReport *self,
                           GxReport *other)
{
  guint n = gx_schema_n_cells ();

  g_return_if_fail (GX_IS_REPORT (self));
  g_return_if_fail (GX_IS_REPORT (other));

  for (guint i = 0; i < n; i++)
    {
      const Cell *src = peek_cell (other, i);
      const Cell *cur = peek_cell (self, i);
      gboolean changed = cur->state != src->state || cur->value != src->value ||
                         g_strcmp0 (cur->raw, src->raw) != 0;
      Cell *dst;

      if (!changed && cur->flags == src->flags && cur->line == src->line)
        continue;
      dst = edit_cell (self, i);

      dst->value = src->value;
      dst->state = src->state;
      dst->flags = src->flags;
      dst->line = src->line;
      if (g_strcmp0 (dst->raw, src->raw) != 0)
        {
          g_free (dst->raw);
          dst->raw = g_strdup (src->raw);
        }
    }
}

GxReport *
gx_report_copy (GxReport *self)
{
  GxReport *copy;

  g_return_val_if_fail (GX_IS_REPORT (self), NULL);

  copy = g_object_new (GX_TYPE_REPORT,
                       "issuer", self->issuer,
                       "year", self->year,
                       "source", self->source,
                       "format-version", self->format_version,
                       "prose", self->prose,
                       NULL);
  copy->revision = self->revision;
  gx_report_copy_cells_from (copy, self);
  if (self->row_quotes)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->row_quotes);
      while (g_hash_table_iter_next (&iter, &key, &value))
        gx_report_set_row_quote (copy, GPOINTER_TO_UINT (key), value);
    }
  return copy;
}

const char *
gx_report_get_row_quote (GxReport *self,
                         guint     row)
{
  g_return_val_if_fail (GX_IS_REPORT (self), NULL);
  if (self->row_quotes == NULL)
    return NULL;
  return g_hash_table_lookup (self->row_quotes, GUINT_TO_POINTER (row));
}

void
gx_report_set_row_quote (GxReport   *self,
                         guint       row,
                         const char *quote)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (quote == NULL)
    {
      if (self->row_quotes)
        g_hash_table_remove (self->row_quotes, GUINT_TO_POINTER (row));
      return;
    }
  if (self->row_quotes == NULL)
    self->row_quotes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_hash_table_insert (self->row_quotes, GUINT_TO_POINTER (row), g_strdup (quote));
  self->serial++;
}

gint64
gx_report_get_id (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->id;
}

void
gx_report_set_id (GxReport *self,
                  gint64    id)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (self->id != id)
    {
      self->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

gint64
gx_report_get_revision (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->revision;
}

void
gx_report_set_revision (GxReport *self,
                        gint64    revision)
{
  g_return_if_fail (GX_IS_REPORT (self));
  g_return_if_fail (revision >= 0);
  self->revision = revision;
}

const char *
gx_report_get_issuer (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), NULL);
  return self->issuer;
}

void
gx_report_set_issuer (GxReport   *self,
                      const char *issuer)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (set_str (&self->issuer, issuer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISSUER]);
}

int
gx_report_get_year (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->year;
}

void
gx_report_set_year (GxReport *self,
                    int       year)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (self->year != year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
}

const char *
gx_report_get_source (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), NULL);
  return self->source;
}

void
gx_report_set_source (GxReport   *self,
                      const char *source)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (set_str (&self->source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

const char *
gx_report_get_format_version (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), NULL);
  return self->format_version;
}

void
gx_report_set_format_version (GxReport   *self,
                              const char *version)
{
  g_return_if_fail (GX_IS_REPORT (self));
  const char *interned = g_intern_string (version ? version : GX_REPORT_FORMAT_2021);

  if (interned != self->format_version)
    {
      self->format_version = interned;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT_VERSION]);
    }
}

GxFormat
gx_report_get_format (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), GX_FORMAT_2021);
  return gx_format_from_version (self->format_version);
}

gboolean
gx_report_has_cell (GxReport *self,
                    guint     cell)
{
  g_return_val_if_fail (GX_IS_REPORT (self), FALSE);
  return gx_schema_cell_in_format (cell, gx_format_from_version (self->format_version));
}

const char *
gx_report_get_prose (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), NULL);
  return self->prose;
}

void
gx_report_set_prose (GxReport   *self,
                     const char *prose)
{
  g_return_if_fail (GX_IS_REPORT (self));
  if (set_str (&self->prose, prose))
    {
      self->serial++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROSE]);
    }
}

/* Cells ------------------------------------------------------------------ */

#define CHECK_CELL(self, cell, ret) \
  G_STMT_START { \
    g_return_val_if_fail (GX_IS_REPORT (self), ret); \
    g_return_val_if_fail ((cell) < gx_schema_n_cells (), ret); \
  } G_STMT_END
#define CHECK_CELL_VOID(self, cell) \
  G_STMT_START { \
    g_return_if_fail (GX_IS_REPORT (self)); \
    g_return_if_fail ((cell) < gx_schema_n_cells ()); \
  } G_STMT_END

GxCellState
gx_report_get_cell (GxReport *self,
                    guint     cell,
                    gint64   *value)
{
  CHECK_CELL (self, cell, GX_CELL_BLANK);
  const Cell *c;

  c = peek_cell (self, cell);
  if (value)
    *value = c->state == GX_CELL_VALUE ? c->value : 0;
  return c->state;
}

void
gx_report_get_cells (GxReport    *self,
                     GxCellValue *cells)
{
  guint n = gx_schema_n_cells ();

  g_return_if_fail (GX_IS_REPORT (self));

  for (guint i = 0; i < n; i++)
    {
      const Cell *c = peek_cell (self, i);

      cells[i] = (GxCellValue) { c->state == GX_CELL_VALUE ? c->value : 0, c->state, c->flags };
    }
}

gint64
gx_report_get_value (GxReport *self,
                     guint     cell)
{
  CHECK_CELL (self, cell, 0);
  const Cell *c;

  c = peek_cell (self, cell);
  return c->state == GX_CELL_VALUE ? c->value : 0;
}

gint64
gx_report_get_count (GxReport *self,
                     guint     cell)
{
  return gx_report_get_value (self, cell) / GX_VALUE_SCALE;
}

gboolean
gx_report_is_blank (GxReport *self,
                    guint     cell)
{
  CHECK_CELL (self, cell, TRUE);
  return peek_cell (self, cell)->state == GX_CELL_BLANK;
}

const char *
gx_report_get_raw (GxReport *self,
                   guint     cell)
{
  CHECK_CELL (self, cell, NULL);
  const Cell *c;

  c = peek_cell (self, cell);
  return c->state == GX_CELL_INVALID ? c->raw : NULL;
}

static void
store_cell (GxReport    *self,
            guint        cell,
            GxCellState  state,
            gint64       value,
            const char  *raw)
{
  const Cell *cur = peek_cell (self, cell);
  Cell *c;

  if (cur->state == state && cur->value == value && g_strcmp0 (cur->raw, raw) == 0)
    return;
  c = edit_cell (self, cell);
  self->serial++;
  c->state = state;
  c->value = value;
  set_str (&c->raw, raw);
}

void
gx_report_set_value (GxReport *self,
                     guint     cell,
                     gint64    fixed)
{
  CHECK_CELL_VOID (self, cell);
  store_cell (self, cell, GX_CELL_VALUE, fixed, NULL);
}

void
gx_report_set_count (GxReport *self,
                     guint     cell,
                     gint64    count)
{
  gx_report_set_value (self, cell, count * GX_VALUE_SCALE);
}

void
gx_report_set_blank (GxReport *self,
                     guint     cell)
{
  CHECK_CELL_VOID (self, cell);
  store_cell (self, cell, GX_CELL_BLANK, 0, NULL);
}

void
gx_report_set_invalid (GxReport   *self,
                       guint       cell,
                       const char *raw)
{
  CHECK_CELL_VOID (self, cell);
  store_cell (self, cell, GX_CELL_INVALID, 0, raw ? raw : "");
}

void
gx_report_set_text (GxReport   *self,
                    guint       cell,
                    const char *text)
{
  g_autofree char *trimmed = NULL;
  gint64 v;

  if (text != NULL && gx_value_parse (text, &v))
    {
      gx_report_set_value (self, cell, v);
      return;
    }
  trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (*trimmed == '\0')
    gx_report_set_blank (self, cell);
  else
    gx_report_set_invalid (self, cell, trimmed);
}

char *
gx_report_dup_text (GxReport *self,
                    guint     cell)
{
  CHECK_CELL (self, cell, NULL);
  const Cell *c;

  c = peek_cell (self, cell);
  switch (c->state)
    {
    case GX_CELL_VALUE:
      return gx_value_format (c->value);
    case GX_CELL_INVALID:
      return g_strdup (c->raw);
    case GX_CELL_BLANK:
    default:
      return g_strdup ("");
    }
}

void
gx_report_set_checked (GxReport *self)
{
  g_return_if_fail (GX_IS_REPORT (self));
  self->checked_serial = self->serial + 1;
}

gboolean
gx_report_is_checked (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), FALSE);
  return self->checked_serial == self->serial + 1;
}

GxCellFlags
gx_report_get_cell_flags (GxReport *self,
                          guint     cell)
{
  CHECK_CELL (self, cell, 0);
  return peek_cell (self, cell)->flags;
}

void
gx_report_set_cell_flags (GxReport    *self,
                          guint        cell,
                          GxCellFlags  flags)
{
  CHECK_CELL_VOID (self, cell);
  if (peek_cell (self, cell)->flags != (guint8) flags)
    {
      edit_cell (self, cell)->flags = (guint8) flags;
      self->serial++;   /* ambiguous_layout reads the flags */
    }
}

guint
gx_report_get_cell_line (GxReport *self,
                         guint     cell)
{
  CHECK_CELL (self, cell, 0);
  return peek_cell (self, cell)->line;
}

void
gx_report_set_cell_line (GxReport *self,
                         guint     cell,
                         guint     line)
{
  CHECK_CELL_VOID (self, cell);
  if (peek_cell (self, cell)->line != line)
    edit_cell (self, cell)->line = line;
}

gboolean
gx_report_values_equal (GxReport *self,
                        GxReport *other)
{
  guint n = gx_schema_n_cells ();

  g_return_val_if_fail (GX_IS_REPORT (self), FALSE);
  g_return_val_if_fail (GX_IS_REPORT (other), FALSE);

  for (guint i = 0; i < n; i++)
    {
      const Cell *a = peek_cell (self, i);
      const Cell *b = peek_cell (other, i);

      if (a->state != b->state || a->value != b->value || g_strcmp0 (a->raw, b->raw) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Summaries ----------------------------------------------------------------- */

static const char *const summary_paths[GX_REPORT_N_SUMMARY_CELLS] = {
  "applications.new_received.total",
  "applications.results_total.total",
  "applications.carried_forward.total",
  "review_litigation.review.total",
  "review_litigation.litigation_direct.total",
  "review_litigation.litigation_after_review.total",
};

guint
gx_report_summary_cell (guint k)
{
  static guint cells[GX_REPORT_N_SUMMARY_CELLS];
  static gsize initialized = 0;

  g_return_val_if_fail (k < GX_REPORT_N_SUMMARY_CELLS, 0);

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < GX_REPORT_N_SUMMARY_CELLS; i++)
        cells[i] = (guint) gx_schema_find_cell_by_path (summary_paths[i]);
      g_once_init_leave (&initialized, 1);
    }
  return cells[k];
}

GxReport *
gx_report_dup_summary (GxReport *self)
{
  GxReport *summary;

  g_return_val_if_fail (GX_IS_REPORT (self), NULL);

  summary = gx_report_new ();
  gx_report_set_id (summary, self->id);
  gx_report_set_issuer (summary, gx_report_get_issuer (self));
  gx_report_set_year (summary, gx_report_get_year (self));
  gx_report_set_source (summary, gx_report_get_source (self));
  gx_report_set_format_version (summary, gx_report_get_format_version (self));
  gx_report_set_counts (summary, gx_report_get_n_errors (self), gx_report_get_n_warnings (self),
                        gx_report_get_n_notes (self));
  for (guint k = 0; k < GX_REPORT_N_SUMMARY_CELLS; k++)
    {
      guint cell = gx_report_summary_cell (k);
      gint64 value;

      if (gx_report_get_cell (self, cell, &value) == GX_CELL_VALUE)
        gx_report_set_value (summary, cell, value);
    }
  return summary;
}

/* Findings ------------------------------------------------------------------ */

GPtrArray *
gx_report_get_findings (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), NULL);
  /* made on first use: 100,000 listed summaries are never checked */
  if (self->findings == NULL)
    self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  return self->findings;
}

void
gx_report_set_counts (GxReport *self,
                      guint     n_errors,
                      guint     n_warnings,
                      guint     n_notes)
{
  g_return_if_fail (GX_IS_REPORT (self));

  if (self->n_errors != n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (self->n_warnings != n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  if (self->n_notes != n_notes)
    {
      self->n_notes = n_notes;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NOTES]);
    }
}

void
gx_report_set_findings (GxReport  *self,
                        GPtrArray *findings)
{
  guint counts[3] = { 0, 0, 0 };

  g_return_if_fail (GX_IS_REPORT (self));
  g_return_if_fail (findings != NULL);

  if (self->findings == NULL)
    self->findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (self->findings, 0);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);

      g_ptr_array_add (self->findings, g_object_ref (f));
      counts[gx_finding_get_severity (f)]++;
    }
  gx_report_set_counts (self, counts[GX_SEVERITY_ERROR], counts[GX_SEVERITY_WARNING],
                        counts[GX_SEVERITY_NOTE] + self->n_unlisted_notes);
}

guint
gx_report_get_n_unlisted_notes (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->n_unlisted_notes;
}

void
gx_report_set_n_unlisted_notes (GxReport *self,
                                guint     n_notes)
{
  g_return_if_fail (GX_IS_REPORT (self));
  g_return_if_fail (self->n_notes >= self->n_unlisted_notes);

  gx_report_set_counts (self, self->n_errors, self->n_warnings,
                        self->n_notes - self->n_unlisted_notes + n_notes);
  self->n_unlisted_notes = n_notes;
}

guint
gx_report_get_n_errors (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->n_errors;
}

guint
gx_report_get_n_warnings (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->n_warnings;
}

guint
gx_report_get_n_notes (GxReport *self)
{
  g_return_val_if_fail (GX_IS_REPORT (self), 0);
  return self->n_notes;
}
