import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { pageImage } from '../../parsers/ocr/index.js';
import { inkThreshold, type GrayImage } from '../../parsers/ocr/image.js';
import { despeckle } from '../../parsers/ocr/speckle.js';
import { estimateSkew } from '../../parsers/ocr/skew.js';
import { scanPdf, type ScanOptions } from '../fixtures/producers/scan.js';
import { forms, matchFindings, pipeline } from './helpers.js';

/**
 * A fax (1 bit, 200 dpi, speckle, the sender's header line; test/fixtures/producers/scan.ts) of a real
 * report, 湖南 53号's 基础数据表 + 指标表 (test/corpus/real): its second page holds only the tail of the
 * indicator table, ruled in one-pixel lines. The tilt was measured on the page averaged down to a
 * third, where a one-pixel line is a light grey and no ink: the straight page was found 2.4° askew and
 * turned so, no ruling was found, and the table was read as one without lines (three false
 * 得分未填写 warnings, 预算完成率's weight lost).
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const ID = 'hn-jichu-53hao-2018';
const corpusFile = (ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(join(REAL, ID, `${ID}.${ext}`)));
const notInfo = (fs: readonly Finding[]) => fs.filter((f) => f.severity !== 'info');

async function page2(options: ScanOptions): Promise<{ image: GrayImage; dpi: number }> {
  const pdf = await openPdf(scanPdf(corpusFile('pdf'), options));
  try {
    const page = await pdf.getPage(2);
    const pi = await pageImage(pdf, page, await page.getOperatorList());
    return { image: pi.image, dpi: Math.round(pi.scale * 72) };
  } finally {
    await pdf.destroy();
  }
}

/** The tilt (degrees) ocr-page.ts measures: on the page with its speckle cleaned. */
function tilt({ image, dpi }: { image: GrayImage; dpi: number }): number {
  const threshold = inkThreshold(image);
  return (estimateSkew(despeckle(image, threshold, dpi), threshold) * 180) / Math.PI;
}

describe('a faxed page ruled in one-pixel lines (parsers/ocr/skew.ts)', () => {
  it('is measured straight, and a fax fed in 1.5° askew is measured so', async () => {
    expect(Math.abs(tilt(await page2({ mode: 'fax' })))).toBeLessThan(0.1);
    // The same page as a greyscale scan, and the fax fed in askew (counter-clockwise: negative skew).
    expect(Math.abs(tilt(await page2({ mode: 'gray-jpeg' })))).toBeLessThan(0.1);
    expect(tilt(await page2({ mode: 'fax', skewDeg: 1.5 }))).toBeCloseTo(-1.5, 0);
  }, 120_000);

  it('reads its table with its rulings: the .docx findings and the indicator weights', async () => {
    const docx = await pipeline(corpusFile('docx'), `${ID}.docx`);
    const scan = await pipeline(scanPdf(corpusFile('pdf'), { mode: 'fax' }), `${ID}-fax.pdf`);
    const m = matchFindings(notInfo(docx.findings), notInfo(scan.findings));
    // The one the fax may miss is the .docx's split "95.⏎10%", read as one number on every scan kind.
    expect(m.missed.filter((f) => !f.message.includes('95.')).map((f) => f.message)).toEqual([]);
    expect(m.extra.map((f) => f.message)).toEqual([]);
    const weights = (report: typeof docx.report) => [...forms(report).values()].flat().map((i) => `${i.level3} ${i.weight?.text.trim() ?? ''}`);
    expect(weights(scan.report)).toEqual(weights(docx.report));
  }, 300_000);
});
