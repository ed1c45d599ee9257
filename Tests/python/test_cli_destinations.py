"""Destination markets in the CLI (issue 19, docs/destinations.md): the must-show checks.

- A UN Comtrade file with partner rows (examples/data/comtrade-partners.csv: World and five
  partners, HS 8703 and subheadings, two years) converts with a `partner` column, and
  `explain --by partner` over it gives each partner's change and its share of the total
  change exactly. The oracle is the file itself read with the csv module (and pandas for
  the converted file), never the CLI's own output.
- On the embedded data, `explain CHN --period 2023 --by partner` lists China's 2023
  destinations with Russia first, with sources, and China→Russia 2022→2023 is said to be
  not like for like (GACC passenger cars vs CAAM all vehicles) and left out of the exact sum.
"""

import csv
import io
import json
import subprocess

import pandas as pd
import pytest

FIXTURE = "examples/data/comtrade-partners.csv"
SEGMENTS = {
    "870322": "ice",
    "870323": "ice",
    "870332": "ice",
    "870340": "hev",
    "870360": "phev",
    "870380": "bev",
    "8703": "total",
}


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, repo, *args, ok=True):
    env = {"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "COLUMNS": "100", "LANG": "C.UTF-8"}
    r = subprocess.run([str(cli), *args], capture_output=True, text=True, env=env, cwd=repo)
    if ok:
        assert r.returncode == 0, r.stderr
    return r


def oracle(repo):
    """(partner, year, segment, metric) -> value, summed from the fixture with the csv module."""
    out = {}
    with open(repo / FIXTURE, newline="") as f:
        for row in csv.DictReader(f):
            assert row["flowCode"] == "X"
            partner = "WLD" if row["partnerCode"] == "0" else row["partnerISO"]
            seg = SEGMENTS[row["cmdCode"]]
            for metric, col in (("units", "qty"), ("usd", "primaryValue")):
                k = (partner, row["period"], seg, metric)
                out[k] = out.get(k, 0) + int(row[col])
    return out


def test_comtrade_partners_convert_with_a_partner_column(cli, repo):
    text = run(cli, repo, "data", "convert", FIXTURE, "--input-format", "comtrade", "--to", "csv").stdout
    df = pd.read_csv(io.StringIO(text), dtype={"period": str})
    assert list(df.columns[:2]) == ["exporter", "partner"]
    assert set(df.partner) == {"WLD", "RUS", "MEX", "BEL", "AUS", "GBR"}
    want = oracle(repo)
    got = {(r.partner, r.period, r.segment, r.metric): r.value for r in df.itertuples()}
    assert got == want
    # partners + a remainder = World, in the file itself: the five partners are below the world total.
    for y in ("2022", "2023"):
        assert (
            sum(want[(p, y, "total", "units")] for p in ("RUS", "MEX", "BEL", "AUS", "GBR"))
            < want[("WLD", y, "total", "units")]
        )


@pytest.mark.parametrize("metric", ["units", "usd"])
def test_explain_by_partner_over_comtrade_is_exact(cli, repo, metric):
    doc = json.loads(
        run(
            cli,
            repo,
            "explain",
            "CHN",
            "--from",
            "2022",
            "--to",
            "2023",
            "--by",
            "partner",
            "--metric",
            metric,
            "--input",
            FIXTURE,
            "--input-format",
            "comtrade",
            "--format",
            "json",
        ).stdout
    )
    want = oracle(repo)
    dt = want[("WLD", "2023", "total", metric)] - want[("WLD", "2022", "total", metric)]
    assert doc["kind"] == "destinations" and doc["total_change"] == dt
    lines = {line["partner"]: line for line in doc["lines"]}
    assert set(lines) == {"RUS", "MEX", "BEL", "AUS", "GBR", "ROW"} and doc["lines"][-1]["partner"] == "ROW"
    rest = dt
    for p in ("RUS", "MEX", "BEL", "AUS", "GBR"):
        c = want[(p, "2023", "total", metric)] - want[(p, "2022", "total", metric)]
        rest -= c
        assert lines[p]["change"] == c and lines[p]["in_exact_sum"] is True
        assert lines[p]["share"] == pytest.approx(c / dt, rel=1e-15)
        # Partner × powertrain: each segment's change, from the subheadings.
        segs = {s["segment"]: s["change"] for s in lines[p]["by_segment"]}
        for seg in ("bev", "phev", "hev", "ice"):
            assert segs[seg] == want[(p, "2023", seg, metric)] - want[(p, "2022", seg, metric)]
    assert lines["ROW"]["change"] == rest
    assert sum(line["change"] for line in doc["lines"]) == dt, "the exact lines + rest of world = the total change"
    assert doc["unexplained"] == 0 and doc["warnings"] == []
    # Largest change first.
    changes = [line["change"] for line in doc["lines"][:-1]]
    assert changes == sorted(changes, reverse=True)


def test_explain_by_partner_csv_and_converted_round_trip(cli, repo, tmp_path):
    # The tidy CSV written by `data convert` reads back to the same explanation.
    tidy = tmp_path / "partners.csv"
    run(cli, repo, "data", "convert", FIXTURE, "--input-format", "comtrade", "--to", "csv", "--output", str(tidy))
    a = json.loads(
        run(
            cli,
            repo,
            "explain",
            "CHN",
            "--from",
            "2022",
            "--to",
            "2023",
            "--by",
            "partner",
            "--input",
            FIXTURE,
            "--input-format",
            "comtrade",
            "--format",
            "json",
        ).stdout
    )
    b = json.loads(
        run(
            cli,
            repo,
            "explain",
            "CHN",
            "--from",
            "2022",
            "--to",
            "2023",
            "--by",
            "partner",
            "--input",
            str(tidy),
            "--format",
            "json",
        ).stdout
    )
    assert [(x["partner"], x["change"], x["share"]) for x in a["lines"]] == [
        (x["partner"], x["change"], x["share"]) for x in b["lines"]
    ]
    table = pd.read_csv(
        io.StringIO(
            run(
                cli,
                repo,
                "explain",
                "CHN",
                "--from",
                "2022",
                "--to",
                "2023",
                "--by",
                "partner",
                "--input",
                FIXTURE,
                "--input-format",
                "comtrade",
                "--format",
                "csv",
            ).stdout
        )
    )
    assert list(table.partner)[:-1] == [x["partner"] for x in a["lines"]] and list(table.partner)[-1] == "WLD"


def test_embedded_china_2023_by_partner_russia_first_with_sources(cli, repo):
    r = run(cli, repo, "explain", "CHN", "--period", "2023", "--by", "partner")
    rows = r.stdout.splitlines()
    first = next(i for i, line in enumerate(rows) if line.startswith("────"))
    assert rows[first + 1].startswith("Russia") and "CAAM, all vehicles" in rows[first + 1]
    assert "rest of world" in r.stdout and "source: Russia 2023: http" in r.stdout
    assert "warning:" in r.stdout  # year-to-date spans are not added to the calendar year
    doc = json.loads(run(cli, repo, "explain", "CHN", "--period", "2023", "--by", "partner", "--format", "json").stdout)
    assert doc["lines"][0]["partner"] == "RUS" and doc["lines"][0]["to"] == 909000
    assert doc["lines"][0]["share"] == pytest.approx(909000 / 4910000)
    assert doc["lines"][-1]["to"] == 4910000 - 909000


def test_embedded_china_russia_2022_2023_is_not_like_for_like(cli, repo):
    doc = json.loads(
        run(cli, repo, "explain", "CHN", "--from", "2022", "--to", "2023", "--by", "partner", "--format", "json").stdout
    )
    rus = next(x for x in doc["lines"] if x["partner"] == "RUS")
    assert rus["change"] is None and rus["in_exact_sum"] is False and rus["like_for_like"] is False
    assert rus["from_series"]["source"] == "GACC" and rus["to_series"]["source"] == "CAAM"
    assert "not like for like" in rus["note"] and any("Russia" in w for w in doc["warnings"])
    text = run(cli, repo, "explain", "CHN", "--from", "2022", "--to", "2023", "--by", "partner").stdout
    row = next(line for line in text.splitlines() if line.startswith("Russia"))
    assert "GACC, passenger cars → CAAM, all vehicles" in row and "not like for like" in row, "said next to the number"


def test_without_russia_gives_no_exact_number(cli, repo):
    doc = json.loads(
        run(cli, repo, "explain", "CHN", "JPN", "--period", "2023", "--without", "RUS", "--format", "json").stdout
    )
    assert doc["kind"] == "market_counterfactual"
    assert doc["subject_value"] == 4910000 and doc["rival_value"] == 4422682
    assert doc["partner_growth"] is None and doc["subject_without"] is None and doc["overtakes_without"] is None
    assert "not like for like" in doc["caveat"]


def test_without_a_like_for_like_market_on_comtrade(cli, repo, tmp_path):
    # Japan's total added to the fixture's China so the counterfactual has a rival.
    tidy = tmp_path / "both.csv"
    text = run(cli, repo, "data", "convert", FIXTURE, "--input-format", "comtrade", "--to", "csv").stdout
    tidy.write_text(text + "JPN,WLD,2023,total,units,4000000,Comtrade,hs8703_passenger_cars,\n")
    doc = json.loads(
        run(
            cli,
            repo,
            "explain",
            "CHN",
            "JPN",
            "--period",
            "2023",
            "--without",
            "RUS",
            "--input",
            str(tidy),
            "--format",
            "json",
        ).stdout
    )
    want = oracle(repo)
    g = want[("RUS", "2023", "total", "units")] - want[("RUS", "2022", "total", "units")]
    assert doc["partner_growth"] == g and doc["subject_without"] == want[("WLD", "2023", "total", "units")] - g
    assert doc["overtakes_without"] is (want[("WLD", "2023", "total", "units")] - g > 4000000)


def test_rank_markets(cli, repo):
    doc = json.loads(
        run(
            cli, repo, "rank", "--exporter", "CHN", "--by", "partner", "--period", "2024-01/2024-08", "--format", "json"
        ).stdout
    )
    assert doc["markets_of"] == "CHN" and doc["rows"][0]["exporter"] == "RUS"
    values = [r["value"] for r in doc["rows"]]
    assert values == sorted(values, reverse=True)
    cov = next(w for w in doc["warnings"] if w["kind"] == "partial_coverage")
    assert f"{len(values)} of China's markets" in cov["message"]
    r = run(cli, repo, "rank", "--by", "partner", "--period", "2023", ok=False)
    assert r.returncode != 0 and "--exporter" in r.stderr


def test_wide_partner_column_and_option(cli, repo, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("country,partner,2022,2023\nChina,World,3110000,4910000\nChina,Russia,100000,900000\n")
    text = run(cli, repo, "data", "convert", str(wide), "--input-format", "wide", "--to", "csv").stdout
    df = pd.read_csv(io.StringIO(text), dtype={"period": str})
    assert sorted(zip(df.partner, df.period, df.value)) == [
        ("RUS", "2022", 100000),
        ("RUS", "2023", 900000),
        ("WLD", "2022", 3110000),
        ("WLD", "2023", 4910000),
    ]
    one = tmp_path / "russia.csv"
    one.write_text("country,2022,2023\nChina,100000,900000\n")
    text = run(
        cli, repo, "data", "convert", str(one), "--input-format", "wide", "--partner", "RUS", "--to", "csv"
    ).stdout
    assert set(pd.read_csv(io.StringIO(text)).partner) == {"RUS"}
    bad = run(cli, repo, "data", "convert", "--to", "csv", "--partner", "RUS", ok=False)
    assert bad.returncode != 0 and "--partner" in bad.stderr
