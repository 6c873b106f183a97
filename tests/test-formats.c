/* test-formats.c: web pages, Word documents and PDFs read to exactly the
 * values of their source, and bad files refused with a clear message
 *
 * The fixtures in data/formats were made by data/formats/make-fixtures.py
 * from the samples; the expected values are the hand-read ones of
 * test-samples.h, the findings those of the text samples.
 */
#include <string.h>

#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-output-memory.h>

#include "gx-core.h"
#include "test-samples.h"

static const SampleReport *
sample_named (const char *file)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (strcmp (samples[i].file, file) == 0)
      return &samples[i];
  g_assert_not_reached ();
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}


static GxReport *
read_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_bytes (bytes, name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (gx_report_get_source (report), ==, name);
  return report;
}

/* The same report as a sample ---------------------------------------------------- */

typedef struct
{
  const char *fixture;
  const char *sample;
} Fixture;

static const ExpectedFinding haidian_errors[] = {
  { "group_total", "review_litigation.litigation_after_review.total", "45", "42" },
};

static const ExpectedFinding beidaihe_errors[] = {
  { "balance", "applications.results_total.natural_person", "4", "0" },
  { "balance", "applications.results_total.total", "4", "0" },
  { "results_sum", "applications.results_total.natural_person", "4", "0" },
  { "results_sum", "applications.results_total.total", "4", "0" },
};

/* the pipe layout collapses empty cells; a PDF of the table without its
 * header rows does not tell the columns either: the same rows are inferred */
static const ExpectedFinding beidaihe_inferred[] = {
  { "ambiguous_layout", "applications.new_received", NULL, NULL },
  { "ambiguous_layout", "applications.granted", NULL, NULL },
  { "ambiguous_layout", "review_litigation.review", NULL, NULL },
  { "mostly_blank", "-", NULL, NULL },
};

/* 184 of its 200 cells blank */
static const ExpectedFinding beidaihe_warnings[] = {
  { "mostly_blank", "-", NULL, NULL },
};

static void
test_same_as_sample (gconstpointer data)
{
  const Fixture *fixture = data;
  const SampleReport *sample = sample_named (fixture->sample);
  g_autoptr(GxReport) report = read_fixture (fixture->fixture);
  g_autoptr(GPtrArray) findings = NULL;

  g_assert_cmpstr (gx_report_get_issuer (report), ==, sample->issuer);
  g_assert_cmpint (gx_report_get_year (report), ==, sample->year);
  g_assert_cmpstr (gx_report_get_format_version (report), ==, "2021");
  assert_cells (report, sample->rows);

  findings = gx_rules_check (report);
  if (strcmp (sample->file, "haidian-2022.txt") == 0)
    {
      assert_findings (report, GX_SEVERITY_ERROR, haidian_errors, G_N_ELEMENTS (haidian_errors));
      g_assert_cmpuint (findings->len, ==, 1);
    }
  else if (strcmp (sample->file, "beidaihe-2022-pipes.txt") == 0)
    {
      assert_findings (report, GX_SEVERITY_ERROR, beidaihe_errors, G_N_ELEMENTS (beidaihe_errors));
      /* grids (HTML, Word) know where each value stands, and so does a PDF
       * by the header cells above the columns; without them it does not */
      if (strstr (fixture->fixture, "noheader") != NULL)
        assert_findings (report, GX_SEVERITY_WARNING, beidaihe_inferred, G_N_ELEMENTS (beidaihe_inferred));
      else
        assert_findings (report, GX_SEVERITY_WARNING, beidaihe_warnings, G_N_ELEMENTS (beidaihe_warnings));
      g_assert_cmpuint (gx_report_get_n_notes (report), ==, 184);
    }
  else
    g_assert_cmpuint (findings->len, ==, 0);   /* Pinggu and Anding tie out */

  g_clear_pointer (&findings, g_ptr_array_unref);
  g_assert_finalize_object (g_steal_pointer (&report));
}

