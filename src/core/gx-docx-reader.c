/* gx-docx-reader.c: Word documents (.docx)
 *
 * The archive is opened with libgsf, word/document.xml unpacked in chunks
 * as libxml2's xmlTextReader pulls them (up to GX_READER_MAX_EXPANDED_SIZE:
 * a small file that expands to gigabytes is refused before it is), without
 * network access or entity loading; a document that declares entities
 * (billion laughs) is refused.
 *
 * The body is read in order: a paragraph is a prose line (its runs
 * joined, w:br starting a new line), a table a grid whose merged cells are
 * expanded (w:gridSpan across, w:vMerge down, w:gridBefore skipped).  A
 * table continued after a page break is simply a second table.  Tracked
 * deletions (w:del, w:moveFrom), hidden text, field codes and drawings are
 * left out; tracked insertions are read.  Paragraph numbers stand for line
 * numbers.
 */
#include "gx-config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-input.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/hash.h>
#include <libxml/xmlreader.h>

#include "gx-docx-reader.h"
#include "gx-html-reader.h"
#include "gx-reader.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"

/* The XML is streamed (xmlTextReader over the unpacked bytes as they come
 * out of the archive), never built into a tree: memory follows the text
 * of the document, not its markup (a 60 MB document.xml took 400 MB as a
 * tree).
 *
 * A table is read as a grid unless it holds another table (then it is
 * layout, and its cells are read as running text), which is only known
 * at its end.  So while a table is undecided both readings are kept, as
 * text: the grid's cells and the lines its cells would give as running
 * text; a table met inside it settles it as layout, its end as a grid.
 * Only the innermost table can be undecided. */

/* libxml2 itself refuses deeper nesting (256) as not well-formed. */
#define DOCX_MAX_DEPTH 240

enum {
  PATH_GRID = 1 << 0,     /* read for the grid of the undecided table */
  PATH_LAYOUT = 1 << 1,   /* read as running text (the flow, or the undecided
                           * table's lines) */
};

typedef enum {
  CTX_TOP,          /* before the root element */
  CTX_DOCUMENT,     /* w:document: looks for the first w:body */
  CTX_DONE,         /* past the body: read to the end, for well-formedness */
  CTX_BLOCKS,       /* the body, a wrapper of blocks, a layout table's cell */
  CTX_PARA,         /* a paragraph: its text */
  CTX_RUN,          /* a run: its text, dropped if hidden */
  CTX_INLINE,       /* anything inside a paragraph: text goes to the paragraph */
  CTX_T,            /* w:t: its text children */
  CTX_RPR,          /* a run's properties: w:vanish */
  CTX_TABLE,
  CTX_TABLE_WRAP,   /* w:sdt / w:customXml around rows */
  CTX_ROW,
  CTX_TRPR,         /* a row's properties: w:gridBefore */
  CTX_ROW_WRAP,     /* w:sdt / w:customXml around cells */
  CTX_CELL,
  CTX_TCPR,         /* a cell's properties: w:gridSpan, w:vMerge */
  CTX_SCAN,         /* not read, only looked into for a table */
} Ctx;

typedef struct
{
  Ctx ctx;
  guint paths;
  gboolean is_w_sdt;          /* CTX_TABLE_WRAP / _ROW_WRAP: a w:sdt, not w:customXml */
  gboolean seen_content;      /* … and its w:sdtContent was met */
  gboolean in_content;        /* this wrap frame is the w:sdtContent */
  gboolean seen_props;        /* the first w:rPr / w:trPr / w:tcPr was met */
  gboolean wrapped;           /* a cell in a w:sdt: one column, no merge */
  /* text: CTX_PARA, CTX_RUN (own buffer) */
  GString *text;
  gboolean hidden;            /* CTX_RUN: w:vanish */
  guint layout_line;          /* CTX_PARA: its paragraph number as running text */
  gboolean in_cell;           /* CTX_PARA: a paragraph of a grid cell */
  /* CTX_CELL (and CTX_PARA in a cell): the index of the w:tc frame */
  int cell;
  GString *cell_text;
  guint first_line;
  guint colspan;
  gboolean seen_span, seen_merge, continued;
  /* CTX_TABLE: settled as layout (counts in table_depth) */
  gboolean layout;
} Frame;

