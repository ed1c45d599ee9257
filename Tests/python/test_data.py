"""Panels from Python: lifecycle (close, context manager, use after close, __del__ on a
half-built object), the embedded reference data, adding series from numpy arrays."""

import csv
import ctypes
import gc
import math
from pathlib import Path

import autoexports
import numpy as np
import pytest
from autoexports import AutoExportsError, Panel
from autoexports._ffi import lib

# The data rows of the embedded file, counted with the csv module (the oracle for row counts).
_REFERENCE_CSV = Path(__file__).resolve().parents[2] / "Sources" / "AutoExports" / "Data" / "Reference" / "exports.csv"
with _REFERENCE_CSV.open(newline="", encoding="utf-8") as _f:
    REFERENCE_ROWS = sum(1 for row in csv.reader(_f) if row) - 1
# The embedded panel also holds destinations.csv (exports by destination market, issue 19).
_DESTINATIONS_CSV = _REFERENCE_CSV.with_name("destinations.csv")
with _DESTINATIONS_CSV.open(newline="", encoding="utf-8") as _f:
    DESTINATION_ROWS = sum(1 for row in csv.reader(_f) if row) - 1


def test_reference_panel_has_cited_chinese_figures():
    with Panel.reference() as p:
        # The embedded data is exports.csv whole (its JAMA fiscal-year rows load as fiscal years).
        assert len(p) == REFERENCE_ROWS + DESTINATION_ROWS
        periods, values = p.values("China")
        # CAAM all vehicles: 2010, 2012, 2013, 2015–2025 (no reliable 2011 or 2014 figure).
        assert periods == ["2010", "2012", "2013"] + [str(y) for y in range(2015, 2026)]
        assert values[periods.index("2023")] == 4_910_000
        periods, values = p.values("CHN", source="GACC")
        assert list(values) == [3_200_000, 5_220_000, 8_320_000]
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


def test_period_texts_people_type_and_bad_ones():
    # Codes by the header's encoding: YYYY, YYYYQ, YYYYMM.
    assert [autoexports.period_code(t) for t in [" 2023 ", "2023Q4", "2023-q2", "2023-3", "2023M12"]] == [
        2023,
        20234,
        20232,
        202303,
        202312,
    ]
    for bad in ["2023-Q5", "2023-13", "2023-00", "23", "", "2023/03"]:
        with pytest.raises(ValueError, match="not a period"):
            autoexports.period_code(bad)
    for bad in [0, 20235, 202313, -2023, 1 << 40]:
        with pytest.raises(ValueError):
            autoexports.period_text(bad)


def test_resolve_exporter_by_code_name_alias_and_m49():
    cases = {
        "chn": "CHN",
        "China": "CHN",
        156: "CHN",
        "392": "JPN",
        "Korea, Rep.": "KOR",
        "Türkiye": "TUR",
        "Germany": "DEU",
        "484": "MEX",
    }
    assert {k: autoexports.resolve_exporter(k) for k in cases} == cases
    with pytest.raises(KeyError, match="Atlantis"):
        autoexports.resolve_exporter("Atlantis")


# ---- import, export, rejections -------------------------------------------------------

import csv
import io
import struct
from pathlib import Path

from autoexports import ImportFailed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _manifest():
    with open(FIXTURES / "malformed" / "manifest.csv", newline="") as f:
        return list(csv.DictReader(f))


def _bytes(case):
    if case["file"] == "@long_line":
        return b"exporter,period,metric,value\nCHN,2023,units," + b"9" * (10 << 20)
    return (FIXTURES / "malformed" / case["file"]).read_bytes()


