"""W4 — per-call latency: one spreadsheet function of one value among 200.

The 200 values are the first period of the S panel (one may be missing, some tie). Each
timed run makes `calls` calls; the time reported is per call. Two variants:

- rank_eq: Excel's RANK.EQ, the competition rank, descending, of the value at INDEX;
- percentrank_inc: Excel's PERCENTRANK.INC of that value, unrounded: for a value in the
  range, (numbers below it) / (numbers - 1), missing cells skipped.

Python tools call through the binding as a user would; "raw" variants keep the array's
address as an integer (docs/design.md §8: the cheapest way to cross ctypes). The floor is one
ctypes call of libc's labs(): no ranking tool from Python can be faster; it is shown for
scale and is not a peer. C tools run Benchmarks/c/latency.c (compiled on first use).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
from pathlib import Path

import numpy as np

from .core import Tool, Workload, has_binding, has_symbol, tool, workload

SIZE = "200"
AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP = 0, 1, 0
HERE = Path(__file__).resolve().parent


def _compare(answer, ref):
    if answer is None or ref is None:
        return None
    # Ranks are whole numbers; a PERCENTRANK is one division, which numpy and autoexports
    # may round in a different order (a few units in the last place at most).
    a, b = float(answer), float(ref)
    return None if a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b)) else f"answer {answer}, expected {ref}"


W4 = workload(
    Workload(
        id="W4",
        title="rank of one value among 200 (per call)",
        variants=["rank_eq", "percentrank_inc"],
        sizes=[SIZE],
        unit="",
        per_call=True,
        work=lambda panel, variant: 0.0,
        compare=_compare,
    )
)


def values_and_index(panel) -> tuple[np.ndarray, int]:
    """The 200 values (first period of the S panel) and the index of the ranked value."""
    period, _, value = panel.arrays()
    v = np.ascontiguousarray(value[period == 0], dtype=np.float64)
    present = np.flatnonzero(~np.isnan(v))
    index = int(present[np.argsort(v[present])[present.size // 2]])  # the median value
    return v, index


RANK_ONLY = ("rank_eq",)
PERCENTRANK = ("percentrank_inc",)


class _Py(Tool):
    side = "from Python"
    variants = RANK_ONLY

    def setup(self, panel, variant):
        self.values, self.index = values_and_index(panel)
        self.x = float(self.values[self.index])
        self.variant = variant


@tool("W4", "ctypes floor (labs)")
class CtypesFloor(_Py):
    calls = 200_000
    peer = False

    def setup(self, panel, variant):
        super().setup(panel, variant)
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        self.fn = libc.labs
        self.fn.argtypes, self.fn.restype = [ctypes.c_long], ctypes.c_long

    def run(self):
        fn = self.fn
        for _ in range(self.calls):
            fn(-3)

    def answer(self, result):
        return None


@tool("W4", "numpy", needs=("numpy",))
class NumpyRankEq(_Py):
    """One numpy expression per call. RANK.EQ: 1 + count of values above x (NaN compares
    False). PERCENTRANK.INC of a value in the range: count below / (count present - 1)."""

    calls = 50_000
    variants = None

    def run(self):
        v, x, cnz = self.values, self.x, np.count_nonzero
        if self.variant == "percentrank_inc":
            for _ in range(self.calls):
                r = cnz(v < x) / (cnz(v == v) - 1)
            return r
        for _ in range(self.calls):
            r = cnz(v > x) + 1
        return r


@tool("W4", "pandas", needs=("pandas",))
class PandasRankEq(_Py):
    """pandas ranks the whole Series; the value's rank is read off."""

    calls = 2_000

    def setup(self, panel, variant):
        import pandas as pd

        super().setup(panel, variant)
        self.s = pd.Series(self.values)

    def run(self):
        s, i = self.s, self.index
        for _ in range(self.calls):
            r = s.rank(method="min", ascending=False).iat[i]
        return r


@tool("W4", "autoexports-py rank")
class AutoexportsPyRank(_Py):
    """`autoexports.rank` (aex_rank_values) over the 200 values, as a user writes it."""

    calls = 50_000

    @classmethod
    def pending(cls):
        return has_binding("rank")

    def run(self):
        import autoexports

        rank, v, i = autoexports.rank, self.values, self.index
        for _ in range(self.calls):
            r = rank(v, method="min", ascending=False)[i]
        return r


