import type { TableBlock, TableCell } from '../../schemas/document.js';
import { InputError } from '../../src/errors.js';
import { mainPartPath, parseRelationships, relationshipsPath } from '../opc.js';
import { assembleGrid } from '../table-grid.js';
import { scanPart, type XmlHandler } from '../xml-scan.js';
import { DEFAULT_ZIP_LIMITS, ZipPackage, type ZipLimits } from '../zip.js';
import { builtinFormat, formatGeneral, formatNumber } from './number-format.js';

/**
 * An Excel workbook (.xlsx, SpreadsheetML) read with our own zip and XML readers and their limits:
 * the sheets, shared strings (rich-text runs joined, phonetic guides dropped), inline strings, cell
 * types, merged cells (合并单元格) as row/col spans, hidden rows and columns left out, and every
 * number shown as its number format displays it (parsers/xlsx/number-format.ts). Formulas are
 * read by their cached value (<v>), as Excel saved it; nothing is recalculated.
 *
 * A sheet becomes the rectangle of its used range: the cells that hold something (the <dimension>
 * a file declares is not trusted: a crafted one says XFD1048576), plus the merges anchored on them.
 */

export interface XlsxLimits {
  zip: ZipLimits;
  /** Cells (<c> elements) per sheet. */
  maxCells: number;
  /** Columns of a used range, after hidden ones are left out (as a Word table: LibreOffice allows 1024). */
  maxColumns: number;
  /** Grid positions (rows × columns) of a used range. */
  maxPositions: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  zip: DEFAULT_ZIP_LIMITS,
  maxCells: 1_000_000,
  maxColumns: 1024,
  maxPositions: 4_000_000,
};

export interface SheetInfo {
  name: string;
  /** visible, hidden or veryHidden (隐藏的工作表). */
  state: string;
  /** Package path of the worksheet part, or null when the workbook names none. */
  path: string | null;
}

/** A sheet's used range as a grid: origin cells, the sheet's row numbers and column letters of each grid row/column. */
export interface SheetGrid {
  sheet: string;
  /** Used range as Excel writes it (A1:H20), hidden rows and columns included. */
  range: string;
  nRows: number;
  nCols: number;
  cells: TableCell[];
  grid: number[][];
  rows: number[];
  cols: string[];
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Cell reference → 1-based [row, col]; null when it is not one. */
export function parseRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/u.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROW || col > MAX_COL) return null;
  return [row, col];
}

