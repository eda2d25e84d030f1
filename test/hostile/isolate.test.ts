import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { IsolatedRunner } from '../../src/isolate/runner.js';
import { DEFAULT_LIMITS, LimitsConfigError, limitsFromEnv, parseOptionsFor, resolveLimits } from '../../src/limits.js';
import { reportWithLargeTable } from './corpus.js';
import { minimalDocx, paragraph, table } from './docx-kit.js';
import { ghostscriptPdf } from '../fixtures/producers/ghostscript.js';
import { sample } from '../pdf/helpers.js';

/**
 * The isolated runner under limits tight enough to trip on real documents: a file that overruns
 * its time or heap is killed and reported, and the same runner goes on with the next file.
 */
const seed = new Uint8Array(readFileSync(new URL('../../samples/seed.docx', import.meta.url)));
const small = minimalDocx(paragraph('会议通知') + table([['姓名', '部门'], ['张三', '办公室']]));

let runner: IsolatedRunner | null = null;
afterEach(async () => {
  await runner?.close();
  runner = null;
});

describe('IsolatedRunner', () => {
  it('kills a file that overruns its time as TIMEOUT and processes the next files', async () => {
    // 20,000 table rows take far longer than 250 ms anywhere. The files after it keep the
    // runner's generous limit: a busy machine may not schedule a fresh worker within 250 ms.
    runner = new IsolatedRunner({ limits: { timeMsPerFile: 120_000 } });
    const slow = await runner.run({ bytes: reportWithLargeTable(20_000), file: 'slow.docx', timeMs: 250 });
    expect(slow.status).toBe('error');
    expect(slow.error!.code).toBe('TIMEOUT');
    expect(slow.error!.message).toMatch(/^slow\.docx：处理超过 0\.25 秒/);
    expect(slow.format).toBe('docx');
    expect(slow.report).toBeNull();

    const empty = await runner.run({ bytes: new Uint8Array(0), file: 'empty.docx' });
    expect(empty.error!.code).toBe('EMPTY_FILE');
    const next = await runner.run({ bytes: small, file: 'small.docx' });
    expect(next.status).toBe('ok');
    expect(runner.stats).toMatchObject({ files: 3, ok: 1, errors: 2, timeouts: 1, memoryKills: 0, crashes: 0, workersStarted: 2 });
  }, 120_000);

  it('kills a file that overruns the worker heap as LIMIT_EXCEEDED and processes the next files', async () => {
    // A million paragraphs: the document model alone needs more than 160 MB of heap.
    const parts: string[] = [];
    for (let i = 0; i < 1_000_000; i++) parts.push(`<w:p><w:r><w:t>第${i}段，完成指标${i % 97}个。</w:t></w:r></w:p>`);
    const huge = minimalDocx(parts.join(''));
    // Part-size limits raised so that the heap, not the unzip check, is what stops it.
    runner = new IsolatedRunner({ limits: { maxWorkerHeapMb: 160, maxDocxEntryBytes: 256 * 2 ** 20, maxDocxTotalBytes: 512 * 2 ** 20, timeMsPerFile: 300_000 } });
    const r = await runner.run({ bytes: huge, file: 'huge.docx' });
    expect(r.error?.code).toBe('LIMIT_EXCEEDED');
    expect(r.error!.message).toMatch(/^huge\.docx：处理时内存超过上限 160 MB/);
    const next = await runner.run({ bytes: seed, file: 'seed.docx' });
    expect(next.status).toBe('ok');
    expect(runner.stats).toMatchObject({ memoryKills: 1, crashes: 0, timeouts: 0, workersStarted: 2 });
  }, 300_000);

  it('refuses a file over the size limit without starting a worker', async () => {
    runner = new IsolatedRunner({ limits: { maxFileBytes: 1000 } });
    const r = await runner.run({ bytes: seed, file: 'seed.docx' });
    expect(r.error?.code).toBe('LIMIT_EXCEEDED');
    expect(r.error!.message).toContain(`seed.docx：文件 ${seed.length} 字节，超过上限 1000 字节`);
    expect(runner.stats.workersStarted).toBe(0);
  });

  it('runs files side by side with concurrency > 1 and keeps each result with its file', async () => {
    runner = new IsolatedRunner({ concurrency: 2 });
    const names = ['a.docx', 'b.docx', 'c.docx', 'd.docx'];
    const results = await Promise.all(names.map((file, i) => runner!.run({ bytes: i % 2 ? seed : small, file })));
    expect(results.map((r) => r.file)).toEqual(names);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(results[1].report).toEqual(results[3].report);
    expect(results[0].report!.coverage.tables).toBe(1);
    expect(runner.stats.workersStarted).toBe(2);
  }, 120_000);

  it('sends the Result as UTF-8 bytes when asked, the same JSON as the text (extract --json writes the bytes)', async () => {
    runner = new IsolatedRunner({ limits: { timeMsPerFile: 120_000 } });
    const asText = await runner.runJson({ bytes: seed, file: 'seed.docx' });
    const asBytes = await runner.runJson({ bytes: seed, file: 'seed.docx', utf8: true });
    expect(asText.resultUtf8).toBeUndefined();
    expect(asBytes.resultUtf8).toBeInstanceOf(Uint8Array);
    const decoded = new TextDecoder().decode(asBytes.resultUtf8);
    expect(asBytes.resultJson).toBe(decoded);
    // Only the clock readings differ between two runs of the same file.
    const withoutTimings = (json: string) => json.slice(0, json.lastIndexOf(',"timings":'));
    expect(withoutTimings(decoded)).toBe(withoutTimings(asText.resultJson));
    expect(asBytes.status).toBe('ok');
    // A result the runner makes itself (over the size limit) is text; the caller falls back to it.
    const tiny = new IsolatedRunner({ limits: { maxFileBytes: 10 } });
    const refused = await tiny.runJson({ bytes: seed, file: 'seed.docx', utf8: true });
    expect(refused.resultUtf8).toBeUndefined();
    expect(JSON.parse(refused.resultJson).error.code).toBe('LIMIT_EXCEEDED');
    await tiny.close();
  }, 120_000);

  it('passes its limits to the parsers inside the worker', async () => {
    runner = new IsolatedRunner({ limits: { maxDocxEntryBytes: 100_000 } });
    const r = await runner.run({ bytes: seed, file: 'seed.docx' });
    expect(r.error?.code).toBe('LIMIT_EXCEEDED');
    expect(r.error!.message).toMatch(/word\/document\.xml 解压后 \d+ 字节，超过上限 100000 字节/);
  }, 120_000);
});

