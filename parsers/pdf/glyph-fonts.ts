import { repairPdfGlyphs } from '../../src/text/glyphs.js';
import { pdfOps } from './pdfjs.js';
import type { TextRun } from './types.js';

/**
 * The font each character of a page's runs was drawn in (字形所属字体), from the page's operator
 * list. pdf.js runs a line's glyphs into one text item named after the font it starts in, though each
 * glyph may be of another: Chromium's Skia Type 3 fonts hold a few glyphs each, and a line of Chinese
 * draws from a dozen of them. The operator list names the font before each showText, and its glyphs,
 * in drawing order, are the runs' characters in the same order (white space aside; pdf.js reads the
 * content stream once for each). Each run is looked for in that sequence from where the run before
 * it was found (else anywhere on the page: a watermark's text taken out, a form value added); a run
 * not found as it is (GBK text decoded, a right-to-left item put back) has no fonts.
 */

/** Per run, per character (code point) of its text: the font of the glyph drawn there; [] for a run not found. */
export type GlyphFonts = (string | undefined)[][];

export interface Drawn {
  chars: string[];
  folded: string[];
  fonts: string[];
  /** Per glyph: a white-space glyph (a real space character of its font) was drawn between it and the glyph before. */
  spaced: boolean[];
}

/** A glyph object of a showText operation (pdf.js's Glyph): what its font's map gave and its code. */
export interface ShownGlyph {
  unicode?: unknown;
  originalCharCode?: unknown;
}

/** Each glyph shown on the page, in drawing order, with the pdf.js id of the font set before it. */
export function* shownGlyphs(fnArray: readonly number[], argsArray: readonly unknown[]): Generator<{ font: string; glyph: ShownGlyph }> {
  const OPS = pdfOps();
  let font = '';
  for (let i = 0; i < fnArray.length; i++) {
    if (fnArray[i] === OPS.setFont) font = String((argsArray[i] as unknown[])?.[0] ?? '');
    if (fnArray[i] !== OPS.showText) continue;
    const glyphs = (argsArray[i] as unknown[])?.[0];
    if (!Array.isArray(glyphs)) continue;
    for (const g of glyphs as (ShownGlyph | number | null)[]) if (g !== null && typeof g === 'object') yield { font, glyph: g }; // a number is spacing
  }
}

/** The page's glyphs in drawing order, white space aside: each character as the runs read it, its font, and whether a space glyph came before it. */
export function drawnGlyphs(fnArray: readonly number[], argsArray: readonly unknown[]): Drawn {
  const chars: string[] = [];
  const folded: string[] = [];
  const fonts: string[] = [];
  const spaced: boolean[] = [];
  let space = false;
  for (const { font, glyph } of shownGlyphs(fnArray, argsArray)) {
    if (typeof glyph.unicode !== 'string') continue;
    // As toTextRuns reads it: Skia's Kangxi radicals and z-variants repaired (⼯ → 工).
    for (const ch of repairPdfGlyphs(glyph.unicode)) {
      if (/\s/u.test(ch)) {
        space = true;
        continue;
      }
      chars.push(ch);
      // pdf.js normalises a few compatibility characters in text items (not in the operator list's glyphs).
      folded.push(ch.normalize('NFKC'));
      fonts.push(font);
      spaced.push(space);
      space = false;
    }
  }
  return { chars, folded, fonts, spaced };
}

/** Each run's characters with the font its glyph was drawn in (GlyphFonts). */
export function glyphFonts(fnArray: readonly number[], argsArray: readonly unknown[], runs: readonly TextRun[]): GlyphFonts {
  const drawn = drawnGlyphs(fnArray, argsArray);
  let from = 0;
  return runs.map((run) => {
    const all = [...run.str];
    const shown = all.flatMap((ch, i) => (/\s/u.test(ch) ? [] : [i]));
    if (!shown.length) return [];
    const want = shown.map((i) => all[i]);
    let at = findFrom(drawn, want, from, drawn.chars.length);
    if (at < 0) at = findFrom(drawn, want, 0, Math.min(from + want.length, drawn.chars.length));
    else from = at + want.length;
    if (at < 0) return [];
    const out: (string | undefined)[] = new Array(all.length).fill(undefined);
    shown.forEach((i, k) => (out[i] = drawn.fonts[at + k]));
    return out;
  });
}

/** The first place in the drawn glyphs from `start` (before `end`) where `want` is drawn, or -1. */
export function findFrom({ chars, folded }: Drawn, want: readonly string[], start: number, end: number): number {
  for (let q = start; q + want.length <= end; q++) {
    let k = 0;
    while (k < want.length && (chars[q + k] === want[k] || folded[q + k] === want[k])) k++;
    if (k === want.length) return q;
  }
  return -1;
}
