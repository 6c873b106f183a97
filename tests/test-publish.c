/* test-publish.c: the Word document of one report and the Excel workbook of
 * many (issue 18)
 *
 * The .docx is read back by GxReports' own Word reader and must give the
 * hand-read cells of every sample (test-samples.h), its issuer and year;
 * its package must hold together (content types, relationships, well-formed
 * parts, tables whose rows fill their grid).  The .xlsx is unzipped and its
 * sheet XML read: every cell of every report with the right number and
 * type, the SUM formulas of the roll-up, the frozen pane, the findings.
 */
#include "gx-config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-input-memory.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "gx-csv.h"
#include "gx-docx-writer.h"
#include "gx-form-layout.h"
#include "gx-review.h"
#include "gx-store.h"
#include "gx-xlsx-writer.h"
#include "test-samples.h"
#include "gx-test-fs.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define S_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
/* A4 portrait, less 2 cm a side, in twentieths of a point */
#define A4_TEXT_WIDTH (11906 - 2 * 1134)

static const SampleReport miyun2019 = {
  "miyun-2020-format2019.txt", "北京市密云区人民政府", 2020, miyun2019_rows
};

/* every sample and the 2019-form fixture */
static const SampleReport *
all_samples (guint i)
{
  return i < G_N_ELEMENTS (samples) ? &samples[i] : i == G_N_ELEMENTS (samples) ? &miyun2019 : NULL;
}

static GxReport *
read_sample (const SampleReport *sample)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", sample->file, NULL);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* ZIP helpers ----------------------------------------------------------------- */

static void
collect_parts (GsfInfile  *dir,
               const char *prefix,
               GHashTable *parts)
{
  for (int i = 0; i < gsf_infile_num_children (dir); i++)
    {
      GsfInput *child = gsf_infile_child_by_index (dir, i);
      g_autofree char *name = g_strconcat (prefix, gsf_input_name (child), NULL);

      if (GSF_IS_INFILE (child) && gsf_infile_num_children (GSF_INFILE (child)) >= 0)
        {
          g_autofree char *sub = g_strconcat (name, "/", NULL);

          collect_parts (GSF_INFILE (child), sub, parts);
        }
      else
        {
          gsf_off_t size = gsf_input_size (child);
          const guint8 *data = gsf_input_read (child, (size_t) size, NULL);

          g_assert_true (size == 0 || data != NULL);
          g_hash_table_insert (parts, g_strdup (name),
                               g_bytes_new (size ? data : (const guint8 *) "", (gsize) size));
        }
      g_object_unref (child);
    }
}

/* name → GBytes of every file in the archive */
static GHashTable *
unzip (GBytes *archive)
{
  GHashTable *parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  gsize size;
  const guint8 *data = g_bytes_get_data (archive, &size);
  GsfInput *input = gsf_input_memory_new (data, (gsf_off_t) size, FALSE);
  g_autoptr(GError) error = NULL;
  GsfInfile *zip = gsf_infile_zip_new (input, &error);

  g_assert_no_error (error);
  collect_parts (zip, "", parts);
  g_object_unref (zip);
  g_object_unref (input);
  return parts;
}

static gboolean parse_failed;

static void
parse_error_cb (void        *user_data,
                const xmlError *error)
{
  g_printerr ("XML error: %s", error->message);
  parse_failed = TRUE;
}

/* The part parsed as xmllint --noout would: any error fails the test. */
static xmlDocPtr
parse_part (GHashTable *parts,
            const char *name)
{
  GBytes *bytes = g_hash_table_lookup (parts, name);
  gsize size;
  const char *data;
  xmlDocPtr doc;

  if (bytes == NULL)
    g_error ("the archive has no part %s", name);
  data = g_bytes_get_data (bytes, &size);
  parse_failed = FALSE;
  xmlSetStructuredErrorFunc (NULL, (xmlStructuredErrorFunc) parse_error_cb);
  doc = xmlReadMemory (data, (int) size, name, NULL, XML_PARSE_NONET);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || parse_failed)
    g_error ("%s is not well-formed XML", name);
  return doc;
}

static xmlXPathObjectPtr
xpath (xmlDocPtr   doc,
       xmlNodePtr  context,
       const char *expression)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;

  xmlXPathRegisterNs (ctx, BAD_CAST "w", BAD_CAST W_NS);
  xmlXPathRegisterNs (ctx, BAD_CAST "s", BAD_CAST S_NS);
  xmlXPathRegisterNs (ctx, BAD_CAST "ct", BAD_CAST "http://schemas.openxmlformats.org/package/2006/content-types");
  xmlXPathRegisterNs (ctx, BAD_CAST "rel", BAD_CAST "http://schemas.openxmlformats.org/package/2006/relationships");
  if (context)
    ctx->node = context;
  result = xmlXPathEvalExpression (BAD_CAST expression, ctx);
  xmlXPathFreeContext (ctx);
  g_assert_nonnull (result);
  return result;
}

static guint
n_nodes (xmlXPathObjectPtr result)
{
  return result->nodesetval ? (guint) result->nodesetval->nodeNr : 0;
}

static xmlNodePtr
node_at (xmlXPathObjectPtr result,
         guint             i)
{
  return result->nodesetval->nodeTab[i];
}

/* the string value of @expression (XPath string()) */
static char *
xpath_string (xmlDocPtr   doc,
              xmlNodePtr  context,
              const char *expression)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expression);
  xmlXPathObjectPtr result = xpath (doc, context, wrapped);
  char *text = g_strdup ((const char *) result->stringval);

  xmlXPathFreeObject (result);
  return text;
}

