import { readFileSync } from 'node:fs';
import type { DocumentModel } from '../../schemas/document.js';
import { parseDocument } from '../../parsers/index.js';
import { checkModel } from './check.js';

const models = new Map<string, Promise<DocumentModel>>();

/** A corpus document's file (test/corpus/real/<id>/<id>.<ext>) parsed once per test file. */
export function corpusModel(id: string, ext = 'docx'): Promise<DocumentModel> {
  const file = `${id}.${ext}`;
  if (!models.has(file)) models.set(file, parseDocument(new Uint8Array(readFileSync(new URL(`../corpus/real/${id}/${file}`, import.meta.url)))));
  return models.get(file)!;
}

/** The report year the pipeline reads for a corpus document's file. */
export async function corpusYear(id: string, ext = 'docx'): Promise<number | null> {
  return checkModel(await corpusModel(id, ext)).report.year;
}
