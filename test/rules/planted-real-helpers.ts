/**
 * Plants in real layouts (bench/planted-real.ts as tests): a corpus document's source.txt with one
 * figure changed, rebuilt as .docx by the corpus writer and read by the pipeline.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { parseSource } from '../corpus/source-format.js';
import { writeBlocksDocx } from '../fixtures/generator/docx.js';

/** The lines of test/corpus/real/<id>/source.txt. */
export function source(id: string): string[] {
  return readFileSync(`test/corpus/real/${id}/source.txt`, 'utf8').replace(/\r\n?/g, '\n').split('\n');
}

/** The document with `from` replaced by `to` on the first line containing `where` (and `from`). */
export function planted(lines: string[], where: string, from: string, to: string): string[] {
  const i = lines.findIndex((l) => l.includes(where) && l.includes(from));
  if (i < 0) throw new Error(`no line with ${where} and ${from}`);
  const out = [...lines];
  out[i] = out[i].replace(from, to);
  return out;
}

/** The pipeline's result on the document rebuilt as .docx. */
export async function resultOf(lines: string[]) {
  const docx = writeBlocksDocx(parseSource(lines.join('\n')), { title: 'planted', creator: 'planted' }, { producer: 'word' });
  return (await runPipeline({ bytes: docx, file: 'planted.docx' })).result;
}

/** The findings of the document (rebuilt as .docx) that `keep` selects; the run must be ok. */
export async function findingsOf(lines: string[], keep: (f: Finding) => boolean): Promise<Finding[]> {
  const result = await resultOf(lines);
  expect(result.status).toBe('ok');
  return result.discrepancies.filter(keep);
}

/** Findings as lines, for an assertion's message. */
export const show = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.severity}: ${f.message}`).join('\n');

/**
 * The rule's error and warning findings ([severity, values, message]) on the document with `from` → `to` on the line
 * holding `where`; the document as written must have none.
 */
export async function plantedIn(id: string, rule: string, where: string, from: string, to: string): Promise<Array<[string, number[], string]>> {
  const loud = (lines: string[]) => findingsOf(lines, (d) => d.rule === rule && d.severity !== 'info');
  const lines = source(id);
  const asIs = await loud(lines);
  expect(asIs, show(asIs)).toEqual([]);
  return (await loud(planted(lines, where, from, to))).map((f) => [f.severity, f.values, f.message]);
}
