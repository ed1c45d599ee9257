"""All-pairs overtakes from Python, against a numpy brute force of the definitions.

The oracle applies docs/design.md §4 to every ordered pair, vectorised over pairs and walked
period by period: the last strictly ordered period decides, ties carry the order, a gap
resets it (or is skipped when bridging, flagging the event). The adjacent rule is the
plain consecutive-period comparison.
"""

import autoexports
import numpy as np
import pandas as pd
import pytest
from autoexports import AutoExportsError


def brute_force(grid, bridging=False):
    """Sorted (period, subject, rival, since, bridged) tuples by the definition."""
    t, n = grid.shape
    a, b = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    a, b = a.ravel(), b.ravel()
    keep = a != b
    a, b = a[keep], b[keep]
    last = np.zeros(a.size, dtype=np.int8)  # +1 a ahead, -1 b ahead, 0 unknown
    since = np.full(a.size, -1)
    gap = np.zeros(a.size, dtype=bool)
    out = []
    for p in range(t):
        x, y = grid[p, a], grid[p, b]
        missing = np.isnan(x) | np.isnan(y)
        if bridging:
            gap |= missing
        else:
            last[missing] = 0
        ahead = ~missing & (x > y)
        behind = ~missing & (x < y)
        hit = ahead & (last == -1)
        out += [(p, int(s), int(r), int(q), bool(g)) for s, r, q, g in zip(a[hit], b[hit], since[hit], gap[hit])]
        strict = ahead | behind
        last[ahead], last[behind] = 1, -1
        since[strict] = p
        gap[strict] = False
    return sorted(out)


def brute_force_adjacent(grid):
    t, n = grid.shape
    out = []
    for p in range(1, t):
        x0, x1 = grid[p - 1], grid[p]
        hit = (x0[:, None] < x0[None, :]) & (x1[:, None] > x1[None, :])
        s, r = np.nonzero(hit)
        out += [(p, int(i), int(j), p - 1, False) for i, j in zip(s, r)]
    return sorted(out)


def as_tuples(ev):
    return sorted(
        zip(ev.period.tolist(), ev.subject.tolist(), ev.rival.tolist(), ev.since.tolist(), ev.bridged.tolist())
    )


def random_grid(rng, t, n, levels, missing):
    g = rng.integers(0, levels, (t, n)).astype(float) if levels else rng.normal(size=(t, n))
    g[rng.random((t, n)) < missing] = np.nan
    return g


def test_the_example_under_both_rules():
    grid = [[1, 3], [2, 2], [4, 1]]
    assert autoexports.count_overtakes_in_grid(grid) == 1
    assert autoexports.count_overtakes_in_grid(grid, rule="adjacent") == 0
    assert as_tuples(autoexports.overtakes_in_grid(grid)) == [(2, 0, 1, 0, False)]


@pytest.mark.parametrize("levels,missing", [(0, 0.0), (2, 0.0), (3, 0.2), (5, 0.1), (0, 0.15)])
def test_differential_against_numpy_brute_force(levels, missing):
    rng = np.random.default_rng(levels * 100 + int(missing * 100))
    total = 0
    for _ in range(40):
        t, n = int(rng.integers(0, 16)), int(rng.integers(0, 12))
        g = random_grid(rng, t, n, levels, missing)
        for bridging in (False, True):
            want = brute_force(g, bridging) if t and n else []
            total += len(want)
            for threads in (1, 2, 3):
                got = autoexports.overtakes_in_grid(g, bridge_gaps=bridging, threads=threads)
                assert as_tuples(got) == want, (g.tolist(), bridging, threads)
                assert autoexports.count_overtakes_in_grid(g, bridge_gaps=bridging, threads=threads) == len(want)
        want = brute_force_adjacent(g) if t and n else []
        assert as_tuples(autoexports.overtakes_in_grid(g, rule="adjacent", threads=2)) == want
        assert autoexports.count_overtakes_in_grid(g, rule="adjacent") == len(want)
    assert total > 200


def test_a_drifting_panel_with_many_events_agrees_with_brute_force():
    rng = np.random.default_rng(5)
    g = np.cumsum(rng.normal(size=(80, 150)), axis=0)
    g[rng.random(g.shape) < 0.01] = np.nan
    g[5] = np.round(g[5])  # ties in one period
    want = brute_force(g)
    assert len(want) > 10000
    for threads in (1, 2):
        assert autoexports.count_overtakes_in_grid(g, threads=threads) == len(want)
        assert as_tuples(autoexports.overtakes_in_grid(g, threads=threads)) == want
    assert autoexports.count_overtakes_in_grid(g, rule="adjacent", threads=2) == len(brute_force_adjacent(g))


