import { Rational } from '../numbers/decimal.js';
import { isWhitespace } from '../text/spaces.js';

/**
 * The indicator block of a form flattened into text (绩效指标 连排: a web page or a copy ran the rows of
 * "一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分" into lines or one paragraph —
 * "产出指标(70分)数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米≥50厘米10质量指标…总分100100").
 * The header words give the columns; level words (产出指标, 数量指标 …) open groups; a row is a name up to
 * its first figure, then its values. Where a row's values end and how they split is chosen among the
 * cuts the text allows by what the form says — the column kinds (分值/得分 are plain points, never
 * above 100; a target is a figure with its comparator and unit, or words), a space is always a cut —
 * and only then by arithmetic (得分 ≤ 分值). More than one split left → the row is unread, said so.
 */

export type IndicatorColumnKind = 'level1' | 'level2' | 'name' | 'weight' | 'target' | 'actual' | 'score' | 'review' | 'reason';
type ValueKind = Exclude<IndicatorColumnKind, 'level1' | 'level2' | 'name'>;

export interface FlatIndicatorHeader {
  words: string[];
  kinds: IndicatorColumnKind[];
}

/** Header words of an indicator block, with the column each one is. */
const HEADER_WORDS: Array<{ match: RegExp; kind: IndicatorColumnKind }> = [
  { match: /^一级指标/, kind: 'level1' },
  { match: /^二级指标/, kind: 'level2' },
  { match: /^(?:三级指标(?:名称)?|指标名称)/, kind: 'name' },
  { match: /^(?:指标)?(?:分值|权重)(?:\(分\))?/, kind: 'weight' },
  { match: /^(?:年度|年初|预期|全年)?(?:指标值|目标值)/, kind: 'target' },
  { match: /^(?:全年|年终|年度)?(?:实际完成值|实际值|完成值|实际完成情况|实际完成)/, kind: 'actual' },
  { match: /^(?:自评)?得分|^自评分/, kind: 'score' },
  { match: /^复核(?:得)?分/, kind: 'review' },
  // 未完成原因及拟采取的改进措施 / 偏差原因分析及改进措施 / 未完成原因和改进措施
  { match: /^(?:偏差|未完成)[\u4e00-\u9fa5]{0,6}?原因(?:分析|说明)?(?:[及和与][\u4e00-\u9fa5]{0,8}?措施)?/, kind: 'reason' },
];

/** The indicator header words starting at `at`, and where they end; null unless they name the levels, a target and an actual. */
export function readIndicatorHeaderAt(text: string, at: number): { header: FlatIndicatorHeader; end: number } | null {
  const words: string[] = [];
  const kinds: IndicatorColumnKind[] = [];
  let end = at;
  for (;;) {
    const ahead = compactAhead(text, end);
    const hit = HEADER_WORDS.map((w) => ({ w, m: w.match.exec(ahead.compact) })).find((x) => x.m && !kinds.includes(x.w.kind));
    if (!hit) break;
    words.push(hit.m![0]);
    kinds.push(hit.w.kind);
    end = ahead.endOf(hit.m![0].length);
  }
  const levels = kinds.filter((k) => k === 'level1' || k === 'level2').length;
  if (!kinds.includes('name') || levels === 0 || !kinds.includes('target') || !kinds.includes('actual')) return null;
  return { header: { words, kinds }, end };
}

/** A piece of the text: what it says and [start, end) in the text it was read from. */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

export interface FlatIndicatorRow {
  level1: Piece | null;
  level2: Piece | null;
  name: Piece;
  /** One entry per header column: the value read there (null when the column has none or the row is unread). */
  values: Array<Piece | null>;
  /** Set when the row's values split more than one way or not at all. */
  unread: string | null;
  /** The template's spare row (……, 指标2 left blank): its name only, kept so that the leftover is seen. */
  placeholder?: true;
}

export interface FlatIndicatorBlock {
  header: FlatIndicatorHeader;
  rows: FlatIndicatorRow[];
  total: { label: Piece; values: Array<Piece | null> } | null;
  /** Where reading stopped in the text. */
  end: number;
}

