"""Shared fixtures: repository paths and the built library."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIB = REPO / ".build" / "release" / "libautoexports.so"
HEADER = REPO / "include" / "autoexports.h"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def libpath() -> Path:
    assert LIB.is_file(), "run `make` first"
    return LIB
