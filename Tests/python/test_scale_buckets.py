"""The boundary rule of the Dask and Spark adapters, without an engine.

Both engines cut the periods into buckets and give each bucket the period before it plus,
under the carried overtake rule, the history rows of pairs tied at the boundary
(autoexports/_scale.py). This replays exactly those steps bucket by bucket in one
process, on many random tables with ties, NaN, absent rows, long tied runs and periods in
which the tied exporters have no rows at all, for random cuts, and compares with one
call of autoexports.overtakes on the whole table (whose own oracle is brute force,
test_overtakes.py). Fast, so it runs in the base suite; test_scale_dask.py and
test_scale_spark.py run the same through the engines.
"""

from __future__ import annotations

import autoexports
import numpy as np
import pandas as pd
import pytest
import scale_data
from autoexports import _scale

COLS = dict(period="period", exporter="exporter", value="value")


def _bucketed(df: pd.DataFrame, starts: list, rule: str, segment=None) -> pd.DataFrame:
    periods = sorted(df["period"].unique())
    bounds = starts[1:] + [None]
    out = []
    meta = _scale.empty_events(df["period"].dtype, df["exporter"].dtype, df[segment].dtype if segment else None)
    for first, stop in zip(starts, bounds):
        block = df[(df["period"] >= first) & ((df["period"] < stop) if stop is not None else True)]
        rows = [block]
        i = periods.index(first)
        if i > 0:
            p0 = periods[i - 1]
            prev = df[df["period"] == p0]
            rows.insert(0, prev)
            if rule == "carried":
                ties = _scale.splitting_ties(prev, block, segment=segment, **COLS)
                if len(ties):
                    hist = df[df["exporter"].isin(set(ties["exporter"]))]
                    look = _scale.lookback_rows(hist, ties, before=p0, periods=periods, segment=segment, **COLS)
                    rows.insert(0, look)
        out.append(
            _scale.overtake_frame(
                pd.concat(rows, ignore_index=True),
                first_period=first,
                segment=segment,
                rule=rule,
                threads=1,
                meta=meta,
                **COLS,
            )
        )
    return pd.concat(out, ignore_index=True)


def _random_table(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n, t = int(rng.integers(2, 9)), int(rng.integers(2, 16))
    levels = int(rng.integers(1, 4))
    v = rng.integers(0, levels + 1, (t, n)).astype(float)
    # runs of equal values (long ties), NaN, and absent rows
    for _ in range(int(rng.integers(0, 4))):
        a, b = sorted(rng.integers(0, t, 2))
        e1, e2 = rng.integers(0, n, 2)
        v[a : b + 1, e1] = v[a : b + 1, e2]
    v[rng.random((t, n)) < 0.1] = np.nan
    df = pd.DataFrame(
        {
            "period": np.repeat(np.arange(t) * 10, n),
            "exporter": np.tile([f"E{e}" for e in range(n)], t),
            "value": v.reshape(-1),
        }
    )
    keep = rng.random(len(df)) > 0.1
    df = df[keep]
    # a period where only one exporter has a row
    if t > 3 and n > 2:
        p = int(rng.integers(1, t - 1)) * 10
        df = df[(df["period"] != p) | (df["exporter"] == "E0")]
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)


@pytest.mark.parametrize("rule", ["carried", "adjacent"])
def test_every_cut_of_random_tables_gives_the_single_machine_events(rule):
    checked = 0
    for seed in range(60):
        df = _random_table(seed)
        periods = sorted(df["period"].unique())
        if len(periods) < 2:
            continue
        want = scale_data.canonical(autoexports.overtakes(df["period"], df["exporter"], df["value"], rule=rule))
        rng = np.random.default_rng(seed + 1000)
        for cut in (periods, [periods[0]], None):
            if cut is None:
                k = int(rng.integers(1, len(periods) + 1))
                cut = sorted(rng.choice(periods, k, replace=False).tolist())
                if cut[0] != periods[0]:
                    cut = [periods[0]] + cut
            got = scale_data.canonical(_bucketed(df, list(cut), rule))
            pd.testing.assert_frame_equal(got, want, obj=f"seed {seed}, cut {cut}")
            checked += 1
    assert checked > 120


def test_a_period_without_the_tied_pair_breaks_their_order():
    """A ahead of B at 0; at 10 only C reports (a gap for A and B); tied at 20-40; B ahead
    at 50. One process: no overtake (the gap broke the pair). Cut at 40: the lookback must
    show the gap at 10, not the order at 0."""
    rows = [(0, "A", 5.0), (0, "B", 1.0), (0, "C", 9.0), (10, "C", 9.0)]
    rows += [(p, e, 3.0) for p in (20, 30, 40) for e in "AB"] + [(p, "C", 9.0) for p in (20, 30, 40)]
    rows += [(50, "A", 1.0), (50, "B", 2.0), (50, "C", 9.0)]
    df = pd.DataFrame(rows, columns=["period", "exporter", "value"])
    want = autoexports.overtakes(df["period"], df["exporter"], df["value"])
    assert len(want) == 0
    for cut in ([0, 40], [0, 50], [0, 20, 30, 40, 50], [0, 10, 50]):
        assert len(_bucketed(df, cut, "carried")) == 0, cut
    # without the gap row the order from period 0 carries: B overtakes A at 50, since 0
    df2 = df[df["period"] != 10]
    want2 = autoexports.overtakes(df2["period"], df2["exporter"], df2["value"])
    assert want2[["period", "subject", "rival", "since"]].values.tolist() == [[50, "B", "A", 0]]
    for cut in ([0, 40], [0, 50], [0, 20, 30, 40, 50]):
        got = _bucketed(df2, cut, "carried")
        assert got[["period", "subject", "rival", "since"]].values.tolist() == [[50, "B", "A", 0]], cut


def test_segments_and_the_generated_panel():
    df = scale_data.panel(exporters=10, periods=24, seed=9, segments=["ev", "ice"])
    periods = sorted(df["period"].unique())
    for rule in ("carried", "adjacent"):
        want = scale_data.canonical(scale_data.single_machine_overtakes(df, rule, segment="segment"))
        for cut in (periods[::5], periods[::2], periods):
            got = scale_data.canonical(_bucketed(df, cut, rule, segment="segment"))
            pd.testing.assert_frame_equal(got, want)


def test_period_buckets_are_contiguous_balanced_and_cover_everything():
    counts = pd.Series([5, 1, 1, 1, 20, 1, 1, 5], index=[2000 + i for i in range(8)])
    d = _scale.period_buckets(counts, 3)
    assert d[0] == 2000 and d[-1] == 2007 and d == sorted(set(d))
    assert _scale.period_buckets(counts, 100)[:-1] == list(counts.index)
    assert len(_scale.period_buckets(counts, 7)) == 8  # 7 buckets of >= 1 period each
    assert _scale.period_buckets(counts, 1) == [2000, 2007]
    assert _scale.period_buckets(counts.iloc[:0], 4) == []
