/* gx-window.c: the main window
 *
 * The window owns the main thread's GxWorkspace: its list is what the
 * report list shows (every change made through it, by the detail pane,
 * an editor, the compare window or an action, shows at once), the detail
 * pane loads from it, and changes of other connections (another process,
 * the GxImporter's worker, which writes through a connection of its own)
 * are brought in by gx_workspace_reload() or, for the reports an import
 * commits, gx_workspace_add_reports().
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gx-rules.h"
#include "gx-review.h"
#include "gx-backend.h"
#include "gx-dialogs.h"
#include "gx-pg-store.h"
#include "gx-recent.h"
#include "gx-window-private.h"

enum {
  PROP_0,
  PROP_ONLY_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxWindow, gx_window, GTK_TYPE_APPLICATION_WINDOW)

static void start_next_import (GxWindow *self);

/* Helpers ------------------------------------------------------------------- */

static void
update_page (GxWindow *self)
{
  guint n = g_list_model_get_n_items (gx_report_list_get_reports (self->report_list));
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  guint n_shown = gx_report_list_get_n_visible (self->report_list);

  gtk_stack_set_visible_child_name (self->main_stack, n > 0 ? "reports" : "empty");

  if (self->store != NULL && gx_backend_location_is_postgres (gx_workspace_get_location (self->store)))
    name = gx_pg_location_display (gx_workspace_get_location (self->store));
  else if (self->store != NULL)
    name = g_path_get_basename (gx_workspace_get_location (self->store));
  if (n_shown != n && gx_report_list_get_filtered (self->report_list))
    /* Translators: the subtitle of the window when the search or a filter
     * hides some reports: "workspace.db — 2 of 5 reports shown" */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u of %u report shown",
                                             "%s — %u of %u reports shown", n),
                                name ? name : "", n_shown, n);
  else
    /* Translators: the subtitle of the window: workspace file and its size */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %u report", "%s — %u reports", n),
                                name ? name : "", n);
  gtk_label_set_text (self->subtitle_label, subtitle);
  gx_window_update_actions (self);
}

static void
set_progress_visible (GxWindow *self,
                      gboolean  visible)
{
  gtk_revealer_set_reveal_child (self->progress_revealer, visible);
}

static gboolean
pulse_cb (gpointer data)
{
  GxWindow *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (GxWindow *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
show_import_result (GxWindow *self,
                    gboolean  cancelled)
{
  const char * const *failures = gx_importer_get_failures (self->importer);
  guint n_failed = g_strv_length ((char **) failures);
  guint n_added = gx_importer_get_n_added (self->importer);
  guint n_present = gx_importer_get_n_present (self->importer);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *details = NULL;

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u report imported.",
                                             "%u reports imported.", n_added), n_added);
  if (n_present > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u was already in the workspace.",
                                                 "%u were already in the workspace.", n_present),
                              n_present);
    }
  if (gx_importer_get_n_replaced (self->importer) > 0)
    {
      guint n_replaced = gx_importer_get_n_replaced (self->importer);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u report was replaced by its new version.",
                                                 "%u reports were replaced by their new versions.",
                                                 n_replaced),
                              n_replaced);
    }
  if (n_failed > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u file could not be imported.",
                                                 "%u files could not be imported.", n_failed),
                              n_failed);
    }
  if (cancelled)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("The import was cancelled; the reports imported before stay in the workspace."));
    }

  gtk_label_set_text (self->result_label, text->str);
  gtk_image_set_from_icon_name (self->result_icon,
                                n_failed > 0 ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  details = g_strjoinv ("\n", (char **) failures);
  gtk_label_set_text (self->failures_label, details);
  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), n_failed > 0);
  gtk_expander_set_expanded (self->failures_expander, n_failed > 0 && n_failed <= 5);
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
}

/* Another process's changes --------------------------------------------------- */

/* How often the window asks SQLite whether another connection committed:
 * PRAGMA data_version costs microseconds.  A PostgreSQL workspace is told
 * (gx_workspace_is_watching()) and follows by itself: the window only
 * hears of it (changed_elsewhere_cb()). */
#define WATCH_INTERVAL_MS 500

/* The workspace's list reads the workspace again and says what changed
 * (the list view follows it, and refresh_shown() the report shown). */
void
gx_window_sync_workspace (GxWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!gx_workspace_reload (self->store, &error))
    {
      /* busy or gone for a moment: the next tick tries again */
      g_debug ("workspace not listed: %s", error->message);
      self->data_version = -1;
      return;
    }
  gx_window_load_aliases (self);
  update_page (self);
}

