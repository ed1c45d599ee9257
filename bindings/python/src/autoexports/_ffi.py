"""Loading libautoexports and the table of every foreign prototype.

The library is loaded lazily, on first use, from the first of:
  1. $AUTOEXPORTS_LIBRARY (an explicit path),
  2. libautoexports.so inside this installed package,
  3. the repository's build folder (.build/release/libautoexports.so above this file).
A failed load says what was tried and how to fix it. At load, the library's ABI version
is checked against ABI_VERSION, the version this binding was written for.
"""

from __future__ import annotations

import ctypes
import os
import threading
from ctypes import c_char_p, c_double, c_int32, c_int64, c_void_p
from pathlib import Path
from typing import Any, Callable, Optional

ABI_VERSION = 1

# Status codes, pinned (include/autoexports.h).
AEX_OK = 0


class AutoExportsError(Exception):
    """A call into libautoexports failed.

    Attributes: ``status`` (the negative code), ``status_name`` (e.g.
    ``"AEX_E_NULL_POINTER"``), ``message`` (the library's text naming what was wrong).
    """

    def __init__(self, status: int, status_name: str, message: str, function: str = ""):
        self.status = status
        self.status_name = status_name
        self.message = message
        self.function = function
        super().__init__(f"{status_name}: {message}")


class LibraryNotFoundError(OSError):
    """libautoexports could not be loaded; the message lists what was tried."""


def _check_status(result: int, func: Any, args: tuple) -> int:
    if result != AEX_OK:
        lib = _lib_raw()
        name = lib.aex_status_string(result).decode()
        msg = lib.aex_last_error_message().decode("utf-8", "replace")
        raise AutoExportsError(result, name, msg, getattr(func, "__name__", ""))
    return result


STATUS = "status"  # marker: the function returns an int32 status checked by _check_status