typedef enum { OP_ROW, OP_CELL, OP_COVERED } OpKind;

typedef struct
{
  OpKind kind;
  guint line;
  guint n;          /* colspan, or the covered positions */
  char *text;
} GridOp;

typedef struct
{
  guint line;
  char *text;
} LineOp;

typedef struct
{
  GxFlow *flow;
  xmlTextReader *reader;
  guint paragraph;     /* paragraphs seen so far: the "line" of what follows */
  guint table_depth;   /* layout tables around */
  GError *error;
  GArray *stack;       /* of Frame */
  /* the undecided table: its frame, and both readings so far */
  int undecided;       /* index in stack, -1 if none */
  guint grid_paragraph, layout_paragraph;
  GArray *grid_ops;    /* of GridOp */
  GArray *line_ops;    /* of LineOp */
  gboolean body_found;
} DocxWalk;

static void
grid_op_clear (gpointer data)
{
  g_free (((GridOp *) data)->text);
}

static void
line_op_clear (gpointer data)
{
  g_free (((LineOp *) data)->text);
}

static void
frame_clear (gpointer data)
{
  Frame *f = data;

  if (f->text)
    g_string_free (f->text, TRUE);
  if (f->cell_text)
    g_string_free (f->cell_text, TRUE);
}

static gboolean
is_w_name (const char *ns,
           const char *local,
           const char *name)
{
  return ns != NULL && (strcmp (ns, W_NS) == 0 || strcmp (ns, W_NS_STRICT) == 0) &&
         strcmp (local, name) == 0;
}

/* the element the reader is on */
static gboolean
is_w (DocxWalk   *w,
      const char *name)
{
  return is_w_name ((const char *) xmlTextReaderConstNamespaceUri (w->reader),
                    (const char *) xmlTextReaderConstLocalName (w->reader), name);
}

/* w:val of the element the reader is on, whatever its namespace prefix
 * (the first one not empty); NULL if none */
static char *
w_val (DocxWalk *w)
{
  char *val = NULL;

  if (xmlTextReaderMoveToFirstAttribute (w->reader) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (w->reader);
          const char *value = (const char *) xmlTextReaderConstValue (w->reader);

          if (name && strcmp (name, "val") == 0 && value && *value)
            {
              val = g_strdup (value);
              break;
            }
        }
      while (xmlTextReaderMoveToNextAttribute (w->reader) == 1);
      xmlTextReaderMoveToElement (w->reader);
    }
  return val;
}

static gboolean
w_flag_on (const char *val)
{
  return val == NULL || !(strcmp (val, "0") == 0 || strcmp (val, "false") == 0 || strcmp (val, "off") == 0);
}

static void
set_depth_error (DocxWalk *w)
{
  if (w->error == NULL)
    g_set_error (&w->error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                 _("%s: the document nests its elements more than %u deep"),
                 gx_flow_get_source_name (w->flow), DOCX_MAX_DEPTH);
}

/* Subtrees whose text is not part of the document as printed. */
static gboolean
is_skipped (DocxWalk *w)
{
  static const char *const names[] = {
    "del", "moveFrom", "delText", "instrText", "pPr", "rPr", "tcPr", "trPr", "tblPr",
    "tblGrid", "sectPr", "drawing", "pict", "object", "fldData", "footnoteReference",
    "endnoteReference", "commentReference", "delInstrText", NULL
  };
  const char *ns = (const char *) xmlTextReaderConstNamespaceUri (w->reader);
  const char *local = (const char *) xmlTextReaderConstLocalName (w->reader);

  if (ns != NULL && strstr (ns, "markup-compatibility") != NULL)
    return TRUE;   /* mc:AlternateContent: text boxes and their fallbacks */
  for (guint i = 0; names[i]; i++)
    if (is_w_name (ns, local, names[i]))
      return TRUE;
  return FALSE;
}

