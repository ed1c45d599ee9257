"""Adds up the results of every suite into one closing line: 'N passed, N failed'.

    python Tests/summary.py RESULTS_DIR [SUITE ...]

The suites expected default to every suite of `make test`; `make check` names its own.
Result files of any other suite in the folder (e.g. format.counts) are added up too, as
suites of their own, so a new runner needs only to write its file.

Reads JUnit XML files (Swift's --xunit-output, pytest's --junitxml) and '*.counts' files
('passed failed' per line, written by the C runner and Tests/hardening/run.sh) from the
results folder. A suite that was expected but left no result counts as one failure, so a
crash is never silent.
"""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

EXPECTED = ["swift", "format", "c", "python", "hardening"]


def junit_counts(path: Path) -> tuple[int, int, int]:
    root = ET.parse(path).getroot()
    passed = failed = skipped = 0
    for case in root.iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main() -> int:
    results = Path(sys.argv[1])
    expected = sys.argv[2:] or EXPECTED
    total_p = total_f = total_s = 0
    claimed: set[Path] = set()
    groups: list[tuple[str, list[Path]]] = []
    for suite in expected:
        files = sorted(results.glob(f"{suite}*.xml")) + sorted(results.glob(f"{suite}*.counts"))
        if suite == "swift":
            # Swift writes swift.xml (XCTest) and swift-swift-testing.xml (Swift Testing).
            files = [f for f in files if f.suffix == ".xml"]
        claimed.update(files)
        groups.append((suite, files))
    others: dict[str, list[Path]] = {}
    for file in sorted(results.glob("*.xml")) + sorted(results.glob("*.counts")):
        if file not in claimed and not file.name.startswith("swift"):
            others.setdefault(file.name.split(".")[0].split("-")[0], []).append(file)
    groups += sorted(others.items())
    for suite, files in groups:
        p = f = s = 0
        for file in files:
            if file.suffix == ".xml":
                a, b, c = junit_counts(file)
            else:
                # One "passed failed" line per program: add them all up.
                nums = [int(x) for x in file.read_text().split()]
                a, b, c = sum(nums[0::2]), sum(nums[1::2]), 0
            p, f, s = p + a, f + b, s + c
        if p + f == 0:
            print(f"{suite}: no results (the suite did not run or crashed)")
            f = 1
        print(f"{suite}: {p} passed, {f} failed" + (f", {s} skipped" if s else ""))
        total_p, total_f, total_s = total_p + p, total_f + f, total_s + s
    print(f"{total_p} passed, {total_f} failed" + (f", {total_s} skipped" if total_s else ""))
    return 1 if total_f else 0


if __name__ == "__main__":
    sys.exit(main())
