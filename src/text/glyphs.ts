import { GLYPH_PAIRS, SHARED_GLYPH_PAIRS } from './glyph-table.js';

/**
 * Glyph repair (字形修复; docs/seams.md §3, stage 1). Producers and extractors hand out radical and
 * compatibility code points for ordinary ideographs — Chromium/Skia PDFs with Noto CJK give
 * "⼯作经费", "项⽬⽀出", "⻔" — which look right but match nothing. Every code point that
 * stands for a unified ideograph (src/text/glyph-table.ts, generated from the Unicode data) is
 * replaced by it. The model's text changes: these code points are extraction artefacts.
 */

let table: Map<number, string> | null = null;
let pdfTable: Map<number, string> | null = null;

function toMap(pairs: readonly number[], into = new Map<number, string>()): Map<number, string> {
  for (let i = 0; i < pairs.length; i += 2) into.set(pairs[i], String.fromCodePoint(pairs[i + 1]));
  return into;
}

function glyphTable(): Map<number, string> {
  table ??= toMap(GLYPH_PAIRS);
  return table;
}

/** For PDF text layers: also the z-variants a font draws with one glyph (戶/户), see the table. */
function pdfGlyphTable(): Map<number, string> {
  if (!pdfTable) {
    const shared = toMap(SHARED_GLYPH_PAIRS);
    // Composed: the Kangxi radical ⼾ stands for 戶, which an SC font draws as 户.
    pdfTable = new Map([...glyphTable()].map(([c, to]) => [c, shared.get(to.codePointAt(0)!) ?? to]));
    for (const [c, to] of shared) pdfTable.set(c, to);
    // The Chinese ellipsis (省略号 ……) of a Song font comes back through the Adobe-GB1 map as U+22EF
    // "⋯" (midline), where GB 2312 and the .docx it was printed from have U+2026 "…".
    pdfTable.set(0x22ef, '\u2026');
    // A font that draws the dash 破折号 "——" (two U+2014) as one glyph names it U+2E3A TWO-EM DASH
    // (Chromium with Noto CJK: a cell's "——" read "⸺"); the three-em dash likewise.
    pdfTable.set(0x2e3a, '\u2014\u2014');
    pdfTable.set(0x2e3b, '\u2014\u2014\u2014');
  }
  return pdfTable;
}

/** Any code point in the blocks the table covers (a quick test before the per-character walk). */
const CANDIDATE = /[\u2E80-\u2FDF\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/u;

/** The unified ideograph a code point stands for, or undefined. */
export function ideographFor(codePoint: number): string | undefined {
  return glyphTable().get(codePoint);
}

export function repairGlyphs(text: string): string {
  return CANDIDATE.test(text) ? fold(text, glyphTable()) : text;
}

/**
 * Text from a PDF's text layer: a glyph's code point comes from the font's reverse map, which names
 * one of the z-variants drawn with that glyph (Chromium/Skia with Noto CJK gives 专戶 for 专户);
 * the simplified one is taken, so a printed report reads like the document it was printed from.
 */
export function repairPdfGlyphs(text: string): string {
  return fold(text, pdfGlyphTable());
}

function fold(text: string, map: Map<number, string>): string {
  // Most text has nothing to fold: look first, build a new string only when something changes.
  if (!needsFold(text, map)) return text;
  let out = '';
  let changed = false;
  for (const ch of text) {
    const to = map.get(ch.codePointAt(0)!);
    if (to) changed = true;
    out += to ?? ch;
  }
  return changed ? out : text;
}

function needsFold(text: string, map: Map<number, string>): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (map.get(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}
