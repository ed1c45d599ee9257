#!/usr/bin/env bash
# Builds the libFuzzer targets against an instrumented library and runs each for a while.
#
#   Tests/fuzz/run.sh [SECONDS] [COUNTS]      every target SECONDS seconds (default 15);
#                                             "passed failed" per target appended to COUNTS
#   FUZZ_TARGETS="api" Tests/fuzz/run.sh 600  only some targets
#   FUZZ_RUNS=10000000 Tests/fuzz/run.sh 0    a number of executions instead of a time
#   Tests/fuzz/run.sh --build-only            only the instrumented library (also the
#                                             ASan library of Tests/hardening/run.sh)
#
# The library variant (.build/fuzz) is the release library compiled with libFuzzer's
# coverage (-sanitize=fuzzer) and AddressSanitizer; the targets are C (Tests/fuzz/fuzz_*.c)
# compiled with clang -fsanitize=fuzzer,address,undefined.  Each run starts from the
# committed seeds (Tests/fuzz/corpus/<target>) plus what earlier runs found
# (.build/fuzz/corpus/<target>, not committed).  A crash, leak, timeout (10 s per input)
# or out-of-memory (2 GB) fails the target and leaves the input in .build/fuzz/artifacts/.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-15}
counts=${2:-}
F=.build/fuzz
CLANG=${CLANG:-clang}
mkdir -p "$F/artifacts" "$F/bin" "$F/logs"
record() { [ -n "$counts" ] && echo "$1 $2" >> "$counts"; }

# The instrumented library.  The ABI layer and the core get the coverage; the C runtime
# pieces too (SwiftPM passes -Xcc flags to C targets).  One -sanitize= with both names:
# swiftc keeps only the last of several.  -z nodelete as in the release build (Makefile),
# so that dlclose() leaves the Swift runtime's process-wide data reachable.
if ! swift build -c release --scratch-path "$F/build" --product AutoExportsLib \
      -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
      -Xlinker -z -Xlinker nodelete > "$F/logs/build.log" 2>&1; then
  tail -n 30 "$F/logs/build.log"
  echo "fuzz: the instrumented library did not build"; record 0 1; exit 1
fi
LIBDIR="$F/build/release"
[ "$seconds" = --build-only ] && exit 0

status=0
targets=${FUZZ_TARGETS:-$(for s in Tests/fuzz/fuzz_*.c; do basename "$s" .c | sed 's/^fuzz_//'; done)}
for t in $targets; do
  exe="$F/bin/fuzz_$t"
  if ! $CLANG -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -Iinclude -ITests/hardening "Tests/fuzz/fuzz_$t.c" Tests/hardening/calls.c \
        -L"$LIBDIR" -Wl,-rpath,"$PWD/$LIBDIR" -lAutoExportsLib -lffi -lm -o "$exe" 2> "$F/logs/$t.compile.log"; then
    cat "$F/logs/$t.compile.log"; echo "fuzz: $t did not compile"; record 0 1; status=1; continue
  fi
  mkdir -p "$F/corpus/$t" "Tests/fuzz/corpus/$t"
  if [ "${FUZZ_RUNS:-0}" -gt 0 ]; then limit="-runs=$FUZZ_RUNS"; else limit="-max_total_time=$seconds"; fi
  log="$F/logs/$t.log"
  # shellcheck disable=SC2086
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$exe" $limit -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$F/artifacts/$t-" "$F/corpus/$t" "Tests/fuzz/corpus/$t" > "$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  if [ $rc -eq 0 ]; then
    echo "fuzz: $t: ${execs:-?} executions (${rate:-?}/s, $cov), no crash, leak or hang"
    record 1 0
  else
    echo "fuzz: $t FAILED (exit $rc) after ${execs:-?} executions; the input is in $F/artifacts/:"
    grep -E "ERROR|SUMMARY|Fatal error|abort|Test unit written" "$log" | head -n 12
    record 0 1; status=1
  fi
done
exit $status