static const Fixture fixtures[] = {
  { "haidian-2022.html", "haidian-2022.txt" },
  { "pinggu-2022-gbk.html", "pinggu-2022.txt" },
  { "anding-2022-gbk-nometa.html", "anding-2022.txt" },
  /* the title only in <title>: issuer and year from there */
  { "anding-2022-title-in-head.html", "anding-2022.txt" },
  { "beidaihe-2022-nested.html", "beidaihe-2022-pipes.txt" },
  { "haidian-2022.docx", "haidian-2022.txt" },
  { "beidaihe-2022.docx", "beidaihe-2022-pipes.txt" },
  { "haidian-2022.pdf", "haidian-2022.txt" },
  { "beidaihe-2022.pdf", "beidaihe-2022-pipes.txt" },
  { "beidaihe-2022-noheader.pdf", "beidaihe-2022-pipes.txt" },
  /* Word 97–2003, as LibreOffice saves the .docx fixtures (merged cells,
   * tracked deletions) */
  { "haidian-2022.doc", "haidian-2022.txt" },
  { "beidaihe-2022.doc", "beidaihe-2022-pipes.txt" },
};

/* The Haidian page printed to PDF by Chromium: glyph boxes 2.6 times as
 * high as wide, over the rows above and below (read as they were, the
 * rows of section 三 ran together: "1448100288108"), and a running head
 * and foot on every page (the foot "file:///…/haidian-2022.html 3/5" ran
 * into the label of 8.属于行政查询事项, the last row of the page; the head's
 * date into the issuer).  The same values as the page; the only note is
 * the vertical 三、本年度办理结果 read into the label of （一）予以公开.
 * Its `pdftotext -layout` text too, whose narrow columns are one space
 * apart ("1448 60 2 2 1 8 1521"; before, it was not told from the other
 * text layouts and came out unreadable). */
static void
test_printed_by_chromium (gconstpointer data)
{
  g_autoptr(GxReport) report = read_fixture (data);
  const SampleReport *sample = sample_named ("haidian-2022.txt");
  static const ExpectedFinding notes[] = {
    { "form_variant", "applications.granted", NULL, NULL },
  };

  g_assert_cmpstr (gx_report_get_issuer (report), ==, sample->issuer);
  g_assert_cmpint (gx_report_get_year (report), ==, sample->year);
  assert_cells (report, sample->rows);
  g_ptr_array_unref (gx_rules_check (report));
  assert_findings (report, GX_SEVERITY_ERROR, haidian_errors, G_N_ELEMENTS (haidian_errors));
  assert_findings (report, GX_SEVERITY_WARNING, NULL, 0);
  /* (the text: group labels run into row labels give form_variant notes) */
  if (g_str_has_suffix (data, ".pdf"))
    assert_findings (report, GX_SEVERITY_NOTE, notes, G_N_ELEMENTS (notes));
  g_assert_finalize_object (g_steal_pointer (&report));
}

/* The page and the text sample agree exactly. */
static void
test_html_equals_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "haidian-2022.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) text = gx_reader_read_path (path, &error);
  g_autoptr(GxReport) html = read_fixture ("haidian-2022.html");
  g_autoptr(GxReport) docx = read_fixture ("haidian-2022.docx");
  g_autoptr(GxReport) pdf = read_fixture ("haidian-2022.pdf");
  g_autoptr(GxReport) doc = read_fixture ("haidian-2022.doc");

  g_assert_no_error (error);
  g_assert_true (gx_report_values_equal (text, html));
  g_assert_true (gx_report_values_equal (text, docx));
  g_assert_true (gx_report_values_equal (text, doc));
  g_assert_true (gx_report_values_equal (text, pdf));
}

/* Content decides, not the name: a web page called .txt, a .docx called
 * .pdf, a PDF called .html. */
static void
test_dispatch_by_content (void)
{
  static const char *const pairs[][2] = {
    { "haidian-2022.html", "report.txt" },
    { "haidian-2022.docx", "report.pdf" },
    { "haidian-2022.pdf", "report.html" },
    { "pinggu-2022-gbk.html", "report" },
    { "haidian-2022.doc", "report.docx" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GBytes) bytes = load_fixture (pairs[i][0]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, pairs[i][1], &error);

      g_assert_no_error (error);
      g_assert_cmpint (gx_report_get_year (report), ==, 2022);
    }
}

