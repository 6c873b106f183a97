/* gx-assembler.c: from rows of cells to a GxReport
 *
 * The readers only cut their file into prose lines and table rows.  Here we
 * find what they mean:
 *
 *  - the issuer and year, from the title (one or two lines), from a first
 *    sentence such as "…向社会公布北戴河区人民政府办公室2022年政府信息公开
 *    工作年度报告", or from the signature and date at the end;
 *  - the three section headings, by their text (the numbering printed in
 *    front of them is unreliable: Haidian numbers section 三 "2、");
 *  - in each section, the rows, by the rightmost cell that carries a label
 *    of the template (gx-schema.c);
 *  - the values of a row.  When a row gives as many values as the template
 *    has columns, they go in order.  When it gives fewer (the pipe layout
 *    drops empty cells), they are placed so that the row's own total holds,
 *    the leftmost such placement winning, and the cells are flagged
 *    GX_CELL_FLAG_INFERRED (the ambiguous_layout rule reports them).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-assembler.h"
#include "gx-reader.h"
#include "gx-text.h"

typedef struct
{
  const char *text;   /* in the document's string chunk or its text */
  guint line;
} DocCell;

/* A row's cells are a run of the document's cell array: readers give a row
 * all its cells before they start the next row or line. */
struct _GxDocRow
{
  GxDocument *doc;
  guint line;
  gboolean collapsed;
  guint first;        /* in doc->cells */
  guint n_cells;
};

typedef struct
{
  const char *text;   /* a prose line; NULL for a row */
  guint line;
  GxDocRow *row;
  int heading;        /* match_heading() of text, once known */
} Block;

#define HEADING_UNKNOWN (-2)

struct _GxDocument
{
  char *source_name;
  GArray *blocks;     /* Block */
  DocCell *cells;     /* of every row, n_cells of them; a report has some 400 */
  guint n_cells;
  guint cells_size;
  GPtrArray *rows;    /* GxDocRow, owned */
  GStringChunk *strings;
  char *text;         /* gx_document_take_text() */
};

#define BLOCK(doc, i) (&g_array_index ((doc)->blocks, Block, (i)))
#define DOC_CELL(row, i) (&(row)->doc->cells[(row)->first + (i)])

/* Document building ------------------------------------------------------------ */

GxDocument *
gx_document_new (const char *source_name)
{
  GxDocument *doc = g_new0 (GxDocument, 1);

  doc->source_name = g_strdup (source_name ? source_name : "?");
  /* a report has about 50 rows of 7 cells and as many lines of prose */
  doc->blocks = g_array_sized_new (FALSE, TRUE, sizeof (Block), 128);
  doc->cells_size = 512;
  doc->cells = g_new (DocCell, doc->cells_size);
  doc->rows = g_ptr_array_new_full (64, g_free);
  doc->strings = g_string_chunk_new (4 * 1024);
  return doc;
}

void
gx_document_free (GxDocument *doc)
{
  if (doc == NULL)
    return;
  g_array_unref (doc->blocks);
  g_free (doc->cells);
  g_ptr_array_unref (doc->rows);
  g_string_chunk_free (doc->strings);
  g_free (doc->text);
  g_free (doc->source_name);
  g_free (doc);
}

void
gx_document_take_text (GxDocument *doc,
                       char       *text)
{
  g_return_if_fail (doc->text == NULL);
  doc->text = text;
}

void
gx_document_add_line (GxDocument *doc,
                      const char *text,
                      guint       line)
{
  Block block = { g_string_chunk_insert (doc->strings, text), line, NULL, HEADING_UNKNOWN };

  g_array_append_val (doc->blocks, block);
}

void
gx_document_add_line_static (GxDocument *doc,
                             const char *text,
                             guint       line)
{
  Block block = { text, line, NULL, HEADING_UNKNOWN };

  g_array_append_val (doc->blocks, block);
}

