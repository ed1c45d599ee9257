-- The SQLite extension in Debian's sqlite3 shell, against SQLite's own window functions.
--
-- Tests/python/test_sqlite_extension.py runs each "-- test:" section in a fresh
-- in-memory database after the prelude (everything before the first section, with
-- :LIB: replaced by the library's path).  A section passes when it prints nothing and
-- raises no error: every query selects only the rows where the extension and the oracle
-- disagree.  A section marked "-- expect-error: TEXT" must fail with TEXT in the message.

.load :LIB:
.bail off

-- 60 groups of 1 to 10 values with many ties, some NULLs, negatives and one-row groups.
CREATE TABLE t(g INTEGER, v REAL);
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 599)
INSERT INTO t SELECT n % 60, CASE WHEN n % 53 = 7 THEN NULL ELSE (n * 7919) % 7 - 2 + (n / 7 % 2) * 0.5 END
FROM i WHERE n / 60 < 1 + (n % 60) % 12;

-- The reference figures: vehicle exports, units (CAAM, JAMA, VDA passenger cars, KAMA, INEGI).
CREATE TABLE exports(exporter TEXT, year INTEGER, units REAL);
INSERT INTO exports VALUES
  ('CHN', 2020,  995000), ('CHN', 2021, 2015000), ('CHN', 2022, 3110000), ('CHN', 2023, 4910000),
  ('CHN', 2024, 5859000), ('CHN', 2025, 7098000),
  ('JPN', 2019, 4810000), ('JPN', 2020, 3740832), ('JPN', 2021, 3820000), ('JPN', 2022, 3813269),
  ('JPN', 2023, 4422682), ('JPN', 2024, 4210000), ('JPN', 2025, 4172815),
  ('DEU', 2019, 3490000), ('DEU', 2020, 2650000), ('DEU', 2021, 2370000), ('DEU', 2022, 2650000),
  ('DEU', 2023, 3110000), ('DEU', 2025, 3170000),
  ('KOR', 2019, 2400000), ('KOR', 2020, 1880000), ('KOR', 2021, 2040000), ('KOR', 2023, 2760000),
  ('KOR', 2024, 2782000), ('KOR', 2025, 2736308),
  ('MEX', 2019, 3333586), ('MEX', 2020, 2680000), ('MEX', 2021, 2707000), ('MEX', 2022, 2860000),
  ('MEX', 2023, 3300876), ('MEX', 2024, 3479086), ('MEX', 2025, 3385785);

-- A panel with ties and gaps: 8 exporters, 40 periods, values 0..5, about one cell in 9 missing.
CREATE TABLE grid AS
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 319)
SELECT 'E' || (n % 8) AS exporter, 2000 + n / 8 AS period,
       CASE WHEN (n * 31) % 9 = 4 THEN NULL ELSE (n * 7919 + n / 8) % 6 END AS value FROM i;

-- test: the fixture has ties, NULLs and one-row groups
SELECT 'fixture too easy' WHERE (SELECT count(*) FROM t WHERE v IS NULL) = 0
   OR (SELECT count(*) FROM (SELECT g FROM t GROUP BY g HAVING count(*) = 1)) = 0
   OR (SELECT count(*) FROM (SELECT g, v FROM t WHERE v IS NOT NULL GROUP BY g, v HAVING count(*) > 1)) < 20;

