"""Seeded synthetic export panels, written once and cached under the build folder.

A panel is every (exporter, period) pair of `exporters` × `periods`, in period-major
order (row = period * exporters + exporter), with three columns:

    period    int32   0 .. periods-1
    exporter  int32   0 .. exporters-1
    value     float64 whole units, lognormal; NaN = missing

Values follow log v = level + trend·t + random walk: levels differ by exporter, trends
make ranks drift (long-run overtakes), the random walk makes neighbours swap (short-run
overtakes, a few per exporter and period). About 1% of the rows copy the value of
another exporter in the same period (exact ties) and 0.5% are missing.

Files, in `<cache>/<size>-seed<seed>-v<GENERATOR_VERSION>/`:
    period.npy exporter.npy value.npy   the columns (what autoexports is given)
    panel.parquet                       the same, value null where missing (the peers)
    panel.csv                           the project's tidy CSV: exporter,period,metric,value
                                        (exporter `E0001`…, period a month `1700-01`…,
                                        metric `units`, blank value = missing)
    meta.json                           sizes, seed, tie and missing fractions, file sizes
A folder with meta.json is complete (meta.json is written last); reruns reuse it.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

GENERATOR_VERSION = 1
SEED = 20230101

SIZES = {
    "S": (200, 50),  # 10k rows
    "M": (250, 4000),  # 1M rows
    "L": (2000, 5000),  # 10M rows
}


@dataclass(frozen=True)
class Panel:
    """Paths of one cached panel and its metadata."""

    size: str
    folder: Path
    meta: dict

    @property
    def exporters(self) -> int:
        return self.meta["exporters"]

    @property
    def periods(self) -> int:
        return self.meta["periods"]

    @property
    def rows(self) -> int:
        return self.meta["rows"]

    @property
    def csv(self) -> Path:
        return self.folder / "panel.csv"

    @property
    def parquet(self) -> Path:
        return self.folder / "panel.parquet"

    def sqlite(self):
        """An in-memory SQLite database holding the panel as table `panel`.

        The table is built once into panel.sqlite beside the other files (inserting 10M
        rows from Python takes minutes) and copied into memory with SQLite's backup API.
        """
        import sqlite3

        path = self.folder / "panel.sqlite"
        if not path.is_file():
            tmp = path.with_suffix(".sqlite.tmp")
            tmp.unlink(missing_ok=True)
            period, exporter, value = self.arrays()
            con = sqlite3.connect(tmp)
            con.execute("CREATE TABLE panel (period INTEGER, exporter INTEGER, value REAL)")
            vals = [None if v != v else v for v in value.tolist()]
            with con:
                con.executemany("INSERT INTO panel VALUES (?, ?, ?)", zip(period.tolist(), exporter.tolist(), vals))
            con.close()
            tmp.rename(path)
        mem = sqlite3.connect(":memory:")
        src = sqlite3.connect(path)
        src.backup(mem)
        src.close()
        return mem

    def arrays(self, mmap: bool = False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(period, exporter, value) as numpy arrays."""
        mode = "r" if mmap else None
        return tuple(
            np.load(self.folder / f"{c}.npy", mmap_mode=mode)  # type: ignore[return-value]
            for c in ("period", "exporter", "value")
        )


