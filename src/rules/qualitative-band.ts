import { Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { factNumber, points } from './lib/amounts.js';
import { indicatorName, paramsOf, selfEvalForms } from './lib/forms.js';
import type { FindingDraft, Rule } from './types.js';

/** D7 qualitative scores fall in the band of their wording (达成 80–100%, 部分达成 60–80%, 未达成 0–60%). */
export const rule: Rule = {
  meta: {
    id: 'qualitative-band',
    version: 1,
    severity: 'info',
    catalogue: 'D7',
    title: { zh: '定性指标得分档次', en: 'Qualitative score band' },
    description: {
      zh: '定性指标的得分占分值的比例应落在实际完成情况措辞对应的档次：达成/完成 80%–100%，部分达成/基本完成 60%–80%，未达成 0–60%。',
      en: 'A qualitative indicator’s score share falls in the band of its wording: achieved 80–100%, partly 60–80%, not achieved 0–60%.',
    },
    formula: '得分 ÷ 分值 ∈ 措辞档次区间',
    tolerance: '档次边界包含在内',
    families: 'all',
    source: '财预〔2020〕10号 附件“定性指标”评分档次',
    parameters: ['qualitativeBands'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      for (const ind of form.indicators) {
        if (ind.notApplicable || ind.actualMeasure.figure) continue;
        const w = points(ind.weight);
        const s = points(ind.score);
        if (!w || !s || w.isZero()) continue;
        const text = ind.actual.text.replace(/\s+/g, '');
        // Bands are listed most specific first (未达成 before 达成).
        const band = p.qualitativeBands.find((b) => b.words.some((word) => text.includes(word)));
        if (!band) continue;
        const share = s.div(w).mul(Rational.of(100));
        if (share.ge(Rational.of(band.minPercent)) && share.le(Rational.of(band.maxPercent))) continue;
        out.push({
          message: {
            zh: `${form.part}指标${indicatorName(ind)}实际完成值“${ind.actual.text.trim()}”属${band.minPercent}%–${band.maxPercent}%档，得分${ind.score.text.trim()}/${ind.weight.text.trim()}（${share.toFixed(1)}%）不在该档`,
            en: `${form.part} indicator ${indicatorName(ind)}: wording "${ind.actual.text.trim()}" implies ${band.minPercent}–${band.maxPercent}%, score is ${share.toFixed(1)}%`,
          },
          values: [factNumber(ind.score)!, factNumber(ind.weight)!],
          evidence: [factEvidence(ind.actual, 'actual'), factEvidence(ind.weight, 'weight'), factEvidence(ind.score, 'score')],
          expected: `${band.minPercent}%–${band.maxPercent}% × ${ind.weight.text.trim()}`,
          observed: ind.score.text.trim(),
          tolerance: '档次边界包含在内',
          params: { family: p.family, qualitativeBands: p.qualitativeBands },
          part: form.part,
        });
      }
    }
    return out;
  },
};
