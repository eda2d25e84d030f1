import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { pdfOps } from './pdfjs.js';
import { shownGlyphs, type ShownGlyph } from './glyph-fonts.js';

/**
 * A lost glyph read back from its place in the font (字形顺序恢复). A subset whose codes are its
 * glyph ids — Chromium's Skia Type 3 fonts (/Differences /g11 /g12 …: code = glyph id − the font's
 * first), a CID font with /CIDToGIDMap /Identity cut from a whole font — keeps the font's glyph
 * order; a Latin font's glyph order is Unicode's over long runs (digits, letters, punctuation). When a
 * glyph the ToUnicode map left out (pdf.js reads it as its bare code: a control code, a letter,
 * a private-use character) stands between two mapped glyphs of the same font, at most GAP codes
 * away on each side, and both are the same distance from their characters (“2” at 0x13, “4” at
 * 0x15: 0x14 is “3”), the glyph is the character at that distance from its own code.
 *
 * Only in fonts whose mapped codes follow Unicode's order (ORDERED_SHARE of neighbouring pairs
 * rising): a subset numbered in order of use (Word's CID subsets) is not, and its neighbours say
 * nothing. A character the font already shows through another code is not its lost one. Judged per
 * font and code once per document, over every page's glyphs.
 */

/** Codes between a lost glyph and each mapped neighbour, at most. */
const GAP = 3;
/** Mapped glyphs a font needs before its order is trusted. */
const MIN_MAPPED = 4;
/** Share of neighbouring mapped codes (by code) whose characters rise with them: the font is in Unicode's order. */
const ORDERED_SHARE = 0.9;

/** A C0 or C1 control code other than tab, line feed and carriage return: never text. */
export const isControl = (u: number) => (u >= 0 && u < 0x20 && u !== 0x09 && u !== 0x0a && u !== 0x0d) || (u >= 0x7f && u <= 0x9f);

/** A character a map gives a glyph: one BMP code point, not a control code, not private-use, not U+FFFD. */
function mappedPoint(ch: unknown, code: number): number {
  if (typeof ch !== 'string' || ch.length !== 1) return -1;
  const u = ch.charCodeAt(0);
  if (u === code || u < 0x20 || isControl(u) || (u >= 0xe000 && u <= 0xf8ff) || u === 0xfffd || (u >= 0xd800 && u <= 0xdfff)) return -1;
  return u;
}

/** Per pdf.js font id (the document's), each code shown with the character its map gave it. */
export class GlyphOrder {
  private readonly fonts = new Map<string, Map<number, number>>();
  private readonly lowIdeograph = new Set<string>();
  private readonly ordered = new Map<string, boolean>();
  private readonly read_ = new Map<string, string | undefined>();

