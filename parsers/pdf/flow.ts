import type { Block, ParagraphBlock } from '../../schemas/document.js';
import { lastChar, NO_LINE_START, squeeze, wrapSeparator } from './cjk.js';
import { lineFilled } from './lines.js';
import type { PageTable } from './page-table.js';
import { continuesTable, joinTableParts, repeatsFirstRow } from './table-join.js';
import { continuationAbove, opensAnotherForm } from './stacked-forms.js';
import { alignBorderlessParts } from './borderless-join.js';
import { lowestConfidence, roundBox, unionBox, type BBox, type TextLine } from './types.js';
import { parseChineseNumeral } from '../../src/narrative/numerals.js';

/** Content of the document in reading order: body lines and table parts, page by page. */
export type FlowItem = { kind: 'line'; page: number; line: TextLine } | { kind: 'table'; page: number; table: PageTable };

export interface TextColumn {
  /** Left and right edges of the text column: where full lines start and end. */
  left: number;
  right: number;
}

/**
 * The text column: where full lines start and end. Wrapped lines end at the right edge (exactly
 * when justified, a little short when ragged); one-line paragraphs end anywhere short of it, and a
 * report repeats them (the same sentence for every project, digits changed), so each line counts
 * once by its wording without digits, lines ending in punctuation (sentence ends, or a mark hung
 * past the edge) are left out, and the right edge is the rightmost edge that a good share of the
 * lines reach (an edge further left would join short paragraphs).
 */
export function measureTextColumn(lines: readonly TextLine[]): TextColumn {
  const seen = new Set<string>();
  const long: TextLine[] = [];
  for (const l of lines) {
    if (l.text.length < 8) continue;
    const wording = l.text.replace(/[0-9０-９.,，]+/g, '#');
    if (seen.has(wording)) continue;
    seen.add(wording);
    long.push(l);
  }
  // A line ending in punctuation may hang it past the edge (CJK 标点悬挂), or end a sentence short of it.
  const unpunctuated = long.filter((l) => !NO_LINE_START.test(lastChar(l.text)));
  const forRight = unpunctuated.length >= 3 ? unpunctuated : long;
  let right = commonEdge(forRight.map((l) => l.x1), 'right');
  // A report cut short (a web page's first screen) may have one line that wrapped: two short lines ending
  // by chance together are no edge when more lines run on past it. The longest line then marks the edge.
  const past = forRight.filter((l) => l.x1 > right + l.size);
  if (past.length >= 2 && past.length >= forRight.filter((l) => l.x1 >= right - 5 && l.x1 <= right + l.size).length) right = Math.ceil(Math.max(...past.map((l) => l.x1)));
  return { left: commonEdge(long.map((l) => l.x0), 'left'), right };
}


