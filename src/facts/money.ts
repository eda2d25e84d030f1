import { formatInterval, halfUnit, intersects, intervalOf, Rational, type Interval } from '../numbers/decimal.js';
import { explainPair, type PairEvidence } from './pair.js';
import type { FactPair, IndexedFact } from './types.js';

/**
 * One way to compare two amounts of money stated in two parts, for every cross-part rule: each in
 * the comparison unit (万元; 元 and 亿元 converted when the index was built), at its written precision
 * ±½ of the last digit — two decimals at least, a form's integer 5 standing for 5.00, not 4.5–5.5 —
 * or, written in a larger unit more coarsely than one 万元 ("3.30亿元"), ±½ of its own last digit there.
 * Only exact amounts compare (约/以上 are no stated value). The pairing is explained as every pair is
 * (explainPair); the tolerance is stated in the same words by every rule.
 */

/** Amounts in 万元 are compared at two decimals at least. */
export const MONEY_DECIMALS = 2;

/** The tolerance statement of a rule comparing amounts this way (its meta.tolerance). */
export const MONEY_TOLERANCE = '金额换算为万元，按书写精度±½末位（万元至少两位小数）';

/** The interval an exact amount's writing allows; null for a qualified (约/以上) or non-money statement. */
export function moneyInterval(f: IndexedFact, minDecimals = MONEY_DECIMALS): Interval | null {
  const s = f.statement;
  if (s.dimension !== 'money' || !s.exact) return null;
  return s.coarse ?? intervalOf(s.value, Math.max(s.decimals, minDecimals));
}

/** "±0.01（2个金额各按书写精度±½末位，万元至少两位小数）": how far the written amounts may lie from their values together. */
export function moneyTolerance(facts: readonly IndexedFact[], minDecimals = MONEY_DECIMALS): string {
  const widths = facts.map((f) => {
    const i = moneyInterval(f, minDecimals);
    return i ? i.hi.sub(i.lo).div(Rational.of(2)) : halfUnit(Math.max(f.statement.decimals, minDecimals));
  });
  const sum = widths.reduce((acc, w) => acc.add(w), Rational.of(0));
  return `±${sum.toString(8)}（${facts.length}个金额各按书写精度±½末位，万元至少${minDecimals === 2 ? '两' : minDecimals}位小数）`;
}

/** Two amounts of one measure, paired and compared: why they were paired, the interval each allows, whether these meet. */
export interface MoneyPair extends FactPair {
  intervals: [Interval, Interval];
  /** The two writings allow a common value. */
  meet: boolean;
  /** The tolerance as the finding states it. */
  tolerance: string;
}

/** The money pair of two exact amounts (null when either is not one). */
export function pairMoney(a: IndexedFact, b: IndexedFact, evidence: PairEvidence = {}, minDecimals = MONEY_DECIMALS): MoneyPair | null {
  const ia = moneyInterval(a, minDecimals);
  const ib = moneyInterval(b, minDecimals);
  if (!ia || !ib) return null;
  const meet = intersects(ia, ib);
  const tolerance = `${moneyTolerance([a, b], minDecimals)}：${formatInterval(ia, 4)} 与 ${formatInterval(ib, 4)}${meet ? '相交' : '不相交'}`;
  return { ...explainPair(a, b, evidence), intervals: [ia, ib], meet, tolerance };
}