void
gx_window_check_workspace (GxWindow *self)
{
  gint64 version;

  g_return_if_fail (GX_IS_WINDOW (self));

  /* while our own import lists its rows, they are not someone else's:
   * looked at once it is done (finish_import) */
  if (self->store == NULL || gx_window_get_importing (self) ||
      self->rows_idle != 0 || self->finish_pending || gx_workspace_is_watching (self->store))
    return;
  version = gx_workspace_get_data_version (self->store);
  if (version < 0 || version == self->data_version)
    return;
  self->data_version = version;
  gx_window_sync_workspace (self);
}

/* The workspace followed another client's commit itself (PostgreSQL): the
 * list has what changed; the merged spellings and the page are read again,
 * as gx_window_sync_workspace() does. */
static void
changed_elsewhere_cb (GxWindow *self)
{
  gx_window_load_aliases (self);
  update_page (self);
}

static gboolean
watch_cb (gpointer data)
{
  gx_window_check_workspace (GX_WINDOW (data));
  return G_SOURCE_CONTINUE;
}

static void
is_active_cb (GxWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    gx_window_check_workspace (self);
}

/* The year selector -------------------------------------------------------------- */

/* The years the reports have, latest first, after "All Years"; the year
 * chosen stays chosen while reports of it are listed. */
static gboolean
update_years_cb (gpointer data)
{
  GxWindow *self = data;
  g_autoptr(GArray) years = gx_report_list_dup_years (self->report_list);
  g_autoptr(GtkStringList) model = NULL;
  int year = gx_report_list_get_year (self->report_list);
  guint selected = 0;

  self->years_idle = 0;
  /* (an empty array's data may be NULL, which memcmp must not see) */
  if (self->years != NULL && self->years->len == years->len &&
      (years->len == 0 || memcmp (self->years->data, years->data, years->len * sizeof (int)) == 0))
    return G_SOURCE_REMOVE;

  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, _("All Years"));
  for (guint i = 0; i < years->len; i++)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%d", g_array_index (years, int, i));
      gtk_string_list_append (model, text);
      if (g_array_index (years, int, i) == year)
        selected = i + 1;
    }
  g_clear_pointer (&self->years, g_array_unref);
  self->years = g_steal_pointer (&years);

  self->setting_years = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->year_dropdown, selected);
  self->setting_years = FALSE;
  /* a year no report has any more: all years again */
  if (selected == 0 && year != 0)
    gx_report_list_set_year (self->report_list, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->year_dropdown), self->years->len > 0);
  update_page (self);
  return G_SOURCE_REMOVE;
}

/* Whether the report shown is still what its row says: a report gone is
 * closed quietly, one changed (saved, re-checked after a neighbour's
 * change or another process's) is read again. */
static void
refresh_shown (GxWindow *self)
{
  GxReport *shown = gx_report_detail_get_report (self->report_detail);
  GxReport *summary;
  guint n_cells = GX_REPORT_N_SUMMARY_CELLS;
  gboolean same;

  if (shown == NULL || gx_report_get_id (shown) <= 0 || self->store == NULL)
    return;
  summary = gx_workspace_find_summary (self->store, gx_report_get_id (shown), NULL);
  if (summary == NULL)
    {
      gx_report_detail_set_report (self->report_detail, NULL);
      gx_window_update_actions (self);
      return;
    }
  same = gx_report_get_year (shown) == gx_report_get_year (summary) &&
         g_strcmp0 (gx_report_get_issuer (shown), gx_report_get_issuer (summary)) == 0 &&
         gx_report_get_n_errors (shown) == gx_report_get_n_errors (summary) &&
         gx_report_get_n_warnings (shown) == gx_report_get_n_warnings (summary) &&
         gx_report_get_n_notes (shown) == gx_report_get_n_notes (summary);
  for (guint k = 0; same && k < n_cells; k++)
    {
      guint cell = gx_report_summary_cell (k);

      same = gx_report_get_value (shown, cell) == gx_report_get_value (summary, cell);
    }
  if (!same)
    gx_window_show_selected (self);
}

static void
reports_changed_cb (GxWindow *self)
{
  refresh_shown (self);
  if (self->years_idle == 0)
    /* once for a burst of changes (an import adds rows a slice at a time) */
    self->years_idle = g_timeout_add (100, update_years_cb, self);
}

