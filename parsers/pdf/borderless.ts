import { makeLine } from './lines.js';
import type { PageTable, PageTableCell } from './page-table.js';
import { lowestConfidence, type BBox, type TextLine, type TextRun } from './types.js';

/**
 * Fallback for tables drawn without rulings (无框线表格): consecutive lines that each break into
 * several pieces at wide gaps, with the pieces lining up in the same x bands, are read as table
 * rows; the bands are the columns. The grid is a guess, so it is marked `borderless` with a
 * confidence below 1.
 */

/** A gap this many font sizes wide separates two cells (justified text gaps are far narrower). */
const CELL_GAP_EMS = 1.5;
/** Fewer consecutive rows than this is not a table (a signature line, a date line). */
const MIN_ROWS = 3;
const MAX_COLUMNS = 15;
export const BORDERLESS_CONFIDENCE = 0.6;

interface Piece {
  runs: TextRun[];
  x0: number;
  x1: number;
}

/** Split a line at wide gaps. */
export function linePieces(line: TextLine): Piece[] {
  const pieces: Piece[] = [];
  for (const run of line.runs) {
    const last = pieces.at(-1);
    if (last && run.x0 - last.x1 < CELL_GAP_EMS * Math.min(run.size, line.size)) {
      last.runs.push(run);
      last.x1 = Math.max(last.x1, run.x1);
    } else {
      pieces.push({ runs: [run], x0: run.x0, x1: run.x1 });
    }
  }
  return pieces;
}

/** Column bands: overlapping x-ranges of the pieces of all rows, merged. */
function columnBands(rows: Piece[][]): Array<[number, number]> {
  const ranges = rows.flat().map((p) => [p.x0, p.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  const bands: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = bands.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else bands.push([r[0], r[1]]);
  }
  return bands;
}

function bandOf(bands: Array<[number, number]>, piece: Piece): number {
  const cx = (piece.x0 + piece.x1) / 2;
  for (let i = 0; i < bands.length; i++) if (cx >= bands[i][0] - 0.5 && cx <= bands[i][1] + 0.5) return i;
  return bands.length - 1;
}

/**
 * Find borderless tables among the body lines of one page (in top-to-bottom order).
 * Returns the tables and the lines they did not use.
 */
export function findBorderlessTables(lines: readonly TextLine[], page: number): { tables: PageTable[]; rest: TextLine[] } {
  const tables: PageTable[] = [];
  const rest: TextLine[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    const rows: Piece[][] = [];
    while (j < lines.length) {
      const pieces = linePieces(lines[j]);
      if (pieces.length < 2) break;
      if (rows.length && lines[j].top - lines[j - 1].bottom > 2.5 * lines[j].size) break;
      rows.push(pieces);
      j++;
    }
    const table = rows.length >= MIN_ROWS ? buildTable(lines.slice(i, j), rows, page) : null;
    if (table) {
      tables.push(table);
      i = j;
    } else {
      rest.push(lines[i]);
      i++;
    }
  }
  return { tables, rest };
}

function buildTable(lines: TextLine[], rows: Piece[][], page: number): PageTable | null {
  const bands = columnBands(rows);
  if (bands.length < 2 || bands.length > MAX_COLUMNS) return null;
  // Most rows must use at least two of the columns, or this is not a grid.
  const spread = rows.filter((r) => new Set(r.map((p) => bandOf(bands, p))).size >= 2).length;
  if (spread < rows.length * 0.6) return null;
  const xs = [bands[0][0], ...bands.slice(1).map((b, k) => (bands[k][1] + b[0]) / 2), bands.at(-1)![1]];
  const ys = [lines[0].top];
  for (let r = 1; r < lines.length; r++) ys.push((lines[r - 1].bottom + lines[r].top) / 2);
  ys.push(lines.at(-1)!.bottom);
  const cells: PageTableCell[] = [];
  rows.forEach((pieces, r) => {
    const byBand = new Map<number, TextRun[]>();
    for (const p of pieces) {
      const b = bandOf(bands, p);
      byBand.set(b, [...(byBand.get(b) ?? []), ...p.runs]);
    }
    for (let c = 0; c < bands.length; c++) {
      const runs = byBand.get(c);
      const box: BBox = [xs[c], ys[r], xs[c + 1], ys[r + 1]];
      const confidence = runs ? lowestConfidence(runs) : undefined;
      cells.push({ r0: r, r1: r + 1, c0: c, c1: c + 1, box, text: runs ? makeLine(runs).text : '', endsWrapped: false, ...(confidence !== undefined ? { confidence } : {}) });
    }
  });
  const bbox: BBox = [xs[0], ys[0], xs.at(-1)!, ys.at(-1)!];
  return { page, xs, ys, cells, bbox, source: 'borderless', confidence: BORDERLESS_CONFIDENCE };
}