# Every foreign prototype: name -> (restype, argtypes). STATUS means int32 + errcheck.
# Pointers are c_void_p so that a numpy array's address passes as a plain integer.
PROTOTYPES: dict[str, tuple[Any, list[Any]]] = {
    # Versions
    "aex_version_string": (c_char_p, []),
    "aex_version_number": (c_int32, []),
    "aex_abi_version": (c_int32, []),
    # Status codes and errors
    "aex_status_string": (c_char_p, [c_int32]),
    "aex_last_error_message": (c_char_p, []),
    # Ranking
    "aex_rank_values": (STATUS, [c_void_p, c_void_p, c_int64, c_int32, c_int32, c_int32]),
    "aex_rank_values_scaled": (STATUS, [c_void_p, c_void_p, c_int64, c_int32, c_int32, c_int32,
                                        c_int32]),
    "aex_rank_groups": (STATUS, [c_void_p, c_void_p, c_void_p, c_int64, c_int32, c_int32, c_int32,
                                 c_int32, c_int32]),
    "aex_rank_groups_i32": (STATUS, [c_void_p, c_void_p, c_void_p, c_int64, c_int32, c_int32,
                                     c_int32, c_int32, c_int32]),
    "aex_rank_eq": (STATUS, [c_void_p, c_double, c_void_p, c_int64, c_int32]),
    "aex_rank_avg": (STATUS, [c_void_p, c_double, c_void_p, c_int64, c_int32]),
    "aex_percentrank_inc": (STATUS, [c_void_p, c_void_p, c_int64, c_double, c_int32, c_int32]),
    "aex_percentrank_exc": (STATUS, [c_void_p, c_void_p, c_int64, c_double, c_int32, c_int32]),
    # League tables
    "aex_league_table_create": (STATUS, [c_void_p, c_void_p, c_int32, c_char_p, c_int32, c_int32,
                                         c_char_p, c_int64, c_int32, c_char_p]),
    "aex_league_table_free": (STATUS, [c_void_p]),
    "aex_league_table_size": (STATUS, [c_void_p, c_void_p, c_void_p]),
    "aex_league_table_row": (STATUS, [c_void_p, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p,
                                      c_void_p, c_int64]),
    "aex_league_table_row_text": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_int32]),
    "aex_league_table_warning_count": (STATUS, [c_void_p, c_void_p]),
    "aex_league_table_warning_text": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64]),
    "aex_league_table_json": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p]),
    # Model
    "aex_period_parse": (STATUS, [c_void_p, c_char_p]),
    "aex_period_format": (STATUS, [c_void_p, c_int64, c_void_p, c_int32]),
    "aex_exporter_resolve": (STATUS, [c_void_p, c_int64, c_void_p, c_char_p]),
    # Registry
    "aex_registry_count": (c_int64, []),
    "aex_registry_get": (c_void_p, [c_int64]),
    "aex_registry_find": (c_void_p, [c_char_p]),
    "aex_registry_json": (c_char_p, []),
    "aex_get_api": (c_void_p, [c_int32]),
    # Data
    "aex_panel_create": (STATUS, [c_void_p]),
    "aex_panel_free": (STATUS, [c_void_p]),
    "aex_panel_load_reference": (STATUS, [c_void_p]),
    "aex_panel_add": (STATUS, [c_void_p, c_char_p, c_int32, c_char_p, c_char_p, c_char_p, c_void_p,
                               c_void_p, c_int64]),
    "aex_panel_row_count": (STATUS, [c_void_p, c_void_p]),
    "aex_panel_series_count": (STATUS, [c_void_p, c_void_p]),
    "aex_panel_series_info": (STATUS, [c_void_p, c_void_p, c_void_p, c_void_p, c_void_p, c_int64]),
    "aex_panel_series_text": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_int32]),
    "aex_panel_find_series": (STATUS, [c_void_p, c_void_p, c_char_p, c_int32, c_char_p, c_char_p,
                                       c_char_p]),
    "aex_panel_series_values": (STATUS, [c_void_p, c_int64, c_void_p, c_int64, c_void_p, c_void_p,
                                         c_int64]),
    "aex_panel_import_file": (STATUS, [c_void_p, c_void_p, c_char_p, c_int32, c_int32, c_void_p]),
    "aex_panel_import_buffer": (STATUS, [c_void_p, c_void_p, c_char_p, c_int64, c_int32, c_int32, c_void_p]),
    "aex_rejections_free": (STATUS, [c_void_p]),
    "aex_rejections_counts": (STATUS, [c_void_p, c_void_p, c_void_p, c_void_p, c_void_p]),
    "aex_rejections_count": (STATUS, [c_void_p, c_void_p]),
    "aex_rejections_get": (STATUS, [c_void_p, c_void_p, c_void_p, c_void_p, c_int64]),
    "aex_rejections_message": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64]),
    "aex_panel_export": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int32, c_int32]),
    "aex_panel_columns": (STATUS, [c_void_p, c_int64, c_void_p, c_int64, c_void_p, c_int64, c_void_p, c_void_p]),
    # Milestones
    "aex_overtakes_count": (STATUS, [c_void_p, c_void_p, c_int64, c_int64, c_int32, c_int32]),
    "aex_overtakes_find": (STATUS, [c_void_p, c_void_p, c_int64, c_void_p, c_int64, c_int64, c_int32,
                                    c_int32]),
    "aex_milestone_options_init": (STATUS, [c_void_p]),
    "aex_milestones_find": (STATUS, [c_void_p, c_void_p, c_void_p]),
    "aex_milestones_free": (STATUS, [c_void_p]),
    "aex_milestones_count": (STATUS, [c_void_p, c_void_p]),
    "aex_milestones_get_int": (STATUS, [c_void_p, c_void_p, c_int64, c_int32]),
    "aex_milestones_get_double": (STATUS, [c_void_p, c_void_p, c_int64, c_int32]),
    "aex_milestones_get_text": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_int32]),
    "aex_milestones_json": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p]),
    "aex_milestones_note_count": (STATUS, [c_void_p, c_void_p]),
    "aex_milestones_note_get_int": (STATUS, [c_void_p, c_void_p, c_int64, c_int32]),
    "aex_milestones_note_get_text": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_int32]),
    # Projection
    "aex_trend_fit_values": (STATUS, [c_void_p, c_void_p, c_int64, c_int64, c_int32, c_int64]),
    "aex_trend_fit_holt": (STATUS, [c_void_p, c_void_p, c_int64, c_int64, c_int64, c_int32, c_double,
                                    c_double, c_double, c_double, c_double]),
    "aex_trend_fit_free": (STATUS, [c_void_p]),
    "aex_trend_fit_get": (STATUS, [c_void_p, c_void_p, c_int32]),
    "aex_trend_fit_fitted": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p]),
    "aex_trend_forecast": (STATUS, [c_void_p, c_int64, c_void_p, c_int32, c_double]),
    "aex_trend_fit_json": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_int64, c_double]),
    "aex_crossover_project": (STATUS, [c_void_p, c_void_p, c_void_p, c_int64, c_double]),
    "aex_crossover_free": (STATUS, [c_void_p]),
    "aex_crossover_get": (STATUS, [c_void_p, c_void_p, c_int32]),
    "aex_crossover_forecast": (STATUS, [c_void_p, c_int64, c_void_p, c_int32, c_int32]),
    "aex_crossover_json": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p]),
    # Explain
    "aex_explain_change": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_char_p, c_int32, c_int32, c_int32,
                                    c_char_p]),
    "aex_explain_gap": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_char_p, c_char_p, c_int32, c_int32,
                                 c_int32, c_char_p]),
    "aex_explain_overtake": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_char_p, c_char_p, c_int32, c_int32,
                                      c_char_p]),
    "aex_explain_projection": (STATUS, [c_void_p, c_int64, c_void_p, c_void_p, c_char_p, c_int32, c_char_p, c_int32,
                                        c_int32, c_int64, c_double, c_char_p]),
}