GxDocRow *
gx_document_add_row (GxDocument *doc,
                     guint       line,
                     gboolean    collapsed)
{
  GxDocRow *row = g_new (GxDocRow, 1);
  Block block = { NULL, line, row, HEADING_UNKNOWN };

  row->doc = doc;
  row->line = line;
  row->collapsed = collapsed;
  row->first = doc->n_cells;
  row->n_cells = 0;
  g_ptr_array_add (doc->rows, row);
  g_array_append_val (doc->blocks, block);
  return row;
}

static void
row_add_cell (GxDocRow   *row,
              const char *text,
              guint       line)
{
  GxDocument *doc = row->doc;

  /* only the last row grows: its cells stay one run */
  g_return_if_fail (row->first + row->n_cells == doc->n_cells);
  if (doc->n_cells == doc->cells_size)
    {
      doc->cells_size *= 2;
      doc->cells = g_renew (DocCell, doc->cells, doc->cells_size);
    }
  doc->cells[doc->n_cells++] = (DocCell) { text, line };
  row->n_cells++;
}

void
gx_doc_row_add_cell (GxDocRow   *row,
                     const char *text,
                     guint       line)
{
  row_add_cell (row, g_string_chunk_insert (row->doc->strings, text), line);
}

void
gx_doc_row_add_cell_static (GxDocRow   *row,
                            const char *text,
                            guint       line)
{
  row_add_cell (row, text, line);
}

void
gx_doc_row_append_text (GxDocRow   *row,
                        const char *text)
{
  DocCell *cell;
  g_autofree char *joined = NULL;

  if (row->n_cells == 0)
    {
      gx_doc_row_add_cell (row, text, row->line);
      return;
    }
  cell = DOC_CELL (row, row->n_cells - 1);
  joined = g_strconcat (cell->text, text, NULL);
  cell->text = g_string_chunk_insert (row->doc->strings, joined);
}

guint
gx_doc_row_get_n_cells (GxDocRow *row)
{
  return row->n_cells;
}

/* Label matching --------------------------------------------------------------- */

/* Label key (gx_text_label_key()) → template row, one table a section. */
static GHashTable *row_by_key[GX_N_SECTIONS];
static char **heading_keys[GX_N_SECTIONS];

static void
label_keys_init (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    row_by_key[s] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);

      g_hash_table_insert (row_by_key[row->section],
                           gx_text_label_key (row->label_zh, NULL), (gpointer) row);
      for (guint v = 0; row->variants && row->variants[v]; v++)
        g_hash_table_insert (row_by_key[row->section],
                             gx_text_label_key (row->variants[v], NULL), (gpointer) row);
    }

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();

      g_ptr_array_add (keys, gx_text_label_key (section->label_zh, NULL));
      for (guint v = 0; section->heading_variants && section->heading_variants[v]; v++)
        g_ptr_array_add (keys, gx_text_label_key (section->heading_variants[v], NULL));
      g_ptr_array_add (keys, NULL);
      heading_keys[s] = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
    }

  g_once_init_leave (&initialized, 1);
}

/* The template row a cell names, or NULL.  A label may be followed by the
 * parenthetical the form prints after it: "部分公开(区分处理的…)". */
static const GxSchemaRow *
match_row_uncached (GxSection   section,
                    const char *text)
{
  g_autofree char *key = NULL;
  const GxSchemaRow *row;
  gboolean had_prefix;
  char *paren;

  key = gx_text_label_key (text, &had_prefix);
  if (*key == '\0')
    return NULL;

  row = g_hash_table_lookup (row_by_key[section], key);
  if (row == NULL && (paren = strchr (key, '(')) != NULL)
    {
      *paren = '\0';
      row = g_hash_table_lookup (row_by_key[section], key);
    }
  if (row != NULL && (row->flags & GX_ROW_FLAG_NEEDS_PREFIX) && !had_prefix)
    return NULL;
  return row;
}

/* Reports repeat the same header and label cells: remember what a cell
 * text meant.  Bounded, shared by the reader threads. */
#define MATCH_CACHE_MAX 8192
static GHashTable *match_cache[GX_N_SECTIONS];
static GMutex match_cache_lock;
static const GxSchemaRow no_row;   /* cached "no match" */

