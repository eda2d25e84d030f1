import type { TableBlock, TableCell } from '../../schemas/document.js';
import { formRows, recordOrigin } from './continuation.js';
import { formStarts } from './form-start.js';

/**
 * Two forms written one right under the other with no paragraph between them: Word joins the
 * tables into one (deleting the paragraph between two tables merges them), so a
 * 部门整体支出绩效自评表 and the 项目支出绩效自评表 under it, two 项目支出绩效自评表, or a 基础数据表 and the
 * form under it arrive as one table. It is cut where a form begins (form-start.ts: the rule the PDF
 * reader's touching grids are cut by too). Cells of a later part are cited in the table and row they were written in.
 */

/** Row indexes where a second form begins, ascending. */
function formBreaks(table: TableBlock): number[] {
  return formStarts(formRows(table));
}

/** Rows r0..r1 of the table as a table of its own; cells past the first part keep their origin. */
function rowsOf(table: TableBlock, r0: number, r1: number): TableBlock {
  if (r0 === 0 && r1 === table.nRows) return table;
  const index = new Map<TableCell, number>();
  const cells = table.cells
    .filter((c) => c.row >= r0 && c.row < r1)
    .map((c, i) => {
      const moved: TableCell = { ...c, row: c.row - r0 };
      if (r0 > 0) recordOrigin(moved, c, table);
      index.set(c, i);
      return moved;
    });
  const grid = table.grid.slice(r0, r1).map((row) => row.map((i) => index.get(table.cells[i])!));
  return { ...table, nRows: r1 - r0, cells, grid };
}

/** The table cut into its forms (itself alone when it holds one). */
export function splitStackedForms(table: TableBlock): TableBlock[] {
  if (table.workbook) return [table]; // a worksheet's rows are cited by the sheet's own row numbers
  const bounds = [0, ...formBreaks(table), table.nRows];
  return bounds.slice(1).map((r1, i) => rowsOf(table, bounds[i], r1));
}
