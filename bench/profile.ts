/**
 * Run selfeval end to end on one file many times, for a CPU profile of the hot path:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts samples/seed.pdf 20 [--native-builtins]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/profile.ts DIR 8   (every file of DIR, 8 rounds)
 *   node --import tsx bench/hotspots.ts /tmp/prof/<main thread>.cpuprofile
 *
 * --native-builtins puts back the JSON.stringify / JSON.parse / Array.prototype.push that pdf.js's
 * legacy build replaces with core-js polyfills (see bench/polyfills.ts), to profile the fixed state.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const args = process.argv.slice(2);
const nativeBuiltins = args.includes('--native-builtins');
const [file, times = '20'] = args.filter((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: bench/profile.ts FILE [RUNS] [--native-builtins]\n');
  process.exit(2);
}
const saved = { stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push };
const { runPipeline } = await import('../src/pipeline.js');
if (nativeBuiltins) {
  // Loaded now (pdf.js uses globalThis.pdfjsWorker instead of importing it later), so no polyfill comes after.
  const workerModule: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(workerModule);
  JSON.stringify = saved.stringify;
  JSON.parse = saved.parse;
  Array.prototype.push = saved.push;
}
// A folder (e.g. 30 byte-distinct copies of seed.docx, bench/corpus.ts makeVariantFolder): every file
// of it, RUNS rounds — distinct copies as a batch sees them, not one file's caches warm.
const inputs = statSync(file).isDirectory()
  ? await Promise.all(readdirSync(file).sort().map(async (f) => ({ file: join(file, f), bytes: new Uint8Array(await readFile(join(file, f))) })))
  : [{ file, bytes: new Uint8Array(await readFile(file)) }];
for (let i = 0; i < Number(times); i++) {
  for (const input of inputs) {
    const { result } = await runPipeline(input);
    JSON.stringify(result);
    if (i === 0 && input === inputs[0]) process.stderr.write(`${input.file}: ${result.status} ${JSON.stringify(result.timings)}\n`);
  }
}