static const GxSchemaRow *
match_row_any_format (GxSection   section,
                      const char *text)
{
  const GxSchemaRow *row;

  g_mutex_lock (&match_cache_lock);
  if (match_cache[section] == NULL)
    match_cache[section] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  row = g_hash_table_lookup (match_cache[section], text);
  g_mutex_unlock (&match_cache_lock);
  if (row != NULL)
    return row == &no_row ? NULL : row;

  row = match_row_uncached (section, text);

  g_mutex_lock (&match_cache_lock);
  if (g_hash_table_size (match_cache[section]) >= MATCH_CACHE_MAX)
    g_hash_table_remove_all (match_cache[section]);
  g_hash_table_insert (match_cache[section], g_strdup (text), (gpointer) (row ? row : &no_row));
  g_mutex_unlock (&match_cache_lock);
  return row;
}

/* The row of @format a cell names: "其他处理" is a row of the 2019 form but
 * only a heading in the 2021 one. */
static const GxSchemaRow *
match_row (GxSection   section,
           GxFormat    format,
           const char *text)
{
  const GxSchemaRow *row = match_row_any_format (section, text);

  return row != NULL && gx_schema_row_in_format (row, format) ? row : NULL;
}

typedef enum {
  HEADING_NONE = -1,
  HEADING_END = GX_N_SECTIONS,   /* 五、存在的主要问题及改进情况 */
} HeadingKind;

/* Which section a prose line opens, HEADING_END for the parts after the
 * tables, HEADING_NONE for anything else. */
static int
match_heading (const char *text)
{
  g_autofree char *key = NULL;

  /* headings are short and end in 情况 (or are the two parts after the
   * tables); prose paragraphs are not worth normalising */
  if (strlen (text) > 200 ||
      (strstr (text, "情况") == NULL && strstr (text, "存在的主要问题") == NULL &&
       strstr (text, "其他需要报告") == NULL))
    return HEADING_NONE;
  key = gx_text_label_key (text, NULL);

  if (*key == '\0' || g_utf8_strlen (key, -1) > 40)
    return HEADING_NONE;

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    for (guint k = 0; heading_keys[s][k]; k++)
      if (strcmp (key, heading_keys[s][k]) == 0)
        return (int) s;

  if (g_str_has_prefix (key, "存在的主要问题") || g_str_has_prefix (key, "其他需要报告的事项"))
    return HEADING_END;
  return HEADING_NONE;
}

/* match_heading() of a prose block, worked out once */
static int
block_heading (Block *block)
{
  if (block->heading == HEADING_UNKNOWN)
    block->heading = match_heading (block->text);
  return block->heading;
}

static gboolean
is_number_text (const char *text)
{
  return gx_value_parse (text, NULL);
}

static gboolean
is_empty_text (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)) && g_utf8_get_char (p) != 0x3000)
      return FALSE;
  return TRUE;
}

