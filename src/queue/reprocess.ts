import type { Queue } from 'bullmq';
import { IsolatedRunner } from '../isolate/runner.js';
import { RULES_VERSION } from '../rules/index.js';
import type { Store } from '../store/index.js';
import { addReportJobs } from './enqueue.js';
import { justSaved, recheckAfterSave } from '../bureau/cross-check.js';

/**
 * Re-processing (重新检查): reports checked by another rule set than the current RULES_VERSION are
 * run again from their stored bytes; the store keeps which findings are new, unchanged or gone.
 */

export interface ReprocessOutcome {
  batchId: string;
  reports: number;
}

/** Through the queue: one job per stale report (jobId = sha256.rulesVersion). */
export async function enqueueReprocess(store: Store, queue: Queue, options: { all?: boolean } = {}): Promise<ReprocessOutcome> {
  const targets = options.all ? await allReports(store) : await store.staleReports(RULES_VERSION);
  const batch = await store.createBatch({
    kind: 'reprocess',
    source: options.all ? 'all' : `rules ≠ ${RULES_VERSION}`,
    rulesVersion: RULES_VERSION,
    items: targets.map((t) => ({ fileName: t.fileName, sha256: t.sha256 })),
    settleExisting: !options.all,
  });
  // With --all the version may be unchanged: a per-batch job id makes the re-check run anyway.
  const version = options.all ? `${RULES_VERSION}.${batch.id}` : RULES_VERSION;
  await addReportJobs(queue, batch.toProcess.map((sha256) => ({ sha256, fileName: targets.find((t) => t.sha256 === sha256)!.fileName, batchId: batch.id })), version);
  if (!options.all) await store.settleBatch(batch.id);
  return { batchId: batch.id, reports: batch.toProcess.length };
}

/**
 * In this process (PGlite, or no Redis): re-run every stale report now, one transaction each —
 * through the same isolated, limited runner as `extract` (a pipeline thread per file with time,
 * heap and resident-memory limits, killed when it overruns): a stored file that once passed can
 * still hang or blow up under new rules or parsers, and must end as TIMEOUT / LIMIT_EXCEEDED.
 */
export async function reprocessInline(
  store: Store,
  options: { all?: boolean; onProgress?: (done: number, total: number) => void; runner?: IsolatedRunner } = {},
): Promise<ReprocessOutcome> {
  const targets = options.all ? await allReports(store) : await store.staleReports(RULES_VERSION);
  const batch = await store.createBatch({
    kind: 'reprocess',
    source: options.all ? 'all' : `rules ≠ ${RULES_VERSION}`,
    rulesVersion: RULES_VERSION,
    items: targets.map((t) => ({ fileName: t.fileName, sha256: t.sha256 })),
    settleExisting: !options.all,
  });
  let done = 0;
  const runner = options.runner ?? new IsolatedRunner();
  try {
    for (const t of targets) {
      const bytes = await store.getFileBytes(t.sha256);
      if (!bytes) {
        await store.failItems(t.sha256, 'READ_FAILED');
      } else {
        const { result, document } = await runner.runOutput({ bytes, file: t.fileName, withDocument: true });
        const { run } = await store.saveResult(result, document, { runKey: `reprocess.${batch.id}`, batchId: batch.id });
        const saved = result.status === 'ok' ? justSaved(result, () => document, t.fileName, run) : null;
        if (saved) await recheckAfterSave(store, result.sha256, saved).catch(() => {});
      }
      options.onProgress?.(++done, targets.length);
    }
  } finally {
    if (!options.runner) await runner.close();
  }
  return { batchId: batch.id, reports: targets.length };
}

async function allReports(store: Store): Promise<Array<{ sha256: string; fileName: string }>> {
  const rows = await store.db.query<{ sha256: string; file_name: string }>(
    'SELECT r.sha256, r.file_name FROM reports r JOIN files f ON f.sha256 = r.sha256 ORDER BY r.sha256',
  );
  return rows.map((r) => ({ sha256: r.sha256, fileName: r.file_name }));
}
