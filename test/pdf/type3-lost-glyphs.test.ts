import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { parsePdf } from '../../parsers/pdf.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { glyphFonts } from '../../parsers/pdf/glyph-fonts.js';
import { toTextRuns, type Matrix } from '../../parsers/pdf/text-runs.js';
import type { DocumentModel } from '../../schemas/document.js';
import { layoutDocument, seedSpec } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { partialType3MapPdf } from '../fixtures/producers/rewritten.js';
import { squeeze } from './helpers.js';

/**
 * Chromium's print of the seed (Skia Type 3 fonts, a few glyphs each; pdf.js runs a line's glyphs of
 * a dozen of them into one text item named after the first) with one ToUnicode mapping in seven
 * dropped (bench/producers-classes.ts chromium-partial-map). Each lost glyph's font is taken from
 * the operator list (glyph-fonts.ts), so it is read once per document like an embedded TrueType
 * font's. Before: the glyphs of a Type 3 run were not keyed — every page holding one was rendered and
 * read for itself (61 s CPU for the 26-page print), and a lost glyph drawn in another font than its
 * run's read as its bare code (“吸取…事故0□”, “班子带&学懂”, “=尘防治”).
 */
const pages = (bytes: Uint8Array, picks: number[]) =>
  PDFDocument.load(bytes).then(async (source) => {
    const out = await PDFDocument.create();
    for (const page of await out.copyPages(source, picks)) out.addPage(page);
    return out.save();
  });
const texts = (doc: DocumentModel) => doc.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : [b.text])).map(squeeze);

describe('Chromium’s Type 3 fonts with a partial ToUnicode map: lost glyphs keyed by their own font', () => {
  it('each glyph is read once per document and reads as the undamaged print', async () => {
    // Pages 11 and 12 of the print (the narrative, most lost glyphs), 11 twice: its copy's glyphs are known, it is not rendered again.
    const plain = await pages(chromiumPdf(reportHtml(layoutDocument(seedSpec()))), [10, 10, 11]);
    const { bytes } = await partialType3MapPdf(plain);
    const rendered: number[] = [];
    const damaged = await parsePdf(bytes, { onRenderedOcrPage: (n) => rendered.push(n) });
    expect(rendered).toContain(1);
    expect(rendered).not.toContain(2);
    const undamaged = await parsePdf(plain);
    expect(texts(damaged)).toEqual(texts(undamaged));
    expect(damaged.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS')).toEqual([]);
  }, 240_000);

  it('every run of a Type 3 page is found among the glyphs drawn, with the font of each', async () => {
    const pdf = await openPdf(chromiumPdf(reportHtml(layoutDocument(seedSpec()))));
    try {
      const page = await pdf.getPage(11);
      const runs = toTextRuns((await page.getTextContent()).items, page.getViewport({ scale: 1 }).transform as Matrix);
      const ops = await page.getOperatorList();
      const fonts = glyphFonts(ops.fnArray, ops.argsArray, runs);
      expect(fonts.every((f) => f.length > 0)).toBe(true);
      // Most lines draw from several of Skia's fonts, not only the one their text item is named after.
      const mixed = runs.filter((r, k) => new Set(fonts[k].filter((f) => f !== undefined)).size > 1);
      expect(mixed.length).toBeGreaterThan(runs.length / 4);
      expect(runs.every((r, k) => fonts[k].some((f) => f === r.font))).toBe(true);
    } finally {
      await pdf.destroy();
    }
  }, 120_000);
});
