"""Files as users write them (issue 23 items 1, 2, 3, 5), from Python and the CLI: wide
files with descriptive columns, CSV saved by spreadsheets in European locales (checked
against pandas.read_csv with the same options), missing-value spellings, the documented
example files and `data convert` of the embedded data."""

import ctypes
import subprocess

import numpy as np
import pandas as pd
import pytest
from autoexports import Panel
from autoexports._ffi import lib
from autoexports._panel import DEFAULT_NA_VALUES, ImportFailed, ImportOptions

PLAIN = """exporter,period,segment,metric,value,source
Türkiye,2023,total,units,1234567,OSD
Réunion,2023,total,usd,174500000000.0,Customs
China,2023,nev,units,0.25,CAAM
China,2024,nev,usd,-1234.5,CAAM
Japan,2023,total,units,4910000,JAMA
"Korea, Republic of",2023,total,units,12,KAMA
"""

EUROPEAN = """exporter;period;segment;metric;value;source
Türkiye;2023;total;units;1.234.567;OSD
Réunion;2023;total;usd;174.500.000.000,0;Customs
China;2023;nev;units;0,25;CAAM
China;2024;nev;usd;-1.234,5;CAAM
Japan;2023;total;units;4.910.000;JAMA
Korea, Republic of;2023;total;units;12;KAMA
"""


@pytest.fixture(scope="module")
def cli(repo):
    return repo / ".build" / "release" / "autoexports"


def run(cli, repo, args):
    return subprocess.run(
        [str(cli), *args], capture_output=True, text=True, cwd=repo, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    )


def figures(p):
    """(exporter, segment, metric, source, period) -> value of every observation."""
    out = {}
    for i, s in enumerate(p.series()):
        periods, values = p.series_values(i)
        for t, v in zip(periods, values):
            out[(s.exporter, s.segment, s.metric, s.source, t)] = float(v)
    return out


