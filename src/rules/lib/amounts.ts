import type { Fact } from '../../../schemas/fact.js';
import {
  addIntervals,
  divIntervals,
  formatInterval,
  halfUnit,
  intersects,
  intervalOf,
  Rational,
  scaleInterval,
  type Interval,
} from '../../numbers/decimal.js';

/**
 * Rounding-aware comparisons shared by every numeric rule (catalogue, "Rounding"):
 * a value written with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; a sum is consistent when the
 * stated total's interval meets the sum of the parts' intervals; a rate when the quotient interval
 * meets the printed rate's interval. Nothing here goes through a float.
 */

/** A fact's figure read as a plain exact value; null for blank, words, or approximate figures. */
export function exactValue(fact: Fact | null | undefined): Rational | null {
  const f = fact?.figure;
  if (!f || f.approximate || f.comparator !== '=') return null;
  return Rational.parse(f.value);
}

/** True when the cell is blank (not "0": a blank cell is null, never 0). */
export function isBlank(fact: Fact | null | undefined): boolean {
  return !fact || fact.text.trim() === '';
}

/** True when the cell holds a figure that is approximate or one-sided (约, 余, 以上 …). */
export function isApproximate(fact: Fact | null | undefined): boolean {
  const f = fact?.figure;
  return !!f && (f.approximate || f.comparator !== '=');
}

/**
 * The interval a written amount stands for. `minDecimals` is the column's precision: an integer
 * in a column of two-decimal amounts ("20" among "951.90") has two decimals with zeros omitted.
 */
export function amountInterval(fact: Fact, minDecimals = 0): Interval | null {
  const f = fact.figure;
  if (!f || f.approximate || f.comparator !== '=') return null;
  return intervalOf(f.value, Math.max(f.decimals, minDecimals));
}

export function decimalsUsed(fact: Fact, minDecimals = 0): number {
  return Math.max(fact.figure?.decimals ?? 0, minDecimals);
}

export interface SumCheck {
  /** Both sides were readable and their intervals meet. */
  consistent: boolean;
  total: Interval;
  sum: Interval;
  /** Exact sum of the written parts (for messages). */
  sumValue: Rational;
  totalValue: Rational;
  /** e.g. "±0.02（总数±0.005 + 3项×±0.005）". */
  tolerance: string;
}

/**
 * total = Σ parts, with rounding. Returns null when the total or any part is not a plain figure
 * (the caller reports missing/approximate inputs). Blank parts must be filtered by the caller.
 */
export function checkSum(total: Fact, parts: Fact[], minDecimals = 0): SumCheck | null {
  const t = amountInterval(total, minDecimals);
  if (!t) return null;
  const ps: Interval[] = [];
  let sumValue = Rational.of(0);
  let toleranceSum = halfUnit(decimalsUsed(total, minDecimals));
  for (const p of parts) {
    const i = amountInterval(p, minDecimals);
    if (!i) return null;
    ps.push(i);
    sumValue = sumValue.add(Rational.parse(p.figure!.value));
    toleranceSum = toleranceSum.add(halfUnit(decimalsUsed(p, minDecimals)));
  }
  const sum = addIntervals(ps);
  return {
    consistent: intersects(t, sum),
    total: t,
    sum,
    sumValue,
    totalValue: Rational.parse(total.figure!.value),
    tolerance: `±${toleranceSum.toString(6)}（总数与${parts.length}个分项各按书写精度±½末位 / total and ${parts.length} parts each ±½ of the last written digit）`,
  };
}

export interface RateCheck {
  consistent: boolean;
  /** Interval of numerator ÷ denominator × 100. */
  computed: Interval;
  /** Interval of the printed rate (percent). */
  printed: Interval;
  /** numerator ÷ denominator × 100 from the written values, rounded to 2 decimals. */
  computedValue: string;
  tolerance: string;
}

const HUNDRED = Rational.of(100);

/**
 * printed rate (%) = numerator ÷ denominator × 100, with rounding on all three.
 * Returns null when an input is unreadable or the denominator may be 0.
 */
export function checkRate(
  numerator: Fact,
  denominator: Fact,
  rate: Fact,
  minDecimals = 0,
  /** Counts (人数) are exact, not rounded. */
  exactInputs = false,
): RateCheck | null {
  const n = exactInputs ? exactInterval(numerator) : amountInterval(numerator, minDecimals);
  const d = exactInputs ? exactInterval(denominator) : amountInterval(denominator, minDecimals);
  const r = rate.figure;
  if (!n || !d || !r || r.approximate || r.comparator !== '=') return null;
  const q = divIntervals(n, d);
  if (!q) return null;
  const computed = scaleInterval(q, HUNDRED);
  let printed = intervalOf(r.value, r.decimals);
  const fraction = fractionRate(rate);
  if (fraction && (fraction.converted || (r.unit === null && !intersects(computed, printed) && intersects(computed, fraction.share)))) printed = fraction.share;
  const exactQ = Rational.parse(numerator.figure!.value).div(Rational.parse(denominator.figure!.value)).mul(HUNDRED);
  return {
    consistent: intersects(computed, printed),
    computed,
    printed,
    computedValue: exactQ.toFixed(2),
    tolerance: `比率按书写精度±${halfUnit(r.decimals).toString()}个百分点，金额按±½末位 / printed rate ±${halfUnit(r.decimals).toString()} pp, amounts ±½ of the last digit; computed ${formatInterval(computed, 4)}`,
  };
}

/**
 * A rate written as a fraction of one (0.1 for 94/650 = 14.46%) keeps the precision it was written
 * with: 0.1 is 10% ± 5 points, whether recognition already turned it into percent (readFractionRates,
 * `converted`) or the percentage reading simply fails. Null when the rate is not written so.
 */
export function fractionRate(rate: Fact): { share: Interval; converted: boolean } | null {
  const r = rate.figure;
  const written = /^\s*(\d+\.\d+)\s*$/.exec(rate.text);
  if (!r || !written || !Rational.parse(written[1]).le(Rational.parse('1.5'))) return null;
  const share = scaleInterval(intervalOf(written[1], written[1].split('.')[1].length), HUNDRED);
  return { share, converted: r.unit === '%' && Rational.parse(written[1]).mul(HUNDRED).eq(Rational.parse(r.value)) };
}

function exactInterval(fact: Fact): Interval | null {
  const v = exactValue(fact);
  return v ? { lo: v, hi: v } : null;
}

/** Points (分值, 得分) as exact values; null when blank or not a plain number. */
export function points(fact: Fact | null | undefined): Rational | null {
  return exactValue(fact);
}

export function num(r: Rational): number {
  return r.toNumber();
}

/** Plain-number form of a fact's figure for `values` (95 for 95%). */
export function factNumber(fact: Fact | null | undefined): number | null {
  return fact?.figure ? Rational.parse(fact.figure.value).toNumber() : null;
}
