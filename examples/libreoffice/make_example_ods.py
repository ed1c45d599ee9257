#!/usr/bin/env python3
"""Generates examples/libreoffice/exports.ods: the reference figures of vehicle exports
with the add-in's formulas filled in (ranks next to Calc's RANK.EQ, percent ranks, and
the milestones: who overtook whom, when, and the sentence).

    python3 examples/libreoffice/make_example_ods.py

Open the workbook in Calc after installing the add-in (see bindings/libreoffice/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "bindings" / "libreoffice"))
from ods import Formula, Sheet, write_ods  # noqa: E402

OUT = HERE / "exports.ods"

# Vehicle exports, units, total of all powertrains (the library's reference dataset,
# Sources/AutoExports/Data/Reference/exports.csv; None = no figure in the data).
PERIODS = [2019, 2020, 2021, 2022, 2023, 2024, 2025]
EXPORTERS = ["CHN", "JPN", "DEU", "KOR", "MEX"]
FIGURES = {
    "CHN": [None, 995000, 2015000, 3110000, 4910000, 5859000, 7098000],  # CAAM, all vehicles
    "JPN": [4810000, 3740832, 3820000, 3813269, 4422682, 4210000, 4172815],  # JAMA, all vehicles
    "DEU": [3490000, 2650000, 2370000, 2650000, 3110000, None, 3170000],  # VDA, passenger cars
    "KOR": [2400000, 1880000, 2040000, None, 2760000, 2782000, 2736308],  # KAMA, all vehicles
    "MEX": [3333586, 2680000, 2707000, 2860000, 3300876, 3479086, 3385785],  # INEGI, light vehicles
}
SOURCES = "Sources: CAAM (CHN), JAMA (JPN), VDA passenger cars (DEU), KAMA (KOR), INEGI light vehicles (MEX)."


def sheets() -> list[Sheet]:
    n = len(PERIODS)
    first, last = 4, 3 + n  # data rows 4..10
    cols = "BCDEF"
    rows: list[list] = [
        ["Vehicle exports, units (all powertrains). " + SOURCES],
        [],
        ["period"] + EXPORTERS,
    ]
    for i, p in enumerate(PERIODS):
        rows.append([p] + [FIGURES[e][i] for e in EXPORTERS])
    rows += [[], ["Rank among these exporters: =AEXRANKEQ(B4;$B4:$F4)"], ["period"] + EXPORTERS]
    for i, p in enumerate(PERIODS):
        r = first + i
        rows.append([p] + [Formula(f'=IF(ISBLANK({c}{r});"";AEXRANKEQ({c}{r};$B{r}:$F{r}))') for c in cols])
    rows += [[], ["Calc's own RANK.EQ on the same cells, for comparison"], ["period"] + EXPORTERS]
    for i, p in enumerate(PERIODS):
        r = first + i
        rows.append([p] + [Formula(f'=IF(ISBLANK({c}{r});"";RANK.EQ({c}{r};$B{r}:$F{r}))') for c in cols])
    rows += [[], ["Percent rank within the year: =AEXPERCENTRANKINC($B4:$F4;B4;3)"], ["period"] + EXPORTERS]
    for i, p in enumerate(PERIODS):
        r = first + i
        rows.append([p] + [Formula(f'=IF(ISBLANK({c}{r});"";AEXPERCENTRANKINC($B{r}:$F{r};{c}{r};3))') for c in cols])
    table = f"$A${first}:$A${last};$B$3:$F$3;$B${first}:$F${last}"
    rows += [
        [],
        ["Milestones"],
        ["China overtakes Japan in", Formula(f'=AEXOVERTAKE("CHN";"JPN";{table})')],
        ["China overtakes Germany in", Formula(f'=AEXOVERTAKE("CHN";"DEU";{table})')],
        ["Mexico overtakes Germany in", Formula(f'=AEXOVERTAKE("MEX";"DEU";{table})')],
        [
            "China overtakes Korea in",
            Formula(f'=IFNA(AEXOVERTAKE("CHN";"KOR";{table});"not shown by the data: Korea 2022 is missing")'),
        ],
        ["China is #1 for the first time in", Formula(f'=AEXFIRSTLEADER("CHN";{table})')],
        ["The milestone", Formula(f'=AEXMILESTONE("CHN";"JPN";{table})')],
    ]
    return [Sheet("Exports", rows)]


def main() -> int:
    write_ods(OUT, sheets())
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
