/**
 * CPU time of each rule on one report, by process.cpuUsage: `fresh` runs every rule in registry order on a
 * report just made (as runRules does: the first rule to ask for a per-report cache pays for it), `alone`
 * runs each rule many times on one warm report (its own work only). Means per report, largest first.
 *
 *   node --interrupt-budget=600000 --max-inlined-bytecode-size-cumulative=230 --import tsx bench/rule-cpu.ts samples/seed.docx [RUNS=60] [TOP=25]
 */
import { readFileSync } from 'node:fs';
import { runPipeline } from '../src/pipeline.js';
import { runRule } from '../src/rules/index.js';
import { RULES } from '../src/rules/registry.js';
import { processCpuMs, round } from './stats.js';

const [file, runsArg = '60', topArg = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: bench/rule-cpu.ts FILE [RUNS] [TOP]\n');
  process.exit(2);
}
const bytes = new Uint8Array(readFileSync(file));
const runs = Number(runsArg);
const fresh = new Map<string, number>();
const alone = new Map<string, number>();
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
for (let i = 0; i < runs + 10; i++) {
  const { result, document } = await runPipeline({ file, bytes });
  if (!result.report || !document) throw new Error(`${file}: ${result.error?.message ?? 'no report'}`);
  for (const rule of RULES) {
    const at = processCpuMs();
    runRule(rule, result.report, { document, lang: 'zh' });
    if (i >= 10) add(fresh, rule.meta.id, (processCpuMs() - at) / runs);
  }
}
const { result, document } = await runPipeline({ file, bytes });
for (const rule of RULES) {
  const context = { document: document!, lang: 'zh' as const };
  for (let i = 0; i < 5; i++) runRule(rule, result.report!, context);
  const at = processCpuMs();
  for (let i = 0; i < runs; i++) runRule(rule, result.report!, context);
  add(alone, rule.meta.id, (processCpuMs() - at) / runs);
}
const total = (m: Map<string, number>) => round([...m.values()].reduce((a, b) => a + b, 0), 2);
process.stdout.write(`${file}: ${RULES.length} rules, CPU ms per report — fresh report in order ${total(fresh)}, each alone on a warm report ${total(alone)}\n`);
for (const [id, ms] of [...fresh].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg))) {
  process.stdout.write(`${String(round(ms, 3)).padStart(8)} ${String(round(alone.get(id) ?? 0, 3)).padStart(8)}  ${id}\n`);
}
