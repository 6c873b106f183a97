/* test-window-layout.c: how the main window uses its space and says what
 * it shows (issue 16, items 9 and 11–14; the year filter of issue 14)
 *
 * Expectations read by hand from the samples (tests/data/):
 *   Miyun 2021, the four others 2022; Haidian's one error (复议后起诉 总计
 *   42) was read from line 434; Miyun's text says 引发行政诉讼20件 (a
 *   prose_mismatch warning quoting that sentence); Beidaihe's 上年结转 is
 *   blank (a blank_cell note) and an operand of its balance errors.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "gx-schema.h"
#include "gx-workspace.h"
#include "gx-window-private.h"

static const char *const samples[] = {
  "anding-2022.txt",
  "beidaihe-2022-pipes.txt",
  "haidian-2022.txt",
  "miyun-2021.txt",
  "pinggu-2022.txt",
};

typedef struct {
  char *tmpdir;
  char *workspace;
  GxWindow *window;
} Fixture;

/* Helpers -------------------------------------------------------------------- */

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static GxWindow *
open_window (const char *workspace)
{
  g_autoptr(GError) error = NULL;
  GxWindow *window = g_object_ref (gx_window_new (NULL));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_assert_true (gx_window_open_workspace (window, workspace, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
close_window (GxWindow *window)
{
  while (gx_window_get_importing (window))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  g_assert_finalize_object (window);
}

static void
import_samples (Fixture *fx)
{
  GFile *files[G_N_ELEMENTS (samples)];

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", samples[i], NULL);
      files[i] = g_file_new_for_path (path);
    }
  gx_window_import_files (fx->window, files, G_N_ELEMENTS (samples));
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    g_object_unref (files[i]);
  while (gx_window_get_importing (fx->window))
    g_main_context_iteration (NULL, TRUE);
  drain ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
}

static void
fixture_setup (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  /* each test starts from the defaults */
  g_settings_reset (settings, "list-position");
  g_settings_reset (settings, "findings-position");
  g_settings_reset (settings, "last-export-folder");
  fx->tmpdir = g_dir_make_tmp ("gx-layout-XXXXXX", &error);
  g_assert_no_error (error);
  fx->workspace = g_build_filename (fx->tmpdir, "workspace.db", NULL);
  fx->window = open_window (fx->workspace);
}

static void
fixture_teardown (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fx->workspace, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fx->workspace, "-shm", NULL);

  if (fx->window != NULL)
    close_window (fx->window);
  g_unlink (fx->workspace);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx->tmpdir);
  g_free (fx->workspace);
  g_free (fx->tmpdir);
}

/* Selects the report whose issuer holds @part among those shown. */
static GxReport *
select_issuer (Fixture    *fx,
               const char *part)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GListModel *visible = gx_report_list_get_visible (list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);

      if (strstr (gx_report_get_issuer (report), part) != NULL)
        {
          gx_report_list_select (list, i);
          gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
          return report;
        }
    }
  g_assert_not_reached ();
}

/* The first widget under @widget of @type whose text is @text (a label or
 * an inscription), or NULL. */
static GtkWidget *
find_text (GtkWidget  *widget,
           const char *text)
{
  const char *own = NULL;

  if (GTK_IS_LABEL (widget))
    own = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_INSCRIPTION (widget))
    own = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  if (own != NULL && g_str_equal (own, text) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkColumnViewColumn *
list_column (GxReportList *list,
             const char   *id)
{
  GListModel *columns = gtk_column_view_get_columns (gx_report_list_get_column_view (list));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "gx-column-id"), id) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* Tests ----------------------------------------------------------------------- */

