import type { Block, DocumentModel, ParagraphBlock, TableBlock, TableCell } from '../../schemas/document.js';
import type { Location } from '../../schemas/location.js';
import { splitCandidates, splitGluedValues, type SplitColumns, type SplitValue } from './flattened-split.js';
import { Rational } from '../numbers/decimal.js';
import { budgetRowKindOf, GOAL_ACHIEVED_HEAD, GOAL_SET_HEAD, GOAL_SET_WORDS } from './lexicon.js';
import { key } from './table-view.js';
import { readInlineForm, type BreakdownPair, type InlineForm } from './flattened-inline.js';
import { readNumberedGrid, type NumberedGrid } from './flattened-numbered.js';
import { readKeyValueBudget, type KeyValueBudget } from './flattened-keyvalue.js';
import { compactAhead, readIndicatorBlock, type FlatIndicatorBlock, type Piece } from './flattened-indicators.js';
import { normalizeText } from '../text/normalize.js';

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
 * split they play. Sticky: each is tried at the start of the compacted text ahead (lastIndex 0).
 */
const COLUMN_WORDS: Array<{ match: RegExp; kind: SplitColumns['kinds'][number] }> = [
  // 预算 alone before 执行 is the rate's head (预算执行率); 预算数 is the budget whatever follows ("预算数(A)执行数(B)" run together)
  { match: /(?:年初|全年|调整后)?预算(?:(?:数|金额|资金)(?:\([A-Za-z]\))?|(?:\([A-Za-z]\))?(?!执行))/y, kind: 'budget' },
  { match: /(?:全年)?(?:执行数|实际支出数?|支出数)(?:\([A-Za-z]\))?/y, kind: 'executed' },
  { match: /(?:预算)?执行率(?:\((?=[^)]*[A-Za-z])[A-Za-z/×*÷\d.%]+\))?/y, kind: 'rate' },
  // the score column may carry its formula (得分(20分*执行率))
  { match: /(?:分值|得分)(?:\(\d+(?:\.\d+)?分[*×xX＊]执行率\))?/y, kind: 'points' },
];
/** Any column word, searched for (their union, made from them). */
const ANY_COLUMN_WORD = new RegExp(COLUMN_WORDS.map((w) => `(?:${w.match.source})`).join('|'), COLUMN_WORDS.some((w) => w.match.unicode) ? 'gu' : 'g');
/** How far before a found column word its header may start: the longest optional head (调整后) with a space between each character. */
const WORD_HEAD_REACH = 6;
/** Every budget column word has it: no header starts after its last occurrence in a key. */
export const BUDGET_WORD = '预算';

/** A funding row's label (年度资金总额, 其中:中央财政补助, 地方资金, 上年结转 …). */
const FUNDING_WORDS = /资金|拨款|补助|结转|总额|预算/;
const LABEL_MAX = 20;

/** Form-field labels a flattened form runs into one line with their values ("专项(项目)名称…", "主管部门…资金使用单位…"). */
// 湖北's 项目类别 / 项目属性 / 项目类型 rows (check boxes) too
const FIELD_LABEL = /(?:专项\(项目\)|转移(?:支付)?\(项目\)|转移支付|专项资金|项目(?:支出)?)名称|(?:中央|地方|省级?|自治区|市级?|县级?)?主管部门|(?:项目)?实施单位|资金使用单位|预算单位|项目负责人(?:及(?:联系)?电话)?|项目(?:类别|属性|类型)(?=\s?1、)/g;

export interface RebuiltCellSource {
  paragraph: number;
  /** The whole line the cell was cut from. */
  line: string;
  /** [start, end) of the cell's text in the line, when found there. */
  span: [number, number] | null;
  /** Set for a value cut out of glued figures (its boundaries were inferred). */
  split: boolean;
  /** The table cell the line is, when a form was run together inside one cell of a table (paragraph is then -1). */
  cell?: CellOrigin;
}

/** A real table's cell that holds a whole form run together (an 信息公开 record's 内容概述 cell). */
interface CellOrigin {
  table: number;
  row: number;
  col: number;
}

/** The stand-in paragraphs made of table cells, and the cell each one is. */
const cellParagraphs = new WeakMap<ParagraphBlock, CellOrigin>();

