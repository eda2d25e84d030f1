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
const SOUP = /(?![\u0100\u0101\u0112\u0113\u011A\u011B\u012A\u012B\u014C\u014D\u016A\u016B\u01CD-\u01DC])[\u00A1-\u00AF\u00B2-\u00B6\u00B8-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u03FF\u0400-\u04FF\u0590-\u06FF]/gu;

export function countUnmapped(text: string): number {
  return text.match(UNMAPPED)?.length ?? 0;
}

export function countVisible(text: string): number {
  return text.replace(/\s+/gu, '').length;
}

export interface PageTextQuality {
  visible: number;
  unmapped: number;
  /** Mapped to letters of another alphabet. */
  soup: number;
  /** Runs that carry readable text (mostly-unmapped runs removed). */
  usable: TextRun[];
}

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
      t.bad += countUnmapped(run.str) + (run.str.match(SOUP)?.length ?? 0);
      tally.set(run.font, t);
    }
  }
  return new Set([...tally].filter(([, t]) => t.bad >= UNUSABLE_MIN && t.bad >= UNUSABLE_SHARE * t.visible).map(([f]) => f));
}

/** Split a page's runs into usable text and unmapped glyph noise (all text of a broken font is noise). */
export function assessRuns(runs: readonly TextRun[], broken: ReadonlySet<string> = new Set()): PageTextQuality {
  let visible = 0;
  let unmapped = 0;
  let soup = 0;
  const usable: TextRun[] = [];
  for (const run of runs) {
    const v = countVisible(run.str);
    const u = run.font && broken.has(run.font) ? v : countUnmapped(run.str);
    visible += v;
    unmapped += u;
    soup += run.str.match(SOUP)?.length ?? 0;
    if (u * 2 >= v) continue; // mostly noise: not content
    usable.push(u ? { ...run, str: run.str.replace(UNMAPPED, '') } : run);
  }
  return { visible, unmapped, soup, usable };
}

/**
 * A page's text layer as a whole: `none` (nothing visible), `unusable` (so much of it is unmapped or
 * soup that what can be read — the digits of a font that kept its map, say — would be numbers
 * without their labels, i.e. false findings), or `usable` (perhaps with a few stray glyphs).
 */
export type LayerVerdict = { kind: 'none' } | { kind: 'unusable'; reason: 'unmapped' | 'soup'; count: number } | { kind: 'usable' };

export function judgeLayer(q: PageTextQuality): LayerVerdict {
  if (q.visible === 0) return { kind: 'none' };
  if (q.unmapped >= UNUSABLE_MIN && q.unmapped >= UNUSABLE_SHARE * q.visible) return { kind: 'unusable', reason: 'unmapped', count: q.unmapped };
  if (q.soup >= UNUSABLE_MIN && q.soup >= UNUSABLE_SHARE * q.visible) return { kind: 'unusable', reason: 'soup', count: q.soup };
  if (!q.usable.length) return { kind: 'unusable', reason: 'unmapped', count: q.unmapped };
  return { kind: 'usable' };
}
