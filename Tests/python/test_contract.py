"""The contract between the header, the library, and the Python binding (DESIGN.md §7).

- functions declared in include/autoexports.h == aex_ symbols the library exports ==
  the Python prototype table;
- the header compiles alone as C99, C11 and C++ with -Wall -Wextra -pedantic -Werror;
- the library is self-contained (ldd) and exports nothing outside aex_;
- the C example builds from an installed prefix through pkg-config;
- the installed Python package works from outside the repository.
"""

import os
import re
import shutil
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
    out = subprocess.run(["nm", "-D", "--defined-only", str(lib)], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[2] for line in out.splitlines() if len(line.split()) == 3 and line.split()[1] == "T"}


def test_header_declarations_equal_exports_equal_python_table(repo, libpath):
    declared = declared_functions((repo / "include" / "autoexports.h").read_text())
    exported = exported_functions(libpath) - HOST_ENTRY_POINTS
    assert declared, "no declarations found"
    assert declared == exported, f"header-only: {declared - exported}, library-only: {exported - declared}"
    assert set(PROTOTYPES) == declared, (
        f"missing in Python table: {declared - set(PROTOTYPES)}, extra: {set(PROTOTYPES) - declared}")


def test_library_exports_only_aex_symbols(libpath):
    out = subprocess.run(["nm", "-D", "--defined-only", str(libpath)], check=True,
                         capture_output=True, text=True).stdout
    stray = [l.split()[2] for l in out.splitlines()
             if len(l.split()) == 3 and l.split()[1] in "TDBRVW" and not l.split()[2].startswith("aex_")
             and l.split()[2] not in HOST_ENTRY_POINTS | {"_init", "_fini", "__bss_start", "_edata", "_end"}]
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
    src.write_text('#include "autoexports.h"\nint main(void) { return aex_abi_version() == AEX_ABI_VERSION ? 0 : 1; }\n')
    subprocess.run([compiler, f"-std={std}", "-Wall", "-Wextra", "-pedantic", "-Werror",
                    "-I", str(repo / "include"), "-c", str(src), "-o", str(tmp_path / "h.o")], check=True)


def test_c_example_builds_from_installed_prefix_with_pkg_config(repo, tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["make", "-s", "install", f"PREFIX={prefix}"], cwd=repo, check=True)
    env = dict(os.environ, PKG_CONFIG_PATH=str(prefix / "lib" / "pkgconfig"))
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "autoexports"], env=env, check=True,
                           capture_output=True, text=True).stdout.split()
    exe = tmp_path / "rank"
    subprocess.run(["cc", str(repo / "examples" / "c" / "rank.c"), *flags, "-o", str(exe)], check=True)
    out = subprocess.run([str(exe), "30", "20", "20", "10"], check=True, capture_output=True, text=True)
    assert out.stdout == "1 2 2 4\n"
    out = subprocess.run([str(exe), "--method=fractional", "30", "20", "20", "10"], check=True,
                         capture_output=True, text=True)
    assert out.stdout == "1 2.5 2.5 4\n"
    bad = subprocess.run([str(exe), "x"], capture_output=True, text=True)
    assert bad.returncode == 1 and "not a number" in bad.stderr
    subprocess.run(["make", "-s", "uninstall", f"PREFIX={prefix}"], cwd=repo, check=True)
    assert not (prefix / "lib" / "libautoexports.so").exists()


def test_installed_package_works_outside_repository(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "AUTOEXPORTS_LIBRARY"}
    code = ("import autoexports; print(autoexports.rank([30, 20, 20, 10], method='min', ascending=False)); "
            "print(autoexports.library_path())")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True).stdout.splitlines()
    assert out[0] == "[1.0, 2.0, 2.0, 4.0]"
    assert "site-packages" in out[1], "the bundled copy of the library should be used"


def test_failed_load_says_what_it_tried(tmp_path):
    env = dict(os.environ, AUTOEXPORTS_LIBRARY=str(tmp_path / "nope.so"))
    r = subprocess.run([sys.executable, "-c", "import autoexports; autoexports.rank([1])"],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode != 0
    assert "nope.so" in r.stderr and "make" in r.stderr


def test_loading_a_library_that_is_not_autoexports_is_refused(tmp_path):
    libc = "/lib/x86_64-linux-gnu/libc.so.6"
    if not os.path.exists(libc):
        pytest.skip("no libc at the Debian path")
    env = dict(os.environ, AUTOEXPORTS_LIBRARY=libc)
    r = subprocess.run([sys.executable, "-c", "import autoexports; autoexports.rank([1])"],
                       cwd=tmp_path, env=env, capture_output=True, text=True)
    assert r.returncode != 0 and "is not libautoexports" in r.stderr


def test_cli_version_and_rank(repo):
    exe = repo / ".build" / "release" / "autoexports"
    out = subprocess.run([str(exe), "--version"], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "0.1.0"
    out = subprocess.run([str(exe), "rank", "30", "20", "20", "10", "--method", "competition"],
                         check=True, capture_output=True, text=True).stdout
    assert out == "1 2 2 4\n"
    bad = subprocess.run([str(exe), "rank", "1", "x"], capture_output=True, text=True)
    assert bad.returncode != 0 and "not a number" in bad.stderr and "Traceback" not in bad.stderr
