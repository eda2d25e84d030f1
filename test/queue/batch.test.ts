import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { enqueuePaths, waitForBatch } from '../../src/queue/enqueue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, ROOT, dropQueuePrefix, dropSchema, ensureBuilt, killGroup, makeBatchFolder, spawnWorker, uniqueName, type BatchFolder, type WorkerProcess } from './helpers.js';

const run = promisify(execFile);

/**
 * 50 files (the samples, docx variants, one corrupt file, one duplicate) through real Redis and
 * PostgreSQL with two worker processes: every distinct content stored once with the outcome the
 * pipeline gives it, and the batch counts exact.
 */
describe('queue: a folder of 50 files with 2 worker processes', () => {
  const schema = uniqueName('batch');
  const prefix = uniqueName('q');
  const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };
  let folder: BatchFolder;
  let store: Store;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    ensureBuilt();
    folder = await makeBatchFolder(50, { withSamples: true });
    store = await openStore({ databaseUrl: PG_URL, schema });
  }, 240_000);

  afterAll(async () => {
    for (const w of workers) killGroup(w);
    await store?.close();
    await dropSchema(schema);
    await dropQueuePrefix(prefix);
    if (folder) await rm(folder.dir, { recursive: true, force: true });
  });

  it('stores each distinct file once, with exact batch counts', async () => {
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const out = await enqueuePaths([folder.dir], { store, queue });
    await queue.close();
    expect(out.received).toBe(50);
    expect(out.jobs).toBe(49); // 50 files, one of them a duplicate

    for (let i = 0; i < 2; i++) workers.push(spawnWorker(env, ['--concurrency', '1', '--until-idle', '--lock-ms', '10000']));
    const counts = await waitForBatch(store, out.batchId, { timeoutMs: 240_000 });
    const codes = await Promise.all(workers.map((w) => w.exited));
    expect(codes, workers.map((w) => w.output()).join('\n')).toEqual([0, 0]);

    const expectedOk = [...folder.expected.values()].filter((e) => e.status === 'ok').length;
    const expectedFailed: Record<string, number> = {};
    for (const e of folder.expected.values()) if (e.status === 'error') expectedFailed[e.code!] = (expectedFailed[e.code!] ?? 0) + 1;
    expect(counts).toMatchObject({ complete: true, received: 50, unique: 49, duplicates: 1, queued: 0, ok: expectedOk, failed: 49 - expectedOk });
    expect(counts.failedByCode).toEqual(expectedFailed);
    expect(counts.finishedAt).not.toBeNull();
    // The corrupt file failed with a bad-input code (no retries, no internal error).
    expect(Object.keys(counts.failedByCode)).not.toContain('INTERNAL_ERROR');
    expect(expectedFailed.CORRUPT_FILE ?? 0).toBeGreaterThanOrEqual(1);

    // Every distinct content: one report, one run, with the outcome the pipeline gives it.
    const rows = await store.db.query<{ sha256: string; status: string; error_code: string | null; runs: number; names: string[] }>(
      `SELECT r.sha256, r.status, r.error_code, (SELECT count(*)::int FROM report_runs x WHERE x.sha256 = r.sha256) AS runs, r.file_names AS names
       FROM reports r`,
    );
    expect(rows.length).toBe(49);
    for (const r of rows) {
      expect(r.runs).toBe(1);
      expect({ status: r.status, code: r.error_code }).toEqual(folder.expected.get(r.sha256));
    }
    // Findings by severity in the counts are those of the stored reports.
    const [sev] = await store.db.query<{ e: number; w: number; i: number }>(
      `SELECT count(*) FILTER (WHERE severity = 'error')::int AS e, count(*) FILTER (WHERE severity = 'warning')::int AS w,
              count(*) FILTER (WHERE severity = 'info')::int AS i FROM findings WHERE gone_run IS NULL`,
    );
    expect(counts.findings).toEqual({ error: sev.e, warning: sev.w, info: sev.i });
    expect(counts.newFindings).toBe(sev.e + sev.w + sev.i);
    // No retries: bad input fails at once (stored as an error result), good input succeeds at once.
    const q = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const jobs = await q.getJobs(['completed', 'failed']);
    await q.close();
    expect(jobs.length).toBe(49);
    expect(jobs.every((j) => j.attemptsStarted === 1 && j.finishedOn)).toBe(true);
    // Both workers took part (two processes sharing the queue).
    for (const w of workers) expect(w.output()).toMatch(/"event":"report"/);
    // The stored DocumentModel is there for the reviewer UI.
    const seedRow = await store.getReport(rows.find((r) => r.names.some((n) => n.endsWith('seed.docx')))!.sha256);
    expect(seedRow?.document?.blocks.length).toBeGreaterThan(0);
    // The stored Result and DocumentModel are the pipeline's, clock readings aside (the worker stores
    // the pipeline thread's UTF-8 JSON bytes as they are, never decoded or encoded again).
    const fromPipeline = await runPipeline({ bytes: new Uint8Array(await readFile(join(folder.dir, 'seed.docx'))), file: seedRow!.result.file });
    const noClock = (r: object) => JSON.parse(JSON.stringify({ ...r, timings: null }));
    expect(noClock(seedRow!.result)).toEqual(noClock(fromPipeline.result));
    expect(seedRow!.document).toEqual(JSON.parse(JSON.stringify(fromPipeline.document)));

    // `status --json` prints the same counts.
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'selfeval'), 'status', out.batchId, '--json'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ id: out.batchId, received: 50, ok: expectedOk, failedByCode: expectedFailed, complete: true });

    // Enqueuing the same folder again adds no jobs and settles at once from the stored reports.
    const queue2 = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const again = await enqueuePaths([folder.dir], { store, queue: queue2 });
    await queue2.close();
    const againCounts = await store.batchCounts(again.batchId);
    expect(againCounts).toMatchObject({ complete: true, received: 50, ok: expectedOk, newFindings: 0 });
    expect((await store.db.query('SELECT 1 FROM reports')).length).toBe(49);
  }, 300_000);
});
