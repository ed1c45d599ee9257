"""Ranking: pandas-compatible names over the native kernels."""

from __future__ import annotations

from typing import Any

from . import _arrays
from ._ffi import lib

# Our method names and pandas' / polars' / SQL's, to the C constants (AEX_RANK_*).
METHODS = {
    "competition": 0, "min": 0,
    "competition_max": 1, "max": 1,
    "fractional": 2, "average": 2,
    "dense": 3,
    "ordinal": 4, "first": 4,
}
NA_OPTIONS = {"keep": 0, "top": 1, "bottom": 2}


def _method_code(method: str) -> int:
    try:
        return METHODS[method]
    except (KeyError, TypeError):
        raise ValueError(f"method must be one of {sorted(METHODS)}, got {method!r}") from None


def _na_code(na_option: str) -> int:
    try:
        return NA_OPTIONS[na_option]
    except (KeyError, TypeError):
        raise ValueError(f"na_option must be one of {sorted(NA_OPTIONS)}, got {na_option!r}") from None


def rank(values: Any, method: str = "average", ascending: bool = True,
         na_option: str = "keep") -> Any:
    """Ranks values like ``pandas.Series.rank`` (same argument names and defaults).

    >>> rank([30, 20, 20, 10], method="min", ascending=False)
    [1.0, 2.0, 2.0, 4.0]

    ``values``: a list/tuple of numbers or a 1-D numpy array (a contiguous float64 array
    passes without copying). NaN is missing.
    ``method``: 'average', 'min', 'max', 'first', 'dense' (pandas) or our names
    'fractional', 'competition', 'competition_max', 'ordinal'.
    ``na_option``: 'keep' (missing stays NaN), 'top', 'bottom'.
    Returns a list for list input, a numpy array for numpy input.
    """
    m = _method_code(method)
    na = _na_code(na_option)
    keep, addr, n = _arrays.as_doubles(values)
    out, out_addr = _arrays.new_doubles(n, values)
    lib().aex_rank_values(out_addr, addr, n, m, 0 if ascending else 1, na)
    del keep
    return _arrays.to_result(out, values)
