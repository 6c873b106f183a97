/* gx-docx-writer.c: one report as a Word document (.docx)
 *
 * The package is the smallest one Word, WPS and LibreOffice open without
 * a repair prompt: [Content_Types].xml, the package relationships, the
 * document with its styles, settings and font table, and the core and app
 * properties.  Every part is written by libxml2's text writer (so text is
 * escaped and the XML well-formed) and stored by libgsf's ZIP writer.
 *
 * The tables are the grids of gx-form-layout.c: a cell that spans columns
 * gets w:gridSpan, one that spans rows w:vMerge="restart" in its first row
 * and a w:vMerge continuation in the rows under it.  Widths are fixed
 * (w:tblLayout fixed) and add up to the text width of A4 portrait with
 * 2 cm side margins.
 */
#include "gx-config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>
#include <gsf/gsf-output-memory.h>
#include <libxml/xmlwriter.h>

#include "gx-docx-writer.h"
#include "gx-form-layout.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* A4 portrait in twentieths of a point, 2 cm (1134) at the sides */
#define PAGE_W 11906
#define PAGE_H 16838
#define MARGIN_SIDE 1134
#define MARGIN_TOP 1440
#define TEXT_W (PAGE_W - 2 * MARGIN_SIDE)

/* 宋体 (SimSun) for Chinese and digits alike, as official forms print */
#define FONT_CJK "宋体"
#define FONT_CJK_ALT "SimSun"
#define FONT_LATIN "Times New Roman"

/* half-points: 小二 for the title, 四号 for headings, 小五 in the tables */
#define SIZE_TITLE "36"
#define SIZE_HEADING "28"
#define SIZE_CELL "18"

typedef struct
{
  xmlTextWriterPtr w;
  int failed;          /* a call of the writer returned < 0 */
} Xml;

/* XML helpers ---------------------------------------------------------------- */

static void
check (Xml *x,
       int  rc)
{
  if (rc < 0)
    x->failed = TRUE;
}

static void
start (Xml        *x,
       const char *name)
{
  check (x, xmlTextWriterStartElement (x->w, BAD_CAST name));
}

static void
end (Xml *x)
{
  check (x, xmlTextWriterEndElement (x->w));
}

static void
attr (Xml        *x,
      const char *name,
      const char *value)
{
  check (x, xmlTextWriterWriteAttribute (x->w, BAD_CAST name, BAD_CAST value));
}

/* <name w:val="value"/> */
static void
val (Xml        *x,
     const char *name,
     const char *value)
{
  start (x, name);
  attr (x, "w:val", value);
  end (x);
}

/* <name a1="v1" a2="v2" …/>: attribute names and values in pairs, then NULL */
static void
element (Xml        *x,
         const char *name,
         ...)
{
  va_list args;
  const char *key;

  start (x, name);
  va_start (args, name);
  while ((key = va_arg (args, const char *)) != NULL)
    attr (x, key, va_arg (args, const char *));
  va_end (args);
  end (x);
}

static void
empty (Xml        *x,
       const char *name)
{
  start (x, name);
  end (x);
}

/* Text as XML 1.0 allows it: valid UTF-8, no control characters but tab
 * and newline (an invalid cell's raw text may hold anything). */
static char *
xml_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n') || c == 0xFFFE || c == 0xFFFF)
        continue;
      g_string_append_unichar (out, c == '\n' || c == '\t' ? ' ' : c);
    }
  return g_string_free (out, FALSE);
}

static void
text (Xml        *x,
      const char *content)
{
  g_autofree char *safe = xml_text (content);

  check (x, xmlTextWriterWriteString (x->w, BAD_CAST safe));
}

static Xml *
xml_new (xmlBufferPtr buffer)
{
  Xml *x = g_new0 (Xml, 1);

  x->w = xmlNewTextWriterMemory (buffer, 0);
  if (x->w == NULL)
    x->failed = TRUE;
  else
    check (x, xmlTextWriterStartDocument (x->w, NULL, "UTF-8", "yes"));
  return x;
}

/* Ends the document; FALSE if any call failed. */
static gboolean
xml_finish (Xml *x)
{
  gboolean ok;

  if (x->w != NULL)
    {
      check (x, xmlTextWriterEndDocument (x->w));
      xmlFreeTextWriter (x->w);
    }
  ok = !x->failed;
  g_free (x);
  return ok;
}

/* Runs and paragraphs ------------------------------------------------------------ */

