/**
 * Source-text helpers of the planted-error bench (bench/planted-real.ts): a corpus document's
 * source.txt as lines, its table rows as cells, a figure in a cell changed.
 */
import { Rational } from '../src/numbers/decimal.js';

export const KINDS = [
  'score-above-weight', 'weight-changed', 'executed-changed', 'rate-changed', 'basic-changed', 'stat-restated', 'share-above-100',
  'unmet-full-marks', 'total-score', 'budget-changed', 'budget-part', 'income-part', 'three-public-part', 'narrative-part', 'garbled', 'year-changed',
  'restated-cent', 'restated-transposed', 'total-blanked', 'reason-emptied', 'category-points', 'budget-swapped', 'grade-changed',
] as const;
export type Kind = (typeof KINDS)[number];

export interface Plant {
  kind: Kind;
  /** 0-based line of source.txt changed. */
  line: number;
  before: string;
  after: string;
  /** The planted figure as written (a finding must carry it: its number, or for a garbled figure its text). */
  figure: string;
  /** A blanked cell has no figure: caught when a new finding's message or evidence names its row or indicator (all these words). */
  marks?: string[];
  where: string;
}

export const R = (s: string) => Rational.parse(s);
export const norm = (s: string) => s.replace(/[\s\u3000]/g, '').replace(/[（]/g, '(').replace(/[）]/g, ')');
export const hasWords = (text: string, words: string[]) => words.every((w) => norm(text).includes(norm(w)));

/** Cells of a table row line, with their character ranges in the line (a "\|" is not a separator). */
export function cellsOf(line: string): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      const raw = line.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const text = raw.trim().replace(/\{(?:r\d+)?(?:c\d+)?\}$/, '').trim();
      out.push({ text, start: start + lead, end: start + lead + text.length });
      start = i + 1;
    }
  }
  return out;
}

/** Line ranges of [table]…[/table]. */
export function tableLines(lines: string[]): Set<number> {
  const set = new Set<number>();
  let inside = false;
  lines.forEach((l, i) => {
    if (/^\[table \d+\]$/.test(l.trim())) inside = true;
    else if (l.trim() === '[/table]') inside = false;
    else if (inside) set.add(i);
  });
  return set;
}

export const sameNumber = (cell: string, value: string) => {
  const m = /^[-+]?\d[\d,]*(?:\.\d+)?/.exec(cell.replace(/\s/g, ''));
  if (!m || m[0].replace(/,/g, '').length === 0) return false;
  try {
    return R(m[0].replace(/,/g, '')).eq(R(value)) && /^[-+]?\d[\d,]*(?:\.\d+)?(?:%|万元|元)?$/.test(cell.replace(/\s/g, ''));
  } catch {
    return false;
  }
};

export const decimals = (v: string) => (v.includes('.') ? v.split('.')[1].length : 0);

export function replaceCell(line: string, cell: { text: string; start: number; end: number }, value: string): string {
  const m = /^([-+]?\d[\d,]*(?:\.\d+)?)/.exec(cell.text)!;
  return line.slice(0, cell.start) + value + cell.text.slice(m[1].length) + line.slice(cell.end);
}

/** The planted figure, with the value's decimals; never equal to it (2 × 1.1 rounds back to 2: then 3). */
export function changed(value: string, next: (v: Rational) => Rational): string {
  const after = next(R(value)).toFixed(decimals(value));
  return R(after).eq(R(value)) ? R(value).add(R('1')).toFixed(decimals(value)) : after;
}

