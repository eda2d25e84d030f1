import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Block, DocumentModel, ParagraphBlock, TableBlock, TableCell } from '../schemas/document.js';
import { InputError } from '../src/errors.js';
import { assembleGrid } from './table-grid.js';
import { readZipEntries, DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip.js';

/**
 * WordprocessingML (.docx) → DocumentModel, read directly from word/document.xml with a streaming
 * XML parser. Tables are built from the markup: w:gridSpan (horizontal merge), w:vMerge
 * (vertical merge), w:gridBefore/w:gridAfter (rows that start or end inside the grid).
 * Elements that may sit between rows and cells (bookmarks, content controls w:sdt, w:customXml,
 * proofing marks) are transparent, so merges survive them (mammoth loses every merge of a table
 * when a bookmark sits in a row).
 */

interface CellDraft {
  paragraphs: string[];
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}
interface RowDraft {
  gridBefore: number;
  gridAfter: number;
  cells: CellDraft[];
}
interface TableDraft {
  gridCols: number;
  rows: RowDraft[];
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const REL_OFFICE_DOC = /officeDocument$/;
/** Word allows 63 columns, LibreOffice 1024; a wider grid is a damaged or crafted file. */
const MAX_TABLE_COLUMNS = 1024;
/** Grid positions per table (rows × columns): bounds the memory a crafted table can take. */
const MAX_TABLE_POSITIONS = 4_000_000;

export interface DocxOptions {
  zipLimits?: ZipLimits;
}

/**
 * A picture placed in the body between blocks (w:drawing's a:blip, VML's v:imagedata): a table
 * pasted as a screenshot or a scanned page. `before` is the index of the block that follows it;
 * the size is as displayed, in points.
 */
export interface PastedImage {
  before: number;
  relId: string;
  widthPt: number | null;
  heightPt: number | null;
}

/** The main document part's path and the pictures in its body (for parsers/ocr/docx-images.ts). */
export function docxPastedImages(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { mainPath: string; images: PastedImage[] } {
  const entries = readZipEntries(bytes, (name) => name === '_rels/.rels' || /^word\/[^/]+\.xml$/.test(name) || /^[^/]+\.xml$/.test(name), limits);
  const mainPath = findMainDocument(entries);
  const xml = entries.get(mainPath);
  const images: PastedImage[] = [];
  if (xml?.length) parseDocumentXml(new TextDecoder('utf-8').decode(xml), images);
  return { mainPath, images };
}

export function parseDocx(bytes: Uint8Array, options: DocxOptions = {}): DocumentModel {
  const limits = options.zipLimits ?? DEFAULT_ZIP_LIMITS;
  const entries = readZipEntries(bytes, (name) => name === '_rels/.rels' || /^word\/[^/]+\.xml$/.test(name) || /^[^/]+\.xml$/.test(name), limits);
  const mainPath = findMainDocument(entries);
  const xml = entries.get(mainPath);
  if (!xml) {
    throw new InputError('CORRUPT_FILE', `Word 文档缺少正文部件 ${mainPath} / the package has no main document part`);
  }
  if (xml.length === 0) {
    throw new InputError('CORRUPT_FILE', `Word 文档正文部件 ${mainPath} 为空 / the main document part is empty`);
  }
  const blocks = parseDocumentXml(new TextDecoder('utf-8').decode(xml));
  return { format: 'docx', pages: null, blocks, issues: [] };
}

function findMainDocument(entries: Map<string, Uint8Array>): string {
  const rels = entries.get('_rels/.rels');
  if (rels) {
    const text = new TextDecoder().decode(rels);
    for (const m of text.matchAll(/<Relationship\b[^>]*>/g)) {
      const type = /Type="([^"]*)"/.exec(m[0])?.[1] ?? '';
      const target = /Target="([^"]*)"/.exec(m[0])?.[1];
      if (target && REL_OFFICE_DOC.test(type)) return target.replace(/^\//, '');
    }
  }
  return 'word/document.xml';
}