/* A fragment of a page (what a CMS exports): no <html>, no <table> first */
static void
test_html_fragment (void)
{
  g_autoptr(GBytes) page = load_fixture ("haidian-2022.html");
  const char *data = g_bytes_get_data (page, NULL);
  const char *article = strstr (data, "<div class=\"article\">");
  g_autoptr(GBytes) fragment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;

  g_assert_nonnull (article);
  fragment = g_bytes_new (article, strlen (article));
  report = gx_reader_read_bytes (fragment, "fragment", &error);
  g_assert_no_error (error);
  assert_cells (report, haidian_rows);
}

/* A page in UTF-16 with a BOM is decoded before markup is looked for. */
static void
test_html_utf16 (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("haidian-2022.html");
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  gsize out_len;
  g_autofree char *utf16 = g_convert (data, len, "UTF-16LE", "UTF-8", NULL, &out_len, NULL);
  g_autofree char *with_bom = g_malloc (out_len + 2);
  g_autoptr(GBytes) converted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;

  memcpy (with_bom, "\xff\xfe", 2);
  memcpy (with_bom + 2, utf16, out_len);
  converted = g_bytes_new (with_bom, out_len + 2);
  report = gx_reader_read_bytes (converted, "haidian-utf16.html", &error);
  g_assert_no_error (error);
  assert_cells (report, haidian_rows);
}

/* Refusals ---------------------------------------------------------------------- */

typedef struct
{
  const char *fixture;
  int code;
  const char *fragment;
} Refusal;

static const Refusal refusals[] = {
  { "truncated.docx", GX_READER_ERROR_MALFORMED, "truncated" },
  { "zipbomb.docx", GX_READER_ERROR_LIMIT, "zip bomb" },
  { "no-report.html", GX_READER_ERROR_NOT_REPORT, "not an annual report" },
  /* a page that only links to its report's file: named, not a link of the
   * navigation */
  { "report-attached.html", GX_READER_ERROR_NOT_REPORT, "“示例区水务局2022年政府信息公开工作年度报告.doc”" },
  { "encrypted.pdf", GX_READER_ERROR_ENCRYPTED, "password" },
  { "scanned.pdf", GX_READER_ERROR_NO_TEXT, "no text" },
  /* a PDF viewer's copy of a report: said so, with what to import instead */
  { "haidian-2022-reading-order.txt", GX_READER_ERROR_NOT_REPORT, "reading order" },
  /* Word 97–2003: cut short, its piece table pointing outside the file,
   * its FIB saying it is encrypted */
  { "truncated.doc", GX_READER_ERROR_MALFORMED, "truncated" },
  { "corrupt-pieces.doc", GX_READER_ERROR_MALFORMED, "damaged" },
  { "encrypted.doc", GX_READER_ERROR_ENCRYPTED, "password" },
};

static void
assert_refused_bytes (GBytes     *bytes,
                      const char *name,
                      int         code,
                      const char *fragment)
{
  g_autoptr(GError) error = NULL;
  GxReport *report = gx_reader_read_bytes (bytes, name, &error);

  g_assert_null (report);
  g_assert_error (error, GX_READER_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, name));
  if (fragment && strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in “%s”", fragment, error->message);
}

static void
test_refused (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autoptr(GBytes) bytes = load_fixture (refusal->fixture);

  assert_refused_bytes (bytes, refusal->fixture, refusal->code, refusal->fragment);
  /* and the program goes on: the next file reads */
  g_assert_finalize_object (read_fixture ("haidian-2022.html"));
}

