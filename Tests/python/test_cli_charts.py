"""`autoexports chart`: every chart renders to a PNG of the expected size (rsvg-convert),
and says what it should (titles, axis labels, the headline crossing, the source line)."""

import html
import shutil
import struct
import subprocess
from pathlib import Path

import pytest


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", head[16:24])


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


@pytest.mark.parametrize(
    "args,must_contain",
    [
        (["bump"], ["Rank by units", "China", "Japan", "rank (1 = largest exporter)", "Source:", "Scopes differ"]),
        (["line"], ["China passes Japan, 2023", "vehicles exported", "Source:"]),
        (["segments", "CHN"], ["China's vehicle exports by powertrain", "NEV", "conventional", "25%", "4.91M"]),
        (["bump", "--metric", "usd"], ["Rank by export value", "Germany"]),
        (
            ["projection"],
            ["China's NEV passes Japan's total", "prediction interval", "<polygon", "Source: China's NEV: CAAM"],
        ),
    ],
)
def test_chart_renders_to_png(cli, tmp_path, args, must_contain):
    if shutil.which("rsvg-convert") is None:
        pytest.fail("rsvg-convert missing: Tests/setup.sh installs librsvg2-bin")
    svg = tmp_path / "chart.svg"
    out = subprocess.run([str(cli), "chart", *args, "--output", str(svg)], check=True, capture_output=True, text=True)
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
    r = subprocess.run(
        [str(cli), "chart", "segments", "JPN", "--output", str(tmp_path / "x.svg")], capture_output=True, text=True
    )
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "Japan has no NEV" in r.stderr


# ---------------------------------------------------------------------------------------
# `chart destinations` (the report's "Where did it go?"): bars measured against the
# changes computed here from the tidy rows of the file the chart is drawn from.

DEST = [
    # exporter, partner ("" = world), period, segment, value, source, scope
    ("CHN", "", 2022, "total", 3110000, "CAAM", "all_vehicles"),
    ("CHN", "", 2023, "total", 4910000, "CAAM", "all_vehicles"),
    ("CHN", "RUS", 2022, "total", 153200, "GACC", "passenger_cars"),
    ("CHN", "RUS", 2023, "total", 909000, "CAAM", "all_vehicles"),
    ("CHN", "MEX", 2022, "total", 100000, "CAAM", "all_vehicles"),
    ("CHN", "MEX", 2023, "total", 300000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2022, "total", 200000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2023, "total", 400000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2022, "nev", 150000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2023, "nev", 320000, "CAAM", "all_vehicles"),
    ("CHN", "THA", 2022, "total", 90000, "CAAM", "all_vehicles"),
    ("CHN", "THA", 2023, "total", 100000, "CAAM", "all_vehicles"),
    ("CHN", "THA", 2022, "nev", 40000, "CAAM", "all_vehicles"),
    ("CHN", "THA", 2023, "nev", 70000, "CAAM", "all_vehicles"),
    ("CHN", "SAU", 2022, "total", 80000, "CAAM", "all_vehicles"),
    ("CHN", "SAU", 2023, "total", 50000, "CAAM", "all_vehicles"),
    ("CHN", "AUS", 2022, "total", 100000, "CPCA", "vehicles_unspecified"),
    ("CHN", "AUS", 2023, "total", 150000, "CPCA", "vehicles_unspecified"),
]
HOSTILE = "<script>alert('x')</script> & \"CPCA\" ]]>"


def write_dest(path, rows):
    import csv

    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["exporter", "partner", "period", "segment", "metric", "value", "source", "scope"])
        for r in rows:
            w.writerow([r[0], r[1], r[2], r[3], "units", r[4], r[5], r[6]])
    return path


def expected_changes(rows, a=2022, b=2023):
    """label -> (segment parts {segment: change}, kind) from the rows: exact when both years
    have the total's source and scope, own when both have another one, unlike otherwise."""
    from collections import defaultdict

    key = {(r[5], r[6]) for r in rows if r[1] == "" and r[3] == "total"}
    assert len(key) == 1
    key = key.pop()
    fig = defaultdict(dict)
    for r in rows:
        fig[(r[1], r[3])][r[2]] = r
    out = {}
    names = {
        "RUS": "Russia",
        "MEX": "Mexico",
        "BEL": "Belgium",
        "THA": "Thailand",
        "SAU": "Saudi Arabia",
        "AUS": "Australia",
    }
    exact_sum = 0
    for (p, seg), m in fig.items():
        if not p or seg != "total":
            continue
        ka, kb = m[a][5:7], m[b][5:7]
        change = m[b][4] - m[a][4]
        kind = "exact" if ka == kb == key else "own" if ka == kb else "unlike"
        parts = {"all": change}
        if (p, "nev") in fig:
            nev = fig[(p, "nev")][b][4] - fig[(p, "nev")][a][4]
            parts = {"NEV": nev, "conventional": change - nev}
        out[names[p]] = (parts, kind)
        if kind == "exact":
            exact_sum += change
    w = fig[("", "total")]
    out["Rest of world"] = ({"all": w[b][4] - w[a][4] - exact_sum}, "exact")
    return out


