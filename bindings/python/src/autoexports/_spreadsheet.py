"""The spreadsheet ranking functions, with Excel's argument order and semantics.

``rank_eq(number, ref, order=0)``: order 0 (the default) ranks the largest first, any
other order the smallest first, exactly as in Excel. NaN entries of a range are empty
cells and are skipped. Excel's error values raise :class:`AutoExportsError` whose
``status_name`` tells them apart: ``AEX_E_NOT_FOUND`` and ``AEX_E_OUT_OF_RANGE`` are
Excel's #N/A, ``AEX_E_INSUFFICIENT_DATA`` is #NUM! (no numbers), ``AEX_E_INVALID_ARGUMENT``
is #NUM! for a significance below 1.

PERCENTRANK follows Excel by default; ``convention="calc"`` follows LibreOffice Calc, which
rounds a significance to significant digits (Excel truncates to decimal digits) and gives 1
for PERCENTRANK.EXC of a single number (Excel's formula gives 0.5).

Speed (timeit, 200 values, CPython 3.11 on an idle x86-64 core): with a 1-D, C-contiguous
float64 numpy array (``np.asarray(x, dtype=float)``) a call of :func:`rank_eq` or
:func:`rank_avg` takes about 0.7 µs and one of :func:`percentrank_inc` or
:func:`percentrank_exc` about 0.9 µs (numpy's one-liner ``np.count_nonzero(v > x) + 1``:
0.9 µs); about 0.45 µs of it is Python and ctypes, the rest the C function. The array's
buffer is passed as it is, with no conversion per call, and every argument check stays (see
``_fast``). Lists, tuples, pandas Series, other dtypes and strided views take the general
path and are converted first, every call: about 5 µs for a list of 200 numbers, 10-20 µs
for a Series. For many calls on the same range, :class:`Range` keeps the range's address
and is faster still.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Optional, Union

from . import _arrays, _fast
from ._fast import ADDRESS as _ADDRESS
from ._fast import COUNTS as _COUNTS
from ._fast import F64 as _F64
from ._fast import FAST_NDARRAY as _FAST_NDARRAY
from ._fast import HOLD_GIL_MAX as _HOLD_GIL_MAX
from ._fast import OFFSET_INT as _OFFSET
from ._fast import SLOTS as _SLOTS
from ._fast import STRIDES as _STRIDES
from ._fast import count as _count
from ._ffi import lib, raise_status
from ._vocabulary import Convention

if TYPE_CHECKING:
    from ._arrays import Numbers


def _order(order: object) -> int:
    # Excel's flag, passed through as the C functions take it: 0 = largest first.
    return 0 if not order else 1


def _significance(significance: Optional[int]) -> int:
    if significance is None:
        return 0
    s = int(significance)
    if s < 1:
        raise ValueError(f"significance must be at least 1 (Excel #NUM!), got {significance!r}")
    return s


CONVENTIONS = {"excel": 0, "calc": 1}  # AEX_CONVENTION_EXCEL, AEX_CONVENTION_CALC


def _convention(convention: Union[Convention, str]) -> int:
    try:
        return CONVENTIONS[str(convention).lower()]
    except KeyError:
        raise ValueError(f"convention must be 'excel' or 'calc', got {convention!r}") from None


# The fast paths' handles (module globals: no look-up per call), bound on their first call.
# _X holds the GIL during the call (inputs of at most HOLD_GIL_MAX values), _X_FREE releases it.
_EQ = _fast.lazy(globals(), "_EQ", "aex_rank_eq", True)
_EQ_FREE = _fast.lazy(globals(), "_EQ_FREE", "aex_rank_eq", False)
_AVG = _fast.lazy(globals(), "_AVG", "aex_rank_avg", True)
_AVG_FREE = _fast.lazy(globals(), "_AVG_FREE", "aex_rank_avg", False)
_INC = _fast.lazy(globals(), "_INC", "aex_percentrank_inc", True)
_INC_FREE = _fast.lazy(globals(), "_INC_FREE", "aex_percentrank_inc", False)
_EXC = _fast.lazy(globals(), "_EXC", "aex_percentrank_exc", True)
_EXC_FREE = _fast.lazy(globals(), "_EXC_FREE", "aex_percentrank_exc", False)
# The data pointer of the last array a fast path was given: (its id, a c_void_p viewing the
# array object's ``data`` field). The view reads the field when the call is made, so it
# stays right for as long as an ndarray lives at that id (see ``_fast``); a tuple, replaced
# whole, so threads always read a matching pair.
_LAST: tuple[int, Optional[ctypes.c_void_p]] = (0, None)


def _call(name: str, *args: Union[int, float]) -> float:
    out = ctypes.c_double()
    getattr(lib(), name)(ctypes.addressof(out), *args)
    return out.value


def rank_eq(number: float, ref: Numbers, order: int = 0) -> float:
    """Excel RANK.EQ: the rank of ``number`` in ``ref``; ties share the best rank.

    >>> rank_eq(2, [7, 3.5, 3.5, 1, 2])
    4.0
    >>> rank_eq(7, [7, 3.5, 3.5, 1, 2], 1)
    5.0

    Speed: about 0.7 µs for 200 values in a 1-D, C-contiguous float64 ndarray (the fast
    path: no conversion, the same checks); a list, Series or other array is converted first
    on every call, about 5 µs for a list of 200 numbers.
    """
    global _LAST
    if type(ref) is _FAST_NDARRAY and ref.dtype is _F64 and ref.strides == _STRIDES:
        # The fast path, inlined (one Python call less); the same checks and errors as below.
        out, out_ref, x = _SLOTS.all
        try:
            x.value = number
        except TypeError:
            x.value = float(number)  # what the general path accepts ('2'): or its error
        i = id(ref)
        last = _LAST
        if last[0] != i:
            last = _LAST = (i, _ADDRESS(i + _OFFSET))
        try:  # a length of at most HOLD_GIL_MAX: its argument object is kept, the GIL is held
            n = _COUNTS[len(ref)]
            fn = _EQ
        except KeyError:
            k = len(ref)
            n = _count(k)
            fn = _EQ if k <= _HOLD_GIL_MAX else _EQ_FREE
        status = fn(out_ref, x, last[1], n, 0 if not order else 1)
        if status:
            raise_status(status, "aex_rank_eq")
        return out.value
    keep, addr, n_ = _arrays.as_doubles(ref, "ref")
    return _call("aex_rank_eq", float(number), addr, n_, _order(order))


def rank_avg(number: float, ref: Numbers, order: int = 0) -> float:
    """Excel RANK.AVG: like :func:`rank_eq`, ties share the mean of their ranks.

    >>> rank_avg(94, [89, 88, 92, 101, 94, 97, 95])
    4.0

    Speed: as :func:`rank_eq` (a float64 ndarray is fast, lists are converted per call).
    """
    global _LAST
    if type(ref) is _FAST_NDARRAY and ref.dtype is _F64 and ref.strides == _STRIDES:
        # The fast path, inlined (one Python call less); the same checks and errors as below.
        out, out_ref, x = _SLOTS.all
        try:
            x.value = number
        except TypeError:
            x.value = float(number)  # what the general path accepts ('2'): or its error
        i = id(ref)
        last = _LAST
        if last[0] != i:
            last = _LAST = (i, _ADDRESS(i + _OFFSET))
        try:  # a length of at most HOLD_GIL_MAX: its argument object is kept, the GIL is held
            n = _COUNTS[len(ref)]
            fn = _AVG
        except KeyError:
            k = len(ref)
            n = _count(k)
            fn = _AVG if k <= _HOLD_GIL_MAX else _AVG_FREE
        status = fn(out_ref, x, last[1], n, 0 if not order else 1)
        if status:
            raise_status(status, "aex_rank_avg")
        return out.value
    keep, addr, n_ = _arrays.as_doubles(ref, "ref")
    return _call("aex_rank_avg", float(number), addr, n_, _order(order))


def percentrank_inc(
    array: Numbers, x: float, significance: Optional[int] = None, convention: Convention = "excel"
) -> float:
    """PERCENTRANK.INC: the rank of ``x`` in ``array`` as a fraction in [0, 1],
    interpolated between data points. ``significance=None`` returns the unrounded value
    (both spreadsheets' own default is 3); k truncates down to k decimal digits as Excel
    does, or with ``convention="calc"`` rounds to k significant digits as LibreOffice
    Calc does.

    >>> percentrank_inc([13, 12, 11, 8, 4, 3, 2, 1, 1, 1], 5, 3)
    0.583
    >>> percentrank_inc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 1.7, 3)
    0.058
    >>> percentrank_inc([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], 1.7, 3, convention="calc")
    0.0583

    Speed: about 0.9 µs for 200 values in a 1-D, C-contiguous float64 ndarray (the fast
    path: no conversion, the same checks); a list, Series or other array is converted first
    on every call, about 5 µs for a list of 200 numbers.
    """
    global _LAST
    if type(array) is _FAST_NDARRAY and array.dtype is _F64 and array.strides == _STRIDES:
        # The fast path, inlined (one Python call less); the same checks and errors as below,
        # in the same order (the number, then significance, then convention).
        out, out_ref, xd = _SLOTS.all
        try:
            xd.value = x
        except TypeError:
            xd.value = float(x)  # what the general path accepts ('2'): or its error
        sig = 0 if significance is None else _significance(significance)
        conv = 0 if convention == "excel" else _convention(convention)
        i = id(array)
        last = _LAST
        if last[0] != i:
            last = _LAST = (i, _ADDRESS(i + _OFFSET))
        try:  # a length of at most HOLD_GIL_MAX: its argument object is kept, the GIL is held
            n = _COUNTS[len(array)]
            fn = _INC
        except KeyError:
            k = len(array)
            n = _count(k)
            fn = _INC if k <= _HOLD_GIL_MAX else _INC_FREE
        status = fn(out_ref, last[1], n, xd, sig, conv)
        if status:
            raise_status(status, "aex_percentrank_inc")
        return out.value
    keep, addr, n_ = _arrays.as_doubles(array, "array")
    return _call("aex_percentrank_inc", addr, n_, float(x), _significance(significance), _convention(convention))


def percentrank_exc(
    array: Numbers, x: float, significance: Optional[int] = None, convention: Convention = "excel"
) -> float:
    """PERCENTRANK.EXC: the rank of ``x`` in ``array`` as a fraction in (0, 1);
    ``significance`` and ``convention`` as for :func:`percentrank_inc`.

    >>> percentrank_exc([1, 2, 3, 6, 6, 6, 7, 8, 9], 5.43, 1)
    0.3
    >>> percentrank_exc([42], 42), percentrank_exc([42], 42, convention="calc")
    (0.5, 1.0)

    Speed: as :func:`percentrank_inc` (a float64 ndarray is fast, lists are converted per call).
    """
    global _LAST
    if type(array) is _FAST_NDARRAY and array.dtype is _F64 and array.strides == _STRIDES:
        # The fast path, inlined (one Python call less); the same checks and errors as below,
        # in the same order (the number, then significance, then convention).
        out, out_ref, xd = _SLOTS.all
        try:
            xd.value = x
        except TypeError:
            xd.value = float(x)  # what the general path accepts ('2'): or its error
        sig = 0 if significance is None else _significance(significance)
        conv = 0 if convention == "excel" else _convention(convention)
        i = id(array)
        last = _LAST
        if last[0] != i:
            last = _LAST = (i, _ADDRESS(i + _OFFSET))
        try:  # a length of at most HOLD_GIL_MAX: its argument object is kept, the GIL is held
            n = _COUNTS[len(array)]
            fn = _EXC
        except KeyError:
            k = len(array)
            n = _count(k)
            fn = _EXC if k <= _HOLD_GIL_MAX else _EXC_FREE
        status = fn(out_ref, last[1], n, xd, sig, conv)
        if status:
            raise_status(status, "aex_percentrank_exc")
        return out.value
    keep, addr, n_ = _arrays.as_doubles(array, "array")
    return _call("aex_percentrank_exc", addr, n_, float(x), _significance(significance), _convention(convention))


class Range:
    """A range of numbers held once, for fast repeated spreadsheet calls.

    >>> r = Range([7, 3.5, 3.5, 1, 2])
    >>> r.rank_eq(2), r.rank_avg(3.5), r.percentrank_inc(3.5)
    (4.0, 2.5, 0.5)

    The numbers are copied once into a float64 buffer the object owns (a contiguous
    float64 numpy array is referenced without copying; do not resize it while the Range
    lives). Each call then passes ctypes objects made once (no per-call conversion).
    A Range keeps its result in one slot: share it between threads only with a lock,
    or make one per thread.
    """

    __slots__ = ("_keep", "_addr", "_n", "_out", "_x", "_args", "_eq", "_avg", "_inc", "_exc")

    def __init__(self, values: Numbers):
        self._keep, self._addr, self._n = _arrays.as_doubles(values, "values")
        self._out = ctypes.c_double()
        # The per-call arguments are ctypes' own argument objects, made once and passed to
        # function handles without argtypes: ctypes then converts nothing (with argtypes it
        # builds a new object per argument, most of a call's cost). The number goes through _x.
        self._x = ctypes.c_double()
        self._args = (ctypes.byref(self._out), ctypes.c_void_p.from_param(self._addr), _count(self._n))
        # Ranges of at most HOLD_GIL_MAX numbers are ranked with the GIL held (see ``_fast``).
        hold = self._n <= _HOLD_GIL_MAX
        self._eq = _fast.untyped("aex_rank_eq", hold)
        self._avg = _fast.untyped("aex_rank_avg", hold)
        self._inc = _fast.untyped("aex_percentrank_inc", hold)
        self._exc = _fast.untyped("aex_percentrank_exc", hold)

    def __len__(self) -> int:
        return self._n

    def rank_eq(self, number: float, order: int = 0) -> float:
        """RANK.EQ(number, this range, order)."""
        x = self._x
        x.value = number
        out, addr, n = self._args
        s = self._eq(out, x, addr, n, 1 if order else 0)
        if s:
            raise_status(s, "aex_rank_eq")
        return self._out.value

    def rank_avg(self, number: float, order: int = 0) -> float:
        """RANK.AVG(number, this range, order)."""
        x = self._x
        x.value = number
        out, addr, n = self._args
        s = self._avg(out, x, addr, n, 1 if order else 0)
        if s:
            raise_status(s, "aex_rank_avg")
        return self._out.value

    def percentrank_inc(self, x: float, significance: Optional[int] = None, convention: Convention = "excel") -> float:
        """PERCENTRANK.INC(this range, x, significance) in ``convention``."""
        xd = self._x
        xd.value = x
        out, addr, n = self._args
        s = self._inc(
            out,
            addr,
            n,
            xd,
            0 if significance is None else _significance(significance),
            0 if convention == "excel" else _convention(convention),
        )
        if s:
            raise_status(s, "aex_percentrank_inc")
        return self._out.value

    def percentrank_exc(self, x: float, significance: Optional[int] = None, convention: Convention = "excel") -> float:
        """PERCENTRANK.EXC(this range, x, significance) in ``convention``."""
        xd = self._x
        xd.value = x
        out, addr, n = self._args
        s = self._exc(
            out,
            addr,
            n,
            xd,
            0 if significance is None else _significance(significance),
            0 if convention == "excel" else _convention(convention),
        )
        if s:
            raise_status(s, "aex_percentrank_exc")
        return self._out.value
