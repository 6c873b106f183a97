/* gx-window-actions.c: the actions of the main window and their shortcuts */
#include "gx-config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gx-csv.h"
#include "gx-dialogs.h"
#include "gx-docx-writer.h"
#include "gx-json.h"
#include "gx-xlsx-writer.h"
#include "gx-print-ui.h"
#include "gx-window-private.h"

typedef enum {
  EXPORT_JSON,
  EXPORT_CSV,
  EXPORT_DOCX,   /* the selected report as a Word document */
  EXPORT_XLSX,   /* the reports the list shows as an Excel workbook */
} ExportFormat;

typedef struct {
  char *workspace_path;
  GFile *file;
  ExportFormat format;
  GArray *ids;   /* EXPORT_DOCX, EXPORT_XLSX: the reports */
  guint n_written;
} ExportJob;

static ExportFormat
export_format (GxWindowExport format)
{
  switch (format)
    {
    case GX_WINDOW_EXPORT_DOCX:
      return EXPORT_DOCX;
    case GX_WINDOW_EXPORT_JSON:
      return EXPORT_JSON;
    case GX_WINDOW_EXPORT_CSV:
      return EXPORT_CSV;
    case GX_WINDOW_EXPORT_XLSX:
    default:
      return EXPORT_XLSX;
    }
}

static void
export_job_free (ExportJob *job)
{
  g_free (job->workspace_path);
  g_object_unref (job->file);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

/* Choosers ------------------------------------------------------------------ */

static void
remember_folder (GxWindow *self,
                 GFile    *file,
                 gboolean  is_folder)
{
  g_autoptr(GFile) parent = is_folder ? g_object_ref (file) : g_file_get_parent (file);
  g_autofree char *path = parent ? g_file_get_path (parent) : NULL;

  if (path != NULL)
    g_settings_set_string (self->settings, "last-import-folder", path);
}

static void
import_chosen (GxWindow   *self,
               GListModel *files,
               gboolean    folders)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (array, g_list_model_get_item (files, i));
  if (array->len > 0)
    remember_folder (self, g_ptr_array_index (array, 0), folders);
  gx_window_import_files (self, (GFile **) array->pdata, array->len);
}

static void
import_files_chosen_cb (GtkWindow  *parent,
                        GListModel *files,
                        gpointer    user_data)
{
  import_chosen (GX_WINDOW (parent), files, FALSE);
}

static void
import_folders_chosen_cb (GtkWindow  *parent,
                          GListModel *files,
                          gpointer    user_data)
{
  import_chosen (GX_WINDOW (parent), files, TRUE);
}

static void
run_import_chooser (GxWindow *self,
                    gboolean  folders)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-import-folder");
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GListStore) filters = NULL;

  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    folder = g_file_new_for_path (last);
  if (!folders)
    {
      g_autoptr(GtkFileFilter) reports = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (reports, _("Report files"));
      /* what gx-reader.c reads (it picks the reader by content) */
      gtk_file_filter_add_mime_type (reports, "text/plain");
      gtk_file_filter_add_mime_type (reports, "text/html");
      gtk_file_filter_add_mime_type (reports, "application/pdf");
      gtk_file_filter_add_mime_type (reports, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      gtk_file_filter_add_mime_type (reports, "application/msword");
      gtk_file_filter_add_mime_type (reports, "application/json");
      for (const char *const *suffix = (const char *const[]) { "txt", "csv", "md", "html", "htm", "pdf", "docx", "doc", "json", NULL };
           *suffix != NULL; suffix++)
        gtk_file_filter_add_suffix (reports, *suffix);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
      g_list_store_append (filters, reports);
      g_list_store_append (filters, all);
    }
  if (folders)
    gx_dialogs_open_multiple (GTK_WINDOW (self), _("Import Folders of Reports"), _("_Import"), TRUE,
                              folder, NULL, import_folders_chosen_cb, NULL);
  else
    gx_dialogs_open_multiple (GTK_WINDOW (self), _("Import Reports"), _("_Import"), FALSE,
                              folder, G_LIST_MODEL (filters), import_files_chosen_cb, NULL);
}

