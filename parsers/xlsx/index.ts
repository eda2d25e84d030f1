import type { Block, DocumentModel } from '../../schemas/document.js';
import { InputError } from '../../src/errors.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../zip.js';
import { DEFAULT_XLSX_LIMITS, sheetTable, Workbook } from './workbook.js';

export { Workbook, DEFAULT_XLSX_LIMITS } from './workbook.js';
export { formatNumber, formatGeneral } from './number-format.js';

export interface XlsxOptions {
  zipLimits?: ZipLimits;
}

/**
 * A submitted workbook (.xlsx) that holds the report's forms (a department that filled 自评表 and
 * 基础数据表 in Excel and sent the workbook): each visible sheet that holds something is read as a
 * table, after a paragraph naming the sheet (its tab name, often the form's name). Hidden sheets
 * are left out, as a printout leaves them out.
 *
 * A workbook that is not a report is refused as before, saying why: one whose visible sheets are
 * all empty, or one where no sheet name or cell mentions 绩效 or 自评 (a budget ledger, a list of
 * names: not a self-evaluation form).
 */
export function parseXlsx(bytes: Uint8Array, options: XlsxOptions = {}): DocumentModel {
  const workbook = new Workbook(bytes, { ...DEFAULT_XLSX_LIMITS, zip: options.zipLimits ?? DEFAULT_ZIP_LIMITS });
  const blocks: Block[] = [];
  let tables = 0;
  workbook.sheets.forEach((sheet, i) => {
    if (sheet.state !== 'visible') return;
    const grid = workbook.readSheet(i);
    if (!grid) return;
    blocks.push({ kind: 'paragraph', block: blocks.length, paragraph: blocks.length - tables, text: sheet.name, style: 'Heading1', page: null, bbox: null });
    blocks.push(sheetTable(grid, blocks.length, tables++, null));
  });
  if (!tables) {
    throw new InputError('UNSUPPORTED_FORMAT', 'Excel 工作簿（.xlsx）中没有内容（可见的工作表都是空的），不是自评报告 / an empty Excel workbook, not a report');
  }
  const mentions = blocks.some((b) => (b.kind === 'paragraph' ? /绩效|自评/u.test(b.text) : b.cells.some((c) => /绩效|自评/u.test(c.text))));
  if (!mentions) {
    throw new InputError(
      'UNSUPPORTED_FORMAT',
      'Excel 工作簿（.xlsx）中没有绩效自评表（没有提到“绩效”或“自评”的工作表或单元格）：请提交自评报告 .docx、.doc 或 .pdf / an Excel workbook without a self-evaluation form',
    );
  }
  // "doc": the contract's formats are docx | doc | pdf (parseDocument adds the note naming the workbook).
  return { format: 'doc', pages: null, blocks, issues: [] };
}
