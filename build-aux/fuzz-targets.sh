# fuzz-targets.sh: the fuzz targets and their input lengths (sourced by
# build-aux/test.sh and build-aux/fuzz.sh).  -max_len fits the format: a
# report as text is 4–10 KB, its page, document.xml or content stream a
# few times that; the prose alone is short; check takes several files.
GX_FUZZ_TARGETS="text html docx doc pdf json prose check workspace"

gx_fuzz_max_len() {
  case "$1" in
    text) echo 16384 ;;
    html) echo 32768 ;;
    docx) echo 32768 ;;
    doc) echo 98304 ;;
    pdf) echo 32768 ;;
    json) echo 16384 ;;
    prose) echo 8192 ;;
    check) echo 40960 ;;
    workspace) echo 16384 ;;
    reader) echo 65536 ;;
    *) return 1 ;;
  esac
}

# Configures and builds _build-fuzz (clang, libFuzzer, ASan + UBSan).
gx_fuzz_build() {
  if [ ! -d _build-fuzz/meson-private ]; then
    CC=clang meson setup _build-fuzz -Dfuzzing=true -Dgui=false \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
  local t targets=()
  for t in "$@"; do targets+=("fuzz/fuzz-$t"); done
  ninja -j2 -C _build-fuzz "${targets[@]}" >/dev/null
}