static void
year_selected_cb (GxWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  int year = 0;

  if (self->setting_years)
    return;
  if (self->years != NULL && selected != GTK_INVALID_LIST_POSITION &&
      selected > 0 && selected <= self->years->len)
    year = g_array_index (self->years, int, selected - 1);
  gx_report_list_set_year (self->report_list, year);
  update_page (self);
}

/* The merged spellings of issuers, which the search matches too */
void
gx_window_load_aliases (GxWindow *self)
{
  g_autoptr(GHashTable) aliases = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  aliases = gx_workspace_load_aliases (self->store, &error);
  if (aliases == NULL)
    g_debug ("issuer merges not read: %s", error->message);
  gx_report_list_set_aliases (self->report_list, aliases);
}

/* The dividers ----------------------------------------------------------------- */

/* Where the list and the findings end, as the user left them; a position
 * of 0 or less (never saved) keeps the one of the .ui file. */
static void
restore_layout (GxWindow *self)
{
  int list = g_settings_get_int (self->settings, "list-position");
  int findings = g_settings_get_int (self->settings, "findings-position");

  if (list > 0)
    gtk_paned_set_position (self->reports_paned, list);
  if (findings > 0)
    gtk_paned_set_position (gx_report_detail_get_paned (self->report_detail), findings);
}

void
gx_window_save_layout (GxWindow *self)
{
  GtkPaned *findings = gx_report_detail_get_paned (self->report_detail);

  g_return_if_fail (GX_IS_WINDOW (self));

  /* a divider never shown has no position of the user's */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->reports_paned)))
    g_settings_set_int (self->settings, "list-position",
                        gtk_paned_get_position (self->reports_paned));
  if (gtk_widget_get_mapped (GTK_WIDGET (findings)))
    g_settings_set_int (self->settings, "findings-position", gtk_paned_get_position (findings));
}

/* Callbacks ------------------------------------------------------------------ */

static void
importer_progress_cb (GxWindow   *self,
                      guint       done,
                      guint       total,
                      const char *current,
                      GxImporter *importer)
{
  g_autofree char *text = NULL;

  if (!gx_importer_get_running (importer))
    return;

  if (total == 0)
    {
      gtk_label_set_text (self->progress_label, _("Looking for report files…"));
      return;
    }

  stop_pulse (self);
  if (current != NULL)
    /* Translators: "Importing 3 of 1000: haidian-2022.txt" */
    text = g_strdup_printf (_("Importing %u of %u: %s"), done + 1, total, current);
  else
    text = g_strdup_printf (_("Importing %u of %u"), done, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
}

#define ROWS_PER_SLICE 16

static void finish_import (GxWindow *self);

static gboolean
add_pending_rows_cb (gpointer data)
{
  GxWindow *self = data;
  guint n = MIN (self->pending_rows->len, ROWS_PER_SLICE);
  g_autoptr(GPtrArray) slice = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (slice, g_ptr_array_steal_index (self->pending_rows, 0));
  /* the list's rows are summaries, the workspace's own */
  gx_workspace_add_reports (self->store, slice);
  update_page (self);

  if (self->pending_rows->len > 0)
    return G_SOURCE_CONTINUE;
  self->rows_idle = 0;
  if (self->finish_pending)
    finish_import (self);
  return G_SOURCE_REMOVE;
}

static void
importer_reports_added_cb (GxWindow   *self,
                           GPtrArray  *reports,
                           GxImporter *importer)
{
  /* a committed batch reaches the list a slice per main-loop iteration:
   * adding rows costs the list models and the column view about 1 ms a
   * row in 4.8, and the window must stay responsive during an import */
  g_ptr_array_extend (self->pending_rows, reports, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  if (self->rows_idle == 0)
    self->rows_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, add_pending_rows_cb, self, NULL);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cancelled = FALSE;

  if (!gx_importer_import_finish (GX_IMPORTER (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cancelled = TRUE;
      else
        gx_window_show_error (self, _("The reports could not be imported"), error->message);
    }

  /* a window closed meanwhile has nothing to show */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->importer != GX_IMPORTER (object))
    return;

  stop_pulse (self);
  g_clear_object (&self->import_cancellable);
  self->finish_cancelled = cancelled;
  self->finish_pending = TRUE;
  /* Listing what is still pending at once would stall the window (about
   * 1 ms a row in GTK 4.8): the rows keep going in a slice per main-loop
   * iteration, and the import ends after the last one. */
  if (self->rows_idle == 0)
    finish_import (self);
}

static void
replace_confirmed_cb (GtkWindow *parent,
                      gpointer   data)
{
  gx_window_replace_conflicts (GX_WINDOW (parent));
}

/* A file held a new version of a report the workspace has (same issuer
 * and year, other figures): offers to replace it rather than only saying
 * it was refused. */
static void
offer_replace (GxWindow *self)
{
  GPtrArray *conflicts = gx_importer_get_conflicts (self->importer);
  g_autofree char *message = NULL;

  if (conflicts->len == 0 || self->import_queue->len > 0)
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u file holds a new version of a report the workspace has. Replace the report by it?",
                                          "%u files hold new versions of reports the workspace has. Replace the reports by them?",
                                          conflicts->len),
                             conflicts->len);
  gx_dialogs_confirm (GTK_WINDOW (self), message,
                      _("The reports of the same issuer and year with other figures are replaced; their review decisions stay."),
                      _("_Replace"), replace_confirmed_cb, NULL, NULL);
}

