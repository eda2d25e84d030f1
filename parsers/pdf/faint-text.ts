import type { Rulings, TextRun } from './types.js';

/**
 * A level watermark (水平水印): "内部资料", the unit's name, set at 0° across the page in large
 * grey or half-transparent letters (Word's 水印 with 版式“水平”, WPS, an OA system's stamp), often
 * in an /Artifact sequence or a form XObject. Its direction is the text's own, so watermark.ts
 * (slanted text) cannot tell it; pdf.js's text content has no colour. The operator list has: the
 * text a page paints faint — a light fill colour or a fill alpha (ExtGState /ca) below 1 — and at
 * what size. A run is set aside when both hold: painted faint, and far above the document's body
 * text size. Neither alone: grey notes in a form are small, a large title is black.
 */

/** A fill this light (every channel, 0–255) is a watermark's grey, not ink: black and dark greys stay text. */
const FAINT_CHANNEL = 150;
/** A fill alpha (/ca) below this is see-through. */
const FAINT_ALPHA = 0.95;
/** A watermark's letters are at least this many times the page's body text size. */
const SIZE_FACTOR = 2;

/** Text painted faint on a page: its characters (whitespace removed) and the size it was set at. */
export interface FaintText {
  text: string;
  size: number;
}

/** A fill colour's channels (0–255) light enough for a watermark's grey. */
export const isFaintChannels = (rgb: readonly number[]): boolean => rgb.every((c) => c >= FAINT_CHANNEL);

/** Text painted in this fill is faint: a watermark grey, or see-through (fill alpha below FAINT_ALPHA). */
export const paintsFaint = (faintColor: boolean, alpha: number): boolean => faintColor || alpha < FAINT_ALPHA;

/** The fill alpha a pdf.js setGState argument sets ([[key, value] …]), or null when it sets none. */
export function fillAlpha(args: unknown): number | null {
  const pairs = Array.isArray(args) ? args[0] : null;
  if (!Array.isArray(pairs)) return null;
  for (const p of pairs) if (Array.isArray(p) && p[0] === 'ca' && typeof p[1] === 'number') return p[1];
  return null;
}

/** The size most of the characters are set in (the body text), whole points. */
export function bodyTextSize(runs: readonly TextRun[]): number {
  const chars = new Map<number, number>();
  for (const r of runs) chars.set(Math.round(r.size), (chars.get(Math.round(r.size)) ?? 0) + r.str.length);
  let best = 0;
  let most = 0;
  for (const [size, n] of chars) if (n > most) [best, most] = [size, n];
  return best;
}

/**
 * The runs of a page without those of a level watermark: painted faint, and far larger than the
 * document's body text (`bodySize`: a cover page's own text is large, its watermark no larger).
 */
export function withoutFaintWatermark<T extends TextRun>(runs: T[], faint: readonly FaintText[], bodySize: number): T[] {
  if (!faint.length || !bodySize) return runs;
  const limit = SIZE_FACTOR * bodySize;
  const large = faint.filter((f) => f.size >= limit);
  if (!large.length) return runs;
  return runs.filter((r) => {
    const text = r.str.replace(/\s+/gu, '');
    if (!text || r.size < limit) return true;
    return !large.some((f) => f.text.includes(text) && Math.abs(f.size - r.size) <= 0.2 * f.size);
  });
}

/**
 * The runs of a page without a stamp's words: "作废", "草稿", "样稿" set level in a saturated colour
 * (red) at full opacity over the page (an OA system's 作废/草稿 mark, typed as a watermark). Not
 * faint, so colour alone would also take a red heading (红头); a run is set aside when it is painted
 * vivid, far larger than the body text, and lies over the page's content: its box crosses a ruling
 * or another run's box. A red heading stands on its own above the text.
 */
export function withoutVividStamp<T extends TextRun>(runs: T[], vivid: readonly FaintText[], bodySize: number, rulings: Rulings): T[] {
  if (!vivid.length || !bodySize) return runs;
  const limit = SIZE_FACTOR * bodySize;
  const large = vivid.filter((f) => f.size >= limit);
  if (!large.length) return runs;
  const painted = (r: T) => {
    const text = r.str.replace(/\s+/gu, '');
    return text !== '' && r.size >= limit && large.some((f) => f.text.includes(text) && Math.abs(f.size - r.size) <= 0.2 * f.size);
  };
  const stamps = new Set(runs.filter(painted));
  if (!stamps.size) return runs;
  const overContent = (s: T) =>
    runs.some((r) => !stamps.has(r) && r.x0 < s.x1 && r.x1 > s.x0 && r.top < s.bottom && r.bottom > s.top) ||
    rulings.horizontal.some((h) => h.pos > s.top && h.pos < s.bottom && h.from < s.x1 && h.to > s.x0) ||
    rulings.vertical.some((v) => v.pos > s.x0 && v.pos < s.x1 && v.from < s.bottom && v.to > s.top);
  const drop = [...stamps].filter(overContent);
  return drop.length ? runs.filter((r) => !drop.includes(r)) : runs;
}
