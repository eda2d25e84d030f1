import { columnBoundaries, columnSpan, findColumns, linePieces, type Band, type Piece } from './column-model.js';
import { cellAlignment } from './cell-alignment.js';
import { joinCellParagraphs } from './cell-paragraphs.js';
import { completeWrappedHeaders, confirmedHeaderRows, namesFormLabel } from './header-vocabulary.js';
import { continuesBorderless } from './borderless-join.js';
import { looksLikePageNumber } from './furniture.js';
import { joinFrameLines, lineFilled, makeLine } from './lines.js';
import type { PageTable, PageTableCell } from './page-table.js';
import { blockText, buildRows, isLeaders, leadingLimit, stackBlocks, stretchAcross, stretchGroupLabels, stretchHeaderGroups, stretchRowValues, stretchTwoRowHeaders, yieldOccupiedColumns, type PlacedPiece, type TableCellPlan } from './row-model.js';
import { lowestConfidence, type BBox, type TextLine } from './types.js';

/**
 * Tables drawn without rulings (无框线表格): a run of lines that break into pieces at wide gaps is a
 * candidate region; its columns come from the pieces' x-ranges (column-model.ts), its rows from
 * cell blocks (row-model.ts). The grid is inferred, so it is marked `borderless` with a confidence
 * below 1 — higher when a row of the table reads as a header of the forms (header-vocabulary.ts).
 * Lines at the region's edges that do not fit the columns (a signature line, a note under the
 * table) are left to the paragraphs.
 */

/** Fewer rows than this is not a table (a signature line, a date line). */
const MIN_ROWS = 3;
const MAX_COLUMNS = 15;
/** A region ends at a vertical gap wider than this many font sizes. */
const REGION_GAP_EMS = 2.5;
/** …or after this many lines in a row that do not break into pieces. */
const MAX_SINGLE_LINES = 8;
/** Lines of another size (a title, a footnote) are not in the table. */
const SIZE_TOLERANCE = 0.25;
/** Lines above a region taken into its first rows are of its size within this share. */
const LEAD_SIZE_TOLERANCE = 0.1;
export const BORDERLESS_CONFIDENCE = 0.6;
export const CONFIRMED_BORDERLESS_CONFIDENCE = 0.8;

/**
 * Find borderless tables among the body lines of one page (in top-to-bottom order).
 * Returns the tables and the lines they did not use. `carried`: the rule-less table that ended
 * the page before at its foot; the first lines of this page may be its last rows (a 总分 row
 * alone over the break), too few to be a table of their own but taken when their columns match.
 */
export function findBorderlessTables(lines: readonly TextLine[], page: number, carried: PageTable | null = null): { tables: PageTable[]; rest: TextLine[] } {
  const tables: PageTable[] = [];
  const rest: TextLine[] = [];
  const pieces = lines.map((l, i) => {
    const ps = linePieces(l, i);
    // A justified line of words (even gaps) is one piece of prose, however wide its gaps.
    return evenlySpaced(ps) ? linePieces(l, i, Infinity) : ps;
  });
  let i = 0;
  // The line after the last table found (a table right under it may be its rows of fewer columns).
  let lastTo = -1;
  // Rows of fewer, wider cells the table of the page before ended with, going on at the top of this one.
  const subRows = carried ? carriedSubRows(lines, pieces, carried, page) : null;
  if (subRows) {
    tables.push(subRows.table);
    i = lastTo = subRows.to;
  }
  const labels = carried && !subRows ? carriedLabelRows(lines, pieces, carried, page) : null;
  if (labels) {
    tables.push(labels.table);
    i = lastTo = labels.to;
  }
  // The last row of a table over the page break may have no line of two cells: a label of two
  // lines beside a value centred on them (改进/措施 beside 无), lines side by side.
  const carriedRow = carried !== null && lines.length > 1 && besideAbove(lines[0], lines[1]);
  while (i < lines.length) {
    if (pieces[i].length < 2 && !(i === 0 && carriedRow)) {
      rest.push(lines[i]);
      i++;
      continue;
    }
    // Lines just above may be part of the first rows (a label wrapped onto them, a value centred
    // beside it); those that do not fit the columns are trimmed again with the region's edges.
    let start = i;
    while (start > 0 && i - start < MAX_SINGLE_LINES && rest.at(-1) === lines[start - 1] && leadsInto(lines, start)) {
      rest.pop();
      start--;
    }
    // The lines at the top of the page, each in one column of the table carried over, are the
    // rest of its last row (a header wrapped a character a line, 偏差原因分析及改进措施, over the break)
    // — also when the first of them lie further above the region than a line leads into the next
    // (a cell's last line, 众欢迎, alone at the top of the page above the padding of the next row).
    if (start > 0 && !tables.length && carriedLead(lines, pieces, carried) >= start) {
      rest.splice(rest.length - start, start);
      start = 0;
    }
    // The first region of the page, from its top, continues the table carried over.
    const end = stackedUnder(pieces, i, regionEnd(lines, pieces, i, start === 0 && !tables.length ? carried : null));
    // Fewer lines than a table's rows: still one when a line of it heads a form's columns (a header
    // alone, or over one row: 项目名称 | … | 实施单位 | …, the form's known labels, 表头词典).
    const short = end - i < MIN_ROWS && namesLabels(pieces, start, end);
    let found = end - i >= MIN_ROWS || short ? buildTable(lines, pieces, start, end, page, short ? HEADER_ONLY_ROWS : MIN_ROWS, [], short) : null;
    if (start === 0 && carried) {
      // Read with the columns of the page before as witnesses: a few rows are too few to show
      // which text spans columns (评价结论's text across the form under a 合计 row), and a column
      // with text on one line of this page is still a column (55 under the 一级指标 分值).
      const own = found !== null && found.from === 0 && continuesBorderless(carried, found.table);
      const rest = buildTable(lines, pieces, start, end, page, 1, carried.bands);
      if (rest && rest.from === 0 && continuesBorderless(carried, rest.table) && (!own || rest.table.bands!.length > found!.table.bands!.length)) found = rest;
    }
    if (!found) {
      for (let k = start; k <= i; k++) rest.push(lines[k]);
      i++;
      continue;
    }
    for (let k = start; k < found.from; k++) rest.push(lines[k]);
    const above = tables.at(-1);
    const merged = above && lastTo === found.from ? subGridUnder(above, found.table, bodySize(lines[found.from])) : null;
    if (merged) tables[tables.length - 1] = merged;
    else tables.push(found.table);
    lastTo = found.to;
    i = found.to;
  }
  return { tables, rest };
}

