"""The Python binding's rank(): pandas' names and defaults, lists and numpy, errors."""

import math

import autoexports
import numpy as np
import pandas as pd
import pytest
from autoexports import AutoExportsError


def test_done_when_example_matches_pandas_min_descending():
    assert autoexports.rank([30, 20, 20, 10], method="min", ascending=False) == [1.0, 2.0, 2.0, 4.0]


@pytest.mark.parametrize(
    "method,ours",
    [
        ("average", "fractional"),
        ("min", "competition"),
        ("max", "competition_max"),
        ("first", "ordinal"),
        ("dense", "dense"),
    ],
)
def test_pandas_names_equal_our_names(method, ours):
    v = [3.0, 1.0, 3.0, 2.0, float("nan"), 1.0]
    a = autoexports.rank(v, method=method)
    b = autoexports.rank(v, method=ours)
    assert np.array_equal(np.array(a), np.array(b), equal_nan=True)


def test_default_is_pandas_default():
    v = [4.0, 2.0, 2.0, float("nan"), -1.0]
    got = autoexports.rank(v)
    want = pd.Series(v).rank().tolist()
    assert np.array_equal(np.array(got), np.array(want), equal_nan=True)


def test_numpy_in_numpy_out_and_input_untouched():
    v = np.array([1.0, 5.0, 5.0, np.nan])
    before = v.copy()
    r = autoexports.rank(v, method="dense", ascending=False, na_option="bottom")
    assert isinstance(r, np.ndarray)
    assert r.tolist() == [2.0, 1.0, 1.0, 3.0]
    assert np.array_equal(v, before, equal_nan=True)


def test_non_contiguous_and_integer_arrays_are_converted():
    v = np.arange(10, dtype=np.int64)[::-2]  # 9, 7, 5, 3, 1
    assert autoexports.rank(v, method="min").tolist() == [5.0, 4.0, 3.0, 2.0, 1.0]


def test_empty_input():
    assert autoexports.rank([], method="min") == []


def test_unknown_method_raises_value_error_naming_it():
    with pytest.raises(ValueError, match="method"):
        autoexports.rank([1.0], method="bogus")
    with pytest.raises(ValueError, match="na_option"):
        autoexports.rank([1.0], na_option="middle")


def test_non_numbers_raise_type_error():
    with pytest.raises(TypeError):
        autoexports.rank(["a", "b"])


def test_library_errors_become_autoexports_error_with_name_and_message():
    lib = autoexports.lib()
    with pytest.raises(AutoExportsError) as e:
        lib.aex_rank_values(None, None, 4, 0, 0, 0)
    assert e.value.status_name == "AEX_E_NULL_POINTER"
    assert "values is NULL" in e.value.message
    with pytest.raises(AutoExportsError) as e:
        lib.aex_rank_values(None, None, -1, 0, 0, 0)
    assert e.value.status_name == "AEX_E_OUT_OF_RANGE"
    buf = np.zeros(2)
    with pytest.raises(AutoExportsError) as e:
        lib.aex_rank_values(buf.ctypes.data, buf.ctypes.data, 2, 7, 0, 0)
    assert e.value.status_name == "AEX_E_INVALID_ARGUMENT" and "method" in e.value.message


def test_nan_inf_and_negative_zero():
    r = autoexports.rank([math.inf, -0.0, 0.0, -math.inf, math.nan], method="average")
    assert r[:4] == [4.0, 2.5, 2.5, 1.0] and math.isnan(r[4])
