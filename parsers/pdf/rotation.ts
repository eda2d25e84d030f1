import { multiply } from './rulings.js';
import { applyMatrix, type Matrix, type PdfTextItem } from './text-runs.js';

/**
 * Pages whose text is set at 90°, 180° or 270° without a /Rotate (a landscape form printed onto
 * portrait paper, a page fed in sideways by a virtual printer): the direction each text item runs
 * on the displayed page says how far the page must be turned for its text to be upright. The
 * turn is applied to runs and rulings alike before tables are built (docs/seams.md §2).
 */
export type Turn = 0 | 90 | 180 | 270;

/** This share of a page's characters running one way makes that the page's direction. */
const MAJORITY = 0.6;

/** Clockwise turn that makes a direction (dx, dy) in display space (y down) run to the right. */
function turnFor(dx: number, dy: number): Turn {
  if (Math.abs(dx) >= Math.abs(dy)) return dx >= 0 ? 0 : 180;
  return dy < 0 ? 90 : 270; // running up the page: turn clockwise by 90°; running down: by 270°
}

/** The clockwise turn that makes most of the page's text upright (0 when it already is, or when no direction has a majority). */
export function pageTurn(items: readonly unknown[], viewport: Matrix): Turn {
  const chars: Record<Turn, number> = { 0: 0, 90: 0, 180: 0, 270: 0 };
  let total = 0;
  for (const raw of items) {
    const item = raw as Partial<PdfTextItem>;
    if (typeof item.str !== 'string' || !item.transform) continue;
    const n = item.str.replace(/\s+/gu, '').length;
    if (!n) continue;
    const [a, b, , , e, f] = item.transform;
    const [sx, sy] = applyMatrix(viewport, e, f);
    const [ex, ey] = applyMatrix(viewport, e + a, f + b);
    chars[turnFor(ex - sx, ey - sy)] += n;
    total += n;
  }
  if (!total) return 0;
  const best = ([90, 180, 270] as const).reduce<Turn>((m, t) => (chars[t] > chars[m] ? t : m), 90);
  return chars[best] >= MAJORITY * total ? best : 0;
}

/** The display transform followed by the turn: display space of the upright page. */
export function turnedViewport(viewport: Matrix, turn: Turn, width: number, height: number): Matrix {
  switch (turn) {
    case 0:
      return viewport;
    case 90: // (x, y) → (H − y, x)
      return multiply(viewport, [0, 1, -1, 0, height, 0]);
    case 180: // (x, y) → (W − x, H − y)
      return multiply(viewport, [-1, 0, 0, -1, width, height]);
    case 270: // (x, y) → (y, W − x)
      return multiply(viewport, [0, -1, 1, 0, 0, width]);
  }
}

/** Page size after the turn. */
export function turnedSize(turn: Turn, width: number, height: number): { width: number; height: number } {
  return turn === 90 || turn === 270 ? { width: height, height: width } : { width, height };
}
