#!/usr/bin/env bash
# Installs what the tests need on a fresh machine of this kind: Debian packages (when
# missing) and a Python virtual environment under .build/venv with pinned packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="libffi-dev pkg-config valgrind sqlite3 libsqlite3-dev librsvg2-bin"
# The ABI baseline and its check (abidw, abidiff); gdb for the debug-info check of Tests/dist.
APT_PACKAGES="$APT_PACKAGES abigail-tools gdb"
# make dist: patchelf names the wheel's copy of the library by its file (SONAME), bc for sizes.
APT_PACKAGES="$APT_PACKAGES patchelf bc"
# clang-format checks the C sources' formatting (Tests/format/check.sh, .clang-format).
APT_PACKAGES="$APT_PACKAGES clang-format"
# Spark 4 (the scale-out tests) needs Java 17 or 21: Debian's default JRE when there is no java.
command -v java >/dev/null 2>&1 || APT_PACKAGES="$APT_PACKAGES default-jre-headless"
# Headless LibreOffice Calc with Python components, for the Calc add-in's tests; without
# recommended packages (fonts, apparmor, poppler data) it installs in ~70 s.
# chromium renders the HTML report in the browser tests, poppler-utils turns its PDF into images.
APT_PACKAGES_NO_RECOMMENDS="libreoffice-calc-nogui python3-uno libreoffice-script-provider-python chromium poppler-utils"
missing_of() {
  local out=""
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out="$out $p"
  done
  echo "$out"
}
missing=$(missing_of $APT_PACKAGES)
missing_nr=$(missing_of $APT_PACKAGES_NO_RECOMMENDS)
if [ -n "$missing$missing_nr" ]; then
  echo "setup: installing Debian packages:$missing$missing_nr"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  if [ -n "$missing" ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
  if [ -n "$missing_nr" ]; then
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing_nr >/dev/null
  fi
fi

# make_venv FOLDER REQUIREMENTS: (re)creates the environment when the file changed.
make_venv() {
  local venv=$1 req=$2
  local stamp="$venv/.requirements.sha"
  local want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: creating $venv"
    mkdir -p .build
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet -r "$req"
    echo "$want" > "$stamp"
  fi
}
make_venv .build/venv Tests/python/requirements.txt
# The scale-out tests (Dask, Spark: ~0.9 GB) in an environment of their own.
make_venv .build/venv-scale Tests/python/requirements-scale.txt
# make dist and Tests/dist: auditwheel, wheel, build (small).
make_venv .build/venv-dist Tests/python/requirements-dist.txt
