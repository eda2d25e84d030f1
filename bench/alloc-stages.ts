/**
 * Bytes allocated per report, by pipeline stage, source file and function: V8's sampling heap
 * profiler with the objects later collected by minor and major GC included (what the garbage
 * collector had to deal with, not only what survived). A built-in's allocation (a RegExp's exec,
 * a Map's set, a subarray) is charged to the function that called it.
 *
 *   node --import tsx bench/alloc-stages.ts FOLDER [ROUNDS=3] [BUILD=dist] [TOP=40]
 *       every file of FOLDER (e.g. 30 distinct copies of seed.docx, bench/corpus.ts makeVariantFolder)
 *       ROUNDS times after one unsampled warm-up round; BUILD: the compiled build to run.
 */
import { Session } from 'node:inspector/promises';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const [folder, rounds = '3', build = 'dist', top = '40'] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: bench/alloc-stages.ts FOLDER [ROUNDS] [BUILD] [TOP]\n');
  process.exit(2);
}
type RunPipeline = typeof import('../src/pipeline.js').runPipeline;
const { runPipeline } = (await import(pathToFileURL(join(resolve(build), 'src', 'pipeline.js')).href)) as { runPipeline: RunPipeline };
const inputs = await Promise.all(readdirSync(folder).sort().map(async (f) => ({ file: f, bytes: new Uint8Array(await readFile(join(folder, f))) })));

/** One report as `extract --json` makes it: the pipeline, then the Result's JSON. */
async function report(input: (typeof inputs)[number]): Promise<void> {
  const { result } = await runPipeline(input);
  JSON.stringify(result);
}

for (const input of inputs) await report(input);
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
let reports = 0;
for (let r = 0; r < Number(rounds); r++) {
  for (const input of inputs) {
    await report(input);
    reports++;
  }
}
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: ProfileNode } };
session.disconnect();

/** The stage a frame belongs to: the nearest enclosing stage function of src/pipeline.ts. */
const STAGE_OF = new Map(Object.entries({ parseDocument: 'parse', recognizeReport: 'recognize', analyzeNarrative: 'narrative', runRules: 'rules' }));
const OUTSIDE = 'other (the Result JSON, hashing, glue)';
const byStage = new Map<string, number>();
const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
let total = 0;

function walk(node: ProfileNode, stage: string, caller: string): void {
  const { functionName, url, lineNumber } = node.callFrame;
  const here = STAGE_OF.get(functionName) ?? stage;
  const file = url.replace(/^.*?\/(?=(?:dist\/)?(?:src|parsers|bench|node_modules)\/)/u, '');
  const own = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
  add(byStage, here, node.selfSize);
  add(byFile, file || '(built-in)', node.selfSize);
  add(byFunction, file ? own : `${functionName} <- ${caller}`, node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child, here, file ? own : caller);
}
walk(profile.head, OUTSIDE, '');

const kb = (bytes: number) => (bytes / reports / 1024).toFixed(0).padStart(7);
const show = (title: string, m: Map<string, number>, n = Infinity) => {
  console.log(`--- ${title} (KB per report)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(kb(v), k);
};
console.log(`${kb(total)} KB allocated per report (${reports} reports)`);
show('by stage', byStage);
show('by source file', byFile, 25);
show('by function', byFunction, Number(top));
