"""The DuckDB extension (Sources/AutoExportsDuckDB, .build/release/autoexports.duckdb_extension)
loaded by the `duckdb` Python package with allow_unsigned_extensions.

Oracles: DuckDB's own window functions (rank, dense_rank, percent_rank, cume_dist) for the
ranks, the library's Python binding for PERCENTRANK.INC/EXC, overtakes() and milestones().
Random data has ties, NULLs, negatives and one-row groups. The extension is built by
tools/duckdb/build.sh (make duckdb) when missing.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

duckdb = pytest.importorskip("duckdb")
autoexports = pytest.importorskip("autoexports")

REPO = Path(__file__).resolve().parents[2]
EXT = REPO / ".build" / "release" / "autoexports.duckdb_extension"

EXPORTS = [
    ("CHN", 2020, 995000),
    ("CHN", 2021, 2015000),
    ("CHN", 2022, 3110000),
    ("CHN", 2023, 4910000),
    ("CHN", 2024, 5859000),
    ("CHN", 2025, 7098000),
    ("JPN", 2019, 4810000),
    ("JPN", 2020, 3740832),
    ("JPN", 2021, 3820000),
    ("JPN", 2022, 3813269),
    ("JPN", 2023, 4422682),
    ("JPN", 2024, 4210000),
    ("JPN", 2025, 4172815),
    ("DEU", 2019, 3490000),
    ("DEU", 2020, 2650000),
    ("DEU", 2021, 2370000),
    ("DEU", 2022, 2650000),
    ("DEU", 2023, 3110000),
    ("DEU", 2025, 3170000),
    ("KOR", 2019, 2400000),
    ("KOR", 2020, 1880000),
    ("KOR", 2021, 2040000),
    ("KOR", 2023, 2760000),
    ("KOR", 2024, 2782000),
    ("KOR", 2025, 2736308),
    ("MEX", 2019, 3333586),
    ("MEX", 2020, 2680000),
    ("MEX", 2021, 2707000),
    ("MEX", 2022, 2860000),
    ("MEX", 2023, 3300876),
    ("MEX", 2024, 3479086),
    ("MEX", 2025, 3385785),
]


@pytest.fixture(scope="session")
def extension() -> Path:
    if not EXT.is_file():
        subprocess.run(["bash", str(REPO / "tools" / "duckdb" / "build.sh")], check=True, cwd=REPO)
    return EXT


@pytest.fixture()
def con(extension):
    c = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    c.execute(f"LOAD '{extension}'")
    c.execute("CREATE TABLE exports(exporter VARCHAR, year INTEGER, units DOUBLE)")
    c.executemany("INSERT INTO exports VALUES (?, ?, ?)", EXPORTS)
    yield c
    c.close()


def _random_groups(con, seed: int, groups: int = 60) -> None:
    """t(id, g, v): groups of 1..12 values from a few levels (ties), ~8% NULL."""
    rng = np.random.default_rng(seed)
    rows, i = [], 0
    for g in range(groups):
        for _ in range(int(rng.integers(1, 13))):
            v = None if rng.random() < 0.08 else float(rng.integers(-3, 5)) + 0.5 * float(rng.integers(0, 2))
            rows.append((i, g, v))
            i += 1
    con.execute("CREATE OR REPLACE TABLE t(id INTEGER, g INTEGER, v DOUBLE)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)


# ---- loading -----------------------------------------------------------------------------


def test_issue_example_rank_eq(con):
    assert con.execute("SELECT aex_rank_eq(20, [30, 20, 20, 10])").fetchone()[0] == 2
    assert con.execute("SELECT aex_rank_avg(20, [30, 20, 20, 10])").fetchone()[0] == 2.5


def test_footer_names_the_stable_c_api(extension):
    data = extension.read_bytes()
    raw = data[-512:-256]
    fields = [raw[i * 32 : (i + 1) * 32].rstrip(b"\0").decode() for i in range(8)][::-1]
    assert fields[0] == "4" and fields[2] == "v1.2.0" and fields[4] == "C_STRUCT"
    assert fields[1] == duckdb.execute("PRAGMA platform").fetchone()[0]
    assert data[-534:-512] == bytes([0, 0x93, 4, 16]) + b"duckdb_signature" + bytes([0x80, 4])


def test_exports_only_the_entry_point(extension):
    out = subprocess.run(
        ["nm", "-D", "--defined-only", str(extension)], check=True, capture_output=True, text=True
    ).stdout
    names = {line.split()[-1] for line in out.splitlines() if line.split()[-2] in "TDBVWi"}
    assert names == {"autoexports_init_c_api"}
    undefined = subprocess.run(
        ["nm", "-D", "--undefined-only", str(extension)], check=True, capture_output=True, text=True
    ).stdout
    assert "duckdb" not in undefined and "swift" not in undefined.lower()


def test_unsigned_extension_is_refused_without_the_setting(extension):
    c = duckdb.connect()
    with pytest.raises(duckdb.Error, match="(?i)signature|unsigned"):
        c.execute(f"LOAD '{extension}'")
    c.close()


def test_api_table_layout_matches_this_duckdb(tmp_path):
    """Every slot of tools/duckdb/api-v1.2.0.txt (the layout aexduck_api.h declares) holds
    the function of that name in the table this DuckDB hands out for v1.2.0."""
    names = (REPO / "tools" / "duckdb" / "api-v1.2.0.txt").read_text().split()
    so = tmp_path / "probe.so"
    subprocess.run(
        ["cc", "-shared", "-fPIC", "-O1", str(REPO / "tools" / "duckdb" / "probe_api.c"), "-o", str(so), "-ldl"],
        check=True,
    )
    ext = tmp_path / "probe.duckdb_extension"
    subprocess.run([sys.executable, str(REPO / "tools" / "duckdb" / "footer.py"), str(so), str(ext)], check=True)
    out = tmp_path / "slots.txt"
    code = (
        "import duckdb, sys\n"
        "c = duckdb.connect(config={'allow_unsigned_extensions': 'true'})\n"
        'try:\n    c.execute("LOAD \'" + sys.argv[1] + "\'")\n'
        "except duckdb.Error as e:\n    print(e)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(ext)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "AEX_PROBE_OUT": str(out), "AEX_PROBE_SLOTS": str(len(names))},
    )
    assert "probe: done" in r.stdout, r.stdout + r.stderr
    seen = [line.split()[1] for line in out.read_text().splitlines()]
    assert seen == names
    header = (REPO / "Sources" / "AutoExportsDuckDB" / "include" / "aexduck_api.h").read_text()
    for k, name in enumerate(names):
        if f"(*{name})(" in header:
            assert f"slot {k} */" in header.split(f"(*{name})(", 1)[1].split("\n", 1)[0]


# ---- scalar ranks against DuckDB's window functions ----------------------------------------

ORACLES = {
    # name, extra argument, oracle window expression over the non-NULL rows of a group
    "rank_eq desc": ("aex_rank_eq", "", "rank() OVER (PARTITION BY g ORDER BY v DESC)"),
    "rank_eq asc": ("aex_rank_eq", ", 1", "rank() OVER (PARTITION BY g ORDER BY v)"),
    "rank_avg desc": (
        "aex_rank_avg",
        "",
        "rank() OVER (PARTITION BY g ORDER BY v DESC) + (count(*) OVER (PARTITION BY g, v) - 1) / 2",
    ),
    "rank_avg asc": (
        "aex_rank_avg",
        ", 7",
        "rank() OVER (PARTITION BY g ORDER BY v) + (count(*) OVER (PARTITION BY g, v) - 1) / 2",
    ),
    "rank_dense desc": ("aex_rank_dense", ", NULL", "dense_rank() OVER (PARTITION BY g ORDER BY v DESC)"),
    "rank_dense asc": ("aex_rank_dense", ", 1", "dense_rank() OVER (PARTITION BY g ORDER BY v)"),
    "percent_rank asc": ("aex_percent_rank", "", "percent_rank() OVER (PARTITION BY g ORDER BY v)"),
    "percent_rank desc": ("aex_percent_rank", ", 1", "percent_rank() OVER (PARTITION BY g ORDER BY v DESC)"),
    "cume_dist asc": ("aex_cume_dist", ", 0", "cume_dist() OVER (PARTITION BY g ORDER BY v)"),
    "cume_dist desc": ("aex_cume_dist", ", 1", "cume_dist() OVER (PARTITION BY g ORDER BY v DESC)"),
}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("case", sorted(ORACLES))
def test_rank_functions_match_window_functions(con, case, seed):
    fn, extra, oracle = ORACLES[case]
    _random_groups(con, seed)
    # The list holds the whole group, NULLs included (the extension leaves them out); the
    # oracle ranks the group's non-NULL rows only.
    rows = con.execute(f"""
        WITH ext AS (SELECT id, v, {fn}(v, list(v) OVER (PARTITION BY g){extra}) AS got FROM t),
             ora AS (SELECT id, CAST({oracle} AS DOUBLE) AS want FROM t WHERE v IS NOT NULL)
        SELECT ext.id, ext.v, got, want FROM ext LEFT JOIN ora USING (id) ORDER BY ext.id""").fetchall()
    assert len(rows) > 200
    for id_, v, got, want in rows:
        if v is None:
            assert got is None, f"row {id_}: NULL x must give NULL, got {got}"
        else:
            assert got == pytest.approx(want, abs=1e-12), f"row {id_} (v={v}): {got} != {want}"


def test_data_has_ties_nulls_and_singletons(con):
    _random_groups(con, 1)
    nulls, singles, ties = con.execute("""
        SELECT (SELECT count(*) FROM t WHERE v IS NULL),
               (SELECT count(*) FROM (SELECT g FROM t GROUP BY g HAVING count(*) = 1)),
               (SELECT count(*) FROM (SELECT g, v FROM t WHERE v IS NOT NULL GROUP BY g, v HAVING count(*) > 1))
    """).fetchone()
    assert nulls > 0 and singles > 0 and ties > 10


@pytest.mark.parametrize("fn", ["percentrank_inc", "percentrank_exc"])
@pytest.mark.parametrize("significance", [None, 3])
def test_percentrank_matches_the_python_binding(con, fn, significance):
    _random_groups(con, 4)
    sig = "" if significance is None else f", {significance}"
    con.execute("CREATE TABLE lists AS SELECT id, v, list(v) OVER (PARTITION BY g) AS l FROM t")
    oracle = getattr(autoexports, fn)
    want, failing = {}, []
    for id_, v, lst in con.execute("SELECT id, v, l FROM lists WHERE v IS NOT NULL").fetchall():
        try:
            want[id_] = oracle([x for x in lst if x is not None], v, significance)
        except Exception:
            failing.append(id_)  # EXC: x at the ends of the range is outside it
    assert len(want) > 100
    ids = ",".join(map(str, want))
    got = dict(con.execute(f"SELECT id, aex_{fn}(l, v{sig}) FROM lists WHERE id IN ({ids})").fetchall())
    assert got.keys() == want.keys()
    for id_ in want:
        assert got[id_] == pytest.approx(want[id_], abs=1e-12), (id_, got[id_], want[id_])
    for id_ in failing[:5]:  # where the binding raises, the extension raises too
        with pytest.raises(duckdb.Error, match=f"aex_{fn}:"):
            con.execute(f"SELECT aex_{fn}(l, v{sig}) FROM lists WHERE id = {id_}").fetchall()


def test_nulls(con):
    q = con.execute
    assert q("SELECT aex_rank_eq(NULL, [1, 2])").fetchone()[0] is None
    assert q("SELECT aex_rank_eq(1, NULL::DOUBLE[])").fetchone()[0] is None
    assert q("SELECT aex_rank_eq(2, [1, NULL, 2, 3])").fetchone()[0] == 2  # NULLs left out
    assert q("SELECT aex_rank_eq(2, [1, 2, 3], NULL)").fetchone()[0] == 2  # NULL order = 0
    assert q("SELECT aex_percent_rank(3, [1, NULL, 2, 3])").fetchone()[0] == 1.0
    assert q("SELECT aex_percentrank_inc([1, 2, NULL, 3], 2)").fetchone()[0] == 0.5


def test_errors_carry_the_library_message(con):
    with pytest.raises(duckdb.Error) as e:
        con.execute("SELECT aex_rank_eq(5, [1, 2, 3])").fetchall()
    message = str(e.value)
    assert "aex_rank_eq:" in message
    with pytest.raises(Exception) as py:
        autoexports.rank_eq(5, [1, 2, 3])
    library_text = str(py.value).split(": ", 1)[-1].split(" (")[0]
    assert library_text and library_text in message, (message, str(py.value))
    with pytest.raises(duckdb.Error, match="aex_rank_dense: x .* is not in the list"):
        con.execute("SELECT aex_rank_dense(5, [1, 2, 3])").fetchall()
    with pytest.raises(duckdb.Error, match="aex_percentrank_inc: significance"):
        con.execute("SELECT aex_percentrank_inc([1, 2, 3], 2, 0)").fetchall()


def test_flag_and_constant_arguments_over_many_rows(con):
    """Constant and column arguments mixed, flags from integer columns and BOOLEANs."""
    got = con.execute("""SELECT sum(aex_rank_eq(i % 3 + 1, [1, 2, 3])), sum(aex_rank_eq(3, [1, 2, 3, i % 3 + 0.5])),
                                sum(aex_rank_eq(1, [1, 2, 3], i % 2)), sum(aex_percent_rank(1, [1, 2, 3], i % 2 = 0)),
                                sum(aex_rank_eq(2, [1, 2, 3], NULL))
                         FROM range(5000) t(i)""").fetchone()
    # i % 3 = 0, 1, 2 (1667, 1667, 1666 rows) -> ranks 3, 2, 1; ascending when i is odd;
    # percent rank of the smallest: 1 descending (i even), 0 ascending
    assert got == (1667 * 3 + 1667 * 2 + 1666 * 1, 5000, 2500 * 3 + 2500 * 1, 2500.0, 10000)


def test_many_chunks(con):
    """More rows than one data chunk (2048), in partitions of 5000 with ties."""
    con.execute("CREATE TABLE big AS SELECT i // 5000 AS g, (i * 7919) % 97 AS v FROM range(12000) r(i)")
    bad = con.execute("""
        SELECT count(*) FROM (SELECT aex_rank_eq(v, list(v) OVER (PARTITION BY g)) AS a,
                                     rank() OVER (PARTITION BY g ORDER BY v DESC) AS b FROM big) WHERE a != b
    """).fetchone()[0]
    assert bad == 0


# ---- overtakes -----------------------------------------------------------------------------


def test_overtakes_finds_china_passing_japan_in_2023(con):
    rows = con.execute("""SELECT period, subject, rival, subject_value, rival_value, since, bridged
                          FROM aex_overtakes('SELECT exporter, year, units FROM exports')
                          WHERE subject = 'CHN' AND rival = 'JPN'""").fetchall()
    assert rows == [(2023, "CHN", "JPN", 4910000.0, 4422682.0, 2022, False)]


def test_overtakes_of_a_table_name_and_of_dates(con):
    by_query = con.execute(
        "SELECT period, subject, rival FROM aex_overtakes('SELECT exporter, year, units FROM exports') ORDER BY ALL"
    ).fetchall()
    con.execute("CREATE VIEW panel AS SELECT exporter, year AS period, units AS value FROM exports")
    assert con.execute("SELECT period, subject, rival FROM aex_overtakes('panel') ORDER BY ALL").fetchall() == by_query
    dated = con.execute("""SELECT year(period), subject, rival, typeof(period) FROM aex_overtakes(
                             'SELECT exporter, make_date(year, 1, 1), units FROM exports') ORDER BY ALL""").fetchall()
    assert [r[:3] for r in dated] == by_query and {r[3] for r in dated} == {"DATE"}
    texts = con.execute("""SELECT period, subject, rival FROM aex_overtakes(
                             'SELECT exporter, year::VARCHAR, units FROM exports') ORDER BY ALL""").fetchall()
    assert texts == [(str(p), s, r) for p, s, r in by_query]


@pytest.mark.parametrize("rule", ["carried", "adjacent"])
@pytest.mark.parametrize("bridge", [False, True])
@pytest.mark.parametrize("seed", [5, 6])
def test_overtakes_match_python(con, rule, bridge, seed):
    rng = np.random.default_rng(seed)
    n, t = 9, 30
    period = np.repeat(np.arange(2000, 2000 + t), n)
    exporter = np.tile([f"E{k}" for k in range(n)], t)
    value = rng.integers(0, 6, n * t).astype(float)
    value[rng.random(n * t) < 0.1] = np.nan
    con.execute("CREATE OR REPLACE TABLE grid(exporter VARCHAR, period INTEGER, value DOUBLE)")
    con.executemany(
        "INSERT INTO grid VALUES (?, ?, ?)",
        [(e, int(p), None if math.isnan(v) else float(v)) for e, p, v in zip(exporter, period, value)],
    )
    sql = f"""SELECT period, subject, rival, since, bridged
              FROM aex_overtakes('grid', rule := '{rule}', bridge_gaps := {str(bridge).lower()})"""
    if rule == "adjacent" and bridge:  # the library refuses the combination: so do both
        with pytest.raises(ValueError, match="bridge_gaps needs rule='carried'"):
            autoexports.overtakes(period, exporter, value, rule=rule, bridge_gaps=bridge, as_frame=False)
        with pytest.raises(duckdb.Error, match="aex_overtakes: .*BRIDGE_GAPS cannot be combined with .*ADJACENT"):
            con.execute(sql)
        return
    got = con.execute(sql).fetchall()
    ev = autoexports.overtakes(period, exporter, value, rule=rule, bridge_gaps=bridge, as_frame=False)
    want = [
        (int(p), str(s), str(r), int(si), bool(b))
        for p, s, r, si, b in zip(ev.period, ev.subject, ev.rival, ev.since, ev.bridged)
    ]
    assert len(want) > 10
    assert sorted(got) == sorted(want)


def test_overtakes_errors(con):
    with pytest.raises(duckdb.Error, match="aex_overtakes: rule must be 'carried' or 'adjacent'"):
        con.execute("SELECT * FROM aex_overtakes('exports', rule := 'sideways')")
    with pytest.raises(duckdb.Error, match="aex_overtakes: cannot read the source"):
        con.execute("SELECT * FROM aex_overtakes('no_such_table')")
    with pytest.raises(duckdb.Error, match="given more than once"):
        con.execute("SELECT * FROM aex_overtakes('SELECT exporter, 2020, units FROM exports')")
    with pytest.raises(duckdb.Error, match="NULL exporter"):
        con.execute("SELECT * FROM aex_overtakes('SELECT NULL::VARCHAR, year, units FROM exports')")


def test_nested_sources_are_an_error_not_a_hang(con):
    with pytest.raises(duckdb.Error, match="cannot itself call aex_overtakes"):
        con.execute(
            "SELECT * FROM aex_overtakes('SELECT subject, period, subject_value FROM aex_overtakes(''exports'')')"
        )
    # the reader connection is free again afterwards
    assert (
        con.execute("SELECT count(*) FROM aex_overtakes('SELECT exporter, year, units FROM exports')").fetchone()[0] > 0
    )


def test_table_functions_from_several_threads(con):
    import threading

    want = con.execute(
        "SELECT * FROM aex_overtakes('SELECT exporter, year, units FROM exports') ORDER BY ALL"
    ).fetchall()
    results, errors = [], []

    def work():
        try:
            c = con.cursor()
            for _ in range(10):
                results.append(
                    c.execute(
                        "SELECT * FROM aex_overtakes('SELECT exporter, year, units FROM exports') ORDER BY ALL"
                    ).fetchall()
                )
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors and len(results) == 40 and all(r == want for r in results)


# ---- milestones ----------------------------------------------------------------------------


def test_milestones_of_the_embedded_data_match_python(con):
    got = con.execute("SELECT kind, period, subject, sentence FROM aex_milestones()").fetchall()
    want = [(m.kind, m.period, m.subject, m.sentence) for m in autoexports.milestones(newest_first=False)]
    assert got == want and len(got) > 5
    overtakes = con.execute("SELECT sentence FROM aex_milestones() WHERE kind = 'overtake'").fetchall()
    assert any("China" in s and "Japan" in s and s.startswith("2023") for (s,) in overtakes)
    notes = con.execute("SELECT count(*) FROM aex_milestone_notes()").fetchone()[0]
    assert notes == len(autoexports.milestones(newest_first=False).notes)


def test_milestones_of_a_query_with_integer_text_and_date_periods(con):
    q = "SELECT period, subject, rival FROM aex_milestones(source := '{}', kinds := 'overtake') ORDER BY ALL"
    by_int = con.execute(q.format("SELECT exporter, year, units FROM exports")).fetchall()
    assert ("2023", "CHN", "JPN") in by_int
    assert con.execute(q.format("SELECT exporter, year::VARCHAR, units FROM exports")).fetchall() == by_int
    assert con.execute(q.format("SELECT exporter, make_date(year, 1, 1), units FROM exports")).fetchall() == by_int
    con.execute("CREATE VIEW panel AS SELECT exporter, year AS period, units AS value FROM exports")
    assert con.execute(q.format("panel")).fetchall() == by_int


def test_milestones_errors(con):
    with pytest.raises(duckdb.Error, match="aex_milestones: unknown milestone kind 'sideways'"):
        con.execute("SELECT * FROM aex_milestones(kinds := 'sideways')")
    with pytest.raises(duckdb.Error, match="first day of a year, quarter or month"):
        con.execute(
            "SELECT * FROM aex_milestones(source := 'SELECT exporter, make_date(year, 1, 2), units FROM exports')"
        )


# ---- league tables -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,kwargs",
    [
        ("2024", dict(period=2024)),
        ("'2023', basis := 'share', top := 3", dict(period="2023", by="share", top=3)),
        ("2024, segment := 'nev', metric := 'units'", dict(period=2024, segment="nev")),
    ],
)
def test_league_table_of_the_embedded_data_matches_python(con, args, kwargs):
    got = con.execute(f"""SELECT rank, exporter, name, value, score, share, previous_value, previous_rank,
                                 source, scope FROM aex_league_table({args})""").fetchall()
    df = autoexports.league_table(warn=False, **kwargs)
    cols = ["rank", "exporter", "name", "value", "score", "share", "previous_value", "previous_rank", "source", "scope"]
    want = [
        tuple(None if isinstance(x, float) and math.isnan(x) else x for x in row)
        for row in df[cols].itertuples(index=False, name=None)
    ]
    assert len(got) == len(want) > 0
    for g, w in zip(got, want):
        assert g[1:3] == w[1:3] and g[8:] == w[8:]
        for a, b in zip(g[:1] + g[3:8], w[:1] + w[3:8]):
            assert (a is None and b is None) or a == pytest.approx(b), (g, w)


def test_league_table_of_a_query(con):
    rows = con.execute("""SELECT rank, exporter, value, previous_rank FROM aex_league_table(2023,
                            source := 'SELECT exporter, year, units FROM exports')""").fetchall()
    assert rows[:2] == [(1.0, "CHN", 4910000.0, 2.0), (2.0, "JPN", 4422682.0, 1.0)]
    with pytest.raises(duckdb.Error, match="aex_league_table: basis must be one of"):
        con.execute("SELECT * FROM aex_league_table(2023, basis := 'mood')")
    with pytest.raises(duckdb.Error, match="aex_league_table: .*2023-Q9"):
        con.execute("SELECT * FROM aex_league_table('2023-Q9')")


@pytest.mark.parametrize("source", sorted((REPO / "Sources" / "AutoExportsDuckDB").glob("*.c")), ids=lambda p: p.name)
def test_shim_compiles_without_warnings(source, tmp_path):
    """The C adapter is held to the header's standard: C11, -Wall -Wextra -pedantic -Werror."""
    subprocess.run(
        [
            "cc",
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Wpedantic",
            "-Werror",
            "-I",
            str(REPO / "include"),
            "-I",
            str(REPO / "Sources" / "AutoExportsDuckDB" / "include"),
            "-c",
            str(source),
            "-o",
            str(tmp_path / "x.o"),
        ],
        check=True,
    )