/* A cell the form uses for "nothing": empty, "/", "—", "-", "无". */
static gboolean
is_blank_marker (const char *text)
{
  static const struct { const char *text; gsize len; } markers[] = {
    { "/", 1 }, { "-", 1 }, { "／", 3 }, { "－", 3 }, { "—", 3 }, { "——", 6 }, { "无", 3 },
  };
  const char *start = text;
  gsize len;

  while (*start == ' ' || *start == '\t')
    start++;
  /* most cells are numbers */
  if (g_ascii_isdigit (*start))
    return FALSE;
  len = strlen (start);
  while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
    len--;
  if (len == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (markers[i].len == len && memcmp (start, markers[i].text, len) == 0)
      return TRUE;
  return FALSE;
}

/* Title and issuer --------------------------------------------------------------- */

static char *
clean_issuer (const char *text)
{
  g_autofree char *folded = gx_text_fold_width (text);
  GString *s = g_string_new (NULL);
  const char *cut_after[] = { "公布", "发布", ",", ".", ";", ":", ")", "》", "。", "，", "；", "：", "规定" };
  const char *p = folded;

  /* keep only what follows the last separator or verb */
  for (guint i = 0; i < G_N_ELEMENTS (cut_after); i++)
    {
      const char *found = g_strrstr (p, cut_after[i]);
      if (found)
        p = found + strlen (cut_after[i]);
    }

  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '"' || c == 0x201C || c == 0x201D || c == 0x300A)
        continue;
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Looks for "<issuer><year>年(度)政府信息公开工作年度报告" in @text.
 * @issuer_out may come back empty (title "2022年…" under the issuer line). */
static gboolean
find_title (const char  *text,
            char       **issuer_out,
            int         *year_out)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *folded = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                               g_regex_new ("^(.*?)((?:19|20)\\d\\d)\\s*年\\s*度?\\s*(?:本[机单]\\S{0,4})?政府信息公开\\s*(?:工作)?\\s*(?:年度)?\\s*报告",
                                            G_REGEX_OPTIMIZE, 0, NULL));

  folded = gx_text_fold_width (text);
  if (!g_regex_match (regex, folded, 0, &match))
    return FALSE;

  {
    g_autofree char *issuer = g_match_info_fetch (match, 1);
    g_autofree char *year = g_match_info_fetch (match, 2);

    *issuer_out = clean_issuer (issuer);
    *year_out = atoi (year);
  }
  return TRUE;
}

/* "北戴河区人民政府办公室" on the line before "2023年1月19日". */
static gboolean
find_signature (GxDocument  *doc,
                guint        end,
                char       **issuer_out,
                int         *year_out)
{
  static GRegex *date_regex;
  const char *previous = NULL;
  int year = 0;

  if (g_once_init_enter (&date_regex))
    g_once_init_leave (&date_regex,
                               g_regex_new ("^\\s*((?:19|20)\\d\\d)\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*$",
                                            G_REGEX_OPTIMIZE, 0, NULL));

  for (guint i = end; i > 0; i--)
    {
      Block *block = BLOCK (doc, i - 1);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *folded = NULL;

      if (block->text == NULL || is_empty_text (block->text))
        continue;
      folded = gx_text_fold_width (block->text);
      if (year == 0)
        {
          if (!g_regex_match (date_regex, folded, 0, &match))
            return FALSE;   /* the last line is not a date: no signature */
          {
            g_autofree char *y = g_match_info_fetch (match, 1);
            year = atoi (y);
          }
          continue;
        }
      previous = block->text;
      break;
    }

  if (year == 0 || previous == NULL || g_utf8_strlen (previous, -1) > 40)
    return FALSE;
  *issuer_out = clean_issuer (previous);
  /* a report is signed in the January after the year it reports on */
  *year_out = year - 1;
  return **issuer_out != '\0';
}

static void
find_issuer_and_year (GxDocument *doc,
                      guint       first_section_block,
                      char      **issuer_out,
                      int        *year_out)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *previous_line = NULL;
  guint n_title_lines = 0;

  *issuer_out = NULL;
  *year_out = 0;

  /* The title: the first short lines, joined ("北京市海淀区人民政府2022年
   * 政府信息公开" + "工作年度报告").  Then any early sentence. */
  for (guint i = 0; i < first_section_block && n_title_lines < 4; i++)
    {
      Block *block = BLOCK (doc, i);
      g_autofree char *issuer = NULL;
      int year;

      if (block->text == NULL || is_empty_text (block->text))
        continue;

      if (g_utf8_strlen (block->text, -1) <= 40)
        {
          g_string_append (title, block->text);
          n_title_lines++;
          if (find_title (title->str, &issuer, &year))
            {
              if (*issuer == '\0' && previous_line != NULL)
                {
                  g_free (issuer);
                  issuer = clean_issuer (previous_line);
                }
              if (*issuer != '\0')
                {
                  *issuer_out = g_steal_pointer (&issuer);
                  *year_out = year;
                  return;
                }
            }
          g_free (previous_line);
          previous_line = g_strdup (block->text);
        }
      else
        {
          /* a sentence: "…向社会公布XX2022年政府信息公开工作年度报告" */
          g_autofree char *folded = gx_text_fold_width (block->text);
          const char *p = folded;
          const char *hit;

          while ((hit = strstr (p, "政府信息公开")) != NULL)
            {
              /* look only at the clause the hit is in: from the last
               * comma before it */
              const char *clause = folded;

              for (const char *q = folded; q < hit; q = g_utf8_next_char (q))
                if (g_str_has_prefix (q, "，") || *q == ',')
                  clause = g_utf8_next_char (q);

              if (find_title (clause, &issuer, &year) && *issuer != '\0')
                {
                  *issuer_out = g_steal_pointer (&issuer);
                  *year_out = year;
                  return;
                }
              g_clear_pointer (&issuer, g_free);
              p = hit + strlen ("政府信息公开");
            }
          break;   /* the title is over once prose starts */
        }
    }

  /* The signature at the very end. */
  {
    g_autofree char *issuer = NULL;
    int year = 0;

    if (find_signature (doc, doc->blocks->len, &issuer, &year))
      {
        if (*year_out == 0)
          *year_out = year;
        *issuer_out = g_steal_pointer (&issuer);
      }
  }
}

