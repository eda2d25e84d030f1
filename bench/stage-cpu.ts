/**
 * CPU time of each pipeline stage: medians of many warm runs in one process, the clock being the
 * process CPU time (process.cpuUsage), so a busy machine does not inflate them.
 *
 *   node --import tsx bench/stage-cpu.ts samples/seed.docx [RUNS=60] [WARMUP=20]
 *   node --import tsx bench/stage-cpu.ts --folder DIR [--rounds 5] [--build DIST]
 *       every file of DIR (e.g. 30 distinct copies of seed.docx, bench/corpus.ts makeVariantFolder)
 *       `rounds` times, the first round a warm-up; means per file. --build: the compiled build to run
 *       (a dist/ folder) instead of the sources.
 *   node --import tsx bench/stage-cpu.ts --ab BEFORE_DIST AFTER_DIST --folder DIR [--rounds 4] [--pairs 5]
 *       A/B in one sitting: child processes on the two builds alternated `pairs` times; per stage the
 *       median over the pairs of each side, and of the per-pair differences.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { median, processCpuMs, round } from './stats.js';

const STAGES = ['parse', 'recognize', 'narrative', 'rules', 'total'] as const;
type StageMs = Record<(typeof STAGES)[number], number>;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folder: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    build: { type: 'string' },
    ab: { type: 'string', multiple: true },
    pairs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});

type RunPipeline = typeof import('../src/pipeline.js').runPipeline;
async function pipeline(build: string | undefined): Promise<RunPipeline> {
  if (!build) return (await import('../src/pipeline.js')).runPipeline;
  return ((await import(pathToFileURL(join(resolve(build), 'src', 'pipeline.js')).href)) as { runPipeline: RunPipeline }).runPipeline;
}

/** Mean CPU ms per file and stage over every file of `folder`, rounds − 1 times (one warm-up round). */
async function folderMeans(folder: string, rounds: number, build?: string): Promise<StageMs> {
  const runPipeline = await pipeline(build);
  const files = await Promise.all(readdirSync(folder).sort().map(async (f) => ({ file: f, bytes: new Uint8Array(await readFile(join(folder, f))) })));
  const sums = Object.fromEntries(STAGES.map((s) => [s, 0])) as StageMs;
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const f of files) {
      const { result } = await runPipeline({ bytes: f.bytes, file: f.file, options: { clock: processCpuMs } });
      if (r === 0) continue;
      n++;
      for (const s of STAGES) sums[s] += result.timings[s] ?? 0;
    }
  }
  return Object.fromEntries(STAGES.map((s) => [s, round(sums[s] / n, 2)])) as StageMs;
}

const show = (m: StageMs) => STAGES.map((s) => `${s} ${m[s]}`).join(', ');

if (opts.ab) {
  const [before, after] = opts.ab.length === 2 ? opts.ab : [opts.ab[0], positionals[0]];
  if (!before || !after || !opts.folder) {
    process.stderr.write('usage: bench/stage-cpu.ts --ab BEFORE_DIST --ab AFTER_DIST --folder DIR\n');
    process.exit(2);
  }
  const run = promisify(execFile);
  const child = async (build: string) =>
    JSON.parse((await run(process.execPath, ['--import', 'tsx', import.meta.filename, '--folder', opts.folder!, '--rounds', opts.rounds!, '--build', build, '--json'])).stdout) as StageMs;
  const sides: { before: StageMs[]; after: StageMs[] } = { before: [], after: [] };
  for (let i = 0; i < Number(opts.pairs); i++) {
    // alternate which side goes first, so a trend in the machine's load favours neither
    const order = i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    for (const side of order) sides[side].push(await child(side === 'before' ? before : after));
    process.stderr.write(`pair ${i + 1}: before ${show(sides.before.at(-1)!)} | after ${show(sides.after.at(-1)!)}\n`);
  }
  const med = (list: StageMs[]) => Object.fromEntries(STAGES.map((s) => [s, round(median(list.map((m) => m[s])), 2)])) as StageMs;
  const diff = Object.fromEntries(STAGES.map((s) => [s, round(median(sides.before.map((b, i) => sides.after[i][s] - b[s])), 2)])) as StageMs;
  const out = { folder: opts.folder, rounds: Number(opts.rounds), pairs: Number(opts.pairs), before: med(sides.before), after: med(sides.after), medianPairDifference: diff };
  process.stdout.write(opts.json ? `${JSON.stringify(out)}\n` : `median CPU ms per file — before: ${show(out.before)}\nafter: ${show(out.after)}\nafter − before (median of pairs): ${show(diff)}\n`);
} else if (opts.folder) {
  const means = await folderMeans(opts.folder, Number(opts.rounds), opts.build);
  process.stdout.write(opts.json ? `${JSON.stringify(means)}\n` : `${opts.folder} (mean CPU ms per file, ${Number(opts.rounds) - 1} warm rounds): ${show(means)}\n`);
} else {
  const [file, runsArg = '60', warmupArg = '20'] = positionals;
  if (!file) {
    process.stderr.write('usage: bench/stage-cpu.ts FILE [RUNS] [WARMUP] | --folder DIR [--build DIST] | --ab BEFORE --ab AFTER --folder DIR\n');
    process.exit(2);
  }
  const runPipeline = await pipeline(opts.build);
  const bytes = new Uint8Array(await readFile(file));
  const runs: Array<Record<string, number>> = [];
  for (let i = 0; i < Number(warmupArg) + Number(runsArg); i++) {
    const { result } = await runPipeline({ bytes, file, options: { clock: processCpuMs } });
    if (i >= Number(warmupArg)) runs.push(result.timings);
  }
  const medians = Object.fromEntries(STAGES.map((s) => [s, round(median(runs.map((r) => r[s] ?? 0)), 2)]));
  process.stdout.write(`${file} (median CPU ms of ${runs.length} warm runs): ${STAGES.map((s) => `${s} ${medians[s]}`).join(', ')}\n`);
}
