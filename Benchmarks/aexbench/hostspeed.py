"""A host-speed probe around each measurement: the slow phases the load average cannot see.

On a virtual machine the host's other tenants change how fast this machine's memory is,
and above all how fast the kernel can hand out fresh pages, in phases of minutes; the
load average inside the machine sees none of it. In one hour two quiet runs of the same
code gave W3 L at 0.76 and 1.07 of pyarrow's time, and a 10M-row import took 265 ms in one
phase and 440 ms a few minutes later, while a C loop's first touch of 200 MB went from
88-98 ms to 119-134 ms and a second pass over it from 9.3 to 13.9 ms
(docs/ingest-profile.md, fifth round).

So before and after each measurement the harness times a fixed probe (`probe`, about
0.2 s): the first touch of 64 MiB of fresh memory (page faults, zeroing) and a pass over
it once it is in (bandwidth), the fastest of a few tries of each. `flag` compares each measurement's slower
reading with the fastest of its run: a measurement whose probe took more than FACTOR times
that was made in a *slow phase of the host*; its row is marked with the factor, so a ratio
from such a row is read for what it is. (The gate of RESULTS.md stays the load's: a slow
phase is a property of the host, not of a run that could be made quiet by waiting.)

AEXBENCH_PROBE fakes the readings for tests: "first_touch_ms,pass_ms" (one pair for every
probe) or several pairs separated by ";" (used in turn).
"""

from __future__ import annotations

import mmap
import os
import time
from typing import Iterable, Optional

FACTOR = 1.3
PROBE_BYTES = 64 << 20

_fake_turn = 0


def _fake() -> Optional[dict]:
    global _fake_turn
    spec = os.environ.get("AEXBENCH_PROBE")
    if not spec:
        return None
    pairs = [p for p in spec.split(";") if p.strip()]
    first, second = (float(x) for x in pairs[_fake_turn % len(pairs)].split(","))
    _fake_turn += 1
    return {"first_touch_ms": first, "pass_ms": second}


def probe() -> Optional[dict]:
    """Times the first touch of 64 MiB of fresh memory and a second pass over it (ms);
    None when numpy is missing."""
    fake = _fake()
    if fake is not None:
        return fake
    try:
        import numpy as np
    except ImportError:
        return None
    # Fresh anonymous mappings of 4 KiB pages, as glibc gives the importers' columns (not
    # numpy.empty: numpy asks for transparent huge pages on large arrays, whose first touch
    # on this kind of host varies tenfold by itself). The fastest of three first touches
    # and of five passes: a single reading spreads by a third on a steady host.
    first = passes = float("inf")
    for _ in range(3):
        m = mmap.mmap(-1, PROBE_BYTES)
        a = np.frombuffer(m, dtype=np.float64)
        t0 = time.perf_counter()
        a.fill(1.0)
        first = min(first, time.perf_counter() - t0)
        for _ in range(5):
            t0 = time.perf_counter()
            a += 1.0
            passes = min(passes, time.perf_counter() - t0)
        del a
        m.close()
    return {"first_touch_ms": first * 1e3, "pass_ms": passes * 1e3}


def _readings(host: Optional[dict], key: str) -> list[float]:
    """The before and after readings of one probe part that were taken."""
    if not host:
        return []
    return [r[key] for r in (host.get("before"), host.get("after")) if r and r.get(key) is not None]


def _worst(host: Optional[dict], key: str) -> Optional[float]:
    return max(_readings(host, key), default=None)


def _best(host: Optional[dict], key: str) -> Optional[float]:
    return min(_readings(host, key), default=None)


def flag(records: Iterable[dict], factor: float = FACTOR) -> None:
    """Sets each probed record's host["slow"] and host["factor"] (its slower reading over the
    fastest reading of its own run, the larger of the two probe parts)."""
    records = [r for r in records if r.get("host")]
    runs: dict = {}
    for r in records:
        for key in ("first_touch_ms", "pass_ms"):
            b = _best(r["host"], key)
            if b is not None and b > 0:
                cur = runs.setdefault(r.get("run"), {}).get(key)
                runs[r.get("run")][key] = b if cur is None else min(cur, b)
    for r in records:
        base = runs.get(r.get("run"), {})
        worst = 0.0
        for key, b in base.items():
            w = _worst(r["host"], key)
            if w is not None and b > 0:
                worst = max(worst, w / b)
        r["host"]["factor"] = round(worst, 2) if worst else None
        r["host"]["slow"] = bool(worst and worst > factor)


def slow(rec: dict) -> bool:
    return bool((rec.get("host") or {}).get("slow"))


def describe(rec: dict) -> str:
    """'host slow ×1.45 (probe 58.2 / 12.1 ms)' or 'host ×1.02', '' when not probed."""
    host = rec.get("host")
    if not host or host.get("factor") is None:
        return ""
    f = host["factor"]
    head = f"host slow ×{f:.2f}" if host.get("slow") else f"host ×{f:.2f}"
    first, second = _worst(host, "first_touch_ms"), _worst(host, "pass_ms")
    return f"{head} (probe {first:.1f} / {second:.1f} ms)"


def cell_suffix(recs: Iterable[dict], markdown: bool) -> str:
    """What a table row's load cell gets appended: the slowest factor of a slow phase."""
    slow_recs = [r for r in recs if r and slow(r)]
    if not slow_recs:
        return ""
    f = max(r["host"]["factor"] for r in slow_recs)
    return f"; **host slow ×{f:.2f}**" if markdown else f"; HOST SLOW ×{f:.2f}"


def summary(records: list[dict]) -> dict:
    """The probe's range over the probed records, and how many were in a slow phase."""
    probed = [r for r in records if r.get("host")]
    firsts = [x for r in probed for x in (_best(r["host"], "first_touch_ms"), _worst(r["host"], "first_touch_ms")) if x]
    passes = [x for r in probed for x in (_best(r["host"], "pass_ms"), _worst(r["host"], "pass_ms")) if x]
    return {
        "probed": len(probed),
        "slow": sum(1 for r in probed if slow(r)),
        "first_touch_ms": (min(firsts), max(firsts)) if firsts else None,
        "pass_ms": (min(passes), max(passes)) if passes else None,
    }
