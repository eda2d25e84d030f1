import { crop, inkThreshold, type GrayImage } from './image.js';
import { components, typicalLineHeight } from './missed-text.js';
import { SMALL_LINE_PX, type RecognizedChar, type RecognizedLine } from './recognize.js';

/**
 * A decimal point (小数点) read unsurely between two digits, looked at a second time in the ink. At
 * 100 dpi a point is two or three pixels and the recogniser reads "89.974" with the point at 0.89,
 * so a sum resting on it becomes a note. Between the two digits' centres the ink is cut into
 * columns; a point is one small blob there, apart from both digits, sitting on their baseline and
 * not below it (a comma hangs under the baseline, a lost point leaves no blob). When the ink shows
 * such a point the two readings agree and their doubts multiply; otherwise nothing changes. Only
 * the confidence changes, never the text.
 */

/** Confidence the ink's reading stands for (a point-shaped blob where the recogniser read one). */
const INK_READING = 0.8;
/** Points read less surely than this are looked at; below SURE the recogniser's reading is not taken. */
const UNSURE = 0.9;
const SURE = 0.5;
/** A point's blob against the digits' ink height: at most this tall and wide… */
const POINT_SIZE = 0.35;
/** …its bottom within this share of the digits' height of their baseline, its top in their lower half. */
const BASELINE_SLACK = 0.15;

export function confirmDecimalPoints(img: GrayImage, lines: RecognizedLine[]): RecognizedLine[] {
  return lines.map((line) => {
    let changed = false;
    const chars = line.chars.map((c, k) => {
      const prev = line.chars[k - 1];
      const next = line.chars[k + 1];
      if (c.ch !== '.' || c.confidence >= UNSURE || c.confidence < SURE || !prev || !next || !/\d/u.test(prev.ch) || !/\d/u.test(next.ch)) return c;
      if (!pointInInk(img, line, (prev.x0 + prev.x1) / 2, (next.x0 + next.x1) / 2)) return c;
      changed = true;
      return { ...c, confidence: 1 - (1 - c.confidence) * (1 - INK_READING) };
    });
    return changed ? { ...line, chars, confidence: Math.min(...chars.map((c) => c.confidence)) } : line;
  });
}

/**
 * A decimal point the recogniser did not read at all: at 100 dpi "215,457.6" comes back as
 * "215,4576", a number nothing can be made of, and "95.00" as "9500", a wrong one. The recogniser
 * did see it — between the 7 and the 6 it gave a point a probability of 0.26, nowhere else more
 * than 0.001 — but not as its best guess. On small print (the pages recognize.ts reads twice), a
 * number of three digits or more without a point that has exactly one such place between two of
 * its digits gets its point back there. The readings that agree multiply their doubts: the
 * recogniser's probability, the ink (a point-shaped blob there, pointInInk), and the number's
 * thousands separators when they fit only with the point ("215,4576" → "215,457.6"). Without
 * the grouping the point stays unsure: "9500" becomes an unsure "95.00", and what rests on it a note.
 */
