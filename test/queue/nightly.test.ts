import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueConfig } from '../../src/queue/config.js';
import { scheduleNightly, unscheduleNightly } from '../../src/queue/nightly.js';
import { openStore, type BatchCounts, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, SAMPLES, docxVariant, dropQueuePrefix, dropSchema, ensureBuilt, killGroup, spawnWorker, uniqueName, type WorkerProcess } from './helpers.js';

/**
 * The nightly batch through a real BullMQ job scheduler (here every 2 seconds instead of 02:00):
 * each scan enqueues only what is new in the intake folder, as a batch whose counts complete.
 */
describe('queue: nightly intake scheduler', () => {
  const schema = uniqueName('nightly');
  const prefix = uniqueName('q');
  const config = queueConfig({ redisUrl: REDIS_URL, prefix });
  const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };
  let intake: string;
  let store: Store;
  let seed: Uint8Array;
  let worker: WorkerProcess | null = null;

  beforeAll(async () => {
    ensureBuilt();
    intake = await mkdtemp(join(tmpdir(), 'selfeval-intake-'));
    seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
    for (let n = 1; n <= 3; n++) await writeFile(join(intake, `dept-${n}.docx`), docxVariant(seed, 100 + n));
    await writeFile(join(intake, 'notes.txt'), 'not a report');
    store = await openStore({ databaseUrl: PG_URL, schema });
  }, 240_000);

  afterAll(async () => {
    await unscheduleNightly(config).catch(() => {});
    if (worker) killGroup(worker);
    await store?.close();
    await dropSchema(schema);
    await dropQueuePrefix(prefix);
    if (intake) await rm(intake, { recursive: true, force: true });
  });

  /** The first complete nightly batch (after `after`) that received files. */
  async function nextNightly(after: Set<string>): Promise<BatchCounts> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      for (const b of await store.listBatches(50)) {
        if (b.kind !== 'nightly' || after.has(b.id)) continue;
        const c = await store.batchCounts(b.id);
        if (c && c.received > 0 && c.complete) return c;
      }
      if (Date.now() > deadline) throw new Error(`no nightly batch:\n${worker?.output()}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  it('enqueues what is new on each run and completes the batch counts', async () => {
    await scheduleNightly(config, intake, '*/2 * * * * *');
    worker = spawnWorker(env, ['--concurrency', '1']);

    const first = await nextNightly(new Set());
    expect(first).toMatchObject({ kind: 'nightly', source: intake, received: 3, unique: 3, ok: 3, failed: 0, complete: true });

    // A new submission arrives: the next run takes only it.
    const seen = new Set((await store.listBatches(100)).map((b) => b.id));
    await writeFile(join(intake, 'dept-4.docx'), docxVariant(seed, 104));
    const second = await nextNightly(seen);
    expect(second).toMatchObject({ received: 1, ok: 1, complete: true });
    const [{ n }] = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM reports');
    expect(n).toBe(4);
    // New findings of the night are those first seen in its runs.
    const [{ fresh }] = await store.db.query<{ fresh: number }>(
      `SELECT coalesce(sum(findings_new), 0)::int AS fresh FROM report_runs WHERE batch_id = $1`,
      [second.id],
    );
    expect(second.newFindings).toBe(fresh);

    expect(await unscheduleNightly(config)).toBe(true);
    killGroup(worker, 'SIGTERM');
    await worker.exited;
  }, 240_000);
});
