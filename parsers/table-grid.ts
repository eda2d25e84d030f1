import type { TableCell } from '../schemas/document.js';
import { InputError } from '../src/errors.js';

/** Word allows 63 columns, LibreOffice 1024; a wider grid is a damaged or crafted file. */
export const MAX_TABLE_COLUMNS = 1024;
/** Grid positions per table (rows × columns): bounds the memory a crafted table can take. */
const MAX_TABLE_POSITIONS = 4_000_000;

/** Refuse a table whose grid a real report never has (every markup reader checks before laying out). */
export function checkTableSize(nRows: number, nCols: number, tableIndex: number): void {
  if (nCols > MAX_TABLE_COLUMNS || nRows * nCols > MAX_TABLE_POSITIONS) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `第 ${tableIndex + 1} 个表格 ${nRows} 行 × ${nCols} 列，超过上限（${MAX_TABLE_COLUMNS} 列、${MAX_TABLE_POSITIONS} 格） / table too large`,
    );
  }
}

/**
 * Turn a list of origin cells (each with row/col/rowSpan/colSpan) into the rectangular grid of the
 * DocumentModel: positions no cell covers get an empty filler cell, overlapping claims keep the
 * first cell, and cells are returned in row-major order with grid[r][c] pointing into them.
 * Shared by every parser so that "rectangular, every position covered" holds for all formats.
 */
export function assembleGrid(origins: TableCell[], nRows: number, nCols: number): { cells: TableCell[]; grid: number[][] } {
  const claim: (TableCell | null)[][] = Array.from({ length: nRows }, () => Array<TableCell | null>(nCols).fill(null));
  const kept: TableCell[] = [];
  for (const cell of origins) {
    if (cell.row >= nRows || cell.col >= nCols) continue;
    if (claim[cell.row][cell.col]) continue;
    const rowSpan = Math.max(1, Math.min(cell.rowSpan, nRows - cell.row));
    let colSpan = Math.max(1, Math.min(cell.colSpan, nCols - cell.col));
    // Shrink the span rather than overlap a cell that already claimed a position.
    for (let c = cell.col; c < cell.col + colSpan; c++) {
      if (claim[cell.row][c]) {
        colSpan = c - cell.col;
        break;
      }
    }
    let rows = rowSpan;
    outer: for (let r = cell.row + 1; r < cell.row + rowSpan; r++) {
      for (let c = cell.col; c < cell.col + colSpan; c++) {
        if (claim[r][c]) {
          rows = r - cell.row;
          break outer;
        }
      }
    }
    // an origin that fits as given is kept as it is (origins are made by the caller for this grid)
    const fitted: TableCell = rows === cell.rowSpan && colSpan === cell.colSpan ? cell : { ...cell, rowSpan: rows, colSpan };
    for (let r = cell.row; r < cell.row + rows; r++) {
      for (let c = cell.col; c < cell.col + colSpan; c++) claim[r][c] = fitted;
    }
    kept.push(fitted);
  }
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (!claim[r][c]) {
        const filler: TableCell = { row: r, col: c, rowSpan: 1, colSpan: 1, text: '', page: null, bbox: null };
        claim[r][c] = filler;
        kept.push(filler);
      }
    }
  }
  kept.sort(byPosition);
  // every kept cell covers exactly the rectangle it claimed: write its index over that rectangle
  const grid: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols));
  for (let i = 0; i < kept.length; i++) {
    const cell = kept[i];
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      const gridRow = grid[r];
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) gridRow[c] = i;
    }
  }
  return { cells: kept, grid };
}

function byPosition(a: TableCell, b: TableCell): number {
  return a.row - b.row || a.col - b.col;
}
