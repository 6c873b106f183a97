/* gx-sheet.c: summary sheets and roll-up sheets (Pango + cairo, no GTK)
 *
 * A sheet is a list of blocks: paragraphs (title, headings, findings) and
 * tables.  Tables are the grids of gx-form-layout.c (built from the
 * template, shared with the Word export) in the layout of the official
 * form: section 二 with a title row per article, section 三 with the
 * 申请人情况 header over 7 columns and the result rows hanging under merged
 * group cells, section 四 with 行政复议 and 行政诉讼 over 5 and 10 columns.
 *
 * Paginating is two steps: measure() gives every paragraph and row its height
 * (the same cell_layout() that draws), then walk() places them on pages.
 * Drawing a page runs walk() again and draws what falls on that page, with
 * the heights measured before; so the breaks can never disagree.
 */
#include "gx-config.h"

#include <math.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "gx-form-layout.h"
#include "gx-rates.h"
#include "gx-rules.h"
#include "gx-review.h"
#include "gx-sheet.h"

#define MM (72.0 / 25.4)
#define MAX_LEVELS 4
#define MIN_ROW_HEIGHT 14.0
#define CELL_VPAD 2.5
#define CELL_HPAD 3.0
#define FOOTER_HEIGHT 20.0
#define LINE_WIDTH 0.5

enum {
  FONT_TITLE,
  FONT_SUBTITLE,
  FONT_INFO,
  FONT_HEADING,
  FONT_CELL,
  FONT_CELL_BOLD,
  FONT_BODY,
  FONT_SMALL,
  FONT_MARKER,
  N_FONTS
};

static const struct {
  double size;
  gboolean bold;
} font_specs[N_FONTS] = {
  [FONT_TITLE]     = { 15.0, TRUE },
  [FONT_SUBTITLE]  = { 12.0, FALSE },
  [FONT_INFO]      = { 8.0,  FALSE },
  [FONT_HEADING]   = { 10.5, TRUE },
  [FONT_CELL]      = { 8.0,  FALSE },
  [FONT_CELL_BOLD] = { 8.0,  TRUE },
  [FONT_BODY]      = { 8.5,  FALSE },
  [FONT_SMALL]     = { 7.0,  FALSE },
  [FONT_MARKER]    = { 6.5,  TRUE },
};

typedef enum {
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

typedef enum {
  FILL_NONE,
  FILL_HEAD,      /* header cells: light grey */
  FILL_WARNING,   /* involved in a warning: amber */
  FILL_ERROR,     /* involved in an error: red */
} Fill;

typedef struct
{
  char *text;            /* plain text */
  char *marker;          /* finding numbers, or NULL */
  guint16 col;
  guint16 colspan;
  guint16 row;           /* header cells only */
  guint16 rowspan;       /* header cells only */
  guint8 font;
  guint8 align;
  guint8 fill;
  guint8 balanced : 1;   /* wrap into lines of even length (narrow headers) */
  guint8 invalid : 1;    /* raw text of an invalid cell: red */
} SCell;

typedef struct
{
  GArray *cells;         /* SCell */
  char *label;           /* for gx_sheet_job_foreach_row() */
  int levels[MAX_LEVELS];/* schema group shown merged in label column k, or -1 */
  gboolean keep_with_next;
  double height;
  /* where the last walk put it */
  guint page;
  double y;
} SRow;

typedef struct
{
  char *name;
  guint n_cols;
  double *frac;          /* column widths as fractions of the content width */
  double *col_x;         /* n_cols + 1 positions, set by measure() */
  guint n_levels;        /* label columns 0..n_levels-1 hold merged group cells */
  GArray *head;          /* SCell with row/rowspan */
  guint n_head_rows;
  double *head_heights;
  GPtrArray *body;       /* SRow */
} STable;

typedef enum {
  BLOCK_TEXT,
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  BlockKind kind;
  char *markup;
  guint font;
  Align align;
  double hang;           /* hanging indent of lines after the first */
  double space_before;
  double space_after;
  gboolean keep_with_next;
  double height;
  STable *table;
} SBlock;

typedef struct
{
  GPtrArray *blocks;     /* SBlock */
  SBlock *title;         /* the first line: issuer, or what a roll-up sums */
  SBlock *signoff;       /* the last block: 填报人、审核人、负责人、日期 */
  gboolean rollup;
  char *footer_left;
  guint first_page;
  guint n_pages;
} SSheet;

struct _GxSheetJob
{
  GPtrArray *sheets;     /* SSheet */
  char *signoff[3];      /* 填报人, 审核人, 负责人: NULL for a line to sign on */
  GDateTime *date;
  double margin_top, margin_right, margin_bottom, margin_left;
  double width, height;
  guint n_pages;
  PangoContext *pango;
  PangoFontDescription *fonts[N_FONTS];
};

typedef struct
{
  GxSheetJob *job;
  SSheet *sheet;
  cairo_t *cr;           /* NULL: only place things */
  guint target;          /* page of the sheet to draw */
  guint page;            /* page of the sheet being filled */
  double y;
  double top, bottom, left, right;
} Walk;

/* Fonts ---------------------------------------------------------------------- */

static gboolean
family_present (FcConfig   *config,
                const char *family)
{
  FcPattern *pattern;
  FcObjectSet *os;
  FcFontSet *set;
  gboolean found;

  pattern = FcPatternCreate ();
  FcPatternAddString (pattern, FC_FAMILY, (const FcChar8 *) family);
  os = FcObjectSetBuild (FC_FAMILY, NULL);
  set = FcFontList (config, pattern, os);
  found = set != NULL && set->nfont > 0;
  if (set)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (os);
  FcPatternDestroy (pattern);
  return found;
}

/* The first of the usual Simplified Chinese families that is installed;
 * else whatever fontconfig matches for sans-serif in zh-cn, if it really
 * covers Chinese. */
static char *
find_cjk_family (void)
{
  static const char *const preferred[] = {
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "AR PL UMing CN",
  };
  FcConfig *config;
  FcPattern *pattern;
  FcPattern *match;
  FcResult result;
  char *family = NULL;
  const char *env = g_getenv ("GX_PRINT_FONT");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  if (!FcInit ())
    return g_strdup ("Sans");
  config = FcConfigGetCurrent ();

  for (guint i = 0; i < G_N_ELEMENTS (preferred); i++)
    if (family_present (config, preferred[i]))
      return g_strdup (preferred[i]);

  pattern = FcNameParse ((const FcChar8 *) "sans-serif:lang=zh-cn");
  FcConfigSubstitute (config, pattern, FcMatchPattern);
  FcDefaultSubstitute (pattern);
  match = FcFontMatch (config, pattern, &result);
  if (match != NULL)
    {
      FcLangSet *langs = NULL;
      FcChar8 *name = NULL;

      if (FcPatternGetLangSet (match, FC_LANG, 0, &langs) == FcResultMatch &&
          FcLangSetHasLang (langs, (const FcChar8 *) "zh-cn") == FcLangEqual &&
          FcPatternGetString (match, FC_FAMILY, 0, &name) == FcResultMatch)
        family = g_strdup ((const char *) name);
      FcPatternDestroy (match);
    }
  FcPatternDestroy (pattern);

  if (family == NULL)
    {
      g_warning ("no font for Simplified Chinese found through fontconfig; "
                 "install fonts-noto-cjk");
      family = g_strdup ("Sans");
    }
  return family;
}

const char *
gx_sheet_font_family (void)
{
  static gsize once = 0;
  static char *family;

  if (g_once_init_enter (&once))
    {
      family = find_cjk_family ();
      g_once_init_leave (&once, 1);
    }
  return family;
}

/* Construction helpers ---------------------------------------------------- */

static void
scell_clear (gpointer data)
{
  SCell *cell = data;

  g_free (cell->text);
  g_free (cell->marker);
}

static SRow *
srow_new (const char *label)
{
  SRow *row = g_new0 (SRow, 1);

  row->cells = g_array_new (FALSE, TRUE, sizeof (SCell));
  g_array_set_clear_func (row->cells, scell_clear);
  row->label = g_strdup (label);
  for (guint k = 0; k < MAX_LEVELS; k++)
    row->levels[k] = -1;
  row->height = -1;
  return row;
}

static void
srow_free (gpointer data)
{
  SRow *row = data;

  g_array_unref (row->cells);
  g_free (row->label);
  g_free (row);
}

static SCell *
srow_add (SRow       *row,
          guint       col,
          guint       colspan,
          const char *text,
          guint       font,
          Align       align,
          Fill        fill)
{
  SCell cell = { 0 };

  cell.text = g_strdup (text ? text : "");
  cell.col = col;
  cell.colspan = colspan;
  cell.rowspan = 1;
  cell.font = font;
  cell.align = align;
  cell.fill = fill;
  g_array_append_val (row->cells, cell);
  return &g_array_index (row->cells, SCell, row->cells->len - 1);
}

static STable *
stable_new (const char *name,
            guint       n_cols,
            const double *frac,
            guint       n_levels,
            guint       n_head_rows)
{
  STable *table = g_new0 (STable, 1);

  table->name = g_strdup (name);
  table->n_cols = n_cols;
  table->frac = g_memdup2 (frac, sizeof (double) * n_cols);
  table->col_x = g_new0 (double, n_cols + 1);
  table->n_levels = n_levels;
  table->head = g_array_new (FALSE, TRUE, sizeof (SCell));
  g_array_set_clear_func (table->head, scell_clear);
  table->n_head_rows = n_head_rows;
  table->head_heights = g_new0 (double, MAX (n_head_rows, 1));
  table->body = g_ptr_array_new_with_free_func (srow_free);
  return table;
}

static void
stable_free (STable *table)
{
  g_free (table->name);
  g_free (table->frac);
  g_free (table->col_x);
  g_array_unref (table->head);
  g_free (table->head_heights);
  g_ptr_array_unref (table->body);
  g_free (table);
}

static SCell *
stable_add_head (STable     *table,
                 guint       row,
                 guint       rowspan,
                 guint       col,
                 guint       colspan,
                 const char *text)
{
  SCell cell = { 0 };

  cell.text = g_strdup (text);
  cell.row = row;
  cell.rowspan = rowspan;
  cell.col = col;
  cell.colspan = colspan;
  cell.font = FONT_CELL;
  cell.align = ALIGN_CENTER;
  cell.fill = FILL_HEAD;
  cell.balanced = TRUE;
  g_array_append_val (table->head, cell);
  return &g_array_index (table->head, SCell, table->head->len - 1);
}

static void
sblock_free (gpointer data)
{
  SBlock *block = data;

  g_free (block->markup);
  if (block->table)
    stable_free (block->table);
  g_free (block);
}

static SBlock *
sheet_add_text (SSheet     *sheet,
                const char *markup,
                guint       font,
                Align       align,
                double      space_before,
                double      space_after)
{
  SBlock *block = g_new0 (SBlock, 1);

  block->kind = BLOCK_TEXT;
  block->markup = g_strdup (markup);
  block->font = font;
  block->align = align;
  block->space_before = space_before;
  block->space_after = space_after;
  block->height = -1;
  g_ptr_array_add (sheet->blocks, block);
  return block;
}

/* Adds plain text (escaped). */
static SBlock *
sheet_add_plain (SSheet     *sheet,
                 const char *text,
                 guint       font,
                 Align       align,
                 double      space_before,
                 double      space_after)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return sheet_add_text (sheet, markup, font, align, space_before, space_after);
}

