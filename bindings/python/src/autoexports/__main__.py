"""`python -m autoexports --cflags --libs`: compiler and linker flags for C programs that use
the library inside this installed package (as `python3-config` and `pybind11 --includes` do).

    cc client.c $(python -m autoexports --cflags --libs) -o client

The flags carry the run-time path of the package folder (-Wl,-rpath,...), so the program
runs as it is. Other options print one folder each: --includedir, --libdir (the library's
folder), --pkgconfigdir (for PKG_CONFIG_PATH), --library (the file), --cli (the bundled
command-line tool). `cli()` is the console command `autoexports`: it runs that tool.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OPTIONS = ("--cflags", "--libs", "--includedir", "--libdir", "--pkgconfigdir", "--library", "--cli")


def _cli_path() -> Path | None:
    bundled = HERE / "bin" / "autoexports"
    if bundled.is_file():
        return bundled
    for parent in HERE.parents:  # an install from a repository checkout: its build folder
        built = parent / ".build" / "release" / "autoexports"
        if built.is_file():
            return built
    return None


def _answer(option: str) -> str:
    include, lib = HERE / "include", HERE
    if option in ("--cflags", "--includedir") and not (include / "autoexports.h").is_file():
        raise SystemExit(
            f"autoexports: no header in {include}; this install has no C files (install the wheel from `make dist`)"
        )
    if option in ("--libs", "--libdir", "--library") and not (lib / "libautoexports.so").is_file():
        raise SystemExit(f"autoexports: no library in {lib}; install the wheel from `make dist`")
    if option == "--cflags":
        return f"-I{include}"
    if option == "--libs":
        return f"-L{lib} -Wl,-rpath,{lib} -lautoexports"
    if option == "--includedir":
        return str(include)
    if option == "--libdir":
        return str(lib)
    if option == "--pkgconfigdir":
        return str(HERE / "pkgconfig")
    if option == "--library":
        return str(lib / "libautoexports.so")
    path = _cli_path()
    if path is None:
        raise SystemExit("autoexports: the command-line tool is not in this install")
    return str(path)


def main(argv: list[str]) -> int:
    if not argv or any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0 if argv else 2
    unknown = [a for a in argv if a not in OPTIONS]
    if unknown:
        print(
            f"autoexports: unknown option {unknown[0]}; one of {', '.join(OPTIONS)} "
            "(the command-line tool is the `autoexports` command)",
            file=sys.stderr,
        )
        return 2
    print(" ".join(_answer(a) for a in argv))
    return 0


def cli() -> None:
    """The console command `autoexports`: replaces this process with the bundled tool."""
    path = _cli_path()
    if path is None:
        sys.exit(
            "autoexports: the command-line tool is not in this install (the wheel from "
            "`make dist` carries it; in a checkout, `make cli`)"
        )
    os.execv(str(path), [str(path), *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
