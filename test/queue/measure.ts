/**
 * Throughput measurement (not a test): N docx variants through Redis + PostgreSQL with W worker
 * processes of concurrency C. Prints jobs/s and the peak RSS of the worker process groups.
 *
 *   node --import tsx test/queue/measure.ts [N=100] [W=1] [C=1]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { enqueuePaths, waitForBatch } from '../../src/queue/enqueue.js';
import { openStore } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, SAMPLES, docxVariant, dropQueuePrefix, dropSchema, ensureBuilt, spawnWorker, uniqueName } from './helpers.js';

const [n = 100, w = 1, c = 1] = process.argv.slice(2).map(Number);
ensureBuilt();
const schema = uniqueName('measure');
const prefix = uniqueName('q');
const dir = await mkdtemp(join(tmpdir(), 'selfeval-measure-'));
const seed = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
for (let i = 0; i < n; i++) await writeFile(join(dir, `v${i}.docx`), docxVariant(seed, 10_000 + i));
const store = await openStore({ databaseUrl: PG_URL, schema });
const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix, SELFEVAL_LOG_LEVEL: process.env.SELFEVAL_LOG_LEVEL ?? "warn" };

const tEnqueue = performance.now();
const out = await enqueuePaths([dir], { store, queue });
const enqueueMs = performance.now() - tEnqueue;
const workers = Array.from({ length: w }, () => spawnWorker(env, ['--concurrency', String(c), '--until-idle']));
const started = performance.now();
let peakRss = 0;
const sampler = setInterval(() => {
  let total = 0;
  for (const wp of workers) {
    try {
      const out = execFileSync('ps', ['-o', 'rss=', '-g', String(wp.child.pid)], { encoding: 'utf8' });
      total += out.split('\n').filter(Boolean).reduce((s, l) => s + Number(l.trim()), 0);
    } catch {
      /* gone */
    }
  }
  peakRss = Math.max(peakRss, total);
}, 200);
const counts = await waitForBatch(store, out.batchId, { timeoutMs: 30 * 60_000, pollMs: 100 });
const ms = performance.now() - started;
clearInterval(sampler);
await Promise.all(workers.map((x) => x.exited));
// Mean per-stage time of the jobs (from the workers' JSON log lines, when logging at info).
const stages: Record<string, number[]> = {};
for (const wp of workers) for (const line of wp.output().split('\n')) {
  if (!line.includes('"event":"report"')) continue;
  for (const [k, v] of Object.entries(JSON.parse(line).timings as Record<string, number>)) (stages[k] ??= []).push(v);
}
const meanStages = Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, Math.round(v.reduce((a, b) => a + b, 0) / v.length)]));
console.log(JSON.stringify({
  files: n, workers: w, concurrency: c, ok: counts.ok, failed: counts.failed,
  enqueueMs: Math.round(enqueueMs), processMs: Math.round(ms), jobsPerSecond: +(n / (ms / 1000)).toFixed(2),
  peakRssMbAllWorkers: Math.round(peakRss / 1024), meanStageMs: meanStages,
}));
await queue.close();
await store.close();
await dropSchema(schema);
await dropQueuePrefix(prefix);
await rm(dir, { recursive: true, force: true });
