#!/usr/bin/env bash
# The hardening suite of `make test`: the C tests, the examples and the plugin host under
# valgrind memcheck, AddressSanitizer + UndefinedBehaviorSanitizer and ThreadSanitizer, and
# short libFuzzer runs.  Every program run (and every fuzz target) counts as one test in
# the counts file given as $1 ("passed failed" per line).
#
#   Tests/hardening/run.sh [COUNTS]
#   HARDENING_PARTS="valgrind asan tsan fuzz"  the parts to run (default: all)
#   FUZZ_SECONDS=60                            seconds per fuzz target
#
# Libraries: valgrind runs the release library (a copy without DWARF 5, which valgrind
# 3.19 cannot read); ASan runs the library built with AddressSanitizer and libFuzzer
# coverage (.build/fuzz, shared with the fuzzers); TSan runs a ThreadSanitizer build
# (.build/tsan).  Both variants build incrementally, about 2 minutes each from scratch.
set -uo pipefail
cd "$(dirname "$0")/../.."
counts=${1:-.build/test-results/hardening.counts}
mkdir -p "$(dirname "$counts")"
: > "$counts"
counts=$(cd "$(dirname "$counts")" && pwd)/$(basename "$counts")
parts=${HARDENING_PARTS:-valgrind asan tsan fuzz}
H=.build/hardening
mkdir -p "$H"
CLANG=${CLANG:-clang}
status=0
pass() { echo "1 0" >> "$counts"; }
fail() { echo "0 1" >> "$counts"; status=1; echo "hardening: FAILED: $*"; }
has() { case " $parts " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# Extra compiler arguments a C test names on its "// run.sh:" line.
extra_of() { sed -n 's|^// run.sh: ||p' "$1"; }
# Whether a C test says "// hardening: not under ... TOOL ..." (e.g. it limits the address
# space, which the sanitizers' shadow memory and valgrind cannot live with).
skipped() { grep -q "^// hardening: not under.* $1\b" "$2"; }

# The calls the plugin host makes: every registered function with its example, then calls
# that fail on purpose.
host_batch() {
  python3 - .build/release/libautoexports.so <<'EOF'
import ctypes, json, sys
lib = ctypes.CDLL(sys.argv[1])
lib.aex_registry_json.restype = ctypes.c_char_p
for f in json.loads(lib.aex_registry_json())["functions"]:
    print(f"{f['symbol']} {f['example']}")
print("aex_nope\naex_rank_values\naex_rank_values 1,x\naex_rank_values 1,2 9\naex_status_string abc")
print("aex_registry_get -1\naex_rank_values 30,nan,20,-inf fractional ascending top")
EOF
}

# ---- valgrind memcheck ------------------------------------------------------------------
if has valgrind; then
  if ! command -v valgrind > /dev/null; then fail "valgrind is not installed"; else
  V="$H/valgrind"
  mkdir -p "$V/lib"
  cp -f .build/release/libautoexports.so "$V/lib/libautoexports.so"
  strip --strip-debug "$V/lib/libautoexports.so"
  # Programs linked with -lautoexports ask for its SONAME, libautoexports.so.1.
  ln -sf libautoexports.so "$V/lib/libautoexports.so.1"
  VG=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
      --show-leak-kinds=definite,indirect --suppressions=Tests/hosts/valgrind.supp --quiet)
  for src in Tests/c/test_*.c examples/c/rank.c; do
    name=$(basename "$src" .c)
    skipped valgrind "$src" && continue
    # shellcheck disable=SC2046
    if ! cc -std=c11 -g -O1 -Iinclude -ITests/c "$src" $(extra_of "$src") -o "$V/$name" \
          -L"$V/lib" -Wl,-rpath,"$PWD/$V/lib" -lautoexports -lm -pthread -ldl 2> "$V/$name.compile.log"; then
      fail "valgrind: $name did not compile"; cat "$V/$name.compile.log"; continue
    fi
    args=()
    [ "$name" = rank ] && args=(30 20 20 10)
    # The matrix forks a child per case; under valgrind it runs them in one process.
    if AEX_MATRIX_INPROCESS=1 AEX_THREADS_ROUNDS=2 AEX_TEST_LIB="$V/lib/libautoexports.so" CHECK_COUNTS= \
        "${VG[@]}" "$V/$name" "${args[@]}" > "$V/$name.log" 2>&1; then
      echo "valgrind: $name: no errors, nothing definitely or indirectly lost"; pass
    else
      fail "valgrind: $name (exit $?)"; grep -E "FAILED|Invalid|lost|uninitialised|ERROR SUMMARY" "$V/$name.log" | head -n 20
    fi
  done
  if [ -x .build/release/plugin-host ]; then
    host_batch > "$V/host-calls.txt"
    "${VG[@]}" .build/release/plugin-host "$V/lib/libautoexports.so" --batch < "$V/host-calls.txt" > "$V/plugin-host.log" 2>&1
    rc=$?
    # 1: some calls fail on purpose; 99: valgrind found errors.
    if [ $rc -le 1 ]; then echo "valgrind: plugin-host: every registered function, no errors"; pass
    else fail "valgrind: plugin-host (exit $rc)"; grep -E "Invalid|lost|ERROR SUMMARY" "$V/plugin-host.log" | head -n 20; fi
  else
    fail "valgrind: .build/release/plugin-host is missing (make plugin-host)"
  fi
  fi
fi