/** Parse the XML of the main document part into blocks. Exported for tests and fixtures. */
export function parseDocumentXml(xml: string, images?: PastedImage[]): Block[] {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const blocks: Block[] = [];
  let paragraphCount = 0;
  let tableCount = 0;

  // Element stack of local names, and the innermost open table drafts (nested tables).
  const stack: string[] = [];
  const tables: TableDraft[] = [];
  let paragraphText: string[] | null = null; // text runs of the open paragraph
  let paragraphStyle: string | null = null;
  let paragraphDepth = 0; // nested paragraphs (text boxes) append to the outer one
  let inText = false;
  let skipDepth = 0; // >0 while inside content we must not read (deleted text, field codes, fallbacks)
  let extent: { widthPt: number; heightPt: number } | null = null; // size of the drawing being read

  const currentRow = (): RowDraft | undefined => tables.at(-1)?.rows.at(-1);
  const currentCell = (): CellDraft | undefined => currentRow()?.cells.at(-1);

  parser.on('doctype', () => {
    throw new InputError('CORRUPT_FILE', 'Word 正文含有 DOCTYPE 声明（可能是恶意构造的 XML 实体） / DOCTYPE in document.xml is not allowed');
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    stack.push(name);
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    switch (name) {
      case 'delText':
      case 'instrText':
      case 'Fallback':
      case 'del':
      case 'moveFrom':
        skipDepth = 1;
        return;
      case 'tbl':
        tables.push({ gridCols: 0, rows: [] });
        return;
      case 'gridCol':
        if (tables.length && parentIs(stack, 'tblGrid')) tables.at(-1)!.gridCols++;
        return;
      case 'tr':
        if (tables.length) tables.at(-1)!.rows.push({ gridBefore: 0, gridAfter: 0, cells: [] });
        return;
      case 'gridBefore':
      case 'gridAfter': {
        const row = currentRow();
        const val = Math.max(0, Math.min(intAttr(tag, 'val') ?? 0, MAX_TABLE_COLUMNS + 1));
        if (row && parentIs(stack, 'trPr')) {
          if (name === 'gridBefore') row.gridBefore = val;
          else row.gridAfter = val;
        }
        return;
      }
      case 'tc':
        if (tables.length) currentRow()?.cells.push({ paragraphs: [], gridSpan: 1, vMerge: null });
        return;
      case 'gridSpan': {
        const cell = currentCell();
        if (cell && parentIs(stack, 'tcPr')) cell.gridSpan = Math.max(1, Math.min(intAttr(tag, 'val') ?? 1, MAX_TABLE_COLUMNS + 1));
        return;
      }
      case 'vMerge': {
        const cell = currentCell();
        if (cell && parentIs(stack, 'tcPr')) {
          const val = attr(tag, 'val');
          cell.vMerge = val === 'restart' ? 'restart' : 'continue';
        }
        return;
      }
      case 'hMerge': {
        // Legacy horizontal merge (older WPS/Word): a "continue" cell widens the one before it.
        const row = currentRow();
        const cell = currentCell();
        if (row && cell && parentIs(stack, 'tcPr') && attr(tag, 'val') !== 'restart' && row.cells.length > 1) {
          row.cells.pop();
          row.cells.at(-1)!.gridSpan += cell.gridSpan;
          row.cells.push({ paragraphs: [], gridSpan: 0, vMerge: null }); // placeholder, dropped on close
        }
        return;
      }
      case 'p':
        if (paragraphText === null) {
          paragraphText = [];
          paragraphStyle = null;
          paragraphDepth = 1;
        } else {
          paragraphDepth++;
          if (paragraphText.length && !paragraphText.at(-1)!.endsWith('\n')) paragraphText.push(' ');
        }
        return;
      case 'pStyle':
        if (paragraphText && paragraphDepth === 1 && parentIs(stack, 'pPr')) paragraphStyle = attr(tag, 'val') ?? null;
        return;
      case 't':
        inText = paragraphText !== null;
        return;
      case 'tab':
        if (paragraphText && parentIs(stack, 'r')) paragraphText.push('\t');
        return;
      case 'br':
      case 'cr':
        if (paragraphText && parentIs(stack, 'r')) paragraphText.push('\n');
        return;
      case 'noBreakHyphen':
        if (paragraphText) paragraphText.push('-');
        return;
      case 'extent': {
        // wp:extent in EMU (12 700 per point).
        const cx = intAttr(tag, 'cx');
        const cy = intAttr(tag, 'cy');
        if (cx !== undefined && cy !== undefined && (parentIs(stack, 'inline') || parentIs(stack, 'anchor'))) extent = { widthPt: cx / 12700, heightPt: cy / 12700 };
        return;
      }
      case 'blip':
      case 'imagedata': {
        const relId = attr(tag, name === 'blip' ? 'embed' : 'id');
        if (images && relId && !tables.length) images.push({ before: blocks.length, relId, widthPt: extent?.widthPt ?? null, heightPt: extent?.heightPt ?? null });
        extent = null;
        return;
      }
      case 'sym': {
        const ch = attr(tag, 'char');
        if (paragraphText && ch) {
          const code = parseInt(ch, 16);
          // Symbol-font code points live in F000–F0FF; map them back to ASCII where possible.
          const cp = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
          if (Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff) paragraphText.push(String.fromCodePoint(cp));
        }
        return;
      }
      default:
        return;
    }
  });

  parser.on('text', (text: string) => {
    if (inText && skipDepth === 0 && paragraphText) paragraphText.push(text);
  });

  parser.on('closetag', (tag) => {
    const name = localName(tag.name);
    stack.pop();
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    switch (name) {
      case 't':
        inText = false;
        return;
      case 'p': {
        paragraphDepth--;
        if (paragraphDepth > 0 || paragraphText === null) return;
        const text = paragraphText.join('');
        paragraphText = null;
        const cell = tables.length ? currentCell() : undefined;
        if (cell) {
          cell.paragraphs.push(text);
        } else if (!tables.length && text.trim()) {
          // Empty paragraphs carry no content and are not blocks (PDF has none either).
          const block: ParagraphBlock = {
            kind: 'paragraph',
            block: blocks.length,
            paragraph: paragraphCount++,
            text,
            style: paragraphStyle,
            page: null,
            bbox: null,
          };
          blocks.push(block);
        }
        return;
      }
      case 'tc': {
        const row = currentRow();
        if (row && row.cells.at(-1)?.gridSpan === 0) row.cells.pop();
        return;
      }
      case 'tbl': {
        const draft = tables.pop();
        if (!draft) return;
        if (tables.length) {
          // A table nested in a cell: its text becomes part of the enclosing cell.
          const cell = currentCell();
          if (cell) for (const row of draft.rows) for (const c of row.cells) cell.paragraphs.push(...c.paragraphs);
          return;
        }
        const table = buildTable(draft, blocks.length, tableCount);
        if (table) {
          tableCount++;
          blocks.push(table);
        }
        return;
      }
      default:
        return;
    }
  });

  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('CORRUPT_FILE', `Word 正文 XML 无法解析：${(e as Error).message} / malformed document.xml`, { cause: e });
  }
  return blocks;
}

