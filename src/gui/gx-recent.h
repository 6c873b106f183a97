/* gx-recent.h: the list of recent workspaces (GSettings "recent-workspaces")
 *
 * Files by their absolute path and PostgreSQL databases by their location
 * alike, most recent first, each once, at most GX_RECENT_MAX.  A location
 * holding a password (gx_backend_location_has_password()) is never kept,
 * and never given back should one be found there.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GX_RECENT_MAX 10

/* The recent workspaces, most recent first (NULL-terminated). */
char   **gx_recent_dup_workspaces (GSettings  *settings);
/* Puts @location (a path or a PostgreSQL location) first. */
void     gx_recent_add_workspace  (GSettings  *settings,
                                   const char *location);

G_END_DECLS
