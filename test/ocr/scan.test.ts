import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, TableBlock } from '../../schemas/document.js';
import { parsePdf } from '../../parsers/pdf.js';
import { cropRegion } from '../../parsers/ocr/crop.js';
import { loadEngine } from '../../parsers/ocr/engine.js';
import { grayImage } from '../../parsers/ocr/image.js';
import { encodePng } from '../../parsers/ocr/png.js';
import { scanPdf } from '../fixtures/producers/scan.js';
import { rejectionCode, sample, squeeze, tables } from '../pdf/helpers.js';
import { compareIndicatorNumbers, forms, pipeline } from './helpers.js';

/**
 * Scanned reports read back by OCR, on real scans: the seed report printed to PDF by LibreOffice
 * (samples/seed.pdf), rasterised at 200 dpi and wrapped into image-only PDFs by
 * test/fixtures/producers/scan.ts. OCR costs ~3 s CPU a page, so each variant is tested on the
 * pages that show it (not the whole 32-page report; bench/ocr.ts measures whole reports).
 */
const seedPdf = sample('seed.pdf');
let exact: Awaited<ReturnType<typeof pipeline>>;
let dir: string;

beforeAll(async () => {
  exact = await pipeline(seedPdf, 'seed.pdf');
  dir = mkdtempSync(join(tmpdir(), 'selfeval-ocr-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The exact (text layer) table that starts on `page`. */
function exactTableOn(page: number): TableBlock {
  const t = tables(exact.document).find((x) => x.page === page);
  if (!t) throw new Error(`no table on page ${page}`);
  return t;
}

function shape(t: TableBlock): string {
  return `${t.nRows}x${t.nCols}`;
}

/**
 * Cells holding digits whose text differs from the exact table without being marked as uncertain
 * OCR. Cells are matched by their top-left grid position (a merged cell running on to the next
 * page is shorter in a one-page scan).
 */
function silentCellDifferences(exactTable: TableBlock, scanned: TableBlock): string[] {
  const byPos = new Map(scanned.cells.map((c) => [`${c.row},${c.col}`, c]));
  const out: string[] = [];
  for (const c of exactTable.cells) {
    const s = byPos.get(`${c.row},${c.col}`);
    if (!s) out.push(`(${c.row},${c.col}) ${squeeze(c.text)} → no such cell`);
    else if (squeeze(s.text) !== squeeze(c.text) && (s.confidence ?? 1) >= 0.9 && /\d/u.test(c.text + s.text)) out.push(`(${c.row},${c.col}) ${squeeze(c.text)} → ${squeeze(s.text)} (${s.confidence})`);
  }
  return out;
}

describe('a greyscale JPEG scan (200 dpi) of the seed report, pages 2–6', () => {
  let scanned: Awaited<ReturnType<typeof pipeline>>;
  beforeAll(async () => {
    scanned = await pipeline(scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [2, 6] }), 'seed-scan.pdf');
  }, 300_000);

  it('reads every page by OCR, with its confidence, and says so once', () => {
    expect(scanned.document.pageInfo?.map((p) => p.textSource)).toEqual(['ocr', 'ocr', 'ocr', 'ocr', 'ocr']);
    for (const p of scanned.document.pageInfo ?? []) expect(p.confidence).toBeGreaterThan(0.9);
    expect(scanned.document.issues.filter((i) => i.code === 'IMAGE_PAGES_READ')).toHaveLength(1);
    expect(scanned.document.issues.some((i) => i.code === 'PAGE_NO_TEXT')).toBe(false);
  });

  it('rebuilds the same grids from the bitmap rulings (merged cells, the table over pages 2–3 joined)', () => {
    const got = tables(scanned.document);
    expect(got.map(shape)).toEqual([2, 4, 6].map((p) => shape(exactTableOn(p))));
    expect(got.map((t) => t.source)).toEqual(['raster', 'raster', 'raster']);
    expect(got[0].pageEnd).toBe(2); // pages 2–3 of the original are pages 1–2 of the scan
  });

  it('every indicator row number is read correctly or marked uncertain', () => {
    const exactForms = forms(exact.report);
    const scannedForms = forms(scanned.report);
    expect(scannedForms.size).toBe(3);
    let numbers = 0;
    for (const [part, rows] of scannedForms) {
      const ref = exactForms.get(part);
      expect(ref, part).toBeDefined();
      expect(rows.length, part).toBe(ref!.length);
      const cmp = compareIndicatorNumbers(ref!, rows);
      expect(cmp.silentlyWrong, part).toEqual([]);
      numbers += cmp.numbers;
    }
    expect(numbers).toBeGreaterThan(150);
  });

  it('values carry page, box, text source and confidence; findings on them are at most warnings', () => {
    const row = scanned.report.deptSelfEval!.indicators[0];
    expect(row.actual.loc.textSource).toBe('ocr');
    expect(row.actual.loc.confidence).toBeGreaterThan(0);
    expect(row.actual.loc.page).toBe(1);
    expect(row.actual.loc.bbox?.[2]).toBeGreaterThan(row.actual.loc.bbox![0]);
    expect(scanned.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(scanned.findings.some((f) => f.message.includes('OCR 识别，请核对原件'))).toBe(true);
  });

  it('the reviewer can see the cell the value was read from (crop of the scan)', async () => {
    const loc = scanned.report.deptSelfEval!.indicators[0].actual.loc;
    const png = await cropRegion(scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [2, 6] }), loc.page!, loc.bbox!);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    // 200 dpi scan: 200/72 pixels per point, box plus a 4 pt margin on each side.
    expect(width).toBeCloseTo(((loc.bbox![2] - loc.bbox![0] + 8) * 200) / 72, -1);
  });
});

describe('a black-and-white CCITT scan: the 工作经费 table running over pages 8–9', () => {
  it('keeps every row across the page break and reads the numbers', async () => {
    const scanned = await pipeline(scanPdf(seedPdf, { mode: 'mono', pages: [8, 9] }), 'mono.pdf');
    const [table] = tables(scanned.document);
    expect(shape(table)).toBe(shape(exactTableOn(8)));
    const part = [...forms(scanned.report).keys()][0];
    const cmp = compareIndicatorNumbers(forms(exact.report).get(part)!, forms(scanned.report).get(part)!);
    expect(cmp.numbers).toBeGreaterThan(70);
    expect(cmp.silentlyWrong).toEqual([]);
  }, 120_000);
});

describe('paper and scanner accidents on real files', () => {
  it('a red seal (公章) stamped over the indicator table: grid and the numbers under it survive', async () => {
    const bytes = scanPdf(seedPdf, { mode: 'color-jpeg', pages: [2, 2], seals: [{ page: 2, x: 380, y: 560 }] });
    const model = await parsePdf(bytes);
    const [table] = tables(model);
    const exactTable = exactTableOn(2);
    // The first page of the table as the text layer has it on page 2.
    expect(table.nCols).toBe(exactTable.nCols);
    const onPage2: TableBlock = { ...exactTable, cells: exactTable.cells.filter((c) => c.page === 2) };
    expect(silentCellDifferences(onPage2, table)).toEqual([]);
    // Nothing of the seal's own lettering leaks into the cells.
    expect(table.cells.some((c) => c.text.includes('汨罗市建筑工程服务中心') && c.row > 3)).toBe(false);
  }, 120_000);

  it('a page fed in sideways (90°) is turned upright before its table is built', async () => {
    const bytes = scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [4, 4], rotate: 90 });
    // Text is looked for twice: on the page as it came (its lines stand tall) and once it is turned the way
    // up those lines say — not turned 90°, found upside down and looked at a third time.
    const { detector } = await loadEngine();
    const run = detector.run;
    let detections = 0;
    detector.run = ((...args: Parameters<typeof run>) => {
      detections++;
      return run.apply(detector, args);
    }) as typeof run;
    const model = await parsePdf(bytes).finally(() => {
      detector.run = run;
    });
    expect(detections).toBe(2);
    const info = model.pageInfo![0];
    expect(info.width).toBeGreaterThan(info.height); // landscape as scanned
    expect(info.rotation).toBe(270); // turned back counter-clockwise: 270° clockwise
    const [table] = tables(model);
    const exactTable = exactTableOn(4);
    expect(table.nCols).toBe(exactTable.nCols);
    const onPage4: TableBlock = { ...exactTable, cells: exactTable.cells.filter((c) => c.page === 4) };
    expect(silentCellDifferences(onPage4, table)).toEqual([]);
  }, 120_000);

  it('a page scanned 1.5° askew is straightened', async () => {
    const model = await parsePdf(scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [1, 1], skewDeg: 1.5 }));
    const [table] = tables(model);
    const exactTable = exactTableOn(1);
    expect(shape(table)).toBe(shape(exactTable));
    expect(silentCellDifferences(exactTable, table)).toEqual([]);
  }, 120_000);
});

