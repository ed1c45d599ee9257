"""Explain: changes, gaps and overtakes by powertrain, and projections of panel series.

>>> p = Panel.reference()
>>> o = explain_overtake(p, "CHN", "JPN", 2023)
>>> o.ev_decisive, o.without_ev_exports_margin
(True, -715682.0)
"""

from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from typing import Any, Callable, List, Literal, Optional, Tuple, TypedDict, Union

from ._ffi import AutoExportsError, InvalidArgumentError, lib
from ._panel import Panel, PeriodLike, period_code, period_text
from ._projection import MODELS, TrendModelName
from ._vocabulary import SEGMENTS  # noqa: E402  (AEX_SEGMENT_*, from the library)


def _ev(ev: Literal["nev", "plugin"]) -> int:
    if ev not in ("nev", "plugin"):
        raise ValueError(f"ev must be 'nev' or 'plugin', got {ev!r}")
    return SEGMENTS[ev]


def _segment(s: str) -> int:
    if not isinstance(s, str):
        raise ValueError(f"segment must be one of {sorted(SEGMENTS)}, got {s!r}")
    return SEGMENTS.code(s, "segment")


# A JSON document of the C API, as json.loads gives it: nested objects whose values are
# text, numbers, booleans, null, lists or objects.  Any by design: the shapes users read
# are the TypedDicts below; ``data`` keeps the whole document (fields added by later
# versions included).
JSONDocument = dict[str, Any]


# One segment's part of a change (``ChangeExplanation.parts``): its value in each period,
# the change, its share of the total change; ``derived``: the segment's figures are derived
# (e.g. ICE = total − NEV).  (The functional form: ``from`` is a keyword.)
ChangePart = TypedDict(
    "ChangePart",
    {
        "segment": str,
        "from": Optional[float],
        "to": Optional[float],
        "change": Optional[float],
        "share": Optional[float],
        "derived": bool,
    },
)


class GapPart(TypedDict):
    """One segment's contribution to the change of a gap (``GapExplanation.parts``)."""

    segment: str
    subject_change: Optional[float]
    rival_change: Optional[float]
    contribution: Optional[float]


class SeriesChoice(TypedDict):
    """The series a projection used: exporter, its name, segment, metric, source, scope."""

    exporter: str
    name: str
    segment: str
    metric: str
    source: str
    scope: str


class TrendFitDocument(TypedDict):
    """A fit as ``aex_trend_fit_json`` gives it (the fields of ``autoexports.TrendFit``;
    numbers a model does not have are None)."""

    model: str
    damped: bool
    count: int
    first_period: int
    last_period: int
    sse: Optional[float]
    sigma2: Optional[float]
    intercept: Optional[float]
    slope: Optional[float]
    cagr: Optional[float]
    smoothing_level: Optional[float]
    smoothing_trend: Optional[float]
    damping_trend: Optional[float]
    initial_level: Optional[float]
    initial_trend: Optional[float]
    final_level: Optional[float]
    final_trend: Optional[float]
    estimated: List[str]
    values: List[float]
    fitted: List[float]


class ForecastDocument(TypedDict):
    periods: List[int]
    mean: List[Optional[float]]
    lower: List[Optional[float]]
    upper: List[Optional[float]]
    level: float


class CrossoverDocument(TypedDict):
    """A projected crossover as ``aex_explain_projection`` gives it (``autoexports.Crossover``'s
    fields, the periods also as labels, and the horizon asked for)."""

    found: bool
    period: Optional[int]
    earliest: Optional[int]
    latest: Optional[int]
    crossing_point: Optional[float]
    origin: int
    horizon: int
    level: float
    subject_ahead_at_origin: bool
    gap_at_origin: float
    sentence: str
    subject: ForecastDocument
    rival: ForecastDocument
    period_label: Optional[str]
    earliest_label: Optional[str]
    latest_label: Optional[str]
    requested_horizon: int


def _call(fn: Callable[..., object], *args: Union[None, int, float, bytes]) -> JSONDocument:
    n = ctypes.c_int64()
    fn(None, 0, ctypes.addressof(n), *args)
    buf = ctypes.create_string_buffer(n.value + 1)
    fn(ctypes.addressof(buf), n.value + 1, ctypes.addressof(n), *args)
    doc: JSONDocument = json.loads(buf.value.decode())
    return doc


def _text(s: Optional[str]) -> Optional[bytes]:
    return None if s is None else s.encode()


