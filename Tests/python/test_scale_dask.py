"""autoexports.dask on a LocalCluster of 2 worker processes.

Proves that grouped ranking and all-pairs overtakes computed in the workers equal
- the single-machine calls (autoexports.rank_groups / autoexports.overtakes on the whole
  table) for every method, missing-value option, direction and pct, with and without
  segments, over several bucket counts;
- Dask's own groupby rank (pandas' rank applied per group by Dask) and a pandas
  self-join of consecutive periods (the adjacent overtake rule);
on generated data with ties, gaps and long tied runs across bucket boundaries (the carried
rule's lookback). Also: the library is loaded inside the worker processes, and the
example script examples/cluster/dask_example.py runs.

Runs in .build/venv-scale (Tests/python/requirements-scale.txt, installed by Tests/setup.sh).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scale_data

REPO = Path(__file__).resolve().parents[2]

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
import autoexports  # noqa: E402
import autoexports.dask as aexd  # noqa: E402


@pytest.fixture(scope="module")
def client():
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def table():
    return scale_data.panel(exporters=24, periods=36, seed=3)


@pytest.fixture(scope="module")
def segmented():
    return scale_data.panel(exporters=12, periods=30, seed=5, segments=["ev", "ice", "hev"])


def _ddf(client, df, n=5):
    return dd.from_pandas(df, npartitions=n).persist()


def _ranked(df, by, **kw):
    """The single-machine answer in the order the engine gives: by period, input order."""
    out = df.assign(rank=autoexports.rank_groups(scale_data.group_ids(df, by), df["value"].to_numpy(), **kw))
    return out.sort_values("period", kind="stable").reset_index(drop=True)


def _same_frames(got, want):
    got = got.reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    for c in want.columns:
        if c in ("rank", "value"):
            np.testing.assert_array_equal(got[c].to_numpy(np.float64), want[c].to_numpy(np.float64), err_msg=c)
        else:
            assert got[c].astype(str).tolist() == want[c].astype(str).tolist(), c


def test_scale_pins_equal_the_base_test_pins():
    def pins(p):
        out = {}
        for line in p.read_text().splitlines():
            line = line.split("#")[0].strip()
            if "==" in line:
                k, v = line.split("==")
                out[k.strip().lower()] = v.strip()
        return out

    base, scale = pins(REPO / "Tests/python/requirements.txt"), pins(REPO / "Tests/python/requirements-scale.txt")
    for name in ("numpy", "pandas", "pyarrow", "pytest"):
        assert scale.get(name) == base.get(name), name
    for name in ("dask", "distributed", "pyspark"):
        assert name in scale, f"{name} is not pinned"
    assert pd.__version__ == scale["pandas"] and pd.__version__.startswith("2.")


def test_workers_are_separate_processes_that_load_the_library(client, table):
    aexd.rank(_ddf(client, table), method="min").compute()
    loaded = client.run(lambda: __import__("autoexports")._ffi._lib is not None)
    pids = client.run(os.getpid)
    assert len(loaded) == 2 and all(loaded.values())
    assert os.getpid() not in pids.values()


METHODS = ["average", "min", "max", "first", "dense"]


def test_rank_equals_single_machine_for_every_option(client, table):
    """Every method × direction × missing-value option × pct, after one shuffle."""
    df = aexd.by_period(_ddf(client, table), partitions=7).persist()
    cases = [
        dict(method=m, ascending=a, na_option=na, pct=p)
        for m in METHODS
        for a in (False, True)
        for na in ("keep", "top", "bottom")
        for p in ((False, True) if na == "keep" else (False,))
    ]
    got = dask.compute(*[aexd.rank(df, partitioned=True, **kw) for kw in cases])
    for kw, g in zip(cases, got):
        want = _ranked(table, ["period"], **kw)
        try:
            _same_frames(g, want)
        except AssertionError as e:
            raise AssertionError(f"{kw}: {e}") from None


@pytest.mark.parametrize("partitions", [1, 5, 12])
def test_rank_after_its_own_shuffle_equals_single_machine(client, table, partitions):
    df = _ddf(client, table)
    for method in ("first", "average"):
        got = aexd.rank(df, method=method, ascending=False, partitions=partitions)
        assert got.npartitions == partitions
        _same_frames(got.compute(), _ranked(table, ["period"], method=method, ascending=False))


def test_rank_within_segments_equals_single_machine(client, segmented):
    df = aexd.by_period(_ddf(client, segmented, 3), partitions=4).persist()
    for method in ("min", "first", "average"):
        got = aexd.rank(df, segment="segment", method=method, ascending=False, partitioned=True).compute()
        _same_frames(got, _ranked(segmented, ["period", "segment"], method=method, ascending=False))


def test_rank_equals_dask_groupby_rank(client, table):
    """Dask's own grouped rank (pandas' rank per group, through a Dask groupby)."""
    df = _ddf(client, table)
    parts = aexd.by_period(df, partitions=4).persist()
    cases = [(m, na) for m in ("min", "max", "average", "dense") for na in ("keep", "top", "bottom")]
    theirs = [
        df.groupby("period")["value"].transform(
            lambda s, m=m, na=na: s.rank(method=m, ascending=False, na_option=na), meta=("value", "f8")
        )
        for m, na in cases
    ]
    ours = [aexd.rank(parts, method=m, ascending=False, na_option=na, partitioned=True) for m, na in cases]
    got = dask.compute(*theirs, *ours)
    key = ["period", "exporter"]
    for i, case in enumerate(cases):
        b = table.assign(r=got[i].sort_index()).sort_values(key)["r"].to_numpy()
        a = got[len(cases) + i].sort_values(key)["rank"].to_numpy()
        np.testing.assert_array_equal(a, b, err_msg=str(case))


@pytest.mark.parametrize("rule", ["carried", "adjacent"])
@pytest.mark.parametrize("partitions", [1, 3, 12])
def test_overtakes_equal_single_machine(client, table, rule, partitions):
    got = aexd.overtakes(_ddf(client, table), rule=rule, partitions=partitions).compute()
    want = scale_data.single_machine_overtakes(table, rule)
    assert len(want) > 500
    pd.testing.assert_frame_equal(scale_data.canonical(got), scale_data.canonical(want))


def test_overtakes_carried_across_boundaries_need_the_lookback(client, table):
    """Pairs tied for many periods across a bucket boundary: their order comes from before
    the boundary period, which a copy of one period does not hold."""
    want = scale_data.single_machine_overtakes(table, "carried")
    far = want[want["period"] - want["since"] > 1]
    assert len(far) > 50, "the data must have events whose order predates the previous period"
    got = aexd.overtakes(_ddf(client, table), partitions=12).compute()
    pd.testing.assert_frame_equal(scale_data.canonical(got), scale_data.canonical(want))


def test_overtakes_within_segments_equal_single_machine(client, segmented):
    for rule in ("carried", "adjacent"):
        got = aexd.overtakes(_ddf(client, segmented, 3), segment="segment", rule=rule, partitions=5).compute()
        want = scale_data.single_machine_overtakes(segmented, rule, segment="segment")
        pd.testing.assert_frame_equal(scale_data.canonical(got), scale_data.canonical(want))


def test_adjacent_overtakes_equal_a_dask_self_join(client, table):
    """The engine's own formulation: a merge of each period with the one before."""
    df = _ddf(client, table)
    periods = np.sort(table["period"].unique())
    prev = pd.DataFrame({"period": periods[1:], "since": periods[:-1]})
    d = df.dropna(subset=["value"])
    now = d.merge(d, on="period", suffixes=("_s", "_r"))
    now = now[now["value_s"] > now["value_r"]].merge(dd.from_pandas(prev, npartitions=1), on="period")
    before = d.rename(columns={"period": "since"}).merge(
        d.rename(columns={"period": "since"}), on="since", suffixes=("_s", "_r")
    )
    before = before[before["value_s"] < before["value_r"]]
    joined = now.merge(before, on=["since", "exporter_s", "exporter_r"]).compute()
    theirs = pd.DataFrame(
        {
            "period": joined["period"],
            "subject": joined["exporter_s"],
            "rival": joined["exporter_r"],
            "since": joined["since"],
            "bridged": False,
        }
    )
    ours = aexd.overtakes(df, rule="adjacent", partitions=6).compute()
    pd.testing.assert_frame_equal(scale_data.canonical(ours), scale_data.canonical(theirs))


