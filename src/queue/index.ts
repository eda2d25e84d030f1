/** The queue: wiring, enqueueing, workers, nightly scheduler, re-processing. */
export { queueConfig, reportsQueue, intakeQueue, connectionOptions, REPORTS_QUEUE, INTAKE_QUEUE, REPORT_JOB_OPTIONS, type QueueConfig, type ReportJobData, type ReportJobResult } from './config.js';
export { enqueuePaths, enqueueAndWait, waitForBatch, addReportJobs, type EnqueueOptions, type EnqueueOutcome } from './enqueue.js';
export { startWorker, type StartWorkerOptions, type RunningWorker } from './worker.js';
export { scheduleNightly, unscheduleNightly, NIGHTLY_SCHEDULER_ID, DEFAULT_NIGHTLY_CRON } from './nightly.js';
export { enqueueReprocess, reprocessInline } from './reprocess.js';
