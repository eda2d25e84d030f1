import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { enqueuePaths } from '../../src/queue/enqueue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, dropQueuePrefix, dropSchema, ensureBuilt, spawnWorker, uniqueName } from '../queue/helpers.js';

/**
 * No deadlocks (issue 18 R4): several worker processes save many small results of one batch at
 * once. Saving a result takes its locks in one order (the batch rows first, FOR UPDATE, in id
 * order; then the run that references them), so PostgreSQL never has to break a cycle: the
 * database's deadlock counter does not move and no job is retried for a deadlock.
 */
const WORKERS = 4;
const REPORTS = Number(process.env.SELFEVAL_DEADLOCK_REPORTS ?? 1000);

describe('saving results under load', () => {
  const schema = uniqueName('ops_deadlock');
  const prefix = uniqueName('ops');
  const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'selfeval-deadlock-'));
    // Small reports: each distinct, each a stored result (an unreadable format is stored as an error result too).
    for (let n = 0; n < REPORTS; n++) await writeFile(join(dir, `r${String(n).padStart(4, '0')}.pdf`), `not a report ${n}`);
    store = await openStore({ databaseUrl: PG_URL, schema, maxConnections: 4 });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
    await dropQueuePrefix(prefix);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`${WORKERS} workers × ${REPORTS} reports of one batch: every report stored once, 0 deadlocks`, async () => {
    const deadlocks = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      try {
        return Number((await c.query('SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()')).rows[0].deadlocks);
      } finally {
        await c.end();
      }
    };
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const before = await deadlocks();
    const started = Date.now();
    // The jobs are queued first, then the workers start together: they settle the same batch row at once.
    const out = await enqueuePaths([dir], { store, queue });
    await queue.close();
    const workers = Array.from({ length: WORKERS }, () => spawnWorker(env, ['--until-idle', '--concurrency', '3']));
    const progress = setInterval(async () => {
      const c = await store.batchCounts(out.batchId).catch(() => null);
      if (process.env.SELFEVAL_TEST_VERBOSE) console.log(`${Math.round((Date.now() - started) / 1000)}s queued ${c?.queued}`);
    }, 10_000);
    const codes = await Promise.all(workers.map((w) => w.exited)).finally(() => clearInterval(progress));
    const seconds = (Date.now() - started) / 1000;
    const after = await deadlocks();
    const logs = workers.map((w) => w.output()).join('\n');
    const retriedForDeadlock = (logs.match(/deadlock detected/g) ?? []).length;
    const counts = await store.batchCounts(out.batchId);
    console.log(`deadlock test: ${JSON.stringify({ workers: WORKERS, reports: REPORTS, seconds, pgDeadlocks: after - before, retriedForDeadlock })}`);
    expect(codes).toEqual(workers.map(() => 0));
    expect(counts).toMatchObject({ complete: true, received: REPORTS, unique: REPORTS, queued: 0 });
    const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await c.connect();
    const [row] = (await c.query('SELECT (SELECT count(*) FROM reports) AS reports, (SELECT count(*) FROM report_runs) AS runs')).rows;
    await c.end();
    expect({ reports: Number(row.reports), runs: Number(row.runs) }).toEqual({ reports: REPORTS, runs: REPORTS });
    expect(retriedForDeadlock).toBe(0);
    // The database-wide counter (other schemas share the database: it must not move during this run).
    expect(after - before).toBe(0);
  }, 300_000);
});
