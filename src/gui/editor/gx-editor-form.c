/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gx-editor-form.c: the editable form of one report
 *
 * The grids are built once from the template.  Entries keep nothing: the
 * report is the truth, an entry only shows a cell's text and, while the
 * user types, the text of the edit in progress, which reaches the report
 * only when it is committed and valid (a refused one gives way to the
 * value the report kept).  Navigation follows "nav rows": the cells of a
 * line of the official form, left to right.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-editor-form.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-check.h"
#include "gx-sections.h"
#include "gx-schema.h"
#include "gx-sums.h"

typedef struct {
  GxSeverity severity;
  GString *messages;
} CellMark;

/* what an entry shows now, so that only the entries that change are
 * touched (restyling 200 entries on every keystroke is not instant) */
typedef struct {
  int severity;               /* -1: no finding */
  char *tooltip;
  gboolean invalid;
} CellLook;

struct _GxEditorForm
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *issuer_entry;
  GtkWidget *year_entry;
  GtkWidget **entries;        /* one per cell */
  GtkWidget *grids[GX_SECTION_REVIEW_LITIGATION + 1];

  GxReport *report;
  GxWorkspace *store;             /* for the review decisions, or NULL */
  GxEditHistory *history;
  gboolean *computed;         /* one per cell: written by Fill totals */
  CellMark *marks;
  CellLook *looks;

  GPtrArray *nav;             /* GArray of guint cells, one a line */
  int *nav_row;               /* per cell */
  int *nav_col;

  int focus_cell;
  guint updating;
  /* the edit in progress, as in a spreadsheet: typing into a selected
   * cell replaces its text, F2 or a double click edits it in place (the
   * arrows then move the caret); the report changes only when the edit is
   * committed (Enter, Tab, an arrow, focus out) and valid, Esc cancels */
  int edit_target;            /* NO_EDIT when none */
  gboolean edit_in_place;
  /* GTK counts the presses of a multiple click across key presses (a
   * click, typing, Enter and a double click on the same cell soon after
   * make presses 2 and 3): the count starts again after a key */
  gboolean key_since_press;
  int press_base;
};

#define NO_EDIT G_MININT

enum {
  CHANGED,
  REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxEditorForm, gx_editor_form, GTK_TYPE_WIDGET)

#define LABEL_COLUMNS 3

/* Helpers ------------------------------------------------------------------- */

static char *
row_label (const GxSchemaRow *row)
{
  if (gx_schema_prefers_chinese () && row->prefix_zh != NULL)
    return g_strconcat (row->prefix_zh, gx_schema_row_label (row), NULL);
  return g_strdup (gx_schema_row_label (row));
}

static char *
group_label (const GxSchemaGroup *group)
{
  if (gx_schema_prefers_chinese ())
    return g_strconcat (group->prefix_zh ? group->prefix_zh : "", group->label_zh, NULL);
  return g_strdup (group->label_en);
}

static char *
section_heading (GxSection section)
{
  const GxSchemaSection *s = gx_schema_section (section);

  if (gx_schema_prefers_chinese ())
    return g_strdup_printf ("%s、%s", s->number_zh, s->label_zh);
  return g_strdup (s->label_en);
}

static gboolean
parse_cell_text (guint         cell,
                 const char   *text,
                 GxEditValue  *out,
                 GError      **error)
{
  const GxSchemaCell *schema_cell = gx_schema_cell (cell);
  g_autofree char *name = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  gint64 value;
  GxValueParse parsed;

  memset (out, 0, sizeof *out);
  if (*stripped == '\0')
    {
      out->state = GX_CELL_BLANK;
      return TRUE;
    }

  name = gx_editor_form_dup_cell_name (cell);
  parsed = gx_value_parse_full (stripped, &value);
  if (parsed != GX_VALUE_PARSE_OK)
    {
      if (parsed == GX_VALUE_PARSE_TOO_LARGE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: “%s” is too large (at most %s); the value was not changed"),
                     name, stripped, "999,999,999");
      else if (parsed == GX_VALUE_PARSE_TOO_PRECISE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: “%s” has more than 6 decimal places; the value was not changed"),
                     name, stripped);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("%s: “%s” is not a number; the value was not changed"), name, stripped);
      return FALSE;
    }
  if (value < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: “%s” is negative; the value was not changed"), name, stripped);
      return FALSE;
    }
  if (schema_cell->column->kind == GX_VALUE_COUNT && !gx_value_is_whole (value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: “%s” is not a whole number; the value was not changed"), name, stripped);
      return FALSE;
    }
  out->state = GX_CELL_VALUE;
  out->value = value;
  return TRUE;
}

static gboolean
parse_year (const char *text,
            gint64     *year)
{
  gint64 value;

  if (!gx_value_parse (text, &value) || !gx_value_is_whole (value))
    return FALSE;
  value /= GX_VALUE_SCALE;
  if (value < 1990 || value > 2200)
    return FALSE;
  *year = value;
  return TRUE;
}

static void
current_value (GxEditorForm *self,
               int           target,
               GxEditValue  *out)
{
  memset (out, 0, sizeof *out);
  if (target == GX_EDIT_TARGET_ISSUER)
    out->text = g_strdup (gx_report_get_issuer (self->report));
  else if (target == GX_EDIT_TARGET_YEAR)
    out->value = gx_report_get_year (self->report);
  else
    {
      out->state = gx_report_get_cell (self->report, (guint) target, &out->value);
      out->text = g_strdup (gx_report_get_raw (self->report, (guint) target));
      out->computed = self->computed[target];
      if (out->state != GX_CELL_VALUE)
        out->value = 0;
    }
}

static char *
target_text (GxEditorForm *self,
             int           target)
{
  if (target == GX_EDIT_TARGET_ISSUER)
    return g_strdup (gx_report_get_issuer (self->report) ? gx_report_get_issuer (self->report) : "");
  if (target == GX_EDIT_TARGET_YEAR)
    return gx_report_get_year (self->report) > 0
           ? g_strdup_printf ("%d", gx_report_get_year (self->report)) : g_strdup ("");
  return gx_report_dup_text (self->report, (guint) target);
}

static GtkWidget *
target_widget (GxEditorForm *self,
               int           target)
{
  if (target == GX_EDIT_TARGET_ISSUER)
    return self->issuer_entry;
  if (target == GX_EDIT_TARGET_YEAR)
    return self->year_entry;
  return self->entries[target];
}

/* shows the report's text in the widget of @target */
static void
sync_widget (GxEditorForm *self,
             int           target)
{
  g_autofree char *text = NULL;
  GtkWidget *widget = target_widget (self, target);

  if (widget == NULL)
    return;   /* a cell of the other national form */
  text = target_text (self, target);
  gtk_widget_remove_css_class (widget, "typing-invalid");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return;
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
  self->updating--;
}

