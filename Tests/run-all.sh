#!/usr/bin/env bash
# Runs every suite (Swift, C, Python/contract), keeps going when one fails, and ends with
# one line "N passed, N failed" over all suites.  Exit status 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
R=.build/test-results
rm -rf "$R"; mkdir -p "$R"
PY=.build/venv/bin/python
status=0
t0=$SECONDS
# Each suite says how long it took (CI must stay under 30 minutes, set-up included).
took() { echo "-- $1 took $((SECONDS - t0)) s"; t0=$SECONDS; }

echo "== Swift (swift test)"
swift test --parallel --xunit-output "$R/swift.xml" 2>&1 | tail -n 25 || status=1
took swift

echo "== Format (swift format, ruff, clang-format, complexity notes)"
bash Tests/format/check.sh "$R/format.counts" | tail -n 8 || status=1
took format

echo "== C (Tests/c)"
bash Tests/c/run.sh "$R/c.counts" || status=1
bash Tests/examples/run.sh "$R/c-examples.counts" || status=1
took c

echo "== ABI (abidiff against abi/libautoexports.abi)"
bash Tests/abi/run.sh "$R/abi.counts" || status=1
took abi

echo "== Python and contract (pytest)"
.build/venv/bin/pip install --quiet --no-deps --force-reinstall ./bindings/python >/dev/null || status=1
(cd Tests/python && ../../$PY -m pytest -q -p no:cacheprovider --ignore=test_scale_dask.py \
   --ignore=test_scale_spark.py --junitxml="../../$R/python.xml") || status=1
took python

echo "== Python on Dask and Spark (pytest in .build/venv-scale)"
SPY=.build/venv-scale/bin/python
.build/venv-scale/bin/pip install --quiet --no-deps --force-reinstall ./bindings/python >/dev/null || status=1
(cd Tests/python && ../../$SPY -m pytest -q -p no:cacheprovider --durations=5 test_scale_dask.py \
   test_scale_spark.py --junitxml="../../$R/python-scale.xml") || status=1
took python-scale

echo "== Hardening (valgrind, ASan+UBSan, TSan, libFuzzer)"
bash Tests/hardening/run.sh "$R/hardening.counts" || status=1
took hardening

echo "== Artifacts (make dist, then Tests/dist without the toolchain)"
if make -s dist > "$R/dist-build.log" 2>&1; then
  grep "^dist:" "$R/dist-build.log"
  bash Tests/dist/run.sh "$R/dist.counts" || status=1
else
  tail -n 20 "$R/dist-build.log"; echo "0 1" > "$R/dist.counts"; status=1
fi
took dist

$PY Tests/summary.py "$R" || status=1
exit $status
