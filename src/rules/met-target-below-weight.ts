import { factEvidence } from './finding.js';
import { factNumber, points } from './lib/amounts.js';
import { indicatorName, reasonPlace, selfEvalForms } from './lib/forms.js';
import { targetMet } from './lib/targets.js';
import type { FindingDraft, Rule } from './types.js';

/** D6 a met target scored below its weight without a reason. */
export const rule: Rule = {
  meta: {
    id: 'met-target-below-weight',
    // v3: an indicator named across wrapped lines (财政供养人⏎员控制率) is read lower-is-better as its one-line name is (lib/targets.ts lowerIsBetter).
    version: 3,
    severity: 'info',
    catalogue: 'D6',
    title: { zh: '已达标却未得满分', en: 'Met target scored below weight' },
    description: {
      zh: '实际完成值已达到年度指标值（定量按比较符判断，定性按文字相同），得分却低于分值且未说明原因；仅用于没有偏差原因栏的表（有原因栏时由“未达标须填偏差原因”一项报告，避免一事两报）。',
      en: 'The actual meets the target but the score is below the weight and no reason is given; only on forms without a reason column (elsewhere deviation-reason reports it, one cause one finding).',
    },
    formula: '达标 ∧ 得分 < 分值 ∧ 偏差原因为空',
    tolerance: '精确比较',
    families: 'all',
    source: '财预〔2020〕10号 评分说明',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      // where the form asks for a reason per indicator, deviation-reason (D8) reports the unexplained
      // deduction (naming the met target); where one reason row answers for the form, it is explained —
      // only a form with no reason column at all leaves the met-but-deducted score to this rule
      if (reasonPlace(form) !== 'none') continue;
      for (const ind of form.indicators) {
        if (ind.notApplicable || ind.reason.text.trim()) continue;
        const w = points(ind.weight);
        const s = points(ind.score);
        if (!w || !s || !s.lt(w)) continue;
        if (!targetMet(ind)) continue;
        out.push({
          message: {
            zh: `${form.part}指标${indicatorName(ind)}实际完成值${ind.actual.text.trim()}已达到年度指标值${ind.target.text.trim()}，得分${ind.score.text.trim()}低于分值${ind.weight.text.trim()}，未说明原因`,
            en: `${form.part} indicator ${indicatorName(ind)}: target met (${ind.actual.text.trim()} vs ${ind.target.text.trim()}) but scored ${ind.score.text.trim()} of ${ind.weight.text.trim()} without a reason`,
          },
          values: [factNumber(ind.score)!, factNumber(ind.weight)!],
          evidence: [factEvidence(ind.target, 'target'), factEvidence(ind.actual, 'actual'), factEvidence(ind.weight, 'weight'), factEvidence(ind.score, 'score')],
          expected: ind.weight.text.trim(),
          observed: ind.score.text.trim(),
          tolerance: '0（精确）',
          part: form.part,
        });
      }
    }
    return out;
  },
};
