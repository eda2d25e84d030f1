import type { NarrativeStat } from '../../schemas/narrative.js';
import { copiedClausePairs, factIndex, restatementGroups } from '../facts/index.js';
import { isExact, normalize, placeName, plain, statEvidence, statPhrase, statsById, targetEvidence } from '../narrative/compare.js';
import { Rational } from '../numbers/decimal.js';
import { WARN_PAIR } from './lib/cross-part.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * B3 / X3: an approximate figure (约, 余, 多, 左右, 以上 …) restated elsewhere with a different written
 * value ("930余处" in the department report, "932余处" in the 质量安全 project report). Open
 * intervals rarely contradict strictly, but when the clause was copied (same measure, clauses alike,
 * two other figures repeated unchanged) the writer changed the number, not the precision: a warning.
 * Restatements linked otherwise (a fuzzier link) stay hygiene: info. Statements repeated unchanged
 * (the same paragraph in two reports) are one fact: one finding per pair of differing statements.
 */
export const rule: Rule = {
  meta: {
    id: 'approximate-restatement',
    version: 2,
    severity: 'info',
    catalogue: 'B3',
    title: { zh: '约数复述不一致', en: 'Approximate restatements differ' },
    description: {
      zh: '同一约数（约、余、多、左右、以上等）在不同处书写的数值不同；照抄的句子（同一度量、句子相似、另有两个数字一致）改了数字为警告，其余为提示。',
      en: 'The same approximate figure (约, 余, 多, 左右, 以上 …) is written with different values in different places; a copied clause with a changed number is a warning.',
    },
    formula: '同一约数的书写值在各处相同',
    tolerance: '约数为单侧或开区间，不按舍入判断；书写值不同即提示',
    families: 'all',
    source: 'catalogue B3；issue 19 class 3',
  },
  check(report) {
    const byId = statsById(report);
    const group = restatementGroups(report);
    const drafts: FindingDraft[] = [];
    const seen = new Set<string>();
    const once = (a: NarrativeStat, b: NarrativeStat) => {
      const ga = group.get(a.id) ?? a.id;
      const gb = group.get(b.id) ?? b.id;
      const key = ga < gb ? `${ga}|${gb}` : `${gb}|${ga}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    };
    // copied clauses from the fact index: warning when the pairing is sure
    for (const pair of copiedClausePairs(factIndex(report))) {
      const [a, b] = [pair.a.stat!, pair.b.stat!];
      if (isExact(a.figure) && isExact(b.figure)) continue; // exact restatements: figure-mismatch
      if (Rational.parse(pair.a.statement.value).eq(Rational.parse(pair.b.statement.value))) continue;
      if (!once(a, b)) continue;
      const sure = pair.confidence >= WARN_PAIR;
      drafts.push({
        severity: sure ? 'warning' : 'info',
        message: {
          zh: `${placeName(report, a)}称${statPhrase(a)}，${placeName(report, b)}称${statPhrase(b)}，同一句式复述时数字被改动（配对依据：${pair.reasons.join('，')}）`,
          en: `${placeName(report, a)} states ${a.figure.text}, ${placeName(report, b)} states ${b.figure.text}: the same clause restated with a changed number`,
        },
        values: [plain(a.figure), plain(b.figure)],
        evidence: [statEvidence(a, 'narrative'), statEvidence(b, 'restated')],
        expected: a.figure.text.trim(),
        observed: b.figure.text.trim(),
        tolerance: '约数不作舍入比较，书写值不同即提示 / approximate: flagged when written values differ',
        params: { pairConfidence: pair.confidence, pairReasons: pair.reasons, warnAtConfidence: WARN_PAIR },
        part: a.loc.part,
      });
    }
    // restatements linked by the narrative links (src/narrative/link.ts): hygiene
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
      if (narrativeTarget && !once(stat, narrativeTarget)) continue;
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