  /** Every page's glyphs (pdf.js keeps each page's operator list for its reading afterwards). */
  static async of(pdf: PDFDocumentProxy): Promise<GlyphOrder> {
    const order = new GlyphOrder();
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const ops = await (await pdf.getPage(n)).getOperatorList();
        order.add(ops.fnArray, ops.argsArray);
      } catch {
        // a page that cannot be read lends no glyphs; its reading says why
      }
    }
    return order;
  }

  add(fnArray: readonly number[], argsArray: readonly unknown[]): void {
    const OPS = pdfOps();
    let font = '';
    let codes: Map<number, number> | undefined;
    for (let i = 0; i < fnArray.length; i++) {
      const fn = fnArray[i];
      if (fn === OPS.setFont) {
        font = String((argsArray[i] as unknown[])?.[0] ?? '');
        codes = this.fonts.get(font);
        if (!codes) this.fonts.set(font, (codes = new Map()));
        continue;
      }
      if (fn !== OPS.showText || !codes) continue;
      const glyphs = (argsArray[i] as unknown[])?.[0];
      if (!Array.isArray(glyphs)) continue;
      for (const g of glyphs as (ShownGlyph | number | null)[]) {
        if (g === null || typeof g !== 'object' || typeof g.originalCharCode !== 'number') continue;
        const code = g.originalCharCode;
        const u = mappedPoint(g.unicode, code);
        if (u < 0) continue;
        codes.set(code, u);
        if (code < 0x3000 && u >= 0x4e00 && u <= 0x9fff) this.lowIdeograph.add(font);
      }
    }
  }

  /** The font's map sends some code below U+3000 to an ideograph: its codes are glyph ids (unmapped-codes.ts). */
  numbered(font: string): boolean {
    return this.lowIdeograph.has(font);
  }

  /** The character a lost glyph's place in its font gives, or undefined. */
  read(font: string, code: number): string | undefined {
    const key = `${font}\u0000${code}`;
    if (this.read_.has(key)) return this.read_.get(key);
    const ch = this.fromNeighbours(font, code);
    this.read_.set(key, ch);
    return ch;
  }

  private fromNeighbours(font: string, code: number): string | undefined {
    const codes = this.fonts.get(font);
    if (!codes || codes.size < MIN_MAPPED || codes.has(code) || !this.inOrder(font, codes)) return undefined;
    let below = -1;
    let above = -1;
    for (let d = 1; d <= GAP && (below < 0 || above < 0); d++) {
      if (below < 0 && codes.has(code - d)) below = code - d;
      if (above < 0 && codes.has(code + d)) above = code + d;
    }
    if (below < 0 || above < 0) return undefined;
    const offset = codes.get(below)! - below;
    if (codes.get(above)! - above !== offset) return undefined;
    const u = code + offset;
    if (u < 0x20 || u > 0xffff || mappedPoint(String.fromCharCode(u), -1) < 0) return undefined;
    for (const v of codes.values()) if (v === u) return undefined; // the font shows it elsewhere
    return String.fromCharCode(u);
  }

  private inOrder(font: string, codes: ReadonlyMap<number, number>): boolean {
    let ordered = this.ordered.get(font);
    if (ordered === undefined) {
      const sorted = [...codes].sort((a, b) => a[0] - b[0]);
      let rising = 0;
      for (let i = 1; i < sorted.length; i++) if (sorted[i][1] > sorted[i - 1][1]) rising++;
      ordered = rising >= ORDERED_SHARE * (sorted.length - 1);
      this.ordered.set(font, ordered);
    }
    return ordered;
  }
}

/**
 * The document's glyph order, made when a page first shows a glyph its map left out (a control code
 * or a private-use character, or a bare code in a font numbered by glyph ids): a document without
 * one never pays for it.
 */
export class LazyGlyphOrder {
  private order: Promise<GlyphOrder> | null = null;
  constructor(private readonly pdf: PDFDocumentProxy) {}

  async for(fnArray: readonly number[], argsArray: readonly unknown[], numbered: ReadonlySet<string>): Promise<GlyphOrder | undefined> {
    if (this.order) return this.order;
    if (!showsLostGlyph(fnArray, argsArray, numbered)) return undefined;
    return (this.order = GlyphOrder.of(this.pdf));
  }
}

/**
 * Some glyph on the page reads as a control code, or some font shows both a glyph read as a
 * private-use character or (its codes glyph ids) its own code and a glyph its map gave a character:
 * a partly mapped font. A symbol font whose bullets are all private-use is not one.
 */
function showsLostGlyph(fnArray: readonly number[], argsArray: readonly unknown[], numbered: ReadonlySet<string>): boolean {
  const lost = new Set<string>();
  const mapped = new Set<string>();
  for (const { font, glyph: g } of shownGlyphs(fnArray, argsArray)) {
    if (typeof g.unicode !== 'string' || g.unicode.length !== 1) continue;
    const u = g.unicode.charCodeAt(0);
    if (isControl(u)) return true; // a control code is never a symbol
    if ((u === g.originalCharCode && u >= 0x21 && numbered.has(font)) || (u >= 0xe000 && u <= 0xf8ff)) lost.add(font);
    else if (mappedPoint(g.unicode, typeof g.originalCharCode === 'number' ? g.originalCharCode : -1) >= 0) mapped.add(font);
  }
  for (const f of lost) if (mapped.has(f)) return true;
  return false;
}
