/* gx-store-private.h: what the files of GxStore share */
#pragma once

#include "gx-store.h"

G_BEGIN_DECLS

/* GxBackend on GxStore (gx-store-backend.c) */
void      gx_store_backend_init (GxBackendInterface *iface);

/* A report with its cells, issuer, year, source and prose, unchecked. */
GxReport *gx_store_load_cells   (GxStore  *self,
                                 gint64    id,
                                 GError  **error);

G_END_DECLS