function commonEdge(values: number[], side: 'left' | 'right'): number {
  const counts = new Map<number, number>();
  for (const v of values) {
    const key = Math.round(v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // Lines ending (starting) within a few points of each other share an edge: glyph advances round,
  // and a justified line ends a little short when its last character is narrow.
  const reach = side === 'right' ? 3 : 1;
  const near = (key: number) => {
    let n = 0;
    for (let k = key - reach; k <= key + reach; k++) n += counts.get(k) ?? 0;
    return n;
  };
  let best = -1;
  let bestCount = 0;
  for (const key of counts.keys()) {
    const n = near(key);
    if (n > bestCount || (n === bestCount && key > best)) {
      best = key;
      bestCount = n;
    }
  }
  if (side === 'left' && bestCount >= 3) return best - 1;
  if (side === 'right' && bestCount >= 2) {
    // The rightmost edge a good share of the lines reach: no line of the column runs past it but
    // by a hanging punctuation mark (which still reads as full), and one-line paragraphs, however
    // many, end short of it.
    let edge = best;
    for (const key of counts.keys()) if (key > edge && near(key) >= Math.max(2, bestCount / 4)) edge = key;
    return edge + 1;
  }
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  return side === 'right' ? sorted[Math.floor((sorted.length - 1) * 0.9)] : sorted[Math.floor((sorted.length - 1) * 0.1)];
}

/**
 * Does line `b` continue the paragraph whose last line is `a`? The line must have run into the
 * right edge, the next must not be indented further (a first-line indent starts a paragraph),
 * share the font size, and follow at normal line spacing (or open the next page).
 */
function continuesParagraph(a: FlowItem & { kind: 'line' }, b: FlowItem & { kind: 'line' }, column: TextColumn): boolean {
  const la = a.line;
  const lb = b.line;
  if (Math.abs(la.size - lb.size) > 0.6) return false;
  if (!lineFilled(la, lb, column.right)) return false;
  // A sentence ended and a numbered item begins ("…完成。" / "3、产出成本指标…"): a new paragraph,
  // however little room the line above left.
  if (SENTENCE_END.test(la.text) && ITEM_START.test(lb.text)) return false;
  if (lb.x0 > la.x0 + 0.6 * la.size) return false;
  if (b.page === a.page) return lb.top - la.bottom <= 2.2 * la.size && lb.top > la.top;
  return b.page === a.page + 1;
}

const SENTENCE_END = /[。；：！？;:!?]$/u;

/** Paragraph spacing (段前/段后) wider than this share of the font size parts two paragraphs. */
const PARAGRAPH_SPACING = 0.4;

/**
 * Does paragraph spacing part line `b` from `a` though `a` ran into the right edge ("…请在优知文库上搜索。"
 * full to the margin, the report's first line under it)? The step between them exceeds, by paragraph
 * spacing, the line pitch of the paragraph (the step into `a`, the step out of `b` when `b` wraps) and of
 * the document. Only where a sentence ended or a numbered item begins: a line of a sentence is never cut
 * off, whatever taller glyph widened its step.
 */
function spacedApart(before: FlowItem | undefined, a: FlowItem & { kind: 'line' }, b: FlowItem & { kind: 'line' }, after: FlowItem | undefined, pitch: number | null, column: TextColumn): boolean {
  if (b.page !== a.page || !(SENTENCE_END.test(a.line.text) || ITEM_START.test(b.line.text))) return false;
  const size = a.line.size;
  const pitches: number[] = [];
  if (before?.kind === 'line' && before.page === a.page) pitches.push(a.line.bottom - before.line.bottom);
  if (after?.kind === 'line' && after.page === b.page && continuesParagraph(b, after, column)) pitches.push(after.line.bottom - b.line.bottom);
  if (pitch !== null) pitches.push(pitch * size);
  const step = b.line.bottom - a.line.bottom;
  return pitches.length > 0 && pitches.every((p) => step >= p + PARAGRAPH_SPACING * size);
}
const ITEM_START = /^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十\d]{1,3}[条章节部分])/u;

/**
 * The item number a line opens with (列表序号) — 六、 / 1. / （一） / (1) / 第三部分 —, also after a label
 * ending in a colon (附件：1.…): its style and value; null when the line opens with none.
 */
function openingItem(text: string): { style: string; n: number } | null {
  const m = /^\s*(?:[\u4e00-\u9fff]{1,4}\s*[:：]\s*)?(?:([（(])?([一二三四五六七八九十]{1,3}|\d{1,2})([)）]|[、.．](?!\d))|第([一二三四五六七八九十]{1,3}|\d{1,2})(部分|[条章节]))/u.exec(text);
  if (!m) return null;
  const digits = m[2] ?? m[4];
  const n = /\d/.test(digits) ? Number(digits) : parseChineseNumeral(digits);
  if (n === null) return null;
  const kind = /\d/.test(digits) ? 'arabic' : 'chinese';
  if (m[4]) return { style: `第${kind}${m[5]}`, n };
  if (!m[1] !== !/[)）]/.test(m[3])) return null;
  return { style: `${m[1] ? '()' : '、'}${kind}`, n };
}

/** A line opening the attachments (附件：/ 附件1：…). */
const ATTACHMENTS = /^\s*附件\s*\d{0,2}\s*[:：]/u;