/* Exports --------------------------------------------------------------------- */

/* EXPORT_DOCX and EXPORT_XLSX, on the worker thread: the reports are loaded
 * whole and checked as the workspace checks them (findings across reports,
 * review decisions), then written. */
static gboolean
export_publish (GxWorkspace    *store,
                ExportJob  *job,
                GError    **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;

  for (guint i = 0; i < job->ids->len; i++)
    {
      GxReport *report = gx_workspace_load_report (store, g_array_index (job->ids, gint64, i), error);

      if (report == NULL)
        return FALSE;
      g_ptr_array_add (reports, report);
    }

  if (job->format == EXPORT_DOCX)
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize size;
      const char *data;

      if (reports->len != 1)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Select the report to export as a Word document."));
          return FALSE;
        }
      bytes = gx_docx_write_report (g_ptr_array_index (reports, 0), error);
      if (bytes == NULL)
        return FALSE;
      job->n_written = 1;
      data = g_bytes_get_data (bytes, &size);
      return g_file_replace_contents (job->file, data, size, NULL, FALSE,
                                      G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
    }

  /* libxlsxwriter writes to a path */
  path = g_file_get_path (job->file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("An Excel workbook can only be written to a local file."));
      return FALSE;
    }
  job->n_written = reports->len;
  return gx_xlsx_write_reports (reports, path, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GxWorkspace) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* its own connection: one thread owns a connection */
  store = gx_workspace_open (job->workspace_path, FALSE, &error);
  if (store != NULL && (job->format == EXPORT_DOCX || job->format == EXPORT_XLSX))
    {
      if (export_publish (store, job, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (store != NULL)
    reports = gx_workspace_load_all (store, &error);
  if (reports == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->n_written = reports->len;
  if (job->format == EXPORT_JSON)
    {
      data = gx_json_write_reports (reports, TRUE);
      length = strlen (data);
    }
  else
    /* the CLI's CSV (UTF-8 with BOM for Excel/WPS), with the headers in
     * the language of the interface */
    data = gx_csv_write_reports (reports, gx_schema_prefers_chinese () ? GX_CSV_HEADER_CHINESE
                                                                       : GX_CSV_HEADER_KEYS,
                                 &length);

  if (!g_file_replace_contents (job->file, data, length, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Says what was written, and where */
static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GxWindow *self = GX_WINDOW (object);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gx_window_show_error (self, _("The workspace could not be exported"), error->message);
      return;
    }
  where = g_file_get_parse_name (job->file);
  /* Translators: after an export: "5 reports exported to /home/li/文档/workspace.csv" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u report exported to %s",
                                       "%u reports exported to %s", job->n_written),
                          job->n_written, where);
  gx_window_show_notice (self, text);
}

/* The reports Export as Word… and Export as Excel… write: the selected
 * report (or the one report shown); every report the list shows. */
static GArray *
publish_ids (GxWindow     *self,
             ExportFormat  format)
{
  if (format == EXPORT_DOCX)
    {
      GxReport *selected = gx_report_list_get_selected (self->report_list);
      GArray *ids;
      gint64 id;

      if (selected == NULL)
        return gx_window_dup_visible_ids (self);   /* exported only if it is one */
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      id = gx_report_get_id (selected);
      g_array_append_val (ids, id);
      return ids;
    }
  return gx_window_dup_visible_ids (self);
}

static void
start_export (GxWindow            *self,
              ExportFormat         format,
              GFile               *file,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  g_task_set_source_tag (task, start_export);
  job->workspace_path = g_strdup (gx_workspace_get_location (self->store));
  job->file = g_object_ref (file);
  job->format = format;
  if (format == EXPORT_DOCX || format == EXPORT_XLSX)
    job->ids = publish_ids (self, format);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

void
gx_window_export (GxWindow            *self,
                  GxWindowExport       format,
                  GFile               *file,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_if_fail (GX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->store != NULL);

  start_export (self, export_format (format), file, callback, user_data);
}

void
gx_window_export_to_file (GxWindow       *self,
                          GxWindowExport  format,
                          GFile          *file)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (GX_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL)
    return;
  parent = g_file_get_parent (file);
  folder = parent ? g_file_get_path (parent) : NULL;
  if (folder != NULL)
    g_settings_set_string (self->settings, "last-export-folder", folder);
  start_export (self, export_format (format), file, export_done_cb, NULL);
}

GFile *
gx_window_dup_export_folder (GxWindow *self)
{
  g_autofree char *last = NULL;
  const char *documents;

  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);

  last = g_settings_get_string (self->settings, "last-export-folder");
  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (last);
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/* A name for a file: what a file system refuses (/ \\ : * ? " < > |)
 * becomes _ */
static char *
file_name_part (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("/\\:*?\"<>|", (int) c) != NULL && c < 0x80)
        g_string_append_c (s, '_');
      else if (!g_unichar_iscntrl (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

char *
gx_window_dup_export_name (GxWindow       *self,
                           GxWindowExport  format)
{
  static const char *const suffixes[] = {
    [GX_WINDOW_EXPORT_DOCX] = ".docx", [GX_WINDOW_EXPORT_XLSX] = ".xlsx",
    [GX_WINDOW_EXPORT_JSON] = ".json", [GX_WINDOW_EXPORT_CSV] = ".csv",
  };
  g_autofree char *base = NULL;
  g_autofree char *stem = NULL;
  int year;

  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (suffixes), NULL);

  if (format == GX_WINDOW_EXPORT_DOCX)
    {
      g_autoptr(GArray) ids = publish_ids (self, EXPORT_DOCX);
      g_autoptr(GxReport) report = NULL;

      if (ids->len == 1 && self->store != NULL)
        report = gx_workspace_load_report (self->store, g_array_index (ids, gint64, 0), NULL);
      if (report != NULL)
        {
          g_autofree char *title = gx_docx_title (report);

          stem = file_name_part (title);
        }
    }
  if (stem == NULL)
    {
      /* the workspace's name, and the year when one is chosen (the Excel
       * workbook holds the reports shown) */
      base = self->store ? g_path_get_basename (gx_workspace_get_location (self->store)) : g_strdup ("reports");
      if (g_str_has_suffix (base, ".db"))
        base[strlen (base) - 3] = '\0';
      year = gx_report_list_get_year (self->report_list);
      if (format == GX_WINDOW_EXPORT_XLSX && year != 0)
        stem = g_strdup_printf ("%s-%d", base, year);
      else
        stem = g_strdup (base);
    }
  return g_strconcat (stem, suffixes[format], NULL);
}

gboolean
gx_window_export_finish (GxWindow      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_chosen_cb (GtkWindow *parent,
                  GFile     *file,
                  gpointer   user_data)
{
  GxWindow *self = GX_WINDOW (parent);

  if (self->store != NULL)
    gx_window_export_to_file (self, GPOINTER_TO_INT (user_data), file);
}

static void
run_export_chooser (GxWindow       *self,
                    GxWindowExport  format)
{
  const char *title;
  g_autofree char *name = NULL;
  g_autoptr(GFile) folder = NULL;

  switch (format)
    {
    case GX_WINDOW_EXPORT_JSON:
      title = _("Export as JSON");
      break;
    case GX_WINDOW_EXPORT_CSV:
      title = _("Export as CSV");
      break;
    case GX_WINDOW_EXPORT_DOCX:
      {
        g_autoptr(GArray) ids = publish_ids (self, EXPORT_DOCX);

        /* the action is off then; a shortcut may still come */
        if (ids->len != 1)
          {
            gx_window_show_error (self, _("The report could not be exported"),
                                  _("Select the report to export as a Word document."));
            return;
          }
        title = _("Export as Word Document");
      }
      break;
    case GX_WINDOW_EXPORT_XLSX:
    default:
      title = _("Export as Excel Workbook");
      break;
    }
  name = gx_window_dup_export_name (self, format);
  folder = gx_window_dup_export_folder (self);
  gx_dialogs_save_file (GTK_WINDOW (self), title, _("_Export"), folder, name,
                        export_chosen_cb, GINT_TO_POINTER (format));
}

/* Actions ----------------------------------------------------------------------- */

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run_import_chooser (GX_WINDOW (widget), FALSE);
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  run_import_chooser (GX_WINDOW (widget), TRUE);
}

static void
export_json_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_export_chooser (GX_WINDOW (widget), GX_WINDOW_EXPORT_JSON);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  run_export_chooser (GX_WINDOW (widget), GX_WINDOW_EXPORT_CSV);
}

static void
export_docx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_export_chooser (GX_WINDOW (widget), GX_WINDOW_EXPORT_DOCX);
}

static void
export_xlsx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_export_chooser (GX_WINDOW (widget), GX_WINDOW_EXPORT_XLSX);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  g_autoptr(GArray) ids = gx_window_dup_target_ids (self);

  if (self->store == NULL || ids->len == 0)
    return;
  gx_print_ui_run (GTK_WINDOW (self), self->store, (const gint64 *) (gpointer) ids->data,
                   ids->len, FALSE);
}

/* One sheet of the sums of the reports the list shows of @year (e.g. all
 * units of one district, narrowed with the search). */
static void
print_rollup_year (GxWindow *self,
                   int       year)
{
  g_autoptr(GArray) ids = gx_window_dup_rollup_ids (self, year);

  if (self->store == NULL || ids->len == 0)
    return;
  gx_print_ui_run (GTK_WINDOW (self), self->store, (const gint64 *) (gpointer) ids->data,
                   ids->len, TRUE);
}

static void
rollup_year_chosen_cb (GtkButton *button,
                       GtkWindow *chooser)
{
  GxWindow *self = GX_WINDOW (gtk_window_get_transient_for (chooser));
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (chooser), "years");
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  int year = item ? atoi (gtk_string_object_get_string (item)) : 0;

  gtk_window_destroy (chooser);
  if (year > 0)
    print_rollup_year (self, year);
}

/* A roll-up adds up one year: with reports of several years shown, asks
 * which (the latest offered), never adding years together. */
static void
ask_rollup_year (GxWindow *self,
                 GArray   *years)
{
  GtkWidget *chooser = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label, *cancel, *print;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < years->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", g_array_index (years, int, i));

      gtk_string_list_append (model, text);
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  gtk_widget_set_name (chooser, "gx-rollup-year");
  gtk_window_set_title (GTK_WINDOW (chooser), _("Print Roll-up"));
  gtk_window_set_modal (GTK_WINDOW (chooser), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (chooser), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (chooser), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (chooser), FALSE);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  label = gtk_label_new (_("The reports shown are of several years, and a roll-up adds up one year. Which year?"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  print = gtk_button_new_with_mnemonic (_("_Print…"));
  gtk_widget_set_name (print, "gx-rollup-print");
  gtk_widget_add_css_class (print, "suggested-action");
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (buttons), cancel);
  gtk_box_append (GTK_BOX (buttons), print);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_window_set_child (GTK_WINDOW (chooser), box);
  g_object_set_data (G_OBJECT (chooser), "years", dropdown);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), chooser);
  g_signal_connect (print, "clicked", G_CALLBACK (rollup_year_chosen_cb), chooser);
  gtk_window_set_default_widget (GTK_WINDOW (chooser), print);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
print_rollup_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  g_autoptr(GArray) years = gx_window_dup_visible_years (self);

  if (self->store == NULL || years->len == 0)
    return;
  if (years->len == 1)
    print_rollup_year (self, g_array_index (years, int, 0));
  else
    ask_rollup_year (self, years);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gx_window_cancel_import (GX_WINDOW (widget));
}

static void
dismiss_result_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (GX_WINDOW (widget)->result_revealer, FALSE);
}

