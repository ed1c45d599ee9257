"""Import progress: on a terminal, reading a file above 8 MB (ImportProgress.threshold in
Sources/AutoExportsCLI/DataInput.swift) prints the percentage of bytes read on stderr; on a
pipe nothing at all. The terminal is a pseudo-terminal from Python's `pty` module."""

import os
import pty
import subprocess

import pytest

EXPORTERS = ["CHN", "JPN", "DEU", "KOR", "MEX", "USA", "ESP", "FRA", "GBR", "CAN"]
SEGMENTS = ["bev", "phev", "fcev", "hev", "ice", "other"]


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    """A valid tidy CSV of about 14 MB: 10 exporters × 6 segments × 2 metrics × 2,400 months."""
    path = tmp_path_factory.mktemp("progress") / "big.csv"
    months = [f"{y}-{m:02d}" for y in range(1901, 2101) for m in range(1, 13)]
    with open(path, "w") as f:
        f.write("exporter,period,segment,metric,value,source,scope\n")
        for e in EXPORTERS:
            for s in SEGMENTS:
                for metric in ("units", "usd"):
                    f.writelines(f"{e},{p},{s},{metric},{i + 1000},SRC,all_vehicles\n" for i, p in enumerate(months))
    assert path.stat().st_size > 8 << 20
    return path


def run_with_stderr_on_pty(args):
    master, slave = pty.openpty()
    try:
        r = subprocess.run(args, stdout=subprocess.PIPE, stderr=slave, env={"PATH": "/usr/bin:/bin"})
    finally:
        os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # EIO: the other side is closed and everything was read
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return r.returncode, r.stdout.decode(), b"".join(chunks).decode()


def test_progress_on_a_terminal(cli, big_csv):
    code, out, err = run_with_stderr_on_pty([str(cli), "data", "list", "--input", str(big_csv), "--format", "csv"])
    assert code == 0
    assert "reading big.csv: " in err and "100%" in err, err
    percents = [int(p.split("%")[0]) for p in err.split("reading big.csv: ")[1:]]
    assert percents == sorted(percents) and len(percents) >= 2, "one update per block, increasing"
    assert out.count("\n") == 1 + len(EXPORTERS) * len(SEGMENTS) * 2  # the data were read


def test_no_progress_on_a_pipe(cli, big_csv):
    r = subprocess.run(
        [str(cli), "data", "list", "--input", str(big_csv), "--format", "csv"], capture_output=True, text=True
    )
    assert r.returncode == 0 and r.stderr == ""


def test_no_progress_for_a_small_file_on_a_terminal(cli, repo):
    small = repo / "Sources/AutoExports/Data/Reference/exports.csv"
    code, _, err = run_with_stderr_on_pty([str(cli), "data", "list", "--input", str(small)])
    assert code == 0 and err == ""
