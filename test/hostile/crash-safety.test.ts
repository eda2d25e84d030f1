import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { waitForBatch } from '../../src/queue/enqueue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, ROOT, dropSchema, ensureBuilt, killGroup, spawnWorker, uniqueName, type WorkerProcess } from '../queue/helpers.js';
import { minimalDocx, paragraph, table } from './docx-kit.js';

/**
 * Crash safety against real Redis and PostgreSQL: 300 reports, 2 worker processes; one worker is
 * SIGKILLed mid-batch and restarted, and Redis itself is killed and restarted mid-batch (its own
 * redis-server on another port, append-only file fsynced on every write, its own --dir). At the
 * end every report is stored exactly once, the batch counts are exact, and no job is left active,
 * waiting, failed or stalled.
 */
const exec = promisify(execFile);
const REPORTS = 300;

/** A small, distinct report: a 项目支出绩效自评表 whose figures depend on n. */
function smallReport(n: number): Uint8Array {
  const budget = (100 + n).toFixed(2);
  const spent = (90 + (n % 10)).toFixed(2);
  return minimalDocx(
    [
      paragraph('项目支出绩效自评表'),
      paragraph(`（2023年度）第${n}号`),
      table([
        ['项目名称', `测试项目${n}`, '主管部门', '某局'],
        ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数'],
        ['年度资金总额', budget, budget, spent],
      ]),
      table([
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '完成检查次数', `≥${n % 50}次`, `${n % 50}次`, '10', '10'],
        ['效益指标', '社会效益指标', '群众满意度', '≥90%', '95%', '10', '10'],
      ]),
    ].join(''),
  );
}

/** A private redis-server with persistence on: append-only file, fsync on every write. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--logfile', join(this.dir, 'redis.log')];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await this.ping()) return;
      if (this.child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`redis-server on port ${this.port} did not start (see ${this.dir}/redis.log)`);
  }
  /** Crash it: SIGKILL, no shutdown save (only the fsynced append-only file survives). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await gone;
  }
  private async ping(): Promise<boolean> {
    const r = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function storedReports(store: Store): Promise<number> {
  const [{ n }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
  return n;
}

async function waitForStored(store: Store, atLeast: number, timeoutMs: number, workers: WorkerProcess[]): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await storedReports(store);
    if (n >= atLeast) return n;
    if (Date.now() > deadline) throw new Error(`only ${n} reports stored:\n${workers.map((w) => w.output().slice(-2000)).join('\n---\n')}`);
    await sleep(50);
  }
}

describe('crash safety: worker SIGKILL and Redis restart mid-batch', () => {
  const workers: WorkerProcess[] = [];
  let redis: PrivateRedis | null = null;
  let store: Store | null = null;
  let dir = '';
  const schema = uniqueName('crash');
  const prefix = uniqueName('cq');

  afterAll(async () => {
    for (const w of workers) killGroup(w);
    await redis?.kill();
    await store?.close();
    await dropSchema(schema).catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores each of 300 reports exactly once, with exact batch counts and no job left behind', async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'selfeval-crash-'));
    const redisDir = join(dir, 'redis');
    const filesDir = join(dir, 'files');
    mkdirSync(redisDir);
    mkdirSync(filesDir);
    for (let n = 0; n < REPORTS; n++) writeFileSync(join(filesDir, `report-${String(n).padStart(3, '0')}.docx`), smallReport(n));

    // Another loopback port than the shared 6379, chosen per run.
    redis = new PrivateRedis(20_000 + (process.pid % 20_000) + Math.floor(Math.random() * 5000), redisDir);
    await redis.start();
    const env = { DATABASE_URL: PG_URL, REDIS_URL: redis.url, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };
    store = await openStore({ databaseUrl: PG_URL, schema });

    const { stdout } = await exec(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'enqueue', filesDir, '--json'], { cwd: ROOT, env: { ...process.env, ...env } });
    const { batchId, jobs } = JSON.parse(stdout) as { batchId: string; jobs: number };
    expect(jobs).toBe(REPORTS);

    const workerArgs = ['--concurrency', '1', '--until-idle', '--lock-ms', '3000'];
    const doomed = spawnWorker(env, workerArgs);
    const steady = spawnWorker(env, workerArgs);
    workers.push(doomed, steady);

    // 1. SIGKILL one worker (and its sandboxed processor) mid-batch, then restart it.
    const atKill = await waitForStored(store, REPORTS / 5, 300_000, workers);
    killGroup(doomed, 'SIGKILL');
    await doomed.exited;
    const restarted = spawnWorker(env, workerArgs);
    workers.push(restarted);

    // 2. Crash Redis mid-batch and bring it back on the same port and data directory.
    const atRedisCrash = await waitForStored(store, Math.min(REPORTS - 1, atKill + REPORTS / 4), 300_000, workers);
    await redis.kill();
    await sleep(2000);
    await redis.start();

    const counts = await waitForBatch(store, batchId, { timeoutMs: 600_000 });
    expect(await steady.exited, steady.output().slice(-3000)).toBe(0);
    expect(await restarted.exited, restarted.output().slice(-3000)).toBe(0);

    console.log(`crash safety: ${JSON.stringify({ reports: REPORTS, storedAtWorkerKill: atKill, storedAtRedisCrash: atRedisCrash, ok: counts.ok, failed: counts.failed })}`);
    // Both faults really happened mid-batch.
    expect(atKill).toBeLessThan(REPORTS);
    expect(atRedisCrash).toBeLessThan(REPORTS);

    // Batch counts are exact.
    expect(counts).toMatchObject({ complete: true, received: REPORTS, unique: REPORTS, duplicates: 0, ok: REPORTS, failed: 0, queued: 0 });

    // Every report stored exactly once: one report row and one processing run per content.
    const runs = await store.db.query<{ sha256: string; runs: number }>('SELECT sha256, count(*)::int AS runs FROM report_runs GROUP BY sha256');
    expect(runs.length).toBe(REPORTS);
    expect(runs.filter((r) => r.runs !== 1)).toEqual([]);
    expect(await storedReports(store)).toBe(REPORTS);

    // No job left active, waiting, delayed, failed or stalled; the queue survived the Redis crash.
    const queue = reportsQueue(queueConfig({ redisUrl: redis.url, prefix }));
    try {
      const c = await queue.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed', 'prioritized');
      expect(c).toEqual({ active: 0, waiting: 0, delayed: 0, failed: 0, completed: REPORTS, prioritized: 0 });
    } finally {
      await queue.close();
    }
    const r = new Redis(redis.url, { maxRetriesPerRequest: 3 });
    try {
      expect(await r.scard(`${prefix}:reports:stalled`)).toBe(0);
    } finally {
      r.disconnect();
    }
  }, 900_000);
});
