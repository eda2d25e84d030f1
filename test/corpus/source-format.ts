import { GridBuilder, type CellRole, type LaidTable } from '../fixtures/generator/grid.js';
import type { LaidBlock } from '../fixtures/generator/document-layout.js';

/**
 * The corpus's source format: a published report as plain text, tables kept as tables.
 *
 *   = 标题                       a centred bold title paragraph (as the page shows it)
 *   any other line               one body paragraph, verbatim
 *   [table 8]                    a table of 8 grid columns, one row per line until [/table]
 *   a | b{c2} | c{r3} | d{r2c2}  cells left to right; {cN} spans N columns, {rN} N rows; positions a
 *                                vertical merge above covers are skipped, as in Word's grid
 *   \|                           a literal pipe inside a cell; \n a line break inside a cell
 *   % …                          a comment line (ignored)
 *
 * Blank lines are ignored. A row must fill the table's width exactly: a mistake in transcription is
 * an error naming the line, never a silently shifted column.
 */

export interface SourceTable {
  table: LaidTable;
  /** 1-based line of the [table] marker, for messages. */
  line: number;
}

const SPAN = /\{(?:r(\d+))?(?:c(\d+))?\}\s*$/;
const NUMERIC = /^[-+]?[\d,.]+%?$|^[≥≤<>=＝]/;

export function parseSource(text: string, name = 'source.txt'): LaidBlock[] {
  const blocks: LaidBlock[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.trimEnd();
    if (!line.trim() || line.startsWith('%')) continue;
    const open = /^\[table (\d+)\]$/.exec(line.trim());
    if (open) {
      const cols = Number(open[1]);
      const rows: Array<{ cells: string[]; line: number }> = [];
      let j = i + 1;
      for (; j < lines.length && lines[j].trim() !== '[/table]'; j++) {
        if (!lines[j].trim() || lines[j].startsWith('%')) continue;
        rows.push({ cells: splitCells(lines[j]), line: j + 1 });
      }
      if (j >= lines.length) throw new Error(`${name}:${i + 1}: [table] without [/table]`);
      blocks.push({ kind: 'table', part: '', table: buildTable(cols, rows, name) });
      i = j;
      first = false;
      continue;
    }
    if (line.startsWith('= ')) {
      blocks.push({ kind: 'paragraph', text: line.slice(2).trim(), style: 'body', center: true, size: 32, bold: true, pageBreakBefore: false });
    } else {
      blocks.push({ kind: 'paragraph', text: line.trim(), style: 'body' });
    }
    first = false;
  }
  void first;
  return blocks;
}

function splitCells(line: string): string[] {
  const cells: string[] = [];
  let cur = '';
  for (let k = 0; k < line.length; k++) {
    if (line[k] === '\\' && line[k + 1] === '|') {
      cur += '|';
      k++;
    } else if (line[k] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += line[k];
  }
  cells.push(cur.trim());
  return cells;
}

function buildTable(cols: number, rows: Array<{ cells: string[]; line: number }>, name: string): LaidTable {
  const parsed = rows.map((r) =>
    r.cells.map((c) => {
      const m = SPAN.exec(c);
      const text = (m ? c.slice(0, m.index).trim() : c).replace(/\\n/g, '\n');
      return { text, rowSpan: m?.[1] ? Number(m[1]) : 1, colSpan: m?.[2] ? Number(m[2]) : 1 };
    }),
  );
  // Column widths follow the longest single-span text of each column (tables print as the page does).
  const weight = Array<number>(cols).fill(2);
  const covered: boolean[][] = [];
  parsed.forEach((cells, r) => {
    let c = 0;
    covered[r] ??= Array(cols).fill(false);
    for (const cell of cells) {
      while (c < cols && covered[r][c]) c++;
      if (cell.colSpan === 1 && c < cols) weight[c] = Math.max(weight[c], Math.min(14, [...cell.text].length));
      for (let rr = r; rr < r + cell.rowSpan; rr++) {
        covered[rr] ??= Array(cols).fill(false);
        for (let cc = c; cc < c + cell.colSpan && cc < cols; cc++) covered[rr][cc] = true;
      }
      c += cell.colSpan;
    }
  });
  const total = 9412;
  const sum = weight.reduce((a, b) => a + b, 0);
  const widths = weight.map((w) => Math.max(420, Math.floor((total * w) / sum)));
  const g = new GridBuilder(widths, cols > 6 ? 18 : 21);
  parsed.forEach((cells, r) => {
    g.row();
    try {
      for (const cell of cells) g.cell(cell.text, { rowSpan: cell.rowSpan, colSpan: cell.colSpan, role: roleOf(cell.text) });
    } catch (e) {
      throw new Error(`${name}:${rows[r].line}: ${(e as Error).message}`);
    }
  });
  try {
    return g.build();
  } catch (e) {
    throw new Error(`${name}: table ending line ${rows.at(-1)?.line}: ${(e as Error).message}`);
  }
}

function roleOf(text: string): CellRole {
  return NUMERIC.test(text.trim()) ? 'value' : text.length > 30 ? 'text' : 'label';
}
