/**
 * CPU time of each pipeline stage on one file: medians of many warm runs in one process, the clock
 * being the process CPU time (process.cpuUsage), so a busy machine does not inflate them.
 *
 *   node --import tsx bench/stage-cpu.ts samples/seed.docx [RUNS=60] [WARMUP=20]
 */
import { readFile } from 'node:fs/promises';
import { runPipeline } from '../src/pipeline.js';
import { median, processCpuMs, round } from './stats.js';

const [file, runsArg = '60', warmupArg = '20'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: bench/stage-cpu.ts FILE [RUNS] [WARMUP]\n');
  process.exit(2);
}
const bytes = new Uint8Array(await readFile(file));
const stages = ['parse', 'recognize', 'narrative', 'rules', 'total'] as const;
const runs: Array<Record<string, number>> = [];
for (let i = 0; i < Number(warmupArg) + Number(runsArg); i++) {
  const { result } = await runPipeline({ bytes, file, options: { clock: processCpuMs } });
  if (i >= Number(warmupArg)) runs.push(result.timings);
}
const medians = Object.fromEntries(stages.map((s) => [s, round(median(runs.map((r) => r[s] ?? 0)), 2)]));
process.stdout.write(`${file} (median CPU ms of ${runs.length} warm runs): ${stages.map((s) => `${s} ${medians[s]}`).join(', ')}\n`);
