"""The benchmarks cannot mislead about load (Benchmarks/aexbench/load.py, bench.py).

- The benchmark's own threads are not taken for other work: the readings are checked
  against a simulation of the kernel's own load-average arithmetic (fixed-point, one
  update every 5 s, kernel/sched/loadavg.c), fed with known thread counts.
- A run with a measurement under load (faked readings) is refused: RESULTS.md is not
  written, the exit status says so, and the message names the row and its load.
- With --allow-load every affected row is marked "**under load**" with its load; quiet
  rows are not; rows kept from runs that recorded no load are never called quiet.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "Benchmarks"
sys.path.insert(0, str(BENCH))

from aexbench import load  # noqa: E402

# kernel/sched/loadavg.c: FSHIFT 11, EXP_1 1884, LOAD_FREQ 5 s
FSHIFT, FIXED_1, EXP_1, LOAD_FREQ = 11, 1 << 11, 1884, 5.0


class Kernel:
    """The kernel's 1-minute load average, fed with the number of runnable threads."""

    def __init__(self, load1: float = 0.0):
        self.avenrun = int(load1 * FIXED_1)

    def tick(self, active: int) -> None:
        newload = active * FIXED_1
        val = self.avenrun * EXP_1 + newload * (FIXED_1 - EXP_1)
        if active * FIXED_1 >= self.avenrun:
            val += FIXED_1 - 1
        self.avenrun = val >> FSHIFT

    def load1(self) -> float:
        return round(self.avenrun / FIXED_1, 2)  # /proc/loadavg prints two decimals


class World:
    """A fake clock driving both the kernel's average and the harness's CPU time."""

    def __init__(self, others: int, start_load: float = 0.0):
        self.t = 0.0
        self.cpu = 0.0
        self.others = others  # runnable threads of other work, constant
        self.ours = 0  # runnable threads of the benchmark
        self.kernel = Kernel(start_load)
        self.next_tick = 2.5  # the kernel's update phase is not aligned with ours

    def run(self, seconds: float, ours: int) -> None:
        self.ours = ours
        end = self.t + seconds
        while self.next_tick <= end:
            self.kernel.tick(self.others + self.ours)
            self.next_tick += LOAD_FREQ
        self.cpu += ours * seconds  # a thread that runs uses one CPU second per second
        self.t = end
        self.ours = 0

    def monitor(self, threshold=1.0, settle=1.0) -> load.LoadMonitor:
        return load.LoadMonitor(
            threshold,
            settle,
            reader=self.kernel.load1,
            cores=lambda: 2,
            cpu=lambda: self.cpu,
            clock=lambda: self.t,
            sleep=lambda s: self.run(s, 0),
            wall=lambda: f"t={self.t:.0f}",
        )


def measure(world: World, mon: load.LoadMonitor, seconds: float, threads: int) -> dict:
    before = mon.before()
    world.run(seconds, threads)
    return mon.judge(before, mon.after())


def test_own_threads_are_not_taken_for_load_on_a_quiet_machine():
    world = World(others=0)
    mon = world.monitor()
    infos = [measure(world, mon, 60, 2) for _ in range(4)]  # four 1-minute runs on 2 threads
    # the trap: the raw 1-minute average says "loaded", by the benchmark's own doing
    assert infos[-1]["after"]["load1"] > 1.2
    assert infos[-1]["before"]["load1"] > 1.0, "the previous run's load is still in the average"
    for info in infos:
        assert not info["under_load"], info
        assert info["before"]["others"] <= 0.25 and info["after"]["others"] <= 0.25, info
        assert info["before"]["cores"] == 2 and info["after"]["cores"] == 2


@pytest.mark.parametrize("others", [2, 3, 5])
def test_other_work_is_seen_beside_the_benchmark(others):
    world = World(others=others, start_load=others)
    mon = world.monitor()
    for seconds, threads in [(60, 2), (0.5, 1), (30, 1)]:
        info = measure(world, mon, seconds, threads)
        assert info["under_load"], info
        assert abs(info["before"]["others"] - others) < 0.3, info


