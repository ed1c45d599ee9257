"""aex_destinations(...) in Debian's sqlite3 shell (issue 19), against SQL's own GROUP BY
and window functions over the same rows: each partner's change, the rest of world, the
shares and the exact sum must be what plain SQL computes. Each query selects only the
disagreements, so a test passes when the shell prints nothing (and the row counts agree)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite

SQLITE = shutil.which("sqlite3", path="/usr/bin") or shutil.which("sqlite3")

# China to the world (partner NULL and 'WLD' both mean the world) and to four markets.
TRADE = """
CREATE TABLE trade(exporter TEXT, partner TEXT, period INTEGER, value REAL);
INSERT INTO trade VALUES
  ('CHN', NULL, 2022, 3110000), ('CHN', 'WLD', 2023, 4910000),
  ('CHN', 'RUS', 2022, 160000), ('CHN', 'RUS', 2023, 909000),
  ('CHN', 'MEX', 2022, 240000), ('CHN', 'MEX', 2023, 415000),
  ('CHN', 'BEL', 2022, 210000), ('CHN', 'BEL', 2023, 260000),
  ('CHN', 'AUS', 2022, 190000), ('CHN', 'AUS', 2023, 180000),
  ('JPN', NULL, 2022, 3800000), ('JPN', NULL, 2023, 4420000);
CREATE VIEW by_partner AS
  SELECT coalesce(partner, 'WLD') AS partner,
         sum(CASE WHEN period = 2022 THEN value END) AS v22,
         sum(CASE WHEN period = 2023 THEN value END) AS v23
  FROM trade WHERE exporter = 'CHN' GROUP BY 1;
CREATE VIEW oracle AS
  WITH t AS (SELECT v22, v23 FROM by_partner WHERE partner = 'WLD'),
       m AS (SELECT partner, v22, v23, v23 - v22 AS change FROM by_partner WHERE partner <> 'WLD'),
       r AS (SELECT 'ROW' AS partner, t.v22 - sum(m.v22) AS v22, t.v23 - sum(m.v23) AS v23,
                    (t.v23 - t.v22) - sum(m.change) AS change FROM m, t)
  SELECT partner, v22, v23, change, change / (SELECT v23 - v22 FROM t) AS share,
         v23 / (SELECT v23 FROM t) AS share23,
         CASE WHEN partner = 'ROW' THEN 1e18 ELSE rank() OVER (ORDER BY change DESC) END AS pos
  FROM (SELECT * FROM m UNION ALL SELECT * FROM r);
