/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-editor.c: the form editor, driven through its widgets under Xvfb
 *
 * Expectations are read by hand from tests/data/anding-2022.txt (see
 * ../test-samples.h): 北京市大兴区安定镇人民政府 2022, 本年新收 13 (all 自然人),
 * 予以公开 13, 行政处罚 385, 行政复议 1 维持, 未经复议直接起诉 1 维持; every
 * total ties out.
 *
 * Run with --editor-child WORKSPACE (what the crash test does): opens the
 * editor, types, waits for the draft and says READY, then waits to be
 * killed.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#ifdef GX_HAVE_XTEST
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#endif

#include "gx-draft.h"
#include "gx-editor-window.h"
#include "gx-frozen-header.h"
#include "gx-reader.h"
#include "gx-review.h"
#include "gx-schema.h"
#include "gx-workspace.h"
#include "../test-samples.h"
#include "../gx-test-fs.h"

typedef struct {
  char *tmpdir;
  char *workspace;
  GxEditorWindow *editor;
} Fixture;

/* Helpers -------------------------------------------------------------------- */

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static guint
cell (const char *section,
      const char *row,
      const char *column)
{
  int index = gx_schema_find_cell (gx_schema_section_from_key (section), row, column);

  g_assert_cmpint (index, >=, 0);
  return (guint) index;
}

#define APP(row, column) cell ("applications", row, column)
#define REV(row, column) cell ("review_litigation", row, column)

/* the sample's values, cell by cell, as text ("" for a blank) */
static char **
sample_texts (const char *const *rows)
{
  char **texts = g_new0 (char *, gx_schema_n_cells () + 1);

  for (guint i = 0; i < gx_schema_n_cells (); i++)
    texts[i] = g_strdup ("");
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto(GStrv) words = NULL;
      guint cells[16];
      /* the samples are in the 2021 form, the one the editor lays out */
      guint n_columns = sample_row (rows[r], GX_FORMAT_2021, cells, &words);

      for (guint c = 0; c < n_columns; c++)
        {
          g_free (texts[cells[c]]);
          texts[cells[c]] = g_strdup (g_str_equal (words[c + 1], "_") ? "" : words[c + 1]);
        }
    }
  return texts;
}

/* Enter: the entry's text widget activates, the entry passes it on */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
}

/* Enter in the cell: what a clerk does */
static void
type_cell (GxEditorForm *form,
           guint         index,
           const char   *text)
{
  GtkWidget *entry = gx_editor_form_get_cell_entry (form, index);

  gx_editor_form_focus_cell (form, index);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  press_enter (entry);
}

static void
type_text (GtkWidget  *entry,
           const char *text)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  press_enter (entry);
}

static const char *
entry_text (GxEditorForm *form,
            guint         index)
{
  return gtk_editable_get_text (GTK_EDITABLE (gx_editor_form_get_cell_entry (form, index)));
}

static gboolean
has_class (GxEditorForm *form,
           guint         index,
           const char   *css_class)
{
  return gtk_widget_has_css_class (gx_editor_form_get_cell_entry (form, index), css_class);
}

/* Synthesized input ------------------------------------------------------------
 *
 * Keys and clicks go through the X server (XTest), so that GTK sees them as
 * it sees a clerk's: through its event controllers, shortcuts and input
 * method, not through a signal emitted by the test. */

#ifdef GX_HAVE_XTEST
static Display *
x_display (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (!GDK_IS_X11_DISPLAY (display))
    return NULL;
  return gdk_x11_display_get_xdisplay (display);
}
#endif

static gboolean
can_synthesize (void)
{
#ifdef GX_HAVE_XTEST
  int event, error, major, minor;

  return x_display () != NULL &&
         XTestQueryExtension (x_display (), &event, &error, &major, &minor);
#else
  return FALSE;
#endif
}

#define REQUIRE_INPUT() \
  G_STMT_START { \
    if (!can_synthesize ()) \
      { \
        g_test_skip ("no X server with the XTest extension (run under xvfb-run, GDK_BACKEND=x11)"); \
        return; \
      } \
  } G_STMT_END

/* the window that gets the synthesized input */
static GtkWidget *input_window;

static void
frame_done_cb (GdkFrameClock *clock,
               guint         *n_frames)
{
  (*n_frames)++;
}

/* lets GTK take the events the X server has sent: they are handled in the
 * next frame of the window, not as they arrive */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 400 * G_TIME_SPAN_MILLISECOND;
  GdkFrameClock *clock = NULL;
  guint n_frames = 0;
  gulong handler = 0;

#ifdef GX_HAVE_XTEST
  if (x_display () != NULL)
    XSync (x_display (), False);
#endif
  if (input_window != NULL && gtk_widget_get_realized (input_window))
    clock = gtk_widget_get_frame_clock (input_window);
  if (clock != NULL)
    {
      /* the window may go away meanwhile (Ctrl+W) */
      g_object_ref (clock);
      handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_done_cb), &n_frames);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
    }
  /* the X events are taken first (they come before a frame by priority),
   * then handled in the frame */
  while (n_frames < 1 && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  if (handler != 0)
    g_signal_handlers_disconnect_by_func (clock, frame_done_cb, &n_frames);
  g_clear_object (&clock);
  drain ();
}