# ---- AddressSanitizer + UndefinedBehaviorSanitizer ----------------------------------------
# The C programs are instrumented by clang; the library is the ASan build of .build/fuzz.
asan_lib() {
  [ -f "$H/asan-lib.ok" ] && return 0
  if bash Tests/fuzz/run.sh --build-only > "$H/asan-build.log" 2>&1; then
    mkdir -p "$H/asan-lib"
    ln -sf "$PWD/.build/fuzz/build/release/libAutoExportsLib.so" "$H/asan-lib/libautoexports.so"
    touch "$H/asan-lib.ok"
  else
    tail -n 30 "$H/asan-build.log"; return 1
  fi
}
rm -f "$H/asan-lib.ok"
if has asan; then
  A="$H/asan"
  mkdir -p "$A"
  if ! asan_lib; then fail "asan: the ASan library did not build"; else
  SAN=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  for src in Tests/c/test_*.c examples/c/rank.c; do
    name=$(basename "$src" .c)
    skipped asan "$src" && continue
    # shellcheck disable=SC2046
    if ! $CLANG -std=c11 -g -O1 "${SAN[@]}" -Iinclude -ITests/c "$src" $(extra_of "$src") -o "$A/$name" \
          -L"$H/asan-lib" -Wl,-rpath,"$PWD/$H/asan-lib" -lautoexports -lm -pthread -ldl 2> "$A/$name.compile.log"; then
      fail "asan: $name did not compile"; grep -v "Cannot export local symbol" "$A/$name.compile.log" | head; continue
    fi
    args=()
    [ "$name" = rank ] && args=(30 20 20 10)
    if AEX_TEST_LIB="$H/asan-lib/libautoexports.so" CHECK_COUNTS= "$A/$name" "${args[@]}" > "$A/$name.log" 2>&1; then
      echo "asan+ubsan: $name: clean"; pass
    else
      fail "asan+ubsan: $name (exit $?)"; grep -E "FAILED|ERROR|SUMMARY|runtime error" "$A/$name.log" | head -n 20
    fi
  done
  if $CLANG -std=c11 -g -O1 "${SAN[@]}" -Ibindings/c examples/plugin-host/plugin-host.c bindings/c/aexffi.c \
        -lffi -ldl -lm -o "$A/plugin-host" 2> "$A/plugin-host.compile.log"; then
    host_batch > "$A/host-calls.txt"
    "$A/plugin-host" "$H/asan-lib/libautoexports.so" --batch < "$A/host-calls.txt" > "$A/plugin-host.log" 2>&1
    rc=$?
    if [ $rc -le 1 ] && ! grep -q "ERROR: AddressSanitizer\|runtime error" "$A/plugin-host.log"; then
      echo "asan+ubsan: plugin-host: every registered function, clean"; pass
    else fail "asan+ubsan: plugin-host (exit $rc)"; grep -E "ERROR|SUMMARY|runtime error" "$A/plugin-host.log" | head; fi
  else
    fail "asan: plugin-host did not compile"
  fi
  unset ASAN_OPTIONS UBSAN_OPTIONS
  fi
fi

# ---- ThreadSanitizer ------------------------------------------------------------------------
if has tsan; then
  T="$H/tsan"
  mkdir -p "$T/lib"
  if ! swift build -c release --scratch-path .build/tsan --product AutoExportsLib \
       -Xswiftc -sanitize=thread -Xcc -fsanitize=thread > "$T/build.log" 2>&1; then
    tail -n 30 "$T/build.log"; fail "tsan: the TSan library did not build"
  else
    ln -sf "$PWD/.build/tsan/release/libAutoExportsLib.so" "$T/lib/libautoexports.so"
    # The toolchain's TSan runtime intercepts libdispatch: link it and the blocks runtime.
    SWIFT_LIBS=$(cd "$(dirname "$(command -v swift)")/../lib/swift/linux" && pwd)
    for src in Tests/c/test_*.c; do
      name=$(basename "$src" .c)
      # The matrix forks per case and only tests single calls: nothing for TSan to see.
      [ "$name" = test_bad_inputs ] && continue
      skipped tsan "$src" && continue
      # shellcheck disable=SC2046
      if ! $CLANG -std=c11 -g -O1 -fsanitize=thread -Iinclude -ITests/c "$src" $(extra_of "$src") -o "$T/$name" \
            -L"$T/lib" -Wl,-rpath,"$PWD/$T/lib" -lautoexports -L"$SWIFT_LIBS" -Wl,-rpath,"$SWIFT_LIBS" \
            -ldispatch -lBlocksRuntime -lm -pthread -ldl 2> "$T/$name.compile.log"; then
        fail "tsan: $name did not compile"; head "$T/$name.compile.log"; continue
      fi
      if TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 AEX_TEST_LIB="$T/lib/libautoexports.so" CHECK_COUNTS= \
          "$T/$name" > "$T/$name.log" 2>&1; then
        echo "tsan: $name: no data race"; pass
      else
        fail "tsan: $name (exit $?)"; grep -E "FAILED|WARNING: ThreadSanitizer|SUMMARY" "$T/$name.log" | head -n 20
      fi
    done
  fi
fi

# ---- libFuzzer --------------------------------------------------------------------------------
if has fuzz; then
  bash Tests/fuzz/run.sh "${FUZZ_SECONDS:-60}" "$counts" || status=1
fi

p=$(awk '{p+=$1} END {print p+0}' "$counts"); f=$(awk '{f+=$2} END {print f+0}' "$counts")
echo "hardening: $p passed, $f failed"
exit $status
