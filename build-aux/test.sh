#!/usr/bin/env bash
# test.sh: builds GxReports and runs the whole test suite, as CI does.
#
#   1. installs missing Debian packages (build-aux/install-deps.sh)
#   2. builds with -Wall -Wextra and runs every test (GTK ones under Xvfb)
#   3. builds again with AddressSanitizer + UBSan and runs every test
#   4. fuzzes every reader for a fixed number of inputs (libFuzzer, ASan +
#      UBSan; fuzz/, build-aux/fuzz-targets.sh)
#
# Environment: GX_FUZZ_SCALE (multiplies the fuzz runs, default 1),
# GX_SKIP_ASAN=1, GX_SKIP_FUZZ=1.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

build-aux/install-deps.sh

xvfb() {
  xvfb-run -a -s "-screen 0 1280x1024x24" "$@"
}

# GTK under Xvfb, without a session bus or accessibility bus
export GDK_BACKEND=x11 GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
unset WAYLAND_DISPLAY

echo "== build"
if [ -d _build/meson-private ]; then meson setup --reconfigure _build >/dev/null; else meson setup _build >/dev/null; fi
ninja -C _build

echo "== tests"
xvfb meson test -C _build --print-errorlogs --num-processes 2

if [ "${GX_SKIP_ASAN:-0}" != 1 ]; then
  echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  if [ ! -d _build-asan/meson-private ]; then
    meson setup _build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >/dev/null
  fi
  ninja -C _build-asan
  # Leak checking is on for everything without a window; fontconfig, Pango
  # and cairo keep process-long caches (build-aux/lsan.supp).  GTK and Mesa
  # do too, so the window tests run without it.
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  LSAN_OPTIONS=suppressions="$top/build-aux/lsan.supp":print_suppressions=0 \
    meson test -C _build-asan --print-errorlogs --num-processes 2 --no-suite gui --timeout-multiplier 3
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
    xvfb meson test -C _build-asan --print-errorlogs --num-processes 2 --suite gui --suite print \
      --timeout-multiplier 3
fi

if [ "${GX_SKIP_FUZZ:-0}" != 1 ]; then
  # every target over its seeds (fuzz/corpus/TARGET) for a fixed number of
  # inputs from a fixed seed, so that a run can be repeated; two at a time.
  # build-aux/fuzz.sh runs longer campaigns.
  echo "== fuzzing each reader (libFuzzer, ASan + UBSan; -seed=1, runs × ${GX_FUZZ_SCALE:-1})"
  . build-aux/fuzz-targets.sh
  gx_fuzz_build reader $GX_FUZZ_TARGETS
  fuzz_work=$(mktemp -d)
  fuzz_one() {
    local t=$1 runs=$2 seeds=$top/fuzz/corpus/$1
    [ "$t" = reader ] && seeds=$top/tests/data
    mkdir -p "$fuzz_work/$t"
    if (cd "$fuzz_work/$t" && UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
          ASAN_OPTIONS=detect_leaks=1 \
          LSAN_OPTIONS=suppressions="$top/build-aux/lsan.supp":print_suppressions=0 \
          "$top/_build-fuzz/fuzz/fuzz-$t" -seed=1 -runs=$((runs * ${GX_FUZZ_SCALE:-1})) \
            -max_len="$(gx_fuzz_max_len "$t")" -dict="$top/fuzz/dict/$t.dict" \
            -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            "$fuzz_work/$t" "$seeds" >"$fuzz_work/$t.log" 2>&1); then
      echo "fuzz-$t: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$fuzz_work/$t.log" | tail -n 1)"
    else
      echo "fuzz-$t FAILED (the input is saved as crash-*/leak-*/timeout-* in $fuzz_work/$t):"
      tail -n 60 "$fuzz_work/$t.log"
      return 1
    fi
  }
  export -f fuzz_one gx_fuzz_max_len
  export top fuzz_work
  # target and inputs, from the rates of the campaign in README ("Fuzzing"):
  # 5–40 s each on a loaded core, under 2 minutes for the two lanes
  printf '%s\n' "pdf 150" "text 1500" "check 150" "html 1500" "docx 2000" "doc 1000" \
      "prose 3000" "json 20000" "workspace 5000" "reader 1000" |
    xargs -P 2 -L 1 bash -c 'fuzz_one "$0" "$1"'
  rm -rf "$fuzz_work"
fi

# one closing line, in the plain form CI reads (the suites of the plain
# build and of the last sanitizer run; a failure stopped the script above)
passed=0 failed=0
for log in _build/meson-logs/testlog.txt _build-asan/meson-logs/testlog.txt; do
  [ -f "$log" ] || continue
  p=$(grep -c '^result: *exit status 0$' "$log" || true)
  f=$(grep '^result: ' "$log" | grep -v -c -e 'exit status 0$' -e 'skipped' || true)
  passed=$((passed + p)); failed=$((failed + f))
done
echo "== all tests passed"
echo "tests: $passed passed, $failed failed"
