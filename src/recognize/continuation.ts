import type { TableBlock, TableCell } from '../../schemas/document.js';
import { isGenericIndicatorHeader, isIndicatorHeader } from './header-map.js';
import { type FormRows, opensFormBelow } from './form-start.js';
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
const partsOf = new WeakMap<TableBlock, number[]>();

/** The tables (ordinals) a table was joined from: itself alone when it was not joined. */
export function tableParts(table: TableBlock): number[] {
  return partsOf.get(table) ?? [table.table];
}

/** Record where a cell moved into another table was written (a joined or a split-off part). */
export function recordOrigin(moved: TableCell, from: TableCell, table: TableBlock): void {
  origins.set(moved, origins.get(from) ?? { table: table.table, block: table.block, row: from.row, page: from.page ?? table.page });
}

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

function rowText(table: TableBlock, row: number): string {
  return ownCells(table, row)
    .map((c) => `${c.col}:${c.colSpan}:${key(c.text)}`)
    .join('|');
}

/** How many first rows of `next` repeat the first rows of `prev` word for word (a form's title row typed again on the second part). */
function repeatedTitleRows(prev: TableBlock, next: TableBlock): number {
  let n = 0;
  while (n < Math.min(3, prev.nRows, next.nRows - 1) && rowText(prev, n) === rowText(next, n)) n++;
  return n;
}

/** Rows `from`.. of a table as form-start.ts reads them (the written cells of each; a cell merged down across a boundary crosses it). */
export function formRows(table: TableBlock, from = 0): FormRows {
  // boundaries a merged cell spans, marked once (not a scan of every cell per boundary), and each
  // row's texts made once (formStarts reads a row as itself and as the row above the next)
  const crossed = new Uint8Array(table.nRows + 1);
  for (const c of table.cells) for (let k = c.row + 1, end = Math.min(c.row + c.rowSpan, table.nRows); k < end; k++) crossed[k] = 1;
  const texts: string[][] = [];
  return {
    rows: table.nRows - from,
    texts: (r) => (texts[r] ??= ownCells(table, from + r).map((c) => c.text)),
    crossed: (k) => crossed[from + k] === 1,
  };
}

function hasOwnHeader(table: TableBlock, from: number): boolean {
  for (let r = from; r < Math.min(from + 3, table.nRows); r++) {
    if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r)) return true;
    const filled = ownCells(table, r).filter((c) => c.text.trim());
    if (filled.length >= 3 && /^(序号|编号)$/.test(key(filled[0].text))) return true;
  }
  return false;
}

/**
 * Whether `next` continues `prev` as one table (see above): null when not, else how many of its
 * first rows repeat the first part's title rows (left out when joined).
 */
export function continuesTable(prev: TableBlock, next: TableBlock): number | null {
  if (prev.source !== 'markup' || next.source !== 'markup' || prev.workbook || next.workbook) return null;
  if (prev.nCols !== next.nCols || next.nRows === 0 || prev.nRows === 0) return null;
  const skip = repeatedTitleRows(prev, next);
  // a form of its own below (a title row of its own, or an untitled form's head and budget block
  // after the first part's indicators): where a form begins, as form-start.ts cuts one table
  if (opensFormBelow(formRows(prev), formRows(next, skip)) || hasOwnHeader(next, skip) || next.cells.some((c) => c.row < skip && c.row + c.rowSpan > skip)) return null;
  // the first rows of the second part go on with row kinds the first part already has (the other
  // may be the 合计 row or a note row closing the table)
  const kinds = new Set(Array.from({ length: prev.nRows }, (_, r) => layout(prev, r)));
  const first = Array.from({ length: Math.min(2, next.nRows - skip) }, (_, r) => layout(next, skip + r));
  // a part that opens with the 合计/总分 row closes the rows above it: no table starts with its total
  const opensWithTotal = /^(合计|总计|总分|得分合计|综合得分)/.test(key(ownCells(next, skip).find((c) => c.text.trim())?.text ?? ''));
  return opensWithTotal || first.some((l) => kinds.has(l)) ? skip : null;
}

/**
 * The two parts as one table, without the `skip` title rows the second repeats; cells of the
 * second keep their own table and row as origin. A cell merged down across `skip` is not expected.
 */
export function joinTables(prev: TableBlock, next: TableBlock, skip = 0): TableBlock {
  const offset = prev.cells.length;
  const kept = next.cells.filter((c) => c.row >= skip);
  const index = new Map(kept.map((c, i) => [c, offset + i]));
  const cells = [
    ...prev.cells,
    ...kept.map((c) => {
      const moved: TableCell = { ...c, row: c.row - skip + prev.nRows };
      recordOrigin(moved, c, next);
      return moved;
    }),
  ];
  const joined: TableBlock = {
    ...prev,
    nRows: prev.nRows + next.nRows - skip,
    cells,
    grid: [...prev.grid, ...next.grid.slice(skip).map((row) => row.map((i) => index.get(next.cells[i])!))],
    pageEnd: next.pageEnd ?? prev.pageEnd,
  };
  partsOf.set(joined, [...tableParts(prev), ...tableParts(next)]);
  return joined;
}