static void
apply_value (GxEditorForm      *self,
             int                target,
             const GxEditValue *value,
             gboolean           update_widget)
{
  if (target == GX_EDIT_TARGET_ISSUER)
    gx_report_set_issuer (self->report, value->text);
  else if (target == GX_EDIT_TARGET_YEAR)
    gx_report_set_year (self->report, (int) value->value);
  else
    {
      switch (value->state)
        {
        case GX_CELL_BLANK:
          gx_report_set_blank (self->report, (guint) target);
          break;
        case GX_CELL_VALUE:
          gx_report_set_value (self->report, (guint) target, value->value);
          break;
        case GX_CELL_INVALID:
        default:
          gx_report_set_invalid (self->report, (guint) target, value->text);
          break;
        }
      self->computed[target] = value->computed;
      if (self->entries[target] == NULL)
        ;
      else if (value->computed)
        gtk_widget_add_css_class (self->entries[target], "computed");
      else
        gtk_widget_remove_css_class (self->entries[target], "computed");
    }
  if (update_widget)
    sync_widget (self, target);
}

static void
clear_marks (GxEditorForm *self)
{
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    if (self->marks[i].messages != NULL)
      {
        g_string_free (self->marks[i].messages, TRUE);
        self->marks[i].messages = NULL;
      }
}

static void
style_entry (GxEditorForm *self,
             guint         cell)
{
  static const char *const classes[] = {
    [GX_SEVERITY_NOTE] = "finding-note",
    [GX_SEVERITY_WARNING] = "finding-warning",
    [GX_SEVERITY_ERROR] = "finding-error",
  };
  GtkWidget *entry = self->entries[cell];
  const CellMark *mark = &self->marks[cell];
  CellLook *look = &self->looks[cell];
  int severity = mark->messages != NULL ? (int) mark->severity : -1;
  const char *tooltip = mark->messages != NULL ? mark->messages->str : NULL;
  gboolean invalid;

  if (entry == NULL)
    return;   /* a cell of the other national form */
  invalid = gx_report_get_raw (self->report, cell) != NULL;

  if (look->severity != severity)
    {
      if (look->severity >= 0)
        gtk_widget_remove_css_class (entry, classes[look->severity]);
      if (severity >= 0)
        gtk_widget_add_css_class (entry, classes[severity]);
      look->severity = severity;
    }
  if (g_strcmp0 (look->tooltip, tooltip) != 0)
    {
      gtk_widget_set_tooltip_text (entry, tooltip);
      g_free (look->tooltip);
      look->tooltip = g_strdup (tooltip);
    }
  if (look->invalid != invalid)
    {
      if (invalid)
        gtk_widget_add_css_class (entry, "invalid");
      else
        gtk_widget_remove_css_class (entry, "invalid");
      look->invalid = invalid;
    }
}

/* checks the report as every view does (gx_check_report(): the prose,
 * the workspace's other years and units, the decisions) and highlights
 * the cells of each finding */
static void
recheck (GxEditorForm *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *findings;

  clear_marks (self);
  if (self->report == NULL)
    return;

  if (!gx_check_report (self->report, self->store ? gx_workspace_get_backend (self->store) : NULL, &error))
    {
      /* the workspace could not be read: the report's own findings */
      g_warning ("%s", error->message);
      g_clear_error (&error);
      gx_check_report (self->report, NULL, NULL);
    }
  findings = gx_report_get_findings (self->report);
  for (guint i = 0; i < findings->len; i++)
    {
      GxFinding *finding = g_ptr_array_index (findings, i);
      GxSeverity severity = gx_finding_get_severity (finding);
      guint n_cells;
      const guint *cells;

      /* a blank cell of a form being typed is no news; a dismissed
       * finding is not marked; a finding about the text marks no cell */
      if (severity == GX_SEVERITY_NOTE || gx_finding_get_review (finding) == GX_REVIEW_DISMISSED ||
          gx_sections_is_text_rule (gx_finding_get_rule (finding)))
        continue;
      cells = gx_finding_get_cells (finding, &n_cells);
      for (guint c = 0; c < n_cells; c++)
        {
          CellMark *mark;

          if (cells[c] >= gx_schema_n_cells ())
            continue;
          mark = &self->marks[cells[c]];
          if (mark->messages == NULL)
            {
              mark->messages = g_string_new (gx_finding_get_message (finding));
              mark->severity = severity;
            }
          else
            {
              g_string_append_c (mark->messages, '\n');
              g_string_append (mark->messages, gx_finding_get_message (finding));
              mark->severity = MAX (mark->severity, severity);
            }
        }
    }

  for (guint i = 0; i < gx_schema_n_cells (); i++)
    style_entry (self, i);
}

/* Applies the afters of @changes, records them as a step and checks again.
 * @typing: the target whose widget is the source of the change (its text
 * is left alone), or GX_EDIT_NO_COALESCE. */
static void
record (GxEditorForm *self,
        GArray       *changes,
        int           coalesce,
        int           typing)
{
  if (changes->len == 0)
    {
      g_array_unref (changes);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      GxEditChange *change = &g_array_index (changes, GxEditChange, i);

      apply_value (self, change->target, &change->after, change->target != typing);
    }
  gx_edit_history_push (self->history, changes, coalesce);
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* adds a change of @target to @value unless it is the current value */
static void
add_change (GxEditorForm      *self,
            GArray            *changes,
            int                target,
            const GxEditValue *value)
{
  GxEditChange change = { target };

  current_value (self, target, &change.before);
  if (gx_edit_value_equal (&change.before, value))
    {
      gx_edit_value_clear (&change.before);
      return;
    }
  gx_edit_value_copy (&change.after, value);
  g_array_append_val (changes, change);
}

static gboolean
parse_target (GxEditorForm  *self,
              int            target,
              const char    *text,
              GxEditValue   *value,
              GError       **error)
{
  memset (value, 0, sizeof *value);
  if (target == GX_EDIT_TARGET_ISSUER)
    {
      value->text = g_strstrip (g_strdup (text));
      return TRUE;
    }
  if (target == GX_EDIT_TARGET_YEAR)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (parse_year (stripped, &value->value))
        return TRUE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Year: “%s” is not a year; the value was not changed"), stripped);
      return FALSE;
    }
  return parse_cell_text ((guint) target, text, value, error);
}

static int
widget_target (GxEditorForm *self,
               GtkWidget    *widget)
{
  if (widget == self->issuer_entry)
    return GX_EDIT_TARGET_ISSUER;
  if (widget == self->year_entry)
    return GX_EDIT_TARGET_YEAR;
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), "gx-cell")) - 1;
}