def generate(exporters: int, periods: int, seed: int = SEED) -> tuple[np.ndarray, ...]:
    """The three columns of a panel (deterministic for a seed)."""
    rng = np.random.default_rng(seed)
    n, t = exporters, periods
    level = rng.normal(13.0, 1.2, n)  # e^13 ≈ 440k units
    trend = rng.normal(0.0, 1.0, n) / max(t, 1)  # drifts about ±1 in log over the span
    steps = rng.normal(0.0, 16.0 / n, (t, n))  # random walk: neighbours swap
    walk = np.cumsum(steps, axis=0)
    tt = np.arange(t, dtype=np.float64)[:, None]
    logv = level[None, :] + trend[None, :] * tt + walk
    value = np.maximum(np.rint(np.exp(logv)), 1.0).reshape(-1)
    del steps, walk, logv

    rows = n * t
    period = np.repeat(np.arange(t, dtype=np.int32), n)
    exporter = np.tile(np.arange(n, dtype=np.int32), t)

    # ~1% of rows in exact ties: 0.5% of rows take the value of their next-larger
    # neighbour in the same period (a tie that a rank change passes through).
    grid = value.reshape(t, n)
    order = np.argsort(grid, axis=1)
    pos = np.empty_like(order)
    np.put_along_axis(pos, order, np.arange(n)[None, :].repeat(t, 0), axis=1)
    tie = (rng.random((t, n)) < 0.005) & (pos < n - 1)
    tt_idx, ee_idx = np.nonzero(tie)
    upper = order[tt_idx, pos[tt_idx, ee_idx] + 1]
    grid[tt_idx, ee_idx] = grid[tt_idx, upper]
    del order, pos
    # ~0.5% missing.
    value[rng.random(rows) < 0.005] = np.nan
    return period, exporter, value


def tie_fraction(period: np.ndarray, value: np.ndarray) -> float:
    """Fraction of present rows whose value equals another present value of the same period."""
    ok = ~np.isnan(value)
    p, v = period[ok], value[ok]
    order = np.lexsort((v, p))
    p, v = p[order], v[order]
    same = (p[1:] == p[:-1]) & (v[1:] == v[:-1])
    tied = np.zeros(p.size, dtype=bool)
    tied[1:] |= same
    tied[:-1] |= same
    return float(tied.mean()) if p.size else 0.0


def period_label(t: np.ndarray) -> np.ndarray:
    """Month labels '1700-01', '1700-02', … for period indices."""
    years = (1700 + t // 12).astype(str)
    months = np.char.zfill((t % 12 + 1).astype(str), 2)
    return np.char.add(np.char.add(years, "-"), months)


def _write_tables(folder: Path, period, exporter, value, n: int, t: int) -> None:
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    mask = np.isnan(value)
    table = pa.table(
        {
            "period": pa.array(period),
            "exporter": pa.array(exporter),
            "value": pa.array(value, mask=mask),
        }
    )
    pq.write_table(table, folder / "panel.parquet")

    codes = np.char.add("E", np.char.zfill(np.arange(n).astype(str), 4))
    labels = period_label(np.arange(t))
    ints = np.where(mask, 0, value).astype(np.int64)
    frame = pl.DataFrame(
        {
            "exporter": pl.Series(codes)[pl.Series(exporter)],
            "period": pl.Series(labels)[pl.Series(period)],
            "metric": pl.repeat("units", len(value), eager=True),
            "value": pl.Series(ints).set(pl.Series(mask), None),
        }
    )
    frame.write_csv(folder / "panel.csv", null_value="")


def ensure(size: str, cache: Path, seed: int = SEED, log=print) -> Panel:
    """The cached panel of a size ('S', 'M', 'L'), generating it when missing."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, got {size!r}")
    n, t = SIZES[size]
    folder = Path(cache) / f"{size}-seed{seed}-v{GENERATOR_VERSION}"
    meta_path = folder / "meta.json"
    if meta_path.is_file():
        return Panel(size, folder, json.loads(meta_path.read_text()))
    log(f"data: generating {size} ({n} exporters × {t} periods = {n * t:,} rows) in {folder}")
    if folder.exists():
        shutil.rmtree(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    period, exporter, value = generate(n, t, seed)
    for name, arr in (("period", period), ("exporter", exporter), ("value", value)):
        np.save(tmp / f"{name}.npy", arr)
    _write_tables(tmp, period, exporter, value, n, t)
    meta = {
        "size": size,
        "exporters": n,
        "periods": t,
        "rows": n * t,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "missing_fraction": float(np.isnan(value).mean()),
        "tie_fraction": tie_fraction(period, value),
        "csv_bytes": os.path.getsize(tmp / "panel.csv"),
        "parquet_bytes": os.path.getsize(tmp / "panel.parquet"),
    }
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1))
    tmp.rename(folder)
    return Panel(size, folder, meta)
