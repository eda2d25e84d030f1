import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResultSchema, type Result } from '../../schemas/result.js';
import { runPipeline } from '../../src/pipeline.js';
import { fuzzSources, type FuzzCase } from './fuzz-gen.js';

/**
 * Run a fuzz batch (fuzz-gen.ts) through `bin/selfeval extract <folder> --json` and classify what
 * went wrong, file by file: the classes of failure the product must not have.
 */
export const FAILURE_CLASSES = [
  /** INTERNAL_ERROR, or the CLI itself crashed. */
  'crash',
  /** TIMEOUT: the file ran past its time limit. */
  'hang',
  /** The file was killed for memory (heap or RSS), or the run's peak RSS went over the limit. */
  'memory',
  /** An error message that does not start with the file's name. */
  'unnamed',
  /** An error message with no Chinese in it. */
  'english-only',
  /** An error message carrying a stack trace or source positions. */
  'stack-trace',
  /** A file with no result line (the batch stopped or lost it). */
  'batch-stopped',
  /** A good file in the batch whose result differs from its result alone. */
  'contaminated',
  /** An outcome the mutant's class does not allow (e.g. a valid zip64 package refused). */
  'wrong-outcome',
  /** The error message does not say what the class requires (e.g. 已加密). */
  'wrong-message',
  /** A report saved in another container (HTML/RTF .doc) not read as the same report. */
  'report-lost',
] as const;
export type FailureClass = (typeof FAILURE_CLASSES)[number];

export interface Failure {
  file: string;
  cls: string;
  failure: FailureClass;
  detail: string;
}

export interface FuzzRun {
  files: number;
  results: number;
  exitCode: number | null;
  signal: string | null;
  peakRssMb: number;
  wallSeconds: number;
  outcomes: Record<string, number>;
  /** Outcomes counted by mutation class. */
  outcomesByClass: Record<string, Record<string, number>>;
  failures: Failure[];
  /** Failures counted by failure class. */
  byFailure: Record<FailureClass, number>;
  /** Failures counted by mutation class, then failure class. */
  byMutation: Record<string, Partial<Record<FailureClass, number>>>;
  /** Slowest files (seconds). */
  slowest: { file: string; seconds: number }[];
}

