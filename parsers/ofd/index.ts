import { createRequire } from 'node:module';
import type { DocumentModel, PageInfo, ParseIssue } from '../../schemas/document.js';
import { InputError } from '../../src/errors.js';
import { toGray } from '../ocr/image.js';
import { imageGrid, ocrPage } from '../ocr/ocr-page.js';
import { OCR_DPI, type PageImage } from '../ocr/page-image.js';
import { ocrLayerRuns, straightenRuns } from '../pdf/ocr-layer.js';
import { assemble, credibleOcr, DEFAULT_MAX_OCR_PAGES, DEFAULT_MAX_PAGES, markTextSources, ocrSummary, pageRanges, truncationIssue } from '../pdf/parse.js';
import { loadPdfJs } from '../pdf/pdfjs.js';
import { emptyPage, layoutPage, type PageContent, type PagePrimitives } from '../pdf/primitives.js';
import { extractRulings } from '../pdf/rulings.js';
import { toTextRuns, applyMatrix, type Matrix } from '../pdf/text-runs.js';
import { CUT_OFF, type ZipLimits } from '../zip.js';
import { corruptOfd, OfdPackage, readOfdDocument, readResources } from './package.js';
import { DEFAULT_MAX_OFD_OBJECTS, MM_TO_PT, readOfdPage, type OfdPageContent } from './page.js';
import { decodableImage } from '../image-size.js';

export interface OfdOptions {
  zipLimits?: ZipLimits;
  /** Refuse documents with more pages than this (LIMIT_EXCEEDED); the PDF reader's default. */
  maxPages?: number;
  /** Read at most this many image-only pages by OCR. */
  maxOcrPages?: number;
  /** Refuse a page with more objects than this (LIMIT_EXCEEDED). */
  maxObjects?: number;
  /**
   * Called before a scanned page is read by OCR. A file's time limit counts the page images of a
   * PDF from its bytes (src/limits.ts), not an OFD's: the isolated runner extends the deadline by
   * one scanned page's time (the PDF reader's onRenderedOcrPage).
   */
  onOcrPage?: (page: number) => void;
}

/** Text and paths are already in points on the page: the display space the PDF reader works in. */
const POINTS: Matrix = [1, 0, 0, 1, 0, 0];

/**
 * OFD (GB/T 33190-2016 版式文档) bytes → DocumentModel, by the PDF reader's own layout: each page
 * becomes the same primitives a PDF page does (text runs, ruling segments; parsers/pdf/primitives.ts),
 * then tables from rulings, rule-less tables, page furniture, paragraphs and tables joined over
 * page breaks are the PDF reader's (parsers/pdf/parse.ts assemble). A page with only images (a
 * scanned OFD) is read by OCR like a scanned PDF page. Page numbers are the OFD's page order.
 */