/**
 * The rows right under a table whose cells each start where a column of the table starts, fewer
 * and wider (按收入性质分:… | 按支出性质分:… under the 年度资金总额 row of eight columns, each cell
 * merged over several of them): that table's rows, its cells over the columns they start at up to
 * where the next starts. Read apart they are a table of their own, and the form's rows are lost
 * to it. Null when `below` is not such rows of `above`.
 */
function subGridUnder(above: PageTable, below: PageTable, size: number): PageTable | null {
  const bands = above.bands;
  const own = below.bands;
  if (!bands || !own || own.length < 2 || own.length >= bands.length) return null;
  const starts = own.map(([x0]) => bands.findIndex(([b0]) => Math.abs(b0 - x0) <= ALIGNED_EMS * size));
  if (starts.some((c, k) => c < 0 || (k > 0 && c <= starts[k - 1]))) return null;
  const ends = starts.map((_, k) => (k + 1 < starts.length ? starts[k + 1] : bands.length));
  const rows = above.ys.length - 1;
  const ys = [...above.ys.slice(0, -1), (above.ys.at(-1)! + below.ys[0]) / 2, ...below.ys.slice(1)];
  const cells = [
    ...above.cells,
    ...below.cells.map((c) => {
      const [c0, c1, r0, r1] = [starts[c.c0], ends[c.c1 - 1], c.r0 + rows, c.r1 + rows];
      return { ...c, c0, c1, r0, r1, box: [above.xs[c0], ys[r0], above.xs[c1], ys[r1]] as BBox };
    }),
  ];
  return { ...above, ys, cells, bbox: [above.bbox[0], above.bbox[1], above.bbox[2], below.bbox[3]], confidence: Math.min(above.confidence, below.confidence) };
}

/**
 * The table of the page before ended with rows of fewer, wider cells (subGridUnder: 按收入性质分 …
 * | 按支出性质分 …): the lines at the top of this page that each start where one of those cells
 * starts and end within it, at the table's row spacing, are its next rows (纳入专户管理的非税收入拨款:,
 * 其他资金:585.62) — one cell a line, too few and too narrow to be a table of their own.
 */
function carriedSubRows(lines: readonly TextLine[], pieces: readonly Piece[][], carried: PageTable, page: number): { table: PageTable; to: number } | null {
  const bands = carried.bands;
  const last = carried.ys.length - 2;
  const bottom = carried.cells.filter((c) => c.r1 - 1 === last);
  if (!bands || !bottom.length || bottom.some((c) => c.c1 - c.c0 < 2)) return null;
  const cells: PageTableCell[] = [];
  let k = 0;
  for (; k < lines.length && pieces[k].length === 1; k++) {
    const p = pieces[k][0];
    const size = bodySize(lines[k]);
    if (k > 0 && bodyExtent(lines[k]).top - bodyExtent(lines[k - 1]).bottom > MAX_ROW_GAP_EMS * size) break;
    const cell = bottom.find((c) => Math.abs(bands[c.c0][0] - p.x0) <= ALIGNED_EMS * size && p.x1 <= carried.xs[c.c1] + ALIGNED_EMS * size);
    if (!cell) break;
    cells.push({ r0: k, r1: k + 1, c0: cell.c0, c1: cell.c1, box: [carried.xs[cell.c0], lines[k].top, carried.xs[cell.c1], lines[k].bottom], text: lines[k].text, endsWrapped: false });
  }
  if (!k) return null;
  const ys = [lines[0].top - 1, ...cells.slice(1).map((c, j) => (lines[j].bottom + c.box[1]) / 2), lines[k - 1].bottom + 1];
  for (const c of cells) c.box = [c.box[0], ys[c.r0], c.box[2], ys[c.r1]];
  const xs = [...carried.xs];
  return { table: { page, xs, ys, cells, bbox: [xs[0], ys[0], xs.at(-1)!, ys.at(-1)!], source: 'borderless', confidence: carried.confidence, bands: bands.map(([a, b]) => [a, b]) }, to: k };
}

/**
 * The lines at the top of the page each within one and the same column of the table carried over
 * (carriedLead), then a line set in another size (a table of its own under them, 楼堂馆所控制情况 in 8.9 pt under the
 * 9.9 pt 基础数据表's rows): the carried table's last rows alone (金额, the rest of 政府采购 cut by the
 * break; 部门基本支出预算调整, a label with its figures left blank), read with its columns. Lines of its
 * size under them are its rows as well, read with them as one region (findBorderlessTables).
 */
function carriedLabelRows(lines: readonly TextLine[], pieces: readonly Piece[][], carried: PageTable, page: number): { table: PageTable; to: number } | null {
  const bands = carried.bands;
  const lead = carriedLead(lines, pieces, carried);
  if (!bands || lead < 1 || lead >= lines.length) return null;
  const size = bodySize(lines[0]);
  const sameSize = (l: TextLine) => Math.abs(bodySize(l) - size) <= LEAD_SIZE_TOLERANCE * size;
  if (sameSize(lines[lead]) || !lines.slice(0, lead).every(sameSize)) return null;
  const columnOf = (k: number) => bands.findIndex(([x0, x1]) => pieces[k][0].x0 >= x0 - 0.5 * size && pieces[k][0].x1 <= x1 + 0.5 * size);
  // Labels of one column, one under another; lines of two columns side by side (改进 / 措施 beside 无)
  // are a row of several cells, read with the region (carriedRow).
  if (Array.from({ length: lead }, (_, k) => columnOf(k)).some((c) => c !== columnOf(0))) return null;
  // A cell's lines at the leading of text; a wider gap (the table's row padding) starts the next row.
  const rows: number[][] = [];
  for (let k = 0; k < lead; k++) {
    const gap = k > 0 ? bodyExtent(lines[k]).top - bodyExtent(lines[k - 1]).bottom : 0;
    if (gap > MAX_ROW_GAP_EMS * size) return null;
    const row = rows.at(-1);
    if (row && columnOf(k) === columnOf(row[0]) && gap <= WRAPPED_UNDER_EMS * size) row.push(k);
    else rows.push([k]);
  }
  const ys = [lines[0].top - 1, ...rows.slice(1).map((row) => (lines[row[0] - 1].bottom + lines[row[0]].top) / 2), lines[lead - 1].bottom + 1];
  const xs = [...carried.xs];
  const cells: PageTableCell[] = rows.map((row, r) => {
    const c0 = columnOf(row[0]);
    const own = row.map((k) => lines[k]);
    const right = bands[c0][1] + 0.5;
    const last = own.at(-1)!;
    return { r0: r, r1: r + 1, c0, c1: c0 + 1, box: [xs[c0], ys[r], xs[c0 + 1], ys[r + 1]], text: joinFrameLines(own, right), endsWrapped: lineFilled(last, { ...last, text: '字', size: last.size }, right), lines: own.length };
  });
  const table: PageTable = { page, xs, ys, cells, bbox: [xs[0], ys[0], xs.at(-1)!, ys.at(-1)!], source: 'borderless', confidence: carried.confidence, bands: bands.map(([x0, x1]) => [x0, x1]) };
  return { table, to: lead };
}

