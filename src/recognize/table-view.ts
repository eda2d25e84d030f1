import type { TableBlock, TableCell } from '../../schemas/document.js';
import { compactKey } from '../text/normalize.js';

/** Read helpers over a DocumentModel table grid. */

export function cellAt(table: TableBlock, row: number, col: number): TableCell | null {
  if (row < 0 || row >= table.nRows || col < 0 || col >= table.nCols) return null;
  return table.cells[table.grid[row][col]];
}

/**
 * What recognition reads of a table row, made once per table: the header tests (budget block,
 * indicator table, goals, sub-header …) ask about the same rows many times over while a form is
 * read. A DocumentModel is not changed once parsed, so a table's rows can be remembered with it.
 */
interface RowView {
  /** The distinct cells that cover the row, left to right. */
  cells: readonly TableCell[];
  /** Their keys (key(cell.text)), in the same order. */
  keys: readonly string[];
  /** The cells that start in the row, when first asked for. */
  own?: readonly TableCell[];
}

const rowViews = new WeakMap<TableBlock, Array<RowView | undefined>>();

function rowView(table: TableBlock, row: number): RowView {
  let views = rowViews.get(table);
  if (!views) {
    views = [];
    rowViews.set(table, views);
  }
  let view = views[row];
  if (!view) {
    const cells: TableCell[] = [];
    let last = -1;
    for (const idx of table.grid[row]) {
      if (idx !== last) cells.push(table.cells[idx]);
      last = idx;
    }
    view = { cells, keys: cells.map((c) => key(c.text)) };
    views[row] = view;
  }
  return view;
}

/** The distinct cells that cover a row, left to right (a merged cell appears once). Shared: do not change it. */
export function rowCells(table: TableBlock, row: number): readonly TableCell[] {
  return rowView(table, row).cells;
}

/** Keys of a row's distinct cells, in rowCells order (shared: do not change it). */
export function rowKeys(table: TableBlock, row: number): readonly string[] {
  return rowView(table, row).keys;
}

/** Cells that start in this row (not the continuation of a cell merged from above). Shared: do not change it. */
export function ownCells(table: TableBlock, row: number): readonly TableCell[] {
  const view = rowView(table, row);
  return (view.own ??= view.cells.filter((c) => c.row === row));
}

/** Normalized label text for matching: no whitespace, full-width folded, traditional → simplified. */
export function key(text: string): string {
  return compactKey(text);
}

export function rowKey(table: TableBlock, row: number): string {
  return rowKeys(table, row).join('|');
}

/** The first cell to the right of `cell` in the same row that is not the cell itself. */
export function cellRightOf(table: TableBlock, row: number, cell: TableCell): TableCell | null {
  const next = cellAt(table, row, cell.col + cell.colSpan);
  return next && next !== cell ? next : null;
}
