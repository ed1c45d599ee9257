"""`autoexports report --format html`: the page, hostile data in every output format, and
the page in a real browser (Debian's headless chromium, Tests/browser/chromium.py).

The oracles: the report's own JSON (the same Story the page renders), the CLI's JSON league
tables and milestones, Python's html.parser / xml.etree / csv / json parsers, and Chromium
(rendered DOM, console, NetLog of requests, screenshots, print to PDF, pdftoppm).
Browser tests skip, saying why, only when chromium is not installed (Tests/setup.sh
installs it). UPDATE_SCREENSHOTS=1 also writes docs/img/report-desktop.png and
report-phone.png (the top of the page).
"""

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "browser"))
import chromium  # noqa: E402

try:
    from PIL import Image
except ImportError:  # pragma: no cover - Pillow is in Tests/python/requirements.txt
    Image = None


def _cli():
    # The newest of the release and debug builds (a stale release build would test old code).
    found = [
        p
        for p in (REPO / ".build" / "release" / "autoexports", REPO / ".build" / "debug" / "autoexports")
        if p.is_file()
    ]
    assert found, "build the CLI first (make cli)"
    return max(found, key=lambda p: p.stat().st_mtime)


CLI = _cli()


def run(*args, check=True):
    r = subprocess.run([str(CLI), *map(str, args)], capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    if check:
        assert r.returncode == 0, r.stderr
    return r


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("page") / "report.html"
    run("report", "--format", "html", "--output", path)
    return path


@pytest.fixture(scope="module")
def story():
    return json.loads(run("report", "--format", "json").stdout)


class Doc(HTMLParser):
    """Every element with its attributes, the text of each element kind, in order."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self.stack = []
        self.texts = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "input", "link", "circle", "line", "rect", "polyline", "polygon"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        self.texts.append((tuple(self.stack), data))

    def text_in(self, tag):
        return ["".join(d for s, d in self.texts if s and s[-1] == tag)]

    def all_text(self):
        return " ".join(d for _, d in self.texts)


def element_texts(text, tag):
    """The text of each <tag>…</tag> (no nesting of the same tag)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.S)]


# ---------------------------------------------------------------------------------------
# The page, without a browser


def test_page_has_the_sections_in_the_reports_order(page, story):
    text = page.read_text()
    ids = re.findall(r'<section id="([a-z_]+)"', text)
    assert ids == [s["key"] for s in story["sections"]]
    assert ids[:3] == ["league_units", "milestones", "was_it_evs"]
    titles = element_texts(text, "h2")
    words = [d for _, d in Doc(text).texts]
    for s in story["sections"]:
        assert s["title"] in titles
        for line in s["lines"]:  # every sentence of the report is on the page, as one text
            assert line in words, line


def test_page_is_self_contained(page):
    text = page.read_text()
    doc = Doc(text)
    tags = [t for t, _ in doc.elements]
    assert "script" not in tags and "iframe" not in tags and "object" not in tags and "embed" not in tags
    assert "link" not in tags and "img" not in tags
    for tag, attrs in doc.elements:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("src", "srcset", "xlink:href", "action", "poster", "data", "background"):
                pytest.fail(f"<{tag} {name}={value!r}> loads a resource")
            if name == "href":
                assert tag == "a", (tag, value)
                assert value.startswith("#") or re.match(r"https?://", value), value
    assert "url(" not in text.split("</style>")[0].split("<style>")[1], "CSS loads nothing"
    assert "@import" not in text
    csp = [a["content"] for t, a in doc.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0] and "script-src" not in csp[0]


def test_each_league_row_cites_its_page(page):
    """Each row's citation (the CLI's JSON league table) is a link on the page."""
    text = page.read_text()
    hrefs = {a.get("href") for t, a in Doc(text).elements if t == "a"}
    table = json.loads(run("rank", "--format", "json").stdout)
    cited = [r["citation"] for r in table["rows"] if r.get("citation")]
    assert cited, "the reference data cite their figures"
    for c in cited:
        assert (c in hrefs) == bool(re.match(r"https?://", c)), c
    value = json.loads(run("rank", "--format", "json", "--metric", "usd", "--period", "2024").stdout)
    for r in value["rows"]:
        if r.get("citation", "").startswith(("http://", "https://")):
            assert r["citation"] in hrefs


def test_charts_are_described_by_their_headline(page, story):
    text = page.read_text()
    svgs = re.findall(r"<svg\b.*?</svg>", text, re.S)
    assert len(svgs) >= 4, "bump, line, powertrain and projection charts"
    for svg in svgs:
        ET.fromstring(svg)  # well-formed XML
        assert 'viewBox="0 0 ' in svg and 'role="img"' in svg
        titles, descs = element_texts(svg, "title"), element_texts(svg, "desc")
        assert titles and titles[0].strip() and descs and len(descs[0]) > 40
        assert descs[0].strip().lower() not in ("chart", "a chart")
    sections = {s["key"]: s for s in story["sections"]}
    descs = [element_texts(s, "desc")[0] for s in svgs]
    assert sections["league_units"]["lines"][0] in descs[0]
    assert sections["milestones"]["lines"][0] in descs[1], "the line chart states the headline"
    verdict = [line for line in sections["was_it_evs"]["lines"] if line.startswith("Verdict")][0]
    assert verdict in descs[2]
    assert sections["projection"]["lines"][1] in descs[3]


