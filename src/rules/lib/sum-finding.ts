import type { Fact } from '../../../schemas/fact.js';
import { factEvidence } from '../finding.js';
import type { FindingDraft } from '../types.js';
import { checkSum, factNumber, isApproximate, isBlank } from './amounts.js';

export interface SumInput {
  part: string;
  /** What the total is, for messages ("年度资金总额 全年执行数"). */
  totalName: { zh: string; en: string };
  total: Fact;
  parts: Array<{ name: string; fact: Fact | null }>;
  minDecimals: number;
  params?: Record<string, unknown>;
}

/**
 * total = Σ parts with rounding intervals. Blank parts are left out and listed as missing inputs
 * (Arelle's "unreported contributing items"); approximate figures make the conflict info.
 * Returns null when consistent or when there is nothing to compare.
 */
export function sumFinding(input: SumInput): FindingDraft | null {
  const { total } = input;
  if (isBlank(total) || !total.figure) return null;
  const present = input.parts.filter((p): p is { name: string; fact: Fact } => !!p.fact && !isBlank(p.fact) && !!p.fact.figure);
  if (present.length === 0) return null;
  const missing = input.parts.filter((p) => !p.fact || isBlank(p.fact)).map((p) => p.name);
  // Approximate or one-sided figures (约, 余, 以上) are read at their written value; a conflict
  // involving them is only info (catalogue: "conflicts involving them are info").
  const approx = isApproximate(total) || present.some((p) => isApproximate(p.fact));
  const c = checkSum(exactForm(total), present.map((p) => exactForm(p.fact)), input.minDecimals);
  if (!c || c.consistent) return null;
  const listing = present.map((p) => `${p.name}${p.fact.text.trim()}`).join(' + ');
  const sum = c.sumValue.toString(6);
  return {
    ...(approx ? { severity: 'info' as const } : {}),
    message: {
      zh: `${input.part}${input.totalName.zh}为${total.text.trim()}，但${listing} = ${sum}${missing.length ? `（未填：${missing.join('、')}）` : ''}${approx ? '（含约数，仅作提示）' : ''}`,
      en: `${input.part}: ${input.totalName.en} is ${total.text.trim()} but the parts add up to ${sum}${missing.length ? ` (blank: ${missing.join(', ')})` : ''}`,
    },
    values: [factNumber(total)!, c.sumValue.toNumber()],
    evidence: [factEvidence(total, 'total'), ...present.map((p) => factEvidence(p.fact, 'part'))],
    expected: `${sum}（区间 [${c.sum.lo.toString(4)}, ${c.sum.hi.toString(4)}]）`,
    observed: total.text.trim(),
    tolerance: c.tolerance,
    missing,
    params: input.params ?? null,
    part: input.part,
  };
}

/** The same fact read at its written value, without its comparator (for approximate figures). */
function exactForm(f: Fact): Fact {
  return f.figure && (f.figure.approximate || f.figure.comparator !== '=') ? { ...f, figure: { ...f.figure, comparator: '=', approximate: false } } : f;
}