/** How many lines at the top of the page are single pieces, each within one column of `carried`. */
function carriedLead(lines: readonly TextLine[], pieces: readonly Piece[][], carried: PageTable | null): number {
  const bands = carried?.bands;
  if (!bands) return -1;
  const size = lines[0] ? bodySize(lines[0]) : 0;
  let k = 0;
  while (k < lines.length && pieces[k].length === 1 && bands.some(([x0, x1]) => pieces[k][0].x0 >= x0 - 0.5 * size && pieces[k][0].x1 <= x1 + 0.5 * size)) k++;
  return k;
}

/**
 * A letter or digit (汉字 included): what a line's body text is written in, unlike a symbol (★ ≥ ※)
 * — or an enclosed number (① ⑴ ⒈ ❶ ㉑), which a browser takes from a fallback font of its own size
 * (a column-number row ① | ② | … | ⑧=④*⑦ under a table's header).
 */
const WORD_CHAR = /(?![\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf])[\p{L}\p{N}]/u;

/** Gaps of a justified line differ by less than this (font sizes); a table's cells are not spaced that evenly. */
const EVEN_GAP_EMS = 0.1;

/** …and are at most this wide (font sizes): word spaces stretched, not the space between columns. */
const MAX_JUSTIFIED_GAP_EMS = 1.2;

/** Five or more pieces, the same narrow gap between each: a justified line of words, not cells. */
function evenlySpaced(pieces: readonly Piece[]): boolean {
  if (pieces.length < 5) return false;
  const gaps = pieces.slice(1).map((p, k) => p.x0 - pieces[k].x1);
  const size = pieces[0].size;
  return Math.max(...gaps) <= MAX_JUSTIFIED_GAP_EMS * size && Math.max(...gaps) - Math.min(...gaps) <= EVEN_GAP_EMS * size;
}

/**
 * The size most of a line's letters and digits are set in. A symbol taken from a fallback font (≥ ≤ ★
 * in a browser's print) can come out larger than the text around it; the line is still the table's
 * — also when the symbols are as many as the words beside them (★★★建档立, a cell's first line).
 */
function bodySize(line: TextLine): number {
  const chars = new Map<number, number>();
  const count = (str: string, wordsOnly: boolean) => Array.from(str.trim()).filter((ch) => !wordsOnly || WORD_CHAR.test(ch)).length;
  const wordsOnly = line.runs.some((r) => count(r.str, true) > 0);
  for (const r of line.runs) {
    const s = Math.round(r.size * 10) / 10;
    chars.set(s, (chars.get(s) ?? 0) + count(r.str, wordsOnly));
  }
  let best = line.size;
  let most = -1;
  for (const [s, n] of chars) if (n > most) [best, most] = [s, n];
  return best;
}

/**
 * The vertical extent of a line's text in its body size: a symbol from a fallback font (≥ set
 * larger) makes the line's box taller and the gaps around it narrower than the table's row gaps.
 */
function bodyExtent(line: TextLine): { top: number; bottom: number } {
  const size = bodySize(line);
  const runs = line.runs.filter((r) => Math.abs(r.size - size) <= 0.05 * size);
  return runs.length ? { top: Math.min(...runs.map((r) => r.top)), bottom: Math.max(...runs.map((r) => r.bottom)) } : line;
}

/**
 * Is the line above line `j` of the same size, close enough above it to be in the same table — or
 * as far above as the table's rows are apart (a web form's padding: the 项目名称 row, its label
 * wrapped beside a value centred on it, no line of two cells, above the 主管部门 row)?
 */
function leadsInto(lines: readonly TextLine[], j: number): boolean {
  const above = lines[j - 1];
  const line = lines[j];
  const size = bodySize(line);
  // The table's own text, in its size: a heading or a cover page's lines set larger above a form
  // (部门(单位)名称：…, 一、部门(单位)基本概况) are not its first rows.
  if (Math.abs(bodySize(above) - size) > LEAD_SIZE_TOLERANCE * size || line.top <= above.top) return false;
  return line.top - above.bottom <= REGION_GAP_EMS * size || rhythmGap(lines, j, size, RHYTHM_COUNT, j);
}

/**
 * A table printed with generous cell padding (a web form) leaves the same wide gap between every
 * two rows. A gap up to this many font sizes still joins a region when the gap recurs (the row
 * rhythm of the table, 行距一致), not once (a paragraph break, a caption).
 */
const MAX_ROW_GAP_EMS = 4.5;
/** Gaps within this many points of each other are the same gap. */
const SAME_GAP_PT = 1.5;
/** A wide gap is the table's rhythm when it occurs this many times among the nearby lines. */
const RHYTHM_COUNT = 3;

/** Does the wide gap before line `j` recur (or a wider one) between lines of the same size nearby or in the region from `start` (the table's row rhythm)? */
function rhythmGap(lines: readonly TextLine[], j: number, size: number, count: number, start: number): boolean {
  const gap = bodyExtent(lines[j]).top - bodyExtent(lines[j - 1]).bottom;
  if (gap > MAX_ROW_GAP_EMS * size) return false;
  let same = 0;
  // The lines nearby, and all of the region so far.
  for (let k = Math.max(1, Math.min(start + 1, j - 12)); k < Math.min(lines.length, j + 13); k++) {
    const a = lines[k - 1];
    const b = lines[k];
    if (Math.abs(bodySize(a) - size) > SIZE_TOLERANCE * size || Math.abs(bodySize(b) - size) > SIZE_TOLERANCE * size) continue;
    // As wide or wider: rows that far apart anyway make a narrower gap no break either.
    const other = bodyExtent(b).top - bodyExtent(a).bottom;
    if (other >= gap - SAME_GAP_PT && other <= MAX_ROW_GAP_EMS * size) same++;
  }
  return same >= count;
}

/**
 * Is `line` beside the line above it, their text side by side at heights that overlap — two
 * cells of one row set on different baselines (a label of two lines, 改进/措施, beside a value
 * centred on them: three lines of text, one row)?
 */
function besideAbove(above: TextLine, line: TextLine): boolean {
  return line.top < above.bottom - 0.2 * line.size && (line.x0 >= above.x1 || line.x1 <= above.x0);
}

