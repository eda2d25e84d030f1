import type { TextBox } from './detect.js';
import type { GrayImage } from './image.js';

/**
 * Text the detector passed over. DB detection at working resolution sometimes misses a lone
 * narrow glyph — the "1" alone in a score cell — and a lost digit changes a sum. Ink that no
 * detected box covers is grouped into glyph-sized blobs, blobs on one line into boxes, and those
 * boxes are read like any other line (the recogniser's confidence then decides what is text).
 */
export function missedTextBoxes(img: GrayImage, boxes: readonly TextBox[], threshold: number): TextBox[] {
  const lineHeight = typicalLineHeight(boxes);
  if (lineHeight === null) return [];
  // Work at half resolution: a glyph is still 10+ px high, and labelling costs a quarter.
  const W = img.width >> 1;
  const H = img.height >> 1;
  const ink = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = 2 * y * img.width + 2 * x;
      const d = img.data;
      if (d[i] < threshold || d[i + 1] < threshold || d[i + img.width] < threshold || d[i + img.width + 1] < threshold) ink[y * W + x] = 1;
    }
  }
  for (const b of boxes) {
    for (let y = Math.max(0, Math.floor(b.y0 / 2)); y < Math.min(H, Math.ceil(b.y1 / 2)); y++) {
      ink.fill(0, y * W + Math.max(0, Math.floor(b.x0 / 2)), y * W + Math.min(W, Math.ceil(b.x1 / 2)));
    }
  }
  const blobs = components(ink, W, H)
    .map((c) => ({ x0: c.x0 * 2, y0: c.y0 * 2, x1: c.x1 * 2, y1: c.y1 * 2, n: c.n * 4 }))
    .filter((c) => {
      const h = c.y1 - c.y0;
      const w = c.x1 - c.x0;
      // Glyph-sized: a digit or a character — not a speck of dust, not a seal or a signature, and
      // not the stub of a ruling (a stroke a few pixels wide that a "1" with its serif is not).
      return h >= 0.3 * lineHeight && h <= 1.2 * lineHeight && w <= 1.5 * lineHeight && w >= Math.max(4, 0.12 * lineHeight) && c.n >= 0.02 * lineHeight * lineHeight;
    })
    .sort((a, b) => a.x0 - b.x0);
  // Blobs on one line, close together, are one word.
  const groups: { x0: number; y0: number; x1: number; y1: number }[] = [];
  for (const b of blobs) {
    const cy = (b.y0 + b.y1) / 2;
    const g = groups.find((o) => cy > o.y0 && cy < o.y1 && b.x0 - o.x1 <= 0.6 * lineHeight);
    if (g) {
      g.x1 = Math.max(g.x1, b.x1);
      g.y0 = Math.min(g.y0, b.y0);
      g.y1 = Math.max(g.y1, b.y1);
    } else groups.push({ ...b });
  }
  // Framed like a detected line: the recogniser expects a margin around the glyphs.
  return groups.map((g) => {
    const h = g.y1 - g.y0;
    const cy = (g.y0 + g.y1) / 2;
    const half = Math.max(h, 0.75 * lineHeight) / 2 + 0.1 * lineHeight;
    return {
      x0: Math.max(0, g.x0 - 0.25 * lineHeight),
      y0: Math.max(0, cy - half),
      x1: Math.min(img.width, g.x1 + 0.25 * lineHeight),
      y1: Math.min(img.height, cy + half),
      score: 0,
    };
  });
}

/** Median height of the line-shaped boxes (at least twice as wide as high), or null when under three. */
export function typicalLineHeight(boxes: readonly TextBox[]): number | null {
  const lineHeights = boxes
    .filter((b) => b.x1 - b.x0 >= 2 * (b.y1 - b.y0))
    .map((b) => b.y1 - b.y0)
    .sort((a, b) => a - b);
  return lineHeights.length < 3 ? null : lineHeights[lineHeights.length >> 1];
}

export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  n: number;
}

/** 8-connected components of a binary image (flood fill with an explicit stack). */
export function components(ink: Uint8Array, W: number, H: number): Component[] {
  return labelComponents(ink, W, H).components;
}

/** Runs of ink (row, first and end column) and their union-find parents, kept between calls and grown as needed. */
let runRow = new Int32Array(4096);
let runX0 = new Int32Array(4096);
let runX1 = new Int32Array(4096);
let runParent = new Int32Array(4096);
let runComponent = new Int32Array(4096);

function growRuns(): void {
  const grow = (a: Int32Array) => {
    const b = new Int32Array(a.length * 2);
    b.set(a);
    return b;
  };
  runRow = grow(runRow);
  runX0 = grow(runX0);
  runX1 = grow(runX1);
  runParent = grow(runParent);
  runComponent = grow(runComponent);
}

/**
 * The components, and each pixel's: 0 off the ink, k ≥ 1 for components[k - 1]. Components are
 * numbered in the order their first pixel comes in row-major order. Labelled by runs: each row's
 * runs of ink, joined (union-find, the earlier run the root) with the runs of the row above that
 * touch them, corners included; a component's first run holds its first pixel.
 */
export function labelComponents(ink: Uint8Array, W: number, H: number): { labels: Int32Array; components: Component[] } {
  const labels = new Int32Array(W * H);
  const out: Component[] = [];
  const find = (a: number): number => {
    while (runParent[a] !== a) a = runParent[a] = runParent[runParent[a]];
    return a;
  };
  let runs = 0;
  let prevFirst = 0;
  let prevEnd = 0;
  for (let y = 0; y < H; y++) {
    const row = y * W;
    const first = runs;
    let p = prevFirst;
    for (let x = 0; x < W; ) {
      if (!ink[row + x]) {
        x++;
        continue;
      }
      let e = x + 1;
      while (e < W && ink[row + e]) e++;
      if (runs === runParent.length) growRuns();
      const id = runs++;
      runRow[id] = y;
      runX0[id] = x;
      runX1[id] = e;
      runParent[id] = id;
      // Runs above ending left of x - 1 touch neither this run nor any later one in the row.
      while (p < prevEnd && runX1[p] < x) p++;
      for (let q = p; q < prevEnd && runX0[q] <= e; q++) {
        const a = find(q);
        const b = find(id);
        if (a < b) runParent[b] = a;
        else if (b < a) runParent[a] = b;
      }
      x = e;
    }
    prevFirst = first;
    prevEnd = runs;
  }
  for (let r = 0; r < runs; r++) {
    const root = find(r);
    let c: Component;
    if (root === r) {
      c = { x0: W, y0: H, x1: 0, y1: 0, n: 0 };
      out.push(c);
      runComponent[r] = out.length;
    } else {
      runComponent[r] = runComponent[root];
      c = out[runComponent[r] - 1];
    }
    const y = runRow[r];
    const x0 = runX0[r];
    const x1 = runX1[r];
    if (x0 < c.x0) c.x0 = x0;
    if (y < c.y0) c.y0 = y;
    if (x1 > c.x1) c.x1 = x1;
    if (y + 1 > c.y1) c.y1 = y + 1;
    c.n += x1 - x0;
    labels.fill(runComponent[r], y * W + x0, y * W + x1);
  }
  return { labels, components: out };
}
