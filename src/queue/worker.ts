import { availableParallelism } from 'node:os';
import { Worker, type Job } from 'bullmq';
import { IsolatedRunner } from '../isolate/runner.js';
import { closeDocConverters } from '../../parsers/doc/convert.js';
import { createLogger, type Logger } from '../log.js';
import { openStore, type Store } from '../store/index.js';
import {
  INTAKE_QUEUE,
  REPORTS_QUEUE,
  connectionOptions,
  queueConfig,
  reportsQueue,
  type QueueConfig,
  type ReportJobData,
  type ReportJobResult,
} from './config.js';
import { processIntakeJob, type IntakeJobData } from './nightly.js';
import { processReport } from './processor.js';
import { requeueUnfinished } from './recover.js';

export interface StartWorkerOptions {
  /** Reports processed at once, each in its own pipeline thread; default: number of CPU cores. */
  concurrency?: number;
  /** Stop once the queue has nothing waiting, delayed or active (cron-style runs). */
  untilIdle?: boolean;
  queue?: Partial<QueueConfig>;
  /** How long a job's lock lasts; a worker that dies mid-job loses its jobs after this (ms). */
  lockDurationMs?: number;
  /** How often to look for stalled jobs (ms). */
  stalledIntervalMs?: number;
  /** Also run the nightly intake scans (default true). */
  intake?: boolean;
  logger?: Logger;
  store?: Store;
}

export interface RunningWorker {
  /** Resolves when the worker has stopped (idle with untilIdle, or after close()). */
  done: Promise<void>;
  /** Graceful stop: active jobs finish first. */
  close(): Promise<void>;
}

/**
 * Start a worker process's queue consumers. One process, one V8 heap for the queue and the store,
 * and `concurrency` isolated pipeline threads (src/isolate) that do the parsing: no sandboxed child
 * processes, and no second serialization of every file, result and model between processes.
 */
export async function startWorker(options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const config = queueConfig(options.queue);
  const log = options.logger ?? createLogger('selfeval-worker');
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism());
  // Jobs saving at once each hold a connection; one more for the intake scans and batch queries.
  const store = options.store ?? (await openStore({ maxConnections: concurrency + 1 }));
  const ownsStore = !options.store;
  const runner = new IsolatedRunner({ concurrency });

  const lockDuration = options.lockDurationMs ?? 30_000;
  const reports = new Worker<ReportJobData, ReportJobResult>(REPORTS_QUEUE, (job) => processReport(job, { store, runner }), {
    connection: connectionOptions(config),
    prefix: config.prefix,
    concurrency,
    lockDuration,
    stalledInterval: options.stalledIntervalMs ?? lockDuration,
    // A job whose worker died may be picked up again twice before it is failed.
    maxStalledCount: 2,
  });
  reports.on('completed', (job: Job<ReportJobData, ReportJobResult>, r: ReportJobResult) => {
    log.info(
      { event: 'report', jobId: job.id, sha256: r.sha256, file: job.data.fileName, batchId: job.data.batchId, status: r.status,
        errorCode: r.errorCode, stored: r.stored, run: r.run, findings: r.findings, timings: r.timings, ms: Math.round(r.ms) },
      r.status === 'ok' ? '已处理 / processed' : `处理失败 / failed: ${r.errorCode}`,
    );
  });
  reports.on('failed', (job: Job<ReportJobData, ReportJobResult> | undefined, err: Error) => {
    if (!job) return;
    void (async () => {
      // Final when BullMQ left it failed (retries used up, or stalled too often); else it was re-queued.
      const final = (await job.getState().catch(() => 'failed')) === 'failed';
      log.warn({ event: 'retry', jobId: job.id, sha256: job.data.sha256, attempt: job.attemptsMade, final, err: err.message },
        final ? '重试次数用尽 / gave up' : '暂时性错误，稍后重试 / transient fault, will retry');
      if (final) {
        // The batch must still complete: its items for these bytes become errors.
        const code = /TIMEOUT/i.test(err.message) ? 'TIMEOUT' : 'INTERNAL_ERROR';
        await store.failItems(job.data.sha256, code);
      }
    })().catch((e) => log.error({ err: (e as Error).message }, 'failItems'));
  });
  reports.on('error', (err) => log.error({ event: 'worker-error', err: err.message }, 'worker error'));

  let intake: Worker<IntakeJobData> | null = null;
  if (options.intake !== false) {
    const queue = reportsQueue(config);
    intake = new Worker<IntakeJobData>(INTAKE_QUEUE, (job) => processIntakeJob(job, { store, queue, log }), {
      connection: connectionOptions(config),
      prefix: config.prefix,
      concurrency: 1,
    });
    intake.on('error', (err) => log.error({ event: 'intake-error', err: err.message }, 'intake worker error'));
    intake.on('closed', () => void queue.close());
  }
  log.info({ event: 'start', concurrency, prefix: config.prefix, limits: runner.limits }, '工作进程已启动 / worker started');
  // Submissions stored but never queued (or failed for good) while no worker ran get a job now.
  const recovering = (async () => {
    const queue = reportsQueue(config);
    try {
      await requeueUnfinished(store, queue, log);
    } catch (e) {
      log.error({ event: 'recover-error', err: (e as Error).message }, '补入队列失败 / could not requeue stored files');
    } finally {
      await queue.close();
    }
  })();

  let closing: Promise<void> | null = null;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const close = () => {
    closing ??= (async () => {
      await recovering;
      await Promise.all([reports.close(), intake?.close()]);
      await runner.close();
      // The .doc converters (long-lived LibreOffice) go with the worker.
      await closeDocConverters();
      if (ownsStore) await store.close();
      log.info({ event: 'stop' }, '工作进程已停止 / worker stopped');
      resolveDone();
    })();
    return closing;
  };

  if (options.untilIdle) {
    const queue = reportsQueue(config);
    let recovered = false;
    void recovering.then(() => (recovered = true));
    const timer = setInterval(async () => {
      if (!recovered) return; // idle only once the start-up recovery has queued what it found
      try {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(c).every((n) => n === 0)) {
          clearInterval(timer);
          await queue.close();
          await close();
        }
      } catch (e) {
        log.warn({ err: (e as Error).message }, 'idle check failed');
      }
    }, 500);
    void done.then(() => {
      clearInterval(timer);
      return queue.close().catch(() => {});
    });
  }
  return { done, close };
}
