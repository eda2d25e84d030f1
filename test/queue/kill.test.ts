import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { waitForBatch } from '../../src/queue/enqueue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, ROOT, dropQueuePrefix, dropSchema, ensureBuilt, killGroup, makeBatchFolder, spawnWorker, uniqueName, type BatchFolder, type WorkerProcess } from './helpers.js';

const run = promisify(execFile);
/** Files per scenario (one of them a duplicate). */
const FILES = 16;
const UNIQUE = FILES - 1;

/** One isolated installation per scenario: its own PostgreSQL schema and BullMQ prefix. */
function setup(tag: string) {
  const schema = uniqueName(tag);
  const prefix = uniqueName('q');
  const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };
  return { schema, prefix, env };
}

/** `bin/selfeval enqueue DIR --json` → the batch id. */
async function enqueueCli(dir: string, env: Record<string, string>): Promise<{ batchId: string; jobs: number }> {
  const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'enqueue', dir, '--json'], { cwd: ROOT, env: { ...process.env, ...env } });
  return JSON.parse(stdout);
}

async function waitForReports(store: Store, atLeast: number, w: WorkerProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [{ n }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    if (n >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`worker stored too little:\n${w.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function expectExactlyOnce(store: Store, unique: number): Promise<void> {
  const runs = await store.db.query<{ sha256: string; runs: number }>('SELECT sha256, count(*)::int AS runs FROM report_runs GROUP BY sha256');
  expect(runs.length).toBe(unique);
  expect(runs.filter((r) => r.runs !== 1)).toEqual([]);
  expect((await store.db.query('SELECT 1 FROM reports')).length).toBe(unique);
}

describe('queue: workers stopped mid-batch', () => {
  let folder: BatchFolder;
  const workers: WorkerProcess[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ensureBuilt();
    folder = await makeBatchFolder(FILES);
  }, 240_000);

  afterAll(async () => {
    for (const w of workers) killGroup(w);
    for (const c of cleanups) await c().catch(() => {});
    if (folder) await rm(folder.dir, { recursive: true, force: true });
  });

  it('SIGKILL: the dead worker\'s jobs are picked up by another, every report stored exactly once', async () => {
    const { schema, prefix, env } = setup('kill');
    const store = await openStore({ databaseUrl: PG_URL, schema });
    cleanups.push(async () => {
      await store.close();
      await dropSchema(schema);
      await dropQueuePrefix(prefix);
    });
    const out = await enqueueCli(folder.dir, env);
    expect(out.jobs).toBe(UNIQUE);

    const first = spawnWorker(env, ['--concurrency', '2', '--lock-ms', '3000']);
    workers.push(first);
    await waitForReports(store, 4, first);
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const active = await queue.getActiveCount();
    // The worker and its sandboxed children die at once, mid-job.
    killGroup(first, 'SIGKILL');
    await first.exited;
    expect((await store.batchCounts(out.batchId))!.complete).toBe(false);

    const second = spawnWorker(env, ['--concurrency', '2', '--until-idle', '--lock-ms', '3000']);
    workers.push(second);
    const counts = await waitForBatch(store, out.batchId, { timeoutMs: 180_000 });
    expect(await second.exited, second.output()).toBe(0);

    const expectedOk = [...folder.expected.values()].filter((e) => e.status === 'ok').length;
    expect(counts).toMatchObject({ complete: true, received: FILES, unique: UNIQUE, ok: expectedOk, failed: UNIQUE - expectedOk, queued: 0 });
    await expectExactlyOnce(store, UNIQUE);
    // The kill really interrupted work, and those jobs were started again.
    expect(active).toBeGreaterThan(0);
    const jobs = await queue.getJobs(['completed']);
    expect(jobs.length).toBe(UNIQUE);
    expect(jobs.some((j) => j.attemptsStarted > 1 || j.stalledCounter > 0)).toBe(true);
    await queue.close();
  }, 300_000);

  it('SIGTERM: the worker finishes its active jobs and exits 0; the rest wait for the next worker', async () => {
    const { schema, prefix, env } = setup('term');
    const store = await openStore({ databaseUrl: PG_URL, schema });
    cleanups.push(async () => {
      await store.close();
      await dropSchema(schema);
      await dropQueuePrefix(prefix);
    });
    const out = await enqueueCli(folder.dir, env);
    const first = spawnWorker(env, ['--concurrency', '2']);
    workers.push(first);
    await waitForReports(store, 2, first);
    // As a service manager does: SIGTERM to the whole process group.
    killGroup(first, 'SIGTERM');
    expect(await first.exited, first.output()).toBe(0);
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    // Nothing left half-done: no job active, none failed.
    expect(await queue.getActiveCount()).toBe(0);
    expect(await queue.getFailedCount()).toBe(0);
    const mid = (await store.batchCounts(out.batchId))!;
    expect(mid.ok + mid.failed).toBe(await queue.getCompletedCount());

    const second = spawnWorker(env, ['--concurrency', '2', '--until-idle']);
    workers.push(second);
    await waitForBatch(store, out.batchId, { timeoutMs: 180_000 });
    expect(await second.exited, second.output()).toBe(0);
    await expectExactlyOnce(store, UNIQUE);
    const jobs = await queue.getJobs(['completed']);
    // SIGTERM reaches the sandboxed children too (a service manager signals the whole group): a job the
    // parent had just handed to a child that was already exiting is released and re-run by the next
    // worker — never more than the worker's concurrency, and never stored twice (checked above).
    const released = jobs.filter((j) => j.attemptsStarted > 1);
    expect(released.length).toBeLessThanOrEqual(2);
    expect(jobs.length).toBe(UNIQUE);
    await queue.close();
  }, 300_000);
});
