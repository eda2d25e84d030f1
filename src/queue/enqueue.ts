import type { JobsOptions, Queue } from 'bullmq';
import { collectInputs, readInputFile, type SkippedFile } from '../files.js';
import { RULES_VERSION } from '../rules/index.js';
import type { BatchCounts, BatchItemInput, BatchKind, Store } from '../store/index.js';
import { sha256Of } from '../store/index.js';
import { QueueUnavailableError, REPORT_JOB_OPTIONS, reportJobId, withDeadline, type ReportJobData } from './config.js';
import { requeueUnfinished, type RecoverOutcome } from './recover.js';
import type { Logger } from '../log.js';

export interface EnqueueOptions {
  store: Store;
  queue: Queue;
  kind?: BatchKind;
  /** Where the files came from (folder, "command line"), shown in the batch record. */
  source?: string | null;
  /** Skip files whose bytes are already in the store (the nightly intake: only what is new). */
  onlyNew?: boolean;
  /** Called after each file is stored: done/total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Give up on the queue steps after this long (ms; default: wait, as workers and the nightly
   * intake do). Operator commands set it: Redis going down mid-enqueue is then an error within
   * seconds, and the stored files are queued by the next enqueue, nightly scan or worker start.
   */
  queueDeadline?: { ms: number; redisUrl: string };
  /** Also give a job to every stored file that has none (default true): see requeueUnfinished. */
  recover?: boolean;
  log?: Logger;
}

export interface EnqueueOutcome {
  batchId: string;
  /** Files received in the batch. */
  received: number;
  /** Distinct new contents given to the workers. */
  jobs: number;
  /** Files passed over because their bytes were already stored (onlyNew). */
  skipped: number;
  /** Files a folder scan passed over because they are not reports (.xlsx, .pptx, .zip …), and why. */
  notReports: SkippedFile[];
  /** Earlier submissions found stored without a report and queued again. */
  recovered: RecoverOutcome | null;
}

/**
 * Store each file's bytes and record a batch; add one job per distinct content (jobId = sha256,
 * so the same bytes twice make one report). Unreadable files become batch items with READ_FAILED.
 */
export async function enqueuePaths(paths: string[], options: EnqueueOptions): Promise<EnqueueOutcome> {
  const { files: inputs, skipped: notReports } = await collectInputs(paths);
  const items: BatchItemInput[] = [];
  let skipped = 0;
  let done = 0;
  for (const input of inputs) {
    // The limits of extract apply here too: a FIFO, a device or an oversize file is never read.
    const read = input.problem ? { ok: false as const, ...input.problem } : await readInputFile(input.path);
    if (!read.ok) {
      items.push({ fileName: input.path, sha256: null, errorCode: read.code });
      options.onProgress?.(++done, inputs.length);
      continue;
    }
    const bytes = read.bytes;
    if (options.onlyNew) {
      // Skipped only when handled: bytes stored but never queued, or failed for good, are taken again.
      const known = await options.store.handledFiles([sha256Of(bytes)]);
      if (known.size > 0) {
        skipped++;
        options.onProgress?.(++done, inputs.length);
        continue;
      }
    }
    const { sha256 } = await options.store.putFile(bytes, input.path);
    items.push({ fileName: input.path, sha256 });
    options.onProgress?.(++done, inputs.length);
  }
  const batch = await options.store.createBatch({
    kind: options.kind ?? 'enqueue',
    source: options.source ?? (paths.length === 1 ? paths[0] : paths.join(', ')),
    rulesVersion: RULES_VERSION,
    items,
  });
  const names = new Map<string, string>();
  for (const it of items) if (it.sha256 && !names.has(it.sha256)) names.set(it.sha256, it.fileName);
  const queueSteps = async () => {
    await addReportJobs(options.queue, batch.toProcess.map((sha256) => ({ sha256, fileName: names.get(sha256) ?? sha256, batchId: batch.id })));
    return options.recover === false ? null : requeueUnfinished(options.store, options.queue, options.log);
  };
  const deadline = options.queueDeadline;
  const recovered = deadline
    ? await withDeadline(queueSteps(), deadline.ms, () => new QueueUnavailableError(
        deadline.redisUrl,
        `${Math.round(deadline.ms / 1000)} 秒内未能加入队列。文件已存入数据库（批次 ${batch.id}），Redis 恢复后下一次 enqueue、夜间扫描或 worker 启动时会自动补入队列 / stored but not queued; the next enqueue, nightly scan or worker start queues them`,
      ))
    : await queueSteps();
  await options.store.settleBatch(batch.id);
  return { batchId: batch.id, received: items.length, jobs: batch.toProcess.length, skipped, notReports, recovered };
}

/**
 * Add report jobs. A job that already exists is left alone (BullMQ keeps one job per id), except a
 * job that failed for good earlier: it is retried, so no submission is ever left behind.
 */
export async function addReportJobs(queue: Queue, jobs: ReportJobData[], reprocessRulesVersion?: string, jobOptions: JobsOptions = REPORT_JOB_OPTIONS): Promise<void> {
  const CHUNK = 500;
  for (let i = 0; i < jobs.length; i += CHUNK) {
    const chunk = jobs.slice(i, i + CHUNK);
    const ids = chunk.map((j) => reportJobId(j.sha256, reprocessRulesVersion));
    const existing = await Promise.all(ids.map((id) => queue.getJob(id)));
    const fresh: Array<{ name: string; data: ReportJobData; opts: JobsOptions }> = [];
    for (let k = 0; k < chunk.length; k++) {
      const job = existing[k];
      if (!job) {
        fresh.push({ name: 'report', data: chunk[k], opts: { ...jobOptions, jobId: ids[k] } });
      } else if (await job.isFailed()) {
        await job.retry();
      }
    }
    if (fresh.length > 0) await queue.addBulk(fresh);
  }
}

/** Wait until every item of the batch is settled; returns the final counts. */
export async function waitForBatch(store: Store, batchId: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<BatchCounts> {
  const deadline = Date.now() + (options.timeoutMs ?? Infinity);
  for (;;) {
    const counts = await store.batchCounts(batchId);
    if (!counts) throw new Error(`批次不存在 / no such batch: ${batchId}`);
    if (counts.complete) return counts;
    if (Date.now() > deadline) throw new Error(`批次 ${batchId} 未在时限内完成 / batch not finished in time (${counts.queued} queued)`);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
}

/** Enqueue files or folders and wait until workers have settled the whole batch (benchmarks, scripts). */
export async function enqueueAndWait(paths: string[], options: EnqueueOptions & { timeoutMs?: number }): Promise<BatchCounts> {
  const out = await enqueuePaths(paths, options);
  return waitForBatch(options.store, out.batchId, { timeoutMs: options.timeoutMs });
}
