import type { TableBlock, TableCell } from '../../schemas/document.js';
import { assembleGrid } from '../table-grid.js';
import { squeeze, wrapSeparator } from './cjk.js';
import type { PageTable, PageTableCell } from './page-table.js';
import { roundBox } from './types.js';
import { clusterPositions } from './cluster.js';
import { continuesBorderless } from './borderless-join.js';

/** Boundaries of different pages closer than this are the same column border. */
const SNAP = 3;
/** A repeated header has at most this many rows. */
const MAX_HEADER_ROWS = 3;


/**
 * May `next` (first thing on its page) continue `prev` (last thing on the page before)?
 * The narrower part's left and right edges are column borders of the wider (the same edges, or
 * inner borders when an outer column is not redrawn on one page), it has most of the wider's
 * columns, and most of its column borders exist in the wider.
 */
export function continuesTable(prev: PageTable, next: PageTable): boolean {
  if (next.page !== prev.page + 1) return false;
  // Inferred columns (no rulings) are matched by their text, not by borders.
  if (prev.bands && next.bands) return continuesBorderless(prev, next);
  // Same edges; or, where a browser does not redraw a merged cell that runs on over the break
  // (Chromium: only the left border of the 绩效指标 column is repeated), the narrower part's edges
  // are column borders of the wider one.
  const sameEdges = Math.abs(prev.bbox[0] - next.bbox[0]) <= SNAP && Math.abs(prev.bbox[2] - next.bbox[2]) <= SNAP;
  if (sameEdges) {
    // Same frame: most of the continuation's borders are the first part's (a part may subdivide
    // columns more finely, as the 基础数据表's 楼堂馆所 rows do).
    const inner = next.xs.slice(1, -1);
    return !inner.length || inner.filter((x) => prev.xs.some((p) => Math.abs(p - x) <= SNAP)).length / inner.length >= 0.5;
  }
  const [narrow, wide] = next.bbox[2] - next.bbox[0] <= prev.bbox[2] - prev.bbox[0] ? [next, prev] : [prev, next];
  const onBorder = (x: number) => wide.xs.some((p) => Math.abs(p - x) <= SNAP);
  if (!onBorder(narrow.bbox[0]) || !onBorder(narrow.bbox[2])) return false;
  if (narrow.xs.length - 1 < 0.6 * (wide.xs.length - 1)) return false;
  const inner = narrow.xs.slice(1, -1);
  if (!inner.length) return true;
  const shared = inner.filter((x) => onBorder(x)).length;
  return shared / inner.length >= 0.5;
}

interface MappedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  endsWrapped: boolean;
  /** Lines of text in the cell (tables without rulings). */
  lines?: number;
  page: number;
  box: [number, number, number, number];
  confidence?: number;
}

function clusterBoundaries(values: number[]): number[] {
  return clusterPositions(values, SNAP);
}

function nearest(bounds: number[], v: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(bounds[lo - 1] - v) <= Math.abs(bounds[lo] - v)) return lo - 1;
  return lo;
}

function rowSignature(cells: MappedCell[], row: number): string {
  return cells
    .filter((c) => c.row === row)
    .map((c) => `${c.col}+${c.colSpan}:${squeeze(c.text)}`)
    .join('|');
}

/**
 * Join the parts of one table (one part per page) into a TableBlock: columns unified over all
 * parts, a header row repeated at the top of a continuation page dropped, a row broken by the
 * page break rejoined, and a merged cell that runs over the break kept as one cell.
 */
