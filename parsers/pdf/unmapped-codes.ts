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

/** Ideographs (一 to 龥). */
const IDEOGRAPH = /^[\u4E00-\u9FFF]$/u;

interface ShownGlyph {
  unicode?: unknown;
  originalCharCode?: unknown;
}

/** Per pdf.js font id: the characters only ever shown as their own code, in fonts numbered by glyph ids. */
export function unmappedCodeChars(fnArray: readonly number[], argsArray: readonly unknown[]): Map<string, Set<string>> {
  const OPS = pdfOps();
  const numbered = new Set<string>();
  const identity = new Map<string, Set<string>>();
  const mapped = new Map<string, Set<string>>();
  let font = '';
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.setFont) {
      font = String((argsArray[i] as unknown[])?.[0] ?? '');
      continue;
    }
    if (fn !== OPS.showText) continue;
    const glyphs = (argsArray[i] as unknown[])?.[0];
    if (!Array.isArray(glyphs)) continue;
    for (const g of glyphs as ShownGlyph[]) {
      if (!g || typeof g !== 'object' || typeof g.unicode !== 'string' || typeof g.originalCharCode !== 'number') continue;
      const code = g.originalCharCode;
      if (code >= 0x3000) continue;
      const ch = g.unicode;
      if (code >= 0x21 && ch === String.fromCharCode(code)) add(identity, font, ch);
      else {
        add(mapped, font, ch);
        if (IDEOGRAPH.test(ch)) numbered.add(font);
      }
    }
  }
  const out = new Map<string, Set<string>>();
  for (const f of numbered) {
    const lost = [...(identity.get(f) ?? [])].filter((ch) => !mapped.get(f)?.has(ch));
    if (lost.length) out.set(f, new Set(lost));
  }
  return out;
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** The runs with each character of `lost` in its font's runs replaced by U+FFFD (unmapped). */
export function markUnmappedCodes(runs: readonly TextRun[], lost: ReadonlyMap<string, ReadonlySet<string>>): TextRun[] {
  return runs.map((r) => {
    const chars = r.font ? lost.get(r.font) : undefined;
    if (!chars) return r;
    const str = [...r.str].map((ch) => (chars.has(ch) ? '\uFFFD' : ch)).join('');
    return str === r.str ? r : { ...r, str };
  });
}
