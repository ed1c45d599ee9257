"""What the Dask and Spark adapters run inside each task, on plain pandas frames.

Both engines partition a (period, exporter, value[, segment]) table by period and call the
functions here once per partition, in the worker process. Ranking and overtakes are the
native kernels' (`rank_groups`, `overtakes`); this module only splits the rows into the
arrays the kernels take and puts the answers back. The library is loaded by the first
kernel call in each worker process (a ctypes handle cannot be pickled, so no handle ever
travels with a task); `use_shipped_library` points that load at a copy the driver shipped.

The boundary rule for overtakes (docs/design.md §4): an event at period t depends on the
periods before t. A bucket of consecutive periods gets a copy of the period just before
it (`prev`), which decides every pair that was strictly ordered in that period. Under the
``carried`` rule a pair tied there (equal values) keeps the order of the last period in
which the two differed, possibly far back: `splitting_ties` finds such pairs at the
boundary when they separate inside the bucket, and `lookback_rows` picks, from their
history, exactly the rows that carry their last strict order (and any gap after it) so
the kernel sees the same order as in one pass over all periods.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ._overtakes import Rule
    from ._vocabulary import NaOption, RankMethod

LIBRARY_FILE = "libautoexports.so"
ROW = "__aex_row"  # global input order (ordinal ties break by it)
EVENT_COLUMNS = ["period", "subject", "rival", "since", "bridged"]


# ---------------------------------------------------------------------------------------
# The library in a worker
# ---------------------------------------------------------------------------------------


def use_shipped_library(candidates: Iterable[Optional[str]]) -> Optional[str]:
    """Before the first load in this process, prefer a library the driver shipped.

    ``candidates``: paths where an engine put a shipped copy (Spark's SparkFiles, a Dask
    worker's local directory). The first existing one becomes $AUTOEXPORTS_LIBRARY unless
    that is set already or the library is loaded. Returns the path used, or None.
    """
    from . import _ffi

    if _ffi._lib is not None or os.environ.get("AUTOEXPORTS_LIBRARY"):
        return None
    for c in candidates:
        if c and os.path.isfile(c):
            os.environ["AUTOEXPORTS_LIBRARY"] = c
            return c
    return None


# ---------------------------------------------------------------------------------------
# Options
# ---------------------------------------------------------------------------------------


def check_rank_options(method: str, na_option: str) -> None:
    from ._ranking import _method_code, _na_code

    _method_code(method)
    _na_code(na_option)


def is_ordinal(method: str) -> bool:
    return method in ("first", "ordinal")


def check_overtake_options(rule: Rule, bridge_gaps: bool) -> None:
    from ._overtakes import _flags

    _flags(rule, bridge_gaps)
    if bridge_gaps:
        raise NotImplementedError(
            "bridge_gaps=True is not supported on a cluster yet: a bridged pair's order can "
            "come from any earlier period of either series; use autoexports.overtakes on one "
            "machine, or rule='carried' without bridging"
        )


# ---------------------------------------------------------------------------------------
# Small helpers on columns
# ---------------------------------------------------------------------------------------

# A column as an engine hands it over: pandas, pyarrow or numpy.
Column = Union["pd.Series", "pa.Array", "pa.ChunkedArray", "np.ndarray"]


# One period key as the engine holds it: a number, a text, a numpy datetime64, a pandas
# Timestamp or Period.  Any on purpose: it is compared with numpy arrays of the caller's
# dtype, which numpy's stubs type dtype by dtype (no one annotation admits them all).
PeriodKey = Any


def doubles(col: Column) -> np.ndarray:
    """A float64 numpy array; pandas' NA and None become NaN (missing)."""
    to_numpy = getattr(col, "to_numpy", None)
    if to_numpy is not None:
        try:
            return to_numpy(dtype=np.float64, na_value=np.nan)
        except TypeError:  # pyarrow arrays: to_numpy(zero_copy_only=...)
            return np.asarray(to_numpy(zero_copy_only=False), dtype=np.float64)
    return np.asarray(col, dtype=np.float64)


def keys(col: Column) -> np.ndarray:
    """A numpy array of keys (periods, exporters, segments) for the kernels."""
    to_numpy = getattr(col, "to_numpy", None)
    if to_numpy is None:
        return np.asarray(col)
    if type(col).__module__.startswith("pyarrow"):
        return to_numpy(zero_copy_only=False)
    return to_numpy()


def period_buckets(counts, partitions: int) -> list:
    """Splits sorted periods into at most ``partitions`` buckets of consecutive periods with
    about equal row counts. ``counts``: a pandas Series, index = period, value = rows.
    Returns the first period of each bucket, then the last period (Dask's divisions)."""
    counts = counts.sort_index()
    periods = list(counts.index)
    if not periods:
        return []
    k = max(1, min(int(partitions), len(periods)))
    cum = np.cumsum(counts.to_numpy())
    total = cum[-1]
    starts = [0]
    for b in range(1, k):
        i = int(np.searchsorted(cum, total * b / k, side="left")) + 1
        # at least one period per bucket, and enough periods left for the others
        starts.append(min(max(i, starts[-1] + 1), len(periods) - (k - b)))
    return [periods[i] for i in starts] + [periods[-1]]


def group_ids(period: np.ndarray, segment: Optional[np.ndarray]) -> np.ndarray:
    """int64 ids equal exactly for rows of the same (period[, segment])."""
    import pandas as pd

    pc, _ = pd.factorize(period, sort=False)
    if segment is None:
        return pc.astype(np.int64, copy=False)
    sc, su = pd.factorize(segment, sort=False)
    return pc.astype(np.int64) * max(len(su), 1) + sc


# ---------------------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------------------


def rank_arrays(
    period: np.ndarray,
    segment: Optional[np.ndarray],
    values: np.ndarray,
    *,
    method: RankMethod,
    ascending: bool,
    na_option: NaOption,
    pct: bool,
    threads: int,
) -> np.ndarray:
    """Ranks within (period[, segment]) groups: one call of the native grouped kernel."""
    from ._ranking import rank_groups

    if len(values) == 0:
        return np.empty(0, dtype=np.float64)
    return rank_groups(
        group_ids(period, segment),
        values,
        method=method,
        ascending=ascending,
        na_option=na_option,
        pct=pct,
        out=np.empty(len(values)),
        threads=threads,
    )


def rank_frame(
    df,
    *,
    period: str,
    value: str,
    segment: Optional[str],
    method: RankMethod,
    ascending: bool,
    na_option: NaOption,
    pct: bool,
    out: str,
    threads: int,
):
    """A pandas partition holding whole periods, with the ranks in column ``out``."""
    seg = keys(df[segment]) if segment is not None else None
    ranks = rank_arrays(
        keys(df[period]),
        seg,
        doubles(df[value]),
        method=method,
        ascending=ascending,
        na_option=na_option,
        pct=pct,
        threads=threads,
    )
    return df.assign(**{out: ranks})


# ---------------------------------------------------------------------------------------
# Overtakes
# ---------------------------------------------------------------------------------------


def empty_events(period_dtype, entity_dtype, segment_dtype=None):
    import pandas as pd

    cols = {}
    if segment_dtype is not None:
        cols["segment"] = pd.Series([], dtype=segment_dtype)
    cols["period"] = pd.Series([], dtype=period_dtype)
    cols["subject"] = pd.Series([], dtype=entity_dtype)
    cols["rival"] = pd.Series([], dtype=entity_dtype)
    cols["since"] = pd.Series([], dtype=period_dtype)
    cols["bridged"] = pd.Series([], dtype=bool)
    return pd.DataFrame(cols)


def _segments(df, segment: Optional[str]):
    """(segment key or None, sub-frame) in sorted segment order."""
    if segment is None:
        yield None, df
        return
    for key, sub in df.groupby(segment, sort=True, observed=True):
        yield key, sub


def overtake_frame(
    rows,
    *,
    first_period: Optional[PeriodKey],
    period: str,
    exporter: str,
    value: str,
    segment: Optional[str],
    rule: Rule,
    threads: int,
    meta,
):
    """Every overtake at a period >= ``first_period`` among ``rows`` (a bucket of whole
    periods plus its boundary rows), as a frame shaped like ``meta``."""
    import pandas as pd

    from ._overtakes import overtakes

    parts = []
    for seg, sub in _segments(rows, segment):
        ev = overtakes(
            keys(sub[period]), keys(sub[exporter]), doubles(sub[value]), rule=rule, threads=threads, as_frame=False
        )
        keep = ev.period >= first_period if first_period is not None else slice(None)
        frame = pd.DataFrame(
            {
                "period": ev.period[keep],
                "subject": ev.subject[keep],
                "rival": ev.rival[keep],
                "since": ev.since[keep],
                "bridged": ev.bridged[keep],
            }
        )
        if segment is not None:
            frame.insert(0, "segment", seg)
        parts.append(frame)
    if not parts:
        return meta.iloc[:0].copy() if meta is not None else pd.DataFrame(columns=EVENT_COLUMNS)
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    return out.astype(meta.dtypes.to_dict(), copy=False) if meta is not None else out


def last_period_rows(df, period: str):
    """The rows of the largest period in ``df`` (empty frame when ``df`` is)."""
    if len(df) == 0:
        return df
    p = df[period]
    return df[p == p.max()]


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a == b) | (np.isnan(a) & np.isnan(b))


