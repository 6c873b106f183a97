/* gx-xlsx-writer.c: reports as an Excel workbook (.xlsx), with libxlsxwriter
 *
 * libxlsxwriter writes a file, not a buffer: the workbook goes to a
 * temporary file beside @path, renamed over it once closed, so a failed
 * export leaves the old file as it was.  The workbook is written in
 * libxlsxwriter's constant-memory mode (rows in order, strings inline),
 * which keeps 1,000 reports × 200 cells fast and small.
 */
#include "gx-config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "gx-csv.h"
#include "gx-review.h"
#include "gx-rules.h"
#include "gx-xlsx-writer.h"

#define MAX_XLSX_STRING 32767

typedef struct
{
  lxw_workbook *book;
  lxw_format *head;
  lxw_format *amount;
  lxw_error error;     /* the first error of a write */
} Book;

/* Text as a cell can hold it: valid UTF-8 without control characters
 * (but tab and newline), at most 32,767 characters. */
static char *
cell_string (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));
  guint n = 0;

  for (const char *p = valid; *p && n < MAX_XLSX_STRING; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0xFFFE || c == 0xFFFF)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
note (Book     *book,
      lxw_error error)
{
  if (error != LXW_NO_ERROR && book->error == LXW_NO_ERROR)
    book->error = error;
}

static void
write_text (Book          *book,
            lxw_worksheet *sheet,
            lxw_row_t      row,
            lxw_col_t      col,
            const char    *text,
            lxw_format    *format)
{
  g_autofree char *safe = NULL;

  if (text == NULL || *text == '\0')
    return;
  safe = cell_string (text);
  note (book, worksheet_write_string (sheet, row, col, safe, format));
}

static gboolean
is_amount (int cell)
{
  return cell >= 0 && gx_schema_cell ((guint) cell)->column->kind == GX_VALUE_AMOUNT;
}

/* 报告: one row a report */
static void
write_reports_sheet (Book      *book,
                     GPtrArray *reports)
{
  lxw_worksheet *sheet = workbook_add_worksheet (book->book, GX_XLSX_SHEET_REPORTS);
  guint n_columns = gx_csv_n_columns ();

  if (sheet == NULL)
    {
      note (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
  note (book, worksheet_set_column (sheet, 0, 0, 32, NULL));
  note (book, worksheet_set_column (sheet, 1, 1, 7, NULL));
  note (book, worksheet_set_column (sheet, 2, 2, 22, NULL));
  /* runs of columns that never overlap (Excel repairs a file whose <col>
   * ranges do): the amounts get their number format */
  for (guint c = 3; c < n_columns;)
    {
      gboolean amount = is_amount (gx_csv_column_cell (c));
      guint end = c + 1;

      while (end < n_columns && is_amount (gx_csv_column_cell (end)) == amount)
        end++;
      note (book, worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) (end - 1), 14,
                                        amount ? book->amount : NULL));
      c = end;
    }
  worksheet_freeze_panes (sheet, 1, 2);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *name = gx_csv_column_name (c, GX_CSV_HEADER_CHINESE);

      write_text (book, sheet, 0, (lxw_col_t) c, name, book->head);
    }

  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      lxw_row_t row = (lxw_row_t) i + 1;

      write_text (book, sheet, row, 0, gx_report_get_issuer (report), NULL);
      if (gx_report_get_year (report) > 0)
        note (book, worksheet_write_number (sheet, row, 1, gx_report_get_year (report), NULL));
      write_text (book, sheet, row, 2, gx_report_get_source (report), NULL);

      for (guint c = 3; c < n_columns; c++)
        {
          guint cell = (guint) gx_csv_column_cell (c);
          gint64 value;

          switch (gx_report_get_cell (report, cell, &value))
            {
            case GX_CELL_VALUE:
              note (book, worksheet_write_number (sheet, row, (lxw_col_t) c,
                                                  (double) value / GX_VALUE_SCALE,
                                                  is_amount ((int) cell) ? book->amount : NULL));
              break;
            case GX_CELL_INVALID:
              write_text (book, sheet, row, (lxw_col_t) c, gx_report_get_raw (report, cell), NULL);
              break;
            case GX_CELL_BLANK:
            default:
              break;
            }
        }
    }
}