/* the window gets the X input focus (no window manager under Xvfb) */
static void
focus_window (GtkWidget *window)
{
#ifdef GX_HAVE_XTEST
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  if (x_display () == NULL || surface == NULL)
    return;
  g_set_weak_pointer (&input_window, window);
  XRaiseWindow (x_display (), gdk_x11_surface_get_xid (surface));
  XSetInputFocus (x_display (), gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  settle ();
#endif
}

#ifdef GX_HAVE_XTEST
static void
fake_key (guint           keyval,
          GdkModifierType modifiers)
{
  Display *dpy = x_display ();
  KeyCode code;
  KeyCode shift = XKeysymToKeycode (dpy, XK_Shift_L);
  KeyCode control = XKeysymToKeycode (dpy, XK_Control_L);

  if (gdk_keyval_to_lower (keyval) != keyval)
    {
      modifiers |= GDK_SHIFT_MASK;
      keyval = gdk_keyval_to_lower (keyval);
    }
  code = XKeysymToKeycode (dpy, keyval);
  g_assert_cmpuint (code, !=, 0);
  if (modifiers & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (dpy, control, True, CurrentTime);
  if (modifiers & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (dpy, shift, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  if (modifiers & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (dpy, shift, False, CurrentTime);
  if (modifiers & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (dpy, control, False, CurrentTime);
}
#endif

/* presses and releases @keyval with @modifiers held */
static void
send_key (guint           keyval,
          GdkModifierType modifiers)
{
#ifdef GX_HAVE_XTEST
  fake_key (keyval, modifiers);
  settle ();
#endif
}

/* types @text (ASCII), as fast as a clerk types */
static void
send_text (const char *text)
{
#ifdef GX_HAVE_XTEST
  for (const char *p = text; *p != '\0'; p++)
    fake_key (gdk_unicode_to_keyval ((guint32) (guchar) *p), 0);
  settle ();
#endif
}

/* clicks the middle of @widget (@n_clicks in a row: 2 is a double click) */
static void
send_click (GtkWidget *widget,
            guint      n_clicks)
{
#ifdef GX_HAVE_XTEST
  Display *dpy = x_display ();
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;
  int x, y;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                         DefaultRootWindow (dpy), (int) (point.x + dx), (int) (point.y + dy),
                         &x, &y, &child);
  XTestFakeMotionEvent (dpy, -1, x, y, CurrentTime);
  for (guint i = 0; i < n_clicks; i++)
    {
      XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
      XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
    }
  settle ();
#endif
}

/* the widget with the keyboard focus is (inside) @widget */
static gboolean
focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GxEditorWindow *
open_editor (Fixture *fx,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  GxEditorWindow *editor = gx_editor_window_new (NULL, fx->workspace, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (editor);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  return editor;
}

static void
close_editor (GxEditorWindow *editor)
{
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
  g_assert_finalize_object (editor);
}

/* Anding, put in the workspace by the store (not the editor) */
static gint64
store_anding (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_autoptr(GxReport) report = gx_report_new ();
  g_auto(GStrv) texts = sample_texts (anding_rows);

  g_assert_no_error (error);
  gx_report_set_issuer (report, "北京市大兴区安定镇人民政府");
  gx_report_set_year (report, 2022);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    gx_report_set_text (report, i, texts[i]);
  g_assert_true (gx_workspace_save_report (store, report, &error));
  g_assert_no_error (error);
  return gx_report_get_id (report);
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->tmpdir = g_dir_make_tmp ("gx-editor-XXXXXX", &error);
  g_assert_no_error (error);
  fx->workspace = g_build_filename (fx->tmpdir, "workspace.db", NULL);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->editor != NULL)
    close_editor (fx->editor);
  gx_test_remove_tree (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

/* Tests ----------------------------------------------------------------------- */

/* a clerk types Anding's report into a new one and saves it */
static void
test_type_and_save (Fixture       *fx,
                    gconstpointer  data)
{
  g_auto(GStrv) texts = sample_texts (anding_rows);
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GxReport) saved = NULL;
  g_autoptr(GError) error = NULL;
  GxEditorForm *form;
  GxEditorWindow *again;
  gint64 id;

  fx->editor = open_editor (fx, 0);
  form = gx_editor_window_get_form (fx->editor);
  g_assert_cmpint (gx_editor_window_get_report_id (fx->editor), ==, 0);
  g_assert_false (gx_editor_window_get_modified (fx->editor));

  type_text (gx_editor_form_get_issuer_entry (form), "北京市大兴区安定镇人民政府");
  type_text (gx_editor_form_get_year_entry (form), "2022");
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      if (!gx_schema_cell_in_format (i, GX_FORMAT_2021))
        continue;   /* no entry: a cell of the 2019 form */
      type_cell (form, i, texts[i]);
      g_assert_cmpstr (entry_text (form, i), ==, texts[i]);
    }
  drain ();

  g_assert_true (gx_editor_window_get_modified (fx->editor));
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "The tables tie out");
  g_assert_cmpuint (gx_report_get_n_errors (gx_editor_window_get_report (fx->editor)), ==, 0);

  /* Ctrl+S */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.save", NULL));
  g_assert_false (gx_editor_window_get_modified (fx->editor));
  id = gx_editor_window_get_report_id (fx->editor);
  g_assert_cmpint (id, >, 0);
  g_assert_false (g_file_test (gx_editor_window_get_draft_path (fx->editor), G_FILE_TEST_EXISTS));

  /* what the workspace holds is what was typed */
  store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  saved = gx_workspace_load_report (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (saved), ==, "北京市大兴区安定镇人民政府");
  g_assert_cmpint (gx_report_get_year (saved), ==, 2022);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      g_autofree char *text = gx_report_dup_text (saved, i);

      g_assert_cmpstr (text, ==, texts[i]);
    }
  g_assert_cmpint (gx_report_get_count (saved, cell ("disclosure", "punishment", "decisions")), ==, 385);
  g_assert_cmpint (gx_report_get_count (saved, APP ("new_received", "total")), ==, 13);

  /* reloaded in a second editor: equal */
  again = open_editor (fx, id);
  g_assert_true (gx_report_values_equal (gx_editor_window_get_report (again), saved));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gx_editor_form_get_issuer_entry (gx_editor_window_get_form (again)))),
                   ==, "北京市大兴区安定镇人民政府");
  g_assert_cmpstr (entry_text (gx_editor_window_get_form (again), REV ("review", "upheld")), ==, "1");
  g_assert_false (gx_editor_window_get_modified (again));
  close_editor (again);
  /* the first save said nothing more */
  g_assert_null (gx_editor_window_get_message (fx->editor));

  /* the same issuer, spelled otherwise, and year typed into another new
   * report: saved as asked, and the other report named */
  again = open_editor (fx, 0);
  form = gx_editor_window_get_form (again);
  type_text (gx_editor_form_get_issuer_entry (form), "北京市大兴区安定镇 政府");
  type_text (gx_editor_form_get_year_entry (form), "2022");
  type_cell (form, APP ("new_received", "total"), "14");
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (again), "editor.save", NULL));
  g_assert_false (gx_editor_window_get_modified (again));
  g_assert_cmpint (gx_editor_window_get_report_id (again), >, id);
  {
    g_autofree char *named = g_strdup_printf ("(#%lld)", (long long) id);

    g_assert_nonnull (gx_editor_window_get_message (again));
    g_assert_nonnull (strstr (gx_editor_window_get_message (again), "another report of"));
    g_assert_nonnull (strstr (gx_editor_window_get_message (again), named));
  }
  close_editor (again);
}

/* a reviewer breaks a total: highlight, tooltip, count; undo puts it back */
static void
test_break_total_and_undo (Fixture       *fx,
                           gconstpointer  data)
{
  gint64 id = store_anding (fx);
  guint total = APP ("new_received", "total");
  guint person = APP ("new_received", "natural_person");
  GxEditorForm *form;
  const char *tooltip;

  fx->editor = open_editor (fx, id);
  form = gx_editor_window_get_form (fx->editor);
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "The tables tie out");
  g_assert_false (has_class (form, total, "finding-error"));

  type_cell (form, total, "14");
  drain ();
  /* 13 ≠ 14 across the row, and 14 + 0 ≠ 13 + 0 down the 总计 column */
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "Errors: 2 · Warnings: 0");
  g_assert_true (has_class (form, total, "finding-error"));
  g_assert_true (has_class (form, person, "finding-error"));   /* an operand of the row */
  g_assert_true (has_class (form, APP ("results_total", "total"), "finding-error"));
  g_assert_false (has_class (form, APP ("granted", "commercial"), "finding-error"));
  tooltip = gtk_widget_get_tooltip_text (gx_editor_form_get_cell_entry (form, total));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "14"));
  g_assert_true (gx_editor_window_get_modified (fx->editor));

  /* Ctrl+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.undo", NULL));
  g_assert_cmpstr (entry_text (form, total), ==, "13");
  g_assert_cmpint (gx_report_get_count (gx_editor_window_get_report (fx->editor), total), ==, 13);
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "The tables tie out");
  g_assert_false (has_class (form, total, "finding-error"));
  g_assert_null (gtk_widget_get_tooltip_text (gx_editor_form_get_cell_entry (form, total)));

  /* Ctrl+Shift+Z */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.redo", NULL));
  g_assert_cmpstr (entry_text (form, total), ==, "14");
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "Errors: 2 · Warnings: 0");

  /* typing one value is one step, however many keystrokes it takes */
  gx_editor_form_undo (form);
  type_cell (form, person, "1");
  gx_editor_form_focus_cell (form, person);
  gtk_editable_set_text (GTK_EDITABLE (gx_editor_form_get_cell_entry (form, person)), "12");
  gtk_editable_set_text (GTK_EDITABLE (gx_editor_form_get_cell_entry (form, person)), "123");
  press_enter (gx_editor_form_get_cell_entry (form, person));
  g_assert_cmpint (gx_report_get_count (gx_editor_window_get_report (fx->editor), person), ==, 123);
  gx_editor_form_undo (form);
  g_assert_cmpstr (entry_text (form, person), ==, "1");
  gx_editor_form_undo (form);
  g_assert_cmpstr (entry_text (form, person), ==, "13");
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "The tables tie out");

  /* Delete blanks the cell */
  gx_editor_form_blank_cell (form, person);
  g_assert_cmpstr (entry_text (form, person), ==, "");
  g_assert_true (gx_report_is_blank (gx_editor_window_get_report (fx->editor), person));
  gx_editor_form_undo (form);
  g_assert_cmpstr (entry_text (form, person), ==, "13");
}

