import { fillAlpha, isFaintChannels, paintsFaint, type FaintText } from './faint-text.js';
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
  /** The stroke is a saturated colour (red, blue…: what annotation borders are drawn in, not table rules). */
  strokeVivid: boolean;
  lineWidth: number;
  /** Text filled in this state is a watermark's grey (faint-text.ts). */
  fillFaint: boolean;
  /** The fill alpha (ExtGState /ca). */
  fillAlpha: number;
  /** The fill is a saturated colour (a red 作废/草稿 stamp's, faint-text.ts). */
  fillVivid: boolean;
  fontSize: number;
}

/** Channels apart by at least this (0–255): a vivid colour, not black, grey or a tint of one. */
const VIVID_SPREAD = 96;

/** The channels (0–255) of a pdf.js colour argument ("#rrggbb"), or null for any other form. */
function rgbOf(args: unknown): [number, number, number] | null {
  const v = Array.isArray(args) ? args[0] : args;
  if (typeof v !== 'string') return null;
  // A page sets its few colours again for every text run: each "#rrggbb" parsed once per process.
  let rgb = RGB_SEEN.get(v);
  if (rgb === undefined) {
    rgb = /^#[0-9a-f]{6}$/i.test(v) ? [parseInt(v.slice(1, 3), 16), parseInt(v.slice(3, 5), 16), parseInt(v.slice(5, 7), 16)] : null;
    if (RGB_SEEN.size < 4096) RGB_SEEN.set(v, rgb);
  }
  return rgb;
}
const RGB_SEEN = new Map<string, [number, number, number] | null>();

function isVividColor(rgb: readonly number[] | null): boolean {
  return rgb !== null && Math.max(...rgb) - Math.min(...rgb) >= VIVID_SPREAD;
}

/**
 * A form XObject being drawn: what it added, to tell a flattened comment (only vivid rectangle
 * borders, and text) from content (a page or a table drawn as a form).
 */
interface FormFrame {
  horizontal: number;
  vertical: number;
  /** Vivid stroked rectangles drawn in it (display space). */
  marks: BBoxXY[];
  /** Any other path painted in it (or in a form inside it that was no note). */
  other: boolean;
  text: string;
}

