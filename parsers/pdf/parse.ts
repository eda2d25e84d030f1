import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, DocumentModel, PageInfo, ParseIssue } from '../../schemas/document.js';
import { InputError } from '../../src/errors.js';
import { findBorderlessTables } from './borderless.js';
import type { PageTable } from './page-table.js';
import { findFurniture, type PageLines } from './furniture.js';
import { buildBlocks, measureTextColumn, type FlowItem, type TextColumn } from './flow.js';
import { attachOcrCorrections, imageGrid, MIN_OCR_DPI, ocrPdfPage, pageImage } from '../ocr/index.js';
import { openPdf } from './open.js';
import { PAGES_TRUNCATED, truncatedPdf } from './truncated.js';
import { openInkProbe, type InkProbe } from './ink-probe.js';
import { pageHasImage, pageHasInk } from './page-ink.js';
import { emptyPage, layoutPage, type PageContent, type PagePrimitives } from './primitives.js';
import { pageTurn, turnedViewport, type Turn } from './rotation.js';
import { withoutWatermark } from './watermark.js';
import { sealDisks, withoutSealText, type SealDisk } from './seal-text.js';
import { bodyTextSize, withoutFaintWatermark, withoutVividStamp } from './faint-text.js';
import { dropNoteRuns, rulingsOf, scanOperators } from './rulings.js';
import { decodeGbkFonts, soupFontNames } from './gbk-text.js';
import { assessRuns, brokenFonts, judgeLayer, LOST_MARK, type LayerVerdict, type PageTextQuality } from './text-quality.js';
import { correctLayerLookalikes, invisibleTextShare, normalizeOcrBrackets, ocrLayerRuns, OCR_LAYER_SHARE, straightenRuns } from './ocr-layer.js';
import { toTextRuns, type Matrix, type Untidy } from './text-runs.js';
import { drawnOrder, inToUnicode, markUnmappedCodes, type3Fonts, unmappedCodeChars, withLostMarks } from './unmapped-codes.js';
import { LazyGlyphOrder, type GlyphOrder } from './glyph-order.js';
import { glyphFonts } from './glyph-fonts.js';
import { withDrawnSpaces } from './glyph-spaces.js';
import { LostGlyphReader, lostSlots, type LostSlots } from './lost-glyph-ocr.js';
import { buttonStates, formFieldRuns, type ButtonStates } from './form-fields.js';
import { blocksOnSheets, splitTwoUp, type SheetPlace } from './two-up.js';
import type { TextLine, TextRun } from './types.js';

export interface PdfParseOptions {
  /** Refuse documents with more pages than this (LIMIT_EXCEEDED). */
  maxPages?: number;
  /** Read at most this many pages by OCR; later pages without a text layer are reported (PAGE_NO_TEXT). */
  maxOcrPages?: number;
  /**
   * Called before a page whose text layer is unusable (no Unicode map, glyph soup) is rendered and
   * read by OCR. Such pages hold no image, so a file's time limit (which counts page images) did not
   * foresee them: the isolated runner extends the deadline by one scanned page's time.
   */
  onRenderedOcrPage?: (page: number) => void;
}

export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_MAX_OCR_PAGES = 100;

/**
 * PDF bytes → DocumentModel. Per page: one getTextContent and one getOperatorList; tables from
 * ruling lines, the remaining text as lines; then, over the whole document: page furniture
 * removed, lines joined into paragraphs, table parts joined over page breaks.
 */
