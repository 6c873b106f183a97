/* gx-docx-reader.c: Word documents (.docx)
 *
 * The archive is opened with libgsf, word/document.xml unpacked in chunks
 * up to GX_READER_MAX_EXPANDED_SIZE (a small file that expands to
 * gigabytes is refused before it is), and parsed by libxml2 without
 * network access or entity loading.
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

#include "gx-docx-reader.h"
#include "gx-html-reader.h"
#include "gx-reader.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"

#define READ_CHUNK (64 * 1024)

typedef struct
{
  GxFlow *flow;
  guint paragraph;     /* paragraphs seen so far: the "line" of what follows */
  guint table_depth;
  GError *error;
} DocxWalk;

static gboolean
is_w (const xmlNode *node,
      const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL &&
         (strcmp ((const char *) node->ns->href, W_NS) == 0 ||
          strcmp ((const char *) node->ns->href, W_NS_STRICT) == 0) &&
         strcmp ((const char *) node->name, name) == 0;
}

static gboolean
is_element (const xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE;
}

/* w:val of @node, whatever its namespace prefix; NULL if none */
static const char *
w_val (const xmlNode *node)
{
  for (const xmlAttr *a = node->properties; a; a = a->next)
    if (a->name && strcmp ((const char *) a->name, "val") == 0 &&
        a->children && a->children->type == XML_TEXT_NODE)
      return (const char *) a->children->content;
  return NULL;
}

static const xmlNode *
w_child (const xmlNode *node,
         const char    *name)
{
  for (const xmlNode *child = node ? node->children : NULL; child; child = child->next)
    if (is_w (child, name))
      return child;
  return NULL;
}

static gboolean
w_flag_on (const xmlNode *node)
{
  const char *val = w_val (node);

  return val == NULL || !(strcmp (val, "0") == 0 || strcmp (val, "false") == 0 || strcmp (val, "off") == 0);
}

static void
set_depth_error (DocxWalk *w)
{
  if (w->error == NULL)
    g_set_error (&w->error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                 _("%s: the document nests its elements more than %u deep"),
                 gx_flow_get_source_name (w->flow), GX_READER_MAX_DEPTH);
}

/* Subtrees whose text is not part of the document as printed. */
static gboolean
is_skipped (const xmlNode *node)
{
  static const char *const names[] = {
    "del", "moveFrom", "delText", "instrText", "pPr", "rPr", "tcPr", "trPr", "tblPr",
    "tblGrid", "sectPr", "drawing", "pict", "object", "fldData", "footnoteReference",
    "endnoteReference", "commentReference", "delInstrText", NULL
  };

  if (node->ns != NULL && node->ns->href != NULL &&
      strstr ((const char *) node->ns->href, "markup-compatibility") != NULL)
    return TRUE;   /* mc:AlternateContent: text boxes and their fallbacks */
  for (guint i = 0; names[i]; i++)
    if (is_w (node, names[i]))
      return TRUE;
  return FALSE;
}

/* The text of a paragraph (or of anything inside one): w:t of the runs,
 * w:tab as a space, w:br and w:cr as a line break. */
static void
inline_text (DocxWalk      *w,
             const xmlNode *node,
             GString       *out,
             guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    {
      set_depth_error (w);
      return;
    }
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (!is_element (child) || is_skipped (child))
        continue;
      if (is_w (child, "t"))
        {
          for (const xmlNode *t = child->children; t; t = t->next)
            if ((t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) && t->content)
              g_string_append (out, (const char *) t->content);
        }
      else if (is_w (child, "tab") || is_w (child, "ptab"))
        g_string_append_c (out, ' ');
      else if (is_w (child, "br") || is_w (child, "cr"))
        g_string_append_c (out, '\n');
      else if (is_w (child, "noBreakHyphen"))
        g_string_append_c (out, '-');
      else if (is_w (child, "r"))
        {
          const xmlNode *vanish = w_child (w_child (child, "rPr"), "vanish");

          if (vanish == NULL || !w_flag_on (vanish))
            inline_text (w, child, out, depth + 1);
        }
      else
        inline_text (w, child, out, depth + 1);   /* hyperlink, ins, smartTag, sdt, fldSimple… */
    }
}

static void
add_paragraph (DocxWalk      *w,
               const xmlNode *p,
               guint          depth)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  w->paragraph++;
  inline_text (w, p, text, depth);
  lines = g_strsplit (text->str, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    gx_flow_add_line (w->flow, lines[i], w->paragraph, FALSE);
}

