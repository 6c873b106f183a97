#!/usr/bin/env bash
# test.sh: builds GxReports and runs the whole test suite, as CI does.
#
#   1. installs missing Debian packages (build-aux/install-deps.sh)
#   2. builds with -Wall -Wextra and runs every test (GTK ones under Xvfb)
#   3. builds again with AddressSanitizer + UBSan and runs every test
#   4. fuzzes the reader for a short while (libFuzzer, ASan + UBSan)
#
# Environment: GX_FUZZ_SECONDS (default 60), GX_SKIP_ASAN=1, GX_SKIP_FUZZ=1.
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
  echo "== fuzzing the reader for ${GX_FUZZ_SECONDS:-60} s"
  if [ ! -d _build-fuzz/meson-private ]; then
    CC=clang meson setup _build-fuzz -Dfuzzing=true -Dgui=false \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  ninja -C _build-fuzz fuzz/fuzz-reader
  corpus=$(mktemp -d)
  (cd "$corpus" && UBSAN_OPTIONS=halt_on_error=1 \
    "$top/_build-fuzz/fuzz/fuzz-reader" -max_total_time="${GX_FUZZ_SECONDS:-60}" \
      -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      "$corpus" "$top/tests/data" 2>&1 | tail -n 12)
  rm -rf "$corpus"
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
