#!/usr/bin/env bash
# install-deps.sh: installs the Debian 12 packages GxReports needs to build,
# run and test, when some are missing.  Needs root (or sudo) only then.
set -euo pipefail

packages=(
  # build
  build-essential meson ninja-build pkg-config gettext clang libclang-rt-14-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libjson-glib-dev libsqlite3-dev
  libxml2-dev libgsf-1-dev libpoppler-glib-dev libcairo2-dev libpango1.0-dev
  libfontconfig-dev nettle-dev
  libxlsxwriter-dev
  # the shared workspace on PostgreSQL: libpq, and the server its tests start
  libpq-dev postgresql
  # run: a CJK font, so Chinese renders on screen and on paper
  fonts-noto-cjk
  # test
  xvfb xauth desktop-file-utils poppler-utils imagemagick sqlite3 bc time
  appstream libxtst-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
