import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldOutPdf, mupdfPdf, pageBoxesPdf, type PageBoxes } from '../fixtures/producers/mupdf.js';
import { pipeline } from '../ocr/helpers.js';
import { expectSameFindings } from '../support/same-findings.js';
import { parsePdf } from '../../parsers/pdf.js';
import { pdfPages, sample } from './helpers.js';

/**
 * The seed report passed through MuPDF (mutool clean, mutool convert) and given page boxes other
 * than an A4 MediaBox at 0 0 (a CropBox inside it, a MediaBox origin elsewhere, /UserUnit 2, pages
 * printed onto A3 among A4 ones): each a real file made by mutool, Ghostscript and pdfunite
 * (test/fixtures/producers/mupdf.ts), each giving the findings of the .docx — or, where the
 * producer wrote no usable text, a statement for each page and nothing read from the nonsense.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

let docx: Run;
let dir: string;
beforeAll(async () => {
  docx = await pipeline(sample('seed.docx'), 'seed.docx');
  dir = mkdtempSync(join(tmpdir(), 'selfeval-mupdf-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfinfo = (pdf: Uint8Array, name: string, args: string[] = []) => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
};

describe('MuPDF', () => {
  it('mutool clean -gggg (objects renumbered, duplicates merged): the .docx findings', async () => {
    const pdf = mupdfPdf(sample('seed.pdf'), 'clean');
    expect(pdf.length).toBeLessThan(sample('seed.pdf').length);
    expectSameFindings(docx, await pipeline(pdf, 'seed-mutool-clean.pdf'));
  }, 120_000);

  it('mutool convert -F pdf writes an identity ToUnicode (codes 0–159 as themselves): every page said unusable and read by OCR, none as text', async () => {
    const pdf = mupdfPdf(await pdfPages(sample('seed.pdf'), 4, 5), 'convert');
    expect(execFileSync('pdftotext', ['-l', '1', (writeFileSync(join(dir, 'conv.pdf'), pdf), join(dir, 'conv.pdf')), '-'], { encoding: 'utf8' })).not.toMatch(/[\u4e00-\u9fff]/u);
    const model = await parsePdf(pdf, { maxOcrPages: 2 });
    expect(model.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS').map((i) => i.page)).toEqual([1, 2]);
    expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['ocr', 'ocr']);
    const text = model.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'table' ? b.cells.map((c) => c.text).join('') : '')).join('');
    expect(text).toMatch(/项目支出绩效自评表/u);
    expect(text).not.toMatch(/[\u0001-\u0008\u000e-\u001f]/u); // none of the layer's glyph numbers
  }, 300_000);

  it('mutool convert, OCR of a rendered page: a body line and a heading are sized by their ideographs\' ink, not by the detected box (one body size, a heading larger, a paragraph not cut in two)', async () => {
    // Page 12 of the seed: body text in 小四 (12 pt), headings in 四号/小三 (14–15 pt). The detected boxes of its
    // body lines were 39.2 and 44.1 px high (the detector's 100-dpi steps), a heading's 42.9 px: body lines
    // came out as two sizes, "+业务”，持续巩固…为建筑业高质量发展" — the last body line — as a paragraph
    // of its own in a larger size, and so a heading that every later finding of the report was filed under.
    const model = await parsePdf(mupdfPdf(await pdfPages(sample('seed.pdf'), 12, 12), 'convert'), { maxOcrPages: 1 });
    const paragraphs = model.blocks.filter((b) => b.kind === 'paragraph');
    const body = paragraphs.filter((p) => p.text.length > 40);
    const headings = paragraphs.filter((p) => /^(二|三|六)、/u.test(p.text));
    expect(body.length).toBeGreaterThanOrEqual(3);
    expect(new Set(body.map((p) => p.fontSize)).size).toBe(1);
    expect(headings.map((p) => p.text.slice(0, 3))).toEqual(['二、一', '三、政', '六、部']);
    for (const h of headings) expect(h.fontSize!).toBeGreaterThan(body[0].fontSize! + 1);
    expect(paragraphs.some((p) => /^\+?业务”/u.test(p.text))).toBe(false);
    expect(body.some((p) => /通过“党建\s*\+业务”，持续巩固基层政治建设/u.test(p.text))).toBe(true);
  }, 120_000);
});

describe('page boxes', () => {
  for (const kind of ['crop', 'origin', 'userunit'] as PageBoxes[]) {
    it(`${kind}: the .docx findings`, async () => {
      const pdf = pageBoxesPdf(sample('seed.pdf'), kind);
      const box = pdfinfo(pdf, `${kind}.pdf`, ['-box', '-f', '1', '-l', '1']);
      if (kind === 'crop') expect(box).toMatch(/CropBox:\s+36\.00\s+40\.00/u);
      if (kind === 'origin') expect(box).toMatch(/MediaBox:\s+-200\.00\s+300\.00/u);
      if (kind === 'userunit') expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/UserUnit 2/u);
      expectSameFindings(docx, await pipeline(pdf, `seed-${kind}.pdf`));
    }, 120_000);
  }

  it('/UserUnit 2: text sizes in points on paper, so cells and lines read as on A4 (not every line wrapped as in 4.5-point text)', async () => {
    const [a4, units] = [await parsePdf(await pdfPages(sample('seed.pdf'), 1, 3)), await parsePdf(await pdfPages(pageBoxesPdf(sample('seed.pdf'), 'userunit'), 1, 3))];
    const cells = (m: typeof a4) => m.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : b.kind === 'paragraph' ? [b.text] : []));
    expect(cells(units)).toEqual(cells(a4));
  }, 120_000);

  it('pages of mixed sizes (pages 2 and 18 printed onto A3, a table running from the A3 page onto an A4 one): the .docx findings', async () => {
    const pdf = foldOutPdf(sample('seed.pdf'), 32, [2, 18]);
    const sizes = pdfinfo(pdf, 'fold-out.pdf', ['-f', '1', '-l', '3']);
    expect(sizes).toMatch(/Page\s+2 size:\s+842 x 1191 pts \(A3\)/u);
    expect(sizes).toMatch(/Page\s+3 size:\s+595\.3\d* x 841\.89 pts \(A4\)/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-fold-out.pdf'));
  }, 120_000);
});
