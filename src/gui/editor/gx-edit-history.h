/* gx-edit-history.h: undo and redo of the form editor, as grouped steps
 *
 * A step is a list of changes made by one user action (typing into a cell,
 * a paste, Fill totals); undo puts back every "before" of the step, redo
 * every "after".  Typing into one cell coalesces into one step until the
 * step is sealed (the cell is left).
 */
#pragma once

#include <glib-object.h>

#include "gx-report.h"

G_BEGIN_DECLS

/* targets that are not cells */
#define GX_EDIT_TARGET_ISSUER (-1)
#define GX_EDIT_TARGET_YEAR   (-2)
/* gx_edit_history_push(): do not coalesce */
#define GX_EDIT_NO_COALESCE   G_MININT

typedef struct {
  GxCellState state;
  gint64 value;        /* cell value, or the year */
  char *text;          /* raw text of an invalid cell, or the issuer */
  gboolean computed;   /* written by Fill totals, not typed */
} GxEditValue;

typedef struct {
  int target;          /* a cell index, or GX_EDIT_TARGET_* */
  GxEditValue before;
  GxEditValue after;
} GxEditChange;

void     gx_edit_value_clear   (GxEditValue *value);
void     gx_edit_value_copy    (GxEditValue *dest,
                                const GxEditValue *src);
gboolean gx_edit_value_equal   (const GxEditValue *a,
                                const GxEditValue *b);
/* a GArray of GxEditChange that frees its values */
GArray  *gx_edit_changes_new   (void);

#define GX_TYPE_EDIT_HISTORY (gx_edit_history_get_type ())
G_DECLARE_FINAL_TYPE (GxEditHistory, gx_edit_history, GX, EDIT_HISTORY, GObject)

GxEditHistory *gx_edit_history_new      (void);
/* Records a step (takes @changes).  When @coalesce is not
 * GX_EDIT_NO_COALESCE and the last step was pushed with the same key and is
 * not sealed, the changes are merged into it.  Drops the redo steps. */
void           gx_edit_history_push     (GxEditHistory *self,
                                         GArray        *changes,
                                         int            coalesce);
void           gx_edit_history_seal     (GxEditHistory *self);
gboolean       gx_edit_history_can_undo (GxEditHistory *self);
gboolean       gx_edit_history_can_redo (GxEditHistory *self);
/* The step to take back (apply its befores, last first), or NULL; the
 * history keeps it. */
const GArray  *gx_edit_history_undo     (GxEditHistory *self);
/* The step to apply again (its afters, in order), or NULL. */
const GArray  *gx_edit_history_redo     (GxEditHistory *self);
guint          gx_edit_history_get_n_steps (GxEditHistory *self);
void           gx_edit_history_clear    (GxEditHistory *self);

G_END_DECLS
