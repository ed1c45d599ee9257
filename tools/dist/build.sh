#!/usr/bin/env bash
# tools/dist/build.sh — `make dist`: writes into dist/ what a user downloads, from the
# stripped install tree .build/stage (make stage) and the Calc add-in:
#   autoexports-VER-py3-none-manylinux_2_N_x86_64.whl  the Python package with the library, the
#                                     CLI (console command autoexports), headers and a .pc file;
#                                     N is what `auditwheel show` reports (the glibc floor)
#   autoexports-VER.tar.gz            the sdist (builds the Swift sources when swift is on PATH)
#   autoexports-VER-linux-x86_64.tar.gz        include/ lib/ bin/ share/ README.md LICENSE
#   autoexports-VER-linux-x86_64-debug.tar.gz  the debug files; unpack over the tarball's folder
#   autoexports-VER.oxt               the LibreOffice Calc add-in
# and prints their names and sizes. Needs .build/venv-dist (Tests/setup.sh) and patchelf.
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=.build/venv-dist
STAGE=.build/stage
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/python/pyproject.toml)
HVERSION=$(sed -n 's/^#define AEX_VERSION_STRING "\(.*\)"/\1/p' include/autoexports.h)
[ "$VERSION" = "$HVERSION" ] || { echo "dist: pyproject.toml says $VERSION, the header $HVERSION" >&2; exit 1; }
[ -x "$VENV/bin/auditwheel" ] || { echo "dist: $VENV missing (make setup)" >&2; exit 1; }
command -v patchelf > /dev/null || { echo "dist: patchelf missing (make setup)" >&2; exit 1; }
LIBFILE=$(cd "$STAGE/lib" && ls libautoexports.so.*.*.*)
OUT=dist
T=.build/dist-work
rm -rf "$OUT" "$T"; mkdir -p "$OUT" "$T"

# ---- the wheel ----------------------------------------------------------------------------
rm -rf bindings/python/build
AUTOEXPORTS_LIBRARY="$PWD/$STAGE/lib/$LIBFILE" AUTOEXPORTS_CLI="$PWD/$STAGE/bin/autoexports" \
  "$VENV/bin/pip" wheel --quiet --no-deps --no-build-isolation -w "$T/wheel" ./bindings/python
rm -rf bindings/python/build
# setup.py tags the wheel from the symbol versions its files need; auditwheel is the judge.
whl=$(ls "$T"/wheel/autoexports-"$VERSION"-py3-none-*.whl)
tag=$("$VENV/bin/auditwheel" show "$whl" 2>/dev/null | tr -s ' \n' ' ' \
      | sed -n 's/.*consistent with the following platform tag: "\([a-z0-9_]*\)".*/\1/p')
case "$tag" in manylinux_2_*_x86_64) ;; *) echo "dist: auditwheel show gave no manylinux tag for $whl" >&2; exit 1;; esac
[ "$(basename "$whl")" = "autoexports-$VERSION-py3-none-$tag.whl" ] \
  || { echo "dist: setup.py tagged $(basename "$whl"), auditwheel show says $tag (bindings/python/setup.py MANYLINUX)" >&2; exit 1; }
mv "$whl" "$OUT/"

# ---- the sdist: the Python package plus the Swift sources in swift-src/ --------------------
S="$T/sdist/autoexports-$VERSION"
mkdir -p "$S/swift-src"
cp -r bindings/python/pyproject.toml bindings/python/setup.py bindings/python/README.md bindings/python/src "$S/"
cp -r Package.swift Makefile include "$S/swift-src/"
mkdir -p "$S/swift-src/Tests/contract" "$S/swift-src/tools"
cp -r Sources "$S/swift-src/"
cp -r tools/dist "$S/swift-src/tools/"
cp Tests/contract/autoexports.pc.in "$S/swift-src/Tests/contract/"
# SwiftPM insists that every target's folder exists, the test target's too.
cp -r Tests/AutoExportsTests "$S/swift-src/Tests/"
[ -f Package.resolved ] && cp Package.resolved "$S/swift-src/"
find "$S" -name __pycache__ -prune -exec rm -rf {} +
printf 'graft swift-src\ngraft src\nglobal-exclude *.pyc *.so\n' > "$S/MANIFEST.in"
"$VENV/bin/python" -m build --sdist --no-isolation --outdir "$OUT" "$S" > "$T/sdist.log" 2>&1 \
  || { cat "$T/sdist.log"; exit 1; }

# ---- the Calc add-in, from the stripped library ---------------------------------------------
python3 bindings/libreoffice/build_oxt.py oxt --lib "$STAGE/lib/$LIBFILE" --out "$OUT/autoexports-$VERSION.oxt" > /dev/null

# ---- the release tarball and its debug files ------------------------------------------------
NAME="autoexports-$VERSION-linux-x86_64"
R="$T/$NAME"
cp -a "$STAGE" "$R"
mkdir -p "$R/share/autoexports"
cp "$OUT/autoexports-$VERSION.oxt" "$R/share/autoexports/autoexports.oxt"
cp README.md "$R/README.md"
bash tools/dist/license.sh > "$R/LICENSE"
tar -C "$T" --owner=0 --group=0 --sort=name -czf "$OUT/$NAME.tar.gz" "$NAME"
D="$T/debug/$NAME"
mkdir -p "$D/lib" "$D/bin"
cp .build/stage-debug/"$LIBFILE".debug "$D/lib/"
cp .build/stage-debug/autoexports.debug "$D/bin/"
tar -C "$T/debug" --owner=0 --group=0 --sort=name -czf "$OUT/$NAME-debug.tar.gz" "$NAME"

echo "dist: (auditwheel: $tag)"
(cd "$OUT" && for f in *; do printf 'dist: %-56s %6.1f MB\n' "$f" "$(echo "$(stat -c %s "$f") / 1048576" | bc -l)"; done)
printf 'dist: %-56s %6.1f MB\n' "(library, stripped: lib/$LIBFILE)" "$(echo "$(stat -c %s "$STAGE/lib/$LIBFILE") / 1048576" | bc -l)"
printf 'dist: %-56s %6.1f MB\n' "(CLI, stripped: bin/autoexports)" "$(echo "$(stat -c %s "$STAGE/bin/autoexports") / 1048576" | bc -l)"
