import { crop, inkThreshold, type GrayImage } from './image.js';
import { components } from './missed-text.js';
import type { RecognizedLine } from './recognize.js';

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
