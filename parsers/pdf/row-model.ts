import type { Band, Piece } from './column-model.js';
import { namesFormColumn } from './header-vocabulary.js';

/**
 * The rows of a table drawn without rulings, once its columns are known (column-model.ts). A row
 * is not a text line: a cell's text wraps onto several lines while its neighbours sit centred
 * beside them. So the pieces of each column are first stacked into cell blocks (lines at the
 * leading of wrapped text), and rows are the bands where the blocks of the well-filled columns
 * (and cells spanning columns) overlap vertically. Sparse columns — the merged labels of a
 * hierarchy (一级指标/二级指标), a remark column (偏差原因) — do not define rows: their blocks are
 * placed on the rows they sit on, and a merged label is stretched over the empty cells it is
 * centred on.
 */

/** A piece with the columns it covers. */
export interface PlacedPiece extends Piece {
  c0: number;
  c1: number;
}

/** The text of one cell: pieces of one column range, stacked top to bottom. */
export interface Block {
  pieces: PlacedPiece[];
  c0: number;
  c1: number;
  top: number;
  bottom: number;
  size: number;
}

export interface TableCellPlan {
  block: Block;
  r0: number;
  r1: number;
}

export interface RowModel {
  /** Row boundaries (y), ascending: nRows + 1 values. */
  ys: number[];
  /** Extent of each row's text. */
  rows: BandY[];
  cells: TableCellPlan[];
}

/** A column with at least this share of the fullest column's blocks defines rows. */
const DENSE_SHARE = 0.5;
/** Columns left of the first with this share of the fullest column's blocks are the hierarchy's labels. */
const LEAF_SHARE = 0.8;
/** Leading gaps: wrapped lines of one cell are this close (font sizes) beyond the tightest gap. */
const WRAP_SLACK_EMS = 0.15;
/** Wrapped lines of one cell are at most this far apart (font sizes), whatever the line height. */
const MAX_WRAP_LEADING_EMS = 1.5;
/** Gaps within this many font sizes of each other are one leading. */
const SAME_LEADING_EMS = 0.05;
/** …and rows lie at least this much further apart than wrapped lines for the gaps to tell them apart. */
const ROW_SPACING_EMS = 0.25;

export const blockOf = (pieces: PlacedPiece[]): Block => ({
  pieces,
  c0: pieces[0].c0,
  c1: pieces[0].c1,
  top: Math.min(...pieces.map((p) => p.top)),
  bottom: Math.max(...pieces.map((p) => p.bottom)),
  size: Math.max(...pieces.map((p) => p.size)),
});

/**
 * Stack the pieces of each column range into blocks. Lines of one cell follow each other at the
 * leading of the text; rows are further apart (cell padding). When the gaps do not show two
 * kinds (no padding), every line is its own block and rows are told by their neighbours.
 */
export function stackBlocks(pieces: readonly PlacedPiece[]): Block[] {
  const sorted = [...pieces].sort((a, b) => a.top - b.top || a.x0 - b.x0);
  const wrapGapOf = wrapLeading(sorted);
  const open: PlacedPiece[][] = [];
  for (const p of sorted) {
    // A short last line that reaches no column's text ("元。" under a wide merged cell) is read
    // into the column nearest to it; lying under the line above at the leading of wrapped text,
    // it is that cell's. A line of leaders alone (……, ....) closes the cell above it: it never
    // starts a row.
    const leader = isLeaderLine(p);
    const wrapGap = wrapGapOf(p.size);
    const under = open
      .map((b) => ({ b, q: b.find((q) => q.line === b.at(-1)!.line && q.line !== p.line && p.top > q.top && overlapX(q, p) > 0 && (leader || within(p, q))) }))
      .filter((x): x is { b: PlacedPiece[]; q: PlacedPiece } => x.q !== undefined && (p.top - x.q.bottom) / p.size <= (leader ? Math.max(wrapGap, LEADER_GAP_EMS) : wrapGap))
      .sort((x, y) => y.q.bottom - x.q.bottom)[0];
    if (under) {
      under.b.push({ ...p, c0: under.q.c0, c1: under.q.c1 });
      continue;
    }
    // The block this piece continues: same line and same columns, or the line just above in
    // overlapping columns (the last line of a wrapped merged cell may sit in one of its columns),
    // under that line's text: a figure of the next column half a line under a label that runs
    // into that column (年度资金总 / 额: beside 55) is a cell of its own.
    const host = open.find((b) => {
      const last = b.at(-1)!;
      if (last.line === p.line) return last.c0 === p.c0 && last.c1 === p.c1;
      return b.some((q) => q.line === last.line && q.c0 < p.c1 && p.c0 < q.c1 && overlapX(q, p) > 0) && (p.top - last.bottom) / p.size <= wrapGap && p.top > last.top;
    });
    if (host) host.push(p);
    else open.push([p]);
  }
  return open.map((pieces) => {
    const c0 = Math.min(...pieces.map((p) => p.c0));
    const c1 = Math.max(...pieces.map((p) => p.c1));
    return blockOf(pieces.map((p) => ({ ...p, c0, c1 })));
  });
}

/**
 * A block across columns whose last column holds a block of its own row (side by side, half a line
 * or more of height in common, wholly right of its text) does not reach into it: two texts are never one cell's, and
 * text stops short of the next column's. A wrapped label running a character past the start of the
 * next column's merged cells (年度资金总 / 额: 140–184 pt over a band from 174 pt, where 年初预算数 and
 * its 55 stand at 202 pt) is its own column's, and the 55 beside it is kept.
 * Two blocks across columns side by side that meet in one column (two paragraphs, 总体目标 |
 * 总体目标完成情况, the right one starting near the end of the band the left one's text runs into):
 * that column is the one's whose text covers more of its band, the other stops short of it.
 */
