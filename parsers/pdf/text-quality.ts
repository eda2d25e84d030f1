import { LOST_GLYPH_MARK } from '../../schemas/location-value.js';
import type { TextRun } from './types.js';

/**
 * Text without a Unicode mapping: glyphs a font has no ToUnicode entry for come out of pdf.js as
 * private-use code points, U+FFFD, control characters, or (from other tools) "(cid:123)".
 */
const UNMAPPED = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]|\(cid:\d+\)/gu;
/**
 * Glyph soup (乱码): a font's codes mapped to the wrong characters — Latin-1 signs and accented
 * letters, Greek, Cyrillic, Hebrew, Arabic in a Chinese report ("¸ñ¼Ó" for 工作, GBK bytes read as
 * Latin-1). Signs a Chinese text does use (× ÷ ° ± ·) do not count, nor the tone letters of pinyin
 * outside Latin-1 (ā ǎ ē ě ī ǐ ō ǒ ū ǔ ǖ ǘ ǚ ǜ: no misread code page produces them, and a report
 * that annotates 險(xiǎn) draws them from a fallback font of their own).
 */
const LATIN_SOUP = String.raw`\u00A1-\u00AF\u00B2-\u00B6\u00B8-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u06FF`;
/**
 * Glyph-id soup: a TrueType subset without a Unicode map whose glyph names are its glyph numbers
 * (a virtual printer's pdftops | ps2pdf of a Word-style CID TrueType font) reads as the code points
 * of those numbers — scripts no Chinese report is written in: IPA, South and South-East Asian,
 * Ethiopic, Canadian syllabics, Tagalog, Khmer, Mongolian, Vedic and phonetic extensions,
 * Glagolitic to Ethiopic extended, miscellaneous symbols and arrows, CJK Extension A (一 to 龥 are
 * U+4E00–U+9FA5; Extension A only writes rare names, a character here and there), Yi, Hangul
 * (“ᜃᜰ䋼䞆ᴏ᳙” for 年度部门整体).
 */
const GLYPH_ID_SOUP = String.raw`\u0250-\u02AF\u0700-\u1CFF\u1D00-\u1DBF\u2B00-\u2BFF\u2C00-\u2DFF\u3400-\u4DBF\uA000-\uABFF\uAC00-\uD7AF`;
const SOUP = new RegExp(String.raw`(?![\u0100\u0101\u0112\u0113\u011A\u011B\u012A\u012B\u014C\u014D\u016A\u016B\u01CD-\u01DC])[${LATIN_SOUP}${GLYPH_ID_SOUP}]`, 'gu');

/**
 * Text of printable ASCII, CJK punctuation, unified ideographs and full-width forms only — nearly
 * every run of a readable layer: it has nothing unmapped and no soup, and its only white space is
 * U+0020 and U+3000. One test instead of three regex scans per run (the PDF path's floor ratio).
 */
const PLAIN = /^[\x20-\x7E\u3000-\u303F\u4E00-\u9FFF\uFF00-\uFFEF]*$/;
const isPlain = (text: string) => PLAIN.test(text) && !text.includes('(cid:');

/** One character that stands for a glyph without a Unicode mapping (private-use, U+FFFD, a control code). */
const UNMAPPED_CHAR = /^[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]$/u;
export const isUnmappedChar = (ch: string) => UNMAPPED_CHAR.test(ch);

export function countUnmapped(text: string): number {
  return isPlain(text) ? 0 : (text.match(UNMAPPED)?.length ?? 0);
}

function countSoup(text: string): number {
  return isPlain(text) ? 0 : (text.match(SOUP)?.length ?? 0);
}

export function countVisible(text: string): number {
  if (!isPlain(text)) return text.replace(/\s+/gu, '').length;
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x3000) n--;
  }
  return n;
}

export interface PageTextQuality {
  visible: number;
  unmapped: number;
  /** Mapped to letters of another alphabet. */
  soup: number;
  /**
   * Unmapped glyphs inside runs that also carry readable characters of the same font: a font whose
   * Unicode map is wrong for some of its glyphs (a subset's ToUnicode pointing into the Private Use
   * Area), so words and numbers lose characters where they stand (“指标「用」” for 指标「费用」).
   * A symbol font's bullets are runs of their own and do not count.
   */
  inline: number;
  /** Lost characters marked LOST_MARK in `usable` (the page is partly broken where > 0). */
  marked: number;
  /** Runs that carry readable text (mostly-unmapped runs removed). */
  usable: TextRun[];
}

/** Readable characters a partly broken font still writes: ideographs, digits, letters. */
const READABLE = /[\u4E00-\u9FFF0-9A-Za-z]/u;
/** Unmapped glyphs inside words from this many on a page: the page is partly broken (PageTextQuality.inline). */
export const PARTIAL_MIN = 3;
/** What a lost character inside a word reads as on a partly broken page. */
export const LOST_MARK = LOST_GLYPH_MARK;

/** This share of a font's (or a page's) visible characters unreadable makes all of its text unusable. */
const UNUSABLE_SHARE = 0.25;
/** …and at least this many: a few symbol-font bullets on a short page are not a broken layer. */
const UNUSABLE_MIN = 10;

