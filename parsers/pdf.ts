import type { DocumentModel } from '../schemas/document.js';
import { parsePdfDocument, type PdfParseOptions } from './pdf/parse.js';

/**
 * PDF → DocumentModel: the entry point the pipeline calls. Its options are the reader's own
 * (PdfParseOptions: page and OCR limits with their defaults, the OCR-page callback) — one
 * declaration, so a new option cannot be dropped on the way in.
 */
export type PdfOptions = PdfParseOptions;

export async function parsePdf(bytes: Uint8Array, options: PdfOptions = {}): Promise<DocumentModel> {
  return parsePdfDocument(bytes, options);
}