static void
sheet_add_table (SSheet *sheet,
                 STable *table)
{
  SBlock *block = g_new0 (SBlock, 1);

  block->kind = BLOCK_TABLE;
  block->table = table;
  block->space_after = 6;
  block->height = -1;
  g_ptr_array_add (sheet->blocks, block);
}

static void
ssheet_free (gpointer data)
{
  SSheet *sheet = data;

  g_ptr_array_unref (sheet->blocks);
  g_free (sheet->footer_left);
  g_free (sheet);
}

static SSheet *
ssheet_new (void)
{
  SSheet *sheet = g_new0 (SSheet, 1);

  sheet->blocks = g_ptr_array_new_with_free_func (sblock_free);
  return sheet;
}

/* Text layout: the one place that turns text into a PangoLayout, for
 * measuring and for drawing alike. ----------------------------------------- */

static PangoLayout *
text_layout (GxSheetJob *job,
             const char *text,
             gboolean    is_markup,
             guint       font,
             double      width,
             Align       align,
             gboolean    balanced)
{
  PangoLayout *layout = pango_layout_new (job->pango);

  pango_layout_set_font_description (layout, job->fonts[font]);
  if (is_markup)
    pango_layout_set_markup (layout, text, -1);
  else
    pango_layout_set_text (layout, text, -1);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout,
                              align == ALIGN_RIGHT ? PANGO_ALIGN_RIGHT :
                              align == ALIGN_CENTER ? PANGO_ALIGN_CENTER :
                              PANGO_ALIGN_LEFT);

  if (width <= 0)
    width = 1;

  if (balanced)
    {
      /* 结果维持 in a narrow column: 结果/维持 rather than 结果维/持 */
      int natural;

      pango_layout_get_size (layout, &natural, NULL);
      if (natural > width * PANGO_SCALE)
        {
          double n_lines = ceil (natural / (width * PANGO_SCALE));
          double even = natural / (double) PANGO_SCALE / n_lines + font_specs[font].size * 0.5;

          pango_layout_set_width (layout, (int) (MIN (even, width) * PANGO_SCALE));
          if (pango_layout_get_line_count (layout) > (int) n_lines)
            pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
          /* keep the alignment relative to the whole cell */
          return layout;
        }
    }
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return h / (double) PANGO_SCALE;
}

static double
cell_pad (double width)
{
  return MIN (CELL_HPAD, width * 0.08);
}

/* A label carries its finding numbers after the text (they would cover its
 * first characters in the corner); a value has them in the corner. */
static gboolean
marker_inline (const SCell *cell)
{
  return cell->marker != NULL && cell->align != ALIGN_RIGHT;
}

