import type { GrayImage } from './image.js';
import { labelComponents, type Component } from './missed-text.js';
import type { PixelRulings, PixelSegment } from './raster-rulings.js';

/**
 * Handwriting across a table (a signature over a cell, a tick through a row): strokes the
 * recogniser cannot read past — a cell holding "90" under a signature's loops reads as nothing,
 * and the cell is then taken for blank. Printed text stays inside its cell; a pen stroke runs on
 * across the cell's rulings. An ink component (the page with its rulings erased) that meets a
 * ruling where another component leaves it on the far side is one piece of a stroke crossing that
 * ruling; the pieces so joined are a stroke when, together, they cross two rulings or more and are
 * well larger than a glyph, or when one of them is a stroke by itself (taller than three lines, sparse)
 * and the others its run on across a ruling. Their pixels are erased, so what they lay over is read (a digit the
 * stroke passes clear of). A digit the stroke runs through is joined to it; it is kept when the
 * pen's tone is lighter than the print's (keepPrintUnderStroke), and lost with the stroke otherwise.
 *
 * Hue is gone in a greyscale scan; the shape finds the stroke, and the tone tells its ink from toner.
 */

/** A stroke's pieces together are at least this many glyph heights tall or wide… */
const MIN_STROKE_EXTENT = 2.5;
/** …and cross at least this many rulings. */
const MIN_RULINGS_CROSSED = 2;
/** One piece taller than this many glyph heights, sparse (a loop, not a filled block), is a stroke by itself. */
const TALL_PIECE = 3;
const SPARSE = 0.25;
/** How far past a ruling's edge (pixels) the ink of a piece crossing it is looked for. */
const REACH = 3;

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
  const join = (a: number, b: number, ruling: number) => {
    if (!a || !b || a === b) return;
    crossings[a]++;
    crossings[b]++;
    crossed.push([a, ruling]);
    parent[find(a)] = find(b);
  };
  // The first ink beside the ruling on either side, looked for from the ruling's own edge outwards
  // (a 1-pixel ruling at 1147.5 covers column 1147; a stroke climbing steeply beside it may hold
  // only column 1148 there): the piece at (x, y), then REACH pixels on by (dx, dy), 0 for none.
  const near = (x: number, y: number, dx: number, dy: number) => {
    for (let d = 0; d <= REACH; d++, x += dx, y += dy) {
      const l = x >= 0 && y >= 0 && x < W && y < H ? labels[y * W + x] : 0;
      if (l) return l;
    }
    return 0;
  };
  const edges = (s: PixelSegment) => [Math.round(s.pos - s.thickness / 2), Math.round(s.pos + s.thickness / 2)] as const;
  // Ruling k (1-based): the horizontal ones first, then the vertical.
  const lines = [...rulings.horizontal.map((s) => ({ across: 'y' as const, pos: s.pos })), ...rulings.vertical.map((s) => ({ across: 'x' as const, pos: s.pos }))];
  let ruling = 0;
  for (const s of rulings.horizontal) {
    ruling++;
    const [lo, hi] = edges(s);
    for (let x = Math.floor(s.from); x < s.to; x++) join(near(x, lo - 1, 0, -1), near(x, hi, 0, 1), ruling);
  }
  for (const s of rulings.vertical) {
    ruling++;
    const [lo, hi] = edges(s);
    for (let y = Math.floor(s.from); y < s.to; y++) join(near(lo - 1, y, -1, 0), near(hi, y, 1, 0), ruling);
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
  const tallIn = new Set<number>();
  const penTone = lighterThanPrint(clean, ink, labels, pieces, glyph);
  for (let k = 1; k <= pieces.length; k++) {
    const p = pieces[k - 1];
    const h = p.y1 - p.y0;
    if ((h >= TALL_PIECE * glyph && p.n < SPARSE * (p.x1 - p.x0) * h) || penTone.has(k)) {
      stroke[k] = 1;
      if (crossings[k]) tallIn.add(find(k));
    }
  }
  let any = stroke.includes(1);
  for (let k = 1; k <= pieces.length; k++) {
    if (stroke[k] || !crossings[k]) continue;
    const p = pieces[k - 1];
    const root = find(k);
    const group = box.get(root)!;
    const big = Math.max(p.x1 - p.x0, p.y1 - p.y0) >= 0.5 * glyph;
    // A group crossing two rulings and well larger than a glyph; or the run on across a ruling of
    // a piece that is a stroke by itself (the signature's tail in the next cell).
    const crossing = crossesCells(across.get(root), lines, glyph) && Math.max(group.x1 - group.x0, group.y1 - group.y0) >= MIN_STROKE_EXTENT * glyph;
    if (big && (crossing || tallIn.has(root))) {
      stroke[k] = 1;
      any = true;
    }
  }
  if (!any) return null;
  // Each stroke piece's pixels, looked for within its own bounds (not over the whole page).
  const mask = new Uint8Array(W * H);
  for (let k = 1; k <= pieces.length; k++) {
    if (!stroke[k]) continue;
    const p = pieces[k - 1];
    for (let y = p.y0; y < p.y1; y++) for (let i = y * W + p.x0, end = y * W + p.x1; i < end; i++) if (labels[i] === k) mask[i] = 1;
  }
  keepPrintUnderStroke(clean, mask, ink, glyph);
  return mask;
}