def test_load_that_arrives_during_a_measurement_is_caught_after_it():
    world = World(others=0)
    mon = world.monitor()
    before = mon.before()
    world.others = 3  # another build starts while we measure
    world.run(60, 1)
    info = mon.judge(before, mon.after())
    assert before["others"] <= 0.1
    assert info["after"]["others"] > 1.0 and info["under_load"]


def test_threshold_is_exceeded_not_reached():
    reading = lambda o: {"load1": o, "own": 0.0, "others": o, "cores": 2}  # noqa: E731
    assert not load.judge(reading(0.5), reading(1.0), 1.0, 1.0)["under_load"]
    assert load.judge(reading(0.5), reading(1.01), 1.0, 1.0)["under_load"]
    assert load.judge(reading(1.5), reading(0.2), 1.0, 1.0)["under_load"]
    assert not load.judge(reading(1.5), reading(0.2), 2.0, 1.0)["under_load"], "threshold is a setting"


def test_a_missing_reading_is_never_quiet(tmp_path):
    assert load.read_loadavg(str(tmp_path / "nope")) is None
    (tmp_path / "bad").write_text("garbage\n")
    assert load.read_loadavg(str(tmp_path / "bad")) is None
    (tmp_path / "ok").write_text("0.42 0.30 0.20 1/100 999\n")
    assert load.read_loadavg(str(tmp_path / "ok")) == 0.42
    mon = load.LoadMonitor(1.0, 0.0, reader=lambda: None)
    info = mon.judge(mon.before(), mon.after())
    assert info["under_load"] and info["others_max"] is None


def _rec(workload, variant, tool, ours, median, others, status="ok", size="S"):
    rec = {
        "workload": workload,
        "variant": variant,
        "size": size,
        "tool": tool,
        "ours": ours,
        "peer": True,
        "side": "",
        "status": status,
        "run": "2026-01-01T00:00:00+00:00",
        "commit": "abc1234",
    }
    if status == "ok":
        rec.update(
            times=[median] * 3, median_s=median, min_s=median, runs=3, peak_mb=10.0, extra_mb=1.0, throughput=None
        )
    elif status == "pending":
        rec["note"] = "not in the binding yet"
    if others is not None and status not in load.MEASURED:
        rd = lambda o: {"load1": o + 0.1, "own": 0.1, "others": o, "cores": 2, "at": "x"}  # noqa: E731
        rec["load"] = load.judge(rd(others), rd(others + 0.01), 1.0, 1.0)
    return rec


def _records():
    return [
        _rec("W1", "competition", "autoexports", True, 0.001, 0.10),
        _rec("W1", "competition", "polars", False, 0.004, 0.20),
        _rec("W3", "csv", "autoexports", True, 0.002, 0.05),
        _rec("W3", "csv", "pyarrow", False, 0.003, 4.80),  # the peer ran under load
        _rec("W4", "rank_eq", "autoexports-py x", True, 0.0, None, status="pending"),
        _rec("W4", "rank_eq", "numpy", False, 1e-6, 0.30),
    ]


def test_gate_refuses_a_loaded_run_and_names_the_row():
    recs = _records()
    ok, why = load.gate(recs, allow_load=False)
    assert not ok
    assert "W3 csv S pyarrow" in why and "4.80" in why and "--allow-load" in why
    assert "polars" not in why and "autoexports-py" not in why
    ok, why = load.gate(recs, allow_load=True)
    assert ok and "W3 csv S pyarrow" in why


def test_gate_passes_a_quiet_run_and_ignores_rows_that_ran_nothing():
    recs = [r for r in _records() if r["tool"] != "pyarrow"]
    assert load.gate(recs, allow_load=False)[0]