/* Placing values ---------------------------------------------------------------- */

/* The values of a row are DocCells too, copied into a scratch array that
 * place_values() may compact. */
typedef DocCell Value;

/* Does the placement of @values at @positions make every total of @row
 * hold?  Rows without a total (section 二) accept any placement. */
static gboolean
placement_consistent (GxSection    section,
                      guint        group,
                      guint        n_columns,
                      const Value *values,
                      const guint *positions,
                      guint        n_values)
{
  gint64 cells[32] = { 0 };

  if (section == GX_SECTION_DISCLOSURE)
    return TRUE;

  for (guint i = 0; i < n_values; i++)
    {
      gint64 v;

      if (!gx_value_parse (values[i].text, &v))
        return TRUE;   /* an invalid value: nothing to go by */
      cells[positions[i]] = v;
    }

  /* section 三: one group of 7; section 四 (when all three rows come as one
   * line of 15): three groups of 5.  The last column of a group is its
   * total. */
  for (guint start = 0; start + group <= n_columns; start += group)
    {
      gint64 sum = 0;

      for (guint c = start; c + 1 < start + group; c++)
        sum += cells[c];
      if (sum != cells[start + group - 1])
        return FALSE;
    }
  return TRUE;
}

/* Chooses the positions of @n_values values among @n_columns columns:
 * the first (leftmost) order-preserving placement that is consistent, or
 * the leftmost placement if none is. */
static void
infer_positions (GxSection    section,
                 guint        group,
                 guint        n_columns,
                 const Value *values,
                 guint        n_values,
                 guint       *positions)
{
  guint trial[32];

  g_assert (n_values <= n_columns && n_columns <= 32);

  for (guint i = 0; i < n_values; i++)
    trial[i] = i;

  for (;;)
    {
      int i;

      if (placement_consistent (section, group, n_columns, values, trial, n_values))
        {
          memcpy (positions, trial, n_values * sizeof (guint));
          return;
        }

      /* next combination in lexicographic order */
      for (i = (int) n_values - 1; i >= 0; i--)
        if (trial[i] < n_columns - n_values + (guint) i)
          break;
      if (i < 0)
        break;
      trial[i]++;
      for (guint j = (guint) i + 1; j < n_values; j++)
        trial[j] = trial[j - 1] + 1;
    }

  for (guint i = 0; i < n_values; i++)
    positions[i] = i;
}

static void
set_cell_from_text (GxReport   *report,
                    guint       cell,
                    const char *text,
                    guint       line,
                    gboolean    inferred)
{
  if (is_blank_marker (text))
    gx_report_set_blank (report, cell);
  else
    gx_report_set_text (report, cell, text);
  gx_report_set_cell_line (report, cell, line);
  if (inferred)
    gx_report_set_cell_flags (report, cell, GX_CELL_FLAG_INFERRED);
}

