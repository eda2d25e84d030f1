import type { TableBlock, TableCell } from '../../schemas/document.js';
import { isGenericIndicatorHeader, isIndicatorHeader } from './header-map.js';
import { key, ownCells } from './table-view.js';

/**
 * A table split in two by its author (an empty paragraph or a manual break typed into it): the
 * second part has the same column grid, no header or title of its own, and its first rows lay out
 * their cells as rows of the first part do (the same row kinds go on). Such a part is the same
 * table; joined, every reader of the form (budget block, 基础数据表 rows, signature, special funds)
 * reads it as the author meant. A part with its own header (指标 header, 序号 list header) is not joined.
 */

/** Where a joined cell came from: its own table and row, for provenance. */
export interface CellOrigin {
  table: number;
  block: number;
  row: number;
  page: number | null;
}

const origins = new WeakMap<TableCell, CellOrigin>();

/** The table and row a cell was written in, when it was joined onto an earlier part. */
export function cellOrigin(cell: TableCell): CellOrigin | undefined {
  return origins.get(cell);
}

/** Column layout of the cells that start in a row: where each starts and how wide it is. */
function layout(table: TableBlock, row: number): string {
  return ownCells(table, row)
    .map((c) => `${c.col}:${c.colSpan}`)
    .join(',');
}

function hasOwnHeader(table: TableBlock): boolean {
  for (let r = 0; r < Math.min(3, table.nRows); r++) {
    if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r)) return true;
    const filled = ownCells(table, r).filter((c) => c.text.trim());
    if (filled.length >= 3 && /^(序号|编号)$/.test(key(filled[0].text))) return true;
  }
  return false;
}

/** Whether `next` continues `prev` as one table (see above). */
export function continuesTable(prev: TableBlock, next: TableBlock): boolean {
  if (prev.source !== 'markup' || next.source !== 'markup' || prev.workbook || next.workbook) return false;
  if (prev.nCols !== next.nCols || next.nRows === 0 || prev.nRows === 0) return false;
  if (hasOwnHeader(next)) return false;
  // the first rows of the second part are row kinds the first part already has
  const kinds = new Set(Array.from({ length: prev.nRows }, (_, r) => layout(prev, r)));
  const first = Array.from({ length: Math.min(2, next.nRows) }, (_, r) => layout(next, r));
  return first.every((l) => kinds.has(l));
}

/** The two parts as one table; cells of the second keep their own table and row as origin. */
export function joinTables(prev: TableBlock, next: TableBlock): TableBlock {
  const offset = prev.cells.length;
  const cells = [
    ...prev.cells,
    ...next.cells.map((c) => {
      const moved: TableCell = { ...c, row: c.row + prev.nRows };
      origins.set(moved, origins.get(c) ?? { table: next.table, block: next.block, row: c.row, page: c.page ?? next.page });
      return moved;
    }),
  ];
  return {
    ...prev,
    nRows: prev.nRows + next.nRows,
    cells,
    grid: [...prev.grid, ...next.grid.map((row) => row.map((i) => i + offset))],
    pageEnd: next.pageEnd ?? prev.pageEnd,
  };
}
