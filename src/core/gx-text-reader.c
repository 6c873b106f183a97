/* gx-text-reader.c: the two plain-text layouts of published reports
 *
 * One cell per line: every cell line starts with a TAB, a blank line ends a
 * table row, a line without a TAB right after a cell continues that cell
 * ("⇥商业" + "企业", "⇥" + "37824").  Everything else is prose.
 *
 * Pipe-separated: "规章 | 0 | 0 | 0 |", one row a line, with the empty
 * cells of the original collapsed so that only the order of the values
 * is known.
 */
#include "gx-config.h"

#include <string.h>

#include "gx-assembler.h"
#include "gx-text-reader.h"

/* A continuation line is short: the second half of a header split in two
 * ("企业", "纠正") or a value pushed onto the next line. */
#define MAX_CONTINUATION_CHARS 16

static gboolean
is_pipe_layout (char **lines)
{
  guint n_pipe_rows = 0;

  for (guint i = 0; lines[i]; i++)
    {
      const char *bar = strchr (lines[i], '|');

      if (bar != NULL && lines[i][0] != '\t')
        n_pipe_rows++;
    }
  return n_pipe_rows >= 5;
}

static gboolean
is_blank_line (const char *line)
{
  for (const char *p = line; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
read_pipe_layout (GxDocument *doc,
                  char      **lines)
{
  for (guint i = 0; lines[i]; i++)
    {
      guint line = i + 1;

      if (strchr (lines[i], '|') == NULL)
        {
          gx_document_add_line (doc, lines[i], line);
          continue;
        }
      {
        g_auto(GStrv) cells = g_strsplit (lines[i], "|", -1);
        GxDocRow *row = gx_document_add_row (doc, line, TRUE);

        for (guint c = 0; cells[c]; c++)
          {
            g_strstrip (cells[c]);
            gx_doc_row_add_cell (row, cells[c], line);
          }
      }
    }
}

static void
read_cell_per_line_layout (GxDocument *doc,
                           char      **lines)
{
  GxDocRow *row = NULL;

  for (guint i = 0; lines[i]; i++)
    {
      const char *text = lines[i];
      guint line = i + 1;

      if (text[0] == '\t')
        {
          g_auto(GStrv) cells = g_strsplit (text + 1, "\t", -1);

          if (row == NULL)
            row = gx_document_add_row (doc, line, FALSE);
          if (cells[0] == NULL)   /* a lone TAB: an empty cell */
            gx_doc_row_add_cell (row, "", line);
          for (guint c = 0; cells[c]; c++)
            gx_doc_row_add_cell (row, cells[c], line);
          continue;
        }

      if (is_blank_line (text))
        {
          row = NULL;
          continue;
        }

      if (row != NULL && g_utf8_strlen (text, -1) <= MAX_CONTINUATION_CHARS)
        {
          gx_doc_row_append_text (row, text);
          continue;
        }

      row = NULL;
      gx_document_add_line (doc, text, line);
    }
}

GxDocument *
gx_text_reader_parse (const char *text,
                      const char *source_name)
{
  g_autoptr(GxDocument) doc = gx_document_new (source_name);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  if (is_pipe_layout (lines))
    read_pipe_layout (doc, lines);
  else
    read_cell_per_line_layout (doc, lines);

  return g_steal_pointer (&doc);
}