/* Item 9: the dividers stay where the user left them, across windows */
static void
test_paned_restored (Fixture       *fx,
                     gconstpointer  data)
{
  GtkPaned *findings;
  int max_position = 0;
  int target, list_position;

  import_samples (fx);
  select_issuer (fx, "海淀");
  findings = gx_report_detail_get_paned (gx_window_get_report_detail (fx->window));

  /* the defaults: the list is not cut to a few rows, the findings have
   * room for several */
  g_assert_cmpint (gtk_paned_get_position (fx->window->reports_paned), >=, 230);
  g_assert_cmpint (gtk_widget_get_height (gtk_paned_get_end_child (findings)), >=, 180);

  /* a position the list and the detail both have room for (the detail's
   * smallest height depends on what it shows) */
  g_object_get (fx->window->reports_paned, "max-position", &max_position, NULL);
  list_position = MIN (311, max_position - 20);
  g_assert_cmpint (list_position, >, 240);
  gtk_paned_set_position (fx->window->reports_paned, list_position);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  /* the tables taller than they were, within what the findings leave */
  g_object_get (findings, "max-position", &max_position, NULL);
  target = max_position - 7;
  g_assert_cmpint (target, >, 40);
  gtk_paned_set_position (findings, target);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  /* the taller tables may push the list's divider up a few pixels (the
   * detail's smallest height follows what it shows): what is kept is
   * where both dividers are when the window closes (9 px seen once the
   * cells' tooltips stopped costing a round trip each) */
  g_assert_cmpint (ABS (gtk_paned_get_position (fx->window->reports_paned) - list_position), <=, 12);
  list_position = gtk_paned_get_position (fx->window->reports_paned);
  target = gtk_paned_get_position (findings);
  /* as the close button does */
  gtk_window_close (GTK_WINDOW (fx->window));
  drain ();
  g_assert_finalize_object (g_steal_pointer (&fx->window));

  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_assert_cmpint (g_settings_get_int (settings, "list-position"), ==, list_position);
    g_assert_cmpint (g_settings_get_int (settings, "findings-position"), ==, target);
  }
  fx->window = open_window (fx->workspace);
  g_assert_cmpint (gtk_paned_get_position (fx->window->reports_paned), ==, list_position);
  findings = gx_report_detail_get_paned (gx_window_get_report_detail (fx->window));
  g_assert_cmpint (gtk_paned_get_position (findings), ==, target);
}

/* Item 9: on a wide window the numbers stay next to the issuer: the last
 * column takes the room left, not the issuer's */
static void
test_numbers_stay_left (Fixture       *fx,
                        gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GtkWidget *cell;
  graphene_rect_t bounds;

  import_samples (fx);
  /* as wide as the Xvfb screen of the tests lets it be */
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1270, 800);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_false (gtk_column_view_column_get_expand (list_column (list, "issuer")));
  g_assert_true (gtk_column_view_column_get_expand (list_column (list, "problems")));

  /* Haidian's 本年新收, 1521, is drawn next to its issuer */
  cell = find_text (GTK_WIDGET (list), "1521");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_compute_bounds (cell, GTK_WIDGET (fx->window), &bounds));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fx->window)), >=, 1250);
  /* issuer 320 + year 64 + 128 = 512: with the issuer taking the room
   * left (1270 − 64 − 5 × 128 − 200) it ended near 560 */
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <, 530);
}

/* Item 14: the title counts what is listed and what is shown */
static void
test_count_and_search (Fixture       *fx,
                       gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GtkWidget *nothing;

  import_samples (fx);
  g_assert_cmpstr (gtk_label_get_text (fx->window->subtitle_label), ==, "workspace.db — 5 reports");

  gx_window_set_search (fx->window, "北京市");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 4);
  g_assert_cmpstr (gtk_label_get_text (fx->window->subtitle_label), ==,
                   "workspace.db — 4 of 5 reports shown");

  /* the search keeps the selection while the report is shown, and selects
   * it again when it is shown again */
  select_issuer (fx, "海淀");
  gx_window_set_search (fx->window, "海淀");
  g_assert_nonnull (gx_report_list_get_selected (list));
  g_assert_nonnull (strstr (gx_report_get_issuer (gx_report_list_get_selected (list)), "海淀"));
  gx_window_set_search (fx->window, "密云");
  g_assert_null (gx_report_list_get_selected (list));
  g_assert_null (gx_report_detail_get_report (gx_window_get_report_detail (fx->window)));
  gx_window_set_search (fx->window, "");
  g_assert_nonnull (gx_report_list_get_selected (list));
  g_assert_nonnull (strstr (gx_report_get_issuer (gx_report_list_get_selected (list)), "海淀"));
  g_assert_nonnull (gx_report_detail_get_report (gx_window_get_report_detail (fx->window)));
  g_assert_cmpstr (gtk_label_get_text (fx->window->subtitle_label), ==, "workspace.db — 5 reports");

  /* it says when nothing matches */
  gx_window_set_search (fx->window, "上海");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  nothing = find_text (GTK_WIDGET (list), "No report matches “上海”.");
  g_assert_nonnull (nothing);
  g_assert_cmpstr (gtk_label_get_text (fx->window->subtitle_label), ==,
                   "workspace.db — 0 of 5 reports shown");

  /* the year, and the short name of an issuer (人民政府 → 政府) */
  gx_window_set_search (fx->window, "2021");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_window_set_search (fx->window, "202");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);
  /* a digit is not a year */
  gx_window_set_search (fx->window, "1");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);
  gx_window_set_search (fx->window, "密云区政府");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_window_set_search (fx->window, "");
}

