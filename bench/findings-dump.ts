/**
 * Dump the report and findings of every dev-corpus document and sample as one JSON file per input,
 * to diff before/after a change that must not change any result:
 *
 *   node --import tsx bench/findings-dump.ts OUT_DIR [--docx-only]
 *   diff -r BEFORE_DIR AFTER_DIR
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--'));
if (!out) {
  process.stderr.write('usage: bench/findings-dump.ts OUT_DIR [--docx-only]\n');
  process.exit(2);
}
const docxOnly = args.includes('--docx-only');
const wanted = (name: string) => (docxOnly ? /\.docx$/i : /\.(docx|pdf)$/i).test(name);

const files: string[] = [];
const realDir = 'test/corpus/real';
for (const dir of (await readdir(realDir)).sort()) for (const f of (await readdir(join(realDir, dir))).sort()) if (wanted(f)) files.push(join(realDir, dir, f));
for (const dir of ['samples', 'samples/fixtures']) for (const f of (await readdir(dir)).sort()) if (wanted(f)) files.push(join(dir, f));

await mkdir(out, { recursive: true });
for (const file of files) {
  const { result } = await runPipeline({ bytes: new Uint8Array(await readFile(file)), file: basename(file) });
  const { timings: _timings, ...kept } = result;
  await writeFile(join(out, `${file.replaceAll('/', '__')}.json`), `${JSON.stringify(kept, null, 1)}\n`);
}
process.stderr.write(`${files.length} files dumped to ${out}\n`);