@tool("W4", "autoexports-py rank_values raw")
class AutoexportsPyRankRaw(_Py):
    """aex_rank_values through the binding's prototype, addresses kept as integers."""

    calls = 50_000

    @classmethod
    def pending(cls):
        return has_symbol("aex_rank_values")

    def run(self):
        import autoexports

        fn = autoexports.lib().aex_rank_values
        out = np.empty_like(self.values)
        oa, va, n = out.ctypes.data, self.values.ctypes.data, self.values.size
        for _ in range(self.calls):
            fn(oa, va, n, AEX_RANK_COMPETITION, AEX_ORDER_DESCENDING, AEX_MISSING_KEEP)
        return out[self.index]


@tool("W4", "autoexports-py rank_eq")
class AutoexportsPyRankEq(_Py):
    """`autoexports.rank_eq(number, ref)` (Excel's RANK.EQ, order 0 = descending), as a
    user writes it: the range is converted on every call."""

    calls = 50_000

    @classmethod
    def pending(cls):
        return has_binding("rank_eq")

    def run(self):
        import autoexports

        fn, v, x = autoexports.rank_eq, self.values, self.x
        for _ in range(self.calls):
            r = fn(x, v)
        return r


@tool("W4", "autoexports-py Range.rank_eq")
class AutoexportsPyRangeRankEq(_Py):
    """`autoexports.Range(ref).rank_eq(number)`: the range's address is kept, so each call
    passes plain integers (the binding's fast path for repeated calls)."""

    calls = 50_000

    @classmethod
    def pending(cls):
        return has_binding("Range.rank_eq")

    def run(self):
        import autoexports

        fn, x = autoexports.Range(self.values).rank_eq, self.x
        for _ in range(self.calls):
            r = fn(x)
        return r


@tool("W4", "autoexports-py percentrank_inc")
class AutoexportsPyPercentrankInc(_Py):
    """`autoexports.percentrank_inc(ref, number)` (Excel's PERCENTRANK.INC, unrounded), as
    a user writes it: the range is passed on every call."""

    calls = 50_000
    variants = PERCENTRANK

    @classmethod
    def pending(cls):
        return has_binding("percentrank_inc")

    def run(self):
        import autoexports

        fn, v, x = autoexports.percentrank_inc, self.values, self.x
        for _ in range(self.calls):
            r = fn(v, x)
        return r


@tool("W4", "autoexports-py Range.percentrank_inc")
class AutoexportsPyRangePercentrankInc(_Py):
    """`autoexports.Range(ref).percentrank_inc(number)`: the range's address is kept."""

    calls = 50_000
    variants = PERCENTRANK

    @classmethod
    def pending(cls):
        return has_binding("Range.percentrank_inc")

    def run(self):
        import autoexports

        fn, x = autoexports.Range(self.values).percentrank_inc, self.x
        for _ in range(self.calls):
            r = fn(x)
        return r


class _C(Tool):
    """Runs Benchmarks/c/latency.c, which times itself; `measure` returns its numbers."""

    calls = 1_000_000
    function = ""
    self_timed = True
    side = "from C"
    variants = RANK_ONLY

    @classmethod
    def pending(cls):
        return has_symbol(cls.function)

    def setup(self, panel, variant):
        values, index = values_and_index(panel)
        work = Path(os.environ.get("AEXBENCH_WORK", "."))
        self.exe = work / "latency"
        src = HERE.parent / "c" / "latency.c"
        if not self.exe.is_file() or self.exe.stat().st_mtime < src.stat().st_mtime:
            cc = os.environ.get("CC", "cc")
            subprocess.run([cc, "-O2", "-std=c99", "-Wall", "-o", str(self.exe), str(src), "-ldl"], check=True)
        self.values_file = work / "w4-values.txt"
        self.values_file.write_text(f"{index}\n" + "".join(f"{v!r}\n" for v in values.tolist()))
        import autoexports

        self.library = autoexports.library_path()

    def measure(self, runs: int):
        out = subprocess.run(
            [str(self.exe), self.library, self.function, str(runs), str(self.calls), str(self.values_file)],
            capture_output=True,
            text=True,
            check=True,
        )
        answer, times = None, []
        for line in out.stdout.splitlines():
            key, val = line.split()
            if key == "answer":
                answer = float(val)
            else:
                times.append(float(val) * 1e-9)
        return times, answer


@tool("W4", "autoexports-C rank_values")
class AutoexportsCRankValues(_C):
    function = "aex_rank_values"


@tool("W4", "autoexports-C rank_eq")
class AutoexportsCRankEq(_C):
    function = "aex_rank_eq"


@tool("W4", "autoexports-C percentrank_inc")
class AutoexportsCPercentrankInc(_C):
    function = "aex_percentrank_inc"
    variants = PERCENTRANK