def bars(svg_path):
    """label -> [(part, x, width, fill)] from each bar's <rect><title>…</title></rect>."""
    import xml.etree.ElementTree as ET

    root = ET.parse(svg_path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    out = {}
    zero = None
    for el in root.iter(f"{ns}line"):
        if el.get("stroke") == "#333":
            zero = float(el.get("x1"))
    for el in root.iter(f"{ns}rect"):
        t = el.find(f"{ns}title")
        if t is None:
            continue
        head, value = t.text.split(": ", 1)
        label, _, part = head.partition(" · ")
        out.setdefault(label, []).append(
            (part or "all", float(el.get("x")), float(el.get("width")), el.get("fill"), value)
        )
    return out, zero, root


def test_destination_bars_are_proportional_to_the_changes(cli, tmp_path):
    src = write_dest(tmp_path / "d.csv", DEST)
    svg = tmp_path / "d.svg"
    out = subprocess.run(
        [str(cli), "chart", "destinations", "CHN", "--input", str(src), "--output", str(svg)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    got, zero, root = bars(svg)
    want = expected_changes(DEST)
    assert set(got) == set(want)
    scale = None
    for label, (parts, kind) in want.items():
        drawn = {p: (x, w, fill, v) for p, x, w, fill, v in got[label]}
        assert set(drawn) == set(parts), label
        for part, change in parts.items():
            x, w, fill, _ = drawn[part]
            s = w / abs(change)
            scale = scale or s
            assert s == pytest.approx(scale, rel=0.002, abs=0.15 / abs(change)), (label, part)  # SVG rounds to 0.1 px
            if change > 0:
                assert x >= zero - 0.11, (label, part)  # growth to the right of zero
            else:
                assert x + w <= zero + 0.11, (label, part)  # decline to the left
        if kind == "unlike":
            assert all(f.startswith("url(#") for _, _, f, _ in drawn.values()), "hatched"
        elif "NEV" in parts:
            assert drawn["NEV"][2] == "#007A5A" and drawn["conventional"][2] == "#8C8C8C"
    # The rest of world is last; the value column says each change, ≈ for the indicative one.
    texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    labels = [t for t in texts if t in want]
    assert labels[-1] == "Rest of world"
    assert "≈+755.8k" in texts and "+50k †" in texts and "-30k" in texts
    title = root.find("{http://www.w3.org/2000/svg}title").text
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert title.startswith("Where did it go? China's exports by destination") and "Russia" in desc
    if shutil.which("rsvg-convert"):
        png = tmp_path / "d.png"
        subprocess.run(["rsvg-convert", "-o", str(png), str(svg)], check=True)
        assert png_size(png)[0] == 820 and png.stat().st_size > 10_000


def test_destination_chart_keeps_hostile_values_as_data(cli, tmp_path):
    rows = [r if r[1] != "AUS" else r[:5] + (HOSTILE, "<b>" + "s" * 400 + "</b>") for r in DEST]
    src = write_dest(tmp_path / "h.csv", rows)
    svg = tmp_path / "h.svg"
    subprocess.run(
        [str(cli), "chart", "destinations", "CHN", "--input", str(src), "--output", str(svg)],
        check=True,
        capture_output=True,
    )
    _, _, root = bars(svg)  # parses: the text is escaped
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert not tags & {"script", "b", "foreignObject", "a"}
    for el in root.iter():
        assert not any(k.startswith("on") for k in el.attrib)
    footer = "".join(el.text or "" for el in root.iter() if el.get("font-size") == "10.5")
    assert HOSTILE.replace(" ", "") in footer.replace(" ", ""), "the source, whole, as text"
    assert "<b>" + "s" * 400 in footer.replace(" ", "")


def test_destination_chart_errors_are_one_line(cli, tmp_path):
    src = write_dest(tmp_path / "d.csv", DEST)
    for args, says in (
        (["JPN"], "Japan has no exports by destination"),
        (["CHN", "--period", "2023-01/2023-05"], "compares calendar years"),
        (["CHN", "--exporters", "CHN"], "--exporters"),
    ):
        r = subprocess.run(
            [str(cli), "chart", "destinations", *args, "--input", str(src), "--output", str(tmp_path / "x.svg")],
            capture_output=True,
            text=True,
        )
        assert r.returncode != 0 and r.stderr.count("\n") == 1 and says in r.stderr, (args, r.stderr)
    one = write_dest(tmp_path / "one.csv", [r for r in DEST if r[2] == 2023 or r[1] == ""])
    r = subprocess.run(
        [str(cli), "chart", "destinations", "CHN", "--input", str(one), "--output", str(tmp_path / "x.svg")],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 1 and "for 2023 only" in r.stderr


def test_destination_chart_long_market_names_are_not_cut(cli, tmp_path):
    """A long name moves the bars right instead of running off the left edge."""
    import xml.etree.ElementTree as ET

    rows = DEST + [
        ("CHN", "VCT", 2022, "total", 1000, "CAAM", "all_vehicles"),
        ("CHN", "VCT", 2023, "total", 3000, "CAAM", "all_vehicles"),
    ]
    src = write_dest(tmp_path / "l.csv", rows)
    svg = tmp_path / "l.svg"
    subprocess.run(
        [str(cli), "chart", "destinations", "CHN", "--input", str(src), "--output", str(svg)],
        check=True,
        capture_output=True,
    )
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    label = next(el for el in root.iter(f"{ns}text") if el.text == "Saint Vincent and the Grenadines")
    assert label.get("text-anchor") == "end"
    # Measured in the chart's font (DejaVu Sans, Tests/setup.sh installs it) at 12.5 px:
    # the text starts inside the chart, past its 24 px margin.
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("DejaVu Sans is missing (fonts-dejavu-core)")
    from PIL import ImageFont

    width = ImageFont.truetype(str(font), 125).getlength(label.text) / 10
    assert float(label.get("x")) - width >= 24
    got, zero, _ = bars(svg)
    assert min(x for parts in got.values() for _, x, *_ in parts) > float(label.get("x"))