static char *
prop (xmlNodePtr  node,
      const char *name,
      const char *ns)
{
  xmlChar *value = ns ? xmlGetNsProp (node, BAD_CAST name, BAD_CAST ns) : xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* The form layout ------------------------------------------------------------ */

static void
test_layout_grid (void)
{
  static const GxFormat formats[] = { GX_FORMAT_2021, GX_FORMAT_2019 };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree guint8 *seen = g_new0 (guint8, gx_schema_n_cells ());
      guint n_values = 0;

      for (GxSection s = 0; s < GX_N_SECTIONS; s++)
        {
          g_autoptr(GxFormTable) table = gx_form_table_new (s, formats[f]);
          double sum = 0;

          /* every grid position is covered by exactly one cell */
          g_autofree guint8 *covered = g_new0 (guint8, table->n_rows * table->n_cols);
          for (guint i = 0; i < table->cells->len; i++)
            {
              const GxLayoutCell *c = &g_array_index (table->cells, GxLayoutCell, i);

              g_assert_cmpuint (c->row + c->rowspan, <=, table->n_rows);
              g_assert_cmpuint (c->col + c->colspan, <=, table->n_cols);
              for (guint r = c->row; r < c->row + c->rowspan; r++)
                for (guint k = c->col; k < c->col + c->colspan; k++)
                  covered[r * table->n_cols + k]++;
              if (c->kind == GX_LAYOUT_VALUE)
                {
                  g_assert_true (gx_schema_cell_in_format ((guint) c->cell, formats[f]));
                  g_assert_cmpuint (seen[c->cell], ==, 0);
                  seen[c->cell] = 1;
                  n_values++;
                }
            }
          for (guint p = 0; p < table->n_rows * table->n_cols; p++)
            g_assert_cmpuint (covered[p], ==, 1);
          for (guint k = 0; k < table->n_cols; k++)
            sum += table->widths[k];
          g_assert_cmpfloat (fabs (sum - 1.0), <, 1e-9);
        }
      /* every cell of the form has its place, once; the 2019 form prints
       * （六）其他处理 as one row, so the 2 × 7 cells of the rows it lacks
       * (other_no_correction, other_no_fee: blank by that form) have none */
      g_assert_cmpuint (n_values, ==, gx_schema_n_cells_in_format (formats[f]) -
                                      (formats[f] == GX_FORMAT_2019 ? 14 : 0));
      if (formats[f] == GX_FORMAT_2019)
        {
          g_assert_false (seen[gx_schema_find_cell_by_path ("applications.other_no_fee.total")]);
          g_assert_true (seen[gx_schema_find_cell_by_path ("applications.other_misc.total")]);
        }
    }

  /* section 三 of 2021 as the national form has it: three header rows, 10
   * columns (two merged label levels, the labels, seven values); the
   * results (三、本年度办理结果) merged over the 22 result rows and （三）不予公开
   * over its 8 reasons */
  {
    g_autoptr(GxFormTable) t = gx_form_table_new (GX_SECTION_APPLICATIONS, GX_FORMAT_2021);
    gboolean origin;
    const GxLayoutCell *c;

    g_assert_cmpuint (t->n_cols, ==, 10);
    g_assert_cmpuint (t->n_head_rows, ==, 3);
    g_assert_cmpuint (t->n_rows, ==, 3 + 25);
    c = gx_form_table_cell_at (t, 5, 0, &origin);
    g_assert_cmpstr (c->text, ==, "三、本年度办理结果");
    g_assert_cmpuint (c->rowspan, ==, 22);
    g_assert_true (origin);
    g_assert_true (gx_form_table_cell_at (t, 6, 0, &origin) == c);
    g_assert_false (origin);
    c = gx_form_table_cell_at (t, 7, 1, &origin);
    g_assert_cmpstr (c->text, ==, "（三）不予公开");
    g_assert_cmpuint (c->rowspan, ==, 8);
    g_assert_true (origin);
    c = gx_form_table_cell_at (t, 1, 4, NULL);
    g_assert_cmpstr (c->text, ==, "法人或其他组织");
    g_assert_cmpuint (c->colspan, ==, 5);
  }
  /* 2019: one （六）其他处理 row (the values of other_misc), 23 rows under
   * the header */
  {
    g_autoptr(GxFormTable) t = gx_form_table_new (GX_SECTION_APPLICATIONS, GX_FORMAT_2019);
    const GxSchemaRow *misc = gx_schema_find_row (GX_SECTION_APPLICATIONS, "other_misc");
    guint n_labels = 0;

    g_assert_cmpuint (t->n_rows, ==, 3 + 23);
    for (guint i = 0; i < t->cells->len; i++)
      {
        const GxLayoutCell *c = &g_array_index (t->cells, GxLayoutCell, i);

        if (c->kind == GX_LAYOUT_LABEL && c->schema_row == (int) misc->index)
          {
            g_assert_cmpstr (c->text, ==, "（六）其他处理");
            n_labels++;
          }
        g_assert_null (strstr (c->text ? c->text : "", "逾期不补正"));
      }
    g_assert_cmpuint (n_labels, ==, 1);
  }
}

/* .docx ------------------------------------------------------------------------ */

static void
assert_same_report (GxReport *back,
                    GxReport *report)
{
  g_assert_cmpstr (gx_report_get_issuer (back), ==, gx_report_get_issuer (report));
  g_assert_cmpint (gx_report_get_year (back), ==, gx_report_get_year (report));
  g_assert_cmpstr (gx_report_get_format_version (back), ==, gx_report_get_format_version (report));
  for (guint c = 0; c < gx_schema_n_cells (); c++)
    {
      g_autofree char *a = gx_report_dup_text (back, c);
      g_autofree char *b = gx_report_dup_text (report, c);

      if (gx_report_get_cell (back, c, NULL) != gx_report_get_cell (report, c, NULL) || strcmp (a, b) != 0)
        g_error ("%s: %s in the .docx, %s in the report", gx_schema_cell (c)->path, a, b);
    }
}

static void
test_docx_round_trip (void)
{
  for (guint i = 0; all_samples (i); i++)
    {
      const SampleReport *sample = all_samples (i);
      g_autoptr(GxReport) report = read_sample (sample);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) docx = gx_docx_write_report (report, &error);
      g_autoptr(GxReport) back = NULL;
      g_autofree char *name = g_strdup_printf ("%s.docx", sample->file);

      g_assert_no_error (error);
      back = gx_reader_read_bytes (docx, name, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      /* the hand-read figures, issuer and year of the sample */
      g_assert_cmpstr (gx_report_get_issuer (back), ==, sample->issuer);
      g_assert_cmpint (gx_report_get_year (back), ==, sample->year);
      assert_cells (back, sample->rows);
      assert_same_report (back, report);
    }
}

