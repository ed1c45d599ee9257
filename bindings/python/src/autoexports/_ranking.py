"""Ranking: pandas-compatible names over the native kernels."""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any, Hashable, Optional, Sequence, Union, overload

from . import _arrays, _fast
from ._fast import ADDRESS as _ADDRESS
from ._fast import COUNTS as _COUNTS
from ._fast import F64 as _F64
from ._fast import FAST_NDARRAY as _FAST_NDARRAY
from ._fast import HOLD_GIL_MAX as _HOLD_GIL_MAX
from ._fast import NP_EMPTY as _NP_EMPTY
from ._fast import OFFSET_INT as _OFFSET
from ._fast import REFCOUNT as _REFCOUNT
from ._fast import STRIDES as _STRIDES
from ._fast import UNHELD as _UNHELD
from ._fast import WEAKREFS as _WEAKREFS
from ._fast import count as _count
from ._ffi import lib, raise_status
from ._prototypes import CONSTANTS
from ._vocabulary import METHODS, NA_OPTIONS, NaOption, RankMethod

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

    from ._arrays import FloatArray, Numbers, Result

# Group labels: integers, period texts, datetime64 / pandas Period values or any other
# hashable labels (exporter codes), as a list, a numpy array or a pandas Series.
Groups = Union[Sequence[Hashable], "npt.NDArray[np.generic]", "pd.Series", "pd.Index"]

# METHODS (AEX_RANK_*) and NA_OPTIONS (AEX_MISSING_*) are the library's vocabularies: our
# names and pandas' / polars' / SQL's / spreadsheets' aliases ("min", "average", "rank.eq").
# AEX_SCALE_*
SCALE_RANK, SCALE_PCT, SCALE_PERCENT_RANK, SCALE_CUME_DIST = (
    CONSTANTS[f"AEX_SCALE_{k}"] for k in ("RANK", "PCT", "PERCENT_RANK", "CUME_DIST")
)


# The codes of the method and na_option names seen so far (plain str names only, each added
# once the vocabulary accepted it): a look-up instead of a parse through the library per call.
_METHOD_CODES: dict[str, int] = {}
_NA_CODES: dict[str, int] = {}


def _method_code(method: Union[RankMethod, str]) -> int:
    try:
        return _METHOD_CODES[method]
    except (KeyError, TypeError):  # not seen yet, or not a name (unhashable: TypeError)
        pass
    if not isinstance(method, str):
        raise ValueError(f"method must be one of {sorted(METHODS)}, got {method!r}")
    m = METHODS.code(method, "method")
    if type(method) is str:
        _METHOD_CODES[method] = m
    return m


def _na_code(na_option: Union[NaOption, str]) -> int:
    try:
        return _NA_CODES[na_option]
    except (KeyError, TypeError):
        pass
    if not isinstance(na_option, str):
        raise ValueError(f"na_option must be one of {sorted(NA_OPTIONS)}, got {na_option!r}")
    na = NA_OPTIONS.code(na_option, "na_option")
    if type(na_option) is str:
        _NA_CODES[na_option] = na
    return na


def _ranked(values: Numbers, m: int, ascending: bool, na: int, scale: int, out: Optional[FloatArray]) -> Result:
    keep, addr, n = _arrays.as_doubles(values)
    res, res_addr = _arrays.output_doubles(out, n, values)
    lib().aex_rank_values_scaled(res_addr, addr, n, m, 0 if ascending else 1, na, scale)
    del keep
    return _arrays.to_result(res, values)