export function yieldOccupiedColumns(blocks: readonly Block[], bands: readonly Band[]): Block[] {
  const x0 = (b: Block) => Math.min(...b.pieces.map((p) => p.x0));
  const x1 = (b: Block) => Math.max(...b.pieces.map((p) => p.x1));
  const sideBySide = (left: Block, right: Block) => left !== right && overlapY(left, right) >= 0.5 * Math.min(left.size, right.size) && x0(right) >= x1(left);
  const taken = (block: Block, c: number) => blocks.some((o) => o.c1 - o.c0 === 1 && o.c0 === c && sideBySide(block, o));
  const spans = new Map(blocks.map((b) => [b, { c0: b.c0, c1: b.c1 }]));
  for (const block of blocks) {
    const span = spans.get(block)!;
    while (span.c1 - span.c0 > 1 && taken(block, span.c1 - 1)) span.c1--;
  }
  for (const left of blocks) {
    const l = spans.get(left)!;
    for (const right of blocks) {
      const r = spans.get(right)!;
      if (l.c1 - l.c0 < 2 || r.c1 - r.c0 < 2 || r.c0 !== l.c1 - 1 || !sideBySide(left, right)) continue;
      const [b0, b1] = bands[r.c0];
      if (Math.min(x1(left), b1) - b0 >= b1 - Math.max(x0(right), b0)) r.c0++;
      else l.c1--;
    }
  }
  return blocks.map((block) => {
    const { c0, c1 } = spans.get(block)!;
    if (c0 === block.c0 && c1 === block.c1) return block;
    return blockOf(block.pieces.map((p) => ({ ...p, c0, c1 })));
  });
}

/** A line of leaders under a cell is at most this far below it (font sizes). */
const LEADER_GAP_EMS = 1;

/** Dot leaders alone (……, ......, ····, ____): the filler a template puts after a cell's text, never a value. */
const LEADERS = /^[.．。·•…⋯_＿\s]*[.．·•…⋯_＿][.．。·•…⋯_＿\s]*[.．·•…⋯_＿][.．。·•…⋯_＿\s]*$/u;
export const isLeaders = (text: string) => LEADERS.test(text);
const isLeaderLine = (p: Piece) => isLeaders(p.runs.map((r) => r.str).join(''));

const overlapX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/** Does `p` lie within the x-range of `q` (half a font size of slack)? */
const within = (p: Piece, q: Piece) => p.x0 >= q.x0 - 0.5 * p.size && p.x1 <= q.x1 + 0.5 * p.size;

/**
 * The largest gap (font sizes) between lines of one cell, by font size: the tightest gap between
 * stacked pieces of one column, plus a little; -Infinity when the gaps do not show two kinds.
 * Text of another size has its own leading (a form's smaller second part: 8.7 pt lines 0.6 em
 * apart under 9.7 pt lines 0.45 em apart); a size that shows no leading of its own takes the
 * table's.
 */
function wrapLeading(sorted: readonly PlacedPiece[]): (size: number) => number {
  const lastIn = new Map<string, PlacedPiece>();
  const gaps: number[] = [];
  const bySize = new Map<number, number[]>();
  for (const p of sorted) {
    const k = `${p.c0}:${p.c1}`;
    const prev = lastIn.get(k);
    if (prev && prev.line !== p.line) {
      const gap = (p.top - prev.bottom) / p.size;
      gaps.push(gap);
      bySize.set(sizeClass(p.size), [...(bySize.get(sizeClass(p.size)) ?? []), gap]);
    }
    lastIn.set(k, p);
  }
  const table = leadingLimit(gaps);
  const own = new Map([...bySize].map(([s, g]) => [s, leadingLimit(g, true)]));
  return (size) => {
    const limit = own.get(sizeClass(size)) ?? -Infinity;
    return limit > -Infinity ? limit : table;
  };
}

const sizeClass = (size: number) => Math.round(size * 2) / 2;

/**
 * From the gaps (font sizes) between stacked lines of a table: the largest gap between lines of
 * one cell, -Infinity when the gaps do not show two kinds. The leading recurs (every wrapped cell
 * has it); a gap seen once below it is a stray piece read into a column it does not belong to (a
 * short last line under a wide cell), not the leading.
 */
export function leadingLimit(gaps: readonly number[], recurringOnly = false): number {
  // Pieces of one column overlapping in height (text of two lines read into one column) show no leading.
  const ascending = gaps.filter((g) => g >= 0).sort((a, b) => a - b);
  if (!ascending.length) return -Infinity;
  const recurring = ascending.find((g, k) => g >= 0 && k + 1 < ascending.length && ascending[k + 1] - g <= SAME_LEADING_EMS);
  // `recurringOnly`: a leading seen at least twice and less than a line (not two row gaps alike).
  if (recurringOnly && (recurring === undefined || recurring >= 1)) return -Infinity;
  // A gap seen once is skipped for a recurring one only as close as wrapped lines are to each other.
  const tight = Math.max(0, recurring !== undefined && recurring - ascending[0] < ROW_SPACING_EMS ? recurring : ascending[0]);
  // Lines of one cell are never set further apart than about a line: gaps that tight and wider
  // are rows of one line each (a page of rows with no wrapped cell, a sparse column further apart).
  if (tight > MAX_WRAP_LEADING_EMS) return -Infinity;
  return gaps.some((g) => g >= tight + ROW_SPACING_EMS) ? tight + WRAP_SLACK_EMS : -Infinity;
}

/** Vertical overlap of two extents. */
const overlapY = (a: { top: number; bottom: number }, b: { top: number; bottom: number }) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);

/**
 * Rows from blocks: bands of the blocks of dense columns and of blocks spanning columns, then
 * every block placed on the bands it overlaps; a block of a sparse column lying between two bands
 * (a label centred over an even number of rows) covers both.
 */
