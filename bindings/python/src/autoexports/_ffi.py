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
from ctypes import c_double, c_int32
from pathlib import Path
from typing import Callable, Optional

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


class InvalidArgumentError(AutoExportsError, ValueError):
    """A call into libautoexports refused an argument or input (an invalid value, a text
    that does not parse, an unknown name, too little data, a duplicate, a closed handle):
    a ``ValueError`` too, so ``except ValueError`` catches it as it catches pandas' and
    numpy's refusals. I/O failures, running out of memory and internal errors stay plain
    ``AutoExportsError``."""


# AEX_E_* codes whose cause is the caller's argument or input (include/autoexports.h).
_ARGUMENT_STATUSES = frozenset({-1, -2, -3, -4, -6, -9, -12, -13, -14})


def error(status: int, status_name: str, message: str, function: str = "") -> AutoExportsError:
    """The exception for a failed call: InvalidArgumentError for a bad argument."""
    cls = InvalidArgumentError if status in _ARGUMENT_STATUSES else AutoExportsError
    return cls(status, status_name, message, function)


class LibraryNotFoundError(OSError):
    """libautoexports could not be loaded; the message lists what was tried."""


def _check_status(result: int, func: Callable[..., object], args: tuple[object, ...]) -> int:
    if result != AEX_OK:
        lib = _lib_raw()
        name = lib.aex_status_string(result).decode()
        msg = lib.aex_last_error_message().decode("utf-8", "replace")
        raise error(result, name, msg, getattr(func, "__name__", ""))
    return result


# Every foreign prototype: name -> (restype, argtypes), generated from the header by
# tools/generate.py. STATUS means int32 + errcheck.
from ._prototypes import PROTOTYPES, STATUS  # noqa: E402

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
            "could not load libautoexports; tried:\n  "
            + "\n  ".join(tried)
            + "\nFix: run `make` in the autoexports repository and `pip install ./bindings/python`, "
            "or set AUTOEXPORTS_LIBRARY to the path of libautoexports.so"
        )


def _declare(lib: ctypes.CDLL, path: Path) -> None:
    try:
        abi = lib.aex_abi_version
    except AttributeError:
        raise LibraryNotFoundError(f"{path} is not libautoexports (no aex_abi_version)") from None
    abi.restype, abi.argtypes = c_int32, []
    if abi() != ABI_VERSION:
        raise LibraryNotFoundError(
            f"{path} has ABI version {abi()}, this binding needs {ABI_VERSION}; "
            "install matching versions of the library and the Python package"
        )
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


def unchecked(name: str) -> Callable[..., int]:
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
    raise error(
        status,
        raw.aex_status_string(status).decode(),
        raw.aex_last_error_message().decode("utf-8", "replace"),
        function,
    )


def library_path() -> str:
    """The path the library was loaded from."""
    return str(lib()._name)


__all__ = [
    "AutoExportsError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "PROTOTYPES",
    "ABI_VERSION",
    "lib",
    "library_path",
    "unchecked",
    "raise_status",
    "c_double",
    "Callable",
]