/* Removing a report ---------------------------------------------------------- */

static void
remove_confirmed_cb (GtkWindow *parent,
                     gpointer   data)
{
  GxWindow *self = GX_WINDOW (parent);
  gint64 id = *(gint64 *) data;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!gx_workspace_remove_report (self->store, id, &error))
    {
      gx_window_show_error (self, _("The report could not be removed"), error->message);
      return;
    }
  /* the list has lost its row already (the workspace's model) */
  gx_window_update_actions (self);
}

/* Removes the selected report from the workspace, once the user confirmed
 * it (its review decisions stay: they come back with the report). */
static void
remove_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  GxReport *selected = gx_report_list_get_selected (self->report_list);
  g_autofree char *message = NULL;
  gint64 *id;

  if (selected == NULL || gx_report_get_id (selected) <= 0 || gx_window_get_importing (self))
    return;
  id = g_new (gint64, 1);
  *id = gx_report_get_id (selected);
  /* TRANSLATORS: "Remove the report of 北京市海淀区人民政府 for 2022?" */
  message = g_strdup_printf (_("Remove the report of %s for %d?"),
                             gx_report_get_issuer (selected) ?: _("an unknown issuer"),
                             gx_report_get_year (selected));
  gx_dialogs_confirm (GTK_WINDOW (self), message,
                      _("It is taken out of the workspace. Importing its file again brings it back, with the review decisions taken on it."),
                      _("_Remove"), remove_confirmed_cb, id, g_free);
}

