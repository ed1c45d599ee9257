"""The CLI as users write it (issue 23, items 4, 6, 7, 8): a misspelt exporter gets "did
you mean"; an exporter of --exporters without figures is named, never dropped silently;
--output's extension implies the format (a contradicting --format is an error); explain
without --period takes the latest period where both exporters have figures, and data that
fit another granularity say which; a report over the user's data that cannot fill a
section keeps the section and says why, in every format."""

import csv
import io
import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, repo, *args):
    return subprocess.run(
        [str(cli), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=repo,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
    )


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text)
    return p


# ---- item 4: names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, suggestion",
    [
        (["rank", "--exporters", "CHN,JNP"], "did you mean JPN (Japan)?"),
        (["rank", "--exporters", "Grmany"], "did you mean DEU (Germany)?"),
        (["explain", "CHN", "Grmany", "--period", "2023"], "did you mean DEU (Germany)?"),
        (["data", "show", "Chnia"], "did you mean CHN (China)?"),
        (["chart", "segments", "JNP", "--output", "x.svg"], "did you mean JPN (Japan)?"),
        (["project", "Mexcio:nev", "JPN"], "did you mean MEX (Mexico)?"),
    ],
)
def test_unknown_exporter_gets_did_you_mean(cli, repo, tmp_path, args, suggestion):
    r = run(cli, tmp_path, *args)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert suggestion in r.stderr


def test_nothing_close_suggests_nothing(cli, tmp_path):
    r = run(cli, tmp_path, "rank", "--exporters", "Atlantis")
    assert r.returncode == 1 and "unknown exporter 'Atlantis'" in r.stderr and "did you mean" not in r.stderr


def test_importer_rejection_suggests(cli, tmp_path):
    f = write(tmp_path, "t.csv", "exporter,period,metric,value\nJNP,2023,units,1\nCHN,2023,units,2\n")
    r = run(cli, tmp_path, "data", "validate", f)
    assert r.returncode == 1 and "did you mean JPN (Japan)?" in r.stdout, r.stdout


def test_c_api_resolve_suggests():
    import autoexports

    with pytest.raises(KeyError, match=r"did you mean DEU \(Germany\)\?"):
        autoexports.resolve_exporter("Grmany")
    assert autoexports.resolve_exporter("Germany") == "DEU"


@pytest.mark.parametrize(
    "command", [["rank"], ["rank", "--period", "2024"], ["milestones"], ["report", "--format", "json"]]
)
def test_exporter_without_figures_is_named(cli, tmp_path, command):
    """France has no figures in the embedded data: said on stderr, the output is unchanged."""
    r = run(cli, tmp_path, *command, "--exporters", "FRA,CHN")
    assert r.returncode == 0, r.stderr
    assert "warning: --exporters FRA (France)" in r.stderr and "left out" in r.stderr
    assert "China" in r.stdout
    plain = run(cli, tmp_path, *command, "--exporters", "CHN")
    assert plain.stderr == ""
    # The output is that of the list without FRA (the report's "Reproduce" lines echo the list).
    assert plain.stdout == r.stdout.replace("--exporters FRA,CHN", "--exporters CHN")


def test_exporter_with_figures_is_not_named(cli, tmp_path):
    r = run(cli, tmp_path, "rank", "--exporters", "CHN,JPN", "--period", "2024")
    assert r.returncode == 0 and r.stderr == ""


def test_exporter_missing_in_the_period_is_named(cli, tmp_path):
    """Named exactly when it is not in the table: a period where Japan has no figure."""
    f = write(
        tmp_path,
        "y.csv",
        "exporter,period,metric,value\nCHN,2023,units,1\nCHN,2024,units,2\nJPN,2023,units,3\nDEU,2024,units,4\n",
    )
    for period in (2023, 2024):
        r = run(
            cli, tmp_path, "rank", "--input", f, "--exporters", "CHN,DEU,JPN", "--period", period, "--format", "csv"
        )
        assert r.returncode == 0, r.stderr
        shown = {row["exporter"] for row in csv.DictReader(io.StringIO(r.stdout))}
        named = {e for e in ("CHN", "DEU", "JPN") if f"--exporters {e} " in r.stderr}
        assert shown | named == {"CHN", "DEU", "JPN"} and not shown & named, (period, shown, r.stderr)
        assert named == ({"DEU"} if period == 2023 else {"JPN"})


