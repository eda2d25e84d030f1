import ExcelJS from 'exceljs';
import { Rational } from '../numbers/decimal.js';

/**
 * The bureau's reference table (参考台账) read from .xlsx or .csv, all or nothing: any malformed
 * cell rejects the whole file with a Chinese message naming its row and column.
 *
 * Layout (docs/reference-ledger.md): the first row holds the column names, one record per row.
 *   年度 | 部门名称 | 项目名称 (optional; blank = the department as a whole) | 年初预算数 |
 *   全年预算数 (or 调整后预算数) | 全年执行数 (or 预算执行数) | 部门编码, 项目编码 (optional)
 * Amounts in 万元 (a header written "…（元）" is read in 元 and converted exactly).
 */
export interface ReferenceRow {
  year: number;
  department: string;
  /** '' = the department as a whole. */
  project: string;
  /** Decimal strings in 万元; null where the cell is blank. */
  initialBudget: string | null;
  fullYearBudget: string | null;
  executed: string | null;
  departmentCode: string | null;
  projectCode: string | null;
  /** 1-based row in the file. */
  sourceRow: number;
}

export class ReferenceFormatError extends Error {
  constructor(
    message: string,
    readonly row: number | null,
    readonly column: string | null,
  ) {
    super(message);
  }
}

type Field = 'year' | 'department' | 'project' | 'initialBudget' | 'fullYearBudget' | 'executed' | 'departmentCode' | 'projectCode';

/** Column names accepted for each field (compared without spaces, brackets' unit notes and line breaks). */
export const REFERENCE_COLUMNS: Record<Field, { names: string[]; required: boolean; label: string }> = {
  year: { names: ['年度', '年份', '预算年度'], required: true, label: '年度' },
  department: { names: ['部门名称', '部门', '单位名称', '单位', '预算部门', '预算单位'], required: true, label: '部门名称' },
  project: { names: ['项目名称', '项目', '项目支出名称'], required: false, label: '项目名称' },
  initialBudget: { names: ['年初预算数', '年初预算'], required: true, label: '年初预算数' },
  fullYearBudget: { names: ['全年预算数', '调整后预算数', '全年预算', '调整后预算'], required: true, label: '全年预算数' },
  executed: { names: ['全年执行数', '预算执行数', '执行数', '决算数'], required: true, label: '全年执行数' },
  departmentCode: { names: ['部门编码', '单位编码', '部门代码', '单位代码'], required: false, label: '部门编码' },
  projectCode: { names: ['项目编码', '项目代码'], required: false, label: '项目编码' },
};

const AMOUNT_FIELDS = ['initialBudget', 'fullYearBudget', 'executed'] as const;

/** Spreadsheet column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function headerKey(text: string): { key: string; yuan: boolean } {
  const compact = text.replace(/\s+/g, '');
  const unit = /[（(]([^）)]*)[）)]/.exec(compact)?.[1] ?? '';
  return { key: compact.replace(/[（(][^）)]*[）)]/g, ''), yuan: unit === '元' };
}

/** A grid of cell texts from the file (rows × columns), before validation. */
export async function readGrid(bytes: Uint8Array, fileName: string): Promise<string[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return parseCsv(decodeText(bytes));
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  throw new ReferenceFormatError(`不支持的文件类型：${fileName}（请用 .xlsx 或 .csv）`, null, null);
}

/** UTF-8 (with or without BOM), else GB18030 as saved by Chinese Excel. */
function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new ReferenceFormatError(`第${rows.length + 1}行：引号没有闭合，文件不完整`, rows.length + 1, null);
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) return String((value as { error: unknown }).error);
  }
  return String(value);
}

/** A spreadsheet number as the decimal it was typed as (a double holds ≤ 15 significant digits). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = Number(n.toPrecision(15)).toString();
  if (!/e/i.test(s)) return s;
  return n.toFixed(10).replace(/\.?0+$/, '');
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ReferenceFormatError('无法读取这个 .xlsx 文件（文件损坏或不是 Excel 工作簿）', null, null);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new ReferenceFormatError('工作簿中没有工作表', null, null);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** "1,234.50" / "１２３.４" / "-0.5" → canonical decimal; null for blank; undefined when not an amount. */
function amount(text: string): string | null | undefined {
  const t = text
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．]/g, '.')
    .replace(/\s+/g, '');
  if (t === '' || t === '-' || t === '—') return null;
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return undefined;
  return t.replace(/,/g, '');
}

