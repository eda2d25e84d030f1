import { halfUnit, intersects, intervalOf, Rational, type Interval } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { factNumber, isBlank, points } from './lib/amounts.js';
import { columnLabel, paramsOf, selfEvalForms, totalBudgetRow, writtenScoreDecimals, type SelfEvalForm } from './lib/forms.js';
import type { BudgetRow } from '../../schemas/records.js';
import type { FindingDraft, Rule } from './types.js';
import type { ExecutionScoring } from '../config/template-params.js';

/** A2 the execution row's 得分 follows the template's scoring formula (a template parameter). */
export const rule: Rule = {
  meta: {
    id: 'execution-score',
    version: 2,
    severity: 'warning',
    catalogue: 'A2',
    title: { zh: '预算执行得分', en: 'Execution score formula' },
    description: {
      zh: '年度资金总额行的得分应按模板公式由执行率算出：默认 分值×min(执行率,1)；阶梯扣分等变体由模板参数决定。总额行名称未读出时，取预算执行块中唯一同时有分值和得分的行；指标表未列至总分行不影响本项检查。',
      en: "The execution row's score follows the template's formula: by default weight × min(rate, 1); stepped variants per template. When the total row's label was not read, the one budget row with both a weight and a score is that row; a cut indicator table does not affect the check.",
    },
    formula: '得分 = 分值 × min(执行率, 100%)（或：每低于 s% 扣 p 分）',
    tolerance: '执行率按书写精度±½末位；得分至少按两位小数（scoreDecimals）±½末位',
    families: 'all',
    source: '财预〔2020〕10号 附件表样“得分”说明；各省模板（20分制、阶梯扣分）',
    parameters: ['executionScoring', 'scoreDecimals'],
    // the budget block precedes the indicator table: a cut indicator table leaves it whole
    cutForms: true,
  },
  check(report, ctx) {
    const p = paramsOf(ctx);
    const out: FindingDraft[] = [];
    for (const form of selfEvalForms(report)) {
      const row = totalBudgetRow(form) ?? scoredRow(form);
      if (!row?.rate || !row.weight || !row.score || isBlank(row.score)) continue;
      const weight = points(row.weight);
      const score = points(row.score);
      const rf = row.rate.figure;
      if (!weight || !score || !rf || rf.approximate || rf.comparator !== '=') continue;
      const rate = intervalOf(rf.value, rf.decimals);
      const expected = expectedScore(weight, rate, p.executionScoring);
      const printed = intervalOf(row.score.figure!.value, Math.max(row.score.figure!.decimals, p.scoreDecimals));
      if (intersects(expected, printed)) continue;
      // Rounded more coarsely than the template asks ("9" for 8.62): a note, not a warning.
      const roundingOnly = intersects(expected, intervalOf(row.score.figure!.value, writtenScoreDecimals(form, row.score.figure!.decimals)));
      const mid = expected.lo.add(expected.hi).div(Rational.of(2));
      const formulaText =
        p.executionScoring.kind === 'proportional'
          ? `${row.weight.text.trim()}×min(${row.rate.text.trim()},100%)`
          : `${row.weight.text.trim()}−每低于${p.executionScoring.stepPercent}%扣${p.executionScoring.pointsPerStep}分`;
      out.push({
        ...(roundingOnly ? { severity: 'info' as const } : {}),
        message: {
          zh: `${form.part}预算执行${columnLabel(form, 'score')}为${row.score.text.trim()}，按模板公式 ${formulaText} 应为${mid.toFixed(2)}${roundingOnly ? `（按本表得分的书写精度取舍相符）` : ''}`,
          en: `${form.part}: execution score ${row.score.text.trim()} but the template formula gives ${mid.toFixed(2)}`,
        },
        values: [factNumber(row.score)!, mid.toNumber()],
        evidence: [factEvidence(row.weight, 'weight'), factEvidence(row.rate, 'rate'), factEvidence(row.score, 'score')],
        expected: `${mid.toFixed(2)}（区间 [${expected.lo.toFixed(4)}, ${expected.hi.toFixed(4)}]）`,
        observed: row.score.text.trim(),
        tolerance: `执行率±${halfUnit(rf.decimals).toString()}个百分点，得分±${halfUnit(Math.max(row.score.figure!.decimals, p.scoreDecimals)).toString()}`,
        params: { family: p.family, executionScoring: p.executionScoring, scoreDecimals: p.scoreDecimals },
        part: form.part,
      });
    }
    return out;
  },
};

const HUNDRED = Rational.of(100);

/**
 * The execution row when its label was not read (an OCR'd "预算执行情况" block whose 年度资金总额 cell
 * is garbled): only that row carries 分值 and 得分, so the one budget row with both is it.
 */
function scoredRow(form: SelfEvalForm): BudgetRow | null {
  const scored = (form.budget?.rows ?? []).filter((r) => r.weight?.figure && r.score?.figure);
  return scored.length === 1 ? scored[0] : null;
}

function expectedScore(weight: Rational, ratePercent: Interval, scoring: ExecutionScoring): Interval {
  const at = (r: Rational): Rational => {
    const capped = Rational.min(r, HUNDRED);
    if (scoring.kind === 'proportional') return weight.mul(capped).div(HUNDRED);
    // 每低于 step% 扣 p 分: one deduction per full step below 100%.
    const below = HUNDRED.sub(capped);
    const steps = below.n / (below.d * BigInt(scoring.stepPercent));
    const s = weight.sub(Rational.of(steps).mul(Rational.of(Math.round(scoring.pointsPerStep * 1000), 1000)));
    return Rational.max(s, Rational.of(0));
  };
  const a = at(ratePercent.lo);
  const b = at(ratePercent.hi);
  return a.le(b) ? { lo: a, hi: b } : { lo: b, hi: a };
}
