#!/bin/sh
# real-score.sh: scores the CLI on the real published reports of
# ../shared/real (next to the project; GX_REAL_DIR overrides) and fails on a
# regression from the best numbers reached so far.  Skipped when the folder
# is absent: a fresh clone alone passes.
#
#   real-score.sh REAL_DIR CLI
#
# The floors below are the numbers this branch reaches; raise them when the
# reader gets better, never lower them.
FILES_READ=11
CELLS_EXACT=2180
FINDINGS_EXACT=11
ISSUER_YEAR=22

real=${GX_REAL_DIR:-$1}
cli=$2
if [ ! -x "$real/score" ] || [ ! -f "$real/manifest.json" ]; then
  echo "skipped: $real (the real published reports) is absent"
  exit 77
fi

out=$("$real/score" "$cli")
echo "$out"
last=$(printf '%s\n' "$out" | tail -n 1)
# files read A/B, cells exact C/D, findings exact E/F, issuer/year G/H
set -- $(printf '%s\n' "$last" | sed -n 's|^files read \([0-9]*\)/[0-9]*, cells exact \([0-9]*\)/[0-9]*, findings exact \([0-9]*\)/[0-9]*, issuer/year \([0-9]*\)/[0-9]*$|\1 \2 \3 \4|p')
if [ $# -ne 4 ]; then
  echo "could not read the score line: $last"
  exit 1
fi
status=0
check () {
  if [ "$2" -lt "$3" ]; then
    echo "REGRESSION: $1 $2 < $3"
    status=1
  fi
}
check "files read" "$1" "$FILES_READ"
check "cells exact" "$2" "$CELLS_EXACT"
check "findings exact" "$3" "$FINDINGS_EXACT"
check "issuer/year" "$4" "$ISSUER_YEAR"
exit $status
