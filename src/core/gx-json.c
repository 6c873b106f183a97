/* gx-json.c: being written (issue 3) */