// 成本指标 is a first level in the 2021 template (成本指标 › 经济成本指标) and a second one under 产出指标
const LEVEL1 = /^(?:产出|效益|满意度|成本)指标(?:\(\d+(?:\.\d+)?分\))?/;
const LEVEL2 = /^(?:数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度|经济成本|社会成本|生态环境成本)指标(?:\(\d+(?:\.\d+)?分\))?/;
const TOTAL = /^(?:总分|合计|总计|综合得分)/;
// the template's spare rows: "……", or 指标2 left without a name (its cells blank)
const PLACEHOLDER = /^(?:[…⋯]+|\.{3,}|。{3,}|(?:三级)?指标\s*\d{1,2}\s*[:：]?(?=\s|$))/;
/** A row's name: up to its first figure, comparator or space; the template's numbering before it is part of it ("指标1工程资金金额"). */
const NAME = /^(?:(?:三级)?指标\d{1,2}[:：、.]?)?[^\d≥≤><=＞＜\s]+/;
const NOTE = /^(?:注[:：]|说明[:：]|备注[:：])/;
const COMPARATOR = /[≥≤><=＞＜]/;
/** Units a figure of a target or actual carries ("≥266米", "20万元"): after them comes the next figure, not a name. */
const UNIT = /^(?:%|万元|元|公里|千米|平方米|立方米|厘米|米|亩|人次|人|户|个|次|家|所|处|件|台|套|座|项|份|场|期|批|吨|天|日|月|年|小时|分钟|册|本|条|张|辆|头|只|株|棵|间|栋|km|m|㎡)/;
/** A 偏差原因 cell left over after its row: prose (a clause mark) or no figure at all — never a name followed by its values. */
const REASON_TEXT = /[，,。；;：:]|^[^\d]+$/;
/** A unit the list does not know (万粒, 万株): one or two characters between a figure and the next one; 指标2 is a row's numbering. */
const SHORT_UNIT = /^(?!指标)[\u4e00-\u9fa5]{1,2}/;
const POINTS = /^(?:0|[1-9]\d*)(?:\.\d+)?$/;
const MEASURE = /^(?:[≥≤><=＞＜]=?|大于等于|小于等于|大于|小于|不低于|不少于|不高于|不超过|达到)?(?:0|[1-9]\d*)(?:\.\d+)?(?:%|[A-Za-z\u4e00-\u9fa5㎡²/]{1,5})?$/;
const WORDS = /^[^\d]{1,30}$/;
const HUNDRED = Rational.of(100);
const MAX_RUN = 60;
const MAX_CANDIDATES = 400;

const cjk = (c: string | undefined) => c !== undefined && /[\u4e00-\u9fa5]/.test(c);

/**
 * The text from `at` on without its spaces and line breaks (a page that puts each cell on a line breaks
 * words too: "年度\n指标值", "经济效益\n指标"), and where in the text a prefix of it ends.
 */
export function compactAhead(text: string, at: number, length = 40): { compact: string; start: number; endOf: (n: number) => number } {
  // most of the time no space lies within reach: the compact text is a slice, position for position
  let plain = at;
  while (plain < text.length && plain - at < length && !isWhitespace(text.charCodeAt(plain))) plain++;
  if (plain - at === length || plain >= text.length) return { compact: text.slice(at, plain), start: Math.min(at, text.length), endOf: (n) => at + n };
  const map: number[] = [];
  let compact = '';
  for (let i = at; i < text.length && compact.length < length; i++) {
    if (isWhitespace(text.charCodeAt(i))) continue;
    map.push(i);
    compact += text[i];
  }
  return { compact, start: map[0] ?? text.length, endOf: (n) => (n > 0 ? map[n - 1] + 1 : at) };
}

/** A level word at `at` (spaces and line breaks skipped, also inside it): which level, and its extent. */
function levelAt(text: string, at: number): { level: 1 | 2; piece: Piece } | null {
  const ahead = compactAhead(text, at);
  const l1 = LEVEL1.exec(ahead.compact);
  const l2 = LEVEL2.exec(ahead.compact);
  const piece = (m: RegExpExecArray): Piece => ({ text: m[0], start: ahead.start, end: ahead.endOf(m[0].length) });
  // a first level is followed by a second (产出指标 › 数量指标); 成本指标 alone before a name is a second level
  if (l1 && (!l2 || l1[0].length > l2[0].length || LEVEL2.test(ahead.compact.slice(l1[0].length)))) return { level: 1, piece: piece(l1) };
  if (l2) return { level: 2, piece: piece(l2) };
  return null;
}

