"""Zero-copy views of caller arrays for the C calls.

A contiguous numpy array of the right dtype passes its own buffer; anything else (lists,
tuples, other dtypes, strided views) is converted once. numpy is optional: without it
the stdlib `array` module holds the data.
"""

from __future__ import annotations

from array import array
from types import ModuleType
from typing import TYPE_CHECKING, Optional, Sequence, Tuple, Union, cast

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd
    from typing_extensions import TypeAlias, TypeGuard

    # The array types of the signatures (type checking only: numpy and pandas stay optional
    # at run time).  A float64 result; any numpy array as input (its dtype is converted).
    FloatArray: TypeAlias = npt.NDArray[np.float64]
    NumArray: TypeAlias = npt.NDArray[np.generic]
    # What a rank or spreadsheet function takes: numbers in a list or tuple, a 1-D numpy
    # array, a pandas Series or Index (or anything with __array__, converted once).
    Numbers: TypeAlias = Union[Sequence[float], NumArray, pd.Series, pd.Index]
    # The buffer that keeps converted input alive while the C call reads it.
    Buffer: TypeAlias = Union[FloatArray, "array[float]"]
    IntBuffer: TypeAlias = Union[npt.NDArray[np.int64], npt.NDArray[np.int32], "array[int]"]
    # A result: a list for list input, else a numpy array or a pandas Series.
    Result: TypeAlias = Union[list[float], FloatArray, pd.Series]

try:  # numpy is optional: typed as the module, None at run time when it is not installed
    import numpy as _np
except ImportError:  # pragma: no cover - exercised only without numpy
    _np = None  # type: ignore[assignment]


def numpy_module() -> Optional[ModuleType]:
    """numpy, or None when it is not installed."""
    return _np


def is_numpy(x: object) -> TypeGuard[NumArray]:
    return _np is not None and isinstance(x, _np.ndarray)


def _maybe_numpy(x: Numbers) -> Numbers:
    """pandas Series / Index and other array-likes with __array__ become numpy arrays."""
    if _np is not None and not isinstance(x, (list, tuple, array)) and hasattr(x, "__array__") and not is_numpy(x):
        return _np.asarray(x)
    return x


def as_doubles(values: Numbers, name: str = "values") -> Tuple[Buffer, int, int]:
    """(keep-alive object, address, length) of a float64 buffer holding `values`."""
    values = _maybe_numpy(values)
    if is_numpy(values):
        arr = values
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
        if arr.dtype != _np.float64 or not arr.flags.c_contiguous:
            arr = _np.ascontiguousarray(arr, dtype=_np.float64)
        return cast("FloatArray", arr), arr.ctypes.data, arr.shape[0]
    try:
        buf = array("d", values)
    except TypeError as e:
        raise TypeError(f"{name} must be numbers, got {values!r:.80}") from e
    addr, n = buf.buffer_info()
    return buf, addr, n


def as_group_ids(groups: Union[Sequence[int], NumArray, pd.Series]) -> Tuple[IntBuffer, int, int, bool]:
    """(keep-alive, address, length, is_int32) of an int64 or int32 buffer of `groups`.

    int64 and int32 numpy arrays pass without copying; other integer types are widened
    to int64; floats that are whole numbers are accepted, others refused.
    """
    groups = _maybe_numpy(groups)
    if is_numpy(groups):
        arr = groups
        if arr.ndim != 1:
            raise ValueError(f"groups must be one-dimensional, got shape {arr.shape}")
        if arr.dtype == _np.int32 and arr.flags.c_contiguous:
            return cast("npt.NDArray[np.int32]", arr), arr.ctypes.data, arr.shape[0], True
        if arr.dtype.kind == "f":
            if not _np.all(_np.isfinite(arr)) or not _np.all(arr == _np.floor(arr)):
                raise ValueError("groups must be integers (got non-integral or NaN floats)")
        elif arr.dtype.kind not in "iub":
            raise TypeError(f"groups must be integers, got dtype {arr.dtype}")
        if arr.dtype != _np.int64 or not arr.flags.c_contiguous:
            arr = _np.ascontiguousarray(arr, dtype=_np.int64)
        return cast("npt.NDArray[np.int64]", arr), arr.ctypes.data, arr.shape[0], False
    try:
        buf = array("q", groups)
    except TypeError as e:
        raise TypeError(f"groups must be integers, got {groups!r:.80}") from e
    addr, n = buf.buffer_info()
    return buf, addr, n, False


def new_doubles(n: int, like: Numbers) -> Tuple[Buffer, int]:
    """A new float64 buffer of n elements: a numpy array when `like` is one, else array('d')."""
    if is_numpy(_maybe_numpy(like)):
        out = _np.empty(n, dtype=_np.float64)
        return out, out.ctypes.data
    buf = array("d", bytes(8 * n))
    return buf, buf.buffer_info()[0]


def output_doubles(out: Optional[FloatArray], n: int, like: Numbers) -> Tuple[Buffer, int]:
    """The caller's `out` array (float64, contiguous, writable, length n) or a new one."""
    if out is None:
        return new_doubles(n, like)
    if (
        not is_numpy(out)
        or out.dtype != _np.float64
        or out.ndim != 1
        or not out.flags.c_contiguous
        or not out.flags.writeable
    ):
        raise ValueError("out must be a writable, contiguous one-dimensional float64 numpy array")
    if out.shape[0] != n:
        raise ValueError(f"out has {out.shape[0]} elements, need {n}")
    return cast("FloatArray", out), out.ctypes.data


def _pandas_like(x: object) -> Optional[type]:
    """The pandas Series or Index class of `x`, or None (pandas is never imported here)."""
    t = type(x)
    if t.__module__.startswith("pandas.") and t.__name__ in ("Series", "Index"):
        return t
    return None


def to_result(buf: Buffer, like: Numbers) -> Result:
    """numpy in, numpy out; a pandas Series in, a Series out with its index and name; anything
    else gets a list."""
    if is_numpy(buf):
        if _pandas_like(like) is not None:
            import pandas as pd

            if isinstance(like, pd.Series):
                return pd.Series(buf, index=like.index, name=like.name, copy=False)
            return pd.Series(buf, name=getattr(like, "name", None), copy=False)
        return buf
    return buf.tolist()


__all__: Sequence[str] = ["as_doubles", "as_group_ids", "new_doubles", "output_doubles", "to_result", "is_numpy"]
