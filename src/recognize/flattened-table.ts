import type { Block, DocumentModel, ParagraphBlock, TableBlock, TableCell } from '../../schemas/document.js';
import type { Location } from '../../schemas/location.js';
import { splitGluedValues, type SplitColumns, type SplitValue } from './flattened-split.js';
import { budgetRowKindOf } from './lexicon.js';
import { key } from './table-view.js';
import { readInlineForm } from './flattened-inline.js';

/**
 * Forms flattened into lines of text (连排表格: a web page, a copy-paste or an OCR of an attached picture
 * ran each row of the form into one line — "项目资金(万元)全年预算数全年执行数执行率", then
 * "年度资金总额50万元47.6895.00%"). The budget block (项目资金) of such a form is rebuilt as a virtual
 * table in the lines' place, so that recognition reads it like any table. Each cell remembers the
 * paragraph and the characters it was cut from; values resting on a split of glued figures are
 * marked `rebuilt`, so a finding on them is at most a warning. A row whose figures split more than
 * one way is left unread and said so.
 */

/**
 * Header words of a budget block's columns (预算数 / 执行数 / 执行率 / 分值 / 得分), with the part of the
 * split they play. Sticky: each is tried at one position of the key (no slice of the key per try).
 */
const COLUMN_WORDS: Array<{ match: RegExp; kind: SplitColumns['kinds'][number] }> = [
  { match: /(?:年初|全年|调整后)?预算(?:数|金额|资金)?(?:\([A-Za-z]\))?(?!执行)/y, kind: 'budget' },
  { match: /(?:全年)?(?:执行数|实际支出数?|支出数)(?:\([A-Za-z]\))?/y, kind: 'executed' },
  { match: /(?:预算)?执行率(?:\([A-Za-z/×*]+\))?/y, kind: 'rate' },
  { match: /(?:分值|得分)/y, kind: 'points' },
];
const GAP = /\s*/y;
/** Any column word, searched for (their union, made from them). */
const ANY_COLUMN_WORD = new RegExp(COLUMN_WORDS.map((w) => `(?:${w.match.source})`).join('|'), COLUMN_WORDS.some((w) => w.match.unicode) ? 'gu' : 'g');
/** Every budget column word has it: no header starts after its last occurrence in a key. */
export const BUDGET_WORD = '预算';

/** A funding row's label (年度资金总额, 其中:中央财政补助, 地方资金, 上年结转 …). */
const FUNDING_WORDS = /资金|拨款|补助|结转|总额|预算/;
const LABEL_MAX = 20;

/** Form-field labels a flattened form runs into one line with their values ("专项(项目)名称…", "主管部门…资金使用单位…"). */
const FIELD_LABEL = /(?:专项\(项目\)|转移支付\(项目\)|转移支付|专项资金|项目(?:支出)?)名称|(?:中央|地方|省级?|自治区|市级?|县级?)?主管部门|(?:项目)?实施单位|资金使用单位|预算单位/g;

export interface RebuiltCellSource {
  paragraph: number;
  /** The whole line the cell was cut from. */
  line: string;
  /** [start, end) of the cell's text in the line, when found there. */
  span: [number, number] | null;
  /** Set for a value cut out of glued figures (its boundaries were inferred). */
  split: boolean;
}

const sources = new WeakMap<TableCell, RebuiltCellSource>();
const rebuiltTables = new WeakSet<TableBlock>();

/** Where a cell of a rebuilt table was cut from; undefined for a cell of a real table. */
export function rebuiltCellSource(cell: TableCell): RebuiltCellSource | undefined {
  return sources.get(cell);
}

export function isRebuiltTable(table: TableBlock): boolean {
  return rebuiltTables.has(table);
}

/** Location fields of a rebuilt cell: the paragraph and characters it came from, and `rebuilt`. */
export function rebuiltProvenance(cell: TableCell): Partial<Pick<Location, 'paragraph' | 'span' | 'rebuilt'>> {
  const s = sources.get(cell);
  if (!s) return {};
  return { paragraph: s.paragraph, ...(s.span ? { span: s.span } : {}), ...(s.split ? { rebuilt: true } : {}) };
}

export interface FlatHeader {
  prefix: string;
  words: string[];
  columns: SplitColumns;
}

/** The budget header words starting at `at` of a compact key, and where they end; null unless ≥ 2 words naming a budget and its execution. */
export function readFlattenedHeaderAt(k: string, at: number): { header: FlatHeader; end: number } | null {
  const words: string[] = [];
  const kinds: SplitColumns['kinds'] = [];
  let end = at;
  for (;;) {
    GAP.lastIndex = end;
    GAP.exec(k);
    const from = GAP.lastIndex;
    const before = words.length;
    for (const w of COLUMN_WORDS) {
      w.match.lastIndex = from;
      const m = w.match.exec(k);
      if (!m) continue;
      words.push(m[0]);
      kinds.push(w.kind);
      end = from + m[0].length;
      break;
    }
    if (words.length === before) break;
  }
  if (words.length < 2 || !kinds.includes('budget') || !(kinds.includes('executed') || kinds.includes('rate'))) return null;
  // the block's own label just before the words: 项目资金(万元), 资金情况(万元)
  const prefix = /(?:[\u4e00-\u9fa5]{0,2}(?:资金|情况|金额))?\s*\((?:万元|元)\)\s*$/u.exec(k.slice(0, at))?.[0] ?? '';
  return { header: { prefix: key(prefix), words, columns: { kinds } }, end };
}