describe('limits', () => {
  it('reads positive integers from the environment and refuses anything else', () => {
    expect(limitsFromEnv({ SELFEVAL_MAX_PDF_PAGES: '40', SELFEVAL_TIME_MS_PER_FILE: ' 5000 ' })).toEqual({ ...DEFAULT_LIMITS, maxPdfPages: 40, timeMsPerFile: 5000 });
    expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
    for (const bad of ['0', '-5', '1.5', 'lots', '1e400']) {
      expect(() => limitsFromEnv({ SELFEVAL_MAX_WORKER_HEAP_MB: bad })).toThrow(LimitsConfigError);
    }
  });

  it('carries each parser limit into the parse options', () => {
    const limits = resolveLimits({ maxDocxEntries: 7, maxDocxEntryBytes: 8, maxDocxTotalBytes: 9, maxPdfPages: 10, timeMsPerFile: 30_000 });
    expect(parseOptionsFor(limits)).toEqual({
      docx: { zipLimits: { maxEntries: 7, maxEntryBytes: 8, maxTotalBytes: 9 } },
      pdf: { maxPages: 10, maxOcrPages: DEFAULT_LIMITS.maxOcrPages },
      doc: { timeoutMs: 29_000 },
    });
  });

  it('a page read by OCR because its text layer is unusable moves the deadline by one scanned page', async () => {
    // Two pages of the seed re-distilled by Ghostscript: fonts without a Unicode map and no image, so
    // the file's time limit (page images × timeMsPerScannedPage) foresaw no OCR. 8 s alone hardly load
    // the OCR models and read two pages (≈ 3 s CPU each) on a busy box; the runner extends the deadline
    // per rendered page — once per page, counted. (A tighter base failed on a box at load 15 before the
    // first page was even reached.)
    const pdf = ghostscriptPdf(sample('seed.pdf'), [4, 5]);
    runner = new IsolatedRunner({ limits: { timeMsPerFile: 8000, timeMsPerScannedPage: 120_000 } });
    const result = await runner.run({ bytes: pdf, file: 'ps2pdf.pdf' });
    expect(result.error).toBeNull();
    expect(result.status).toBe('ok');
    expect(runner.stats.deadlineExtensions).toBe(2);
  }, 200_000);
});
