"""Panels: many series of export figures, held by the library behind a handle.

>>> import autoexports
>>> with autoexports.Panel.reference() as p:
...     periods, values = p.values("CHN")
...     dict(zip(periods, values))["2023"]
4910000.0
"""

from __future__ import annotations

import ctypes
import functools
import os
from ctypes import byref, c_char, c_int32, c_int64, c_void_p
from typing import (
    IO,
    TYPE_CHECKING,
    Callable,
    Iterable,
    List,
    Literal,
    NamedTuple,
    Optional,
    Sequence,
    SupportsIndex,
    Tuple,
    TypedDict,
    Union,
    cast,
)

from . import _arrays
from ._ffi import AutoExportsError, InvalidArgumentError, lib
from ._prototypes import CONSTANTS

try:  # numpy is optional: typed as the module, None at run time when it is not installed
    import numpy as _np
except ImportError:  # pragma: no cover
    _np = None  # type: ignore[assignment]

# AEX_SEGMENT_*: the library's vocabulary (names and aliases such as "ev" for plugin).
from ._vocabulary import SEGMENTS, Segment  # noqa: E402

if TYPE_CHECKING:
    import array as _array

    import numpy as np
    import numpy.typing as npt
    import pandas as pd
    import pyarrow as pa
    from typing_extensions import Unpack

    from ._arrays import Numbers

#: A period: a text the library parses ('2023', '2023-Q1', '2023-03', '2023-H1', 'FY2024',
#: '2023-01/2023-05') or a C period code (an int or a numpy integer: anything with __index__).
PeriodLike = Union[str, int, SupportsIndex]
#: An exporter: an ISO code ('CHN'), an English name or alias ('China'), or an M49 number (156).
ExporterName = Union[str, int]
#: A CSV file: a file name, the CSV itself as bytes, or a file object open for reading.
CsvSource = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[str], IO[bytes]]
CsvFormat = Literal["tidy", "wide", "comtrade"]
ImportPolicy = Literal["strict", "lenient"]
ExportFormat = Literal["csv", "json", "markdown"]


class CsvOptions(TypedDict, total=False):
    """The keyword options of ``read_csv`` / ``Panel.import_csv`` (see ``Panel.read_csv``)."""

    metric: Optional[str]
    segment: Optional[Segment]
    source: Optional[str]
    scope: Optional[str]
    threads: int
    max_rejections: int
    unknown_exporters: Literal["reject", "keep"]
    sep: Optional[str]
    decimal: Optional[str]
    thousands: Optional[str]
    encoding: Optional[str]
    na_values: Union[None, str, Iterable[str]]
    keep_default_na: bool


class PanelColumns(TypedDict):
    """``Panel.columns()``: numpy arrays when numpy is installed, else lists."""

    series: Union["npt.NDArray[np.int32]", List[int]]
    period: Union["npt.NDArray[np.int32]", List[int]]
    value: Union["npt.NDArray[np.float64]", List[float]]


# AEX_FIELD_*
_FIELD_EXPORTER, _FIELD_METRIC, _FIELD_SOURCE, _FIELD_SCOPE, _FIELD_NAME = (
    CONSTANTS[f"AEX_FIELD_{k}"] for k in ("EXPORTER", "METRIC", "SOURCE", "SCOPE", "EXPORTER_NAME")
)
_FIELD_PARTNER = CONSTANTS["AEX_FIELD_PARTNER"]  # the destination market: "WLD" = the world (issue 19)


@functools.lru_cache(maxsize=4096)
def _period_text(code: int) -> str:
    buf = ctypes.create_string_buffer(16)
    n = c_int64()
    try:
        lib().aex_period_format(buf, 16, byref(n), code)
    except AutoExportsError as e:
        raise ValueError(e.message) from None
    return buf.value.decode()


def period_text(code: int) -> str:
    """The C period code as text: 2023 -> '2023', 20231 -> '2023-Q1', 202303 -> '2023-03'
    (``aex_period_format``). ValueError for a code that is not a period."""
    code = int(code)
    if not -(1 << 31) <= code < (1 << 31):
        raise ValueError(f"{code} is not a period code (YYYY, YYYYQ or YYYYMM)")
    return _period_text(code)


