"""Grouped ranking and all-pairs overtakes on a Dask DataFrame (``pip install autoexports[dask]``).

The table has one row per (period, exporter[, segment]) with a value. Both operations
partition it by period into buckets of whole, consecutive periods and run the native
kernels of this package inside the workers; the results equal those of
``autoexports.rank_groups`` and ``autoexports.overtakes`` on the whole table in one
process.

>>> import dask.dataframe as dd, pandas as pd
>>> import autoexports.dask as aexd
>>> df = dd.from_pandas(pd.DataFrame({"period": [2022, 2022, 2023, 2023],
...                                   "exporter": ["JP", "CN", "JP", "CN"],
...                                   "value": [3.5, 3.1, 4.4, 4.9]}), npartitions=2)
>>> aexd.rank(df, method="min", ascending=False).compute()["rank"].tolist()
[1.0, 2.0, 2.0, 1.0]
>>> aexd.overtakes(df).compute()[["period", "subject", "rival"]].values.tolist()
[[2023, 'CN', 'JP']]

On a cluster, every worker needs this package (same version as the driver) and the
library: install the wheel on the workers, or call :func:`ship_library` once per client.
Persist the input first (``df = df.persist()``) when it is expensive to compute: the
functions read it more than once (period counts, then the work).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

import numpy as np

try:
    import dask
    import dask.dataframe as dd
    from dask import delayed
except ImportError as e:  # pragma: no cover - exercised only without dask
    raise ImportError("autoexports.dask needs dask: pip install 'autoexports[dask]'") from e

from . import _scale

if TYPE_CHECKING:
    from ._overtakes import Rule
    from ._vocabulary import NaOption, RankMethod

__all__ = ["rank", "overtakes", "by_period", "ship_library", "period_buckets"]


def _load_in_worker() -> None:
    """Runs at the start of every task: prefer a library shipped with ship_library."""
    try:
        from distributed import get_worker

        folder = get_worker().local_directory
    except (ImportError, ValueError):
        return
    _scale.use_shipped_library([os.path.join(folder, _scale.LIBRARY_FILE)])


def ship_library(client, path: Optional[str] = None) -> str:
    """Uploads libautoexports.so to every worker of ``client`` (and to workers that join
    later); tasks load that copy. ``path``: the library to ship (default: the one this
    process loaded). The workers still need this Python package (same version); install
    the wheel there, or upload a zip of the package with ``client.upload_file``.
    Returns the path shipped."""
    from ._ffi import library_path

    path = path or library_path()
    if os.path.basename(path) != _scale.LIBRARY_FILE:
        raise ValueError(f"the shipped file must be named {_scale.LIBRARY_FILE}, got {path}")
    client.upload_file(path, load=False)
    return path


def period_buckets(counts, partitions: int) -> list:
    """Dask divisions for buckets of whole consecutive periods with about equal row counts
    (``counts``: pandas Series, index = period, value = rows)."""
    return _scale.period_buckets(counts, partitions)


def _with_order(df):
    """Each row's input position (partition, row) as one int64 in column ROW."""

    def add_order(part, partition_info=None):
        n = partition_info["number"] if partition_info else 0
        return part.assign(**{_scale.ROW: (np.int64(n) << np.int64(40)) + np.arange(len(part), dtype=np.int64)})

    return df.map_partitions(add_order, meta=df._meta.assign(**{_scale.ROW: np.int64(0)}))


def by_period(df, period: str = "period", partitions: Optional[int] = None):
    """``df`` shuffled into buckets of whole consecutive periods, in period order, with
    about equal row counts (``partitions`` buckets; default: as many as ``df`` has).
    ``period`` stays a column; the frame's index is dropped; rows of a period keep their
    input order. Pass the result to :func:`rank` or :func:`overtakes` with
    ``partitioned=True`` to run several of them after one shuffle. Computes the period
    counts (one pass over ``df``)."""
    ordered = _with_order(df)
    counts = df[period].value_counts().compute()
    divisions = period_buckets(counts, partitions or df.npartitions)
    meta = df._meta.reset_index(drop=True)
    if not divisions:
        return dd.from_pandas(meta, npartitions=1)
    tmp = "__aex_period"
    keyed = ordered.assign(**{tmp: ordered[period]}).set_index(tmp, divisions=divisions)

    def restore(part):
        part = part.sort_values([period, _scale.ROW], kind="stable")
        return part.drop(columns=[_scale.ROW]).reset_index(drop=True)

    return keyed.map_partitions(restore, meta=meta)


