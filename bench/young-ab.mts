/**
 * CPU of a pipeline thread's work by young-generation size: two isolated runners (the default and
 * --young MB), alternated file by file, process CPU (all threads) around each file.
 *   node --import tsx bench/young-ab.mts FILE [runs] [young]
 */
import { readFileSync } from 'node:fs';
import { IsolatedRunner, YOUNG_GENERATION_MB } from '../src/isolate/runner.js';
const [file = 'samples/seed.pdf', runsArg = '12', youngArg = '64'] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));
const runners = { [`${YOUNG_GENERATION_MB} MB`]: new IsolatedRunner({}), [`${youngArg} MB`]: new IsolatedRunner({ youngGenerationMb: Number(youngArg) }) };
const cpu: Record<string, number[]> = {};
for (let i = 0; i < Number(runsArg) + 2; i++) {
  for (const [k, r] of Object.entries(runners)) {
    const u = process.cpuUsage();
    const out = await r.runJson({ bytes, file: `${i}-${file}` });
    const d = process.cpuUsage(u);
    if (out.status !== 'ok') throw new Error(out.resultJson.slice(0, 300));
    if (i >= 2) (cpu[k] ??= []).push((d.user + d.system) / 1000);
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const [k, v] of Object.entries(cpu)) console.log(`${file} young ${k}: median ${median(v).toFixed(1)} ms CPU, mean ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(1)}`);
await Promise.all(Object.values(runners).map((r) => r.close()));
