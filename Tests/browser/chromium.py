"""Headless Chromium for the tests of the HTML report (Tests/python/test_report_html.py).

Debian's `chromium` package (Tests/setup.sh installs it, with poppler-utils for
pdftoppm). Every run uses a fresh profile and the switches that stop the browser's own
background traffic (component updates, sync, time checks), and writes a NetLog, so that a
request made *by the page* can be told apart: Chromium tags it with the page's network
isolation key (`file://…` for a file), while the browser's own requests have another key.

Functions:
- `find()`: the chromium executable or None;
- `run(page, …)`: load a page, return the rendered DOM (`--dump-dom`), the console
  messages and the URLs the page requested (from the NetLog);
- `screenshot(page, png, width, height)`, `print_pdf(page, pdf)`;
- `measure(page, width)`: layout facts of a page (document size, horizontal overflow, the
  boxes of its charts) from a copy of the page with a measuring script added and its
  Content-Security-Policy removed (the page itself has no script and forbids one).
"""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def find():
    for name in CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def _flags(profile, width=1280, height=900):
    return [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-domain-reliability",
        "--disable-extensions",
        "--disable-client-side-phishing-detection",
        "--disable-features=Translate,OptimizationHints,MediaRouter,SpellCheck,AutofillServerCommunication",
        # Every host name resolves to nothing: a request that slipped past the NetLog
        # check still could not reach anything.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
        "--enable-logging=stderr",
        "--v=0",
        f"--window-size={width},{height}",
        "--virtual-time-budget=3000",
    ]


def _chromium(args, timeout=120):
    exe = find()
    if exe is None:
        raise RuntimeError("chromium is not installed (Tests/setup.sh installs it)")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout)


CONSOLE = re.compile(r":CONSOLE[^\]]*\]\s*(.*)")


def console_messages(stderr):
    """The page's console messages as Chromium logs them to stderr."""
    return [m.group(1) for m in map(CONSOLE.search, stderr.splitlines()) if m]


def page_requests(netlog_path):
    """The URLs (other than file: and data:) requested on behalf of a file:// page."""
    data = json.loads(Path(netlog_path).read_text())
    urls = set()
    for event in data.get("events", []):
        p = event.get("params") or {}
        nik = str(p.get("network_isolation_key", ""))
        url = p.get("url")
        if url is None or not nik.startswith("file://"):
            continue
        if not url.startswith(("file:", "data:")):
            urls.add(url)
    # The NetLog names the URL on one event of a request and the key on another: join
    # them by the request's source id.
    by_source = {}
    for event in data.get("events", []):
        p = event.get("params") or {}
        sid = event.get("source", {}).get("id")
        slot = by_source.setdefault(sid, {})
        if "url" in p:
            slot["url"] = p["url"]
        if "network_isolation_key" in p:
            slot["nik"] = str(p["network_isolation_key"])
    for slot in by_source.values():
        url, nik = slot.get("url"), slot.get("nik", "")
        if url and nik.startswith("file://") and not url.startswith(("file:", "data:")):
            urls.add(url)
    return sorted(urls)


# Headless Chromium's window is at least 500 px wide: narrower widths (a 360 px phone) load
# the page in an iframe of that width, inside a 500 px window.
MIN_WINDOW = 500


def _framed(tmp, page, width, height, script=""):
    wrapper = Path(tmp) / "frame.html"
    wrapper.write_text(
        "<!DOCTYPE html><html><head><style>html,body{margin:0;padding:0;background:#fff}"
        "iframe{border:0;display:block}</style></head><body>"
        f'<iframe id="f" src="{Path(page).resolve().as_uri()}" width="{width}" height="{height}"></iframe>'
        f"{script}</body></html>"
    )
    return wrapper


def run(page, width=1280, height=900, script=""):
    """Loads `page` at a viewport `width` wide; returns (dom, console messages, requested
    URLs). The DOM is the page's, or the wrapper's when the page had to be framed."""
    with tempfile.TemporaryDirectory() as tmp:
        netlog = Path(tmp) / "net.json"
        target = Path(page).resolve()
        extra = []
        if width < MIN_WINDOW or script:
            target = _framed(tmp, page, width, height, script)
            extra = ["--allow-file-access-from-files"]
        r = _chromium(
            [
                *_flags(Path(tmp) / "profile", max(width, MIN_WINDOW), height),
                *extra,
                f"--log-net-log={netlog}",
                "--dump-dom",
                target.as_uri(),
            ]
        )
        if r.returncode != 0:
            raise RuntimeError(f"chromium failed ({r.returncode}): {r.stderr[-2000:]}")
        return r.stdout, console_messages(r.stderr), page_requests(netlog)


def screenshot(page, png, width, height):
    """A screenshot `width` × `height` of the page at that viewport width."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(page).resolve()
        if width < MIN_WINDOW:
            target = _framed(tmp, page, width, height)
        r = _chromium(
            [
                *_flags(Path(tmp) / "profile", max(width, MIN_WINDOW), height),
                "--allow-file-access-from-files",
                f"--screenshot={png}",
                target.as_uri(),
            ]
        )
    if r.returncode != 0 or not Path(png).is_file():
        raise RuntimeError(f"chromium screenshot failed ({r.returncode}): {r.stderr[-2000:]}")
    if width < MIN_WINDOW:
        from PIL import Image

        Image.open(png).crop((0, 0, width, height)).save(png)


def print_pdf(page, pdf):
    with tempfile.TemporaryDirectory() as tmp:
        r = _chromium(
            [
                *_flags(Path(tmp) / "profile"),
                f"--print-to-pdf={pdf}",
                "--no-pdf-header-footer",
                Path(page).resolve().as_uri(),
            ]
        )
    if r.returncode != 0 or not Path(pdf).is_file():
        raise RuntimeError(f"chromium print-to-pdf failed ({r.returncode}): {r.stderr[-2000:]}")


MEASURE = """
<script>
(function () {
  var boxes = [];
  document.querySelectorAll('figure .chart svg').forEach(function (s) {
    var r = s.getBoundingClientRect();
    boxes.push({x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height});
  });
  var legend = [];
  var out = {width: document.documentElement.scrollWidth, viewport: window.innerWidth,
             height: document.documentElement.scrollHeight, charts: boxes};
  document.body.setAttribute('data-measure', JSON.stringify(out));
})();
</script>
"""


COPY_OUT = """
<script>
window.addEventListener('load', function () {
  var f = document.getElementById('f');
  document.body.setAttribute('data-measure', f.contentDocument.body.getAttribute('data-measure'));
});
</script>
"""


def measure(page, width, height=900, script=MEASURE):
    """Layout facts of `page` at a viewport `width` wide (see MEASURE)."""
    html = Path(page).read_text()
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    html = html.replace("</body>", script + "</body>")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "measure.html"
        copy.write_text(html)
        dom, _, _ = run(copy, width, height, script=COPY_OUT)
    m = re.search(r"data-measure=\"([^\"]*)\"", dom)
    if not m:
        raise RuntimeError("the measuring script did not run")
    import html as htmlmod

    return json.loads(htmlmod.unescape(m.group(1)))
