#!/usr/bin/env bash
# The Swift tests under AddressSanitizer and ThreadSanitizer (`make test-sanitizers`).
# Each sanitizer is its own debug build of the package in its own scratch folder, so they
# do not rebuild each other or the normal build.  Not part of `make test`: from scratch
# each takes minutes of building (see Tests/fuzz/README.md for the measured times); the
# C API under the same sanitizers is in `make test` (Tests/hardening/run.sh).
#
#   Tests/hardening/swift-sanitizers.sh [COUNTS]   "passed failed" per sanitizer to COUNTS
set -uo pipefail
cd "$(dirname "$0")/../.."
counts=${1:-}
status=0
for san in address thread; do
  start=$(date +%s)
  out=.build/sanitize-$san
  mkdir -p "$out"
  # TSAN_OPTIONS/ASAN_OPTIONS: fail the run at the first report.
  if ASAN_OPTIONS=detect_leaks=0 TSAN_OPTIONS=halt_on_error=1 \
      swift test --sanitize=$san --scratch-path "$out/build" --xunit-output "$out/results.xml" > "$out/log" 2>&1; then
    result=passed
  else
    result=FAILED; status=1
  fi
  summary=$(python3 - "$out" <<'PY'
import sys, xml.etree.ElementTree as ET
from pathlib import Path
p = f = 0
for x in Path(sys.argv[1]).glob("results*.xml"):
    for c in ET.parse(x).getroot().iter("testcase"):
        if c.find("failure") is not None or c.find("error") is not None: f += 1
        else: p += 1
print(p, f)
PY
)
  echo "swift test --sanitize=$san: $result ($summary passed/failed tests, $(( $(date +%s) - start )) s)"
  [ $result = FAILED ] && grep -E "ERROR: AddressSanitizer|WARNING: ThreadSanitizer|SUMMARY|error:" "$out/log" | head -n 20
  if [ -n "$counts" ]; then [ $result = passed ] && echo "1 0" >> "$counts" || echo "0 1" >> "$counts"; fi
done
exit $status
