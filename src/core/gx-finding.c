/* gx-finding.c: one finding of a consistency rule */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-finding.h"
#include "gx-review.h"

struct _GxFinding
{
  GObject parent_instance;

  char *rule;
  GxSeverity severity;
  guint cell;
  gboolean row_only;
  gboolean has_values;
  gint64 expected;
  gint64 actual;
  char *message;
  GxFindingMessageFunc message_func;   /* formats message on first use */
  /* the cells involved: a few inline, all in @cells once there are more
   * (findings come by the hundred; most involve one cell) */
  guint inline_cells[4];
  guint n_inline;
  GArray *cells;
  GxReviewState review;
  char *review_note;
  char *quote;
};

G_DEFINE_FINAL_TYPE (GxFinding, gx_finding, G_TYPE_OBJECT)

static void
gx_finding_finalize (GObject *object)
{
  GxFinding *self = GX_FINDING (object);

  g_free (self->rule);
  g_free (self->message);
  g_free (self->review_note);
  g_free (self->quote);
  g_clear_pointer (&self->cells, g_array_unref);

  G_OBJECT_CLASS (gx_finding_parent_class)->finalize (object);
}

static void
gx_finding_class_init (GxFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_finding_finalize;
}

static void
gx_finding_init (GxFinding *self)
{
}

GxFinding *
gx_finding_new (const char *rule,
                GxSeverity  severity,
                guint       cell,
                gboolean    row_only,
                const char *message)
{
  GxFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);
  g_return_val_if_fail (cell < gx_schema_n_cells (), NULL);

  self = g_object_new (GX_TYPE_FINDING, NULL);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->cell = cell;
  self->row_only = row_only;
  self->message = g_strdup (message);
  gx_finding_add_cell (self, cell);
  return self;
}

GxFinding *
gx_finding_new_without_cell (const char *rule,
                             GxSeverity  severity,
                             const char *message)
{
  GxFinding *self;

  g_return_val_if_fail (rule != NULL, NULL);

  self = g_object_new (GX_TYPE_FINDING, NULL);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->cell = GX_FINDING_NO_CELL;
  self->row_only = TRUE;
  self->message = g_strdup (message);
  return self;
}

void
gx_finding_set_values (GxFinding *self,
                       gint64     expected,
                       gint64     actual)
{
  g_return_if_fail (GX_IS_FINDING (self));
  self->has_values = TRUE;
  self->expected = expected;
  self->actual = actual;
}

void
gx_finding_add_cell (GxFinding *self,
                     guint      cell)
{
  g_return_if_fail (GX_IS_FINDING (self));
  g_return_if_fail (cell < gx_schema_n_cells ());
  g_return_if_fail (self->cell != GX_FINDING_NO_CELL);
  if (gx_finding_involves_cell (self, cell))
    return;
  if (self->cells == NULL && self->n_inline < G_N_ELEMENTS (self->inline_cells))
    {
      self->inline_cells[self->n_inline++] = cell;
      return;
    }
  if (self->cells == NULL)
    {
      self->cells = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2 * G_N_ELEMENTS (self->inline_cells));
      g_array_append_vals (self->cells, self->inline_cells, self->n_inline);
    }
  g_array_append_val (self->cells, cell);
}

const char *
gx_finding_get_rule (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), NULL);
  return self->rule;
}

GxSeverity
gx_finding_get_severity (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), GX_SEVERITY_NOTE);
  return self->severity;
}

gboolean
gx_finding_has_cell (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), FALSE);
  return self->cell != GX_FINDING_NO_CELL;
}

guint
gx_finding_get_cell (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), GX_FINDING_NO_CELL);
  return self->cell;
}

GxSection
gx_finding_get_section (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), GX_N_SECTIONS);
  if (self->cell == GX_FINDING_NO_CELL)
    return GX_N_SECTIONS;
  return gx_schema_cell (self->cell)->section;
}

const char *
gx_finding_get_section_key (GxFinding *self)
{
  GxSection section = gx_finding_get_section (self);

  return section < GX_N_SECTIONS ? gx_schema_section (section)->key : NULL;
}

const char *
gx_finding_get_row_key (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), NULL);
  if (self->cell == GX_FINDING_NO_CELL)
    return NULL;
  return gx_schema_cell (self->cell)->row->key;
}

const char *
gx_finding_get_column_key (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), NULL);
  if (self->row_only || self->cell == GX_FINDING_NO_CELL)
    return NULL;
  return gx_schema_cell (self->cell)->column->key;
}

gboolean
gx_finding_has_values (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), FALSE);
  return self->has_values;
}

gint64
gx_finding_get_expected (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), 0);
  return self->expected;
}

gint64
gx_finding_get_actual (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), 0);
  return self->actual;
}

