import type { Figure } from '../../../schemas/figure.js';
import type { Indicator } from '../../../schemas/records.js';
import { Rational } from '../../numbers/decimal.js';
import { level1Key } from './forms.js';

/**
 * Whether a quantitative indicator met its target (年度指标值 vs 实际完成值), by the target's
 * comparator: "≥50个" / "95%以上" → higher is better; "≤…" / "控制在…以内" → lower is better;
 * a plain "16个" → higher is better, except under 成本指标 where spending less is better.
 */
export interface Attainment {
  status: 'met' | 'missed';
  /** 'up' = higher is better. */
  direction: 'up' | 'down';
  target: Figure;
  actual: Figure;
  targetValue: Rational;
  actualValue: Rational;
}

function comparable(t: Figure, a: Figure): boolean {
  if (t.unit && a.unit && t.unit !== a.unit) return false;
  // "100%" vs "100": accept; "16个" vs "15%": not.
  return true;
}

export function attainment(ind: Indicator): Attainment | null {
  if (ind.notApplicable) return null;
  const t = ind.targetMeasure.figure ?? ind.target.figure;
  const a = ind.actualMeasure.figure ?? ind.actual.figure;
  if (!t || !a || !comparable(t, a)) return null;
  if (t.comparator === '~' || a.comparator === '~') return null;
  let direction: 'up' | 'down';
  if (t.comparator === '>=' || t.comparator === '>') direction = 'up';
  else if (t.comparator === '<=' || t.comparator === '<') direction = 'down';
  else direction = level1Key(ind.level1) === '成本' ? 'down' : 'up';
  const tv = Rational.parse(t.value);
  const av = Rational.parse(a.value);
  // A one-sided actual ("95%以上") is only a bound: usable when it points the good way.
  if (direction === 'up' && (a.comparator === '<=' || a.comparator === '<')) return null;
  if (direction === 'down' && (a.comparator === '>=' || a.comparator === '>')) return null;
  let met: boolean;
  if (direction === 'up') met = t.comparator === '>' ? av.gt(tv) || (a.comparator === '>' && av.ge(tv)) : av.ge(tv);
  else met = t.comparator === '<' ? av.lt(tv) || (a.comparator === '<' && av.le(tv)) : av.le(tv);
  return { status: met ? 'met' : 'missed', direction, target: t, actual: a, targetValue: tv, actualValue: av };
}
