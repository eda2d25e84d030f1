import { rankGlyph, type TemplateMatch } from './glyph-templates.js';
import { crop, inkThreshold, type GrayImage } from './image.js';
import type { RecognizedLine } from './recognize.js';
// A shape match names a sign as a lone glyph's does; a reading the two tests disagree on is unsure as a sign named alone.
import { TEMPLATE_ALONE as UNSURE, TEMPLATE_DECISIVE as DECISIVE, TEMPLATE_DECISIVE_MARGIN as DECISIVE_MARGIN, TEMPLATE_MARGIN as MARGIN, TEMPLATE_MATCH as MATCH } from './lone-glyph.js';

/**
 * A comparator typed in the same cell as its number ("≥362", "≤5%"): the recogniser has seen the
 * sign before digits rarely and reads it as a digit or a letter ("2362", "Z362", "N5%"), sometimes
 * surely enough to pass. Two things tell the sign from a digit, both from the ink: its shape (the
 * glyph compared with the signs and digits drawn in a report's faces, glyph-templates.ts) and its
 * place — a "≥" sits lower and is shorter than the digits after it (its top well under theirs),
 * a digit is as tall as its neighbours. When both say "sign", the sign is read, sure when the shape
 * match is decisive; when only one does, the reading is kept but made unsure (so what rests on it
 * is only a note); when neither does, nothing changes.
 */

/** First characters the recogniser gives for a comparator before digits. */
const READ_AS = new Set(['2', 'Z', 'z', 'N', 'M', 'V', 'W', 'v', '>', '<', '＞', '＜', '≥', '≤', '≧', '≦', '=', '7']);
const SIGNS = new Set(['≥', '≤', '≧', '≦', '＞', '＜']);
/** Signs put back in front of a number: the comparators, and the > and < drawn alone. */
const COMPARATORS = new Set([...SIGNS, '>', '<']);
/** A glyph whose ink is at most this share of the digits' height, its top this far under theirs, sits like a sign. */
const SIGN_HEIGHT = 0.85;
const SIGN_DROP = 0.12;

export interface LeadingSign {
  /** The first glyph's ink, in image pixels. */
  glyph: { x0: number; y0: number; x1: number; y1: number };
  shape: TemplateMatch | null;
  /** Ink height of the first glyph over the digits', and how far its top lies under theirs (in digit heights). */
  height: number;
  drop: number;
}

export function readLeadingSigns(img: GrayImage, lines: RecognizedLine[]): RecognizedLine[] {
  return lines.map((line) => {
    const first = line.chars[0];
    const next = line.chars.find((c, k) => k > 0 && c.ch.trim());
    if (!first || !READ_AS.has(first.ch) || !next || !/\d/u.test(next.ch)) return first && /\d/u.test(first.ch) ? droppedSign(img, line) : line;
    const seen = leadingGlyph(img, line);
    if (!seen) return line;
    const shapeSays = !!seen.shape && SIGNS.has(seen.shape.ch) && seen.shape.score >= MATCH && seen.shape.score - seen.shape.rival >= MARGIN;
    const placeSays = seen.height <= SIGN_HEIGHT && seen.drop >= SIGN_DROP;
    if (!shapeSays && !placeSays) return line;
    let ch = first.ch;
    let confidence = Math.min(first.confidence, UNSURE);
    if (shapeSays && placeSays) {
      ch = seen.shape!.ch;
      const decisive = seen.shape!.score >= DECISIVE && seen.shape!.score - seen.shape!.rival >= DECISIVE_MARGIN;
      confidence = decisive ? Math.max(first.confidence, seen.shape!.score) : Math.min(seen.shape!.score, UNSURE);
    } else if (placeSays && weakComparator(seen.shape)) {
      // A small blurred sign ("≥" read as ">" on a phone photo): the comparator its shape is closest to, unsure.
      ch = seen.shape!.ch;
    }
    const chars = [{ ...first, ch, confidence, ...(ch !== first.ch ? { read: first.read ?? first.ch } : {}) }, ...line.chars.slice(1)];
    return { ...line, chars, text: chars.map((c) => c.ch).join(''), confidence: Math.min(...chars.map((c) => c.confidence)) };
  });
}

/**
 * The line's first glyph and the digits after it, from the ink: columns with ink, split where a
 * column has none; the first span is the glyph, the next up to three (those left of the second
 * character read after the first digit) are the digits it is compared with. `dropped`: the
 * recogniser read no sign, the line starts with its digits, and the glyph is ink left of them.
 */
