import type { Block, ParagraphBlock } from '../../schemas/document.js';
import { divIntervals, intersects, intervalOf, Rational, scaleInterval } from '../numbers/decimal.js';
import { normalizeText } from '../text/normalize.js';
import { budgetRowKindOf } from './lexicon.js';
import { key } from './table-view.js';

/**
 * A 转移支付 grid with numbered rows and columns (行次 / 列次: 四川's 2024 林业草原改革发展资金绩效评价表) published one
 * header cell a line: "资金投入情况" / "(万元)" / "行次 全年预算数" / "(A)" / "统筹整合资金数" / "(B)" … / "预算执行" /
 * "(E/C×100%)" / "佐证材料" / "列次 0 1 2 … 7 所需材料 上传端口", then each row as its label, its 行次 and its figures
 * run on over a line or two with the blank cells dropped ("年度资金总额(万元): 1 52.800000" / "52.800000 52.800000
 * 100.00% 30.800000 58.33%"). Which columns a row's figures fill is decided by the header itself: a % sits in a
 * ratio column (D/C×100%) and must be that ratio, an amount in a lettered column, and a column net of another
 * (扣除统筹整合资金后预算金额) is the budget less that one. A row that fits more than one way, or none, is left unread.
 */

export interface NumberedColumn {
  /** The header's words with its letter or formula as printed: 全年预算数(A), 预算执行(E/C×100%). */
  word: string;
  letter: string | null;
  /** A ratio column's numerator and denominator letters (D/C×100%). */
  ratio: [string, string] | null;
}

export interface NumberedRow {
  p: ParagraphBlock;
  label: string;
  /** One value per column ('' for a blank cell); null when the figures fit no single way. */
  values: string[] | null;
  /** The row prints no figure at all. */
  blank: boolean;
}

export interface NumberedGrid {
  head: ParagraphBlock;
  prefix: string;
  columns: NumberedColumn[];
  rows: NumberedRow[];
  /** Index of the last block taken. */
  last: number;
}

const LINE_MAX = 100;
const LINES_MAX = 40;
/** The block's own label opening the lines: 资金投入情况 (万元). */
const BLOCK_LABEL = /^(?:资金投入情况|项目资金|资金情况)(?:\((?:万元|元)\))?$/;
const COLUMN = /([\u4e00-\u9fa5]{2,20})\s*\(([A-Z])(?:\/([A-Z])[×*xX]100%)?\)/g;
const FUNDING = /资金|拨款|补助|结转|总额|预算/;
const AMOUNT = /^\d+(?:\.\d+)?%?$/;

/** The numbered grid whose lines start at `start`, or null. */
export function readNumberedGrid(blocks: Block[], start: number): NumberedGrid | null {
  const head = blocks[start];
  if (head.kind !== 'paragraph' || !BLOCK_LABEL.test(key(head.text))) return null;
  const lines: Array<{ p: ParagraphBlock; index: number }> = [];
  for (let j = start; j < Math.min(blocks.length, start + LINES_MAX); j++) {
    const p = blocks[j];
    if (p.kind !== 'paragraph' || p.text.trim().length > LINE_MAX) break;
    if (p.text.trim()) lines.push({ p, index: j });
  }
  const text = lines.map((l) => normalizeText(l.p.text).trim()).join(' ').replace(/\s+/g, ' ');
  const rowsAt = text.search(/行次/);
  const numbersAt = text.search(/列次\s*\d+(?:\s+\d+){2,}/);
  if (rowsAt < 0 || numbersAt < rowsAt) return null;
  const columns = [...text.slice(rowsAt + '行次'.length, numbersAt).matchAll(COLUMN)].map((m): NumberedColumn => ({
    word: `${m[1]}(${m[2]}${m[3] ? `/${m[3]}×100%` : ''})`,
    letter: m[3] ? null : m[2],
    ratio: m[3] ? [m[2], m[3]] : null,
  }));
  if (columns.filter((c) => c.letter).length < 3 || !columns.some((c) => c.ratio)) return null;
  const after = /列次\s*\d+(?:\s+\d+)*/.exec(text.slice(numbersAt))!;
  const rows = readRows(text.slice(numbersAt + after[0].length), columns);
  if (!rows.some((r) => r.figures.length)) return null;
  const lineOf = (label: string) => lines.find((l) => key(l.p.text).includes(key(label)))?.p ?? (head as ParagraphBlock);
  const lastRow = rows[rows.length - 1];
  let lastLine = -1;
  lines.forEach((l, n) => {
    if (key(l.p.text).includes(key(lastRow.label))) lastLine = n;
  });
  // the row's figures may run on to the lines after its label
  let last = lines[Math.max(lastLine, 0)].index;
  for (let n = lastLine + 1; n < lines.length && lastRow.figures.length && lines[n].p.text.trim().split(/\s+/).every((t) => AMOUNT.test(t)); n++) last = lines[n].index;
  return {
    head: head as ParagraphBlock,
    prefix: key(text.slice(0, rowsAt)),
    columns,
    rows: rows.map((r) => ({ p: lineOf(r.label), label: r.label, values: r.figures.length ? place(r.figures, columns) : null, blank: !r.figures.length })),
    last,
  };
}

