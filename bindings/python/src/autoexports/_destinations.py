"""Destination markets (issue 19): where an exporter's exports went, by partner.

>>> df = explain_destinations(None, "CHN", to_period=2023)   # the embedded data, one period
>>> df["partner"].iloc[0]
'RUS'

Everything here is computed by the library (``aex_explain_destinations``,
``aex_explain_market_overtake``, ``aex_league_table_markets``); this module only turns
its JSON into DataFrames and dataclasses.
"""

from __future__ import annotations

import json
import warnings
from ctypes import byref, c_int64, c_void_p, create_string_buffer
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, SupportsIndex, Union

from ._explain import _call, _panel
from ._ffi import lib
from ._league import COLUMNS as _LEAGUE_COLUMNS
from ._league import LeagueTableWarning
from ._panel import Panel, _text, period_code, segment_code
from ._ranking import _method_code

if TYPE_CHECKING:  # pragma: no cover
    import pandas

Period = Union[int, str, SupportsIndex]

#: The columns of :func:`explain_destinations`, one row per partner (rest of world last).
DESTINATION_COLUMNS = [
    "partner",
    "name",
    "is_rest_of_world",
    "from",
    "to",
    "change",
    "share",
    "like_for_like",
    "in_exact_sum",
    "from_source",
    "from_scope",
    "to_source",
    "to_scope",
    "from_citation",
    "to_citation",
    "note",
]

# AEX_BASIS_* of a market league table; share-of is the share of the exporter's own total.
_MARKET_BASES = {"value": 0, "share": 1, "share-of": 2, "share-of:wld": 2, "segment-share": 3, "yoy": 4, "yoy-pct": 5}


def _nan(x: Any) -> float:
    return float("nan") if x is None else float(x)


def _from_code(from_period: Optional[Period]) -> int:
    return 0 if from_period is None else period_code(from_period)  # 0 = AEX_NO_PERIOD


def destinations_json(
    panel: Optional[Panel],
    exporter: str,
    from_period: Optional[Period] = None,
    to_period: Optional[Period] = None,
    metric: Optional[str] = None,
) -> Dict[str, Any]:
    """The library's JSON of :func:`explain_destinations` as a dict (``"kind":"destinations"``:
    ``total``, ``total_from``, ``total_to``, ``total_change``, ``lines``, ``warnings``,
    ``sentence``, ...; missing numbers are None)."""
    if to_period is None:
        raise ValueError("to_period is required, e.g. explain_destinations(None, 'CHN', to_period=2023)")
    if not isinstance(exporter, str):
        raise TypeError(f"exporter must be a code or name (str), got {type(exporter).__name__}")
    p, own = _panel(panel)
    try:
        return _call(
            lib().aex_explain_destinations,
            p._h(),
            exporter.encode(),
            _from_code(from_period),
            period_code(to_period),
            _text(metric),
        )
    finally:
        if own:
            p.close()


def _rows(d: Dict[str, Any]) -> List[Dict[str, Any]]:
    rows = []
    for line in d["lines"]:
        fs, ts = line.get("from_series") or {}, line.get("to_series") or {}
        rows.append(
            {
                "partner": line["partner"],
                "name": line["name"],
                "is_rest_of_world": bool(line["is_rest_of_world"]),
                "from": _nan(line["from"]),
                "to": _nan(line["to"]),
                "change": _nan(line["change"]),
                "share": _nan(line["share"]),
                "like_for_like": bool(line["like_for_like"]),
                "in_exact_sum": bool(line["in_exact_sum"]),
                "from_source": fs.get("source"),
                "from_scope": fs.get("scope"),
                "to_source": ts.get("source"),
                "to_scope": ts.get("scope"),
                "from_citation": line.get("from_citation"),
                "to_citation": line.get("to_citation"),
                "note": line.get("note"),
            }
        )
    return rows


