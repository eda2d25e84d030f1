import { pdfOps } from './pdfjs.js';
import { glyphText, multiply } from './rulings.js';
import type { Matrix } from './text-runs.js';
import type { TextRun } from './types.js';

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

interface TextState {
  ctm: Matrix;
  faintColor: boolean;
  alpha: number;
  fontSize: number;
}

/** Text painted faint on a page: its characters (whitespace removed) and the size it was set at. */
export interface FaintText {
  text: string;
  size: number;
}

function lightColor(args: unknown): boolean {
  const v = Array.isArray(args) ? args[0] : args;
  if (typeof v !== 'string' || !/^#[0-9a-f]{6}$/i.test(v)) return false;
  return [1, 3, 5].every((i) => parseInt(v.slice(i, i + 2), 16) >= FAINT_CHANNEL);
}

/** The fill alpha a pdf.js setGState argument sets ([[key, value] …]), or null when it sets none. */
function fillAlpha(args: unknown): number | null {
  const pairs = Array.isArray(args) ? args[0] : null;
  if (!Array.isArray(pairs)) return null;
  for (const p of pairs) if (Array.isArray(p) && p[0] === 'ca' && typeof p[1] === 'number') return p[1];
  return null;
}

const scaleOf = (m: ArrayLike<number>) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

/** One pass over a page's operator list: the text it paints faint, with its size in points. */
export function faintTexts(fnArray: readonly number[], argsArray: readonly unknown[]): FaintText[] {
  const OPS = pdfOps();
  const out: FaintText[] = [];
  let state: TextState = { ctm: [1, 0, 0, 1, 0, 0], faintColor: false, alpha: 1, fontSize: 0 };
  let textScale = 1;
  const stack: TextState[] = [];
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
      case OPS.paintFormXObjectBegin:
        stack.push(state);
        state = { ...state };
        if (fn === OPS.paintFormXObjectBegin && Array.isArray(args?.[0]) && args[0].length === 6) state.ctm = multiply(args[0] as Matrix, state.ctm);
        break;
      case OPS.restore:
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(args as unknown as Matrix, state.ctm);
        break;
      case OPS.setFillRGBColor:
        state.faintColor = lightColor(args);
        break;
      case OPS.setGState: {
        const alpha = fillAlpha(args);
        if (alpha !== null) state.alpha = alpha;
        break;
      }
      case OPS.setFont:
        state.fontSize = Math.abs(Number(args?.[1]) || 0);
        break;
      case OPS.beginText:
        textScale = 1;
        break;
      case OPS.setTextMatrix: {
        const m = (ArrayBuffer.isView(args?.[0]) || Array.isArray(args?.[0]) ? args[0] : args) as ArrayLike<number>;
        if (m && m.length >= 4) textScale = scaleOf(m);
        break;
      }
      case OPS.showText:
      case OPS.showSpacedText:
      case OPS.nextLineShowText:
      case OPS.nextLineSetSpacingShowText: {
        if (!state.faintColor && state.alpha >= FAINT_ALPHA) break;
        const text = glyphText(args?.[fn === OPS.nextLineSetSpacingShowText ? 2 : 0]).replace(/\s+/gu, '');
        if (text) out.push({ text, size: state.fontSize * textScale * scaleOf(state.ctm) });
        break;
      }
      default:
        break;
    }
  }
  return out;
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
