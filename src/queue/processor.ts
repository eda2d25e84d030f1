import type { Job } from 'bullmq';
import type { DocumentModel } from '../../schemas/document.js';
import type { Result } from '../../schemas/result.js';
import { TransientError } from '../errors.js';
import type { IsolatedRunner } from '../isolate/runner.js';
import type { ResultHead, Store } from '../store/index.js';
import type { ReportJobData, ReportJobResult } from './config.js';
import { justSaved as toJustSaved, recheckAfterSave, type JustSaved } from '../bureau/cross-check.js';

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
  // The thread's JSON text is stored as it is, with the summary the thread made of it: the Result
  // is parsed here only when the runner made it (an error) or a cross check needs the report.
  // UTF-8 bytes moved from the thread, stored as they are: no text copied across, none encoded again.
  const out = await deps.runner.runJson({ bytes, file: fileName, withDocument: true, withSummary: true, transient: true, utf8: true });
  const summary = out.summary;
  let parsedResult: Result | null = null;
  const fullResult = () => (parsedResult ??= JSON.parse(out.resultJson) as Result);
  const result: ResultHead = summary ? summary.head : fullResult();
  const parsed = performance.now();
  const saved = await deps.store.saveResult(result, null, { runKey: String(job.id), batchId, json: { result: out.resultUtf8 ?? out.resultJson, document: out.documentUtf8 !== undefined ? out.documentUtf8 : out.documentJson } });
  // Cross-report checks (ledger, last year) for this report and next year's of its department.
  if (result.status === 'ok' && result.report) {
    const document = () => {
      const documentJson = out.documentJson;
      return documentJson === null ? null : (JSON.parse(documentJson) as DocumentModel);
    };
    const justSaved: JustSaved | null = summary
      ? { sha256, report: () => fullResult().report!, year: result.report.year, department: summary.department, storedDepartment: result.report.department?.text ?? null, scores: summary.scores, document, fileName, run: saved.run }
      : toJustSaved(fullResult(), document, fileName, saved.run);
    if (justSaved) await recheckAfterSave(deps.store, sha256, justSaved).catch(() => {});
  }
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
