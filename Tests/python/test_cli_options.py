"""Every subcommand takes the one shared option set (--input, --input-format, --metric,
--segment, --period, --granularity, --source, --scope, --exporters, --top, --format,
--output); each option either works or is refused with one line saying why. Exit status is
0 or 1, errors are one line on stderr, never a stack trace; `--help` has examples; colour
only on a terminal and never with NO_COLOR."""

import os
import pathlib
import pty
import subprocess

import pytest

REFERENCE = "Sources/AutoExports/Data/Reference/exports.csv"

COMMANDS = {
    "report": ["report"],
    "rank": ["rank"],
    "milestones": ["milestones"],
    "explain-pair": ["explain", "CHN", "JPN", "--period", "2023"],
    "explain-change": ["explain", "CHN", "--to", "2023"],
    "project": ["project", "CHN:nev", "JPN"],
    "chart-bump": ["chart", "bump"],
    "chart-line": ["chart", "line"],
    "chart-segments": ["chart", "segments", "CHN"],
    "data-list": ["data", "list"],
    "data-show": ["data", "show", "CHN"],
    "data-validate": ["data", "validate", REFERENCE],
    "data-convert": ["data", "convert", REFERENCE, "--to", "csv"],
}

OPTIONS = {
    "input": ["--input", REFERENCE],
    "input-format": ["--input", REFERENCE, "--input-format", "tidy"],
    "metric": ["--metric", "usd"],
    "segment": ["--segment", "nev"],
    "period": ["--period", "2024"],
    "granularity": ["--granularity", "year"],
    "source": ["--source", "CAAM"],
    "scope": ["--scope", "all_vehicles"],
    "exporters": ["--exporters", "CHN,JPN,DEU"],
    "top": ["--top", "3"],
    "format-markdown": ["--format", "markdown"],
    "format-json": ["--format", "json"],
    "output": ["--output", "OUT"],
}

# Options a subcommand cannot use: refused with "… does not apply to …".
REFUSED = {
    ("report", "metric"),
    ("report", "segment"),
    ("explain-pair", "segment"),
    ("explain-pair", "exporters"),
    ("explain-pair", "top"),
    ("explain-change", "segment"),
    ("explain-change", "exporters"),
    ("explain-change", "top"),
    ("project", "segment"),
    ("project", "period"),
    ("project", "exporters"),
    ("project", "top"),
    ("chart-bump", "period"),
    ("chart-line", "period"),
    ("chart-line", "top"),
    ("chart-segments", "segment"),
    ("chart-segments", "period"),
    ("chart-segments", "exporters"),
    ("chart-segments", "top"),
    ("data-list", "period"),
    ("data-show", "exporters"),
    ("data-validate", "period"),
    ("data-validate", "exporters"),
    ("data-validate", "top"),
    ("data-validate", "granularity"),
    ("data-validate", "format-markdown"),
    ("data-validate", "format-json"),
    ("data-validate", "output"),
    ("data-convert", "period"),
    ("data-convert", "exporters"),
    ("data-convert", "top"),
    ("data-convert", "granularity"),
    ("chart-bump", "format-markdown"),
    ("chart-bump", "format-json"),
    ("chart-line", "format-markdown"),
    ("chart-line", "format-json"),
    ("chart-segments", "format-markdown"),
    ("chart-segments", "format-json"),
    ("data-validate", "input"),
    ("data-validate", "input-format"),
    ("data-convert", "input"),
    ("data-convert", "input-format"),
    ("data-convert", "format-markdown"),
    ("data-convert", "format-json"),
}


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, repo, args):
    return subprocess.run(
        [str(cli), *args], capture_output=True, text=True, cwd=repo, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    )


def check_one_line_error(r):
    assert r.returncode in (0, 1), r.returncode
    assert "Fatal error" not in r.stderr and "Stack" not in r.stderr and "Backtrace" not in r.stderr
    if r.returncode == 1:
        assert r.stderr.startswith("autoexports: ") and r.stderr.count("\n") == 1, r.stderr


@pytest.mark.parametrize("command,option", [(c, o) for c in COMMANDS for o in OPTIONS])
def test_every_option_works_or_is_refused_in_one_line(cli, repo, tmp_path, command, option):
    args = [*COMMANDS[command], *[str(tmp_path / "out") if a == "OUT" else a for a in OPTIONS[option]]]
    if command.startswith("chart") and option != "output":
        args += ["--output", str(tmp_path / "chart.svg")]
    r = run(cli, repo, args)
    check_one_line_error(r)
    if (command, option) in REFUSED:
        assert r.returncode == 1
        assert (
            "does not apply" in r.stderr or "give the file" in r.stderr or "give the output format once" in r.stderr
        ), r.stderr
    elif r.returncode == 1:
        # Not refused: the option applied and the data said no (e.g. no usd NEV series).
        assert "does not apply" not in r.stderr, r.stderr
        assert (command, option) in {
            ("explain-pair", "metric"),
            ("explain-change", "metric"),
            ("explain-pair", "source"),
            ("explain-change", "source"),
            ("project", "metric"),
            ("project", "source"),
            ("chart-segments", "metric"),
        }, r.stderr
    if option == "output" and r.returncode == 0:
        assert (tmp_path / "out").exists() and (tmp_path / "out").stat().st_size > 0


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--top", "0"], "--top must be at least 1"),
        (["--metric", "yen!"], "unknown --metric"),
        (["--segment", "diesel"], "unknown --segment"),
        (["--period", "20x4"], "bad --period"),
        (["--granularity", "week"], "unknown --granularity"),
        (["--exporters", "CHN,Atlantis"], "unknown exporter 'Atlantis'"),
        (["--input-format", "xml", "--input", REFERENCE], "unknown --input-format"),
        (["--input-format", "wide"], "--input-format applies only with --input"),
        (["--input", "/nonexistent/x.csv"], "cannot read"),
        (["--format", "yaml"], "format"),
        (["--no-such-option"], "no-such-option"),
    ],
)
def test_bad_values_are_one_line_errors(cli, repo, args, needle):
    r = run(cli, repo, ["rank", *args])
    check_one_line_error(r)
    assert r.returncode == 1 and needle in r.stderr, r.stderr