/* Fill totals: computes, keeps typed totals unless asked, one undo step */
static void
test_fill_totals (Fixture       *fx,
                  gconstpointer  data)
{
  GxEditorForm *form;
  GxReport *report;

  fx->editor = open_editor (fx, 0);
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);

  type_cell (form, APP ("new_received", "natural_person"), "15");
  type_cell (form, APP ("new_received", "commercial"), "1");
  type_cell (form, APP ("granted", "natural_person"), "13");
  type_cell (form, APP ("granted", "commercial"), "1");
  type_cell (form, REV ("review", "upheld"), "1");
  type_cell (form, REV ("review", "pending"), "2");
  /* a total typed by hand, wrong */
  type_cell (form, APP ("new_received", "total"), "99");

  g_assert_cmpuint (gx_editor_window_fill_totals (fx->editor, FALSE, FALSE), >, 0);
  /* the typed total was kept, and the question put */
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 99);
  g_assert_nonnull (gx_editor_window_get_message (fx->editor));
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "1 total you typed"));
  g_assert_cmpint (gx_report_get_count (report, APP ("granted", "total")), ==, 14);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "natural_person")), ==, 13);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "commercial")), ==, 1);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "total")), ==, 14);
  g_assert_cmpint (gx_report_get_count (report, REV ("review", "total")), ==, 3);
  g_assert_true (gx_report_is_blank (report, APP ("results_total", "research")));
  g_assert_true (gx_report_is_blank (report, APP ("carried_forward", "natural_person")));
  g_assert_true (gx_editor_form_is_computed (form, APP ("granted", "total")));
  g_assert_false (gx_editor_form_is_computed (form, APP ("new_received", "total")));

  /* "Overwrite them" */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.fill-totals-overwrite", NULL));
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 16);
  /* 15 + 1 received, 14 handled, nothing carried forward yet: the balance is off */
  g_assert_cmpuint (gx_report_get_n_errors (report), >, 0);
  g_assert_true (has_class (form, APP ("carried_forward", "total"), "finding-error") ||
                 has_class (form, APP ("new_received", "total"), "finding-error"));

  /* and 结转下年度 from the balance: 15 − 13 = 2, 1 − 1 = 0 */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.fill-totals-carry", NULL));
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "natural_person")), ==, 2);
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "commercial")), ==, 0);
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "total")), ==, 2);
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
  /* the sums tie out, but the few rows typed leave the tables almost all
   * blank: the one warning is mostly_blank */
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "Errors: 0 · Warnings: 1");
  {
    GPtrArray *findings = gx_report_get_findings (report);
    guint n_warnings = 0;

    for (guint i = 0; i < findings->len; i++)
      if (gx_finding_get_severity (g_ptr_array_index (findings, i)) == GX_SEVERITY_WARNING)
        {
          g_assert_cmpstr (gx_finding_get_rule (g_ptr_array_index (findings, i)), ==, "mostly_blank");
          n_warnings++;
        }
    g_assert_cmpuint (n_warnings, ==, 1);
  }

  /* each fill is one step */
  gx_editor_form_undo (form);
  g_assert_true (gx_report_is_blank (report, APP ("carried_forward", "natural_person")));
  g_assert_true (gx_report_is_blank (report, APP ("carried_forward", "total")));
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 16);
  gx_editor_form_undo (form);
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 99);
  g_assert_cmpint (gx_report_get_count (report, APP ("granted", "total")), ==, 14);
  gx_editor_form_undo (form);
  g_assert_true (gx_report_is_blank (report, APP ("granted", "total")));
  g_assert_true (gx_report_is_blank (report, REV ("review", "total")));
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 99);
}

/* Fill Totals reads the sums of gx-sums.c: Miyun 2022 (../test-samples.h)
 * stored with only the cells that are added up (every 总计 of 三 and 四,
 * （七）总计 and 结转下年度 left blank) gets back the published totals, and
 * the rules accept them */
static void
test_fill_operands_only (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) texts = sample_texts (miyun_rows);
  GxEditorForm *form;
  GxReport *report;
  gint64 id;
  guint n_kept = 99;
  const char *const blank_rows[] = { "results_total", "carried_forward" };

  {
    g_autoptr(GxWorkspace) store = gx_workspace_open (fx->workspace, FALSE, &error);
    g_autoptr(GxReport) stored = gx_report_new ();

    g_assert_no_error (error);
    gx_report_set_issuer (stored, "北京市密云区人民政府");
    gx_report_set_year (stored, 2022);
    for (guint i = 0; i < gx_schema_n_cells (); i++)
      {
        const GxSchemaCell *c = gx_schema_cell (i);
        gboolean total = g_str_equal (c->column->key, "total") &&
                         c->section != GX_SECTION_DISCLOSURE;

        for (guint r = 0; r < G_N_ELEMENTS (blank_rows); r++)
          total |= g_str_equal (c->row->key, blank_rows[r]);
        gx_report_set_text (stored, i, total ? "" : texts[i]);
      }
    g_assert_true (gx_workspace_save_report (store, stored, &error));
    g_assert_no_error (error);
    id = gx_report_get_id (stored);
  }

  fx->editor = open_editor (fx, id);
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);
  g_assert_true (gx_report_is_blank (report, APP ("results_total", "natural_person")));
  g_assert_cmpuint (gx_report_get_n_errors (report), >, 0);

  /* 25 row totals of 三, 6 columns of （七）, 6 of 结转下年度, 3 of 四 */
  g_assert_cmpuint (gx_editor_form_fill_totals (form, TRUE, FALSE, &n_kept), ==, 25 + 6 + 6 + 3);
  g_assert_cmpuint (n_kept, ==, 0);
  /* the published totals */
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 572);
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_over", "total")), ==, 41);
  g_assert_cmpint (gx_report_get_count (report, APP ("granted", "total")), ==, 167);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "natural_person")), ==, 575);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "commercial")), ==, 11);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "public_interest")), ==, 2);
  g_assert_cmpint (gx_report_get_count (report, APP ("results_total", "total")), ==, 588);
  /* 559 + 41 − 575 */
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "natural_person")), ==, 25);
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "commercial")), ==, 0);
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "total")), ==, 25);
  g_assert_cmpint (gx_report_get_count (report, REV ("review", "total")), ==, 15);
  g_assert_cmpint (gx_report_get_count (report, REV ("litigation_direct", "total")), ==, 11);
  g_assert_cmpint (gx_report_get_count (report, REV ("litigation_after_review", "total")), ==, 9);
  /* every cell as published */
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    if (gx_schema_cell_in_format (i, GX_FORMAT_2021))
      {
        gint64 expected = 0;

        g_assert_true (gx_value_parse (texts[i], &expected));
        g_assert_cmpint (gx_report_get_value (report, i), ==, expected);
      }
  /* and the rules accept them */
  g_assert_cmpuint (gx_report_get_n_errors (report), ==, 0);
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "The tables tie out");
}

static void
changed_cb (GxEditorForm *form,
            gboolean     *changed)
{
  *changed = TRUE;
}

/* a row copied from Excel or WPS */
static void
test_paste (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxEditorForm *form;
  GxReport *report;
  GdkClipboard *clipboard;
  gboolean changed = FALSE;

  fx->editor = open_editor (fx, 0);
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);

  g_assert_cmpint (gx_editor_form_paste_text (form, APP ("granted", "natural_person"),
                                              "13\t0\t0\t0\t0\t0\t13\r\n", &error), ==, 7);
  g_assert_no_error (error);
  g_assert_cmpstr (entry_text (form, APP ("granted", "natural_person")), ==, "13");
  g_assert_cmpstr (entry_text (form, APP ("granted", "research")), ==, "0");
  g_assert_cmpstr (entry_text (form, APP ("granted", "total")), ==, "13");
  g_assert_cmpint (gx_report_get_count (report, APP ("granted", "total")), ==, 13);
  g_assert_true (gx_report_is_blank (report, APP ("partially_granted", "natural_person")));

  /* one undo takes the seven back */
  gx_editor_form_undo (form);
  g_assert_true (gx_report_is_blank (report, APP ("granted", "natural_person")));
  g_assert_true (gx_report_is_blank (report, APP ("granted", "total")));

  /* spaces (and the full-width digits of a Chinese spreadsheet) work too;
   * section 四 is one line of 15 */
  g_assert_cmpint (gx_editor_form_paste_text (form, REV ("review", "upheld"),
                                              "1  0 0 0 1   １ 0 0 0 １", &error), ==, 10);
  g_assert_cmpint (gx_report_get_count (report, REV ("litigation_direct", "upheld")), ==, 1);
  g_assert_cmpint (gx_report_get_count (report, REV ("litigation_direct", "total")), ==, 1);

  /* one bad value refuses the whole paste */
  g_assert_cmpint (gx_editor_form_paste_text (form, APP ("carried_over", "natural_person"),
                                              "1\t2\tx\t4", &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (gx_report_is_blank (report, APP ("carried_over", "natural_person")));
  g_clear_error (&error);

  /* through the clipboard, at the focused cell */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (form));
  gdk_clipboard_set_text (clipboard, "7\t0\t0\t0\t0\t0\t7");
  gx_editor_form_focus_cell (form, APP ("new_received", "natural_person"));
  g_signal_connect (form, "changed", G_CALLBACK (changed_cb), &changed);
  gx_editor_form_paste_clipboard (form);
  while (!changed)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (form, changed_cb, &changed);
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "natural_person")), ==, 7);
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 7);
}

