import type { Job } from 'bullmq';
import { TransientError } from '../errors.js';
import type { IsolatedRunner } from '../isolate/runner.js';
import type { Store } from '../store/index.js';
import { saveSerialized } from '../store/save-output.js';
import type { ReportJobData, ReportJobResult } from './config.js';
import { recheckAfterSave } from '../bureau/cross-check.js';

/**
 * One report job, run by the worker process itself (no sandboxed child process): fetch the bytes
 * from the store, run the one pipeline in a thread of the worker's isolated runner (the runner
 * `extract` uses: time, heap and resident-memory limits, a killed thread on overrun), store the
 * result in one transaction. Bad input is a stored `status: "error"` result, never a thrown error;
 * only transient faults (database down, converter timeout) throw, and BullMQ retries those with
 * backoff. The pipeline never runs on the worker's main thread, so job locks keep being renewed
 * however long a file takes.
 */
export interface ProcessorDeps {
  store: Store;
  runner: IsolatedRunner;
}

export async function processReport(job: Job<ReportJobData, ReportJobResult>, deps: ProcessorDeps): Promise<ReportJobResult> {
  const started = performance.now();
  const { sha256, fileName, batchId } = job.data;
  const bytes = await deps.store.getFileBytes(sha256);
  const fetched = performance.now();
  if (!bytes) throw new TransientError('READ_FAILED', `${fileName}：存储中找不到文件内容 / bytes not in the store (${sha256})`);
  // The thread's JSON (UTF-8 bytes, moved from the thread) is stored as it is, with the summary the
  // thread made of it: no text copied across, none encoded again, no Result parsed here.
  const out = await deps.runner.runJson({ bytes, file: fileName, withDocument: true, withSummary: true, transient: true, utf8: true });
  const parsed = performance.now();
  const { head: result, saved, justSaved } = await saveSerialized(deps.store, out, fileName, { runKey: String(job.id), batchId });
  // Cross-report checks (ledger, last year) for this report and next year's of its department.
  if (justSaved) await recheckAfterSave(deps.store, sha256, justSaved).catch(() => {});
  return {
    sha256,
    status: result.status,
    errorCode: result.error?.code ?? null,
    stored: saved.stored,
    run: saved.run,
    findings: result.discrepancies.length,
    // Pipeline stages, plus the queue's own: fetching the bytes, the pipeline thread, storing.
    timings: { ...result.timings, fetch: fetched - started, pipeline: parsed - fetched, store: performance.now() - parsed },
    ms: performance.now() - started,
  };
}