/** Where a line stands, for a reviewer: 第3段, or 表1第5行第4列 for a cell's text. */
function whereOf(p: ParagraphBlock): string {
  const c = cellParagraphs.get(p);
  return c ? `表${c.table + 1}第${c.row + 1}行第${c.col + 1}列` : `第${p.paragraph + 1}段`;
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

/** Location fields of a rebuilt cell: the paragraph (or table cell) and characters it came from, and `rebuilt`. */
export function rebuiltProvenance(cell: TableCell): Partial<Pick<Location, 'table' | 'row' | 'col' | 'paragraph' | 'span' | 'rebuilt'>> {
  const s = sources.get(cell);
  if (!s) return {};
  const at = s.cell ? { table: s.cell.table, row: s.cell.row, col: s.cell.col, paragraph: null } : { paragraph: s.paragraph };
  return { ...at, ...(s.span ? { span: s.span } : {}), ...(s.split ? { rebuilt: true } : {}) };
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
    // a word may be broken by a space or a line break where its cell wrapped ("年初 预算数")
    const ahead = compactAhead(k, end);
    let hit: { text: string; kind: SplitColumns['kinds'][number] } | null = null;
    for (const w of COLUMN_WORDS) {
      w.match.lastIndex = 0;
      const m = w.match.exec(ahead.compact);
      if (m) {
        hit = { text: m[0], kind: w.kind };
        break;
      }
    }
    if (!hit) break;
    words.push(hit.text);
    kinds.push(hit.kind);
    end = ahead.endOf(hit.text.length);
  }
  if (words.length < 2 || !kinds.includes('budget') || !(kinds.includes('executed') || kinds.includes('rate'))) return null;
  // the block's own label just before the words: 项目资金(万元), 资金情况(万元)
  const prefix = /(?:[\u4e00-\u9fa5]{0,2}(?:资金|情况|金额))?\s*\((?:万元|元)\)\s*$/u.exec(k.slice(0, at))?.[0] ?? '';
  return { header: { prefix: key(prefix), words, columns: { kinds } }, end };
}

/**
 * The first position at or after `from` where readFlattenedHeaderAt may find a header: a few characters
 * before the next column word (its head may be split from it); -1 when no column word follows. Every position before it gives null: a long paragraph is searched, not tried
 * position by position.
 */
export function nextHeaderStart(k: string, from: number): number {
  ANY_COLUMN_WORD.lastIndex = from;
  const m = ANY_COLUMN_WORD.exec(k);
  if (!m) return -1;
  // a word's optional head (年初/全年/调整后) may sit before the match, split from it by a line break
  // ("年初 预算数"): the few positions before the match are tried too
  return Math.max(from, m.index - WORD_HEAD_REACH);
}

/** "项目资金(万元)全年预算数全年执行数执行率" → prefix 项目资金(万元), three columns; null unless the line is that and only that. */
export function readFlattenedHeader(line: string): FlatHeader | null {
  const k = key(line);
  // a column's formula (A), (B/A×100%) is a header word's, not a figure
  if (/\d/.test(k.replace(/\((?=[^)]*[A-Za-z])[A-Za-z/×*÷\d.%]+\)/g, ''))) return null;
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
  return firstDigit < 0 ? { label, run: '', runStart: line.length } : { label, run: withoutRepeatedLabel(line.slice(firstDigit), label), runStart: firstDigit };
}

/**
 * A row printed with its label once per column ("年度资金总额 29 年度资金总额 29 年度资金总额 27.8", as a
 * document site flattens each cell with the row's label): the repeats are not cells — the run is its
 * values, one per column. Only when every piece between the repeats is one figure.
 */
function withoutRepeatedLabel(run: string, label: string): string {
  if (!run.includes(label)) return run;
  const pieces = run.split(label).map((p) => p.trim());
  return pieces.length >= 2 && pieces.every((p) => /^\d[\d.,]*%?$/.test(p)) ? pieces.join(' ') : run;
}

/** A line that is one field label and nothing else. */
const LONE_FIELD_LABEL = new RegExp(`^(?:${FIELD_LABEL.source})$`);

/**
 * "自治区主管部门宁夏回族自治区民政厅资金使用单位宁夏福利彩票发行中心" → its label/value pairs; null unless the line opens
 * with a label and every label has a value — or the line is one label alone (a field the form left blank: 中央主管部门).
 */
