import { factEvidence, textEvidence } from './finding.js';
import { factNumber, points } from './lib/amounts.js';
import { columnLabel, indicatorName, reasonPlace, selfEvalForms } from './lib/forms.js';
import { attainment, targetMet } from './lib/targets.js';
import type { FindingDraft, Rule } from './types.js';

/** D8 a missed target or a score below the weight carries a 偏差原因 / 未完成原因. */
export const rule: Rule = {
  meta: {
    id: 'deviation-reason',
    // v3: an indicator named across wrapped lines (财政供养人⏎员控制率) is read lower-is-better as its one-line name is (lib/targets.ts lowerIsBetter).
    version: 3,
    severity: 'error',
    catalogue: 'D8',
    title: { zh: '未达标须填偏差原因', en: 'Missed target needs a deviation reason' },
    description: {
      zh: '实际完成值未达到年度指标值，或得分低于分值的指标，应填写偏差原因分析及改进措施（四川：未完成原因分析）。',
      en: 'An indicator that missed its target or scored below its weight carries a deviation reason.',
    },
    formula: '(未达标 ∨ 得分 < 分值) ⇒ 偏差原因非空',
    tolerance: '目标与实际按书写值精确比较（比较符决定方向）',
    families: 'all',
    source: '自评表表样“偏差原因分析及改进措施”栏（财预〔2020〕10号）',
  },
  check(report) {
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      // a form without a reason column (53号 指标表) cannot give one; a form-level reason row
      // ("偏差大或目标未完成原因分析") answers for every indicator of the form
      if (reasonPlace(form) !== 'row') continue;
      for (const ind of form.indicators) {
        if (ind.notApplicable || ind.reason.text.trim()) continue;
        const at = attainment(ind);
        const w = points(ind.weight);
        const s = points(ind.score);
        const missed = at?.status === 'missed';
        const below = !!(w && s && s.lt(w));
        if (!missed && !below) continue;
        // a met target scored below its weight (D6's case) is this finding too — one cause, one finding —
        // and says so: the deduction needs its reason as much as a miss does
        const metNote = !missed && targetMet(ind) ? { zh: `（${columnLabel(form, 'actual')}已达到${columnLabel(form, 'target')}）`, en: ' (the target was met)' } : { zh: '', en: '' };
        const why = missed
          ? { zh: `${columnLabel(form, 'actual')}${ind.actual.text.trim()}未达到${columnLabel(form, 'target')}${ind.target.text.trim()}`, en: `actual ${ind.actual.text.trim()} misses target ${ind.target.text.trim()}` }
          : { zh: `得分${ind.score.text.trim()}低于分值${ind.weight.text.trim()}${metNote.zh}`, en: `score ${ind.score.text.trim()} below weight ${ind.weight.text.trim()}${metNote.en}` };
        const scoreNote = missed && w && s && !s.lt(w) ? { zh: `（仍得满分${ind.score.text.trim()}）`, en: ` (still full marks ${ind.score.text.trim()})` } : { zh: '', en: '' };
        out.push({
          message: {
            zh: `${form.part}指标${indicatorName(ind)}${why.zh}${scoreNote.zh}，但${columnLabel(form, 'reason')}为空`,
            en: `${form.part} indicator ${indicatorName(ind)}: ${why.en}${scoreNote.en}, but no deviation reason is given`,
          },
          values: missed ? [at!.targetValue.toNumber(), at!.actualValue.toNumber()] : [factNumber(ind.weight)!, factNumber(ind.score)!],
          evidence: [
            factEvidence(ind.target, 'target'),
            factEvidence(ind.actual, 'actual'),
            factEvidence(ind.score, 'score'),
            // a score below the weight rests on the weight too (read unsurely under a misread label: a warning)
            ...(missed ? [] : [factEvidence(ind.weight, 'weight')]),
            textEvidence(ind.reason, 'reason'),
          ],
          expected: '偏差原因分析及改进措施非空',
          observed: '（空）',
          tolerance: null,
          missing: [`${indicatorName(ind)} ${columnLabel(form, 'reason')}`],
          part: form.part,
        });
      }
    }
    return out;
  },
};
