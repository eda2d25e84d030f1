import { type FormRows, formStarts, opensFormBelow } from '../../src/recognize/form-start.js';
import type { PageTable, PageTableCell } from './page-table.js';
import { continuesTable, repeatsFirstRow } from './table-join.js';

/**
 * Two forms printed one under the other with no paragraph between them (Word, WPS, LibreOffice
 * when two tables touch) share their rulings: the page shows one ruled grid. The grid is cut where
 * a second form begins, by the recognizer's rule (src/recognize/form-start.ts — the one Word's
 * joined tables are cut by), with what only the rulings know:
 *  - a cut falls only where the inner columns change (two copies of one template share their
 *    column rulings, so a title row is what cuts them there: it changes the inner columns);
 *  - where no inner column ruling runs on across the boundary, two grids meet: a header row naming
 *    again the columns the part above named (一级指标/二级指标 twice) begins a form;
 *  - at the top of a page, body rows above a title row continue a form whose header was printed on
 *    an earlier page.
 * One form whose column structure changes between its blocks (项目资金 → 年度总体目标 → 绩效指标)
 * names its title once, and never its columns twice.
 */

/** What the rulings say about each row boundary of one grid. */
export interface GridRulingFacts {
  /** Per row: the inner column boundaries ruled through it (a key comparable between rows). */
  innerColumns: string[];
  /** Per row boundary k (1..rows-1): an inner vertical ruling runs through it. */
  verticalContinues: (k: number) => boolean;
}

/** Row boundaries where a second form starts, ascending. */
export function stackedFormBreaks(cells: readonly PageTableCell[], rows: number, facts: GridRulingFacts): number[] {
  return formStarts(
    formRows(cells, rows),
    {
      sameGrid: (k) => facts.innerColumns[k - 1] === facts.innerColumns[k],
      gridsMeet: (k) => !facts.verticalContinues(k),
      continuesEarlier: (from, k) => from === 0 && holdsBodyRow(cells.filter((c) => c.r0 >= from && c.r1 <= k)),
    },
  );
}

/** Cells of a body row (an indicator or budget line) a form's continuation holds; bands above a form (its title, 单位：万元) hold fewer. */
const MIN_BODY_CELLS = 3;

/** Does some row of the cells hold a body row of a form rather than a band above one? */
function holdsBodyRow(cells: readonly PageTableCell[]): boolean {
  const perRow = new Map<number, number>();
  for (const c of cells) perRow.set(c.r0, (perRow.get(c.r0) ?? 0) + 1);
  return [...perRow.values()].some((n) => n >= MIN_BODY_CELLS);
}

/**
 * Does `next`, first on its page, open a form of its own rather than continue the table `first`
 * opened? Two forms touching with the second beginning at the top of a page: its title row there
 * (not the first table's title row repeated, a title row kept as a repeated header on every page),
 * or its head and budget block below the first form's indicators — the recognizer's rule at the
 * seam (form-start.ts opensFormBelow), as Word's split tables are read.
 */
export function opensAnotherForm(first: PageTable, next: PageTable): boolean {
  const rowsOf = (t: PageTable) => formRows(t.cells, t.ys.length - 1);
  return opensFormBelow(rowsOf(first), rowsOf(next)) && !repeatsFirstRow(first, next);
}

/** Rows of a grid's cells as form-start.ts reads them (the written cells of each, left to right). */
function formRows(cells: readonly PageTableCell[], rows: number): FormRows {
  const byRow: PageTableCell[][] = Array.from({ length: rows }, () => []);
  for (const c of cells) byRow[c.r0]?.push(c);
  for (const row of byRow) row.sort((a, b) => a.c0 - b.c0);
  return { rows, texts: (r) => byRow[r].map((c) => c.text), crossed: (k) => cells.some((c) => c.r0 < k && c.r1 > k) };
}

/** Cells renumbered over the column boundaries they use themselves (a part of the grid has its own columns). */
function ownColumns(cells: readonly PageTableCell[]): PageTableCell[] {
  const used = [...new Set(cells.flatMap((c) => [c.c0, c.c1]))].sort((a, b) => a - b);
  const column = new Map(used.map((c, j) => [c, j]));
  return cells.map((c) => ({ ...c, c0: column.get(c.c0)!, c1: column.get(c.c1)! }));
}

/** One page table cut at row boundaries into tables of their own, each with its own columns. */
export function splitTableAtRows(table: PageTable, breaks: readonly number[]): PageTable[] {
  if (!breaks.length) return [table];
  const bounds = [0, ...breaks, table.ys.length - 1];
  const parts: PageTable[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [r0, r1] = [bounds[i], bounds[i + 1]];
    const cells = table.cells.filter((c) => c.r0 >= r0 && c.r1 <= r1);
    const xs = [...new Set(cells.flatMap((c) => [c.c0, c.c1]))].sort((a, b) => a - b).map((c) => table.xs[c]);
    const ys = table.ys.slice(r0, r1 + 1);
    const own = ownColumns(cells).map((c) => ({ ...c, r0: c.r0 - r0, r1: c.r1 - r0 }));
    parts.push({ ...table, xs, ys, bbox: [xs[0], ys[0], xs[xs.length - 1], ys[ys.length - 1]], cells: own });
  }
  return parts;
}

/** The inner column boundaries of the cells covering row r (a key comparable between rows). */
function rowColumns(cells: readonly PageTableCell[], r: number): string {
  return [...new Set(cells.filter((c) => c.r0 <= r && r < c.r1 && c.c0 > 0).map((c) => c.c0))].sort((a, b) => a - b).join(',');
}

/**
 * Two tables of a web page set one right under the other at the top of a page (Chromium prints
 * them touching: one ruled grid, some column borders shared): the upper grid continues the table
 * of the page before, the lower has columns of its own (sx-lvliang-hugong-2021: the indicator rows
 * cut by the break over the 序号 | 学校性质 | 培训机构 … list). Where `next` as a whole does not
 * continue `prev`, it is cut at the lowest row boundary no cell crosses and where the columns
 * change, whose part above continues `prev`: [continuation, table of its own]; else null.
 */
export function continuationAbove(prev: PageTable, next: PageTable): [PageTable, PageTable] | null {
  if (next.source !== 'ruled' || next.page !== prev.page + 1 || continuesTable(prev, next)) return null;
  const rows = next.ys.length - 1;
  for (let k = rows - 1; k >= 1; k--) {
    if (next.cells.some((c) => c.r0 < k && c.r1 > k) || rowColumns(next.cells, k - 1) === rowColumns(next.cells, k)) continue;
    const [above, below] = splitTableAtRows(next, [k]);
    if (continuesTable(prev, above)) return [above, below];
  }
  return null;
}