export function joinTableParts(parts: PageTable[], block: number, tableIndex: number): TableBlock {
  const xs = clusterBoundaries(parts.flatMap((p) => p.xs));
  let all: MappedCell[] = [];
  let rowOffset = 0;
  // Where each final row is: its page and vertical extent there (for cells no region covers).
  const rowPlaces: Array<{ page: number; top: number; bottom: number }> = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    let cells: MappedCell[] = part.cells.map((c) => mapCell(c, part, xs));
    let nRows = part.ys.length - 1;
    let firstLocal = 0;
    if (k > 0) {
      const dropped = repeatedHeaderRows(all, cells);
      firstLocal = dropped;
      if (dropped) {
        cells = cells.filter((c) => c.row >= dropped).map((c) => ({ ...c, row: c.row - dropped }));
        nRows -= dropped;
      }
      const joined = joinAcrossBreak(all, rowOffset - 1, cells, part.source === 'borderless');
      cells = cells.filter((c) => !joined.folded.has(c));
      if (joined.rowSplit) {
        // The first row is the rest of the previous part's last row: the rows after it move up.
        cells = cells.map((c) => ({ ...c, row: c.row - 1 }));
        nRows -= 1;
        firstLocal += 1;
      }
    }
    for (let r = firstLocal; r < part.ys.length - 1; r++) rowPlaces.push({ page: part.page, top: part.ys[r], bottom: part.ys[r + 1] });
    for (const c of cells) all.push({ ...c, row: c.row + rowOffset });
    rowOffset += nRows;
  }
  all = all.filter((c) => c.rowSpan > 0 && c.colSpan > 0);
  const nCols = xs.length - 1;
  const origins: TableCell[] = all.map((c) => ({
    row: c.row,
    col: c.col,
    rowSpan: c.rowSpan,
    colSpan: c.colSpan,
    text: c.text,
    page: c.page,
    bbox: roundBox(c.box),
    ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
  }));
  const { cells, grid } = assembleGrid(origins, rowOffset, nCols);
  for (const cell of cells) {
    if (cell.page !== null) continue;
    const place = rowPlaces[cell.row] ?? { page: parts[0].page, top: 0, bottom: 0 };
    cell.page = place.page;
    cell.bbox = roundBox([xs[cell.col], place.top, xs[cell.col + 1], place.bottom]);
  }
  return {
    kind: 'table',
    block,
    table: tableIndex,
    nRows: rowOffset,
    nCols,
    cells,
    grid,
    page: parts[0].page,
    pageEnd: parts.at(-1)!.page,
    source: parts.some((p) => p.source === 'borderless') ? 'borderless' : parts.some((p) => p.source === 'raster') ? 'raster' : 'ruled',
    confidence: Math.min(...parts.map((p) => p.confidence)),
  };
}

function mapCell(c: PageTableCell, part: PageTable, xs: number[]): MappedCell {
  const col = nearest(xs, part.xs[c.c0]);
  const end = nearest(xs, part.xs[c.c1]);
  return {
    row: c.r0,
    col,
    rowSpan: c.r1 - c.r0,
    colSpan: Math.max(1, end - col),
    text: c.text,
    endsWrapped: c.endsWrapped,
    ...(c.lines !== undefined ? { lines: c.lines } : {}),
    page: part.page,
    box: c.box,
    ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
  };
}

/** Does `next` start with the row `first` starts with (the same texts, cell by cell)? */
export function repeatsFirstRow(first: PageTable, next: PageTable): boolean {
  const row = (t: PageTable) => t.cells.filter((c) => c.r0 === 0).sort((x, y) => x.c0 - y.c0).map((c) => squeeze(c.text)).join('|');
  const start = row(first);
  return start.length > 0 && start === row(next);
}

/** Rows at the top of a continuation that repeat the table's first rows (a repeated header). */
function repeatedHeaderRows(before: MappedCell[], next: MappedCell[]): number {
  let n = 0;
  while (n < MAX_HEADER_ROWS) {
    const a = rowSignature(before, n);
    const b = rowSignature(next, n);
    if (!a || a !== b || !/[^|:+\d]/u.test(a.replace(/\d+\+\d+:/g, ''))) break;
    // Only whole rows: a header cell must not reach into the body rows.
    if (next.some((c) => c.row === n && c.rowSpan > 1)) break;
    n++;
  }
  return n;
}

const OPEN = /[（(［\[【〔]/gu;
const CLOSE = /[）)］\]】〕]/gu;
const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

/**
 * Is `next` the rest of `prev` rather than a text of its own? A bracket opened in `prev` and
 * closed in `next` ("成本指标（20" / "分）"), `next` starting with closing punctuation, or `next`
 * only a parenthetical ("（20分）": a weight or a note, never a label by itself).
 */
export function isTextFragment(prev: string, next: string): boolean {
  const a = squeeze(prev);
  const b = squeeze(next);
  if (!a || !b) return false;
  if (count(a, OPEN) > count(a, CLOSE) && count(b, CLOSE) > count(b, OPEN)) return true;
  if (/^[）)］\]】〕，,、。；;：:]/u.test(b)) return true;
  return /^[（(][^（()）]*[)）]$/u.test(b);
}

/** A figure alone (a 分值, 得分, amount or rate): a cell's value, never the rest of a sentence. */
const FIGURE = /^[\d.,%‰\-—–]+$/u;
/** …or a text ending in one (政府性基金拨款:118.82): an item stated, complete. */
const ENDS_FIGURE = /[\d%‰]$/u;
/** A sentence's end: a cell's text that stops there is complete. */
const SENTENCE_END = /[。；;！!？?]$/u;

