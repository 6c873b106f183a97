/* placeholder: being written */
#include "gx-config.h"
#include "gx-reader.h"
G_DEFINE_QUARK (gx-reader-error-quark, gx_reader_error)
GxReport *gx_reader_read_bytes (GBytes *d, const char *n, GError **e) { g_set_error (e, GX_READER_ERROR, 0, "x"); return NULL; }
GxReport *gx_reader_read_path (const char *p, GError **e) { g_set_error (e, GX_READER_ERROR, 0, "x"); return NULL; }
GxReport *gx_reader_read_file (GFile *f, GCancellable *c, GError **e) { g_set_error (e, GX_READER_ERROR, 0, "x"); return NULL; }
