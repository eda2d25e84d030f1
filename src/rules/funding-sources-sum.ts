import type { BudgetRow } from '../../schemas/records.js';
import { sumFinding } from './lib/sum-finding.js';
import { columnLabel, paramsOf, selfEvalForms, totalBudgetRow } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

const COLUMNS = ['initialBudget', 'fullYearBudget', 'executed', 'arrived'] as const;

/** A4 资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金 (Sichuan: 财政资金 + 财政专户 + 单位资金 + 其他), per column. */
export const rule: Rule = {
  meta: {
    id: 'funding-sources-sum',
    version: 1,
    severity: 'error',
    catalogue: 'A4',
    title: { zh: '资金来源合计', en: 'Funding sources add up' },
    description: {
      zh: '年度资金总额在年初预算数、全年预算数、全年执行数各列应等于各资金来源行（当年财政拨款、上年结转资金、其他资金；四川：财政资金、财政专户管理资金、单位资金、其他资金）之和。',
      en: 'In each budget column, the total funds row equals the sum of its funding-source rows.',
    },
    formula: '年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金（逐列）',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），n个分项的和与总数区间相交即一致：|总数−Σ| ≤ 0.005·(n+1)',
    families: 'all',
    source: '项目支出绩效自评表表样（财预〔2020〕10号）；四川部门预算项目支出绩效自评表',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const total = totalBudgetRow(form);
      const sources = (form.budget?.rows ?? []).filter((r) => r !== total && r.kind !== 'total');
      if (!total || sources.length === 0) continue;
      for (const col of COLUMNS) {
        const t = total[col] ?? null;
        if (!t) continue;
        const d = sumFinding({
          part: form.part,
          totalName: { zh: `「${total.label.replace(/\s+/g, '')}」${columnLabel(form, col)}`, en: `total funds (${col})` },
          total: t,
          parts: sources.map((r: BudgetRow) => ({ name: r.label.replace(/^其中[:：]?/, '').replace(/\s+/g, ''), fact: r[col] ?? null })),
          minDecimals: p.moneyDecimals,
          params: { family: p.family, moneyDecimals: p.moneyDecimals },
        });
        if (d) out.push(d);
      }
    }
    return out;
  },
};
