/**
 * `npm run bench` — what every stage of selfeval costs against the parsing floor, and the batch
 * through the queue. Prints tables and writes bench/results/<date>.json.
 *
 *   npm run bench                      full run (several minutes: per-file + 1,000-report batch)
 *   npm run bench -- --quick           smoke run (a few seconds: .docx per-file, tiny in-process batch)
 *   options: --out FILE  --no-batch  --no-per-file  --batch N  --seed-files N  --distinct-pdf N  --pdf-share 0.1  --runs N  --warmup N  --markdown
 *
 * Needs for the full run: LibreOffice (generated PDFs; cached in the temp dir), Redis and PostgreSQL
 * (BENCH_REDIS_URL / BENCH_DATABASE_URL, default the local ones). A missing piece is reported as
 * "skipped: <reason>", never silently left out.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { machineInfo } from './machine.js';
import { GENERATED_SIZES, docxToPdfMany, generatedDocx, makeBatchCorpus, makeVariantFolder, readInput, sofficeAvailable, type BenchInput } from './corpus.js';
import { ROOT, queueEnv, queueUnavailable, runExtract, runQueue } from './batch.js';
import { measureFile, type PerFileRow } from './per-file.js';
import { pdfPageCount } from './floors.js';
import { checkTargets } from './targets.js';
import { markdownTable, textTable } from './table.js';
import { batchTable, perFileTable, targetTable, type BatchSection } from './report.js';
import { round } from './stats.js';
import { ensureBuilt } from '../test/queue/helpers.js';

export const RESULT_SCHEMA = 'selfeval-bench/1';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-batch': { type: 'boolean', default: false },
    'no-per-file': { type: 'boolean', default: false },
    batch: { type: 'string' },
    'pdf-share': { type: 'string' },
    runs: { type: 'string' },
    warmup: { type: 'string' },
    'seed-files': { type: 'string' },
    'distinct-pdf': { type: 'string' },
    markdown: { type: 'boolean', default: false },
  },
  strict: true,
});

const quick = args.quick!;
const repeat = { warmup: Number(args.warmup ?? (quick ? 1 : 2)), runs: Number(args.runs ?? (quick ? 2 : 5)) };
const batchSize = Number(args.batch ?? (quick ? 6 : 1000));
const pdfShare = Number(args['pdf-share'] ?? (quick ? 0 : 0.1));
const seedFiles = Number(args['seed-files'] ?? 300);
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

async function perFileInputs(workDir: string): Promise<{ inputs: BenchInput[]; skipped: string[] }> {
  const skipped: string[] = [];
  const inputs = [await readInput('seed.docx', join(ROOT, 'samples', 'seed.docx'), 1)];
  if (!quick) inputs.push(await readInput('seed.pdf', join(ROOT, 'samples', 'seed.pdf'), 1));
  else skipped.push('PDF inputs: skipped in --quick');
  const sizes = quick ? GENERATED_SIZES.slice(0, 1) : GENERATED_SIZES;
  const docxs = sizes.map((s) => generatedDocx(s));
  for (let i = 0; i < sizes.length; i++) {
    const path = join(workDir, `gen-${sizes[i].projects}p.docx`);
    await writeFile(path, docxs[i]);
    inputs.push(await readInput(`generated, ${sizes[i].projects} project${sizes[i].projects > 1 ? 's' : ''}`, path, sizes[i].projects));
  }
  if (!quick) {
    if (!sofficeAvailable()) skipped.push('generated PDFs: skipped: soffice (LibreOffice) not installed');
    else {
      const pdfs = await docxToPdfMany(docxs, { log });
      for (let i = 0; i < sizes.length; i++) {
        const path = join(workDir, `gen-${sizes[i].projects}p.pdf`);
        await writeFile(path, pdfs[i]);
        inputs.push(await readInput(`generated, ${sizes[i].projects} project${sizes[i].projects > 1 ? 's' : ''}`, path, sizes[i].projects));
      }
    }
  }
  return { inputs, skipped };
}


async function runBatch(): Promise<BatchSection> {
  const section: BatchSection = { skipped: null, corpus: null, queue: [], queueSkipped: null, inProcess: null, seedDocx: null };
  if (args['no-batch']) {
    section.skipped = 'skipped: --no-batch';
    return section;
  }
  log(`batch: generating ${batchSize} reports (${Math.round(pdfShare * 100)}% PDF) …`);
  const corpus = await makeBatchCorpus({ total: batchSize, pdfShare, distinctDocx: quick ? 3 : 150, distinctPdf: Number(args['distinct-pdf'] ?? 16), log, pageCount: pdfPageCount });
  const { dir, ...described } = corpus;
  section.corpus = described;
  const env = queueEnv();
  try {
    if (quick) section.queueSkipped = 'skipped: --quick (the queue needs worker start-up; run without --quick)';
    else section.queueSkipped = await queueUnavailable(env).then((r) => (r ? `skipped: ${r}` : null));
    if (!section.queueSkipped) {
      // Workers run the compiled build when dist/ is not older than the sources (bin/selfeval); sources
      // edited meanwhile would make them run TypeScript through tsx instead, so check before every run.
      for (const workers of [1, 2]) {
        ensureBuilt();
        log(`batch: ${corpus.files} reports through the queue with ${workers} worker process(es) …`);
        section.queue.push(await runQueue(dir, workers, env, { log }));
      }
      log(`batch: ${seedFiles} seed-sized .docx through the queue with 2 workers (for the 10,000 extrapolation) …`);
      ensureBuilt();
      const seedDir = await makeVariantFolder((await readInput('seed.docx', join(ROOT, 'samples', 'seed.docx'), 1)).bytes, seedFiles);
      try {
        const run = await runQueue(seedDir, 2, env, { log });
        const startupS = Math.max(0, run.wallS - run.files / run.steadyReportsPerS);
        section.seedDocx = {
          files: run.files,
          workers: 2,
          wallS: run.wallS,
          steadyReportsPerS: run.steadyReportsPerS,
          minutesFor10k: round((10_000 / run.steadyReportsPerS + startupS) / 60, 2),
          minutesFor10kCpuBound: run.cpu.msPerReportSteady === null ? null : round((10_000 * run.cpu.msPerReportSteady) / 1000 / Math.min(2, cpus().length) / 60 + startupS / 60, 2),
          cpuMsPerReport: run.cpu.msPerReportSteady,
          processor: run.processor,
          peakRss: run.peakRss,
        };
      } finally {
        await rm(seedDir, { recursive: true, force: true });
      }
    }
    log(`batch: ${corpus.files} reports through \`selfeval extract\` in one process …`);
    section.inProcess = await runExtract(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return section;
}

async function main() {
  const started = Date.now();
  const machine = machineInfo();
  const loadAtStart = loadavg()[0];
  if (loadAtStart > machine.cores) log(`warning: load average ${loadAtStart.toFixed(1)} on ${machine.cores} cores — other work competes; wall times are inflated (see the CPU-time ratios)`);
  log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}${quick ? ' (quick)' : ''}`);
  const workDir = await mkdtemp(join(tmpdir(), 'selfeval-bench-files-'));
  const perFile: PerFileRow[] = [];
  let perFileSkipped: string[] = [];
  try {
    const { inputs, skipped } = args['no-per-file'] ? { inputs: [], skipped: ['skipped: --no-per-file'] } : await perFileInputs(workDir);
    perFileSkipped = skipped;
    for (const input of inputs) {
      log(`per file: ${input.name} (${input.format}) …`);
      const row = await measureFile(input, repeat, { pdftotext: machine.pdftotext !== null });
      perFile.push(row);
      log(`  floor ${row.floorMs} ms, selfeval ${row.selfevalMs} ms (${row.ratio}×; CPU ${row.cpu.floorMs} / ${row.cpu.selfevalMs} ms = ${row.cpu.ratio}×) ${JSON.stringify(row.stages)}`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const batch = await runBatch();
  const targets = checkTargets(perFile, batch.queue, batch.seedDocx, batch.inProcess);
  const result = {
    schema: RESULT_SCHEMA,
    date: new Date().toISOString(),
    quick,
    durationS: round((Date.now() - started) / 1000, 1),
    machine,
    /** 1-minute load average when the run started and ended: above the core count, wall times are inflated. */
    load: { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) },
    settings: { warmup: repeat.warmup, runs: repeat.runs, batchSize, pdfShare },
    floors: {
      docx: 'fflate unzip of word/document.xml + saxes streaming parse (text collected)',
      pdf: 'pdf.js (pdfjs-dist legacy build, the parser\'s cMap/standard-font options) getTextContent + getOperatorList of every page',
    },
    perFile,
    perFileSkipped,
    batch,
    targets,
  };

  const out = args.out ?? join(ROOT, 'bench', 'results', `${result.date.slice(0, 10)}${quick ? '-quick' : ''}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2) + '\n');

  const render = args.markdown ? markdownTable : textTable;
  const print = (s: string) => process.stdout.write(s + '\n');
  print(`\nselfeval bench — ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}; median of ${repeat.runs} runs after ${repeat.warmup} warm-up; load average ${result.load.start} → ${result.load.end}\n`);
  print(perFileTable(perFile, render));
  for (const s of perFileSkipped) print(`  ${s}`);
  print('');
  if (batch.skipped) print(`batch: ${batch.skipped}`);
  else {
    if (batch.corpus) print(`batch: ${batch.corpus.files} reports (${batch.corpus.docx} .docx, ${batch.corpus.pdf} .pdf, ${batch.corpus.pdfPages} PDF pages)`);
    if (batch.queueSkipped) print(`queue: ${batch.queueSkipped}`);
    print(batchTable(batch, render));
  }
  print('');
  print(targetTable(targets, render));
  print(`\nresults: ${out}`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
