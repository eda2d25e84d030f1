import type { OcrEngine } from './engine.js';
import { resize, type GrayImage } from './image.js';

/** A detected text line, axis-aligned, in the pixels of the image given to `detectText`. */
export interface TextBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Mean text probability over the detected region (0–1). */
  score: number;
}

/** DB post-processing parameters as PaddleOCR uses them for PP-OCRv4. */
const PIXEL_THRESHOLD = 0.3;
const BOX_THRESHOLD = 0.6;
const UNCLIP_RATIO = 1.5;
/** Regions smaller than this (detector pixels) on their short side are specks. */
const MIN_SIDE = 3;

/** ImageNet normalisation the detector was trained with (per channel; grey input repeats one value). */
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/**
 * Text lines of a page image with PaddleOCR's DB detector. The image is scaled by `scale` (and
 * rounded to multiples of 32, as the network needs) before detection; boxes come back in the
 * image's own pixels. DB predicts a shrunk core of each text line; the core is grown back by
 * area × 1.5 / perimeter, as in the paper.
 */
export async function detectText(engine: OcrEngine, img: GrayImage, scale: number): Promise<TextBox[]> {
  const w = Math.max(32, Math.round((img.width * scale) / 32) * 32);
  const h = Math.max(32, Math.round((img.height * scale) / 32) * 32);
  const small = resize(img, w, h);
  const plane = w * h;
  const input = new Float32Array(3 * plane);
  const lut = [0, 1, 2].map((c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - MEAN[c]) / STD[c]));
  for (let i = 0; i < plane; i++) {
    const v = small.data[i];
    input[i] = lut[0][v];
    input[plane + i] = lut[1][v];
    input[2 * plane + i] = lut[2][v];
  }
  const feeds = { [engine.detector.inputNames[0]]: new engine.Tensor('float32', input, [1, 3, h, w]) };
  const out = await engine.detector.run(feeds);
  const prob = out[engine.detector.outputNames[0]].data as Float32Array;
  const sx = img.width / w;
  const sy = img.height / h;
  const found = regions(prob, w, h).filter((r) => r.score >= BOX_THRESHOLD);
  const grown = found
    .filter((r) => Math.min(r.x1 - r.x0, r.y1 - r.y0) >= MIN_SIDE)
    .map((r) => {
      const bw = r.x1 - r.x0;
      const bh = r.y1 - r.y0;
      const grow = (bw * bh * UNCLIP_RATIO) / (2 * (bw + bh));
      return {
        x0: Math.max(0, (r.x0 - grow) * sx),
        y0: Math.max(0, (r.y0 - grow) * sy),
        x1: Math.min(img.width, (r.x1 + grow) * sx),
        y1: Math.min(img.height, (r.y1 + grow) * sy),
        score: r.score,
      };
    });
  // Specks too small to be a line on their own (a bracket, a comma) join the line they touch.
  const specks = found.filter((r) => Math.min(r.x1 - r.x0, r.y1 - r.y0) < MIN_SIDE).map((r) => ({ x0: r.x0 * sx, y0: r.y0 * sy, x1: r.x1 * sx, y1: r.y1 * sy, score: r.score }));
  return joinLineParts(grown, specks);
}

/**
 * Pieces of one text line: boxes that share a line (most of the lower one's height) and overlap
 * or nearly touch are one box — the detector sometimes splits a line into overlapping parts, and
 * each part would read the shared characters again ("住" + "住建…"). A ruling between them is
 * dealt with after reading (the line is split where it crosses one).
 */
