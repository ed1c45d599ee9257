"""Golden tests of the CLI: the report and every subcommand's output, in each format, on
the embedded reference data, compared byte for byte with Tests/golden/.

Regenerate after an intended change of the output (then read the diff before committing):

    UPDATE_GOLDEN=1 .build/venv/bin/python -m pytest -q Tests/python/test_cli_golden.py

Golden files alone would also freeze mistakes, so the key numbers of the JSON outputs are
cross-checked against independent figures: the reference CSV read with pandas
(Tests' copy of the cited file) and the Python API over the C library
(autoexports.league_table, milestones, explain_overtake), which does not go through the
CLI's formatting.
"""

import json
import math
import os
import subprocess

import autoexports
import pandas as pd
import pytest

FORMATS = {"table": "txt", "markdown": "md", "csv": "csv", "json": "json"}
REFERENCE = "Sources/AutoExports/Data/Reference/exports.csv"

# name -> (arguments, formats); each format is one golden file Tests/golden/<name>.<ext>.
CASES = {
    "report": ([], ["table", "markdown", "json"]),
    "report-2024-top3": (["report", "--period", "2024", "--top", "3"], ["table"]),
    "rank-2024": (["rank", "--period", "2024"], list(FORMATS)),
    "rank-2024-usd": (["rank", "--period", "2024", "--metric", "usd", "--top", "5"], list(FORMATS)),
    "rank-2025-nev-share": (
        ["rank", "--period", "2025", "--segment", "nev", "--by", "segment-share"],
        ["table", "json"],
    ),
    "rank-numbers": (["rank", "30", "20", "20", "10", "--method", "competition"], list(FORMATS)),
    "milestones": (["milestones"], list(FORMATS)),
    "milestones-overtakes": (["milestones", "--kinds", "overtake,first_time_leader", "--no-notes"], ["table", "json"]),
    "explain-chn-jpn-2023": (["explain", "CHN", "JPN", "--period", "2023"], list(FORMATS)),
    "explain-chn-2022-2023": (["explain", "CHN", "--from", "2022", "--to", "2023"], list(FORMATS)),
    "project-chn-nev-jpn": (["project", "CHN:nev", "JPN"], list(FORMATS)),
    "data-list": (["data", "list"], list(FORMATS)),
    "data-show-chn-units": (["data", "show", "CHN", "--metric", "units", "--segment", "total"], list(FORMATS)),
    "data-convert-reference": (["data", "convert", REFERENCE], ["csv", "json", "markdown"]),
    # Destination markets (issue 19, docs/destinations.md).
    "explain-chn-2023-by-partner": (["explain", "CHN", "--period", "2023", "--by", "partner"], list(FORMATS)),
    "explain-chn-2022-2023-by-partner": (
        ["explain", "CHN", "--from", "2022", "--to", "2023", "--by", "partner"],
        list(FORMATS),
    ),
    "explain-chn-jpn-2023-without-rus": (
        ["explain", "CHN", "JPN", "--period", "2023", "--without", "RUS"],
        list(FORMATS),
    ),
    "rank-chn-markets-2023": (["rank", "--exporter", "CHN", "--by", "partner", "--period", "2023"], list(FORMATS)),
    "rank-chn-markets-2024-08": (
        ["rank", "--exporter", "CHN", "--by", "partner", "--period", "2024-01/2024-08"],
        list(FORMATS),
    ),
    "explain-comtrade-partners": (
        [
            "explain",
            "CHN",
            "--from",
            "2022",
            "--to",
            "2023",
            "--by",
            "partner",
            "--input",
            "examples/data/comtrade-partners.csv",
            "--input-format",
            "comtrade",
        ],
        list(FORMATS),
    ),
    "milestones-comtrade-markets": (
        [
            "milestones",
            "--exporter",
            "CHN",
            "--input",
            "examples/data/comtrade-partners.csv",
            "--input-format",
            "comtrade",
        ],
        ["table", "json"],
    ),
    "data-convert-comtrade-partners": (
        ["data", "convert", "examples/data/comtrade-partners.csv", "--input-format", "comtrade"],
        ["csv", "json", "markdown"],
    ),
}
CHARTS = {
    "chart-bump": ["chart", "bump"],
    "chart-line": ["chart", "line"],
    "chart-segments-chn": ["chart", "segments", "CHN"],
}


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, repo, *args):
    # A pipe, NO_COLOR and a fixed width: the output must not depend on the terminal.
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "100", "LANG": "C.UTF-8"}
    r = subprocess.run([str(cli), *args], capture_output=True, text=True, env=env, cwd=repo)
    assert r.returncode == 0, r.stderr
    assert r.stderr == "", "nothing on stderr for a successful run on a pipe"
    return r.stdout


def check_golden(repo, name, text):
    path = repo / "Tests" / "golden" / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text)
        return
    assert path.exists(), f"missing {path.name}: regenerate with UPDATE_GOLDEN=1 (see this file's docstring)"
    expected = path.read_text()
    assert text == expected, f"{path.name} differs from the CLI's output; regenerate with UPDATE_GOLDEN=1 if intended"


@pytest.mark.parametrize("name,fmt", [(n, f) for n, (_, fs) in CASES.items() for f in fs])
def test_golden_output(cli, repo, name, fmt):
    args, _ = CASES[name]
    if name.startswith("data-convert"):
        args = [*args, "--to", fmt]
    else:
        args = [*args, "--format", fmt]
    out = run(cli, repo, *args)
    assert "\x1b[" not in out, "no colour on a pipe"
    if fmt == "json":
        json.loads(out)  # valid JSON
    check_golden(repo, f"{name}.{FORMATS[fmt]}", out)