@pytest.mark.parametrize("case", _manifest(), ids=lambda c: c["name"])
def test_malformed_input_gives_documented_error(case):
    data = _bytes(case)
    with pytest.raises(ImportFailed) as e:
        Panel.from_csv_text(data)
    assert (e.value.reason, e.value.line, e.value.column) == (case["reason"], int(case["line"]), int(case["column"]))
    assert e.value.report.rows_read == (
        e.value.report.rows_loaded + e.value.report.rows_rejected + e.value.report.rows_skipped
    )
    loaded = int(case["loaded_lenient"])
    if loaded < 0:
        with pytest.raises(ImportFailed):
            Panel.from_csv_text(data, policy="lenient")
        return
    with Panel.from_csv_text(data, policy="lenient") as p:
        assert len(p) == loaded
        r = p.last_import
        assert r.rows_read == r.rows_loaded + r.rows_rejected + r.rows_skipped
        first = r.rejections[0]
        assert (first.reason, first.line, first.column) == (case["reason"], int(case["line"]), int(case["column"]))
        assert first.message.startswith(f"line {first.line}, column {first.column}")


def test_read_csv_of_the_reference_file_equals_the_embedded_panel(repo, tmp_path):
    with (
        Panel.read_csv(repo / "Sources" / "AutoExports" / "Data" / "Reference" / "exports.csv") as p,
        Panel.reference() as ref,
    ):
        assert p.last_import.rows_loaded == REFERENCE_ROWS
        p.import_csv(_DESTINATIONS_CSV)
        assert p.last_import.rows_loaded == DESTINATION_ROWS
        assert p.export() == ref.export()


def test_export_round_trip_is_exact_against_pandas(tmp_path):
    pd = pytest.importorskip("pandas")
    rng = np.random.default_rng(5)
    n = 2000
    values = rng.standard_normal(n) * 10.0 ** rng.integers(-300, 300, n)
    values[::17] = np.nan
    values[5] = -0.0
    df = pd.DataFrame(
        {
            "exporter": rng.choice(["CHN", "JPN", "DEU", "KOR", "MEX"], n),
            "period": [f"{1900 + i // 5}" for i in range(n)],
            "metric": "usd",
            "value": values,
            "source": rng.choice(["=SUM(A1)", "CAAM", "a,b", 'say "x"'], n),
        }
    )
    df = df.drop_duplicates(["exporter", "period", "source"])
    with Panel.from_pandas(df) as p:
        path = tmp_path / "out.csv"
        p.to_csv(path)
        with Panel.read_csv(path) as q:
            back = q.to_pandas()
        out = p.to_pandas()
    key = ["exporter", "period", "source"]
    a = df.sort_values(key).reset_index(drop=True)
    b = back.sort_values(key).reset_index(drop=True)
    assert list(a["exporter"]) == list(b["exporter"]) and list(a["source"]) == list(b["source"])
    # bit for bit, NaN where NaN
    bits = lambda s: [struct.pack("<d", x) if x == x else b"nan" for x in s]  # noqa: E731
    assert bits(a["value"]) == bits(b["value"])
    assert len(out) == len(df)
    # the oracle: pandas reads our CSV (escaping off) to the same values
    with Panel.from_pandas(df) as p:
        theirs = pd.read_csv(
            io.StringIO(p.export(escape_formulas=False)),
            float_precision="round_trip",
            keep_default_na=False,
            na_values=[""],
        )
    c = theirs.sort_values(key).reset_index(drop=True)
    assert bits(c["value"]) == bits(a["value"])


def test_formula_escaping_is_on_by_default():
    with Panel() as p:
        p.import_text("exporter,period,metric,value,source\nCHN,2023,units,1,=1+1\n")
        assert "'=1+1" in p.export()
        assert ",=1+1" in p.export(escape_formulas=False)
        assert p.series()[0].source == "=1+1"


