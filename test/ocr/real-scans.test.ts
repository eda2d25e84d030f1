import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../schemas/document.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { paragraphs, pdfPages, squeeze, tables } from '../pdf/helpers.js';
import { forms, pipeline } from './helpers.js';

/**
 * Real reports of the corpus (test/corpus/real: LibreOffice PDFs of published reports) scanned as
 * a department scans them — greyscale JPEG, 200 dpi (test/fixtures/producers/scan.ts) — and read
 * back by OCR, against the same pages read from the PDF's text layer and the .docx. One page each:
 * OCR costs seconds a page (bench/scan-corpus.ts runs 13 whole documents).
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const corpusFile = (id: string, ext: 'pdf' | 'docx') => new Uint8Array(readFileSync(join(REAL, id, `${id}.${ext}`)));

/** A run of dots as the template prints it (……, ..., 。。。). */
const DOTS = /^(?:…|\.|。|·)+$/u;

describe('a scanned 项目支出绩效自评表 with the template placeholder rows 指标2 / …… left in (Hebei, page 1)', () => {
  it('reads each "……" row as a dot run, so the placeholder rows and their finding are those of the text layer', async () => {
    const page = await pdfPages(corpusFile('he-langfang-shipin-2019', 'pdf'), 1, 1);
    const exact = await pipeline(page, 'page1.pdf');
    const scanned = await pipeline(scanPdf(page, { mode: 'gray-jpeg' }), 'page1-scan.pdf');
    const placeholders = (r: typeof exact) => [...forms(r.report).keys()].flatMap((part) => r.report.projects.find((p) => p.part === part)?.placeholderRows ?? []);
    const exactRows = placeholders(exact);
    const scannedRows = placeholders(scanned);
    expect(exactRows.filter((p) => DOTS.test(squeeze(p.text))).length).toBeGreaterThan(3);
    expect(scannedRows.map((p) => p.loc.row)).toEqual(exactRows.map((p) => p.loc.row));
    expect(scannedRows.filter((p) => DOTS.test(squeeze(p.text))).length).toBe(exactRows.filter((p) => DOTS.test(squeeze(p.text))).length);
    const leftovers = (r: typeof exact) => r.findings.filter((f) => f.rule === 'template-leftovers').map((f) => f.values);
    expect(leftovers(scanned)).toEqual(leftovers(exact));
    // …and finds no dot run where the page has none (a decimal point, a comma, specks of the JPEG).
    const [exactTable] = tables(exact.document);
    const byPos = new Map(exactTable.cells.map((c) => [`${c.row},${c.col}`, c]));
    const scannedTable: TableBlock = tables(scanned.document)[0];
    const invented = scannedTable.cells.filter((c) => c.text.includes('…') && !/…|\.{2,}/u.test(byPos.get(`${c.row},${c.col}`)?.text ?? ''));
    expect(invented.map((c) => `(${c.row},${c.col}) ${c.text}`)).toEqual([]);
    expect(scanned.findings.filter((f) => f.severity === 'error')).toEqual([]);
  }, 120_000);
});

describe('the same report scanned at 150 dpi, where the detector does see a "……" and the recogniser reads it ".·."', () => {
  it('gives the dot run in place of the reading: no indicator named 「.·.」 with empty cells, the placeholder rows those of the text layer', async () => {
    const pdf = corpusFile('he-langfang-shipin-2019', 'pdf');
    const exact = await pipeline(pdf, 'he.pdf');
    const scanned = await pipeline(scanPdf(pdf, { mode: 'gray-jpeg', dpi: 150 }), 'he-150.pdf');
    const placeholders = (r: typeof exact) => [...forms(r.report).keys()].flatMap((part) => r.report.projects.find((p) => p.part === part)?.placeholderRows ?? []);
    expect(placeholders(scanned).map((p) => p.loc.row)).toEqual(placeholders(exact).map((p) => p.loc.row));
    const leftovers = (r: typeof exact) => r.findings.filter((f) => f.rule === 'template-leftovers').map((f) => f.values);
    expect(leftovers(exact).length).toBe(1);
    expect(leftovers(scanned)).toEqual(leftovers(exact));
    expect(scanned.findings.filter((f) => f.rule === 'required-cells').map((f) => f.message)).toEqual([]);
    // Nothing but dots and text the page prints: no cell holds a dot reading beside a dot run.
    const cells = tables(scanned.document).flatMap((t) => t.cells.map((c) => squeeze(c.text)));
    expect(cells.filter((t) => /[.·'"]/u.test(t) && /…/u.test(t))).toEqual([]);
  }, 120_000);
});

describe('a scanned narrative report (Fujian, one page of prose)', () => {
  it('gains no dot run the page does not print: the cut-off tips of a line of characters are no "……"', async () => {
    const pdf = corpusFile('fj-quyu-xiezuo-2017', 'pdf');
    const exact = await pipeline(pdf, 'fj.pdf');
    const scanned = await pipeline(scanPdf(pdf, { mode: 'gray-jpeg' }), 'fj-scan.pdf');
    const dotRuns = (r: typeof exact) => paragraphs(r.document).join('').match(/…+|\.{3,}/gu)?.length ?? 0;
    expect(paragraphs(scanned.document).join('').length).toBeGreaterThan(500);
    expect(dotRuns(scanned)).toBe(dotRuns(exact));
    const warnings = (r: typeof exact) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.rule} ${JSON.stringify(f.values)}`);
    expect(warnings(scanned)).toEqual(warnings(exact));
  }, 120_000);
});

describe('a list printed under the form (序号 | 学校性质 | 培训机构 …, Shanxi 绩效目标完成情况表)', () => {
  it('is not read as indicator rows — from the .docx, the PDF and its scan alike', async () => {
    const pdf = corpusFile('sx-lvliang-hugong-2021', 'pdf');
    const docx = await pipeline(corpusFile('sx-lvliang-hugong-2021', 'docx'), 'sx.docx');
    const text = await pipeline(pdf, 'sx.pdf');
    const scanned = await pipeline(scanPdf(pdf, { mode: 'gray-jpeg' }), 'sx-scan.pdf');
    const names = (r: typeof docx) => r.report.projects.flatMap((p) => p.indicators.map((i) => squeeze(i.level3)));
    const fromDocx = names(docx);
    expect(fromDocx.length).toBeGreaterThan(10);
    expect(fromDocx.some((n) => /^培训机构$|学校$|^[①-⑳]/u.test(n))).toBe(false);
    expect(names(text)).toEqual(fromDocx);
    expect(names(scanned)).toEqual(fromDocx);
    // The list's column numbering (①②③, partly lost by OCR) is no indicator with an empty 完成值.
    expect(scanned.findings.filter((f) => f.rule === 'required-cells')).toEqual([]);
  }, 120_000);
});
