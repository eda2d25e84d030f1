import type { SandboxedJob } from 'bullmq';
import { TransientError } from '../errors.js';
import { IsolatedRunner } from '../isolate/runner.js';
import { openStore, type Store } from '../store/index.js';
import type { ReportJobData, ReportJobResult } from './config.js';

/**
 * The sandboxed processor (runs in a child process per concurrency slot, on compiled JS):
 * fetch the bytes from the store, run the one pipeline, store the result in one transaction.
 * Bad input is a stored `status: "error"` result, never a thrown error; only transient faults
 * (database down, converter timeout) throw, and BullMQ retries those with backoff.
 */

// The same isolated runner as `extract`: per-job limits (time per file, heap, sizes) come from the
// environment (SELFEVAL_TIME_MS_PER_FILE …); an overrunning parse is killed, not waited for.
const pipeline = new IsolatedRunner();
let storePromise: Promise<Store> | null = null;

function getStore(): Promise<Store> {
  if (!storePromise) {
    if (!process.env.DATABASE_URL) {
      throw new Error('队列工作进程需要 PostgreSQL（设置 DATABASE_URL）/ queue workers need DATABASE_URL');
    }
    storePromise = openStore({ maxConnections: 2 });
    // A failed connection is retried by the next attempt, not cached.
    storePromise.catch(() => {
      storePromise = null;
    });
  }
  return storePromise;
}

export default async function processReport(job: SandboxedJob<ReportJobData, ReportJobResult>): Promise<ReportJobResult> {
  const started = performance.now();
  const { sha256, fileName, batchId } = job.data;
  const store = await getStore();
  const bytes = await store.getFileBytes(sha256);
  const fetched = performance.now();
  if (!bytes) throw new TransientError('READ_FAILED', `${fileName}：存储中找不到文件内容 / bytes not in the store (${sha256})`);
  let output;
  try {
    output = await pipeline.runOutput({ bytes, file: fileName, withDocument: true, transient: true });
  } catch (e) {
    // Plain Error across the process boundary; the name keeps it recognizable in logs.
    throw Object.assign(new Error((e as Error).message), { name: (e as Error).name });
  }
  const parsed = performance.now();
  const saved = await store.saveResult(output.result, output.document, { runKey: String(job.id), batchId });
  return {
    sha256,
    status: output.result.status,
    errorCode: output.result.error?.code ?? null,
    stored: saved.stored,
    run: saved.run,
    findings: output.result.discrepancies.length,
    // Pipeline stages, plus the queue's own: fetching the bytes, the pipeline thread, storing.
    timings: { ...output.result.timings, fetch: fetched - started, pipeline: parsed - fetched, store: performance.now() - parsed },
    ms: performance.now() - started,
  };
}