static void
test_refused_variants (void)
{
  static const char deep_prefix[] = "<html><body><p>北京市海淀区人民政府2022年政府信息公开工作年度报告</p>";
  g_autoptr(GString) deep = g_string_new (deep_prefix);
  g_autoptr(GString) tables = g_string_new ("<html><body>");
  g_autoptr(GBytes) docx = load_fixture ("haidian-2022.docx");
  g_autoptr(GBytes) pdf = load_fixture ("haidian-2022.pdf");
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  /* elements nested 300 deep */
  for (guint i = 0; i < 300; i++)
    g_string_append (deep, "<div>");
  g_string_append (deep, "x");
  bytes = g_bytes_new (deep->str, deep->len);
  assert_refused_bytes (bytes, "deep.html", GX_READER_ERROR_LIMIT, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* tables nested 20 deep */
  for (guint i = 0; i < 20; i++)
    g_string_append (tables, "<table><tr><td>");
  bytes = g_bytes_new (tables->str, tables->len);
  assert_refused_bytes (bytes, "tables.html", GX_READER_ERROR_LIMIT, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* spans that would make millions of cells */
  {
    g_autoptr(GString) spans = g_string_new ("<html><body><table>");

    for (guint i = 0; i < 2000; i++)
      g_string_append (spans, "<tr><td colspan=\"1000\" rowspan=\"0\">a</td></tr>");
    bytes = g_bytes_new (spans->str, spans->len);
    assert_refused_bytes (bytes, "spans.html", GX_READER_ERROR_LIMIT, "cells");
    g_clear_pointer (&bytes, g_bytes_unref);
  }

  /* a ZIP archive without word/document.xml */
  data = g_bytes_get_data (docx, &len);
  bytes = g_bytes_new (data, 30);   /* the first local header only */
  assert_refused_bytes (bytes, "cut.docx", GX_READER_ERROR_MALFORMED, NULL);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* a PDF cut in half */
  data = g_bytes_get_data (pdf, &len);
  bytes = g_bytes_new (data, len / 2);
  {
    g_autoptr(GError) error = NULL;
    GxReport *report = gx_reader_read_bytes (bytes, "half.pdf", &error);

    /* poppler may recover some pages; it must never pass for the report */
    g_assert_null (report);
    g_assert_true (g_str_has_prefix (error->message, "half.pdf"));
  }
  g_clear_pointer (&bytes, g_bytes_unref);

  /* the signature of an OLE file, and nothing of one */
  bytes = g_bytes_new_static ("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" "rest of the file", 24);
  assert_refused_bytes (bytes, "old.doc", GX_READER_ERROR_MALFORMED, "damaged or truncated");
  g_clear_pointer (&bytes, g_bytes_unref);
}

/* Old Office files (OLE) ----------------------------------------------------------- */

/* An OLE compound file holding @name (with @len bytes of @data), written
 * by libgsf. */
static GBytes *
make_ole (const char   *name,
          const guint8 *data,
          gsize         len)
{
  GsfOutput *memory = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (memory);
  GsfOutput *child = gsf_outfile_new_child (ole, name, FALSE);
  GBytes *bytes;

  g_assert_true (gsf_output_write (child, len, data));
  gsf_output_close (child);
  gsf_output_close (GSF_OUTPUT (ole));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)),
                       (gsize) gsf_output_size (memory));
  g_object_unref (child);
  g_object_unref (ole);
  g_object_unref (memory);
  return bytes;
}

static void
test_refused_ole (void)
{
  static const guint8 filler[5000] = { 1, 2, 3 };
  guint8 fib[1024] = { 0xEC, 0xA5, 0x65, 0x00 };   /* nFib 0x65: Word 6 */
  g_autoptr(GBytes) bytes = NULL;

  bytes = make_ole ("Workbook", filler, sizeof filler);
  assert_refused_bytes (bytes, "book.xls", GX_READER_ERROR_UNSUPPORTED, "Excel 97–2003 workbook (.xls)");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* small: in the mini stream */
  bytes = make_ole ("PowerPoint Document", filler, 100);
  assert_refused_bytes (bytes, "slides.ppt", GX_READER_ERROR_UNSUPPORTED, "PowerPoint 97–2003 presentation (.ppt)");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* a password-protected .docx is an OLE file too */
  bytes = make_ole ("EncryptedPackage", filler, sizeof filler);
  assert_refused_bytes (bytes, "locked.docx", GX_READER_ERROR_ENCRYPTED, "password");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = make_ole ("Contents", filler, sizeof filler);
  assert_refused_bytes (bytes, "other.doc", GX_READER_ERROR_UNSUPPORTED, "not a Word document");
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = make_ole ("WordDocument", fib, sizeof fib);
  assert_refused_bytes (bytes, "word6.doc", GX_READER_ERROR_UNSUPPORTED, "Word 6");
  g_clear_pointer (&bytes, g_bytes_unref);

  /* a Word 97 FIB without its table stream */
  fib[2] = 0xC1;
  bytes = make_ole ("WordDocument", fib, sizeof fib);
  assert_refused_bytes (bytes, "notable.doc", GX_READER_ERROR_MALFORMED, "damaged");

  /* and the program goes on */
  g_assert_finalize_object (read_fixture ("haidian-2022.doc"));
}