export async function parsePdfDocument(given: Uint8Array, options: PdfParseOptions = {}): Promise<DocumentModel> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  // A file cut off in download: only the pages written whole are read (truncated.ts).
  const cut = truncatedPdf(given);
  const bytes = cut?.bytes ?? given;
  const whole = cut ? new Set(cut.complete) : null;
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
    const ocr: OcrBudget = { left: options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES, onRenderedPage: options.onRenderedOcrPage };
    // Text first, for every page: a font without a Unicode map is judged over the whole document.
    const texts: (PageText | Error)[] = [];
    const states = buttonStates(bytes);
    for (let n = 1; n <= pdf.numPages; n++) {
      if (whole && !whole.has(n)) texts.push(new Error(`第 ${n} 页在文件缺失的部分`));
      else texts.push(await pageText(pdf, n, states).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
    // Chinese text in fonts marked as Western (GBK bytes, WPS/Foxit), decoded before it is judged.
    const fontNames = new Map(texts.flatMap((t) => (t instanceof Error ? [] : [...t.fontNames])));
    if (fontNames.size) decodeGbkFonts(texts.map((t) => (t instanceof Error ? [] : t.runs)), fontNames);
    const broken = brokenFonts(texts.filter((t): t is PageText => !(t instanceof Error)).map((t) => t.runs));
    const ocrCauses = new Map<number, OcrCause>();
    const places = new Map<number, SheetPlace>();
    let laid = 0;
    const lostGlyphPages = new Set<number>();
    // OCR'd runs whose characters the post-processing changed, by page (parsers/ocr/corrections.ts).
    const corrected = new Map<number, TextRun[]>();
    // Fonts numbered by glyph ids, found page by page (unmapped-codes.ts).
    const numberedFonts = new Set<string>();
    const glyphOrder = new LazyGlyphOrder(pdf);
    const qualities = texts.map((t) => (t instanceof Error ? t : assessRuns(t.runs, broken)));
    const brokenElsewhere = qualities.some((q) => !(q instanceof Error) && judgeLayer(q).kind === 'unusable');
    const glyphs = new LostGlyphs(pdf, glyphOrder, numberedFonts, ocr, (n) => {
      const [text, quality] = [texts[n - 1], qualities[n - 1]];
      return text instanceof Error || quality instanceof Error || judgeLayer(quality, { brokenElsewhere }).kind !== 'usable' ? null : text;
    });
    let probe: Promise<InkProbe | null> | null = null;
    const bodySize = bodyTextSize(texts.flatMap((t) => (t instanceof Error ? [] : t.runs)));
    const aids: DocumentAids = { inkProbe: () => (probe ??= openInkProbe(bytes)), brokenElsewhere, bodySize };
    for (let n = 1; n <= pdf.numPages; n++) {
      if (whole && !whole.has(n)) {
        laid++; // a gap: nothing joins over a page the cut took
        continue;
      }
      try {
        const text = texts[n - 1];
        const assessed = qualities[n - 1];
        if (text instanceof Error) throw text;
        if (assessed instanceof Error) throw assessed;
        const quality = await withUnmappedCodes(pdf, n, text, assessed, broken, brokenElsewhere, glyphs);
        const read = await readPage(pdf, aids, n, quality, text, issues, ocr);
        if (read.ocrCause) ocrCauses.set(n, read.ocrCause);
        const prims = read.primitives;
        if (prims) {
          usableChars += prims.runs.reduce((s, r) => s + r.str.length, 0);
          // Pages are laid out under numbers of their own: a 2-up sheet is two of them (two-up.ts).
          for (const { part, dx } of splitTwoUp(prims) ?? [{ part: prims, dx: 0 }]) {
            places.set(++laid, { sheet: n, dx });
            pages.push(layoutPage({ ...part, page: laid }));
          }
          const fields = prims.textSource === 'vector' ? text.formFields : 0;
          pageInfo.push({ page: n, width: prims.width, height: prims.height, rotation: prims.rotation, textSource: prims.textSource, confidence: prims.confidence, ...(fields ? { formFields: fields } : {}) });
          // Text from the layer of a partly broken page holds □ where a character was lost (text-quality.ts).
          if (prims.textSource !== 'ocr' && quality.marked > 0) lostGlyphPages.add(n);
          const changed = prims.textSource === 'ocr' || prims.textSource === 'ocr-layer' ? prims.runs.filter((r) => r.corrections) : [];
          if (changed.length) corrected.set(n, changed);
        } else {
          places.set(++laid, { sheet: n, dx: 0 });
          pages.push(emptyPage(laid, read.width, read.height));
          pageInfo.push({ page: n, width: read.width, height: read.height, rotation: 0, textSource: 'none', confidence: null });
        }
      } catch (e) {
        if (e instanceof InputError) throw e;
        failedPages++;
        laid++; // a gap: nothing joins over a page that could not be read
        issues.push({ code: 'PAGE_UNREADABLE', message: `第 ${n} 页无法读取（${(e as Error).message}） / page ${n} could not be read`, page: n, block: null });
      }
    }
    if (cut) issues.unshift(truncationIssue(cut.complete, cut.declared));
    if (failedPages + (whole ? pdf.numPages - whole.size : 0) >= pdf.numPages) {
      throw new InputError('CORRUPT_FILE', 'PDF 文件已损坏：所有页面都无法读取 / no page could be read');
    }
    if (usableChars === 0) {
      const broken = issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS' && i.page !== null).map((i) => i.page!);
      // Every page a scan too coarse to read (a fax received as a 72-dpi image): say so, not "needs OCR".
      const coarse = issues.map((i) => (i.page !== null ? LOW_RESOLUTION.exec(i.message) : null)).filter((m) => m !== null);
      // Nothing on any page (readPage reports a page that shows something and could not be read): not a scan to OCR.
      if (!issues.some((i) => i.page !== null && PAGE_NOT_READ.has(i.code))) {
        throw new InputError('NO_TEXT_LAYER', `PDF 共 ${pdf.numPages} 页，全部是空白页，没有可读取的内容 / all ${pdf.numPages} pages of the PDF are blank`);
      }
      throw new InputError(
        'NO_TEXT_LAYER',
        broken.length
          ? `PDF 的文字层无法使用：第 ${pageRanges(broken)} 页的字体缺少 Unicode 映射或编码错误（乱码），文字无法读取，需要 OCR 后才能读取 / the PDF's text layer is unusable (fonts without a Unicode map) on pages ${pageRanges(broken)}`
          : coarse.length === pdf.numPages
            ? `PDF 是扫描图像，分辨率过低（${[...new Set(coarse.map((m) => m[1]))].join('/')} dpi，至少需 ${MIN_OCR_DPI} dpi），无法可靠识别，请按 150 dpi 以上重新扫描 / every page is a scan too coarse for OCR (${[...new Set(coarse.map((m) => m[1]))].join('/')} dpi, ${MIN_OCR_DPI} dpi needed)`
            : 'PDF 没有可用的文字层（可能是扫描件或图片，或字体缺少 Unicode 映射），需要 OCR 后才能读取 / the PDF has no usable text layer',
      );
    }
    const ocrIssue = ocrSummary(pageInfo, ocrCauses);
    if (ocrIssue) issues.push(ocrIssue);
    const formIssue = formFieldSummary(pageInfo);
    if (formIssue) issues.push(formIssue);
    const blocks = attachOcrCorrections(markLostGlyphs(markTextSources(blocksOnSheets(assemble(pages), places), pageInfo), lostGlyphPages), corrected);
    return { format: 'pdf', pages: pdf.numPages, pageInfo, blocks, issues };
  } finally {
    await pdf.destroy();
  }
}

