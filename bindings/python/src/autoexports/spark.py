"""Grouped ranking and all-pairs overtakes on a Spark DataFrame (``pip install autoexports[spark]``).

The table has one row per (period, exporter[, segment]) with a value. Both operations
partition it by period and run the native kernels of this package inside the Python
workers of the executors; the results equal those of ``autoexports.rank_groups`` and
``autoexports.overtakes`` on the whole table in one process. NaN and null are both
missing (Spark's own ordering puts NaN above every number; the kernels do not).

>>> import autoexports.spark as aexs
>>> df = spark.createDataFrame([(2022, "JP", 3.5), (2022, "CN", 3.1),
...                             (2023, "JP", 4.4), (2023, "CN", 4.9)],
...                            "period int, exporter string, value double")
>>> aexs.rank(df, method="min", ascending=False).orderBy("period", "exporter").show()
>>> aexs.overtakes(df).show()   # 2023: CN overtook JP (since 2022)

Executors need this package (same version as the driver; install the wheel) and run it
with the driver's Python version: set ``PYSPARK_PYTHON`` to that interpreter. Instead of
the library bundled in the wheel, :func:`ship_library` sends a build with ``sc.addFile``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import numpy as np

try:
    from pyspark.sql import DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
except ImportError as e:  # pragma: no cover - exercised only without pyspark
    raise ImportError("autoexports.spark needs pyspark: pip install 'autoexports[spark]'") from e

from . import _scale

if TYPE_CHECKING:
    from ._overtakes import Rule
    from ._vocabulary import NaOption, RankMethod

__all__ = ["rank", "overtakes", "ship_library"]

BUCKET = "__aex_bucket"
KIND = "__aex_kind"  # 0: the bucket's own rows, 1: the period before it, 2: lookback rows


def _load_in_task() -> None:
    """Runs at the start of every task: prefer a library shipped with ship_library."""
    try:
        from pyspark import SparkFiles

        path = SparkFiles.get(_scale.LIBRARY_FILE)
    except Exception:  # noqa: BLE001 - no SparkFiles root outside a Spark worker
        return
    _scale.use_shipped_library([path])


def ship_library(spark, path: Optional[str] = None) -> str:
    """Sends libautoexports.so to every executor with ``sc.addFile``; tasks load that copy
    instead of the one inside the installed package. ``path``: the library (default: the
    one this process loaded). Returns the path shipped."""
    import os

    from ._ffi import library_path

    path = path or library_path()
    if os.path.basename(path) != _scale.LIBRARY_FILE:
        raise ValueError(f"the shipped file must be named {_scale.LIBRARY_FILE}, got {path}")
    spark.sparkContext.addFile(path)
    return path


# ---------------------------------------------------------------------------------------
# Ranking: range partitions by period, sorted, through mapInArrow
# ---------------------------------------------------------------------------------------


def _complete_groups(batches, key: str):
    """Regroups Arrow record batches sorted by ``key`` so that no key value straddles two
    of the yielded tables: each batch's last key value is held back (it may continue in
    the next batch) and joined with what follows."""
    import pyarrow as pa

    carry: list = []
    for batch in batches:
        if batch.num_rows == 0:
            continue
        k = _scale.keys(batch.column(key))
        last = k[-1]
        cut = np.flatnonzero(k != last)
        start = int(cut[-1]) + 1 if cut.size else 0  # the trailing run of `last`
        if start == 0:
            carry.append(batch)
            continue
        yield pa.Table.from_batches(carry + [batch.slice(0, start)])
        carry = [batch.slice(start)]
    if carry:
        yield pa.Table.from_batches(carry)


def rank(
    df: DataFrame,
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
    threads: int = 1,
) -> DataFrame:
    """Ranks ``value`` within each period (and segment), like ``autoexports.rank_groups`` /
    pandas ``groupby([period, segment])[value].rank(...)``.

    Returns a DataFrame with the input's columns plus ``out`` (double; null where the value
    is missing and ``na_option='keep'``), range-partitioned by period. ``method``,
    ``ascending``, ``na_option``, ``pct``: as :func:`autoexports.rank`; ordinal ('first')
    ties break by input order (``monotonically_increasing_id`` before the shuffle).
    ``partitions``: number of range partitions (default: spark.sql.shuffle.partitions).
    ``threads``: kernel threads per task (1: the executors' cores are the parallelism).
    """
    _scale.check_rank_options(method, na_option)
    ordinal = _scale.is_ordinal(method)
    src_cols = list(df.columns)
    d = df.withColumn(_scale.ROW, F.monotonically_increasing_id()) if ordinal else df
    d = d.repartitionByRange(partitions, period) if partitions else d.repartitionByRange(period)
    d = d.sortWithinPartitions(period, _scale.ROW) if ordinal else d.sortWithinPartitions(period)
    schema = T.StructType(list(df.schema.fields) + [T.StructField(out, T.DoubleType(), True)])

    def task(batches):
        import pyarrow as pa

        _load_in_task()
        for table in _complete_groups(batches, period):
            seg = _scale.keys(table.column(segment)) if segment is not None else None
            ranks = _scale.rank_arrays(
                _scale.keys(table.column(period)),
                seg,
                _scale.doubles(table.column(value)),
                method=method,
                ascending=ascending,
                na_option=na_option,
                pct=pct,
                threads=threads,
            )
            cols = [table.column(c) for c in src_cols]
            cols.append(pa.array(ranks, type=pa.float64(), from_pandas=True))  # NaN -> null
            for b in pa.Table.from_arrays(cols, names=src_cols + [out]).to_batches():
                yield b

    return d.mapInArrow(task, schema)


# ---------------------------------------------------------------------------------------
# Overtakes: buckets of consecutive periods, each with the period before it
# ---------------------------------------------------------------------------------------


def _buckets(d: DataFrame, period: str, partitions: Optional[int]):
    """(first periods of the buckets, a small DataFrame period -> bucket, next bucket,
    every period in order)."""
    spark = d.sparkSession
    counts = d.groupBy(period).count().toPandas()
    series = counts.set_index(period)["count"]
    k = partitions or int(spark.conf.get("spark.sql.shuffle.partitions"))
    divisions = _scale.period_buckets(series, k)
    if not divisions:
        return [], None, []
    starts = divisions[:-1]
    periods = sorted(series.index)
    rows, b = [], -1
    for i, p in enumerate(periods):
        if b + 1 < len(starts) and p == starts[b + 1]:
            b += 1
        last_of_bucket = i + 1 == len(periods) or (b + 1 < len(starts) and periods[i + 1] == starts[b + 1])
        nxt = b + 1 if last_of_bucket and b + 1 < len(starts) else None
        rows.append((p, b, nxt))
    schema = T.StructType(
        [
            d.schema[period],
            T.StructField(BUCKET, T.IntegerType(), False),
            T.StructField("__aex_next", T.IntegerType(), True),
        ]
    )
    return starts, spark.createDataFrame(rows, schema), periods


def _event_schema(df: DataFrame, period: str, exporter: str, segment: Optional[str]):
    fields = []
    if segment is not None:
        fields.append(T.StructField("segment", df.schema[segment].dataType, True))
    pt, et = df.schema[period].dataType, df.schema[exporter].dataType
    fields += [
        T.StructField("period", pt, True),
        T.StructField("subject", et, True),
        T.StructField("rival", et, True),
        T.StructField("since", pt, True),
        T.StructField("bridged", T.BooleanType(), True),
    ]
    return T.StructType(fields)


def overtakes(
    df: DataFrame,
    value: str = "value",
    *,
    period: str = "period",
    exporter: str = "exporter",
    segment: Optional[str] = None,
    rule: Rule = "carried",
    partitions: Optional[int] = None,
    threads: int = 1,
) -> DataFrame:
    """Every overtake between consecutive periods, like ``autoexports.overtakes(period,
    exporter, value, rule=rule)`` on the whole table (per segment when ``segment`` is
    given).

    Returns a DataFrame with columns [``segment``,] ``period``, ``subject``, ``rival``,
    ``since``, ``bridged`` (no particular order; sort to compare). The periods are cut into
    ``partitions`` buckets of consecutive periods (default: spark.sql.shuffle.partitions)
    and each bucket gets a copy of the period just before it; under ``rule='carried'``
    pairs tied at a bucket's boundary also get the rows that carry their earlier order
    (found in an extra pass; usually none). ``bridge_gaps`` is not supported here.
    """
    _scale.check_overtake_options(rule, False)
    cols = [period, exporter, value] + ([segment] if segment is not None else [])
    d = df.select(*cols)
    schema = _event_schema(df, period, exporter, segment)
    starts, bmap, periods = _buckets(d, period, partitions)
    spark = df.sparkSession
    if bmap is None:
        return spark.createDataFrame([], schema)
    keyed = d.join(F.broadcast(bmap), on=period)
    own = keyed.select(*cols, F.col(BUCKET), F.lit(0).alias(KIND))
    copies = keyed.where(F.col("__aex_next").isNotNull()).select(
        *cols, F.col("__aex_next").alias(BUCKET), F.lit(1).alias(KIND)
    )
    rows = own.unionByName(copies)
    if rule == "carried" and len(starts) > 1:
        look = _lookback_frame(rows, d, starts, periods, period=period, exporter=exporter, value=value, segment=segment)
        if look is not None:
            rows = rows.unionByName(look)

    def task(pdf):
        _load_in_task()
        first = pdf[period][pdf[KIND] == 0].min()
        ev = _scale.overtake_frame(
            pdf,
            first_period=first,
            period=period,
            exporter=exporter,
            value=value,
            segment=segment,
            rule=rule,
            threads=threads,
            meta=None,
        )
        return ev

    return rows.groupBy(BUCKET).applyInPandas(task, schema)


def _lookback_frame(rows: DataFrame, d: DataFrame, starts: list, periods: list, *, period, exporter, value, segment):
    """The history rows (KIND 2) that pairs tied at bucket boundaries need, or None."""
    import pandas as pd

    seg_type = d.schema[segment].dataType if segment is not None else T.StringType()
    ties_schema = T.StructType(
        [
            T.StructField(BUCKET, T.IntegerType(), False),
            T.StructField("segment", seg_type, True),
            T.StructField("group", T.LongType(), False),
            T.StructField("exporter", d.schema[exporter].dataType, True),
        ]
    )

    def ties(pdf):
        _load_in_task()
        b = int(pdf[BUCKET].iloc[0])
        prev = pdf[pdf[KIND] == 1]
        own = pdf[pdf[KIND] == 0]
        t = _scale.splitting_ties(prev, own, period=period, exporter=exporter, value=value, segment=segment)
        t.insert(0, BUCKET, b)
        if segment is None:
            t["segment"] = None
        return t[[BUCKET, "segment", "group", "exporter"]]

    found = rows.groupBy(BUCKET).applyInPandas(ties, ties_schema).toPandas()
    if len(found) == 0:
        return None
    keys_ = ["exporter"] if segment is None else ["segment", "exporter"]
    wanted = found[keys_].drop_duplicates()
    rename = {"exporter": exporter} if segment is None else {"exporter": exporter, "segment": segment}
    wanted_df = d.sparkSession.createDataFrame(
        wanted.rename(columns=rename),
        T.StructType([d.schema[c] for c in ([segment] if segment is not None else []) + [exporter]]),
    )
    hist = d.join(F.broadcast(wanted_df), on=list(rename.values())).toPandas()
    parts = []
    for b, t in found.groupby(BUCKET):
        before = periods[periods.index(starts[int(b)]) - 1]  # the boundary period
        lb = _scale.lookback_rows(
            hist,
            t.drop(columns=[BUCKET]),
            before=before,
            periods=periods,
            period=period,
            exporter=exporter,
            value=value,
            segment=segment,
        )
        if len(lb):
            parts.append(lb.assign(**{BUCKET: int(b), KIND: 2}))
    if not parts:
        return None
    look = pd.concat(parts, ignore_index=True)
    cols = [period, exporter, value] + ([segment] if segment is not None else [])
    schema = T.StructType(
        [d.schema[c] for c in cols]
        + [T.StructField(BUCKET, T.IntegerType(), False), T.StructField(KIND, T.IntegerType(), False)]
    )
    return d.sparkSession.createDataFrame(look[cols + [BUCKET, KIND]], schema)
