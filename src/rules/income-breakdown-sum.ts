import { sumFinding } from './lib/sum-finding.js';
import { isBlank } from './lib/amounts.js';
import { paramsOf, totalBudgetRow } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** A5 按收入性质分: 一般公共预算 + 政府性基金 + 专户非税 + 其他 = 资金总额. */
export const rule: Rule = {
  meta: {
    id: 'income-breakdown-sum',
    version: 1,
    severity: 'error',
    catalogue: 'A5',
    title: { zh: '按收入性质分合计', en: 'Breakdown by income source adds up' },
    description: {
      zh: '部门整体支出绩效自评表“按收入性质分”各项（一般公共预算、政府性基金拨款、纳入专户管理的非税收入拨款、其他资金）之和应等于年度资金总额（全年执行数；与全年预算数相符亦可）。',
      en: 'The breakdown by income source (general budget, government funds, special-account non-tax, other) adds up to the total funds.',
    },
    formula: '一般公共预算 + 政府性基金拨款 + 纳入专户管理的非税收入拨款 + 其他资金 = 年度资金总额',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '湖南部门整体支出绩效自评表表样',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const form = report.deptSelfEval;
    const items = form?.budget?.byIncome ?? [];
    const total = form ? totalBudgetRow(form) : null;
    if (!form || !total || items.length === 0) return [];
    return breakdownCheck(form.part, '按收入性质分', 'income breakdown', items.map((i) => ({ name: i.label.replace(/^其中[:：]?/, '').replace(/[:：]\s*$/, ''), fact: i.amount })), total, p.moneyDecimals, p.family);
  },
};

/** Shared by A5 and A6: the breakdown must match 全年执行数 (or, failing that, 全年预算数). */
export function breakdownCheck(
  part: string,
  nameZh: string,
  nameEn: string,
  parts: Array<{ name: string; fact: import('../../schemas/fact.js').Fact }>,
  total: import('../../schemas/records.js').BudgetRow,
  moneyDecimals: number,
  family: string,
): FindingDraft[] {
  const candidates = [total.executed, total.fullYearBudget].filter((f) => f && !isBlank(f) && f.figure);
  if (candidates.length === 0) return [];
  // Consistent with either 全年执行数 or 全年预算数 is enough (forms differ on which one is meant).
  const drafts = candidates.map((c) =>
    sumFinding({
      part,
      totalName: { zh: `${nameZh}合计对应的年度资金总额${c === total.executed ? '全年执行数' : '全年预算数'}`, en: `total funds (${nameEn})` },
      total: c!,
      parts,
      minDecimals: moneyDecimals,
      params: { family, moneyDecimals },
    }),
  );
  if (drafts.some((d) => d === null)) return [];
  return [drafts[0]!];
}
