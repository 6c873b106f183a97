/* gx-sheet.h: summary sheets and roll-up sheets, laid out with Pango and
 * drawn with cairo (no GTK)
 *
 * A GxSheetJob is one print job: a list of sheets.  Each sheet starts on a
 * new page and numbers its own pages ("Page 1 of 2" in the footer).
 *
 * Layout rules (what pagination promises):
 *  - a table row is never split: a row that does not fit in what is left of
 *    the page moves, whole, to the next one;
 *  - the header rows of a table are repeated on a continuation page, and a
 *    table never starts with its header alone at the bottom of a page;
 *  - headings keep with what follows them;
 *  - merged label cells (三、本年度办理结果, （三）不予公开) are merged within
 *    each page and repeated on a continuation page.
 *
 * One routine walks the content both to measure it (gx_sheet_job_paginate())
 * and to draw a page (gx_sheet_job_draw_page()); drawing uses the row heights
 * measured while paginating, so page breaks and output always agree.
 *
 * Page geometry is in points (1/72 inch) on the full sheet of paper;
 * the job keeps its own margins.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "gx-report.h"

G_BEGIN_DECLS

/* A4 in points */
#define GX_SHEET_A4_WIDTH  595.2756
#define GX_SHEET_A4_HEIGHT 841.8898

typedef struct _GxSheetJob GxSheetJob;

GxSheetJob *gx_sheet_job_new          (void);
void        gx_sheet_job_free         (GxSheetJob  *job);

/* The date printed in the footer; default: now. */
void        gx_sheet_job_set_date     (GxSheetJob  *job,
                                       GDateTime   *date);
/* Margins of the page, in points; default 15 mm on every side.  A printer's
 * hardware margins larger than these win (see gx-print-ui.c). */
void        gx_sheet_job_set_margins  (GxSheetJob  *job,
                                       double       top,
                                       double       right,
                                       double       bottom,
                                       double       left);

/* Adds the summary sheet of @report.  Its findings are those of
 * gx_report_get_findings(); when it has none yet, gx_rules_check() runs. */
void        gx_sheet_job_add_report   (GxSheetJob  *job,
                                       GxReport    *report);

/* Adds a roll-up sheet: @rollup holds the sums (checked here with
 * gx_rules_check()), @members the reports summed (GxReport, as from
 * gx_workspace_list_summaries(): issuer, year, source and the error/warning
 * counts are used).  @scope names what was summed ("海淀区各单位"); NULL
 * makes one up from the members. */
void        gx_sheet_job_add_rollup   (GxSheetJob  *job,
                                       GxReport    *rollup,
                                       GPtrArray   *members,
                                       const char  *scope);

/* The names of the sign-off block at the end of every sheet (填报人,
 * 审核人, 负责人; then 日期, left to be written): NULL or empty for a line to
 * sign on.  Applies to the sheets added before and after. */
void        gx_sheet_job_set_signoff  (GxSheetJob  *job,
                                       const char  *preparer,
                                       const char  *reviewer,
                                       const char  *head);
/* The title of the roll-up sheets of the job (instead of the @scope given
 * or made up); NULL or empty keeps it. */
void        gx_sheet_job_set_rollup_title (GxSheetJob *job,
                                           const char *title);

guint       gx_sheet_job_get_n_sheets (GxSheetJob  *job);

/* Lays every sheet out for paper of @width × @height points; returns the
 * number of pages.  Call again when the paper changes. */
guint       gx_sheet_job_paginate     (GxSheetJob  *job,
                                       double       width,
                                       double       height);
guint       gx_sheet_job_get_n_pages  (GxSheetJob  *job);

/* Draws page @page (0-based) of the job laid out by the last paginate.
 * @cr is in points with the origin at the top left corner of the paper. */
void        gx_sheet_job_draw_page    (GxSheetJob  *job,
                                       cairo_t     *cr,
                                       guint        page);

/* Where pagination put a table row (for tests): calls @func for every body
 * row of every table, in order.  @sheet and @page are 0-based, @page within
 * the job; @top/@bottom are in points; @label is the row's label text. */
typedef void (*GxSheetRowFunc) (guint       sheet,
                                guint       page,
                                const char *table,
                                const char *label,
                                double      top,
                                double      bottom,
                                double      content_bottom,
                                gpointer    user_data);
void        gx_sheet_job_foreach_row  (GxSheetJob     *job,
                                       GxSheetRowFunc  func,
                                       gpointer        user_data);

/* The CJK font family found through fontconfig ("Noto Sans CJK SC"). */
const char *gx_sheet_font_family      (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxSheetJob, gx_sheet_job_free)

G_END_DECLS