export function readFieldLine(line: string): Array<{ label: string; value: string }> | null {
  const k = key(line);
  return readFieldPairs(k, false) ?? (LONE_FIELD_LABEL.test(k) ? [{ label: k, value: '' }] : null);
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
  /** The budget block; absent for an indicator block flattened on its own. */
  header: FlatHeader | null;
  rows: Array<{ p: ParagraphBlock; label: string; run: string; own?: Array<{ p: ParagraphBlock; text: string; span: [number, number] }> }>;
  /** The 转移支付 form's 资金管理情况 rows after the funding rows (label | its text). */
  management?: Array<{ p: ParagraphBlock; label: string; value: string }>;
  /** The department form's 按收入性质分 / 按支出性质分 items after the funding rows. */
  breakdown?: Array<{ p: ParagraphBlock } & BreakdownPair>;
  indicators?: FlatIndicators;
  /** Rows whose values were placed by the header's own arithmetic (a numbered grid): not split again. */
  placed?: Map<FlatForm['rows'][number], SplitValue[] | null>;
}

/** An indicator block read from text, the text it was read from and the paragraph each stretch of it is in. */
interface FlatIndicators {
  text: FlatText;
  block: FlatIndicatorBlock;
  /**
   * The form's text between the budget block and the indicator header (年度总体目标 …), kept as one row — or, when it
   * is a goals head line and one line of each goal, as the head row and the row of the goals (`lines`).
   */
  between: { p: ParagraphBlock; text: string; lines?: ParagraphBlock[] } | null;
}

/** Lines or one paragraph as one text: each line's normalized text, joined by a line break, and where it starts. */
interface FlatText {
  text: string;
  lines: Array<{ p: ParagraphBlock; start: number }>;
}

function flatText(paragraphs: ParagraphBlock[]): FlatText {
  const lines: FlatText['lines'] = [];
  let text = '';
  for (const p of paragraphs) {
    if (text) text += '\n';
    lines.push({ p, start: text.length });
    text += normalizeText(p.text);
  }
  return { text, lines };
}

/** The paragraph holding the character at `offset` of a flat text. */
function paragraphAt(t: FlatText, offset: number): ParagraphBlock {
  let found = t.lines[0].p;
  for (const l of t.lines) if (l.start <= offset) found = l.p;
  return found;
}

/**
 * An indicator block in the paragraphs from `from` on (within `lookahead` more): its header in one of
 * them, its rows in the lines after it. The text of the first paragraph before the header and of the
 * last one after the block stays prose.
 */
function indicatorLines(blocks: Block[], from: number, lookahead: number): IndicatorLines | null {
  for (let i = from; i < Math.min(blocks.length, from + lookahead + 1); i++) {
    const b = blocks[i];
    if (b.kind !== 'paragraph') return null;
    if (!opensIndicatorHeader(blocks, i)) continue;
    const paragraphs: ParagraphBlock[] = [];
    for (let j = i; j < blocks.length && blocks[j].kind === 'paragraph'; j++) paragraphs.push(blocks[j] as ParagraphBlock);
    const text = flatText(paragraphs);
    const at = text.text.search(LEVEL1_HEADER);
    const block = readIndicatorBlock(text.text, at);
    if (!block) return null;
    const lastParagraph = paragraphAt(text, Math.max(block.end - 1, at));
    const lastStart = text.lines.find((l) => l.p === lastParagraph)!.start;
    return {
      start: i,
      last: blocks.indexOf(lastParagraph),
      lastParagraph,
      before: text.text.slice(0, at).replace(/绩效指标\s*$/, '').trim(),
      after: text.text.slice(block.end, lastStart + normalizeText(lastParagraph.text).length).trim(),
      indicators: { text, block, between: null },
    };
  }
  return null;
}

/** The indicator header's first word, a line break allowed inside it (a cell wrapped one word a line: 一级 / 指标). */
const LEVEL1_HEADER = /一级\s*指标/;

/** Does paragraph `i` hold the indicator header's 一级指标, or its 一级 with 指标 opening the next line? */
function opensIndicatorHeader(blocks: Block[], i: number): boolean {
  const b = blocks[i];
  if (b.kind !== 'paragraph') return false;
  if (b.text.includes('一级指标')) return true;
  const next = blocks[i + 1];
  return /一级\s*$/.test(b.text) && next?.kind === 'paragraph' && /^\s*指标/.test(next.text);
}

