"""Correct uses of the autoexports API, as a user's script would make them.

Not run: Tests/python/test_py_typing.py type-checks this file with mypy --strict and expects
no error. Each assert_type is a claim about a public signature (a list in gives a list
out, an ndarray in gives an ndarray out, ...); mypy fails the file when a signature says
otherwise (or says Any).
"""

from __future__ import annotations

from typing import Optional

import autoexports as aex
import numpy as np
import numpy.typing as npt
from typing_extensions import assert_type


def ranks(a: npt.NDArray[np.float64], ints: npt.NDArray[np.int64]) -> None:
    assert_type(aex.rank([30.0, 20.0, 20.0, 10.0], method="min", ascending=False), list[float])
    assert_type(aex.rank((3, 1, 2)), list[float])
    assert_type(aex.rank(a, method="dense", pct=True), npt.NDArray[np.float64])
    assert_type(aex.rank(ints, na_option="bottom"), npt.NDArray[np.float64])
    assert_type(aex.rank([1.0, 2.0], out=np.empty(2)), npt.NDArray[np.float64])
    assert_type(aex.percent_rank([3.0, 1.0], ascending=False), list[float])
    assert_type(aex.cume_dist(a, groups=[2023, 2024, 2024]), npt.NDArray[np.float64])
    assert_type(aex.rank_groups(["2023-1", "2023-12"], [5.0, 9.0], method="rank.eq"), list[float])


def spreadsheet(a: npt.NDArray[np.float64]) -> float:
    x: float = aex.rank_eq(2, [7, 3.5, 3.5, 1, 2]) + aex.rank_avg(3.5, a, 1)
    x += aex.percentrank_inc([1, 2, 3], 2, 3, convention="calc") + aex.percentrank_exc(a, 0.5)
    r = aex.Range([7, 3.5, 3.5, 1, 2])
    return x + r.rank_eq(2) + r.percentrank_exc(3.5, 2, convention="calc")


def panels() -> list[str]:
    with aex.Panel.reference() as p:
        periods, values = p.values("CHN", segment="nev")
        assert_type(periods, list[str])
        cols = p.columns()
        n = len(cols["series"])
        p.add("KOR", ["2023", 2024], [1.0, 2.0], segment="total", source="KAMA")
    q = aex.read_csv(
        "exports.csv", format="wide", sep=";", decimal=",", na_values=["..", "-"], unknown_exporters="keep"
    )
    assert_type(q, aex.Panel)
    assert_type(aex.period_code("2023-Q1"), int)
    assert_type(aex.period_code(np.int64(2023)), int)
    return periods[:n] + [aex.resolve_exporter(156)]


def milestones() -> list[str]:
    ms = aex.milestones(kinds=["overtake", "record_high"], exporters=["CHN", "JPN"], granularity="year")
    assert_type(ms, aex.MilestoneList)
    first: aex.Milestone = ms[0]
    rank: Optional[int] = first.rank
    return [m.sentence for m in ms] + [n.sentence for n in ms.notes] + [str(rank)]


def projections() -> float:
    fit = aex.fit_trend([995000.0, 2015000.0, 3110000.0], first_period=2020, model="log-linear")
    assert_type(fit, aex.TrendFit)
    fc = fit.forecast(3)
    assert_type(fc.mean, list[float])
    c = aex.project_crossover(fit, aex.fit_trend([3.0, 3.1, 3.2], 2020, model="holt", damped=True))
    period: Optional[int] = c.period
    proj = aex.project_series(None, "CHN", "JPN", "nev", model="damped")
    crossing: Optional[int] = proj.crossover["period"]
    horizon: int = proj.crossover["requested_horizon"]
    return fc.mean[0] + fit.cagr + (period or 0) + (crossing or 0) + horizon


def explanations() -> float:
    o = aex.explain_overtake(None, "CHN", "JPN", 2023, ev="plugin")
    ch = aex.explain_change(None, "CHN", "2022", "2023")
    part = ch.parts[0]
    return o.margin + (part["change"] or 0.0)


def overtakes() -> int:
    e = aex.overtakes([2021, 2021, 2022, 2022], ["A", "B"] * 2, [1.0, 3.0, 4.0, 1.0], as_frame=False)
    assert_type(e, aex.OvertakeEvents)
    assert_type(e.bridged, npt.NDArray[np.bool_])
    n: int = aex.count_overtakes_in_grid([[1.0, 3.0], [2.0, 2.0]], rule="adjacent")
    return n + int(e.bridged.sum())
