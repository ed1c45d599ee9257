"""League tables: the exporters of a panel ranked in one period (C section "League tables")."""

from __future__ import annotations

import json
import warnings
from ctypes import byref, c_int64, c_void_p, create_string_buffer
from typing import TYPE_CHECKING, Iterable, List, Optional, Tuple, TypedDict, Union, cast

from ._ffi import lib
from ._panel import ExporterName, Panel, PeriodLike, _text, period_code, segment_code
from ._ranking import _method_code
from ._vocabulary import RankMethod, Segment

if TYPE_CHECKING:
    import pandas as pd

# AEX_BASIS_*, by the names the CLI uses.
BASES = {"value": 0, "share": 1, "share-of": 2, "segment-share": 3, "yoy": 4, "yoy-pct": 5}

COLUMNS = [
    "rank",
    "exporter",
    "name",
    "value",
    "score",
    "share",
    "previous_value",
    "change",
    "change_percent",
    "previous_rank",
    "rank_change",
    "source",
    "scope",
    "citation",
]


class LeagueRow(TypedDict):
    """One row of a league table (``league_table`` without pandas; the DataFrame's columns).
    Numbers that do not apply (no previous period, ...) are NaN."""

    rank: int
    exporter: str
    name: str
    value: float
    score: float
    share: float
    previous_value: float
    change: float
    change_percent: float
    previous_rank: float
    rank_change: float
    source: str
    scope: str
    citation: str


class _Warning(TypedDict):
    kind: str
    message: str
    exporters: List[str]


class _TableJSON(TypedDict):
    """aex_league_table_json's document."""

    period: str
    previous_period: Optional[str]
    metric: str
    segment: str
    basis: str
    method: str
    ranked: int
    total: float
    rows: List[LeagueRow]
    warnings: List[_Warning]


class LeagueTableWarning(UserWarning):
    """Something the reader of a league table must know: series of different scopes
    ranked together, a stand-in series, exporters left out for lack of data."""


def _basis(by: str) -> Tuple[int, Optional[str]]:
    name = str(by).lower().replace("_", "-")
    if name.startswith("share-of:"):
        ref = str(by)[len("share-of:") :]
        if not ref:
            raise ValueError("by='share-of:' needs an aggregate, e.g. 'share-of:WLD'")
        return BASES["share-of"], ref
    if name == "share-of":
        raise ValueError("by='share-of' needs an aggregate, e.g. 'share-of:WLD'")
    try:
        return BASES[name], None
    except KeyError:
        raise ValueError(f"by must be one of {sorted(BASES)} or 'share-of:WLD', got {by!r}") from None


def _table_json(
    panel: Panel,
    period: PeriodLike,
    metric: str,
    segment: Segment,
    by: str,
    top: Optional[int],
    method: Union[RankMethod, str],
    exporters: Union[None, str, Iterable[ExporterName]],
) -> _TableJSON:
    basis, reference = _basis(by)
    if top is not None and int(top) < 1:
        raise ValueError(f"top must be at least 1, got {top!r}")
    if exporters is not None and not isinstance(exporters, str):
        exporters = ",".join(str(e) for e in exporters)
    L = lib()
    h = c_void_p()
    L.aex_league_table_create(
        byref(h),
        panel._h(),
        period_code(period),
        _text(metric),
        segment_code(segment),
        basis,
        _text(reference),
        0 if top is None else int(top),
        _method_code(method),
        _text(exporters),
    )
    try:
        n = c_int64()
        L.aex_league_table_json(None, 0, byref(n), h)
        buf = create_string_buffer(n.value + 1)
        L.aex_league_table_json(buf, n.value + 1, byref(n), h)
        doc: _TableJSON = json.loads(buf.raw[: n.value].decode("utf-8"))
        return doc
    finally:
        L.aex_league_table_free(h)


def league_table(
    panel: Optional[Panel] = None,
    period: Optional[PeriodLike] = None,
    metric: str = "units",
    segment: Segment = "total",
    by: str = "value",
    top: Optional[int] = None,
    method: RankMethod = "min",
    exporters: Union[None, str, Iterable[ExporterName]] = None,
    warn: bool = True,
    markets_of: Optional[str] = None,
) -> Union[pd.DataFrame, List[LeagueRow]]:
    """The league table of ``period``: exporters ranked by ``by`` (largest first).

    >>> t = league_table(period=2024)          # the embedded reference data
    >>> list(t["exporter"][:2])                # a pandas DataFrame when pandas is installed
    ['CHN', 'JPN']

    ``panel``: an :class:`autoexports.Panel` (None: the embedded reference data).
    ``period``: 2024, '2024', '2024-Q1', '2024-03' (required).
    ``metric``: 'units' or a currency ('usd'). ``segment``: 'total', 'nev', 'plugin',
    'conventional', 'bev', ...
    ``by``: 'value', 'share' (of the ranked sum), 'share-of:WLD' (of an aggregate),
    'segment-share' (e.g. NEV share of the exporter's total), 'yoy', 'yoy-pct'.
    ``top``: keep ranks up to ``top`` (ties kept). ``method``: the tie method ('min' =
    RANK.EQ, or any name :func:`rank` takes). ``exporters``: a list or comma-separated
    codes or names, None for every exporter (aggregates such as WLD are then left out).

    Returns a pandas DataFrame with the columns ``rank, exporter, name, value, score,
    share, previous_value, change, change_percent, previous_rank, rank_change, source,
    scope, citation`` (``df.attrs`` holds the period, metric, segment, basis and the
    warnings), or, without pandas, a list of dicts with those keys. Each warning is also
    issued as a :class:`LeagueTableWarning` unless ``warn=False``.

    ``markets_of``: an exporter ('CHN'): rank its destination markets instead of exporters
    (:func:`autoexports.market_league_table`; ``by='share-of'`` is then the share of the
    exporter's own total).
    """
    if period is None:
        raise ValueError("period is required, e.g. league_table(period=2024)")
    if markets_of is not None:
        if exporters is not None:
            raise ValueError("exporters and markets_of cannot be combined: markets_of ranks one exporter's markets")
        from ._destinations import market_league_table

        return market_league_table(panel, markets_of, period, metric, segment, by, top, method, warn)
    own = panel is None
    p = Panel.reference() if panel is None else panel
    try:
        t = _table_json(p, period, metric, segment, by, top, method, exporters)
    finally:
        if own:
            p.close()
    if warn:
        for w in t["warnings"]:
            warnings.warn(w["message"], LeagueTableWarning, stacklevel=2)
    rows = [cast(LeagueRow, {k: r[k] for k in COLUMNS}) for r in t["rows"]]  # type: ignore[literal-required]
    for r in rows:
        for k in (
            "value",
            "score",
            "share",
            "previous_value",
            "change",
            "change_percent",
            "previous_rank",
            "rank_change",
        ):
            if r[k] is None:
                r[k] = float("nan")
    try:
        import pandas as pd
    except ImportError:
        return rows
    df = pd.DataFrame(rows, columns=COLUMNS)
    df.attrs.update(
        {k: t[k] for k in ("period", "previous_period", "metric", "segment", "basis", "method", "ranked", "total")}
    )
    df.attrs["warnings"] = [w["message"] for w in t["warnings"]]
    return df
