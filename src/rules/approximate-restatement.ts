import { isExact, normalize, placeName, plain, statEvidence, statPhrase, statsById, targetEvidence } from '../narrative/compare.js';
import { Rational } from '../numbers/decimal.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * B3: an approximate figure (约, 余, 多, 左右, 以上 …) restated elsewhere with a different written
 * value ("930余处" in one section, "932余处" in another). Open intervals rarely contradict strictly,
 * so this is hygiene: info.
 */
export const rule: Rule = {
  meta: {
    id: 'approximate-restatement',
    version: 1,
    severity: 'info',
    catalogue: 'B3',
    title: { zh: '约数复述不一致', en: 'Approximate restatements differ' },
    description: {
      zh: '同一约数（约、余、多、左右、以上等）在不同处书写的数值不同。',
      en: 'The same approximate figure (约, 余, 多, 左右, 以上 …) is written with different values in different places.',
    },
    formula: '同一约数的书写值在各处相同',
    tolerance: '约数为单侧或开区间，不按舍入判断；书写值不同即提示',
    families: 'all',
    source: 'catalogue B3',
  },
  check(report) {
    const byId = statsById(report);
    const drafts: FindingDraft[] = [];
    for (const link of report.links) {
      if (link.basis === 'indicator-actual') continue;
      const stat = byId.get(link.statId);
      const other = link.target.figure;
      if (!stat || !other || stat.mention === 'slogan') continue;
      if (isExact(stat.figure) && isExact(other)) continue; // exact restatements: figure-mismatch
      const a = normalize(stat.figure);
      const b = normalize(other, stat.dimension === 'money' ? '万元' : stat.normalizedUnit);
      if (a.unit !== b.unit || Rational.parse(a.value).eq(Rational.parse(b.value))) continue;
      const narrativeTarget = link.target.kind === 'narrative' ? byId.get(link.target.ref) : undefined;
      const there = narrativeTarget ? `${placeName(report, narrativeTarget)}称${statPhrase(narrativeTarget)}` : `${link.target.loc.part ?? '表格'}${link.target.measure ?? ''}${link.target.text}`;
      drafts.push({
        message: {
          zh: `${placeName(report, stat)}称${statPhrase(stat)}，${there}，约数的书写值不同，请核对`,
          en: `${placeName(report, stat)} states ${stat.figure.text}, elsewhere ${other.text || other.value}: approximate figures written differently`,
        },
        values: [plain(stat.figure), plain(other)],
        evidence: [statEvidence(stat, 'narrative'), narrativeTarget ? statEvidence(narrativeTarget, 'restated') : targetEvidence(link, 'table')],
        expected: other.text || other.value,
        observed: stat.figure.text.trim(),
        tolerance: '约数不作舍入比较，书写值不同即提示 / approximate: flagged when written values differ',
        params: { linkConfidence: link.confidence, linkReason: link.reason },
        part: stat.loc.part,
      });
    }
    return drafts;
  },
};