/**
 * The first position at or after `from` where readFlattenedHeaderAt may find a header: the next column
 * word, or the white space just before it (a header starts with one, after white space); -1 when no
 * column word follows. Every position before it gives null: a long paragraph is searched, not tried
 * position by position.
 */
export function nextHeaderStart(k: string, from: number): number {
  ANY_COLUMN_WORD.lastIndex = from;
  const m = ANY_COLUMN_WORD.exec(k);
  if (!m) return -1;
  let p = m.index;
  while (p > from && /\s/.test(k[p - 1])) p--;
  return p;
}

/** "项目资金(万元)全年预算数全年执行数执行率" → prefix 项目资金(万元), three columns; null unless the line is that and only that. */
export function readFlattenedHeader(line: string): FlatHeader | null {
  const k = key(line);
  if (/\d/.test(k.replace(/\([A-Za-z]\)/g, ''))) return null;
  const lastStart = Math.min(k.length, LABEL_MAX, k.lastIndexOf(BUDGET_WORD) + 1);
  for (let start = 0; start < lastStart; start++) {
    const found = readFlattenedHeaderAt(k, start);
    if (found) return found.end === k.length ? { ...found.header, prefix: k.slice(0, start) } : null;
  }
  return null;
}

/** A funding row run into one line: its label, and the figures after it (empty when the row has none). */
export function readFundingLine(line: string): { label: string; run: string; runStart: number } | null {
  const firstDigit = line.search(/\d/);
  const label = (firstDigit < 0 ? line : line.slice(0, firstDigit)).trim();
  const k = key(label);
  if (!k || k.length > LABEL_MAX || !(budgetRowKindOf(k) !== 'unknown' || FUNDING_WORDS.test(k))) return null;
  return firstDigit < 0 ? { label, run: '', runStart: line.length } : { label, run: line.slice(firstDigit), runStart: firstDigit };
}

/** "自治区主管部门宁夏回族自治区民政厅资金使用单位宁夏福利彩票发行中心" → its label/value pairs; null unless the line opens with a label and every label has a value. */
export function readFieldLine(line: string): Array<{ label: string; value: string }> | null {
  return readFieldPairs(key(line), false);
}

/** Label/value pairs of a compact key opening with a field label; `blankAllowed`: a label may have no value (a form left blank). */
export function readFieldPairs(k: string, blankAllowed: boolean): Array<{ label: string; value: string }> | null {
  const labels = [...k.matchAll(FIELD_LABEL)];
  if (!labels.length || labels[0].index !== 0) return null;
  const pairs = labels.map((m, i) => ({ label: m[0], value: k.slice(m.index! + m[0].length, labels[i + 1]?.index ?? k.length) }));
  return pairs.every((p) => (blankAllowed || p.value.length > 0) && p.value.length <= 60) ? pairs : null;
}

export interface RebuiltDocument {
  document: DocumentModel;
  /** Rows whose glued figures split more than one way or not at all (left unread). */
  unread: Array<{ text: string; where: string }>;
}

/** A flattened form as read from its text: field pairs, header and funding rows, each with the paragraph it is in. */
interface FlatForm {
  fields: Array<{ p: ParagraphBlock; label: string; value: string }>;
  head: ParagraphBlock;
  header: FlatHeader;
  rows: Array<{ p: ParagraphBlock; label: string; run: string }>;
}

/**
 * The document with every flattened budget block replaced by a virtual table; the same document
 * when there is none. Paragraph ordinals are kept (a rebuilt cell cites its paragraph); the virtual
 * tables are numbered after the document's real tables.
 */