def test_rows_kept_from_runs_without_load_readings_are_not_quiet():
    recs = _records()[:2]
    del recs[1]["load"]  # e.g. --keep-from a results file of an older harness
    assert not load.gate(recs, allow_load=False)[0]
    assert load.cell(recs, markdown=True) == "**load not recorded**"


@pytest.fixture()
def bench_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_under_test", BENCH / "bench.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _markdown(bench, records):
    from aexbench import report

    info = {
        "machine": {"cores": 2, "cpu": "test", "memory_gb": 1, "system": "test"},
        "versions": {"autoexports_commit": "abc1234"},
        "started": "2026-01-01T00:00:00+00:00",
        "settings": {
            "runs": 3,
            "slow_s": 20,
            "run_timeout_s": 120,
            "mem_limit_gb": 8,
            "max_load": 1.0,
            "settle_s": 1.0,
        },
        "data": {},
        "runs_of": {w: {"started": "2026-01-01T00:00:00+00:00", "commit": "abc1234"} for w in ("W1", "W3", "W4")},
    }
    for r in records:
        report.summarize(r, 0)
    rows = report.ratios(records)
    return bench.results_markdown(info, records, rows, {"W1": "", "W3": "MB/s", "W4": ""}), rows


def _table_rows(md: str, section: str) -> list[str]:
    body = md.split(f"## {section}")[1].split("\n## ")[0]
    return [line for line in body.splitlines() if line.startswith("| W")]


def test_allowed_loaded_run_marks_every_affected_row(bench_module):
    md, rows = _markdown(bench_module, _records())
    assert md.startswith("# Benchmark results\n\n**Under load**: 1 of 5 measurements")
    ratio_rows = _table_rows(md, "Ratios")
    assert len(ratio_rows) == 3
    for line in ratio_rows:
        if line.startswith("| W3"):  # ours was quiet, the peer it is compared with was not
            assert "**under load** 4.80 → 4.81" in line, line
        else:
            assert "under load" not in line, line
    detail = _table_rows(md, "Every measurement")
    assert len(detail) == 6
    for line in detail:
        assert ("**under load**" in line) == ("| pyarrow |" in line), line
    assert "**under load** 4.80 → 4.81" in next(line for line in detail if "| pyarrow |" in line)
    polars = next(line for line in detail if "| polars |" in line)
    assert "| 2026-01-01 00:00, abc1234 | 0.20 → 0.21 |" in polars
    for line in ratio_rows:
        assert "| 2026-01-01 00:00, abc1234 |" in line, line
    w3 = next(line for line in md.splitlines() if line.startswith("- W3: run of"))
    assert "commit abc1234" in w3 and "**under load** (1 of 2 measurements)" in w3
    assert [r["under_load"] for r in rows] == [False, True, False]


def test_quiet_run_says_so_with_its_load(bench_module):
    recs = [r for r in _records() if r["tool"] != "pyarrow"]
    md, _ = _markdown(bench_module, recs)
    assert md.startswith("# Benchmark results\n\n**Quiet run**: every one of the 4 measurements")
    assert "load average of other work was at most 0.31 on 2 cores (threshold 1;" in md
    assert "under load" not in md.lower()
    w1 = next(line for line in md.splitlines() if line.startswith("- W1: run of"))
    assert "commit abc1234, 1-min load average 0.20–0.31, of other work at most 0.21" in w1


def _run_bench(tmp_path, loadavg: str, *extra):
    fake = tmp_path / "loadavg"
    fake.write_text(loadavg)
    out_md = tmp_path / "RESULTS.md"
    out_json = tmp_path / "r.json"
    env = dict(os.environ, AEXBENCH_LOADAVG=str(fake))
    env.setdefault("AEXBENCH_PROBE", "30,10")  # a steady host (test_benchmarks_hostspeed fakes a slow one)
    env.pop("AUTOEXPORTS_LIBRARY", None)
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "bench.py"),
            "--smoke",
            "--workloads",
            "W4",
            "--tools",
            "numpy",
            "--settle",
            "0",
            "--work",
            str(REPO / ".build" / "bench-load"),
            "--results-md",
            str(out_md),
            "--json",
            str(out_json),
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return proc, out_md, json.loads(out_json.read_text()) if out_json.is_file() else None


