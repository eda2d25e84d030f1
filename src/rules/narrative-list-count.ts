import { isExact, placeName, plain, statEvidence, statPhrase } from '../narrative/compare.js';
import { Rational } from '../numbers/decimal.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * C2: an announced count matches the list that goes with it ("分定期检查和不定期抽查两种形式",
 * "3项（A、B、C）"). With 等 the list is open: only a list longer than the count is flagged.
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-list-count',
    version: 2,
    severity: 'warning',
    catalogue: 'C2',
    title: { zh: '所述个数与所列项数不符', en: 'Announced count differs from the list length' },
    description: {
      zh: '叙述中宣布的个数（如“两种形式”“3项（…）”）与随后或之前列出的项数不符。',
      en: 'A count announced in the prose ("两种形式", "3项（…）") differs from the number of items listed with it.',
    },
    formula: '所述个数 = 所列项数',
    tolerance: '计数须相等；列表含“等”时仅在所列项多于所述个数时提示；列表以“、”等分隔符结尾而无下文（页面截断）时不计',
    families: 'all',
    source: 'catalogue C2',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    for (const s of report.statistics) {
      if (s.listLength == null || s.dimension !== 'count' || !isExact(s.figure) || s.mention === 'slogan') continue;
      const n = Rational.parse(s.figure.value);
      const len = Rational.of(s.listLength);
      if (n.eq(len) || (s.openList && len.lt(n))) continue;
      drafts.push({
        message: {
          zh: `${placeName(report, s)}称${statPhrase(s)}，但所列为${s.listLength}项${s.openList ? '（列表含“等”）' : ''}`,
          en: `${placeName(report, s)} announces ${s.figure.text} but lists ${s.listLength} items`,
        },
        values: [plain(s.figure), s.listLength],
        evidence: [statEvidence(s, 'count')],
        expected: `${s.listLength}`,
        observed: s.figure.value,
        tolerance: '计数须相等 / counts must be equal',
        params: { openList: s.openList },
        part: s.loc.part,
      });
    }
    return drafts;
  },
};