static Frame *
top (DocxWalk *w)
{
  return &g_array_index (w->stack, Frame, w->stack->len - 1);
}

/* The paragraph counter of a reading. */
static guint *
counter (DocxWalk *w,
         guint     path)
{
  if (w->undecided < 0)
    return &w->paragraph;
  return path == PATH_GRID ? &w->grid_paragraph : &w->layout_paragraph;
}

static void
add_grid_op (DocxWalk   *w,
             OpKind      kind,
             const char *text,
             guint       line,
             guint       n)
{
  GridOp op = { kind, line, n, g_strdup (text) };

  g_array_append_val (w->grid_ops, op);
}

/* A paragraph as running text: a line for each w:br. */
static void
add_lines (DocxWalk   *w,
           const char *text,
           guint       line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      if (w->undecided < 0)
        gx_flow_add_line (w->flow, lines[i], line, FALSE);
      else
        {
          LineOp op = { line, g_steal_pointer (&lines[i]) };

          g_array_append_val (w->line_ops, op);
        }
    }
}

/* The undecided table holds a table: it is layout.  Its running text so far
 * goes to the flow, its grid is dropped, and what of it is still open is
 * read as running text only. */
static void
settle_layout (DocxWalk *w)
{
  Frame *table;

  if (w->undecided < 0)
    return;
  table = &g_array_index (w->stack, Frame, w->undecided);
  table->layout = TRUE;
  w->table_depth++;
  for (guint i = (guint) w->undecided; i < w->stack->len; i++)
    g_array_index (w->stack, Frame, i).paths &= PATH_LAYOUT;
  w->undecided = -1;
  for (guint i = 0; i < w->line_ops->len; i++)
    {
      LineOp *op = &g_array_index (w->line_ops, LineOp, i);

      gx_flow_add_line (w->flow, op->text, op->line, FALSE);
    }
  g_array_set_size (w->line_ops, 0);
  g_array_set_size (w->grid_ops, 0);
  w->paragraph = w->layout_paragraph;
}

/* The undecided table ends without a table in it: a grid. */
static void
settle_grid (DocxWalk *w)
{
  GxGrid *grid = gx_flow_begin_table (w->flow);

  for (guint i = 0; i < w->grid_ops->len; i++)
    {
      GridOp *op = &g_array_index (w->grid_ops, GridOp, i);

      switch (op->kind)
        {
        case OP_ROW:
          gx_grid_begin_row (grid, op->line);
          break;
        case OP_COVERED:
          gx_grid_add_covered (grid, op->n);
          break;
        case OP_CELL:
        default:
          gx_grid_add_cell (grid, op->text, op->line, op->n, 1);
          break;
        }
    }
  gx_flow_end_table (w->flow, grid);
  w->undecided = -1;
  g_array_set_size (w->line_ops, 0);
  g_array_set_size (w->grid_ops, 0);
  w->paragraph = w->grid_paragraph;
}

/* The nearest text buffer: the run's, or the paragraph's. */
static GString *
text_buffer_below (DocxWalk *w,
                   guint     end)
{
  for (guint i = end; i-- > 0;)
    {
      Frame *f = &g_array_index (w->stack, Frame, i);

      if ((f->ctx == CTX_RUN || f->ctx == CTX_PARA) && f->text)
        return f->text;
    }
  return NULL;
}

static void
push (DocxWalk *w,
      Frame    *frame)
{
  g_array_append_val (w->stack, *frame);
}

static GString *
text_buffer (DocxWalk *w)
{
  return text_buffer_below (w, w->stack->len);
}