/* A Word 97 document built here, byte by byte: pieces of 8-bit and UTF-16
 * text, a field, a cell merged across two columns (fFirstMerged/fMerged),
 * a table nested in a layout table.  What LibreOffice does not write. */

typedef enum { MARK_PROSE, MARK_CELL, MARK_ROW, MARK_INNER_CELL, MARK_INNER_ROW } MarkKind;

typedef struct
{
  guint n;
  gint16 edges[6];
  guint8 hmerge[5];
} SynthDef;

typedef struct
{
  guint32 fc_end;      /* the byte after the mark */
  MarkKind kind;
  const SynthDef *def;
} SynthMark;

typedef struct
{
  GByteArray *text;    /* WordDocument from SYNTH_TEXT_AT on */
  GByteArray *pcds;    /* (cp_start, fc) pairs */
  guint32 cp;
  GArray *marks;
} Synth;

#define SYNTH_TEXT_AT 1024

static void
put16 (GByteArray *a,
       guint16     v)
{
  guint8 b[2] = { v & 0xFF, v >> 8 };

  g_byte_array_append (a, b, 2);
}

static void
put32 (GByteArray *a,
       guint32     v)
{
  put16 (a, v & 0xFFFF);
  put16 (a, v >> 16);
}

static void
set32 (GByteArray *a,
       gsize       at,
       guint32     v)
{
  for (guint i = 0; i < 4; i++)
    a->data[at + i] = (v >> (8 * i)) & 0xFF;
}

/* A piece: @utf8 as UTF-16 or, @compressed, as 8-bit (ASCII only); each
 * \r or \a in it a paragraph mark of @kind. */
static void
synth_text (Synth          *s,
            const char     *utf8,
            gboolean        compressed,
            MarkKind        kind,
            const SynthDef *def)
{
  guint32 fc = SYNTH_TEXT_AT + s->text->len;
  glong n = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);

  put32 (s->pcds, s->cp);
  put32 (s->pcds, compressed ? (fc * 2) | 0x40000000u : fc);
  for (glong i = 0; i < n; i++)
    {
      SynthMark mark = { 0, kind, def };

      if (compressed)
        {
          g_assert_cmpuint (utf16[i], <, 0x80);
          g_byte_array_append (s->text, (guint8[]) { (guint8) utf16[i] }, 1);
        }
      else
        put16 (s->text, utf16[i]);
      s->cp++;
      if (utf16[i] == '\r' || utf16[i] == '\a')
        {
          mark.fc_end = SYNTH_TEXT_AT + s->text->len;
          g_array_append_val (s->marks, mark);
        }
    }
}

static void
synth_grpprl (GByteArray     *g,
              const SynthMark *m)
{
  gboolean inner = m->kind == MARK_INNER_CELL || m->kind == MARK_INNER_ROW;

  if (m->kind == MARK_PROSE)
    return;
  put16 (g, 0x2416);                     /* sprmPFInTable */
  g_byte_array_append (g, (guint8[]) { 1 }, 1);
  put16 (g, 0x6649);                     /* sprmPItap */
  put32 (g, inner ? 2 : 1);
  if (inner)
    {
      put16 (g, 0x244B);                 /* sprmPFInnerTableCell */
      g_byte_array_append (g, (guint8[]) { 1 }, 1);
    }
  if (m->kind == MARK_ROW || m->kind == MARK_INNER_ROW)
    {
      put16 (g, inner ? 0x244C : 0x2417);   /* sprmPFInnerTTP, sprmPFTtp */
      g_byte_array_append (g, (guint8[]) { 1 }, 1);
      /* sprmTDefTable: cb, itcMac, rgdxaCenter, rgTc80 */
      put16 (g, 0xD608);
      put16 (g, (guint16) (1 + 1 + (m->def->n + 1) * 2 + m->def->n * 20));
      g_byte_array_append (g, (guint8[]) { (guint8) m->def->n }, 1);
      for (guint i = 0; i <= m->def->n; i++)
        put16 (g, (guint16) m->def->edges[i]);
      for (guint i = 0; i < m->def->n; i++)
        {
          put16 (g, m->def->hmerge[i]);
          for (guint k = 0; k < 18; k++)
            g_byte_array_append (g, (guint8[]) { 0 }, 1);
        }
    }
}

