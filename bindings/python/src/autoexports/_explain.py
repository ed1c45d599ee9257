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
from typing import Any, Optional

from ._ffi import lib
from ._projection import MODELS

from ._vocabulary import SEGMENTS  # noqa: E402  (AEX_SEGMENT_*, from the library)


def _ev(ev: str) -> int:
    if ev not in ("nev", "plugin"):
        raise ValueError(f"ev must be 'nev' or 'plugin', got {ev!r}")
    return SEGMENTS[ev]


def _segment(s: str) -> int:
    if not isinstance(s, str):
        raise ValueError(f"segment must be one of {sorted(SEGMENTS)}, got {s!r}")
    return SEGMENTS.code(s, "segment")


def _call(fn: Any, *args: Any) -> dict:
    n = ctypes.c_int64()
    fn(None, 0, ctypes.addressof(n), *args)
    buf = ctypes.create_string_buffer(n.value + 1)
    fn(ctypes.addressof(buf), n.value + 1, ctypes.addressof(n), *args)
    return json.loads(buf.value.decode())


def _text(s: Optional[str]) -> Optional[bytes]:
    return None if s is None else s.encode()


@dataclass(frozen=True)
class ChangeExplanation:
    """Δtotal of one exporter split by segment (``parts``: segment, from, to, change, share, derived)."""

    exporter: str
    from_period: str
    to_period: str
    total_change: float
    parts: list[dict]
    unexplained: float
    ev_change: float
    ev_share: float
    sentence: str
    data: dict


@dataclass(frozen=True)
class GapExplanation:
    """Δ(subject − rival) split by segment, with the EV group's contribution."""

    subject: str
    rival: str
    gap_from: float
    gap_to: float
    gap_change: float
    parts: list[dict]
    rival_split: bool
    ev_contribution: float
    unexplained: float
    sentence: str
    data: dict


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
    data: dict


def _num(x: Any) -> float:
    return float("nan") if x is None else float(x)


def explain_change(panel: Any, exporter: str, from_period: int, to_period: int, ev: str = "nev",
                   metric: Optional[str] = None) -> ChangeExplanation:
    """The change of ``exporter``'s total between two period codes split by segment."""
    d = _call(lib().aex_explain_change, panel._h(), exporter.encode(), int(from_period), int(to_period), _ev(ev),
              _text(metric))
    return ChangeExplanation(d["series"]["exporter"], d["from"], d["to"], _num(d["total_change"]), d["parts"],
                             _num(d["unexplained"]), _num(d["ev_change"]), _num(d["ev_share"]), d["sentence"], d)


def explain_gap(panel: Any, subject: str, rival: str, from_period: int, to_period: int, ev: str = "nev",
                metric: Optional[str] = None) -> GapExplanation:
    """The change of the gap ``subject − rival`` split by segment."""
    d = _call(lib().aex_explain_gap, panel._h(), subject.encode(), rival.encode(), int(from_period),
              int(to_period), _ev(ev), _text(metric))
    return GapExplanation(d["subject"]["exporter"], d["rival"]["exporter"], _num(d["gap_from"]), _num(d["gap_to"]),
                          _num(d["gap_change"]), d["parts"], bool(d["rival_split"]), _num(d["ev_contribution"]),
                          _num(d["unexplained"]), d["sentence"], d)


def explain_overtake(panel: Any, subject: str, rival: str, period: int, ev: str = "nev",
                     metric: Optional[str] = None) -> OvertakeExplanation:
    """Whether ``subject``'s overtake of (or lead over) ``rival`` in ``period`` was due to EVs."""
    d = _call(lib().aex_explain_overtake, panel._h(), subject.encode(), rival.encode(), int(period), _ev(ev),
              _text(metric))
    return OvertakeExplanation(
        d["subject"]["exporter"], d["rival"]["exporter"], d["period"], bool(d["is_overtake"]), _num(d["margin"]),
        _num(d["subject_ev"]), _num(d["ev_growth"]), _num(d["ev_share_of_growth"]),
        _num(d["without_ev_exports"]["margin"]), _num(d["without_ev_growth"]["margin"]), bool(d["ev_decisive"]),
        bool(d["ev_growth_decisive"]), d["sentence"], d)


def project_series(panel: Any, subject: str, rival: str, subject_segment: str = "total", rival_segment: str = "total",
                   model: str = "log-linear", horizon: int = 10, level: float = 0.95,
                   metric: Optional[str] = None) -> dict:
    """Projects when ``subject``'s series (of ``subject_segment``) would pass ``rival``'s; the
    full JSON result (``subject_fit``, ``rival_fit``, ``crossover``, ``sentence``)."""
    code = MODELS.get(model.lower()) if isinstance(model, str) else None
    if code is None:
        raise ValueError(f"model must be one of {sorted(MODELS)}, got {model!r}")
    return _call(lib().aex_explain_projection, panel._h(), subject.encode(), _segment(subject_segment),
                 rival.encode(), _segment(rival_segment), code, int(horizon), float(level), _text(metric))


__all__ = ["ChangeExplanation", "GapExplanation", "OvertakeExplanation", "explain_change", "explain_gap",
           "explain_overtake", "project_series"]
