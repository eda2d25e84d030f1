import { spawn, type ChildProcess } from 'node:child_process';
import { extname, join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { queueConfig, reportsQueue } from '../src/queue/config.js';
import { enqueuePaths, waitForBatch } from '../src/queue/enqueue.js';
import { openStore } from '../src/store/index.js';
import { TreeSampler } from './proc-sampler.js';
import { percentile, round } from './stats.js';

/**
 * The batch: a folder of reports through Redis + PostgreSQL with N `selfeval worker` processes, and
 * through `selfeval extract` in one process. Every queue run uses its own BullMQ prefix and its own
 * PostgreSQL schema (bench_…), both removed afterwards, so other users' data is never touched.
 */

export const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'selfeval');

export interface QueueEnv {
  databaseUrl: string;
  redisUrl: string;
}

export function queueEnv(): QueueEnv {
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

/** Why the queue part cannot run here, or null when Redis and PostgreSQL answer. */
export async function queueUnavailable(env: QueueEnv): Promise<string | null> {
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, connectTimeout: 3000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    return `Redis unreachable at ${env.redisUrl}: ${(e as Error).message}`;
  } finally {
    redis.disconnect();
  }
  const client = new pg.Client({ connectionString: env.databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    return `PostgreSQL unreachable at ${env.databaseUrl}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  return null;
}

export interface Latencies {
  count: number;
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
}

export interface QueueRun {
  workers: number;
  files: number;
  /** Storing the files' bytes in PostgreSQL and adding the jobs (before any worker starts). */
  enqueueS: number;
  /** From starting the worker processes to the batch being complete (includes their start-up). */
  wallS: number;
  reportsPerS: number;
  /** Between the first and the last finished report (start-up excluded). */
  steadyReportsPerS: number;
  /** Per report inside the worker: fetch bytes, pipeline, store the result. */
  perReport: Latencies;
  byFormat: Record<string, Latencies>;
  /** Peak RSS per worker: its process tree (the worker, and LibreOffice when it converts .doc) and its largest process, MB. */
  peakRss: Array<{ treeMb: number; largestProcessMb: number } | null>;
  /**
   * CPU time of the worker process trees (Linux /proc): what a report costs regardless of other
   * load on the machine. Redis and PostgreSQL CPU is not included.
   */
  cpu: { secondsPerWorker: Array<number | null>; msPerReport: number | null; msPerReportSteady: number | null };
  /** The processor file the workers ran: compiled (dist/…/processor.js) or TypeScript through tsx. */
  processor: string | null;
  ok: number;
  failed: number;
  failedByCode: Record<string, number>;
}

function latencies(ms: number[]): Latencies {
  return {
    count: ms.length,
    p50Ms: round(percentile(ms, 50)),
    p95Ms: round(percentile(ms, 95)),
    meanMs: round(ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length : Number.NaN),
  };
}

interface SpawnedWorker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** Worker processes alive now: killed (with their children) if the bench itself is interrupted. */
const live = new Set<ChildProcess>();
let signalsHooked = false;
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const c of live) killTree(c);
      process.stderr.write(`[bench] interrupted: worker processes stopped; bench_* schemas / selfeval_bench_* Redis keys of this run may remain\n`);
      process.exit(130);
    });
  }
}

function spawnWorker(env: Record<string, string>): SpawnedWorker {
  hookSignals();
  const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', '1', '--until-idle'], {
    cwd: ROOT,
    env: { ...process.env, SELFEVAL_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  const lines: string[] = [];
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (partial) lines.push(partial);
      if (code !== 0 && stderr) lines.push(JSON.stringify({ stderr: stderr.slice(-2000) }));
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

function killTree(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

export async function dropPrefix(redisUrl: string, prefix: string): Promise<void> {
  const r = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

function cpuFigures(seconds: Array<number | null>, reports: number): { secondsPerWorker: Array<number | null>; msPerReport: number | null } {
  if (seconds.length === 0 || reports <= 0) return { secondsPerWorker: seconds, msPerReport: null };
  const known = seconds.filter((s): s is number => s !== null);
  return {
    secondsPerWorker: seconds.map((s) => (s === null ? null : round(s, 2))),
    msPerReport: known.length === seconds.length && reports > 0 ? round((known.reduce((a, b) => a + b, 0) * 1000) / reports) : null,
  };
}

let runCounter = 0;

/** One queue run: a fresh schema and prefix, enqueue the folder, N workers until idle, clean up. */
export async function runQueue(dir: string, workers: number, env: QueueEnv, options: { timeoutMs?: number; log?: (s: string) => void } = {}): Promise<QueueRun> {
  const tag = `${process.pid}_${Date.now().toString(36)}_${++runCounter}`;
  const schema = `bench_${tag}`;
  const prefix = `selfeval_bench_${tag}`;
  const store = await openStore({ databaseUrl: env.databaseUrl, schema, maxConnections: 4 });
  const queue = reportsQueue(queueConfig({ redisUrl: env.redisUrl, prefix }));
  const spawned: SpawnedWorker[] = [];
  try {
    let t = performance.now();
    const out = await enqueuePaths([dir], { store, queue });
    const enqueueS = (performance.now() - t) / 1000;
    options.log?.(`queue, ${workers} worker(s): ${out.jobs} jobs enqueued in ${enqueueS.toFixed(1)} s`);

    const workerEnv = { DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };
    t = performance.now();
    for (let i = 0; i < workers; i++) spawned.push(spawnWorker(workerEnv));
    const sampler = new TreeSampler(spawned.map((w) => w.child.pid!)).start();
    // CPU used by the time the first report is done = start-up (module loading, sandbox fork): excluded from the steady figure.
    let cpuAtFirstReport: Array<number | null> | null = null;
    let reportsAtFirst = 0;
    const firstReport = setInterval(() => {
      const done = spawned.reduce((n, w) => n + w.lines.filter((l) => l.includes('"event":"report"')).length, 0);
      if (done > 0 && !cpuAtFirstReport) {
        cpuAtFirstReport = sampler.cpuSeconds();
        reportsAtFirst = done;
        clearInterval(firstReport);
      }
    }, 200);
    const exitedEarly = Promise.race(spawned.map((w) => w.exited.then((code) => ({ code, w }))));
    const finished = waitForBatch(store, out.batchId, { timeoutMs: options.timeoutMs ?? 60 * 60_000, pollMs: 100 });
    const first = await Promise.race([finished.then((c) => ({ counts: c })), exitedEarly]);
    if (!('counts' in first)) {
      // A worker stopped before the batch was done: it can only be a crash (--until-idle waits for an empty queue).
      const w = first.w;
      if (first.code !== 0) throw new Error(`worker exited with ${first.code}: ${w.lines.slice(-5).join('\n')}`);
    }
    const counts = 'counts' in first ? first.counts : await finished;
    const wallS = (performance.now() - t) / 1000;
    await Promise.race([Promise.all(spawned.map((w) => w.exited)), new Promise((r) => setTimeout(r, 20_000))]);
    sampler.stop();
    clearInterval(firstReport);
    const cpuEnd = sampler.cpuSeconds();
    const atFirst: Array<number | null> = cpuAtFirstReport ?? cpuEnd.map(() => null);
    const steadyCpu = cpuEnd.map((c, i) => (c === null || atFirst[i] === null ? null : c - atFirst[i]!));
    const processor = spawned.flatMap((w) => w.lines).map((l) => /"processor":"([^"]+)"/.exec(l)?.[1]).find(Boolean) ?? null;

    const reports = spawned.flatMap((w) => w.lines).flatMap((l) => {
      try {
        const o = JSON.parse(l) as { event?: string; ms?: number; file?: string; time?: number };
        return o.event === 'report' && typeof o.ms === 'number' ? [o as { ms: number; file: string; time: number }] : [];
      } catch {
        return [];
      }
    });
    const times = reports.map((r) => r.time).sort((a, b) => a - b);
    const steadyS = times.length > 1 ? (times[times.length - 1] - times[0]) / 1000 : Number.NaN;
    const byFormat: Record<string, number[]> = {};
    for (const r of reports) (byFormat[extname(r.file).slice(1) || 'other'] ??= []).push(r.ms);
    return {
      workers,
      files: out.received,
      enqueueS: round(enqueueS, 2),
      wallS: round(wallS, 2),
      reportsPerS: round(out.jobs / wallS, 2),
      steadyReportsPerS: round((times.length - 1) / steadyS, 2),
      perReport: latencies(reports.map((r) => r.ms)),
      byFormat: Object.fromEntries(Object.entries(byFormat).map(([k, v]) => [k, latencies(v)])),
      peakRss: sampler.result().map((r) => (r ? { treeMb: r.treeMb, largestProcessMb: r.largestProcessMb } : null)),
      cpu: { ...cpuFigures(cpuEnd, out.jobs), msPerReportSteady: cpuFigures(steadyCpu, out.jobs - reportsAtFirst).msPerReport },
      processor: processor ? processor.replace(ROOT + '/', '') : null,
      ok: counts.ok,
      failed: counts.failed,
      failedByCode: counts.failedByCode,
    };
  } finally {
    for (const w of spawned) killTree(w.child);
    await queue.close().catch(() => {});
    await store.close().catch(() => {});
    await dropSchema(env.databaseUrl, schema).catch((e) => options.log?.(`cleanup: DROP SCHEMA ${schema} failed: ${(e as Error).message}`));
    await dropPrefix(env.redisUrl, prefix).catch((e) => options.log?.(`cleanup: Redis prefix ${prefix} not removed: ${(e as Error).message}`));
  }
}

export interface InProcessRun {
  /** Pipeline threads (`extract --jobs`). */
  jobs: number;
  files: number;
  wallS: number;
  reportsPerS: number;
  peakRssMb: number | null;
  cpuMsPerReport: number | null;
  ok: number;
  failed: number;
}

/** The same folder through `selfeval extract DIR --json --jobs N` (one process, N pipeline threads, no Redis, no database). */
export async function runExtract(dir: string, jobs = 1): Promise<InProcessRun> {
  const t = performance.now();
  hookSignals();
  const child = spawn(process.execPath, [BIN, 'extract', dir, '--json', '--jobs', String(jobs)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  live.add(child);
  child.on('exit', () => live.delete(child));
  const sampler = new TreeSampler([child.pid!]).start();
  let ok = 0;
  let failed = 0;
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (!line) continue;
      // The first "status" of a result line is the top-level one (it precedes the report).
      if (/"status":"(\w+)"/.exec(line)?.[1] === 'ok') ok++;
      else failed++;
    }
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-2000)));
  // 'close', not 'exit': the process may exit before its last stdout chunks are read, which
  // undercounted the result lines of --jobs 2 (227–241 of 300).
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  sampler.stop();
  const wallS = (performance.now() - t) / 1000;
  if (partial) {
    if (/"status":"(\w+)"/.exec(partial)?.[1] === 'ok') ok++;
    else failed++;
  }
  if (code !== 0 && code !== 1) throw new Error(`selfeval extract exited with ${code}: ${stderr}`);
  const files = ok + failed;
  const rss = sampler.result()[0];
  const cpu = sampler.cpuSeconds()[0];
  return {
    jobs,
    files,
    wallS: round(wallS, 2),
    reportsPerS: round(files / wallS, 2),
    peakRssMb: rss ? rss.treeMb : null,
    cpuMsPerReport: cpu === null || files === 0 ? null : round((cpu * 1000) / files),
    ok,
    failed,
  };
}
