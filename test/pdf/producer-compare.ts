import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { producerPdf, type Producer } from '../../bench/producers-corpus.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { once } from '../support/memo.js';

/**
 * A corpus report (test/corpus/real) against its print by another producer (bench/producers-corpus.ts): the
 * findings of the .docx the print missed and those it added, as "rule values". Each .docx and each print is read
 * once per test file (several tests look at one report's run).
 */
const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;

export const corpusFile = (id: string, ext: 'docx' | 'pdf') => new Uint8Array(readFileSync(join('test/corpus/real', id, `${id}.${ext}`)));
const referenceRun = once((id: string) => pipeline(corpusFile(id, 'docx'), `${id}.docx`));
const producerRun = once(async (id: string, producer: Producer) => pipeline(await producerPdf(producer, corpusFile(id, 'docx'), corpusFile(id, 'pdf')), `${id}-${producer}.pdf`));

export async function compare(id: string, producer: Producer) {
  const [reference, run] = [await referenceRun(id), await producerRun(id, producer)];
  const m = matchFindings(reference.findings, run.findings);
  return { reference, run, missed: m.missed.map(key), extra: m.extra.map(key) };
}
