import type { Fact } from '../../../schemas/fact.js';
import type { BasicData, SpendingRow } from '../../../schemas/records.js';

export const SPENDING_COLUMNS = ['previousFinal', 'budget', 'final'] as const;
export type SpendingColumn = (typeof SPENDING_COLUMNS)[number];

/** The printed label of a 基础数据表 year column ("2023年决算数"). */
export function spendingColumnLabel(bd: BasicData, col: SpendingColumn): string {
  const printed = bd.spendingColumns.find((c) => c.field === col)?.label;
  if (printed) return printed.replace(/\s+/g, '');
  return { previousFinal: '上年决算数', budget: '本年预算数', final: '本年决算数' }[col];
}

export function rowLabel(r: SpendingRow): string {
  return r.label.replace(/\s+/g, '').replace(/^[0-9０-９]+[、.．]/, '').replace(/^其中[:：]/, '').replace(/[:：]$/, '');
}

export function cell(r: SpendingRow, col: SpendingColumn): Fact | null {
  return r[col];
}
