#!/usr/bin/env bash
# bench-check.sh CLI SAMPLES_DIR [N]: `gxreports-cli check` over N generated
# reports against `wc -l` over the same files, in the same run; and the peak
# memory of check over N/10 and N files (it must not grow with N).
set -euo pipefail
cli=$1 samples=$2 n=${3:-10000}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$here/gen-reports.sh" "$work/files" "$n" "$samples"
cd "$work/files"
ls > "$work/list"
cat ./* > /dev/null   # warm the page cache for both contenders

now() { date +%s.%N; }

t0=$(now); xargs wc -l < "$work/list" > /dev/null; t1=$(now)
wc_s=$(echo "$t1 - $t0" | bc -l)

# check exits 1 for reports with errors; xargs turns that into 123
t0=$(now); xargs "$cli" check < "$work/list" > "$work/out" || [ $? -eq 123 ]; t1=$(now)
check_s=$(echo "$t1 - $t0" | bc -l)

checked=$(grep -c '^report-.*\.txt: ' "$work/out" || true)
if [ "$checked" -ne "$n" ]; then
  echo "only $checked of $n files were checked" >&2
  exit 1
fi

small=$((n / 10))
mem_small=$( { /usr/bin/time -f '%M' "$cli" check $(head -n "$small" "$work/list") > /dev/null; } 2>&1 | tail -n 1 || true)
mem_all=$( { /usr/bin/time -f '%M' "$cli" check $(cat "$work/list") > /dev/null; } 2>&1 | tail -n 1 || true)

printf 'files:                 %d\n' "$n"
printf 'wc -l:                 %.3f s\n' "$wc_s"
printf 'gxreports-cli check:   %.3f s (%.0f files/s)\n' "$check_s" "$(echo "$n / $check_s" | bc -l)"
printf 'ratio check / wc -l:   %.1f× (target ≤ 10×)\n' "$(echo "$check_s / $wc_s" | bc -l)"
printf 'peak RSS, %5d files: %s KiB\n' "$small" "$mem_small"
printf 'peak RSS, %5d files: %s KiB\n' "$n" "$mem_all"
