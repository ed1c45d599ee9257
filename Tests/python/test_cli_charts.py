"""`autoexports chart`: every chart renders to a PNG of the expected size (rsvg-convert),
and says what it should (titles, axis labels, the headline crossing, the source line)."""

import html
import shutil
import struct
import subprocess

import pytest


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


@pytest.mark.parametrize("args,must_contain", [
    (["bump"], ["Rank by units", "China", "Japan", "rank (1 = largest exporter)", "Source:", "Scopes differ"]),
    (["line"], ["China passes Japan, 2023", "vehicles exported", "Source:"]),
    (["segments", "CHN"], ["China's vehicle exports by powertrain", "NEV", "conventional", "25%", "4.91M"]),
    (["bump", "--metric", "usd"], ["Rank by export value", "Germany"]),
    (["projection"], ["China's NEV passes Japan's total", "prediction interval", "<polygon", "Source: China's NEV: CAAM"]),
])
def test_chart_renders_to_png(cli, tmp_path, args, must_contain):
    if shutil.which("rsvg-convert") is None:
        pytest.fail("rsvg-convert missing: Tests/setup.sh installs librsvg2-bin")
    svg = tmp_path / "chart.svg"
    out = subprocess.run([str(cli), "chart", *args, "--output", str(svg)], check=True,
                         capture_output=True, text=True)
    assert out.stdout.strip() == f"wrote {svg}"
    text = html.unescape(svg.read_text())  # the words a reader sees, whatever the escaping
    for s in must_contain:
        assert s in text, s
    png = tmp_path / "chart.png"
    subprocess.run(["rsvg-convert", "-o", str(png), str(svg)], check=True)
    # 820 wide; taller than 500 when the source footer wraps onto more lines.
    w, h = png_size(png)
    assert w == 820 and 500 <= h <= 500 + 14 * 6
    assert png.stat().st_size > 15_000, "a near-empty picture"


def test_chart_errors_are_one_line(cli, tmp_path):
    r = subprocess.run([str(cli), "chart", "segments", "JPN", "--output", str(tmp_path / "x.svg")],
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Japan has no NEV" in r.stderr
