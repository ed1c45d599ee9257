#!/usr/bin/env bash
# license.sh — the LICENSE file of the release tarball: the project's licence (SPDX
# Apache-2.0, as bindings/python/pyproject.toml declares) and the notices of what is linked
# in statically: the Swift runtime and Foundation (Apache 2.0 with the Runtime Library
# Exception, text from the toolchain); the CLI links FoundationEssentials, not ICU.
set -euo pipefail
cd "$(dirname "$0")/../.."
cat <<'TXT'
autoexports is licensed under the Apache License, Version 2.0 (SPDX-License-Identifier:
Apache-2.0). Its full text follows (the same text as the Swift project's licence below,
before the Runtime Library Exception).

Linked in statically:
- lib/libautoexports.so.*: the Swift standard library and runtime (Swift project, Apache 2.0
  with the Runtime Library Exception).
- bin/autoexports: the same, plus swift-argument-parser (Apache 2.0 with the Runtime Library
  Exception), FoundationEssentials (swift-foundation, Apache 2.0 with the Runtime Library
  Exception) and libdispatch (Apache 2.0). No ICU: the CLI does not link Foundation's
  internationalization part.

================================================================================
TXT
swift_license=""
for d in "$(dirname "$(dirname "$(command -v swift 2>/dev/null || echo /x/x)")")/share/swift"; do
  [ -f "$d/LICENSE.txt" ] && { swift_license="$d/LICENSE.txt"; break; }
done
if [ -n "$swift_license" ]; then cat "$swift_license"
else echo "(the toolchain's LICENSE.txt was not found: see the Swift project's LICENSE.txt)"; fi