/** Lines [start, end) that may be one table: close together, one size, pieces on most lines. */
/** `carried`: the table of the page before this region continues (the region starts the page). */
function regionEnd(lines: readonly TextLine[], pieces: readonly Piece[][], start: number, carried: PageTable | null = null): number {
  // The first lines of a page under a table carried over: the rhythm showed on the page before,
  // a second gap alike on this page is enough (评价结论, 存在问题, 改进措施 rows after the break).
  const continued = carried !== null;
  const count = continued ? RHYTHM_COUNT - 1 : RHYTHM_COUNT;
  // …and its columns are where the cells of this page line up, whether or not this page's rows so
  // far had text in all of them (a 偏差原因 column empty above a wide gap, filled below it).
  const known = continued ? (carried.bands ?? []) : [];
  const size = bodySize(lines[start]);
  let bottom = bodyExtent(lines[start]).bottom;
  // Single-piece lines since the last line of cells, lines wrapped under the one above not counted
  // (labels of rows left blank, 生态效/益指/标, are one cell each).
  let singles = 0;
  let j = start + 1;
  for (; j < lines.length; j++) {
    const l = lines[j];
    // Leaders alone (……) may come from a fallback font of another size: still the table's when
    // the table goes on under them (a 总分 row after a "……" row).
    if (headingOutside(l, pieces, start, j, size) || (continued && otherSizeBelow(lines, j, size, bottom))) break;
    if (Math.abs(bodySize(l) - size) > SIZE_TOLERANCE * size && !symbolsInColumns(lines, pieces, start, j, size, bottom, count, known) && !(isLeaders(l.text) && (goesOnAfter(lines, pieces, j, size, bottom, count, start, known) || leadersInColumn(lines, pieces, start, j, size, bottom)))) break;
    const { top, bottom: lineBottom } = bodyExtent(l);
    if (top - bottom > REGION_GAP_EMS * size && !(Math.abs(bodyExtent(lines[j - 1]).bottom - bottom) <= SAME_GAP_PT && rhythmGap(lines, j, size, count, start)) && !bridges(lines, pieces, start, j, size, bottom, known)) break;
    if (pieces[j].length >= 2 || besideAbove(lines[j - 1], l)) singles = 0;
    else if (!wrappedUnder(pieces[j - 1], pieces[j]) && ++singles > MAX_SINGLE_LINES) break;
    bottom = Math.max(bottom, lineBottom);
  }
  return j;
}

/** Lines of two cells or more each of two tables stacked with no gap have at least this many. */
const STACKED_LINES = 3;

/**
 * Two tables stacked with no gap between them (a web page's metadata grid of four columns over
 * another of two, 索引号 | … | 发文字号 | … above 索引号 | …): one region, but no cell of the lower
 * lines starts where a cell of the upper ones does, but at the left margin, and each side's cells
 * line up among themselves (every start but the margin's shared by two lines of its side or more).
 * Read as one grid the two tables' columns interleave and cells run into each other. Returns where
 * the region ends: the first line of the lower table, or `end` when there is no such line.
 */
function stackedUnder(pieces: readonly Piece[][], start: number, end: number): number {
  const all = pieces.slice(start, end).flat();
  if (!all.length) return end;
  const size = Math.min(...all.map((p) => p.size));
  const tol = ALIGNED_EMS * size;
  const margin = Math.min(...all.map((p) => p.x0));
  const starts = (from: number, to: number) => pieces.slice(from, to).flatMap((ps) => ps.filter((p) => p.x0 > margin + tol));
  const cellLines = (from: number, to: number) => pieces.slice(from, to).filter((ps) => ps.length >= 2).length;
  const lined = (own: readonly Piece[]) => own.every((p) => own.some((q) => q.line !== p.line && Math.abs(q.x0 - p.x0) <= tol));
  const apart = (a: readonly Piece[], b: readonly Piece[]) => a.every((p) => b.every((q) => Math.abs(q.x0 - p.x0) > tol));
  for (let k = start + STACKED_LINES; k <= end - STACKED_LINES; k++) {
    if (pieces[k].length < 2 || cellLines(start, k) < STACKED_LINES || cellLines(k, end) < STACKED_LINES) continue;
    const [upper, lower] = [starts(start, k), starts(k, end)];
    if (upper.length && lower.length && apart(upper, lower) && lined(upper) && lined(lower)) return k;
  }
  return end;
}

/**
 * A line of one piece set in another size than the region's text (beyond what a table's own lines
 * differ by) and starting left of all of it, at the page's margin outside the cells' padding: a
 * heading between two tables (二、部门(单位)收支情况 under the 基本概况 form, over the 收入 table's
 * caption), not a row of either — read as one, the two tables are one grid of both tables' columns.
 */
function headingOutside(line: TextLine, pieces: readonly Piece[][], start: number, j: number, size: number): boolean {
  if (pieces[j].length !== 1 || Math.abs(bodySize(line) - size) <= LEAD_SIZE_TOLERANCE * size) return false;
  const left = Math.min(...pieces.slice(start, j).flat().map((p) => p.x0));
  return pieces[j][0].x0 < left - ALIGNED_EMS * size;
}

/** Lines looked at under a change of size: as many in the new size start another table. */
const NEW_SIZE_LINES = 3;

/**
 * On a page continuing a table, a line in another size than the region's (beyond what a table's own
 * lines differ by), a row gap under it and not wrapped under the line above, with the lines after
 * it in that size too: the next table starts there, set smaller (吕梁山护工's 培训机构 table in 8.7 pt
 * under the 9.7 pt indicator form's last rows) — read as one grid, the form's rows are lost to it.
 */
function otherSizeBelow(lines: readonly TextLine[], j: number, size: number, bottom: number): boolean {
  const own = bodySize(lines[j]);
  if (Math.abs(own - size) <= LEAD_SIZE_TOLERANCE * size || bodyExtent(lines[j]).top - bottom < WRAPPED_UNDER_EMS * size) return false;
  const next = lines.slice(j, j + NEW_SIZE_LINES);
  return next.length === NEW_SIZE_LINES && next.every((l) => Math.abs(bodySize(l) - own) <= LEAD_SIZE_TOLERANCE * own);
}

/**
 * A line of symbols alone from a fallback font of another size (— — in the 分值 and 得分 of a 其他资金
 * row with no figures), each centred or set where the region's text of a column is, with the
 * table going on under it: the region's row, not the end of the table.
 */
function symbolsInColumns(lines: readonly TextLine[], pieces: readonly Piece[][], start: number, j: number, size: number, bottom: number, count: number, known: readonly Band[]): boolean {
  if (WORD_CHAR.test(lines[j].text) || !goesOnAfter(lines, pieces, j, size, bottom, count, start, known)) return false;
  const above = pieces.slice(start, j).flat();
  const tol = ALIGNED_EMS * size;
  return pieces[j].every((p) => above.some((q) => Math.abs(q.x0 - p.x0) <= tol || Math.abs(q.x0 + q.x1 - p.x0 - p.x1) <= 2 * tol));
}

