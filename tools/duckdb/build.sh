#!/usr/bin/env bash
# Builds the DuckDB extension .build/release/autoexports.duckdb_extension (make duckdb).
#
# The extension is its own shared object, self-contained like libautoexports.so: the same
# Swift objects (AutoExportsABI over the core) with the DuckDB entry point
# (Sources/AutoExportsDuckDB), the Swift runtime linked in (-static-stdlib), only
# autoexports_init_c_api exported (Sources/AutoExportsDuckDB/autoexports-duckdb.map), and
# -z nodelete for the reason the Makefile gives for the library.  tools/duckdb/footer.py
# then appends the metadata footer DuckDB checks on LOAD (ABI type C_STRUCT, C API v1.2.0).
set -euo pipefail
cd "$(dirname "$0")/../.."
RELEASE=.build/release
OUT="$RELEASE/autoexports.duckdb_extension"
# The same compile flags as the library (the Makefile passes its SWIFT_FLAGS), so that building
# one product does not invalidate the other's objects.
SWIFT_FLAGS=${SWIFT_FLAGS:--c release --disable-local-rpath -Xswiftc -static-stdlib -Xcc -gdwarf-4}
# shellcheck disable=SC2086
swift build $SWIFT_FLAGS \
    -Xlinker --version-script="$PWD/Sources/AutoExportsDuckDB/autoexports-duckdb.map" \
    -Xlinker -soname=autoexports.duckdb_extension -Xlinker -z -Xlinker nodelete \
    --product AutoExportsDuckDBExt
VERSION=$(sed -n 's/^#define AEX_VERSION_STRING "\(.*\)"/\1/p' include/autoexports.h)
# Shipped stripped, like the library (the footer must come after the last ELF byte, so strip first).
strip --strip-unneeded -o "$RELEASE/libAutoExportsDuckDBExt.stripped.so" "$RELEASE/libAutoExportsDuckDBExt.so"
python3 tools/duckdb/footer.py "$RELEASE/libAutoExportsDuckDBExt.stripped.so" "$OUT" --extension-version "${VERSION:-0.0.0}"
# The export list is the contract: exactly the entry point.
exports=$(nm -D --defined-only "$RELEASE/libAutoExportsDuckDBExt.so" | awk '$2 ~ /^[TDBVWi]$/ {print $3}' | sort -u)
if [ "$exports" != "autoexports_init_c_api" ]; then
    echo "build.sh: the extension exports more than autoexports_init_c_api:" >&2
    echo "$exports" >&2
    exit 1
fi
echo "built $OUT"