static PangoLayout *
cell_layout (GxSheetJob *job,
             const SCell *cell,
             double      width)
{
  if (marker_inline (cell))
    {
      g_autofree char *text = g_markup_escape_text (cell->text, -1);
      g_autofree char *markup =
        g_strdup_printf ("%s <span foreground=\"#c00000\" weight=\"bold\">%s</span>",
                         text, cell->marker);

      return text_layout (job, markup, TRUE, cell->font,
                          width - 2 * cell_pad (width), cell->align, cell->balanced);
    }
  return text_layout (job, cell->text, FALSE, cell->font,
                      width - 2 * cell_pad (width), cell->align, cell->balanced);
}

static double
cell_height (GxSheetJob  *job,
             const SCell *cell,
             double       width)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (cell->text[0] == '\0' && !marker_inline (cell))
    return MIN_ROW_HEIGHT;
  layout = cell_layout (job, cell, width);
  return MAX (MIN_ROW_HEIGHT, layout_height (layout) + 2 * CELL_VPAD);
}

/* Measuring ---------------------------------------------------------------- */

static double
content_width (GxSheetJob *job)
{
  return job->width - job->margin_left - job->margin_right;
}

static double
span_width (STable *table,
            guint   col,
            guint   colspan)
{
  return table->col_x[MIN (col + colspan, table->n_cols)] - table->col_x[col];
}

static void
measure_table (GxSheetJob *job,
               STable     *table)
{
  double cw = content_width (job);
  double acc = 0;

  for (guint i = 0; i < table->n_cols; i++)
    {
      table->col_x[i] = job->margin_left + acc * cw;
      acc += table->frac[i];
    }
  table->col_x[table->n_cols] = job->margin_left + cw;

  /* header rows: single-row cells first, then make room for spanning ones */
  for (guint r = 0; r < table->n_head_rows; r++)
    table->head_heights[r] = MIN_ROW_HEIGHT;
  for (guint i = 0; i < table->head->len; i++)
    {
      SCell *cell = &g_array_index (table->head, SCell, i);

      if (cell->rowspan == 1)
        table->head_heights[cell->row] = MAX (table->head_heights[cell->row],
                                              cell_height (job, cell, span_width (table, cell->col, cell->colspan)));
    }
  for (guint i = 0; i < table->head->len; i++)
    {
      SCell *cell = &g_array_index (table->head, SCell, i);
      double need, have = 0;
      guint last = MIN (cell->row + cell->rowspan, table->n_head_rows) - 1;

      if (cell->rowspan == 1)
        continue;
      need = cell_height (job, cell, span_width (table, cell->col, cell->colspan));
      for (guint r = cell->row; r <= last; r++)
        have += table->head_heights[r];
      if (need > have)
        table->head_heights[last] += need - have;
    }

  for (guint i = 0; i < table->body->len; i++)
    {
      SRow *row = g_ptr_array_index (table->body, i);

      row->height = MIN_ROW_HEIGHT;
      for (guint c = 0; c < row->cells->len; c++)
        {
          SCell *cell = &g_array_index (row->cells, SCell, c);

          row->height = MAX (row->height,
                             cell_height (job, cell, span_width (table, cell->col, cell->colspan)));
        }
    }
}

static void
measure_sheet (GxSheetJob *job,
               SSheet     *sheet)
{
  for (guint i = 0; i < sheet->blocks->len; i++)
    {
      SBlock *block = g_ptr_array_index (sheet->blocks, i);

      if (block->kind == BLOCK_TEXT)
        {
          g_autoptr(PangoLayout) layout =
            text_layout (job, block->markup, TRUE, block->font,
                         content_width (job), block->align, FALSE);

          if (block->hang > 0)
            pango_layout_set_indent (layout, (int) (-block->hang * PANGO_SCALE));
          block->height = layout_height (layout);
        }
      else
        measure_table (job, block->table);
    }
}

static double
table_head_height (STable *table)
{
  double h = 0;

  for (guint r = 0; r < table->n_head_rows; r++)
    h += table->head_heights[r];
  return h;
}

/* the height of row @i and of the rows it keeps with */
static double
chain_height (STable *table,
              guint   i)
{
  double h = 0;

  for (; i < table->body->len; i++)
    {
      SRow *row = g_ptr_array_index (table->body, i);

      h += row->height;
      if (!row->keep_with_next)
        break;
    }
  return h;
}

/* the least room a block needs at the bottom of a page */
static double
block_min_height (SBlock *block)
{
  if (block->kind == BLOCK_TEXT)
    return block->space_before + block->height;
  return table_head_height (block->table) +
         (block->table->body->len > 0 ? chain_height (block->table, 0) : 0);
}

/* Drawing primitives ----------------------------------------------------------- */

static gboolean
walk_draws (Walk *w)
{
  return w->cr != NULL && w->page == w->target;
}

static void
set_fill_color (cairo_t *cr,
                Fill     fill)
{
  switch (fill)
    {
    case FILL_HEAD:
      cairo_set_source_rgb (cr, 0.93, 0.93, 0.93);
      break;
    case FILL_WARNING:
      cairo_set_source_rgb (cr, 1.0, 0.92, 0.70);
      break;
    case FILL_ERROR:
      cairo_set_source_rgb (cr, 1.0, 0.80, 0.80);
      break;
    case FILL_NONE:
    default:
      break;
    }
}

