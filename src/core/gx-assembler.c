/* placeholder: being written */
#include "gx-config.h"
#include "gx-assembler.h"
#include "gx-reader.h"
struct _GxDocument { int dummy; };
GxDocument *gx_document_new (const char *s) { return g_new0 (GxDocument, 1); }
void gx_document_free (GxDocument *d) { g_free (d); }
GxReport *gx_document_assemble (GxDocument *doc, GError **error)
{ g_set_error (error, GX_READER_ERROR, GX_READER_ERROR_NOT_REPORT, "not yet"); return NULL; }
