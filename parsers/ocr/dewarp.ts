import type { GrayImage } from './image.js';
import { fitLine } from './line-fit.js';
import { followTextLines, type LineTrace as Trace } from './text-lines.js';

/**
 * A page copied from a bound book (装订成册的报告 photocopied open): near the spine the paper rises
 * off the glass, so there the lines bend towards the page's middle and the rows crowd together. A
 * table's rulings then no longer run straight to its border: they are found short of it, the cells
 * beside the spine merge, and the text in them reads across two rows.
 *
 * The curvature is measured on the page's own long horizontal lines (rulings, underlines): each is
 * followed column by column from where it runs straight, and where it leaves its straight height
 * that column's rows are displaced. Per column the displacement is taken as linear in the height
 * (the paper's rise shifts rows towards the page's middle in proportion to their distance from it,
 * and a droop shifts them all alike), fitted to the lines crossing that column, and every column is
 * moved back along itself. A page without such bends (a flat scan) is returned as it is.
 *
 * A prose page (正文) has no such lines: there its text lines are followed instead (text-lines.ts),
 * and the same displacement is fitted to them — only when the bend is clear (several lines bent by
 * more than a text line wavers from glyph to glyph, where a ruling does not waver at all).
 */

/** Longest pixel gap in a followed line (a crossing ruling, a broken stroke, JPEG noise). */
const MAX_TRACE_GAP = 8;
/** Thickest ink run across a line that is still the line (thicker: a crossing ruling or a glyph on it). */
const MAX_LINE_THICKNESS = 8;
/** A line bent by less than this (px) anywhere is straight: the page is flat. */
const MIN_BEND_PX = 2.5;
/** A line bends when it leaves its straight course by MIN_BEND_PX over at least this length (points). */
const BENT_PT = 8;
/** Fitted displacements are smoothed along the page over this many columns. */
const SMOOTH_COLUMNS = 25;

export interface Dewarped {
  image: GrayImage;
  /** Largest displacement moved back (px); 0 when the page was flat. */
  bend: number;
  /** The bend was measured on rulings: moved back, they keep a ragged edge (raster-rulings.ts raggedEdges). */
  movedRulings: boolean;
}

/** The page with its curved lines straightened (see above), or as it is when none bends. */
export function dewarp(img: GrayImage, threshold: number, ppt: number): Dewarped {
  const traces = longLines(img, threshold, ppt);
  const bend = Math.max(0, ...traces.map((t) => bendOf(t, BENT_PT * ppt)));
  if (bend < MIN_BEND_PX) return dewarpFromText(img, threshold, ppt);
  const field = columnShifts(traces, img.width, img.height);
  if (!field) return { image: img, bend: 0, movedRulings: false };
  return { image: remap(img, field), bend, movedRulings: true };
}

/** A page without bent rulings straightened from its text lines (see above), or as it is. */
function dewarpFromText(img: GrayImage, threshold: number, ppt: number): Dewarped {
  const traces = followTextLines(img, threshold, ppt);
  const bends = traces.map((t) => bendOf(t, BENT_PT * ppt, MIN_TEXT_BEND_PX));
  const bent = bends.filter((b) => b > 0).length;
  if (bent < MIN_BENT_TEXT_LINES || bent < MIN_BENT_TEXT_SHARE * traces.length) return { image: img, bend: 0, movedRulings: false };
  const field = columnShifts(traces, img.width, img.height);
  if (!field) return { image: img, bend: 0, movedRulings: false };
  return { image: remap(img, field), bend: Math.max(...bends), movedRulings: false };
}
/**
 * A text line bends when it leaves its straight course by this much (px) over BENT_PT. Measured on
 * the 17 flat scanned pages of bench/scan-corpus.ts, each turned four ways: 6 lines bend by 4.4–11
 * (a line followed into a heading's or a figure's band), never more than 2 on one page; a bound page
 * copied open has 5–7 lines bent by 4–11 px beside the spine.
 */
const MIN_TEXT_BEND_PX = 4;
/** A page is bent when at least this many of its text lines bend, and this share of them (an odd line alone is its glyphs). */
const MIN_BENT_TEXT_LINES = 3;
const MIN_BENT_TEXT_SHARE = 0.2;

/**
 * How far a line leaves the straight line through it (least squares over its columns) — a tilt left
 * over from straightening is no bend — counting only a departure of `minBend` or more over at least
 * `length` columns (a line followed a few pixels into a glyph touching it is not bent); 0 when none.
 */
