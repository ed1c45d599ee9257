"""Panels from Python: lifecycle (close, context manager, use after close, __del__ on a
half-built object), the embedded reference data, adding series from numpy arrays."""

import ctypes
import gc
import math

import numpy as np
import pytest

import autoexports
from autoexports import AutoExportsError, Panel
from autoexports._ffi import lib


def test_reference_panel_has_cited_chinese_figures():
    with Panel.reference() as p:
        assert len(p) == 130
        periods, values = p.values("China")
        assert periods == ["2020", "2021", "2022", "2023", "2024", "2025"]
        assert values[3] == 4_910_000
        periods, values = p.values("CHN", source="GACC")
        assert list(values) == [3_200_000, 5_220_000]
        info = [s for s in p.series() if s.exporter == "DEU" and s.source == "VDA"]
        assert info and info[0].scope == "passenger_cars" and info[0].first == "2015"


def test_use_after_close_raises_and_close_twice_is_fine():
    p = Panel()
    p.close()
    p.close()
    assert p.closed
    with pytest.raises(ValueError, match="closed"):
        len(p)
    with pytest.raises(ValueError, match="closed"):
        p.series()


def test_del_survives_partial_construction():
    p = Panel.__new__(Panel)  # __init__ never ran
    del p
    gc.collect()


def _is_live(handle: int) -> bool:
    n = ctypes.c_int64()
    try:
        lib().aex_panel_row_count(ctypes.byref(n), handle)
        return True
    except AutoExportsError as e:
        assert e.status_name == "AEX_E_INVALID_HANDLE" and "freed" in e.message
        return False


def test_close_with_and_del_release_the_library_handle():
    p = Panel.reference()
    h = p._handle
    assert _is_live(h)
    p.close()
    assert not _is_live(h)
    with Panel() as q:
        h = q._handle
    assert not _is_live(h)
    r = Panel()
    h = r._handle
    del r
    gc.collect()
    assert not _is_live(h)


def test_add_from_numpy_arrays_and_duplicates_are_refused():
    with Panel() as p:
        codes = np.array([2021, 2022, 2023], dtype=np.int32)
        vals = np.array([1.5, math.nan, 3.0])
        p.add("Japan", codes, vals, segment="nev", source="JAMA", scope="all_vehicles")
        periods, values = p.values("JPN", segment="nev")
        assert periods == ["2021", "2022", "2023"]
        assert values[0] == 1.5 and math.isnan(values[1])
        with pytest.raises(AutoExportsError) as e:
            p.add("JPN", ["2023"], [1.0], segment="nev", source="JAMA", scope="all_vehicles")
        assert e.value.status_name == "AEX_E_DUPLICATE"
        assert len(p) == 3
        p.add("KOR", ["2023-Q1", "2023-03"], [1, 2])
        assert p.values("KOR")[0] == ["2023-Q1", "2023-03"]
        with pytest.raises(AutoExportsError, match="AEX_E_NOT_FOUND"):
            p.add("Atlantis", ["2023"], [1.0])


def test_period_codes_round_trip():
    for text in ["2023", "2023-Q1", "2023-03", "0001", "9999-12"]:
        assert autoexports.period_text(autoexports.period_code(text)) == text
    with pytest.raises(ValueError):
        autoexports.period_code("2023-Q5x")