/* only valid input is taken */
static void
test_invalid_input (Fixture       *fx,
                    gconstpointer  data)
{
  gint64 id = store_anding (fx);
  guint punishment = cell ("disclosure", "punishment", "decisions");
  guint fees = cell ("disclosure", "fees", "amount_wan");
  guint person = APP ("new_received", "natural_person");
  const char *const bad[][2] = {
    { "abc", "is not a number" },
    { "-3", "is negative" },
    { "1.5", "is not a whole number" },
    { "12a", "is not a number" },
  };
  g_autoptr(GError) error = NULL;
  GxEditorForm *form;
  GxReport *report;
  GtkWidget *entry;
  guint steps;

  fx->editor = open_editor (fx, id);
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);
  entry = gx_editor_form_get_cell_entry (form, punishment);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i][0]);

      steps = gx_edit_history_get_n_steps (gx_editor_form_get_history (form));
      gx_editor_form_focus_cell (form, punishment);
      gtk_editable_set_text (GTK_EDITABLE (entry), bad[i][0]);
      drain ();
      /* shown as refused while typed, never taken */
      g_assert_cmpint (gx_report_get_count (report, punishment), ==, 385);
      g_assert_true (gtk_widget_has_css_class (entry, "typing-invalid"));
      /* Enter: refused, with a message naming the cell and what was typed;
       * the cell shows the value it kept */
      press_enter (entry);
      g_assert_cmpint (gx_report_get_value (report, punishment), ==, 385 * GX_VALUE_SCALE);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "385");
      g_assert_nonnull (gx_editor_window_get_message (fx->editor));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), bad[i][1]));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), quoted));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "Administrative penalties"));
      g_assert_false (gtk_widget_has_css_class (entry, "typing-invalid"));
      g_assert_cmpuint (gx_edit_history_get_n_steps (gx_editor_form_get_history (form)), ==, steps);
      g_assert_false (gx_editor_window_get_modified (fx->editor));
      /* a refused edit stays in its cell */
      g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) punishment);
    }

  /* fees: as many decimals as the scale keeps, not one more */
  type_cell (form, fees, "8157.1934");
  g_assert_cmpint (gx_report_get_value (report, fees), ==,
                   G_GINT64_CONSTANT (81571934) * (GX_VALUE_SCALE / 10000));
  type_cell (form, fees, "7.1234567");
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "“7.1234567”"));
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "decimal places"));
  g_assert_cmpint (gx_report_get_value (report, fees), ==,
                   G_GINT64_CONSTANT (81571934) * (GX_VALUE_SCALE / 10000));
  g_assert_cmpstr (entry_text (form, fees), ==, "8157.1934");
  g_assert_false (gx_editor_form_set_cell_text (form, fees, "0.0000001", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  /* a valid value afterwards: taken, the message goes */
  type_cell (form, fees, "19656.3836");
  g_assert_cmpint (gx_report_get_value (report, fees), ==,
                   G_GINT64_CONSTANT (196563836) * (GX_VALUE_SCALE / 10000));
  g_assert_null (gx_editor_window_get_message (fx->editor));

  /* full-width digits and thousands separators are converted */
  type_cell (form, person, "１３");
  g_assert_cmpint (gx_report_get_count (report, person), ==, 13);
  g_assert_cmpstr (entry_text (form, person), ==, "13");
  type_cell (form, punishment, "1,385");
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 1385);

  /* a count refuses a decimal through the API as well */
  g_assert_false (gx_editor_form_set_cell_text (form, person, "2.5", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (gx_report_get_count (report, person), ==, 13);
}

/* spreadsheet movement */
static void
test_navigation (Fixture       *fx,
                 gconstpointer  data)
{
  GxEditorForm *form;

  fx->editor = open_editor (fx, 0);
  form = gx_editor_window_get_form (fx->editor);

  gx_editor_form_focus_cell (form, APP ("new_received", "other_org"));
  g_assert_true (gx_editor_form_move (form, 0, 1));            /* Tab */
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) APP ("new_received", "total"));
  g_assert_true (gx_editor_form_move (form, 0, 1));            /* Tab wraps */
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) APP ("carried_over", "natural_person"));
  g_assert_true (gx_editor_form_move (form, 0, -1));           /* Shift+Tab */
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) APP ("new_received", "total"));

  /* Enter goes down, and types replace */
  type_cell (form, APP ("granted", "commercial"), "4");
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) APP ("partially_granted", "commercial"));
  g_assert_true (gtk_widget_has_focus (gtk_widget_get_first_child (gx_editor_form_get_cell_entry (form, APP ("partially_granted", "commercial")))) ||
                 gtk_widget_is_focus (gx_editor_form_get_cell_entry (form, APP ("partially_granted", "commercial"))) ||
                 gtk_widget_has_focus (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (gx_editor_form_get_cell_entry (form, APP ("partially_granted", "commercial")))))));
  g_assert_true (gx_editor_form_move (form, -1, 0));           /* Up */
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) APP ("granted", "commercial"));

  /* from the last line of 三 into the line of 四 */
  gx_editor_form_focus_cell (form, APP ("carried_forward", "research"));
  g_assert_true (gx_editor_form_move (form, 1, 0));
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) REV ("review", "other"));
  g_assert_false (gx_editor_form_move (form, 1, 0));
}

/* closing with unsaved changes asks */
static void
test_close_asks (Fixture       *fx,
                 gconstpointer  data)
{
  GxEditorWindow *editor = open_editor (fx, store_anding (fx));
  GxEditorForm *form = gx_editor_window_get_form (editor);
  g_autofree char *draft = NULL;

  type_cell (form, APP ("carried_over", "natural_person"), "5");
  g_assert_true (gx_editor_window_write_draft (editor, NULL));
  draft = g_strdup (gx_editor_window_get_draft_path (editor));
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (gx_editor_window_is_asking_to_close (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  gx_editor_window_answer_close (editor, GTK_RESPONSE_CANCEL);
  g_assert_false (gx_editor_window_is_asking_to_close (editor));
  g_assert_null (gx_editor_window_get_close_dialog (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  gtk_window_close (GTK_WINDOW (editor));
  gx_editor_window_answer_close (editor, GTK_RESPONSE_REJECT);
  drain ();
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_finalize_object (editor);
}

/* a new report without an issuer yet has its draft too, restorable */
static void
test_draft_of_new_report (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  GxEditorWindow *restored;
  GxEditorForm *form;

  fx->editor = open_editor (fx, 0);
  form = gx_editor_window_get_form (fx->editor);
  type_cell (form, APP ("new_received", "natural_person"), "21");
  gx_editor_form_fill_totals (form, FALSE, FALSE, NULL);
  g_assert_true (gx_editor_window_write_draft (fx->editor, &error));
  g_assert_no_error (error);

  drafts = gx_draft_list (fx->workspace);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpint (gx_draft_get_report_id (g_ptr_array_index (drafts, 0)), ==, 0);

  restored = gx_editor_window_new_from_draft (NULL, g_ptr_array_index (drafts, 0), &error);
  g_assert_no_error (error);
  g_object_ref (restored);
  g_assert_cmpint (gx_report_get_count (gx_editor_window_get_report (restored),
                                        APP ("new_received", "total")), ==, 21);
  g_assert_true (gx_editor_form_is_computed (gx_editor_window_get_form (restored),
                                             APP ("new_received", "total")));
  g_assert_true (gx_report_is_blank (gx_editor_window_get_report (restored),
                                     APP ("carried_over", "natural_person")));
  close_editor (restored);
}

/* the geometry of every cell of section 三 and of the scrolled form */
static GArray *
layout_of (GxEditorWindow *editor)
{
  GxEditorForm *form = gx_editor_window_get_form (editor);
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (form), GTK_TYPE_SCROLLED_WINDOW);
  GArray *layout = g_array_new (FALSE, FALSE, sizeof (int));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (scroller, GTK_WIDGET (editor), &bounds));
  g_array_append_vals (layout, (int[]) { (int) bounds.origin.y, (int) bounds.size.height }, 2);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    {
      GtkWidget *entry = gx_editor_form_get_cell_entry (form, i);

      if (entry == NULL || gx_schema_cell (i)->row->section != GX_SECTION_APPLICATIONS)
        continue;
      g_assert_true (gtk_widget_compute_bounds (entry, GTK_WIDGET (form), &bounds));
      g_array_append_vals (layout, (int[]) { (int) bounds.origin.x, (int) bounds.size.width }, 2);
    }
  return layout;
}

static void
assert_same_layout (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (g_array_index (a, int, i), ==, g_array_index (b, int, i));
}

/* nothing moves when cells turn red, totals are filled (italic) or a
 * message comes; and the editor fits a 1366×768 laptop screen */
static void
test_layout_steady (Fixture       *fx,
                    gconstpointer  data)
{
  guint total = APP ("new_received", "total");
  guint person = APP ("carried_over", "natural_person");
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  GxEditorForm *form;
  int width, height, min_width, min_height;

  fx->editor = open_editor (fx, store_anding (fx));
  form = gx_editor_window_get_form (fx->editor);

  gtk_window_get_default_size (GTK_WINDOW (fx->editor), &width, &height);
  g_assert_cmpint (width, <=, 1366);
  g_assert_cmpint (height, <=, 700);   /* 768 less a panel and a title bar */
  gtk_widget_measure (GTK_WIDGET (fx->editor), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (fx->editor), GTK_ORIENTATION_VERTICAL, min_width, &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 1366);
  g_assert_cmpint (min_height, <=, 700);

  before = layout_of (fx->editor);

  /* errors, a refusal and its message */
  type_cell (form, total, "14");
  g_assert_true (has_class (form, total, "finding-error"));
  type_cell (form, person, "1O0");
  g_assert_nonnull (gx_editor_window_get_message (fx->editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->editor));
  after = layout_of (fx->editor);
  assert_same_layout (before, after);
  g_clear_pointer (&after, g_array_unref);

  /* computed totals (italic), the message gone */
  gx_editor_form_undo (form);
  gx_editor_form_blank_cell (form, total);
  gx_editor_form_fill_totals (form, FALSE, FALSE, NULL);
  g_assert_true (gx_editor_form_is_computed (form, total));
  g_assert_null (gx_editor_window_get_message (fx->editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->editor));
  after = layout_of (fx->editor);
  assert_same_layout (before, after);
}

/* the labels of the buttons under @widget, "|"-separated, and the first
 * button that is a finding's message */
static void
collect_buttons (GtkWidget  *widget,
                 GString    *labels,
                 GtkWidget **message)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) != NULL)
        g_string_append_printf (labels, "%s|", gtk_button_get_label (GTK_BUTTON (child)));
      else if (GTK_IS_BUTTON (child) && *message == NULL)
        *message = child;
      collect_buttons (child, labels, message);
    }
}