function bendOf(t: Trace, length: number, minBend = MIN_BEND_PX): number {
  const pts: [number, number][] = [];
  t.ys.forEach((y, k) => {
    if (!Number.isNaN(y)) pts.push([k, y]);
  });
  const { a, b } = leastSquares(pts, 0);
  let far = 0;
  let most = 0;
  for (const [k, y] of pts) {
    const off = Math.abs(y - a - b * k);
    if (off >= minBend) far++;
    most = Math.max(most, off);
  }
  return far >= length ? most : 0;
}

/**
 * Long horizontal lines, each followed both ways from a straight stretch (a run of ink at least a
 * tenth of the page wide in one row) for as long as it goes on within a pixel per column.
 */
function longLines(img: GrayImage, threshold: number, ppt: number): Trace[] {
  const { width: W, height: H, data } = img;
  const minRun = Math.max(40, Math.round(Math.max(0.1 * W, 60 * ppt)));
  const taken = new Uint8Array(W * H);
  const traces: Trace[] = [];
  for (let y = 0; y < H; y++) {
    let start = -1;
    let last = -1;
    for (let x = 0; x <= W; x++) {
      const dark = x < W && data[y * W + x] < threshold;
      if (dark) {
        if (start < 0) start = x;
        last = x;
        continue;
      }
      if (start < 0 || x - last <= 2) continue;
      const from = start;
      const to = last;
      start = -1;
      if (to - from + 1 < minRun) continue;
      const mid = (from + to) >> 1;
      if (taken[y * W + mid]) continue;
      const trace = follow(img, threshold, mid, y);
      if (!trace) continue;
      mark(trace, taken, W, H);
      traces.push(trace);
    }
  }
  return traces;
}

/** The centre row of the ink run across column x nearest to `near` (within a pixel), or NaN. */
function centreAt(img: GrayImage, threshold: number, x: number, near: number): number {
  const { width: W, height: H, data } = img;
  const r = Math.round(near);
  let best = Number.NaN;
  for (const y of [r, r - 1, r + 1]) {
    if (y < 0 || y >= H || data[y * W + x] >= threshold) continue;
    let top = y;
    let bottom = y;
    while (top > 0 && data[(top - 1) * W + x] < threshold && y - top < MAX_LINE_THICKNESS) top--;
    while (bottom < H - 1 && data[(bottom + 1) * W + x] < threshold && bottom - y < MAX_LINE_THICKNESS) bottom++;
    if (bottom - top + 1 > MAX_LINE_THICKNESS) return Number.NaN;
    const c = (top + bottom) / 2;
    if (Number.isNaN(best) || Math.abs(c - near) < Math.abs(best - near)) best = c;
  }
  return Math.abs(best - near) <= 1.5 ? best : Number.NaN;
}

function follow(img: GrayImage, threshold: number, x: number, y: number): Trace | null {
  const W = img.width;
  const start = centreAt(img, threshold, x, y);
  if (Number.isNaN(start)) return null;
  const ys = new Float32Array(W).fill(Number.NaN);
  let lo = x;
  let hi = x;
  for (const dir of [1, -1]) {
    let at = start;
    let gap = 0;
    for (let k = x; k >= 0 && k < W; k += dir) {
      const c = centreAt(img, threshold, k, at);
      if (Number.isNaN(c)) {
        if (++gap > MAX_TRACE_GAP) break;
        continue;
      }
      gap = 0;
      at = c;
      ys[k] = c;
      if (dir > 0) hi = k;
      else lo = k;
    }
  }
  const seen = ys.subarray(lo, hi + 1);
  const sorted = Array.from(seen).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length < 0.6 * (hi - lo + 1)) return null;
  // Its straight height: the one it keeps over most of its length.
  const level = sorted[sorted.length >> 1];
  return { x0: lo, ys: Float32Array.from(seen), level };
}

function mark(t: Trace, taken: Uint8Array, W: number, H: number): void {
  for (let k = 0; k < t.ys.length; k++) {
    const y = t.ys[k];
    if (Number.isNaN(y)) continue;
    for (let d = -MAX_LINE_THICKNESS; d <= MAX_LINE_THICKNESS; d++) {
      const yy = Math.round(y) + d;
      if (yy >= 0 && yy < H) taken[yy * W + t.x0 + k] = 1;
    }
  }
}