export async function parseOfd(bytes: Uint8Array, options: OfdOptions = {}): Promise<DocumentModel> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const pkg = new OfdPackage(bytes, options.zipLimits);
  const doc = readOfdDocument(pkg, maxPages);
  // Paths are handed to the PDF reader's ruling finder as pdf.js operators (their codes come with pdf.js).
  await loadPdfJs();
  const issues: ParseIssue[] = [];
  const pages: PageContent[] = [];
  const pageInfo: PageInfo[] = [];
  let usableChars = 0;
  let ocrLeft = options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES;
  const noText: number[] = [];
  // A package cut off in download (its zip directory lost, parts found by their local headers): a page whose
  // content part did not arrive whole is lost, as a PDF's page past the cut is; the others are read.
  const arrived = doc.pages.map((_, i) => i + 1).filter((n) => pkg.has(doc.pages[n - 1].content));
  if (!pkg.zip.cutOff || !arrived.length) {
    const missing = doc.pages.findIndex((ref) => !pkg.has(ref.content));
    if (missing >= 0) throw corruptOfd(`${pkg.zip.cutOff ? `${CUT_OFF}，` : ''}第 ${missing + 1} 页的内容 ${doc.pages[missing].content} 不存在`);
  }
  for (let n = 1; n <= doc.pages.length; n++) {
    const ref = doc.pages[n - 1];
    if (!pkg.has(ref.content)) continue; // lost with the cut: a gap, nothing joins over it
    const content = readOfdPage(pkg, ref.content, ref.templates.filter((t) => pkg.has(t)), doc.pageBox, doc.fonts, options.maxObjects ?? DEFAULT_MAX_OFD_OBJECTS);
    const width = content.box[2] * MM_TO_PT;
    const height = content.box[3] * MM_TO_PT;
    let prims: PagePrimitives | null = null;
    const runs = toTextRuns(content.items, POINTS);
    if (runs.length) {
      const centres = runs.map((r) => ({ x: (r.x0 + r.x1) / 2, y: (r.top + r.bottom) / 2 }));
      const rulings = extractRulings(content.fnArray, content.argsArray, [MM_TO_PT, 0, 0, MM_TO_PT, -content.box[0] * MM_TO_PT, -content.box[1] * MM_TO_PT], centres);
      prims = { page: n, width, height, runs, rulings, textSource: 'vector', rotation: 0, confidence: null };
    } else if (content.images.length) {
      // A scanned page: its image read by OCR while the budget lasts.
      const withinBudget = ocrLeft > 0;
      // Images may be declared in the page's own resources.
      for (const res of content.resources) readResources(pkg, res, doc.fonts, doc.media);
      const hidden = toTextRuns(content.hiddenItems, POINTS);
      const image = withinBudget || hidden.length ? await drawPageImage(pkg, content, doc.media, width, height) : null;
      if (withinBudget) {
        ocrLeft--;
        options.onOcrPage?.(n);
        const read = image ? await ocrPage(image, n) : null;
        if (read?.primitives && credibleOcr(read.primitives)) prims = read.primitives;
      }
      // Past the budget (or nothing read): the OCR layer another program wrote (invisible text), its
      // grid from the image, as the PDF reader reads such a layer.
      if (!prims && hidden.length) {
        const grid = image ? imageGrid(image) : null;
        const rulings = grid?.rulings ?? { horizontal: [], vertical: [] };
        const layer = grid ? ocrLayerRuns(straightenRuns(hidden, grid.skew, grid.centre), rulings) : hidden;
        prims = { page: n, width, height, runs: layer, rulings, textSource: 'ocr-layer', rotation: 0, confidence: null };
      }
      if (!prims) {
        noText.push(n);
        issues.push({
          code: 'PAGE_NO_TEXT',
          message: !withinBudget ? `第 ${n} 页没有文字层，超过 OCR 页数上限，内容未读取 / page ${n} has no text layer and is past the OCR page limit` : `第 ${n} 页没有文字层（只有图像），OCR 也未识别出文字，内容未读取 / page ${n} has no text layer and OCR found no text`,
          page: n,
          block: null,
        });
      }
    }
    if (prims) {
      usableChars += prims.runs.reduce((s, r) => s + r.str.length, 0);
      pages.push(layoutPage(prims));
      pageInfo.push({ page: n, width, height, rotation: 0, textSource: prims.textSource, confidence: prims.confidence });
    } else {
      pages.push(emptyPage(n, width, height));
      pageInfo.push({ page: n, width, height, rotation: 0, textSource: 'none', confidence: null });
    }
  }
  if (usableChars === 0) {
    throw new InputError(
      'NO_TEXT_LAYER',
      noText.length
        ? `OFD 没有可用的文字：第 ${pageRanges(noText)} 页只有图像（扫描件），OCR 未能读取 / the OFD has no text: pages ${pageRanges(noText)} are images`
        : 'OFD 没有任何文字 / the OFD has no text',
    );
  }
  const ocrIssue = ocrSummary(pageInfo, new Map());
  if (ocrIssue) issues.push(ocrIssue);
  if (arrived.length < doc.pages.length) issues.unshift(truncationIssue(arrived, doc.pages.length));
  const blocks = markTextSources(assemble(pages), pageInfo);
  return { format: 'pdf', pages: doc.pages.length, pageInfo, blocks, issues };
}

type Canvas = typeof import('@napi-rs/canvas');

/** Pixels at most in one page image (a crafted image may declare enormous dimensions). */
const MAX_PIXELS = 60_000_000;

/**
 * A page holding only images, drawn on a white page at the OCR resolution (each image where its
 * CTM places it): the picture the PDF reader's OCR and grid finder read. Null when no image could
 * be drawn (missing, or a format the decoder does not know).
 */
async function drawPageImage(pkg: OfdPackage, content: OfdPageContent, media: ReadonlyMap<string, string>, width: number, height: number): Promise<PageImage | null> {
  const require = createRequire(import.meta.url);
  const canvas: Canvas = require('@napi-rs/canvas');
  const scale = OCR_DPI / 72;
  const w = Math.ceil(width * scale);
  const h = Math.ceil(height * scale);
  if (!(w > 0 && h > 0) || w * h > MAX_PIXELS) return null;
  const surface = canvas.createCanvas(w, h);
  const ctx = surface.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  let drawn = 0;
  for (const image of content.images) {
    const path = media.get(image.resource);
    if (!path || !pkg.has(path)) continue;
    const data = pkg.part(path);
    // A header claiming a vast picture would abort the process inside the native decoder (image-size.ts).
    if (!decodableImage(data, MAX_PIXELS)) continue;
    let picture: Awaited<ReturnType<Canvas['loadImage']>>;
    try {
      picture = await canvas.loadImage(Buffer.from(data));
    } catch {
      continue; // a format the decoder does not know: nothing to read
    }
    if (!picture.width || !picture.height || picture.width * picture.height > MAX_PIXELS) continue;
    const [x0, y0] = applyMatrix(image.matrix, 0, 0);
    const [x1, y1] = applyMatrix(image.matrix, 1, 1);
    ctx.drawImage(picture, Math.min(x0, x1) * scale, Math.min(y0, y1) * scale, Math.abs(x1 - x0) * scale, Math.abs(y1 - y0) * scale);
    drawn++;
  }
  if (!drawn) return null;
  return { image: toGray(ctx.getImageData(0, 0, w, h).data, w, h, 4), scale, x0: 0, y0: 0, pageWidth: width, pageHeight: height, origin: 'rendered' };
}
