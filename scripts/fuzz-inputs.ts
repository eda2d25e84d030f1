/**
 * Mutation fuzzer for hostile inputs: makes `--count` seeded mutants (test/hostile/fuzz-gen.ts) of
 * the samples and the real-report corpus, runs them as one folder through `bin/selfeval extract`,
 * and counts failures by class (test/hostile/fuzz-run.ts). Reproducible: the same --seed and
 * --count give the same files.
 *
 *   npx tsx scripts/fuzz-inputs.ts [--count 2000] [--seed N] [--classes a,b] [--keep DIR] [--out results.json] [--label before]
 *
 * Build first (npm run build) so bin/selfeval runs the compiled code.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLASSES, FUZZ_SEED, generateFuzz } from '../test/hostile/fuzz-gen.js';
import { runFuzz } from '../test/hostile/fuzz-run.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(opt('count') ?? 2000);
const seed = Number(opt('seed') ?? FUZZ_SEED);
const classes = opt('classes')?.split(',');
for (const c of classes ?? []) if (!CLASSES[c]) throw new Error(`unknown class ${c}; known: ${Object.keys(CLASSES).join(', ')}`);
const keep = opt('keep');
const dir = keep ?? mkdtempSync(join(tmpdir(), 'selfeval-fuzz-'));
const t0 = performance.now();
const cases = await generateFuzz(dir, { seed, count, classes, maxSlow: Number(opt('max-slow') ?? 6) });
const genSeconds = Math.round((performance.now() - t0) / 100) / 10;
process.stderr.write(`fuzz: ${cases.length} files in ${dir} (${genSeconds} s); running extract…\n`);
const run = await runFuzz(dir, cases, { timeMsPerFile: Number(opt('time-ms') ?? 30_000), jobs: opt('jobs') ? Number(opt('jobs')) : undefined });
const summary = { seed, count, classes: classes ?? Object.keys(CLASSES), generateSeconds: genSeconds, ...run, failures: run.failures };
process.stdout.write(`${JSON.stringify({ ...summary, failures: run.failures.slice(0, 40) }, null, 1)}\n`);
const out = opt('out');
if (out) {
  const label = opt('label') ?? 'run';
  const prev = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
  prev[label] = { ...summary, failures: run.failures.slice(0, 200) };
  writeFileSync(out, `${JSON.stringify(prev, null, 1)}\n`);
}
if (!keep) rmSync(dir, { recursive: true, force: true });
process.exitCode = run.failures.length ? 1 : 0;
