"""Bundles the native parts into the package at build time.

What goes into the package (autoexports/):
  libautoexports.so          the library; from $AUTOEXPORTS_LIBRARY, else the repository's
                             build (../../.build/release/libautoexports.so, made by `make`).
                             Its SONAME is set to the file's name (patchelf, when present), so
                             a C program linked against this copy finds it by its run path.
  bin/autoexports            the command-line tool, when $AUTOEXPORTS_CLI names it (make dist);
                             the console command `autoexports` runs it.
  include/*.h                the C headers (../../include, or swift-src/include in an sdist).
  pkgconfig/autoexports.pc   for C programs: PKG_CONFIG_PATH=$(python -m autoexports --pkgconfigdir).

With a library bundled, the wheel is a platform wheel: tag $AUTOEXPORTS_PLAT when set, else
manylinux_2_N_<arch> for the oldest manylinux policy whose symbol versions (GLIBC, GLIBCXX,
CXXABI, GCC, read with readelf) cover what the bundled files need, as `auditwheel show`
decides it (make dist and Tests/dist/run.sh check that the two agree); linux_<arch> when
readelf is missing or a file needs a library outside the policies.
An sdist (make dist) carries the Swift sources in swift-src/; without a library it builds
them with `make -C swift-src lib cli` when a Swift toolchain is on PATH (the library comes out
stripped; the CLI is stripped here with tools/dist/split-debug.sh), and stops with one
line saying what is missing when not. Building from the repository without a library
still works (a pure package that loads the library from $AUTOEXPORTS_LIBRARY at run time).
"""

import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SDIST_SOURCES = HERE / "swift-src"
LIBRARY = "libautoexports.so"

PC = """prefix=${pcfiledir}/..
libdir=${prefix}
includedir=${prefix}/include

Name: autoexports
Description: Rankings, milestones and EV attribution of national vehicle exports (Python wheel)
Version: %s
Cflags: -I${includedir}
Libs: -L${libdir} -Wl,-rpath,${libdir} -lautoexports
"""


def _version() -> str:
    for line in (HERE / "pyproject.toml").read_text().splitlines():
        if line.startswith("version"):
            return line.split("=", 1)[1].strip().strip('"')
    return "0"


def _found_library():
    for c in (
        os.environ.get("AUTOEXPORTS_LIBRARY"),
        REPO / ".build" / "release" / LIBRARY,
        SDIST_SOURCES / ".build" / "release" / LIBRARY,
    ):
        if c and Path(c).is_file():
            return Path(c)
    if (SDIST_SOURCES / "Package.swift").is_file():
        if shutil.which("swift") is None:
            raise SystemExit(
                "autoexports: building from source needs a Swift 6.3 toolchain (`swift` is not on PATH); "
                "install one from swift.org, or install the binary wheel (Linux x86-64)"
            )
        release = SDIST_SOURCES / ".build" / "release"
        subprocess.run(["make", "-C", str(SDIST_SOURCES), "lib", "cli"], check=True)
        # `make lib` strips the library (its debug info goes beside it); the CLI SwiftPM
        # writes carries its debug info (80 MB): the wheel gets a stripped copy.
        stripped = SDIST_SOURCES / ".build" / "wheel-cli" / "autoexports"
        stripped.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "bash",
                str(SDIST_SOURCES / "tools" / "dist" / "split-debug.sh"),
                str(release / "autoexports"),
                str(stripped),
            ],
            check=True,
        )
        os.environ.setdefault("AUTOEXPORTS_CLI", str(stripped))
        return release / LIBRARY
    return None


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        pkg = Path(self.build_lib) / "autoexports"
        pkg.mkdir(parents=True, exist_ok=True)
        lib = _found_library()
        if lib is None:
            print("autoexports: libautoexports.so not found; run `make` first or set AUTOEXPORTS_LIBRARY at run time")
            return
        target = pkg / LIBRARY
        shutil.copyfile(lib, target)
        os.chmod(target, 0o755)
        if shutil.which("patchelf"):
            subprocess.run(["patchelf", "--set-soname", LIBRARY, str(target)], check=True)
        else:
            print(
                "autoexports: patchelf not found; C programs cannot link against this copy "
                "(its SONAME is not its file name); Python is not affected"
            )
        cli = os.environ.get("AUTOEXPORTS_CLI")
        if cli:
            (pkg / "bin").mkdir(exist_ok=True)
            shutil.copyfile(cli, pkg / "bin" / "autoexports")
            os.chmod(pkg / "bin" / "autoexports", 0o755)
        headers = REPO / "include" if (REPO / "include").is_dir() else SDIST_SOURCES / "include"
        if headers.is_dir():
            (pkg / "include").mkdir(exist_ok=True)
            for h in sorted(headers.glob("*.h")):
                shutil.copyfile(h, pkg / "include" / h.name)
        (pkg / "pkgconfig").mkdir(exist_ok=True)
        (pkg / "pkgconfig" / "autoexports.pc").write_text(PC % _version())


