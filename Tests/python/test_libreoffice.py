"""The LibreOffice Calc add-in (bindings/libreoffice), in a real headless Calc.

The .oxt is built, installed for a user with a fresh profile (unopkg add, as a non-root
user when the tests run as root: LibreOffice refuses per-user installs by root), and
Tests/libreoffice/addin_vs_builtin.ods is converted to CSV by `soffice --headless`, so
Calc computes every formula. Each row of its "Checks" sheet is one test here: the
add-in's result must equal Calc's built-in function (RANK.EQ, RANK.AVG, PERCENTRANK.INC/
EXC) or formula (PERCENT_RANK, CUME_DIST) on the same range, pandas' rank (dense,
ordinal), or the milestone stated in docs/design.md on the reference figures.

Needs libreoffice-calc-nogui, python3-uno and libreoffice-script-provider-python
(Tests/setup.sh installs them); the Calc tests skip, saying so, only when they are absent.
"""

from __future__ import annotations

import ast
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LO_DIR = REPO / "bindings" / "libreoffice"
sys.path.insert(0, str(LO_DIR))
sys.path.insert(0, str(REPO / "Tests" / "libreoffice"))
import build_oxt  # noqa: E402
import functions  # noqa: E402
import make_checks_ods  # noqa: E402

CHECKS = make_checks_ods.checks()
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false"
PACKAGES = "libreoffice-calc-nogui python3-uno libreoffice-script-provider-python"
EXAMPLE = REPO / "examples" / "libreoffice" / "exports.ods"


def _host_missing() -> str:
    for tool in ("soffice", "unopkg"):
        if shutil.which(tool) is None:
            return f"{tool} not found: install {PACKAGES} (Tests/setup.sh does)"
    if not Path("/usr/lib/libreoffice/program/pythonloader.py").exists():
        return f"LibreOffice has no Python component loader: install {PACKAGES}"
    return ""


# ---- the extension's parts (no LibreOffice needed) ---------------------------------------


def test_committed_idl_is_generated_from_the_function_table():
    assert (LO_DIR / "idl" / "XAutoExportsCalc.idl").read_text() == functions.idl(), (
        "run `make -C bindings/libreoffice rdb` after changing functions.py"
    )


def test_committed_type_library_matches_the_idl(tmp_path):
    rdb = (LO_DIR / "autoexports.rdb").read_bytes()
    assert rdb.startswith(b"UNOIDL\xff\x00"), "autoexports.rdb is not a unoidl-write type library"
    for f in functions.FUNCTIONS:  # every method and parameter name is in the binary
        assert f.method.encode() in rdb, f"{f.method} missing: run `make -C bindings/libreoffice rdb`"
        for a in f.args:
            assert a.name.encode() in rdb
    tool = shutil.which("unoidl-write") or str(build_oxt.SDK_BIN / "unoidl-write")
    if Path(tool).exists() and build_oxt.OFFICE_TYPES.exists():  # exact check where the SDK is
        subprocess.run(
            [tool, str(build_oxt.OFFICE_TYPES), str(LO_DIR / "idl" / "XAutoExportsCalc.idl"), str(tmp_path / "x.rdb")],
            check=True,
        )
        assert (tmp_path / "x.rdb").read_bytes() == rdb


def test_component_implements_exactly_the_function_table():
    tree = ast.parse((LO_DIR / "component" / "aex_calc.py").read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "AddIn")
    methods = {
        n.name: [a.arg for a in n.args.args[1:]]
        for n in cls.body
        if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")
    }
    table = {f.method: [a.name for a in f.args] for f in functions.FUNCTIONS}
    assert methods == table


def test_function_wizard_text_names_every_argument():
    xcu = functions.xcu()
    for f in functions.FUNCTIONS:
        assert f'<node oor:name="{f.method}"' in xcu and f">{f.display}<" in xcu
        assert f.description and all(a.description for a in f.args)
        optional = [a.type == "any" for a in f.args]
        assert optional == sorted(optional), f"{f.display}: optional arguments must come last"


