import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, DocumentModel, TableBlock } from '../../schemas/document.js';
import { PDFDocument } from 'pdf-lib';

export const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

export function sample(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(SAMPLES, name)));
}

/** Text compared the way the brief compares containers: whitespace removed. */
/**
 * Pages first..last (1-based) of a PDF as a PDF of their own (pdf-lib copies them as they are). The same
 * bytes every time (pdf-lib dates a new document now): a fixture made from them (mutool, a scan,
 * Ghostscript) is found in its cache (test/fixtures/producers/cache.ts) instead of made again each run.
 */
export async function pdfPages(bytes: Uint8Array, first: number, last: number): Promise<Uint8Array> {
  const source = await PDFDocument.load(bytes);
  const out = await PDFDocument.create();
  const pages = await out.copyPages(source, Array.from({ length: last - first + 1 }, (_, i) => first - 1 + i));
  for (const page of pages) out.addPage(page);
  out.setCreationDate(FIXED_DATE);
  out.setModificationDate(FIXED_DATE);
  return out.save();
}
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

export const squeeze = (s: string) => s.replace(/\s+/gu, '');

export function tables(model: DocumentModel): TableBlock[] {
  return model.blocks.filter((b): b is TableBlock => b.kind === 'table');
}

export function paragraphs(model: DocumentModel): string[] {
  return model.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as Extract<Block, { kind: 'paragraph' }>).text);
}

/** One string per origin cell: grid rectangle and text without whitespace. */
export function cellKeys(table: TableBlock): string[] {
  return table.cells.map((c) => `r${c.row} c${c.col} ${c.rowSpan}x${c.colSpan} ${squeeze(c.text)}`);
}

/** Rows as a reader reads them: the texts of the cells that start in each row. */
export function rowTexts(table: TableBlock): string[][] {
  return Array.from({ length: table.nRows }, (_, r) => table.cells.filter((c) => c.row === r).map((c) => c.text));
}

export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    return `${(e as Error).name}:${(e as { code?: string }).code}`;
  }
  return 'resolved';
}