def test_empty_and_one_period_tables(client):
    one = pd.DataFrame({"period": [2020, 2020], "exporter": ["A", "B"], "value": [1.0, 2.0]})
    assert len(aexd.overtakes(dd.from_pandas(one, npartitions=1)).compute()) == 0
    r = aexd.rank(dd.from_pandas(one, npartitions=1), method="min", ascending=False).compute()
    assert r["rank"].tolist() == [2.0, 1.0]
    empty = one.iloc[:0]
    assert len(aexd.rank(dd.from_pandas(empty, npartitions=1)).compute()) == 0
    assert len(aexd.overtakes(dd.from_pandas(empty, npartitions=1)).compute()) == 0


def test_bad_options_are_refused_before_any_work(client, table):
    df = dd.from_pandas(table, npartitions=2)
    with pytest.raises(ValueError, match="method"):
        aexd.rank(df, method="fastest")
    with pytest.raises(ValueError, match="rule"):
        aexd.overtakes(df, rule="sometimes")


def test_dask_example_script_runs():
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    proc = subprocess.run(
        [sys.executable, str(REPO / "examples/cluster/dask_example.py")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "rows ranked" in proc.stdout and "overtakes" in proc.stdout
    # the workers loaded the shipped copy, from their own folders
    line = [x for x in proc.stdout.splitlines() if x.startswith("workers loaded:")][0]
    assert line.count("libautoexports.so") == 2
