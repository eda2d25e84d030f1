/**
 * PDF parse time against the pdf.js floor (getTextContent + getOperatorList of every page, which
 * any geometry-based parser must pay), interleaved so machine load hits both alike.
 * Run: npx tsx test/pdf/bench-floor.ts [file.pdf] [rounds]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parsePdf } from '../../parsers/pdf.js';

const file = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'samples', 'seed.pdf');
const rounds = Number(process.argv[3] ?? 10);
const bytes = new Uint8Array(readFileSync(file));
const assets = join(import.meta.dirname, '..', '..', 'node_modules', 'pdfjs-dist');

async function floor(): Promise<void> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: join(assets, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(assets, 'standard_fonts') + '/',
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    await page.getTextContent();
    await page.getOperatorList();
    page.cleanup();
  }
  await doc.destroy();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const floors: number[] = [];
const parses: number[] = [];
const floorCpu: number[] = [];
const parseCpu: number[] = [];
const cpuMs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};
await floor(); // warm-up: module load, JIT, CMap and font caches
await parsePdf(bytes);
for (let i = 0; i < rounds; i++) {
  let t = performance.now();
  let c = process.cpuUsage();
  await floor();
  floors.push(performance.now() - t);
  floorCpu.push(cpuMs(c));
  t = performance.now();
  c = process.cpuUsage();
  await parsePdf(bytes);
  parses.push(performance.now() - t);
  parseCpu.push(cpuMs(c));
}
const f = median(floors);
const p = median(parses);
const ratios = floors.map((x, i) => parses[i] / x);
console.log(`file ${file}`);
console.log(`pdf.js floor  median ${f.toFixed(0)} ms  (${floors.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`parsePdf      median ${p.toFixed(0)} ms  (${parses.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`ratio of medians ${(p / f).toFixed(2)}; median of paired ratios ${median(ratios).toFixed(2)}`);
console.log(`CPU time: floor median ${median(floorCpu).toFixed(0)} ms, parsePdf median ${median(parseCpu).toFixed(0)} ms, ratio ${(median(parseCpu) / median(floorCpu)).toFixed(2)}`);
console.log(`rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB after ${rounds + 1} parses`);
