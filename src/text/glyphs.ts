import { GLYPH_PAIRS } from './glyph-table.js';

/**
 * Glyph repair (字形修复; docs/seams.md §3, stage 1). Producers and extractors hand out radical and
 * compatibility code points for ordinary ideographs — Chromium/Skia PDFs with Noto CJK give
 * "⼯作经费", "项⽬⽀出", "⻔" — which look right but match nothing. Every code point that
 * stands for a unified ideograph (src/text/glyph-table.ts, generated from the Unicode data) is
 * replaced by it. The model's text changes: these code points are extraction artefacts.
 */

let table: Map<number, string> | null = null;

function glyphTable(): Map<number, string> {
  if (!table) {
    table = new Map();
    for (let i = 0; i < GLYPH_PAIRS.length; i += 2) table.set(GLYPH_PAIRS[i], String.fromCodePoint(GLYPH_PAIRS[i + 1]));
  }
  return table;
}

/** Any code point in the blocks the table covers (a quick test before the per-character walk). */
const CANDIDATE = /[\u2E80-\u2FDF\uF900-\uFAFF\u{2F800}-\u{2FA1F}]/u;

/** The unified ideograph a code point stands for, or undefined. */
export function ideographFor(codePoint: number): string | undefined {
  return glyphTable().get(codePoint);
}

export function repairGlyphs(text: string): string {
  if (!CANDIDATE.test(text)) return text;
  const map = glyphTable();
  let out = '';
  for (const ch of text) out += map.get(ch.codePointAt(0)!) ?? ch;
  return out;
}