/* The fixtures of the other readers (web pages, Word, PDF): each report
 * read from them goes through .docx and back to the same cells; the files
 * that are no report (encrypted, scanned, truncated …) are refused before. */
static void
test_docx_round_trip_fixtures (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "formats", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n_read = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GxReport) report = NULL;
      g_autoptr(GBytes) docx = NULL;
      g_autoptr(GxReport) back = NULL;

      if (g_str_has_suffix (name, ".py"))
        continue;
      report = gx_reader_read_path (path, &error);
      if (report == NULL)
        continue;   /* a bad file: its reader's tests say why */
      docx = gx_docx_write_report (report, &error);
      g_assert_no_error (error);
      back = gx_reader_read_bytes (docx, name, &error);
      g_assert_no_error (error);
      assert_same_report (back, report);
      n_read++;
    }
  /* the HTML, .docx and PDF fixtures of Anding, Beidaihe, Haidian, Pinggu */
  g_assert_cmpuint (n_read, >=, 8);
}

/* An invalid cell keeps its text, a blank cell stays blank, text that is not
 * XML (control characters) is left out rather than breaking the document. */
static void
test_docx_odd_cells (void)
{
  const SampleReport *sample = &samples[0];
  g_autoptr(GxReport) report = read_sample (sample);
  int granted = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "granted", "commercial");
  int carried = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "carried_over", "research");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GxReport) back = NULL;

  gx_report_set_invalid (report, (guint) granted, "约3");
  gx_report_set_blank (report, (guint) carried);
  gx_report_set_issuer (report, "北京市平谷区\x01人民政府");
  docx = gx_docx_write_report (report, &error);
  g_assert_no_error (error);
  back = gx_reader_read_bytes (docx, "odd.docx", &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_report_get_cell (back, (guint) granted, NULL), ==, GX_CELL_INVALID);
  g_assert_cmpstr (gx_report_get_raw (back, (guint) granted), ==, "约3");
  g_assert_true (gx_report_is_blank (back, (guint) carried));
  g_assert_cmpstr (gx_report_get_issuer (back), ==, "北京市平谷区人民政府");
}

/* Every part is listed in [Content_Types].xml, every relationship points
 * at a part, every part is well-formed, and every table row fills its
 * grid (what Word checks before it offers to repair a file). */
