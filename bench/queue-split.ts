/**
 * Where a queue report's CPU goes: N byte-distinct copies of seed.docx through Redis + PostgreSQL with
 * `selfeval worker` processes, CPU split by the worker's main thread, its pipeline thread(s), its other
 * threads (V8 helpers, libuv), the PostgreSQL backends of these workers (found by application_name),
 * PostgreSQL's own background processes and Redis (both shared with whatever else runs: noisy).
 *
 *   node --import tsx bench/queue-split.ts [--files 300] [--workers 1] [--cpu-prof DIR] [--heap-mb N] [--node-flags="..."] [--env K=V]
 *
 * Figures are per report after the first report (start-up excluded). Own schema and prefix, dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { queueConfig, reportsQueue } from '../src/queue/config.js';
import { enqueuePaths, waitForBatch } from '../src/queue/enqueue.js';
import { openStore } from '../src/store/index.js';
import { dropPrefix, ROOT, queueEnv } from './batch.js';
import { makeVariantFolder, readInput } from './corpus.js';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '300' },
    workers: { type: 'string', default: '1' },
    'cpu-prof': { type: 'string' },
    'heap-mb': { type: 'string' },
    /** Extra node/V8 flags for the worker processes, space-separated (e.g. "--single-threaded-gc"). */
    'node-flags': { type: 'string' },
    /** Extra environment of the worker processes, K=V, repeatable (e.g. MALLOC_ARENA_MAX=2). */
    env: { type: 'string', multiple: true },
  },
});
const files = Number(args.files);
const workers = Number(args.workers);
const TICKS = 100;

