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

With a library bundled, the wheel is a platform wheel: tag $AUTOEXPORTS_PLAT (make dist
sets the manylinux tag auditwheel reports), else the build machine's (linux_x86_64).
An sdist (make dist) carries the Swift sources in swift-src/; without a library it builds
them with `make -C swift-src stage` when a Swift toolchain is on PATH, and stops with one
line saying what is missing when not. Building from the repository without a library
still works (a pure package that loads the library from $AUTOEXPORTS_LIBRARY at run time).
"""

import os
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
    for c in (os.environ.get("AUTOEXPORTS_LIBRARY"), REPO / ".build" / "release" / LIBRARY,
              SDIST_SOURCES / ".build" / "release" / LIBRARY):
        if c and Path(c).is_file():
            return Path(c)
    if (SDIST_SOURCES / "Package.swift").is_file():
        if shutil.which("swift") is None:
            raise SystemExit("autoexports: building from source needs a Swift 6.3 toolchain (`swift` is not on PATH); "
                             "install one from swift.org, or install the binary wheel (Linux x86-64)")
        subprocess.run(["make", "-C", str(SDIST_SOURCES), "lib", "cli"], check=True)
        os.environ.setdefault("AUTOEXPORTS_CLI", str(SDIST_SOURCES / ".build" / "release" / "autoexports"))
        return SDIST_SOURCES / ".build" / "release" / LIBRARY
    return None


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        pkg = Path(self.build_lib) / "autoexports"
        pkg.mkdir(parents=True, exist_ok=True)
        lib = _found_library()
        if lib is None:
            print("autoexports: libautoexports.so not found; run `make` first "
                  "or set AUTOEXPORTS_LIBRARY at run time")
            return
        target = pkg / LIBRARY
        shutil.copyfile(lib, target)
        os.chmod(target, 0o755)
        if shutil.which("patchelf"):
            subprocess.run(["patchelf", "--set-soname", LIBRARY, str(target)], check=True)
        else:
            print("autoexports: patchelf not found; C programs cannot link against this copy "
                  "(its SONAME is not its file name); Python is not affected")
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


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = not self.distribution.has_ext_modules()

    def get_tag(self):
        python, abi, plat = super().get_tag()
        if self.root_is_pure:
            return python, abi, plat
        # ctypes, no extension module: any Python 3, one platform.
        return "py3", "none", os.environ.get("AUTOEXPORTS_PLAT", plat)


setup(cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": PlatformWheel}, distclass=BinaryDistribution)
