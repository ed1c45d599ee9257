"""The benchmark harness cannot rot: its references are right and its smoke mode runs.

Speed is not asserted here (Benchmarks/ measures it). These tests prove that
- the numpy references that every tool is checked against agree with brute force and
  pandas on panels with ties and missing values,
- `Benchmarks/bench.py --smoke` (size S, 2 runs) finishes, every peer gives the same
  answer as the reference, every workload and tool appears in the results, and our
  tools are either measured or listed as pending — never an error,
- the peers pinned for the benchmarks are the versions the tests install.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "Benchmarks"
sys.path.insert(0, str(BENCH))

from aexbench import data, reference  # noqa: E402


def _panel(n: int, t: int, seed: int, ties: float = 0.1, missing: float = 0.05):
    """A small random panel with many ties (values from a few levels) and NaN."""
    rng = np.random.default_rng(seed)
    value = rng.integers(0, 12, n * t).astype(np.float64)
    value[rng.random(n * t) < ties] = 5.0
    value[rng.random(n * t) < missing] = np.nan
    period = np.repeat(np.arange(t, dtype=np.int32), n)
    exporter = np.tile(np.arange(n, dtype=np.int32), t)
    return period, exporter, value


@pytest.mark.parametrize("method,pandas_method", [("competition", "min"), ("fractional", "average")])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reference_grouped_rank_matches_pandas(method, pandas_method, seed):
    period, _, value = _panel(17, 9, seed)
    want = pd.Series(value).groupby(period).rank(method=pandas_method, ascending=False).to_numpy()
    got = reference.grouped_rank(period, value, method)
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_reference_overtakes_match_brute_force(seed):
    period, exporter, value = _panel(23, 12, seed)
    n = 23
    want = reference.event_codes(*reference.brute_force_events(period, exporter, value), n)
    got = reference.event_codes(*reference.overtake_events(period, exporter, value), n)
    np.testing.assert_array_equal(got, want)
    assert reference.overtake_count(period, exporter, value) == want.size


def test_reference_overtakes_on_generated_panel():
    period, exporter, value = data.generate(60, 30, seed=7)
    want = reference.event_codes(*reference.brute_force_events(period, exporter, value), 60)
    got = reference.event_codes(*reference.overtake_events(period, exporter, value), 60)
    assert want.size > 100, "the generator must make overtakes happen"
    np.testing.assert_array_equal(got, want)
    assert reference.overtake_count(period, exporter, value) == want.size


def test_generator_has_ties_missing_and_is_seeded():
    p1, e1, v1 = data.generate(200, 50)
    _, _, v2 = data.generate(200, 50)
    np.testing.assert_array_equal(v1, v2)
    assert 0.005 < data.tie_fraction(p1, v1) < 0.03
    assert 0.002 < np.isnan(v1).mean() < 0.01
    ranks = reference.grouped_rank(p1, v1, "competition").reshape(50, 200)
    assert (ranks[0] != ranks[-1]).sum() > 100, "ranks must change over the periods"


def _pins(path: Path) -> dict:
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, ver = line.split("==")
            out[name.strip().lower()] = ver.strip()
    return out


def test_benchmark_peers_pinned_like_the_tests():
    bench = _pins(BENCH / "requirements.txt")
    tests = _pins(REPO / "Tests" / "python" / "requirements.txt")
    for name in ("numpy", "pandas", "polars", "duckdb", "pyarrow"):
        assert name in bench, f"{name} is not pinned in Benchmarks/requirements.txt"
        assert tests.get(name) == bench[name], f"{name}: Tests pin {tests.get(name)}, Benchmarks pin {bench[name]}"


@pytest.fixture(scope="module")
def smoke(tmp_path_factory, libpath):
    work = REPO / ".build" / "bench-smoke"  # the S data stays cached between runs
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    env = dict(os.environ, AUTOEXPORTS_LIBRARY=str(libpath))
    proc = subprocess.run(
        [sys.executable, str(BENCH / "bench.py"), "--smoke", "--work", str(work), "--json", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return proc, (json.loads(out.read_text()) if out.is_file() else None)


def test_smoke_run_finishes_without_errors(smoke):
    proc, result = smoke
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert result is not None
    assert "ratio = autoexports median time / best peer median time" in proc.stdout


def test_smoke_covers_every_workload_and_tool(smoke):
    _, result = smoke
    sys.path.insert(0, str(BENCH))
    from aexbench.core import load_all

    seen = {(r["workload"], r["variant"], r["tool"]) for r in result["records"]}
    for wid, w in load_all().items():
        for variant in w.variants:
            for name, cls in w.tools.items():
                if not cls.implements(variant):
                    assert (wid, variant, name) not in seen, f"{wid} {variant} {name} listed, not implemented"
                    continue
                assert (wid, variant, name) in seen, f"{wid} {variant} {name} missing from the results"


def test_smoke_peers_agree_and_are_timed(smoke):
    _, result = smoke
    for r in result["records"]:
        what = f"{r['workload']} {r['variant']} {r['size']} {r['tool']}"
        if r["ours"]:
            assert r["status"] in ("ok", "pending"), f"{what}: {r['status']}: {r.get('note')}"
        else:
            assert r["status"] == "ok", f"{what}: {r['status']}: {r.get('note')} (pinned peers must run)"
        if r["status"] == "ok":
            assert r["runs"] >= 2 and r["median_s"] > 0 and r["min_s"] <= r["median_s"], what
            assert r["peak_mb"] > 0, what
            if r["peer"]:
                assert r.get("reference"), f"{what}: answer was not checked"


def test_smoke_lists_pending_with_a_reason(smoke):
    _, result = smoke
    for r in result["records"]:
        if r["status"] == "pending":
            assert r["ours"] and r["note"], r


def test_smoke_measures_autoexports_where_it_exists(smoke):
    _, result = smoke
    ok = {(r["workload"], r["tool"]) for r in result["records"] if r["ours"] and r["status"] == "ok"}
    assert ("W1", "autoexports-loop") in ok
    assert ("W4", "autoexports-C rank_values") in ok
    ok_variants = {(r["workload"], r["variant"], r["tool"]) for r in result["records"] if r["status"] == "ok"}
    for name in ("autoexports-py percentrank_inc", "autoexports-C percentrank_inc", "numpy"):
        assert ("W4", "percentrank_inc", name) in ok_variants, name
    ratios = {(r["workload"], r["variant"]): r for r in result["ratios"]}
    assert "ratio" in ratios[("W1", "competition")]


def test_smoke_records_the_load_of_every_measurement(smoke):
    """Before and after each measurement: the 1-minute load average, the cores, our share."""
    _, result = smoke
    measured = [r for r in result["records"] if r["status"] not in ("pending", "not installed", "not run")]
    assert measured
    for r in measured:
        what = f"{r['workload']} {r['variant']} {r['size']} {r['tool']}"
        info = r.get("load")
        assert info, f"{what}: no load readings"
        assert info["threshold"] == 1.0 and info["settle_s"] == 0.2, what
        for when in ("before", "after"):
            reading = info[when]
            assert reading["cores"] == os.cpu_count(), what
            assert reading["load1"] is not None and reading["load1"] >= 0, what
            assert 0 <= reading["own"], what
            assert reading["others"] == round(max(0.0, reading["load1"] - reading["own"]), 2), what
        assert info["before"]["at"] <= info["after"]["at"], what
        assert info["under_load"] == (info["others_max"] > 1.0), what
    assert result["settings"]["max_load"] == 1.0 and not result["settings"]["allow_load"]