/* A w:tbl met in a frame reading @paths. */
static gboolean
begin_table (DocxWalk *w,
             guint     paths)
{
  Frame f = { .ctx = CTX_TABLE, .paths = paths, .cell = -1 };

  if (!(paths & PATH_LAYOUT))
    {
      /* not read (a table in a cell of a layout table's w:sdt row) */
      f.ctx = CTX_SCAN;
      f.paths = 0;
      push (w, &f);
      return TRUE;
    }
  if (w->table_depth >= GX_READER_MAX_TABLE_DEPTH)
    {
      if (w->error == NULL)
        g_set_error (&w->error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                     _("%s: the document nests tables more than %u deep"),
                     gx_flow_get_source_name (w->flow), GX_READER_MAX_TABLE_DEPTH);
      return FALSE;
    }
  g_assert (w->undecided < 0);
  w->grid_paragraph = w->layout_paragraph = w->paragraph;
  f.paths = PATH_GRID | PATH_LAYOUT;
  push (w, &f);
  w->undecided = (int) w->stack->len - 1;
  return TRUE;
}

static void
begin_paragraph (DocxWalk *w,
                 Frame    *parent)
{
  Frame f = { .ctx = CTX_PARA, .paths = parent->paths, .cell = -1 };

  if (parent->ctx == CTX_CELL && (parent->paths & PATH_GRID) && parent->cell >= 0)
    {
      Frame *cell = &g_array_index (w->stack, Frame, parent->cell);
      guint *grid = counter (w, PATH_GRID);

      ++*grid;
      if (cell->first_line == 0)
        cell->first_line = *grid;
      f.cell = parent->cell;
    }
  if (parent->paths & PATH_LAYOUT)
    f.layout_line = ++*counter (w, PATH_LAYOUT);
  f.text = g_string_new (NULL);
  push (w, &f);
}

static void
end_paragraph (DocxWalk *w,
               Frame    *f)
{
  if (f->cell >= 0 && (f->paths & PATH_GRID))
    {
      Frame *cell = &g_array_index (w->stack, Frame, f->cell);

      if (cell->cell_text != NULL)
        {
          if (cell->cell_text->len > 0)
            g_string_append_c (cell->cell_text, ' ');
          g_string_append (cell->cell_text, f->text->str);
        }
    }
  if (f->paths & PATH_LAYOUT)
    add_lines (w, f->text->str, f->layout_line);
}

/* An element starts, in the frame on top.  Returns FALSE when its subtree
 * is not read at all (skipped); otherwise a frame for it was pushed. */