static void
test_docx_package (void)
{
  const SampleReport *sample = &samples[3];   /* haidian: the fee with decimals, 42 */
  g_autoptr(GxReport) report = read_sample (sample);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = gx_docx_write_report (report, &error);
  g_autoptr(GHashTable) parts = NULL;
  GHashTableIter iter;
  gpointer key;
  xmlDocPtr types, doc;
  xmlXPathObjectPtr found;
  guint n_rels = 0;

  g_assert_no_error (error);
  parts = unzip (docx);
  g_assert_true (g_hash_table_contains (parts, "word/document.xml"));

  /* content types: an Override or a Default for every part */
  types = parse_part (parts, "[Content_Types].xml");
  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;
      const char *dot = strrchr (name, '.');
      g_autofree char *expr = NULL;
      g_autofree char *type = NULL;

      if (strcmp (name, "[Content_Types].xml") == 0)
        continue;
      expr = g_strdup_printf ("/ct:Types/ct:Override[@PartName='/%s']/@ContentType", name);
      type = xpath_string (types, NULL, expr);
      if (*type == '\0' && dot != NULL)
        {
          g_free (expr);
          g_free (type);
          expr = g_strdup_printf ("/ct:Types/ct:Default[@Extension='%s']/@ContentType", dot + 1);
          type = xpath_string (types, NULL, expr);
        }
      if (*type == '\0')
        g_error ("%s has no content type", name);
      if (strcmp (name, "word/document.xml") == 0)
        g_assert_cmpstr (type, ==, "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
      xmlFreeDoc (parse_part (parts, name));   /* well-formed */
    }
  xmlFreeDoc (types);

  /* relationships resolve */
  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *name = key;
      g_autofree char *rels_dir = NULL;
      g_autofree char *source_dir = NULL;
      xmlDocPtr rels;

      if (!g_str_has_suffix (name, ".rels"))
        continue;
      rels_dir = g_path_get_dirname (name);           /* word/_rels */
      g_assert_true (g_str_has_suffix (rels_dir, "_rels"));
      source_dir = g_path_get_dirname (rels_dir);     /* word, or . */
      rels = parse_part (parts, name);
      found = xpath (rels, NULL, "/rel:Relationships/rel:Relationship");
      g_assert_cmpuint (n_nodes (found), >, 0);
      for (guint i = 0; i < n_nodes (found); i++)
        {
          g_autofree char *target = prop (node_at (found, i), "Target", NULL);
          g_autofree char *path = strcmp (source_dir, ".") == 0 ? g_strdup (target)
                                                                : g_build_path ("/", source_dir, target, NULL);

          if (!g_hash_table_contains (parts, path))
            g_error ("%s: relationship to %s, which is not in the package", name, path);
          n_rels++;
        }
      xmlXPathFreeObject (found);
      xmlFreeDoc (rels);
    }
  g_assert_cmpuint (n_rels, >=, 6);

  doc = parse_part (parts, "word/document.xml");

  /* A4 portrait */
  {
    g_autofree char *w = xpath_string (doc, NULL, "//w:sectPr/w:pgSz/@w:w");
    g_autofree char *h = xpath_string (doc, NULL, "//w:sectPr/w:pgSz/@w:h");

    g_assert_cmpstr (w, ==, "11906");
    g_assert_cmpstr (h, ==, "16838");
  }
  /* the title line */
  {
    g_autofree char *title = xpath_string (doc, NULL, "/w:document/w:body/w:p[1]");

    g_assert_cmpstr (title, ==, "北京市海淀区人民政府2022年政府信息公开工作年度报告");
  }

  /* three tables; every row's cells span the whole grid, every vMerge
   * continuation has a cell above it at the same grid column, every cell
   * has a paragraph */
  found = xpath (doc, NULL, "//w:tbl");
  g_assert_cmpuint (n_nodes (found), ==, 3);
  for (guint t = 0; t < n_nodes (found); t++)
    {
      xmlNodePtr tbl = node_at (found, t);
      xmlXPathObjectPtr cols = xpath (doc, tbl, "w:tblGrid/w:gridCol");
      xmlXPathObjectPtr rows = xpath (doc, tbl, "w:tr");
      guint n_cols = n_nodes (cols);
      g_autofree guint8 *merging = g_new0 (guint8, n_cols);
      int width = 0;

      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *w = prop (node_at (cols, c), "w", W_NS);

          width += atoi (w);
        }
      g_assert_cmpint (width, <=, A4_TEXT_WIDTH);
      g_assert_cmpint (width, >, A4_TEXT_WIDTH - 10);
      for (guint r = 0; r < n_nodes (rows); r++)
        {
          xmlXPathObjectPtr tcs = xpath (doc, node_at (rows, r), "w:tc");
          guint col = 0;

          for (guint c = 0; c < n_nodes (tcs); c++)
            {
              xmlNodePtr tc = node_at (tcs, c);
              g_autofree char *span = xpath_string (doc, tc, "w:tcPr/w:gridSpan/@w:val");
              g_autofree char *merge = xpath_string (doc, tc, "w:tcPr/w:vMerge/@w:val");
              xmlXPathObjectPtr has_merge = xpath (doc, tc, "w:tcPr/w:vMerge");
              xmlXPathObjectPtr paragraphs = xpath (doc, tc, "w:p");
              guint n = *span ? (guint) atoi (span) : 1;

              g_assert_cmpuint (n_nodes (paragraphs), >=, 1);
              if (n_nodes (has_merge) > 0 && strcmp (merge, "restart") != 0)
                g_assert_cmpuint (merging[col], ==, 1);   /* continues a cell above */
              g_assert_cmpuint (col + n, <=, n_cols);
              for (guint k = col; k < col + n; k++)
                merging[k] = n_nodes (has_merge) > 0;
              col += n;
              xmlXPathFreeObject (has_merge);
              xmlXPathFreeObject (paragraphs);
            }
          g_assert_cmpuint (col, ==, n_cols);
          xmlXPathFreeObject (tcs);
        }
      xmlXPathFreeObject (cols);
      xmlXPathFreeObject (rows);
    }
  xmlXPathFreeObject (found);

  /* merged headers and the hierarchy of section 三 */
  found = xpath (doc, NULL, "//w:tc[w:tcPr/w:vMerge[@w:val='restart']][normalize-space(.)='（三）不予公开']");
  g_assert_cmpuint (n_nodes (found), ==, 1);
  xmlXPathFreeObject (found);
  found = xpath (doc, NULL, "//w:tc[w:tcPr/w:gridSpan[@w:val='5']][normalize-space(.)='法人或其他组织']");
  g_assert_cmpuint (n_nodes (found), ==, 1);
  xmlXPathFreeObject (found);

  /* every run names 宋体 for East Asian text */
  {
    xmlXPathObjectPtr runs = xpath (doc, NULL, "//w:r");
    xmlXPathObjectPtr cjk = xpath (doc, NULL, "//w:r[w:rPr/w:rFonts[@w:eastAsia='宋体']]");

    g_assert_cmpuint (n_nodes (runs), >, 250);
    g_assert_cmpuint (n_nodes (cjk), ==, n_nodes (runs));
    xmlXPathFreeObject (runs);
    xmlXPathFreeObject (cjk);
  }
  /* and the font table gives SimSun as its other name */
  {
    xmlDocPtr fonts = parse_part (parts, "word/fontTable.xml");
    g_autofree char *alt = xpath_string (fonts, NULL, "//w:font[@w:name='宋体']/w:altName/@w:val");

    g_assert_cmpstr (alt, ==, "SimSun");
    xmlFreeDoc (fonts);
  }

  /* numbers right-aligned: the fee (19656.3836 in the file) and 复议后起诉
   * 总计 (42, the last cell of section 四) */
  {
    g_autofree char *jc = xpath_string (doc, NULL, "//w:p[normalize-space(.)='19656.3836']/w:pPr/w:jc/@w:val");
    g_autofree char *last = xpath_string (doc, NULL, "(//w:tbl)[3]/w:tr[last()]/w:tc[last()]");
    g_autofree char *last_jc = xpath_string (doc, NULL, "(//w:tbl)[3]/w:tr[last()]/w:tc[last()]/w:p/w:pPr/w:jc/@w:val");

    g_assert_cmpstr (jc, ==, "right");
    g_assert_cmpstr (last, ==, "42");
    g_assert_cmpstr (last_jc, ==, "right");
  }
  xmlFreeDoc (doc);
}

/* A blank cell is a cell with an empty paragraph: no text, no zero. */
static void
test_docx_blank_cells (void)
{
  const SampleReport *sample = &samples[4];   /* beidaihe: 184 cells left blank */
  g_autoptr(GxReport) report = read_sample (sample);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = gx_docx_write_report (report, &error);
  g_autoptr(GHashTable) parts = unzip (docx);
  xmlDocPtr doc = parse_part (parts, "word/document.xml");
  /* value cells of section 三: the 26 rows × 7 columns after 3 header rows */
  xmlXPathObjectPtr empty = xpath (doc, NULL, "(//w:tbl)[2]/w:tr[position() > 3]/w:tc[not(w:tcPr/w:vMerge)][not(.//w:t)]");
  guint n_blank = 0;

  for (guint c = 0; c < gx_schema_n_cells (); c++)
    if (gx_report_has_cell (report, c) && gx_schema_cell (c)->section == GX_SECTION_APPLICATIONS &&
        gx_report_is_blank (report, c))
      n_blank++;
  g_assert_cmpuint (n_blank, >, 100);
  g_assert_cmpuint (n_nodes (empty), ==, n_blank);
  xmlXPathFreeObject (empty);
  xmlFreeDoc (doc);
}