/**
 * The one note on a PDF (or OFD) cut off in download: which pages were lost, which were read. Its code says
 * TRUNCATED (parse-issues makes it a warning); PAGES_TRUNCATED makes what a finding misses a note (rules/finding.ts).
 */
export function truncationIssue(complete: number[], pages: number): ParseIssue {
  const lost = Array.from({ length: pages }, (_, i) => i + 1).filter((n) => !complete.includes(n));
  if (!lost.length) {
    // Every page was written whole; what the cut took is after them (font programs, the page index).
    return { code: 'FILE_TRUNCATED', message: `文件不完整（下载或复制时被截断）：全部 ${pages} 页都已读取，但文件末尾缺失（字体数据等），个别字符可能读错，请核对原件 / the file was cut off after its ${pages} pages: font data is missing, a few characters may be misread`, page: null, block: null };
  }
  const first = lost[0];
  const suffix = lost.every((n, i) => n === first + i) && lost[lost.length - 1] === pages;
  const zh = suffix
    ? `文件不完整（下载或复制时被截断）：第 ${first} 页起的内容缺失，仅核对了前 ${first - 1} 页（共 ${pages} 页）`
    : `文件不完整（下载或复制时被截断）：第 ${pageRanges(lost)} 页的内容缺失，仅核对了其余 ${complete.length} 页（共 ${pages} 页）`;
  return { code: PAGES_TRUNCATED, message: `${zh}，请重新获取完整的文件 / the file was cut off: pages ${pageRanges(lost)} of ${pages} are missing, only the others were checked`, page: null, block: null };
}

/** A page as read from the PDF: its primitives, or null when it has no usable text. */
interface ReadPage {
  width: number;
  height: number;
  primitives: PagePrimitives | null;
  /** Why a page read by OCR had to be (default: a scan, an image of the page). */
  ocrCause?: OcrCause;
}

/** A scan; text drawn as outlines (转曲: vector glyphs, no image, no text); a text layer that cannot be read. */
type OcrCause = 'scan' | 'outlines' | 'unusable-layer';