static void
run_properties (Xml        *x,
                gboolean    bold,
                const char *size)
{
  start (x, "w:rPr");
  element (x, "w:rFonts",
           "w:ascii", FONT_CJK,
           "w:hAnsi", FONT_CJK,
           "w:eastAsia", FONT_CJK,
           "w:cs", FONT_LATIN,
           "w:hint", "eastAsia",
           NULL);
  if (bold)
    {
      empty (x, "w:b");
      empty (x, "w:bCs");
    }
  val (x, "w:sz", size);
  val (x, "w:szCs", size);
  element (x, "w:lang", "w:val", "en-US", "w:eastAsia", "zh-CN", NULL);
  end (x);
}

/* A paragraph of one run.  @jc: left, center, right (w:jc uses start/end
 * only in strict documents; Word and WPS expect left/right). */
static void
paragraph (Xml        *x,
           const char *content,
           const char *jc,
           gboolean    bold,
           const char *size,
           gboolean    keep_next,
           const char *space_after)
{
  start (x, "w:p");
  start (x, "w:pPr");
  if (keep_next)
    empty (x, "w:keepNext");
  element (x, "w:spacing",
           "w:before", "0",
           "w:after", space_after ? space_after : "0",
           "w:line", "240",
           "w:lineRule", "auto",
           NULL);
  val (x, "w:jc", jc);
  run_properties (x, bold, size);   /* the paragraph mark */
  end (x);
  if (content != NULL && *content != '\0')
    {
      start (x, "w:r");
      run_properties (x, bold, size);
      start (x, "w:t");
      attr (x, "xml:space", "preserve");
      text (x, content);
      end (x);
      end (x);
    }
  end (x);
}

/* Tables ------------------------------------------------------------------------ */

static void
border (Xml        *x,
        const char *side)
{
  start (x, side);
  attr (x, "w:val", "single");
  attr (x, "w:sz", "4");
  attr (x, "w:space", "0");
  attr (x, "w:color", "000000");
  end (x);
}

static char *
cell_text (GxReport           *report,
           const GxLayoutCell *cell,
           gboolean           *is_number)
{
  gint64 value;

  *is_number = FALSE;
  if (cell->kind != GX_LAYOUT_VALUE)
    return g_strdup (cell->text);
  switch (gx_report_get_cell (report, (guint) cell->cell, &value))
    {
    case GX_CELL_VALUE:
      *is_number = TRUE;
      return gx_value_format (value);
    case GX_CELL_INVALID:
      return g_strdup (gx_report_get_raw (report, (guint) cell->cell));
    case GX_CELL_BLANK:
    default:
      return NULL;
    }
}

