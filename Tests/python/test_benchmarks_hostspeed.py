"""The benchmarks say when the host was slow (Benchmarks/aexbench/hostspeed.py, bench.py).

- A measurement whose probe (first touch of fresh memory, or a pass over it) took more
  than 1.3 × the fastest probe of its own run is flagged with the factor; one of another
  run (kept with --keep-from) is judged against that run only.
- RESULTS.md says the probe's range and marks the slow rows; the JSON keeps the readings.
- The real probe measures something (positive times, the second pass faster than a
  first touch that faults every page in).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Benchmarks"))

from aexbench import hostspeed  # noqa: E402
from test_benchmarks_load import _run_bench, _table_rows  # noqa: E402


def _rec(run: str, before: tuple, after: tuple) -> dict:
    def p(x):
        return {"first_touch_ms": x[0], "pass_ms": x[1]}

    return {"run": run, "host": {"before": p(before), "after": p(after)}}


def test_flag_against_the_fastest_probe_of_the_same_run():
    quick = _rec("A", (30.0, 10.0), (31.0, 10.0))
    faults = _rec("A", (30.0, 10.0), (45.0, 10.0))  # fresh pages slow after the measurement
    bandwidth = _rec("A", (30.0, 14.0), (30.0, 10.0))  # the second pass slow before it
    edge = _rec("A", (39.0, 10.0), (30.0, 12.9))  # 1.30 and 1.29: not more than the factor
    other_run = _rec("B", (60.0, 20.0), (61.0, 20.0))  # a slower run, alone: its own baseline
    unprobed = {"run": "A"}
    hostspeed.flag([quick, faults, bandwidth, edge, other_run, unprobed])
    assert quick["host"] == {**quick["host"], "slow": False, "factor": 1.03}
    assert faults["host"]["slow"] and faults["host"]["factor"] == 1.5
    assert bandwidth["host"]["slow"] and bandwidth["host"]["factor"] == 1.4
    assert not edge["host"]["slow"] and edge["host"]["factor"] == 1.3
    assert not other_run["host"]["slow"] and other_run["host"]["factor"] == 1.02
    assert "host" not in unprobed
    assert hostspeed.describe(faults) == "host slow ×1.50 (probe 45.0 / 10.0 ms)"
    assert hostspeed.describe(quick) == "host ×1.03 (probe 31.0 / 10.0 ms)"
    assert hostspeed.cell_suffix([quick, faults], markdown=True) == "; **host slow ×1.50**"
    assert hostspeed.cell_suffix([quick, None], markdown=False) == ""
    s = hostspeed.summary([quick, faults, bandwidth, edge, unprobed])
    assert s == {"probed": 4, "slow": 2, "first_touch_ms": (30.0, 45.0), "pass_ms": (10.0, 14.0)}


def test_real_probe_measures_first_touch_and_a_pass(monkeypatch):
    monkeypatch.delenv("AEXBENCH_PROBE", raising=False)
    readings = [hostspeed.probe() for _ in range(3)]
    assert all(r is not None and r["first_touch_ms"] > 0 and r["pass_ms"] > 0 for r in readings)
    # Faulting 16,384 fresh pages in costs more than reading and writing them once more.
    assert min(r["first_touch_ms"] for r in readings) > min(r["pass_ms"] for r in readings)


def test_bench_marks_a_measurement_made_in_a_slow_phase(tmp_path, monkeypatch):
    # numpy's two W4 measurements take four probes: the third (before the second
    # measurement) is slow.
    monkeypatch.setenv("AEXBENCH_PROBE", "30,10;30,10;51,10;30,10")
    proc, md, result = _run_bench(tmp_path, "0.00 0.00 0.00 1/200 1234\n")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    recs = [r for r in result["records"] if r["tool"] == "numpy" and r["status"] == "ok"]
    assert len(recs) == 2
    assert [r["host"]["slow"] for r in recs] == [False, True]
    assert recs[1]["host"]["before"] == {"first_touch_ms": 51.0, "pass_ms": 10.0}
    assert recs[1]["host"]["factor"] == 1.7
    text = md.read_text()
    assert "**Host speed**: before and after each measurement a probe timed" in text
    assert "(30.0–51.0 ms)" in text and "1 of 2 measurements ran in a slow phase" in text
    rows = [line for line in _table_rows(text, "Every measurement") if "| numpy |" in line]
    assert [bool(re.search(r"\*\*host slow ×1\.70\*\* \|$", r)) for r in rows] == [False, True], rows
    assert "host probe 30.0/10.0 ms → 30.0/10.0 ms" in proc.stdout
