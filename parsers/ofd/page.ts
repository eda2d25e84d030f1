import { InputError } from '../../src/errors.js';
import { charEms } from '../pdf/cjk.js';
import { pdfOps } from '../pdf/pdfjs.js';
import { CLOSE, CURVE_TO, LINE_TO, MOVE_TO, multiply } from '../pdf/rulings.js';
import { applyMatrix, type Matrix, type PdfTextItem } from '../pdf/text-runs.js';
import { parseBox, resolvePath, type Box, type OfdPackage } from './package.js';

/**
 * One OFD page's content (Content.xml, and the template pages it uses) in the terms the PDF
 * reader already reads, so that one code path lays out both:
 * - each run of text as a pdf.js text item (str, transform, width) in points, y down — the PDF
 *   reader's toTextRuns turns them into runs exactly as it does a PDF's;
 * - each path as pdf.js operators (save, transform, colours, constructPath, restore) — the PDF
 *   reader's extractRulings finds ruling lines, thin filled bars and cell fills in them;
 * - images with the box they fill (a page holding only images is a scan).
 *
 * OFD geometry (GB/T 33190 §7–11): millimetres, origin top-left, y down. An object's Boundary
 * "x y w h" places it on the page; its CTM (if any) maps the object's own coordinates into the
 * Boundary's, whose origin is (x, y). A TextCode gives the first glyph's origin (X, Y: Y is the
 * baseline) and the advances to each next glyph (DeltaX / DeltaY; "g n v" = n advances of v).
 */

export const MM_TO_PT = 72 / 25.4;

/** Objects (text codes, paths, images) at most on one page: a crafted page may hold millions. */
export const DEFAULT_MAX_OFD_OBJECTS = 200_000;

/** An advance this much (ems) wider than its glyph separates runs (a cell gap inside one TextCode). */
const RUN_GAP_EMS = 1;

export interface PlacedImage {
  /** MultiMedia resource ID. */
  resource: string;
  /** Where the image's unit square lands on the page, in points (y down). */
  matrix: Matrix;
}

export interface OfdPageContent {
  /** Page box (PhysicalBox), mm. */
  box: Box;
  items: PdfTextItem[];
  /** Text drawn invisible (Visible="false"): the OCR layer of a scanned page, as OCR software writes it. */
  hiddenItems: PdfTextItem[];
  fnArray: number[];
  argsArray: unknown[];
  images: PlacedImage[];
  /** Resource files of the page's own (PageRes), package paths. */
  resources: string[];
}

interface TextState {
  boundary: Box;
  ctm: Matrix;
  size: number;
  font: string;
  codes: { x?: number; y?: number; deltaX?: string; deltaY?: string; text: string }[];
  hidden: boolean;
}

