#!/usr/bin/env bash
# bench-pdf.sh CLI PDF [N]: `gxreports-cli check` of N copies of a PDF on
# one thread (GX_THREADS=1) against `pdftotext -layout` over the same
# copies, one after the other, in the same run (target: check ≤ 1×).
set -euo pipefail
cli=$1 pdf=$2 n=${3:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! command -v pdftotext > /dev/null; then
  echo "pdftotext (poppler-utils) is not installed: nothing to compare with" >&2
  exit 77
fi
for i in $(seq 1 "$n"); do cp "$pdf" "$work/copy-$i.pdf"; done
cat "$work"/*.pdf > /dev/null   # warm the page cache for both contenders

now() { date +%s.%N; }

t0=$(now)
for f in "$work"/*.pdf; do pdftotext -layout "$f" /dev/null; done
t1=$(now)
pdftotext_s=$(echo "$t1 - $t0" | bc -l)

# check exits 1 for reports with error findings
t0=$(now); GX_THREADS=1 "$cli" check "$work"/*.pdf > "$work/out" || [ $? -eq 1 ]; t1=$(now)
check_s=$(echo "$t1 - $t0" | bc -l)

checked=$(grep -c '^copy-.*\.pdf: ' "$work/out" || true)
if [ "$checked" -ne "$n" ]; then
  echo "only $checked of $n files were checked" >&2
  exit 1
fi

printf 'file:                      %s × %d\n' "$(basename "$pdf")" "$n"
printf 'pdftotext -layout loop:    %.3f s\n' "$pdftotext_s"
printf 'gxreports-cli check (1 thread): %.3f s\n' "$check_s"
printf 'ratio check / pdftotext:   %.2f× (target ≤ 1×)\n' "$(echo "$check_s / $pdftotext_s" | bc -l)"
