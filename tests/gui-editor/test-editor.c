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

#include "gx-draft.h"
#include "gx-editor-window.h"
#include "gx-reader.h"
#include "gx-review.h"
#include "gx-schema.h"
#include "gx-store.h"
#include "../test-samples.h"

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
  g_autoptr(GxStore) store = gx_store_open (fx->workspace, &error);
  g_autoptr(GxReport) report = gx_report_new ();
  g_auto(GStrv) texts = sample_texts (anding_rows);

  g_assert_no_error (error);
  gx_report_set_issuer (report, "北京市大兴区安定镇人民政府");
  gx_report_set_year (report, 2022);
  for (guint i = 0; i < gx_schema_n_cells (); i++)
    gx_report_set_text (report, i, texts[i]);
  g_assert_true (gx_store_save_report (store, report, &error));
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
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  if (fx->editor != NULL)
    close_editor (fx->editor);
  remove_tree (fx->tmpdir);
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
  g_autoptr(GxStore) store = NULL;
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
  store = gx_store_open (fx->workspace, &error);
  g_assert_no_error (error);
  saved = gx_store_load_report (store, id, &error);
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
  g_assert_cmpstr (gx_editor_window_get_status (fx->editor), ==, "The tables tie out");

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
      steps = gx_edit_history_get_n_steps (gx_editor_form_get_history (form));
      gx_editor_form_focus_cell (form, punishment);
      gtk_editable_set_text (GTK_EDITABLE (entry), bad[i][0]);
      drain ();
      /* refused at once, with a message naming the cell */
      g_assert_cmpint (gx_report_get_count (report, punishment), ==, 385);
      g_assert_true (gtk_widget_has_css_class (entry, "refused"));
      g_assert_nonnull (gx_editor_window_get_message (fx->editor));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), bad[i][1]));
      g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "Administrative penalties"));
      /* Enter: the cell shows the value it kept */
      press_enter (entry);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "385");
      g_assert_false (gtk_widget_has_css_class (entry, "refused"));
      g_assert_cmpuint (gx_edit_history_get_n_steps (gx_editor_form_get_history (form)), ==, steps);
      g_assert_false (gx_editor_window_get_modified (fx->editor));
    }

  /* fees: up to 6 decimals, not 7 */
  type_cell (form, fees, "1.2345678");
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "more than 6 decimal places"));
  g_assert_true (gx_report_get_cell (report, fees, NULL) == GX_CELL_VALUE);
  g_assert_cmpint (gx_report_get_value (report, fees), ==, 0);
  g_assert_false (gx_editor_form_set_cell_text (form, fees, "0.0000001", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  type_cell (form, fees, "5949.088667");
  g_assert_cmpint (gx_report_get_value (report, fees), ==, G_GINT64_CONSTANT (5949088667));
  /* beyond 999,999,999: refused as too large, the value kept */
  type_cell (form, fees, "1000000000");
  g_assert_nonnull (strstr (gx_editor_window_get_message (fx->editor), "too large (at most 999,999,999)"));
  g_assert_cmpint (gx_report_get_value (report, fees), ==, G_GINT64_CONSTANT (5949088667));
  type_cell (form, fees, "8157.1934");
  g_assert_cmpint (gx_report_get_value (report, fees), ==, G_GINT64_CONSTANT (8157193400));
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
  GtkWidget *dialog;

  type_cell (form, APP ("carried_over", "natural_person"), "5");
  g_assert_true (gx_editor_window_write_draft (editor, NULL));
  draft = g_strdup (gx_editor_window_get_draft_path (editor));
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  gtk_window_close (GTK_WINDOW (editor));
  dialog = gx_editor_window_get_close_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (gx_editor_window_get_close_dialog (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));

  gtk_window_close (GTK_WINDOW (editor));
  gtk_dialog_response (GTK_DIALOG (gx_editor_window_get_close_dialog (editor)), GTK_RESPONSE_REJECT);
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
  g_autoptr(GList) toplevels = NULL;
  GxEditorWindow *restored = NULL;
  GListModel *windows;
  GtkWidget *dialog;
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
    g_autoptr(GxStore) store = gx_store_open (fx->workspace, &error);
    g_autoptr(GxReport) stored = gx_store_load_report (store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gx_report_get_count (stored, APP ("carried_over", "natural_person")), ==, 0);
  }

  drafts = gx_draft_list (fx->workspace);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpint (gx_draft_get_report_id (g_ptr_array_index (drafts, 0)), ==, id);

  /* "restore?" — yes */
  dialog = gx_editor_restore_drafts (NULL, fx->workspace);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
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
  g_autoptr(GxStore) store = NULL;
  GxEditorWindow *editor, *again;
  GxFinding *group_total = NULL;
  GPtrArray *findings;
  GtkWidget *entry;

  g_assert_no_error (error);
  store = gx_store_open (fx->workspace, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_save_report (store, report, &error));
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
  g_autoptr(GxStore) store = NULL;
  GxEditorWindow *editor;

  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2019");
  store = gx_store_open (fx->workspace, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_save_report (store, report, &error));

  editor = gx_editor_window_new (NULL, fx->workspace, gx_report_get_id (report), &error);
  g_assert_null (editor);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "2019"));
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
  /* English labels whatever the machine's language */
  gx_schema_set_prefers_chinese (0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/editor/type-and-save", test_type_and_save);
  ADD ("/editor/break-total-and-undo", test_break_total_and_undo);
  ADD ("/editor/fill-totals", test_fill_totals);
  ADD ("/editor/paste", test_paste);
  ADD ("/editor/invalid-input", test_invalid_input);
  ADD ("/editor/navigation", test_navigation);
  ADD ("/editor/close-asks", test_close_asks);
  ADD ("/editor/draft-of-new-report", test_draft_of_new_report);
  ADD ("/editor/crash-restores-draft", test_crash_restores_draft);
  ADD ("/editor/refuses-2019-form", test_refuses_2019_form);
  ADD ("/editor/review", test_review_in_editor);
#undef ADD

  status = g_test_run ();
  remove_tree (state);
  return status;
}
