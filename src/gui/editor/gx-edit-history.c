/* gx-edit-history.c: undo and redo of the form editor, as grouped steps */
#include "gx-config.h"

#include "gx-edit-history.h"

typedef struct {
  GArray *changes;     /* GxEditChange */
  int coalesce;
} Step;

struct _GxEditHistory
{
  GObject parent_instance;

  GPtrArray *steps;    /* Step */
  guint position;      /* steps before it are done, from it on undone */
  gboolean sealed;
};

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxEditHistory, gx_edit_history, G_TYPE_OBJECT)

/* Helpers ------------------------------------------------------------------- */

static void
change_clear (gpointer data)
{
  GxEditChange *change = data;

  gx_edit_value_clear (&change->before);
  gx_edit_value_clear (&change->after);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_array_unref (step->changes);
  g_free (step);
}

static void
notify_state (GxEditHistory *self,
              gboolean       could_undo,
              gboolean       could_redo)
{
  if (could_undo != gx_edit_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != gx_edit_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* merges @change into @step: keeps the first before, takes the new after */
static void
merge_change (Step         *step,
              GxEditChange *change)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      GxEditChange *old = &g_array_index (step->changes, GxEditChange, i);

      if (old->target == change->target)
        {
          gx_edit_value_clear (&old->after);
          gx_edit_value_copy (&old->after, &change->after);
          return;
        }
    }
  {
    GxEditChange copy = { change->target };

    gx_edit_value_copy (&copy.before, &change->before);
    gx_edit_value_copy (&copy.after, &change->after);
    g_array_append_val (step->changes, copy);
  }
}

/* GObject --------------------------------------------------------------------- */

static void
gx_edit_history_finalize (GObject *object)
{
  GxEditHistory *self = GX_EDIT_HISTORY (object);

  g_ptr_array_unref (self->steps);

  G_OBJECT_CLASS (gx_edit_history_parent_class)->finalize (object);
}

static void
gx_edit_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GxEditHistory *self = GX_EDIT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gx_edit_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, gx_edit_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_edit_history_class_init (GxEditHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gx_edit_history_finalize;
  object_class->get_property = gx_edit_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_edit_history_init (GxEditHistory *self)
{
  self->steps = g_ptr_array_new_with_free_func (step_free);
  self->sealed = TRUE;
}

/* Public API -------------------------------------------------------------------- */

void
gx_edit_value_clear (GxEditValue *value)
{
  g_clear_pointer (&value->text, g_free);
}

void
gx_edit_value_copy (GxEditValue       *dest,
                    const GxEditValue *src)
{
  *dest = *src;
  dest->text = g_strdup (src->text);
}

gboolean
gx_edit_value_equal (const GxEditValue *a,
                     const GxEditValue *b)
{
  return a->state == b->state && a->value == b->value &&
         g_strcmp0 (a->text, b->text) == 0 && !a->computed == !b->computed;
}

GArray *
gx_edit_changes_new (void)
{
  GArray *changes = g_array_new (FALSE, TRUE, sizeof (GxEditChange));

  g_array_set_clear_func (changes, change_clear);
  return changes;
}

GxEditHistory *
gx_edit_history_new (void)
{
  return g_object_new (GX_TYPE_EDIT_HISTORY, NULL);
}

void
gx_edit_history_push (GxEditHistory *self,
                      GArray        *changes,
                      int            coalesce)
{
  gboolean could_undo, could_redo;
  Step *step;

  g_return_if_fail (GX_IS_EDIT_HISTORY (self));
  g_return_if_fail (changes != NULL);

  if (changes->len == 0)
    {
      g_array_unref (changes);
      return;
    }

  could_undo = gx_edit_history_can_undo (self);
  could_redo = gx_edit_history_can_redo (self);
  if (self->position < self->steps->len)
    {
      g_ptr_array_remove_range (self->steps, self->position, self->steps->len - self->position);
      self->sealed = TRUE;
    }

  step = self->position > 0 ? g_ptr_array_index (self->steps, self->position - 1) : NULL;
  if (!self->sealed && step != NULL && coalesce != GX_EDIT_NO_COALESCE && step->coalesce == coalesce)
    {
      for (guint i = 0; i < changes->len; i++)
        merge_change (step, &g_array_index (changes, GxEditChange, i));
      g_array_unref (changes);
    }
  else
    {
      step = g_new0 (Step, 1);
      step->changes = changes;
      step->coalesce = coalesce;
      g_ptr_array_add (self->steps, step);
      self->position = self->steps->len;
    }
  self->sealed = coalesce == GX_EDIT_NO_COALESCE;
  notify_state (self, could_undo, could_redo);
}

void
gx_edit_history_seal (GxEditHistory *self)
{
  g_return_if_fail (GX_IS_EDIT_HISTORY (self));
  self->sealed = TRUE;
}

gboolean
gx_edit_history_can_undo (GxEditHistory *self)
{
  g_return_val_if_fail (GX_IS_EDIT_HISTORY (self), FALSE);
  return self->position > 0;
}

gboolean
gx_edit_history_can_redo (GxEditHistory *self)
{
  g_return_val_if_fail (GX_IS_EDIT_HISTORY (self), FALSE);
  return self->position < self->steps->len;
}

const GArray *
gx_edit_history_undo (GxEditHistory *self)
{
  Step *step;

  g_return_val_if_fail (GX_IS_EDIT_HISTORY (self), NULL);

  if (self->position == 0)
    return NULL;
  self->sealed = TRUE;
  step = g_ptr_array_index (self->steps, --self->position);
  notify_state (self, TRUE, self->position + 1 < self->steps->len);
  return step->changes;
}

const GArray *
gx_edit_history_redo (GxEditHistory *self)
{
  Step *step;

  g_return_val_if_fail (GX_IS_EDIT_HISTORY (self), NULL);

  if (self->position >= self->steps->len)
    return NULL;
  self->sealed = TRUE;
  step = g_ptr_array_index (self->steps, self->position++);
  notify_state (self, self->position > 1, TRUE);
  return step->changes;
}

guint
gx_edit_history_get_n_steps (GxEditHistory *self)
{
  g_return_val_if_fail (GX_IS_EDIT_HISTORY (self), 0);
  return self->position;
}

void
gx_edit_history_clear (GxEditHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (GX_IS_EDIT_HISTORY (self));

  could_undo = gx_edit_history_can_undo (self);
  could_redo = gx_edit_history_can_redo (self);
  g_ptr_array_set_size (self->steps, 0);
  self->position = 0;
  self->sealed = TRUE;
  notify_state (self, could_undo, could_redo);
}