/** Lines of one cell are less than a line apart (font sizes): a line's leading, whatever the padding. */
const WRAPPED_UNDER_EMS = 1;

/** Is the single piece of a line wrapped text under the line above (overlapping it, at the leading of text)? */
function wrappedUnder(above: readonly Piece[], line: readonly Piece[]): boolean {
  const p = line[0];
  return line.length === 1 && above.some((q) => Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0) > 0 && p.top - q.bottom >= -0.2 * p.size && p.top - q.bottom <= WRAPPED_UNDER_EMS * p.size);
}

/**
 * A line of leaders (……, a template's row left as it was) of another size (a fallback font) at
 * the foot of the region, close under it and starting where a column's text of the region does:
 * the table's last row.
 */
function leadersInColumn(lines: readonly TextLine[], pieces: readonly Piece[][], start: number, j: number, size: number, bottom: number): boolean {
  if (pieces[j].length !== 1 || bodyExtent(lines[j]).top - bottom > REGION_GAP_EMS * size) return false;
  const p = pieces[j][0];
  return pieces.slice(start, j).some((ps) => ps.some((q) => Math.abs(q.x0 - p.x0) <= 0.3 * size));
}

/** Is the line after `j` of the region's size and close enough under it (or at the row rhythm)? */
function goesOnAfter(lines: readonly TextLine[], pieces: readonly Piece[][], j: number, size: number, bottom: number, count: number, start: number, known: readonly Band[]): boolean {
  const next = lines[j + 1];
  if (!next || Math.abs(bodySize(next) - size) > SIZE_TOLERANCE * size) return false;
  const gap = bodyExtent(next).top - Math.max(bottom, bodyExtent(lines[j]).bottom);
  return gap <= REGION_GAP_EMS * size || rhythmGap(lines, j + 1, size, count, start) || bridges(lines, pieces, start, j + 1, size, Math.max(bottom, bodyExtent(lines[j]).bottom), known);
}

/** A gap up to this many font sizes inside a table: blank rows (a template's rows left empty) between rows of text. */
const MAX_BLANK_ROWS_EMS = 8;
/** Lines looked at below a gap for a line of cells. */
const BRIDGE_LINES = 6;

/**
 * Does the region [start, j) go on past the wide gap before line `j`? Rows left blank, or rows
 * whose text is set with generous padding, leave a gap wider than any paragraph break; the table
 * goes on when the text under it keeps to the region's columns: every piece of the lines down to
 * the next line of two cells or more starts, ends or is centred where a piece of the region does
 * (the cells of a column line up), that line included. A paragraph or a heading under a table
 * runs across its columns or starts at the margin, and no line of cells follows it.
 */
function bridges(lines: readonly TextLine[], pieces: readonly Piece[][], start: number, j: number, size: number, bottom: number, known: readonly Band[] = []): boolean {
  const gap = bodyExtent(lines[j]).top - bottom;
  if (gap > MAX_BLANK_ROWS_EMS * size) return false;
  // The columns of the table this region continues (the page before) are anchors as well.
  const above = [...pieces.slice(start, j).flat(), ...known.map(([x0, x1]) => ({ x0, x1 }))];
  if (new Set(pieces.slice(start, j).flat().map((p) => p.line)).size < 2) return false;
  const tol = 0.3 * size;
  const onAnchor = (p: Piece) => above.some((q) => Math.abs(q.x0 - p.x0) <= tol || Math.abs(q.x1 - p.x1) <= tol || Math.abs(q.x0 + q.x1 - p.x0 - p.x1) <= 2 * tol);
  for (let m = j; m < Math.min(lines.length, j + BRIDGE_LINES); m++) {
    if (Math.abs(bodySize(lines[m]) - size) > SIZE_TOLERANCE * size && !isLeaders(lines[m].text)) return false;
    // Lines under it close together, or as far apart as the gap bridged (rows of labels only, their
    // values left blank, at the same padding: 生态效益指标's 指标1/指标2/…… rows).
    if (m > j && bodyExtent(lines[m]).top - bodyExtent(lines[m - 1]).bottom > Math.max(REGION_GAP_EMS * size, gap + SAME_GAP_PT)) return false;
    if (!pieces[m].every(onAnchor)) return false;
    if (pieces[m].length >= 2) return true;
  }
  return false;
}

/** Is line `k` foreign to the columns: most of its pieces span columns (a note, a signature line)? */
function foreign(k: number, pieces: readonly Piece[][], spanning: Set<Piece>): boolean {
  const own = pieces[k];
  const spans = own.filter((p) => spanning.has(p)).length;
  return spans * 3 >= own.length * 2;
}

/**
 * Does each of the line's pieces (two or more) start where a column's text starts, each at another
 * column — a row of cells merged across columns (转移支付(项目)名称 over two columns beside the
 * project's name over five, left-aligned), not a title or a note that happens to span them?
 */
function cellStarts(line: readonly Piece[], bands: readonly Band[]): boolean {
  if (line.length < 2) return false;
  const at = line.map((p) => bands.findIndex(([x0]) => Math.abs(x0 - p.x0) <= ALIGNED_EMS * p.size));
  return at.every((c, k) => c >= 0 && (k === 0 || c > at[k - 1]));
}

/**
 * Is a piece of line `k` glued to a piece of one of the lines [from, to) — the next or previous
 * line of the same cell (wrapped text at the leading of the text)? Lines of centred cells
 * interleave, so the few nearest lines are looked at.
 */
function glued(k: number, pieces: readonly Piece[][], from: number, to: number, leading = -Infinity): boolean {
  for (let j = Math.max(from, k - 3); j < Math.min(to, k + 4); j++) {
    if (j === k) continue;
    const near = pieces[k].some((p) => pieces[j].some((q) => Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0) > 0 && Math.max(p.top - q.bottom, q.top - p.bottom) < Math.max(GLUED_EMS, leading) * p.size));
    if (near) return true;
  }
  return false;
}

/** Lines of one cell are at most this far apart (font sizes), or at the table's own leading. */
const GLUED_EMS = 0.45;

/**
 * The table's leading (font sizes, with a little slack; row-model.ts leadingLimit): the gaps between
 * each piece and the nearest piece above it in x of the few lines before.
 */