"""


def run(sql: str, libpath: Path) -> subprocess.CompletedProcess:
    if SQLITE is None:
        pytest.skip("sqlite3 not found: apt-get install sqlite3 (Tests/setup.sh does)")
    prelude = f".bail on\n.load {libpath.with_suffix('')}\n"
    return subprocess.run(
        [SQLITE, "-batch", ":memory:"], input=prelude + TRADE + sql, capture_output=True, text=True, timeout=60
    )


def test_change_split_matches_group_by(libpath):
    r = run(
        """
      SELECT 'disagrees', o.partner, o.change, d.change FROM oracle o
        LEFT JOIN aex_destinations('CHN', 2023, 2022, 'trade') d ON d.partner = o.partner
       WHERE d.partner IS NULL OR d.change IS NOT o.change OR d.from_value IS NOT o.v22
          OR d.to_value IS NOT o.v23 OR abs(d.share - o.share) > 1e-15 OR d.in_exact_sum <> 1;
      SELECT 'row count', (SELECT count(*) FROM aex_destinations('CHN', 2023, 2022, 'trade')),
                          (SELECT count(*) FROM oracle)
       WHERE (SELECT count(*) FROM aex_destinations('CHN', 2023, 2022, 'trade')) <> (SELECT count(*) FROM oracle);
      SELECT 'exact sum', sum(change), max(total_change) FROM aex_destinations('CHN', 2023, 2022, 'trade')
       WHERE in_exact_sum HAVING sum(change) <> max(total_change) OR max(total_change) <> 1800000;
    """,
        libpath,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""


def test_order_is_largest_change_first_rest_of_world_last(libpath):
    r = run(
        """
      WITH d AS (SELECT partner, rowid AS i FROM aex_destinations('CHN', '2023', '2022', 'trade'))
      SELECT 'order', d.partner, d.i, o.pos FROM d JOIN oracle o USING (partner)
       WHERE d.i <> (SELECT count(*) FROM oracle o2 WHERE o2.pos < o.pos) + 1;
    """,
        libpath,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""


def test_one_period_values_and_shares_of_the_total(libpath):
    r = run(
        """
      SELECT 'disagrees', o.partner FROM oracle o
        LEFT JOIN aex_destinations('CHN', 2023, NULL, 'trade') d ON d.partner = o.partner
       WHERE d.partner IS NULL OR d.to_value IS NOT o.v23 OR abs(d.share - o.share23) > 1e-15
          OR d.from_value IS NOT NULL OR d.change IS NOT NULL;
    """,
        libpath,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""


def test_embedded_data_lists_russia_first_with_its_note(libpath):
    r = run(
        """
      SELECT partner FROM aex_destinations('CHN', 2023) LIMIT 1;
      SELECT like_for_like, in_exact_sum, change IS NULL, note LIKE '%not like for like%'
        FROM aex_destinations('China', 2023, 2022) WHERE partner = 'RUS';
    """,
        libpath,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["RUS", "0|0|1|1"]


@pytest.mark.parametrize(
    "call,message",
    [
        ("aex_destinations('Atlantis', 2023)", "Atlantis"),
        ("aex_destinations(NULL, 2023)", "exporter"),
        ("aex_destinations('CHN', NULL)", "to_period"),
        ("aex_destinations('CHN', 'soon')", "to_period"),
        ("aex_destinations('CHN', 2023, 'then')", "from_period"),
        ("aex_destinations('CHN', 2023, 2022, 'no_such_table')", "cannot read the source"),
        ("aex_destinations('CHN', 2023, 2022, 'SELECT ''CHN'', ''Atlantis'', 2023, 1')", "partner"),
        ("aex_destinations('CHN', 2023, 2022, 'SELECT ''CHN'', NULL, 2023, ''lots''')", "not a number"),
    ],
)
def test_bad_arguments_are_named(call, message, libpath):
    r = run(f"SELECT * FROM {call};\n", libpath)
    assert r.returncode != 0
    assert "aex_destinations" in r.stderr and message in r.stderr, r.stderr


def test_source_and_scope_columns_apply_the_like_for_like_rule(libpath):
    """A source with source and scope columns: Russia's 2022 figure counts passenger cars
    only, so Russia is left out of the exact sum (change NULL, a note) and the rest of
    world takes its place in the sum, by SQL: the total's change minus the like markets'."""
    r = run(
        """
      CREATE TABLE labelled AS
        SELECT exporter, partner, period, value, 'CAAM' AS source,
               CASE WHEN partner = 'RUS' AND period = 2022 THEN 'passenger_cars' ELSE 'all_vehicles' END AS scope
        FROM trade;
      CREATE VIEW like_markets AS SELECT * FROM oracle WHERE partner NOT IN ('RUS', 'ROW');
      SELECT 'russia', like_for_like, in_exact_sum, change, note FROM aex_destinations('CHN', 2023, 2022, 'labelled')
       WHERE partner = 'RUS' AND NOT (like_for_like = 0 AND in_exact_sum = 0 AND change IS NULL
                                      AND note LIKE '%not like for like%');
      SELECT 'markets', d.partner FROM aex_destinations('CHN', 2023, 2022, 'labelled') d JOIN like_markets o USING (partner)
       WHERE d.change IS NOT o.change OR d.in_exact_sum <> 1 OR d.to_source <> 'CAAM' OR d.to_scope <> 'all_vehicles';
      SELECT 'rest of world', change FROM aex_destinations('CHN', 2023, 2022, 'labelled')
       WHERE partner = 'ROW' AND change IS NOT (SELECT 1800000 - sum(change) FROM like_markets);
      SELECT 'exact sum', sum(change) FROM aex_destinations('CHN', 2023, 2022, 'labelled') WHERE in_exact_sum
       HAVING sum(change) <> 1800000;
      SELECT 'six-column statement', count(*) FROM aex_destinations('CHN', 2023, 2022,
         'SELECT exporter, partner, period, value, source, scope FROM labelled')
       WHERE partner = 'RUS' AND like_for_like = 0 HAVING count(*) <> 1;
    """,
        libpath,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
