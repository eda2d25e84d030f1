import type { ParagraphBlock } from '../../schemas/document.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Location } from '../../schemas/location.js';
import { ocrProvenance } from '../recognize/facts.js';
import { bareCaptionFigures, captionAfter, isCaptionFormLine, isStaffFieldPair, STAFF_FIELD, staffFieldCount } from './caption-unit.js';
import { itemSubject, withItemSubject } from './item-subject.js';
import { labelFor } from './label.js';
import { stripNumbering } from './reports.js';
import { cellPlace } from './prose-cells.js';
import { repeatedColumnCells } from './repeated-columns.js';
import { mayHoldFigure, scanFigures } from './scan.js';
import { relate, sentenceBounds, sentenceIndexAt } from './structure.js';
import { shiftDecimal, unitInfo } from './units.js';
import { unglossed } from '../text/glosses.js';
import { isWhitespace } from '../text/spaces.js';

/**
 * Every statistic of a run of narrative paragraphs. PDF text may break a sentence over several
 * paragraph blocks (one per line); such lines are joined into one text unit first, and each figure
 * is located back in the paragraph it starts in.
 */

export interface StatContext {
  part: string;
  narrative: number;
  /** Heading of the section each paragraph ordinal belongs to. */
  sectionOf: (paragraph: number) => string | null;
}

export interface Piece {
  block: ParagraphBlock;
  /** Offset of this paragraph's text inside the unit text. */
  offset: number;
}

export interface TextUnit {
  text: string;
  pieces: Piece[];
}

const SENTENCE_CLOSED = /[。！？!?；;：:]\s*$/;

/** Join PDF line-paragraphs that continue a sentence; Word paragraphs stay as they are. */
/** A line that opens with a money unit in brackets: "(万元)18821.06", "（万元）". */
const UNIT_CAPTION_START = /^\s*[（(]\s*(?:万元|亿元|元)\s*[)）]/;

export function textUnits(paragraphs: ParagraphBlock[], joinLines: boolean): TextUnit[] {
  const units: TextUnit[] = [];
  paragraphs.forEach((p, index) => {
    const last = units.at(-1);
    const lastPiece = last?.pieces.at(-1);
    // a staffing field's name over its bare count starts a text of its own (a PDF's lines are not run into it)
    const staffName = (STAFF_FIELD.test(p.text.trim()) && /^\s*\d{1,5}\s*$/.test(paragraphs[index + 1]?.text ?? '')) || (last !== undefined && isStaffFieldPair(last.text));
    const continues =
      !staffName &&
      joinLines &&
      last !== undefined &&
      lastPiece !== undefined &&
      lastPiece.block.paragraph === p.paragraph - 1 &&
      !SENTENCE_CLOSED.test(last.text) &&
      !/^\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十\d]{1,3}\s*[、.．](?!\d)|[一二三四五六七八九十]是)/.test(p.text);
    // A long paragraph broken off mid-word, the next one starting with a bare "3、": a page or chunk
    // marker inserted into a sentence (copies from document-sharing sites), not a list item — in any
    // container. Headings are short and list intros end with ：, so neither is joined.
    const brokenMidWord =
      last !== undefined &&
      lastPiece !== undefined &&
      lastPiece.block.paragraph === p.paragraph - 1 &&
      last.text.length >= 40 &&
      /[\u4e00-\u9fa5]$/.test(last.text) &&
      /^\d{1,2}、[\u4e00-\u9fa5]/.test(p.text);
    // A form flattened to text keeps the line breaks of its cells: "…全年执行数(B)执行率(B/A)其中…300万元"
    // / "259.45万元" / "86.5%市县资金…". A paragraph that starts with a figure right after an unclosed
    // paragraph ending in a figure continues it (a year or a list number starts a paragraph of its own).
    const figureRun =
      last !== undefined &&
      lastPiece !== undefined &&
      lastPiece.block.paragraph === p.paragraph - 1 &&
      !SENTENCE_CLOSED.test(last.text) &&
      !/[。！？!?]/.test(last.text) &&
      /\d\s*(?:%|[\u4e00-\u9fa5]{1,2})?\s*$/.test(last.text) &&
      /^\s*\d+(?:\.\d+)?\s*(?:%|万?[\u4e00-\u9fa5])/.test(p.text) &&
      !/^\s*(?:19|20)\d{2}\s*年/.test(p.text);
    // Text copied from a PDF into Word keeps the PDF's line breaks as paragraphs: a clause broken
    // between its label and its figure ("…开展绩效自评,自评得分" / "90 分,存在的问题…"). The first line
    // is prose (a clause after a comma, no full stop at its end, ending on a word), the next starts
    // with the figure and its unit and goes on — a heading never ends after a comma.
    const labelThenFigure =
      last !== undefined &&
      lastPiece !== undefined &&
      lastPiece.block.paragraph === p.paragraph - 1 &&
      /[，,][^，,。！？!?；;：:]{2,}[\u4e00-\u9fa5]\s*$/.test(last.text) &&
      /^\s*\d+(?:\.\d+)?\s*(?:%|万?[\u4e00-\u9fa5])\s*[，,。；;、]/.test(p.text) &&
      !/^\s*(?:19|20)\d{2}\s*年/.test(p.text);
    // A form's field flattened one cell a line by a document site: its name, its unit caption, its amount
    // ("计划投资额" / "(万元)18821.06", "实际到位资金" / "(万元)" / "18821.06") are one field.
    const fieldCaption =
      last !== undefined &&
      lastPiece !== undefined &&
      lastPiece.block.paragraph === p.paragraph - 1 &&
      ((/^[\u4e00-\u9fa5]{2,12}$/.test(last.text.trim()) && UNIT_CAPTION_START.test(p.text)) ||
        (/^[\u4e00-\u9fa5]{2,12}\s*[（(]\s*(?:万元|亿元|元)\s*[)）]\s*$/.test(last.text.trim()) && /^\s*\d+(?:\.\d+)?\s*$/.test(p.text)) ||
        // a staffing field: "人员编制" / "128"
        (last.pieces.length === 1 && STAFF_FIELD.test(last.text.trim()) && /^\s*\d{1,5}\s*$/.test(p.text)));
    if (continues || brokenMidWord || figureRun || labelThenFigure || fieldCaption) {
      last.pieces.push({ block: p, offset: last.text.length });
      last.text += p.text;
    } else {
      units.push({ text: p.text, pieces: [{ block: p, offset: 0 }] });
    }
  });
  return units;
}

