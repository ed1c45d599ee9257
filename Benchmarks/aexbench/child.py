"""One measurement in its own process: python -m aexbench.child '<json spec>'.

Protocol (lines on stdout, read by runner.py):
    setup                 loading data into the tool's format has begun
    run-start K           a timed section that may take up to K run time limits begins
    run-end               it ended
    result {json}         the outcome: status, per-run seconds, answer check, memory

Steps: set up (untimed), reset the peak-memory mark, one warm-up run (then more, untimed,
until MIN_WARM_S has been spent running) whose answer is
compared with the reference (or becomes it, when this tool is the first to finish),
then the timed runs. Memory (W5): `peak_mb` is the process's peak resident size
(VmHWM; `ru_maxrss_mb` is kept too, but on Linux it survives exec and can be the
parent's); `extra_mb` is the peak resident size during the timed runs (VmHWM after a
reset through /proc/self/clear_refs, made again after the warm-up's answer check)
minus the resident size after setup: what the workload itself needed.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import resource
import sys
import time
import traceback
from pathlib import Path

# Runs shorter than this warm up until this much time has been spent running them.
MIN_WARM_S = 0.5
MAX_EXTRA_WARMUPS = 1000


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _status_kb(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _is_oom(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}".lower()
    return (
        isinstance(exc, MemoryError)
        or "out of memory" in text
        or "outofmemory" in text
        or "memory allocation" in text
        or "capacity overflow" in text
    )


def measure(spec: dict) -> dict:
    from .core import load_all
    from .data import Panel

    workload = load_all()[spec["workload"]]
    cls = workload.tools[spec["tool"]]
    scale = float(spec.get("calls_scale", 1.0))
    if scale != 1.0:
        cls.calls = max(1, int(cls.calls * scale))
    folder = Path(spec["data"])
    panel = Panel(spec["size"], folder, json.loads((folder / "meta.json").read_text()))
    runs = int(spec["runs"])
    ref_path = Path(spec["ref"])

    emit("setup")
    tool = cls()
    tool.setup(panel, spec["variant"])
    gc.collect()
    setup_peak_kb = _status_kb("VmHWM")
    can_reset = _reset_peak()
    baseline_kb = _status_kb("VmRSS")

    times: list[float] = []
    if cls.self_timed:
        emit(f"run-start {runs + 1}")
        times, answer = tool.measure(runs)
        emit("run-end")
        warm = None
    else:
        tool.reset()
        emit("run-start 1")
        t0 = time.perf_counter()
        result = tool.run()
        warm = time.perf_counter() - t0
        emit("run-end")
        answer = tool.answer(result)
        del result

    out = {"status": "ok", "warmup_s": warm, "calls": cls.calls}
    if answer is not None:
        if ref_path.is_file():
            ref = pickle.loads(ref_path.read_bytes())
            why = workload.compare(answer, ref["answer"])
            out["reference"] = ref["tool"]
            if why is not None:
                out.update(status="wrong", note=f"differs from {ref['tool']}: {why}")
                return out
        else:
            tmp = ref_path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps({"tool": spec["tool"], "answer": answer}, protocol=5))
            tmp.rename(ref_path)
            out["reference"] = spec["tool"]
    del answer
    min_warm = float(spec.get("min_warm_s", MIN_WARM_S))  # 0 in smoke runs
    if warm is not None and warm < min_warm:
        # A short run warms up for MIN_WARM_S in all (untimed, not reported): on this kind of
        # virtual machine a sub-millisecond call's first few hundred milliseconds can run at
        # half speed (measured: 1.4 us, then 0.74 us from about 0.2 s on, for the same call
        # in one process), which one warm-up run of 50,000 calls does not cover.
        spent, extra = warm, 0
        emit("run-start 2")  # at most min_warm plus one run
        while spent < min_warm and extra < MAX_EXTRA_WARMUPS:
            tool.reset()
            t0 = time.perf_counter()
            result = tool.run()
            spent += time.perf_counter() - t0
            del result
            extra += 1
        emit("run-end")
        out["extra_warmups"] = extra
    gc.collect()
    if not cls.self_timed and can_reset:
        # The warm-up's answer check (e.g. a result's columns copied out to compare them)
        # is not the workload's memory: the peak mark restarts before the timed runs.
        can_reset = _reset_peak()

    if not cls.self_timed:
        slow = float(spec.get("slow_s", 20.0))
        n = runs if warm is None or warm < slow else min(runs, 3)
        for _ in range(n):
            tool.reset()
            emit("run-start 1")
            t0 = time.perf_counter()
            result = tool.run()
            times.append(time.perf_counter() - t0)
            emit("run-end")
            del result
        times = [t / cls.calls for t in times]
    out["times"] = times
    # ru_maxrss survives exec on Linux (it can be the parent's peak), so the process's own
    # peak is read from VmHWM, before and after the reset.
    peak_kb = max(setup_peak_kb, _status_kb("VmHWM"))
    out["peak_mb"] = peak_kb / 1024
    out["ru_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["extra_mb"] = (max(_status_kb("VmHWM") - baseline_kb, 0) / 1024) if can_reset else None
    out["baseline_mb"] = baseline_kb / 1024
    return out


def main() -> int:
    spec = json.loads(sys.argv[1])
    try:
        out = measure(spec)
    except BaseException as e:  # noqa: BLE001 - every failure is reported, none is silent
        if _is_oom(e):
            out = {"status": "oom", "note": f"{type(e).__name__}: {str(e)[:200]}"}
        else:
            tb = traceback.format_exc().strip().splitlines()
            out = {"status": "error", "note": f"{type(e).__name__}: {str(e)[:300]}", "traceback": tb[-12:]}
    emit("result " + json.dumps(out))
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of large objects


if __name__ == "__main__":
    sys.exit(main())
