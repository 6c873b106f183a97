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
 *    drops empty cells), they are placed so that the row's own total holds
 *    (in section 二, which has no totals, so that the documents in force
 *    are not fewer than those of the year), the leftmost such placement
 *    winning, and the cells are flagged
 *    GX_CELL_FLAG_INFERRED (the ambiguous_layout rule reports them).
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gx-assembler.h"
#include "gx-reader.h"
#include "gx-sections.h"
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
  char *attachment;   /* gx_document_set_attachment() */
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
  g_free (doc->attachment);
  g_free (doc->source_name);
  g_free (doc);
}

void
gx_document_set_attachment (GxDocument *doc,
                            const char *name)
{
  g_free (doc->attachment);
  doc->attachment = g_strdup (name);
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

/* The text of every span cell: empty, told apart from other empty cells by
 * its address. */
static const char span_text[] = "";

void
gx_doc_row_add_span (GxDocRow *row,
                     guint     line)
{
  row_add_cell (row, span_text, line);
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

/* The row of @format a cell names: "其他处理" is a row of no form (the
 * retired other_handling; the caller puts it in other_misc). */
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
      (strstr (text, "情况") == NULL && strstr (text, "问题") == NULL &&
       strstr (text, "其他需要报告") == NULL))
    return HEADING_NONE;
  key = gx_text_label_key (text, NULL);

  if (*key == '\0' || g_utf8_strlen (key, -1) > 40)
    return HEADING_NONE;

  for (guint s = 0; s < GX_N_SECTIONS; s++)
    for (guint k = 0; heading_keys[s][k]; k++)
      if (strcmp (key, heading_keys[s][k]) == 0)
        return (int) s;

  if (gx_sections_key_follows_tables (key))
    return HEADING_END;

  /* worded otherwise: "四、政府信息公开行政复议与行政诉讼情况", "行政法复议" */
  if (g_str_has_suffix (key, "情况") && g_utf8_strlen (key, -1) <= 30)
    {
      if (strstr (key, "主动公开") != NULL)
        return GX_SECTION_DISCLOSURE;
      if (strstr (key, "申请") != NULL && (strstr (key, "收到") != NULL || strstr (key, "处理") != NULL))
        return GX_SECTION_APPLICATIONS;
      if (strstr (key, "复议") != NULL && strstr (key, "诉讼") != NULL)
        return GX_SECTION_REVIEW_LITIGATION;
    }
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

static char *strip_unit (const char *text, GxValueKind kind);

/* A number, or a count printed with its unit ("19件"): a value of a row. */
static gboolean
is_number_text (const char *text)
{
  g_autofree char *plain = NULL;

  if (gx_value_parse (text, NULL))
    return TRUE;
  if (strlen (text) > 40)
    return FALSE;
  plain = strip_unit (text, GX_VALUE_COUNT);
  return plain != NULL && gx_value_parse (plain, NULL);
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
    {
      /* the issuer after the year: "2024年上海市科委政府信息公开工作年度报告" */
      static GRegex *after;

      if (g_once_init_enter (&after))
        g_once_init_leave (&after,
                           g_regex_new ("((?:19|20)\\d\\d)\\s*年\\s*度?\\s*(\\S{2,30}?)\\s*政府信息公开\\s*(?:工作)?\\s*(?:年度)?\\s*报告",
                                        G_REGEX_OPTIMIZE, 0, NULL));
      g_clear_pointer (&match, g_match_info_free);
      if (!g_regex_match (after, folded, 0, &match))
        return FALSE;
      {
        g_autofree char *year = g_match_info_fetch (match, 1);
        g_autofree char *issuer = g_match_info_fetch (match, 2);

        *issuer_out = clean_issuer (issuer);
        *year_out = atoi (year);
      }
      return TRUE;
    }

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
                      int          stock,
                      const Value *values,
                      const guint *positions,
                      guint        n_values)
{
  gint64 cells[32] = { 0 };

  if (section == GX_SECTION_DISCLOSURE && stock < 0)
    return TRUE;

  for (guint i = 0; i < n_values; i++)
    {
      gint64 v;

      if (!gx_value_parse (values[i].text, &v))
        return TRUE;   /* an invalid value: nothing to go by */
      cells[positions[i]] = v;
    }

  /* section 二 has no totals, but the documents in force (or published in
   * all) include those of the year: 22 and 235 of a row 制发/废止/现行有效
   * are 22 issued and 235 in force, not 235 repealed and none in force. */
  if (section == GX_SECTION_DISCLOSURE)
    return cells[stock] >= cells[0];

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
                 int          stock,
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

      if (placement_consistent (section, group, n_columns, stock, values, trial, n_values))
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

/* A value printed with its unit ("1690.9913万元", "19件", "5394432.52元"):
 * the number in the unit of the form (万元 for amounts), or NULL when
 * @text has no unit.  The conversion moves the decimal point, so it is
 * exact. */
static char *
strip_unit (const char *text,
            GxValueKind kind)
{
  static const struct { const char *unit; int shift; } units[] = {
    { "万元", 0 }, { "元", -4 }, { "件", 0 }, { "个", 0 }, { "项", 0 },
  };
  gsize len = strlen (text);
  const char *p = text;
  g_autofree char *number = NULL;
  GString *out;
  const char *point;
  int shift = 0;
  guint u;

  while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
    len--;
  for (u = 0; u < G_N_ELEMENTS (units); u++)
    {
      gsize n = strlen (units[u].unit);

      if (len > n && memcmp (text + len - n, units[u].unit, n) == 0)
        break;
    }
  if (u == G_N_ELEMENTS (units))
    return NULL;
  len -= strlen (units[u].unit);
  if (units[u].shift != 0)
    {
      if (kind != GX_VALUE_AMOUNT)
        return NULL;   /* yuan in a count: not ours to guess */
      shift = units[u].shift;
    }
  while (*p == ' ' && len > 0)
    p++, len--;
  number = g_strndup (p, len);
  /* only digits, thousands separators and one point */
  for (const char *q = number; *q; q++)
    if (!g_ascii_isdigit (*q) && *q != '.' && *q != ',' && *q != ' ')
      return NULL;
  if (!g_ascii_isdigit (number[0]))
    return NULL;
  if (shift == 0)
    return g_steal_pointer (&number);

  /* move the point @shift places to the left */
  {
    GString *digits = g_string_new (NULL);
    guint int_len;

    for (const char *q = number; *q; q++)
      if (g_ascii_isdigit (*q) || *q == '.')
        g_string_append_c (digits, *q);
    point = strchr (digits->str, '.');
    int_len = point ? (guint) (point - digits->str) : digits->len;
    if (point)
      g_string_erase (digits, int_len, 1);
    while (int_len < (guint) -shift + 1)
      {
        g_string_prepend_c (digits, '0');
        int_len++;
      }
    out = g_string_new (NULL);
    g_string_append_len (out, digits->str, int_len + shift);
    if (digits->len > int_len + shift)
      {
        g_string_append_c (out, '.');
        g_string_append (out, digits->str + int_len + shift);
        while (out->str[out->len - 1] == '0')
          g_string_truncate (out, out->len - 1);
        if (out->str[out->len - 1] == '.')
          g_string_truncate (out, out->len - 1);
      }
    while (out->len > 1 && out->str[0] == '0' && out->str[1] != '.')
      g_string_erase (out, 0, 1);
    g_string_free (digits, TRUE);
  }
  return g_string_free (out, FALSE);
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
  else if (!g_ascii_isdigit (text[0]) || !gx_value_parse (text, NULL))
    {
      g_autofree char *plain = strip_unit (text, gx_schema_cell (cell)->column->kind);

      gx_report_set_text (report, cell, plain ? plain : text);
    }
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

  /* Trailing empty cells (a row ending in a tab) are padding, and so are
   * empty cells between the label and the first value when there are more
   * cells than columns: the rest of a label merged over two columns, as a
   * spreadsheet copies it ("（一）予以公开⇥⇥71⇥0…"). */
  while (n > n_columns && is_empty_text (v[n - 1].text))
    n--;
  while (n > n_columns && is_empty_text (v[0].text))
    v++, n--;

  /* Still too many: the positions a value merged over two columns covers
   * ("本年新公开数量" over two columns of a grid of five) are no values. */
  if (n > n_columns)
    {
      guint w = 0;

      for (guint i = 0; i < n; i++)
        if (v[i].text != span_text)
          v[w++] = v[i];
      n = w;
    }

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

      int stock = -1;

      /* a row of documents: its last column counts those in force */
      if (first->section == GX_SECTION_DISCLOSURE && n_rows == 1 && n_columns > 1)
        {
          const char *key = gx_schema_cell (cells[n_columns - 1])->column->key;

          if (strcmp (key, "in_force") == 0 || strcmp (key, "total_published") == 0)
            stock = (int) n_columns - 1;
        }
      infer_positions (first->section, group, n_columns, stock, v, n, positions);
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

/* Row alignment ------------------------------------------------------------------ */

/* Labels as compared by similarity: no numbering, no width, no spaces, no
 * punctuation. */
#define FOLD_MAX 64

typedef struct
{
  gunichar c[FOLD_MAX];
  guint n;
} Folded;

static void
fold_label (const char *text,
            Folded     *out)
{
  g_autofree char *key = gx_text_label_key (text, NULL);

  out->n = 0;
  for (const char *p = key; *p && out->n < FOLD_MAX; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ispunct (c) || g_unichar_isspace (c) || c == 0x3000 ||
          c == 0x201C || c == 0x201D)
        continue;
      out->c[out->n++] = c;
    }
}

/* Dice coefficient of the character bigrams of @a and @b (of the characters
 * for one-character labels): 1 for the same label, 0 for nothing shared. */
static double
label_similarity (const Folded *a,
                  const Folded *b)
{
  gboolean used[FOLD_MAX] = { FALSE, };
  guint common = 0;

  if (a->n == 0 || b->n == 0)
    return 0;
  if (a->n == 1 || b->n == 1)
    {
      for (guint i = 0; i < a->n; i++)
        for (guint j = 0; j < b->n; j++)
          if (a->c[i] == b->c[j])
            return 2.0 / (a->n + b->n);
      return 0;
    }
  for (guint i = 0; i + 1 < a->n; i++)
    for (guint j = 0; j + 1 < b->n; j++)
      if (!used[j] && a->c[i] == b->c[j] && a->c[i + 1] == b->c[j + 1])
        {
          used[j] = TRUE;
          common++;
          break;
        }
  return 2.0 * common / (a->n - 1 + b->n - 1);
}

/* The folded labels of every template row (the label and its variants). */
#define MAX_LABELS 4
static Folded *row_folded;   /* gx_schema_n_rows () * MAX_LABELS */
static guint *row_n_folded;

static void
row_folded_init (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;
  row_folded = g_new0 (Folded, gx_schema_n_rows () * MAX_LABELS);
  row_n_folded = g_new0 (guint, gx_schema_n_rows ());
  for (guint r = 0; r < gx_schema_n_rows (); r++)
    {
      const GxSchemaRow *row = gx_schema_row (r);
      guint n = 0;

      fold_label (row->label_zh, &row_folded[r * MAX_LABELS + n++]);
      for (guint v = 0; row->variants && row->variants[v] && n < MAX_LABELS; v++)
        fold_label (row->variants[v], &row_folded[r * MAX_LABELS + n++]);
      row_n_folded[r] = n;
    }
  g_once_init_leave (&initialized, 1);
}

static double
row_similarity (const GxSchemaRow *row,
                const Folded      *label)
{
  double best = 0;

  for (guint i = 0; i < row_n_folded[row->index]; i++)
    best = MAX (best, label_similarity (&row_folded[row->index * MAX_LABELS + i], label));
  return best;
}

/* Below this, a label is not taken for a row of the form. */
#define SIMILAR_ENOUGH 0.5

/* A row of a section table as found, before it is placed. */
typedef struct
{
  const GxSchemaRow *row;     /* the template row: exact label, or placed */
  char *label;                /* the label as published (fragments joined), or NULL */
  guint first_value;          /* in the value pool */
  guint n_values;
  guint line;
  gboolean collapsed;
  gboolean exact;             /* the label is the form's (or a known variant) */
  gboolean merged_other;      /* （六）其他处理 given as one row */
} Found;

static void
found_clear (gpointer data)
{
  Found *found = data;

  g_free (found->label);
}

/* Does the header row @row tell which table it heads?  (Tables whose
 * heading is worded otherwise, or missing.) */
static int
row_section_marker (GxDocRow *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *text = DOC_CELL (row, i)->text;
      g_autofree char *key = NULL;

      if (text[0] == '\0' || strlen (text) > 120)
        continue;
      if (is_number_text (text))
        return HEADING_NONE;   /* a row of values */
      key = gx_text_label_key (text, NULL);
      if (strcmp (key, "信息内容") == 0 || g_str_has_prefix (key, "第二十条第"))
        return GX_SECTION_DISCLOSURE;
      if (strcmp (key, "申请人情况") == 0 || strcmp (key, "自然人") == 0)
        return GX_SECTION_APPLICATIONS;
      if (strcmp (key, "结果维持") == 0 || strcmp (key, "未经复议直接起诉") == 0 ||
          strcmp (key, "复议后起诉") == 0)
        return GX_SECTION_REVIEW_LITIGATION;
    }
  return HEADING_NONE;
}

/* The label of a row no template label was found in: the rightmost text
 * that is not a value (NULL when none), and where the values start. */
static const char *
row_loose_label (GxDocRow *row,
                 guint    *values_from)
{
  for (guint i = row->n_cells; i > 0; i--)
    {
      const char *text = DOC_CELL (row, i - 1)->text;

      if (is_empty_text (text) || is_number_text (text) || is_blank_marker (text))
        continue;
      {
        g_autofree char *plain = strip_unit (text, GX_VALUE_AMOUNT);

        if (plain != NULL)
          continue;
      }
      *values_from = i;
      return text;
    }
  *values_from = 0;
  return NULL;
}

static double
found_best_similarity (GxSection   section,
                       GxFormat    format,
                       const char *label)
{
  const GxSchemaSection *s = gx_schema_section (section);
  Folded folded;
  double best = 0;

  if (label == NULL)
    return 0;
  fold_label (label, &folded);
  for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
    if (gx_schema_row_in_format (gx_schema_row (r), format))
      best = MAX (best, row_similarity (gx_schema_row (r), &folded));
  return best;
}

static char *
join_labels (const char *a,
             const char *b)
{
  if (a == NULL)
    return g_strdup (b);
  if (b == NULL)
    return g_strdup (a);
  return g_strconcat (a, b, NULL);
}

/* Places the rows found of one section that carry no label of the form:
 * each run of them between two rows that do (or the ends of the table) is
 * aligned, in order, with the rows of the form left between those two,
 * maximising the label similarity (a Needleman–Wunsch alignment without gap
 * costs; a pair below SIMILAR_ENOUGH is not allowed).  When a run has as
 * many rows as the form leaves there, the order alone places them.  A row
 * that cannot be placed makes the rows of the form left in its gap
 * unread. */
static void
align_section (GxSection  section,
               GxFormat   format,
               GArray    *found,
               gboolean  *row_seen,
               GPtrArray *unread_quotes)
{
  const GxSchemaSection *s = gx_schema_section (section);
  guint i = 0;

  while (i < found->len)
    {
      guint run_start, run_end, lo, hi;
      guint avail[64];
      guint m = 0, k;

      if (g_array_index (found, Found, i).exact)
        {
          i++;
          continue;
        }
      run_start = i;
      while (i < found->len && !g_array_index (found, Found, i).exact)
        i++;
      run_end = i;
      k = run_end - run_start;

      lo = run_start > 0 ? g_array_index (found, Found, run_start - 1).row->index + 1 : s->first_row;
      hi = run_end < found->len ? g_array_index (found, Found, run_end).row->index : s->first_row + s->n_rows;
      for (guint r = lo; r < hi && m < G_N_ELEMENTS (avail); r++)
        if (!row_seen[r] && gx_schema_row_in_format (gx_schema_row (r), format))
          avail[m++] = r;

      if (k == m && run_start > 0 && (run_end < found->len || section != GX_SECTION_APPLICATIONS))
        {
          /* placed by its neighbours */
          for (guint j = 0; j < k; j++)
            g_array_index (found, Found, run_start + j).row = gx_schema_row (avail[j]);
          continue;
        }
      if (k == 0 || m == 0 || k > 64)
        {
          for (guint j = run_start; j < run_end; j++)
            g_ptr_array_add (unread_quotes, &g_array_index (found, Found, j));
          continue;
        }

      {
        /* score[a][b]: the best total aligning the first a rows found with
         * the first b rows of the form */
        double score[65][65];
        guchar step[65][65];   /* 0 pair, 1 skip found, 2 skip form */
        double sim[64][64];

        for (guint a = 0; a < k; a++)
          {
            Folded folded;
            const char *label = g_array_index (found, Found, run_start + a).label;

            if (label)
              fold_label (label, &folded);
            for (guint b = 0; b < m; b++)
              sim[a][b] = label ? row_similarity (gx_schema_row (avail[b]), &folded) : 0;
          }
        for (guint a = 0; a <= k; a++)
          for (guint b = 0; b <= m; b++)
            {
              double best = -1;
              guchar how = 0;

              if (a == 0 && b == 0)
                {
                  score[0][0] = 0;
                  continue;
                }
              if (a > 0 && b > 0 && sim[a - 1][b - 1] >= SIMILAR_ENOUGH &&
                  score[a - 1][b - 1] + sim[a - 1][b - 1] > best)
                best = score[a - 1][b - 1] + sim[a - 1][b - 1], how = 0;
              if (a > 0 && score[a - 1][b] > best)
                best = score[a - 1][b], how = 1;
              if (b > 0 && score[a][b - 1] > best)
                best = score[a][b - 1], how = 2;
              score[a][b] = best;
              step[a][b] = how;
            }
        for (guint a = k, b = m; a > 0 || b > 0;)
          {
            guchar how = step[a][b];

            if (a > 0 && b > 0 && how == 0)
              {
                g_array_index (found, Found, run_start + a - 1).row = gx_schema_row (avail[b - 1]);
                a--, b--;
              }
            else if (a > 0 && (b == 0 || how == 1))
              {
                g_ptr_array_add (unread_quotes, &g_array_index (found, Found, run_start + a - 1));
                a--;
              }
            else
              b--;
          }
      }
    }
}

/* No table was found, yet the text has the headings of all three table
 * sections and many lines that are a number alone: the tables' text in
 * the reading order of a PDF page (a PDF viewer's copy, `pdftotext`
 * without -layout), labels and numbers in separate runs. */
static gboolean
tables_out_of_order (GxDocument *doc)
{
  gboolean heading[GX_N_SECTIONS] = { FALSE };
  guint n_numbers = 0;

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const Block *block = BLOCK (doc, i);

      if (block->text == NULL)
        continue;
      if (is_number_text (block->text))
        n_numbers++;
      for (guint s = 0; s < GX_N_SECTIONS; s++)
        if (strstr (block->text, gx_schema_section (s)->label_zh) != NULL)
          heading[s] = TRUE;
    }
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    if (!heading[s])
      return FALSE;
  return n_numbers >= 40;
}

