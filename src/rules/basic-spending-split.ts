import type { Fact } from '../../schemas/fact.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import { normalize } from '../narrative/compare.js';
import { sumFinding } from './lib/sum-finding.js';
import { paramsOf } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * A narrative money figure as a Fact in 万元 (the forms' unit), so it can join a sum with table facts:
 * "人员经费5726100元" is 572.61万元, not 5726100 of the form's 592.17.
 */
function statFact(s: NarrativeStat): Fact {
  const n = normalize(s.figure, '万元');
  const figure = n.unit === '万元' && s.figure.unit !== '万元' && !n.coarse ? { ...s.figure, value: n.value, decimals: Math.max(0, n.decimals), unit: '万元' } : s.figure;
  return { text: s.figure.text, figure, loc: s.loc };
}

function findStat(stats: NarrativeStat[], re: RegExp): NarrativeStat | null {
  return stats.find((s) => s.dimension === 'money' && re.test(s.label) && !s.figure.approximate) ?? null;
}

/** A7 基本支出 = 人员经费 + 公用经费 (the split is usually stated in the narrative). */
export const rule: Rule = {
  meta: {
    id: 'basic-spending-split',
    version: 2,
    severity: 'error',
    catalogue: 'A7',
    title: { zh: '基本支出＝人员经费＋公用经费', en: 'Basic spending = personnel + public costs' },
    description: {
      zh: '基本支出应等于人员经费与公用经费之和；基本支出取自评表“按支出性质分”（无则取报告文字），人员经费、公用经费取自报告文字（以元或亿元书写的换算为万元）。',
      en: 'Basic spending equals personnel costs plus public (operating) costs; figures from the form and the narrative.',
    },
    formula: '基本支出 = 人员经费 + 公用经费',
    tolerance: '每个金额按书写精度±½末位（万元整数视为两位小数），区间相交即一致',
    families: 'all',
    source: '部门决算口径；湖南部门整体支出绩效自评报告“基本支出情况”',
    parameters: ['moneyDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const stats = report.statistics;
    const personnel = findStat(stats, /人员经费/);
    const publicCost = findStat(stats, /公用经费/);
    if (!personnel || !publicCost) return [];
    const tableBasic = report.deptSelfEval?.budget?.bySpending.find((i) => i.key === 'basic')?.amount ?? null;
    const narrativeBasic = findStat(stats, /基本支出/);
    const total = tableBasic && tableBasic.figure ? tableBasic : narrativeBasic ? statFact(narrativeBasic) : null;
    if (!total) return [];
    const d: FindingDraft | null = sumFinding({
      part: tableBasic ? (report.deptSelfEval?.part ?? '部门整体支出绩效自评表') : (narrativeBasic?.loc.part ?? '报告'),
      totalName: { zh: '基本支出', en: 'basic spending' },
      total,
      parts: [
        { name: '人员经费', fact: statFact(personnel) },
        { name: '公用经费', fact: statFact(publicCost) },
      ],
      minDecimals: p.moneyDecimals,
      params: { family: p.family, moneyDecimals: p.moneyDecimals },
    });
    return d ? [d] : [];
  },
};
