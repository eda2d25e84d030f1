import type { NarrativeStat } from '../../schemas/narrative.js';
import { isExact, normalize, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { intervalOf, Rational } from '../numbers/decimal.js';
import { summed } from './lib/parts-intervals.js';
import type { FindingDraft, Rule } from './types.js';

/** C3: a 其中 part is not above its parent ("现有干职工79人，其中在编59人"). */
export const rule: Rule = {
  meta: {
    id: 'narrative-subset-exceeds',
    version: 3,
    severity: 'warning',
    catalogue: 'C3',
    title: { zh: '“其中”分项大于总数', en: 'A 其中 part exceeds its parent' },
    description: {
      zh: '叙述中“其中”所列分项大于其所属的总数（“其中”前一句只写年末结转结余、其后列的是各类支出的，所属总数是再前一句的支出）；以同一精度书写、分项比总数大一个末位单位（“支出76.36万元，其中基本支出76.37万元”）亦为大于。',
      en: 'A part introduced by 其中 is larger than the total it belongs to (kinds of spending listed after a sentence stating only the year-end balance belong to the spending stated before it); a part written one unit of the last digit above its total at the same precision ("支出76.36万元，其中基本支出76.37万元") is larger too.',
    },
    formula: '其中分项 ≤ 总数',
    tolerance: '计数按原值；金额按书写精度的舍入区间 [数值−½末位, 数值+½末位)：分项的下限达到总数的上限即大于总数（同一精度相差一个末位单位亦然）',
    families: 'all',
    source: 'catalogue C3',
  },
  check(report) {
    const byId = new Map(report.statistics.map((s) => [s.id, s]));
    const drafts: FindingDraft[] = [];
    for (const part of report.statistics) {
      if (part.relation !== 'subset' || !part.partOf) continue;
      const total = byId.get(part.partOf);
      if (!total || !isExact(part.figure) || !isExact(total.figure)) continue;
      const p = normalize(part.figure);
      const t = normalize(total.figure);
      if (p.unit !== t.unit) continue;
      const counting = total.dimension === 'count';
      const pLo = counting ? Rational.parse(p.value) : intervalOf(p.value, p.decimals).lo;
      const tHi = counting ? Rational.parse(t.value) : intervalOf(t.value, t.decimals).hi;
      // a rounded figure lies in [v − ½ unit, v + ½ unit): a part whose lowest value is the total's upper bound is above
      // it ("支出76.36万元，其中基本支出76.37万元": the part ≥ 76.365, the total < 76.365)
      if (counting ? pLo.le(tHi) : pLo.lt(tHi)) continue;
      // with two or more 其中 parts in the total's unit, their sum is above the total too and
      // narrative-total-parts reports it once (one cause, one finding) — when their summed rounding intervals
      // lie above the total's; one part a unit of its last digit above it, with zeros beside it, is this rule's
      const siblings = report.statistics.filter((s) => s.partOf === part.partOf && s.relation === 'subset');
      if (siblings.length >= 2 && siblings.every((s) => isExact(s.figure) && normalize(s.figure).unit === t.unit) && summedAbove(total, siblings)) continue;
      drafts.push({
        message: {
          zh: `${placeName(report, total)}称${statPhrase(total)}，其中${statPhrase(part)}，分项大于总数`,
          en: `${placeName(report, total)}: the part ${part.figure.text} (${part.label}) exceeds its total ${total.figure.text}`,
        },
        values: [plain(part.figure), plain(total.figure)],
        evidence: [statEvidence(total, 'total'), statEvidence(part, 'part')],
        expected: `≤ ${t.value}${t.unit ?? ''}`,
        observed: `${p.value}${p.unit ?? ''}`,
        tolerance: counting ? '计数按原值 / counts exact' : '按书写精度±½末位（[数值−½, 数值+½)），分项下限达到总数上限即大于 / ±½ of the last written digit, half-open: a part whose lowest value reaches the total\'s highest is above it',
        part: total.loc.part,
      });
    }
    return drafts;
  },
};

/** Do the 其中 parts' summed rounding intervals lie above the total's, as narrative-total-parts compares them? */
function summedAbove(total: NarrativeStat, parts: readonly NarrativeStat[]): boolean {
  const { tInt, sumInt } = summed(total, parts);
  return sumInt.lo.gt(tInt.hi);
}