function regionLeading(pieces: readonly Piece[][], from: number, to: number): number {
  const gaps: number[] = [];
  for (let k = from + 1; k < to; k++)
    for (const p of pieces[k]) {
      let gap = Infinity;
      for (let j = Math.max(from, k - 3); j < k; j++) for (const q of pieces[j]) if (Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0) > 0 && p.top > q.top) gap = Math.min(gap, p.top - q.bottom);
      if (gap < Infinity) gaps.push(gap / p.size);
    }
  return leadingLimit(gaps);
}

/** A line that is a page number alone (页码). */
const pageNumber = (line: readonly Piece[]) => looksLikePageNumber(line.map((p) => p.runs.map((r) => r.str).join('')).join(''));

/** Paragraph spacing: the next line of a note or paragraph under a table is at most this far below (font sizes). */
const PARAGRAPH_LEADING_EMS = 0.8;

/**
 * Where a note under the table starts (or `to`): a foreign line not glued to the table, followed
 * only by foreign lines, by the lines of its own paragraph (one piece, under the line above,
 * starting at the paragraph's margin) or by a page number (a footer a web page's print puts in
 * the text where the page ended, - 2 -, under the prose that follows the form).
 */
function noteStart(pieces: readonly Piece[][], spanning: Set<Piece>, from: number, to: number, leading: number): number {
  const flows = (m: number) =>
    pieces[m].length === 1 &&
    pieces[m - 1].some((q) => {
      const p = pieces[m][0];
      const gap = p.top - q.bottom;
      // The next line of a paragraph starts at its margin: no further right than the (indented) line above.
      return gap >= 0 && gap <= PARAGRAPH_LEADING_EMS * p.size && Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0) > 0 && p.x0 <= q.x0 + 0.5 * p.size;
    });
  const tol = (p: Piece) => ALIGNED_EMS * p.size;
  // The next line of a block of text: starting where it starts, at paragraph spacing under it.
  const carriesOn = (p: Piece, k: number) =>
    pieces[k - 1].some((q) => Math.abs(q.x0 - p.x0) <= tol(p) && p.top - q.bottom >= 0 && p.top - q.bottom <= PARAGRAPH_LEADING_EMS * p.size);
  const startsCell = (p: Piece, k: number) => pieces.slice(from, k).some((line) => line.some((q) => Math.abs(q.x0 - p.x0) <= tol(p)));
  // Blocks of text side by side, each starting where a cell above starts, on two lines or more (the
  // paragraphs under 总体目标 | 总体目标完成情况), and the lines that carry them on: a row's cells, not a note.
  const cellLines = new Set<number>();
  for (let k = from + 1; k < to; k++) {
    const beside = pieces[k].length >= 2 && pieces[k].every((p) => startsCell(p, k)) && k + 1 < to && pieces[k + 1].some((p) => carriesOn(p, k + 1));
    if (beside || (cellLines.has(k - 1) && pieces[k].every((p) => carriesOn(p, k)))) {
      cellLines.add(k);
      continue;
    }
    if (!foreign(k, pieces, spanning) || glued(k, pieces, from, k, leading)) continue;
    let m = k + 1;
    while (m < to && (foreign(m, pieces, spanning) || flows(m) || pageNumber(pieces[m]))) m++;
    if (m === to) return k;
  }
  return to;
}

/**
 * `known`: the columns of the table this one may continue (the page before), witnesses of where
 * columns lie (column-model.ts findColumns); the columns found are still this page's text's.
 * `header`: the region is a line or two, a table only as a form's header alone or over one row (labelledHeader).
 */
function buildTable(lines: readonly TextLine[], pieces: readonly Piece[][], start: number, end: number, page: number, minRows = MIN_ROWS, known: readonly Band[] = [], header = false): { table: PageTable; from: number; to: number } | null {
  let from = start;
  let to = end;
  const size = pieces[start][0]?.size ?? lines[start].size;
  const witnesses: Piece[] = known.map(([x0, x1], k) => ({ runs: [], x0, x1, top: 0, bottom: 0, size, line: -1 - k }));
  let columns = findColumns(pieces.slice(from, to).flat(), witnesses);
  const leading = regionLeading(pieces, from, to);
  // Trim lines at either edge that do not fit the columns, then read the columns again.
  for (let pass = 0; pass < 3; pass++) {
    let a = from;
    let b = to;
    // Foreign lines glued to a kept line are the rest of its cell (wrapped text), not a note.
    let a2 = a;
    while (a2 < b && foreign(a2, pieces, columns.spanning) && !cellStarts(pieces[a2], columns.bands)) a2++;
    if (a2 > a && !glued(a2 - 1, pieces, a2, b, leading)) a = a2;
    b = noteStart(pieces, columns.spanning, a, b, leading);
    if (a === from && b === to) break;
    from = a;
    to = b;
    if (to - from < minRows) return null;
    columns = findColumns(pieces.slice(from, to).flat(), witnesses);
  }
  const { bands } = columns;
  if (bands.length < 2 || bands.length > MAX_COLUMNS) return null;
  const placed = placePieces(pieces.slice(from, to).flat(), bands);
  const model = buildRows(joinCellParagraphs(yieldOccupiedColumns(stackBlocks(placed), bands)), bands.length);
  const nRows = model.ys.length - 1;
  // Paragraphs across the whole width at the region's head or foot are the prose around the lines
  // of cells, not its rows (a web page's 发布日期 / 索引号 head, then the report's first paragraphs).
  let head = 0;
  while (head < nRows && isProseRow(model, bands.length, head)) head++;
  let foot = nRows;
  while (foot > head && isProseRow(model, bands.length, foot - 1)) foot--;
  if (head === nRows) return null;
  if (head > 0 || foot < nRows) {
    const rowLines = (r: number) => model.cells.filter((c) => c.r0 === r).flatMap((c) => c.block.pieces.map((p) => p.line));
    const a = head > 0 ? Math.max(...Array.from({ length: head }, (_, r) => rowLines(r)).flat()) + 1 : from;
    const b = foot < nRows ? Math.min(...rowLines(foot)) : to;
    if (b - a < minRows || a < from || b > to || (a === from && b === to)) return null;
    return buildTable(lines, pieces, a, b, page, minRows, known, header);
  }
  // Most rows must have text in at least two columns, or this is not a grid.
  const perRow = Array.from({ length: nRows }, () => new Set<number>());
  for (const c of model.cells) for (let r = c.r0; r < c.r1; r++) perRow[r].add(c.block.c0);
  // …or, read as the continuation of the table on the page before, one cell of an inner column
  // starting where that column's text starts on the page before (成本指标, 可持续影响指标: a label of
  // the hierarchy whose row was left blank, a template's rows kept as they were).
  // …or one cell of the first column within that column's extent on the page before (1、业务工作经费,
  // 政府采购金额 wrapped a few characters a line: a row's label with its figures left blank); a
  // paragraph starting at the margin runs on past the first column.
  const blankRow = (r: number) => {
    const own = model.cells.filter((c) => c.r0 <= r && r < c.r1);
    if (!known.length || own.length !== 1) return false;
    const { block } = own[0];
    const x0 = Math.min(...block.pieces.map((p) => p.x0));
    const tol = ALIGNED_EMS * block.size;
    if (block.c1 - block.c0 !== 1) return false;
    if (block.c0 > 0) return known.slice(1).some(([k0]) => Math.abs(k0 - x0) <= tol);
    const x1 = Math.max(...block.pieces.map((p) => p.x1));
    return known.length > 1 && Math.abs(known[0][0] - x0) <= tol && x1 <= known[0][1] + tol;
  };
  const spread = perRow.filter((s, r) => s.size >= 2 || blankRow(r)).length;
  // Read as the continuation of the table on the page before (its columns witnesses), a row with
  // one cell filled (its others left blank, or the rest of a row cut by the break) is as likely.
  if ((nRows < minRows && !(minRows === MIN_ROWS && headerAndRow(model, bands.length))) || spread < nRows * (known.length ? CONTINUED_SPREAD : SPREAD)) return null;
  if (header && !(nRows < MIN_ROWS && labelledHeader(model, bands.length))) return null;
  const align = cellAlignment(model, bands);
  if (align.middle) {
    stretchTwoRowHeaders(model);
    stretchGroupLabels(model, bands.length);
  }
  if (align.centre) stretchAcross(model, bands);
  else {
    stretchRowValues(model, bands.length);
    stretchHeaderGroups(model, bands.length);
  }
  const xs = columnBoundaries(bands, 1);
  const cells = labelUnits(completeWrappedHeaders(toCells(model.cells, xs, model.ys, bands)));
  if (isList(cells, bands.length)) return null;
  const bbox: BBox = [xs[0], model.ys[0], xs.at(-1)!, model.ys.at(-1)!];
  const confirmed = confirmedHeaderRows(cells) > 0;
  const table: PageTable = {
    page,
    xs,
    ys: model.ys,
    cells,
    bbox,
    source: 'borderless',
    confidence: confirmed ? CONFIRMED_BORDERLESS_CONFIDENCE : BORDERLESS_CONFIDENCE,
    bands,
  };
  return { table, from, to };
}