static void
write_table (Xml         *x,
             GxReport    *report,
             GxFormTable *table)
{
  g_autofree int *twips = g_new0 (int, table->n_cols);
  int used = 0;
  char buf[32];

  for (guint c = 0; c < table->n_cols; c++)
    {
      twips[c] = c + 1 == table->n_cols ? TEXT_W - used : (int) (table->widths[c] * TEXT_W + 0.5);
      used += twips[c];
    }

  start (x, "w:tbl");
  start (x, "w:tblPr");
  start (x, "w:tblW");
  g_snprintf (buf, sizeof buf, "%d", TEXT_W);
  attr (x, "w:w", buf);
  attr (x, "w:type", "dxa");
  end (x);
  val (x, "w:jc", "center");
  start (x, "w:tblBorders");
  border (x, "w:top");
  border (x, "w:left");
  border (x, "w:bottom");
  border (x, "w:right");
  border (x, "w:insideH");
  border (x, "w:insideV");
  end (x);
  start (x, "w:tblLayout");
  attr (x, "w:type", "fixed");
  end (x);
  start (x, "w:tblCellMar");
  element (x, "w:left", "w:w", "57", "w:type", "dxa", NULL);
  element (x, "w:right", "w:w", "57", "w:type", "dxa", NULL);
  end (x);
  element (x, "w:tblLook",
           "w:val", "0000",
           "w:firstRow", "0",
           "w:lastRow", "0",
           "w:firstColumn", "0",
           "w:lastColumn", "0",
           "w:noHBand", "1",
           "w:noVBand", "1",
           NULL);
  end (x);

  start (x, "w:tblGrid");
  for (guint c = 0; c < table->n_cols; c++)
    {
      start (x, "w:gridCol");
      g_snprintf (buf, sizeof buf, "%d", twips[c]);
      attr (x, "w:w", buf);
      end (x);
    }
  end (x);

  for (guint r = 0; r < table->n_rows; r++)
    {
      gboolean head = r < table->n_head_rows;

      start (x, "w:tr");
      start (x, "w:trPr");
      empty (x, "w:cantSplit");
      start (x, "w:trHeight");
      attr (x, "w:val", "340");
      end (x);
      if (head)
        empty (x, "w:tblHeader");
      end (x);

      for (guint c = 0; c < table->n_cols;)
        {
          gboolean origin;
          const GxLayoutCell *cell = gx_form_table_cell_at (table, r, c, &origin);
          guint span = cell ? cell->colspan : 1;
          int width = 0;
          g_autofree char *content = NULL;
          gboolean is_number = FALSE;
          const char *jc;

          for (guint k = c; k < MIN (c + span, table->n_cols); k++)
            width += twips[k];

          start (x, "w:tc");
          start (x, "w:tcPr");
          start (x, "w:tcW");
          g_snprintf (buf, sizeof buf, "%d", width);
          attr (x, "w:w", buf);
          attr (x, "w:type", "dxa");
          end (x);
          if (span > 1)
            {
              g_snprintf (buf, sizeof buf, "%u", span);
              val (x, "w:gridSpan", buf);
            }
          if (cell != NULL && cell->rowspan > 1)
            {
              if (origin)
                val (x, "w:vMerge", "restart");
              else
                empty (x, "w:vMerge");
            }
          val (x, "w:vAlign", "center");
          end (x);

          if (cell != NULL && cell->row == r)
            content = cell_text (report, cell, &is_number);
          if (cell == NULL || cell->kind == GX_LAYOUT_HEAD || cell->kind == GX_LAYOUT_TITLE)
            jc = "center";
          else if (is_number)
            jc = "right";
          else if (cell->kind == GX_LAYOUT_LABEL && cell->group >= 0)
            jc = "center";
          else
            jc = "left";
          paragraph (x, content, jc, cell != NULL && cell->kind == GX_LAYOUT_TITLE, SIZE_CELL,
                     table->keep_with_next[r] || head, NULL);
          end (x);
          c += MAX (span, 1);
        }
      end (x);
    }
  end (x);
}

/* Parts ------------------------------------------------------------------------ */

static gboolean
write_document (xmlBufferPtr buffer,
                GxReport    *report)
{
  Xml *x = xml_new (buffer);
  g_autofree char *title = gx_docx_title (report);
  GxFormat format = gx_report_get_format (report);

  start (x, "w:document");
  attr (x, "xmlns:w", W_NS);
  attr (x, "xmlns:r", R_NS);
  start (x, "w:body");

  paragraph (x, title, "center", TRUE, SIZE_TITLE, TRUE, "360");

  for (GxSection s = 0; s < GX_N_SECTIONS; s++)
    {
      const GxSchemaSection *section = gx_schema_section (s);
      g_autofree char *heading = g_strdup_printf ("%s、%s", section->number_zh, section->label_zh);
      g_autoptr(GxFormTable) table = gx_form_table_new (s, format);

      paragraph (x, heading, "left", TRUE, SIZE_HEADING, TRUE, "120");
      write_table (x, report, table);
      /* a paragraph after every table: two tables never touch, and the
       * body does not end in a table */
      paragraph (x, NULL, "left", FALSE, SIZE_CELL, FALSE, "120");
    }

  start (x, "w:sectPr");
  element (x, "w:pgSz", "w:w", G_STRINGIFY (PAGE_W), "w:h", G_STRINGIFY (PAGE_H), NULL);
  element (x, "w:pgMar",
           "w:top", G_STRINGIFY (MARGIN_TOP),
           "w:right", G_STRINGIFY (MARGIN_SIDE),
           "w:bottom", G_STRINGIFY (MARGIN_TOP),
           "w:left", G_STRINGIFY (MARGIN_SIDE),
           "w:header", "851",
           "w:footer", "992",
           "w:gutter", "0",
           NULL);
  end (x);

  end (x);
  end (x);
  return xml_finish (x);
}