export function restoreDecimalPoints(img: GrayImage, lines: RecognizedLine[]): RecognizedLine[] {
  const typical = typicalLineHeight(lines.map((l) => l.box));
  if (typical === null || typical >= SMALL_LINE_PX) return lines;
  return lines.map((line) => {
    let chars = line.chars;
    for (const [start, end] of numberTokens(chars)) {
      const token = chars.slice(start, end);
      const seen = token.flatMap((b, k) => (k > 0 && /\d/u.test(token[k - 1].ch) && /\d/u.test(b.ch) && (b.pointBefore ?? 0) >= POINT_SEEN ? [k] : []));
      if (seen.length !== 1) continue;
      const at = seen[0];
      const [a, b] = [token[at - 1], token[at]];
      const written = [...token.slice(0, at).map((c) => c.ch), '.', ...token.slice(at).map((c) => c.ch)].join('');
      let doubt = 1 - b.pointBefore!;
      if (/[,，]/u.test(written) && GROUPED.test(written)) doubt *= 1 - GROUPING_READING;
      if (pointInInk(img, line, (a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2)) doubt *= 1 - INK_READING;
      const point: RecognizedChar = { ch: '.', x0: a.x1, x1: Math.max(a.x1, b.x0), confidence: 1 - doubt, read: '' };
      chars = [...chars.slice(0, start + at), point, ...chars.slice(start + at)];
    }
    if (chars === line.chars) return line;
    return { ...line, chars, text: chars.map((c) => c.ch).join(''), confidence: Math.min(...chars.map((c) => c.confidence)) };
  });
}

/** A point the recogniser gave at least this probability between two digits was seen. */
const POINT_SEEN = 0.1;
/**
 * Confidence the grouping's reading stands for: a number written with thousands separators that
 * are wrong as read ("215,4576") and right with the point where the recogniser saw one.
 */
const GROUPING_READING = 0.9;

/** Thousands grouping that holds a decimal point after its last group (number-shape.ts's, without signs). */
const GROUPED = /^\d{1,3}(?:[,，]\d{3})+\.\d+$/u;

/**
 * [start, end) of each number without a decimal point in a line's characters, from the last to the
 * first (so that putting a point into one leaves the earlier ones' places as they were): digits and
 * thousands separators, three digits or more.
 */
function numberTokens(chars: readonly RecognizedChar[]): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < chars.length; ) {
    if (!/\d/u.test(chars[k].ch)) {
      k++;
      continue;
    }
    let end = k;
    while (end < chars.length && /[\d,，]/u.test(chars[end].ch)) end++;
    const digits = chars.slice(k, end).filter((c) => /\d/u.test(c.ch)).length;
    const pointed = chars[end]?.ch === '.' || chars[k - 1]?.ch === '.';
    if (digits >= 3 && !pointed) out.push([k, end]);
    k = end;
  }
  return out.reverse();
}

/** One point-shaped blob between image columns `from` and `to` of the line, apart from the digits at both ends. */
export function pointInInk(img: GrayImage, line: RecognizedLine, from: number, to: number): boolean {
  const x0 = Math.max(0, Math.floor(from));
  const x1 = Math.min(img.width, Math.ceil(to));
  const y0 = Math.max(0, Math.floor(line.box.y0));
  const y1 = Math.min(img.height, Math.ceil(line.box.y1));
  if (x1 - x0 < 3 || y1 - y0 < 3) return false;
  const region = crop(img, x0, y0, x1, y1);
  const threshold = faintInkThreshold(crop(img, Math.max(0, Math.floor(line.box.x0)), y0, Math.min(img.width, Math.ceil(line.box.x1)), y1));
  const { width, height, data } = region;
  const ink = new Uint8Array(width * height);
  for (let i = 0; i < ink.length; i++) ink[i] = data[i] < threshold ? 1 : 0;
  // Bounds are exclusive (x1, y1 one past the last ink pixel).
  const blobs = components(ink, width, height);
  // The digits reach into the region from both sides; anything else is a point, a comma or noise.
  const digits = blobs.filter((b) => b.x0 === 0 || b.x1 === width);
  if (!digits.some((b) => b.x0 === 0) || !digits.some((b) => b.x1 === width)) return false;
  const digitTop = Math.min(...digits.map((b) => b.y0));
  const baseline = Math.max(...digits.map((b) => b.y1));
  const digitHeight = baseline - digitTop;
  if (digitHeight < 5) return false;
  const between = blobs.filter((b) => !digits.includes(b));
  const points = between.filter(
    (b) =>
      b.y1 - b.y0 <= POINT_SIZE * digitHeight &&
      b.x1 - b.x0 <= POINT_SIZE * digitHeight &&
      Math.abs(b.y1 - baseline) <= Math.max(1, BASELINE_SLACK * digitHeight) &&
      b.y0 >= digitTop + digitHeight / 2,
  );
  // One point, and nothing else there but a stray pixel.
  return points.length === 1 && between.every((b) => b === points[0] || b.n <= 1);
}

/**
 * Ink as faint as a small point's: at 100 dpi a 2 px point comes out of the JPEG at grey ~190
 * while the digits beside it are near black and the paper ~250, so the line's ink threshold (set
 * between the digits and the paper) misses it. Halfway between that threshold and the paper.
 */
function faintInkThreshold(line: GrayImage): number {
  const sorted = Uint8Array.from(line.data).sort();
  const paper = sorted[Math.floor(sorted.length * 0.9)];
  return (inkThreshold(line) + paper) / 2;
}
