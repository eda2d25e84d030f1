import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../parsers/pdf.js';
import { ocrmypdfPdf } from '../fixtures/producers/ocrmypdf.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { sample } from './helpers.js';
import type { DocumentModel } from '../../schemas/document.js';

/**
 * Another program's OCR text layer (ocrmypdf/Tesseract over a scan of the seed), read as it is (OCR page budget 0):
 * its look-alike misreadings (形近字) are corrected as our own OCR's are without the recogniser's word
 * (parsers/pdf/ocr-layer.ts correctLayerLookalikes), each listed in the paragraph's or cell's ocrCorrections.
 */
const layerOnly = (pdf: Uint8Array) => parsePdf(pdf, { maxOcrPages: 0 });

/** Every paragraph's and cell's text with the corrections listed on it. */
function texts(model: DocumentModel): { text: string; corrections: { read: string; corrected: string }[] }[] {
  return model.blocks.flatMap((b) => (b.kind === 'paragraph' ? [{ text: b.text, corrections: b.ocrCorrections ?? [] }] : b.cells.map((c) => ({ text: c.text, corrections: c.ocrCorrections ?? [] }))));
}

describe('an OCR text layer written by ocrmypdf/Tesseract, used as it is', () => {
  it('judges a word Tesseract cut in two at a line’s end with both halves: 积|极 stays 积极 (150 dpi scan, seed page 27)', async () => {
    // Tesseract wrote “…并发挥 积” at the end of one line and “极” alone at the start of the next; 极 judged by 的 alone
    // would become 级 (级的… no word, but 极的 none either). The line above gives 积极, a word: left.
    const model = await layerOnly(ocrmypdfPdf(scanPdf(sample('seed.pdf'), { mode: 'gray-jpeg', dpi: 150, pages: [27, 27] })));
    expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['ocr-layer']);
    const all = texts(model);
    expect(all.some((t) => /积\s*极\s*的\s*作用/u.test(t.text))).toBe(true);
    expect(all.flatMap((t) => t.corrections)).toEqual([]);
  }, 300_000);
});