def period_code(period: PeriodLike) -> int:
    """A period as the C code: '2023' -> 2023, '2023-Q1' -> 20231, '2023-03' -> 202303
    (``aex_period_parse``: also '2023Q1', '2023-3', '2023M03'). Integers are taken as codes
    already. ValueError for a text that is not a period."""
    if isinstance(period, (int,)) or (_np is not None and isinstance(period, _np.integer)):
        return int(period)
    out = c_int32()
    try:
        lib().aex_period_parse(byref(out), str(period).encode("utf-8"))
    except AutoExportsError as e:
        raise ValueError(e.message) from None
    return out.value


def resolve_exporter(name: ExporterName) -> str:
    """The code of an exporter given by code ('chn'), English name or alias ('China',
    'Korea, Rep.', 'Türkiye') or UN M49 number (156, '392'): 'CHN' (``aex_exporter_resolve``).
    KeyError when no exporter matches."""
    buf = ctypes.create_string_buffer(16)
    n = c_int64()
    try:
        lib().aex_exporter_resolve(buf, 16, byref(n), str(name).encode("utf-8"))
    except AutoExportsError as e:
        raise KeyError(e.message) from None
    return buf.value.decode()


def segment_code(segment: Segment) -> int:
    if isinstance(segment, int):
        return segment
    return SEGMENTS.code(str(segment), "segment")


def _text(s: Optional[str]) -> Optional[bytes]:
    return None if s is None else str(s).encode("utf-8")


FORMATS = {"tidy": 0, "wide": 1, "comtrade": 2}
POLICIES = {"strict": 0, "lenient": 1}
EXPORTS = {"csv": 0, "json": 1, "markdown": 2}
# AEX_REJECT_* -> name
REASONS = {
    1: "empty_input",
    2: "no_data_rows",
    3: "missing_column",
    4: "duplicate_column",
    5: "unterminated_quote",
    6: "bad_quote",
    7: "column_count",
    8: "invalid_utf8",
    9: "byte_order_mark",
    10: "control_character",
    11: "field_too_long",
    12: "record_too_long",
    13: "bad_number",
    14: "bad_period",
    15: "unknown_exporter",
    16: "bad_segment",
    17: "bad_metric",
    18: "empty_field",
    19: "duplicate",
    20: "bad_field",
    21: "read_failure",
}


