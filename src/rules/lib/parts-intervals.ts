import type { NarrativeStat } from '../../../schemas/narrative.js';
import { normalize, normalizedInterval } from '../../narrative/compare.js';
import { addIntervals, intersects, Rational, type Interval } from '../../numbers/decimal.js';

/* A narrative total and its 其中/共 parts as rounding intervals — shared by narrative-total-parts (C1),
 * narrative-subset-exceeds (C3) and the fund-total pairing of narrative-restated-differs, so that one rule's
 * silence (a gap the rounding hides) is read the same way by the others. */

/**
 * A total and its parts as intervals: counts exact; amounts at their written precision, an integer among amounts
 * with decimals taking theirs (dp). A figure written in a larger unit keeps its own precision ("3.30亿元" over parts
 * in 万元); so does one written with two decimals or more among parts with three ("总支出35,837.94万元" of
 * 13,819.134 + 22,018.81: rounded). The parts' units are the total's (normalized).
 */
export function summed(total: NarrativeStat, parts: readonly NarrativeStat[]): { dp: number; tInt: Interval; sumExact: Rational; sumInt: Interval } {
  const t = normalize(total.figure);
  const ps = parts.map((p) => normalize(p.figure));
  const counting = total.dimension === 'count';
  const dp = counting ? 0 : Math.max(t.decimals, ...ps.map((p) => p.decimals));
  const precision = (s: NarrativeStat, n: { decimals: number }) => (s.figure.decimals >= 2 ? Math.min(dp, n.decimals) : dp);
  const tInt = counting ? { lo: Rational.parse(t.value), hi: Rational.parse(t.value) } : normalizedInterval(total.figure, precision(total, t));
  const sumExact = ps.reduce((acc, p) => acc.add(Rational.parse(p.value)), Rational.of(0));
  const sumInt = counting ? { lo: sumExact, hi: sumExact } : addIntervals(parts.map((p, j) => normalizedInterval(p.figure, precision(p, ps[j]))));
  return { dp, tInt, sumExact, sumInt };
}

/**
 * Is the parts' sum differing from the total within the summed rounding intervals, and so not reported? Every amount a
 * whole number in one unit ("总额118万元，其中…10万元、2万元…") is an allocation written as it is: the exact sum differing
 * is a gap even inside the intervals — reported (a warning, as the figures might still have been rounded one by one).
 */
export function gapHidden(total: NarrativeStat, parts: readonly NarrativeStat[]): boolean {
  const { tInt, sumExact, sumInt } = summed(total, parts);
  if (!intersects(tInt, sumInt)) return false;
  const whole = total.dimension === 'money' && [total, ...parts].every((s) => s.figure.decimals === 0 && s.figure.unit === total.figure.unit);
  return !(whole && !sumExact.eq(Rational.parse(normalize(total.figure).value)));
}