def test_tables_have_header_cells(page):
    text = page.read_text()
    tables = re.findall(r"<table>.*?</table>", text, re.S)
    assert len(tables) >= 2
    for t in tables:
        heads = re.findall(r'<th scope="(col|row)"', t)
        rows = t.count("<tr>") - 1
        assert heads.count("col") >= 5 and heads.count("row") == rows


def test_warnings_date_range_and_command_are_visible(page, story):
    text = page.read_text()
    units = next(s for s in story["sections"] if s["key"] == "league_units")
    warnings = [w["message"] for w in units["warnings"]]
    assert any("scope" in w for w in warnings), "the reference data mix scopes"
    for w in warnings:
        assert text.count(html.escape(w, quote=True)) >= 2, "in the box at the top and beside the table"
    assert "How to read this" in text
    data = json.loads(run("data", "list", "--format", "json").stdout)
    # `data list` gives one range per kind of period ("2010–2025; FY2010–FY2019"): the page's
    # range is of calendar years, and the other kinds are named beside it.
    spans = [span.strip() for r in data["rows"] for span in r["periods"].split(";")]
    years = [y for span in spans for y in span.split("–") if y.isdigit()]
    others = [span for span in spans if not span.split("–")[0].isdigit()]
    assert f"Data from <strong>{min(years)}</strong> to <strong>{max(years)}</strong>" in text
    for span in others:
        assert span.split("–")[0] in text and "not compared with calendar years" in text
    code = element_texts(text, "code")
    assert any(c.startswith("autoexports report --format html --output ") for c in code), code


def test_colors_follow_the_exporter_across_charts(page):
    """China (and every exporter) is drawn in one colour in every chart of the page."""
    text = page.read_text()
    seen = {}
    for svg in re.findall(r"<svg\b.*?</svg>", text, re.S):
        for color, name in re.findall(r'fill="(#[0-9A-Fa-f]{6})" font-weight="bold">([^<]+)</text>', svg):
            name = html.unescape(name).replace("'s NEV", "").replace("'s total", "")
            seen.setdefault(name, set()).add(color.upper())
    assert {"China", "Japan"} <= set(seen)
    for name, colors in seen.items():
        assert len(colors) == 1, (name, colors)
    assert len({next(iter(c)) for c in seen.values()}) == len(seen), "one colour per exporter"