void
gx_window_replace_conflicts (GxWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;

  g_return_if_fail (GX_IS_WINDOW (self));
  if (self->importer == NULL || gx_window_get_importing (self))
    return;
  files = g_ptr_array_copy (gx_importer_get_conflicts (self->importer),
                            (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (files, g_object_unref);
  if (files->len == 0)
    return;
  gx_importer_set_replace (self->importer, TRUE);
  gx_window_import_files (self, (GFile **) files->pdata, files->len);
}

static void
finish_import (GxWindow *self)
{
  self->finish_pending = FALSE;
  set_progress_visible (self, FALSE);
  show_import_result (self, self->finish_cancelled);
  update_page (self);
  /* only the import asked for replaces */
  gx_importer_set_replace (self->importer, FALSE);

  if (self->finish_cancelled)
    g_ptr_array_set_size (self->import_queue, 0);
  /* what others changed meanwhile (our own rows are there already; those
   * replaced are brought up to date here) */
  gx_workspace_hold_watch (self->store, FALSE);
  gx_window_check_workspace (self);
  if (!self->finish_cancelled)
    offer_replace (self);
  start_next_import (self);
}

static void
start_next_import (GxWindow *self)
{
  g_autoptr(GPtrArray) files = NULL;

  if (self->importer == NULL || gx_importer_get_running (self->importer) ||
      self->import_queue->len == 0)
    return;

  files = g_steal_pointer (&self->import_queue);
  self->import_queue = g_ptr_array_new_with_free_func (g_object_unref);

  self->import_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->progress_label, _("Looking for report files…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);
  gtk_revealer_set_reveal_child (self->result_revealer, FALSE);
  set_progress_visible (self, TRUE);
  /* the import's own commits reach the list a slice at a time, not by the
   * workspace reading all of it again after each batch */
  gx_workspace_hold_watch (self->store, TRUE);

  gx_importer_import_async (self->importer, (GFile **) files->pdata, files->len,
                            self->import_cancellable, import_done_cb, g_object_ref (self));
  gx_window_update_actions (self);
}

void
gx_window_show_selected (GxWindow *self)
{
  GxReport *item = gx_report_list_get_selected (self->report_list);
  g_autoptr(GxReport) report = NULL;

  if (item == NULL)
    {
      gx_report_detail_set_report (self->report_detail, NULL);
      gx_window_update_actions (self);
      return;
    }

  if (self->store != NULL && gx_report_get_id (item) > 0)
    {
      g_autoptr(GError) error = NULL;

      /* the list holds summaries (whose findings array is empty, not
       * NULL): load the whole report to show it; the workspace checks it
       * (rules, prose, across reports) and sets the stored review
       * decisions on its findings */
      report = gx_workspace_load_report (self->store, gx_report_get_id (item), &error);
      if (report == NULL && g_error_matches (error, GX_BACKEND_ERROR, GX_BACKEND_ERROR_NOT_FOUND))
        {
          /* removed by another process: the list catches up, quietly */
          gx_report_detail_set_report (self->report_detail, NULL);
          self->data_version = -1;
          if (gx_workspace_is_watching (self->store))
            gx_window_sync_workspace (self);
          else
            gx_window_check_workspace (self);
          gx_window_update_actions (self);
          return;
        }
      if (report == NULL)
        {
          gx_window_show_error (self, _("The report could not be loaded"), error->message);
          return;
        }
    }
  else
    report = g_object_ref (item);

  gx_report_detail_set_store (self->report_detail, self->store);
  gx_report_detail_set_report (self->report_detail, report);
  gx_window_update_actions (self);
}

static void
selected_report_changed_cb (GxWindow *self)
{
  gx_window_show_selected (self);
}

static void
search_changed_cb (GxWindow *self)
{
  gx_report_list_set_search (self->report_list,
                             gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (GxWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* GObject / GtkWidget ------------------------------------------------------------ */

static gboolean
gx_window_close_request (GtkWindow *window)
{
  GxWindow *self = GX_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  gx_window_save_layout (self);

  /* the worker stops between two files; its batch is rolled back */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);

  return GTK_WINDOW_CLASS (gx_window_parent_class)->close_request (window);
}

static void
gx_window_dispose (GObject *object)
{
  GxWindow *self = GX_WINDOW (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  stop_pulse (self);
  g_clear_handle_id (&self->rows_idle, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_handle_id (&self->years_idle, g_source_remove);
  g_clear_pointer (&self->years, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_WINDOW);

  if (self->importer != NULL)
    g_signal_handlers_disconnect_by_data (self->importer, self);
  g_clear_object (&self->importer);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->import_queue, g_ptr_array_unref);
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  g_clear_pointer (&self->editors, g_hash_table_unref);

  G_OBJECT_CLASS (gx_window_parent_class)->dispose (object);
}

static void
gx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GxWindow *self = GX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ONLY_PROBLEMS:
      g_value_set_boolean (value, self->only_problems);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GxWindow *self = GX_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ONLY_PROBLEMS:
      gx_window_set_only_problems (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_window_class_init (GxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gx_window_dispose;
  object_class->get_property = gx_window_get_property;
  object_class->set_property = gx_window_set_property;
  window_class->close_request = gx_window_close_request;

  properties[PROP_ONLY_PROBLEMS] =
    g_param_spec_boolean ("only-problems", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_REPORT_LIST);
  g_type_ensure (GX_TYPE_REPORT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/GxReports/gx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, failures_expander);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, failures_label);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, reports_paned);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, report_list);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, report_detail);
  gtk_widget_class_bind_template_callback (widget_class, selected_report_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);

  gx_window_class_add_actions (widget_class);
  gx_window_class_add_editing_actions (widget_class);
  gx_window_class_add_compare_actions (widget_class);
  gx_window_class_add_open_actions (widget_class);
}

static void
gx_window_init (GxWindow *self)
{
  int width = 0, height = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->import_queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APPLICATION_ID);

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  restore_layout (self);

  /* typing anywhere in the window starts a search */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  gx_window_setup_dnd (self);
  gx_window_init_editing (self);
  gx_window_init_compare (self);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_cb), NULL);
  g_signal_connect_object (self->report_list, "reports-changed",
                           G_CALLBACK (reports_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->report_list, "notify::n-visible",
                           G_CALLBACK (update_page), self, G_CONNECT_SWAPPED);
  update_years_cb (self);
  update_page (self);
}

/* Internal API ---------------------------------------------------------------- */

void
gx_window_show_error (GxWindow   *self,
                      const char *primary,
                      const char *secondary)
{
  gx_dialogs_alert (GTK_WINDOW (self), GX_DIALOGS_ERROR, primary, secondary);
}

void
gx_window_show_notice (GxWindow   *self,
                       const char *text)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  gtk_label_set_text (self->result_label, text);
  gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), FALSE);
  gtk_revealer_set_reveal_child (self->result_revealer, TRUE);
}