# The fast path's handles (module globals, bound on the first call): _RANK holds the GIL
# (inputs of at most HOLD_GIL_MAX values), _RANK_FREE releases it (see ``_fast``).
_RANK = _fast.lazy(globals(), "_RANK", "aex_rank_values_scaled", True)
_RANK_FREE = _fast.lazy(globals(), "_RANK_FREE", "aex_rank_values_scaled", False)
# The data pointer of the last input, as in ``_spreadsheet._LAST``: (the array's id, a
# c_void_p viewing its ``data`` field, read when the call is made).
_LAST_IN: tuple[int, Optional[ctypes.c_void_p]] = (0, None)
# The last result of the fast path (at most HOLD_GIL_MAX values) itself and a c_void_p
# viewing its ``data`` field: filled again by the next call of its length once the caller
# has let go of it (the note above ``_fast._REUSE`` says how that is known). None, held
# everywhere, makes the first call allocate.
_LAST_OUT: tuple[Any, Optional[ctypes.c_void_p]] = (None, None)


@overload
def rank(
    values: npt.NDArray[np.generic],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: Optional[FloatArray] = ...,
) -> FloatArray: ...
@overload
def rank(
    values: Sequence[float],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: None = ...,
) -> list[float]: ...
@overload
def rank(
    values: Sequence[float],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: FloatArray,
) -> FloatArray: ...
@overload
def rank(
    values: Union[pd.Series, pd.Index],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: Optional[FloatArray] = ...,
) -> pd.Series: ...
def rank(
    values: Numbers,
    method: RankMethod = "average",
    ascending: bool = True,
    na_option: NaOption = "keep",
    pct: bool = False,
    *,
    out: Optional[FloatArray] = None,
) -> Union[list[float], FloatArray, pd.Series]:
    """Ranks values like ``pandas.Series.rank`` (same argument names and defaults).

    >>> rank([30, 20, 20, 10], method="min", ascending=False)
    [1.0, 2.0, 2.0, 4.0]
    >>> rank([30, 20, 20, 10], method="dense", pct=True)
    [1.0, 0.6666666666666666, 0.6666666666666666, 0.3333333333333333]

    ``values``: a list/tuple of numbers, a 1-D numpy array or a pandas Series (a
    contiguous float64 array passes without copying). NaN is missing.
    ``method``: 'average', 'min', 'max', 'first', 'dense' (pandas) or our names
    'fractional', 'competition', 'competition_max', 'ordinal'.
    ``na_option``: 'keep' (missing stays NaN), 'top', 'bottom'.
    ``pct``: divide by the number of ranked values (dense: by the number of distinct
    values), as pandas does.
    ``out``: an optional float64 numpy array of the same length to write into (it may be
    ``values`` itself); saves allocating fresh memory in loops.
    Returns a list for list input, a numpy array for numpy input, and for a pandas Series
    a Series with the input's index and name (as ``Series.rank`` does).

    Speed: a 1-D, C-contiguous float64 ndarray (with ``out=None``) is ranked with no
    conversion: for 200 values about 0.8 µs of Python and ctypes plus the C ranking (about
    1 µs), under 2 µs in all (timeit, CPython 3.11 on an x86-64 core). A result of at most
    4096 values that the caller has let go of (as in ``rank(v)[i]``) is filled again by the
    next call of the same length instead of allocating a new one; one the caller still
    reaches (a variable, a container, a view, a weak reference) never is. A list is
    converted there and back, about 9 µs for 200 numbers; Series, other dtypes, strided
    views and ``out=`` take that general path too (``out`` saves the allocation, not the
    conversion of the input).
    """
    global _LAST_IN, _LAST_OUT
    if type(values) is _FAST_NDARRAY and values.dtype is _F64 and values.strides == _STRIDES and out is None:
        # The fast path, inlined (one Python call less); the same checks and errors as below.
        try:
            m = _METHOD_CODES[method]
            na = _NA_CODES[na_option]
        except (KeyError, TypeError):  # not seen yet, or not a name: the checks of the general path
            m = _method_code(method)
            na = _na_code(na_option)
        k = len(values)
        i = id(values)
        last = _LAST_IN
        if last[0] != i:
            last = _LAST_IN = (i, _ADDRESS(i + _OFFSET))
        # The last result is filled again when nothing but _LAST_OUT holds it (bound to
        # `res` first, so another thread's call sees one more reference and lets it be);
        # else a new array, kept for the next call when it is small.
        dst = _LAST_OUT
        res = dst[0]
        if _REFCOUNT(dst[0]) != _UNHELD or len(res) != k or _WEAKREFS(res):
            res = _NP_EMPTY(k)
            dst = (res, _ADDRESS(id(res) + _OFFSET))
            if k <= _HOLD_GIL_MAX:
                _LAST_OUT = dst
        try:  # a length of at most HOLD_GIL_MAX: its argument object is kept, the GIL is held
            n = _COUNTS[k]
            fn = _RANK
        except KeyError:
            n = _count(k)
            fn = _RANK if k <= _HOLD_GIL_MAX else _RANK_FREE
        status = fn(dst[1], last[1], n, m, 0 if ascending else 1, na, SCALE_PCT if pct else SCALE_RANK)
        if status:
            raise_status(status, "aex_rank_values_scaled")
        return res
    scale = SCALE_PCT if pct else SCALE_RANK
    return _ranked(values, _method_code(method), ascending, _na_code(na_option), scale, out)