static gboolean
start_element (DocxWalk *w)
{
  Frame *parent = top (w);
  Frame f = { .ctx = CTX_SCAN, .paths = parent->paths, .cell = parent->cell };
  GString *buffer;

  if (xmlTextReaderDepth (w->reader) >= DOCX_MAX_DEPTH)
    {
      set_depth_error (w);
      return FALSE;
    }

  switch (parent->ctx)
    {
    case CTX_TOP:
      f.ctx = is_w (w, "document") ? CTX_DOCUMENT : CTX_DONE;
      f.paths = PATH_LAYOUT;
      break;

    case CTX_DOCUMENT:
      if (!is_w (w, "body"))
        return FALSE;
      parent->ctx = CTX_DONE;   /* the first body only */
      w->body_found = TRUE;
      f.ctx = CTX_BLOCKS;
      break;

    case CTX_DONE:
      return FALSE;

    case CTX_BLOCKS:
      if (is_skipped (w))
        return FALSE;
      if (is_w (w, "p"))
        {
          begin_paragraph (w, parent);
          return TRUE;
        }
      if (is_w (w, "tbl"))
        return begin_table (w, parent->paths);
      f.ctx = CTX_BLOCKS;   /* sdt, sdtContent, customXml, ins, moveTo */
      break;

    case CTX_CELL:
      if (is_w (w, "tcPr") && !parent->seen_props)
        {
          parent->seen_props = TRUE;
          f.ctx = CTX_TCPR;
          break;
        }
      if (is_skipped (w))
        return FALSE;
      if (is_w (w, "p"))
        {
          begin_paragraph (w, parent);
          return TRUE;
        }
      if (is_w (w, "tbl"))
        {
          settle_layout (w);
          return begin_table (w, top (w)->paths);
        }
      /* sdt, customXml, ins: more of the same cell (its w:tcPr is not
       * read there) */
      f.ctx = CTX_CELL;
      f.seen_props = TRUE;
      break;

    case CTX_PARA:
    case CTX_RUN:
    case CTX_INLINE:
      if (parent->ctx == CTX_RUN && is_w (w, "rPr") && !parent->seen_props)
        {
          parent->seen_props = TRUE;
          f.ctx = CTX_RPR;
          break;
        }
      if (is_skipped (w))
        return FALSE;
      if (is_w (w, "tbl"))
        settle_layout (w);   /* a table inside a paragraph: still read as text */
      buffer = text_buffer (w);
      if (is_w (w, "t"))
        f.ctx = CTX_T;
      else if (is_w (w, "tab") || is_w (w, "ptab"))
        g_string_append_c (buffer, ' ');
      else if (is_w (w, "br") || is_w (w, "cr"))
        g_string_append_c (buffer, '\n');
      else if (is_w (w, "noBreakHyphen"))
        g_string_append_c (buffer, '-');
      else if (is_w (w, "r"))
        {
          f.ctx = CTX_RUN;
          f.text = g_string_new (NULL);
        }
      else
        f.ctx = CTX_INLINE;   /* hyperlink, ins, smartTag, sdt, fldSimple… */
      break;

    case CTX_RPR:
      if (is_w (w, "vanish") && !parent->seen_props)
        {
          g_autofree char *val = w_val (w);
          Frame *run = &g_array_index (w->stack, Frame, w->stack->len - 2);

          parent->seen_props = TRUE;
          run->hidden = w_flag_on (val);
        }
      return FALSE;

    case CTX_TRPR:
      if (is_w (w, "gridBefore") && !parent->seen_props)
        {
          g_autofree char *val = w_val (w);

          parent->seen_props = TRUE;
          if (val != NULL && (parent->paths & PATH_GRID))
            add_grid_op (w, OP_COVERED, NULL, 0,
                         (guint) CLAMP (g_ascii_strtoll (val, NULL, 10), 0, GX_READER_MAX_COLUMNS));
        }
      return FALSE;

    case CTX_TCPR:
      {
        Frame *cell = &g_array_index (w->stack, Frame, w->stack->len - 2);

        if (is_w (w, "gridSpan") && !cell->seen_span)
          {
            g_autofree char *val = w_val (w);

            cell->seen_span = TRUE;
            if (val != NULL)
              cell->colspan = (guint) CLAMP (g_ascii_strtoll (val, NULL, 10), 1, GX_READER_MAX_COLUMNS);
          }
        else if (is_w (w, "vMerge") && !cell->seen_merge)
          {
            g_autofree char *val = w_val (w);

            /* <w:vMerge/> or w:val="continue": the cell above goes on */
            cell->seen_merge = TRUE;
            cell->continued = g_strcmp0 (val, "restart") != 0;
          }
        return FALSE;
      }

    case CTX_TABLE:
      if (is_w (w, "tr"))
        {
          f.ctx = CTX_ROW;
          if (f.paths & PATH_GRID)
            add_grid_op (w, OP_ROW, NULL, *counter (w, PATH_GRID) + 1, 0);
        }
      else if (is_w (w, "sdt") || is_w (w, "customXml"))
        {
          f.ctx = CTX_TABLE_WRAP;
          f.paths &= PATH_GRID;      /* rows in a wrapper: only the grid reads them */
          f.is_w_sdt = is_w (w, "sdt");
        }
      break;

    case CTX_TABLE_WRAP:
      if (parent->is_w_sdt && !parent->in_content && !parent->seen_content && is_w (w, "sdtContent"))
        {
          parent->seen_content = TRUE;
          f.ctx = CTX_TABLE_WRAP;
          f.in_content = TRUE;
        }
      else if (is_w (w, "tr") && (parent->in_content || !parent->is_w_sdt || !parent->seen_content))
        {
          f.ctx = CTX_ROW;
          if (f.paths & PATH_GRID)
            add_grid_op (w, OP_ROW, NULL, *counter (w, PATH_GRID) + 1, 0);
        }
      break;

    case CTX_ROW:
      if (is_w (w, "trPr") && !parent->seen_props)
        {
          parent->seen_props = TRUE;
          f.ctx = CTX_TRPR;
          break;
        }
      if (is_w (w, "tc"))
        {
          f.ctx = CTX_CELL;
          f.colspan = 1;
          f.cell = (int) w->stack->len;
          if (f.paths & PATH_GRID)
            f.cell_text = g_string_new (NULL);
        }
      else if (!is_skipped (w) && (is_w (w, "sdt") || is_w (w, "customXml")))
        {
          f.ctx = CTX_ROW_WRAP;
          f.paths &= PATH_GRID;
          f.is_w_sdt = is_w (w, "sdt");
        }
      break;

    case CTX_ROW_WRAP:
      if (parent->is_w_sdt && !parent->in_content && !parent->seen_content && is_w (w, "sdtContent"))
        {
          parent->seen_content = TRUE;
          f.ctx = CTX_ROW_WRAP;
          f.in_content = TRUE;
        }
      else if (is_w (w, "tc") && (parent->in_content || !parent->is_w_sdt || !parent->seen_content))
        {
          f.ctx = CTX_CELL;
          f.colspan = 1;
          f.wrapped = TRUE;
          f.seen_props = TRUE;   /* one column, no merge: its w:tcPr is not read */
          f.cell = (int) w->stack->len;
          if (f.paths & PATH_GRID)
            f.cell_text = g_string_new (NULL);
        }
      break;

    case CTX_T:
    case CTX_SCAN:
    default:
      break;
    }

  if (f.ctx == CTX_SCAN)
    {
      /* not read; but a table anywhere in the undecided table makes it
       * layout (outside one there is nothing to look for) */
      if (w->undecided < 0 || is_skipped (w))
        return FALSE;
      if (is_w (w, "tbl"))
        settle_layout (w);
      f.paths = 0;
    }
  push (w, &f);
  return TRUE;
}

