import type { TableBlock, TableCell } from '../../schemas/document.js';
import { parseFigure } from '../numbers/figure.js';
import { namesField, type FieldEntry } from './lexicon.js';
import { cellAt, key } from './table-view.js';

/**
 * Header labels read by OCR (OCR 表头容错). A scan read by our OCR, or a text layer another program
 * wrote over a scan, damages labels: a character replaced by one that looks like it (年初预匏数), a
 * character lost or replaced by letters (项Fl资金), two read out of order, or a label wrapped over two
 * lines of a narrow cell read column by column (参考\n分值 → 考值参分). Where the text is known to be
 * OCR, a header cell that names no field exactly is matched against the words of the header
 * vocabulary (lexicon.ts) by a confusion-aware distance — and only taken when one field is nearest
 * and the column holds what that field holds (amounts, a rate, points). Elsewhere matching stays exact.
 */

/**
 * Characters OCR reads for one another in print (形近字): a substitution inside a pair costs half an
 * edit. Each group is a set of shapes that differ by a stroke or a dot.
 */
const LOOKALIKE_GROUPS = ['元兀无', '己已巳', '未末', '日曰', '人入八', '土士', '千干于', '天夭', '田由甲申', '目自', '刀力', '大太犬', '王玉主', '今令', '折拆', '侯候', '栽裁', '戊戌戍', '率卒', '值植', '分兮', '数效', '算箅', '預预'];
const LOOKALIKE = new Map<string, string>();
LOOKALIKE_GROUPS.forEach((g, i) => {
  for (const c of g) LOOKALIKE.set(c, String(i));
});
const lookalike = (a: string, b: string) => LOOKALIKE.has(a) && LOOKALIKE.get(a) === LOOKALIKE.get(b);

/** The ideographs of a label: letters read for a character, punctuation and (A)-style markers left out. */
export function labelCore(label: string): string {
  return key(label)
    .replace(/\([^)]{0,6}\)/gu, '')
    .replace(/[^\u4e00-\u9fff]/gu, '');
}

/**
 * Confusion-aware edit distance (optimal string alignment): insert, delete, substitute and swap two
 * neighbours cost 1; a look-alike substitution costs ½. A word and its scramble of four or more
 * characters (考值参分 for 参考分值: a two-line label read column by column) cost 1.
 */
export function ocrDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  if (x.length >= 4 && x.length === y.length && [...x].sort().join('') === [...y].sort().join('')) return 1;
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const sub = x[i - 1] === y[j - 1] ? 0 : lookalike(x[i - 1], y[j - 1]) ? 0.5 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + sub);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/**
 * How far an OCR'd label may be from a word of the vocabulary: one edit in a word of four or more
 * characters, only look-alikes in a shorter one (分值, 得分, 执行率: one changed character of three
 * is another word).
 */
const allowed = (word: string) => ([...word].length >= 4 ? 1 : 0.5);

/**
 * The plain words a field is printed as: its label and every synonym that is a word (or a list of
 * words: 完成值|实际值), without anchors. Patterns with wildcards or markers are left out.
 */
export function fieldWords(entry: FieldEntry): string[] {
  const words = new Set<string>([entry.label]);
  for (const s of entry.synonyms) {
    for (const alt of s.match.source.split('|')) {
      const w = alt.replace(/^\^|\$$/gu, '');
      if (/^[\u4e00-\u9fff]{2,}$/u.test(w)) words.add(w);
    }
  }
  return [...words];
}

/** What a field's column holds, where it can be told from the cells: amounts, a rate, points. */
export type ColumnContent = 'amount' | 'rate' | 'points';
const CONTENT: Record<string, ColumnContent> = {
  initialBudget: 'amount',
  fullYearBudget: 'amount',
  executed: 'amount',
  netBudget: 'amount',
  arrived: 'amount',
  rate: 'rate',
  arrivalRate: 'rate',
  weight: 'points',
  score: 'points',
};

/** Does a cell's text hold what a column of this content holds? */
export function holds(content: ColumnContent, text: string): boolean {
  const t = key(text);
  const f = parseFigure(t);
  if (!f || f.value === null || !/^[-−]?\d[\d,]*(\.\d+)?%?$/u.test(t)) return false;
  const pct = t.endsWith('%');
  if (content === 'rate') return pct;
  if (pct) return false;
  if (content === 'points') return Number(t.replace(/,/gu, '')) <= 100;
  return true;
}

/** The first filled cell of its own under a header cell (a cell spanning other columns is not this column's). */
function firstBelow(table: TableBlock, header: TableCell, lastHeaderRow: number): TableCell | null {
  for (let r = lastHeaderRow + 1; r < Math.min(table.nRows, lastHeaderRow + 6); r++) {
    const c = cellAt(table, r, header.col);
    if (!c || c.row !== r || c.col !== header.col || c.colSpan !== header.colSpan || !key(c.text)) continue;
    return c;
  }
  return null;
}

