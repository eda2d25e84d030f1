import type { Block, DocumentModel, TableBlock, TableCell } from '../../schemas/document.js';
import { assembleGrid } from '../../parsers/table-grid.js';

/**
 * Build DocumentModel blocks for recognizer tests from a compact grid: each row is an array of
 * cell texts; "^" continues the cell above (vertical merge), "<" continues the cell to the left
 * (horizontal merge). Rows must have the same length.
 */
export function gridTable(rows: string[][], table = 0, block = 0): TableBlock {
  const nRows = rows.length;
  const nCols = Math.max(...rows.map((r) => r.length));
  const owner: (TableCell | null)[][] = rows.map(() => Array(nCols).fill(null));
  const origins: TableCell[] = [];
  rows.forEach((row, r) => {
    for (let c = 0; c < nCols; c++) {
      const text = row[c] ?? '';
      if (text === '^' && r > 0 && owner[r - 1][c]) {
        const cell = owner[r - 1][c]!;
        if (cell.col === c || owner[r][c - 1] === cell) {
          cell.rowSpan = Math.max(cell.rowSpan, r - cell.row + 1);
          owner[r][c] = cell;
          continue;
        }
      }
      if (text === '<' && c > 0 && owner[r][c - 1]) {
        const cell = owner[r][c - 1]!;
        if (cell.row === r) cell.colSpan = c - cell.col + 1;
        owner[r][c] = cell;
        continue;
      }
      const cell: TableCell = { row: r, col: c, rowSpan: 1, colSpan: 1, text, page: null, bbox: null };
      owner[r][c] = cell;
      origins.push(cell);
    }
  });
  const { cells, grid } = assembleGrid(origins, nRows, nCols);
  return { kind: 'table', block, table, nRows, nCols, cells, grid, page: null, pageEnd: null, source: 'markup', confidence: 1 };
}

/** A document from paragraphs (strings) and tables (string grids), numbering blocks in order. */
export function documentOf(parts: Array<string | string[][]>): DocumentModel {
  const blocks: Block[] = [];
  let paragraph = 0;
  let table = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      blocks.push({ kind: 'paragraph', block: blocks.length, paragraph: paragraph++, text: part, style: null, page: null, bbox: null });
    } else {
      blocks.push(gridTable(part, table++, blocks.length));
    }
  }
  return { format: 'docx', pages: null, blocks, issues: [] };
}