/* Merging two spellings of an issuer ---------------------------------------- */

typedef struct
{
  char *alias;
  GPtrArray *names;   /* char *, the issuers offered */
} Merge;

static void
merge_free (gpointer data)
{
  Merge *merge = data;

  g_free (merge->alias);
  g_ptr_array_unref (merge->names);
  g_free (merge);
}

static void
merge_chosen_cb (GtkWindow *parent,
                 guint      chosen,
                 gpointer   data)
{
  GxWindow *self = GX_WINDOW (parent);
  Merge *merge = data;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || chosen >= merge->names->len)
    return;
  if (!gx_workspace_merge_issuers (self->store, merge->alias,
                                   g_ptr_array_index (merge->names, chosen), &error))
    {
      gx_window_show_error (self, _("The issuers could not be merged"), error->message);
      return;
    }
  /* the rows re-checked are in the list; the search learns the spelling */
  gx_window_load_aliases (self);
}

/* The issuer of the selected report is another spelling of one chosen from
 * the workspace's issuers (gx_workspace_merge_issuers()). */
static void
merge_issuer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  GxReport *selected = gx_report_list_get_selected (self->report_list);
  g_autoptr(GPtrArray) issuers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  Merge *merge;

  if (self->store == NULL || selected == NULL || gx_report_get_issuer (selected) == NULL)
    return;
  issuers = gx_backend_list_issuers (gx_workspace_get_backend (self->store), &error);
  if (issuers == NULL)
    {
      gx_window_show_error (self, _("The issuers could not be merged"), error->message);
      return;
    }
  key = gx_backend_dup_issuer_key (gx_workspace_get_backend (self->store),
                                   gx_report_get_issuer (selected));
  merge = g_new0 (Merge, 1);
  merge->alias = g_strdup (gx_report_get_issuer (selected));
  merge->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < issuers->len; i++)
    {
      GxBackendIssuer *issuer = g_ptr_array_index (issuers, i);

      if (g_strcmp0 (issuer->key, key) != 0)
        g_ptr_array_add (merge->names, g_strdup (issuer->name));
    }
  if (merge->names->len == 0)
    {
      merge_free (merge);
      gx_dialogs_alert (GTK_WINDOW (self), GX_DIALOGS_INFO,
                        _("The workspace has no other issuer to merge with"), NULL);
      return;
    }
  g_ptr_array_add (merge->names, NULL);
  /* TRANSLATORS: "北京市密云县人民政府 is another spelling of which issuer? …" */
  message = g_strdup_printf (_("“%s” is another spelling of which issuer? Its reports then count as that issuer’s: the year before for carryover, and the review decisions."),
                             merge->alias);
  gx_dialogs_choose (GTK_WINDOW (self), "gx-merge-issuer", _("Merge Issuers"), message,
                     (const char * const *) merge->names->pdata, _("_Merge"),
                     merge_chosen_cb, merge, merge_free);
  g_ptr_array_set_size (merge->names, merge->names->len - 1);
}

