import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/limits.js';
import { IsolatedRunner } from '../../src/isolate/runner.js';
import { SAMPLES } from './helpers.js';

/** The per-job time limit of queue workers: a parse that overruns is stopped and becomes TIMEOUT. */
describe('isolated runner as the queue processor uses it (per-job limits, DocumentModel returned)', () => {
  it('stops an overrunning job with TIMEOUT and keeps working afterwards', async () => {
    const bytes = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
    const tight = new IsolatedRunner({ limits: resolveLimits({ timeMsPerFile: 1 }) });
    const timedOut = await tight.runOutput({ bytes, file: 'seed.docx', withDocument: true, transient: true });
    expect(timedOut.result).toMatchObject({ status: 'error', format: 'docx', error: { code: 'TIMEOUT' } });
    expect(timedOut.result.error!.message).toMatch(/^seed\.docx：/);
    await tight.close();

    const normal = new IsolatedRunner({ limits: DEFAULT_LIMITS });
    const first = await normal.runOutput({ bytes, file: 'seed.docx', withDocument: true, transient: true });
    const second = await normal.runOutput({ bytes, file: 'again.docx', withDocument: true, transient: true });
    expect(first.result.status).toBe('ok');
    expect(first.document?.blocks.length).toBeGreaterThan(0);
    expect(second.result.discrepancies.map((f) => f.id)).toEqual(first.result.discrepancies.map((f) => f.id));
    await normal.close();
  }, 120_000);

  it('refuses a file over the size limit without parsing it', async () => {
    const p = new IsolatedRunner({ limits: resolveLimits({ maxFileBytes: 10 }) });
    const out = await p.runOutput({ bytes: new Uint8Array(100), file: 'big.docx' });
    expect(out.result.error?.code).toBe('LIMIT_EXCEEDED');
    await p.close();
  });
});
