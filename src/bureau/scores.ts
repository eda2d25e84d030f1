import type { Report } from '../../schemas/report.js';
import { Rational } from '../numbers/decimal.js';
import { exactValue, points } from '../rules/lib/amounts.js';
import { totalBudgetRow, type SelfEvalForm } from '../rules/lib/forms.js';
import { attainment } from '../rules/lib/targets.js';

/**
 * The overview's figures for one report, from its 部门整体支出绩效自评表 (else its only project form):
 * - self score: the 总分 row as written;
 * - recomputed score: the same rows re-scored where the form allows — the execution row as
 *   分值 × min(全年执行数 ÷ 全年预算数, 1), a quantitative indicator as 分值 when met, else
 *   分值 × 实际 ÷ 目标 (≤-targets: 目标 ÷ 实际), capped at 分值; other rows keep their written 得分;
 * - execution rate: 全年执行数 ÷ 全年预算数 × 100 (exact), else the written 执行率.
 * Only when the rows' weights add up to the total's 分值 (else null: a misread form is not re-scored).
 * Each recomputed row is rounded to 2 decimals as a form writes its 得分 (half away from zero), so
 * a report that applies the formulas gets the same total. Decimal strings, never floats.
 */
/** Bump when the computation changes: stored figures of an older version are recomputed. */
export const SCORES_VERSION = 2;

export interface ReportScores {
  selfScore: string | null;
  recomputedScore: string | null;
  recomputedItems: number;
  scoredItems: number;
  executionRate: string | null;
  form: string | null;
}

const HUNDRED = Rational.of(100);
/** A row's score as a form writes it: 2 decimals. */
const written = (r: Rational) => Rational.parse(r.toFixed(2));
const ONE = Rational.of(1);

function scoreForm(report: Report): SelfEvalForm | null {
  if (report.deptSelfEval) return report.deptSelfEval;
  return report.projects.length === 1 ? report.projects[0] : null;
}

export function reportScores(report: Report | null): ReportScores {
  const empty: ReportScores = { selfScore: null, recomputedScore: null, recomputedItems: 0, scoredItems: 0, executionRate: null, form: null };
  if (!report) return empty;
  const form = scoreForm(report);
  if (!form) return empty;
  const self = points(form.total?.score);
  const row = totalBudgetRow(form);
  const budget = exactValue(row?.fullYearBudget);
  const executed = exactValue(row?.executed);
  let rate: Rational | null = null;
  if (budget && executed && budget.gt(Rational.of(0))) rate = executed.mul(HUNDRED).div(budget);
  else if (row?.rate?.figure && !row.rate.figure.approximate) rate = Rational.parse(row.rate.figure.value);

  // The rows that make up the total: the execution row (when it carries 分值) and the indicators.
  // Some forms list 预算执行率 among the indicators as well (the weights then add up without the
  // execution row): the total's weight decides which reading holds; neither → no recomputed score.
  const indicators = form.indicators.filter((ind) => !ind.notApplicable && (points(ind.weight) || points(ind.score)));
  const indicatorWeights = indicators.reduce((s, ind) => s.add(points(ind.weight) ?? Rational.of(0)), Rational.of(0));
  const totalWeight = points(form.total?.weight) ?? HUNDRED;
  let execWeight = points(row?.weight);
  if (execWeight && !indicatorWeights.add(execWeight).eq(totalWeight) && indicatorWeights.eq(totalWeight)) execWeight = null;
  const weightsAddUp = indicatorWeights.add(execWeight ?? Rational.of(0)).eq(totalWeight);

  let total = Rational.of(0);
  let recomputed = 0;
  let scored = 0;
  let complete = weightsAddUp;
  if (execWeight) {
    scored++;
    if (rate) {
      total = total.add(written(execWeight.mul(Rational.min(rate.div(HUNDRED), ONE))));
      recomputed++;
    } else {
      const s = points(row?.score);
      if (s) total = total.add(s);
      else complete = false;
    }
  }
  for (const ind of indicators) {
    const w = points(ind.weight);
    const s = points(ind.score);
    scored++;
    const at = attainment(ind);
    if (w && at) {
      recomputed++;
      if (at.status === 'met') total = total.add(w);
      else {
        const [num, den] = at.direction === 'up' ? [at.actualValue, at.targetValue] : [at.targetValue, at.actualValue];
        const raw = den.isZero() ? Rational.of(0) : w.mul(num).div(den);
        total = total.add(written(Rational.min(Rational.max(raw, Rational.of(0)), w)));
      }
    } else if (s) total = total.add(s);
    else complete = false;
  }
  return {
    selfScore: self ? self.toFixed(2) : null,
    recomputedScore: complete && scored > 0 ? total.toFixed(2) : null,
    recomputedItems: recomputed,
    scoredItems: scored,
    executionRate: rate ? rate.toFixed(2) : null,
    form: form.part,
  };
}