/* the Findings popover: no review before the report is saved, Reopen only
 * once decided, a finding takes you to its cell */
static void
test_findings_popover (Fixture       *fx,
                       gconstpointer  data)
{
  guint total = APP ("new_received", "total");
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  GxEditorForm *form;
  GtkWidget *box, *message = NULL;
  GxFinding *finding = NULL;
  GPtrArray *findings;

  /* never saved: no Confirm nor Dismiss */
  fx->editor = open_editor (fx, 0);
  form = gx_editor_window_get_form (fx->editor);
  type_cell (form, APP ("new_received", "natural_person"), "3");
  type_cell (form, total, "4");
  box = gx_editor_window_show_findings (fx->editor);
  drain ();
  collect_buttons (box, labels, &message);
  g_assert_cmpstr (labels->str, ==, "");
  g_assert_nonnull (message);
  /* the message goes to the first cell of its finding */
  findings = gx_report_get_findings (gx_editor_window_get_report (fx->editor));
  for (guint i = 0; i < findings->len && finding == NULL; i++)
    if (gx_finding_get_severity (g_ptr_array_index (findings, i)) != GX_SEVERITY_NOTE)
      finding = g_ptr_array_index (findings, i);
  g_assert_nonnull (finding);
  gx_editor_form_focus_cell (form, APP ("granted", "natural_person"));
  g_signal_emit_by_name (message, "clicked");
  drain ();
  {
    guint n_cells;
    const guint *cells = gx_finding_get_cells (finding, &n_cells);

    g_assert_cmpuint (n_cells, >, 0);
    g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) cells[0]);
    g_assert_true (focus_in (gx_editor_form_get_cell_entry (form, cells[0])));
  }
  finding = NULL;

  /* saved: Confirm and Dismiss; once dismissed, Confirm and Reopen */
  type_text (gx_editor_form_get_issuer_entry (form), "北京市大兴区安定镇人民政府");
  g_assert_true (gx_editor_window_save (fx->editor, &error));
  g_assert_no_error (error);
  box = gx_editor_window_show_findings (fx->editor);
  drain ();
  g_string_truncate (labels, 0);
  message = NULL;
  collect_buttons (box, labels, &message);
  g_assert_nonnull (strstr (labels->str, "_Confirm|_Dismiss|"));
  g_assert_null (strstr (labels->str, "_Reopen"));

  findings = gx_report_get_findings (gx_editor_window_get_report (fx->editor));
  for (guint i = 0; i < findings->len && finding == NULL; i++)
    if (gx_finding_get_severity (g_ptr_array_index (findings, i)) == GX_SEVERITY_ERROR)
      finding = g_ptr_array_index (findings, i);
  g_assert_nonnull (finding);
  g_assert_true (gx_editor_window_review_finding (fx->editor, finding, GX_REVIEW_DISMISSED, "", &error));
  g_assert_no_error (error);
  box = gx_editor_window_show_findings (fx->editor);
  drain ();
  g_string_truncate (labels, 0);
  collect_buttons (box, labels, &message);
  g_assert_nonnull (strstr (labels->str, "_Confirm|_Reopen|"));
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (box, GTK_TYPE_POPOVER)));
  drain ();
}

/* the About dialog and the windows find the icon when the app runs from
 * the build tree: GtkApplication looks under its resource path */
static void
test_app_icon (void)
{
  g_autoptr(GtkApplication) application = gtk_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  icon = gtk_icon_theme_lookup_icon (theme, APPLICATION_ID, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  g_assert_nonnull (icon);
  g_assert_false (g_str_equal (gtk_icon_paintable_get_icon_name (icon), "image-missing"));
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  for (guint i = 0; i < n; i++)
    gtk_test_widget_wait_for_draw (widget);
  drain ();
}

/* the header rows of 三 stay in view while its rows scroll, and a cell
 * focused under them comes out */
static void
test_frozen_header (Fixture       *fx,
                    gconstpointer  data)
{
  GxEditorForm *form;
  GtkWidget *table, *first_body, *scroller, *header, *cell_entry;
  GtkAdjustment *vadjustment;
  graphene_point_t table_top, body_top, point;
  guint row_cell = APP ("not_processed_petition", "natural_person");

  fx->editor = open_editor (fx, store_anding (fx));
  form = gx_editor_window_get_form (fx->editor);
  header = gx_editor_window_get_frozen_header (fx->editor);
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (form), GTK_TYPE_SCROLLED_WINDOW);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  table = gx_editor_form_get_table (form, GX_SECTION_APPLICATIONS, &first_body);
  g_assert_nonnull (table);
  g_assert_true (gtk_widget_compute_point (first_body, table, &GRAPHENE_POINT_INIT (0, 0), &body_top));
  g_assert_cmpfloat (body_top.y, >, 20);   /* two rows of column headers */

  /* at the top: nothing frozen */
  gtk_adjustment_set_value (vadjustment, 0);
  wait_frames (GTK_WIDGET (fx->editor), 2);
  g_assert_cmpint (gx_frozen_header_get_height (GX_FROZEN_HEADER (header)), ==, 0);

  /* the header scrolled out, rows still in view: it is drawn at the top */
  g_assert_true (gtk_widget_compute_point (table, scroller, &GRAPHENE_POINT_INIT (0, 0), &table_top));
  gtk_adjustment_set_value (vadjustment, table_top.y + body_top.y + 200);
  wait_frames (GTK_WIDGET (fx->editor), 2);
  g_assert_cmpint (gx_frozen_header_get_height (GX_FROZEN_HEADER (header)), ==, (int) body_top.y);

  /* a cell that gets the focus under it is scrolled out from under it */
  cell_entry = gx_editor_form_get_cell_entry (form, row_cell);
  g_assert_true (gtk_widget_compute_point (cell_entry, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + point.y - 4);
  wait_frames (GTK_WIDGET (fx->editor), 2);
  gx_editor_form_focus_cell (form, row_cell);
  wait_frames (GTK_WIDGET (fx->editor), 3);
  g_assert_true (gtk_widget_compute_point (cell_entry, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
  g_assert_cmpint (gx_frozen_header_get_height (GX_FROZEN_HEADER (header)), >, 0);
  g_assert_cmpfloat (point.y, >=, gx_frozen_header_get_height (GX_FROZEN_HEADER (header)));
}

/* Typing as a clerk does (keys and clicks through the X server) --------------- */

/* a click selects a cell and typing replaces it; a double click and F2
 * edit in place; the report changes only when the edit is committed */
static void
test_typing_replaces (Fixture       *fx,
                      gconstpointer  data)
{
  guint punishment = cell ("disclosure", "punishment", "decisions");
  guint enforcement = cell ("disclosure", "enforcement", "decisions");
  GxEditorForm *form;
  GxReport *report;
  GtkWidget *entry;
  guint steps;
  int double_click_time;

  REQUIRE_INPUT ();
  /* a clerk quicker than the double-click time: the double click below
   * comes soon after the first click on the same cell, typing between */
  g_object_get (gtk_settings_get_default (), "gtk-double-click-time", &double_click_time, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-double-click-time", 60000, NULL);
  fx->editor = open_editor (fx, store_anding (fx));
  focus_window (GTK_WIDGET (fx->editor));
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);
  entry = gx_editor_form_get_cell_entry (form, punishment);

  /* the cell holds 385: click, type 9 — it is 9, not 3859 or 39 */
  send_click (entry, 1);
  g_assert_true (focus_in (entry));
  send_text ("9");
  g_assert_cmpstr (entry_text (form, punishment), ==, "9");
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 385);   /* not yet */
  send_key (GDK_KEY_Return, 0);
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 9);
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) enforcement);

  /* a double click edits in place: the caret at the end */
  send_click (entry, 2);
  send_text ("7");
  g_assert_cmpstr (entry_text (form, punishment), ==, "97");
  send_key (GDK_KEY_Return, 0);
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 97);

  /* F2 as well, and in place the arrows move the caret: 97 → 917 */
  send_key (GDK_KEY_Up, 0);
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) punishment);
  send_key (GDK_KEY_F2, 0);
  send_key (GDK_KEY_Left, 0);
  send_text ("1");
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) punishment);
  send_key (GDK_KEY_Tab, 0);
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 917);
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) enforcement);

  /* reached by the keyboard, a cell is selected: typing replaces */
  send_key (GDK_KEY_Up, 0);
  send_text ("42");
  send_key (GDK_KEY_Down, 0);
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 42);

  /* Esc cancels the edit: the value and the history are as they were */
  steps = gx_edit_history_get_n_steps (gx_editor_form_get_history (form));
  send_key (GDK_KEY_Up, 0);
  send_text ("55");
  send_key (GDK_KEY_Escape, 0);
  g_assert_cmpstr (entry_text (form, punishment), ==, "42");
  send_key (GDK_KEY_Return, 0);
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 42);
  g_assert_cmpuint (gx_edit_history_get_n_steps (gx_editor_form_get_history (form)), ==, steps);

  /* Delete empties a selected cell */
  send_key (GDK_KEY_Up, 0);
  send_key (GDK_KEY_Delete, 0);
  g_assert_true (gx_report_is_blank (report, punishment));
  /* Ctrl+Z */
  send_key (GDK_KEY_z, GDK_CONTROL_MASK);
  g_assert_cmpint (gx_report_get_count (report, punishment), ==, 42);

  g_object_set (gtk_settings_get_default (), "gtk-double-click-time", double_click_time, NULL);
}

