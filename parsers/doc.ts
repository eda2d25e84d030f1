import type { DocumentModel } from '../schemas/document.js';
import type { DocConversionOptions } from './doc/convert.js';
import { WORD_97_FILTER } from './doc/filters.js';
import { parseDocx } from './docx.js';

/** Legacy Word 97 (.doc) and the other Word-family files LibreOffice reads → DocumentModel. Owned by issue 3. */
export interface DocOptions extends DocConversionOptions {}

/**
 * LibreOffice's import filter for each container it converts for us. The filter is always forced:
 * without it LibreOffice imports an unreadable file as plain text and "succeeds" with garbage.
 */
export const OFFICE_IMPORT_FILTERS = {
  doc: WORD_97_FILTER,
  rtf: 'Rich Text Format',
  odt: 'writer8',
  fodt: 'OpenDocument Text Flat XML',
} as const;
export type OfficeConvertedFormat = keyof typeof OFFICE_IMPORT_FILTERS;

/**
 * A .doc (or RTF, ODT) is converted to .docx by LibreOffice headless (tables and merges survive the
 * round trip, which no JavaScript .doc reader we measured managed), then read by the Word parser.
 */
export async function parseDoc(bytes: Uint8Array, options: DocOptions = {}, container: OfficeConvertedFormat = 'doc'): Promise<DocumentModel> {
  // Loaded with the first such file (按需加载): the LibreOffice pool's modules and Node's child_process, net,
  // os and fs/promises cost ≈ 10 ms CPU at every pipeline thread's start, and a .docx never needs them.
  const { convertDocToDocx } = await import('./doc/convert.js');
  const docx = await convertDocToDocx(bytes, { ...options, filter: OFFICE_IMPORT_FILTERS[container] });
  return { ...parseDocx(docx), format: 'doc' };
}