export function buildRows(stacked: readonly Block[], nCols: number): RowModel {
  const blocks = joinParagraphsAround(stacked);
  const perColumn = Array<number>(nCols).fill(0);
  for (const b of blocks) if (b.c1 - b.c0 === 1) perColumn[b.c0]++;
  const fullest = Math.max(...perColumn);
  const dense = perColumn.map((n) => n >= DENSE_SHARE * fullest);
  const defining = (b: Block) => b.c1 - b.c0 > 1 || dense[b.c0];
  // A tall cell beside rows of other columns (原因 text merged over five rows) is placed on the
  // rows it covers, it does not make them one.
  const definingBlocks = blocks.filter(defining);
  const centred = new Set(definingBlocks.filter((b) => centredOverTwo(b, definingBlocks)));
  const rowMakers = definingBlocks.filter((b) => !overRows(b, definingBlocks) && !inRowGap(b, definingBlocks) && !centred.has(b));
  const bands = mergeBands(rowMakers);
  // Sparse blocks above the first or below the last band (a row of labels only) add their own band.
  const outside = blocks.filter((b) => !defining(b) && !bands.some((x) => overlapY(x, b) > 0) && (!bands.length || b.bottom <= bands[0].top || b.top >= bands.at(-1)!.bottom));
  const between = gapRows(blocks.filter((b) => !rowMakers.includes(b) && !outside.includes(b)), bands);
  const rows = outside.length || between.length ? mergeBands([...rowMakers, ...outside, ...between]) : bands;
  const ys = [rows[0].top - 1];
  for (let r = 1; r < rows.length; r++) ys.push((rows[r - 1].bottom + rows[r].top) / 2);
  ys.push(rows.at(-1)!.bottom + 1);
  // Do the rows set their cells' text at the top (Word) or in the middle (the templates)?
  let top = 0;
  let middle = 0;
  for (const b of blocks.filter(defining)) {
    const row = rows.find((x) => overlapY(x, b) > 0);
    if (!row || row.bottom - row.top - (b.bottom - b.top) < 0.5 * b.size) continue;
    if (Math.abs(b.top - row.top) <= 0.25 * b.size) top++;
    else if (Math.abs(row.bottom - b.bottom - (b.top - row.top)) <= 0.25 * b.size) middle++;
  }
  const topAligned = top > middle;
  const cells: TableCellPlan[] = [];
  const inGap = new Set<Block>();
  for (const block of blocks) {
    let r0 = -1;
    let r1 = -1;
    // A block centred over two rows may only touch the first (centredOverTwo).
    const reach = centred.has(block) ? -0.2 * block.size : 0.2 * block.size;
    const overlapped = () =>
      rows.forEach((row, r) => {
        if (overlapY(row, block) > reach) {
          if (r0 < 0) r0 = r;
          r1 = r + 1;
        }
      });
    if (defining(block)) overlapped();
    else {
      // A sparse column's block is on the row its middle is in (its lines may reach past the
      // row's text, as a label of two lines beside a row of one does) — its first line's, in a
      // table that sets text at the top of its cells.
      const first = block.pieces.reduce((a, b) => (b.top < a.top ? b : a));
      const within = (y: number) => rows.findIndex((row) => row.top <= y && y <= row.bottom);
      let r = within(topAligned ? (first.top + first.bottom) / 2 : (block.top + block.bottom) / 2);
      // …or, its first line above the row's text and its middle in it, the row it is centred on (a remark
      // of four lines centred beside 国家奖学金人 / 数, in a table that sets its other cells at the top).
      if (r < 0 && topAligned) r = within((block.top + block.bottom) / 2);
      if (r >= 0) [r0, r1] = [r, r + 1];
    }
    if (r0 < 0) {
      // In the gap between two rows: on both, but not on one where another cell of its column is.
      const middle = (block.top + block.bottom) / 2;
      const below = rows.findIndex((row) => row.top >= middle);
      r0 = below < 0 ? rows.length - 1 : Math.max(0, below - 1);
      r1 = below < 0 ? rows.length : below + 1;
      const taken = (r: number) => blocks.some((o) => o !== block && o.c0 < block.c1 && block.c0 < o.c1 && overlapY(o, rows[r]) > 0.2 * o.size);
      if (r1 - r0 === 2 && taken(r0)) r0++;
      else if (r1 - r0 === 2 && taken(r1 - 1)) r1--;
      else if (r1 - r0 === 2) inGap.add(block);
    }
    cells.push({ block, r0, r1 });
  }
  // A block in the gap between two rows, on both, goes on over as many rows more on each side as no
  // other cell of its columns covers, still centred on them (其中: centred on the 中央财政 | 省财政 |
  // 市县财政 | 其他 rows, beside their empty label cells).
  for (const cell of cells) {
    if (!inGap.has(cell.block)) continue;
    const { block } = cell;
    const free = (r: number) => !cells.some((o) => o !== cell && o.block.c0 < block.c1 && block.c0 < o.block.c1 && o.r0 <= r && r < o.r1);
    const middle = block.top + block.bottom;
    // Rows of unequal heights may leave it off-centre one step out and centred the next (产出指标 over
    // 2 + 1 + 2 + 1 rows, two of them of two lines): the widest centred span over free cells.
    let best = 0;
    for (let k = 1; cell.r0 - k >= 0 && cell.r1 - 1 + k < rows.length && free(cell.r0 - k) && free(cell.r1 - 1 + k); k++)
      if (Math.abs(rows[cell.r0 - k].top + rows[cell.r1 - 1 + k].bottom - middle) <= block.size) best = k;
    cell.r0 -= best;
    cell.r1 += best;
  }
  fitBoundaries(ys, rows, cells);
  return { ys, rows, cells };
}

/** Text beside a cell's two paragraphs lies this much closer to them than rows lie to each other. */
const AROUND_SHARE = 0.5;
/** …and the two paragraphs lie closer than this share of the usual gap between rows. */
const PARAGRAPHS_SHARE = 0.8;

/**
 * A cell of two paragraphs (计划投资额 / (万元), 经济效益 / 指标) is set with paragraph spacing
 * between them, wider than wrapped lines: two blocks of one column. When a block of another column
 * lies between them, centred on the two together and much closer to each than rows lie to each
 * other, they are one cell and that block is its row's neighbour (570 beside the label).
 */
