import type { Writable } from 'node:stream';
import type { Store } from '../store/index.js';
import { neutralizeFormula } from './sanitize.js';
import { ROW_MAKERS, SHEETS, type Cell, type SheetKey } from './rows.js';
import { exportReports, type ExportSelection } from './source.js';
import { formatTimeSeconds } from '../web/time.js';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function field(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'string' ? neutralizeFormula(cell) : 'date' in cell ? formatTimeSeconds(cell.date) : cell.number.toFixed(Math.min(cell.decimals, 20));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Write one sheet as CSV (UTF-8 with BOM so Excel reads the Chinese correctly, CRLF line ends).
 * Text cells are neutralized against formula injection, as in the workbook. Returns the data rows written.
 */
export async function writeCsv(store: Store, selection: ExportSelection, sheetKey: SheetKey, out: Writable): Promise<number> {
  const sheet = SHEETS[sheetKey];
  const write = (s: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(s)) resolve();
      else {
        out.once('drain', resolve);
        out.once('error', reject);
      }
    });
  await write('\uFEFF' + sheet.columns.map((c) => field(c.header)).join(',') + '\r\n');
  let n = 0;
  for await (const report of exportReports(store, selection)) {
    for (const row of ROW_MAKERS[sheetKey](report)) {
      await write(sheet.columns.map((c) => field(row[c.key] ?? null)).join(',') + '\r\n');
      n++;
    }
  }
  return n;
}
