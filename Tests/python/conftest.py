"""Shared fixtures (repository paths, the built library) and the suite's markers.

Markers say what a test needs or costs, so a contributor can pick (`-m "not slow"`):

    slow     takes seconds: hypothesis searches, subprocess-heavy CLI runs, large inputs
    scale    Dask or Spark (run with .build/venv-scale, as make test does)
    calc     headless LibreOffice Calc (soffice) and the Calc add-in
    sqlite   the sqlite3 shell or Python's sqlite3 loading the extension
    browser  a real browser rendering the HTML report
    duckdb   the DuckDB extension
    dist     packaging: wheels, install trees, the ABI baseline

They are assigned here by test file (`FILE_MARKERS`, `FILE_PREFIX_MARKERS`) and by test
function (`TEST_MARKERS`), so test files need not be edited; a file may also mark single
tests itself.  `make check` (Tests/check.sh) runs
`-m "not slow and not scale and not calc and not browser and not dist"`; `make test`
runs everything.  The markers are registered, so `--strict-markers` is clean.
"""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LIB = REPO / ".build" / "release" / "libautoexports.so"
HEADER = REPO / "include" / "autoexports.h"

MARKERS = {
    "slow": "takes seconds (hypothesis searches, many CLI runs, large inputs); deselect with -m 'not slow'",
    "scale": "needs Dask or Spark (.build/venv-scale)",
    "calc": "needs headless LibreOffice Calc and the Calc add-in",
    "sqlite": "needs the sqlite3 shell or Python's sqlite3 loading the extension",
    "browser": "needs a real browser (the HTML report)",
    "duckdb": "needs DuckDB and the autoexports DuckDB extension",
    "dist": "builds or installs distributions (wheel, install tree, ABI baseline)",
}

# Test file name -> markers of every test in it.  Files that do not exist yet are fine.
FILE_MARKERS = {
    "test_scale_dask.py": ("scale", "slow"),
    "test_scale_spark.py": ("scale", "slow"),
    "test_scale_buckets.py": ("scale",),
    "test_libreoffice.py": ("calc", "slow"),
    "test_sqlite_extension.py": ("sqlite",),
    "test_ranking_sqlite.py": ("sqlite",),
    "test_duckdb.py": ("duckdb",),
    "test_report_html.py": ("browser",),  # refine per test function once it exists
    "test_benchmarks_smoke.py": ("duckdb", "slow"),
    "test_contract.py": ("dist", "sqlite", "slow"),
}
FILE_PREFIX_MARKERS = {
    "test_dist": ("dist", "slow"),
    "test_abi": ("dist",),
}
# "file::test function" (every parametrization) -> markers.  `slow` was decided with
# `pytest --durations=0` on a warm build on 2 shared cores: a test function is slow when
# its runs together take several seconds (hypothesis and parameter sweeps against
# statsmodels or pandas on large inputs, valgrind runs).  The rest of its file stays in
# `make check`.
TEST_MARKERS = {
    "test_projection.py::test_holt_estimation_reaches_statsmodels_minimum_or_lower": ("slow",),
    "test_ranking_pandas.py::test_rank_groups_matches_pandas_groupby_rank_for_every_option": ("slow",),
    "test_ranking_pandas.py::test_rank_on_a_million_distinct_values_matches_pandas": ("slow",),
    "test_ranking_pandas.py::test_rank_groups_on_many_rows_uses_threads_and_still_matches_pandas": ("slow",),
    "test_plugin_host.py::test_binding_c_tests_run_clean_under_valgrind": ("slow",),
    "test_plugin_host.py::test_binding_and_host_run_clean_under_valgrind": ("slow",),
}


def markers_for(filename: str, function: str = "") -> tuple[str, ...]:
    """The markers of test `function` (its name without parameters) in a test file."""
    found = list(FILE_MARKERS.get(filename, ()))
    for prefix, names in FILE_PREFIX_MARKERS.items():
        if filename.startswith(prefix):
            found += [n for n in names if n not in found]
    found += [n for n in TEST_MARKERS.get(f"{filename}::{function}", ()) if n not in found]
    return tuple(found)


def pytest_configure(config):
    for name, help_text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {help_text}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        function = getattr(item, "originalname", None) or item.name.split("[")[0]
        for name in markers_for(item.path.name, function):
            item.add_marker(getattr(pytest.mark, name))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def libpath() -> Path:
    assert LIB.is_file(), "run `make` first"
    return LIB
