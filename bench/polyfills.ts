/**
 * What pdf.js's legacy build costs the rest of the process: importing it installs core-js
 * polyfills globally, among them replacements of JSON.stringify, JSON.parse (Node 20 lacks
 * JSON.rawJSON) and Array.prototype.push (V8 bug 12681 check). This runs selfeval on each file
 * alternately with the replaced and the native functions and prints median CPU ms of each.
 *
 *   node --expose-gc --import tsx bench/polyfills.ts samples/seed.docx samples/seed.pdf
 */
import { readFile } from 'node:fs/promises';
import { median, round } from './stats.js';

interface Builtins {
  stringify: typeof JSON.stringify;
  parse: typeof JSON.parse;
  push: typeof Array.prototype.push;
}
const current = (): Builtins => ({ stringify: JSON.stringify, parse: JSON.parse, push: Array.prototype.push });
const install = (b: Builtins) => {
  JSON.stringify = b.stringify;
  JSON.parse = b.parse;
  Array.prototype.push = b.push;
};

const native = current();
const { runPipeline } = await import('../src/pipeline.js'); // imports pdf.js (parsers/pdf/open.ts)
const polyfilled = current();
process.stdout.write(
  `replaced by pdf.js legacy: JSON.stringify ${polyfilled.stringify !== native.stringify}, JSON.parse ${polyfilled.parse !== native.parse}, ` +
    `Array.prototype.push ${polyfilled.push !== native.push}\n`,
);
const runs = 10;
for (const file of process.argv.slice(2)) {
  const bytes = new Uint8Array(await readFile(file));
  const cpu = { polyfilled: [] as number[], native: [] as number[] };
  const serialize = { polyfilled: [] as number[], native: [] as number[] };
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, builtins] of [['polyfilled', polyfilled], ['native', native]] as const) {
      install(builtins);
      (globalThis as { gc?: () => void }).gc?.();
      const c = process.cpuUsage();
      const { result } = await runPipeline({ bytes, file });
      const s = process.cpuUsage();
      JSON.stringify(result);
      const ds = process.cpuUsage(s);
      const dc = process.cpuUsage(c);
      if (i < 2) continue; // warm-up
      cpu[name].push((dc.user + dc.system) / 1000);
      serialize[name].push((ds.user + ds.system) / 1000);
    }
  }
  install(polyfilled);
  for (const name of ['polyfilled', 'native'] as const) {
    process.stdout.write(`${file}  ${name.padEnd(10)} end to end ${round(median(cpu[name]))} CPU ms, of which JSON.stringify(result) ${round(median(serialize[name]))} ms\n`);
  }
}
