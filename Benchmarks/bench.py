"""autoexports benchmarks: the same workloads on pandas, polars, DuckDB, SQLite, numpy
and autoexports, one run, one table of ratios.

    make bench                               everything (writes Benchmarks/RESULTS.md)
    bash Benchmarks/run.sh --sizes S,M --workloads W1
    bash Benchmarks/run.sh --smoke           S only, 2 runs, fewer calls (what the tests run)

Every measurement runs in its own process (W5: its memory is its own), is checked for
the same answer as the first tool that finished before it is timed, and reports median
and min of the timed runs after a warm-up. Ratios compare times from this one run;
never compare absolute times across runs on a shared machine.

Load (aexbench/load.py): before each measurement (after a settle in which the harness runs
nothing) and after it, the 1-minute load average, the number of cores and the share of
the load that is the benchmark's own are recorded in the record's "load". RESULTS.md is
not written from a run in which any measurement ran while other work's load exceeded
--max-load (default 1.0), unless --allow-load, which marks every such row "under load".
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# The binding and library under test: this checkout's, unless AEXBENCH_BINDING (a binding's
# src folder) and AUTOEXPORTS_LIBRARY say otherwise (to measure another build).
BINDING = Path(os.environ.get("AEXBENCH_BINDING", REPO / "bindings" / "python" / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(BINDING))

from aexbench import data, hostspeed, load, report  # noqa: E402
from aexbench.core import autoexports_module, load_all  # noqa: E402

SIZE_ORDER = ["S", "M", "L"]


def machine() -> dict:
    model = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gb": mem_gb,
        "system": f"{platform.system()} {platform.machine()}",
    }


def versions() -> dict:
    out = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    for mod in ("numpy", "pandas", "polars", "duckdb", "pyarrow"):
        try:
            out[mod] = importlib.import_module(mod).__version__
        except ImportError:
            out[mod] = "not installed"
    ae = autoexports_module()
    out["autoexports"] = ae.version() if ae else "not loadable"
    try:
        out["autoexports_commit"] = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        out["autoexports_commit"] = "unknown"
    try:
        cc = os.environ.get("CC", "cc")
        out["cc"] = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        out["cc"] = "not found"
    return out


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true", help="S size, 2 runs, 1%% of the calls (the test mode)")
    p.add_argument("--sizes", help="comma-separated sizes among S,M,L (default all)")
    p.add_argument("--workloads", help="comma-separated workloads among W1,W2,W3,W4 (default all)")
    p.add_argument("--tools", help="comma-separated tool names (default all)")
    p.add_argument("--runs", type=int, help="timed runs after the warm-up (default 5; smoke 2)")
    p.add_argument("--run-timeout", type=float, default=120.0, help="seconds one run may take (default 120)")
    p.add_argument("--setup-timeout", type=float, default=900.0, help="seconds setup may take (default 900)")
    p.add_argument("--mem-limit-gb", type=float, default=8.0, help="resident memory limit of one measurement")
    p.add_argument(
        "--slow",
        type=float,
        default=20.0,
        help="a tool whose warm-up takes longer than this many seconds gets 3 timed runs",
    )
    p.add_argument("--work", default=str(REPO / ".build" / "bench"), help="data, references and results")
    p.add_argument("--results-md", help="write the tables here (default Benchmarks/RESULTS.md on a full run)")
    p.add_argument("--json", help="also write the JSON results here")
    p.add_argument(
        "--keep-from",
        metavar="JSON",
        help="take the workloads not run now from this earlier results file (each "
        "workload's ratios still come from one run; RESULTS.md says which)",
    )
    p.add_argument(
        "--max-load",
        type=float,
        default=load.DEFAULT_THRESHOLD,
        help="a measurement is 'under load' when the 1-minute load average of other work "
        "exceeds this before or after it (default %(default)s)",
    )
    p.add_argument(
        "--allow-load",
        action="store_true",
        help="write RESULTS.md even from a run with measurements under load, marking "
        "each affected row 'under load' with its load (default: refuse)",
    )
    p.add_argument(
        "--settle",
        type=float,
        help="seconds the harness waits, running nothing, before reading the load ahead "
        f"of each measurement (default {load.DEFAULT_SETTLE_S:g}; smoke 0.2)",
    )
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    workloads = load_all()
    sel_w = args.workloads.split(",") if args.workloads else list(workloads)
    for w in sel_w:
        if w not in workloads:
            sys.exit(f"unknown workload {w}; known: {', '.join(workloads)}")
    sizes = args.sizes.split(",") if args.sizes else (["S"] if args.smoke else SIZE_ORDER)
    sel_tools = set(args.tools.split(",")) if args.tools else None
    runs = args.runs or (2 if args.smoke else 5)
    calls_scale = 0.01 if args.smoke else 1.0
    full_run = not (args.smoke or args.sizes or args.tools or args.runs) and (
        not args.workloads or bool(args.keep_from)
    )

    if args.max_load < 0 or (args.settle is not None and args.settle < 0):
        sys.exit("--max-load and --settle must not be negative")
    settle = args.settle if args.settle is not None else (0.2 if args.smoke else load.DEFAULT_SETTLE_S)
    monitor = load.LoadMonitor(args.max_load, settle)  # from here, our own CPU use is modelled

    work = Path(args.work).resolve()
    refs = work / "refs"
    rundir = work / "run"
    shutil.rmtree(refs, ignore_errors=True)
    refs.mkdir(parents=True)
    rundir.mkdir(parents=True, exist_ok=True)

    needed = {s for s in sizes if s in SIZE_ORDER}
    if "W4" in sel_w:
        needed.add("S")
    panels = {s: data.ensure(s, work / "data") for s in SIZE_ORDER if s in needed}

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(BINDING)])
    lib = REPO / ".build" / "release" / "libautoexports.so"
    if lib.is_file() and "AUTOEXPORTS_LIBRARY" not in os.environ:
        env["AUTOEXPORTS_LIBRARY"] = str(lib)
    env["AEXBENCH_WORK"] = str(rundir)
    os.environ.update({k: env[k] for k in ("AUTOEXPORTS_LIBRARY",) if k in env})

    info = {
        "machine": machine(),
        "versions": versions(),
        "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "settings": {
            "runs": runs,
            "run_timeout_s": args.run_timeout,
            "mem_limit_gb": args.mem_limit_gb,
            "slow_s": args.slow,
            "min_warm_s": 0.0 if args.smoke else 0.5,
            "smoke": args.smoke,
            "max_load": args.max_load,
            "settle_s": settle,
            "allow_load": args.allow_load,
        },
        "data": {s: p.meta for s, p in panels.items()},
    }
    print(f"machine: {info['machine']['cores']} cores, {info['machine']['cpu']}")
    now = monitor.reading()
    print(
        f"load now: 1-min load average {now['load1']} on {now['cores']} cores, {now['others']} of it "
        f"other work (threshold {args.max_load:g})"
    )
    if (
        (now["others"] is None or now["others"] > args.max_load)
        and not args.allow_load
        and (args.results_md or full_run)
    ):
        print(
            "load: the machine is not quiet now; RESULTS.md will be refused if a measurement runs "
            "under load (--allow-load writes it marked)",
            file=sys.stderr,
            flush=True,
        )
    print("versions: " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()))

    records: list[dict] = []
    stopped: dict[tuple, str] = {}
    for wid in sel_w:
        w = workloads[wid]
        for size in w.sizes if w.per_call else [s for s in SIZE_ORDER if s in sizes and s in w.sizes]:
            panel = panels["S"] if w.per_call else panels[size]
            for variant in w.variants:
                for name, cls in w.tools.items():
                    if (sel_tools and name not in sel_tools) or not cls.implements(variant):
                        continue
                    rec = {
                        "workload": wid,
                        "variant": variant,
                        "size": size,
                        "tool": name,
                        "ours": cls.is_ours(),
                        "peer": cls.peer,
                        "side": cls.side,
                    }
                    pending = cls.pending() if cls.is_ours() else None
                    missing = cls.missing()
                    if pending:
                        rec.update(status="pending", note=pending)
                    elif missing:
                        rec.update(status="not installed", note=f"needs {missing}")
                    elif (wid, variant, name) in stopped:
                        rec.update(status="not run", note=stopped[(wid, variant, name)])
                    else:
                        spec = {
                            "workload": wid,
                            "variant": variant,
                            "size": size,
                            "tool": name,
                            "data": str(panel.folder),
                            "runs": runs,
                            "slow_s": args.slow,
                            "min_warm_s": 0.0 if args.smoke else 0.5,
                            "ref": str(refs / f"{wid}-{variant}-{size}.pkl"),
                            "calls_scale": calls_scale,
                        }
                        from aexbench.runner import run_child

                        host_before = hostspeed.probe()
                        before = monitor.before()
                        rec.update(
                            run_child(
                                spec,
                                env=env,
                                cwd=rundir,
                                run_timeout=args.run_timeout,
                                setup_timeout=args.setup_timeout,
                                mem_limit_mb=args.mem_limit_gb * 1024,
                            )
                        )
                        cpu = rec.get("cpu_s") or {}
                        monitor.credit(cpu.get("session_seen", 0.0) - cpu.get("waited", 0.0))
                        rec["load"] = monitor.judge(before, monitor.after())
                        rec["host"] = {"before": host_before, "after": hostspeed.probe()}
                        if rec["status"] in ("timeout", "oom"):
                            stopped[(wid, variant, name)] = f"stopped at {size} ({rec['status']})"
                    report.summarize(rec, w.work(panel, variant))
                    records.append(rec)
                    _progress(rec, w.unit)

    info["runs_of"] = {
        wid: {"started": info["started"], "commit": info["versions"]["autoexports_commit"]} for wid in sel_w
    }
    for r in records:
        r["run"] = info["started"]
        r["commit"] = info["versions"]["autoexports_commit"]
    if args.keep_from:
        old = json.loads(Path(args.keep_from).read_text())
        have = {(r["workload"], r["variant"], r["size"], r["tool"]) for r in records}
        kept = [r for r in old["records"] if (r["workload"], r["variant"], r["size"], r["tool"]) not in have]
        for r in kept:
            r.setdefault("run", old["started"])
            r.setdefault("commit", old.get("versions", {}).get("autoexports_commit", "unknown"))
        for wid in sorted({r["workload"] for r in kept}):
            if wid not in info["runs_of"]:
                info["runs_of"][wid] = old.get("runs_of", {}).get(wid) or {
                    "started": old["started"],
                    "commit": old["versions"].get("autoexports_commit"),
                }
            else:
                info["runs_of"][wid]["kept"] = sorted(
                    {f"{r['tool']} ({r['size']})" for r in kept if r["workload"] == wid}
                )
                info["runs_of"][wid]["kept_from"] = ", ".join(sorted({r["run"] for r in kept if r["workload"] == wid}))
        for s_, meta in old.get("data", {}).items():
            info["data"].setdefault(s_, meta)
        order = list(workloads)
        size_rank = {s_: i for i, s_ in enumerate(SIZE_ORDER)}
        records = sorted(records + kept, key=lambda r: (order.index(r["workload"]), size_rank.get(r["size"], 9)))
    hostspeed.flag(records)
    unit_of = {wid: workloads[wid].unit for wid in workloads}
    rows = report.ratios(records)
    print()
    print(report.detail_table(records, unit_of))
    print()
    print("ratio = autoexports median time / best peer median time (below 1: autoexports is faster)")
    print(report.ratio_table(rows))

    result = dict(info, records=records, ratios=rows)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out_json = work / ("smoke-latest.json" if args.smoke else "results-latest.json")
    out_json.write_text(json.dumps(result, indent=1, default=str))
    if not args.smoke:
        (work / f"results-{stamp}.json").write_text(json.dumps(result, indent=1, default=str))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))
    print(f"\nJSON: {out_json.relative_to(REPO) if out_json.is_relative_to(REPO) else out_json}")

    md = args.results_md or (str(HERE / "RESULTS.md") if full_run else None)
    refused = False
    if md:
        ok, why = load.gate(records, args.allow_load)
        if ok:
            Path(md).write_text(results_markdown(result, records, rows, unit_of))
            print(f"Markdown: {md} ({why})")
        else:
            refused = True
            print(f"\nMarkdown: {md} NOT written, {why}", file=sys.stderr)
    bad = [r for r in records if r["status"] in ("wrong", "error")]
    for r in bad:
        print(
            f"FAILED: {r['workload']} {r['variant']} {r['size']} {r['tool']}: {r['status']}: {r.get('note', '')}",
            file=sys.stderr,
        )
        for line in r.get("traceback", []):
            print("    " + line, file=sys.stderr)
    return 1 if bad else (3 if refused else 0)


def _progress(rec: dict, unit: str) -> None:
    head = f"{rec['workload']} {rec['variant']:<11} {rec['size']:<3} {rec['tool']:<32}"
    mark = ""
    if load.was_measured(rec):
        mark = f"; {'UNDER LOAD, ' if load.under_load(rec) else ''}{load.describe(rec.get('load'))}"
        probes = [p for p in ((rec.get("host") or {}).get(k) for k in ("before", "after")) if p]
        if probes:
            mark += "; host probe " + " → ".join(f"{p['first_touch_ms']:.1f}/{p['pass_ms']:.1f} ms" for p in probes)
    if rec["status"] == "ok":
        thr = f", {rec['throughput']:.1f} {unit}" if rec.get("throughput") else ""
        print(
            f"{head} {report.fmt_time(rec['median_s'])} (min {report.fmt_time(rec['min_s'])}, "
            f"{rec['runs']} runs{thr}), peak {report.fmt_mb(rec.get('peak_mb'))}, "
            f"extra {report.fmt_mb(rec.get('extra_mb'))}{mark}",
            flush=True,
        )
    else:
        print(f"{head} {rec['status']}: {rec.get('note', '')}{mark}", flush=True)


def results_markdown(info: dict, records: list[dict], rows: list[dict], unit_of: dict) -> str:
    m, v = info["machine"], info["versions"]
    data_lines = []
    for s, meta in info["data"].items():
        data_lines.append(
            f"| {s} | {meta['exporters']:,} × {meta['periods']:,} | {meta['rows']:,} | "
            f"{meta['tie_fraction']:.2%} | {meta['missing_fraction']:.2%} | "
            f"{meta['csv_bytes'] / 1e6:.1f} MB |"
        )
    pending = sorted({f"- {r['workload']} `{r['tool']}`: {r['note']}" for r in records if r["status"] == "pending"})
    return (
        f"""# Benchmark results