/* WordDocument and 1Table of @s: the FIB, the text, PAPX pages; the piece
 * table and the bin table of the pages. */
static GBytes *
synth_doc (Synth *s)
{
  g_autoptr(GByteArray) doc = g_byte_array_new ();
  g_autoptr(GByteArray) table = g_byte_array_new ();
  g_autoptr(GByteArray) bte = g_byte_array_new ();
  g_autoptr(GArray) pns = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 run_start = SYNTH_TEXT_AT, fc_clx;
  GsfOutput *memory = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (memory);
  GsfOutput *child;
  GBytes *bytes;

  g_byte_array_set_size (doc, SYNTH_TEXT_AT);
  memset (doc->data, 0, SYNTH_TEXT_AT);
  g_byte_array_append (doc, s->text->data, s->text->len);
  g_byte_array_set_size (doc, (doc->len + 511) / 512 * 512);

  /* PAPX pages: 8 paragraphs a page */
  for (guint first = 0; first < s->marks->len; first += 8)
    {
      guint8 page[512] = { 0 };
      guint crun = MIN (8, s->marks->len - first);
      guint free_end = 511;

      put32 (bte, run_start);
      for (guint i = 0; i < crun; i++)
        {
          SynthMark *m = &g_array_index (s->marks, SynthMark, first + i);
          g_autoptr(GByteArray) g = g_byte_array_new ();

          memcpy (page + i * 4, &run_start, 4);
          run_start = m->fc_end;
          memcpy (page + (i + 1) * 4, &run_start, 4);
          put16 (g, 0);   /* istd */
          synth_grpprl (g, m);
          if (g->len > 2)
            {
              /* PapxInFkp: cb, (cb'), istd and grpprl, at an even offset */
              gsize size = g->len % 2 ? 1 + g->len : 2 + g->len;
              guint at = (free_end - (guint) size) & ~1u;

              g_assert_cmpuint (at, >, 4 * (crun + 1) + 13 * crun);
              if (g->len % 2)
                page[at] = (guint8) ((g->len + 1) / 2);
              else
                {
                  page[at] = 0;
                  page[at + 1] = (guint8) (g->len / 2);
                }
              memcpy (page + at + (g->len % 2 ? 1 : 2), g->data, g->len);
              page[4 * (crun + 1) + 13 * i] = (guint8) (at / 2);
              free_end = at;
            }
        }
      page[511] = (guint8) crun;
      {
        guint32 pn = doc->len / 512;

        g_array_append_val (pns, pn);
      }
      g_byte_array_append (doc, page, 512);
    }
  put32 (bte, run_start);
  for (guint i = 0; i < pns->len; i++)
    put32 (bte, g_array_index (pns, guint32, i));

  /* 1Table: the Clx (a Pcdt: CPs, then PCDs), the PlcBtePapx */
  fc_clx = table->len;
  g_byte_array_append (table, (guint8[]) { 2 }, 1);
  {
    guint n = s->pcds->len / 8;

    put32 (table, (n + 1) * 4 + n * 8);
    for (guint i = 0; i < n; i++)
      put32 (table, ((guint32 *) s->pcds->data)[i * 2]);
    put32 (table, s->cp);
    for (guint i = 0; i < n; i++)
      {
        put16 (table, 0);
        put32 (table, ((guint32 *) s->pcds->data)[i * 2 + 1]);
        put16 (table, 0);
      }
  }

  /* the FIB */
  doc->data[0] = 0xEC;
  doc->data[1] = 0xA5;
  doc->data[2] = 0xC1;
  doc->data[0x0B] = 0x02;                 /* fWhichTblStm: 1Table */
  doc->data[32] = 14;                     /* csw */
  doc->data[62] = 22;                     /* cslw */
  set32 (doc, 64 + 3 * 4, s->cp);         /* ccpText */
  doc->data[152] = 93;                    /* cbRgFcLcb */
  set32 (doc, 154 + 33 * 8, fc_clx);
  set32 (doc, 154 + 33 * 8 + 4, table->len - fc_clx);
  set32 (doc, 154 + 13 * 8, table->len);  /* PlcBtePapx */
  set32 (doc, 154 + 13 * 8 + 4, bte->len);
  g_byte_array_append (table, bte->data, bte->len);

  child = gsf_outfile_new_child (ole, "WordDocument", FALSE);
  gsf_output_write (child, doc->len, doc->data);
  gsf_output_close (child);
  g_object_unref (child);
  child = gsf_outfile_new_child (ole, "1Table", FALSE);
  gsf_output_write (child, table->len, table->data);
  gsf_output_close (child);
  g_object_unref (child);
  gsf_output_close (GSF_OUTPUT (ole));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)),
                       (gsize) gsf_output_size (memory));
  g_object_unref (ole);
  g_object_unref (memory);
  return bytes;
}

