"""The SQLite extension (Sources/AutoExportsSQLite) in Debian's sqlite3 shell.

Each "-- test:" section of Tests/sqlite/extension.sql is one test here: it runs in a
fresh in-memory database after the prelude that `.load`s libautoexports, and passes when
it prints nothing (its queries select only disagreements with SQLite's own RANK,
DENSE_RANK, PERCENT_RANK, CUME_DIST or with the expected overtakes) or, for sections
marked "-- expect-error:", when it fails with that message.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "Tests" / "sqlite" / "extension.sql"
SQLITE = shutil.which("sqlite3", path="/usr/bin") or shutil.which("sqlite3")


def _sections() -> tuple[str, list[tuple[str, str, str]]]:
    text = SCRIPT.read_text()
    parts = re.split(r"^-- test: (.+)$", text, flags=re.M)
    prelude, out = parts[0], []
    for name, body in zip(parts[1::2], parts[2::2]):
        m = re.search(r"^-- expect-error: (.+)$", body, flags=re.M)
        out.append((name.strip(), body, m.group(1).strip() if m else ""))
    return prelude, out


PRELUDE, SECTIONS = _sections()


def _run(sql: str, libpath: Path) -> subprocess.CompletedProcess:
    if SQLITE is None:
        pytest.skip("sqlite3 not found: apt-get install sqlite3 (Tests/setup.sh does)")
    lib = str(libpath.with_suffix(""))  # .load adds the suffix
    return subprocess.run(
        [SQLITE, "-batch", ":memory:"], input=sql.replace(":LIB:", lib), capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("name,body,error", SECTIONS, ids=[s[0] for s in SECTIONS])
def test_sql(name, body, error, libpath):
    r = _run(PRELUDE + body, libpath)
    if error:
        assert error in r.stderr, f"expected an error with {error!r}; stdout {r.stdout!r} stderr {r.stderr!r}"
        assert r.stdout == ""
    else:
        assert r.stderr == "" and r.stdout == "", f"disagreements:\n{r.stdout}{r.stderr}"


def test_prelude_loads_cleanly(libpath):
    r = _run(PRELUDE + "SELECT count(*) FROM exports;", libpath)
    assert r.stderr == "" and r.stdout.strip() == "32"


def test_library_does_not_link_sqlite(libpath):
    """SQLite is reached only through the routines pointer the host passes in."""
    out = subprocess.run(
        ["nm", "-D", "--undefined-only", str(libpath)], check=True, capture_output=True, text=True
    ).stdout
    assert not [l for l in out.splitlines() if "sqlite3" in l]
    defined = subprocess.run(
        ["nm", "-D", "--defined-only", str(libpath)], check=True, capture_output=True, text=True
    ).stdout
    assert " T sqlite3_autoexports_init" in defined


def test_entry_point_is_found_from_the_file_name(libpath, tmp_path):
    """`.load libautoexports` finds sqlite3_autoexports_init without naming it."""
    r = _run(".load :LIB:\nSELECT aex_rank_eq(2, '[1, 2, 3]');", libpath)
    assert r.stderr == "" and r.stdout.strip() == "2.0"
    r = _run(".load :LIB: sqlite3_autoexports_init\nSELECT aex_rank_eq(2, '[1, 2, 3]', 1);", libpath)
    assert r.stderr == "" and r.stdout.strip() == "2.0"


def test_python_sqlite3_module_loads_the_extension(libpath):
    """A Python whose sqlite3 module allows extensions (Debian's /usr/bin/python3 does)."""
    python = Path("/usr/bin/python3")
    if not python.exists():
        pytest.skip("no /usr/bin/python3 (Debian's Python, whose sqlite3 module can load extensions)")
    code = (
        "import sqlite3, sys; c = sqlite3.connect(':memory:'); c.enable_load_extension(True); "
        "c.load_extension(sys.argv[1]); "
        "print(c.execute(\"SELECT aex_rank_avg(20, '[30, 20, 20, 10]')\").fetchone()[0])"
    )
    r = subprocess.run(
        [str(python), "-c", code, str(libpath.with_suffix(""))], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "2.5"


EXAMPLES = sorted((REPO / "examples" / "sqlite").glob("*.sql"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example_prints_what_its_expected_file_shows(example, libpath):
    if SQLITE is None:
        pytest.skip("sqlite3 not found: apt-get install sqlite3 (Tests/setup.sh does)")
    r = subprocess.run(
        [SQLITE, "-batch", ":memory:"], stdin=example.open(), cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert r.stderr == ""
    assert r.stdout == example.with_suffix(".expected").read_text()


@pytest.mark.parametrize("source", sorted((REPO / "Sources" / "AutoExportsSQLite").glob("*.c")), ids=lambda p: p.name)
def test_shim_compiles_without_warnings(source, tmp_path):
    """The C adapter is held to the header's standard: C11, -Wall -Wextra -pedantic -Werror."""
    subprocess.run(
        [
            "cc",
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Wpedantic",
            "-Werror",
            "-I",
            str(REPO / "include"),
            "-I",
            str(REPO / "Sources" / "AutoExportsSQLite" / "include"),
            "-c",
            str(source),
            "-o",
            str(tmp_path / "x.o"),
        ],
        check=True,
    )
