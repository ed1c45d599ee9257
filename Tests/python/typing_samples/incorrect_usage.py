"""Incorrect uses of the autoexports API: each marked line must be reported by mypy.

Not run: Tests/python/test_py_typing.py type-checks this file with mypy --strict and expects
exactly the errors marked ``# expect: <code>`` (on that line), and no other.
"""

from __future__ import annotations

import autoexports as aex
import numpy as np
import numpy.typing as npt


def misuse(a: npt.NDArray[np.float64]) -> None:
    aex.rank([3.0, 1.0], method="avrage")  # expect: call-overload
    aex.rank(a, na_option="drop")  # expect: call-overload
    r: list[float] = aex.rank(a)  # expect: assignment
    m: npt.NDArray[np.float64] = aex.rank([1.0, 2.0])  # expect: assignment
    aex.percentrank_inc([1, 2, 3], 2, convention="gnumeric")  # expect: arg-type
    aex.rank_eq("2", [1, 2])  # expect: arg-type
    aex.milestones(kinds=["overtake"], as_frame=False).to_csv()  # expect: attr-defined
    aex.fit_trend([1.0, 2.0, 3.0], model="quadratic")  # expect: arg-type
    aex.overtakes([1, 2], ["A", "B"], [1.0, 2.0], rule="strict")  # expect: call-overload
    aex.read_csv("x.csv", delimiter=";")  # expect: call-arg
    aex.explain_change(None, "CHN", 2022, 2023, ev="diesel")  # expect: arg-type
    with aex.Panel.reference() as p:
        p.export("xlsx")  # expect: arg-type
    e = aex.overtakes([1, 2], ["A", "B"], [1.0, 2.0], as_frame=False)
    e.period = e.since  # expect: misc
    bad: str = aex.period_code("2023")  # expect: assignment
    del r, m, bad
