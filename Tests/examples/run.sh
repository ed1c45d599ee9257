#!/usr/bin/env bash
# Compiles the example C programs against include/autoexports.h and the built library with
# -Wall -Wextra -pedantic -Werror, runs them, and compares their output with the committed
# expected output.  Writes "passed failed" to the file named by $1 (Tests/summary.py adds it
# up) and prints "examples: N passed, N failed".
#
# The expected numbers of walkthrough.expected are the published figures of
# examples/data/exports.csv (rows copied verbatim from the project's reference data), so a
# wrong rank or a wrong milestone shows up as a difference here.
set -uo pipefail
cd "$(dirname "$0")/../.."
counts=${1:-.build/test-results/examples.counts}
out=.build/examples
mkdir -p "$out" "$(dirname "$counts")"
passed=0 failed=0
pass() { passed=$((passed + 1)); }
failure() { failed=$((failed + 1)); echo "examples: FAILED: $*" >&2; }

lib=.build/release/libautoexports.so
[ -f "$lib" ] || { echo "examples: $lib is missing (run make)" >&2; echo "0 1" > "$counts"; exit 1; }

build() { # build NAME: examples/c/NAME.c -> $out/NAME, once per C standard the header promises
  local std
  for std in c99 c11; do
    if cc -std="$std" -Wall -Wextra -pedantic -Werror -Iinclude "examples/c/$1.c" -o "$out/$1" \
         -L.build/release -Wl,-rpath,"$PWD/.build/release" -lautoexports -lm; then
      pass
    else
      failure "examples/c/$1.c does not compile as $std"; return 1
    fi
  done
}

# expect NAME STATUS PATTERN ARGS...: run, check the exit status and that stdout+stderr
# contain PATTERN (a fixed string).
expect() {
  local name=$1 want=$2 pattern=$3; shift 3
  local got=0
  "$out/$name" "$@" > "$out/$name.out" 2>&1 || got=$?
  if [ "$got" -ne "$want" ]; then failure "$name $*: exit $got, want $want"; sed 's/^/  | /' "$out/$name.out" >&2; return; fi
  if ! grep -qF -- "$pattern" "$out/$name.out"; then
    failure "$name $*: output lacks '$pattern'"; sed 's/^/  | /' "$out/$name.out" >&2; return
  fi
  pass
}

if build walkthrough; then
  # The whole output on the example data, byte for byte.
  if "$out/walkthrough" examples/data/exports.csv 2023 > "$out/walkthrough.txt" 2> "$out/walkthrough.err" &&
     [ ! -s "$out/walkthrough.err" ] && diff -u examples/c/walkthrough.expected "$out/walkthrough.txt"; then
    pass
  else
    failure "walkthrough on examples/data/exports.csv differs from examples/c/walkthrough.expected"
    cat "$out/walkthrough.err" >&2
  fi
  # An independent oracle for the league table: the 2023 rows of the CSV sorted by value
  # (exporter and value in rank order) must be the table's rows.
  want=$(awk -F, '$2 == "2023" { print $1, $5 }' examples/data/exports.csv | sort -k2,2nr)
  got=$(awk '/^League table/ { on = 1; next } on && /%/ { for (i = 1; i <= NF; i++) if ($i ~ /%$/) print $2, $(i - 1) }
             on && /^$/ { on = 0 }' "$out/walkthrough.txt")
  if [ -n "$want" ] && [ "$want" = "$got" ]; then pass; else failure "league table 2023 is not the CSV sorted by value"; fi
  # Every way it can fail ends with a status name and the library's message, never a crash.
  expect walkthrough 2 "usage: walkthrough"
  expect walkthrough 1 "period: AEX_E_PARSE" examples/data/exports.csv 2023-13
  expect walkthrough 1 "AEX_E_IO" "$out/no-such-file.csv" 2023
  expect walkthrough 1 "league table: AEX_E_NOT_FOUND" examples/data/exports.csv 1999
  expect walkthrough 1 "AEX_E_PARSE" Tests/fixtures/malformed/empty.csv 2023
  # Lenient import: the bad row is listed with its line and column, the good rows load.
  expect walkthrough 0 "rejected: line 2, column 4 (value)" Tests/fixtures/malformed/non_numeric_value.csv 2023
fi

echo "$passed $failed" > "$counts"
echo "examples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