/** A table of a header and one row has at least this many columns. */
const HEADER_ROW_COLUMNS = 4;
/** A figure, or a colon ending a label (a form's field, its value beside it): not a column's name. */
const NOT_HEADER = /[\d:：]/u;

/**
 * Two rows, the first a header: a cell in every column, each one column wide with words and no
 * figure or colon, and the second row's cells in the same columns, all but one filled, at least
 * HEADER_ROW_COLUMNS of them (序号 | 项目单位 | 项目名称 | 发行金额(亿元) | 评价结果 | 备注 over one
 * project's row, a results table of one line). Fewer rows than MIN_ROWS, still a grid.
 */
function headerAndRow(model: { cells: readonly TableCellPlan[] }, nCols: number): boolean {
  const head = headerRow(model, nCols);
  const body = model.cells.filter((c) => c.r0 === 1);
  if (!head || body.some((c) => c.r1 !== 2 || c.block.c1 - c.block.c0 !== 1)) return false;
  return new Set(body.map((c) => c.block.c0)).size >= nCols - 1;
}

/** The first row's cells when it reads as a header: one cell a column, each one row and one column, words with no figure or colon, HEADER_ROW_COLUMNS or more. */
function headerRow(model: { cells: readonly TableCellPlan[] }, nCols: number): TableCellPlan[] | null {
  if (nCols < HEADER_ROW_COLUMNS) return null;
  const head = model.cells.filter((c) => c.r0 === 0);
  if (head.some((c) => c.r1 !== 1 || c.block.c1 - c.block.c0 !== 1) || new Set(head.map((c) => c.block.c0)).size !== nCols) return null;
  return head.some((c) => NOT_HEADER.test(cellText(c))) ? null : head;
}

/** Rows a region of fewer lines than MIN_ROWS must make when a line of it names the form's labels. */
const HEADER_ONLY_ROWS = 1;
/** Pieces of one line, or cells of a header, that name a form's labels (项目名称, 实施单位, 资金到位情况 …). */
const MIN_LABELS = 2;

/**
 * Does a line of [from, to) break into HEADER_ROW_COLUMNS − 1 pieces or more, one of them a form's
 * label? (The cells read then must name MIN_LABELS: a header cell wrapped over two lines, 资金到位 /
 * 情况, names its label only once its lines are one cell.)
 */
function namesLabels(pieces: readonly Piece[][], from: number, to: number): boolean {
  const label = (p: Piece) => namesFormLabel(p.runs.map((r) => r.str).join(''));
  return pieces.slice(from, to).some((ps) => ps.length >= HEADER_ROW_COLUMNS - 1 && ps.some(label));
}

/**
 * A header alone or over one row, read from a line or two: the header row (headerRow) with
 * MIN_LABELS cells naming the form's labels; the row under it, if any, cells that start where
 * their first column's header starts (一 | 项目绩效评价 under 序号 | 项目名称 …, merged over the rest).
 */
function labelledHeader(model: { ys: readonly number[]; cells: readonly TableCellPlan[] }, nCols: number): boolean {
  const head = headerRow(model, nCols);
  if (!head || head.filter((c) => namesFormLabel(cellText(c))).length < MIN_LABELS) return false;
  const starts = (c: TableCellPlan) => Math.min(...c.block.pieces.map((p) => p.x0));
  return model.cells.every((c) => c.r0 === 0 || head.some((h) => h.block.c0 === c.block.c0 && Math.abs(starts(h) - starts(c)) <= ALIGNED_EMS * c.block.size));
}

/** Characters of a row's text from which a paragraph across the table is prose, not a cell. */
const PROSE_CHARS = 40;
/** Clause punctuation: a paragraph has several, a cell's label or figures none. */
const CLAUSE_MARK = /[，,；;]/gu;
const SENTENCE_END = /[。；;]/u;
const MARKS_ONLY = /^[\p{P}\p{S}]{0,3}$/u;
/** A cell's text without white space (row-model's blockText). */
const cellText = (c: TableCellPlan) => blockText(c.block).replace(/\s+/gu, '');

/**
 * Is row `r` one paragraph of prose across every column — its only text one block over all the
 * columns, of several lines, long, with sentences (clause marks and a full stop)?
 */
