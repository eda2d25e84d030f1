import type { DocumentModel } from '../schemas/document.js';
import { InputError } from '../src/errors.js';
import { repairModelGlyphs } from './glyph-repair.js';
import { parseDoc, type DocOptions } from './doc.js';
import { parseDocx, parseFlatOpc, parseWordXml, type DocxOptions } from './docx.js';
import { parseHtml, parseHtmlText } from './html.js';
import { mhtmlHtml } from './mht.js';
import { readPastedTables } from './ocr/docx-images.js';
import { parseOfd } from './ofd/index.js';
import { parsePdf, type PdfOptions } from './pdf.js';
import { contractFormat, emptyReason, sniffFormat, unknownReason, type SniffedFormat } from './sniff.js';
import { parseXlsx } from './xlsx/index.js';

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
  const format = sniffFormat(bytes);
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
};

/** Said once per file whose container is not a Word document, so a reviewer knows how it was read. */
function convertedNote(container: ContainerName): DocumentModel['issues'][number] {
  return { code: 'CONTAINER_CONVERTED', message: `文件实为${container.zh}，已按其内容读取 / the file is ${container.en}, read as such`, page: null, block: null };
}

async function parseContainer(bytes: Uint8Array, format: SniffedFormat, options: ParseOptions): Promise<DocumentModel> {
  switch (format) {
    case 'docx':
      // Tables pasted as pictures are read by OCR (parsers/ocr/docx-images.ts).
      return readPastedTables(bytes, parseDocx(bytes, options.docx), options.docx?.zipLimits);
    case 'pdf':
      return parsePdf(bytes, options.pdf);
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
      return parseXlsx(bytes, { zipLimits: options.docx?.zipLimits });
    case 'ofd':
      return parseOfd(bytes, { zipLimits: options.docx?.zipLimits, maxPages: options.pdf?.maxPages, maxOcrPages: options.pdf?.maxOcrPages, onOcrPage: options.pdf?.onRenderedOcrPage });
    case 'pptx':
      throw new InputError('UNSUPPORTED_FORMAT', '这是 PowerPoint 演示文稿（.pptx），不是 Word 文档：请提交 .docx、.doc 或 .pdf / a PowerPoint presentation, not a report');
    case 'zip-other':
      throw new InputError('UNSUPPORTED_FORMAT', '压缩包不是 Word 文档（缺少 word/ 部件） / a zip package that is not a Word document');
    default:
      throw new InputError('UNSUPPORTED_FORMAT', unknownReason(bytes));
  }
}

export { contractFormat, sniffFormat } from './sniff.js';