-- test: aex_rank_eq equals RANK() descending (spreadsheet default order)
SELECT * FROM (
  SELECT g, v, aex_rank_eq(v, aex_values(v) OVER w) AS a, RANK() OVER (w ORDER BY v DESC) AS b
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE a IS NOT b;

-- test: aex_rank_eq with order 1 equals RANK() ascending
SELECT * FROM (
  SELECT g, v, aex_rank_eq(v, aex_values(v) OVER w, 1) AS a, RANK() OVER (w ORDER BY v) AS b
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE a IS NOT b;

-- test: NULLs in the list are left out and a NULL x gives NULL
SELECT * FROM (
  SELECT g, v, aex_rank_eq(v, aex_values(v) OVER w) AS a,
         CASE WHEN v IS NULL THEN NULL ELSE RANK() OVER (w ORDER BY v IS NULL, v DESC) END AS b
  FROM t WINDOW w AS (PARTITION BY g)) WHERE a IS NOT b;

-- test: aex_rank_dense equals DENSE_RANK() both ways
SELECT * FROM (
  SELECT g, v, aex_rank_dense(v, aex_values(v) OVER w) AS a, DENSE_RANK() OVER (w ORDER BY v DESC) AS b,
         aex_rank_dense(v, aex_values(v) OVER w, 1) AS c, DENSE_RANK() OVER (w ORDER BY v) AS d
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE a IS NOT b OR c IS NOT d;

-- test: aex_rank_avg equals the average ROW_NUMBER() of the tied rows (RANK.AVG)
SELECT * FROM (
  SELECT g, v, a, AVG(rn) OVER (PARTITION BY g, v) AS b FROM (
    SELECT g, v, aex_rank_avg(v, aex_values(v) OVER w) AS a, ROW_NUMBER() OVER (w ORDER BY v DESC) AS rn
    FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g))) WHERE a IS NOT b;

-- test: a JSON array from json_group_array gives the same ranks as aex_values
SELECT * FROM (
  SELECT g, v, aex_rank_avg(v, aex_values(v) OVER w) AS a, aex_rank_avg(v, json_group_array(v) OVER w) AS b
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE a IS NOT b;

-- test: aex_values follows sliding window frames (rows leave through xInverse)
WITH s AS (SELECT ROW_NUMBER() OVER (ORDER BY rowid) AS i, v FROM t WHERE v IS NOT NULL)
SELECT * FROM (
  SELECT i, v,
         aex_rank_eq(v, aex_values(v) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) AS a,
         (SELECT 1 + count(*) FROM s AS u WHERE u.i BETWEEN s.i - 3 AND s.i AND u.v > s.v) AS b,
         aex_rank_eq(v, aex_values(v) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING)) AS c,
         (SELECT 1 + count(*) FROM s AS u WHERE u.i BETWEEN s.i - 2 AND s.i + 2 AND u.v > s.v) AS d
  FROM s) WHERE a IS NOT b OR c IS NOT d;

-- test: aex_percent_rank equals PERCENT_RANK() (ascending by default, descending with 1)
SELECT * FROM (
  SELECT g, v, aex_percent_rank(v, aex_values(v) OVER w) AS a, PERCENT_RANK() OVER (w ORDER BY v) AS b,
         aex_percent_rank(v, aex_values(v) OVER w, 1) AS c, PERCENT_RANK() OVER (w ORDER BY v DESC) AS d
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE abs(a - b) > 1e-15 OR abs(c - d) > 1e-15;

-- test: aex_cume_dist equals CUME_DIST() both ways
SELECT * FROM (
  SELECT g, v, aex_cume_dist(v, aex_values(v) OVER w) AS a, CUME_DIST() OVER (w ORDER BY v) AS b,
         aex_cume_dist(v, aex_values(v) OVER w, 1) AS c, CUME_DIST() OVER (w ORDER BY v DESC) AS d
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE abs(a - b) > 1e-15 OR abs(c - d) > 1e-15;

-- test: with NULLs, aex_percent_rank equals PERCENT_RANK() on every row (NULLs sort first ascending, last descending)
SELECT * FROM (
  SELECT g, v, aex_percent_rank(v, aex_values(v) OVER w) AS a, PERCENT_RANK() OVER (w ORDER BY v) AS b,
         aex_percent_rank(v, aex_values(v) OVER w, 1) AS c, PERCENT_RANK() OVER (w ORDER BY v DESC) AS d
  FROM t WINDOW w AS (PARTITION BY g)) WHERE a IS NULL OR c IS NULL OR abs(a - b) > 1e-15 OR abs(c - d) > 1e-15;

-- test: with NULLs, aex_cume_dist equals CUME_DIST() on every row both ways
SELECT * FROM (
  SELECT g, v, aex_cume_dist(v, aex_values(v) OVER w) AS a, CUME_DIST() OVER (w ORDER BY v) AS b,
         aex_cume_dist(v, aex_values(v) OVER w, 1) AS c, CUME_DIST() OVER (w ORDER BY v DESC) AS d
  FROM t WINDOW w AS (PARTITION BY g)) WHERE a IS NULL OR c IS NULL OR abs(a - b) > 1e-15 OR abs(c - d) > 1e-15;

-- test: the fixture does hold NULLs, in groups that also hold two or more numbers
SELECT * FROM (SELECT count(*) AS n FROM t WHERE v IS NULL) WHERE n < 5;
SELECT * FROM (SELECT count(*) AS n FROM (SELECT g FROM t GROUP BY g HAVING count(*) > count(v) AND count(v) > 1))
WHERE n < 3;

-- test: NULLs in a JSON list count as SQL NULL rows; a NULL x takes the NULL rows' value
SELECT * FROM (VALUES
  (aex_percent_rank(3, '[null, 3, 1, null, 5]'), 0.75),
  (aex_percent_rank(3, '[null, 3, 1, null, 5]', 1), 0.25),
  (aex_percent_rank(NULL, '[null, 3, 1, null, 5]'), 0.0),
  (aex_percent_rank(NULL, '[null, 3, 1, null, 5]', 1), 0.75),
  (aex_cume_dist(NULL, '[null, 3, 1, null, 5]'), 0.4),
  (aex_cume_dist(NULL, '[null, 3, 1, null, 5]', 1), 1.0),
  (aex_cume_dist(1, '[null, 3, 1, null, 5]'), 0.6),
  (aex_percent_rank(NULL, '[null]'), 0.0)) WHERE column1 IS NULL OR abs(column1 - column2) > 1e-15;
SELECT 'not NULL' FROM (SELECT aex_percent_rank(NULL, '[1, 2]') AS a) WHERE a IS NOT NULL;

-- test: PERCENTRANK in LibreOffice Calc's convention: significant digits, one number gives 1
SELECT * FROM (VALUES
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 4, 3, 'calc'), 0.556),
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 4, 3, 'excel'), 0.555),
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 4, 3, 1), 0.556),
  (aex_percentrank_inc('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]', 1.7, 2, 'CALC'), 0.058),
  (aex_percentrank_exc('[42]', 42, NULL, 'calc'), 1.0),
  (aex_percentrank_exc('[42]', 42), 0.5)) WHERE abs(column1 - column2) > 1e-12;

