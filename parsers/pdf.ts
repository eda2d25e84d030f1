import type { DocumentModel } from '../schemas/document.js';
import { InputError } from '../src/errors.js';

/** PDF → DocumentModel. Owned by the PDF work (issue 3); this entry point is what the pipeline calls. */
export interface PdfOptions {
  maxPages?: number;
}

export async function parsePdf(_bytes: Uint8Array, _options: PdfOptions = {}): Promise<DocumentModel> {
  throw new InputError('UNSUPPORTED_FORMAT', 'PDF 解析器尚未接入 / PDF parser not yet wired');
}
