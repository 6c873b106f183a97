#!/usr/bin/env bash
# run.sh: builds GxReports (installing missing Debian packages first) and
# starts the app from the build tree.  Arguments go to the app, e.g.
#   build-aux/run.sh ~/reports/*.txt
set -euo pipefail
cd "$(dirname "$0")/.."
build-aux/install-deps.sh
if [ -d _build/meson-private ]; then meson setup --reconfigure _build >/dev/null; else meson setup _build >/dev/null; fi
ninja -C _build
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data" GX_LOCALEDIR="$PWD/_build/po"
exec _build/src/gui/gxreports "$@"
