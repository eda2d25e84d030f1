import { createRequire } from 'node:module';
import type { Parser as HtmlParser } from 'htmlparser2';
import type { Block, DocumentModel, ParagraphBlock, TableBlock, TableCell } from '../schemas/document.js';
import { InputError } from '../src/errors.js';
import { decodeHtmlBytes } from './html-charset.js';
import { assembleGrid, checkTableSize } from './table-grid.js';

/**
 * A report saved as a web page (Word/WPS 另存为"网页" or "单个文件网页" .mht, often still named .doc,
 * or exported by an OA system) → DocumentModel, read directly from the markup: paragraphs from block
 * elements, tables from tr/td/th with colspan/rowspan laid out by the HTML table algorithm. What a
 * browser does not show is not read (head, script, style, display:none, Word's mso-hide:all).
 */

/** Elements that end the paragraph being read (their content starts a new one). */
const BLOCK = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre',
  'address', 'center', 'section', 'article', 'header', 'footer', 'aside', 'main', 'nav', 'figure',
  'figcaption', 'caption', 'form', 'fieldset', 'hr', 'body', 'html',
]);
/** Elements whose content is never shown. */
const HIDDEN = new Set(['head', 'script', 'style', 'title', 'noscript', 'template', 'xml', 'object', 'select', 'textarea', 'iframe']);
/** Largest page read (a report's web page is a few MB; Word's with inline images more). */
const MAX_HTML_BYTES = 64 * 1024 * 1024;
/**
 * Deepest nesting read (Word's pages nest a few dozen levels). htmlparser2 keeps its open elements
 * in an array it unshifts, so a crafted page of 10⁵ unclosed tags would cost 10¹⁰ steps: refused at once.
 */
const MAX_DEPTH = 2000;

interface CellDraft {
  row: number;
  colSpan: number;
  rowSpan: number;
  paragraphs: string[];
}
interface TableDraft {
  rows: CellDraft[][];
}

/** A paragraph's raw text: `\n` from the source (a segment break) differs from a <br>. */
const BR = '\u2028';
/** Collapsible white space (not U+00A0, which HTML keeps). */
const WS_RUN = /[ \t\n\r\f]+/g;
/** Wide characters across which a segment break in the source disappears (CSS Text 3, East Asian Wide). */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** Collapse a paragraph's white space as a browser lays it out; <br> becomes "\n". */
export function collapseWhiteSpace(raw: string): string {
  const collapsed = raw.replace(WS_RUN, (run, at: number, all: string) => {
    if (!run.includes('\n') && !run.includes('\r')) return ' ';
    // A line break of the source between two wide characters (Word wraps its HTML every ~80 columns,
    // inside Chinese sentences) is no space at all.
    const before = all[at - 1] ?? '';
    const after = all[at + run.length] ?? '';
    return WIDE.test(before) && WIDE.test(after) ? '' : ' ';
  });
  return collapsed
    .split(BR)
    // Word pads list numbers and empty lines with &nbsp;: a run of them is one space.
    .map((line) => line.replace(/[ \u00a0]+/g, ' ').trim())
    .join('\n')
    .trim();
}

function hiddenByStyle(attribs: Record<string, string>): boolean {
  if ('hidden' in attribs) return true;
  const style = attribs.style?.toLowerCase().replace(/\s+/g, '');
  return !!style && (style.includes('display:none') || style.includes('mso-hide:all') || style.includes('visibility:hidden'));
}

