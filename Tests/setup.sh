#!/usr/bin/env bash
# Installs what the tests need on a fresh machine of this kind: Debian packages (when
# missing) and a Python virtual environment under .build/venv with pinned packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="libffi-dev pkg-config valgrind sqlite3 libsqlite3-dev librsvg2-bin"
# Headless LibreOffice Calc with Python components, for the Calc add-in's tests; without
# recommended packages (fonts, apparmor, poppler data) it installs in ~70 s.
APT_PACKAGES_NO_RECOMMENDS="libreoffice-calc-nogui python3-uno libreoffice-script-provider-python"
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

VENV=.build/venv
REQ=Tests/python/requirements.txt
stamp="$VENV/.requirements.sha"
want=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: creating $VENV"
  mkdir -p .build
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet -r "$REQ"
  echo "$want" > "$stamp"
fi
