/**
 * Memory and CPU of one worker on a mixed batch (the batch of `npm run bench`, smaller): generated
 * reports, a share of them LibreOffice PDFs, through one queue worker (Redis + PostgreSQL, own
 * prefix and schema, dropped afterwards) and through `extract --jobs 1` / `--jobs 2`; peak RSS of the
 * process tree from /proc. Then the .doc row (long-lived LibreOffice vs a fresh one per file).
 *
 *   node --import tsx bench/worker-rss.ts [--files 300] [--pdf-share 0.1] [--distinct-pdf 16] [--no-queue] [--no-doc]
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ROOT, queueEnv, queueUnavailable, runExtract, runQueue } from './batch.js';
import { makeBatchCorpus } from './corpus.js';
import { measureDoc } from './doc.js';
import { pdfPageCount } from './floors.js';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '300' },
    'pdf-share': { type: 'string', default: '0.1' },
    'distinct-pdf': { type: 'string', default: '16' },
    'no-queue': { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
  },
});
const log = (s: string) => process.stderr.write(`${s}\n`);
const out: Record<string, unknown> = { loadavgStart: loadavg().map((l) => l.toFixed(2)).join(' ') };
const corpus = await makeBatchCorpus({
  total: Number(args.files),
  pdfShare: Number(args['pdf-share']),
  distinctDocx: 50,
  distinctPdf: Number(args['distinct-pdf']),
  log,
  pageCount: pdfPageCount,
});
const { dir, ...described } = corpus;
out.corpus = described;
try {
  const env = queueEnv();
  const unavailable = args['no-queue'] ? 'skipped' : await queueUnavailable(env);
  if (unavailable) out.queue = unavailable;
  else {
    log('one queue worker …');
    const q = await runQueue(dir, 1, env, { log });
    out.queue = { files: q.files, ok: q.ok, failed: q.failed, peakRss: q.peakRss, cpuMsPerReport: q.cpu.msPerReport, byFormat: q.byFormat, processor: q.processor };
  }
  for (const jobs of [1, 2]) {
    log(`extract --jobs ${jobs} …`);
    out[`extractJobs${jobs}`] = await runExtract(dir, jobs);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (!args['no-doc']) {
  log('.doc …');
  out.doc = await measureDoc(join(ROOT, 'samples', 'seed.doc'));
}
out.loadavgEnd = loadavg().map((l) => l.toFixed(2)).join(' ');
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