static void
end_element (DocxWalk *w)
{
  Frame *f;

  if (w->stack->len <= 1)
    return;
  f = top (w);

  switch (f->ctx)
    {
    case CTX_PARA:
      end_paragraph (w, f);
      break;
    case CTX_RUN:
      if (!f->hidden)
        {
          GString *buffer = text_buffer_below (w, w->stack->len - 1);

          if (buffer)
            g_string_append_len (buffer, f->text->str, (gssize) f->text->len);
        }
      break;
    case CTX_CELL:
      if (f->cell == (int) w->stack->len - 1 && f->cell_text != NULL &&
          (f->paths & PATH_GRID) && w->undecided >= 0)
        {
          guint line = f->first_line ? f->first_line : *counter (w, PATH_GRID);

          if (f->continued && !f->wrapped)
            add_grid_op (w, OP_COVERED, NULL, 0, f->colspan);
          else
            add_grid_op (w, OP_CELL, f->cell_text->str, line, f->wrapped ? 1 : f->colspan);
        }
      break;
    case CTX_TABLE:
      if (f->layout)
        w->table_depth--;
      else if (w->undecided == (int) w->stack->len - 1)
        settle_grid (w);
      break;
    default:
      break;
    }
  g_array_set_size (w->stack, w->stack->len - 1);   /* frame_clear() */
}

