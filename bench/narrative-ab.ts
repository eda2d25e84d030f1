/**
 * Before/after of the narrative and rules stages alone: two trees' sources (a `git archive` of the base
 * commit with node_modules linked, and this one) alternated report by report in one process, the order
 * swapped every pair; each report is parsed and recognized by its own tree, untimed, then its narrative
 * and its rules are timed by the CPU clock. A stage's change is read from the per-pair differences
 * (median and 10 %-trimmed mean): on a loaded machine the parse and recognize stages' noise, which
 * bench/stage-ab.ts adds to every run, moves a 1–2 ms change of one stage out of sight.
 *
 *   git archive BASE | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   node --import tsx bench/narrative-ab.ts /tmp/base DIR [PAIRS=200]
 *       DIR: e.g. 30 distinct copies of seed.docx (bench/corpus.ts makeVariantFolder); 20 warm-up pairs first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentModel } from '../schemas/document.js';
import type { Report } from '../schemas/report.js';
import { processCpuMs } from './stats.js';

const [baseDir, folder, pairsArg = '200'] = process.argv.slice(2);
if (!baseDir || !folder) {
  process.stderr.write('usage: bench/narrative-ab.ts BASE_TREE DIR [PAIRS]\n');
  process.exit(2);
}

interface Stages {
  parse: typeof import('../parsers/index.js').parseDocument;
  recognize: typeof import('../src/recognize/index.js').recognizeReport;
  narrative: typeof import('../src/narrative/index.js').analyzeNarrative;
  rules: typeof import('../src/rules/index.js').runRules;
}

async function stagesOf(tree: string): Promise<Stages> {
  const load = (path: string) => import(pathToFileURL(join(resolve(tree), path)).href);
  return {
    parse: (await load('parsers/index.ts')).parseDocument,
    recognize: (await load('src/recognize/index.ts')).recognizeReport,
    narrative: (await load('src/narrative/index.ts')).analyzeNarrative,
    rules: (await load('src/rules/index.ts')).runRules,
  };
}

const trees = [await stagesOf(baseDir), await stagesOf('.')];
const files = readdirSync(folder)
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(folder, f))));
/** CPU ms by tree, then stage (narrative, rules). */
const ms: number[][][] = [
  [[], []],
  [[], []],
];

async function once(tree: number, bytes: Uint8Array, keep: boolean): Promise<void> {
  const s = trees[tree];
  const document: DocumentModel = await s.parse(bytes);
  const recognized = s.recognize(document);
  let t = processCpuMs();
  const narrative = s.narrative(document, recognized);
  const narrativeMs = processCpuMs() - t;
  // the Report as src/pipeline.ts assembles it
  const report: Report = {
    ...recognized,
    narratives: narrative.narratives,
    statistics: narrative.statistics,
    links: narrative.links,
    coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length },
  };
  t = processCpuMs();
  s.rules(report, { document, lang: 'zh' });
  const rulesMs = processCpuMs() - t;
  if (!keep) return;
  ms[tree][0].push(narrativeMs);
  ms[tree][1].push(rulesMs);
}

const pairs = Number(pairsArg);
for (let i = 0; i < pairs + 20; i++) {
  for (const tree of i % 2 ? [1, 0] : [0, 1]) await once(tree, files[i % files.length], i >= 20);
}

const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const at = (a: number[], q: number) => sorted(a)[Math.floor(a.length * q)];
const trimmedMean = (a: number[]) => {
  const s = sorted(a).slice(Math.floor(a.length * 0.1), Math.ceil(a.length * 0.9));
  return s.reduce((x, y) => x + y, 0) / s.length;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
for (const [k, stage] of ['narrative', 'rules'].entries()) {
  const diff = ms[0][k].map((base, i) => ms[1][k][i] - base);
  process.stdout.write(
    `${JSON.stringify({
      stage,
      pairs: diff.length,
      base: { median: r2(at(ms[0][k], 0.5)), p25: r2(at(ms[0][k], 0.25)) },
      this: { median: r2(at(ms[1][k], 0.5)), p25: r2(at(ms[1][k], 0.25)) },
      pairedDiff: { median: r2(at(diff, 0.5)), trimmedMean: r2(trimmedMean(diff)) },
    })}\n`,
  );
}