/* Issue 14: the search matches the spellings merged with an issuer */
static void
test_search_merged_spellings (Fixture       *fx,
                              gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  g_autoptr(GxWorkspace) other = NULL;
  g_autoptr(GError) error = NULL;

  import_samples (fx);
  gx_window_set_search (fx->window, "密云县府");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);

  /* another process merges the old spelling into Miyun's */
  other = gx_workspace_open (fx->workspace, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (gx_workspace_merge_issuers (other, "密云县府", "北京市密云区人民政府", &error));
  g_assert_no_error (error);
  gx_window_check_workspace (fx->window);

  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  g_assert_nonnull (strstr (gx_report_get_issuer (g_list_model_get_item (gx_report_list_get_visible (list), 0)),
                            "密云"));
  g_object_unref (g_list_model_get_item (gx_report_list_get_visible (list), 0));
}

/* Issue 14: the year selector beside the search */
static void
test_year_filter (Fixture       *fx,
                  gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GListModel *years;

  import_samples (fx);
  drain ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fx->window->year_dropdown)));
  years = gtk_drop_down_get_model (fx->window->year_dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (years), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (years), 0), ==, "All Years");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (years), 1), ==, "2022");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (years), 2), ==, "2021");

  /* as choosing it in the drop-down does */
  gtk_drop_down_set_selected (fx->window->year_dropdown, 2);
  g_assert_cmpint (gx_report_list_get_year (list), ==, 2021);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (fx->window->subtitle_label), ==,
                   "workspace.db — 1 of 5 reports shown");

  /* with the search: Haidian is not of 2021 */
  gx_window_set_search (fx->window, "海淀");
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
  g_assert_nonnull (find_text (GTK_WIDGET (list), "No report of 2021 matches “海淀”."));

  gx_window_set_year (fx->window, 2022);
  g_assert_cmpuint (gtk_drop_down_get_selected (fx->window->year_dropdown), ==, 1);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 1);
  gx_window_set_year (fx->window, 0);
  gx_window_set_search (fx->window, NULL);
  g_assert_cmpuint (gx_report_list_get_n_visible (list), ==, 5);
}

/* Item 11: the status of the selected row takes the row's colour */
static void
test_selected_status_readable (Fixture       *fx,
                               gconstpointer  data)
{
  GxReportList *list = gx_window_get_report_list (fx->window);
  GtkWidget *status;
  GdkRGBA color;

  import_samples (fx);
  status = find_text (GTK_WIDGET (list), "1 error");
  g_assert_nonnull (status);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (status), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* red while not selected */
  g_assert_cmpfloat (color.red, >, 0.6);
  g_assert_cmpfloat (color.blue, <, 0.3);

  select_issuer (fx, "海淀");
  status = find_text (GTK_WIDGET (list), "1 error");
  g_assert_nonnull (status);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (status), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* white on the selection's blue */
  g_assert_cmpfloat (color.red, >, 0.9);
  g_assert_cmpfloat (color.green, >, 0.9);
  g_assert_cmpfloat (color.blue, >, 0.9);
}

