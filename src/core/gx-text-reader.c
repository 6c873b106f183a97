/* gx-text-reader.c: the two plain-text layouts of published reports
 *
 * One cell per line: every cell line starts with a TAB, a blank line ends a
 * table row, a line without a TAB right after a cell continues that cell
 * ("⇥商业" + "企业", "⇥" + "37824").  Everything else is prose.
 *
 * Pipe-separated: "规章 | 0 | 0 | 0 |", one row a line, with the empty
 * cells of the original collapsed so that only the order of the values
 * is known.
 *
 * Markdown (a PDF converted to text): "| a | b |" rows between "|---|---|"
 * rules, empty cells kept (so positions are known), "## " headings, page
 * numbers ("-1-", "- 2 -") between the lines of the prose.
 */
#include "gx-config.h"

#include <string.h>

#include "gx-assembler.h"
#include "gx-text-reader.h"

/* A continuation line is short: the second half of a header split in two
 * ("企业", "纠正") or a value pushed onto the next line. */
#define MAX_CONTINUATION_CHARS 16

/* Lines are cut in place: @text is modified (each '\n' becomes a NUL). */
typedef struct
{
  char *next;
  char *end;          /* of the text */
  guint number;
} LineCursor;

/* The next line, and its length in *len. */
static char *
next_line (LineCursor *cursor,
           gsize      *len)
{
  char *line = cursor->next;
  char *nl;

  if (line == NULL)
    return NULL;
  nl = memchr (line, '\n', (gsize) (cursor->end - line));
  if (nl != NULL)
    {
      *nl = '\0';
      cursor->next = nl + 1;
      *len = (gsize) (nl - line);
    }
  else
    {
      cursor->next = NULL;
      *len = (gsize) (cursor->end - line);
    }
  cursor->number++;
  return line;
}

static void
line_cursor_init (LineCursor *cursor,
                  char       *text)
{
  cursor->next = text;
  cursor->end = text + strlen (text);
  cursor->number = 0;
}

static gboolean
is_pipe_layout (const char *text)
{
  guint n_pipe_rows = 0;
  const char *line = text;

  /* five lines or more that hold a '|' and are not cell-per-line cells */
  while (line != NULL && n_pipe_rows < 5)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl ? (gsize) (nl - line) : strlen (line);

      if (line[0] != '\t' && memchr (line, '|', len) != NULL)
        n_pipe_rows++;
      line = nl ? nl + 1 : NULL;
    }
  return n_pipe_rows >= 5;
}

/* "|---|---|", "| :--- | ---: |" */
static gboolean
is_markdown_rule (const char *line,
                  gsize       len)
{
  guint dashes = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = line[i];

      if (c == '-')
        dashes++;
      else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '\r')
        return FALSE;
    }
  return dashes >= 3 && memchr (line, '|', len) != NULL;
}

static gboolean
is_markdown_layout (const char *text)
{
  const char *line = text;

  /* a table rule under a row that starts with '|' */
  while (line != NULL)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl ? (gsize) (nl - line) : strlen (line);
      const char *p = line;

      while (*p == ' ')
        p++;
      if (*p == '|' && is_markdown_rule (line, len))
        return TRUE;
      line = nl ? nl + 1 : NULL;
    }
  return FALSE;
}

/* "-1-", "- 12 -", "—3—": a page number left in the text of a PDF */
static gboolean
is_page_number (const char *line)
{
  const char *p = line;
  gboolean digit = FALSE;

  while (*p == ' ' || *p == '\t')
    p++;
  if (!g_str_has_prefix (p, "-") && !g_str_has_prefix (p, "—"))
    return FALSE;
  for (; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != '-' && *p != ' ' && *p != '\t' && *p != '\r' &&
               !((guchar) *p == 0xE2 || (guchar) *p == 0x80 || (guchar) *p == 0x94))
        return FALSE;
    }
  return digit;
}