/* 汇总: one row a cell, its sum and count as formulas over 报告 */
static void
write_rollup_sheet (Book      *book,
                    GPtrArray *reports)
{
  static const char *const heads[] = { "单元格", "键", "合计", "填报数" };
  lxw_worksheet *sheet = workbook_add_worksheet (book->book, GX_XLSX_SHEET_ROLLUP);
  guint n_columns = gx_csv_n_columns ();
  lxw_row_t last = (lxw_row_t) MAX (reports->len, 1);

  if (sheet == NULL)
    {
      note (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
  note (book, worksheet_set_column (sheet, 0, 0, 60, NULL));
  note (book, worksheet_set_column (sheet, 1, 1, 48, NULL));
  note (book, worksheet_set_column (sheet, 2, 3, 14, NULL));
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint h = 0; h < G_N_ELEMENTS (heads); h++)
    write_text (book, sheet, 0, (lxw_col_t) h, heads[h], book->head);

  for (guint c = 3; c < n_columns; c++)
    {
      int cell = gx_csv_column_cell (c);
      lxw_row_t row = (lxw_row_t) (c - 2);
      g_autofree char *name = gx_csv_column_name (c, GX_CSV_HEADER_CHINESE);
      char range[32];
      g_autofree char *sum = NULL;
      g_autofree char *count = NULL;
      gint64 total = 0;
      guint n = 0;

      for (guint i = 0; i < reports->len; i++)
        {
          gint64 value;

          if (gx_report_get_cell (g_ptr_array_index (reports, i), (guint) cell, &value) == GX_CELL_VALUE)
            {
              total += value;
              n++;
            }
        }

      lxw_rowcol_to_range (range, 1, (lxw_col_t) c, last, (lxw_col_t) c);
      sum = g_strdup_printf ("=SUM('%s'!%s)", GX_XLSX_SHEET_REPORTS, range);
      count = g_strdup_printf ("=COUNT('%s'!%s)", GX_XLSX_SHEET_REPORTS, range);
      write_text (book, sheet, row, 0, name, NULL);
      write_text (book, sheet, row, 1, gx_schema_cell ((guint) cell)->path, NULL);
      note (book, worksheet_write_formula_num (sheet, row, 2, sum,
                                               is_amount (cell) ? book->amount : NULL,
                                               (double) total / GX_VALUE_SCALE));
      note (book, worksheet_write_formula_num (sheet, row, 3, count, NULL, n));
    }
}

static const char *
decision_text (GxReviewState state)
{
  switch (state)
    {
    case GX_REVIEW_CONFIRMED:
      return "已确认";
    case GX_REVIEW_DISMISSED:
      return "已排除";
    case GX_REVIEW_OPEN:
    default:
      return "";
    }
}

/* 审核结果: the findings of every report */
static void
write_findings_sheet (Book      *book,
                      GPtrArray *reports)
{
  static const char *const heads[] = { "报告", "年度", "规则", "单元格", "严重程度", "说明", "审核决定", "审核备注" };
  lxw_worksheet *sheet = workbook_add_worksheet (book->book, GX_XLSX_SHEET_FINDINGS);
  lxw_row_t row = 1;

  if (sheet == NULL)
    {
      note (book, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }
  note (book, worksheet_set_column (sheet, 0, 0, 32, NULL));
  note (book, worksheet_set_column (sheet, 1, 2, 12, NULL));
  note (book, worksheet_set_column (sheet, 3, 3, 48, NULL));
  note (book, worksheet_set_column (sheet, 4, 4, 8, NULL));
  note (book, worksheet_set_column (sheet, 5, 5, 80, NULL));
  note (book, worksheet_set_column (sheet, 6, 7, 12, NULL));
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint h = 0; h < G_N_ELEMENTS (heads); h++)
    write_text (book, sheet, 0, (lxw_col_t) h, heads[h], book->head);

  for (guint i = 0; i < reports->len; i++)
    {
      GxReport *report = g_ptr_array_index (reports, i);
      GPtrArray *findings = gx_report_get_findings (report);

      for (guint f = 0; findings != NULL && f < findings->len; f++)
        {
          GxFinding *finding = g_ptr_array_index (findings, f);
          guint anchor = gx_finding_get_cell (finding);
          const char *cell = NULL;
          g_autofree char *where = NULL;

          if (g_strcmp0 (gx_finding_get_rule (finding), GX_RULE_BLANK_CELL) == 0)
            continue;
          if (anchor < gx_schema_n_cells ())
            {
              if (gx_finding_get_column_key (finding) != NULL)
                cell = gx_schema_cell (anchor)->path;
              else
                cell = where = g_strdup_printf ("%s.%s", gx_finding_get_section_key (finding),
                                                gx_finding_get_row_key (finding));
            }
          write_text (book, sheet, row, 0, gx_report_get_issuer (report), NULL);
          if (gx_report_get_year (report) > 0)
            note (book, worksheet_write_number (sheet, row, 1, gx_report_get_year (report), NULL));
          write_text (book, sheet, row, 2, gx_finding_get_rule (finding), NULL);
          write_text (book, sheet, row, 3, cell, NULL);
          write_text (book, sheet, row, 4, gx_severity_to_label (gx_finding_get_severity (finding)), NULL);
          write_text (book, sheet, row, 5, gx_finding_get_message (finding), NULL);
          write_text (book, sheet, row, 6, decision_text (gx_finding_get_review (finding)), NULL);
          write_text (book, sheet, row, 7, gx_finding_get_review_note (finding), NULL);
          row++;
        }
    }
}

gboolean
gx_xlsx_write_reports (GPtrArray   *reports,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *tmpdir = NULL;
  lxw_workbook_options options = { 0 };
  Book book = { 0 };
  lxw_error closed;
  int fd;

  g_return_val_if_fail (reports != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* the temporary file beside the target, so that the rename is atomic */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR, 0644);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  tmpdir = g_strdup (g_get_tmp_dir ());
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir;
  book.book = workbook_new_opt (tmp, &options);
  if (book.book == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot write %s: out of memory"), path);
      return FALSE;
    }

  book.head = workbook_add_format (book.book);
  format_set_bold (book.head);
  format_set_text_wrap (book.head);
  format_set_align (book.head, LXW_ALIGN_CENTER);
  format_set_align (book.head, LXW_ALIGN_VERTICAL_CENTER);
  book.amount = workbook_add_format (book.book);
  format_set_num_format (book.amount, "0.0000##");

  write_reports_sheet (&book, reports);
  write_rollup_sheet (&book, reports);
  write_findings_sheet (&book, reports);

  closed = workbook_close (book.book);
  note (&book, closed);
  if (book.error != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("cannot write %s: %s"), path,
                   lxw_strerror (book.error));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
