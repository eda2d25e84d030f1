import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { producerPdf, type Producer } from '../../bench/producers-corpus.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { once } from '../support/memo.js';

/**
 * A report of the corpus (test/corpus/real) printed by another producer than LibreOffice, run through
 * the pipeline beside its .docx (bench/producers-corpus.ts): each file and each print read once per
 * test file.
 */
export const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

export const corpusFile = (id: string, ext: 'docx' | 'pdf') => new Uint8Array(readFileSync(join('test/corpus/real', id, `${id}.${ext}`)));
const referenceRun = once((id: string) => pipeline(corpusFile(id, 'docx'), `${id}.docx`));
const producerRun = once(async (id: string, producer: Producer) => pipeline(await producerPdf(producer, corpusFile(id, 'docx'), corpusFile(id, 'pdf')), `${id}-${producer}.pdf`));

/** The .docx's run, the print's run, and the findings (rule + values) one has and the other not. */
export async function compare(id: string, producer: Producer) {
  const [reference, run] = [await referenceRun(id), await producerRun(id, producer)];
  const m = matchFindings(reference.findings, run.findings);
  return { reference, run, missed: m.missed.map(key), extra: m.extra.map(key) };
}
