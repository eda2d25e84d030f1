import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { IsolatedRunner } from '../../src/isolate/runner.js';
import { DEFAULT_LIMITS } from '../../src/limits.js';

/**
 * The resident-memory bound: pdf.js keeps decompressed streams in ArrayBuffers, outside the V8 heap
 * its heap limit governs, so a 300 KB PDF can take gigabytes. The runner samples the process's RSS
 * and stops the thread holding the memory; the other files, and the next ones, are unaffected.
 */
const seed = new Uint8Array(readFileSync(new URL('../../samples/seed.docx', import.meta.url)));

/** A valid one-page PDF whose content stream inflates to `mb` MiB (one line of text, then blanks). */
function inflatingPdf(mb: number): Uint8Array {
  const content = deflateSync(Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td (Budget 951.90) Tj ET\n'), Buffer.alloc(mb * 2 ** 20, 0x20)]), { level: 9 });
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
  const bomb = inflatingPdf(400);
  // The limit sits 500 MB above what this test process already holds (the test runner itself is big);
  // the PDF takes well over 1.5 GB when let run (about 3.5× its decompressed size).
  const limitMb = () => Math.round(process.memoryUsage.rss() / 2 ** 20) + 500;

  it('stops a PDF whose decompressed streams pass the limit, with LIMIT_EXCEEDED, and goes on', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const limit = limitMb();
    runner = new IsolatedRunner({ limits: { maxRssMb: limit, timeMsPerFile: 300_000 } });
    const r = await runner.run({ bytes: bomb, file: 'inflating.pdf' });
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