export function rebuildFlattenedTables(doc: DocumentModel): RebuiltDocument {
  const blocks = doc.blocks as Block[];
  let nextTable = blocks.filter((b) => b.kind === 'table').length;
  const out: Block[] = [];
  const unread: RebuiltDocument['unread'] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.kind !== 'paragraph') {
      out.push(b);
      continue;
    }
    const header = readFlattenedHeader(b.text);
    if (!header) {
      const inline = /\d/.test(b.text) ? readInlineForm(b.text) : null;
      if (!inline) {
        out.push(b);
        continue;
      }
      // the paragraph's prose before and after the form stays a paragraph (a title, the narrative)
      if (inline.before) out.push({ ...b, text: inline.before });
      const form: FlatForm = { fields: inline.fields.map((f) => ({ p: b, ...f })), head: b, header: inline.header, rows: inline.rows.map((r) => ({ p: b, ...r })) };
      out.push(virtualTable(form, nextTable++, unread));
      if (inline.after) out.push({ ...b, text: inline.after });
      continue;
    }
    const rows: FlatForm['rows'] = [];
    let last = i;
    for (let j = i + 1; j < blocks.length; j++) {
      const p = blocks[j];
      if (p.kind !== 'paragraph') break;
      if (!p.text.trim()) continue;
      const line = readFundingLine(p.text);
      if (!line) break;
      rows.push({ p, label: line.label, run: line.run });
      last = j;
    }
    if (!rows.some((r) => /\d/.test(r.run))) {
      out.push(b);
      continue;
    }
    // the form's field lines just before its budget block (项目名称, 主管部门 …) go into the table too
    const fields: FlatForm['fields'] = [];
    while (out.length && out[out.length - 1].kind === 'paragraph' && readFieldLine((out[out.length - 1] as ParagraphBlock).text)) {
      const p = out.pop() as ParagraphBlock;
      fields.unshift(...readFieldLine(p.text)!.map((f) => ({ p, ...f })));
    }
    out.push(virtualTable({ fields, head: b, header, rows }, nextTable++, unread));
    i = last;
  }
  return out.length === blocks.length && out.every((b, i) => b === blocks[i]) ? { document: doc, unread } : { document: { ...doc, blocks: out }, unread };
}

/** Where `text` stands in the paragraph, searching from `from` (the key drops spaces, the paragraph may keep them). */
function spanIn(p: ParagraphBlock, text: string, from: number): [number, number] | null {
  const at = text ? p.text.indexOf(text, from) : -1;
  return at < 0 ? null : [at, at + text.length];
}

function virtualTable(form: FlatForm, ordinal: number, unread: RebuiltDocument['unread']): TableBlock {
  const { head, header } = form;
  const nCols = 1 + header.columns.kinds.length;
  const cells: TableCell[] = [];
  const grid: number[][] = [];
  const cell = (p: ParagraphBlock, row: number, col: number, text: string, span: [number, number] | null, split: boolean, colSpan = 1) => {
    const c: TableCell = { row, col, rowSpan: 1, colSpan, text, page: p.page, bbox: null, ...(p.textSource ? { textSource: p.textSource } : {}), ...(p.confidence !== undefined ? { confidence: p.confidence } : {}) };
    sources.set(c, { paragraph: p.paragraph, line: p.text, span, split });
    (grid[row] ??= []).push(...Array.from({ length: colSpan }, () => cells.length));
    cells.push(c);
  };
  let row = 0;
  for (const f of form.fields) {
    cell(f.p, row, 0, f.label, null, false);
    cell(f.p, row, 1, f.value, null, false, nCols - 1);
    row++;
  }
  const headerRow = row++;
  cell(head, headerRow, 0, header.prefix, null, false);
  header.words.forEach((w, k) => cell(head, headerRow, k + 1, w, null, false));
  let cursor = 0;
  let lastPara = -1;
  for (const line of form.rows) {
    if (line.p.paragraph !== lastPara) [cursor, lastPara] = [0, line.p.paragraph];
    const labelSpan = spanIn(line.p, line.label, cursor);
    cell(line.p, row, 0, line.label, labelSpan, false);
    if (labelSpan) cursor = labelSpan[1];
    const values = line.run.trim() ? splitRow(line.p, line, header, unread) : null;
    header.words.forEach((_, k) => {
      const v = values?.[k];
      const span = v ? spanIn(line.p, v.text, cursor) : null;
      if (span) cursor = span[1];
      cell(line.p, row, k + 1, v ? `${v.text}${v.unit === '%' ? '%' : ''}` : '', span, v !== undefined);
    });
    row++;
  }
  const first = form.fields[0]?.p ?? head;
  const table: TableBlock = {
    kind: 'table',
    block: first.block,
    table: ordinal,
    nRows: row,
    nCols,
    cells,
    grid,
    page: first.page,
    pageEnd: form.rows[form.rows.length - 1].p.page,
    source: 'borderless',
    confidence: 0.5,
  };
  rebuiltTables.add(table);
  return table;
}

function splitRow(p: ParagraphBlock, line: { label: string; run: string }, header: FlatHeader, unread: RebuiltDocument['unread']): SplitValue[] | null {
  const outcome = splitGluedValues(line.run, header.columns);
  if (outcome.kind === 'split') return outcome.values;
  const why = outcome.kind === 'ambiguous' ? `连排数字可拆分为${outcome.candidates}种，无法确定` : '连排数字无法按表头拆分';
  unread.push({ text: p.text.slice(0, 80), where: `第${p.paragraph + 1}段（${line.label}）：${why}，该行数值未读取` });
  return null;
}
