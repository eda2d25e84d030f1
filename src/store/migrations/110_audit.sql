-- Audit trail (审计记录): every login, decision, export and admin action — who, when, what, from
-- where. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. src/store/audit.ts.
CREATE TABLE audit_log (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL,             -- username; "cli:<os user>" for the command line; the name tried for a failed login
  actor_name     text NOT NULL DEFAULT '',  -- display name at the time
  role           text,
  action         text NOT NULL,             -- login, login.failed, logout, decision, export, download, user.add, queue.action …
  report_sha256  text,
  finding_id     text,
  batch_id       text,
  detail         jsonb NOT NULL DEFAULT '{}',
  ip             text,
  user_agent     text
);
CREATE INDEX audit_log_report ON audit_log (report_sha256, id) WHERE report_sha256 IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_batch ON audit_log (batch_id, id) WHERE batch_id IS NOT NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only (审计记录只能追加)'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