static gboolean
is_blank_line (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Adds the cells of the @len bytes at @text separated by @separator, each
 * trimmed of ASCII white space when @trim.  The separators (and trimmed
 * ends) become NULs. */
static void
add_cells (GxDocRow *row,
           char     *text,
           gsize     len,
           char      separator,
           gboolean  trim,
           guint     line)
{
  char *start = text;
  char *line_end = text + len;

  for (;;)
    {
      char *end = memchr (start, separator, (gsize) (line_end - start));
      char *stop = end ? end : line_end;
      char *a = start, *b = stop;

      if (trim)
        {
          while (a < b && g_ascii_isspace (*a))
            a++;
          while (b > a && g_ascii_isspace (b[-1]))
            b--;
        }
      *b = '\0';
      gx_doc_row_add_cell_static (row, a, line);
      if (end == NULL)
        break;
      start = end + 1;
    }
}

static void
read_pipe_layout (GxDocument *doc,
                  char       *text)
{
  LineCursor cursor;
  char *line;
  gsize len;

  line_cursor_init (&cursor, text);
  while ((line = next_line (&cursor, &len)) != NULL)
    {
      if (memchr (line, '|', len) == NULL)
        gx_document_add_line_static (doc, line, cursor.number);
      else
        add_cells (gx_document_add_row (doc, cursor.number, TRUE), line, len, '|', TRUE, cursor.number);
    }
}

static void
read_markdown_layout (GxDocument *doc,
                      char       *text)
{
  LineCursor cursor;
  char *line;
  gsize len;

  line_cursor_init (&cursor, text);
  while ((line = next_line (&cursor, &len)) != NULL)
    {
      char *p = line;

      while (*p == ' ')
        p++;
      if (*p == '|')
        {
          char *end = line + len;

          if (is_markdown_rule (line, len))
            continue;
          while (end > p + 1 && g_ascii_isspace (end[-1]))
            end--;
          if (end > p + 1 && end[-1] == '|')
            end--;
          *end = '\0';
          /* not collapsed: an empty cell keeps its place */
          add_cells (gx_document_add_row (doc, cursor.number, FALSE), p + 1,
                     (gsize) (end - p - 1), '|', TRUE, cursor.number);
          continue;
        }
      if (is_page_number (line))
        continue;
      while (*p == '#')
        p++;
      while (*p == ' ')
        p++;
      gx_document_add_line_static (doc, p, cursor.number);
    }
}

/* "三、本年度办理结果⇥（一）予以公开⇥7⇥0…": two cells or more between TABs
 * (not the leading TAB of a cell-per-line cell), one of them a number.  A
 * line of prose with a stray TAB stays prose. */
static gboolean
is_tab_separated_row (const char *line,
                      gsize       len)
{
  const char *end = line + len;
  guint n_cells = 0;

  if (memchr (line, '\t', len) == NULL)
    return FALSE;
  /* twice over the cells: counted first, so that the one cell of a
   * cell-per-line line costs no copy; then a number looked for */
  for (guint pass = 0; pass < 2; pass++)
    {
      const char *p = line;

      while (p <= end)
        {
          const char *tab = memchr (p, '\t', (gsize) (end - p));
          const char *a = p, *b = tab ? tab : end;

          while (a < b && g_ascii_isspace (*a))
            a++;
          while (b > a && g_ascii_isspace (b[-1]))
            b--;
          if (a < b && pass == 0)
            n_cells++;
          else if (a < b)
            {
              g_autofree char *cell = g_strndup (a, (gsize) (b - a));

              if (gx_value_parse (cell, NULL))
                return TRUE;
            }
          if (tab == NULL)
            break;
          p = tab + 1;
        }
      if (n_cells < 2)
        return FALSE;
    }
  return FALSE;
}

static void
read_cell_per_line_layout (GxDocument *doc,
                           char       *text)
{
  LineCursor cursor;
  GxDocRow *row = NULL;
  char *line;
  gsize len;

  line_cursor_init (&cursor, text);
  while ((line = next_line (&cursor, &len)) != NULL)
    {
      gboolean tab_separated = is_tab_separated_row (line, len);

      if (line[0] == '\t' && !tab_separated)
        {
          if (row == NULL)
            row = gx_document_add_row (doc, cursor.number, FALSE);
          add_cells (row, line + 1, len - 1, '\t', FALSE, cursor.number);
          continue;
        }

      if (is_blank_line (line))
        {
          row = NULL;
          continue;
        }

      if (row != NULL && g_utf8_strlen (line, MAX_CONTINUATION_CHARS * 4 + 1) <= MAX_CONTINUATION_CHARS)
        {
          gx_doc_row_append_text (row, line);
          continue;
        }

      row = NULL;
      if (tab_separated)
        {
          /* a table row copied out of a web page or a word processor:
           * its cells between TABs, the same as a row of the page */
          add_cells (gx_document_add_row (doc, cursor.number, FALSE), line, len, '\t', TRUE,
                     cursor.number);
          continue;
        }
      gx_document_add_line_static (doc, line, cursor.number);
    }
}

/* CSV (a spreadsheet saved as text) ------------------------------------------ */

/* The fields of the record at *@p, each unquoted ("a ""b""" → a "b"), a
 * quoted field running over lines as a spreadsheet writes a cell with a
 * line break; *@p moves past the record and *@n_lines counts the lines it
 * took. */
static GPtrArray *
csv_record (const char **p,
            guint       *n_lines)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  const char *q = *p;

  *n_lines = 1;
  for (;;)
    {
      GString *field = g_string_new (NULL);

      if (*q == '"')
        {
          for (q++; *q; q++)
            {
              if (*q == '"' && q[1] == '"')
                g_string_append_c (field, '"'), q++;
              else if (*q == '"')
                {
                  q++;
                  break;
                }
              else
                {
                  if (*q == '\n')
                    (*n_lines)++;
                  if (*q != '\r')
                    g_string_append_c (field, *q);
                }
            }
        }
      /* the rest of the field (after a closing quote: what a sloppy
       * writer put there) */
      for (; *q && *q != ',' && *q != '\n'; q++)
        if (*q != '\r')
          g_string_append_c (field, *q);
      g_ptr_array_add (fields, g_strstrip (g_string_free (field, FALSE)));
      if (*q != ',')
        break;
      q++;
    }
  if (*q == '\n')
    q++;
  *p = q;
  return fields;
}

