import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, DocumentModel, PageInfo, ParseIssue } from '../../schemas/document.js';
import { InputError } from '../../src/errors.js';
import { findBorderlessTables } from './borderless.js';
import { findFurniture, type PageLines } from './furniture.js';
import { buildBlocks, measureTextColumn, type FlowItem } from './flow.js';
import { ocrPdfPage } from '../ocr/index.js';
import { openPdf } from './open.js';
import { pageHasInk } from './page-ink.js';
import { emptyPage, layoutPage, type PageContent, type PagePrimitives } from './primitives.js';
import { extractRulings } from './rulings.js';
import { assessRuns } from './text-quality.js';
import { toTextRuns, type Matrix } from './text-runs.js';
import type { TextLine } from './types.js';

export interface PdfParseOptions {
  /** Refuse documents with more pages than this (LIMIT_EXCEEDED). */
  maxPages?: number;
  /** Read at most this many pages by OCR; later pages without a text layer are reported (PAGE_NO_TEXT). */
  maxOcrPages?: number;
}

export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_MAX_OCR_PAGES = 100;

/**
 * PDF bytes → DocumentModel. Per page: one getTextContent and one getOperatorList; tables from
 * ruling lines, the remaining text as lines; then, over the whole document: page furniture
 * removed, lines joined into paragraphs, table parts joined over page breaks.
 */
export async function parsePdfDocument(bytes: Uint8Array, options: PdfParseOptions = {}): Promise<DocumentModel> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const pdf = await openPdf(bytes);
  try {
    if (pdf.numPages > maxPages) {
      throw new InputError('LIMIT_EXCEEDED', `PDF 共 ${pdf.numPages} 页，超过上限 ${maxPages} 页 / too many pages`);
    }
    if (pdf.numPages === 0) {
      throw new InputError('CORRUPT_FILE', 'PDF 没有任何页面 / the PDF has no pages');
    }
    const issues: ParseIssue[] = [];
    const pages: PageContent[] = [];
    const pageInfo: PageInfo[] = [];
    let usableChars = 0;
    let failedPages = 0;
    const ocr: OcrBudget = { left: options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES };
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const read = await readPage(pdf, n, issues, ocr);
        const prims = read.primitives;
        if (prims) {
          usableChars += prims.runs.reduce((s, r) => s + r.str.length, 0);
          pages.push(layoutPage(prims));
          pageInfo.push({ page: n, width: prims.width, height: prims.height, rotation: prims.rotation, textSource: prims.textSource, confidence: prims.confidence });
        } else {
          pages.push(emptyPage(n, read.height));
          pageInfo.push({ page: n, width: read.width, height: read.height, rotation: 0, textSource: 'none', confidence: null });
        }
      } catch (e) {
        if (e instanceof InputError) throw e;
        failedPages++;
        issues.push({ code: 'PAGE_UNREADABLE', message: `第 ${n} 页无法读取（${(e as Error).message}） / page ${n} could not be read`, page: n, block: null });
      }
    }
    if (failedPages === pdf.numPages) {
      throw new InputError('CORRUPT_FILE', 'PDF 文件已损坏：所有页面都无法读取 / no page could be read');
    }
    if (usableChars === 0) {
      throw new InputError(
        'NO_TEXT_LAYER',
        'PDF 没有可用的文字层（可能是扫描件或图片，或字体缺少 Unicode 映射），需要 OCR 后才能读取 / the PDF has no usable text layer',
      );
    }
    const ocrIssue = ocrSummary(pageInfo);
    if (ocrIssue) issues.push(ocrIssue);
    const blocks = markTextSources(assemble(pages), pageInfo);
    return { format: 'pdf', pages: pdf.numPages, pageInfo, blocks, issues };
  } finally {
    await pdf.destroy();
  }
}

/** A page as read from the PDF: its primitives, or null when it has no usable text. */
interface ReadPage {
  width: number;
  height: number;
  primitives: PagePrimitives | null;
}

/** How many more pages OCR may read in this document (Limits.maxOcrPages). */
interface OcrBudget {
  left: number;
}

