/**
 * Whole-process marginal CPU per report, before/after in one sitting: `selfeval extract --json --jobs J`
 * of another tree (a `git archive` of the base commit, node_modules linked, dist built) and of this one
 * on 1 and N distinct copies of one .docx, the trees alternated pair by pair so both see the same load.
 *
 *   git archive BASE | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules && (cd /tmp/base && npx tsc -p tsconfig.build.json)
 *   node --import tsx bench/marginal-ab.ts /tmp/base [FILE=samples/seed.docx] [--copies 31] [--pairs 5] [--jobs 1] [--out FILE.json]
 *
 * Besides the marginal, the CPU of the run on one copy (start-up of the supervisor, the child and its
 * pipeline thread, plus one report) is printed, and with `--out` every measure is written as JSON.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './batch.js';
import { makeVariantFolder } from './corpus.js';
import { cpuSeconds } from './process-marginal.js';
import { round } from './stats.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { copies: { type: 'string', default: '31' }, pairs: { type: 'string', default: '5' }, jobs: { type: 'string', default: '1' }, out: { type: 'string' } },
});
const [baseDir, file = join(ROOT, 'samples', 'seed.docx')] = positionals;
if (!baseDir) {
  process.stderr.write('usage: bench/marginal-ab.ts BASE_TREE [FILE] [--copies N] [--pairs K] [--jobs J]\n');
  process.exit(2);
}
const copies = Number(args.copies);
const bytes = new Uint8Array(await readFile(file));
const one = await makeVariantFolder(bytes, 1);
const many = await makeVariantFolder(bytes, copies);
const trees = { base: resolve(baseDir), this: ROOT };
const values: Record<string, number[]> = { base: [], this: [] };
/** CPU ms of the run on one copy: start-up and one report. */
const oneCopy: Record<string, number[]> = { base: [], this: [] };
try {
  for (let i = 0; i < Number(args.pairs); i++) {
    for (const name of i % 2 ? (['base', 'this'] as const) : (['this', 'base'] as const)) {
      const cmd = (d: string) => [process.execPath, join(trees[name], 'bin', 'selfeval'), 'extract', d, '--json', '--jobs', args.jobs!];
      const a = await cpuSeconds(cmd(one));
      const b = await cpuSeconds(cmd(many));
      oneCopy[name].push(round(a * 1000, 1));
      values[name].push(round(((b - a) * 1000) / (copies - 1), 1));
    }
    process.stderr.write(`pair ${i + 1}: base ${values.base.at(-1)} this ${values.this.at(-1)} ms (one copy: base ${oneCopy.base.at(-1)} this ${oneCopy.this.at(-1)} ms)\n`);
  }
} finally {
  await rm(one, { recursive: true, force: true });
  await rm(many, { recursive: true, force: true });
}
const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
for (const [name, v] of Object.entries(values)) process.stdout.write(`${name.padEnd(4)} CPU ms per extra report (${copies} copies, --jobs ${args.jobs}): median ${median(v)} of [${v.join(', ')}]\n`);
for (const [name, v] of Object.entries(oneCopy)) process.stdout.write(`${name.padEnd(4)} CPU ms of the run on one copy: median ${median(v)} of [${v.join(', ')}]\n`);
if (args.out) {
  const summary = (v: number[]) => ({ median: median(v), runs: v });
  const measures = { copies, jobs: Number(args.jobs), pairs: Number(args.pairs), file, marginalCpuMs: { base: summary(values.base), this: summary(values.this) }, oneCopyCpuMs: { base: summary(oneCopy.base), this: summary(oneCopy.this) } };
  await writeFile(args.out, `${JSON.stringify(measures, null, 1)}\n`);
}
