#!/usr/bin/env bash
# The fast inner loop (`make check`): the Swift tests, the C tests, the example programs
# and the core Python suites, on the release library.  Not here (they are in `make test`):
# fuzzing, the sanitizers and valgrind, the memory-limit probes, Dask and Spark,
# LibreOffice Calc, the browser, packaging, formatting, and the Python tests marked slow
# (Tests/python/conftest.py says which).
# Target: under 3 minutes on a warm build on 2 cores.  Ends with "N passed, N failed" and
# the time it took; exit status 1 when anything failed.
#
#   bash Tests/check.sh                     everything above
#   PYTEST_ARGS='-k rank' bash Tests/check.sh   narrow the Python part
#   SWIFT_FILTER=Milestone bash Tests/check.sh  narrow the Swift part (swift test --filter)
set -uo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
R=.build/check-results
rm -rf "$R"; mkdir -p "$R"
PY=.build/venv/bin/python
status=0
t0=$SECONDS
took() { echo "-- $1 took $((SECONDS - t0)) s"; t0=$SECONDS; }

# `make check` has built the library, the CLI and the plugin host already; run directly,
# build them here (incremental: seconds when nothing changed).
if [ -z "${MAKELEVEL:-}" ]; then
  make --no-print-directory setup all plugin-host >/dev/null || { echo "check: the build failed (run make all)"; exit 1; }
  took build
fi

echo "== Swift (swift test)"
swift_args=(--parallel --xunit-output "$R/swift.xml")
[ -n "${SWIFT_FILTER:-}" ] && swift_args+=(--filter "$SWIFT_FILTER")
swift test "${swift_args[@]}" 2>&1 | tail -n 5 || status=1
took swift

echo "== Format (Tests/format/check.sh)"
bash Tests/format/check.sh "$R/format.counts" | tail -n 8 || status=1
took format

echo "== C (Tests/c) and examples (Tests/examples)"
# test_memory_limits probes allocation failures in forked children under address-space
# limits (half a minute on 2 busy cores): it belongs with the hardening runs of make test.
C_SKIP="test_memory_limits ${C_SKIP:-}" bash Tests/c/run.sh "$R/c.counts" | tail -n 20 || status=1
bash Tests/examples/run.sh "$R/c-examples.counts" || status=1
took c

echo "== Python (pytest, core suites)"
.build/venv/bin/pip install --quiet --no-deps --force-reinstall ./bindings/python >/dev/null || status=1
# shellcheck disable=SC2086
(cd Tests/python && ../../$PY -m pytest -q -p no:cacheprovider --strict-markers \
   -m "not slow and not scale and not calc and not browser and not dist" \
   --junitxml="../../$R/python.xml" ${PYTEST_ARGS:-} | tail -n 5) || status=1
took python

$PY Tests/summary.py "$R" swift format c python || status=1
echo "make check took $((SECONDS - start)) s"
exit $status
