import type { DocumentModel } from '../schemas/document.js';
import { InputError } from '../src/errors.js';
import { repairModelGlyphs } from './glyph-repair.js';
import { convertedNote, parseDoc, type DocOptions } from './doc.js';
import { parseDocx, parseFlatOpc, parseWordXml, type DocxOptions } from './docx.js';
import { parseHtml, parseHtmlText } from './html.js';
import { mhtmlHtml } from './mht.js';
import { readPastedTables } from './ocr/docx-images.js';
import { parsePdf, type PdfOptions } from './pdf.js';
import { sniffFormat } from './sniff.js';
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
  return repairModelGlyphs(await parseContainer(bytes, options));
}

async function parseContainer(bytes: Uint8Array, options: ParseOptions): Promise<DocumentModel> {
  const format = sniffFormat(bytes);
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
      return withNote(parseHtml(bytes), { zh: '网页格式（HTML）', en: 'a web page (HTML)' });
    case 'mhtml':
      return withNote(parseHtmlText(mhtmlHtml(bytes)), { zh: '单个文件网页（MHT）', en: 'a single-file web page (MHTML)' });
    case 'wordml':
      return withNote(parseWordXml(bytes), { zh: 'Word 2003 XML 文档', en: 'Word 2003 XML' });
    case 'flatopc':
      return withNote(parseFlatOpc(bytes), { zh: 'Word XML 文档（Flat OPC）', en: 'Word XML (Flat OPC)' });
    case 'empty':
      throw new InputError('EMPTY_FILE', '文件为空（0 字节） / the file is empty');
    case 'xlsx':
      // A workbook holding the forms is read sheet by sheet (parsers/xlsx); any other workbook is refused, saying why.
      return parseXlsx(bytes, { zipLimits: options.docx?.zipLimits });
    case 'pptx':
      throw new InputError('UNSUPPORTED_FORMAT', '这是 PowerPoint 演示文稿（.pptx），不是 Word 文档：请提交 .docx、.doc 或 .pdf / a PowerPoint presentation, not a report');
    case 'zip-other':
      throw new InputError('UNSUPPORTED_FORMAT', '压缩包不是 Word 文档（缺少 word/ 部件） / a zip package that is not a Word document');
    default:
      throw new InputError('UNSUPPORTED_FORMAT', '无法识别的文件格式：仅支持 Word 文档（.docx、.doc，及另存为 RTF、ODT、网页、MHT 的）和 PDF / unsupported file format');
  }
}

function withNote(model: DocumentModel, container: Parameters<typeof convertedNote>[0]): DocumentModel {
  return { ...model, format: 'doc', issues: [convertedNote(container), ...model.issues] };
}

export { contractFormat, sniffFormat } from './sniff.js';
