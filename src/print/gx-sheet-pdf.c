/* gx-sheet-pdf.c: writing a GxSheetJob to a PDF file (cairo-pdf) */
#include "gx-config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <cairo-pdf.h>

#include "gx-sheet-pdf.h"

guint
gx_sheet_job_write_pdf (GxSheetJob  *job,
                        const char  *path,
                        gboolean     landscape,
                        GError     **error)
{
  double width = landscape ? GX_SHEET_A4_HEIGHT : GX_SHEET_A4_WIDTH;
  double height = landscape ? GX_SHEET_A4_WIDTH : GX_SHEET_A4_HEIGHT;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint n_pages;
  g_autofree char *display = NULL;

  g_return_val_if_fail (job != NULL, 0);
  g_return_val_if_fail (path != NULL, 0);

  if (gx_sheet_job_get_n_sheets (job) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Nothing to print"));
      return 0;
    }

  n_pages = gx_sheet_job_paginate (job, width, height);

  surface = cairo_pdf_surface_create (path, width, height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display, cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return 0;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  "政府信息公开工作年度报告数据汇总");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "GxReports " PACKAGE_VERSION);

  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      gx_sheet_job_draw_page (job, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), display, cairo_status_to_string (status));
      return 0;
    }
  return n_pages;
}
