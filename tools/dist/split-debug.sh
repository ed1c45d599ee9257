#!/usr/bin/env bash
# split-debug.sh IN OUT — writes OUT, a stripped copy of the ELF file IN, and OUT.debug,
# its debug info, the way distributions ship them: OUT carries a .gnu_debuglink naming
# OUT.debug (with its CRC), so gdb and valgrind load the debug info when OUT.debug lies
# beside OUT (or under /usr/lib/debug/<dir of OUT>/). OUT keeps its dynamic symbols only.
set -euo pipefail
in=$1 out=$2
dir=$(dirname "$out") base=$(basename "$out")
tmp="$out.tmp.$$"
objcopy --only-keep-debug "$in" "$out.debug"
chmod 644 "$out.debug"
objcopy --strip-all "$in" "$tmp"
# --add-gnu-debuglink records the file name without its folder: run it beside the file.
(cd "$dir" && objcopy --add-gnu-debuglink="$base.debug" "$(basename "$tmp")")
mv -f "$tmp" "$out"
