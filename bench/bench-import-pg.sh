#!/usr/bin/env bash
# bench-import-pg.sh CLI SAMPLES_DIR PG_LOCATION [N]: `gxreports-cli import`
# of N generated report files into a new SQLite workspace and into the
# PostgreSQL database PG_LOCATION (new and empty, e.g. made with createdb),
# side by side in the same run, then again (every file already present).
# Target: PostgreSQL <= 2x the SQLite time.
set -euo pipefail
cli=$1 samples=$2 pg=$3 n=${4:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/gen-reports.sh" "$work/files" "$n" "$samples"
cat "$work/files"/* > /dev/null   # warm the page cache for both

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
run() { local t0 t1; t0=$(now); "$cli" import --db "$1" "$work/files" > "$2" || [ $? -eq 2 ]; t1=$(now); elapsed "$t0" "$t1"; }

sqlite_first=$(run "$work/ws.db" "$work/s1")
pg_first=$(run "$pg" "$work/p1")
sqlite_again=$(run "$work/ws.db" "$work/s2")
pg_again=$(run "$pg" "$work/p2")

printf 'files:                          %d\n' "$n"
printf 'SQLite, new workspace:          %.3f s (%s)\n' "$sqlite_first" "$(tail -n 1 "$work/s1")"
printf 'PostgreSQL, new workspace:      %.3f s (%s)\n' "$pg_first" "$(tail -n 1 "$work/p1")"
printf 'SQLite, again (all present):    %.3f s\n' "$sqlite_again"
printf 'PostgreSQL, again:              %.3f s\n' "$pg_again"
printf 'PostgreSQL / SQLite:            %.2fx (target <= 2x)\n' "$(echo "$pg_first / $sqlite_first" | bc -l)"