/* what is refused leaves the value exactly as it was */
static void
test_refused_keeps_value (Fixture       *fx,
                          gconstpointer  data)
{
  guint person = APP ("carried_over", "natural_person");
  guint below = APP ("granted", "natural_person");
  guint fees = cell ("disclosure", "fees", "amount_wan");
  const char *const bad[][2] = {
    { "1O0", "is not a number" },
    { "-3", "is negative" },
    { "abc", "is not a number" },
    { "2.5", "is not a whole number" },
  };
  GxEditorForm *form;
  GxReport *report;
  GtkWidget *year;
  guint steps;

  REQUIRE_INPUT ();
  fx->editor = open_editor (fx, store_anding (fx));
  focus_window (GTK_WIDGET (fx->editor));
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);

  /* a cell holding 3 */
  g_assert_true (gx_editor_form_set_cell_text (form, person, "3", NULL));
  steps = gx_edit_history_get_n_steps (gx_editor_form_get_history (form));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i][0]);

      gx_editor_form_focus_cell (form, person);
      settle ();
      send_text (bad[i][0]);
      g_assert_cmpstr (entry_text (form, person), ==, bad[i][0]);
      send_key (GDK_KEY_Return, 0);
      g_assert_cmpint (gx_report_get_value (report, person), ==, 3 * GX_VALUE_SCALE);
      g_assert_cmpstr (entry_text (form, person), ==, "3");
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), quoted));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), bad[i][1]));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "not changed"));
      g_assert_cmpuint (gx_edit_history_get_n_steps (gx_editor_form_get_history (form)), ==, steps);
      /* it stays in the cell, which keeps its old value selected */
      g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) person);
    }
  /* and typing again replaces the old value */
  send_text ("8");
  send_key (GDK_KEY_Return, 0);
  g_assert_cmpint (gx_report_get_count (report, person), ==, 8);
  g_assert_cmpint (gx_editor_form_get_focus_cell (form), ==, (int) below);
  g_assert_null (gx_editor_window_get_message (fx->editor));

  /* a fee with one decimal too many (7): refused whole, never cut down */
  gx_editor_form_focus_cell (form, fees);
  settle ();
  send_text ("8157.1934");
  send_key (GDK_KEY_Return, 0);
  g_assert_cmpint (gx_report_get_value (report, fees), ==,
                   G_GINT64_CONSTANT (81571934) * (GX_VALUE_SCALE / 10000));
  gx_editor_form_focus_cell (form, fees);
  settle ();
  send_text ("7.1234567");
  send_key (GDK_KEY_Tab, 0);
  g_assert_cmpint (gx_report_get_value (report, fees), ==,
                   G_GINT64_CONSTANT (81571934) * (GX_VALUE_SCALE / 10000));
  g_assert_cmpstr (entry_text (form, fees), ==, "8157.1934");
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "“7.1234567”"));

  /* the year too */
  year = gx_editor_form_get_year_entry (form);
  gx_editor_form_focus_cell (form, cell ("disclosure", "regulations", "issued"));
  send_key (GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (focus_in (year));
  send_text ("20x2");
  send_key (GDK_KEY_Tab, 0);
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (year)), ==, "2022");
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "“20x2”"));
}

/* Tab and Shift+Tab through the issuer, the year and the cells; Fill
 * Totals by its key; focus back in its cell after Overwrite Them */
static void
test_keyboard_order (Fixture       *fx,
                     gconstpointer  data)
{
  guint first = cell ("disclosure", "regulations", "issued");
  guint total = APP ("new_received", "total");
  GxEditorForm *form;
  GxReport *report;
  GtkWidget *issuer, *year;
  GtkWidget *focus;

  REQUIRE_INPUT ();
  fx->editor = open_editor (fx, 0);
  focus_window (GTK_WIDGET (fx->editor));
  form = gx_editor_window_get_form (fx->editor);
  report = gx_editor_window_get_report (fx->editor);
  issuer = gx_editor_form_get_issuer_entry (form);
  year = gx_editor_form_get_year_entry (form);

  /* a new report starts in the issuer */
  g_assert_true (focus_in (issuer));
  send_text ("Anding");
  send_key (GDK_KEY_Tab, 0);
  g_assert_true (focus_in (year));
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "Anding");
  send_text ("2022");
  send_key (GDK_KEY_Tab, 0);
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  g_assert_true (focus_in (gx_editor_form_get_cell_entry (form, first)));

  /* Shift+Tab from the first cell: the year, then the issuer */
  send_key (GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (focus_in (year));
  send_key (GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_true (focus_in (issuer));

  /* Ctrl+T fills the totals */
  gx_editor_form_focus_cell (form, APP ("new_received", "natural_person"));
  settle ();
  send_text ("15");
  send_key (GDK_KEY_Tab, 0);
  send_text ("1");
  send_key (GDK_KEY_t, GDK_CONTROL_MASK);
  g_assert_cmpint (gx_report_get_count (report, total), ==, 16);
  g_assert_true (gx_editor_form_is_computed (form, total));

  /* a total typed by hand is kept; Overwrite Them puts the sum in, and
   * the focus back in the cell it left, the issuer untouched */
  gx_editor_form_focus_cell (form, total);
  settle ();
  send_text ("99");
  send_key (GDK_KEY_Return, 0);
  gx_editor_form_focus_cell (form, APP ("granted", "commercial"));
  settle ();
  send_key (GDK_KEY_t, GDK_CONTROL_MASK);
  g_assert_cmpint (gx_report_get_count (report, total), ==, 99);
  g_assert_nonnull (gx_editor_window_get_message (fx->editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.fill-totals-overwrite", NULL));
  settle ();
  g_assert_cmpint (gx_report_get_count (report, total), ==, 16);
  focus = gtk_root_get_focus (GTK_ROOT (fx->editor));
  g_assert_true (focus_in (gx_editor_form_get_cell_entry (form, APP ("granted", "commercial"))));
  g_assert_false (focus_in (issuer));
  g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (issuer), NULL, NULL));
  (void) focus;
}

static void
saved_cb (GxEditorWindow *editor,
          gint64          id,
          gint64         *saved_id)
{
  *saved_id = id;
}

/* Ctrl+W closes; with changes it asks, and Save saves and closes without a
 * GLib critical (the test aborts on any) */
static void
test_ctrl_w (Fixture       *fx,
             gconstpointer  data)
{
  gint64 id = store_anding (fx);
  guint person = APP ("carried_over", "natural_person");
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GxReport) stored = NULL;
  g_autoptr(GError) error = NULL;
  GxEditorWindow *editor;
  GtkWidget *dialog;
  gint64 saved_id = 0;

  REQUIRE_INPUT ();
  editor = open_editor (fx, id);
  focus_window (GTK_WIDGET (editor));
  send_key (GDK_KEY_w, GDK_CONTROL_MASK);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_finalize_object (editor);

  editor = open_editor (fx, id);
  focus_window (GTK_WIDGET (editor));
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gx_editor_form_focus_cell (gx_editor_window_get_form (editor), person);
  settle ();
  send_text ("6");
  /* not committed yet: closing commits it, and asks */
  send_key (GDK_KEY_w, GDK_CONTROL_MASK);
  g_assert_true (gx_editor_window_is_asking_to_close (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gx_editor_window_get_modified (editor));

  /* Save, as a click on the button does it (GTK 4.8's dialog); the
   * window is GTK's alone, as in the app */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_object_unref (editor);
  dialog = gx_editor_window_get_close_dialog (editor);
  if (dialog != NULL)
    g_signal_emit_by_name (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT),
                           "clicked");
  else
    gx_editor_window_answer_close (editor, GTK_RESPONSE_ACCEPT);
  settle ();
  g_assert_cmpint (saved_id, ==, id);
  g_assert_null (editor);

  store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  stored = gx_workspace_load_report (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_count (stored, person), ==, 6);
}

