import type { TextLine } from './types.js';

/**
 * Page furniture (页眉、页脚、页码): text repeated in the top or bottom margin of pages is not
 * content. Two signals: the line looks like a page number ("- 2 -", "第 2 页", "2/32", "Page 2"),
 * or the same text (digits ignored) sits in the same margin band on many pages — unless it is set
 * clearly larger than the body text: then it is a title that starts many pages (every project's
 * "2023年度项目支出绩效自评表" at the top of its page, where a browser's small margins put it in the
 * band). Running headers (页眉) are set at or below body size.
 */

/** Share of the page height, from the top and from the bottom, treated as margin bands. */
const BAND = 0.1;
/**
 * A wider band for the page's outermost line only (nothing of the page further out): a page printed
 * shrunk to fit (缩放打印, × 0.9 and moved) carries its footer out of the narrow band.
 */
const WIDE_BAND = 0.2;
/** A line at least this much larger than the body text is a heading, never a running header. */
const HEADING_RATIO = 1.2;

const PAGE_NUMBER_PATTERNS = [
  /^[-—–－~·\s]*\d{1,4}[-—–－~·\s]*$/u, // 2, - 2 -, —2—
  /^第\s*\d{1,4}\s*页\s*([,，/]?\s*共\s*\d{1,4}\s*页)?$/u, // 第 2 页, 第2页 共32页
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/u,
  /^\d{1,4}\s*[/／]\s*\d{1,4}$/u, // 2 / 32
  /^page\s*\d{1,4}(\s*of\s*\d{1,4})?$/iu,
  /^[ivxlc]{1,6}$/iu, // roman numerals on front matter
];

export function looksLikePageNumber(text: string): boolean {
  const t = text.trim();
  return PAGE_NUMBER_PATTERNS.some((p) => p.test(t));
}

/**
 * A page number no text of a report is written as: dashes on both sides ("- 1 -", "—2—") or 第 N 页. A web
 * page prints the document's footer where its text ends, not in the margin (a report copied into a page
 * keeps its "- 1 -"); the page's last line so written is furniture wherever it stands.
 */
const DECORATED_PAGE_NUMBER = [/^[-—–－~]+\s*\d{1,4}\s*[-—–－~]+$/u, PAGE_NUMBER_PATTERNS[1], PAGE_NUMBER_PATTERNS[2]];

export interface PageLines {
  page: number;
  width?: number;
  height: number;
  lines: TextLine[];
  /** Characters of the page by font size, table text included. */
  textSizes: ReadonlyMap<number, number>;
  /** Vertical extent [top, bottom] of each of the page's ruled tables. */
  tables?: readonly (readonly [number, number])[];
}

type Band = 'top' | 'bottom';

/** Whether nothing of the page (no other line, no table) lies further out than `line` on its side. */
function outermost(line: TextLine, page: PageLines, side: Band): boolean {
  const tolerance = line.size * 0.3;
  // Loops that stop at the first line further out (no copy of the page's spans per line asked about).
  if (side === 'top') {
    const limit = line.bottom - tolerance;
    for (const l of page.lines) if (l !== line && l.top < limit) return false;
    for (const [top] of page.tables ?? []) if (top < limit) return false;
    return true;
  }
  const limit = line.top + tolerance;
  for (const l of page.lines) if (l !== line && l.bottom > limit) return false;
  for (const [, bottom] of page.tables ?? []) if (bottom > limit) return false;
  return true;
}

/**
 * The margin band a line sits in: the narrow band, or the wide one when it is the page's outermost
 * line. `outerOnly`: the narrow band too only for the outermost line (a two-page document, where a
 * line repeated on both pages is weaker evidence).
 */
function band(line: TextLine, page: PageLines, outerOnly = false): Band | null {
  const { height } = page;
  const side: Band | null = line.bottom <= height * WIDE_BAND ? 'top' : line.top >= height * (1 - WIDE_BAND) ? 'bottom' : null;
  if (!side) return null;
  const narrow = side === 'top' ? line.bottom <= height * BAND : line.top >= height * (1 - BAND);
  return (narrow && !outerOnly) || outermost(line, page, side) ? side : null;
}