def test_comtrade_fixture_through_python():
    with Panel.read_csv(FIXTURES / "comtrade_8703.csv", format="comtrade") as p:
        r = p.last_import
        # The two exports to partner 842 (the USA) load since issue 19; imports and breakdowns are skipped.
        assert (r.rows_read, r.rows_loaded, r.rows_skipped) == (246, 240, 6)
        df = p.to_pandas()
        # Oracle: the fixture summed with the csv module, world exports, 8703 subheadings.
        want = {}
        with open(FIXTURES / "comtrade_8703.csv", newline="") as f:
            for row in csv.DictReader(f):
                if (
                    row["flowCode"] == "X"
                    and row["partnerCode"] == "0"
                    and row["motCode"] == "0"
                    and row["cmdCode"].startswith("8703")
                    and len(row["cmdCode"]) == 6
                ):
                    k = (row["reporterISO"], row["period"])
                    want[k] = want.get(k, 0) + float(row["primaryValue"])
        usd = df[(df.metric == "usd") & (df.segment != "total")]
        got = usd.assign(period=usd.period.str.replace("-", "")).groupby(["exporter", "period"])["value"].sum()
        assert {k: v for k, v in got.items()} == want


def test_wide_csv_with_options():
    text = 'country,2022,2023\nChina,"3,110,000","4,910,000"\nJapan,3813000,\n'
    with Panel.from_csv_text(text, format="wide", source="mixed", scope="all_vehicles") as p:
        periods, values = p.values("CHN", source="mixed")
        assert periods == ["2022", "2023"] and list(values) == [3_110_000, 4_910_000]
        assert p.values("JPN")[0] == ["2022"]


def test_lenient_report_counts_every_row():
    text = "exporter,period,metric,value\nCHN,2023,units,1\nXXX,2023,units,2\nCHN,2023,units,3\nJPN,2023,units,x\n"
    with Panel.from_csv_text(text, policy="lenient", max_rejections=1) as p:
        r = p.last_import
        assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (4, 1, 3)
        assert len(r.rejections) == 1 and r.rejections[0].reason == "unknown_exporter"


# ---- command line ---------------------------------------------------------------------

import subprocess


def _cli(repo, *args):
    return subprocess.run([str(repo / ".build" / "release" / "autoexports"), *args], capture_output=True, text=True)


def test_cli_data_list_and_show(repo):
    r = _cli(repo, "data", "list", "--format", "csv")
    assert r.returncode == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    chn = [
        x
        for x in rows
        if x["exporter"] == "CHN" and x["source"] == "CAAM" and x["scope"] == "all_vehicles" and x["segment"] == "total"
    ]
    assert chn and chn[0]["periods"] == "2010–2025" and chn[0]["rows"] == "14"
    r = _cli(repo, "data", "show", "China", "--format", "json")
    assert r.returncode == 0 and "4910000" in r.stdout and "https://www.shine.cn" in r.stdout
    r = _cli(repo, "data", "show", "Atlantis")
    assert r.returncode == 1 and "unknown exporter" in r.stderr


def test_cli_data_validate_reports_line_column_reason(repo):
    bad = FIXTURES / "malformed" / "non_numeric_value.csv"
    r = _cli(repo, "data", "validate", str(bad))
    assert r.returncode == 1
    assert "2 rows read, 1 loaded, 1 rejected" in r.stdout
    assert 'line 2, column 4 (value): "abc" is not a number' in r.stdout
    good = _cli(repo, "data", "validate", str(FIXTURES / "comtrade_8703.csv"), "--input-format", "comtrade")
    assert good.returncode == 0 and "6 skipped" in good.stdout


def test_cli_data_convert_round_trips(repo, tmp_path):
    ref = repo / "Sources" / "AutoExports" / "Data" / "Reference" / "exports.csv"
    out = tmp_path / "out.csv"
    r = _cli(repo, "data", "convert", str(ref), "--to", "csv", "--output", str(out))
    assert r.returncode == 0, r.stderr
    with Panel.read_csv(out) as a, Panel.reference() as b:
        a.import_csv(_DESTINATIONS_CSV)
        assert a.export() == b.export()
    j = _cli(repo, "data", "convert", str(ref), "--to", "json")
    import json

    doc = json.loads(j.stdout)
    assert sum(len(s["observations"]) for s in doc["series"]) == REFERENCE_ROWS
    m = _cli(repo, "data", "convert", str(FIXTURES / "malformed" / "bad_period.csv"), "--to", "markdown")
    assert m.returncode == 1 and "line 2, column 2" in m.stderr