@dataclass(frozen=True)
class ChangeExplanation:
    """Δtotal of one exporter split by segment (``parts``: segment, from, to, change, share, derived)."""

    exporter: str
    from_period: str
    to_period: str
    total_change: float
    parts: List[ChangePart]
    unexplained: float
    ev_change: float
    ev_share: float
    sentence: str
    data: JSONDocument


@dataclass(frozen=True)
class GapExplanation:
    """Δ(subject − rival) split by segment, with the EV group's contribution."""

    subject: str
    rival: str
    gap_from: float
    gap_to: float
    gap_change: float
    parts: List[GapPart]
    rival_split: bool
    ev_contribution: float
    unexplained: float
    sentence: str
    data: JSONDocument


@dataclass(frozen=True)
class OvertakeExplanation:
    """An overtake (or lead) and the two counterfactuals of docs/design.md §5."""

    subject: str
    rival: str
    period: str
    is_overtake: bool
    margin: float
    subject_ev: float
    ev_growth: float
    ev_share_of_growth: float
    without_ev_exports_margin: float
    without_ev_growth_margin: float
    ev_decisive: bool
    ev_growth_decisive: bool
    sentence: str
    data: JSONDocument


def _num(x: Optional[float]) -> float:
    return float("nan") if x is None else float(x)


def _panel(panel: Optional[Panel]) -> Tuple[Panel, bool]:
    """(the panel, whether it is ours to close): None is the embedded reference data."""
    if panel is None:
        return Panel.reference(), True
    if not isinstance(panel, Panel):
        raise TypeError(f"panel must be an autoexports.Panel or None (the embedded data), got {type(panel).__name__}")
    return panel, False


def _value_at(panel: Panel, exporter: str, metric: Optional[str], period: int) -> Optional[float]:
    """The total of ``exporter``'s default series in ``period``; None when there is none."""
    try:
        periods, values = panel.values(exporter, "total", metric or "units")
    except (AutoExportsError, ValueError):
        return None
    text = period_text(period)
    for p, v in zip(periods, values):
        if p == text:
            return None if v != v else float(v)
    return None


def explain_change(
    panel: Optional[Panel],
    exporter: str,
    from_period: PeriodLike,
    to_period: PeriodLike,
    ev: Literal["nev", "plugin"] = "nev",
    metric: Optional[str] = None,
) -> ChangeExplanation:
    """The change of ``exporter``'s total between two periods (codes or texts) split by
    segment. ``panel``: a :class:`Panel` or None for the embedded reference data."""
    code_ev = _ev(ev)
    p, own = _panel(panel)
    try:
        d = _call(
            lib().aex_explain_change,
            p._h(),
            exporter.encode(),
            period_code(from_period),
            period_code(to_period),
            code_ev,
            _text(metric),
        )
    finally:
        if own:
            p.close()
    return ChangeExplanation(
        d["series"]["exporter"],
        d["from"],
        d["to"],
        _num(d["total_change"]),
        d["parts"],
        _num(d["unexplained"]),
        _num(d["ev_change"]),
        _num(d["ev_share"]),
        d["sentence"],
        d,
    )


def explain_gap(
    panel: Optional[Panel],
    subject: str,
    rival: str,
    from_period: PeriodLike,
    to_period: PeriodLike,
    ev: Literal["nev", "plugin"] = "nev",
    metric: Optional[str] = None,
) -> GapExplanation:
    """The change of the gap ``subject − rival`` split by segment. ``panel``: a
    :class:`Panel` or None for the embedded reference data."""
    code_ev = _ev(ev)
    p, own = _panel(panel)
    try:
        d = _call(
            lib().aex_explain_gap,
            p._h(),
            subject.encode(),
            rival.encode(),
            period_code(from_period),
            period_code(to_period),
            code_ev,
            _text(metric),
        )
    finally:
        if own:
            p.close()
    return GapExplanation(
        d["subject"]["exporter"],
        d["rival"]["exporter"],
        _num(d["gap_from"]),
        _num(d["gap_to"]),
        _num(d["gap_change"]),
        d["parts"],
        bool(d["rival_split"]),
        _num(d["ev_contribution"]),
        _num(d["unexplained"]),
        d["sentence"],
        d,
    )


def explain_overtake(
    panel: Optional[Panel],
    subject: str,
    rival: str,
    period: PeriodLike,
    ev: Literal["nev", "plugin"] = "nev",
    metric: Optional[str] = None,
) -> OvertakeExplanation:
    """Whether ``subject``'s overtake of (or lead over) ``rival`` in ``period`` was due to EVs.

    ``panel``: a :class:`Panel` or None for the embedded reference data. ``period``: a
    code (2023) or text ('2023'). When ``subject`` was not ahead of ``rival`` in
    ``period`` there is nothing to explain: an ``InvalidArgumentError`` (a ValueError,
    status AEX_E_NOT_FOUND) says so with both totals."""
    p, own = _panel(panel)
    try:
        return _explain_overtake(p, subject, rival, period_code(period), ev, metric)
    finally:
        if own:
            p.close()


