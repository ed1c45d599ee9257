"""Load readings around each measurement, and the gate that keeps loaded runs out of RESULTS.md.

What is recorded (per measurement, in the record's "load"):
    before   read after a settle (`--settle`, default 1 s) in which the harness runs nothing:
             the previous measurement's process has exited and been reaped
    after    read as soon as the measurement's process has exited
Each reading holds
    load1    the 1-minute load average of the whole machine (first field of /proc/loadavg)
    cores    the number of cores of the machine (os.cpu_count()) at that moment
    own      an estimate of how much of load1 is the benchmark's own doing (below)
    others   load1 - own: the load of everything that is not this benchmark
    at       when (UTC)

Why `own`: the load average counts every runnable thread, the benchmark's own too. A tool
that keeps both cores busy for a minute lifts the 1-minute average to about 1.3 by
itself, and that decays with a time constant of one minute, so it is still in the
"before" reading of the next measurement. Judged on raw load1, a quiet machine would look
loaded. So the harness models its own share the way the kernel computes the average:
an exponential moving average (time constant 60 s) of the number of its own running
threads, taken as the CPU seconds that the harness and its waited-for children used
(getrusage SELF + CHILDREN) per wall second, plus the CPU time of processes of the
measurement's session that nobody waited for (Spark's JVM, Dask's workers; runner.py
scans them every 0.5 s and credits what getrusage missed). This can only under-count the
benchmark's own share (threads waiting for a core count in the load average but use no
CPU time; a process's last half second before it exits is not seen), so `others` errs
towards "loaded", never towards "quiet". The kernel updates the average every 5 s, so
`others` can keep up to about 0.08 of the benchmark's own share; a measurement's CPU time
is spread evenly over it, which also errs towards "loaded".

A measurement was made *under load* when `others` exceeded the threshold (`--max-load`,
default 1.0) before or after it, or when a reading is missing (no /proc/loadavg: a quiet
machine cannot be shown). RESULTS.md is refused from a run with any measurement under load
unless `--allow-load` is given; then every affected row is marked.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import resource
import time
from typing import Callable, Iterable, Optional

TAU_S = 60.0  # the 1-minute load average's time constant
DEFAULT_THRESHOLD = 1.0
DEFAULT_SETTLE_S = 1.0


def read_loadavg(path: Optional[str] = None) -> Optional[float]:
    """The 1-minute load average, or None when it cannot be read.

    AEXBENCH_LOADAVG names another file in /proc/loadavg's format (the tests fake load)."""
    path = path or os.environ.get("AEXBENCH_LOADAVG") or "/proc/loadavg"
    try:
        with open(path) as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def machine_cores() -> int:
    return os.cpu_count() or 1


def own_cpu_s() -> float:
    """CPU seconds used by this process and by its children that have been waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        ru = resource.getrusage(who)
        total += ru.ru_utime + ru.ru_stime
    return total


def _utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class LoadMonitor:
    """Takes the readings; every source is injectable so tests can fake them."""

    def __init__(
        self,
        threshold: float = DEFAULT_THRESHOLD,
        settle_s: float = DEFAULT_SETTLE_S,
        *,
        reader: Callable[[], Optional[float]] = read_loadavg,
        cores: Callable[[], int] = machine_cores,
        cpu: Callable[[], float] = own_cpu_s,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        wall: Callable[[], str] = _utc_now,
    ):
        self.threshold = threshold
        self.settle_s = settle_s
        self._reader, self._cores, self._cpu = reader, cores, cpu
        self._clock, self._sleep, self._wall = clock, sleep, wall
        self.own = 0.0  # modelled share of the load average that is ours
        self._credit = 0.0  # CPU seconds of our processes that getrusage misses
        self._t = clock()
        self._c = cpu()

    def credit(self, cpu_s: float) -> None:
        """Adds CPU seconds our processes used that getrusage does not count (descendants
        nobody waited for); they are spread over the time since the last reading."""
        self._credit += max(0.0, cpu_s)

    def _advance(self) -> None:
        t, c = self._clock(), self._cpu() + self._credit
        dt_s = t - self._t
        if dt_s > 0:
            threads = max(0.0, (c - self._c) / dt_s)
            decay = math.exp(-dt_s / TAU_S)
            self.own = self.own * decay + threads * (1.0 - decay)
        self._t, self._c = t, c

    def reading(self) -> dict:
        self._advance()
        load1 = self._reader()
        own = round(self.own, 2)
        return {
            "load1": load1,
            "cores": self._cores(),
            "own": own,
            "others": None if load1 is None else round(max(0.0, load1 - own), 2),
            "at": self._wall(),
        }

    def before(self) -> dict:
        """A reading after the settle, just before a measurement starts."""
        if self.settle_s > 0:
            self._sleep(self.settle_s)
        return self.reading()

    def after(self) -> dict:
        return self.reading()

    def judge(self, before: dict, after: dict) -> dict:
        return judge(before, after, self.threshold, self.settle_s)


def judge(before: Optional[dict], after: Optional[dict], threshold: float, settle_s: float) -> dict:
    """The record's "load": both readings and whether the measurement was under load."""
    others = [r.get("others") if r else None for r in (before, after)]
    known = [o for o in others if o is not None]
    worst = max(known) if known else None
    under = len(known) < 2 or worst > threshold
    return {
        "before": before,
        "after": after,
        "threshold": threshold,
        "settle_s": settle_s,
        "others_max": worst,
        "under_load": under,
    }