/**
 * Do the rulings a group crosses bound a cell between them — MIN_RULINGS_CROSSED or more, two of one
 * direction at least a glyph apart (a row or a column of text lies between them), or one of each
 * (a stroke over a cell's corner)? Two "rulings" closer than a glyph are no row: on a blurred photo,
 * the tops and the feet of a run of digits ("250000.00") run together into rulings of their own,
 * and the digits between them would cross both.
 */
function crossesCells(crossed: ReadonlySet<number> | undefined, lines: readonly { across: 'x' | 'y'; pos: number }[], glyph: number): boolean {
  if (!crossed || crossed.size < MIN_RULINGS_CROSSED) return false;
  const at = [...crossed].map((k) => lines[k - 1]);
  const spread = (dir: 'x' | 'y') => {
    const ps = at.filter((l) => l.across === dir).map((l) => l.pos);
    return ps.length ? Math.max(...ps) - Math.min(...ps) : -1;
  };
  const ys = spread('y');
  const xs = spread('x');
  return (ys >= 0 && xs >= 0) || ys >= glyph || xs >= glyph;
}

/**
 * Ballpoint ink is lighter than toner: scanned in grey, a blue pen line lies at 40–60 while printed
 * glyphs are black to their core (under 10). Where the stroke ran through a glyph, the glyph is part
 * of the stroke's component and would go with it; when the stroke's own tone and the print's are
 * well apart, the pixels of the component as dark as the print (the glyph, and the glyph where the
 * pen crossed it) are taken back out of the mask, with the glyph's edge pixels beside them and its
 * hairlines (lighter than the pen's line) followed a little way.
 * A black pen as dark as the print leaves the tones together, and the mask as it is.
 */
