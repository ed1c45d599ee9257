"""All-pairs overtakes over plain arrays (tidy columns or a periods × entities grid).

Entity A overtakes B in period t when, in the last period before t in which the two were
strictly ordered, A was behind, and in t A is strictly ahead; ties in between do not
change the order, and a missing value (NaN) breaks the comparison unless
``bridge_gaps=True`` (docs/design.md §4). ``rule="adjacent"`` instead counts only pairs
strictly ordered in both t-1 and t (what a plain consecutive-period self-join counts).

These functions need numpy; ``overtakes`` returns a pandas DataFrame when pandas is
installed (``as_frame=False`` gives the numpy arrays).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Hashable, Literal, NamedTuple, Optional, Sequence, Tuple, Union, cast, overload

from ._ffi import AutoExportsError, lib
from ._prototypes import CONSTANTS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd
    from _typeshed import SupportsRichComparison

    from ._arrays import Numbers

    # A numpy array of any dtype: the caller's period and entity keys keep theirs.
    Array = npt.NDArray[np.generic]
    FloatGrid = npt.NDArray[np.float64]
    Records = npt.NDArray[np.int32]

#: Which overtakes count (docs/design.md §4).
Rule = Literal["carried", "adjacent"]
#: A periods × entities grid: nested lists of numbers or a 2-D numpy array.
Grid = Union[Sequence[Sequence[float]], "npt.NDArray[np.generic]"]
#: A key column (periods or entities): numbers, texts, datetime64 or pandas Period values.
Keys = Union[Sequence[Hashable], "npt.NDArray[np.generic]", "pd.Series", "pd.Index"]

RULES = {"carried": 0, "adjacent": 2}
BRIDGE_GAPS = 1
FIELDS = CONSTANTS["AEX_OVERTAKE_FIELDS"]  # period, subject, rival, since, flags


def _np() -> ModuleType:
    try:
        import numpy
    except ImportError:  # pragma: no cover - exercised only without numpy
        raise ImportError("autoexports.overtakes needs numpy: pip install numpy") from None
    return numpy


class OvertakeEvents(NamedTuple):
    """Overtakes as parallel numpy arrays, one element per event, in period order.

    ``period``: when the subject is ahead; ``subject``: who moved ahead; ``rival``: who
    was passed; ``since``: the last period before ``period`` in which the two were
    strictly ordered (the rival ahead); ``bridged``: the comparison was carried across a
    gap (only with ``bridge_gaps=True``). Periods and entities are the caller's keys
    (``overtakes``) or row / column indices (``overtakes_in_grid``).
    """

    period: npt.NDArray[np.generic]
    subject: npt.NDArray[np.generic]
    rival: npt.NDArray[np.generic]
    since: npt.NDArray[np.generic]
    bridged: npt.NDArray[np.bool_]

    def to_frame(self) -> pd.DataFrame:
        """The events as a pandas DataFrame with the same column names."""
        import pandas as pd

        return pd.DataFrame(self._asdict())


def _flags(rule: Rule, bridge_gaps: bool) -> int:
    try:
        flags = RULES[rule]
    except (KeyError, TypeError):
        raise ValueError(f"rule must be one of {sorted(RULES)}, got {rule!r}") from None
    if bridge_gaps:
        if rule == "adjacent":
            raise ValueError("bridge_gaps needs rule='carried': the adjacent rule never bridges a gap")
        flags |= BRIDGE_GAPS
    return flags


def _threads(threads: int) -> int:
    if not isinstance(threads, int) or threads < 0:
        raise ValueError(f"threads must be an int >= 0 (0: one per CPU), got {threads!r}")
    return threads


def _as_grid(grid: Grid) -> npt.NDArray[np.float64]:
    np = _np()
    g = np.asarray(grid, dtype=np.float64)
    if g.ndim != 2:
        raise ValueError(f"grid must be two-dimensional (periods × entities), got shape {g.shape}")
    out: FloatGrid = np.ascontiguousarray(g)
    return out


def _count(g: npt.NDArray[np.float64], flags: int, threads: int) -> int:
    from ctypes import byref, c_int64

    out = c_int64()
    lib().aex_overtakes_count(byref(out), g.ctypes.data if g.size else None, g.size, g.shape[1], flags, threads)
    return out.value


def _find(g: npt.NDArray[np.float64], flags: int, threads: int) -> npt.NDArray[np.int32]:
    """The event records (k × FIELDS int32) of grid ``g``, in one library call when the
    first guess of room suffices. The guess (two events per value of the grid) is
    reserved, not touched: pages the library does not write cost no memory. When it is
    too small the call stops after its counting pass and says how many; the second call
    then has exactly enough room."""
    np = _np()
    from ctypes import byref, c_int64

    find = lib().aex_overtakes_find
    out = c_int64()
    values = g.ctypes.data if g.size else None
    try:
        rec = np.empty((2 * g.size + 1024, FIELDS), dtype=np.int32)
    except MemoryError:  # no room to reserve (strict overcommit): count first
        rec = np.empty((0, FIELDS), dtype=np.int32)
    try:
        find(rec.ctypes.data if rec.size else None, rec.size, byref(out), values, g.size, g.shape[1], flags, threads)
    except AutoExportsError as e:
        if e.status_name != "AEX_E_BUFFER_TOO_SMALL":
            raise
        rec = np.empty((out.value, FIELDS), dtype=np.int32)
        find(rec.ctypes.data if rec.size else None, rec.size, byref(out), values, g.size, g.shape[1], flags, threads)
    found: Records = rec[: out.value]
    return found


def count_overtakes_in_grid(grid: Grid, *, rule: Rule = "carried", bridge_gaps: bool = False, threads: int = 0) -> int:
    """Number of overtakes between consecutive rows of a periods × entities grid.

    >>> count_overtakes_in_grid([[1, 3], [2, 2], [4, 1]])
    1
    >>> count_overtakes_in_grid([[1, 3], [2, 2], [4, 1]], rule="adjacent")
    0

    ``grid``: 2-D array-like, row t = period t, column e = entity e; NaN is missing (a C
    contiguous float64 numpy array passes without copying). ``threads``: 0 = one per CPU.
    """
    return _count(_as_grid(grid), _flags(rule, bridge_gaps), _threads(threads))


def overtakes_in_grid(
    grid: Grid, *, rule: Rule = "carried", bridge_gaps: bool = False, threads: int = 0
) -> OvertakeEvents:
    """Every overtake between consecutive rows of a periods × entities grid, as
    ``OvertakeEvents`` of row and column indices.

    >>> e = overtakes_in_grid([[1, 3], [2, 2], [4, 1]])
    >>> e.period.tolist(), e.subject.tolist(), e.rival.tolist(), e.since.tolist()
    ([2], [0], [1], [0])
    """
    rec = _find(_as_grid(grid), _flags(rule, bridge_gaps), _threads(threads))
    return OvertakeEvents(rec[:, 0], rec[:, 1], rec[:, 2], rec[:, 3], rec[:, 4] != 0)


def _codes(x: Array) -> Tuple[Array, Array]:
    """(sorted distinct keys, index of each element's key)."""
    np = _np()
    if x.dtype.kind in "iu" and x.size:
        lo, hi = int(x.min()), int(x.max())
        span = hi - lo + 1
        if span <= 2 * x.size + 1024:  # a dense integer range: no sort needed
            shifted = (x - lo) if lo else x
            present = np.zeros(span, dtype=bool)
            present[shifted] = True
            if present.all():
                return np.arange(lo, hi + 1, dtype=x.dtype), shifted
            remap = np.cumsum(present) - 1
            return np.flatnonzero(present) + lo, remap[shifted]
    keys, inverse = np.unique(x, return_inverse=True)
    return keys, inverse.reshape(-1)


def _keys(keys: Array, index: Array) -> Array:
    """``keys[index]``; without the gather when the keys are the integers lo, lo+1, ...
    (the usual period and entity codes): then a view or one addition per event."""
    k = keys.size
    if keys.dtype.kind in "iu" and k and int(keys[-1]) - int(keys[0]) == k - 1 and index.size:
        lo = int(keys[0])
        if lo == 0 and keys.dtype == index.dtype:
            return index
        shifted: Array = (index + lo).astype(keys.dtype, copy=False)
        return shifted
    gathered: Array = keys[index]
    return gathered


def _period_major(pi: Array, ei: Array, t: int, n: int) -> bool:
    """Whether codes (pi, ei) of t × n rows run period by period, entities in order within
    each: row r is (r // n, r % n). Two comparisons per row, no temporaries of int64."""
    np = _np()
    if t * n == 0:
        return True
    p2, e2 = pi.reshape(t, n), ei.reshape(t, n)
    return bool(
        (p2 == np.arange(t, dtype=p2.dtype)[:, None]).all() and (e2 == np.arange(n, dtype=e2.dtype)[None, :]).all()
    )


def _distinct(x: Array) -> Tuple[Array, Array]:
    """(distinct values, index of each element's value) of an array whose values may not
    sort among themselves (an object array mixing text and numbers): first-seen order."""
    np = _np()
    try:
        keys, inverse = np.unique(x, return_inverse=True)
        return keys, inverse.reshape(-1)
    except TypeError:
        seen: dict[object, int] = {}
        inverse = np.fromiter((seen.setdefault(v, len(seen)) for v in x.tolist()), dtype=np.int64, count=x.size)
        keys = np.empty(len(seen), dtype=object)
        keys[:] = list(seen)
        return keys, inverse


def _period_sort_key(value: object) -> Tuple[str, SupportsRichComparison]:
    """(kind, key) of one period value: text is parsed as the core parses periods
    ('2023', '2023-Q1', '2023-03', '2023M3', 'FY2024'; digits alone are a number), numbers
    are numbers. Keys of different kinds do not compare: mixing them is an error."""
    from ._panel import period_code
    from ._vocabulary import period_granularity

    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit() and text.isascii():
            return "number", int(text)
        try:
            code = period_code(text)
        except ValueError as e:
            msg = str(e).split(": ", 1)[-1] if str(e).startswith("aex_") else str(e)
            raise ValueError(
                f"period {value!r}: {msg}; give periods as numbers, period texts, datetime64 or pandas Period values"
            ) from None
        g = period_granularity(code)
        return ("number" if g == "year" else g), code
    if isinstance(value, (int, float)) or type(value).__module__ == "numpy":
        return "number", cast("SupportsRichComparison", value)
    return type(value).__name__, cast("SupportsRichComparison", value)  # Period, Timestamp, date: ordered


def _period_codes(p: Array) -> Tuple[Array, Array]:
    """(distinct periods in time order, index of each element's period). Numbers and
    datetime64 sort as they are; text periods are parsed (``period_code``) so that
    '2023-2' comes before '2023-10' and '10' after '9'. Two spellings of one period
    ('2023-3', '2023-03') are one period, given back in its first spelling."""
    np = _np()
    if p.dtype.kind not in "USO":
        return _codes(p)
    keys, inverse = _distinct(p)
    if p.dtype.kind == "O" and not any(isinstance(k, (str, bytes)) for k in keys.tolist()):
        return keys, inverse  # Period, Timestamp, date objects: already in order
    parsed = [_period_sort_key(k) for k in keys.tolist()]
    kinds: dict[str, object] = {}
    for k, (kind, _) in zip(keys.tolist(), parsed):
        kinds.setdefault(kind, k)
    if len(kinds) > 1:
        (k1, v1), (k2, v2) = list(kinds.items())[:2]
        raise ValueError(f"periods of different kinds cannot be ordered together: {v1!r} ({k1}) and {v2!r} ({k2})")
    order_keys = [key for _, key in parsed]
    distinct_codes = sorted(set(order_keys))
    rank = {c: i for i, c in enumerate(distinct_codes)}
    remap = np.fromiter((rank[c] for c in order_keys), dtype=np.int64, count=len(order_keys))
    first = np.empty(len(distinct_codes), dtype=object)
    for k, r in zip(keys.tolist(), remap.tolist()):
        if first[r] is None:
            first[r] = k
    out_keys = first if p.dtype.kind == "O" else first.astype(p.dtype)
    return out_keys, remap[inverse]


def _period_array(periods: Keys) -> Array:
    """A period column as a numpy array: a pandas Series or Index of Period values keeps
    its Period objects, datetime64 stays datetime64."""
    np = _np()
    arr: Array = np.asarray(periods)
    return arr


def _tidy_grid(periods: Keys, entities: Keys, values: Numbers) -> Tuple[npt.NDArray[np.float64], Array, Array]:
    np = _np()
    p, e = _period_array(periods), np.asarray(entities)
    v = np.asarray(values, dtype=np.float64)
    if not (p.ndim == e.ndim == v.ndim == 1):
        raise ValueError("periods, entities and values must be one-dimensional")
    if not (len(p) == len(e) == len(v)):
        raise ValueError(f"periods, entities and values must have the same length (got {len(p)}, {len(e)}, {len(v)})")
    pk, pi = _period_codes(p)
    ek, ei = _codes(e)
    t, n = len(pk), len(ek)
    if p.size == t * n and _period_major(pi, ei, t, n):
        grid = np.ascontiguousarray(v).reshape(t, n)  # already a full period-major grid
    else:
        lin = pi.astype(np.int64) * n + ei
        counts = np.bincount(lin, minlength=t * n)
        if counts.size and counts.max() > 1:
            d = int(np.flatnonzero(counts > 1)[0])
            raise ValueError(f"the row (period {pk[d // n]!r}, entity {ek[d % n]!r}) is given more than once")
        grid = np.full(t * n, np.nan)
        grid[lin] = v
        grid = grid.reshape(t, n)
    return grid, pk, ek


def count_overtakes(
    periods: Keys,
    entities: Keys,
    values: Numbers,
    *,
    rule: Rule = "carried",
    bridge_gaps: bool = False,
    threads: int = 0,
) -> int:
    """Number of overtakes in tidy columns (one row per period and entity).

    >>> count_overtakes([2021, 2021, 2022, 2022, 2023, 2023], ["A", "B"] * 3, [1, 3, 2, 2, 4, 1])
    1

    Consecutive periods are consecutive distinct values of ``periods`` in sorted order (a
    period with no rows at all is skipped, not a gap; give NaN values to mark a gap). A
    (period, entity) pair given twice is a ValueError.
    """
    flags, threads = _flags(rule, bridge_gaps), _threads(threads)
    grid, _, _ = _tidy_grid(periods, entities, values)
    return _count(grid, flags, threads)


@overload
def overtakes(
    periods: Keys,
    entities: Keys,
    values: Numbers,
    *,
    rule: Rule = ...,
    bridge_gaps: bool = ...,
    threads: int = ...,
    as_frame: Literal[False],
) -> OvertakeEvents: ...
@overload
def overtakes(
    periods: Keys,
    entities: Keys,
    values: Numbers,
    *,
    rule: Rule = ...,
    bridge_gaps: bool = ...,
    threads: int = ...,
    as_frame: Literal[True],
) -> pd.DataFrame: ...
@overload
def overtakes(
    periods: Keys,
    entities: Keys,
    values: Numbers,
    *,
    rule: Rule = ...,
    bridge_gaps: bool = ...,
    threads: int = ...,
    as_frame: Optional[bool] = ...,
) -> Union[pd.DataFrame, OvertakeEvents]: ...
def overtakes(
    periods: Keys,
    entities: Keys,
    values: Numbers,
    *,
    rule: Rule = "carried",
    bridge_gaps: bool = False,
    threads: int = 0,
    as_frame: Optional[bool] = None,
) -> Union[pd.DataFrame, OvertakeEvents]:
    """Every overtake in tidy columns, e.g. a DataFrame's ``period``, ``exporter`` and
    ``value`` columns.

    >>> overtakes([2021, 2021, 2022, 2022, 2023, 2023], ["A", "B"] * 3, [1, 3, 2, 2, 4, 1],
    ...           as_frame=False).subject.tolist()
    ['A']

    Returns a pandas DataFrame (columns ``period``, ``subject``, ``rival``, ``since``,
    ``bridged``) when pandas is installed and ``as_frame`` is not False, else
    ``OvertakeEvents`` of numpy arrays. Periods and entities are given back as the
    caller's keys. Events are in period order.
    """
    flags, threads = _flags(rule, bridge_gaps), _threads(threads)
    grid, pk, ek = _tidy_grid(periods, entities, values)
    rec = _find(grid, flags, threads)
    events = OvertakeEvents(
        _keys(pk, rec[:, 0]), _keys(ek, rec[:, 1]), _keys(ek, rec[:, 2]), _keys(pk, rec[:, 3]), rec[:, 4] != 0
    )
    if as_frame is False:
        return events
    try:
        return events.to_frame()
    except ImportError:
        if as_frame:
            raise
        return events