function joinLineParts(boxes: TextBox[], specks: readonly TextBox[]): TextBox[] {
  const sameLine = (a: TextBox, b: TextBox) => {
    const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
    return overlap >= 0.6 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
  };
  const sorted = [...boxes].sort((a, b) => a.x0 - b.x0);
  const out: TextBox[] = [];
  for (const box of sorted) {
    const h = box.y1 - box.y0;
    const host = out.find((o) => sameLine(o, box) && box.x0 <= o.x1 + 0.15 * Math.min(h, o.y1 - o.y0));
    if (host) {
      host.score = Math.min(host.score, box.score);
      host.x1 = Math.max(host.x1, box.x1);
      host.y0 = Math.min(host.y0, box.y0);
      host.y1 = Math.max(host.y1, box.y1);
    } else out.push({ ...box });
  }
  for (const s of specks) {
    const cy = (s.y0 + s.y1) / 2;
    const host = out.find((o) => cy > o.y0 && cy < o.y1 && s.x1 >= o.x0 - 0.4 * (o.y1 - o.y0) && s.x0 <= o.x1 + 0.4 * (o.y1 - o.y0));
    if (!host) continue;
    const pad = 0.15 * (host.y1 - host.y0);
    host.x0 = Math.min(host.x0, s.x0 - pad);
    host.x1 = Math.max(host.x1, s.x1 + pad);
  }
  return out;
}

/**
 * A lone narrow glyph ("1" in a score column) yields a tiny detected core, and grown by the DB
 * rule its box still cuts the glyph: the recogniser then reads nothing or "L". Boxes lower than the
 * page's typical line are grown to most of that height, and as much in width, around their centre
 * (not more: a "0" in too large a frame reads as the letter "o").
 */
export function padSmallBoxes(boxes: readonly TextBox[], width: number, height: number): TextBox[] {
  const lineHeights = boxes.filter((b) => b.x1 - b.x0 >= 2 * (b.y1 - b.y0)).map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  if (lineHeights.length < 3) return [...boxes];
  const typical = lineHeights[lineHeights.length >> 1];
  return boxes.map((b) => {
    const h = b.y1 - b.y0;
    if (h >= 0.6 * typical) return b;
    const grow = (0.75 * typical - h) / 2;
    return { ...b, x0: Math.max(0, b.x0 - grow), x1: Math.min(width, b.x1 + grow), y0: Math.max(0, b.y0 - grow), y1: Math.min(height, b.y1 + grow) };
  });
}

/**
 * Connected regions of the thresholded probability map (8-connected), each with its bounding box
 * (exclusive right/bottom) and mean probability. Two-pass labelling with union-find.
 */
export function regions(prob: Float32Array, w: number, h: number): TextBox[] {
  const labels = new Int32Array(w * h);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  const union = (a: number, b: number): number => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return ra;
    const lo = Math.min(ra, rb);
    parent[Math.max(ra, rb)] = lo;
    return lo;
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (prob[i] <= PIXEL_THRESHOLD) continue;
      // The neighbours already labelled (left, and the three above), joined; no closure per pixel.
      let label = 0;
      let l = x > 0 ? labels[i - 1] : 0;
      if (l) label = l;
      if (y > 0) {
        l = labels[i - w];
        if (l) label = label ? union(label, l) : l;
        if (x > 0) {
          l = labels[i - w - 1];
          if (l) label = label ? union(label, l) : l;
        }
        if (x + 1 < w) {
          l = labels[i - w + 1];
          if (l) label = label ? union(label, l) : l;
        }
      }
      if (!label) {
        label = parent.length;
        parent.push(label);
      }
      labels[i] = label;
    }
  }
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number; sum: number; n: number }>();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!labels[i]) continue;
      const root = find(labels[i]);
      let b = boxes.get(root);
      if (!b) boxes.set(root, (b = { x0: x, y0: y, x1: x + 1, y1: y + 1, sum: 0, n: 0 }));
      if (x < b.x0) b.x0 = x;
      if (x + 1 > b.x1) b.x1 = x + 1;
      if (y + 1 > b.y1) b.y1 = y + 1;
      b.sum += prob[i];
      b.n++;
    }
  }
  return [...boxes.values()].map((b) => ({ x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, score: b.sum / b.n }));
}
