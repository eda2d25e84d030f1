/**
 * The .docx reader and the byte-scanner floor of two trees, alternated run by run in one process on
 * the same files, by CPU time (process.cpuUsage): for changes to parsers/docx*.ts, xml-scan.ts, zip.ts
 * (the pipeline's other stages do not run, so their garbage does not land on these figures).
 *
 *   git archive BASE | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/parse-ab.ts /tmp/base samples/seed.docx [RUNS=200]
 *   node --import tsx bench/parse-ab.ts /tmp/base DIR [RUNS=20]      (every .docx of DIR per run)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentile, processCpuMs, round } from './stats.js';

const [baseDir, target, runsArg] = process.argv.slice(2);
if (!baseDir || !target) {
  process.stderr.write('usage: bench/parse-ab.ts BASE_TREE FILE|DIR [RUNS]\n');
  process.exit(2);
}
type Parse = (bytes: Uint8Array) => Promise<unknown>;
type Floor = (bytes: Uint8Array) => number;
async function tree(dir: string): Promise<{ parse: Parse; floor: Floor }> {
  const parsers = (await import(pathToFileURL(resolve(dir, 'parsers/index.ts')).href)) as { parseDocument: Parse };
  const floors = (await import(pathToFileURL(resolve(dir, 'bench/floors.ts')).href)) as { docxFloor: Floor };
  return { parse: parsers.parseDocument, floor: floors.docxFloor };
}
const trees = { base: await tree(baseDir), this: await tree('.') };
const paths = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.docx'))
      .sort()
      .map((f) => join(target, f))
  : [target];
const files = paths.map((p) => new Uint8Array(readFileSync(p)));
const runs = Number(runsArg ?? (files.length > 1 ? 20 : 200));
const times: Record<string, number[]> = { 'base parse': [], 'this parse': [], 'base floor': [], 'this floor': [] };
for (let i = 0; i < runs + 5; i++) {
  const pass: Record<string, number> = { 'base parse': 0, 'this parse': 0, 'base floor': 0, 'this floor': 0 };
  for (const [k, bytes] of files.entries()) {
    // alternate which tree goes first, so neither always runs after the other's garbage
    for (const name of (i + k) % 2 ? (['base', 'this'] as const) : (['this', 'base'] as const)) {
      let at = processCpuMs();
      await trees[name].parse(bytes);
      pass[`${name} parse`] += processCpuMs() - at;
      at = processCpuMs();
      trees[name].floor(bytes);
      pass[`${name} floor`] += processCpuMs() - at;
    }
  }
  if (i >= 5) for (const k of Object.keys(times)) times[k].push(pass[k] / files.length);
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
for (const [k, v] of Object.entries(times)) {
  process.stdout.write(`${k.padEnd(10)} CPU ms per file, median/p25/mean of ${runs}: ${round(percentile(v, 50), 3)}/${round(percentile(v, 25), 3)}/${round(mean(v), 3)}\n`);
}
