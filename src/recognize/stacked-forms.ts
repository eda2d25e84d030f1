import type { TableBlock, TableCell } from '../../schemas/document.js';
import { FORM_NAME, recordOrigin } from './continuation.js';
import { isGenericIndicatorHeader, isIndicatorHeader } from './header-map.js';
import { key, ownCells } from './table-view.js';

/**
 * Two forms written one right under the other with no paragraph between them: Word joins the
 * tables into one (deleting the paragraph between two tables merges them), so a
 * 部门整体支出绩效自评表 and the 项目支出绩效自评表 under it, or two 项目支出绩效自评表, arrive as one
 * table. The table is cut where a form's title row (项目名称/项目支出名称/预算部门名称 | …) follows a
 * form of its own above — rows that hold an indicator header (一级指标/二级指标/三级指标 …) — and no
 * cell is merged across the cut. Cells of a later part are cited in the table and row they were written in.
 */

/** Does the row open a form: its first written cell is the label of a form's name (项目名称, 预算部门名称 …)? */
function opensForm(table: TableBlock, row: number): boolean {
  const first = ownCells(table, row).find((c) => c.text.trim());
  const label = first ? key(first.text).replace(/[:：]$/u, '') : '';
  return label.length > 0 && FORM_NAME.exec(label)?.[0] === label;
}

/** Row indexes where a second form begins, ascending. */
function formBreaks(table: TableBlock): number[] {
  const breaks: number[] = [];
  let headerAbove = false;
  for (let r = 0; r < table.nRows; r++) {
    const crossed = table.cells.some((c) => c.row < r && c.row + c.rowSpan > r);
    if (r > 0 && headerAbove && !crossed && opensForm(table, r)) {
      breaks.push(r);
      headerAbove = false;
    }
    if (isIndicatorHeader(table, r) || isGenericIndicatorHeader(table, r)) headerAbove = true;
  }
  return breaks;
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
