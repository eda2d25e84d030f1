import type { TextBox } from './detect.js';
import type { OcrEngine } from './engine.js';
import { crop, grayImage, resize, type GrayImage } from './image.js';
import { recognizeBoxes, type RecognizedLine } from './recognize.js';

/**
 * A comparator alone in its cell (四川/云南 templates put 指标性质 "≥" in a column of its own) is
 * a box of one glyph, and the recogniser, without a neighbour to read it by, takes "≥" for N, M, V
 * or 2. Read again beside the number of the next cell on its line ("≥" + "362"), where the model
 * knows it: the first character is kept only when it is a comparator, read fairly surely, and the
 * rest is the neighbour's own reading. Anything else leaves the box as it was (still unsure).
 */
const COMPARATORS = new Set(['≥', '≤', '>', '<', '＞', '＜', '=', '＝']);
/** Re-read only single glyphs read less surely than this. */
const UNSURE = 0.9;
/**
 * A comparator read in context must be the likeliest reading and at least this sure; below 0.9 it
 * stays uncertain (its confidence is kept), so what rests on it is only a note.
 */
const SURE = 0.5;
/** A lone glyph's box is about square; a wider box holds more than one glyph. */
const MAX_ASPECT = 1.6;

export async function rereadLoneGlyphs(engine: OcrEngine, img: GrayImage, lines: RecognizedLine[]): Promise<RecognizedLine[]> {
  const pairs: { lone: number; next: RecognizedLine }[] = [];
  lines.forEach((line, i) => {
    const { box } = line;
    const h = box.y1 - box.y0;
    if (line.chars.length !== 1 || line.confidence >= UNSURE || box.x1 - box.x0 > MAX_ASPECT * h) return;
    const next = rightNeighbour(lines, line);
    if (next) pairs.push({ lone: i, next });
  });
  if (!pairs.length) return lines;
  // Every strip on one sheet, one above the other: the recogniser reads them in batches, as it reads a page.
  const strips = pairs.map(({ lone, next }) => strip(img, lines[lone], next));
  const sheet = grayImage(Math.max(...strips.map((t) => t.width)), strips.reduce((h, t) => h + t.height, 0));
  const boxes: TextBox[] = [];
  for (const t of strips) {
    const y0 = boxes.length ? boxes[boxes.length - 1].y1 : 0;
    for (let y = 0; y < t.height; y++) sheet.data.set(t.data.subarray(y * t.width, (y + 1) * t.width), (y0 + y) * sheet.width);
    boxes.push({ x0: 0, y0, x1: t.width, y1: y0 + t.height, score: 1 });
  }
  const reads = await recognizeBoxes(engine, sheet, boxes);
  const out = [...lines];
  for (const [k, { lone, next }] of pairs.entries()) {
    const read = reads[k];
    const first = read?.chars[0];
    if (!first || !COMPARATORS.has(first.ch) || first.confidence < SURE) continue;
    if (read.text.slice(first.ch.length).replace(/\s+/gu, '') !== next.text.replace(/\s+/gu, '')) continue;
    const line = lines[lone];
    out[lone] = { ...line, text: first.ch, chars: [{ ...line.chars[0], ch: first.ch, confidence: first.confidence }], confidence: first.confidence };
  }
  return out;
}

/** The nearest line to the right on the same text line, starting with a digit, within four heights. */
function rightNeighbour(lines: readonly RecognizedLine[], line: RecognizedLine): RecognizedLine | null {
  const { box } = line;
  const h = box.y1 - box.y0;
  let best: RecognizedLine | null = null;
  for (const other of lines) {
    const o = other.box;
    if (other === line || o.x0 < box.x1 - 0.2 * h || o.x0 - box.x1 > 4 * h || !/^\d/u.test(other.text.trim())) continue;
    const overlap = Math.min(box.y1, o.y1) - Math.max(box.y0, o.y0);
    if (overlap < 0.6 * Math.min(h, o.y1 - o.y0)) continue;
    if (!best || o.x0 < best.box.x0) best = other;
  }
  return best;
}

/** The lone glyph and its neighbour side by side at the glyph's height, a small gap between. */
function strip(img: GrayImage, lone: RecognizedLine, next: RecognizedLine): GrayImage {
  const a = crop(img, lone.box.x0, lone.box.y0, lone.box.x1, lone.box.y1);
  const h = a.height;
  const n = crop(img, next.box.x0, next.box.y0, next.box.x1, next.box.y1);
  const b = resize(n, Math.max(1, Math.round((n.width * h) / n.height)), h);
  const gap = Math.round(h * 0.15);
  const out = grayImage(a.width + gap + b.width, h);
  for (let y = 0; y < h; y++) {
    out.data.set(a.data.subarray(y * a.width, (y + 1) * a.width), y * out.width);
    out.data.set(b.data.subarray(y * b.width, (y + 1) * b.width), y * out.width + a.width + gap);
  }
  return out;
}
