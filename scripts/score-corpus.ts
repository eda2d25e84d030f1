/**
 * Scores the real pipeline on a corpus of real reports (issue 12): for every .docx and .pdf of
 * <root>/<id>/, runPipeline, then compare with <id>/truth.json — recognized, facts recovered,
 * verified inconsistencies found, must-not-flag items flagged, error/warning findings beyond the
 * verified ones. Prints per document and in total, with what was missed, and writes the figures to
 * bench/results/corpus-<date>[-<label>].json.
 *
 *   npm run corpus [-- --dir /work/heldout] [--label heldout] [--only ID] [--quiet] [--details]
 *
 * Held-out runs (label heldout) print and store figures only, unless --details.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';
import { listCorpus, scoreResult, thresholdFailures, type DocScore } from '../test/corpus/score.js';
import { flag, opt } from './lib/args.js';

const root = opt('--dir') ?? 'test/corpus/real';
const label = opt('--label') ?? (root.includes('heldout') ? 'heldout' : 'dev');
const only = opt('--only');
// The held-out set measures generalisation: by default only its figures are shown and stored, not what
// was missed (which would tell a developer what the unseen documents contain).
const heldout = label === 'heldout';
const quiet = flag('--quiet') || (heldout && !flag('--details'));

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');

async function main(): Promise<void> {
  const docs = listCorpus(root).filter((d) => !only || d.id === only);
  const scores: DocScore[] = [];
  const cpu0 = process.cpuUsage();
  for (const doc of docs) {
    for (const file of doc.files) {
      let s: DocScore;
      try {
        const { result } = await runPipeline({ bytes: new Uint8Array(readFileSync(file)), file: basename(file) });
        s = scoreResult(doc.id, file, result, doc.truth);
      } catch (e) {
        s = scoreResult(doc.id, file, { file: basename(file), sha256: '', format: null, status: 'error', error: { code: 'CRASH', message: String(e) }, report: null, discrepancies: [], rulesVersion: '', timings: {} } as never, doc.truth);
      }
      scores.push(s);
      const fails = thresholdFailures(s);
      console.log(
        `${s.id.padEnd(34)} ${s.producer.padEnd(4)} ${s.recognized ? 'recognized' : 'NOT-RECOG '} facts ${`${s.facts.found}/${s.facts.total}`.padStart(6)} (${pct(s.facts.found, s.facts.total).padStart(4)})  inc ${s.inconsistencies.found}/${s.inconsistencies.total}  mnf-flagged ${s.mustNotFlag.flagged.length}  extra ${s.extraFindings.count}  [E${s.findings.error} W${s.findings.warning} I${s.findings.info}]  ${fails.length ? 'FAIL' : 'ok'}`,
      );
      if (!quiet) {
        for (const m of s.facts.missed) console.log(`    missed fact: ${m}`);
        for (const m of s.inconsistencies.missed) console.log(`    missed inconsistency: ${m}`);
        for (const m of s.mustNotFlag.flagged) console.log(`    FLAGGED must-not-flag: ${m}`);
        for (const m of s.extraFindings.list) console.log(`    extra finding: ${m}`);
      }
    }
  }
  const sum = (f: (s: DocScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const totals = {
    documents: docs.length,
    files: scores.length,
    recognized: scores.filter((s) => s.recognized).length,
    factsFound: sum((s) => s.facts.found),
    factsTotal: sum((s) => s.facts.total),
    inconsistenciesFound: sum((s) => s.inconsistencies.found),
    inconsistenciesTotal: sum((s) => s.inconsistencies.total),
    mustNotFlagFlagged: sum((s) => s.mustNotFlag.flagged.length),
    mustNotFlagTotal: sum((s) => s.mustNotFlag.total),
    extraFindings: sum((s) => s.extraFindings.count),
    passingThresholds: scores.filter((s) => thresholdFailures(s).length === 0).length,
    cpuSeconds: Number(((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(1)),
  };
  console.log('');
  console.log(
    `TOTAL ${totals.files} files (${totals.documents} documents): recognized ${totals.recognized}/${totals.files}; facts ${totals.factsFound}/${totals.factsTotal} (${pct(totals.factsFound, totals.factsTotal)}); ` +
      `inconsistencies ${totals.inconsistenciesFound}/${totals.inconsistenciesTotal} (${pct(totals.inconsistenciesFound, totals.inconsistenciesTotal)}); must-not-flag flagged ${totals.mustNotFlagFlagged}/${totals.mustNotFlagTotal}; ` +
      `extra error/warning findings ${totals.extraFindings}; files meeting every threshold ${totals.passingThresholds}/${totals.files}; CPU ${totals.cpuSeconds}s`,
  );
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync('bench/results', { recursive: true });
  const out = join('bench/results', `corpus-${date}-${label}.json`);
  const stored = quiet ? scores.map((s) => ({ ...s, facts: { ...s.facts, missed: [] }, inconsistencies: { ...s.inconsistencies, missed: [] }, mustNotFlag: { ...s.mustNotFlag, flagged: s.mustNotFlag.flagged.map(() => '(hidden)') }, extraFindings: { ...s.extraFindings, list: [] } })) : scores;
  writeFileSync(out, `${JSON.stringify({ date, root: label, totals, documents: stored }, null, 2)}\n`);
  console.log(`written ${out}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