def explain_destinations(
    panel: Optional[Panel],
    exporter: str,
    from_period: Optional[Period] = None,
    to_period: Optional[Period] = None,
    metric: Optional[str] = None,
) -> "pandas.DataFrame":
    """Where ``exporter``'s exports went, as a pandas DataFrame with one row per partner
    (the markets, largest first, then ``ROW``, the rest of world).

    One period (``from_period=None``): ``to`` is each market's value in ``to_period`` and
    ``share`` its share of the exporter's total. Two periods: ``change`` is each market's
    change and ``share`` its share of the total's change; the rows with ``in_exact_sum``
    add up to the total's change exactly. A market whose two figures differ in source or
    scope has ``like_for_like=False``, ``change`` NaN and a ``note`` saying why.

    Columns: ``partner, name, is_rest_of_world, from, to, change, share, like_for_like,
    in_exact_sum, from_source, from_scope, to_source, to_scope, from_citation,
    to_citation, note``. ``df.attrs`` holds ``exporter``, ``metric``, ``from``, ``to``,
    ``total`` (the total's series), ``total_from``, ``total_to``, ``total_change``,
    ``warnings``, ``sentence`` and ``json`` (the whole result; see
    :func:`destinations_json`).

    ``panel``: a :class:`Panel` or None for the embedded reference data. Periods: codes
    (2023) or texts ('2023'). Raises ``AutoExportsError`` subclasses naming the argument
    (an unknown exporter, a period without the total's figure, ...). Needs pandas.
    """
    import pandas as pd

    d = destinations_json(panel, exporter, from_period, to_period, metric)
    df = pd.DataFrame(_rows(d), columns=DESTINATION_COLUMNS)
    df.attrs.update(
        {
            "exporter": d["exporter"],
            "metric": d["metric"],
            "from": d["from"],
            "to": d["to"],
            "total": d["total"],
            "total_from": _nan(d["total_from"]),
            "total_to": _nan(d["total_to"]),
            "total_change": _nan(d["total_change"]),
            "warnings": list(d["warnings"]),
            "sentence": d["sentence"],
            "json": d,
        }
    )
    return df


#: The columns of :func:`destinations_by_segment`, one row per partner and powertrain.
BY_SEGMENT_COLUMNS = ["partner", "segment", "from", "to", "change", "share", "derived"]


def destinations_by_segment(
    panel: Optional[Panel],
    exporter: str,
    from_period: Optional[Period] = None,
    to_period: Optional[Period] = None,
    metric: Optional[str] = None,
) -> "pandas.DataFrame":
    """The split by partner × powertrain, where the data have both (a UN Comtrade file
    with HS subheadings, for instance): one row per partner and segment with ``from``,
    ``to``, ``change`` and ``share`` (of that partner's change; in one period, of its
    value), ``derived`` when the library computed the segment as a complement. Partners
    without a split have no rows. Same arguments as :func:`explain_destinations`;
    ``df.attrs`` as there. Needs pandas."""
    import pandas as pd

    d = destinations_json(panel, exporter, from_period, to_period, metric)
    rows = [
        {
            "partner": line["partner"],
            "segment": part["segment"],
            "from": _nan(part["from"]),
            "to": _nan(part["to"]),
            "change": _nan(part["change"]),
            "share": _nan(part["share"]),
            "derived": bool(part["derived"]),
        }
        for line in d["lines"]
        for part in line.get("by_segment") or []
    ]
    df = pd.DataFrame(rows, columns=BY_SEGMENT_COLUMNS)
    df.attrs.update({"exporter": d["exporter"], "metric": d["metric"], "from": d["from"], "to": d["to"], "json": d})
    return df


@dataclass(frozen=True)
class MarketOvertake:
    """ "Without its growth in ``partner``, would ``subject`` still have passed ``rival``?"

    ``partner_growth``, ``subject_without`` are NaN and ``overtakes_without`` is None
    when the partner's two figures are not like for like (``caveat`` says why)."""

    subject: str
    rival: str
    partner: str
    period: str
    previous: str
    subject_value: float
    rival_value: float
    ahead: bool
    partner_growth: float
    subject_without: float
    overtakes_without: Optional[bool]
    caveat: Optional[str]
    sentence: str
    data: Dict[str, Any]


