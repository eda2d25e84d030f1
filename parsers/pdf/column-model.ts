import { namesFormColumn } from './header-vocabulary.js';
import { SPACE_EMS } from './text-runs.js';
import type { TextLine, TextRun } from './types.js';

/**
 * The columns of a table drawn without rulings (无框线表格), from text positions alone. A cell's
 * text never crosses into the next column, so the pieces of text of all rows, projected onto the x
 * axis, leave persistent vertical gaps ("rivers") between columns — except where a merged cell
 * (合并单元格) spans several columns. Such a piece is found first: it overlaps two pieces of other
 * rows that lie side by side, each narrower than itself. Without the spanning pieces, the overlapping
 * x-ranges of the rest merge into one band per column, whatever the alignment in the cells (left,
 * centred, right).
 */

/** A gap this many font sizes wide splits a line into pieces (inside a cell, text runs touch). */
export const PIECE_GAP_EMS = 0.5;

/** Part of one text line between wide gaps: the text of one cell on that line, if this is a table. */
export interface Piece {
  runs: TextRun[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  size: number;
  /** Index of the line it came from (within the lines given). */
  line: number;
}

/** Split a line at gaps of at least `gapEms` font sizes. */
export function linePieces(line: TextLine, index: number, gapEms = PIECE_GAP_EMS): Piece[] {
  const pieces: Piece[] = [];
  for (const run of line.runs) {
    const last = pieces.at(-1);
    // A gap filled by one space glyph is a space between words, however wide the font sets it.
    if (last && (run.x0 - last.x1 < gapEms * Math.min(run.size, last.size) || (run.spaced && run.x0 - last.x1 <= SPACE_EMS * Math.min(run.size, last.size)))) {
      last.runs.push(run);
      last.x1 = Math.max(last.x1, run.x1);
      last.top = Math.min(last.top, run.top);
      last.bottom = Math.max(last.bottom, run.bottom);
      last.size = Math.max(last.size, run.size);
    } else {
      pieces.push({ runs: [run], x0: run.x0, x1: run.x1, top: run.top, bottom: run.bottom, size: run.size, line: index });
    }
  }
  return pieces;
}

/** Content extent [left, right] of each column, left to right. */
export type Band = [number, number];

export interface Columns {
  bands: Band[];
  /** Pieces that span several columns (merged cells across columns, or text that is no cell). */
  spanning: Set<Piece>;
}

const overlapX = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);

/**
 * Does `p` overlap two pieces of other lines that lie side by side, each no wider than `p`?
 * `witnesses`: the pieces that stand for a cell's extent (not the short last line of wrapped text).
 */
function spansColumns(p: Piece, witnesses: readonly Piece[]): boolean {
  const width = p.x1 - p.x0;
  const under = witnesses.filter((q) => q.line !== p.line && q.x1 - q.x0 <= width + 0.5 && overlapX(p, q) > 0.1 * q.size);
  if (under.length < 2) return false;
  under.sort((a, b) => a.x0 - b.x0);
  // Sorted by start: a piece starting after the earliest end seen so far lies beside that one.
  let earliestEnd = under[0].x1;
  for (const q of under.slice(1)) {
    if (q.x0 >= earliestEnd) return true;
    earliestEnd = Math.min(earliestEnd, q.x1);
  }
  return false;
}

/** Pieces whose left edges, right edges or centres lie within this many font sizes are set on one anchor. */
const ANCHOR_EMS = 0.3;

/**
 * Is `q` set on the same anchor (left edge, right edge or centre) as a piece of another line that
 * overlaps it? The cells of a column line up; the short text of a wide merged cell (预期目标 centred
 * over four columns) lines up only with other merged cells over the same columns, if anything.
 */
function aligned(q: Piece, pieces: readonly Piece[]): boolean {
  const tol = ANCHOR_EMS * q.size;
  return pieces.some(
    (r) =>
      r.line !== q.line &&
      overlapX(q, r) > 0 &&
      (Math.abs(r.x0 - q.x0) <= tol || Math.abs(r.x1 - q.x1) <= tol || Math.abs(r.x0 + r.x1 - q.x0 - q.x1) <= 2 * tol),
  );
}