/* The child of the crash test --------------------------------------------------- */

static void
draft_written_cb (GxEditorWindow *editor,
                  gboolean       *written)
{
  *written = TRUE;
}

static int
run_child (const char *workspace,
           const char *report_id)
{
  g_autoptr(GError) error = NULL;
  GxEditorWindow *editor;
  GxEditorForm *form;
  gboolean written = FALSE;

  gtk_init ();
  gx_schema_set_prefers_chinese (0);
  editor = gx_editor_window_new (NULL, workspace, g_ascii_strtoll (report_id, NULL, 10), &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (editor));
  form = gx_editor_window_get_form (editor);

  g_signal_connect (editor, "draft-written", G_CALLBACK (draft_written_cb), &written);
  type_cell (form, APP ("carried_over", "natural_person"), "5");
  type_cell (form, APP ("carried_forward", "natural_person"), "5");
  /* the typed 0 of 二、上年结转 总计 is overwritten: asked for */
  gx_editor_form_fill_totals (form, FALSE, TRUE, NULL);
  /* the draft is written by itself, a moment after the last change */
  while (!written)
    g_main_context_iteration (NULL, TRUE);

  g_print ("READY %s\n", gx_editor_window_get_draft_path (editor));
  fflush (stdout);
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

/* the editor is killed with unsaved changes; the next start restores them */
static void
test_crash_restores_draft (Fixture       *fx,
                           gconstpointer  data)
{
  gint64 id = store_anding (fx);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  GxEditorWindow *restored = NULL;
  GListModel *windows;
  GObject *question;
  GxReport *report;

  g_assert_nonnull (self_path);
  g_assert_null (gx_editor_restore_drafts (NULL, fx->workspace));

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_path, "--editor-child", fx->workspace, id_text, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY "));

  /* the unsaved changes are still in the child: kill it */
  g_subprocess_force_exit (child);
  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_assert_true (g_file_test (line + strlen ("READY "), G_FILE_TEST_EXISTS));

  /* the workspace never saw them */
  {
    g_autoptr(GxWorkspace) store = gx_workspace_open (fx->workspace, FALSE, &error);
    g_autoptr(GxReport) stored = gx_workspace_load_report (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_count (stored, APP ("carried_over", "natural_person")), ==, 0);
  }

  drafts = gx_draft_list (fx->workspace);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpint (gx_draft_get_report_id (g_ptr_array_index (drafts, 0)), ==, id);

  /* "restore?" — yes */
  question = gx_editor_restore_drafts (NULL, fx->workspace);
  g_assert_nonnull (question);
  gx_editor_answer_restore (question, GTK_RESPONSE_ACCEPT);
  drain ();

  windows = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (GX_IS_EDITOR_WINDOW (window))
        restored = GX_EDITOR_WINDOW (window);
    }
  g_assert_nonnull (restored);
  fx->editor = g_object_ref (restored);

  report = gx_editor_window_get_report (restored);
  g_assert_cmpint (gx_editor_window_get_report_id (restored), ==, id);
  g_assert_true (gx_editor_window_get_modified (restored));
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "北京市大兴区安定镇人民政府");
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_over", "natural_person")), ==, 5);
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_forward", "natural_person")), ==, 5);
  /* Fill totals of the child (its computed marks came back too) */
  g_assert_cmpint (gx_report_get_count (report, APP ("carried_over", "total")), ==, 5);
  g_assert_true (gx_editor_form_is_computed (gx_editor_window_get_form (restored),
                                             APP ("carried_over", "total")));
  g_assert_cmpint (gx_report_get_count (report, APP ("new_received", "total")), ==, 13);
  g_assert_cmpstr (entry_text (gx_editor_window_get_form (restored), APP ("carried_over", "natural_person")), ==, "5");
  g_assert_cmpstr (gx_editor_window_get_status (restored), ==, "The tables tie out");

  /* saved: the draft is gone, not offered again */
  g_assert_true (gx_editor_window_save (restored, &error));
  g_assert_no_error (error);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = gx_draft_list (fx->workspace);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_null (gx_editor_restore_drafts (NULL, fx->workspace));
}

/* Reviewing in the editor: Haidian's group_total error dismissed with a
 * note is no longer marked nor counted, here and in the next editor. */
static void
test_review_in_editor (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "haidian-2022.txt", NULL);
  int total = gx_schema_find_cell_by_path ("review_litigation.litigation_after_review.total");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_path (path, &error);
  g_autoptr(GxWorkspace) store = NULL;
  GxEditorWindow *editor, *again;
  GxFinding *group_total = NULL;
  GPtrArray *findings;
  GtkWidget *entry;

  g_assert_no_error (error);
  store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (gx_workspace_save_report (store, report, &error));
  g_clear_object (&store);

  editor = gx_editor_window_new (NULL, fx->workspace, gx_report_get_id (report), &error);
  g_assert_no_error (error);
  entry = gx_editor_form_get_cell_entry (gx_editor_window_get_form (editor), (guint) total);
  g_assert_true (gtk_widget_has_css_class (entry, "finding-error"));
  g_assert_cmpstr (gx_editor_window_get_status (editor), ==, "Errors: 1 · Warnings: 0");

  findings = gx_report_get_findings (gx_editor_window_get_report (editor));
  for (guint i = 0; i < findings->len; i++)
    if (g_str_equal (gx_finding_get_rule (g_ptr_array_index (findings, i)), "group_total"))
      group_total = g_ptr_array_index (findings, i);
  g_assert_nonnull (group_total);
  g_assert_true (gx_editor_window_review_finding (editor, group_total, GX_REVIEW_DISMISSED,
                                                  "复议后起诉另有3件在二审", &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_has_css_class (entry, "finding-error"));
  g_assert_cmpstr (gx_editor_window_get_status (editor), ==, "The tables tie out (1 dismissed)");
  gtk_window_destroy (GTK_WINDOW (editor));

  again = gx_editor_window_new (NULL, fx->workspace, gx_report_get_id (report), &error);
  g_assert_no_error (error);
  entry = gx_editor_form_get_cell_entry (gx_editor_window_get_form (again), (guint) total);
  g_assert_false (gtk_widget_has_css_class (entry, "finding-error"));
  g_assert_cmpstr (gx_editor_window_get_status (again), ==, "The tables tie out (1 dismissed)");
  gtk_window_destroy (GTK_WINDOW (again));
}

/* a report in the 2019 form is not laid out by the editor: it says so */
static void
test_refuses_2019_form (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "miyun-2020-format2019.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = gx_reader_read_path (path, &error);
  g_autoptr(GxWorkspace) store = NULL;
  GxEditorWindow *editor;

  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (gx_workspace_save_report (store, report, &error));

  editor = gx_editor_window_new (NULL, fx->workspace, gx_report_get_id (report), &error);
  g_assert_null (editor);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "2019"));
}

/* The report as stored now, read through a connection of its own: its
 * 本年新收 total, and its revision in @revision. */
static gint64
stored_total (Fixture *fx,
              gint64   id,
              gint64  *revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_autoptr(GxReport) report = NULL;

  g_assert_no_error (error);
  report = gx_workspace_load_report (store, id, &error);
  g_assert_no_error (error);
  if (revision != NULL)
    *revision = gx_report_get_revision (report);
  return gx_report_get_count (report, APP ("new_received", "total"));
}

/* the 本年新收 total the list of @store shows for report @id */
static gint64
listed_total (GxWorkspace *store,
              gint64       id)
{
  GxReport *summary = gx_workspace_find_summary (store, id, NULL);

  g_assert_nonnull (summary);
  return gx_report_get_count (summary, APP ("new_received", "total"));
}

/* Another clerk saves 本年新收 (total) = @count through a connection of
 * theirs, on the report as stored now. */