/** The text a note may hold at most (a comment, not a page drawn as one form). */
const NOTE_MAX_TEXT = 300;

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
function isPaperColor(rgb: readonly number[] | null): boolean {
  return rgb !== null && rgb.every((c) => c >= 250);
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
function isLightColor(rgb: readonly number[] | null): boolean {
  return rgb !== null && rgb.every((c) => c > 235);
}

const scaleOf = (m: ArrayLike<number>) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

/** What one pass over a page's operator list finds: rulings, shaded boxes, flattened notes and faint text. */
export interface OperatorScan {
  horizontal: Segment[];
  vertical: Segment[];
  /** Shaded boxes (display space): cell fills once the page's text is known (`rulingsOf`). */
  fills: BBoxXY[];
  notes: { box: BBoxXY; text: string }[];
  /** Text painted faint (a watermark's grey or see-through), size in display units like the text runs'. */
  faint: FaintText[];
  /** Text painted in a saturated colour (red, blue…), opaque: a stamp's words, or a coloured heading. */
  vivid: FaintText[];
  /** Where each vivid text showing starts (display space: its line's origin): a seal's words (seal-text.ts). */
  vividAt: Array<[number, number]>;
}

/**
 * Operator list of one page → ruling segments in display space: stroked straight lines, the
 * edges of stroked rectangles, thin filled rectangles (some exporters draw borders that way), the
 * shaded boxes, the reviewer's notes drawn as forms, and the text painted faint (faint-text.ts).
 * One pass over the list, tracking the graphics state through save/restore and forms.
 */
export function scanOperators(fnArray: readonly number[], argsArray: readonly unknown[], viewport: Matrix): OperatorScan {
  const OPS = pdfOps();
  const horizontal: Segment[] = [];
  const vertical: Segment[] = [];
  let state: GraphicsState = { ctm: viewport, fillLight: false, fillPaper: false, strokeLight: false, strokeVivid: false, lineWidth: 1, fillFaint: false, fillAlpha: 1, fillVivid: false, fontSize: 0 };
  const fills: BBoxXY[] = [];
  const stack: GraphicsState[] = [];
  const frames: FormFrame[] = [];
  const notes: { box: BBoxXY; text: string }[] = [];
  const faint: FaintText[] = [];
  const vivid: FaintText[] = [];
  const vividAt: Array<[number, number]> = [];
  let textScale = 1;
  // The text line matrix (Tm, moved by Td/TD) as six numbers, no array per operator: its origin is read for vivid text.
  let [la, lb, lc, ld, le, lf] = [1, 0, 0, 1, 0, 0];

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
        frames.push({ horizontal: horizontal.length, vertical: vertical.length, marks: [], other: false, text: '' });
        break;
      }
      case OPS.paintFormXObjectEnd: {
        state = stack.pop() ?? state;
        const frame = frames.pop();
        if (!frame) break;
        const text = frame.text.trim();
        if (frame.marks.length && !frame.other && text && text.length <= NOTE_MAX_TEXT) {
          // A flattened comment: its border is no ruling, its text is no content.
          horizontal.length = frame.horizontal;
          vertical.length = frame.vertical;
          for (const box of frame.marks) notes.push({ box, text });
        } else if (frames.length) {
          const parent = frames[frames.length - 1];
          parent.other ||= frame.other || frame.marks.length > 0;
          parent.text += frame.text;
        }
        break;
      }
      case OPS.showText:
      case OPS.showSpacedText:
      case OPS.nextLineShowText:
      case OPS.nextLineSetSpacingShowText: {
        const faintNow = paintsFaint(state.fillFaint, state.fillAlpha);
        const vividNow = !faintNow && state.fillVivid;
        if (!frames.length && !faintNow && !vividNow) break;
        const shown = glyphText((argsArray[i] as unknown[])?.[fn === OPS.nextLineSetSpacingShowText ? 2 : 0]);
        if (frames.length) frames[frames.length - 1].text += shown;
        const letters = faintNow || vividNow ? shown.replace(/\s+/gu, '') : '';
        if (letters) addPainted(faintNow ? faint : vivid, letters, state.fontSize * textScale * scaleOf(state.ctm));
        if (letters && vividNow) vividAt.push(applyMatrix(state.ctm, le, lf));
        break;
      }
      case OPS.setFillRGBColor: {
        const rgb = rgbOf(argsArray[i]);
        state.fillLight = isLightColor(rgb);
        state.fillPaper = isPaperColor(rgb);
        state.fillFaint = rgb !== null && isFaintChannels(rgb);
        state.fillVivid = isVividColor(rgb);
        break;
      }
      case OPS.setStrokeRGBColor: {
        const rgb = rgbOf(argsArray[i]);
        state.strokeLight = isLightColor(rgb);
        state.strokeVivid = isVividColor(rgb);
        break;
      }
      case OPS.setGState: {
        const alpha = fillAlpha(argsArray[i]);
        if (alpha !== null) state.fillAlpha = alpha;
        break;
      }
      case OPS.setFont:
        state.fontSize = Math.abs(Number((argsArray[i] as unknown[])?.[1]) || 0);
        break;
      case OPS.beginText:
        textScale = 1;
        [la, lb, lc, ld, le, lf] = [1, 0, 0, 1, 0, 0];
        break;
      case OPS.moveText:
      case OPS.setLeadingMoveText: {
        const move = argsArray[i] as number[] | null;
        if (move) {
          le += move[0] * la + move[1] * lc;
          lf += move[0] * lb + move[1] * ld;
        }
        break;
      }
      case OPS.setTextMatrix: {
        const args = argsArray[i] as unknown[];
        const m = (ArrayBuffer.isView(args?.[0]) || Array.isArray(args?.[0]) ? args[0] : args) as ArrayLike<number>;
        if (m && m.length >= 4) textScale = scaleOf(m);
        if (m && m.length >= 6) [la, lb, lc, ld, le, lf] = [m[0], m[1], m[2], m[3], m[4], m[5]];
        break;
      }
      case OPS.setLineWidth:
        state.lineWidth = Number((argsArray[i] as number[])[0]) || 0;
        break;
      case OPS.constructPath: {
        const [paintOp, buffers] = argsArray[i] as [number, (Float32Array | null)[]];
        const path = buffers?.[0];
        if (!path) break;
        const stroked = paintOp === OPS.stroke || paintOp === OPS.closeStroke || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
        const filled = paintOp === OPS.fill || paintOp === OPS.eoFill || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
        const frame = frames[frames.length - 1];
        if (frame && stroked && !filled && state.strokeVivid) {
          const box = strokedRectangle(path, state.ctm);
          if (box) {
            frame.marks.push(box);
            walkPath(path, addLine, null); // taken out again if the form is a note
            break;
          }
        }
        if (frame) frame.other = true;
        if (stroked && !state.strokeLight) walkPath(path, addLine, null);
        else if (filled && !state.fillLight) {
          if (!isGlyphShape(path, state.ctm)) walkPath(path, null, addFilledBox);
        }
        else if (filled && !state.fillPaper) walkPath(path, null, (xs, ys) => addFilledBox(xs, ys, true)); // light shading: cell fills only
        break;
      }
      default:
        break;
    }
  }
  return { horizontal, vertical, fills, notes, faint, vivid, vividAt };
}

/** Text painted at one size one glyph at a time (Chromium, Word) is one piece, as a run gives it. */
function addPainted(list: FaintText[], text: string, size: number): void {
  const last = list[list.length - 1];
  if (last && Math.abs(last.size - size) <= 0.01 * size) last.text += text;
  else list.push({ text, size });
}

/** The rulings of a scan, with the edges of the shaded cells that hold the text over them (`text`: centres of the page's runs). */
export function rulingsOf(scan: OperatorScan, text: readonly { x: number; y: number }[] = []): Rulings {
  const { horizontal, vertical, fills, notes } = scan;
  fillEdges(fills, text, horizontal, vertical);
  return notes.length ? { horizontal, vertical, notes } : { horizontal, vertical };
}