/* "行政许可 97", "规章 0 0 0": a line of text that is a label of the
 * form followed by numbers only.  The numbers go to @pool, as @found's
 * values. */
static const GxSchemaRow *
line_as_row (GxDocument *doc,
             guint       line,
             GxSection   section,
             GxFormat    format,
             const char *text,
             GArray     *pool,
             Found      *found)
{
  g_auto(GStrv) words = NULL;
  guint n, first_number;
  const GxSchemaRow *row;
  g_autofree char *label = NULL;
  gsize len = strlen (text);

  if (len == 0 || len > 200 || !g_ascii_isdigit (text[len - 1]))
    return NULL;
  words = g_strsplit_set (text, " \t", -1);
  n = g_strv_length (words);
  first_number = n;
  while (first_number > 0 && (words[first_number - 1][0] == '\0' ||
                              is_number_text (words[first_number - 1])))
    first_number--;
  if (first_number == 0 || first_number == n)
    return NULL;
  {
    char *saved = words[first_number];

    words[first_number] = NULL;
    label = g_strjoinv ("", words);
    words[first_number] = saved;
  }
  row = match_row (section, format, label);
  if (row == NULL)
    return NULL;
  found->first_value = pool->len;
  for (guint i = first_number; i < n; i++)
    if (words[i][0] != '\0')
      {
        Value v = { g_string_chunk_insert (doc->strings, words[i]), line };

        g_array_append_val (pool, v);
      }
  found->n_values = pool->len - found->first_value;
  return row;
}