function span(value: string | undefined): number {
  const n = parseInt(value ?? '1', 10);
  // HTML caps colspan at 1000 and rowspan at 65534; 0 ("to the end") is taken as 1.
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

class HtmlReader {
  readonly blocks: Block[] = [];
  private paragraphCount = 0;
  private tableCount = 0;
  private readonly tables: TableDraft[] = [];
  private cell: CellDraft | null = null;
  private readonly cellStack: (CellDraft | null)[] = [];
  private text: string[] = [];
  private style: string | null = null;
  private hiddenDepth = 0;
  /** For each open tag: whether it was opened hidden (closed in step, so the count stays right). */
  private readonly stack: boolean[] = [];

  open(name: string, attribs: Record<string, string>): void {
    if (this.stack.length >= MAX_DEPTH) throw new InputError('LIMIT_EXCEEDED', `网页元素嵌套超过 ${MAX_DEPTH} 层，不是正常的报告网页 / HTML nested deeper than ${MAX_DEPTH} levels`);
    const skip = this.hiddenDepth > 0 || HIDDEN.has(name) || hiddenByStyle(attribs);
    this.stack.push(skip);
    if (skip) {
      this.hiddenDepth++;
      return;
    }
    if (name === 'br') {
      this.text.push(BR);
      return;
    }
    if (name === 'img') return;
    if (BLOCK.has(name)) this.flush();
    if (/^h[1-6]$/.test(name)) this.style = `Heading${name[1]}`;
    switch (name) {
      case 'table':
        this.flush();
        this.cellStack.push(this.cell);
        this.cell = null;
        this.tables.push({ rows: [] });
        return;
      case 'tr': {
        const t = this.tables[this.tables.length - 1];
        if (t) {
          this.flush();
          this.cell = null;
          t.rows.push([]);
        }
        return;
      }
      case 'td':
      case 'th': {
        const t = this.tables[this.tables.length - 1];
        if (!t) return;
        this.flush();
        if (!t.rows.length) t.rows.push([]);
        const row = t.rows[t.rows.length - 1];
        this.cell = { row: t.rows.length - 1, colSpan: span(attribs.colspan), rowSpan: span(attribs.rowspan), paragraphs: [] };
        row.push(this.cell);
        return;
      }
      default:
        return;
    }
  }

  close(name: string): void {
    const skipped = this.stack.pop() ?? false;
    if (skipped) {
      this.hiddenDepth--;
      return;
    }
    if (BLOCK.has(name)) this.flush();
    switch (name) {
      case 'td':
      case 'th':
        this.flush();
        this.cell = null;
        return;
      case 'table': {
        this.flush();
        const draft = this.tables.pop();
        this.cell = this.cellStack.pop() ?? null;
        if (!draft) return;
        if (this.tables.length) {
          // A table nested in a cell: its text becomes part of the enclosing cell (as in the Word reader).
          if (this.cell) for (const row of draft.rows) for (const c of row) this.cell.paragraphs.push(...c.paragraphs);
          return;
        }
        const table = buildTable(draft, this.blocks.length, this.tableCount);
        if (table) {
          this.tableCount++;
          this.blocks.push(table);
        }
        return;
      }
      default:
        return;
    }
  }

  onText(data: string): void {
    if (this.hiddenDepth === 0) this.text.push(data);
  }

  /** End the paragraph being read: into the open cell, or as a block of the body. */
  flush(): void {
    if (!this.text.length) return;
    const text = collapseWhiteSpace(this.text.join(''));
    const style = this.style;
    this.text = [];
    this.style = null;
    if (!text) return;
    if (this.tables.length) {
      // Text in a table but outside any cell (stray markup) goes to the last cell when there is one.
      const cell = this.cell ?? this.lastCell();
      if (cell) cell.paragraphs.push(text);
      return;
    }
    const block: ParagraphBlock = { kind: 'paragraph', block: this.blocks.length, paragraph: this.paragraphCount++, text, style, page: null, bbox: null };
    this.blocks.push(block);
  }

  private lastCell(): CellDraft | null {
    const rows = this.tables[this.tables.length - 1]?.rows ?? [];
    for (let r = rows.length - 1; r >= 0; r--) if (rows[r].length) return rows[r][rows[r].length - 1];
    return null;
  }
}

/** Lay the rows onto a grid by the HTML table algorithm: each cell takes the first column its row leaves free. */
function buildTable(draft: TableDraft, block: number, tableIndex: number): TableBlock | null {
  const rows = draft.rows;
  if (!rows.some((r) => r.length)) return null;
  const nRows = rows.length;
  // taken[r] = columns of row r already covered by a rowspan from above.
  const taken: Set<number>[] = rows.map(() => new Set<number>());
  const origins: TableCell[] = [];
  let nCols = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const c of row) {
      while (taken[r].has(col)) col++;
      const rowSpan = Math.min(c.rowSpan, nRows - r);
      checkTableSize(nRows, col + c.colSpan, tableIndex);
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = col; cc < col + c.colSpan; cc++) taken[rr].add(cc);
      origins.push({ row: r, col, rowSpan, colSpan: c.colSpan, text: c.paragraphs.join('\n').trim(), page: null, bbox: null });
      col += c.colSpan;
      nCols = Math.max(nCols, col);
    }
  });
  if (nCols === 0) return null;
  const { cells, grid } = assembleGrid(origins, nRows, nCols);
  return { kind: 'table', block, table: tableIndex, nRows, nCols, cells, grid, page: null, pageEnd: null, source: 'markup', confidence: 1 };
}

/**
 * htmlparser2's tokenizer, loaded on the first web page read (its CommonJS build, which loads synchronously):
 * its module graph (domhandler, domutils, entities) cost ≈ 25 ms CPU at every pipeline thread's start,
 * and a .docx without a web-page part (altChunk) never needs it.
 */
let htmlParserClass: typeof HtmlParser | undefined;
function htmlParser(): typeof HtmlParser {
  htmlParserClass ??= (createRequire(import.meta.url)('htmlparser2') as typeof import('htmlparser2')).Parser;
  return htmlParserClass;
}

/** An HTML page's text → DocumentModel (format "doc": a Word-family document that is not OOXML). */
export function parseHtmlText(html: string): DocumentModel {
  const reader = new HtmlReader();
  const Parser = htmlParser();
  const parser = new Parser(
    {
      onopentag: (name, attribs) => reader.open(name, attribs),
      onclosetag: (name) => reader.close(name),
      ontext: (data) => reader.onText(data),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  reader.flush();
  return { format: 'doc', pages: null, blocks: reader.blocks, issues: [] };
}

/** HTML bytes (charset from the BOM or the page's meta tag) → DocumentModel. */
export function parseHtml(bytes: Uint8Array): DocumentModel {
  if (bytes.length > MAX_HTML_BYTES) {
    throw new InputError('LIMIT_EXCEEDED', `网页文件 ${Math.round(bytes.length / 1048576)} MB，超过上限 ${MAX_HTML_BYTES / 1048576} MB / HTML file too large`);
  }
  return parseHtmlText(decodeHtmlBytes(bytes));
}
