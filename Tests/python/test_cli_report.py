"""The main job: `autoexports` with no arguments tells the story of the embedded data.

Expected figures are worked by hand from the reference file
(Sources/AutoExports/Data/Reference/exports.csv), not taken from the program:
- 2025 by units: China 7,098,000 first, Japan 4,172,815 second;
- 2023: China 4,910,000 passes Japan 4,422,682 for the first time in the data;
- without NEVs China's 2023 is 4,910,000 − 1,203,000 = 3,707,000 < 4,422,682 (decisive);
- NEV growth 2022→2023: 1,203,000 − 679,000 = 524,000 of 4,910,000 − 3,110,000 = 1,800,000 (29%);
- 2024: China's conventional 5,859,000 − 1,284,000 = 4,575,000 > Japan's 4,210,000;
- 2024 by value: Germany $174.5B first.
"""

import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, *args, env=None):
    return subprocess.run([str(cli), *args], check=True, capture_output=True, text=True, env=env).stdout


def test_main_job_report_tells_the_story(cli):
    out = run(cli, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    assert "\x1b[" not in out, "no colour when not on a terminal / NO_COLOR"
    sections = out.split("\n\n")
    assert any(s.lstrip().startswith("1  Who leads in 2025") for s in sections)
    league = next(s for s in sections if "Who leads in 2025" in s)
    rows = [l.split() for l in league.splitlines() if l.startswith("  ") and l.strip()[:1].isdigit()]
    assert rows[0][:3] == ["1", "China", "7.1M"] and rows[1][:3] == ["2", "Japan", "4.17M"]
    assert "count different things" in league  # the scope warning
    flat = " ".join(out.split())  # the report word-wraps long lines
    # CAAM has no 2011 or 2014 figure: the first-time claim is kept, the gaps named.
    assert (
        "2023: China (4.91M) became the largest vehicle exporter, ahead of Japan (4.42M), for the first time "
        "in the years with figures, which for China start in 2010; China has none for 2011 and 2014"
    ) in flat
    assert "Without EV exports: China 3.71M (4.91M − 1.2M NEV) vs Japan 4.42M: no overtake" in flat
    assert "Without EV growth" in flat and "China 4.39M vs Japan 4.42M: no overtake" in flat
    assert "+524k (29%)" in flat
    assert "2024: 4.58M vs 4.21M ahead" in flat
    assert "from 2024 China leads even without them" in flat
    value = next(s for s in sections if "Who leads by value in 2024" in s)
    assert [l.split()[:3] for l in value.splitlines() if l.startswith("  ") and l.strip()[:1].isdigit()][0] == [
        "1",
        "Germany",
        "$174.5B",
    ]
    assert "When would China's NEV exports alone pass Japan's total?" in flat


def test_report_json_carries_the_counterfactuals(cli):
    doc = json.loads(run(cli, "report", "--format", "json"))
    ev = next(s for s in doc["sections"] if s["key"] == "was_it_evs")
    assert (ev["subject"], ev["rival"], ev["period"]) == ("CHN", "JPN", "2023")
    assert ev["without_ev_exports"] == 4_910_000 - 1_203_000
    assert ev["without_ev_growth"] == 4_910_000 - (1_203_000 - 679_000)
    assert ev["rival_value"] == 4_422_682 and ev["ev_decisive"] is True
    assert abs(ev["ev_share_of_growth"] - 524_000 / 1_800_000) < 1e-12
    units = next(s for s in doc["sections"] if s["key"] == "league_units")
    first = units["table"]["rows"][0]
    assert first["exporter"] == "CHN" and first["value"] == 7_098_000


def test_report_markdown_and_file_output(cli, tmp_path):
    md = tmp_path / "report.md"
    run(cli, "report", "--format", "markdown", "--output", str(md))
    text = md.read_text()
    assert text.startswith("# autoexports") and "| # | exporter |" in text and "## 3  Was it EVs?" in text


def test_report_rejects_csv_in_one_line(cli):
    r = subprocess.run([str(cli), "report", "--format", "csv"], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "several tables" in r.stderr


def test_report_projection_is_the_project_command(cli):
    """One answer to one question: section 5 uses `project`'s defaults, says how to
    reproduce it, and agrees with that command (before: the report used other models and
    said 2027 where `project CHN:nev JPN` said 2026)."""
    doc = json.loads(run(cli, "report", "--format", "json"))
    sec = next(s for s in doc["sections"] if s["key"] == "projection")
    assert "Reproduce: autoexports project CHN:nev JPN" in sec["lines"]
    proj = json.loads(run(cli, "project", "CHN:nev", "JPN", "--format", "json"))
    assert sec["crossover_period"] == proj["crossover"]["period"]
    assert sec["fit"] == proj
    assert not any("certain" in l and "never certain" not in l for l in sec["lines"])


def test_every_report_section_names_its_command(cli):
    doc = json.loads(run(cli, "report", "--format", "json"))
    for s in doc["sections"]:
        assert any(l.startswith("Reproduce: autoexports ") for l in s["lines"]), s["key"]
    units = next(s for s in doc["sections"] if s["key"] == "league_units")
    assert "Reproduce: autoexports rank --period 2025" in units["lines"]
    top = json.loads(run(cli, "report", "--period", "2024", "--top", "3", "--format", "json"))
    units = next(s for s in top["sections"] if s["key"] == "league_units")
    assert "Reproduce: autoexports rank --period 2024 --top 3" in units["lines"]
