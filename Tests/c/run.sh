#!/usr/bin/env bash
# Builds and runs every Tests/c/test_*.c against the release library; writes the summed
# counts ("passed failed") to the file named by $1.
set -uo pipefail
cd "$(dirname "$0")/../.."
counts=${1:-.build/test-results/c.counts}
out=.build/c-tests
mkdir -p "$out" "$(dirname "$counts")"
: > "$counts"
export CHECK_COUNTS="$PWD/$counts"
status=0
for src in Tests/c/test_*.c; do
  name=$(basename "$src" .c)
  # C_SKIP="test_a test_b" leaves tests out (make check skips the slow resource-limit test).
  case " ${C_SKIP:-} " in *" $name "*) continue ;; esac
  # A test may name extra compiler arguments on a line "// run.sh: ARGS" (sources, -l…).
  extra=$(sed -n 's|^// run.sh: ||p' "$src")
  # shellcheck disable=SC2086
  if ! cc -std=c11 -Wall -Wextra -Werror -Iinclude -ITests/c "$src" $extra -o "$out/$name" \
        -L.build/release -Wl,-rpath,"$PWD/.build/release" -lautoexports -lm -pthread -ldl; then
    echo "c: $name did not compile"; echo "0 1" >> "$counts"; status=1; continue
  fi
  "$out/$name" || status=1
done
exit $status
