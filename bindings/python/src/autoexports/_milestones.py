"""Milestones of a panel: overtakes, new and first-time leaders, lead changes, records,
thresholds, top-N moves and streaks, each with the figures that prove it and one sentence.

>>> import autoexports
>>> ms = autoexports.milestones(kinds=["overtake"], exporters=["CHN", "JPN"])
>>> ms[-1].sentence
'2023: China (4.91M) overtook Japan (4.42M) to become the largest vehicle exporter (units; CAAM vs JAMA, all vehicles)'

Changes that come only from a series starting, ending or skipping a period are coverage
notes (``ms.notes``), never milestones (docs/design.md §4).
"""

from __future__ import annotations

import ctypes
import json
import math
from ctypes import byref, c_char_p, c_double, c_int32, c_int64, c_void_p
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Iterable, List, Literal, Optional, Sequence, Tuple, Union, overload

from ._ffi import lib
from ._panel import Panel
from ._vocabulary import GRANULARITIES, KINDS, MILESTONE_NUMBER_FIELDS, SEGMENTS, Segment, Vocabulary

if TYPE_CHECKING:
    import pandas as pd

#: A milestone kind (KINDS; '-' may stand for '_').
MilestoneKind = Literal[
    "overtake",
    "new_leader",
    "first_time_leader",
    "lead_change",
    "record_high",
    "threshold_up",
    "threshold_down",
    "top_entry",
    "top_exit",
    "growth_streak",
    "leader_streak",
]
#: A granularity name the library parses ('year', 'quarter', 'month', 'half', 'fy', 'ytd_05', ...)
#: or its AEX_GRANULARITY_* code.  str, not a Literal: fiscal years and year-to-date spans
#: carry a month ('fy@04', 'ytd_05').
Granularity = Union[str, int]

# KINDS (AEX_MILESTONE_* kinds), GRANULARITIES and SEGMENTS are the library's vocabularies.


class _Options(ctypes.Structure):
    """aex_milestone_options (ABI 1, 128 bytes on LP64)."""

    _fields_ = [
        ("size", c_int64),
        ("metric", c_char_p),
        ("segment", c_int32),
        ("granularity", c_int32),
        ("ytd_month", c_int32),
        ("kinds", c_int32),
        ("margin", c_double),
        ("confirmation", c_int32),
        ("top_n", c_int32),
        ("pair_top_n", c_int32),
        ("streak", c_int32),
        ("bridge_gaps", c_int32),
        ("include_aggregates", c_int32),
        ("exporters", c_char_p),
        ("source", c_char_p),
        ("scope", c_char_p),
        ("levels", c_void_p),
        ("n_levels", c_int64),
        ("share_levels", c_void_p),
        ("n_share_levels", c_int64),
        ("share_segment", c_int32),
        ("reserved", c_int32),
    ]


@dataclass(frozen=True)
class Milestone:
    """One milestone. Numbers that do not apply to its kind are NaN, names None.

    ``since`` is the earlier period it is measured against (for an overtake: the last
    period in which the two were strictly ordered); ``crossing`` the interpolated moment
    two series crossed, as a decimal year; ``data_start`` the first period of the
    subject's series ("first time" means first time within the data).
    """

    kind: str
    period: str
    subject: str
    rival: Optional[str]
    value: float
    rival_value: float
    since: Optional[str]
    value_since: float
    rival_value_since: float
    crossing: float
    level: float
    is_share: bool
    rank: Optional[int]
    streak: Optional[int]
    run_length: Optional[int]
    first_time: bool
    bridged: bool
    scope_warning: bool
    data_start: Optional[str]
    subject_name: str
    rival_name: Optional[str]
    subject_source: str
    subject_scope: str
    rival_source: Optional[str]
    rival_scope: Optional[str]
    metric: str
    segment: str
    sentence: str

    def __str__(self) -> str:
        return self.sentence


@dataclass(frozen=True)
class CoverageNote:
    """A change that is not a milestone because it comes from coverage."""

    kind: str
    period: str
    exporter: str
    other: Optional[str]
    sentence: str

    def __str__(self) -> str:
        return self.sentence


class MilestoneList(List[Milestone]):
    """The milestones in period order, with the coverage notes in ``notes``."""

    notes: List[CoverageNote]

    def __init__(self, items: Iterable[Milestone] = (), notes: Iterable[CoverageNote] = ()):
        super().__init__(items)
        self.notes = list(notes)

    def to_frame(self) -> pd.DataFrame:
        """The milestones as a pandas DataFrame, one row per milestone, in this list's
        order; the coverage notes go along in ``frame.attrs["notes"]`` (a list of dicts:
        kind, period, exporters, sentence, ...) so that a claim's caveats are not lost."""
        import pandas as pd

        frame = pd.DataFrame([asdict(m) for m in self], columns=[f for f in Milestone.__dataclass_fields__])
        frame.attrs["notes"] = [asdict(n) for n in self.notes]
        return frame