/**
 * Does `next` open another entry after a one-line list item (`line` opening with an item number: a
 * contents list, a list of attachments)? The next number of the same list, the first item of a list under
 * it (一、 / （一） / 1.), a part heading (第二部分), or the attachments line start a paragraph of their own,
 * whatever room the item's line left: a list of short items of equal length (…决算明细表 / …决算明细表)
 * ends at one place without having wrapped.
 */
function opensNextEntry(line: string, next: string): boolean {
  const item = openingItem(line);
  if (!item) return false;
  if (ATTACHMENTS.test(next)) return true;
  const after = openingItem(next);
  if (!after) return false;
  if (after.n === 1 || (after.style.startsWith('第') && after.style.endsWith('部分'))) return true;
  return after.style === item.style && after.n === item.n + 1;
}

/**
 * Line pitch inside paragraphs, as a multiple of the font size (median over lines that wrapped).
 * A paragraph break adds spacing; a manual line break (Word's Shift+Enter) does not.
 */
function measureLinePitch(flow: readonly FlowItem[], columnOf: (page: number) => TextColumn): number | null {
  const ratios: number[] = [];
  for (let i = 1; i < flow.length; i++) {
    const a = flow[i - 1];
    const b = flow[i];
    if (a.kind !== 'line' || b.kind !== 'line' || a.page !== b.page) continue;
    if (!continuesParagraph(a, b, columnOf(a.page))) continue;
    ratios.push((b.line.bottom - a.line.bottom) / a.line.size);
  }
  if (ratios.length < 3) return null;
  ratios.sort((x, y) => x - y);
  return ratios[ratios.length >> 1];
}

/**
 * A title over two or three lines, same size, at the paragraph line pitch, the lines below centred
 * in the column. Broken by hand (every line centred, none full): joined with "\n", as Word keeps
 * them. Too long for one line (the first spans the column with equal margins and ends no
 * sentence): Word wrapped it, one paragraph joined like wrapped text. Null when `b` is no such line.
 */
function titleSeparator(a: FlowItem & { kind: 'line' }, b: FlowItem & { kind: 'line' }, text: string, column: TextColumn, pitch: number | null): string | null {
  if (pitch === null || a.page !== b.page) return null;
  const la = a.line;
  const lb = b.line;
  if (Math.abs(la.size - lb.size) > 0.3) return null;
  if (Math.abs((lb.bottom - la.bottom) / la.size - pitch) > 0.08 * pitch) return null;
  const mid = (column.left + column.right) / 2;
  const onAxis = (l: TextLine) => Math.abs((l.x0 + l.x1) / 2 - mid) <= 0.5 * l.size;
  const centred = (l: TextLine) => onAxis(l) && l.x0 > column.left + l.size;
  if (!centred(lb)) return null;
  if (centred(la)) return '\n';
  const wrapped = onAxis(la) && lb.x0 > column.left + 2 * lb.size && !SENTENCE_END.test(la.text) && !/[。，]$/u.test(la.text) && lineFilled(la, lb, column.right);
  return wrapped ? wrapSeparator(text, lb.text) : null;
}

