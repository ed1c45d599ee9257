#!/usr/bin/env python3
"""Lists the core's public functions, initialisers and subscripts without a `- Complexity:`
note in their documentation comment (issue 16: every public function says what it costs, as
swift-algorithms does).

    python3 tools/check_complexity.py            the offenders, one per line; exit 1 if any
    python3 tools/check_complexity.py --count    only the number

Protocol witnesses whose cost the protocol documents are exempt: `==`, `<`, `hash(into:)`,
`makeIterator()`, `init(stringLiteral:)` and `init?(rawValue:)`.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DECL = re.compile(
    r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:static\s+|mutating\s+|nonisolated\s+)*"
    r"(func|init|subscript)\b(.*)"
)
EXEMPT = re.compile(r"^\s*(func\s+(==|<|hash\(into|makeIterator\()|init\(stringLiteral|init\?\(rawValue)")


def offenders(root: pathlib.Path = ROOT / "Sources" / "AutoExports") -> list[str]:
    out = []
    for path in sorted(root.rglob("*.swift")):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            m = DECL.match(line)
            if not m:
                continue
            if EXEMPT.match(m.group(1) + m.group(2)):
                continue
            j, doc = i - 1, []
            while j >= 0 and lines[j].strip().startswith(("///", "@")):
                doc.append(lines[j])
                j -= 1
            if not any("- Complexity:" in d for d in doc):
                out.append(f"{path.relative_to(ROOT)}:{i + 1}: {line.strip()[:100]}")
    return out


if __name__ == "__main__":
    found = offenders()
    if "--count" in sys.argv:
        print(len(found))
    else:
        print("\n".join(found) if found else "every public function has a - Complexity: note")
    sys.exit(1 if found else 0)