_INTS = ("rank", "streak", "run_length")


def _milestone(d: dict[str, object]) -> Milestone:
    # The JSON document's values: text, numbers, booleans or null, by field.
    fields: dict[str, object] = {k: d.get(k) for k in Milestone.__dataclass_fields__}
    for k in MILESTONE_NUMBER_FIELDS:  # the library's names of AEX_MILESTONE_NUM_* (JSON keys)
        v = fields[k]
        fields[k] = math.nan if v is None else float(v)  # type: ignore[arg-type]
    for k in _INTS:
        v = fields[k]
        fields[k] = None if v is None else int(v)  # type: ignore[call-overload]
    return Milestone(**fields)  # type: ignore[arg-type]


def _kinds_mask(kinds: Union[None, str, Sequence[Union[MilestoneKind, str]]]) -> int:
    if kinds is None:
        return 0
    if isinstance(kinds, str):
        kinds = [k for k in kinds.split(",") if k]
    mask = 0
    for k in kinds:
        name = str(k).strip().lower().replace("-", "_")
        if name not in KINDS:
            raise ValueError(f"unknown milestone kind {k!r} (one of {', '.join(KINDS)})")
        mask |= 1 << KINDS[name]
    if mask == 0:
        raise ValueError("kinds is empty: give None for every kind")
    return mask


def _doubles(xs: Optional[Sequence[float]]) -> Tuple[Optional[ctypes.Array[c_double]], Optional[int], int]:
    if xs is None:
        return None, None, 0
    arr = (c_double * max(len(xs), 1))(*[float(x) for x in xs])
    return arr, ctypes.addressof(arr), len(xs)


def _code(table: Vocabulary, value: Union[str, int], what: str) -> int:
    return table.code(value, what)