static void
draw_box (cairo_t *cr,
          double   x,
          double   y,
          double   w,
          double   h,
          Fill     fill)
{
  if (fill != FILL_NONE)
    {
      cairo_rectangle (cr, x, y, w, h);
      set_fill_color (cr, fill);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_stroke (cr);
}

static void
draw_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cell (GxSheetJob  *job,
           cairo_t     *cr,
           const SCell *cell,
           double       x,
           double       y,
           double       w,
           double       h)
{
  double pad = cell_pad (w);

  draw_box (cr, x, y, w, h, cell->fill);

  if (cell->text[0] != '\0' || marker_inline (cell))
    {
      g_autoptr(PangoLayout) layout = cell_layout (job, cell, w);
      double th = layout_height (layout);
      double lx = x + pad;
      int lw = pango_layout_get_width (layout);

      /* a balanced layout is narrower than the cell: centre it */
      if (lw > 0 && lw / (double) PANGO_SCALE < w - 2 * pad - 0.01)
        lx = x + (w - lw / (double) PANGO_SCALE) / 2;

      if (cell->invalid)
        cairo_set_source_rgb (cr, 0.75, 0, 0);
      else
        cairo_set_source_rgb (cr, 0, 0, 0);
      draw_layout_at (cr, layout, lx, y + MAX (CELL_VPAD * 0.6, (h - th) / 2));
    }

  if (cell->marker != NULL && !marker_inline (cell))
    {
      g_autoptr(PangoLayout) marker =
        text_layout (job, cell->marker, FALSE, FONT_MARKER, w, ALIGN_LEFT, FALSE);

      cairo_set_source_rgb (cr, 0.75, 0, 0);
      draw_layout_at (cr, marker, x + 1.0, y + 0.5);
    }
}

/* a merged group cell spanning rows @first..@last of one page */
static void
draw_merged (GxSheetJob *job,
             cairo_t    *cr,
             STable     *table,
             guint       level,
             int         group,
             SRow       *first,
             SRow       *last)
{
  const GxSchemaGroup *g = gx_schema_group ((guint) group);
  g_autofree char *text = g_strconcat (g->prefix_zh, g->label_zh, NULL);
  double x = table->col_x[level];
  double w = span_width (table, level, 1);
  double y = first->y;
  double h = last->y + last->height - first->y;
  double pad = cell_pad (w);
  g_autoptr(PangoLayout) layout =
    text_layout (job, text, FALSE, FONT_CELL, w - 2 * pad, ALIGN_CENTER, FALSE);
  double th;

  /* a short run on a continuation page: ellipsise rather than overflow */
  pango_layout_set_height (layout, (int) ((h - 2 * CELL_VPAD) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  th = layout_height (layout);

  draw_box (cr, x, y, w, h, FILL_NONE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_layout_at (cr, layout, x + pad, y + MAX (CELL_VPAD, (h - th) / 2));
}

/* Walking: placing blocks on pages ------------------------------------------- */

static void
walk_new_page (Walk *w)
{
  w->page++;
  w->y = w->top;
}

static void
walk_table_head (Walk   *w,
                 STable *table)
{
  if (walk_draws (w))
    {
      for (guint i = 0; i < table->head->len; i++)
        {
          SCell *cell = &g_array_index (table->head, SCell, i);
          double y = w->y;
          double h = 0;

          for (guint r = 0; r < cell->row; r++)
            y += table->head_heights[r];
          for (guint r = cell->row; r < MIN (cell->row + cell->rowspan, table->n_head_rows); r++)
            h += table->head_heights[r];
          draw_cell (w->job, w->cr, cell, table->col_x[cell->col], y,
                     span_width (table, cell->col, cell->colspan), h);
        }
    }
  w->y += table_head_height (table);
}

/* rows @start..@end-1 are on the current page: draw their merged cells */
static void
walk_table_segment_end (Walk   *w,
                        STable *table,
                        guint   start,
                        guint   end)
{
  if (!walk_draws (w))
    return;

  for (guint level = 0; level < table->n_levels; level++)
    {
      guint i = start;

      while (i < end)
        {
          SRow *first = g_ptr_array_index (table->body, i);
          int group = first->levels[level];
          guint j = i + 1;

          if (group < 0)
            {
              i++;
              continue;
            }
          while (j < end && ((SRow *) g_ptr_array_index (table->body, j))->levels[level] == group)
            j++;
          draw_merged (w->job, w->cr, table, level, group, first,
                       g_ptr_array_index (table->body, j - 1));
          i = j;
        }
    }
}

static void
walk_table (Walk   *w,
            SBlock *block)
{
  STable *table = block->table;
  guint start = 0;

  if (w->y > w->top && w->y + block_min_height (block) > w->bottom)
    walk_new_page (w);
  walk_table_head (w, table);

  for (guint i = 0; i < table->body->len; i++)
    {
      SRow *row = g_ptr_array_index (table->body, i);

      if (i > start && w->y + chain_height (table, i) > w->bottom)
        {
          walk_table_segment_end (w, table, start, i);
          walk_new_page (w);
          walk_table_head (w, table);
          start = i;
        }

      row->page = w->page;
      row->y = w->y;
      if (walk_draws (w))
        for (guint c = 0; c < row->cells->len; c++)
          {
            SCell *cell = &g_array_index (row->cells, SCell, c);

            draw_cell (w->job, w->cr, cell, table->col_x[cell->col], w->y,
                       span_width (table, cell->col, cell->colspan), row->height);
          }
      w->y += row->height;
    }
  walk_table_segment_end (w, table, start, table->body->len);
  w->y += block->space_after;
}

static void
walk_text (Walk   *w,
           SBlock *block,
           SBlock *next)
{
  double need = block->space_before + block->height;

  if (block->keep_with_next && next != NULL)
    need += block_min_height (next);
  if (w->y > w->top && w->y + need > w->bottom)
    walk_new_page (w);
  if (w->y > w->top)
    w->y += block->space_before;

  if (walk_draws (w))
    {
      g_autoptr(PangoLayout) layout =
        text_layout (w->job, block->markup, TRUE, block->font,
                     w->right - w->left, block->align, FALSE);

      if (block->hang > 0)
        pango_layout_set_indent (layout, (int) (-block->hang * PANGO_SCALE));
      cairo_set_source_rgb (w->cr, 0, 0, 0);
      draw_layout_at (w->cr, layout, w->left, w->y);
    }
  w->y += block->height + block->space_after;
}

static void
draw_footer (Walk *w)
{
  GxSheetJob *job = w->job;
  cairo_t *cr = w->cr;
  double third = (w->right - w->left) / 3;
  double y = w->bottom + 6;
  g_autofree char *page = g_strdup_printf (_("Page %u of %u"), w->target + 1, w->sheet->n_pages);
  g_autofree char *date = g_date_time_format (job->date, "%Y-%m-%d");
  g_autofree char *printed = g_strdup_printf (_("Printed %s"), date);
  g_autoptr(PangoLayout) left = text_layout (job, w->sheet->footer_left, FALSE, FONT_SMALL, third, ALIGN_LEFT, FALSE);
  g_autoptr(PangoLayout) center = text_layout (job, page, FALSE, FONT_SMALL, third, ALIGN_CENTER, FALSE);
  g_autoptr(PangoLayout) right = text_layout (job, printed, FALSE, FONT_SMALL, third, ALIGN_RIGHT, FALSE);

  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_MIDDLE);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_move_to (cr, w->left, y);
  cairo_line_to (cr, w->right, y);
  cairo_stroke (cr);
  draw_layout_at (cr, left, w->left, y + 3);
  draw_layout_at (cr, center, w->left + third, y + 3);
  draw_layout_at (cr, right, w->left + 2 * third, y + 3);
}

/* Places every block of @sheet; draws page @target when @cr is set.
 * Returns the number of pages. */
static guint
walk_sheet (GxSheetJob *job,
            SSheet     *sheet,
            cairo_t    *cr,
            guint       target)
{
  Walk w = { 0 };

  w.job = job;
  w.sheet = sheet;
  w.cr = cr;
  w.target = target;
  w.top = job->margin_top;
  w.bottom = job->height - job->margin_bottom - FOOTER_HEIGHT;
  w.left = job->margin_left;
  w.right = job->width - job->margin_right;
  w.y = w.top;

  for (guint i = 0; i < sheet->blocks->len; i++)
    {
      SBlock *block = g_ptr_array_index (sheet->blocks, i);
      SBlock *next = i + 1 < sheet->blocks->len ? g_ptr_array_index (sheet->blocks, i + 1) : NULL;

      if (block->kind == BLOCK_TEXT)
        walk_text (&w, block, next);
      else
        walk_table (&w, block);
      if (cr != NULL && w.page > target)
        break;   /* the rest is on later pages */
    }

  if (cr != NULL)
    draw_footer (&w);
  return w.page + 1;
}

/* Building the sheets from a report ----------------------------------------- */

typedef struct
{
  GxReport *report;
  guint8 *fill;          /* per cell */
  char **markers;        /* per cell */
  char **row_markers;    /* per row: findings about the whole row */
} Marks;

static void
marks_clear (Marks *marks)
{
  guint n = gx_schema_n_cells ();

  for (guint i = 0; i < n; i++)
    g_free (marks->markers[i]);
  for (guint i = 0; i < gx_schema_n_rows (); i++)
    g_free (marks->row_markers[i]);
  g_free (marks->markers);
  g_free (marks->row_markers);
  g_free (marks->fill);
}

static char *
marker_symbol (guint number)
{
  if (number >= 1 && number <= 20)
    {
      char buf[8];
      int len = g_unichar_to_utf8 (0x2460 + number - 1, buf);

      buf[len] = '\0';
      return g_strdup (buf);
    }
  return g_strdup_printf ("(%u)", number);
}

static char *
value_text (GxReport *report,
            guint     cell,
            gboolean *invalid)
{
  gint64 value;

  *invalid = FALSE;
  switch (gx_report_get_cell (report, cell, &value))
    {
    case GX_CELL_VALUE:
      return gx_value_format (value);
    case GX_CELL_INVALID:
      *invalid = TRUE;
      return g_strdup (gx_report_get_raw (report, cell));
    case GX_CELL_BLANK:
    default:
      return g_strdup ("");
    }
}

static void
add_value_cell (SRow     *row,
                Marks    *marks,
                guint     cell_index,
                guint     col,
                guint     colspan)
{
  gboolean invalid;
  g_autofree char *text = value_text (marks->report, cell_index, &invalid);
  SCell *cell = srow_add (row, col, colspan, text, FONT_CELL,
                          invalid ? ALIGN_LEFT : ALIGN_RIGHT,
                          marks->fill[cell_index]);

  cell->invalid = invalid;
  cell->marker = g_strdup (marks->markers[cell_index]);
}

static void
add_section_heading (SSheet   *sheet,
                     GxSection section)
{
  const GxSchemaSection *s = gx_schema_section (section);
  g_autofree char *text = g_strdup_printf ("%s、%s", s->number_zh, s->label_zh);
  SBlock *block = sheet_add_plain (sheet, text, FONT_HEADING, ALIGN_LEFT, 8, 4);

  block->keep_with_next = TRUE;
}

/* The official tables as gx-form-layout.c lays them out from the template
 * (the one layout the Word export uses too): the header cells go into the
 * table's head, the body rows become rows, and the merged group cells of
 * section 三 become the rows' levels, which walk_table_segment_end() draws
 * page by page. */
static STable *
build_table (Marks     *marks,
             GxSection  section)
{
  g_autoptr(GxFormTable) layout = gx_form_table_new (section, gx_report_get_format (marks->report));
  g_autofree SRow **rows = g_new0 (SRow *, layout->n_rows);
  guint n_levels = 0;
  STable *table;

  for (guint i = 0; i < layout->cells->len; i++)
    {
      const GxLayoutCell *c = &g_array_index (layout->cells, GxLayoutCell, i);

      if (c->kind == GX_LAYOUT_LABEL && c->group >= 0)
        n_levels = MAX (n_levels, MIN (c->col + 1, MAX_LEVELS - 1));
    }
  table = stable_new (gx_schema_section (section)->key, layout->n_cols, layout->widths,
                      n_levels, layout->n_head_rows);
  for (guint r = layout->n_head_rows; r < layout->n_rows; r++)
    {
      rows[r] = srow_new (NULL);
      rows[r]->keep_with_next = layout->keep_with_next[r];
    }

  for (guint i = 0; i < layout->cells->len; i++)
    {
      const GxLayoutCell *c = &g_array_index (layout->cells, GxLayoutCell, i);
      const char *row_marker = c->schema_row >= 0 ? marks->row_markers[c->schema_row] : NULL;
      SRow *row = rows[c->row];

      if (c->row < layout->n_head_rows)
        {
          SCell *head = stable_add_head (table, c->row, c->rowspan, c->col, c->colspan, c->text);

          /* whole-row findings of section 四 are marked on its row heads */
          head->marker = g_strdup (row_marker);
          /* the long balance note in the corner of section 三 */
          head->balanced = c->rowspan < layout->n_head_rows;
          continue;
        }
      switch (c->kind)
        {
        case GX_LAYOUT_TITLE:
          srow_add (row, c->col, c->colspan, c->text, FONT_CELL_BOLD, ALIGN_CENTER, FILL_HEAD);
          break;
        case GX_LAYOUT_HEAD:
          srow_add (row, c->col, c->colspan, c->text, FONT_CELL, ALIGN_CENTER, FILL_HEAD);
          break;
        case GX_LAYOUT_LABEL:
          if (c->group >= 0 && c->col < n_levels)
            {
              for (guint r = c->row; r < c->row + c->rowspan; r++)
                rows[r]->levels[c->col] = c->group;
              break;
            }
          /* whole-row findings (ambiguous_layout) are marked on the label */
          srow_add (row, c->col, c->colspan, c->text, FONT_CELL, ALIGN_LEFT, FILL_NONE)->marker =
            g_strdup (row_marker);
          if (c->schema_row >= 0)
            {
              g_free (row->label);
              row->label = g_strdup (c->text);
            }
          break;
        case GX_LAYOUT_VALUE:
        default:
          add_value_cell (row, marks, (guint) c->cell, c->col, c->colspan);
          break;
        }
    }

  for (guint r = layout->n_head_rows; r < layout->n_rows; r++)
    {
      /* the one row of section 四 is named after the section */
      if (rows[r]->label == NULL && section == GX_SECTION_REVIEW_LITIGATION)
        rows[r]->label = g_strdup (gx_schema_section (section)->label_zh);
      g_ptr_array_add (table->body, rows[r]);
    }
  return table;
}

/* Numbers the errors and warnings, tints the cells they involve, and adds
 * the findings list; notes (blank cells) are only counted. */
static void
mark_findings (Marks     *marks,
               GPtrArray *findings)
{
  guint n = gx_schema_n_cells ();
  guint number = 0;

  marks->fill = g_new0 (guint8, n);
  marks->markers = g_new0 (char *, n);
  marks->row_markers = g_new0 (char *, gx_schema_n_rows ());

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);
      GxSeverity severity = gx_finding_get_severity (f);
      Fill fill = severity == GX_SEVERITY_ERROR ? FILL_ERROR : FILL_WARNING;
      guint n_cells = 0;
      const guint *cells;
      guint anchor = gx_finding_get_cell (f);
      g_autofree char *symbol = NULL;
      char **slot;

      /* dismissed findings are left out (add_findings_list counts them) */
      if (severity == GX_SEVERITY_NOTE || gx_finding_get_review (f) == GX_REVIEW_DISMISSED)
        continue;
      symbol = marker_symbol (++number);
      /* numbered in the list, but about the text: no cell is marked */
      if (!gx_finding_has_cell (f))
        continue;

      cells = gx_finding_get_cells (f, &n_cells);
      for (guint c = 0; c < n_cells; c++)
        if (cells[c] < n && marks->fill[cells[c]] < fill)
          marks->fill[cells[c]] = fill;
      if (anchor < n && marks->fill[anchor] < fill)
        marks->fill[anchor] = fill;

      if (anchor >= n)
        continue;
      /* a finding about a whole row is marked on the row's label */
      if (gx_finding_get_column_key (f) == NULL)
        slot = &marks->row_markers[gx_schema_cell (anchor)->row->index];
      else
        slot = &marks->markers[anchor];
      if (*slot == NULL)
        *slot = g_strdup (symbol);
      else
        {
          char *joined = g_strconcat (*slot, symbol, NULL);

          g_free (*slot);
          *slot = joined;
        }
    }
}

static void
add_findings_list (SSheet    *sheet,
                   GPtrArray *findings,
                   gboolean   rollup)
{
  g_autoptr(GHashTable) note_counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GList) note_rules = NULL;
  SBlock *block;
  guint number = 0;
  guint n_dismissed = 0;

  block = sheet_add_plain (sheet, rollup ? _("Findings on the sums") : _("Findings"),
                           FONT_HEADING, ALIGN_LEFT, 8, 4);
  block->keep_with_next = TRUE;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      GxFinding *f = g_ptr_array_index (findings, i);
      GxSeverity severity = gx_finding_get_severity (f);
      g_autofree char *symbol = NULL;
      g_autofree char *message = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *review = NULL;
      const char *note = gx_finding_get_review_note (f);

      if (gx_finding_get_review (f) == GX_REVIEW_DISMISSED)
        {
          n_dismissed++;
          continue;
        }
      if (severity == GX_SEVERITY_NOTE)
        {
          const char *rule = gx_finding_get_rule (f);

          g_hash_table_insert (note_counts, (gpointer) rule,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (note_counts, rule)) + 1));
          continue;
        }
      symbol = marker_symbol (++number);
      message = g_markup_escape_text (gx_finding_get_message (f), -1);
      if (gx_finding_get_review (f) == GX_REVIEW_CONFIRMED)
        {
          g_autofree char *state = note
            /* TRANSLATORS: a finding a reviewer confirmed, with the note: "已确认：…" */
            ? g_strdup_printf (_("confirmed: %s"), note)
            : g_strdup (_("confirmed"));

          review = g_markup_escape_text (state, -1);
        }
      markup = g_strdup_printf ("<span foreground=\"#c00000\" weight=\"bold\">%s %s</span>　%s%s%s%s",
                                symbol, gx_severity_to_label (severity), message,
                                review ? "　<i>(" : "", review ? review : "", review ? ")</i>" : "");
      block = sheet_add_text (sheet, markup, FONT_BODY, ALIGN_LEFT, 2, 1);
      block->hang = 14;
    }

  if (number == 0)
    sheet_add_plain (sheet, _("No errors or warnings."), FONT_BODY, ALIGN_LEFT, 2, 1);
  if (n_dismissed > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u dismissed finding not shown.",
                                                            "%u dismissed findings not shown.",
                                                            n_dismissed), n_dismissed);

      sheet_add_plain (sheet, text, FONT_BODY, ALIGN_LEFT, 2, 1);
    }

  note_rules = g_hash_table_get_keys (note_counts);
  note_rules = g_list_sort (note_rules, (GCompareFunc) g_strcmp0);
  for (GList *l = note_rules; l != NULL; l = l->next)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (note_counts, l->data));
      g_autofree char *text = NULL;

      if (g_strcmp0 (l->data, GX_RULE_BLANK_CELL) == 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Notes: %u cell was left blank and read as 0 (not listed one by one).",
                                             "Notes: %u cells were left blank and read as 0 (not listed one by one).",
                                             count), count);
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Notes: %u note of rule %s (not listed one by one).",
                                             "Notes: %u notes of rule %s (not listed one by one).",
                                             count), count, (const char *) l->data);
      sheet_add_plain (sheet, text, FONT_BODY, ALIGN_LEFT, 3, 1);
    }
}

