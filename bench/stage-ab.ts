/**
 * Before/after in one sitting: the pipeline of another tree (a `git archive` of the base commit,
 * with node_modules linked) and this one, run alternately in one process on one file, CPU clock
 * per stage. Alternating run by run puts both under the same machine load (a shared machine's load
 * swings more between two processes than a change moves the figures). Each tree has its own module
 * instances and caches; the heap is shared, and each run pays for the collections it triggers.
 *
 *   git archive BASE | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/stage-ab.ts /tmp/base samples/seed.docx [RUNS=200] [WARMUP=20]
 *   node --import tsx bench/stage-ab.ts /tmp/base DIR [RUNS] [WARMUP]
 *       a folder (e.g. the corpus .docx linked into one): a run is one pass over every file of it,
 *       the two trees alternated file by file; the figures are per file (a pass's sum ÷ its files).
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PipelineInput, PipelineOutput } from '../src/pipeline.js';
import { runPipeline as current } from '../src/pipeline.js';
import { percentile, processCpuMs, round } from './stats.js';

const [baseDir, file, runsArg = '200', warmupArg = '20'] = process.argv.slice(2);
if (!baseDir || !file) {
  process.stderr.write('usage: bench/stage-ab.ts BASE_TREE FILE [RUNS] [WARMUP]\n');
  process.exit(2);
}
type Run = (input: PipelineInput) => Promise<PipelineOutput>;
const base = ((await import(pathToFileURL(resolve(baseDir, 'src/pipeline.ts')).href)) as { runPipeline: Run }).runPipeline;
const trees: Record<'base' | 'this', Run> = { base, this: current };
const paths = statSync(file).isDirectory() ? readdirSync(file).sort().map((f) => join(file, f)) : [file];
const inputs = await Promise.all(paths.map(async (path) => ({ path, bytes: new Uint8Array(await readFile(path)) })));
const stages = ['parse', 'recognize', 'narrative', 'rules', 'total'];
const timings: Record<string, Array<Record<string, number>>> = { base: [], this: [] };
const runs = Number(runsArg);
for (let i = 0; i < Number(warmupArg) + runs; i++) {
  const pass: Record<string, Record<string, number>> = { base: {}, this: {} };
  for (const [k, input] of inputs.entries()) {
    // alternate which tree goes first, so neither always runs after the other's garbage
    for (const name of (i + k) % 2 ? (['base', 'this'] as const) : (['this', 'base'] as const)) {
      const { result } = await trees[name]({ bytes: input.bytes, file: input.path, options: { clock: processCpuMs } });
      for (const s of stages) pass[name][s] = (pass[name][s] ?? 0) + (result.timings[s] ?? 0) / inputs.length;
    }
  }
  if (i >= Number(warmupArg)) for (const name of ['base', 'this']) timings[name].push(pass[name]);
}
for (const name of ['base', 'this']) {
  const of = (s: string) => timings[name].map((t) => t[s] ?? 0);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const cells = stages.map((s) => `${s} ${round(percentile(of(s), 50), 1)}/${round(percentile(of(s), 25), 1)}/${round(mean(of(s)), 1)}`);
  process.stdout.write(`${name.padEnd(4)} CPU ms median/p25/mean of ${runs}: ${cells.join(', ')}\n`);
}