/* Five records or more of four fields or more, three of them numbers or
 * empty ("规章,1,0,4"): a table saved as CSV.  Prose with commas is not
 * (its fields are words). */
static gboolean
is_csv_layout (const char *text)
{
  const char *p = text;
  guint n_rows = 0;

  if (strchr (text, ',') == NULL)
    return FALSE;
  while (*p && n_rows < 5)
    {
      const char *nl = strchr (p, '\n');
      guint n_lines, n_plain = 0;
      g_autoptr(GPtrArray) fields = NULL;

      /* looked for on this line only: a search to the next comma of the
       * text from every line was quadratic in a text with few commas */
      if (memchr (p, ',', nl ? (gsize) (nl - p) : strlen (p)) == NULL)
        {
          if (nl == NULL)
            break;
          p = nl + 1;   /* no comma on this line: not a record of fields */
          continue;
        }
      fields = csv_record (&p, &n_lines);
      if (fields->len < 4)
        continue;
      for (guint i = 0; i < fields->len; i++)
        {
          const char *f = g_ptr_array_index (fields, i);

          if (*f == '\0' || gx_value_parse (f, NULL))
            n_plain++;
        }
      if (n_plain >= 3)
        n_rows++;
    }
  return n_rows >= 5;
}

/* Each record of two fields or more is a table row (its empty fields kept:
 * positions are known); a record of one is a line of text. */
static void
read_csv_layout (GxDocument *doc,
                 const char *text)
{
  const char *p = text;
  guint line = 1;

  while (*p)
    {
      guint n_lines, n_given = 0;
      const char *only = NULL;
      g_autoptr(GPtrArray) fields = csv_record (&p, &n_lines);

      for (guint i = 0; i < fields->len; i++)
        {
          const char *f = g_ptr_array_index (fields, i);

          if (*f != '\0')
            n_given++, only = f;
        }
      if (n_given >= 2)
        {
          GxDocRow *row = gx_document_add_row (doc, line, FALSE);

          for (guint i = 0; i < fields->len; i++)
            gx_doc_row_add_cell (row, g_ptr_array_index (fields, i), line);
        }
      else if (n_given == 1 && !is_page_number (only))
        gx_document_add_line (doc, only, line);
      line += n_lines;
    }
}

GxDocument *
gx_text_reader_parse (char       *text,
                      const char *source_name)
{
  g_autoptr(GxDocument) doc = gx_document_new (source_name);

  gx_document_take_text (doc, text);
  if (is_markdown_layout (text))
    read_markdown_layout (doc, text);
  else if (is_pipe_layout (text))
    read_pipe_layout (doc, text);
  else if (is_csv_layout (text))
    read_csv_layout (doc, text);
  else
    read_cell_per_line_layout (doc, text);

  return g_steal_pointer (&doc);
}