/** How many more pages OCR may read in this document (Limits.maxOcrPages). */
interface OcrBudget {
  left: number;
  onRenderedPage?: (page: number) => void;
}

/** A page's text runs, in the display space of the page turned so that most of its text is upright. */
interface PageText {
  runs: TextRun[];
  /** Runs whose white space between Chinese characters was taken out, with their text before (glyph-spaces.ts). */
  untidy: Untidy;
  turn: Turn;
  /** BaseFont names by pdf.js font id, of the page's fonts when its text looks like GBK soup. */
  fontNames: Map<string, string>;
  /** Filled form fields (AcroForm) whose values were read into `runs`. */
  formFields: number;
  /** Round seals set in text on the page (seal-text.ts). */
  seals: SealDisk[];
}

async function pageText(pdf: PDFDocumentProxy, n: number, states: ButtonStates): Promise<PageText> {
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale: 1 });
  // A slanted watermark is neither the page's direction nor its text (watermark.ts).
  // A lost glyph read as a right-to-left letter does not reorder its item (unmapped-codes.ts).
  // …nor one read as a combining mark lose its place (withLostMarks).
  const all = withLostMarks((await page.getTextContent()).items.map((i) => ('dir' in i && i.dir === 'rtl' ? { ...i, str: drawnOrder(i) } : i)));
  const items = withoutWatermark(all);
  const turn = pageTurn(items, viewport.transform as Matrix);
  const matrix = turnedViewport(viewport.transform as Matrix, turn, viewport.width, viewport.height);
  // A space between Chinese characters stays where the producer drew one: put back by readPage (glyph-spaces.ts).
  const untidy: Untidy = new Map();
  const runs = toTextRuns(items, matrix, untidy);
  // A seal whose words are text: its ring's turned glyphs were among the slanted ones (seal-text.ts).
  const seals = items.length < all.length ? sealDisks(all, matrix) : [];
  const fontNames = await soupFontNames(page, runs);
  // A filled form's values live in its fields' widgets, not in the page's text (form-fields.ts).
  const form = await formFieldRuns(page, matrix, runs, states);
  return { runs: form.fields ? [...runs, ...form.runs] : runs, untidy, turn, fontNames, formFields: form.fields, seals };
}

/** What reading one page may need from the whole document (made at most once, when first needed). */
interface DocumentAids {
  inkProbe(): Promise<InkProbe | null>;
  /** Some page's text layer is unusable on its own: short pages are judged by share (text-quality.ts). */
  brokenElsewhere: boolean;
  /** The size most of the document's characters are set in (faint-text.ts). */
  bodySize: number;
}

/**
 * The page's text quality, judged again when some fonts' glyphs read as their bare codes (their
 * ToUnicode map left them out: unmapped-codes.ts). The operator list stays with the page for readPage.
 */
async function withUnmappedCodes(pdf: PDFDocumentProxy, n: number, { runs, turn }: PageText, quality: PageTextQuality, broken: ReadonlySet<string>, brokenElsewhere: boolean, glyphs: LostGlyphs): Promise<PageTextQuality> {
  // Only a layer read as text needs it (its operator list is read anyway); an unusable one stays so.
  if (judgeLayer(quality, { brokenElsewhere }).kind !== 'usable') return quality;
  const page = await pdf.getPage(n);
  const ops = await page.getOperatorList();
  const found = await glyphs.onPage(page, runs, ops, quality.unmapped > 0);
  if (!found) return quality;
  if (!found.order || turn !== 0) return assessRuns(found.marked, broken, true);
  // What its shape gives is read over the whole document first (lost-glyph-ocr.ts); what stays unread is marked □, however few.
  await glyphs.learnFrom(n);
  return assessRuns(glyphs.reader.apply(n, found.marked, found.slots), broken, true);
}

/**
 * One document's lost glyphs: its fonts numbered by glyph ids, found page by page; its glyph order,
 * made when a page first shows a lost glyph; their shapes, read from the first such page to the last
 * before any of them is laid out, so that a glyph read on page 20 is read on page 2 too.
 */
class LostGlyphs {
  readonly reader: LostGlyphReader;
  private learnt = false;
  constructor(
    private readonly pdf: PDFDocumentProxy,
    private readonly order: LazyGlyphOrder,
    private readonly numbered: Set<string>,
    private readonly budget: OcrBudget,
    /** Page n's text when its layer is read as text, else null. */
    private readonly textOf: (n: number) => PageText | null,
  ) {
    this.reader = new LostGlyphReader(pdf);
  }

