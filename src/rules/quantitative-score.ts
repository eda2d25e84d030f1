import { halfUnit, intervalOf, Rational } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { factNumber, points } from './lib/amounts.js';
import { columnLabel, indicatorName, paramsOf, selfEvalForms, writtenScoreDecimals } from './lib/forms.js';
import { attainment } from './lib/targets.js';
import type { FindingDraft, Rule } from './types.js';

/**
 * D5 quantitative indicators: met → full weight; missed ≥-targets → weight × actual/target;
 * missed ≤-targets → weight × target/actual; capped at the weight.
 */
export const rule: Rule = {
  meta: {
    id: 'quantitative-score',
    // v2: an indicator named across wrapped lines (财政供养人⏎员控制率) is read lower-is-better as its one-line name is (lib/targets.ts lowerIsBetter).
    version: 2,
    severity: 'warning',
    catalogue: 'D5',
    title: { zh: '定量指标得分公式', en: 'Quantitative indicator score' },
    description: {
      zh: '定量指标达到目标（按目标的比较符）应得满分；未达到时，正向指标得分 = 分值×实际值÷目标值，反向指标得分 = 分值×目标值÷实际值，不超过分值。',
      en: 'A met quantitative target scores the full weight; a missed one scores weight × actual/target (≥ targets) or weight × target/actual (≤ targets), capped at the weight.',
    },
    formula: '未达标：得分 = 分值 × 实际值 ÷ 目标值（反向：分值 × 目标值 ÷ 实际值）；达标：得分 = 分值',
    tolerance: '得分至少按两位小数（scoreDecimals）±½末位；只因书写精度较粗而不符（如1.946写作1.9）为提示；目标值、实际值按书写值精确计算',
    families: 'all',
    source: '财预〔2020〕10号 附件“定量指标得分”说明',
    parameters: ['scoreDecimals'],
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      for (const ind of form.indicators) {
        const at = attainment(ind);
        const w = points(ind.weight);
        const s = points(ind.score);
        if (!at || !w || !s || !ind.score.figure) continue;
        if (at.status === 'met') continue; // a met target scored low is D6 (info)
        // a deadline written as a calendar year ("2019年" done in 2020年): missed, but no proportion of it is a score
        if (isCalendarYear(at.target) || isCalendarYear(at.actual)) continue;
        const [num, den] = at.direction === 'up' ? [at.actualValue, at.targetValue] : [at.targetValue, at.actualValue];
        if (den.isZero()) continue;
        const raw = w.mul(num).div(den);
        const expected = Rational.min(Rational.max(raw, Rational.of(0)), w);
        const dp = Math.max(ind.score.figure.decimals, p.scoreDecimals);
        const printed = intervalOf(ind.score.figure.value, dp);
        if (expected.ge(printed.lo) && expected.le(printed.hi)) continue;
        // Rounded more coarsely than the template asks ("1.9" for 1.946, "3" for 2.917 among integer
        // scores): the score follows the formula at the precision the form writes its scores with — a note, not a warning. (A missed
        // target without a 偏差原因 is D8's finding, whatever the score.)
        const written = writtenScoreDecimals(form, ind.score.figure.decimals);
        const own = intervalOf(ind.score.figure.value, written);
        const roundingOnly = expected.ge(own.lo) && expected.le(own.hi);
        const formula = at.direction === 'up' ? `${w.toString()}×${at.actual.value}÷${at.target.value}` : `${w.toString()}×${at.target.value}÷${at.actual.value}`;
        out.push({
          ...(roundingOnly ? { severity: 'info' as const } : {}),
          message: {
            zh: `${form.part}指标${indicatorName(ind)}${columnLabel(form, 'target')}${ind.target.text.trim()}、${columnLabel(form, 'actual')}${ind.actual.text.trim()}未达标，按公式 ${formula} 应得${expected.toFixed(2)}分，表中${columnLabel(form, 'score', 'zh', 'indicators')}为${ind.score.text.trim()}${roundingOnly ? `（按本表得分所写的${written}位小数取舍相符，模板要求${dp}位小数）` : ''}`,
            en: `${form.part} indicator ${indicatorName(ind)}: target ${ind.target.text.trim()}, actual ${ind.actual.text.trim()} — formula ${formula} gives ${expected.toFixed(2)}, printed score ${ind.score.text.trim()}`,
          },
          values: [factNumber(ind.score)!, Number(expected.toFixed(4))],
          evidence: [factEvidence(ind.target, 'target'), factEvidence(ind.actual, 'actual'), factEvidence(ind.weight, 'weight'), factEvidence(ind.score, 'score')],
          expected: expected.toFixed(4).replace(/0+$/, '').replace(/\.$/, ''),
          observed: ind.score.text.trim(),
          tolerance: `得分±${halfUnit(dp).toString()}（按${dp}位小数）`,
          params: { family: p.family, scoreDecimals: p.scoreDecimals },
          part: form.part,
        });
      }
    }
    return out;
  },
};

/** "2019年" as a date (a year of the calendar), not a span of years ("服务期3年"). */
function isCalendarYear(f: { value: string; unit: string | null }): boolean {
  return f.unit === '年' && /^(19|20)\d{2}$/.test(f.value);
}