class ImportOptions(ctypes.Structure):
    """aex_import_options (include/autoexports.h, section Data)."""

    _fields_ = [
        ("size", c_int64),
        ("segment", c_int32),
        ("threads", c_int32),
        ("metric", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("scope", ctypes.c_char_p),
        ("max_rejections", c_int64),
        ("flags", c_int32),
        ("reserved", c_int32),
        ("delimiter", ctypes.c_char_p),
        ("decimal", ctypes.c_char_p),
        ("thousands", ctypes.c_char_p),
        ("encoding", ctypes.c_char_p),
        ("na_values", ctypes.c_char_p),
    ]


class Rejection(NamedTuple):
    """A refused row: 1-based line and column (field number), reason, message."""

    line: int
    column: int
    reason: str
    message: str


class ImportReport(NamedTuple):
    """What an import read: rows_read == rows_loaded + rows_rejected + rows_skipped."""

    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rows_skipped: int
    rejections: List[Rejection]


class ImportFailed(InvalidArgumentError):
    """An import failed on its data (strict policy, or a bad header / empty input): a
    ValueError, as pandas' parser errors are. (A file that cannot be read is a plain
    ``AutoExportsError`` with status AEX_E_IO.)

    ``rejection`` is the first refused row (line, column, reason, message); ``report``
    the counts read until then. Nothing was loaded.
    """

    def __init__(self, error: AutoExportsError, report: Optional[ImportReport]):
        super().__init__(error.status, error.status_name, error.message, error.function)
        self.report = report
        self.rejection = report.rejections[0] if report and report.rejections else None
        self.line = self.rejection.line if self.rejection else None
        self.column = self.rejection.column if self.rejection else None
        self.reason = self.rejection.reason if self.rejection else None


def _read_report(handle: int) -> ImportReport:
    L = lib()
    read, loaded, rejected, skipped, n = c_int64(), c_int64(), c_int64(), c_int64(), c_int64()
    L.aex_rejections_summary(byref(read), byref(loaded), byref(rejected), byref(skipped), handle)
    L.aex_rejections_count(byref(n), handle)
    out = []
    line, column, reason, length = c_int64(), c_int64(), c_int32(), c_int64()
    for i in range(n.value):
        L.aex_rejections_get(byref(line), byref(column), byref(reason), handle, i)
        L.aex_rejections_message(None, 0, byref(length), handle, i)
        buf = (c_char * (length.value + 1))()
        L.aex_rejections_message(buf, length.value + 1, byref(length), handle, i)
        out.append(
            Rejection(
                line.value,
                column.value,
                REASONS.get(reason.value, str(reason.value)),
                buf.raw[: length.value].decode("utf-8", "replace"),
            )
        )
    return ImportReport(read.value, loaded.value, rejected.value, skipped.value, out)


def _options(
    metric: Optional[str],
    segment: Optional[Segment],
    source: Optional[str],
    scope: Optional[str],
    threads: int,
    max_rejections: int,
    unknown_exporters: str = "reject",
) -> ImportOptions:
    o = ImportOptions()  # AEX_IMPORT_OPTIONS_INIT
    o.size = ctypes.sizeof(ImportOptions)
    o.segment = 0
    o.max_rejections = 1000
    if segment is not None:
        o.segment = segment_code(segment)
    o.threads = threads
    o.metric = _text(metric)
    o.source = _text(source)
    o.scope = _text(scope)
    o.max_rejections = max_rejections
    if unknown_exporters not in ("reject", "keep"):
        raise ValueError(f"unknown_exporters must be 'reject' or 'keep', got {unknown_exporters!r}")
    o.flags = 1 if unknown_exporters == "keep" else 0  # AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS
    return o


#: The core's default missing-value spellings (ImportOptions.defaultNAValues).
DEFAULT_NA_VALUES = ("NA", "N/A", "n/a", "#N/A", "-", "..", "\u2026")


def _csv_options(
    o: ImportOptions,
    sep: Optional[str],
    decimal: Optional[str],
    thousands: Optional[str],
    encoding: Optional[str],
    na_values: Union[None, str, Iterable[str]],
    keep_default_na: bool,
) -> List[bytes]:
    """Sets the CSV fields of ``o`` (pandas' names); returns the byte strings to keep alive."""
    keep: List[bytes] = []

    def put(field: str, value: Optional[str]) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            raise TypeError(f"{field} must be a str, got {type(value).__name__}")
        b = value.encode("utf-8")
        keep.append(b)
        setattr(o, field, b)

    put("delimiter", sep)
    put("decimal", decimal)
    put("thousands", thousands)
    put("encoding", encoding)
    if na_values is not None or not keep_default_na:
        extra = [na_values] if isinstance(na_values, str) else list(na_values or [])
        for v in extra:
            if not isinstance(v, str) or "\n" in v:
                raise ValueError(f"na_values must be strings without line breaks, got {v!r}")
        values = (list(DEFAULT_NA_VALUES) if keep_default_na else []) + extra
        put("na_values", "\n".join(values))
    return keep


def _code(table: dict[str, int], name: str, what: str) -> int:
    try:
        return table[str(name).lower()]
    except KeyError:
        raise ValueError(f"{what} must be one of {sorted(table)}, got {name!r}") from None


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

    @classmethod
    def read_csv(
        cls, path: CsvSource, format: CsvFormat = "tidy", policy: ImportPolicy = "strict", **options: Unpack[CsvOptions]
    ) -> "Panel":
        """A panel of a CSV file: ``format`` 'tidy', 'wide' or 'comtrade'; ``policy``
        'strict' (the first bad row raises ``ImportFailed``) or 'lenient' (bad rows are
        reported in ``panel.last_import.rejections``).

        Options: ``metric``, ``segment``, ``source``, ``scope`` (what a wide file's cells
        hold; Comtrade's source and scope), ``threads`` (0 = every CPU),
        ``max_rejections`` (kept in the report; the counts are always exact),
        ``unknown_exporters`` ('reject', the default, or 'keep': an exporter that is not a
        known code, name or M49 number becomes a code of its own).

        CSV as spreadsheets save it, with pandas' names (None = detect): ``sep`` (',', ';',
        '\\t' or '|'; by default from the header line), ``decimal`` ('.' or ','; by default
        '.' with commas between fields, else told from the numbers, and an error asking
        for it when they cannot tell), ``thousands`` (one character, '' for none; by
        default '.', ',', spaces, no-break spaces or an apostrophe between groups of
        three digits), ``encoding`` ('utf-8', 'cp1252', 'latin-1'; bytes and files only:
        a str is already decoded), ``na_values`` (extra spellings of a missing value,
        added to NA, N/A, n/a, #N/A, -, .., … as in pandas; ``keep_default_na=False``
        keeps only yours). A missing value is a gap, not a bad number.

        ``path`` may also be the CSV itself: ``bytes`` / ``bytearray`` / ``memoryview``
        (in ``encoding``, UTF-8 by default) or a file object open for reading, in binary
        or text mode (``open(f, 'rb')``, ``io.BytesIO``, ``io.StringIO``, a socket's
        ``makefile()``); it is read to its end and parsed from memory, with no temporary
        file. A ``str`` or ``os.PathLike`` is a file name.
        """
        p = cls()
        try:
            if isinstance(path, (bytes, bytearray, memoryview)):
                p.import_text(path, format=format, policy=policy, **options)
                return p
            if hasattr(path, "read") and not isinstance(path, (str, os.PathLike)):
                data = path.read()
                if not isinstance(data, (str, bytes, bytearray)):
                    raise TypeError(f"the file object's read() gave {type(data).__name__}, not text or bytes")
                p.import_text(data, format=format, policy=policy, **options)
                return p
            p.import_csv(path, format=format, policy=policy, **options)
        except BaseException:
            p.close()
            raise
        return p

    @classmethod
    def from_csv_text(
        cls,
        data: Union[str, bytes, bytearray, memoryview],
        format: CsvFormat = "tidy",
        policy: ImportPolicy = "strict",
        **options: Unpack[CsvOptions],
    ) -> "Panel":
        """A panel of CSV text (str or bytes) in memory; see ``read_csv``."""
        p = cls()
        try:
            p.import_text(data, format=format, policy=policy, **options)
        except BaseException:
            p.close()
            raise
        return p

    def import_csv(
        self,
        path: Union[str, "os.PathLike[str]"],
        format: CsvFormat = "tidy",
        policy: ImportPolicy = "strict",
        *,
        metric: Optional[str] = None,
        segment: Optional[Segment] = None,
        source: Optional[str] = None,
        scope: Optional[str] = None,
        threads: int = 0,
        max_rejections: int = 1000,
        unknown_exporters: Literal["reject", "keep"] = "reject",
        sep: Optional[str] = None,
        decimal: Optional[str] = None,
        thousands: Optional[str] = None,
        encoding: Optional[str] = None,
        na_values: Union[None, str, Iterable[str]] = None,
        keep_default_na: bool = True,
    ) -> ImportReport:
        """Adds the rows of a CSV file to this panel (all or nothing when strict) and
        returns the report (also kept as ``last_import``); options as ``read_csv``."""
        o = _options(metric, segment, source, scope, threads, max_rejections, unknown_exporters)
        keep = _csv_options(o, sep, decimal, thousands, encoding, na_values, keep_default_na)  # noqa: F841
        return self._import(
            lambda out: lib().aex_panel_import_file(
                byref(out),
                self._h(),
                str(path).encode("utf-8"),
                _code(FORMATS, format, "format"),
                _code(POLICIES, policy, "policy"),
                byref(o),
            )
        )

    def import_text(
        self,
        data: Union[str, bytes, bytearray, memoryview],
        format: CsvFormat = "tidy",
        policy: ImportPolicy = "strict",
        *,
        metric: Optional[str] = None,
        segment: Optional[Segment] = None,
        source: Optional[str] = None,
        scope: Optional[str] = None,
        threads: int = 0,
        max_rejections: int = 1000,
        unknown_exporters: Literal["reject", "keep"] = "reject",
        sep: Optional[str] = None,
        decimal: Optional[str] = None,
        thousands: Optional[str] = None,
        encoding: Optional[str] = None,
        na_values: Union[None, str, Iterable[str]] = None,
        keep_default_na: bool = True,
    ) -> ImportReport:
        """Adds the rows of CSV text (str, or bytes taken as they are, in ``encoding``) to
        this panel; options as ``read_csv``."""
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        if isinstance(data, str):
            encoding = None  # already decoded; passed on as UTF-8
        o = _options(metric, segment, source, scope, threads, max_rejections, unknown_exporters)
        keep = _csv_options(o, sep, decimal, thousands, encoding, na_values, keep_default_na)  # noqa: F841
        return self._import(
            lambda out: lib().aex_panel_import_buffer(
                byref(out),
                self._h(),
                raw,
                len(raw),
                _code(FORMATS, format, "format"),
                _code(POLICIES, policy, "policy"),
                byref(o),
            )
        )

    def _import(self, call: Callable[[c_void_p], object]) -> ImportReport:
        out = c_void_p()
        try:
            call(out)
        except AutoExportsError as e:
            report = None
            if out.value:
                try:
                    report = _read_report(out.value)
                finally:
                    lib().aex_rejections_free(out.value)
            if report is None:
                raise
            raise ImportFailed(e, report) from None
        assert out.value is not None  # a successful import always makes its report
        try:
            report = _read_report(out.value)
        finally:
            lib().aex_rejections_free(out.value)
        self.last_import = report
        return report

    last_import: Optional[ImportReport] = None

    # -- export ------------------------------------------------------------------------

    def export(self, format: ExportFormat = "csv", escape_formulas: bool = True) -> str:
        """The panel as text: 'csv' (tidy; reads back bit for bit), 'json' or 'markdown'.

        CSV cells that begin with = + - @ tab or CR get a leading apostrophe so that
        spreadsheets do not run them as formulas; ``escape_formulas=False`` turns that
        off for machine consumers (the importer removes the apostrophe either way).
        """
        h = self._h()
        f = _code(EXPORTS, format, "format")
        flags = 0 if escape_formulas else 1
        n = c_int64()
        lib().aex_panel_export(None, 0, byref(n), h, f, flags)
        buf = ctypes.create_string_buffer(n.value + 1)
        lib().aex_panel_export(buf, n.value + 1, byref(n), h, f, flags)
        return buf.raw[: n.value].decode("utf-8")

    def to_csv(self, path: Union[None, str, "os.PathLike[str]"] = None, escape_formulas: bool = True) -> Optional[str]:
        """Tidy CSV text, or written to ``path`` (UTF-8, LF) when given."""
        text = self.export("csv", escape_formulas)
        if path is None:
            return text
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return None

    def columns(self) -> PanelColumns:
        """Every row as columns, in the panel's order (period, then series): ``series``
        (index into ``series()``), ``period`` (C codes) and ``value`` (NaN = missing);
        numpy arrays when numpy is installed, else lists."""
        h = self._h()
        n = c_int64()
        lib().aex_panel_columns(None, 0, None, 0, None, 0, byref(n), h)
        s, saddr = _new_int32(n.value)
        p, paddr = _new_int32(n.value)
        v, vaddr = _arrays.new_doubles(n.value, _np.empty(0) if _np is not None else None)
        if n.value:
            lib().aex_panel_columns(saddr, n.value, paddr, n.value, vaddr, n.value, byref(n), h)
        if _np is None:
            return {"series": list(s), "period": list(p), "value": list(v)}
        return {
            "series": cast("npt.NDArray[np.int32]", s),
            "period": cast("npt.NDArray[np.int32]", p),
            "value": cast("npt.NDArray[np.float64]", v),
        }

    # -- pandas (optional) -------------------------------------------------------------

    COLUMNS = ["exporter", "period", "segment", "metric", "value", "source", "scope"]

    def to_pandas(self) -> pd.DataFrame:
        """A tidy pandas DataFrame: exporter, period, segment, metric, value, source,
        scope (one row per observation, values exact; NaN = missing), and a ``partner``
        column after exporter when a series counts exports to one market ('WLD' = the
        world; docs/destinations.md). Needs pandas."""
        import pandas as pd

        parts = []
        for i, s in enumerate(self.series()):
            periods, values = self.series_values(i)
            parts.append((s, periods, values))
        cols: dict[str, list[str]] = {c: [] for c in self.COLUMNS if c != "value"}
        value_parts: list[npt.NDArray[np.float64]] = []
        import numpy as np

        for s, periods, values in parts:
            k = len(periods)
            cols["exporter"] += [s.exporter] * k
            cols["period"] += periods
            cols["segment"] += [s.segment] * k
            cols["metric"] += [s.metric] * k
            value_parts.append(np.asarray(values, dtype=np.float64))
            cols["source"] += [s.source] * k
            cols["scope"] += [s.scope] * k
        value = np.concatenate(value_parts) if value_parts else np.empty(0)
        # A partner column (after exporter) only when a series counts exports to one market.
        partners = [self.series_partner(i) for i in range(len(parts))]
        if any(x != "WLD" for x in partners):
            cols["partner"] = [x for x, (_, periods, _) in zip(partners, parts) for _ in periods]
            return pd.DataFrame({**cols, "value": value}, columns=[self.COLUMNS[0], "partner", *self.COLUMNS[1:]])
        return pd.DataFrame({**cols, "value": value}, columns=self.COLUMNS)

    @classmethod
    def from_pandas(cls, df: pd.DataFrame, metric: str = "units") -> "Panel":
        """A panel of a tidy DataFrame: columns exporter, period, value required; metric
        (default: the ``metric`` argument, 'units'), segment (default total), source, scope
        (default unspecified), citation, partner (the destination market; blank or absent =
        'WLD', the world) optional. Column names are matched without regard
        to case ('Exporter', 'PERIOD'). Periods are texts ('2023', '2023-Q1', '2023-03'),
        integer codes, pandas Period values (frequency Y, Q or M) or datetimes that fall on
        the first of a month (all in January: years, else months). The columns go to the
        library as arrays, one call per series (no CSV text in between). Raises
        ``InvalidArgumentError`` (a ValueError) for a repeated (series, period), an unknown
        exporter, …"""
        df = _columns_by_name(df)
        missing = [c for c in ("exporter", "period", "value") if c not in df.columns]
        if missing:
            raise ValueError(
                f"the DataFrame has no column {', '.join(missing)} (columns: {', '.join(map(str, df.columns))})"
            )
        if "metric" not in df.columns:
            df = df.assign(metric=metric)
        else:
            df = df.assign(metric=df["metric"].where(df["metric"].notna(), metric))
        df = df.assign(period=_period_code_column(df["period"]))
        p = cls()
        try:
            if "citation" in df.columns and df["citation"].notna().any():
                import io

                buf = io.StringIO()
                cols = [
                    c
                    for c in (
                        "exporter",
                        "partner",
                        "period",
                        "segment",
                        "metric",
                        "value",
                        "source",
                        "scope",
                        "citation",
                    )
                    if c in df.columns
                ]
                out = df[cols].copy()
                out["period"] = [period_text(int(c)) for c in out["period"]]
                out["value"] = [repr(float(v)) if v == v else "" for v in out["value"]]
                out.to_csv(buf, index=False)
                p.import_text(buf.getvalue())
                return p
            keys = [c for c in ("exporter", "partner", "segment", "metric", "source", "scope") if c in df.columns]
            for key, group in df.groupby(keys, sort=False, dropna=False):
                key = key if isinstance(key, tuple) else (key,)
                k = dict(zip(keys, key))
                clean = {f: (None if v != v else v) for f, v in k.items()}  # NaN -> default
                p.add(
                    str(clean["exporter"]),
                    group["period"].to_numpy(dtype="int32"),
                    group["value"].to_numpy(dtype="float64"),
                    segment=clean.get("segment") or "total",
                    metric=str(clean["metric"]),
                    source=clean.get("source"),
                    scope=clean.get("scope"),
                    partner=clean.get("partner"),
                )
        except BaseException:
            p.close()
            raise
        return p

    @classmethod
    def from_arrow(cls, table: Union[pa.Table, pa.RecordBatch], metric: str = "units") -> "Panel":
        """A panel of a pyarrow ``Table`` or ``RecordBatch`` (or anything with
        ``to_pandas()``, such as a polars DataFrame) with the columns of
        :meth:`from_pandas`. The columns go to pandas (pyarrow converts numeric columns
        without copying) and then to the library as arrays, one call per series: no CSV
        text in between. Periods may be texts, integer codes, dates or timestamps."""
        to_pandas = getattr(table, "to_pandas", None)
        if to_pandas is None:
            raise TypeError(f"from_arrow takes a pyarrow Table or RecordBatch, got {type(table).__name__}")
        return cls.from_pandas(to_pandas(), metric=metric)

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

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass

    # -- adding ------------------------------------------------------------------------

    def add(
        self,
        exporter: str,
        periods: Union[Sequence[PeriodLike], npt.NDArray[np.integer], pd.Series],
        values: Numbers,
        segment: Segment = "total",
        metric: str = "units",
        source: Optional[str] = None,
        scope: Optional[str] = None,
        partner: Optional[str] = None,
    ) -> None:
        """Adds one series' observations (all or nothing).

        ``periods``: period texts ('2023', '2023-Q1', '2023-03') or C codes; an int32 numpy
        array of codes passes without copying. ``values``: numbers, NaN = missing; a
        float64 numpy array passes without copying. A (series, period) already in the
        panel raises ``AutoExportsError`` (AEX_E_DUPLICATE). ``partner``: the destination
        market ('RUS'); None or 'WLD' = exports to the world (aex_panel_add_partner).
        """
        keep_v, vaddr, n = _arrays.as_doubles(values)
        keep_p, paddr, m = _as_period_codes(periods)
        if n != m:
            raise ValueError(f"periods has {m} elements, values {n}")
        if partner is None or partner == "WLD":
            lib().aex_panel_add(
                self._h(),
                _text(exporter),
                segment_code(segment),
                _text(metric),
                _text(source),
                _text(scope),
                paddr,
                vaddr,
                n,
            )
        else:
            lib().aex_panel_add_partner(
                self._h(),
                _text(exporter),
                _text(str(partner)),
                segment_code(segment),
                _text(metric),
                _text(source),
                _text(scope),
                paddr,
                vaddr,
                n,
            )
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
            out.append(
                SeriesInfo(
                    self._series_text(i, _FIELD_EXPORTER),
                    SEGMENTS.name(seg.value),
                    self._series_text(i, _FIELD_METRIC),
                    self._series_text(i, _FIELD_SOURCE),
                    self._series_text(i, _FIELD_SCOPE),
                    rows.value,
                    period_text(first.value) if rows.value else "",
                    period_text(last.value) if rows.value else "",
                )
            )
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
        return buf.raw[: n.value].decode("utf-8")

    def series_partner(self, index: int) -> str:
        """The destination of the series at ``index``: 'WLD' (the world) or a market's code."""
        return self._series_text(index, _FIELD_PARTNER)

    def find(
        self,
        exporter: str,
        segment: Segment = "total",
        metric: str = "units",
        source: Optional[str] = None,
        scope: Optional[str] = None,
    ) -> int:
        """The index of a series; with no source and scope, the documented default choice."""
        i = c_int64()
        lib().aex_panel_find_series(
            byref(i), self._h(), _text(exporter), segment_code(segment), _text(metric), _text(source), _text(scope)
        )
        return i.value

    def values(
        self,
        exporter: str,
        segment: Segment = "total",
        metric: str = "units",
        source: Optional[str] = None,
        scope: Optional[str] = None,
    ) -> Tuple[List[str], Union[npt.NDArray[np.float64], List[float]]]:
        """(periods, values) of one series in period order; values is a numpy array when
        numpy is installed (NaN = missing), else a list."""
        return self.series_values(self.find(exporter, segment, metric, source, scope))

    def series_values(self, index: int) -> Tuple[List[str], Union[npt.NDArray[np.float64], List[float]]]:
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


_COLUMN_NAMES = ("exporter", "partner", "period", "segment", "metric", "value", "source", "scope", "citation")


def _columns_by_name(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with its columns renamed to the lower-case names the panel knows ('Exporter',
    ' PERIOD ' -> 'exporter', 'period'); two columns that name the same field are an error."""
    rename: dict[object, str] = {}
    seen: dict[str, object] = {}
    for c in df.columns:
        key = str(c).strip().lower()
        if key in _COLUMN_NAMES:
            if key in seen:
                raise ValueError(f"the DataFrame has two {key} columns: {seen[key]!r} and {c!r}")
            seen[key] = c
            if c != key:
                rename[c] = key
    return df.rename(columns=rename) if rename else df


def _period_code_column(col: pd.Series) -> npt.NDArray[np.int32]:
    """A pandas column of periods as an int32 numpy array of C period codes."""
    import pandas as pd

    np = _np
    dtype = col.dtype
    if isinstance(dtype, pd.PeriodDtype):
        freq = dtype.freq.name.upper()
        y = col.dt.year.to_numpy(dtype="int64")
        if freq.startswith(("Y", "A")):
            codes = y
        elif freq.startswith("Q"):
            if not freq.endswith(("Q", "DEC")):
                raise ValueError(
                    f"period column: quarters of frequency {dtype.freq.name} do not end in "
                    f"December; give calendar quarters (freq 'Q')"
                )
            codes = y * 10 + col.dt.quarter.to_numpy(dtype="int64")
        elif freq.startswith("M"):
            codes = y * 100 + col.dt.month.to_numpy(dtype="int64")
        else:
            raise ValueError(
                f"period column: pandas periods of frequency {dtype.freq.name} are not "
                f"supported (give Y, Q or M periods)"
            )
        if col.isna().any():
            raise ValueError(f"period column: row {col.index[col.isna().to_numpy()][0]!r} has no period")
        period_codes: npt.NDArray[np.int32] = codes.astype("int32")
        return period_codes
    if dtype.kind == "M":
        dt = col.dt
        if col.isna().any():
            raise ValueError(f"period column: row {col.index[col.isna().to_numpy()][0]!r} has no period")
        off = (dt.day != 1) | (dt.normalize() != col)
        if off.any():
            i = col.index[off.to_numpy()][0]
            raise ValueError(
                f"period column: the datetime {col[i]} (row {i!r}) is not the first of a month; "
                f"convert with .dt.to_period('M') (or 'Q', 'Y') to say which period it is in"
            )
        y = dt.year.to_numpy(dtype="int64")
        m = dt.month.to_numpy(dtype="int64")
        codes = y if (m == 1).all() else y * 100 + m
        month_codes: npt.NDArray[np.int32] = codes.astype("int32")
        return month_codes
    values = col.to_numpy()
    if values.dtype.kind in "iu":
        int_codes: npt.NDArray[np.int32] = values.astype("int32")
        return int_codes
    import datetime

    first = col.dropna().iloc[0] if col.notna().any() else None
    if isinstance(first, datetime.date):  # datetime.date objects (pyarrow's date32 in pandas)
        return _period_code_column(pd.to_datetime(col))
    out = np.empty(len(values), dtype=np.int32)
    cache: dict[object, int] = {}
    for i, v in enumerate(values.tolist()):
        c = cache.get(v)
        if c is None:
            try:
                c = cache[v] = period_code(v)
            except ValueError as e:
                raise ValueError(f"period column, row {col.index[i]!r}: {e}") from None
        out[i] = c
    return out


def read_csv(
    path: CsvSource, format: CsvFormat = "tidy", policy: ImportPolicy = "strict", **options: Unpack[CsvOptions]
) -> Panel:
    """``Panel.read_csv``: a panel of a CSV file (tidy, wide or UN Comtrade)."""
    return Panel.read_csv(path, format=format, policy=policy, **options)


def _new_int32(n: int) -> Tuple[Union[npt.NDArray[np.int32], _array.array[int]], int]:
    if _np is not None:
        a = _np.empty(n, dtype=_np.int32)
        return a, a.ctypes.data
    from array import array

    a = array("i", bytes(4 * n))
    return a, a.buffer_info()[0]


def _as_period_codes(
    periods: Union[Sequence[PeriodLike], npt.NDArray[np.integer], pd.Series],
) -> Tuple[Union[npt.NDArray[np.int32], _array.array[int]], int, int]:
    """(keep-alive, address, length) of an int32 buffer of period codes; a contiguous
    int32 numpy array passes its own buffer."""
    if _np is not None and isinstance(periods, _np.ndarray) and periods.dtype.kind in "iu":
        arr = periods
        if arr.dtype != _np.int32 or not arr.flags.c_contiguous:
            arr = _np.ascontiguousarray(periods, dtype=_np.int32)
        return cast("npt.NDArray[np.int32]", arr), arr.ctypes.data, arr.shape[0]
    from array import array

    a = array("i", [period_code(p) for p in periods])
    addr, n = a.buffer_info()
    return a, addr, n


__all__: Sequence[str] = [
    "PeriodLike",
    "ExporterName",
    "CsvOptions",
    "PanelColumns",
    "read_csv",
    "Panel",
    "SeriesInfo",
    "period_text",
    "period_code",
    "SEGMENTS",
    "ImportReport",
    "Rejection",
    "ImportFailed",
    "ImportOptions",
]
