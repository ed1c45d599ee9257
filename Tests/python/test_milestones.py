"""Milestones from Python: the reference-data milestones written by hand from exports.csv,
the dataclasses and DataFrame, errors, and overtakes on the reference data checked
against a pandas pivot of the CSV and the brute-force definition."""

import math
from pathlib import Path

import autoexports
import pandas as pd
import pytest
from autoexports import AutoExportsError, Milestone
from test_overtakes import brute_force

CSV = Path(__file__).resolve().parents[2] / "Sources" / "AutoExports" / "Data" / "Reference" / "exports.csv"


def test_china_overtakes_japan_in_2023_for_the_first_time_at_number_one():
    ms = autoexports.milestones()
    pass_ = [m for m in ms if m.kind == "overtake" and m.subject == "CHN" and m.rival == "JPN"]
    assert len(pass_) == 1
    m = pass_[0]
    assert (m.period, m.value, m.rival_value, m.since, m.value_since, m.rival_value_since) == (
        "2023",
        4910000.0,
        4422682.0,
        "2022",
        3110000.0,
        3813269.0,
    )
    assert m.crossing == pytest.approx(2022 + 703269 / (703269 + 487318))
    assert m.sentence == (
        "2023: China (4.91M) overtook Japan (4.42M) to become the largest vehicle exporter "
        "(units; CAAM vs JAMA, all vehicles)"
    )
    first = [m for m in ms if m.kind == "first_time_leader"]
    assert [(m.period, m.subject, m.rival, m.data_start) for m in first] == [("2023", "CHN", "JPN", "2010")]
    # CAAM has no 2011 or 2014 figure (exports.csv): the claim is kept, the gaps named.
    assert (
        "for the first time in the years with figures, which for China start in 2010; China has none for 2011 and 2014"
    ) in first[0].sentence
    # Japan (JAMA) has no 2012 figure: nobody is stated as the largest in 2012.
    assert not [
        m
        for m in ms
        if m.period == "2012" and "largest" in m.sentence and "among the exporters with figures" not in m.sentence
    ]
    assert any(
        n.kind == "rank_by_coverage" and n.period == "2012" and "Japan has none for 2012" in n.sentence
        for n in ms.notes
    )


def test_china_crosses_five_million_units_in_2024():
    ms = autoexports.milestones(kinds=["threshold_up"], share_levels=[])
    five = [(m.period, m.subject, m.value, m.value_since) for m in ms if m.level == 5e6]
    assert five == [("2024", "CHN", 5859000.0, 4910000.0)]


def test_germany_is_number_one_by_value_in_2024():
    ms = autoexports.milestones(metric="usd", bridge_gaps=True)
    assert not [m for m in ms if m.kind in ("new_leader", "first_time_leader", "lead_change")]
    rec = [m for m in ms if m.kind == "record_high" and m.subject == "DEU" and m.period == "2024"]
    assert len(rec) == 1 and rec[0].rank == 1 and rec[0].value == 174.5e9 and rec[0].bridged
    run = [m for m in ms if m.kind == "leader_streak" and m.subject == "DEU"]
    assert len(run) == 1 and run[0].run_length == 5
    # The run starts with Germany's first usd figure (2015): "at least".
    assert "at least" in run[0].sentence and "Germany's figures start in 2015" in run[0].sentence


def test_dataclasses_frame_and_kinds():
    ms = autoexports.milestones(kinds="record_high,new_leader", exporters=["China", "JPN"])
    assert ms and all(isinstance(m, Milestone) for m in ms)
    assert {m.kind for m in ms} <= {"record_high", "new_leader", "first_time_leader"}
    assert all(m.subject in ("CHN", "JPN") for m in ms)
    rec = next(m for m in ms if m.kind == "record_high")
    assert math.isnan(rec.rival_value) and rec.rival is None and str(rec) == rec.sentence
    df = autoexports.milestones(kinds=["overtake"], as_frame=True)
    assert list(df.columns[:4]) == ["kind", "period", "subject", "rival"] and len(df) > 0


def test_options_reach_the_library():
    base = autoexports.milestones(kinds=["overtake"])
    assert len(autoexports.milestones(kinds=["overtake"], pair_top_n=1)) < len(base)
    # Five more years: no pass holds that long in data ending in 2025; the recent ones wait.
    held = autoexports.milestones(kinds=["overtake"], confirmation=5)
    assert len(held) < len(base) and any(n.kind == "pending_confirmation" for n in held.notes)
    assert len(autoexports.milestones(kinds=["top_entry", "top_exit"], top_n=5)) != len(
        autoexports.milestones(kinds=["top_entry", "top_exit"], top_n=2)
    )


def test_errors_name_the_option():
    with pytest.raises(AutoExportsError) as e:
        autoexports.milestones(margin=-1)
    assert "options.margin" in e.value.message
    with pytest.raises(AutoExportsError) as e:
        autoexports.milestones(exporters=["Atlantis"])
    assert e.value.status_name == "AEX_E_NOT_FOUND"
    with pytest.raises(ValueError, match="unknown milestone kind"):
        autoexports.milestones(kinds=["nope"])
    with pytest.raises(AutoExportsError):
        autoexports.milestones(metric="eur")


def test_panel_from_python():
    with autoexports.Panel() as p:
        p.add("CHN", ["2020", "2021", "2022"], [1e6, 2e6, 2e6], source="CAAM", scope="all_vehicles")
        p.add("JPN", ["2020", "2021", "2022"], [3e6, 2e6, 1e6], source="JAMA", scope="all_vehicles")
        ms = autoexports.milestones(p, kinds=["overtake", "lead_change"], newest_first=False)
    # tied in 2021: the pass comes in 2022, measured against 2020
    assert [(m.kind, m.period, m.subject, m.since) for m in ms] == [
        ("overtake", "2022", "CHN", "2020"),
        ("lead_change", "2022", "CHN", "2020"),
    ]