static void
add_tables (SSheet *sheet,
            Marks  *marks)
{
  for (GxSection s = 0; s < GX_N_SECTIONS; s++)
    {
      add_section_heading (sheet, s);
      sheet_add_table (sheet, build_table (marks, s));
    }
}

/* The rates an evaluator reads at a glance (gx-rates.c): name, value, and
 * on paper, where there is no tooltip, the definition and the figures. */
static void
add_rates (SSheet   *sheet,
           GxReport *report)
{
  static const double frac[] = { 0.18, 0.12, 0.70 };
  STable *table = stable_new ("rates", 3, frac, 0, 0);
  SRow *head = srow_new (NULL);
  SBlock *block = sheet_add_plain (sheet, _("Rates"), FONT_HEADING, ALIGN_LEFT, 8, 4);

  block->keep_with_next = TRUE;
  srow_add (head, 0, 1, _("Rate"), FONT_CELL, ALIGN_CENTER, FILL_HEAD);
  srow_add (head, 1, 1, _("Value"), FONT_CELL, ALIGN_CENTER, FILL_HEAD);
  srow_add (head, 2, 1, _("Definition"), FONT_CELL, ALIGN_CENTER, FILL_HEAD);
  head->keep_with_next = TRUE;
  g_ptr_array_add (table->body, head);
  for (guint r = 0; r < GX_N_RATES; r++)
    {
      const char *label = gx_rate_to_label ((GxRate) r);
      g_autofree char *value = gx_rate_format (report, (GxRate) r);
      g_autofree char *definition = NULL;
      gint64 numerator = 0, denominator = 0;
      SRow *row = srow_new (label);

      if (gx_rate_compute (report, (GxRate) r, &numerator, &denominator, NULL))
        {
          /* counts, as gx_rate_compute() gives them (whole units) */
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, numerator);
          g_autofree char *d = g_strdup_printf ("%" G_GINT64_FORMAT, denominator);

          /* TRANSLATORS: on the summary sheet: a rate's definition and "= 71 / 218" */
          definition = g_strdup_printf (_("%s = %s / %s"), gx_rate_to_formula ((GxRate) r), n, d);
        }
      else
        definition = g_strdup (gx_rate_to_formula ((GxRate) r));
      srow_add (row, 0, 1, label, FONT_CELL, ALIGN_LEFT, FILL_NONE);
      srow_add (row, 1, 1, value, FONT_CELL, ALIGN_RIGHT, FILL_NONE);
      srow_add (row, 2, 1, definition, FONT_CELL, ALIGN_LEFT, FILL_NONE);
      g_ptr_array_add (table->body, row);
    }
  sheet_add_table (sheet, table);
}

