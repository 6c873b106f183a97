#!/usr/bin/env bash
# bench-import.sh CLI SAMPLES_DIR [N]: `gxreports-cli import` of N generated
# report files into a new workspace, then again (every file already
# present), against `sha256sum` of the same files in the same run.
set -euo pipefail
cli=$1 samples=$2 n=${3:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/gen-reports.sh" "$work/files" "$n" "$samples"
cat "$work/files"/* > /dev/null   # warm the page cache for every contender

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }

t0=$(now); find "$work/files" -type f -print0 | xargs -0 sha256sum > /dev/null; t1=$(now)
base=$(elapsed "$t0" "$t1")
t0=$(now); "$cli" import --db "$work/ws.db" "$work/files" > "$work/first" || [ $? -eq 2 ]; t1=$(now)
first=$(elapsed "$t0" "$t1")
t0=$(now); "$cli" import --db "$work/ws.db" "$work/files" > "$work/again" || [ $? -eq 2 ]; t1=$(now)
again=$(elapsed "$t0" "$t1")

printf 'files:                          %d\n' "$n"
printf 'sha256sum of the files:         %.3f s\n' "$base"
printf 'import into a new workspace:    %.3f s (%s)\n' "$first" "$(tail -n 1 "$work/first")"
printf 'import again (all present):     %.3f s (%s)\n' "$again" "$(tail -n 1 "$work/again")"
printf 'target: 10,000 reports in <= 3 s\n'