SCOPES = [
    "all_vehicles",
    "light_vehicles",
    "passenger_vehicles",
    "passenger_cars",
    "cbu_vehicles",
    "passenger_cars_trade",
    "hs8703_passenger_cars",
    "passenger_cars_extra_eu",
    "commercial_vehicles",
]
SOURCES = ["CAAM", "JAMA", "VDA", "KAMA", "INEGI", "ANFAC", "FTI", "ACEA", "SMMT", "OICA", "GACC", "KCS", "Destatis"]


def reference_grid():
    """The documented series choice and stand-in rule (docs/coverage.md), redone in pandas:
    per exporter the series with the earliest scope, then source, then more rows; a year
    that series lacks is taken from the next series in that order that has it."""
    df = pd.read_csv(CSV)
    df = df[(df.metric == "units") & (df.segment == "total") & ~df.exporter.isin(["WLD", "EU27"])]
    df = df[~df.period.astype(str).str.startswith("FY")]
    df["period"] = df.period.astype(int)
    cols = {}
    for e, g in df.groupby("exporter"):
        series = sorted(
            g.groupby(["source", "scope"]),
            key=lambda kv: (
                SCOPES.index(kv[0][1]) if kv[0][1] in SCOPES else len(SCOPES),
                SOURCES.index(kv[0][0]) if kv[0][0] in SOURCES else len(SOURCES),
                -len(kv[1]),
            ),
        )
        col = pd.Series(dtype=float)
        for _, s in series:
            col = col.combine_first(s.set_index("period")["value"].astype(float))
        cols[e] = col
    grid = pd.DataFrame(cols).sort_index()
    return grid.reindex(range(grid.index.min(), grid.index.max() + 1))


def test_reference_overtakes_agree_with_a_pandas_pivot_and_brute_force():
    grid = reference_grid()
    first = int(grid.index[0])
    want = {(str(first + t), grid.columns[a], grid.columns[b]) for t, a, b, _, _ in brute_force(grid.to_numpy(float))}
    got = {(m.period, m.subject, m.rival) for m in autoexports.milestones(kinds=["overtake"])}
    assert want and got == want
    # Korea's KAMA 2022 is blank; MOTIE stands in as in `rank`, and the sentence says so.
    kor = [m for m in autoexports.milestones(kinds=["overtake"]) if (m.subject, m.rival) == ("CHN", "KOR")]
    assert [m.period for m in kor] == ["2022"] and "[stand-in: South Korea 2022 MOTIE" in kor[0].sentence


def test_no_unqualified_largest_before_a_large_exporter_starts():
    """A synthetic panel through the C library: Japan (largest) starts in 2019; nobody is
    stated as the largest before, and the notes name who is missing."""
    with autoexports.Panel() as p:
        years = ["2015", "2016", "2017", "2018", "2019", "2020"]
        p.add("DEU", years, [4.4e6, 4.4e6, 4.4e6, 3.99e6, 3.49e6, 2.65e6], source="VDA", scope="all_vehicles")
        p.add("JPN", years[4:], [4.81e6, 3.74e6], source="JAMA", scope="all_vehicles")
        p.add("KOR", years, [2.97e6, 2.62e6, 2.5e6, 2.45e6, 2.4e6, 1.88e6], source="KAMA", scope="all_vehicles")
        ms = autoexports.milestones(p)
    for m in ms:
        if m.period < "2019" and "largest" in m.sentence:
            assert "among the exporters with figures" in m.sentence, m.sentence
    assert not [m for m in ms if m.kind == "leader_streak" and m.subject == "DEU"]
    assert (
        "2016: Germany is the largest vehicle exporter among the exporters with figures "
        "(Japan has none before 2019): not stated as the largest."
    ) in [n.sentence for n in ms.notes]


def test_selected_exporters_are_not_world_ranks():
    ms = autoexports.milestones(exporters=["CHN", "DEU"])
    ranked = [m for m in ms if "largest" in m.sentence]
    assert ranked and all("vehicle exporter of those selected" in m.sentence for m in ranked)


def cli(*args):
    import subprocess

    exe = Path(__file__).resolve().parents[2] / ".build" / "release" / "autoexports"
    return subprocess.run([str(exe), "milestones", *args], capture_output=True, text=True)


def test_cli_timeline_newest_first_in_every_format():
    r = cli("--no-notes")
    assert r.returncode == 0
    periods = [line.split()[0] for line in r.stdout.splitlines()[3:] if line[:1].isdigit()]
    assert periods and periods == sorted(periods, reverse=True)
    assert "China (4.91M) overtook Japan (4.42M) to become the largest vehicle exporter" in r.stdout
    import json

    doc = json.loads(cli("--format", "json", "--kinds", "overtake").stdout)
    assert doc["milestones"][0]["period"] >= doc["milestones"][-1]["period"]
    assert {m["kind"] for m in doc["milestones"]} == {"overtake"} and "notes" in doc
    csv = cli("--format", "csv", "--kinds", "threshold_up", "--levels", "5000000", "--share-levels", "").stdout
    rows = list(pd.read_csv(__import__("io").StringIO(csv)).itertuples())
    assert [(str(r.period), r.subject, r.value) for r in rows] == [("2024", "CHN", 5859000)]
    md = cli("--format", "markdown", "--kinds", "first_time_leader").stdout
    assert md.startswith("### Milestones") and "| 2023 | first_time_leader |" in md
    bad = cli("--kinds", "nope")
    assert bad.returncode != 0 and "unknown kind" in bad.stderr and "Traceback" not in bad.stderr
