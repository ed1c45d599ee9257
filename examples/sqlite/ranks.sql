-- Ranks of the vehicle exporters in SQL with the autoexports extension, next to SQLite's
-- own RANK() and PERCENT_RANK().  Shows: .load, aex_values() as a window function, and
-- the spreadsheet-shaped aex_rank_eq / aex_rank_avg / aex_rank_dense.
--
--   sqlite3 :memory: < examples/sqlite/ranks.sql      (from the repository root, after make)
.load .build/release/libautoexports
.mode list

CREATE TABLE exports(exporter TEXT, year INTEGER, units REAL);
INSERT INTO exports VALUES  -- units; CAAM, JAMA, VDA (passenger cars), KAMA, INEGI (light vehicles)
  ('CHN', 2022, 3110000), ('JPN', 2022, 3813269), ('DEU', 2022, 2650000), ('MEX', 2022, 2860000),
  ('CHN', 2023, 4910000), ('JPN', 2023, 4422682), ('DEU', 2023, 3110000), ('MEX', 2023, 3300876),
  ('KOR', 2023, 2760000);

SELECT year, exporter, units,
       aex_rank_eq(units, aex_values(units) OVER w) AS rank_eq,
       RANK() OVER (w ORDER BY units DESC) AS sql_rank
FROM exports WINDOW w AS (PARTITION BY year)
ORDER BY year, rank_eq;

-- A list can also be a JSON array, e.g. from a subquery.
SELECT aex_rank_avg(20, '[30, 20, 20, 10]') AS rank_avg, aex_rank_dense(10, '[30, 20, 20, 10]') AS dense;
