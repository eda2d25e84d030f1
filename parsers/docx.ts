import type { Block, DocumentFurniture, DocumentModel, ParagraphBlock, ParseIssue, TableBlock, TableCell } from '../schemas/document.js';
import { InputError } from '../src/errors.js';
import { parseHtml, parseHtmlText } from './html.js';
import { looksLikeMhtml, mhtmlHtml } from './mht.js';
import { ListNumbering, type ParagraphNumbering } from './docx-numbering.js';
import { isPlaceholderPrompt } from './docx-placeholder.js';
import { mainPartPath, parseRelationships, relationshipsPath, type Relationship } from './opc.js';
import { assembleGrid, checkTableSize, MAX_TABLE_COLUMNS } from './table-grid.js';
import { XmlScanner, type XmlHandler } from './xml-scan.js';
import { embeddedWorkbookReader, type EmbeddedRead } from './xlsx/embedded.js';
import { CUT_OFF, DEFAULT_ZIP_LIMITS, ZipPackage, type ZipLimits } from './zip.js';

/**
 * WordprocessingML (.docx) → DocumentModel, read directly from word/document.xml with a streaming
 * XML tokenizer (parsers/xml-scan.ts: no DOCTYPE, no entity definitions). Tables are built from
 * the markup: w:gridSpan (horizontal merge), w:vMerge (vertical merge), w:gridBefore/w:gridAfter
 * (rows that start or end inside the grid). Elements that may sit between rows and cells
 * (bookmarks, content controls w:sdt, w:customXml, proofing marks) are transparent, so merges
 * survive them (mammoth loses every merge of a table when a bookmark sits in a row).
 */

interface CellDraft {
  paragraphs: string[];
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
  /** Tables nested in this cell; their text is paragraphs[from, to). */
  nested?: { draft: TableDraft; from: number; to: number }[];
  /** Deleted with revisions on (w:tcPr/w:cellDel): not read, as Word shows the table after the change. */
  deleted?: boolean;
}
interface RowDraft {
  gridBefore: number;
  gridAfter: number;
  cells: CellDraft[];
  /** Deleted with revisions on (w:trPr/w:del): not read, as Word shows the document after the change. */
  deleted?: boolean;
}
interface TableDraft {
  gridCols: number;
  rows: RowDraft[];
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** The XML parts a Word reader may open: their declared sizes are checked against the limits up front. */
const XML_PART = /^(?:word\/[^/]+|[^/]+)\.xml$|^_rels\/\.rels$/;

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
  /** r:id of the OLE object (w:object) this picture is the preview of, if it is one. */
  oleObject?: string;
}

/**
 * Whether the package holds picture files at all (图片部件), by the names of its parts, nothing inflated: most
 * reports hold none, and only those that do load and run the pasted-table OCR (parsers/ocr/docx-images.ts).
 */
export function hasPictureParts(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): boolean {
  return [...new ZipPackage(bytes, limits).entries.keys()].some((name) => /\.(png|jpe?g|bmp|gif|tiff?)$/iu.test(name));
}