static gboolean
contains_table (const xmlNode *node,
                guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    return FALSE;
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (!is_element (child) || is_skipped (child))
        continue;
      if (is_w (child, "tbl") || contains_table (child, depth + 1))
        return TRUE;
    }
  return FALSE;
}

static void walk_blocks (DocxWalk *w, const xmlNode *parent, guint depth);

/* The paragraphs of a cell, joined by spaces. */
static void
cell_text (DocxWalk      *w,
           const xmlNode *node,
           GString       *out,
           guint         *first_line,
           guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    {
      set_depth_error (w);
      return;
    }
  for (const xmlNode *child = node->children; child; child = child->next)
    {
      if (!is_element (child) || is_skipped (child))
        continue;
      if (is_w (child, "p"))
        {
          w->paragraph++;
          if (*first_line == 0)
            *first_line = w->paragraph;
          if (out->len > 0)
            g_string_append_c (out, ' ');
          inline_text (w, child, out, depth + 1);
        }
      else
        cell_text (w, child, out, first_line, depth + 1);   /* sdt, customXml, ins */
    }
}

static void
add_row (DocxWalk      *w,
         GxGrid        *grid,
         const xmlNode *tr,
         guint          depth)
{
  const xmlNode *before = w_child (w_child (tr, "trPr"), "gridBefore");

  gx_grid_begin_row (grid, w->paragraph + 1);
  if (before != NULL && w_val (before) != NULL)
    gx_grid_add_covered (grid, (guint) CLAMP (g_ascii_strtoll (w_val (before), NULL, 10), 0, GX_READER_MAX_COLUMNS));

  for (const xmlNode *tc = tr->children; tc; tc = tc->next)
    {
      const xmlNode *props, *span, *merge;
      guint colspan = 1;
      gboolean continued;

      if (!is_element (tc) || is_skipped (tc))
        continue;
      if (!is_w (tc, "tc"))
        {
          /* a cell wrapped in a content control or custom XML */
          if (is_w (tc, "sdt") || is_w (tc, "customXml"))
            {
              const xmlNode *content = w_child (tc, "sdtContent");

              for (const xmlNode *c = (content ? content : tc)->children; c; c = c->next)
                if (is_w (c, "tc"))
                  {
                    g_autoptr(GString) text = g_string_new (NULL);
                    guint line = 0;

                    cell_text (w, c, text, &line, depth + 2);
                    gx_grid_add_cell (grid, text->str, line ? line : w->paragraph, 1, 1);
                  }
            }
          continue;
        }

      props = w_child (tc, "tcPr");
      span = w_child (props, "gridSpan");
      merge = w_child (props, "vMerge");
      if (span != NULL && w_val (span) != NULL)
        colspan = (guint) CLAMP (g_ascii_strtoll (w_val (span), NULL, 10), 1, GX_READER_MAX_COLUMNS);
      /* <w:vMerge/> or w:val="continue": the cell above goes on */
      continued = merge != NULL && g_strcmp0 (w_val (merge), "restart") != 0;

      {
        g_autoptr(GString) text = g_string_new (NULL);
        guint line = 0;

        cell_text (w, tc, text, &line, depth + 1);
        if (continued)
          gx_grid_add_covered (grid, colspan);
        else
          gx_grid_add_cell (grid, text->str, line ? line : w->paragraph, colspan, 1);
      }
    }
}

static void
add_table (DocxWalk      *w,
           const xmlNode *tbl,
           guint          depth)
{
  GxGrid *grid;

  if (w->table_depth >= GX_READER_MAX_TABLE_DEPTH)
    {
      if (w->error == NULL)
        g_set_error (&w->error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                     _("%s: the document nests tables more than %u deep"),
                     gx_flow_get_source_name (w->flow), GX_READER_MAX_TABLE_DEPTH);
      return;
    }

  if (contains_table (tbl, depth))
    {
      /* a table used for layout: its cells are running text */
      w->table_depth++;
      for (const xmlNode *tr = tbl->children; tr; tr = tr->next)
        if (is_w (tr, "tr"))
          for (const xmlNode *tc = tr->children; tc; tc = tc->next)
            if (is_w (tc, "tc"))
              walk_blocks (w, tc, depth + 2);
      w->table_depth--;
      return;
    }

  grid = gx_flow_begin_table (w->flow);
  for (const xmlNode *child = tbl->children; child && w->error == NULL; child = child->next)
    {
      if (is_w (child, "tr"))
        add_row (w, grid, child, depth + 1);
      else if (is_w (child, "sdt") || is_w (child, "customXml"))
        {
          const xmlNode *content = w_child (child, "sdtContent");

          for (const xmlNode *tr = (content ? content : child)->children; tr; tr = tr->next)
            if (is_w (tr, "tr"))
              add_row (w, grid, tr, depth + 2);
        }
    }
  gx_flow_end_table (w->flow, grid);
}

