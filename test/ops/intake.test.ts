import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionOptions, queueConfig, REPORTS_QUEUE, reportsQueue } from '../../src/queue/config.js';
import { addReportJobs } from '../../src/queue/enqueue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { RULES_VERSION } from '../../src/rules/index.js';
import { PG_URL, REDIS_URL, ROOT, SAMPLES, docxVariant, dropQueuePrefix, dropSchema, ensureBuilt, uniqueName } from '../queue/helpers.js';

/**
 * Intake that never loses a submission (issue 18 R1) and the operator's enqueue (issue 16 O1), on
 * the real Redis and PostgreSQL: Redis down → enqueue fails within seconds with one Chinese line;
 * Redis gone after the files are stored → a bounded failure, and the stored files are queued by
 * the next worker start; files stored but never queued, or failed for good, are queued by the next
 * enqueue; missing paths and a missing nightly folder are refused.
 */
const BIN = join(ROOT, 'bin', 'selfeval');
const schema = uniqueName('ops_intake');
const prefix = uniqueName('ops');
const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix, SELFEVAL_LOG_LEVEL: 'warn' };
let dir: string;
let seed: Uint8Array;
let store: Store;
/** A submission processed in the test before the nightly one (its bytes have a report). */
let processedBytes: Uint8Array;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function cli(args: string[], extraEnv: Record<string, string> = {}, timeoutMs = 120_000): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env, ...extraEnv }, timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? -1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Each distinct content has exactly one report and one run. */
async function expectStoredOnce(expected: number): Promise<void> {
  const [row] = await sql<{ files: string; reports: string; runs: string; maxruns: string | null }>(
    `SELECT (SELECT count(*) FROM files) AS files, (SELECT count(*) FROM reports) AS reports,
            (SELECT count(*) FROM report_runs) AS runs, (SELECT max(n) FROM (SELECT count(*) AS n FROM report_runs GROUP BY sha256) x) AS maxruns`,
  );
  expect({ files: Number(row.files), reports: Number(row.reports), runs: Number(row.runs), maxRuns: Number(row.maxruns) }).toEqual({ files: expected, reports: expected, runs: expected, maxRuns: 1 });
}

/** A TCP proxy in front of Redis that lets through only its first connection (the enqueue's Redis check), then acts as a Redis that died. */
function redisThatDiesAfterCheck(): Promise<{ url: string; server: Server; close(): void }> {
  const sockets: Socket[] = [];
  let accepted = 0;
  const server = createServer((client) => {
    sockets.push(client);
    if (++accepted > 1) {
      client.destroy();
      server.close();
      return;
    }
    const upstream = new Socket();
    sockets.push(upstream);
    upstream.connect(6379, '127.0.0.1');
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ url: `redis://127.0.0.1:${port}`, server, close: () => { server.close(); for (const s of sockets) s.destroy(); } });
    });
  });
}

beforeAll(async () => {
  ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'selfeval-ops-intake-'));
  seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
  store = await openStore({ databaseUrl: PG_URL, schema });
}, 240_000);

