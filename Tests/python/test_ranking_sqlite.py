"""Differential tests against SQLite's window functions (Python's sqlite3 module):
RANK, DENSE_RANK, ROW_NUMBER, PERCENT_RANK and CUME_DIST, with and without PARTITION BY,
ascending and descending, NULLs (our NaN) first, last or left out."""

import math
import random
import sqlite3

import autoexports
import numpy as np
import pytest

FUNCS = {  # SQL window function -> how we compute it
    "RANK": lambda g, v, asc, na: autoexports.rank_groups(g, v, "min", asc, na),
    "DENSE_RANK": lambda g, v, asc, na: autoexports.rank_groups(g, v, "dense", asc, na),
    "ROW_NUMBER": lambda g, v, asc, na: autoexports.rank_groups(g, v, "first", asc, na),
    "PERCENT_RANK": lambda g, v, asc, na: autoexports.percent_rank(v, asc, na, groups=g),
    "CUME_DIST": lambda g, v, asc, na: autoexports.cume_dist(v, asc, na, groups=g),
}


def sqlite_window(func, groups, values, ascending, na_option):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (i INTEGER PRIMARY KEY, g INTEGER, v REAL)")
    con.executemany(
        "INSERT INTO t VALUES (?, ?, ?)",
        [(i, int(g), None if math.isnan(v) else float(v)) for i, (g, v) in enumerate(zip(groups, values))],
    )
    direction = "ASC" if ascending else "DESC"
    nulls = "NULLS FIRST" if na_option == "top" else "NULLS LAST"
    where = "WHERE v IS NOT NULL" if na_option == "keep" else ""
    # ROW_NUMBER breaks ties by input order, as our ordinal does; the others see peers.
    tiebreak = ", i" if func == "ROW_NUMBER" else ""
    rows = con.execute(
        f"SELECT i, {func}() OVER (PARTITION BY g ORDER BY v {direction} {nulls}{tiebreak}) FROM t {where}"
    ).fetchall()
    out = np.full(len(values), np.nan)
    for i, r in rows:
        out[i] = r
    return out


def cases(seed, count):
    rnd = random.Random(seed)
    pool = [0.0, -0.0, 1.0, 2.0, 2.0, 3.5, -1.0, math.inf, -math.inf, math.nan]
    for _ in range(count):
        n = rnd.randrange(0, 40)
        values = [rnd.choice(pool) if rnd.random() < 0.7 else rnd.uniform(-5, 5) for _ in range(n)]
        groups = [rnd.randrange(3) for _ in range(n)]
        yield groups, values


@pytest.mark.parametrize("func", list(FUNCS))
@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("na_option", ["keep", "top", "bottom"])
def test_window_function_matches_sqlite(func, ascending, na_option):
    for groups, values in cases(hash((func, ascending, na_option)) & 0xFFFF, 40):
        g = np.array(groups, dtype=np.int64)
        v = np.array(values, dtype=float)
        want = sqlite_window(func, groups, values, ascending, na_option)
        got = FUNCS[func](g, v, ascending, na_option)
        assert np.allclose(got, want, rtol=0, atol=1e-15, equal_nan=True), (groups, values)
        if func in ("RANK", "DENSE_RANK", "ROW_NUMBER"):
            assert np.array_equal(got, want, equal_nan=True)


def test_single_row_percent_rank_is_zero_and_cume_dist_is_one():
    assert autoexports.percent_rank([5.0]) == [0.0]
    assert autoexports.cume_dist([5.0]) == [1.0]


def test_ungrouped_percent_rank_and_cume_dist_match_sqlite():
    values = [30.0, 20.0, 20.0, 10.0, math.nan]
    for func, ours in (("PERCENT_RANK", autoexports.percent_rank), ("CUME_DIST", autoexports.cume_dist)):
        want = sqlite_window(func, [0] * 5, values, False, "keep")
        assert np.array_equal(ours(values, ascending=False), want, equal_nan=True)