/** Rows after the 列次 numbers: a funding label, its 行次, its figures; the block ends at a token that opens none. */
function readRows(text: string, columns: NumberedColumn[]): Array<{ label: string; figures: string[] }> {
  const tokens = text.split(' ').filter(Boolean);
  const rows: Array<{ label: string; figures: string[] }> = [];
  let words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!/^\d+$/.test(t) || !words.length) {
      if (AMOUNT.test(t) && rows.length && !words.length) rows[rows.length - 1].figures.push(t);
      else words.push(t);
      continue;
    }
    // a 行次: the row's label is the last words before it (those before are the previous row's 佐证材料)
    const label = words[words.length - 1];
    if (Number(t) !== rows.length + 1 || !(FUNDING.test(key(label)) || budgetRowKindOf(key(label)) !== 'unknown')) break;
    rows.push({ label, figures: [] });
    words = [];
  }
  return rows.filter((r) => r.figures.length <= columns.length);
}

/** The one way the figures fill the columns in order, by the header's own arithmetic; null when none or several. */
function place(figures: string[], columns: NumberedColumn[]): string[] | null {
  const fits: string[][] = [];
  const walk = (f: number, c: number, acc: string[]) => {
    if (fits.length > 1) return;
    if (f === figures.length) {
      const full = [...acc, ...Array<string>(columns.length - c).fill('')];
      if (agrees(full, columns)) fits.push(full);
      return;
    }
    if (c === columns.length) return;
    const percent = figures[f].endsWith('%');
    if (percent === (columns[c].ratio !== null)) walk(f + 1, c + 1, [...acc, figures[f]]);
    walk(f, c + 1, [...acc, '']);
  };
  walk(0, 0, []);
  return fits.length === 1 ? fits[0] : null;
}

const decimals = (v: string) => (v.includes('.') ? v.replace('%', '').length - v.indexOf('.') - 1 : 0);
const interval = (v: string) => intervalOf(v.replace('%', ''), Math.max(decimals(v), v.endsWith('%') ? 0 : 2));

/** Every filled ratio is its columns' quotient; a net column (扣除X后…) is the first amount less X. */
function agrees(values: string[], columns: NumberedColumn[]): boolean {
  const at = (letter: string) => columns.findIndex((c) => c.letter === letter);
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k];
    if (c.ratio && values[k]) {
      const [num, den] = c.ratio.map((l) => values[at(l)] ?? '');
      if (!num || !den) return false;
      const q = divIntervals(interval(num), interval(den));
      if (!q || !intersects(scaleInterval(q, Rational.of(100)), interval(values[k]))) return false;
    }
    const net = /^扣除(.{2,10}?)(?:资金)?后/.exec(c.word);
    if (net && values[k]) {
      const base = columns.findIndex((o) => o.letter !== null);
      const less = columns.findIndex((o, n) => n !== k && o.letter !== null && key(o.word).startsWith(net[1]));
      if (base < 0 || less < 0 || base === k || !values[base]) return false;
      const expected = Rational.parse(values[base]).sub(values[less] ? Rational.parse(values[less]) : Rational.of(0));
      if (!expected.eq(Rational.parse(values[k]))) return false;
    }
  }
  return true;
}