class BinaryDistribution(Distribution):
    """A platform wheel when the library is bundled (it is x86-64 Linux code)."""

    def has_ext_modules(self):
        return _found_library_quiet() is not None


def _found_library_quiet():
    try:
        return _found_library() if not (SDIST_SOURCES / "Package.swift").is_file() else True
    except SystemExit:
        return None


# The manylinux policies' newest symbol versions on x86_64 (auditwheel's
# manylinux-policy.json, numeric versions only; the libraries the files may need are libc,
# libm, libgcc_s, libstdc++ and the loader in every policy).
MANYLINUX = [  # (glibc minor, GLIBCXX, CXXABI, GCC)
    (17, "3.4.19", "1.3.7", "4.8.0"),
    (24, "3.4.22", "1.3.10", "4.8.0"),
    (26, "3.4.22", "1.3.10", "4.8.0"),
    (27, "3.4.24", "1.3.11", "7.0.0"),
    (28, "3.4.24", "1.3.11", "7.0.0"),
    (31, "3.4.28", "1.3.12", "7.0.0"),
    (34, "3.4.29", "1.3.13", "7.0.0"),
    (35, "3.4.30", "1.3.13", "12.0.0"),
    (36, "3.4.30", "1.3.13", "12.0.0"),
    (38, "3.4.30", "1.3.13", "12.0.0"),
    (39, "3.4.33", "1.3.15", "14.0.0"),
    (40, "3.4.33", "1.3.15", "14.0.0"),
    (41, "3.4.33", "1.3.15", "14.0.0"),
]
ALLOWED_NEEDED = {
    "libc.so.6",
    "libm.so.6",
    "libgcc_s.so.1",
    "libstdc++.so.6",
    "libpthread.so.0",
    "libdl.so.2",
    "librt.so.1",
    "ld-linux-x86-64.so.2",
}


def _v(text: str) -> tuple:
    return tuple(int(x) for x in text.split("."))


def manylinux_tag(files, arch=None):
    """The manylinux tag of ELF `files` (what `auditwheel show` reports), or None when it
    cannot be told: readelf missing, or a file needs a library no policy allows."""
    arch = arch or platform.machine()
    if shutil.which("readelf") is None or arch != "x86_64":
        return None
    need = {"GLIBC": (2, 0), "GLIBCXX": (0,), "CXXABI": (0,), "GCC": (0,)}
    for f in files:
        out = subprocess.run(["readelf", "--wide", "-V", "-d", str(f)], capture_output=True, text=True).stdout
        if set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)) - ALLOWED_NEEDED:
            return None
        for kind, version in re.findall(r"Name: (GLIBC|GLIBCXX|CXXABI|GCC)_([0-9.]+)\b", out):
            need[kind] = max(need[kind], _v(version))
    for minor, glibcxx, cxxabi, gcc in MANYLINUX:
        if (
            need["GLIBC"] <= (2, minor)
            and need["GLIBCXX"] <= _v(glibcxx)
            and need["CXXABI"] <= _v(cxxabi)
            and need["GCC"] <= _v(gcc)
        ):
            return f"manylinux_2_{minor}_{arch}"
    return None


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = not self.distribution.has_ext_modules()

    def get_tag(self):
        python, abi, plat = super().get_tag()
        if self.root_is_pure:
            return python, abi, plat
        # ctypes, no extension module: any Python 3, one platform.
        if os.environ.get("AUTOEXPORTS_PLAT"):
            return "py3", "none", os.environ["AUTOEXPORTS_PLAT"]
        pkg = Path(self.get_finalized_command("build_py").build_lib) / "autoexports"
        files = [f for f in (pkg / LIBRARY, pkg / "bin" / "autoexports") if f.is_file()]
        return "py3", "none", (manylinux_tag(files) if files else None) or plat


setup(cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": PlatformWheel}, distclass=BinaryDistribution)
