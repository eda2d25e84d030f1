import { columnBoundaries, type Band } from './column-model.js';
import type { PageTable } from './page-table.js';

/**
 * A table without rulings continued on the next page (跨页续表). Its column borders are inferred
 * from the text of each page, so they do not land on the same x twice: parts are matched by their
 * columns' text extents instead (the same column's text overlaps on both pages, centred or not),
 * and then put on one set of columns.
 */

/**
 * Do two columns' text extents overlap by more than half the narrower one? (A merged cell's text
 * lying in one column can widen that column's extent a little into its neighbour's.)
 */
const same = (a: Band, b: Band) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]) > 0.5 * Math.min(a[1] - a[0], b[1] - b[0]);

/** How many of `bands` lie more than half within `band`. */
const covers = (band: Band, bands: readonly Band[]) => bands.filter((u) => Math.min(u[1], band[1]) - Math.max(u[0], band[0]) > 0.5 * (u[1] - u[0])).length;

/**
 * May `next` (first thing on its page) continue `prev` (last thing on the page before)? Most
 * columns of each match one column of the other, and no column matches two.
 */
export function continuesBorderless(prev: PageTable, next: PageTable): boolean {
  if (next.page !== prev.page + 1 || !prev.bands || !next.bands) return false;
  const a = prev.bands;
  const b = next.bands;
  let matched = 0;
  for (const band of b) {
    const hits = a.filter((x) => same(x, band)).length;
    // Text across several columns (rows merged across the form) covers them, it matches no one.
    if (hits > 1 && covers(band, a) < hits) return false;
    if (hits >= 1) matched++;
  }
  for (const band of a) if (b.filter((x) => same(x, band)).length > 1) return false;
  return matched >= Math.max(2, Math.ceil(0.6 * Math.min(a.length, b.length)));
}

/**
 * Put the parts of one borderless table on one set of columns: the first part's, each widened
 * by the matching column of the later parts, and a column only a later part has put in its place.
 * A later part's column whose text covers several columns of the table (a page of rows merged
 * across the form, 评价结论's text under the 绩效指标 rows) spans them: it is measured with the
 * columns of the page before, not on its own page. Cells are re-indexed, every part gets the same
 * borders.
 */
export function alignBorderlessParts(parts: PageTable[]): void {
  const union: Band[] = (parts[0].bands ?? []).map((b) => [b[0], b[1]]);
  const covered = (band: Band) => union.filter((u) => covers(band, [u]) > 0);
  for (const part of parts.slice(1)) {
    for (const band of part.bands ?? []) {
      if (covers(band, union) > 1) continue;
      const hit = union.find((u) => same(u, band));
      if (hit) {
        hit[0] = Math.min(hit[0], band[0]);
        hit[1] = Math.max(hit[1], band[1]);
      } else {
        union.push([band[0], band[1]]);
        union.sort((x, y) => x[0] + x[1] - (y[0] + y[1]));
      }
    }
  }
  // Each band's first and last column of the union.
  const spanOf = (band: Band): [number, number] => {
    const over = covered(band);
    if (over.length > 1) return [union.indexOf(over[0]), union.indexOf(over.at(-1)!)];
    const k = union.findIndex((u) => same(u, band));
    return [k, k];
  };
  const indexOf = parts.map((part) => (part.bands ?? []).map(spanOf));
  const xs = columnBoundaries(union, 1);
  parts.forEach((part, k) => {
    const index = indexOf[k];
    for (const cell of part.cells) {
      // A cell merged across the left of its row on a page where the table's first columns hold
      // no text reaches the table's left edge (总分 across the hierarchy columns).
      const c0 = cell.c0 === 0 && cell.c1 - cell.c0 > 1 ? 0 : index[cell.c0][0];
      const c1 = Math.max(c0, index[cell.c1 - 1][1]) + 1;
      cell.c0 = c0;
      cell.c1 = c1;
      cell.box = [xs[c0], cell.box[1], xs[c1], cell.box[3]];
    }
    part.xs = [...xs];
    part.bands = union.map((u) => [u[0], u[1]]);
    part.bbox = [xs[0], part.bbox[1], xs.at(-1)!, part.bbox[3]];
  });
}