def test_generated_api_header_is_current(tmp_path):
    """aexduck_api.h is what tools/duckdb/gen_api.py makes of api-v1.2.0.txt."""
    header = REPO / "Sources" / "AutoExportsDuckDB" / "include" / "aexduck_api.h"
    before = header.read_text()
    subprocess.run([sys.executable, str(REPO / "tools" / "duckdb" / "gen_api.py")], check=True, capture_output=True)
    assert header.read_text() == before


def test_database_file_closes_and_reopens(extension, tmp_path):
    """In a database file the extension keeps no connection of its own: closing the file
    really closes it (reopening in this process works), the scalar functions and the
    embedded data work, and reading a source is a clear error."""
    path = str(tmp_path / "x.duckdb")
    c = duckdb.connect(path, config={"allow_unsigned_extensions": "true"})
    c.execute(f"LOAD '{extension}'")
    c.execute("CREATE TABLE exports(exporter VARCHAR, year INTEGER, units DOUBLE)")
    c.executemany("INSERT INTO exports VALUES (?, ?, ?)", EXPORTS)
    assert c.execute("SELECT aex_rank_eq(20, [30, 20, 20, 10])").fetchone()[0] == 2
    assert c.execute("SELECT count(*) FROM aex_milestones(kinds := 'overtake')").fetchone()[0] > 0
    assert c.execute("SELECT exporter FROM aex_league_table(2024) LIMIT 1").fetchone()[0] == "CHN"
    with pytest.raises(
        duckdb.Error, match="aex_overtakes: cannot read the source: reading a source needs a DuckDB opened in memory"
    ):
        c.execute("SELECT * FROM aex_overtakes('exports')")
    c.close()
    r = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True)"
            ".execute('SELECT count(*) FROM exports').fetchone()[0])",
            path,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.stdout.strip() == str(len(EXPORTS)), r.stderr
    again = duckdb.connect(path, read_only=True)
    assert again.execute("SELECT count(*) FROM exports").fetchone()[0] == len(EXPORTS)
    again.close()


