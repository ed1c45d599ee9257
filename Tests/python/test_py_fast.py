"""The fast paths for contiguous float64 ndarrays (issue 20 item 2) give what the general
path gives and keep its argument checks. The oracle is the general path itself (the same
call over a list, which never takes the fast path) and numpy / pandas expressions.

Speed is measured by Benchmarks (W4), not here: timed tests on a shared machine mislead.
"""

from __future__ import annotations

import threading

import pytest

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")
import autoexports as ax  # noqa: E402
from autoexports import _fast  # noqa: E402


def test_the_fast_path_is_on_here():
    # CPython with a release numpy: the data pointer's offset is measured and trusted.
    assert _fast.OFFSET is not None
    a = np.arange(10.0)[2:]
    assert _fast.pointer(a).value == a.ctypes.data


@pytest.mark.parametrize("seed", range(5))
def test_fast_results_equal_the_general_path(seed):
    rng = np.random.default_rng(seed)
    a = np.round(rng.normal(size=200), 1)  # ties
    a[rng.integers(0, 200, 5)] = np.nan
    lst = a.tolist()
    for x in (a[3], a[7], 0.0, 1e9, -1e9):
        if x != x:
            continue
        for order in (0, 1):
            if x in lst:  # RANK of a number not in the range is Excel's #N/A
                assert ax.rank_eq(x, a, order) == ax.rank_eq(x, lst, order)
                assert ax.rank_avg(x, a, order) == ax.rank_avg(x, lst, order)
        finite = a[~np.isnan(a)]
        if finite.min() <= x <= finite.max():
            for sig in (None, 3):
                for conv in ("excel", "calc"):
                    assert ax.percentrank_inc(a, x, sig, conv) == ax.percentrank_inc(lst, x, sig, conv)
                    assert ax.percentrank_exc(a, x, sig, conv) == ax.percentrank_exc(lst, x, sig, conv)
    # RANK.EQ, descending: 1 + the number of larger values (numpy's expression).
    finite = a[~np.isnan(a)]
    assert ax.rank_eq(a[3], a) == 1 + (finite > a[3]).sum()
    for method in ("average", "min", "max", "first", "dense"):
        for asc in (True, False):
            for na in ("keep", "top", "bottom"):
                for pct in (False, True):
                    got = ax.rank(a, method, asc, na, pct)
                    assert isinstance(got, np.ndarray)
                    want = pd.Series(a).rank(method=method, ascending=asc, na_option=na, pct=pct).to_numpy()
                    np.testing.assert_array_equal(got, want)
                    assert got.tolist() == pytest.approx(ax.rank(lst, method, asc, na, pct), nan_ok=True)


def test_fast_path_keeps_the_argument_checks():
    a = np.array([3.0, 1.0, 2.0])
    with pytest.raises(ValueError):
        ax.rank_eq("many", a)
    assert ax.rank_eq("2", a) == ax.rank_eq("2", a.tolist()) == 2.0  # as float('2') in the general path
    with pytest.raises(ax.AutoExportsError) as e:
        ax.rank_eq(9.0, a)  # not in the range: Excel's #N/A
    assert e.value.status_name == "AEX_E_NOT_FOUND"
    with pytest.raises(ValueError, match="method"):
        ax.rank(a, method="nope")
    with pytest.raises(ValueError, match="na_option"):
        ax.rank(a, na_option="nope")
    with pytest.raises(ValueError, match="significance"):
        ax.percentrank_inc(a, 2.0, 0)
    with pytest.raises(ValueError, match="convention"):
        ax.percentrank_inc(a, 2.0, None, "lotus")
    with pytest.raises(ValueError, match="one-dimensional"):
        ax.rank_eq(1.0, np.ones((2, 2)))
    # Not the fast path's kind of array: converted, same answers.
    wide = np.array([3.0, 0, 1.0, 0, 2.0])[::2]
    assert ax.rank_eq(2.0, wide) == ax.rank_eq(2.0, np.array([3.0, 1.0, 2.0])) == 2.0
    assert ax.rank_eq(2, np.array([3, 1, 2])) == 2.0
    assert ax.rank(np.array([3, 1, 2], dtype=np.int32)).tolist() == [3.0, 1.0, 2.0]


def test_threads_do_not_share_a_result_slot():
    arrays = [np.arange(n, dtype=np.float64) for n in range(50, 58)]
    errors = []

    def work(a):
        n = len(a)
        for i in range(2000):
            x = float(i % n)
            if ax.rank_eq(x, a) != n - x or ax.percentrank_inc(a, x) != x / (n - 1):
                errors.append((n, x))
                return

    threads = [threading.Thread(target=work, args=(a,)) for a in arrays]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