function joinParagraphsAround(blocks: readonly Block[]): Block[] {
  const byColumn = new Map<string, Block[]>();
  for (const b of blocks) byColumn.set(`${b.c0}:${b.c1}`, [...(byColumn.get(`${b.c0}:${b.c1}`) ?? []), b]);
  for (const column of byColumn.values()) column.sort((a, b) => a.top - b.top);
  // The usual gap between rows: between the blocks of the fullest column (a sparse column's gaps span rows)…
  const fullest = [...byColumn.values()].reduce((a, b) => (b.length > a.length ? b : a));
  const gaps: number[] = [];
  for (let k = 1; k < fullest.length; k++) if (fullest[k].top > fullest[k - 1].bottom) gaps.push(fullest[k].top - fullest[k - 1].bottom);
  if (gaps.length < 3) return [...blocks];
  gaps.sort((a, b) => a - b);
  const usual = gaps[Math.floor(gaps.length / 2)];
  const beside = (x: Block) => blocks.filter((o) => (o.c1 <= x.c0 || x.c1 <= o.c0) && overlapY(o, x) > 0);
  // Columns (theirs included) with one block beside `a` and another beside `b`: when more columns are
  // split so than lie centred between them, a and b are two rows (一个存储备份器 | 25TB | 25TB over
  // WIFI布点全覆盖 | 100%覆盖 | 100%覆盖) and the block between is a label merged over both (数量指标, 10).
  const pairedColumns = (a: Block, b: Block) => {
    const below = beside(b);
    return 1 + beside(a).filter((x) => below.some((y) => y !== x && y.c0 === x.c0 && y.c1 === x.c1 && y.top >= x.bottom)).length;
  };
  const out: Block[] = [];
  for (const column of byColumn.values()) {
    for (let k = 0; k < column.length; k++) {
      const [a, b] = [column[k], column[k + 1]];
      const close = AROUND_SHARE * usual;
      const between =
        b !== undefined &&
        b.top > a.bottom &&
        blocks.some((c) => {
          if (c.c0 < a.c1 && a.c0 < c.c1) return false;
          const centred = Math.abs(c.top + c.bottom - a.top - b.bottom) <= 0.5 * c.size;
          if (!centred || c.top < a.bottom - 0.2 * c.size || c.bottom > b.top + 0.2 * c.size || c.top - a.bottom >= close || b.top - c.bottom >= close) return false;
          // …and it is the row, not they: as many cells beside it as beside either (a label centred
          // over two rows, 决策过程 between 决策依据 | 3 | 3 and 决策程序 | 5 | 5, is the other way
          // round — and those two lie a row gap apart, not a paragraph's spacing).
          // Its row: the blocks beside it within the gap, not those of the rows around it that it touches.
          const row = beside(c).filter((o) => o.top >= a.bottom - 0.2 * o.size && o.bottom <= b.top + 0.2 * o.size).length + 1;
          return b.top - a.bottom < PARAGRAPHS_SHARE * usual && row >= Math.max(beside(a).length, beside(b).length) && row >= pairedColumns(a, b);
        });
      if (between) {
        out.push(blockOf([...a.pieces, ...b.pieces]));
        k++;
      } else out.push(a);
    }
  }
  return out;
}

/** A row of its own lies at least this share of the table's usual row gap away from the rows on either side. */
const ROW_CLEARANCE_SHARE = 0.7;

/**
 * Blocks that no row band holds, lying in the gap between two bands a full row gap away from
 * each (the usual gap between rows), two or more side by side in other columns: a row of their
 * own whose columns are sparse elsewhere — a header row (全年预算数(A) | 全年执行数(B) | 执行率)
 * over values, beside a label merged down the first column. A label merged over the two rows
 * around it is centred in the gap, less than a row gap from either.
 */
function gapRows(candidates: readonly Block[], bands: readonly BandY[]): Block[] {
  if (bands.length < 3) return [];
  const gaps = bands
    .slice(1)
    .map((b, k) => b.top - bands[k].bottom)
    .sort((a, b) => a - b);
  const usual = gaps[Math.floor(gaps.length / 2)];
  const inGap = candidates.filter((b) => {
    const below = bands.findIndex((x) => x.top >= b.bottom);
    if (below <= 0 || bands[below - 1].bottom > b.top) return false;
    const clear = ROW_CLEARANCE_SHARE * usual;
    return usual > b.size && b.top - bands[below - 1].bottom >= clear && bands[below].top - b.bottom >= clear;
  });
  return inGap.filter((b) => inGap.some((o) => o !== b && (o.c1 <= b.c0 || b.c1 <= o.c0) && overlapY(o, b) > 0.5 * b.size));
}

/**
 * Put each row boundary in the middle of the gap between the text of the cells on either side of
 * it, the text of sparse columns included: a remark of five lines centred on its row reaches
 * above the row's other cells, and the border lies above it (what a label centred over the rows
 * below is measured from).
 */
function fitBoundaries(ys: number[], rows: readonly BandY[], cells: readonly TableCellPlan[]): void {
  for (let r = 1; r < rows.length; r++) {
    let above = rows[r - 1].bottom;
    let below = rows[r].top;
    for (const c of cells) {
      if (c.r1 === r) above = Math.max(above, c.block.bottom);
      if (c.r0 === r) below = Math.min(below, c.block.top);
    }
    if (above < below) ys[r] = (above + below) / 2;
  }
}

/**
 * Is `block` a label alone in the gap between two rows — no cell beside it, the rows above and
 * below with no text in its columns: a merged cell centred over both (时效指标 over 及时开工率 and
 * 及时完工率, in a table with generous cell padding; 资金情况(万元) over two label columns and the
 * rows of 年度资金总额), not a row of its own.
 */