/** Lay the drafted rows onto the table grid, resolving gridSpan, vMerge and gridBefore/After. */
function buildTable(draft: TableDraft, block: number, tableIndex: number): TableBlock | null {
  if (!draft.rows.length) return null;
  let nCols = draft.gridCols;
  for (const row of draft.rows) {
    const width = row.gridBefore + row.cells.reduce((n, c) => n + c.gridSpan, 0) + row.gridAfter;
    nCols = Math.max(nCols, width);
  }
  if (nCols === 0) return null;
  const nRows = draft.rows.length;
  if (nCols > MAX_TABLE_COLUMNS || nRows * nCols > MAX_TABLE_POSITIONS) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `第 ${tableIndex + 1} 个表格 ${nRows} 行 × ${nCols} 列，超过上限（${MAX_TABLE_COLUMNS} 列、${MAX_TABLE_POSITIONS} 格） / table too large`,
    );
  }
  const origins: TableCell[] = [];
  // openMerge[c] = the origin cell a vMerge "continue" at column c extends.
  const openMerge: (TableCell | null)[] = Array(nCols).fill(null);
  draft.rows.forEach((row, r) => {
    let col = row.gridBefore;
    const touched = new Set<number>();
    for (const c of row.cells) {
      const text = c.paragraphs.join('\n').trim();
      const above = openMerge[col];
      if (c.vMerge === 'continue' && above && above.col === col && above.colSpan === c.gridSpan) {
        above.rowSpan = r - above.row + 1;
        // Text in a continuation cell (rare, but Word keeps it) belongs to the merged cell.
        if (text) above.text = above.text ? `${above.text}\n${text}` : text;
      } else {
        const cell: TableCell = { row: r, col, rowSpan: 1, colSpan: c.gridSpan, text, page: null, bbox: null };
        origins.push(cell);
        for (let k = col; k < col + c.gridSpan; k++) openMerge[k] = null;
        if (c.vMerge) openMerge[col] = cell;
      }
      for (let k = col; k < col + c.gridSpan; k++) touched.add(k);
      col += c.gridSpan;
    }
    // A merge is interrupted where a row does not continue it.
    for (let k = 0; k < nCols; k++) {
      const open = openMerge[k];
      if (open && !touched.has(k) && open.row !== r) openMerge[k] = null;
    }
  });
  const { cells, grid } = assembleGrid(origins, nRows, nCols);
  return {
    kind: 'table',
    block,
    table: tableIndex,
    nRows,
    nCols,
    cells,
    grid,
    page: null,
    pageEnd: null,
    source: 'markup',
    confidence: 1,
  };
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

function parentIs(stack: string[], name: string): boolean {
  return stack.length >= 2 && stack[stack.length - 2] === name;
}

function attr(tag: SaxesTagPlain, local: string): string | undefined {
  for (const [k, v] of Object.entries(tag.attributes)) {
    if (localName(k) === local) return v as string;
  }
  return undefined;
}

function intAttr(tag: SaxesTagPlain, local: string): number | undefined {
  const v = attr(tag, local);
  if (v === undefined) return undefined;
  const n = parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}

export const WORD_NAMESPACE = W;
