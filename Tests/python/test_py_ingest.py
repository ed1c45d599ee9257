"""Ingest from Python without a file (issue 20 item 5): ``read_csv`` over bytes and file
objects, ``Panel.from_pandas`` / ``Panel.from_arrow`` over columns with no CSV text in
between. The oracle is the same data read from a file on disk."""

from __future__ import annotations

import io

import pytest

pd = pytest.importorskip("pandas")
import autoexports as ax  # noqa: E402

CSV = (
    "exporter,period,segment,metric,value,source,scope\n"
    "CHN,2022,total,units,3110000,CAAM,all_vehicles\n"
    "CHN,2023,total,units,4910000,CAAM,all_vehicles\n"
    "CHN,2023,nev,units,1203000,CAAM,all_vehicles\n"
    "JPN,2022,total,units,3813269,JAMA,all_vehicles\n"
    "JPN,2023,total,units,4422682,JAMA,all_vehicles\n"
    "DEU,2023,total,units,,VDA,passenger_cars\n"
)


@pytest.fixture()
def from_file(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text(CSV)
    with ax.read_csv(f) as p:
        return p.to_pandas()


@pytest.mark.parametrize(
    "source",
    [
        lambda: CSV.encode(),
        lambda: bytearray(CSV.encode()),
        lambda: memoryview(CSV.encode()),
        lambda: io.BytesIO(CSV.encode()),
        lambda: io.StringIO(CSV),
    ],
    ids=["bytes", "bytearray", "memoryview", "BytesIO", "StringIO"],
)
def test_read_csv_over_bytes_and_file_objects(source, from_file):
    with ax.read_csv(source()) as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)
    with ax.Panel.read_csv(source()) as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)


def test_read_csv_of_a_binary_file_and_options(tmp_path, from_file):
    f = tmp_path / "eu.csv"
    f.write_bytes(CSV.replace(",", ";").encode("cp1252"))
    with open(f, "rb") as fh, ax.read_csv(fh, encoding="cp1252") as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)
    with pytest.raises(ax.ImportFailed, match="line 2") as e:
        ax.read_csv(io.BytesIO(b"exporter,period,metric,value\nCHN,2023,units,lots\n"))
    assert isinstance(e.value, ValueError)


def test_from_pandas_and_from_arrow_take_columns_without_csv(monkeypatch, from_file):
    frame = from_file.copy()

    def no_csv(*args, **kwargs):
        raise AssertionError("a CSV round trip")

    monkeypatch.setattr(ax.Panel, "import_text", no_csv)
    monkeypatch.setattr(ax.Panel, "import_csv", no_csv)
    with ax.Panel.from_pandas(frame) as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)
    pa = pytest.importorskip("pyarrow")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with ax.Panel.from_arrow(table) as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)
    with ax.Panel.from_arrow(table.to_batches()[0]) as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)
    # Dates (arrow date32) as periods: all in January, so years.
    import datetime

    dated = table.set_column(1, "period", pa.array([datetime.date(int(y), 1, 1) for y in frame["period"]]))
    with ax.Panel.from_arrow(dated) as p:
        pd.testing.assert_frame_equal(p.to_pandas(), from_file)
    with pytest.raises(TypeError, match="pyarrow Table"):
        ax.Panel.from_arrow([1, 2])