export function columnLetters(col: number): string {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

const handler = (h: Partial<XmlHandler>): XmlHandler => ({ open: h.open ?? (() => {}), close: h.close ?? (() => {}), text: h.text ?? (() => {}) });

/** Relationship id → package path (targets relative to the part's folder), with the relationship type. */
export function readRelationships(zip: ZipPackage, part: string): Map<string, { target: string; type: string }> {
  const bytes = zip.read(relationshipsPath(part));
  return new Map(bytes ? parseRelationships(bytes, part).map((r) => [r.id, { target: r.target, type: r.type }]) : []);
}

/** An opened workbook: its sheets, shared strings and cell formats; sheets are read on demand. */
export class Workbook {
  readonly sheets: SheetInfo[] = [];
  /**
   * The range an embedded object shows of its active sheet (<oleSize ref="A1:H20"/> in
   * workbook.xml, written by Excel for a workbook embedded as an object), as [row1, col1, row2, col2].
   */
  oleSize: [number, number, number, number] | null = null;
  /** Index into `sheets` of the sheet the workbook opens on (activeTab): what an embedded object shows. */
  activeSheet = 0;
  private date1904 = false;
  private sharedStrings: string[] = [];
  /** cellXfs index → number format code. */
  private cellFormats: string[] = [];
  private readonly zip: ZipPackage;

  constructor(
    bytes: Uint8Array,
    private readonly limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
  ) {
    this.zip = new ZipPackage(bytes, limits.zip);
    // Every part a reader of a workbook opens is XML; their declared sizes are checked up front.
    this.zip.checkDeclaredSizes((name) => /\.(xml|rels)$/u.test(name));
    const workbookPath = this.findWorkbook();
    const bytesOfWorkbook = this.zip.read(workbookPath);
    if (!bytesOfWorkbook) throw new InputError('CORRUPT_FILE', `工作簿缺少 ${workbookPath} / the workbook part is missing`);
    const rels = readRelationships(this.zip, workbookPath);
    const declared: Array<{ name: string; state: string; rel: string | undefined }> = [];
    let activeTab = 0;
    scanPart(bytesOfWorkbook, workbookPath, (x) =>
      handler({
        open: (name) => {
          if (name === 'sheet' && x.parent() === 'sheets') declared.push({ name: x.attr('name') ?? '', state: x.attr('state') ?? 'visible', rel: x.attr('id') });
          else if (name === 'workbookView' && activeTab === 0) activeTab = Math.max(0, parseInt(x.attr('activeTab') ?? '0', 10) || 0);
          else if (name === 'workbookPr') this.date1904 = /^(1|true)$/u.test(x.attr('date1904') ?? '');
          else if (name === 'oleSize') {
            const [a, b] = (x.attr('ref') ?? '').split(':');
            const p = parseRef(a ?? '');
            const q = parseRef(b ?? a ?? '');
            if (p && q) this.oleSize = [Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])];
          }
        },
      }),
    );
    for (const s of declared) this.sheets.push({ name: s.name, state: s.state, path: (s.rel && rels.get(s.rel)?.target) || null });
    this.activeSheet = Math.min(activeTab, Math.max(0, this.sheets.length - 1));
    let stringsPath: string | undefined;
    let stylesPath: string | undefined;
    for (const r of rels.values()) {
      if (/\/sharedStrings$/u.test(r.type)) stringsPath = r.target;
      else if (/\/styles$/u.test(r.type)) stylesPath = r.target;
    }
    const strings = this.zip.read(stringsPath ?? 'xl/sharedStrings.xml');
    if (strings) this.sharedStrings = readSharedStrings(strings, stringsPath ?? 'xl/sharedStrings.xml');
    const styles = this.zip.read(stylesPath ?? 'xl/styles.xml');
    if (styles) this.cellFormats = readCellFormats(styles, stylesPath ?? 'xl/styles.xml');
  }

  private findWorkbook(): string {
    return mainPartPath(this.zip.read('_rels/.rels'), 'xl/workbook.xml');
  }


  /**
   * The used range of sheet `index` as a grid, hidden rows and columns left out; null when it holds
   * nothing. `clip` [row1, col1, row2, col2] keeps only that part of the sheet (an object's oleSize).
   */
  readSheet(index: number, clip: [number, number, number, number] | null = null): SheetGrid | null {
    const info = this.sheets[index];
    if (!info?.path) return null;
    const bytes = this.zip.read(info.path);
    if (!bytes) return null;
    const raw = readSheetCells(bytes, info.path, this.limits.maxCells, (c) => this.display(c));
    if (clip) {
      const [r1, c1, r2, c2] = clip;
      raw.cells = raw.cells.filter((c) => c.row >= r1 && c.row <= r2 && c.col >= c1 && c.col <= c2);
      raw.merges = raw.merges
        .filter(([a, b, c, d]) => a <= r2 && c >= r1 && b <= c2 && d >= c1)
        .map(([a, b, c, d]) => [Math.max(a, r1), Math.max(b, c1), Math.min(c, r2), Math.min(d, c2)]);
    }
    return buildSheetGrid(info.name, raw, this.limits);
  }

  /** The text a cell shows. */
  private display(c: RawCell): string {
    const v = c.value;
    switch (c.type) {
      case 's': {
        const i = parseInt(v, 10);
        return Number.isInteger(i) && i >= 0 && i < this.sharedStrings.length ? this.sharedStrings[i] : '';
      }
      case 'inlineStr':
      case 'str':
      case 'e':
        return v;
      case 'b':
        return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
      case 'd': {
        // An ISO 8601 date cell (rare; strict files): its date part, or as written.
        const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(v);
        return m ? `${Number(m[1])}/${Number(m[2])}/${Number(m[3])}` : v;
      }
      default: {
        if (v.trim() === '') return '';
        const x = Number(v);
        if (!Number.isFinite(x)) return v;
        const code = this.cellFormats[c.style] ?? 'General';
        if (code === '@') return formatGeneral(x);
        return formatNumber(x, code, this.date1904);
      }
    }
  }
}

