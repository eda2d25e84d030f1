import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutDocument, seedSpec, writeDocx } from '../fixtures/generator/index.js';
import { cairoPdf } from '../fixtures/producers/cairo.js';
import { pdf13Pdf, pdfaGhostscriptPdf } from '../fixtures/producers/assembled.js';
import { fitToA5Pdf, outlinedTextPdf, pdfwriteScreenPdf } from '../fixtures/producers/ghostscript.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { reviewedIncrementally } from '../fixtures/producers/incremental.js';
import { differencesPdf, revisedPagePdf, shiftedXrefPdf } from '../fixtures/producers/rewritten.js';
import { twoUpPdf } from '../fixtures/producers/nup.js';
import { libreofficeArchivePdf } from '../fixtures/producers/libreoffice-export.js';
import { qpdfPdf, type QpdfForm } from '../fixtures/producers/qpdf.js';
import { chromiumTrueTypePdf, TRUETYPE_CJK_FAMILY, trueTypeFontAvailable, virtualPrinterPdf } from '../fixtures/producers/truetype.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { expectSameFindings, findingKey as key } from '../support/same-findings.js';
import { parsePdf } from '../../parsers/pdf.js';
import { runPipeline } from '../../src/pipeline.js';
import { paragraphs, pdfPages, sample, tables } from './helpers.js';
import type { ParagraphBlock } from '../../schemas/document.js';

/**
 * The seed report as other programs and systems pass it on (issue 13, test/fixtures/producers):
 * printed again through cairo, shrunk by Ghostscript, restructured or encrypted by qpdf, annotated
 * and saved incrementally, exported as PDF/A, set in a TrueType font as Word sets 宋体, and sent
 * through a virtual printer. Each is a real file made by the program itself, and each must give the
 * findings of the .docx of the same content — same rule, same values.
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

let docx: Run;
let dir: string;
beforeAll(async () => {
  docx = await pipeline(sample('seed.docx'), 'seed.docx');
  dir = mkdtempSync(join(tmpdir(), 'selfeval-restructured-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a poppler tool (pdffonts, pdfinfo) says of the file. */
const poppler = (tool: 'pdffonts' | 'pdfinfo', pdf: Uint8Array, name: string) => {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return execFileSync(tool, [file], { encoding: 'utf8' });
};

