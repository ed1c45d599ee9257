"""Runs one measurement in a child process and watches it: time limits and memory.

The child (child.py) announces its phases on stdout. The runner kills it when one timed
run exceeds `run_timeout` seconds ("did not finish in 2 min"), when setup exceeds
`setup_timeout`, or when its resident memory exceeds `mem_limit_mb` (polled every 20 ms
from /proc; "out of memory"). Whatever happens, a record comes back; nothing is dropped.

CPU time (for the load model of load.py): `cpu_s.waited` is what getrusage counts for the
child and the descendants it waited for; `cpu_s.session_seen` is the CPU time of every
process of the child's session (it is started in its own), summed from /proc/<pid>/stat
as last seen by a scan every 0.5 s — it includes processes nobody waits for (Spark's JVM,
Dask's workers) but misses each one's last half second, so it never over-counts.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _session_cpu(sid: int, seen: dict) -> None:
    """Updates seen[pid] = CPU seconds of every process whose session is `sid`."""
    try:
        pids = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # after the command: state ppid pgrp session ... utime(14th field) stime(15th)
        if len(fields) > 12 and fields[3] == str(sid):
            seen[int(pid)] = (int(fields[11]) + int(fields[12])) / _TICK


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_child(
    spec: dict,
    *,
    env: dict,
    cwd: Path,
    run_timeout: float,
    setup_timeout: float,
    mem_limit_mb: float,
    python: str = sys.executable,
) -> dict:
    stderr_path = Path(cwd) / "child-stderr.txt"
    cpu_before = _children_cpu()
    with open(stderr_path, "w") as err:
        proc = subprocess.Popen(
            [python, "-m", "aexbench.child", json.dumps(spec)],
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    buf = b""
    deadline = time.monotonic() + setup_timeout
    phase = "starting"
    result = None
    killed = None
    polled_peak = 0.0
    seen_cpu: dict[int, float] = {}
    next_scan = 0.0
    while True:
        for _key, _ in sel.select(timeout=0.02):
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                sel.unregister(proc.stdout)
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                text = line.decode("utf-8", "replace")
                if text == "setup":
                    phase, deadline = "setup", time.monotonic() + setup_timeout
                elif text.startswith("run-start"):
                    k = float(text.split()[1]) if len(text.split()) > 1 else 1.0
                    phase, deadline = "run", time.monotonic() + run_timeout * k
                elif text == "run-end":
                    phase, deadline = "between", time.monotonic() + setup_timeout
                elif text.startswith("result "):
                    result = json.loads(text[len("result ") :])
        if proc.poll() is not None:
            break
        rss = _rss_mb(proc.pid)
        polled_peak = max(polled_peak, rss)
        if time.monotonic() >= next_scan:
            _session_cpu(proc.pid, seen_cpu)
            next_scan = time.monotonic() + 0.5
        if rss > mem_limit_mb:
            killed = ("oom", f"resident memory passed {mem_limit_mb / 1024:.0f} GiB during {phase}")
        elif time.monotonic() > deadline:
            if phase == "run":
                killed = ("timeout", f"a run did not finish in {run_timeout:.0f} s")
            else:
                killed = ("timeout", f"{phase} did not finish in {setup_timeout:.0f} s")
        if killed:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
            break
    proc.stdout.close()
    cpu = {"waited": round(_children_cpu() - cpu_before, 3), "session_seen": round(sum(seen_cpu.values()), 3)}
    if killed:
        return {"status": killed[0], "note": killed[1], "peak_mb": polled_peak, "cpu_s": cpu}
    if result is None:
        tail = stderr_path.read_text(errors="replace").strip().splitlines()[-5:]
        code = proc.returncode
        status = "oom" if code == -signal.SIGKILL else "error"
        return {
            "status": status,
            "note": f"child exited with {code}: " + " | ".join(tail),
            "peak_mb": polled_peak,
            "cpu_s": cpu,
        }
    result.setdefault("peak_mb", polled_peak)
    result["cpu_s"] = cpu
    return result
