import { boundedMemo } from '../memo.js';
import { compactKey } from '../text/normalize.js';
import { BUDGET_FIELDS, FORM_FIELDS, INDICATOR_FIELDS, namesField, type FieldEntry } from './lexicon.js';

/**
 * Where a form begins inside one table — one rule for every reader. Two forms written one right
 * under the other reach the recognizer as one table: Word joins two w:tbl once nothing is between
 * them, and a printed page shows two touching forms as one ruled grid. Each reader hands over its
 * rows (the written cells of each, left to right); the PDF reader adds what only its rulings know.
 *
 * Below a form of its own — a row heading its columns (一级指标/二级指标/三级指标 …, 年初预算数/全年
 * 预算数/全年执行数 …) or a 基础数据表 section (财政供养人员情况, 经费控制情况) —, with no cell merged
 * across the boundary, a form begins at:
 *  - a title row: its first written cell labels the form (项目名称, 项目支出名称, 预算部门名称, 单位名称,
 *    单位名称/项目名称 …, the lexicon's name and department fields) and no cell names a column (a list of
 *    projects headed 项目名称 | 年初预算数 | 全年执行数 is no title row);
 *  - a budget block starting again after indicator rows or a 基础数据表 section (a form states its money before its
 *    indicators: a budget header below them heads the next form, even one written without a title
 *    row) — the form then begins at the head rows written right above its budget header
 *    (主管部门 | … | 实施单位 | …: rows labelled by the lexicon's form fields, no column named);
 *  - a 基础数据表 section after a form's indicator rows;
 *  - where the reader sees two grids (the PDF: no inner vertical ruling runs on across the
 *    boundary), a header row naming again the columns a header above named (一级指标/二级指标 twice).
 */

/** The written cells of one row, left to right. */
export type RowTexts = readonly string[];

export interface FormRows {
  rows: number;
  texts(r: number): RowTexts;
  /** Does a cell span the boundary above row k (rows k − 1 and k)? */
  crossed(k: number): boolean;
}

/** What a reader's geometry adds (the PDF's rulings); a reader without rulings gives none. */
export interface GridEvidence {
  /** The boundary above row k cannot be a cut (the PDF: the inner columns run on unchanged). */
  sameGrid(k: number): boolean;
  /** Two grids meet at boundary k: no inner vertical ruling runs on across it. */
  gridsMeet(k: number): boolean;
  /** Rows from..k−1 continue a form begun before the table (body rows at the top of a page). */
  continuesEarlier(from: number, k: number): boolean;
}

/** Columns a repeated header must name again: more than the 分值/得分 a budget and an indicator header share. */
const MIN_REPEATED_COLUMNS = 3;
/** First rows of a part that may open a form (a band such as 单位：万元 may stand above its title row). */
const SEAM_ROWS = 2;
/** Column names that make a row a header of a form's block. */
const MIN_HEADER_COLUMNS = 3;

const TITLE_FIELDS = FORM_FIELDS.filter((f) => f.field === 'name' || f.field === 'department');
/** Labels of a form's head rows, above its budget block: its name, department, 主管部门 and 实施单位. */
const HEAD_FIELDS = FORM_FIELDS.filter((f) => ['name', 'department', 'supervisor', 'implementer'].includes(f.field));
const BUDGET_ONLY = BUDGET_FIELDS.filter((f) => !INDICATOR_FIELDS.some((g) => g.field === f.field));
const INDICATOR_ONLY = INDICATOR_FIELDS.filter((f) => !BUDGET_FIELDS.some((g) => g.field === f.field));
const ALL_COLUMNS = [...BUDGET_FIELDS, ...INDICATOR_FIELDS];

/**
 * The head of a 基础数据表 section (湖南 部门整体支出绩效评价基础数据表): 财政供养人员情况(人) | 编制数 | … or
 * 经费控制情况(万元) | 2022年决算数 | …, the whole first cell naming the section (an indicator
 * 财政供养人员控制率, first written cell of its row under merged level cells, names none).
 */
const BASIC_DATA_SECTION = /^(财政供养人员情况|人员编制情况|经费控制情况)(?:[(（][^)）]*[)）])?$/u;
/** Cells of a section head: its name and the columns it heads. */
const MIN_SECTION_CELLS = 3;

/**
 * Does a compact key name one of the fields, strongly? Remembered per field set: every row of every
 * table is asked this 3–5 times (heads() of a row and of the row above, the title test), with the
 * same few dozen cell texts (seed.docx: ≈ 4 ms of recognize before, the lexicon's regexes run again
 * for each question).
 */
const namesAny = new Map<readonly FieldEntry[], (key: string) => boolean>();
function names(fields: readonly FieldEntry[], text: string): boolean {
  const key = compactKey(text);
  if (key.length === 0 || key.length > 16) return false;
  let test = namesAny.get(fields);
  if (!test) namesAny.set(fields, (test = boundedMemo((k) => fields.some((f) => namesField(f, k, true)), { maxEntries: 4096 })));
  return test(key);
}

/** Does the text name a column of the forms (strong synonyms only)? */
export function namesFormColumn(text: string): boolean {
  return names(ALL_COLUMNS, text);
}

/** Does the text label a form's head or name a column of it (项目名称, 实施单位, 主管部门 … 年初预算数, 得分 …)? */
export function namesFormLabel(text: string): boolean {
  return names(HEAD_FIELDS, text) || namesFormTitle(text) || namesFormColumn(text);
}

