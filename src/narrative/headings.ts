import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import { nonSpaceLength } from '../text/spaces.js';

/**
 * Telling section headings the same way in every container (.docx, .doc, .pdf):
 *   1. a Word heading style ("Heading2", "标题 3") when the file has one;
 *   2. else a font size larger than the report's body text (PDF: LibreOffice, WPS and Word
 *      exports keep the typographic hierarchy, 小二/三号/四号 headings over 小四 body);
 *   3. else the text's shape (a short numbered line, see reports.ts).
 * Levels come from ranking the signals found inside one report: the largest heading size (or
 * the smallest heading-style number) is level 1, the next one level 2, and so on (capped at 2,
 * the deepest level the narrative schema distinguishes).
 */

export const HEADING_STYLE = /heading|标题|title/i;

/** A typographic signal: sortable so that the most prominent comes first. */
interface Signal {
  key: string;
  /** Lower = more prominent. */
  order: number;
}

export interface HeadingTypography {
  /** Typographic level (1 = main section) of a paragraph, or null when nothing marks it as a heading. */
  levelOf(p: ParagraphBlock): number | null;
  /** Whether any paragraph of the report is marked by style or size (else only text shape tells headings). */
  readonly marked: boolean;
}

/** Font sizes closer than this (points) are the same size: PDF sizes come from text matrices. */
const SIZE_TOLERANCE = 0.5;
/** Paragraphs long enough to be prose, whose size is the body size. */
const PROSE_MIN_CHARS = 40;
/** Longer lines are prose, whatever their style or size. */
export const MAX_HEADING_CHARS = 40;


export function isStyledHeading(p: ParagraphBlock): boolean {
  return p.style !== null && HEADING_STYLE.test(p.style);
}

/** Outline level written in a heading style name: Heading2 → 2, 标题 3 → 3, Title → 0. */
function styleLevel(style: string): number {
  const m = /(\d)/.exec(style);
  if (m) return Number(m[1]);
  return /title/i.test(style) ? 0 : 1;
}

/** The font size carrying most characters among the given paragraphs (the body size), or null. */
export function dominantSize(paragraphs: ParagraphBlock[], minChars = 0): number | null {
  const weight = new Map<number, number>();
  for (const p of paragraphs) {
    if (p.fontSize === undefined) continue;
    const n = nonSpaceLength(p.text);
    if (n < minChars) continue;
    const size = Math.round(p.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + n);
  }
  let best: number | null = null;
  for (const [size, w] of weight) if (best === null || w > weight.get(best)! || (w === weight.get(best)! && size < best)) best = size;
  return best;
}

/** Body font size of the whole document, the fallback for a report with too little prose. */
export function documentBodySize(doc: DocumentModel): number | null {
  const paragraphs = doc.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');
  return dominantSize(paragraphs, PROSE_MIN_CHARS) ?? dominantSize(paragraphs);
}

/**
 * A line set larger than the body that is still not a heading: a form field of a cover page
 * ("部门名称：…(盖章)") or a date line ("年 月 日").
 */
function coverLine(text: string): boolean {
  const t = text.replace(/[\s\u3000]+/g, '');
  if (/[：:].{2,}/.test(t.replace(/[：:]$/, ''))) return true;
  return t.replace(/[年月日\d]/g, '').length < 2;
}

/**
 * Typography of one report: `title` is its title paragraph, `paragraphs` the rest. A size counts
 * as a heading size when it is larger than the report's body size and smaller than its title.
 */
export function reportTypography(title: ParagraphBlock, paragraphs: ParagraphBlock[], fallbackBodySize: number | null): HeadingTypography {
  const bodySize = dominantSize(paragraphs, PROSE_MIN_CHARS) ?? fallbackBodySize;
  const typography = new Typography(bodySize, title.fontSize ?? null);
  const signals = new Map<string, number>();
  for (const p of paragraphs) {
    const s = typography.signalOf(p);
    if (s) signals.set(s.key, s.order);
  }
  typography.ranked = [...signals.entries()].sort((a, b) => a[1] - b[1]).map(([key]) => key);
  return typography;
}

/**
 * A report's heading typography. A class at module level, not closures per report: V8 holds a
 * closure's optimized code only weakly, so per-report closures were compiled again after every full GC.
 */
class Typography implements HeadingTypography {
  ranked: string[] = [];

  constructor(
    private readonly bodySize: number | null,
    private readonly titleSize: number | null,
  ) {}

  get marked(): boolean {
    return this.ranked.length > 0;
  }

  levelOf(p: ParagraphBlock): number | null {
    const s = this.signalOf(p);
    if (!s) return null;
    return Math.min(2, this.ranked.indexOf(s.key) + 1);
  }

  signalOf(p: ParagraphBlock): Signal | null {
    const { bodySize, titleSize } = this;
    if (nonSpaceLength(p.text) > MAX_HEADING_CHARS) return null;
    if (isStyledHeading(p)) {
      const level = styleLevel(p.style!);
      return { key: `style:${level}`, order: level };
    }
    if (p.fontSize === undefined || bodySize === null) return null;
    if (p.fontSize <= bodySize + SIZE_TOLERANCE) return null;
    if (titleSize !== null && p.fontSize >= titleSize - SIZE_TOLERANCE) return null;
    if (coverLine(p.text)) return null;
    const size = Math.round(p.fontSize * 2) / 2;
    // sizes sort after styles (a file has one or the other); larger sizes first
    return { key: `size:${size}`, order: 1000 - size };
  }
}
