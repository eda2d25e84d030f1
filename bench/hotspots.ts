/**
 * Summarize a V8 .cpuprofile (node --cpu-prof): self time by function and by source file, top N.
 *
 *   node --import tsx bench/hotspots.ts PROFILE.cpuprofile [N]
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArg = '25'] = process.argv.slice(2);
if (!path) {
  process.stderr.write('usage: bench/hotspots.ts PROFILE.cpuprofile [N]\n');
  process.exit(2);
}
const profile = JSON.parse(await readFile(path, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) selfMs.set(profile.samples[i], (selfMs.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(/^.*\/work\/main\//, '');
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const f = byId.get(id)!.callFrame;
  const where = shortUrl(f.url) || '(native)';
  const fn = `${f.functionName || '(anonymous)'}  ${where}:${f.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  byFile.set(where, (byFile.get(where) ?? 0) + ms);
}
// Inclusive time per source file: a node's subtree, counted once per file (not again below itself).
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map<string, number>();
// Inclusive time per function (a recursive function counted once per sample): with a profile of N
// reports, a stage's function (analyzeNarrative, runRules, each rule's check) ÷ N is its cost per report.
const inclusiveFn = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const seen = new Set<string>();
  const seenFn = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const where = shortUrl(f.url);
    if (where && !seen.has(where)) {
      seen.add(where);
      inclusive.set(where, (inclusive.get(where) ?? 0) + ms);
    }
    const fn = `${f.functionName || '(anonymous)'}  ${where}:${f.lineNumber + 1}`;
    if (where && !where.startsWith('node:') && !seenFn.has(fn)) {
      seenFn.add(fn);
      inclusiveFn.set(fn, (inclusiveFn.get(fn) ?? 0) + ms);
    }
  }
}

const top = Number(topArg);
const show = (title: string, m: Map<string, number>) => {
  process.stdout.write(`\n${title} (self time, of ${total.toFixed(0)} ms sampled)\n`);
  for (const [k, ms] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}\n`);
};
show('by source file', byFile);
show('by source file, inclusive (callees counted)', new Map([...inclusive].filter(([k]) => !k.startsWith('node:'))));
show('by function', byFunction);
show('by function, inclusive (callees counted)', inclusiveFn);
