import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { pageImage } from '../../parsers/ocr/page-image.js';
import { inkThreshold } from '../../parsers/ocr/image.js';
import { dropShowThrough } from '../../parsers/ocr/show-through.js';
import { scanPdf, type ScanOptions } from '../fixtures/producers/scan.js';
import { matchFindings, pipeline } from './helpers.js';

/**
 * Thin paper printed on both sides (透印): the back's print shows through the scan, mirrored and
 * light (test/fixtures/producers/scan.ts showThrough). Real reports (test/corpus/real) scanned so,
 * read back by OCR and compared with their .docx.
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const corpusFile = (id: string, ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(join(REAL, id, `${id}.${ext}`)));
const notInfo = (fs: readonly Finding[]) => fs.filter((f) => f.severity !== 'info');

async function firstPage(options: ScanOptions, id: string) {
  const pdf = await openPdf(scanPdf(corpusFile(id, 'pdf'), options));
  const page = await pdf.getPage(1);
  return pageImage(pdf, page, await page.getOperatorList());
}

describe('a scan of thin paper whose back shows through', () => {
  it('states the findings of the .docx: the mirrored back is neither text nor rulings (河北 he-langfang, 2 pages)', async () => {
    const id = 'he-langfang-shipin-2019';
    const docx = await pipeline(corpusFile(id, 'docx'), `${id}.docx`);
    const scan = await pipeline(scanPdf(corpusFile(id, 'pdf'), { mode: 'gray-jpeg', showThrough: true }), `${id}-scan.pdf`);
    const m = matchFindings(notInfo(docx.findings), notInfo(scan.findings));
    expect(m.missed.map((f) => f.message)).toEqual([]);
    expect(m.extra.map((f) => f.message)).toEqual([]);
  }, 300_000);

  it('reads the front\'s figures without the rim of a mirrored glyph beside them (上海 sh-putuo: its 全年预算数 was "0 250000.00", unsure)', async () => {
    const id = 'sh-putuo-tiyu-2022';
    const docx = await pipeline(corpusFile(id, 'docx'), `${id}.docx`);
    const scan = await pipeline(scanPdf(corpusFile(id, 'pdf'), { mode: 'gray-jpeg', showThrough: true }), `${id}-scan.pdf`);
    const m = matchFindings(notInfo(docx.findings), notInfo(scan.findings));
    expect(m.missed.map((f) => f.message)).toEqual([]);
    expect(m.extra.map((f) => f.message)).toEqual([]);
    const total = scan.report.projects[0].budget!.rows.find((r) => r.label.includes('总额'))!;
    for (const field of ['initialBudget', 'fullYearBudget'] as const) {
      expect(total[field]?.text.trim(), field).toBe('250000.00');
      expect(total[field]?.loc.uncertain, field).toBeFalsy();
    }
  }, 300_000);

  it('takes the light mirrored print back to paper and leaves a flatbed scan without it as it is', async () => {
    const id = 'sh-putuo-tiyu-2022';
    const through = await firstPage({ mode: 'gray-jpeg', showThrough: true }, id);
    const cleaned = dropShowThrough(through.image, inkThreshold(through.image), 200);
    expect(cleaned.lightPixels).toBeGreaterThan(0.25 * cleaned.darkPixels);
    expect(cleaned.image).not.toBe(through.image);
    // What is left light and far from the print is a trace.
    expect(dropShowThrough(cleaned.image, inkThreshold(cleaned.image), 200).lightPixels).toBeLessThan(0.01 * cleaned.darkPixels);
    // A plain scan and one at 100 dpi (its decimal points a few light pixels) are not touched.
    for (const options of [{ mode: 'gray-jpeg' }, { mode: 'gray-jpeg', dpi: 100 }] as ScanOptions[]) {
      const plain = await firstPage(options, id);
      const dpi = Math.round(plain.scale * 72);
      expect(dropShowThrough(plain.image, inkThreshold(plain.image), dpi).image).toBe(plain.image);
    }
  }, 300_000);
});