/**
 * Fonts whose text cannot be read anywhere in the document: a font without a Unicode map gives
 * control characters for its first glyph codes and printable nonsense for the later ones ("KLqr´*"
 * on page 11 of a Ghostscript re-distilled report), so a font is judged over every page it is used on.
 */
export function brokenFonts(pages: readonly (readonly TextRun[])[]): Set<string> {
  const tally = new Map<string, { visible: number; bad: number }>();
  for (const runs of pages) {
    for (const run of runs) {
      if (!run.font) continue;
      const t = tally.get(run.font) ?? { visible: 0, bad: 0 };
      t.visible += countVisible(run.str);
      t.bad += countUnmapped(run.str) + countSoup(run.str);
      tally.set(run.font, t);
    }
  }
  return new Set([...tally].filter(([, t]) => t.bad >= UNUSABLE_MIN && t.bad >= UNUSABLE_SHARE * t.visible).map(([f]) => f));
}

/**
 * Split a page's runs into usable text and unmapped glyph noise (all text of a broken font is noise).
 * `identified`: the page's unmapped characters inside words are glyphs its fonts' maps are known to
 * have left out (unmapped-codes.ts), not a symbol font's strays — each one is marked, however few.
 */
export function assessRuns(runs: readonly TextRun[], broken: ReadonlySet<string> = new Set(), identified = false): PageTextQuality {
  // Fonts partly broken on this page: some run of theirs has readable characters and lost ones.
  const partial = new Set<string | undefined>();
  for (const run of runs) if (!(run.font && broken.has(run.font)) && READABLE.test(run.str) && countUnmapped(run.str)) partial.add(run.font);
  let inline = 0;
  for (const run of runs) if (partial.has(run.font) && !(run.font && broken.has(run.font))) inline += countUnmapped(run.str);
  // A partly broken page keeps a mark where each lost character of those fonts stood: a cell of lost
  // glyphs is not an empty cell, and 1,□34.56 is no number, rather than 1,34.56 — one not on the page.
  const marked = (run: TextRun) => (inline >= PARTIAL_MIN || identified) && partial.has(run.font) && !(run.font && broken.has(run.font));
  let visible = 0;
  let unmapped = 0;
  let soup = 0;
  let marks = 0;
  const usable: TextRun[] = [];
  for (const run of runs) {
    const v = countVisible(run.str);
    const u = run.font && broken.has(run.font) ? v : countUnmapped(run.str);
    visible += v;
    unmapped += u;
    soup += countSoup(run.str);
    if (u && marked(run)) {
      marks += u;
      usable.push({ ...run, str: run.str.replace(UNMAPPED, LOST_MARK) });
      continue;
    }
    if (u * 2 >= v) continue; // mostly noise: not content
    usable.push(u ? { ...run, str: withoutStrayGlyphs(run.str) } : run);
  }
  return { visible, unmapped, soup, inline, marked: marks, usable };
}

/**
 * A few stray unmapped glyphs (fewer than PARTIAL_MIN on the page, not known to be lost glyphs of a
 * text font: a bullet or a spacing glyph of a symbol font) are dropped — except one touching a digit, which may have been a digit itself: 1□5.6 or
 * 15□个 keep the mark, so the cell reads as no number rather than as 15.6 or 15, numbers not on the page.
 */
function withoutStrayGlyphs(text: string): string {
  return text.replace(UNMAPPED, (glyph, at: number, whole: string) => {
    const before = whole[at - 1] ?? '';
    const after = whole[at + glyph.length] ?? '';
    return /[0-9０-９]/u.test(before) || /[0-9０-９]/u.test(after) ? LOST_MARK : '';
  });
}

/**
 * A page's text layer as a whole: `none` (nothing visible), `unusable` (so much of it is unmapped or
 * soup that what can be read — the digits of a font that kept its map, say — would be numbers
 * without their labels, i.e. false findings), or `usable` (perhaps with a few stray glyphs).
 */
export type LayerVerdict = { kind: 'none' } | { kind: 'unusable'; reason: 'unmapped' | 'soup'; count: number } | { kind: 'usable' };

/**
 * In a document whose text layer is broken on other pages (a virtual printer lost every font's
 * map), a short page — a heading and “无” — is judged by the share alone: its few glyphs are of the
 * same broken fonts, only too few to reach UNUSABLE_MIN (“lÈâ@ÀÀØ°*Ó!” for 七、其他需要说明的问题).
 */
const UNUSABLE_MIN_BROKEN_DOCUMENT = 3;

export function judgeLayer(q: PageTextQuality, context: { brokenElsewhere?: boolean } = {}): LayerVerdict {
  if (q.visible === 0) return { kind: 'none' };
  const min = context.brokenElsewhere ? UNUSABLE_MIN_BROKEN_DOCUMENT : UNUSABLE_MIN;
  if (q.unmapped >= min && q.unmapped >= UNUSABLE_SHARE * q.visible) return { kind: 'unusable', reason: 'unmapped', count: q.unmapped };
  if (q.soup >= min && q.soup >= UNUSABLE_SHARE * q.visible) return { kind: 'unusable', reason: 'soup', count: q.soup };
  if (!q.usable.length) return { kind: 'unusable', reason: 'unmapped', count: q.unmapped };
  return { kind: 'usable' };
}