static void
add_row_flag (GxReport          *report,
              GxFormat           format,
              const GxSchemaRow *row,
              GxCellFlags        flag,
              const char        *quote)
{
  guint columns[16];

  if (gx_schema_row_format_columns (row, format, columns) == 0)
    return;
  gx_report_set_cell_flags (report, row->first_cell + columns[0],
                            gx_report_get_cell_flags (report, row->first_cell + columns[0]) | flag);
  if (quote != NULL && gx_report_get_row_quote (report, row->index) == NULL)
    gx_report_set_row_quote (report, row->index, quote);
}

/* "line 12: “5.属于三类内部事务 | 0 | 1 | …”" */
static char *
quote_found (const Found *found,
             const Value *values)
{
  GString *s = g_string_new (NULL);

  g_string_append (s, found->label ? found->label : "");
  for (guint v = 0; v < found->n_values && v < 16; v++)
    {
      if (s->len > 0)
        g_string_append (s, " | ");
      g_string_append (s, values[found->first_value + v].text);
    }
  {
    g_autofree char *text = g_string_free (s, FALSE);

    return g_strdup_printf (_("line %u: “%s”"), found->line, text);
  }
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
  g_autoptr(GArray) pool = g_array_sized_new (FALSE, FALSE, sizeof (Value), 512);
  GArray *found[GX_N_SECTIONS];
  gboolean repeated[GX_N_SECTIONS] = { FALSE, };
  g_autofree char *pending = NULL;   /* label fragments waiting for their values */
  int last_found_block = -1;
  gboolean review_pool_collapsed = FALSE;
  guint review_pool_line = 0;
  int current = HEADING_NONE;
  guint first_section_block = doc->blocks->len;
  GxFormat format;
  int year = 0;

  label_keys_init ();
  row_folded_init ();
  format = detect_format (doc);
  report = gx_report_new ();
  gx_report_reserve_cells (report);
  gx_report_set_source (report, doc->source_name);
  gx_report_set_format_version (report, gx_format_to_version (format));
  row_seen = g_new0 (gboolean, gx_schema_n_rows ());
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      found[s] = g_array_new (FALSE, TRUE, sizeof (Found));
      g_array_set_clear_func (found[s], found_clear);
    }

  for (guint b = 0; b < doc->blocks->len; b++)
    {
      Block *block = BLOCK (doc, b);
      const GxSchemaRow *row;
      guint label_index = 0;
      gboolean merged_other = FALSE;
      Found f = { 0, };

      if (block->text != NULL)
        {
          int heading = block_heading (block);

          if (heading == HEADING_NONE)
            {
              /* "行政许可 97": a row of a table flattened into a line of
               * text (a PDF copied as text) */
              if (current != HEADING_NONE && current != HEADING_END)
                {
                  row = line_as_row (doc, block->line, (GxSection) current, format, block->text, pool, &f);
                  if (row != NULL && !row_seen[row->index])
                    {
                      f.row = row;
                      f.exact = TRUE;
                      f.line = block->line;
                      row_seen[row->index] = TRUE;
                      g_array_append_val (found[current], f);
                      last_found_block = (int) b;
                    }
                  else if (row != NULL)
                    g_array_set_size (pool, f.first_value);
                }
              continue;
            }
          g_clear_pointer (&pending, g_free);
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

      /* a header row says which table this is, whatever the heading said */
      {
        int marker = row_section_marker (block->row);

        if (marker != HEADING_NONE && marker != current &&
            (current != HEADING_END || !section_seen[marker]))
          {
            if (first_section_block == doc->blocks->len)
              first_section_block = b;
            current = marker;
            section_seen[marker] = TRUE;
            g_clear_pointer (&pending, g_free);
            continue;
          }
      }

      if (current == HEADING_NONE || current == HEADING_END)
        continue;

      row = find_row_label ((GxSection) current, format, block->row, &label_index);
      if (row == NULL && current == GX_SECTION_APPLICATIONS)
        {
          /* （六）其他处理 given as one row: its values go to 3.其他.  The
           * 2019 form has it so (GX_ROW_FLAG_BLANK_IN_2019); in a 2021
           * report it is a variant, said in a note. */
          for (guint i = block->row->n_cells; i > 0 && row == NULL; i--)
            {
              const char *text = DOC_CELL (block->row, i - 1)->text;
              const GxSchemaRow *any;

              if (is_empty_text (text) || is_number_text (text) || strlen (text) > 300)
                continue;
              any = match_row_any_format (GX_SECTION_APPLICATIONS, text);
              if (any != NULL && !gx_schema_row_in_format (any, format) &&
                  strcmp (any->key, "other_handling") == 0)
                {
                  row = gx_schema_find_row (GX_SECTION_APPLICATIONS, "other_misc");
                  label_index = i - 1;
                  merged_other = format != GX_FORMAT_2019;
                }
              break;
            }
          if (row != NULL)
            {
              g_autoptr(GArray) probe = g_array_new (FALSE, FALSE, sizeof (Value));

              append_values_after (probe, block->row, label_index);
              /* in the 2021 form a （六）其他处理 without values heads its
               * three rows; in the 2019 form it is the row, all blank */
              if (!row_has_number (probe) && format != GX_FORMAT_2019)
                row = NULL, merged_other = FALSE;
            }
        }

      if (row == NULL)
        {
          const char *label;
          guint from;

          if (current == GX_SECTION_REVIEW_LITIGATION && row_is_unlabelled_numbers (block->row))
            {
              if (review_pool->len == 0)
                review_pool_line = block->line;
              append_values_after (review_pool, block->row, (guint) -1);
              review_pool_collapsed |= block->row->collapsed;
              continue;
            }
          if (repeated[current] || current == GX_SECTION_REVIEW_LITIGATION)
            continue;

          label = row_loose_label (block->row, &from);
          f.first_value = pool->len;
          append_values_after (pool, block->row, from == 0 ? (guint) -1 : from - 1);
          f.n_values = pool->len - f.first_value;
          {
            g_autoptr(GArray) probe = g_array_new (FALSE, FALSE, sizeof (Value));

            g_array_append_vals (probe, &g_array_index (pool, Value, f.first_value), f.n_values);
            if (!row_has_number (probe))
              {
                /* a label without values: a wrapped label, or a header */
                Found *prev = found[current]->len > 0
                  ? &g_array_index (found[current], Found, found[current]->len - 1) : NULL;

                g_array_set_size (pool, f.first_value);
                if (label == NULL || found_best_similarity ((GxSection) current, format, label) >= 0.99)
                  continue;   /* a group heading such as （三）不予公开 */
                if (prev != NULL && !prev->exact && last_found_block == (int) b - 1)
                  {
                    g_autofree char *joined = join_labels (prev->label, label);

                    if (found_best_similarity ((GxSection) current, format, joined) >
                        found_best_similarity ((GxSection) current, format, prev->label))
                      {
                        g_free (prev->label);
                        prev->label = g_steal_pointer (&joined);
                        last_found_block = (int) b;
                        continue;
                      }
                  }
                {
                  char *joined = join_labels (pending, label);

                  g_free (pending);
                  pending = joined;
                }
                continue;
              }
          }
          f.label = g_strdup (label);
          if (pending != NULL)
            {
              g_autofree char *joined = join_labels (pending, label);

              if (found_best_similarity ((GxSection) current, format, joined) >
                  found_best_similarity ((GxSection) current, format, label))
                {
                  g_free (f.label);
                  f.label = g_steal_pointer (&joined);
                }
              g_clear_pointer (&pending, g_free);
            }
          f.line = block->line;
          f.collapsed = block->row->collapsed;
          g_array_append_val (found[current], f);
          last_found_block = (int) b;
          continue;
        }

      g_clear_pointer (&pending, g_free);
      f.first_value = pool->len;
      append_values_after (pool, block->row, label_index);
      f.n_values = pool->len - f.first_value;

      /* section 四 repeats its row labels in the header: a labelled row
       * there counts only when it carries numbers. */
      if (row->section == GX_SECTION_REVIEW_LITIGATION)
        {
          g_autoptr(GArray) probe = g_array_new (FALSE, FALSE, sizeof (Value));

          g_array_append_vals (probe, &g_array_index (pool, Value, f.first_value), f.n_values);
          if (!row_has_number (probe))
            {
              g_array_set_size (pool, f.first_value);
              continue;
            }
        }

      if (row_seen[row->index])
        {
          /* a repeated table: the first one counts */
          g_array_set_size (pool, f.first_value);
          repeated[current] = TRUE;
          continue;
        }

      /* A row cut in two by a stray blank line (Pinggu 六.2): the rest
       * follows as a row of numbers without a label. */
      if (!block->row->collapsed && f.n_values < n_format_columns (row, format))
        {
          while (b + 1 < doc->blocks->len)
            {
              Block *next = BLOCK (doc, b + 1);
              guint dummy;

              if (next->row == NULL || !row_is_unlabelled_numbers (next->row) ||
                  find_row_label ((GxSection) current, format, next->row, &dummy) != NULL ||
                  f.n_values + next->row->n_cells > n_format_columns (row, format))
                break;
              append_values_after (pool, next->row, (guint) -1);
              f.n_values = pool->len - f.first_value;
              b++;
            }
        }

      f.row = row;
      f.exact = TRUE;
      f.merged_other = merged_other;
      f.label = merged_other ? g_strdup (DOC_CELL (block->row, label_index)->text) : NULL;
      f.line = block->line;
      f.collapsed = block->row->collapsed;
      row_seen[row->index] = TRUE;
      g_array_append_val (found[current], f);
      last_found_block = (int) b;
    }

  /* Place what was found: rows with a label of the form where it says,
   * the others by alignment. */
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      g_autoptr(GPtrArray) unplaced = g_ptr_array_new ();
      Value *values = (Value *) (gpointer) pool->data;

      align_section ((GxSection) s, format, found[s], row_seen, unplaced);

      for (guint i = 0; i < found[s]->len; i++)
        {
          Found *f = &g_array_index (found[s], Found, i);
          g_autoptr(GArray) v = NULL;
          g_autoptr(GError) local = NULL;

          if (f->row == NULL)
            continue;
          v = g_array_sized_new (FALSE, FALSE, sizeof (Value), f->n_values);
          g_array_append_vals (v, values + f->first_value, f->n_values);
          row_seen[f->row->index] = TRUE;
          section_rows[s]++;
          if (!place_values (doc, report, format, f->row, 1, v, f->collapsed, f->line, &local))
            {
              g_autofree char *quote = quote_found (f, values);

              add_row_flag (report, format, f->row, GX_CELL_FLAG_UNREAD, quote);
              continue;
            }
          if (f->merged_other)
            {
              g_autofree char *quote =
                g_strdup_printf (_("line %u: “%s” was given as one row, without its three sub-rows; its values are under 3.其他"),
                                 f->line, f->label);

              add_row_flag (report, format, f->row, GX_CELL_FLAG_VARIANT, quote);
              for (guint r = f->row->index - 2; r < f->row->index; r++)
                if (!row_seen[r])
                  {
                    row_seen[r] = TRUE;
                    add_row_flag (report, format, gx_schema_row (r), GX_CELL_FLAG_VARIANT, quote);
                  }
            }
          else if (!f->exact)
            {
              g_autofree char *quote = NULL;

              if (f->label)
                quote = g_strdup_printf (_("line %u: the label reads “%s”; the row was placed by its position in the form"),
                                         f->line, f->label);
              else
                quote = g_strdup_printf (_("line %u: the row has no label; it was placed by its position in the form"),
                                         f->line);
              add_row_flag (report, format, f->row, GX_CELL_FLAG_VARIANT, quote);
            }
        }

      /* a row that could not be placed: the rows of the form left in its
       * gap are unread, quoting every row found there */
      if (unplaced->len > 0)
        {
          const GxSchemaSection *section = gx_schema_section (s);
          g_autoptr(GPtrArray) quotes = g_ptr_array_new_full (section->n_rows, NULL);

          g_ptr_array_set_size (quotes, section->n_rows);
          for (guint at = 0; at < found[s]->len; at++)
            {
              Found *f = &g_array_index (found[s], Found, at);
              guint lo = section->first_row, hi = section->first_row + section->n_rows;
              g_autofree char *quote = NULL;

              if (f->row != NULL || !g_ptr_array_find (unplaced, f, NULL))
                continue;
              quote = quote_found (f, values);
              for (guint j = at; j > 0; j--)
                if (g_array_index (found[s], Found, j - 1).row != NULL)
                  {
                    lo = g_array_index (found[s], Found, j - 1).row->index + 1;
                    break;
                  }
              for (guint j = at + 1; j < found[s]->len; j++)
                if (g_array_index (found[s], Found, j).row != NULL)
                  {
                    hi = g_array_index (found[s], Found, j).row->index;
                    break;
                  }
              for (guint r = lo; r < hi; r++)
                if (!row_seen[r] && gx_schema_row_in_format (gx_schema_row (r), format))
                  {
                    GString *q = g_ptr_array_index (quotes, r - section->first_row);

                    if (q == NULL)
                      quotes->pdata[r - section->first_row] = q = g_string_new (NULL);
                    else
                      g_string_append (q, "; ");
                    g_string_append (q, quote);
                  }
            }
          for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
            {
              GString *q = g_ptr_array_index (quotes, r - section->first_row);

              if (q == NULL)
                continue;
              row_seen[r] = TRUE;
              add_row_flag (report, format, gx_schema_row (r), GX_CELL_FLAG_UNREAD, q->str);
              g_string_free (q, TRUE);
            }
        }
      g_array_unref (found[s]);
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
          g_autoptr(GError) local = NULL;

          for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
            row_seen[r] = TRUE;
          section_rows[GX_SECTION_REVIEW_LITIGATION] = s->n_rows;
          if (!place_values (doc, report, format, first, s->n_rows, review_pool,
                             review_pool_collapsed, review_pool_line, &local))
            {
              Found f = { first, NULL, 0, MIN (review_pool->len, 16), review_pool_line, FALSE, FALSE, FALSE };
              g_autofree char *quote = quote_found (&f, (Value *) (gpointer) review_pool->data);

              for (guint r = s->first_row; r < s->first_row + s->n_rows; r++)
                add_row_flag (report, format, gx_schema_row (r), GX_CELL_FLAG_UNREAD, quote);
            }
        }
    }

  /* Is this a report at all? */
  find_issuer_and_year (doc, first_section_block, &issuer, &year);

  {
    guint n_found = 0;

    for (guint s = 0; s < GX_N_SECTIONS; s++)
      n_found += section_rows[s];

    if (n_found == 0 && tables_out_of_order (doc))
      {
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                     _("%s: the headings of sections 二, 三 and 四 are there, but the numbers of their tables are not on the lines of their rows: text copied out of a PDF viewer keeps the reading order of the page, not its rows. Import the PDF itself, or the text “pdftotext -layout” makes of it"),
                     doc->source_name);
        return NULL;
      }
    if (n_found == 0 && doc->attachment != NULL)
      {
        /* a page that only announces its report and links to it */
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                     _("%s: not an annual report: none of the tables of sections 二, 三 and 四 was found, but the page links to the file “%s”, which may hold the report: import that file instead (a .doc or .wps saved as .docx first)"),
                     doc->source_name, doc->attachment);
        return NULL;
      }
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

  /* Rows of the form the source does not give: blank, and said so.  A
   * whole table not found leaves its rows unread. */
  for (guint s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);
      g_autofree char *quote = NULL;

      g_autofree char *cut = NULL;
      guint last = section->first_row;   /* after the last row found */

      for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
        if (row_seen[r])
          last = r + 1;
      if (section_rows[s] > 0)
        quote = g_strdup (_("the row is not in the source; it is left blank"));
      else
        quote = g_strdup_printf (_("the table of section %s (%s) was not found"),
                                 section->number_zh, section->label_zh);
      /* a table that stops before its last row was cut off, not shortened */
      cut = g_strdup_printf (_("the table of section %s ends before this row"), section->number_zh);
      for (guint r = section->first_row; r < section->first_row + section->n_rows; r++)
        if (!row_seen[r] && gx_schema_row_in_format (gx_schema_row (r), format) &&
            !(format == GX_FORMAT_2019 && (gx_schema_row (r)->flags & GX_ROW_FLAG_BLANK_IN_2019)))
          {
            if (section_rows[s] > 0 && r < last)
              add_row_flag (report, format, gx_schema_row (r), GX_CELL_FLAG_VARIANT, quote);
            else
              add_row_flag (report, format, gx_schema_row (r), GX_CELL_FLAG_UNREAD,
                            section_rows[s] > 0 ? cut : quote);
          }
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
  return g_steal_pointer (&report);
}
