import type { Block } from '../../schemas/document.js';
import type { PagePrimitives } from './primitives.js';
import type { Rulings, TextRun } from './types.js';

/**
 * Two pages printed on one sheet (“每张纸打印 2 页”, 2-up): a landscape sheet holding two portrait
 * pages side by side. Read as one page its lines run across both halves and its tables meet the
 * other page's text; read as two pages it is the report again. A landscape sheet is taken as 2-up
 * when nothing — no text, no ruling — crosses its middle, both halves hold text and a gutter (both
 * pages' margins) lies around the middle; a half of a few runs (the report's last page, a line or
 * two of it) only where its lines start at the other half's left margin. A landscape page of the
 * report itself has something across its middle: a centred title or page number, a table's
 * rulings, its lines of prose.
 */
const MIN_GUTTER_SHARE = 0.05;
const MIN_RUNS_PER_HALF = 5;

export function splitTwoUp(p: PagePrimitives): { part: PagePrimitives; dx: number }[] | null {
  if (p.rotation !== 0 || p.width < p.height * 1.2) return null;
  const mid = p.width / 2;
  const spans = [...p.runs.map((r) => [r.x0, r.x1]), ...p.rulings.horizontal.map((s) => [s.from, s.to]), ...p.rulings.vertical.map((s) => [s.pos, s.pos])];
  if (spans.some(([a, b]) => a < mid && b > mid)) return null;
  const left = spans.filter(([, b]) => b <= mid);
  const right = spans.filter(([a]) => a >= mid);
  const leftRuns = p.runs.filter((r) => r.x1 <= mid);
  const rightRuns = p.runs.filter((r) => r.x0 >= mid);
  if (!leftRuns.length || !rightRuns.length) return null;
  // A half of a few lines is a page of its own where they start at the other half's margin (one layout printed twice).
  if (Math.min(leftRuns.length, rightRuns.length) < MIN_RUNS_PER_HALF && !sameLeftMargin(leftRuns, rightRuns, mid)) return null;
  const leftMax = Math.max(...left.map(([, b]) => b));
  const rightMin = Math.min(...right.map(([a]) => a));
  if (rightMin - leftMax < MIN_GUTTER_SHARE * p.width) return null;
  return [
    { part: half(p, 0, mid), dx: 0 },
    { part: half(p, mid, mid), dx: mid },
  ];
}

/** How far apart two halves' left margins may be and still be the same page layout (points). */
const MARGIN_TOLERANCE = 1.5;

/** Do the lines of both halves start at the same distance from their half's left edge (one page layout printed twice)? */
function sameLeftMargin(left: readonly TextRun[], right: readonly TextRun[], mid: number): boolean {
  const leftEdge = Math.min(...left.map((r) => r.x0));
  const rightEdge = Math.min(...right.map((r) => r.x0)) - mid;
  return Math.abs(leftEdge - rightEdge) <= MARGIN_TOLERANCE;
}

/** The half of the sheet from x = `from`, `width` wide, moved to x = 0. */
function half(p: PagePrimitives, from: number, width: number): PagePrimitives {
  const inside = (a: number, b: number) => a >= from && b <= from + width;
  const runs: TextRun[] = p.runs.filter((r) => inside(r.x0, r.x1)).map((r) => ({ ...r, x0: r.x0 - from, x1: r.x1 - from }));
  const rulings: Rulings = {
    horizontal: p.rulings.horizontal.filter((s) => inside(s.from, s.to)).map((s) => ({ ...s, from: s.from - from, to: s.to - from })),
    vertical: p.rulings.vertical.filter((s) => inside(s.pos, s.pos)).map((s) => ({ ...s, pos: s.pos - from })),
  };
  return { ...p, width, runs, rulings };
}

/** Where a page laid out on its own lies: the sheet it was printed on and its offset across it. */
export interface SheetPlace {
  sheet: number;
  dx: number;
}

/** Blocks built over pages (halves of sheets among them) → the sheets' page numbers and coordinates. */
export function blocksOnSheets(blocks: Block[], places: ReadonlyMap<number, SheetPlace>): Block[] {
  // No 2-up sheet (every page is its own sheet, unshifted): the blocks are already on their sheets.
  if ([...places].every(([page, place]) => place.sheet === page && !place.dx)) return blocks;
  const sheet = (page: number | null) => (page === null ? null : (places.get(page)?.sheet ?? page));
  const box = <T extends [number, number, number, number] | null>(page: number | null, b: T): T => {
    const dx = page === null ? 0 : (places.get(page)?.dx ?? 0);
    return (b && dx ? [b[0] + dx, b[1], b[2] + dx, b[3]] : b) as T;
  };
  return blocks.map((b): Block => {
    if (b.kind === 'paragraph') {
      return {
        ...b,
        page: sheet(b.page),
        bbox: box(b.page, b.bbox),
        ...(b.pageBreaks ? { pageBreaks: b.pageBreaks.map((x) => ({ ...x, page: sheet(x.page)! })) } : {}),
      };
    }
    return { ...b, page: sheet(b.page), pageEnd: sheet(b.pageEnd), cells: b.cells.map((c) => ({ ...c, page: sheet(c.page), bbox: box(c.page, c.bbox) })) };
  });
}