/* The reports an action is about: the selected one, or else all shown. */
GArray *
gx_window_dup_target_ids (GxWindow *self)
{
  GxReport *selected = gx_report_list_get_selected (self->report_list);
  GArray *ids;
  gint64 id;

  if (selected == NULL)
    return gx_window_dup_visible_ids (self);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  id = gx_report_get_id (selected);
  g_array_append_val (ids, id);
  return ids;
}

GArray *
gx_window_dup_visible_ids (GxWindow *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *visible = gx_report_list_get_visible (self->report_list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);
      gint64 id = gx_report_get_id (report);

      g_array_append_val (ids, id);
    }
  return ids;
}

GArray *
gx_window_dup_visible_years (GxWindow *self)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  GListModel *visible = gx_report_list_get_visible (self->report_list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);
      int year = gx_report_get_year (report);
      guint k = 0;

      /* latest first, each once */
      while (k < years->len && g_array_index (years, int, k) > year)
        k++;
      if (k == years->len || g_array_index (years, int, k) != year)
        g_array_insert_val (years, k, year);
    }
  return years;
}

GArray *
gx_window_dup_rollup_ids (GxWindow *self,
                          int       year)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *visible = gx_report_list_get_visible (self->report_list);

  for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
    {
      g_autoptr(GxReport) report = g_list_model_get_item (visible, i);
      gint64 id = gx_report_get_id (report);

      if (gx_report_get_year (report) == year)
        g_array_append_val (ids, id);
    }
  return ids;
}

