"""W2 — all-pairs overtakes between consecutive periods.

Variants: `count` (how many) and `events` (every (period, subject, rival), materialized).
Overtake as timed here: both exporters have values at t-1 and t, A(t-1) < B(t-1) and
A(t) > B(t), strictly (see reference.py). Peers run the idiomatic self-join: pair each
row with the same exporter's next period, then join that with itself on the period and
keep the crossed pairs. It grows with exporters² per period, so on the larger panels the
peers run out of time (2 minutes) or memory; the table says where each stops.
"""

from __future__ import annotations

import numpy as np

from . import reference
from .core import Tool, Workload, has_binding, tool, workload


def _compare(answer, ref):
    if isinstance(ref, (int, np.integer)) or np.ndim(ref) == 0:
        return None if int(answer) == int(ref) else f"count {int(answer)}, expected {int(ref)}"
    a, b = np.asarray(answer), np.asarray(ref)
    if a.shape != b.shape:
        return f"{a.size} events, expected {b.size}"
    if not np.array_equal(a, b):
        return f"{int((a != b).sum())} events differ"
    return None


W2 = workload(
    Workload(
        id="W2",
        title="all-pairs overtakes between consecutive periods",
        variants=["count", "events"],
        sizes=["S", "M", "L"],
        unit="Mrows/s",
        work=lambda panel, variant: panel.rows / 1e6,
        compare=_compare,
    )
)

SQL_CUR = """
WITH p AS (SELECT period, exporter, value FROM panel WHERE value IS NOT NULL),
cur AS (SELECT a.period, a.exporter, a.value AS v0, b.value AS v1
        FROM p a JOIN p b ON b.exporter = a.exporter AND b.period = a.period + 1)
"""
SQL_PAIRS = "FROM cur x JOIN cur y ON x.period = y.period AND x.v0 < y.v0 AND x.v1 > y.v1"
SQL_COUNT = SQL_CUR + "SELECT count(*) " + SQL_PAIRS
SQL_EVENTS = SQL_CUR + "SELECT x.period + 1 AS t, x.exporter AS subject, y.exporter AS rival " + SQL_PAIRS


class _Base(Tool):
    def answer(self, result):
        if self.variant == "count":
            return int(result)
        t, s, r = result
        return reference.event_codes(t, s, r, self.exporters)

    def _setup(self, panel, variant):
        self.variant = variant
        self.exporters = panel.exporters


@tool("W2", "numpy")
class NumpyOvertakes(_Base):
    """Reference: inversions counted with a Fenwick tree across all period pairs at once
    (count); banded comparison of neighbours in the earlier order (events)."""

    def setup(self, panel, variant):
        self._setup(panel, variant)
        self.cols = panel.arrays()

    def run(self):
        if self.variant == "count":
            return reference.overtake_count(*self.cols)
        return reference.overtake_events(*self.cols)


@tool("W2", "pandas", needs=("pandas", "pyarrow"))
class PandasOvertakes(_Base):
    def setup(self, panel, variant):
        import pandas as pd

        self._setup(panel, variant)
        self.df = pd.read_parquet(panel.parquet)

    def run(self):
        df = self.df.dropna(subset=["value"])
        nxt = df.assign(period=df["period"] - 1)
        cur = df.merge(nxt, on=["exporter", "period"], suffixes=("0", "1"))
        pairs = cur.merge(cur, on="period")
        ev = pairs[(pairs["value0_x"] < pairs["value0_y"]) & (pairs["value1_x"] > pairs["value1_y"])]
        if self.variant == "count":
            return len(ev)
        return ((ev["period"] + 1).to_numpy(), ev["exporter_x"].to_numpy(), ev["exporter_y"].to_numpy())


@tool("W2", "polars", needs=("polars",))
class PolarsOvertakes(_Base):
    def setup(self, panel, variant):
        import polars as pl

        self._setup(panel, variant)
        self.pl = pl
        self.df = pl.read_parquet(panel.parquet)

    def run(self):
        pl = self.pl
        lf = self.df.lazy().drop_nulls("value")
        cur = lf.join(lf.with_columns(pl.col("period") - 1), on=["exporter", "period"], suffix="_1")
        pairs = cur.join(cur, on="period", suffix="_b").filter(
            (pl.col("value") < pl.col("value_b")) & (pl.col("value_1") > pl.col("value_1_b"))
        )
        if self.variant == "count":
            return pairs.select(pl.len()).collect().item()
        ev = pairs.select((pl.col("period") + 1).alias("t"), "exporter", "exporter_b").collect()
        return (ev["t"].to_numpy(), ev["exporter"].to_numpy(), ev["exporter_b"].to_numpy())


@tool("W2", "duckdb", needs=("duckdb", "pyarrow"))
class DuckDBOvertakes(_Base):
    def setup(self, panel, variant):
        import duckdb

        self._setup(panel, variant)
        self.con = duckdb.connect()
        self.con.execute("CREATE TABLE panel AS SELECT * FROM read_parquet(?)", [str(panel.parquet)])

    def run(self):
        if self.variant == "count":
            return self.con.execute(SQL_COUNT).fetchone()[0]
        tab = self.con.execute(SQL_EVENTS).fetch_arrow_table()
        return tuple(tab.column(c).to_numpy() for c in ("t", "subject", "rival"))


@tool("W2", "sqlite")
class SQLiteOvertakes(_Base):
    def setup(self, panel, variant):
        self._setup(panel, variant)
        self.con = panel.sqlite()

    def reset(self):
        self.con.execute("DROP TABLE IF EXISTS out")

    def run(self):
        if self.variant == "count":
            return self.con.execute(SQL_COUNT).fetchone()[0]
        self.con.execute("CREATE TEMP TABLE out AS " + SQL_EVENTS)

    def answer(self, result):
        if self.variant == "count":
            return int(result)
        rows = self.con.execute("SELECT t, subject, rival FROM out").fetchall()
        cols = [np.array(c, dtype=np.int64) for c in zip(*rows)] or [np.empty(0, np.int64)] * 3
        return reference.event_codes(*cols, self.exporters)


@tool("W2", "autoexports")
class AutoexportsOvertakes(_Base):
    """All-pairs overtakes over plain arrays (issue 7): `autoexports.count_overtakes` and
    `autoexports.overtakes(periods, entities, values, as_frame=False)` with
    rule="adjacent", the definition timed here (strict in both periods; the library's
    default rule carries ties over from earlier periods, docs/design.md §4)."""

    @classmethod
    def pending(cls):
        return has_binding("count_overtakes")

    def setup(self, panel, variant):
        import autoexports

        self._setup(panel, variant)
        self.ae = autoexports
        self.cols = panel.arrays()

    def run(self):
        if self.variant == "count":
            return self.ae.count_overtakes(*self.cols, rule="adjacent")
        ev = self.ae.overtakes(*self.cols, rule="adjacent", as_frame=False)
        return ev.period, ev.subject, ev.rival
