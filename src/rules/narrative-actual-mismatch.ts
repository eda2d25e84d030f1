import { restatementAgrees, restatementTolerance, isExact, normalize, placeName, plain, statEvidence, statPhrase, statsById, targetEvidence } from '../narrative/compare.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * B2: a statistic in the narrative agrees with the 实际完成值 of the indicator that measures the
 * same thing ("公开招标项目共计14个" vs 做好公开招标项目监管 实际完成值 15个). Whether the two
 * measure the same thing is a judgement (names differ), so a disagreement is a warning.
 */
export const rule: Rule = {
  meta: {
    id: 'narrative-actual-mismatch',
    version: 2,
    severity: 'warning',
    catalogue: 'B2',
    title: { zh: '叙述数字与指标实际完成值不一致', en: 'Narrative figure disagrees with the indicator actual' },
    description: {
      zh: '叙述报告中的统计数字与同一度量的绩效指标实际完成值不一致（按名称相似度关联，需人工判断）。项目报告未能认出所属项目时，若文中仅有一份项目报告和一份项目自评表（无部门整体自评表），按结构对应该表（配对依据注明，置信度降低）；由段落重建的自评表自身的文字不作叙述复述。',
      en: 'A narrative statistic disagrees with the actual value of the indicator measuring the same thing (linked by name similarity; needs judgement). A project report whose project is not told is paired with the document’s only project form when it is the only project report (no department form), at a lower confidence; a form rebuilt from a paragraph is not its own restatement.',
    },
    formula: '叙述统计值 = 指标实际完成值（同单位）',
    tolerance: '计数须相等；有小数时按书写精度的舍入区间相交即可',
    families: 'all',
    source: 'catalogue B2',
  },
  check(report) {
    const byId = statsById(report);
    const drafts: FindingDraft[] = [];
    for (const link of report.links) {
      if (link.basis !== 'indicator-actual') continue;
      const stat = byId.get(link.statId);
      const actual = link.target.figure;
      if (!stat || !actual || !isExact(stat.figure) || !isExact(actual) || stat.mention === 'slogan') continue;
      const a = normalize(stat.figure);
      const b = normalize(actual);
      if (a.unit !== b.unit) continue;
      if (restatementAgrees(a, b)) continue;
      const indicator = link.target.measure ?? '指标实际完成值';
      drafts.push({
        message: {
          zh: `${placeName(report, stat)}称${statPhrase(stat)}，而${link.target.loc.part ?? '自评表'}${indicator}为${actual.text || `${actual.value}${actual.unit ?? ''}`}，两者可能为同一度量（${link.reason}），请核对`,
          en: `${placeName(report, stat)} states ${stat.figure.text} (${stat.label}) but the indicator actual in ${link.target.loc.part ?? 'the form'} is ${actual.value}${actual.unit ?? ''}; they may measure the same thing (similarity-based link)`,
        },
        values: [plain(stat.figure), plain(actual)],
        evidence: [statEvidence(stat, 'narrative'), targetEvidence(link, 'actual')],
        expected: `${actual.value}${actual.unit ?? ''}`,
        observed: stat.figure.text.trim(),
        tolerance: restatementTolerance(a, b),
        params: { linkConfidence: link.confidence, linkReason: link.reason },
        part: stat.loc.part,
      });
    }
    return drafts;
  },
};
