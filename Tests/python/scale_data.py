"""Generated tables for the scale-out tests (Dask, Spark): ties, gaps, long tied runs.

One row per (period, exporter[, segment]) in shuffled order, exporters as text, periods
as integers. Values come from a few levels (many exact ties within a period), about 5%
are missing, and some exporters sit at 0 for long runs of periods before they start, so
that pairs tied at a bucket boundary separate later (the carried overtake rule then
needs the order from before the boundary).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def panel(exporters: int = 24, periods: int = 36, seed: int = 1, segments=None, missing: float = 0.05) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frames = []
    for seg in segments or [None]:
        n, t = exporters, periods
        value = rng.integers(1, 7, n * t).astype(np.float64).reshape(t, n)
        # long zero runs: exporter e exports nothing until its start period
        starts = rng.integers(0, t, n)
        starts[: n // 2] = 0
        value[np.arange(t)[:, None] < starts[None, :]] = 0.0
        # a pair tied for many periods, then apart (in both directions over time)
        value[5:17, 0] = value[5:17, 1] = 3.0
        value[4, 0], value[4, 1] = 2.0, 5.0
        value = value.reshape(-1)
        value[rng.random(n * t) < missing] = np.nan
        df = pd.DataFrame(
            {
                "period": np.repeat(np.arange(2000, 2000 + t), n),
                "exporter": np.tile([f"X{e:02d}" for e in range(n)], t),
                "value": value,
            }
        )
        if seg is not None:
            df.insert(2, "segment", seg)
        frames.append(df)
    out = pd.concat(frames, ignore_index=True)
    return out.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def group_ids(df: pd.DataFrame, by) -> np.ndarray:
    """Integer ids of the (period[, segment]) groups, computed by pandas."""
    return df.groupby(list(by), sort=False).ngroup().to_numpy(np.int64)


def canonical(events: pd.DataFrame) -> pd.DataFrame:
    """Events sorted by every key column, with plain dtypes, for equality checks."""
    cols = [c for c in ["segment", "period", "subject", "rival", "since", "bridged"] if c in events.columns]
    out = events[cols].copy()
    for c in cols:
        if c in ("period", "since"):
            out[c] = out[c].astype(np.int64)
        elif c == "bridged":
            out[c] = out[c].astype(bool)
        else:
            out[c] = out[c].astype(str)
    return out.sort_values(cols).reset_index(drop=True)


def single_machine_overtakes(df: pd.DataFrame, rule: str, segment=None) -> pd.DataFrame:
    """autoexports.overtakes on the whole table (per segment), the reference answer."""
    import autoexports

    if segment is None:
        return autoexports.overtakes(
            df["period"].to_numpy(), df["exporter"].to_numpy(), df["value"].to_numpy(), rule=rule
        )
    parts = []
    for seg, sub in df.groupby(segment):
        ev = autoexports.overtakes(
            sub["period"].to_numpy(), sub["exporter"].to_numpy(), sub["value"].to_numpy(), rule=rule
        )
        ev.insert(0, "segment", seg)
        parts.append(ev)
    return pd.concat(parts, ignore_index=True)


def self_join_adjacent(df: pd.DataFrame) -> pd.DataFrame:
    """Overtakes under the adjacent rule by brute force in pandas: every pair strictly
    ordered one way at the previous period present and the other way now."""
    periods = np.sort(df["period"].unique())
    prev_of = dict(zip(periods[1:], periods[:-1]))
    d = df.dropna(subset=["value"])
    now = d.rename(columns={"exporter": "subject", "value": "vs"}).merge(
        d.rename(columns={"exporter": "rival", "value": "vr"}), on="period"
    )
    now = now[now["vs"] > now["vr"]]
    now = now.assign(since=now["period"].map(prev_of)).dropna(subset=["since"])
    before = d.rename(columns={"period": "since", "exporter": "subject", "value": "ps"}).merge(
        d.rename(columns={"period": "since", "exporter": "rival", "value": "pr"}), on="since"
    )
    ev = now.merge(before, on=["since", "subject", "rival"])
    ev = ev[ev["ps"] < ev["pr"]]
    return ev.assign(bridged=False)[["period", "subject", "rival", "since", "bridged"]]