/* Puts @values into the @n_rows consecutive template rows starting at
 * @first (section 四 may come as one line of 15 numbers).  @collapsed: the
 * positions of the values are unknown, only their order. */
static gboolean
place_values (GxDocument        *doc,
              GxReport          *report,
              GxFormat           format,
              const GxSchemaRow *first,
              guint              n_rows,
              GArray            *values,
              gboolean           collapsed,
              guint              line,
              GError           **error)
{
  guint cells[32];
  guint n_columns = 0;
  guint group = 0;
  Value *v = (Value *) (gpointer) values->data;
  guint n = values->len;

  /* the cells these values go to: the columns of the report's format */
  for (guint r = 0; r < n_rows; r++)
    {
      const GxSchemaRow *row = gx_schema_row (first->index + r);
      guint columns[16];
      guint k = gx_schema_row_format_columns (row, format, columns);

      if (r == 0)
        group = k;
      for (guint c = 0; c < k; c++)
        cells[n_columns++] = row->first_cell + columns[c];
    }

  /* Trailing empty cells (a row ending in a tab) are padding. */
  while (n > n_columns && is_empty_text (v[n - 1].text))
    n--;

  if (collapsed || n < n_columns)
    {
      /* keep only what was really given */
      guint w = 0;

      for (guint i = 0; i < n; i++)
        if (!is_empty_text (v[i].text))
          v[w++] = v[i];
      n = w;
      collapsed = n < n_columns;
    }

  if (n > n_columns)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: line %u: row “%s” has %u values, but the table has %u columns"),
                   doc->source_name, line, first->label_zh, n, n_columns);
      return FALSE;
    }

  /* the cells are blank until set: a row is placed once (and cells a
   * collapsed row does not give stay blank) */
  if (!collapsed)
    {
      for (guint c = 0; c < n_columns; c++)
        set_cell_from_text (report, cells[c], v[c].text, v[c].line, FALSE);
    }
  else if (n > 0)
    {
      guint positions[32];

      infer_positions (first->section, group, n_columns, v, n, positions);
      for (guint i = 0; i < n; i++)
        set_cell_from_text (report, cells[positions[i]], v[i].text, v[i].line, TRUE);
    }
  return TRUE;
}

/* Assembly ----------------------------------------------------------------------- */

/* Appends the cells of @row after @label_index (all of them for
 * (guint) -1) to @values. */
static void
append_values_after (GArray   *values,
                     GxDocRow *row,
                     guint     label_index)
{
  guint first = label_index + 1;

  if (first < row->n_cells)
    g_array_append_vals (values, DOC_CELL (row, first), row->n_cells - first);
}

/* A row that carries numbers (or blanks) but no label: the values of
 * section 四, or the rest of a row broken by a stray blank line. */
static gboolean
row_is_unlabelled_numbers (GxDocRow *row)
{
  gboolean any_number = FALSE;

  for (guint i = 0; i < row->n_cells; i++)
    {
      DocCell *cell = DOC_CELL (row, i);

      if (is_empty_text (cell->text))
        continue;
      if (!is_number_text (cell->text) && !is_blank_marker (cell->text))
        return FALSE;
      any_number = TRUE;
    }
  return any_number;
}

static gboolean
row_has_number (GArray *values)
{
  for (guint i = 0; i < values->len; i++)
    if (is_number_text (g_array_index (values, Value, i).text))
      return TRUE;
  return FALSE;
}

/* The rightmost cell of @row that names a template row of @section. */
static const GxSchemaRow *
find_row_label (GxSection  section,
                GxFormat   format,
                GxDocRow  *row,
                guint     *label_index)
{
  for (guint i = row->n_cells; i > 0; i--)
    {
      DocCell *cell = DOC_CELL (row, i - 1);
      const GxSchemaRow *match;

      /* labels are short: a paragraph in a cell is not worth normalising */
      if (strlen (cell->text) > 300 || is_number_text (cell->text) || is_empty_text (cell->text))
        continue;
      match = match_row (section, format, cell->text);
      if (match)
        {
          *label_index = i - 1;
          return match;
        }
    }
  return NULL;
}

