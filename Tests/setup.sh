#!/usr/bin/env bash
# Installs what the tests need on a fresh machine of this kind: Debian packages (when
# missing) and a Python virtual environment under .build/venv with pinned packages.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="libffi-dev pkg-config valgrind sqlite3 libsqlite3-dev librsvg2-bin"
missing=""
for p in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
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