afterAll(async () => {
  await store?.close();
  await dropSchema(schema);
  await dropQueuePrefix(prefix);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('enqueue refuses what it cannot do, fast and in Chinese', () => {
  it('Redis down: exit 3 within seconds, one Chinese line, nothing stored', async () => {
    const r = await cli(['enqueue', join(SAMPLES, 'seed.docx')], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('无法连接队列服务 Redis');
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(await sql('SELECT 1 FROM files')).toHaveLength(0);
  }, 30_000);

  it('a missing path is an error at enqueue time; --nightly on a missing folder is refused', async () => {
    const missing = await cli(['enqueue', join(SAMPLES, 'seed.docx'), join(dir, 'no-such-folder')]);
    expect(missing.code).toBe(2);
    expect(missing.ms).toBeLessThan(10_000);
    expect(missing.stderr).toContain('路径不存在');
    expect(missing.stderr).toContain('no-such-folder');
    const nightly = await cli(['enqueue', '--nightly', join(dir, 'no-such-intake')]);
    expect(nightly.code).toBe(2);
    expect(nightly.stderr).toContain('夜间扫描的文件夹不存在');
    expect(await sql('SELECT 1 FROM files')).toHaveLength(0);
  }, 30_000);
});

describe('no submission is lost', () => {
  it('Redis dies after the files are stored: enqueue fails within its deadline; the next worker start queues them, each stored once', async () => {
    const folder = join(dir, 'outage');
    await mkdir(folder);
    for (let n = 1; n <= 4; n++) await writeFile(join(folder, `dept-${n}.docx`), docxVariant(seed, 500 + n));
    const redis = await redisThatDiesAfterCheck();
    const r = await cli(['enqueue', folder], { REDIS_URL: redis.url });
    redis.close();
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.stderr).toContain('文件已存入数据库');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(await sql('SELECT 1 FROM files')).toHaveLength(4);
    expect(await sql('SELECT 1 FROM reports')).toHaveLength(0);

    const w = await cli(['worker', '--until-idle', '--concurrency', '2']);
    expect(w.code).toBe(0);
    await expectStoredOnce(4);
    const [batch] = await sql<{ id: string }>("SELECT id FROM batches WHERE kind = 'enqueue'");
    expect((await store.batchCounts(batch.id))).toMatchObject({ complete: true, received: 4, ok: 4, queued: 0 });
  }, 240_000);

  it('files stored but never queued, and a file whose processing failed for good, are queued by the next enqueue', async () => {
    const config = queueConfig({ redisUrl: REDIS_URL, prefix });
    // A crash between storing and queueing: bytes and batch in the store, no job.
    const lost = docxVariant(seed, 601);
    processedBytes = lost;
    const { sha256: lostSha } = await store.putFile(lost, 'lost.docx');
    await store.createBatch({ kind: 'enqueue', source: 'crash', rulesVersion: RULES_VERSION, items: [{ fileName: 'lost.docx', sha256: lostSha }] });
    // Stored, no batch at all (the crash came even earlier).
    const { sha256: bareSha } = await store.putFile(docxVariant(seed, 602), 'bare.docx');
    // Failed for good: a job that used its attempts on a transient fault, its item given up.
    const failed = docxVariant(seed, 603);
    const { sha256: failedSha } = await store.putFile(failed, 'failed.docx');
    const fb = await store.createBatch({ kind: 'enqueue', source: 'failed', rulesVersion: RULES_VERSION, items: [{ fileName: 'failed.docx', sha256: failedSha }] });
    const queue = reportsQueue(config);
    await addReportJobs(queue, [{ sha256: failedSha, fileName: 'failed.docx', batchId: fb.id }], undefined, { attempts: 1 });
    const broken = new Worker(REPORTS_QUEUE, async () => {
      throw new Error('PostgreSQL 暂时不可用（模拟）');
    }, { connection: connectionOptions(config), prefix });
    for (let t = 0; t < 100 && (await queue.getJob(failedSha))?.failedReason === undefined; t++) await new Promise((r) => setTimeout(r, 100));
    await broken.close();
    expect(await (await queue.getJob(failedSha))!.getState()).toBe('failed');
    await store.failItems(failedSha, 'INTERNAL_ERROR');
    await queue.close();

    const next = join(dir, 'next.docx');
    await writeFile(next, docxVariant(seed, 604));
    const r = await cli(['enqueue', next, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { jobs: number; recovered: { requeued: number; retried: number } };
    expect(out.jobs).toBe(1);
    expect(out.recovered).toMatchObject({ requeued: 2, retried: 1 });
    expect(r.stderr).toContain('补入队列');

    const w = await cli(['worker', '--until-idle', '--concurrency', '2']);
    expect(w.code).toBe(0);
    await expectStoredOnce(8);
    for (const sha of [lostSha, bareSha, failedSha]) expect((await store.getReport(sha))?.status).toBe('ok');
  }, 240_000);

  it('the nightly scan takes again a file whose bytes are stored but have no report', async () => {
    const intake = join(dir, 'intake');
    await mkdir(intake);
    const bytes = docxVariant(seed, 701);
    await writeFile(join(intake, 'late.docx'), bytes);
    await writeFile(join(intake, 'done.docx'), processedBytes);
    const { sha256 } = await store.putFile(bytes, 'late.docx');
    const handled = await store.handledFiles([sha256]);
    expect(handled.has(sha256)).toBe(false);
    const { processIntakeJob } = await import('../../src/queue/nightly.js');
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const { createLogger } = await import('../../src/log.js');
    const out = await processIntakeJob({ data: { folder: intake } } as never, { store, queue, log: createLogger('test', { write: () => true } as never) });
    await queue.close();
    expect(out).toMatchObject({ received: 1, skipped: 1 });
  }, 60_000);
});
