import { describe, expect, it } from 'vitest';
import { gbkCmapPdf } from '../fixtures/producers/gbk-cmap.js';
import { pipeline } from '../ocr/helpers.js';
import { expectSameFindings } from '../support/same-findings.js';
import { sample } from './helpers.js';

/**
 * The seed as Foxit (福昕) and Kingsoft (金山) write a font they do not embed
 * (test/fixtures/producers/gbk-cmap.ts): Type 0, /Encoding /GBK-EUC-H, an Adobe-GB1 CIDFont, no
 * ToUnicode — GBK bytes read through the predefined CMap and the collection's Unicode table.
 */
describe('GBK bytes through a predefined CMap, no ToUnicode', () => {
  it('reads as vector text with no unmapped glyph and gives the .docx findings', async () => {
    const pdf = await gbkCmapPdf(sample('seed.pdf'));
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Encoding /GBK-EUC-H');
    const [docx, run] = await Promise.all([pipeline(sample('seed.docx'), 'seed.docx'), pipeline(pdf, 'seed-gbk-cmap.pdf')]);
    expect(run.document.pageInfo?.every((p) => p.textSource === 'vector')).toBe(true);
    expect(run.document.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS')).toEqual([]);
    expectSameFindings(docx, run);
  }, 180_000);
});