static void
focus_entry (GxEditorForm *self,
             guint         cell)
{
  GtkWidget *entry = self->entries[cell];

  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
  self->focus_cell = (int) cell;
}

/* focus on @target with its whole text selected: typing replaces it */
static void
select_target (GxEditorForm *self,
               int           target)
{
  if (target >= 0)
    focus_entry (self, (guint) target);
  else
    {
      gtk_widget_grab_focus (target_widget (self, target));
      gtk_editable_select_region (GTK_EDITABLE (target_widget (self, target)), 0, -1);
    }
}

/* Ends the edit in progress.  A valid text becomes one step; a refused one
 * gives way to the value the report kept, and the message says what was
 * typed.  FALSE when refused. */
static gboolean
commit_edit (GxEditorForm *self)
{
  int target = self->edit_target;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *before = NULL;
  GxEditValue value;

  if (target == NO_EDIT)
    return TRUE;
  self->edit_target = NO_EDIT;
  self->edit_in_place = FALSE;
  gtk_widget_remove_css_class (target_widget (self, target), "typing-invalid");
  if (self->report == NULL)
    return TRUE;

  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (target_widget (self, target))));
  before = target_text (self, target);
  if (g_str_equal (typed, before))
    return TRUE;

  if (!parse_target (self, target, typed, &value, &error))
    {
      sync_widget (self, target);
      g_signal_emit (self, signals[REFUSED], 0, error->message);
      return FALSE;
    }
  changes = gx_edit_changes_new ();
  add_change (self, changes, target, &value);
  gx_edit_value_clear (&value);
  gx_edit_history_seal (self->history);
  record (self, g_steal_pointer (&changes), GX_EDIT_NO_COALESCE, GX_EDIT_NO_COALESCE);
  /* "１３" shows as "13", "013" as "13" */
  sync_widget (self, target);
  return TRUE;
}

/* Esc: the text goes back to the value; FALSE when nothing was edited */
static gboolean
cancel_edit (GxEditorForm *self)
{
  int target = self->edit_target;

  if (target == NO_EDIT)
    return FALSE;
  self->edit_target = NO_EDIT;
  self->edit_in_place = FALSE;
  gtk_widget_remove_css_class (target_widget (self, target), "typing-invalid");
  sync_widget (self, target);
  if (gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (target_widget (self, target))))))
    gtk_editable_select_region (GTK_EDITABLE (target_widget (self, target)), 0, -1);
  return TRUE;
}

/* F2, a double click: the caret goes to the end of the text */
static void
edit_in_place (GxEditorForm *self,
               int           target)
{
  if (self->edit_target != target)
    {
      commit_edit (self);
      self->edit_target = target;
    }
  self->edit_in_place = TRUE;
  gtk_editable_set_position (GTK_EDITABLE (target_widget (self, target)), -1);
}

/* the first cell of the form, the cell Tab goes to from the year */
static guint
first_cell (GxEditorForm *self)
{
  return g_array_index ((GArray *) g_ptr_array_index (self->nav, 0), guint, 0);
}

/* leaves @target by the keyboard: commits, then moves @rows down or
 * @columns across; a refused edit stays in its cell, its old value
 * selected, so that the clerk types again */
static void
leave_by_key (GxEditorForm *self,
              int           target,
              int           rows,
              int           columns)
{
  if (!commit_edit (self))
    {
      select_target (self, target);
      return;
    }
  if (target == GX_EDIT_TARGET_ISSUER)
    {
      if (rows > 0 || columns > 0)
        select_target (self, GX_EDIT_TARGET_YEAR);
      return;
    }
  if (target == GX_EDIT_TARGET_YEAR)
    {
      if (rows > 0 || columns > 0)
        focus_entry (self, first_cell (self));
      else
        select_target (self, GX_EDIT_TARGET_ISSUER);
      return;
    }
  self->focus_cell = target;
  if (!gx_editor_form_move (self, rows, columns))
    {
      /* Shift+Tab (or Shift+Enter) from the first cell: back to the year */
      if ((columns < 0 || rows < 0) && (guint) target == first_cell (self))
        select_target (self, GX_EDIT_TARGET_YEAR);
      else
        select_target (self, target);
    }
}

/* Callbacks ----------------------------------------------------------------- */

/* typing starts an edit; the report keeps its value until it is committed */
static void
entry_changed_cb (GtkEditable  *editable,
                  GxEditorForm *self)
{
  int target = widget_target (self, GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);
  gboolean valid;

  if (self->updating > 0 || self->report == NULL)
    return;
  if (self->edit_target != target)
    {
      commit_edit (self);
      self->edit_target = target;
    }

  /* what would be refused shows at once, without changing the layout */
  if (target == GX_EDIT_TARGET_ISSUER)
    valid = TRUE;
  else
    {
      GxEditValue value;

      valid = parse_target (self, target, text, &value, NULL);
      if (valid)
        gx_edit_value_clear (&value);
    }
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "typing-invalid");
  else
    gtk_widget_add_css_class (GTK_WIDGET (editable), "typing-invalid");
}

static void
entry_activate_cb (GtkEntry     *entry,
                   GxEditorForm *self)
{
  leave_by_key (self, widget_target (self, GTK_WIDGET (entry)), 1, 0);
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                GxEditorForm            *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int target = widget_target (self, widget);

  if (target >= 0)
    self->focus_cell = target;
  if (self->edit_target != target)
    gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                GxEditorForm            *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (self->edit_target == widget_target (self, widget))
    commit_edit (self);
}

/* A click on a cell selects it (typing then replaces it, as in a
 * spreadsheet); a double click edits it in place.  Clicks inside a cell
 * being edited in place move the caret. */
static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GxEditorForm    *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  int target = widget_target (self, entry);

  if (self->key_since_press || n_press == 1)
    self->press_base = n_press - 1;
  self->key_since_press = FALSE;
  n_press -= self->press_base;

  if (self->report == NULL || (self->edit_in_place && self->edit_target == target))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (n_press >= 2)
    edit_in_place (self, target);
  else
    select_target (self, target);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GxEditorForm          *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  int target = widget_target (self, widget);
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean editing = self->edit_target == target;
  gboolean in_place = editing && self->edit_in_place;

  self->key_since_press = TRUE;
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      return cancel_edit (self);
    case GDK_KEY_F2:
      edit_in_place (self, target);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (target == GX_EDIT_TARGET_ISSUER && (shift || keyval == GDK_KEY_ISO_Left_Tab))
        {
          commit_edit (self);
          return FALSE;   /* out of the form */
        }
      leave_by_key (self, target, 0, (shift || keyval == GDK_KEY_ISO_Left_Tab) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      leave_by_key (self, target, shift ? -1 : 1, 0);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (target < 0)
        return FALSE;
      leave_by_key (self, target, (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) ? -1 : 1, 0);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      /* in place, the caret moves in the text */
      if (target < 0 || shift || in_place)
        return FALSE;
      leave_by_key (self, target, 0, (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) ? -1 : 1);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (target < 0 || editing)
        return FALSE;
      gx_editor_form_blank_cell (self, (guint) target);
      gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
      return TRUE;
    default:
      /* the first key typed into a selected cell replaces its text, even
       * if a click or Home moved the caret */
      if (target >= 0 && !editing &&
          (gdk_keyval_to_unicode (keyval) != 0 || keyval == GDK_KEY_BackSpace))
        gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
      return FALSE;
    }
}

