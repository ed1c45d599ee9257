"""autoexports.spark on Spark in local[2] mode (two executor cores, Python workers).

Proves that grouped ranking and all-pairs overtakes computed in the Python workers equal
- the single-machine calls (autoexports.rank_groups / autoexports.overtakes on the whole
  table), with and without segments, over several partition counts;
- Spark's own window functions RANK(), DENSE_RANK(), ROW_NUMBER() and CUME_DIST() on the
  rows that have a value, and a Spark SQL self-join of consecutive periods (the adjacent
  overtake rule);
on generated data with ties, gaps (both NaN and null) and long tied runs across bucket
boundaries; that periods straddling Arrow batches are ranked whole; that NaN is missing
for us while Spark's own ordering puts it above every number; and that the example
script examples/cluster/spark_example.py runs.

Runs in .build/venv-scale (Tests/python/requirements-scale.txt, installed by Tests/setup.sh).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scale_data

REPO = Path(__file__).resolve().parents[2]

pyspark = pytest.importorskip("pyspark")
import autoexports  # noqa: E402
import autoexports.spark as aexs  # noqa: E402
from pyspark.sql import SparkSession, Window  # noqa: E402
from pyspark.sql import functions as F


@pytest.fixture(scope="module")
def spark():
    # Executors must run this interpreter, not whatever `python3` is first on PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (
        SparkSession.builder.master("local[2]")
        .appName("autoexports tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def table():
    return scale_data.panel(exporters=24, periods=36, seed=3)


@pytest.fixture(scope="module")
def sdf(spark, table):
    return spark.createDataFrame(table).cache()


def _ranked(df, by, **kw):
    return df.assign(rank=autoexports.rank_groups(scale_data.group_ids(df, by), df["value"].to_numpy(), **kw))


def _same_ranks(got: pd.DataFrame, want: pd.DataFrame, key=("period", "exporter")):
    key = list(key)
    g = got.sort_values(key).reset_index(drop=True)
    w = want.sort_values(key).reset_index(drop=True)
    assert len(g) == len(w)
    for c in key:
        assert g[c].astype(str).tolist() == w[c].astype(str).tolist()
    np.testing.assert_array_equal(g["rank"].to_numpy(np.float64, na_value=np.nan), w["rank"].to_numpy(np.float64))
    np.testing.assert_array_equal(g["value"].to_numpy(np.float64, na_value=np.nan), w["value"].to_numpy(np.float64))


CASES = [
    dict(method="min", ascending=False),
    dict(method="first", ascending=True),
    dict(method="average", ascending=False, na_option="top"),
    dict(method="dense", ascending=True, na_option="bottom"),
    dict(method="max", ascending=False, pct=True),
    dict(method="first", ascending=False, na_option="bottom"),
]


@pytest.mark.parametrize("kw", CASES, ids=lambda kw: "-".join(str(v) for v in kw.values()))
def test_rank_equals_single_machine(sdf, table, kw):
    got = aexs.rank(sdf, **kw).toPandas()
    _same_ranks(got, _ranked(table, ["period"], **kw))


def test_rank_within_segments_and_partitions(spark):
    table = scale_data.panel(exporters=12, periods=30, seed=5, segments=["ev", "ice", "hev"])
    df = spark.createDataFrame(table)
    for partitions in (1, 7):
        got = aexs.rank(df, segment="segment", method="first", ascending=False, partitions=partitions).toPandas()
        _same_ranks(
            got,
            _ranked(table, ["period", "segment"], method="first", ascending=False),
            key=("period", "segment", "exporter"),
        )


def test_rank_equals_spark_window_functions(sdf, table):
    """RANK, DENSE_RANK, ROW_NUMBER (ties by input order) and CUME_DIST over the rows that
    have a value: Spark's NaN must be filtered first, its ordering puts NaN on top."""
    with_id = sdf.withColumn("id", F.monotonically_increasing_id())
    present = with_id.where(F.col("value").isNotNull() & ~F.isnan("value"))
    w = Window.partitionBy("period").orderBy(F.col("value").desc())
    theirs = present.select(
        "period",
        "exporter",
        F.rank().over(w).alias("min"),
        F.dense_rank().over(w).alias("dense"),
        F.row_number().over(Window.partitionBy("period").orderBy(F.col("value").desc(), "id")).alias("first"),
        F.cume_dist().over(w).alias("cume"),
    ).toPandas()
    key = ["period", "exporter"]
    theirs = theirs.sort_values(key).reset_index(drop=True)
    for method, col, pct in [
        ("min", "min", False),
        ("dense", "dense", False),
        ("first", "first", False),
        ("max", "cume", True),
    ]:
        ours = aexs.rank(sdf, method=method, ascending=False, pct=pct).toPandas()
        ours = ours.dropna(subset=["rank"]).sort_values(key).reset_index(drop=True)
        assert ours[key].astype(str).equals(theirs[key].astype(str))
        np.testing.assert_allclose(
            ours["rank"].to_numpy(float), theirs[col].to_numpy(float), rtol=0, atol=1e-12, err_msg=method
        )