def _explain_overtake(
    panel: Panel, subject: str, rival: str, period: int, ev: Literal["nev", "plugin"], metric: Optional[str]
) -> OvertakeExplanation:
    code_ev = _ev(ev)
    try:
        d = _call(
            lib().aex_explain_overtake, panel._h(), subject.encode(), rival.encode(), period, code_ev, _text(metric)
        )
    except AutoExportsError as e:
        a, b = _value_at(panel, subject, metric, period), _value_at(panel, rival, metric, period)
        if a is not None and b is not None and not a > b and subject != rival:
            raise InvalidArgumentError(
                -6,
                "AEX_E_NOT_FOUND",
                f"no such overtake: {subject} ({a:,.0f}) was not ahead of {rival} ({b:,.0f}) in "
                f"{period_text(period)} ({metric or 'units'}, total); nothing to explain",
                "explain_overtake",
            ) from e
        raise
    return OvertakeExplanation(
        d["subject"]["exporter"],
        d["rival"]["exporter"],
        d["period"],
        bool(d["is_overtake"]),
        _num(d["margin"]),
        _num(d["subject_ev"]),
        _num(d["ev_growth"]),
        _num(d["ev_share_of_growth"]),
        _num(d["without_ev_exports"]["margin"]),
        _num(d["without_ev_growth"]["margin"]),
        bool(d["ev_decisive"]),
        bool(d["ev_growth_decisive"]),
        d["sentence"],
        d,
    )


@dataclass(frozen=True)
class SeriesProjection:
    """When one panel series would pass another at current trends.

    ``subject`` / ``rival``: the series chosen (exporter, name, segment, metric, source,
    scope); ``granularity``; ``subject_fit`` / ``rival_fit``: the two trend fits;
    ``crossover``: the projected crossing (``found``, ``period``, ``earliest``,
    ``latest``, ``horizon``, ``requested_horizon``, the two forecasts, ...);
    ``sentence``: the statement with its caveats; ``data``: the whole JSON result.
    Indexing (``projection["crossover"]``) reads ``data``, as the dict once returned did.
    """

    subject: SeriesChoice
    rival: SeriesChoice
    granularity: str
    subject_fit: TrendFitDocument
    rival_fit: TrendFitDocument
    crossover: CrossoverDocument
    sentence: str
    data: JSONDocument

    def __getitem__(self, key: str) -> Any:  # a value of the JSON document: Any as JSONDocument's
        return self.data[key]


def project_series(
    panel: Optional[Panel],
    subject: str,
    rival: str,
    subject_segment: str = "total",
    rival_segment: str = "total",
    model: TrendModelName = "log-linear",
    horizon: int = 10,
    level: float = 0.95,
    metric: Optional[str] = None,
) -> SeriesProjection:
    """Projects when ``subject``'s series (of ``subject_segment``) would pass ``rival``'s, as a
    :class:`SeriesProjection`. ``panel``: a :class:`Panel` or None for the embedded data.

    ``horizon`` beyond half the shorter fit uses damped Holt trends in place of ``model``
    (φ estimated, or 0.98 for a series too short to estimate it) and is cut at twice the
    shorter fit; ``sentence`` says what was done (docs/design.md §6, the horizon rule)."""
    code = MODELS.get(model.lower()) if isinstance(model, str) else None
    if code is None:
        raise ValueError(f"model must be one of {sorted(MODELS)}, got {model!r}")
    p, own = _panel(panel)
    try:
        d = _call(
            lib().aex_explain_projection,
            p._h(),
            subject.encode(),
            _segment(subject_segment),
            rival.encode(),
            _segment(rival_segment),
            code,
            int(horizon),
            float(level),
            _text(metric),
        )
    finally:
        if own:
            p.close()
    return SeriesProjection(
        d["subject"], d["rival"], d["granularity"], d["subject_fit"], d["rival_fit"], d["crossover"], d["sentence"], d
    )


__all__ = [
    "ChangeExplanation",
    "GapExplanation",
    "OvertakeExplanation",
    "SeriesProjection",
    "explain_change",
    "explain_gap",
    "explain_overtake",
    "project_series",
]
