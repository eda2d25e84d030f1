import type { ScannedFigure } from './scan.js';
import { canonicalNumber } from '../numbers/figure.js';

/**
 * A form's money block flattened into one line by a document site keeps each row's label once per
 * column, each before its value: "合计 41375 合计 32258 合计 29376.6 省财政投入 41375 省财政投入 32258 …"
 * under 项目投入总金额(万元) / 实际到位总金额(万元) / 项目实际支出总金额(万元). A label repeated K times in a
 * row, each time before a number, is a row of K columns; the K column headers are found near the line by
 * their words (投入, 到位, 支出, 预算, 执行 … with a money caption, or …数). Each value is read as the
 * amount of its column and row, in the headers' unit — whole numbers included, which a bare figure
 * under a caption is not. When the headers near the line are not exactly K, nothing is read this way.
 */

/** A row label: words, possibly after 其中, no sentence punctuation and no digits. */
const ROW_LABEL = /^(?:其中\s*[:：]?\s*)?[\u4e00-\u9fa5][\u4e00-\u9fa5()（）]{1,15}$/;
const NUMBER = /\d+(?:\.\d+)?/g;

/** A money column's header: 投入 / 到位 / 支出 / 预算 / 执行 … and its noun, with its unit in brackets or ending in 数. */
const HEADER =
  /(?:项目|实际|年度|全年|年初|计划|本年|累计|调整后?|财政)*(?:投入|到位|支出|预算|执行|使用|拨付|结余)(?:总金额|金额|资金|总额|数|额)(?:\s*[（(]\s*(万\s*元|亿\s*元|元)\s*[)）])?/g;

interface Pair {
  label: string;
  start: number;
  end: number;
  value: string;
}

interface Row {
  label: string;
  cells: Pair[];
}

interface Header {
  words: string;
  unit: string | undefined;
}

/** Rows whose label is repeated once per column, in `text` (normalized, same length as the source). */
export function repeatedLabelRows(text: string): { columns: number; rows: Row[]; start: number; end: number } | null {
  const pairs: Pair[] = [];
  let previous = 0;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const end = m.index + m[0].length;
    // digits inside a code or run into letters are not a cell's value
    if (/[A-Za-z_\-/.]/.test(text[m.index - 1] ?? '') || /[A-Za-z%]/.test(text[end] ?? '')) {
      previous = end;
      continue;
    }
    pairs.push({ label: text.slice(previous, m.index).replace(/\s+/g, ''), start: m.index, end, value: m[0] });
    previous = end;
  }
  for (let i = 0; i + 1 < pairs.length; i++) {
    const label = pairs[i + 1].label;
    if (!ROW_LABEL.test(label) || !pairs[i].label.endsWith(label)) continue;
    let columns = 1;
    while (pairs[i + columns]?.label === label) columns++;
    if (columns < 2) continue;
    const rows: Row[] = [{ label, cells: pairs.slice(i, i + columns) }];
    let j = i + columns;
    // the rows after it: the next label, exactly as many times
    while (j + columns <= pairs.length) {
      const next = pairs[j].label;
      const cells = pairs.slice(j, j + columns);
      if (!ROW_LABEL.test(next) || cells.some((c) => c.label !== next) || pairs[j + columns]?.label === next) break;
      rows.push({ label: next, cells });
      j += columns;
    }
    return { columns, rows, start: pairs[i].start - label.length, end: pairs[j - 1].end };
  }
  return null;
}

function headersIn(text: string): Header[] {
  const out: Header[] = [];
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    const unit = m[1]?.replace(/\s+/g, '');
    // a header names a column: its unit in brackets, or a count of money (…数) standing alone
    if (unit || /数$/.test(m[0])) out.push({ words: m[0].replace(/\s*[（(].*$/, ''), unit });
  }
  return out;
}

/**
 * The column headers for a row run: exactly `columns` of them, taken from the line around the run,
 * then from one and two lines either side — the nearest window that holds exactly that many.
 */
function columnHeaders(columns: number, own: { before: string; after: string }, before: string[], after: string[]): Header[] | null {
  for (let reach = 0; reach <= 2; reach++) {
    const texts = [...before.slice(before.length - reach), own.before, own.after, ...after.slice(0, reach)];
    const headers = texts.flatMap(headersIn);
    if (headers.length === columns) return headers;
    if (headers.length > columns) return null;
  }
  return null;
}

/**
 * The cells of a flattened row run in `norm`, read as figures of their column's unit, with the label
 * "column（row）"; `near()` gives the texts of the lines before and after (nearest last / first), asked only for such a row.
 */
export function repeatedColumnCells(norm: string, near: () => { before: string[]; after: string[] }): Array<{ figure: ScannedFigure; label: string }> {
  const run = repeatedLabelRows(norm);
  if (!run) return [];
  // the lines around are looked at only for a line that is such a row (rare): not gathered for every line
  const { before, after } = near();
  const headers = columnHeaders(run.columns, { before: norm.slice(0, run.start), after: norm.slice(run.end) }, before, after);
  if (!headers) return [];
  const fallback = headers.find((h) => h.unit)?.unit;
  const out: Array<{ figure: ScannedFigure; label: string }> = [];
  for (const row of run.rows) {
    row.cells.forEach((cell, col) => {
      const unit = headers[col].unit ?? fallback;
      if (!unit) return;
      const { value, decimals } = canonicalNumber(cell.value);
      out.push({
        figure: {
          figure: { value, decimals, unit, comparator: '=', approximate: false, qualifiers: [], text: cell.value },
          start: cell.start,
          end: cell.end,
          numberStart: cell.start,
          each: false,
          per: null,
          slogan: false,
          unknownUnit: false,
        },
        label: `${headers[col].words}（${row.label.replace(/^其中\s*[:：]?\s*/, '')}）`,
      });
    });
  }
  return out;
}
