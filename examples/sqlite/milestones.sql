-- The milestones of the embedded reference data in SQL, as sentences, and the coverage
-- notes that explain what is not a milestone.  Shows: aex_milestones() without a source
-- (the library's cited reference figures), a kinds filter, aex_milestone_notes.
--
--   sqlite3 :memory: < examples/sqlite/milestones.sql      (from the repository root, after make)
.load .build/release/libautoexports
.mode list

SELECT kind, sentence FROM aex_milestones(NULL, 'overtake,new_leader') WHERE subject = 'CHN' AND rival = 'JPN';

SELECT sentence FROM aex_milestone_notes() WHERE exporter = 'KOR' AND period = '2022';
