"""Statistics, the stdout tables, the JSON file and Benchmarks/RESULTS.md."""

from __future__ import annotations

import statistics
from typing import Iterable, Optional

from . import hostspeed, load


def fmt_time(s: Optional[float]) -> str:
    if s is None:
        return "—"
    if s < 1e-6:
        return f"{s * 1e9:.0f} ns"
    if s < 1e-3:
        return f"{s * 1e6:.2f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_mb(mb: Optional[float]) -> str:
    if mb is None:
        return "—"
    return f"{mb / 1024:.2f} GB" if mb >= 1024 else f"{mb:.0f} MB"


def summarize(rec: dict, work: float) -> dict:
    """Adds median, min and throughput to a finished record."""
    times = rec.get("times") or []
    if rec.get("status") == "ok" and times:
        rec["median_s"] = statistics.median(times)
        rec["min_s"] = min(times)
        rec["runs"] = len(times)
        rec["throughput"] = (work / rec["median_s"]) if work else None
    return rec


def ratios(records: list[dict]) -> list[dict]:
    """One row per (workload, variant, size[, side]): our best against the best peer.

    Our tools with a `side` (W4: "from Python", "from C") get one row per side."""
    keys: list[tuple] = []
    for r in records:
        k = (r["workload"], r["variant"], r["size"])
        sides = [r.get("side", "")] if r["ours"] else []
        for side in sides:
            if k + (side,) not in keys:
                keys.append(k + (side,))
    rows = []
    for k in keys:
        group = [r for r in records if (r["workload"], r["variant"], r["size"]) == k[:3]]
        mine = [r for r in group if r["ours"] and r.get("side", "") == k[3]]
        ours = [r for r in mine if r["status"] == "ok"]
        peers = [r for r in group if not r["ours"] and r["peer"] and r["status"] == "ok"]
        row = {"workload": k[0], "variant": k[1] + (f" ({k[3]})" if k[3] else ""), "size": k[2]}
        best_ours = min(ours, key=lambda r: r["median_s"]) if ours else None
        if best_ours is not None:  # ratios only within one run
            peers = [r for r in peers if r.get("run") == best_ours.get("run")]
        best_peer = min(peers, key=lambda r: r["median_s"]) if peers else None
        if best_ours:
            row.update(ours=best_ours["tool"], ours_s=best_ours["median_s"], ours_extra_mb=best_ours.get("extra_mb"))
        else:
            row["ours_status"] = "; ".join(sorted({r["status"] for r in mine})) or "none"
        if best_peer:
            row.update(peer=best_peer["tool"], peer_s=best_peer["median_s"])
            mem = [r["extra_mb"] for r in peers if r.get("extra_mb") is not None]
            row["peer_extra_mb"] = min(mem) if mem else None
        if best_ours and best_peer:
            row["ratio"] = best_ours["median_s"] / best_peer["median_s"]
            if row.get("ours_extra_mb") is not None and row.get("peer_extra_mb"):
                row["mem_ratio"] = row["ours_extra_mb"] / row["peer_extra_mb"]
        row["peers_stopped"] = [f"{r['tool']} {r['status']}" for r in group if not r["ours"] and r["status"] != "ok"]
        # the load of the measurements this row's numbers come from (ours and the best peer)
        basis = [best_ours or (mine[0] if mine else None), best_peer]
        row["under_load"] = any(load.under_load(r) for r in basis if r)
        row["run"] = run_label(best_ours or best_peer or (mine[0] if mine else {}))
        row["load"] = load.cell(basis, markdown=False) + hostspeed.cell_suffix(basis, markdown=False)
        row["load_md"] = load.cell(basis, markdown=True) + hostspeed.cell_suffix(basis, markdown=True)
        rows.append(row)
    return rows


def run_label(rec: dict) -> str:
    """'2026-11-29 06:31, 258f7cc': the run (start, UTC) and commit a record comes from."""
    when = str(rec.get("run") or "?").replace("T", " ")[:16]
    return f"{when}, {rec.get('commit') or '?'}"


def _table(header: list[str], rows: Iterable[list[str]], markdown: bool) -> str:
    rows = [header] + [list(r) for r in rows]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(out)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(rows[0]), line(["-" * w for w in widths])] + [line(r) for r in rows[1:]])


def detail_table(records: list[dict], unit_of: dict, markdown: bool = False) -> str:
    header = [
        "workload",
        "size",
        "tool",
        "status",
        "median",
        "min",
        "runs",
        "throughput",
        "peak RSS",
        "extra",
        "× best peer",
        "run (UTC), commit",
        "others' load before → after",
    ]
    best = {}
    for r in records:
        if r["status"] == "ok" and r["peer"] and not r["ours"]:
            k = (r["workload"], r["variant"], r["size"], r.get("run"))
            best[k] = min(best.get(k, float("inf")), r["median_s"])
    rows = []
    for r in records:
        k = (r["workload"], r["variant"], r["size"], r.get("run"))
        ok = r["status"] == "ok"
        unit = unit_of[r["workload"]]
        thr = f"{r['throughput']:.1f} {unit}" if ok and r.get("throughput") else "—"
        rel = f"{r['median_s'] / best[k]:.2f}" if ok and k in best else "—"
        status = r["status"] if ok else f"{r['status']}: {r.get('note', '')}"
        rows.append(
            [
                f"{r['workload']} {r['variant']}",
                r["size"],
                r["tool"],
                status,
                fmt_time(r.get("median_s")),
                fmt_time(r.get("min_s")),
                str(r.get("runs", "—")),
                thr,
                fmt_mb(r.get("peak_mb") if ok else None),
                fmt_mb(r.get("extra_mb") if ok else None),
                rel,
                run_label(r),
                load.cell([r], markdown) + hostspeed.cell_suffix([r], markdown),
            ]
        )
    return _table(header, rows, markdown)


def ratio_table(rows: list[dict], markdown: bool = False) -> str:
    header = [
        "workload",
        "size",
        "autoexports",
        "best peer",
        "ratio aex/peer",
        "extra mem aex / least peer",
        "peers that stopped",
        "run (UTC), commit",
        "others' load before → after",
    ]
    out = []
    for r in rows:
        ours = f"{r['ours']} {fmt_time(r['ours_s'])}" if "ours" in r else r.get("ours_status", "")
        peer = f"{r['peer']} {fmt_time(r['peer_s'])}" if "peer" in r else "no peer finished"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "—"
        mem = (
            f"{fmt_mb(r['ours_extra_mb'])} / {fmt_mb(r['peer_extra_mb'])}"
            if r.get("ours_extra_mb") is not None and r.get("peer_extra_mb") is not None
            else "—"
        )
        out.append(
            [
                f"{r['workload']} {r['variant']}",
                r["size"],
                ours,
                peer,
                ratio,
                mem,
                ", ".join(r["peers_stopped"]) or "—",
                r.get("run", "?"),
                r.get("load_md" if markdown else "load", "—"),
            ]
        )
    return _table(header, out, markdown)
