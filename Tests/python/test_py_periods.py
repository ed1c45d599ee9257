"""Periods given as text are ordered as periods, never as strings (issue 23 item 9).

Python's ``overtakes`` and SQLite's ``aex_overtakes`` once ordered '2023-10' before
'2023-2' and '10' before '9', which made up overtakes. The oracle in each test is the
same data with the periods given as numbers (the C period codes, or integer years),
which both hosts always ordered correctly.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
import autoexports as ax  # noqa: E402

SQLITE = shutil.which("sqlite3", path="/usr/bin") or shutil.which("sqlite3")


def _events(frame):
    return sorted(
        zip(frame["period"].tolist(), frame["subject"].tolist(), frame["rival"].tolist(), frame["since"].tolist())
    )


def _panel(n_periods: int, names=("CHN", "JPN", "DEU", "KOR"), seed: int = 7):
    rnd = random.Random(seed)
    rows = []
    for t in range(n_periods):
        for e in names:
            rows.append((t, e, float(rnd.randint(0, 9))))
    return rows


def test_monthly_text_periods_give_no_false_event():
    # The case: as strings '2023-12' sorts before '2023-2', which made up
    # "2023-2 JPN over CHN since 2023-12". JPN leads January to June, CHN from July.
    periods, exporters, values = [], [], []
    for m in range(1, 13):
        periods += [f"2023-{m}"] * 2
        exporters += ["CHN", "JPN"]
        values += [100 + m, 200 - m] if m < 7 else [300 + m, 100 + m]
    frame = ax.overtakes(periods, exporters, values)
    assert _events(frame) == [("2023-7", "CHN", "JPN", "2023-6")]


@pytest.mark.parametrize("spell", [lambda y, m: f"{y}-{m}", lambda y, m: f"{y}-{m:02d}", lambda y, m: f"{y}M{m}"])
def test_monthly_text_periods_match_the_codes(spell):
    rows = _panel(24)
    code = [202301 + t % 12 + 100 * (t // 12) for t, _, _ in rows]
    text = [spell(c // 100, c % 100) for c in code]
    ents = [e for _, e, _ in rows]
    vals = [v for _, _, v in rows]
    want = ax.overtakes(code, ents, vals)
    got = ax.overtakes(text, ents, vals)
    assert len(want) > 0
    spelled = {c: spell(c // 100, c % 100) for c in code}
    assert _events(got) == sorted((spelled[p], s, r, spelled[q]) for p, s, r, q in _events(want))
    assert ax.count_overtakes(text, ents, vals) == len(want)


def test_numbers_as_text_and_quarters():
    rows = _panel(12)
    ents = [e for _, e, _ in rows]
    vals = [v for _, _, v in rows]
    years = [t + 1 for t, _, _ in rows]  # 1 .. 12: '10' < '2' as text
    want = _events(ax.overtakes(years, ents, vals))
    got = _events(ax.overtakes([str(y) for y in years], ents, vals))
    assert got == sorted((str(p), s, r, str(q)) for p, s, r, q in want)
    quarters = [20201 + (t % 4) + 10 * (t // 4) for t, _, _ in rows]
    qtext = [f"{q // 10}-Q{q % 10}" for q in quarters]
    assert len(ax.overtakes(qtext, ents, vals)) == len(ax.overtakes(quarters, ents, vals))


def test_datetime_and_pandas_period_columns():
    pd = pytest.importorskip("pandas")
    rows = _panel(14)
    ents = [e for _, e, _ in rows]
    vals = [v for _, _, v in rows]
    codes = [202301 + t % 12 + 100 * (t // 12) for t, _, _ in rows]
    want = len(ax.overtakes(codes, ents, vals))
    dates = pd.to_datetime([f"{c // 100}-{c % 100:02d}-01" for c in codes])
    by_date = ax.overtakes(pd.Series(dates), ents, vals)
    by_period = ax.overtakes(pd.Series(dates).dt.to_period("M"), ents, vals)
    by_dt64 = ax.overtakes(np.asarray(dates, dtype="datetime64[M]"), ents, vals)
    assert len(by_date) == len(by_period) == len(by_dt64) == want > 0
    assert str(by_period["period"].iloc[0]).startswith("20")


def test_two_spellings_of_one_period_are_one_period():
    with pytest.raises(ValueError, match="more than once"):
        ax.overtakes(["2023-3", "2023-03"], ["A", "A"], [1.0, 2.0])
    f = ax.overtakes(["2023-3", "2023-3", "2023-04", "2023-04"], ["A", "B"] * 2, [1, 2, 3, 1])
    assert _events(f) == [("2023-04", "A", "B", "2023-3")]


@pytest.mark.parametrize(
    "periods,match",
    [
        (["2023", "2023", "spring", "spring"], "period 'spring'"),
        (["2023", "2023", "2023-Q1", "2023-Q1"], "different kinds.*'2023'.*'2023-Q1'"),
    ],
)
def test_text_that_is_not_a_period_is_refused_naming_it(periods, match):
    with pytest.raises(ValueError, match=match):
        ax.overtakes(periods, ["A", "B"] * 2, [1, 2, 3, 1])


# ---------------------------------------------------------------- SQLite (the shell)


def _sql(script: str, libpath: Path) -> subprocess.CompletedProcess:
    if SQLITE is None:
        pytest.skip("sqlite3 not found: apt-get install sqlite3 (Tests/setup.sh does)")
    return subprocess.run(
        [SQLITE, "-batch", ":memory:"],
        input=f".load {libpath.with_suffix('')}\n" + script,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _csv(tmp_path: Path, rows, header="exporter,year,units") -> Path:
    f = tmp_path / "panel.csv"
    f.write_text(header + "\n" + "".join(f"{e},{p},{v}\n" for p, e, v in rows))
    return f


def test_sqlite_import_of_text_years_counts_as_integer_years(tmp_path, libpath):
    # `.import` into a new table makes every column TEXT: years '1' .. '30' and values as text.
    rows = [(t + 1, e, "" if (t * 7 + len(e)) % 11 == 0 else v) for t, e, v in _panel(30, seed=3)]
    f = _csv(tmp_path, rows)
    r = _sql(
        f""".mode csv