-- test: an unknown convention is an error
-- expect-error: aex_percentrank_inc: convention must be 'excel' (0) or 'calc' (1)
SELECT aex_percentrank_inc('[1, 2, 5]', 2, 3, 'lotus');

-- test: aex_milestones reads year-to-date spans, halves and fiscal years, each kind apart
CREATE TABLE ytd(exporter TEXT, period TEXT, units REAL);
INSERT INTO ytd VALUES ('CHN', '2022-01/2022-05', 1100000), ('CHN', '2023-01/2023-05', 2140000),
  ('JPN', '2022-01/2022-05', 1400000), ('JPN', '2023-01/2023-05', 1700000);
SELECT 'missing' WHERE NOT EXISTS (
  SELECT 1 FROM aex_milestones('SELECT exporter, period, units FROM ytd', 'overtake')
  WHERE period = '2023-01/2023-05' AND subject = 'CHN' AND rival = 'JPN');
CREATE TABLE fy(exporter TEXT, period TEXT, units REAL);
INSERT INTO fy VALUES ('JPN', 'FY2022', 3900000), ('JPN', 'FY2023', 4400000), ('CHN', 'FY2022', 3000000),
  ('CHN', 'FY2023', 4600000);
SELECT 'missing' WHERE NOT EXISTS (
  SELECT 1 FROM aex_milestones('SELECT exporter, period, units FROM fy', 'overtake') WHERE period = 'FY2023');