static void
paste_clipboard_cb (GtkText      *text,
                    GxEditorForm *self)
{
  g_signal_stop_emission_by_name (text, "paste-clipboard");
  gx_editor_form_paste_clipboard (self);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GxEditorForm) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  int cell = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (source), "gx-paste-cell")) - 1;

  if (text == NULL || self->report == NULL || cell < 0)
    return;
  if (gx_editor_form_paste_text (self, (guint) cell, text, &error) < 0)
    g_signal_emit (self, signals[REFUSED], 0, error->message);
}

/* Building the grids ------------------------------------------------------- */

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_widget_add_css_class (grid, "form-table");
  gtk_widget_add_css_class (grid, "report-table");
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  return grid;
}

static GtkWidget *
new_label (const char *text,
           gboolean    header,
           int         max_chars)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  /* words whole: a column is as wide as its longest word */
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  if (max_chars > 0)
    gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  gtk_label_set_xalign (GTK_LABEL (label), header ? 0.5f : 0.0f);
  gtk_label_set_justify (GTK_LABEL (label), header ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  gtk_widget_add_css_class (label, header ? "form-header" : "form-label");
  return label;
}

static void
attach (GtkWidget *grid,
        GtkWidget *child,
        int        column,
        int        row,
        int        width,
        int        height)
{
  gtk_grid_attach (GTK_GRID (grid), child, column, row, width, height);
}

static GtkWidget *
new_cell_entry (GxEditorForm *self,
                guint         cell)
{
  const GxSchemaCell *schema_cell = gx_schema_cell (cell);
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *controller;
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry)));
  g_autofree char *name = gx_editor_form_dup_cell_name (cell);

  g_object_set_data (G_OBJECT (entry), "gx-cell", GINT_TO_POINTER ((int) cell + 1));
  gtk_widget_set_name (entry, schema_cell->path);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry),
                                schema_cell->column->kind == GX_VALUE_AMOUNT ? 11 : 6);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 12);
  /* undo is the form's, across cells */
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry),
                               schema_cell->column->kind == GX_VALUE_AMOUNT
                               ? GTK_INPUT_PURPOSE_NUMBER : GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_add_css_class (entry, "form-cell");
  gtk_widget_add_css_class (entry, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), self);
  g_signal_connect (text, "paste-clipboard", G_CALLBACK (paste_clipboard_cb), self);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (entry, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (entry, controller);

  /* before the text's own gesture, which would put the caret where the
   * click was (and typing would then insert into the old value) */
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "pressed", G_CALLBACK (cell_pressed_cb), self);
  gtk_widget_add_controller (entry, controller);

  self->entries[cell] = entry;
  return entry;
}

static void
add_nav_row (GxEditorForm *self,
             GArray       *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      guint cell = g_array_index (cells, guint, i);

      self->nav_row[cell] = (int) self->nav->len;
      self->nav_col[cell] = (int) i;
    }
  g_ptr_array_add (self->nav, cells);
}

static GtkWidget *
section_box (GxEditorForm *self,
             GxSection     section,
             GtkWidget    *grid)
{
  g_autofree char *heading = section_heading (section);
  GtkWidget *label = gtk_label_new (heading);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_box_append (GTK_BOX (self->box), label);
  gtk_box_append (GTK_BOX (self->box), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  self->grids[section] = grid;
  return grid;
}

/* The editor lays out the current national form (2021).  Reports in the
 * 2019 form are read and checked, but the window refuses to edit them
 * (gx-editor-window.c); cells of the other form have no entry. */
#define EDITOR_FORMAT GX_FORMAT_2021

/* 二: one small table a group (第二十条第（一）项 …): 信息内容 | fields */
static void
build_disclosure (GxEditorForm *self)
{
  const GxSchemaSection *section = gx_schema_section (GX_SECTION_DISCLOSURE);
  GtkWidget *grid = section_box (self, GX_SECTION_DISCLOSURE, new_grid ());
  int group = -2;
  int y = 0;

  for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      guint columns[16];
      guint n_columns = gx_schema_row_format_columns (row, EDITOR_FORMAT, columns);
      int span = n_columns == 1 ? 3 : 1;
      g_autofree char *label = NULL;
      GArray *cells;

      if (n_columns == 0)
        continue;
      label = row_label (row);
      cells = g_array_new (FALSE, FALSE, sizeof (guint));

      if (row->group != group)
        {
          group = row->group;
          if (group >= 0)
            {
              g_autofree char *heading = group_label (gx_schema_group ((guint) group));
              GtkWidget *widget = new_label (heading, TRUE, -1);

              gtk_widget_add_css_class (widget, "form-group");
              attach (grid, widget, 0, y++, 4, 1);
            }
          /* Translators: the heading of the label column of section 二 of the official form */
          attach (grid, new_label (_("Content"), TRUE, 16), 0, y, 1, 1);
          for (guint c = 0; c < n_columns; c++)
            attach (grid, new_label (gx_schema_column_label (&row->columns[columns[c]]), TRUE, 12),
                    1 + (int) c, y, span, 1);
          y++;
        }

      attach (grid, new_label (label, FALSE, 16), 0, y, 1, 1);
      for (guint c = 0; c < n_columns; c++)
        {
          guint cell = row->first_cell + columns[c];

          attach (grid, new_cell_entry (self, cell), 1 + (int) c, y, span, 1);
          g_array_append_val (cells, cell);
        }
      add_nav_row (self, cells);
      y++;
    }
}

/* the groups enclosing @group, outermost first; returns their number */
static guint
group_chain (int  group,
             int *chain,
             guint max)
{
  int reversed[8];
  guint n = 0;

  for (int g = group; g >= 0 && n < G_N_ELEMENTS (reversed); g = gx_schema_group ((guint) g)->parent)
    reversed[n++] = g;
  n = MIN (n, max);
  for (guint i = 0; i < n; i++)
    chain[i] = reversed[n - 1 - i];
  return n;
}

