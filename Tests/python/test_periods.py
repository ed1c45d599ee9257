"""Periods as sources publish them (docs/periods.md) through the C API, Python and the CLI:
year-to-date spans, halves and fiscal years parse, format, load, rank and yield milestones,
each only against its own kind."""

from __future__ import annotations

import subprocess

import autoexports
import pytest

TIDY = """exporter,period,metric,value,source,scope
CHN,2021-01/2021-05,units,800000,CAAM,all_vehicles
CHN,2022-01/2022-05,units,1100000,CAAM,all_vehicles
CHN,2023-01/2023-05,units,2140000,CAAM,all_vehicles
JPN,2021-01/2021-05,units,1500000,JAMA,all_vehicles
JPN,2022-01/2022-05,units,1400000,JAMA,all_vehicles
JPN,2023-01/2023-05,units,1700000,JAMA,all_vehicles
CHN,2022-H2,units,1890000,CAAM,all_vehicles
CHN,2023-H1,units,2140000,CAAM,all_vehicles
JPN,2022-H2,units,2110000,JAMA,all_vehicles
JPN,2023-H1,units,2020000,JAMA,all_vehicles
JPN,FY2022,units,3900000,JAMA,all_vehicles
JPN,FY2023,units,4400000,JAMA,all_vehicles
JPN,2023,units,4422682,JAMA,all_vehicles
CHN,2023,units,4910000,CAAM,all_vehicles
"""


@pytest.mark.parametrize(
    "text,code,back",
    [
        ("2023", 2023, "2023"),
        ("2023-Q1", 20231, "2023-Q1"),
        ("2023-03", 202303, "2023-03"),
        ("2023-H1", 1202301, "2023-H1"),
        ("2023h2", 1202302, "2023-H2"),
        ("2023-01/2023-05", 2202305, "2023-01/2023-05"),
        ("FY2024", 3202404, "FY2024"),
        ("FY2024@07", 3202407, "FY2024@07"),
        ("FY2023-24", 3202304, "FY2023"),
    ],
)
def test_period_code_and_text(text, code, back):
    assert autoexports.period_code(text) == code
    assert autoexports.period_text(code) == back


@pytest.mark.parametrize("text", ["2023-H3", "2023-02/2023-05", "2022-01/2023-05", "FY24", "FY2024@13"])
def test_bad_periods_are_refused_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="2023-01/2023-05"):
        autoexports.period_code(text)


@pytest.mark.parametrize("code", [1202303, 2202313, 3202400, 4202301])
def test_bad_codes_are_refused(code):
    with pytest.raises(Exception):
        autoexports.period_text(code)


def test_year_to_date_league_table_and_milestone():
    panel = autoexports.Panel.from_csv_text(TIDY)
    t = autoexports.league_table(panel, period="2023-01/2023-05")
    assert list(t["exporter"]) == ["CHN", "JPN"]
    assert list(t["value"]) == [2140000, 1700000]
    ms = autoexports.milestones(panel, kinds="overtake", granularity="ytd-05")
    assert [(m.period, m.subject, m.rival) for m in ms] == [("2023-01/2023-05", "CHN", "JPN")]
    assert ms[0].sentence.startswith("2023-01/2023-05: China")
    halves = autoexports.milestones(panel, kinds="overtake", granularity="half")
    assert [(m.period, m.subject) for m in halves] == [("2023-H1", "CHN")]


def test_fiscal_year_is_not_ranked_with_calendar_years():
    panel = autoexports.Panel.from_csv_text(TIDY)
    fy = autoexports.league_table(panel, period="FY2023")
    assert list(fy["exporter"]) == ["JPN"] and list(fy["value"]) == [4400000]
    cal = autoexports.league_table(panel, period="2023")
    assert list(cal["exporter"]) == ["CHN", "JPN"] and list(cal["value"]) == [4910000, 4422682]
    with pytest.raises(autoexports.AutoExportsError):
        autoexports.league_table(panel, period="FY2023@07")
    assert autoexports.milestones(panel, kinds="overtake", granularity="fy") == []


def _cli(repo, *args):
    exe = repo / ".build" / "release" / "autoexports"
    if not exe.exists():
        pytest.skip("the release CLI is not built (make all)")
    return subprocess.run([str(exe), *args], capture_output=True, text=True)


def test_cli_data_validate_accepts_spans_halves_and_fiscal_years(repo, tmp_path):
    f = tmp_path / "sub_annual.csv"
    f.write_text(TIDY)
    r = _cli(repo, "data", "validate", str(f))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "14 rows read, 14 loaded, 0 rejected" in r.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("exporter,period,metric,value\nJPN,2023-H3,units,1\n")
    r = _cli(repo, "data", "validate", str(bad))
    assert r.returncode == 1 and "2023-H3" in r.stdout and "2023-01/2023-05" in r.stdout


def test_cli_ranks_a_year_to_date_span(repo, tmp_path):
    f = tmp_path / "sub_annual.csv"
    f.write_text(TIDY)
    r = _cli(repo, "rank", "--input", str(f), "--period", "2023-01/2023-05", "--format", "csv")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "CHN" in lines[1] and "JPN" in lines[2]