-- test: aex_milestones refuses a table that mixes fiscal and calendar years
-- expect-error: aex_milestones: the periods mix kinds
CREATE TABLE mixed(exporter TEXT, period TEXT, units REAL);
INSERT INTO mixed VALUES ('JPN', 'FY2022', 3900000), ('JPN', 'FY2023', 4400000), ('CHN', '2022', 3110000),
  ('CHN', '2023', 4910000);
SELECT * FROM aex_milestones('SELECT exporter, period, units FROM mixed', 'overtake');

-- test: PERCENTRANK.INC of a value in the list is PERCENT_RANK() ascending
SELECT * FROM (
  SELECT g, v, aex_percentrank_inc(aex_values(v) OVER w, v) AS a,
         CASE WHEN count(v) OVER w = 1 THEN 1.0 ELSE PERCENT_RANK() OVER (w ORDER BY v) END AS b
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE abs(a - b) > 1e-15;

-- test: PERCENTRANK.EXC of a value in the list is RANK() ascending / (n + 1)
SELECT * FROM (
  SELECT g, v, aex_percentrank_exc(aex_values(v) OVER w, v) AS a,
         1.0 * RANK() OVER (w ORDER BY v) / (count(v) OVER w + 1) AS b
  FROM t WHERE v IS NOT NULL WINDOW w AS (PARTITION BY g)) WHERE abs(a - b) > 1e-15;

-- test: PERCENTRANK interpolates between values and truncates to the significance (Excel's examples)
SELECT * FROM (VALUES
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 2, 3), 0.333),
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 4, 3), 0.555),
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 8, 3), 0.666),
  (aex_percentrank_inc('[13, 12, 11, 8, 4, 3, 2, 1, 1, 1]', 5, 3), 0.583),
  (aex_percentrank_exc('[1, 2, 3, 6, 6, 6, 7, 8, 9]', 7), 0.7),
  (aex_percentrank_exc('[1, 2, 3, 6, 6, 6, 7, 8, 9]', 5.43, 3), 0.381),
  (aex_percentrank_exc('[1, 2, 3, 6, 6, 6, 7, 8, 9]', 5.43, 1), 0.3)) WHERE abs(column1 - column2) > 1e-12;

-- test: the reference figures rank like RANK() in every year
SELECT * FROM (
  SELECT year, exporter, aex_rank_eq(units, aex_values(units) OVER w) AS a, RANK() OVER (w ORDER BY units DESC) AS b
  FROM exports WINDOW w AS (PARTITION BY year)) WHERE a IS NOT b;

-- test: China is #1 from 2023 on, Japan before
SELECT * FROM (
  SELECT year, exporter FROM (
    SELECT year, exporter, aex_rank_eq(units, aex_values(units) OVER (PARTITION BY year)) AS r FROM exports)
  WHERE r = 1
  EXCEPT SELECT column1, column2 FROM (VALUES (2019, 'JPN'), (2020, 'JPN'), (2021, 'JPN'), (2022, 'JPN'),
                                              (2023, 'CHN'), (2024, 'CHN'), (2025, 'CHN')));

-- test: the functions are deterministic (allowed in generated columns and indexes)
CREATE TABLE d(x REAL, r REAL AS (aex_rank_eq(x, '[3, 1, 2]')));
INSERT INTO d(x) VALUES (1), (2), (3);
CREATE INDEX d_r ON d(aex_rank_dense(x, '[3, 1, 2]', 1));
SELECT * FROM d WHERE r IS NOT 4 - x;

-- test: an empty aggregate is an empty list
SELECT 'not empty' WHERE (SELECT length(aex_values(v)) FROM t WHERE 0) != 8;

-- test: x not in the list is an error
-- expect-error: aex_rank_eq: value is not in range
SELECT aex_rank_eq(7, '[1, 2, 5]');