{load_statement(records, info)}

{host_statement(records)}

Produced by `make bench` ({info["started"]}, commit {v["autoexports_commit"]}). Each
measurement ran in its own process, was checked for the same answer as the first tool
that finished before it was timed, and reports the median and min of
{info["settings"]["runs"]} timed runs after a warm-up of at least one run and 0.5 s
(3 runs for a tool whose warm-up took over {info["settings"]["slow_s"]:.0f} s). A run longer than
{info["settings"]["run_timeout_s"]:.0f} s or a process above
{info["settings"]["mem_limit_gb"]:.0f} GiB resident is stopped and reported as such.
*Times vary on a shared machine: compare the ratios of one run, never absolute times
across runs.* Each workload's numbers come from one run:

"""
        + "\n".join(
            f"- {wid}: run of {r['started']}, commit {r['commit']}, "
            + _load_range([x for x in records if x["workload"] == wid])
            + (
                f"; kept from the run(s) of {r['kept_from']}: {', '.join(r['kept'])} (ratios compare "
                "tools of one run only)"
                if r.get("kept")
                else ""
            )
            for wid, r in sorted(info.get("runs_of", {}).items())
        )
        + f"""

## Machine

{m["cores"]} cores, {m["cpu"]}, {m["memory_gb"]} GiB, {m["system"]}.