def test_committed_workbooks_are_generated(tmp_path):
    sys.path.insert(0, str(EXAMPLE.parent))
    import make_example_ods  # noqa: E402

    for committed, generate in ((make_checks_ods.OUT, make_checks_ods.sheets), (EXAMPLE, make_example_ods.sheets)):
        fresh = tmp_path / committed.name
        from ods import write_ods

        write_ods(fresh, generate())
        with zipfile.ZipFile(committed) as a, zipfile.ZipFile(fresh) as b:
            assert a.read("content.xml") == b.read("content.xml"), f"regenerate {committed.name}"


def test_oxt_holds_the_binding_and_the_library(tmp_path, libpath):
    out = tmp_path / "autoexports.oxt"
    build_oxt.build_oxt(libpath, out)
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {
            "META-INF/manifest.xml",
            "description.xml",
            "autoexports.rdb",
            "autoexports.components",
            "CalcAddIn.xcu",
            "aex_calc.py",
            "pythonpath/autoexports/__init__.py",
            "pythonpath/autoexports/_ffi.py",
            "pythonpath/autoexports/libautoexports.so",
        } <= names
        assert z.read("pythonpath/autoexports/libautoexports.so") == libpath.read_bytes()
        assert b'loader="com.sun.star.loader.Python"' in z.read("autoexports.components")


# ---- in Calc -----------------------------------------------------------------------------


class Calc:
    """A user's LibreOffice with the add-in installed in a fresh profile."""

    def __init__(self, libpath: Path):
        self.dir = Path(tempfile.mkdtemp(prefix="aex-calc-"))
        os.chmod(self.dir, 0o777)
        self.profile = self.dir / "profile"
        self.as_user = []
        if os.geteuid() == 0:  # unopkg refuses per-user installs by root
            self.as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        keep = ("PATH", "LANG", "LC_ALL", "TMPDIR")
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update(HOME=str(self.dir), LANG="C.UTF-8", SAL_USE_VCLPLUGIN="svp")
        oxt = self.dir / "autoexports.oxt"
        build_oxt.build_oxt(libpath, oxt)
        os.chmod(oxt, 0o644)
        t = time.perf_counter()
        self.run(["unopkg", "add", f"-env:UserInstallation={self.profile.as_uri()}", str(oxt)])
        self.install_seconds = time.perf_counter() - t

    def run(self, args: list[str]) -> subprocess.CompletedProcess:
        r = subprocess.run(self.as_user + args, env=self.env, cwd=self.dir, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, f"{args[0]} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}"
        return r

    def convert(self, *workbooks: Path) -> dict[str, list[list[str]]]:
        """Opens each workbook in headless Calc and returns its first sheet's cells."""
        copies = []
        for wb in workbooks:
            shutil.copy(wb, self.dir / wb.name)
            os.chmod(self.dir / wb.name, 0o644)
            copies.append(str(self.dir / wb.name))
        t = time.perf_counter()
        r = self.run(
            [
                "soffice",
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--headless",
                "--convert-to",
                CSV_FILTER,
                "--outdir",
                str(self.dir),
                *copies,
            ]
        )
        self.convert_seconds = time.perf_counter() - t
        out = {}
        for wb in workbooks:
            path = self.dir / (wb.stem + ".csv")
            assert path.exists(), f"soffice wrote no CSV for {wb.name}:\n{r.stdout}\n{r.stderr}"
            with open(path, newline="", encoding="utf-8") as f:
                out[wb.name] = list(csv.reader(f))
        return out

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="module")
def calc(libpath):
    reason = _host_missing()
    if reason:
        pytest.skip(reason)
    office = Calc(libpath)
    try:
        yield office
    finally:
        office.close()


@pytest.fixture(scope="module")
def calc_results(calc):
    sheets = calc.convert(make_checks_ods.OUT, EXAMPLE)
    timing = REPO / ".build" / "test-results" / "libreoffice-timing.txt"
    timing.parent.mkdir(parents=True, exist_ok=True)
    timing.write_text(
        f"unopkg add: {calc.install_seconds:.1f} s\n"
        f"soffice --convert-to csv (2 workbooks): {calc.convert_seconds:.1f} s\n"
    )
    return sheets