function isProseRow(model: { cells: readonly TableCellPlan[] }, nCols: number, r: number): boolean {
  // A stop or bracket the producer set apart at the paragraph's end (。 alone at the right) is no cell.
  const words = model.cells.filter((c) => c.r0 <= r && r < c.r1 && !MARKS_ONLY.test(cellText(c)));
  if (words.length !== 1) return false;
  const [c] = words;
  if (c.r0 !== r || c.r1 !== r + 1 || c.block.c0 !== 0 || c.block.c1 !== nCols) return false;
  if (new Set(c.block.pieces.map((p) => p.line)).size < 2) return false;
  const text = cellText(c);
  return text.length >= PROSE_CHARS && SENTENCE_END.test(text) && (text.match(CLAUSE_MARK)?.length ?? 0) >= 2;
}

/** A unit in brackets alone (（万元）, (万元, （人）): what a label states its figures in, never a row's label. */
const UNIT_ALONE = /^[（(](?:万元|元|亿元|千元|人|个|%|％)[）)]?$/u;

/**
 * A unit in brackets alone in its row, under a cell of the same columns (年度预算申请 / (万元), the
 * label's second paragraph a row-gap under it): the rest of that cell, which reaches down over its
 * row. Read as a row of its own it is a label with no figures, and what follows it is cut off.
 */
function labelUnits(cells: PageTableCell[]): PageTableCell[] {
  const folded = new Set<PageTableCell>();
  for (const u of cells) {
    if (!UNIT_ALONE.test(u.text.replace(/\s+/gu, '')) || cells.some((c) => c !== u && c.text.trim() && c.r0 < u.r1 && u.r0 < c.r1)) continue;
    const label = cells.find((c) => c.c0 === u.c0 && c.c1 === u.c1 && c.r1 === u.r0 && c.text.trim() && !folded.has(c));
    if (!label) continue;
    label.text = `${label.text}\n${u.text}`;
    label.r1 = u.r1;
    label.box = [label.box[0], label.box[1], label.box[2], u.box[3]];
    folded.add(u);
  }
  return cells.filter((c) => !folded.has(c));
}

/** A list marker: 1. 2) (3) 一、 ① a. iv. • — what a numbered or bulleted list puts before its items. */
const LIST_MARKER = /^[（(]?(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[a-zA-Z]|[ivxlIVXL]{1,5}|[\u2460-\u2473\u2776-\u277F])[)）.．、:：]?$|^[•·▪●○◦■□◆◇\-–—*]$/u;

/** Two columns, the first only list markers: a numbered list with its text hanging after a tab, not a table. */
function isList(cells: readonly PageTableCell[], nCols: number): boolean {
  if (nCols !== 2) return false;
  const first = cells.filter((c) => c.c0 === 0 && c.c1 === 1 && c.text.trim());
  return first.length > 0 && first.every((c) => LIST_MARKER.test(c.text.replace(/\s+/gu, '')));
}

/** Share of the rows with text in two columns or more: a grid, not a column of text. */
const SPREAD = 0.6;
const CONTINUED_SPREAD = 0.5;

/** Cell starts line up (左对齐): within this many font sizes. */
const ALIGNED_EMS = 0.3;

/**
 * Each piece with the columns it covers. A piece that reaches no column's text (a header
 * "预期目标" over a cell merged across columns, its short last line "元。", where the columns
 * under them hold narrower text elsewhere) takes the columns of the nearest piece that starts
 * where it starts (cell starts line up across rows) and does reach some; else the nearest column.
 */
function placePieces(pieces: readonly Piece[], bands: readonly Band[]): PlacedPiece[] {
  const reaches = (p: Piece) => bands.some(([x0, x1]) => Math.min(p.x1, x1) - Math.max(p.x0, x0) > 0.5);
  const anchors = pieces.filter(reaches);
  return pieces.map((p) => {
    const aligned = reaches(p)
      ? undefined
      : anchors
          .filter((q) => q.line !== p.line && Math.abs(q.x0 - p.x0) <= ALIGNED_EMS * p.size && q.x1 >= p.x1 - ALIGNED_EMS * p.size)
          .sort((a, b) => Math.abs(a.top - p.top) - Math.abs(b.top - p.top))[0];
    const [c0, c1] = columnSpan(bands, aligned ?? p);
    return { ...p, c0, c1 };
  });
}

/** Lines of a column span's cells that show its width. */
const SPAN_WIDTH_LINES = 3;

/** One cell per grid rectangle: blocks that landed on the same rows and columns are one cell's text. */
function toCells(plans: readonly TableCellPlan[], xs: readonly number[], ys: readonly number[], bands: readonly Band[]): PageTableCell[] {
  const byRect = new Map<string, TableCellPlan[]>();
  for (const p of plans) {
    const k = `${p.r0}:${p.r1}:${p.block.c0}:${p.block.c1}`;
    byRect.set(k, [...(byRect.get(k) ?? []), p]);
  }
  // A cell across columns reaches as far right as the widest line of the cells of its span: the
  // last column's text elsewhere (a header wider than the cell's own lines) says nothing of it.
  const spanRight = new Map<string, { right: number; lines: Set<number> }>();
  for (const p of plans) {
    if (p.block.c1 - p.block.c0 < 2) continue;
    const k = `${p.block.c0}:${p.block.c1}`;
    const seen = spanRight.get(k) ?? { right: -Infinity, lines: new Set<number>() };
    for (const piece of p.block.pieces) {
      seen.right = Math.max(seen.right, piece.x1);
      seen.lines.add(piece.line);
    }
    spanRight.set(k, seen);
  }
  const cells: PageTableCell[] = [];
  for (const group of byRect.values()) {
    const { r0, r1 } = group[0];
    const { c0, c1 } = group[0].block;
    const runsByLine = new Map<number, PlacedPiece[]>();
    for (const piece of group.flatMap((g) => g.block.pieces)) runsByLine.set(piece.line, [...(runsByLine.get(piece.line) ?? []), piece]);
    const lines = [...runsByLine.values()].map((ps) => makeLine(ps.flatMap((p) => p.runs).sort((a, b) => a.x0 - b.x0))).sort((a, b) => a.top - b.top);
    const span = spanRight.get(`${c0}:${c1}`);
    const right = (span && span.lines.size >= SPAN_WIDTH_LINES ? span.right : bands[c1 - 1][1]) + 0.5;
    const last = lines.at(-1)!;
    const runs = lines.flatMap((l) => l.runs);
    const confidence = lowestConfidence(runs);
    cells.push({
      r0,
      r1,
      c0,
      c1,
      box: [xs[c0], ys[r0], xs[c1], ys[r1]],
      text: joinFrameLines(lines, right),
      endsWrapped: lineFilled(last, { ...last, text: '字', size: last.size }, right),
      lines: lines.length,
      ...(confidence !== undefined ? { confidence } : {}),
    });
  }
  cells.sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
  return cells;
}