@overload
def milestones(
    panel: Optional[Panel] = ...,
    *,
    kinds: Union[None, str, Sequence[Union[MilestoneKind, str]]] = ...,
    metric: str = ...,
    segment: Segment = ...,
    granularity: Granularity = ...,
    ytd_month: Optional[int] = ...,
    margin: float = ...,
    confirmation: int = ...,
    exporters: Optional[Sequence[str]] = ...,
    source: Optional[str] = ...,
    scope: Optional[str] = ...,
    top_n: int = ...,
    pair_top_n: Optional[int] = ...,
    levels: Optional[Sequence[float]] = ...,
    share_levels: Optional[Sequence[float]] = ...,
    share_segment: Segment = ...,
    streak: int = ...,
    bridge_gaps: bool = ...,
    include_aggregates: bool = ...,
    as_frame: Literal[False] = ...,
    newest_first: bool = ...,
    markets_of: Optional[str] = ...,
) -> MilestoneList: ...
@overload
def milestones(
    panel: Optional[Panel] = ...,
    *,
    kinds: Union[None, str, Sequence[Union[MilestoneKind, str]]] = ...,
    metric: str = ...,
    segment: Segment = ...,
    granularity: Granularity = ...,
    ytd_month: Optional[int] = ...,
    margin: float = ...,
    confirmation: int = ...,
    exporters: Optional[Sequence[str]] = ...,
    source: Optional[str] = ...,
    scope: Optional[str] = ...,
    top_n: int = ...,
    pair_top_n: Optional[int] = ...,
    levels: Optional[Sequence[float]] = ...,
    share_levels: Optional[Sequence[float]] = ...,
    share_segment: Segment = ...,
    streak: int = ...,
    bridge_gaps: bool = ...,
    include_aggregates: bool = ...,
    as_frame: Literal[True],
    newest_first: bool = ...,
    markets_of: Optional[str] = ...,
) -> pd.DataFrame: ...
@overload
def milestones(
    panel: Optional[Panel] = ...,
    *,
    kinds: Union[None, str, Sequence[Union[MilestoneKind, str]]] = ...,
    metric: str = ...,
    segment: Segment = ...,
    granularity: Granularity = ...,
    ytd_month: Optional[int] = ...,
    margin: float = ...,
    confirmation: int = ...,
    exporters: Optional[Sequence[str]] = ...,
    source: Optional[str] = ...,
    scope: Optional[str] = ...,
    top_n: int = ...,
    pair_top_n: Optional[int] = ...,
    levels: Optional[Sequence[float]] = ...,
    share_levels: Optional[Sequence[float]] = ...,
    share_segment: Segment = ...,
    streak: int = ...,
    bridge_gaps: bool = ...,
    include_aggregates: bool = ...,
    as_frame: bool,
    newest_first: bool = ...,
    markets_of: Optional[str] = ...,
) -> Union[MilestoneList, pd.DataFrame]: ...
def milestones(
    panel: Optional[Panel] = None,
    *,
    kinds: Union[None, str, Sequence[Union[MilestoneKind, str]]] = None,
    metric: str = "units",
    segment: Segment = "total",
    granularity: Granularity = "year",
    ytd_month: Optional[int] = None,
    margin: float = 0.0,
    confirmation: int = 0,
    exporters: Optional[Sequence[str]] = None,
    source: Optional[str] = None,
    scope: Optional[str] = None,
    top_n: int = 3,
    pair_top_n: Optional[int] = None,
    levels: Optional[Sequence[float]] = None,
    share_levels: Optional[Sequence[float]] = None,
    share_segment: Segment = "nev",
    streak: int = 3,
    bridge_gaps: bool = False,
    include_aggregates: bool = False,
    as_frame: bool = False,
    newest_first: bool = True,
    markets_of: Optional[str] = None,
) -> Union[MilestoneList, pd.DataFrame]:
    """The milestones of a panel (default: the embedded reference data), newest first as
    the CLI lists them (``newest_first=False``: oldest first, the library's order).

    >>> ms = milestones(kinds="threshold_up", levels=[5e6], share_levels=[])
    >>> [(m.period, m.subject, m.value) for m in ms]
    [('2024', 'CHN', 5859000.0)]

    ``kinds``: names (``overtake``, ``new_leader`` — which includes ``first_time_leader`` —,
    ``lead_change``, ``record_high``, ``threshold_up``, ``threshold_down``, ``top_entry``,
    ``top_exit``, ``growth_streak``, ``leader_streak``) or None for all.
    ``margin``: within this relative margin two exporters count as tied.
    ``confirmation``: an event must hold that many more periods.
    ``ytd_month``: compare January..month sums of monthly data, year on year.
    ``exporters``: codes or names; ``source``/``scope``: restrict the series choice.
    ``levels``: absolute thresholds (None: 1M, 2M, 5M, 10M units; $10B…$200B);
    ``share_levels``: shares of ``share_segment`` in the total (None: 10%, 25%, 50%).
    ``bridge_gaps``: compare across missing figures (flagged ``bridged``).
    ``markets_of``: an exporter ('CHN'): the milestones of its destination markets
    ("Russia became the largest market for China's vehicle exports"; the markets take the
    place of exporters, ``exporters`` then names markets; aex_milestones_find_markets).

    Returns a ``MilestoneList`` of ``Milestone`` (its ``notes`` hold the coverage notes,
    in the same order), or a pandas DataFrame with ``as_frame=True`` whose
    ``attrs["notes"]`` holds the coverage notes as dicts.
    """
    o = _Options()
    L = lib()
    L.aex_milestone_options_init(byref(o))
    keep: list[Optional[ctypes.Array[c_double]]] = []
    o.metric = str(metric).encode()
    o.segment = _code(SEGMENTS, segment, "segment")
    o.granularity = _code(GRANULARITIES, granularity, "granularity")
    o.ytd_month = 0 if ytd_month is None else int(ytd_month)
    o.kinds = _kinds_mask(kinds)
    o.margin = float(margin)
    o.confirmation = int(confirmation)
    o.top_n = int(top_n)
    o.pair_top_n = 0 if pair_top_n is None else int(pair_top_n)
    o.streak = int(streak)
    o.bridge_gaps = 1 if bridge_gaps else 0
    o.include_aggregates = 1 if include_aggregates else 0
    if exporters is not None:
        if isinstance(exporters, str):
            exporters = [exporters]
        o.exporters = ",".join(str(e) for e in exporters).encode()
    o.source = None if source is None else str(source).encode()
    o.scope = None if scope is None else str(scope).encode()
    arr, o.levels, o.n_levels = _doubles(levels)
    keep.append(arr)
    arr, o.share_levels, o.n_share_levels = _doubles(share_levels)
    keep.append(arr)
    o.share_segment = _code(SEGMENTS, share_segment, "share_segment")

    own = panel is None
    p = Panel.reference() if panel is None else panel
    h = c_void_p()
    try:
        if markets_of is None:
            L.aex_milestones_find(byref(h), p._h(), byref(o))
        else:
            L.aex_milestones_find_markets(byref(h), p._h(), str(markets_of).encode(), byref(o))
    finally:
        if own:
            p.close()
    try:
        n = c_int64()
        L.aex_milestones_json(None, 0, byref(n), h)
        buf = ctypes.create_string_buffer(n.value + 1)
        L.aex_milestones_json(buf, n.value + 1, byref(n), h)
        doc = json.loads(buf.raw[: n.value].decode("utf-8"))
    finally:
        L.aex_milestones_free(h)
    del keep
    items = [_milestone(m) for m in doc["milestones"]]
    notes = [CoverageNote(**{k: d.get(k) for k in CoverageNote.__dataclass_fields__}) for d in doc["notes"]]
    if newest_first:  # the CLI's order: the library's list reversed
        items.reverse()
        notes.reverse()
    result = MilestoneList(items, notes)
    return result.to_frame() if as_frame else result
