import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { addReportJobs, waitForBatch } from '../../src/queue/enqueue.js';
import { startWorker } from '../../src/queue/worker.js';
import { RULES_VERSION } from '../../src/rules/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, SAMPLES, corruptDocx, dropQueuePrefix, dropSchema, uniqueName } from './helpers.js';

/**
 * Retries are for transient faults only: a job whose bytes are not (yet) in the store is retried
 * with backoff and, once its attempts are used up, its batch items become errors so the batch
 * still completes; a corrupt file is stored as an error on its first attempt.
 */
describe('queue: retries for transient faults only', () => {
  const schema = uniqueName('retry');
  const prefix = uniqueName('q');
  let store: Store;

  beforeAll(async () => {
    process.env.SELFEVAL_DB_SCHEMA = schema;
    store = await openStore({ databaseUrl: PG_URL, schema });
  });

  afterAll(async () => {
    await store?.close();
    await dropSchema(schema);
    await dropQueuePrefix(prefix);
  });

  it('retries a missing-bytes job, then fails its items; a corrupt file is not retried', async () => {
    const seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
    const corrupt = await store.putFile(corruptDocx(seed), 'corrupt.docx');
    const missing = 'e'.repeat(64); // recorded in the batch, bytes never stored
    const batch = await store.createBatch({
      kind: 'enqueue',
      rulesVersion: RULES_VERSION,
      items: [{ fileName: 'corrupt.docx', sha256: corrupt.sha256 }, { fileName: 'lost.docx', sha256: missing }],
    });
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const fast = { attempts: 3, backoff: { type: 'exponential' as const, delay: 200 } };
    await addReportJobs(queue, [
      { sha256: corrupt.sha256, fileName: 'corrupt.docx', batchId: batch.id },
      { sha256: missing, fileName: 'lost.docx', batchId: batch.id },
    ], undefined, fast);

    // The worker's processor runs in child processes; they take the database from the environment.
    const prevUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = PG_URL;
    const worker = await startWorker({ concurrency: 1, untilIdle: true, queue: { redisUrl: REDIS_URL, prefix }, store, intake: false, logger: (await import('pino')).pino({ level: 'silent' }) });
    try {
      const counts = await waitForBatch(store, batch.id, { timeoutMs: 120_000 });
      expect(counts).toMatchObject({ complete: true, ok: 0, failed: 2 });
      expect(counts.failedByCode).toEqual({ CORRUPT_FILE: 1, INTERNAL_ERROR: 1 });
      await worker.done;
    } finally {
      await worker.close();
      if (prevUrl === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = prevUrl;
    }
    const lost = await queue.getJob(missing);
    const bad = await queue.getJob(corrupt.sha256);
    expect(await lost!.getState()).toBe('failed');
    expect(lost!.attemptsMade).toBe(3);
    expect(lost!.failedReason).toMatch(/bytes not in the store/);
    expect(await bad!.getState()).toBe('completed');
    expect(bad!.attemptsStarted).toBe(1);
    // The corrupt file's error result is stored; the lost file has no report.
    expect((await store.getReport(corrupt.sha256))?.errorCode).toBe('CORRUPT_FILE');
    expect(await store.getReport(missing)).toBeNull();
    await queue.close();
  }, 180_000);
});
