import type { GrayImage } from './image.js';
import { labelComponents, type Component } from './missed-text.js';
import type { PixelRulings } from './raster-rulings.js';

/**
 * Handwriting across a table (a signature over a cell, a tick through a row): strokes the
 * recogniser cannot read past — a cell holding "90" under a signature's loops reads as nothing,
 * and the cell is then taken for blank. Printed text stays inside its cell; a pen stroke runs on
 * across the cell's rulings. An ink component (the page with its rulings erased) that meets a
 * ruling where another component leaves it on the far side is one piece of a stroke crossing that
 * ruling; the pieces so joined are a stroke when, together, they cross two rulings or more and are
 * well larger than a glyph. Their pixels are erased, so what they lay over is read (a digit the
 * stroke passes clear of; a digit the stroke runs through is lost either way).
 *
 * Colour cannot tell a blue or black signature from black print in a greyscale scan; the shape can.
 */

/** A stroke's pieces together are at least this many glyph heights tall or wide… */
const MIN_STROKE_EXTENT = 2.5;
/** …and cross at least this many rulings. */
const MIN_RULINGS_CROSSED = 2;
/** One piece taller than this many glyph heights, sparse (a loop, not a filled block), is a stroke by itself. */
const TALL_PIECE = 3;
const SPARSE = 0.25;

type Piece = Component;

/**
 * Pixels of strokes crossing the table's rulings (1 = stroke), or null when there are none.
 * `glyph` is the height of a line of text (pixels).
 */
export function strokeMask(clean: GrayImage, rulings: PixelRulings, threshold: number, glyph: number): Uint8Array | null {
  const { width: W, height: H, data } = clean;
  const ink = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) if (data[i] < threshold) ink[i] = 1;
  const { labels, components: pieces } = labelComponents(ink, W, H);
  if (!pieces.length) return null;
  // Union-find over pieces joined by a crossing.
  const parent = Int32Array.from({ length: pieces.length + 1 }, (_, k) => k);
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]];
    return a;
  };
  const crossings = new Uint16Array(pieces.length + 1);
  const crossed: [number, number][] = []; // piece, ruling
  const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < W && y < H ? labels[y * W + x] : 0);
  const join = (a: number, b: number, ruling: number) => {
    if (!a || !b || a === b) return;
    crossings[a]++;
    crossings[b]++;
    crossed.push([a, ruling]);
    parent[find(a)] = find(b);
  };
  const near = (get: (d: number) => number, reach: number) => {
    for (let d = reach; d <= reach + 2; d++) {
      const l = get(d);
      if (l) return l;
    }
    return 0;
  };
  let ruling = 0;
  for (const s of rulings.horizontal) {
    ruling++;
    const reach = Math.ceil(s.thickness / 2) + 1;
    for (let x = Math.floor(s.from); x < s.to; x++) {
      const y = Math.round(s.pos);
      join(
        near((d) => at(x, y - d), reach),
        near((d) => at(x, y + d), reach),
        ruling,
      );
    }
  }
  for (const s of rulings.vertical) {
    ruling++;
    const reach = Math.ceil(s.thickness / 2) + 1;
    for (let y = Math.floor(s.from); y < s.to; y++) {
      const x = Math.round(s.pos);
      join(
        near((d) => at(x - d, y), reach),
        near((d) => at(x + d, y), reach),
        ruling,
      );
    }
  }
  // Extent of each group of joined pieces.
  const box = new Map<number, Piece>();
  for (let k = 1; k <= pieces.length; k++) {
    if (!crossings[k]) continue;
    const r = find(k);
    const p = pieces[k - 1];
    const b = box.get(r);
    if (!b) box.set(r, { ...p });
    else {
      b.x0 = Math.min(b.x0, p.x0);
      b.y0 = Math.min(b.y0, p.y0);
      b.x1 = Math.max(b.x1, p.x1);
      b.y1 = Math.max(b.y1, p.y1);
      b.n += p.n;
    }
  }
  // The rulings each group crosses: a pen stroke over a cell crosses two or more; a glyph cut by a
  // ruling found along a bold heading's strokes "crosses" one.
  const across = new Map<number, Set<number>>();
  for (const [piece, r] of crossed) {
    const root = find(piece);
    let set = across.get(root);
    if (!set) across.set(root, (set = new Set()));
    set.add(r);
  }
  const stroke = new Uint8Array(pieces.length + 1);
  let any = false;
  for (let k = 1; k <= pieces.length; k++) {
    const p = pieces[k - 1];
    const h = p.y1 - p.y0;
    const w = p.x1 - p.x0;
    const group = crossings[k] ? box.get(find(k))! : null;
    const crossing =
      !!group && (across.get(find(k))?.size ?? 0) >= MIN_RULINGS_CROSSED && Math.max(group.x1 - group.x0, group.y1 - group.y0) >= MIN_STROKE_EXTENT * glyph && Math.max(w, h) >= 0.5 * glyph;
    const tall = h >= TALL_PIECE * glyph && p.n < SPARSE * w * h;
    if (crossing || tall) {
      stroke[k] = 1;
      any = true;
    }
  }
  if (!any) return null;
  const mask = new Uint8Array(W * H);
  for (let i = 0; i < labels.length; i++) if (stroke[labels[i]]) mask[i] = 1;
  return mask;
}

/**
 * Did an erased stroke lie over this line of text? Stroke pixels within the line's glyph band,
 * from half a line height before it to half a line height after it: a glyph the stroke ran
 * through went with the stroke, and what is read beside it may be part of a number ("0" of "90").
 */
export function besideStroke(mask: Uint8Array, width: number, box: { x0: number; y0: number; x1: number; y1: number }): boolean {
  const h = box.y1 - box.y0;
  const height = mask.length / width;
  const x0 = Math.max(0, Math.floor(box.x0 - 0.5 * h));
  const x1 = Math.min(width, Math.ceil(box.x1 + 0.5 * h));
  const y0 = Math.max(0, Math.floor(box.y0 + 0.15 * h));
  const y1 = Math.min(height, Math.ceil(box.y1 - 0.15 * h));
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) n += mask[y * width + x];
  return n >= 0.5 * h;
}