def test_bench_refuses_results_md_under_load(tmp_path):
    proc, md, result = _run_bench(tmp_path, "5.00 4.00 3.00 3/200 1234\n")
    assert proc.returncode == 3, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert not md.exists()
    assert "NOT written, refusing" in proc.stderr and "W4 rank_eq 200 numpy" in proc.stderr
    rec = next(r for r in result["records"] if r["tool"] == "numpy")
    assert rec["load"]["under_load"] and rec["load"]["before"]["load1"] == 5.0
    assert rec["load"]["before"]["cores"] == os.cpu_count() == rec["load"]["after"]["cores"]


def test_bench_allow_load_writes_marked_rows(tmp_path):
    proc, md, _ = _run_bench(tmp_path, "5.00 4.00 3.00 3/200 1234\n", "--allow-load")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = md.read_text()
    # numpy's W4 measurements (one per variant), every one of them under load
    assert re.search(r"\*\*Under load\*\*: ([1-9]\d*) of \1 measurements", text), text[:300]
    row = next(line for line in _table_rows(text, "Every measurement") if "| numpy |" in line)
    # 5.00 less the harness's own modelled share (small: it only set up data and waited)
    assert re.search(r"\*\*under load\*\* (5\.00|4\.[5-9]\d) → (5\.00|4\.[5-9]\d) \|", row), row


def test_bench_writes_results_md_when_quiet(tmp_path):
    proc, md, _ = _run_bench(tmp_path, "0.00 0.00 0.00 1/200 1234\n")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert md.read_text().startswith("# Benchmark results\n\n**Quiet run**")


def test_cpu_of_processes_nobody_waits_for_is_credited():
    """Spark's JVM and Dask's workers are not counted by getrusage; the runner credits them."""
    world = World(others=0)
    mon = world.monitor()
    before = mon.before()
    world.run(90, 2)  # a JVM kept both cores busy ...
    world.cpu -= 2 * 90  # ... but getrusage never saw its CPU time
    uncredited = mon.judge(before, mon.after())
    assert uncredited["under_load"], "without the credit the JVM looks like other work"
    world2 = World(others=0)
    mon2 = world2.monitor()
    before = mon2.before()
    world2.run(90, 2)
    world2.cpu -= 2 * 90
    mon2.credit(2 * 90 * 0.98)  # the runner sees it a little late, never more
    info = mon2.judge(before, mon2.after())
    assert not info["under_load"] and info["after"]["others"] <= 0.25, info


BURN = (
    "import resource, time\n"
    "while resource.getrusage(resource.RUSAGE_SELF).ru_utime < 0.4: pass\n"
    "time.sleep(2)\n"
)  # stays visible in /proc a while after its work


def test_runner_sees_cpu_of_unwaited_descendants_in_the_session():
    import time

    from aexbench import runner

    # the child starts a grandchild that burns 0.4 s of CPU, and exits without waiting for it
    code = f"import subprocess, sys\nsubprocess.Popen([sys.executable, '-c', {BURN!r}])\n"
    cpu0 = runner._children_cpu()
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    seen: dict = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        runner._session_cpu(proc.pid, seen)
        proc.poll()
        others = [cpu for pid, cpu in seen.items() if pid != proc.pid]
        if proc.returncode is not None and others and max(others) >= 0.4:
            break
        time.sleep(0.05)
    waited = runner._children_cpu() - cpu0
    assert proc.returncode == 0
    grandchildren = {pid: s for pid, s in seen.items() if pid != proc.pid}
    assert grandchildren and max(grandchildren.values()) >= 0.4, seen
    assert waited < 0.3, "getrusage does not count a grandchild nobody waited for"
