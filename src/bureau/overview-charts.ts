import { Rational } from '../numbers/decimal.js';
import type { OverviewRow } from './overview.js';

/**
 * The figures behind the overview's charts, computed from the same rows the table shows, so the
 * chart, its data table and the overview table always agree.
 */
export interface Bin {
  label: string;
  /** Inclusive lower bound, exclusive upper bound (null = open). */
  from: number | null;
  to: number | null;
}

/** Self-assessed scores cluster above 90 (优 ≥ 90): the bins are finer there. */
export const SCORE_BINS: Bin[] = [
  { label: '<60', from: null, to: 60 },
  { label: '60–80', from: 60, to: 80 },
  { label: '80–90', from: 80, to: 90 },
  { label: '90–95', from: 90, to: 95 },
  { label: '95–98', from: 95, to: 98 },
  { label: '≥98', from: 98, to: null },
];

export const RATE_BINS: Bin[] = [
  { label: '<60%', from: null, to: 60 },
  { label: '60–80%', from: 60, to: 80 },
  { label: '80–90%', from: 80, to: 90 },
  { label: '90–95%', from: 90, to: 95 },
  { label: '95–100%', from: 95, to: 100 },
  { label: '≥100%', from: 100, to: null },
];

/** The bin a decimal value falls into (exact comparison, no floats). */
export function binOf(value: string, bins: Bin[]): number {
  const v = Rational.parse(value);
  return bins.findIndex((b) => (b.from === null || v.ge(Rational.of(b.from))) && (b.to === null || v.lt(Rational.of(b.to))));
}

export function histogram(values: Array<string | null>, bins: Bin[]): number[] {
  const counts = bins.map(() => 0);
  for (const v of values) if (v !== null) counts[binOf(v, bins)]++;
  return counts;
}

export interface ChartData {
  scores: { bins: string[]; self: number[]; recomputed: number[] };
  rates: { bins: string[]; counts: number[] };
  rules: Array<{ rule: string; count: number }>;
  departments: Array<{ department: string; errors: number; reports: number }>;
}

export function chartData(rows: OverviewRow[], perRule: Array<{ rule: string; count: number }>, top = 10): ChartData {
  const byDept = new Map<string, { errors: number; reports: number }>();
  for (const r of rows) {
    const name = r.department ?? '（未识别部门）';
    const d = byDept.get(name) ?? { errors: 0, reports: 0 };
    d.errors += r.errors;
    d.reports++;
    byDept.set(name, d);
  }
  const departments = [...byDept.entries()]
    .filter(([, d]) => d.errors > 0)
    .map(([department, d]) => ({ department, ...d }))
    .sort((a, b) => b.errors - a.errors || a.department.localeCompare(b.department, 'zh-CN'))
    .slice(0, top);
  return {
    scores: { bins: SCORE_BINS.map((b) => b.label), self: histogram(rows.map((r) => r.selfScore), SCORE_BINS), recomputed: histogram(rows.map((r) => r.recomputedScore), SCORE_BINS) },
    rates: { bins: RATE_BINS.map((b) => b.label), counts: histogram(rows.map((r) => r.executionRate), RATE_BINS) },
    rules: perRule.slice(0, 12),
    departments,
  };
}
