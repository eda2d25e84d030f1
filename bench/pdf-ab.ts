/**
 * Before/after of the PDF reader against the pdf.js floor, in one process: the parser of another
 * tree (BASE, e.g. `git archive main` unpacked, node_modules linked to the same install so both
 * share one pdf.js) and of this tree, interleaved with the floor (bench/floors.ts), CPU time of the
 * main thread, median of RUNS. Files: the pdf-paths set (bench/pdf-paths.ts), written once to DIR.
 *
 *   node --import tsx bench/pdf-ab.ts BASE [RUNS] [path ...]
 *   node --import tsx bench/pdf-ab.ts BASE [RUNS] --dir=DIR   (every .pdf of DIR instead, e.g. bench/run.ts's
 *                                                              generated PDFs in $TMPDIR/selfeval-bench-pdf-cache)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parsePdf } from '../parsers/pdf.js';
import { pdfFloor, pdfPageCount } from './floors.js';
import { pdfPathFiles } from './pdf-paths.js';
import { median, processCpuMs, round } from './stats.js';

/**
 * Like stats.ts timeInterleaved, but the order turns each round (A B C, B C A, C A B …): a method
 * always run after another would pay for the garbage the other left (a major GC lands in the next one).
 */
async function timeRotated<K extends string>(methods: Record<K, () => Promise<unknown>>, runs: number): Promise<Record<K, { cpu: number[] }>> {
  const keys = Object.keys(methods) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, { cpu: [] as number[] }])) as Record<K, { cpu: number[] }>;
  for (const k of keys) await methods[k]();
  for (let i = 0; i < runs * keys.length; i++) {
    const k = keys[(i + Math.floor(i / keys.length)) % keys.length];
    const c = processCpuMs();
    await methods[k]();
    out[k].cpu.push(processCpuMs() - c);
  }
  return out;
}

const dirArg = process.argv.find((a) => a.startsWith('--dir='))?.slice('--dir='.length);
const [base, runsArg = '5', ...only] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!base) {
  process.stderr.write('usage: bench/pdf-ab.ts BASE [RUNS] [path ...]\n');
  process.exit(2);
}
const runs = Number(runsArg);
const before = (await import(`${base}/parsers/pdf.ts`)) as { parsePdf: typeof parsePdf };
const files = dirArg
  ? Object.fromEntries(readdirSync(dirArg).filter((f) => f.endsWith('.pdf')).sort().map((f) => [f.slice(0, 11), new Uint8Array(readFileSync(join(dirArg, f)))]))
  : await pdfPathFiles();
const out: Record<string, { pages: number; floorMsPerPage: number; beforeMsPerPage: number; afterMsPerPage: number; before: number; after: number }> = {};
console.log(`cpu ${cpus()[0]?.model} load ${loadavg()[0].toFixed(1)}; CPU ms/page, median of ${runs}`);
console.log('path        pages  floor  before  after  ratio before → after');
for (const [name, bytes] of Object.entries(files)) {
  if (only.length && !only.includes(name)) continue;
  const pages = await pdfPageCount(bytes);
  const t = await timeRotated(
    {
      floor: () => pdfFloor(bytes),
      before: () => before.parsePdf(bytes, { maxOcrPages: 0 }).catch(() => undefined),
      after: () => parsePdf(bytes, { maxOcrPages: 0 }).catch(() => undefined),
    },
    runs,
  );
  const floor = median(t.floor.cpu) / pages;
  const b = median(t.before.cpu) / pages;
  const a = median(t.after.cpu) / pages;
  out[name] = { pages, floorMsPerPage: round(floor, 2), beforeMsPerPage: round(b, 2), afterMsPerPage: round(a, 2), before: round(b / floor, 2), after: round(a / floor, 2) };
  console.log(`${name.padEnd(11)} ${String(pages).padStart(5)}  ${floor.toFixed(2).padStart(5)}  ${b.toFixed(2).padStart(6)}  ${a.toFixed(2).padStart(5)}  ${(b / floor).toFixed(2)} → ${(a / floor).toFixed(2)}`);
}
console.log(JSON.stringify({ cpuModel: cpus()[0]?.model, load: round(loadavg()[0], 1), runs, paths: out }));
