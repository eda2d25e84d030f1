import { pdfOps } from './pdfjs.js';
import type { TextRun } from './types.js';
import { isControl, type GlyphOrder } from './glyph-order.js';
import { shownGlyphs, type GlyphFonts, type ShownGlyph } from './glyph-fonts.js';
import { repairPdfGlyphs } from '../../src/text/glyphs.js';

/**
 * Glyphs a ToUnicode map leaves out (缺映射): a font subset whose glyphs are numbered in order of
 * use (Word's and WPS's CID TrueType subsets, Identity-H; Type 3 fonts) and whose ToUnicode map was
 * cut short. pdf.js then gives such a glyph its bare code as the character: glyph 101 reads "e",
 * glyph 50 reads "2" — printable letters and digits in the middle of Chinese words (“e训费”,
 * “政gh购”), not the private-use or control characters text-quality.ts counts as unmapped.
 *
 * A font numbered by glyph ids is one whose map sends codes below U+3000 to ideographs. In such a
 * font a glyph whose character is its own code is one the map did not cover (a coincidence is left
 * alone: a character also shown through a real mapping in that font is kept) — at any code: a subset
 * that keeps the whole font's glyph ids (Chromium's and Word's CID TrueType subsets of a CJK font,
 * 20 000 glyphs and more) reads a lost glyph 0x43CA as the rare ideograph 䏊 (“䣊住宅” for 非住宅). Those characters,
 * per font, are marked as unmapped (U+FFFD) in the font's runs, so a page reads as partly broken,
 * with each lost character marked.
 */

/** Codes below this are a glyph-id subset's; Unicode's CJK blocks start here. */
const CJK_START = 0x3000;

/** One font's glyphs on a page: whether its map sends low codes to ideographs, which codes read as themselves. */
interface FontTally {
  numbered: boolean;
  /** Some glyph read as another character than its code, or through the font's map. */
  mapped?: boolean;
  /** Per code: 1 when a glyph of that code read as its own code. */
  identity: Uint8Array | null;
}

/**
 * Per pdf.js font id: what each lost character is to read as — U+FFFD (unmapped), or the character
 * its place in the font's glyph order gives (glyph-order.ts), when `order` knows the font. Lost: in
 * fonts numbered by glyph ids, characters only ever shown as their own code; in any font, with
 * `order`, a glyph read as its own control code or as a Private Use Area character.
 * `numbered`: the fonts found numbered on earlier pages (pdf.js's font ids are the document's),
 * added to: a Type 3 subset shows one or two glyphs on a page, maybe none of them mapped.
 */
export function unmappedCodeChars(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  numbered: Set<string> = new Set(),
  order?: GlyphOrder,
  /** With `order`: filled with font + character (`font\u0000ch`) where one font shows a character through two codes. */
  shared?: Set<string>,
  /** Whether the font's own ToUnicode map gives `code` (inToUnicode): a glyph it maps to its own code is no lost one. */
  inMap?: (font: string, code: number) => boolean,
  /** Whether a font is a Type 3 font (isType3Font): one whose every glyph reads as its own code, none mapped, is a bitmap font without names (below). */
  type3?: (font: string) => boolean,
): Map<string, Map<string, string>> {
  const OPS = pdfOps();
  const tallies = new Map<string, FontTally>();
  // Per font: glyphs read as a control code or a private-use character (their map had no word for them).
  const unread = new Map<string, Map<string, number>>();
  // With `order`, per font: the code each character was first shown through.
  const codeOf = order && shared ? new Map<string, Map<string, number>>() : null;
  let seen: Map<string, number> | undefined;
  let font = '';
  let tally: FontTally | undefined;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn === OPS.setFont) {
      font = String((argsArray[i] as unknown[])?.[0] ?? '');
      tally = tallies.get(font);
      if (!tally) tallies.set(font, (tally = { numbered: numbered.has(font) || (order?.numbered(font) ?? false), identity: null }));
      if (codeOf) {
        seen = codeOf.get(font);
        if (!seen) codeOf.set(font, (seen = new Map()));
      }
      continue;
    }
    if (fn !== OPS.showText || !tally) continue;
    const glyphs = (argsArray[i] as unknown[])?.[0];
    if (!Array.isArray(glyphs)) continue;
    for (const g of glyphs as (ShownGlyph | number | null)[]) {
      if (g === null || typeof g !== 'object') continue; // a number is spacing
      const code = g.originalCharCode;
      const ch = g.unicode;
      if (typeof code !== 'number' || typeof ch !== 'string') continue;
      const u = ch.length === 1 ? ch.charCodeAt(0) : -1;
      if (seen) {
        const first = seen.get(ch);
        if (first === undefined) seen.set(ch, code);
        else if (first !== code) shared!.add(`${font}\u0000${ch}`);
      }
      if (order && (isControl(u) || (u >= 0xe000 && u <= 0xf8ff))) {
        let m = unread.get(font);
        if (!m) unread.set(font, (m = new Map()));
        m.set(ch, code);
      }
      if (u === code && !inMap?.(font, code)) {
        if (code >= 0x21 && code <= 0xffff) (tally.identity ??= new Uint8Array(0x10000))[code] = 1;
      } else {
        tally.mapped = true;
        if (!tally.numbered && code < CJK_START && u >= 0x4e00 && u <= 0x9fff) tally.numbered = true; // 一 to 龥
      }
    }
  }
  const out = new Map<string, Map<string, string>>();
  const lostIn = (id: string) => {
    let m = out.get(id);
    if (!m) out.set(id, (m = new Map()));
    return m;
  };
  for (const [id, t] of tallies) {
    // A Type 3 font none of whose glyphs on the page has a Unicode of its own — each read as its bare code,
    // none through a map — is a driver's bitmap font (点阵字体, names /a33 … without meaning, no ToUnicode):
    // "!\"#$%" where the page says 绩效. Three codes at least: one or two could be a symbol font's marks.
    if (!t.numbered && !t.mapped && type3?.(id) && countOn(t.identity) >= 3) t.numbered = true;
    if (t.numbered) numbered.add(id);
    if (!t.numbered || !t.identity) continue;
    const mapped = mappedChars(fnArray, argsArray, id);
    t.identity.forEach((on, code) => {
      const ch = String.fromCharCode(code);
      if (!on || mapped.has(ch) || inMap?.(id, code)) return;
      const to = order?.read(id, code) ?? '\uFFFD';
      lostIn(id).set(ch, to);
      // A bare id that is a radical (⻔ U+2EE8, ⽞) reads, once repaired before layout (src/text/glyphs.ts), as an ideograph (门, 玄) the font did not write.
      const repaired = code >= 0x2e80 && code <= 0x2fdf ? repairPdfGlyphs(ch) : ch;
      if (repaired !== ch && !mapped.has(repaired)) lostIn(id).set(repaired, to);
    });
  }
  for (const [id, chars] of unread) for (const [ch, code] of chars) lostIn(id).set(ch, order?.read(id, code) ?? '\uFFFD');
  return out;
}

