"""The library's names (segments, rank methods, milestone kinds and fields, ...), read from
the library through aex_vocabulary_* instead of kept as copies here.

Each vocabulary is a read-only mapping from a name to its C constant: iterating gives the
canonical names in value order, and lookup accepts every alias the library accepts
(``METHODS["avg"] == METHODS["fractional"] == 2``), case-insensitively.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Mapping
from typing import Iterator, Literal, Optional, Union

from ._ffi import lib, unchecked
from ._prototypes import CONSTANTS

# AEX_VOCAB_* (include/autoexports.h, section Vocabulary), by name: "segment" -> 0.
_CODES = {k[len("AEX_VOCAB_") :].lower(): v for k, v in CONSTANTS.items() if k.startswith("AEX_VOCAB_")}


class Vocabulary(Mapping[str, int]):
    """One vocabulary of the library (AEX_VOCAB_*), loaded on first use."""

    def __init__(self, name: str):
        self.vocabulary = name
        self._code = _CODES[name]
        self._names: Optional[tuple[str, ...]] = None
        self._lock = threading.Lock()

    def names(self) -> tuple[str, ...]:
        """The canonical names, in value order (value i is names()[i])."""
        if self._names is None:
            with self._lock:
                if self._names is None:
                    L = lib()
                    n = ctypes.c_int64()
                    L.aex_vocabulary_count(ctypes.addressof(n), self._code)
                    out = []
                    buf = ctypes.create_string_buffer(64)
                    length = ctypes.c_int64()
                    for v in range(n.value):
                        L.aex_vocabulary_name(ctypes.addressof(buf), len(buf), ctypes.addressof(length), self._code, v)
                        out.append(buf.value.decode())
                    self._names = tuple(out)
        return self._names

    def name(self, value: int) -> str:
        """The canonical name of a value (IndexError when there is none). Values are
        0..count-1, except granularities, whose values are their codes (AEX_GRANULARITY_*:
        101..112 for year-to-date spans, 201..212 for fiscal years): the library decides."""
        names = self.names()
        if not -(2**31) <= value < 2**31:
            raise IndexError(f"{value} is not a {self.vocabulary}")
        buf = ctypes.create_string_buffer(64)
        length = ctypes.c_int64()
        status = unchecked("aex_vocabulary_name")(
            ctypes.addressof(buf), len(buf), ctypes.addressof(length), self._code, int(value)
        )
        if status != 0:
            raise IndexError(f"{value} is not a {self.vocabulary} ({', '.join(names)})")
        return buf.value.decode()

    def __getitem__(self, name: object) -> int:
        if not isinstance(name, str):
            raise KeyError(name)
        out = ctypes.c_int32()
        status = unchecked("aex_vocabulary_parse")(ctypes.addressof(out), self._code, name.encode("utf-8"))
        if status != 0:
            raise KeyError(name)
        return out.value

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self.names())

    def code(self, value: Union[str, int], what: str = "") -> int:
        """The constant of a name or alias (an int passes through); ValueError naming the
        argument and the canonical names otherwise."""
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return self[str(value)]
        except KeyError:
            raise ValueError(
                f"{what or self.vocabulary} must be one of {sorted(self.names())}, got {value!r}"
            ) from None

    def __repr__(self) -> str:
        return f"Vocabulary({self.vocabulary!r})"


# The names the type hints accept, statically (the library parses them at run time, in any
# case; Tests/python/test_py_typing.py checks that every name here is one it accepts).
# pandas' names, ours, SQL's and the spreadsheets' (AEX_RANK_*, AEX_MISSING_*).
RankMethod = Literal[
    "average",
    "min",
    "max",
    "first",
    "dense",
    "fractional",
    "competition",
    "competition_max",
    "ordinal",
    "avg",
    "mean",
    "rank",
    "rank.eq",
    "rank_eq",
    "rank.avg",
    "rank_avg",
    "standard",
    "modified",
    "dense_rank",
    "row_number",
]
NaOption = Literal["keep", "top", "bottom", "first", "last"]
# PERCENTRANK conventions (AEX_CONVENTION_*).
Convention = Literal["excel", "calc"]
# A segment: a name or alias the library parses ("total", "nev", "ev", ...: SEGMENTS) or its
# AEX_SEGMENT_* constant.  str, not a Literal: the aliases are the library's to extend.
Segment = Union[str, int]

SEGMENTS = Vocabulary("segment")
METHODS = Vocabulary("rank_method")
ORDERS = Vocabulary("rank_order")
NA_OPTIONS = Vocabulary("missing_policy")
SCALES = Vocabulary("rank_scale")
GRANULARITIES = Vocabulary("granularity")
KINDS = Vocabulary("milestone_kind")
NOTE_KINDS = Vocabulary("note_kind")
MILESTONE_INT_FIELDS = Vocabulary("milestone_int_field")
MILESTONE_NUMBER_FIELDS = Vocabulary("milestone_number_field")
MILESTONE_TEXT_FIELDS = Vocabulary("milestone_text_field")


def period_granularity(period: int) -> str:
    """The granularity name of a period code, as the library decodes it."""
    out = ctypes.c_int32()
    lib().aex_period_granularity(ctypes.addressof(out), int(period))
    return GRANULARITIES.name(out.value)


def exporter_list(text: str) -> list[str]:
    """The codes of a comma-separated list of exporters (the library's one treatment:
    an empty list or item is an error)."""
    n = ctypes.c_int64()
    raw = text.encode("utf-8")
    L = lib()
    L.aex_exporter_list_parse(None, 0, ctypes.addressof(n), raw)
    buf = ctypes.create_string_buffer(n.value + 1)
    L.aex_exporter_list_parse(ctypes.addressof(buf), n.value + 1, ctypes.addressof(n), raw)
    return buf.value.decode().split(",")


__all__ = [
    "RankMethod",
    "NaOption",
    "Convention",
    "Segment",
    "Vocabulary",
    "SEGMENTS",
    "METHODS",
    "ORDERS",
    "NA_OPTIONS",
    "SCALES",
    "GRANULARITIES",
    "KINDS",
    "NOTE_KINDS",
    "MILESTONE_INT_FIELDS",
    "MILESTONE_NUMBER_FIELDS",
    "MILESTONE_TEXT_FIELDS",
    "period_granularity",
    "exporter_list",
]
