import type { DocumentModel } from '../schemas/document.js';
import { InputError, PictureRefusal } from '../src/errors.js';
import { repairModelGlyphs } from './glyph-repair.js';
import { parseDoc, type DocOptions } from './doc.js';
import { hasPictureParts, parseDocx, parseFlatOpc, parseWordXml, type DocxOptions } from './docx.js';
import { parseHtml, parseHtmlText } from './html.js';
import { mhtmlHtml } from './mht.js';
import type { PdfOptions } from './pdf.js';
import { imageSize } from './image-size.js';
import { nameFromBytes } from './byte-name.js';
import { archiveEntries, baseName, nameList, pdfAttachments, pictureAsPdf, type InnerFile } from './inner-report.js';
import { contractFormat, emptyReason, sniffFormat, unknownReason, type SniffedFormat } from './sniff.js';

/**
 * The readers of PDF, OFD, workbooks and pictures pasted into a .docx (OCR), loaded when a file needs
 * them (按需加载): a pipeline thread that reads only .docx without pictures never loads their 74 modules
 * (730 KB of compiled code, the OCR vocabulary among them).
 */
const parsePdf = async (bytes: Uint8Array, options?: PdfOptions) => (await import('./pdf.js')).parsePdf(bytes, options);

export interface ParseOptions {
  docx?: DocxOptions;
  pdf?: PdfOptions;
  doc?: DocOptions;
}

/**
 * Bytes of any supported container → DocumentModel, its text glyph-repaired (radical and
 * compatibility code points → ideographs). Throws InputError with a contract code.
 */
export async function parseDocument(bytes: Uint8Array, options: ParseOptions = {}): Promise<DocumentModel> {
  return parseAny(bytes, options, true);
}

/** `unwrap`: a report inside a zip archive or attached to a PDF is read (not again inside that one: one level). */
async function parseAny(bytes: Uint8Array, options: ParseOptions, unwrap: boolean): Promise<DocumentModel> {
  const format = sniffFormat(bytes);
  if (unwrap && format === 'zip-other') return parseArchive(bytes, options);
  if (unwrap && format === 'pdf') {
    const attached = await parsePdfWithAttachments(bytes, options);
    if (attached) return attached;
  }
  const model = repairModelGlyphs(await parseContainer(bytes, format, options));
  const container = CONVERTED_CONTAINERS[format];
  // The contract's formats are docx | doc | pdf: any other container is "doc" (OFD, a fixed-layout
  // document read by page: "pdf"), with one note saying what it was.
  return container ? { ...model, format: contractFormat(format) ?? 'doc', issues: [convertedNote(container), ...model.issues] } : model;
}

interface ContainerName {
  zh: string;
  en: string;
}

/** What a reviewer calls each container that is neither .docx, .doc nor PDF. */
const CONVERTED_CONTAINERS: Partial<Record<SniffedFormat, ContainerName>> = {
  rtf: { zh: 'RTF 文档', en: 'RTF' },
  odt: { zh: 'OpenDocument 文档（.odt）', en: 'OpenDocument (.odt)' },
  fodt: { zh: 'OpenDocument 文档（.fodt）', en: 'flat OpenDocument (.fodt)' },
  html: { zh: '网页格式（HTML）', en: 'a web page (HTML)' },
  mhtml: { zh: '单个文件网页（MHT）', en: 'a single-file web page (MHTML)' },
  wordml: { zh: 'Word 2003 XML 文档', en: 'Word 2003 XML' },
  flatopc: { zh: 'Word XML 文档（Flat OPC）', en: 'Word XML (Flat OPC)' },
  xlsx: { zh: 'Excel 工作簿（.xlsx）', en: 'an Excel workbook (.xlsx)' },
  ofd: { zh: 'OFD 版式文档（GB/T 33190）', en: 'an OFD fixed-layout document (GB/T 33190)' },
  image: { zh: '图片（扫描页），已按扫描件识别', en: 'a picture (a scanned page), read by OCR' },
};

/** Said once per file whose container is not a Word document, so a reviewer knows how it was read. */
function convertedNote(container: ContainerName): DocumentModel['issues'][number] {
  return { code: 'CONTAINER_CONVERTED', message: `文件实为${container.zh}，已按其内容读取 / the file is ${container.en}, read as such`, page: null, block: null };
}

