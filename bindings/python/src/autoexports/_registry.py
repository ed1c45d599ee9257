"""The library's self-description (include/autoexports.h, section "Registry").

``registry()`` is the parsed text of ``aex_registry_json()``: every function with its
parameters, types and help. ``prototype(descriptor)`` derives the ctypes prototype the
binding's table ``PROTOTYPES`` (generated from the header into ``_prototypes.py`` by
tools/generate.py) must hold for a function; the tests compare the two so that the
library and the binding cannot disagree.
"""

from __future__ import annotations

import json
import threading
from ctypes import c_char_p, c_double, c_int32, c_int64, c_void_p
from typing import Any, Optional, Union

from ._ffi import lib
from ._prototypes import STATUS

_lock = threading.Lock()
# The registry is a JSON document (aex_registry_json; its schema is docs/c-api.md's): its
# values are nested objects, lists, text and numbers, hence Any.
_cache: Optional[dict[str, Any]] = None

_SCALARS = {"int32_t": c_int32, "int64_t": c_int64, "double": c_double, "const char *": c_char_p}


def registry() -> dict[str, Any]:
    """The registry as a dict: ``{"abi_version", "version", "functions": [...]}``.

    >>> [f["symbol"] for f in registry()["functions"]][:2]
    ['aex_version_string', 'aex_version_number']
    """
    global _cache
    with _lock:
        if _cache is None:
            _cache = json.loads(lib().aex_registry_json().decode("utf-8"))
        return _cache


def _ctype(c_type: str) -> type:
    if c_type in _SCALARS:
        return _SCALARS[c_type]
    if c_type.endswith("*"):
        return c_void_p  # every other pointer passes as an address (numpy-friendly)
    raise ValueError(f"no ctypes equivalent for C type {c_type!r}")


def prototype(function: dict[str, Any]) -> tuple[Union[None, str, type], list[type]]:
    """The (restype, argtypes) of a registry function, in the convention of
    ``_ffi.PROTOTYPES``: ``STATUS`` for a status return, ``c_char_p`` for text,
    ``c_void_p`` for every other pointer, ``None`` for void."""
    ret = function["returns"]
    if ret["type"] == "status":
        restype: Union[None, str, type] = STATUS
    elif ret["type"] == "void":
        restype = None
    else:
        restype = _ctype(ret["c_type"])
    argtypes: list[type] = []
    for p in function["params"]:
        argtypes.append(_ctype(p["c_type"]))
        if p["length_name"] is not None:
            argtypes.append(c_int64)
    return restype, argtypes


def function(name: str) -> dict[str, Any]:
    """The descriptor of one function, by symbol (``"aex_rank_values"``) or stable name
    (``"rank_values"``). Raises KeyError when there is none."""
    for f in registry()["functions"]:
        if name in (f["symbol"], f["name"]):
            descriptor: dict[str, Any] = f
            return descriptor
    raise KeyError(name)


__all__ = ["registry", "prototype", "function"]