export function extractStats(paragraphs: ParagraphBlock[], joinLines: boolean, ctx: StatContext): NarrativeStat[] {
  const out: NarrativeStat[] = [];
  // the money unit of a flattened form's caption ("…资金合计(万元)"), for the bare amounts under it
  let caption: string | undefined;
  const items: ItemNumbering = { last: null };
  const units = underCaptionJoined(textUnits(paragraphs, joinLines));
  units.forEach((unit, i) => {
    // the lines around it, for the column headers of a row flattened with its label once per column
    const near = () => ({ before: units.slice(Math.max(0, i - 2), i).map((u) => u.text), after: units.slice(i + 1, i + 3).map((u) => u.text) });
    out.push(...extractUnit(unit, ctx, caption, items, near));
    caption = captionAfter(unit.text, caption);
  });
  return out;
}

/** The number of the last list item read ("6.办案经费…"), carried from one paragraph to the next. */
interface ItemNumbering {
  last: number | null;
}

/** A list item's number where a line or clause starts: "7.", "7．", "7、", its point followed by a digit or not. */
const ITEM_MARK = /(^|[。；;\n])\s*(\d{1,2})([.．、])(?=(\d?))/g;

/**
 * Points of list items whose number runs into a count: "6.…;" then "7.21个司法所基本完成信息化建设" is item 7 of
 * 21 offices, not 7.21 of them. Only the item right after the one before (6 → 7) is taken so; "1.5个百分点"
 * opening a list, or after item 3, stays a decimal. Returns the positions of those points in `text`.
 */
function runInItemPoints(text: string, items: ItemNumbering): number[] {
  const points: number[] = [];
  ITEM_MARK.lastIndex = 0;
  for (let m = ITEM_MARK.exec(text); m; m = ITEM_MARK.exec(text)) {
    const n = Number(m[2]);
    const point = m.index + m[0].length - 1;
    if (m[4] === '') items.last = n;
    // a run-in number only where a line starts: after 。 or ； "2.5万元" may open a sentence with an amount
    else if ((m[1] === '' || m[1] === '\n') && m[3] !== '、' && items.last !== null && n === items.last + 1) {
      points.push(point);
      items.last = n;
    }
  }
  return points;
}

/**
 * The lines of a form flattened one cell a line, under a money caption, read as one text the way a PDF
 * runs them together: "年度预算资金总额: 321.25" / "其中:中央补助 166.00" / "市级资金 136.00" is a total and its parts.
 */
function underCaptionJoined(units: TextUnit[]): TextUnit[] {
  const out: TextUnit[] = [];
  let caption: string | undefined;
  let previousFormLine = false;
  for (const unit of units) {
    const formLine = isCaptionFormLine(unit.text);
    const last = out[out.length - 1];
    // a caption opens the next block of the form ("…补助资金(万元)"): it is not joined to the one before
    if (last && caption && formLine && previousFormLine && captionAfter(unit.text, undefined) === undefined) {
      last.pieces.push(...unit.pieces.map((p) => ({ block: p.block, offset: p.offset + last.text.length })));
      last.text += unit.text;
    } else {
      out.push({ text: unit.text, pieces: [...unit.pieces] });
    }
    caption = captionAfter(unit.text, caption);
    previousFormLine = formLine;
  }
  return out;
}

