import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxToPdf, layoutDocument, PART_DEPT, randomReportSpec, seedSpec, toFamily, writeBlocksDocx, writeDocx, type LaidBlock } from '../fixtures/generator/index.js';
import { chromiumPdf } from '../fixtures/producers/chromium.js';
import { reportHtml } from '../fixtures/producers/html.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { matchFindings, pipeline } from '../ocr/helpers.js';
import { expectSameFindings, findingKey as key } from '../support/same-findings.js';
import { parsePdf } from '../../parsers/pdf.js';
import { runPipeline } from '../../src/pipeline.js';
import { ghostscriptPdf } from '../fixtures/producers/ghostscript.js';
import { ocrmypdfPdf } from '../fixtures/producers/ocrmypdf.js';
import { landscapeOntoPortrait } from '../fixtures/producers/rotated.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { paragraphs, pdfPages, sample, squeeze, tables } from './helpers.js';
import type { TableBlock } from '../../schemas/document.js';

/**
 * The seed report printed by other programs than LibreOffice, each a real file made here by the
 * program itself (test/fixtures/producers), must give the same findings — same rule, same values —
 * as the .docx of the same content. Each producer file is made once (cached under os.tmpdir()).
 */
type Run = Awaited<ReturnType<typeof pipeline>>;

let docx: Run;
let dir: string;
beforeAll(async () => {
  docx = await pipeline(writeDocx(seedSpec()), 'seed.docx');
  dir = mkdtempSync(join(tmpdir(), 'selfeval-producers-'));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Chromium "print to PDF" with Noto Serif CJK (Skia, Type 3 fonts)', () => {
  let pdf: Uint8Array;
  let run: Run;
  beforeAll(async () => {
    pdf = chromiumPdf(reportHtml(layoutDocument(seedSpec())));
    run = await pipeline(pdf, 'seed-chromium.pdf');
  }, 180_000);

  it('is what the issue describes: Type 3 fonts whose maps give Kangxi radicals for ordinary ideographs', async () => {
    const file = join(dir, 'chromium.pdf');
    writeFileSync(file, pdf);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/Type 3/u);
    const pdfjs = await openPdf(pdf);
    try {
      const items = (await (await pdfjs.getPage(2)).getTextContent()).items as { str: string }[];
      const raw = items.map((i) => i.str).join('');
      expect(raw).toMatch(/[\u2F00-\u2FD5]/u); // 纳⼊专⼾管理的⾮税收⼊
    } finally {
      await pdfjs.destroy();
    }
  });

  it('reads ordinary ideographs: no radical or compatibility code point is left in the model', () => {
    const texts = [...paragraphs(run.document), ...tables(run.document).flatMap((t) => t.cells.map((c) => c.text))];
    expect(texts.filter((t) => /[\u2E80-\u2FDF\uF900-\uFAFF]/u.test(t))).toEqual([]);
    expect(texts.some((t) => t.includes('纳入专户管理的非税收入拨款'))).toBe(true);
    expect(texts.some((t) => t.includes('工作经费'))).toBe(true);
  });

  it('gives the same findings as the .docx (rule and values)', () => {
    expectSameFindings(docx, run);
  });
});

describe('printed to PostScript and distilled by Ghostscript (fonts without a Unicode map)', () => {
  it('the whole report, no OCR allowed: refused with the pages whose text layer is unusable, not read as an empty report', async () => {
    const pdf = ghostscriptPdf(sample('seed.pdf'));
    const { result } = await runPipeline({ bytes: pdf, file: 'seed-ps2pdf.pdf', options: { parse: { pdf: { maxOcrPages: 0 } } } });
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('NO_TEXT_LAYER');
    expect(result.error?.message).toContain('第 1–32 页的字体缺少 Unicode 映射');
    expect(result.discrepancies).toEqual([]);
  }, 120_000);

  it('pages 4–5 read from the page image by OCR, each page saying why; nothing read from the broken layer', async () => {
    const pdf = ghostscriptPdf(sample('seed.pdf'), [4, 5]);
    const model = await parsePdf(pdf);
    expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['ocr', 'ocr']);
    expect(model.issues.filter((i) => i.code === 'PAGE_UNMAPPED_GLYPHS').map((i) => [i.page, /文字层无法使用.*已按页面图像 OCR 识别/u.test(i.message)])).toEqual([
      [1, true],
      [2, true],
    ]);
    const texts = [...paragraphs(model), ...tables(model).flatMap((t) => t.cells.map((c) => c.text))].join('');
    expect(texts).toMatch(/绩效指标/u);
    expect(texts).not.toMatch(/[\u0000-\u0008\uE000-\uF8FF]/u);
  }, 180_000);
});