/** sharedStrings.xml: one string per <si>, its <t> runs joined; phonetic runs (<rPh>, ruby) left out. */
function readSharedStrings(bytes: Uint8Array, part: string): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  scanPart(bytes, part, (x) =>
    handler({
      open(name) {
        if (name === 'si') cur = [];
        else if (name === 'rPh') phonetic++;
        else if (name === 't') inT = phonetic === 0 && cur !== null;
      },
      close(name) {
        if (name === 'si' && cur) {
          out.push(cur.join(''));
          cur = null;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inT = false;
      },
      text(start, end, cdata) {
        if (inT && cur) cur.push(x.text(start, end, cdata));
      },
    }),
  );
  return out;
}

/** styles.xml: the number format code of every cellXfs entry (custom <numFmt> or builtin id). */
function readCellFormats(bytes: Uint8Array, part: string): string[] {
  const custom = new Map<number, string>();
  const ids: number[] = [];
  scanPart(bytes, part, (x) =>
    handler({
      open(name) {
        if (name === 'numFmt') {
          const id = parseInt(x.attr('numFmtId') ?? '', 10);
          const code = x.attr('formatCode');
          if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
        } else if (name === 'xf' && x.parent() === 'cellXfs') {
          ids.push(parseInt(x.attr('numFmtId') ?? '0', 10) || 0);
        }
      },
    }),
  );
  return ids.map((id) => custom.get(id) ?? builtinFormat(id) ?? 'General');
}

interface RawCell {
  row: number;
  col: number;
  type: string;
  style: number;
  value: string;
}

interface RawSheet {
  /** Cells with their displayed text (empty ones dropped). */
  cells: Array<{ row: number; col: number; text: string }>;
  merges: Array<[r1: number, c1: number, r2: number, c2: number]>;
  hiddenRows: Set<number>;
  hiddenCols: Array<[min: number, max: number]>;
}

