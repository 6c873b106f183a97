/* gx-print-ui.c: printing from the app with GtkPrintOperation
 *
 * Pagination happens in ::begin-print, for the paper and orientation chosen
 * in the dialog (A4 portrait unless changed), with the same measuring code
 * that draws (gx-sheet.c); ::draw-page draws one page.  The dialog offers
 * the preview.  The settings of the last print are kept for the next one.
 */
#include "gx-config.h"

#include <glib/gi18n-lib.h>

#include "gx-print-job.h"
#include "gx-print-ui.h"
#include "gx-print-ui-private.h"

#define MIN_MARGIN (15.0 * 72.0 / 25.4)

static GtkPrintSettings *last_settings;
static GtkPageSetup *last_page_setup;

static void
show_error (GtkWindow  *parent,
            const char *primary,
            const char *detail)
{
#if GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GtkAlertDialog) dialog = gtk_alert_dialog_new ("%s", primary);

  gtk_alert_dialog_set_detail (dialog, detail);
  gtk_alert_dialog_show (dialog, parent);
#else
  GtkWidget *dialog = gtk_message_dialog_new (parent,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  GxSheetJob *job = user_data;
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);

  /* our margins, or the printer's when they are larger */
  gx_sheet_job_set_margins (job,
                            MAX (MIN_MARGIN, gtk_page_setup_get_top_margin (setup, GTK_UNIT_POINTS)),
                            MAX (MIN_MARGIN, gtk_page_setup_get_right_margin (setup, GTK_UNIT_POINTS)),
                            MAX (MIN_MARGIN, gtk_page_setup_get_bottom_margin (setup, GTK_UNIT_POINTS)),
                            MAX (MIN_MARGIN, gtk_page_setup_get_left_margin (setup, GTK_UNIT_POINTS)));
  /* full page in points (set_use_full_page, set_unit) */
  gtk_print_operation_set_n_pages (op,
                                   MAX (1, gx_sheet_job_paginate (job,
                                                                  gtk_print_context_get_width (context),
                                                                  gtk_print_context_get_height (context))));
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  GxSheetJob *job = user_data;

  if (page_nr >= 0 && (guint) page_nr < gx_sheet_job_get_n_pages (job))
    gx_sheet_job_draw_page (job, gtk_print_context_get_cairo_context (context), (guint) page_nr);
}

static void
done_cb (GtkPrintOperation       *op,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&last_settings, gtk_print_operation_get_print_settings (op));
      g_set_object (&last_page_setup, gtk_print_operation_get_default_page_setup (op));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (op, &error);
      show_error (user_data ? GTK_WINDOW (user_data) : NULL, _("Printing failed"),
                  error ? error->message : "");
    }
}

/* The dialog's own tab: who signs the sheets (kept in GSettings, so that an
 * office types its names once) and the title of a roll-up. */
typedef struct {
  GxSheetJob *job;
  GSettings *settings;       /* NULL when the app's schema is not installed */
  gboolean rollup;
  GtkEditable *names[3];
  GtkEditable *title;
} SignoffTab;

static const char *const signoff_keys[3] = {
  "signoff-preparer", "signoff-reviewer", "signoff-head",
};

static void
signoff_tab_free (SignoffTab *tab)
{
  g_clear_object (&tab->settings);
  g_free (tab);
}

static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, signoff_keys[0]))
    return NULL;
  return g_settings_new (APPLICATION_ID);
}

static GtkWidget *
labelled_entry (GtkGrid    *grid,
                int         row,
                const char *label,
                const char *text,
                const char *placeholder)
{
  GtkWidget *name = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (name), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (name), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 36);
  if (placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static GObject *
create_custom_widget_cb (GtkPrintOperation *op,
                         gpointer           user_data)
{
  SignoffTab *tab = user_data;
  GtkWidget *grid = gtk_grid_new ();
  const char *labels[3] = { _("_Prepared by"), _("_Reviewed by"), _("_Head of office") };
  int row = 0;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  g_object_set (grid, "margin-start", 12, "margin-end", 12, "margin-top", 12, "margin-bottom", 12, NULL);

  if (tab->rollup)
    tab->title = GTK_EDITABLE (labelled_entry (GTK_GRID (grid), row++, _("Roll-up _title"), NULL,
                                               _("Named after the reports summed")));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = tab->settings ? g_settings_get_string (tab->settings, signoff_keys[i]) : NULL;

      tab->names[i] = GTK_EDITABLE (labelled_entry (GTK_GRID (grid), row++, labels[i], name,
                                                    _("Empty: a line to sign on")));
    }
  return G_OBJECT (grid);
}