describe('a scan OCR\u2019d by another program (ocrmypdf/Tesseract: invisible text over the page image)', () => {
  let vector: Run;
  beforeAll(async () => {
    // The same five pages as printed (vector text): what the scans must give.
    vector = await pipeline(await pdfPages(sample('seed.pdf'), 2, 6), 'seed-pages-2-6.pdf');
  }, 120_000);

  for (const skewDeg of [0, 1.5]) {
    it(`read again by our OCR from the page image${skewDeg ? ', fed in askew' : ''}: the findings of the vector pages, none of the layer's misreadings`, async () => {
      const run = await pipeline(ocrmypdfPdf(scanPdf(sample('seed.pdf'), { mode: 'gray-jpeg', pages: [2, 6], skewDeg })), `seed-ocrmypdf-${skewDeg}.pdf`);
      expect(run.document.pageInfo?.map((p) => p.textSource)).toEqual(Array(5).fill('ocr'));
      const m = matchFindings(vector.findings, run.findings);
      expect(m.missed.filter((f) => f.severity !== 'info').map(key)).toEqual([]);
      expect(m.extra.filter((f) => f.severity !== 'info').map(key)).toEqual([]);
    }, 300_000);
  }

  describe('past the OCR page budget: the layer as it is', () => {
    const layerOnly = (skewDeg: number) =>
      runPipeline({ bytes: ocrmypdfPdf(scanPdf(sample('seed.pdf'), { mode: 'gray-jpeg', pages: [2, 6], skewDeg })), file: `seed-ocrmypdf-layer-${skewDeg}.pdf`, options: { parse: { pdf: { maxOcrPages: 0 } } } });
    let run: Run;
    let askew: Run;
    beforeAll(async () => {
      const straight = await layerOnly(0);
      run = { report: straight.result.report!, document: straight.document!, findings: straight.result.discrepancies };
      const tilted = await layerOnly(1.5);
      askew = { report: tilted.result.report!, document: tilted.document!, findings: tilted.result.discrepancies };
    }, 300_000);

    it('marks every page and every value as read from an OCR text layer', () => {
      expect(run.document.pageInfo?.map((p) => p.textSource)).toEqual(Array(5).fill('ocr-layer'));
      const row = run.report.deptSelfEval!.indicators[0];
      expect(row.actual.loc.textSource).toBe('ocr-layer');
    });

    it('finds the grids in the page image (the layer has no rulings), also on a scan fed in askew', () => {
      expect(tables(run.document).length).toBeGreaterThanOrEqual(3);
      // Straightened with the image: without it the tilted rows are not read as a form at all.
      expect(tables(askew.document).length).toBeGreaterThanOrEqual(3);
      expect(askew.report.deptSelfEval?.indicators.length ?? 0).toBeGreaterThan(10);
    });

    it('no finding resting on it is an error; each says "OCR 文字层，请核对原件"', () => {
      for (const r of [run, askew]) {
        expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
        // (coverage notes say what was not found in these five pages; they rest on no value)
        const resting = r.findings.filter((f) => f.severity === 'warning' && f.rule !== 'coverage');
        expect(resting.length).toBeGreaterThan(0);
        for (const f of resting) expect(f.message).toContain('OCR 文字层，请核对原件');
      }
    });
  });
});

