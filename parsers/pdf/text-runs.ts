import { repairPdfGlyphs } from '../../src/text/glyphs.js';
import { tidySpaces } from './cjk.js';
import type { TextRun } from './types.js';

/** The parts of a pdf.js text item we read (pdfjs-dist `TextItem`). */
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
}

/** Runs whose white space between Chinese characters toTextRuns took out: their item's text, and theirs as tidied. */
export type Untidy = Map<TextRun, { text: string; tidied: string }>;

/** The widest advance of one space glyph, in font sizes (a CJK font's half-width space is 0.5). */
export const SPACE_EMS = 0.6;

export type Matrix = [number, number, number, number, number, number];

export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * pdf.js text items → runs in display space. Whitespace-only items are dropped: they are the
 * gaps pdf.js or the producer put between pieces, and gaps are measured from geometry instead.
 * The white space between Chinese characters is taken out of an item's text (tidySpaces); `untidy`,
 * when given, gets each run that lost some with its text before, for the spaces the producer drew
 * to be put back once the page's operator list is read (glyph-spaces.ts).
 */
export function toTextRuns(items: readonly unknown[], viewport: Matrix, untidy?: Untidy): TextRun[] {
  const runs: TextRun[] = [];
  const push = (run: TextRun, text: string) => {
    runs.push(run);
    if (untidy && run.str !== text) untidy.set(run, { text, tidied: run.str });
  };
  // Sizes in display units like the positions: a page in /UserUnit 2 (the viewport scaled × 2) sets
  // 4.5-unit text that is 9 points on paper, and line and cell spacing are judged against the 9.
  const scale = Math.sqrt(Math.abs(viewport[0] * viewport[3] - viewport[1] * viewport[2])) || 1;
  // The whitespace item just before (its start and baseline), while no other item came between.
  let space: { x: number; y: number } | null = null;
  for (const raw of items) {
    const item = raw as Partial<PdfTextItem>;
    if (typeof item.str !== 'string' || !item.transform) continue;
    // Glyph repair before layout, so that header words and labels match (Skia's ⼯作 → 工作, 专戶 → 专户).
    const str = repairPdfGlyphs(item.str.trim());
    if (!str) {
      space = item.str.length > 0 && item.transform[1] === 0 && item.transform[2] === 0 ? { x: item.transform[4], y: item.transform[5] } : null;
      continue;
    }
    const after = space;
    space = null;
    const [a, b, c, d, e, f] = item.transform;
    // Math.sqrt, not Math.hypot: the same lengths here (no overflow), at a fraction of the cost per item.
    const along = Math.sqrt(a * a + b * b);
    const size = (Math.sqrt(c * c + d * d) || along || item.height || 1) * scale;
    const dirLen = along || 1;
    const width = item.width ?? 0;
    const [sx, sy] = applyMatrix(viewport, e, f);
    const [ex, ey] = applyMatrix(viewport, e + (width * a) / dirLen, f + (width * b) / dirLen);
    if (Math.abs(ey - sy) > Math.abs(ex - sx)) {
      // Vertical text (rotated 90°, e.g. a label set upright in a tall merged cell): the run
      // runs down or up the page; its box is one glyph wide around the writing line.
      push({ str: tidySpaces(str), x0: Math.min(sx, ex) - size / 2, x1: Math.max(sx, ex) + size / 2, top: Math.min(sy, ey), bottom: Math.max(sy, ey), baseline: Math.max(sy, ey), size, font: item.fontName, crosswise: true }, str);
      continue;
    }
    const baseline = (sy + ey) / 2;
    const x0 = Math.min(sx, ex);
    const x1 = Math.max(sx, ex, x0 + 0.01);
    // One space glyph (not a run of them) between the text before and this run, on the same baseline.
    const spaced = after !== null && b === 0 && c === 0 && after.y === f && e > after.x && e - after.x <= SPACE_EMS * along;
    push({ str: tidySpaces(str), x0, x1, top: baseline - size * 0.86, bottom: baseline + size * 0.14, baseline, size, font: item.fontName, ...(spaced ? { spaced: true as const } : {}) }, str);
  }
  return runs;
}