async function readPage(pdf: PDFDocumentProxy, n: number, issues: ParseIssue[], budget: OcrBudget): Promise<ReadPage> {
  const page: PDFPageProxy = await pdf.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const matrix = viewport.transform as Matrix;
    const size = { width: viewport.width, height: viewport.height };
    const text = await page.getTextContent();
    const quality = assessRuns(toTextRuns(text.items, matrix));
    if (quality.visible === 0) {
      // No text layer: a scan (or text drawn as outlines). Read the page image; only a page that
      // shows something is worth reporting when nothing can be read from it, a blank page is not.
      const ops = await page.getOperatorList();
      if (!pageHasInk(ops.fnArray)) return { ...size, primitives: null };
      if (budget.left <= 0) {
        issues.push({ code: 'PAGE_NO_TEXT', message: `第 ${n} 页没有文字层，超过 OCR 页数上限，内容未读取 / page ${n} has no text layer and is past the OCR page limit`, page: n, block: null });
        return { ...size, primitives: null };
      }
      budget.left--;
      const ocr = await ocrPdfPage(pdf, page, n, ops);
      if (ocr.primitives) return { ...size, primitives: ocr.primitives };
      if (ocr.reason === 'low-resolution') {
        issues.push({
          code: 'PAGE_NO_TEXT',
          message: `第 ${n} 页没有文字层，扫描分辨率过低（${ocr.dpi} dpi），无法可靠识别，内容未读取 / page ${n} has no text layer and its image is too coarse for OCR (${ocr.dpi} dpi)`,
          page: n,
          block: null,
        });
      } else if (ocr.reason !== 'blank') {
        issues.push({
          code: 'PAGE_NO_TEXT',
          message: `第 ${n} 页没有文字层，OCR 也未识别出文字（可能是照片或图片），内容未读取 / page ${n} has no text layer and OCR found no text`,
          page: n,
          block: null,
        });
      }
      return { ...size, primitives: null };
    } else if (quality.unmapped >= Math.max(3, quality.visible * 0.02)) {
      // A stray symbol-font bullet (U+F0B7 and friends) is not worth a finding; text that cannot be read is.
      issues.push({
        code: 'PAGE_UNMAPPED_GLYPHS',
        message: `第 ${n} 页有 ${quality.unmapped} 个字符缺少 Unicode 映射，无法识别 / page ${n} has ${quality.unmapped} glyphs without a Unicode mapping`,
        page: n,
        block: null,
      });
    }
    if (!quality.usable.length) return { ...size, primitives: null };
    // Rulings only matter where there is text to place.
    const ops = await page.getOperatorList();
    const rulings = extractRulings(ops.fnArray, ops.argsArray, matrix);
    return {
      ...size,
      primitives: { page: n, ...size, runs: quality.usable, rulings, textSource: 'vector', rotation: 0, confidence: null },
    };
  } finally {
    page.cleanup();
  }
}

/**
 * One note for the reviewer when pages were read by OCR: which pages, how surely. Findings resting
 * on them are capped at warnings by makeFinding; this says why.
 */
function ocrSummary(pageInfo: readonly PageInfo[]): ParseIssue | null {
  const read = pageInfo.filter((p) => p.textSource === 'ocr');
  if (!read.length) return null;
  const mean = read.reduce((s, p) => s + (p.confidence ?? 0), 0) / read.length;
  const pages = pageRanges(read.map((p) => p.page));
  return {
    code: 'IMAGE_PAGES_READ',
    message: `第 ${pages} 页是扫描图像，文字由 OCR 识别（平均置信度 ${mean.toFixed(2)}），据此得出的发现请核对原件 / pages ${pages} are images, read by OCR (mean confidence ${mean.toFixed(2)})`,
    page: null,
    block: null,
  };
}

/** [1,2,3,5] → "1–3、5". */
function pageRanges(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : `${pages[i]}`);
    i = j + 1;
  }
  return parts.join('、');
}

/**
 * Paragraphs and cells read from OCR'd pages carry their page's text source, so that every value
 * read from them says so in its location (and findings resting on it are capped, src/rules/finding.ts).
 */
function markTextSources(blocks: Block[], pageInfo: readonly PageInfo[]): Block[] {
  const source = new Map(pageInfo.filter((p) => p.textSource === 'ocr' || p.textSource === 'ocr-layer').map((p) => [p.page, p.textSource as 'ocr' | 'ocr-layer']));
  if (!source.size) return blocks;
  const of = (pages: (number | null)[]) => {
    const found = pages.map((p) => (p === null ? undefined : source.get(p))).filter((s) => s !== undefined);
    return found.includes('ocr') ? 'ocr' : found[0];
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const s = of([b.page, ...(b.pageBreaks ?? []).map((x) => x.page)]);
      if (s) b.textSource = s;
    } else {
      for (const c of b.cells) {
        const s = of([c.page]);
        if (s) c.textSource = s;
      }
    }
  }
  return blocks;
}

function assemble(pages: PageContent[]): ReturnType<typeof buildBlocks> {
  const furniture = findFurniture(pages.map((p): PageLines => ({ page: p.page, height: p.height, lines: p.lines })));
  const flow: FlowItem[] = [];
  const bodyLines: TextLine[] = [];
  for (const p of pages) {
    const items: { top: number; item: FlowItem }[] = [];
    const body = p.lines.filter((line) => !furniture.has(line));
    const borderless = findBorderlessTables(body, p.page);
    for (const line of borderless.rest) {
      bodyLines.push(line);
      items.push({ top: line.top, item: { kind: 'line', page: p.page, line } });
    }
    for (const table of [...p.tables, ...borderless.tables]) items.push({ top: table.bbox[1], item: { kind: 'table', page: p.page, table } });
    items.sort((a, b) => a.top - b.top);
    flow.push(...items.map((x) => x.item));
  }
  return buildBlocks(flow, measureTextColumn(bodyLines));
}
