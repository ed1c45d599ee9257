#!/usr/bin/env bash
# The ABI check (docs/install.md "Compatibility"): abidiff of the built library against the
# committed baseline abi/libautoexports.abi. Functions may be added; removing one, or a
# change libabigail sees in a type the ABI exposes, fails. Then the checker is checked: a
# copy of the library linked from the same objects with one function made local must fail,
# and the same copy taken as baseline (the built library then only adds a function) must
# pass. Writes "passed failed" to the file named by $1.
# After an intended change of the ABI: `make abi-baseline`, review the diff, commit it.
set -uo pipefail
cd "$(dirname "$0")/../.."
counts=${1:-.build/test-results/abi.counts}
mkdir -p "$(dirname "$counts")"
W=.build/abi-test
rm -rf "$W"; mkdir -p "$W"
LIB=$(readlink -f .build/release/libautoexports.so)
passed=0 failed=0
pass() { echo "abi: ok: $1"; passed=$((passed + 1)); }
fail() { echo "abi: FAILED: $1"; failed=$((failed + 1)); }
finish() { echo "$passed $failed" >> "$counts"; echo "abi: $passed passed, $failed failed"; exit $((failed > 0)); }

if ! command -v abidiff > /dev/null; then fail "abidiff not found (Debian package abigail-tools)"; finish; fi
if [ ! -f "$LIB" ]; then fail "$LIB missing (make lib)"; finish; fi

# abidiff exits 0 when nothing changed (added symbols are not reported: --no-added-syms),
# non-zero otherwise (4: a change, 8: an incompatible change such as a removed function).
check() { abidiff --no-added-syms "$1" "$2" > "$3" 2>&1; }

bash tools/dist/abi-dump.sh "$LIB" "$W/built.abi" || { fail "abidw of $LIB"; finish; }
if check abi/libautoexports.abi "$W/built.abi" "$W/built.diff"; then
  pass "the built library keeps the ABI of abi/libautoexports.abi"
else
  fail "the built library differs from abi/libautoexports.abi (exit $?):"; cat "$W/built.diff"
  echo "abi: if the change is intended (only ever additions within major 1): make abi-baseline"
fi

# The checker itself: relink the library's objects with one more function local.
victim=$(sed -n "s/.*<elf-symbol name='\(aex_[a-z0-9_]*\)' type='func-type'.*/\1/p" "$W/built.abi" | tail -n 1)
printf '{\n  global:\n    aex_*;\n    sqlite3_autoexports_init;\n  local:\n    %s;\n    *;\n};\n' "$victim" > "$W/minus.map"
mkdir -p "$W/minus"
if swiftc -emit-library -static-stdlib -o "$W/minus/libautoexports.so.1" \
     @.build/release/AutoExportsLib.product/Objects.LinkFileList -Xlinker --version-script="$W/minus.map" \
     -Xlinker -soname=libautoexports.so.1 -Xlinker -z -Xlinker nodelete > "$W/minus.log" 2>&1 \
   && ! nm -D --defined-only "$W/minus/libautoexports.so.1" | grep -q " T $victim\$"; then
  bash tools/dist/abi-dump.sh "$W/minus/libautoexports.so.1" "$W/minus.abi"
  if check "$W/built.abi" "$W/minus.abi" "$W/minus.diff"; then
    fail "abidiff passed a library without $victim"
  elif grep -q "\[D\] $victim" "$W/minus.diff" || grep -q "'$victim'" "$W/minus.diff"; then
    pass "a copy without $victim fails the check and the report names it"
  else
    fail "abidiff failed on the copy without $victim but did not name it:"; cat "$W/minus.diff"
  fi
  if check "$W/minus.abi" "$W/built.abi" "$W/plus.diff"; then
    pass "against a baseline without $victim, the built library (one function added) passes"
  else
    fail "an added function ($victim) failed the check:"; cat "$W/plus.diff"
  fi
else
  fail "could not link a copy of the library without $victim:"; tail -n 5 "$W/minus.log"
fi
finish
