"""The Calc functions of the autoexports add-in: one table, the single source of the UNO
IDL interface (idl/XAutoExportsCalc.idl, compiled to autoexports.rdb) and of the function
wizard's names and help text (CalcAddIn.xcu, written by build_oxt.py).

Each function is implemented by the method of the same programmatic name in
component/aex_calc.py. In a cell one types the display name (``=AEXRANKEQ(B2;B$2:B$9)``);
ODF files store the programmatic name (``org.autoexports.calc.AddIn.aexRankEq``).

Argument types, as Calc passes them to a UNO add-in:
  ``double``  a number (Calc converts a cell; text gives #VALUE! before the call),
  ``string``  text,
  ``range``   ``sequence< sequence< any > >``: a cell range, rows of cells; an empty
              cell arrives as "" and a text cell as its text,
  ``any``     optional; omitted arrives as None. Optional arguments come last.
Results are ``any`` (a number, a text, or a Calc error) or ``array`` (a range of them).
"""

from __future__ import annotations

from typing import NamedTuple

SERVICE = "org.autoexports.calc.AddIn"
INTERFACE = "org.autoexports.calc.XAutoExportsCalc"


class Arg(NamedTuple):
    name: str  # programmatic name (IDL parameter)
    type: str  # double | string | range | any
    description: str
    display: str = ""  # shown in the function wizard; defaults to name

    @property
    def shown(self) -> str:
        return self.display or self.name


class Function(NamedTuple):
    method: str  # programmatic name (IDL method, Python method)
    display: str  # the name typed in a cell
    category: str  # a Calc function-wizard category
    description: str
    args: tuple[Arg, ...]
    result: str = "any"  # any | array


ORDER = Arg(
    "order", "any", "0 or omitted: descending, the largest value is rank 1 (as RANK.EQ); any other number: ascending."
)
DESCENDING = Arg(
    "descending",
    "any",
    "FALSE, 0 or omitted: ascending, the smallest value comes first (as SQL ORDER BY value); TRUE: descending.",
)
NUMBER = Arg("number", "double", "The value whose rank is wanted; it must be in the range.")
REF = Arg("ref", "range", "The values to rank among. Empty cells and text are left out.")
DATA = Arg("data", "range", "The values. Empty cells and text are left out.")
SIGNIFICANCE = Arg(
    "significance",
    "any",
    "Omitted: 3, as in Calc. A number k >= 1: the value "
    "rounded to k significant digits, as Calc's PERCENTRANK does (Excel "
    "truncates to k decimal digits instead).",
)
PERIODS = Arg(
    "periods",
    "range",
    "One column (or row) of periods, in time order: years such as 2023, or text such as 2023-Q1 or 2023-03.",
)
EXPORTERS = Arg(
    "exporters",
    "range",
    "The exporters' codes or names (e.g. CHN, Japan), one per column of values: the header row of the table.",
)
VALUES = Arg(
    "values", "range", "The values: one row per period and one column per exporter. Empty cells are missing data."
)

