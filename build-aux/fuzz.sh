#!/usr/bin/env bash
# fuzz.sh: a fuzzing campaign over the targets of fuzz/ (libFuzzer, ASan +
# UBSan), of any length.
#
#   build-aux/fuzz.sh [-t SECONDS | -n RUNS] [-d DIR] [-j JOBS] [TARGET…]
#
#   -t SECONDS  time for each target (default 300); runs in libFuzzer's fork
#               mode, so a crash is saved and the campaign goes on
#   -n RUNS     a number of inputs for each target instead (stops at the
#               first crash)
#   -d DIR      where the corpora, logs and crashes are kept (default
#               $GX_FUZZ_DIR or ~/.cache/gxreports-fuzz): DIR/TARGET/corpus
#               grows from run to run; the seeds of fuzz/corpus/TARGET are
#               read, never written
#   -j JOBS     fork-mode jobs (default 1: one core)
#   TARGET      text html docx doc pdf json prose check workspace (default all)
#               or reader (gx_reader_read_bytes, every format)
#
# Prints per target: inputs run, inputs/s, coverage (libFuzzer's cov and
# ft), corpus size, crashes (crash-*, leak-*, timeout-*, oom-* in
# DIR/TARGET/crashes).  Exit status 1 when a target found something.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
. build-aux/fuzz-targets.sh

seconds=300 runs= jobs=1
dir=${GX_FUZZ_DIR:-$HOME/.cache/gxreports-fuzz}
while getopts "t:n:d:j:h" opt; do
  case $opt in
    t) seconds=$OPTARG ;;
    n) runs=$OPTARG ;;
    d) dir=$OPTARG ;;
    j) jobs=$OPTARG ;;
    *) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
targets=${*:-$GX_FUZZ_TARGETS}
for t in $targets; do
  gx_fuzz_max_len "$t" >/dev/null || { echo "fuzz.sh: no target $t" >&2; exit 2; }
done

gx_fuzz_build $targets
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

found=0
summary=$(printf '%-10s %12s %9s %7s %7s %7s %8s\n' target inputs inputs/s cov ft corpus crashes)
for t in $targets; do
  work="$dir/$t"
  mkdir -p "$work/corpus" "$work/crashes"
  log="$work/log-$(date +%Y%m%d-%H%M%S).txt"
  seeds="$top/fuzz/corpus/$t"
  [ -d "$seeds" ] || seeds=
  dict="$top/fuzz/dict/$t.dict"
  args=(-max_len="$(gx_fuzz_max_len "$t")" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$work/crashes/")
  [ -f "$dict" ] && args+=(-dict="$dict")
  if [ -n "$runs" ]; then
    args+=(-runs="$runs")
  else
    args+=(-max_total_time="$seconds" -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi
  echo "== fuzz-$t (log: $log)"
  known=$(find "$work/crashes" -maxdepth 1 -type f | wc -l)
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  (cd "$work" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
     LSAN_OPTIONS=suppressions="$top/build-aux/lsan.supp":print_suppressions=0 \
     "$top/_build-fuzz/fuzz/fuzz-$t" "${args[@]}" "$work/corpus" $seeds >"$log" 2>&1) || true
  end=$(date +%s.%N)

  # the last status line: "#N ... cov: C ft: F corp: K/…" (fork mode: "#N: cov: C ft: F corp: K")
  status=$(grep -E '^#[0-9]+:?[[:space:]].*cov: ' "$log" | tail -n 1 || true)
  inputs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
  [ -n "$inputs" ] || inputs=$(echo "$status" | sed -E 's/^#([0-9]+).*/\1/')
  cov=$(echo "$status" | sed -nE 's/.*cov: ([0-9]+).*/\1/p')
  ft=$(echo "$status" | sed -nE 's/.*ft: ([0-9]+).*/\1/p')
  corp=$(echo "$status" | sed -nE 's/.*corp: ([0-9]+).*/\1/p')
  rate=$(awk -v n="${inputs:-0}" -v a="$start" -v b="$end" 'BEGIN { printf "%d", (b > a) ? n / (b - a) : 0 }')
  crashes=$(( $(find "$work/crashes" -maxdepth 1 -type f | wc -l) - known ))
  [ "$crashes" -gt 0 ] && found=1
  summary+=$'\n'$(printf '%-10s %12s %9s %7s %7s %7s %8s' "$t" "${inputs:-?}" "$rate" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")
  tail -n 3 "$log"
done

echo
echo "$summary"
echo "(corpora, logs and crashes in $dir)"
exit $found
