import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createDeflate } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IsolatedRunner } from '../../src/isolate/runner.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';

/**
 * The resident-memory bound: pdf.js keeps decompressed streams in ArrayBuffers, outside the V8 heap
 * its heap limit governs, so a 300 KB PDF can take gigabytes. The runner samples the process's RSS
 * and stops the thread holding the memory; the other files, and the next ones, are unaffected.
 */
const seed = new Uint8Array(readFileSync(new URL('../../samples/seed.docx', import.meta.url)));

/**
 * A valid one-page PDF whose content stream inflates to `mb` MiB (one line of text, then blanks).
 * Deflated a MiB at a time: never holding the inflated bytes keeps this test process's resident
 * memory at its baseline, so the limit below (baseline + 500 MB) is not padded by freed pages the
 * bomb's thread would reuse first (with a 400 MB buffer made here, the bomb sometimes finished
 * under the limit).
 */
async function inflatingPdf(mb: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const ended = once(deflate, 'end');
  deflate.write(Buffer.from('BT /F1 12 Tf 72 720 Td (Budget 951.90) Tj ET\n'));
  const blanks = Buffer.alloc(2 ** 20, 0x20);
  for (let i = 0; i < mb; i++) if (!deflate.write(blanks)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  const content = Buffer.concat(parts);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    Buffer.concat([Buffer.from(`<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream')]),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const out: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let offset = out[0].length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(offset);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), Buffer.from(o), Buffer.from('\nendobj\n')]);
    out.push(b);
    offset += b.length;
  });
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(out));
}

let runner: IsolatedRunner | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

describe('IsolatedRunner: resident memory bound (SELFEVAL_MAX_RSS_MB)', () => {
  // The limit sits 500 MB above what this test process already holds (the test runner itself is big);
  // the PDF takes well over 1.5 GB when let run (about 4.8× its decompressed size in a fresh process).
  let bomb: Uint8Array;
  beforeAll(async () => {
    bomb = await inflatingPdf(400);
  });
  const limitMb = () => Math.round(process.memoryUsage.rss() / 2 ** 20) + 500;

  it('stops a PDF whose decompressed streams pass the limit, with LIMIT_EXCEEDED, and goes on', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const limit = limitMb();
    runner = new IsolatedRunner({ limits: { maxRssMb: limit, timeMsPerFile: 300_000 } });
    const r = await runner.run({ bytes: bomb, file: 'inflating.pdf' });
    console.log(`rss bound: ${JSON.stringify({ limitMb: limit, peakMb: Math.round(runner.peakRssBytes / 2 ** 20), status: r.status, code: r.error?.code ?? null })}`);
    expect(r.error?.code).toBe('LIMIT_EXCEEDED');
    expect(r.error!.message).toMatch(new RegExp(`^inflating\\.pdf：处理时进程内存达到 \\d+ MB，超过上限 ${limit} MB`));
    // The heap limit (1.5 GB) alone never stops it: the memory is outside the V8 heap.
    expect(runner.limits.maxWorkerHeapMb).toBe(DEFAULT_LIMITS.maxWorkerHeapMb);
    expect(runner.peakRssBytes).toBeGreaterThan(limit * 2 ** 20);
    const next = await runner.run({ bytes: seed, file: 'seed.docx' });
    expect(next.error).toBeNull();
    expect(next.status).toBe('ok');
    expect(runner.stats).toMatchObject({ memoryKills: 1, crashes: 0, timeouts: 0, workersStarted: 2 });
  }, 300_000);

  it('stops only the file that holds the memory when files run side by side', async () => {
    runner = new IsolatedRunner({ concurrency: 2, limits: { maxRssMb: limitMb(), timeMsPerFile: 300_000 } });
    const pending = runner.run({ bytes: bomb, file: 'inflating.pdf' });
    const others = [];
    for (let i = 0; i < 6; i++) others.push(await runner.run({ bytes: seed, file: `seed-${i}.docx` }));
    const r = await pending;
    expect(r.error?.code).toBe('LIMIT_EXCEEDED');
    expect(others.map((o) => o.status)).toEqual(Array(6).fill('ok'));
    expect(runner.stats.memoryKills).toBe(1);
  }, 300_000);
});