static void
custom_widget_apply_cb (GtkPrintOperation *op,
                        GtkWidget         *widget,
                        gpointer           user_data)
{
  SignoffTab *tab = user_data;
  const char *names[3];

  for (guint i = 0; i < 3; i++)
    {
      names[i] = gtk_editable_get_text (tab->names[i]);
      if (tab->settings != NULL)
        g_settings_set_string (tab->settings, signoff_keys[i], names[i]);
    }
  gx_sheet_job_set_signoff (tab->job, names[0], names[1], names[2]);
  if (tab->title != NULL)
    gx_sheet_job_set_rollup_title (tab->job, gtk_editable_get_text (tab->title));
}

GtkPrintOperation *
gx_print_operation_new (GxSheetJob *job)
{
  GtkPrintOperation *op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = NULL;

  if (last_page_setup != NULL)
    setup = gtk_page_setup_copy (last_page_setup);
  else
    {
      g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

      setup = gtk_page_setup_new ();
      gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
      gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
    }
  gtk_print_operation_set_default_page_setup (op, setup);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (op, last_settings);

  /* the sheet keeps its own margins: draw on the whole sheet, in points */
  gtk_print_operation_set_use_full_page (op, TRUE);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  /* portrait or landscape in the dialog itself */
  gtk_print_operation_set_embed_page_setup (op, TRUE);
  gtk_print_operation_set_job_name (op, "政府信息公开工作年度报告数据汇总");

  g_object_set_data_full (G_OBJECT (op), "gx-sheet-job", job,
                          (GDestroyNotify) gx_sheet_job_free);
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), job);
  return op;
}

void
gx_print_ui_run (GtkWindow    *parent,
                 GxWorkspace      *store,
                 const gint64 *ids,
                 guint         n_ids,
                 gboolean      rollup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkPrintOperation) op = NULL;
  GxSheetJob *job;
  GtkPrintOperationResult result;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GX_IS_WORKSPACE (store));

  job = gx_print_job_new_from_store (store, ids, n_ids, rollup, NULL, &error);
  if (job == NULL)
    {
      show_error (parent, _("Nothing could be printed"), error->message);
      return;
    }

  op = gx_print_operation_new (job);
  gtk_print_operation_set_allow_async (op, TRUE);
  {
    SignoffTab *tab = g_new0 (SignoffTab, 1);

    tab->job = job;
    tab->rollup = rollup;
    tab->settings = app_settings ();
    if (tab->settings != NULL)
      {
        g_autofree char *preparer = g_settings_get_string (tab->settings, signoff_keys[0]);
        g_autofree char *reviewer = g_settings_get_string (tab->settings, signoff_keys[1]);
        g_autofree char *head = g_settings_get_string (tab->settings, signoff_keys[2]);

        gx_sheet_job_set_signoff (job, preparer, reviewer, head);
      }
    g_object_set_data_full (G_OBJECT (op), "gx-signoff-tab", tab, (GDestroyNotify) signoff_tab_free);
    gtk_print_operation_set_custom_tab_label (op, _("Sign-off"));
    g_signal_connect (op, "create-custom-widget", G_CALLBACK (create_custom_widget_cb), tab);
    g_signal_connect (op, "custom-widget-apply", G_CALLBACK (custom_widget_apply_cb), tab);
  }
  if (parent != NULL)
    g_signal_connect_object (op, "done", G_CALLBACK (done_cb), parent, 0);
  else
    g_signal_connect (op, "done", G_CALLBACK (done_cb), NULL);

  result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (parent, _("Printing failed"), error ? error->message : "");
}
