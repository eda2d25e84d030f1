import type { TextRun } from './types.js';

/**
 * Text without a Unicode mapping: glyphs a font has no ToUnicode entry for come out of pdf.js as
 * private-use code points, U+FFFD, control characters, or (from other tools) "(cid:123)".
 */
const UNMAPPED = /[\uE000-\uF8FF\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]|\(cid:\d+\)/gu;

export function countUnmapped(text: string): number {
  return text.match(UNMAPPED)?.length ?? 0;
}

export function countVisible(text: string): number {
  return text.replace(/\s+/gu, '').length;
}

export interface PageTextQuality {
  visible: number;
  unmapped: number;
  /** Runs that carry readable text (mostly-unmapped runs removed). */
  usable: TextRun[];
}

/** Split a page's runs into usable text and unmapped glyph noise. */
export function assessRuns(runs: readonly TextRun[]): PageTextQuality {
  let visible = 0;
  let unmapped = 0;
  const usable: TextRun[] = [];
  for (const run of runs) {
    const v = countVisible(run.str);
    const u = countUnmapped(run.str);
    visible += v;
    unmapped += u;
    if (u * 2 >= v) continue; // mostly noise: not content
    usable.push(u ? { ...run, str: run.str.replace(UNMAPPED, '') } : run);
  }
  return { visible, unmapped, usable };
}