function inRowGap(block: Block, others: readonly Block[]): boolean {
  const rest = others.filter((o) => o !== block);
  // Beside it: a cell of its height (a taller one — a remark of five lines — may reach past it)…
  const touch = 0.2 * block.size;
  const beside = rest.filter((o) => overlapY(o, block) > touch && o.top >= block.top - block.size && o.bottom <= block.bottom + block.size);
  // …is a row with it, unless it too is a label with nothing of its columns in the rows above and
  // below (其中: merged down the 计划投资额 half of a form and 其中: down the 实际使用情况 half, both
  // centred on the same four rows).
  const group = [block, ...beside];
  const outside = rest.filter((o) => !beside.includes(o));
  const top = Math.min(...group.map((b) => b.top));
  const bottom = Math.max(...group.map((b) => b.bottom));
  // The row above: a block of several lines that ends where it starts (a label of other columns merged
  // over the row above and this one, 满意度 / 指标 beside 演出人员满意度 and the 指标2: under it) is no row above it.
  const over = outside.filter((o) => o.bottom <= top + touch).sort((a, b) => b.bottom - a.bottom);
  const above = over.find((o) => o.bottom <= top - touch || innerGap(o) === null) ?? over[0];
  const below = outside.filter((o) => o.top >= bottom - touch).sort((a, b) => a.top - b.top)[0];
  if (!above || !below) return false;
  const ownColumn = (near: Block, b: Block) => outside.some((o) => overlapY(o, near) > 0 && o.c0 < b.c1 && b.c0 < o.c1);
  return group.every((b) => !ownColumn(above, b) && !ownColumn(below, b));
}

/** Rows of other columns are set apart by at least this much (font sizes) for a block to be over several. */
const ROW_APART_EMS = 1;
/** Lines of one cell at most this far apart (font sizes), and rows at least this far, for the relaxed test. */
const WRAP_GAP_EMS = 0.5;
const MIN_ROW_GAP_EMS = 0.5;

/**
 * Does `block` lie beside two cells of one other column that are clearly apart (a row gap of at
 * least ROW_APART_EMS between them) — a cell merged over several rows, not a row of its own?
 * A block of several lines needs them only further apart than its own lines are (plus the spacing
 * that tells rows from wrapped lines), and lying within the two, it may touch the first barely:
 * a label centred over a row of one line and a row of two (社会效益指标 over 群众安全感 and
 * 重大安全事故发生次数), in a table with little cell padding.
 */
function overRows(block: Block, others: readonly Block[]): boolean {
  const inner = innerGap(block);
  const apart = inner === null ? ROW_APART_EMS * block.size : Math.min(ROW_APART_EMS * block.size, inner + ROW_SPACING_EMS * block.size);
  const height = block.bottom - block.top;
  const slack = 0.2 * block.size;
  const beside = others
    .filter((o) => o !== block && (o.c1 <= block.c0 || block.c1 <= o.c0) && overlapY(o, block) > (inner === null ? 0.5 * o.size : 0) && o.bottom - o.top <= height)
    .sort((a, b) => a.top - b.top);
  for (let i = 0; i < beside.length; i++)
    for (let j = i + 1; j < beside.length; j++) {
      const [a, b] = [beside[i], beside[j]];
      if (a.c0 !== b.c0 || a.c1 !== b.c1 || b.top - a.bottom < apart) continue;
      // The original test: two clearly shorter cells, each well beside it.
      if (a.bottom - a.top < height && b.bottom - b.top < height && Math.min(overlapY(a, block), overlapY(b, block)) > 0.5 * a.size && b.top - a.bottom >= ROW_APART_EMS * block.size) return true;
      // The relaxed test: its lines at the leading of wrapped text, the two a row gap apart.
      if (inner !== null && inner <= WRAP_GAP_EMS * block.size && b.top - a.bottom >= MIN_ROW_GAP_EMS * block.size && block.top >= a.top - slack && block.bottom <= b.bottom + slack) return true;
    }
  return false;
}

/**
 * Is `block` (several lines) centred on two cells of one other column a clear row gap apart, reaching
 * well into one and touching the other — a cell merged over two rows in a table with little cell
 * padding, its text as tall as theirs (独有数据资源查询 / 查询范围可扩展到 / 省图 beside 使读者更方便快捷 /
 * 查找检阅 and 促进黄石文化经济 / 发展,丰富市民文化 / 活动)? overRows asks the two to be shorter than it.
 */
function centredOverTwo(block: Block, others: readonly Block[]): boolean {
  const inner = innerGap(block);
  if (inner === null) return false;
  const slack = 0.2 * block.size;
  const apart = Math.max(ROW_APART_EMS * block.size, inner + ROW_SPACING_EMS * block.size);
  const beside = others
    .filter((o) => o !== block && (o.c1 <= block.c0 || block.c1 <= o.c0) && overlapY(o, block) > -slack)
    .sort((a, b) => a.top - b.top);
  for (let i = 0; i < beside.length; i++)
    for (let j = i + 1; j < beside.length; j++) {
      const [a, b] = [beside[i], beside[j]];
      if (a.c0 !== b.c0 || a.c1 !== b.c1 || b.top - a.bottom < apart) continue;
      if (block.top < a.top - slack || block.bottom > b.bottom + slack) continue;
      if (Math.abs(block.top + block.bottom - a.top - b.bottom) > block.size) continue;
      // Well into one of them: not a row of its own filling the gap between the two.
      if (Math.max(overlapY(a, block), overlapY(b, block)) > 0.5 * block.size) return true;
    }
  return false;
}

/** The widest gap between two successive lines of a block; null for a block of one line. */
function innerGap(block: Block): number | null {
  const byLine = new Map<number, { top: number; bottom: number }>();
  for (const p of block.pieces) {
    const l = byLine.get(p.line);
    byLine.set(p.line, l ? { top: Math.min(l.top, p.top), bottom: Math.max(l.bottom, p.bottom) } : { top: p.top, bottom: p.bottom });
  }
  const lines = [...byLine.values()].sort((a, b) => a.top - b.top);
  if (lines.length < 2) return null;
  return Math.max(...lines.slice(1).map((l, k) => l.top - lines[k].bottom));
}

export interface BandY {
  top: number;
  bottom: number;
}

function mergeBands(blocks: readonly Block[]): BandY[] {
  const sorted = [...blocks].sort((a, b) => a.top - b.top);
  const bands: BandY[] = [];
  for (const b of sorted) {
    const last = bands.at(-1);
    if (last && b.top < last.bottom - 0.1 * b.size) last.bottom = Math.max(last.bottom, b.bottom);
    else bands.push({ top: b.top, bottom: b.bottom });
  }
  return bands;
}