def test_function_wizard_shows_every_function_with_its_arguments_and_help(calc):
    """What Calc's function wizard shows (com.sun.star.sheet.FunctionDescriptions), read
    over a UNO connection, is the function table; a formula typed with a display name
    computes."""
    if not Path("/usr/bin/python3").exists():
        pytest.skip("no /usr/bin/python3 with python3-uno")
    script = calc.dir / "function_wizard.py"
    shutil.copy(REPO / "Tests" / "libreoffice" / "function_wizard.py", script)
    os.chmod(script, 0o644)
    r = calc.run(["/usr/bin/python3", str(script), calc.profile.as_uri(), f"aex{os.getpid()}"])
    shown = json.loads(r.stdout)
    functions_shown = shown["functions"]
    assert sorted(functions_shown) == sorted(f.display for f in functions.FUNCTIONS)
    for f in functions.FUNCTIONS:
        got = functions_shown[f.display]
        assert got["description"] == f.description
        assert [a["name"] for a in got["arguments"]] == [a.shown for a in f.args]
        assert [a["description"] for a in got["arguments"]] == [a.description for a in f.args]
        assert [a["optional"] for a in got["arguments"]] == [a.type == "any" for a in f.args]
    assert shown["typed"]["value"] == 2.0, shown["typed"]


def _value(cell: str):
    try:
        return float(cell)
    except ValueError:
        return cell


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)  # the CSV has 15 digits
    return a == b


def _oracle(kind: str, dataset: str, index: int, ascending: bool):
    import pandas as pd

    method = {"dense": "dense", "ordinal": "first", "competition": "min"}[kind]
    values = pd.Series([math.nan if v is None else v for v in make_checks_ods.DATASETS[dataset]], dtype=float)
    r = values.rank(method=method, ascending=ascending)[index]
    return "" if math.isnan(r) else float(r)


@pytest.fixture(scope="module")
def checks_by_id(calc_results):
    rows = calc_results[make_checks_ods.OUT.name]
    assert rows[0] == ["check", "add-in", "Calc"]
    return {r[0]: r[1:] + [""] * (3 - len(r)) for r in rows[1:]}


@pytest.mark.parametrize("check", CHECKS, ids=[c.id for c in CHECKS])
def test_calc_cell(check, checks_by_id):
    addin, builtin = (_value(x) for x in checks_by_id[check.id][:2])
    if check.builtin is not None:
        want = builtin
        assert want != "", "the built-in cell is empty"
    elif check.oracle is not None:
        want = _oracle(*check.oracle)
    elif isinstance(check.expected, str) and not check.expected.startswith("#"):
        assert isinstance(addin, str) and addin.startswith(check.expected), addin
        return
    else:
        want = float(check.expected) if isinstance(check.expected, int) else check.expected
    assert _same(addin, want), f"add-in {addin!r}, expected {want!r}"


def test_example_workbook_computes(calc_results):
    rows = calc_results[EXAMPLE.name]
    cells = [c for r in rows for c in r]
    errors = [c for c in cells if c.startswith(("#", "Err:"))]
    assert not errors, f"error cells in the example: {errors}"
    by_label = {r[0]: r[1] for r in rows if r and r[0]}
    assert by_label["China overtakes Japan in"] == "2023"
    assert by_label["China overtakes Germany in"] == "2022"
    assert by_label["Mexico overtakes Germany in"] == "2020"
    assert by_label["China overtakes Korea in"].startswith("not shown by the data")
    assert by_label["China is #1 for the first time in"] == "2023"
    assert by_label["The milestone"].startswith("2023: China (4.91M) overtook Japan (4.42M)")
    # The add-in's rank table equals the one computed with Calc's RANK.EQ.
    starts = [i for i, r in enumerate(rows) if r and r[0] == "period"]
    ours, calcs = starts[1], starts[2]
    assert rows[ours + 1 : ours + 8] == rows[calcs + 1 : calcs + 8]


def test_readme_lists_every_function():
    text = (LO_DIR / "README.md").read_text()
    missing = [f.display for f in functions.FUNCTIONS if f"`{f.display}(" not in text]
    assert not missing


# ---- PERCENTRANK in Calc's convention, on random ranges ----------------------------------