/** The main document part's path and the pictures in its body (for parsers/ocr/docx-images.ts). */
export function docxPastedImages(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { mainPath: string; images: PastedImage[] } {
  const zip = new ZipPackage(bytes, limits);
  zip.checkDeclaredSizes((name) => XML_PART.test(name));
  const mainPath = findMainDocument(zip);
  const xml = zip.read(mainPath);
  const images: PastedImage[] = [];
  if (xml?.length) parseDocumentXml(xml, images);
  return { mainPath, images };
}

export function parseDocx(bytes: Uint8Array, options: DocxOptions = {}): DocumentModel {
  return readDocx(bytes, options, 0);
}

function readDocx(bytes: Uint8Array, options: DocxOptions, depth: number): DocumentModel {
  const zip = new ZipPackage(bytes, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  zip.checkDeclaredSizes((name) => XML_PART.test(name));
  const mainPath = findMainDocument(zip);
  const xml = zip.read(mainPath);
  if (!xml) {
    // A cut-off package whose main part was not written whole: the cut, not a missing part, is the fault.
    if (zip.cutOff) throw new InputError('CORRUPT_FILE', `${CUT_OFF}：正文部件 ${mainPath} 不完整，无法读取，请重新获取完整的文件 / the file was cut off before its main document part ended`);
    throw new InputError('CORRUPT_FILE', `Word 文档缺少正文部件 ${mainPath} / the package has no main document part`);
  }
  if (xml.length === 0) {
    throw new InputError('CORRUPT_FILE', `Word 文档正文部件 ${mainPath} 为空 / the main document part is empty`);
  }
  // Excel worksheets embedded as objects (插入 → 对象) are read as tables in their place.
  const issues: ParseIssue[] = [];
  if (zip.cutOff) {
    issues.push({ code: 'FILE_TRUNCATED', message: `${CUT_OFF}：正文部件完整，已读取；其后缺失的部件（样式、编号、页眉页脚等）未读取，请核对原件 / the file was cut off after its main document part: read, parts after it are missing`, page: null, block: null });
  }
  const rels = mainRelationships(zip, mainPath);
  const blocks = parseDocumentXml(xml, undefined, embeddedWorkbookReader(zip, mainPath, options.zipLimits ?? DEFAULT_ZIP_LIMITS, issues), altChunkReader(zip, mainPath, options, depth, issues), listNumbering(zip, rels));
  const furniture = readFurniture(zip, rels);
  return { format: 'docx', pages: null, blocks, issues, ...(furniture.length ? { furniture } : {}) };
}

/** Largest Word 2003 XML file read (the same bound as a .docx's inflated main part). */
const MAX_WORD_XML_BYTES = DEFAULT_ZIP_LIMITS.maxEntryBytes;

/**
 * Word 2003 XML (WordprocessingML 2003, one file: <w:wordDocument>, "XML 文档" in Word's 另存为):
 * its body has the same element names as a .docx's main part (w:p, w:r, w:t, w:tbl, w:gridSpan;
 * vertical merges are spelled w:vmerge), so the same reader reads it, exactly.
 */
export function parseWordXml(bytes: Uint8Array): DocumentModel {
  if (bytes.length > MAX_WORD_XML_BYTES) {
    throw new InputError('LIMIT_EXCEEDED', `Word XML 文档 ${Math.round(bytes.length / 1048576)} MB，超过上限 / Word XML document too large`);
  }
  return { format: 'doc', pages: null, blocks: parseDocumentXml(bytes), issues: [] };
}

/**
 * Word 2007+ "Word XML 文档" (Flat OPC): every part of the .docx package in one XML file,
 * <pkg:part pkg:name="/word/document.xml"><pkg:xmlData>…</pkg:xmlData></pkg:part>. The main document
 * part is read, with the list labels of its numbering part (headers, footers and notes are not read).
 */
export function parseFlatOpc(bytes: Uint8Array): DocumentModel {
  if (bytes.length > MAX_WORD_XML_BYTES) {
    throw new InputError('LIMIT_EXCEEDED', `Word XML 文档 ${Math.round(bytes.length / 1048576)} MB，超过上限 / Word XML document too large`);
  }
  const text = new TextDecoder().decode(bytes);
  const rels = flatPart(text, '/_rels/.rels');
  const mainPath = `/${mainPartPath(rels === null ? null : new TextEncoder().encode(rels), 'word/document.xml')}`;
  const main = flatPart(text, mainPath);
  if (!main) throw new InputError('CORRUPT_FILE', `Word XML 文档缺少正文部件 ${mainPath} / the flat package has no main document part`);
  // List labels: the package's numbering and styles parts, where Word puts them.
  const part = (name: string) => {
    const xml = flatPart(text, name);
    return xml ? new TextEncoder().encode(xml) : null;
  };
  const numbering = part('/word/numbering.xml');
  return { format: 'doc', pages: null, blocks: parseDocumentXml(main, undefined, undefined, undefined, numbering ? new ListNumbering(numbering, part('/word/styles.xml')) : undefined), issues: [] };
}

/** The XML of one part of a Flat OPC package, or null. */
function flatPart(text: string, name: string): string | null {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = new RegExp(`<pkg:part\\b[^>]*\\bpkg:name="${escaped}"[^>]*>\\s*<pkg:xmlData>([\\s\\S]*?)</pkg:xmlData>`).exec(text);
  return m ? m[1] : null;
}

/** Reads the part a w:altChunk names (r:id) into blocks; null when there is nothing to read. */
type ChunkReader = (relId: string) => Block[] | null;

/** A .docx chunk inside a chunk inside …: deeper than this is not a real report. */
const MAX_CHUNK_DEPTH = 2;
const AF_CHUNK = /\/aFChunk$/;

/**
 * w:altChunk: content imported whole from another part (WPS and web-form tools paste an HTML page or
 * a .docx this way; Word shows it in place and converts it on save). HTML, MHTML, .docx, Word XML and
 * plain-text chunks are read in place; a chunk that cannot be read is a parse issue, not a failure.
 */
function altChunkReader(zip: ZipPackage, mainPath: string, options: DocxOptions, depth: number, issues: ParseIssue[]): ChunkReader {
  let rels: Map<string, Relationship> | null = null;
  return (relId) => {
    if (rels === null) {
      const bytes = zip.read(relationshipsPath(mainPath));
      rels = new Map(bytes ? parseRelationships(bytes, mainPath).map((r) => [r.id, r]) : []);
    }
    const rel = rels.get(relId);
    if (!rel || !AF_CHUNK.test(rel.type)) return null;
    const bytes = zip.read(rel.target);
    if (!bytes?.length) return null;
    try {
      return readChunk(bytes, rel.target, options, depth)?.blocks ?? null;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      issues.push({ code: 'ALT_CHUNK_UNREADABLE', message: `嵌入的文档块 ${rel.target} 无法读取：${e.message} / an altChunk part could not be read`, page: null, block: null });
      return null;
    }
  };
}

function readChunk(bytes: Uint8Array, name: string, options: DocxOptions, depth: number): DocumentModel | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return depth < MAX_CHUNK_DEPTH ? readDocx(bytes, options, depth + 1) : null;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (looksLikeMhtml(head)) return parseHtmlText(mhtmlHtml(bytes));
  if (/<w:document\b|<w:wordDocument\b/.test(head)) return { format: 'doc', pages: null, blocks: parseDocumentXml(bytes), issues: [] };
  if (/<pkg:package\b/.test(head)) return parseFlatOpc(bytes);
  if (/\.html?$/i.test(name) || /<(?:!doctype html|html|body|table|p)\b/i.test(head)) return parseHtml(bytes);
  if (/\.txt$/i.test(name)) {
    const text = new TextDecoder().decode(bytes);
    return { format: 'doc', pages: null, issues: [], blocks: text.split(/\r?\n/).filter((t) => t.trim()).map((t, i) => ({ kind: 'paragraph', block: i, paragraph: i, text: t, style: null, page: null, bbox: null })) };
  }
  return null;
}

function mainRelationships(zip: ZipPackage, mainPath: string): Relationship[] {
  const bytes = zip.read(relationshipsPath(mainPath));
  return bytes ? parseRelationships(bytes, mainPath) : [];
}

/** The list definitions and styles of the main part (numbering.xml, styles.xml), for labels and placeholder styles. */
function listNumbering(zip: ZipPackage, rels: Relationship[]): ListNumbering | undefined {
  const part = (type: RegExp) => {
    const rel = rels.find((r) => type.test(r.type));
    return rel ? zip.read(rel.target) : null;
  };
  const numbering = part(/\/numbering$/);
  const styles = part(/\/styles$/);
  return numbering?.length || styles?.length ? new ListNumbering(numbering, styles) : undefined;
}

const FURNITURE_PART = /\/(header|footer|footnotes|endnotes)$/;

/**
 * Page headers and footers (word/header*.xml, footer*.xml) and notes (footnotes.xml, endnotes.xml):
 * their paragraphs (and table cells) as furniture, in the order the relationships list them — never
 * blocks of the body. A part that cannot be read is left out (it is not the report).
 */
function readFurniture(zip: ZipPackage, rels: Relationship[]): DocumentFurniture {
  const out: DocumentFurniture = [];
  const seen = new Set<string>();
  for (const rel of rels) {
    const m = FURNITURE_PART.exec(rel.type);
    if (!m || seen.has(rel.target)) continue;
    seen.add(rel.target);
    const bytes = zip.read(rel.target);
    if (!bytes?.length) continue;
    const kind = m[1] === 'footnotes' ? 'footnote' : m[1] === 'endnotes' ? 'endnote' : (m[1] as 'header' | 'footer');
    let blocks: Block[];
    try {
      blocks = parseDocumentXml(bytes);
    } catch (e) {
      if (e instanceof InputError && e.code === 'CORRUPT_FILE') continue;
      throw e;
    }
    for (const b of blocks) {
      const texts = b.kind === 'paragraph' ? [b.text] : b.cells.map((c) => c.text);
      for (const t of texts) if (t.trim()) out.push({ kind, text: t.trim() });
    }
  }
  return out;
}

function findMainDocument(zip: ZipPackage): string {
  return mainPartPath(zip.read('_rels/.rels'), 'word/document.xml');
}

/** Parse the main document part (UTF-8 or UTF-16 bytes, or a string) into blocks. Exported for tests and fixtures. */
export function parseDocumentXml(xml: Uint8Array | string, images?: PastedImage[], embedded?: (relId: string, progId: string) => EmbeddedRead, altChunk?: ChunkReader, numbering?: ListNumbering): Block[] {
  const scanner = new XmlScanner(typeof xml === 'string' ? new TextEncoder().encode(xml) : xml);
  const reader = new DocumentReader(scanner, images, embedded, altChunk, numbering);
  try {
    scanner.run(reader);
  } catch (e) {
    if (e instanceof InputError) {
      if (e.code !== 'CORRUPT_FILE' || e.message.startsWith('Word')) throw e;
      throw new InputError('CORRUPT_FILE', `Word 正文 XML 无法解析：${e.message} / malformed document.xml`, { cause: e });
    }
    throw e;
  }
  return reader.blocks;
}

/** The WordprocessingML body, element by element: paragraphs, runs, tables and their merges. */
/** A paragraph's own numbering until its w:numPr says otherwise (shared: most paragraphs have none). */
const UNNUMBERED: ParagraphNumbering = Object.freeze({});

class DocumentReader implements XmlHandler {
  readonly blocks: Block[] = [];
  private paragraphCount = 0;
  private tableCount = 0;
  /** The innermost open table drafts (nested tables). */
  private readonly tables: TableDraft[] = [];
  /** Text runs of the open paragraph. */
  private paragraphText: string[] | null = null;
  private paragraphStyle: string | null = null;
  /** Nested paragraphs (text boxes) append to the outer one. */
  private paragraphDepth = 0;
  private inText = false;
  /** Inside a w:r, and that run is hidden (w:vanish): Word neither shows nor prints it. */
  private inRun = false;
  private runHidden = false;
  /** The open paragraph's own list numbering (w:pPr/w:numPr). */
  private paragraphNumbering: ParagraphNumbering = {};
  /** Paragraphs interrupted by a text box (w:txbxContent) in the body; null where the box is in a table. */
  private readonly boxes: ({ text: string[] | null; style: string | null; depth: number; numbering: ParagraphNumbering } | null)[] = [];
  /** Open content controls (w:sdt): whether each shows its placeholder (w:showingPlcHdr). */
  private readonly controls: boolean[] = [];
  /** The run's text is not content: a placeholder-styled run in a content control, or a note's custom mark. */
  private runNotContent = false;
  /** Style ids of Word's 占位符文本 (read from styles.xml on first need). */
  private placeholderStyles: Set<string> | null = null;
  /** >0 while inside content we must not read (deleted text, field codes, fallbacks). */
  private skipDepth = 0;
  /** Size of the drawing being read (wp:extent), for the picture it holds. */
  private extent: { widthPt: number; heightPt: number } | null = null;
  /** The OLE object (w:object) being read: its preview pictures and embedded part. */
  private object: { previews: PastedImage[]; relId?: string; progId: string } | null = null;
  /** Worksheets embedded inside a Word table's cell: placed after that table. */
  private readonly afterTable: TableBlock[] = [];

  constructor(
    private readonly x: XmlScanner,
    /** Pictures in the body are collected here when given. */
    private readonly images?: PastedImage[],
    /** Reads an embedded object (r:id, ProgID) when given: a worksheet becomes a table. */
    private readonly embedded?: (relId: string, progId: string) => EmbeddedRead,
    /** Reads a w:altChunk's part when given. */
    private readonly altChunk?: ChunkReader,
    /** List labels (numbering.xml) and styles, when the package has them. */
    private readonly numbering?: ListNumbering,
  ) {}

  private currentRow(): RowDraft | undefined {
    const t = this.tables[this.tables.length - 1];
    return t?.rows[t.rows.length - 1];
  }

  private currentCell(): CellDraft | undefined {
    const r = this.currentRow();
    return r?.cells[r.cells.length - 1];
  }

  private intAttr(local: string): number | undefined {
    const v = this.x.attr(local);
    if (v === undefined) return undefined;
    const n = parseInt(v, 10);
    return Number.isFinite(n) ? n : undefined;
  }

  open(name: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const x = this.x;
    switch (name) {
      case 'del':
        if (x.parent() === 'trPr') {
          const row = this.currentRow();
          if (row) row.deleted = true;
          return;
        }
        this.skipDepth = 1;
        return;
      case 'delText':
      case 'instrText':
      case 'Fallback':
      case 'moveFrom':
      // Properties before a tracked change (w:pPrChange, w:rPrChange, w:tcPrChange, w:trPrChange,
      // w:tblPrChange, w:tblPrExChange, w:sectPrChange) and the grid before it (w:tblGridChange):
      // the old formatting, not the document as shown.
      case 'pPrChange':
      case 'rPrChange':
      case 'tcPrChange':
      case 'trPrChange':
      case 'tblPrChange':
      case 'tblPrExChange':
      case 'tblGridChange':
      case 'sectPrChange':
      case 'numberingChange':
        this.skipDepth = 1;
        return;
      case 'cellDel': {
        const cell = this.currentCell();
        if (cell && x.parent() === 'tcPr') cell.deleted = true;
        return;
      }
      case 'sdt':
        this.controls.push(false);
        return;
      case 'showingPlcHdr':
        if (this.controls.length && x.parent() === 'sdtPr') this.controls[this.controls.length - 1] = !/^(?:0|false|off)$/.test(x.attr('val') ?? '');
        return;
      case 'rStyle':
        // Word's placeholder text (占位符文本) in a content control is a prompt, not a value.
        if (this.inRun && this.controls.length && x.parent() === 'rPr') {
          this.placeholderStyles ??= this.numbering?.placeholderStyles() ?? new Set(['PlaceholderText']);
          if (this.placeholderStyles.has(x.attr('val') ?? '')) this.runNotContent = true;
        }
        return;
      case 'footnoteReference':
      case 'endnoteReference':
        // A custom note mark (w:customMarkFollows): the mark is the rest of the run's text ("1", "*", "注").
        if (this.inRun && /^(?:1|true|on)$/.test(x.attr('customMarkFollows') ?? '')) this.runNotContent = true;
        return;
      case 'numId':
      case 'ilvl':
        if (this.paragraphText && this.paragraphDepth === 1 && x.parent() === 'numPr') {
          if (this.paragraphNumbering === UNNUMBERED) this.paragraphNumbering = {};
          if (name === 'numId') this.paragraphNumbering.numId = x.attr('val');
          else this.paragraphNumbering.ilvl = this.intAttr('val');
        }
        return;
      case 'tbl':
        this.tables.push({ gridCols: 0, rows: [] });
        return;
      case 'r':
        this.inRun = true;
        this.runHidden = false;
        this.runNotContent = false;
        return;
      case 'vanish':
        if (this.inRun && x.parent() === 'rPr') this.runHidden = !/^(?:0|false|off)$/.test(x.attr('val') ?? '');
        return;
      case 'txbxContent':
        // A text box anchored in a body paragraph: its paragraphs and tables are blocks of their own,
        // placed after the text that precedes the anchor. In a table cell its text stays in the cell.
        if (this.tables.length) {
          this.boxes.push(null);
          return;
        }
        if (this.paragraphText?.join('').trim()) {
          this.pushParagraph(this.paragraphText.join(''));
          this.paragraphText = [];
        }
        this.boxes.push({ text: this.paragraphText, style: this.paragraphStyle, depth: this.paragraphDepth, numbering: this.paragraphNumbering });
        this.paragraphText = null;
        this.paragraphDepth = 0;
        return;
      case 'gridCol':
        if (this.tables.length && x.parent() === 'tblGrid') this.tables[this.tables.length - 1].gridCols++;
        return;
      case 'tr':
        if (this.tables.length) this.tables[this.tables.length - 1].rows.push({ gridBefore: 0, gridAfter: 0, cells: [] });
        return;
      case 'gridBefore':
      case 'gridAfter': {
        const row = this.currentRow();
        if (row && x.parent() === 'trPr') {
          const val = Math.max(0, Math.min(this.intAttr('val') ?? 0, MAX_TABLE_COLUMNS + 1));
          if (name === 'gridBefore') row.gridBefore = val;
          else row.gridAfter = val;
        }
        return;
      }
      case 'tc':
        if (this.tables.length) this.currentRow()?.cells.push({ paragraphs: [], gridSpan: 1, vMerge: null });
        return;
      case 'gridSpan': {
        const cell = this.currentCell();
        if (cell && x.parent() === 'tcPr') cell.gridSpan = Math.max(1, Math.min(this.intAttr('val') ?? 1, MAX_TABLE_COLUMNS + 1));
        return;
      }
      case 'vMerge':
      case 'vmerge': {
        const cell = this.currentCell();
        if (cell && x.parent() === 'tcPr') cell.vMerge = x.attr('val') === 'restart' ? 'restart' : 'continue';
        return;
      }
      case 'hMerge':
      case 'hmerge': {
        // Legacy horizontal merge (older WPS/Word): a "continue" cell widens the one before it.
        const row = this.currentRow();
        const cell = this.currentCell();
        if (row && cell && x.parent() === 'tcPr' && x.attr('val') !== 'restart' && row.cells.length > 1) {
          row.cells.pop();
          row.cells[row.cells.length - 1].gridSpan += cell.gridSpan;
          row.cells.push({ paragraphs: [], gridSpan: 0, vMerge: null }); // placeholder, dropped on close
        }
        return;
      }
      case 'p': {
        const text = this.paragraphText;
        if (text === null) {
          this.paragraphText = [];
          this.paragraphStyle = null;
          this.paragraphNumbering = UNNUMBERED;
          this.paragraphDepth = 1;
        } else {
          this.paragraphDepth++;
          if (text.length && !text[text.length - 1].endsWith('\n')) text.push(' ');
        }
        return;
      }
      case 'pStyle':
        if (this.paragraphText && this.paragraphDepth === 1 && x.parent() === 'pPr') this.paragraphStyle = x.attr('val') ?? null;
        return;
      case 't':
        this.inText = this.paragraphText !== null;
        return;
      case 'tab':
        if (this.paragraphText && x.parent() === 'r') this.paragraphText.push('\t');
        return;
      case 'br':
      case 'cr':
        if (this.paragraphText && x.parent() === 'r') this.paragraphText.push('\n');
        return;
      case 'noBreakHyphen':
        if (this.paragraphText) this.paragraphText.push('-');
        return;
      case 'extent': {
        // wp:extent in EMU (12 700 per point).
        const cx = this.intAttr('cx');
        const cy = this.intAttr('cy');
        const parent = x.parent();
        if (cx !== undefined && cy !== undefined && (parent === 'inline' || parent === 'anchor')) this.extent = { widthPt: cx / 12700, heightPt: cy / 12700 };
        return;
      }
      case 'blip':
      case 'imagedata': {
        const relId = x.attr(name === 'blip' ? 'embed' : 'id');
        if (this.images && relId && !this.tables.length) {
          const image: PastedImage = { before: this.blocks.length, relId, widthPt: this.extent?.widthPt ?? null, heightPt: this.extent?.heightPt ?? null };
          this.images.push(image);
          this.object?.previews.push(image);
        }
        this.extent = null;
        return;
      }
      case 'object':
        // w:object: an OLE object (VML v:shape preview, or a w:drawing preview in newer Word) and its o:OLEObject.
        this.object = { previews: [], progId: '' };
        return;
      case 'OLEObject':
      case 'objectEmbed':
        // VML o:OLEObject (ProgID), or the ISO 29500 form w:objectEmbed (w:progId) after a w:drawing preview.
        if (this.object) {
          this.object.relId = x.attr('id');
          this.object.progId = x.attr('ProgID') ?? x.attr('progId') ?? '';
        }
        return;
      case 'altChunk': {
        const relId = x.attr('id');
        const chunk = relId ? this.altChunk?.(relId) : null;
        if (!chunk?.length) return;
        const cell = this.tables.length ? this.currentCell() : undefined;
        if (cell) {
          // In a table cell: the chunk's text is the cell's.
          for (const b of chunk) {
            if (b.kind === 'paragraph') cell.paragraphs.push(b.text);
            else for (const c of b.cells) if (c.text) cell.paragraphs.push(c.text);
          }
        } else if (!this.tables.length && this.paragraphText === null) {
          for (const b of chunk) {
            if (b.kind === 'paragraph') this.pushParagraph(b.text, b.style);
            else this.pushTable(b);
          }
        }
        return;
      }
      case 'sym': {
        const ch = x.attr('char');
        if (this.paragraphText && ch) {
          const code = parseInt(ch, 16);
          // Symbol-font code points live in F000–F0FF; map them back to ASCII where possible.
          const cp = code >= 0xf000 && code <= 0xf0ff ? code - 0xf000 : code;
          if (Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff) this.paragraphText.push(String.fromCodePoint(cp));
        }
        return;
      }
      default:
        return;
    }
  }

  text(start: number, end: number, cdata: boolean): void {
    if (!this.inText || this.skipDepth > 0 || !this.paragraphText || this.runHidden || this.runNotContent) return;
    const text = this.x.text(start, end, cdata);
    // A content control showing its placeholder: its prompt (单击或点击此处输入文字。/ 请输入) is empty, not a value.
    if (this.controls.includes(true) && isPlaceholderPrompt(text)) return;
    this.paragraphText.push(text);
  }

  close(name: string): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    switch (name) {
      case 't':
        this.inText = false;
        return;
      case 'r':
        this.inRun = false;
        this.runHidden = false;
        this.runNotContent = false;
        return;
      case 'sdt':
        this.controls.pop();
        return;
      case 'txbxContent': {
        const box = this.boxes.pop();
        if (box) {
          this.paragraphText = box.text;
          this.paragraphStyle = box.style;
          this.paragraphDepth = box.depth;
          this.paragraphNumbering = box.numbering;
        }
        return;
      }
      case 'object': {
        const object = this.object;
        this.object = null;
        if (!object?.relId) return;
        for (const image of object.previews) image.oleObject = object.relId;
        const read = this.embedded?.(object.relId, object.progId);
        if (read?.issue) read.issue.block = this.blocks.length;
        if (!read?.table) return;
        if (this.tables.length) {
          this.afterTable.push(read.table);
          return;
        }
        // In a paragraph: the text before the object is a paragraph of its own, the worksheet follows it.
        const before = this.paragraphText?.join('') ?? '';
        if (this.paragraphText && before.trim()) {
          this.pushParagraph(before);
          this.paragraphText = [];
        }
        this.pushTable(read.table);
        return;
      }
      case 'p': {
        this.paragraphDepth--;
        if (this.paragraphDepth > 0 || this.paragraphText === null) return;
        let text = this.paragraphText.join('');
        this.paragraphText = null;
        // A list label drawn from numbering.xml (一、 （一） 1.) is read as if typed: headings and 其中 lists rely on it.
        const label = this.numbering?.next(this.paragraphNumbering, this.paragraphStyle) ?? '';
        if (label && text.trim()) text = label + text;
        const cell = this.tables.length ? this.currentCell() : undefined;
        if (cell) {
          cell.paragraphs.push(text);
        } else if (!this.tables.length && text.trim()) {
          // Empty paragraphs carry no content and are not blocks (PDF has none either).
          this.pushParagraph(text);
        }
        return;
      }
      case 'tc': {
        const row = this.currentRow();
        const cell = row?.cells[row.cells.length - 1];
        if (row && (cell?.gridSpan === 0 || cell?.deleted)) row.cells.pop();
        return;
      }
      case 'tbl': {
        const draft = this.tables.pop();
        if (!draft) return;
        if (this.tables.length) {
          // A table nested in a cell: its text becomes part of the enclosing cell.
          const cell = this.currentCell();
          if (cell) {
            const from = cell.paragraphs.length;
            for (const row of draft.rows) for (const c of row.cells) cell.paragraphs.push(...c.paragraphs);
            (cell.nested ??= []).push({ draft, from, to: cell.paragraphs.length });
          }
          return;
        }
        this.emitTable(draft);
        for (const t of this.afterTable.splice(0)) this.pushTable(t);
        return;
      }
      default:
        return;
    }
  }

  /**
   * A body-level table. A layout table — one cell per row, holding tables (web-form tools, some
   * WPS templates wrap each form in a one-cell table) — is unwrapped: its tables and paragraphs
   * become blocks. Any other table keeps the text of tables nested in its cells as cell text.
   */
  private emitTable(draft: TableDraft): void {
    if (draft.rows.every((r) => r.cells.length <= 1) && draft.rows.some((r) => r.cells[0]?.nested?.length)) {
      for (const row of draft.rows) {
        const cell = row.cells[0];
        if (!cell || row.deleted) continue;
        let i = 0;
        for (const n of cell.nested ?? []) {
          for (; i < n.from; i++) if (cell.paragraphs[i].trim()) this.pushParagraph(cell.paragraphs[i], null);
          this.emitTable(n.draft);
          i = n.to;
        }
        for (; i < cell.paragraphs.length; i++) if (cell.paragraphs[i].trim()) this.pushParagraph(cell.paragraphs[i], null);
      }
      return;
    }
    const table = buildTable(draft, this.blocks.length, this.tableCount);
    if (table) {
      this.tableCount++;
      this.blocks.push(table);
    }
  }

  private pushParagraph(text: string, style = this.paragraphStyle): void {
    const block: ParagraphBlock = {
      kind: 'paragraph',
      block: this.blocks.length,
      paragraph: this.paragraphCount++,
      text,
      style,
      page: null,
      bbox: null,
    };
    this.blocks.push(block);
  }

  private pushTable(table: TableBlock): void {
    this.blocks.push({ ...table, block: this.blocks.length, table: this.tableCount++ });
  }
}