/**
 * Merged labels of the hierarchy columns (the sparser columns left of the first full one): a
 * label centred on empty cells above and below it covers them (垂直居中的合并单元格). Going down a
 * column, a label whose empty cells above reach back to the previous label (or a cell of another
 * column range) covers them and as many empty cells below as keep its text centred; a label
 * whose span runs on past the foot of the page covers the empty cells down to the foot. Then a
 * label with no empty cell above it (set at the top of its span, or cut by a page break) covers
 * the empty cells below it down to the next cell (the recognizers carry a label down anyway; this
 * only makes the grid say so where the text shows it).
 */
export function stretchGroupLabels(model: RowModel, nCols: number): void {
  const nRows = model.ys.length - 1;
  const perColumn = Array<number>(nCols).fill(0);
  for (const c of model.cells) if (c.block.c1 - c.block.c0 === 1) perColumn[c.block.c0]++;
  const fullest = Math.max(...perColumn);
  // A numbering column first (序号 over 1, 2, 3 …: figures but for its header) is no level of the
  // hierarchy: the labels' columns are those after it.
  const numbering = (col: number) => {
    const own = model.cells.filter((c) => c.block.c0 === col && c.block.c1 === col + 1);
    return own.length >= 3 && own.filter((c) => !isFigure(blockText(c.block))).length <= 1;
  };
  let first = 0;
  while (first < nCols && numbering(first)) first++;
  const leaf = perColumn.findIndex((n, c) => c >= first && n >= LEAF_SHARE * fullest);
  for (let col = first; col < leaf; col++) {
    const occupied = Array<boolean>(nRows).fill(false);
    for (const c of model.cells) if (c.block.c0 <= col && col < c.block.c1) for (let r = c.r0; r < c.r1; r++) occupied[r] = true;
    // A figure (a 分值 of one row in a sparse column) is a value, not a group label.
    // …nor is a row's own label: values further right in its row but nothing of the hierarchy
    // beside it, up to the full column (总分 at the foot of a form, its 分值 and 得分 further right).
    const inRows = (c: TableCellPlan, from: number, to: number) => model.cells.some((o) => o.block.c0 >= from && o.block.c0 < to && o.r0 < c.r1 && c.r0 < o.r1);
    const rowLabel = (c: TableCellPlan) => inRows(c, leaf + 1, nCols) && !inRows(c, col + 1, leaf + 1);
    const labels = model.cells.filter((c) => c.block.c0 === col && c.block.c1 === col + 1 && !isFigure(blockText(c.block)) && !rowLabel(c)).sort((a, b) => a.r0 - b.r0);
    const topSet: TableCellPlan[] = [];
    for (let k = 0; k < labels.length; k++) {
      const label = labels[k];
      let start = label.r0;
      while (start > 0 && !occupied[start - 1]) start--;
      if (start === label.r0) {
        // Nothing empty above, but its text lower than the middle of its own rows: it is centred
        // on them and on empty cells below (效益指标 over two rows, the first taller).
        const end = belowMiddle(model, label) ? centredEnd(model, start, label, emptyBelow(occupied, label.r1), k === labels.length - 1) : null;
        if (end !== null && end > label.r1) {
          for (let r = label.r1; r < end; r++) occupied[r] = true;
          label.r1 = end;
        } else topSet.push(label);
        continue;
      }
      // Empty cells up to the page's top in the next level's column as well, its first label
      // centred on rows starting at its own: the rows above are a group of the page before
      // continued at both levels (管理制度有效性 under 项目管理 / 项目实施, cut by the break), and
      // a label's span never starts inside a group of the level below — when the label is centred
      // on the rows from there (not 总分 at the foot, whose span the rule below may run to it).
      if (start === 0 && col + 1 < leaf) {
        const next = nextLevelStart(model, col + 1, label.r0);
        if (next !== null && centredEnd(model, next, label, emptyBelow(occupied, label.r1), false) !== null) start = next;
      }
      const limit = emptyBelow(occupied, label.r1);
      // Anchored above (the previous label's span ends where this one's starts), else below
      // (the previous label is on the page before). Empty cells reaching up to the top of the page's
      // table anchor nothing: they may be the previous page's label continued (a form's last rows
      // alone on the next page, 支出责任履行情况 under the cut label "…况"), so a label centred
      // on the rows down to the next cell or the foot covers those, and runs past the foot only
      // when it is centred on nothing on this page.
      const exact = centredEnd(model, start, label, limit, false);
      const below = exact === null && (limit < nRows || start === 0) ? centredStart(model, start, label, limit) : null;
      const end = exact ?? (below ? null : centredEnd(model, start, label, limit, k === labels.length - 1));
      const span: [number, number] | null = end !== null ? [start, end] : below;
      if (!span) continue;
      for (let r = span[0]; r < span[1]; r++) occupied[r] = true;
      [label.r0, label.r1] = span;
    }
    for (const label of topSet) {
      // Set at the top of its span: its text sits above the middle of its own rows.
      const own = (model.ys[label.r0] + model.ys[label.r1]) / 2;
      if ((label.block.top + label.block.bottom) / 2 > own - 0.5 * label.block.size) continue;
      let end = label.r1;
      while (end < nRows && !occupied[end]) occupied[end++] = true;
      label.r1 = end;
    }
  }
}

/**
 * The row where the first label of column `col` starts, when nothing of that column lies above it,
 * it starts at or above `by`, and it is centred on rows starting there; else null.
 */
function nextLevelStart(model: RowModel, col: number, by: number): number | null {
  const inColumn = model.cells.filter((c) => c.block.c0 <= col && col < c.block.c1);
  const first = inColumn.reduce<TableCellPlan | null>((a, c) => (!a || c.r0 < a.r0 ? c : a), null);
  if (!first || first.r0 === 0 || first.r0 > by || first.block.c0 !== col || first.block.c1 !== col + 1 || isFigure(blockText(first.block))) return null;
  const occupied = Array<boolean>(model.ys.length - 1).fill(false);
  for (const c of inColumn) for (let r = c.r0; r < c.r1; r++) occupied[r] = true;
  return centredEnd(model, first.r0, first, emptyBelow(occupied, first.r1), false) !== null ? first.r0 : null;
}

