/* gx-csv.c: being written (issue 3) */
