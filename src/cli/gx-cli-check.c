/* placeholder, being written */
#include "gx-cli.h"
int gx_cli_check (int argc, char **argv) { return 0; }