# ---- item 6: --output implies the format --------------------------------------------------


@pytest.mark.parametrize(
    "ext, fmt",
    [
        ("csv", "csv"),
        ("json", "json"),
        ("md", "markdown"),
        ("markdown", "markdown"),
        ("html", "html"),
        ("txt", "table"),
    ],
)
def test_output_extension_implies_format(cli, tmp_path, ext, fmt):
    out = tmp_path / f"r.{ext}"
    r = run(cli, tmp_path, "rank", "--period", "2024", "--output", out)
    assert r.returncode == 0, r.stderr
    want = run(cli, tmp_path, "rank", "--period", "2024", "--format", fmt).stdout
    assert out.read_text() == want
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text())))
        assert rows[0]["exporter"] == "CHN" and float(rows[0]["value"]) > 0
    if fmt == "json":
        json.loads(out.read_text())


def test_output_extension_is_case_insensitive_and_agreeing_format_is_fine(cli, tmp_path):
    out = tmp_path / "R.JSON"
    assert run(cli, tmp_path, "milestones", "--output", out).returncode == 0
    json.loads(out.read_text())
    out2 = tmp_path / "r.csv"
    assert run(cli, tmp_path, "rank", "--format", "csv", "--output", out2).returncode == 0
    assert out2.read_text().startswith("rank,exporter,")


def test_unknown_extension_keeps_the_table(cli, tmp_path):
    out = tmp_path / "r.out"
    assert run(cli, tmp_path, "rank", "--period", "2024", "--output", out).returncode == 0
    assert out.read_text() == run(cli, tmp_path, "rank", "--period", "2024").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--format", "json", "--output", "r.csv"],
        ["report", "--format", "markdown", "--output", "r.html"],
        ["milestones", "--format", "table", "--output", "m.json"],
        ["data", "convert", "--to", "csv", "--output", "d.json"],
    ],
)
def test_contradicting_format_is_an_error(cli, tmp_path, args):
    r = run(cli, tmp_path, *args)
    assert r.returncode == 1 and "contradicts" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert not (tmp_path / args[-1]).exists()


def test_svg_only_for_charts(cli, tmp_path):
    r = run(cli, tmp_path, "rank", "--output", "r.svg")
    assert r.returncode == 1 and "only `autoexports chart` writes SVG" in r.stderr
    r = run(cli, tmp_path, "chart", "bump", "--output", "c.csv")
    assert r.returncode == 1 and "end it in .svg" in r.stderr and not (tmp_path / "c.csv").exists()
    r = run(cli, tmp_path, "chart", "bump", "--output", "c.svg")
    assert r.returncode == 0 and (tmp_path / "c.svg").read_text().lstrip().startswith("<svg")


def test_data_convert_takes_the_format_from_output(cli, tmp_path):
    out = tmp_path / "ref.json"
    r = run(cli, tmp_path, "data", "convert", "--output", out)
    assert r.returncode == 0, r.stderr
    assert out.read_text() == run(cli, tmp_path, "data", "convert", "--to", "json").stdout
    r = run(cli, tmp_path, "data", "convert", "--output", tmp_path / "ref.html")
    assert r.returncode == 1 and "give the output format" in r.stderr


# ---- item 7: explain without --period; granularity hints ---------------------------------

HEADER = "exporter,period,segment,metric,value\n"


def _family(rows):
    return HEADER + "".join(f"{e},{p},{s},units,{v}\n" for e, p, s, v in rows)


def test_explain_without_period_takes_the_latest_common_period(cli, tmp_path):
    # CHN has 2024, JPN stops in 2023: the latest period where both have figures is 2023.
    f = write(
        tmp_path,
        "y.csv",
        _family(
            [
                ("CHN", 2022, "total", 300),
                ("CHN", 2022, "nev", 50),
                ("CHN", 2023, "total", 500),
                ("CHN", 2023, "nev", 150),
                ("CHN", 2024, "total", 600),
                ("CHN", 2024, "nev", 250),
                ("JPN", 2022, "total", 400),
                ("JPN", 2022, "nev", 5),
                ("JPN", 2023, "total", 420),
                ("JPN", 2023, "nev", 6),
            ]
        ),
    )
    r = run(cli, tmp_path, "explain", "CHN", "JPN", "--input", f, "--format", "json")
    assert r.returncode == 0, r.stderr
    explicit = run(cli, tmp_path, "explain", "CHN", "JPN", "--input", f, "--period", "2023", "--format", "json")
    assert r.stdout == explicit.stdout
    assert json.loads(r.stdout)["overtake"]["period"] == "2023"