static char *
counts_text (guint n_errors,
             guint n_warnings,
             guint n_notes)
{
  g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors), n_errors);
  g_autofree char *w = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings), n_warnings);
  g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes), n_notes);

  /* Translators: "1 error, 0 warnings, 3 notes" */
  return g_strdup_printf (_("%s, %s, %s"), e, w, n);
}

static GPtrArray *
report_findings (GxReport *report)
{
  GPtrArray *findings = gx_report_get_findings (report);

  if (findings == NULL)
    {
      g_autoptr(GPtrArray) fresh = gx_rules_check (report);

      findings = gx_report_get_findings (report);
    }
  return findings;
}

static void
add_title (SSheet     *sheet,
           const char *issuer,
           const char *years,
           const char *info)
{
  g_autofree char *subtitle = NULL;

  sheet->title = sheet_add_plain (sheet, issuer, FONT_TITLE, ALIGN_CENTER, 0, 4);
  /* the document's own title, as on the official form: never translated */
  subtitle = g_strdup_printf ("%s政府信息公开工作年度报告数据汇总", years);
  sheet_add_plain (sheet, subtitle, FONT_SUBTITLE, ALIGN_CENTER, 0, 4);
  sheet_add_plain (sheet, info, FONT_INFO, ALIGN_CENTER, 0, 4);
}