/** The first row at or after `from` whose cell is taken (or the row count). */
function emptyBelow(occupied: readonly boolean[], from: number): number {
  let limit = from;
  while (limit < occupied.length && !occupied[limit]) limit++;
  return limit;
}

/** Is the label's text centred lower than the middle of its own rows (by half a font size)? */
function belowMiddle(model: RowModel, label: TableCellPlan): boolean {
  const own = (model.ys[label.r0] + model.ys[label.r1]) / 2;
  return (label.block.top + label.block.bottom) / 2 > own + 0.5 * label.block.size;
}

export function blockText(block: Block): string {
  return block.pieces.map((p) => p.runs.map((r) => r.str).join('')).join('');
}

/** A number, percentage or dash alone: 10, 9.48, 100%, -. */
export const isFigure = (text: string) => /^[\d.,%‰\s\-—–]+$/u.test(text.trim());

/**
 * The row end (exclusive) that centres the label's text on rows [start, end), end in
 * [label.r1, limit]; null when none does. The boundary may lie anywhere in the gap between two
 * rows' text (blank rows have no text). `last`: the last label of its column may run past the
 * table's foot (a merged cell continued on the next page).
 */
function centredEnd(model: RowModel, start: number, label: TableCellPlan, limit: number, last: boolean): number | null {
  const { ys, rows } = model;
  const centre = (label.block.top + label.block.bottom) / 2;
  const tolerance = 0.5 * label.block.size;
  const target = 2 * centre - ys[start];
  for (let end = label.r1; end <= limit; end++) {
    const lo = rows[end - 1].bottom - tolerance;
    const hi = end < rows.length ? rows[end].top + tolerance : ys[end] + tolerance;
    if (target >= lo && target <= hi) return end;
  }
  if (last && limit === rows.length && target > ys[limit]) return limit;
  return null;
}

/** The span [start', end) with start' in [start, label.r0] that centres the label, end fixed; null when none does. */
function centredStart(model: RowModel, start: number, label: TableCellPlan, end: number): [number, number] | null {
  const { ys, rows } = model;
  const centre = (label.block.top + label.block.bottom) / 2;
  const tolerance = 0.5 * label.block.size;
  const target = 2 * centre - ys[end];
  for (let s = start; s <= label.r0; s++) {
    const lo = s > 0 ? rows[s - 1].bottom - tolerance : ys[0] - tolerance;
    const hi = rows[s].top + tolerance;
    if (target >= lo && target <= hi) return [s, end];
  }
  return null;
}

/**
 * Cells merged across columns: text centred over empty cells on both sides of it in its rows
 * (a value printed across the width of a form, 按收入性质分 over four columns) covers them.
 * `bands`: each column's text extent; a column border may lie anywhere in the gap between them,
 * the table's right edge no further right than a cell padding past the text (rightEdge).
 */
export function stretchAcross(model: RowModel, bands: readonly [number, number][]): void {
  const nCols = bands.length;
  const right = rightEdge(model, bands);
  const taken = (r: number, c: number, self: TableCellPlan) => model.cells.some((o) => o !== self && o.r0 <= r && r < o.r1 && o.block.c0 <= c && c < o.block.c1);
  // Left to right: a label centred over the left of a row claims its columns before the values beside it.
  for (const cell of [...model.cells].sort((a, b) => a.r0 - b.r0 || a.block.c0 - b.block.c0)) {
    if (loneColumnValue(model, bands, cell)) continue;
    const free = (c: number) => {
      for (let r = cell.r0; r < cell.r1; r++) if (taken(r, c, cell)) return false;
      return true;
    };
    let start = cell.block.c0;
    while (start > 0 && free(start - 1)) start--;
    let limit = cell.block.c1;
    while (limit < nCols && free(limit)) limit++;
    // In the last column, the table's right edge stands in for a free column on the right (得分
    // over the last two columns of the 项目资金 rows).
    if (start === cell.block.c0 || (limit === cell.block.c1 && limit < nCols)) continue;
    const x0 = Math.min(...cell.block.pieces.map((p) => p.x0));
    const x1 = Math.max(...cell.block.pieces.map((p) => p.x1));
    const tolerance = 0.5 * cell.block.size;
    // Try the widest centred span first: left edge at each free column, right edge mirrored.
    for (let c0 = start; c0 < cell.block.c0; c0++) {
      const left = c0 === 0 ? bands[0][0] : (bands[c0 - 1][1] + bands[c0][0]) / 2;
      const target = x0 + x1 - left;
      let c1 = -1;
      for (let e = cell.block.c1; e <= limit; e++) {
        const lo = bands[e - 1][1] - tolerance;
        const hi = (e < nCols ? bands[e][0] : right) + tolerance;
        // …and its left edge anywhere left of the first column's text (a column with no text on
        // this page, the first of a table continued from the page before): the mirror is a bound.
        if (c0 === 0 ? hi >= target : target >= lo && target <= hi) {
          c1 = e;
          if (c0 === 0) break;
        }
      }
      if (c1 < 0) continue;
      cell.block = { ...cell.block, c0, c1 };
      break;
    }
  }
}

/** Cells of one column set on one anchor (left edge, right edge or centre) lie within this many font sizes. */
const ANCHOR_EMS = 0.3;

/**
 * Is the cell the only text of its rows, within its own column's text extent and set on the anchor
 * of another cell of that column (定性 alone in an indicator row left otherwise blank, centred as the
 * column's other 定性 are)? That is a value of its column, not text centred over the empty cells
 * around it: stretched, it covered the hierarchy's columns and cut the merged labels above it short.
 */