/* Item 12: only the cells a finding is about are tinted, with a legend */
static void
test_tint_and_legend (Fixture       *fx,
                      gconstpointer  data)
{
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  int total = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "results_total", "natural_person");
  int blank = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "carried_over", "natural_person");
  int given = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "natural_person");
  GtkWidget *widget;
  GtkWidget *legend;
  guint n_keys = 0;

  import_samples (fx);
  select_issuer (fx, "北戴河");

  /* the total that does not tie out, and the operand holding a value */
  widget = gx_report_detail_get_cell_widget (detail, (guint) total);
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_has_css_class (widget, "finding-error"));
  widget = gx_report_detail_get_cell_widget (detail, (guint) given);
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), ==, "4");
  g_assert_true (gtk_widget_has_css_class (widget, "finding-error"));
  /* the blank operand is a blank cell, not an error */
  widget = gx_report_detail_get_cell_widget (detail, (guint) blank);
  g_assert_nonnull (widget);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), ==, "");
  g_assert_false (gtk_widget_has_css_class (widget, "finding-error"));
  g_assert_true (gtk_widget_has_css_class (widget, "finding-note"));

  legend = gx_report_detail_get_legend (detail);
  g_assert_true (gtk_widget_get_mapped (legend));
  for (GtkWidget *key = gtk_widget_get_first_child (legend); key != NULL;
       key = gtk_widget_get_next_sibling (key))
    n_keys++;
  g_assert_cmpuint (n_keys, ==, 3);
  g_assert_nonnull (find_text (legend, "Error: does not add up, or not a number"));
}

/* Item 13: a finding says where it was read; its icon has its colour */
static void
test_finding_source (Fixture       *fx,
                     gconstpointer  data)
{
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  GListModel *findings;
  GtkWidget *where;
  GtkWidget *icon;
  gboolean quoted = FALSE;

  import_samples (fx);
  select_issuer (fx, "海淀");
  where = find_text (GTK_WIDGET (detail), "Line 434 of the source");
  g_assert_nonnull (where);
  /* the error's icon, before its text */
  icon = gtk_widget_get_prev_sibling (gtk_widget_get_parent (where));
  g_assert_true (GTK_IS_IMAGE (icon));
  g_assert_true (gtk_widget_has_css_class (icon, "severity-error"));

  select_issuer (fx, "密云");
  findings = gx_report_detail_get_findings (detail);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GxFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *text = gx_report_detail_dup_finding_source (gx_report_detail_get_report (detail),
                                                                  finding);

      if (gx_finding_get_severity (finding) == GX_SEVERITY_WARNING)
        {
          g_assert_nonnull (text);
          g_assert_true (g_str_has_prefix (text, "The text: “"));
          g_assert_nonnull (strstr (text, "引发行政诉讼20件"));
          quoted = TRUE;
        }
    }
  g_assert_true (quoted);
}

/* Item 10: the detail shows the official form: 申请人情况 over the columns,
 * 法人或其他组织 over five, the result rows under their merged groups;
 * English headers whole */
static void
test_detail_official_form (Fixture       *fx,
                           gconstpointer  data)
{
  GxReportDetail *detail = gx_window_get_report_detail (fx->window);
  int cell = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "commercial");
  GtkWidget *widget;
  GtkWidget *grid;
  GtkWidget *head;
  GtkWidget *group;
  int column, row, width, height;

  import_samples (fx);
  select_issuer (fx, "海淀");
  widget = gx_report_detail_get_cell_widget (detail, (guint) cell);
  g_assert_nonnull (widget);
  grid = gtk_widget_get_parent (widget);
  g_assert_true (GTK_IS_GRID (grid));
  /* read only: a value is text, nothing to type into */
  g_assert_true (GTK_IS_INSCRIPTION (widget));

  head = find_text (grid, "Applicants");
  g_assert_nonnull (head);
  gtk_grid_query_child (GTK_GRID (grid), head, &column, &row, &width, &height);
  g_assert_cmpint (row, ==, 0);
  g_assert_cmpint (width, ==, 7);     /* over the seven columns of applicants */
  group = find_text (grid, "Legal persons and other organisations");
  g_assert_nonnull (group);
  gtk_grid_query_child (GTK_GRID (grid), group, &column, &row, &width, &height);
  g_assert_cmpint (width, ==, 5);
  /* （三）不予公开 spans its eight reasons */
  head = find_text (grid, "Not disclosed");
  g_assert_nonnull (head);
  gtk_grid_query_child (GTK_GRID (grid), head, &column, &row, &width, &height);
  g_assert_cmpint (height, ==, 8);

  /* a header of section 四 is not cut inside a word */
  head = find_text (GTK_WIDGET (detail), "Corrected");
  g_assert_nonnull (head);
  g_assert_false (pango_layout_is_wrapped (gtk_label_get_layout (GTK_LABEL (head))));
}

/* A button of @action in the header bar: it is sensitive while the action
 * is enabled, as the menu items are */
