"""Bundles libautoexports.so into the package at build time.

The library is taken from $AUTOEXPORTS_LIBRARY, else from the repository's build folder
(../../.build/release/libautoexports.so, made by `make`). Building without either still
works; the package then loads the library from $AUTOEXPORTS_LIBRARY at run time.
"""

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        candidates = [os.environ.get("AUTOEXPORTS_LIBRARY"),
                      HERE.parent.parent / ".build" / "release" / "libautoexports.so"]
        for c in candidates:
            if c and Path(c).is_file():
                target = Path(self.build_lib) / "autoexports" / "libautoexports.so"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(c, target)
                break
        else:
            print("autoexports: libautoexports.so not found; run `make` first "
                  "or set AUTOEXPORTS_LIBRARY at run time")


setup(cmdclass={"build_py": BuildWithLibrary})
