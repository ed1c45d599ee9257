"""Panels: many series of export figures, held by the library behind a handle.

>>> import autoexports
>>> with autoexports.Panel.reference() as p:
...     periods, values = p.values("CHN")
...     dict(zip(periods, values))["2023"]
4910000.0
"""

from __future__ import annotations

import ctypes
from ctypes import byref, c_char, c_int32, c_int64, c_void_p
from typing import Any, List, NamedTuple, Optional, Sequence, Tuple

from . import _arrays
from ._ffi import lib

try:  # numpy is optional
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None

# AEX_SEGMENT_* (include/autoexports.h, section Model).
SEGMENTS = {"total": 0, "bev": 1, "phev": 2, "fcev": 3, "hev": 4, "ice": 5, "other": 6, "nev": 7,
            "plugin": 8, "conventional": 9}
SEGMENT_NAMES = {v: k for k, v in SEGMENTS.items()}
# AEX_FIELD_*
_FIELD_EXPORTER, _FIELD_METRIC, _FIELD_SOURCE, _FIELD_SCOPE, _FIELD_NAME = 0, 1, 2, 3, 4


def period_text(code: int) -> str:
    """The C period code as text: 2023 -> '2023', 20231 -> '2023-Q1', 202303 -> '2023-03'."""
    code = int(code)
    if 1 <= code <= 9999:
        return f"{code:04d}"
    if 10000 <= code <= 99999:
        return f"{code // 10:04d}-Q{code % 10}"
    if 100000 <= code <= 999999:
        return f"{code // 100:04d}-{code % 100:02d}"
    raise ValueError(f"{code} is not a period code (YYYY, YYYYQ or YYYYMM)")


def period_code(period: Any) -> int:
    """A period as the C code: '2023' -> 2023, '2023-Q1' -> 20231, '2023-03' -> 202303.

    Integers are taken as codes already.
    """
    if isinstance(period, (int,)) or (_np is not None and isinstance(period, _np.integer)):
        return int(period)
    t = str(period).strip()
    if len(t) == 4 and t.isdigit():
        return int(t)
    if len(t) >= 6 and t[:4].isdigit():
        rest = t[4:].lstrip("-")
        if rest[:1] in ("Q", "q") and rest[1:].isdigit() and len(rest) == 2:
            return int(t[:4]) * 10 + int(rest[1:])
        if rest[:1] in ("M", "m"):
            rest = rest[1:]
        if rest.isdigit() and 1 <= len(rest) <= 2:
            return int(t[:4]) * 100 + int(rest)
    raise ValueError(f"{period!r} is not a period ('2023', '2023-Q1' or '2023-03')")


def segment_code(segment: Any) -> int:
    if isinstance(segment, int):
        return segment
    try:
        return SEGMENTS[str(segment).lower()]
    except KeyError:
        raise ValueError(f"segment must be one of {sorted(SEGMENTS)}, got {segment!r}") from None


def _text(s: Optional[str]) -> Optional[bytes]:
    return None if s is None else str(s).encode("utf-8")


class SeriesInfo(NamedTuple):
    """One series of a panel: what identifies it, and how many rows it has."""
    exporter: str
    segment: str
    metric: str
    source: str
    scope: str
    rows: int
    first: str
    last: str


