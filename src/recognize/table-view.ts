import type { TableBlock, TableCell } from '../../schemas/document.js';
import { compactKey } from '../text/normalize.js';

/** Read helpers over a DocumentModel table grid. */

export function cellAt(table: TableBlock, row: number, col: number): TableCell | null {
  if (row < 0 || row >= table.nRows || col < 0 || col >= table.nCols) return null;
  return table.cells[table.grid[row][col]];
}

/** The distinct cells that cover a row, left to right (a merged cell appears once). */
export function rowCells(table: TableBlock, row: number): TableCell[] {
  const out: TableCell[] = [];
  let last = -1;
  for (const idx of table.grid[row]) {
    if (idx !== last) out.push(table.cells[idx]);
    last = idx;
  }
  return out;
}

/** Cells that start in this row (not the continuation of a cell merged from above). */
export function ownCells(table: TableBlock, row: number): TableCell[] {
  return rowCells(table, row).filter((c) => c.row === row);
}

/** Normalized label text for matching: no whitespace, full-width folded, traditional → simplified. */
export function key(text: string): string {
  return compactKey(text);
}

export function rowKey(table: TableBlock, row: number): string {
  return rowCells(table, row).map((c) => key(c.text)).join('|');
}

/** The first cell to the right of `cell` in the same row that is not the cell itself. */
export function cellRightOf(table: TableBlock, row: number, cell: TableCell): TableCell | null {
  const next = cellAt(table, row, cell.col + cell.colSpan);
  return next && next !== cell ? next : null;
}
