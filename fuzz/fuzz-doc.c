/* fuzz-doc.c: libFuzzer target for the Word 97–2003 (.doc) reader
 *
 * Bytes that start as an OLE compound file are read as they are (the
 * container, read by gx-doc-reader.c itself).  Any other bytes are the
 * document's streams: two little-endian 32-bit lengths, then the
 * WordDocument stream, the table stream (stored as both 0Table and
 * 1Table: the FIB picks) and the Data stream with the rest; they are put
 * into an OLE file here (libgsf's writer), so that the mutations reach
 * the FIB, the piece table and the property pages rather than dying in
 * the container.
 */
#include "fuzz-common.h"

#include <gsf/gsf-outfile.h>
#include <gsf/gsf-outfile-msole.h>
#include <gsf/gsf-output-memory.h>

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
add_stream (GsfOutfile    *ole,
            const char    *name,
            const uint8_t *data,
            size_t         len)
{
  GsfOutput *child = gsf_outfile_new_child (ole, name, FALSE);

  if (len > 0)
    g_assert_true (gsf_output_write (child, len, data));
  gsf_output_close (child);
  g_object_unref (child);
}

static uint32_t
take_length (const uint8_t **data,
             size_t         *size)
{
  uint32_t n = 0;

  if (*size >= 4)
    {
      n = (uint32_t) (*data)[0] | ((uint32_t) (*data)[1] << 8) |
          ((uint32_t) (*data)[2] << 16) | ((uint32_t) (*data)[3] << 24);
      *data += 4;
      *size -= 4;
    }
  return n;
}

static GBytes *
make_doc (const uint8_t *data,
          size_t         size)
{
  GsfOutput *memory = gsf_output_memory_new ();
  GsfOutfile *ole = gsf_outfile_msole_new (memory);
  uint32_t doc_len, table_len;
  GBytes *bytes;

  g_assert_nonnull (ole);
  doc_len = take_length (&data, &size);
  table_len = take_length (&data, &size);
  doc_len = (uint32_t) MIN ((size_t) doc_len, size);
  table_len = (uint32_t) MIN ((size_t) table_len, size - doc_len);
  add_stream (ole, "WordDocument", data, doc_len);
  add_stream (ole, "0Table", data + doc_len, table_len);
  add_stream (ole, "1Table", data + doc_len, table_len);
  add_stream (ole, "Data", data + doc_len + table_len, size - doc_len - table_len);
  gsf_output_close (GSF_OUTPUT (ole));
  bytes = g_bytes_new (gsf_output_memory_get_bytes (GSF_OUTPUT_MEMORY (memory)),
                       (gsize) gsf_output_size (memory));
  g_object_unref (ole);
  g_object_unref (memory);
  return bytes;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char name[] = "fuzz.doc";
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxReport) report = NULL;

  if (size >= 8 && memcmp (data, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
    bytes = g_bytes_new_static (data, size);
  else
    bytes = make_doc (data, size);
  report = gx_reader_read_bytes (bytes, name, &error);
  if (report == NULL)
    {
      fuzz_assert_refusal (error, name);
      return 0;
    }
  fuzz_check_report (report);
  return 0;
}
