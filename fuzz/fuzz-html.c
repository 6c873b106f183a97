/* fuzz-html.c: libFuzzer target for the HTML reader
 *
 * The bytes are decoded as a web page is (the charset the page declares
 * wins over a guess) and read by gx-html-reader.c whether or not they look
 * like HTML; the shared flow of lines and grids, the assembler, the rules
 * and the prose checks follow.
 */
#include "fuzz-common.h"

#include "gx-html-reader.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char name[] = "fuzz.html";
  g_autoptr(GError) error = NULL;
  g_autoptr(GxDocument) doc = NULL;
  const char *encoding = NULL;
  g_autofree char *text = gx_text_decode ((const char *) data, size, &encoding, &error);
  gsize len;

  if (text == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  len = strlen (text);
  /* what gx_reader_read_bytes() does with a page, without the sniffing */
  (void) gx_html_reader_sniff (text, len);
  doc = gx_html_reader_parse (text, len, (const char *) data, size, encoding, name, &error);
  fuzz_assemble (doc, error, name);
  return 0;
}
