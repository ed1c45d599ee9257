#!/usr/bin/env python3
"""Appends DuckDB's extension metadata footer to a shared object, making it a loadable
DuckDB extension (`LOAD 'autoexports.duckdb_extension'`).

The footer is the 534 bytes DuckDB's own build appends (its append_extension_metadata
script): a WebAssembly custom-section header named "duckdb_signature" (so that Wasm
builds stay valid modules; 22 bytes), then eight 32-byte fields, NUL-padded, in reverse
order (field 8 first), then a 256-byte signature (zeros: the extension is unsigned, so
DuckDB loads it only with allow_unsigned_extensions).  DuckDB reads the last 512 bytes:

    field 1  metadata version   "4"
    field 2  platform           "linux_amd64" (must equal DuckDB's own platform)
    field 3  DuckDB version     for ABI C_STRUCT: the C API version the extension
                                expects ("v1.2.0"); DuckDB loads it when that is not
                                newer than its own
    field 4  extension version  "0.9.0" (autoexports' version)
    field 5  ABI type           "C_STRUCT": the stable C extension API
    fields 6-8  unused

    python3 tools/duckdb/footer.py IN.so OUT.duckdb_extension --extension-version 0.9.0
    python3 tools/duckdb/footer.py --show FILE      # prints a file's footer fields
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
from pathlib import Path

FIELD = 32
SIGNATURE = 256
N_FIELDS = 8


def start_signature() -> bytes:
    # A Wasm custom section (id 0) of 531 bytes (LEB128 0x93 0x04) named by 16 bytes,
    # whose payload is 512 bytes (LEB128 0x80 0x04): the fields and the signature.
    return bytes([0, 0x93, 0x04, 16]) + b"duckdb_signature" + bytes([0x80, 0x04])


def field(text: str) -> bytes:
    raw = text.encode("ascii")
    if len(raw) > FIELD:
        raise SystemExit(f"footer.py: field {text!r} is longer than {FIELD} bytes")
    return raw + b"\0" * (FIELD - len(raw))


def default_platform() -> str:
    machine = platform.machine().lower()
    arch = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(machine)
    system = {"Linux": "linux", "Darwin": "osx"}.get(platform.system())
    if arch is None or system is None:
        raise SystemExit(f"footer.py: unknown platform {platform.system()} {machine}: pass --platform")
    return f"{system}_{arch}"


def footer(platform_name: str, api_version: str, extension_version: str, abi_type: str) -> bytes:
    fields = ["4", platform_name, api_version, extension_version, abi_type, "", "", ""]
    out = start_signature()
    for text in reversed(fields):  # field 8 first
        out += field(text)
    return out + b"\0" * SIGNATURE


def show(path: Path) -> dict:
    data = path.read_bytes()
    if len(data) < 512 + 22 or data[-534:-512] != start_signature():
        raise SystemExit(f"footer.py: {path} has no DuckDB metadata footer")
    raw = data[-512:-256]
    fields = [raw[i * FIELD : (i + 1) * FIELD].rstrip(b"\0").decode("ascii") for i in range(N_FIELDS)][::-1]
    names = ["metadata_version", "platform", "duckdb_version", "extension_version", "abi_type"]
    return dict(zip(names, fields))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", nargs="?", type=Path)
    p.add_argument("output", nargs="?", type=Path)
    p.add_argument("--platform", default=None, help="DuckDB platform (default: this machine's, linux_amd64)")
    p.add_argument("--api-version", default="v1.2.0", help="C API version the extension expects")
    p.add_argument("--extension-version", default="0.0.0")
    p.add_argument("--abi-type", default="C_STRUCT")
    p.add_argument("--show", type=Path, help="print the footer fields of a built extension")
    args = p.parse_args(argv)
    if args.show:
        for k, v in show(args.show).items():
            print(f"{k}: {v}")
        return 0
    if args.input is None or args.output is None:
        p.error("input and output are required")
    tmp = args.output.with_name(args.output.name + ".tmp")
    shutil.copyfile(args.input, tmp)
    with open(tmp, "ab") as f:
        f.write(footer(args.platform or default_platform(), args.api_version, args.extension_version, args.abi_type))
    tmp.replace(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