describe('the LibreOffice PDF passed on by other programs', () => {
  it('printed again through cairo (Firefox / Evince "打印到文件"): fonts re-subset by cairo; the .docx findings', async () => {
    const pdf = cairoPdf(sample('seed.pdf'));
    expect(poppler('pdfinfo', pdf, 'info.pdf')).toMatch(/Producer:\s+cairo/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-cairo.pdf'));
  }, 120_000);

  it('shrunk by Ghostscript pdfwrite (/screen, PDF 1.4): Type 1C subsets that kept their maps; the .docx findings', async () => {
    const pdf = pdfwriteScreenPdf(sample('seed.pdf'));
    expect(poppler('pdffonts', pdf, 'screen.pdf')).toMatch(/Type 1C/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-screen.pdf'));
  }, 120_000);

  it('printed fitted onto A5 paper by Ghostscript (every page × 0.71, fonts and rulings with it): the .docx findings', async () => {
    const pdf = fitToA5Pdf(sample('seed.pdf'));
    expect(poppler('pdfinfo', pdf, 'a5.pdf')).toMatch(/Page size:\s+420 x 595 pts \(A5\)/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-a5.pdf'));
  }, 120_000);

  for (const form of ['object-streams', 'linearized', 'encrypted-aes256', 'encrypted-rc4', 'encrypted-rc4-40', 'encrypted-aes128'] as QpdfForm[]) {
    it(`restructured by qpdf (${form}): the .docx findings`, async () => {
      const pdf = qpdfPdf(sample('seed.pdf'), form);
      if (form.startsWith('encrypted')) {
        // Opens without a password, copying forbidden: what a viewer shows, we read.
        expect(poppler('pdfinfo', pdf, 'info.pdf')).toMatch(/Encrypted:\s+yes.*copy:no/u);
      }
      expectSameFindings(docx, await pipeline(pdf, `seed-${form}.pdf`));
    }, 120_000);
  }

  it('re-written by Ghostscript as PDF 1.3 (classic xref table, no object streams) and as PDF/A-1b: the .docx findings', async () => {
    const old = pdf13Pdf(sample('seed.pdf'));
    expect(Buffer.from(old.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.3');
    expect(Buffer.from(old).toString('latin1')).not.toContain('/ObjStm');
    expectSameFindings(docx, await pipeline(old, 'seed-pdf13.pdf'));
    const archive = pdfaGhostscriptPdf(sample('seed.pdf'));
    expect(Buffer.from(archive).toString('latin1')).toMatch(/pdfaid:part='1' pdfaid:conformance='B'/u);
    expectSameFindings(docx, await pipeline(archive, 'seed-gs-pdfa.pdf'));
  }, 240_000);

  it('annotated and stamped, saved as an incremental update (pages of several content streams): the .docx findings, the note not taken for text', async () => {
    const original = sample('seed.pdf');
    const pdf = await reviewedIncrementally(original);
    expect(Buffer.from(pdf.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true); // the original bytes kept
    expect(Buffer.from(pdf).toString('latin1').match(/startxref/gu)?.length).toBe(2);
    const run = await pipeline(pdf, 'seed-reviewed.pdf');
    expectSameFindings(docx, run);
    expect(paragraphs(run.document).filter((p) => p.includes('Checked, see note'))).toEqual([]);
  }, 120_000);

  it('a page replaced by an incremental update (the first revision drew page 5 on page 3): the latest revision read, the .docx findings', async () => {
    const pdf = await revisedPagePdf(sample('seed.pdf'), 3, 5);
    const text = Buffer.from(pdf).toString('latin1');
    expect(text.match(/startxref/gu)?.length).toBe(2);
    const stale = Buffer.from(text.slice(0, text.lastIndexOf('%%EOF', text.length - 8) + 5), 'latin1');
    const pageText = (bytes: Uint8Array, name: string, n: number) => {
      writeFileSync(join(dir, name), bytes);
      return execFileSync('pdftotext', ['-f', String(n), '-l', String(n), join(dir, name), '-'], { encoding: 'utf8' });
    };
    expect(pageText(stale, 'stale.pdf', 3)).toBe(pageText(stale, 'stale.pdf', 5)); // the first revision really is wrong
    expect(pageText(pdf, 'revised.pdf', 3)).toBe(pageText(sample('seed.pdf'), 'seed.pdf', 3));
    expectSameFindings(docx, await pipeline(pdf, 'seed-revised.pdf'));
  }, 120_000);

  it('a header line put in front of the file (every xref offset wrong, the table rebuilt by pdf.js): the .docx findings', async () => {
    const pdf = shiftedXrefPdf(sample('seed.pdf'));
    const text = Buffer.from(pdf).toString('latin1');
    const at = Number(/startxref\s+(\d+)\s+%%EOF\s*$/u.exec(text)?.[1]);
    expect(text.slice(at, at + 4)).not.toBe('xref');
    expectSameFindings(docx, await pipeline(pdf, 'seed-shifted-xref.pdf'));
  }, 120_000);

  it('text in simple fonts whose /Differences name every glyph uniXXXX, no ToUnicode, nothing embedded: the .docx findings', async () => {
    const pdf = await differencesPdf(sample('seed.pdf'));
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).not.toContain('/ToUnicode');
    expect(text).toMatch(/\/Differences \[32 \/space 33 \/uni[0-9A-F]{4}/u);
    expect(poppler('pdffonts', pdf, 'differences.pdf')).toMatch(/SimSun\s+Type 1\s+Custom\s+no\s+no\s+no/u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-differences.pdf'));
  }, 120_000);
});

describe('two pages on one sheet (“每张纸打印 2 页”, 2-up: a landscape sheet, each page × 0.71)', () => {
  it('each sheet read as its two pages: the .docx findings, located on the sheets', async () => {
    const pdf = await twoUpPdf(sample('seed.pdf'));
    const run = await pipeline(pdf, 'seed-2up.pdf');
    expectSameFindings(docx, run);
    expect(run.document.pageInfo).toHaveLength(16);
    // Locations name the sheet (what the reviewer's viewer shows) and lie on it: the right page's boxes in its right half.
    const pages = run.document.blocks.map((b) => b.page);
    expect(Math.max(...pages.map((p) => p ?? 0))).toBe(16);
    const cover = run.document.blocks.find((b): b is ParagraphBlock => b.kind === 'paragraph' && b.text.replace(/\s+/gu, '').startsWith('部门名称：汨罗市建筑工程'));
    expect(cover?.page).toBe(5); // page 10 of the report, the right half of sheet 5
    expect(cover?.bbox?.[0]).toBeGreaterThan(841.89 / 2);
    // No line joins the two pages of a sheet: the page numbers stay apart.
    expect(paragraphs(run.document).filter((t) => /-\s*\d+\s*-.*-\s*\d+\s*-/u.test(t))).toEqual([]);
  }, 120_000);
});

describe('text turned into outlines (转曲: Ghostscript -dNoOutputFonts), pages 4–6', () => {
  it('read by OCR, said to be outlines rather than scans; the findings of the same vector pages, no other warning', async () => {
    const vectorPages = await pdfPages(sample('seed.pdf'), 4, 6);
    const pdf = outlinedTextPdf(vectorPages);
    expect(poppler('pdffonts', pdf, 'outlined.pdf').trim().split('\n')).toHaveLength(2); // no font at all
    const [vector, outlined] = [await pipeline(vectorPages, 'seed-4-6.pdf'), await pipeline(pdf, 'seed-4-6-outlined.pdf')];
    expect(outlined.document.pageInfo?.map((p) => p.textSource)).toEqual(['ocr', 'ocr', 'ocr']);
    expect(outlined.document.issues.find((i) => i.code === 'IMAGE_PAGES_READ')?.message).toMatch(/^第 1–3 页的文字是曲线（转曲，没有文字层），文字由 OCR 识别/u);
    const m = matchFindings(vector.findings, outlined.findings);
    expect(m.found.length).toBeGreaterThan(3);
    expect({ missed: m.missed.map(key), extra: m.extra.filter((f) => f.severity !== 'info').map(key) }).toEqual({ missed: [], extra: [] });
  }, 300_000);
});

describe('the .docx exported by LibreOffice as PDF/A-1b, tagged, with bookmarks', () => {
  it('the .docx findings', async () => {
    const pdf = libreofficeArchivePdf(sample('seed.docx'));
    const text = Buffer.from(pdf).toString('latin1');
    expect(text).toContain('/StructTreeRoot');
    expect(text).toMatch(/pdfaid:part>1</u);
    expectSameFindings(docx, await pipeline(pdf, 'seed-pdfa.pdf'));
  }, 240_000);
});

describe.runIf(trueTypeFontAvailable())('set in a TrueType CJK font, as Word and WPS set 宋体 (test/fixtures/producers/truetype.ts)', () => {
  let reference: Run;
  let browser: Uint8Array;
  beforeAll(async () => {
    reference = await pipeline(writeDocx(seedSpec()), 'seed-generated.docx');
    browser = chromiumTrueTypePdf(reportHtml(layoutDocument(seedSpec()), { font: TRUETYPE_CJK_FAMILY }));
  }, 180_000);

  it('printed by Chromium: CID TrueType subsets, Identity-H, with ToUnicode; the .docx findings', async () => {
    expect(poppler('pdffonts', browser, 'truetype.pdf')).toMatch(/UMingCN\s+CID TrueType\s+Identity-H\s+yes yes yes/u);
    expectSameFindings(reference, await pipeline(browser, 'seed-truetype.pdf'));
  }, 180_000);

  describe('then through a virtual printer (pdftops | ps2pdf): simple TrueType subsets, no ToUnicode, glyph numbers for text', () => {
    let printed: Uint8Array;
    beforeAll(() => {
      printed = virtualPrinterPdf(browser);
    }, 180_000);

    it('no OCR allowed: refused, every page named, a page of a heading and “无” too — nothing read from the nonsense', async () => {
      expect(poppler('pdffonts', printed, 'cups.pdf')).toMatch(/UMingCN_\w+\s+TrueType\s+WinAnsi\s+yes yes no/u);
      const { result } = await runPipeline({ bytes: printed, file: 'seed-cups.pdf', options: { parse: { pdf: { maxOcrPages: 0 } } } });
      expect(result.status).toBe('error');
      expect(result.error?.code).toBe('NO_TEXT_LAYER');
      const pages = Number(/Pages:\s+(\d+)/u.exec(poppler('pdfinfo', printed, 'info.pdf'))?.[1]);
      expect(result.error?.message).toContain(`第 1–${pages} 页的字体缺少 Unicode 映射或编码错误`);
      expect(result.discrepancies).toEqual([]);
    }, 180_000);

    it('the short page (七、其他需要说明的问题 / 无) read by OCR like its neighbours, saying why', async () => {
      const cut = await pdfPages(printed, 21, 23);
      const model = await parsePdf(cut, { maxOcrPages: 3 });
      expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['ocr', 'ocr', 'ocr']);
      expect(model.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS').map((i) => i.page)).toEqual([1, 2, 3]);
      const text = [...paragraphs(model), ...tables(model).flatMap((t) => t.cells.map((c) => c.text))].join('');
      expect(text).toMatch(/其他需要说明的问题/u);
      expect(text).not.toMatch(/[\u3400-\u4DBF\u1700-\u17FF\u1D00-\u1DBF]/u); // none of the layer's glyph numbers
    }, 300_000);
  });
});