interface IndicatorLines {
  start: number;
  last: number;
  lastParagraph: ParagraphBlock;
  before: string;
  after: string;
  indicators: FlatIndicators;
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
      // a whole form run together inside one cell (an 信息公开 record's 内容概述) is rebuilt after its table; the
      // cell keeps only the text before the form (its title), so that the record is not read as a form too
      const inCells = b.kind === 'table' ? cellForms(b) : [];
      if (!inCells.length) {
        out.push(b);
        continue;
      }
      const held = new Map(inCells.map((f) => [f.cell, f.before]));
      out.push({ ...(b as TableBlock), cells: (b as TableBlock).cells.map((c) => (held.has(c) ? { ...c, text: held.get(c)! } : c)) });
      for (const f of inCells) out.push(virtualTable(f.form, nextTable++, unread));
      continue;
    }
    // a 转移支付 grid with numbered rows and columns (行次 / 列次) published one header cell a line
    const numbered = readNumberedGrid(blocks, i);
    if (numbered) {
      out.push(virtualTable(numberedForm(numbered), nextTable++, unread));
      i = numbered.last;
      continue;
    }
    // a form published one cell a line (项目名称 / its value / 项目资金(万元) / 年初 / 预算数 … / 年度资金总额 / 43.2 …)
    const cells = cellLines(blocks, i);
    if (cells) {
      const form: FlatForm = { fields: cells.inline.fields.map((f) => ({ p: cells.lineOf(f.label), ...f })), head: b, header: cells.inline.header, rows: cells.inline.rows.map((r) => ({ p: cells.lineOf(r.label), ...r })) };
      const ahead = attachIndicatorsAhead(form, blocks, cells.last);
      out.push(virtualTable(form, nextTable++, unread), ...ahead.after);
      i = ahead.last;
      continue;
    }
    // a budget block typed as label/value lines (年初预算数：120万元 / 全年执行数：118.5万元 / 执行率：98.75% …)
    const kv = readKeyValueBudget(blocks, i);
    if (kv) {
      out.push(virtualTable(keyValueForm(kv, takeFieldLines(out)), nextTable++, unread));
      i = kv.last;
      continue;
    }
    const header = readFlattenedHeader(b.text);
    if (!header) {
      const inline = /\d/.test(b.text) ? readInlineForm(b.text) : null;
      if (!inline) {
        // an indicator block flattened on its own (no budget block before it)
        const alone = opensIndicatorHeader(blocks, i) ? indicatorLines(blocks, i, 0) : null;
        if (!alone) {
          out.push(b);
          continue;
        }
        if (alone.before) out.push({ ...b, text: alone.before });
        out.push(virtualTable({ fields: [], head: b, header: null, rows: [], indicators: alone.indicators }, nextTable++, unread));
        if (alone.after) out.push({ ...alone.lastParagraph, text: alone.after });
        i = alone.last;
        continue;
      }
      // the paragraph's prose before and after the form stays a paragraph (a title, the narrative)
      if (inline.before) out.push({ ...b, text: inline.before });
      const form: FlatForm = { fields: inline.fields.map((f) => ({ p: b, ...f })), head: b, header: inline.header, rows: inline.rows.map((r) => ({ p: b, ...r })), management: inline.management.map((m) => ({ p: b, ...m })), breakdown: inline.breakdown.map((x) => ({ p: b, ...x })) };
      // the form's indicator block further on in the paragraph (年度总体目标 … 绩效指标一级指标二级指标三级指标 …)
      const at = inline.after.indexOf('一级指标');
      const block = readIndicatorBlock(inline.after, at);
      let after = inline.after;
      if (block) {
        const between = inline.after.slice(0, at).replace(/绩效指标\s*$/, '').trim();
        form.indicators = { text: { text: inline.after, lines: [{ p: b, start: 0 }] }, block, between: between ? { p: b, text: between } : null };
        after = inline.after.slice(block.end).trim();
      }
      out.push(virtualTable(form, nextTable++, unread));
      if (after) out.push({ ...b, text: after });
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
    const form: FlatForm = { fields: takeFieldLines(out), head: b, header, rows };
    const ahead = attachIndicatorsAhead(form, blocks, last);
    out.push(virtualTable(form, nextTable++, unread), ...ahead.after);
    i = ahead.last;
  }
  return out.length === blocks.length && out.every((b, i) => b === blocks[i]) ? { document: doc, unread } : { document: { ...doc, blocks: out }, unread };
}

/** The form's field lines just before its budget block (项目名称, 主管部门 …), taken off the blocks read so far: they go into the table too. */
function takeFieldLines(out: Block[]): FlatForm['fields'] {
  const fields: FlatForm['fields'] = [];
  while (out.length && out[out.length - 1].kind === 'paragraph' && readFieldLine((out[out.length - 1] as ParagraphBlock).text)) {
    const p = out.pop() as ParagraphBlock;
    fields.unshift(...readFieldLine(p.text)!.map((f) => ({ p, ...f })));
  }
  return fields;
}