describe('an image-only scan with OCR off: the answer without decoding the images', () => {
  it('NO_TEXT_LAYER for a 32-page greyscale JPEG scan, deciding ink from the page objects', async () => {
    const scan = scanPdf(sample('seed.pdf'), { mode: 'gray-jpeg' });
    await parsePdf(sample('seed.pdf'), { maxPages: 1 }).catch(() => undefined); // pdf.js loaded
    const before = process.cpuUsage();
    const code = await parsePdf(scan, { maxOcrPages: 0 }).then(
      () => 'resolved',
      (e: { code?: string }) => e.code,
    );
    const cpu = process.cpuUsage(before);
    expect(code).toBe('NO_TEXT_LAYER');
    // Decoding 32 JPEG pages took ~4 s of CPU; reading their objects takes well under one.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1500);
  }, 120_000);
});

describe('a merged label cut by a page break (LibreOffice: "成本指标（20" at the foot of page 3, "分）" on page 4)', () => {
  it('is one cell over the break, and the report gives the .docx findings', async () => {
    // Six blank lines before the 部门整体支出绩效自评表 move its 成本指标 group onto the page break.
    const blocks = layoutDocument(seedSpec());
    const at = blocks.findIndex((b) => b.kind === 'table' && b.part === PART_DEPT);
    blocks.splice(at, 0, ...Array.from({ length: 6 }, (): LaidBlock => ({ kind: 'paragraph', text: '', style: 'body' })));
    const docxBytes = writeBlocksDocx(blocks, { title: 'seed', creator: 'selfeval' });
    const [pdfRun, docxRun] = [await pipeline(await docxToPdf(docxBytes), 'break.pdf'), await pipeline(docxBytes, 'break.docx')];
    const dept = tables(pdfRun.document).find((t) => t.cells.some((c) => squeeze(c.text) === '成本指标（20分）' && c.page !== t.pageEnd && t.page !== t.pageEnd))!;
    const label = dept.cells.find((c) => squeeze(c.text) === '成本指标（20分）')!;
    expect(label.rowSpan).toBe(3);
    expect(dept.cells.filter((c) => c.row >= label.row && c.row < label.row + 3 && c.col === label.col + 1).map((c) => squeeze(c.text))).toEqual(['经济成本指标', '社会成本指标', '生态环境成本指标']);
    const m = matchFindings(docxRun.findings, pdfRun.findings);
    expect(m.missed.map(key)).toEqual([]);
    expect(m.extra.map(key)).toEqual([]);
  }, 240_000);
});

describe('a landscape report printed onto portrait paper (text at 90°, no /Rotate), with an upright page number', () => {
  let land: Uint8Array;
  beforeAll(() => {
    land = chromiumPdf(reportHtml(layoutDocument(seedSpec()), { landscape: true }));
  }, 120_000);

  for (const turn of [90, 270] as const) {
    it(`turned by ${turn}°: pages turned upright and said so in their provenance; the .docx findings`, async () => {
      const run = await pipeline(await landscapeOntoPortrait(land, { footer: true, turn }), `seed-turned-${turn}.pdf`);
      const info = run.document.pageInfo ?? [];
      // The text of the landscape page runs up (turned clockwise by 90° to read) or down the sheet.
      const upright = turn === 90 ? 90 : 270;
      expect(info.filter((p) => p.rotation === upright).length).toBeGreaterThanOrEqual(info.length - 2);
      expect(info.every((p) => p.width < p.height)).toBe(true); // the sheet is portrait
      expectSameFindings(docx, run);
    }, 180_000);
  }
});

