"""Zero-copy views of caller arrays for the C calls.

A contiguous float64 numpy array passes its own buffer; anything else (lists, tuples,
other dtypes) is converted once. numpy is optional: without it the stdlib `array`
module holds the data.
"""

from __future__ import annotations

from array import array
from typing import Any, Sequence, Tuple

try:  # numpy is optional
    import numpy as _np
except ImportError:  # pragma: no cover - exercised only without numpy
    _np = None


def is_numpy(x: Any) -> bool:
    return _np is not None and isinstance(x, _np.ndarray)


def as_doubles(values: Any) -> Tuple[Any, int, int]:
    """(keep-alive object, address, length) of a float64 buffer holding `values`."""
    if is_numpy(values):
        arr = values
        if arr.ndim != 1:
            raise ValueError(f"values must be one-dimensional, got shape {arr.shape}")
        if arr.dtype != _np.float64 or not arr.flags.c_contiguous:
            arr = _np.ascontiguousarray(arr, dtype=_np.float64)
        return arr, arr.ctypes.data, arr.shape[0]
    try:
        buf = array("d", values)
    except TypeError as e:
        raise TypeError(f"values must be numbers, got {values!r:.80}") from e
    addr, n = buf.buffer_info()
    return buf, addr, n


def new_doubles(n: int, like: Any) -> Tuple[Any, int]:
    """A new float64 buffer of n elements: a numpy array when `like` is one, else array('d')."""
    if is_numpy(like):
        out = _np.empty(n, dtype=_np.float64)
        return out, out.ctypes.data
    buf = array("d", bytes(8 * n))
    return buf, buf.buffer_info()[0]


def to_result(buf: Any, like: Any) -> Any:
    """numpy in, numpy out; anything else gets a list."""
    if is_numpy(buf):
        return buf
    return buf.tolist()


__all__: Sequence[str] = ["as_doubles", "new_doubles", "to_result", "is_numpy"]