function loneColumnValue(model: RowModel, bands: readonly [number, number][], cell: TableCellPlan): boolean {
  const { block } = cell;
  if (block.c1 - block.c0 !== 1 || model.cells.some((o) => o !== cell && o.r0 < cell.r1 && cell.r0 < o.r1)) return false;
  const [b0, b1] = bands[block.c0];
  const tol = ANCHOR_EMS * block.size;
  const x0 = Math.min(...block.pieces.map((p) => p.x0));
  const x1 = Math.max(...block.pieces.map((p) => p.x1));
  if (x0 < b0 - tol || x1 > b1 + tol) return false;
  return model.cells.some((o) => {
    if (o === cell || o.block.c0 !== block.c0 || o.block.c1 !== block.c1) return false;
    const o0 = Math.min(...o.block.pieces.map((p) => p.x0));
    const o1 = Math.max(...o.block.pieces.map((p) => p.x1));
    return Math.abs(o0 - x0) <= tol || Math.abs(o1 - x1) <= tol || Math.abs(o0 + o1 - x0 - x1) <= 2 * tol;
  });
}

/**
 * In a table that sets text at the start of its cells, a cell merged across columns shows nothing
 * of its extent. A row of a label in the first column and one value, nothing else in its rows
 * (总分 | 99.55分, 评价结论 | text, 项目名称 | name) in a column that holds no figures elsewhere, is a
 * label and a value merged over the rest of the row, as the forms draw it: the value covers the
 * columns to the table's right edge.
 */
const squeezed = (text: string) => text.replace(/\s+/gu, '');

export function stretchRowValues(model: RowModel, nCols: number): void {
  // A column of figures is a column of values, each in its own cell (工作经费 | 334.74 under 决算数).
  const figures = (c: number) => model.cells.some((o) => o.block.c0 === c && o.block.c1 === c + 1 && isFigure(blockText(o.block)));
  for (const cell of model.cells) {
    if (cell.block.c0 === 0 || cell.block.c1 === nCols || figures(cell.block.c0)) continue;
    const inRows = model.cells.filter((o) => o.r0 < cell.r1 && cell.r0 < o.r1);
    const label = inRows.find((o) => o !== cell && o.block.c0 === 0 && o.r0 === cell.r0 && o.r1 === cell.r1 && o.block.c1 <= cell.block.c0);
    // The same words twice (预算执行率 | 预算执行率, the rest blank): two levels of the hierarchy
    // named alike over a row left to fill, not a label and its value.
    if (label && squeezed(blockText(label.block)) === squeezed(blockText(cell.block))) continue;
    if (inRows.length === 2 && label) cell.block = { ...cell.block, c1: nCols };
  }
}

/**
 * In a table that sets text at the start of its cells, a header over sub-headers (自评得分 over
 * 单项指标得分 | 权重占比(%) | 单项指标折算得分) shows its extent only as far as its text reaches.
 * Header cells left empty right of it, none of them covered, each over a sub-header of the row
 * below, are the rest of it: it covers them. Only over sub-headers naming columns of the forms
 * (表头词典), two or more, a cell of a sub-header under each column of the header's span.
 */
export function stretchHeaderGroups(model: RowModel, nCols: number): void {
  const covered = (r: number, c: number) => model.cells.some((o) => o.r0 <= r && r < o.r1 && o.block.c0 <= c && c < o.block.c1);
  const under = (r: number, c: number) => model.cells.find((o) => o.r0 === r + 1 && o.r1 === r + 2 && o.block.c0 === c && o.block.c1 === c + 1);
  for (const cell of model.cells) {
    const r = cell.r0;
    const { c0, c1 } = cell.block;
    if (cell.r1 !== r + 1 || r + 1 >= model.ys.length - 1 || isFigure(blockText(cell.block)) || !namesFormColumn(blockText(cell.block))) continue;
    let end = c1;
    while (end < nCols && !covered(r, end) && under(r, end)) end++;
    if (end === c1) continue;
    const subs = Array.from({ length: end - c0 }, (_, k) => under(r, c0 + k));
    if (subs.some((s) => !s || isFigure(blockText(s.block)))) continue;
    if (subs.filter((s) => namesFormColumn(blockText(s!.block))).length < 2) continue;
    cell.block = { ...cell.block, c1: end };
  }
}

/**
 * Where the table's right edge lies at most: right of the text that reaches furthest, by the cell
 * padding — at most half the usual gap between two columns' text (a border lies in each gap).
 */
function rightEdge(model: RowModel, bands: readonly [number, number][]): number {
  const reach = Math.max(bands.at(-1)![1], ...model.cells.flatMap((c) => c.block.pieces.map((p) => p.x1)));
  const gaps = bands
    .slice(1)
    .map((b, k) => b[0] - bands[k][1])
    .sort((a, b) => a - b);
  return gaps.length ? reach + gaps[Math.floor(gaps.length / 2)] / 2 : Infinity;
}

/** A cell is centred over two rows when its middle is within this many font sizes of theirs. */
const CENTRED_EMS = 0.25;

/**
 * Two-row headers (表头两行): cells merged down over both header rows (三级指标, 完成值, 权重,
 * 得分 beside 年度指标值 over 指标性质 | 指标值 | 度量单位) are centred on the two rows together, so
 * their text lies above the middle of the second row, beside its cells. Cells of a row centred on
 * it and the row above, where that row has nothing in their columns, two or more of them naming
 * columns of the forms, cover both rows.
 */
export function stretchTwoRowHeaders(model: RowModel): void {
  const { rows } = model;
  for (let r = 1; r < rows.length; r++) {
    const mid = (rows[r - 1].top + rows[r].bottom) / 2;
    const own = (rows[r].top + rows[r].bottom) / 2;
    const above = model.cells.filter((c) => c.r1 === r);
    if (!above.length) continue;
    const centred = model.cells.filter((c) => {
      if (c.r0 !== r || c.r1 !== r + 1) return false;
      const centre = (c.block.top + c.block.bottom) / 2;
      const size = c.block.size;
      return Math.abs(centre - mid) <= CENTRED_EMS * size && own - centre >= 0.5 * size && !above.some((o) => o.block.c0 < c.block.c1 && c.block.c0 < o.block.c1);
    });
    // Header cells of the forms (表头词典): labels of the hierarchy centred alike are not a header.
    if (centred.filter((c) => namesFormColumn(blockText(c.block))).length < 2) continue;
    for (const c of centred) c.r0 = r - 1;
  }
}