/* Marking a roll-up ----------------------------------------------------------- */

typedef struct
{
  gint64 parent;
  GArray *children;
} Link;

static void
link_free (gpointer data)
{
  Link *link = data;

  g_array_unref (link->children);
  g_free (link);
}

static void
link_confirmed_cb (GtkWindow *parent,
                   gpointer   data)
{
  GxWindow *self = GX_WINDOW (parent);
  Link *link = data;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!gx_workspace_set_children (self->store, link->parent,
                                  (const gint64 *) (gpointer) link->children->data,
                                  link->children->len, &error))
    {
      gx_window_show_error (self, _("The roll-up could not be marked"), error->message);
      return;
    }
}

/* The selected report is the roll-up of the other reports shown of its
 * year (narrowed with the search to a district's units). */
static void
link_rollup_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  GxReport *selected = gx_report_list_get_selected (self->report_list);
  g_autofree char *message = NULL;
  Link *link;

  if (self->store == NULL || selected == NULL || gx_report_get_id (selected) <= 0)
    return;
  link = g_new0 (Link, 1);
  link->parent = gx_report_get_id (selected);
  link->children = gx_window_dup_rollup_ids (self, gx_report_get_year (selected));
  for (guint i = link->children->len; i-- > 0;)
    if (g_array_index (link->children, gint64, i) == link->parent)
      g_array_remove_index (link->children, i);
  if (link->children->len == 0)
    {
      link_free (link);
      gx_dialogs_alert (GTK_WINDOW (self), GX_DIALOGS_INFO,
                        _("No other report of that year is shown"),
                        _("Show the units the report adds up (search for them, or pick the year), then mark it again."));
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Mark the report of %s for %d as the roll-up of the %u other report shown of that year?",
                                          "Mark the report of %s for %d as the roll-up of the %u other reports shown of that year?",
                                          link->children->len),
                             gx_report_get_issuer (selected) ?: _("an unknown issuer"),
                             gx_report_get_year (selected), link->children->len);
  gx_dialogs_confirm (GTK_WINDOW (self), message,
                      _("Its figures are then checked against their sums (hierarchy). A roll-up it was of other reports before is replaced."),
                      _("_Mark as Roll-up"), link_confirmed_cb, link, link_free);
}

