"""The Python binding's type hints and lint hold (issue 23 item 12): mypy over bindings/python/src
with the configuration in bindings/python/pyproject.toml ([tool.mypy]: --strict); the public
signatures are precise (no Any where the type is known, Literals that match the library's
vocabularies); and mypy judges a user's script as it should: typing_samples/correct_usage.py
passes (its assert_type calls pin the return types), typing_samples/incorrect_usage.py
fails with exactly the errors its lines are marked with. mypy is pinned in
Tests/python/requirements.txt; without it the mypy tests are skipped, saying so."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "typing_samples"
SRC = REPO / "bindings" / "python" / "src"


def _mypy() -> None:
    if shutil.which("mypy", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("mypy is not installed in this environment (Tests/python/requirements.txt pins it)")


def _mypy_on_sample(name: str) -> subprocess.CompletedProcess[str]:
    """mypy --strict over one sample, with the package from the source tree (not an installed copy)."""
    env = dict(os.environ, MYPYPATH=str(SRC))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--ignore-missing-imports",
            "--no-incremental",
            "--config-file",
            os.devnull,
            "--hide-error-context",
            "--no-pretty",
            str(SAMPLES / name),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


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


def test_a_correct_user_script_type_checks():
    """Each assert_type in the sample pins a return type: Any (or a wrong type) fails it."""
    _mypy()
    r = _mypy_on_sample("correct_usage.py")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Success: no issues found" in r.stdout
    assert "assert_type(" in (SAMPLES / "correct_usage.py").read_text()


def test_an_incorrect_user_script_fails_with_the_expected_errors():
    """Every line marked ``# expect: CODE`` gets exactly that error code, and no other line
    gets an error: a misspelt method, an unknown convention, a list assigned an ndarray result, ..."""
    _mypy()
    path = SAMPLES / "incorrect_usage.py"
    expected = {}
    for i, line in enumerate(path.read_text().splitlines(), start=1):
        m = re.search(r"# expect: ([a-z-]+)", line)
        if m:
            expected[i] = m.group(1)
    assert len(expected) >= 10
    r = _mypy_on_sample("incorrect_usage.py")
    assert r.returncode == 1, r.stdout + r.stderr
    got = {}
    for line in r.stdout.splitlines():
        m = re.match(r".*incorrect_usage\.py:(\d+): error: .*\[([a-z-]+)\]$", line)
        if m:
            got.setdefault(int(m.group(1)), set()).add(m.group(2))
    missing = {n: c for n, c in expected.items() if c not in got.get(n, set())}
    extra = {n: c for n, c in got.items() if n not in expected}
    assert not missing and not extra, f"missing {missing}, unexpected {extra}:\n{r.stdout}"


# -- the public signatures, read at run time ------------------------------------------------


def _namespace():
    """What the annotations name under TYPE_CHECKING (numpy, pandas), for get_type_hints."""
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    import numpy.typing as npt
    from autoexports import _arrays

    ns = {"np": np, "npt": npt, "pd": pd, "Unpack": typing.Unpack}
    float_array, num_array = npt.NDArray[np.float64], npt.NDArray[np.generic]
    ns.update(
        FloatArray=float_array,
        NumArray=num_array,
        Numbers=typing.Union[typing.Sequence[float], num_array, pd.Series, pd.Index],
        Result=typing.Union[list, float_array, pd.Series],
    )
    assert _arrays.is_numpy(np.zeros(1))
    return ns


def _hints(fn):
    return typing.get_type_hints(fn, globalns={**fn.__globals__, **_namespace()})


def test_rank_returns_a_precise_type_per_input_and_takes_literal_names():
    import autoexports as aex

    np = pytest.importorskip("numpy")
    import numpy.typing as npt

    hints = _hints(aex.rank)
    assert hints["return"] is not typing.Any
    assert hints["method"].__origin__ is typing.Literal
    overloads = typing.get_overloads(aex.rank)
    assert len(overloads) == 4
    returns = [typing.get_type_hints(o, globalns={**o.__globals__, **_namespace()})["return"] for o in overloads]
    assert returns[0] == npt.NDArray[np.float64]
    assert returns[1] == list[float]
    for fn in (aex.percent_rank, aex.cume_dist, aex.rank_groups):
        assert len(typing.get_overloads(fn)) == 4, fn.__name__


@pytest.mark.parametrize(
    "name",
    [
        "rank",
        "percent_rank",
        "cume_dist",
        "rank_groups",
        "rank_eq",
        "percentrank_inc",
        "league_table",
        "milestones",
        "fit_trend",
        "project_series",
        "explain_overtake",
        "overtakes",
        "count_overtakes_in_grid",
        "read_csv",
        "period_code",
    ],
)
def test_public_functions_have_no_any_in_their_signature(name):
    """Resolved with get_type_hints (numpy and pandas supplied): no parameter and no return is
    Any or unannotated."""
    import autoexports as aex

    fn = getattr(aex, name)
    hints = _hints(fn)
    sig = inspect.signature(fn)
    for p in sig.parameters:
        assert p in hints, f"{name}: parameter {p} is not annotated"
        assert hints[p] is not typing.Any, f"{name}: parameter {p} is Any"
        assert "Any" not in str(sig.parameters[p].annotation), f"{name}({p}): {sig.parameters[p].annotation}"
    assert "return" in hints and hints["return"] is not typing.Any, name


def test_public_classes_methods_have_no_any():
    import autoexports as aex

    for cls in (
        aex.Panel,
        aex.TrendFit,
        aex.Forecast,
        aex.Crossover,
        aex.Range,
        aex.MilestoneList,
        aex.OvertakeEvents,
        aex.Milestone,
    ):
        for attr, fn in vars(cls).items():
            if attr.startswith("_") and attr not in ("__init__", "__exit__"):
                continue
            fn = getattr(fn, "__func__", fn)
            if not inspect.isfunction(fn):
                continue
            for p, ann in fn.__annotations__.items():
                assert "Any" not in str(ann), f"{cls.__name__}.{attr}({p}): {ann}"
        for field, ann in getattr(cls, "__annotations__", {}).items():
            assert "Any" not in str(ann), f"{cls.__name__}.{field}: {ann}"


def test_the_literal_names_are_names_the_library_parses():
    """The Literals are static copies of names the library owns: every one must parse, and
    every canonical name must be among them (so a new method or kind fails here first)."""
    from autoexports import _milestones, _projection, _spreadsheet, _vocabulary

    method_names = typing.get_args(_vocabulary.RankMethod)
    for n in method_names:
        _vocabulary.METHODS.code(n, "method")
    assert set(_vocabulary.METHODS.names()) <= set(method_names)
    na_names = typing.get_args(_vocabulary.NaOption)
    for n in na_names:
        _vocabulary.NA_OPTIONS.code(n, "na_option")
    assert set(_vocabulary.NA_OPTIONS.names()) <= set(na_names)
    for n in typing.get_args(_vocabulary.Convention):
        _spreadsheet._convention(n)
    assert set(typing.get_args(_milestones.MilestoneKind)) == set(_vocabulary.KINDS.names())
    assert set(typing.get_args(_projection.TrendModelName)) == set(_projection.MODELS)


def test_the_package_is_checked_strictly():
    """The configuration keeps --strict (so the checks above cannot silently loosen)."""
    text = (REPO / "bindings" / "python" / "pyproject.toml").read_text()
    section = text.split("[tool.mypy]", 1)[1]
    assert re.search(r"^strict = true$", section, re.M), section[:400]