/** Does a new row, level, total or note start at `at` (spaces skipped)? */
function opensSomething(text: string, at: number): boolean {
  const rest = text.slice(at).trimStart();
  return rest === '' || levelAt(text, at) !== null || TOTAL.test(rest) || PLACEHOLDER.test(rest) || NOTE.test(rest) || cjk(rest[0]);
}

/**
 * Where a row's values may end, in order: before a name, a level word, the total or the end — after a
 * figure (or a space), and not inside a unit a next figure follows ("266米≥266米": 米 is the target's unit).
 */
function rowEnds(text: string, from: number, limit: number): number[] {
  const ends: number[] = [];
  for (let j = from + 1; j <= Math.min(text.length, limit); j++) {
    const prev = text[j - 1];
    if (/\s/.test(prev)) continue;
    const gap = /^\s*/.exec(text.slice(j))![0].length;
    const next = text[j + gap];
    if (next === undefined) {
      ends.push(j);
      break;
    }
    if (!opensSomething(text, j)) continue;
    if (gap === 0 && !/[\d%)）]/.test(prev)) continue;
    if (gap === 0) {
      const unit = UNIT.exec(text.slice(j)) ?? SHORT_UNIT.exec(text.slice(j));
      if (unit && /^(?:$|[\d\s%≥≤><=＞＜])/.test(text.slice(j + unit[0].length))) continue;
    }
    ends.push(j);
  }
  return ends;
}

function validFor(kind: ValueKind, part: string): boolean {
  if (kind === 'reason') return true;
  if (kind === 'target' || kind === 'actual') return MEASURE.test(part) || (WORDS.test(part) && !COMPARATOR.test(part[part.length - 1]));
  return POINTS.test(part) && Rational.parse(part).le(HUNDRED);
}

/** Every way to cut the run into one part per value column; a space always cuts. */
function cutsOf(run: string, kinds: ValueKind[]): string[][] {
  const chunks = run.trim().split(/\s+/).filter(Boolean);
  const out: string[][] = [];
  const walk = (ci: number, acc: string[]) => {
    if (out.length > MAX_CANDIDATES) return;
    if (ci === chunks.length) {
      if (acc.length === kinds.length) out.push(acc);
      return;
    }
    const room = kinds.length - acc.length - (chunks.length - ci - 1);
    const cutChunk = (rest: string, parts: string[]) => {
      if (acc.length + parts.length > kinds.length) return;
      if (!rest) return parts.every((_, k) => !walledIn(parts, k, kinds[acc.length + k])) ? walk(ci + 1, [...acc, ...parts]) : undefined;
      if (parts.length >= room) return;
      for (let i = 1; i <= rest.length; i++) {
        const part = rest.slice(0, i);
        if (validFor(kinds[acc.length + parts.length], part)) cutChunk(rest.slice(i), [...parts, part]);
      }
    };
    cutChunk(chunks[ci], []);
  };
  walk(0, []);
  return out;
}

/**
 * A bare target or actual cut out of the middle of one run of digits ("8550" → 8 | 5 | 5 | 0) has no mark
 * of where it starts or ends: a figure of a target or actual is set off by a unit, a comparator, a
 * space or the name on at least one side.
 */
function walledIn(parts: string[], k: number, kind: ValueKind): boolean {
  if ((kind !== 'target' && kind !== 'actual') || !/^[\d.]+$/.test(parts[k])) return false;
  return k > 0 && k < parts.length - 1 && /\d$/.test(parts[k - 1]) && /^\d/.test(parts[k + 1]);
}

/** 得分 and 复核分 never above the 分值 of their row. */
function pointsAgree(parts: string[], kinds: ValueKind[]): boolean {
  const w = kinds.indexOf('weight');
  if (w < 0) return true;
  const weight = Rational.parse(parts[w]);
  return kinds.every((k, i) => (k !== 'score' && k !== 'review') || Rational.parse(parts[i]).le(weight));
}

export type IndicatorSplit = { kind: 'split'; parts: string[] } | { kind: 'ambiguous'; candidates: number } | { kind: 'unreadable' };

