import type { DocumentModel } from '../schemas/document.js';
import { parsePdfDocument, DEFAULT_MAX_OCR_PAGES, DEFAULT_MAX_PAGES } from './pdf/parse.js';

/** PDF → DocumentModel. Owned by the PDF work (issue 3); this entry point is what the pipeline calls. */
export interface PdfOptions {
  /** Refuse documents with more pages (LIMIT_EXCEEDED); default 2000. */
  maxPages?: number;
  /** Read at most this many pages by OCR (pages without a text layer); default 100. */
  maxOcrPages?: number;
  /** Called before a page with an unusable text layer is rendered for OCR (see PdfParseOptions). */
  onRenderedOcrPage?: (page: number) => void;
}

export async function parsePdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<DocumentModel> {
  return parsePdfDocument(bytes, { maxPages: options.maxPages ?? DEFAULT_MAX_PAGES, maxOcrPages: options.maxOcrPages ?? DEFAULT_MAX_OCR_PAGES, onRenderedOcrPage: options.onRenderedOcrPage });
}