def _percentrank_workbook(path: Path, seed: int = 20261206):
    """Random ranges (ties, empty cells, negatives, one-number ranges, ranges whose percent
    ranks fall on rounding halves) probed at every value, between values and outside the
    data, with significance omitted and 1-6: each row holds the add-in's cell and Calc's
    built-in cell on the same range.  Returns the probes as (range, x, fn, significance)."""
    import random

    from ods import Formula, Sheet, column_name, write_ods

    rnd = random.Random(seed)
    ranges: list[list] = [[float(v) for v in range(1, 10)], [float(v) for v in range(0, 201)], [5.0]]
    for _ in range(45):
        n = rnd.choice([1, 2, 3, 4, 6, 9, 13, 20])
        pool = [rnd.choice([1, 2, 2, 3, 5, 8, -4, 0.5, 100])] * rnd.randint(1, 3)
        vals: list = []
        for _ in range(n):
            r = rnd.random()
            vals.append(
                None
                if r < 0.12
                else rnd.choice(pool)
                if r < 0.4
                else round(rnd.uniform(-1000, 1000), rnd.choice([0, 1, 2, 4]))
            )
        if all(v is None for v in vals):
            vals[0] = 7.0
        ranges.append(vals)
    rows: list[list] = [["fn", "add-in", "Calc"]]
    probes = []
    for j, vals in enumerate(ranges):
        col = column_name(j)
        ref = f"Data!{col}$1:{col}${len(vals)}"
        xs = sorted({v for v in vals if v is not None})
        xs_probe = (
            xs + [(a + b) / 2 for a, b in zip(xs, xs[1:])] + [a + (b - a) * rnd.random() for a, b in zip(xs, xs[1:])]
        )
        if len(xs) > 1:
            xs_probe += [xs[0] - 1, xs[-1] + 0.5]
        if len(xs_probe) > 24:
            xs_probe = rnd.sample(xs_probe, 24)
        for x in xs_probe:
            for fn in ("INC", "EXC"):
                for sig in (None, 1, 2, 3, 4, 5, 6):
                    arg = "" if sig is None else f";{sig}"
                    rows.append(
                        [
                            f"{fn}",
                            Formula(f"=AEXPERCENTRANK{fn}({ref};{x!r}{arg})"),
                            Formula(f"=PERCENTRANK.{fn}({ref};{x!r}{arg})"),
                        ]
                    )
                    probes.append((vals, x, fn, sig))
    data = [[vals[i] if i < len(vals) else None for vals in ranges] for i in range(max(map(len, ranges)))]
    write_ods(path, [Sheet("P", rows), Sheet("Data", data)])
    return probes


def test_percentrank_equals_calc_on_random_ranges(calc, tmp_path):
    """The add-in's AEXPERCENTRANKINC/EXC equal Calc's PERCENTRANK.INC/EXC cell for cell,
    and so does the library called with convention="calc" (Excel's convention differs
    from Calc's on the same probes, so the comparison can tell them apart)."""
    import autoexports

    book = tmp_path / "percentrank_random.ods"
    probes = _percentrank_workbook(book)
    rows = calc.convert(book)[book.name][1:]
    assert len(rows) == len(probes) > 3000
    bad, lib_bad, excel_differs = [], [], 0
    for (vals, x, fn, sig), row in zip(probes, rows):
        addin, builtin = (_value(c) for c in row[1:3])
        if not _same(addin, builtin):
            bad.append((fn, vals, x, sig, addin, builtin))
        nums = [v for v in vals if v is not None]
        f = autoexports.percentrank_inc if fn == "INC" else autoexports.percentrank_exc
        try:
            ours = f(nums, x, 3 if sig is None else sig, convention="calc")
            excel = f(nums, x, 3 if sig is None else sig)
        except autoexports.AutoExportsError:
            ours = excel = "error"
        if isinstance(builtin, str):
            if ours != "error":
                lib_bad.append((fn, vals, x, sig, ours, builtin))
        elif not (isinstance(ours, float) and _same(ours, builtin)):
            lib_bad.append((fn, vals, x, sig, ours, builtin))
        excel_differs += isinstance(excel, float) and isinstance(builtin, float) and not _same(excel, builtin)
    assert not bad, f"{len(bad)} add-in cells differ from Calc's, e.g. {bad[:5]}"
    assert not lib_bad, f"{len(lib_bad)} library results (calc) differ from Calc's, e.g. {lib_bad[:5]}"
    assert excel_differs > 100  # the probes do exercise the difference between conventions