  /** The page's lost characters marked (markUnmappedCodes), where they are and the glyph order, or null when it has none. */
  async onPage(page: PDFPageProxy, runs: readonly TextRun[], ops: { fnArray: number[]; argsArray: unknown[] }, unmapped: boolean): Promise<{ marked: TextRun[]; slots: LostSlots; order: GlyphOrder | undefined } | null> {
    const inMap = inToUnicode(page);
    const type3 = type3Fonts(page);
    let lost = unmappedCodeChars(ops.fnArray, ops.argsArray, this.numbered, undefined, undefined, inMap, type3);
    // A page with glyphs its fonts' maps left out: the document's glyph order may read them (glyph-order.ts).
    const order = lost.size || unmapped ? await this.order.for(ops.fnArray, ops.argsArray, this.numbered) : undefined;
    const shared = new Set<string>();
    if (order) lost = unmappedCodeChars(ops.fnArray, ops.argsArray, this.numbered, order, shared, inMap, type3);
    if (!lost.size) return null;
    // Each glyph's own font (a Type 3 line's text item mixes its fonts: glyph-fonts.ts).
    const drawn = glyphFonts(ops.fnArray, ops.argsArray, runs);
    const marked = markUnmappedCodes(runs, lost, drawn);
    return { marked, slots: lostSlots(page, runs, marked, lost, shared, drawn), order };
  }

  /**
   * Shapes read on every upright page from `from` on (once per document). Each page rendered is read
   * like an OCR page: it takes one page of the OCR budget and moves the deadline as one.
   */
  async learnFrom(from: number): Promise<void> {
    if (this.learnt) return;
    this.learnt = true;
    for (let k = from; k <= this.pdf.numPages; k++) {
      const text = this.textOf(k);
      if (!text || text.turn !== 0) continue;
      try {
        const page = await this.pdf.getPage(k);
        const found = await this.onPage(page, text.runs, await page.getOperatorList(), true);
        if (!found?.order) continue;
        await this.reader.learn(k, page, found.marked, found.slots, () => {
          if (this.budget.left <= 0) return false;
          this.budget.left--;
          this.budget.onRenderedPage?.(k);
          return true;
        });
      } catch {
        // a page that cannot be read lends no glyphs; its own reading says why
      }
    }
  }
}