FUNCTIONS: tuple[Function, ...] = (
    Function(
        "aexRankEq",
        "AEXRANKEQ",
        "Statistical",
        "Rank of a number in a list, ties sharing the best rank (1,2,2,4), like RANK.EQ.",
        (NUMBER, REF, ORDER),
    ),
    Function(
        "aexRankAvg",
        "AEXRANKAVG",
        "Statistical",
        "Rank of a number in a list, ties sharing the average rank (1,2.5,2.5,4), like RANK.AVG.",
        (NUMBER, REF, ORDER),
    ),
    Function(
        "aexRankDense",
        "AEXRANKDENSE",
        "Statistical",
        "Dense rank of a number in a list: ties share a rank and no rank is skipped (1,2,2,3), like SQL DENSE_RANK.",
        (NUMBER, REF, ORDER),
    ),
    Function(
        "aexRankOrdinal",
        "AEXRANKORDINAL",
        "Statistical",
        "Ordinal ranks of every cell of a range (1,2,3,4): ties are broken by position, "
        "earlier cells first (row by row), like SQL ROW_NUMBER. An array formula: "
        "enter it over a range of the same shape.",
        (Arg("values", "range", "The values to rank. Empty cells and text get no rank."), ORDER),
        "array",
    ),
    Function(
        "aexRanks",
        "AEXRANKS",
        "Statistical",
        "Ranks of every cell of a range with a chosen tie method. An array formula: "
        "enter it over a range of the same shape.",
        (
            Arg("values", "range", "The values to rank. Empty cells and text get no rank."),
            Arg(
                "method",
                "any",
                'How ties are ranked: "competition" (default, 1,2,2,4), '
                '"competition_max" (1,3,3,4), "fractional" (1,2.5,2.5,4), "dense" '
                '(1,2,2,3) or "ordinal" (1,2,3,4); pandas\' names min, max, average, first '
                "are accepted too.",
            ),
            ORDER,
        ),
        "array",
    ),
    Function(
        "aexPercentRankInc",
        "AEXPERCENTRANKINC",
        "Statistical",
        "Percent rank of x in the data, from 0 to 1 inclusive, interpolating between data "
        "points, like PERCENTRANK.INC.",
        (
            DATA,
            Arg(
                "x",
                "double",
                "The value whose percent rank is wanted, between the smallest and the largest data value.",
            ),
            SIGNIFICANCE,
        ),
    ),
    Function(
        "aexPercentRankExc",
        "AEXPERCENTRANKEXC",
        "Statistical",
        "Percent rank of x in the data, from 0 to 1 exclusive, interpolating between data "
        "points, like PERCENTRANK.EXC.",
        (
            DATA,
            Arg(
                "x",
                "double",
                "The value whose percent rank is wanted, between the smallest and the largest data value.",
            ),
            SIGNIFICANCE,
        ),
    ),
    Function(
        "aexPercentRank",
        "AEXPERCENTRANK",
        "Statistical",
        "Relative rank (rank-1)/(n-1) of a number in a list, like SQL PERCENT_RANK; 0 for a list of one.",
        (NUMBER, REF, DESCENDING),
    ),
    Function(
        "aexCumeDist",
        "AEXCUMEDIST",
        "Statistical",
        "Cumulative distribution of a number in a list: the share of values ranked at or "
        "before it, like SQL CUME_DIST.",
        (NUMBER, REF, DESCENDING),
    ),
    Function(
        "aexOvertake",
        "AEXOVERTAKE",
        "Add-In",
        "The period in which one exporter overtakes another: the rival was ahead the last "
        "time the two differed, and the subject is ahead now. A missing value breaks the "
        "comparison. #N/A if it never happens in the data; #VALUE! if an exporter is not "
        "in the table.",
        (
            Arg(
                "subject",
                "string",
                "The exporter that overtakes: a code or name (e.g. CHN "
                "or China), matched to the header as the library resolves names.",
            ),
            Arg("rival", "string", "The exporter that is overtaken (e.g. JPN)."),
            PERIODS,
            EXPORTERS,
            VALUES,
            Arg(
                "occurrence",
                "any",
                "Which overtake when there are several: 1 or omitted: "
                "the first, 2 the second, ...; -1: the last, -2 the one before.",
            ),
        ),
    ),
    Function(
        "aexFirstLeader",
        "AEXFIRSTLEADER",
        "Add-In",
        "The first period in which an exporter is the sole #1, for the first time within "
        "the data (never only because others' figures are missing). #N/A if never; "
        "#VALUE! if the exporter is not in the table.",
        (Arg("exporter", "string", "The exporter: a code or name (e.g. CHN or China)."), PERIODS, EXPORTERS, VALUES),
    ),
    Function(
        "aexMilestone",
        "AEXMILESTONE",
        "Add-In",
        'The sentence that tells when one exporter overtook another, e.g. "2023: China '
        '(4.91M) overtook Japan (4.42M) to become the largest vehicle exporter ...". '
        "#N/A if it never happens in the data; #VALUE! if an exporter is not in the table.",
        (
            Arg("subject", "string", "The exporter that overtakes (e.g. CHN or China)."),
            Arg("rival", "string", "The exporter that is overtaken (e.g. JPN)."),
            PERIODS,
            EXPORTERS,
            VALUES,
            Arg(
                "metric",
                "any",
                'What the values count: "units" (vehicles, the default) or a currency code such as "usd".',
            ),
        ),
    ),
)

_IDL_TYPES = {
    "double": "double",
    "string": "string",
    "range": "sequence< sequence< any > >",
    "any": "any",
    "array": "sequence< sequence< any > >",
}


def idl() -> str:
    """The UNO IDL of the add-in's interface, generated from FUNCTIONS."""
    module = INTERFACE.split(".")[:-1]
    name = INTERFACE.split(".")[-1]
    lines = [
        "/* Generated from bindings/libreoffice/functions.py by `make -C bindings/libreoffice idl`;",
        "** compiled to autoexports.rdb by `make -C bindings/libreoffice rdb`.  Do not edit. */",
        "#include <com/sun/star/uno/XInterface.idl>",
        "",
    ]
    lines.append(" ".join(f"module {m} {{" for m in module))
    lines.append(f"    interface {name} : com::sun::star::uno::XInterface")
    lines.append("    {")
    for f in FUNCTIONS:
        params = ", ".join(f"[in] {_IDL_TYPES[a.type]} {a.name}" for a in f.args)
        lines.append(f"        {_IDL_TYPES[f.result]} {f.method}({params});")
    lines.append("    };")
    lines.append(" ".join("};" for _ in module))
    return "\n".join(lines) + "\n"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xcu() -> str:
    """The CalcAddIn.xcu configuration: display names, categories and help text."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<oor:component-data xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" oor:name="CalcAddIns" '
        'oor:package="org.openoffice.Office">',
        ' <node oor:name="AddInInfo">',
        f'  <node oor:name="{SERVICE}" oor:op="replace">',
        '   <node oor:name="AddInFunctions">',
    ]
    for f in FUNCTIONS:
        out += [
            f'    <node oor:name="{f.method}" oor:op="replace">',
            f'     <prop oor:name="DisplayName"><value xml:lang="en-US">{f.display}</value></prop>',
            f'     <prop oor:name="Description"><value xml:lang="en-US">{_esc(f.description)}</value></prop>',
            f'     <prop oor:name="Category"><value>{f.category}</value></prop>',
            '     <node oor:name="Parameters">',
        ]
        for a in f.args:
            out += [
                f'      <node oor:name="{a.name}" oor:op="replace">',
                f'       <prop oor:name="DisplayName"><value xml:lang="en-US">{a.shown}</value></prop>',
                f'       <prop oor:name="Description"><value xml:lang="en-US">{_esc(a.description)}</value></prop>',
                "      </node>",
            ]
        out += ["     </node>", "    </node>"]
    out += ["   </node>", "  </node>", " </node>", "</oor:component-data>"]
    return "\n".join(out) + "\n"