def rank(
    df,
    value: str = "value",
    *,
    period: str = "period",
    segment: Optional[str] = None,
    method: RankMethod = "average",
    ascending: bool = True,
    na_option: NaOption = "keep",
    pct: bool = False,
    out: str = "rank",
    partitions: Optional[int] = None,
    partitioned: bool = False,
    threads: int = 1,
):
    """Ranks ``value`` within each period (and segment), like
    ``autoexports.rank_groups`` / pandas ``groupby([period, segment])[value].rank(...)``.

    Returns a Dask DataFrame: the input's columns plus ``out`` (float64; NaN where the
    value is missing and ``na_option='keep'``), in buckets of whole periods ordered by
    period, rows of a period in input order. ``method``, ``ascending``, ``na_option``,
    ``pct``: as :func:`autoexports.rank`; ordinal ('first') ties break by input order,
    as in one process. ``partitions``: number of buckets (default: the input's).
    ``partitioned``: ``df`` already holds whole periods per partition (e.g. from
    :func:`by_period`): no shuffle, rows stay where they are. ``threads``: kernel threads
    per task (1: the engine's workers are the parallelism).
    """
    _scale.check_rank_options(method, na_option)
    parts = df if partitioned else by_period(df, period, partitions)
    meta = parts._meta.assign(**{out: np.float64(0)})

    def task(part):
        _load_in_worker()
        return _scale.rank_frame(
            part,
            period=period,
            value=value,
            segment=segment,
            method=method,
            ascending=ascending,
            na_option=na_option,
            pct=pct,
            out=out,
            threads=threads,
        )

    return parts.map_partitions(task, meta=meta)


def _event_meta(df, period: str, exporter: str, segment: Optional[str]):
    m = df._meta
    return _scale.empty_events(m[period].dtype, m[exporter].dtype, m[segment].dtype if segment is not None else None)


def _carry(before, tail):
    """The rows of the last period seen so far (skips empty partitions)."""
    return tail if tail is not None and len(tail) else before


def overtakes(
    df,
    value: str = "value",
    *,
    period: str = "period",
    exporter: str = "exporter",
    segment: Optional[str] = None,
    rule: Rule = "carried",
    partitions: Optional[int] = None,
    partitioned: bool = False,
    threads: int = 1,
):
    """Every overtake between consecutive periods, like ``autoexports.overtakes(period,
    exporter, value, rule=rule)`` on the whole table (per segment when ``segment`` is
    given).

    Returns a Dask DataFrame with columns [``segment``,] ``period``, ``subject``,
    ``rival``, ``since``, ``bridged``, ordered by period bucket (sort to compare). Each
    bucket of periods gets a copy of the period just before it; under ``rule='carried'``
    pairs tied at a bucket's boundary also get the rows that carry their earlier order
    (found in an extra pass; usually none). ``partitioned``: ``df`` already holds whole
    periods per partition, partitions in increasing period order (e.g. from
    :func:`by_period`). ``bridge_gaps`` is not supported here.
    """
    _scale.check_overtake_options(rule, False)
    meta = _event_meta(df, period, exporter, segment)
    cols = [period, exporter, value] + ([segment] if segment is not None else [])
    parts = df[cols] if partitioned else by_period(df[cols], period, partitions)
    if rule == "carried" and parts.npartitions > 1:
        parts = parts.persist()  # read again by the boundary pass: shuffle once
    blocks = parts.to_delayed()
    tails = [delayed(_scale.last_period_rows)(b, period) for b in blocks]
    prevs = [None]
    for t in tails[:-1]:
        prevs.append(delayed(_carry)(prevs[-1], t))

    lookbacks: list = [None] * len(blocks)
    if rule == "carried" and len(blocks) > 1:
        lookbacks = _lookbacks(parts, blocks, prevs, period=period, exporter=exporter, value=value, segment=segment)

    def task(block, prev, look):
        _load_in_worker()
        import pandas as pd

        if len(block) == 0:
            return meta.iloc[:0].copy()
        first = block[period].min()
        rows = [r for r in (look, prev, block) if r is not None and len(r)]
        rows = pd.concat(rows, ignore_index=True) if len(rows) > 1 else rows[0]
        return _scale.overtake_frame(
            rows,
            first_period=first,
            period=period,
            exporter=exporter,
            value=value,
            segment=segment,
            rule=rule,
            threads=threads,
            meta=meta,
        )

    out = [delayed(task)(b, p, lb) for b, p, lb in zip(blocks, prevs, lookbacks)]
    return dd.from_delayed(out, meta=meta, verify_meta=False)


def _lookbacks(parts, blocks, prevs, *, period, exporter, value, segment):
    """Per bucket, the history rows its boundary ties need (None when there are none)."""
    import pandas as pd

    def ties(block, prev):
        _load_in_worker()
        t = _scale.splitting_ties(prev, block, period=period, exporter=exporter, value=value, segment=segment)
        return t, (prev[period].iloc[0] if prev is not None and len(prev) else None)

    found = dask.compute(*[delayed(ties)(b, p) for b, p in zip(blocks, prevs)])
    if not any(len(t) for t, _ in found):
        return [None] * len(blocks)
    members = pd.concat([t for t, _ in found if len(t)], ignore_index=True)
    names = sorted(set(members["exporter"]))
    hist = parts[parts[exporter].isin(names)].compute()
    if segment is not None:
        wanted = set(zip(members["segment"], members["exporter"]))
        hist = hist[[(s, e) in wanted for s, e in zip(hist[segment], hist[exporter])]]
    periods = sorted(parts[period].unique().compute())
    out = []
    for t, boundary in found:
        rows = None
        if len(t):
            rows = _scale.lookback_rows(
                hist,
                t,
                before=boundary,
                periods=periods,
                period=period,
                exporter=exporter,
                value=value,
                segment=segment,
            )
        out.append(rows if rows is not None and len(rows) else None)
    return out