/* 三: three label columns (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密)
 * spanning the rows they head, and the 7 columns under their headers */
static void
build_applications (GxEditorForm *self)
{
  const GxSchemaSection *section = gx_schema_section (GX_SECTION_APPLICATIONS);
  GtkWidget *grid = section_box (self, GX_SECTION_APPLICATIONS, new_grid ());
  const GxSchemaColumn *columns;
  guint n_columns;
  int open_group[LABEL_COLUMNS - 1] = { -1, -1 };
  int open_start[LABEL_COLUMNS - 1] = { 0, 0 };
  const int top = 2;
  int y = top;
  GtkWidget *corner;

  columns = gx_schema_application_columns (&n_columns);
  corner = new_label (NULL, TRUE, -1);
  attach (grid, corner, 0, 0, LABEL_COLUMNS, 2);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *group = gx_schema_pick (columns[c].group_zh, columns[c].group_en);

      if (group == NULL)
        attach (grid, new_label (gx_schema_column_label (&columns[c]), TRUE, 13),
                LABEL_COLUMNS + (int) c, 0, 1, 2);
      else
        {
          guint n = 1;

          while (c + n < n_columns && g_strcmp0 (columns[c + n].group_zh, columns[c].group_zh) == 0)
            n++;
          attach (grid, new_label (group, TRUE, -1), LABEL_COLUMNS + (int) c, 0, (int) n, 1);
          for (guint k = c; k < c + n; k++)
            attach (grid, new_label (gx_schema_column_label (&columns[k]), TRUE, 13),
                    LABEL_COLUMNS + (int) k, 1, 1, 1);
          c += n - 1;
        }
    }

  for (guint r = section->first_row; r <= section->first_row + section->n_rows; r++)
    {
      const GxSchemaRow *row = r < section->first_row + section->n_rows ? gx_schema_row (r) : NULL;
      int chain[LABEL_COLUMNS - 1] = { -1, -1 };
      guint depth;
      GArray *cells;
      g_autofree char *label = NULL;

      if (row != NULL && !gx_schema_row_in_format (row, EDITOR_FORMAT))
        continue;
      depth = row ? group_chain (row->group, chain, LABEL_COLUMNS - 1) : 0;

      /* close the vertical group labels this row is no longer under */
      for (int level = LABEL_COLUMNS - 2; level >= 0; level--)
        if (open_group[level] >= 0 && ((guint) level >= depth || chain[level] != open_group[level]))
          {
            const GxSchemaGroup *g = gx_schema_group ((guint) open_group[level]);
            g_autofree char *text = NULL;
            GtkWidget *widget;

            /* narrow, as in the form: the numbering on a line of its own */
            if (gx_schema_prefers_chinese ())
              text = g_strconcat (g->prefix_zh ? g->prefix_zh : "", "\n", g->label_zh, NULL);
            else
              text = g_strdup (g->label_en);
            widget = new_label (text, TRUE, gx_schema_prefers_chinese () ? 6 : 9);

            gtk_widget_add_css_class (widget, "form-group");
            attach (grid, widget, level, open_start[level], 1, y - open_start[level]);
            open_group[level] = -1;
          }
      if (row == NULL)
        break;
      for (guint level = 0; level < depth; level++)
        if (open_group[level] < 0)
          {
            open_group[level] = chain[level];
            open_start[level] = y;
          }

      label = row_label (row);
      attach (grid, new_label (label, FALSE, depth == 2 ? 24 : 30), (int) depth, y,
              LABEL_COLUMNS - (int) depth, 1);
      cells = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint c = 0; c < row->n_columns; c++)
        {
          guint cell = row->first_cell + c;
          GtkWidget *entry = new_cell_entry (self, cell);

          if (c + 1 == row->n_columns)
            gtk_widget_add_css_class (entry, "form-total");
          attach (grid, entry, LABEL_COLUMNS + (int) c, y, 1, 1);
          g_array_append_val (cells, cell);
        }
      add_nav_row (self, cells);
      y++;
    }
}

/* 四: as in the official form, one line of 15 cells under
 * 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉) */
static void
build_review (GxEditorForm *self)
{
  const GxSchemaSection *section = gx_schema_section (GX_SECTION_REVIEW_LITIGATION);
  GtkWidget *grid = section_box (self, GX_SECTION_REVIEW_LITIGATION, new_grid ());
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (guint));
  int x = 0;

  for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      g_autofree char *label = row_label (row);
      int width = (int) row->n_columns;

      if (row->group < 0)
        attach (grid, new_label (label, TRUE, -1), x, 0, width, 2);
      else
        {
          /* the group heading spans the rows of the group */
          if (r == section->first_row || gx_schema_row (r - 1)->group != row->group)
            {
              g_autofree char *heading = group_label (gx_schema_group ((guint) row->group));
              int n = 0;

              for (guint k = r; k < section->first_row + section->n_rows &&
                   gx_schema_row (k)->group == row->group; k++)
                n += (int) gx_schema_row (k)->n_columns;
              attach (grid, new_label (heading, TRUE, -1), x, 0, n, 1);
            }
          attach (grid, new_label (label, TRUE, -1), x, 1, width, 1);
        }
      for (guint c = 0; c < row->n_columns; c++)
        {
          guint cell = row->first_cell + c;
          GtkWidget *entry = new_cell_entry (self, cell);

          attach (grid, new_label (gx_schema_column_label (&row->columns[c]), TRUE, 10),
                  x + (int) c, 2, 1, 1);
          if (c + 1 == row->n_columns)
            gtk_widget_add_css_class (entry, "form-total");
          attach (grid, entry, x + (int) c, 3, 1, 1);
          g_array_append_val (cells, cell);
        }
      x += width;
    }
  add_nav_row (self, cells);
}

static void
build_meta (GxEditorForm *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label;
  GtkWidget *entries[2];

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);

  label = gtk_label_new_with_mnemonic (_("_Issuer"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  self->issuer_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->issuer_entry), 36);
  gtk_widget_set_hexpand (self->issuer_entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->issuer_entry), _("The agency that publishes the report"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->issuer_entry);
  gtk_grid_attach (GTK_GRID (grid), self->issuer_entry, 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Year"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_grid_attach (GTK_GRID (grid), label, 2, 0, 1, 1);
  self->year_entry = gtk_entry_new ();
  gtk_editable_set_width_chars (GTK_EDITABLE (self->year_entry), 6);
  gtk_entry_set_input_purpose (GTK_ENTRY (self->year_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->year_entry);
  gtk_grid_attach (GTK_GRID (grid), self->year_entry, 3, 0, 1, 1);

  entries[0] = self->issuer_entry;
  entries[1] = self->year_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *controller = gtk_event_controller_focus_new ();

      gtk_editable_set_enable_undo (GTK_EDITABLE (entries[i]), FALSE);
      g_signal_connect (entries[i], "changed", G_CALLBACK (entry_changed_cb), self);
      g_signal_connect (entries[i], "activate", G_CALLBACK (entry_activate_cb), self);
      g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
      g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
      gtk_widget_add_controller (entries[i], controller);

      controller = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
      gtk_widget_add_controller (entries[i], controller);
    }

  gtk_box_append (GTK_BOX (self->box), grid);
}

