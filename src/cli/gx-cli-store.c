/* gx-cli-store.c: import, list, export, remove (issue 3) -- being written */
#include "gx-cli.h"
int gx_cli_import (int argc, char **argv) { gx_cli_printerr ("import: not available yet\n"); return GX_EXIT_USAGE; }
int gx_cli_list (int argc, char **argv) { gx_cli_printerr ("list: not available yet\n"); return GX_EXIT_USAGE; }
int gx_cli_export (int argc, char **argv) { gx_cli_printerr ("export: not available yet\n"); return GX_EXIT_USAGE; }
int gx_cli_remove (int argc, char **argv) { gx_cli_printerr ("remove: not available yet\n"); return GX_EXIT_USAGE; }