def test_tidy_columns_in_any_row_order_with_keys_given_back():
    periods = [2021, 2021, 2022, 2022, 2023, 2023]
    entities = ["A", "B"] * 3
    values = [1, 3, 2, 2, 4, 1]
    order = [5, 0, 3, 1, 4, 2]
    df = autoexports.overtakes([periods[i] for i in order], [entities[i] for i in order], [values[i] for i in order])
    assert isinstance(df, pd.DataFrame)
    assert df.to_dict("records") == [{"period": 2023, "subject": "A", "rival": "B", "since": 2021, "bridged": False}]
    assert autoexports.count_overtakes(periods, entities, values) == 1
    ev = autoexports.overtakes(periods, entities, values, as_frame=False)
    assert ev.subject.tolist() == ["A"] and ev.period.tolist() == [2023]


def test_more_events_than_the_first_guess_of_room_and_integer_keys_given_back():
    # 60 entities reversing their order every period: 1770 events per period, far more
    # than two per value (the binding's first guess), so the second call sizes exactly.
    base = np.arange(60, dtype=float)
    g = np.array([base if p % 2 == 0 else base[::-1] for p in range(6)])
    want = brute_force(g)
    assert len(want) > 2 * g.size + 1024
    for threads in (1, 2):
        assert as_tuples(autoexports.overtakes_in_grid(g, threads=threads)) == want
    # Tidy columns with integer keys lo, lo+1, ... (periods from 1990, entities from 0 and
    # from 7) come back as the same keys with the caller's dtype.
    t, n = np.nonzero(np.ones_like(g, dtype=bool))
    for p0, e0, dtype in ((1990, 0, np.int64), (0, 0, np.int32), (1990, 7, np.int16)):
        ev = autoexports.overtakes((t + p0).astype(dtype), (n + e0).astype(dtype), g.ravel(), as_frame=False)
        assert ev.period.dtype == dtype and ev.subject.dtype == dtype
        got = sorted(
            zip(
                (ev.period - p0).tolist(),
                (ev.subject - e0).tolist(),
                (ev.rival - e0).tolist(),
                (ev.since - p0).tolist(),
                ev.bridged.tolist(),
            )
        )
        assert got == want


def test_tidy_columns_from_a_dataframe_match_the_grid():
    rng = np.random.default_rng(11)
    g = random_grid(rng, 30, 25, 4, 0.1)
    t, n = np.nonzero(np.ones_like(g, dtype=bool))
    df = pd.DataFrame({"year": t + 2000, "exporter": [f"E{i:02d}" for i in n], "value": g.ravel()})
    df = df.sample(frac=1, random_state=3)  # shuffled rows
    got = autoexports.overtakes(df.year, df.exporter, df.value, bridge_gaps=True)
    want = brute_force(g, bridging=True)
    assert (
        sorted(
            zip(
                got.period - 2000,
                got.subject.str[1:].astype(int),
                got.rival.str[1:].astype(int),
                got.since - 2000,
                got.bridged,
            )
        )
        == want
    )
    # Rows may be left out for missing values (a missing row is a missing value).
    present = df.dropna()
    assert autoexports.count_overtakes(present.year, present.exporter, present.value) == len(brute_force(g))


def test_tidy_columns_errors():
    with pytest.raises(ValueError, match="given more than once"):
        autoexports.count_overtakes([1, 1], ["A", "A"], [1.0, 2.0])
    with pytest.raises(ValueError, match="same length"):
        autoexports.count_overtakes([1, 2], ["A"], [1.0, 2.0])
    with pytest.raises(ValueError, match="rule"):
        autoexports.count_overtakes([1], ["A"], [1.0], rule="nope")
    with pytest.raises(ValueError, match="bridge_gaps"):
        autoexports.count_overtakes([1], ["A"], [1.0], rule="adjacent", bridge_gaps=True)
    with pytest.raises(ValueError, match="threads"):
        autoexports.count_overtakes([1], ["A"], [1.0], threads=-1)
    with pytest.raises(ValueError, match="two-dimensional"):
        autoexports.count_overtakes_in_grid([1.0, 2.0])
    assert autoexports.count_overtakes([], [], []) == 0


def test_c_errors_reach_python_with_the_argument_named():
    lib = autoexports.lib()
    from ctypes import byref, c_int64

    out = c_int64()
    v = np.array([1.0, 2.0, 3.0])
    with pytest.raises(AutoExportsError) as e:
        lib.aex_overtakes_count(byref(out), v.ctypes.data, 3, 2, 0, 0)
    assert e.value.status_name == "AEX_E_INVALID_ARGUMENT" and "multiple of n_entities" in e.value.message