def splitting_ties(prev, bucket, *, period: str, exporter: str, value: str, segment: Optional[str]):
    """Groups of exporters tied at the boundary period (``prev``: its rows) whose values
    differ somewhere inside ``bucket``: their order before the boundary decides overtakes
    in the bucket under the carried rule. A frame (segment, group, exporter), one row per
    member; ``group`` numbers the tie groups within the frame."""
    import pandas as pd

    out: list = []
    gid = 0
    if prev is None or len(prev) == 0 or len(bucket) == 0:
        return _ties_frame(out, segment, exporter, prev if prev is not None else bucket)
    bseg = dict(_segments(bucket, segment))
    for seg, p0 in _segments(prev, segment):
        v = doubles(p0[value])
        ok = ~np.isnan(v)
        if ok.sum() < 2:
            continue
        vals, ents = v[ok], keys(p0[exporter])[ok]
        order = np.argsort(vals, kind="stable")
        vals, ents = vals[order], ents[order]
        starts = np.flatnonzero(np.concatenate(([True], vals[1:] != vals[:-1])))
        sizes = np.diff(np.concatenate((starts, [len(vals)])))
        tied = [ents[s : s + k] for s, k in zip(starts, sizes) if k > 1]
        if not tied:
            continue
        sub = bseg.get(seg)
        if sub is None or len(sub) == 0:
            continue
        members = np.concatenate(tied)
        sub = sub[sub[exporter].isin(members)]
        grid = pd.DataFrame({"p": keys(sub[period]), "e": keys(sub[exporter]), "v": doubles(sub[value])}).pivot(
            index="p", columns="e", values="v"
        )
        for group in tied:
            cols = [grid[e].to_numpy() if e in grid.columns else np.full(len(grid), np.nan) for e in group]
            if all(_same(c, cols[0]).all() for c in cols[1:]):
                continue  # identical through the bucket: never ordered there, no event
            out.extend((seg, gid, e) for e in group)
            gid += 1
    return _ties_frame(out, segment, exporter, prev)


