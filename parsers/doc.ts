import type { DocumentModel } from '../schemas/document.js';
import { InputError } from '../src/errors.js';

/** Legacy Word 97 (.doc) → .docx via LibreOffice → DocumentModel. Owned by issue 3. */
export interface DocOptions {
  timeoutMs?: number;
}

export async function parseDoc(_bytes: Uint8Array, _options: DocOptions = {}): Promise<DocumentModel> {
  throw new InputError('DOC_CONVERTER_MISSING', '.doc 转换尚未接入 / .doc conversion not yet wired');
}