/** Split a row's values into its value columns, or say why not. */
export function splitIndicatorValues(run: string, kinds: ValueKind[]): IndicatorSplit {
  if (!run.trim() || run.length > MAX_RUN) return { kind: 'unreadable' };
  const cuts = cutsOf(run, kinds).filter((p) => pointsAgree(p, kinds));
  if (cuts.length === 0) return { kind: 'unreadable' };
  if (cuts.length === 1) return { kind: 'split', parts: cuts[0] };
  // words written twice are a target and an actual that agree ("显著提升显著提升"); any other cut of them is a guess
  const t = kinds.indexOf('target');
  const a = kinds.indexOf('actual');
  const doubled = t >= 0 && a >= 0 ? cuts.filter((p) => !/\d/.test(p[t]) && p[t] === p[a]) : [];
  return doubled.length === 1 ? { kind: 'split', parts: doubled[0] } : { kind: 'ambiguous', candidates: cuts.length };
}

/** Place the parts of a split back in the text: each part's [start, end), in order. */
function placeParts(text: string, from: number, parts: string[]): Piece[] {
  let at = from;
  return parts.map((p) => {
    const start = text.indexOf(p, at);
    at = start + p.length;
    return { text: p, start, end: at };
  });
}

/** The rows of an indicator block whose header ends at `from`, read until the total, a note or text that is not a row. */
export function readIndicatorRows(text: string, from: number, header: FlatIndicatorHeader): FlatIndicatorBlock {
  const valueKinds = header.kinds.filter((k): k is ValueKind => k !== 'level1' && k !== 'level2' && k !== 'name');
  const column = (k: IndicatorColumnKind) => header.kinds.indexOf(k);
  const rows: FlatIndicatorRow[] = [];
  let total: FlatIndicatorBlock['total'] = null;
  let level1: Piece | null = null;
  let level2: Piece | null = null;
  let pos = from;
  const emptyValues = () => header.kinds.map((): Piece | null => null);
  for (;;) {
    pos += /^\s*/.exec(text.slice(pos))![0].length;
    const rest = text.slice(pos);
    if (!rest) break;
    const level = levelAt(text, pos);
    if (level) {
      if (level.level === 1) [level1, level2] = [level.piece, null];
      else level2 = level.piece;
      pos = level.piece.end;
      continue;
    }
    const placeholder = PLACEHOLDER.exec(rest);
    if (placeholder) {
      const name: Piece = { text: placeholder[0].trim(), start: pos, end: pos + placeholder[0].length };
      rows.push({ level1, level2, name, values: emptyValues(), unread: null, placeholder: true });
      [level1, level2] = [null, null];
      pos += placeholder[0].length;
      continue;
    }
    const totalWord = TOTAL.exec(rest);
    if (totalWord) {
      const label: Piece = { text: totalWord[0], start: pos, end: pos + totalWord[0].length };
      const points = valueKinds.filter((k) => k !== 'target' && k !== 'actual' && k !== 'reason');
      const run = /^[\d.\s]*/.exec(text.slice(label.end))![0];
      const values = emptyValues();
      for (const kinds of [points, points.filter((k) => k !== 'review')]) {
        const split = splitIndicatorValues(run, kinds);
        if (split.kind !== 'split') continue;
        placeParts(text, label.end, split.parts).forEach((p, i) => (values[column(kinds[i])] = p));
        break;
      }
      total = { label, values };
      pos = label.end + run.length;
      break;
    }
    if (NOTE.test(rest)) break;
    const read = cjk(rest[0]) ? readRow(text, pos, valueKinds, column, emptyValues, level1, level2) : null;
    // what follows a row and opens none is its 偏差原因 (a column the split leaves out): one cell, up to a space
    const last = rows[rows.length - 1];
    const reasonCol = column('reason');
    if ((!read || read.unread) && last && !last.unread && !last.placeholder && reasonCol >= 0 && !last.values[reasonCol] && REASON_TEXT.test(/^\S+/.exec(rest)![0])) {
      const cellText = /^\S+/.exec(rest)![0];
      last.values[reasonCol] = { text: cellText, start: pos, end: pos + cellText.length };
      pos += cellText.length;
      continue;
    }
    if (!read) break;
    rows.push(read.row);
    pos = read.end;
    if (read.unread) break;
    // a row left unread passes its levels on to the next one
    if (!read.row.unread) [level1, level2] = [null, null];
  }
  return { header, rows, total, end: pos };
}