def _ties_frame(rows, segment, exporter, like):
    import pandas as pd

    seg_col = [r[0] for r in rows]
    frame = pd.DataFrame({"segment": seg_col, "group": [r[1] for r in rows], "exporter": [r[2] for r in rows]})
    if like is not None and exporter in like.columns:
        frame["exporter"] = frame["exporter"].astype(like[exporter].dtype)
        if segment is not None and segment in like.columns:
            frame["segment"] = frame["segment"].astype(like[segment].dtype)
    return frame


def lookback_rows(
    history,
    groups,
    *,
    before: PeriodKey,
    periods: Column,
    period: str,
    exporter: str,
    value: str,
    segment: Optional[str],
):
    """The rows of ``history`` (rows of the tied exporters at periods < ``before``) that the
    kernel needs to know the last strict order of every tied pair in ``groups`` (a
    ``splitting_ties`` frame for one boundary): walking back from the boundary, the
    periods where a group splits (values differ) or loses a member to a gap, with the
    values of the members still tied there. Everything older is decided by these rows.
    ``periods``: every period of the whole table (a period where none of the tied
    exporters has a row is a gap for all of them; the kernel must see it, so such a
    period comes back as one row with a missing value)."""
    import pandas as pd

    picked = []
    if len(groups) == 0 or len(history) == 0:
        return history.iloc[:0]
    for seg, gframe in _segments(groups.rename(columns={"segment": "__seg"}), "__seg" if segment is not None else None):
        hist = history if segment is None else history[history[segment] == seg]
        hist = hist[hist[period] < before]
        if len(hist) == 0:
            continue
        # classes: label per member; members of one label are still tied.
        label = {e: int(g) for e, g in zip(gframe["exporter"], gframe["group"])}
        hist = hist[hist[exporter].isin(list(label))]
        grid = pd.DataFrame({"p": keys(hist[period]), "e": keys(hist[exporter]), "v": doubles(hist[value])}).pivot(
            index="p", columns="e", values="v"
        )
        earlier = np.asarray([p for p in periods if p < before], dtype=object)
        grid = grid.reindex(pd.Index(earlier).union(grid.index)).sort_index(ascending=False)
        cols = list(grid.columns)
        values = grid.to_numpy()
        col_of = {e: i for i, e in enumerate(cols)}
        next_label = max(label.values()) + 1
        for r, p in enumerate(grid.index):
            if not label:
                break
            row = values[r]
            active = list(label)
            v = np.array([row[col_of[e]] if e in col_of else np.nan for e in active])
            new: dict = {}
            changed = False
            by_class: dict = {}
            for e, x in zip(active, v):
                by_class.setdefault(label[e], []).append((e, x))
            for members in by_class.values():
                present = [(e, x) for e, x in members if not np.isnan(x)]
                if len(present) < len(members):
                    changed = True  # a gap breaks those members' pairs
                split: dict = {}
                for e, x in present:
                    split.setdefault(x, []).append(e)
                if len(split) > 1:
                    changed = True
                for es in split.values():
                    if len(es) > 1:
                        for e in es:
                            new[e] = next_label
                        next_label += 1
            if changed:
                present_active = [e for e, x in zip(active, v) if not np.isnan(x)]
                picked.append((seg, p, present_active, active[0]))
            label = new
    if not picked:
        return history.iloc[:0]
    masks, blanks = [], []
    for seg, p, members, anyone in picked:
        m = (history[period] == p) & history[exporter].isin(members)
        if segment is not None:
            m &= history[segment] == seg
        masks.append(m.to_numpy())
        if not members:  # a gap for every tied exporter: keep the period
            blanks.append((seg, p, anyone))
    out = history[np.logical_or.reduce(masks)]
    if blanks:
        blank = pd.DataFrame({period: [b[1] for b in blanks], exporter: [b[2] for b in blanks], value: np.nan})
        if segment is not None:
            blank[segment] = [b[0] for b in blanks]
        blank = blank.astype({c: history[c].dtype for c in blank.columns if c != value})
        out = pd.concat([out, blank[list(history.columns.intersection(blank.columns))]], ignore_index=True)
    return out
