/* fuzz-pdf.c: libFuzzer target for the PDF reader
 *
 * Bytes that hold "%PDF-" in their first KB are read as they are (poppler
 * parses them).  Any other bytes are the content stream of a one-page PDF
 * made here, with a Latin font /F1 (Helvetica) and a CJK font /F2 whose
 * two-byte codes are the Unicode code points (Identity-H, a ToUnicode map
 * of the whole BMP): "BT /F2 10 Tf 1 0 0 1 72 700 Tm <4E00 4E8C> Tj ET".
 * So the mutations move and change text, which is what gx-pdf-reader.c and
 * gx-geometry.c read, rather than break the file's structure.
 */
#include "fuzz-common.h"

static GString *cmap;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  cmap = g_string_new ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                       "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                       "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
                       "1 begincodespacerange <0000> <FFFF> endcodespacerange\n");
  for (guint block = 0; block < 256; block += 100)
    {
      guint n = MIN (100, 256 - block);

      g_string_append_printf (cmap, "%u beginbfrange\n", n);
      for (guint b = block; b < block + n; b++)
        g_string_append_printf (cmap, "<%02X00> <%02XFF> <%02X00>\n", b, b, b);
      g_string_append (cmap, "endbfrange\n");
    }
  g_string_append (cmap, "endcmap CMapName currentdict /CMap defineresource pop end end\n");
  return 0;
}

static void
add_object (GString    *pdf,
            GArray     *offsets,
            const char *body,
            gsize       body_len)
{
  gsize offset = pdf->len;

  g_array_append_val (offsets, offset);
  g_string_append_printf (pdf, "%u 0 obj\n", offsets->len);
  g_string_append_len (pdf, body, (gssize) body_len);
  g_string_append (pdf, "\nendobj\n");
}

static void
add_stream (GString       *pdf,
            GArray        *offsets,
            const uint8_t *data,
            size_t         size)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_printf (body, "<< /Length %zu >>\nstream\n", size);
  g_string_append_len (body, (const char *) data, (gssize) size);
  g_string_append (body, "\nendstream");
  add_object (pdf, offsets, body->str, body->len);
}

static GBytes *
make_pdf (const uint8_t *content,
          size_t         size)
{
  static const char *const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
      "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 8 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
      "/DescendantFonts [6 0 R] /ToUnicode 9 0 R >>",
    "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /DW 1000 "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
      "/FontDescriptor 7 0 R >>",
    "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 860] "
      "/ItalicAngle 0 /Ascent 860 /Descent -140 /CapHeight 700 /StemV 80 >>",
  };
  GString *pdf = g_string_sized_new (size + cmap->len + 2048);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize xref;

  g_string_append (pdf, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    add_object (pdf, offsets, objects[i], strlen (objects[i]));
  add_stream (pdf, offsets, content, size);                          /* 8 */
  add_stream (pdf, offsets, (const uint8_t *) cmap->str, cmap->len); /* 9 */
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          offsets->len + 1, xref);
  return g_string_free_to_bytes (pdf);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char name[] = "fuzz.pdf";
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;
  gboolean raw = FALSE;

  for (size_t i = 0; i + 5 <= MIN (size, 1024) && !raw; i++)
    raw = memcmp (data + i, "%PDF-", 5) == 0;
  bytes = raw ? g_bytes_new_static (data, size) : make_pdf (data, size);
  report = gx_reader_read_bytes (bytes, name, &error);
  if (report == NULL)
    {
      fuzz_assert_refusal (error, name);
      return 0;
    }
  fuzz_check_report (report);
  return 0;
}
