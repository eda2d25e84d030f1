/**
 * In-process ratio of selfeval to the .docx floor, by CPU time: each file's pipeline (runPipeline +
 * the Result's JSON, as `extract --json` makes it) and its floor (inflate word/document.xml with node:zlib,
 * tokenize it: floors.ts), interleaved file by file so both see the same load. Per file means over the
 * rounds after a warm-up round; for a folder, the mean over its files.
 *
 *   node --interrupt-budget=600000 --max-inlined-bytecode-size-cumulative=230 --import tsx bench/floor-ratio.ts samples/seed.docx [ROUNDS=30]
 *   node … bench/floor-ratio.ts DIR [ROUNDS=4]        (e.g. the corpus .docx linked into one folder)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';
import { docxFloor, type DocxTokenizer } from './floors.js';
import { processCpuMs, round } from './stats.js';

const [target, roundsArg] = process.argv.slice(2);
if (!target) {
  process.stderr.write('usage: bench/floor-ratio.ts FILE|DIR [ROUNDS]\n');
  process.exit(2);
}
const paths = statSync(target).isDirectory() ? readdirSync(target).filter((f) => f.endsWith('.docx')).sort().map((f) => join(target, f)) : [target];
const rounds = Number(roundsArg ?? (paths.length > 1 ? 4 : 30));
const files = paths.map((path) => ({ path, bytes: new Uint8Array(readFileSync(path)) }));
const tokenizers: DocxTokenizer[] = ['byte scanner', 'htmlparser2 (xmlMode)'];
const sums: Record<string, number> = { selfeval: 0, ...Object.fromEntries(tokenizers.map((t) => [t, 0])) };
let n = 0;
for (let r = 0; r < rounds + 1; r++) {
  for (const f of files) {
    let at = processCpuMs();
    const { result } = await runPipeline({ bytes: f.bytes, file: f.path });
    JSON.stringify(result);
    const took: Record<string, number> = { selfeval: processCpuMs() - at };
    for (const t of tokenizers) {
      at = processCpuMs();
      docxFloor(f.bytes, t);
      took[t] = processCpuMs() - at;
    }
    if (r === 0) continue;
    n++;
    for (const k of Object.keys(sums)) sums[k] += took[k];
  }
}
const mean = (k: string) => sums[k] / n;
const out = {
  target,
  files: files.length,
  rounds,
  cpuMsPerFile: Object.fromEntries(Object.keys(sums).map((k) => [k, round(mean(k), 2)])),
  ratio: Object.fromEntries(tokenizers.map((t) => [t, round(mean('selfeval') / mean(t), 1)])),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