def explain_market_overtake(
    panel: Optional[Panel], subject: str, rival: str, partner: str, period: Period, metric: Optional[str] = None
) -> MarketOvertake:
    """The counterfactual on an overtake by market: ``subject``'s total in ``period``
    without its growth in ``partner`` since the period before, against ``rival``'s.
    ``panel``: a :class:`Panel` or None for the embedded reference data."""
    for name, v in (("subject", subject), ("rival", rival), ("partner", partner)):
        if not isinstance(v, str):
            raise TypeError(f"{name} must be a code or name (str), got {type(v).__name__}")
    p, own = _panel(panel)
    try:
        d = _call(
            lib().aex_explain_market_overtake,
            p._h(),
            subject.encode(),
            rival.encode(),
            partner.encode(),
            period_code(period),
            _text(metric),
        )
    finally:
        if own:
            p.close()
    ow = d["overtakes_without"]
    return MarketOvertake(
        d["subject"]["exporter"],
        d["rival"]["exporter"],
        d["partner"],
        d["period"],
        d["previous"],
        _nan(d["subject_value"]),
        _nan(d["rival_value"]),
        bool(d["ahead"]),
        _nan(d["partner_growth"]),
        _nan(d["subject_without"]),
        None if ow is None else bool(ow),
        d["caveat"],
        d["sentence"],
        d,
    )


def market_league_table(
    panel: Optional[Panel],
    exporter: str,
    period: Period,
    metric: str = "units",
    segment: Any = "total",
    by: str = "value",
    top: Optional[int] = None,
    method: str = "min",
    warn: bool = True,
) -> "pandas.DataFrame":
    """``exporter``'s destination markets ranked in ``period`` ("China's top markets in
    2023"): the columns of :func:`autoexports.league_table`, where ``exporter`` and
    ``name`` are the market's; ``df.attrs["markets_of"]`` is the exporter. ``by``:
    'value', 'share' (of the ranked markets' sum), 'share-of' (of the exporter's own
    total), 'segment-share', 'yoy', 'yoy-pct'. What the reader must know (markets whose
    figures count different things, how much of the total the listed markets cover)
    raises a :class:`LeagueTableWarning` (and sits in ``df.attrs["warnings"]``) unless
    ``warn=False``. Needs pandas. The milestones of the markets:
    ``autoexports.milestones(panel, markets_of="CHN")``."""
    import pandas as pd

    name = str(by).lower().replace("_", "-")
    if name not in _MARKET_BASES:
        raise ValueError(f"by must be one of {sorted(_MARKET_BASES)} for markets, got {by!r}")
    if top is not None and int(top) < 1:
        raise ValueError(f"top must be at least 1, got {top!r}")
    if not isinstance(exporter, str):
        raise TypeError(f"exporter must be a code or name (str), got {type(exporter).__name__}")
    p, own = _panel(panel)
    L = lib()
    try:
        h = c_void_p()
        L.aex_league_table_markets(
            byref(h),
            p._h(),
            exporter.encode(),
            period_code(period),
            _text(metric),
            segment_code(segment),
            _MARKET_BASES[name],
            0 if top is None else int(top),
            _method_code(method),
        )
        try:
            n = c_int64()
            L.aex_league_table_json(None, 0, byref(n), h)
            buf = create_string_buffer(n.value + 1)
            L.aex_league_table_json(buf, n.value + 1, byref(n), h)
            t = json.loads(buf.raw[: n.value].decode("utf-8"))
        finally:
            L.aex_league_table_free(h)
    finally:
        if own:
            p.close()
    if warn:
        for w in t["warnings"]:
            warnings.warn(w["message"], LeagueTableWarning, stacklevel=2)
    rows = [
        {
            k: (float("nan") if r[k] is None and k not in ("source", "scope", "citation", "name", "exporter") else r[k])
            for k in _LEAGUE_COLUMNS
        }
        for r in t["rows"]
    ]
    df = pd.DataFrame(rows, columns=_LEAGUE_COLUMNS)
    df.attrs.update(
        {
            k: t[k]
            for k in ("period", "previous_period", "metric", "segment", "basis", "method", "ranked", "total")
            if k in t
        }
    )
    df.attrs["markets_of"] = exporter
    df.attrs["warnings"] = [w["message"] for w in t["warnings"]]
    return df


__all__ = [
    "BY_SEGMENT_COLUMNS",
    "DESTINATION_COLUMNS",
    "destinations_by_segment",
    "MarketOvertake",
    "destinations_json",
    "explain_destinations",
    "explain_market_overtake",
    "market_league_table",
]