/* word/document.xml as it is unpacked: the reader pulls it in chunks. */
typedef struct
{
  GsfInput *part;
  gsf_off_t remaining;
  gboolean failed;
} PartStream;

static int
part_read_cb (void *context,
              char *buffer,
              int   len)
{
  PartStream *stream = context;
  gsf_off_t n = MIN ((gsf_off_t) len, stream->remaining);

  if (n <= 0)
    return 0;
  if (gsf_input_read (stream->part, (size_t) n, (guint8 *) buffer) == NULL)
    {
      stream->failed = TRUE;
      return -1;
    }
  stream->remaining -= n;
  return (int) n;
}

static int
part_close_cb (void *context)
{
  return 0;
}

/* The first error libxml2 reports, for the message. */
typedef struct
{
  int code;
  int line;
} XmlProblem;

static void
xml_error_cb (void        *data,
              xmlErrorPtr  error)
{
  XmlProblem *problem = data;

  if (problem->code == 0 && error != NULL && error->level >= XML_ERR_ERROR)
    {
      problem->code = error->code;
      problem->line = error->line;
    }
}

static gboolean
declares_entities (xmlTextReader *reader)
{
  xmlDoc *doc = xmlTextReaderCurrentDoc (reader);
  xmlDtd *dtd = doc ? doc->intSubset : NULL;

  return dtd != NULL && ((dtd->entities && xmlHashSize (dtd->entities) > 0) ||
                         (dtd->pentities && xmlHashSize (dtd->pentities) > 0));
}

static void
entity_error (GError     **error,
              const char  *source_name,
              int          line)
{
  g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
               /* TRANSLATORS: "a.docx: word/document.xml, line 2: the document declares XML entities; their expansion was refused" */
               _("%s: word/document.xml, line %d: the document declares XML entities (a Word document never does); their expansion was refused"),
               source_name, line);
}

/* Streams word/document.xml through the walk. */
static gboolean
walk_part (DocxWalk    *w,
           GsfInput    *part,
           const char  *source_name,
           GError     **error)
{
  PartStream stream = { part, gsf_input_size (part), FALSE };
  XmlProblem problem = { 0, 0 };
  Frame root = { .ctx = CTX_TOP, .paths = PATH_LAYOUT, .cell = -1 };
  xmlTextReader *reader;
  int ret;

  /* no network, no DTD loading, no entity substitution */
  reader = xmlReaderForIO (part_read_cb, part_close_cb, &stream, "document.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (reader == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: the Word document is damaged: its text (word/document.xml) is not well-formed XML"),
                   source_name);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (reader, xml_error_cb, &problem);
  w->reader = reader;
  g_array_append_val (w->stack, root);

  while ((ret = xmlTextReaderRead (reader)) == 1)
    {
      int type;

    again:
      type = xmlTextReaderNodeType (reader);
      if (type == XML_READER_TYPE_DOCUMENT_TYPE && declares_entities (reader))
        {
          entity_error (error, source_name, xmlTextReaderGetParserLineNumber (reader));
          xmlFreeTextReader (reader);
          return FALSE;
        }
      if (w->error != NULL)
        continue;   /* read on: a document that is not well-formed says so */

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          {
            gboolean empty = xmlTextReaderIsEmptyElement (reader) == 1;

            if (!start_element (w))
              {
                ret = xmlTextReaderNext (reader);
                if (ret == 1)
                  goto again;
                break;
              }
            if (empty)
              end_element (w);
          }
          break;
        case XML_READER_TYPE_END_ELEMENT:
          end_element (w);
          break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
          if (top (w)->ctx == CTX_T)
            {
              GString *buffer = text_buffer (w);
              const char *value = (const char *) xmlTextReaderConstValue (reader);

              if (buffer && value)
                g_string_append (buffer, value);
            }
          break;
        default:
          break;
        }
      if (ret != 1)
        break;
    }
  xmlFreeTextReader (reader);
  w->reader = NULL;

  if (stream.failed)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: the Word document is damaged: its text (word/document.xml) cannot be unpacked"),
                   source_name);
      return FALSE;
    }
  if (ret != 0)
    {
      if (problem.code == XML_ERR_ENTITY_LOOP || problem.code == XML_ERR_ENTITY_PE_INTERNAL)
        entity_error (error, source_name, problem.line);
      else
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                     /* TRANSLATORS: "a.docx: the Word document is damaged: its text (word/document.xml) is not well-formed XML (line 3)" */
                     _("%s: the Word document is damaged: its text (word/document.xml) is not well-formed XML (line %d)"),
                     source_name, problem.line);
      return FALSE;
    }
  if (w->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&w->error));
      return FALSE;
    }
  if (!w->body_found)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: the Word document has no body (w:document/w:body)"), source_name);
      return FALSE;
    }
  return TRUE;
}

