"""W3 — ingest of the tidy CSV (exporter,period,metric,value), reported in MB/s.

Each tool reads the whole file into its in-memory form (DataFrame, Arrow table, DuckDB
table, autoexports Panel). The answer compared is (rows, missing values, sum of values):
values are whole numbers, so every correct parser gives the same sum exactly. The file
is read once untimed first, so every tool reads from the page cache.
"""

from __future__ import annotations

import numpy as np

from .core import Tool, Workload, has_binding, tool, workload


def _compare(answer, ref):
    a, b = tuple(answer), tuple(ref)
    return None if a == b else f"(rows, missing, sum) = {a}, expected {b}"


W3 = workload(
    Workload(
        id="W3",
        title="tidy CSV ingest",
        variants=["csv"],
        sizes=["S", "M", "L"],
        unit="MB/s",
        work=lambda panel, variant: panel.meta["csv_bytes"] / 1e6,
        compare=_compare,
    )
)


def _summary(values) -> tuple[int, int, float]:
    v = np.asarray(values, dtype=np.float64)
    miss = np.isnan(v)
    return int(v.size), int(miss.sum()), float(v[~miss].sum())


class _Base(Tool):
    def setup(self, panel, variant):
        self.path = str(panel.csv)
        with open(self.path, "rb") as f:  # into the page cache
            while f.read(1 << 24):
                pass


@tool("W3", "pandas", needs=("pandas",))
class PandasIngest(_Base):
    def run(self):
        import pandas as pd

        return pd.read_csv(self.path)

    def answer(self, result):
        return _summary(result["value"].to_numpy(dtype=np.float64, na_value=np.nan))


@tool("W3", "polars", needs=("polars",))
class PolarsIngest(_Base):
    def run(self):
        import polars as pl

        return pl.read_csv(self.path)

    def answer(self, result):
        import polars as pl

        return _summary(result["value"].cast(pl.Float64).fill_null(np.nan).to_numpy())


@tool("W3", "pyarrow", needs=("pyarrow",))
class PyArrowIngest(_Base):
    def run(self):
        import pyarrow.csv as pacsv

        return pacsv.read_csv(self.path)

    def answer(self, result):
        col = result.column("value").cast("double").fill_null(float("nan"))
        return _summary(col.to_numpy())


@tool("W3", "duckdb", needs=("duckdb",))
class DuckDBIngest(_Base):
    def setup(self, panel, variant):
        import duckdb

        super().setup(panel, variant)
        self.con = duckdb.connect()

    def reset(self):
        self.con.execute("DROP TABLE IF EXISTS t")

    def run(self):
        self.con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [self.path])

    def answer(self, result):
        n, miss, s = self.con.execute("SELECT count(*), count(*) - count(value), sum(value)::DOUBLE FROM t").fetchone()
        return int(n), int(miss), float(s)


@tool("W3", "autoexports")
class AutoexportsIngest(_Base):
    """The tidy-CSV importer, strict policy, into a Panel. The generated exporters are
    codes of their own (E0001, ...), kept with ``unknown_exporters="keep"`` instead of being
    rejected as unknown; every other check (numbers, periods, duplicates) runs as usual."""

    @classmethod
    def pending(cls):
        return has_binding("read_csv")

    def run(self):
        import autoexports

        return autoexports.read_csv(self.path, unknown_exporters="keep")

    def answer(self, result):
        try:
            return _summary(result.columns()["value"])
        finally:
            result.close()
