-- Who overtook whom, and when, in SQL: the table-valued function aex_overtakes over the
-- reference figures.  Shows: a SELECT as the source, the default rule (a missing value
-- breaks the comparison: Korea has no 2022 figure, so China passing Korea is not
-- reported), and bridge_gaps = 1, which reports it and marks it bridged.
--
--   sqlite3 :memory: < examples/sqlite/overtakes.sql      (from the repository root, after make)
.load .build/release/libautoexports
.mode list
.headers on

CREATE TABLE exports(exporter TEXT, year INTEGER, units REAL);
INSERT INTO exports VALUES  -- units; CAAM, JAMA, VDA (passenger cars), KAMA, INEGI (light vehicles)
  ('CHN', 2021, 2015000), ('CHN', 2022, 3110000), ('CHN', 2023, 4910000),
  ('JPN', 2021, 3820000), ('JPN', 2022, 3813269), ('JPN', 2023, 4422682),
  ('DEU', 2021, 2370000), ('DEU', 2022, 2650000), ('DEU', 2023, 3110000),
  ('KOR', 2021, 2040000),                         ('KOR', 2023, 2760000);

SELECT period, subject, rival, subject_value, rival_value, since
FROM aex_overtakes('SELECT exporter, year, units FROM exports');

SELECT period, subject, rival, since, bridged
FROM aex_overtakes('SELECT exporter, year, units FROM exports', 'carried', 1)
WHERE subject = 'CHN' AND rival = 'KOR';