/** sheetN.xml → cells with their displayed text, merges, hidden rows and columns. */
function readSheetCells(bytes: Uint8Array, part: string, maxCells: number, display: (c: RawCell) => string): RawSheet {
  const sheet: RawSheet = { cells: [], merges: [], hiddenRows: new Set(), hiddenCols: [] };
  let row = 0;
  let col = 0;
  let count = 0;
  let cell: RawCell | null = null;
  let text: string[] | null = null;
  let inlineText = false;
  /** Inside the <v> or the <t> (of <is>) whose text is the cell's. */
  let inText = false;
  let phonetic = 0;
  const bad = (what: string) => new InputError('CORRUPT_FILE', `${part}：${what} / bad cell reference`);
  scanPart(bytes, part, (x) =>
    handler({
      open(name) {
        switch (name) {
          case 'row': {
            const r = parseInt(x.attr('r') ?? '', 10);
            row = Number.isInteger(r) ? r : row + 1;
            if (row < 1 || row > MAX_ROW) throw bad(`行号 ${row} 超出范围`);
            col = 0;
            if (/^(1|true)$/u.test(x.attr('hidden') ?? '')) sheet.hiddenRows.add(row);
            return;
          }
          case 'c': {
            if (++count > maxCells) throw new InputError('LIMIT_EXCEEDED', `${part} 的单元格超过 ${maxCells} 个 / too many cells`);
            const ref = x.attr('r');
            if (ref) {
              const p = parseRef(ref);
              if (!p) throw bad(`单元格引用 ${ref.slice(0, 20)} 无效`);
              [row, col] = p;
            } else col++;
            if (col > MAX_COL || row < 1) throw bad('单元格位置超出范围');
            cell = { row, col, type: x.attr('t') ?? 'n', style: parseInt(x.attr('s') ?? '0', 10) || 0, value: '' };
            return;
          }
          case 'v':
            if (cell) {
              text = [];
              inText = true;
            }
            return;
          case 't':
            inText = inlineText && phonetic === 0;
            return;
          case 'is':
            if (cell) {
              text = [];
              inlineText = true;
            }
            return;
          case 'rPh':
            phonetic++;
            return;
          case 'col': {
            if (x.parent() !== 'cols' || !/^(1|true)$/u.test(x.attr('hidden') ?? '')) return;
            const min = parseInt(x.attr('min') ?? '', 10);
            const max = parseInt(x.attr('max') ?? '', 10);
            if (Number.isInteger(min) && Number.isInteger(max)) sheet.hiddenCols.push([min, Math.min(max, MAX_COL)]);
            return;
          }
          case 'mergeCell': {
            const [a, b] = (x.attr('ref') ?? '').split(':');
            const p = parseRef(a ?? '');
            const q = parseRef(b ?? a ?? '');
            if (p && q) sheet.merges.push([Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1])]);
            return;
          }
          default:
            return;
        }
      },
      close(name) {
        if (name === 't' || name === 'v') inText = false;
        if (name === 'v' && cell && text && !inlineText) {
          cell.value = text.join('');
          text = null;
        } else if (name === 'is' && cell && text) {
          cell.value = text.join('');
          text = null;
          inlineText = false;
          cell.type = 'inlineStr';
        } else if (name === 'rPh') phonetic--;
        else if (name === 'c' && cell) {
          const shown = display(cell).trim();
          if (shown) sheet.cells.push({ row: cell.row, col: cell.col, text: shown });
          cell = null;
        }
      },
      text(start, end, cdata) {
        // <v> text, or the <t> runs of <is> (not a phonetic guide's).
        if (text && inText) text.push(x.text(start, end, cdata));
      },
    }),
  );
  return sheet;
}