/**
 * Are `a` and `b` lines of one cell: one under the other at the leading of text, `b` mostly under
 * (or over) `a`? (Lines of other cells may come between them in reading order: centred cells interleave.)
 */
function stacked(a: Piece, b: Piece): boolean {
  const gap = Math.max(b.top - a.bottom, a.top - b.bottom);
  return a.line !== b.line && gap >= -0.2 * b.size && gap <= WRAP_LEADING_EMS * b.size && overlapX(a, b) >= 0.5 * (b.x1 - b.x0);
}

/** Pieces whose x-ranges overlap by less than this many font sizes (under half a point) only touch: they set no common column. */
const BAND_TOUCH_EMS = 0.05;

/** Lines of one cell are at most this far apart (font sizes): the leading of wrapped text. */
const WRAP_LEADING_EMS = 0.5;

/**
 * Column bands from the pieces of a table region: spanning pieces (and the lines wrapped under
 * or over them, which belong to the same merged cell) set aside, the rest merged by x-overlap.
 */
export function findColumns(pieces: readonly Piece[], known: readonly Piece[] = []): Columns {
  // A short line under or over a wider line of its cell says nothing of the columns by itself.
  const wide = pieces.filter((q) => !pieces.some((h) => h.x1 - h.x0 > q.x1 - q.x0 + 0.5 && stacked(h, q)));
  // A witness lines up with a piece that spans nothing (a cell of its column): the text of a
  // merged cell lined up only with other merged cells is not one column's extent.
  const first = new Set(pieces.filter((p) => spansColumns(p, wide)));
  const columnar = pieces.filter((r) => !first.has(r));
  // `known`: column extents already established (the same table on the page before) stand as witnesses.
  const witnesses = [...wide.filter((q) => aligned(q, columnar)), ...known];
  const spanning = new Set(pieces.filter((p) => spansColumns(p, witnesses)));
  for (let grew = true; grew; ) {
    grew = false;
    for (const q of pieces) {
      if (spanning.has(q)) continue;
      if ([...spanning].some((p) => stacked(p, q))) {
        spanning.add(q);
        grew = true;
      }
    }
  }
  const ranges = pieces.filter((p) => !spanning.has(p)).sort((a, b) => a.x0 - b.x0);
  const bands: Band[] = [];
  for (const p of ranges) {
    const last = bands.at(-1);
    // Text of one column overlaps by a character or more (left, right or centre aligned alike); two
    // columns' texts that only touch (a cell's line set to its border beside text centred in the next
    // column, 年只有27个 0.3 pt into the 得分 centred over the columns left of it) are two columns.
    if (last && p.x0 <= last[1] - BAND_TOUCH_EMS * p.size) last[1] = Math.max(last[1], p.x1);
    else bands.push([p.x0, p.x1]);
  }
  const kept = pieces.filter((p) => !spanning.has(p));
  const split = bands.flatMap((b) => splitAtValleys(b, kept)).flatMap((b) => splitAtLineGaps(b, kept));
  return { bands: withoutStrays(split.map((b) => withoutLoneWidener(b, kept)), pieces, spanning, known), spanning };
}

/** Pieces of two lines side by side overlapping in height by more than this many font sizes are at one height. */
const SIDE_BY_SIDE_EMS = 0.05;

/**
 * Two pieces of one line inside one band are two cells side by side: the band is two columns
 * bridged by text nothing else showed to span them. Split it in the gap between the pieces where
 * the fewest other pieces cross, if at most two do.
 */
