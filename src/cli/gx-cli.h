/* gx-cli.h: the subcommands of gxreports-cli
 *
 * Each takes the arguments after its name (argv[0] is the subcommand) and
 * returns the process exit status.  Exit codes are a stable interface:
 *   0  success (check: every file read, no error finding)
 *   1  check: some report has an error finding
 *   2  some input could not be read (the others were still processed)
 *   3  usage error (unknown option, missing argument)
 *   4  the workspace could not be opened or written
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

enum {
  GX_EXIT_OK = 0,
  GX_EXIT_FINDINGS = 1,
  GX_EXIT_UNREADABLE = 2,
  GX_EXIT_USAGE = 3,
  GX_EXIT_WORKSPACE = 4,
};

int gx_cli_check  (int argc, char **argv);   /* gx-cli-check.c */
int gx_cli_import (int argc, char **argv);   /* gx-cli-store.c */
int gx_cli_list   (int argc, char **argv);   /* gx-cli-store.c */
int gx_cli_export (int argc, char **argv);   /* gx-cli-store.c */
int gx_cli_remove (int argc, char **argv);   /* gx-cli-store.c */
int gx_cli_print  (int argc, char **argv);   /* gx-cli-print.c */
int gx_cli_review (int argc, char **argv);   /* gx-cli-review.c */
int gx_cli_merge  (int argc, char **argv);   /* gx-cli-review.c */
int gx_cli_link   (int argc, char **argv);   /* gx-cli-review.c */
int gx_cli_copy   (int argc, char **argv);   /* gx-cli-copy.c */

/* Shared by the subcommands: prints "gxreports-cli: " + message to stderr. */
void gx_cli_printerr (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* How many files check and import read at once: GX_THREADS, or one a core. */
guint gx_cli_n_threads (void);

/* Opens the workspace @path for reading (gx_workspace_open(), read-only); on
 * failure prints "COMMAND: message" and returns NULL.  Says so when the
 * workspace could only be read without locking. */
struct _GxWorkspace *gx_cli_open_store_read_only (const char *command,
                                              const char *path);

/* Whether @location can hold a workspace to open: an existing file, or a
 * PostgreSQL database (gx_backend_location_is_postgres()). */
gboolean gx_cli_workspace_exists (const char *location);

/* @text for one field of a line of output: control characters (a newline
 * in a file name) escaped as \n, \t, \r, \xHH, and a backslash as \\. */
char *gx_cli_escape (const char *text);

G_END_DECLS
