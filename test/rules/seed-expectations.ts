/**
 * What the rules must say about the seed report (shared/seeds/000_…txt), confirmed by reading the
 * text by hand — used on the real samples (seed.test.ts) and on the hand-built records
 * (seed-records.test.ts).
 */
import type { Finding } from '../../schemas/finding.js';

export const DEPT = '部门整体支出绩效自评表';
export const BASIC = '部门整体支出绩效评价基础数据表';
export const QUALITY = '项目支出绩效自评表（质量安全监督管专项）';
export const BIDDING = '项目支出绩效自评表（招投标监督管理专项）';
export const WORK = '项目支出绩效自评表（工作经费）';

export interface Expected {
  rule: string;
  severity: Finding['severity'];
  part: string;
  values: number[];
  /** Why this is a real inconsistency of the seed. */
  why: string;
  /** Only on the real documents (the hand-built records have no narrative). */
  needsDocument?: boolean;
}

/**
 * Every error and warning of the table rules on the seed (narrative rules B/C are tested by their owner).
 * Not here: 60个 vs 27个 scored 0.5 of 1 (formula 0.45) — right at the one decimal it is written with,
 * so quantitative-score reports it as info (test/rules/cases/quantitative-score.cases.ts).
 */
export const CONFIRMED: Expected[] = [
  { rule: 'budget-change-reason', severity: 'warning', part: WORK, values: [325, 334.74], why: '年初预算数325 ≠ 全年预算数334.74, no reason on the form' },
  { rule: 'group-weights', severity: 'error', part: WORK, values: [30, 40], why: '效益指标(30分): 10 + 5 + 5 + 10 + 10 = 40' },
  { rule: 'group-weights', severity: 'error', part: WORK, values: [20, 10], why: '成本指标（20分）: 10 + 不适用 + 不适用 = 10' },
  { rule: 'quantitative-score', severity: 'warning', part: DEPT, values: [1, 0.9375], why: '16个 vs 15个 scored full 1' },
  { rule: 'quantitative-score', severity: 'warning', part: BIDDING, values: [10, 9.375], why: '16个 vs 15个 scored full 10' },
  { rule: 'quantitative-score', severity: 'warning', part: WORK, values: [1, 0.9375], why: '16个 vs 15个 scored full 1' },
  { rule: 'deviation-reason', severity: 'error', part: DEPT, values: [16, 15], why: '16个 target, 15个 actual, no 偏差原因' },
  { rule: 'deviation-reason', severity: 'error', part: BIDDING, values: [16, 15], why: '16个 target, 15个 actual, no 偏差原因' },
  { rule: 'deviation-reason', severity: 'error', part: WORK, values: [16, 15], why: '16个 target, 15个 actual, no 偏差原因' },
  { rule: 'three-public-sum', severity: 'warning', part: BASIC, values: [0.12, 5.8, 0], why: '“三公”经费 total row blank while 公务接待 0.12 / 5.8 is filled' },
  { rule: 'special-fund-rows', severity: 'warning', part: BASIC, values: [12.52, 25, 359.74], why: '项目支出 parent row blank while 县级专项资金 is filled' },
  { rule: 'special-fund-rows', severity: 'warning', part: BASIC, values: [19.75, 29, 32.73], why: '公用经费 row blank while its 其中 rows are filled' },
  { rule: 'special-fund-rows', severity: 'error', part: BASIC, values: [20, 5], why: '基础数据表 招投标监督管理专项 20 vs its project table 5 (the two fund rows are swapped)' },
  { rule: 'special-fund-rows', severity: 'warning', part: BASIC, values: [5, 20], why: '基础数据表 质量安全监督管理专项 5 vs project table 质量安全监督管专项 20 (similar name)' },
  { rule: 'required-cells', severity: 'error', part: BIDDING, values: [], why: '总分 得分 blank' },
];

/** Confirmed info findings (hygiene): each must be present; other infos may exist. */
export const CONFIRMED_INFO: Array<{ rule: string; part: string; includes: string }> = [
  { rule: 'budget-change-reason', part: DEPT, includes: '财政追加预算' },
  { rule: 'required-cells', part: WORK, includes: '填表人' },
  { rule: 'digits-in-words', part: WORK, includes: '促进建10筑产业10绿色发展5' },
  { rule: 'digits-in-words', part: WORK, includes: '建筑市5场平稳10有序发展' },
  { rule: 'carried-forward', part: BASIC, includes: '政府采购金额' },
  { rule: 'entity-names', part: BASIC, includes: '质量安全监督管理专项' },
  { rule: 'measure-readable', part: WORK, includes: '办理项目竣工验收率' },
  { rule: 'copied-indicators', part: WORK, includes: '部门整体支出绩效自评表' },
];

/** Rules whose error/warning findings on the seed must be exactly CONFIRMED (the narrative rules are not). */
export const TABLE_RULES = [
  'execution-rate', 'execution-score', 'budget-change-reason', 'funding-sources-sum', 'income-breakdown-sum',
  'spending-breakdown-sum', 'basic-spending-split', 'project-total', 'overspend-reason', 'stated-unit', 'score-range', 'group-weights',
  'weight-totals', 'total-score', 'quantitative-score', 'met-target-below-weight', 'qualitative-band', 'deviation-reason',
  'measure-readable', 'copied-indicators', 'staffing-control-rate', 'three-public-sum', 'building-control-rates',
  'three-public-change-rate', 'special-fund-rows', 'carried-forward', 'required-cells', 'template-leftovers',
  'entity-names', 'year-consistency', 'coverage', 'digits-in-words', 'split-numbers', 'section-numbering',
  'normalized-text', 'parse-issues',
];

