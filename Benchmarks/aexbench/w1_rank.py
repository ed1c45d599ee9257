"""W1 — grouped rank: rank every exporter within its period, descending.

Variants: `competition` (SQL RANK(), pandas 'min', Excel RANK.EQ) and `fractional`
(pandas 'average', Excel RANK.AVG). Missing values keep no rank and are not counted.
Every tool returns the ranks of all rows; they must equal the numpy reference exactly
(NaN where the value is missing).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import reference
from .core import Tool, Workload, has_binding, tool, workload

PANDAS_METHOD = {"competition": "min", "fractional": "average"}


def _compare(answer, ref):
    a, b = np.asarray(answer, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    if a.shape != b.shape:
        return f"{a.shape[0]} ranks, expected {b.shape[0]}"
    bad = ~((a == b) | (np.isnan(a) & np.isnan(b)))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        return f"{int(bad.sum())} ranks differ (row {i}: {a[i]} instead of {b[i]})"
    return None


W1 = workload(
    Workload(
        id="W1",
        title="grouped rank within each period (descending)",
        variants=["competition", "fractional"],
        sizes=["S", "M", "L"],
        unit="Mrows/s",
        work=lambda panel, variant: panel.rows / 1e6,
        compare=_compare,
    )
)


def _sql(variant: str) -> str:
    rank = "RANK() OVER (PARTITION BY period ORDER BY value DESC NULLS LAST)"
    if variant == "fractional":
        rank += " + (COUNT(*) OVER (PARTITION BY period, value) - 1) / 2.0"
    return f"SELECT period, exporter, CASE WHEN value IS NULL THEN NULL ELSE {rank} END AS r FROM panel"


def _scatter(panel, period, exporter, r) -> np.ndarray:
    """Rows returned by SQL (any order) back into panel order (row = period·n + exporter)."""
    out = np.full(panel.rows, np.nan)
    out[np.asarray(period, dtype=np.int64) * panel.exporters + np.asarray(exporter)] = r
    return out


@tool("W1", "numpy")
class NumpyRank(Tool):
    """Reference: one lexsort by (period, −value) and run boundaries."""

    def setup(self, panel, variant):
        self.period, _, self.value = panel.arrays()
        self.method = variant

    def run(self):
        return reference.grouped_rank(self.period, self.value, self.method)


@tool("W1", "pandas", needs=("pandas", "pyarrow"))
class PandasRank(Tool):
    def setup(self, panel, variant):
        import pandas as pd

        self.df = pd.read_parquet(panel.parquet)
        self.method = PANDAS_METHOD[variant]

    def run(self):
        return self.df.groupby("period")["value"].rank(method=self.method, ascending=False)

    def answer(self, result):
        return result.to_numpy(dtype=np.float64, na_value=np.nan)


@tool("W1", "polars", needs=("polars",))
class PolarsRank(Tool):
    def setup(self, panel, variant):
        import polars as pl

        self.pl = pl
        self.df = pl.read_parquet(panel.parquet)
        self.method = PANDAS_METHOD[variant]

    def run(self):
        pl = self.pl
        return self.df.select(pl.col("value").rank(method=self.method, descending=True).over("period"))

    def answer(self, result):
        return result.to_series().cast(self.pl.Float64).fill_null(np.nan).to_numpy()


@tool("W1", "duckdb", needs=("duckdb", "pyarrow"))
class DuckDBRank(Tool):
    def setup(self, panel, variant):
        import duckdb

        self.panel = panel
        self.con = duckdb.connect()
        self.con.execute("CREATE TABLE panel AS SELECT * FROM read_parquet(?)", [str(panel.parquet)])
        self.sql = _sql(variant)

    def run(self):
        return self.con.execute(self.sql).fetch_arrow_table()

    def answer(self, result):
        r = result.column("r").to_numpy(zero_copy_only=False).astype(np.float64)
        return _scatter(self.panel, result.column("period").to_numpy(), result.column("exporter").to_numpy(), r)


@tool("W1", "sqlite")
class SQLiteRank(Tool):
    """Python's sqlite3, in-memory; the result is materialized inside SQLite (no Python rows)."""

    def setup(self, panel, variant):
        self.panel = panel
        self.con = panel.sqlite()
        self.sql = _sql(variant)

    def reset(self):
        self.con.execute("DROP TABLE IF EXISTS out")

    def run(self):
        self.con.execute("CREATE TEMP TABLE out AS " + self.sql)

    def answer(self, result):
        rows = self.con.execute("SELECT period, exporter, r FROM out").fetchall()
        p, e, r = (np.array(c, dtype=np.float64) for c in zip(*rows))
        return _scatter(self.panel, p.astype(np.int64), e.astype(np.int64), np.where(np.isnan(r), np.nan, r))


@tool("W1", "autoexports-loop")
class AutoexportsLoopRank(Tool):
    """Baseline until grouped ranking lands: `autoexports.rank` once per period."""

    @classmethod
    def pending(cls):
        return has_binding("rank")

    def setup(self, panel, variant):
        import autoexports

        self.rank = autoexports.rank
        self.period, _, self.value = panel.arrays()
        self.method = PANDAS_METHOD[variant]

    def run(self):
        order = np.argsort(self.period, kind="stable")
        p = self.period[order]
        v = self.value[order]
        cuts = np.concatenate(([0], np.flatnonzero(p[1:] != p[:-1]) + 1, [p.size]))
        ranked = np.empty_like(v)
        for s, e in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
            ranked[s:e] = self.rank(v[s:e], method=self.method, ascending=False)
        out = np.empty_like(ranked)
        out[order] = ranked
        return out


@tool("W1", "autoexports")
class AutoexportsRank(Tool):
    """Grouped ranking in one call (issue 6): `autoexports.rank_groups(groups, values, …)`."""

    @classmethod
    def pending(cls):
        return has_binding("rank_groups")

    def setup(self, panel, variant):
        import autoexports

        self.rank_groups = autoexports.rank_groups
        self.period, _, self.value = panel.arrays()
        self.method = PANDAS_METHOD[variant]

    def run(self):
        return self.rank_groups(self.period, self.value, method=self.method, ascending=False)


DUCKDB_EXTENSION = Path(__file__).resolve().parents[2] / ".build" / "release" / "autoexports.duckdb_extension"


@tool("W1", "autoexports-duckdb", needs=("duckdb", "pyarrow"))
class AutoexportsDuckDBRank(Tool):
    """Inside DuckDB through the extension (issue 22), beside DuckDB's own RANK() row:
    aex_rank_eq / aex_rank_avg of each value in its period's list(value) window."""

    @classmethod
    def pending(cls):
        if not DUCKDB_EXTENSION.is_file():
            return "the DuckDB extension is not built (make duckdb)"
        return None

    def setup(self, panel, variant):
        import duckdb

        self.panel = panel
        self.con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
        self.con.execute(f"LOAD '{DUCKDB_EXTENSION}'")
        self.con.execute("CREATE TABLE panel AS SELECT * FROM read_parquet(?)", [str(panel.parquet)])
        fn = "aex_rank_eq" if variant == "competition" else "aex_rank_avg"
        self.sql = f"SELECT period, exporter, {fn}(value, list(value) OVER (PARTITION BY period)) AS r FROM panel"

    def run(self):
        return self.con.execute(self.sql).fetch_arrow_table()

    def answer(self, result):
        r = result.column("r").to_numpy(zero_copy_only=False).astype(np.float64)
        return _scatter(self.panel, result.column("period").to_numpy(), result.column("exporter").to_numpy(), r)
