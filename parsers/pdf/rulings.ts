import { pdfOps } from './pdfjs.js';
import { applyMatrix, type Matrix } from './text-runs.js';
import type { Rulings, Segment } from './types.js';

/** pdf.js DrawOPS codes inside a constructPath buffer (pdfjs-dist ≥ 5). */
export const MOVE_TO = 0;
export const LINE_TO = 1;
export const CURVE_TO = 2;
const QUAD_TO = 3;
export const CLOSE = 4;

/** A filled rectangle thinner than this (points) is a ruling, not a shaded area. */
const MAX_RULE_THICKNESS = 2.5;
/** A segment is axis-aligned when its other coordinate varies less than this. */
const AXIS_TOLERANCE = 0.8;
/** Shorter segments (tick marks, underline fragments of glyphs) are not rulings. */
const MIN_SEGMENT = 2;

interface GraphicsState {
  ctm: Matrix;
  fillLight: boolean;
  /** The fill is the paper's own white: a box painted with it shows nothing. */
  fillPaper: boolean;
  strokeLight: boolean;
  lineWidth: number;
}

export function multiply(m: Matrix, n: Matrix): Matrix {
  // Result = m × n in PDF's row-vector convention (apply m first, then n).
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

/** Pure white (or within a few steps of it): the colour of the paper. */
function isPaperColor(args: unknown): boolean {
  const v = Array.isArray(args) ? args[0] : args;
  if (typeof v !== 'string' || !/^#[0-9a-f]{6}$/i.test(v)) return false;
  return [1, 3, 5].every((i) => parseInt(v.slice(i, i + 2), 16) >= 250);
}

/** Cell fills closer than this (points) are neighbours in one grid (white border-spacing between them). */
const FILL_GAP = 3;

/** Share of the text over a grid of fills that must lie inside the fills for them to be its cells. */
const FILLED_TEXT_SHARE = 0.9;

/**
 * Shaded cells drawn without any lines (web forms: grey boxes with white gaps) bound their cells as
 * rulings would. A box counts only beside another box of the same grid (an edge shared within
 * FILL_GAP, overlapping along it): a lone shaded banner or highlight is no table. And only when
 * nearly all the text over the grid lies inside a box: banded rows (zebra) shade every other row,
 * and the unshaded rows' cells would come out merged.
 */
function fillEdges(boxes: readonly BBoxXY[], text: readonly { x: number; y: number }[], horizontal: Segment[], vertical: Segment[]): void {
  if (boxes.length < 2) return;
  const left = Math.min(...boxes.map((b) => b[0]));
  const top = Math.min(...boxes.map((b) => b[1]));
  const right = Math.max(...boxes.map((b) => b[2]));
  const bottom = Math.max(...boxes.map((b) => b[3]));
  const over = text.filter((p) => p.x >= left && p.x <= right && p.y >= top && p.y <= bottom);
  const inside = over.filter((p) => boxes.some((b) => p.x >= b[0] && p.x <= b[2] && p.y >= b[1] && p.y <= b[3])).length;
  if (!over.length || inside < FILLED_TEXT_SHARE * over.length) return;
  const beside = (a: BBoxXY, b: BBoxXY) => {
    const overlapX = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    const overlapY = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    const gapX = Math.max(a[0], b[0]) - Math.min(a[2], b[2]);
    const gapY = Math.max(a[1], b[1]) - Math.min(a[3], b[3]);
    return (overlapY > 1 && gapX >= -0.5 && gapX <= FILL_GAP) || (overlapX > 1 && gapY >= -0.5 && gapY <= FILL_GAP);
  };
  for (const a of boxes) {
    if (!boxes.some((b) => b !== a && beside(a, b))) continue;
    horizontal.push({ pos: a[1], from: a[0], to: a[2] }, { pos: a[3], from: a[0], to: a[2] });
    vertical.push({ pos: a[0], from: a[1], to: a[3] }, { pos: a[2], from: a[1], to: a[3] });
  }
}

type BBoxXY = [number, number, number, number];

/** White or near-white paint draws nothing visible on paper: not a ruling. */
function isLightColor(args: unknown): boolean {
  const v = Array.isArray(args) ? args[0] : args;
  if (typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v)) {
    const r = parseInt(v.slice(1, 3), 16);
    const g = parseInt(v.slice(3, 5), 16);
    const b = parseInt(v.slice(5, 7), 16);
    return r > 235 && g > 235 && b > 235;
  }
  return false;
}

/**
 * Operator list of one page → ruling segments in display space: stroked straight lines, the
 * edges of stroked rectangles, thin filled rectangles (some exporters draw borders that way), and
 * the edges of shaded cells that hold the text over them (`text`: centres of the page's runs).
 * One pass over the list, tracking the transformation matrix through save/restore and forms.
 */
export function extractRulings(fnArray: readonly number[], argsArray: readonly unknown[], viewport: Matrix, text: readonly { x: number; y: number }[] = []): Rulings {
  const OPS = pdfOps();
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  let state: GraphicsState = { ctm: viewport, fillLight: false, fillPaper: false, strokeLight: false, lineWidth: 1 };
  const fills: BBoxXY[] = [];
  const stack: GraphicsState[] = [];

  const addLine = (x0: number, y0: number, x1: number, y1: number) => {
    const [ax, ay] = applyMatrix(state.ctm, x0, y0);
    const [bx, by] = applyMatrix(state.ctm, x1, y1);
    if (Math.abs(ay - by) <= AXIS_TOLERANCE && Math.abs(ax - bx) >= MIN_SEGMENT) {
      horizontal.push({ pos: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
    } else if (Math.abs(ax - bx) <= AXIS_TOLERANCE && Math.abs(ay - by) >= MIN_SEGMENT) {
      vertical.push({ pos: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
    }
  };

  const addFilledBox = (xs: number[], ys: number[], shadingOnly = false) => {
    // Axis-aligned box in display space (after the CTM).
    const pts = xs.map((x, i) => applyMatrix(state.ctm, x, ys[i]));
    const minX = Math.min(...pts.map((p) => p[0]));
    const maxX = Math.max(...pts.map((p) => p[0]));
    const minY = Math.min(...pts.map((p) => p[1]));
    const maxY = Math.max(...pts.map((p) => p[1]));
    const w = maxX - minX;
    const h = maxY - minY;
    if (shadingOnly) {
      if (w > MAX_RULE_THICKNESS && h > MAX_RULE_THICKNESS && pts.length <= 5) fills.push([minX, minY, maxX, maxY]);
    } else if (h <= MAX_RULE_THICKNESS && w >= MIN_SEGMENT && w > h) horizontal.push({ pos: (minY + maxY) / 2, from: minX, to: maxX });
    else if (w <= MAX_RULE_THICKNESS && h >= MIN_SEGMENT && h > w) vertical.push({ pos: (minX + maxX) / 2, from: minY, to: maxY });
    else if (w > MAX_RULE_THICKNESS && h > MAX_RULE_THICKNESS && pts.length <= 5) fills.push([minX, minY, maxX, maxY]);
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    switch (fn) {
      case OPS.save:
        stack.push(state);
        state = { ...state };
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(argsArray[i] as Matrix, state.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(state);
        state = { ...state };
        const m = (argsArray[i] as unknown[])?.[0] as Matrix | null;
        if (m && m.length === 6) state.ctm = multiply(m, state.ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setFillRGBColor:
        state.fillLight = isLightColor(argsArray[i]);
        state.fillPaper = isPaperColor(argsArray[i]);
        break;
      case OPS.setStrokeRGBColor:
        state.strokeLight = isLightColor(argsArray[i]);
        break;
      case OPS.setLineWidth:
        state.lineWidth = Number((argsArray[i] as number[])[0]) || 0;
        break;
      case OPS.constructPath: {
        const [paintOp, buffers] = argsArray[i] as [number, (Float32Array | null)[]];
        const path = buffers?.[0];
        if (!path) break;
        const stroked = paintOp === OPS.stroke || paintOp === OPS.closeStroke || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
        const filled = paintOp === OPS.fill || paintOp === OPS.eoFill || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
        if (stroked && !state.strokeLight) walkPath(path, addLine, null);
        else if (filled && !state.fillLight) walkPath(path, null, addFilledBox);
        else if (filled && !state.fillPaper) walkPath(path, null, (xs, ys) => addFilledBox(xs, ys, true)); // light shading: cell fills only
        break;
      }
      default:
        break;
    }
  }
  fillEdges(fills, text, horizontal, vertical);
  return { horizontal, vertical };
}

/**
 * Walk a constructPath buffer. Straight segments go to `onLine`; each closed or finished
 * subpath made only of straight segments goes to `onPolygon` (for filled boxes).
 */
function walkPath(
  path: Float32Array,
  onLine: ((x0: number, y0: number, x1: number, y1: number) => void) | null,
  onPolygon: ((xs: number[], ys: number[]) => void) | null,
): void {
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let xs: number[] = [];
  let ys: number[] = [];
  let straight = true;
  const flush = () => {
    if (onPolygon && straight && xs.length >= 3) onPolygon(xs, ys);
    xs = [];
    ys = [];
    straight = true;
  };
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === MOVE_TO) {
      flush();
      cx = sx = path[k++];
      cy = sy = path[k++];
      xs.push(cx);
      ys.push(cy);
    } else if (op === LINE_TO) {
      const x = path[k++];
      const y = path[k++];
      onLine?.(cx, cy, x, y);
      cx = x;
      cy = y;
      xs.push(x);
      ys.push(y);
    } else if (op === CURVE_TO) {
      k += 4;
      cx = path[k++];
      cy = path[k++];
      straight = false;
    } else if (op === QUAD_TO) {
      k += 2;
      cx = path[k++];
      cy = path[k++];
      straight = false;
    } else if (op === CLOSE) {
      if (cx !== sx || cy !== sy) onLine?.(cx, cy, sx, sy);
      cx = sx;
      cy = sy;
      flush();
    } else {
      break; // unknown code: stop rather than misread the buffer
    }
  }
  flush();
}
