"""Load the autoexports DuckDB extension into a DuckDB connection.

>>> import duckdb, autoexports.duckdb
>>> con = duckdb.connect(config={"allow_unsigned_extensions": "true"})
>>> autoexports.duckdb.load(con)                                   # doctest: +SKIP
>>> con.execute("SELECT aex_rank_eq(20, [30, 20, 20, 10])").fetchone()  # doctest: +SKIP
(2.0,)

The extension (`make duckdb`, docs/duckdb.md) is a file of its own,
``autoexports.duckdb_extension``; this module only finds it and runs DuckDB's ``LOAD``.
It is unsigned, so the connection must be opened with ``allow_unsigned_extensions`` (DuckDB
refuses to change that setting later).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    import duckdb

FILE_NAME = "autoexports.duckdb_extension"


def extension_path() -> Path:
    """Where the extension is: $AUTOEXPORTS_DUCKDB_EXTENSION, else next to the library this
    package loads (``.build/release`` in a checkout). Raises FileNotFoundError naming the
    places looked at."""
    tried = []
    env = os.environ.get("AUTOEXPORTS_DUCKDB_EXTENSION")
    if env:
        if Path(env).is_file():
            return Path(env)
        tried.append(env)
    try:
        from ._ffi import library_path

        beside = Path(library_path()).resolve().parent / FILE_NAME
        if beside.is_file():
            return beside
        tried.append(str(beside))
    except Exception as e:  # the library itself was not found
        tried.append(f"(next to libautoexports: {e})")
    raise FileNotFoundError(f"{FILE_NAME} not found (build it with `make duckdb`); looked at: " + ", ".join(tried))


def load(con: duckdb.DuckDBPyConnection, path: Optional[str] = None) -> Path:
    """``LOAD`` the extension into the DuckDB connection ``con`` and return its path."""
    p = Path(path) if path else extension_path()
    row = con.execute("SELECT current_setting('allow_unsigned_extensions')").fetchone()
    setting = row[0] if row is not None else None
    if not setting:
        raise RuntimeError(
            "the autoexports DuckDB extension is unsigned: open the connection with "
            "duckdb.connect(config={'allow_unsigned_extensions': 'true'})"
        )
    escaped = str(p).replace("'", "''")
    con.execute(f"LOAD '{escaped}'")
    return p


__all__ = ["extension_path", "load", "FILE_NAME"]
