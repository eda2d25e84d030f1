import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
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

/**
 * A corpus document's .docx model with paragraphs' text changed: for each [from, to], the first paragraph holding `from` has
 * it replaced by `to` (the test fails when no paragraph holds it). The parsed model is shared; the edit returns a new one.
 */
export async function corpusEdited(id: string, ...edits: Array<[from: string | RegExp, to: string]>): Promise<DocumentModel> {
  const model = await corpusModel(id);
  let blocks = model.blocks;
  for (const [from, to] of edits) {
    const at = blocks.findIndex((b) => b.kind === 'paragraph' && (typeof from === 'string' ? b.text.includes(from) : from.test(b.text)));
    expect(at, `${id}: no paragraph holds ${String(from)}`).toBeGreaterThanOrEqual(0);
    blocks = blocks.map((b, i) => (i === at && b.kind === 'paragraph' ? { ...b, text: b.text.replace(from, to) } : b));
  }
  return { ...model, blocks };
}