@overload
def percent_rank(
    values: npt.NDArray[np.generic],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: Optional[FloatArray] = ...,
    threads: int = ...,
) -> FloatArray: ...
@overload
def percent_rank(
    values: Sequence[float],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: None = ...,
    threads: int = ...,
) -> list[float]: ...
@overload
def percent_rank(
    values: Sequence[float],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: FloatArray,
    threads: int = ...,
) -> FloatArray: ...
@overload
def percent_rank(
    values: Union[pd.Series, pd.Index],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: Optional[FloatArray] = ...,
    threads: int = ...,
) -> pd.Series: ...
def percent_rank(
    values: Numbers,
    ascending: bool = True,
    na_option: NaOption = "keep",
    *,
    groups: Optional[Groups] = None,
    out: Optional[FloatArray] = None,
    threads: int = 0,
) -> Union[list[float], FloatArray, pd.Series]:
    """SQL ``PERCENT_RANK() OVER (ORDER BY value)``: (competition rank − 1) / (n − 1), 0 for
    a single value.

    >>> percent_rank([30, 20, 20, 10], ascending=False)
    [0.0, 0.3333333333333333, 0.3333333333333333, 1.0]

    With ``groups`` (one id per value) it is ``PERCENT_RANK() OVER (PARTITION BY group
    ORDER BY value)``. Missing values as in :func:`rank` (``'keep'``: NaN, not counted).
    """
    if groups is not None:
        return _grouped(groups, values, 0, ascending, _na_code(na_option), SCALE_PERCENT_RANK, out, threads)
    return _ranked(values, 0, ascending, _na_code(na_option), SCALE_PERCENT_RANK, out)


@overload
def cume_dist(
    values: npt.NDArray[np.generic],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: Optional[FloatArray] = ...,
    threads: int = ...,
) -> FloatArray: ...
@overload
def cume_dist(
    values: Sequence[float],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: None = ...,
    threads: int = ...,
) -> list[float]: ...
@overload
def cume_dist(
    values: Sequence[float],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: FloatArray,
    threads: int = ...,
) -> FloatArray: ...
@overload
def cume_dist(
    values: Union[pd.Series, pd.Index],
    ascending: bool = ...,
    na_option: NaOption = ...,
    *,
    groups: Optional[Groups] = ...,
    out: Optional[FloatArray] = ...,
    threads: int = ...,
) -> pd.Series: ...
def cume_dist(
    values: Numbers,
    ascending: bool = True,
    na_option: NaOption = "keep",
    *,
    groups: Optional[Groups] = None,
    out: Optional[FloatArray] = None,
    threads: int = 0,
) -> Union[list[float], FloatArray, pd.Series]:
    """SQL ``CUME_DIST() OVER (ORDER BY value)``: the share of values ranked at or before
    each value (its max rank / n).

    >>> cume_dist([30, 20, 20, 10], ascending=False)
    [0.25, 0.75, 0.75, 1.0]

    ``groups`` partitions as in :func:`percent_rank`.
    """
    if groups is not None:
        return _grouped(groups, values, 1, ascending, _na_code(na_option), SCALE_CUME_DIST, out, threads)
    return _ranked(values, 1, ascending, _na_code(na_option), SCALE_CUME_DIST, out)


