/* gx-cli-print.c: print summary sheets to PDF (issue 6) -- being written */
#include "gx-cli.h"
int gx_cli_print (int argc, char **argv) { gx_cli_printerr ("print: not available yet\n"); return GX_EXIT_USAGE; }