async function readPage(pdf: PDFDocumentProxy, doc: DocumentAids, n: number, quality: PageTextQuality, { turn, seals, untidy }: PageText, issues: ParseIssue[], budget: OcrBudget): Promise<ReadPage> {
  const page: PDFPageProxy = await pdf.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    // Text set sideways (rotation.ts): rulings turned with the runs.
    const matrix = turnedViewport(viewport.transform as Matrix, turn, viewport.width, viewport.height);
    const size = { width: viewport.width, height: viewport.height };
    const layer = judgeLayer(quality, { brokenElsewhere: doc.brokenElsewhere });
    if (layer.kind === 'usable') {
      if (quality.unmapped >= Math.max(3, quality.visible * 0.02) || quality.marked > 0) {
        // A stray symbol-font bullet (U+F0B7 and friends) is not worth a note; text that cannot be read is.
        issues.push({
          code: 'PAGE_UNMAPPED_GLYPHS',
          message:
            quality.marked > 0
              ? `第 ${n} 页的文字层部分损坏：词句中有 ${quality.marked} 个字符的 Unicode 映射错误，已以“${LOST_MARK}”标出，含这些字符的文字和数字未作检查，请核对原件 / page ${n}'s text layer is partly broken: ${quality.marked} glyphs inside words have a wrong Unicode mapping, marked ${LOST_MARK} and not checked`
              : `第 ${n} 页有 ${quality.unmapped} 个字符缺少 Unicode 映射，无法识别 / page ${n} has ${quality.unmapped} glyphs without a Unicode mapping`,
          page: n,
          block: null,
        });
      }
      // Rulings only matter where there is text to place.
      const ops = await page.getOperatorList();
      // The spaces the producer drew between Chinese characters back in (glyph-spaces.ts).
      const text = withDrawnSpaces(quality.usable, untidy, ops);
      if (invisibleTextShare(ops.fnArray, ops.argsArray) >= OCR_LAYER_SHARE && pageHasImage(ops.fnArray)) {
        // A scan with another program's OCR text over it. That text is read again from the page image
        // by our own OCR while the OCR page budget lasts: on the seed's pages 2–6 scanned and OCR'd by
        // ocrmypdf/Tesseract, the layer gave 4 of the 8 findings of the vector pages and 22 false
        // warnings; our OCR of the same images gave 8 of 8 and none (straight or 1.5° askew).
        const reread = await rereadOcrLayerPage(pdf, page, n, ops, budget);
        if (reread) return { ...size, primitives: reread };
        // Past the budget (or nothing read): the layer's words, the grid from the image; look-alike misreadings
        // corrected as in text our OCR read without the recogniser's word (confusables.ts).
        const grid = imageGrid(await pageImage(pdf, page, ops));
        const runs = correctLayerLookalikes(ocrLayerRuns(straightenRuns(text, grid.skew, grid.centre), grid.rulings), grid.rulings);
        return { ...size, primitives: { page: n, ...size, runs, rulings: grid.rulings, textSource: 'ocr-layer', rotation: 0, confidence: null } };
      }
      // A level watermark painted faint over the tables is not the page's text (faint-text.ts).
      const scan = scanOperators(ops.fnArray, ops.argsArray, matrix);
      const usable = withoutFaintWatermark(text, scan.faint, doc.bodySize);
      const centres = usable.map((r) => ({ x: (r.x0 + r.x1) / 2, y: (r.top + r.bottom) / 2 }));
      const { notes, ...rulings } = rulingsOf(scan, centres);
      // A reviewer's comment flattened into the page, a red 作废/草稿 stamp over it, a seal's words: not the page's text (rulings.ts, faint-text.ts, seal-text.ts).
      const runs = withoutSealText(withoutVividStamp(dropNoteRuns(usable, notes), scan.vivid, doc.bodySize, rulings), seals, scan.vivid, scan.vividAt);
      return { ...size, primitives: { page: n, ...size, runs, rulings, textSource: 'vector', rotation: turn, confidence: null } };
    }
    // No text layer (a scan, or text drawn as outlines), or one that cannot be read (fonts without
    // a Unicode map, glyph soup): read the page image. A page without a text layer is worth
    // reporting only when it shows something; a blank page (a page break in Word) is not.
    const unusable = layer.kind === 'unusable' ? layer : null;
    if (!unusable) {
      // Blank or not, decided without decoding the page's images (ink-probe.ts); the operator list only when unsure.
      const probe = await doc.inkProbe();
      const ink = probe?.hasInk(n - 1) ?? pageHasInk((await page.getOperatorList()).fnArray);
      if (!ink) return { ...size, primitives: null };
    }
    const why = unusable ? unusableReason(n, unusable) : `第 ${n} 页没有文字层`;
    const whyEn = unusable ? `page ${n}'s text layer cannot be used (${unusable.count} ${unusable.reason === 'soup' ? 'garbled' : 'unmapped'} glyphs)` : `page ${n} has no text layer`;
    const code = unusable ? 'PAGE_UNMAPPED_GLYPHS' : 'PAGE_NO_TEXT';
    if (budget.left <= 0) {
      issues.push({ code, message: `${why}，超过 OCR 页数上限，内容未读取 / ${whyEn} and is past the OCR page limit`, page: n, block: null });
      return { ...size, primitives: null };
    }
    budget.left--;
    if (unusable) budget.onRenderedPage?.(n);
    const ops = await page.getOperatorList();
    const ocr = await ocrPdfPage(pdf, page, n, ops);
    // Glyphs a viewer cannot draw either (boxes, .notdef) read as a few unsure marks: not text.
    if (unusable && ocr.primitives && !credibleOcr(ocr.primitives)) {
      ocr.primitives = null;
      ocr.reason = 'no-text';
    }
    if (ocr.primitives) {
      if (unusable) issues.push({ code, message: `${why}，已按页面图像 OCR 识别 / ${whyEn}; read by OCR from the page image`, page: n, block: null });
      return { ...size, primitives: ocr.primitives, ocrCause: unusable ? 'unusable-layer' : pageHasImage(ops.fnArray) ? 'scan' : 'outlines' };
    }
    if (ocr.reason === 'low-resolution') {
      issues.push({
        code,
        message: `${why}，扫描分辨率过低（${ocr.dpi} dpi），无法可靠识别，内容未读取 / ${whyEn} and its image is too coarse for OCR (${ocr.dpi} dpi)`,
        page: n,
        block: null,
      });
    } else if (ocr.reason !== 'blank' || unusable) {
      issues.push({ code, message: `${why}，OCR 也未识别出文字，内容未读取 / ${whyEn} and OCR found no text`, page: n, block: null });
    }
    return { ...size, primitives: null };
  } finally {
    page.cleanup();
  }
}

