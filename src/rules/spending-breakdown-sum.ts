import { breakdownCheck } from './income-breakdown-sum.js';
import { paramsOf, totalBudgetRow } from './lib/forms.js';
import type { Rule } from './types.js';

/** A6 按支出性质分: 基本支出 + 项目支出 = 全年执行数. */
export const rule: Rule = {
  meta: {
    id: 'spending-breakdown-sum',
    version: 1,
    severity: 'error',
    catalogue: 'A6',
    title: { zh: '按支出性质分合计', en: 'Breakdown by spending type adds up' },
    description: {
      zh: '部门整体支出绩效自评表“按支出性质分”的基本支出与项目支出之和应等于全年执行数。',
      en: 'Basic spending plus project spending equals the executed total.',
    },
    formula: '基本支出 + 项目支出 = 全年执行数',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '湖南部门整体支出绩效自评表表样',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const form = report.deptSelfEval;
    const items = form?.budget?.bySpending ?? [];
    const total = form ? totalBudgetRow(form) : null;
    if (!form || !total || items.length === 0) return [];
    return breakdownCheck(form.part, '按支出性质分', 'spending breakdown', items.map((i) => ({ name: i.label.replace(/^其中[:：]?/, '').replace(/[:：]\s*$/, ''), fact: i.amount })), total, p.moneyDecimals, p.family);
  },
};