/** Key-value budget lines as a flattened form: one header word per line's label, one 年度资金总额 row of their values. */
function keyValueForm(kv: KeyValueBudget, fields: FlatForm['fields']): FlatForm {
  const head = kv.items[0].p;
  const header: FlatHeader = { prefix: kv.unit ? `项目资金(${kv.unit})` : '项目资金', words: kv.items.map((x) => key(x.label)), columns: { kinds: kv.items.map((x) => x.kind) } };
  const row = { p: head, label: '年度资金总额', run: kv.items.map((x) => x.value).join(' '), own: kv.items.map((x) => ({ p: x.p, text: x.value, span: x.span })) };
  // "项目名称：农村公路养护": the colon is the line's, not the value's
  return { fields: fields.map((f) => ({ ...f, value: f.value.replace(/^[:：]\s*/u, '') })), head, header, rows: [row] };
}

/**
 * The form's indicator lines a few lines after its budget block (年度总体目标 lines between, kept as one
 * row) go into its table. Returns the last block taken and the prose left after the block in its last line.
 */
function attachIndicatorsAhead(form: FlatForm, blocks: Block[], last: number): { last: number; after: ParagraphBlock[] } {
  const ahead = indicatorLines(blocks, last + 1, INDICATORS_LOOKAHEAD);
  if (!ahead || ahead.before) return { last, after: [] };
  const between = blocks.slice(last + 1, ahead.start).filter((x): x is ParagraphBlock => x.kind === 'paragraph' && x.text.trim() !== '');
  form.indicators = { ...ahead.indicators, between: between.length ? { p: between[0], text: between.map((x) => x.text.trim()).join(' '), lines: between } : null };
  return { last: ahead.last, after: ahead.after ? [{ ...ahead.lastParagraph, text: ahead.after }] : [] };
}

/** A cell line: short, as a form's cell is (a label, a figure, a name). */
const CELL_LINE_MAX = 40;
const CELL_LINES_MAX = 60;

/**
 * A form's head and budget block published one cell a line, from its first field or block label on: the
 * lines read as one text, cells apart, as a form run into one paragraph is (readInlineForm). The lines
 * taken are those up to the last funding row's figures; null unless every one is short and a budget
 * block with figures is there.
 */
function cellLines(blocks: Block[], start: number): { inline: InlineForm; last: number; lineOf: (label: string) => ParagraphBlock } | null {
  const first = blocks[start] as ParagraphBlock;
  if (!/^(?:(?:专项\(项目\)|项目)名称|项目资金|资金情况)/.test(key(first.text)) || key(first.text).length > 8) return null;
  const lines: ParagraphBlock[] = [];
  for (let j = start; j < Math.min(blocks.length, start + CELL_LINES_MAX); j++) {
    const p = blocks[j];
    if (p.kind !== 'paragraph' || p.text.trim().length > CELL_LINE_MAX) break;
    if (p.text.trim()) lines.push(p);
  }
  const read = (n: number) => readInlineForm(lines.slice(0, n).map((p) => p.text.trim()).join(' '));
  const whole = read(lines.length);
  if (!whole || !whole.rows.some((r) => /\d/.test(r.run))) return null;
  // the fewest lines that hold the same funding rows and figures
  const same = (f: InlineForm | null) => f !== null && f.rows.length === whole.rows.length && f.rows.every((r, k) => r.label === whole.rows[k].label && r.run.trim() === whole.rows[k].run.trim());
  let n = 1;
  while (n < lines.length && !same(read(n))) n++;
  const taken = lines.slice(0, n);
  const lineOf = (label: string) => taken.find((p) => key(p.text).includes(key(label))) ?? first;
  return { inline: read(n)!, last: blocks.indexOf(taken[taken.length - 1]), lineOf };
}

/** Lines between a budget block and its indicator header (年度总体目标, its goals) that are looked past. */
const INDICATORS_LOOKAHEAD = 6;

/** Where `text` stands in the paragraph, searching from `from` (the key drops spaces, the paragraph may keep them). */
function spanIn(p: ParagraphBlock, text: string, from: number): [number, number] | null {
  const at = text ? p.text.indexOf(text, from) : -1;
  return at < 0 ? null : [at, at + text.length];
}

/** A cell long enough to hold a form's budget block run together (header words, a row label and its figures). */
const CELL_FORM_MIN = 30;

/**
 * The forms run together inside single cells of a table: a record page (索引号 | … | 内容概述 | <the whole
 * form as one run of text>) publishes a form that way. Each is read as a paragraph would be
 * (readInlineForm), its cells citing the table cell they were cut from.
 */
