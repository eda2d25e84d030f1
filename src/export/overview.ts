import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { OverviewRow } from '../bureau/overview.js';
import { neutralizeFormula } from './sanitize.js';

/**
 * The overview as a sheet (`export --sheet overview`, /export/overview.xlsx|csv): the same rows and
 * figures as the overview page. Scores and rates are written as numbers with two decimals.
 */
type Value = string | number | null;
const COLUMNS: Array<{ header: string; width: number; decimals?: number; value: (r: OverviewRow) => Value }> = [
  { header: '部门', width: 28, value: (r) => r.department },
  { header: '年度', width: 8, value: (r) => r.year },
  { header: '文件', width: 30, value: (r) => r.fileName },
  { header: '处理状态', width: 10, value: (r) => (r.status === 'ok' ? '已处理' : '处理失败') },
  { header: '自评得分', width: 10, decimals: 2, value: (r) => r.selfScore },
  { header: '重算得分', width: 10, decimals: 2, value: (r) => r.recomputedScore },
  { header: '差值（自评−重算）', width: 12, decimals: 2, value: (r) => r.gap },
  { header: '重算项/计分项', width: 12, value: (r) => (r.scoredItems ? `${r.recomputedItems}/${r.scoredItems}` : null) },
  { header: '执行率(%)', width: 10, decimals: 2, value: (r) => r.executionRate },
  { header: '错误', width: 8, value: (r) => r.errors },
  { header: '警告', width: 8, value: (r) => r.warnings },
  { header: '提示', width: 8, value: (r) => r.infos },
  { header: '其中跨报告', width: 10, value: (r) => r.cross },
  { header: '已审核', width: 8, value: (r) => r.reviewed },
  { header: '本报告发现', width: 10, value: (r) => r.findings },
  { header: '报告SHA-256', width: 20, value: (r) => r.sha256 },
];

/** Decimal text ("95.50") as the number it names, for a numeric cell; the text is exact to 2 places. */
function cellValue(c: (typeof COLUMNS)[number], r: OverviewRow): Value {
  const v = c.value(r);
  if (c.decimals !== undefined && typeof v === 'string') return Number(v);
  return typeof v === 'string' ? neutralizeFormula(v) : v;
}

export const OVERVIEW_SHEET_NAME = '部门总览';

export async function writeOverviewXlsx(rows: OverviewRow[], out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'selfeval';
  const ws = workbook.addWorksheet(OVERVIEW_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] } as Partial<ExcelJS.AddWorksheetOptions>);
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for (const r of rows) {
    const row = ws.addRow(COLUMNS.map((c) => cellValue(c, r)));
    COLUMNS.forEach((c, i) => {
      if (c.decimals !== undefined) row.getCell(i + 1).numFmt = '0.00';
    });
    row.commit();
  }
  ws.commit();
  await workbook.commit();
  return rows.length;
}

function csvField(v: Value): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function overviewCsv(rows: OverviewRow[]): string {
  const lines = [COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => csvField(c.decimals !== undefined ? c.value(r) : cellValue(c, r))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