-- test: x not in the list is an error for the dense rank too
-- expect-error: aex_rank_dense: x (7.0) is not in the list
SELECT aex_rank_dense(7, '[1, 2, 5]');

-- test: x outside the list's range is an error for PERCENTRANK.INC
-- expect-error: aex_percentrank_inc: x is outside [min, max] of range
SELECT aex_percentrank_inc('[1, 2, 5]', 6);

-- test: a list without numbers is an error for PERCENTRANK.EXC
-- expect-error: aex_percentrank_exc: range holds no numbers
SELECT aex_percentrank_exc('[null]', 1);

-- test: a significance below 1 is an error
-- expect-error: aex_percentrank_inc: significance must be a whole number of digits, at least 1
SELECT aex_percentrank_inc('[1, 2, 5]', 2, 0);

-- test: a list that is a JSON object is an error
-- expect-error: aex_rank_avg: list must be a JSON array
SELECT aex_rank_avg(1, '{"a": 1}');

-- test: text in a JSON list is an error naming its index
-- expect-error: list has a JSON text at index 1
SELECT aex_rank_eq(1, '[1, "2"]');

-- test: text that is not JSON is an error
-- expect-error: aex_rank_dense: list is not valid JSON
SELECT aex_rank_dense(1, 'one, two');

-- test: a BLOB that aex_values did not make is an error
-- expect-error: list is a BLOB that aex_values() did not make
SELECT aex_rank_eq(1, x'0102');

-- test: a number as the list is an error
-- expect-error: list must be a list
SELECT aex_rank_eq(1, 5);

-- test: aex_values of text that is not a number is an error
-- expect-error: aex_values: value 'abc' is not a number
SELECT aex_values(x) FROM (SELECT 'abc' AS x);

-- test: the overtakes in the reference figures (a missing Korean 2022 hides China passing Korea)
SELECT period, subject, rival, subject_value, rival_value, since, subject_since, rival_since, bridged
FROM aex_overtakes('SELECT exporter, year, units FROM exports')
EXCEPT SELECT * FROM (VALUES
  (2020, 'MEX', 'DEU', 2680000.0, 2650000.0, 2019, 3333586.0, 3490000.0, 0),
  (2022, 'CHN', 'DEU', 3110000.0, 2650000.0, 2021, 2015000.0, 2370000.0, 0),
  (2022, 'CHN', 'MEX', 3110000.0, 2860000.0, 2021, 2015000.0, 2707000.0, 0),
  (2023, 'CHN', 'JPN', 4910000.0, 4422682.0, 2022, 3110000.0, 3813269.0, 0));
SELECT 'expected 4 events' WHERE (SELECT count(*) FROM aex_overtakes('SELECT exporter, year, units FROM exports')) != 4;

-- test: bridging the gap adds China passing Korea in 2023, marked bridged
SELECT 'missing' WHERE NOT EXISTS (
  SELECT 1 FROM aex_overtakes('SELECT exporter, year, units FROM exports', 'carried', 1)
  WHERE period = 2023 AND subject = 'CHN' AND rival = 'KOR' AND since = 2021 AND bridged = 1);
SELECT 'expected 5 events' WHERE (SELECT count(*) FROM aex_overtakes('SELECT exporter, year, units FROM exports', 'carried', 1)) != 5;

-- test: a table with columns exporter, period, value can be named directly
CREATE VIEW panel AS SELECT exporter, year AS period, units AS value FROM exports;
SELECT 'differs' WHERE (SELECT group_concat(period || subject || rival) FROM aex_overtakes('panel'))
  IS NOT (SELECT group_concat(period || subject || rival) FROM aex_overtakes('SELECT exporter, year, units FROM exports'));

-- test: the adjacent rule equals a consecutive-period self-join
WITH p AS (SELECT DISTINCT period, DENSE_RANK() OVER (ORDER BY period) AS i FROM grid),
     g AS (SELECT exporter, grid.period, value, i FROM grid JOIN p USING (period))
