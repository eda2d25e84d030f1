import { divIntervals, halfUnit, intersects, intervalOf, Rational, scaleInterval, type Interval } from '../numbers/decimal.js';
import { factEvidence } from './finding.js';
import { amountInterval, factNumber, fractionRate, isBlank, points } from './lib/amounts.js';
import { columnLabel, paramsOf, selfEvalForms, totalBudgetRow, writtenScoreDecimals, type SelfEvalForm } from './lib/forms.js';
import { compactKey } from '../text/normalize.js';
import type { BudgetRow } from '../../schemas/records.js';
import type { FindingDraft, Rule } from './types.js';
import type { ExecutionScoring } from '../config/template-params.js';

/** A2 the execution row's 得分 follows the template's scoring formula (a template parameter). */
export const rule: Rule = {
  meta: {
    id: 'execution-score',
    version: 4,
    severity: 'warning',
    catalogue: 'A2',
    title: { zh: '预算执行得分', en: 'Execution score formula' },
    description: {
      zh: '年度资金总额行的得分应按模板公式由执行率算出：默认 分值×min(执行率,1)；阶梯扣分等变体由模板参数决定。总额行名称未读出时，取预算执行块中唯一同时有分值和得分的行；指标表未列至总分行不影响本项检查。分值栏空缺时取得分列表头所写公式中的分值（如“得分(20分*执行率)”）；执行率书写粗于1个百分点（如以0.1表示14.46%）时，按执行数/全年预算数计算（亦接受按所印执行率直接相乘的得分）。',
      en: "The execution row's score follows the template's formula: by default weight × min(rate, 1); stepped variants per template. When the total row's label was not read, the one budget row with both a weight and a score is that row; a cut indicator table does not affect the check. Without a 分值 cell the points come from the score column's header formula (得分(20分*执行率)); a rate printed coarser than a point (0.1 for 14.46%) is replaced by executed ÷ full-year budget (a score multiplied from the printed rate is accepted too).",
    },
    formula: '得分 = 分值 × min(执行率, 100%)（或：每低于 s% 扣 p 分）',
    tolerance: '执行率按书写精度±½末位（0.1这样的小数写法为±5个百分点）；执行率粗于1个百分点时执行数、全年预算数各±½末位；得分至少按两位小数（scoreDecimals）±½末位',
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
      if (!row?.rate || !row.score || isBlank(row.score)) continue;
      const weight = row.weight ? { value: points(row.weight), text: row.weight.text.trim() } : headerWeight(form);
      const score = points(row.score);
      const rf = row.rate.figure;
      if (!weight?.value || !score || !rf || rf.approximate || rf.comparator !== '=') continue;
      const fraction = fractionRate(row.rate);
      // a fraction of one (0.1) read as percent, or left without a unit, is a share of its written precision
      const share = fraction && (fraction.converted || rf.unit === null) ? fraction.share : null;
      const rate = share ?? intervalOf(rf.value, rf.decimals);
      const printed = intervalOf(row.score.figure!.value, Math.max(row.score.figure!.decimals, p.scoreDecimals));
      // A rate printed coarser than a point (0.1 for 94/650 = 14.46%: ±5 points) bounds the score only loosely:
      // the score then follows 分值 × 执行数 / 全年预算数, or the printed rate itself as the filler multiplied it.
      const byAmounts = coarse(rate) ? amountsRate(row, rate) : null;
      const expected = expectedScore(weight.value, byAmounts ?? rate, p.executionScoring);
      if (intersects(expected, printed)) continue;
      const asPrinted = rate.lo.add(rate.hi).div(Rational.of(2));
      if (byAmounts && intersects(expectedScore(weight.value, { lo: asPrinted, hi: asPrinted }, p.executionScoring), printed)) continue;
      // Rounded more coarsely than the template asks ("9" for 8.62): a note, not a warning.
      const roundingOnly = intersects(expected, intervalOf(row.score.figure!.value, writtenScoreDecimals(form, row.score.figure!.decimals)));
      const mid = expected.lo.add(expected.hi).div(Rational.of(2));
      const rateText = byAmounts ? `${row.executed!.text.trim()}/${row.fullYearBudget!.text.trim()}` : row.rate.text.trim();
      const formulaText =
        p.executionScoring.kind === 'proportional'
          ? `${weight.text}×min(${rateText},100%)`
          : `${weight.text}−每低于${p.executionScoring.stepPercent}%扣${p.executionScoring.pointsPerStep}分`;
      out.push({
        ...(roundingOnly ? { severity: 'info' as const } : {}),
        message: {
          zh: `${form.part}预算执行${columnLabel(form, 'score')}为${row.score.text.trim()}，按模板公式 ${formulaText} 应为${mid.toFixed(2)}${byAmounts ? `（执行率${row.rate.text.trim()}书写精度不足，按执行数/全年预算数计算）` : ''}${roundingOnly ? `（按本表得分的书写精度取舍相符）` : ''}`,
          en: `${form.part}: execution score ${row.score.text.trim()} but the template formula gives ${mid.toFixed(2)}${byAmounts ? ' (the printed rate is coarse: computed from executed / full-year budget)' : ''}`,
        },
        values: [factNumber(row.score)!, mid.toNumber()],
        evidence: [
          ...(row.weight ? [factEvidence(row.weight, 'weight')] : []),
          factEvidence(row.rate, 'rate'),
          ...(byAmounts ? [factEvidence(row.executed!, 'executed'), factEvidence(row.fullYearBudget!, 'budget')] : []),
          factEvidence(row.score, 'score'),
        ],
        expected: `${mid.toFixed(2)}（区间 [${expected.lo.toFixed(4)}, ${expected.hi.toFixed(4)}]）`,
        observed: row.score.text.trim(),
        tolerance: byAmounts
          ? `执行数、全年预算数各±½末位；得分±${halfUnit(Math.max(row.score.figure!.decimals, p.scoreDecimals)).toString()}；亦接受按所印执行率${row.rate.text.trim()}直接相乘的得分`
          : `执行率±${share ? rate.hi.sub(rate.lo).div(Rational.of(2)).toString() : halfUnit(rf.decimals).toString()}个百分点，得分±${halfUnit(Math.max(row.score.figure!.decimals, p.scoreDecimals)).toString()}`,
        params: { family: p.family, executionScoring: p.executionScoring, scoreDecimals: p.scoreDecimals },
        part: form.part,
      });
    }
    return out;
  },
};