function splitAtLineGaps(band: Band, pieces: readonly Piece[]): Band[] {
  const inside = pieces.filter((p) => p.x0 >= band[0] && p.x1 <= band[1]);
  const byLine = new Map<number, Piece[]>();
  for (const p of inside) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  let best = null as { x: number; crossing: number } | null;
  const consider = (x: number) => {
    const crossing = inside.filter((p) => p.x0 < x && x < p.x1).length;
    if (!best || crossing < best.crossing) best = { x, crossing };
  };
  for (const line of byLine.values()) {
    if (line.length < 2) continue;
    line.sort((a, b) => a.x0 - b.x0);
    for (let k = 1; k < line.length; k++) consider((line[k - 1].x1 + line[k].x0) / 2);
  }
  // Pieces of two lines side by side at one height are two cells as well (cells set on different
  // baselines: 批复规模(㎡ beside the wrapped 2023年完工项目, a header over a row left blank).
  if (!best)
    for (const p of inside)
      for (const q of inside)
        if (p.line !== q.line && p.x1 < q.x0 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > SIDE_BY_SIDE_EMS * Math.min(p.size, q.size)) consider((p.x1 + q.x0) / 2);
  if (!best || best.crossing > 2) return [band];
  const left = inside.filter((p) => p.x1 <= best!.x);
  const right = inside.filter((p) => p.x0 >= best!.x);
  if (!left.length || !right.length) return [band];
  const a: Band = [band[0], Math.max(...left.map((p) => p.x1))];
  const b: Band = [Math.min(...right.map((p) => p.x0)), band[1]];
  return [...splitAtLineGaps(a, pieces), ...splitAtLineGaps(b, pieces)];
}

/**
 * A band whose extent only one piece sets, wider than all its other pieces and lined up with none
 * of them, while they line up with each other: that piece is a merged cell's text centred over
 * several columns which happens to fall in this column's gaps (项目名称's value over eight columns,
 * between the 三级指标 and 实际完成值 texts). The column is the extent of the others.
 */
function withoutLoneWidener(band: Band, pieces: readonly Piece[]): Band {
  const inside = pieces.filter((p) => p.x0 >= band[0] && p.x1 <= band[1]);
  if (inside.length < 3) return band;
  const widest = inside.reduce((a, b) => (b.x1 - b.x0 > a.x1 - a.x0 ? b : a));
  const others = inside.filter((p) => p !== widest);
  if (others.some((p) => p.x1 - p.x0 >= widest.x1 - widest.x0 - 0.5 * widest.size) || aligned(widest, others)) return band;
  if (!others.some((p) => aligned(p, others))) return band;
  return [Math.min(...others.map((p) => p.x0)), Math.max(...others.map((p) => p.x1))];
}

/** Text on this many lines on each side of a valley makes the two sides two columns. */
const VALLEY_SIDE_LINES = 3;

/**
 * A band whose text thins out to a single piece somewhere inside, with several lines of text on
 * either side, is two columns bridged by one merged cell's text (left-aligned text of a cell
 * spanning columns runs a little into the next column). Split it at the thin stretch.
 */