function cellForms(table: TableBlock): Array<{ cell: TableCell; before: string; form: FlatForm }> {
  if (isRebuiltTable(table)) return [];
  const forms: Array<{ cell: TableCell; before: string; form: FlatForm }> = [];
  for (const c of table.cells) {
    if (c.text.length < CELL_FORM_MIN || !/\d/.test(c.text)) continue;
    const inline = readInlineForm(c.text);
    if (!inline) continue;
    const p: ParagraphBlock = { kind: 'paragraph', block: table.block, paragraph: -1, text: c.text, style: null, page: c.page, bbox: c.bbox, ...(c.textSource ? { textSource: c.textSource } : {}), ...(c.confidence !== undefined ? { confidence: c.confidence } : {}), ...(c.ocrCorrections ? { ocrCorrections: c.ocrCorrections } : {}) };
    cellParagraphs.set(p, { table: table.table, row: c.row, col: c.col });
    forms.push({ cell: c, before: inline.before, form: { fields: inline.fields.map((f) => ({ p, ...f })), head: p, header: inline.header, rows: inline.rows.map((r) => ({ p, ...r })), management: inline.management.map((m) => ({ p, ...m })) } });
  }
  return forms;
}

function virtualTable(form: FlatForm, ordinal: number, unread: RebuiltDocument['unread']): TableBlock {
  const { head, header, indicators } = form;
  const nCols = Math.max(header ? 1 + header.columns.kinds.length : 2, indicators?.block.header.kinds.length ?? 0);
  const cells: TableCell[] = [];
  let row = 0;
  const cell: CellMaker = (p, col, text, span, split) => {
    const c: TableCell = { row, col, rowSpan: 1, colSpan: 1, text, page: p.page, bbox: null, ...(p.textSource ? { textSource: p.textSource } : {}), ...(p.confidence !== undefined ? { confidence: p.confidence } : {}), ...(p.ocrCorrections?.some((x) => text.includes(x.corrected)) ? { ocrCorrections: p.ocrCorrections.filter((x) => text.includes(x.corrected)) } : {}) };
    const origin = cellParagraphs.get(p);
    sources.set(c, { paragraph: p.paragraph, line: p.text, span, split, ...(origin ? { cell: origin } : {}) });
    cells.push(c);
  };
  for (const f of form.fields) {
    cell(f.p, 0, f.label, null, false);
    cell(f.p, 1, f.value, null, false);
    row++;
  }
  if (header) {
    cell(head, 0, header.prefix, null, false);
    header.words.forEach((w, k) => cell(head, k + 1, w, null, false));
    row++;
    let cursor = 0;
    let lastPara = -1;
    const total = form.placed ? null : totalByParts(form.rows, header);
    for (const line of form.rows) {
      if (line.p.paragraph !== lastPara) [cursor, lastPara] = [0, line.p.paragraph];
      const labelSpan = spanIn(line.p, line.label, cursor);
      cell(line.p, 0, line.label, labelSpan, false);
      if (labelSpan) cursor = labelSpan[1];
      if (line.own) {
        // values read each from its own line (a key-value form): no split, each cell cites its line
        line.own.forEach((v, k) => cell(v.p, k + 1, v.text, v.span, false));
        row++;
        continue;
      }
      const values = !line.run.trim() ? null : form.placed ? placedRow(line, form.placed, unread) : line === total?.row ? total.values : splitRow(line.p, line, header, unread);
      header.words.forEach((_, k) => {
        const v = values?.[k];
        const span = v ? spanIn(line.p, v.text, cursor) : null;
        if (span) cursor = span[1];
        cell(line.p, k + 1, v ? `${v.text}${v.unit === '%' ? '%' : ''}` : '', span, v !== undefined);
      });
      row++;
    }
    for (const m of form.management ?? []) {
      cell(m.p, 0, m.label, null, false);
      cell(m.p, 1, m.value, null, false);
      row++;
    }
    // the breakdown as the department form prints it: income items on the left, spending items on the right, row by row
    const income = (form.breakdown ?? []).filter((x) => x.side === 'income');
    const spending = (form.breakdown ?? []).filter((x) => x.side === 'spending');
    const right = Math.max(2, Math.floor(nCols / 2));
    for (let k = 0; k < Math.max(income.length, spending.length); k++) {
      const item = (x: BreakdownPair & { p: ParagraphBlock }, col: number) => cell(x.p, col, `${x.label}:${x.value}`, null, false);
      if (income[k]) item(income[k], 0);
      if (spending[k]) item(spending[k], right);
      row++;
    }
  }
  if (indicators) {
    for (const cells of indicatorRows(indicators, unread)) {
      for (const [col, make] of cells) make(col);
      row++;
    }
  }
  const first = form.fields[0]?.p ?? head;
  const lastP = indicators ? paragraphAt(indicators.text, Math.max(indicators.block.end - 1, 0)) : form.rows[form.rows.length - 1].p;
  // a cell spans up to the next cell of its row (a total label over the level columns), the last one to the table's edge
  const grid: number[][] = Array.from({ length: row }, () => Array<number>(nCols).fill(-1));
  cells.forEach((c, n) => {
    const next = cells[n + 1];
    c.colSpan = (next && next.row === c.row ? next.col : nCols) - c.col;
    for (let k = c.col; k < c.col + c.colSpan; k++) grid[c.row][k] = n;
  });
  const table: TableBlock = {
    kind: 'table',
    block: first.block,
    table: ordinal,
    nRows: row,
    nCols,
    cells,
    grid,
    page: first.page,
    pageEnd: lastP.page,
    source: 'borderless',
    confidence: 0.5,
  };
  rebuiltTables.add(table);
  return table;

  /** The indicator block as rows of cells to make: the text between, the header words, one row per 三级指标, the total. */
  function indicatorRows(ind: FlatIndicators, notes: RebuiltDocument['unread']): Array<Array<[number, (col: number) => void]>> {
    const { text, block } = ind;
    const cursors = new Map<ParagraphBlock, number>();
    // every value rests on where the text was cut into cells: marked rebuilt, as the budget block's
    const place = (v: Piece | null, split: boolean) => (col: number) => {
      if (!v) return cell(paragraphAt(text, block.end > 0 ? block.end - 1 : 0), col, '', null, false);
      const p = paragraphAt(text, v.start);
      const span = spanIn(p, v.text, cursors.get(p) ?? 0);
      if (span) cursors.set(p, span[1]);
      cell(p, col, v.text, span, split);
    };
    const out: Array<Array<[number, (col: number) => void]>> = [];
    const goals = ind.between?.lines ? goalLines(ind.between.lines) : null;
    if (goals) {
      out.push(goals.heads.map((w, k) => [k, (col: number) => cell(goals.head, col, w, null, false)]));
      out.push(goals.values.map(([k, p]) => [k, (col: number) => cell(p, col, p.text.trim(), null, false)]));
    } else if (ind.between) out.push([[0, (col) => cell(ind.between!.p, col, ind.between!.text, null, false)]]);
    const headP = paragraphAt(text, block.rows[0]?.name.start ?? 0);
    out.push(block.header.words.map((w, k) => [k, (col: number) => cell(headP, col, w, null, false)]));
    const level1 = block.header.kinds.indexOf('level1');
    const level2 = block.header.kinds.indexOf('level2');
    const name = block.header.kinds.indexOf('name');
    for (const r of block.rows) {
      if (r.unread) {
        // a row whose values are not read is left out of the table (its blank cells would read as unfilled), and said so
        const p = paragraphAt(text, r.name.start);
        notes.push({ text: p.text.slice(0, 80), where: `${whereOf(p)}（${r.name.text}）：${r.unread}，该行数值未读取` });
        continue;
      }
      const row: Array<[number, (col: number) => void]> = [];
      block.header.kinds.forEach((kind, k) => {
        if (k === level1) row.push([k, place(r.level1, false)]);
        else if (k === level2) row.push([k, place(r.level2, false)]);
        else if (k === name) row.push([k, place(r.name, false)]);
        else row.push([k, place(r.values[k], r.values[k] !== null)]);
      });
      // a second level without a first column of its own goes before the name (一级 and 二级 in one column)
      if (level2 < 0 && r.level2 && level1 >= 0 && !r.level1) row[level1] = [level1, place(r.level2, false)];
      out.push(row);
    }
    if (block.total) {
      const t = block.total;
      const row: Array<[number, (col: number) => void]> = [[0, place(t.label, false)]];
      block.header.kinds.forEach((_, k) => {
        if (k > name) row.push([k, place(t.values[k], t.values[k] !== null)]);
      });
      out.push(row);
    }
    return out;
  }
}