def _group_ids(groups: Groups) -> Union[Groups, npt.NDArray[np.int64]]:
    """Text (or other non-number) group labels as integer ids: period texts parsed as the
    core parses them, so that '2023-3' and '2023-03' are one group (as in ``overtakes``);
    any other labels (exporter codes, names) are groups by equality."""
    np = _arrays.numpy_module()
    if np is None:
        return groups
    g = np.asarray(groups)
    if g.dtype.kind not in "USOMm":
        return groups
    from ._overtakes import _distinct, _period_codes

    try:
        return _period_codes(g)[1]
    except ValueError:
        return _distinct(g)[1]


def _grouped(
    groups: Groups,
    values: Numbers,
    m: int,
    ascending: bool,
    na: int,
    scale: int,
    out: Optional[FloatArray],
    threads: int,
) -> Result:
    gkeep, gaddr, gn, is32 = _arrays.as_group_ids(_group_ids(groups))
    vkeep, vaddr, n = _arrays.as_doubles(values)
    if gn != n:
        raise ValueError(f"groups has {gn} elements and values {n}; they must be equal")
    res, res_addr = _arrays.output_doubles(out, n, values)
    fn = lib().aex_rank_groups_i32 if is32 else lib().aex_rank_groups
    fn(res_addr, gaddr, vaddr, n, m, 0 if ascending else 1, na, scale, int(threads))
    del gkeep, vkeep
    return _arrays.to_result(res, values)


@overload
def rank_groups(
    groups: Groups,
    values: npt.NDArray[np.generic],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: Optional[FloatArray] = ...,
    threads: int = ...,
) -> FloatArray: ...
@overload
def rank_groups(
    groups: Groups,
    values: Sequence[float],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: None = ...,
    threads: int = ...,
) -> list[float]: ...
@overload
def rank_groups(
    groups: Groups,
    values: Sequence[float],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: FloatArray,
    threads: int = ...,
) -> FloatArray: ...
@overload
def rank_groups(
    groups: Groups,
    values: Union[pd.Series, pd.Index],
    method: RankMethod = ...,
    ascending: bool = ...,
    na_option: NaOption = ...,
    pct: bool = ...,
    *,
    out: Optional[FloatArray] = ...,
    threads: int = ...,
) -> pd.Series: ...
def rank_groups(
    groups: Groups,
    values: Numbers,
    method: RankMethod = "average",
    ascending: bool = True,
    na_option: NaOption = "keep",
    pct: bool = False,
    *,
    out: Optional[FloatArray] = None,
    threads: int = 0,
) -> Union[list[float], FloatArray, pd.Series]:
    """Ranks values within groups, like
    ``pandas.DataFrame({"g": groups, "v": values}).groupby("g")["v"].rank(...)``.

    >>> rank_groups([2024, 2024, 2024, 2023, 2023], [30, 20, 20, 5, 9], method="min",
    ...             ascending=False)
    [1.0, 2.0, 2.0, 2.0, 1.0]

    ``groups``: one id per value, in any order: integers (int64 and int32 numpy arrays pass
    without copying; sorted ids are fastest), period texts ('2023-3' and '2023-03' are one
    group, as in :func:`overtakes`), datetime64 / pandas Period values, or any other labels. ``method``, ``ascending``, ``na_option``,
    ``pct``: as :func:`rank`. ``out``: as :func:`rank`. ``threads``: 0 = every CPU,
    1 = the calling thread only, k = at most k threads.
    """
    scale = SCALE_PCT if pct else SCALE_RANK
    return _grouped(groups, values, _method_code(method), ascending, _na_code(na_option), scale, out, threads)