/* With LibreOffice: the document converts to PDF and its text shows the
 * figures in the order of the tables. */
static void
test_docx_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  g_autofree char *docx_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *p;
  int status;

  if (soffice == NULL || pdftotext == NULL)
    {
      g_test_skip ("LibreOffice (soffice) or pdftotext is not installed: the .docx is not converted to PDF");
      return;
    }
  report = read_sample (&samples[0]);   /* pinggu */
  dir = g_dir_make_tmp ("gx-publish-XXXXXX", &error);
  g_assert_no_error (error);
  docx_path = g_build_filename (dir, "pinggu.docx", NULL);
  pdf_path = g_build_filename (dir, "pinggu.pdf", NULL);
  g_assert_true (gx_docx_write_report_to_file (report, docx_path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", dir, docx_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  if (!g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR))
    g_error ("soffice did not convert %s to PDF (exit status %d)", docx_path, status);
  {
    const char *argv[] = { pdftotext, "-layout", pdf_path, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error);
    g_assert_no_error (error);
  }
  /* the rows of pinggu, read by hand, each on its line and in the order of
   * the tables (spaces collapsed): 二 行政规范性文件, 行政许可, the fee; 三
   * 本年新收 and （七）总计; the one row of 四 */
  {
    g_autoptr(GRegex) spaces = g_regex_new ("[ \t]+", 0, 0, NULL);
    g_autofree char *flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);

    p = strstr (flat, "北京市平谷区人民政府");
    g_assert_nonnull (p);
    for (const char *const *row = (const char *const[]) { "行政规范性文件 90 4 256\n",
                                                          "行政许可 37824\n",
                                                          "行政事业性收费 8157.19\n",
                                                          "政府信息公开申请数量 284 5 0 0 0 0 289\n",
                                                          "（七）总计 289 5 0 0 0 0 294\n",
                                                          " 6 0 3 2 11 2 0 0 2 4 1 0 0 3 4\n", NULL };
         *row; row++)
      {
        const char *next = strstr (p, *row);

        if (next == NULL)
          g_error ("“%s” is not in the PDF after the rows before it:\n%s", *row, flat);
        p = next + strlen (*row) - 1;
      }
  }
  gx_test_remove_tree (dir);   /* LibreOffice's profile too */
}

/* .xlsx ------------------------------------------------------------------------ */

static char *
column_name (guint col)
{
  char buf[8];
  int n = 0;
  char out[8];

  col++;
  while (col > 0)
    {
      buf[n++] = (char) ('A' + (col - 1) % 26);
      col = (col - 1) / 26;
    }
  for (int i = 0; i < n; i++)
    out[i] = buf[n - 1 - i];
  out[n] = '\0';
  return g_strdup (out);
}

typedef struct
{
  char *type;      /* t, or NULL */
  char *value;     /* v, or the inline string */
  char *formula;   /* f, or NULL */
  char *style;     /* s, or NULL */
} XCell;

static void
xcell_free (XCell *cell)
{
  g_free (cell->type);
  g_free (cell->value);
  g_free (cell->formula);
  g_free (cell->style);
  g_free (cell);
}

/* "D2" → XCell of a worksheet */
static GHashTable *
read_sheet (xmlDocPtr doc)
{
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) xcell_free);
  xmlXPathObjectPtr found = xpath (doc, NULL, "/s:worksheet/s:sheetData/s:row/s:c");

  for (guint i = 0; i < n_nodes (found); i++)
    {
      xmlNodePtr c = node_at (found, i);
      XCell *cell = g_new0 (XCell, 1);
      g_autofree char *formula = xpath_string (doc, c, "s:f");

      cell->type = prop (c, "t", NULL);
      cell->style = prop (c, "s", NULL);
      cell->formula = *formula ? g_steal_pointer (&formula) : NULL;
      cell->value = g_strcmp0 (cell->type, "inlineStr") == 0 ? xpath_string (doc, c, "s:is")
                                                             : xpath_string (doc, c, "s:v");
      g_hash_table_insert (cells, prop (c, "r", NULL), cell);
    }
  xmlXPathFreeObject (found);
  return cells;
}

static XCell *
sheet_cell (GHashTable *sheet,
            guint       row,     /* 1-based, as Excel counts */
            guint       col)
{
  g_autofree char *name = column_name (col);
  g_autofree char *ref = g_strdup_printf ("%s%u", name, row);

  return g_hash_table_lookup (sheet, ref);
}