/**
 * Whether a font's ToUnicode map has an entry for a code. pdf.js reads a code its map lacks as the code
 * itself, so a glyph read as its own code is lost or a coincidence: in a subset numbered in order of use
 * (Word's, and macOS Quartz's, CID subsets) the 50th glyph may well be “2”, mapped to “2” (the MOF 2020
 * family's report printed quartz-like: every “2” of its body font at code 0x32, read as lost and marked
 * □, “2023年” a “□0□3年”). pdf.js's font data carries the map (getDocument's fontExtraProperties,
 * open.ts); an identity map (no entries of its own) says nothing.
 */
export function inToUnicode(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }): (font: string, code: number) => boolean {
  return (font, code) => {
    if (!page.commonObjs.has(font)) return false;
    const map = (page.commonObjs.get(font) as { toUnicode?: { _map?: unknown } } | null)?.toUnicode?._map;
    return !!map && typeof map === 'object' && typeof (map as Record<number, unknown>)[code] === 'string';
  };
}

const countOn = (identity: Uint8Array | null) => (identity ? identity.reduce((n, on) => n + on, 0) : 0);

/** Whether a font of the page is a Type 3 font (pdf.js's font data, fontExtraProperties: open.ts). */
export function type3Fonts(page: { commonObjs: { has(id: string): boolean; get(id: string): unknown } }): (font: string) => boolean {
  return (font) => page.commonObjs.has(font) && (page.commonObjs.get(font) as { isType3Font?: boolean } | null)?.isType3Font === true;
}

/** The characters a font's glyphs read as through its map (any code but their own). */
function mappedChars(fnArray: readonly number[], argsArray: readonly unknown[], id: string): Set<string> {
  const out = new Set<string>();
  for (const { font, glyph: g } of shownGlyphs(fnArray, argsArray)) {
    if (font !== id || typeof g.unicode !== 'string') continue;
    if (!(g.unicode.length === 1 && g.unicode.charCodeAt(0) === g.originalCharCode)) out.add(g.unicode);
  }
  return out;
}

/**
 * The runs with each character of `lost` in its font's runs replaced by what it reads as: U+FFFD
 * (unmapped) or the character its glyph order gave. A lost character outside printable ASCII
 * (Latin-1 letters, C0/C1 controls, private-use: “三Ã”å费”) is replaced in every run of the page: a
 * Type 3 subset (Chromium's Skia) holds a few glyphs a font, and pdf.js runs a line's glyphs of many
 * such fonts into one text item named after the first; no report writes “Ã” in a Chinese word. When
 * the page's fonts read such a character differently, it is U+FFFD everywhere. ASCII (digits, “,”)
 * and CJK (a bare code read as an ideograph) only in its own font's runs — in the font of its own
 * glyph where that is known (`drawn`, glyph-fonts.ts), else the run's.
 */
