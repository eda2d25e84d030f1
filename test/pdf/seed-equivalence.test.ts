import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../schemas/document.js';
import { DocumentModelSchema } from '../../schemas/document.js';
import { parseDocx } from '../../parsers/docx.js';
import { parsePdf } from '../../parsers/pdf.js';
import { cellKeys, paragraphs, rejectionCode, sample, SAMPLES, squeeze, tables } from './helpers.js';

/**
 * samples/seed.pdf (LibreOffice export of seed.docx: 32 pages, ruled tables, embedded CJK fonts)
 * must give the same DocumentModel as the Word file: same blocks in the same order, the same
 * tables cell by cell (position, spans, text without whitespace), the same paragraphs whole.
 * Known, documented difference: whitespace inside texts (a Word paragraph break inside a cell or a
 * space typed next to Chinese cannot be told from a wrapped line or autospacing on paper).
 */
describe('seed.pdf ≡ seed.docx', () => {
  let pdf: DocumentModel;
  let docx: DocumentModel;
  beforeAll(async () => {
    pdf = await parsePdf(sample('seed.pdf'));
    docx = parseDocx(sample('seed.docx'));
  }, 180_000);

  it('is a valid DocumentModel with the page count', () => {
    expect(() => DocumentModelSchema.parse(pdf)).not.toThrow();
    expect(pdf.format).toBe('pdf');
    expect(pdf.pages).toBe(32);
    expect(pdf.issues).toEqual([]);
  });

  it('has the same blocks in the same order', () => {
    expect(pdf.blocks.map((b) => b.kind)).toEqual(docx.blocks.map((b) => b.kind));
  });

  it('has the same tables, cell by cell, with merged cells as spans', () => {
    const a = tables(pdf);
    const b = tables(docx);
    expect(a.length).toBe(b.length);
    for (let t = 0; t < b.length; t++) {
      expect({ table: t, nRows: a[t].nRows, nCols: a[t].nCols }).toEqual({ table: t, nRows: b[t].nRows, nCols: b[t].nCols });
      expect(cellKeys(a[t])).toEqual(cellKeys(b[t]));
      expect(a[t].grid).toEqual(b[t].grid);
      expect(a[t].source).toBe('ruled');
      expect(a[t].confidence).toBe(1);
    }
  });

  it('joins tables continued over pages (merged cells over the break kept whole)', () => {
    const spanning = tables(pdf).filter((t) => t.pageEnd !== t.page);
    expect(spanning.map((t) => [t.page, t.pageEnd])).toEqual([
      [2, 3],
      [4, 5],
      [8, 9],
    ]);
    // 部门整体支出绩效自评表: 绩效指标 is one cell from its first row down to the 总分 row.
    const dept = tables(pdf)[1];
    const perf = dept.cells.find((c) => squeeze(c.text) === '绩效指标')!;
    expect(perf.rowSpan).toBe(tables(docx)[1].cells.find((c) => squeeze(c.text) === '绩效指标')!.rowSpan);
    expect(perf.rowSpan).toBeGreaterThan(20);
  });

  it('has the same paragraphs, each whole', () => {
    expect(paragraphs(pdf).map(squeeze)).toEqual(paragraphs(docx).map(squeeze));
  });

  it('drops page numbers and removes autospacing between Chinese and numbers', () => {
    const texts = [...paragraphs(pdf), ...tables(pdf).flatMap((t) => t.cells.map((c) => c.text))];
    expect(texts.filter((t) => /^\s*[-—]\s*\d+\s*[-—]\s*$/.test(t))).toEqual([]);
    expect(texts.filter((t) => /\p{Script=Han}[ \t]+\d|\d[ \t]+\p{Script=Han}/u.test(t))).toEqual([]);
    expect(paragraphs(pdf).some((p) => p.includes('全年监管房屋工程项目101个'))).toBe(true);
  });

  it('locates every block and cell by page and box, and the pages are right', () => {
    for (const b of pdf.blocks) {
      expect(b.page).toBeGreaterThanOrEqual(1);
      if (b.kind === 'paragraph') expect(b.bbox).not.toBeNull();
      else for (const c of b.cells) {
        expect(c.page).toBeGreaterThanOrEqual(b.page!);
        expect(c.page).toBeLessThanOrEqual(b.pageEnd!);
        expect(c.bbox).not.toBeNull();
      }
    }
    // Spot checks against pdftotext (poppler), an independent reader of the same file.
    const pageText = (n: number) => squeeze(execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), join(SAMPLES, 'seed.pdf'), '-'], { encoding: 'utf8' }));
    const dept = tables(pdf)[1];
    const total = dept.cells.find((c) => squeeze(c.text) === '总分')!;
    expect(pageText(total.page!)).toContain('总分');
    const year = dept.cells.find((c) => c.text === '951.90')!;
    expect(pageText(year.page!)).toContain('951.90');
    const para = pdf.blocks.find((b) => b.kind === 'paragraph' && b.text.startsWith('2023年基本支出数为592.17万元'))!;
    expect(pageText(para.page!)).toContain('2023年基本支出数为592.17万元');
  });

  it('refuses documents over the page limit', async () => {
    expect(await rejectionCode(parsePdf(sample('seed.pdf'), { maxPages: 10 }))).toBe('InputError:LIMIT_EXCEEDED');
  });
});