function loneUnder(norm: string, figures: ReadonlyArray<{ start: number; end: number }>, heading: string | null): string {
  if (figures.length !== 1 || !heading) return '';
  const f = figures[0];
  if (norm.slice(0, f.start).trim() !== '' || !/^[\s。.；;，,]*$/.test(norm.slice(f.end))) return '';
  const words = stripNumbering(heading).replace(/[:：。]+$/, '');
  return words.length < heading.replace(/\s/g, '').length && /^[\u4e00-\u9fa5]{2,16}$/.test(words) ? words : '';
}

function extractUnit(unit: TextUnit, ctx: StatContext, caption: string | undefined, items: ItemNumbering, near: () => { before: string[]; after: string[] }): NarrativeStat[] {
  // without a digit or a numeral there is no figure to read, no list number to carry and no bare amount
  if (!mayHoldFigure(unit.text)) return [];
  // pinyin glosses ("水庫(kù)") are read past; every position is mapped back to the source text
  const clean = unglossed(unit.text);
  // an item's number run into its first count is read as the list mark it is (7.21个 → 7、21个), same length
  const points = runInItemPoints(clean.text, items);
  const scanned = scanFigures(points.reduce((t, p) => `${t.slice(0, p)}、${t.slice(p + 1)}`, clean.text));
  const { norm, masks } = scanned;
  const staff = scanned.figures.length === 0 ? staffFieldCount(norm) : null;
  const read = staff ? [staff] : withoutFusedCells(scanned.figures, norm);
  const bare = bareCaptionFigures(norm, caption, read);
  // a row flattened with its label once per column: its cells are read as amounts of their columns
  const cells = repeatedColumnCells(norm, near);
  const cellLabels = new Map(cells.map((c) => [c.figure.start, c.label]));
  const apart = (f: { start: number; end: number }) => !cells.some(({ figure: c }) => f.start < c.end && f.end > c.start);
  const figures =
    cells.length > 0
      ? [...read.filter(apart), ...bare.filter(apart), ...cells.map((c) => c.figure)].sort((a, b) => a.start - b.start)
      : bare.length > 0
        ? [...read, ...bare].sort((a, b) => a.start - b.start)
        : read;
  if (figures.length === 0) return [];
  const sentences = sentenceBounds(norm);
  const relations = relate(norm, figures, sentences);
  const counter = new CompactCounter();
  const ids = figures.map((f) => statId(unit, clean.start(f.start), counter));
  const subject = itemSubject(norm);
  // one string per sentence, shared by its figures
  const sentenceText = new Map<number, string>();
  const sentenceAt = (s0: number, s1: number) => {
    let t = sentenceText.get(s0);
    if (t === undefined) {
      t = unit.text.slice(clean.start(s0), clean.end(s1)).trim();
      sentenceText.set(s0, t);
    }
    return t;
  };
  return figures.map((f, i) => {
    const start = clean.start(f.start);
    const end = clean.end(f.end);
    const piece = pieceAt(unit, start);
    const info = unitInfo(f.figure.unit);
    const previousEnd = i > 0 ? figures[i - 1].end : 0;
    const si = sentenceIndexAt(sentences, f.start);
    const [s0, s1] = si >= 0 ? sentences[si] : [0, clean.text.length];
    const rel = relations[i];
    // prose read from a table cell is located by its cell, not by a paragraph
    const cell = cellPlace(piece.block);
    const section = ctx.sectionOf(piece.block.paragraph);
    const stat: NarrativeStat = {
      id: ids[i],
      figure: clean.text === unit.text ? f.figure : { ...f.figure, text: unit.text.slice(start, end) },
      normalizedUnit: info ? info.normalized : f.figure.unit,
      normalizedValue: info ? shiftDecimal(f.figure.value, info.shift) : f.figure.value,
      label: cellLabels.get(f.start) ?? (loneUnder(norm, figures, section) || withItemSubject(labelFor(norm, f.start, f.end, masks, previousEnd), subject, f.start)),
      dimension: info ? info.dimension : 'other',
      sentence: sentenceAt(s0, s1),
      loc: statLocation(ctx.part, piece, cell, start, end, () => sentenceAt(s0, s1)),
      partOf: rel.parent === null ? null : ids[rel.parent],
      relation: rel.relation,
      openList: rel.openList,
      narrative: ctx.narrative,
      section,
      mention: f.slogan ? 'slogan' : 'measure',
      each: f.each ? rel.each ?? null : null,
      per: f.per,
      listLength: rel.listLength,
      unknownUnit: f.unknownUnit,
    };
    if (rel.listItem) stat.listItem = rel.listItem;
    if (rel.itemOf !== null) stat.itemOf = ids[rel.itemOf];
    return stat;
  });
}