SELECT period, subject, rival FROM aex_overtakes('grid', 'adjacent')
EXCEPT SELECT a1.period, a1.exporter, b1.exporter
FROM g a1 JOIN g b1 ON a1.i = b1.i AND a1.exporter <> b1.exporter
JOIN g a0 ON a0.exporter = a1.exporter AND a0.i = a1.i - 1
JOIN g b0 ON b0.exporter = b1.exporter AND b0.i = b1.i - 1
WHERE a1.value > b1.value AND a0.value < b0.value;
SELECT 'count differs' WHERE (SELECT count(*) FROM aex_overtakes('grid', 'adjacent')) != (
  WITH p AS (SELECT DISTINCT period, DENSE_RANK() OVER (ORDER BY period) AS i FROM grid),
       g AS (SELECT exporter, grid.period, value, i FROM grid JOIN p USING (period))
  SELECT count(*) FROM g a1 JOIN g b1 ON a1.i = b1.i AND a1.exporter <> b1.exporter
  JOIN g a0 ON a0.exporter = a1.exporter AND a0.i = a1.i - 1
  JOIN g b0 ON b0.exporter = b1.exporter AND b0.i = b1.i - 1
  WHERE a1.value > b1.value AND a0.value < b0.value);

-- test: the carried rule equals a brute-force search for the last strictly ordered period
-- (ties in between keep the order; a missing value breaks it)
WITH p AS (SELECT DISTINCT period, DENSE_RANK() OVER (ORDER BY period) AS i FROM grid),
     g AS (SELECT exporter, grid.period, value, i FROM grid JOIN p USING (period)),
     pairs AS (SELECT a.exporter AS a, b.exporter AS b, a.i AS i, a.period AS period, a.value AS va, b.value AS vb
               FROM g a JOIN g b ON a.i = b.i AND a.exporter <> b.exporter),
     oracle AS (
       SELECT t.period, t.a, t.b, s.period AS since FROM pairs t JOIN pairs s ON s.a = t.a AND s.b = t.b
       AND s.i = (SELECT max(u.i) FROM pairs u WHERE u.a = t.a AND u.b = t.b AND u.i < t.i
                  AND (u.va IS NULL OR u.vb IS NULL OR u.va <> u.vb))
       WHERE t.va > t.vb AND s.va < s.vb)
SELECT 'extension', period, subject, rival, since FROM aex_overtakes('grid')
EXCEPT SELECT 'extension', * FROM oracle
UNION ALL
SELECT * FROM (SELECT 'oracle', * FROM oracle EXCEPT SELECT 'oracle', period, subject, rival, since FROM aex_overtakes('grid'));

-- test: the panel is hard enough (ties, gaps, many events)
SELECT 'too easy' WHERE (SELECT count(*) FROM aex_overtakes('grid')) < 100
   OR (SELECT count(*) FROM grid WHERE value IS NULL) < 20;

-- test: an empty source has no overtakes
SELECT 'rows' WHERE (SELECT count(*) FROM aex_overtakes('SELECT 1, 2, 3 WHERE 0')) != 0;