/** Issues of a page that shows something but could not be read (readPage, parsePdfDocument). */
const PAGE_NOT_READ = new Set(['PAGE_NO_TEXT', 'PAGE_UNMAPPED_GLYPHS', 'PAGE_UNREADABLE']);

/** The page issue of a scan too coarse to read (below), and its dpi. */
const LOW_RESOLUTION = /扫描分辨率过低（(\d+) dpi）/u;

/** Mean OCR confidence below which a page whose text layer was unusable is taken as unread. */
const MIN_CREDIBLE_OCR = 0.5;

function unusableReason(n: number, layer: Extract<LayerVerdict, { kind: 'unusable' }>): string {
  return layer.reason === 'soup'
    ? `第 ${n} 页的文字层无法使用（${layer.count} 个字符是乱码，字体编码错误）`
    : `第 ${n} 页的文字层无法使用（${layer.count} 个字符缺少 Unicode 映射）`;
}

/**
 * One note for the reviewer when pages were read by OCR: which pages, how surely. Findings resting
 * on them are capped at warnings by makeFinding; this says why.
 */
/** Another program's OCR layer read again from the page image by our OCR; null past the budget or when nothing credible was read. */
async function rereadOcrLayerPage(pdf: PDFDocumentProxy, page: PDFPageProxy, n: number, ops: Awaited<ReturnType<PDFPageProxy['getOperatorList']>>, budget: OcrBudget): Promise<PagePrimitives | null> {
  if (budget.left <= 0) return null;
  budget.left--;
  const ocr = await ocrPdfPage(pdf, page, n, ops);
  return ocr.primitives && credibleOcr(ocr.primitives) ? ocr.primitives : null;
}

/** OCR that read something: glyphs a viewer cannot draw either (boxes, .notdef) read as a few unsure marks. */
export function credibleOcr(primitives: PagePrimitives): boolean {
  return (primitives.confidence ?? 0) >= MIN_CREDIBLE_OCR;
}

export function ocrSummary(pageInfo: readonly PageInfo[], causes: ReadonlyMap<number, OcrCause>): ParseIssue | null {
  const read = pageInfo.filter((p) => p.textSource === 'ocr');
  if (!read.length) return null;
  const mean = read.reduce((s, p) => s + (p.confidence ?? 0), 0) / read.length;
  const said = { scan: ['是扫描图像', 'are images'], outlines: ['的文字是曲线（转曲，没有文字层）', 'have their text drawn as outlines'], 'unusable-layer': ['的文字层无法使用', 'have an unusable text layer'] } as const;
  const zh: string[] = [];
  const en: string[] = [];
  for (const cause of ['scan', 'outlines', 'unusable-layer'] as const) {
    const pages = read.filter((p) => (causes.get(p.page) ?? 'scan') === cause).map((p) => p.page);
    if (!pages.length) continue;
    zh.push(`第 ${pageRanges(pages)} 页${said[cause][0]}`);
    en.push(`pages ${pageRanges(pages)} ${said[cause][1]}`);
  }
  return {
    code: 'IMAGE_PAGES_READ',
    message: `${zh.join('，')}，文字由 OCR 识别（平均置信度 ${mean.toFixed(2)}），据此得出的发现请核对原件 / ${en.join(', ')}, read by OCR (mean confidence ${mean.toFixed(2)})`,
    page: null,
    block: null,
  };
}

/** One note when values were read from a filled form's fields rather than from the pages' text. */
function formFieldSummary(pageInfo: readonly PageInfo[]): ParseIssue | null {
  const pages = pageInfo.filter((p) => p.formFields);
  if (!pages.length) return null;
  const count = pages.reduce((s, p) => s + (p.formFields ?? 0), 0);
  return {
    code: 'FORM_FIELDS_READ',
    message: `第 ${pageRanges(pages.map((p) => p.page))} 页是可填写的表单（AcroForm），${count} 个表单域的填写值不在页面文字中，已按表单域所在位置读入表格 / ${count} filled form field values (AcroForm) on pages ${pageRanges(pages.map((p) => p.page))} were read at their fields' positions`,
    page: null,
    block: null,
  };
}

