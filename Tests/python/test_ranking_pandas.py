"""Differential tests of rank / rank_groups against pandas (the oracle).

Every method × ascending × na_option × pct, on data drawn to have many ties, NaN, ±inf
and −0.0: `Series.rank` for plain arrays and `groupby().rank` for grouped ones, with
group ids sorted, shuffled, negative and spread wide.
"""

import math

import autoexports
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

METHODS = ["average", "min", "max", "first", "dense"]
NA = ["keep", "top", "bottom"]
COMBOS = [(m, a, na, p) for m in METHODS for a in (True, False) for na in NA for p in (False, True)]

# A small pool makes ties likely; the specials are the cases that break naive kernels.
POOL = [0.0, -0.0, 1.0, 2.0, -1.0, 2.5, math.inf, -math.inf, math.nan, 1e300, -1e-300, 5e-324, 1.0 + 2**-52, 3.0]
value = st.one_of(st.sampled_from(POOL), st.floats(allow_nan=True, allow_infinity=True, width=64))
values_strategy = st.lists(value, max_size=60)


def same(a, b) -> bool:
    return np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values_strategy)
def test_rank_matches_pandas_series_rank_for_every_option(vals):
    v = np.array(vals, dtype=float)
    s = pd.Series(v)
    for method, asc, na, pct in COMBOS:
        got = autoexports.rank(v, method=method, ascending=asc, na_option=na, pct=pct)
        want = s.rank(method=method, ascending=asc, na_option=na, pct=pct).to_numpy()
        assert same(got, want), (method, asc, na, pct, vals)


