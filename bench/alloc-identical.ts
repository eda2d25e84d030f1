/**
 * Results must not move when allocation is cut: the Result JSON (timings left out) of every .docx,
 * .pdf and .doc of the corpus and the samples, one line per file, from a compiled build. Run it on
 * the base tree's build and on this one, then compare the two files byte for byte.
 *
 *   node --import tsx bench/alloc-identical.ts [BUILD=dist] [OUT=/tmp/results.jsonl]
 *   cmp /tmp/base.jsonl /tmp/this.jsonl
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [build = 'dist', out = '/tmp/results.jsonl'] = process.argv.slice(2);
type RunPipeline = typeof import('../src/pipeline.js').runPipeline;
const { runPipeline } = (await import(pathToFileURL(join(resolve(build), 'src', 'pipeline.js')).href)) as { runPipeline: RunPipeline };

/** Every report file under the folders, in a fixed order. */
function reportFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return reportFiles(path);
      return /\.(?:docx|pdf|doc)$/.test(name) ? [path] : [];
    });
}

/** The value without its `timings` (CPU or wall clock: never the same twice). */
function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (k === 'timings' ? [] : [[k, withoutTimings(v)]])));
}

const lines: string[] = [];
const files = ['test/corpus/real', 'samples'].flatMap(reportFiles);
for (const file of files) {
  const { result } = await runPipeline({ file, bytes: new Uint8Array(readFileSync(file)) });
  lines.push(JSON.stringify(withoutTimings(result)));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${files.length} results written to ${out}`);