/** Does the text label a form's title row: 项目名称, 单位名称, or several joined (单位名称/项目名称)? */
export function namesFormTitle(text: string): boolean {
  return titleKey(compactKey(text));
}
const titleKey = boundedMemo(
  (key) => {
    const parts = key.split(/[/／、]/u).filter(Boolean);
    return parts.length > 0 && parts.every((p) => TITLE_FIELDS.some((f) => namesField(f, p, true)));
  },
  { maxEntries: 4096, maxKeyLength: 256 },
);

/** Is the row one of a form's head rows (主管部门 | … | 实施单位 | …): its first written cell a head label, no cell naming a column? */
function opensFormHead(row: RowTexts): boolean {
  const written = row.filter((t) => t.trim());
  return written.length > 0 && names(HEAD_FIELDS, written[0]) && !written.some(namesFormColumn);
}

/** Is the row a form's title row (first written cell labels the form, no cell names a column)? */
export function opensFormTitle(row: RowTexts): boolean {
  const written = row.filter((t) => t.trim());
  return written.length > 0 && namesFormTitle(written[0]) && !written.some(namesFormColumn);
}

/** Distinct columns of these fields the row names (no array or set per row: most rows name none). */
function count(row: RowTexts, fields: readonly FieldEntry[]): number {
  const keys: string[] = [];
  for (const t of row) {
    if (!names(fields, t)) continue;
    const key = compactKey(t);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys.length;
}

/** What a row heads: a budget block, an indicator table, a 基础数据表 section — or nothing. */
function heads(row: RowTexts): 'budget' | 'indicators' | 'basic-data' | null {
  let first: string | undefined;
  let written = 0;
  for (const t of row) {
    if (!t.trim()) continue;
    first ??= t;
    written++;
  }
  if (first !== undefined && written >= MIN_SECTION_CELLS && BASIC_DATA_SECTION.test(compactKey(first))) return 'basic-data';
  if (count(row, INDICATOR_ONLY) >= MIN_HEADER_COLUMNS) return 'indicators';
  if (count(row, BUDGET_ONLY) >= MIN_HEADER_COLUMNS) return 'budget';
  return null;
}

/** Row boundaries k (1..rows−1) where a second form begins, ascending. */
export function formStarts(view: FormRows, grid?: GridEvidence): number[] {
  const breaks: number[] = [];
  let start = 0;
  let formAbove = false;
  let indicatorsAbove = false;
  let sectionAbove = false;
  const named = new Set<string>();
  // heads() of row k is asked at boundary k (startsAgain) and again at k + 1 (the row above)
  let below: { k: number; kind: ReturnType<typeof heads> } | null = null;
  for (let k = 1; k < view.rows; k++) {
    const prev = view.texts(k - 1);
    const kind = below?.k === k - 1 ? below.kind : heads(prev);
    if (kind) {
      formAbove = true;
      if (kind === 'indicators') indicatorsAbove = true;
      if (kind === 'basic-data') sectionAbove = true;
      for (const t of prev) if (namesFormColumn(t)) named.add(compactKey(t));
    }
    if (grid?.sameGrid(k) || view.crossed(k)) continue;
    const row = view.texts(k);
    const titled = opensFormTitle(row);
    if (!formAbove && !(titled && grid?.continuesEarlier(start, k))) continue;
    below = { k, kind: heads(row) };
    if (!titled && !startsAgain(row, below.kind, indicatorsAbove, sectionAbove, named, grid?.gridsMeet(k) ?? false)) continue;
    const at = titled ? k : headRowsAbove(view, k, start, grid);
    breaks.push(at);
    start = at;
    formAbove = indicatorsAbove = sectionAbove = false;
    named.clear();
  }
  return breaks;
}

/** Where a form whose block begins at row k begins: above the head rows written right over it (not crossed, not past `start`). */
function headRowsAbove(view: FormRows, k: number, start: number, grid?: GridEvidence): number {
  let at = k;
  while (at - 1 > start && opensFormHead(view.texts(at - 1)) && !view.crossed(at - 1) && !grid?.sameGrid(at - 1)) at--;
  return at;
}

/**
 * Does a part read after another (the next table, the next page's grid) open a form of its own?
 * The rule above, at the seam: a title row among its first rows, or a form begun there when the
 * two are read as one table (an untitled form's head and budget block below indicator rows) — so a
 * reader joining a table split by its author never joins a form the cut above took apart.
 */
export function opensFormBelow(above: FormRows, below: FormRows): boolean {
  const n = above.rows;
  const top = Math.min(SEAM_ROWS, below.rows);
  for (let r = 0; r < top; r++) if (opensFormTitle(below.texts(r))) return true;
  const joined: FormRows = {
    rows: n + below.rows,
    texts: (r) => (r < n ? above.texts(r) : below.texts(r - n)),
    crossed: (k) => k !== n && (k < n ? above.crossed(k) : below.crossed(k - n)),
  };
  return formStarts(joined).some((k) => k >= n && k < n + top);
}

/** An untitled row opening the next form: a budget block or 基础数据表 below indicator rows, a budget block below a 基础数据表 section, or the columns named again where two grids meet. */
function startsAgain(row: RowTexts, kind: ReturnType<typeof heads>, indicatorsAbove: boolean, sectionAbove: boolean, named: ReadonlySet<string>, gridsMeet: boolean): boolean {
  if (indicatorsAbove && (kind === 'budget' || kind === 'basic-data')) return true;
  if (sectionAbove && kind === 'budget') return true;
  return gridsMeet && new Set(row.filter((t) => namesFormColumn(t) && named.has(compactKey(t))).map(compactKey)).size >= MIN_REPEATED_COLUMNS;
}
