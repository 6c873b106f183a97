#!/usr/bin/env bash
# bench-import-pg.sh CLI SAMPLES_DIR [N [ROUNDS [PG_LOCATION]]]:
# `gxreports-cli import` of the same N generated report files into a new
# SQLite workspace and into a new PostgreSQL database on the same machine,
# side by side, ROUNDS times (default 3), each round against `sha256sum` of
# the files; then once again into both (every file already present).
# Without PG_LOCATION a throwaway server is started (pg-server.sh) and
# every round gets a database of its own; with it, PG_LOCATION must be a new
# empty database and there is one round.  Target: PostgreSQL <= 2x SQLite.
set -euo pipefail
cli=$1 samples=$2 n=${3:-10000} rounds=${4:-3} pg=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
. "$here/pg-server.sh"
trap 'pg_server_stop; rm -rf "$work"' EXIT

if [ -z "$pg" ]; then
  pg_server_start "$work/pg" || exit 77   # skipped
else
  rounds=1
fi

"$here/gen-reports.sh" "$work/files" "$n" "$samples"
cat "$work/files"/* > /dev/null   # warm the page cache for every contender

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
run() { local t0 t1; t0=$(now); "$cli" import --db "$1" "$work/files" > "$2" || [ $? -eq 2 ]; t1=$(now); elapsed "$t0" "$t1"; }

printf 'files: %d; load average before: %s\n' "$n" "$(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 1; r <= rounds; r++)); do
  db=$pg
  [ -z "$db" ] && db=$(pg_createdb "gx_bench_$r")
  t0=$(now); find "$work/files" -type f -print0 | xargs -0 sha256sum > /dev/null; t1=$(now)
  base=$(elapsed "$t0" "$t1")
  sqlite=$(run "$work/ws-$r.db" "$work/s$r")
  postgres=$(run "$db" "$work/p$r")
  printf 'round %d: sha256sum %.3f s, SQLite %.3f s, PostgreSQL %.3f s: %.2fx (%s | %s)\n' \
    "$r" "$base" "$sqlite" "$postgres" "$(echo "$postgres / $sqlite" | bc -l)" \
    "$(tail -n 1 "$work/s$r")" "$(tail -n 1 "$work/p$r")"
done
sqlite_again=$(run "$work/ws-1.db" "$work/s-again")
pg_again=$(run "${pg:-$(echo "$PG_CONNINFO" | sed 's/dbname=postgres/dbname=gx_bench_1/')}" "$work/p-again")
printf 'again (all present): SQLite %.3f s, PostgreSQL %.3f s\n' "$sqlite_again" "$pg_again"
printf 'load average after: %s; target: PostgreSQL <= 2x SQLite\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
