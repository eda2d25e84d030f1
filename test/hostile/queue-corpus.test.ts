import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { waitForBatch } from '../../src/queue/enqueue.js';
import { openStore, type BatchCounts, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, ROOT, dropQueuePrefix, dropSchema, ensureBuilt, killGroup, spawnWorker, uniqueName, type WorkerProcess } from '../queue/helpers.js';
import { generateCorpus, type CorpusFile } from './corpus.js';

/**
 * The hostile corpus through the queue: `bin/selfeval enqueue <folder>` then two worker processes
 * (real Redis, real PostgreSQL, own schema and key prefix). Every file must end as a settled batch
 * item with an outcome its kind allows, every distinct content stored exactly once, no job left
 * active, waiting or failed.
 */
const exec = promisify(execFile);
const TIME_MS_PER_FILE = '90000';

interface ItemRow {
  file_name: string;
  sha256: string | null;
  status: string;
  error_code: string | null;
}

let dir: string;
let corpus: CorpusFile[];
let store: Store;
let counts: BatchCounts;
let items: ItemRow[];
const schema = uniqueName('hostile');
const prefix = uniqueName('hq');
const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix, SELFEVAL_TIME_MS_PER_FILE: TIME_MS_PER_FILE };
const workers: WorkerProcess[] = [];
let wallMs = 0;

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'selfeval-hostile-queue-'));
  corpus = await generateCorpus(join(dir, 'corpus'));
  store = await openStore({ databaseUrl: PG_URL, schema });
  const started = performance.now();
  const { stdout } = await exec(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'enqueue', join(dir, 'corpus'), '--json'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { batchId } = JSON.parse(stdout) as { batchId: string };
  for (let i = 0; i < 2; i++) workers.push(spawnWorker(env, ['--concurrency', '1', '--until-idle']));
  counts = await waitForBatch(store, batchId, { timeoutMs: 600_000 });
  wallMs = performance.now() - started;
  items = await store.db.query<ItemRow>('SELECT file_name, sha256, status, error_code FROM batch_items WHERE batch_id = $1 ORDER BY item', [batchId]);
  for (const w of workers) await w.exited;
  const distinct = new Set(corpus.map((f) => f.sha256)).size;
  console.log(
    `hostile corpus via queue: ${JSON.stringify({ filesTried: corpus.length, distinct, ok: counts.ok, failed: counts.failed, queued: counts.queued, failedByCode: counts.failedByCode, wallSeconds: Math.round(wallMs / 100) / 10 })}`,
  );
}, 900_000);

afterAll(async () => {
  for (const w of workers) killGroup(w);
  await store?.close();
  await dropSchema(schema).catch(() => {});
  await dropQueuePrefix(prefix).catch(() => {});
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hostile corpus through the queue (2 worker processes)', () => {
  it('both workers drain the queue and exit 0 (no worker crashed)', async () => {
    for (const w of workers) expect(await w.exited, w.output().slice(-3000)).toBe(0);
  });

  it('the batch is complete and its counts are exact', () => {
    const distinct = new Set(corpus.map((f) => f.sha256));
    expect(counts.complete).toBe(true);
    expect(counts.received).toBe(corpus.length);
    expect(counts.unique).toBe(distinct.size);
    expect(counts.duplicates).toBe(corpus.length - distinct.size);
    expect(counts.queued).toBe(0);
    expect(counts.ok + counts.failed).toBe(distinct.size);
    const failedDistinct = new Map<string, string>();
    for (const it of items) if (it.status === 'error' && it.sha256) failedDistinct.set(it.sha256, it.error_code!);
    const byCode: Record<string, number> = {};
    for (const code of failedDistinct.values()) byCode[code] = (byCode[code] ?? 0) + 1;
    expect(counts.failedByCode).toEqual(byCode);
  });

  it('every file has an outcome its kind allows: never INTERNAL_ERROR, never TIMEOUT', () => {
    expect(items.length).toBe(corpus.length);
    const byName = new Map(corpus.map((f) => [join(dir, 'corpus', f.name), f]));
    const wrong: string[] = [];
    for (const it of items) {
      const f = byName.get(it.file_name);
      if (!f) {
        wrong.push(`unknown item ${it.file_name}`);
        continue;
      }
      expect(it.sha256).toBe(f.sha256);
      const outcome = it.status === 'ok' ? 'ok' : it.error_code ?? 'none';
      if (!f.expect.includes(outcome as never)) wrong.push(`${f.name} (${f.kind}): got ${outcome}; expected ${f.expect.join('|')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('every distinct content is stored exactly once, errors with a message naming the file', async () => {
    const distinct = new Set(corpus.map((f) => f.sha256));
    const runs = await store.db.query<{ sha256: string; runs: number }>('SELECT sha256, count(*)::int AS runs FROM report_runs GROUP BY sha256');
    expect(runs.length).toBe(distinct.size);
    expect(runs.filter((r) => r.runs !== 1)).toEqual([]);
    const reports = await store.db.query<{ sha256: string; file_name: string; status: string; error_message: string | null }>(
      'SELECT sha256, file_name, status, error_message FROM reports',
    );
    expect(new Set(reports.map((r) => r.sha256))).toEqual(distinct);
    for (const r of reports) {
      if (r.status === 'error') expect(r.error_message!.startsWith(`${r.file_name}：`), r.error_message!).toBe(true);
    }
  });

  it('no job is left active, waiting, delayed or failed; none stalled', async () => {
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    try {
      const c = await queue.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed', 'prioritized');
      expect(c).toMatchObject({ active: 0, waiting: 0, delayed: 0, failed: 0, prioritized: 0 });
      expect(c.completed).toBe(new Set(corpus.map((f) => f.sha256)).size);
      const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3 });
      try {
        expect(await redis.scard(`${prefix}:reports:stalled`)).toBe(0);
      } finally {
        redis.disconnect();
      }
    } finally {
      await queue.close();
    }
  });
});