static GtkWidget *
action_button (GxWindow   *window,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_label (action);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_header_bar_pack_start (GTK_HEADER_BAR (gtk_window_get_titlebar (GTK_WINDOW (window))), button);
  return button;
}

static void
wait_for_notice (GxWindow *window)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!gtk_revealer_get_reveal_child (window->result_revealer) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (window->result_revealer));
}

/* Item 15: Export offers a name and a folder, and says what it wrote;
 * actions with nothing to act on are off */
static void
test_export_and_actions (Fixture       *fx,
                         gconstpointer  data)
{
  GtkWidget *edit = action_button (fx->window, "win.edit-report");
  GtkWidget *compare = action_button (fx->window, "win.compare");
  GtkWidget *word = action_button (fx->window, "win.export-docx");
  GtkWidget *excel = action_button (fx->window, "win.export-xlsx");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *contents = NULL;

  /* an empty workspace: nothing to edit, compare or export */
  g_assert_false (gtk_widget_get_sensitive (edit));
  g_assert_false (gtk_widget_get_sensitive (compare));
  g_assert_false (gtk_widget_get_sensitive (word));
  g_assert_false (gtk_widget_get_sensitive (excel));

  import_samples (fx);
  g_assert_false (gtk_widget_get_sensitive (edit));   /* nothing selected */
  g_assert_true (gtk_widget_get_sensitive (compare));
  g_assert_false (gtk_widget_get_sensitive (word));   /* five shown */
  g_assert_true (gtk_widget_get_sensitive (excel));
  select_issuer (fx, "海淀");
  g_assert_true (gtk_widget_get_sensitive (edit));
  g_assert_true (gtk_widget_get_sensitive (word));

  /* the names offered */
  name = gx_window_dup_export_name (fx->window, GX_WINDOW_EXPORT_DOCX);
  g_assert_true (g_str_has_suffix (name, ".docx"));
  g_assert_nonnull (strstr (name, "北京市海淀区人民政府"));
  g_assert_nonnull (strstr (name, "2022"));
  g_clear_pointer (&name, g_free);
  name = gx_window_dup_export_name (fx->window, GX_WINDOW_EXPORT_CSV);
  g_assert_cmpstr (name, ==, "workspace.csv");
  g_clear_pointer (&name, g_free);
  gx_window_set_year (fx->window, 2022);
  name = gx_window_dup_export_name (fx->window, GX_WINDOW_EXPORT_XLSX);
  g_assert_cmpstr (name, ==, "workspace-2022.xlsx");
  gx_window_set_year (fx->window, 0);

  /* written, and said so; the folder is offered next time */
  path = g_build_filename (fx->tmpdir, "out.csv", NULL);
  file = g_file_new_for_path (path);
  gtk_revealer_set_reveal_child (fx->window->result_revealer, FALSE);
  gx_window_export_to_file (fx->window, GX_WINDOW_EXPORT_CSV, file);
  wait_for_notice (fx->window);
  expected = g_strdup_printf ("5 reports exported to %s", path);
  g_assert_cmpstr (gtk_label_get_text (fx->window->result_label), ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "北京市海淀区人民政府"));
  folder = gx_window_dup_export_folder (fx->window);
  g_assert_cmpstr (g_file_peek_path (folder), ==, fx->tmpdir);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("gx-layout-state-XXXXXX", NULL);
  g_autoptr(GtkCssProvider) provider = NULL;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* the app's styles, as GxApplication loads them */
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/com/example/GxReports/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* any GLib critical or warning fails the test */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  gx_schema_set_prefers_chinese (0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/layout/paned-restored", test_paned_restored);
  ADD ("/gui/layout/numbers-stay-left", test_numbers_stay_left);
  ADD ("/gui/list/count-and-search", test_count_and_search);
  ADD ("/gui/list/merged-spellings", test_search_merged_spellings);
  ADD ("/gui/list/year-filter", test_year_filter);
  ADD ("/gui/list/selected-status-readable", test_selected_status_readable);
  ADD ("/gui/detail/tint-and-legend", test_tint_and_legend);
  ADD ("/gui/detail/finding-source", test_finding_source);
  ADD ("/gui/export/name-folder-notice", test_export_and_actions);
  ADD ("/gui/detail/official-form", test_detail_official_form);
#undef ADD

  int status = g_test_run ();
  g_rmdir (state);
  return status;
}
