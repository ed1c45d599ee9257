#!/usr/bin/env bash
# Tests of the artifacts in dist/ (make dist), used the way a user without the Swift toolchain
# uses them: a temporary folder outside the repository, PATH without any folder that holds
# `swift`, a fresh virtual environment, no LD_LIBRARY_PATH. Writes "passed failed" to the
# file named by $1 (Tests/summary.py adds it up). About a minute, most of it valgrind.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
counts=${1:-.build/test-results/dist.counts}
mkdir -p "$(dirname "$counts")"
passed=0 failed=0
pass() { echo "dist: ok: $1"; passed=$((passed + 1)); }
fail() { echo "dist: FAILED: $1"; failed=$((failed + 1)); }
finish() { echo "$passed $failed" >> "$counts"; echo "dist: $passed passed, $failed failed"; exit $((failed > 0)); }
expect() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' bindings/python/pyproject.toml)
WHEEL=$(ls dist/autoexports-"$VERSION"-py3-none-manylinux_2_*_x86_64.whl 2>/dev/null | head -n 1)
TARBALL=dist/autoexports-$VERSION-linux-x86_64.tar.gz
DEBUG=dist/autoexports-$VERSION-linux-x86_64-debug.tar.gz
SDIST=dist/autoexports-$VERSION.tar.gz
OXT=dist/autoexports-$VERSION.oxt
for f in "$WHEEL" "$TARBALL" "$DEBUG" "$SDIST" "$OXT"; do
  [ -n "$f" ] && [ -f "$f" ] || { fail "missing artifact ${f:-(wheel)} (make dist)"; finish; }
done
pass "dist/ holds the wheel, the sdist, the tarball, its debug files and the .oxt"

T=$(mktemp -d /tmp/autoexports-dist.XXXXXX)
trap 'rm -rf "$T"' EXIT
cp "$WHEEL" "$TARBALL" "$DEBUG" "$SDIST" "$OXT" "$T/"
cp examples/c/rank.c Tests/dist/dlopen_calls.c "$T/"
AUDITWHEEL=$REPO/.build/venv-dist/bin/auditwheel
# PATH without the toolchain: every folder that holds `swift` (or swiftc) goes.
CLEAN_PATH=$(echo "$PATH" | tr ':' '\n' | while read -r d; do
  [ -n "$d" ] && [ ! -e "$d/swift" ] && [ ! -e "$d/swiftc" ] && printf '%s:' "$d"; done)
CLEAN_PATH=${CLEAN_PATH%:}
user() { (cd "$T" && env -u LD_LIBRARY_PATH -u AUTOEXPORTS_LIBRARY -u PYTHONPATH -u VIRTUAL_ENV \
          -u PKG_CONFIG_PATH PATH="$CLEAN_PATH" "$@"); }
expect "no swift on the users' PATH" user bash -c '! command -v swift && ! command -v swiftc' > /dev/null