export function markUnmappedCodes(runs: readonly TextRun[], lost: ReadonlyMap<string, ReadonlyMap<string, string>>, drawn?: GlyphFonts): TextRun[] {
  const anywhere = new Map<string, string>();
  for (const chars of lost.values()) {
    for (const [ch, to] of chars) {
      const c = ch.charCodeAt(0);
      // ASCII and, from U+3000 on, CJK (a bare glyph id there reads as an ideograph another font may really write): only in their own font.
      if ((c >= 0x20 && c <= 0x7e) || (c >= CJK_START && !(c >= 0xe000 && c <= 0xf8ff))) continue;
      const seen = anywhere.get(ch);
      anywhere.set(ch, seen === undefined || seen === to ? to : '\uFFFD');
    }
  }
  return runs.map((r, k) => {
    const chars = r.font ? lost.get(r.font) : undefined;
    const fonts = drawn?.[k];
    if (!chars && !anywhere.size && !fonts?.length) return r;
    const str = [...r.str].map((ch, i) => (fonts?.[i] !== undefined ? lost.get(fonts[i]!)?.get(ch) : chars?.get(ch)) ?? anywhere.get(ch) ?? ch).join('');
    return str === r.str ? r : { ...r, str };
  });
}

/** Right-to-left letters (Hebrew to Arabic Extended-A, their presentation forms). */
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const RTL_AND_IDEOGRAPH = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF][^]*[\u4E00-\u9FFF]|[\u4E00-\u9FFF][^]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG = /[\p{L}\p{N}]/u;

/**
 * A text item's characters in the order they were drawn, where pdf.js put them in right-to-left
 * order: a lost glyph read as its bare glyph id can be a Hebrew, Syriac or Arabic letter (glyph
 * 0x0627 is “ا”), and an item holding one (“ا适用” for 不适用) is reordered as right-to-left text
 * (“适用ا”) — a cell that then reads as another indicator. Only items with both such a letter and
 * an ideograph (no report mixes them): the reordering undone — runs of left-to-right characters
 * (and the digits and signs between them) kept, the rest reversed.
 */
export function drawnOrder(item: { str: string; dir?: string }): string {
  const str = item.str;
  if (item.dir !== 'rtl' || !RTL_AND_IDEOGRAPH.test(str)) return str;
  const chars = [...str];
  const strong = chars.map((ch) => (RTL.test(ch) ? 1 : STRONG.test(ch) ? 2 : 0));
  // A sign takes the level of left-to-right characters on both sides, else the right-to-left one.
  const levels = strong.map((l, i) => {
    if (l) return l;
    let before = 0;
    for (let j = i - 1; j >= 0 && !before; j--) before = strong[j];
    let after = 0;
    for (let j = i + 1; j < chars.length && !after; j++) after = strong[j];
    return before === 2 && after === 2 ? 2 : 1;
  });
  // The reordering (reverse each left-to-right run, then the whole) is its own inverse.
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    let j = i;
    while (j < chars.length && (levels[j] === 2) === (levels[i] === 2)) j++;
    const piece = chars.slice(i, j);
    out.push(...(levels[i] === 2 ? piece.reverse() : piece));
    i = j;
  }
  return out.reverse().join('');
}

const MARK = /^\p{M}$/u;

interface PlacedItem {
  str: string;
  width: number;
  transform: number[];
  fontName?: string;
}

/**
 * Text items with a lost glyph read as a combining mark joined to the item after it: a bare glyph id
 * can be a combining mark (U+1BA3, U+089C); pdf.js gives it no width, so it is an item of its own and
 * the rest of its line starts where it does, one em too early (“提高人居” read “高人居…” + a mark
 * placed over 高). Joined: the mark first, the item an em wider. Only a lone mark of no width
 * followed (white space aside) by an item of the same font at the same place.
 */
export function withLostMarks<T>(items: readonly T[]): T[] {
  let out: T[] | null = null;
  for (let k = 0; k < items.length; k++) {
    const item = items[k] as Partial<PlacedItem>;
    // The item after it, past white space pdf.js put between (a space item from the line before).
    let j = k + 1;
    while (j < items.length && j <= k + 2 && /^\s*$/u.test((items[j] as Partial<PlacedItem>).str ?? '')) j++;
    const next = items[j] as Partial<PlacedItem> | undefined;
    if (item.width !== 0 || typeof item.str !== 'string' || !MARK.test(item.str) || !next?.transform || !item.transform || typeof next.str !== 'string' || !next.str) {
      out?.push(items[k]);
      continue;
    }
    const [a, b, , , e, f] = item.transform;
    if (next.fontName !== item.fontName || Math.abs(next.transform[4] - e) > 0.01 || Math.abs(next.transform[5] - f) > 0.01) {
      out?.push(items[k]);
      continue;
    }
    out ??= items.slice(0, k) as T[];
    out.push(...items.slice(k + 1, j), { ...next, str: item.str + next.str, width: (next.width ?? 0) + Math.sqrt(a * a + b * b) } as T);
    k = j;
  }
  return out ?? (items as T[]);
}
