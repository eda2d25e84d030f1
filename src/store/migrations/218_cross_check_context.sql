-- The cross-report checks after a save (src/bureau/cross-check.ts) in ONE round trip instead of
-- five (the report's scores row, next year's reports, the ledger of its year, last year's reports,
-- the DELETE of its cross findings): bureau_cross_context does all of it on the server and returns
-- what the checks need as one json value. The checks themselves (robust name matching, the rules)
-- stay in TypeScript; a report with findings to store takes one more round trip
-- (bureau_replace_cross_findings: the delete and the inserts in one statement, one transaction).

-- The overview's figures of one report (the only copy of this upsert; src/bureau/overview.ts saveScoreRow).
CREATE FUNCTION bureau_save_scores(p_sha text, p_run integer, p_self text, p_recomputed text, p_recomputed_items integer,
  p_scored_items integer, p_rate text, p_form text, p_version integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_scores (sha256, run, self_score, recomputed_score, recomputed_items, scored_items, execution_rate, score_form, version)
  VALUES (p_sha, p_run, p_self, p_recomputed, p_recomputed_items, p_scored_items, p_rate, p_form, p_version)
  ON CONFLICT (sha256) DO UPDATE SET run = EXCLUDED.run, self_score = EXCLUDED.self_score, recomputed_score = EXCLUDED.recomputed_score,
    recomputed_items = EXCLUDED.recomputed_items, scored_items = EXCLUDED.scored_items, execution_rate = EXCLUDED.execution_rate,
    score_form = EXCLUDED.score_form, version = EXCLUDED.version
$$;

-- One report's context for its cross checks, its scores row (p_run …) stored on the way:
--   ledger:   the reference rows of its year with their file name, in file order (null unless p_with_ledger)
--   previous: the ok reports of the year before, latest processed first (null without p_with_previous)
--   next:     the ok reports of the year after (null without p_with_next)
--   cleared:  nothing to check it against (no ledger rows for its year, no report of the year before
--             to match): its cross findings are deleted here, and the caller has nothing to store.
CREATE FUNCTION bureau_cross_context(p_sha text, p_year integer, p_with_ledger boolean, p_with_previous boolean,
  p_with_next boolean, p_run integer, p_self text, p_recomputed text, p_recomputed_items integer, p_scored_items integer,
  p_rate text, p_form text, p_scores_version integer) RETURNS json LANGUAGE plpgsql AS $$
DECLARE
  v_ledger json;
  v_previous json;
  v_next json;
  v_cleared boolean;
BEGIN
  PERFORM bureau_save_scores(p_sha, p_run, p_self, p_recomputed, p_recomputed_items, p_scored_items, p_rate, p_form, p_scores_version);
  IF p_year IS NOT NULL AND p_with_ledger THEN
    SELECT coalesce(json_agg(x ORDER BY x.year, x.source_row), '[]'::json) INTO v_ledger
    FROM (SELECT r.*, i.file_name FROM reference_rows r JOIN reference_imports i ON i.id = r.import_id WHERE r.year = p_year) x;
  END IF;
  IF p_year IS NOT NULL AND p_with_previous THEN
    SELECT coalesce(json_agg(json_build_object('sha256', r.sha256, 'department', r.department) ORDER BY r.processed_at DESC, r.sha256), '[]'::json)
    INTO v_previous FROM reports r WHERE r.year = p_year - 1 AND r.status = 'ok' AND r.sha256 <> p_sha;
  END IF;
  IF p_year IS NOT NULL AND p_with_next THEN
    SELECT coalesce(json_agg(json_build_object('sha256', r.sha256, 'department', r.department)), '[]'::json)
    INTO v_next FROM reports r WHERE r.year = p_year + 1 AND r.status = 'ok';
  END IF;
  v_cleared := p_year IS NULL OR (NOT EXISTS (SELECT 1 FROM reference_rows WHERE year = p_year)
    AND (NOT p_with_previous OR NOT EXISTS (SELECT 1 FROM reports r WHERE r.year = p_year - 1 AND r.status = 'ok' AND r.sha256 <> p_sha AND r.department IS NOT NULL)));
  IF v_cleared THEN
    DELETE FROM cross_findings WHERE report_sha256 = p_sha;
  END IF;
  RETURN json_build_object('ledger', v_ledger, 'previous', v_previous, 'next', v_next, 'cleared', v_cleared);
END
$$;

-- A report's cross findings replaced whole: p_findings is a json array of {finding, counterpart}, ids unique.
CREATE FUNCTION bureau_replace_cross_findings(p_sha text, p_findings jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cross_findings WHERE report_sha256 = p_sha;
  INSERT INTO cross_findings (report_sha256, id, rule, severity, message, finding, counterpart)
  SELECT p_sha, e->'finding'->>'id', e->'finding'->>'rule', e->'finding'->>'severity', e->'finding'->>'message', e->'finding', e->'counterpart'
  FROM jsonb_array_elements(p_findings) AS e;
END
$$;
