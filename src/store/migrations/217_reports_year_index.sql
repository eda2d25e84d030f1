-- The cross-report checks look up, for every stored report, the reports of the year before and the
-- year after (SELECT … FROM reports WHERE year = $1 AND status = 'ok'): without an index each is a
-- scan of the whole table, so a batch of N reports costs O(N²) row visits (10,000 seed reports:
-- every save scanning up to 10,000 rows twice).
CREATE INDEX IF NOT EXISTS reports_year_ok ON reports (year) WHERE status = 'ok';
