"""W1 and W2 through Dask and Spark: the same kernels run inside an engine's workers.

Registered as extra `autoexports-…` tools of W1 (grouped rank) and W2 (overtakes, the
adjacent rule timed by W2), so the table shows them beside the single-process call:

    autoexports-dask           LocalCluster of 2 worker processes (1 thread each); the
                               input already in buckets of whole periods, persisted in
                               the workers (`autoexports.dask.by_period`, untimed):
                               timed = the tasks that call the kernels
    autoexports-dask+shuffle   the same, timed from the panel as loaded (8 partitions of
                               rows): period counts, the shuffle into buckets, the tasks
    autoexports-spark          Spark local[2]; input cached; timed = range partitioning
                               (rank) or period buckets with boundary copies (overtakes),
                               the Python workers' kernel calls

Each timed run ends when the result exists in the workers (Dask: persisted and waited
for; Spark: written to the `noop` sink; W2 count: the row count); collecting it into the
benchmark process for the answer check is untimed. Peak memory is the driver's only (the
workers are other processes). Needs dask/distributed/pyspark (Benchmarks/requirements.txt);
where they are not installed the tools report `pending`.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import time

import numpy as np

from . import reference
from .core import Tool, has_binding, tool

PARTITIONS = 8
PANDAS_METHOD = {"competition": "min", "fractional": "average"}


def _pending(*modules: str, binding: str) -> "str | None":
    for m in modules:
        if importlib.util.find_spec(m) is None:
            return f"{m} is not installed (Benchmarks/requirements.txt)"
    reason = has_binding("overtakes")  # the binding loads at all
    if reason:
        return reason
    try:
        importlib.import_module(f"autoexports.{binding}")
    except ImportError as e:
        return f"autoexports.{binding} does not import: {e}"
    return None


def _scatter(panel, period, exporter, r) -> np.ndarray:
    out = np.full(panel.rows, np.nan)
    out[np.asarray(period, dtype=np.int64) * panel.exporters + np.asarray(exporter, dtype=np.int64)] = np.asarray(
        r, dtype=np.float64
    )
    return out


def _events_answer(variant, result, exporters):
    if variant == "count":
        return int(result)
    return reference.event_codes(
        result["period"].to_numpy(), result["subject"].to_numpy(), result["rival"].to_numpy(), exporters
    )


def _held_keys(keys, dask_scheduler=None):
    """The keys of `keys` the scheduler still has (run on the scheduler)."""
    return [k for k in keys if k in dask_scheduler.tasks]


class _Dask(Tool):
    shuffle = False
    modules = ("dask", "distributed", "pyarrow")

    def setup(self, panel, variant):
        import logging

        import autoexports.dask as aexd
        import dask.dataframe as dd
        import pandas as pd
        from distributed import Client, LocalCluster

        logging.getLogger("distributed").setLevel(logging.ERROR)
        self.aexd, self.panel, self.variant = aexd, panel, variant
        self.cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="6GiB"
        )
        self.client = Client(self.cluster)
        raw = dd.from_pandas(pd.read_parquet(panel.parquet), npartitions=PARTITIONS).persist()
        if self.shuffle:
            self.df = raw
        else:
            self.df = aexd.by_period(raw, partitions=PARTITIONS).persist()
        from distributed import wait

        wait(self.df)
        self._result = None

    def reset(self):
        # Drop the previous run's result from the workers, and wait until the scheduler has
        # forgotten its keys: the next run builds the same graph (the same keys), and a
        # persist of keys still in memory returns at once without computing anything (a
        # "run" of 5.7 ms for 10M rows was that). Cancelling them instead races with the
        # next run's persist of the same keys.
        if self._result is None:
            return
        import gc

        from distributed import futures_of

        keys = [f.key for f in futures_of(self._result)]
        self._result = None
        gc.collect()
        deadline = time.monotonic() + 60
        while self.client.run_on_scheduler(_held_keys, keys):
            if time.monotonic() > deadline:
                raise RuntimeError("the Dask scheduler still holds the previous run's result after 60 s")
            time.sleep(0.005)

    def _done(self, frame):
        from distributed import wait

        frame = frame.persist()
        wait(frame)
        return frame


class _DaskRank(_Dask):
    def run(self):
        r = self.aexd.rank(
            self.df,
            method=PANDAS_METHOD[self.variant],
            ascending=False,
            partitioned=not self.shuffle,
            partitions=PARTITIONS,
        )
        self._result = self._done(r)
        return self._result

    def answer(self, result):
        pdf = result.compute()
        return _scatter(self.panel, pdf["period"], pdf["exporter"], pdf["rank"])


class _DaskOvertakes(_Dask):
    def run(self):
        ev = self.aexd.overtakes(self.df, rule="adjacent", partitioned=not self.shuffle, partitions=PARTITIONS)
        if self.variant == "count":
            return int(ev.shape[0].compute())
        self._result = self._done(ev)
        return self._result

    def answer(self, result):
        if self.variant == "count":
            return int(result)
        return _events_answer(self.variant, result.compute(), self.panel.exporters)


@tool("W1", "autoexports-dask")
class DaskRank(_DaskRank):
    @classmethod
    def pending(cls):
        return _pending(*cls.modules, binding="dask")


@tool("W1", "autoexports-dask+shuffle")
class DaskRankShuffle(_DaskRank):
    shuffle = True

    @classmethod
    def pending(cls):
        return _pending(*cls.modules, binding="dask")


@tool("W2", "autoexports-dask")
class DaskOvertakes(_DaskOvertakes):
    @classmethod
    def pending(cls):
        return _pending(*cls.modules, binding="dask")


@tool("W2", "autoexports-dask+shuffle")
class DaskOvertakesShuffle(_DaskOvertakes):
    shuffle = True

    @classmethod
    def pending(cls):
        return _pending(*cls.modules, binding="dask")


class _Spark(Tool):
    modules = ("pyspark", "pyarrow")

    @classmethod
    def pending(cls):
        return _pending(*cls.modules, binding="spark")

    def setup(self, panel, variant):
        os.environ["PYSPARK_PYTHON"] = sys.executable
        import autoexports.spark as aexs
        from pyspark.sql import SparkSession

        self.aexs, self.panel, self.variant = aexs, panel, variant
        self.spark = (
            SparkSession.builder.master("local[2]")
            .appName("aexbench")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "6g")
            .config("spark.sql.shuffle.partitions", str(PARTITIONS))
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        self.df = self.spark.read.parquet(str(panel.parquet)).cache()
        self.df.count()

    def _done(self, frame):
        frame.write.format("noop").mode("overwrite").save()
        return frame


@tool("W1", "autoexports-spark")
class SparkRank(_Spark):
    def run(self):
        return self._done(
            self.aexs.rank(self.df, method=PANDAS_METHOD[self.variant], ascending=False, partitions=PARTITIONS)
        )

    def answer(self, result):
        pdf = result.select("period", "exporter", "rank").toPandas()
        return _scatter(self.panel, pdf["period"], pdf["exporter"], pdf["rank"].to_numpy(np.float64, na_value=np.nan))


@tool("W2", "autoexports-spark")
class SparkOvertakes(_Spark):
    def run(self):
        ev = self.aexs.overtakes(self.df, rule="adjacent", partitions=PARTITIONS)
        if self.variant == "count":
            return ev.count()
        return self._done(ev)

    def answer(self, result):
        if self.variant == "count":
            return int(result)
        return _events_answer(self.variant, result.toPandas(), self.panel.exporters)
