"""pytest plugin: the Calc tests (Tests/python/test_libreoffice.py) against a Calc add-in
that was built before, such as the artifact `make dist` writes, instead of one the tests
build from the library:

    AEX_OXT=dist/autoexports-0.1.0.oxt PYTHONPATH=Tests/libreoffice \\
        .build/venv/bin/python -m pytest -p oxt_artifact Tests/python/test_libreoffice.py

With AEX_OXT set, every .oxt the tests would build (`build_oxt.build_oxt(lib, out)`) is a copy
of that file instead, once it is shown to carry `lib` byte for byte: the artifact must hold
the library the tests name (dist's .oxt holds .build/stage's stripped library, the same bytes
as .build/release's), so a stale or foreign artifact fails the tests instead of being tested
in place of the build. Unpacking, installing (unopkg) and computing in headless Calc are the
tests' own. Without AEX_OXT, or without `-p oxt_artifact`, nothing changes (the normal mode).
Tests/dist/run.sh runs the Calc tests this way against dist/'s .oxt.
"""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bindings" / "libreoffice"))
import build_oxt  # noqa: E402  (the module test_libreoffice.py imports: one module object)

LIBRARY_IN_OXT = "pythonpath/autoexports/libautoexports.so"


def artifact() -> Path | None:
    name = os.environ.get("AEX_OXT", "")
    return Path(name).resolve() if name else None


def use_artifact(lib: Path, out: Path) -> None:
    """Stands in for build_oxt.build_oxt: copies $AEX_OXT to `out` when it holds `lib`."""
    oxt = artifact()
    if oxt is None or not oxt.is_file():
        raise AssertionError(f"AEX_OXT={os.environ.get('AEX_OXT', '')!r} is not a file (make dist writes dist/*.oxt)")
    with zipfile.ZipFile(oxt) as z:
        if LIBRARY_IN_OXT not in z.namelist():
            raise AssertionError(f"{oxt} has no {LIBRARY_IN_OXT}: not an autoexports add-in")
        inside = z.read(LIBRARY_IN_OXT)
    if inside != Path(lib).read_bytes():
        raise AssertionError(
            f"{oxt} does not carry {lib} (its library differs, {len(inside)} bytes against "
            f"{Path(lib).stat().st_size}): rebuild it (make dist) or test the build without AEX_OXT"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(oxt, out)


def pytest_configure(config):
    if artifact() is not None:
        build_oxt.build_oxt = use_artifact


def pytest_report_header(config):
    oxt = artifact()
    return f"Calc add-in under test: {oxt} (AEX_OXT)" if oxt else None
