-- The formula version report_scores were computed with (src/bureau/scores.ts SCORES_VERSION):
-- rows of an older version are recomputed on the next overview.
ALTER TABLE report_scores ADD COLUMN version integer NOT NULL DEFAULT 0;
