-- The overview's figures per report (src/bureau/scores.ts): self-assessed total score, the score
-- recomputed by the rules' formulas, the execution rate; decimal text. Derived from the stored
-- result, rebuilt when the report's run changes.
CREATE TABLE report_scores (
  sha256              text PRIMARY KEY REFERENCES reports (sha256) ON DELETE CASCADE,
  run                 integer NOT NULL,
  self_score          text,      -- 总分 as written in the 部门整体支出绩效自评表
  recomputed_score    text,      -- 重算得分
  recomputed_items    integer NOT NULL DEFAULT 0,   -- rows whose score was recomputed (execution row, quantitative indicators)
  scored_items        integer NOT NULL DEFAULT 0,   -- rows that make up the total
  execution_rate      text,      -- 执行率 % = 全年执行数 ÷ 全年预算数 × 100
  score_form          text       -- which form the scores come from
);