describe('tables without ruling lines (Chromium prints of the same HTML)', () => {
  it('every cell a shaded box with white gaps (a web form): the fills are the grid, the .docx findings', async () => {
    const run = await pipeline(chromiumPdf(reportHtml(layoutDocument(seedSpec()), { tables: 'filled' })), 'seed-filled.pdf');
    expectSameFindings(docx, run);
  }, 180_000);

  // The grid comes from text positions alone (parsers/pdf/column-model.ts, row-model.ts).
  for (const style of ['ruleless', 'zebra'] as const) {
    it(`${style}: the .docx findings`, async () => {
      const run = await pipeline(chromiumPdf(reportHtml(layoutDocument(seedSpec()), { tables: style })), `seed-${style}.pdf`);
      expectSameFindings(docx, run);
      for (const t of tables(run.document)) {
        expect(t.source).toBe('borderless');
        expect(t.confidence).toBeLessThan(1);
      }
      // Resting on an inferred grid: never an error, and the reviewer is told why.
      const onGrid = run.findings.filter((f) => f.evidence.some((e) => e.location.gridInferred));
      expect(onGrid.length).toBeGreaterThan(20);
      expect(onGrid.filter((f) => f.severity === 'error')).toEqual([]);
      for (const f of onGrid) expect(f.message).toContain('表格无框线，行列按文字位置推断，请核对原件');
      // The .docx has errors among the same findings: they became warnings here.
      expect(docx.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    }, 180_000);
  }

  it('rule-less with text at the top left of each cell (Word\'s default, not the templates\' centring): the .docx findings', async () => {
    const run = await pipeline(chromiumPdf(reportHtml(layoutDocument(seedSpec()), { tables: 'ruleless', cellAlign: 'top-left' })), 'seed-ruleless-top-left.pdf');
    expectSameFindings(docx, run);
  }, 180_000);

  it('generated reports (the MOF 2020 family, random reports) printed rule-less: their .docx findings', async () => {
    const specs = { 'mof-2020': toFamily(seedSpec(), 'mof-2020'), random1: randomReportSpec(1), random2: randomReportSpec(2), random3: randomReportSpec(3), random4: randomReportSpec(4) };
    for (const [name, spec] of Object.entries(specs)) {
      const reference = await pipeline(writeDocx(spec), `${name}.docx`);
      const run = await pipeline(chromiumPdf(reportHtml(layoutDocument(spec), { tables: 'ruleless' })), `${name}-ruleless.pdf`);
      const m = matchFindings(reference.findings, run.findings);
      expect({ name, missed: m.missed.map(key), extra: m.extra.map(key) }).toEqual({ name, missed: [], extra: [] });
    }
  }, 300_000);

  it('rule-less: the tables and paragraphs of the ruled print; each form the same rows, columns and cell texts', async () => {
    const blocks = layoutDocument(seedSpec());
    const ruled = await parsePdf(chromiumPdf(reportHtml(blocks, { tables: 'ruled' })));
    const ruleless = await parsePdf(chromiumPdf(reportHtml(blocks, { tables: 'ruleless' })));
    // No table invented from the prose, no prose taken into a table.
    expect(paragraphs(ruleless).map(squeeze)).toEqual(paragraphs(ruled).map(squeeze));
    const [a, b] = [tables(ruled), tables(ruleless)];
    expect(b.map((t) => [t.page, t.pageEnd])).toEqual(a.map((t) => [t.page, t.pageEnd]));
    // The forms (绩效自评表): rows with text, each cell's column, columns spanned and text. Blank
    // rows have no text to show them, and a label's rows are where the ruled grid merges them.
    const rows = (t: TableBlock) =>
      Array.from({ length: t.nRows }, (_, r) => t.cells.filter((c) => c.row === r && squeeze(c.text)).map((c) => `${c.col}+${c.colSpan} ${squeeze(c.text)}`)).filter((r) => r.length);
    const forms = a.map((t, k) => k).filter((k) => a[k].nCols === 9);
    expect(forms.length).toBe(4);
    for (const k of forms) {
      expect(b[k].nCols).toBe(9);
      expect(rows(b[k])).toEqual(rows(a[k]));
    }
    // The 基础数据表: the same cell texts row by row (its 楼堂馆所 section is ruled finer than the rest).
    const texts = (t: TableBlock) => rows(t).map((r) => r.map((c) => c.replace(/^\d+\+\d+ /u, '')));
    expect(texts(b[0]).slice(0, 22)).toEqual(texts(a[0]).slice(0, 22));
  }, 180_000);
});