# ---- which records count, and what RESULTS.md says about them ----

MEASURED = ("pending", "not installed", "not run")  # statuses of records that ran nothing


def was_measured(rec: dict) -> bool:
    return rec.get("status") not in MEASURED


def under_load(rec: dict) -> bool:
    """True when a measured record was under load or carries no load readings."""
    if not was_measured(rec):
        return False
    info = rec.get("load")
    return not info or bool(info.get("under_load"))


def loaded_records(records: Iterable[dict]) -> list[dict]:
    return [r for r in records if under_load(r)]


def gate(records: list[dict], allow_load: bool) -> tuple[bool, str]:
    """(write RESULTS.md?, why). Refused when a measured row was under load, unless allowed."""
    bad = loaded_records(records)
    if not bad:
        return True, "every measurement was made on a quiet machine"
    lines = [f"  {r['workload']} {r['variant']} {r['size']} {r['tool']}: {describe(r.get('load'))}" for r in bad]
    if allow_load:
        return True, (f"--allow-load: {len(bad)} measurement(s) under load, marked in the tables:\n" + "\n".join(lines))
    threshold = next((r["load"]["threshold"] for r in bad if r.get("load")), DEFAULT_THRESHOLD)
    return False, (
        f"refusing to write the results: {len(bad)} measurement(s) ran while the load of "
        f"other work exceeded {threshold:g} (or was not recorded); rerun on a quiet machine, "
        'or pass --allow-load to write them marked "under load":\n' + "\n".join(lines)
    )


def _num(x: Optional[float]) -> str:
    return "?" if x is None else f"{x:.2f}"


def describe(info: Optional[dict]) -> str:
    """Plain text: 'load 5.20 → 5.61 of others (1-min avg 5.30 → 6.10, 2 cores)'."""
    if not info:
        return "load not recorded"
    b, a = info.get("before") or {}, info.get("after") or {}
    return (
        f"others' load {_num(b.get('others'))} → {_num(a.get('others'))} "
        f"(1-min load average {_num(b.get('load1'))} → {_num(a.get('load1'))}, "
        f"{b.get('cores') or a.get('cores') or '?'} cores)"
    )


def cell(recs: Iterable[dict], markdown: bool) -> str:
    """The load column of a table row made from these records (both sides of a ratio)."""
    recs = [r for r in recs if r and was_measured(r)]
    if not recs:
        return "—"
    infos = [r.get("load") for r in recs]
    if any(not i for i in infos):
        text = "load not recorded"
        return f"**{text}**" if markdown else text.upper()
    worst_b = max((i["before"] or {}).get("others") or 0.0 for i in infos)
    worst_a = max((i["after"] or {}).get("others") or 0.0 for i in infos)
    span = f"{worst_b:.2f} → {worst_a:.2f}"
    if any(i.get("under_load") for i in infos):
        return f"**under load** {span}" if markdown else f"UNDER LOAD {span}"
    return span


def summary(records: list[dict]) -> dict:
    """Counts and extremes of the measured records' load, for the RESULTS.md header."""
    measured = [r for r in records if was_measured(r)]
    infos = [r["load"] for r in measured if r.get("load")]
    others = [i["others_max"] for i in infos if i.get("others_max") is not None]
    load1 = [
        x
        for i in infos
        for x in ((i.get("before") or {}).get("load1"), (i.get("after") or {}).get("load1"))
        if x is not None
    ]
    cores = sorted(
        {x for i in infos for x in ((i.get("before") or {}).get("cores"), (i.get("after") or {}).get("cores")) if x}
    )
    return {
        "measured": len(measured),
        "under_load": len(loaded_records(measured)),
        "not_recorded": sum(1 for r in measured if not r.get("load")),
        "others_max": max(others) if others else None,
        "load1_min": min(load1) if load1 else None,
        "load1_max": max(load1) if load1 else None,
        "cores": cores,
        "threshold": next((i["threshold"] for i in infos), None),
    }