describe('mixed documents and pages OCR cannot read', () => {
  /** An image-only PDF page from a grey picture (pdf-lib), A4. */
  async function picturePdf(pictures: Uint8Array[]): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    for (const png of pictures) {
      const img = await doc.embedPng(png);
      doc.addPage([595, 842]).drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    }
    return doc.save();
  }

  /** A "photo": smooth shading and soft shapes, no writing. */
  function photo(): Uint8Array {
    const img = grayImage(826, 1169);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const d1 = Math.hypot(x - 300, y - 400) / 260;
        const d2 = Math.hypot(x - 560, y - 820) / 200;
        img.data[y * img.width + x] = Math.max(20, Math.min(235, 200 - 60 * Math.exp(-d1 * d1) * 2 - 50 * Math.exp(-d2 * d2) * 2 + 30 * Math.sin(y / 90)));
      }
    }
    return encodePng(img);
  }

  it('a blank scan and a photo: NO_TEXT_LAYER remains, with the reason', async () => {
    const blank = encodePng(grayImage(826, 1169, 250));
    const code = await rejectionCode(parsePdf(await picturePdf([blank, photo()])));
    expect(code).toBe('InputError:NO_TEXT_LAYER');
    const withText = await PDFDocument.load(await picturePdf([photo()]));
    const seedDoc = await PDFDocument.load(seedPdf);
    const mixed = await PDFDocument.create();
    const [first] = await mixed.copyPages(seedDoc, [0]);
    mixed.addPage(first);
    const [pic] = await mixed.copyPages(withText, [0]);
    mixed.addPage(pic);
    const model = await parsePdf(await mixed.save());
    expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['vector', 'none']);
    const issue = model.issues.find((i) => i.code === 'PAGE_NO_TEXT');
    expect(issue?.page).toBe(2);
    expect(issue?.message).toMatch(/OCR 也未识别出文字/u);
  }, 120_000);

  it('text pages keep their text layer, the appended scanned page is read by OCR', async () => {
    const scanned = scanPdf(seedPdf, { mode: 'gray-jpeg', pages: [6, 6] });
    const out = join(dir, 'mixed.pdf');
    execFileSync('qpdf', ['--empty', '--pages', join(import.meta.dirname, '..', '..', 'samples', 'seed.pdf'), '4-5', writeTmp(scanned), '1', '--', out]);
    const model: DocumentModel = await parsePdf(new Uint8Array(readFileSync(out)));
    expect(model.pageInfo?.map((p) => p.textSource)).toEqual(['vector', 'vector', 'ocr']);
    const got = tables(model);
    expect(got.map((t) => t.source)).toEqual(['ruled', 'raster']);
    expect(got.map(shape)).toEqual([shape(exactTableOn(4)), shape(exactTableOn(6))]);
    expect(got[0].cells.every((c) => c.textSource === undefined && c.confidence === undefined)).toBe(true);
    expect(got[1].cells.filter((c) => c.text).every((c) => c.textSource === 'ocr' && c.confidence !== undefined)).toBe(true);
    expect(model.issues.find((i) => i.code === 'IMAGE_PAGES_READ')?.message).toMatch(/^第 3 页是扫描图像/u);
  }, 120_000);

  function writeTmp(bytes: Uint8Array): string {
    const path = join(dir, `part-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(path, bytes);
    return path;
  }
});