/**
 * Things in the seed that DO add up: no error or warning may name them. `total` is the printed
 * total/rate cell text (evidence role total/rate); `keyword` a phrase such a finding would contain.
 */
export interface TrueRelation {
  what: string;
  rule: string;
  part: string;
  total?: string;
  keyword?: string;
  needsDocument?: boolean;
}

export const TRUE_RELATIONS: TrueRelation[] = [
  { what: '885.94 + 0 + 0 + 65.96 = 951.90 (按收入性质分)', rule: 'income-breakdown-sum', part: DEPT },
  { what: '592.17 + 359.73 = 951.90 (按支出性质分)', rule: 'spending-breakdown-sum', part: DEPT },
  { what: '59 ÷ 61 = 96.72% (控制率)', rule: 'staffing-control-rate', part: BASIC },
  { what: '951.90 ÷ 951.90 = 100% (部门整体 执行率)', rule: 'execution-rate', part: DEPT },
  { what: '20 ÷ 20 = 100% (质量安全 执行率)', rule: 'execution-rate', part: QUALITY },
  { what: '5 ÷ 5 = 100% (招投标 执行率)', rule: 'execution-rate', part: BIDDING },
  { what: '334.74 ÷ 334.74 = 100% (工作经费 执行率)', rule: 'execution-rate', part: WORK },
  { what: '20 = 20 + 0 + 0 (质量安全 资金来源, every column)', rule: 'funding-sources-sum', part: QUALITY },
  { what: '5 = 5 + 0 + 0 (招投标 资金来源)', rule: 'funding-sources-sum', part: BIDDING },
  { what: '334.74 = 334.74 + 0 + 0 and 325 = 325 + 0 + 0 (工作经费 资金来源)', rule: 'funding-sources-sum', part: WORK },
  { what: '县级专项资金 359.74 = 5 + 20 + 334.74', rule: 'special-fund-rows', part: BASIC, total: '359.74' },
  { what: '县级专项资金 2023年预算数 25 = 5 + 20', rule: 'special-fund-rows', part: BASIC, total: '25' },
  { what: '县级专项资金 2022年决算数 12.52 = 智慧平台 12.52', rule: 'special-fund-rows', part: BASIC, total: '12.52' },
  { what: '工作经费 fund row 334.74 = its project table 334.74', rule: 'special-fund-rows', part: BASIC, keyword: '「工作经费」' },
  { what: '公务用车 0 = 公车购置 0 + 公车运行维护 0', rule: 'three-public-sum', part: BASIC, keyword: '公务用车购置和维护经费」' },
  { what: '项目支出 359.73 ≈ 20 + 5 + 334.74 = 359.74 (rounding)', rule: 'project-total', part: DEPT },
  { what: '基本支出 592.17 = 人员经费 572.61 + 公用经费 19.56', rule: 'basic-spending-split', part: DEPT, needsDocument: true },
  { what: '产出指标(30分) weights add to 30 in all four tables', rule: 'group-weights', part: WORK, keyword: '「产出指标」' },
  { what: '部门整体: 效益 30, 满意度 10, 成本 20', rule: 'group-weights', part: DEPT },
  { what: '质量安全: 产出 30 = 4+3+3+5+5+10, 效益 30, 成本 20', rule: 'group-weights', part: QUALITY },
  { what: '招投标: 产出 30, 效益 30, 成本 20', rule: 'group-weights', part: BIDDING },
  { what: '部门整体 总分 99.5 = 10 + Σ scores', rule: 'total-score', part: DEPT },
  { what: '工作经费 总分 99.5 = 10 + Σ scores', rule: 'total-score', part: WORK },
  { what: '质量安全 总分 100 = 10 + Σ scores', rule: 'total-score', part: QUALITY },
  { what: '总分 分值 100 = 10 + 90 (every table)', rule: 'weight-totals', part: DEPT },
  { what: '工作经费 总分 分值 100 = 10 + 30 + 40 + 10 + 10', rule: 'weight-totals', part: WORK },
  { what: 'execution score 10 = 10 × min(100%, 1)', rule: 'execution-score', part: WORK },
  { what: 'every score ≤ its weight', rule: 'score-range', part: DEPT },
  { what: 'every title says 2023', rule: 'year-consistency', part: WORK },
];

/** The error/warning findings that would mean a true relation was flagged. */
export function violations(findings: Finding[], r: TrueRelation): Finding[] {
  return findings.filter(
    (f) =>
      f.severity !== 'info' &&
      f.rule === r.rule &&
      f.part === r.part &&
      (!r.total || f.evidence.some((e) => (e.role === 'total' || e.role === 'rate') && e.text.trim() === r.total)) &&
      (!r.keyword || f.message.includes(r.keyword)),
  );
}

export function key(f: { rule: string; severity: string; part: string | null; values: number[] }): string {
  return `${f.severity} ${f.rule} @${f.part} ${JSON.stringify(f.values)}`;
}
