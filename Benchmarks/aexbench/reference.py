"""numpy reference implementations: grouped ranks and consecutive-period overtakes.

These are the "numpy" tool of W1 and W2 and the answers every other tool is checked
against. They are themselves checked against brute force and pandas in the smoke test
(Tests/python/test_benchmarks_smoke.py).

Overtake (W2) as benchmarked: between consecutive periods t-1 and t, exporter A
overtakes B when both have values in both periods, A(t-1) < B(t-1) and A(t) > B(t),
strictly (a tie in either period is no overtake). An event is (t, A, B). This is the
inversion count between the two periods' orderings (docs/design.md §4, §8); the full
milestone definition (ties carried over from earlier periods) is not what is timed.
"""

from __future__ import annotations

import numpy as np

# ---------------------------------------------------------------------------- W1 ranks


def grouped_rank(groups: np.ndarray, values: np.ndarray, method: str, descending: bool = True) -> np.ndarray:
    """Ranks of values within each group; NaN stays NaN and is not counted.

    method: 'competition' (SQL RANK, pandas 'min') or 'fractional' (pandas 'average').
    """
    v = -values if descending else values
    n = v.size
    # Sort by (group, value) with two plain argsorts instead of np.lexsort (several times
    # slower): the value's position in a stable value sort, packed under the group id.
    by_value = np.argsort(v, kind="stable")  # NaN sorts last
    pos = np.empty(n, dtype=np.int64)
    pos[by_value] = np.arange(n)
    g64 = groups.astype(np.int64)
    if n:
        g64 -= g64.min()
    order = np.argsort(g64 * n + pos)  # keys are unique: any sort is stable here
    del by_value, pos, g64
    g = groups[order]
    s = v[order]
    out = np.full(n, np.nan)
    if n == 0:
        return out
    idx = np.arange(n)
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = g[1:] != g[:-1]
    new_run = new_group.copy()
    new_run[1:] |= s[1:] != s[:-1]
    group_start = np.maximum.accumulate(np.where(new_group, idx, 0))
    run_start = np.maximum.accumulate(np.where(new_run, idx, 0))
    if method == "competition":
        r = (run_start - group_start + 1).astype(np.float64)
    elif method == "fractional":
        end_marker = np.ones(n, dtype=bool)
        end_marker[:-1] = new_run[1:]
        run_end = np.minimum.accumulate(np.where(end_marker, idx, n)[::-1])[::-1]
        r = (run_start + run_end) / 2.0 - group_start + 1.0
    else:
        raise ValueError(f"method must be 'competition' or 'fractional', got {method!r}")
    r[np.isnan(s)] = np.nan
    out[order] = r
    return out


# ------------------------------------------------------------------------ W2 overtakes


def _pairs_grid(period: np.ndarray, exporter: np.ndarray, value: np.ndarray):
    """Values as a (periods, exporters) grid; NaN where absent or missing."""
    t = int(period.max()) + 1 if period.size else 0
    n = int(exporter.max()) + 1 if exporter.size else 0
    grid = np.full((t, n), np.nan)
    grid[period, exporter] = value
    return grid


def _consecutive_orders(grid: np.ndarray):
    """For each consecutive pair (t-1, t): exporters active in both, sorted by
    (value at t-1, value at t) ascending, with their ascending competition rank at t.

    Returns (order, rank1, active): arrays of shape (periods-1, exporters); inactive
    exporters sort last and have active False.
    """
    v0, v1 = grid[:-1], grid[1:]
    active = ~np.isnan(v0) & ~np.isnan(v1)
    a0 = np.where(active, v0, np.inf)
    a1 = np.where(active, v1, np.inf)
    rows, n = a0.shape
    # Competition rank of v1 within each row (ascending), over active values.
    o1 = np.argsort(a1, axis=1, kind="stable")
    s1 = np.take_along_axis(a1, o1, axis=1)
    idx = np.broadcast_to(np.arange(n), (rows, n))
    new_run = np.ones((rows, n), dtype=bool)
    new_run[:, 1:] = s1[:, 1:] != s1[:, :-1]
    start = np.maximum.accumulate(np.where(new_run, idx, 0), axis=1)
    rank1 = np.empty((rows, n), dtype=np.int64)
    np.put_along_axis(rank1, o1, start + 1, axis=1)
    # Order by v0 ascending, ties by v1 ascending (so a tie at t-1 is no inversion).
    order = np.lexsort((a1, a0), axis=1) if rows else np.empty((0, n), dtype=np.int64)
    return order, np.take_along_axis(rank1, order, axis=1), np.take_along_axis(active, order, axis=1)