export function leadingGlyph(img: GrayImage, line: RecognizedLine, dropped = false): LeadingSign | null {
  const { box } = line;
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(img.width, Math.ceil(box.x1));
  const y1 = Math.min(img.height, Math.ceil(box.y1));
  const cut = crop(img, x0, y0, x1, y1);
  const threshold = inkThreshold(cut);
  const { width, height, data } = cut;
  const spans: { x0: number; x1: number; top: number; bottom: number }[] = [];
  let open: { x0: number; x1: number; top: number; bottom: number } | null = null;
  for (let x = 0; x < width; x++) {
    let top = -1;
    let bottom = -1;
    for (let y = 0; y < height; y++) {
      if (data[y * width + x] >= threshold) continue;
      if (top < 0) top = y;
      bottom = y;
    }
    if (top < 0) {
      if (open) spans.push(open);
      open = null;
      continue;
    }
    if (!open) open = { x0: x, x1: x, top, bottom };
    else {
      open.x1 = x;
      open.top = Math.min(open.top, top);
      open.bottom = Math.max(open.bottom, bottom);
    }
  }
  if (open) spans.push(open);
  // Specks (a pixel or two of noise) are not glyphs.
  const glyphs = spans.filter((s) => s.bottom - s.top >= 3 || s.x1 - s.x0 >= 3);
  if (glyphs.length < 2) return null;
  const [sign, ...rest] = glyphs;
  // A sign the recogniser skipped lies wholly left of the first character it read.
  if (dropped && x0 + sign.x1 >= (line.chars[0].x0 + line.chars[0].x1) / 2) return null;
  // The digits: the spans over the characters read as digits right after the first.
  const digitChars = [];
  for (const c of line.chars.slice(dropped ? 0 : 1)) {
    if (!c.ch.trim()) continue;
    if (!/\d/u.test(c.ch)) break;
    digitChars.push(c);
  }
  const end = (digitChars.at(-1)?.x1 ?? box.x1) - x0;
  const digits = rest.filter((s) => s.x0 < end).slice(0, 3);
  if (!digits.length) return null;
  // A first span as wide as two glyphs is the sign and a digit run together: no telling.
  const digitH = median(digits.map((s) => s.bottom - s.top + 1));
  const digitTop = median(digits.map((s) => s.top));
  if (sign.x1 - sign.x0 + 1 > 1.3 * digitH) return null;
  const glyph = { x0: x0 + sign.x0, y0: y0 + sign.top, x1: x0 + sign.x1 + 1, y1: y0 + sign.bottom + 1 };
  return {
    glyph,
    shape: rankGlyph(img, { x0: glyph.x0 - 1, y0: glyph.y0 - 1, x1: glyph.x1 + 1, y1: glyph.y1 + 1 }, threshold),
    height: (sign.bottom - sign.top + 1) / digitH,
    drop: (sign.top - digitTop) / digitH,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * A phone photo's blur takes the comparator off the front of a number altogether: "≤90万元" read
 * as "90万元", "≥ 80%" as "80%", surely. Then the ink left of the first digit still holds a glyph
 * the recogniser skipped. Where it sits like a sign (shorter than the digits, its top lower:
 * slightly taller at 150 dpi than SIGN_HEIGHT allows, the blur adds a pixel) and its shape is
 * closest to a comparator, that comparator is put back — unsure unless the match is decisive, so
 * an unmet target resting on it is only a note. Sitting like a sign with another shape, the glyph
 * is unknown and the number after it unsure (a sign may be missing from it); otherwise nothing changes.
 */
const DROPPED_SIGN_HEIGHT = 0.9;
const DROPPED_SIGN_MIN_HEIGHT = 0.5;
/** Widest gap (in digit heights) between a skipped sign and the number's first digit. */
const DROPPED_SIGN_GAP = 1;
/** A comparator named by a small, blurred glyph's shape: best of all templates by at least this. */
const DROPPED_SIGN_MARGIN = 0.05;

/** The shape's best match is a comparator, if only just: too weak to name a sign alone, enough to tell which sign one sitting like a sign is. */
const weakComparator = (shape: TemplateMatch | null): shape is TemplateMatch => !!shape && COMPARATORS.has(shape.ch) && shape.score - shape.rival >= DROPPED_SIGN_MARGIN;

function droppedSign(img: GrayImage, line: RecognizedLine): RecognizedLine {
  const seen = leadingGlyph(img, line, true);
  if (!seen || seen.height > DROPPED_SIGN_HEIGHT || seen.height < DROPPED_SIGN_MIN_HEIGHT || seen.drop < SIGN_DROP) return line;
  const shape = seen.shape;
  const first = line.chars[0];
  // A sign is set against its number ("≥ 80%" at most a space apart); a dash around a page number ("- 1 -") is not a sign either.
  const digitH = (seen.glyph.y1 - seen.glyph.y0) / seen.height;
  if (first.x0 - seen.glyph.x1 > DROPPED_SIGN_GAP * digitH) return line;
  let chars: RecognizedLine['chars'];
  if (weakComparator(shape)) {
    const decisive = shape.score >= DECISIVE && shape.score - shape.rival >= DECISIVE_MARGIN;
    const sign = { ch: shape.ch, x0: seen.glyph.x0, x1: seen.glyph.x1, confidence: decisive ? shape.score : Math.min(shape.score, UNSURE), read: '' };
    chars = [sign, ...line.chars];
  } else chars = [{ ...first, confidence: Math.min(first.confidence, UNSURE) }, ...line.chars.slice(1)];
  return { ...line, chars, text: chars.map((c) => c.ch).join(''), confidence: Math.min(...chars.map((c) => c.confidence)) };
}
