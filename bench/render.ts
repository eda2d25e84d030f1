/**
 * Print the tables of a saved bench result (for the README's Performance section):
 *
 *   node --import tsx bench/render.ts bench/results/<date>.json [--text]
 */
import { readFile } from 'node:fs/promises';
import { batchTable, perFileTable, targetTable } from './report.js';
import { markdownTable, textTable } from './table.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: bench/render.ts RESULT.json [--text]\n');
  process.exit(2);
}
const r = JSON.parse(await readFile(file, 'utf8'));
const render = args.includes('--text') ? textTable : markdownTable;
const m = r.machine;
process.stdout.write(
  `${m.cores} cores (${m.cpuModel}), Node ${m.node}, ${r.date.slice(0, 10)}; median of ${r.settings.runs} runs after ${r.settings.warmup} warm-up; ` +
    `load average ${r.load.start} → ${r.load.end}\n\n`,
);
process.stdout.write(perFileTable(r.perFile, render) + '\n\n');
if (r.batch.corpus) process.stdout.write(`Batch: ${r.batch.corpus.files} reports (${r.batch.corpus.docx} .docx, ${r.batch.corpus.pdf} .pdf)${r.batch.queueSkipped ? `; queue ${r.batch.queueSkipped}` : ''}\n\n`);
process.stdout.write(batchTable(r.batch, render) + '\n\n');
process.stdout.write(targetTable(r.targets, render) + '\n');
