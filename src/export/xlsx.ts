import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Store } from '../store/index.js';
import { neutralizeFormula } from './sanitize.js';
import { ROW_MAKERS, SHEETS, type Cell, type SheetKey } from './rows.js';
import { exportReports, type ExportSelection } from './source.js';
import { wallClock } from '../web/time.js';

/** Sheet order in the workbook. */
const WORKBOOK_SHEETS: SheetKey[] = ['findings', 'indicators', 'budget', 'reports', 'audit'];

function numberFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(Math.min(decimals, 10))}` : '0';
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/**
 * Write the review workbook (发现, 绩效指标, 预算执行, 报告, 审核记录) to a stream: header row frozen, filters on,
 * numbers as numbers with their written decimals, every text cell neutralized against formula
 * injection. Streams sheet by sheet (one pass over the store per sheet), so memory stays flat.
 * Returns the number of data rows per sheet.
 */
export async function writeXlsx(store: Store, selection: ExportSelection, out: Writable): Promise<Record<SheetKey, number>> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'selfeval';
  const counts = { findings: 0, indicators: 0, budget: 0, reports: 0 } as Record<SheetKey, number>;
  for (const key of WORKBOOK_SHEETS) {
    const sheet = SHEETS[key];
    const ws = workbook.addWorksheet(sheet.name, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
      autoFilter: `A1:${columnLetter(sheet.columns.length)}1`,
    } as Partial<ExcelJS.AddWorksheetOptions>);
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const report of exportReports(store, selection)) {
      for (const row of ROW_MAKERS[key](report)) {
        const values = sheet.columns.map((c) => toExcelValue(row[c.key] ?? null));
        const xrow = ws.addRow(values);
        sheet.columns.forEach((c, i) => {
          const cell = row[c.key];
          if (cell && typeof cell === 'object') xrow.getCell(i + 1).numFmt = 'date' in cell ? 'yyyy-mm-dd hh:mm:ss' : numberFormat(cell.decimals);
          else if (typeof cell === 'string' && cell.includes('\n')) xrow.getCell(i + 1).alignment = { wrapText: true, vertical: 'top' };
        });
        xrow.commit();
        counts[key]++;
      }
    }
    ws.commit();
  }
  await workbook.commit();
  return counts;
}

/** Dates are written as the bureau's wall-clock time (a spreadsheet date has no zone). */
function toExcelValue(cell: Cell): string | number | Date | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return neutralizeFormula(cell);
  if ('date' in cell) return wallClock(cell.date);
  return cell.number;
}
