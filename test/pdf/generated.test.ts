import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../schemas/document.js';
import { parsePdf } from '../../parsers/pdf.js';
import { runPipeline } from '../../src/pipeline.js';
import { cjkReportPdf, unmappedGlyphPdf } from '../fixtures/pdf/handwritten.js';
import {
  borderlessTablePdf,
  prosePdf,
  encryptWithQpdf,
  imageOnlyPdf,
  mixedQualityPdf,
  renderPng,
  tableOverPagesPdf,
  type TableOverPagesFixture,
} from '../fixtures/pdf/generate.js';
import { paragraphs, rejectionCode, rowTexts, sample, SAMPLES, tables } from './helpers.js';

/** PDFs generated at test time (pdf-lib, hand-written PDF syntax, qpdf, pdftoppm) in a private temp dir. */
let dir: string;
let png: Uint8Array;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'selfeval-pdf-test-'));
  png = renderPng(join(SAMPLES, 'seed.pdf'), dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a ruled table continued over pages', () => {
  let fx: TableOverPagesFixture;
  let model: DocumentModel;
  beforeAll(async () => {
    fx = await tableOverPagesPdf();
    model = await parsePdf(fx.bytes);
  });

  it('is one table: header row not repeated, the row broken by the page break rejoined', () => {
    expect(model.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph', 'paragraph']);
    const [table] = tables(model);
    expect([table.page, table.pageEnd, table.nCols]).toEqual([1, 2, 3]);
    expect(rowTexts(table)).toEqual([fx.header, ...fx.rows]);
    const split = table.cells.find((c) => c.row === fx.splitRow + 1 && c.col === 0)!;
    expect(split.page).toBe(1);
    const after = table.cells.find((c) => c.row === fx.splitRow + 2 && c.col === 0)!;
    expect(after.page).toBe(2);
  });

  it('reads rulings drawn as thin filled rectangles (page 2) like stroked lines (page 1)', () => {
    const [table] = tables(model);
    expect(table.source).toBe('ruled');
    expect(table.cells.filter((c) => c.page === 2).length).toBeGreaterThan(20);
  });

  it('keeps a paragraph that runs over the page break whole, and drops headers and page numbers', () => {
    const texts = paragraphs(model);
    expect(texts).toEqual(['Table 1 Performance indicators', fx.paragraph, fx.secondParagraph]);
    const para = model.blocks[2];
    expect(para.page).toBe(2);
    expect(model.blocks[3].page).toBe(3);
  });
});

describe('Chinese text in a font that is not embedded', () => {
  it('is read through the CMaps shipped with pdfjs-dist', async () => {
    const fx = cjkReportPdf();
    const model = await parsePdf(fx.bytes);
    expect(paragraphs(model)).toEqual([fx.paragraph, fx.secondParagraph]);
    expect(rowTexts(tables(model)[0])).toEqual(fx.table);
    expect(model.issues).toEqual([]);
  });

  it('needs those CMaps: pdf.js without cMapUrl does not give the text (why the parser passes them)', async () => {
    const fx = cjkReportPdf();
    const doc = await getDocument({ data: new Uint8Array(fx.bytes), isEvalSupported: false, verbosity: 0 }).promise;
    try {
      const page = await doc.getPage(1);
      const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
      expect(text).not.toContain('全年监管房屋工程项目');
    } finally {
      await doc.destroy();
    }
  });
});

describe('a borderless table', () => {
  it('is rebuilt by clustering x positions, marked borderless with confidence < 1', async () => {
    const fx = await borderlessTablePdf();
    const model = await parsePdf(fx.bytes);
    expect(model.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    const [table] = tables(model);
    expect(table.source).toBe('borderless');
    expect(table.confidence).toBeLessThan(1);
    expect(rowTexts(table)).toEqual(fx.rows);
  });
});

describe('prose that lines up like a table', () => {
  it('a justified paragraph, a numbered list with hanging lines and a signature line stay paragraphs', async () => {
    const fx = await prosePdf();
    const model = await parsePdf(fx.bytes);
    expect(tables(model)).toEqual([]);
    const texts = model.blocks.map((b) => (b.kind === 'paragraph' ? b.text : ''));
    for (const start of fx.starts) expect(texts.some((t) => t.includes(start))).toBe(true);
  });
});

describe('PDFs that cannot be read', () => {
  it('encrypted (qpdf, user password) → ENCRYPTED_PDF', async () => {
    const fx = await borderlessTablePdf();
    const encrypted = encryptWithQpdf(fx.bytes, dir);
    expect(await rejectionCode(parsePdf(encrypted))).toBe('InputError:ENCRYPTED_PDF');
    const { result } = await runPipeline({ bytes: encrypted, file: 'encrypted.pdf' });
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('ENCRYPTED_PDF');
    expect(result.error?.message).toMatch(/^encrypted\.pdf：PDF 已加密/);
  });

  it('image only (a scan) → NO_TEXT_LAYER', async () => {
    expect(await rejectionCode(parsePdf(await imageOnlyPdf(png)))).toBe('InputError:NO_TEXT_LAYER');
  });

  it('only glyphs without a Unicode mapping → NO_TEXT_LAYER', async () => {
    expect(await rejectionCode(parsePdf(unmappedGlyphPdf(6)))).toBe('InputError:NO_TEXT_LAYER');
  });

  it('truncated or not a PDF inside → CORRUPT_FILE', async () => {
    const seed = sample('seed.pdf');
    for (const fraction of [0.05, 0.5, 0.98]) {
      expect(await rejectionCode(parsePdf(seed.slice(0, Math.floor(seed.length * fraction))))).toBe('InputError:CORRUPT_FILE');
    }
    const junk = new TextEncoder().encode('%PDF-1.7\n' + 'not really a pdf '.repeat(50));
    expect(await rejectionCode(parsePdf(junk))).toBe('InputError:CORRUPT_FILE');
  });
});

describe('a document with some unreadable pages', () => {
  it('keeps the readable text and reports each unreadable page (not the blank one) as an issue', async () => {
    const bytes = await mixedQualityPdf(png, unmappedGlyphPdf(3));
    writeFileSync(join(dir, 'mixed.pdf'), bytes);
    const model = await parsePdf(bytes);
    expect(model.pages).toBe(4);
    expect(paragraphs(model)).toEqual(['Readable first page of the report.']);
    expect(model.issues.map((i) => [i.code, i.page])).toEqual([
      ['PAGE_NO_TEXT', 2],
      ['PAGE_UNMAPPED_GLYPHS', 3],
    ]);
    expect(model.issues[0].message).toMatch(/^第 2 页/);
  });
});