void
gx_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_action);
  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-docx", NULL, export_docx_action);
  gtk_widget_class_install_action (widget_class, "win.export-xlsx", NULL, export_xlsx_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "win.remove-report", NULL, remove_report_action);
  gtk_widget_class_install_action (widget_class, "win.merge-issuer", NULL, merge_issuer_action);
  gtk_widget_class_install_action (widget_class, "win.link-rollup", NULL, link_rollup_action);
  gtk_widget_class_install_action (widget_class, "win.print-rollup", NULL, print_rollup_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-result", NULL, dismiss_result_action);
  gtk_widget_class_install_property_action (widget_class, "win.only-problems", "only-problems");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  /* not Ctrl+Shift+I: GTK's Inspector has it */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.import-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open-workspace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.only-problems", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.remove-report", NULL);
}

void
gx_window_update_actions (GxWindow *self)
{
  gboolean importing = gx_window_get_importing (self);
  gboolean has_reports = self->store != NULL &&
                         g_list_model_get_n_items (gx_report_list_get_reports (self->report_list)) > 0;
  guint n_shown = self->store != NULL ? gx_report_list_get_n_visible (self->report_list) : 0;
  GxReport *selected = gx_report_list_get_selected (self->report_list);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-import", importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-workspace", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-json", has_reports && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv", has_reports && !importing);
  /* nothing to act on, nothing offered: Word writes the selected report
   * (or the one shown), Excel, printing and the roll-up what is shown */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-docx",
                                 !importing && (selected != NULL || n_shown == 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", n_shown > 0 && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", selected != NULL || n_shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-rollup", n_shown > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-report",
                                 selected != NULL && gx_report_get_id (selected) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare", has_reports);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-issuer",
                                 selected != NULL && gx_report_get_issuer (selected) != NULL && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.link-rollup",
                                 selected != NULL && gx_report_get_id (selected) > 0 && !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-report",
                                 selected != NULL && gx_report_get_id (selected) > 0 && !importing);
}