def test_european_twin_loads_identically_and_agrees_with_pandas(tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text(PLAIN, encoding="utf-8")
    twin = tmp_path / "twin.csv"
    twin.write_bytes(EUROPEAN.replace("\n", "\r\n").encode("cp1252"))
    with (
        Panel.read_csv(plain) as a,
        Panel.read_csv(twin, encoding="cp1252") as b,
        Panel.read_csv(twin, sep=";", decimal=",", thousands=".", encoding="cp1252") as c,
    ):
        assert figures(a) == figures(b) == figures(c)
        assert a.export("csv") == b.export("csv")
        assert len(figures(a)) == 6
    # The oracle: pandas reads the twin with the same options to the same numbers.
    df = pd.read_csv(twin, sep=";", decimal=",", thousands=".", encoding="cp1252")
    with Panel.read_csv(twin, encoding="cp1252") as b:
        got = figures(b)
        names = {"Türkiye": "TUR", "Réunion": "REU", "China": "CHN", "Japan": "JPN", "Korea, Republic of": "KOR"}
        for r in df.itertuples():
            key = (names[r.exporter], r.segment, r.metric, r.source, str(r.period))
            assert got[key] == pytest.approx(float(r.value), rel=0, abs=0), key


def test_semicolon_file_was_refused_before_and_loads_from_text_now():
    with Panel.from_csv_text(EUROPEAN) as p:
        assert ("TUR", "total", "units", "OSD", "2023") in figures(p)
        assert figures(p)[("REU", "total", "usd", "Customs", "2023")] == 174_500_000_000.0


def test_ambiguous_decimal_asks_for_the_option():
    text = "country;2023\nChina;4.910\n"
    with pytest.raises(ImportFailed) as e:
        Panel.from_csv_text(text, format="wide")
    assert "decimal" in str(e.value) and e.value.line == 2 and e.value.column == 2
    with Panel.from_csv_text(text, format="wide", decimal=",") as p:
        assert list(p.values("CHN")[1]) == [4910.0]
    with Panel.from_csv_text(text, format="wide", decimal=".") as p:
        assert list(p.values("CHN")[1]) == [4.91]


def test_wide_descriptive_columns_are_used():
    text = "Country,Segment,Unit,2022,2023\nChina,nev,usd,679000,1203000\n"
    with Panel.from_csv_text(text, format="wide") as p:
        (s,) = p.series()
        assert (s.exporter, s.segment, s.metric) == ("CHN", "nev", "usd")
    with pytest.raises(ImportFailed, match="notes"):
        Panel.from_csv_text("country,notes,2023\nChina,x,1\n", format="wide")
    with pytest.raises(ImportFailed, match="not a known partner"):
        Panel.from_csv_text("country,partner,2023\nChina,Germny,1\n", format="wide")


def test_missing_values_are_gaps_with_pandas_semantics():
    rows = "".join(f"China,{2001 + k},units,{v}\n" for k, v in enumerate(DEFAULT_NA_VALUES))
    text = "exporter,period,metric,value\nChina,2000,units,1\n" + rows
    # pandas reads the same spellings as missing (its defaults minus '-', '..' and '…').
    df = pd.read_csv(__import__("io").StringIO(text), na_values=["-", "..", "…"])
    assert df.value.isna().sum() == len(DEFAULT_NA_VALUES)
    with Panel.from_csv_text(text) as p:
        r = p.last_import
        assert (r.rows_read, r.rows_loaded, r.rows_rejected, r.rows_skipped) == (8, 8, 0, 0)
        values = p.values("CHN")[1]
        assert int(np.sum(~np.isnan(values))) == 1
    # na_values adds spellings (as in pandas); keep_default_na=False keeps only them.
    wide = "country,2021,2022\nChina,none,NA\n"
    with Panel.from_csv_text(wide, format="wide", na_values=["none"]) as p:
        assert len(p) == 0 and p.last_import.rows_rejected == 0
    with Panel.from_csv_text(wide, format="wide", policy="lenient", na_values="none", keep_default_na=False) as p:
        r = p.last_import
        assert r.rows_rejected == 1 and r.rejections[0].column == 3


def test_wide_bad_cell_rejects_only_that_cell():
    with Panel.from_csv_text("country,2021,2022,2023\nChina,1,abc,3\n", format="wide", policy="lenient") as p:
        r = p.last_import
        assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (1, 0, 1)
        assert [j.column for j in r.rejections] == [3]
        assert p.values("CHN")[0] == ["2021", "2023"]


def test_c_struct_keeps_its_old_size_and_layout():
    assert ImportOptions.delimiter.offset == 56 and ctypes.sizeof(ImportOptions) == 96
    o = ImportOptions()
    o.size = ImportOptions.delimiter.offset  # a caller built against the older header
    o.max_rejections = 1000
    p = ctypes.c_void_p()
    L = lib()
    L.aex_panel_create(ctypes.byref(p))
    try:
        data = EUROPEAN.encode("utf-8")
        out = ctypes.c_void_p()
        assert L.aex_panel_import_buffer(ctypes.byref(out), p, data, len(data), 0, 0, ctypes.byref(o)) == 0
        L.aex_rejections_free(out)
    finally:
        L.aex_panel_free(p)


@pytest.mark.parametrize(
    "name,args",
    [
        ("tidy.csv", {}),
        ("wide.csv", {"format": "wide"}),
        ("wide-european.csv", {"format": "wide", "encoding": "cp1252"}),
        ("comtrade.csv", {"format": "comtrade"}),
    ],
)
def test_example_files_load(repo, name, args):
    with Panel.read_csv(repo / "examples" / "data" / name, **args) as p:
        assert len(p) > 0 and p.last_import.rows_rejected == 0


def test_european_example_equals_the_plain_one(repo):
    d = repo / "examples" / "data"
    with (
        Panel.read_csv(d / "wide.csv", format="wide") as a,
        Panel.read_csv(d / "wide-european.csv", format="wide", encoding="cp1252") as b,
    ):
        assert figures(a) == figures(b) and len(figures(a)) == 10


def test_cli_convert_without_a_file_converts_the_embedded_data(cli, repo):
    r = run(cli, repo, ["data", "convert", "--to", "csv"])
    assert r.returncode == 0, r.stderr
    ref = run(cli, repo, ["data", "convert", "Sources/AutoExports/Data/Reference/exports.csv", "--to", "csv"])
    rows = (repo / "Sources/AutoExports/Data/Reference/exports.csv").read_text(encoding="utf-8").strip().count("\n")
    dest = (
        (repo / "Sources/AutoExports/Data/Reference/destinations.csv").read_text(encoding="utf-8").strip().count("\n")
    )
    # The embedded data are exports.csv and destinations.csv (issue 19): a partner column, WLD for national totals.
    assert r.stdout.count("\n") == rows + dest + 1  # the header and every row
    header, *lines = ref.stdout.splitlines()
    assert r.stdout.splitlines()[0] == header.replace("exporter,", "exporter,partner,", 1)
    world = {line.replace(",", ",WLD,", 1) for line in lines}
    assert world <= set(r.stdout.splitlines()) and len(world) == rows


def test_cli_reads_spreadsheet_csv_and_documents_the_layouts(cli, repo, tmp_path):
    r = run(
        cli,
        repo,
        ["data", "validate", "examples/data/wide-european.csv", "--input-format", "wide", "--encoding", "cp1252"],
    )
    assert r.returncode == 0 and "0 rejected" in r.stdout and "missing values" in r.stdout, r.stdout + r.stderr
    r = run(cli, repo, ["data", "validate", "examples/data/wide-european.csv", "--input-format", "wide"])
    assert r.returncode == 1 and "cp1252" in r.stdout
    twin = tmp_path / "t.csv"
    twin.write_text("country;2023\nChina;4.910\n")
    r = run(cli, repo, ["data", "convert", str(twin), "--input-format", "wide", "--decimal", ",", "--to", "csv"])
    assert r.returncode == 0 and ",4910," in r.stdout, r.stdout + r.stderr
    r = run(cli, repo, ["data", "convert", str(twin), "--input-format", "wide", "--to", "csv"])
    assert r.returncode == 1 and "--decimal" in r.stderr and r.stderr.count("\n") == 1
    h = run(cli, repo, ["data", "--help"]).stdout
    for word in (
        "tidy",
        "wide",
        "comtrade",
        "NA",
        "--na-values",
        "--delimiter",
        "--encoding",
        "2023-Q1",
        "examples/data",
    ):
        assert word in h, word


def test_comtrade_missing_values_are_gaps(repo):
    import csv
    import io

    rows = list(csv.reader(open(repo / "examples" / "data" / "comtrade.csv", newline="")))
    h = {n: i for i, n in enumerate(rows[0])}
    total = next(r for r in rows[1:] if r[h["cmdCode"]] == "8703")
    total[h["qty"]] = ".."
    bev = next(r for r in rows[1:] if r[h["cmdCode"]] == "870380")
    bev[h["primaryValue"]] = "-"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with Panel.from_csv_text(out.getvalue(), format="comtrade", policy="lenient") as p:
        assert p.last_import.rows_rejected == 0
        kinds = {(s.segment, s.metric) for s in p.series()}
        assert ("total", "usd") in kinds and ("total", "units") not in kinds and ("bev", "units") in kinds
    bev[h["primaryValue"]] = "abc"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with Panel.from_csv_text(out.getvalue(), format="comtrade", policy="lenient") as p:
        assert p.last_import.rows_rejected == 1 and p.last_import.rejections[0].reason == "bad_number"