/** Per column: displacement = a + b·(row seen), fitted to the lines crossing it; null when none bends. */
function columnShifts(traces: readonly Trace[], W: number, H: number): { a: Float32Array; b: Float32Array } | null {
  const a = new Float32Array(W);
  const b = new Float32Array(W);
  const known = new Uint8Array(W);
  for (let x = 0; x < W; x++) {
    const pts: [number, number][] = [];
    for (const t of traces) {
      const k = x - t.x0;
      if (k < 0 || k >= t.ys.length || Number.isNaN(t.ys[k])) continue;
      pts.push([t.ys[k], t.ys[k] - t.level]);
    }
    if (!pts.length) continue;
    const fit = robustLine(pts);
    known[x] = 1;
    // Half a pixel or less over the whole column is the lines' own jitter: left as it is.
    if (Math.max(Math.abs(fit.a), Math.abs(fit.a + fit.b * H)) <= 0.5) continue;
    a[x] = fit.a;
    b[x] = fit.b;
  }
  if (!known.some((v) => v)) return null;
  // Columns no line crosses (the margins) take the nearest fitted column's displacement.
  let prev = -1;
  for (let x = 0; x < W; x++) {
    if (known[x]) {
      for (let k = prev + 1; k < x; k++) {
        const src = prev < 0 || x - k < k - prev ? x : prev;
        a[k] = a[src];
        b[k] = b[src];
      }
      prev = x;
    }
  }
  for (let k = prev + 1; k < W; k++) {
    a[k] = a[prev];
    b[k] = b[prev];
  }
  return { a: boxSmooth(a, SMOOTH_COLUMNS), b: boxSmooth(b, SMOOTH_COLUMNS) };
}

/** Rows spread over less than about 100 px (a standard deviation of 50) say nothing about a slope. */
const MIN_ROW_SPREAD = 50;

/**
 * Least-squares line through (row, displacement) points, refitted without those more than 2 px
 * off it (a line followed into a neighbour); one point or rows close together give a constant.
 */
function robustLine(pts: readonly [number, number][]): { a: number; b: number } {
  let use = pts;
  let fit = { a: 0, b: 0 };
  for (let pass = 0; pass < 2; pass++) {
    fit = leastSquares(use);
    const kept = use.filter(([y, d]) => Math.abs(fit.a + fit.b * y - d) <= 2);
    if (kept.length === use.length || kept.length === 0) break;
    use = kept;
  }
  return fit;
}

/** Least-squares line d = a + b·y; rows spread (standard deviation) over less than `minSpread` give a constant. */
function leastSquares(pts: readonly [number, number][], minSpread = MIN_ROW_SPREAD): { a: number; b: number } {
  const fit = fitLine(pts);
  if (!fit) return { a: NaN, b: 0 };
  if (pts.length < 2 || fit.varianceX === 0 || fit.varianceX < minSpread * minSpread) return { a: fit.meanY, b: 0 };
  return { a: fit.intercept, b: fit.slope };
}

function boxSmooth(v: Float32Array, span: number): Float32Array {
  const out = new Float32Array(v.length);
  const half = span >> 1;
  for (let x = 0; x < v.length; x++) {
    let s = 0;
    let n = 0;
    for (let k = Math.max(0, x - half); k <= Math.min(v.length - 1, x + half); k++) {
      s += v[k];
      n++;
    }
    out[x] = s / n;
  }
  return out;
}

/** Each column moved back along itself: the output row y shows the row seen at (y + a) / (1 − b). */
function remap(img: GrayImage, { a, b }: { a: Float32Array; b: Float32Array }): GrayImage {
  const { width: W, height: H, data } = img;
  const out = new Uint8Array(W * H);
  for (let x = 0; x < W; x++) {
    if (Math.abs(a[x]) < 0.05 && Math.abs(b[x]) < 1e-5) {
      for (let y = 0; y < H; y++) out[y * W + x] = data[y * W + x];
      continue;
    }
    for (let y = 0; y < H; y++) {
      const sy = (y + a[x]) / (1 - b[x]);
      const y0 = Math.floor(sy);
      if (y0 < 0 || y0 + 1 >= H) {
        out[y * W + x] = 255;
        continue;
      }
      const f = sy - y0;
      out[y * W + x] = Math.round(data[y0 * W + x] * (1 - f) + data[(y0 + 1) * W + x] * f);
    }
  }
  return { width: W, height: H, data: out };
}
