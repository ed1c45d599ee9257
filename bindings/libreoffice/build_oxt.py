#!/usr/bin/env python3
"""Builds the autoexports LibreOffice Calc extension (.oxt) from this folder.

    make oxt                     # from the repository root: .build/release/autoexports.oxt
    python3 build_oxt.py oxt [--lib path/to/libautoexports.so] [--out autoexports.oxt]
    python3 build_oxt.py idl     # rewrite idl/XAutoExportsCalc.idl from functions.py
    python3 build_oxt.py rdb     # recompile autoexports.rdb (needs unoidl-write: libreoffice-dev)

The .oxt is a zip of: the committed type library (autoexports.rdb), the component
registration (autoexports.components, passive registration), the function wizard's text
(CalcAddIn.xcu, generated from functions.py), the Python component (component/aex_calc.py)
and, under pythonpath/, the autoexports Python binding with libautoexports.so inside it.
Standard library only; no LibreOffice SDK is needed unless functions.py changes.
"""

from __future__ import annotations

import argparse
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import functions  # noqa: E402

IDL = HERE / "idl" / "XAutoExportsCalc.idl"
RDB = HERE / "autoexports.rdb"
BINDING = REPO / "bindings" / "python" / "src" / "autoexports"
SDK_BIN = Path("/usr/lib/libreoffice/sdk/bin")
OFFICE_TYPES = Path("/usr/lib/libreoffice/program/types.rdb")

COMPONENTS = f"""<?xml version="1.0" encoding="UTF-8"?>
<components xmlns="http://openoffice.org/2010/uno-components">
  <component loader="com.sun.star.loader.Python" uri="./aex_calc.py">
    <implementation name="{functions.SERVICE}">
      <service name="com.sun.star.sheet.AddIn"/>
    </implementation>
  </component>
</components>
"""

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.uno-typelibrary;type=RDB" manifest:full-path="autoexports.rdb"/>
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.uno-components" manifest:full-path="autoexports.components"/>
 <manifest:file-entry manifest:media-type="application/vnd.sun.star.configuration-data" manifest:full-path="CalcAddIn.xcu"/>
</manifest:manifest>
"""


def package_version() -> str:
    text = (BINDING / "__init__.py").read_text()
    m = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if not m:
        raise SystemExit("build_oxt: no __version__ in the Python binding")
    return m.group(1)


def oxt_platform() -> str:
    """The extension platform token of this machine (the .oxt holds a native library)."""
    machine = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}
    return f"{platform.system().lower()}_{machine.get(platform.machine().lower(), platform.machine())}"


def description(version: str) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<description xmlns="http://openoffice.org/extensions/description/2006"
             xmlns:d="http://openoffice.org/extensions/description/2006"
             xmlns:xlink="http://www.w3.org/1999/xlink">
 <identifier value="org.autoexports.calc"/>
 <version value="{version}"/>
 <platform value="{oxt_platform()}"/>
 <display-name><name lang="en">autoexports: rankings and milestones of vehicle exporters</name></display-name>
 <dependencies>
  <d:OpenOffice.org-minimal-version value="4.0" d:name="OpenOffice.org 4.0"/>
 </dependencies>
</description>
"""


def build_oxt(lib: Path, out: Path) -> None:
    if not lib.is_file():
        raise SystemExit(f"build_oxt: {lib} not found; run `make lib` first")
    if not RDB.is_file():
        raise SystemExit(f"build_oxt: {RDB} is missing; run `python3 build_oxt.py rdb`")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/manifest.xml", MANIFEST)
        z.writestr("description.xml", description(package_version()))
        z.writestr("autoexports.components", COMPONENTS)
        z.writestr("CalcAddIn.xcu", functions.xcu())
        z.write(RDB, "autoexports.rdb")
        z.write(HERE / "component" / "aex_calc.py", "aex_calc.py")
        for f in sorted(BINDING.rglob("*.py")) + [BINDING / "py.typed"]:
            z.write(f, f"pythonpath/autoexports/{f.relative_to(BINDING)}")
        z.write(lib, "pythonpath/autoexports/libautoexports.so")
    tmp.replace(out)
    print(f"build_oxt: wrote {out}")


def write_idl() -> None:
    IDL.parent.mkdir(parents=True, exist_ok=True)
    IDL.write_text(functions.idl())
    print(f"build_oxt: wrote {IDL}")


def write_rdb() -> None:
    tool = shutil.which("unoidl-write") or str(SDK_BIN / "unoidl-write")
    if not Path(tool).exists():
        raise SystemExit(
            "build_oxt: unoidl-write not found; install libreoffice-dev (only needed when functions.py changes)"
        )
    write_idl()
    subprocess.run([tool, str(OFFICE_TYPES), str(IDL), str(RDB)], check=True)
    print(f"build_oxt: wrote {RDB}")


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    o = sub.add_parser("oxt", help="build the extension")
    o.add_argument("--lib", type=Path, default=REPO / ".build" / "release" / "libautoexports.so")
    o.add_argument("--out", type=Path, default=REPO / ".build" / "release" / "autoexports.oxt")
    sub.add_parser("idl", help="regenerate the IDL from functions.py")
    sub.add_parser("rdb", help="regenerate the IDL and compile the type library")
    args = p.parse_args(argv)
    if args.command == "oxt":
        build_oxt(args.lib, args.out)
    elif args.command == "idl":
        write_idl()
    else:
        write_rdb()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