/** Coarser than a point: the printed rate's interval is wider than 2 percentage points (0.1 = 10% ± 5). */
const coarse = (rate: Interval) => rate.hi.sub(rate.lo).gt(Rational.of(2));

/**
 * 执行数 / 全年预算数 in percent (each ±½ of its last digit), when both are read, the budget is positive
 * and the ratio agrees with the printed rate (when it does not, the rate itself is wrong: A1's finding).
 */
function amountsRate(row: BudgetRow, rate: Interval): Interval | null {
  const executed = row.executed && !isBlank(row.executed) ? amountInterval(row.executed) : null;
  const budget = row.fullYearBudget && !isBlank(row.fullYearBudget) ? amountInterval(row.fullYearBudget) : null;
  const ratio = executed && budget ? divIntervals(executed, budget) : null;
  if (!ratio) return null;
  const percent = scaleInterval(ratio, HUNDRED);
  return intersects(percent, rate) ? percent : null;
}

/**
 * The execution row's points when no 分值 cell gives them: its score column's header names the formula
 * ("得分(20分*执行率)", "得分（10分×执行率）").
 */
function headerWeight(form: SelfEvalForm): { value: Rational; text: string } | null {
  const label = form.budget?.columns.find((c) => c.field === 'score')?.label.replace(/\s+/g, '') ?? '';
  // told on the folded text: a page in traditional characters writes 得分(20分*執行率)
  const m = /(\d+(?:\.\d+)?)分[*×xX＊]执行率/.exec(compactKey(label));
  return m ? { value: Rational.parse(m[1]), text: `${m[1]}（${label}）` } : null;
}

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