/** One row from `pos`: its name, then its values up to the first place they end and split. */
function readRow(
  text: string,
  pos: number,
  valueKinds: ValueKind[],
  column: (k: IndicatorColumnKind) => number,
  emptyValues: () => Array<Piece | null>,
  level1: Piece | null,
  level2: Piece | null,
): { row: FlatIndicatorRow; end: number; unread?: true } | null {
  {
    const rest = text.slice(pos);
    const nameMatch = NAME.exec(rest);
    const nameLength = nameMatch ? nameMatch[0].length : 0;
    if (nameLength < 2) return null;
    const name: Piece = { text: rest.slice(0, nameLength), start: pos, end: pos + nameLength };
    // the 偏差原因 cell is most often blank: the row is read without it first, then with it
    const withoutReason = valueKinds.filter((k) => k !== 'reason');
    const spaced = spacedCells(text, name.end, [withoutReason, valueKinds]);
    if (spaced) {
      const values = emptyValues();
      spaced.cells.forEach((p, i) => (values[column(spaced.kinds[i])] = p));
      return { row: { level1, level2, name, values, unread: null }, end: spaced.end };
    }
    for (const end of rowEnds(text, name.end, name.end + MAX_RUN)) {
      const run = text.slice(name.end, end);
      let kinds: ValueKind[] = withoutReason;
      let split = splitIndicatorValues(run, kinds);
      if (split.kind === 'unreadable' && kinds.length < valueKinds.length) [kinds, split] = [valueKinds, splitIndicatorValues(run, valueKinds)];
      if (split.kind === 'unreadable') continue;
      const values = emptyValues();
      if (split.kind === 'split') placeParts(text, name.end, split.parts).forEach((p, i) => (values[column(kinds[i])] = p));
      const why = split.kind === 'ambiguous' ? `连排数值可拆分为${split.candidates}种，无法确定` : null;
      return { row: { level1, level2, name, values, unread: why }, end };
    }
    // a name with figures after it that split no way is a row left unread; without figures it is the text after the block
    if (!/\d/.test(text.slice(name.end, name.end + MAX_RUN))) return null;
    return { row: { level1, level2, name, values: emptyValues(), unread: '连排数值无法按表头拆分' }, end: name.end, unread: true };
  }
}

/**
 * A row laid out as a line of cells set apart by spaces (a page that prints each row of the form as one line:
 * "指标1:村卫生室实施国家基本药物制度 实施基本药物制度补助村卫生室352个。 本年度已完成352个村卫生室基药补助的实施。"):
 * the rest of the line after the name holds exactly one chunk per value column, so the spaces are the cuts and the
 * only ones — a target or actual may then be a sentence with its figures inside. Points columns must still be
 * points. Null when the name does not end at a space or the chunks do not fit the columns.
 */
function spacedCells(text: string, from: number, kindSets: ValueKind[][]): { cells: Piece[]; kinds: ValueKind[]; end: number } | null {
  if (!/^[ \t\u3000]/.test(text.slice(from, from + 1))) return null;
  const lineEnd = text.indexOf('\n', from);
  const end = lineEnd < 0 ? text.length : lineEnd;
  const chunks = [...text.slice(from, end).matchAll(/\S+/g)].map((m): Piece => ({ text: m[0], start: from + m.index!, end: from + m.index! + m[0].length }));
  // only a line with a sentence among its cells needs this reading; figures alone split as before
  if (!chunks.some((c) => SENTENCE_CELL.test(c.text))) return null;
  for (const kinds of kindSets) {
    if (chunks.length !== kinds.length) continue;
    const fits = chunks.every((c, i) => kinds[i] === 'reason' || ((kinds[i] === 'target' || kinds[i] === 'actual') ? c.text.length <= MAX_RUN : validFor(kinds[i], c.text)));
    if (fits) return { cells: chunks, kinds, end };
  }
  return null;
}

/**
 * A cell that is a sentence with figures in it — words on both sides of a figure, a figure followed by more words
 * than a unit (37个基层医疗机构), or a full stop —: not one measure.
 */
const SENTENCE_CELL = /[\u4e00-\u9fa5]\S*\d\S*[\u4e00-\u9fa5]|\d[^\s\d]*[\u4e00-\u9fa5]{4,}|[。；;，,]$/;

/** The indicator block whose header starts at `at` (its 一级指标), or null when no header or no row is there. */
export function readIndicatorBlock(text: string, at: number): FlatIndicatorBlock | null {
  if (at < 0) return null;
  const found = readIndicatorHeaderAt(text, at);
  if (!found) return null;
  const block = readIndicatorRows(text, found.end, found.header);
  return block.rows.length ? block : null;
}
