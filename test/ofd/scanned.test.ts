import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { ofdFromPdf } from '../fixtures/producers/ofd.js';
import { pdfPages, sample, squeeze } from '../pdf/helpers.js';

/**
 * Scanned OFD pages (a page that is only a picture): read by the same OCR as a scanned PDF page,
 * marked as OCR'd; past the OCR page budget, said per page (PAGE_NO_TEXT); an OFD of pictures
 * only that cannot be read is NO_TEXT_LAYER.
 */
describe('an OFD whose second and third pages are scans (the third declared in its own PageRes)', () => {
  let ofd: Uint8Array;
  beforeAll(async () => {
    ofd = await ofdFromPdf(await pdfPages(sample('seed.pdf'), 1, 4), { imagePages: [2, 3], pageResImages: [3] });
  }, 120_000);

  it('reads those pages by OCR, marks their text and says so once; the isolated runner is told (deadline extension)', async () => {
    const told: number[] = [];
    const { result, document } = await runPipeline({ bytes: ofd, file: 'scan.ofd', options: { parse: { pdf: { onRenderedOcrPage: (page) => told.push(page) } } } });
    expect(told).toEqual([2, 3]);
    expect(result.status).toBe('ok');
    expect(document!.pageInfo!.map((p) => p.textSource)).toEqual(['vector', 'ocr', 'ocr', 'vector']);
    expect(document!.issues.filter((i) => i.code === 'IMAGE_PAGES_READ')).toHaveLength(1);
    for (const page of [2, 3]) {
      const ocrText = document!.blocks
        .flatMap((b): { page: number | null; text: string; textSource?: string }[] => (b.kind === 'paragraph' ? [b] : b.cells))
        .filter((b) => b.page === page && b.textSource === 'ocr')
        .map((b) => squeeze(b.text))
        .join('');
      expect(ocrText.length).toBeGreaterThan(200);
    }
  }, 180_000);

  it('past the OCR budget: the page is named PAGE_NO_TEXT and the rest is read', async () => {
    const { result, document } = await runPipeline({ bytes: ofd, file: 'scan.ofd', options: { parse: { pdf: { maxOcrPages: 0 } } } });
    expect(result.status).toBe('ok');
    expect(document!.issues.filter((i) => i.code === 'PAGE_NO_TEXT').map((i) => i.page)).toEqual([2, 3]);
    expect(document!.pageInfo!.map((p) => p.textSource)).toEqual(['vector', 'none', 'none', 'vector']);
  }, 120_000);

  it('an OFD of scans only, past the budget, is NO_TEXT_LAYER naming the pages', async () => {
    const scans = await ofdFromPdf(await pdfPages(sample('seed.pdf'), 1, 2), { imagePages: [1, 2] });
    const { result } = await runPipeline({ bytes: scans, file: 'scans.ofd', options: { parse: { pdf: { maxOcrPages: 0 } } } });
    expect(result.error?.code).toBe('NO_TEXT_LAYER');
    expect(result.error?.message).toMatch(/scans\.ofd：OFD 没有可用的文字：第 1–2 页只有图像/u);
  }, 120_000);
});

describe('a 双层 OFD: scanned pages with another program\'s OCR text drawn invisible (Visible="false")', () => {
  it('past the OCR budget, that layer is read as an OCR layer (its grid from the picture): the findings of the PDF', async () => {
    const pdf = await pdfPages(sample('seed.pdf'), 1, 4);
    const ofd = await ofdFromPdf(pdf, { imagePages: [2, 3], hiddenText: true });
    const fromPdf = await runPipeline({ bytes: pdf, file: 'seed-1-4.pdf' });
    const { result, document } = await runPipeline({ bytes: ofd, file: 'layer.ofd', options: { parse: { pdf: { maxOcrPages: 0 } } } });
    expect(result.status).toBe('ok');
    expect(document!.pageInfo!.map((p) => p.textSource)).toEqual(['vector', 'ocr-layer', 'ocr-layer', 'vector']);
    const key = (f: { rule: string; values: unknown[] }) => `${f.rule} ${JSON.stringify(f.values)}`;
    const got = result.discrepancies.filter((f) => f.rule !== 'parse-issues').map(key).sort();
    expect(got).toEqual(fromPdf.result.discrepancies.map(key).sort());
    expect(got.length).toBeGreaterThan(10);
    // The same characters on those pages (cells and paragraphs), whatever their order; an OCR layer's
    // brackets are made full-width (normalizeOcrBrackets, as for a PDF's OCR layer).
    const text = (m: typeof document, page: number) => m!.blocks.flatMap((b): { page: number | null; text: string }[] => (b.kind === 'paragraph' ? [b] : b.cells)).filter((b) => b.page === page).map((b) => squeeze(b.text)).join('');
    const chars = (m: typeof document, page: number) => [...text(m, page).replace(/\(/gu, '（').replace(/\)/gu, '）')].sort().join('');
    for (const page of [2, 3]) expect(chars(document, page)).toEqual(chars(fromPdf.document, page));
  }, 120_000);
});
