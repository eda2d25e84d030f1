import { pdfOps } from './pdfjs.js';
import type { TextRun } from './types.js';

/**
 * Glyphs a ToUnicode map leaves out (缺映射): a font subset whose glyphs are numbered in order of
 * use (Word's and WPS's CID TrueType subsets, Identity-H; Type 3 fonts) and whose ToUnicode map was
 * cut short. pdf.js then gives such a glyph its bare code as the character: glyph 101 reads "e",
 * glyph 50 reads "2" — printable letters and digits in the middle of Chinese words (“e训费”,
 * “政gh购”), not the private-use or control characters text-quality.ts counts as unmapped.
 *
 * A font numbered by glyph ids is one whose map sends codes below U+3000 to ideographs. In such a
 * font a glyph whose character is its own code is one the map did not cover (a coincidence is left
 * alone: a character also shown through a real mapping in that font is kept). Those characters,
 * per font, are marked as unmapped (U+FFFD) in the font's runs, so a page reads as partly broken,
 * with each lost character marked.
 */

/** Codes below this are a glyph-id subset's; Unicode's CJK blocks start here. */
const CJK_START = 0x3000;

interface ShownGlyph {
  unicode?: unknown;
  originalCharCode?: unknown;
}

/** One font's glyphs on a page: whether its map sends low codes to ideographs, which codes read as themselves. */
interface FontTally {
  numbered: boolean;
  /** Per code below CJK_START: 1 when a glyph of that code read as its own code. */
  identity: Uint8Array | null;
}

/**
 * Per pdf.js font id: the characters only ever shown as their own code, in fonts numbered by glyph
 * ids. `numbered`: the fonts found numbered on earlier pages (pdf.js's font ids are the document's),
 * added to: a Type 3 subset shows one or two glyphs on a page, maybe none of them mapped.
 */
export function unmappedCodeChars(fnArray: readonly number[], argsArray: readonly unknown[], numbered: Set<string> = new Set()): Map<string, Set<string>> {
  const OPS = pdfOps();
  const tallies = new Map<string, FontTally>();
  let font = '';
  let tally: FontTally | undefined;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.setFont) {
      font = String((argsArray[i] as unknown[])?.[0] ?? '');
      tally = tallies.get(font);
      if (!tally) tallies.set(font, (tally = { numbered: numbered.has(font), identity: null }));
      continue;
    }
    if (fn !== OPS.showText || !tally) continue;
    const glyphs = (argsArray[i] as unknown[])?.[0];
    if (!Array.isArray(glyphs)) continue;
    for (const g of glyphs as (ShownGlyph | number | null)[]) {
      if (g === null || typeof g !== 'object') continue; // a number is spacing
      const code = g.originalCharCode;
      const ch = g.unicode;
      if (typeof code !== 'number' || code >= CJK_START || typeof ch !== 'string') continue;
      const u = ch.length === 1 ? ch.charCodeAt(0) : -1;
      if (u === code) {
        if (code >= 0x21) (tally.identity ??= new Uint8Array(CJK_START))[code] = 1;
      } else if (!tally.numbered && u >= 0x4e00 && u <= 0x9fff) tally.numbered = true; // 一 to 龥
    }
  }
  const out = new Map<string, Set<string>>();
  for (const [id, t] of tallies) {
    if (t.numbered) numbered.add(id);
    if (!t.numbered || !t.identity) continue;
    const mapped = mappedChars(fnArray, argsArray, id);
    const lost = new Set<string>();
    t.identity.forEach((on, code) => {
      const ch = String.fromCharCode(code);
      if (on && !mapped.has(ch)) lost.add(ch);
    });
    if (lost.size) out.set(id, lost);
  }
  return out;
}

/** The characters a font's glyphs read as through its map (any code but their own). */
function mappedChars(fnArray: readonly number[], argsArray: readonly unknown[], id: string): Set<string> {
  const OPS = pdfOps();
  const out = new Set<string>();
  let font = '';
  for (let i = 0; i < fnArray.length; i++) {
    if (fnArray[i] === OPS.setFont) font = String((argsArray[i] as unknown[])?.[0] ?? '');
    else if (fnArray[i] === OPS.showText && font === id) {
      for (const g of ((argsArray[i] as unknown[])?.[0] ?? []) as (ShownGlyph | number | null)[]) {
        if (g === null || typeof g !== 'object' || typeof g.unicode !== 'string') continue;
        if (!(g.unicode.length === 1 && g.unicode.charCodeAt(0) === g.originalCharCode)) out.add(g.unicode);
      }
    }
  }
  return out;
}

/**
 * The runs with each character of `lost` in its font's runs replaced by U+FFFD (unmapped). A lost
 * character outside ASCII (Latin-1 letters, C1 controls: “三Ã”å费) is replaced in every run of the
 * page: a Type 3 subset (Chromium's Skia) holds a few glyphs a font, and pdf.js runs a line's
 * glyphs of many such fonts into one text item named after the first; no report writes “Ã” in a
 * Chinese word. ASCII (digits, “,”) only in its own font's runs.
 */
export function markUnmappedCodes(runs: readonly TextRun[], lost: ReadonlyMap<string, ReadonlySet<string>>): TextRun[] {
  const anywhere = new Set([...lost.values()].flatMap((chars) => [...chars].filter((ch) => ch.charCodeAt(0) > 0x7e)));
  return runs.map((r) => {
    const chars = r.font ? lost.get(r.font) : undefined;
    if (!chars && !anywhere.size) return r;
    const str = [...r.str].map((ch) => (chars?.has(ch) || anywhere.has(ch) ? '\uFFFD' : ch)).join('');
    return str === r.str ? r : { ...r, str };
  });
}
