"""Fast paths for the calls users write with a contiguous float64 numpy array.

A ctypes call with ``argtypes`` converts every argument per call, and ``ndarray.ctypes.data``
alone costs about a microsecond (it builds a helper object). For a 1-D, C-contiguous
float64 ndarray these paths instead:

- read the array's data pointer from the array object itself: numpy's ``PyArrayObject``
  starts with the object header followed by ``char *data`` (numpy's C API, stable across
  releases). The offset is not assumed: it is measured once against ``ndarray.ctypes.data``
  on probe arrays (a fresh one and a strided view), and when it does not match (another
  Python implementation, a debug or free-threaded build) the fast paths are off and the
  general path serves every call;
- call function handles without ``argtypes`` whose arguments are ctypes objects already,
  so ctypes passes them as they are;
- keep per-thread argument objects (the result slot, the number, the length), so calls
  from several threads never share a slot.

Every argument check of the general path stays: anything that is not exactly such an
array (a list, a Series, another dtype, a strided view) takes the general path.
"""

from __future__ import annotations

import ctypes
import threading
from typing import TYPE_CHECKING, Callable, Optional

from ._ffi import lib

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

try:  # numpy is optional: typed as the module, None at run time when it is not installed
    import numpy as _np
except ImportError:  # pragma: no cover - exercised only without numpy
    _np = None  # type: ignore[assignment]

_ADDRESS = ctypes.c_void_p.from_address
# ndarray, float64's dtype and numpy.empty; None without numpy (typed as with numpy: the
# paths that use them run only when numpy is there).
NDARRAY: type[npt.NDArray[np.generic]] = _np.ndarray if _np is not None else None
F64: np.dtype[np.float64] = _np.dtype(_np.float64) if _np is not None else None
NP_EMPTY: Callable[[int], npt.NDArray[np.float64]] = _np.empty if _np is not None else None


def _measure_offset() -> Optional[int]:
    """The offset of ``data`` inside an ndarray object, or None when it cannot be trusted."""
    if _np is None:
        return None
    try:
        base = _np.arange(16, dtype=_np.float64)
        probes = [base, base[3:], _np.empty(5), _np.zeros(0)]
        for off in (2 * ctypes.sizeof(ctypes.c_void_p), 3 * ctypes.sizeof(ctypes.c_void_p)):
            if all(_ADDRESS(id(p) + off).value == (p.ctypes.data or None) for p in probes if p.size):
                return off
    except Exception:  # pragma: no cover - a numpy or Python this code does not know
        return None
    return None  # pragma: no cover


OFFSET = _measure_offset()
OFFSET_INT: int = OFFSET or 0  # for the inlined paths, which run only when OFFSET is not None


class _Never:
    """A type no argument has: with it as FAST_NDARRAY, every call takes the general path."""


# The type the inlined fast-path checks compare with (`type(a) is FAST_NDARRAY`).
# Typed as float64 arrays' class, so that the test narrows the argument's type for mypy.
FAST_NDARRAY: type[npt.NDArray[np.float64]] = NDARRAY if OFFSET is not None else _Never  # type: ignore[assignment]


def pointer(a: npt.NDArray[np.generic]) -> ctypes.c_void_p:
    """A c_void_p holding the data pointer of ndarray ``a`` (read, not copied from a helper)."""
    return _ADDRESS(id(a) + OFFSET_INT)


def usable(a: object) -> bool:
    """Whether ``a`` is an ndarray the fast paths take as it is."""
    return type(a) is FAST_NDARRAY and a.dtype is F64 and a.ndim == 1 and a.flags.c_contiguous


class _Slots(threading.local):
    """Per-thread argument objects: result, its address, the number, the length."""

    def __init__(self) -> None:
        self.out = ctypes.c_double()
        self.out_ptr = ctypes.c_void_p(ctypes.addressof(self.out))
        self.x = ctypes.c_double()
        self.n = ctypes.c_int64()
        self.all = (self.out, self.out_ptr, self.x, self.n)  # one attribute read for the hot paths


SLOTS = _Slots()


def untyped(name: str) -> Callable[..., int]:
    """A handle on a STATUS function without argtypes (its restype int32: the status)."""
    fn = lib()[name]  # indexing makes a new function object, apart from the typed one
    fn.restype = ctypes.c_int32
    return fn


ADDRESS = _ADDRESS
__all__ = ["ADDRESS", "F64", "FAST_NDARRAY", "OFFSET", "OFFSET_INT", "SLOTS", "pointer", "usable", "untyped"]
