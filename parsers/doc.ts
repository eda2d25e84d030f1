import type { DocumentModel } from '../schemas/document.js';
import { convertDocToDocx, type DocConversionOptions } from './doc/convert.js';
import { parseDocx } from './docx.js';

/** Legacy Word 97 (.doc) → .docx via LibreOffice → DocumentModel. Owned by issue 3. */
export interface DocOptions extends DocConversionOptions {}

/**
 * A .doc is converted to .docx by LibreOffice headless (tables and merges survive the round trip,
 * which no JavaScript .doc reader we measured managed), then read by the Word parser.
 */
export async function parseDoc(bytes: Uint8Array, options: DocOptions = {}): Promise<DocumentModel> {
  const docx = await convertDocToDocx(bytes, options);
  const model = parseDocx(docx);
  return { ...model, format: 'doc' };
}