/* Fill totals ---------------------------------------------------------------- */

typedef struct {
  GxEditorForm *form;
  gint64 *values;        /* scratch: the values as filled so far */
  gboolean *blank;
  gboolean overwrite;
  GArray *changes;
  guint n_kept;
} Fill;

static void
fill_target (Fill     *fill,
             guint     target,
             gint64    sum,
             gboolean  any)
{
  GxEditorForm *self = fill->form;
  gboolean typed;
  GxEditValue value = { GX_CELL_VALUE, sum, NULL, TRUE };

  if (!any)
    return;   /* nothing to add up: leave the cell as it is */
  if (!fill->blank[target] && fill->values[target] == sum)
    return;
  typed = !fill->blank[target] && !self->computed[target];
  if (typed && !fill->overwrite)
    {
      fill->n_kept++;
      return;
    }
  fill->values[target] = sum;
  fill->blank[target] = FALSE;
  add_change (self, fill->changes, (int) target, &value);
}

/* Writes the fill cell of @sum (gx-sums.c) from the other cells of its
 * equation: the side without it, less the other cells of its own side.  A
 * difference below 0 is no count: the cell is left as it is. */
static void
fill_sum (Fill        *fill,
          const GxSum *sum)
{
  guint target = (guint) sum->fill_cell;
  gboolean on_left = FALSE;
  gboolean difference = FALSE;
  gint64 value = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < sum->n_left; i++)
    on_left |= sum->left[i] == target;
  for (guint side = 0; side < 2; side++)
    {
      /* the other side first, added; then the fill cell's own side */
      gboolean own = side == 1;
      gboolean left = own == on_left;
      const guint *cells = left ? sum->left : sum->right;
      guint n_cells = left ? sum->n_left : sum->n_right;

      for (guint i = 0; i < n_cells; i++)
        {
          guint cell = cells[i];
          gboolean overflow;

          if (cell == target)
            continue;
          difference |= own;
          if (fill->blank[cell])
            continue;
          /* a sum past gint64 (only values not typed here can reach it):
           * the cell is left as it is; one past 999,999,999 is written, and
           * count_value says it is too large */
          if (own)
            overflow = __builtin_sub_overflow (value, fill->values[cell], &value);
          else
            overflow = __builtin_add_overflow (value, fill->values[cell], &value);
          if (overflow)
            return;
          any = TRUE;
        }
    }
  if (difference && value < 0)
    return;
  fill_target (fill, target, value, any);
}

/* Building: class ------------------------------------------------------------ */

static void
gx_editor_form_dispose (GObject *object)
{
  GxEditorForm *self = GX_EDITOR_FORM (object);

  /* the entries going away lose the focus: nothing is committed then */
  self->edit_target = NO_EDIT;
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->report);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gx_editor_form_parent_class)->dispose (object);
}

static void
gx_editor_form_finalize (GObject *object)
{
  GxEditorForm *self = GX_EDITOR_FORM (object);

  clear_marks (self);
  g_free (self->marks);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    g_free (self->looks[i].tooltip);
  g_free (self->looks);
  g_free (self->computed);
  g_free (self->entries);
  g_free (self->nav_row);
  g_free (self->nav_col);
  g_ptr_array_unref (self->nav);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (gx_editor_form_parent_class)->finalize (object);
}

static void
gx_editor_form_class_init (GxEditorFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_editor_form_dispose;
  object_class->finalize = gx_editor_form_finalize;

  /* after every change of the report (typing, paste, fill, undo, redo) */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* input that was not taken, with the message to show */
  signals[REFUSED] = g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gxeditorform");
}

static void
gx_editor_form_init (GxEditorForm *self)
{
  guint n_cells = gx_schema_n_cells ();

  self->focus_cell = -1;
  self->edit_target = NO_EDIT;
  self->entries = g_new0 (GtkWidget *, n_cells);
  self->computed = g_new0 (gboolean, n_cells);
  self->marks = g_new0 (CellMark, n_cells);
  self->looks = g_new0 (CellLook, n_cells);
  for (guint i = 0; i < n_cells; i++)
    self->looks[i].severity = -1;
  self->nav_row = g_new0 (int, n_cells);
  self->nav_col = g_new0 (int, n_cells);
  self->nav = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->history = gx_edit_history_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  build_meta (self);
  build_disclosure (self);
  build_applications (self);
  build_review (self);

  gtk_widget_set_sensitive (self->box, FALSE);
}

/* Public API ------------------------------------------------------------------ */

GtkWidget *
gx_editor_form_new (void)
{
  return g_object_new (GX_TYPE_EDITOR_FORM, NULL);
}

void
gx_editor_form_set_report (GxEditorForm *self,
                           GxReport     *report)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));
  g_return_if_fail (report == NULL || GX_IS_REPORT (report));

  self->edit_target = NO_EDIT;
  self->edit_in_place = FALSE;
  g_set_object (&self->report, report);
  gx_edit_history_clear (self->history);
  memset (self->computed, 0, sizeof (gboolean) * gx_schema_n_cells ());
  gtk_widget_set_sensitive (self->box, report != NULL);
  if (report == NULL)
    return;

  sync_widget (self, GX_EDIT_TARGET_ISSUER);
  sync_widget (self, GX_EDIT_TARGET_YEAR);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      sync_widget (self, (int) i);
      if (self->entries[i] != NULL)
        gtk_widget_remove_css_class (self->entries[i], "computed");
    }
  recheck (self);
}

void
gx_editor_form_set_store (GxEditorForm *self,
                          GxWorkspace      *store)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));
  g_set_object (&self->store, store);
}

/* Checks again (e.g. after a review decision) and restyles the cells. */
void
gx_editor_form_recheck (GxEditorForm *self)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));
  recheck (self);
}

GxReport *
gx_editor_form_get_report (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), NULL);
  return self->report;
}

GxEditHistory *
gx_editor_form_get_history (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), NULL);
  return self->history;
}