static void
assert_cell_text (GxReport   *report,
                  const char *path,
                  const char *expected)
{
  int cell = gx_schema_find_cell_by_path (path);
  g_autofree char *actual = NULL;

  g_assert_cmpint (cell, >=, 0);
  actual = gx_report_dup_text (report, (guint) cell);
  g_assert_cmpstr (actual, ==, expected);
}

static void
test_doc_built (void)
{
  static const SynthDef four = { 4, { 0, 2000, 4000, 6000, 8000 }, { 0 } };
  /* the label across two columns by an old horizontal merge */
  static const SynthDef merged = { 5, { 0, 1000, 2000, 4000, 6000, 8000 }, { 1, 2, 0, 0, 0 } };
  static const SynthDef heading = { 4, { 0, 2000, 4000, 6000, 8000 }, { 1, 2, 2, 2 } };
  static const SynthDef one = { 1, { 0, 8000 }, { 0 } };
  static const SynthDef two = { 2, { 0, 4000, 8000 }, { 0 } };
  Synth s = { g_byte_array_new (), g_byte_array_new (), 0, g_array_new (FALSE, FALSE, sizeof (SynthMark)) };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;

  synth_text (&s, "北京市测试区人民政府2022年政府信息公开工作年度报告\r", FALSE, MARK_PROSE, NULL);
  /* a field: its instruction left out, its result kept */
  synth_text (&s, "Page \x13 PAGE \x14" "7\x15\r", TRUE, MARK_PROSE, NULL);
  synth_text (&s, "二、主动公开政府信息情况\r", FALSE, MARK_PROSE, NULL);
  synth_text (&s, "第二十条第（一）项\a\a\a\a", FALSE, MARK_CELL, NULL);
  synth_text (&s, "\a", FALSE, MARK_ROW, &heading);
  synth_text (&s, "信息内容\a本年制发件数\a本年废止件数\a现行有效件数\a", FALSE, MARK_CELL, NULL);
  synth_text (&s, "\a", FALSE, MARK_ROW, &four);
  synth_text (&s, "规章\a\a", FALSE, MARK_CELL, NULL);
  synth_text (&s, "\x13 = 0 + 1 \x14" "1\x15\a" "2\a3\a", TRUE, MARK_CELL, NULL);
  synth_text (&s, "\a", FALSE, MARK_ROW, &merged);
  synth_text (&s, "行政规范性文件\a4\a5\a6\a", FALSE, MARK_CELL, NULL);
  synth_text (&s, "\a", FALSE, MARK_ROW, &four);
  /* a layout table of one cell, holding the table of 第二十条第（五）项 */
  synth_text (&s, "\r", FALSE, MARK_PROSE, NULL);
  synth_text (&s, "第二十条第（五）项\r", FALSE, MARK_INNER_CELL, NULL);
  synth_text (&s, "\r", FALSE, MARK_INNER_ROW, &one);
  synth_text (&s, "信息内容\r本年处理决定数量\r", FALSE, MARK_INNER_CELL, NULL);
  synth_text (&s, "\r", FALSE, MARK_INNER_ROW, &two);
  synth_text (&s, "行政许可\r", FALSE, MARK_INNER_CELL, NULL);
  synth_text (&s, "57\r", TRUE, MARK_INNER_CELL, NULL);
  synth_text (&s, "\r", FALSE, MARK_INNER_ROW, &two);
  synth_text (&s, "\a", FALSE, MARK_CELL, NULL);
  synth_text (&s, "\a", FALSE, MARK_ROW, &one);
  synth_text (&s, "三、收到和处理政府信息公开申请情况\r", FALSE, MARK_PROSE, NULL);

  bytes = synth_doc (&s);
  report = gx_reader_read_bytes (bytes, "built.doc", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gx_report_get_issuer (report), ==, "北京市测试区人民政府");
  g_assert_cmpint (gx_report_get_year (report), ==, 2022);
  assert_cell_text (report, "disclosure.regulations.issued", "1");
  assert_cell_text (report, "disclosure.regulations.repealed", "2");
  assert_cell_text (report, "disclosure.regulations.in_force", "3");
  assert_cell_text (report, "disclosure.normative_documents.issued", "4");
  assert_cell_text (report, "disclosure.normative_documents.repealed", "5");
  assert_cell_text (report, "disclosure.normative_documents.in_force", "6");
  assert_cell_text (report, "disclosure.licensing.decisions", "57");

  g_byte_array_unref (s.text);
  g_byte_array_unref (s.pcds);
  g_array_unref (s.marks);
}

