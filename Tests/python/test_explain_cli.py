"""The CLI's explain and project commands on the embedded reference data (numbers worked by
hand from shared/data/reference/exports.csv: CAAM for China, JAMA for Japan)."""

import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, *args):
    return subprocess.run([str(cli), *args], capture_output=True, text=True, timeout=120)


def test_explain_2023_overtake_is_ev_decisive(cli):
    r = run(cli, "explain", "CHN", "JPN", "--period", "2023", "--format", "json")
    assert r.returncode == 0, r.stderr
    o = json.loads(r.stdout)["overtake"]
    assert o["is_overtake"] and o["margin"] == 4910000 - 4422682
    assert o["without_ev_exports"]["subject_value"] == 3707000 and not o["without_ev_exports"]["still_ahead"]
    assert o["ev_decisive"] and o["ev_growth"] == 524000 and o["subject_change"] == 1800000
    assert abs(o["ev_share_of_growth"] - 524000 / 1800000) < 1e-12
    text = run(cli, "explain", "CHN", "JPN", "--period", "2023").stdout
    assert "overtook Japan" in text and "decisive" in text and "3,707,000" in text


def test_explain_2024_lead_survives_without_nevs(cli):
    o = json.loads(run(cli, "explain", "CHN", "JPN", "--period", "2024", "--format", "json").stdout)["overtake"]
    assert not o["is_overtake"] and o["without_ev_exports"]["margin"] == 5859000 - 1284000 - 4210000
    assert o["without_ev_exports"]["still_ahead"] and not o["ev_decisive"]


def test_explain_change_adds_up(cli):
    c = json.loads(run(cli, "explain", "CHN", "--from", "2022", "--to", "2023", "--format", "json").stdout)
    assert c["total_change"] == 1800000 and sum(p["change"] for p in c["parts"]) == 1800000
    assert [p["segment"] for p in c["parts"]] == ["nev", "conventional"] and c["ev_change"] == 524000


def test_project_china_nev_against_japan(cli):
    p = json.loads(run(cli, "project", "CHN:nev", "JPN", "--horizon", "10", "--format", "json").stdout)
    assert p["subject"]["segment"] == "nev" and p["rival"]["segment"] == "total"
    # China's NEV fit has 5 years (2021–2025): 10 years ahead is more than half of it, so
    # damped Holt trends carry both series the whole 10 years (at most 2 × 5), and it is said
    # (docs/design.md §6).
    assert p["crossover"]["origin"] == 2025 and len(p["crossover"]["subject"]["mean"]) == 10
    assert p["crossover"]["horizon"] == 10 and p["crossover"]["requested_horizon"] == 10
    assert p["subject_fit"]["damped"] and p["rival_fit"]["damped"]
    # JAMA's consecutive years after its 2012 gap.
    assert p["subject_fit"]["first_period"] == 2021 and p["rival_fit"]["first_period"] == 2013
    text = run(cli, "project", "CHN:nev", "JPN", "--horizon", "10").stdout
    assert "China's NEV exports" in text and "2035" in text and "2036" not in text
    assert "Damped Holt trends replace the log-linear trends" in " ".join(text.split())
    assert "certain" not in text
    far = " ".join(run(cli, "project", "CHN:nev", "JPN", "--horizon", "30").stdout.split())
    assert "Horizon limited to 10 years, twice the length of the shorter fit (asked: 30)." in far


def test_project_quarterly_rates_are_not_called_cagr(cli, tmp_path):
    """At quarterly granularity a log-linear rate is per quarter: named so and annualised
    (before: called a CAGR)."""
    rows = ["exporter,period,segment,metric,value,source,scope"]
    for i in range(8):
        q = f"{2023 + i // 4}-Q{i % 4 + 1}"
        rows.append(f"CHN,{q},total,units,{1000 * 1.1**i:.0f},S,all_vehicles")
        rows.append(f"JPN,{q},total,units,3000,S,all_vehicles")
    f = tmp_path / "q.csv"
    f.write_text("\n".join(rows) + "\n")
    # --horizon 4: within half the 8 quarters fitted, so the log-linear trends are kept
    # (a longer horizon uses damped Holt trends, which have no growth rate; docs/design.md §6).
    r = run(
        cli,
        "project",
        "CHN",
        "JPN",
        "--input",
        str(f),
        "--granularity",
        "quarter",
        "--horizon",
        "4",
        "--format",
        "json",
    )
    assert r.returncode == 0, r.stderr
    s = json.loads(r.stdout)["sentence"]
    assert "CAGR" not in s and "per quarter" in s and "a year" in s


@pytest.mark.parametrize(
    "args,words",
    [
        (["explain", "JPN", "--from", "2022", "--to", "2023"], "no split of its total into segments"),
        (["explain", "CHN", "JPN", "--period", "2023", "--ev", "total"], "--ev must be nev or plugin"),
        (["project", "CHN:nev", "JPN", "--horizon", "0"], "horizon 0 is out of range"),
        (["project", "CHN:nev", "JPN", "--model", "cubic"], "unknown model"),
        (["explain", "CHN", "XYZ", "--period", "2023"], "unknown exporter"),
    ],
)
def test_bad_input_is_one_clear_line(cli, args, words):
    r = run(cli, *args)
    assert r.returncode == 1 and words in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