def test_shared_options_change_the_report(cli, repo):
    base = run(cli, repo, ["report"]).stdout
    r2024 = run(cli, repo, ["report", "--period", "2024", "--top", "2"]).stdout
    assert "Who leads in 2024" in r2024 and "Who leads in 2025" in base
    league = r2024.split("\n\n")[1]
    # 2024 by units: CHN, JPN, MEX, DEU (Destatis), KOR, ESP, GBR (exports.csv).
    assert "showing the top 2 of 7 ranked exporters" in league
    trio = run(cli, repo, ["report", "--exporters", "CHN,JPN,DEU"]).stdout.split("\n\n")[1]
    assert "Mexico" not in trio and "China" in trio and "Germany" in trio


def test_top_and_exporters_filter_the_data_commands(cli, repo):
    lines = run(cli, repo, ["data", "list", "--exporters", "CHN", "--format", "csv"]).stdout.splitlines()
    assert len(lines) > 2 and all(l.startswith("CHN,") for l in lines[1:])
    lines = run(cli, repo, ["milestones", "--top", "2", "--format", "csv"]).stdout.splitlines()
    assert len(lines) == 3


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["report"],
        ["rank"],
        ["milestones"],
        ["explain"],
        ["project"],
        ["chart"],
        ["data"],
        ["data", "list"],
        ["data", "show"],
        ["data", "validate"],
        ["data", "convert"],
    ],
)
def test_help_has_examples(cli, repo, command):
    r = run(cli, repo, [*command, "--help"])
    assert r.returncode == 0 and "Examples:" in r.stdout and "autoexports " in r.stdout


def stdout_on_pty(cli, repo, args, env):
    master, slave = pty.openpty()
    try:
        r = subprocess.run([str(cli), *args], stdout=slave, stderr=subprocess.PIPE, cwd=repo, env=env)
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert r.returncode == 0
    return b"".join(chunks).decode()


def test_colour_only_on_a_terminal_and_never_with_no_color(cli, repo):
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm"}
    assert "\x1b[1m" in stdout_on_pty(cli, repo, ["rank", "--period", "2024"], env)
    assert "\x1b[" not in stdout_on_pty(cli, repo, ["rank", "--period", "2024"], {**env, "NO_COLOR": "1"})
    assert "\x1b[" not in run(cli, repo, ["rank", "--period", "2024"]).stdout


def test_report_on_the_reference_file_is_the_report_on_the_embedded_data(cli, repo, tmp_path):
    """The embedded data are the two reference files (national totals and destinations):
    one tidy file made of both gives the same report, destinations sections included."""
    import csv

    rows, columns = [], []
    for name in ("exports.csv", "destinations.csv"):
        with open(pathlib.Path(repo) / pathlib.Path(REFERENCE).parent / name, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            columns += [c for c in reader.fieldnames or [] if c not in columns]
            rows += list(reader)
    both = tmp_path / "both.csv"
    with open(both, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, restval="", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    embedded = run(cli, repo, ["report"]).stdout
    assert "Where did it go?" in embedded
    assert run(cli, repo, ["report", "--input", str(both)]).stdout == embedded


def test_wide_input_takes_metric_source_and_scope_for_its_cells(cli, repo, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("Country Name,Country Code,2022,2023\nChina,CHN,10,30\nJapan,JPN,20,25\nGermany,DEU,15,12\n")
    r = run(
        cli,
        repo,
        [
            "rank",
            "--input",
            str(wide),
            "--input-format",
            "wide",
            "--metric",
            "usd",
            "--source",
            "TEST",
            "--scope",
            "cars",
            "--format",
            "csv",
        ],
    )
    assert r.returncode == 0, r.stderr
    rows = [l.split(",") for l in r.stdout.splitlines()[1:]]
    assert [(x[0], x[1], x[2], x[7], x[8]) for x in rows] == [
        ("1", "CHN", "30", "TEST", "cars"),
        ("2", "JPN", "25", "TEST", "cars"),
        ("3", "DEU", "12", "TEST", "cars"),
    ]
    listed = run(
        cli,
        repo,
        ["data", "list", "--input", str(wide), "--input-format", "wide", "--metric", "usd", "--format", "csv"],
    ).stdout.splitlines()
    assert len(listed) == 4 and all(",usd," in l for l in listed[1:])