/* A document of half a million empty paragraphs: refused, as a table of
 * too many cells is. */
static void
test_doc_paragraphs (void)
{
  Synth s = { g_byte_array_new (), g_byte_array_new (), 0, g_array_new (FALSE, FALSE, sizeof (SynthMark)) };
  g_autofree char *marks = g_strnfill (500001, '\r');
  g_autoptr(GBytes) bytes = NULL;

  synth_text (&s, "北京市测试区人民政府2022年政府信息公开工作年度报告\r", FALSE, MARK_PROSE, NULL);
  synth_text (&s, marks, TRUE, MARK_PROSE, NULL);
  g_array_set_size (s.marks, 0);   /* no property pages: all prose */
  bytes = synth_doc (&s);
  assert_refused_bytes (bytes, "paragraphs.doc", GX_READER_ERROR_LIMIT, "paragraphs");

  g_byte_array_unref (s.text);
  g_byte_array_unref (s.pcds);
  g_array_unref (s.marks);
}

/* Each cut of a .doc is refused or read, never a crash; a cut in the
 * WordDocument stream's text or tables never gives other values. */
static void
test_doc_cuts (void)
{
  g_autoptr(GBytes) doc = load_fixture ("haidian-2022.doc");
  gsize len;
  const char *data = g_bytes_get_data (doc, &len);

  for (gsize cut = 0; cut < len; cut += 509)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, cut ? cut : 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(GxReport) report = gx_reader_read_bytes (bytes, "cut.doc", &error);

      if (report == NULL)
        g_assert_true (g_str_has_prefix (error->message, "cut.doc"));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/formats/same-as-sample/%s", fixtures[i].fixture);

      g_test_add_data_func (name, &fixtures[i], test_same_as_sample);
    }
  g_test_add_func ("/formats/equals-text", test_html_equals_text);
  g_test_add_data_func ("/formats/printed/haidian-2022-chromium.pdf", "haidian-2022-chromium.pdf",
                        test_printed_by_chromium);
  g_test_add_data_func ("/formats/printed/haidian-2022-chromium.txt", "haidian-2022-chromium.txt",
                        test_printed_by_chromium);
  g_test_add_func ("/formats/dispatch-by-content", test_dispatch_by_content);
  g_test_add_func ("/formats/html-utf16", test_html_utf16);
  g_test_add_func ("/formats/html-fragment", test_html_fragment);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strdup_printf ("/formats/refused/%s", refusals[i].fixture);

      g_test_add_data_func (name, &refusals[i], test_refused);
    }
  g_test_add_func ("/formats/refused/variants", test_refused_variants);
  g_test_add_func ("/formats/refused/ole", test_refused_ole);
  g_test_add_func ("/formats/doc-cuts", test_doc_cuts);
  g_test_add_func ("/formats/doc-built", test_doc_built);
  g_test_add_func ("/formats/refused/doc-paragraphs", test_doc_paragraphs);
  return g_test_run ();
}
