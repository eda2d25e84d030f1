import {
  restatementAgrees,
  restatementOf,
  restatementTolerance,
  placeName,
  plain,
  printedUnit,
  statEvidence,
  statPhrase,
  targetEvidence,
} from '../narrative/compare.js';
import type { FindingDraft, Rule } from './types.js';

/** A link at or above this confidence is "sure": a disagreement is an error, below it a warning. */
export const SURE_LINK = 0.8;

/**
 * B1: one figure for the same thing agrees everywhere — a narrative figure against the table figure
 * it restates (项目全年执行数, 按支出性质分, 基础数据表 rows, staffing) and against the same
 * statement in another narrative section. Approximate figures are B3's business.
 */
export const rule: Rule = {
  meta: {
    id: 'figure-mismatch',
    version: 1,
    severity: 'error',
    catalogue: 'B1',
    title: { zh: '同一数字前后不一致', en: 'The same figure stated differently' },
    description: {
      zh: '叙述报告中的数字与其复述的表格数字（或另一处叙述）不一致；链接确定时为错误，链接模糊时为警告。',
      en: 'A narrative figure disagrees with the table figure (or other narrative statement) it restates; error when the link is sure, warning when it is fuzzy.',
    },
    formula: '叙述数字 = 被复述的表格数字（同精度须相同，不同精度按舍入区间）',
    tolerance: '同一精度书写须完全相同；不同精度时按书写精度的舍入区间（±½末位）相交即可',
    families: 'all',
    source: '部门整体支出绩效自评报告与自评表须一致（财预〔2020〕10号 自评要求）；catalogue B1',
  },
  check(report) {
    const drafts: FindingDraft[] = [];
    for (const link of report.links) {
      const r = restatementOf(report, link);
      if (!r || restatementAgrees(r.a, r.b)) continue;
      const { stat, target, narrativeTarget, a, b } = r;
      const sure = link.confidence >= SURE_LINK;
      const here = placeName(report, stat);
      const unitB = printedUnit(target, stat.dimension === 'money' ? '万元' : stat.figure.unit);
      const there = narrativeTarget
        ? `${placeName(report, narrativeTarget)}称${statPhrase(narrativeTarget)}`
        : `${link.target.loc.part ?? '表格'}${link.target.measure ?? ''}${target.value}${unitB}`;
      drafts.push({
        severity: sure ? 'error' : 'warning',
        message: {
          zh: `${here}称${statPhrase(stat)}，与${there}不一致${sure ? '' : `（关联置信度 ${link.confidence.toFixed(2)}：${link.reason}）`}`,
          en: `${here} states ${stat.figure.text} (${stat.label}), but ${narrativeTarget ? 'another narrative section' : link.target.loc.part ?? 'the table'} gives ${target.value}${unitB}${sure ? '' : ` (link confidence ${link.confidence.toFixed(2)})`}`,
        },
        values: [plain(stat.figure), plain(target)],
        evidence: [statEvidence(stat, 'narrative'), narrativeTarget ? statEvidence(narrativeTarget, 'restated') : targetEvidence(link, 'table')],
        expected: `${target.value}${unitB}`,
        observed: stat.figure.text.trim(),
        tolerance: restatementTolerance(a, b),
        params: { linkConfidence: link.confidence, linkReason: link.reason, sureLinkThreshold: SURE_LINK },
        part: stat.loc.part,
      });
    }
    return drafts;
  },
};
