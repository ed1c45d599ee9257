"""The contract between the header, the library, and the Python binding (docs/design.md §7).

- functions declared in include/autoexports.h == aex_ symbols the library exports ==
  the Python prototype table;
- the header compiles alone as C99, C11 and C++ with -Wall -Wextra -pedantic -Werror;
- the library is self-contained (ldd) and exports nothing outside aex_;
- the C example builds from an installed prefix through pkg-config;
- the installed Python package works from outside the repository.
"""

import os
import re
import subprocess
import sys

import pytest
from autoexports._ffi import PROTOTYPES

ALLOWED_DEPS = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libgcc_s.so.1", "libstdc++.so.6"}
HOST_ENTRY_POINTS = {"sqlite3_autoexports_init"}


def declared_functions(header_text: str) -> set[str]:
    # Strip comments, then find "aex_name(" at a declaration (not inside macros' text).
    text = re.sub(r"/\*.*?\*/", "", header_text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return set(re.findall(r"\b(aex_[a-z0-9_]+)\s*\(", text))


def exported_functions(lib) -> set[str]:
    out = subprocess.run(["nm", "-D", "--defined-only", str(lib)], check=True, capture_output=True, text=True).stdout
    return {line.split()[2] for line in out.splitlines() if len(line.split()) == 3 and line.split()[1] == "T"}


def test_header_declarations_equal_exports_equal_python_table(repo, libpath):
    declared = declared_functions((repo / "include" / "autoexports.h").read_text())
    exported = exported_functions(libpath) - HOST_ENTRY_POINTS
    assert declared, "no declarations found"
    assert declared == exported, f"header-only: {declared - exported}, library-only: {exported - declared}"
    assert set(PROTOTYPES) == declared, (
        f"missing in Python table: {declared - set(PROTOTYPES)}, extra: {set(PROTOTYPES) - declared}"
    )


def test_library_exports_only_aex_symbols(libpath):
    out = subprocess.run(
        ["nm", "-D", "--defined-only", str(libpath)], check=True, capture_output=True, text=True
    ).stdout
    stray = [
        l.split()[2]
        for l in out.splitlines()
        if len(l.split()) == 3
        and l.split()[1] in "TDBRVW"
        and not l.split()[2].startswith("aex_")
        and l.split()[2] not in HOST_ENTRY_POINTS | {"_init", "_fini", "__bss_start", "_edata", "_end"}
    ]
    assert stray == []


def test_library_is_self_contained(libpath):
    out = subprocess.run(["ldd", str(libpath)], check=True, capture_output=True, text=True).stdout
    deps = {line.split()[0] for line in out.splitlines() if line.strip()}
    deps = {d for d in deps if not d.startswith("/lib64/ld-linux")}
    assert deps <= ALLOWED_DEPS, f"unexpected dependencies: {deps - ALLOWED_DEPS}"


@pytest.mark.parametrize("compiler,std", [("cc", "c99"), ("cc", "c11"), ("c++", "c++11"), ("c++", "c++17")])
def test_header_compiles_alone(repo, tmp_path, compiler, std):
    suffix = "cpp" if compiler == "c++" else "c"
    src = tmp_path / f"h.{suffix}"
    src.write_text(
        '#include "autoexports.h"\nint main(void) { return aex_abi_version() == AEX_ABI_VERSION ? 0 : 1; }\n'
    )
    subprocess.run(
        [
            compiler,
            f"-std={std}",
            "-Wall",
            "-Wextra",
            "-pedantic",
            "-Werror",
            "-I",
            str(repo / "include"),
            "-c",
            str(src),
            "-o",
            str(tmp_path / "h.o"),
        ],
        check=True,
    )


@pytest.mark.parametrize("compiler,std", [("cc", "c99"), ("cc", "c11"), ("c++", "c++11")])
def test_routine_table_header_compiles_alone_and_its_macros_expand_to_nothing_here(
    repo, tmp_path, compiler, std, libpath
):
    suffix = "cpp" if compiler == "c++" else "c"
    src = tmp_path / f"api.{suffix}"
    src.write_text(
        '#include "autoexports_api.h"\n'
        "#define STR2(x) #x\n#define STR(x) STR2(x)\n"
        "static const char api_macro[] = STR(AEX_API), call_macro[] = STR(AEX_CALL);\n"
        "int main(void) { const aex_api *a = aex_get_api(AEX_ABI_VERSION);\n"
        "  return a && a->size >= (int64_t)sizeof *a && api_macro[0] == 0 && call_macro[0] == 0 ? 0 : 1; }\n"
    )
    subprocess.run(
        [
            compiler,
            f"-std={std}",
            "-Wall",
            "-Wextra",
            "-pedantic",
            "-Werror",
            "-I",
            str(repo / "include"),
            str(src),
            str(libpath),
            "-o",
            str(tmp_path / "api"),
        ],
        check=True,
    )
    env = dict(os.environ, LD_LIBRARY_PATH=str(libpath.parent))
    assert subprocess.run([str(tmp_path / "api")], env=env).returncode == 0


def test_c_example_builds_from_installed_prefix_with_pkg_config(repo, tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["make", "-s", "install", f"PREFIX={prefix}"], cwd=repo, check=True)
    env = dict(os.environ, PKG_CONFIG_PATH=str(prefix / "lib" / "pkgconfig"))
    flags = subprocess.run(
        ["pkg-config", "--cflags", "--libs", "autoexports"], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    exe = tmp_path / "rank"
    subprocess.run(["cc", str(repo / "examples" / "c" / "rank.c"), *flags, "-o", str(exe)], check=True)
    out = subprocess.run([str(exe), "30", "20", "20", "10"], check=True, capture_output=True, text=True)
    assert out.stdout == "1 2 2 4\n"
    out = subprocess.run(
        [str(exe), "--method=fractional", "30", "20", "20", "10"], check=True, capture_output=True, text=True
    )
    assert out.stdout == "1 2.5 2.5 4\n"
    bad = subprocess.run([str(exe), "x"], capture_output=True, text=True)
    assert bad.returncode == 1 and "not a number" in bad.stderr
    subprocess.run(["make", "-s", "uninstall", f"PREFIX={prefix}"], cwd=repo, check=True)
    assert not (prefix / "lib" / "libautoexports.so").exists()


def test_installed_package_works_outside_repository(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "AUTOEXPORTS_LIBRARY"}
    code = (
        "import autoexports; print(autoexports.rank([30, 20, 20, 10], method='min', ascending=False)); "
        "print(autoexports.library_path())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, check=True, capture_output=True, text=True
    ).stdout.splitlines()
    assert out[0] == "[1.0, 2.0, 2.0, 4.0]"
    assert "site-packages" in out[1], "the bundled copy of the library should be used"


def test_failed_load_says_what_it_tried(tmp_path):
    env = dict(os.environ, AUTOEXPORTS_LIBRARY=str(tmp_path / "nope.so"))
    r = subprocess.run(
        [sys.executable, "-c", "import autoexports; autoexports.rank([1])"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0
    assert "nope.so" in r.stderr and "make" in r.stderr


def test_loading_a_library_that_is_not_autoexports_is_refused(tmp_path):
    libc = "/lib/x86_64-linux-gnu/libc.so.6"
    if not os.path.exists(libc):
        pytest.skip("no libc at the Debian path")
    env = dict(os.environ, AUTOEXPORTS_LIBRARY=libc)
    r = subprocess.run(
        [sys.executable, "-c", "import autoexports; autoexports.rank([1])"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode != 0 and "is not libautoexports" in r.stderr


def test_cli_version_and_rank(repo):
    exe = repo / ".build" / "release" / "autoexports"
    out = subprocess.run([str(exe), "--version"], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "0.1.0"
    out = subprocess.run(
        [str(exe), "rank", "30", "20", "20", "10", "--method", "competition"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert out == "1 2 2 4\n"
    bad = subprocess.run([str(exe), "rank", "1", "x"], capture_output=True, text=True)
    assert bad.returncode != 0 and "not a number" in bad.stderr and "Traceback" not in bad.stderr


# ---- The header's examples with reference data are what the library answers ----------


def _header_text(repo) -> str:
    """The header with its comment leaders removed, so that wrapped examples read as one line."""
    return re.sub(r"\n\*\*\s*", " ", (repo / "include" / "autoexports.h").read_text())


def _text_out(fn, *args) -> str:
    import ctypes

    n = ctypes.c_int64()
    fn(None, 0, ctypes.addressof(n), *args)
    buf = ctypes.create_string_buffer(n.value + 1)
    fn(ctypes.addressof(buf), n.value + 1, ctypes.addressof(n), *args)
    return buf.value.decode()


@pytest.fixture(scope="module")
def reference_panel():
    import ctypes

    from autoexports._ffi import lib

    L = lib()
    p = ctypes.c_void_p()
    L.aex_panel_create(ctypes.addressof(p))
    L.aex_panel_load_reference(p)
    yield L, p
    L.aex_panel_free(p)


def test_header_states_no_stale_size_of_the_reference_data(repo, reference_panel):
    import ctypes

    L, p = reference_panel
    text = _header_text(repo)
    assert not re.search(r"\d+ rows, \d+ series", text), "the header restates the dataset's size; compute it"
    rows, series = ctypes.c_int64(), ctypes.c_int64()
    L.aex_panel_row_count(ctypes.addressof(rows), p)
    L.aex_panel_series_count(ctypes.addressof(series), p)
    assert rows.value > series.value > 0
    assert "aex_panel_series_count(&series, p)" in text  # the example computes it


def test_header_league_table_example(repo, reference_panel):
    import ctypes

    L, p = reference_panel
    text = _header_text(repo)
    m = re.search(r"->\s+rows (.+?); warnings: (.+?)\.", text)
    assert m, "the league-table example is missing"
    want = [re.sub(r"\s*\(.*", "", item).strip() for item in re.split(r",\s*(?![^()]*\))", m.group(1))]
    t = ctypes.c_void_p()
    L.aex_league_table_create(ctypes.addressof(t), p, 2024, b"units", 0, 0, None, 0, 0, None)
    try:
        rows = ctypes.c_int64()
        L.aex_league_table_size(ctypes.addressof(rows), None, t)
        got = [_text_out(L.aex_league_table_row_text, t, i, 0) for i in range(rows.value)]
        assert got == want, f"header says {want}, the library answers {got}"
        first = ctypes.c_double()
        L.aex_league_table_row(None, ctypes.addressof(first), None, None, None, None, t, 0)
        assert f"{first.value / 1e6:.3f}M" in m.group(1)  # "CHN (5.859M, ...)"
        warnings = ctypes.c_int64()
        L.aex_league_table_warning_count(ctypes.addressof(warnings), t)
        said = " ".join(_text_out(L.aex_league_table_warning_text, t, i) for i in range(warnings.value))
        for code in re.findall(r"\b([A-Z]{3})\b", m.group(2)):
            assert code in said, f"the header's warning about {code} is not what the library says: {said}"
    finally:
        L.aex_league_table_free(t)


def test_header_explain_examples(repo, reference_panel):
    import json

    L, p = reference_panel
    text = _header_text(repo)
    change = json.loads(_text_out(L.aex_explain_change, p, b"CHN", 2022, 2023, 7, None))
    m = re.search(r'"total_change":(-?\d+),"parts":\[\{"segment": "nev","change":(-?\d+)', text)
    assert m, "the aex_explain_change example is missing"
    nev = next(x for x in change["parts"] if x["segment"] == "nev")
    assert (change["total_change"], nev["change"]) == (int(m.group(1)), int(m.group(2)))
    over = json.loads(_text_out(L.aex_explain_overtake, p, b"CHN", b"JPN", 2023, 7, None))
    m = re.search(
        r'"ev_decisive":(true|false), "without_ev_exports":\{"subject_value":(-?\d+),"margin":(-?\d+),'
        r'"still_ahead":(true|false)\}',
        text,
    )
    assert m, "the aex_explain_overtake example is missing"
    w = over["without_ev_exports"]
    assert (over["ev_decisive"], w["subject_value"], round(w["margin"]), w["still_ahead"]) == (
        m.group(1) == "true",
        int(m.group(2)),
        int(m.group(3)),
        m.group(4) == "true",
    )


def test_header_milestone_sentence_example(repo, reference_panel):
    import ctypes

    L, p = reference_panel
    text = _header_text(repo)
    m = re.search(r'e\.g\. "(2023: China \(4\.91M\) overtook Japan \(4\.42M\) to become) \.\.\."', text)
    assert m, "the milestone sentence example is missing"
    ms = ctypes.c_void_p()
    L.aex_milestones_find(ctypes.addressof(ms), p, None)
    try:
        n = ctypes.c_int64()
        L.aex_milestones_count(ctypes.addressof(n), ms)
        sentences = [_text_out(L.aex_milestones_get_text, ms, i, 0) for i in range(n.value)]
    finally:
        L.aex_milestones_free(ms)
    assert any(s.startswith(m.group(1)) for s in sentences), sentences


# ---- The library's vocabularies are the header's constants ---------------------------

VOCABULARY_CONSTANTS = {
    "segment": r"AEX_SEGMENT_",
    "rank_method": r"AEX_RANK_",
    "rank_order": r"AEX_ORDER_",
    "missing_policy": r"AEX_MISSING_",
    "rank_scale": r"AEX_SCALE_",
    "granularity": r"AEX_GRANULARITY_",
    "milestone_kind": r"AEX_MILESTONE_(?!INT_|NUM_|TEXT_|FLAG_|KIND_BIT)",
    "note_kind": r"AEX_NOTE_(?!INT_|TEXT_)",
    "milestone_int_field": r"AEX_MILESTONE_INT_",
    "milestone_number_field": r"AEX_MILESTONE_NUM_",
    "milestone_text_field": r"AEX_MILESTONE_TEXT_",
}


def test_vocabularies_equal_the_header_constants(repo):
    from autoexports._prototypes import CONSTANTS
    from autoexports._vocabulary import Vocabulary

    header = (repo / "include" / "autoexports.h").read_text()
    codes = {k[len("AEX_VOCAB_") :].lower() for k in CONSTANTS if k.startswith("AEX_VOCAB_")}
    assert codes == set(VOCABULARY_CONSTANTS), "every AEX_VOCAB_* is tested here"
    for name, prefix in VOCABULARY_CONSTANTS.items():
        consts = re.findall(rf"^#define ({prefix}\w+) (\d+)\b", header, flags=re.M)
        pattern = re.compile(prefix)
        want = sorted((int(v), pattern.sub("", k, count=1).lower()) for k, v in consts)
        got = list(enumerate(Vocabulary(name).names()))
        # New granularities may come first in the core; every header constant is there.
        assert set(want) <= set(got), f"{name}: header {want}, library {got}"
        assert [v for v, _ in got] == list(range(len(got)))


def test_vocabulary_aliases_and_errors():
    from autoexports import AutoExportsError
    from autoexports._vocabulary import KINDS, METHODS, SEGMENTS, exporter_list, period_granularity

    assert METHODS["avg"] == METHODS["RANK.AVG"] == METHODS["average"] == METHODS["fractional"] == 2
    assert METHODS["min"] == METHODS["rank.eq"] == METHODS["standard"] == 0
    assert SEGMENTS["EV"] == SEGMENTS["plug-in"] == SEGMENTS["plugin"] == 8
    assert KINDS["record"] == KINDS["record_high"] == 4
    assert "atlantis" not in SEGMENTS
    with pytest.raises(ValueError, match="segment must be one of"):
        SEGMENTS.code("atlantis", "segment")
    assert [period_granularity(c) for c in (2023, 20231, 202303)] == ["year", "quarter", "month"]
    assert exporter_list(" chn, Japan,276,CHN") == ["CHN", "JPN", "DEU"]
    for bad, status in [
        ("", "AEX_E_INVALID_ARGUMENT"),
        (" , ", "AEX_E_INVALID_ARGUMENT"),
        ("CHN,,JPN", "AEX_E_INVALID_ARGUMENT"),
        ("CHN,", "AEX_E_INVALID_ARGUMENT"),
        ("CHN,Atlantis", "AEX_E_NOT_FOUND"),
    ]:
        with pytest.raises(AutoExportsError) as e:
            exporter_list(bad)
        assert e.value.status_name == status, bad
        assert "Atlantis" in e.value.message if "Atlantis" in bad else "empty" in e.value.message
