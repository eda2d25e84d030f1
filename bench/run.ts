/**
 * `npm run bench` — what every stage of selfeval costs against the parsing floor, and the batch
 * through the queue. Prints tables and writes bench/results/<date>.json.
 *
 *   npm run bench                      full run (several minutes: per-file, process marginal, .doc, 1,000-report batch)
 *   npm run bench -- --quick           smoke run (a few seconds: .docx per-file, tiny in-process batch)
 *   options: --out FILE  --no-batch  --no-per-file  --no-marginal  --no-doc  --batch N  --seed-files N  --distinct-pdf N
 *            --pdf-share 0.1  --runs N  --warmup N  --markdown
 *
 * Ratios are by CPU time (this thread's, or a whole process's user + system), wall time beside:
 * on a machine shared with other work wall time swings, CPU time does not.
 *
 * Needs for the full run: LibreOffice (generated PDFs, cached in the temp dir; the .doc row), Redis
 * and PostgreSQL (BENCH_REDIS_URL / BENCH_DATABASE_URL, default the local ones). A missing piece is
 * reported as "skipped: <reason>", never silently left out. bench/pdf-paths.ts and bench/ocr.ts,
 * when present, run as part of the full bench and their output is kept in the results.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { dirname, join } from 'node:path';
import { cpus, loadavg, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { machineInfo } from './machine.js';
import { GENERATED_SIZES, docxToPdfMany, generatedDocx, makeBatchCorpus, makeVariantFolder, readInput, sofficeAvailable, type BenchInput } from './corpus.js';
import { ROOT, queueEnv, queueUnavailable, runExtract, runQueue } from './batch.js';
import { measureFile, type PerFileRow } from './per-file.js';
import { DOCX_TOKENIZERS, pdfPageCount } from './floors.js';
import { checkTargets } from './targets.js';
import { markdownTable, textTable } from './table.js';
import { batchTable, floorTable, perFileTable, targetTable, type BatchSection } from './report.js';
import { measureProcessMarginal, type ProcessMarginal } from './process-marginal.js';
import { measureDoc, type DocRow } from './doc.js';
import { round } from './stats.js';
import { ensureBuilt } from '../test/queue/helpers.js';

export const RESULT_SCHEMA = 'selfeval-bench/1';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    'no-batch': { type: 'boolean', default: false },
    'no-per-file': { type: 'boolean', default: false },
    'no-marginal': { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
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
// PDFs take a second a run; a .docx takes milliseconds, and its floor well under one: more runs, longer warm-up (JIT).
const repeat = { warmup: Number(args.warmup ?? (quick ? 1 : 2)), runs: Number(args.runs ?? (quick ? 2 : 5)) };
const docxRepeat = { warmup: Number(args.warmup ?? (quick ? 5 : 15)), runs: Number(args.runs ?? (quick ? 5 : 25)) };
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
  const section: BatchSection = { skipped: null, corpus: null, queue: [], queueSkipped: null, extract: [], seedDocx: null };
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
    ensureBuilt();
    for (const jobs of [1, 2]) {
      log(`batch: ${corpus.files} reports through \`selfeval extract --jobs ${jobs}\` in one process …`);
      section.extract.push(await runExtract(dir, jobs));
    }
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
      const row = await measureFile(input, input.format === 'docx' ? docxRepeat : repeat, { pdftotext: machine.pdftotext !== null });
      perFile.push(row);
      log(`  floor ${row.floor.cpuMs} ms CPU (${row.floor.how}), selfeval ${row.selfeval.cpuMs} ms CPU = ${row.ratio.cpu}× (wall ${row.floor.wallMs} / ${row.selfeval.wallMs} ms) stages CPU ${JSON.stringify(row.stagesCpuMs)}`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  let marginal: ProcessMarginal | string;
  if (args['no-marginal'] || quick) marginal = `skipped: ${quick ? '--quick' : '--no-marginal'}`;
  else {
    ensureBuilt();
    log('process marginal: selfeval extract and the floor process on 1 and 101 copies of seed.docx …');
    marginal = await measureProcessMarginal((await readInput('seed.docx', join(ROOT, 'samples', 'seed.docx'), 1)).bytes, { copies: 101, tokenizers: Object.keys(DOCX_TOKENIZERS) });
    log(`  ${JSON.stringify(marginal)}`);
  }
  let doc: DocRow | string;
  if (args['no-doc'] || quick) doc = `skipped: ${quick ? '--quick' : '--no-doc'}`;
  else {
    log('.doc: long-lived LibreOffice, 8 conversions of seed.doc, then one fresh LibreOffice …');
    doc = await measureDoc(join(ROOT, 'samples', 'seed.doc'));
    log(`  ${JSON.stringify(doc)}`);
  }
  const batch = await runBatch();
  const companions = quick ? {} : await runCompanions();
  const targets = checkTargets({
    perFile,
    marginal: typeof marginal === 'string' ? null : marginal,
    queue: batch.queue,
    seed: batch.seedDocx,
    extract: batch.extract,
    doc: typeof doc === 'string' ? null : doc,
    batchHasPdf: (batch.corpus?.pdf ?? 0) > 0,
  });
  const result = {
    schema: RESULT_SCHEMA,
    date: new Date().toISOString(),
    quick,
    durationS: round((Date.now() - started) / 1000, 1),
    machine,
    /** 1-minute load average when the run started and ended: above the core count, wall times are inflated. */
    load: { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) },
    settings: { warmup: repeat.warmup, runs: repeat.runs, docxWarmup: docxRepeat.warmup, docxRuns: docxRepeat.runs, batchSize, pdfShare },
    floors: {
      docx: `node:zlib inflate of word/document.xml + the fastest of ${Object.keys(DOCX_TOKENIZERS).join(', ')} (each measured; names, one attribute value and the text collected)`,
      pdf: 'pdf.js (pdfjs-dist legacy build, the parser\'s cMap/standard-font options) getTextContent + getOperatorList of every page; references: PDFium (@embedpdf/pdfium, WebAssembly) text, poppler pdftotext',
    },
    perFile,
    perFileSkipped,
    processMarginal: marginal,
    doc,
    batch,
    companions,
    targets,
  };

  const out = args.out ?? join(ROOT, 'bench', 'results', `${result.date.slice(0, 10)}${quick ? '-quick' : ''}.json`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2) + '\n');

  const render = args.markdown ? markdownTable : textTable;
  const print = (s: string) => process.stdout.write(s + '\n');
  print(`\nselfeval bench — ${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}; median of ${docxRepeat.runs} (.docx) / ${repeat.runs} (.pdf) runs after ${docxRepeat.warmup} / ${repeat.warmup} warm-up; load average ${result.load.start} → ${result.load.end}\n`);
  print(perFileTable(perFile, render));
  for (const s of perFileSkipped) print(`  ${s}`);
  print('');
  print(floorTable(perFile, render));
  print('');
  if (typeof marginal === 'string') print(`process marginal: ${marginal}`);
  else {
    print(render(['whole process, CPU ms per extra report', 'selfeval extract', ...Object.keys(marginal.floorCpuMs).map((k) => `floor: ${k}`), '× fastest floor'], [[`seed.docx, ${marginal.copies} copies`, marginal.selfevalCpuMs, ...Object.values(marginal.floorCpuMs), marginal.ratio]]));
  }
  print('');
  if (typeof doc === 'string') print(`.doc: ${doc}`);
  else {
    print(render(['.doc', 'first (start-up) ms', 'marginal wall ms', 'marginal CPU ms', 'LibreOffice RSS MB', 'fresh LibreOffice wall ms'], [[doc.file, doc.server.firstWallMs, doc.server.marginalWallMs, doc.server.marginalCpuMs, doc.server.officeRssMb, doc.fresh?.wallMs ?? null]]));
  }
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

/**
 * The standalone benches of the PDF reading paths and of OCR (bench/pdf-paths.ts, bench/ocr.ts), run
 * when present; their printed output is kept in the results.
 */
async function runCompanions(): Promise<Record<string, { ok: boolean; output: string }>> {
  const out: Record<string, { ok: boolean; output: string }> = {};
  for (const name of ['pdf-paths', 'ocr']) {
    const file = join(ROOT, 'bench', `${name}.ts`);
    if (!existsSync(file)) continue;
    log(`companion: bench/${name}.ts …`);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', file], { cwd: ROOT, maxBuffer: 64 * 2 ** 20, timeout: 30 * 60_000 });
      out[name] = { ok: true, output: stdout };
      process.stdout.write(stdout);
    } catch (e) {
      out[name] = { ok: false, output: String((e as { stderr?: string }).stderr ?? e).slice(-4000) };
    }
  }
  return out;
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