function keepPrintUnderStroke(clean: GrayImage, mask: Uint8Array, ink: Uint8Array, glyph: number): void {
  const { width: W, height: H, data } = clean;
  const strokeTones = new Float64Array(256);
  const printTones = new Float64Array(256);
  for (let i = 0; i < data.length; i++) if (ink[i]) (mask[i] ? strokeTones : printTones)[data[i]]++;
  const s = toneMode(strokeTones);
  const p = toneMode(printTones);
  if (s === null || p === null || s - p < MIN_TONE_GAP) return;
  const cut = p + PRINT_SHARE_OF_GAP * (s - p);
  // Lighter than the pen line's body: an edge pixel, of a glyph's hairline or of the line.
  const edge = s + PEN_BODY_SHARE_OF_GAP * (s - p);
  const core = new Uint8Array(W * H);
  for (let i = 0; i < data.length; i++) if (mask[i] && data[i] <= cut) core[i] = 1;
  // Specks of the stroke as dark as print (JPEG noise along the line) are no glyph.
  const { labels, components } = labelComponents(core, W, H);
  const glyphPart = components.map((c) => c.n >= MIN_PRINT_PIXELS);
  // From the glyph's core: its edge ring, then its hairlines (the top of a "0", lighter than the
  // pen) a few pixels on — not through the pen line's body.
  const steps = Math.max(2, Math.round(HAIRLINE_REACH * glyph));
  let front: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] && glyphPart[labels[i] - 1]) front.push(i);
  const kept = new Uint8Array(W * H);
  for (const i of front) kept[i] = 1;
  for (let step = 1; step <= steps && front.length; step++) {
    const next: number[] = [];
    for (const i of front) {
      const x = i % W;
      const y = (i - x) / W;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue;
          const j = ny * W + nx;
          if (!mask[j] || kept[j] || (step > 1 && data[j] <= edge)) continue;
          kept[j] = 1;
          next.push(j);
        }
    }
    front = next;
  }
  for (let i = 0; i < kept.length; i++) if (kept[i]) mask[i] = 0;
}

/**
 * Pieces larger than a glyph and sparse — a line, not a block of print — whose ink is lighter than
 * the print's by MIN_TONE_GAP or more: ballpoint ink in a greyscale scan, by itself a stroke even
 * where it crosses no ruling twice (a signature begun inside a cell, ending in the next).
 */
function lighterThanPrint(clean: GrayImage, ink: Uint8Array, labels: Int32Array, pieces: readonly Piece[], glyph: number): Set<number> {
  const out = new Set<number>();
  // Each candidate piece's tone histogram, found by its label (an array, not a map: it is looked up for every ink pixel).
  const tones: (Float64Array | undefined)[] = new Array(pieces.length + 1);
  let candidates = 0;
  pieces.forEach((p, k) => {
    const w = p.x1 - p.x0;
    const h = p.y1 - p.y0;
    if (h >= PEN_PIECE_HEIGHT * glyph && Math.max(w, h) >= MIN_STROKE_EXTENT * glyph && p.n < SPARSE * w * h) {
      tones[k + 1] = new Float64Array(256);
      candidates++;
    }
  });
  if (!candidates) return out;
  const page = new Float64Array(256);
  const { data } = clean;
  for (let i = 0; i < data.length; i++) {
    if (!ink[i]) continue;
    page[data[i]]++;
    const t = tones[labels[i]];
    if (t) t[data[i]]++;
  }
  const print = toneMode(page);
  if (print === null) return out;
  for (let k = 1; k < tones.length; k++) {
    const t = tones[k];
    if (!t) continue;
    const tone = toneMode(t);
    if (tone !== null && tone - print >= MIN_TONE_GAP) out.add(k);
  }
  return out;
}

/** A piece of pen-toned ink at least this many glyph heights tall (and MIN_STROKE_EXTENT long) is a stroke. */
const PEN_PIECE_HEIGHT = 1.5;
/** Tones of the stroke and of the print at least this far apart (grey levels) to be told apart. */
const MIN_TONE_GAP = 20;
/** Print is what lies darker than this share of the way from the print's tone to the stroke's. */
const PRINT_SHARE_OF_GAP = 0.4;
/** Tones darker than this share of the gap past the pen's own tone are the pen line's body. */
const PEN_BODY_SHARE_OF_GAP = 0.6;
/** How far (glyph heights) a glyph's hairlines are followed from its dark core. */
const HAIRLINE_REACH = 0.2;
/** A run of print-dark pixels inside a stroke smaller than this is noise, not a glyph. */
const MIN_PRINT_PIXELS = 6;

/** The most frequent tone of a histogram, smoothed over ±3 levels; null when empty. */
function toneMode(hist: Float64Array): number | null {
  let best = -1;
  let at: number | null = null;
  for (let v = 0; v < 256; v++) {
    let n = 0;
    for (let d = -3; d <= 3; d++) n += hist[v + d] ?? 0;
    if (n > best && n > 0) {
      best = n;
      at = v;
    }
  }
  return at;
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