def test_nan_and_null_are_missing_while_spark_ranks_nan_first(spark):
    rows = [
        (1, "A", 5.0),
        (1, "B", float("nan")),
        (1, "C", None),
        (1, "D", 7.0),
        (2, "A", 1.0),
        (2, "B", 2.0),
        (2, "C", float("nan")),
        (2, "D", 2.0),
    ]
    df = spark.createDataFrame(rows, "period int, exporter string, value double")
    spark_own = df.select(
        "period", "exporter", F.rank().over(Window.partitionBy("period").orderBy(F.col("value").desc())).alias("r")
    ).toPandas()
    assert spark_own.set_index(["period", "exporter"])["r"][(1, "B")] == 1  # the trap
    ours = aexs.rank(df, method="min", ascending=False).toPandas().set_index(["period", "exporter"])
    assert ours["rank"].isna().tolist() == [False, True, True, False, False, False, True, False]
    assert ours["rank"][(1, "D")] == 1 and ours["rank"][(1, "A")] == 2
    assert ours["rank"][(2, "B")] == ours["rank"][(2, "D")] == 1 and ours["rank"][(2, "A")] == 3
    bottom = aexs.rank(df, method="min", ascending=False, na_option="bottom").toPandas()
    assert bottom.set_index(["period", "exporter"])["rank"][(1, "B")] == 3


def test_periods_straddling_arrow_batches_are_ranked_whole(spark, table):
    """Batches of 7 rows cut every period (24 rows) into pieces."""
    old = spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch")
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "7")
    try:
        df = spark.createDataFrame(table)
        got = aexs.rank(df, method="average", ascending=False, partitions=3).toPandas()
    finally:
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", old)
    _same_ranks(got, _ranked(table, ["period"], method="average", ascending=False))


def test_complete_groups_regroups_batches():
    import pyarrow as pa

    keys = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4]
    t = pa.table({"p": keys, "i": list(range(10))})
    for size in (1, 2, 3, 4, 10):
        out = list(aexs._complete_groups(t.to_batches(max_chunksize=size), "p"))
        assert sum(x.num_rows for x in out) == 10
        seen = [x.column("p").to_pylist() for x in out]
        flat = [k for s in seen for k in s]
        assert flat == keys
        for a, b in zip(seen, seen[1:]):
            assert a[-1] != b[0], (size, seen)  # no key in two tables


@pytest.mark.parametrize("rule", ["carried", "adjacent"])
@pytest.mark.parametrize("partitions", [1, 4, 12])
def test_overtakes_equal_single_machine(sdf, table, rule, partitions):
    got = aexs.overtakes(sdf, rule=rule, partitions=partitions).toPandas()
    want = scale_data.single_machine_overtakes(table, rule)
    assert len(want) > 500
    if rule == "carried":
        assert (want["period"] - want["since"] > 1).sum() > 50
    pd.testing.assert_frame_equal(scale_data.canonical(got), scale_data.canonical(want))


def test_overtakes_within_segments_equal_single_machine(spark):
    table = scale_data.panel(exporters=12, periods=30, seed=5, segments=["ev", "ice", "hev"])
    df = spark.createDataFrame(table)
    got = aexs.overtakes(df, segment="segment", partitions=5).toPandas()
    want = scale_data.single_machine_overtakes(table, "carried", segment="segment")
    pd.testing.assert_frame_equal(scale_data.canonical(got), scale_data.canonical(want))


def test_adjacent_overtakes_equal_a_spark_sql_self_join(spark, sdf):
    sdf.createOrReplaceTempView("panel")
    theirs = spark.sql("""
        WITH v AS (SELECT * FROM panel WHERE value IS NOT NULL AND NOT isnan(value)),
             p AS (SELECT period, LAG(period) OVER (ORDER BY period) AS since
                   FROM (SELECT DISTINCT period FROM panel))
        SELECT a.period, a.exporter AS subject, b.exporter AS rival, p.since, false AS bridged
        FROM v a JOIN v b ON a.period = b.period AND a.value > b.value
        JOIN p ON p.period = a.period
        JOIN v a0 ON a0.period = p.since AND a0.exporter = a.exporter
        JOIN v b0 ON b0.period = p.since AND b0.exporter = b.exporter
        WHERE a0.value < b0.value""").toPandas()
    ours = aexs.overtakes(sdf, rule="adjacent", partitions=5).toPandas()
    assert len(theirs) > 500
    pd.testing.assert_frame_equal(scale_data.canonical(ours), scale_data.canonical(theirs))


def test_empty_and_bad_input(spark):
    one = spark.createDataFrame([(2020, "A", 1.0), (2020, "B", 2.0)], "period int, exporter string, value double")
    assert aexs.overtakes(one).count() == 0
    assert aexs.overtakes(one.where("false")).count() == 0
    with pytest.raises(ValueError, match="method"):
        aexs.rank(one, method="fastest")
    with pytest.raises(NotImplementedError, match="bridge_gaps"):
        from autoexports import _scale

        _scale.check_overtake_options("carried", True)


def test_spark_example_script_runs():
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
    proc = subprocess.run(
        [sys.executable, str(REPO / "examples/cluster/spark_example.py")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "rows ranked" in proc.stdout and "overtakes" in proc.stdout
    line = [x for x in proc.stdout.splitlines() if x.startswith("executors loaded:")][0]
    assert "libautoexports.so" in line