/* Public API ------------------------------------------------------------------ */

GxWindow *
gx_window_new (GxApplication *application)
{
  return g_object_new (GX_TYPE_WINDOW, "application", application, NULL);
}

gboolean
gx_window_open_workspace (GxWindow    *self,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GxWorkspace) store = NULL;

  g_return_val_if_fail (GX_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (gx_window_get_importing (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                           _("Wait for the import to finish, or cancel it, before opening another workspace."));
      return FALSE;
    }

  store = gx_workspace_open (path, FALSE, error);
  if (store == NULL)
    return FALSE;
  /* the list, read once here: the view sits on it from now on */
  if (!gx_workspace_reload (store, error))
    return FALSE;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, changed_elsewhere_cb, self);
  g_set_object (&self->store, store);
  g_signal_connect_object (store, "changed-elsewhere",
                           G_CALLBACK (changed_elsewhere_cb), self, G_CONNECT_SWAPPED);
  self->data_version = gx_workspace_get_data_version (store);
  if (self->watch_id == 0)
    self->watch_id = g_timeout_add (WATCH_INTERVAL_MS, watch_cb, self);

  if (self->importer != NULL)
    g_signal_handlers_disconnect_by_data (self->importer, self);
  g_clear_object (&self->importer);
  self->importer = gx_importer_new (gx_workspace_get_location (store));
  g_signal_connect_object (self->importer, "progress",
                           G_CALLBACK (importer_progress_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->importer, "reports-added",
                           G_CALLBACK (importer_reports_added_cb), self, G_CONNECT_SWAPPED);

  g_clear_handle_id (&self->rows_idle, g_source_remove);
  g_ptr_array_set_size (self->pending_rows, 0);
  gx_report_detail_set_report (self->report_detail, NULL);
  gx_report_list_set_model (self->report_list, G_LIST_MODEL (store));
  gx_window_load_aliases (self);
  gtk_revealer_set_reveal_child (self->result_revealer, FALSE);
  update_page (self);
  gx_recent_add_workspace (self->settings, gx_workspace_get_location (store));
  start_next_import (self);
  return TRUE;
}

GxWorkspace *
gx_window_get_store (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);
  return self->store;
}

void
gx_window_import_files (GxWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->import_queue, g_object_ref (files[i]));
  /* without a workspace yet, the queue waits for gx_window_open_workspace() */
  start_next_import (self);
}

void
gx_window_cancel_import (GxWindow *self)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  g_ptr_array_set_size (self->import_queue, 0);
  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling…"));
    }
}

gboolean
gx_window_get_importing (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), FALSE);
  return (self->importer != NULL && gx_importer_get_running (self->importer)) ||
         self->finish_pending;
}

GxImporter *
gx_window_get_importer (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);
  return self->importer;
}

GxReportList *
gx_window_get_report_list (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);
  return self->report_list;
}

void
gx_window_set_year (GxWindow *self,
                    int       year)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  update_years_cb (self);
  g_clear_handle_id (&self->years_idle, g_source_remove);
  for (guint i = 0; self->years != NULL && i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      {
        gtk_drop_down_set_selected (self->year_dropdown, i + 1);
        return;
      }
  gtk_drop_down_set_selected (self->year_dropdown, 0);
}

GxReportDetail *
gx_window_get_report_detail (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);
  return self->report_detail;
}

const char *
gx_window_get_page (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

char *
gx_window_dup_failures_text (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);

  if (self->importer == NULL)
    return g_strdup ("");
  return g_strjoinv ("\n", (char **) gx_importer_get_failures (self->importer));
}

void
gx_window_set_search (GxWindow   *self,
                      const char *text)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, text != NULL && *text != '\0');
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  /* search-changed is delayed for typing; apply at once */
  gx_report_list_set_search (self->report_list, text);
}

void
gx_window_set_only_problems (GxWindow *self,
                             gboolean  only_problems)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  only_problems = !!only_problems;
  if (self->only_problems == only_problems)
    return;
  self->only_problems = only_problems;
  gx_report_list_set_only_problems (self->report_list, only_problems);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLY_PROBLEMS]);
}