function ticksOf(statPath: string): number {
  try {
    const s = readFileSync(statPath, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return -1;
  }
}
function rssMbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
function threadTicks(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  try {
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      const v = ticksOf(`/proc/${pid}/task/${t}/stat`);
      if (v >= 0) out.set(Number(t), v);
    }
  } catch {
    /* gone */
  }
  return out;
}
function pidsByCmd(match: (cmd: string) => boolean): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (match(cmd)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Cumulative ticks per key, keeping the highest value seen (a process that exits keeps its last sample). */
class Ticks {
  readonly seen = new Map<string, number>();
  set(key: string, v: number) {
    if (v >= 0) this.seen.set(key, Math.max(this.seen.get(key) ?? 0, v));
  }
  snapshot(): Map<string, number> {
    return new Map(this.seen);
  }
}

const env = queueEnv();
const tag = `split_${process.pid}_${Date.now().toString(36)}`;
const schema = `bench_${tag}`;
const prefix = `selfeval_bench_${tag}`;
const seed = await readInput('seed.docx', join(ROOT, 'samples', 'seed.docx'), 1);
const dir = await makeVariantFolder(seed.bytes, files);
const store = await openStore({ databaseUrl: env.databaseUrl, schema, maxConnections: 4 });
const queue = reportsQueue(queueConfig({ redisUrl: env.redisUrl, prefix }));
const admin = new pg.Client({ connectionString: env.databaseUrl });
await admin.connect();
const children: ChildProcess[] = [];
try {
  const out = await enqueuePaths([dir], { store, queue });
  const redisPids = pidsByCmd((c) => c.startsWith('redis-server'));
  const pgAux = pidsByCmd((c) => /^postgres: \S+: (checkpointer|background writer|walwriter|autovacuum|logical|stats)/.test(c));
  const ticks = new Ticks();
  const nodeFlags = [...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : []), ...(args['node-flags']?.split(' ').filter(Boolean) ?? [])];
  for (let i = 0; i < workers; i++) {
    const child = spawn(process.execPath, [...nodeFlags, join(ROOT, 'bin', 'selfeval'), 'worker', '--concurrency', '1', '--until-idle'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: env.databaseUrl,
        REDIS_URL: env.redisUrl,
        SELFEVAL_DB_SCHEMA: schema,
        SELFEVAL_QUEUE_PREFIX: prefix,
        SELFEVAL_LOG_LEVEL: 'info',
        PGAPPNAME: tag,
        ...(args['heap-mb'] ? { SELFEVAL_MAX_WORKER_HEAP_MB: args['heap-mb'] } : {}),
        ...Object.fromEntries((args.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.resume();
    children.push(child);
  }
  const rssPeak = new Map<number, number>();
  const rssSamples: number[][] = children.map(() => []);
  let backends: number[] = [];
  const sample = async () => {
    backends = (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [tag])).rows.map((r) => r.pid);
    for (const b of backends) ticks.set(`pg:${b}`, ticksOf(`/proc/${b}/stat`));
    for (const p of pgAux) ticks.set(`pgaux:${p}`, ticksOf(`/proc/${p}/stat`));
    for (const p of redisPids) ticks.set(`redis:${p}`, ticksOf(`/proc/${p}/stat`));
    children.forEach((c, i) => {
      for (const [tid, v] of threadTicks(c.pid!)) ticks.set(`w${i}:${tid === c.pid ? 'main' : tid}`, v);
      const rss = rssMbOf(c.pid!);
      if (rss > 0) rssSamples[i].push(rss);
      rssPeak.set(i, Math.max(rssPeak.get(i) ?? 0, rss));
    });
  };
  await sample();
  const base = ticks.snapshot(); // redis / pg aux before the run
  let atFirst: Map<string, number> | null = null;
  let doneAtFirst = 0;
  let firstT = 0;
  const t0 = performance.now();
  const timer = setInterval(async () => {
    await sample();
    if (!atFirst) {
      const [r] = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.reports`)).rows;
      if (r.n > 0) {
        atFirst = ticks.snapshot();
        doneAtFirst = r.n;
        firstT = performance.now();
      }
    }
  }, 200);
  const counts = await waitForBatch(store, out.batchId, { timeoutMs: 60 * 60_000, pollMs: 100 });
  const endT = performance.now();
  await sample();
  const atEnd = ticks.snapshot();
  clearInterval(timer);
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.on('exit', r)))));
  const from = atFirst ?? base;
  const n = out.jobs - doneAtFirst;
  const ms = (keyMatch: (k: string) => boolean, start = from) => {
    let t = 0;
    for (const [k, v] of atEnd) if (keyMatch(k)) t += v - (start.get(k) ?? 0);
    return Math.round(((t / TICKS) * 1000 * 10) / n) / 10;
  };
  // The pipeline thread of each worker: its busiest thread other than main.
  const pipelineKeys = new Set<string>();
  children.forEach((_, i) => {
    let best: [string, number] | null = null;
    for (const [k, v] of atEnd) if (k.startsWith(`w${i}:`) && k !== `w${i}:main` && (!best || v - (from.get(k) ?? 0) > best[1])) best = [k, v - (from.get(k) ?? 0)];
    if (best) pipelineKeys.add(best[0]);
  });
  const split = {
    workerMain: ms((k) => /^w\d+:main$/.test(k)),
    pipelineThread: ms((k) => pipelineKeys.has(k)),
    workerOtherThreads: ms((k) => /^w\d+:/.test(k) && !/main$/.test(k) && !pipelineKeys.has(k)),
    postgresBackends: ms((k) => k.startsWith('pg:')),
    postgresAux: ms((k) => k.startsWith('pgaux:')),
    redis: ms((k) => k.startsWith('redis:')),
  };
  const total = Object.values(split).reduce((a, b) => a + b, 0);
  const steadyS = (endT - firstT) / 1000;
  const rss = rssSamples.map((s) => {
    const sorted = [...s].sort((a, b) => a - b);
    return { peakMb: Math.round(sorted[sorted.length - 1] ?? 0), p50Mb: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0), samples: s.length };
  });
  console.log(
    JSON.stringify(
      {
        files: out.jobs,
        workers,
        ok: counts.ok,
        failed: counts.failed,
        steadyReports: n,
        steadyReportsPerS: Math.round((n / steadyS) * 10) / 10,
        wallS: Math.round((endT - t0) / 100) / 10,
        cpuMsPerReport: { ...split, total: Math.round(total * 10) / 10 },
        rss,
        // Every thread of the workers with its CPU ms per report (which one is which: main, the busiest = pipeline).
        threads: Object.fromEntries(
          [...atEnd].filter(([k]) => /^w\d+:/.test(k)).map(([k, v]) => [k, Math.round(((v - (from.get(k) ?? 0)) / TICKS) * 1000 / n * 10) / 10] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]),
        ),
        loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      },
      null,
      1,
    ),
  );
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await queue.close().catch(() => {});
  await store.close().catch(() => {});
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
  await admin.end();
  await dropPrefix(env.redisUrl, prefix).catch(() => {});
  await rm(dir, { recursive: true, force: true });
}
