-- selfeval store, schema version 1. The same SQL runs on PostgreSQL and on embedded PGlite.

-- Original submissions (报送文件原件), keyed by content hash: any worker on any machine fetches the
-- bytes from here, and no submission is ever lost.
CREATE TABLE files (
  sha256       text PRIMARY KEY,
  bytes        bytea NOT NULL,
  size         integer NOT NULL,
  first_name   text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);

-- A batch (批次): one enqueue / nightly intake / reprocess / extract --db run.
CREATE TABLE batches (
  id             text PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('enqueue', 'nightly', 'reprocess', 'extract')),
  source         text,
  rules_version  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- Set in the transaction that settles the batch's last item.
  finished_at    timestamptz
);
CREATE INDEX batches_created ON batches (created_at DESC);

-- One row per file received in a batch (a duplicate file is its own item, same sha256).
CREATE TABLE batch_items (
  batch_id     text NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  item         integer NOT NULL,
  file_name    text NOT NULL,
  sha256       text,                -- null when the file could not be read
  status       text NOT NULL CHECK (status IN ('queued', 'ok', 'error')),
  error_code   text,
  finished_at  timestamptz,
  PRIMARY KEY (batch_id, item)
);
CREATE INDEX batch_items_sha256 ON batch_items (sha256);
CREATE INDEX batch_items_queued ON batch_items (sha256) WHERE status = 'queued';

-- One row per distinct report (by sha256): the latest processing of it.
CREATE TABLE reports (
  sha256              text PRIMARY KEY,
  file_name           text NOT NULL,
  file_names          text[] NOT NULL DEFAULT '{}',
  department          text,          -- 部门（单位）名称
  year                integer,       -- 年度
  family              text,          -- template family
  format              text,          -- docx | doc | pdf
  status              text NOT NULL CHECK (status IN ('ok', 'error')),
  error_code          text,
  error_message       text,
  rules_version       text NOT NULL,
  run                 integer NOT NULL,
  timings             jsonb NOT NULL DEFAULT '{}',
  findings_error      integer NOT NULL DEFAULT 0,
  findings_warning    integer NOT NULL DEFAULT 0,
  findings_info       integer NOT NULL DEFAULT 0,
  result              jsonb NOT NULL,  -- the output contract's Result
  document            jsonb,           -- the DocumentModel (the reviewer UI renders source tables from it)
  first_processed_at  timestamptz NOT NULL DEFAULT now(),
  processed_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_status ON reports (status, sha256);
CREATE INDEX reports_department ON reports (department, sha256);
CREATE INDEX reports_processed ON reports (processed_at DESC, sha256);

-- Every processing of a report. (sha256, run_key) is unique: a job picked up again after a worker
-- died stores nothing twice.
CREATE TABLE report_runs (
  sha256              text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  run                 integer NOT NULL,
  run_key             text NOT NULL,
  batch_id            text REFERENCES batches (id) ON DELETE SET NULL,
  rules_version       text NOT NULL,
  status              text NOT NULL,
  error_code          text,
  findings_new        integer NOT NULL DEFAULT 0,
  findings_unchanged  integer NOT NULL DEFAULT 0,
  findings_gone       integer NOT NULL DEFAULT 0,
  timings             jsonb NOT NULL DEFAULT '{}',
  processed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, run),
  UNIQUE (sha256, run_key)
);
CREATE INDEX report_runs_batch ON report_runs (batch_id);

-- Findings (发现的问题) by stable id. A finding is current while gone_run is null; it is "new" in the
-- run it was first seen in, "gone" in the run it stopped appearing in.
CREATE TABLE findings (
  report_sha256   text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  id              text NOT NULL,
  rule            text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message         text NOT NULL,
  message_en      text,
  part            text,
  numbers         jsonb NOT NULL,    -- the Finding's values[]
  evidence        jsonb NOT NULL,
  finding         jsonb NOT NULL,    -- the whole Finding object
  first_seen_run  integer NOT NULL,
  last_seen_run   integer NOT NULL,
  gone_run        integer,
  first_seen_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_sha256, id)
);
CREATE INDEX findings_rule ON findings (rule, severity);
CREATE INDEX findings_severity ON findings (severity, report_sha256);

-- Reviewer decisions (审核意见), keyed by the finding's stable id so they survive re-processing.
CREATE TABLE reviews (
  report_sha256  text NOT NULL,
  finding_id     text NOT NULL,
  status         text NOT NULL CHECK (status IN ('confirmed', 'dismissed', 'fixed')),
  note           text NOT NULL DEFAULT '',
  reviewer       text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_sha256, finding_id)
);
CREATE INDEX reviews_status ON reviews (status);
