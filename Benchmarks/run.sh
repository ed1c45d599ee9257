#!/usr/bin/env bash
# make bench: creates the benchmark environment under .build/bench-venv (pinned peers from
# Benchmarks/requirements.txt, rebuilt when that file changes), then runs the harness.
# Arguments pass through to Benchmarks/bench.py (--smoke, --sizes S,M, --workloads W1, …).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.build/bench-venv
REQ=Benchmarks/requirements.txt
stamp="$VENV/.requirements.sha"
want=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bench: creating $VENV"
  rm -rf "$VENV"
  mkdir -p .build
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  "$VENV/bin/pip" install --quiet -r "$REQ"
  echo "$want" > "$stamp"
fi
exec "$VENV/bin/python" Benchmarks/bench.py "$@"