/** Operator list of one page → its rulings (scanOperators, then rulingsOf). */
export function extractRulings(fnArray: readonly number[], argsArray: readonly unknown[], viewport: Matrix, text: readonly { x: number; y: number }[] = []): Rulings {
  return rulingsOf(scanOperators(fnArray, argsArray, viewport), text);
}

/** The characters of a pdf.js showText argument (glyphs with their Unicode; numbers are spacing). */
export function glyphText(glyphs: unknown): string {
  if (!Array.isArray(glyphs)) return '';
  let out = '';
  for (const g of glyphs) if (g && typeof g === 'object' && typeof (g as { unicode?: unknown }).unicode === 'string') out += (g as { unicode: string }).unicode;
  return out;
}

/**
 * A filled path that draws a shape, not rules: one with curves, or with a polygon of more than
 * five corners that is no thin bar — a glyph outline (text turned into outlines, 转曲: “内部资料”
 * as filled curves over a table) whose straight strokes (the bar of 一, of 工) are thin rectangles
 * of their own subpaths. Rules drawn as fills are rectangles only (Word: `re f` per cell side).
 */
function isGlyphShape(path: Float32Array, ctm: Matrix): boolean {
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === CURVE_TO || op === QUAD_TO) return true;
    k += op === MOVE_TO || op === LINE_TO ? 2 : 0;
  }
  let shape = false;
  walkPath(path, null, (xs, ys) => {
    if (shape || xs.length <= 5) return;
    const pts = xs.map((x, i) => applyMatrix(ctm, x, ys[i]));
    const w = Math.max(...pts.map((p) => p[0])) - Math.min(...pts.map((p) => p[0]));
    const h = Math.max(...pts.map((p) => p[1])) - Math.min(...pts.map((p) => p[1]));
    shape = w > MAX_RULE_THICKNESS && h > MAX_RULE_THICKNESS;
  });
  return shape;
}

/** The path as one axis-aligned rectangle in display space (a `re`, or four straight sides), or null. */
function strokedRectangle(path: Float32Array, ctm: Matrix): BBoxXY | null {
  const polygons: { xs: number[]; ys: number[] }[] = [];
  let straight = true;
  walkPath(
    path,
    () => {},
    (xs, ys) => polygons.push({ xs, ys }),
  );
  for (let k = 0; k < path.length; ) {
    const op = path[k++];
    if (op === CURVE_TO || op === QUAD_TO) straight = false;
    k += op === MOVE_TO || op === LINE_TO ? 2 : op === CURVE_TO ? 6 : op === QUAD_TO ? 4 : 0;
  }
  if (!straight || polygons.length !== 1 || polygons[0].xs.length < 4 || polygons[0].xs.length > 5) return null;
  const pts = polygons[0].xs.map((x, i) => applyMatrix(ctm, x, polygons[0].ys[i]));
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const box: BBoxXY = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  // Every corner on the box's edges: axis-aligned.
  const onEdge = pts.every(([x, y]) => (Math.abs(x - box[0]) <= AXIS_TOLERANCE || Math.abs(x - box[2]) <= AXIS_TOLERANCE) && (Math.abs(y - box[1]) <= AXIS_TOLERANCE || Math.abs(y - box[3]) <= AXIS_TOLERANCE));
  return onEdge && box[2] - box[0] > MAX_RULE_THICKNESS && box[3] - box[1] > MAX_RULE_THICKNESS ? box : null;
}

const squeezed = (s: string) => s.replace(/\s+/gu, '');

/**
 * The runs without the text of the page's notes: runs inside a note's box, one after another in the
 * content's order (the note's form is drawn in one piece), that together spell the note's text. A
 * cell's own figure under the note ("5" under "请核实12.5") is not part of that sequence and stays.
 */
export function dropNoteRuns<T extends { str: string; x0: number; x1: number; top: number; bottom: number }>(runs: T[], notes: Rulings['notes']): T[] {
  if (!notes?.length) return runs;
  const drop = new Set<number>();
  for (const note of notes) {
    const want = squeezed(note.text);
    const inside = (r: T) => {
      const [cx, cy] = [(r.x0 + r.x1) / 2, (r.top + r.bottom) / 2];
      return cx >= note.box[0] - 1 && cx <= note.box[2] + 1 && cy >= note.box[1] - 1 && cy <= note.box[3] + 1;
    };
    for (let i = 0; i < runs.length; i++) {
      let spelled = '';
      let j = i;
      while (j < runs.length && !drop.has(j) && inside(runs[j]) && want.startsWith(spelled + squeezed(runs[j].str)) && squeezed(runs[j].str)) spelled += squeezed(runs[j++].str);
      if (spelled === want) {
        for (let k = i; k < j; k++) drop.add(k);
        break;
      }
    }
  }
  return drop.size ? runs.filter((_, i) => !drop.has(i)) : runs;
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
