-- A finding's evidence was stored twice: in findings.evidence and inside findings.finding (the whole
-- Finding object). Every reader (web, export, status, the bureau's pages) takes the Finding object,
-- none the column, so the column goes: on 200 seed reports it was 21.5 KB of the 120 KB of findings
-- per report (bench/store-split.ts). Existing rows keep their Finding objects unchanged; the
-- dropped column's bytes of rows stored before are given back as those rows are rewritten (a report
-- processed again) or at once by `VACUUM FULL findings`.
-- store_save_report (migrations/003) is the only writer: it is redefined as the same function with
-- the column's three mentions taken out of its definition (each must be found, and no mention may
-- remain, or the migration fails), so that 003 stays the one copy of its body.
ALTER TABLE findings DROP COLUMN evidence;

DO $$
DECLARE
  def text := pg_get_functiondef('store_save_report'::regproc);
  cut text := def;
  pair text[];
BEGIN
  FOREACH pair SLICE 1 IN ARRAY ARRAY[
    ARRAY['part, numbers, evidence, finding,', 'part, numbers, finding,'],
    ARRAY['f->''values'', f->''evidence'', f,', 'f->''values'', f,'],
    ARRAY['numbers = EXCLUDED.numbers, evidence = EXCLUDED.evidence,', 'numbers = EXCLUDED.numbers,']
  ] LOOP
    IF position(pair[1] IN cut) = 0 THEN
      RAISE EXCEPTION 'store_save_report: % not found', pair[1];
    END IF;
    cut := replace(cut, pair[1], pair[2]);
  END LOOP;
  IF position('evidence' IN cut) > 0 THEN
    RAISE EXCEPTION 'store_save_report still names the evidence column';
  END IF;
  EXECUTE cut;
END
$$;
