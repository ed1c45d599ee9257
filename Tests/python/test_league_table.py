"""League tables from Python, the C handle and the CLI, on the embedded reference data."""

import json
import math
import subprocess
import warnings

import autoexports
import pytest
from autoexports import AutoExportsError, LeagueTableWarning, Panel


def table(**kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LeagueTableWarning)
        return autoexports.league_table(**kw)


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_china_first_and_japan_second_by_units(year):
    t = table(period=year)
    assert list(t["exporter"][:2]) == ["CHN", "JPN"]
    assert list(t["rank"][:2]) == [1, 2]
    assert t["source"][0] == "CAAM" and t["scope"][0] == "all_vehicles"


def test_germany_first_by_usd_in_2024():
    t = table(period=2024, metric="usd")
    assert t["exporter"][0] == "DEU" and t["value"][0] == 174_500_000_000


def test_scope_warning_when_germany_is_ranked_against_china():
    with pytest.warns(LeagueTableWarning, match="passenger cars"):
        t = autoexports.league_table(period=2023, exporters=["CHN", "DEU"])
    assert list(t["exporter"]) == ["CHN", "DEU"]
    assert any("count different things" in w for w in t.attrs["warnings"])


def test_top_n_shares_and_changes_agree_with_the_values():
    t = table(period=2023)
    assert math.isclose(t["share"].sum(), 1.0, rel_tol=1e-12)
    chn = t[t["exporter"] == "CHN"].iloc[0]
    assert chn["previous_value"] == 3_110_000 and chn["change"] == 1_800_000
    assert chn["previous_rank"] == 2 and chn["rank_change"] == 1
    assert len(table(period=2024, top=2)) == 2


def test_bases_nev_segment_share_yoy_and_share_of_world():
    nev = table(period=2024, segment="nev", by="segment-share")
    assert nev["exporter"][0] == "CHN" and math.isclose(nev["score"][0], 1_284_000 / 5_859_000)
    yoy = table(period=2025, by="yoy")
    assert (yoy["score"] == yoy["value"] - yoy["previous_value"]).all()
    w = table(period=2019, metric="usd", by="share-of:WLD")
    assert w["exporter"][0] == "DEU" and math.isclose(w["score"][0], 142.3e9 / 758.4e9)
    with pytest.raises(ValueError, match="share-of"):
        table(period=2019, by="share-of")


def test_a_panel_of_our_own_and_bad_requests():
    with Panel() as p:
        p.add("CHN", [2023, 2024], [10.0, 30.0])
        p.add("JPN", [2023, 2024], [20.0, 20.0])
        t = table(panel=p, period=2024)
        assert list(t["exporter"]) == ["CHN", "JPN"] and list(t["rank_change"]) == [1, -1]
        with pytest.raises(AutoExportsError) as e:
            table(panel=p, period=1999)
        assert e.value.status_name == "AEX_E_NOT_FOUND"
        with pytest.raises(AutoExportsError) as e:
            table(panel=p, period=2024, exporters="CHN,Atlantis")
        assert e.value.status_name == "AEX_E_NOT_FOUND" and "Atlantis" in e.value.message
    with pytest.raises(ValueError, match="period"):
        autoexports.league_table()