/** The goals block's head line run together: the row's label, the goal set's head (lexicon.ts), the achieved head. */
const GOAL_HEAD_RUN = new RegExp(`^((?:年度)?总体目标(?:完成情况)?)?(${[...GOAL_SET_WORDS, '总体目标'].join('|')})((?:全年|年度)?实际完成(?:情况|值)?)$`);

/**
 * The 年度总体目标 lines of a form printed a row a line, cells set apart by spaces: a head line
 * ("总体目标完成情况 总体目标 全年实际完成情况") and one line for each goal column — the goal set, then what was
 * achieved. Each goal line is the cell under its head. Null for any other text between the blocks.
 */
function goalLines(lines: ParagraphBlock[]): { head: ParagraphBlock; heads: string[]; values: Array<[number, ParagraphBlock]> } | null {
  if (lines.length !== 3) return null;
  const spaced = lines[0].text.trim().split(/\s+/);
  // a PDF's text may drop the spaces between the heads: "总体目标完成情况总体目标全年实际完成情况"
  const run = spaced.length === 1 ? GOAL_HEAD_RUN.exec(key(spaced[0])) : null;
  const heads = run ? run.slice(1).filter((h): h is string => !!h) : spaced;
  const set = heads.findIndex((h) => GOAL_SET_HEAD.test(key(h)));
  const achieved = heads.findIndex((h, k) => k > set && GOAL_ACHIEVED_HEAD.test(key(h)));
  if (heads.length > 4 || set < 0 || achieved < 0) return null;
  return { head: lines[0], heads, values: [[set, lines[1]], [achieved, lines[2]]] };
}