@pytest.mark.parametrize("name", list(CHARTS))
def test_golden_chart(cli, repo, name):
    out = run(cli, repo, *CHARTS[name], "--output", "-")
    assert out.lstrip().startswith("<svg") or out.lstrip().startswith("<?xml")
    check_golden(repo, f"{name}.svg", out)


def test_golden_validate_report(cli, repo):
    """`data validate` prints a report (no --format): golden in its one form."""
    check_golden(repo, "data-validate-reference.txt", run(cli, repo, "data", "validate", REFERENCE))


def test_output_is_deterministic(cli, repo):
    assert run(cli, repo, "--format", "json") == run(cli, repo, "--format", "json")


# ---- cross-checks against independent figures -------------------------------------------


@pytest.fixture(scope="module")
def reference(repo):
    d = pd.read_csv(repo / REFERENCE, dtype={"period": str})
    return d[~d.exporter.isin(["WLD", "EU27"])]  # aggregates are not ranked


def leaders(reference, year, metric):
    """Exporters by their largest published total in `year` (any source), largest first."""
    t = reference[(reference.segment == "total") & (reference.metric == metric) & (reference.period == str(year))]
    return list(t.groupby("exporter").value.max().sort_values(ascending=False).index)


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_rank_json_china_first_japan_second_by_units(cli, repo, reference, year):
    doc = json.loads(run(cli, repo, "rank", "--period", str(year), "--format", "json"))
    codes = [r["exporter"] for r in doc["rows"]]
    assert codes[:2] == ["CHN", "JPN"] == leaders(reference, year, "units")[:2]
    chn = reference[
        (reference.exporter == "CHN")
        & (reference.segment == "total")
        & (reference.metric == "units")
        & (reference.source == "CAAM")
        & (reference.scope == "all_vehicles")
        & (reference.period == str(year))
    ]
    assert doc["rows"][0]["value"] == chn.value.iloc[0]


def test_rank_json_germany_first_by_value_2024(cli, repo, reference):
    doc = json.loads(run(cli, repo, "rank", "--period", "2024", "--metric", "usd", "--format", "json"))
    assert doc["rows"][0]["exporter"] == "DEU" == leaders(reference, 2024, "usd")[0]


def same(a, b):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or (isinstance(b, float) and math.isnan(b))
    return a == pytest.approx(b, rel=1e-12)


@pytest.mark.parametrize("year,metric", [(2023, "units"), (2024, "units"), (2025, "units"), (2024, "usd")])
def test_rank_json_matches_the_python_api(cli, repo, year, metric):
    doc = json.loads(run(cli, repo, "rank", "--period", str(year), "--metric", metric, "--format", "json"))
    api = autoexports.league_table(period=year, metric=metric, warn=False)
    rows = api.to_dict("records") if hasattr(api, "to_dict") else api
    assert [r["exporter"] for r in doc["rows"]] == [r["exporter"] for r in rows]
    for c, a in zip(doc["rows"], rows):
        for k in ("rank", "value", "share", "change", "rank_change"):
            assert same(c.get(k), a[k]), (c["exporter"], k)
        assert (c["source"], c["scope"]) == (a["source"], a["scope"])


def report_section(doc, key):
    return next(s for s in doc["sections"] if s["key"] == key)


def test_report_league_tables_match_the_python_api(cli, repo):
    doc = json.loads(run(cli, repo, "--format", "json"))
    for key, year, metric in (("league_units", 2025, "units"), ("league_value", 2024, "usd")):
        s = report_section(doc, key)
        api = autoexports.league_table(period=year, metric=metric, warn=False)
        rows = api.to_dict("records") if hasattr(api, "to_dict") else api
        assert [r["exporter"] for r in s["table"]["rows"]] == [r["exporter"] for r in rows]
        assert [r["value"] for r in s["table"]["rows"]] == [r["value"] for r in rows]
        assert s["period"] == str(year)


def test_report_and_explain_counterfactuals_match_the_python_api(cli, repo):
    doc = json.loads(run(cli, repo, "--format", "json"))
    ev = report_section(doc, "was_it_evs")
    with autoexports.Panel.reference() as panel:
        o = autoexports.explain_overtake(panel, "CHN", "JPN", 2023)
    d = o.data if hasattr(o, "data") else o[-1]
    assert ev["without_ev_exports"] == d["without_ev_exports"]["subject_value"]
    assert ev["without_ev_growth"] == d["without_ev_growth"]["subject_value"]
    assert ev["ev_decisive"] == o.ev_decisive is True
    assert ev["ev_share_of_growth"] == pytest.approx(o.ev_share_of_growth)
    ex = json.loads(run(cli, repo, "explain", "CHN", "JPN", "--period", "2023", "--format", "json"))
    assert ex["overtake"]["without_ev_exports"] == d["without_ev_exports"]
    assert ex["overtake"]["margin"] == d["margin"]


def test_milestones_json_matches_the_python_api(cli, repo):
    doc = json.loads(run(cli, repo, "milestones", "--format", "json"))
    cli_events = {(m["period"], m["kind"], m["subject"], m.get("rival")) for m in doc["milestones"]}
    api = autoexports.milestones()
    api_events = {(str(m.period), m.kind, m.subject, m.rival) for m in api}
    assert cli_events == api_events
    assert ("2023", "first_time_leader", "CHN", "JPN") in cli_events


def test_readme_shows_the_real_report(cli, repo):
    """The README's main-job block is the program's output, byte for byte."""
    readme = (repo / "README.md").read_text()
    start = readme.index("$ swift run -c release autoexports\n") + len("$ swift run -c release autoexports\n")
    block = readme[start : readme.index("```", start)]
    assert block == run(cli, repo)