static void
other_clerk_saves (Fixture *fx,
                   gint64   id,
                   gint64   count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) store = gx_workspace_open (fx->workspace, FALSE, &error);
  g_autoptr(GxReport) report = NULL;

  g_assert_no_error (error);
  report = gx_workspace_load_report (store, id, &error);
  g_assert_no_error (error);
  gx_report_set_count (report, APP ("new_received", "total"), count);
  g_assert_true (gx_workspace_save_report (store, report, &error));
  g_assert_no_error (error);
}

/* Two clerks on one workspace: a report saved by another connection while
 * it is open in the editor.  Saving asks (never a silent overwrite, nor an
 * error alone): Cancel leaves it unsaved and asks again at the next save;
 * Overwrite writes the editor's values; Reload shows the other clerk's,
 * with the clerk's own edit one Undo away, and the next save goes
 * through.  The list (the editor's workspace, the main window's in the
 * app) shows what is stored each time.  The Save of the close question
 * asks too, and closes once overwritten.  Anding's 本年新收 total is 13. */
static void
test_save_conflict (Fixture       *fx,
                    gconstpointer  data)
{
  gint64 id = store_anding (fx);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxWorkspace) list = gx_workspace_open (fx->workspace, FALSE, &error);
  guint total = APP ("new_received", "total");
  GxEditorWindow *editor;
  GxEditorForm *form;
  gint64 revision = 0;

  g_assert_no_error (error);
  fx->editor = gx_editor_window_new_for_workspace (NULL, list, id, &error);
  g_assert_no_error (error);
  g_object_ref (fx->editor);
  form = gx_editor_window_get_form (fx->editor);
  gtk_window_present (GTK_WINDOW (fx->editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->editor));
  g_assert_cmpstr (entry_text (form, total), ==, "13");

  other_clerk_saves (fx, id, 20);
  type_cell (form, total, "30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.save", NULL));
  drain ();
  g_assert_true (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_true (gx_editor_window_get_modified (fx->editor));
  /* nothing of the editor's written; the list shows the other clerk's */
  g_assert_cmpint (stored_total (fx, id, &revision), ==, 20);
  g_assert_cmpint (revision, ==, 2);
  g_assert_cmpint (listed_total (list, id), ==, 20);

  /* Cancel: unsaved, and the next save asks again */
  gx_editor_window_answer_conflict (fx->editor, GX_EDITOR_CONFLICT_CANCEL);
  drain ();
  g_assert_false (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_true (gx_editor_window_get_modified (fx->editor));
  g_assert_nonnull (gx_editor_window_get_message (fx->editor));
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "Not saved"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.save", NULL));
  drain ();
  g_assert_true (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_cmpint (stored_total (fx, id, NULL), ==, 20);

  /* Overwrite: the editor's values are stored and listed */
  gx_editor_window_answer_conflict (fx->editor, GX_EDITOR_CONFLICT_OVERWRITE);
  drain ();
  g_assert_false (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_false (gx_editor_window_get_modified (fx->editor));
  g_assert_cmpint (stored_total (fx, id, &revision), ==, 30);
  g_assert_cmpint (revision, ==, 3);
  g_assert_cmpint (listed_total (list, id), ==, 30);
  g_assert_cmpint (gx_report_get_revision (gx_editor_window_get_report (fx->editor)), ==, 3);

  /* Reload: the other clerk's values in the form, the editor's edit one
   * Undo away */
  other_clerk_saves (fx, id, 40);
  type_cell (form, total, "50");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.save", NULL));
  drain ();
  g_assert_true (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_cmpint (stored_total (fx, id, NULL), ==, 40);
  gx_editor_window_answer_conflict (fx->editor, GX_EDITOR_CONFLICT_RELOAD);
  drain ();
  g_assert_false (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_cmpstr (entry_text (form, total), ==, "40");
  g_assert_cmpint (gx_report_get_count (gx_editor_window_get_report (fx->editor), total), ==, 40);
  g_assert_false (gx_editor_window_get_modified (fx->editor));
  g_assert_cmpint (listed_total (list, id), ==, 40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.undo", NULL));
  g_assert_cmpstr (entry_text (form, total), ==, "50");
  g_assert_true (gx_editor_window_get_modified (fx->editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.redo", NULL));
  g_assert_cmpstr (entry_text (form, total), ==, "40");

  /* reloaded, the clerk's next save is no conflict */
  type_cell (form, total, "45");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->editor), "editor.save", NULL));
  drain ();
  g_assert_false (gx_editor_window_is_asking_conflict (fx->editor));
  g_assert_false (gx_editor_window_get_modified (fx->editor));
  g_assert_cmpint (stored_total (fx, id, NULL), ==, 45);
  g_assert_cmpint (listed_total (list, id), ==, 45);

  /* a draft keeps the revision its edits were made on: restored after
   * someone else saved, its save is refused too */
  type_cell (form, total, "46");
  g_assert_true (gx_editor_window_write_draft (fx->editor, &error));
  g_assert_no_error (error);
  other_clerk_saves (fx, id, 47);
  {
    g_autoptr(GPtrArray) drafts = gx_draft_list (fx->workspace);
    GxEditorWindow *restored;

    g_assert_cmpuint (drafts->len, ==, 1);
    restored = gx_editor_window_new_from_draft (NULL, g_ptr_array_index (drafts, 0), &error);
    g_assert_no_error (error);
    g_object_ref (restored);
    g_assert_cmpint (gx_report_get_count (gx_editor_window_get_report (restored), total), ==, 46);
    g_assert_false (gx_editor_window_save (restored, &error));
    g_assert_error (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_CHANGED);
    g_clear_error (&error);
    g_assert_cmpint (stored_total (fx, id, NULL), ==, 47);
    close_editor (restored);
  }

  /* closing with unsaved changes, Save: the same question; overwritten,
   * the window closes */
  editor = gx_editor_window_new_for_workspace (NULL, list, id, &error);
  g_assert_no_error (error);
  g_object_ref (editor);
  gtk_window_present (GTK_WINDOW (editor));
  other_clerk_saves (fx, id, 70);
  type_cell (gx_editor_window_get_form (editor), total, "80");
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (gx_editor_window_is_asking_to_close (editor));
  gx_editor_window_answer_close (editor, GTK_RESPONSE_ACCEPT);
  drain ();
  g_assert_true (gx_editor_window_is_asking_conflict (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpint (stored_total (fx, id, NULL), ==, 70);
  gx_editor_window_answer_conflict (editor, GX_EDITOR_CONFLICT_OVERWRITE);
  drain ();
  g_assert_cmpint (stored_total (fx, id, NULL), ==, 80);
  g_assert_cmpint (listed_total (list, id), ==, 80);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_finalize_object (editor);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = NULL;
  int status;

  if (argc == 4 && g_str_equal (argv[1], "--editor-child"))
    return run_child (argv[2], argv[3]);

  /* drafts go to a state directory of the test's own */
  state = g_dir_make_tmp ("gx-editor-state-XXXXXX", NULL);
  g_assert_nonnull (state);
  g_setenv ("XDG_STATE_HOME", state, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  /* any GLib critical or warning fails the test (G_DEBUG=fatal-criticals
   * says it too, for what runs before this line) */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* English labels whatever the machine's language */
  gx_schema_set_prefers_chinese (0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/editor/type-and-save", test_type_and_save);
  ADD ("/editor/break-total-and-undo", test_break_total_and_undo);
  ADD ("/editor/fill-totals", test_fill_totals);
  ADD ("/editor/fill-operands-only", test_fill_operands_only);
  ADD ("/editor/paste", test_paste);
  ADD ("/editor/invalid-input", test_invalid_input);
  ADD ("/editor/navigation", test_navigation);
  ADD ("/editor/close-asks", test_close_asks);
  ADD ("/editor/draft-of-new-report", test_draft_of_new_report);
  ADD ("/editor/crash-restores-draft", test_crash_restores_draft);
  ADD ("/editor/refuses-2019-form", test_refuses_2019_form);
  ADD ("/editor/review", test_review_in_editor);
  ADD ("/editor/layout-steady", test_layout_steady);
  ADD ("/editor/frozen-header", test_frozen_header);
  g_test_add_func ("/editor/app-icon", test_app_icon);
  ADD ("/editor/findings-popover", test_findings_popover);
  ADD ("/editor/keys/typing-replaces", test_typing_replaces);
  ADD ("/editor/keys/refused-keeps-value", test_refused_keeps_value);
  ADD ("/editor/keys/order", test_keyboard_order);
  ADD ("/editor/keys/ctrl-w", test_ctrl_w);
  ADD ("/editor/save-conflict", test_save_conflict);
#undef ADD

  status = g_test_run ();
  gx_test_remove_tree (state);
  return status;
}
