import type { Queue } from 'bullmq';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import { REPORT_JOB_OPTIONS, reportJobId, type ReportJobData } from './config.js';

export interface RecoverOutcome {
  /** Stored submissions without a report. */
  unfinished: number;
  /** Of them, had no job (lost between storing and queueing): queued now. */
  requeued: number;
  /** Of them, had a job that failed for good (or finished without a stored report): run again. */
  retried: number;
}

/**
 * No submission is ever lost (不丢件): every stored file without a report gets a live job. Run by
 * `enqueue` before it queues its own files, by the nightly intake and at every worker start-up,
 * so bytes stored during a Redis outage or a crash between storing and queueing are picked up
 * by the next of these, never skipped because their bytes already exist. Jobs still waiting or
 * running are left alone; the job id (sha256) keeps it to one job per content however many
 * processes recover at once.
 */
export async function requeueUnfinished(store: Store, queue: Queue, log?: Logger): Promise<RecoverOutcome> {
  const pending = await store.unfinishedFiles();
  const out: RecoverOutcome = { unfinished: pending.length, requeued: 0, retried: 0 };
  const CHUNK = 200;
  for (let i = 0; i < pending.length; i += CHUNK) {
    const chunk = pending.slice(i, i + CHUNK);
    const jobs = await Promise.all(chunk.map((p) => queue.getJob(reportJobId(p.sha256))));
    const fresh: Array<{ name: string; data: ReportJobData; opts: typeof REPORT_JOB_OPTIONS & { jobId: string } }> = [];
    for (let k = 0; k < chunk.length; k++) {
      const p = chunk[k];
      const data: ReportJobData = { sha256: p.sha256, fileName: p.fileName, batchId: p.batchId };
      const job = jobs[k];
      if (!job) {
        fresh.push({ name: 'report', data, opts: { ...REPORT_JOB_OPTIONS, jobId: reportJobId(p.sha256) } });
        continue;
      }
      const state = await job.getState();
      try {
        if (state === 'failed') {
          await job.retry();
          out.retried++;
        } else if (state === 'completed') {
          // Completed, yet no report in the store (the store was restored or the save was lost).
          await job.remove();
          fresh.push({ name: 'report', data, opts: { ...REPORT_JOB_OPTIONS, jobId: reportJobId(p.sha256) } });
          out.retried++;
        }
      } catch (e) {
        // Another process moved the job meanwhile (retried it, or a worker took it): nothing to do.
        log?.debug({ event: 'recover-skip', sha256: p.sha256, err: (e as Error).message }, 'job changed while recovering');
      }
    }
    if (fresh.length > 0) {
      await queue.addBulk(fresh);
      out.requeued += fresh.filter((f) => !jobs[chunk.findIndex((c) => c.sha256 === f.data.sha256)]).length;
    }
  }
  if (out.requeued + out.retried > 0) {
    log?.warn({ event: 'recover', ...out }, `补入队列：${out.requeued} 个未入队、${out.retried} 个失败的文件已重新排队 / stored files requeued`);
  }
  return out;
}