-- test: aex_overtakes without a source is an error
-- expect-error: aex_overtakes: the first argument (source
SELECT * FROM aex_overtakes();

-- test: an unknown rule is an error
-- expect-error: aex_overtakes: rule must be 'carried' or 'adjacent', not 'fast'
SELECT * FROM aex_overtakes('exports', 'fast');

-- test: a source that is not three columns is an error
-- expect-error: aex_overtakes: cannot read the source: table s has 2 values for 3 columns
SELECT * FROM aex_overtakes('SELECT 1, 2');

-- test: the same exporter and period twice is an error
-- expect-error: aex_overtakes: A in 1 is given more than once
SELECT * FROM aex_overtakes('VALUES (''A'', 1, 1), (''A'', 1, 2)');

-- test: a value that is not a number is an error
-- expect-error: aex_overtakes: the value of A in 1 ('x') is not a number
SELECT * FROM aex_overtakes('VALUES (''A'', 1, ''x'')');

-- test: a source that writes is refused
-- expect-error: aex_overtakes: cannot read the source
SELECT * FROM aex_overtakes('DELETE FROM exports');

-- test: the milestones of the embedded reference data include China passing Japan in 2023
SELECT 'missing' WHERE NOT EXISTS (
  SELECT 1 FROM aex_milestones() WHERE kind = 'overtake' AND period = '2023' AND subject = 'CHN'
  AND rival = 'JPN' AND value = 4910000 AND rival_value = 4422682 AND since = '2022'
  AND sentence LIKE '2023: China (4.91M) overtook Japan (4.42M) to become the largest%');

-- test: the milestone finder and aex_overtakes agree on the overtakes of a table
SELECT period, subject, rival, since FROM aex_milestones('SELECT exporter, year, units FROM exports', 'overtake')
EXCEPT SELECT CAST(period AS TEXT), subject, rival, CAST(since AS TEXT) FROM aex_overtakes('SELECT exporter, year, units FROM exports');
SELECT 'counts differ' WHERE (SELECT count(*) FROM aex_milestones('SELECT exporter, year, units FROM exports', 'overtake'))
  != (SELECT count(*) FROM aex_overtakes('SELECT exporter, year, units FROM exports'));

-- test: China is #1 for the first time in 2023; Japan, #1 from the start of the data, never becomes it
SELECT period, subject FROM aex_milestones('SELECT exporter, year, units FROM exports', 'new_leader') WHERE first_time = 1
EXCEPT SELECT '2023', 'CHN';
SELECT 'no first time' WHERE NOT EXISTS (
  SELECT 1 FROM aex_milestones('SELECT exporter, year, units FROM exports', 'new_leader')
  WHERE first_time = 1 AND subject = 'CHN' AND period = '2023' AND sentence LIKE '%for the first time in the data%');

-- test: Korea's missing 2022 is a coverage note, not an overtake
SELECT 'gap note missing' WHERE NOT EXISTS (
  SELECT 1 FROM aex_milestone_notes('SELECT exporter, year, units FROM exports') WHERE kind = 'gap' AND exporter = 'KOR' AND period = '2022');
SELECT 'hidden overtake note missing' WHERE NOT EXISTS (
  SELECT 1 FROM aex_milestone_notes('SELECT exporter, year, units FROM exports')
  WHERE kind = 'hidden_by_gap' AND exporter = 'CHN' AND other = 'KOR' AND period = '2023');
SELECT * FROM aex_milestones('SELECT exporter, year, units FROM exports') WHERE subject = 'CHN' AND rival = 'KOR';

-- test: quarters as text are periods
SELECT * FROM aex_milestones('VALUES (''CHN'', ''2023-Q1'', 1), (''JPN'', ''2023-Q1'', 2), (''CHN'', ''2023-Q2'', 3), (''JPN'', ''2023-Q2'', 2)', 'overtake')
WHERE NOT (period = '2023-Q2' AND subject = 'CHN' AND rival = 'JPN' AND since = '2023-Q1');

-- test: an unknown milestone kind is an error
-- expect-error: aex_milestones: unknown milestone kind 'bogus'
SELECT * FROM aex_milestones('exports', 'bogus');

-- test: an unknown exporter is an error naming it
-- expect-error: aex_milestones: exporter 'XXX'
SELECT * FROM aex_milestones('VALUES (''XXX'', 2020, 1)');

-- test: a period that is not one is an error
-- expect-error: aex_milestones: '20-20' is not a period
SELECT * FROM aex_milestones('VALUES (''CHN'', ''20-20'', 1)');

-- test: mixed granularities are an error
-- expect-error: aex_milestones: the periods mix kinds (years, halves, quarters, months
SELECT * FROM aex_milestones('VALUES (''CHN'', 2020, 1), (''JPN'', ''2020-Q1'', 1)');
