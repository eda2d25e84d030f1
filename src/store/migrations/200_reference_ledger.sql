-- The bureau's own figures (参考台账): one row per department (project '' ) or project and year,
-- amounts in 万元 as decimal text (never floats). Loaded by `selfeval import-reference FILE`
-- (src/bureau/reference-import.ts); an import replaces the rows of the years it holds.
CREATE TABLE reference_imports (
  id           bigserial PRIMARY KEY,
  file_name    text NOT NULL,
  sha256       text NOT NULL,
  years        integer[] NOT NULL,
  row_count    integer NOT NULL,
  actor        text NOT NULL DEFAULT '',
  imported_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE reference_rows (
  year              integer NOT NULL,
  department        text NOT NULL,      -- 部门（单位）名称 as the bureau writes it
  project           text NOT NULL DEFAULT '',  -- 项目名称; '' = the department as a whole
  initial_budget    text,               -- 年初预算数
  full_year_budget  text,               -- 全年预算数 / 调整后预算数
  executed          text,               -- 全年执行数
  department_code   text,
  project_code      text,
  source_row        integer NOT NULL,   -- 1-based row of the imported sheet
  import_id         bigint NOT NULL REFERENCES reference_imports (id),
  PRIMARY KEY (year, department, project)
);

-- Cross-report findings (跨报告核对): against the ledger and last year's report of the same
-- department. Derived data, replaced whole for a report each time its checks run.
CREATE TABLE cross_findings (
  report_sha256  text NOT NULL REFERENCES reports (sha256) ON DELETE CASCADE,
  id             text NOT NULL,
  rule           text NOT NULL,
  severity       text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  message        text NOT NULL,
  finding        jsonb NOT NULL,   -- the Finding (evidence = this report's cells and sentences)
  counterpart    jsonb NOT NULL,   -- the other side: ledger row or last year's report, with locations
  checked_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_sha256, id)
);
CREATE INDEX cross_findings_rule ON cross_findings (rule, severity);