def test_explain_without_period_on_the_embedded_data(cli, tmp_path):
    r = run(cli, tmp_path, "explain", "CHN", "JPN", "--format", "json")
    assert r.returncode == 0, r.stderr
    period = json.loads(r.stdout)["overtake"]["period"]
    assert r.stdout == run(cli, tmp_path, "explain", "CHN", "JPN", "--period", period, "--format", "json").stdout


def test_explain_change_without_to(cli, tmp_path):
    r = run(cli, tmp_path, "explain", "CHN", "--format", "json")
    assert r.returncode == 0, r.stderr


MONTHLY = _family(
    [
        ("CHN", "2023-01", "total", 100),
        ("CHN", "2023-01", "nev", 30),
        ("CHN", "2023-02", "total", 120),
        ("CHN", "2023-02", "nev", 40),
        ("CHN", "2023-03", "total", 130),
        ("CHN", "2023-03", "nev", 45),
        ("JPN", "2023-01", "total", 110),
        ("JPN", "2023-01", "nev", 1),
        ("JPN", "2023-02", "total", 105),
        ("JPN", "2023-02", "nev", 1),
    ]
)


@pytest.mark.parametrize("args", [["explain", "CHN", "JPN"], ["rank"], ["explain", "CHN"], ["milestones"], ["report"]])
def test_monthly_data_name_the_granularity(cli, tmp_path, args):
    f = write(tmp_path, "m.csv", MONTHLY)
    r = run(cli, tmp_path, *args, "--input", f)
    assert r.returncode == 1 and "--granularity month" in r.stderr and r.stderr.count("\n") == 1, r.stderr


def test_monthly_data_with_the_granularity(cli, tmp_path):
    f = write(tmp_path, "m.csv", MONTHLY)
    r = run(cli, tmp_path, "explain", "CHN", "JPN", "--input", f, "--granularity", "month", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["overtake"]["period"] == "2023-02"  # JPN has no March


# ---- item 8: a report that cannot fill a section says so ---------------------------------

TOTALS_ONLY = _family(
    [("CHN", 2022, "total", 100), ("CHN", 2023, "total", 120), ("JPN", 2022, "total", 110), ("JPN", 2023, "total", 105)]
)


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "html"])
def test_report_says_which_section_and_why(cli, tmp_path, fmt):
    f = write(tmp_path, "y.csv", TOTALS_ONLY)
    r = run(cli, tmp_path, "report", "--input", f, "--format", fmt)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    if fmt == "json":
        sections = {s["key"]: s for s in json.loads(out)["sections"]}
        assert set(sections) == {"league_units", "milestones", "was_it_evs", "league_value", "projection"}
        assert "nev" in sections["was_it_evs"]["missing"]
        assert "USD" in sections["league_value"]["missing"]
        assert "nev" in sections["projection"]["missing"]
        assert "missing" not in sections["league_units"]
        return
    for title in ("3  Was it EVs?", "4  Who leads by value", "5  What next?"):
        assert title in out
    assert out.count("Not shown: ") >= 3
    assert "no yearly export values in USD" in out and "has no nev" in out
    if fmt == "html":
        assert 'id="was_it_evs"' in out and 'id="projection"' in out and 'class="warning missing"' in out


def test_report_without_a_headline_says_so(cli, tmp_path):
    # Japan leads throughout: no first-time leader, so sections 3 and 5 have nothing to follow.
    f = write(
        tmp_path,
        "y.csv",
        _family(
            [
                ("CHN", 2022, "total", 100),
                ("CHN", 2023, "total", 100),
                ("JPN", 2022, "total", 110),
                ("JPN", 2023, "total", 150),
            ]
        ),
    )
    r = run(cli, tmp_path, "report", "--input", f, "--format", "json")
    sections = {s["key"]: s for s in json.loads(r.stdout)["sections"]}
    assert "first time" in sections["was_it_evs"]["missing"]
    assert "first time" in sections["projection"]["missing"]


def test_embedded_report_fills_every_section(cli, tmp_path):
    r = run(cli, tmp_path, "report", "--format", "json")
    assert all("missing" not in s for s in json.loads(r.stdout)["sections"])
    assert "Not shown" not in run(cli, tmp_path, "report").stdout
