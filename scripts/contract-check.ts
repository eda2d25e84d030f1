/**
 * Byte-for-byte check of the JSON contract (output-contract.md) across a code change: runs
 * `bin/selfeval extract --json` on every sample (samples/, samples/fixtures/) and every corpus
 * document (test/corpus/real/<id>/*.docx|pdf), drops only `timings` (clock readings), and either
 * saves the lines or compares them with a saved run, naming each file whose line differs.
 *
 *   npx tsx scripts/contract-check.ts --save /tmp/before.ndjson [--doc]
 *   npx tsx scripts/contract-check.ts --against /tmp/before.ndjson [--doc]
 *
 * --doc adds samples/seed.doc (a LibreOffice conversion, seconds). Run `npm run build` first when
 * dist/ exists: bin/selfeval runs dist/ unless a source is newer.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { flag, opt } from './lib/args.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');
const save = opt('--save');
const against = opt('--against');
if (!save === !against) {
  process.stderr.write('usage: scripts/contract-check.ts --save FILE | --against FILE [--doc]\n');
  process.exit(2);
}

const wanted = (name: string) => /\.(docx|pdf)$/.test(name) || (flag('--doc') && name.endsWith('.doc'));
const files: string[] = [];
for (const dir of ['samples', 'samples/fixtures']) {
  for (const name of readdirSync(join(ROOT, dir)).sort()) if (wanted(name)) files.push(`${dir}/${name}`);
}
const corpus = 'test/corpus/real';
for (const id of readdirSync(join(ROOT, corpus)).sort()) {
  for (const name of readdirSync(join(ROOT, corpus, id)).sort()) if (/\.(docx|pdf)$/.test(name)) files.push(`${corpus}/${id}/${name}`);
}

const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'extract', ...files, '--json', '--quiet'], {
  cwd: ROOT,
  maxBuffer: 2 ** 31 - 1,
}).catch((e: { stdout?: string; code?: number }) => {
  // Exit 1 = some file could not be processed; its line is still part of the contract.
  if (e.code === 1 && e.stdout) return { stdout: e.stdout };
  throw e;
});
const lines = stdout.split('\n').filter(Boolean).map((line) => {
  const result = JSON.parse(line) as { timings?: unknown };
  // `timings` is the last field; cut it from the text itself so every other byte is compared as printed.
  const cut = line.lastIndexOf(',"timings":');
  if (cut < 0 || result.timings === undefined) throw new Error(`no timings at the end of: ${line.slice(0, 200)}`);
  return `${line.slice(0, cut)}}`;
});
if (lines.length !== files.length) throw new Error(`${files.length} files, ${lines.length} result lines`);

if (save) {
  writeFileSync(save, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.length} results saved to ${save}\n`);
} else {
  const before = readFileSync(against!, 'utf8').split('\n').filter(Boolean);
  const differ = files.filter((_, i) => before[i] !== lines[i]);
  if (before.length !== lines.length) process.stdout.write(`line count differs: ${before.length} before, ${lines.length} now\n`);
  for (const f of differ) process.stdout.write(`DIFFERS ${f}\n`);
  process.stdout.write(`${lines.length - differ.length}/${lines.length} results byte-identical\n`);
  process.exit(differ.length || before.length !== lines.length ? 1 : 0);
}