def test_c_handle_rows_text_warnings_and_json():
    from ctypes import byref, c_double, c_int64, c_void_p, create_string_buffer

    L = autoexports.lib()
    with Panel.reference() as p:
        h = c_void_p()
        L.aex_league_table_create(byref(h), p._h(), 2024, b"units", 0, 0, None, 3, 0, None)
        try:
            rows, ranked = c_int64(), c_int64()
            L.aex_league_table_size(byref(rows), byref(ranked), h)
            # 2024 by units (exports.csv): CHN, JPN, MEX, DEU (Destatis standing in), KOR, ESP, GBR.
            assert (rows.value, ranked.value) == (3, 7)
            rank, value, prev = c_double(), c_double(), c_double()
            L.aex_league_table_row(byref(rank), byref(value), None, None, byref(prev), None, h, 0)
            assert (rank.value, value.value, prev.value) == (1, 5_859_000, 4_910_000)
            buf, n = create_string_buffer(64), c_int64()
            L.aex_league_table_row_text(buf, 64, byref(n), h, 1, 0)
            assert buf.value == b"JPN"
            L.aex_league_table_row_text(buf, 64, byref(n), h, 0, 5)  # AEX_FIELD_CITATION
            assert buf.value.startswith(b"http")
            count = c_int64()
            L.aex_league_table_warning_count(byref(count), h)
            assert count.value >= 2
            L.aex_league_table_json(None, 0, byref(n), h)
            text = create_string_buffer(n.value + 1)
            L.aex_league_table_json(text, n.value + 1, byref(n), h)
            doc = json.loads(text.value)
            assert [r["exporter"] for r in doc["rows"]] == ["CHN", "JPN", "MEX"]
            with pytest.raises(AutoExportsError) as e:
                L.aex_league_table_row(None, None, None, None, None, None, h, 3)
            assert e.value.status_name == "AEX_E_OUT_OF_RANGE"
            with pytest.raises(AutoExportsError) as e:
                L.aex_league_table_json(create_string_buffer(4), 4, byref(n), h)
            assert e.value.status_name == "AEX_E_BUFFER_TOO_SMALL"
        finally:
            L.aex_league_table_free(h)
        with pytest.raises(AutoExportsError) as e:
            L.aex_league_table_size(None, None, h)  # freed
        assert e.value.status_name == "AEX_E_INVALID_HANDLE"
        with pytest.raises(AutoExportsError) as e:
            L.aex_league_table_size(None, None, p._h())  # a panel is not a table
        assert e.value.status_name == "AEX_E_INVALID_HANDLE" and "panel handle" in e.value.message
        for args, status in [
            ((2024, b"units", 0, 2, None, 0, 0, None), "AEX_E_INVALID_ARGUMENT"),  # share_of without reference
            ((2024, b"units", 0, 0, b"WLD", 0, 0, None), "AEX_E_INVALID_ARGUMENT"),  # reference without share_of
            ((2024, b"units", 0, 3, None, 0, 0, None), "AEX_E_INVALID_ARGUMENT"),  # segment share of total
            ((2024, b"units", 0, 9, None, 0, 0, None), "AEX_E_INVALID_ARGUMENT"),
            ((2024, b"units", 0, 0, None, -1, 0, None), "AEX_E_OUT_OF_RANGE"),
            ((2024, b"u", 0, 0, None, 0, 0, None), "AEX_E_PARSE"),
            ((123456789, b"units", 0, 0, None, 0, 0, None), "AEX_E_PARSE"),
            ((2024, None, 0, 0, None, 0, 0, None), "AEX_E_NULL_POINTER"),
        ]:
            with pytest.raises(AutoExportsError) as e:
                L.aex_league_table_create(byref(h), p._h(), *args)
            assert e.value.status_name == status, args
    with pytest.raises(AutoExportsError) as e:
        L.aex_league_table_create(byref(h), None, 2024, b"units", 0, 0, None, 0, 0, None)
    assert e.value.status_name == "AEX_E_INVALID_HANDLE"


def cli(repo, *args):
    exe = repo / ".build" / "release" / "autoexports"
    return subprocess.run([str(exe), "rank", *args], capture_output=True, text=True)


def test_cli_league_table_formats(repo):
    r = cli(repo, "--period", "2024", "--top", "10")
    assert r.returncode == 0 and r.stdout.splitlines()[3].split()[:2] == ["1", "China"]
    assert "count different things" in r.stdout
    r = cli(repo, "--period", "2024", "--metric", "usd", "--format", "csv", "--top", "1")
    assert r.stdout.splitlines()[1].startswith("1,DEU,174500000000,")
    r = cli(repo, "--period", "2025", "--segment", "nev", "--by", "share", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["segment"] == "nev" and doc["basis"] == "share" and doc["rows"][0]["exporter"] == "CHN"
    r = cli(repo, "--period", "2023", "--format", "markdown", "--top", "2")
    assert "| 1 | China |" in r.stdout and "| 2 | Japan |" in r.stdout
    r = cli(repo, "--period", "2024", "--by", "bogus")
    assert r.returncode != 0 and "--by" in r.stderr and "Traceback" not in r.stderr
    # The numbers form keeps working.
    assert cli(repo, "30", "20", "20", "10").stdout == "1 2 2 4\n"


def test_share_of_a_missing_world_total_is_one_error(repo):
    """One answer: the world total has no 2024 usd figure (exports.csv has WLD for 2015,
    2017–2020 and 2023), so `--by share-of:WLD` is one error that names it, with a
    non-zero exit (before: an empty table, exit 0, blaming every exporter)."""
    r = cli(repo, "--period", "2024", "--metric", "usd", "--by", "share-of:WLD")
    assert r.returncode != 0 and r.stdout == ""
    assert "WLD has no total usd figure for 2024" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "2015, 2017, 2018, 2019, 2020, 2023" in r.stderr
    ok = cli(repo, "--period", "2019", "--metric", "usd", "--by", "share-of:WLD", "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["rows"][0]["score"] == 142.3e9 / 758.4e9


def test_yoy_at_quarterly_granularity_is_year_on_year(repo, tmp_path):
    """`--by yoy` at quarterly granularity compares with the same quarter a year earlier."""
    rows = ["exporter,period,segment,metric,value,source,scope"]
    a, b = [10, 20, 30, 40, 12], [10, 10, 10, 10, 30]
    for i in range(5):
        q = f"{2023 + i // 4}-Q{i % 4 + 1}"
        rows += [f"CHN,{q},total,units,{a[i]},S,all_vehicles", f"JPN,{q},total,units,{b[i]},S,all_vehicles"]
    f = tmp_path / "q.csv"
    f.write_text("\n".join(rows) + "\n")
    r = cli(repo, "--input", str(f), "--period", "2024-Q1", "--by", "yoy", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    # against 2023-Q1: CHN 12 − 10 = +2, JPN 30 − 10 = +20 (not against 2023-Q4: CHN −28)
    assert [(x["exporter"], x["score"]) for x in doc["rows"]] == [("JPN", 20), ("CHN", 2)]