/** [1,2,3,5] → "1–3、5". */
export function pageRanges(pages: number[]): string {
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
 * Text from another program's OCR layer gets its bracket pairs normalised (〈…) → （…）).
 */
export function markTextSources(blocks: Block[], pageInfo: readonly PageInfo[]): Block[] {
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
      if (s === 'ocr-layer') b.text = normalizeOcrBrackets(b.text);
    } else {
      for (const c of b.cells) {
        const s = of([c.page]);
        if (s) c.textSource = s;
        if (s === 'ocr-layer') c.text = normalizeOcrBrackets(c.text);
      }
    }
  }
  return blocks;
}

/**
 * Paragraphs and cells from a partly broken page whose text holds the □ that stands for a lost
 * character say so (damagedGlyphs), and every value read from them in its location: a finding
 * resting on them is at most a warning (src/rules/finding.ts). A □ on an intact page is the author's.
 */
export function markLostGlyphs(blocks: Block[], pages: ReadonlySet<number>): Block[] {
  if (!pages.size) return blocks;
  const on = (p: number | null) => p !== null && pages.has(p);
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      if (b.text.includes(LOST_MARK) && [b.page, ...(b.pageBreaks ?? []).map((x) => x.page)].some(on)) b.damagedGlyphs = true;
    } else {
      for (const c of b.cells) if (c.text.includes(LOST_MARK) && on(c.page)) c.damagedGlyphs = true;
    }
  }
  return blocks;
}

export function assemble(pages: PageContent[]): ReturnType<typeof buildBlocks> {
  const furniture = findFurniture(
    pages.map((p): PageLines => ({ page: p.page, width: p.width, height: p.height, lines: p.lines, textSizes: p.textSizes, tables: p.tables.map((t) => [t.bbox[1], t.bbox[3]] as const) })),
  );
  const flow: FlowItem[] = [];
  const bodyLines: TextLine[] = [];
  const bodyLinesOf = new Map<number, TextLine[]>();
  // The rule-less table that ended the page before at its foot (nothing of the body below it).
  let carried: PageTable | null = null;
  for (const p of pages) {
    const items: { top: number; item: FlowItem }[] = [];
    const body = p.lines.filter((line) => !furniture.has(line));
    const borderless = findBorderlessTables(body, p.page, carried?.page === p.page - 1 ? carried : null);
    const own: TextLine[] = [];
    bodyLinesOf.set(p.page, own);
    for (const line of borderless.rest) {
      bodyLines.push(line);
      own.push(line);
      items.push({ top: line.top, item: { kind: 'line', page: p.page, line } });
    }
    for (const table of [...p.tables, ...borderless.tables]) items.push({ top: table.bbox[1], item: { kind: 'table', page: p.page, table } });
    items.sort((a, b) => a.top - b.top);
    flow.push(...items.map((x) => x.item));
    const last = items.at(-1)?.item;
    carried = last?.kind === 'table' && last.table.source === 'borderless' ? last.table : null;
  }
  return buildBlocks(flow, textColumns(pages, bodyLinesOf, bodyLines));
}

/**
 * The text column of each page, measured over the pages of its size (a landscape form section
 * has a wider column than the portrait narrative around it); a size with too few lines of its own
 * takes the column of the whole document.
 */
function textColumns(pages: readonly PageContent[], linesOf: ReadonlyMap<number, TextLine[]>, all: readonly TextLine[]): (page: number) => TextColumn {
  const whole = measureTextColumn(all);
  const sizeOf = (p: PageContent) => Math.round(p.width / 20);
  const sizes = new Map<number, TextLine[]>();
  for (const p of pages) {
    const lines = sizes.get(sizeOf(p)) ?? [];
    for (const l of linesOf.get(p.page) ?? []) lines.push(l);
    sizes.set(sizeOf(p), lines);
  }
  if (sizes.size === 1) return () => whole;
  const columns = new Map<number, TextColumn>();
  for (const [size, lines] of sizes) columns.set(size, lines.filter((l) => l.text.length >= 8).length >= 8 ? measureTextColumn(lines) : whole);
  const byPage = new Map(pages.map((p) => [p.page, columns.get(sizeOf(p)) ?? whole]));
  return (page) => byPage.get(page) ?? whole;
}
