#!/usr/bin/env bash
# bench-open-pg.sh BENCH_GUI DATADIR [N [ROUNDS]]: a workspace of N reports
# (default 100,000) opened in the window to a drawn list, from a SQLite file
# and from a PostgreSQL database on a throwaway server on the same machine
# (pg-server.sh), side by side, ROUNDS times (default 2); `bench-gui open`
# generates each workspace first, untimed.  Needs a display (xvfb-run).
# Target: PostgreSQL <= 1.5 s.
set -euo pipefail
gui=$1 data=$2 n=${3:-100000} rounds=${4:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
. "$here/pg-server.sh"
trap 'pg_server_stop; rm -rf "$work"' EXIT
pg_server_start "$work/pg" || exit 77   # skipped

printf 'reports: %d; load average before: %s\n' "$n" "$(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  echo "round $r, SQLite:"
  "$gui" open "$data" "$n" | grep -v '^generated' || true
  echo "round $r, PostgreSQL:"
  "$gui" open "$data" "$n" "$(pg_createdb "gx_open_$r")" | grep -v '^generated' || true
done
printf 'load average after: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