static gboolean
write_styles (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "w:styles");
  attr (x, "xmlns:w", W_NS);
  start (x, "w:docDefaults");
  start (x, "w:rPrDefault");
  start (x, "w:rPr");
  element (x, "w:rFonts",
           "w:ascii", FONT_CJK,
           "w:hAnsi", FONT_CJK,
           "w:eastAsia", FONT_CJK,
           "w:cs", FONT_LATIN,
           NULL);
  val (x, "w:sz", "21");
  val (x, "w:szCs", "21");
  element (x, "w:lang", "w:val", "en-US", "w:eastAsia", "zh-CN", "w:bidi", "ar-SA", NULL);
  end (x);
  end (x);
  start (x, "w:pPrDefault");
  empty (x, "w:pPr");
  end (x);
  end (x);

  start (x, "w:style");
  attr (x, "w:type", "paragraph");
  attr (x, "w:default", "1");
  attr (x, "w:styleId", "Normal");
  val (x, "w:name", "Normal");
  empty (x, "w:qFormat");
  start (x, "w:pPr");
  empty (x, "w:widowControl");
  val (x, "w:jc", "both");
  end (x);
  end (x);

  start (x, "w:style");
  attr (x, "w:type", "table");
  attr (x, "w:default", "1");
  attr (x, "w:styleId", "TableNormal");
  val (x, "w:name", "Normal Table");
  start (x, "w:tblPr");
  element (x, "w:tblInd", "w:w", "0", "w:type", "dxa", NULL);
  start (x, "w:tblCellMar");
  element (x, "w:top", "w:w", "0", "w:type", "dxa", NULL);
  element (x, "w:left", "w:w", "108", "w:type", "dxa", NULL);
  element (x, "w:bottom", "w:w", "0", "w:type", "dxa", NULL);
  element (x, "w:right", "w:w", "108", "w:type", "dxa", NULL);
  end (x);
  end (x);
  end (x);

  end (x);
  return xml_finish (x);
}

/* The font table names SimSun as 宋体's other name, with its panose and the
 * GB2312 character set, so a machine without 宋体 picks an East Asian serif
 * in its place. */
static gboolean
write_font_table (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "w:fonts");
  attr (x, "xmlns:w", W_NS);
  start (x, "w:font");
  attr (x, "w:name", FONT_CJK);
  val (x, "w:altName", FONT_CJK_ALT);
  val (x, "w:panose1", "02010600030101010101");
  val (x, "w:charset", "86");
  val (x, "w:family", "auto");   /* as Word writes 宋体 */
  val (x, "w:pitch", "variable");
  end (x);
  start (x, "w:font");
  attr (x, "w:name", FONT_LATIN);
  val (x, "w:panose1", "02020603050405020304");
  val (x, "w:charset", "00");
  val (x, "w:family", "roman");
  val (x, "w:pitch", "variable");
  end (x);
  end (x);
  return xml_finish (x);
}

static gboolean
write_settings (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "w:settings");
  attr (x, "xmlns:w", W_NS);
  val (x, "w:defaultTabStop", "420");
  val (x, "w:characterSpacingControl", "compressPunctuation");
  start (x, "w:compat");
  element (x, "w:compatSetting",
           "w:name", "compatibilityMode",
           "w:uri", "http://schemas.microsoft.com/office/word",
           "w:val", "15",
           NULL);
  end (x);
  end (x);
  return xml_finish (x);
}

static void
relationship (Xml        *x,
              const char *id,
              const char *type,
              const char *target)
{
  element (x, "Relationship", "Id", id, "Type", type, "Target", target, NULL);
}

static gboolean
write_package_rels (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "Relationships");
  attr (x, "xmlns", PKG_RELS_NS);
  relationship (x, "rId1", REL_TYPE "officeDocument", "word/document.xml");
  relationship (x, "rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml");
  relationship (x, "rId3", REL_TYPE "extended-properties", "docProps/app.xml");
  end (x);
  return xml_finish (x);
}

static gboolean
write_document_rels (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "Relationships");
  attr (x, "xmlns", PKG_RELS_NS);
  relationship (x, "rId1", REL_TYPE "styles", "styles.xml");
  relationship (x, "rId2", REL_TYPE "settings", "settings.xml");
  relationship (x, "rId3", REL_TYPE "fontTable", "fontTable.xml");
  end (x);
  return xml_finish (x);
}

static void
override (Xml        *x,
          const char *part,
          const char *type)
{
  element (x, "Override", "PartName", part, "ContentType", type, NULL);
}

