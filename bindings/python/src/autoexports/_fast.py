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
- keep, per module, the last array's id and a ``c_void_p`` made by ``from_address`` on its
  ``data`` field. Such a view does not copy the pointer: ctypes reads the field when the
  call is made, so it is right for any live ndarray at that id (the array itself after a
  ``resize`` that moved its buffer, or a new array that took a freed one's address); the
  layout test runs on every call all the same (``a.shape`` and ``a.dtype`` can be assigned);
- call function handles without ``argtypes`` with ctypes' own argument objects where they
  can be made once (``byref`` of the result slot; ``c_int64.from_param(n)`` for lengths, kept
  in :data:`COUNTS`) and plain Python ints for the small enum arguments, so ctypes converts
  nothing and allocates nothing for them (each other ctypes object costs an allocation per
  call);
- keep the handles in module globals (bound on the first call: importing the package does
  not load the library), so a call does not look them up;
- keep per-thread argument objects (the result slot, the number).

**Holding the GIL for short calls.** A handle from :class:`ctypes.CDLL` releases the GIL
before the C call and takes it back after it; that pair costs about 40 ns, a twentieth of
a whole call over 200 values. For inputs of at most :data:`HOLD_GIL_MAX` (4096) values the
fast paths call through a :class:`ctypes.PyDLL` handle on the same loaded library, which
keeps the GIL: the C function then runs for at most some tens of microseconds (ranking
4096 values: about 45 µs), well inside the interpreter's thread switch interval (5 ms), and the library
never calls back into Python, so holding the GIL cannot deadlock. Longer inputs go through
the GIL-releasing handle, so that a long ranking still lets other Python threads run.

**Thread safety.** The argument objects are per thread (:class:`threading.local`): the
interpreter can switch threads between any two bytecodes of a call (between writing the
number into its slot and the C call, or between the C call and reading the result slot,
even when the C call itself holds the GIL), so a slot shared by threads could hand one
thread another thread's number or result. Each thread has its own slots, so concurrent
calls from many threads each get their own answer (``Tests/python/test_fast_paths.py``
checks this). What threads share is never written once made: the handles, the kept
lengths, and each module's last-array entry (a tuple replaced whole, so a thread reads an
id and its pointer view together). The library keeps its error message per thread.

Every argument check of the general path stays: anything that is not exactly such an
array (a list, a Series, another dtype or byte order, a strided view, a subclass) takes the
general path, which converts it first (several microseconds for 200 values).
"""

from __future__ import annotations

import ctypes
import sys
import threading
import weakref
from typing import TYPE_CHECKING, Any, Callable, Optional

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
# The strides of a 1-D, C-contiguous float64 array: ``a.dtype is F64 and a.strides == STRIDES``
# is the fast paths' whole test of the array's layout (it implies ``a.ndim == 1`` and
# ``a.flags.c_contiguous``; a 0- or 1-element view with another stride takes the general path).
STRIDES = (8,)
# Inputs of at most this many values are passed through the GIL-holding handles (see above).
HOLD_GIL_MAX = 4096


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
    return type(a) is FAST_NDARRAY and a.dtype is F64 and a.strides == STRIDES


class _Slots(threading.local):
    """Per-thread argument objects: the result, a reference to it to pass, the number."""

    def __init__(self) -> None:
        self.out = ctypes.c_double()
        # byref() makes ctypes' own argument object once: passed as it is, with no per-call
        # conversion (a c_void_p holding the address would make one on every call).
        self.out_ref = ctypes.byref(self.out)
        self.x = ctypes.c_double()
        self.all = (self.out, self.out_ref, self.x)  # one attribute read for the hot paths


SLOTS = _Slots()

# The lengths passed as int64 arguments, as ctypes' argument objects (``c_int64.from_param``):
# passed as they are, with no per-call conversion. They are never changed once made, so
# threads share them. Lengths up to HOLD_GIL_MAX are kept (at most 4097 small objects).
COUNTS: dict[int, object] = {}


def count(n: int) -> object:
    """The int64 argument object of length ``n`` (kept in COUNTS when n <= HOLD_GIL_MAX)."""
    c: object = ctypes.c_int64.from_param(n)
    if n <= HOLD_GIL_MAX:
        c = COUNTS.setdefault(n, c)
    return c


_pydll: Optional[ctypes.PyDLL] = None


def untyped(name: str, hold_gil: bool = False) -> Callable[..., int]:
    """A handle on a STATUS function without argtypes (its restype int32: the status).

    ``hold_gil``: a handle through :class:`ctypes.PyDLL` on the same loaded library, which
    keeps the GIL during the call (for short calls only: see the module's docstring)."""
    global _pydll
    cdll = lib()
    if hold_gil:
        if _pydll is None:
            _pydll = ctypes.PyDLL(cdll._name, handle=cdll._handle)  # the same library, not loaded again
        fn = _pydll[name]
    else:
        fn = cdll[name]  # indexing makes a new function object, apart from the typed one
    fn.restype = ctypes.c_int32
    f: Callable[..., int] = fn
    return f


def lazy(namespace: dict[str, Any], global_name: str, name: str, hold_gil: bool) -> Callable[..., int]:
    """A stand-in for the module global ``global_name`` of ``namespace``: on its first call it
    binds the global to ``untyped(name, hold_gil)`` (loading the library then, not at import)
    and forwards the call. Later calls find the real handle in the global. Two threads making
    the first call at once each bind an equal handle, so the race is harmless."""

    def first_call(*args: object) -> int:
        fn = namespace[global_name] = untyped(name, hold_gil)
        return fn(*args)

    return first_call


# Refilling a result nobody holds. ``rank(v)[i]`` drops the array it gets at once; making a
# new one for the next call (``numpy.empty`` and reading its data pointer) is a tenth of a
# call over 200 values. A caller that keeps a result holds a reference to it (a variable,
# a list, a view's ``base``, a memoryview, a Series), so the array is refilled only when
# the module's own slot holds the single reference: ``sys.getrefcount`` of the slot's
# element, bound first to a local (so that two threads never both find it unheld: each
# one's local counts for the other), equals UNHELD, measured here the same way; and no
# weak reference points at it (one could see it change). Off where the count cannot be
# trusted: without ``sys.getrefcount`` (PyPy) and on a free-threaded build. numpy does the
# same for its temporaries (an operand with no other reference is written in place).
_REUSE = hasattr(sys, "getrefcount") and getattr(sys, "_is_gil_enabled", lambda: True)()


def _unheld() -> int:
    """The reference count ``rank``'s test reads for an array only its slot holds."""
    if not _REUSE:
        return -1
    slot = (_np.empty(1) if _np is not None else object(), None)
    res = slot[0]
    count = sys.getrefcount(slot[0])
    del res
    return count


#: The count of an array held only by its slot (-1, never seen, where reuse is off).
UNHELD = _unheld()
REFCOUNT: Callable[[object], int] = sys.getrefcount if _REUSE else (lambda o: 0)
WEAKREFS: Callable[[object], int] = weakref.getweakrefcount

ADDRESS = _ADDRESS
__all__ = [
    "ADDRESS",
    "F64",
    "FAST_NDARRAY",
    "HOLD_GIL_MAX",
    "OFFSET",
    "OFFSET_INT",
    "REFCOUNT",
    "SLOTS",
    "STRIDES",
    "UNHELD",
    "WEAKREFS",
    "lazy",
    "pointer",
    "usable",
    "untyped",
]