// SELFEVAL_FUZZ_BIN: another build's CLI (e.g. the main worktree's, for before-figures).
const BIN = process.env.SELFEVAL_FUZZ_BIN ?? new URL('../../bin/selfeval', import.meta.url).pathname;
const CJK = /[\u3400-\u9fff]/u;
const STACK = /\n\s+at |\bat [\w.<>]+ \(|node:internal|\.[cm]?[jt]s:\d+:\d+/u;

export async function runFuzz(dir: string, cases: FuzzCase[], options: { timeMsPerFile?: number; maxRssMb?: number; jobs?: number; env?: Record<string, string> } = {}): Promise<FuzzRun> {
  const maxRssMb = options.maxRssMb ?? 2048;
  const env = { SELFEVAL_TIME_MS_PER_FILE: String(options.timeMsPerFile ?? 30_000), SELFEVAL_MAX_RSS_MB: String(maxRssMb), ...options.env };
  const jobs = options.jobs ? ['--jobs', String(options.jobs)] : [];
  const run = await runCli(['extract', dir, '--json', '--quiet', ...jobs], env);
  const results = new Map<string, Result>();
  const collect = (stdout: string) => {
    for (const line of stdout.split('\n').filter(Boolean)) {
      try {
        const r = ResultSchema.parse(JSON.parse(line));
        results.set(r.file, r);
      } catch {
        // a line that is not a result: counted below as a lost file
      }
    }
  };
  collect(run.stdout);
  // A batch that died lost every file after the one that killed it: those are counted as lost, then
  // run again (without the first lost file, the likely culprit) so that their own outcomes count too.
  const lost = new Set(cases.map((c) => join(dir, c.name)).filter((p) => !results.has(p)));
  let crashes = run.signal || (run.code ?? 99) > 1 ? [`exit ${run.code} ${run.signal ?? ''} ${run.stderr.slice(-300)}`] : [];
  // Resumed one file at a time (--jobs 1), so that a run that dies names its culprit: the first file
  // without a result. It is set aside and the rest run again.
  let pending = [...lost];
  for (let round = 0; pending.length && round < 400; round++) {
    const again = await runCli(['extract', ...pending, '--json', '--quiet', '--jobs', '1'], env);
    collect(again.stdout);
    run.peakRssKb = Math.max(run.peakRssKb, again.peakRssKb);
    const left = pending.filter((p) => !results.has(p));
    if (again.signal || (again.code ?? 99) > 1) crashes = [...crashes, `${left[0] ?? '?'}: exit ${again.code} ${again.signal ?? ''} ${again.stderr.slice(-300)}`];
    pending = left.slice(1);
  }
  const failures: Failure[] = [];
  const fail = (c: FuzzCase, failure: FailureClass, detail: string) => failures.push({ file: c.name, cls: c.cls, failure, detail: detail.slice(0, 300) });
  const outcomes: Record<string, number> = {};
  const outcomesByClass: Record<string, Record<string, number>> = {};
  const alone = new Map<string, Result>();
  for (const c of cases) {
    const path = join(dir, c.name);
    if (lost.has(path)) fail(c, 'batch-stopped', 'no result line in the batch');
    const r = results.get(path);
    if (!r) {
      fail(c, 'crash', 'no result even when run again (it stops the batch)');
      continue;
    }
    const outcome = r.status === 'ok' ? 'ok' : r.error!.code;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    (outcomesByClass[c.cls] ??= {})[outcome] = (outcomesByClass[c.cls][outcome] ?? 0) + 1;
    if (r.status === 'error') {
      const msg = r.error!.message;
      const reason = msg.startsWith(`${path}：`) ? msg.slice(path.length + 1) : msg;
      if (outcome === 'INTERNAL_ERROR') fail(c, 'crash', msg);
      else if (outcome === 'TIMEOUT') fail(c, 'hang', msg);
      else if (outcome === 'LIMIT_EXCEEDED' && /内存|heap|memory|RSS/iu.test(reason)) fail(c, 'memory', msg);
      if (!msg.startsWith(`${path}：`) || reason.trim().length < 4) fail(c, 'unnamed', msg);
      if (!CJK.test(reason)) fail(c, 'english-only', msg);
      if (STACK.test(reason)) fail(c, 'stack-trace', msg);
      if (c.message && !c.message.test(reason)) fail(c, 'wrong-message', `${msg} (wanted ${c.message})`);
    }
    if (!['INTERNAL_ERROR', 'TIMEOUT'].includes(outcome) && !c.expect.includes(outcome as never)) fail(c, 'wrong-outcome', `${outcome} (allowed ${c.expect.join('|')}): ${r.error?.message ?? ''}`);
    if (c.good) {
      const key = c.desc;
      if (!alone.has(key)) {
        const bytes = readFileSync(path);
        alone.set(key, (await runPipeline({ bytes, file: c.name })).result);
      }
      const ref = alone.get(key)!;
      if (r.status !== 'ok' || canonical(r.report) !== canonical(ref.report) || canonical(r.discrepancies) !== canonical(ref.discrepancies)) {
        fail(c, 'contaminated', `${r.status} ${r.error?.message ?? `differs from the file alone at ${firstDifference({ report: r.report, discrepancies: r.discrepancies }, { report: ref.report, discrepancies: ref.discrepancies })}`}`);
      }
    }
    if (c.reportOf && r.status === 'ok') {
      // The same report in another container: the same family, year and parts (the text may differ a little).
      const shape = (x: Result) => (x.report ? `${x.report.family} ${x.report.year} dept:${!!x.report.deptSelfEval} basic:${!!x.report.basicData} projects:${x.report.projects.map((p) => p.name?.text ?? '?').join('|')}` : 'none');
      if (!alone.has(c.reportOf)) {
        const src = fuzzSources().docx.find((s) => s.name === c.reportOf)!;
        alone.set(c.reportOf, (await runPipeline({ bytes: src.bytes, file: src.name })).result);
      }
      const want = shape(alone.get(c.reportOf)!);
      if (shape(r) !== want) fail(c, 'report-lost', `${shape(r)} ≠ ${want}`);
    }
  }
  for (const detail of crashes) failures.push({ file: '(batch)', cls: '(cli)', failure: 'crash', detail });
  if (run.peakRssKb / 1024 > maxRssMb * 1.25) failures.push({ file: '(batch)', cls: '(cli)', failure: 'memory', detail: `peak RSS ${Math.round(run.peakRssKb / 1024)} MB` });
  const byFailure = Object.fromEntries(FAILURE_CLASSES.map((f) => [f, failures.filter((x) => x.failure === f).length])) as Record<FailureClass, number>;
  const byMutation: FuzzRun['byMutation'] = {};
  for (const f of failures) (byMutation[f.cls] ??= {})[f.failure] = (byMutation[f.cls][f.failure] ?? 0) + 1;
  const slowest = [...results.values()]
    .map((r) => ({ file: r.file.slice(dir.length + 1), seconds: Math.round((r.timings.total ?? 0) / 100) / 10 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 10);
  return {
    files: cases.length,
    results: results.size,
    exitCode: run.code,
    signal: run.signal,
    peakRssMb: Math.round(run.peakRssKb / 1024),
    wallSeconds: Math.round(run.wallMs / 100) / 10,
    outcomes,
    outcomesByClass,
    failures,
    byFailure,
    byMutation,
    slowest,
  };
}

/** JSON with keys sorted: equal values, equal text, whatever order their keys were set in. */
function canonical(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
}

/** The first path at which two JSON values differ (for a readable failure). */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (canonical(a) === canonical(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  peakRssKb: number;
  wallMs: number;
}

/** Run the CLI, sampling its peak RSS (VmHWM) from /proc while it runs. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(BIN, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    let peakRssKb = 0;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-20_000)));
    const timer = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/u.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakRssKb = Math.max(peakRssKb, Number(hwm[1]));
      } catch {
        // exited between samples
      }
    }, 200);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr, peakRssKb, wallMs: performance.now() - started });
    });
  });
}