void
gx_finding_set_message_func (GxFinding            *self,
                             GxFindingMessageFunc  func)
{
  g_return_if_fail (GX_IS_FINDING (self));
  g_clear_pointer (&self->message, g_free);
  self->message_func = func;
}

const char *
gx_finding_get_message (GxFinding *self)
{
  if (GX_IS_FINDING (self) && self->message == NULL && self->message_func != NULL)
    self->message = self->message_func (self);
  g_return_val_if_fail (GX_IS_FINDING (self), NULL);
  return self->message;
}

const guint *
gx_finding_get_cells (GxFinding *self,
                      guint     *n_cells)
{
  g_return_val_if_fail (GX_IS_FINDING (self), NULL);
  if (self->cells == NULL)
    {
      if (n_cells)
        *n_cells = self->n_inline;
      return self->inline_cells;
    }
  if (n_cells)
    *n_cells = self->cells->len;
  return (const guint *) (gpointer) self->cells->data;
}

gboolean
gx_finding_involves_cell (GxFinding *self,
                          guint      cell)
{
  const guint *cells;
  guint n;

  g_return_val_if_fail (GX_IS_FINDING (self), FALSE);
  cells = gx_finding_get_cells (self, &n);
  for (guint i = 0; i < n; i++)
    if (cells[i] == cell)
      return TRUE;
  return FALSE;
}

static const char *severity_keys[] = { "note", "warning", "error" };

const char *
gx_severity_to_key (GxSeverity severity)
{
  g_return_val_if_fail (severity <= GX_SEVERITY_ERROR, NULL);
  return severity_keys[severity];
}

gboolean
gx_severity_from_key (const char *key,
                      GxSeverity *severity)
{
  for (guint i = 0; i < G_N_ELEMENTS (severity_keys); i++)
    if (g_strcmp0 (key, severity_keys[i]) == 0)
      {
        *severity = (GxSeverity) i;
        return TRUE;
      }
  return FALSE;
}

const char *
gx_severity_to_label (GxSeverity severity)
{
  switch (severity)
    {
    case GX_SEVERITY_ERROR:
      return _("error");
    case GX_SEVERITY_WARNING:
      return _("warning");
    case GX_SEVERITY_NOTE:
    default:
      return _("note");
    }
}

/* Review (gx-review.h) ------------------------------------------------------- */

char *
gx_finding_dup_key (GxFinding *finding)
{
  const GxSchemaCell *cell;

  g_return_val_if_fail (GX_IS_FINDING (finding), NULL);
  /* a finding about the text: its rule (one decision a rule and report) */
  if (finding->cell == GX_FINDING_NO_CELL)
    return g_strdup (finding->rule);
  cell = gx_schema_cell (finding->cell);
  if (finding->row_only)
    return g_strdup_printf ("%s/%s.%s", finding->rule,
                            gx_schema_section (cell->section)->key, cell->row->key);
  return g_strdup_printf ("%s/%s", finding->rule, cell->path);
}

GxReviewState
gx_finding_get_review (GxFinding *finding)
{
  g_return_val_if_fail (GX_IS_FINDING (finding), GX_REVIEW_OPEN);
  return finding->review;
}

const char *
gx_finding_get_review_note (GxFinding *finding)
{
  g_return_val_if_fail (GX_IS_FINDING (finding), NULL);
  return finding->review_note;
}

void
gx_finding_set_review (GxFinding     *finding,
                       GxReviewState  state,
                       const char    *note)
{
  g_return_if_fail (GX_IS_FINDING (finding));
  g_return_if_fail (state <= GX_REVIEW_DISMISSED);

  finding->review = state;
  if (finding->review_note != note)
    {
      g_free (finding->review_note);
      finding->review_note = note && *note ? g_strdup (note) : NULL;
    }
}

static const char *review_keys[] = { "open", "confirmed", "dismissed" };

const char *
gx_review_state_to_key (GxReviewState state)
{
  g_return_val_if_fail (state <= GX_REVIEW_DISMISSED, NULL);
  return review_keys[state];
}

gboolean
gx_review_state_from_key (const char    *key,
                          GxReviewState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (review_keys); i++)
    if (g_strcmp0 (key, review_keys[i]) == 0)
      {
        if (state)
          *state = (GxReviewState) i;
        return TRUE;
      }
  return FALSE;
}

void
gx_finding_set_quote (GxFinding  *self,
                      const char *quote)
{
  g_return_if_fail (GX_IS_FINDING (self));

  if (quote != NULL && *quote == '\0')
    quote = NULL;
  g_free (self->quote);
  self->quote = g_strdup (quote);
}

const char *
gx_finding_get_quote (GxFinding *self)
{
  g_return_val_if_fail (GX_IS_FINDING (self), NULL);
  return self->quote;
}
