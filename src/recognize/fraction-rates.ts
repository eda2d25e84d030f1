import type { BudgetRow } from '../../schemas/records.js';
import { Rational } from '../numbers/decimal.js';
import { normalizeText } from '../text/normalize.js';

/**
 * 执行率 written as a fraction ("0.958" for 95.8%, "1" for 100%) — common in forms filled from a
 * spreadsheet whose cells were formatted as plain numbers. A rate column is read as fractions when
 * its header does not say "%" and every rate it holds is a plain number (no % sign, no comparator,
 * no hedge) between 0 and 1.5 with at least one of them written with decimals — or, when all are
 * whole ("1", "0"), when the row's own amounts say so: 执行数 ÷ 预算数 is that share (1.56 of 1.56
 * printed "1"), never the percent reading. The figure is turned into percent (value × 100, two
 * decimals fewer, unit "%"); the cell text stays as written, so the reviewer sees "0.958" in the
 * evidence and the rules compare 95.8%.
 */
export function readFractionRates(rows: BudgetRow[], rateHeader: string | null): void {
  if (rateHeader && /[%％]/.test(normalizeText(rateHeader))) return;
  const rates = rows.map((r) => r.rate).filter((f): f is NonNullable<BudgetRow['rate']> => !!f?.figure);
  if (!rates.length) return;
  const plain = rates.every((f) => {
    const g = f.figure!;
    if (g.unit || g.comparator !== '=' || g.approximate || /[%％]/.test(f.text)) return false;
    const v = Rational.parse(g.value);
    return v.ge(Rational.of(0)) && v.le(Rational.parse('1.5'));
  });
  if (!plain || !(rates.some((f) => f.figure!.decimals > 0) || amountsSayShare(rows))) return;
  for (const f of rates) {
    const g = f.figure!;
    const decimals = Math.max(0, g.decimals - 2);
    f.figure = { ...g, value: Rational.parse(g.value).mul(Rational.of(100)).toFixed(decimals), decimals, unit: '%' };
  }
}

/** Whole rates (1, 0) are shares only when each row with both amounts computes that share (±½ point) and none reads as percent. */
function amountsSayShare(rows: BudgetRow[]): boolean {
  const hundred = Rational.of(100);
  const half = Rational.parse('0.5');
  let checked = 0;
  for (const r of rows) {
    const rate = r.rate?.figure;
    const exe = r.executed?.figure;
    const bud = r.fullYearBudget?.figure;
    if (!rate || !exe || !bud || exe.unit === '%' || bud.unit === '%') continue;
    const b = Rational.parse(bud.value);
    if (b.le(Rational.of(0))) continue;
    const pct = Rational.parse(exe.value).div(b).mul(hundred);
    const v = Rational.parse(rate.value);
    if (pct.sub(v.mul(hundred)).abs().gt(half)) return false;
    checked++;
  }
  return checked > 0;
}