def contrast(hex_color, background="#FFFFFF"):
    def lum(h):
        c = [int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    a, b = sorted((lum(hex_color), lum(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def test_text_colours_pass_wcag_aa(page):
    """Every text colour of the charts and the stylesheet has 4.5:1 on white (AA)."""
    text = page.read_text()
    fills = set(re.findall(r'<text[^>]* fill="(#[0-9A-Fa-f]{6})"', text))
    css = text.split("<style>")[1].split("</style>")[0]
    colors = fills | set(re.findall(r"(?:--ink|--muted|--link|--warn): (#[0-9A-Fa-f]{6})", css))
    assert len(colors) >= 8
    for c in colors:
        assert contrast(c) >= 4.5, c
    assert contrast("#6b4a00", "#fff5e0") >= 4.5  # warning text on its background


# ---------------------------------------------------------------------------------------
# Charts fit for publication (page and `autoexports chart`)


def test_chart_footers_list_every_source(tmp_path):
    """Every source of the ranked series appears in the bump chart's footer, uncut."""
    svg = tmp_path / "bump.svg"
    run("chart", "bump", "--output", svg)
    text = svg.read_text()
    footer = " ".join(html.unescape(t) for t in re.findall(r'font-size="10.5"[^>]*>([^<]*)</text>', text))
    # The chart draws one series per exporter (its latest league-table series): the source
    # of each exporter's row in the last year it is ranked.
    latest = {}
    for year in range(2025, 2014, -1):
        table = json.loads(run("rank", "--period", year, "--format", "json").stdout)
        for r in table["rows"]:
            latest.setdefault(r["exporter"], r["source"])
    sources = set(latest.values())
    assert "VDA" in sources and len(sources) >= 6
    for s in sources:
        assert s in footer, s
    assert "…" not in footer


def test_annual_crossing_is_labelled_with_its_year(tmp_path):
    svg = tmp_path / "line.svg"
    run("chart", "line", "--output", svg)
    text = html.unescape(svg.read_text())
    events = json.loads(run("milestones", "--format", "json").stdout)["milestones"]
    first = [m for m in events if m["kind"] == "first_time_leader" and m["subject"] == "CHN"][0]
    assert f"China passes {first['rival_name']}, {first['period']}" in text
    assert "~" not in text


# ---------------------------------------------------------------------------------------
# Hostile data


LONG = "L" * 3000
HOSTILE = {
    "CHN": ("<script>document.title='PWNED'</script>", "all_vehicles", "javascript:document.title='PWNED'"),
    "JPN": (
        "A|B `code` & \"dq\" 'sq' <img src=x onerror=\"document.title='PWNED'\">",
        "<b>scope</b>",
        "data:text/html,<script>alert(1)</script>",
    ),
    "DEU": ('=HYPERLINK("http://x")|**bold**|[x](javascript:alert(1))', "s_" + LONG, "https://example.org/a?x=1&y=2"),
    "KOR": ("KAMA", "all_vehicles", " JavaScript:alert(1)"),
}


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["exporter", "period", "segment", "metric", "value", "source", "scope", "citation"])
        for year, base in ((2022, 1.0), (2023, 1.3)):
            for i, (code, (source, scope, cite)) in enumerate(HOSTILE.items()):
                w.writerow(
                    [
                        code,
                        year,
                        "total",
                        "units",
                        int((4 - i) * 1e6 * (base if code != "CHN" else base * 1.5)),
                        source,
                        scope,
                        cite,
                    ]
                )
            w.writerow(
                ["CHN", year, "nev", "units", int(1e6 * base), HOSTILE["CHN"][0], HOSTILE["CHN"][1], HOSTILE["CHN"][2]]
            )
    return path


def test_exporter_names_from_files_must_be_known(tmp_path):
    """Names are not free text: the importer refuses an unknown exporter, naming row and column."""
    f = tmp_path / "names.csv"
    f.write_text("exporter,period,segment,metric,value,source,scope\n<script>x</script>,2023,total,units,5,S,all\n")
    r = run("rank", "--input", f, check=False)
    assert r.returncode != 0 and "line 2, column 1 (exporter)" in r.stderr and "not a known exporter" in r.stderr


def hostile_values():
    return [v for triple in HOSTILE.values() for v in triple]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
def test_rank_keeps_hostile_values_as_data(hostile_csv, fmt):
    out = run("rank", "--input", hostile_csv, "--format", fmt).stdout
    sources = [s for s, _, _ in HOSTILE.values()]
    scopes = [sc.replace("_", " ") for _, sc, _ in HOSTILE.values()]
    if fmt == "json":
        rows = json.loads(out)["rows"]
        assert sorted(r["source"] for r in rows) == sorted(sources)
        assert sorted(r["citation"] for r in rows) == sorted(c.strip() for _, _, c in HOSTILE.values())
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        got = sorted(r["source"] for r in rows)
        # Formula-like cells get a leading apostrophe (CSV injection), nothing else changes.
        assert got == sorted(("'" + s if s.startswith("=") else s) for s in sources)
    elif fmt == "table":
        for s in sources:
            assert s in out
    elif fmt == "markdown":
        check_markdown(out, sources + scopes)
    else:
        check_html(out, sources + scopes)


def check_markdown(out, values):
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    assert not re.search(r"(?<!\\)\]\((javascript|data):", out), "no Markdown link is formed"
    table = [l for l in out.splitlines() if l.startswith("|")]
    cols = len(re.split(r"(?<!\\)\|", table[0])) - 2
    for line in table:
        assert len(re.split(r"(?<!\\)\|", line)) - 2 == cols, line  # a | in a cell never splits it
    for v in values:  # each value is there, escaped
        esc = v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        for c in "\\`*_[]|!":
            esc = esc.replace(c, "\\" + c) if c != "\\" else esc
        plain = re.sub(r"\\(.)", r"\1", esc)
        assert plain in re.sub(r"\\(.)", r"\1", out), v[:60]


def check_html(out, values):
    doc = Doc(out)
    assert not [t for t, _ in doc.elements if t in ("script", "img", "b", "iframe")]
    for tag, attrs in doc.elements:
        assert not any(n.startswith("on") for n in attrs), (tag, attrs)
        if "href" in attrs:
            assert attrs["href"].startswith("#") or re.match(r"https?://", attrs["href"]), attrs["href"]
    text = doc.all_text()
    for v in values:
        assert v[:200] in text, v[:60]


def test_report_html_keeps_hostile_values_as_data(hostile_csv, tmp_path):
    out = tmp_path / "h.html"
    run("report", "--input", hostile_csv, "--format", "html", "--output", out)
    text = out.read_text()
    check_html(text, [s for s, _, _ in HOSTILE.values()])
    hrefs = [a["href"] for t, a in Doc(text).elements if t == "a" and not a["href"].startswith("#")]
    assert "https://example.org/a?x=1&y=2" in hrefs, "an http(s) citation is a link"
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    assert "javascript:document.title=&#39;PWNED&#39;" in text, "a javascript: citation stays as text"
    for svg in re.findall(r"<svg\b.*?</svg>", text, re.S):
        ET.fromstring(svg)


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_data_convert_keeps_hostile_values_as_data(hostile_csv, fmt):
    out = run("data", "convert", hostile_csv, "--to", fmt).stdout
    sources = [s for s, _, _ in HOSTILE.values()]
    if fmt == "markdown":
        check_markdown(out, sources + [sc for _, sc, _ in HOSTILE.values()])
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["source"] for r in rows} == {("'" + s if s.startswith("=") else s) for s in sources}
        assert {r["citation"] for r in rows} == {c.strip() for _, _, c in HOSTILE.values()}
    else:
        text = json.dumps(json.loads(out))
        for s in sources:
            assert json.dumps(s)[1:-1] in text


def test_report_markdown_keeps_hostile_values_as_data(hostile_csv):
    out = run("report", "--input", hostile_csv, "--format", "markdown").stdout
    check_markdown(out, [s for s, _, _ in HOSTILE.values()])


def test_report_json_keeps_hostile_values_exactly(hostile_csv):
    story = json.loads(run("report", "--input", hostile_csv, "--format", "json").stdout)
    rows = story["sections"][0]["table"]["rows"]
    assert {r["source_scope"].split("; ")[0] for r in rows} == {s for s, _, _ in HOSTILE.values()}


@pytest.mark.parametrize("kind", ["bump", "line"])
def test_svg_charts_keep_hostile_values_as_data(hostile_csv, tmp_path, kind):
    svg = tmp_path / "c.svg"
    run("chart", kind, "--input", hostile_csv, "--exporters", "CHN,JPN,DEU,KOR", "--output", svg)
    root = ET.parse(svg).getroot()
    tags = {el.tag.split("}")[-1] for el in root.iter()}
    assert not tags & {"script", "img", "foreignObject", "a", "b"}
    for el in root.iter():
        assert not any(k.startswith("on") for k in el.attrib)
    footer = "".join(el.text or "" for el in root.iter() if el.get("font-size") == "10.5")
    for s, scope, _ in HOSTILE.values():
        assert s.replace(" ", "") in footer.replace(" ", ""), s[:40]  # every source, wrapped, not cut
    assert "…" not in footer


def test_segments_chart_keeps_hostile_values_as_data(hostile_csv, tmp_path):
    svg = tmp_path / "s.svg"
    run("chart", "segments", "CHN", "--input", hostile_csv, "--output", svg)
    root = ET.parse(svg).getroot()
    assert "script" not in {el.tag.split("}")[-1] for el in root.iter()}
    assert HOSTILE["CHN"][0] in "".join(el.text or "" for el in root.iter())


# ---------------------------------------------------------------------------------------
# Python


def test_python_report_is_the_cli_page(monkeypatch):
    sys.path.insert(0, str(REPO / "bindings" / "python" / "src"))
    from autoexports import _report

    monkeypatch.setenv("AUTOEXPORTS_CLI", str(CLI))
    page = _report.report(format="html")
    assert page == run("report", "--format", "html").stdout
    assert page._repr_html_() == page
    assert (
        _report.report(format="json", period="2024", top=3)
        == run("report", "--format", "json", "--period", "2024", "--top", "3").stdout
    )
    with pytest.raises(_report.ReportError, match="unknown exporter"):
        _report.report(exporters=["CHN", "XXX"])
    with pytest.raises(ValueError):
        _report.report(format="pdf")
    monkeypatch.setenv("AUTOEXPORTS_CLI", str(REPO / "README.md"))
    with pytest.raises(_report.ExecutableNotFoundError):
        _report.find_executable()
    monkeypatch.delenv("AUTOEXPORTS_CLI")
    assert Path(_report.find_executable()).name == "autoexports"


# ---------------------------------------------------------------------------------------
# In a real browser

needs_chromium = pytest.mark.skipif(
    chromium.find() is None, reason="chromium is not installed: Tests/setup.sh installs it (apt-get install chromium)"
)


def nonblank(img, box):
    """Share of pixels in `box` that are not near-white, and the number of distinct colours."""
    import numpy as np

    a = np.asarray(img.crop(box).convert("RGB"))
    if a.size == 0:
        return 0.0, 0
    ink = float((a.min(axis=2) < 200).mean())
    return ink, len(np.unique(a.reshape(-1, 3), axis=0))


@needs_chromium
def test_harness_detects_requests_console_errors_and_scripts(tmp_path):
    """The checks below can fail: a page that fetches, logs an error and runs a script is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<html><head><title>t</title></head><body><img src="https://example.com/x.png">'
        "<script>console.error('boom'); document.title = 'RAN';</script></body></html>"
    )
    dom, console, requests = chromium.run(bad)
    assert "https://example.com/x.png" in requests
    assert any("boom" in m for m in console)
    assert "<title>RAN</title>" in dom


@needs_chromium
@pytest.mark.skipif(Image is None, reason="Pillow is missing: pip install -r Tests/python/requirements.txt")
@pytest.mark.parametrize("width,name", [(1280, "desktop"), (360, "phone")])
def test_page_in_the_browser(page, tmp_path, width, name):
    dom, console, requests = chromium.run(page, width=width)
    assert requests == [], "the page requested nothing"
    assert console == [], console
    assert "<script" not in dom
    m = chromium.measure(page, width)
    assert m["viewport"] == width
    assert m["width"] <= width, "no sideways scrolling of the page (tables scroll inside)"
    assert len(m["charts"]) >= 4
    for c in m["charts"]:
        assert c["w"] <= width and c["w"] >= width * 0.75 - 40, c  # charts scale to the column
    png = tmp_path / f"{name}.png"
    chromium.screenshot(page, png, width, int(m["height"]) + 10)
    img = Image.open(png)
    assert img.size[0] == width
    for c in m["charts"]:
        box = (int(c["x"]), int(c["y"]), int(c["x"] + c["w"]), int(c["y"] + c["h"]))
        ink, colours = nonblank(img, box)
        assert ink > 0.02 and colours > 20, (c, ink, colours)
    blank = (0, 0, width, 10)
    assert nonblank(img, blank)[0] < 0.01
    if os.environ.get("UPDATE_SCREENSHOTS"):
        # The committed screenshots: the top of the page (header to the first charts).
        out = REPO / "docs" / "img" / f"report-{name}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        img.crop((0, 0, width, min(img.size[1], 3300 if name == "desktop" else 2400))).save(out, optimize=True)


@needs_chromium
def test_hostile_page_runs_nothing_in_the_browser(hostile_csv, tmp_path):
    """Escaping holds on its own: with the Content-Security-Policy removed, nothing executes."""
    out = tmp_path / "h.html"
    run("report", "--input", hostile_csv, "--format", "html", "--output", out)
    no_csp = tmp_path / "h-no-csp.html"
    no_csp.write_text(re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", out.read_text()))
    for p in (out, no_csp):
        dom, console, requests = chromium.run(p)
        assert "PWNED" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
        assert requests == [] and console == [], (requests, console)
        doc = Doc(dom)
        assert not [t for t, _ in doc.elements if t in ("script", "img", "iframe")]
        assert all(not n.startswith("on") for _, a in doc.elements for n in a)


@needs_chromium
@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm is missing: Tests/setup.sh installs poppler-utils"
)
@pytest.mark.skipif(Image is None, reason="Pillow is missing")
def test_print_to_pdf(page, tmp_path):
    pdf = tmp_path / "report.pdf"
    chromium.print_pdf(page, pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 3, "a multi-page report"
    for p in pages:
        ink, _ = nonblank(Image.open(p), (0, 0) + Image.open(p).size)
        assert ink > 0.005, p.name


@needs_chromium
def test_segments_legend_swatches_do_not_overlap_labels(tmp_path):
    """Measured by the browser (getBBox): each legend swatch starts after the label before it."""
    svg = tmp_path / "s.svg"
    run("chart", "segments", "CHN", "--output", svg)
    probe = tmp_path / "probe.html"
    probe.write_text(
        "<html><body>"
        + svg.read_text()
        + """
<script>
var out = [];
document.querySelectorAll('rect').forEach(function (r) {
  if (r.getAttribute('width') === '12' && r.getAttribute('height') === '12') {
    var t = r.nextElementSibling.getBBox(), b = r.getBBox();
    out.push([b.x, b.x + b.width, t.x, t.x + t.width]);
  }
});
document.body.setAttribute('data-legend', JSON.stringify(out));
</script></body></html>"""
    )
    dom, _, _ = chromium.run(probe)
    items = json.loads(html.unescape(re.search(r'data-legend="([^"]*)"', dom).group(1)))
    assert len(items) == 2
    items.sort()
    for (s0, s1, t0, t1), (n0, _, _, _) in zip(items, items[1:]):
        assert s1 <= t0, "swatch before its own label"
        assert t1 + 4 <= n0, "the next swatch starts after this label"


# ---------------------------------------------------------------------------------------
# "Where did it go?": destinations (issue 19), from a tidy file with a partner column
#
# The oracle is the file itself: the changes by market are computed here from its rows
# (a market is in the exact split when both years have the total's source and scope),
# independently of the core's explainDestinations.

DEST_ROWS = [
    # exporter, partner ("" = world), period, segment, value, source, scope
    ("CHN", "", 2021, "total", 2015000, "CAAM", "all_vehicles"),
    ("CHN", "", 2022, "total", 3110000, "CAAM", "all_vehicles"),
    ("CHN", "", 2023, "total", 4910000, "CAAM", "all_vehicles"),
    ("CHN", "", 2022, "nev", 679000, "CAAM", "all_vehicles"),
    ("CHN", "", 2023, "nev", 1203000, "CAAM", "all_vehicles"),
    ("JPN", "", 2021, "total", 3818000, "JAMA", "all_vehicles"),
    ("JPN", "", 2022, "total", 3813269, "JAMA", "all_vehicles"),
    ("JPN", "", 2023, "total", 4422682, "JAMA", "all_vehicles"),
    ("DEU", "", 2022, "total", 2600000, "VDA", "passenger_cars"),
    ("DEU", "", 2023, "total", 3100000, "VDA", "passenger_cars"),
    # Russia: customs passenger cars in 2022, CAAM all vehicles in 2023 (not like for like)
    ("CHN", "RUS", 2022, "total", 153200, "GACC", "passenger_cars"),
    ("CHN", "RUS", 2023, "total", 909000, "CAAM", "all_vehicles"),
    ("CHN", "MEX", 2022, "total", 100000, "CAAM", "all_vehicles"),
    ("CHN", "MEX", 2023, "total", 300000, "CAAM", "all_vehicles"),
    # Belgium split by powertrain
    ("CHN", "BEL", 2022, "total", 200000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2023, "total", 400000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2022, "nev", 150000, "CAAM", "all_vehicles"),
    ("CHN", "BEL", 2023, "nev", 320000, "CAAM", "all_vehicles"),
    ("CHN", "SAU", 2022, "total", 80000, "CAAM", "all_vehicles"),
    ("CHN", "SAU", 2023, "total", 50000, "CAAM", "all_vehicles"),
    # Australia: its own source in both years (a change, outside the exact split)
    ("CHN", "AUS", 2022, "total", 100000, "CPCA", "vehicles_unspecified"),
    ("CHN", "AUS", 2023, "total", 150000, "CPCA", "vehicles_unspecified"),
    ("CHN", "GBR", 2023, "total", 120000, "CAAM", "all_vehicles"),
    ("JPN", "USA", 2022, "total", 1284046, "JAMA", "all_vehicles"),
    ("JPN", "USA", 2023, "total", 1485641, "JAMA", "all_vehicles"),
    ("JPN", "AUS", 2023, "total", 402111, "JAMA", "all_vehicles"),
]


def write_dest_csv(path, rows=DEST_ROWS, cite=lambda r: f"https://example.org/{r[0]}-{r[1] or 'WLD'}-{r[2]}"):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["exporter", "partner", "period", "segment", "metric", "value", "source", "scope", "citation"])
        for r in rows:
            w.writerow([r[0], r[1], r[2], r[3], "units", r[4], r[5], r[6], cite(r)])
    return path


@pytest.fixture(scope="module")
def dest_csv(tmp_path_factory):
    return write_dest_csv(tmp_path_factory.mktemp("dest") / "dest.csv")


def dest_oracle(rows, exporter, a, b):
    """The change of `exporter`'s total from year a to b split by market, from the rows."""
    total = {r[2]: r for r in rows if r[0] == exporter and r[1] == "" and r[3] == "total"}
    key = (total[b][5], total[b][6])
    assert (total[a][5], total[a][6]) == key
    markets = {}
    for r in rows:
        if r[0] == exporter and r[1] and r[3] == "total":
            markets.setdefault(r[1], {})[r[2]] = r
    dt = total[b][4] - total[a][4]
    exact, own, unlike, one_year = {}, {}, {}, []
    for p, m in markets.items():
        if a in m and b in m:
            ka, kb = (m[a][5], m[a][6]), (m[b][5], m[b][6])
            change = m[b][4] - m[a][4]
            (exact if ka == kb == key else own if ka == kb else unlike)[p] = change
        else:
            one_year.append(p)
    return dict(
        total_change=dt,
        total_to=total[b][4],
        exact=exact,
        own=own,
        unlike=unlike,
        row=dt - sum(exact.values()),
        one_year=one_year,
        with_figure=sorted(p for p, m in markets.items() if b in m),
        markets=markets,
    )


def dest_sections(story):
    return [s for s in story["sections"] if s["key"].startswith("where_did_it_go")]


def test_destinations_section_numbers_match_the_file(dest_csv):
    story = json.loads(run("report", "--input", dest_csv, "--format", "json").stdout)
    keys = [s["key"] for s in story["sections"]]
    assert keys[-2:] == ["where_did_it_go_chn", "where_did_it_go_jpn"], "after what next, China (the headline) first"
    assert keys.index("projection") == len(keys) - 3
    chn = dest_sections(story)[0]
    assert chn["title"] == "6  Where did it go? China's exports by destination, 2022→2023"
    o = dest_oracle(DEST_ROWS, "CHN", 2022, 2023)
    rows = {r["partner"]: r for r in chn["table"]["rows"]}
    for p, change in o["exact"].items():
        assert rows[p]["change"] == change
        assert rows[p]["share_of_change"] == pytest.approx(change / o["total_change"], abs=1e-12)
        assert rows[p]["share_of_total"] == pytest.approx(o["markets"][p][2023][4] / o["total_to"], abs=1e-12)
    for p, change in o["own"].items():  # a real change in its own source: given, not in the exact split
        assert rows[p]["change"] == change and rows[p]["share_of_change"] is None
    for p in o["unlike"]:  # never a change
        assert rows[p]["change"] is None and rows[p]["share_of_change"] is None
    for p in o["one_year"]:
        assert rows[p]["change"] is None and rows[p]["from"] is None
    assert rows["ROW"]["change"] == pytest.approx(o["row"])
    assert rows["WLD"]["change"] == o["total_change"]
    # The exact split adds up to the whole change, and its shares of the latest total to 1.
    exact_rows = [rows[p] for p in list(o["exact"]) + ["ROW"]]
    assert sum(r["change"] for r in exact_rows) == pytest.approx(o["total_change"], abs=1e-6)
    assert sum(r["share_of_change"] for r in exact_rows) == pytest.approx(1, abs=1e-12)
    assert sum(r["share_of_total"] for r in exact_rows) == pytest.approx(1, abs=1e-12)
    # Largest change first (the core's order), the rest of world and the world total last.
    ordered = [r["partner"] for r in chn["table"]["rows"]]
    assert ordered[-2:] == ["ROW", "WLD"]
    changes = [rows[p]["change"] for p in ordered[:-2] if rows[p]["change"] is not None]
    assert changes == sorted(changes, reverse=True)
    # Each line's source and scope, both years where they differ.
    assert rows["RUS"]["source_scope"] == "2022 GACC, passenger cars; 2023 CAAM, all vehicles"
    assert rows["AUS"]["source_scope"] == "CPCA, vehicles unspecified"
    # By powertrain where the data split it: Belgium's NEV and conventional changes.
    bel = {r[2]: r[4] for r in DEST_ROWS if r[1] == "BEL" and r[3] == "nev"}
    nev = bel[2023] - bel[2022]
    conv = o["exact"]["BEL"] - nev
    assert rows["BEL"]["by_powertrain"] == f"NEV +{nev // 1000}k, conventional +{conv // 1000}k"
    assert chn["change"]["kind"] == "destinations" and chn["latest"]["kind"] == "destinations"


def test_destinations_claims_are_as_strong_as_the_coverage(dest_csv, tmp_path):
    story = json.loads(run("report", "--input", dest_csv, "--format", "json").stdout)
    chn, jpn = dest_sections(story)
    o = dest_oracle(DEST_ROWS, "CHN", 2022, 2023)
    latest = {p: m[2023][4] for p, m in o["markets"].items() if 2023 in m}
    top = max(latest, key=latest.get)
    assert top == "RUS"
    n = len(o["with_figure"])
    assert chn["lines"][0].startswith(
        f"In 2023, Russia was China's largest market among the {n} markets with a figure: 909k (CAAM, all vehicles)"
    )
    assert "sources or scopes differ from the total's" in chn["lines"][0], "the markets mix sources"
    # The warning beside the line that is not like for like, with both figures' sources.
    rus = next(r for r in chn["table"]["rows"] if r["partner"] == "RUS")
    warn = [l for l in chn["lines"] if l.startswith("Warning: China→Russia")]
    assert (
        len(warn) == 1
        and "GACC, passenger cars" in warn[0]
        and "CAAM, all vehicles" in warn[0]
        and "indicative" in warn[0]
    )
    assert any(n.startswith("Russia: ") and n.endswith("(marked ⚠)") for n in chn["table"]["notes"])
    text = run("report", "--input", dest_csv).stdout
    rus_line = next(l for l in text.splitlines() if l.strip().startswith("Russia "))
    assert "≈+755.8k ⚠" in rus_line and rus["change"] is None
    # Markets covering nearly everything: the largest is the largest, the others together took less.
    full = tmp_path / "full.csv"
    rows = [r for r in DEST_ROWS if r[0] != "CHN" or r[1] == ""] + [
        ("CHN", "RUS", 2022, "total", 2000000, "CAAM", "all_vehicles"),
        ("CHN", "RUS", 2023, "total", 3000000, "CAAM", "all_vehicles"),
        ("CHN", "MEX", 2022, "total", 900000, "CAAM", "all_vehicles"),
        ("CHN", "MEX", 2023, "total", 1500000, "CAAM", "all_vehicles"),
    ]
    write_dest_csv(full, rows)
    s = dest_sections(json.loads(run("report", "--input", full, "--format", "json").stdout))[0]
    total = next(r[4] for r in rows if r[0] == "CHN" and r[1] == "" and r[2] == 2023 and r[3] == "total")
    rest = total - 3000000 - 1500000
    assert s["lines"][0].startswith(
        f"In 2023, Russia was China's largest market: 3M (CAAM, all vehicles), {3000000 / total:.1%} of China's 4.91M"
    )
    assert f"(all other markets together took {rest // 1000}k, less than it)" in s["lines"][0]
    assert "among the" not in s["lines"][0]
    # The headline overtake without the market that grew most: like for like here, so exact.
    would = [l for l in s["lines"] if l.startswith("Would China have passed Japan in 2023 without Russia?")]
    japan = next(r[4] for r in rows if r[0] == "JPN" and r[1] == "" and r[2] == 2023)
    without = total - (3000000 - 2000000)
    assert len(would) == 1 and f"would have exported {without / 1e6:.2f}M in 2023" in would[0]
    assert ("no overtake without it" if without < japan else "still ahead") in would[0]
    default = dest_sections(json.loads(run("report", "--input", dest_csv, "--format", "json").stdout))[0]
    would = [l for l in default["lines"] if l.startswith("Would China have passed Japan in 2023 without Russia?")]
    assert len(would) == 1 and "cannot be said exactly" in would[0] and "not like for like" in would[0]
    assert default["market_counterfactual"]["kind"] == "market_counterfactual"
    # One market only.
    one = tmp_path / "one.csv"
    write_dest_csv(one, [r for r in DEST_ROWS if r[0] != "CHN" or r[1] in ("", "RUS")])
    s = dest_sections(json.loads(run("report", "--input", one, "--format", "json").stdout))[0]
    assert s["lines"][0].startswith("In 2023, Russia is the only market of China with a figure")
    assert "no market has figures of the total's source and scope in both years" in s["lines"][1]


@pytest.mark.parametrize("fmt", ["table", "markdown", "json", "html"])
def test_destinations_section_in_every_format(dest_csv, hostile_csv, fmt):
    out = run("report", "--input", dest_csv, "--format", fmt).stdout
    story = json.loads(run("report", "--input", dest_csv, "--format", "json").stdout)
    for s in dest_sections(story):
        if fmt == "table":
            assert s["title"] in out
        elif fmt == "markdown":
            assert f"## {s['title']}" in out
        elif fmt == "html":
            assert f'<section id="{s["key"]}"' in out
        for line in s["lines"]:  # every sentence, whole (wrapped in text, escaped in Markdown and HTML)
            if fmt == "table":
                assert " ".join(line.split()) in " ".join(out.split()), line
            elif fmt == "html":
                assert line in [d for _, d in Doc(out).texts], line  # one text, unescaped by the parser
            elif fmt == "markdown":
                esc = "".join(
                    {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(c, "\\" + c if c in "|[]\\" else c) for c in line
                )
                assert f"- {esc}\n" in out, line
    # No destinations in the data: no section, no empty heading, in any format.
    none = run("report", "--input", hostile_csv, "--format", fmt).stdout
    assert "Where did it go" not in none and "where_did_it_go" not in none


def test_destinations_in_the_page_cite_each_figure(dest_csv, tmp_path):
    out = tmp_path / "d.html"
    run("report", "--input", dest_csv, "--format", "html", "--output", out)
    text = out.read_text()
    ids = re.findall(r'<section id="([a-z_]+)"', text)
    assert ids[-2:] == ["where_did_it_go_chn", "where_did_it_go_jpn"]
    nav = re.findall(r'<li><a href="#([a-z_]+)">', text)
    assert nav == ids, "the contents list every section once"
    chn = text.split('<section id="where_did_it_go_chn"')[1].split("</section>")[0]
    hrefs = {a["href"] for t, a in Doc(chn).elements if t == "a"}
    for r in DEST_ROWS:
        if r[0] == "CHN" and r[3] == "total" and r[2] in (2022, 2023) and (r[1] != "GBR" or r[2] == 2023):
            assert f"https://example.org/CHN-{r[1] or 'WLD'}-{r[2]}" in hrefs, r
    svgs = re.findall(r"<svg\b.*?</svg>", chn, re.S)
    assert len(svgs) == 1
    root = ET.fromstring(svgs[0])
    desc = element_texts(svgs[0], "desc")[0]
    assert "2022→2023: China's exports rose by +1.8M" in desc
    assert '<li class="warning">Warning: China→Russia' in chn
    # The hatch pattern's id is unique on the page (two destination charts).
    ids = re.findall(r'<pattern id="([^"]+)"', text)
    assert len(ids) == 2 and len(set(ids)) == 2
    assert root is not None


HOSTILE_SOURCE = "<script>document.title='PWNED'</script>|`x` & \"q\""


def test_destinations_keep_hostile_values_as_data(tmp_path):
    rows = [r if r[1] != "AUS" or r[0] != "CHN" else r[:5] + (HOSTILE_SOURCE, "<b>scope</b>") for r in DEST_ROWS]
    f = write_dest_csv(
        tmp_path / "h.csv",
        rows,
        cite=lambda r: "javascript:alert(1)" if r[1] == "AUS" else "https://example.org/x?a=1&b=2",
    )
    page = run("report", "--input", f, "--format", "html").stdout
    check_html(page, [HOSTILE_SOURCE, "<b>scope</b>"])
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
    for svg in re.findall(r"<svg\b.*?</svg>", page, re.S):
        ET.fromstring(svg)
    md = run("report", "--input", f, "--format", "markdown").stdout
    check_markdown(md.split("## 6")[1].split("## 7")[0], [HOSTILE_SOURCE])  # China's section: one table
    story = json.loads(run("report", "--input", f, "--format", "json").stdout)
    aus = next(r for r in dest_sections(story)[0]["table"]["rows"] if r["partner"] == "AUS")
    assert aus["source_scope"] == f"{HOSTILE_SOURCE}, <b>scope</b>"


@needs_chromium
@pytest.mark.skipif(Image is None, reason="Pillow is missing")
def test_destinations_page_in_the_browser(dest_csv, tmp_path):
    page = tmp_path / "d.html"
    run("report", "--input", dest_csv, "--format", "html", "--output", page)
    dom, console, requests = chromium.run(page, width=360)
    assert requests == [] and console == [], (requests, console)
    m = chromium.measure(page, 360)
    assert m["width"] <= 360
    png = tmp_path / "d.png"
    chromium.screenshot(page, png, 360, int(m["height"]) + 10)
    img = Image.open(png)
    # The last two charts are the destination charts: drawn, not blank.
    for c in m["charts"][-2:]:
        ink, colours = nonblank(img, (int(c["x"]), int(c["y"]), int(c["x"] + c["w"]), int(c["y"] + c["h"])))
        assert ink > 0.02 and colours > 20, (c, ink, colours)


def test_destinations_section_agrees_with_explain_by_partner(dest_csv):
    """The report's table and `explain --by partner` are the same core call: same numbers."""
    story = json.loads(run("report", "--input", dest_csv, "--format", "json").stdout)
    for s in dest_sections(story):
        ex = json.loads(
            run(
                "explain",
                s["exporter"],
                "--from",
                s["from"],
                "--to",
                s["to"],
                "--by",
                "partner",
                "--input",
                dest_csv,
                "--format",
                "json",
            ).stdout
        )
        rows = {r["partner"]: r for r in s["table"]["rows"]}
        assert ex["total_change"] == rows["WLD"]["change"]
        for line in ex["lines"]:
            r = rows["ROW" if line["is_rest_of_world"] else line["partner"]]
            assert (r["from"], r["to"], r["change"]) == (line["from"], line["to"], line["change"]), line["partner"]
            if line["in_exact_sum"] or line["is_rest_of_world"]:
                assert r["share_of_change"] == pytest.approx(line["share"], abs=1e-12)
        assert (
            f"Reproduce: autoexports explain {s['exporter']} --from {s['from']} --to {s['to']} --by partner"
            in " ".join(s["lines"])
        )