interface PathState {
  boundary: Box;
  ctm: Matrix | null;
  stroke: boolean;
  fill: boolean;
  lineWidth: number;
  strokeColor: string;
  fillColor: string;
  data: string;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function parseMatrix(value: string | undefined): Matrix | null {
  if (!value) return null;
  const n = value.trim().split(/[\s,]+/u).map(Number);
  return n.length === 6 && n.every(Number.isFinite) ? (n as Matrix) : null;
}

function parseNumber(value: string | undefined, fallback: number): number {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** DeltaX / DeltaY: numbers, "g n v" standing for n times v. */
export function parseDeltas(value: string | undefined, limit: number): number[] {
  if (!value) return [];
  const t = value.trim().split(/[\s,]+/u);
  const out: number[] = [];
  for (let i = 0; i < t.length && out.length < limit; i++) {
    if (t[i] === 'g') {
      const n = Math.min(Math.floor(Number(t[i + 1])), limit - out.length);
      const v = Number(t[i + 2]);
      i += 2;
      if (!(n > 0) || !Number.isFinite(v)) continue;
      for (let k = 0; k < n; k++) out.push(v);
    } else {
      const v = Number(t[i]);
      out.push(Number.isFinite(v) ? v : 0);
    }
  }
  return out;
}

/** "r g b" (0–255, or #hex components), grey "v", or CMYK → "#rrggbb"; black when unreadable. */
function parseColor(value: string | undefined): string {
  if (!value) return '#000000';
  const n = value
    .trim()
    .split(/\s+/u)
    .map((t) => (t.startsWith('#') ? parseInt(t.slice(1), 16) : Number(t)));
  if (n.some((v) => !Number.isFinite(v))) return '#000000';
  let rgb: number[];
  if (n.length === 1) rgb = [n[0], n[0], n[0]];
  else if (n.length === 4) rgb = [0, 1, 2].map((i) => 255 * (1 - Math.min(1, n[i] / 255)) * (1 - Math.min(1, n[3] / 255)));
  else rgb = n.slice(0, 3);
  return `#${rgb.map((v) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0')).join('')}`;
}

/** The object's coordinates → the page's, mm: CTM first, then the Boundary's origin. */
function objectMatrix(boundary: Box, ctm: Matrix | null): Matrix {
  return multiply(ctm ?? IDENTITY, [1, 0, 0, 1, boundary[0], boundary[1]]);
}

/**
 * AbbreviatedData ("M x y L x y B x1 y1 x2 y2 x3 y3 Q x1 y1 x2 y2 A rx ry angle large sweep x y C")
 * → a pdf.js constructPath buffer. Curves and arcs keep only their end point (they are not rulings).
 */
export function pathBuffer(data: string): Float32Array {
  const t = data.trim().split(/[\s,]+/u);
  const out: number[] = [];
  const num = (i: number) => Number(t[i]);
  for (let i = 0; i < t.length; ) {
    const op = t[i++];
    const take = { S: 2, M: 2, L: 2, Q: 4, B: 6, A: 7, C: 0 }[op];
    if (take === undefined) break; // unknown operator: stop rather than misread the rest
    const args = Array.from({ length: take }, (_, k) => num(i + k));
    i += take;
    if (args.some((v) => !Number.isFinite(v))) break;
    if (op === 'S' || op === 'M') out.push(MOVE_TO, args[0], args[1]);
    else if (op === 'L') out.push(LINE_TO, args[0], args[1]);
    else if (op === 'C') out.push(CLOSE);
    else {
      const [x, y] = args.slice(-2);
      out.push(CURVE_TO, x, y, x, y, x, y);
    }
  }
  return new Float32Array(out);
}

/**
 * One page: its own content after that of its templates (a template is the page's background:
 * headers, footers, a form's frame). `pageBox` is the document's default box.
 */
export function readOfdPage(pkg: OfdPackage, content: string, templates: readonly string[], pageBox: Box, fonts: ReadonlyMap<string, string>, maxObjects = DEFAULT_MAX_OFD_OBJECTS): OfdPageContent {
  const OPS = pdfOps();
  const page: OfdPageContent = { box: pageBox, items: [], hiddenItems: [], fnArray: [], argsArray: [], images: [], resources: [] };
  let objects = 0;
  const count = () => {
    if (++objects > maxObjects) throw new InputError('LIMIT_EXCEEDED', `${content} 的图元超过上限 ${maxObjects} 个 / too many objects on one page`);
  };
  // Text and paths are placed in points, y down, from the page box's corner.
  const toPoints = (m: Matrix): Matrix => multiply(m, [MM_TO_PT, 0, 0, MM_TO_PT, -page.box[0] * MM_TO_PT, -page.box[1] * MM_TO_PT]);

  const emitText = (s: TextState) => {
    const m = toPoints(objectMatrix(s.boundary, s.ctm));
    let x = 0;
    let y = 0;
    for (const code of s.codes) {
      if (code.x !== undefined) x = code.x;
      if (code.y !== undefined) y = code.y;
      const chars = Array.from(code.text);
      // Advances between glyphs: as many as there are glyphs after the first, whatever the file claims.
      const deltaX = parseDeltas(code.deltaX, chars.length - 1);
      const deltaY = parseDeltas(code.deltaY, chars.length - 1);
      // Glyph origins, in the object's coordinates; a run breaks where an advance leaves a gap.
      // Written down the page (DeltaY only): each glyph below the one before.
      const vertical = deltaY.length > 0 && deltaX.length === 0;
      let start = 0;
      let sx = x;
      let sy = y;
      for (let i = 0; i < chars.length; i++) {
        const own = charEms(chars[i]) * s.size;
        const dx = deltaX[i] ?? (vertical ? 0 : own);
        const dy = deltaY[i] ?? 0;
        const last = i === chars.length - 1;
        const gap = !last && dy === 0 && dx > own + RUN_GAP_EMS * s.size;
        if (last || gap) {
          const [ex, ey] = vertical ? [x, y + s.size] : [x + own, y];
          pushItem(s.hidden ? page.hiddenItems : page.items, chars.slice(start, i + 1).join(''), m, sx, sy, ex, ey, s.size, fonts.get(s.font) ?? s.font);
          start = i + 1;
          sx = x + dx;
          sy = y + dy;
        }
        x += dx;
        y += dy;
      }
    }
  };

  const emitPath = (p: PathState) => {
    if ((!p.stroke && !p.fill) || !p.data) return;
    const path = pathBuffer(p.data);
    if (!path.length) return;
    const paint = p.stroke && p.fill ? OPS.fillStroke : p.stroke ? OPS.stroke : OPS.fill;
    page.fnArray.push(OPS.save, OPS.transform, OPS.setLineWidth, OPS.setStrokeRGBColor, OPS.setFillRGBColor, OPS.constructPath, OPS.restore);
    page.argsArray.push(null, objectMatrix(p.boundary, p.ctm), [p.lineWidth], [p.strokeColor], [p.fillColor], [paint, [path], null], null);
  };

  for (const part of [...templates, content]) {
    let text: TextState | null = null;
    let code: TextState['codes'][number] | null = null;
    let path: PathState | null = null;
    let inData = false;
    let box: string | null = null;
    let pageRes: string | null = null;
    pkg.scan(part, (x) => ({
      open(name) {
        const parent = x.parent();
        // The page's own size (Area/PhysicalBox), else the document's.
        if (name === 'PhysicalBox' && parent === 'Area' && part === content) box = '';
        else if (name === 'PageRes' && x.depth === 2) pageRes = '';
        switch (name) {
          case 'TextObject': {
            count();
            const boundary = parseBox(x.attr('Boundary'));
            if (!boundary) return;
            text = { boundary, ctm: parseMatrix(x.attr('CTM')) ?? IDENTITY, size: parseNumber(x.attr('Size'), 3.5), font: x.attr('Font') ?? '', codes: [], hidden: x.attr('Visible') === 'false' };
            break;
          }
          case 'TextCode':
            count();
            if (text) code = { x: optionalNumber(x.attr('X')), y: optionalNumber(x.attr('Y')), deltaX: x.attr('DeltaX'), deltaY: x.attr('DeltaY'), text: '' };
            break;
          case 'PathObject': {
            count();
            const boundary = parseBox(x.attr('Boundary'));
            if (!boundary || x.attr('Visible') === 'false') return;
            path = {
              boundary,
              ctm: parseMatrix(x.attr('CTM')),
              stroke: x.attr('Stroke') !== 'false',
              fill: x.attr('Fill') === 'true',
              lineWidth: parseNumber(x.attr('LineWidth'), 0.353),
              strokeColor: '#000000',
              fillColor: '#000000',
              data: '',
            };
            break;
          }
          case 'StrokeColor':
            if (path) path.strokeColor = parseColor(x.attr('Value'));
            break;
          case 'FillColor':
            if (path) path.fillColor = parseColor(x.attr('Value'));
            break;
          case 'AbbreviatedData':
            inData = !!path;
            break;
          case 'ImageObject': {
            count();
            const boundary = parseBox(x.attr('Boundary'));
            const resource = x.attr('ResourceID');
            if (!boundary || !resource || x.attr('Visible') === 'false') return;
            // The image's unit square → the Boundary (CTM, by default the Boundary's size) → points.
            const ctm = parseMatrix(x.attr('CTM')) ?? ([boundary[2], 0, 0, boundary[3], 0, 0] as Matrix);
            page.images.push({ resource, matrix: toPoints(objectMatrix(boundary, ctm)) });
            break;
          }
          default:
            break;
        }
      },
      close(name) {
        if (name === 'TextCode' && text && code) {
          text.codes.push(code);
          code = null;
        } else if (name === 'TextObject' && text) {
          emitText(text);
          text = null;
        } else if (name === 'AbbreviatedData') inData = false;
        else if (name === 'PageRes' && pageRes !== null) {
          if (pageRes.trim()) page.resources.push(resolvePath(part, pageRes));
          pageRes = null;
        } else if (name === 'PhysicalBox' && box !== null) {
          page.box = parseBox(box) ?? page.box;
          box = null;
        }
        else if (name === 'PathObject' && path) {
          emitPath(path);
          path = null;
        }
      },
      text(start, end, cdata) {
        if (code) code.text += x.text(start, end, cdata);
        else if (box !== null) box += x.text(start, end, cdata);
        else if (pageRes !== null) pageRes += x.text(start, end, cdata);
        else if (inData && path) path.data += x.text(start, end, cdata);
      },
    }));
  }
  return page;
}

function optionalNumber(value: string | undefined): number | undefined {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A run of glyphs from (x0, y0) to (x1, y1), object coordinates, as a pdf.js text item in points:
 * transform = the run's direction and its perpendicular, scaled to the font size, at its origin.
 */
function pushItem(items: PdfTextItem[], str: string, m: Matrix, x0: number, y0: number, x1: number, y1: number, size: number, font: string): void {
  if (!str.trim()) return;
  const [sx, sy] = applyMatrix(m, x0, y0);
  const [ex, ey] = applyMatrix(m, x1, y1);
  // Font size on the page: the object's size through the matrix (its vertical scale).
  const up = applyMatrix([m[0], m[1], m[2], m[3], 0, 0], 0, size);
  const pageSize = Math.hypot(up[0], up[1]);
  const width = Math.hypot(ex - sx, ey - sy);
  const ux = width ? (ex - sx) / width : 1;
  const uy = width ? (ey - sy) / width : 0;
  items.push({ str, transform: [ux * pageSize, uy * pageSize, -uy * pageSize, ux * pageSize, sx, sy], width, height: pageSize, fontName: font });
}