/* word/document.xml of the archive, checked against the cap, streamed. */
static gboolean
read_document_part (DocxWalk    *w,
                    const char  *data,
                    gsize        len,
                    const char  *source_name,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GsfInput *input;
  GsfInfile *zip;
  GsfInput *part;
  gsf_off_t size;
  gboolean ok;

  input = gsf_input_memory_new ((const guint8 *) data, (gsf_off_t) len, FALSE);
  zip = gsf_infile_zip_new (input, &local_error);
  g_object_unref (input);
  if (zip == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: a damaged or truncated ZIP archive; a Word document (.docx) cannot be read from it"),
                   source_name);
      return FALSE;
    }

  part = gsf_infile_child_by_vname (zip, "word", "document.xml", NULL);
  if (part == NULL)
    {
      GsfInput *probe = gsf_infile_child_by_name (zip, "content.xml");

      if (probe != NULL)
        {
          g_object_unref (probe);
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_UNSUPPORTED,
                       _("%s: an OpenDocument file (.odt); save it as .docx or PDF and import that"),
                       source_name);
        }
      else
        g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT,
                     _("%s: a ZIP archive, but not a Word document (.docx): it has no word/document.xml"),
                     source_name);
      g_object_unref (zip);
      return FALSE;
    }

  size = gsf_input_size (part);
  if (size < 0 || (guint64) size > GX_READER_MAX_EXPANDED_SIZE)
    {
      g_autofree char *limit = g_format_size_full (GX_READER_MAX_EXPANDED_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                   _("%s: the text of the Word document expands to more than %s (a zip bomb?); it was not unpacked"),
                   source_name, limit);
      g_object_unref (part);
      g_object_unref (zip);
      return FALSE;
    }

  ok = walk_part (w, part, source_name, error);
  g_object_unref (part);
  g_object_unref (zip);
  return ok;
}

GxDocument *
gx_docx_reader_parse (const char  *data,
                      gsize        len,
                      const char  *source_name,
                      GError     **error)
{
  g_autoptr(GxFlow) flow = gx_flow_new (source_name);
  DocxWalk w = { 0, };
  gboolean ok;

  gx_reader_init ();
  w.flow = flow;
  w.undecided = -1;
  w.stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (w.stack, frame_clear);
  w.grid_ops = g_array_new (FALSE, FALSE, sizeof (GridOp));
  g_array_set_clear_func (w.grid_ops, grid_op_clear);
  w.line_ops = g_array_new (FALSE, FALSE, sizeof (LineOp));
  g_array_set_clear_func (w.line_ops, line_op_clear);

  ok = read_document_part (&w, data, len, source_name, error);

  g_array_unref (w.stack);
  g_array_unref (w.grid_ops);
  g_array_unref (w.line_ops);
  g_clear_error (&w.error);
  if (!ok)
    return NULL;
  return gx_flow_to_document (flow, error);
}