_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("AUTOEXPORTS_LIBRARY")
    if env:
        out.append(Path(env))
    here = Path(__file__).resolve().parent
    out.append(here / "libautoexports.so")
    for parent in here.parents:
        out.append(parent / ".build" / "release" / "libautoexports.so")
    return out


def _lib_raw() -> ctypes.CDLL:
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        env = os.environ.get("AUTOEXPORTS_LIBRARY")
        for path in _candidates():
            if not path.is_file():
                tried.append(f"{path} (no such file)")
                if env and str(path) == env:
                    break  # an explicit path that does not exist is an error, not a hint
                continue
            try:
                lib = ctypes.CDLL(str(path))
            except OSError as e:
                tried.append(f"{path} ({e})")
                if env and str(path) == env:
                    break
                continue
            _declare(lib, path)
            _lib = lib
            return lib
        raise LibraryNotFoundError(
            "could not load libautoexports; tried:\n  " + "\n  ".join(tried)
            + "\nFix: run `make` in the autoexports repository and `pip install ./bindings/python`, "
            "or set AUTOEXPORTS_LIBRARY to the path of libautoexports.so")


def _declare(lib: ctypes.CDLL, path: Path) -> None:
    try:
        abi = lib.aex_abi_version
    except AttributeError:
        raise LibraryNotFoundError(f"{path} is not libautoexports (no aex_abi_version)") from None
    abi.restype, abi.argtypes = c_int32, []
    if abi() != ABI_VERSION:
        raise LibraryNotFoundError(
            f"{path} has ABI version {abi()}, this binding needs {ABI_VERSION}; "
            "install matching versions of the library and the Python package")
    for name, (restype, argtypes) in PROTOTYPES.items():
        fn = getattr(lib, name)
        fn.argtypes = argtypes
        if restype is STATUS:
            fn.restype = c_int32
            fn.errcheck = _check_status
        else:
            fn.restype = restype


def lib() -> ctypes.CDLL:
    """The loaded library with every prototype declared (loads it on first call)."""
    return _lib_raw()


def unchecked(name: str) -> Any:
    """A second handle on a STATUS function that returns the raw status without errcheck,
    for hot paths that test the status themselves (``if s: raise_status(s, name)``)."""
    restype, argtypes = PROTOTYPES[name]
    fn = lib()[name]  # indexing makes a new function object; attribute access is cached
    fn.argtypes = argtypes
    fn.restype = c_int32 if restype is STATUS else restype
    return fn


def raise_status(status: int, function: str = "") -> None:
    """Raises the AutoExportsError of a failed call (status != AEX_OK)."""
    raw = _lib_raw()
    raise AutoExportsError(status, raw.aex_status_string(status).decode(),
                           raw.aex_last_error_message().decode("utf-8", "replace"), function)


def library_path() -> str:
    """The path the library was loaded from."""
    return lib()._name  # type: ignore[attr-defined]


__all__ = ["AutoExportsError", "LibraryNotFoundError", "PROTOTYPES", "ABI_VERSION", "lib",
           "library_path", "unchecked", "raise_status", "c_double", "Callable"]