## Versions

| tool | version |
|---|---|
"""
        + "\n".join(f"| {k} | {val} |" for k, val in v.items())
        + """

## Data

Seeded synthetic panels (Benchmarks/aexbench/data.py): lognormal whole-unit values with
per-exporter trends and a random walk, so ranks change and overtakes happen.

| size | exporters × periods | rows | rows in ties | missing | CSV |
|---|---|---|---|---|---|
"""
        + "\n".join(data_lines)
        + f"""

## Ratios

ratio = autoexports median time / best peer median time: below 1, autoexports is faster.
The last column is the 1-minute load average of other work (the benchmark's own share
taken out; Benchmarks/README.md, "Load") before → after the measurements the row comes
from, the higher of ours and the best peer's.
"extra" memory is the peak resident memory during the timed runs above what setup left
(the warm-up's answer check is not counted).

{report.ratio_table(rows, markdown=True)}

## Every measurement

"× best peer" is the tool's median over the best peer's median.

{report.detail_table(records, unit_of, markdown=True)}

## Pending

Workloads whose autoexports side has not landed on main:

"""
        + ("\n".join(pending) if pending else "- none")
        + "\n"
    )


def _load_range(recs: list[dict]) -> str:
    s = load.summary(recs)
    if not s["measured"]:
        return "nothing measured"
    if s["not_recorded"]:
        text = f"load not recorded for {s['not_recorded']} of {s['measured']} measurements"
        return f"**{text}**"
    head = f"1-min load average {s['load1_min']:.2f}–{s['load1_max']:.2f}, of other work at most {s['others_max']:.2f}"
    if s["under_load"]:
        return f"**under load** ({s['under_load']} of {s['measured']} measurements): {head}"
    return head


def host_statement(records: list[dict]) -> str:
    """The paragraph of RESULTS.md on the host's speed (aexbench/hostspeed.py)."""
    s = hostspeed.summary(records)
    if not s["probed"]:
        return "The host's speed was not probed in this run."
    ft, ps = s["first_touch_ms"], s["pass_ms"]
    head = (
        f"**Host speed**: before and after each measurement a probe timed the first touch of "
        f"64 MiB of fresh memory ({ft[0]:.1f}–{ft[1]:.1f} ms) and a second pass over it "
        f"({ps[0]:.1f}–{ps[1]:.1f} ms). "
    )
    if s["slow"]:
        return head + (
            f"{s['slow']} of {s['probed']} measurements ran in a slow phase of the host (a probe "
            f"more than {hostspeed.FACTOR:g} × the fastest of its run): their rows say "
            f"**host slow** with the factor; on this kind of virtual machine such a phase moved "
            f"a ratio by up to 40% while the load average stayed quiet."
        )
    return (
        head + f"No measurement ran in a slow phase (every probe within {hostspeed.FACTOR:g} × the fastest of its run)."
    )


def load_statement(records: list[dict], info: dict) -> str:
    """The first paragraph of RESULTS.md: at what load the numbers were measured."""
    s = load.summary(records)
    if not s["measured"]:
        return "No measurement ran in this run."
    cores = ", ".join(str(c) for c in s["cores"]) or str(info["machine"]["cores"])
    threshold = info["settings"].get("max_load", load.DEFAULT_THRESHOLD)
    settle = info["settings"].get("settle_s", load.DEFAULT_SETTLE_S)
    how = (
        f"Load is read before each measurement, after {settle:g} s in which the harness ran "
        f"nothing, and after it; the benchmark's own share is taken out "
        f'(Benchmarks/README.md, "Load").'
    )
    if s["under_load"] == 0:
        return (
            f"**Quiet run**: every one of the {s['measured']} measurements ran while the 1-minute "
            f"load average of other work was at most {s['others_max']:.2f} on {cores} cores "
            f"(threshold {threshold:g}; the raw load average, ours included, was "
            f"{s['load1_min']:.2f}–{s['load1_max']:.2f}). {how}"
        )
    return (
        f"**Under load**: {s['under_load']} of {s['measured']} measurements ran while the "
        f"1-minute load average of other work exceeded {threshold:g} on {cores} cores (or was "
        f"not recorded); written with `--allow-load`. Every row that comes from such a "
        f"measurement is marked **under load** with its load; its times and ratios may be off "
        f"by tens of per cent. {how}"
    )


if __name__ == "__main__":
    sys.exit(main())