/**
 * A page number set across the page at its left or right edge: a landscape page printed turned onto
 * portrait paper keeps the sheet's upright footer ("- 2 -"), which lies along the side of the page
 * once its text is turned upright (rotation.ts), halfway down.
 */
function sidePageNumber(line: TextLine, page: PageLines): boolean {
  if (!page.width || !line.runs.every((r) => r.crosswise) || !looksLikePageNumber(line.text)) return false;
  return line.x1 <= page.width * BAND || line.x0 >= page.width * (1 - BAND);
}

function signature(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

/** The body text's size: the size most characters of the document are set in (weighted median). */
function bodyTextSize(pages: readonly PageLines[]): number {
  const chars = new Map<number, number>();
  for (const p of pages) for (const [size, n] of p.textSizes) chars.set(size, (chars.get(size) ?? 0) + n);
  const sizes = [...chars].sort((a, b) => a[0] - b[0]);
  const total = sizes.reduce((s, [, n]) => s + n, 0);
  let seen = 0;
  for (const [size, n] of sizes) {
    seen += n;
    if (seen * 2 >= total) return size;
  }
  return 0;
}

/** A number alone, undecorated: a page number only where the page sequence says so (`bareNumberIsPageNumber`). */
const BARE_NUMBER = /^\d{1,4}$/u;

/**
 * A bare number in a margin band is a page number when it follows the page sequence (1 ≤ n ≤ its page's
 * position: numbering may start after a cover, never ahead of the page) or when another page carries a
 * page number in the same band (a document printed from a longer one, numbered from 23). A lone number on
 * one page, with no page number on any other, is text: the last value of a table or paragraph that a print
 * without footers set at the foot of its page (sc-anju-shipin-2021's "50").
 */
function bareNumberIsPageNumber(text: string, page: PageLines, side: Band, numbered: ReadonlyMap<Band, ReadonlySet<number>>): boolean {
  const n = Number(text.trim());
  if (n >= 1 && n <= page.page) return true;
  return [...(numbered.get(side) ?? [])].some((other) => other !== page.page);
}

/** Mark furniture lines; returns, per page, the set of line indices that are furniture. */
export function findFurniture(pages: readonly PageLines[]): Set<TextLine> {
  const furniture = new Set<TextLine>();
  const headingSize = HEADING_RATIO * bodyTextSize(pages);
  const seen = new Map<string, number>(); // band + signature → pages it appears on
  // Running headers/footers: same text in the same band on at least 3 pages and a third of them; in
  // a two-page document (a form continued once), on both pages as their outermost line.
  const twoPages = pages.length === 2;
  const minPages = twoPages ? 2 : Math.max(3, Math.ceil(pages.length / 3));
  for (const p of pages) {
    const onThisPage = new Set<string>();
    for (const line of p.lines) {
      const b = band(line, p, twoPages);
      if (!b) continue;
      onThisPage.add(`${b}|${signature(line.text)}`);
    }
    for (const key of onThisPage) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  // Pages with a page number in each band, for a bare number's siblings.
  const numbered = new Map<Band, Set<number>>([['top', new Set()], ['bottom', new Set()]]);
  for (const p of pages)
    for (const line of p.lines) {
      const b = looksLikePageNumber(line.text) ? band(line, p) : null;
      if (b) numbered.get(b)!.add(p.page);
    }
  for (const p of pages) {
    for (const line of p.lines) {
      if (sidePageNumber(line, p)) furniture.add(line);
      const b = band(line, p);
      if (!b) {
        if (DECORATED_PAGE_NUMBER.some((re) => re.test(line.text.trim())) && outermost(line, p, 'bottom')) furniture.add(line);
        continue;
      }
      if (looksLikePageNumber(line.text)) {
        if (!BARE_NUMBER.test(line.text.trim()) || bareNumberIsPageNumber(line.text, p, b, numbered)) furniture.add(line);
      }
      else if (band(line, p, twoPages) && (seen.get(`${b}|${signature(line.text)}`) ?? 0) >= minPages && !(headingSize > 0 && line.size >= headingSize)) furniture.add(line);
    }
  }
  return furniture;
}
