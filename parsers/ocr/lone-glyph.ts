import type { TextBox } from './detect.js';
import type { OcrEngine } from './engine.js';
import { matchGlyph, rankGlyph, sameSign, type TemplateMatch } from './glyph-templates.js';
import { crop, grayImage, inkThreshold, resize, type GrayImage } from './image.js';
import { recognizeBoxes, type RecognizedLine } from './recognize.js';

/**
 * A comparator alone in its cell (四川/云南 templates put 指标性质 "≥" in a column of its own) is
 * a box of one glyph, and the recogniser, without a neighbour to read it by, takes "≥" for N, M, V
 * or 2 (sometimes surely), and a lone "个" for "↑". Two more readings: the glyph compared with the
 * signs drawn in a report's faces (glyph-templates.ts), and the glyph read again beside the number
 * of the next cell on its line ("≥" + "362"), where the model knows it — a comparator kept from
 * there only when it is read fairly surely and the rest is the neighbour's own reading. A sign the
 * templates name is taken, sure when a recogniser reading agrees, unsure when none does; without
 * a named sign the reading in context stands alone; otherwise the box stays as it was.
 */
const COMPARATORS = new Set(['≥', '≤', '>', '<', '＞', '＜', '=', '＝']);
/** Re-read in context single glyphs read less surely than this (and those the templates name otherwise). */
const UNSURE = 0.9;
/**
 * A comparator read in context must be the likeliest reading and at least this sure; below 0.9 it
 * stays uncertain (its confidence is kept), so what rests on it is only a note.
 */
const SURE = 0.5;
/** A lone glyph's box is about square; a wider box holds more than one glyph. */
const MAX_ASPECT = 1.6;

export async function rereadLoneGlyphs(engine: OcrEngine, img: GrayImage, lines: RecognizedLine[]): Promise<RecognizedLine[]> {
  // Every single glyph is compared with drawn signs (glyph-templates.ts); a sign named there, or a
  // glyph read unsurely, is read again beside its right neighbour.
  const singles = new Map<number, { named: TemplateMatch | null; next: RecognizedLine | null }>();
  const confirmed = new Map<number, number>();
  lines.forEach((line, i) => {
    const { box } = line;
    if (line.chars.length !== 1) return;
    const named = nameSign(img, line);
    const h = box.y1 - box.y0;
    const digit = !named && confirmDigit(img, line);
    if (digit) {
      confirmed.set(i, digit);
      return;
    }
    const unsure = line.confidence < UNSURE && box.x1 - box.x0 <= MAX_ASPECT * h;
    const next = unsure || (named && !sameSign(named.ch, line.text.trim())) ? rightNeighbour(lines, line) : null;
    if (named || next) singles.set(i, { named, next });
  });
  if (!singles.size && !confirmed.size) return lines;
  const pairs = [...singles].filter(([, s]) => s.next).map(([lone, s]) => ({ lone, next: s.next! }));
  const reads = pairs.length ? await readInContext(engine, img, lines, pairs) : [];
  const inContext = new Map(pairs.map(({ lone, next }, k) => [lone, comparatorInContext(reads[k], next)]));
  const out = [...lines];
  for (const [lone, confidence] of confirmed) out[lone] = { ...lines[lone], chars: [{ ...lines[lone].chars[0], confidence }], confidence };
  for (const [lone, { named }] of singles) {
    const line = lines[lone];
    const context = inContext.get(lone) ?? null;
    let ch: string;
    let confidence: number;
    if (named) {
      // Two readings that agree (the recogniser's, alone or in context, and the drawn sign's) are sure,
      // and so is a drawn sign matched decisively; a weaker match alone is kept, but unsure.
      const agree = sameSign(named.ch, line.text.trim()) || (!!context && sameSign(context.ch, named.ch));
      ch = named.ch;
      const decisive = named.score >= TEMPLATE_DECISIVE && named.score - named.rival >= TEMPLATE_DECISIVE_MARGIN;
      confidence = agree || decisive ? Math.max(line.confidence, context?.confidence ?? 0, named.score) : Math.min(named.score, TEMPLATE_ALONE);
    } else if (context) {
      ch = context.ch;
      confidence = context.confidence;
    } else continue;
    const was = line.chars[0];
    out[lone] = { ...line, text: ch, chars: [{ ...was, ch, confidence, ...(ch !== was.ch ? { read: was.read ?? was.ch } : {}) }], confidence };
  }
  return out;
}