/* 填报人：张三　审核人：______　负责人：______　日期：______ — a name set
 * (gx_sheet_job_set_signoff()) or a line to write it on */
static char *
signoff_markup (GxSheetJob *job)
{
  static const char *const blank = "____________";
  const char *labels[3];
  GString *s = g_string_new (NULL);

  /* TRANSLATORS: the sign-off block at the end of a summary sheet */
  labels[0] = _("Prepared by");
  labels[1] = _("Reviewed by");
  labels[2] = _("Head of office");
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = job->signoff[i] ? g_markup_escape_text (job->signoff[i], -1) : NULL;

      /* TRANSLATORS: a field of the sign-off block: "填报人：张三" */
      g_string_append_printf (s, _("%s: %s"), labels[i], name ? name : blank);
      g_string_append (s, "    ");
    }
  g_string_append_printf (s, _("%s: %s"), _("Date"), blank);
  return g_string_free (s, FALSE);
}

static void
add_signoff (GxSheetJob *job,
             SSheet     *sheet)
{
  g_autofree char *markup = signoff_markup (job);

  sheet->signoff = sheet_add_text (sheet, markup, FONT_BODY, ALIGN_LEFT, 24, 0);
}

static char *
year_text (int year)
{
  return year > 0 ? g_strdup_printf ("%d年", year) : g_strdup ("");
}

/* Public API ------------------------------------------------------------------- */

GxSheetJob *
gx_sheet_job_new (void)
{
  GxSheetJob *job = g_new0 (GxSheetJob, 1);
  PangoFontMap *fontmap = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options;
  const char *family = gx_sheet_font_family ();

  job->sheets = g_ptr_array_new_with_free_func (ssheet_free);
  job->date = g_date_time_new_now_local ();
  job->margin_top = job->margin_right = job->margin_bottom = job->margin_left = 15 * MM;

  /* 72 dpi: one point of font size is one unit of the page.  No hinting, so
   * that measuring without a surface and drawing on one give one size. */
  job->pango = pango_font_map_create_context (fontmap);
  pango_cairo_context_set_resolution (job->pango, 72.0);
  pango_context_set_round_glyph_positions (job->pango, FALSE);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (job->pango, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < N_FONTS; i++)
    {
      job->fonts[i] = pango_font_description_new ();
      pango_font_description_set_family (job->fonts[i], family);
      pango_font_description_set_size (job->fonts[i], (int) (font_specs[i].size * PANGO_SCALE));
      pango_font_description_set_weight (job->fonts[i],
                                         font_specs[i].bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }
  return job;
}

void
gx_sheet_job_free (GxSheetJob *job)
{
  if (job == NULL)
    return;
  g_ptr_array_unref (job->sheets);
  g_date_time_unref (job->date);
  for (guint i = 0; i < G_N_ELEMENTS (job->signoff); i++)
    g_free (job->signoff[i]);
  g_object_unref (job->pango);
  for (guint i = 0; i < N_FONTS; i++)
    pango_font_description_free (job->fonts[i]);
  g_free (job);
}

void
gx_sheet_job_set_date (GxSheetJob *job,
                       GDateTime  *date)
{
  g_return_if_fail (job != NULL && date != NULL);
  g_date_time_unref (job->date);
  job->date = g_date_time_ref (date);
}

void
gx_sheet_job_set_margins (GxSheetJob *job,
                          double      top,
                          double      right,
                          double      bottom,
                          double      left)
{
  job->margin_top = top;
  job->margin_right = right;
  job->margin_bottom = bottom;
  job->margin_left = left;
}

void
gx_sheet_job_add_report (GxSheetJob *job,
                         GxReport   *report)
{
  SSheet *sheet = ssheet_new ();
  GPtrArray *findings = report_findings (report);
  g_autofree char *years = year_text (gx_report_get_year (report));
  g_autofree char *counts = counts_text (gx_report_get_n_errors (report),
                                         gx_report_get_n_warnings (report),
                                         gx_report_get_n_notes (report));
  const char *source = gx_report_get_source (report);
  g_autofree char *info = NULL;
  Marks marks = { report, NULL, NULL, NULL };

  if (source != NULL && *source != '\0')
    info = g_strdup_printf (_("Source: %s · Check: %s"), source, counts);
  else
    info = g_strdup_printf (_("Check: %s"), counts);

  mark_findings (&marks, findings);
  add_title (sheet, gx_report_get_issuer (report) ? gx_report_get_issuer (report) : _("(issuer unknown)"),
             years, info);
  add_tables (sheet, &marks);
  add_rates (sheet, report);
  add_findings_list (sheet, findings, FALSE);
  marks_clear (&marks);
  add_signoff (job, sheet);

  sheet->footer_left = g_strdup (source && *source ? source : gx_report_get_issuer (report));
  if (sheet->footer_left == NULL)
    sheet->footer_left = g_strdup ("");
  g_ptr_array_add (job->sheets, sheet);
  job->n_pages = 0;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  GxReport *ra = *(GxReport **) a;
  GxReport *rb = *(GxReport **) b;
  int c = g_strcmp0 (gx_report_get_issuer (ra), gx_report_get_issuer (rb));

  return c != 0 ? c : gx_report_get_year (ra) - gx_report_get_year (rb);
}

void
gx_sheet_job_add_rollup (GxSheetJob *job,
                         GxReport   *rollup,
                         GPtrArray  *members,
                         const char *scope)
{
  static const double frac[] = { 0.07, 0.38, 0.08, 0.31, 0.08, 0.08 };
  SSheet *sheet = ssheet_new ();
  g_autoptr(GPtrArray) findings = gx_rules_check (rollup);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint n = members ? members->len : 0;
  int min_year = G_MAXINT, max_year = 0;
  guint member_errors = 0, member_warnings = 0;
  g_autofree char *years = NULL;
  g_autofree char *title = NULL;
  g_autofree char *info = NULL;
  g_autofree char *counts = NULL;
  const char *common_issuer = NULL;
  gboolean one_issuer = TRUE;
  Marks marks = { rollup, NULL, NULL, NULL };
  STable *table;
  SRow *head;
  SBlock *block;

  for (guint i = 0; i < n; i++)
    {
      GxReport *m = g_ptr_array_index (members, i);
      int year = gx_report_get_year (m);

      g_ptr_array_add (sorted, m);
      if (year > 0)
        {
          min_year = MIN (min_year, year);
          max_year = MAX (max_year, year);
        }
      member_errors += gx_report_get_n_errors (m);
      member_warnings += gx_report_get_n_warnings (m);
      if (i == 0)
        common_issuer = gx_report_get_issuer (m);
      else if (g_strcmp0 (common_issuer, gx_report_get_issuer (m)) != 0)
        one_issuer = FALSE;
    }
  g_ptr_array_sort (sorted, compare_members);

  if (max_year == 0)
    years = g_strdup ("");
  else if (min_year == max_year)
    years = g_strdup_printf ("%d年", min_year);
  else
    years = g_strdup_printf ("%d—%d年", min_year, max_year);

  if (scope != NULL && *scope != '\0')
    title = g_strdup (scope);
  else if (n > 0 && one_issuer && common_issuer != NULL)
    title = g_strdup (common_issuer);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Roll-up of %u report", "Roll-up of %u reports", n), n);

  counts = counts_text (gx_report_get_n_errors (rollup), gx_report_get_n_warnings (rollup),
                        gx_report_get_n_notes (rollup));
  info = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Roll-up of %u report · check of the sums: %s · %u errors and %u warnings in the reports themselves",
                                       "Roll-up of %u reports · check of the sums: %s · %u errors and %u warnings in the reports themselves",
                                       n),
                          n, counts, member_errors, member_warnings);

  mark_findings (&marks, findings);
  add_title (sheet, title, years, info);
  add_tables (sheet, &marks);
  add_findings_list (sheet, findings, TRUE);
  marks_clear (&marks);

  block = sheet_add_plain (sheet, _("Reports included"), FONT_HEADING, ALIGN_LEFT, 10, 4);
  block->keep_with_next = TRUE;

  table = stable_new ("members", G_N_ELEMENTS (frac), frac, 0, 1);
  head = NULL;
  stable_add_head (table, 0, 1, 0, 1, _("No."));
  stable_add_head (table, 0, 1, 1, 1, _("Issuer"));
  stable_add_head (table, 0, 1, 2, 1, _("Year"));
  stable_add_head (table, 0, 1, 3, 1, _("Source file"));
  stable_add_head (table, 0, 1, 4, 1, _("Errors"));
  stable_add_head (table, 0, 1, 5, 1, _("Warnings"));
  for (guint i = 0; i < sorted->len; i++)
    {
      GxReport *m = g_ptr_array_index (sorted, i);
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *year = g_strdup_printf ("%d", gx_report_get_year (m));
      g_autofree char *errors = g_strdup_printf ("%u", gx_report_get_n_errors (m));
      g_autofree char *warnings = g_strdup_printf ("%u", gx_report_get_n_warnings (m));
      SRow *row = srow_new (gx_report_get_issuer (m));

      srow_add (row, 0, 1, no, FONT_CELL, ALIGN_RIGHT, FILL_NONE);
      srow_add (row, 1, 1, gx_report_get_issuer (m), FONT_CELL, ALIGN_LEFT, FILL_NONE);
      srow_add (row, 2, 1, year, FONT_CELL, ALIGN_CENTER, FILL_NONE);
      srow_add (row, 3, 1, gx_report_get_source (m), FONT_CELL, ALIGN_LEFT, FILL_NONE);
      srow_add (row, 4, 1, errors, FONT_CELL, ALIGN_RIGHT,
                gx_report_get_n_errors (m) > 0 ? FILL_ERROR : FILL_NONE);
      srow_add (row, 5, 1, warnings, FONT_CELL, ALIGN_RIGHT,
                gx_report_get_n_warnings (m) > 0 ? FILL_WARNING : FILL_NONE);
      g_ptr_array_add (table->body, row);
    }
  (void) head;
  sheet_add_table (sheet, table);
  add_signoff (job, sheet);
  sheet->rollup = TRUE;

  sheet->footer_left = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Roll-up of %u report",
                                                     "Roll-up of %u reports", n), n);
  g_ptr_array_add (job->sheets, sheet);
  job->n_pages = 0;
}