.import {f} t
CREATE TABLE n AS SELECT exporter, CAST(year AS INTEGER) AS year,
       CASE WHEN units = '' THEN NULL ELSE CAST(units AS REAL) END AS units FROM t;
.mode list
SELECT typeof(year) FROM t LIMIT 1;
SELECT count(*) FROM aex_overtakes('SELECT exporter, year, units FROM t');
SELECT count(*) FROM aex_overtakes('SELECT exporter, year, units FROM n');
SELECT count(*) FROM (SELECT period, subject, rival, since FROM aex_overtakes('SELECT exporter, year, units FROM t')
                      EXCEPT SELECT CAST(period AS TEXT), subject, rival, CAST(since AS TEXT)
                      FROM aex_overtakes('SELECT exporter, year, units FROM n'));
""",
        libpath,
    )
    assert r.stderr == "", r.stderr
    kind, text_count, int_count, differ = r.stdout.split()
    assert kind == "text"
    assert int(text_count) == int(int_count) > 0
    assert differ == "0"


def test_sqlite_monthly_text_and_dates(libpath):
    months = [(f"2023-{m}", f"2023-{m:02d}-01", 202300 + m) for m in range(1, 13)]
    values = "".join(
        f"('CHN','{t}','{d}',{c},{100 + i}),('JPN','{t}','{d}',{c},{50 + 5 * i})," for i, (t, d, c) in enumerate(months)
    ).rstrip(",")
    r = _sql(
        f"""CREATE TABLE m(exporter, t TEXT, d DATE, c INTEGER, units);
INSERT INTO m VALUES {values};
INSERT INTO m VALUES ('DEU','2023-1','2023-01-01',202301,10),('DEU','2023-12','2023-12-01',202312,500);
SELECT 'text', period, subject, rival, since FROM aex_overtakes('SELECT exporter, t, units FROM m');
SELECT 'date', period, subject, rival, since FROM aex_overtakes('SELECT exporter, d, units FROM m');
SELECT 'code', period, subject, rival, since FROM aex_overtakes('SELECT exporter, c, units FROM m');
""",
        libpath,
    )
    assert r.stderr == "", r.stderr
    lines = r.stdout.split()
    # DEU is missing in 2023-2 .. 2023-11, so the one event is DEU passing both in 2023-12
    # only with bridged gaps; without bridging there is none. CHN never falls behind JPN.
    assert lines == [], lines
    r = _sql(
        f"""CREATE TABLE m(exporter, t TEXT, d DATE, c INTEGER, units);
INSERT INTO m VALUES {values};
SELECT 'text', period, subject, rival, since FROM aex_overtakes('SELECT exporter, t, units - (t = ''2023-12'' AND exporter = ''CHN'') * 100 FROM m');
SELECT 'date', period, subject, rival, since FROM aex_overtakes('SELECT exporter, d, units - (d = ''2023-12-01'' AND exporter = ''CHN'') * 100 FROM m');
SELECT 'code', period, subject, rival, since FROM aex_overtakes('SELECT exporter, c, units - (c = 202312 AND exporter = ''CHN'') * 100 FROM m');
""",
        libpath,
    )
    assert r.stderr == "", r.stderr
    assert r.stdout.split() == [
        "text|2023-12|JPN|CHN|2023-11",
        "date|2023-12-01|JPN|CHN|2023-11-01",
        "code|202312|JPN|CHN|202311",
    ]


@pytest.mark.parametrize(
    "source,match",
    [
        ("SELECT ''A'', ''spring'', 1", "the period 'spring' is neither a number"),
        (
            "SELECT ''A'', ''2023'', 1 UNION ALL SELECT ''B'', ''2023-Q1'', 2",
            "periods of different kinds cannot be ordered together: '2023' is a number or year, '2023-Q1' is a quarter",
        ),
        ("SELECT ''A'', 2023, ''lots''", "is not a number"),
    ],
)
def test_sqlite_refuses_naming_the_value(source, match, libpath):
    r = _sql(f"SELECT * FROM aex_overtakes('{source}');\n", libpath)
    assert match in r.stderr, r.stderr
    assert r.stdout == ""
