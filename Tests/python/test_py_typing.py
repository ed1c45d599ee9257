"""The Python binding's type hints and lint hold (issue 23 item 12): mypy over bindings/python/src
with the configuration in bindings/python/pyproject.toml ([tool.mypy]). mypy is pinned in
Tests/python/requirements.txt; without it the test is skipped, saying so."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_mypy_finds_no_type_errors():
    if shutil.which("mypy", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("mypy is not installed in this environment (Tests/python/requirements.txt pins it)")
    r = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO / "bindings" / "python", capture_output=True, text=True, timeout=600
    )
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Success: no issues found" in r.stdout


def test_ruff_finds_no_lint_errors_in_the_package():
    """ruff's checks (ruff.toml: pyflakes, pycodestyle errors, import order) pass on the
    package users install; the rest of the tree is checked by Tests/format/check.sh."""
    if shutil.which("ruff", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("ruff is not installed in this environment (Tests/python/requirements.txt pins it)")
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    r = subprocess.run([ruff, "check", "bindings/python"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