/* the sheet file of the sheet named @name, through the workbook's rels */
static char *
sheet_part (GHashTable *parts,
            const char *name)
{
  xmlDocPtr book = parse_part (parts, "xl/workbook.xml");
  xmlDocPtr rels = parse_part (parts, "xl/_rels/workbook.xml.rels");
  g_autofree char *expr = g_strdup_printf ("/s:workbook/s:sheets/s:sheet[@name='%s']", name);
  xmlXPathObjectPtr sheet = xpath (book, NULL, expr);
  g_autofree char *rid = NULL;
  g_autofree char *target = NULL;

  g_assert_cmpuint (n_nodes (sheet), ==, 1);
  rid = prop (node_at (sheet, 0), "id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  g_free (expr);
  expr = g_strdup_printf ("/rel:Relationships/rel:Relationship[@Id='%s']/@Target", rid);
  target = xpath_string (rels, NULL, expr);
  xmlXPathFreeObject (sheet);
  xmlFreeDoc (book);
  xmlFreeDoc (rels);
  return g_strconcat ("xl/", target, NULL);
}

static GHashTable *
load_sheet (GHashTable *parts,
            const char *name,
            xmlDocPtr  *doc_out)
{
  g_autofree char *part = sheet_part (parts, name);
  xmlDocPtr doc = parse_part (parts, part);
  GHashTable *cells = read_sheet (doc);

  if (doc_out)
    *doc_out = doc;
  else
    xmlFreeDoc (doc);
  return cells;
}

/* the CSV column of every template cell */
static guint *
column_of_cells (void)
{
  guint *columns = g_new0 (guint, gx_schema_n_cells ());

  for (guint c = 0; c < gx_csv_n_columns (); c++)
    if (gx_csv_column_cell (c) >= 0)
      columns[gx_csv_column_cell (c)] = c;
  return columns;
}

/* The number format of a cell's style ("0.0000##"), or NULL for General. */
static char *
number_format (GHashTable *parts,
               const char *style)
{
  xmlDocPtr styles = parse_part (parts, "xl/styles.xml");
  g_autofree char *expr = g_strdup_printf ("/s:styleSheet/s:cellXfs/s:xf[%d]/@numFmtId", atoi (style) + 1);
  g_autofree char *id = xpath_string (styles, NULL, expr);
  char *code;

  g_free (expr);
  expr = g_strdup_printf ("/s:styleSheet/s:numFmts/s:numFmt[@numFmtId='%s']/@formatCode", id);
  code = xpath_string (styles, NULL, expr);
  xmlFreeDoc (styles);
  if (*code == '\0')
    g_clear_pointer (&code, g_free);
  return code;
}

static void
test_xlsx_workbook (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "reports.xlsx", NULL);
  g_autofree char *data = NULL;
  g_autofree guint *column_of = column_of_cells ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GHashTable) sheet = NULL;
  g_autoptr(GHashTable) rollup = NULL;
  g_autoptr(GHashTable) findings = NULL;
  g_autofree gint64 *sums = g_new0 (gint64, gx_schema_n_cells ());
  g_autofree guint *counts = g_new0 (guint, gx_schema_n_cells ());
  xmlDocPtr doc;
  gsize size;
  guint n_reports;
  gboolean fee_checked = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; all_samples (i); i++)
    {
      GxReport *report = read_sample (all_samples (i));

      /* the findings come with the reports, as the workspace checks them */
      g_ptr_array_unref (gx_rules_check (report));
      g_ptr_array_add (reports, report);
    }
  n_reports = reports->len;
  g_assert_true (gx_xlsx_write_reports (reports, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  parts = unzip (bytes);

  /* 报告: the header row frozen (and issuer, year), Chinese headers */
  sheet = load_sheet (parts, GX_XLSX_SHEET_REPORTS, &doc);
  {
    g_autofree char *state = xpath_string (doc, NULL, "//s:sheetView/s:pane/@state");
    g_autofree char *ysplit = xpath_string (doc, NULL, "//s:sheetView/s:pane/@ySplit");
    g_autofree char *xsplit = xpath_string (doc, NULL, "//s:sheetView/s:pane/@xSplit");

    g_assert_cmpstr (state, ==, "frozen");
    g_assert_cmpstr (ysplit, ==, "1");
    g_assert_cmpstr (xsplit, ==, "2");
  }
  /* column ranges never overlap (Excel would offer to repair the file) */
  {
    xmlXPathObjectPtr cols = xpath (doc, NULL, "/s:worksheet/s:cols/s:col");
    int last = 0;

    g_assert_cmpuint (n_nodes (cols), >=, 4);
    for (guint i = 0; i < n_nodes (cols); i++)
      {
        g_autofree char *min = prop (node_at (cols, i), "min", NULL);
        g_autofree char *max = prop (node_at (cols, i), "max", NULL);

        g_assert_cmpint (atoi (min), >, last);
        g_assert_cmpint (atoi (max), >=, atoi (min));
        last = atoi (max);
      }
    xmlXPathFreeObject (cols);
  }
  xmlFreeDoc (doc);
  g_assert_cmpstr (sheet_cell (sheet, 1, 0)->value, ==, "发布机关");
  g_assert_cmpstr (sheet_cell (sheet, 1, 1)->value, ==, "年度");
  g_assert_cmpstr (sheet_cell (sheet, 1, column_of[gx_schema_find_cell (GX_SECTION_APPLICATIONS, "new_received", "total")])->value,
                   ==, "一、本年新收政府信息公开申请数量·总计");

  /* every cell of every report: numbers as numbers, blanks empty; the
   * hand-read values of test-samples.h */
  for (guint i = 0; i < n_reports; i++)
    {
      const SampleReport *sample = all_samples (i);
      GxFormat format = gx_report_get_format (g_ptr_array_index (reports, i));
      guint row = i + 2;
      g_autofree guint8 *named = g_new0 (guint8, gx_schema_n_cells ());
      XCell *year = sheet_cell (sheet, row, 1);

      g_assert_cmpstr (sheet_cell (sheet, row, 0)->value, ==, sample->issuer);
      g_assert_cmpstr (sheet_cell (sheet, row, 0)->type, ==, "inlineStr");
      g_assert_null (year->type);
      g_assert_cmpint (atoi (year->value), ==, sample->year);

      for (guint r = 0; sample->rows[r]; r++)
        {
          g_auto(GStrv) tokens = NULL;
          guint cells[16];
          guint n = sample_row (sample->rows[r], format, cells, &tokens);

          for (guint c = 0; c < n; c++)
            {
              XCell *x = sheet_cell (sheet, row, column_of[cells[c]]);
              const char *expected = tokens[c + 1];

              named[cells[c]] = 1;
              if (strcmp (expected, "_") == 0)
                {
                  if (x != NULL)
                    g_error ("%s of %s: blank in the report, “%s” in the sheet",
                             gx_schema_cell (cells[c])->path, sample->file, x->value);
                  continue;
                }
              if (x == NULL)
                g_error ("%s of %s: missing in the sheet", gx_schema_cell (cells[c])->path, sample->file);
              /* a number cell: no type (or n) and the exact value */
              g_assert_true (x->type == NULL || strcmp (x->type, "n") == 0);
              g_assert_cmpfloat (g_ascii_strtod (x->value, NULL), ==, g_ascii_strtod (expected, NULL));
              sums[cells[c]] += (gint64) llround (g_ascii_strtod (expected, NULL) * 10000);
              counts[cells[c]]++;
              if (gx_schema_cell (cells[c])->column->kind == GX_VALUE_AMOUNT)
                {
                  g_autofree char *code = number_format (parts, x->style);

                  /* the fee with its four decimals */
                  g_assert_cmpstr (code, ==, "0.0000##");
                  if (strcmp (expected, "19656.3836") == 0)
                    {
                      g_assert_cmpstr (x->value, ==, "19656.3836");
                      fee_checked = TRUE;
                    }
                }
            }
        }
      /* the cells of the other form are empty */
      for (guint c = 0; c < gx_schema_n_cells (); c++)
        if (!named[c])
          g_assert_null (sheet_cell (sheet, row, column_of[c]));
    }
  g_assert_true (fee_checked);
  g_assert_null (sheet_cell (sheet, n_reports + 2, 0));

  /* 汇总: a SUM over the rows of 报告 for every cell, with its result */
  rollup = load_sheet (parts, GX_XLSX_SHEET_ROLLUP, NULL);
  for (guint c = 3; c < gx_csv_n_columns (); c++)
    {
      int cell = gx_csv_column_cell (c);
      g_autofree char *letters = column_name (c);
      g_autofree char *sum = g_strdup_printf ("SUM('报告'!%s2:%s%u)", letters, letters, n_reports + 1);
      g_autofree char *count = g_strdup_printf ("COUNT('报告'!%s2:%s%u)", letters, letters, n_reports + 1);
      XCell *total = sheet_cell (rollup, c - 1, 2);
      XCell *n = sheet_cell (rollup, c - 1, 3);

      g_assert_cmpstr (sheet_cell (rollup, c - 1, 1)->value, ==, gx_schema_cell ((guint) cell)->path);
      g_assert_cmpstr (total->formula, ==, sum);
      g_assert_cmpstr (n->formula, ==, count);
      g_assert_cmpfloat (fabs (g_ascii_strtod (total->value, NULL) - sums[cell] / 10000.0), <, 1e-9);
      g_assert_cmpint (atoi (n->value), ==, counts[cell]);
    }
  /* by hand: the fees of the samples, 8157.19 + 254.38 + 0 + 19656.3836 + 0
   * (the 2019 form has no amount), summed exactly */
  {
    XCell *fees = sheet_cell (rollup, column_of[gx_schema_find_cell (GX_SECTION_DISCLOSURE, "fees", "amount_wan")] - 1, 2);

    g_assert_nonnull (fees);
    g_assert_cmpstr (fees->value, ==, "28067.9536");
  }

  /* 审核结果: haidian's group_total error; beidaihe's mostly_blank (184 of
   * 200 blank), about no cell: its cell column is empty */
  findings = load_sheet (parts, GX_XLSX_SHEET_FINDINGS, NULL);
  g_assert_cmpstr (sheet_cell (findings, 1, 2)->value, ==, "规则");
  {
    gboolean found = FALSE;
    gboolean found_blank = FALSE;

    for (guint r = 2; sheet_cell (findings, r, 0) != NULL; r++)
      if (strcmp (sheet_cell (findings, r, 2)->value, "mostly_blank") == 0)
        {
          g_assert_cmpstr (sheet_cell (findings, r, 0)->value, ==, "北戴河区人民政府办公室");
          g_assert_null (sheet_cell (findings, r, 3));
          g_assert_nonnull (strstr (sheet_cell (findings, r, 5)->value, "184"));
          found_blank = TRUE;
        }
      else if (strcmp (sheet_cell (findings, r, 0)->value, "北京市海淀区人民政府") == 0 &&
          strcmp (sheet_cell (findings, r, 2)->value, "group_total") == 0)
        {
          g_assert_cmpstr (sheet_cell (findings, r, 3)->value, ==, "review_litigation.litigation_after_review.total");
          g_assert_nonnull (strstr (sheet_cell (findings, r, 5)->value, "45"));
          g_assert_nonnull (strstr (sheet_cell (findings, r, 5)->value, "42"));
          found = TRUE;
        }
      else
        g_assert_cmpstr (sheet_cell (findings, r, 2)->value, !=, "blank_cell");
    g_assert_true (found);
    g_assert_true (found_blank);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* Text where a number belongs: a string cell (not a number, not a formula
 * even when it looks like one), left out of the roll-up's COUNT. */
static void
test_xlsx_odd_cells (void)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "odd.xlsx", NULL);
  g_autofree guint *column_of = column_of_cells ();
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GHashTable) sheet = NULL;
  g_autoptr(GHashTable) rollup = NULL;
  GxReport *report = read_sample (&samples[0]);   /* pinggu */
  int granted = gx_schema_find_cell (GX_SECTION_APPLICATIONS, "granted", "total");
  int review = gx_schema_find_cell (GX_SECTION_REVIEW_LITIGATION, "review", "total");
  XCell *x;
  gsize size;

  g_assert_no_error (error);
  gx_report_set_invalid (report, (guint) granted, "约112");
  gx_report_set_invalid (report, (guint) review, "=1+1");
  gx_report_set_issuer (report, "北京市平谷区\x02人民政府");
  g_ptr_array_add (reports, report);
  g_ptr_array_add (reports, read_sample (&samples[1]));   /* miyun 2021 */
  g_assert_true (gx_xlsx_write_reports (reports, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  parts = unzip (bytes);
  sheet = load_sheet (parts, GX_XLSX_SHEET_REPORTS, NULL);

  g_assert_cmpstr (sheet_cell (sheet, 2, 0)->value, ==, "北京市平谷区人民政府");
  x = sheet_cell (sheet, 2, column_of[granted]);
  g_assert_cmpstr (x->type, ==, "inlineStr");
  g_assert_cmpstr (x->value, ==, "约112");
  x = sheet_cell (sheet, 2, column_of[review]);
  g_assert_cmpstr (x->type, ==, "inlineStr");
  g_assert_cmpstr (x->value, ==, "=1+1");
  g_assert_null (x->formula);

  /* the roll-up counts the one number (Miyun's 予以公开 总计, 167 by hand) */
  rollup = load_sheet (parts, GX_XLSX_SHEET_ROLLUP, NULL);
  x = sheet_cell (rollup, column_of[granted] - 1, 3);
  g_assert_cmpint (atoi (x->value), ==, 1);
  x = sheet_cell (rollup, column_of[granted] - 1, 2);
  g_assert_cmpstr (x->value, ==, "167");

  g_unlink (path);
  g_rmdir (dir);
}

/* The command line ------------------------------------------------------------- */

static int
run_cli (const char *const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  int status = 0;

  /* never onto the test's own output (TAP) */
  if (out == NULL)
    out = &ignored_out;
  if (err == NULL)
    err = &ignored_err;
  g_ptr_array_add (argv, (gpointer) g_getenv ("GX_CLI"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-publish-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "ws.db", NULL);
  g_autofree char *haidian = g_test_build_filename (G_TEST_DIST, "data", "haidian-2022.txt", NULL);
  g_autofree char *pinggu = g_test_build_filename (G_TEST_DIST, "data", "pinggu-2022.txt", NULL);
  g_autofree char *docx = g_build_filename (dir, "haidian.docx", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "all.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GxReport) back = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (run_cli ((const char *[]) { "import", "--db", db, haidian, pinggu, NULL }, NULL, NULL), ==, 0);

  /* two reports: a Word document needs --id (or a selection of one) */
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "docx", "-o", docx, NULL },
                            NULL, &err), ==, 3);
  g_assert_nonnull (strstr (err, "--id"));
  g_assert_false (g_file_test (docx, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "docx", "--id", "99", "-o", docx, NULL },
                            NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "99"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "docx", "--issuer", "海淀", "-o", docx, NULL },
                            NULL, NULL), ==, 0);
  back = gx_reader_read_path (docx, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (back), ==, "北京市海淀区人民政府");
  assert_cells (back, haidian_rows);
  g_unlink (docx);
  g_clear_object (&back);
  /* --id 1 is haidian, imported first */
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "docx", "--id", "1", "-o", docx, NULL },
                            NULL, NULL), ==, 0);
  back = gx_reader_read_path (docx, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (back), ==, "北京市海淀区人民政府");
  g_unlink (docx);

  /* xlsx to a file and to standard output (a ZIP archive either way) */
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "xlsx", "-o", xlsx, NULL }, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "xlsx", NULL }, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "PK\x03\x04"));
  g_clear_pointer (&out, g_free);

  /* --id narrows JSON too; unknown formats are still usage errors */
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "json", "--id", "2", NULL }, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "北京市平谷区人民政府"));
  g_assert_null (strstr (out, "北京市海淀区人民政府"));
  g_assert_cmpint (run_cli ((const char *[]) { "export", "--db", db, "-f", "odt", NULL }, NULL, NULL), ==, 3);

  g_unlink (xlsx);
  g_unlink (db);
  g_rmdir (dir);
}