static guint
n_format_columns (const GxSchemaRow *row,
                  GxFormat           format)
{
  guint columns[16];

  return gx_schema_row_format_columns (row, format, columns);
}

/* Which national form the document follows.  The 2019 form (reports for
 * 2019 and 2020) is told by the column headers of its section 二 and its
 * 政府集中采购 row; everything else is read as the 2021 form. */
static GxFormat
detect_format (GxDocument *doc)
{
  static const char *const markers_2019[] = {
    "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
  };
  int current = HEADING_NONE;

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = BLOCK (doc, b);

      if (block->text != NULL)
        {
          int heading = block_heading (block);

          if (heading != HEADING_NONE)
            current = heading;
          if (current != HEADING_NONE && current != GX_SECTION_DISCLOSURE)
            {
              if (current == GX_SECTION_APPLICATIONS)
                break;   /* past section 二 */
            }
          continue;
        }
      if (current != GX_SECTION_DISCLOSURE)
        continue;
      for (guint c = 0; c < block->row->n_cells; c++)
        {
          const char *text = DOC_CELL (block->row, c)->text;

          if (g_ascii_isdigit (text[0]))
            continue;   /* a value */
          for (guint m = 0; m < G_N_ELEMENTS (markers_2019); m++)
            if (strstr (text, markers_2019[m]) != NULL)
              return GX_FORMAT_2019;
        }
    }
  return GX_FORMAT_2021;
}