static void
walk_blocks (DocxWalk      *w,
             const xmlNode *parent,
             guint          depth)
{
  if (depth > GX_READER_MAX_DEPTH)
    {
      set_depth_error (w);
      return;
    }
  for (const xmlNode *child = parent->children; child && w->error == NULL; child = child->next)
    {
      if (!is_element (child) || is_skipped (child))
        continue;
      if (is_w (child, "p"))
        add_paragraph (w, child, depth + 1);
      else if (is_w (child, "tbl"))
        add_table (w, child, depth + 1);
      else
        walk_blocks (w, child, depth + 1);   /* sdt, sdtContent, customXml, ins, moveTo */
    }
}

/* word/document.xml, unpacked up to the cap. */
static GByteArray *
read_document_part (const char  *data,
                    gsize        len,
                    const char  *source_name,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GByteArray) out = NULL;
  GsfInput *input;
  GsfInfile *zip;
  GsfInput *part;
  gsf_off_t size;

  input = gsf_input_memory_new ((const guint8 *) data, (gsf_off_t) len, FALSE);
  zip = gsf_infile_zip_new (input, &local_error);
  g_object_unref (input);
  if (zip == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: a damaged or truncated ZIP archive; a Word document (.docx) cannot be read from it"),
                   source_name);
      return NULL;
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
      return NULL;
    }

  size = gsf_input_size (part);
  if (size < 0 || (guint64) size > GX_READER_MAX_EXPANDED_SIZE)
    {
      g_autofree char *limit = g_format_size (GX_READER_MAX_EXPANDED_SIZE);

      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_LIMIT,
                   _("%s: the text of the Word document expands to more than %s (a zip bomb?); it was not unpacked"),
                   source_name, limit);
      g_object_unref (part);
      g_object_unref (zip);
      return NULL;
    }

  out = g_byte_array_sized_new ((guint) MIN (size, 16 * 1024 * 1024));
  while (out->len < (guint64) size)
    {
      gsize n = (gsize) MIN ((gsf_off_t) READ_CHUNK, size - (gsf_off_t) out->len);
      const guint8 *chunk = gsf_input_read (part, n, NULL);

      if (chunk == NULL)
        {
          g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                       _("%s: the Word document is damaged: its text (word/document.xml) cannot be unpacked"),
                       source_name);
          g_object_unref (part);
          g_object_unref (zip);
          return NULL;
        }
      g_byte_array_append (out, chunk, (guint) n);
    }

  g_object_unref (part);
  g_object_unref (zip);
  return g_steal_pointer (&out);
}

GxDocument *
gx_docx_reader_parse (const char  *data,
                      gsize        len,
                      const char  *source_name,
                      GError     **error)
{
  g_autoptr(GByteArray) xml = NULL;
  g_autoptr(GxFlow) flow = NULL;
  const xmlNode *root, *body;
  DocxWalk w = { 0, };
  xmlDoc *doc;

  xml = read_document_part (data, len, source_name, error);
  if (xml == NULL)
    return NULL;

  xmlInitParser ();
  /* no network, no DTD loading, no entity substitution, default depth cap */
  doc = xmlReadMemory ((const char *) xml->data, (int) xml->len, "document.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
  if (doc == NULL)
    {
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: the Word document is damaged: its text (word/document.xml) is not well-formed XML"),
                   source_name);
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  body = root && is_w (root, "document") ? w_child (root, "body") : NULL;
  if (body == NULL)
    {
      xmlFreeDoc (doc);
      g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_MALFORMED,
                   _("%s: the Word document has no body (w:document/w:body)"), source_name);
      return NULL;
    }

  flow = gx_flow_new (source_name);
  w.flow = flow;
  walk_blocks (&w, body, 0);
  xmlFreeDoc (doc);

  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }
  return gx_flow_to_document (flow, error);
}