/**
 * A total row (年度资金总额) whose glued figures split no single way, read by its parts: the one split
 * whose budget and execution are the sums of the rows below it (其中 …), each of those split one way
 * and the rows without figures left out. The rate printed is kept as printed (a rule checks it).
 */
function totalByParts(rows: FlatForm['rows'], header: FlatHeader): { row: FlatForm['rows'][number]; values: SplitValue[] } | null {
  const [first, ...parts] = rows;
  if (!first?.run.trim() || budgetRowKindOf(key(first.label)) !== 'total' || splitGluedValues(first.run, header.columns).kind === 'split') return null;
  const withFigures = parts.filter((r) => /\d/.test(r.run));
  if (!withFigures.length) return null;
  const money = header.columns.kinds.flatMap((k, i) => (k === 'budget' || k === 'executed' ? [i] : []));
  const sums = money.map(() => Rational.of(0));
  for (const r of withFigures) {
    const split = splitGluedValues(r.run, header.columns);
    if (split.kind !== 'split') return null;
    money.forEach((col, n) => (sums[n] = sums[n].add(Rational.parse(split.values[col].text))));
  }
  const fits = (splitCandidates(first.run, header.columns) ?? []).filter((v) => money.every((col, n) => Rational.parse(v[col].text).eq(sums[n])));
  return fits.length === 1 ? { row: first, values: fits[0] } : null;
}

/** A numbered grid as a flattened form whose rows are already placed (blank cells left out of the values). */
function numberedForm(grid: NumberedGrid): FlatForm {
  const placed: NonNullable<FlatForm['placed']> = new Map();
  const rows = grid.rows.map((r) => {
    const row = { p: r.p, label: r.label, run: r.blank ? '' : r.values === null ? '?' : r.values.filter(Boolean).join(' ') };
    placed.set(row, r.values && r.values.map((v): SplitValue => (v ? { text: v.replace('%', ''), unit: v.endsWith('%') ? '%' : null, span: [0, 0] } : (undefined as unknown as SplitValue))));
    return row;
  });
  const header: FlatHeader = { prefix: grid.prefix, words: grid.columns.map((c) => c.word), columns: { kinds: grid.columns.map((c) => (c.ratio ? 'rate' : 'budget')) } };
  return { fields: [], head: grid.head, header, rows, placed };
}

function placedRow(line: FlatForm['rows'][number], placed: NonNullable<FlatForm['placed']>, unread: RebuiltDocument['unread']): SplitValue[] | null {
  const values = placed.get(line) ?? null;
  if (!values) unread.push({ text: line.p.text.slice(0, 80), where: `${whereOf(line.p)}（${line.label}）：数字与表头各列的对应不唯一，该行数值未读取` });
  return values;
}

type CellMaker = (p: ParagraphBlock, col: number, text: string, span: [number, number] | null, split: boolean) => void;

function splitRow(p: ParagraphBlock, line: { label: string; run: string }, header: FlatHeader, unread: RebuiltDocument['unread']): SplitValue[] | null {
  const outcome = splitGluedValues(line.run, header.columns);
  if (outcome.kind === 'split') return outcome.values;
  const why = outcome.kind === 'ambiguous' ? `连排数字可拆分为${outcome.candidates}种，无法确定` : '连排数字无法按表头拆分';
  unread.push({ text: p.text.slice(0, 80), where: `${whereOf(p)}（${line.label}）：${why}，该行数值未读取` });
  return null;
}
