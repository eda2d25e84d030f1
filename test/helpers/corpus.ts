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
 * it replaced by `to`; when no paragraph holds it, the first table cell that does (the test fails when none holds it). The
 * parsed model is shared; the edit returns a new one.
 */
export async function corpusEdited(id: string, ...edits: Array<[from: string | RegExp, to: string]>): Promise<DocumentModel> {
  const model = await corpusModel(id);
  let blocks = model.blocks;
  for (const [from, to] of edits) {
    const holds = (text: string) => (typeof from === 'string' ? text.includes(from) : from.test(text));
    let at = blocks.findIndex((b) => b.kind === 'paragraph' && holds(b.text));
    if (at < 0) at = blocks.findIndex((b) => b.kind === 'table' && b.cells.some((c) => holds(c.text)));
    expect(at, `${id}: no paragraph or table cell holds ${String(from)}`).toBeGreaterThanOrEqual(0);
    blocks = blocks.map((b, i) => {
      if (i !== at) return b;
      if (b.kind === 'paragraph') return { ...b, text: b.text.replace(from, to) };
      const cell = b.cells.findIndex((c) => holds(c.text));
      return { ...b, cells: b.cells.map((c, j) => (j === cell ? { ...c, text: c.text.replace(from, to) } : c)) };
    });
  }
  return { ...model, blocks };
}
