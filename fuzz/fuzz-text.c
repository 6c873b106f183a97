/* fuzz-text.c: libFuzzer target for the plain-text readers
 *
 * The bytes are decoded as a file of text is (BOM, UTF-16, UTF-8,
 * GB18030), then read as `pdftotext -layout` text when they look like it
 * (gx-layout-reader.c, gx-geometry.c), else by the reader of cells per line
 * and pipes (gx-text-reader.c); the assembler, the rules and the prose
 * checks follow.  HTML goes to fuzz-html.
 */
#include "fuzz-common.h"

#include "gx-layout-reader.h"
#include "gx-text-reader.h"

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
  static const char name[] = "fuzz.txt";
  g_autoptr(GError) error = NULL;
  g_autoptr(GxDocument) doc = NULL;
  const char *encoding = NULL;
  char *text = gx_text_decode ((const char *) data, size, &encoding, &error);
  gsize len;

  if (text == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }
  len = strlen (text);
  g_assert_true (g_utf8_validate (text, (gssize) len, NULL));
  if (gx_layout_reader_sniff (text, len))
    {
      doc = gx_layout_reader_parse (text, len, name, &error);
      g_free (text);
    }
  else
    doc = gx_text_reader_parse (text, name);   /* takes the text */
  fuzz_assemble (doc, error, name);
  return 0;
}