/** Lay a sheet's cells on the grid of its used range, leaving out hidden rows and columns. */
function buildSheetGrid(name: string, raw: RawSheet, limits: XlsxLimits): SheetGrid | null {
  if (!raw.cells.length) return null;
  let r1 = Infinity;
  let c1 = Infinity;
  let r2 = 0;
  let c2 = 0;
  for (const c of raw.cells) {
    r1 = Math.min(r1, c.row);
    r2 = Math.max(r2, c.row);
    c1 = Math.min(c1, c.col);
    c2 = Math.max(c2, c.col);
  }
  // A merge anchored on a cell that shows something widens the range to its whole area.
  const anchored = new Set(raw.cells.map((c) => c.row * (MAX_COL + 1) + c.col));
  for (const [a, b, c, d] of raw.merges.filter(([a, b]) => anchored.has(a * (MAX_COL + 1) + b))) {
    r1 = Math.min(r1, a);
    c1 = Math.min(c1, b);
    r2 = Math.max(r2, c);
    c2 = Math.max(c2, d);
  }
  const hiddenCol = new Uint8Array(MAX_COL + 2);
  for (const [min, max] of raw.hiddenCols) hiddenCol.fill(1, Math.max(1, min), Math.min(MAX_COL, max) + 1);
  // Count before allocating: a crafted used range may be a million rows by sixteen thousand columns.
  let nCols = 0;
  for (let c = c1; c <= c2; c++) if (!hiddenCol[c]) nCols++;
  let nRows = r2 - r1 + 1;
  for (const r of raw.hiddenRows) if (r >= r1 && r <= r2) nRows--;
  if (!nRows || !nCols) return null;
  if (nCols > limits.maxColumns || nRows * nCols > limits.maxPositions) throw tooLarge(name, nRows, nCols, limits);
  const cols: number[] = [];
  for (let c = c1; c <= c2; c++) if (!hiddenCol[c]) cols.push(c);
  const rows: number[] = [];
  for (let r = r1; r <= r2; r++) if (!raw.hiddenRows.has(r)) rows.push(r);
  // Merges within the range (an empty merged cell is still one cell), clipped to it.
  const merges = raw.merges
    .filter(([a, b, c, d]) => a <= r2 && c >= r1 && b <= c2 && d >= c1)
    .map(([a, b, c, d]): [number, number, number, number] => [Math.max(a, r1), Math.max(b, c1), Math.min(c, r2), Math.min(d, c2)]);
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(cols.map((c, i) => [c, i]));
  const text = new Map(raw.cells.map((c) => [c.row * (MAX_COL + 1) + c.col, c.text]));
  // Positions a merge covers: only its anchor's text is shown (Excel keeps the others but hides them).
  const covered = new Set<number>();
  const origins: TableCell[] = [];
  let area = 0;
  for (const [a, b, c, d] of merges) {
    area += (c - a + 1) * (d - b + 1);
    if (area > limits.maxPositions) throw new InputError('LIMIT_EXCEEDED', `工作表“${name}”的合并单元格覆盖超过 ${limits.maxPositions} 格 / merged areas too large`);
    // Cost min(area, cells) per merge: bounded by the area limit above.
    if ((c - a + 1) * (d - b + 1) <= raw.cells.length) {
      for (let r = a; r <= c; r++) for (let k = b; k <= d; k++) if (text.has(r * (MAX_COL + 1) + k)) covered.add(r * (MAX_COL + 1) + k);
    } else {
      for (const cell of raw.cells) if (cell.row >= a && cell.row <= c && cell.col >= b && cell.col <= d) covered.add(cell.row * (MAX_COL + 1) + cell.col);
    }
    const vr = rows.filter((r) => r >= a && r <= c);
    const vc = cols.filter((k) => k >= b && k <= d);
    // The visible part of a merged area shows the anchor's text, even when the anchor's row or column is hidden.
    if (!vr.length || !vc.length) continue;
    origins.push({ row: rowIndex.get(vr[0])!, col: colIndex.get(vc[0])!, rowSpan: vr.length, colSpan: vc.length, text: text.get(a * (MAX_COL + 1) + b) ?? '', page: null, bbox: null });
    covered.add(a * (MAX_COL + 1) + b);
  }
  for (const c of raw.cells) {
    if (covered.has(c.row * (MAX_COL + 1) + c.col)) continue;
    const r = rowIndex.get(c.row);
    const k = colIndex.get(c.col);
    if (r === undefined || k === undefined) continue;
    origins.push({ row: r, col: k, rowSpan: 1, colSpan: 1, text: c.text, page: null, bbox: null });
  }
  if (!origins.some((o) => o.text)) return null;
  const { cells, grid } = assembleGrid(origins, rows.length, cols.length);
  return {
    sheet: name,
    range: `${columnLetters(c1)}${r1}:${columnLetters(c2)}${r2}`,
    nRows: rows.length,
    nCols: cols.length,
    cells,
    grid,
    rows,
    cols: cols.map(columnLetters),
  };
}

function tooLarge(sheet: string, rows: number, cols: number, limits: XlsxLimits): InputError {
  return new InputError(
    'LIMIT_EXCEEDED',
    `工作表“${sheet}”的已用区域 ${rows} 行 × ${cols} 列，超过上限（${limits.maxColumns} 列、${limits.maxPositions} 格） / worksheet too large`,
  );
}

/** A sheet grid as a DocumentModel table, with its workbook provenance. */
export function sheetTable(grid: SheetGrid, block: number, table: number, part: string | null): TableBlock {
  return {
    kind: 'table',
    block,
    table,
    nRows: grid.nRows,
    nCols: grid.nCols,
    cells: grid.cells,
    grid: grid.grid,
    page: null,
    pageEnd: null,
    source: 'markup',
    confidence: 1,
    workbook: { part, sheet: grid.sheet, range: grid.range, rows: grid.rows, cols: grid.cols },
  };
}