async function parseContainer(bytes: Uint8Array, format: SniffedFormat, options: ParseOptions): Promise<DocumentModel> {
  switch (format) {
    case 'docx': {
      const model = parseDocx(bytes, options.docx);
      // Tables pasted as pictures are read by OCR (parsers/ocr/docx-images.ts); most reports hold no picture.
      if (!hasPictureParts(bytes, options.docx?.zipLimits)) return model;
      return (await import('./ocr/docx-images.js')).readPastedTables(bytes, model, options.docx?.zipLimits);
    }
    case 'pdf':
      return parsePdf(bytes, options.pdf);
    case 'image':
      return parsePicture(bytes, options);
    case 'doc':
      return parseDoc(bytes, options.doc);
    // Word-family files other programs write, often still named .doc: read for what they are.
    case 'rtf':
    case 'odt':
    case 'fodt':
      return parseDoc(bytes, options.doc, format);
    case 'html':
      return parseHtml(bytes);
    case 'mhtml':
      return parseHtmlText(mhtmlHtml(bytes));
    case 'wordml':
      return parseWordXml(bytes);
    case 'flatopc':
      return parseFlatOpc(bytes);
    case 'empty':
      throw new InputError('EMPTY_FILE', emptyReason(bytes));
    case 'encrypted-ooxml':
    case 'encrypted-doc':
      // The contract's code for a password-protected file (named for PDFs, where it first arose).
      throw new InputError('ENCRYPTED_PDF', '文件已加密（Word 文档设置了打开密码），无法读取内容，请提交未加密的文件 / the document is password-protected');
    case 'xlsx':
      // A workbook holding the forms is read sheet by sheet (parsers/xlsx); any other workbook is refused, saying why.
      return (await import('./xlsx/index.js')).parseXlsx(bytes, { zipLimits: options.docx?.zipLimits });
    case 'ofd':
      return (await import('./ofd/index.js')).parseOfd(bytes, { zipLimits: options.docx?.zipLimits, maxPages: options.pdf?.maxPages, maxOcrPages: options.pdf?.maxOcrPages, onOcrPage: options.pdf?.onRenderedOcrPage });
    case 'pptx':
      throw new InputError('UNSUPPORTED_FORMAT', '这是 PowerPoint 演示文稿（.pptx），不是 Word 文档：请提交 .docx、.doc 或 .pdf / a PowerPoint presentation, not a report');
    case 'zip-other':
      throw new InputError('UNSUPPORTED_FORMAT', '压缩包不是 Word 文档（缺少 word/ 部件） / a zip package that is not a Word document');
    default:
      throw new InputError('UNSUPPORTED_FORMAT', unknownReason(bytes));
  }
}

/** A picture of a page (JPEG, PNG, BMP, GIF, WebP; a TIFF of pages) read as a scan; its errors name it as a picture, not a PDF. */
async function parsePicture(bytes: Uint8Array, options: ParseOptions): Promise<DocumentModel> {
  const size = imageSize(bytes)!;
  const what = `这是图片文件（${size.format.toUpperCase()}，${size.pages && size.pages > 1 ? `${size.pages} 页，` : ''}${size.width}×${size.height} 像素）`;
  try {
    return await parsePdf(await pictureAsPdf(bytes, size), options.pdf);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.code === 'NO_TEXT_LAYER') {
      const coarse = /分辨率过低（[^）]*）/u.exec(e.message)?.[0];
      throw new InputError('UNSUPPORTED_FORMAT', `${what}，按扫描页识别未读出文字${coarse ? `：${coarse}` : ''}，不是报告文档：请提交 Word 文档、PDF，或清晰的扫描页（150 dpi 以上） / a picture in which OCR found no text`, { cause: e });
    }
    // A refusal that names the picture already (picture.ts, tiff.ts) is said once.
    throw e instanceof PictureRefusal ? e : new InputError(e.code, `${what}：${e.message}`, { cause: e });
  }
}

/**
 * A zip archive that is not an Office package: the report it holds is read when it holds exactly
 * one (a docx, doc, pdf … by its bytes); several are refused naming them (one file is one report:
 * each must be submitted on its own), none is refused saying what the archive holds.
 */
