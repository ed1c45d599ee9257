"""A tiny, deterministic OpenDocument spreadsheet (.ods) writer for the add-in's test and
example workbooks (standard library only).

Formulas are written the way a user types them in an English Calc — ``=AEXRANKEQ(B2;
B$2:B$9)``, ``=RANK.EQ(B2;Data!B$2:B$9)`` — and translated to ODF's syntax: references in
brackets (``[.B2]``, ``[$Data.B$2:.B$9]``), the add-in's display names to their
programmatic names (``org.autoexports.calc.AddIn.aexRankEq``) and Excel-2010 functions to
their ODF names (``COM.MICROSOFT.RANK.EQ``). The files carry no cached results, so Calc
computes every formula when it opens them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Iterable, NamedTuple, Optional, Union

import functions

ADDIN = {f.display: f"{functions.SERVICE}.{f.method}" for f in functions.FUNCTIONS}
ODF_NAMES = {
    "RANK.EQ": "COM.MICROSOFT.RANK.EQ",
    "RANK.AVG": "COM.MICROSOFT.RANK.AVG",
    "PERCENTRANK.INC": "COM.MICROSOFT.PERCENTRANK.INC",
    "PERCENTRANK.EXC": "COM.MICROSOFT.PERCENTRANK.EXC",
}

_CELL = r"\$?[A-Z]{1,3}\$?[0-9]+"
_TOKEN = re.compile(
    r'(?P<str>"(?:[^"]|"")*")'
    r"|(?P<func>[A-Za-z][A-Za-z0-9._]*)(?=\()"
    rf"|(?P<ref>(?:(?P<sheet>[A-Za-z][A-Za-z0-9_]*)!)?(?P<a>{_CELL})(?::(?P<b>{_CELL}))?)(?![A-Za-z0-9_(])"
)


def odf_formula(formula: str) -> str:
    """``=AEXRANKEQ(B2;Data!B$2:B$9)`` -> ``of:=org...aexRankEq([.B2];[$Data.B$2:.B$9])``."""
    if not formula.startswith("="):
        raise ValueError(f"a formula starts with '=': {formula!r}")

    def repl(m: re.Match) -> str:
        if m.group("str"):
            return m.group("str")
        if m.group("func"):
            name = m.group("func")
            return ADDIN.get(name.upper(), ODF_NAMES.get(name.upper(), name))
        sheet = f"${m.group('sheet')}" if m.group("sheet") else ""
        end = f":.{m.group('b')}" if m.group("b") else ""
        return f"[{sheet}.{m.group('a')}{end}]"

    return "of:" + _TOKEN.sub(repl, formula)


class Formula(NamedTuple):
    text: str  # as typed in Calc, e.g. "=AEXRANKEQ(B2;B$2:B$9)"
    rows: int = 0  # > 0: an array formula spanning rows x cols
    cols: int = 0


Cell = Union[None, float, int, str, Formula]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _cell_xml(cell: Cell) -> str:
    if cell is None:
        return "<table:table-cell/>"
    if isinstance(cell, Formula):
        span = ""
        if cell.rows:
            span = f' table:number-matrix-columns-spanned="{cell.cols}" table:number-matrix-rows-spanned="{cell.rows}"'
        return f'<table:table-cell table:formula="{_esc(odf_formula(cell.text))}"{span}/>'
    if isinstance(cell, bool):
        raise TypeError("booleans are not supported")
    if isinstance(cell, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{float(cell)!r}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{_esc(cell)}</text:p></table:table-cell>'


class Sheet(NamedTuple):
    name: str
    rows: list  # list of lists of Cell


_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"'
)


def content_xml(sheets: Iterable[Sheet]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<office:document-content {_NS} office:version="1.3">',
        "<office:body><office:spreadsheet>",
    ]
    for sheet in sheets:
        out.append(f'<table:table table:name="{_esc(sheet.name)}">')
        for row in sheet.rows:
            out.append("<table:table-row>" + "".join(_cell_xml(c) for c in row) + "</table:table-row>")
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document-content>")
    return "\n".join(out) + "\n"


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def write_ods(path: Path, sheets: Iterable[Sheet]) -> None:
    """Writes the workbook; the same sheets always give the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = (1980, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as z:
        # ODF: "mimetype" first and stored, so tools can sniff the type.
        z.writestr(
            zipfile.ZipInfo("mimetype", stamp),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        z.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("content.xml", stamp), content_xml(sheets), compress_type=zipfile.ZIP_DEFLATED)


def column_name(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        name = chr(65 + r) + name
    return name


def cell_name(row: int, col: int, absolute_row: bool = False, absolute_col: bool = False) -> str:
    """(0, 0) -> A1 (zero-based row and column)."""
    return f"{'$' if absolute_col else ''}{column_name(col)}{'$' if absolute_row else ''}{row + 1}"


__all__ = ["Formula", "Sheet", "write_ods", "odf_formula", "cell_name", "column_name", "Optional"]