/** Lay the drafted rows onto the table grid, resolving gridSpan, vMerge and gridBefore/After. */
function buildTable(draft: TableDraft, block: number, tableIndex: number): TableBlock | null {
  if (draft.rows.some((r) => r.deleted)) draft = { ...draft, rows: draft.rows.filter((r) => !r.deleted) };
  if (!draft.rows.length) return null;
  let nCols = draft.gridCols;
  for (const row of draft.rows) {
    const width = row.gridBefore + row.cells.reduce((n, c) => n + c.gridSpan, 0) + row.gridAfter;
    nCols = Math.max(nCols, width);
  }
  if (nCols === 0) return null;
  const nRows = draft.rows.length;
  checkTableSize(nRows, nCols, tableIndex);
  const origins: TableCell[] = [];
  // openMerge[c] = the origin cell a vMerge "continue" at column c extends.
  const openMerge: (TableCell | null)[] = Array(nCols).fill(null);
  draft.rows.forEach((row, r) => {
    let col = row.gridBefore;
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
      col += c.gridSpan;
    }
    // A merge is interrupted where a row does not continue it (the row's cells cover [gridBefore, col)).
    for (let k = 0; k < nCols; k++) {
      const open = openMerge[k];
      if (open && (k < row.gridBefore || k >= col) && open.row !== r) openMerge[k] = null;
    }
  });
  nCols = dropUncoveredColumns(origins, nCols);
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

/**
 * Grid columns no cell covers in any row — only w:gridBefore/w:gridAfter padding or a w:tblGrid wider
 * than its rows — are layout, not content: they are removed (the origins are shifted in place) so
 * the table reads as the same table without them. Returns the new column count.
 */
function dropUncoveredColumns(origins: TableCell[], nCols: number): number {
  const covered = new Uint8Array(nCols);
  for (const c of origins) for (let k = c.col; k < Math.min(nCols, c.col + c.colSpan); k++) covered[k] = 1;
  if (covered.every((v) => v === 1)) return nCols;
  const shift = new Int32Array(nCols + 1);
  for (let k = 0; k < nCols; k++) shift[k + 1] = shift[k] + (covered[k] ? 0 : 1);
  for (const c of origins) {
    const end = Math.min(nCols, c.col + c.colSpan);
    const col = c.col - shift[c.col];
    c.colSpan = Math.max(1, end - shift[end] - col);
    c.col = col;
  }
  return Math.max(1, nCols - shift[nCols]);
}

export const WORD_NAMESPACE = W;