def overtake_count(period: np.ndarray, exporter: np.ndarray, value: np.ndarray) -> int:
    """Number of overtakes: inversions counted with a Fenwick tree, all period pairs at once.

    O(n log n) per period pair; the Python loop runs over the n positions only.
    """
    grid = _pairs_grid(period, exporter, value)
    if grid.shape[0] < 2:
        return 0
    order, rank1, active = _consecutive_orders(grid)
    rows, n = rank1.shape
    tree = np.zeros((rows, n + 1), dtype=np.int64)
    row_ids = np.arange(rows)
    seen = np.zeros(rows, dtype=np.int64)
    total = 0
    for j in range(n):
        r = rank1[:, j]
        act = active[:, j]
        # prefix sum of ranks <= r: earlier elements that are not above this one
        acc = np.zeros(rows, dtype=np.int64)
        k = np.where(act, r, 0)
        while True:
            live = k > 0
            if not live.any():
                break
            acc += np.where(live, tree[row_ids, k], 0)
            k = np.where(live, k - (k & -k), 0)
        total += int((np.where(act, seen - acc, 0)).sum())
        # add this element
        k = np.where(act, r, n + 1)
        while True:
            live = k <= n
            if not live.any():
                break
            tree[row_ids[live], k[live]] += 1  # one index per row: no duplicates
            k = np.where(live, k + (k & -k), n + 1)
        seen += act
    return total


def overtake_events(period: np.ndarray, exporter: np.ndarray, value: np.ndarray):
    """All overtakes as (period, subject, rival) int arrays, by banded comparison.

    In the order of the earlier period, an overtake is a pair i < j whose ranks in the
    later period are reversed; the distance j - i is bounded by the largest forward plus
    the largest backward displacement, so only that band is compared: O(n·D + k).
    """
    grid = _pairs_grid(period, exporter, value)
    if grid.shape[0] < 2:
        e = np.empty(0, dtype=np.int64)
        return e, e, e
    order, rank1, active = _consecutive_orders(grid)
    rows, n = rank1.shape
    # Ordinal position at t of each element (stable within ties) for the bound.
    pos = np.broadcast_to(np.arange(n), (rows, n))
    key = np.where(active, rank1, n + 1)
    q = np.empty((rows, n), dtype=np.int64)
    np.put_along_axis(q, np.argsort(key, axis=1, kind="stable"), pos, axis=1)
    disp = np.where(active, q - pos, 0)
    band = int(disp.max(initial=0)) + int((-disp).max(initial=0)) if rows else 0
    ts, ss, rs = [], [], []
    for d in range(1, min(band, n - 1) + 1):
        hit = (rank1[:, :-d] > rank1[:, d:]) & active[:, :-d] & active[:, d:]
        r_idx, i_idx = np.nonzero(hit)
        if r_idx.size:
            ts.append(r_idx + 1)
            ss.append(order[r_idx, i_idx])
            rs.append(order[r_idx, i_idx + d])
    if not ts:
        e = np.empty(0, dtype=np.int64)
        return e, e, e
    return (
        np.concatenate(ts).astype(np.int64),
        np.concatenate(ss).astype(np.int64),
        np.concatenate(rs).astype(np.int64),
    )


def event_codes(t: np.ndarray, subject: np.ndarray, rival: np.ndarray, exporters: int) -> np.ndarray:
    """Events encoded as sorted int64 codes (t, subject, rival) for comparison."""
    n = np.int64(exporters)
    codes = (np.asarray(t, dtype=np.int64) * n + np.asarray(subject, dtype=np.int64)) * n + np.asarray(
        rival, dtype=np.int64
    )
    codes.sort()
    return codes


def brute_force_events(period, exporter, value):
    """All-pairs comparison per period pair: the oracle of the oracle (small panels only)."""
    grid = _pairs_grid(period, exporter, value)
    ts, ss, rs = [], [], []
    for t in range(1, grid.shape[0]):
        a, b = grid[t - 1], grid[t]
        ok = ~np.isnan(a) & ~np.isnan(b)
        hit = (a[:, None] < a[None, :]) & (b[:, None] > b[None, :]) & ok[:, None] & ok[None, :]
        s, r = np.nonzero(hit)
        ts.append(np.full(s.size, t))
        ss.append(s)
        rs.append(r)
    if not ts:
        e = np.empty(0, dtype=np.int64)
        return e, e, e
    return np.concatenate(ts), np.concatenate(ss), np.concatenate(rs)