void
gx_sheet_job_set_signoff (GxSheetJob *job,
                          const char *preparer,
                          const char *reviewer,
                          const char *head)
{
  const char *names[3] = { preparer, reviewer, head };

  g_return_if_fail (job != NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = names[i] ? g_strstrip (g_strdup (names[i])) : NULL;

      g_free (job->signoff[i]);
      job->signoff[i] = name && *name ? g_steal_pointer (&name) : NULL;
    }
  for (guint i = 0; i < job->sheets->len; i++)
    {
      SSheet *sheet = g_ptr_array_index (job->sheets, i);

      if (sheet->signoff == NULL)
        continue;
      g_free (sheet->signoff->markup);
      sheet->signoff->markup = signoff_markup (job);
      sheet->signoff->height = -1;
    }
  job->n_pages = 0;
}

void
gx_sheet_job_set_rollup_title (GxSheetJob *job,
                               const char *title)
{
  g_return_if_fail (job != NULL);

  if (title == NULL || *title == '\0')
    return;
  for (guint i = 0; i < job->sheets->len; i++)
    {
      SSheet *sheet = g_ptr_array_index (job->sheets, i);

      if (!sheet->rollup || sheet->title == NULL)
        continue;
      g_free (sheet->title->markup);
      sheet->title->markup = g_markup_escape_text (title, -1);
      sheet->title->height = -1;
    }
  job->n_pages = 0;
}

guint
gx_sheet_job_get_n_sheets (GxSheetJob *job)
{
  return job->sheets->len;
}

guint
gx_sheet_job_paginate (GxSheetJob *job,
                       double      width,
                       double      height)
{
  g_return_val_if_fail (job != NULL, 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);

  job->width = width;
  job->height = height;
  job->n_pages = 0;
  for (guint i = 0; i < job->sheets->len; i++)
    {
      SSheet *sheet = g_ptr_array_index (job->sheets, i);

      measure_sheet (job, sheet);
      sheet->first_page = job->n_pages;
      sheet->n_pages = walk_sheet (job, sheet, NULL, 0);
      job->n_pages += sheet->n_pages;
    }
  return job->n_pages;
}

guint
gx_sheet_job_get_n_pages (GxSheetJob *job)
{
  return job->n_pages;
}

void
gx_sheet_job_draw_page (GxSheetJob *job,
                        cairo_t    *cr,
                        guint       page)
{
  g_return_if_fail (job != NULL && cr != NULL);
  g_return_if_fail (page < job->n_pages);

  for (guint i = 0; i < job->sheets->len; i++)
    {
      SSheet *sheet = g_ptr_array_index (job->sheets, i);

      if (page >= sheet->first_page && page < sheet->first_page + sheet->n_pages)
        {
          cairo_save (cr);
          pango_cairo_update_context (cr, job->pango);
          walk_sheet (job, sheet, cr, page - sheet->first_page);
          cairo_restore (cr);
          return;
        }
    }
}

void
gx_sheet_job_foreach_row (GxSheetJob     *job,
                          GxSheetRowFunc  func,
                          gpointer        user_data)
{
  double content_bottom = job->height - job->margin_bottom - FOOTER_HEIGHT;

  for (guint s = 0; s < job->sheets->len; s++)
    {
      SSheet *sheet = g_ptr_array_index (job->sheets, s);

      /* positions of the last walk: walk once more to be sure they are ours */
      walk_sheet (job, sheet, NULL, 0);
      for (guint b = 0; b < sheet->blocks->len; b++)
        {
          SBlock *block = g_ptr_array_index (sheet->blocks, b);

          if (block->kind != BLOCK_TABLE)
            continue;
          for (guint r = 0; r < block->table->body->len; r++)
            {
              SRow *row = g_ptr_array_index (block->table->body, r);

              func (s, sheet->first_page + row->page, block->table->name,
                    row->label, row->y, row->y + row->height, content_bottom, user_data);
            }
        }
    }
}