# ---- the wheel in a fresh virtual environment ------------------------------------------------
W=$(basename "$WHEEL")
tag=${W#autoexports-"$VERSION"-py3-none-}; tag=${tag%.whl}
shown=$("$AUDITWHEEL" show "$T/$W" 2>/dev/null | tr -s ' \n' ' ' \
        | sed -n 's/.*consistent with the following platform tag: "\([a-z0-9_]*\)".*/\1/p')
expect "auditwheel show reports the wheel's tag ($tag; it said ${shown:-nothing})" test "$shown" = "$tag"
user python3 -m venv "$T/venv" && user "$T/venv/bin/pip" install --quiet --no-index "$T/$W" > "$T/pip.log" 2>&1
expect "pip install of the wheel into a fresh venv" test -x "$T/venv/bin/autoexports"
VPY=$T/venv/bin/python
out=$(user "$VPY" -c "import autoexports; print(autoexports.rank([30,20,20,10], method='min', ascending=False)); print(autoexports.library_path())" 2>&1)
expect "Python API: rank([30,20,20,10], 'min', descending) = [1.0, 2.0, 2.0, 4.0] from the wheel's library" \
  test "$(echo "$out" | head -n 1)" = "[1.0, 2.0, 2.0, 4.0]" -a "$(echo "$out" | sed -n 2p | grep -c "^$T/venv/.*site-packages/autoexports/libautoexports.so$")" = 1
[ "$(echo "$out" | head -n 1)" = "[1.0, 2.0, 2.0, 4.0]" ] || echo "$out" | tail -n 5
# The console command prints the same report as the CLI of the build it was shipped from.
user "$T/venv/bin/autoexports" > "$T/report.txt" 2> "$T/report.err"; rc=$?
"$REPO/.build/stage/bin/autoexports" > "$T/report-build.txt" 2> /dev/null
expect "the console command autoexports prints the report (exit 0, as the build's CLI does)" \
  bash -c "[ $rc = 0 ] && [ -s '$T/report.txt' ] && cmp -s '$T/report.txt' '$T/report-build.txt'"
expect "autoexports --version says $VERSION" test "$(user "$T/venv/bin/autoexports" --version)" = "$VERSION"
flags=$(user "$VPY" -m autoexports --cflags --libs)
expect "python -m autoexports --cflags --libs carries -I, -L and the run path of the package" \
  bash -c "echo '$flags' | grep -q -- '-I$T/venv/.*/autoexports/include .*-Wl,-rpath,$T/venv/.*/autoexports .*-lautoexports'"
# shellcheck disable=SC2086
user cc rank.c $flags -o rank-wheel 2> "$T/cc-wheel.log"
expect "a C client built with the wheel's flags runs as it is (1 2 2 4)" \
  test "$(user ./rank-wheel 30 20 20 10 2>&1)" = "1 2 2 4"
pcdir=$(user "$VPY" -m autoexports --pkgconfigdir)
# shellcheck disable=SC2046
user cc rank.c $(user env PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs autoexports) -o rank-wheel-pc 2> "$T/cc-wheel-pc.log"
expect "a C client built through the wheel's .pc runs (1 2.5 2.5 4)" \
  test "$(user ./rank-wheel-pc --method=fractional 30 20 20 10 2>&1)" = "1 2.5 2.5 4"

# ---- the sdist without Swift: one line saying what is missing --------------------------------
user "$REPO/.build/venv-dist/bin/pip" wheel --no-deps --no-build-isolation -w "$T/sdist-out" "$T/$(basename "$SDIST")" > "$T/sdist.log" 2>&1
expect "the sdist without Swift stops and says so in one line" \
  grep -q "autoexports: building from source needs a Swift 6.3 toolchain (.swift. is not on PATH)" "$T/sdist.log"
expect "the sdist carries the Swift sources (swift-src/Package.swift)" \
  bash -c "tar tzf '$T/$(basename "$SDIST")' | grep -q '^autoexports-$VERSION/swift-src/Package.swift$'"

# ---- the release tarball, unpacked in some folder --------------------------------------------
mkdir -p "$T/unpacked/here"
tar -C "$T/unpacked/here" -xzf "$T/$(basename "$TARBALL")"
P=$T/unpacked/here/autoexports-$VERSION-linux-x86_64
expect "the tarball has include/, the library with its SONAME links, bin/, the man page, the .oxt, README, LICENSE" \
  bash -c "cd '$P' && [ -f include/autoexports.h ] && [ \"\$(readlink lib/libautoexports.so)\" = libautoexports.so.1 ] \
    && [ -L lib/libautoexports.so.1 ] && [ -f \"lib/\$(readlink lib/libautoexports.so.1)\" ] && [ -x bin/autoexports ] \
    && [ -s share/man/man1/autoexports.1 ] && [ -s share/autoexports/autoexports.oxt ] && [ -s README.md ] && [ -s LICENSE ]"
# shellcheck disable=SC2046
user cc rank.c $(user env PKG_CONFIG_PATH="$P/lib/pkgconfig" pkg-config --cflags --libs autoexports) -o rank-tarball 2> "$T/cc-tar.log"
expect "a C client built through the tarball's relocated .pc runs (1 2 2 4)" \
  test "$(user ./rank-tarball 30 20 20 10 2>&1)" = "1 2 2 4"
expect "the client needs libautoexports.so.1 (the SONAME) and finds it in the tarball" \
  bash -c "readelf -d '$T/rank-tarball' | grep -q 'NEEDED.*\[libautoexports.so.1\]' && LD_LIBRARY_PATH= ldd '$T/rank-tarball' | grep -q 'libautoexports.so.1 => $P/'"
expect "the tarball's CLI runs without Swift and prints the same report" \
  bash -c "cd '$T' && env PATH='$CLEAN_PATH' '$P/bin/autoexports' | cmp -s - '$T/report-build.txt'"
expect "the man page is roff for autoexports(1)" grep -q "^\.Dt AUTOEXPORTS 1" "$P/share/man/man1/autoexports.1"
expect "the .oxt in dist/ carries the stripped library of the tarball" \
  bash -c "cmp -s '$T/$(basename "$OXT")' '$P/share/autoexports/autoexports.oxt' && python3 -c \"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sys.exit(z.read('pythonpath/autoexports/libautoexports.so') != open(sys.argv[2], 'rb').read())\" '$T/$(basename "$OXT")' '$P/lib/libautoexports.so.1'"

# ---- the Calc add-in from dist/ in headless Calc ---------------------------------------------
# Tests/python/test_libreoffice.py with the artifact in place of an .oxt built from the library
# (Tests/libreoffice/oxt_artifact.py, AEX_OXT): unopkg installs it into a fresh profile and
# headless Calc computes every check of Tests/libreoffice/addin_vs_builtin.ods with it.
if [ ! -x "$REPO/.build/venv/bin/python" ]; then
  fail "the Calc tests need the test environment .build/venv (make setup)"
else
  (cd "$REPO/Tests/python" && env -u LD_LIBRARY_PATH -u AUTOEXPORTS_LIBRARY PATH="$CLEAN_PATH" \
     AEX_OXT="$T/$(basename "$OXT")" PYTHONPATH="$REPO/Tests/libreoffice" \
     "$REPO/.build/venv/bin/python" -m pytest -q -p no:cacheprovider -p oxt_artifact test_libreoffice.py) \
     > "$T/calc.log" 2>&1; rc=$?
  calc_summary=$(tail -n 1 "$T/calc.log")
  if [ $rc = 0 ] && grep -q skipped <<< "$calc_summary"; then
    echo "dist: skipped: the Calc tests against $(basename "$OXT") ($calc_summary; $(grep -m1 -o 'not found[^)]*\|no Python component loader[^)]*' "$T/calc.log"))"
  else
    expect "the Calc tests pass against dist/$(basename "$OXT") in headless Calc, no Swift on PATH ($calc_summary)" test $rc = 0
    [ $rc = 0 ] || grep -E "^(FAILED|ERROR)|Error" "$T/calc.log" | head -n 20
  fi
fi

# ---- the sdist with the toolchain (AEX_DIST_SDIST=1: builds the Swift sources, many minutes) ----
# pip builds the wheel from the sdist alone: the library and the CLI must come out stripped
# and the wheel tagged as the dist wheel (the tag auditwheel reports).
if [ "${AEX_DIST_SDIST:-0}" = 1 ]; then
  "$REPO/.build/venv-dist/bin/pip" wheel --no-deps --no-build-isolation -w "$T/sdist-wheel" "$T/$(basename "$SDIST")" \
    > "$T/sdist-build.log" 2>&1 || tail -n 20 "$T/sdist-build.log"
  sw=$(ls "$T"/sdist-wheel/autoexports-"$VERSION"-*.whl 2>/dev/null | head -n 1)
  expect "pip wheel of the sdist with Swift gives $W (it gave $(basename "${sw:-nothing}"))" test "$(basename "${sw:-none}")" = "$W"
  if [ -n "$sw" ]; then
    mkdir -p "$T/sdist-wheel/x" && (cd "$T/sdist-wheel/x" && python3 -m zipfile -e "$sw" .)
    expect "the sdist's wheel: library and CLI stripped (no .debug_*), no RPATH/RUNPATH" \
      bash -c "for f in '$T/sdist-wheel/x/autoexports/libautoexports.so' '$T/sdist-wheel/x/autoexports/bin/autoexports'; do
                 [ -f \"\$f\" ] && ! readelf -S \"\$f\" | grep -q '\.debug_' && ! readelf -d \"\$f\" | grep -qE 'RPATH|RUNPATH' || exit 1; done"
    sshown=$("$AUDITWHEEL" show "$sw" 2>/dev/null | tr -s ' \n' ' ' \
             | sed -n 's/.*consistent with the following platform tag: "\([a-z0-9_]*\)".*/\1/p')
    expect "auditwheel show agrees with the sdist wheel's tag (${sshown:-nothing})" test "$sshown" = "$tag"
  fi
else
  echo "dist: skipped: a wheel from the sdist with the toolchain (AEX_DIST_SDIST=1 runs it; it builds everything)"
fi

# ---- what readelf shows: no debug info, no RPATH/RUNPATH, the SONAME ---------------------------
site=$(user "$VPY" -c "import autoexports, os; print(os.path.dirname(autoexports.__file__))")
for f in "$P/lib/libautoexports.so.1" "$P/bin/autoexports" "$site/libautoexports.so" "$site/bin/autoexports"; do
  name=${f#"$T"/}
  expect "$name: no .debug_info, no RPATH/RUNPATH, a .gnu_debuglink" \
    bash -c "! readelf -S '$f' | grep -q '\.debug_' && ! readelf -d '$f' | grep -qE 'RPATH|RUNPATH' && readelf -S '$f' | grep -q gnu_debuglink"
done
expect "the tarball's library: SONAME libautoexports.so.1; the wheel's copy: SONAME libautoexports.so (its file name)" \
  bash -c "readelf -d '$P/lib/libautoexports.so.1' | grep -q 'SONAME.*\[libautoexports.so.1\]' && readelf -d '$site/libautoexports.so' | grep -q 'SONAME.*\[libautoexports.so\]'"
expect "the CLI needs no Swift library (static standard library)" bash -c "! ldd '$P/bin/autoexports' | grep -qi swift"
# ICU's data (icudtNNl, 34 MB) comes with Foundation; the CLI links FoundationEssentials only.
expect "the CLI carries no ICU data (FoundationEssentials, not Foundation): $(( $(stat -c %s "$P/bin/autoexports") / 1048576 )) MB" \
  bash -c "! grep -aq 'icudt[0-9]*l' '$P/bin/autoexports'"

# ---- valgrind without suppressions: dlopen, calls, dlclose --------------------------------------
VG=(valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1)
user cc -std=gnu11 -Wall -Wextra -Werror -I"$P/include" dlopen_calls.c -ldl -o dlopen_calls 2> "$T/cc-dl.log" \
  || { fail "dlopen_calls did not compile"; cat "$T/cc-dl.log"; }
for f in "$P/lib/libautoexports.so.1" "$site/libautoexports.so"; do
  name=${f#"$T"/}
  user "${VG[@]}" ./dlopen_calls "$f" > "$T/vg.out" 2> "$T/vg.err"; rc=$?
  if [ $rc = 0 ] && grep -q "ERROR SUMMARY: 0 errors" "$T/vg.err" && ! grep -qi "debuginfo" "$T/vg.err"; then
    pass "valgrind (no suppressions): dlopen $name, $(sed -n 's/dlopen_calls: \(.*\)/\1/p' "$T/vg.out"), dlclose: 0 errors"
  else
    fail "valgrind on $name (exit $rc)"; grep -E "Invalid|lost:|ERROR SUMMARY|debuginfo|dlopen_calls" "$T/vg.err" "$T/vg.out" | head -n 20
  fi
done
# With the debug files unpacked over the tarball, gdb and valgrind read them (DWARF 4).
tar -C "$T/unpacked/here" -xzf "$T/$(basename "$DEBUG")"
expect "gdb finds the library's source lines through .gnu_debuglink" \
  bash -c "gdb -nx -batch -ex 'info line aex_rank_values' '$P/lib/libautoexports.so.1' 2>&1 | grep -qE 'Line [0-9]+ of \".*\.swift\"'"
user "${VG[@]}" --show-leak-kinds=all ./dlopen_calls "$P/lib/libautoexports.so.1" > /dev/null 2> "$T/vg-debug.err"; rc=$?
expect "valgrind reads the debug file: stacks name Swift source lines, 0 errors, no complaint" \
  bash -c "[ $rc = 0 ] && grep -qE '\(([A-Za-z+]+)\.swift:[0-9]+\)' '$T/vg-debug.err' && ! grep -qi 'debuginfo' '$T/vg-debug.err'"

# ---- make install: the same files under a prefix ---------------------------------------------
I=$T/prefix
if make -s install PREFIX="$I" > "$T/install.log" 2>&1; then
  expect "make install: the library file, libautoexports.so.1 and libautoexports.so, the header, .pc, CLI, man page" \
    bash -c "cd '$I' && [ -f lib/libautoexports.so.1.*.* ] && [ ! -L lib/libautoexports.so.1.*.* ] \
      && [ \"\$(readlink lib/libautoexports.so.1)\" = \"\$(basename lib/libautoexports.so.1.*.*)\" ] \
      && [ \"\$(readlink lib/libautoexports.so)\" = libautoexports.so.1 ] && [ -f include/autoexports.h ] \
      && grep -q '^prefix=$I\$' lib/pkgconfig/autoexports.pc && [ -x bin/autoexports ] && [ -f share/man/man1/autoexports.1 ]"
  make -s uninstall PREFIX="$I" > /dev/null 2>&1
  expect "make uninstall leaves no file behind" test -z "$(find "$I" -type f -o -type l)"
else
  fail "make install PREFIX=$I"; tail -n 5 "$T/install.log"
fi
finish
