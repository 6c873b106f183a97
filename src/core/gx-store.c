/* gx-store.c: being written (issue 3) */
