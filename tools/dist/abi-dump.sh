#!/usr/bin/env bash
# abi-dump.sh LIB OUT — writes the ABI of LIB as libabigail XML (abidw) into OUT.
# Reads LIB's debug info through its .gnu_debuglink from LIB's folder; keeps what the public
# headers (include/) declare; no source locations and no build paths, so the dump of the
# same library is the same on every machine and checkout.
set -euo pipefail
cd "$(dirname "$0")/../.."
lib=$1 out=$2
command -v abidw > /dev/null || { echo "abi-dump: abidw not found (Debian package abigail-tools)" >&2; exit 2; }
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
abidw --headers-dir include --debug-info-dir "$(dirname "$lib")" --no-show-locs --no-corpus-path \
  --no-comp-dir-path --drop-undefined-syms --out-file "$tmp" "$lib"
sed -e "s|$PWD/||g" "$tmp" > "$out"
