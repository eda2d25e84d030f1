import type { Band } from './column-model.js';
import type { RowModel } from './row-model.js';

/**
 * How a table without rulings sets text in its cells, read from the cells themselves: centred
 * (the templates: 居中) or at the start (Word's default: top, left). Merged cells are recovered
 * from centring only in a table that centres; in one that does not, a label's text at the top of
 * its span says nothing of where the span ends.
 */
export interface CellAlignment {
  /** Text centred vertically in its rows. */
  middle: boolean;
  /** Text centred horizontally in its columns. */
  centre: boolean;
}

/** Votes: a cell shorter (narrower) than its row (column) by at least this many font sizes counts. */
const SLACK_EMS = 0.5;

export function cellAlignment(model: RowModel, bands: readonly Band[]): CellAlignment {
  let middle = 0;
  let top = 0;
  let centre = 0;
  let left = 0;
  for (const cell of model.cells) {
    const b = cell.block;
    if (cell.r1 - cell.r0 === 1) {
      const row = model.rows[cell.r0];
      const above = b.top - row.top;
      const below = row.bottom - b.bottom;
      if (above + below >= SLACK_EMS * b.size) {
        if (Math.abs(above - below) <= 0.25 * b.size) middle++;
        else if (above <= 0.25 * b.size) top++;
      }
    }
    if (b.c1 - b.c0 === 1) {
      const [x0, x1] = bands[b.c0];
      for (const p of b.pieces) {
        const before = p.x0 - x0;
        const after = x1 - p.x1;
        if (before + after < SLACK_EMS * p.size) continue;
        if (Math.abs(before - after) <= 0.25 * p.size) centre++;
        else if (before <= 0.25 * p.size) left++;
      }
    }
  }
  return { middle: middle >= top, centre: centre >= left };
}
