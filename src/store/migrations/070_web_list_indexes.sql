-- Reviewer UI (src/web/queries.ts): indexes for the report list's sort orders, so keyset paging
-- stays an index range scan with 10,000+ reports. Each matches ORDER BY <key>, sha256.
CREATE INDEX IF NOT EXISTS reports_web_processed ON reports (processed_at, sha256);
CREATE INDEX IF NOT EXISTS reports_web_department ON reports ((coalesce(department, '')), sha256);
CREATE INDEX IF NOT EXISTS reports_web_errors ON reports (findings_error, sha256);
CREATE INDEX IF NOT EXISTS reports_web_year ON reports ((coalesce(year, 0)), sha256);
CREATE INDEX IF NOT EXISTS reports_web_file ON reports (file_name, sha256);
CREATE INDEX IF NOT EXISTS findings_web_current ON findings (report_sha256, first_seen_run) WHERE gone_run IS NULL;
