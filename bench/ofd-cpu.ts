/**
 * CPU per page of the OFD reader against the PDF reader on the same pages: the seed's LibreOffice
 * PDF and the OFD written from it (test/fixtures/producers/ofd.ts, three layouts), parsed in one
 * process, alternating, after a warm-up; process CPU (all threads) per parse, median of the rounds.
 *
 *   node --import tsx bench/ofd-cpu.ts [rounds]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../parsers/index.js';
import { ofdFromPdf } from '../test/fixtures/producers/ofd.js';

const rounds = Number(process.argv[2] ?? 9);
const pdf = new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'samples', 'seed.pdf')));
const files: Record<string, Uint8Array> = {
  pdf,
  ofd: await ofdFromPdf(pdf),
  'ofd-g': await ofdFromPdf(pdf, { compressed: true }),
  'ofd-glyphs': await ofdFromPdf(pdf, { glyphs: true, filledRules: true }),
};
const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(files).map((k) => [k, []]));
let pages = 0;
for (let r = -2; r < rounds; r++) {
  for (const [name, bytes] of Object.entries(files)) {
    const before = process.cpuUsage();
    const model = await parseDocument(bytes);
    const used = process.cpuUsage(before);
    pages = model.pages ?? 0;
    if (r >= 0) cpu[name].push((used.user + used.system) / 1000);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = Object.fromEntries(Object.entries(cpu).map(([k, xs]) => [k, { msPerDoc: Math.round(median(xs)), msPerPage: Math.round((median(xs) / pages) * 10) / 10, bytes: files[k].length }]));
const ratio = (k: string) => Math.round((median(cpu[k]) / median(cpu.pdf)) * 100) / 100;
console.log(JSON.stringify({ pages, rounds, ...out, vsPdf: { ofd: ratio('ofd'), 'ofd-g': ratio('ofd-g'), 'ofd-glyphs': ratio('ofd-glyphs') } }));
