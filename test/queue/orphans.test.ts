import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { queueConfig, reportsQueue } from '../../src/queue/config.js';
import { enqueuePaths, waitForBatch } from '../../src/queue/enqueue.js';
import { openStore, type Store } from '../../src/store/index.js';
import { PG_URL, REDIS_URL, SAMPLES, dropQueuePrefix, dropSchema, ensureBuilt, killGroup, spawnWorker, uniqueName, type WorkerProcess } from './helpers.js';

/**
 * No orphans (issue 18): a worker converting .doc files keeps a LibreOffice running; when the
 * worker dies — SIGKILL of the worker process alone, not its process group — LibreOffice dies
 * with it, and the batch completes with the next worker.
 */
function officeProcesses(ownerPid: number): number[] {
  const dirs = readdirSync(tmpdir()).filter((n) => n.startsWith(`selfeval-office-${ownerPid}-`));
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (dirs.some((d) => cmd.includes(d))) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(test: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await test()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return test();
}

describe('queue worker: no orphans', () => {
  const schema = uniqueName('orphans');
  const prefix = uniqueName('q');
  const workers: WorkerProcess[] = [];
  let store: Store | null = null;

  afterAll(async () => {
    for (const w of workers) killGroup(w);
    await store?.close();
    await dropSchema(schema);
    await dropQueuePrefix(prefix);
  });

  it('SIGKILL of a worker converting .doc files takes its LibreOffice with it; the batch still completes', async () => {
    ensureBuilt();
    store = await openStore({ databaseUrl: PG_URL, schema });
    const queue = reportsQueue(queueConfig({ redisUrl: REDIS_URL, prefix }));
    const out = await enqueuePaths([join(SAMPLES, 'seed.doc'), join(SAMPLES, 'seed.docx')], { store, queue });
    await queue.close();
    const env = { DATABASE_URL: PG_URL, REDIS_URL, SELFEVAL_DB_SCHEMA: schema, SELFEVAL_QUEUE_PREFIX: prefix };

    const doomed = spawnWorker(env, ['--concurrency', '1', '--lock-ms', '3000']);
    workers.push(doomed);
    const pid = doomed.child.pid!;
    expect(await until(() => officeProcesses(pid).length > 0, 240_000), doomed.output()).toBe(true);
    const office = officeProcesses(pid);
    doomed.child.kill('SIGKILL'); // the worker process only: LibreOffice runs in a process group of its own
    await doomed.exited;
    expect(await until(() => office.every((p) => !alive(p)), 10_000)).toBe(true);

    const next = spawnWorker(env, ['--concurrency', '1', '--until-idle', '--lock-ms', '3000']);
    workers.push(next);
    const counts = await waitForBatch(store, out.batchId, { timeoutMs: 240_000 });
    expect(counts).toMatchObject({ complete: true, ok: 2, failed: 0 });
    expect(await next.exited, next.output()).toBe(0);
    // A worker that stops normally leaves no LibreOffice and no private directory either.
    expect(officeProcesses(next.child.pid!)).toEqual([]);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`selfeval-office-${next.child.pid}-`))).toEqual([]);
  }, 600_000);
});