GxReport *
gx_document_assemble (GxDocument *doc,
                      GError    **error)
{
  g_autoptr(GxReport) report = NULL;
  g_autofree char *issuer = NULL;
  g_autofree gboolean *row_seen = NULL;
  gboolean section_seen[GX_N_SECTIONS] = { FALSE, };
  guint section_rows[GX_N_SECTIONS] = { 0, };
  g_autoptr(GArray) review_pool = g_array_new (FALSE, FALSE, sizeof (Value));
  g_autoptr(GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (Value), 32);
  gboolean review_pool_collapsed = FALSE;
  guint review_pool_line = 0;
  int current = HEADING_NONE;
  guint first_section_block = doc->blocks->len;
  GxFormat format;
  int year = 0;

  label_keys_init ();
  format = detect_format (doc);
  report = gx_report_new ();
  gx_report_reserve_cells (report);
  gx_report_freeze_cell_changes (report);   /* thawed when handed out */
  gx_report_set_source (report, doc->source_name);
  gx_report_set_format_version (report, gx_format_to_version (format));
  row_seen = g_new0 (gboolean, gx_schema_n_rows ());

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = BLOCK (doc, b);
      const GxSchemaRow *row;
      guint label_index = 0;

      if (block->text != NULL)
        {
          int heading = block_heading (block);

          if (heading == HEADING_NONE)
            continue;
          if (heading == HEADING_END)
            {
              if (current != HEADING_NONE)
                current = HEADING_END;
              continue;
            }
          if (first_section_block == doc->blocks->len)
            first_section_block = b;
          current = heading;
          section_seen[heading] = TRUE;
          continue;
        }

      if (current == HEADING_NONE || current == HEADING_END)
        continue;

      row = find_row_label ((GxSection) current, format, block->row, &label_index);
      if (row == NULL)
        {
          if (current == GX_SECTION_REVIEW_LITIGATION && row_is_unlabelled_numbers (block->row))
            {
              if (review_pool->len == 0)
                review_pool_line = block->line;
              append_values_after (review_pool, block->row, (guint) -1);
              review_pool_collapsed |= block->row->collapsed;
            }
          continue;
        }

      g_array_set_size (values, 0);
      append_values_after (values, block->row, label_index);

      /* section 四 repeats its row labels in the header: a labelled row
       * there counts only when it carries numbers. */
      if (row->section == GX_SECTION_REVIEW_LITIGATION && !row_has_number (values))
        continue;

      if (row_seen[row->index])
        continue;   /* a repeated table: the first one counts */

      /* A row cut in two by a stray blank line (Pinggu 六.2): the rest
       * follows as a row of numbers without a label. */
      if (!block->row->collapsed && values->len < n_format_columns (row, format))
        {
          while (b + 1 < doc->blocks->len)
            {
              Block *next = BLOCK (doc, b + 1);
              guint dummy;

              if (next->row == NULL || !row_is_unlabelled_numbers (next->row) ||
                  find_row_label ((GxSection) current, format, next->row, &dummy) != NULL ||
                  values->len + next->row->n_cells > n_format_columns (row, format))
                break;
              append_values_after (values, next->row, (guint) -1);
              b++;
            }
        }

      if (!place_values (doc, report, format, row, 1, values, block->row->collapsed, block->line, error))
        return NULL;
      row_seen[row->index] = TRUE;
      section_rows[row->section]++;
    }

  /* Section 四 given as one line of 15 numbers (the official layout). */
  if (review_pool->len > 0)
    {
      const GxSchemaSection *s = gx_schema_section (GX_SECTION_REVIEW_LITIGATION);
      const GxSchemaRow *first = gx_schema_row (s->first_row);
      gboolean any_seen = FALSE;

      for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
        any_seen |= row_seen[r];
      if (!any_seen)
        {
          if (!place_values (doc, report, format, first, s->n_rows, review_pool,
                             review_pool_collapsed, review_pool_line, error))
            return NULL;
          for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
            row_seen[r] = TRUE;
          section_rows[GX_SECTION_REVIEW_LITIGATION] = s->n_rows;
        }
    }

  /* Is this a report at all?  Then: is all of it there? */
  find_issuer_and_year (doc, first_section_block, &issuer, &year);

  {
    guint n_found = 0;

    for (guint s = 0; s < GX_N_SECTIONS; s++)
      n_found += section_rows[s];

    if (n_found == 0)
      {
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                     _("%s: not an annual report: none of the tables of sections 二, 三 and 四 (%s, %s, %s) was found"),
                     doc->source_name,
                     gx_schema_section (GX_SECTION_DISCLOSURE)->label_zh,
                     gx_schema_section (GX_SECTION_APPLICATIONS)->label_zh,
                     gx_schema_section (GX_SECTION_REVIEW_LITIGATION)->label_zh);
        return NULL;
      }
    if (issuer == NULL || year == 0)
      {
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                     _("%s: the issuer and year were not found (a title such as “XX区人民政府2022年政府信息公开工作年度报告”, or a signature and date at the end)"),
                     doc->source_name);
        return NULL;
      }
  }

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);
      g_autoptr(GString) missing = g_string_new (NULL);
      guint n_missing = 0;

      for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
        if (!row_seen[r] && gx_schema_row_in_format (gx_schema_row (r), format))
          {
            const GxSchemaRow *row = gx_schema_row (r);

            if (n_missing++ < 4)
              g_string_append_printf (missing, "%s%s%s", missing->len ? "、" : "",
                                      row->prefix_zh, row->label_zh);
          }
      if (n_missing == 0)
        continue;
      if (n_missing > 4)
        g_string_append (missing, "…");

      if (!section_seen[s])
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                     _("%s: section %s (%s) was not found"),
                     doc->source_name, section->number_zh, section->label_zh);
      else
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                     _("%s: section %s (%s) lacks %u of its rows: %s"),
                     doc->source_name, section->number_zh, section->label_zh,
                     n_missing, missing->str);
      return NULL;
    }

  {
    g_autoptr(GString) prose = g_string_sized_new (8 * 1024);

    for (guint b = 0; b < doc->blocks->len; b++)
      if (BLOCK (doc, b)->text != NULL && !is_empty_text (BLOCK (doc, b)->text))
        {
          g_string_append (prose, BLOCK (doc, b)->text);
          g_string_append_c (prose, '\n');
        }
    gx_report_set_prose (report, prose->str);
  }
  gx_report_set_issuer (report, issuer);
  gx_report_set_year (report, year);
  gx_report_thaw_cell_changes (report);
  return g_steal_pointer (&report);
}