/** OCR damage a table's text shows when the document does not say it was OCR'd (a .docx an OCR program wrote). */
const DAMAGE = [
  // letters read for an ideograph inside a word (项Fl资金, 年度总体r二, 指标L:): lower case or mixed, or before a colon
  /[\u4e00-\u9fff](?:[A-Za-z]*[a-z][A-Za-z]*|[A-Z]{1,2}(?=[:：]))(?=[\u4e00-\u9fff:：(（]|$)/u,
  // a number made of look-alike letters (IO for 10), or a letter in place of a leading digit (M.8万元)
  /^[OoIl|]{2,3}$|(?<![A-Za-z])[A-Za-z]\.\d/u,
];

const MAY_BE_DAMAGED = /[A-Za-z|]/;

const ocrTables = new WeakMap<TableBlock, boolean>();

/**
 * Is this table's text OCR'd? Cells marked by the parser (our OCR, a scan's text layer), or text whose
 * damage shows it: at least three cells with letters read inside words or digits read as letters.
 */
export function isOcrTable(table: TableBlock): boolean {
  let known = ocrTables.get(table);
  if (known === undefined) {
    const marked = table.cells.filter((c) => c.textSource).length;
    // both kinds of damage need a Latin letter or a |: cells of ideographs and digits (most) are not tried
    const damaged = table.cells.filter((c) => MAY_BE_DAMAGED.test(c.text) && DAMAGE.some((re) => re.test(c.text.trim()))).length;
    known = marked * 2 >= table.cells.length || damaged >= 3;
    ocrTables.set(table, known);
  }
  return known;
}

/**
 * The location of a value read under a label matched by likeness: its own OCR provenance kept, and
 * where the table was known OCR only by its damage (a .docx an OCR program wrote), marked as text
 * another program OCR'd — so a finding resting on it is a warning labelled OCR, never an error.
 */
export function underOcrLabel<L extends { textSource?: 'ocr' | 'ocr-layer' | null }>(loc: L): L {
  return loc.textSource ? loc : { ...loc, textSource: 'ocr-layer' };
}

export interface FuzzyLabel {
  field: string;
  /** The vocabulary word the label was read as. */
  word: string;
  distance: number;
}

/**
 * The field an OCR'd label names by likeness: letters read inside a word dropped (预算执行T率) and the
 * word named by one field's own patterns, or else the nearest word of the vocabulary within reach,
 * one field alone (the next strictly farther). A label spelling a word of the vocabulary is no misreading.
 */
export function nearestField(label: string, entries: FieldEntry[]): FuzzyLabel | null {
  const core = labelCore(label);
  if ([...core].length < 2) return null;
  const k = key(label);
  const unlettered = k.replace(/(?<=[\u4e00-\u9fff])[A-Za-z]{1,2}(?=[\u4e00-\u9fff])/gu, '');
  if (unlettered !== k) {
    const named = entries.filter((e) => namesField(e, unlettered));
    if (named.length === 1) return { field: named[0].field, word: named[0].label, distance: 0.5 };
    if (named.length > 1) return null;
  }
  const near: FuzzyLabel[] = [];
  for (const entry of entries) {
    let best: FuzzyLabel | null = null;
    for (const word of fieldWords(entry)) {
      const distance = ocrDistance(core, word);
      if (distance === 0) return null;
      if (distance <= allowed(word) && (!best || distance < best.distance)) best = { field: entry.field, word, distance };
    }
    if (best) near.push(best);
  }
  if (!near.length) return null;
  near.sort((a, b) => a.distance - b.distance);
  return near.length > 1 && near[1].distance === near[0].distance ? null : near[0];
}

/**
 * The field an OCR'd header label names (nearestField), when the column below holds what that field
 * holds (amounts, a rate, points): fields whose contents cannot be told are not guessed.
 */
export function fuzzyLabelField(table: TableBlock, header: TableCell, lastHeaderRow: number, entries: FieldEntry[]): FuzzyLabel | null {
  const hit = nearestField(header.text, entries);
  const content = hit && CONTENT[hit.field];
  if (!hit || !content) return null;
  const below = firstBelow(table, header, lastHeaderRow);
  return below && holds(content, below.text) ? hit : null;
}

/** What names a body, not a person or a figure: 银川市第六中学, 银川市教育局, …服务中心. */
const ORGANISATION = /(?:局|院|校|学|中心|委员会|委|会|站|所|队|处|室|办|部|厅|馆|社|公司|政府|街道|镇|乡|场|园|团|台|库)$/u;

/**
 * The form-head field an OCR'd label left of a value names (实施第位 | 银川市第六中学 → 实施单位), when
 * the value is what the field holds: a body for the departments, points for a stated score.
 */
export function fuzzyFormField(label: string, value: string, entries: FieldEntry[]): FuzzyLabel | null {
  const hit = nearestField(label, entries);
  if (!hit) return null;
  const v = key(value);
  if (hit.field === 'supervisor' || hit.field === 'implementer' || hit.field === 'department') return ORGANISATION.test(v) && !/\d/u.test(v) ? hit : null;
  if (hit.field === 'headScore') return holds('points', v) ? hit : null;
  return null;
}
