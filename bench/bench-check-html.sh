#!/usr/bin/env bash
# bench-check-html.sh CLI HTML_FILE [N]: `gxreports-cli check` over N copies
# of a web-page report against `xmllint --html --noout` (libxml2's HTML
# parser alone) over the same files, one thread each, in the same run.
# Target: check ≤ 3× xmllint.
set -euo pipefail
cli=$1 html=$2 n=${3:-1000}
if ! command -v xmllint > /dev/null; then
  echo "xmllint (libxml2-utils) is not installed: nothing to compare with" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/files"
for i in $(seq -w 1 "$n"); do
  cp "$html" "$work/files/report-$i.html"
done
cd "$work/files"
ls > "$work/list"
cat ./* > /dev/null   # warm the page cache for both contenders

now() { date +%s.%N; }

t0=$(now); xargs xmllint --html --noout < "$work/list" > /dev/null 2>&1 || true; t1=$(now)
xml_s=$(echo "$t1 - $t0" | bc -l)

t0=$(now); GX_THREADS=1 xargs "$cli" check < "$work/list" > "$work/out" || [ $? -eq 123 ]; t1=$(now)
check_s=$(echo "$t1 - $t0" | bc -l)

checked=$(grep -c '^report-.*\.html: ' "$work/out" || true)
if [ "$checked" -ne "$n" ]; then
  echo "only $checked of $n files were checked" >&2
  exit 1
fi

printf 'files:                    %d (%s, %d bytes)\n' "$n" "$(basename "$html")" "$(stat -c %s "$html")"
printf 'xmllint --html --noout:   %.3f s\n' "$xml_s"
printf 'gxreports-cli check:      %.3f s (%.0f files/s, one thread)\n' "$check_s" "$(echo "$n / $check_s" | bc -l)"
printf 'ratio check / xmllint:    %.1f× (target ≤ 3×)\n' "$(echo "$check_s / $xml_s" | bc -l)"
