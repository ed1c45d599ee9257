"""The vocabulary of the harness: workloads, tools, and the registry that holds them.

A *workload* (W1 …) has variants (e.g. competition / fractional), the sizes it runs on,
a unit of work for throughput, and an answer comparison. A *tool* implements one
workload for one library:

    @tool("W1", "polars", needs=("polars",))
    class PolarsRank(Tool):
        def setup(self, panel, variant): ...   # untimed: load data into the tool's format
        def run(self): ...                      # timed
        def answer(self, result): ...           # untimed: the result in a comparable form

Tools whose name starts with "autoexports" are ours; every other tool is a peer. An
autoexports tool whose capability is not on main returns a reason from `pending()`
(e.g. "autoexports.rank_groups not in the binding yet"): it is listed as pending in
the results, never skipped silently. Adding it later means filling in `run`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Optional


@dataclass
class Workload:
    id: str
    title: str
    variants: list[str]
    sizes: list[str]  # sizes it runs on ('S', 'M', 'L' or a label)
    unit: str  # throughput unit: 'Mrows/s', 'MB/s', '' (latency)
    work: Callable[[Any, str], float]  # (panel, variant) -> amount of work (rows, MB)
    compare: Callable[[Any, Any], Optional[str]]  # (answer, reference) -> None or why different
    per_call: bool = False  # times are per call (W4): report ns/µs
    tools: dict[str, type] = field(default_factory=dict)


class Tool:
    """Base class: one library's implementation of one workload."""

    name = ""
    needs: tuple[str, ...] = ()  # importable modules the tool needs (peers' packages)
    calls = 1  # calls per timed run (per-call workloads)
    peer = True  # False for scale markers (the ctypes floor) that rank nothing
    self_timed = False  # True: `measure(runs)` times itself (a C program)
    side = ""  # ours only: a label when ours are compared in groups ("C")
    # The workload variants this tool implements (None: every one). A tool is not listed
    # for a variant it does not implement (W4's rank of all values has no PERCENTRANK).
    variants: Optional[tuple[str, ...]] = None

    @classmethod
    def is_ours(cls) -> bool:
        return cls.name.startswith("autoexports")

    @classmethod
    def implements(cls, variant: str) -> bool:
        return cls.variants is None or variant in cls.variants

    @classmethod
    def pending(cls) -> Optional[str]:
        """A reason when our capability has not landed yet; None when it can run."""
        return None

    @classmethod
    def missing(cls) -> Optional[str]:
        """The first needed module that is not installed, or None."""
        for mod in cls.needs:
            try:
                importlib.import_module(mod)
            except ImportError:
                return mod
        return None

    def setup(self, panel, variant: str) -> None:  # untimed
        raise NotImplementedError

    def run(self) -> Any:  # timed
        raise NotImplementedError

    def answer(self, result: Any) -> Any:  # untimed
        return result

    def reset(self) -> None:  # untimed, before every run
        pass


WORKLOADS: dict[str, Workload] = {}


def workload(w: Workload) -> Workload:
    WORKLOADS[w.id] = w
    return w


def tool(workload_id: str, name: str, needs: tuple[str, ...] = ()):
    """Class decorator registering a Tool under a workload."""

    def deco(cls):
        cls.name = name
        cls.needs = needs
        WORKLOADS[workload_id].tools[name] = cls
        return cls

    return deco


def load_all() -> dict[str, Workload]:
    """Imports every workload module (they register themselves)."""
    from . import (  # noqa: F401
        w1_rank,
        w2_overtakes,
        w3_ingest,
        w4_latency,
        w_scale,  # noqa: F401  (W1/W2 through Dask and Spark)
    )

    return WORKLOADS


def autoexports_module():
    """The autoexports binding, or None when it cannot be imported or loaded."""
    try:
        import autoexports

        autoexports.lib()
        return autoexports
    except Exception:  # noqa: BLE001 - any failure means "not available"
        return None


def has_binding(attr: str) -> Optional[str]:
    """None when autoexports has `attr` (dotted), else the pending reason."""
    ae = autoexports_module()
    if ae is None:
        return "the autoexports binding does not load (run `make`)"
    obj = ae
    for part in attr.split("."):
        if not hasattr(obj, part):
            return f"autoexports.{attr} is not on main yet"
        obj = getattr(obj, part)
    return None


def has_symbol(symbol: str) -> Optional[str]:
    """None when libautoexports exports `symbol`, else the pending reason."""
    ae = autoexports_module()
    if ae is None:
        return "the autoexports binding does not load (run `make`)"
    if not hasattr(ae.lib(), symbol):
        return f"{symbol} is not in libautoexports yet"
    return None
