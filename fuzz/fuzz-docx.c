/* fuzz-docx.c: libFuzzer target for the Word (.docx) reader
 *
 * Bytes that start as a ZIP archive are read as they are (the container,
 * libgsf); any other bytes are word/document.xml, put into a .docx (stored,
 * not compressed) here, so that the mutations reach the XML reading of
 * gx-docx-reader.c rather than dying in the ZIP checksums.
 */
#include "fuzz-common.h"

#include <gsf/gsf-output-memory.h>
#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-zip.h>

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static GBytes *
make_docx (const uint8_t *document_xml,
           size_t         len)
{
  GsfOutput *memory = gsf_output_memory_new ();
  GsfOutfile *zip = gsf_outfile_zip_new (memory, NULL);
  GsfOutput *word, *part;
  GBytes *bytes;

  g_assert_nonnull (zip);
  word = gsf_outfile_new_child (zip, "word", TRUE);
  part = gsf_outfile_new_child_full (GSF_OUTFILE (word), "document.xml", FALSE,
                                     "compression-level", GSF_ZIP_STORED, NULL);
  if (len > 0)
    g_assert_true (gsf_output_write (part, len, document_xml));
  gsf_output_close (part);
  gsf_output_close (word);
  gsf_output_close (GSF_OUTPUT (zip));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)),
                       (gsize) gsf_output_size (memory));
  g_object_unref (part);
  g_object_unref (word);
  g_object_unref (zip);
  g_object_unref (memory);
  return bytes;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char name[] = "fuzz.docx";
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;

  if (size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    bytes = g_bytes_new_static (data, size);
  else
    bytes = make_docx (data, size);
  report = gx_reader_read_bytes (bytes, name, &error);
  if (report == NULL)
    {
      fuzz_assert_refusal (error, name);
      return 0;
    }
  fuzz_check_report (report);
  return 0;
}
