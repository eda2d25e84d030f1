import type { Figure } from '../../../schemas/figure.js';
import type { Indicator } from '../../../schemas/records.js';
import { Rational } from '../../numbers/decimal.js';
import { level1Key } from './forms.js';

/**
 * Whether a quantitative indicator met its target (年度指标值 vs 实际完成值), by the target's
 * comparator: "≥50个" / "95%以上" → higher is better; "≤…" / "控制在…以内" → lower is better;
 * a plain "16个" → higher is better, except under 成本指标, for 投诉/差错/事故-type names and for
 * durations under 时效指标 (less is better).
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

/**
 * Indicators where less is better even when the target has no comparator (投诉率 1%, 完成时限 30天), and
 * the budget-management ratios of a 部门整体 form (预算调整率 3%, 结转结余率 2%, “三公”经费变动率, 财政供养人员
 * 控制率 100%, 公用经费控制率: spending or staff held at or under a ceiling).
 */
const LOWER_IS_BETTER = /投诉|差错|错误|事故|违规|违法|超支|失误|不合格|返工|伤亡|死亡|损失|发生率|时长|用时|时限|周期|耗时|成本|费用|单价|调整率|结余率|变动率|(?:经费|人员|编制|预算|支出|成本)[^，,、]{0,4}控制率/;
/** …but a handling/coverage rate of such things is still higher-is-better (投诉回复处理率, 事故隐患整改率). */
const HIGHER_RATE = /(处理|办结|回复|完成|达标|合格|覆盖|满意|知晓|执行|到位|及时|受理|解决|整改|查处|结案)(率|度)$/;
/** Whether the indicator named `level3` is one where less is better, its lines joined (a wrapped cell: 财政供养人⏎员控制率). */
export function lowerIsBetter(level3: string): boolean {
  const name = level3.replace(/\s+/gu, '');
  return LOWER_IS_BETTER.test(name) && !(HIGHER_RATE.test(name) && !/不合格|未/u.test(name));
}
const DURATION_UNITS = new Set(['天', '日', '小时', '分钟', '月']);

function comparable(t: Figure, a: Figure): boolean {
  if (t.unit && a.unit && t.unit !== a.unit) return false;
  // "100%" vs "100": accept; "16个" vs "15%": not.
  return true;
}

const attained = new WeakMap<Indicator, Attainment | null>();

/**
 * Whether the indicator met its target, read once per indicator: four rules (quantitative-score, deviation-reason,
 * claimed-met-contradicted, and met-target-below-weight through targetMet) ask about the same indicators of a report.
 * An Indicator is not changed once recognized; the Attainment is shared, do not change it.
 */
export function attainment(ind: Indicator): Attainment | null {
  let at = attained.get(ind);
  if (at === undefined) {
    at = readAttainment(ind);
    attained.set(ind, at);
  }
  return at;
}

function readAttainment(ind: Indicator): Attainment | null {
  if (ind.notApplicable) return null;
  const t = ind.targetMeasure.figure ?? ind.target.figure;
  const a = ind.actualMeasure.figure ?? ind.actual.figure;
  if (!t || !a || !comparable(t, a)) return null;
  if (t.comparator === '~' || a.comparator === '~') return null;
  let direction: 'up' | 'down';
  if (t.comparator === '>=' || t.comparator === '>') direction = 'up';
  else if (t.comparator === '<=' || t.comparator === '<') direction = 'down';
  else if (level1Key(ind.level1) === '成本') direction = 'down';
  // The name as one line: a cell wrapped across lines reads "财政供养人⏎员控制率" from a scan (OCR 换行).
  else if (lowerIsBetter(ind.level3)) direction = 'down';
  else if (/时效/.test(ind.level2) && t.unit && DURATION_UNITS.has(t.unit)) direction = 'down';
  else direction = 'up';
  const tv = Rational.parse(t.value);
  const av = Rational.parse(a.value);
  // A one-sided actual ("95%以上") is only a bound: usable when it points the good way.
  if (direction === 'up' && (a.comparator === '<=' || a.comparator === '<')) return null;
  if (direction === 'down' && (a.comparator === '>=' || a.comparator === '>')) return null;
  // A strict target met exactly ("<218万元" against 218.00万元) is not decided: "<" is typed for "≤"
  // often, and OCR loses the bar under "≤" — whether it was met depends on a keystroke.
  const strict = (direction === 'up' && t.comparator === '>') || (direction === 'down' && t.comparator === '<');
  if (strict && av.eq(tv) && a.comparator === '=') return null;
  let met: boolean;
  if (direction === 'up') met = t.comparator === '>' ? av.gt(tv) || (a.comparator === '>' && av.ge(tv)) : av.ge(tv);
  else met = t.comparator === '<' ? av.lt(tv) || (a.comparator === '<' && av.le(tv)) : av.le(tv);
  return { status: met ? 'met' : 'missed', direction, target: t, actual: a, targetValue: tv, actualValue: av };
}

/**
 * The target is met (达标): by its comparator for a measure, or — a qualitative target with no measure —
 * the actual written the same as the target ("有效" / "有效").
 */
export function targetMet(ind: Indicator): boolean {
  const at = attainment(ind);
  if (at) return at.status === 'met';
  const target = ind.target.text.replace(/\s+/g, '');
  return ind.targetMeasure.qualitative && target !== '' && target === ind.actual.text.replace(/\s+/g, '');
}