@pytest.mark.parametrize(
    "option,value,message",
    [
        (
            "--platform",
            "linux_arm64",
            "built for the platform 'linux_arm64', but we can only load extensions built for platform 'linux_amd64'",
        ),
        ("--api-version", "v9.0.0", "built for DuckDB C API version 'v9.0.0'"),
        ("--abi-type", "CPP", "built specifically for DuckDB version 'v1.2.0'"),  # C++ ABI: an exact version
    ],
)
def test_duckdb_reads_the_footer_fields(extension, tmp_path, option, value, message):
    so = tmp_path / "libAutoExportsDuckDBExt.so"
    so.write_bytes(extension.read_bytes()[:-534])
    bad = tmp_path / "autoexports.duckdb_extension"
    subprocess.run(
        [sys.executable, str(REPO / "tools" / "duckdb" / "footer.py"), str(so), str(bad), option, value], check=True
    )
    c = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    with pytest.raises(duckdb.Error, match=message) as e:
        c.execute(f"LOAD '{bad}'")
    assert "autoexports" in str(e.value)
    c.close()


def test_extension_needs_only_the_c_runtime(extension):
    out = subprocess.run(["ldd", str(extension)], check=True, capture_output=True, text=True).stdout
    libs = {line.split()[0] for line in out.splitlines() if "=>" in line}
    assert libs <= {"libc.so.6", "libm.so.6", "libgcc_s.so.1", "libstdc++.so.6"}, libs


def test_python_helper_finds_and_loads_the_extension(extension, monkeypatch):
    import autoexports.duckdb as aexduck

    monkeypatch.setenv("AUTOEXPORTS_DUCKDB_EXTENSION", str(extension))
    assert aexduck.extension_path() == extension
    c = duckdb.connect(config={"allow_unsigned_extensions": "true"})
    assert aexduck.load(c) == extension
    assert c.execute("SELECT aex_rank_avg(20, [30, 20, 20, 10])").fetchone()[0] == 2.5
    with pytest.raises(RuntimeError, match="allow_unsigned_extensions"):
        aexduck.load(duckdb.connect())
    monkeypatch.setenv("AUTOEXPORTS_DUCKDB_EXTENSION", str(extension.parent / "missing"))
    import autoexports._ffi

    monkeypatch.setattr(autoexports._ffi, "library_path", lambda: str(extension.parent / "libautoexports.so"))
    assert aexduck.extension_path().resolve() == extension.resolve()  # next to the library
