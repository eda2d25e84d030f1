import type { Job, Queue } from 'bullmq';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { intakeQueue, type QueueConfig } from './config.js';
import { enqueuePaths } from './enqueue.js';

/**
 * The nightly batch (夜间批处理): a BullMQ job scheduler adds an intake job on a cron pattern; a
 * worker scans the intake folder and enqueues the files whose bytes are new, as one batch.
 */

export const NIGHTLY_SCHEDULER_ID = 'nightly-intake';
export const DEFAULT_NIGHTLY_CRON = '0 2 * * *';

export interface IntakeJobData {
  folder: string;
}

/** Create or update the nightly scheduler (one per prefix). */
export async function scheduleNightly(config: QueueConfig, folder: string, pattern = DEFAULT_NIGHTLY_CRON, tz?: string): Promise<void> {
  const queue = intakeQueue(config);
  try {
    await queue.upsertJobScheduler(
      NIGHTLY_SCHEDULER_ID,
      { pattern, ...(tz ? { tz } : {}) },
      { name: 'intake', data: { folder } satisfies IntakeJobData, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } } },
    );
  } finally {
    await queue.close();
  }
}

export async function unscheduleNightly(config: QueueConfig): Promise<boolean> {
  const queue = intakeQueue(config);
  try {
    return await queue.removeJobScheduler(NIGHTLY_SCHEDULER_ID);
  } finally {
    await queue.close();
  }
}

/** Scan the intake folder; enqueue what is new as a batch of kind "nightly". */
export async function processIntakeJob(job: Job<IntakeJobData>, deps: { store: Store; queue: Queue; log: Logger }): Promise<{ batchId: string; received: number; skipped: number }> {
  const out = await enqueuePaths([job.data.folder], { store: deps.store, queue: deps.queue, kind: 'nightly', source: job.data.folder, onlyNew: true });
  deps.log.info({ event: 'intake', folder: job.data.folder, batchId: out.batchId, received: out.received, skipped: out.skipped, jobs: out.jobs }, '夜间批次已入队 / nightly batch enqueued');
  return { batchId: out.batchId, received: out.received, skipped: out.skipped };
}