/**
 * A statement's location, made as one object with the fields in the order location() gives them (part, table,
 * row, col, page, paragraph, then gridInferred, block, span and the OCR provenance): no partial object spread
 * into it, and no empty provenance spread when the block was not read by OCR and lost no glyph.
 */
export function statLocation(part: string, piece: Piece, cell: ReturnType<typeof cellPlace>, start: number, end: number, sentence: () => string): Location {
  const block = piece.block;
  const loc: Location = {
    part,
    table: cell ? cell.table : null,
    row: cell ? cell.row : null,
    col: cell ? cell.col : null,
    page: pageAt(block, start - piece.offset),
    paragraph: cell ? null : block.paragraph,
  };
  if (cell?.gridInferred) loc.gridInferred = true;
  loc.block = block.block;
  loc.span = [start - piece.offset, end - piece.offset];
  if (block.textSource || block.damagedGlyphs) Object.assign(loc, ocrProvenance(block, sentence()));
  return loc;
}

export function pieceAt(unit: TextUnit, pos: number): Piece {
  let found = unit.pieces[0];
  for (const p of unit.pieces) if (p.offset <= pos) found = p;
  return found;
}

/**
 * Stable id within the report: "p<paragraph>:<start>" ("t<table>r<row>c<col>:<start>" for prose in a table cell), the start counted in the paragraph's text
 * with whitespace removed, so that the .docx (typed spaces, indents) and the .pdf (no spaces, only
 * positions) of one report give the same ids. `loc.span` keeps the true offsets of each container.
 */
export function statId(unit: TextUnit, pos: number, counter: CompactCounter): string {
  const piece = pieceAt(unit, pos);
  const cell = cellPlace(piece.block);
  const at = cell ? `t${cell.table}r${cell.row}c${cell.col}` : `p${piece.block.paragraph}`;
  return `${at}:${counter.before(piece.block.text, pos - piece.offset)}`;
}

/**
 * Characters other than whitespace (/\s/) before an offset of a text. A unit's figures come in
 * order, so each count goes on from the one before instead of from the paragraph's start.
 */
export class CompactCounter {
  private text = '';
  private at = 0;
  private count = 0;

  before(text: string, offset: number): number {
    offset = Math.min(offset, text.length);
    if (text !== this.text || offset < this.at) {
      this.text = text;
      this.at = 0;
      this.count = 0;
    }
    for (; this.at < offset; this.at++) if (!isWhitespace(text.charCodeAt(this.at))) this.count++;
    return this.count;
  }
}

/** Page of character `offset` of a paragraph: PDF paragraphs may run over a page break. */
export function pageAt(block: ParagraphBlock, offset: number): number | null {
  let page = block.page;
  for (const b of block.pageBreaks ?? []) if (offset >= b.offset) page = b.page;
  return page;
}

/** Comparator signs (and their OCR look-alikes) a flattened form may leave between two cells. */
const CELL_GAP = /^[≥≤＞＜><=^$≧≦]?$/;

/**
 * A form flattened to running text (an .xlsx pasted as one line) fuses its cells: "指标1免费发放原原种
 * 8550万粒550万粒8" is 分值 8, target 550万粒, actual 550万粒, score 8. A figure whose digits are one
 * or two digits followed by the digits of the figure right after it, with the same unit, is such a
 * fusion (a weight glued to a target): it is not a value and is left out, never split by guess.
 */
export function withoutFusedCells<T extends { figure: { value: string; unit: string | null }; start: number; end: number; numberStart: number }>(figures: T[], norm: string): T[] {
  return figures.filter((f, i) => {
    const next = figures[i + 1];
    if (!next || next.figure.unit !== f.figure.unit || f.figure.unit === null) return true;
    if (!CELL_GAP.test(norm.slice(f.end, next.numberStart))) return true;
    const digits = norm.slice(f.numberStart, f.end).match(/^[\d.,]+/)?.[0] ?? '';
    const nextDigits = norm.slice(next.numberStart, next.end).match(/^[\d.,]+/)?.[0] ?? '';
    const extra = digits.length - nextDigits.length;
    return !(nextDigits && extra >= 1 && extra <= 2 && digits.endsWith(nextDigits) && /^\d+$/.test(digits.slice(0, extra)));
  });
}