/**
 * A grid inferred from text: is the continuation's first row one cell alone, under the cell of
 * the last row above in the same columns — the last line of that cell's text pushed over the break
 * (获得目的国 / (地区)受 at the foot, 众欢迎 alone at the top of the next page)? The browser may
 * wrap before the cell's border (the line above does not reach it), so the text is the witness:
 * both words, the text above ending in no figure and no sentence's end. A row of one cell has nothing
 * else to be: an indicator's row has its name and values. The cell above has wrapped (two lines or
 * more) or filled its line: a label of one short line (时效指标 over 成本指标, a row of the hierarchy
 * left blank at the top of the next page) had room for more and ended.
 */
function loneLastLine(pairs: readonly (readonly [MappedCell, MappedCell])[]): boolean {
  if (pairs.length !== 1) return false;
  const [[f, b]] = pairs;
  const [below, above] = [squeeze(f.text), squeeze(b.text)];
  const wrapped = (b.lines ?? 2) >= 2 || b.endsWrapped;
  return f.colSpan === b.colSpan && wrapped && below !== '' && above !== '' && !FIGURE.test(below) && !ENDS_FIGURE.test(above) && !SENTENCE_END.test(above);
}

/** An item's number (1. / 2、 / （三） / 第二): the start of an item of its own, never the rest of one. */
const ITEM_START = /^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|第[一二三四五六七八九十\d]+)/u;
/** A text that stops here is complete: a sentence's end or a closed bracket (a figure: ENDS_FIGURE). */
const CLOSED_END = /[。；;！!？?）)］\]】〕」』”]$/u;

/**
 * Does a cell's text stop short of its end at the foot of the page? It is set on two lines or more
 * (it wrapped: the row was long enough to be cut) and ends in no sentence's end, closed bracket or
 * figure — or leaves a bracket open.
 */
function unfinished(cell: MappedCell): boolean {
  const text = squeeze(cell.text);
  if (!text || ((cell.lines ?? 1) < 2 && !cell.endsWrapped)) return false;
  if (count(text, OPEN) > count(text, CLOSE)) return true;
  return !CLOSED_END.test(text) && !ENDS_FIGURE.test(text);
}

/**
 * A row cut by the page break whose text was wrapped short of the cell's border (a browser moves
 * "绘、" together to the next line, 行首禁则, so no line above the break reaches the border and
 * endsWrapped proves nothing): is the continuation's first row only the rest of the last row's
 * texts? Every text of it lies under an unfinished text of two lines or more and is no figure
 * (分值 and 得分 are the row's own, stated once, above the break: filled there, empty below); and
 * the row's first cell (its name, 三级指标) is filled above and empty below — a row of its own has
 * its name.
 * Unsure → not folded: a real row lost in another is worse than a row cut in two.
 */
function restOfCutRow(pairs: readonly (readonly [MappedCell, MappedCell])[], top: readonly MappedCell[]): boolean {
  if (!pairs.length || top.some((f) => FIGURE.test(squeeze(f.text)))) return false;
  const [leadBelow, leadAbove] = pairs.reduce((a, p) => (p[0].col < a[0].col ? p : a));
  if (squeeze(leadBelow.text) !== '' || squeeze(leadAbove.text) === '') return false;
  // The row's own figures are above the break: 分值 and 得分 filled there, empty below.
  const figures = pairs.filter(([, b]) => FIGURE.test(squeeze(b.text)));
  if (!figures.length || figures.some(([f]) => squeeze(f.text) !== '')) return false;
  const continued = pairs.filter(([f]) => squeeze(f.text) !== '');
  return continued.length > 0 && continued.every(([f, b]) => unfinished(b) && !ITEM_START.test(squeeze(f.text)));
}

/**
 * Cells of the continuation's first row that belong to a cell of the previous part's last row:
 * - a merged cell running over the break (the continuation shows an empty cell with the same
 *   columns, or the rest of its text, and one of the two spans several rows);
 * - a row broken by the page break (a cell whose text ran to its right border continues in the
 *   cell with the same columns below the break).
 * Returns the continuation cells folded into the previous part, and whether the row was split.
 */
