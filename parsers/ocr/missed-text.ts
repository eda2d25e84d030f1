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

/** The flood fill's stack, kept between calls (a page's ink can hold a component of millions of pixels). */
let fillStack = new Int32Array(0);

/**
 * The components, and each pixel's: 0 off the ink, k ≥ 1 for components[k - 1]. Components are
 * numbered in the order their first pixel comes in row-major order; each is flood-filled from it.
 */
export function labelComponents(ink: Uint8Array, W: number, H: number): { labels: Int32Array; components: Component[] } {
  const labels = new Int32Array(W * H);
  const out: Component[] = [];
  // Every pixel is pushed at most once (it is labelled when pushed).
  if (fillStack.length < ink.length) fillStack = new Int32Array(ink.length);
  const stack = fillStack;
  // Four pixels at a time where the ink is absent (most of a page).
  const words = ink.byteOffset % 4 === 0 ? new Uint32Array(ink.buffer, ink.byteOffset, ink.length >> 2) : new Uint32Array(0);
  for (let start = 0; start < ink.length; start++) {
    if ((start & 3) === 0 && start >> 2 < words.length && !words[start >> 2]) {
      start += 3;
      continue;
    }
    if (!ink[start] || labels[start]) continue;
    const c: Component = { x0: W, y0: H, x1: 0, y1: 0, n: 0 };
    const id = out.length + 1;
    labels[start] = id;
    let top = 0;
    stack[top++] = start;
    let x0 = W;
    let y0 = H;
    let x1 = 0;
    let y1 = 0;
    let n = 0;
    while (top) {
      const i = stack[--top];
      const y = (i / W) | 0;
      const x = i - y * W;
      n++;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + 1 > x1) x1 = x + 1;
      if (y + 1 > y1) y1 = y + 1;
      const left = x > 0;
      const right = x + 1 < W;
      if (y > 0) {
        const j = i - W;
        if (left && ink[j - 1] && !labels[j - 1]) {
          labels[j - 1] = id;
          stack[top++] = j - 1;
        }
        if (ink[j] && !labels[j]) {
          labels[j] = id;
          stack[top++] = j;
        }
        if (right && ink[j + 1] && !labels[j + 1]) {
          labels[j + 1] = id;
          stack[top++] = j + 1;
        }
      }
      if (left && ink[i - 1] && !labels[i - 1]) {
        labels[i - 1] = id;
        stack[top++] = i - 1;
      }
      if (right && ink[i + 1] && !labels[i + 1]) {
        labels[i + 1] = id;
        stack[top++] = i + 1;
      }
      if (y + 1 < H) {
        const j = i + W;
        if (left && ink[j - 1] && !labels[j - 1]) {
          labels[j - 1] = id;
          stack[top++] = j - 1;
        }
        if (ink[j] && !labels[j]) {
          labels[j] = id;
          stack[top++] = j;
        }
        if (right && ink[j + 1] && !labels[j + 1]) {
          labels[j + 1] = id;
          stack[top++] = j + 1;
        }
      }
    }
    c.x0 = x0;
    c.y0 = y0;
    c.x1 = x1;
    c.y1 = y1;
    c.n = n;
    out.push(c);
  }
  return { labels, components: out };
}