/* The findings sheet carries the reviewers' decisions. */
static void
test_xlsx_reviews (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gx-publish-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "ws.db", NULL);
  g_autofree char *path = g_build_filename (dir, "r.xlsx", NULL);
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxReport) report = read_sample (&samples[3]);   /* haidian */
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(GHashTable) findings = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  GxFinding *group_total = NULL;
  GxImportOutcome outcome;
  gsize size;

  g_assert_no_error (error);
  store = gx_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_put_report (store, report, "publish-test", FALSE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_true (gx_store_check_report (store, report, &error));
  for (guint i = 0; i < gx_report_get_findings (report)->len; i++)
    if (strcmp (gx_finding_get_rule (g_ptr_array_index (gx_report_get_findings (report), i)), "group_total") == 0)
      group_total = g_ptr_array_index (gx_report_get_findings (report), i);
  g_assert_nonnull (group_total);
  g_assert_true (gx_store_set_review (store, report, group_total, GX_REVIEW_DISMISSED, "原表如此", &error));
  g_assert_no_error (error);

  g_ptr_array_add (reports, gx_store_load_report (store, gx_report_get_id (report), &error));
  g_assert_no_error (error);
  g_assert_true (gx_xlsx_write_reports (reports, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), size);
  parts = unzip (bytes);
  findings = load_sheet (parts, GX_XLSX_SHEET_FINDINGS, NULL);
  g_assert_cmpstr (sheet_cell (findings, 2, 2)->value, ==, "group_total");
  g_assert_cmpstr (sheet_cell (findings, 2, 6)->value, ==, "已排除");
  g_assert_cmpstr (sheet_cell (findings, 2, 7)->value, ==, "原表如此");

  /* a file that cannot be written: an error, nothing left behind */
  {
    g_autofree char *bad = g_build_filename (dir, "no-such-dir", "r.xlsx", NULL);

    g_assert_false (gx_xlsx_write_reports (reports, bad, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, bad));
    g_clear_error (&error);
  }

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (db);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gx_reader_init ();
  gx_schema_set_prefers_chinese (0);

  g_test_add_func ("/publish/layout-grid", test_layout_grid);
  g_test_add_func ("/publish/docx-round-trip", test_docx_round_trip);
  g_test_add_func ("/publish/docx-round-trip-fixtures", test_docx_round_trip_fixtures);
  g_test_add_func ("/publish/docx-odd-cells", test_docx_odd_cells);
  g_test_add_func ("/publish/docx-package", test_docx_package);
  g_test_add_func ("/publish/docx-blank-cells", test_docx_blank_cells);
  g_test_add_func ("/publish/docx-libreoffice", test_docx_libreoffice);
  g_test_add_func ("/publish/xlsx-workbook", test_xlsx_workbook);
  g_test_add_func ("/publish/xlsx-odd-cells", test_xlsx_odd_cells);
  g_test_add_func ("/publish/xlsx-reviews", test_xlsx_reviews);
  g_test_add_func ("/publish/cli-export", test_cli_export);
  return g_test_run ();
}