/** Turn the flow into blocks: lines into whole paragraphs, table parts into whole tables. */
export function buildBlocks(given: readonly FlowItem[], column: TextColumn | ((page: number) => TextColumn)): Block[] {
  const columnOf = typeof column === 'function' ? column : () => column;
  // A grid at the top of a page may be cut in two below (continuationAbove): its lower part takes its place.
  const flow = [...given];
  const pitch = measureLinePitch(flow, columnOf);
  const blocks: Block[] = [];
  let paragraphCount = 0;
  let tableCount = 0;
  let i = 0;
  while (i < flow.length) {
    const item = flow[i];
    if (item.kind === 'table') {
      const parts = [item.table];
      const title = titleBefore(flow, i);
      let j = i + 1;
      while (j < flow.length) {
        j += repeatedTitleLength(flow, j, title, parts.at(-1)!, item.table);
        const next = flow[j];
        if (next?.kind !== 'table') break;
        const cut = continuationAbove(parts.at(-1)!, next.table);
        if (cut && !opensAnotherForm(item.table, cut[0])) {
          parts.push(cut[0]);
          flow[j] = { ...next, table: cut[1] };
          break;
        }
        if (!continuesTable(parts.at(-1)!, next.table) || opensAnotherForm(item.table, next.table)) break;
        parts.push(next.table);
        j++;
      }
      if (parts.length > 1 && parts.every((p) => p.bands)) alignBorderlessParts(parts);
      blocks.push(joinTableParts(parts, blocks.length, tableCount++));
      i = j;
      continue;
    }
    let text = item.line.text;
    let bbox: BBox | null = lineBox(item.line);
    let last = item;
    let confidence = lowestConfidence(item.line.runs);
    const pageBreaks: { offset: number; page: number }[] = [];
    let j = i + 1;
    while (j < flow.length) {
      const next = flow[j];
      if (next.kind !== 'line') break;
      const column = columnOf(last.page);
      if (last === item && opensNextEntry(text, next.line.text)) break;
      const separator =
        continuesParagraph(last, next, column) && !spacedApart(j - 1 > i ? flow[j - 2] : undefined, last, next, flow[j + 1], pitch, column)
          ? wrapSeparator(text, next.line.text)
          : titleSeparator(last, next, text, column, pitch);
      if (separator === null) break;
      text += separator;
      if (next.page !== last.page) pageBreaks.push({ offset: text.length, page: next.page });
      text += next.line.text;
      if (next.page === item.page) bbox = unionBox(bbox, lineBox(next.line));
      const nextConfidence = lowestConfidence(next.line.runs);
      if (nextConfidence !== undefined) confidence = Math.min(confidence ?? 1, nextConfidence);
      last = next;
      j++;
    }
    const block: ParagraphBlock = {
      kind: 'paragraph',
      block: blocks.length,
      paragraph: paragraphCount++,
      text,
      style: null,
      page: item.page,
      bbox: roundBox(bbox),
      fontSize: Math.round(item.line.size * 10) / 10,
    };
    if (pageBreaks.length) block.pageBreaks = pageBreaks;
    if (confidence !== undefined) block.confidence = confidence;
    blocks.push(block);
    i = j;
  }
  return blocks;
}

/** At most this many lines make a form's title (title, subtitle, 填报单位 line). */
const MAX_TITLE_LINES = 3;

/** The lines directly above the table at flow[i] on its own page (its title), squeezed. */
function titleBefore(flow: readonly FlowItem[], i: number): string[] {
  const title: string[] = [];
  for (let k = i - 1; k >= 0 && title.length < MAX_TITLE_LINES; k--) {
    const item = flow[k];
    if (item.kind !== 'line' || item.page !== flow[i].page) break;
    title.unshift(squeeze(item.line.text));
  }
  return title;
}

/**
 * A form printed with its title repeated on every page (a spreadsheet's 打印标题, a title kept
 * as content because it is larger than the body text): lines at the top of the page after a
 * table part that repeat the lines above the table's first part, followed by a part that
 * continues the table and repeats its first row. Returns how many flow items to step over (0 if none).
 */
function repeatedTitleLength(flow: readonly FlowItem[], j: number, title: readonly string[], last: PageTable, first: PageTable): number {
  if (!title.length) return 0;
  for (let n = 1; n <= title.length; n++) {
    const lines = flow.slice(j, j + n);
    const next = flow[j + n];
    if (lines.length < n || lines.some((l) => l.kind !== 'line' || l.page !== last.page + 1)) return 0;
    if (next?.kind !== 'table' || next.page !== last.page + 1) continue;
    const texts = lines.map((l) => (l.kind === 'line' ? squeeze(l.line.text) : ''));
    if (texts.join('\n') !== title.slice(-n).join('\n')) return 0;
    return continuesTable(last, next.table) && repeatsFirstRow(first, next.table) ? n : 0;
  }
  return 0;
}

function lineBox(line: TextLine): BBox {
  return [line.x0, line.top, line.x1, line.bottom];
}