async function parseArchive(bytes: Uint8Array, options: ParseOptions): Promise<DocumentModel> {
  const { zip, names } = archiveEntries(bytes, options.docx?.zipLimits);
  const documents: InnerFile[] = [];
  const workbooks: InnerFile[] = [];
  for (const name of names) {
    const inner = zip.read(name);
    const format = inner ? sniffFormat(inner) : 'empty';
    if (contractFormat(format) !== null) documents.push({ name: nameFromBytes(name), bytes: inner! });
    else if (format === 'xlsx') workbooks.push({ name: nameFromBytes(name), bytes: inner! });
  }
  // A workbook beside the report is its 附表, not a second report; alone, it may be the form itself.
  const reports = documents.length ? documents : workbooks;
  const shown = names.map((n) => baseName(nameFromBytes(n)));
  if (reports.length === 0) {
    throw new InputError('UNSUPPORTED_FORMAT', `压缩包不是 Word 文档，其中也没有报告文档（${shown.length ? `内有 ${nameList(shown)}` : '不含文件'}）：请提交 .docx、.doc 或 .pdf / a zip archive holding no report document`);
  }
  if (reports.length > 1) {
    throw new InputError(
      'UNSUPPORTED_FORMAT',
      `压缩包内有 ${reports.length} 份报告文档（${nameList(reports.map((r) => baseName(r.name)))}），一个文件只能是一份报告：请解压后逐份提交 / a zip archive of ${reports.length} documents: unpack it and submit each one`,
    );
  }
  const [report] = reports;
  const model = await parseAny(report.bytes, options, false);
  return { ...model, issues: [innerNote(`压缩包中的「${report.name}」`, `"${report.name}" in the zip archive`), ...model.issues] };
}

/**
 * A PDF that carries its report as an attached file (附件): the attachment is read when the PDF's
 * own pages hold no report — no text at all, or a cover page of a few lines and no table. Null when
 * the PDF has no attachment that is a report, or its own pages are the report (then read as usual).
 */
async function parsePdfWithAttachments(bytes: Uint8Array, options: ParseOptions): Promise<DocumentModel | null> {
  const attached = (await pdfAttachments(bytes)).map((a) => ({ ...a, format: sniffFormat(a.bytes) }));
  const documents = attached.filter((a) => contractFormat(a.format) !== null);
  // A workbook beside a document is its 附表; alone, it may be the form itself.
  const reports: InnerFile[] = documents.length ? documents : attached.filter((a) => a.format === 'xlsx');
  if (!reports.length) return null;
  let own: DocumentModel | null = null;
  try {
    own = repairModelGlyphs(await parsePdf(bytes, options.pdf));
  } catch (e) {
    // Only a PDF with nothing to read gives way to its attachment; any other fault is the PDF's own.
    if (!(e instanceof InputError) || e.code !== 'NO_TEXT_LAYER') throw e;
  }
  if (own && !isCoverOnly(own)) return { ...own, issues: [attachmentsNote(reports), ...own.issues] };
  // The largest attachment is the report (a cover letter beside it is shorter).
  const report = reports.reduce((a, b) => (b.bytes.length > a.bytes.length ? b : a));
  const model = await parseAny(report.bytes, options, false);
  const others = reports.filter((r) => r !== report);
  return { ...model, issues: [innerNote(`PDF 的附件「${report.name}」`, `the PDF's attachment "${report.name}"`), ...(others.length ? [attachmentsNote(others)] : []), ...model.issues] };
}

/** Characters of text below which a PDF with no table is a cover page (a title, "详见附件", a signature). */
const COVER_PAGE_CHARS = 300;

function isCoverOnly(model: DocumentModel): boolean {
  let chars = 0;
  for (const block of model.blocks) {
    if (block.kind === 'table') return false;
    chars += block.text.replace(/\s+/gu, '').length;
  }
  return chars < COVER_PAGE_CHARS;
}

function innerNote(zh: string, en: string): DocumentModel['issues'][number] {
  return { code: 'CONTAINER_CONVERTED', message: `报告取自${zh}，已按其内容读取 / the report is ${en}, read as such`, page: null, block: null };
}

function attachmentsNote(reports: InnerFile[]): DocumentModel['issues'][number] {
  return { code: 'ATTACHMENTS_NOT_READ', message: `PDF 另附有文件 ${nameList(reports.map((r) => r.name))}，未读取 / the PDF carries attached files that were not read`, page: null, block: null };
}

export { contractFormat, sniffFormat } from './sniff.js';