groups_strategy = st.sampled_from(["sorted", "shuffled", "negative", "wide", "one"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values_strategy, st.integers(1, 6), groups_strategy, st.randoms(use_true_random=False))
def test_rank_groups_matches_pandas_groupby_rank_for_every_option(vals, k, layout, rnd):
    n = len(vals)
    v = np.array(vals, dtype=float)
    g = np.array([rnd.randrange(k) for _ in range(n)], dtype=np.int64)
    if layout == "sorted":
        g.sort()
    elif layout == "negative":
        g = g - 3
    elif layout == "wide":
        g = g * 10**15 - 7 * 10**17
    elif layout == "one":
        g[:] = 42
    df = pd.DataFrame({"g": g, "v": v})
    for method, asc, na, pct in COMBOS:
        got = autoexports.rank_groups(g, v, method=method, ascending=asc, na_option=na, pct=pct)
        want = df.groupby("g")["v"].rank(method=method, ascending=asc, na_option=na, pct=pct)
        assert same(got, want.to_numpy()), (method, asc, na, pct, layout, vals, g.tolist())
        got32 = autoexports.rank_groups(
            g.astype(np.int32) if layout != "wide" else g, v, method=method, ascending=asc, na_option=na, pct=pct
        )
        assert same(got32, want.to_numpy())


@pytest.mark.parametrize("layout", ["sorted", "shuffled", "wide"])
@pytest.mark.parametrize("method", ["min", "average", "first", "dense"])
def test_rank_groups_on_many_rows_uses_threads_and_still_matches_pandas(layout, method):
    # Enough rows for several tasks (32768 rows per task): exercises the threaded paths.
    rng = np.random.default_rng(7)
    n = 200_000
    g = rng.integers(0, 500, n)
    if layout == "sorted":
        g.sort()
    elif layout == "wide":
        g = g * 10**12 + 5
    v = rng.integers(0, 50, n).astype(float)
    v[rng.random(n) < 0.05] = np.nan
    want = pd.DataFrame({"g": g, "v": v}).groupby("g")["v"].rank(method=method, ascending=False)
    for threads in (0, 1, 2, 3):
        got = autoexports.rank_groups(g, v, method=method, ascending=False, threads=threads)
        assert same(got, want.to_numpy()), threads


def test_rank_on_a_million_distinct_values_matches_pandas():
    # Large n: the packed key keeps fewer value bits, so near-equal values collide and are
    # re-sorted exactly; the result must not notice.
    rng = np.random.default_rng(3)
    v = np.concatenate([rng.normal(size=500_000), 1.0 + np.arange(500_000) * 2.0**-52])
    rng.shuffle(v)
    for method in METHODS:
        assert same(autoexports.rank(v, method=method), pd.Series(v).rank(method=method).to_numpy())


@pytest.mark.parametrize("n", [33, 100, 200, 257, 511, 512, 513, 2000])
def test_few_hundred_values_spread_clustered_and_tied_match_pandas(n):
    # Up to a few hundred values the kernel sorts by one MSD pass instead of the LSD
    # passes; spread, clustered (equal top bits), heavily tied and near-equal data.
    rng = np.random.default_rng(n)
    shapes = [
        rng.lognormal(13, 1.2, n).round(),
        1e6 + rng.integers(0, 8, n).astype(float),
        1.0 + rng.integers(0, n, n) * 2.0**-52,
        rng.normal(size=n),
    ]
    v = shapes[3].copy()
    v[rng.integers(0, n, n // 10)] = np.nan
    shapes.append(v)
    for v in shapes:
        for method in METHODS:
            for ascending in (True, False):
                want = pd.Series(v).rank(method=method, ascending=ascending).to_numpy()
                assert same(autoexports.rank(v, method=method, ascending=ascending), want), (method, ascending)


def test_values_that_differ_only_in_the_last_bits_are_ranked_exactly():
    # 2000 values 1 + k ulp: every packed key collides; ordinal must still follow value.
    v = 1.0 + np.arange(2000)[::-1] * 2.0**-52
    assert same(autoexports.rank(v, method="first"), pd.Series(v).rank(method="first").to_numpy())


def test_out_parameter_and_in_place():
    v = np.array([3.0, 1.0, 2.0, 1.0])
    out = np.empty(4)
    r = autoexports.rank(v, method="min", out=out)
    assert r is out and out.tolist() == [4.0, 1.0, 3.0, 1.0]
    g = np.array([1, 1, 2, 2])
    autoexports.rank_groups(g, v, method="min", out=v)  # in place
    assert v.tolist() == [2.0, 1.0, 2.0, 1.0]
    with pytest.raises(ValueError, match="out"):
        autoexports.rank(v, out=np.empty(3))
    with pytest.raises(ValueError, match="out"):
        autoexports.rank(v, out=np.empty(4, dtype=np.float32))


def test_rank_groups_accepts_pandas_columns_and_refuses_mismatched_lengths():
    df = pd.DataFrame({"period": [2024, 2024, 2023], "units": [5.0, 7.0, 1.0]})
    r = autoexports.rank_groups(df["period"], df["units"], method="min", ascending=False)
    assert r.tolist() == [2.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="equal"):
        autoexports.rank_groups([1, 2], [1.0])
    # Labels that are not numbers group by equality, as pandas' groupby does (issue 23 item 10).
    labels = ["a", "b", "a", "b", "a"]
    vals = [3.0, 1.0, 2.0, 5.0, 3.0]
    want = pd.DataFrame({"g": labels, "v": vals}).groupby("g")["v"].rank(method="min").tolist()
    assert autoexports.rank_groups(labels, vals, method="min") == want
    with pytest.raises(ValueError, match="integers"):
        autoexports.rank_groups(np.array([1.5, 2.0]), [1.0, 2.0])


def test_numpy_arrays_pass_without_copies():
    # The library writes into the caller's `out` and reads the caller's arrays: the
    # addresses passed are the arrays' own (checked by ranking in place through `out`).
    v = np.arange(10, dtype=np.float64)[::-1].copy()
    g64 = np.zeros(10, dtype=np.int64)
    g32 = np.zeros(10, dtype=np.int32)
    for g in (g64, g32):
        keep = v.copy()
        out = autoexports.rank_groups(g, keep, method="first", out=keep)
        assert out is keep and keep.tolist() == list(map(float, range(10, 0, -1)))