class Panel:
    """Series of export figures (exporter × segment × metric × source × scope, per period).

    A handle to the library's panel: use it in a ``with`` block or call ``close()``.
    Calls after ``close()`` raise ``ValueError``.

    >>> p = Panel()
    >>> p.add("CHN", ["2022", "2023"], [3110000, 4910000], source="CAAM", scope="all_vehicles")
    >>> len(p)
    2
    >>> p.close()
    """

    _handle: Optional[int] = None  # class default: __del__ works even if __init__ failed

    def __init__(self) -> None:
        h = c_void_p()
        lib().aex_panel_create(byref(h))
        self._handle = h.value

    @classmethod
    def reference(cls) -> "Panel":
        """A panel of the embedded, cited reference dataset (annual national exports)."""
        p = cls()
        try:
            lib().aex_panel_load_reference(p._h())
        except BaseException:
            p.close()
            raise
        return p

    # -- lifecycle -------------------------------------------------------------------

    def _h(self) -> int:
        if self._handle is None:
            raise ValueError("the panel is closed")
        return self._handle

    @property
    def closed(self) -> bool:
        return self._handle is None

    def close(self) -> None:
        """Releases the library's panel. Safe to call twice."""
        h, self._handle = self._handle, None
        if h is not None:
            lib().aex_panel_free(h)

    def __enter__(self) -> "Panel":
        self._h()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass

    # -- adding ------------------------------------------------------------------------

    def add(self, exporter: str, periods: Any, values: Any, segment: Any = "total",
            metric: str = "units", source: Optional[str] = None, scope: Optional[str] = None) -> None:
        """Adds one series' observations (all or nothing).

        ``periods``: period texts ('2023', '2023-Q1', '2023-03') or C codes; an int32 numpy
        array of codes passes without copying. ``values``: numbers, NaN = missing; a
        float64 numpy array passes without copying. A (series, period) already in the
        panel raises ``AutoExportsError`` (AEX_E_DUPLICATE).
        """
        keep_v, vaddr, n = _arrays.as_doubles(values)
        keep_p, paddr, m = _as_period_codes(periods)
        if n != m:
            raise ValueError(f"periods has {m} elements, values {n}")
        lib().aex_panel_add(self._h(), _text(exporter), segment_code(segment), _text(metric),
                            _text(source), _text(scope), paddr, vaddr, n)
        del keep_v, keep_p

    # -- reading -----------------------------------------------------------------------

    def __len__(self) -> int:
        n = c_int64()
        lib().aex_panel_row_count(byref(n), self._h())
        return n.value

    def series(self) -> List[SeriesInfo]:
        """Every series, in the library's order (exporter, segment, metric, source, scope)."""
        h = self._h()
        L = lib()
        n = c_int64()
        L.aex_panel_series_count(byref(n), h)
        out = []
        seg, rows, first, last = c_int32(), c_int64(), c_int32(), c_int32()
        for i in range(n.value):
            L.aex_panel_series_info(byref(seg), byref(rows), byref(first), byref(last), h, i)
            out.append(SeriesInfo(
                self._series_text(i, _FIELD_EXPORTER), SEGMENT_NAMES[seg.value],
                self._series_text(i, _FIELD_METRIC), self._series_text(i, _FIELD_SOURCE),
                self._series_text(i, _FIELD_SCOPE), rows.value,
                period_text(first.value) if rows.value else "", period_text(last.value) if rows.value else ""))
        return out

    def _series_text(self, i: int, field: int) -> str:
        buf = (c_char * 128)()
        n = c_int64()
        try:
            lib().aex_panel_series_text(buf, 128, byref(n), self._h(), i, field)
        except Exception:
            if n.value < 128:
                raise
            buf = (c_char * (n.value + 1))()
            lib().aex_panel_series_text(buf, n.value + 1, byref(n), self._h(), i, field)
        return bytes(buf[: n.value]).decode("utf-8")

    def find(self, exporter: str, segment: Any = "total", metric: str = "units",
             source: Optional[str] = None, scope: Optional[str] = None) -> int:
        """The index of a series; with no source and scope, the documented default choice."""
        i = c_int64()
        lib().aex_panel_find_series(byref(i), self._h(), _text(exporter), segment_code(segment),
                                    _text(metric), _text(source), _text(scope))
        return i.value

    def values(self, exporter: str, segment: Any = "total", metric: str = "units",
               source: Optional[str] = None, scope: Optional[str] = None) -> Tuple[List[str], Any]:
        """(periods, values) of one series in period order; values is a numpy array when
        numpy is installed (NaN = missing), else a list."""
        return self.series_values(self.find(exporter, segment, metric, source, scope))

    def series_values(self, index: int) -> Tuple[List[str], Any]:
        """(periods, values) of the series at ``index`` (see ``series()``)."""
        h = self._h()
        n = c_int64()
        lib().aex_panel_series_values(None, 0, None, 0, byref(n), h, index)
        codes, caddr = _new_int32(n.value)
        vals, vaddr = _arrays.new_doubles(n.value, _np.empty(0) if _np is not None else None)
        if n.value:
            lib().aex_panel_series_values(caddr, n.value, vaddr, n.value, byref(n), h, index)
        return [period_text(c) for c in codes], _arrays.to_result(vals, vals)

    def __repr__(self) -> str:
        if self._handle is None:
            return "<autoexports.Panel closed>"
        return f"<autoexports.Panel {len(self)} rows>"


def _new_int32(n: int) -> Tuple[Any, int]:
    if _np is not None:
        a = _np.empty(n, dtype=_np.int32)
        return a, a.ctypes.data
    from array import array
    a = array("i", bytes(4 * n))
    return a, a.buffer_info()[0]


def _as_period_codes(periods: Any) -> Tuple[Any, int, int]:
    """(keep-alive, address, length) of an int32 buffer of period codes; a contiguous
    int32 numpy array passes its own buffer."""
    if _np is not None and isinstance(periods, _np.ndarray) and periods.dtype.kind in "iu":
        a = periods
        if a.dtype != _np.int32 or not a.flags.c_contiguous:
            a = _np.ascontiguousarray(periods, dtype=_np.int32)
        return a, a.ctypes.data, a.shape[0]
    from array import array
    a = array("i", [period_code(p) for p in periods])
    addr, n = a.buffer_info()
    return a, addr, n


__all__: Sequence[str] = ["Panel", "SeriesInfo", "period_text", "period_code", "SEGMENTS"]