GtkWidget *
gx_editor_form_get_cell_entry (GxEditorForm *self,
                               guint         cell)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), NULL);
  g_return_val_if_fail (cell < gx_schema_n_cells (), NULL);
  return self->entries[cell];
}

GtkWidget *
gx_editor_form_get_issuer_entry (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), NULL);
  return self->issuer_entry;
}

GtkWidget *
gx_editor_form_get_year_entry (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), NULL);
  return self->year_entry;
}

int
gx_editor_form_get_focus_cell (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), -1);
  return self->focus_cell;
}

void
gx_editor_form_focus_cell (GxEditorForm *self,
                           guint         cell)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));
  g_return_if_fail (cell < gx_schema_n_cells ());
  focus_entry (self, cell);
}

GtkWidget *
gx_editor_form_get_table (GxEditorForm *self,
                          GxSection     section,
                          GtkWidget   **first_body)
{
  const GxSchemaSection *s = gx_schema_section (section);

  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), NULL);
  g_return_val_if_fail (section <= GX_SECTION_REVIEW_LITIGATION, NULL);

  if (first_body != NULL)
    {
      *first_body = NULL;
      for (guint r = s->first_row; r < s->first_row + s->n_rows && *first_body == NULL; r++)
        *first_body = self->entries[gx_schema_row (r)->first_cell];
    }
  return self->grids[section];
}

void
gx_editor_form_refocus (GxEditorForm *self)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));

  if (self->focus_cell >= 0)
    focus_entry (self, (guint) self->focus_cell);
  else
    select_target (self, GX_EDIT_TARGET_ISSUER);
}

gboolean
gx_editor_form_move (GxEditorForm *self,
                     int           rows,
                     int           columns)
{
  int row, column;
  GArray *line;

  gx_editor_form_flush_input (self);

  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), FALSE);

  if (self->focus_cell < 0)
    {
      focus_entry (self, 0);
      return TRUE;
    }
  row = self->nav_row[self->focus_cell];
  column = self->nav_col[self->focus_cell];

  if (columns != 0)
    {
      line = g_ptr_array_index (self->nav, row);
      column += columns;
      /* Tab wraps to the next line, Shift+Tab to the previous one */
      if (column >= (int) line->len)
        {
          if (row + 1 >= (int) self->nav->len)
            return FALSE;
          row++;
          column = 0;
        }
      else if (column < 0)
        {
          if (row == 0)
            return FALSE;
          row--;
          column = (int) ((GArray *) g_ptr_array_index (self->nav, row))->len - 1;
        }
    }
  if (rows != 0)
    {
      row += rows;
      if (row < 0 || row >= (int) self->nav->len)
        return FALSE;
    }

  line = g_ptr_array_index (self->nav, row);
  column = CLAMP (column, 0, (int) line->len - 1);
  focus_entry (self, g_array_index (line, guint, column));
  return TRUE;
}

gboolean
gx_editor_form_set_cell_text (GxEditorForm  *self,
                              guint          cell,
                              const char    *text,
                              GError       **error)
{
  g_autoptr(GArray) changes = NULL;
  GxEditValue value;

  gx_editor_form_flush_input (self);

  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), FALSE);
  g_return_val_if_fail (cell < gx_schema_n_cells (), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  if (!parse_cell_text (cell, text, &value, error))
    return FALSE;
  gx_edit_history_seal (self->history);
  changes = gx_edit_changes_new ();
  add_change (self, changes, (int) cell, &value);
  record (self, g_steal_pointer (&changes), GX_EDIT_NO_COALESCE, GX_EDIT_NO_COALESCE);
  return TRUE;
}

void
gx_editor_form_blank_cell (GxEditorForm *self,
                           guint         cell)
{
  g_autoptr(GArray) changes = NULL;
  GxEditValue value = { GX_CELL_BLANK };

  gx_editor_form_flush_input (self);

  g_return_if_fail (GX_IS_EDITOR_FORM (self));
  g_return_if_fail (cell < gx_schema_n_cells ());
  g_return_if_fail (self->report != NULL);

  gx_edit_history_seal (self->history);
  changes = gx_edit_changes_new ();
  add_change (self, changes, (int) cell, &value);
  record (self, g_steal_pointer (&changes), GX_EDIT_NO_COALESCE, GX_EDIT_NO_COALESCE);
  /* the text of a refused value goes too */
  sync_widget (self, (int) cell);
}

int
gx_editor_form_paste_text (GxEditorForm  *self,
                           guint          cell,
                           const char    *text,
                           GError       **error)
{
  g_autoptr(GArray) changes = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  int row, column;
  int written = 0;

  gx_editor_form_flush_input (self);

  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), -1);
  g_return_val_if_fail (cell < gx_schema_n_cells (), -1);
  g_return_val_if_fail (self->report != NULL, -1);

  lines = g_strsplit (text ? text : "", "\n", -1);
  n_lines = g_strv_length (lines);
  /* the line break after the last row that spreadsheets copy */
  while (n_lines > 0 && g_strstrip (lines[n_lines - 1])[0] == '\0')
    n_lines--;

  row = self->nav_row[cell];
  column = self->nav_col[cell];
  changes = gx_edit_changes_new ();
  for (guint l = 0; l < n_lines && row + (int) l < (int) self->nav->len; l++)
    {
      GArray *line = g_ptr_array_index (self->nav, row + (int) l);
      g_auto(GStrv) fields = NULL;
      char *p;

      /* \r of Windows line ends; tabs separate, or else runs of spaces */
      g_strdelimit (lines[l], "\r", ' ');
      if (strchr (lines[l], '\t') != NULL)
        fields = g_strsplit (lines[l], "\t", -1);
      else
        {
          g_autoptr(GString) normal = g_string_new (NULL);

          /* the ideographic space of Chinese spreadsheets counts as a space */
          for (p = lines[l]; *p != '\0'; p = g_utf8_next_char (p))
            if (g_utf8_get_char (p) == 0x3000)
              g_string_append_c (normal, ' ');
            else
              g_string_append_unichar (normal, g_utf8_get_char (p));
          fields = g_strsplit_set (g_strstrip (normal->str), " ", -1);
          /* runs of spaces are one separator */
          {
            guint out = 0;

            for (guint i = 0; fields[i] != NULL; i++)
              if (fields[i][0] != '\0')
                fields[out++] = fields[i];
              else
                g_free (fields[i]);
            fields[out] = NULL;
          }
        }

      for (guint f = 0; fields[f] != NULL && column + (int) f < (int) line->len; f++)
        {
          guint target = g_array_index (line, guint, column + (int) f);
          GxEditValue value;

          if (!parse_cell_text (target, fields[f], &value, error))
            return -1;
          add_change (self, changes, (int) target, &value);
          written++;
        }
    }

  gx_edit_history_seal (self->history);
  record (self, g_steal_pointer (&changes), GX_EDIT_NO_COALESCE, GX_EDIT_NO_COALESCE);
  return written;
}

