/**
 * CPU per stage of one report, finer than the pipeline's own timings: parse, recognize, narrative,
 * facts (the fact index the cross-part rules share, built before the rules so they reuse it), rules,
 * and serialization as the pipeline thread does it for a queue worker (JSON of the Result and the
 * DocumentModel, UTF-8 encoded). Medians of warm runs in one process; the clock is the process's
 * CPU time (all threads: V8's GC and compiler threads included). Run with bin/selfeval's V8 flags:
 *
 *   node --interrupt-budget=600000 --max-inlined-bytecode-size-cumulative=230 --import tsx bench/stage-split.ts samples/seed.docx [RUNS=100] [WARMUP=30]
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Report } from '../schemas/report.js';
import { parseDocument } from '../parsers/index.js';
import { factIndex } from '../src/facts/index.js';
import { analyzeNarrative } from '../src/narrative/index.js';
import { recognizeReport } from '../src/recognize/index.js';
import { RULES_VERSION, runRules } from '../src/rules/index.js';
import { median, processCpuMs, round } from './stats.js';

const [file, runsArg = '100', warmupArg = '30'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: bench/stage-split.ts FILE [RUNS] [WARMUP]\n');
  process.exit(2);
}
const bytes = new Uint8Array(await readFile(file));
const utf8 = new TextEncoder();
const stages = ['hash', 'parse', 'recognize', 'narrative', 'facts', 'rules', 'serialize', 'total'] as const;
const runs: Array<Record<string, number>> = [];
for (let i = 0; i < Number(warmupArg) + Number(runsArg); i++) {
  const t: Record<string, number> = {};
  const start = processCpuMs();
  let at = start;
  const lap = (name: string) => {
    const now = processCpuMs();
    t[name] = now - at;
    at = now;
  };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  lap('hash');
  const document = await parseDocument(bytes);
  lap('parse');
  const recognized = recognizeReport(document);
  lap('recognize');
  const narrative = analyzeNarrative(document, recognized);
  const report: Report = { ...recognized, narratives: narrative.narratives, statistics: narrative.statistics, links: narrative.links, coverage: { ...recognized.coverage, narrativeStatistics: narrative.statistics.length } };
  lap('narrative');
  factIndex(report);
  lap('facts');
  const discrepancies = runRules(report, { document, lang: 'zh' });
  lap('rules');
  const result = { file, sha256, format: document.format, status: 'ok', error: null, report, discrepancies, rulesVersion: RULES_VERSION, timings: {} };
  const sent = utf8.encode(JSON.stringify(result)).byteLength + utf8.encode(JSON.stringify(document)).byteLength;
  lap('serialize');
  t.total = at - start;
  if (i >= Number(warmupArg)) runs.push(t);
  if (i === 0) process.stderr.write(`${file}: ${discrepancies.length} findings, ${(sent / 1e6).toFixed(2)} MB of JSON\n`);
}
const medians = stages.map((s) => `${s} ${round(median(runs.map((r) => r[s])), 2)}`);
process.stdout.write(`${file} (median CPU ms, process, of ${runs.length} warm runs): ${medians.join(', ')}\n`);
