#!/usr/bin/env python3
"""Generates Tests/libreoffice/addin_vs_builtin.ods: cells that call the add-in next to
Calc's own functions (or a formula made of them) on the same ranges, one check per row.

    python3 Tests/libreoffice/make_checks_ods.py     # rewrites the committed .ods

Sheet "Checks" (the first sheet, the one `soffice --convert-to csv` writes):
    A: check id   B: the add-in's result   C: the oracle's result (empty if the oracle is
    computed by the test in Python, e.g. pandas for dense and ordinal ranks)
Sheet "Data": the lists ranked (one column each).  Sheet "Exports": the reference
figures in the spreadsheet layout of the milestone functions (periods down, exporters
across).  Tests/python/test_libreoffice.py converts the workbook headlessly and compares.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple, Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "bindings" / "libreoffice"))
import functions  # noqa: E402
from ods import Formula, Sheet, cell_name, column_name, write_ods  # noqa: E402

OUT = HERE / "addin_vs_builtin.ods"

# The lists ranked, one column of sheet "Data" each (None = an empty cell).
DATASETS: dict[str, list[Optional[float]]] = {
    # Vehicle exports 2023, units: CHN, JPN, DEU, KOR, MEX, ESP, THA (reference dataset).
    "exports2023": [4910000, 4422682, 3110000, 2760000, 3300876, 2201802, 1110000],
    "ties": [30, 20, None, 20, 10, 10, 5],
    "decimals": [-1.5, 0, 0.1, 0.2, 2.5, -1.5, 1e-9, 7.25],
    "single": [42],
}

# The reference figures for the milestone functions (units, total; empty = no data).
PERIODS = [2019, 2020, 2021, 2022, 2023, 2024, 2025]
EXPORTERS = ["CHN", "JPN", "DEU", "KOR", "MEX"]
FIGURES: dict[str, list[Optional[float]]] = {
    "CHN": [None, 995000, 2015000, 3110000, 4910000, 5859000, 7098000],
    "JPN": [4810000, 3740832, 3820000, 3813269, 4422682, 4210000, 4172815],
    "DEU": [3490000, 2650000, 2370000, 2650000, 3110000, None, 3170000],
    "KOR": [2400000, 1880000, 2040000, None, 2760000, 2782000, 2736308],
    "MEX": [3333586, 2680000, 2707000, 2860000, 3300876, 3479086, 3385785],
}

# The same figures under a header of English names (sheet "Names").
NAMES = {"CHN": "China", "JPN": "Japan", "DEU": "Germany", "KOR": "South Korea", "MEX": "Mexico"}

# France passes Italy in 2020-Q2, Italy passes France in 2020-Q3, a tie in 2020-Q4 keeps
# Italy ahead, France passes Italy again in 2021-Q1 (the last period they differed, Italy
# was ahead), Italy passes France in 2021-Q2.  (Made-up figures.)
SWAPS = [
    ("2020-Q1", 1, 2),
    ("2020-Q2", 3, 2),
    ("2020-Q3", 1, 2),
    ("2020-Q4", 2, 2),
    ("2021-Q1", 3, 2),
    ("2021-Q2", 1, 2),
]


# January–May exports (JAMA/CAAM-like, made up), then fiscal and calendar years mixed.
SPANS = [
    ["period", "CHN", "JPN"],
    ["2021-01/2021-05", 800000, 1500000],
    ["2022-01/2022-05", 1100000, 1400000],
    ["2023-01/2023-05", 2140000, 1700000],
    [None, None, None],
    ["FY2022", 3000000, 3900000],
    ["FY2023", 4600000, 4400000],
    ["2022", 3110000, 3813269],
    ["2023", 4910000, 4422682],
]


class Check(NamedTuple):
    id: str
    addin: Formula
    builtin: Optional[Formula] = None  # Calc's own function or formula on the same range
    oracle: Optional[tuple] = None  # computed by the test: (kind, dataset, index, ascending)
    expected: Optional[object] = None  # a literal expectation (milestones)


def data_range(name: str) -> str:
    col = column_name(list(DATASETS).index(name))
    return f"Data!{col}$2:{col}${1 + len(DATASETS[name])}"


def data_cell(name: str, i: int) -> str:
    return "Data!" + cell_name(1 + i, list(DATASETS).index(name), absolute_row=True)


def available(check: Check) -> bool:
    """Only checks of functions the add-in has (the table grows as the library does)."""
    names = {f.display for f in functions.FUNCTIONS}
    called = set(re.findall(r"\b(AEX[A-Z]+)\(", check.addin.text if check.addin else ""))
    return called <= names


def checks() -> list[Check]:
    return [c for c in _all_checks() if c.addin is None or available(c)]


def _all_checks() -> list[Check]:
    out: list[Check] = []
    for name, values in DATASETS.items():
        ref = data_range(name)
        numbers = [v for v in values if v is not None]
        for i, v in enumerate(values):
            if v is None:
                continue
            x = data_cell(name, i)
            for order, suffix in ((0, "desc"), (1, "asc")):
                out.append(
                    Check(
                        f"rank_eq/{name}/{i}/{suffix}",
                        Formula(f"=AEXRANKEQ({x};{ref};{order})"),
                        Formula(f"=RANK.EQ({x};{ref};{order})"),
                    )
                )
                out.append(
                    Check(
                        f"rank_avg/{name}/{i}/{suffix}",
                        Formula(f"=AEXRANKAVG({x};{ref};{order})"),
                        Formula(f"=RANK.AVG({x};{ref};{order})"),
                    )
                )
                out.append(
                    Check(
                        f"rank_dense/{name}/{i}/{suffix}",
                        Formula(f"=AEXRANKDENSE({x};{ref};{order})"),
                        oracle=("dense", name, i, order == 1),
                    )
                )
            # SQL PERCENT_RANK and CUME_DIST, ascending, written with Calc's own functions.
            out.append(
                Check(
                    f"percent_rank/{name}/{i}",
                    Formula(f"=AEXPERCENTRANK({x};{ref})"),
                    Formula(f"=IF(COUNT({ref})=1;0;(RANK.EQ({x};{ref};1)-1)/(COUNT({ref})-1))"),
                )
            )
            out.append(
                Check(
                    f"percent_rank/{name}/{i}/desc",
                    Formula(f"=AEXPERCENTRANK({x};{ref};1)"),
                    Formula(f"=IF(COUNT({ref})=1;0;(RANK.EQ({x};{ref};0)-1)/(COUNT({ref})-1))"),
                )
            )
            out.append(
                Check(
                    f"cume_dist/{name}/{i}",
                    Formula(f"=AEXCUMEDIST({x};{ref})"),
                    Formula(f"=SUMPRODUCT(ISNUMBER({ref})*({ref}<={x}))/COUNT({ref})"),
                )
            )
            out.append(
                Check(
                    f"cume_dist/{name}/{i}/desc",
                    Formula(f"=AEXCUMEDIST({x};{ref};1)"),
                    Formula(f"=SUMPRODUCT(ISNUMBER({ref})*({ref}>={x}))/COUNT({ref})"),
                )
            )
        # Percent ranks at every value, between values (interpolation) and outside the data.
        xs = sorted(set(numbers))
        probes = xs + [(a + b) / 2 for a, b in zip(xs, xs[1:])] + [xs[0] + (xs[-1] - xs[0]) / 3]
        if len(xs) > 1:
            probes += [xs[0] - 1, xs[-1] + 1]
        for j, x in enumerate(probes):
            for fn in ("INC", "EXC"):
                # The add-in follows Calc's convention (significant digits, 3 when omitted,
                # 1 for PERCENTRANK.EXC of one number): it equals the built-in cell for cell.
                out.append(
                    Check(
                        f"percentrank_{fn.lower()}/{name}/{j}",
                        Formula(f"=AEXPERCENTRANK{fn}({ref};{x!r})"),
                        Formula(f"=PERCENTRANK.{fn}({ref};{x!r})"),
                    )
                )
                for sig in (1, 3, 15):
                    out.append(
                        Check(
                            f"percentrank_{fn.lower()}/{name}/{j}/sig{sig}",
                            Formula(f"=AEXPERCENTRANK{fn}({ref};{x!r};{sig})"),
                            Formula(f"=PERCENTRANK.{fn}({ref};{x!r};{sig})"),
                        )
                    )
    # Array formulas: every cell's rank at once (ordinal ranks need positions).
    for name, values in DATASETS.items():
        ref = data_range(name)
        n = len(values)
        for order, suffix in ((0, "desc"), (1, "asc")):
            for method, fn in (
                ("ordinal", f"=AEXRANKORDINAL({ref};{order})"),
                ("competition", f'=AEXRANKS({ref};"competition";{order})'),
                ("dense", f'=AEXRANKS({ref};"dense";{order})'),
            ):
                for i in range(n):
                    formula = Formula(fn, rows=n, cols=1) if i == 0 else None
                    out.append(
                        Check(f"ranks_{method}/{name}/{i}/{suffix}", formula, oracle=(method, name, i, order == 1))
                    )
    # Milestones on the reference figures.
    p, e, v = "Exports!A$2:A$8", "Exports!B$1:F$1", "Exports!B$2:F$8"
    for subject, rival, expected in (
        ("CHN", "JPN", 2023),
        ("CHN", "DEU", 2022),
        ("MEX", "DEU", 2020),
        ("CHN", "KOR", "#N/A"),
        ("JPN", "CHN", "#N/A"),
    ):
        out.append(
            Check(
                f"overtake/{subject}/{rival}",
                Formula(f'=AEXOVERTAKE("{subject}";"{rival}";{p};{e};{v})'),
                expected=expected,
            )
        )
    out.append(Check("overtake/CHN/JPN/last", Formula(f'=AEXOVERTAKE("CHN";"JPN";{p};{e};{v};-1)'), expected=2023))
    # Two exporters swapping places, with a tie in between and quarters as text periods.
    sp, se, sv = "Swaps!A$2:A$7", "Swaps!B$1:C$1", "Swaps!B$2:C$7"
    for subject, rival, k, expected in (
        ("FRA", "ITA", 1, "2020-Q2"),
        ("FRA", "ITA", 2, "2021-Q1"),
        ("FRA", "ITA", -1, "2021-Q1"),
        ("FRA", "ITA", 3, "#N/A"),
        ("ITA", "FRA", 1, "2020-Q3"),
        ("ITA", "FRA", -1, "2021-Q2"),
        ("fra", "ita", -2, "2020-Q2"),
    ):
        out.append(
            Check(
                f"overtake/swaps/{subject}/{rival}/{k}",
                Formula(f'=AEXOVERTAKE("{subject}";"{rival}";{sp};{se};{sv};{k})'),
                expected=expected,
            )
        )
    # Year-to-date spans as text periods (docs/periods.md), and a table mixing fiscal with
    # calendar years, which is refused rather than ranked as one series of periods.
    yp, ye, yv = "Spans!A$2:A$4", "Spans!B$1:C$1", "Spans!B$2:C$4"
    out.append(
        Check(
            "overtake/spans/CHN/JPN", Formula(f'=AEXOVERTAKE("CHN";"JPN";{yp};{ye};{yv})'), expected="2023-01/2023-05"
        )
    )
    out.append(
        Check("first_leader/spans/CHN", Formula(f'=AEXFIRSTLEADER("CHN";{yp};{ye};{yv})'), expected="2023-01/2023-05")
    )
    out.append(
        Check(
            "error/first_leader/fiscal_and_calendar",
            Formula('=AEXFIRSTLEADER("CHN";Spans!A$6:A$9;Spans!B$1:C$1;Spans!B$6:C$9)'),
            expected="Err:502",
        )
    )
    out.append(
        Check(
            "first_leader/fiscal/CHN",
            Formula('=AEXFIRSTLEADER("CHN";Spans!A$6:A$7;Spans!B$1:C$1;Spans!B$6:C$7)'),
            expected="FY2023",
        )
    )
    out.append(Check("first_leader/CHN", Formula(f'=AEXFIRSTLEADER("CHN";{p};{e};{v})'), expected=2023))
    out.append(Check("first_leader/DEU", Formula(f'=AEXFIRSTLEADER("DEU";{p};{e};{v})'), expected="#N/A"))
    # Japan is #1 from the first period of the data on: that is not "becoming" #1.
    out.append(Check("first_leader/JPN", Formula(f'=AEXFIRSTLEADER("JPN";{p};{e};{v})'), expected="#N/A"))
    out.append(Check("first_leader/swaps/FRA", Formula(f'=AEXFIRSTLEADER("FRA";{sp};{se};{sv})'), expected="2020-Q2"))
    out.append(
        Check("first_leader/swaps/Italy", Formula(f'=AEXFIRSTLEADER("Italy";{sp};{se};{sv})'), expected="#N/A")
    )  # #1 from the first period on
    out.append(
        Check(
            "error/milestone/unknown_header",
            Formula(f'=AEXMILESTONE("CHN";"JPN";{p};Exports!A$1:E$1;Exports!A$2:E$8)'),
            expected="Err:502",
        )
    )
    out.append(
        Check(
            "milestone/CHN/DEU",
            Formula(f'=AEXMILESTONE("CHN";"DEU";{p};{e};{v})'),
            expected="2022: China (3.11M) overtook Germany (2.65M)",
        )
    )
    out.append(Check("milestone/CHN/KOR", Formula(f'=AEXMILESTONE("CHN";"KOR";{p};{e};{v})'), expected="#N/A"))
    out.append(
        Check(
            "milestone/usd",
            Formula(f'=AEXMILESTONE("CHN";"JPN";{p};{e};{v};"usd")'),
            expected="2023: China ($4.91M) overtook Japan ($4.42M)",
        )
    )
    out.append(
        Check(
            "milestone/CHN/JPN",
            Formula(f'=AEXMILESTONE("CHN";"JPN";{p};{e};{v})'),
            expected="2023: China (4.91M) overtook Japan (4.42M)",
        )
    )
    out.append(
        Check(
            "error/rank_eq/not_in_list",
            Formula(f"=AEXRANKEQ(99;{data_range('ties')})"),
            Formula(f"=RANK.EQ(99;{data_range('ties')})"),
        )
    )
    out.append(
        Check("error/ranks/unknown_method", Formula(f'=AEXRANKS({data_range("ties")};"bogus")'), expected="Err:502")
    )
    out.append(
        Check(
            "error/percentrank_inc/significance_0",
            Formula(f"=AEXPERCENTRANKINC({data_range('ties')};20;0)"),
            Formula(f"=PERCENTRANK.INC({data_range('ties')};20;0)"),
        )
    )
    out.append(
        Check(
            "error/percentrank_inc/empty",
            Formula("=AEXPERCENTRANKINC(Data!H2:H3;20)"),
            Formula("=PERCENTRANK.INC(Data!H2:H3;20)"),
        )
    )
    out.append(
        Check("error/overtake/same_exporter", Formula(f'=AEXOVERTAKE("CHN";"CHN";{p};{e};{v})'), expected="Err:502")
    )
    out.append(
        Check("error/overtake/shape", Formula(f'=AEXOVERTAKE("CHN";"JPN";{p};{e};Exports!B$2:F$7)'), expected="Err:502")
    )
    # An exporter the table does not have is #VALUE!, distinct from #N/A ("no such event").
    out.append(
        Check("error/overtake/unknown_exporter", Formula(f'=AEXOVERTAKE("XXX";"JPN";{p};{e};{v})'), expected="#VALUE!")
    )
    out.append(
        Check("error/overtake/not_in_table", Formula(f'=AEXOVERTAKE("FRA";"JPN";{p};{e};{v})'), expected="#VALUE!")
    )
    out.append(
        Check("error/overtake/misspelt", Formula(f'=AEXOVERTAKE("Grmany";"JPN";{p};{e};{v})'), expected="#VALUE!")
    )
    out.append(
        Check("error/milestone/not_in_table", Formula(f'=AEXMILESTONE("CHN";"FRA";{p};{e};{v})'), expected="#VALUE!")
    )
    out.append(
        Check("error/first_leader/unknown_exporter", Formula(f'=AEXFIRSTLEADER("XXX";{p};{e};{v})'), expected="#VALUE!")
    )
    out.append(
        Check(
            "error/overtake/kinds_differ",
            Formula(
                f'=ERROR.TYPE(AEXOVERTAKE("XXX";"JPN";{p};{e};{v}))-ERROR.TYPE(AEXOVERTAKE("JPN";"CHN";{p};{e};{v}))'
            ),
            Formula("=ERROR.TYPE(#VALUE!)-ERROR.TYPE(#N/A)"),
        )
    )
    # Names resolve as the library resolves them, in every function: codes over a header of
    # names ("China, Japan, ...", sheet Names) and names over a header of codes.
    np_, ne, nv = "Names!A$2:A$8", "Names!B$1:F$1", "Names!B$2:F$8"
    for fn, args, expected in (
        ("AEXOVERTAKE", f'"CHN";"JPN";{np_};{ne};{nv}', 2023),
        ("AEXOVERTAKE", f'"China";"Japan";{p};{e};{v}', 2023),
        ("AEXOVERTAKE", f'"156";"Mexico";{np_};{ne};{nv}', 2022),
        ("AEXOVERTAKE", f'"JPN";"CHN";{np_};{ne};{nv}', "#N/A"),
        ("AEXFIRSTLEADER", f'"CHN";{np_};{ne};{nv}', 2023),
        ("AEXMILESTONE", f'"CHN";"JPN";{np_};{ne};{nv}', "2023: China (4.91M) overtook Japan (4.42M)"),
        ("AEXMILESTONE", f'"China";"Japan";{p};{e};{v}', "2023: China (4.91M) overtook Japan (4.42M)"),
    ):
        out.append(
            Check(
                f"names/{fn.lower()}/{args.split(';')[0].strip(chr(34))}/{args.split(';')[-4 if fn != 'AEXFIRSTLEADER' else 0].strip(chr(34))}"
                + ("/names_header" if "Names" in args else "/codes_header"),
                Formula(f"={fn}({args})"),
                expected=expected,
            )
        )
    return out


def sheets() -> list[Sheet]:
    rows = [["check", "add-in", "Calc"]]
    for c in checks():
        rows.append([c.id, c.addin, c.builtin])
    data = [list(DATASETS)]
    for i in range(max(len(v) for v in DATASETS.values())):
        data.append([vals[i] if i < len(vals) else None for vals in DATASETS.values()])
    exports = [["period"] + EXPORTERS]
    for i, period in enumerate(PERIODS):
        exports.append([period] + [FIGURES[e][i] for e in EXPORTERS])
    names = [["period"] + [NAMES[c] for c in EXPORTERS]]
    for i, period in enumerate(PERIODS):
        names.append([period] + [FIGURES[c][i] for c in EXPORTERS])
    swaps = [["period", "FRA", "ITA"]] + [[p, a, b] for p, a, b in SWAPS]
    return [
        Sheet("Checks", rows),
        Sheet("Data", data),
        Sheet("Exports", exports),
        Sheet("Swaps", swaps),
        Sheet("Spans", SPANS),
        Sheet("Names", names),
    ]


def main() -> int:
    write_ods(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT, sheets())
    return 0


if __name__ == "__main__":
    sys.exit(main())