function splitAtValleys(band: Band, pieces: readonly Piece[]): Band[] {
  const inside = pieces.filter((p) => p.x0 >= band[0] && p.x1 <= band[1]);
  if (inside.length < 2 * VALLEY_SIDE_LINES) return [band];
  // Coverage as steps: +1 where a piece starts, -1 where it ends.
  const events = inside.flatMap((p) => [[p.x0, 1] as const, [p.x1, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Band[] = [];
  let depth = 0;
  let left = band[0];
  let thinFrom: number | null = null;
  for (const [x, step] of events) {
    const was = depth;
    depth += step;
    if (was >= 2 && depth <= 1) thinFrom = x;
    else if (was <= 1 && depth >= 2 && thinFrom !== null) {
      const before = inside.filter((p) => p.x1 <= thinFrom! + 0.5 && p.x0 >= left);
      const after = inside.filter((p) => p.x0 >= x - 0.5);
      if (x - thinFrom >= 1 && new Set(before.map((p) => p.line)).size >= VALLEY_SIDE_LINES && new Set(after.map((p) => p.line)).size >= VALLEY_SIDE_LINES) {
        out.push([left, thinFrom]);
        left = x;
      }
      thinFrom = null;
    }
  }
  out.push([left, band[1]]);
  return out;
}

/** A band between two others with text on this few lines (and a small share of the region's lines) is no column. */
const STRAY_LINES = 2;
const STRAY_SHARE = 0.1;

/**
 * Drop inner bands that only a line or two of a sub-grid put there (the values of a section
 * ruled into finer columns than the rest of the form); their text is placed on the nearest column.
 */
function withoutStrays(bands: Band[], pieces: readonly Piece[], spanning: Set<Piece>, known: readonly Piece[]): Band[] {
  // Lines of text across columns only (a merged cell's wrapped paragraph) say nothing of how many
  // rows hold cells in columns.
  const lines = new Set(pieces.filter((p) => !spanning.has(p)).map((p) => p.line)).size;
  return bands.filter((b, i) => {
    if (i === 0 || i === bands.length - 1) return true;
    const inside = pieces.filter((p) => !spanning.has(p) && p.x0 >= b[0] && p.x1 <= b[1]);
    const support = new Set(inside.map((p) => p.line)).size;
    // A header naming a column of the forms (得分 wrapped 得/分 over a column left blank) is one —
    // not text squeezed between two columns' texts, closer to each than cells ever are (得分 / 10 of
    // rows whose 得分 is merged over the columns around it, centred in the gap of the two columns).
    const text = [...inside].sort((p, q) => p.top - q.top).flatMap((p) => p.runs.map((r) => r.str)).join('');
    const size = Math.max(...inside.map((p) => p.size), 0);
    const squeezed = b[0] - bands[i - 1][1] < PIECE_GAP_EMS * size && bands[i + 1][0] - b[1] < PIECE_GAP_EMS * size;
    const header = namesFormColumn(text) && !squeezed;
    // …and so is a column of the table this one continues (the rest of a cell cut by the page break, 价。).
    const ofKnown = inside.length > 0 && known.some((k) => inside.every((p) => p.x0 >= k.x0 - 0.5 * p.size && p.x1 <= k.x1 + 0.5 * p.size));
    // …and so is one whose every piece lies between the text of two cells level with it, one in each column
    // beside it: put on either, it would run into that cell's text (he-chengan's lone 98 between >= and %(百分比) on a
    // page holding one data row).
    const beside = (p: Piece, n: Band) => pieces.some((q) => !spanning.has(q) && q.x0 >= n[0] && q.x1 <= n[1] && Math.min(q.bottom, p.bottom) - Math.max(q.top, p.top) > 0.1 * p.size);
    const between = inside.length > 0 && inside.every((p) => beside(p, bands[i - 1]) && beside(p, bands[i + 1]));
    return support > STRAY_LINES || support >= STRAY_SHARE * lines || header || ofKnown || between;
  });
}

/** The columns [c0, c1) a piece covers: the bands it overlaps (at least the nearest one). */
export function columnSpan(bands: readonly Band[], p: { x0: number; x1: number }): [number, number] {
  let c0 = -1;
  let c1 = -1;
  for (let c = 0; c < bands.length; c++) {
    if (Math.min(p.x1, bands[c][1]) - Math.max(p.x0, bands[c][0]) > 0.5) {
      if (c0 < 0) c0 = c;
      c1 = c + 1;
    }
  }
  if (c0 >= 0) return [c0, c1];
  const cx = (p.x0 + p.x1) / 2;
  let best = 0;
  for (let c = 1; c < bands.length; c++) {
    if (Math.abs((bands[c][0] + bands[c][1]) / 2 - cx) < Math.abs((bands[best][0] + bands[best][1]) / 2 - cx)) best = c;
  }
  return [best, best + 1];
}

/** Column boundaries: the middle of each gap between bands, and the outer edges a little outside the text. */
export function columnBoundaries(bands: readonly Band[], pad: number): number[] {
  const xs = [bands[0][0] - pad];
  for (let c = 1; c < bands.length; c++) xs.push((bands[c - 1][1] + bands[c][0]) / 2);
  xs.push(bands.at(-1)![1] + pad);
  return xs;
}
