"""The report of the `autoexports` command line tool, from Python.

>>> import autoexports
>>> page = autoexports.report(format="html")          # the self-contained page, as text
>>> page[:15]
'<!DOCTYPE html>'

In a notebook, the returned text displays as the page (it has `_repr_html_`); write it to
a file to open it in a browser or send it on.

The report is made by the `autoexports` executable (the Swift CLI), found in this order:
  1. $AUTOEXPORTS_CLI (an explicit path);
  2. `autoexports` in the folder of the loaded libautoexports.so (an installed tree puts
     both in one place) or inside this package;
  3. `autoexports` on PATH — only a native executable, never a script (a Python console
     script of that name would call back into this package);
  4. the repository's build folder above this file (.build/release, then .build/debug).
`executable=` overrides all of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

FORMATS = ("html", "markdown", "json", "table")


class ReportError(RuntimeError):
    """The CLI refused the arguments or failed; the message is its one-line error."""


class ExecutableNotFoundError(FileNotFoundError):
    """No `autoexports` executable was found (the message lists where it looked)."""


class HTMLPage(str):
    """The page as text; displayed as HTML by Jupyter/IPython."""

    def _repr_html_(self) -> str:
        return str(self)


def _is_native(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except OSError:
        return False
    return head in (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe") and os.access(path, os.X_OK)


def candidates() -> list[Path]:
    """Every place looked at, in order (the first native executable found is used)."""
    out = []
    env = os.environ.get("AUTOEXPORTS_CLI")
    if env:
        out.append(Path(env))
    try:
        from ._ffi import library_path

        out.append(Path(library_path()).resolve().parent / "autoexports")
    except Exception:  # noqa: BLE001 - no library: look elsewhere
        pass
    here = Path(__file__).resolve().parent
    out.append(here / "autoexports")
    which = shutil.which("autoexports")
    if which:
        out.append(Path(which))
    for parent in here.parents:
        build = parent / ".build"
        if build.is_dir():
            out += [build / "release" / "autoexports", build / "debug" / "autoexports"]
            break
    return out


def find_executable() -> str:
    """The `autoexports` executable the report runs (see the module's docstring)."""
    env = os.environ.get("AUTOEXPORTS_CLI")
    if env and not _is_native(Path(env)):
        raise ExecutableNotFoundError(f"$AUTOEXPORTS_CLI={env} is not an executable")
    tried = candidates()
    for p in tried:
        if p.is_file() and _is_native(p):
            return str(p)
    raise ExecutableNotFoundError(
        "no autoexports executable found; looked at: "
        + ", ".join(str(p) for p in tried)
        + ". Build it with `make cli` or set $AUTOEXPORTS_CLI."
    )


def report(
    format: str = "html",
    *,
    input: Optional[Union[str, os.PathLike[str]]] = None,
    input_format: Optional[str] = None,
    period: Optional[str] = None,
    source: Optional[str] = None,
    scope: Optional[str] = None,
    exporters: Optional[Union[str, Iterable[str]]] = None,
    top: Optional[int] = None,
    executable: Optional[Union[str, os.PathLike[str]]] = None,
    timeout: float = 300,
) -> str:
    """The report as text: `format` is html (a self-contained page), markdown, json or table.

    The options are those of `autoexports report` (`--input`, `--period`, …); `exporters`
    may be a list of codes. Raises `ReportError` with the CLI's message when it refuses
    (e.g. an unknown exporter), `ExecutableNotFoundError` when there is no CLI.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r} (html|markdown|json|table)")
    exe = str(executable) if executable is not None else find_executable()
    args: list[str] = [exe, "report", "--format", format]
    options: Sequence[tuple[str, object]] = (
        ("--input", input),
        ("--input-format", input_format),
        ("--period", period),
        ("--source", source),
        ("--scope", scope),
        ("--top", top),
    )
    for name, value in options:
        if value is not None:
            args += [name, os.fspath(value) if isinstance(value, os.PathLike) else str(value)]
    if exporters is not None:
        args += ["--exporters", exporters if isinstance(exporters, str) else ",".join(exporters)]
    env = dict(os.environ, NO_COLOR="1")
    r = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    if r.returncode != 0:
        raise ReportError(r.stderr.strip() or f"autoexports exited with status {r.returncode}")
    return HTMLPage(r.stdout) if format == "html" else r.stdout


__all__ = ["report", "find_executable", "candidates", "ReportError", "ExecutableNotFoundError", "HTMLPage"]
