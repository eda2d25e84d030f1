/**
 * Byte-identity check for speed work on the .docx path: the Result JSON (timings left out) and the
 * DocumentModel JSON of every .docx of the real corpus and of samples/ (plus samples/seed.pdf), one
 * line each, from the pipeline of a given tree's sources. Run it on the base tree and on this one,
 * then compare the two files byte for byte.
 *
 *   node --import tsx bench/identical-docx.ts [TREE=.] [OUT=/tmp/identical.jsonl]
 *   cmp /tmp/base.jsonl /tmp/this.jsonl
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PipelineInput, PipelineOutput } from '../src/pipeline.js';

const [tree = '.', out = '/tmp/identical.jsonl'] = process.argv.slice(2);
const { runPipeline } = (await import(pathToFileURL(resolve(tree, 'src/pipeline.ts')).href)) as {
  runPipeline: (input: PipelineInput) => Promise<PipelineOutput>;
};

function files(dir: string, re: RegExp): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path, re);
      return re.test(name) ? [path] : [];
    });
}

const inputs = [...files('test/corpus/real', /\.docx$/), ...files('samples', /\.(?:docx|pdf)$/)];
const lines: string[] = [];
for (const file of inputs) {
  const { result, document } = await runPipeline({ file, bytes: new Uint8Array(readFileSync(file)) });
  lines.push(JSON.stringify({ ...result, timings: undefined }));
  lines.push(JSON.stringify(document));
}
writeFileSync(out, `${lines.join('\n')}\n`);
process.stdout.write(`${inputs.length} files → ${out}\n`);