void
gx_editor_form_paste_clipboard (GxEditorForm *self)
{
  GdkClipboard *clipboard;

  g_return_if_fail (GX_IS_EDITOR_FORM (self));

  if (self->focus_cell < 0)
    return;
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  g_object_set_data (G_OBJECT (clipboard), "gx-paste-cell", GINT_TO_POINTER (self->focus_cell + 1));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, g_object_ref (self));
}

guint
gx_editor_form_fill_totals (GxEditorForm *self,
                            gboolean      carry_forward,
                            gboolean      overwrite_typed,
                            guint        *n_kept)
{
  guint n_cells = gx_schema_n_cells ();
  g_autofree const GxSum **filler = g_new0 (const GxSum *, n_cells);
  const GxSum *sums;
  guint n_sums;
  g_autofree gint64 *values = g_new0 (gint64, n_cells);
  g_autofree gboolean *blank = g_new0 (gboolean, n_cells);
  Fill fill = { self, values, blank, overwrite_typed, NULL, 0 };
  guint written;

  gx_editor_form_flush_input (self);

  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), 0);
  g_return_val_if_fail (self->report != NULL, 0);

  for (guint i = 0; i < n_cells; i++)
    {
      values[i] = gx_report_get_value (self->report, i);
      blank[i] = gx_report_get_cell (self->report, i, NULL) != GX_CELL_VALUE;
    }
  fill.changes = gx_edit_changes_new ();

  /* the sums of gx-sums.c that have a cell to fill, each cell after the
   * cells it is the sum of (so in the order of the cells) */
  sums = gx_sums_for_format (EDITOR_FORMAT, &n_sums);
  for (guint i = 0; i < n_sums; i++)
    if (sums[i].fill_cell >= 0 && filler[sums[i].fill_cell] == NULL &&
        (sums[i].entry->fill == GX_SUM_FILL_ALWAYS ||
         (sums[i].entry->fill == GX_SUM_FILL_CARRY_FORWARD && carry_forward)))
      filler[sums[i].fill_cell] = &sums[i];
  for (guint i = 0; i < n_cells; i++)
    if (filler[i] != NULL)
      fill_sum (&fill, filler[i]);

  written = fill.changes->len;
  if (n_kept != NULL)
    *n_kept = fill.n_kept;
  gx_edit_history_seal (self->history);
  record (self, fill.changes, GX_EDIT_NO_COALESCE, GX_EDIT_NO_COALESCE);
  return written;
}

guint
gx_editor_form_take_values (GxEditorForm *self,
                            GxReport     *other)
{
  g_autoptr(GArray) changes = NULL;
  GxEditValue value = { 0 };
  guint n;

  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), 0);
  g_return_val_if_fail (GX_IS_REPORT (other), 0);
  g_return_val_if_fail (self->report != NULL, 0);

  cancel_edit (self);
  changes = gx_edit_changes_new ();
  value.text = g_strdup (gx_report_get_issuer (other));
  add_change (self, changes, GX_EDIT_TARGET_ISSUER, &value);
  gx_edit_value_clear (&value);
  value.value = gx_report_get_year (other);
  add_change (self, changes, GX_EDIT_TARGET_YEAR, &value);
  gx_edit_value_clear (&value);
  /* the cells of the form laid out (the other form's have no entry) */
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      if (self->entries[i] == NULL)
        continue;
      memset (&value, 0, sizeof value);
      value.state = gx_report_get_cell (other, i, &value.value);
      if (value.state != GX_CELL_VALUE)
        value.value = 0;
      value.text = g_strdup (gx_report_get_raw (other, i));
      add_change (self, changes, (int) i, &value);
      gx_edit_value_clear (&value);
    }
  n = changes->len;
  gx_edit_history_seal (self->history);
  record (self, g_steal_pointer (&changes), GX_EDIT_NO_COALESCE, GX_EDIT_NO_COALESCE);
  gx_edit_history_seal (self->history);
  return n;
}

gboolean
gx_editor_form_is_computed (GxEditorForm *self,
                            guint         cell)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), FALSE);
  g_return_val_if_fail (cell < gx_schema_n_cells (), FALSE);
  return self->computed[cell];
}

void
gx_editor_form_set_computed (GxEditorForm *self,
                             guint         cell,
                             gboolean      computed)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));
  g_return_if_fail (cell < gx_schema_n_cells ());

  self->computed[cell] = computed;
  if (computed)
    gtk_widget_add_css_class (self->entries[cell], "computed");
  else
    gtk_widget_remove_css_class (self->entries[cell], "computed");
}

static gboolean
take_step (GxEditorForm *self,
           gboolean      undo)
{
  const GArray *changes;

  if (self->report == NULL)
    return FALSE;
  /* Ctrl+Z while typing takes the typing back, not the step before */
  if (self->edit_target != NO_EDIT &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (target_widget (self, self->edit_target))),
                 target_text (self, self->edit_target)) != 0)
    {
      cancel_edit (self);
      return TRUE;
    }
  cancel_edit (self);
  changes = undo ? gx_edit_history_undo (self->history) : gx_edit_history_redo (self->history);
  if (changes == NULL)
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      guint k = undo ? changes->len - 1 - i : i;
      const GxEditChange *change = &g_array_index (changes, GxEditChange, k);

      apply_value (self, change->target, undo ? &change->before : &change->after, TRUE);
    }
  recheck (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
gx_editor_form_undo (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), FALSE);
  return take_step (self, TRUE);
}

gboolean
gx_editor_form_redo (GxEditorForm *self)
{
  g_return_val_if_fail (GX_IS_EDITOR_FORM (self), FALSE);
  return take_step (self, FALSE);
}

void
gx_editor_form_flush_input (GxEditorForm *self)
{
  g_return_if_fail (GX_IS_EDITOR_FORM (self));

  commit_edit (self);
}

char *
gx_editor_form_dup_cell_name (guint cell)
{
  const GxSchemaCell *schema_cell = gx_schema_cell (cell);
  g_autofree char *label = NULL;

  g_return_val_if_fail (schema_cell != NULL, NULL);

  label = row_label (schema_cell->row);
  if (schema_cell->row->n_columns == 1)
    return g_steal_pointer (&label);
  /* Translators: a cell named by its row and column: "一、本年新收… · 自然人" */
  return g_strdup_printf (_("%s · %s"), label, gx_schema_column_label (schema_cell->column));
}