/** Parse and validate a whole grid; throws ReferenceFormatError on the first problem. */
export function rowsFromGrid(grid: string[][]): ReferenceRow[] {
  const headerIndex = grid.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new ReferenceFormatError('文件是空的：第一行应为列名（年度、部门名称、年初预算数、全年预算数、全年执行数）', 1, null);
  const header = grid[headerIndex];
  const columns = new Map<Field, { index: number; yuan: boolean }>();
  header.forEach((text, index) => {
    if (!text.trim()) return;
    const { key, yuan } = headerKey(text);
    const field = (Object.keys(REFERENCE_COLUMNS) as Field[]).find((f) => REFERENCE_COLUMNS[f].names.includes(key));
    if (!field) return;
    if (columns.has(field)) {
      throw new ReferenceFormatError(`第${headerIndex + 1}行 ${columnLetter(index)}列：“${text.trim()}”与 ${columnLetter(columns.get(field)!.index)}列重复（都是${REFERENCE_COLUMNS[field].label}）`, headerIndex + 1, columnLetter(index));
    }
    columns.set(field, { index, yuan });
  });
  for (const [field, spec] of Object.entries(REFERENCE_COLUMNS) as Array<[Field, (typeof REFERENCE_COLUMNS)[Field]]>) {
    if (spec.required && !columns.has(field)) {
      throw new ReferenceFormatError(`第${headerIndex + 1}行（列名行）：缺少“${spec.label}”列（可写作：${spec.names.join('、')}）`, headerIndex + 1, null);
    }
  }
  const out: ReferenceRow[] = [];
  const seen = new Map<string, number>();
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells = grid[r];
    if (!cells.some((c) => c.trim() !== '')) continue;
    const line = r + 1;
    const get = (f: Field) => {
      const c = columns.get(f);
      return c ? (cells[c.index] ?? '').trim() : '';
    };
    const where = (f: Field) => `第${line}行 ${columnLetter(columns.get(f)!.index)}列（${REFERENCE_COLUMNS[f].label}）`;
    const fail = (f: Field, what: string): never => {
      throw new ReferenceFormatError(`${where(f)}：${what}。文件未导入任何数据，请改正后重新导入`, line, columnLetter(columns.get(f)!.index));
    };
    const yearText = get('year').replace(/年度?$/, '');
    if (!/^\d{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100) fail('year', yearText ? `“${get('year')}”不是年度（应为四位年份，如 2023）` : '年度为空');
    const department = get('department');
    if (!department) fail('department', '部门名称为空');
    const record: ReferenceRow = {
      year: Number(yearText),
      department,
      project: get('project'),
      initialBudget: null,
      fullYearBudget: null,
      executed: null,
      departmentCode: get('departmentCode') || null,
      projectCode: get('projectCode') || null,
      sourceRow: line,
    };
    for (const f of AMOUNT_FIELDS) {
      const text = get(f);
      const value = amount(text);
      if (value === undefined) fail(f, `“${text}”不是金额（应为数字，如 951.90；单位万元）`);
      record[f] = value && columns.get(f)!.yuan ? Rational.parse(value).div(Rational.of(10_000)).toString(8) : (value ?? null);
    }
    if (AMOUNT_FIELDS.every((f) => record[f] === null)) fail('initialBudget', '年初预算数、全年预算数、全年执行数都为空');
    const key = `${record.year}|${department}|${record.project}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new ReferenceFormatError(`第${line}行：与第${earlier}行重复（${record.year}年 ${department}${record.project ? ` ${record.project}` : ' 部门整体'}）。文件未导入任何数据`, line, null);
    }
    seen.set(key, line);
    out.push(record);
  }
  if (!out.length) throw new ReferenceFormatError('文件只有列名行，没有数据行', headerIndex + 2, null);
  return out;
}

export async function readReferenceFile(bytes: Uint8Array, fileName: string): Promise<ReferenceRow[]> {
  return rowsFromGrid(await readGrid(bytes, fileName));
}
