import type { BudgetRow } from '../../schemas/records.js';
import { Rational } from '../numbers/decimal.js';
import { normalizeText } from '../text/normalize.js';

/**
 * 执行率 written as a fraction ("0.958" for 95.8%, "1" for 100%) — common in forms filled from a
 * spreadsheet whose cells were formatted as plain numbers. A rate column is read as fractions when
 * its header does not say "%" and every rate it holds is a plain number (no % sign, no comparator,
 * no hedge) between 0 and 1.5 with at least one of them written with decimals. The figure is turned
 * into percent (value × 100, two decimals fewer, unit "%"); the cell text stays as written, so the
 * reviewer sees "0.958" in the evidence and the rules compare 95.8%.
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
  if (!plain || !rates.some((f) => f.figure!.decimals > 0)) return;
  for (const f of rates) {
    const g = f.figure!;
    const decimals = Math.max(0, g.decimals - 2);
    f.figure = { ...g, value: Rational.parse(g.value).mul(Rational.of(100)).toFixed(decimals), decimals, unit: '%' };
  }
}
