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
    found = [p for p in (REPO / ".build" / "release" / "autoexports", REPO / ".build" / "debug" / "autoexports") if p.is_file()]
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
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
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
    "JPN": ("A|B `code` & \"dq\" 'sq' <img src=x onerror=\"document.title='PWNED'\">", "<b>scope</b>",
            "data:text/html,<script>alert(1)</script>"),
    "DEU": ("=HYPERLINK(\"http://x\")|**bold**|[x](javascript:alert(1))", "s_" + LONG, "https://example.org/a?x=1&y=2"),
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
                w.writerow([code, year, "total", "units", int((4 - i) * 1e6 * (base if code != "CHN" else base * 1.5)), source, scope, cite])
            w.writerow(["CHN", year, "nev", "units", int(1e6 * base), HOSTILE["CHN"][0], HOSTILE["CHN"][1], HOSTILE["CHN"][2]])
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
    assert _report.report(format="json", period="2024", top=3) == run("report", "--format", "json", "--period", "2024", "--top", "3").stdout
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

needs_chromium = pytest.mark.skipif(chromium.find() is None,
                                    reason="chromium is not installed: Tests/setup.sh installs it (apt-get install chromium)")


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
    bad.write_text('<html><head><title>t</title></head><body><img src="https://example.com/x.png">'
                   "<script>console.error('boom'); document.title = 'RAN';</script></body></html>")
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
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is missing: Tests/setup.sh installs poppler-utils")
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
    probe.write_text("<html><body>" + svg.read_text() + """
<script>
var out = [];
document.querySelectorAll('rect').forEach(function (r) {
  if (r.getAttribute('width') === '12' && r.getAttribute('height') === '12') {
    var t = r.nextElementSibling.getBBox(), b = r.getBBox();
    out.push([b.x, b.x + b.width, t.x, t.x + t.width]);
  }
});
document.body.setAttribute('data-legend', JSON.stringify(out));
</script></body></html>""")
    dom, _, _ = chromium.run(probe)
    items = json.loads(html.unescape(re.search(r'data-legend="([^"]*)"', dom).group(1)))
    assert len(items) == 2
    items.sort()
    for (s0, s1, t0, t1), (n0, _, _, _) in zip(items, items[1:]):
        assert s1 <= t0, "swatch before its own label"
        assert t1 + 4 <= n0, "the next swatch starts after this label"
