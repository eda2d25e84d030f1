import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/limits.js';
import { TimedPipeline } from '../../src/queue/timed-pipeline.js';
import { SAMPLES } from './helpers.js';

/** The per-job time limit of queue workers: a parse that overruns is stopped and becomes TIMEOUT. */
describe('timed pipeline (per-job limits of the queue processor)', () => {
  it('stops an overrunning job with TIMEOUT and keeps working afterwards', async () => {
    const bytes = new Uint8Array(await readFile(join(SAMPLES, 'seed.docx')));
    const tight = new TimedPipeline(resolveLimits({ timeMsPerFile: 1 }));
    const timedOut = await tight.run(bytes, 'seed.docx');
    expect(timedOut.result).toMatchObject({ status: 'error', format: 'docx', error: { code: 'TIMEOUT' } });
    expect(timedOut.result.error!.message).toMatch(/^seed\.docx：/);
    await tight.close();

    const normal = new TimedPipeline(DEFAULT_LIMITS);
    const first = await normal.run(bytes, 'seed.docx');
    const second = await normal.run(bytes, 'again.docx');
    expect(first.result.status).toBe('ok');
    expect(first.document?.blocks.length).toBeGreaterThan(0);
    expect(second.result.discrepancies.map((f) => f.id)).toEqual(first.result.discrepancies.map((f) => f.id));
    await normal.close();
  }, 120_000);

  it('refuses a file over the size limit without parsing it', async () => {
    const p = new TimedPipeline(resolveLimits({ maxFileBytes: 10 }));
    const out = await p.run(new Uint8Array(100), 'big.docx');
    expect(out.result.error?.code).toBe('LIMIT_EXCEEDED');
    await p.close();
  });
});