/**
 * A sign named from the templates: its match at least TEMPLATE_MATCH and clearly better than the
 * best of everything else (TEMPLATE_MARGIN) — a true "2" or "8" in a score cell matches its digit.
 */
export const TEMPLATE_MATCH = 0.85;
export const TEMPLATE_MARGIN = 0.2;
/** Confidence of a sign named by the templates against the recogniser's reading: below 0.9, unsure… */
export const TEMPLATE_ALONE = 0.85;
/**
 * …unless the match is decisive: on the scanned sichuan forms a lone "≥" matches its template at
 * 0.94–0.98 and nothing else above 0.61, and no other single glyph of those pages (digits,
 * letters, ideographs) matched any sign's template above 0.67.
 */
export const TEMPLATE_DECISIVE = 0.92;
export const TEMPLATE_DECISIVE_MARGIN = 0.3;

/**
 * A lone digit the recogniser read unsurely (a "0" alone on the second line of a wrapped "100"
 * reads at 0.896) that the drawn digits name too: two readings agree, so it is sure — at once when
 * the drawn digit matches decisively, and when it matches well (TEMPLATE_AGREE) the doubts of the
 * two readings multiply: on a phone photo a lone "0" in a 预算数 cell is read at 0.69–0.84 and
 * matches its drawn digit at 0.86–0.88, the nearest other digit ("6", "9") 0.13–0.17 lower.
 * Returns the new confidence, or 0 when the digit stays as it was.
 */
function confirmDigit(img: GrayImage, line: RecognizedLine): number {
  const ch = line.text.trim();
  if (!/^\d$/u.test(ch) || line.confidence >= UNSURE || line.confidence < SURE) return 0;
  const { box } = line;
  const m = rankGlyph(img, box, inkThreshold(crop(img, box.x0, box.y0, box.x1, box.y1)));
  if (!m || m.ch !== ch) return 0;
  if (m.score >= TEMPLATE_DECISIVE && m.score - m.rival >= TEMPLATE_MARGIN) return Math.max(line.confidence, m.score);
  if (m.score >= TEMPLATE_AGREE && m.score - m.rival >= TEMPLATE_AGREE_MARGIN) return 1 - (1 - line.confidence) * (1 - m.score);
  return 0;
}

/** A drawn digit that matches this well, and this much better than any other, agrees with the recogniser's reading. */
export const TEMPLATE_AGREE = 0.85;
export const TEMPLATE_AGREE_MARGIN = 0.12;

function nameSign(img: GrayImage, line: RecognizedLine): TemplateMatch | null {
  const { box } = line;
  const m = matchGlyph(img, box, inkThreshold(crop(img, box.x0, box.y0, box.x1, box.y1)));
  return m && m.score >= TEMPLATE_MATCH && m.score - m.rival >= TEMPLATE_MARGIN ? m : null;
}

/** Every strip on one sheet, one above the other: the recogniser reads them in batches, as it reads a page. */
async function readInContext(engine: OcrEngine, img: GrayImage, lines: readonly RecognizedLine[], pairs: readonly { lone: number; next: RecognizedLine }[]): Promise<RecognizedLine[]> {
  const strips = pairs.map(({ lone, next }) => strip(img, lines[lone], next));
  const sheet = grayImage(Math.max(...strips.map((t) => t.width)), strips.reduce((h, t) => h + t.height, 0));
  const boxes: TextBox[] = [];
  for (const t of strips) {
    const y0 = boxes.length ? boxes[boxes.length - 1].y1 : 0;
    for (let y = 0; y < t.height; y++) sheet.data.set(t.data.subarray(y * t.width, (y + 1) * t.width), (y0 + y) * sheet.width);
    boxes.push({ x0: 0, y0, x1: t.width, y1: y0 + t.height, score: 1 });
  }
  return recognizeBoxes(engine, sheet, boxes);
}

/** The comparator a strip starts with, when it is read fairly surely and the rest is the neighbour's own reading. */
function comparatorInContext(read: RecognizedLine | undefined, next: RecognizedLine): { ch: string; confidence: number } | null {
  const first = read?.chars[0];
  if (!read || !first || !COMPARATORS.has(first.ch) || first.confidence < SURE) return null;
  if (read.text.slice(first.ch.length).replace(/\s+/gu, '') !== next.text.replace(/\s+/gu, '')) return null;
  return { ch: first.ch, confidence: first.confidence };
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
