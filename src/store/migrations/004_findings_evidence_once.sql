-- A finding's evidence was stored twice: in findings.evidence and inside findings.finding (the whole
-- Finding object). Every reader (web, export, status, the bureau's pages) takes the Finding object,
-- none the column, so the column goes: on 200 seed reports it was 21.5 KB of the 120 KB of findings
-- per report (bench/store-split.ts). Existing rows keep their Finding objects unchanged; the
-- dropped column's bytes of rows stored before are given back as those rows are rewritten (a report
-- processed again) or at once by `VACUUM FULL findings`.
-- store_save_report (migrations/003) is the only writer: it is replaced by the same function
-- without the column.
ALTER TABLE findings DROP COLUMN evidence;

CREATE OR REPLACE FUNCTION store_save_report(
  p_sha text, p_file text, p_department text, p_year integer, p_family text, p_format text, p_status text,
  p_error_code text, p_error_message text, p_rules_version text, p_timings jsonb,
  p_errors integer, p_warnings integer, p_infos integer, p_result json, p_document json,
  p_findings jsonb, p_run_key text, p_batch_id text)
RETURNS TABLE (saved boolean, run_no integer, n_new integer, n_unchanged integer, n_gone integer)
LANGUAGE plpgsql AS $$
DECLARE
  v_run integer;
  prev record;
  c record;
BEGIN
  -- One writer per report at a time (two workers never race on the run number).
  PERFORM pg_advisory_xact_lock(hashtext('report:' || p_sha));
  PERFORM store_lock_batches_of(p_sha, p_batch_id);
  SELECT rr.run INTO v_run FROM report_runs rr WHERE rr.sha256 = p_sha AND rr.run_key = p_run_key;
  IF FOUND THEN
    -- Stored by an earlier attempt of the same job: settle what still waits for it, store nothing.
    SELECT rp.status, rp.error_code, rp.rules_version INTO prev FROM reports rp WHERE rp.sha256 = p_sha;
    IF FOUND THEN
      PERFORM store_settle_items(p_sha, prev.status, prev.error_code, prev.rules_version);
    END IF;
    PERFORM store_merge_file_names(p_sha, p_file);
    RETURN QUERY SELECT false, v_run, 0, 0, 0;
    RETURN;
  END IF;
  SELECT coalesce((SELECT rp.run FROM reports rp WHERE rp.sha256 = p_sha), 0) + 1 INTO v_run;
  INSERT INTO reports (sha256, file_name, file_names, department, year, family, format, status, error_code,
    error_message, rules_version, run, timings, findings_error, findings_warning, findings_info, result, document)
  VALUES (p_sha, p_file, ARRAY[p_file], p_department, p_year, p_family, p_format, p_status, p_error_code,
    p_error_message, p_rules_version, v_run, p_timings, p_errors, p_warnings, p_infos, p_result, p_document)
  ON CONFLICT (sha256) DO UPDATE SET
    file_name = EXCLUDED.file_name,
    file_names = CASE WHEN EXCLUDED.file_name = ANY(reports.file_names) THEN reports.file_names
                      ELSE reports.file_names || EXCLUDED.file_name END,
    department = EXCLUDED.department, year = EXCLUDED.year, family = EXCLUDED.family, format = EXCLUDED.format,
    status = EXCLUDED.status, error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
    rules_version = EXCLUDED.rules_version, run = EXCLUDED.run, timings = EXCLUDED.timings,
    findings_error = EXCLUDED.findings_error, findings_warning = EXCLUDED.findings_warning,
    findings_info = EXCLUDED.findings_info, result = EXCLUDED.result, document = EXCLUDED.document,
    processed_at = now();
  -- The findings go over once, as the Finding objects; the columns are taken out of them here
  -- (the evidence stays inside the Finding only).
  INSERT INTO findings (report_sha256, id, rule, severity, message, message_en, part, numbers, finding,
    first_seen_run, last_seen_run)
  SELECT p_sha, f->>'id', f->>'rule', f->>'severity', f->>'message', f->>'messageEn', f->>'part', f->'values', f, v_run, v_run
  FROM jsonb_array_elements(p_findings) AS f
  ON CONFLICT (report_sha256, id) DO UPDATE SET
    rule = EXCLUDED.rule, severity = EXCLUDED.severity, message = EXCLUDED.message, message_en = EXCLUDED.message_en,
    part = EXCLUDED.part, numbers = EXCLUDED.numbers, finding = EXCLUDED.finding,
    first_seen_run = CASE WHEN findings.gone_run IS NULL THEN findings.first_seen_run ELSE EXCLUDED.first_seen_run END,
    first_seen_at = CASE WHEN findings.gone_run IS NULL THEN findings.first_seen_at ELSE now() END,
    last_seen_run = EXCLUDED.last_seen_run, last_seen_at = now(), gone_run = NULL;
  UPDATE findings SET gone_run = v_run WHERE report_sha256 = p_sha AND gone_run IS NULL AND last_seen_run < v_run;
  SELECT count(*) FILTER (WHERE first_seen_run = v_run AND gone_run IS NULL)::int AS fresh,
         count(*) FILTER (WHERE first_seen_run < v_run AND last_seen_run = v_run AND gone_run IS NULL)::int AS unchanged,
         count(*) FILTER (WHERE gone_run = v_run)::int AS gone
  INTO c FROM findings WHERE report_sha256 = p_sha;
  INSERT INTO report_runs (sha256, run, run_key, batch_id, rules_version, status, error_code,
    findings_new, findings_unchanged, findings_gone, timings)
  VALUES (p_sha, v_run, p_run_key, p_batch_id, p_rules_version, p_status, p_error_code, c.fresh, c.unchanged, c.gone, p_timings);
  PERFORM store_settle_items(p_sha, p_status, p_error_code, p_rules_version);
  PERFORM store_merge_file_names(p_sha, NULL);
  RETURN QUERY SELECT true, v_run, c.fresh, c.unchanged, c.gone;
END
$$;