function joinAcrossBreak(before: MappedCell[], lastRow: number, next: MappedCell[], inferred = false): { folded: Set<MappedCell>; rowSplit: boolean } {
  const folded = new Set<MappedCell>();
  if (lastRow < 0) return { folded, rowSplit: false };
  const bottom = before.filter((c) => c.row + c.rowSpan - 1 === lastRow);
  const top = next.filter((c) => c.row === 0);
  // An inferred grid spans a cell over the columns its text reaches: the rest of its text below
  // the break, a line or two, may reach fewer of them (价。 under 将有关资金纳入…绩效评).
  const partner = (f: MappedCell) =>
    bottom.find((b) => b.col === f.col && b.colSpan === f.colSpan) ?? (inferred ? bottom.find((b) => b.col === f.col && f.colSpan < b.colSpan) : undefined);
  // Is the row itself split? Some cell's text ran into its border at the foot of the page.
  // A cell filled to its border proves little on its own (the text may just fit), so a split row
  // also needs a cell whose text ended above the break: filled above, empty below.
  // Merged cells running over the break are no evidence either way (their text may go on below).
  const pairs = top.map((f) => [f, partner(f)] as const).filter((p): p is readonly [MappedCell, MappedCell] => !!p[1] && p[1].rowSpan === 1 && p[0].rowSpan === 1);
  // And a cell whose text stopped short of its border above cannot go on below: text on both sides
  // of the break in such a cell means two rows.
  // The rest of a row has that row's cells: a first row whose cells span other columns (a 合计
  // row merged over the label columns) is a row of its own, however full the cells above it were.
  const sameCells = top.every((f) => partner(f) !== undefined);
  // A grid inferred from text has no empty cells: a cell of the last row with nothing under it
  // on the next page is one filled above and empty below.
  const emptyBelow = (b: MappedCell) => !top.some((f) => f.col < b.col + b.colSpan && b.col < f.col + f.colSpan);
  // A cell of the continuation's first row with text merged over several rows there, under a cell of one
  // row with text of its own, is set beside rows of its page: that row starts them, it is nobody's rest
  // (独有数据资源查询… merged over 使读者更方便… and 促进黄石… under 公益性事业, 社会效益 under 经济效益).
  const startsRows = inferred && top.some((f) => f.rowSpan > 1 && squeeze(f.text) !== '' && partner(f)?.rowSpan === 1 && squeeze(partner(f)!.text) !== '');
  const cutShort = sameCells && !startsRows && restOfCutRow(pairs, top);
  const rowSplit =
    sameCells &&
    !startsRows &&
    (cutShort ||
      (inferred && loneLastLine(pairs)) ||
      (pairs.some(([f, b]) => b.endsWrapped && squeeze(f.text) !== '' && squeeze(b.text) !== '') &&
        pairs.every(([f, b]) => b.endsWrapped || squeeze(f.text) === '' || squeeze(b.text) === '') &&
        (pairs.some(([f, b]) => squeeze(f.text) === '' && f.rowSpan === 1 && squeeze(b.text) !== '') ||
          // …and none of its texts a figure (the next row's 分值 and 得分 under the last row's).
          (inferred && bottom.some((b) => b.rowSpan === 1 && squeeze(b.text) !== '' && emptyBelow(b)) && !top.some((f) => FIGURE.test(squeeze(f.text)))))));
  for (const f of top) {
    const b = partner(f);
    if (!b) continue;
    const merged = b.rowSpan > 1 || f.rowSpan > 1;
    const emptyContinuation = squeeze(f.text) === '' && merged;
    // A merged label cut by the break: "成本指标" at the foot, "（20分）" at the top of the next page.
    // When the break falls right after the label's first row, neither part spans rows: the
    // fragment then joins only a label without brackets of its own (a column of "（万元）" cells
    // repeats a parenthetical; it does not continue one).
    const labelContinuation =
      squeeze(b.text) !== '' && isTextFragment(b.text, f.text) && (merged || !/[（(）)]/u.test(b.text));
    if (!rowSplit && !emptyContinuation && !labelContinuation) continue;
    if (squeeze(f.text)) {
      const wrapped = b.endsWrapped || (cutShort && !merged);
      b.text = b.text ? b.text + (wrapped ? wrapSeparator(b.text, f.text) : '\n') + f.text : f.text;
    }
    if (f.confidence !== undefined) b.confidence = Math.min(b.confidence ?? 1, f.confidence);
    b.rowSpan += f.rowSpan - (rowSplit ? 1 : 0);
    b.endsWrapped = f.endsWrapped;
    folded.add(f);
  }
  // Those rows start on this page, so a cell of the last row above with nothing under it runs over the
  // break into its columns' empty cells, down to the next text there: a cell merged over the break, as
  // the ruled print draws it (效益指标 over the rows of page 2, the 得分 10 of 经济效益 and 社会效益).
  if (startsRows) {
    const rows = Math.max(0, ...next.map((c) => c.row + c.rowSpan));
    for (const b of bottom) {
      if (!squeeze(b.text) || !emptyBelow(b)) continue;
      let k = 0;
      while (k < rows && !next.some((f) => f.row <= k && k < f.row + f.rowSpan && f.col < b.col + b.colSpan && b.col < f.col + f.colSpan && squeeze(f.text) !== '')) k++;
      b.rowSpan += k;
    }
  }
  return { folded, rowSplit };
}