static gboolean
write_content_types (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "Types");
  attr (x, "xmlns", CT_NS);
  element (x, "Default",
           "Extension", "rels",
           "ContentType", "application/vnd.openxmlformats-package.relationships+xml",
           NULL);
  element (x, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
  override (x, "/word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  override (x, "/word/styles.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml");
  override (x, "/word/settings.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml");
  override (x, "/word/fontTable.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml");
  override (x, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  override (x, "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  end (x);
  return xml_finish (x);
}

static gboolean
write_core (xmlBufferPtr buffer,
            GxReport    *report)
{
  Xml *x = xml_new (buffer);
  g_autofree char *title = gx_docx_title (report);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  start (x, "cp:coreProperties");
  attr (x, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  attr (x, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
  attr (x, "xmlns:dcterms", "http://purl.org/dc/terms/");
  attr (x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  start (x, "dc:title");
  text (x, title);
  end (x);
  start (x, "dc:creator");
  text (x, gx_report_get_issuer (report) ? gx_report_get_issuer (report) : "GxReports");
  end (x);
  start (x, "dcterms:created");
  attr (x, "xsi:type", "dcterms:W3CDTF");
  text (x, stamp);
  end (x);
  start (x, "dcterms:modified");
  attr (x, "xsi:type", "dcterms:W3CDTF");
  text (x, stamp);
  end (x);
  end (x);
  return xml_finish (x);
}

static gboolean
write_app (xmlBufferPtr buffer)
{
  Xml *x = xml_new (buffer);

  start (x, "Properties");
  attr (x, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  start (x, "Application");
  text (x, "GxReports " PACKAGE_VERSION);
  end (x);
  end (x);
  return xml_finish (x);
}

/* The package ---------------------------------------------------------------- */

static gboolean
add_part (GsfOutfile  *zip,
          const char  *name,
          xmlBufferPtr buffer,
          GError     **error)
{
  GsfOutput *child =
    gsf_outfile_new_child_full (zip, name, FALSE, "compression-level", GSF_ZIP_DEFLATED, NULL);
  gboolean ok = child != NULL &&
                gsf_output_write (child, (size_t) xmlBufferLength (buffer), xmlBufferContent (buffer));

  if (child != NULL)
    ok = gsf_output_close (child) && ok;
  g_clear_object (&child);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("cannot write the part %s of the Word document"), name);
  return ok;
}

char *
gx_docx_title (GxReport *report)
{
  const char *issuer = gx_report_get_issuer (report);
  int year = gx_report_get_year (report);
  g_autofree char *y = year > 0 ? g_strdup_printf ("%d年", year) : g_strdup ("");

  return g_strconcat (issuer ? issuer : "", y, "政府信息公开工作年度报告", NULL);
}

GBytes *
gx_docx_write_report (GxReport  *report,
                      GError   **error)
{
  static const char *const names[] = {
    "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
    "word/styles.xml", "word/settings.xml", "word/fontTable.xml", "docProps/core.xml",
    "docProps/app.xml",
  };
  xmlBufferPtr parts[G_N_ELEMENTS (names)] = { NULL };
  GsfOutput *sink = NULL;
  GsfOutfile *zip = NULL;
  GBytes *bytes = NULL;
  gboolean ok = TRUE;
  GError *local_error = NULL;

  g_return_val_if_fail (GX_IS_REPORT (report), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    parts[i] = xmlBufferCreate ();
  ok = write_content_types (parts[0]) && write_package_rels (parts[1]) &&
       write_document (parts[2], report) && write_document_rels (parts[3]) &&
       write_styles (parts[4]) && write_settings (parts[5]) && write_font_table (parts[6]) &&
       write_core (parts[7], report) && write_app (parts[8]);
  if (!ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("cannot build the XML of the Word document"));
      goto out;
    }

  sink = gsf_output_memory_new ();
  zip = gsf_outfile_zip_new (sink, &local_error);
  if (zip == NULL)
    {
      g_propagate_error (error, local_error);
      ok = FALSE;
      goto out;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (parts); i++)
    ok = add_part (zip, names[i], parts[i], error);
  if (!gsf_output_close (GSF_OUTPUT (zip)) && ok)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("cannot write the Word document"));
      ok = FALSE;
    }
  if (ok)
    bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (sink)),
                         (gsize) gsf_output_size (sink));

out:
  g_clear_object (&zip);
  g_clear_object (&sink);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    xmlBufferFree (parts[i]);
  return bytes;
}

gboolean
gx_docx_write_report_to_file (GxReport    *report,
                              const char  *path,
                              GError     **error)
{
  g_autoptr(GBytes) bytes = gx_docx_write_report (report, error);
  gsize size;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return g_file_set_contents_full (path, data, (gssize) size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
