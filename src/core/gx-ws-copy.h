/* gx-ws-copy.h: a whole workspace from one place to another
 *
 * `gxreports-cli copy --from WS --to WS`: every report with its cells, its
 * content hash, ids and times, the review decisions, the issuer merges and
 * the roll-ups' parts, between an SQLite file and a PostgreSQL database in
 * either direction (or file to file, server to server).  The source is
 * read in one snapshot; the target is written in one transaction: all or
 * nothing.  The target must hold no report, decision or merge yet (it is
 * made when it does not exist).  Exporting both gives the same JSON byte
 * for byte.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 n_reports;
  guint64 n_reviews;
  guint64 n_aliases;
  guint64 n_links;
} GxWsCopyCounts;

gboolean gx_ws_copy (const char      *from,
                     const char      *to,
                     GxWsCopyCounts  *counts,
                     GError         **error);

G_END_DECLS
