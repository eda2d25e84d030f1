import type { DocumentModel } from '../schemas/document.js';
import { convertDocToDocx, type DocConversionOptions } from './doc/convert.js';
import { parseDocx } from './docx.js';

/** Legacy Word 97 (.doc) and the other Word-family files LibreOffice reads → DocumentModel. Owned by issue 3. */
export interface DocOptions extends DocConversionOptions {}

/**
 * LibreOffice's import filter for each container it converts for us. The filter is always forced:
 * without it LibreOffice imports an unreadable file as plain text and "succeeds" with garbage.
 */
export const OFFICE_IMPORT_FILTERS = {
  doc: 'MS Word 97',
  rtf: 'Rich Text Format',
  odt: 'writer8',
  fodt: 'OpenDocument Text Flat XML',
} as const;
export type OfficeConvertedFormat = keyof typeof OFFICE_IMPORT_FILTERS;

/** What a reviewer calls each container, for messages. */
const CONTAINER_NAMES: Record<OfficeConvertedFormat, ContainerName> = {
  doc: { zh: 'Word 97–2003 文档（.doc）', en: 'Word 97–2003' },
  rtf: { zh: 'RTF 文档', en: 'RTF' },
  odt: { zh: 'OpenDocument 文档（.odt）', en: 'OpenDocument (.odt)' },
  fodt: { zh: 'OpenDocument 文档（.fodt）', en: 'flat OpenDocument (.fodt)' },
};

export interface ContainerName {
  zh: string;
  en: string;
}

/**
 * A .doc (or RTF, ODT) is converted to .docx by LibreOffice headless (tables and merges survive the
 * round trip, which no JavaScript .doc reader we measured managed), then read by the Word parser.
 */
export async function parseDoc(bytes: Uint8Array, options: DocOptions = {}, container: OfficeConvertedFormat = 'doc'): Promise<DocumentModel> {
  const docx = await convertDocToDocx(bytes, { ...options, filter: OFFICE_IMPORT_FILTERS[container] });
  const model = parseDocx(docx);
  const issues = container === 'doc' ? model.issues : [convertedNote(CONTAINER_NAMES[container]), ...model.issues];
  return { ...model, format: 'doc', issues };
}

/** Said once per file whose container is not a Word document, so a reviewer knows how it was read. */
export function convertedNote(container: ContainerName): DocumentModel['issues'][number] {
  return { code: 'CONTAINER_CONVERTED', message: `文件实为${container.zh}，已按其内容读取 / the file is ${container.en}, read as such`, page: null, block: null };
}
